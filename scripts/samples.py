#!/usr/bin/env python3
"""The sample visits (audits/), guest feedback (feedback/, examples/guest-feedback.csv),
corrective actions (actions/) and staff sign-offs (acks/, examples/sign-off.csv) of the
reference registry, made again from the touchpoints on disk (the last two: sample_loop.py).

    .venv/bin/python scripts/samples.py            # audits and feedback, seed 2026
    .venv/bin/python scripts/samples.py --check    # say what would be written, write nothing

Seeded and re-runnable: the same touchpoints and the same seed give the same files. Every
audit is made as `tpkit audit new` makes one (the snapshot of the venue's checks, or of the
payment zone for a point-of-sale audit, and their checks_hash) and written by tpkit's own
audit writer; the feedback is written as an export and imported by tpkit's own import. The
words come from hand-written pools, one module a venue (scripts/sample_pools/): notes for what
an auditor saw, the reasons a check could not be seen, and guest comments with the scores
they fit. A note or a comment is used once; a check id or a touchpoint that is no longer in
the registry is skipped, and a fact a note quotes (the card hold, breakfast hours, the last
order) is read from the touchpoints, so the notes never contradict them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import io
import random
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_loop  # noqa: E402

from tpkit import i18n  # noqa: E402
from tpkit.audit import scoring_rules  # noqa: E402
from tpkit.audit.model import Audit, Result, SnapshotCheck, snapshot  # noqa: E402
from tpkit.audit.scoring import outcome as outcome_of  # noqa: E402
from tpkit.audit.scoring import score_audit  # noqa: E402
from tpkit.audit.writer import save  # noqa: E402
from tpkit.registry import Registry, load_registry  # noqa: E402

VENUE_POOLS = {"nevsky": "nevsky", "harbour": "harbour", "liteyny": "liteyny"}
MONTHS = ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11")
WINDOW = 5  # ACH004 looks at a check's last 5 audits: each passes in at least half of them


# ---- facts read from the touchpoints -----------------------------------------------------


def facts(registry: Registry) -> dict[str, str]:
    """Facts the notes quote, as the touchpoints state them today."""
    out: dict[str, str] = {}
    by_id = {tp.id: tp for tp in registry.touchpoints}

    def text_of(tp_id: str) -> str:
        tp = by_id.get(tp_id)
        if tp is None:
            return ""
        return " ".join([tp.standard, *tp.steps, *tp.say, *(c.text for c in tp.checks)])

    hold = re.search(r"£(\d+)", text_of("hotel.checkin") + text_of("hotel.deposit"))
    if hold:
        out["hold"] = f"£{hold[1]}"
    breakfast = re.search(
        r"from (\d{1,2}(?:[.:]\d{2})?(?: ?[ap]m)?) (?:to|until|till) "
        r"(\d{1,2}(?:[.:]\d{2})? ?[ap]m)",
        text_of("hotel.key-wifi") + " " + text_of("hotel.breakfast-buffet"),
    )
    if breakfast:
        out["breakfast"] = f"{breakfast[1]} to {breakfast[2]}"
    room = re.search(r"in the ([A-Z][a-z]+ Room)", text_of("hotel.key-wifi"))
    if room:
        out["bf_room"] = room[1]
    checkin = re.search(r"by (\d{1,2} [ap]m), our check-in time", text_of("hotel.room-ready"))
    if checkin:
        out["checkin"] = checkin[1]
    closing = text_of("restaurant.closing-time")
    last = re.search(r"последний заказ (?:в|до) (\d{1,2}:\d{2})", closing)
    if last:
        out["last_order"] = last[1]
    close = re.search(r"работает до (\d{1,2}:\d{2})|открыт до (\d{1,2}:\d{2})", closing)
    if close:
        out["close"] = close[1] or close[2]
    cafe = text_of("cafe.closing-time")
    found = re.search(r"последний заказ принимает до (\d{1,2}:\d{2})", cafe)
    if found:
        out["cafe_last"] = found[1]
    found = re.search(r"закрывается в (\d{1,2}:\d{2})", cafe)
    if found:
        out["cafe_close"] = found[1]
    return out


# ---- values of measured checks -------------------------------------------------------------


def cap_of(check: SnapshotCheck) -> float | None:
    """The natural top of a count a check takes: «из 10», "out of 10", three questions."""
    if check.target is not None and getattr(check.target, "of", None):
        return float(check.target.of)
    found = re.search(r"(?:из|out of|of) (\d+)", check.text)
    if found:
        return float(found[1])
    t = check.target
    if t is not None and t.min is not None and t.min >= 10 and t.min < 40:
        return t.min  # 14 allergens of 14: the list is complete or it is not
    if "towel" in check.text.lower():
        return t.min if t is not None and t.min is not None else None
    if re.search(r"\b3 (?:вопрос|question)", check.text):
        return 3.0
    return None


def step_of(check: SnapshotCheck, limit: float) -> float:
    unit = check.target.unit if check.target else None
    if check.type == "count" or check.type == "scale":
        return 1.0
    if unit == "s":
        return 1.0
    if unit in ("min", "h") and limit <= 3:
        return 0.5
    return 1.0


def measured(check: SnapshotCheck, passed: bool, rng: random.Random) -> float:
    """A value that meets the check's target, or one that misses it."""
    t = check.target
    assert t is not None
    best = getattr(t, "best", None)  # the natural limit: two towels, one question
    if passed and best is not None:
        if t.max is not None or best < 10:
            return float(best)
        return float(rng.randint(int(best), int(best) + 8))
    if t.min is not None and t.max is not None:  # a range: 8–10 °C
        if passed:
            return float(rng.randint(int(t.min), int(t.max)))
        return float(rng.choice([int(t.min) - rng.randint(1, 3), int(t.max) + rng.randint(1, 3)]))
    if check.type == "scale":
        top = t.of or 5
        low = t.min or top - 1
        return float(rng.randint(int(low), int(top))) if passed else float(int(low) - 1)
    if t.max is not None:
        limit = t.max
        step = step_of(check, limit)
        if limit == 0:
            return 0.0 if passed else float(rng.choice([1, 1, 1, 2]))
        if passed:
            lo, hi = 0.25 * limit, limit
            if check.type == "count":  # 2 of 3 rings, 4 of 5 steps, 58 of 65 dB
                lo = (
                    0 if limit <= 1 else 1 if limit <= 3 else limit * (0.85 if limit >= 40 else 0.6)
                )
        else:
            lo, hi = limit * 1.15 + step, limit * 2.1
        value = round(rng.uniform(lo, hi) / step) * step
        value = min(value, limit) if passed else max(value, limit + step)
        return float(max(value, step if check.type == "time" else 0))
    assert t.min is not None
    cap = cap_of(check)
    limit = t.min
    if passed:
        top = cap if cap is not None else limit + (12 if limit >= 40 else 2)
        return float(rng.randint(int(limit), int(max(limit, top))))
    low = int(limit) - 4 if limit >= 40 else max(1, int(limit) - 2)
    return float(rng.randint(low, int(limit) - 1)) if limit >= 1 else 0.0


def shown(value: float, check: SnapshotCheck, lang: str) -> str:
    """A value as a note writes it: 7 мин, 2,5 h, 4 rings."""
    with i18n.language(lang):
        text = i18n.number(value)
    unit = check.target.unit if check.target else None
    names = {
        "ru": {"s": "с", "min": "мин", "h": "ч"},
        "en": {"s": "s", "min": "min", "h": "h"},
    }[lang]
    return f"{text} {names[unit]}" if unit in names else text


# ---- one visit -----------------------------------------------------------------------------


@dataclass
class Plan:
    day: dt.date
    kind: str
    level: float  # the score aimed at, 0–100
    auditor: str
    start: str  # the time the visit starts, HH:MM
    story: dict[str, str] = field(default_factory=dict)  # check → outcome forced by the story


@dataclass
class Used:
    """Notes already written for a venue: none is written twice."""

    texts: set[str] = field(default_factory=set)


def clock(start: str, minutes: int) -> str:
    hours, mins = (int(p) for p in start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


ZONE_OFFSET = {
    "before": -30,
    "arrival": 0,
    "order": 10,
    "service": 45,
    "payment": 85,
    "departure": 100,
    "after": 0,
}


def fill(template: str, values: dict[str, str]) -> str | None:
    """A template with its {fields}; None when it names a fact the touchpoints do not give."""
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return None


Option = str | tuple[tuple[int, ...], str]  # a note, or (the months it fits, the note)


def pick_note(
    options: list[Option], values: dict[str, str], used: Used, rng: random.Random, month: int
) -> str | None:
    order = list(options)
    rng.shuffle(order)
    for option in order:
        if isinstance(option, tuple):
            months, template = option
            if month not in months:
                continue
        else:
            template = option
        text = fill(template, values)
        if text is not None and text not in used.texts:
            used.texts.add(text)
            return text
    return None


class Venue:
    """A venue's pools and the state kept across its visits."""

    def __init__(
        self, registry: Registry, venue: str, pools: ModuleType, seed: int, used: Used
    ) -> None:
        self.registry = registry
        self.venue = venue
        self.pools = pools
        self.lang: str = pools.LANG
        self.rng = random.Random(f"{seed}-{venue}")
        self.facts = facts(registry)
        self.used = used  # shared by the venues: no note is written twice anywhere
        self.history: dict[str, list[str]] = defaultdict(list)  # check → outcomes, oldest first
        self.seen_now: dict[tuple[dt.date, str], bool] = {}
        self.explained: set[tuple[dt.date, str]] = set()

    def note_for(self, cid: str, what: str, values: dict[str, str]) -> str | None:
        options = self.pools.NOTES.get(cid, {}).get(what, [])
        month = int(values["month"])
        return pick_note(options, values, self.used, self.rng, month) if options else None

    def tag(self, cid: str) -> str:
        tags: dict[str, str] = self.pools.TAGS
        return tags.get(cid) or tags.get(cid.split("/", 1)[0]) or "seen"

    def situation(self, tp: str, tag: str, plan: Plan) -> bool:
        """Whether what the touchpoint is about came up on this visit, the same for all its
        checks: a case in the month's log, a full room, a guest paying cash."""
        key = (plan.day, tp)
        if key not in self.seen_now:
            chance = {"incident": 0.5, "chance": 0.45, "cash": 0.35}.get(tag, 1.0)
            self.seen_now[key] = self.rng.random() < chance
        return self.seen_now[key]

    def not_seen(self, cid: str, check: SnapshotCheck, plan: Plan) -> tuple[str, str] | None:
        """Why this check cannot be seen on this visit: (the pool of reasons, the tag), or None
        when it can."""
        tag = self.tag(cid)
        tp = cid.split("/", 1)[0]
        month = plan.day.month
        if tag == "seen":
            return None
        if tag == "record" and plan.kind in ("internal", "pos"):
            return None
        if tag == "dark" and plan.kind in getattr(self.pools, "OVERNIGHT", ()):
            return None  # a stay sees the evening
        if tag == "dark":
            dark_from = self.pools.DARK_FROM.get(month)
            if dark_from is not None and clock(plan.start, 120) >= dark_from:
                return None  # dark before the visit ends
        if tag == "winter" and month in (11, 12, 1, 2, 3):
            return None
        if tag == "evening":
            return None if plan.start >= "18:00" else (tp, tag)
        if tag == "incident" and plan.kind == "internal":
            if self.situation(tp, tag, plan):
                return None  # the internal check reads the case in the month's log
            return tp, "log"
        if tag == "incident" and plan.kind == "mystery":
            return tp, tag  # a mystery guest does not stage accidents
        if tag in ("chance", "cash", "incident") and self.situation(tp, tag, plan):
            return None
        return tp, tag

    def reason(self, cid: str, tp: str, tag: str, plan: Plan, check: SnapshotCheck) -> str | None:
        """The note of an n/a: the first n/a check of a touchpoint says why, the others of the
        same touchpoint on the same visit are left without a note."""
        key = (plan.day, tp)
        if key in self.explained:
            return None
        self.explained.add(key)
        by_check: dict[str, list[Option]] = getattr(self.pools, "NA_BY", {})
        options = by_check.get(cid) or by_check.get(f"{tp}:{tag}") or by_check.get(tp)
        options = options or self.pools.NA.get(tag) or self.pools.NA["default"]
        month = plan.day.month
        return pick_note(options, self.values(plan, check), self.used, self.rng, month) or fill(
            self.rng.choice([o for o in options if isinstance(o, str)]), self.values(plan, check)
        )

    def values(self, plan: Plan, check: SnapshotCheck, value: str = "") -> dict[str, str]:
        offsets = getattr(self.pools, "ZONE_OFFSET", ZONE_OFFSET)
        offset = offsets.get(check.zone, 0) + self.rng.randint(0, 6)
        return {
            **self.facts,
            "t": clock(plan.start, offset),
            "tc": f"{self.rng.randint(10, 17)}:{self.rng.choice(('05', '20', '35', '40', '50'))}",
            "table": str(self.rng.choice(self.pools.TABLES)),
            "room": str(self.rng.choice(self.pools.ROOMS)) if hasattr(self.pools, "ROOMS") else "",
            "v": value,
            "day": f"{self.rng.randint(2, 27)}.{plan.day.month:02d}",
            "month": str(plan.day.month),
        }

    def failable(self, cid: str, check: SnapshotCheck) -> bool:
        """A check may fail when it has a fail note not written yet: every fail says why."""
        if check.critical and cid not in self.pools.CRITICAL_MAY_FAIL:
            return False
        notes = self.pools.NOTES.get(cid, {}).get("fail", [])
        # a note with a measured value, a time or a table reads differently each time it is
        # filled in; a note of fixed words can be written once
        room = sum(3 if re.search(r"\{(v|t|tc|table|room|day)\}", str(n)) else 1 for n in notes)
        return self.history[cid].count("fail") < room

    def may_fail(self, cid: str) -> bool:
        """A fail now keeps the check passed in at least half of its last audits (ACH004)."""
        window = [*self.history[cid], "fail"][-WINDOW:]
        return len(window) == 1 or sum(o != "fail" for o in window) >= len(window) / 2

    def visit(self, plan: Plan) -> Audit:
        zone = "payment" if plan.kind == "pos" else None
        checks = snapshot(self.registry, self.venue, zone)
        results: dict[str, Result] = {}
        applicable: list[str] = []
        for cid, check in checks.items():
            unseen = self.not_seen(cid, check, plan)
            if plan.story.get(cid) == "na" and unseen is None:
                unseen = (cid.split("/", 1)[0], "default")
            if unseen is not None and plan.story.get(cid) not in ("fail", "pass", "wow"):
                results[cid] = Result("na", None, self.reason(cid, *unseen, plan, check))
            else:
                applicable.append(cid)
        fails = self.choose_fails(plan, checks, applicable)
        wows = self.choose_wows(plan, checks, applicable, fails)
        for cid in applicable:
            check = checks[cid]
            outcome = "fail" if cid in fails else "wow" if cid in wows else "pass"
            results[cid] = self.answer(plan, cid, check, outcome)
            self.history[cid].append(outcome_of(check, results[cid]) or outcome)
        audit = Audit(self.venue, plan.day, plan.kind, checks, results, plan.auditor)
        return audit

    def choose_fails(
        self, plan: Plan, checks: dict[str, SnapshotCheck], applicable: list[str]
    ) -> set[str]:
        rules = scoring_rules(self.registry)
        fails = {cid for cid in applicable if plan.story.get(cid) == "fail"}
        candidates = [
            cid
            for cid in applicable
            if cid not in fails
            and plan.story.get(cid) not in ("pass", "wow")
            and self.failable(cid, checks[cid])
            and self.may_fail(cid)
        ]
        weak: dict[str, float] = self.pools.WEAK
        self.rng.shuffle(candidates)
        candidates.sort(key=lambda c: -(weak.get(c, 1.0) * self.rng.random()))

        def score(chosen: set[str]) -> float:
            trial = Audit(
                self.venue,
                plan.day,
                plan.kind,
                {c: checks[c] for c in applicable},
                {c: Result("fail" if c in chosen else "pass") for c in applicable},
            )
            got = score_audit(trial, rules).score
            return 100.0 if got is None else got

        for cid in candidates:
            if score(fails) <= plan.level + 0.8:
                break
            fails.add(cid)
            if score(fails) < plan.level - 1.5:
                fails.discard(cid)
        return fails

    def choose_wows(
        self,
        plan: Plan,
        checks: dict[str, SnapshotCheck],
        applicable: list[str],
        fails: set[str],
    ) -> set[str]:
        wows = {cid for cid in applicable if plan.story.get(cid) == "wow"}
        chance = 0.35 if plan.level >= 88 else 0.15
        for cid in applicable:
            if cid in fails or checks[cid].type != "yesno":
                continue
            if self.pools.NOTES.get(cid, {}).get("wow") and self.rng.random() < chance:
                wows.add(cid)
        return wows

    def answer(self, plan: Plan, cid: str, check: SnapshotCheck, outcome: str) -> Result:
        value_text = ""
        value: float | None = None
        if check.type != "yesno" and check.target is not None:
            value = measured(check, outcome != "fail", self.rng)
            value_text = shown(value, check, self.lang)
        values = self.values(plan, check, value_text)
        note = self.note_for(cid, outcome, values) if outcome != "pass" else None
        if note is None and outcome == "fail":  # no reason left to give: it passed after all
            return self.answer(plan, cid, check, "pass")
        if note is None and outcome == "wow":
            outcome = "pass"
        if note is None and outcome == "pass" and self.rng.random() < 0.3:
            note = self.note_for(cid, "pass", values)
        if value is not None:
            if outcome == "wow":
                return Result("wow", value, note)
            return Result(None, value, note)
        return Result(outcome, None, note)


# ---- the files -----------------------------------------------------------------------------


def plans_of(pools: ModuleType) -> list[Plan]:
    out = []
    shoppers = iter(pools.SHOPPERS)
    for day, kind, level, start, *story in pools.PLAN:
        auditor = (
            next(shoppers)
            if kind == "mystery"
            else pools.INTERNAL_AUDITOR
            if kind == "internal"
            else pools.POS_AUDITOR
        )
        out.append(
            Plan(dt.date.fromisoformat(day), kind, level, auditor, start, story[0] if story else {})
        )
    return out


def write_audits(registry: Registry, seed: int, dry: bool) -> list[tuple[Path, float | None]]:
    rules = scoring_rules(registry)
    written: list[tuple[Path, float | None]] = []
    venues = [v.id for v in registry.config.venues if not v.competitor]
    base = registry.root / "audits"
    used = Used()
    if not dry:
        for venue in venues:
            folder = base / venue
            if folder.is_dir():
                for old in folder.glob("*.yaml"):
                    old.unlink()
    for venue in venues:
        pools = pools_of(venue)
        if pools is None or not snapshot(registry, venue):
            print(f"{venue}: no touchpoints or no pools yet, no sample audits", file=sys.stderr)
            continue
        state = Venue(registry, venue, pools, seed, used)
        for plan in plans_of(pools):
            audit = state.visit(plan)
            path = base / venue / f"{plan.day.isoformat()}-{plan.kind}.yaml"
            audit.path = str(path.relative_to(registry.root))
            if not dry:
                path.parent.mkdir(parents=True, exist_ok=True)
                with i18n.language(pools.LANG):
                    save(audit, path)
            written.append((path, score_audit(audit, rules).score))
    return written


# ---- feedback ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    text: str
    low: int
    high: int
    touchpoint: str = ""
    months: tuple[int, ...] = ()


def pools_of(venue: str) -> ModuleType | None:
    if venue not in VENUE_POOLS:
        return None
    try:
        return importlib.import_module(f"sample_pools.{VENUE_POOLS[venue]}")
    except ModuleNotFoundError:
        return None


def comments_of(pools: ModuleType) -> list[Comment]:
    out = []
    for entry in pools.COMMENTS:
        text, low, high, *rest = entry
        tp = rest[0] if rest else ""
        months = tuple(rest[1]) if len(rest) > 1 else ()
        out.append(Comment(text, low, high, tp, months))
    return out


def split(n: int, nps: float, passive: float) -> tuple[int, int, int]:
    """Promoters, passives and detractors of n replies for an NPS near `nps`."""
    passives = round(n * passive)
    rest = n - passives
    promoters = round((rest + n * nps / 100) / 2)
    detractors = rest - promoters
    return promoters, passives, detractors


def feedback_rows(registry: Registry, seed: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    known = {tp.id: tp for tp in registry.touchpoints}
    for venue in [v.id for v in registry.config.venues]:
        pools = pools_of(venue)
        if pools is None or not hasattr(pools, "COMMENTS"):
            continue
        rng = random.Random(f"{seed}-{venue}-feedback")
        free = comments_of(pools)
        rng.shuffle(free)
        for month, (n, nps, passive) in zip(MONTHS, pools.FEEDBACK, strict=True):
            year, mon = (int(p) for p in month.split("-"))
            days = (dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)).day
            promoters, passives, detractors = split(n, nps, passive)
            scores = (
                [rng.choice([9, 10, 10, 10, 9, 10]) for _ in range(promoters)]
                + [rng.choice([7, 8, 8, 8, 7]) for _ in range(passives)]
                + [rng.choice([6, 6, 5, 6, 5, 4, 3, 6, 5, 2, 0, 1]) for _ in range(detractors)]
            )
            rng.shuffle(scores)
            for score in scores:
                kind = "p" if score >= 9 else "n" if score >= 7 else "d"
                chance = {"p": 0.30, "n": 0.30, "d": 0.62}[kind]
                channel = pick_channel(pools.CHANNELS[kind], rng)
                comment = None
                if rng.random() < chance:
                    for i, c in enumerate(free):
                        if c.low <= score <= c.high and (not c.months or mon in c.months):
                            comment = free.pop(i)
                            break
                tp = ""
                if comment is not None and comment.touchpoint:
                    found = known.get(comment.touchpoint)
                    if found is not None and (not found.venues or venue in found.venues):
                        tp = comment.touchpoint
                day = dt.date(year, mon, rng.randint(1, days))
                rows.append(
                    {
                        "date": day.isoformat(),
                        "venue": venue,
                        "score": str(score),
                        "channel": channel,
                        "comment": comment.text if comment else "",
                        "touchpoint": tp,
                    }
                )
        if free:
            print(f"{venue}: {len(free)} comments of the pool left unused", file=sys.stderr)
    rows.sort(key=lambda r: (r["date"], r["venue"], r["score"], r["comment"]))
    return rows


def pick_channel(weights: dict[str, float], rng: random.Random) -> str:
    names = list(weights)
    return rng.choices(names, [weights[n] for n in names])[0]


EXPORT = ("date", "venue", "score", "channel", "comment", "touchpoint")


def export_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_feedback(registry: Registry, seed: int, dry: bool) -> list[dict[str, str]]:
    from tpkit.feedback import import_csv

    rows = feedback_rows(registry, seed)
    if dry:
        return rows
    example = registry.root / "examples" / "guest-feedback.csv"
    example.write_text(export_text(rows), encoding="utf-8")
    store = registry.root / "feedback"
    with tempfile.TemporaryDirectory() as tmp:  # the store made afresh by tpkit's own import
        fresh = Path(tmp) / "registry"
        fresh.mkdir()
        shutil.copy2(registry.root / "tpkit.yaml", fresh / "tpkit.yaml")
        for folder in ("touchpoints", "standards"):
            if (registry.root / folder).is_dir():
                shutil.copytree(registry.root / folder, fresh / folder)
        added, known = import_csv(example, load_registry(fresh))
        assert known == 0 or added + known == len(rows), (added, known)
        if store.exists():
            shutil.rmtree(store)
        shutil.copytree(fresh / "feedback", store, ignore=shutil.ignore_patterns(".*"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--registry", type=Path, default=ROOT)
    parser.add_argument("--check", action="store_true", help="write nothing, show the scores")
    parser.add_argument("--only", choices=("audits", "feedback", "actions", "acks"))
    args = parser.parse_args(argv)
    registry = load_registry(args.registry)
    wanted = {args.only} if args.only else {"audits", "feedback", "actions", "acks"}
    if "audits" in wanted:
        for path, got in write_audits(registry, args.seed, args.check):
            print(f"{path.relative_to(registry.root)}  {got}")
    if "feedback" in wanted:
        rows = write_feedback(registry, args.seed, args.check)
        comments = {r["comment"] for r in rows if r["comment"]}
        print(f"feedback: {len(rows)} replies, {len(comments)} different comments")
    if args.check:
        return 0
    pools = {v: p for v in VENUE_POOLS if (p := pools_of(v)) is not None}
    if "actions" in wanted:  # after the audits: made from them, in date order
        with i18n.language("en"):
            counts = sample_loop.write_actions(registry, pools, args.seed)
        print("actions: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    if "acks" in wanted:
        print(f"sign-offs: {sample_loop.write_acks(registry, pools, args.seed)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
