"""Word forms of Russian (pymorphy3) and English (lemminflect): the lemmas a word form may be,
and a word inflected to stand where another one stood.

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

# The cases each Russian preposition governs, the usual one first.
PREPOSITION_CASES: dict[str, tuple[str, ...]] = {
    "без": ("gent",), "для": ("gent",), "до": ("gent",), "из": ("gent",), "из-за": ("gent",),
    "из-под": ("gent",), "кроме": ("gent",), "от": ("gent",), "у": ("gent",),
    "после": ("gent",), "вместо": ("gent",), "около": ("gent",), "возле": ("gent",),
    "среди": ("gent",), "ради": ("gent",), "насчёт": ("gent",), "насчет": ("gent",),
    "относительно": ("gent",), "касательно": ("gent",), "посредством": ("gent",),
    "вследствие": ("gent",), "ввиду": ("gent",), "вокруг": ("gent",), "против": ("gent",),
    "напротив": ("gent",), "внутри": ("gent",), "вне": ("gent",), "вдоль": ("gent",),
    "мимо": ("gent",), "путём": ("gent",), "путем": ("gent",),
    "к": ("datv",), "ко": ("datv",), "благодаря": ("datv",), "согласно": ("datv",),
    "вопреки": ("datv",), "по": ("datv", "loct", "accs"),
    "про": ("accs",), "через": ("accs",), "сквозь": ("accs",), "за": ("accs", "ablt"),
    "над": ("ablt",), "перед": ("ablt",), "между": ("ablt",), "с": ("ablt", "gent"),
    "со": ("ablt", "gent"), "при": ("loct",), "о": ("loct",), "об": ("loct",),
    "обо": ("loct",), "в": ("loct", "accs"), "во": ("loct", "accs"), "на": ("loct", "accs"),
}  # fmt: skip
PREPOSITION_CASE = {k: v[0] for k, v in PREPOSITION_CASES.items()}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Grammemes a replacement takes over from the word it replaces, by part of speech.
_RU_CARRY = {
    "NOUN": ("nomn", "gent", "datv", "accs", "ablt", "loct", "sing", "plur"),
    "ADJ": (*CASES, "sing", "plur", "masc", "femn", "neut", "anim", "inan", "ADJS", "COMP"),
    "VERB": (
        "INFN", "PRTF", "PRTS", "GRND", "pres", "past", "futr", "1per", "2per", "3per",
        "sing", "plur", "masc", "femn", "neut", "indc", "impr", "incl", "excl", "actv",
        "pssv", *CASES, "anim", "inan",
    ),
}  # fmt: skip
_CACHE_SIZE = 200_000


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
def _lemminflect() -> Any:
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
        if len(cache) > _CACHE_SIZE:
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
_EN_TAGS = {
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
    li = _lemminflect()
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
    return tuple(_lemminflect().getInflection(lemma, tag) or ())


def _en_tag(word: str, lemma: str, pos: str) -> str:
    """The Penn tag of a form of the lemma ('utilized' of 'utilize': VBD), '' if none fits."""
    for tag in _EN_TAGS.get(pos, ()):
        if word in _en_inflection(lemma, tag):
            return tag
    if word == lemma:
        return _EN_TAGS.get(pos, ("",))[0]
    return ""


def keys(word: str, lang: str) -> frozenset[str]:
    """What the word form may be: each lemma alone and as 'lemma/POS'. Remembered per form
    as written, so a known word costs one dictionary look-up."""
    cache = _KEYS_RU if lang == "ru" else _KEYS_EN
    found = cache.get(word)
    if found is None:
        if len(cache) > _CACHE_SIZE:
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


def with_case_of(original: str, new: str) -> str:
    """`new` written with the capitals of `original`: Осуществляет → Делает, ENSURE → MAKE SURE."""
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


# --- Russian inflection --------------------------------------------------------------------


def ru_inflect(replacement: str, like: Parse, pos: str = "") -> str | None:
    """The replacement word in the form `like` stands in (case, number, gender, person, tense,
    mood), or None when it has no such form (a different aspect, a noun without a plural).
    Remembered per replacement and form: a long file repeats the same few."""
    return _ru_inflect(replacement, like.pos, str(like.tag), like, pos)


_INFLECTED: dict[tuple[str, str, str, str], str | None] = {}


def _ru_inflect(replacement: str, want: str, tag: str, like: Parse, pos: str) -> str | None:
    key = (replacement, want, tag, pos)
    if key not in _INFLECTED:
        if len(_INFLECTED) > _CACHE_SIZE:
            _INFLECTED.clear()
        _INFLECTED[key] = _ru_inflect_now(replacement, like, pos)
    return _INFLECTED[key]


def _ru_inflect_now(replacement: str, like: Parse, pos: str) -> str | None:
    want = like.pos
    target = None
    for p in parses(replacement, "ru"):
        if p.raw is None or p.pos != want or (pos and p.pos != pos):
            continue
        if p.lemma == normal(replacement):
            target = p
            break
    if target is None:
        return replacement if want in FIXED or want in ("ADV", "X") else None
    if want in ("ADV", "PREP", "CONJ", "PART", "INTJ"):
        return replacement
    carry = _RU_CARRY.get(want, ())
    grammemes = {g for g in carry if g in like.tag}
    if want == "VERB" and "VERB" in like.tag and not grammemes & {"PRTF", "PRTS", "GRND"}:
        grammemes.add("VERB")
    if want == "ADJ" and "ADJF" in like.tag:
        grammemes.add("ADJF")
    if "sing" not in grammemes:  # gender only in the singular
        grammemes -= {"masc", "femn", "neut"}
    form = _try_inflect(target.raw, grammemes)
    if form is None and "anim" in grammemes | {"inan"}:
        form = _try_inflect(target.raw, grammemes - {"anim", "inan"})
    return None if form is None else str(form.word)


def _try_inflect(parse: Any, grammemes: set[str]) -> Any:
    try:
        return parse.inflect(frozenset(grammemes))
    except (ValueError, KeyError):
        return None


def ru_agree(adjective: str, noun: str) -> str | None:
    """An adjective in dictionary form put into the case, number and gender of a noun form
    («приветственный» + «напитки» → «приветственные»)."""
    target = next(
        (p for p in parses(adjective, "ru") if p.pos == "ADJ" and p.raw is not None), None
    )
    head = next((p for p in parses(noun, "ru") if p.pos == "NOUN" and p.raw is not None), None)
    if target is None or head is None:
        return None
    grammemes = {g for g in (*CASES, "sing", "plur") if g in head.tag}
    if "sing" in grammemes:
        grammemes |= {g for g in ("masc", "femn", "neut") if g in head.tag}
    if "accs" in grammemes:
        grammemes |= {g for g in ("anim", "inan") if g in head.tag}
    form = _try_inflect(target.raw, grammemes)
    return None if form is None else str(form.word)


def ru_case_of(word: str) -> set[str]:
    """The cases a Russian word form may stand in."""
    return {c for p in parses(word, "ru") if p.tag is not None for c in CASES if c in p.tag}


def ru_to_case(word: str, case: str, number_before: int | None = None) -> str | None:
    """A noun, adjective or pronoun form put into another case, keeping its number and gender;
    after a numeral the noun agrees with the number («3 минуты», «5 минут»)."""
    for p in parses(word, "ru"):
        if p.raw is None or p.pos not in ("NOUN", "ADJ", "PRON", "VERB", "NUM"):
            continue
        if p.pos == "VERB" and "PRTF" not in p.tag:
            continue
        number = {"sing", "plur"} & set(str(p.tag).replace(" ", ",").split(","))
        grammemes = {case, *number}
        if "sing" in number and p.pos != "NOUN":
            grammemes |= {g for g in ("masc", "femn", "neut") if g in p.tag}
        if number_before is not None and p.pos == "NOUN":
            base = _try_inflect(p.raw, {case})
            if base is None:
                continue
            agreed = base.make_agree_with_number(number_before)
            if agreed is not None:
                return str(agreed.word)
            continue
        form = _try_inflect(p.raw, grammemes)
        if form is not None:
            return str(form.word)
    return None


# --- English inflection --------------------------------------------------------------------

BE_FORMS = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"}


def en_inflect(replacement: str, like: Parse) -> str | None:
    """The replacement word in the form `like` stands in: utilized → used, assistances → helps."""
    if like.pos not in _EN_TAGS or not like.tag:
        return replacement if like.pos not in _EN_TAGS else None
    if like.tag in ("VB", "NN", "JJ", "RB", "VBP"):
        return replacement
    forms = _lemminflect().getInflection(replacement, like.tag) or ()
    return str(forms[0]) if forms else None
