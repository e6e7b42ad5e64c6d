"""One rich console for the commands; plain text when not on a terminal. Whatever it prints,
a control character from a file or a file name (an escape sequence that would drive the
terminal) is shown as a visible escape (\\x1b), never sent raw."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from tpkit.cli.common import columns
from tpkit.terminal import clean


class SafeConsole(Console):
    """A console whose text segments never carry a control character: tables, panels and
    views built anywhere print file names and values as visible text."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                text = clean(segment.text)
                if text != segment.text:
                    segment = Segment(text, segment.style)
            yield segment


def console(stderr: bool = False) -> Console:
    width = columns()
    if width is None and not sys.stdout.isatty():
        width = 120
    plain = bool(os.environ.get("NO_COLOR"))  # no colours, and no other styling either
    return SafeConsole(
        stderr=stderr,
        width=width,
        highlight=False,
        soft_wrap=False,
        no_color=plain,
        color_system=None if plain else "auto",
    )
