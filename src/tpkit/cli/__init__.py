"""The command line: parses options, calls one library function, prints. Errors become a
message and an exit code in one place (`main`); no traceback ever reaches the user."""

from __future__ import annotations

import datetime as dt
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

    def day(self) -> dt.date:
        return self.today or dt.date.today()


def _parse_today(value: str | None) -> dt.date | None:
    from tpkit.errors import UsageError

    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--today '{value}' is not a date",
            ["write it as YYYY-MM-DD, for example --today 2026-11-25"],
        ) from None
    if not 1900 <= day.year < 9000:  # dates are added to it; keep far from the calendar's end
        raise UsageError(
            f"--today '{value}' is not a date tpkit can work with",
            ["write a date between 1900 and 8999, for example 2026-11-25"],
        )
    return day


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `tpkit` command."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before anything heavy is imported
        print(VERSION_TEXT)
        return 0
    code = _run(args)
    if argv is None:
        sys.exit(code)
    return code


GLOBAL_OPTIONS = ("--registry", "-r", "--today")


def hoist_globals(args: list[str]) -> list[str]:
    """Accept the global options after the command too: `tpkit validate --today D`."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and ("=" in arg or i + 1 < len(args)):
            taken = 1 if "=" in arg else 2
            front += args[i : i + taken]
            i += taken
            continue
        rest.append(arg)
        i += 1
    return front + rest


def _run(args: list[str]) -> int:
    import typer

    from tpkit.cli.app import build_app
    from tpkit.errors import EXIT_INTERRUPTED, EXIT_USAGE, TpkitError

    command = typer.main.get_command(build_app())
    try:
        result = command.main(args=hoist_globals(args), prog_name="tpkit", standalone_mode=False)
    except TpkitError as exc:
        _print_error(exc.message, exc.details)
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # a bad option or argument
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"tpkit: error: {exc.format_message()}", file=sys.stderr)
        return EXIT_USAGE
    except (typer.Abort, KeyboardInterrupt):
        print("\nInterrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    return int(result) if isinstance(result, int) else 0


def _print_error(message: str, details: list[str]) -> None:
    from tpkit.terminal import clean

    print(f"tpkit: error: {clean(message)}", file=sys.stderr)
    for line in details:
        print(f"  {clean(line)}", file=sys.stderr)
