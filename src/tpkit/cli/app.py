"""The typer application: the global options and the command groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli import VERSION_TEXT, State, _parse_lang, _parse_today


def root(
    ctx: typer.Context,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            "-r",
            help="Folder with tpkit.yaml (default: found by walking up from the current folder).",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Treat this date as today (for reproducible runs).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="ru|en",
            help="Language of messages and printouts (default: the venue's, else the "
            "registry's; TPKIT_LANG, LC_ALL, LC_MESSAGES and LANG are read too).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            is_eager=True,  # before the command is looked for: `tpkit --today D --version`
            callback=_print_version,
        ),
    ] = False,
) -> None:
    ctx.obj = State(registry, _parse_today(today), _parse_lang(lang))


def _print_version(value: bool) -> None:
    if value:
        print(VERSION_TEXT)
        raise typer.Exit(0)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="tpkit",
        help="Service standards of restaurants and hotels, kept as YAML touchpoints in git: "
        "validate them against the four standards (current, accessible, brief, achievable), "
        "audit a visit and score it, put guest feedback (NPS) beside the scores, and print "
        "checklists, staff handouts and reports.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    app.callback()(root)

    from tpkit.cli import audit, browse, check, feedback, init, render

    check.register(app)
    browse.register(app)
    audit.register(app)
    feedback.register(app)
    render.register(app)
    init.register(app)
    return app
