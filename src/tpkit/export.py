"""The registry as tables for other tools: venues, touchpoints, checks, audits, results, the
corrective actions (actions/), the staff sign-offs (acks/) and feedback, with stable column
names and types (the schema is in the README, "Data out").

Each table is a list of columns (name, type) and a stream of rows, one tuple a row in the
order of the columns. A text that is empty is None (an empty cell in CSV, null elsewhere); a
list of ids is one text, the ids separated by spaces. The rows come from the same readers and
scoring the other commands use, so an audit's `score` is the one `tpkit audit score` gives,
and the results table holds what it is made of: the score is 100 × Σ(weight × credit) /
Σ(weight) over the results whose outcome is not na, rounded to one decimal. An action is
overdue as `tpkit actions` says on the export's day (open or reopened, its due date passed), and
a sign-off is current when it names the version the touchpoint's text has now."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tpkit import ack
from tpkit.actions_files import ActionFile, load_actions
from tpkit.audit import AuditSet, load_audits, scoring_rules
from tpkit.audit.model import Audit, SnapshotCheck
from tpkit.audit.scoring import Score, ScoringRules, outcome
from tpkit.config import Registry
from tpkit.feedback import Response, load_feedback
from tpkit.findings import finding
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
    "actions": _cols(
        "action_id:text venue:text check_id:text touchpoint_id:text text:text owner:text "
        "status:text due:date overdue:boolean days_overdue:integer measured:text target:text "
        "first_audit_id:text audit_ids:text failures:integer evidence:text note:text "
        "closed_by:text closed_on:date verified_by:text root_cause_needed:boolean path:text"
    ),
    "acks": _cols(
        "date:date person:text role:text venue:text touchpoint_id:text version:text current:boolean"
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
    the corrective actions, the sign-offs and the guests' feedback, and the day the export
    counts overdue actions from."""

    registry: Registry
    audits: AuditSet
    scores: list[Score]
    rules: ScoringRules
    feedback: list[Response]
    today: dt.date = field(default_factory=dt.date.today)
    actions: list[ActionFile] = field(default_factory=list)
    acks: list[ack.Ack] = field(default_factory=list)
    unread: list[Problem] = field(default_factory=list)  # action and sign-off files

    @property
    def problems(self) -> list[Problem]:
        """Files that could not be read and are left out: touchpoints, audits, actions and
        sign-offs."""
        return [*self.registry.problems, *self.audits.problems, *self.unread]


def gather(registry: Registry, today: dt.date | None = None) -> Data:
    """Read the audits, the corrective actions, the sign-offs and the feedback of a registry
    whose touchpoints are read; `today` (default: the clock's) decides which actions are
    overdue."""
    audits = load_audits(registry)
    rules = scoring_rules(registry)
    actions, bad = load_actions(registry.root)
    unread = [_action_problem(why) for why in bad]
    acks, ack_problems = ack.load_checked(registry.root)
    unread.extend(ack_problems)
    return Data(
        registry,
        audits,
        audits.scored(rules),
        rules,
        load_feedback(registry.root),
        today or dt.date.today(),
        actions,
        acks,
        unread,
    )


_WHERE_RE = re.compile(r"^(.+?\.yaml):([0-9]+):([0-9]+): (.+)$", re.DOTALL)


def _action_problem(why: str) -> Problem:
    """An action file that could not be read ('file:line:column: message'), as the export
    reports the touchpoints and audits it leaves out."""
    got = _WHERE_RE.match(why)
    if got is None:
        return finding("TP002", "actions", 1, 1, why)
    path, line, column, message = got.groups()
    return finding("TP002", path, int(line), int(column), message)


def tables(data: Data) -> list[Table]:
    """Every table, in the order they are written."""
    makers: dict[str, Callable[[], Iterator[Row]]] = {
        "venues": lambda: _venues(data.registry),
        "touchpoints": lambda: _touchpoints(data.registry),
        "checks": lambda: _checks(data.registry),
        "audits": lambda: _audits(data),
        "results": lambda: _results(data),
        "actions": lambda: _actions(data.actions, data.today),
        "acks": lambda: _acks(data.acks, data.registry),
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


def _actions(actions: list[ActionFile], today: dt.date) -> Iterator[Row]:
    for a in actions:  # by venue and file name, as load_actions reads them
        late = a.overdue(today)
        yield (
            a.id,
            a.venue,
            a.check,
            _text(a.touchpoint),
            _text(a.text),
            _text(a.owner),
            a.status,
            a.due,
            late,
            (today - a.due).days if late else None,
            _text(a.measured),
            _text(a.target),
            a.audits[0] if a.audits else None,
            _ids(a.audits),
            len(a.audits),
            _ids(a.evidence),
            _text(a.note),
            _text(a.closed_by),
            a.closed_on,
            _text(a.verified_by),
            a.root_cause_needed,
            a.path,
        )


def _acks(acks: list[ack.Ack], registry: Registry) -> Iterator[Row]:
    versions: dict[str, str] = {}
    tps = {tp.id: tp for tp in registry.touchpoints}
    for a in acks:  # by venue and month, then by date and person, as they are stored
        tp = tps.get(a.touchpoint)
        if tp is not None and tp.id not in versions:
            versions[tp.id] = ack.version(tp)
        yield (
            a.date,
            a.person,
            a.role,
            a.venue,
            a.touchpoint,
            a.version,
            None if tp is None else a.version == versions[tp.id],
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
