"""tpkit export: the registry's touchpoints, checks, audits, results, corrective actions, staff
sign-offs and feedback as tables (CSV, Parquet or a DuckDB file) for Power BI, Metabase, DuckDB
or a warehouse. The global --today sets the day an action counts as overdue from."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli.common import State, shown
from tpkit.errors import EXIT_OK
from tpkit.i18n import _, n_


class DataFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    duckdb = "duckdb"


_TITLES = {DataFormat.csv: "CSV", DataFormat.parquet: "Parquet", DataFormat.duckdb: "DuckDB"}


def register(app: typer.Typer) -> None:
    app.command(
        "export",
        help=_(
            "Write the touchpoints, checks, audits, results, corrective actions, staff "
            "sign-offs and feedback as tables (CSV, Parquet or a DuckDB file) for other tools."
        ),
    )(export_cmd)


def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        DataFormat,
        typer.Option(
            "--format",
            "-f",
            help=_("csv (needs nothing more), parquet or duckdb (pip install 'tpkit[analytics]')."),
        ),
    ] = DataFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=_("DIR"),
            help=_("The folder to write the tables into (default: out/export in the registry)."),
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Say what was written as JSON."))
    ] = False,
) -> int:
    """Write the registry's data as tables for other tools."""
    from tpkit.cli.named import print_problems
    from tpkit.export import gather, tables
    from tpkit.export_write import write
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry)
    folder = output if output is not None else registry.root / "out" / "export"
    data = gather(registry, state.day())
    made = tables(data)
    written = write(fmt.value, made, folder, registry.root)
    left_out = sorted({p.path for p in data.problems})
    if data.problems:
        print_problems(data.problems)
    if as_json:
        columns = {t.name: t.columns for t in made}
        report = {
            "format": fmt.value,
            "folder": str(folder),
            "tables": [
                {
                    "table": w.table,
                    "file": str(w.path),
                    "rows": w.rows,
                    "columns": [{"name": n, "type": k} for n, k in columns[w.table]],
                }
                for w in written
            ],
            "left_out": left_out,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        n_(
            "Wrote {n} table ({format}) into {folder}:",
            "Wrote {n} tables ({format}) into {folder}:",
            len(written),
            format=_TITLES[fmt],
            folder=shown(folder),
        )
    )
    width = max(len(w.table) for w in written)
    for w in written:
        rows = n_("{n} row", "{n} rows", w.rows)
        print(f"  {w.table:<{width}}  {rows:>14}  {shown(w.path)}")
    if left_out:
        print(
            n_(
                "{n} file could not be read and is left out (see above): fix it, then export "
                "again.",
                "{n} files could not be read and are left out (see above): fix them, then "
                "export again.",
                len(left_out),
            ),
            file=sys.stderr,
        )
    return EXIT_OK
