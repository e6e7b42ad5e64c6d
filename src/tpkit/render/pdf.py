"""PDF from the same HTML, with WeasyPrint (the optional extra tpkit[pdf])."""

from __future__ import annotations

from tpkit.errors import TpkitError

INSTALL_HINT = [
    "install it with: pip install 'tpkit[pdf]'",
    "WeasyPrint also needs Pango and a font with Cyrillic letters; on Debian or Ubuntu: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
    "or print the HTML from a browser: tpkit render ... --format html",
]


def ensure_weasyprint() -> None:
    """Stop with a clear message (exit 2) when WeasyPrint or its libraries are missing."""
    try:
        import weasyprint  # noqa: F401
    except ImportError as exc:
        raise TpkitError(
            "PDF output needs WeasyPrint, which is not installed", INSTALL_HINT
        ) from exc
    except OSError as exc:  # the Python package is there, the system libraries are not
        raise TpkitError(f"WeasyPrint cannot start: {exc}", INSTALL_HINT) from exc


def html_to_pdf(html: str, base_url: str) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html, base_url=base_url).write_pdf()
    return bytes(pdf) if pdf is not None else b""
