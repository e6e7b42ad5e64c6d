"""The state of a registry on one screen (`tpkit status`): what its standards' check finds, the
reviews due, and per venue the last visit's score, its change, bottleneck and corrective actions,
beside the guests' NPS of that visit's month; the open and overdue actions, and the sign-offs
that staff must renew."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tpkit.ack import load as load_acks
from tpkit.ack import status as signoff
from tpkit.actions_files import STATUSES, load_actions
from tpkit.audit import load_audits, scoring_rules
from tpkit.audit.scoring import Score
from tpkit.browse import due
from tpkit.config import Registry
from tpkit.feedback import load_feedback, nps_counts, period_of
from tpkit.model import Touchpoint
from tpkit.services import validate


@dataclass
class VenueStatus:
    venue: str
    touchpoints: int  # its own and the shared ones
    audits: int  # scored visits
    last: Score | None  # the latest scored visit
    nps: float | None  # the guests' NPS in the month of the latest visit (else the latest month)
    nps_month: str
    replies: int
    actions: dict[str, int] = field(default_factory=dict)  # by status, and overdue (files)
    reread: int = 0  # sign-offs to renew after a change of the text
    unsigned: int = 0  # standards its staff of a role have not signed at all yet

    def to_dict(self) -> dict[str, Any]:
        last = self.last
        return {
            "venue": self.venue,
            "touchpoints": self.touchpoints,
            "audits": self.audits,
            "last_audit": None
            if last is None
            else {
                "path": last.path,
                "date": last.date.isoformat(),
                "kind": last.kind,
                "score": last.score,
                "band": last.band,
                "status": last.status,
                "score_change": last.score_change,
                "bottleneck": last.bottleneck.get("zone"),
                "actions": len(last.actions),
            },
            "nps": {"month": self.nps_month or None, "nps": self.nps, "replies": self.replies},
            "actions": self.actions,
            "signoff": {"must_reread": self.reread, "not_signed": self.unsigned},
        }


@dataclass
class Status:
    today: dt.date
    touchpoints: int
    levels: dict[str, int]  # findings by level: error, warning, info
    due: list[tuple[dt.date, Touchpoint]]
    venues: list[VenueStatus] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "touchpoints": self.touchpoints,
            "findings": self.levels,
            "due": [{"touchpoint": tp.id, "due": when.isoformat()} for when, tp in self.due],
            "venues": [v.to_dict() for v in self.venues],
        }


def status(registry: Registry, today: dt.date, *, within_days: int = 30) -> Status:
    """The registry's state on `today`, from its touchpoints, audits and guest feedback."""
    audits = load_audits(registry)
    report = validate(registry, today, audits=audits)
    levels = {level: 0 for level in ("error", "warning", "info")}
    for p in report.problems:
        levels[p.level] = levels.get(p.level, 0) + 1
    scores = [s for s in audits.scored(scoring_rules(registry)) if not s.empty]
    responses = load_feedback(registry.root)
    actions, _bad = load_actions(registry.root)
    standing = signoff(registry, load_acks(registry.root))
    out = Status(today, len(registry.touchpoints), levels, due(registry, today, within_days))
    for venue in registry.config.venues:
        if venue.competitor:  # compared in the report of its own venue, not one of the chain's
            continue
        own = [s for s in scores if s.venue == venue.id]
        last = max(own, key=lambda s: (s.date, s.path)) if own else None
        replies = [r for r in responses if r.venue == venue.id]
        month = period_of(last.date, "month") if last is not None else ""
        if replies and not any(period_of(r.date, "month") == month for r in replies):
            month = max(period_of(r.date, "month") for r in replies)
        chosen = [r for r in replies if period_of(r.date, "month") == month]
        counts = nps_counts(chosen) if chosen else {"nps": None}
        tps = sum(not tp.venues or venue.id in tp.venues for tp in registry.touchpoints)
        mine = [a for a in actions if a.venue == venue.id]
        by = {k: sum(a.status == k for a in mine) for k in STATUSES}
        by["overdue"] = sum(a.overdue(today) for a in mine)
        rows = [r for r in standing if r.venue == venue.id]
        out.venues.append(
            VenueStatus(
                venue.id,
                tps,
                len(own),
                last,
                counts["nps"],
                month,
                len(chosen),
                by if mine else {},
                sum(len(r.reread) for r in rows),
                sum(len(r.missing) for r in rows),
            )
        )
    return out
