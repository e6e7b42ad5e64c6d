"""What to write instead of a matched entry, in the form the sentence needs.

The replacement of a lexicon entry is written in dictionary form («делать», "use"). Put into a
sentence it takes the form of the word it replaces: «осуществляет» → «делает», «обеспечьте» →
«проследите», «данного» → «этого», "utilized" → "used". A preposition takes the case it governs,
and the words after it follow («в связи с ремонтом» → «из-за ремонта», «в течение 3 минут» →
«за 3 минуты»). Where no form is safe (another aspect, a verb phrase in the passive, a
conjunction where a noun followed) the answer says what to rewrite instead of offering broken
text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tpkit import morph
from tpkit.i18n import _, quote
from tpkit.phrases import Match, Words
from tpkit.text import WORD_RE


@dataclass(frozen=True, slots=True)
class Replacement:
    start: int  # the span of the text replaced: the match, and the words it governs
    end: int
    old: str
    new: str  # '' when no safe form exists: then `why` says what to rewrite
    why: str = ""

    @property
    def safe(self) -> bool:
        return bool(self.new)


_TEMPLATE_RE = re.compile(r"[…(\[{<]|\.\.\.|\bN\b")


def replacement(match: Match, words: Words, lang: str) -> Replacement:
    """The entry's replacement fitted into the sentence at the match."""
    instead = match.entry.instead.strip()
    start, end = match.start, match.end
    old = words.text[start:end]
    if not instead:
        return Replacement(start, end, old, "", match.entry.note)
    if _TEMPLATE_RE.search(instead):
        return Replacement(
            start,
            end,
            old,
            "",
            _("write it as {phrase} with your own words", phrase=quote(instead, "ru")),
        )
    fit = _ru(match, words, instead) if lang == "ru" else _en(match, words, instead)
    if isinstance(fit, str):
        return Replacement(start, end, old, "", match.entry.note or fit)
    new, end = fit
    new = _without_repeat(new, words.text[end:])
    return Replacement(start, end, words.text[start:end], morph.with_case_of(old, new))


def _without_repeat(new: str, after: str) -> str:
    """The replacement less its last words when the text goes on with them: «сделайте так,
    чтобы» before «, чтобы стакан…» is «сделайте так»."""
    words = new.split()
    for n in range(len(words) - 1, 0, -1):
        tail = " ".join(words[n:])
        bare = tail.lstrip(",")
        if re.match(r"\s*,?\s*" + re.escape(bare) + r"\b", after):
            return " ".join(words[:n]).rstrip(",")
    return new


def _rebuild(instead: str, forms: dict[int, str]) -> str:
    """The replacement text with some of its words (by index) in other forms."""
    out, last = [], 0
    for i, m in enumerate(WORD_RE.finditer(instead)):
        out.append(instead[last : m.start()])
        out.append(forms.get(i, m.group()))
        last = m.end()
    out.append(instead[last:])
    return "".join(out)


# --- Russian -------------------------------------------------------------------------------


def _ru(match: Match, words: Words, instead: str) -> tuple[str, int] | str:
    tokens = words.tokens[match.first : match.first + len(match.keys)]
    readings = [morph.reading(t, "ru", k) for t, k in zip(tokens, match.keys, strict=True)]
    if any(r is None for r in readings):
        return _("rewrite the phrase in plain words")
    originals = [r for r in readings if r is not None and r.pos in ("NOUN", "ADJ", "VERB")]
    used: set[int] = set()
    forms: dict[int, str] = {}
    agree: list[int] = []
    new_words = WORD_RE.findall(instead)
    for i, word in enumerate(new_words):
        own = _own_pos(word, [r.pos for r in originals])
        if own is None or own in morph.FIXED or own in ("ADV", "X", "PRON", "NUM"):
            continue
        like = next((j for j, r in enumerate(originals) if r.pos == own and j not in used), None)
        if like is None and own == "ADJ":
            agree.append(i)  # «приветственный напиток»: the adjective follows its noun
            continue
        if like is None:
            if any(r.pos != "VERB" and not (_cases(r) & {"nomn"}) for r in originals):
                return _rewrite_with(instead)
            continue
        used.add(like)
        form = morph.ru_inflect(word, originals[like])
        if form is None:
            return _(
                "rewrite the sentence with {phrase}: it has no form that stands where {word} "
                "stands",
                phrase=quote(instead, "ru"),
                word=quote(tokens[readings.index(originals[like])], "ru"),
            )
        forms[i] = form
    for i in agree:
        noun = next((j for j in range(i + 1, len(new_words)) if j in forms), None)
        if noun is None:
            if forms:
                return _rewrite_with(instead)
            continue
        form = morph.ru_agree(new_words[i], forms[noun])
        if form is None:
            return _rewrite_with(instead)
        forms[i] = form
    new = _rebuild(instead, forms)
    end = match.end
    governed = _governed_case(tokens, readings)
    last = morph.normal(new_words[-1]) if new_words else ""
    allowed = morph.PREPOSITION_CASES.get(last, ())
    following = _next_word(words, match.first + len(tokens), end)
    now = morph.ru_case_of(words.tokens[following[0]]) if following else set()
    if allowed and not governed and now:
        # A preposition the table does not know («насчёт»): the case the next word stands in.
        governed = next((c for c in morph.CASES if c in now), "")
    new_case = match.entry.case
    if allowed and not new_case:
        if governed in allowed or not now:
            new_case = governed
        elif len(allowed) == 1:
            new_case = allowed[0]
        else:
            return _(
                "rewrite the phrase with {phrase}, putting the words after it in the form "
                "{phrase} needs",
                phrase=quote(instead, "ru"),
            )
    if governed and not new_case and following and morph.ru_case_of(words.tokens[following[0]]):
        return _(
            "rewrite the phrase: {phrase} cannot stand before {word}",
            phrase=quote(instead, "ru"),
            word=quote(words.tokens[following[0]], "ru"),
        )
    if governed and new_case and new_case != governed:
        moved = _move_case(words, match.first + len(tokens), end, governed, new_case)
        if isinstance(moved, str):
            return moved
        tail, end = moved
        new += tail
    return new, end


def _rewrite_with(instead: str) -> str:
    return _("rewrite with {phrase} in the form the sentence needs", phrase=quote(instead, "ru"))


def _own_pos(word: str, prefer: list[str]) -> str | None:
    """The part of speech of a replacement word in dictionary form, preferring the parts of
    speech of the words it replaces, in their order («имеет возможность» → «мочь»: a verb)."""
    own = [p for p in morph.parses(word, "ru") if p.lemma == morph.normal(word)]
    if not own:
        return None
    kinds = {p.pos for p in own}
    return next((pos for pos in prefer if pos in kinds), own[0].pos)


def _cases(r: morph.Parse) -> set[str]:
    return {c for c in morph.CASES if r.tag is not None and c in r.tag}


def _governed_case(tokens: list[str], readings: list[morph.Parse | None]) -> str:
    """The case the matched words make the next words take, when they end in a preposition
    («в связи с» → ablt) or a noun of a compound preposition («в течение» → gent)."""
    last, reading = morph.normal(tokens[-1]), readings[-1]
    if reading is not None and reading.pos == "PREP":
        return morph.PREPOSITION_CASE.get(last, "")
    first = readings[0]
    if len(tokens) > 1 and first is not None and first.pos == "PREP":
        return "gent"  # в течение, в целях, по причине, в отношении
    return ""


def _next_word(words: Words, index: int, after: int) -> tuple[int, int] | None:
    """The next word when only spaces stand between it and the match."""
    if index >= len(words.tokens):
        return None
    start, end = words.spans[index]
    if words.text[after:start].strip():
        return None
    return index, end


def _move_case(
    words: Words, index: int, after: int, old_case: str, new_case: str
) -> tuple[str, int] | str:
    """The words a preposition governs (adjectives, numbers, then a noun) put into its case:
    (the text that follows the replacement, where the replaced span ends now)."""
    out: list[str] = []
    end = after
    number: int | None = None
    for _step in range(5):
        nxt = _next_word(words, index, end)
        if nxt is None:
            break
        token = words.tokens[index]
        gap = words.text[end : words.spans[index][0]]
        numeral = _numeral(token)
        if token.isdigit():
            number = int(token)
            out.append(gap + token)
        elif numeral is not None:
            form = morph.ru_to_case(token, new_case)
            if form is None:
                return _no_form(token)
            number = numeral if new_case in ("nomn", "accs") else 5
            out.append(gap + morph.with_case_of(token, form))
        else:
            readings = [p for p in morph.parses(token, "ru") if old_case in _cases(p)]
            if not readings:
                break
            form = morph.ru_to_case(token, new_case, number)
            if form is None:
                return _no_form(token)
            out.append(gap + morph.with_case_of(token, form))
            if any(p.pos == "NOUN" for p in readings):
                end = nxt[1]
                return "".join(out), end
        end = nxt[1]
        index += 1
    if not out:
        return "".join(out), after
    return _("rewrite the phrase after the preposition in plain words")


def _no_form(token: str) -> str:
    return _(
        "rewrite the phrase: {word} has no form after the new preposition", word=quote(token, "ru")
    )


_NUMERALS = {"один": 1, "два": 2, "три": 3, "четыре": 4, "оба": 2, "полтора": 2}


def _numeral(token: str) -> int | None:
    """The value a Russian numeral makes the noun after it agree with (5 for five and up)."""
    for p in morph.parses(token, "ru"):
        if p.pos == "NUM":
            return _NUMERALS.get(p.lemma, 5)
    return None


# --- English -------------------------------------------------------------------------------

_ADVERB_RE = re.compile(r"^[a-z]+ly$")


def _en(match: Match, words: Words, instead: str) -> tuple[str, int] | str:
    tokens = words.tokens[match.first : match.first + len(match.keys)]
    readings = [morph.reading(t, "en", k) for t, k in zip(tokens, match.keys, strict=True)]
    head = next((r for r in readings if r is not None and r.pos in ("VERB", "NOUN")), None)
    new_words = WORD_RE.findall(instead)
    if head is None or not new_words:
        return instead, match.end
    if head.pos == "VERB" and _after_be(words, match.first):
        if len(new_words) > 1:
            example = f"someone {_en_form(new_words[0], 'VBZ')} {' '.join(new_words[1:])}"
            return _(
                "rewrite in the active voice, naming who acts: {example}",
                example=quote(example, "en"),
            )
        like = morph.Parse(head.lemma, "VERB", "VBN")
    else:
        like = head
    forms: dict[int, str] = {}
    idx = 0 if like.pos == "VERB" else len(new_words) - 1
    form = morph.en_inflect(new_words[idx], like)
    if form is None:
        return _("rewrite the sentence with {phrase}", phrase=quote(instead, "en"))
    forms[idx] = form
    return _rebuild(instead, forms), match.end


def _en_form(word: str, tag: str) -> str:
    return morph.en_inflect(word, morph.Parse(word, "VERB", tag)) or word


def _after_be(words: Words, index: int) -> bool:
    """Whether the word at index follows a form of "be" (adverbs between): the passive."""
    j = index - 1
    while j >= 0 and _ADVERB_RE.match(words.tokens[j].lower()):
        j -= 1
    return j >= 0 and words.tokens[j].lower() in morph.BE_FORMS
