"""Words, sentences, syllables and readability for Russian and English: pure functions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer

# A word: letters and digits, with inner hyphens and apostrophes (кто-то, don't, Wi-Fi).
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"»”)]*\s+(?=[\"«“(]?[A-ZА-ЯЁ0-9—–-])|\n\s*\n")
_ABBREV_END_RE = re.compile(
    r"(?:\b(?:т\.?\s?е|т\.?\s?д|т\.?\s?п|др|см|г|ул|д|e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|St|"
    r"мин|сек|руб|ч|стр|прим|напр)\.)$",
    re.IGNORECASE,
)
RU_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_EN_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def sentences(text: str) -> list[str]:
    """Split on ., !, ? and … followed by a capital letter; common abbreviations do not split."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        candidate = text[start : match.start()].strip()
        # An abbreviation is at most five characters: the last twelve (with the character
        # before it, for the word boundary) are enough, however long the sentence.
        if _ABBREV_END_RE.search(candidate[-12:]):
            continue
        if candidate:
            parts.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if WORD_RE.search(p)]


def syllables_ru(word: str) -> int:
    return sum(1 for ch in word if ch in RU_VOWELS)


def syllables_en(word: str) -> int:
    """Vowel groups, less a silent final e, at least one a word: Flesch's own counting rule."""
    w = word.lower().strip("'’")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group()[0], w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_EN_VOWEL_GROUP_RE.findall(w)))


@lru_cache(maxsize=100_000)
def syllables(word: str, lang: str) -> int:
    if word.isdigit():
        return 1
    if lang == "ru":
        return syllables_ru(word)
    return syllables_en(word)


@dataclass(frozen=True, slots=True)
class Readability:
    score: float
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


# Flesch Reading Ease; Russian with Oborneva's constants.
FLESCH = {"ru": (206.835, 1.3, 60.1), "en": (206.835, 1.015, 84.6)}


def readability(
    text: str, lang: str, sents: list[str] | None = None, ws: list[str] | None = None
) -> Readability:
    """`sents` and `ws` are sentences(text) and words(text) when the caller has them."""
    base, per_sentence, per_syllable = FLESCH.get(lang, FLESCH["en"])
    sents = (sentences(text) if sents is None else sents) or [text]
    ws = words(text) if ws is None else ws
    syl = sum(map(syllables, ws, itertools.repeat(lang)))
    n_words = len(ws) or 1
    score = base - per_sentence * n_words / len(sents) - per_syllable * syl / n_words
    return Readability(round(score, 1), len(ws), len(sents), syl)


def language_of(text: str) -> str:
    """ru when the text has Cyrillic letters, else en."""
    return "ru" if _CYRILLIC_RE.search(text) else "en"


_STEMMERS = {"ru": "russian", "en": "english"}


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The word's stem (lower case, ё as е), so word forms of one word compare equal."""
    w = word.lower().replace("ё", "е").replace("’", "'")
    name = _STEMMERS.get(lang)
    if name is None:
        return w
    return str(_stemmer(name).stemWord(w))


@lru_cache(maxsize=4)
def _stemmer(name: str) -> Any:
    return snowballstemmer.stemmer(name)


def normal(word: str) -> str:
    """Lower case with ё as е: the form exact (non-stem) matching compares."""
    return word.lower().replace("ё", "е").replace("’", "'")
