"""One rich console for the commands; plain text when not on a terminal."""

from __future__ import annotations

import os
import sys

from rich.console import Console


def console(stderr: bool = False) -> Console:
    width = None
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    elif not sys.stdout.isatty():
        width = 120
    plain = bool(os.environ.get("NO_COLOR"))  # no colours, and no other styling either
    return Console(
        stderr=stderr,
        width=width,
        highlight=False,
        soft_wrap=False,
        no_color=plain,
        color_system=None if plain else "auto",
    )
