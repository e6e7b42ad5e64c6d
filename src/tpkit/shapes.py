"""The shape of every file tpkit reads (touchpoints, tpkit.yaml, audits, standards, word lists,
labels), built from the types of schema.py: the loader checks files against them and `tpkit
schema` prints them as JSON Schema, so the two can never drift apart."""

from __future__ import annotations

import re
from typing import Any

from tpkit.i18n import N_, _
from tpkit.loader import Node
from tpkit.model import CHANNELS, CHECK_TYPES, LANGUAGES, TIME_UNITS, Positions
from tpkit.schema import (
    MAX_DURATION_DAYS,
    AnyOf,
    Bool,
    ByShape,
    Date,
    Duration,
    Enum,
    Field,
    Free,
    Id,
    Issue,
    ListOf,
    MapOf,
    Number,
    Obj,
    Reader,
    Text,
    Type,
    describe,
    what_is,
)

LANG_TEXT = AnyOf(
    (Text(), Obj({lang: Field(Text(), f"the title in {lang}") for lang in LANGUAGES})),
    description="A title, or a title per language: {ru: …, en: …}",
)

TARGET = Obj(
    {
        "max": Field(Number(), "Upper limit: time checks (with unit) and count checks"),
        "min": Field(Number(), "Lower limit: count checks and scale checks"),
        "of": Field(Number(positive=True), "Top of the scale, for scale checks: {min: 4, of: 5}"),
        "unit": Field(Enum(tuple(TIME_UNITS)), "Unit of a time target: s, min or h"),
    },
    description="A measurable target: time {max: 30, unit: s}; count {max: 3}; "
    "scale {min: 4, of: 5}",
)

CHECK = Obj(
    {
        "id": Field(
            Id("Check id, unique within the touchpoint", ("greet-30s",)),
            N_("Short id, unique within the touchpoint; the full id is touchpoint/check"),
            True,
            "id: greet-30s",
        ),
        "text": Field(
            Text(),
            N_("What the auditor sees or measures, in plain words"),
            True,
            "text: The guest was greeted within 30 seconds",
        ),
        "type": Field(Enum(CHECK_TYPES), "yesno (default), time, count or scale"),
        "target": Field(TARGET, "The number to meet, for time, count and scale checks"),
        "weight": Field(Number(positive=True, maximum=100), "How much the check counts; default 1"),
        "critical": Field(Bool(), "true: a fail fails the whole audit (safety, money, allergens)"),
    },
    description="One thing an auditor checks",
)

AVOID = Obj(
    {
        "phrase": Field(Text(), N_("What staff must not say here"), True, 'phrase: "Я не знаю"'),
        "instead": Field(Text(), N_("What to say instead"), True, 'instead: "Минуту, я уточню"'),
    },
    description="A phrase to avoid, with its replacement",
)

TOUCHPOINT = Obj(
    {
        "id": Field(
            Id("Touchpoint id, unique in the registry"),
            N_("Unique id of the touchpoint, such as restaurant.greeting"),
            True,
            "id: restaurant.greeting",
        ),
        "title": Field(
            Text(),
            N_("A short name a member of staff recognises"),
            True,
            "title: Встреча гостя у входа",
        ),
        "zone": Field(
            Id("Zone id from tpkit.yaml", ("arrival",)),
            N_("Stage of the guest journey (a zone id from tpkit.yaml)"),
            True,
            "zone: arrival",
        ),
        "channel": Field(
            Enum(CHANNELS),
            "How the guest meets it: in-person, phone, web, print, "
            "email, messenger, signage or other",
        ),
        "roles": Field(
            ListOf(Id(examples=("host",)), item_label="role"),
            "Who performs it (role ids from tpkit.yaml)",
        ),
        "owner": Field(
            Id("Role id from tpkit.yaml", ("service-director",)),
            N_("The role accountable for it (a role id from tpkit.yaml)"),
            True,
            "owner: service-director",
        ),
        "venues": Field(
            ListOf(Id(examples=("nevsky",)), item_label="venue"),
            "Venues it applies to; default: every venue",
        ),
        "lang": Field(Enum(LANGUAGES), "Language of the text: ru or en; default: the venue's"),
        "reviewed": Field(
            Date(), N_("Date of the last review, YYYY-MM-DD"), True, "reviewed: 2026-09-01"
        ),
        "review_every": Field(
            Duration(), "How often to review: 90d, 12w, 6m, 1y; default: tpkit.yaml review_every"
        ),
        "standard": Field(
            Text(),
            N_("What must happen, in plain words (at most 60 words)"),
            True,
            "standard: Гостя встречают у входа в течение 30 секунд.",
        ),
        "steps": Field(ListOf(Text(), item_label="step"), "Short imperative steps, in order"),
        "say": Field(ListOf(Text(), item_label="phrase"), "Phrases staff should use"),
        "avoid": Field(
            ListOf(AVOID, item_label="phrase"),
            "Phrases staff must not use here, each with what to say instead",
        ),
        "checks": Field(
            ListOf(CHECK, min_items=1, item_label="check"),
            N_("What an auditor checks; at least one"),
            True,
            "checks: [{id: greet-30s, text: …}]",
        ),
        "tags": Field(ListOf(Text(), item_label="tag"), "Free labels for searching"),
    },
    title="tpkit touchpoint",
    description="One place where a guest meets the venue",
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

RESULTS = ("pass", "fail", "wow", "na")
AUDIT_KINDS = ("mystery", "internal", "pos")

CHECK_SNAPSHOT = Obj(
    {
        "touchpoint": Field(Text(), "Title of the touchpoint when the audit was created"),
        "text": Field(Text(), N_("What the auditor checks"), True, "text: …"),
        "zone": Field(
            Id(examples=("arrival",)), N_("Zone of the touchpoint"), True, "zone: arrival"
        ),
        "owner": Field(
            Id(examples=("service-director",)),
            N_("Role accountable"),
            True,
            "owner: service-director",
        ),
        "roles": Field(ListOf(Id(examples=("host",)), item_label="role"), "Who performs it"),
        # the same definitions as in a touchpoint's check
        **{name: CHECK.fields[name] for name in ("type", "target", "weight", "critical")},
    },
    description="A check as it was defined when the audit was created (frozen)",
)

RESULT = Obj(
    {
        "result": Field(
            Enum(RESULTS),
            "pass, fail, wow (exceeded expectations) or na "
            "(not applicable); may be left out for time and count checks with a "
            "value",
            nullable=True,
        ),
        "value": Field(
            Number(minimum=0),
            "What was measured: seconds, minutes or a count, in the unit of the target",
            nullable=True,
        ),
        "note": Field(Text(), "What the auditor saw", nullable=True),
        "evidence": Field(Text(), "Path of a photo or a recording", nullable=True),
    },
    description="What the auditor saw for one check",
)

AUDIT = Obj(
    {
        "venue": Field(Id(examples=("nevsky",)), N_("The venue visited"), True, "venue: nevsky"),
        "date": Field(Date(), N_("Date of the visit, YYYY-MM-DD"), True, "date: 2026-11-20"),
        "kind": Field(Enum(AUDIT_KINDS), N_("mystery, internal or pos"), True, "kind: mystery"),
        "auditor": Field(Text(), "Who audited", nullable=True),
        "status": Field(Enum(("in-progress", "complete")), "in-progress while being recorded"),
        "checks_hash": Field(
            Text(), N_("Fingerprint of the check definitions (do not edit)"), True, "checks_hash: …"
        ),
        "checks": Field(
            MapOf(CHECK_SNAPSHOT),
            N_("Every check as defined when the audit was created (do not edit)"),
            True,
            "checks: {…}",
        ),
        "results": Field(
            MapOf(RESULT), N_("What the auditor saw, by full check id"), True, "results: {…}"
        ),
        "skipped": Field(ListOf(Text(), item_label="check"), "Checks left for later"),
    },
    title="tpkit audit",
    description="One visit: what the auditor saw, with the checks it was scored against",
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

KINDS: dict[str, Obj] = {
    "touchpoint": TOUCHPOINT,
    "config": CONFIG,
    "audit": AUDIT,
    "standard": RULE_STANDARD,
    "scoring": SCORING,
    "lexicon": LEXICON,
    "labels": LABELS,
}


def standards_shape(name: str) -> Obj:
    """The shape of a standards file by its name: 'brief', 'scoring', 'lexicon/ru'."""
    if name.startswith("lexicon/"):
        return LEXICON
    return SCORING if name == "scoring" else RULE_STANDARD


def read(spec: Type, root: Node | None) -> tuple[Any, Positions, list[Issue]]:
    """Check a document against a shape: (plain data or None, positions, issues)."""
    r = Reader()
    required = list(spec.required) if isinstance(spec, Obj) else []
    if root is None:
        keys = ", ".join(required)
        r.issues.append(
            Issue(
                1,
                1,
                _("the file is empty"),
                _("write the keys of a touchpoint: {keys}", keys=keys)
                if spec is TOUCHPOINT
                else _("write the keys of the file: {keys}", keys=keys),
            )
        )
        return None, r.pos, r.issues
    r.pos.at[()] = (root.line, root.column)
    if not isinstance(root.value, dict):
        first = required[0] if required else "key"
        r.issue(
            root,
            _(
                "the file should be a block of 'key: value' lines, not {what}",
                what=what_is(root.value),
            ),
            _("start with '{key}: …' on the first line, without '- ' in front", key=first),
        )
        return None, r.pos, r.issues
    return spec.read(root, (), r, _("the file")), r.pos, r.issues


def json_schema(kind: str) -> dict[str, Any]:
    spec = KINDS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://tpkit.dev/schema/{kind}.json",
        "title": spec.title,
        **describe(spec),
    }
