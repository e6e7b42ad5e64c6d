"""tpkit audit new, resume, form, score, trend."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpkit.cli.audit_prompt import interactive
from tpkit.cli.audit_prompt import names as titles_in
from tpkit.cli.common import State, TextOrJson, literal, parse_day, shown
from tpkit.cli.named import (
    print_problems,
    registry_start,
    scores_of_named,
    venue_language,
)
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from tpkit.i18n import _, n_

if TYPE_CHECKING:
    from tpkit.audit.files import Audit
    from tpkit.config import Registry


class Kind(StrEnum):
    mystery = "mystery"
    internal = "internal"
    pos = "pos"


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


def register(app: typer.Typer) -> None:
    audit = typer.Typer(help=_("Record a visit, score it, follow the trend."), no_args_is_help=True)
    audit.command(
        "new", help=_("Audit a visit interactively; the file is saved after every answer.")
    )(new_cmd)
    audit.command("resume", help=_("Continue an unfinished audit where it stopped."))(resume_cmd)
    audit.command(
        "form", help=_("A blank audit file to fill in by hand or from a paper checklist.")
    )(form_cmd)
    audit.command(
        "score",
        help=_(
            "Score audits: zones, expectation ladder, bottleneck, corrective actions with what "
            "was measured, the change since the last audit. An audit with no answers is not "
            "scored (exit 1); a photo that cannot be read is a warning."
        ),
    )(score_cmd)
    audit.command(
        "trend",
        help=_("Scores over time per venue and zone; audits with no answers are left out."),
    )(trend_cmd)
    app.add_typer(audit, name="audit")


def _registry(state: State, start: Path | None = None) -> Registry:
    from tpkit.registry import load_registry

    return load_registry(state.registry, start=registry_start(state, start))


def _parse_date(value: str | None, state: State) -> dt.date:
    """--date YYYY-MM-DD: the day of the visit (default: today, or --today)."""
    return state.day() if value is None else parse_day(value, "--date", "2026-11-20")


def _new_audit(
    state: State,
    venue: str,
    kind: Kind,
    auditor: str | None,
    zone: str | None,
    day: dt.date | None = None,
) -> tuple[Registry, Audit]:
    from tpkit.audit.files import Audit, snapshot
    from tpkit.cli.inputs import check_known

    registry = _registry(state)
    check_known(registry, venue=venue, zone=zone)
    state.speak(venue_language(registry, venue))
    checks = snapshot(registry, venue, zone)
    if not checks:
        if zone:
            message = _(
                "no checks apply to venue '{venue}' in zone '{zone}'", venue=venue, zone=zone
            )
        else:
            message = _("no checks apply to venue '{venue}'", venue=venue)
        raise UsageError(message)
    visit = day or state.day()
    return registry, Audit(venue, visit, kind.value, checks, {}, auditor, "in-progress")


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help=_("The day of the visit (default: today, or --today)."),
        show_default=False,
    ),
]


def new_cmd(
    ctx: typer.Context,
    venue: Annotated[str, typer.Option(help=_("The venue visited."))],
    kind: Annotated[
        Kind, typer.Option(help=_("mystery guest, internal check or point-of-sale audit."))
    ],
    auditor: Annotated[str | None, typer.Option(help=_("Who audits."), show_default=False)] = None,
    zone: Annotated[
        str | None, typer.Option(help=_("Only the checks of this zone."), show_default=False)
    ] = None,
    date: DateOption = None,
) -> int:
    """Audit a visit interactively; the file is saved after every answer."""
    from tpkit.audit.session import persist

    state: State = ctx.obj
    registry, audit = _new_audit(state, venue, kind, auditor, zone, _parse_date(date, state))
    path = _free_path(registry.root / "audits" / venue, f"{audit.date}-{kind.value}")
    audit.path = registry.relative(path) if path.is_relative_to(registry.root) else str(path)
    from tpkit.audit.files import locked

    with locked(path):
        persist(audit, path)  # a disk that refuses it gets a recovery copy and a message
        return interactive(registry, audit, path)


def _free_path(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yaml"
        n += 1
    return path


def resume_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=_("The audit file to continue."))],
) -> int:
    """Continue an unfinished audit where it stopped."""
    from tpkit.audit.files import load_audit, locked
    from tpkit.cli.inputs import refuse_touchpoints

    state: State = ctx.obj
    if not file.is_file():
        raise UsageError(_("{file}: no such audit file", file=file))
    registry = _registry(state, start=file.absolute().parent)
    refuse_touchpoints([file], registry)
    with locked(file):
        audit, problems = load_audit(file, str(file))
        if audit is None or problems:
            print_problems(problems)
            return EXIT_PROBLEMS
        state.speak(venue_language(registry, audit.venue))
        if not audit.unanswered() and audit.status == "complete":
            print(
                _(
                    "{file} is complete: every check is answered. Score it with: "
                    "tpkit audit score {file}",
                    file=shown(file),
                )
            )
            return EXIT_OK
        return interactive(registry, audit, file)


def form_cmd(
    ctx: typer.Context,
    venue: Annotated[str, typer.Option(help=_("The venue to audit."))],
    kind: Annotated[Kind, typer.Option(help=_("Kind of audit."))] = Kind.mystery,
    zone: Annotated[
        str | None, typer.Option(help=_("Only the checks of this zone."), show_default=False)
    ] = None,
    auditor: Annotated[str | None, typer.Option(help=_("Who audits."), show_default=False)] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help=_("Write to this file (default: print)."), show_default=False
        ),
    ] = None,
    date: DateOption = None,
) -> int:
    """A blank audit file to fill in by hand or from a paper checklist."""
    from tpkit.audit.files import dump, write_atomic

    state: State = ctx.obj
    _reg, audit = _new_audit(state, venue, kind, auditor, zone, _parse_date(date, state))
    audit.status = "complete"
    text = dump(audit)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if output.exists():
        raise UsageError(
            _("{file} already exists: tpkit never overwrites an audit", file=output),
            [_("choose another file name")],
        )
    write_atomic(output, text)
    print(
        _(
            "Wrote a blank audit of {checks} to {file}. Fill in each result, then: "
            "tpkit audit score {file}",
            checks=n_("{n} check", "{n} checks", len(audit.checks)),
            file=shown(output),
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def score_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help=_("Audit files to score."))],
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = ScoreFormat.text,
    actions: Annotated[
        bool,
        typer.Option(
            "--actions", help=_("Save the corrective actions: one file for each failed check.")
        ),
    ] = False,
) -> int:
    """Score audits: zones, ladder, bottleneck, corrective actions, change since the last."""
    from tpkit import i18n
    from tpkit.audit.views import score_panel, scores_json_parts, scores_markdown
    from tpkit.cli.output import console

    state: State = ctx.obj
    before = i18n.current()

    registry, rules, scores, problems, warnings = scores_of_named(state, files)
    if problems:
        print_problems(problems)
        print(
            n_(
                "Not scored: fix the problem above first.",
                "Not scored: fix the {n} problems above first.",
                len(problems),
            ),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print_problems(warnings)
    code = EXIT_PROBLEMS if any(s.failed or s.empty for s in scores) else EXIT_OK
    if actions:
        from tpkit.cli.actions import record_scores

        record_scores(registry, scores, state.day())
    if fmt is ScoreFormat.json:
        competitors = {v.id for v in registry.config.venues if v.competitor} if registry else set()
        _write(scores_json_parts(scores, competitors))
        return code
    out = console()
    for s in scores:
        lang = state.speak(venue_language(registry, s.venue))
        names = titles_in(registry, lang, rules)
        if fmt is ScoreFormat.md:
            print(scores_markdown([s], names))
        else:
            out.print(score_panel(s, names))
    i18n.set_language(before)
    return code


def _write(parts: Iterable[bytes]) -> None:
    """Pieces of UTF-8 text to the standard output as they come, and a newline."""
    out = sys.stdout
    out.flush()
    buffer = getattr(out, "buffer", None)
    for part in parts:
        if buffer is None:
            out.write(part.decode())
        else:
            buffer.write(part)
    if buffer is None:
        out.write("\n")
    else:
        buffer.write(b"\n")
        buffer.flush()


def trend_cmd(
    ctx: typer.Context,
    venue: Annotated[
        str | None, typer.Option(help=_("Only this venue."), show_default=False)
    ] = None,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help=_("Output format."))
    ] = TextOrJson.text,
) -> int:
    """Scores over time per venue and zone."""
    import json

    from tpkit.audit import load_audits, scoring_rules
    from tpkit.audit.competitors import compare_table, compared_json, pairs, rivals_of
    from tpkit.audit.views import trend_rows, trend_table
    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.feedback import load_feedback, nps_for, period_of
    from tpkit.registry import load_registry

    state: State = ctx.obj
    registry = load_registry(state.registry, touchpoints=False)
    check_known(registry, venue=venue)
    audits = load_audits(registry)
    if audits.problems:
        print_problems(audits.problems)
    rivals = rivals_of(registry.config)
    # a venue's trend brings the competitors compared with it
    shown_venues = {venue, *(c for c, own in rivals.items() if own == venue)}
    chosen = [a for a in audits.audits if venue is None or a.venue in shown_venues]
    responses = load_feedback(registry.root)

    def nps(venue_id: str, day: dt.date) -> float | None:
        return nps_for(responses, venue_id, period_of(day, "month"))

    rules = scoring_rules(registry)
    scores = audits.scored(rules, chosen)
    rows = trend_rows(scores, nps)
    empty = [s for s in scores if s.empty]
    if fmt is TextOrJson.json:
        compared = compared_json(rows, rivals, registry.config.zone_ids())
        print(json.dumps({"venues": rows, "compared": compared}, ensure_ascii=False, indent=2))
        return EXIT_OK
    out = console()
    # One output, one language: the venue's when the trend is of venues of one language, else
    # the registry's (--lang wins over both).
    languages = {venue_language(registry, name) for name in rows or ([venue] if venue else [])}
    lang = state.speak(languages.pop() if len(languages) == 1 else registry.config.language)
    names = titles_in(registry, lang, rules)
    if not rows:
        if venue:
            text = _("No scored audits yet for {venue}.", venue=literal(venue))
        else:
            text = _("No scored audits yet.")
        out.print(
            text + " " + _("Record one with 'tpkit audit new' or fill in 'tpkit audit form'.")
        )
    for n, (name, venue_rows) in enumerate(rows.items()):
        if n:
            out.print()
        item = registry.config.venue(name)
        title = item.title_in(lang) if item else name
        out.print(trend_table(title, venue_rows, registry.config.zone_ids(), names, out.width))
        for own, rival in pairs(rivals, [name]):
            table = compare_table(own, rival, rows, registry.config.zone_ids(), names)
            if table is not None:
                out.print()
                out.print(table)
    for s in empty:
        print(
            _("{file}: no answers, not scored and not in the trend", file=shown(s.path)),
            file=sys.stderr,
        )
    return EXIT_OK
