"""tpkit list, show, due."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated

import typer

from tpkit import i18n
from tpkit.cli.common import State
from tpkit.durations import parse_duration
from tpkit.errors import EXIT_OK, UsageError
from tpkit.i18n import _, n_
from tpkit.terminal import clean


def register(app: typer.Typer) -> None:
    app.command("list", help=_("Touchpoints in journey order, as a table."))(list_cmd)
    app.command(
        "show", help=_("One touchpoint, readable: the standard, steps, phrases and checks.")
    )(show_cmd)
    app.command("due", help=_("Touchpoints whose review is overdue or due soon, oldest first."))(
        due_cmd
    )


def list_cmd(
    ctx: typer.Context,
    zone: Annotated[str | None, typer.Option(help=_("Only this zone."), show_default=False)] = None,
    role: Annotated[
        str | None,
        typer.Option(help=_("Only touchpoints this role performs or owns."), show_default=False),
    ] = None,
    venue: Annotated[
        str | None, typer.Option(help=_("Only touchpoints of this venue."), show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> int:
    """Touchpoints in journey order, as a table."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.browse import channel_name, select
    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry)
    check_known(registry, zone=zone, role=role, venue=venue)
    if venue is not None:  # one venue's touchpoints: in that venue's language
        chosen = registry.config.venue(venue)
        state.speak((chosen.language if chosen else "") or registry.config.language)
    tps = select(registry, zone=zone, role=role, venue=venue)
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "id": tp.id,
                        "title": tp.title,
                        "zone": tp.zone,
                        "channel": tp.channel,
                        "roles": tp.roles,
                        "owner": tp.owner,
                        "venues": tp.venues,
                        "checks": len(tp.checks),
                        "path": tp.path,
                        "reviewed": tp.reviewed.isoformat() if tp.reviewed else None,
                    }
                    for tp in tps
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    table = Table(header_style="bold", show_lines=False)
    out = console()
    wide = out.width >= 120  # a narrow terminal gets the columns that identify and assign
    columns = (
        (_("Zone"), False, True),
        (_("Touchpoint"), True, True),
        (_("Title"), False, True),
        (_("Channel"), False, wide),
        (_("Roles"), False, True),
        (_("Checks"), True, wide),
        (_("Reviewed"), True, wide),
    )
    shown = [on for _name, _keep, on in columns]
    for name, keep, on in columns:
        if on:
            table.add_column(name, overflow="fold", no_wrap=keep, ratio=None if keep else 1)
    config = registry.config
    for tp in tps:
        # zones and roles by their titles in the output's language; their ids, which --zone
        # and --role take, are in --json and in the error that names an unknown one
        roles = [config.title_of("roles", role) for role in tp.roles or [tp.owner]]
        cells = (
            config.title_of("zones", tp.zone),
            tp.id,
            tp.title,
            channel_name(tp.channel),
            ", ".join(roles),
            i18n.number(len(tp.checks)),
            i18n.date(tp.reviewed) if tp.reviewed else "",
        )
        table.add_row(*(Text(clean(cell)) for cell, on in zip(cells, shown, strict=True) if on))
    out.print(table)
    out.print(n_("{n} touchpoint.", "{n} touchpoints.", len(tps)))
    return EXIT_OK


def show_cmd(
    ctx: typer.Context,
    touchpoint_id: Annotated[str, typer.Argument(metavar="ID", help=_("Touchpoint id."))],
) -> int:
    """One touchpoint, readable: the standard, steps, phrases and checks."""
    from tpkit.browse import show
    from tpkit.cli.output import console
    from tpkit.feedback import load_feedback
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry)
    tp = registry.touchpoint(touchpoint_id)
    if tp is None:
        import difflib

        close = difflib.get_close_matches(touchpoint_id, [t.id for t in registry.touchpoints], n=3)
        raise UsageError(
            _("no touchpoint '{id}' in {root}", id=touchpoint_id, root=registry.root),
            [_("did you mean: {ids}?", ids=", ".join(close))]
            if close
            else [_("'tpkit list' shows every touchpoint id")],
        )
    # the labels around a touchpoint are in its language, as is its content
    state.speak(tp.lang or registry.config.language)
    # values were made visible when read; a file name is shown, never obeyed, and measured
    # for the layout as it is shown
    visible = dataclasses.replace(tp, path=clean(tp.path))
    console().print(show(registry, visible, state.day(), load_feedback(registry.root)))
    return EXIT_OK


def due_cmd(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help=_("How far ahead to look: 30d, 8w, 3m."))] = "30d",
) -> int:
    """Touchpoints whose review is overdue or due soon, oldest first."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.browse import due
    from tpkit.cli.output import console
    from tpkit.registry import load_registry

    days = parse_duration(within)
    if days is None:
        raise UsageError(
            _("--within '{value}' is not a period", value=within),
            [_("write a number followed by d, w, m or y, such as 30d")],
        )
    state: State = ctx.obj
    registry = load_registry(state.registry)
    today = state.day()
    rows = due(registry, today, days)
    out = console()
    if not rows:
        out.print(_("No reviews due by {day}.", day=i18n.date(today + dt.timedelta(days=days))))
        return EXIT_OK
    table = Table(header_style="bold")
    wide = out.width >= 120  # a narrow terminal: the file is left out (`tpkit list` names it)
    for name, wraps in (
        (_("Due"), False),
        (_("When"), False),
        (_("Touchpoint"), True),
        (_("Owner"), True),
        *([(_("File"), True)] if wide else []),
    ):
        table.add_column(name, overflow="fold", no_wrap=not wraps, ratio=1 if wraps else None)
    for when, tp in rows:
        left = (when - today).days
        status = (
            Text(n_("{n} day overdue", "{n} days overdue", -left), style="red")
            if left < 0
            else Text(n_("in {n} day", "in {n} days", left))
        )
        table.add_row(
            Text(i18n.date(when)),
            status,
            Text(clean(tp.title)),  # the file beside it names the touchpoint for an editor
            Text(clean(registry.config.title_of("roles", tp.owner))),
            *([Text(clean(tp.path))] if wide else []),
        )
    out.print(table)
    overdue = sum(1 for when, _tp in rows if when < today)
    out.print(
        n_(
            "{n} review due, {overdue} overdue.",
            "{n} reviews due, {overdue} overdue.",
            len(rows),
            overdue=i18n.number(overdue),
        )
    )
    return EXIT_OK
