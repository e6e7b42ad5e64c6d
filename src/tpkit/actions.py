"""Corrective actions made from an audit's failed checks, marked done by a person and verified
or reopened by the next audit that re-checks the check (the files: actions_files.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tpkit.actions_files import ROOT_CAUSE_AFTER, ActionFile, load_actions, save
from tpkit.audit.files import load_audit
from tpkit.audit.scoring import Score, outcome
from tpkit.i18n import _


def _measured(value: float | None) -> str:
    if value is None:
        return "no"  # a yes/no check that failed; a word of the file, not of a message
    return f"{value:g}"


def apply_score(root: Path, score: Score, today: dt.date, competitor: bool) -> list[str]:
    """Record an audit in the action files: a new action for each failed check without an
    open one, the audit added to an open one, done actions verified (pass) or reopened (fail).
    Returns what was done, one line each."""
    if competitor:
        return []
    actions, _bad = load_actions(root)
    mine = {a.check: a for a in actions if a.venue == score.venue and a.status != "verified"}
    said: list[str] = []
    failed = {a.check: a for a in score.actions}
    for check, act in failed.items():
        known = mine.get(check)
        if known is None:
            new = ActionFile(
                id=f"{score.date.isoformat()}-{check.replace('/', '-')}",
                venue=score.venue,
                check=check,
                touchpoint=act.touchpoint,
                text=act.text,
                owner=act.owner,
                due=act.due,
                measured=_measured(act.value),
                target=act.target.describe() if act.target is not None else "yes",
                audits=[score.path],
            )
            save(root, new)
            said.append(_("{file}: new action, due {due}", file=new.path, due=new.due))
            continue
        if score.path in known.audits:
            continue
        known.audits.append(score.path)
        if known.status == "done":
            known.status = "reopened"
            known.due = act.due
            said.append(_("{file}: reopened, the check failed again", file=known.path))
        else:
            said.append(_("{file}: failed again, added to the open action", file=known.path))
        if len(known.audits) >= ROOT_CAUSE_AFTER and not known.root_cause_needed:
            known.root_cause_needed = True
            said.append(
                _(
                    "{file}: check '{check}' failed in {n} audits: find the root cause and "
                    "write it in note before the next visit",
                    file=known.path,
                    check=check,
                    n=len(known.audits),
                )
            )
        save(root, known)
    passed = _passed(root, score)
    for check, known in mine.items():
        if known.status == "done" and check in passed:
            known.status = "verified"
            known.verified_by = score.path
            save(root, known)
            said.append(_("{file}: verified, the check passed", file=known.path))
    return said


def _passed(root: Path, score: Score) -> set[str]:
    path = Path(score.path)
    audit, problems = load_audit(path if path.is_absolute() else root / path, score.path)
    if audit is None or problems:
        return set()
    return {
        cid
        for cid, check in audit.checks.items()
        if outcome(check, audit.results.get(cid)) in ("pass", "wow")
    }


def mark_done(
    root: Path, action: ActionFile, note: str, photos: list[str], by: str, today: dt.date
) -> None:
    action.status = "done"
    action.note = note
    action.evidence.extend(photos)
    action.closed_by = by
    action.closed_on = today
    save(root, action)


def record(root: Path, competitors: set[str], scores: list[Score], today: dt.date) -> list[str]:
    """apply_score for each scored audit, in date order, so a later audit verifies an earlier
    audit's actions."""
    said: list[str] = []
    for score in sorted(scores, key=lambda s: (s.date, s.path)):
        if not score.empty:
            said.extend(apply_score(root, score, today, score.venue in competitors))
    return said
