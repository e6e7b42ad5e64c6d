"""The command line: parses options, calls one library function, prints. Errors become a
message and an exit code in one place (`main`); no traceback ever reaches the user."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from pathlib import Path

from tpkit import __version__
from tpkit.cli.common import VERSION_TEXT


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


GLOBAL_OPTIONS = ("--registry", "-r", "--today", "--lang")


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
    """The command's exit code. Whatever goes wrong becomes a message: a problem the user can
    fix is named with what to do (exit 2); anything else is an internal error, told in one
    line with the traceback written to a file (exit 3)."""
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        _interrupted()
        from tpkit.errors import EXIT_INTERRUPTED

        return EXIT_INTERRUPTED
    except Exception as exc:  # the one place nothing unexpected gets past
        return _internal_error(exc)


def _dispatch(args: list[str]) -> int:
    import typer

    from tpkit.errors import EXIT_INTERRUPTED, EXIT_USAGE, TpkitError

    _speak_early(hoist_globals(args))
    _help_in_current_language()
    # loaded here, not at the top: `tpkit --version` answers without typer and the commands
    from tpkit.cli.app import build_app, show_usage_error, translate_library_words

    command = typer.main.get_command(build_app())
    translate_library_words(command)
    try:
        result = command.main(args=hoist_globals(args), prog_name="tpkit", standalone_mode=False)
    except TpkitError as exc:
        _print_error(exc.message, exc.details)
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # a bad option or argument
        _suggest_choice(exc)
        show_usage_error(exc)
        return EXIT_USAGE
    except (typer.Abort, KeyboardInterrupt):
        _interrupted()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    return int(result) if isinstance(result, int) else 0


# The modules whose options carry help texts, in the order they import each other.
_HELP_MODULES = (
    "check", "browse", "audit", "feedback", "render", "init",
    "status", "export", "ack", "actions", "app",
)  # fmt: skip
_help_language = "en"  # the language the loaded ones were made in


def _help_in_current_language() -> None:
    """The help texts of options are made when their module is loaded (typer reads them from
    the functions' signatures), so a command in another language than the one before it in
    the same process (a program that calls main() more than once) loads those modules again."""
    global _help_language
    from tpkit import i18n

    now = i18n.current()
    if now == _help_language:
        return
    import importlib

    for name in _HELP_MODULES:
        module = sys.modules.get(f"tpkit.cli.{name}")
        if module is not None:
            importlib.reload(module)
    _help_language = now


def _speak_early(args: list[str]) -> None:
    """Choose the language before the options are read, so that help, usage errors and the
    messages printed before the registry is opened are in it: --lang, the environment, else
    the `language:` of the registry's tpkit.yaml (read as a line, not as YAML: it may be
    broken, and the full read comes later)."""
    from tpkit import i18n

    asked: str | None = None
    registry: str | None = None
    for i, arg in enumerate(args):
        name, eq, value = arg.partition("=")
        if name in ("--lang", "--registry", "-r"):
            given = value if eq else (args[i + 1] if i + 1 < len(args) else None)
            if name == "--lang":
                asked = i18n.from_locale_name(given)
            else:
                registry = given
        if arg == "--":
            break
    i18n.set_language(i18n.choose(asked, None if asked else _registry_language(registry)))


_LANGUAGE_LINE = re.compile(rb"^language:[ \t]*[\"']?([A-Za-z]{2})\b", re.MULTILINE)


def _registry_language(registry: str | None) -> str | None:
    from tpkit.config import find_root
    from tpkit.errors import TpkitError
    from tpkit.files import NotRegular, read_regular

    try:
        root = find_root(registry)
        data = read_regular(root / "tpkit.yaml", 256 * 1024)
    except (TpkitError, NotRegular, OSError, ValueError):
        return None
    found = _LANGUAGE_LINE.search(data)
    return found[1].decode().lower() if found else None


_NOT_ONE_OF = re.compile(
    r"^(?:Value error, )?'(?P<value>[^']*)' is not one of (?P<choices>.+?)\.?$"
)


def _suggest_choice(exc: Exception) -> None:
    """`--format jsn`: the allowed values, and the one that was probably meant."""
    message = getattr(exc, "message", None)
    found = _NOT_ONE_OF.match(message) if isinstance(message, str) else None
    if found is None:
        return
    import difflib

    value = found["value"]
    choices = re.findall(r"'([^']*)'", found["choices"])
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.5)
    from tpkit.i18n import _

    listed = ", ".join(choices)
    exc.message = (  # type: ignore[attr-defined]
        _(
            "'{value}' is not one of {choices}; did you mean '{close}'?",
            value=value,
            choices=listed,
            close=close[0],
        )
        if close
        else _("'{value}' is not one of {choices}.", value=value, choices=listed)
    )


def _interrupted() -> None:
    from tpkit.i18n import _

    print("\n" + _("Interrupted."), file=sys.stderr)


def _internal_error(exc: BaseException) -> int:
    """One line on the terminal; the traceback in a file under the user's cache folder."""
    import traceback

    from tpkit.errors import EXIT_INTERNAL
    from tpkit.i18n import _
    from tpkit.terminal import clean

    what = clean(" ".join(f"{type(exc).__name__}: {exc}".split()))
    if len(what) > 200:
        what = what[:199] + "…"
    details = "".join(traceback.format_exception(exc))
    written = _write_crash_report(
        f"tpkit {__version__}\npython {sys.version.split()[0]}\n"
        f"command: tpkit {' '.join(sys.argv[1:])}\n\n{details}"
    )
    where = (
        _("details written to {path}", path=clean(str(written)))
        if written is not None
        else _("the details could not be written to a file")
    )
    print(_("tpkit: internal error: {what}; {where}", what=what, where=where), file=sys.stderr)
    return EXIT_INTERNAL


def crash_dir() -> Path:
    """Where internal errors are written: $XDG_CACHE_HOME/tpkit/crashes, else
    ~/.cache/tpkit/crashes."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "tpkit" / "crashes"


def _write_crash_report(text: str) -> Path | None:
    import tempfile

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folders = [Path(tempfile.gettempdir()) / "tpkit-crashes"]
    with contextlib.suppress(OSError, RuntimeError, KeyError):  # no home folder to find
        folders.insert(0, crash_dir())
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.txt"
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
            return path
        except (OSError, RuntimeError):  # a read-only home, no home at all: the next place
            continue
    return None


def _print_error(message: str, details: list[str]) -> None:
    from tpkit.i18n import _
    from tpkit.terminal import clean

    print(_("tpkit: error: {message}", message=clean(message)), file=sys.stderr)
    for line in details:
        print(f"  {clean(line)}", file=sys.stderr)
