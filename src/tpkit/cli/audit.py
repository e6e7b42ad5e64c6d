"""tpkit audit new, resume, form, score, trend."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpkit.cli import State, TextOrJson, literal, shown
from tpkit.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, UsageError

if TYPE_CHECKING:
    from tpkit.audit import AuditSet
    from tpkit.audit.files import Audit
    from tpkit.model import Problem
    from tpkit.registry import Registry


class Kind(StrEnum):
    mystery = "mystery"
    internal = "internal"
    pos = "pos"


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


def register(app: typer.Typer) -> None:
    audit = typer.Typer(help="Record a visit, score it, follow the trend.", no_args_is_help=True)
    audit.command("new")(new_cmd)
    audit.command("resume")(resume_cmd)
    audit.command("form")(form_cmd)
    audit.command("score")(score_cmd)
    audit.command("trend")(trend_cmd)
    app.add_typer(audit, name="audit")


def _registry(state: State, start: Path | None = None) -> Registry:
    from tpkit.registry import load_registry

    return load_registry(state.registry, start=start)


def _zone_titles(registry: Registry, lang: str | None = None) -> dict[str, str]:
    return {z.id: z.title_in(lang or registry.config.language) for z in registry.config.zones}


def _new_audit(
    state: State, venue: str, kind: Kind, auditor: str | None, zone: str | None
) -> tuple[Registry, Audit]:
    from tpkit.audit.files import Audit, snapshot
    from tpkit.cli.inputs import check_known

    registry = _registry(state)
    check_known(registry, venue=venue, zone=zone)
    checks = snapshot(registry, venue, zone)
    if not checks:
        raise UsageError(
            f"no checks apply to venue '{venue}'" + (f" in zone '{zone}'" if zone else "")
        )
    return registry, Audit(venue, state.day(), kind.value, checks, {}, auditor, "in-progress")


def new_cmd(
    ctx: typer.Context,
    venue: Annotated[str, typer.Option(help="The venue visited.")],
    kind: Annotated[
        Kind, typer.Option(help="mystery guest, internal check or point-of-sale audit.")
    ],
    auditor: Annotated[str | None, typer.Option(help="Who audits.", show_default=False)] = None,
    zone: Annotated[
        str | None, typer.Option(help="Only the checks of this zone.", show_default=False)
    ] = None,
) -> int:
    """Audit a visit interactively; the file is saved after every answer."""
    from tpkit.audit.session import persist

    state: State = ctx.obj
    registry, audit = _new_audit(state, venue, kind, auditor, zone)
    path = _free_path(registry.root / "audits" / venue, f"{audit.date}-{kind.value}")
    audit.path = registry.relative(path) if path.is_relative_to(registry.root) else str(path)
    from tpkit.audit.files import locked

    with locked(path):
        persist(audit, path)  # a disk that refuses it gets a recovery copy and a message
        return _interactive(registry, audit, path)


def _free_path(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yaml"
        n += 1
    return path


def resume_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The audit file to continue.")],
) -> int:
    """Continue an unfinished audit where it stopped."""
    from tpkit.audit.files import load_audit, locked
    from tpkit.cli.inputs import refuse_touchpoints

    state: State = ctx.obj
    if not file.is_file():
        raise UsageError(f"{file}: no such audit file")
    registry = _registry(state, start=file.absolute().parent)
    refuse_touchpoints([file], registry)
    with locked(file):
        audit, problems = load_audit(file, str(file))
        if audit is None or problems:
            _print_problems(problems)
            return EXIT_PROBLEMS
        if not audit.unanswered() and audit.status == "complete":
            print(
                f"{shown(file)} is complete: every check is answered. Score it with: "
                f"tpkit audit score {shown(file)}"
            )
            return EXIT_OK
        return _interactive(registry, audit, file)


def _interactive(registry: Registry, audit: Audit, path: Path) -> int:
    from tpkit.audit import scoring_rules
    from tpkit.audit.scoring import score_audit
    from tpkit.audit.session import Session
    from tpkit.audit.views import score_panel
    from tpkit.cli.output import console

    out = console()
    venue = registry.config.venue(audit.venue)
    lang = venue.language if venue is not None and venue.language else registry.config.language

    def ask(prompt: str) -> str:
        return out.input(prompt)

    session = Session(audit, path, out, ask, _zone_titles(registry, lang))
    answered = len(audit.checks) - len(audit.unanswered())
    out.print(
        f"Auditing {literal(audit.venue)} ({literal(audit.kind)}), {len(audit.checks)} checks, "
        f"{answered} answered. Saved after every answer to {literal(path)}. Type ? for help."
    )
    try:
        finished = session.run()
    except (KeyboardInterrupt, EOFError):
        done = len(audit.checks) - len(audit.unanswered())
        print(
            f"\nStopped. {done} of {len(audit.checks)} answers are saved in {shown(path)}.\n"
            f"Continue with: tpkit audit resume {shown(path)}",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not finished:
        done = len(audit.checks) - len(audit.unanswered())
        out.print(
            f"Saved {done} of {len(audit.checks)} answers in {literal(path)}. Continue with: "
            f"tpkit audit resume {literal(path)}"
        )
        return EXIT_OK
    score = score_audit(audit, scoring_rules(registry))
    out.print(score_panel(score, _zone_titles(registry, lang)))
    return EXIT_PROBLEMS if score.failed else EXIT_OK


def form_cmd(
    ctx: typer.Context,
    venue: Annotated[str, typer.Option(help="The venue to audit.")],
    kind: Annotated[Kind, typer.Option(help="Kind of audit.")] = Kind.mystery,
    zone: Annotated[
        str | None, typer.Option(help="Only the checks of this zone.", show_default=False)
    ] = None,
    auditor: Annotated[str | None, typer.Option(help="Who audits.", show_default=False)] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write to this file (default: print).", show_default=False
        ),
    ] = None,
) -> int:
    """A blank audit file to fill in by hand or from a paper checklist."""
    from tpkit.audit.files import dump, write_atomic

    state: State = ctx.obj
    _, audit = _new_audit(state, venue, kind, auditor, zone)
    audit.status = "complete"
    text = dump(audit)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if output.exists():
        raise UsageError(
            f"{output} already exists: tpkit never overwrites an audit",
            ["choose another file name"],
        )
    write_atomic(output, text)
    print(
        f"Wrote a blank audit of {len(audit.checks)} checks to {shown(output)}. Fill in each "
        f"result, then: tpkit audit score {shown(output)}",
        file=sys.stderr,
    )
    return EXIT_OK


def _print_problems(problems: list[Problem]) -> None:
    from tpkit.formats.text import plain, problem_lines

    for p in problems:
        for line in problem_lines(p, plain):
            print(line, file=sys.stderr)


def _load_for_scoring(
    state: State, files: list[Path]
) -> tuple[Registry | None, AuditSet, list[Audit], list[Problem]]:
    """The registry's settings, the named audits, and the registry's other audits of the same
    venues (for the change since the last visit); each file is read once. Bad files stop."""
    from tpkit.audit import AuditSet, audit_files
    from tpkit.audit.files import load_audit
    from tpkit.batch import load_audits_fast
    from tpkit.cli.inputs import refuse_touchpoints
    from tpkit.errors import RegistryError
    from tpkit.registry import open_registry
    from tpkit.terminal import clean  # a file name is shown as text, and measured as shown

    try:
        registry = open_registry(
            state.registry, start=files[0].absolute().parent if files else None
        )
    except RegistryError:
        if state.registry is not None:
            raise
        registry = None
    audits: list[Audit] = []
    problems: list[Problem] = []
    named = set()
    for file in files:
        if file.is_dir() or not os.path.lexists(file):  # a broken link is read, and reported
            raise UsageError(f"{file}: no such audit file")
        named.add(file.absolute())
    refuse_touchpoints(files, registry)  # one line, not the findings of a file that is no audit
    named_as = [(f, clean(registry.relative(f) if registry else str(f))) for f in files]
    for audit, found in load_audits_fast(named_as):
        problems += found
        if audit is not None:
            audits.append(audit)
    others: list[Audit] = []
    if registry is not None:
        venues = {a.venue for a in audits}
        for path in audit_files(registry.root):
            if path.absolute() in named or path.parent.name not in venues:
                continue
            audit, found = load_audit(path, clean(registry.relative(path)))
            if audit is not None and not found and audit.venue in venues:
                others.append(audit)
    return registry, AuditSet(others, []), audits, problems


def score_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Audit files to score.")],
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.text,
) -> int:
    """Score audits: zones, ladder, bottleneck, corrective actions, change since the last."""
    from tpkit.audit import AuditSet, scoring_rules
    from tpkit.audit.scoring import ScoringRules
    from tpkit.audit.views import score_panel, scores_json, scores_markdown
    from tpkit.cli.output import console

    state: State = ctx.obj
    registry, known, audits, problems = _load_for_scoring(state, files)
    if problems:
        _print_problems(problems)
        print(
            f"Not scored: fix the {len(problems)} problem{'s' if len(problems) > 1 else ''} "
            "above first.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    rules = scoring_rules(registry) if registry is not None else ScoringRules()
    merged = AuditSet(
        [*known.audits, *(a for a in audits if a.path not in {k.path for k in known.audits})], []
    )
    paths = [a.path for a in audits]
    scores = [s for s in merged.scored(rules) if s.path in paths]
    scores.sort(key=lambda s: paths.index(s.path))
    titles = _zone_titles(registry) if registry is not None else {}
    if fmt is ScoreFormat.json:
        print(scores_json(scores))
    elif fmt is ScoreFormat.md:
        print(scores_markdown(scores, titles))
    else:
        out = console()
        for s in scores:
            out.print(score_panel(s, titles))
    return EXIT_PROBLEMS if any(s.failed for s in scores) else EXIT_OK


def trend_cmd(
    ctx: typer.Context,
    venue: Annotated[str | None, typer.Option(help="Only this venue.", show_default=False)] = None,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.text,
) -> int:
    """Scores over time per venue and zone."""
    import json

    from tpkit.audit import load_audits, scoring_rules
    from tpkit.audit.views import trend_rows, trend_table
    from tpkit.cli.inputs import check_known
    from tpkit.cli.output import console
    from tpkit.feedback import load_feedback, nps_for, period_of
    from tpkit.registry import open_registry

    state: State = ctx.obj
    registry = open_registry(state.registry)
    check_known(registry, venue=venue)
    audits = load_audits(registry)
    if audits.problems:
        _print_problems(audits.problems)
    chosen = [a for a in audits.audits if venue is None or a.venue == venue]
    responses = load_feedback(registry.root)

    def nps(venue_id: str, day: dt.date) -> float | None:
        return nps_for(responses, venue_id, period_of(day, "month"))

    rows = trend_rows(audits.scored(scoring_rules(registry), chosen), nps)
    if fmt is TextOrJson.json:
        print(json.dumps({"venues": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    out = console()
    if not rows:
        out.print(
            "No audits yet" + (f" for {literal(venue)}" if venue else "") + ". Record one with "
            "'tpkit audit new' or fill in 'tpkit audit form'."
        )
        return EXIT_OK
    for name, venue_rows in rows.items():
        item = registry.config.venue(name)
        lang = item.language if item and item.language else registry.config.language
        title = item.title if item else name
        out.print(
            trend_table(title, venue_rows, registry.config.zone_ids(), _zone_titles(registry, lang))
        )
    return EXIT_OK
