"""tpkit init."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli import State, shown
from tpkit.errors import EXIT_OK


class Language(StrEnum):
    ru = "ru"
    en = "en"


def register(app: typer.Typer) -> None:
    app.command("init")(init_cmd)


def init_cmd(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Where to create the registry (default: here).")
    ] = Path("."),
    language: Annotated[
        Language, typer.Option("--language", "-l", help="Language of the example touchpoints.")
    ] = Language.ru,
    name: Annotated[
        str, typer.Option(help="Registry name shown on printouts.")
    ] = "Service standards",
) -> int:
    """Create a registry: tpkit.yaml, standards/ and a few example touchpoints."""
    from tpkit.init import create

    state: State = ctx.obj
    written = create(folder, language.value, name, state.day())
    print(f"Created a registry in {shown(folder.resolve())}:")
    for path in written:
        print(f"  {shown(path)}")
    print("Next: edit the touchpoints, then run 'tpkit validate' inside the folder.")
    return EXIT_OK
