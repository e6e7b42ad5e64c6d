"""The shape of a touchpoint file: its keys, its checks, their targets and the phrases to avoid
(the types are those of schema.py; shapes.py names every file's shape)."""

from __future__ import annotations

import dataclasses

from tpkit.i18n import N_
from tpkit.model import CHANNELS, CHECK_TYPES, LANGUAGES, TIME_UNITS, Target
from tpkit.schema.compound import Field, ListOf, Obj
from tpkit.schema.scalars import Bool, Date, Duration, Enum, Id, Number, Text

# What a target may hold. `best` is read where the model's Target carries it, so that the
# shape and the Target stay one: the shape never lets through a key the Target cannot hold.
TARGET_FIELDS = {
    "max": Field(Number(), "Upper limit: time checks (with unit) and count checks"),
    "min": Field(Number(), "Lower limit: count checks and scale checks"),
    "of": Field(
        Number(positive=True),
        "Top of the scale, for scale checks: {min: 4, of: 5}; for a count, how many are "
        "looked at: {min: 9, of: 10}",
    ),
    "unit": Field(Enum(tuple(TIME_UNITS)), "Unit of a time target: s, min or h"),
    "best": Field(
        Number(minimum=0),
        "The best value the target can ever reach, which no raise goes past: "
        "{min: 2, best: 2}; a scale's best is its of, a count of faults' is 0",
    ),
}
TARGET_KEYS = {f.name for f in dataclasses.fields(Target)}

TARGET = Obj(
    {name: f for name, f in TARGET_FIELDS.items() if name in TARGET_KEYS},
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
