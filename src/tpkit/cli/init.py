"""tpkit init."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit import i18n
from tpkit.cli.common import State, shown
from tpkit.errors import EXIT_OK
from tpkit.i18n import _


class Language(StrEnum):
    ru = "ru"
    en = "en"


def register(app: typer.Typer) -> None:
    app.command(
        "init", help=_("Create a registry: tpkit.yaml, standards/ and a few example touchpoints.")
    )(init_cmd)


def init_cmd(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar=_("DIR"),
            help=_("Where to create the registry (default: here)."),
            show_default=False,
        ),
    ] = Path("."),
    language: Annotated[
        Language | None,
        typer.Option(
            "--language",
            "-l",
            help=_(
                "Language of the registry and its example touchpoints (default: the language "
                "of the messages)."
            ),
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            help=_("Registry name shown on printouts."),
            show_default=False,
        ),
    ] = None,
) -> int:
    """Create a registry: tpkit.yaml, standards/ and a few example touchpoints."""
    from tpkit.init import create

    state: State = ctx.obj
    if language is not None:
        # what was created is told in the language of the registry, unless a person asked
        # for another one (--lang, TPKIT_LANG, LC_ALL, LC_MESSAGES)
        state.speak(language.value)
    lang = language.value if language is not None else i18n.current()
    if name is None:
        with i18n.language(lang):
            name = _("Service standards")
    written = create(folder, lang, name, state.day())
    print(_("Created a registry in {path}:", path=shown(folder.resolve())))
    for path in written:
        print(f"  {shown(path)}")
    print(_("Next: edit the touchpoints, then run 'tpkit validate' inside the folder."))
    return EXIT_OK
