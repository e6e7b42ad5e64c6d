"""The shapes of a registry's settings files: tpkit.yaml (zones, roles, venues, waivers), the
standards (standards/*.yaml, scoring), the word lists (standards/lexicon/<lang>.yaml) and the
printout labels (templates/labels/<lang>.yaml)."""

from __future__ import annotations

import re

from tpkit.durations import MAX_DURATION_DAYS
from tpkit.i18n import N_
from tpkit.model import CHANNELS, LANGUAGES, TIME_UNITS
from tpkit.schema.compound import AnyOf, ByShape, Field, Free, ListOf, MapOf, Obj
from tpkit.schema.scalars import Bool, Date, Duration, Enum, Id, Number, Text
from tpkit.shapes_audit import AUDIT_KINDS

LANG_TEXT = AnyOf(
    (Text(), Obj({lang: Field(Text(), f"the title in {lang}") for lang in LANGUAGES})),
    description="A title, or a title per language: {ru: …, en: …}",
)

ITEM = Obj(
    {
        "id": Field(Id(), N_("Id used in touchpoints"), True, "id: arrival"),
        "title": Field(LANG_TEXT, N_("Title shown on printouts"), True, "title: Встреча"),
    },
    description="A zone or a role",
)

VENUE_KINDS = ("restaurant", "hotel", "cafe", "bar", "salon", "spa", "retail", "clinic", "other")

VENUE = Obj(
    {
        "id": Field(
            Id(examples=("nevsky",)),
            N_("Venue id used in touchpoints and audits"),
            True,
            "id: nevsky",
        ),
        "title": Field(LANG_TEXT, N_("Venue name shown on printouts"), True, "title: Невский, 12"),
        "language": Field(Enum(LANGUAGES), "Language of the venue's touchpoints: ru or en"),
        "kind": Field(
            Enum(VENUE_KINDS),
            "What the venue is; word lists can apply to some kinds only",
            example="kind: restaurant",
        ),
        "competitor": Field(
            Bool(),
            "true: a competitor's venue, audited with the checklist of the venue it is compared "
            "with; its visits give no corrective actions",
            example="competitor: true",
        ),
        "compare_with": Field(
            Id(examples=("nevsky",)),
            "A competitor's own venue: its checklist is used, and the two are shown side by side",
            example="compare_with: nevsky",
        ),
    },
    description="A restaurant, hotel or other venue",
)

WAIVER = Obj(
    {
        "rule": Field(
            Text(
                pattern=re.compile(r"^[A-Z]{2,3}\d{3}$"),
                pattern_hint=N_("is not a rule code"),
                examples=("BRF002",),
            ),
            N_("Rule code, such as BRF002"),
            True,
            "rule: BRF002",
        ),
        "touchpoint": Field(
            Id(), N_("Touchpoint id the waiver applies to"), True, "touchpoint: hotel.checkin"
        ),
        "reason": Field(
            Text(),
            N_("Why the rule does not apply here"),
            True,
            'reason: "Legal steps required by law"',
        ),
        "expires": Field(
            Date(), N_("Date the waiver ends, YYYY-MM-DD"), True, "expires: 2027-03-01"
        ),
    },
    description="A deliberate, dated exception to one rule for one touchpoint",
)

LIMITS = Obj(
    {
        "max_file_size": Field(Number(positive=True), "Largest touchpoint file in bytes"),
        "max_depth": Field(Number(positive=True), "Deepest nesting of values"),
        "max_aliases": Field(Number(minimum=0), "Most aliases (*name) in one file"),
    },
    description="How much a file may cost before it is refused (TP006)",
)

CONFIG = Obj(
    {
        "name": Field(
            Text(), N_("Registry name shown on every printout"), True, "name: Nevsky Group"
        ),
        "language": Field(
            Enum(LANGUAGES),
            N_("Default language of touchpoint text: ru or en"),
            True,
            "language: ru",
        ),
        "zones": Field(
            ListOf(ITEM, min_items=1, item_label="zone"),
            N_("The guest journey, in order"),
            True,
            "zones: [{id: arrival, title: …}]",
        ),
        "roles": Field(
            ListOf(ITEM, min_items=1, item_label="role"),
            N_("Who performs touchpoints"),
            True,
            "roles: [{id: host, title: …}]",
        ),
        "venues": Field(
            ListOf(VENUE, min_items=1, item_label="venue"),
            N_("The venues"),
            True,
            "venues: [{id: nevsky, title: …}]",
        ),
        "review_every": Field(Duration(), "Default review interval, such as 180d"),
        "waivers": Field(ListOf(WAIVER, item_label="waiver"), "Deliberate, dated exceptions"),
        "limits": Field(LIMITS, "Safety limits for reading files"),
    },
    title="tpkit registry settings (tpkit.yaml)",
    description="Registry settings",
)

# ---- standards/*.yaml, standards/lexicon/<lang>.yaml, templates/labels/<lang>.yaml ---------

RULE_STANDARDS = ("current", "accessible", "brief", "achievable")

RULE_STANDARD = Obj(
    {
        "standard": Field(Enum(RULE_STANDARDS), "Which of the four standards the file sets"),
        "title": Field(LANG_TEXT, "The standard's name, one text or one per language"),
        "definition": Field(LANG_TEXT, "What the standard means, in a few sentences"),
        "rules": Field(
            MapOf(Free(), nullable=True),
            "Each rule's level and settings: CODE: {level: warning, setting: value}",
            example="rules: {BRF001: {level: warning, max_words: 60}}",
            nullable=True,
        ),
    },
    title="tpkit standard (standards/current.yaml, accessible, brief, achievable)",
    description="The levels and settings of one standard's rules",
)

BAND = Obj(
    {
        "id": Field(
            Id("Band id", ("green",)), N_("Band id: green, amber, red…"), True, "id: green"
        ),
        "min": Field(
            Number(minimum=0, maximum=100), N_("The lowest score in the band"), True, "min: 90"
        ),
        "title": Field(LANG_TEXT, "The band's name on printouts"),
    },
    description="A band of scores",
)

SCORING = Obj(
    {
        "bands": Field(
            ListOf(BAND, item_label="band"),
            "Score bands with the lowest score of each, from the top",
            example="bands: [{id: green, min: 90}, {id: amber, min: 75}, {id: red, min: 0}]",
        ),
        "credit": Field(
            Obj(
                {
                    result: Field(Number(minimum=0, maximum=1), f"What a {result} counts, 0 to 1")
                    for result in ("pass", "wow", "fail")
                },
                description="What each result counts",
            ),
            "What each result counts: {pass: 1, wow: 1, fail: 0}",
        ),
        "action_due": Field(
            AnyOf((Number(minimum=0, maximum=MAX_DURATION_DAYS), Duration())),
            "How long after the audit a corrective action is due: 14d, 2w",
            example="action_due: 14d",
        ),
        "bottleneck_touchpoints": Field(
            Number(minimum=0, maximum=100), "How many touchpoints that lost the most to name"
        ),
    },
    title="tpkit scoring (standards/scoring.yaml)",
    description="How audits are scored",
)

LEXICON_LISTS = (
    "forbidden",
    "plain",
    "filler",
    "vague",
    "inner",
    "intensifiers",
    "absolutes",
    "modal",
)
PARTS_OF_SPEECH = ("NOUN", "VERB", "ADJ", "ADV", "PREP", "PRON", "NUM", "CONJ", "PART", "INTJ")
GRAMMATICAL_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

ENTRY = Obj(
    {
        "instead": Field(Text(), "What to write instead, in the same part of speech"),
        "note": Field(Text(), "What to rewrite, where no one word fits every sentence"),
        "pos": Field(
            Text(
                pattern=re.compile("|".join(PARTS_OF_SPEECH), re.IGNORECASE),
                pattern_hint=N_("is not a part of speech: write {values}"),
                hint_values=", ".join(PARTS_OF_SPEECH),
                examples=("NOUN",),
            ),
            "The key's part of speech, where its form is ambiguous",
        ),
        "kinds": Field(
            ListOf(Enum(VENUE_KINDS), item_label="kind"), "The venue kinds it applies to"
        ),
        "not_kinds": Field(
            ListOf(Enum(VENUE_KINDS), item_label="kind"), "The venue kinds where the word is right"
        ),
        "channels": Field(
            ListOf(Enum(CHANNELS), item_label="channel"), "The channels where it counts"
        ),
        "case": Field(
            Enum(GRAMMATICAL_CASES), "The case a replacing preposition governs: gent, datv…"
        ),
    },
    description="A word list entry: what to write instead, and where it counts",
)

_ENTRY_VALUE = ByShape(
    mapping=ENTRY,
    scalar=Text('What to write instead; "" to drop the word', allow_empty=True),
    expected=N_("a replacement, or a block of keys such as {instead: …, note: …}"),
)

WORD_LIST = ByShape(
    mapping=MapOf(_ENTRY_VALUE, nullable=True, item_label="entry"),
    sequence=ListOf(
        ByShape(
            mapping=MapOf(_ENTRY_VALUE, nullable=True, max_keys=1, item_label="entry"),
            scalar=Text(),
            expected=N_("a key, or 'key: replacement'"),
        ),
        item_label="entry",
    ),
    expected=N_("a block of 'key: replacement' lines, or a list of keys"),
    description="Entries as 'key: replacement' lines, 'key: {instead: …}' blocks, or a list of "
    "keys",
)

LEXICON = Obj(
    {
        "language": Field(Enum(LANGUAGES), "The language of the word lists: ru or en"),
        **{name: Field(WORD_LIST, f"The {name} word list") for name in LEXICON_LISTS},
        "glossary": Field(
            ByShape(
                mapping=MapOf(Text(), nullable=True, item_label="abbreviation"),
                sequence=ListOf(Text(), item_label="abbreviation"),
                expected=N_("a block of 'abbreviation: what it stands for' lines"),
            ),
            "Abbreviations staff know, each with what it stands for",
        ),
        "remove": Field(
            Obj(
                {
                    name: Field(WORD_LIST, f"Built-in {name} entries to drop, by key")
                    for name in (*LEXICON_LISTS, "glossary")
                },
                description="Built-in entries to drop",
            ),
            "Built-in entries to drop, by list: {plain: [данный]}",
        ),
    },
    title="tpkit word lists (standards/lexicon/<lang>.yaml)",
    description="Word lists of one language, added to the built-in ones",
)

_LABEL = ByShape(
    scalar=Text(),
    mapping=MapOf(Text()),
    sequence=ListOf(Text()),
    expected=N_("a word or a phrase"),
)

LABELS = Obj(
    {
        "language": Field(Enum(LANGUAGES), "The language of the labels: ru or en"),
        "kinds": Field(
            Obj({k: Field(Text(), f"The name of a {k} audit") for k in AUDIT_KINDS}),
            "Names of the kinds of audit",
        ),
        "units": Field(
            Obj({u: Field(Text(), f"The unit {u} as printed") for u in TIME_UNITS}),
            "Time units as printed",
        ),
        "channels": Field(
            Obj({c: Field(Text(), f"The channel {c} as printed") for c in CHANNELS}),
            "Channels as printed",
        ),
        "months": Field(
            ListOf(Text(), min_items=12, item_label="month"), "The twelve months, January first"
        ),
    },
    title="tpkit printout labels (templates/labels/<lang>.yaml)",
    description="Every fixed word on a printout",
    extra=_LABEL,
)
