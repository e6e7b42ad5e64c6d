"""tpkit status: the registry's state on one screen, with the commands that give the details."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tpkit import i18n
from tpkit.cli.common import State, TextOrJson
from tpkit.errors import EXIT_OK
from tpkit.i18n import _, n_


def register(app: typer.Typer) -> None:
    app.command(
        "status",
        help=_(
            "The state of the registry on one screen: findings, reviews due, and per venue the "
            "last visit, its bottleneck and actions, beside the guests' NPS."
        ),
    )(status_cmd)


def status_cmd(
    ctx: typer.Context,
    within: Annotated[
        str, typer.Option(help=_("How far ahead to look for reviews due: 30d, 8w, 3m."))
    ] = "30d",
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("Output format."))
    ] = TextOrJson.text,
) -> int:
    """The state of the registry on one screen."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.audit.views import BAND_STYLE, BANDS, kind_text
    from tpkit.cli.output import console
    from tpkit.durations import parse_duration
    from tpkit.errors import UsageError
    from tpkit.feedback import period_title
    from tpkit.registry import load_registry
    from tpkit.status import status

    days = parse_duration(within)
    if days is None:
        raise UsageError(
            _("--within '{value}' is not a period", value=within),
            [_("write a number followed by d, w, m or y, such as 30d")],
        )
    state: State = ctx.obj
    registry = load_registry(state.registry, jobs=0, cache=True)
    today = state.day()
    found = status(registry, today, within_days=days)
    if fmt is TextOrJson.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = state.speak(registry.config.language)
    out = console()
    out.print(Text(f"{registry.config.name} · {i18n.date(today, 'long')}", style="bold"))
    levels = found.levels
    findings = ", ".join(
        [
            n_("{n} error", "{n} errors", levels["error"]),
            n_("{n} warning", "{n} warnings", levels["warning"]),
            n_("{n} piece of advice", "{n} pieces of advice", levels["info"]),
        ]
    )
    out.print(
        n_(
            "Standards: {n} touchpoint; {findings}; reviews due within {days}: {due}.",
            "Standards: {n} touchpoints; {findings}; reviews due within {days}: {due}.",
            found.touchpoints,
            findings=findings,
            days=n_("{n} day", "{n} days", days),
            due=len(found.due),
        ),
        style="red" if levels["error"] else "yellow" if levels["warning"] else "",
    )
    table = Table(header_style="bold")
    kept = any(v.actions for v in found.venues)  # action files, else the last visit's failures
    for name, justify in (
        (_("Venue"), "left"),
        (_("Last visit"), "left"),
        (_("Score"), "right"),
        (_("Since the one before"), "right"),
        (_("Bottleneck"), "left"),
        (_("Actions: open / overdue") if kept else _("Actions"), "right"),
        (_("Guests' NPS"), "right"),
    ):
        table.add_column(
            name,
            justify=justify,  # type: ignore[arg-type]
            overflow="fold",
            no_wrap=name in (_("Last visit"), _("Score")),  # a date, a figure: one line each
        )
    zones = {z.id: z.title_in(lang) for z in registry.config.zones}
    for v in found.venues:
        item = registry.config.venue(v.venue)
        title = item.title_in(lang) if item else v.venue
        s = v.last
        if s is None:
            visit, score, change, zone, actions = _("no visit yet"), Text("—"), "", "", ""
        else:
            visit = f"{i18n.date(s.date)}\n{kind_text(s.kind)}"
            band = _(BANDS[s.band]) if s.band in BANDS else s.band
            critical = " ⚠ " + _("critical") if s.status == "critical-fail" else ""
            score = Text(
                f"{i18n.number(s.score or 0, 1)} {band}{critical}",
                style=BAND_STYLE.get(s.band, ""),
            )
            change = "" if s.score_change is None else i18n.signed(s.score_change, 1)
            zone = zones.get(str(s.bottleneck.get("zone") or ""), "")
            actions = str(len(s.actions))
        if v.actions:  # the action files, when the venue keeps them
            late, still = v.actions["overdue"], v.actions["open"] + v.actions["reopened"]
            actions = f"{still - late} / {late}"
        nps = "—" if v.nps is None else f"{i18n.signed(v.nps, 1)} · {period_title(v.nps_month)}"
        table.add_row(title, visit, score, change, zone, actions, nps)
    out.print(table)
    for v in found.venues:
        if v.reread or v.unsigned:
            item = registry.config.venue(v.venue)
            out.print(
                _(
                    "Sign-off, {venue}: to renew after a change {reread}, not signed yet "
                    "{unsigned} (tpkit ack status --venue {id})",
                    venue=item.title_in(lang) if item else v.venue,
                    reread=v.reread,
                    unsigned=v.unsigned,
                    id=v.venue,
                ),
                style="yellow",
            )
    latest = [v.last.path for v in found.venues if v.last is not None]
    out.print(_("Details:"))
    for command, what in (
        ("tpkit validate", _("every finding, with file, line and what to write instead")),
        (f"tpkit due --within {within}", _("the reviews due")),
        ("tpkit audit trend", _("scores over time, zone by zone")),
        (
            "tpkit audit score " + " ".join(latest) if latest else "tpkit audit score FILE",
            _("the last visits: ladder, bottleneck, corrective actions"),
        ),
        ("tpkit actions", _("the corrective actions, overdue first")),
        ("tpkit ack status", _("who must sign the current text of a standard")),
        ("tpkit feedback nps", _("the guests' NPS month by month")),
    ):
        out.print(f"  {command}", style="bold", end="")
        out.print(f"  — {what}")
    return EXIT_OK
