"""Readings of word forms, Russian (pymorphy3) and English (lemminflect): the lemmas and parts
of speech a word form may be, and the keys it is matched by.

Every answer is remembered per distinct word form, so a text of known words costs a dictionary
look-up a word. The analysers load on first use: a command that reads no text never pays for
them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

# Coarse parts of speech shared by both languages. Russian participles and gerunds belong to
# their verb (pymorphy3 gives the infinitive as their lemma), short adjectives to the adjective.
RU_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "ADVB": "ADV",
    "NPRO": "PRON",
    "PRED": "ADV",
    "PREP": "PREP",
    "CONJ": "CONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
}
EN_POS = {"NOUN": "NOUN", "VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ", "ADV": "ADV"}
FIXED = {"PREP", "CONJ", "PART", "INTJ"}  # words that never change form
CACHE_SIZE = 200_000


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def versions(*own: str | os.PathLike[str]) -> str:
    """What the answers of this module depend on, as text to hash: tpkit's version, this
    module's code, the dictionaries' packages and the given files (the caller's own code),
    each by size and time of change. A file kept between runs is named after it."""
    from tpkit.version import __version__

    sources = [Path(__file__), *map(Path, own)]
    for package in ("pymorphy3", "pymorphy3_dicts_ru", "lemminflect"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin:
            sources.append(Path(spec.origin))
    parts = [__version__]
    for source in sources:
        with contextlib.suppress(OSError):
            stat = source.stat()
            parts.append(f"{source}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def tag_class() -> Any:
    """pymorphy3's tag type, to make a tag from its text."""
    return _analyzer().TagClass


@lru_cache(maxsize=1)
def lemminflect_module() -> Any:
    import lemminflect

    return lemminflect


def normal(word: str) -> str:
    """Lower case with ё as е and one kind of apostrophe: how words are compared. Soft hyphens
    and stress marks are dropped, and in a Russian word Latin letters that look Cyrillic are
    read as Cyrillic («cтол» with a Latin c is «стол»)."""
    w = word.lower()
    if not w.isascii() and _ODD_RE.search(w):
        w = unicodedata.normalize("NFC", w).translate(_INVISIBLE)
        if _CYRILLIC_RE.search(w):
            w = w.translate(LOOKALIKES)
    return w.replace("ё", "е").replace("’", "'")


_ODD_RE = re.compile("[\u00ad\u0300-\u036fa-z]")
_CYRILLIC_RE = re.compile("[а-яё]")
_INVISIBLE = str.maketrans("", "", "\u00ad\u0300\u0301")
# Latin letters that look like Cyrillic ones, lower case.
LOOKALIKES = str.maketrans("aceopxyk", "асеорхук")


class Parse:
    """One reading of a word form: its lemma (normal(): ё as е), coarse part of speech and tag
    (pymorphy3's, or the Penn tag of an English form). `raw` is pymorphy3's own reading, to
    inflect from: a reading kept between runs (see wordstore.py) makes it again when asked."""

    __slots__ = ("_index", "_raw", "_word", "lemma", "pos", "tag")

    def __init__(
        self, lemma: str, pos: str, tag: Any, raw: Any = None, word: str = "", index: int = -1
    ) -> None:
        self.lemma = lemma
        self.pos = pos
        self.tag = tag
        self._raw = raw
        self._word = word  # the form pymorphy3 read, and which of its readings this is
        self._index = index

    @property
    def raw(self) -> Any:
        if self._raw is None and self._index >= 0:
            found = _analyzer().parse(self._word)
            self._raw = found[self._index] if self._index < len(found) else None
        return self._raw

    def __repr__(self) -> str:
        return f"Parse({self.lemma!r}, {self.pos!r}, {str(self.tag)!r})"


_RU: dict[str, tuple[Parse, ...]] = {}
_EN: dict[str, tuple[Parse, ...]] = {}


def parses(word: str, lang: str) -> tuple[Parse, ...]:
    """Every reading of a word form, most likely first; remembered per form, and between runs
    (wordstore.py)."""
    cache = _RU if lang == "ru" else _EN
    found = cache.get(word)  # the form as written, then its normal form
    if found is not None:
        return found
    key = normal(word)
    found = cache.get(key)
    if found is not None:
        cache[word] = found
    else:
        if len(cache) > CACHE_SIZE:
            cache.clear()
        from tpkit import wordstore  # the kept readings, loaded on the first word read

        found = wordstore.kept(key, lang)
        if found is None:
            found = _ru_parses(key) if lang == "ru" else _en_parses(key)
            wordstore.learned(key, lang, found)
        cache[key] = cache[word] = found
    return found


def _ru_parses(word: str) -> tuple[Parse, ...]:
    if not re.search("[а-я]", word):
        return (Parse(word, "X", None),)
    out = []
    for i, p in enumerate(_analyzer().parse(word)):
        pos = RU_POS.get(str(p.tag.POS), "X")
        # pymorphy3's own reading is made again when a word is inflected (few are): kept for
        # every form read, it would take most of the memory of a large run
        out.append(Parse(normal(p.normal_form), pos, p.tag, None, word, i))
    return tuple(out) or (Parse(word, "X", None),)


# English forms: the Penn tags lemminflect inflects to, by coarse part of speech.
EN_TAGS = {
    "VERB": ("VB", "VBD", "VBG", "VBN", "VBZ", "VBP"),
    "NOUN": ("NN", "NNS"),
    "ADJ": ("JJ", "JJR", "JJS"),
    "ADV": ("RB", "RBR", "RBS"),
}


_EN_PREPOSITIONS = (
    "about above across after against along amid among amongst around as at before behind below "
    "beneath beside besides between beyond by despite during except for from in inside into near "
    "of off on onto out outside over per regarding since than through throughout till to toward "
    "towards under underneath until unto upon via with within without whilst"
)
_EN_CONJUNCTIONS = "and or but nor so yet because although though unless whereas if"
# English words that never change form, which lemminflect does not list.
EN_FIXED = {
    **dict.fromkeys(_EN_PREPOSITIONS.split(), "PREP"),
    **dict.fromkeys(_EN_CONJUNCTIONS.split(), "CONJ"),
}


def _en_parses(word: str) -> tuple[Parse, ...]:
    li = lemminflect_module()
    if not re.search("[a-z]", word):
        return (Parse(word, "X", None),)
    if word in EN_FIXED:
        return (Parse(word, EN_FIXED[word], "IN"), Parse(word, "X", None))
    found: dict[tuple[str, str], None] = {}
    for upos, lemmas in li.getAllLemmas(word).items():
        for lemma in lemmas:
            found[(normal(lemma), EN_POS.get(upos, upos))] = None
    if not found:
        # Not in the dictionary: British spellings and new words, by the rules of inflection.
        for upos in ("VERB", "NOUN") if re.search("(?:ed|ing|s)$", word) else ("NOUN",):
            for lemma in li.getAllLemmasOOV(word, upos).get(upos, ()):
                found[(normal(lemma), upos)] = None
    out = [Parse(lemma, pos, _en_tag(word, lemma, pos)) for lemma, pos in found]
    out.append(Parse(word, "X", None))  # the form itself, for keys written as they are
    return tuple(out)


@lru_cache(maxsize=50_000)
def _en_inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """The forms of an English lemma for a Penn tag (the forms of one lemma are asked for by
    each of its words)."""
    return tuple(lemminflect_module().getInflection(lemma, tag) or ())


def _en_tag(word: str, lemma: str, pos: str) -> str:
    """The Penn tag of a form of the lemma ('utilized' of 'utilize': VBD), '' if none fits."""
    for tag in EN_TAGS.get(pos, ()):
        if word in _en_inflection(lemma, tag):
            return tag
    if word == lemma:
        return EN_TAGS.get(pos, ("",))[0]
    return ""


def keys(word: str, lang: str) -> frozenset[str]:
    """What the word form may be: each lemma alone and as 'lemma/POS'. Remembered per form
    as written, so a known word costs one dictionary look-up."""
    cache = _KEYS_RU if lang == "ru" else _KEYS_EN
    found = cache.get(word)
    if found is None:
        if len(cache) > CACHE_SIZE:
            cache.clear()
        found = cache[word] = _keys(normal(word), lang)
    return found


_KEYS_RU: dict[str, frozenset[str]] = {}
_KEYS_EN: dict[str, frozenset[str]] = {}


def _keys(word: str, lang: str) -> frozenset[str]:
    out = {word}
    for p in parses(word, lang):
        out.add(p.lemma)
        out.add(f"{p.lemma}/{p.pos}")
        if p.pos == "VERB" and _is_command(p, lang):
            out.add(f"{p.lemma}/!")
        if lang == "ru" and p.tag is not None and "Supr" in p.tag:
            out.add(f"{p.lemma}/Supr")  # «лучший» is a form of «хороший», but not every one
    return frozenset(out)


def _is_command(p: Parse, lang: str) -> bool:
    """A form a command is given in: the imperative, or the English base form."""
    if lang == "ru":
        return p.tag is not None and "impr" in p.tag
    return p.tag in ("VB", "VBP")


def command_key(word: str, lang: str) -> str:
    """The key of a verb that opens a forbidden phrase as a command («Ждите», "Hold on"):
    only its command form matches («ждём» and "held on" do not); '' for other words."""
    for p in parses(word, lang):
        if p.pos == "VERB" and _is_command(p, lang) and (lang == "ru" or p.lemma == normal(word)):
            return f"{p.lemma}/!"
    return ""


def lemma_key(word: str, lang: str, pos: str = "") -> str:
    """The key an entry word is matched by: its lemma (the word itself when it is already a
    dictionary form), with '/POS' when the entry names a part of speech."""
    w = normal(word)
    readings = parses(w, lang)
    if pos:
        own = [p for p in readings if p.pos == pos]
        lemma = next((p.lemma for p in own if p.lemma == w), own[0].lemma if own else w)
        return f"{lemma}/{pos}"
    if any(p.lemma == w for p in readings):
        return w
    if lang == "ru" and readings and readings[0].tag is not None and "Supr" in readings[0].tag:
        return f"{readings[0].lemma}/Supr"
    if lang == "en" and readings and readings[0].tag in ("JJS", "JJR", "RBS", "RBR"):
        return w  # "best" is not "good": the degree itself is the word
    # A participle's lemma is its verb («данная» → дать): an adjective reading comes first.
    plain = [p for p in readings if p.tag is None or not {"PRTF", "PRTS", "GRND"} & _grams(p)]
    best = plain or list(readings)
    return best[0].lemma if best and best[0].pos != "X" else w


def _grams(p: Parse) -> set[str]:
    return set(str(p.tag).replace(" ", ",").split(",")) if p.tag is not None else set()


def reading(word: str, lang: str, key: str) -> Parse | None:
    """The reading of a word form through which it matched an entry key."""
    lemma, _, pos = key.partition("/")
    for p in parses(word, lang):
        if p.lemma == lemma and (not pos or p.pos == pos):
            return p
    return None
