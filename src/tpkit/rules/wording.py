"""Accessible (ACC): the words of a standard. Each list of the lexicon is matched by lemma, so
every form of a word is found and only forms of that word; the replacement is put into the
form the sentence needs. Phrases quoted as the bad example («вместо «Я не знаю» говорите…»)
are never reported, and forbidden phrases count only in what staff say."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tpkit.i18n import N_, _, quote
from tpkit.lexicon import is_caps_word
from tpkit.model import Touchpoint
from tpkit.rules._lists import ALL_FIELDS, droppable, matches, spoken_matches, substitution
from tpkit.rules._text import locate, text_fields
from tpkit.rules.base import Context, Finding, rule
from tpkit.suggest import replacement


@rule(
    "ACC002",
    "accessible",
    "warning",
    doc=N_("""A bureaucratic word or a cliché has a plainer one to use instead.

    Staff read standards on a shift, not at a desk. Every form of each word of the lexicon's
    plain list is found (осуществлять: осуществляет, осуществлялись, осуществляющий) in the
    standard, steps, say phrases, checks and avoid replacements, and the plain word is given
    in the form the sentence needs: «осуществляет» → «делает», «в течение 3 минут» → «за 3
    минуты». `tpkit validate --fix` makes these substitutions in the file.

    Bad:
      standard: Официант осуществляет подачу меню в течение 2 минут.
    Good:
      standard: Официант приносит меню за 2 минуты.
    """),
)
def bureaucratic_word(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    for key, text, label, m, words in matches(ctx, tp, lexicon.plain):
        r = replacement(m, words, lang)
        line, column = locate(tp, key, text, m.start, m.end)
        message = _(
            "{word} in {label} is bureaucratic language", word=quote(m.surface, lang), label=label
        )
        if r.safe:
            yield substitution(line, column, message, r, lang)
        else:
            yield Finding(line, column, message, r.why or _("rewrite it in everyday words"))


@rule(
    "ACC003",
    "accessible",
    "error",
    doc=N_("""A forbidden phrase in what staff say, with the phrase to say instead.

    Phrases that push a guest away ("Я не знаю", "Вы должны", "No problem", "That's not my
    department") must not be taught to staff. Found, in any of their forms («я не знала»),
    in say phrases, avoid replacements and phrases quoted in the standard, steps and checks
    as what to say. A phrase quoted as the bad example («вместо «Я не знаю» говорите…»,
    "don't say 'No problem'") is not reported, nor is an instruction to staff; a phrase whose
    entry names channels counts only on those channels.

    Bad:
      say:
        - Я не знаю, уточните у администратора.
    Good:
      say:
        - Сейчас уточню у администратора и вернусь к вам через минуту.
    """),
)
def forbidden_phrase(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    for key, text, label, m, _words in spoken_matches(ctx, tp, lexicon.forbidden):
        instead = m.entry.instead
        yield Finding(
            *locate(tp, key, text, m.start, m.end),
            _(
                "{phrase} in {label} is a forbidden phrase",
                phrase=quote(m.surface, tp.lang),
                label=label,
            ),
            _("say {phrase} instead", phrase=quote(instead, tp.lang))
            if instead
            else _("remove {phrase}", phrase=quote(m.surface, tp.lang)),
        )


@rule(
    "ACC004",
    "accessible",
    "warning",
    doc=N_("""A filler or parenthetical word in what staff say or do.

    Filler words (ну, типа, как бы, короче, в принципе; basically, kind of, no worries) make
    staff sound careless and add nothing to a step. Checked in say phrases, steps and the
    standard.

    Bad:
      say:
        - Ну, присаживайтесь, короче, я сейчас подойду.
    Good:
      say:
        - Присаживайтесь, пожалуйста. Я подойду через минуту.
    """),
)
def filler_word(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    for key, text, label, m, _words in matches(
        ctx, tp, lexicon.filler, ("standard", "say", "steps")
    ):
        word = quote(m.surface, tp.lang)
        yield Finding(
            *locate(tp, key, text, m.start, m.end),
            _("{word} in {label} is a filler word", word=word, label=label),
            _("remove {word} and say the sentence without it", word=word),
        )


@rule(
    "ACC005",
    "accessible",
    "info",
    doc=N_("""An abbreviation is not explained in the lexicon's glossary.

    A word of two or more capital letters (ОФД, NPS, POS) may be unknown to new staff. Add it
    to the glossary of standards/lexicon/<lang>.yaml, or write it out in full. A word of the
    language written in capitals for emphasis (ОБЯЗАТЕЛЬНО) is not an abbreviation: ACC012
    speaks of it.

    Bad:
      standard: Чек пробивают через ККТ.
    Good:
      standard: Чек пробивают на кассе.
    """),
)
def unexplained_abbreviation(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    if next(lexicon.abbreviations(ctx.file_text(tp)), None) is None:
        return
    for key, text, label in text_fields(tp, "standard", "steps", "say", "checks"):
        for m in lexicon.abbreviations(text):
            yield Finding(
                *locate(tp, key, text, m.start(), m.end()),
                _(
                    "the abbreviation {word} in {label} is not in the glossary",
                    word=quote(m.group(), tp.lang),
                    label=label,
                ),
                _(
                    "write it out in full, or add '{word}: its meaning' to the glossary in "
                    "standards/lexicon/{lang}.yaml",
                    word=m.group(),
                    lang=tp.lang,
                ),
            )


@rule(
    "ACC009",
    "accessible",
    "warning",
    doc=N_("""An intensifier or an evaluation says how much, not what.

    «Очень», «максимально», «лучший», «незабываемый»; "very", "extremely", "best",
    "unforgettable" praise or stress but tell staff nothing they can do or an auditor can
    see. Found in every text of the touchpoint. Drop the word, or say what is done.

    Bad:
      standard: Мы создаём незабываемую атмосферу и очень внимательны к гостю.
    Good:
      standard: Официант подходит к столу, когда гость закрыл меню.
    """),
)
def intensifier(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    for key, text, label, m, words in matches(ctx, tp, lexicon.intensifiers):
        line, column = locate(tp, key, text, m.start, m.end)
        message = _(
            "{word} in {label} is an intensifier or an evaluation",
            word=quote(m.surface, lang),
            label=label,
        )
        if m.entry.instead:
            r = replacement(m, words, lang)
            if r.safe:
                yield substitution(line, column, message, r, lang)
                continue
        drop = droppable(m, words, lang)
        yield Finding(
            line,
            column,
            message,
            _("remove {phrase}", phrase=quote(m.surface, lang))
            if drop
            else _(
                "remove {word}, and say what staff do or what the guest sees",
                word=quote(m.surface, lang),
            ),
            fix=(line, column, drop, "") if drop else None,
        )


@rule(
    "ACC010",
    "accessible",
    "warning",
    doc=N_("""A promise or an absolute in what staff say.

    «Немедленно», «всегда», «никогда», «гарантирую»; "immediately", "always", "never",
    "guaranteed" promise what a shift cannot always keep, and a guest remembers the broken
    promise. Found in say phrases, avoid replacements and phrases quoted as what to say. Name
    a time you can keep, or say what you will do.

    Bad:
      say:
        - Я немедленно всё исправлю, такого больше никогда не повторится.
    Good:
      say:
        - Я заменю блюдо, это займёт 10 минут.
    """),
)
def promise(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    for key, text, label, m, _words in spoken_matches(ctx, tp, lexicon.absolutes):
        instead = m.entry.instead
        yield Finding(
            *locate(tp, key, text, m.start, m.end),
            _(
                "{word} in {label} is a promise staff cannot always keep",
                word=quote(m.surface, lang),
                label=label,
            ),
            _("say {phrase} instead", phrase=quote(instead, lang))
            if instead
            else _("name a time you can keep"),
        )


PLACEHOLDER_RE = re.compile(
    r"\[[^\[\]\n]{1,40}\]|<[^<>\n]{1,30}>"
    r"|(?<![\w.…])(?:…+|\.{3,})(?![\w])(?=\s|$|[,.;:!?)»])"
    r"|(?<!\w)(?:[XХ]{3,}|_{3,})(?!\w)|(?<![\w-])N(?=\s+[a-zа-яё])"
)


# What every placeholder holds: a text without any of these has none (one quick scan).
_MAYBE_PLACEHOLDER_RE = re.compile(r"[\[<…_]|\.\.\.|[XХ]{3}|(?<![\w-])N\s")


@rule(
    "ACC011",
    "accessible",
    "warning",
    doc=N_("""A placeholder was left unfilled.

    [Hotel Name], <имя>, «…», ХХХ, ___ or "within N minutes" were meant to be filled in
    before the standard went to staff. Write the real name or number. What staff fill in
    themselves on the spot is written in braces: «Меня зовут {имя}», "This is {name}".

    Bad:
      say:
        - Добрый вечер, ресторан «…», меня зовут ___.
    Good:
      say:
        - Добрый вечер, ресторан «Невский», меня зовут {имя}.
    """),
)
def placeholder(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    for key, text, label in text_fields(tp, *ALL_FIELDS):
        if _MAYBE_PLACEHOLDER_RE.search(text) is None:
            continue
        for m in PLACEHOLDER_RE.finditer(text):
            if m.group() == "N" and not _number_slot(text, m.end()):
                continue
            yield Finding(
                *locate(tp, key, text, m.start(), m.end()),
                _(
                    "{text} in {label} is a placeholder left unfilled",
                    text=quote(m.group(), lang),
                    label=label,
                ),
                _(
                    "write the real name or number; what staff fill in on the spot goes in "
                    "braces: {example}",
                    example="{" + ("имя" if lang == "ru" else "name") + "}",
                ),
            )


def _number_slot(text: str, end: int) -> bool:
    """'N' before a unit of time or count: 'within N minutes', «за N минут»."""
    after = text[end : end + 12].strip().lower()
    return bool(re.match(r"(?:мин|сек|час|дн|раз|гуд|min|sec|hour|day|time|ring)", after))


_TWO_CAPITALS_RE = re.compile(r"[A-ZА-ЯЁÀ-ÖØ-Þ]{2}|[A-ZА-ЯЁÀ-ÖØ-Þ][\d'’-]")


@rule(
    "ACC012",
    "accessible",
    "info",
    doc=N_("""A word is written in capitals for emphasis.

    ОБЯЗАТЕЛЬНО, NEVER, ВСЕГДА in capitals read as shouting, and when everything is stressed
    nothing is. Write the word in ordinary letters; if a step really matters, make its check
    critical or say why it matters.

    Bad:
      steps:
        - ОБЯЗАТЕЛЬНО уточните аллергии.
    Good:
      steps:
        - Уточните аллергии до заказа: от этого зависит здоровье гостя.
    """),
)
def capitals(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    lang = tp.lang
    for key, text, label in text_fields(tp, *ALL_FIELDS):
        if _TWO_CAPITALS_RE.search(text) is None:
            continue  # no word of two capital letters or more
        words = ctx.words(text)
        for i, token in enumerate(words.tokens):
            if token.isupper() and len(token) >= 2 and token not in lexicon.glossary:
                if not is_caps_word(token, lang):
                    continue
                start, end = words.spans[i]
                yield Finding(
                    *locate(tp, key, text, start, end),
                    _(
                        "{word} in {label} is written in capitals for emphasis",
                        word=quote(token, lang),
                        label=label,
                    ),
                    _(
                        "write {word} in ordinary letters; if the step matters, say why or "
                        "make its check critical",
                        word=quote(token.capitalize(), lang),
                    ),
                )


_MIXED_RE = re.compile(r"(?=\w*[а-яёА-ЯЁ])(?=\w*[a-zA-Z])\w+")
_LATIN_RE = re.compile(r"[a-zA-Z]")
_TO_CYRILLIC = str.maketrans("aceopxykACEOPXYKMTHB", "асеорхукАСЕОРХУКМТНВ")


@rule(
    "ACC013",
    "accessible",
    "warning",
    doc=N_("""A word mixes Latin and Cyrillic letters.

    A Latin «c», «o» or «p» typed into a Russian word («cтол») looks the same on screen, but
    search, spell checking and every word rule pass the word by, and a screen reader spells it
    out. Retype the word in one alphabet; `tpkit validate --fix` does it where every Latin
    letter has a Cyrillic twin.

    Bad:
      standard: Официант пpиносит меню.   # a Latin p
    Good:
      standard: Официант приносит меню.
    """),
)
def mixed_letters(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lang = tp.lang
    for key, text, label in text_fields(tp, *ALL_FIELDS):
        if text.isascii() or _LATIN_RE.search(text) is None:
            continue  # one alphabet only
        for m in _MIXED_RE.finditer(text):
            word = m.group()
            line, column = locate(tp, key, text, m.start(), m.end())
            fixed = word.translate(_TO_CYRILLIC)
            safe = not re.search("[a-zA-Z]", fixed)
            yield Finding(
                line,
                column,
                _(
                    "{word} in {label} mixes Latin and Cyrillic letters",
                    word=quote(word, lang),
                    label=label,
                ),
                _("retype it in Cyrillic: {word}", word=quote(fixed, lang))
                if safe
                else _("retype the word in one alphabet"),
                fix=(line, column, word, fixed) if safe else None,
            )
