"""Where the text of a touchpoint is, and where inside it a word stands in the source file."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from tpkit.i18n import N_, _
from tpkit.model import Key, Touchpoint
from tpkit.text import WORD_RE

# Where a text stands, as a finding names it: "«…» in step 2 is…". In Russian the label opens
# the message in its dictionary form («шаг 2: «…» — канцелярское слово»).
FIELD_LABELS = {
    "standard": N_("the standard"),
    "steps": N_("step {n}"),
    "say": N_("say phrase {n}"),
    "checks": N_("check '{id}'"),
    "avoid": N_("the 'instead' of avoid {n}"),
    "title": N_("the title"),
}


class Label:
    """The name of a text field, put into words only when a finding is made (most fields
    have none), in the language of the output then."""

    __slots__ = ("check", "field", "number", "quoted")

    def __init__(self, field: str, number: int = 0, check: str = "", quoted: bool = False):
        self.field = field
        self.number = number
        self.check = check
        self.quoted = quoted

    def __str__(self) -> str:
        text = _(FIELD_LABELS[self.field], n=self.number, id=self.check)
        return _("a phrase quoted in {label}", label=text) if self.quoted else text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def in_quotes(self) -> Label:
        """The label of a phrase quoted inside this field."""
        return Label(self.field, self.number, self.check, quoted=True)


# The fields of the touchpoint the rules are reading now, listed once for all of them (the
# touchpoint is held here, so it is the same object while the entry is used).
_FIELDS: list[Any] = [None, {}]


def text_fields(tp: Touchpoint, *names: str) -> list[tuple[Key, str, Label]]:
    """(key path, text, label) of the named text fields, in file order."""
    if _FIELDS[0] is not tp:
        _FIELDS[0], _FIELDS[1] = tp, {}
    known: dict[tuple[str, ...], list[tuple[Key, str, Label]]] = _FIELDS[1]
    found = known.get(names)
    if found is None:
        found = known[names] = list(_fields(tp, names))
    return found


def _fields(tp: Touchpoint, names: tuple[str, ...]) -> Iterator[tuple[Key, str, Label]]:
    for name in names:
        if name in ("standard", "title"):
            yield (name,), getattr(tp, name), Label(name)
        elif name in ("steps", "say"):
            for i, text in enumerate(getattr(tp, name)):
                yield (name, i), text, Label(name, i + 1)
        elif name == "checks":
            for check in tp.checks:
                yield ("checks", check.index, "text"), check.text, Label(name, check=check.id)
        elif name == "avoid":
            for i, item in enumerate(tp.avoid):
                yield ("avoid", i, "instead"), item.instead, Label(name, i + 1)


def locate(tp: Touchpoint, key: Key, text: str, start: int, end: int) -> tuple[int, int]:
    """Line and column in the file of text[start:end], else the start of the value. The words
    of each value are placed once, so a file with many findings costs one pass (a folded or
    plain value keeps its words in order in the file)."""
    line, column = tp.pos(*key)
    if not tp.source or tp.pos.end.get(key) is None or not text[start:end].strip():
        return line, column
    placed = _placed(tp, key, text)
    if placed is None:
        return _search(tp, key, text, start, end)
    starts, where = placed
    i = bisect.bisect_left(starts, start)
    if i == len(starts) or starts[i] >= end:  # no word in the span ("___"): look for it
        return _search(tp, key, text, start, end)
    at_line, at_col = where[i]
    return at_line, max(1, at_col - (starts[i] - start))


# By file, key, text and where the value starts and ends: the same words at another place (the
# file edited, or another registry's file of the same name) are placed again.
_PLACED: dict[tuple[object, ...], tuple[list[int], list[tuple[int, int]]] | None] = {}
_LINES: dict[str, tuple[str, list[int]]] = {}


def _placed(tp: Touchpoint, key: Key, text: str) -> tuple[list[int], list[tuple[int, int]]] | None:
    """(where each word starts in the value, its line and column in the file), or None when
    the file writes the value's words otherwise (escapes in a quoted string)."""
    cache_key = (tp.path, key, text, tp.pos(*key), tp.pos.end.get(key))
    if cache_key in _PLACED:
        return _PLACED[cache_key]
    if len(_PLACED) > 2_000:
        _PLACED.clear()
        _LINES.clear()
    source = tp.source
    known = _LINES.get(tp.path)
    if known is None or known[0] is not source:
        known = _LINES[tp.path] = (source, [0, *(m.end() for m in re.finditer("\n", source))])
    line_starts = known[1]
    line, column = tp.pos(*key)
    stop_line, stop_col = tp.pos.end[key]
    begin = line_starts[line - 1] + column - 1 if line - 1 < len(line_starts) else len(source)
    finish = (
        line_starts[stop_line - 1] + stop_col if stop_line - 1 < len(line_starts) else len(source)
    )
    words = list(WORD_RE.finditer(text))
    found = list(WORD_RE.finditer(source, begin, max(begin, finish)))
    if len(found) < len(words) or any(
        a.group() != b.group() for a, b in zip(words, found, strict=False)
    ):
        _PLACED[cache_key] = None
        return None
    where = []
    for m in found[: len(words)]:
        row = bisect.bisect_right(line_starts, m.start()) - 1
        where.append((row + 1, m.start() - line_starts[row] + 1))
    result = ([m.start() for m in words], where)
    _PLACED[cache_key] = result
    return result


def _search(tp: Touchpoint, key: Key, text: str, start: int, end: int) -> tuple[int, int]:
    """The nth occurrence of the first word in the file's lines of the value."""
    line, column = tp.pos(*key)
    stop = tp.pos.end[key]
    word = text[start:end].split()[0]
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


# --- Roles of text: what staff say, what they are told to do, what they must not say --------

# A quoted phrase: «…», “…”, "…", or '…' standing apart from words (not an apostrophe).
QUOTE_RE = re.compile(
    r"«([^«»\n]{1,300})»|“([^“”\n]{1,300})”|\"([^\"\n]{1,300})\"|(?<![\w'])'((?:[^'\n]|(?<=\w)'(?=\w)){1,300}?)'(?![\w])"
)
# Words before a quoted phrase that make it the bad example: «вместо «Я не знаю» говорите…»,
# "instead of 'I don't know', say…", "don't say 'No problem'".
BAD_EXAMPLE_RE = re.compile(
    r"(?:\bвместо|\bне\s+(?:говор|произнос|использ|употребл|отвеча|пиш)\w*|\bнельзя\s+\w+|"
    r"\bизбега\w*|\bзапрещ\w*|\bникаких|\bникогда\s+не\s+\w+|\bне\s+допуска\w*|"
    r"\binstead\s+of|\brather\s+than|\b(?:do\s+not|don't|don’t|never|not)\s+(?:say|use|tell|"
    r"write|answer)\w*|\bavoid\w*|\bforbidden|\bbanned|\bno\s+more)"
    r"[^.!?«»“”\"]{0,25}[:,]?\s*$",
    re.IGNORECASE,
)
INSTRUCTION_FIELDS = ("standard", "steps", "checks")
SPEECH_FIELDS = ("say", "avoid")  # a say phrase, and the 'instead' of an avoided phrase


def quoted(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is the bad example) of each quoted phrase in the text."""
    for m in QUOTE_RE.finditer(text):
        group = next(i for i in range(1, 5) if m.group(i) is not None)
        before = text[max(0, m.start() - 60) : m.start()]
        yield m.start(group), m.end(group), bool(BAD_EXAMPLE_RE.search(before))


def avoided(text: str) -> list[tuple[int, int]]:
    """Spans of the text quoted as what not to say: no rule reports words inside them."""
    if not ("«" in text or '"' in text or "“" in text or "'" in text):
        return []
    return [(s, e) for s, e, bad in quoted(text) if bad]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def spoken(tp: Touchpoint) -> list[tuple[Key, str, Label, list[tuple[int, int]]]]:
    """What staff say: (key, text, label, the spans of the text that are speech). Say phrases
    and the replacements of avoided phrases are speech whole; in the standard, steps and
    checks only the phrases quoted as what to say are."""
    if _FIELDS[0] is not tp:
        _FIELDS[0], _FIELDS[1] = tp, {}
    found: list[tuple[Key, str, Label, list[tuple[int, int]]]] | None = _FIELDS[1].get("spoken")
    if found is None:
        found = _FIELDS[1]["spoken"] = list(_spoken(tp))
    return found


def _spoken(tp: Touchpoint) -> Iterator[tuple[Key, str, Label, list[tuple[int, int]]]]:
    for key, text, label in text_fields(tp, "say", "avoid"):
        bad = avoided(text)
        if not bad:
            yield key, text, label, [(0, len(text))]
        else:
            yield key, text, label, _between(len(text), bad)
    for key, text, label in text_fields(tp, *INSTRUCTION_FIELDS):
        if not ("«" in text or '"' in text or "“" in text or "'" in text):
            continue
        spans = [(s, e) for s, e, bad in quoted(text) if not bad]
        if spans:
            yield key, text, label.in_quotes(), spans


def _between(length: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, last = [], 0
    for s, e in sorted(holes):
        if s > last:
            out.append((last, s))
        last = max(last, e)
    if last < length:
        out.append((last, length))
    return out


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?…;])[\"»”)]*\s+|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of the text starts and ends (a ';' ends one too)."""
    out, start = [], 0
    for m in _SENTENCE_SPLIT_RE.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out
