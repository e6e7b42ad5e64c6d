"""Achievable (ACH): whether the words of a standard and its checks can be seen or counted:
unmeasurable words in the standard and steps (ACH006), two observations in one check (ACH007),
a number in a check's text that is not its target (ACH008)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from tpkit import morph
from tpkit.i18n import N_, _, quote
from tpkit.lexicon import Lexicon
from tpkit.model import Check, Touchpoint, fmt_number
from tpkit.phrases import Match, Words
from tpkit.rules._lists import matches
from tpkit.rules._text import locate
from tpkit.rules.base import Context, Finding, rule
from tpkit.targets import target_text

INSTRUCTIONS = ("standard", "steps")


# --- ACH006: words that cannot be seen in the standard and steps -----------------------------


# Set wishes staff say: «приятного аппетита», "have a nice day" are not a quality to measure.
_WISHED = {
    "аппетит", "вечер", "день", "отдых", "пребывание", "путешествие", "поездка", "время",
    "выходные", "праздник", "day", "evening", "stay", "trip", "meal", "weekend", "journey",
}  # fmt: skip


def _other_list(lexicon: Lexicon, m: Match) -> bool:
    """A word another rule speaks of in the standard: "always" is a rule for staff, not a
    vague word; «максимально» is an intensifier (ACC009)."""
    phrase = m.entry.phrase
    return any(
        phrase in (e.phrase for e in index.entries)
        for index in (lexicon.absolutes, lexicon.intensifiers)
    )


def is_wish(words: Words, after: int, lang: str) -> bool:
    """Whether the word before index `after` opens a set wish («приятного аппетита»)."""
    if after >= len(words.tokens):
        return False
    return any(p.lemma in _WISHED for p in morph.parses(words.tokens[after], lang)[:2])


@rule(
    "ACH006",
    "achievable",
    "warning",
    doc=N_("""The standard or a step asks for something no one can see or measure.

    «Своевременно», «при необходимости», «комфортно», «вежлив»; "promptly", "as needed",
    "comfortable", "reasonable" leave staff to guess and auditors to argue. Found in the
    standard and steps (ACH001 speaks of checks). Write the time, the count or what staff
    do.

    Bad:
      standard: Официант своевременно подходит к гостю и вежлив с ним.
    Good:
      standard: Официант подходит к гостю за 2 минуты, здоровается и представляется.
    """),
)
def unmeasurable_word(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    for index in (lexicon.vague, lexicon.inner):
        for key, text, label, m, words in matches(ctx, tp, index, INSTRUCTIONS):
            if is_wish(words, m.first + len(m.keys), lang) or _other_list(lexicon, m):
                continue
            yield Finding(
                *locate(tp, key, text, m.start, m.end),
                _(
                    "{word} in {label} cannot be seen or measured",
                    word=quote(m.surface, lang),
                    label=label,
                ),
                _(
                    "write what staff do, with a time or a count: {examples}",
                    examples=", ".join(
                        quote(e, lang)
                        for e in (
                            ("за 2 минуты", "называет гостя по имени")
                            if lang == "ru"
                            else ("within 2 minutes", "uses the guest's name")
                        )
                    ),
                ),
            )


# --- ACH007: two observations in one check ---------------------------------------------------

_RU_SUBORDINATE = {"что", "чтобы", "который", "которая", "которое", "которые", "если", "когда",
                   "пока", "как", "где", "прежде", "после", "куда", "сколько", "ли",
                   "почему", "зачем"}  # fmt: skip
_EN_SUBORDINATE = {"that", "which", "who", "if", "when", "while", "before", "after", "until", "to",
                   "where", "how", "what", "why", "whether"}  # fmt: skip
_EN_FINITE = {"VBD", "VBZ", "VBN"}


def _ru_predicates(words: Words) -> list[int]:
    out = []
    for i, token in enumerate(words.tokens):
        if morph.normal(token) in _RU_SUBORDINATE:
            break
        p = morph.parses(token, "ru")[0]
        if (
            p.tag is not None
            and p.pos == "VERB"
            and (("VERB" in p.tag and "impr" not in p.tag) or "PRTS" in p.tag)
        ):
            out.append(i)
    return out


def _en_predicates(words: Words) -> list[int]:
    out = []
    for i, token in enumerate(words.tokens):
        w = token.lower()
        if w in _EN_SUBORDINATE:
            break
        readings = morph.parses(w, "en")
        verb = [
            p
            for p in readings
            if p.pos == "VERB" and p.tag in _EN_FINITE and p.lemma not in ("be", "have", "do")
        ]
        noun = any(p.pos in ("NOUN", "ADJ") for p in readings)
        if verb and (not noun or _next_to_and(words, i)):
            out.append(i)
    return out


def _next_to_and(words: Words, i: int) -> bool:
    near = [words.tokens[j].lower() for j in (i - 1, i + 1) if 0 <= j < len(words.tokens)]
    return "and" in near


def _joined(
    words: Words, text: str, a: int, b: int, joins: set[str], alternatives: set[str], no: str
) -> bool:
    """Whether two verbs are two things asked at once: joined by "and", not "or", no comma
    between, and not both negated («не просил и не намекал» is one thing not done)."""
    between = {morph.normal(t) for t in words.tokens[a + 1 : b]}
    if not between & joins or between & alternatives:
        return False
    if re.search(r"[,;:]", text[words.spans[a][1] : words.spans[b][0]]):
        return False
    before = morph.normal(words.tokens[a - 1]) if a else ""
    return not (before == no and no in between)


@rule(
    "ACH007",
    "achievable",
    "warning",
    doc=N_("""A check asks for two things at once.

    "Greets and smiles", «поздоровался и предложил меню»: when one is done and the other is
    not, the auditor cannot answer yes or no, and the score hides which one failed. Split the
    check in two.

    Bad:
      checks:
        - {id: greet, text: Хостес поздоровалась и проводила гостя к столу}
    Good:
      checks:
        - {id: greet, text: Хостес поздоровалась первой}
        - {id: seat, text: Хостес проводила гостя к столу}
    """),
)
def compound_check(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    joins = {"и", "также"} if lang == "ru" else {"and"}
    alternatives = {"или", "либо"} if lang == "ru" else {"or"}
    negation = "не" if lang == "ru" else "not"
    for check in tp.checks:
        words = ctx.words(check.text)
        verbs = _ru_predicates(words) if lang == "ru" else _en_predicates(words)
        pair = next(
            (
                (a, b)
                for a, b in itertools.pairwise(verbs)
                if _joined(words, check.text, a, b, joins, alternatives, negation)
            ),
            None,
        )
        if pair is None:
            continue
        a, b = pair
        key = ("checks", check.index, "text")
        start, end = words.spans[a][0], words.spans[b][1]
        yield Finding(
            *locate(tp, key, check.text, start, end),
            _(
                "check '{id}' asks for two things at once: {first} and {second}",
                id=check.id,
                first=quote(words.tokens[a], lang),
                second=quote(words.tokens[b], lang),
            ),
            _("split it into two checks, one observation each, so a fail shows which one failed"),
        )


# --- ACH008: a number in the text that is not the target ------------------------------------

_UNITS = {
    "s": r"сек\w*|с\b|seconds?|secs?|s\b",
    "min": r"мин\w*|minutes?|mins?\b",
    "h": r"час\w*|ч\b|hours?|hrs?\b",
    "count": r"гудк\w*|гудок|звонк\w*|rings?\b|°\s?C|градус\w*|degrees?",
}
_NUMBER_WORDS = {
    "один": 1, "одной": 1, "одну": 1, "одного": 1, "два": 2, "двух": 2, "три": 3, "трёх": 3,
    "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4, "пять": 5, "пяти": 5, "десять": 10,
    "десяти": 10, "пятнадцать": 15, "пятнадцати": 15, "тридцать": 30, "тридцати": 30,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "fifteen": 15,
    "thirty": 30, "минуту": 1, "минуты": 1, "minute": 1, "секунду": 1,
}  # fmt: skip
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?|"
    + "|".join(k for k in _NUMBER_WORDS if not k.startswith(("мин", "сек", "minute")))
    + r")\s*"
    r"(" + "|".join(f"(?P<{k}>{v})" for k, v in _UNITS.items()) + ")",
    re.IGNORECASE,
)
_FACTOR = {"s": 1, "min": 60, "h": 3600}


_AT_LEAST_RE = re.compile(
    r"не\s+(?:ниже|менее|меньше)|или\s+(?:более|больше|выше)|и\s+(?:более|выше)|\bот\s+\d|"
    r"at\s+least|or\s+(?:more|above|higher)|no\s+(?:less|lower)\s+than|minimum",
    re.IGNORECASE,
)


def _numbers(text: str) -> Iterator[tuple[int, int, float, str]]:
    for m in _NUMBER_RE.finditer(text):
        raw = m.group(1).lower()
        value = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
        unit = next(k for k in _UNITS if m.group(k))
        yield m.start(), m.end(), value, unit


# A number that sets when the check applies («при ожидании дольше 2 минут», "when the fix took
# over 1 hour"), or a deadline before an event, is not what is measured.
_CONDITION_BEFORE_RE = re.compile(
    r"(?:\b(?:при|если|когда|после|once|if|when|after|for\s+stays?)\b[^,.;]*|"
    r"(?<!не )\b(?:дольше|больше|более|свыше|longer\s+than|more\s+than|over)\s*)$",
    re.IGNORECASE,
)


# «за 30 минут до закрытия», "30 minutes before closing": a deadline a yes/no check states.
_BEFORE_EVENT_RE = re.compile(r"^\s*(?:до|перед|before|prior\s+to)\b", re.IGNORECASE)


def _condition(text: str, start: int, end: int) -> bool:
    clause = re.split(r"[,.;:]", text[:start])[-1]
    return bool(_CONDITION_BEFORE_RE.search(clause) or _BEFORE_EVENT_RE.match(text[end:]))


def _target_matches(check: Check, value: float, unit: str) -> bool:
    t = check.target
    if t is None:
        return False
    limits = [x for x in (t.max, t.min) if x is not None]
    if unit == "count":
        return check.type == "count" and value in limits
    if check.type != "time" or not t.unit:
        return False
    seconds = value * _FACTOR[unit]
    return any(abs(x * _FACTOR.get(t.unit, 1) - seconds) < 1e-6 for x in limits)


@rule(
    "ACH008",
    "achievable",
    "warning",
    doc=N_("""A check's text names a number that is not its target.

    «Ответили не позднее 3 гудков» with no target, or "within 2 minutes" with a target of 5
    minutes: the auditor scores the target, the staff read the text, and the two disagree.
    Set the number as the check's type and target, and keep the text and the target equal.

    Bad:
      checks:
        - {id: answer, text: Ответили на звонок за 3 гудка}
    Good:
      checks:
        - {id: answer, text: Ответили на звонок за 3 гудка, type: count, target: {max: 3}}
    """),
)
def number_not_target(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    for check in tp.checks:
        for start, end, value, unit in _numbers(check.text):
            if _target_matches(check, value, unit) or _condition(check.text, start, end):
                continue
            key = ("checks", check.index, "text")
            bound = (
                "min" if _AT_LEAST_RE.search(check.text[max(0, start - 20) : end + 12]) else "max"
            )
            if unit == "count":
                want = f"type: count, target: {{{bound}: {fmt_number(value)}}}"
            else:
                want = f"type: time, target: {{max: {fmt_number(value)}, unit: {unit}}}"
            has = check.target is not None and not check.target.is_empty()
            said = quote(check.text[start:end], lang)
            yield Finding(
                *locate(tp, key, check.text, start, end),
                _(
                    "check '{id}' says {words} but its target is {target}",
                    id=check.id,
                    words=said,
                    target=target_text(check),
                )
                if has
                else _(
                    "check '{id}' says {words} but has no target to score it by",
                    id=check.id,
                    words=said,
                ),
                _("set {target}, or change the text to match the target", target=want),
            )
            break
