"""Audit scores and trends for the terminal (rich), Markdown and JSON, in the current
language (the venue's): titles of zones, roles and touchpoints, numbers and dates as the
language writes them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tpkit.audit.scoring import Action, Score
from tpkit.i18n import N_, _, n_, number, percent
from tpkit.i18n import date as date_text
from tpkit.targets import measured

BAND_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
BANDS = {"green": N_("green"), "amber": N_("amber"), "red": N_("red")}
KINDS = {
    "mystery": N_("mystery guest"),
    "internal": N_("internal check"),
    "pos": N_("point-of-sale audit"),
}
LADDER = (
    ("disappointment", N_("disappointment {n}"), "red"),
    ("satisfaction", N_("satisfaction {n}"), ""),
    ("delight", N_("delight {n}"), "green"),
)


@dataclass
class Names:
    """What ids are shown as, in the output's language: zone, role, venue and band titles."""

    zones: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    venues: dict[str, str] = field(default_factory=dict)
    bands: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> {lang: title}

    def zone(self, zone: str) -> str:
        return self.zones.get(zone, zone)

    def role(self, role: str) -> str:
        return self.roles.get(role, role)

    def venue(self, venue: str) -> str:
        return self.venues.get(venue, venue)

    def band(self, band: str) -> str:
        """green, amber, red in the output's language (a band, never a zone); a band of the
        registry's own by its title in scoring.yaml."""
        from tpkit.i18n import current

        if band in BANDS:
            return _(BANDS[band])
        given = self.bands.get(band, {})
        return given.get(current()) or next(iter(given.values()), band)


def kind_text(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def _num(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def _change(value: float | None) -> Text:
    if value is None:
        return Text("")
    if value > 0:
        return Text(f"▲ +{number(value, 1)}", style="green")
    if value < 0:
        return Text(f"▼ −{number(-value, 1)}", style="red")
    return Text(f"= {number(0, 1)}", style="dim")


def open_text(s: Score) -> str:
    """'incomplete: 58 of 133 checks open' (or 'incomplete' for an audit stopped with every
    check answered)."""
    total = s.open_checks + s.answered
    if not s.open_checks:
        return _("incomplete")
    return n_(
        "incomplete: {open} of {n} check open",
        "incomplete: {open} of {n} checks open",
        total,
        open=number(s.open_checks),
    )


def action_text(a: Action) -> str:
    """What failed, with what was measured: 'Число гудков до ответа: 7 (цель ≤ 3)'."""
    if a.value is None:
        return a.text
    return _("{check}: {measured}", check=a.text, measured=measured(a.value, a))


def _title(s: Score, names: Names) -> str:
    parts = [names.venue(s.venue), date_text(s.date), kind_text(s.kind)]
    if s.auditor:
        parts.append(s.auditor)
    return " · ".join(parts)


def score_panel(s: Score, names: Names) -> RenderableType:
    """One audit at a glance: score and band, ladder, zones, bottleneck, actions."""
    head = Text()
    if s.empty:
        head.append(_("no answers"), style="bold yellow")
        head.append("   " + _("not scored: no check of this audit is answered"), style="yellow")
        return Panel(
            Group(head),
            title=Text(_title(s, names)),
            title_align="left",
            subtitle=Text(s.path, style="dim"),
            subtitle_align="right",
        )
    head.append(_num(s.score), style=BAND_STYLE.get(s.band, "bold"))
    band = names.band(s.band).upper() if s.band else _("NOT SCORED")
    head.append(f" / 100  {band}", style=BAND_STYLE.get(s.band, ""))
    if s.status == "critical-fail":
        head.append("   " + _("CRITICAL FAIL"), style="bold white on red")
    if not s.complete:
        head.append("   " + open_text(s), style="bold yellow")
    counts = s.counts
    summary = Text(
        _(
            "pass {passed} · wow {wow} · fail {failed} · n/a {na}   delight rate {rate}",
            passed=number(counts["pass"]),
            wow=number(counts["wow"]),
            failed=number(counts["fail"]),
            na=number(counts["na"]),
            rate=percent(100 * s.delight_rate, 0),
        ),
        style="dim",
    )
    ladder = Text(_("Expectation ladder:") + " ")
    for key, label, style in LADDER:
        ladder.append(_(label, n=number(s.ladder[key])), style=style)
        ladder.append("   ")
    zones = Table(box=None, header_style="bold", pad_edge=False)
    zones.add_column(_("Zone"))
    zones.add_column(_("Score"), justify="right")
    zones.add_column(_("Since last"), justify="right")
    zones.add_column("")
    for zone, value in s.zones.items():
        mark = (
            Text("◀ " + _("bottleneck"), style="bold red")
            if zone == s.bottleneck.get("zone")
            else Text("")
        )
        zones.add_row(Text(names.zone(zone)), _num(value), _change(s.change.get(zone)), mark)
    parts: list[RenderableType] = [head, summary, ladder, Text(""), zones]
    worst = s.bottleneck.get("touchpoints") or []
    if worst:
        shown = ", ".join(s.titles.get(tp) or tp for tp in worst)
        parts += [Text(""), Text(_("Lost most weight: {touchpoints}", touchpoints=shown))]
    if s.actions:
        actions = Table(
            header_style="bold", title=_("Corrective actions"), title_justify="left", expand=True
        )
        wide = _("What failed")
        for name in (_("Touchpoint"), wide, _("Owner"), _("Due")):
            actions.add_column(
                name, overflow="fold", no_wrap=name != wide, ratio=1 if name == wide else None
            )
        for a in s.actions:
            what = Text(action_text(a))
            if a.critical:
                what.append("  " + _("critical"), style="bold red")
            if a.note:
                what.append(f"\n{a.note}", style="italic")
            if a.photos:
                what.append("\n" + _("photos: {paths}", paths=", ".join(a.photos)), style="dim")
            where = Text(a.touchpoint_title or a.touchpoint, style="bold red" if a.critical else "")
            actions.add_row(where, what, Text(names.role(a.owner)), date_text(a.due))
        parts += [Text(""), actions]
    return Panel(
        Group(*parts),
        title=Text(_title(s, names)),
        title_align="left",
        subtitle=Text(s.path, style="dim"),
        subtitle_align="right",
    )


def scores_markdown(scores: list[Score], names: Names) -> str:
    out: list[str] = []
    for s in scores:
        out.append("## " + _md(_title(s, names)))
        out.append("")
        if s.empty:
            out += ["**" + _("no answers") + "**: " + _("not scored"), ""]
            continue
        status = " · **" + _("critical fail") + "**" if s.status == "critical-fail" else ""
        incomplete = f" · **{open_text(s)}**" if not s.complete else ""
        band = names.band(s.band) if s.band else _("not scored")
        out.append(
            "**" + _("Score {score}", score=_num(s.score)) + f"** ({band}){status}{incomplete}  "
        )
        out.append(
            _("Expectation ladder:")
            + " "
            + ", ".join(_(label, n=number(s.ladder[key])) for key, label, _s in LADDER)
            + "; "
            + _("delight rate {rate}", rate=percent(100 * s.delight_rate, 0))
        )
        out.append("")
        out.append(f"| {_('Zone')} | {_('Score')} | {_('Since last')} |")
        out.append("|---|---:|---:|")
        for zone, value in s.zones.items():
            change = s.change.get(zone)
            mark = f" ({_('bottleneck')})" if zone == s.bottleneck.get("zone") else ""
            shown = "" if change is None else ("+" if change > 0 else "") + number(change, 1)
            out.append(f"| {_md(names.zone(zone))}{mark} | {_num(value)} | {shown} |")
        if s.actions:
            heads = (_("Touchpoint"), _("What failed"), _("Owner"), _("Due"))
            out += ["", "| " + " | ".join(heads) + " |", "|---|---|---|---|"]
            for a in s.actions:
                note = f" — {_md(a.note)}" if a.note else ""
                if a.photos:
                    note += " — " + _md(_("photos: {paths}", paths=", ".join(a.photos)))
                critical = f" **{_('critical')}**" if a.critical else ""
                out.append(
                    f"| {_md(a.touchpoint_title or a.touchpoint)} | {_md(action_text(a))}"
                    f"{critical}{note} | {_md(names.role(a.owner))} | {date_text(a.due)} |"
                )
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no line breaks, no pipes."""
    from tpkit.render.env import md_filter

    return md_filter(text)


def scores_json(scores: list[Score]) -> str:
    return json.dumps({"audits": [s.to_dict() for s in scores]}, ensure_ascii=False, indent=2)


def trend_rows(
    scores: list[Score], nps: Callable[[str, dt.date], float | None] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Per venue, audits by date with score, band, zones, the change since the last audit of
    the same zones, and the guests' NPS of the same venue and month beside it. An audit with
    no answers has no score and is left out."""
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
                "change": s.score_change,
                "zone_change": s.change,
                "nps": nps(s.venue, s.date) if nps else None,
            }
        )
    return out


def trend_table(venue: str, rows: list[dict[str, Any]], zones: list[str], names: Names) -> Table:
    used = [z for z in zones if any(z in r["zones"] for r in rows)]
    table = Table(title=Text(venue, style="bold"), title_justify="left", header_style="bold")
    with_nps = any(r["nps"] is not None for r in rows)
    incomplete = any(not r["complete"] for r in rows)
    columns = [
        (_("Date"), False),
        (_("Kind"), False),
        (_("Score"), True),
        (_("Band"), False),
        (_("Change"), True),
    ]
    if with_nps:
        columns.append(("NPS", True))
    for name, right in columns:
        table.add_column(name, justify="right" if right else "left", no_wrap=True)
    for z in used:
        table.add_column(names.zone(z), justify="right")
    if incomplete:
        table.add_column(_("Incomplete"), style="yellow")
    for r in rows:
        band = Text(
            names.band(r["band"]) + (" !" if r["status"] == "critical-fail" else ""),
            style=BAND_STYLE.get(r["band"], ""),
        )
        day = dt.date.fromisoformat(r["date"])
        cells: list[Any] = [
            date_text(day),
            kind_text(r["kind"]),
            _num(r["score"]),
            band,
            _change(r["change"]),
        ]
        if with_nps:
            nps = r["nps"]
            cells.append("—" if nps is None else ("+" if nps >= 0 else "") + number(nps, 1))
        cells += [_num(r["zones"].get(z)) for z in used]
        if incomplete:
            cells.append(
                ""
                if r["complete"]
                else n_(
                    "{open} of {n} check open",
                    "{open} of {n} checks open",
                    r["checks"],
                    open=number(r["open_checks"]),
                )
                if r["open_checks"]
                else _("not finished")
            )
        table.add_row(*cells)
    return table
