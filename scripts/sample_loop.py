"""The sample corrective actions (actions/) and staff sign-offs (acks/, examples/sign-off.csv) of
the reference registry, made from its sample audits and touchpoints (called by samples.py).

Actions are kept from START on (the first visits of the autumn). They are made the way `tpkit
audit score --actions` makes them, audit by audit in date order, so that a later visit
verifies or reopens what an earlier one found. Between two visits of a venue its manager
closes each open action with a chance of CLOSE_CHANCE (`tpkit actions done`, a note from the
venue's pool, a day between the visit and the next one); what is left open after its due date
is overdue, as it would be in a real week.

Sign-offs: every member of a venue's staff (the pool's STAFF) signs the current text of each
touchpoint of their role, on a day of the last fortnight before TODAY. For the one CHANGED
touchpoint, everyone signed the text as it was before the change (without the step at
CHANGED_STEP) a month earlier, and only the first two of each role signed it again, so
`tpkit ack status` shows who must read it again; a NEWCOMER has signed the standards of
some zones only. The sheet is written as a sign-off form
exports it (examples/sign-off.csv) and stored by tpkit's own import.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
import shutil
from pathlib import Path
from types import ModuleType

from tpkit.ack import COLUMNS, read_csv, store, version
from tpkit.actions import apply_score, mark_done
from tpkit.actions_files import OPEN, load_actions
from tpkit.audit import load_audits, scoring_rules
from tpkit.model import Touchpoint
from tpkit.registry import Registry

TODAY = dt.date(2026, 12, 2)  # the day the samples describe
START = dt.date(2026, 10, 1)  # the venues keep corrective actions from this day on
CLOSE_CHANCE = 0.75
SIGNED_AGAIN = 2  # of each role's staff, who signed a changed standard again


def write_actions(registry: Registry, pools: dict[str, ModuleType], seed: int) -> dict[str, int]:
    """Make actions/ afresh from the audits on disk; returns the count of actions by status."""
    root = registry.root
    if (root / "actions").exists():
        shutil.rmtree(root / "actions")
    rules = scoring_rules(registry)
    scores = load_audits(registry).scored(rules)
    for venue, pool in pools.items():
        rng = random.Random(f"{seed}-{venue}-actions")
        mine = sorted(
            (s for s in scores if s.venue == venue and s.date >= START),
            key=lambda s: (s.date, s.path),
        )
        since: dict[str, dt.date] = {}  # action id → the day it was made or last reopened
        for n, score in enumerate(mine):
            if n:
                _close(root, venue, pool, rng, since, score.date)
            before = {a.id: a.status for a in load_actions(root)[0] if a.venue == venue}
            apply_score(root, score, score.date, competitor=False)
            for a in load_actions(root)[0]:
                if a.venue == venue and a.status in OPEN and before.get(a.id) not in OPEN:
                    since[a.id] = score.date
    counts: dict[str, int] = {}
    for a in load_actions(root)[0]:
        counts[a.status] = counts.get(a.status, 0) + 1
    counts["overdue"] = sum(a.overdue(TODAY) for a in load_actions(root)[0])
    return counts


def _close(
    root: Path,
    venue: str,
    pool: ModuleType,
    rng: random.Random,
    since: dict[str, dt.date],
    next_visit: dt.date,
) -> None:
    """The manager's work between two visits: each open action done with CLOSE_CHANCE."""
    actions, _bad = load_actions(root)
    for action in sorted(actions, key=lambda a: a.id):
        if action.venue != venue or action.status not in OPEN:
            continue
        if rng.random() >= CLOSE_CHANCE:
            continue
        made = since.get(action.id, next_visit)
        day = min(made + dt.timedelta(days=rng.randint(2, 12)), next_visit - dt.timedelta(days=1))
        if day <= made:
            continue
        note = rng.choice(pool.ACTION_NOTES)
        mark_done(root, action, note, [], pool.CLOSER, day)


def _staff_of(pool: ModuleType) -> dict[str, list[str]]:
    return dict(getattr(pool, "STAFF", {}))


def sign_off_rows(registry: Registry, pools: dict[str, ModuleType], seed: int) -> list[list[str]]:
    """The rows of the sign-off sheet, in the order a form tool exports them (by date)."""
    rows: list[list[str]] = []
    for venue, pool in pools.items():
        rng = random.Random(f"{seed}-{venue}-signoff")
        staff = _staff_of(pool)
        changed = getattr(pool, "CHANGED", "")
        for tp in sorted(registry.touchpoints, key=lambda t: t.id):
            if tp.venues and venue not in tp.venues:
                continue
            for role in tp.roles or [tp.owner]:
                for n, person in enumerate(staff.get(role, [])):
                    day = TODAY - dt.timedelta(days=rng.randint(1, 14))
                    if tp.id == changed:
                        old = _before_change(tp, pool.CHANGED_STEP)
                        early = TODAY - dt.timedelta(days=rng.randint(30, 40))
                        rows.append(_row(early, person, role, venue, tp.id, version(old)))
                        if n >= SIGNED_AGAIN:
                            continue
                        day = TODAY - dt.timedelta(days=rng.randint(1, 3))
                    rows.append(_row(day, person, role, venue, tp.id, version(tp)))
                new_role, newcomer, zones = getattr(pool, "NEWCOMER", ("", "", ()))
                if role == new_role and tp.zone in zones:
                    day = TODAY - dt.timedelta(days=rng.randint(1, 5))
                    rows.append(_row(day, newcomer, role, venue, tp.id, version(tp)))
    rows.sort(key=lambda r: (r[0], r[3], r[1], r[4]))
    return rows


def _before_change(tp: Touchpoint, step: int) -> Touchpoint:
    return dataclasses.replace(tp, steps=[s for n, s in enumerate(tp.steps) if n != step])


def _row(day: dt.date, person: str, role: str, venue: str, tp: str, ver: str) -> list[str]:
    return [day.isoformat(), person, role, venue, tp, ver]


def write_acks(registry: Registry, pools: dict[str, ModuleType], seed: int) -> int:
    """examples/sign-off.csv and acks/ afresh, through tpkit's own import; returns the rows."""
    rows = sign_off_rows(registry, pools, seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    sheet = registry.root / "examples" / "sign-off.csv"
    sheet.write_text(out.getvalue(), encoding="utf-8")
    if (registry.root / "acks").exists():
        shutil.rmtree(registry.root / "acks")
    added, known = store(registry.root, read_csv(sheet, registry))
    assert (added, known) == (len(rows), 0), (added, known, len(rows))
    return added
