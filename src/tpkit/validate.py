"""The engine: runs every rule on a loaded registry, stamps levels, applies waivers, sorts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpkit.config import Registry
from tpkit.findings import finding
from tpkit.i18n import _
from tpkit.model import LEVEL_RANK, Problem, Touchpoint
from tpkit.rules import Context, Finding, Rule, all_rules
from tpkit.settings import RuleSettings, rule_settings
from tpkit.waivers import apply_waivers

if TYPE_CHECKING:
    from tpkit.audit import AuditSet
    from tpkit.history import History


@dataclass
class Report:
    root: Path
    today: dt.date
    files: int
    touchpoints: int
    problems: list[Problem]
    # every touchpoint and audit file checked, relative to the root, after the PATH selection
    paths: list[str] = field(default_factory=list)
    audits: int = 0  # how many of the files checked are audit files

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("error", "warning", "info"), 0)
        for p in self.problems:
            out[p.level] += 1
        return out

    def at_or_above(self, fail_level: str) -> list[Problem]:
        rank = LEVEL_RANK[fail_level]
        return [p for p in self.problems if LEVEL_RANK[p.level] >= rank]

    def failed(self, fail_level: str) -> bool:
        return bool(self.at_or_above(fail_level))


def run(
    registry: Registry,
    today: dt.date,
    *,
    audits: AuditSet,
    history: History | None = None,
    paths: Sequence[Path] | None = None,
) -> Report:
    """Every rule on a loaded registry, with its audits and its git history (None: no git);
    the caller opens and closes the history (see services.validate)."""
    settings = rule_settings(registry)
    problems = list(registry.problems)
    texts: dict[str, Any] = {}
    active = [
        (
            r,
            settings[r.code].level,
            Context(registry, today, settings[r.code].params, history, audits, texts),
        )
        for r in all_rules()
        if settings[r.code].level != "off" and r.scope not in ("loader", "engine")
    ]
    per_file = [(r, level, ctx) for r, level, ctx in active if r.scope == "touchpoint"]
    dated = [(r, level, ctx) for r, level, ctx in per_file if r.uses_today]
    for tp in registry.touchpoints:
        done = registry.prechecked.get(tp.path)
        if done is not None:
            problems += done
        problems += file_problems(tp, dated if done is not None else per_file, texts)
    for r, level, ctx in active:
        if r.scope == "registry":
            problems += (_problem(r, level, f, f.touchpoint) for f in r.on_registry(ctx))
    problems += audits.problems + _photo_warnings(audits) + _unknown_venues(registry, audits)
    problems = apply_waivers(registry, problems, today, settings)
    if paths:
        problems = [p for p in problems if selected(registry, p.path, paths)]
    problems.sort(key=Problem.sort_key)
    # every audit file read, the ones too broken to be read as an audit as well
    audit_paths = sorted({a.path for a in audits.audits} | {p.path for p in audits.problems})
    checked = [*registry.files, *audit_paths]
    if paths:
        checked = [f for f in checked if selected(registry, f, paths)]
    audit_files = sum(f in set(audit_paths) for f in checked)
    tps = (
        len(registry.touchpoints)
        if not paths
        else sum(selected(registry, tp.path, paths) for tp in registry.touchpoints)
    )
    return Report(registry.root, today, len(checked), tps, problems, checked, audit_files)


def active_rules(
    registry: Registry, settings: dict[str, RuleSettings], today: dt.date, scope: str
) -> list[tuple[Rule, str, Context]]:
    """The rules of one scope that are switched on, each with its settings."""
    return [
        (r, settings[r.code].level, Context(registry, today, settings[r.code].params))
        for r in all_rules()
        if r.scope == scope and settings[r.code].level != "off"
    ]


def file_problems(
    tp: Touchpoint, rules: list[tuple[Rule, str, Context]], texts: dict[str, Any]
) -> list[Problem]:
    """What the per-file rules find in one touchpoint."""
    texts.clear()  # the words of one file are split once for all its rules
    out: list[Problem] = []
    for r, level, ctx in rules:
        ctx.texts = texts
        out += (_problem(r, level, f, tp) for f in r.on_file(tp, ctx))
    return out


def _problem(r: Rule, level: str, f: Finding, tp: Touchpoint | None) -> Problem:
    path = f.path or (tp.path if tp is not None else "")
    tp_id = f.tp_id or (tp.id if tp is not None else "")
    return finding(
        r.code, path, f.line, f.column, f.message, f.suggestion,
        touchpoint=tp_id, standard=r.standard, level=level, fix=f.fix,
    )  # fmt: skip


def _photo_warnings(audits: AuditSet) -> list[Problem]:
    """The photos named as evidence that cannot be read (TP006 warnings), as `tpkit audit
    score` reports them: the audit files work them out when they are read."""
    return [w for a in audits.audits for w in a.warnings]


def _unknown_venues(registry: Registry, audits: AuditSet) -> list[Problem]:
    known = [v.id for v in registry.config.venues]
    return [
        finding(
            "TP005",
            a.path,
            *a.pos("venue"),
            _("the venue '{value}' is not defined in tpkit.yaml", value=a.venue),
            _("known venues: {known}", known=", ".join(known)),
        )
        for a in audits.audits
        if a.venue not in known
    ]


def selected(registry: Registry, rel: str, paths: Sequence[Path]) -> bool:
    """Whether the file at rel (relative to the root) is one of paths or inside one of them."""
    target = (registry.root / rel).resolve()
    for p in paths:
        p = p.resolve()
        if target == p or p in target.parents:
            return True
    return False
