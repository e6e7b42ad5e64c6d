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
from dataclasses import dataclass
from typing import Any

from tpkit.text import WORD_RE, normal, stem

MIN_STEM = 4
# Two or more capitals as a whole word. The start of the word is checked in code: a
# look-behind at every character would make the search three times slower.
ABBREVIATION_RE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]*[A-ZА-ЯЁ](?![\w-])")


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


class WordSet:
    """Words as written whose exact form or stem key is one of a set of keys. Each word is
    judged once and remembered, so a text of known words is judged by set operations."""

    __slots__ = ("exact", "hits", "lang", "seen", "stems")

    def __init__(self, lang: str, exact: set[str], stems: set[str]) -> None:
        self.lang = lang
        self.exact = frozenset(exact)  # keys compared as written
        self.stems = frozenset(stems)  # keys compared by stem
        self.seen: set[str] = set()  # words as written, judged
        self.hits: set[str] = set()  # those of them whose key is in the set

    def any_in(self, tokens: list[str]) -> bool:
        return not self.among(tokens).isdisjoint(tokens)

    def among(self, tokens: list[str]) -> set[str]:
        """The words of the set, once every one of the tokens has been judged."""
        if not self.seen.issuperset(tokens):
            if len(self.seen) > _KEY_CACHE_SIZE:
                self.seen.clear()
                self.hits.clear()
            for word in tokens:
                if word not in self.seen:
                    exact, stem_key = word_keys(word, self.lang)
                    if exact in self.exact or stem_key in self.stems:
                        self.hits.add(word)
                    self.seen.add(word)
        return self.hits


class PhraseIndex:
    """Finds word sequences in text, keyed by their first word. A text without the rarest word
    (the anchor) of any entry is passed over by one set operation; in the others only the
    words that begin an entry are looked at."""

    def __init__(self, lang: str, by_stem: bool) -> None:
        self.lang = lang
        self.by_stem = by_stem
        self.first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self._anchors: tuple[set[str], set[str]] = (set(), set())  # (as written, stems)
        self._starts: tuple[set[str], set[str]] = (set(), set())
        self._anchor_words: WordSet | None = None
        self._start_words: WordSet | None = None

    def add(self, entry: Entry) -> None:
        words = [word_keys(w, self.lang) for w in WORD_RE.findall(entry.phrase)]
        keys = tuple(self._key(k) for k in words)
        if not keys:
            return
        # The longest word of the phrase is the rarest: texts without it are skipped at once.
        i = max(range(len(keys)), key=lambda k: len(keys[k]))
        self._anchors[self._is_stem(words[i])].add(keys[i])
        self._starts[self._is_stem(words[0])].add(keys[0])
        self._anchor_words = self._start_words = None
        bucket = self.first.setdefault(keys[0], [])
        bucket.append((keys, entry))
        bucket.sort(key=lambda item: -len(item[0]))  # longest phrase wins

    def _key(self, keys: tuple[str, str]) -> str:
        return keys[1] if self.by_stem else keys[0]

    def _is_stem(self, keys: tuple[str, str]) -> int:
        return int(self.by_stem and keys[1] != keys[0])

    def may_match(self, tokens: list[str]) -> bool:
        """False when no entry can be in a text of these words: the anchor of each is missing."""
        if self._anchor_words is None:
            self._anchor_words = WordSet(self.lang, *self._anchors)
        return self._anchor_words.any_in(tokens)

    def find(self, text: str | Words) -> Iterator[Match]:
        words = text if isinstance(text, Words) else Words(text, WORD_RE.findall(text))
        tokens = words.tokens
        if not self.may_match(tokens):
            return
        if self._start_words is None:
            self._start_words = WordSet(self.lang, *self._starts)
        starts = self._start_words.among(tokens)
        lang, pick = self.lang, 1 if self.by_stem else 0
        after = 0  # matches do not overlap
        for i in [i for i, word in enumerate(tokens) if word in starts]:
            if i < after:
                continue
            for phrase, entry in self.first.get(word_keys(tokens[i], lang)[pick], ()):
                n = len(phrase)
                if n > len(tokens) - i:
                    continue
                if all(word_keys(tokens[i + j], lang)[pick] == phrase[j] for j in range(1, n)):
                    start, end = words.spans[i][0], words.spans[i + n - 1][1]
                    yield Match(entry, start, end, words.text[start:end])
                    after = i + n
                    break


_KEY_CACHE: dict[str, dict[str, tuple[str, str]]] = {}
_KEY_CACHE_SIZE = 100_000


class Words:
    """A text split into words once, as written; where each word stands is worked out only
    when something matched."""

    __slots__ = ("_spans", "text", "tokens")

    def __init__(self, text: str, tokens: list[str]) -> None:
        self.text = text
        self.tokens = tokens
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD_RE.finditer(self.text)]
        return self._spans


def word_keys(word: str, lang: str) -> tuple[str, str]:
    """(exact form, stem key) of a word, remembered per language."""
    cache = _KEY_CACHE.get(lang)
    if cache is None:
        cache = _KEY_CACHE[lang] = {}
    keys = cache.get(word)
    if keys is None:
        if len(cache) > _KEY_CACHE_SIZE:
            cache.clear()
        keys = cache[word] = _keys(word, lang)
    return keys


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

    def abbreviations(self, text: str) -> Iterator[re.Match[str]]:
        for match in ABBREVIATION_RE.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if (before.isalnum() or before in "_-") or match.group() in self.glossary:
                continue
            yield match


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
