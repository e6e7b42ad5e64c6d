"""What ids are shown as in an output's language (zones, roles, venues, bands, kinds), and the
small pieces every audit view shares: numbers, changes, days, Markdown cells."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rich.text import Text

from tpkit.i18n import N_, _, number
from tpkit.i18n import date as date_text

BAND_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
BANDS = {"green": N_("green"), "amber": N_("amber"), "red": N_("red")}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
KINDS = {
    "mystery": N_("mystery guest"),
    "internal": N_("internal check"),
    "pos": N_("point-of-sale audit"),
}


@dataclass
class Names:
    """What ids are shown as, in the output's language: zone, role, venue and band titles;
    `rivals` names each competitor's venue and the own venue it is compared with ('' when
    tpkit.yaml gives none)."""

    zones: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    venues: dict[str, str] = field(default_factory=dict)
    bands: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {lang: title}
    rivals: dict[str, str] = field(default_factory=dict)  # competitor -> own venue

    def zone(self, zone: str) -> str:
        return self.zones.get(zone, zone)

    def role(self, role: str) -> str:
        return self.roles.get(role, role)

    def role_title(self, role: str) -> str:
        """The role's title for a trend, which reads in one language: its id in an output
        in English when tpkit.yaml writes the title in Russian only (`title: Хостес`). (An
        audit's own panel names roles as its owners are named, by their titles.)"""
        from tpkit.i18n import current

        title = self.role(role)
        return role if current() != "ru" and _CYRILLIC.search(title) else title

    def venue(self, venue: str) -> str:
        return self.venues.get(venue, venue)

    def competitor(self, venue: str) -> bool:
        """Whether the venue is a competitor's (its visits give no corrective actions)."""
        return venue in self.rivals

    def band(self, band: str) -> str:
        """green, amber, red in the output's language (a band, never a zone); a band of the
        registry's own by its title in scoring.yaml."""
        from tpkit.i18n import current

        if band in BANDS:
            return _(BANDS[band])
        given = self.bands.get(band, {})
        return given.get(current()) or next(iter(given.values()), band)

    def role_order(self, roles: dict[str, float]) -> list[str]:
        """The roles scored, in the order tpkit.yaml lists them (others after, by id)."""
        listed = list(self.roles)
        return sorted(roles, key=lambda r: (listed.index(r) if r in listed else len(listed), r))


def kind_text(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def num_text(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def signed_text(value: float | None) -> str:
    """+2,5 / −1,0 / 0,0; — when nothing is compared."""
    if value is None:
        return "—"
    if value > 0:
        return "+" + number(value, 1)
    if value < 0:
        return "−" + number(-value, 1)
    return number(0, 1)


def change_text(value: float | None) -> Text:
    if value is None:
        return Text("")
    if value > 0:
        return Text(f"▲ +{number(value, 1)}", style="green")
    if value < 0:
        return Text(f"▼ −{number(-value, 1)}", style="red")
    return Text(f"= {number(0, 1)}", style="dim")


def short_day(day: dt.date) -> str:
    """The day of an audit in a trend: 21.08.2026 / 8/21/26."""
    return date_text(day, "short")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no line breaks, no pipes."""
    from tpkit.render.env import md_filter

    return md_filter(text)
