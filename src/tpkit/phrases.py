"""Word sequences found in text by lemma: an entry of a word list, the index that matches its
every form, and the text split into words once.

An entry is written in dictionary form («осуществлять», "utilize", «я не знаю»); it finds every
form of that word and only forms of that word: «осуществляет», «осуществлялись», "utilized",
«я не знала». A word form with several readings («данных»: данные, данный, дать) matches an
entry only through a reading with the entry's lemma, and with its part of speech where the entry
names one (`pos: ADJ`). Filler words are fixed particles and match as written («типа» is not
«тип»). Matching is by whole words and ignores letter case; where entries overlap, the longest
one is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tpkit import morph
from tpkit.text import WORD_RE


@dataclass(frozen=True, slots=True)
class Entry:
    phrase: str
    instead: str = ""
    channels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # venue kinds it applies to; () for all
    not_kinds: tuple[str, ...] = ()  # venue kinds where the word is right
    pos: str = ""  # part of speech of a one-word entry: NOUN, VERB, ADJ, ADV…
    note: str = ""  # what to rewrite, where no one word fits every sentence
    case: str = ""  # the case a replacing preposition governs, where it takes several

    def applies(self, kinds: frozenset[str], channel: str = "") -> bool:
        """Whether the entry counts for a touchpoint of these venue kinds and channel."""
        if self.channels and channel and channel not in self.channels:
            return False
        if self.kinds and kinds and not kinds & set(self.kinds):
            return False
        return not (self.not_kinds and kinds and kinds <= set(self.not_kinds))


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # character offsets in the searched text
    end: int
    surface: str  # the words as they stand in the text
    first: int = 0  # index of the first matched word among the text's words
    keys: tuple[str, ...] = ()  # the entry's key of each matched word


class Words:
    """A text split into words once, as written; where each word stands is worked out only
    when something matched."""

    __slots__ = ("_set", "_spans", "text", "tokens")

    def __init__(self, text: str, tokens: list[str]) -> None:
        self.text = text
        self.tokens = tokens
        self._spans: list[tuple[int, int]] | None = None
        self._set: frozenset[str] | None = None

    @property
    def distinct(self) -> frozenset[str]:
        """The text's words as written, each once: what the word lists are checked against."""
        if self._set is None:
            self._set = frozenset(self.tokens)
        return self._set

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD_RE.finditer(self.text)]
        return self._spans


_NO_KEYS: frozenset[str] = frozenset()
_EXACT: dict[str, frozenset[str]] = {}  # the key of each word matched as written, by word


class PhraseIndex:
    """Finds word sequences in text, keyed by their first word. A text none of whose words can
    begin an entry is passed over by one set operation."""

    def __init__(self, lang: str, by_lemma: bool, commands: bool = False) -> None:
        self.lang = lang
        self.by_lemma = by_lemma
        self.commands = commands  # a phrase opening with a command matches commands only
        self.first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.entries: list[Entry] = []
        self._judged: dict[str, frozenset[str]] = {}  # word as written -> its starting keys
        self._openers: set[str] = set()  # words as written that can begin an entry
        self._ordered: dict[frozenset[str], Any] = {}  # starting keys -> _table()

    def add(self, entry: Entry, known: list[str] | None = None) -> tuple[str, ...]:
        """Index an entry; returns the keys of its words (given in `known` when they were
        worked out before, by an earlier run with the same word lists)."""
        words = WORD_RE.findall(entry.phrase)
        if not words:
            return ()
        if known is not None and len(known) == len(words):
            keys = tuple(known)
        elif self.by_lemma:
            pos = entry.pos if len(words) == 1 else ""
            keys = tuple(morph.lemma_key(w, self.lang, pos) for w in words)
            command = morph.command_key(words[0], self.lang) if self.commands else ""
            if command:
                keys = (command, *keys[1:])
        else:
            keys = tuple(morph.normal(w) for w in words)
        self.entries.append(entry)
        bucket = self.first.setdefault(keys[0], [])
        bucket.append((keys, entry))
        bucket.sort(key=lambda item: -len(item[0]))  # longest phrase wins
        self._judged.clear()
        self._openers.clear()
        self._ordered.clear()
        return keys

    def __len__(self) -> int:
        return len(self.entries)

    def word_keys(self, word: str) -> frozenset[str]:
        if self.by_lemma:
            return morph.keys(word, self.lang)
        found = _EXACT.get(word)
        if found is None:
            if len(_EXACT) > 200_000:
                _EXACT.clear()
            found = _EXACT[word] = frozenset((morph.normal(word),))
        return found

    def _starts(self, word: str) -> frozenset[str]:
        found = self._judged.get(word)
        if found is None:
            if len(self._judged) > 100_000:
                self._judged.clear()
                self._openers.clear()
            starts = self.word_keys(word) & self.first.keys()
            if starts:
                found = self._judged[word] = frozenset(starts)
                self._openers.add(word)
            else:  # most words: one shared empty set, not one each
                found = self._judged[word] = _NO_KEYS
        return found

    def may_match(self, words: Words | frozenset[str]) -> bool:
        """False when no entry can be in a text of these words (a text, or its words each
        once): once every word has been judged, one set operation a text."""
        distinct = words.distinct if isinstance(words, Words) else words
        new = distinct.difference(self._judged)
        for t in new:
            self._starts(t)
        return not self._openers.isdisjoint(distinct)

    def openers_in(self, distinct: frozenset[str]) -> frozenset[str]:
        """Those of the words, as written, that can begin an entry (every word judged)."""
        self.may_match(distinct)
        return frozenset(self._openers.intersection(distinct))

    def find(self, text: str | Words, judged: bool = False) -> Iterator[Match]:
        """The entries in the text, longest first where they overlap; `judged` when
        may_match() or openers_in() has seen every word of it already."""
        words = text if isinstance(text, Words) else Words(text, WORD_RE.findall(text))
        tokens = words.tokens
        lang = self.lang
        after = 0  # matches do not overlap
        if not judged and not self.may_match(words):
            return
        openers = self._openers
        count = len(tokens)
        for i in [i for i, t in enumerate(tokens) if t in openers]:
            if i < after:
                continue
            token = tokens[i]
            starts = self._judged[token]
            table = self._ordered.get(starts)
            if table is None:
                table = self._ordered[starts] = self._table(starts)
            longer, single = table
            candidates: list[tuple[int, tuple[str, ...], Entry]] = []
            if i + 1 < count and longer:
                for k in self.word_keys(tokens[i + 1]):
                    found = longer.get(k)
                    if found:
                        candidates += found
                if len(candidates) > 1:
                    candidates.sort()  # the longest first, as the lists order them
            candidates += single
            for _order, phrase, entry in candidates:
                n = len(phrase)
                if n > count - i:
                    continue
                if n == 1 and phrase[0].endswith("/ADJ") and _also_noun(token, phrase[0], lang):
                    continue
                if n < 3 or all(phrase[j] in self.word_keys(tokens[i + j]) for j in range(2, n)):
                    start, end = words.spans[i][0], words.spans[i + n - 1][1]
                    yield Match(entry, start, end, words.text[start:end], i, phrase)
                    after = i + n
                    break

    def _table(
        self, starts: frozenset[str]
    ) -> tuple[
        dict[str, list[tuple[int, tuple[str, ...], Entry]]],
        list[tuple[int, tuple[str, ...], Entry]],
    ]:
        """The phrases a word of these keys can begin, the longest first: those of two words
        or more by the key of their second word (most are ruled out by the next word at once),
        and the one-word ones."""
        ordered = sorted(
            (item for k in starts for item in self.first[k]), key=lambda item: -len(item[0])
        )
        longer: dict[str, list[tuple[int, tuple[str, ...], Entry]]] = {}
        single: list[tuple[int, tuple[str, ...], Entry]] = []
        for order, (phrase, entry) in enumerate(ordered):
            if len(phrase) == 1:
                single.append((order, phrase, entry))
            else:
                longer.setdefault(phrase[1], []).append((order, phrase, entry))
        return longer, single


def _also_noun(token: str, key: str, lang: str) -> bool:
    """A form an adjective entry shares with a noun of its own («данные»: data, not "these"):
    the noun is the likelier word, so the entry does not match."""
    lemma = key.partition("/")[0]
    return any(p.pos == "NOUN" and p.lemma != lemma for p in morph.parses(token, lang))
