"""tpkit ack import, status: staff sign-off on the current text of the standards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli.common import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, UsageError
from tpkit.i18n import _, n_


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
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("text or json."))
    ] = TextOrJson.text,
) -> int:
    """Per touchpoint and role: who signed the current text, who must read it again."""
    from tpkit.ack import load, status
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
    rows = status(registry, load(registry.root), venue, role)
    if fmt is TextOrJson.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    none = _("nobody")
    for r in rows:
        print(f"{r.touchpoint} [{r.version}] {r.title} — {r.role}")
        print("  " + _("signed the current text: {names}", names=", ".join(r.signed) or none))
        if r.reread:
            print(
                "  "
                + _("signed an older text, must read again: {names}", names=", ".join(r.reread))
            )
    return EXIT_OK
