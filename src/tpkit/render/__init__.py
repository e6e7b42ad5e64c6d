"""Printouts: auditor checklists, staff handouts and audit reports (HTML, PDF, Markdown).

One Jinja2 environment renders every page: HTML is autoescaped, an undefined name is an error,
and every fixed word comes from the labels file of the page's language. A registry's own
templates/NAME replaces the built-in template of that name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpkit.errors import RegistryError, TpkitError, UsageError
from tpkit.registry import Registry, builtin_dir, merge, read_yaml

FORMATS = ("html", "pdf", "md")


@dataclass
class Page:
    template: str  # checklist | handout | report
    name: str  # file name without extension, for the default output path
    lang: str
    context: dict[str, Any] = field(default_factory=dict)


def labels(lang: str, root: Path | None = None) -> dict[str, Any]:
    """The fixed words of a page: the built-in labels file, with the registry's merged over."""
    data: dict[str, Any] = {}
    for folder in (builtin_dir("templates"), *((root / "templates",) if root else ())):
        path = folder / "labels" / f"{lang}.yaml"
        if path.is_file():
            got, _ = read_yaml(path)
            if not isinstance(got, dict):
                raise RegistryError(f"{path}:1:1: a labels file is a block of 'key: value' lines")
            data = merge(data, got)
    if not data:
        raise RegistryError(
            f"no labels for the language '{lang}'", [f"add templates/labels/{lang}.yaml"]
        )
    return data


def page_language(registry: Registry, venue: str | None, langs: list[str]) -> str:
    """The venue's language; else the language most of the page's text is in."""
    if venue:
        item = registry.config.venue(venue)
        if item is not None and item.language:
            return item.language
    if langs:
        return Counter(langs).most_common(1)[0][0]
    return registry.config.language


def render_text(page: Page, fmt: str, root: Path | None) -> str:
    """The page as HTML or Markdown text."""
    from tpkit.render.env import environment

    env = environment(root)
    words = labels(page.lang, root)
    template = env.get_template(f"{page.template}.{'md' if fmt == 'md' else 'html'}")
    return template.render(page.context, L=words, lang=page.lang)


def write(page: Page, fmt: str, output: Path | None, root: Path | None) -> Path:
    """Render the page to a file (default: out/NAME.EXT under the registry) and return it."""
    if fmt not in FORMATS:
        raise UsageError(f"--format '{fmt}' is not one of {', '.join(FORMATS)}")
    if fmt == "pdf":
        from tpkit.render.pdf import ensure_weasyprint

        ensure_weasyprint()
    path = output or (root or Path.cwd()) / "out" / f"{page.name}.{fmt}"
    text = render_text(page, "html" if fmt == "pdf" else fmt, root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            from tpkit.render.pdf import html_to_pdf

            path.write_bytes(html_to_pdf(text, base_url=str(root or Path.cwd())))
        else:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TpkitError(
            f"{path} cannot be written: {exc.strerror or exc}",
            ["choose another place with -o PATH"],
        ) from exc
    return path
