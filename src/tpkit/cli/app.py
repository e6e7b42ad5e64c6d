"""The typer application: the global options and the command groups, and the words of the
command-line library (Usage:, Options, Error: ...) in the language of the output."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from tpkit import i18n
from tpkit.cli.common import VERSION_TEXT, State, parse_lang, parse_today
from tpkit.i18n import N_, _, n_


def root(
    ctx: typer.Context,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            "-r",
            help=_(
                "Folder with tpkit.yaml (default: found by walking up from the current folder)."
            ),
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help=_("Treat this date as today (for reproducible runs)."),
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="ru|en",
            help=_(
                "Language of messages and printouts (default: the venue's, else the "
                "registry's; TPKIT_LANG, LC_ALL, LC_MESSAGES and LANG are read too)."
            ),
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help=_("Print the version and exit."),
            is_eager=True,  # before the command is looked for: `tpkit --today D --version`
            callback=_print_version,
        ),
    ] = False,
) -> None:
    ctx.obj = State(registry, parse_today(today), parse_lang(lang))


def _print_version(value: bool) -> None:
    if value:
        print(VERSION_TEXT)
        raise typer.Exit(0)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="tpkit",
        help=_(
            "Service standards of restaurants and hotels, kept as YAML touchpoints in git: "
            "validate them against the four standards (current, accessible, brief, achievable), "
            "audit a visit and score it, put guest feedback (NPS) beside the scores, and print "
            "checklists, staff handouts and reports."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    app.callback()(root)

    from tpkit.cli import ack, actions, audit, browse, check, export, feedback, init, render, status

    check.register(app)
    browse.register(app)
    audit.register(app)
    feedback.register(app)
    ack.register(app)
    render.register(app)
    status.register(app)
    actions.register(app)
    init.register(app)
    export.register(app)
    return app


# The library's own words -------------------------------------------------------------------
#
# typer carries its own copy of click, whose words ("Usage: ", "Error: ", "No such option")
# are written into the code, not looked up in a catalogue; the few typer looks up with the
# stdlib `gettext` ("Options", "Commands", "default: ...") go to the global domain, which can
# only be fed from compiled files chosen by the environment. Rather than patch either
# library, tpkit puts its words in at the two places click lets a program choose: every
# command's `context_class` gets a help formatter that writes the headings, the usage line and
# the notes of the option list in the output's language, and a usage error is printed here
# from its parts, its message read against the library's known messages below. A message the
# table does not know is printed as the library wrote it. In English every word is printed as
# the library writes it; the messages below are only the keys of their translations.

_USAGE = N_("Usage: ")
_HEADINGS = (N_("Options"), N_("Arguments"), N_("Commands"))
_HELP_OPTION = N_("Show this message and exit.")

# The kinds of value in the option list (<str>, <int range>): the label typer gives the type.
_KINDS = {
    "str": N_("text"),
    "int": N_("number"),
    "int range": N_("number"),
    "float": N_("number"),
    "float range": N_("number"),
    "path": N_("path"),
    "list[Path]": N_("paths"),
    "list[str]": N_("texts"),
    "file": N_("file"),
    "datetime": N_("date"),
}

# The notes typer adds after an option's help: [default: auto; required; x>=0]
_NOTES = (
    (re.compile(r"default: (?P<value>.*)", re.S), N_("default: {value}")),
    (re.compile(r"required"), N_("required")),
    (re.compile(r"env var: (?P<value>.*)", re.S), N_("env var: {value}")),
)

# The range of a number option, as typer writes it (x>=0, x<=9, 1<=x<=9), said in words.
_NUMBER = r"-?\d+(?:\.\d+)?"
_RANGES = (
    (re.compile(rf"x>=(?P<minimum>{_NUMBER})"), N_("at least {minimum}")),
    (re.compile(rf"x<=(?P<maximum>{_NUMBER})"), N_("at most {maximum}")),
    (
        re.compile(rf"(?P<minimum>{_NUMBER})<=x<=(?P<maximum>{_NUMBER})"),
        N_("from {minimum} to {maximum}"),
    ),
)


def _argument_name(name: str, many: bool) -> str | None:
    """What the usage line and the errors call an argument the command leaves unnamed (typer
    would show its parameter's name, `{files}...`): FILE... in English, ФАЙЛЫ... in Russian.
    `many`: the argument takes several values, which Russian names in the plural and English
    in the singular followed by '...'; hence one message with two forms."""
    count = 2 if many else 1
    if name in ("file", "files"):
        return n_("FILE", "FILE", count)
    if name in ("path", "paths"):
        return n_("PATH", "PATH", count)
    return None


# The messages of a usage error, as the library writes them; {message} is read again.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), message)
    for pattern, message in (
        (
            r"Invalid value for (?P<hint>.+?): (?P<message>.*)",
            N_("Invalid value for {hint}: {message}"),
        ),
        (r"Invalid value: (?P<message>.*)", N_("Invalid value: {message}")),
        (
            r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)",
            N_("No such option: {name} (possible options: {options})"),
        ),
        (r"No such option: (?P<name>.*)", N_("No such option: {name}")),
        (
            r"No such command (?P<name>'.*')\. Did you mean (?P<close>.*)\?",
            N_("No such command {name}; did you mean {close}?"),
        ),
        (r"No such command (?P<name>.*)\.", N_("No such command {name}.")),
        (r"Missing command\.", N_("Missing command.")),
        (r"Missing argument (?P<name>.*?)\.", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>.*?)\.", N_("Missing option {name}.")),
        (r"Missing parameter:? (?P<name>.*?)\.?", N_("Missing parameter {name}.")),
        (
            r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)",
            N_("Got unexpected extra arguments ({args})"),
        ),
        (r"Option (?P<name>'.*') requires an argument\.", N_("Option {name} needs a value.")),
        (
            r"Option (?P<name>'.*') requires (?P<count>\d+) arguments\.",
            N_("Option {name} needs {count} values."),
        ),
        (
            r"Option (?P<name>'.*') does not take a value\.",
            N_("Option {name} does not take a value."),
        ),
        (r"Input should be a valid integer.*", N_("write a whole number")),
        (r"Input should be a valid number.*", N_("write a number")),
        (
            r"Input should be greater than or equal to (?P<limit>\S+)",
            N_("write a number of at least {limit}"),
        ),
        (
            r"Input should be less than or equal to (?P<limit>\S+)",
            N_("write a number of at most {limit}"),
        ),
        (r"Input should be greater than (?P<limit>\S+)", N_("write a number above {limit}")),
        (r"Input should be less than (?P<limit>\S+)", N_("write a number below {limit}")),
    )
)


def library_message(text: str) -> str:
    """A message of typer or click in the language of the output (as written when the table
    does not know it, and in English)."""
    if i18n.current() == i18n.SOURCE:
        return text
    text = text.removeprefix("Value error, ")  # how pydantic starts a message of a type
    for pattern, message in _MESSAGES:
        found = pattern.fullmatch(text)
        if found is not None:
            values = found.groupdict(default="")
            if "message" in values:
                values["message"] = library_message(values["message"])
            return _(message, **values)
    return text


def _notes(text: str) -> str:
    """'Only this zone.  [default: auto; required]' with the notes in the output's language."""
    found = re.fullmatch(r"(?P<help>.*)\[(?P<notes>[^\[\]]*)\]", text, re.S)
    if found is None or i18n.current() == i18n.SOURCE:
        return text
    notes = []
    for note in found["notes"].split("; "):
        for pattern, message in _NOTES:
            hit = pattern.fullmatch(note)
            if hit is not None:
                note = _(message, **hit.groupdict())
                break
        for pattern, message in _RANGES:
            hit = pattern.fullmatch(note)
            if hit is not None:
                limits = {k: i18n.number(float(v)) for k, v in hit.groupdict().items()}
                note = _(message, **limits)
                break
        notes.append(note)
    return f"{found['help']}[{'; '.join(notes)}]"


def _term(text: str) -> str:
    """'--within <str>' with the kind of value in the output's language; choices stay."""
    if i18n.current() == i18n.SOURCE:
        return text
    return re.sub(
        r"<([^<>|]+)>", lambda m: f"<{_(_KINDS[m[1]])}>" if m[1] in _KINDS else m[0], text
    )


class _SpeakingFormatter:
    """Mixed into the library's help formatter: its own words in the output's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        parent = cast(Any, super())
        parent.write_usage(prog, args, _(_USAGE) if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        parent = cast(Any, super())
        with parent.section(_(name) if name in _HEADINGS else name):
            yield

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        parent = cast(Any, super())
        shown = [
            (_term(term), _(_HELP_OPTION) if text == _HELP_OPTION else _notes(text))
            for term, text in rows
        ]
        parent.write_dl(shown, *args, **kwargs)


def translate_library_words(command: Any) -> None:
    """Every command of the tree prints the library's words in the language of the output:
    its help through a formatter that translates them, its usage line with [OPTIONS] and
    COMMAND [ARGS]... translated (click's `context_class`, `options_metavar` and
    `subcommand_metavar` are there for a program to set), and its unnamed arguments named in
    that language (a parameter's `metavar`), in its usage line, help and errors alike."""
    base = command.context_class
    formatter = type("SpeakingFormatter", (_SpeakingFormatter, base.formatter_class), {})
    context = type("SpeakingContext", (base,), {"formatter_class": formatter})
    todo = [command]
    while todo:
        cmd = todo.pop()
        if cmd.context_class is base:
            cmd.context_class = context
        if getattr(cmd, "options_metavar", None) == "[OPTIONS]":
            cmd.options_metavar = _("[OPTIONS]")
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            cmd.subcommand_metavar = _("COMMAND [ARGS]...")
        for param in getattr(cmd, "params", ()):
            if param.param_type_name == "argument" and param.metavar is None:
                name = param.name or ""
                # a name not in the table: upper-cased at least, as the library's convention
                param.metavar = _argument_name(name, param.nargs != 1) or name.upper()
        todo.extend(getattr(cmd, "commands", {}).values())


def show_usage_error(exc: Exception) -> None:
    """A bad option or argument, as click shows it (usage line, where help is, the error),
    in the language of the output."""
    show = getattr(exc, "show", None)
    ctx = getattr(exc, "ctx", None)
    message = getattr(exc, "format_message", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and callable(show):
        show()  # the help itself, already in the output's language
        return
    text = library_message(message() if callable(message) else str(exc))
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _(
                    "Try '{command} {option}' for help.",
                    command=ctx.command_path,
                    option=ctx.help_option_names[0],
                )
            )
        print("\n".join(lines) + "\n", file=sys.stderr)
    print(_("Error: {message}", message=text), file=sys.stderr)
