"""tpkit feedback import, nps."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli import State, TextOrJson, shown
from tpkit.errors import EXIT_OK, UsageError


class By(StrEnum):
    week = "week"
    month = "month"


def register(app: typer.Typer) -> None:
    feedback = typer.Typer(help="Guest feedback (NPS): control by result.", no_args_is_help=True)
    feedback.command("import")(import_cmd)
    feedback.command("nps")(nps_cmd)
    app.add_typer(feedback, name="feedback")


def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            help="CSV with the columns date,venue,score and optional comment,touchpoint.",
        ),
    ],
) -> int:
    """Import guest feedback; a file with a bad row is not imported at all."""
    from tpkit.feedback import import_csv
    from tpkit.registry import load_registry

    state: State = ctx.obj
    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    registry = load_registry(state.registry)
    added, known = import_csv(file, registry)
    print(
        f"Imported {added} new response{'s' if added != 1 else ''} from {shown(file)} into "
        f"{shown(registry.root / 'feedback')}"
        + (f"; {known} were imported before and were left as they are" if known else "")
        + "."
    )
    return EXIT_OK


def nps_cmd(
    ctx: typer.Context,
    venue: Annotated[str | None, typer.Option(help="Only this venue.", show_default=False)] = None,
    by: Annotated[By, typer.Option(help="Period: week or month.")] = By.month,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.text,
) -> int:
    """NPS per venue and period: promoters (9–10) less detractors (0–6), in %."""
    from rich.table import Table
    from rich.text import Text

    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.feedback import load_feedback, nps
    from tpkit.registry import open_registry

    state: State = ctx.obj
    registry = open_registry(state.registry)
    check_known(registry, venue=venue)
    data = nps(load_feedback(registry.root), by.value, venue)
    if fmt is TextOrJson.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    out = console()
    if not data["venues"]:
        out.print("No guest feedback yet. Import an export with: tpkit feedback import FILE.csv")
        return EXIT_OK
    for name, v in data["venues"].items():
        item = registry.config.venue(name)
        table = Table(
            title=Text(item.title if item else name, style="bold"),
            title_justify="left",
            header_style="bold",
        )
        for col in ("Period", "Responses", "Promoters", "Passives", "Detractors", "NPS"):
            table.add_column(col, justify="left" if col == "Period" else "right")
        for p in [
            *v["periods"],
            {
                "period": "All",
                **{k: v[k] for k in ("responses", "promoters", "passives", "detractors", "nps")},
            },
        ]:
            table.add_row(
                p["period"],
                str(p["responses"]),
                str(p["promoters"]),
                str(p["passives"]),
                str(p["detractors"]),
                _nps(p["nps"]),
            )
        out.print(table)
    return EXIT_OK


def _nps(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"
