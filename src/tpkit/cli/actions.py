"""tpkit actions: list the corrective actions, overdue first, and mark one done."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpkit.cli.common import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS
from tpkit.i18n import _

if TYPE_CHECKING:
    from tpkit.audit.scoring import Score
    from tpkit.registry import Registry


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("Corrective actions from audits: list them, mark one done."),
        invoke_without_command=True,
    )
    group.callback(invoke_without_command=True)(list_cmd)
    group.command("done", help=_("Mark an action done, with a note and photos."))(done_cmd)
    app.add_typer(group, name="actions")


def list_cmd(
    ctx: typer.Context,
    venue: Annotated[str | None, typer.Option(help=_("Only this venue."))] = None,
    owner: Annotated[str | None, typer.Option(help=_("Only this owner role."))] = None,
    status: Annotated[
        str | None, typer.Option(help=_("Only this status: open, reopened, done, verified."))
    ] = None,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("Output format."))
    ] = TextOrJson.text,
) -> int:
    """The corrective actions, overdue first."""
    if ctx.invoked_subcommand is not None:
        return EXIT_OK
    from tpkit.actions_files import load_actions, ordered

    state: State = ctx.obj
    from tpkit.config import find_root

    root = find_root(state.registry)
    actions, bad = load_actions(root)
    for why in bad:
        print(why, file=sys.stderr)
    chosen = [
        a
        for a in ordered(actions, state.day())
        if (venue is None or a.venue == venue)
        and (owner is None or a.owner == owner)
        and (status is None or a.status == status)
    ]
    if fmt is TextOrJson.json:
        print(json.dumps([a.to_dict(state.day()) for a in chosen], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not chosen:
        print(_("No corrective actions."))
        return EXIT_OK
    for a in chosen:
        mark = _("OVERDUE") if a.overdue(state.day()) else a.status
        print(
            _(
                "{status}\t{id}\t{venue}\t{owner}\tdue {due}\t{text} ({measured}, target {target})",
                status=mark,
                id=shown(a.id),
                venue=shown(a.venue),
                owner=shown(a.owner),
                due=a.due.isoformat(),
                text=shown(a.text),
                measured=_("no") if a.measured == "no" else shown(a.measured),
                target=_("yes") if a.target == "yes" else shown(a.target),
            )
        )
        if a.root_cause_needed:
            print("\t" + _("root cause needed: the check keeps failing"))
    return EXIT_OK


def done_cmd(
    ctx: typer.Context,
    action_id: Annotated[str, typer.Argument(metavar="ID", help=_("The action's id."))],
    note: Annotated[str, typer.Option(help=_("What was done."))],
    photo: Annotated[
        list[Path] | None, typer.Option(help=_("A photo of the fix (repeatable)."))
    ] = None,
    by: Annotated[str, typer.Option(help=_("Who did it."))] = "",
) -> int:
    """Mark an action done."""
    from tpkit.actions import mark_done
    from tpkit.actions_files import OPEN, load_actions

    state: State = ctx.obj
    from tpkit.config import find_root

    root = find_root(state.registry)
    actions, _bad = load_actions(root)
    found = [a for a in actions if action_id in (a.id, f"{a.venue}/{a.id}")]
    if len(found) != 1:
        known = ", ".join(sorted(f"{a.venue}/{a.id}" for a in actions if a.status in OPEN))
        print(
            _(
                "no single action '{id}'; open actions: {known}",
                id=shown(action_id),
                known=known or "-",
            ),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    action = found[0]
    if action.status not in OPEN:
        print(
            _("{file}: the action is {status}, not open", file=action.path, status=action.status),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    photos: list[str] = []
    for p in photo or []:
        full = p if p.is_absolute() else Path.cwd() / p
        if not full.is_file() or full.is_symlink():
            print(_("{file}: no such photo", file=shown(p)), file=sys.stderr)
            return EXIT_PROBLEMS
        try:
            photos.append(full.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            photos.append(str(p))
    mark_done(root, action, note, photos, by, state.day())
    print(
        _(
            "{file}: done; the next audit of {venue} verifies it",
            file=action.path,
            venue=action.venue,
        )
    )
    return EXIT_OK


def record_scores(registry: Registry | None, scores: list[Score], today: dt.date) -> None:
    """tpkit audit score --actions: the action files written, one line each on stderr."""
    from tpkit.actions import record
    from tpkit.errors import UsageError

    if registry is None:
        raise UsageError(
            _("--actions needs a registry: audit files outside one have no actions folder"),
            [_("run it inside the registry, or pass --registry DIR")],
        )
    competitors = {v.id for v in registry.config.venues if v.competitor}
    for line in record(registry.root, competitors, scores, today):
        print(shown(line), file=sys.stderr)
