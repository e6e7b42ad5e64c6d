"""A visit audited at the terminal (`tpkit audit new`, `resume`): the prompts, and the titles of
zones, roles, venues and bands an audit's output shows in its language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tpkit.cli.common import literal, shown
from tpkit.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS
from tpkit.i18n import _, n_

if TYPE_CHECKING:
    from tpkit.audit.files import Audit
    from tpkit.audit.scoring import ScoringRules
    from tpkit.audit.views import Names
    from tpkit.config import Registry


def zone_titles(registry: Registry, lang: str | None = None) -> dict[str, str]:
    return {z.id: z.title_in(lang or registry.config.language) for z in registry.config.zones}


def names(registry: Registry | None, lang: str, rules: ScoringRules | None = None) -> Names:
    """Titles of zones, roles, venues and bands in `lang`."""
    from tpkit.audit.competitors import rivals_of
    from tpkit.audit.views import Names

    if registry is None:
        return Names()
    config = registry.config
    return Names(
        {z.id: z.title_in(lang) for z in config.zones},
        {r.id: r.title_in(lang) for r in config.roles},
        {v.id: v.title_in(lang) for v in config.venues},
        {b.id: b.titles for b in rules.bands} if rules is not None else {},
        rivals_of(config),
    )


def interactive(registry: Registry, audit: Audit, path: Path) -> int:
    from tpkit import i18n
    from tpkit.audit import scoring_rules
    from tpkit.audit.scoring import score_audit
    from tpkit.audit.session import Session
    from tpkit.audit.views import kind_text, score_panel
    from tpkit.cli.output import console

    out = console()
    lang = i18n.current()

    def ask(prompt: str) -> str:
        return out.input(prompt)

    session = Session(audit, path, out, ask, zone_titles(registry, lang), registry.root)
    total = len(audit.checks)
    answered = total - len(audit.unanswered())
    venue = registry.config.venue(audit.venue)
    out.print(
        _(
            "Auditing {venue} ({kind}), {checks}, {answered} answered. Saved after every answer "
            "to {path}. Type ? for help.",
            venue=literal(venue.title_in(lang) if venue is not None else audit.venue),
            kind=kind_text(audit.kind),
            checks=n_("{n} check", "{n} checks", total),
            answered=i18n.number(answered),
            path=literal(path),
        )
    )
    try:
        finished = session.run()
    except (KeyboardInterrupt, EOFError):
        done = total - len(audit.unanswered())
        print(
            "\n"
            + n_(
                "Stopped. {done} of {n} answer is saved in {path}.",
                "Stopped. {done} of {n} answers are saved in {path}.",
                total,
                done=i18n.number(done),
                path=shown(path),
            )
            + "\n"
            + _("Continue with: tpkit audit resume {path}", path=shown(path)),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not finished:
        done = total - len(audit.unanswered())
        out.print(
            n_(
                "Saved {done} of {n} answer in {path}.",
                "Saved {done} of {n} answers in {path}.",
                total,
                done=i18n.number(done),
                path=literal(path),
            )
            + " "
            + _("Continue with: tpkit audit resume {path}", path=literal(path))
        )
        return EXIT_OK
    rules = scoring_rules(registry)
    score = score_audit(audit, rules)
    out.print(score_panel(score, names(registry, lang, rules)))
    return EXIT_PROBLEMS if score.failed or score.empty else EXIT_OK
