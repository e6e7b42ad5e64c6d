"""Brief (BRF): standards are laconic and clear."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.model import Touchpoint
from tpkit.rules import Context, Finding, Param, rule
from tpkit.rules._text import locate, text_fields


@rule("BRF001", "brief", "warning", params={"max_words": Param("int", 60, "words in the standard")})
def standard_too_long(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """The standard is longer than max_words (60 by default).

    A standard is what a waiter remembers on a busy evening. Keep the rule; move the details
    into steps, or split the touchpoint in two.

    Bad:
      standard: >
        (a paragraph of 90 words about the greeting, the coat, the table, the menu...)
    Good:
      standard: >
        Гостя встречают у входа за 30 секунд. Хостес улыбается и здоровается первой.
    """
    limit: int = ctx.param("max_words")
    n = len(ctx.tokens(tp.standard))
    if n > limit:
        yield Finding(
            *tp.pos("standard"),
            f"the standard has {n} words, more than {limit}",
            "keep the rule itself here; move the details into steps or split the touchpoint in two",
        )


@rule("BRF002", "brief", "warning", params={"max_steps": Param("int", 7, "steps")})
def too_many_steps(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """More than max_steps steps (7 by default).

    Seven steps is about what a person holds in mind. Merge small steps, or split the
    touchpoint.

    Bad:
      steps: [Откройте дверь., Улыбнитесь., Поздоровайтесь., Спросите имя., Найдите бронь.,
              Возьмите меню., Проводите к столу., Отодвиньте стул., Подайте меню.]
    Good:
      steps: [Улыбнитесь и поздоровайтесь первым., Спросите имя и найдите бронь.,
              Проводите гостя к столу., Подайте меню.]
    """
    limit: int = ctx.param("max_steps")
    if len(tp.steps) > limit:
        yield Finding(
            *tp.pos("steps", limit),
            f"{len(tp.steps)} steps, more than {limit}",
            "merge small steps into one, or split the touchpoint in two",
        )


@rule("BRF003", "brief", "warning", params={"max_words": Param("int", 15, "words a step")})
def long_step_or_phrase(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A step or a say phrase is longer than max_words (15 by default).

    A step is one action; a phrase is what a person says in one breath.

    Bad:
      say:
        - Добрый вечер, мы очень рады приветствовать вас в нашем ресторане, позвольте мне
          помочь вам с верхней одеждой и проводить вас к столу.
    Good:
      say:
        - Добрый вечер! Рады вас видеть.
        - Позвольте помочь с пальто.
    """
    limit: int = ctx.param("max_words")
    for key, text, label in text_fields(tp, "steps", "say"):
        n = len(ctx.tokens(text))
        if n > limit:
            yield Finding(
                *tp.pos(*key),
                f"{label} has {n} words, more than {limit}",
                "say one thing at a time: split it in two or cut words",
            )


@rule("BRF004", "brief", "warning", params={"max_words": Param("int", 20, "words a sentence")})
def long_sentence(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A sentence of the standard is longer than max_words (20 by default).

    Long sentences are re-read and misread. One sentence, one thought.

    Bad:
      standard: >
        Хостес встречает гостя у входа, здоровается, спрашивает о брони, предлагает помочь
        с верхней одеждой, провожает к столу и подаёт меню, а затем сообщает официанту.
    Good:
      standard: >
        Хостес встречает гостя у входа и здоровается. Она помогает с одеждой и провожает
        к столу.
    """
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
                    f"a sentence of the standard has {n} words, more than "
                    f"{limit}: “{_clip(sentence)}”",
                    "split it into two sentences of one thought each",
                )


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@rule("BRF005", "brief", "warning", params={"max_checks": Param("int", 10, "checks")})
def too_many_checks(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """More than max_checks checks in one touchpoint (10 by default).

    An auditor scores a touchpoint in a glance. Keep the checks that matter to the guest, or
    split the touchpoint.

    Bad:
      checks: (14 checks)
    Good:
      checks: (the 5 that the guest notices)
    """
    limit: int = ctx.param("max_checks")
    if len(tp.checks) > limit:
        yield Finding(
            *tp.pos("checks", limit),
            f"{len(tp.checks)} checks, more than {limit}",
            "keep the checks the guest notices most, or split the touchpoint",
        )
