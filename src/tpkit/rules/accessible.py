"""Accessible (ACC): standards are described in simple, understandable words."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.model import Touchpoint
from tpkit.rules import Context, Finding, Param, rule
from tpkit.rules._text import locate, quote, text_fields
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
    limits = ctx.params.get("min_score", {})
    threshold = limits.get(tp.lang) if isinstance(limits, dict) else limits
    r = readability(tp.standard, tp.lang, ctx.sentences(tp.standard), ctx.tokens(tp.standard))
    if threshold is None or r.words < int(ctx.params.get("min_words", 15)):
        return
    if r.score < float(threshold):
        yield Finding(
            *tp.pos("standard"),
            f"the standard is hard to read: readability {r.score:g}, below "
            f"{float(threshold):g} ({r.words_per_sentence:.0f} words a sentence, "
            f"{r.syllables_per_word:.1f} syllables a word)",
            "split long sentences in two and use shorter, everyday words",
        )


@rule("ACC002", "accessible", "warning")
def bureaucratic_word(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A bureaucratic or jargon word has a plainer one to use instead.

    Staff read standards on a shift, not at a desk. Each word of the lexicon's plain list is
    found in any of its forms (осуществлять, осуществляет, осуществляли) in the standard,
    steps, say phrases, check texts and avoid replacements.

    Bad:
      standard: Официант осуществляет подачу меню в течение минуты.
    Good:
      standard: Официант приносит меню за минуту.
    """
    lexicon = ctx.registry.lexicon(tp.lang)
    for key, text, label in text_fields(tp, "standard", "steps", "say", "checks", "avoid"):
        for m in ctx.found(lexicon.plain, text):
            yield Finding(
                *locate(tp, key, text, m.start, m.end),
                f"{quote(m.surface, tp.lang)} in {label} is bureaucratic language",
                f"write {quote(m.entry.instead, tp.lang)} instead of {quote(m.surface, tp.lang)}",
            )


@rule("ACC003", "accessible", "error")
def forbidden_phrase(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A forbidden phrase is used, with the phrase to say instead.

    Phrases that push a guest away ("Я не знаю", "Вы должны", "No problem", "That's not my
    department") must not be taught to staff. Found in the standard, steps, say phrases and
    avoid replacements; a touchpoint's own avoid list may quote them as the phrase to avoid.

    Bad:
      say:
        - Я не знаю, уточните у администратора.
    Good:
      say:
        - Вам удобно подождать минуту? Я уточню.
    """
    lexicon = ctx.registry.lexicon(tp.lang)
    for key, text, label in text_fields(tp, "standard", "steps", "say", "avoid"):
        for m in ctx.found(lexicon.forbidden, text):
            instead = m.entry.instead
            yield Finding(
                *locate(tp, key, text, m.start, m.end),
                f"{quote(m.surface, tp.lang)} in {label} is a forbidden phrase",
                f"say {quote(instead, tp.lang)} instead"
                if instead
                else f"remove {quote(m.surface, tp.lang)}",
            )


@rule("ACC004", "accessible", "warning")
def filler_word(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A filler or slang word in what staff say or do.

    Filler words (ну, типа, как бы, короче; basically, kind of, no worries) make staff sound
    careless. Checked in say phrases and steps.

    Bad:
      say:
        - Ну, присаживайтесь, короче, я сейчас подойду.
    Good:
      say:
        - Присаживайтесь, пожалуйста. Я подойду через минуту.
    """
    lexicon = ctx.registry.lexicon(tp.lang)
    for key, text, label in text_fields(tp, "say", "steps"):
        for m in ctx.found(lexicon.filler, text):
            yield Finding(
                *locate(tp, key, text, m.start, m.end),
                f"{quote(m.surface, tp.lang)} in {label} is a filler word",
                f"remove {quote(m.surface, tp.lang)} and say the sentence without it",
            )


@rule("ACC005", "accessible", "info")
def unexplained_abbreviation(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """An abbreviation is not explained in the lexicon's glossary.

    A word of two or more capital letters (ОФД, NPS, POS) may be unknown to new staff. Add it
    to the glossary of standards/lexicon/<lang>.yaml, or write it out in full.

    Bad:
      standard: Чек пробивают через ККТ.
    Good:
      standard: Чек пробивают на кассе.
    """
    lexicon = ctx.registry.lexicon(tp.lang)
    if next(lexicon.abbreviations(ctx.file_text(tp)), None) is None:
        return
    for key, text, label in text_fields(tp, "standard", "steps", "say", "checks"):
        for m in lexicon.abbreviations(text):
            yield Finding(
                *locate(tp, key, text, m.start(), m.end()),
                f"the abbreviation {m.group()} in {label} is not in the glossary",
                f"write it out in full, or add '{m.group()}: its meaning' to the "
                f"glossary in standards/lexicon/{tp.lang}.yaml",
            )
