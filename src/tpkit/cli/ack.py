"""tpkit ack import, status: staff sign-off on the current text of the standards."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpkit.cli.common import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, UsageError
from tpkit.i18n import _, n_

if TYPE_CHECKING:
    from tpkit.ack import Standing
    from tpkit.model import Config

SHOWN = 5  # standards named in a line of what a person has not signed; --all names them all


def register(app: typer.Typer) -> None:
    ack = typer.Typer(
        help=_("Staff sign-off: who read the current text of each standard."),
        no_args_is_help=True,
    )
    ack.command(
        "import", help=_("Import a sign-off sheet; a file with a bad row is not imported at all.")
    )(import_cmd)
    ack.command(
        "status",
        help=_("Per touchpoint and role: who signed the current text, who must read it again."),
    )(status_cmd)
    app.add_typer(ack, name="ack")


def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar=_("FILE.csv"),
            help=_("CSV with the columns date,person,role,venue,touchpoint,version."),
        ),
    ],
) -> int:
    """Import a sign-off sheet; a file with a bad row is not imported at all."""
    from tpkit.ack import folder, read_csv, store
    from tpkit.registry import load_registry

    state: State = ctx.obj
    if not file.is_file():
        raise UsageError(_("{path}: no such file", path=file))
    registry = load_registry(state.registry)
    added, known = store(registry.root, read_csv(file, registry))
    print(
        n_(
            "Imported {n} new sign-off from {file} into {folder}; {known} stored before.",
            "Imported {n} new sign-offs from {file} into {folder}; {known} stored before.",
            added,
            file=shown(file),
            folder=shown(folder(registry.root)),
            known=known,
        )
    )
    return EXIT_OK


def status_cmd(
    ctx: typer.Context,
    venue: Annotated[
        str | None,
        typer.Option("--venue", help=_("Only this venue's touchpoints and staff.")),
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help=_("Only this role."))] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help=_("Also list the standards everyone has signed.")),
    ] = False,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("text or json."))
    ] = TextOrJson.text,
) -> int:
    """Per touchpoint and role: who signed the current text, who must read it again."""
    from tpkit.ack import load_checked, status
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry)
    venues = {v.id: v for v in registry.config.venues}
    if venue is not None and venue not in venues:
        raise UsageError(
            _("'{venue}' is not a venue of this registry", venue=venue),
            [_("venues: {ids}", ids=", ".join(sorted(venues)))],
        )
    roles = {r.id for r in registry.config.roles}
    if role is not None and role not in roles:
        raise UsageError(
            _("'{role}' is not a role of this registry", role=role),
            [_("roles: {ids}", ids=", ".join(sorted(roles)))],
        )
    if venue is not None:
        state.speak(venues[venue].language or registry.config.language)
    acks, unread = load_checked(registry.root)
    for problem in unread:
        print(shown(f"{problem.path}:{problem.line}:{problem.column}: {problem.message}"),
              file=sys.stderr)  # fmt: skip
    rows = status(registry, acks, venue, role)
    if fmt is TextOrJson.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    config = registry.config
    for n, place in enumerate(dict.fromkeys(r.venue for r in rows)):
        mine = [r for r in rows if r.venue == place]
        if n:
            print()
        print(f"{shown(config.title_of('venues', place))}: {_summary(mine)}")
        if show_all:
            for r in mine:
                _standing(r, config.title_of("roles", r.role))
            continue
        for r in mine:
            if r.reread or not r.signed:
                _standing(r, config.title_of("roles", r.role), missing=False)
        _newcomers(mine, config)
    return EXIT_OK


def _standing(r: Standing, role: str, missing: bool = True) -> None:
    print(f"  {r.touchpoint} [{r.version}] {shown(r.title)} — {shown(role)}")
    _names(_("signed the current text: {names}"), r.signed, always=True)
    _names(_("signed an older text, must read again: {names}"), r.reread)
    if missing:
        _names(_("not signed yet: {names}"), r.missing)


def _newcomers(rows: list[Standing], config: Config) -> None:
    """Per person of a role: the standards they have not signed at all yet (new staff)."""
    todo: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        for person in r.missing:
            todo.setdefault((person, r.role), []).append(r.touchpoint)
    for (person, role), ids in sorted(todo.items()):
        shown_ids = ", ".join(ids[:SHOWN])
        if len(ids) > SHOWN:
            more = len(ids) - SHOWN
            shown_ids += " " + n_("and {n} more", "and {n} more", more)
        print(
            "  "
            + n_(
                "{person} ({role}) has not signed {n} standard yet: {ids}",
                "{person} ({role}) has not signed {n} standards yet: {ids}",
                len(ids),
                person=shown(person),
                role=shown(config.title_of("roles", role)),
                ids=shown_ids,
            )
        )


def _names(line: str, names: list[str], always: bool = False) -> None:
    if names or always:
        print("    " + line.format(names=", ".join(shown(n) for n in names) or _("nobody")))


def _summary(rows: list[Standing]) -> str:
    """One venue's sign-off in one line: standards, signed by all, to re-read, unsigned."""
    standards = len({r.touchpoint for r in rows})
    settled = len({r.touchpoint for r in rows} - {r.touchpoint for r in rows if not r.settled})
    reread = len({(p, r.touchpoint) for r in rows for p in r.reread})
    nobody = len({r.touchpoint for r in rows if not r.signed})
    parts = [
        n_("{n} standard", "{n} standards", standards),
        n_("{n} signed by all its staff", "{n} signed by all their staff", settled),
        n_("{n} sign-off to renew after a change", "{n} sign-offs to renew after a change", reread),
        n_("{n} signed by nobody in a role", "{n} signed by nobody in a role", nobody),
    ]
    return ", ".join(parts)
