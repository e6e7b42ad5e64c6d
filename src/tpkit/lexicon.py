"""Word lists of a language, compiled once into indexes that match word forms by lemma.

An entry is written in dictionary form («осуществлять», "utilize", «я не знаю»); it finds every
form of that word and only forms of that word: «осуществляет», «осуществлялись», "utilized",
«я не знала». A word form with several readings («данных»: данные, данный, дать) matches an
entry only through a reading with the entry's lemma, and with its part of speech where the entry
names one (`pos: ADJ`). Filler words are fixed particles and match as written («типа» is not
«тип»). Matching is by whole words and ignores letter case; where entries overlap, the longest
one is reported.

A registry's `standards/lexicon/<lang>.yaml` extends the built-in lists: its entries are added
(or replace a built-in entry with the same key), and `remove:` drops built-in entries by list.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpkit import morph
from tpkit.text import WORD_RE

# Two or more capitals as a whole word. The start of the word is checked in code: a
# look-behind at every character would make the search three times slower.
ABBREVIATION_RE = re.compile(
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]*[A-ZА-ЯЁ](?:[a-zа-яё][A-ZА-ЯЁ]+|[a-zа-яё])?(?![\w-])"
)  # ОФД, NPS; СПиР and ПДн with one small letter
# The lists of a lexicon and whether they match by lemma (else as written).
LISTS = {
    "forbidden": True,
    "plain": True,
    "filler": False,
    "vague": True,
    "inner": True,
    "intensifiers": True,
    "absolutes": True,
    "modal": True,
}


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


@dataclass
class Lexicon:
    lang: str
    forbidden: PhraseIndex
    plain: PhraseIndex
    filler: PhraseIndex
    vague: PhraseIndex
    inner: PhraseIndex
    intensifiers: PhraseIndex
    absolutes: PhraseIndex
    modal: PhraseIndex
    glossary: dict[str, str]
    forbidden_entries: list[Entry]

    def abbreviations(self, text: str) -> Iterator[re.Match[str]]:
        for match in ABBREVIATION_RE.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if (before.isalnum() or before in "_-") or match.group() in self.glossary:
                continue
            if EXPLAINED_RE.match(text, match.end()) or text[: match.start()].endswith("("):
                continue  # «СПиР (служба приёма и размещения)»: explained where it stands
            if is_caps_word(match.group(), self.lang) or PLACEHOLDER_CAPS.fullmatch(match.group()):
                continue  # a word in capitals for emphasis, or XXX: not an abbreviation
            yield match

    def size(self) -> int:
        return sum(len(getattr(self, name)) for name in LISTS)


EXPLAINED_RE = re.compile(r"\s*[(—–-]\s*[a-zа-яё]{3,}", re.IGNORECASE)
PLACEHOLDER_CAPS = re.compile(r"[XХ]{3,}")
# Short words staff are shouted at with: НЕ трогайте, NOT, ALL.
SHORT_CAPS = {"НЕ", "НИ", "НЕТ", "ВСЕ", "ВСЁ", "ВСЕМ", "ЭТО", "NOT", "NO", "ALL", "ANY", "NEVER",
              "ONLY", "MUST", "ТОЛЬКО"}  # fmt: skip


def is_caps_word(word: str, lang: str) -> bool:
    """A word of the language written in capitals (ОБЯЗАТЕЛЬНО, NEVER, НЕ), not an abbreviation:
    a short word of emphasis, or five letters or more and a dictionary word."""
    if word in SHORT_CAPS:
        return True
    if len(word) < 5 or not word.isalpha():
        return False
    if lang == "ru":
        return any(
            p.raw is not None and p.raw.is_known and p.pos not in ("X",)
            for p in morph.parses(word, "ru")
        )
    return any(p.pos != "X" for p in morph.parses(word.lower(), "en"))


def _entry(phrase: str, value: Any) -> Entry:
    if isinstance(value, dict):
        return Entry(
            phrase,
            str(value.get("instead") or ""),
            tuple(str(c) for c in value.get("channels") or ()),
            tuple(str(k) for k in value.get("kinds") or ()),
            tuple(str(k) for k in value.get("not_kinds") or ()),
            str(value.get("pos") or "").upper(),
            str(value.get("note") or ""),
            str(value.get("case") or ""),
        )
    return Entry(phrase, "" if value is None else str(value))


def _items(value: Any) -> list[tuple[str, Any]]:
    """A list's entries, written as a mapping (key: replacement) or as a list of keys."""
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    if isinstance(value, list):
        out: list[tuple[str, Any]] = []
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                out.extend((str(k), v) for k, v in item.items())
            elif item is not None:
                out.append((str(item), None))
        return out
    return []


def merge_lexicon(builtin: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """A registry's lexicon over the built-in one: lists extend, `remove:` drops entries."""
    out: dict[str, Any] = {}
    got = own.get("remove")
    removed: dict[str, Any] = got if isinstance(got, dict) else {}
    for name in (*LISTS, "glossary"):
        items = dict(_items(builtin.get(name)))
        drop = {morph.normal(str(k)) for k, _ in _items(removed.get(name))}
        items = {k: v for k, v in items.items() if morph.normal(k) not in drop}
        items.update(_items(own.get(name)))
        out[name] = items
    for key, value in own.items():
        if key not in out and key != "remove":
            out[key] = value
    for key, value in builtin.items():
        out.setdefault(key, value)
    return out


_COMPILED: dict[tuple[str, str], Lexicon] = {}


def compile_lexicon(lang: str, data: dict[str, Any]) -> Lexicon:
    """The word lists of a language, compiled once per content: worker processes forked after
    the first compile share it, and its analysers, with the parent."""
    key = (lang, json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))
    found = _COMPILED.get(key)
    if found is None:
        if len(_COMPILED) > 16:
            _COMPILED.clear()
        found = _COMPILED[key] = _compile(lang, data)
    return found


def _compile(lang: str, data: dict[str, Any]) -> Lexicon:
    indexes = {
        name: PhraseIndex(lang, by_lemma, commands=name == "forbidden")
        for name, by_lemma in LISTS.items()
    }
    digest = _digest(lang, data)
    stored = _stored_keys(lang, digest)
    worked_out: dict[str, list[list[str]]] = {}
    for name, index in indexes.items():
        known = stored.get(name, [])
        keys = worked_out[name] = []
        for i, (phrase, value) in enumerate(_items(data.get(name))):
            keys.append(
                list(index.add(_entry(phrase, value), known[i] if i < len(known) else None))
            )
    if worked_out != stored:
        _store_keys(lang, digest, worked_out)
    glossary = {str(k): str(v) for k, v in _items(data.get("glossary"))}
    return Lexicon(
        lang,
        glossary=glossary,
        forbidden_entries=list(indexes["forbidden"].entries),
        **indexes,
    )


# The keys of the word lists, kept between runs ---------------------------------------------
#
# Working out the lemma of every word of every entry takes most of a second (and loading the
# English tables for it); the keys depend only on the word lists, tpkit's code and the
# dictionaries, so they are kept in the user's cache folder as JSON under a name made from all
# of these. A file that does not read as the expected shape is ignored and written again.


KEPT_KEY_FILES = 8  # per language: one per registry with its own word lists, the latest used


def keys_folder() -> Path:
    """$XDG_CACHE_HOME/tpkit/lexicon, else ~/.cache/tpkit/lexicon."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "tpkit" / "lexicon"


def _digest(lang: str, data: dict[str, Any]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{morph.versions(__file__)}:{lang}:".encode())
    digest.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def _stored_keys(lang: str, digest: str) -> dict[str, list[list[str]]]:
    from tpkit import files

    try:
        data = json.loads(files.read_regular(keys_folder() / f"{lang}-{digest}.json", 64 << 20))
    except (OSError, ValueError, RuntimeError, KeyError, files.NotRegular):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: value
        for name, value in data.items()
        if isinstance(value, list)
        and all(isinstance(k, list) and all(isinstance(w, str) for w in k) for k in value)
    }


def _store_keys(lang: str, digest: str, keys: dict[str, list[list[str]]]) -> None:
    from tpkit import files

    folder = keys_folder()
    with contextlib.suppress(OSError, RuntimeError, KeyError, files.NotRegular, files.Refused):
        folder.mkdir(parents=True, exist_ok=True)
        kept = sorted(folder.glob(f"{lang}-*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEPT_KEY_FILES]:  # the word lists of registries not opened lately
            old.unlink(missing_ok=True)
        text = json.dumps(keys, ensure_ascii=False, separators=(",", ":"))
        files.write_atomic(folder / f"{lang}-{digest}.json", text, durable=False)
