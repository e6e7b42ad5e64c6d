"""Audit scores and trends for the terminal (rich), Markdown and JSON, in the current
language (the venue's): titles of zones, roles and touchpoints, numbers and dates as the
language writes them."""

from __future__ import annotations

from collections.abc import Collection, Iterator

import orjson
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tpkit.audit.scoring import Action, Score
from tpkit.audit.trend_views import trend_rows, trend_table
from tpkit.audit.view_base import (
    BAND_STYLE,
    BANDS,
    KINDS,
    Names,
    change_text,
    kind_text,
    md_cell,
    num_text,
)
from tpkit.i18n import N_, _, n_, number, percent
from tpkit.i18n import date as date_text
from tpkit.targets import measured

__all__ = [
    "BANDS",
    "BAND_STYLE",
    "KINDS",
    "Names",
    "kind_text",
    "score_panel",
    "scores_json",
    "scores_json_parts",
    "scores_markdown",
    "trend_rows",
    "trend_table",
]

LADDER = (
    ("disappointment", N_("disappointment {n}"), "red"),
    ("satisfaction", N_("satisfaction {n}"), ""),
    ("delight", N_("delight {n}"), "green"),
)
_num = num_text
_change = change_text
_md = md_cell


def competitor_text() -> str:
    """Why a competitor's visit lists no corrective actions."""
    return _("A competitor's venue: its failed checks give no corrective actions.")


def roles_table(s: Score, names: Names) -> Table | None:
    """The score of each role (waiter, host…) whose checks were scored, lowest marked."""
    roles = names.role_order(s.roles)
    if not roles:
        return None
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("Role"))
    table.add_column(_("Score"), justify="right")
    table.add_column("")
    lowest = min(roles, key=lambda r: s.roles[r]) if len(roles) > 1 else ""
    for role in roles:
        value = s.roles[role]
        mark = Text("◀ " + _("lowest"), style="bold red") if role == lowest and value < 100 else ""
        table.add_row(Text(names.role(role)), _num(value), mark)
    return table


def roles_markdown(s: Score, names: Names) -> list[str]:
    roles = names.role_order(s.roles)
    if not roles:
        return []
    out = ["", f"| {_('Role')} | {_('Score')} |", "|---|---:|"]
    out += [f"| {_md(names.role(r))} | {_num(s.roles[r])} |" for r in roles]
    return out


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
    roles = roles_table(s, names)
    if roles is not None:
        parts += [Text(""), roles]
    if not s.complete and s.previous:
        parts += [Text(""), Text(not_compared(), style="yellow")]
    worst = s.bottleneck.get("touchpoints") or []
    if worst:
        shown = ", ".join(s.titles.get(tp) or tp for tp in worst)
        parts += [Text(""), Text(_("Lost most weight: {touchpoints}", touchpoints=shown))]
    if s.actions and names.competitor(s.venue):
        parts += [Text(""), Text(competitor_text(), style="dim")]
    elif s.actions:
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
        out += roles_markdown(s, names)
        if s.actions and names.competitor(s.venue):
            out += ["", competitor_text()]
        elif s.actions:
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


def scores_json(scores: list[Score], competitors: Collection[str] = ()) -> bytes:
    """{"audits": [...]} as UTF-8 JSON indented by two spaces."""
    return b"".join(scores_json_parts(scores, competitors))


def scores_json_parts(scores: list[Score], competitors: Collection[str] = ()) -> Iterator[bytes]:
    """The text of scores_json in pieces, one audit at a time (each made by the compiled
    encoder), so the text of thousands of audits is written as it is made, never held. An
    audit of a competitor's venue (`competitors`) has no corrective actions and says so
    (`"competitor": true`)."""
    if not scores:
        yield b'{\n  "audits": []\n}'
        return
    yield b'{\n  "audits": [\n    '
    for n, s in enumerate(scores):
        if n:
            yield b",\n    "
        # no newline inside a JSON string: each line of an audit is moved in by four spaces
        data = s.to_dict()
        if s.venue in competitors:
            data["actions"] = []
            data["competitor"] = True
        yield orjson.dumps(data, option=orjson.OPT_INDENT_2).replace(b"\n", _IN)
    yield b"\n  ]\n}"


_IN = b"\n    "
