"""tpkit list, show, due."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated

import typer

from tpkit.cli import State
from tpkit.errors import EXIT_OK, UsageError
from tpkit.schema import parse_duration
from tpkit.terminal import clean


def register(app: typer.Typer) -> None:
    app.command("list")(list_cmd)
    app.command("show")(show_cmd)
    app.command("due")(due_cmd)


def list_cmd(
    ctx: typer.Context,
    zone: Annotated[str | None, typer.Option(help="Only this zone.", show_default=False)] = None,
    role: Annotated[
        str | None,
        typer.Option(help="Only touchpoints this role performs or owns.", show_default=False),
    ] = None,
    venue: Annotated[
        str | None, typer.Option(help="Only touchpoints of this venue.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> int:
    """Touchpoints in journey order, as a table."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.browse import select
    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry)
    check_known(registry, zone=zone, role=role, venue=venue)
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
    for name in ("Zone", "Touchpoint", "Title", "Channel", "Roles", "Checks", "Reviewed"):
        table.add_column(name, overflow="fold", no_wrap=name in ("Touchpoint", "Reviewed"))
    for tp in tps:
        table.add_row(
            *(
                Text(clean(cell))
                for cell in (
                    tp.zone,
                    tp.id,
                    tp.title,
                    tp.channel,
                    ", ".join(tp.roles) or tp.owner,
                    str(len(tp.checks)),
                    str(tp.reviewed or ""),
                )
            )
        )
    out = console()
    out.print(table)
    out.print(f"{len(tps)} touchpoint{'s' if len(tps) != 1 else ''}.")
    return EXIT_OK


def show_cmd(
    ctx: typer.Context,
    touchpoint_id: Annotated[str, typer.Argument(metavar="ID", help="Touchpoint id.")],
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
            f"no touchpoint '{touchpoint_id}' in {registry.root}",
            [f"did you mean: {', '.join(close)}?"]
            if close
            else ["'tpkit list' shows every touchpoint id"],
        )
    # values were made visible when read; a file name is shown, never obeyed, and measured
    # for the layout as it is shown
    visible = dataclasses.replace(tp, path=clean(tp.path))
    console().print(show(registry, visible, state.day(), load_feedback(registry.root)))
    return EXIT_OK


def due_cmd(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help="How far ahead to look: 30d, 8w, 3m.")] = "30d",
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
            f"--within '{within}' is not a period",
            ["write a number followed by d, w, m or y, such as 30d"],
        )
    state: State = ctx.obj
    registry = load_registry(state.registry)
    today = state.day()
    rows = due(registry, today, days)
    out = console()
    if not rows:
        out.print(f"No reviews due by {today + dt.timedelta(days=days)}.")
        return EXIT_OK
    table = Table(header_style="bold")
    for name in ("Due", "When", "Touchpoint", "Owner", "File"):
        table.add_column(name, overflow="fold", no_wrap=name != "File")
    for when, tp in rows:
        left = (when - today).days
        status = Text(f"{-left} days overdue", style="red") if left < 0 else Text(f"in {left} days")
        table.add_row(
            Text(str(when)), status, Text(clean(tp.id)), Text(clean(tp.owner)), Text(clean(tp.path))
        )
    out.print(table)
    overdue = sum(1 for when, _ in rows if when < today)
    out.print(f"{len(rows)} review{'s' if len(rows) != 1 else ''} due, {overdue} overdue.")
    return EXIT_OK
