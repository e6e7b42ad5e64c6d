"""tpkit actions: list the corrective actions, overdue first, and mark one done."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tpkit.cli.common import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS
from tpkit.i18n import _, n_

if TYPE_CHECKING:
    from tpkit.actions_files import ActionFile
    from tpkit.audit.scoring import Score
    from tpkit.model import Config
    from tpkit.registry import Registry

SHOWN = 3  # verified actions named under the to-do list; --all lists every one


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
    show_all: Annotated[
        bool, typer.Option("--all", help=_("Also list the verified actions."))
    ] = False,
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
    _print_list(root, chosen, actions, state, venue, show_all or status is not None)
    return EXIT_OK


def _print_list(
    root: Path,
    chosen: list[ActionFile],
    every: list[ActionFile],
    state: State,
    venue: str | None,
    show_all: bool,
) -> None:
    """Per venue: a line of counts, then the actions still to do (overdue first) and those done
    awaiting the next visit; verified ones only with --all or --status."""
    from tpkit.registry import load_registry

    registry = load_registry(root, jobs=0, cache=True)
    config = registry.config
    if venue is not None and (item := config.venue(venue)) is not None:
        state.speak(item.language or config.language)
    targets = {tp.full_id(c): c for tp in registry.touchpoints for c in tp.checks}
    today = state.day()
    first = True
    for place in dict.fromkeys(a.venue for a in chosen):
        mine = [a for a in every if a.venue == place]
        if not first:
            print()
        first = False
        print(f"{shown(config.title_of('venues', place))}: {_counts(mine, today)}")
        hidden = [a for a in chosen if a.venue == place and a.status == "verified"]
        for a in chosen:
            if a.venue != place or (a.status == "verified" and not show_all):
                continue
            _print_action(a, today, config, targets)
        if hidden and not show_all:
            latest = sorted(hidden, key=lambda a: (a.verified_by, a.id), reverse=True)[:SHOWN]
            print(
                "  "
                + n_(
                    "verified by a later visit: {n} (the latest below; --all lists every one)",
                    "verified by a later visit: {n} (the latest below; --all lists every one)",
                    len(hidden),
                )
            )
            for a in latest:
                print(f"    ✓ {shown(a.text)} · {shown(a.verified_by)}")


def _print_action(a: ActionFile, today: dt.date, config: Config, targets: dict[str, Any]) -> None:
    """One action in two lines (three with a note or a root cause): where it stands, then the
    check with what was measured against its target."""
    from tpkit.targets import measured as measured_text

    check = targets.get(a.check)
    value = a.value
    if check is not None and value is not None:
        what = measured_text(value, check)
    elif a.measured == "no":
        what = _("no")
    else:
        what = shown(a.measured)
    owner = shown(config.title_of("roles", a.owner))
    print(f"  {_state_line(a, today, owner)} · {shown(a.id)}")
    print(f"    {shown(a.text)}: {what}")
    if a.root_cause_needed:
        print(
            "    "
            + n_(
                "failed in {n} audit: find the root cause, write it in note",
                "failed in {n} audits: find the root cause, write it in note",
                len(a.audits),
            )
        )
    if a.status == "done" and a.note:
        print("    " + _("done: {note} ({who})", note=shown(a.note), who=_closed(a)))


def _closed(a: ActionFile) -> str:
    from tpkit import i18n

    day = i18n.date(a.closed_on) if a.closed_on else ""
    return ", ".join(x for x in (shown(a.closed_by), day) if x)


def _counts(actions: list[ActionFile], today: dt.date) -> str:
    late = sum(a.overdue(today) for a in actions)
    by = {s: sum(a.status == s for a in actions) for s in ("open", "reopened", "done", "verified")}
    parts = [
        n_("{n} overdue", "{n} overdue", late),
        n_("{n} open", "{n} open", by["open"] + by["reopened"] - late),
        n_("{n} done, to be verified", "{n} done, to be verified", by["done"]),
        n_("{n} verified", "{n} verified", by["verified"]),
    ]
    return ", ".join(parts)


def _state_line(a: ActionFile, today: dt.date, owner: str) -> str:
    from tpkit import i18n

    due = i18n.date(a.due)
    if a.overdue(today):
        late = (today - a.due).days
        head = n_(
            "OVERDUE by {n} day (due {due})", "OVERDUE by {n} days (due {due})", late, due=due
        )
    elif a.status == "reopened":
        head = _("reopened (failed again), due {due}", due=due)
    elif a.status == "open":
        head = _("open, due {due}", due=due)
    elif a.status == "done":
        head = _("done, the next visit verifies it")
    else:
        head = _("verified by the visit {audit}", audit=shown(a.verified_by))
    return f"{head} · {owner}"


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
