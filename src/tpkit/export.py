"""The registry as tables for other tools: venues, touchpoints, checks, audits, results and
feedback, with stable column names and types (the schema is in the README, "Data out").

Each table is a list of columns (name, type) and a stream of rows, one tuple a row in the
order of the columns. A text that is empty is None (an empty cell in CSV, null elsewhere); a
list of ids is one text, the ids separated by spaces. The rows come from the same readers and
scoring the other commands use, so an audit's `score` is the one `tpkit audit score` gives,
and the results table holds what it is made of: the score is 100 × Σ(weight × credit) /
Σ(weight) over the results whose outcome is not na, rounded to one decimal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tpkit.audit import AuditSet, load_audits, scoring_rules
from tpkit.audit.model import Audit, SnapshotCheck
from tpkit.audit.scoring import Score, ScoringRules, outcome
from tpkit.config import Registry
from tpkit.feedback import Response, load_feedback
from tpkit.model import Problem, Target, Touchpoint

TYPES = ("text", "integer", "decimal", "boolean", "date")

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """One table: its name, its columns as (name, type), and a way to make its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: Callable[[], Iterator[Row]] = field(compare=False)

    @property
    def names(self) -> list[str]:
        return [name for name, _type in self.columns]


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """'a:text b:integer' → (("a", "text"), ("b", "integer"))."""
    out = []
    for item in spec.split():
        name, kind = item.split(":")
        assert kind in TYPES, kind
        out.append((name, kind))
    return tuple(out)


TARGET = "target_min:decimal target_max:decimal target_of:decimal target_unit:text"

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "venues": _cols(
        "venue:text title:text language:text kind:text competitor:boolean compare_with:text"
    ),
    "touchpoints": _cols(
        "touchpoint_id:text title:text zone:text zone_order:integer owner:text roles:text "
        "venues:text channel:text lang:text reviewed:date review_every_days:integer "
        "review_due:date checks:integer tags:text standard:text path:text"
    ),
    "checks": _cols(
        "check_id:text touchpoint_id:text short_id:text position:integer text:text type:text "
        f"{TARGET} weight:decimal critical:boolean zone:text owner:text roles:text"
    ),
    "audits": _cols(
        "audit_id:text venue:text date:date kind:text auditor:text state:text complete:boolean "
        "score:decimal band:text critical_fail:boolean score_change:decimal previous_audit_id:text "
        "checks:integer passed:integer failed:integer wow:integer not_applicable:integer "
        "unanswered:integer checks_hash:text"
    ),
    "results": _cols(
        "audit_id:text venue:text date:date check_id:text touchpoint_id:text text:text zone:text "
        f"owner:text roles:text type:text {TARGET} weight:decimal critical:boolean "
        "result:text value:decimal outcome:text credit:decimal note:text evidence:text"
    ),
    "feedback": _cols(
        "date:date month:text venue:text score:integer category:text channel:text "
        "touchpoint_id:text comment:text"
    ),
}


def _text(value: str | None) -> str | None:
    return value if value else None


def _ids(values: Iterable[str]) -> str | None:
    return " ".join(values) or None


def _target(target: Target | None) -> Row:
    if target is None:
        return (None, None, None, None)
    return (target.min, target.max, target.of, _text(target.unit))


@dataclass
class Data:
    """What the tables are made from, read once: the registry, its audits with their scores,
    and the guests' feedback."""

    registry: Registry
    audits: AuditSet
    scores: list[Score]
    rules: ScoringRules
    feedback: list[Response]

    @property
    def problems(self) -> list[Problem]:
        """Files that could not be read and are left out: touchpoints and audits."""
        return [*self.registry.problems, *self.audits.problems]


def gather(registry: Registry) -> Data:
    """Read the audits and the feedback of a registry whose touchpoints are read."""
    audits = load_audits(registry)
    rules = scoring_rules(registry)
    return Data(registry, audits, audits.scored(rules), rules, load_feedback(registry.root))


def tables(data: Data) -> list[Table]:
    """Every table, in the order they are written."""
    makers: dict[str, Callable[[], Iterator[Row]]] = {
        "venues": lambda: _venues(data.registry),
        "touchpoints": lambda: _touchpoints(data.registry),
        "checks": lambda: _checks(data.registry),
        "audits": lambda: _audits(data),
        "results": lambda: _results(data),
        "feedback": lambda: _feedback(data.feedback),
    }
    return [Table(name, COLUMNS[name], makers[name]) for name in COLUMNS]


def _venues(registry: Registry) -> Iterator[Row]:
    config = registry.config
    for venue in config.venues:
        yield (
            venue.id,
            venue.title,
            _text(venue.language) or config.language,
            _text(venue.kind),
            venue.competitor,
            _text(venue.compare_with),
        )


def _touchpoints(registry: Registry) -> Iterator[Row]:
    config = registry.config
    order = {zone: n for n, zone in enumerate(config.zone_ids(), 1)}
    for tp in registry.in_journey_order():
        every = tp.review_every or config.review_every
        due = tp.reviewed + dt.timedelta(days=every) if tp.reviewed and every else None
        yield (
            tp.id,
            tp.title,
            tp.zone,
            order.get(tp.zone),
            tp.owner,
            _ids(tp.roles),
            _ids(tp.venues),
            tp.channel,
            _text(tp.lang),
            tp.reviewed,
            every,
            due,
            len(tp.checks),
            _ids(tp.tags),
            _text(tp.standard.strip()),
            tp.path,
        )


def _checks(registry: Registry) -> Iterator[Row]:
    tp: Touchpoint
    for tp in registry.in_journey_order():
        for n, check in enumerate(tp.checks, 1):
            yield (
                tp.full_id(check),
                tp.id,
                check.id,
                n,
                check.text,
                check.type,
                *_target(check.target),
                check.weight,
                check.critical,
                tp.zone,
                tp.owner,
                _ids(tp.roles),
            )


def _audits(data: Data) -> Iterator[Row]:
    by_path = {a.path: a for a in data.audits.audits}
    for s in sorted(data.scores, key=lambda s: (s.venue, s.date, s.path)):
        audit = by_path[s.path]
        c = s.counts
        yield (
            s.path,
            s.venue,
            s.date,
            s.kind,
            _text(s.auditor),
            audit.status,
            s.complete,
            s.score,
            _text(s.band),
            s.status == "critical-fail",
            s.score_change,
            _text(s.previous),
            len(audit.checks),
            c["pass"],
            c["fail"],
            c["wow"],
            c["na"],
            c["unanswered"],
            audit.checks_hash,
        )


def _results(data: Data) -> Iterator[Row]:
    credit = data.rules.credit
    for audit in data.audits.audits:  # by venue, date and path, as the audits table
        yield from _results_of(audit, credit)


def _results_of(audit: Audit, credit: dict[str, float]) -> Iterator[Row]:
    check: SnapshotCheck
    for cid, check in audit.checks.items():
        result = audit.results.get(cid)
        got = outcome(check, result)
        if got is None or result is None:
            continue  # not answered: no result
        yield (
            audit.path,
            audit.venue,
            audit.date,
            cid,
            check.touchpoint,
            check.text,
            check.zone,
            check.owner,
            _ids(check.roles),
            check.type,
            *_target(check.target),
            check.weight,
            check.critical,
            _text(result.result),
            result.value,
            got,
            None if got == "na" else credit.get(got, 0.0),
            _text(result.note),
            _text(result.evidence),
        )


def _feedback(responses: list[Response]) -> Iterator[Row]:
    for r in sorted(responses, key=lambda r: (r.venue, r.date, r.score, r.channel, r.comment)):
        yield (
            r.date,
            f"{r.date:%Y-%m}",
            r.venue,
            r.score,
            r.kind,
            _text(r.channel),
            _text(r.touchpoint),
            _text(r.comment),
        )
