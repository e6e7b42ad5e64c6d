"""tpkit validate, rules, schema."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tpkit import __version__
from tpkit.cli import State
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError


class Format(StrEnum):
    text = "text"
    json = "json"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class SchemaKind(StrEnum):
    touchpoint = "touchpoint"
    config = "config"
    audit = "audit"


def use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_cmd)
    app.command("rules")(rules_cmd)
    app.command("schema")(schema_cmd)


def validate_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Touchpoint files or folders to report on (default: the whole registry).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    fail_level: Annotated[
        Level,
        typer.Option("--fail-level", help="Exit 1 when a problem at or above this level is found."),
    ] = Level.error,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REF",
            help="Git revision to compare targets with (ACH003); default HEAD.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Check touchpoints against the schema and the four standards."""
    from tpkit.formats import Style, render
    from tpkit.registry import load_registry
    from tpkit.validate import validate

    state: State = ctx.obj
    for p in paths or ():
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder")
    start = None
    if paths and state.registry is None:
        first = paths[0].resolve()
        start = first if first.is_dir() else first.parent
    registry = load_registry(state.registry, start=start)
    report = validate(registry, state.day(), base=base, paths=paths)
    width = _width()
    print(
        render(
            fmt.value,
            report,
            Style(color=fmt is Format.text and use_color(), width=width, version=__version__),
        )
    )
    return EXIT_PROBLEMS if report.failed(fail_level.value) else EXIT_OK


def _width() -> int:
    try:
        return int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (ValueError, OSError):
        return 100


def rules_cmd(
    ctx: typer.Context,
    code: Annotated[
        str | None, typer.Argument(help="A rule code, such as ACC003.", show_default=False)
    ] = None,
) -> int:
    """The rule catalogue, or one rule explained with a bad and a good example."""
    from rich.table import Table

    from tpkit.cli.output import console
    from tpkit.rules import all_rules, get

    levels = _configured_levels(ctx.obj)
    out = console()
    if code:
        try:
            r = get(code)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
        level = levels.get(r.code, r.level)
        out.print(f"[bold]{r.code}[/bold]  {r.standard} · {level}", highlight=False)
        out.print(r.doc, markup=False, highlight=False)
        return EXIT_OK
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("Rule", "Standard", "Level", "Finds"):
        table.add_column(name, overflow="fold")
    for r in all_rules():
        table.add_row(r.code, r.standard, levels.get(r.code, r.level), r.summary)
    out.print(table)
    out.print("Run 'tpkit rules CODE' for a rule with a bad and a good example.", highlight=False)
    return EXIT_OK


def _configured_levels(state: State) -> dict[str, str]:
    """The registry's levels where a registry is at hand; the defaults elsewhere."""
    from tpkit.errors import RegistryError
    from tpkit.registry import Registry, find_root, load_config, load_standards
    from tpkit.validate import rule_settings

    try:
        root = find_root(state.registry)
        registry = Registry(root, load_config(root), load_standards(root))
        return {code: s.level for code, s in rule_settings(registry).items()}
    except RegistryError:
        return {}


def schema_cmd(
    kind: Annotated[SchemaKind, typer.Option("--kind", help="Which file.")] = SchemaKind.touchpoint,
) -> int:
    """The JSON Schema of a touchpoint file (or of tpkit.yaml, or of an audit), for editors."""
    from tpkit.schema import json_schema

    data: dict[str, Any] = json_schema(kind.value)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK
