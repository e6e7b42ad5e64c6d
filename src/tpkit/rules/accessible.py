"""Accessible (ACC): standards are described in simple, understandable words."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.model import Touchpoint
from tpkit.rules import Context, Finding, Param, rule
from tpkit.text import readability


@rule(
    "ACC001",
    "accessible",
    "warning",
    params={
        "min_score": Param(
            "number", {"ru": 30, "en": 50}, "lowest readability score", per_lang=True
        ),
        "min_words": Param("int", 15, "texts shorter than this are not scored"),
    },
)
def hard_to_read(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """The standard is hard to read (Flesch Reading Ease below the threshold).

    The score grows with short sentences and short words: Russian with Oborneva's constants
    (206.835 − 1.3·words/sentences − 60.1·syllables/word), English with Flesch's
    (206.835 − 1.015·words/sentences − 84.6·syllables/word). Texts under 15 words are not
    scored. Split long sentences and use everyday words.

    Bad:
      standard: >
        В целях обеспечения надлежащего уровня гостеприимства сотрудник, осуществляющий
        встречу посетителей, обязан незамедлительно осуществлять приветствие каждого
        входящего посетителя с соблюдением требований корпоративного стандарта.
    Good:
      standard: >
        Гостя встречают у входа за 30 секунд. Хостес улыбается и здоровается первой.
        Потом предлагает помочь с верхней одеждой.
    """
    threshold = ctx.param("min_score", tp.lang)
    r = readability(tp.standard, tp.lang, ctx.sentences(tp.standard), ctx.tokens(tp.standard))
    if threshold is None or r.words < ctx.param("min_words"):
        return
    if r.score < float(threshold):
        yield Finding(
            *tp.pos("standard"),
            f"the standard is hard to read: readability {r.score:g}, below "
            f"{float(threshold):g} ({r.words_per_sentence:.0f} words a sentence, "
            f"{r.syllables_per_word:.1f} syllables a word)",
            "split long sentences in two and use shorter, everyday words",
        )
