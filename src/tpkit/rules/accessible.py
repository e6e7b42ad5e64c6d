"""Accessible (ACC): standards are described in simple, understandable words."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.i18n import N_, _, n_, number, quote
from tpkit.model import Touchpoint
from tpkit.rules.base import Context, Finding, Param, rule
from tpkit.text import hard_words, opening, readability, school_level, words


@rule(
    "ACC001",
    "accessible",
    "warning",
    params={
        "max_grade": Param(
            "number",
            {"ru": 10, "en": 9},
            N_("highest school grade the standard may read at"),
            per_lang=True,
        ),
        "min_words": Param("int", 15, N_("standards of fewer words are not scored")),
        "max_sentence_words": Param(
            "int", 15, N_("a longer sentence is named as one to split when the standard is hard")
        ),
        "hard_syllables": Param(
            "int",
            {"ru": 5, "en": 4},
            N_("a word of this many syllables or more is named as hard, unless it is everyday"),
            per_lang=True,
        ),
    },
    doc=N_("""The standard reads above the school grade set for it (10 in Russian, 9 in English).

    The grade is Flesch–Kincaid's: the school year a reader needs, from the words a sentence
    and the syllables a word. English uses Kincaid's constants (0.39·words/sentences +
    11.8·syllables/words − 15.59), Russian the constants fitted to Russian school texts
    (0.318·words/sentences + 14.2·syllables/words − 30.5). Everyday long words (администратор,
    бронирование, reservation) count as three syllables: staff read them every shift. Plain
    standards read at grade 0–9; officialese at grade 17 and above. Standards under 15 words
    are not scored.

    The finding names what to change: the sentences longer than 15 words, longest first, and
    the hard words — of five syllables or more in Russian, four or more in English, or very
    long — that are not everyday words or Russian verbs.

    Bad:
      standard: >
        В целях обеспечения надлежащего уровня гостеприимства сотрудник, осуществляющий
        встречу посетителей, обязан незамедлительно осуществлять приветствие каждого
        входящего посетителя с соблюдением требований корпоративного стандарта.
    Good:
      standard: >
        Гостя встречают у входа за 30 секунд. Хостес улыбается и здоровается первой.
        Потом предлагает помочь с верхней одеждой.
    """),
)
def hard_to_read(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    limit = ctx.param("max_grade", tp.lang)
    text = tp.standard
    ws = ctx.tokens(text)
    if limit is None or len(ws) < ctx.param("min_words"):
        return
    sents = ctx.sentences(text)
    r = readability(text, tp.lang, sents, ws)
    if round(r.grade) <= limit:  # the grade as the finding names it
        return
    yield Finding(
        *tp.pos("standard"),
        _(
            "the standard reads like {level}; aim for grade {limit} or lower",
            level=school_level(r.grade),
            limit=number(limit),
        ),
        _what_to_change(tp.lang, sents, ws, ctx),
    )


def _what_to_change(lang: str, sents: list[str], ws: list[str], ctx: Context) -> str:
    """The long sentences to split and the hard words to replace, quoted as written."""
    longest = sorted(
        ((len(words(s)), i, s) for i, s in enumerate(sents)), key=lambda x: (-x[0], x[1])
    )
    over = [(n, s) for n, _i, s in longest if n > ctx.param("max_sentence_words")][:2]
    hard = hard_words(ws, lang, ctx.param("hard_syllables", lang))[:4]
    parts = []
    if over:
        shown = [
            n_(
                "{sentence} ({n} word)",
                "{sentence} ({n} words)",
                n,
                sentence=quote(opening(s), lang),
            )
            for n, s in over
        ]
        parts.append(
            _("split the sentence {sentence}", sentence=shown[0])
            if len(shown) == 1
            else _("split the sentences {first} and {second}", first=shown[0], second=shown[1])
        )
    if hard:
        shown_words = ", ".join(quote(w, lang) for w in hard)
        parts.append(_("replace {words} with everyday words", words=shown_words))
    if not parts:  # neither stands out: the sentences and words are all a little long
        n, _i, s = longest[0]
        parts.append(
            n_(
                "split the longest sentence, {sentence} ({n} word), and use shorter words",
                "split the longest sentence, {sentence} ({n} words), and use shorter words",
                n,
                sentence=quote(opening(s), lang),
            )
        )
    return "; ".join(parts)
