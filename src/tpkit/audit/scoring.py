"""Scoring one audit against its own snapshot of checks (pure functions, no I/O).

Credit: pass = 1, wow = 1, fail = 0; na (and an unanswered check) leaves both the numerator and
the denominator. Score = 100 × Σ(weight × credit) / Σ(weight), per audit, zone, touchpoint and
role. Any failed critical check makes the audit a critical-fail whatever its score.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tpkit.audit.answers import photos_of
from tpkit.audit.files import Audit, Result, SnapshotCheck
from tpkit.model import Target
from tpkit.targets import meets_target


@dataclass(frozen=True)
class Band:
    id: str
    min: float
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoringRules:
    bands: tuple[Band, ...] = (Band("green", 90), Band("amber", 75), Band("red", 0))
    credit: dict[str, float] = field(default_factory=lambda: {"pass": 1.0, "wow": 1.0, "fail": 0.0})
    action_due_days: int = 14
    bottleneck_touchpoints: int = 3

    def band(self, score: float | None) -> str:
        if score is None:
            return ""
        for band in sorted(self.bands, key=lambda b: -b.min):
            if score >= band.min:
                return band.id
        return self.bands[-1].id if self.bands else ""


@dataclass(frozen=True)
class Action:
    check: str
    touchpoint: str
    touchpoint_title: str
    text: str
    owner: str
    due: dt.date
    note: str
    critical: bool
    value: float | None  # what was measured, in the target's unit; None for a yes/no check
    target: Target | None = None  # the check's target: targets.measured(value, action)
    type: str = "yesno"  # the check's type: yesno | time | count | scale
    photos: list[str] = field(default_factory=list)  # registry-relative paths of the answer

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "touchpoint": self.touchpoint,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat(),
            "note": self.note,
            "critical": self.critical,
            "value": self.value,
            "target": self.target.to_dict() if self.target is not None else None,
            "photos": list(self.photos),
        }


@dataclass
class Score:
    path: str
    venue: str
    date: dt.date
    kind: str
    auditor: str | None
    score: float | None
    band: str
    status: str  # ok | critical-fail
    zones: dict[str, float]
    touchpoints: dict[str, float]
    roles: dict[str, float]
    ladder: dict[str, int]
    delight_rate: float
    bottleneck: dict[str, Any]
    actions: list[Action]
    counts: dict[str, int]  # pass, fail, wow, na, unanswered
    change: dict[str, float] = field(default_factory=dict)  # per zone
    score_change: float | None = None  # since the last audit of the same zones
    previous: str = ""  # path of the latest earlier audit of the venue
    complete: bool = True  # finished, and every check answered
    open_checks: int = 0  # checks without an answer
    titles: dict[str, str] = field(default_factory=dict)  # of the bottleneck touchpoints

    @property
    def failed(self) -> bool:
        return self.status == "critical-fail" or self.band == "red"

    @property
    def answered(self) -> int:
        """Checks with an answer (n/a included)."""
        return sum(n for k, n in self.counts.items() if k != "unanswered")

    @property
    def empty(self) -> bool:
        """No check was answered: there is nothing to score."""
        return self.answered == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "venue": self.venue,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "auditor": self.auditor,
            "score": self.score,
            "band": self.band,
            "status": self.status,
            "zones": self.zones,
            "touchpoints": self.touchpoints,
            "roles": self.roles,
            "ladder": self.ladder,
            "delight_rate": self.delight_rate,
            "bottleneck": self.bottleneck,
            "actions": [a.to_dict() for a in self.actions],
            "change": self.change,
            "score_change": self.score_change,
            "counts": self.counts,
            "complete": self.complete,
            "open_checks": self.open_checks,
        }


def outcome(check: SnapshotCheck, result: Result | None) -> str | None:
    """pass, fail, wow or na; from the value against the target when no result is given;
    None when the check was not answered."""
    if result is None:
        return None
    if result.result is not None:
        return result.result
    if result.value is None or check.target is None:
        return None
    return "pass" if meets(check, result.value) else "fail"


def meets(check: SnapshotCheck, value: float) -> bool:
    """Whether a measured value meets the check's target (value in the target's unit)."""
    return meets_target(check.type, check.target, value)


class _Sum:
    __slots__ = ("got", "of")

    def __init__(self) -> None:
        self.got = 0.0
        self.of = 0.0

    def add(self, weight: float, credit: float) -> None:
        self.got += weight * credit
        self.of += weight

    def score(self) -> float | None:
        return round(100 * self.got / self.of, 1) if self.of else None


def score_audit(audit: Audit, rules: ScoringRules | None = None) -> Score:
    rules = rules or ScoringRules()
    total = _Sum()
    zones: dict[str, _Sum] = defaultdict(_Sum)
    tps: dict[str, _Sum] = defaultdict(_Sum)
    roles: dict[str, _Sum] = defaultdict(_Sum)
    steps: dict[str, set[str]] = defaultdict(set)
    lost: dict[str, float] = defaultdict(float)
    counts = dict.fromkeys(("pass", "fail", "wow", "na", "unanswered"), 0)
    actions: list[Action] = []
    critical_fail = False
    due = audit.date + dt.timedelta(days=rules.action_due_days)
    for cid, check in audit.checks.items():
        result = audit.results.get(cid)
        got = outcome(check, result)
        if got is None:
            counts["unanswered"] += 1
            continue
        counts[got] += 1
        if got == "na":
            continue
        credit = rules.credit.get(got, 0.0)
        w = check.weight
        for acc in (total, zones[check.zone], tps[check.touchpoint]):
            acc.add(w, credit)
        for role in check.roles or (check.owner,):
            roles[role].add(w, credit)
        steps[check.touchpoint].add(got)
        lost[check.touchpoint] += w * (1 - credit)
        if got == "fail":
            critical_fail = critical_fail or check.critical
            note = (result.note if result is not None else None) or ""
            actions.append(
                Action(
                    cid,
                    check.touchpoint,
                    check.touchpoint_title,
                    check.text,
                    check.owner,
                    due,
                    note,
                    check.critical,
                    result.value if result is not None else None,
                    check.target,
                    check.type,
                    photos_of(result),
                )
            )
    zone_scores = _scores(zones)
    ladder = {"disappointment": 0, "satisfaction": 0, "delight": 0}
    for outcomes in steps.values():
        if "fail" in outcomes:
            ladder["disappointment"] += 1
        elif "wow" in outcomes:
            ladder["delight"] += 1
        else:
            ladder["satisfaction"] += 1
    scored = counts["pass"] + counts["fail"] + counts["wow"]
    value = total.score()
    # The bottleneck is the zone that lost most: a zone that kept every point is never one.
    losing = [z for z in zone_scores if zones[z].got < zones[z].of]
    worst_zone = min(losing, key=lambda z: zone_scores[z]) if losing else ""
    worst_tps = [tp for tp, w in sorted(lost.items(), key=lambda kv: -kv[1]) if w > 0]
    actions.sort(key=lambda a: (not a.critical, list(audit.checks).index(a.check)))
    worst_tps = worst_tps[: rules.bottleneck_touchpoints]
    titles: dict[str, str] = {}
    if worst_tps:
        wanted = set(worst_tps)
        for check in audit.checks.values():
            if check.touchpoint in wanted and check.touchpoint not in titles:
                titles[check.touchpoint] = check.touchpoint_title
    return Score(
        path=audit.path,
        venue=audit.venue,
        date=audit.date,
        kind=audit.kind,
        auditor=audit.auditor,
        score=value,
        band=rules.band(value),
        status="critical-fail" if critical_fail else "ok",
        zones=zone_scores,
        touchpoints=_scores(tps),
        roles=_scores(roles),
        ladder=ladder,
        delight_rate=round(counts["wow"] / scored, 3) if scored else 0.0,
        bottleneck={"zone": worst_zone, "touchpoints": worst_tps},
        actions=actions,
        counts=counts,
        complete=audit.status == "complete" and counts["unanswered"] == 0,
        open_checks=counts["unanswered"],
        titles=titles,
    )


def _scores(sums: dict[str, _Sum]) -> dict[str, float]:
    out = {}
    for key, acc in sums.items():
        value = acc.score()
        if value is not None:
            out[key] = value
    return out


def with_change(score: Score, earlier: list[Score]) -> Score:
    """The change since earlier audits of the same venue (oldest first): per zone, since the
    latest audit that scored that zone; overall, since the latest audit of the same zones (a
    point-of-sale audit of one zone is not compared with a whole visit). Only complete audits
    are compared: an incomplete one has no change, and is no baseline for a later one."""
    if not earlier:
        return score
    score.previous = earlier[-1].path
    if not score.complete:
        return score
    return _compared(score, [e for e in earlier if e.complete])


def with_changes(scores: list[Score]) -> list[Score]:
    """Every score with the change since the earlier audits of its venue among `scores`
    (earlier: by date, then path), as with_change gives it; in one pass a venue."""
    by_venue: dict[str, list[Score]] = defaultdict(list)
    for s in sorted(scores, key=lambda x: (x.venue, x.date, x.path)):
        by_venue[s.venue].append(s)
    for line in by_venue.values():
        complete: list[Score] = []  # the complete audits before the current key
        start = 0  # where the audits of the current (date, path) begin
        for i, s in enumerate(line):
            if i and (s.date, s.path) != (line[i - 1].date, line[i - 1].path):
                complete += [e for e in line[start:i] if e.complete]
                start = i
            if start:
                s.previous = line[start - 1].path
                if s.complete and complete:
                    _compared(s, complete)
    return scores


def _compared(score: Score, earlier: list[Score]) -> Score:
    """The change of a complete audit since the complete audits before it (oldest first)."""
    for zone, value in score.zones.items():
        last = next((e for e in reversed(earlier) if zone in e.zones), None)
        if last is not None:
            score.change[zone] = round(value - last.zones[zone], 1)
    same = next((e for e in reversed(earlier) if set(e.zones) == set(score.zones)), None)
    if same is not None and same.score is not None and score.score is not None:
        score.score_change = round(score.score - same.score, 1)
    return score


def rules_from(data: dict[str, Any]) -> ScoringRules:
    """Scoring rules from standards/scoring.yaml (already merged over the built-in file)."""
    from tpkit.durations import parse_duration

    bands = tuple(
        Band(
            str(b["id"]),
            float(b["min"]),
            dict(b["title"]) if isinstance(b.get("title"), dict) else {},
        )
        for b in data.get("bands", ())
        if isinstance(b, dict) and "id" in b
    )
    credit = {k: float(v) for k, v in (data.get("credit") or {}).items()}
    due = data.get("action_due", "14d")
    days = parse_duration(due) if isinstance(due, str) else int(due)
    defaults = ScoringRules()
    return ScoringRules(
        bands or defaults.bands,
        credit or defaults.credit,
        days if days is not None else defaults.action_due_days,
        int(data.get("bottleneck_touchpoints", 3)),
    )
