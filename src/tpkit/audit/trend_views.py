"""Audit scores over time for the terminal and JSON: per venue one line an audit, then its
zones and its roles as rows with one column an audit, then what the marks mean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tpkit.audit.scoring import Score
from tpkit.audit.view_base import (
    BAND_STYLE,
    Names,
    change_text,
    kind_text,
    num_text,
    short_day,
)
from tpkit.i18n import _, n_, number

INCOMPLETE_MARK = "*"  # beside the score of an incomplete audit, explained under the table
CRITICAL_MARK = "!"  # beside the band of an audit with a failed critical check


def trend_rows(
    scores: list[Score], nps: Callable[[str, dt.date], float | None] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Per venue, audits by date with score, band, zones, roles, the change since the last
    audit of the same zones, and the guests' NPS of the same venue and month beside it. An
    audit with no answers has no score and is left out."""
    out: dict[str, list[dict[str, Any]]] = {}
    for s in sorted(scores, key=lambda x: (x.venue, x.date, x.path)):
        if s.empty:
            continue
        out.setdefault(s.venue, []).append(
            {
                "date": s.date.isoformat(),
                "kind": s.kind,
                "path": s.path,
                "score": s.score,
                "band": s.band,
                "status": s.status,
                "complete": s.complete,
                "open_checks": s.open_checks,
                "checks": s.open_checks + s.answered,
                "zones": s.zones,
                "roles": s.roles,
                "change": s.score_change,
                "zone_change": s.change,
                "nps": nps(s.venue, s.date) if nps else None,
            }
        )
    return out


def trend_table(
    venue: str, rows: list[dict[str, Any]], zones: list[str], names: Names, width: int = 80
) -> Group:
    """A venue's audits over time, readable from 80 columns: one line an audit (date, kind,
    score, band, change, NPS), then the zones and the roles as rows with one column an audit
    (as many tables as the width needs), then what the marks mean."""
    table = Table(title=Text(venue, style="bold"), title_justify="left", header_style="bold")
    with_nps = any(r["nps"] is not None for r in rows)
    columns = [
        (_("Date"), False),
        (_("Kind"), False),
        (_("Score"), True),
        (_("Band"), False),
        (_("Change"), True),
    ]
    if with_nps:
        columns.append(("NPS", True))
    for name, right in columns:  # a narrow terminal wraps the kind, never cuts a number
        table.add_column(name, justify="right" if right else "left", no_wrap=name != _("Kind"))
    for r in rows:
        band = Text(
            names.band(r["band"]) + (f" {CRITICAL_MARK}" if r["status"] == "critical-fail" else ""),
            style=BAND_STYLE.get(r["band"], ""),
        )
        score = Text(num_text(r["score"]))
        if not r["complete"]:
            score.append(INCOMPLETE_MARK, style="bold yellow")
        cells: list[Any] = [
            short_day(dt.date.fromisoformat(r["date"])),
            kind_text(r["kind"]),
            score,
            band,
            change_text(r["change"]),
        ]
        if with_nps:
            nps = r["nps"]
            cells.append("—" if nps is None else ("+" if nps >= 0 else "") + number(nps, 1))
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    used = [z for z in zones if any(z in r["zones"] for r in rows)]
    if used:
        titles = [names.zone(z) for z in used]
        parts += _grid(rows, "zones", used, titles, _("Zone"), width)
    scored: dict[str, float] = {}
    for r in rows:
        scored.update(r.get("roles") or {})
    roles = names.role_order(scored)
    if roles:
        titles = [names.role_title(r) for r in roles]
        parts += _grid(rows, "roles", roles, titles, _("Role"), width)
    parts += _legend(rows)
    return Group(*parts)


def _grid(
    rows: list[dict[str, Any]],
    key: str,
    ids: list[str],
    titles: list[str],
    first_head: str,
    width: int,
) -> list[Table]:
    """The zones (or roles) as rows, the audits as columns headed by their day (21.08 over
    2026): as many tables, oldest audits first, as it takes for each to fit `width`."""
    from babel.dates import format_skeleton

    from tpkit.i18n import current

    locale = "ru_RU" if current() == "ru" else "en_US"
    first = min(max(len(first_head), *(len(t) for t in titles)), 24)
    heads = []
    for r in rows:
        day = dt.date.fromisoformat(r["date"])
        mark = "" if r["complete"] else INCOMPLETE_MARK
        heads.append(f"{format_skeleton('Md', day, locale=locale)}{mark}\n{day.year}")
    cell = max(6, *(len(h.split("\n")[0]) for h in heads))
    per_table = max(1, (width - 1 - (first + 3)) // (cell + 3))
    out = []
    for start in range(0, len(rows), per_table):
        part = range(start, min(start + per_table, len(rows)))
        table = Table(header_style="bold")
        table.add_column(first_head, no_wrap=True, overflow="ellipsis", max_width=first)
        for i in part:
            table.add_column(heads[i], justify="right", no_wrap=True, min_width=cell)
        for one, title in zip(ids, titles, strict=True):
            values = (num_text((rows[i].get(key) or {}).get(one)) for i in part)
            table.add_row(Text(title), *values)
        out.append(table)
    return out


def _legend(rows: list[dict[str, Any]]) -> list[Text]:
    """What the marks of a trend mean: * an incomplete audit (with how many checks are
    open, and that it is not compared), ! a failed critical check."""
    out = []
    for r in rows:
        if r["complete"]:
            continue
        day = short_day(dt.date.fromisoformat(r["date"]))
        if r["open_checks"]:
            what = n_(
                "{open} of {n} check open",
                "{open} of {n} checks open",
                r["checks"],
                open=number(r["open_checks"]),
            )
            said = _("{date}: incomplete, {what}; not compared", date=day, what=what)
        else:
            said = _("{date}: not finished; not compared", date=day)
        line = Text(INCOMPLETE_MARK + " ", style="bold yellow")
        line.append(said)
        out.append(line)
    if any(r["status"] == "critical-fail" for r in rows):
        line = Text(CRITICAL_MARK + " ", style="bold red")
        line.append(_("a critical check failed: the audit fails whatever its score"))
        out.append(line)
    return out
