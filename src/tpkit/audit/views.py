"""Audit scores and trends for the terminal (rich), Markdown and JSON, in the current
language (the venue's): titles of zones, roles and touchpoints, numbers and dates as the
language writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
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


def not_compared() -> str:
    """Why an incomplete audit shows no change since the last one."""
    return _("The change since the last audit is not shown: this audit is incomplete.")


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
    compared = bool(s.change)
    if compared:
        zones.add_column(_("Since last"), justify="right")
    zones.add_column("")
    for zone, value in s.zones.items():
        mark = (
            Text("◀ " + _("bottleneck"), style="bold red")
            if zone == s.bottleneck.get("zone")
            else Text("")
        )
        since = [_change(s.change.get(zone))] if compared else []
        zones.add_row(Text(names.zone(zone)), _num(value), *since, mark)
    parts: list[RenderableType] = [head, summary, ladder, Text(""), zones]
    if not s.complete and s.previous:
        parts += [Text(""), Text(not_compared(), style="yellow")]
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
        if not s.complete and s.previous:
            out += ["", not_compared()]
        out.append("")
        compared = bool(s.change)
        since = f" {_('Since last')} |" if compared else ""
        out.append(f"| {_('Zone')} | {_('Score')} |{since}")
        out.append("|---|---:|" + ("---:|" if compared else ""))
        for zone, value in s.zones.items():
            change = s.change.get(zone)
            mark = f" ({_('bottleneck')})" if zone == s.bottleneck.get("zone") else ""
            shown = "" if change is None else ("+" if change > 0 else "") + number(change, 1)
            cell = f" {shown} |" if compared else ""
            out.append(f"| {_md(names.zone(zone))}{mark} | {_num(value)} |{cell}")
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


def scores_json(scores: list[Score]) -> bytes:
    """{"audits": [...]} as UTF-8 JSON indented by two spaces."""
    return b"".join(scores_json_parts(scores))


def scores_json_parts(scores: list[Score]) -> Iterator[bytes]:
    """The text of scores_json in pieces, one audit at a time (each made by the compiled
    encoder), so the text of thousands of audits is written as it is made, never held."""
    if not scores:
        yield b'{\n  "audits": []\n}'
        return
    yield b'{\n  "audits": [\n    '
    for n, s in enumerate(scores):
        if n:
            yield b",\n    "
        # no newline inside a JSON string: each line of an audit is moved in by four spaces
        yield orjson.dumps(s.to_dict(), option=orjson.OPT_INDENT_2).replace(b"\n", _IN)
    yield b"\n  ]\n}"


_IN = b"\n    "


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


INCOMPLETE_MARK = "*"  # beside the score of an incomplete audit, explained under the table
CRITICAL_MARK = "!"  # beside the band of an audit with a failed critical check


def _short_day(day: dt.date) -> str:
    """The day of an audit in a trend: 21.08.2026 / 8/21/26."""
    return date_text(day, "short")


def trend_table(
    venue: str, rows: list[dict[str, Any]], zones: list[str], names: Names, width: int = 80
) -> Group:
    """A venue's audits over time, readable from 80 columns: one line an audit (date, kind,
    score, band, change, NPS), then the zones as rows with one column an audit (as many
    tables as the width needs), then what the marks mean."""
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
        score = Text(_num(r["score"]))
        if not r["complete"]:
            score.append(INCOMPLETE_MARK, style="bold yellow")
        cells: list[Any] = [
            _short_day(dt.date.fromisoformat(r["date"])),
            kind_text(r["kind"]),
            score,
            band,
            _change(r["change"]),
        ]
        if with_nps:
            nps = r["nps"]
            cells.append("—" if nps is None else ("+" if nps >= 0 else "") + number(nps, 1))
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    used = [z for z in zones if any(z in r["zones"] for r in rows)]
    if used:
        parts += _zone_tables(rows, used, names, width)
    parts += _legend(rows)
    return Group(*parts)


def _zone_tables(
    rows: list[dict[str, Any]], zones: list[str], names: Names, width: int
) -> list[Table]:
    """The zones as rows, the audits as columns headed by their day (21.08 over 2026): as
    many tables, oldest audits first, as it takes for each to fit `width`."""
    from babel.dates import format_skeleton

    from tpkit.i18n import current

    locale = "ru_RU" if current() == "ru" else "en_US"
    titles = [names.zone(z) for z in zones]
    first = min(max(len(_("Zone")), *(len(t) for t in titles)), 24)
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
        table.add_column(_("Zone"), no_wrap=True, overflow="ellipsis", max_width=first)
        for i in part:
            table.add_column(heads[i], justify="right", no_wrap=True, min_width=cell)
        for zone, title in zip(zones, titles, strict=True):
            table.add_row(Text(title), *(_num(rows[i]["zones"].get(zone)) for i in part))
        out.append(table)
    return out


def _legend(rows: list[dict[str, Any]]) -> list[Text]:
    """What the marks of a trend mean: * an incomplete audit (with how many checks are
    open, and that it is not compared), ! a failed critical check."""
    out = []
    for r in rows:
        if r["complete"]:
            continue
        day = _short_day(dt.date.fromisoformat(r["date"]))
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
