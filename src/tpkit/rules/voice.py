"""Accessible (ACC): how a standard speaks to staff: who acts (ACC006), how often it says "must"
(ACC007), verbs turned into nouns (ACC008)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from tpkit import morph
from tpkit.i18n import N_, _, n_, quote
from tpkit.model import Touchpoint
from tpkit.phrases import Words
from tpkit.rules._lists import matches
from tpkit.rules._passive import en_passive, ru_passive
from tpkit.rules._text import Label, avoided, inside, locate, sentence_spans, text_fields
from tpkit.rules.base import Context, Finding, rule

INSTRUCTIONS = ("standard", "steps")


def by_sentence(words: Words, text: str) -> list[list[int]]:
    """The indexes of the words of each sentence, in one pass over the text."""
    bounds = sentence_spans(text)
    out: list[list[int]] = [[] for _ in bounds]
    n = 0
    for i, (start, _end) in enumerate(words.spans):
        while n < len(bounds) - 1 and start >= bounds[n][1]:
            n += 1
        if out:
            out[n].append(i)
    return out


# --- ACC006: the passive that hides who acts ------------------------------------------------


@rule(
    "ACC006",
    "accessible",
    "warning",
    doc=N_("""The passive or impersonal voice hides who acts.

    «Контроль должен осуществляться», «заказ принимается», «должно быть обеспечено»; "calls
    are to be answered", "cleanliness will be ensured" never say who does it, so on a shift
    nobody does. Found in the standard and steps (a check says what was seen, and may be
    passive). Name the role and use an active verb; a sentence that names who acts («by the
    host») is not reported.

    Bad:
      standard: Заказ принимается в течение 5 минут. Контроль должен осуществляться менеджером.
    Good:
      standard: Официант принимает заказ за 5 минут. Менеджер смены проверяет зал каждый час.
    """),
)
def passive_voice(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    find = ru_passive if lang == "ru" else en_passive
    for key, text, label in text_fields(tp, *INSTRUCTIONS):
        words = ctx.words(text)
        bad = avoided(text)
        for idx in by_sentence(words, text):
            for start, end in find(words, idx):
                if inside(bad, start, end):
                    continue
                yield Finding(
                    *locate(tp, key, text, start, end),
                    _(
                        "{words} in {label} does not say who acts",
                        words=quote(text[start:end], lang),
                        label=label,
                    ),
                    _(
                        "name the role and use an active verb: {good}, not {bad}",
                        good=quote("Официант принимает заказ", lang)
                        if lang == "ru"
                        else quote("The host answers calls", lang),
                        bad=quote("заказ принимается", lang)
                        if lang == "ru"
                        else quote("calls are answered", lang),
                    ),
                )


# --- ACC007: stacked modality ----------------------------------------------------------------


def _ru_obliges(words: Words, first: int, keys: tuple[str, ...]) -> bool:
    """Whether a Russian word of obligation obliges someone to do something: an infinitive
    stands near it («следует проверить», «проверить необходимо»), and the word is not another
    one («в следующий раз») or a participle, nor a verb of motion («следует за гостем»)."""
    n = len(keys)
    reading = morph.parses(words.tokens[first], "ru")[0]
    if n == 1 and reading.lemma != keys[0].partition("/")[0]:
        return False
    if reading.tag is not None and ("PRTF" in reading.tag or "GRND" in reading.tag):
        return False
    near = [
        *range(max(0, first - 2), first),
        *range(first + n, min(len(words.tokens), first + n + 4)),
    ]
    return any(
        p.tag is not None and "INFN" in p.tag
        for j in near
        for p in morph.parses(words.tokens[j], "ru")[:1]
    )


@rule(
    "ACC007",
    "accessible",
    "warning",
    doc=N_("""Two or more words of obligation in one sentence.

    «Сотрудник должен обязательно следить, чтобы необходимо было…»; "staff must ensure they
    are required to…" say "must" twice and weigh the sentence down. One sentence, one
    obligation, or none: a standard is already what staff do. Found in the standard, steps
    and checks.

    Bad:
      standard: Администратор должен следить, чтобы гостю не было необходимо ждать.
    Good:
      standard: Администратор встречает гостя в течение минуты.
    """),
)
def stacked_modality(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    by_sentence: dict[tuple[tuple[str | int, ...], int], list[tuple[int, int, str]]] = {}
    places: dict[tuple[str | int, ...], tuple[str, Label]] = {}
    spans_of: dict[str, list[int]] = {}
    for key, text, label, m, words in matches(
        ctx, tp, lexicon.modal, ("standard", "steps", "checks")
    ):
        if lang == "ru" and not _ru_obliges(words, m.first, m.keys):
            continue
        ends = spans_of.get(text)
        if ends is None:
            ends = spans_of[text] = [e for _, e in sentence_spans(text)]
        n = bisect.bisect_right(ends, m.start)
        by_sentence.setdefault((key, n), []).append((m.start, m.end, m.surface))
        places[key] = (text, label)
    for (key, _n), found in by_sentence.items():
        if len(found) < 2:
            continue
        text, label = places[key]
        start, end, _s = found[1]
        said = ", ".join(quote(s, lang) for _a, _b, s in found)
        yield Finding(
            *locate(tp, key, text, start, end),
            n_(
                "one sentence of {label} says it must be done {n} time: {words}",
                "one sentence of {label} says it must be done {n} times: {words}",
                len(found),
                label=label,
                words=said,
            ),
            _(
                "keep one word of obligation or none: write what staff do, {example}",
                example=quote("Официант приносит счёт за 3 минуты", lang)
                if lang == "ru"
                else quote("The waiter brings the bill", lang),
            ),
        )


# --- ACC008: chains of verbal nouns ----------------------------------------------------------

RU_VERBAL_SUFFIXES = ("ание", "ение", "яние", "тие", "ация", "ирование", "ование")
# Nouns in -ние that name a thing, not an action; and nouns of action without a suffix.
RU_NOT_VERBAL = {
    "здание", "мнение", "внимание", "задание", "расписание", "питание", "желание",
    "настроение", "состояние", "расстояние", "отделение", "помещение", "учреждение",
    "заведение", "предприятие", "событие", "занятие", "название", "время", "знание",
    "пожелание", "значение", "условие", "решение", "сообщение", "предложение",
    "приглашение", "извинение", "блюдо", "объявление", "оборудование", "станция",
    "информация", "организация", "ситуация", "администрация", "локация", "навигация",
}  # fmt: skip
RU_ZERO_SUFFIX = {"контроль", "учёт", "учет", "осмотр", "досмотр", "надзор", "подбор", "расчёт"}
EN_VERBAL_RE = re.compile(r"^[a-z]{4,}(?:tion|sion|ment|ance|ence)s?$")
EN_NOT_VERBAL = {"reservation", "reservations", "information", "station", "department",
                 "restaurant", "apartment", "equipment", "entrance", "instance", "distance",
                 "evidence", "experience", "attention", "question", "occasion", "mention",
                 "moment", "comment", "payment", "document", "compliment", "preference",
                 "allowance", "sentence", "condition", "position", "section"}  # fmt: skip


@lru_cache(maxsize=100_000)
def _verbal(token: str, lang: str) -> bool:
    """Whether the word is a noun made of a verb («получение», "completion")."""
    w = morph.normal(token)
    if lang == "ru":
        for p in morph.parses(token, "ru")[:1]:
            if p.pos != "NOUN":
                return False
            return p.lemma in RU_ZERO_SUFFIX or (
                p.lemma.endswith(RU_VERBAL_SUFFIXES) and p.lemma not in RU_NOT_VERBAL
            )
        return False
    return bool(EN_VERBAL_RE.match(w)) and w not in EN_NOT_VERBAL


@rule(
    "ACC008",
    "accessible",
    "warning",
    doc=N_("""A chain of verbal nouns where a verb would do.

    «После получения и уточнения заказа», «осуществление контроля выполнения»; "upon the
    completion of the verification of the booking" turn actions into nouns, and staff must
    turn them back to know what to do. Found in the standard, steps and checks: two verbal
    nouns in a row in Russian, three in English. Write the verbs.

    Bad:
      steps:
        - После получения и уточнения заказа официант передаёт его на кухню.
    Good:
      steps:
        - Официант принимает заказ, повторяет его гостю и передаёт на кухню.
    """),
)
def noun_chain(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    for key, text, label in text_fields(tp, "standard", "steps", "checks"):
        words = ctx.words(text)
        bad = avoided(text)
        for first, last in _chains(words, lang):
            start, end = words.spans[first][0], words.spans[last][1]
            if inside(bad, start, end) or re.search(r"[.;:!?,]", text[start:end]):
                continue
            yield Finding(
                *locate(tp, key, text, start, end),
                _(
                    "{words} in {label} is a chain of verbal nouns",
                    words=quote(text[start:end], lang),
                    label=label,
                ),
                _(
                    "write the actions as verbs: {example}",
                    example=quote("когда официант принял и уточнил заказ", lang)
                    if lang == "ru"
                    else quote("when the host has checked the booking", lang),
                ),
            )


def _chains(words: Words, lang: str) -> Iterator[tuple[int, int]]:
    """(first, last word) of each run of verbal nouns that hang on each other: in Russian a
    verbal noun, then nouns in the genitive or joined by «и»/«или» («получения и уточнения
    заказа», «сокращения времени ожидания»); in English nouns joined by "of" ("completion of
    the verification"). Two verbal nouns make a chain."""
    tokens = words.tokens
    i, n = 0, len(tokens)
    while i < n:
        if not _verbal(tokens[i], lang):
            i += 1
            continue
        verbal, last, j = 1, i, i + 1
        while j < n:
            w = morph.normal(tokens[j])
            if lang == "ru":
                if w in ("и", "или") and j + 1 < n and _verbal(tokens[j + 1], lang):
                    j += 1
                    continue
                if not _genitive_noun(tokens[j]):
                    break
            else:
                if w != "of":
                    break
                j += 1
                while j < n and morph.normal(tokens[j]) in ("the", "a", "an", "this", "your"):
                    j += 1
                if j >= n or not _verbal(tokens[j], lang):
                    break
            if _verbal(tokens[j], lang):
                verbal, last = verbal + 1, j
            elif j > last + 1:  # at most one other noun between verbal nouns
                break
            j += 1
        if verbal >= 2:
            yield i, last
        i = last + 1


def _genitive_noun(token: str) -> bool:
    first = morph.parses(token, "ru")[0]
    return first.pos == "NOUN" and first.tag is not None and "gent" in first.tag
