"""Audits: recording a visit, scoring it, following the trend."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from tpkit.audit.files import Audit
from tpkit.audit.scoring import (
    Score,
    ScoringRules,
    outcome,
    rules_from,
    score_audit,
    with_change,
    with_changes,
)
from tpkit.config import YAML_SUFFIXES, Registry
from tpkit.model import Check, Problem

__all__ = ["AuditSet", "audit_files", "load_audits", "scoring_rules"]


# A session's answers kept beside an audit changed outside it: visit.session.yaml, -2…
SESSION_COPY = re.compile(r"\.session(?:-\d+)?\.ya?ml$")


def audit_files(root: Path) -> list[Path]:
    base = root / "audits"
    if not base.is_dir():
        return []
    return sorted(
        p
        for p in base.rglob("*")
        if p.suffix in YAML_SUFFIXES
        and p.is_file()
        and not p.name.startswith(".")
        and not SESSION_COPY.search(p.name)
    )


class AuditSet:
    """Every readable audit of a registry, by venue and date."""

    def __init__(
        self,
        audits: list[Audit],
        problems: list[Problem],
        competitors: frozenset[str] = frozenset(),
    ) -> None:
        self.audits = sorted(audits, key=lambda a: (a.venue, a.date, a.path))
        self.problems = problems
        self.competitors = competitors  # venues whose audits never tune the own standards

    def outcomes(self, current: Mapping[str, Check]) -> dict[str, list[str]]:
        """Full check id → the outcomes (pass, wow, fail) it had in the audits that used the
        definition it has now (the same type and target), oldest first."""
        found: dict[str, list[str]] = {}
        for audit in sorted(self.audits, key=lambda a: (a.date, a.path)):
            if audit.venue in self.competitors:
                continue
            for cid, snap in audit.checks.items():
                check = current.get(cid)
                if check is None or snap.type != check.type or snap.target != check.target:
                    continue
                got = outcome(snap, audit.results.get(cid))
                if got in ("pass", "wow", "fail"):
                    found.setdefault(cid, []).append(got)
        return found

    def scores_of(self, named: list[Audit], rules: ScoringRules) -> list[Score]:
        """The scores of the named audits, each with the change since the earlier audits of
        its venue among these and the named ones (a named file these hold already counts
        once)."""
        held = {a.path for a in self.audits}
        merged = AuditSet([*self.audits, *(a for a in named if a.path not in held)], [])
        paths = {a.path for a in named}
        return [s for s in merged.scored(rules) if s.path in paths]

    def of_venue(self, venue: str) -> list[Audit]:
        return [a for a in self.audits if a.venue == venue]

    def scored(self, rules: ScoringRules, audits: list[Audit] | None = None) -> list[Score]:
        """Scores with the change since earlier audits of the same venue."""
        chosen = audits if audits is not None else self.audits
        venues = {a.venue for a in chosen}
        history = {id(a): score_audit(a, rules) for a in self.audits if a.venue in venues}
        with_changes(list(history.values()))
        out = []
        for audit in chosen:
            score = history.get(id(audit))
            if score is None:  # not one of this set's: compared with the set's earlier audits
                earlier = [
                    history[id(e)]
                    for e in self.of_venue(audit.venue)
                    if (e.date, e.path) < (audit.date, audit.path)
                ]
                score = with_change(score_audit(audit, rules), earlier)
            out.append(score)
        return out


def load_audits(registry: Registry) -> AuditSet:
    from tpkit.audit.bulk import load_audits as read  # workers for many files

    audits, problems = [], []
    named = [(path, registry.relative(path)) for path in audit_files(registry.root)]
    for audit, found in read(named):
        problems += found
        if audit is not None:
            audits.append(audit)
    competitors = frozenset(v.id for v in registry.config.venues if v.competitor)
    return AuditSet(audits, problems, competitors)


def scoring_rules(registry: Registry) -> ScoringRules:
    return rules_from(registry.standards.get("scoring") or {})
