"""tpkit render checklist, handout, quiz, report."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpkit.cli.common import State, shown
from tpkit.errors import EXIT_OK, EXIT_PROBLEMS
from tpkit.i18n import _

if TYPE_CHECKING:
    from tpkit.config import Registry
    from tpkit.render import Page


class RenderFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


FormatOption = Annotated[
    RenderFormat,
    typer.Option(
        "--format", "-f", help=_("html (prints well from a browser), pdf or md (for wikis).")
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help=_("Where to write (default: out/ in the registry)."),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    render = typer.Typer(
        help=_(
            "Printable checklists, staff handouts and audit reports, each in the language "
            "of its venue."
        ),
        no_args_is_help=True,
    )
    render.command(
        "checklist",
        help=_(
            "A checklist for an auditor on a visit: every check with boxes to tick and a box "
            "for each measured value."
        ),
    )(checklist_cmd)
    render.command(
        "handout", help=_("A handout for staff in one role: standards, steps and what to say.")
    )(handout_cmd)
    render.command(
        "quiz",
        help=_(
            "A quiz for staff in one role: what to say instead of each phrase to avoid and "
            "each target, with the answer key on the last page."
        ),
    )(quiz_cmd)
    render.command(
        "report",
        help=_(
            "A report of audits: score, ladder, zone chart, trend, bottleneck, corrective "
            "actions with their photos; one report per venue."
        ),
    )(report_cmd)
    app.add_typer(render, name="render")


def _done(paths: list[Path]) -> int:
    for path in paths:
        print(shown(path))
    return EXIT_OK


def _target(output: Path | None, page: Page, fmt: str, several: bool) -> Path | None:
    """Where a page goes: -o as given for one page; for one page of several (one a venue),
    -o out/c.html writes out/c-VENUE.html, and -o a folder (no extension) NAME.EXT in it."""
    if output is None or not several:
        return output
    if output.suffix:
        return output.with_name(f"{output.stem}-{page.venue}{output.suffix}")
    return output / f"{page.name}.{fmt}"


def _write_all(
    state: State,
    registry: Registry,
    venues: list[str | None],
    make: Callable[[str | None, str], Page],
    fmt: RenderFormat,
    output: Path | None,
) -> list[Path]:
    """One page per venue, each in the venue's language (unless --lang or the environment asks
    for another); a venue with nothing to print is passed over when there are several."""
    from tpkit.errors import UsageError
    from tpkit.render import venue_language, write

    pages: list[Page] = []
    refused: UsageError | None = None
    for venue in venues:
        lang = state.speak(venue_language(registry, venue))
        try:
            pages.append(make(venue, lang))
        except UsageError as exc:
            if len(venues) == 1:
                raise
            refused = refused or exc
    if not pages and refused is not None:
        raise refused
    state.speak(registry.config.language)
    several = len(pages) > 1
    return [
        write(page, fmt.value, _target(output, page, fmt.value, several), registry.root)
        for page in pages
    ]


def _all_venues(registry: Registry, venue: str | None) -> list[str | None]:
    if venue is not None:
        return [venue]
    return [v.id for v in registry.config.venues if not v.competitor] or [None]


def checklist_cmd(
    ctx: typer.Context,
    venue: Annotated[
        str | None,
        typer.Option(
            help=_(
                "Only this venue's touchpoints. Without it: one checklist per venue, each in "
                "the venue's language (out/checklist-VENUE.EXT)."
            ),
            show_default=False,
        ),
    ] = None,
    zone: Annotated[str | None, typer.Option(help=_("Only this zone."), show_default=False)] = None,
    role: Annotated[
        str | None, typer.Option(help=_("Only what this role does."), show_default=False)
    ] = None,
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A checklist for an auditor on a visit: every check with boxes to tick and to write the
    measured value in, in the venue's language."""
    from tpkit.cli.inputs import check_known
    from tpkit.registry import load_registry
    from tpkit.render.pages import checklist

    state: State = ctx.obj
    registry = load_registry(state.registry)
    check_known(registry, venue=venue, zone=zone, role=role)
    day = state.day()
    paths = _write_all(
        state,
        registry,
        _all_venues(registry, venue),
        lambda v, lang: checklist(registry, day, v, zone, role, lang=lang),
        fmt,
        output,
    )
    return _done(paths)


def handout_cmd(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help=_("The role the handout is for."))],
    venue: Annotated[
        str | None,
        typer.Option(
            help=_(
                "Only this venue. Without it: one handout per venue where the role works, "
                "each in the venue's language (out/handout-ROLE-VENUE.EXT)."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A handout for staff in one role: standards, steps and what to say."""
    from tpkit.render.pages import handout

    return _for_role(ctx.obj, role, venue, fmt, output, handout)


def quiz_cmd(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help=_("The role the quiz is for."))],
    venue: Annotated[
        str | None,
        typer.Option(
            help=_(
                "Only this venue. Without it: one quiz per venue where the role works, "
                "each in the venue's language (out/quiz-ROLE-VENUE.EXT)."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A quiz for staff in one role, with the answer key on the last page."""
    from tpkit.render.quiz import quiz

    return _for_role(ctx.obj, role, venue, fmt, output, quiz)


def _for_role(
    state: State,
    role: str,
    venue: str | None,
    fmt: RenderFormat,
    output: Path | None,
    page: Callable[..., Page],
) -> int:
    """A printout for staff in one role (a handout, a quiz): for the venue asked for, else one
    per venue where the role works, each in the venue's language."""
    from tpkit.cli.inputs import check_known
    from tpkit.registry import load_registry
    from tpkit.render.pages import handout_venues

    registry = load_registry(state.registry)
    check_known(registry, venue=venue, role=role)
    day = state.day()
    venues: list[str | None] = [venue] if venue is not None else handout_venues(registry, role)
    paths = _write_all(
        state,
        registry,
        venues,
        lambda v, lang: page(registry, day, role, v, lang=lang),
        fmt,
        output,
    )
    return _done(paths)


def report_cmd(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help=_("Audit files to report on."))],
    fmt: FormatOption = RenderFormat.html,
    output: OutputOption = None,
) -> int:
    """A report of audits: score, ladder, zone chart, trend, bottleneck, actions with their
    photos; one report per venue, in the venue's language."""
    from tpkit import i18n
    from tpkit.audit import scoring_rules
    from tpkit.audit.scoring import ScoringRules
    from tpkit.cli.named import load_named, print_problems
    from tpkit.feedback import load_feedback
    from tpkit.render import venue_language, write
    from tpkit.render.report import report

    state: State = ctx.obj
    registry, known, audits, problems = load_named(state, files)
    if problems:
        print_problems(problems)
        return EXIT_PROBLEMS
    rules = scoring_rules(registry) if registry is not None else ScoringRules()
    scores = known.scores_of(audits, rules)
    responses = load_feedback(registry.root) if registry is not None else []
    zones = {c.touchpoint: c.zone for a in audits for c in a.checks.values()}
    # one report per venue, in the order the files were named
    venues = list(dict.fromkeys([a.venue for a in audits] + [s.venue for s in scores]))
    pages = []
    for venue in venues or [""]:  # no audit at all: the report says there is nothing to report
        mine = [s for s in scores if s.venue == venue]
        if registry is not None:
            lang = state.speak(venue_language(registry, venue))
        else:
            lang = i18n.current()
        pages.append(
            report(registry, mine, state.day(), rules, responses, lang=lang, touchpoint_zones=zones)
        )
    several = len(pages) > 1
    root = registry.root if registry is not None else None
    return _done(
        [write(page, fmt.value, _target(output, page, fmt.value, several), root) for page in pages]
    )
