"""A word inflected to stand where another one stood, Russian (pymorphy3) and English
(lemminflect): the replacement in the case, number, gender, person and tense of the word it
replaces, an adjective agreeing with its noun, a noun in the case a preposition governs.
"""

from __future__ import annotations

from typing import Any

from tpkit.morph.readings import (
    CACHE_SIZE,
    EN_TAGS,
    FIXED,
    Parse,
    lemminflect_module,
    normal,
    parses,
)

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
        if len(_INFLECTED) > CACHE_SIZE:
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
    if like.pos not in EN_TAGS or not like.tag:
        return replacement if like.pos not in EN_TAGS else None
    if like.tag in ("VB", "NN", "JJ", "RB", "VBP"):
        return replacement
    forms = lemminflect_module().getInflection(replacement, like.tag) or ()
    return str(forms[0]) if forms else None
