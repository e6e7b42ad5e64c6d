"""Where the text of a touchpoint is, and where inside it a word stands in the source file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tpkit.model import Key, Touchpoint

FIELD_LABELS = {
    "standard": "the standard",
    "steps": "step",
    "say": "say phrase",
    "checks": "check",
    "avoid": "the replacement of avoided phrase",
    "title": "the title",
}


def text_fields(tp: Touchpoint, *names: str) -> Iterator[tuple[Key, str, str]]:
    """(key path, text, label) of the named text fields, in file order."""
    for name in names:
        if name in ("standard", "title"):
            yield (name,), getattr(tp, name), FIELD_LABELS[name]
        elif name in ("steps", "say"):
            for i, text in enumerate(getattr(tp, name)):
                yield (name, i), text, f"{FIELD_LABELS[name]} {i + 1}"
        elif name == "checks":
            for check in tp.checks:
                yield ("checks", check.index, "text"), check.text, f"check '{check.id}'"
        elif name == "avoid":
            for i, item in enumerate(tp.avoid):
                yield ("avoid", i, "instead"), item.instead, f"the 'instead' of avoid {i + 1}"


def locate(tp: Touchpoint, key: Key, text: str, start: int, end: int) -> tuple[int, int]:
    """Line and column in the file of text[start:end], else the start of the value."""
    line, column = tp.pos(*key)
    stop = tp.pos.end.get(key)
    word = text[start:end].split()[0] if text[start:end].split() else ""
    if not tp.source or stop is None or not word:
        return line, column
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    nth = len(pattern.findall(text, 0, start))
    lines = tp.source.splitlines()[line - 1 : stop[0]]
    if not lines:
        return line, column
    region = "\n".join(lines)
    begin = column - 1
    for i, match in enumerate(pattern.finditer(region, begin)):
        if i == nth:
            before = region[: match.start()]
            row = before.count("\n")
            col = match.start() - (before.rfind("\n") + 1)
            return line + row, col + 1
    return line, column


def quote(text: str, lang: str) -> str:
    return f"«{text}»" if lang == "ru" else f"“{text}”"
