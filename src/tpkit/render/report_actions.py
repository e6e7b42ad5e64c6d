"""Where a venue's corrective action files stand in its audit report: overdue, open, done and
verified, each with owner, due date, what was measured against the target, who closed it and
the visit that verified it (render/report.py puts it in each venue's section)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from tpkit import i18n
from tpkit.actions_files import OPEN, ActionFile, ordered
from tpkit.audit.scoring import Score
from tpkit.config import Registry
from tpkit.i18n import N_, _, n_
from tpkit.targets import measured

if TYPE_CHECKING:
    from tpkit.audit.model import Audit, SnapshotCheck
    from tpkit.audit.scoring import Action


# The groups of the actions, in the order the report shows them; an open action past its due
# date is overdue, whether it is open the first time or reopened.
GROUPS = (
    ("overdue", N_("Overdue")),
    ("open", N_("Open")),
    ("done", N_("Done")),
    ("verified", N_("Verified")),
)
STATUS_TITLES = {
    "open": N_("Open"),
    "reopened": N_("Reopened"),
    "done": N_("Done"),
    "verified": N_("Verified"),
}
LONG = 8  # actions past which the section starts on a page of its own in print
_UNSAFE_ID = re.compile(r"[^\w./-]")


class Audits:
    """The checks and the dates of the audits an action names: of the audits reported on
    first, else of the registry's audits (read once, only when an action needs one)."""

    def __init__(self, registry: Registry | None, scores: list[Score]) -> None:
        self.registry = registry
        self.failed = {(s.path, a.check): a for s in scores for a in s.actions}
        self.dates = {s.path: s.date for s in scores}
        self.every: dict[str, Audit] | None = None

    def _all(self) -> dict[str, Audit]:
        if self.every is None:
            from tpkit.audit import load_audits

            got = load_audits(self.registry).audits if self.registry is not None else []
            self.every = {a.path: a for a in got}
        return self.every

    def check(self, action: ActionFile) -> Action | SnapshotCheck | None:
        """The check as the audit that found it failed wrote it down (its title, target)."""
        for path in action.audits:
            if (path, action.check) in self.failed:
                return self.failed[(path, action.check)]
        for path in action.audits:
            audit = self._all().get(path)
            if audit is not None and action.check in audit.checks:
                return audit.checks[action.check]
        return None

    def date(self, path: str) -> dt.date | None:
        if path in self.dates:
            return self.dates[path]
        audit = self._all().get(path) if path else None
        return audit.date if audit is not None else None


def tracker(
    registry: Registry,
    venue: str,
    scores: list[Score],
    actions: list[ActionFile],
    unread: list[str],
    today: dt.date,
    found: Audits,
    lang: str,
) -> dict[str, Any] | None:
    """The venue's actions that the audits reported on made or re-checked, and every one of
    the venue still open, grouped overdue, open, done, verified; None when there is none."""
    paths = {s.path for s in scores if s.venue == venue}
    mine = [
        a
        for a in ordered(actions, today)
        if a.venue == venue and (a.status in OPEN or paths.intersection([*a.audits, a.verified_by]))
    ]
    bad = sum(1 for why in unread if why.startswith(f"actions/{venue}/"))
    if not mine and not bad:
        return None
    roles = {r.id: r.title_in(lang) for r in registry.config.roles}
    rows = [_tracked(a, found, roles, today) for a in mine]
    groups = [
        {"key": key, "title": _(title), "rows": [r for r in rows if r["group"] == key]}
        for key, title in GROUPS
    ]
    counts = {g["key"]: len(g["rows"]) for g in groups}
    parts = [
        n_("{n} overdue", "{n} overdue", counts["overdue"]),
        n_("{n} open, not yet due", "{n} open, not yet due", counts["open"]),
        n_(
            "{n} done, awaiting the next visit", "{n} done, awaiting the next visit", counts["done"]
        ),
        n_("{n} verified", "{n} verified", counts["verified"]),
    ]
    return {
        "summary": n_("{n} corrective action", "{n} corrective actions", len(rows))
        + ": "
        + " · ".join(parts),
        "counts": counts,
        "groups": [g for g in groups if g["rows"]],
        "long": len(rows) > LONG,
        "unread": n_(
            "{n} action file of this venue could not be read and is not listed: tpkit actions "
            "names it",
            "{n} action files of this venue could not be read and are not listed: tpkit actions "
            "names them",
            bad,
        )
        if bad
        else "",
    }


def _tracked(a: ActionFile, found: Audits, roles: dict[str, str], today: dt.date) -> dict[str, Any]:
    """One action as the report shows it. Its evidence is a list of paths, never opened."""
    check = found.check(a)
    late = (today - a.due).days if a.overdue(today) else 0
    when = i18n.date(a.closed_on, "long") if a.closed_on else ""
    if a.closed_by and when:
        closed = _("done on {date} by {who}", date=when, who=a.closed_by)
    elif when:
        closed = _("done on {date}", date=when)
    else:
        closed = _("done by {who}", who=a.closed_by) if a.closed_by else ""
    verified = ""
    if a.status == "verified" and a.verified_by:
        day = found.date(a.verified_by)
        verified = (
            _("verified by the visit of {date}", date=i18n.date(day, "long"))
            if day is not None
            else _("verified by the audit {file}", file=a.verified_by)
        )
    return {
        "id": a.id,
        "check": _UNSAFE_ID.sub("?", a.check),  # an id, shown as code: nothing but id characters
        "touchpoint": (check.touchpoint_title if check is not None else "") or a.touchpoint,
        "text": a.text,
        "owner": roles.get(a.owner, a.owner),
        "due": a.due,
        "late": n_("overdue by {n} day", "overdue by {n} days", late) if late else "",
        "group": "overdue" if late else "open" if a.status in OPEN else a.status,
        "status": a.status,
        "status_title": _(STATUS_TITLES[a.status]),
        "measured": _measured_against(a, check),
        "note": a.note,
        "closed": closed,  # a reopened action too: it was done once, and failed again
        "verified": verified,
        "root_cause": n_(
            "root cause needed: the check failed in {n} audit",
            "root cause needed: the check failed in {n} audits",
            len(a.audits),
        )
        if a.root_cause_needed
        else "",
        "evidence": list(a.evidence),
    }


def _measured_against(a: ActionFile, check: Action | SnapshotCheck | None) -> str:
    """What was measured beside the target of the audit that found it: '4,5 мин (норматив
    ≤ 3 мин)'; empty for a yes/no check, which says what failed by its text."""
    if a.measured in ("", "no"):
        return ""
    value = a.value
    if value is not None and check is not None and check.target is not None:
        return measured(value, check)
    shown = i18n.number(value, None) if value is not None else a.measured
    if a.target and a.target != "yes":
        return _("{value} (target {target})", value=shown, target=a.target)
    return shown
