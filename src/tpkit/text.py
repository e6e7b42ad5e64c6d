"""Words, sentences, syllables and readability for Russian and English: pure functions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer

from tpkit.i18n import _

# A word: letters and digits, with inner hyphens and apostrophes (кто-то, don't, Wi-Fi).
# A soft hyphen or a stress mark inside a word («осуществ\u00adляет», «за́мок») is part of it.
# Written as runs of letters (the engine's fast loop) with the marks between them.
_L, _M = r"[^\W_]", r"[\u00ad\u0300-\u036f]"
WORD_RE = re.compile(rf"{_L}+(?:{_M}+{_L}*)*(?:[-'’]{_L}+(?:{_M}+{_L}*)*)*")
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
    score: float  # Flesch Reading Ease (higher is easier)
    words: int
    sentences: int
    syllables: int
    grade: float = 0.0  # Flesch–Kincaid grade level (lower is easier), see grade_level()

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


# Flesch Reading Ease; Russian with Oborneva's constants.
FLESCH = {"ru": (206.835, 1.3, 60.1), "en": (206.835, 1.015, 84.6)}

# Flesch–Kincaid grade level: a·words/sentence + b·syllables/word − c, the school grade a
# reader needs. English: Kincaid's constants (1975). Russian: the constants fitted to Russian
# texts graded by school year (the «Простой русский язык» project, plainrussian.ru); on its
# graded texts this counting of words, sentences and syllables gives children's books grades
# 0–4, school novels 2–10 and laws, decrees and government reports 13–42.
GRADE = {"ru": (0.318, 14.2, 30.5), "en": (0.39, 11.8, 15.59)}

# An everyday word counts in the grade as this many syllables at most: staff read
# «администратор» or "reservation" every shift, so it is not hard, however long it is.
EVERYDAY_SYLLABLES = 3

# Long words that every waiter, host and receptionist uses and reads without effort: they
# count as three syllables in the grade and are never named as hard. Matched in any of their
# forms (by lemma), so the list names each word once.
EVERYDAY_WORDS = {
    "ru": """
        администратор посетитель посетительница официант официантка сотрудник сотрудница
        бронирование бронь гардероб гардеробщик горничная ресепшен сомелье шеф-повар
        обслуживание обязательно обязательный пожалуйста рекомендация благодарность
        извинение удовольствие пожелание информация регистрация температура кондиционер
        мероприятие руководитель электронный приготовление безалкогольный вегетарианский
        аллергия аллергический автомобиль дополнительный дополнительно аперитив комплимент
        поздравление предоплата полотенце холодильник парковка телефонный приветствие
        наличные кредитный банковский терминал фирменный сегодняшний минимальный
        максимальный пожилой инвалидный
    """,
    "en": """
        restaurant reservation information available temperature receptionist reception
        air-conditioning conditioning elevator television comfortable vegetarian
        anniversary celebration apologize apology especially unfortunately appreciate
        emergency refrigerator intolerance ingredient necessary security confirmation
        cancellation registration conversation usually actually category definitely
        delivery directory minibar january february october november december
        experience housekeeping identity photography supervisor manager everybody
    """,
}
# Russian verbs say what staff do, and their forms are long (здоровается, рассказывает,
# перебивайте: five syllables each): a finite verb, an infinitive or a short participle is
# never named as hard. Participles and gerunds are (осуществляющий, превышающего).
_RU_ACTIONS = {"VERB", "INFN", "PRTS"}


def grade_level(n_words: int, n_sentences: int, n_syllables: int, lang: str) -> float:
    """The Flesch–Kincaid grade of a text of that many words, sentences and syllables."""
    if not n_words or not n_sentences:
        return 0.0
    per_sentence, per_syllable, base = GRADE.get(lang, GRADE["en"])
    return per_sentence * n_words / n_sentences + per_syllable * n_syllables / n_words - base


def _reading(word: str, lang: str) -> tuple[str, str]:
    """(lemma, part of speech) of the word's likeliest reading."""
    from tpkit.morph import parses

    p = parses(word, lang)[0]
    tag = p.tag
    pos = str(tag.POS) if lang == "ru" and tag is not None else p.pos
    return p.lemma, pos


@lru_cache(maxsize=4)
def _everyday(lang: str) -> frozenset[str]:
    listed = EVERYDAY_WORDS.get(lang, "").split()
    return frozenset({*map(normal, listed), *(_reading(w, lang)[0] for w in listed)})


@lru_cache(maxsize=100_000)
def is_everyday(word: str, lang: str) -> bool:
    """A long word of the everyday list, in any of its forms."""
    known = _everyday(lang)
    return normal(word) in known or _reading(word, lang)[0] in known


def scored_syllables(word: str, lang: str) -> int:
    """The word's syllables as the grade counts them: an everyday word at most three."""
    n = syllables(word, lang)
    if n > EVERYDAY_SYLLABLES and is_everyday(word, lang):
        return EVERYDAY_SYLLABLES
    return n


# A word this long is hard whatever its syllables (letters; Russian words are longer).
LONG_WORD_LETTERS = {"ru": 15, "en": 14}


@lru_cache(maxsize=100_000)
def is_hard(word: str, lang: str, min_syllables: int) -> bool:
    """A word of min_syllables syllables or more, or a very long one, that is not an everyday
    word, a Russian verb form, a number or an abbreviation."""
    if word.isupper() or any(ch.isdigit() for ch in word):
        return False
    long_letters = LONG_WORD_LETTERS.get(lang, LONG_WORD_LETTERS["en"])
    if syllables(word, lang) < min_syllables and len(word) < long_letters:
        return False
    if is_everyday(word, lang):
        return False
    return not (lang == "ru" and _reading(word, lang)[1] in _RU_ACTIONS)


def hard_words(ws: list[str], lang: str, min_syllables: int) -> list[str]:
    """The hard words of a text (see is_hard) as first written, the longest first."""
    found: dict[str, tuple[int, int, str]] = {}
    for i, w in enumerate(ws):
        key = normal(w)
        if key not in found and is_hard(w, lang, min_syllables):
            found[key] = (-syllables(w, lang), i, w)
    return [w for _syllables, _index, w in sorted(found.values())]


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
    scored = sum(map(scored_syllables, ws, itertools.repeat(lang)))
    grade = grade_level(len(ws), len(sents), scored, lang)
    return Readability(round(score, 1), len(ws), len(sents), syl, round(grade, 1))


def school_level(grade: float) -> str:
    """What a grade reads like, in words a manager knows: 'a university textbook (grade 15)'."""
    g = max(1, round(grade))
    if g <= 4:
        what = _("a primary-school book")
    elif g <= 8:
        what = _("a middle-school book")
    elif g <= 12:
        what = _("a high-school textbook")
    elif g <= 16:
        what = _("a university textbook")
    else:
        what = _("a legal document")
    if g < 18:
        return _("{what} (grade {grade})", what=what, grade=g)
    return _("{what} (grade 18+)", what=what)


def opening(sentence: str, n: int = 5) -> str:
    """The first n words of a sentence as written, with … when there is more."""
    found = list(itertools.islice(WORD_RE.finditer(sentence), n + 1))
    if len(found) <= n:
        return sentence.rstrip(".!?… ")
    return sentence[: found[n - 1].end()] + "…"


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
