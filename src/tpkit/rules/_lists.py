"""What the word lists of the lexicon find in a touchpoint's fields (less what its venues and
channel exclude, and quoted bad examples), and the findings that rewrite a found word."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit import morph
from tpkit.i18n import _, quote
from tpkit.model import Key, Touchpoint
from tpkit.phrases import Match, PhraseIndex, Words
from tpkit.rules._text import Label, avoided, inside, spoken, text_fields
from tpkit.rules.base import Context, Finding
from tpkit.suggest import Replacement

ALL_FIELDS = ("standard", "steps", "say", "checks", "avoid")


def matches(
    ctx: Context,
    tp: Touchpoint,
    index: PhraseIndex,
    names: tuple[str, ...] = ALL_FIELDS,
) -> Iterator[tuple[Key, str, Label, Match, Words]]:
    """What a list finds in the named fields, less what the touchpoint's venues and channel
    exclude and what stands inside a quoted bad example."""
    openers = index.openers_in(ctx.file_words(tp))
    if not openers:
        return  # no word of the file can begin an entry: no field needs a look
    kinds = ctx.venue_kinds(tp)
    for key, text, label in text_fields(tp, *names):
        words = ctx.words(text)
        if openers.isdisjoint(words.distinct):
            continue
        bad = avoided(text)
        for m in index.find(words, judged=True):
            if m.entry.applies(kinds, tp.channel) and not inside(bad, m.start, m.end):
                yield key, text, label, m, words


def spoken_matches(
    ctx: Context, tp: Touchpoint, index: PhraseIndex
) -> Iterator[tuple[Key, str, Label, Match, Words]]:
    """What a list finds in what staff say."""
    openers = index.openers_in(ctx.file_words(tp))
    if not openers:
        return
    kinds = ctx.venue_kinds(tp)
    for key, text, label, spans in spoken(tp):
        words = ctx.words(text)
        if openers.isdisjoint(words.distinct):
            continue
        for m in index.find(words, judged=True):
            if m.entry.applies(kinds, tp.channel) and inside(spans, m.start, m.end):
                yield key, text, label, m, words


def substitution(line: int, column: int, message: str, r: Replacement, lang: str) -> Finding:
    """A finding whose suggestion is a safe substitution, which `--fix` can make."""
    return Finding(
        line,
        column,
        message,
        _("write {new} instead of {old}", new=quote(r.new, lang), old=quote(r.old, lang)),
        fix=(line, column, r.old, r.new),
    )


def droppable(m: Match, words: Words, lang: str) -> str:
    """The word with the space after it, when dropping it leaves a sentence: an adverb of
    degree before another word («очень внимательны» → «внимательны»)."""
    if m.first + len(m.keys) >= len(words.tokens) or len(m.keys) != 1:
        return ""
    reading = morph.reading(words.tokens[m.first], lang, m.keys[0])
    if reading is None or reading.pos != "ADV":
        return ""
    after = words.text[m.end : words.spans[m.first + 1][0]]
    if after != " ":
        return ""
    return words.text[m.start : m.end] + after
