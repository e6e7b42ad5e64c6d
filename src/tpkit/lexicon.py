"""Word lists of a language, compiled once into indexes that match word forms.

`plain`, `forbidden` and `vague` entries match by stem, so «осуществлять» also finds
«осуществляет» and «осуществляют», and "utilize" finds "utilized"; a word whose stem is under
four letters is compared as written. Filler words match their exact form only: they are fixed
particles, and «типа» must not find «тип». Matching is by whole words, never inside another
word, and ignores letter case. Where entries overlap, the longest one is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tpkit.text import WORD_RE, normal, stem

MIN_STEM = 4
ABBREVIATION_RE = re.compile(r"(?<![\w-])[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]*[A-ZА-ЯЁ](?![\w-])")


@dataclass(frozen=True, slots=True)
class Entry:
    phrase: str
    instead: str = ""
    channels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # character offsets in the searched text
    end: int
    surface: str  # the words as they stand in the text


@dataclass
class PhraseIndex:
    """Finds word sequences in text; keyed by the first word for one pass over the tokens."""

    lang: str
    by_stem: bool
    first: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    anchors: set[tuple[str, bool]] = field(default_factory=set)  # (key, is a stem)

    def add(self, entry: Entry) -> None:
        words = Words.of(entry.phrase, self.lang)
        keys = tuple(words.stems if self.by_stem else words.exact)
        if not keys:
            return
        # The longest word of the phrase is the rarest: texts without it are skipped at once.
        i = max(range(len(keys)), key=lambda k: len(keys[k]))
        self.anchors.add((keys[i], self.by_stem and keys[i] != words.exact[i]))
        bucket = self.first.setdefault(keys[0], [])
        bucket.append((keys, entry))
        bucket.sort(key=lambda item: -len(item[0]))  # longest phrase wins

    def find(self, text: str | Words) -> Iterator[Match]:
        words = text if isinstance(text, Words) else Words.of(text, self.lang)
        keys = words.stems if self.by_stem else words.exact
        first = self.first
        i = 0
        while i < len(keys):
            bucket = first.get(keys[i])
            if bucket:
                for phrase, entry in bucket:
                    n = len(phrase)
                    if tuple(keys[i : i + n]) == phrase:
                        start, end = words.spans[i][0], words.spans[i + n - 1][1]
                        yield Match(entry, start, end, words.text[start:end])
                        i += n - 1
                        break
            i += 1


_KEY_CACHE: dict[str, dict[str, tuple[str, str]]] = {}
_KEY_CACHE_SIZE = 100_000


class Words:
    """A text split into words once, with both keys of each word: the exact (lower-case) form
    and the stem key that word forms share. Where each word stands is worked out only when
    something matched."""

    __slots__ = ("_spans", "exact", "stems", "text")

    def __init__(self, text: str, exact: list[str], stems: list[str]) -> None:
        self.text = text
        self.exact = exact
        self.stems = stems
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD_RE.finditer(self.text)]
        return self._spans

    @classmethod
    def of(cls, text: str, lang: str) -> Words:
        cache = _KEY_CACHE.setdefault(lang, {})
        exact, stems = [], []
        for word in WORD_RE.findall(text):
            keys = cache.get(word)
            if keys is None:
                if len(cache) > _KEY_CACHE_SIZE:
                    cache.clear()
                keys = cache[word] = _keys(word, lang)
            exact.append(keys[0])
            stems.append(keys[1])
        return cls(text, exact, stems)


def _keys(word: str, lang: str) -> tuple[str, str]:
    exact = normal(word)
    root = stem(word, lang)
    # A stem of under four letters would match unrelated words (цел: целях / целом), so short
    # words are compared as written.
    return exact, root if len(root) >= MIN_STEM else exact


@dataclass
class Lexicon:
    lang: str
    forbidden: PhraseIndex
    plain: PhraseIndex
    filler: PhraseIndex
    vague: PhraseIndex
    glossary: dict[str, str]
    forbidden_entries: list[Entry]

    def __post_init__(self) -> None:
        wording = set().union(*(i.anchors for i in (self.forbidden, self.plain, self.filler)))
        self._prefilter = _prefilter(wording, self.lang)
        self._vague_prefilter = _prefilter(self.vague.anchors, self.lang)

    def words(self, text: str, vague: bool = False) -> Words:
        """The text split into words, for the vague list or for the others; a text that holds
        no anchor word of those lists is not split at all, since nothing can match in it."""
        check = self._vague_prefilter if vague else self._prefilter
        if not check.may_match(text):
            return Words(text, [], [])
        return Words.of(text, self.lang)

    def abbreviations(self, text: str) -> Iterator[re.Match[str]]:
        for match in ABBREVIATION_RE.finditer(text):
            if match.group() not in self.glossary:
                yield match


@dataclass
class Prefilter:
    """Decides whether a text can hold any entry of the lists: it holds the rarest word (the
    anchor) of one. Each word is judged once, by its keys, and remembered."""

    lang: str
    exact: frozenset[str]  # anchors compared as written
    stems: frozenset[str]  # anchors compared by stem
    seen: dict[str, bool] = field(default_factory=dict)

    def may_match(self, text: str) -> bool:
        seen = self.seen
        for word in WORD_RE.findall(text):
            hit = seen.get(word)
            if hit is None:
                if len(seen) > _KEY_CACHE_SIZE:
                    seen.clear()
                exact, stem_key = _keys(word, self.lang)
                hit = seen[word] = exact in self.exact or stem_key in self.stems
            if hit:
                return True
        return False


def _prefilter(anchors: set[tuple[str, bool]], lang: str) -> Prefilter:
    return Prefilter(
        lang,
        frozenset(k for k, is_stem in anchors if not is_stem),
        frozenset(k for k, is_stem in anchors if is_stem),
    )


def compile_lexicon(lang: str, data: dict[str, Any]) -> Lexicon:
    forbidden = PhraseIndex(lang, by_stem=True)
    entries: list[Entry] = []
    for phrase, value in (data.get("forbidden") or {}).items():
        if isinstance(value, dict):
            entry = Entry(phrase, str(value.get("instead", "")), tuple(value.get("channels") or ()))
        else:
            entry = Entry(phrase, str(value or ""))
        entries.append(entry)
        forbidden.add(entry)
    plain = PhraseIndex(lang, by_stem=True)
    for word, instead in (data.get("plain") or {}).items():
        plain.add(Entry(word, str(instead or "")))
    filler = PhraseIndex(lang, by_stem=False)
    for word in data.get("filler") or ():
        filler.add(Entry(str(word)))
    vague = PhraseIndex(lang, by_stem=True)
    for word in data.get("vague") or ():
        vague.add(Entry(str(word)))
    glossary = {str(k): str(v) for k, v in (data.get("glossary") or {}).items()}
    return Lexicon(lang, forbidden, plain, filler, vague, glossary, entries)
