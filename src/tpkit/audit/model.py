"""The audit as data: the snapshot of the checks it was made against, the results, the
fingerprint of the checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tpkit.config import Registry
from tpkit.files import write_atomic as write_atomic  # `audit form -o` writes with it
from tpkit.i18n import N_
from tpkit.model import Positions, Problem, Target

CHECK_KINDS = {"time": N_("time"), "count": N_("count"), "scale": N_("rating")}
FULL_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*")  # whole ids only (fullmatch)


@dataclass(frozen=True)
class SnapshotCheck:
    """A check frozen into an audit: scoring never looks at today's touchpoints."""

    id: str  # full id: touchpoint/check
    text: str
    zone: str
    owner: str
    touchpoint_title: str = ""
    roles: tuple[str, ...] = ()
    type: str = "yesno"
    target: Target | None = None
    weight: float = 1.0
    critical: bool = False

    @cached_property
    def touchpoint(self) -> str:
        # one string for every use: scores of many audits share it, in memory and when sent
        # between processes
        return sys.intern(self.id.split("/", 1)[0])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "touchpoint": self.touchpoint_title,
            "text": self.text,
            "zone": self.zone,
            "owner": self.owner,
            "roles": list(self.roles),
            "type": self.type,
        }
        if self.target is not None:
            out["target"] = self.target.to_dict()
        out["weight"] = canonical(self.weight)
        out["critical"] = self.critical
        return out


_SHARED: dict[tuple[Any, ...], SnapshotCheck] = {}


def shared_check(*fields: Any) -> SnapshotCheck:
    """One object for a check frozen the same way into many audits: the audits of a chain
    repeat the same checks, and each copy would take memory and time to send between
    processes."""
    found = _SHARED.get(fields)
    if found is None:
        if len(_SHARED) >= 100_000:
            _SHARED.clear()
        found = _SHARED[fields] = SnapshotCheck(*fields)
    return found


@dataclass
class Result:
    result: str | None = None  # pass | fail | wow | na; None: decided by value, or unanswered
    value: float | None = None
    note: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "value": self.value,
            "note": self.note,
            "evidence": self.evidence,
        }

    def answered(self) -> bool:
        return self.result is not None or self.value is not None


@dataclass
class Audit:
    venue: str
    date: dt.date
    kind: str
    checks: dict[str, SnapshotCheck]
    results: dict[str, Result] = field(default_factory=dict)
    auditor: str | None = None
    status: str = "complete"
    skipped: list[str] = field(default_factory=list)
    path: str = ""  # as the user named it, or relative to the registry
    pos: Positions = field(default_factory=Positions)
    warnings: list[Problem] = field(default_factory=list)  # photos that cannot be read

    @property
    def checks_hash(self) -> str:
        return checks_hash(self.checks)

    def unanswered(self) -> list[str]:
        return [
            cid for cid in self.checks if not (cid in self.results and self.results[cid].answered())
        ]


def canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def checks_hash(checks: dict[str, SnapshotCheck]) -> str:
    """A fingerprint of the check definitions; editing the snapshot by hand changes it."""
    data = {cid: c.to_dict() for cid, c in checks.items()}
    text = json.dumps(canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot(
    registry: Registry, venue: str, zone: str | None = None, role: str | None = None
) -> dict[str, SnapshotCheck]:
    """Every check that applies to the venue, in journey order; for a competitor's venue, those
    of the venue it is compared with (`compare_with`)."""
    item = registry.config.venue(venue)
    if item is not None and item.competitor and item.compare_with:
        venue = item.compare_with
    out: dict[str, SnapshotCheck] = {}
    for tp in registry.in_journey_order():
        if tp.venues and venue not in tp.venues:
            continue
        if zone and tp.zone != zone:
            continue
        if role and role not in tp.roles and role != tp.owner:
            continue
        for c in tp.checks:
            out[tp.full_id(c)] = SnapshotCheck(
                tp.full_id(c),
                c.text,
                tp.zone,
                tp.owner,
                tp.title,
                tuple(tp.roles),
                c.type,
                c.target,
                c.weight,
                c.critical,
            )
    return out
