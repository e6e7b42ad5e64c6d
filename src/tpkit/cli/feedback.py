"""tpkit feedback import, nps."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit import i18n
from tpkit.cli.common import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, UsageError
from tpkit.i18n import _, n_


class By(StrEnum):
    week = "week"
    month = "month"


def register(app: typer.Typer) -> None:
    feedback = typer.Typer(help=_("Guest feedback (NPS): control by result."), no_args_is_help=True)
    feedback.command(
        "import", help=_("Import guest feedback; a file with a bad row is not imported at all.")
    )(import_cmd)
    feedback.command(
        "nps",
        help=_("NPS per venue and period: promoters (9–10) less detractors (0–6), in %."),
    )(nps_cmd)
    app.add_typer(feedback, name="feedback")


def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar=_("FILE.csv"),
            help=_("CSV with the columns date,venue,score and optional comment,touchpoint."),
        ),
    ],
) -> int:
    """Import guest feedback; a file with a bad row is not imported at all."""
    from tpkit.feedback import import_csv
    from tpkit.registry import load_registry

    state: State = ctx.obj
    if not file.is_file():
        raise UsageError(_("{path}: no such file", path=file))
    registry = load_registry(state.registry)
    added, known = import_csv(file, registry)
    into = {"file": shown(file), "folder": shown(registry.root / "feedback")}
    if known:
        before = n_(
            "{n} was imported before and was left as it is",
            "{n} were imported before and were left as they are",
            known,
        )
        print(
            n_(
                "Imported {n} new response from {file} into {folder}; {before}.",
                "Imported {n} new responses from {file} into {folder}; {before}.",
                added,
                before=before,
                **into,
            )
        )
    else:
        print(
            n_(
                "Imported {n} new response from {file} into {folder}.",
                "Imported {n} new responses from {file} into {folder}.",
                added,
                **into,
            )
        )
    return EXIT_OK


def nps_cmd(
    ctx: typer.Context,
    venue: Annotated[
        str | None, typer.Option(help=_("Only this venue."), show_default=False)
    ] = None,
    by: Annotated[By, typer.Option(help=_("Period: week or month."))] = By.month,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("Output format."))
    ] = TextOrJson.text,
) -> int:
    """NPS per venue and period: promoters (9–10) less detractors (0–6), in %."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.feedback import load_feedback, nps, period_title
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry, touchpoints=False)
    check_known(registry, venue=venue)
    if venue is not None:  # one venue's guests: in that venue's language
        chosen = registry.config.venue(venue)
        state.speak((chosen.language if chosen else "") or registry.config.language)
    data = nps(load_feedback(registry.root), by.value, venue)
    if fmt is TextOrJson.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    out = console()
    if not data["venues"]:
        out.print(_("No guest feedback yet. Import an export with: tpkit feedback import FILE.csv"))
        return EXIT_OK
    for name, v in data["venues"].items():
        item = registry.config.venue(name)
        table = Table(
            title=Text(item.title_in(i18n.current()) if item else name, style="bold"),
            title_justify="left",
            header_style="bold",
        )
        table.add_column(_("Period"), justify="left")
        for col in (_("Responses"), _("Promoters"), _("Passives"), _("Detractors"), _("NPS")):
            table.add_column(col, justify="right")
        everything = {
            "period": _("All"),
            **{k: v[k] for k in ("responses", "promoters", "passives", "detractors", "nps")},
        }
        for p in [*v["periods"], everything]:
            table.add_row(
                period_title(p["period"]) if p is not everything else p["period"],
                i18n.number(p["responses"]),
                i18n.number(p["promoters"]),
                i18n.number(p["passives"]),
                i18n.number(p["detractors"]),
                _nps(p["nps"]),
            )
        out.print(table)
    return EXIT_OK


def _nps(value: float | None) -> str:
    """+24,7, −40,6 (the minus sign, as in the audit outputs and the printouts), 0,0."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "\N{MINUS SIGN}" if value < 0 else ""
    return sign + i18n.number(abs(value), 1)
