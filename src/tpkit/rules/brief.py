"""Brief (BRF): standards are laconic and clear."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.i18n import N_, _, n_, number, quote
from tpkit.model import Touchpoint
from tpkit.rules._text import locate, text_fields
from tpkit.rules.base import Context, Finding, Param, rule


@rule(
    "BRF001",
    "brief",
    "warning",
    params={"max_words": Param("int", 60, N_("words in the standard"))},
    doc=N_("""The standard is longer than max_words (60 by default).

    A standard is what a waiter remembers on a busy evening. Keep the rule; move the details
    into steps, or split the touchpoint in two.

    Bad:
      standard: >
        (a paragraph of 90 words about the greeting, the coat, the table, the menu...)
    Good:
      standard: >
        Гостя встречают у входа за 30 секунд. Хостес улыбается и здоровается первой.
    """),
)
def standard_too_long(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit: int = ctx.param("max_words")
    n = len(ctx.tokens(tp.standard))
    if n > limit:
        yield Finding(
            *tp.pos("standard"),
            n_(
                "the standard has {n} word, more than {limit}",
                "the standard has {n} words, more than {limit}",
                n,
                limit=number(limit),
            ),
            _(
                "keep the rule itself here; move the details into steps or split the "
                "touchpoint in two"
            ),
        )


@rule(
    "BRF002",
    "brief",
    "warning",
    params={"max_steps": Param("int", 7, N_("steps in a touchpoint"))},
    doc=N_("""More than max_steps steps (7 by default).

    Seven steps is about what a person holds in mind. Merge small steps, or split the
    touchpoint.

    Bad:
      steps: [Откройте дверь., Улыбнитесь., Поздоровайтесь., Спросите имя., Найдите бронь.,
              Возьмите меню., Проводите к столу., Отодвиньте стул., Подайте меню.]
    Good:
      steps: [Улыбнитесь и поздоровайтесь первым., Спросите имя и найдите бронь.,
              Проводите гостя к столу., Подайте меню.]
    """),
)
def too_many_steps(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit: int = ctx.param("max_steps")
    if len(tp.steps) > limit:
        yield Finding(
            *tp.pos("steps", limit),
            n_(
                "{n} step, more than {limit}",
                "{n} steps, more than {limit}",
                len(tp.steps),
                limit=number(limit),
            ),
            _("merge small steps into one, or split the touchpoint in two"),
        )


@rule(
    "BRF003",
    "brief",
    "warning",
    params={"max_words": Param("int", 15, N_("words a step"))},
    doc=N_("""A step or a say phrase is longer than max_words (15 by default).

    A step is one action; a phrase is what a person says in one breath.

    Bad:
      say:
        - Добрый вечер, мы очень рады приветствовать вас в нашем ресторане, позвольте мне
          помочь вам с верхней одеждой и проводить вас к столу.
    Good:
      say:
        - Добрый вечер! Рады вас видеть.
        - Позвольте помочь с пальто.
    """),
)
def long_step_or_phrase(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit: int = ctx.param("max_words")
    for key, text, label in text_fields(tp, "steps", "say"):
        n = len(ctx.tokens(text))
        if n > limit:
            yield Finding(
                *tp.pos(*key),
                n_(
                    "{label} has {n} word, more than {limit}",
                    "{label} has {n} words, more than {limit}",
                    n,
                    label=label,
                    limit=number(limit),
                ),
                _("say one thing at a time: split it in two or cut words"),
            )


@rule(
    "BRF004",
    "brief",
    "warning",
    params={"max_words": Param("int", 20, N_("words a sentence"))},
    doc=N_("""A sentence of the standard is longer than max_words (20 by default).

    Long sentences are re-read and misread. One sentence, one thought.

    Bad:
      standard: >
        Хостес встречает гостя у входа, здоровается, спрашивает о брони, предлагает помочь
        с верхней одеждой, провожает к столу и подаёт меню, а затем сообщает официанту.
    Good:
      standard: >
        Хостес встречает гостя у входа и здоровается. Она помогает с одеждой и провожает
        к столу.
    """),
)
def long_sentence(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit: int = ctx.param("max_words")
    for key, text, _label in text_fields(tp, "standard"):
        start = 0
        for sentence in ctx.sentences(text):
            n = len(ctx.tokens(sentence))
            offset = text.find(sentence[:20], start)
            start = max(offset, start)
            if n > limit:
                where = (
                    locate(tp, key, text, start, start + len(sentence))
                    if offset >= 0
                    else tp.pos(*key)
                )
                yield Finding(
                    *where,
                    n_(
                        "a sentence of the standard has {n} word, more than {limit}: {sentence}",
                        "a sentence of the standard has {n} words, more than {limit}: {sentence}",
                        n,
                        limit=number(limit),
                        sentence=quote(_clip(sentence), tp.lang, always="“”"),
                    ),
                    _("split it into two sentences of one thought each"),
                )


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@rule(
    "BRF005",
    "brief",
    "warning",
    params={"max_checks": Param("int", 10, N_("checks in a touchpoint"))},
    doc=N_("""More than max_checks checks in one touchpoint (10 by default).

    An auditor scores a touchpoint in a glance. Keep the checks that matter to the guest, or
    split the touchpoint.

    Bad:
      checks: (14 checks)
    Good:
      checks: (the 5 that the guest notices)
    """),
)
def too_many_checks(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit: int = ctx.param("max_checks")
    if len(tp.checks) > limit:
        yield Finding(
            *tp.pos("checks", limit),
            n_(
                "{n} check, more than {limit}",
                "{n} checks, more than {limit}",
                len(tp.checks),
                limit=number(limit),
            ),
            _("keep the checks the guest notices most, or split the touchpoint"),
        )
