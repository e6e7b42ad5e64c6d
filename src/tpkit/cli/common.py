"""What the command modules share: the options' state, the version line, the parsing of
global options and dates, and how a value is shown in plain text or inside markup. The command
line's entry point (tpkit.cli) loads the commands only when one is run."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tpkit import __version__

VERSION_TEXT = f"tpkit {__version__}"


class TextOrJson(StrEnum):
    """--format of the commands that print a table or the same as JSON."""

    text = "text"
    json = "json"


@dataclass
class State:
    registry: Path | None = None
    today: dt.date | None = None
    lang: str | None = None  # --lang: the language asked for on the command line

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def speak(self, content: str | None) -> str:
        """Print in the language of `content` (a venue's or a touchpoint's language) unless
        another was asked for; returns the language now spoken."""
        from tpkit import i18n

        return i18n.set_language(i18n.choose(self.lang, content))


def parse_lang(value: str | None) -> str | None:
    from tpkit import i18n
    from tpkit.errors import UsageError

    if value is None:
        return None
    lang = i18n.from_locale_name(value)
    if lang is None:
        raise UsageError(
            i18n._("--lang '{value}' is not a language tpkit speaks", value=value),
            [i18n._("write --lang ru or --lang en")],
        )
    return lang


def parse_today(value: str | None) -> dt.date | None:
    return None if value is None else parse_day(value, "--today", "2026-11-25")


def parse_day(value: str, option: str, example: str) -> dt.date:
    """The date given to an option (--today, --date) as YYYY-MM-DD, in the years tpkit can
    count with (dates are added to it; they keep far from the calendar's end)."""
    from tpkit.errors import UsageError
    from tpkit.i18n import _

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            _("{option} '{value}' is not a date", option=option, value=value),
            [
                _(
                    "write it as YYYY-MM-DD, for example {option} {example}",
                    option=option,
                    example=example,
                )
            ],
        ) from None
    if not 1900 <= day.year < 9000:
        raise UsageError(
            _("{option} '{value}' is not a date tpkit can work with", option=option, value=value),
            [_("write a date between 1900 and 8999, for example {example}", example=example)],
        )
    return day


def shown(value: object) -> str:
    """A path or a value for plain print(): control characters made visible."""
    from tpkit.terminal import clean

    return clean(str(value))


def literal(value: object) -> str:
    """A path or a value inside a console.print() string: printed as written, never read as
    markup ('a[/b]' is a folder name, not the end of a style), control characters visible."""
    from rich.markup import escape

    return escape(shown(value))


def use_color() -> bool:
    """Colours on a terminal; NO_COLOR switches them off, FORCE_COLOR on (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def columns() -> int | None:
    """The width COLUMNS asks for, if it gives one."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None
