"""The data tpkit works on: problems, touchpoints, checks, the registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpkit import i18n
from tpkit.i18n import N_, _

LEVELS = ("info", "warning", "error")
LEVEL_RANK = {"info": 0, "warning": 1, "error": 2}
CHANNELS = ("in-person", "phone", "web", "print", "email", "messenger", "signage", "other")
CHECK_TYPES = ("yesno", "time", "count", "scale")
TIME_UNITS = {"s": 1, "min": 60, "h": 3600}
LANGUAGES = ("ru", "en")

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One finding: where, which rule, how serious, what is wrong and what to write instead."""

    path: str
    line: int
    column: int
    rule: str
    standard: str
    level: str
    touchpoint: str
    message: str
    suggestion: str = ""
    # A safe substitution, when the suggestion is one: (line, column, the words as they stand
    # in the text, what to write instead). `tpkit validate --fix` applies it.
    fix: tuple[int, int, str, str] | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "standard": self.standard,
            "level": self.level,
            "touchpoint": self.touchpoint,
            "message": self.message,
            "suggestion": self.suggestion,
            **(
                {"fix": dict(zip(("line", "column", "old", "new"), self.fix, strict=True))}
                if self.fix
                else {}
            ),
        }


@dataclass
class Positions:
    """Line and column of every value of a file, by its key path: ("checks", 0, "target")."""

    at: dict[Key, tuple[int, int]] = field(default_factory=dict)
    end: dict[Key, tuple[int, int]] = field(default_factory=dict)  # where text values end
    # An outline's positions (Touchpoint.outline) keep only these top-level keys; asking for
    # another is a mistake in the caller, not a reason to point at line 1.
    kept: frozenset[str | int] | None = None

    def __call__(self, *key: str | int) -> tuple[int, int]:
        """The position of the value at key, else of its nearest parent, else 1:1."""
        if self.kept is not None and key and key[0] not in self.kept:
            raise LookupError(f"the position of {key} is not kept in a touchpoint's outline")
        k: Key = key
        while k:
            if k in self.at:
                return self.at[k]
            k = k[:-1]
        return self.at.get((), (1, 1))


@dataclass(frozen=True)
class Target:
    max: float | None = None
    min: float | None = None
    of: float | None = None
    unit: str | None = None
    # The best value the target can ever reach (limits.py); it does not change how a visit is
    # scored, so it is not part of the definition an audit compares or keeps.
    best: float | None = field(default=None, compare=False)

    def is_empty(self) -> bool:
        return self.max is None and self.min is None and self.of is None

    def describe(self) -> str:
        """The target in words of the current language: 'min 4, of 5', 'max 30 s'."""
        shown = fmt_number if i18n.current() == i18n.SOURCE else i18n.number
        parts = []
        if self.min is not None:
            parts.append(_("min {value}", value=shown(self.min)))
        if self.max is not None:
            parts.append(_("max {value}", value=shown(self.max)))
        if self.of is not None:
            parts.append(_("of {value}", value=shown(self.of)))
        text = ", ".join(parts)
        if not self.unit:
            return text
        unit = _UNITS.get(self.unit)
        return _(unit, target=text) if unit else f"{text} {self.unit}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("min", "max", "of"):
            value = getattr(self, name)
            if value is not None:
                out[name] = int(value) if float(value).is_integer() else value
        if self.unit:
            out["unit"] = self.unit
        return out


_UNITS = {"s": N_("{target} s"), "min": N_("{target} min"), "h": N_("{target} h")}


def fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Check:
    id: str
    text: str
    type: str = "yesno"
    target: Target | None = None
    weight: float = 1.0
    critical: bool = False
    index: int = 0  # position in the touchpoint's checks list


@dataclass(frozen=True)
class Avoid:
    phrase: str
    instead: str


@dataclass
class Touchpoint:
    id: str
    title: str
    zone: str
    owner: str
    reviewed: dt.date | None
    standard: str
    checks: list[Check]
    path: str  # relative to the registry root, with '/'
    pos: Positions
    source: str = ""  # the file's text, to point inside long values
    channel: str = "in-person"
    roles: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    lang: str = ""
    review_every: int | None = None  # days
    steps: list[str] = field(default_factory=list)
    say: list[str] = field(default_factory=list)
    avoid: list[Avoid] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    lang_written: bool = False  # `lang:` is in the file (else it follows the venue or registry)

    def full_id(self, check: Check) -> str:
        return f"{self.id}/{check.id}"

    @property
    def outline(self) -> bool:
        """Whether this is the outline of a touchpoint whose per-file rules have already run
        (see slim()): its text and most positions are gone."""
        return self.pos.kept is not None

    def slim(self) -> Touchpoint:
        """The outline the registry-wide and date rules work on, once the per-file rules have
        run: the wording stays, the file's text and the positions of everything but the id,
        the review date and the checks are dropped. Asking an outline for a position it does
        not keep raises LookupError, so no rule points at line 1 by mistake."""
        self.source = ""
        keep = {("id",), ("reviewed",), ()}
        self.pos = Positions(
            {
                k: v
                for k, v in self.pos.at.items()
                if k in keep or (k[:1] == ("checks",) and k[-1:] != ("text",))
            },
            kept=frozenset({"id", "reviewed", "checks"}),
        )
        return self


@dataclass(frozen=True, slots=True)
class Item:
    """A zone, role or venue of tpkit.yaml.

    Its title may be given per language (`title: {ru: Встреча, en: Arrival}`): `titles` holds
    them by language, and `title` is the one in the registry's language (else the first one
    written). An output shows `shown_title()`, the title in the language it is printed in (see
    tpkit.i18n), or `title_in(lang)` for a given language; both fall back to `title` when that
    language has none. A title written once is the same in every language."""

    id: str
    title: str
    titles: dict[str, str] = field(default_factory=dict)
    language: str = ""
    kind: str = ""  # venues: restaurant, hotel, cafe, bar, salon…
    competitor: bool = False  # venues: a competitor, audited with the checklist of compare_with
    compare_with: str = ""  # venues: the own venue a competitor is compared with

    def title_in(self, lang: str) -> str:
        """The title in `lang`, else the registry's."""
        return self.titles.get(lang) or self.title

    def shown_title(self) -> str:
        """The title in the language messages are printed in now (i18n.current())."""
        return self.titles.get(i18n.current()) or self.title


@dataclass(frozen=True, slots=True)
class Waiver:
    rule: str
    touchpoint: str
    reason: str
    expires: dt.date | None
    line: int
    column: int


@dataclass(slots=True)
class Config:
    """tpkit.yaml."""

    name: str
    language: str
    zones: list[Item]
    roles: list[Item]
    venues: list[Item]
    review_every: int
    waivers: list[Waiver]
    path: Path
    pos: Positions
    limits: dict[str, int] = field(default_factory=dict)

    def zone_ids(self) -> list[str]:
        return [z.id for z in self.zones]

    def venue(self, venue_id: str) -> Item | None:
        return next((v for v in self.venues if v.id == venue_id), None)

    def title_of(self, group: str, item_id: str) -> str:
        """The title of a zone, role or venue (`group`: zones, roles, venues) in the language
        printed now; the id itself when tpkit.yaml does not list it."""
        items: list[Item] = getattr(self, group)
        found = next((i for i in items if i.id == item_id), None)
        return found.shown_title() if found is not None else item_id
