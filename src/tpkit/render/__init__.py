"""Printouts: auditor checklists, staff handouts and audit reports (HTML, PDF, Markdown).

One sandboxed Jinja2 environment renders every page: HTML is autoescaped, an undefined name is
an error, and every fixed word is a message of tpkit in the page's language (a registry's
templates/labels/<lang>.yaml may replace any of them). Pages for a venue are in the venue's
language, one file per venue. A registry's own templates/NAME replaces the built-in template of
that name; it runs in the same sandbox, and the PDF engine reads only files inside the
registry's templates/ and assets/ folders (and a report's photos inside the registry). A page is
written beside its place and moved there, never through a link."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpkit.config import Registry, builtin_dir, merge, read_yaml
from tpkit.errors import RegistryError, UsageError

FORMATS = ("html", "pdf", "md")


@dataclass
class Page:
    template: str  # checklist | handout | report
    name: str  # file name without extension, for the default output path
    lang: str
    context: dict[str, Any] = field(default_factory=dict)
    venue: str = ""  # the venue the page is for, when it is for one


def labels(lang: str, root: Path | None = None) -> dict[str, Any]:
    """The fixed words of a page in `lang`: tpkit's own, from the message catalogue, with the
    registry's templates/labels/<lang>.yaml merged over them. Every labels file of the registry
    is checked, so that a broken one is named whichever language a page is printed in."""
    from tpkit import i18n

    with i18n.language(lang):
        data: dict[str, Any] = builtin_words()
    if root is None:
        return data
    for other in i18n.LANGUAGES:
        got = _registry_labels(root, other)
        if other == lang and got is not None:
            data = merge(data, got)
    return data


def _registry_labels(root: Path, lang: str) -> dict[str, Any] | None:
    from tpkit.render.files import Refused, inside

    folder = root / "templates" / "labels"
    path = folder / f"{lang}.yaml"
    if not os.path.lexists(path):
        return None
    try:
        found = inside(path, [folder], "templates/labels/")
    except Refused as exc:
        raise RegistryError(
            f"{shown_path(path, root)}: this labels file is not used: {exc}",
            ["a labels file is a file inside templates/labels/ of the registry"],
        ) from None
    got, _ = read_yaml(found)
    if not isinstance(got, dict):
        raise RegistryError(f"{path}:1:1: a labels file is a block of 'key: value' lines")
    return got


def builtin_words() -> dict[str, Any]:
    from tpkit.render.words import builtin

    return builtin()


def shown_path(path: Path, root: Path | None) -> str:
    from tpkit.render.files import shown

    return shown(path, root)


def page_language(registry: Registry, venue: str | None, langs: list[str]) -> str:
    """The venue's language; else the language most of the page's text is in; else the
    registry's."""
    if venue:
        item = registry.config.venue(venue)
        if item is not None and item.language:
            return item.language
    if langs:
        return Counter(langs).most_common(1)[0][0]
    return registry.config.language


def venue_language(registry: Registry, venue: str | None) -> str:
    """The language a venue's pages are in: the venue's own, else the registry's."""
    item = registry.config.venue(venue) if venue else None
    return (item.language if item is not None else "") or registry.config.language


def render_text(page: Page, fmt: str, root: Path | None) -> str:
    """The page as HTML or Markdown text, every word of it in the page's language."""
    from tpkit import i18n
    from tpkit.render.env import environment, render_page

    env = environment(root)
    words = labels(page.lang, root)
    name = f"{page.template}.{'md' if fmt == 'md' else 'html'}"
    with i18n.language(page.lang):
        text = render_page(env, name, {**page.context, "L": words, "lang": page.lang})
    return text if fmt == "md" else with_policy(text)


# What a printout opened in a browser may load: its own styles and images written into it,
# nothing else (no script, no picture or font from the network), whatever a registry's
# template says.
POLICY = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; font-src data:\">"
)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def with_policy(html: str) -> str:
    """The page with the content policy as the first thing in its head."""
    m = _HEAD_RE.search(html)
    if m is None:
        return POLICY + "\n" + html
    return html[: m.end()] + "\n" + POLICY + html[m.end() :]


def asset_folders(root: Path | None) -> list[Path]:
    """The folders the PDF engine may read files from: the registry's templates/ and assets/,
    and tpkit's own templates and fonts."""
    folders = [root / "templates", root / "assets"] if root is not None else []
    return [*folders, builtin_dir("templates"), builtin_dir("fonts")]


def write(page: Page, fmt: str, output: Path | None, root: Path | None) -> Path:
    """Render the page to a file (default: out/NAME.EXT under the registry) and return it."""
    from tpkit.render.files import save

    if fmt not in FORMATS:
        raise UsageError(f"--format '{fmt}' is not one of {', '.join(FORMATS)}")
    if fmt == "pdf":
        from tpkit.render.pdf import ensure_weasyprint

        ensure_weasyprint()
    path = output or (root or Path.cwd()) / "out" / f"{page.name}.{fmt}"
    text = render_text(page, "html" if fmt == "pdf" else fmt, root)
    if fmt == "pdf":
        from tpkit.render.pdf import html_to_pdf

        data = html_to_pdf(text, base=root or Path.cwd(), folders=asset_folders(root), root=root)
    else:
        data = text.encode("utf-8")
    save(path, data, root)
    return path
