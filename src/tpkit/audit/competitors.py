"""A competitor's venue beside the own venue it is compared with: which checklist its audits
use, and the two latest whole visits side by side, zone by zone, for the terminal and JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text

from tpkit.audit.view_base import Names, num_text, short_day, signed_text
from tpkit.model import Config


def rivals_of(config: Config) -> dict[str, str]:
    """Each competitor's venue and the own venue it is compared with ('' when none is given)."""
    return {v.id: v.compare_with for v in config.venues if v.competitor}


def checklist_venue(config: Config, venue: str) -> str:
    """The venue whose checks an audit of `venue` is made of: for a competitor with
    `compare_with`, that venue's (its own touchpoints need not exist); else its own. A
    competitor without `compare_with` gets the checks of the touchpoints that name no venue."""
    item = config.venue(venue)
    if item is not None and item.competitor and item.compare_with:
        return item.compare_with
    return venue


def pairs(rivals: dict[str, str], venues: list[str]) -> list[tuple[str, str]]:
    """(own venue, competitor) for each competitor compared with one of `venues`, in order."""
    return [(own, rival) for own in venues for rival, to in rivals.items() if to == own]


def latest_whole(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest complete audit of the most zones (a whole visit, not a point-of-sale audit
    of one zone) among a venue's trend rows, oldest first."""
    done = [r for r in rows if r["complete"] and r["score"] is not None]
    if not done:
        return None
    widest = max(len(r["zones"]) for r in done)
    return [r for r in done if len(r["zones"]) == widest][-1]


def _difference(own: float | None, rival: float | None) -> float | None:
    return None if own is None or rival is None else round(own - rival, 1)


def compare(
    own_rows: list[dict[str, Any]], rival_rows: list[dict[str, Any]], zones: list[str]
) -> dict[str, Any] | None:
    """The latest whole visit of the own venue beside the competitor's, zone by zone (in
    `zones` order, then any other) with the own score minus the competitor's; None until both
    have a complete whole visit."""
    own, rival = latest_whole(own_rows), latest_whole(rival_rows)
    if own is None or rival is None:
        return None
    scored = set(own["zones"]) | set(rival["zones"])
    order = [z for z in zones if z in scored] + sorted(scored - set(zones))
    return {
        "own": {"date": own["date"], "path": own["path"], "score": own["score"]},
        "competitor": {"date": rival["date"], "path": rival["path"], "score": rival["score"]},
        "difference": _difference(own["score"], rival["score"]),
        "zones": [
            {
                "zone": z,
                "own": own["zones"].get(z),
                "competitor": rival["zones"].get(z),
                "difference": _difference(own["zones"].get(z), rival["zones"].get(z)),
            }
            for z in order
        ],
    }


def compared_json(
    rows: dict[str, list[dict[str, Any]]], rivals: dict[str, str], zones: list[str]
) -> list[dict[str, Any]]:
    """For a trend's JSON: each own venue beside each competitor compared with it."""
    out = []
    for own, rival in pairs(rivals, list(rows)):
        got = compare(rows[own], rows.get(rival, []), zones)
        if got is not None:
            out.append({"venue": own, "competitor_venue": rival, **got})
    return out


def compare_table(
    own: str, rival: str, rows: dict[str, list[dict[str, Any]]], zones: list[str], names: Names
) -> Table | None:
    """The own venue's latest whole visit beside the competitor's: the score, then each zone,
    with the difference (own minus competitor)."""
    from tpkit.i18n import _

    got = compare(rows.get(own, []), rows.get(rival, []), zones)
    if got is None:
        return None
    title = _("{venue} beside {competitor}", venue=names.venue(own), competitor=names.venue(rival))
    table = Table(title=Text(title, style="bold"), title_justify="left", header_style="bold")
    table.add_column(_("Zone"))
    for side, venue in (("own", own), ("competitor", rival)):
        day = short_day(dt.date.fromisoformat(got[side]["date"]))
        table.add_column(f"{names.venue(venue)}\n{day}", justify="right")
    table.add_column(_("Difference"), justify="right")
    table.add_row(
        Text(_("Score"), style="bold"),
        num_text(got["own"]["score"]),
        num_text(got["competitor"]["score"]),
        _styled(got["difference"]),
    )
    for z in got["zones"]:
        table.add_row(
            names.zone(z["zone"]),
            num_text(z["own"]),
            num_text(z["competitor"]),
            _styled(z["difference"]),
        )
    return table


def _styled(value: float | None) -> Text:
    style = "" if not value else ("green" if value > 0 else "red")
    return Text(signed_text(value), style=style)
