"""PDF from the same HTML, with WeasyPrint (the optional extra tpkit[pdf])."""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import logging
import mimetypes
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from tpkit.errors import TpkitError
from tpkit.render.files import Refused, read_inside, shown
from tpkit.terminal import clean

INSTALL_HINT = [
    "install it with: pip install 'tpkit[pdf]'",
    "WeasyPrint also needs Pango and a font with Cyrillic letters; on Debian or Ubuntu: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
    "or print the HTML from a browser: tpkit render ... --format html",
]


def ensure_weasyprint() -> None:
    """Stop with a clear message (exit 2) when WeasyPrint or its libraries are missing."""
    try:
        _import_weasyprint()
    except ImportError as exc:
        raise TpkitError(
            "PDF output needs WeasyPrint, which is not installed", INSTALL_HINT
        ) from exc
    except OSError as exc:  # the Python package is there, the system libraries are not
        raise TpkitError(f"WeasyPrint cannot start: {exc}", INSTALL_HINT) from exc


def _import_weasyprint() -> None:
    """Import WeasyPrint, without the program runs its loader would make on Linux.

    WeasyPrint tries several names for each system library (Pango, HarfBuzz, fontconfig...),
    the sonames the dynamic loader opens itself last. Each name before them goes to
    ctypes.util.find_library, which runs ldconfig, gcc and ld to look for it: some fifty
    programs and a quarter of a second on every PDF. The first import answers those look-ups
    "not found" at once, so the names are opened by the dynamic loader alone (which is where a
    found name ends up too); only when that import cannot find a library is it tried again
    with the full search."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    search = ctypes.util.find_library
    try:
        ctypes.util.find_library = _not_found
        with contextlib.redirect_stdout(io.StringIO()):  # its banner about a missing library
            importlib.import_module("weasyprint")
        return
    except OSError:
        pass
    finally:
        ctypes.util.find_library = search
    importlib.import_module("weasyprint")


def _not_found(name: str) -> str | None:
    return None


FRAME_ROOM = 1 << 20  # bytes of Python frames the layout of a page may use without a new block
GC_THRESHOLD = 50_000  # new objects between two runs of the youngest generation
NETWORK = frozenset({"http", "https", "ftp", "ftps", "ws", "wss", "gopher", "smb", "sftp"})


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


def html_to_pdf(html: str, base: Path, folders: Sequence[Path], root: Path | None) -> bytes:
    """The page as PDF. Every file the page refers to (stylesheet, image, font, attachment)
    comes through `fetcher`: regular files inside `folders`, and data: URLs; nothing else."""
    _import_weasyprint()
    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL)
        if not any(isinstance(f, _Quiet) for f in logger.filters):
            logger.addFilter(_Quiet())  # what it cannot load, tpkit says itself
    base_url = Path(os.path.abspath(base)).as_uri() + "/"
    try:
        with _few_collections():
            page = HTML(string=html, base_url=base_url, url_fetcher=fetcher(folders, root))
            pdf = _with_room_for_frames(page.write_pdf)
    except OSError as exc:  # an image or a font inside the registry that cannot be read
        raise TpkitError(
            f"the PDF cannot be made: {exc.strerror or exc}",
            ["check the images and fonts in templates/ and assets/", *INSTALL_HINT[2:]],
        ) from exc
    return bytes(pdf) if pdf is not None else b""


def _with_room_for_frames(make: Callable[[], Any]) -> Any:
    """make(), its Python frames in one block of memory taken once.

    CPython (3.11 on) keeps frames in blocks of 16 KiB and gives a block back as soon as the
    stack shrinks below it. The layout of a long page goes up and down across such a border
    tens of thousands of times: each time a block is mapped, unmapped and faulted in again, a
    fifth of the time of the PDF. This function's frame is made far larger than any block
    (see below), so it gets a block of its own of twice its size, and every frame of make()
    fits in the rest of that block."""
    return make()


# The frame of _with_room_for_frames: 1 MiB of value stack it never uses (the memory is only
# reserved, never touched), so that its block is 2 MiB with 1 MiB left for the frames above it.
_with_room_for_frames.__code__ = _with_room_for_frames.__code__.replace(
    co_stacksize=FRAME_ROOM // 8
)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Lay out the page with fewer runs of the cycle collector: WeasyPrint makes hundreds of
    thousands of small objects, nearly none of them in cycles, and each run of the collector
    would go through them and through everything tpkit read before (a tenth of the time)."""
    threshold = gc.get_threshold()
    gc.freeze()  # what exists now is not looked at again
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def fetcher(folders: Sequence[Path], root: Path | None) -> Any:
    """A WeasyPrint URL fetcher that serves data: URLs, and file: URLs of regular files inside
    `folders` (links resolved first: a link out is refused). Anything else, http and https
    included, is refused: one warning line on stderr per URL, and the page is made without it."""
    from urllib.request import DataHandler, Request

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    warned: set[str] = set()

    def refuse(url: str, why: str) -> ValueError:
        if url not in warned:
            warned.add(url)
            shown_url = _shown_url(url, root)
            print(f"tpkit: warning: {shown_url} is left out of the PDF: {why}", file=sys.stderr)
        return ValueError(f"{url}: {why}")

    class RegistryFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                try:
                    got = DataHandler().data_open(Request(url))
                except (ValueError, OSError) as exc:
                    raise refuse(url, f"the data: URL is broken ({exc})") from None
                kind = got.headers.get("Content-Type", "text/plain")
                return URLFetcherResponse(url, got.read(), {"Content-Type": kind})
            if scheme in NETWORK:
                raise refuse(url, "tpkit fetches nothing from the network")
            if scheme != "file":
                raise refuse(url, f"tpkit reads no {clean(scheme[:20])}: URL")
            try:
                parts = urlsplit(url)
                path = url2pathname(parts.path)
            except ValueError:
                raise refuse(url, "the URL is broken") from None
            if parts.netloc not in ("", "localhost"):
                raise refuse(url, "tpkit fetches nothing from another machine")
            try:
                data = read_inside(path, folders, "the registry's templates/ and assets/ folders")
            except Refused as exc:
                raise refuse(url, str(exc)) from None
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    # No protocol at all for the inherited opener: only fetch() above serves anything.
    return RegistryFetcher(allowed_protocols=(), allow_redirects=False)


def _shown_url(url: str, root: Path | None) -> str:
    text = url
    if url.lower().startswith("file:"):
        with contextlib.suppress(ValueError):
            text = shown(Path(url2pathname(urlsplit(url).path)), root)
    text = clean(text)
    return text if len(text) <= 200 else text[:199] + "…"
