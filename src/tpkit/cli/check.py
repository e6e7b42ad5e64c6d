"""tpkit validate, rules, schema."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tpkit import __version__
from tpkit.cli.common import State, columns, use_color
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from tpkit.i18n import N_, _, n_

if TYPE_CHECKING:
    from tpkit.rules import Param, Rule


class Format(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class RulesFormat(StrEnum):
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
    standard = "standard"
    scoring = "scoring"
    lexicon = "lexicon"
    labels = "labels"


def register(app: typer.Typer) -> None:
    app.command("validate", help=_("Check touchpoints against the schema and the four standards."))(
        validate_cmd
    )
    app.command(
        "rules", help=_("The rule catalogue, or one rule explained with a bad and a good example.")
    )(rules_cmd)
    app.command(
        "schema",
        help=_(
            "The JSON Schema of a touchpoint file (or of tpkit.yaml, an audit, a standards file, "
            "scoring.yaml, a word list or a labels file), for editors."
        ),
    )(schema_cmd)


def validate_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=_("Touchpoint files or folders to report on (default: the whole registry)."),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "Output format: text; json; github (annotations in GitHub Actions); sarif "
                "(GitHub code scanning); junit (test reports of CI servers); auto: github inside "
                "GitHub Actions, text elsewhere."
            ),
        ),
    ] = Format.auto,
    fail_level: Annotated[
        Level,
        typer.Option(
            "--fail-level", help=_("Exit 1 when a problem at or above this level is found.")
        ),
    ] = Level.error,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=_(
                "Show only the problems at or above --fail-level; print nothing when there "
                "are none."
            ),
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar=_("REF"),
            help=_("Git revision to compare targets with (ACH003); default HEAD."),
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help=_("Worker processes for many files; 0: one per core."),
            show_default=False,
        ),
    ] = 0,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=_(
                "Check every file again instead of reusing the "
                "results in .tpkit_cache/ for files that did not change."
            ),
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help=_(
                "Make the safe substitutions in the files (plain words in the form the "
                "sentence needs), keeping comments and layout; then report what is left."
            ),
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help=_(
                "Print the safe substitutions as a unified diff and change nothing; exit 1 "
                "when there are any."
            ),
        ),
    ] = False,
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar=n_("FILE", "FILE", 1),
            help=_(
                "Count only the findings that are not in FILE; when FILE does not exist, "
                "record today's findings in it first."
            ),
            show_default=False,
        ),
    ] = None,
    baseline_update: Annotated[
        bool,
        typer.Option(
            "--baseline-update",
            help=_("Rewrite the --baseline FILE without the entries of findings that are gone."),
        ),
    ] = False,
) -> int:
    """Check touchpoints against the schema and the four standards."""
    from tpkit.audit import audit_files
    from tpkit.cli.inputs import explain_paths
    from tpkit.formats import Style, render, resolve
    from tpkit.registry import load_registry
    from tpkit.services import validate

    state: State = ctx.obj
    if baseline_update and baseline_file is None:
        raise UsageError(_("--baseline-update needs --baseline FILE"))
    for p in paths or ():
        if not p.exists():
            raise UsageError(_("{path}: no such file or folder", path=p))
    start = None
    if paths and state.registry is None:
        first = paths[0].resolve()
        start = first if first.is_dir() else first.parent
        if not _in_a_registry(start):  # a file kept elsewhere: the current folder's registry
            start = None
    registry = load_registry(state.registry, start=start, jobs=jobs, cache=not no_cache)
    if paths:  # each path holds a file tpkit checks, or says why not (exit 2)
        checked = [*registry.files, *(registry.relative(a) for a in audit_files(registry.root))]
        explain_paths(registry, paths, checked)
    report = validate(registry, state.day(), base=base, paths=paths)
    if fix or diff:
        from tpkit import fix as fixing

        plans = fixing.plan(registry.root, report.problems)
        if diff:
            text = "".join(f.diff() for f in plans if f.applied)
            if text:
                sys.stdout.write(text)
            return EXIT_PROBLEMS if text else EXIT_OK
        fixing.write(registry.root, plans)
        made = sum(len(f.applied) for f in plans)
        files = sum(1 for f in plans if f.applied)
        if made:
            in_files = n_("in {n} file", "in {n} files", files)
            print(
                n_(
                    "Fixed {n} finding {in_files}.",
                    "Fixed {n} findings {in_files}.",
                    made,
                    in_files=in_files,
                ),
                file=sys.stderr,
            )
            registry = load_registry(state.registry, start=start, jobs=jobs, cache=not no_cache)
            report = validate(registry, state.day(), base=base, paths=paths)
    if baseline_file is not None:
        from tpkit.baseline import against
        from tpkit.settings import rule_settings

        report, notes = against(
            report,
            baseline_file,
            update=baseline_update,
            scoped=bool(paths),
            level=rule_settings(registry)["WVR006"].level,
            again=lambda: validate(
                load_registry(state.registry, start=start, jobs=jobs, cache=not no_cache),
                state.day(),
                base=base,
                paths=paths,
            ),
        )
        if not quiet:
            for note in notes:
                print(note, file=sys.stderr)
    code = EXIT_PROBLEMS if report.failed(fail_level.value) else EXIT_OK
    name = resolve(fmt.value)
    if quiet:
        report = dataclasses.replace(report, problems=report.at_or_above(fail_level.value))
        if not report.problems and name in ("text", "github"):
            return code  # quiet and clean: nothing to say (files for other tools still print)
    style = Style(
        color=name == "text" and use_color(),
        width=_width(),
        version=__version__,
        fail_level=fail_level.value,
    )
    print(render(name, report, style))
    return code


def _width() -> int:
    try:
        return columns() or os.get_terminal_size().columns
    except OSError:
        return 100


def rules_cmd(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(
            metavar=_("CODE"), help=_("A rule code, such as ACC003."), show_default=False
        ),
    ] = None,
    fmt: Annotated[
        RulesFormat,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "text, or json: every rule with its level, summary, documentation and settings."
            ),
        ),
    ] = RulesFormat.text,
) -> int:
    """The rule catalogue, or one rule explained with a bad and a good example."""
    from rich.table import Table

    from tpkit.cli.output import console
    from tpkit.rules import all_rules, get

    settings, standards = _configured(ctx.obj)
    levels = {code: x.level for code, x in settings.items()}
    try:
        chosen = [get(code)] if code else all_rules()
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    if fmt is RulesFormat.json:
        entries = [_rule_entry(r, settings, standards) for r in chosen]
        data: Any = entries[0] if code else entries
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    out = console()
    if code:
        r = chosen[0]
        level = levels.get(r.code, r.level)
        out.print(f"[bold]{r.code}[/bold]  {r.standard_title} · {_level(level)}", highlight=False)
        out.print(r.doc, markup=False, highlight=False)
        if r.params:
            here = settings[r.code].params if r.code in settings else {}
            out.print(
                "\n"
                + _(
                    "Settings, in standards/{standard}.yaml under rules: {code}:",
                    standard=r.standard,
                    code=r.code,
                ),
                markup=False,
                highlight=False,
            )
            for line in _setting_lines(r, here):
                out.print(line, markup=False, highlight=False)
        return EXIT_OK
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in (_("Rule"), _("Standard"), _("Level"), _("Finds")):
        table.add_column(name, overflow="fold")
    for r in all_rules():
        table.add_row(r.code, r.standard_title, _level(levels.get(r.code, r.level)), r.summary)
    out.print(table)
    out.print(
        _("Run 'tpkit rules CODE' for a rule with a bad and a good example."), highlight=False
    )
    return EXIT_OK


def _setting_lines(r: Rule, here: dict[str, Any]) -> list[str]:
    """Each setting of a rule: its name and meaning, its kind, its default and the value the
    registry sets."""
    lines = []
    for name, p in r.params.items():
        value = here.get(name, p.default)
        shown = p.written(value)
        same = shown == p.written(_full(p, p.default))
        lines.append(f"  {name}: {p.doc}" if p.doc else f"  {name}")
        lines.append("      " + _("kind: {meaning}", meaning=p.meaning))
        lines.append("      " + _("default: {value}", value=p.written(p.default)))
        lines.append(
            "      "
            + (
                _("set to: {value} (the default)", value=shown)
                if same
                else _("set to: {value}", value=shown)
            )
        )
    return lines


_LEVELS = {
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
    "off": N_("off"),
}


def _level(level: str) -> str:
    """A rule's level as a person reads it (error, warning, info in the output's language)."""
    return _(_LEVELS[level]) if level in _LEVELS else level


def _full(p: Param, value: Any) -> Any:
    """A per-language default as the settings hold it: one value for each language."""
    from tpkit.model import LANGUAGES

    if p.per_lang and not isinstance(value, dict):
        return dict.fromkeys(LANGUAGES, value)
    return value


def _configured(state: State) -> tuple[dict[str, Any], dict[str, Any]]:
    """The registry's rule settings and standards files where a registry is at hand; the
    defaults and the built-in standards elsewhere. A bad setting stops here (exit 2)."""
    from tpkit.config import builtin_dir, find_root, load_standards
    from tpkit.errors import RegistryError
    from tpkit.settings import settings_of

    try:
        root = find_root(state.registry)
    except RegistryError:
        # a folder without a registry: the built-in files alone
        standards = load_standards(builtin_dir("init"))
        return settings_of(standards), standards
    standards = load_standards(root)
    return settings_of(standards), standards


def _rule_entry(r: Rule, settings: dict[str, Any], standards: dict[str, Any]) -> dict[str, Any]:
    """One rule for `tpkit rules --format json`: `params` as written in standards/*.yaml,
    `settings` each with its kind, default, the value in force and its meaning."""

    conf = ((standards.get(r.standard) or {}).get("rules") or {}).get(r.code) or {}
    here = settings[r.code].params if r.code in settings else {}
    return {
        "code": r.code,
        "standard": r.standard,
        "level": settings[r.code].level if r.code in settings else r.level,
        "summary": r.summary,
        "doc": r.doc,
        "params": {name: conf.get(name, p.default) for name, p in r.params.items()},
        "settings": {
            name: {
                "kind": p.kind,
                "per_lang": p.per_lang,
                "default": p.default,
                "value": here.get(name, p.default),
                "doc": p.doc,
            }
            for name, p in r.params.items()
        },
    }


def schema_cmd(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", help=_("Which file."))
    ] = SchemaKind.touchpoint,
) -> int:
    """The JSON Schema of a touchpoint file (or of tpkit.yaml, an audit, a standards file,
    scoring.yaml, a word list or a labels file), for editors."""
    from tpkit.shapes import json_schema

    data: dict[str, Any] = json_schema(kind.value)
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK


def _in_a_registry(folder: Path) -> bool:
    from tpkit.config import find_root
    from tpkit.errors import TpkitError

    try:
        find_root(None, folder)
    except TpkitError:
        return False
    return True
