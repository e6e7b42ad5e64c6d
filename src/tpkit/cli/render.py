"""tpkit render checklist, handout, report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpkit.cli import State, shown
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS


class RenderFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


FormatOption = Annotated[
    RenderFormat,
    typer.Option(
        "--format", "-f", help="html (prints well from a browser), pdf or md (for wikis)."
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", help="Where to write (default: out/ in the registry).", show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    render = typer.Typer(
        help="Printable checklists, staff handouts and audit reports.", no_args_is_help=True
    )
    render.command("checklist")(checklist_cmd)
    render.command("handout")(handout_cmd)
    render.command("report")(report_cmd)
    app.add_typer(render, name="render")


def _done(path: Path) -> int:
    print(shown(path))
    return EXIT_OK


def checklist_cmd(
    ctx: typer.Context,
    venue: Annotated[
        str | None, typer.Option(help="Only this venue's touchpoints.", show_default=False)
    ] = None,
    zone: Annotated[str | None, typer.Option(help="Only this zone.", show_default=False)] = None,
    role: Annotated[
        str | None, typer.Option(help="Only what this role does.", show_default=False)
    ] = None,
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A checklist for an auditor on a visit: every check with boxes to tick."""
    from tpkit.cli.inputs import check_known
    from tpkit.registry import load_registry
    from tpkit.render import write
    from tpkit.render.pages import checklist

    state: State = ctx.obj
    registry = load_registry(state.registry)
    check_known(registry, venue=venue, zone=zone, role=role)
    page = checklist(registry, state.day(), venue, zone, role)
    return _done(write(page, fmt.value, output, registry.root))


def handout_cmd(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help="The role the handout is for.")],
    venue: Annotated[str | None, typer.Option(help="Only this venue.", show_default=False)] = None,
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A handout for staff in one role: standards, steps and what to say."""
    from tpkit.cli.inputs import check_known
    from tpkit.registry import load_registry
    from tpkit.render import write
    from tpkit.render.pages import handout

    state: State = ctx.obj
    registry = load_registry(state.registry)
    check_known(registry, venue=venue, role=role)
    page = handout(registry, state.day(), role, venue)
    return _done(write(page, fmt.value, output, registry.root))


def report_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Audit files to report on.")],
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A report of audits: score, ladder, zone chart, trend, bottleneck, actions."""
    from tpkit.audit import AuditSet, scoring_rules
    from tpkit.audit.scoring import ScoringRules
    from tpkit.cli.audit import _load_for_scoring, _print_problems
    from tpkit.feedback import load_feedback
    from tpkit.render import write
    from tpkit.render.pages import report

    state: State = ctx.obj
    registry, known, audits, problems = _load_for_scoring(state, files)
    if problems:
        _print_problems(problems)
        return EXIT_PROBLEMS
    rules = scoring_rules(registry) if registry is not None else ScoringRules()
    merged = AuditSet(
        [*known.audits, *(a for a in audits if a.path not in {k.path for k in known.audits})], []
    )
    paths = {a.path for a in audits}
    scores = [s for s in merged.scored(rules) if s.path in paths]
    responses = load_feedback(registry.root) if registry is not None else []
    page = report(registry, scores, state.day(), rules, responses)
    return _done(write(page, fmt.value, output, registry.root if registry else None))
