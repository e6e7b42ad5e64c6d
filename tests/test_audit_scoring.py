"""Scoring by SPEC 3.3, on hand-computed audits and on random ones."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tpkit.audit.files import Audit, Result, SnapshotCheck
from tpkit.audit.scoring import Band, ScoringRules, score_audit, with_change
from tpkit.model import Target

DAY = dt.date(2026, 11, 20)


def check(
    cid: str,
    zone: str = "arrival",
    weight: float = 1,
    critical: bool = False,
    kind: str = "yesno",
    target: Target | None = None,
    roles: tuple[str, ...] = ("host",),
) -> SnapshotCheck:
    return SnapshotCheck(
        cid,
        f"text of {cid}",
        zone,
        "service-director",
        cid.split("/")[0],
        roles,
        kind,
        target,
        weight,
        critical,
    )


def audit(
    checks: list[SnapshotCheck],
    results: dict[str, Result],
    date: dt.date = DAY,
    path: str = "a.yaml",
) -> Audit:
    return Audit("nevsky", date, "mystery", {c.id: c for c in checks}, results, "Анна", path=path)


CHECKS = [
    check("greet.t/c1", weight=2),
    check("greet.t/c2", weight=1),
    check("menu.t/c3", zone="order", weight=3, roles=("waiter",)),
    check("menu.t/c4", zone="order", weight=1, roles=("waiter",)),
    check(
        "bill.t/c5",
        zone="payment",
        weight=2,
        kind="time",
        target=Target(max=3, unit="min"),
        roles=("waiter",),
    ),
    check(
        "bill.t/c6", zone="payment", weight=1, kind="count", target=Target(max=0), roles=("waiter",)
    ),
]
RESULTS = {
    "greet.t/c1": Result("pass"),
    "greet.t/c2": Result("fail", note="не поздоровались"),
    "menu.t/c3": Result("wow", note="рассказал о блюде дня"),
    "menu.t/c4": Result("na"),
    "bill.t/c5": Result(None, 2.5),  # within 3 min: pass
    "bill.t/c6": Result(None, 1),  # one wrong line, target max 0: fail
}


def test_a_hand_computed_audit() -> None:
    s = score_audit(audit(CHECKS, RESULTS))
    # scored weights: c1 2 (pass) + c2 1 (fail) + c3 3 (wow) + c5 2 (pass) + c6 1 (fail) = 9
    # credit: 2 + 0 + 3 + 2 + 0 = 7 → 77.8; c4 is n/a and counts on neither side
    assert s.score == 77.8 and s.band == "amber" and s.status == "ok"
    assert s.zones == {"arrival": 66.7, "order": 100.0, "payment": 66.7}
    assert s.touchpoints == {"greet.t": 66.7, "menu.t": 100.0, "bill.t": 66.7}
    assert s.roles == {"host": 66.7, "waiter": 83.3}
    assert s.ladder == {"disappointment": 2, "satisfaction": 0, "delight": 1}
    assert s.delight_rate == 0.2  # 1 wow of 5 scored checks
    assert s.counts == {"pass": 2, "fail": 2, "wow": 1, "na": 1, "unanswered": 0}
    assert s.bottleneck == {"zone": "arrival", "touchpoints": ["greet.t", "bill.t"]}
    assert [(a.check, a.owner, a.due, a.note) for a in s.actions] == [
        ("greet.t/c2", "service-director", dt.date(2026, 12, 4), "не поздоровались"),
        ("bill.t/c6", "service-director", dt.date(2026, 12, 4), ""),
    ]


def test_a_failed_critical_check_fails_the_audit_whatever_the_score() -> None:
    checks = [check(f"t.x/c{i}", weight=10) for i in range(9)] + [
        check("t.x/safe", weight=1, critical=True)
    ]
    results = {c.id: Result("pass") for c in checks} | {"t.x/safe": Result("fail")}
    s = score_audit(audit(checks, results))
    assert s.score == 98.9 and s.band == "green"
    assert s.status == "critical-fail" and s.failed
    assert s.actions[0].critical


@pytest.mark.parametrize(("passed", "band"), [(9, "green"), (8, "amber"), (7, "red")])
def test_bands_from_the_scoring_rules(passed: int, band: str) -> None:
    checks = [check(f"t.x/c{i}") for i in range(10)]
    results = {c.id: Result("pass" if i < passed else "fail") for i, c in enumerate(checks)}
    assert score_audit(audit(checks, results)).band == band


def test_bands_come_from_the_rules() -> None:
    checks = [check(f"t.x/c{i}") for i in range(10)]
    results = {c.id: Result("pass" if i < 9 else "fail") for i, c in enumerate(checks)}
    strict = ScoringRules(bands=(Band("green", 95), Band("red", 0)))
    assert score_audit(audit(checks, results), strict).band == "red"


def test_explicit_result_wins_over_the_value() -> None:
    c = check("t.x/time", kind="time", target=Target(max=30, unit="s"))
    s = score_audit(audit([c], {c.id: Result("wow", 20)}))
    assert s.counts["wow"] == 1
    s = score_audit(audit([c], {c.id: Result(None, 31)}))
    assert s.counts["fail"] == 1 and s.score == 0.0


def test_unanswered_checks_do_not_count_and_make_it_incomplete() -> None:
    s = score_audit(audit(CHECKS, {"greet.t/c1": Result("pass")}))
    assert s.score == 100.0 and s.counts["unanswered"] == 5 and not s.complete


def test_change_since_the_previous_audit() -> None:
    before = score_audit(
        audit(CHECKS, {**RESULTS, "greet.t/c2": Result("pass")}, date=DAY - dt.timedelta(days=30))
    )
    now = with_change(score_audit(audit(CHECKS, RESULTS)), [before])
    assert now.change == {"arrival": -33.3, "order": 0.0, "payment": 0.0}
    assert now.score_change == round(77.8 - 88.9, 1)


def test_a_one_zone_audit_is_not_compared_with_a_whole_visit() -> None:
    whole = score_audit(audit(CHECKS, RESULTS, date=DAY - dt.timedelta(days=30)))
    payment = [c for c in CHECKS if c.zone == "payment"]
    pos = score_audit(
        audit(payment, {c.id: Result("pass") for c in payment}, date=DAY - dt.timedelta(days=10))
    )
    now = with_change(
        score_audit(audit(CHECKS, {**RESULTS, "greet.t/c2": Result("pass")})), [whole, pos]
    )
    assert now.change == {"arrival": 33.3, "order": 0.0, "payment": -33.3}
    assert now.score_change == round(88.9 - 77.8, 1)  # against the last whole visit


def test_action_due_days_are_configurable() -> None:
    s = score_audit(audit(CHECKS, RESULTS), ScoringRules(action_due_days=7))
    assert {a.due for a in s.actions} == {dt.date(2026, 11, 27)}


OUTCOMES = st.sampled_from(["pass", "fail", "wow", "na"])


@st.composite
def random_audits(draw: st.DrawFn) -> Audit:
    n = draw(st.integers(min_value=1, max_value=30))
    checks = [
        check(
            f"t{draw(st.integers(0, 5))}.t/c{i}",
            zone=draw(st.sampled_from(["before", "arrival", "order"])),
            weight=draw(st.sampled_from([0.5, 1, 2, 3, 10])),
            critical=draw(st.booleans()),
        )
        for i in range(n)
    ]
    results = {c.id: Result(draw(OUTCOMES)) for c in checks}
    return audit(checks, results)


@given(random_audits())
def test_score_stays_within_0_and_100(a: Audit) -> None:
    s = score_audit(a)
    assert s.score is None or 0 <= s.score <= 100
    assert all(0 <= v <= 100 for v in [*s.zones.values(), *s.touchpoints.values()])


@given(random_audits(), st.randoms())
def test_order_of_checks_and_results_changes_nothing(a: Audit, rnd: random.Random) -> None:
    ids = list(a.checks)
    rnd.shuffle(ids)
    shuffled = Audit(
        a.venue,
        a.date,
        a.kind,
        {i: a.checks[i] for i in ids},
        dict(reversed(list(a.results.items()))),
        a.auditor,
        path=a.path,
    )
    one, two = score_audit(a), score_audit(shuffled)
    assert (one.score, one.zones, one.touchpoints, one.ladder, one.status) == (
        two.score,
        two.zones,
        two.touchpoints,
        two.ladder,
        two.status,
    )


@given(random_audits(), st.integers(1, 5))
def test_adding_na_results_changes_nothing(a: Audit, extra: int) -> None:
    more = dict(a.checks)
    results = dict(a.results)
    for i in range(extra):
        c = check(f"extra.t/n{i}", weight=5, critical=True)
        more[c.id] = c
        results[c.id] = Result("na")
    one, two = score_audit(a), score_audit(Audit(a.venue, a.date, a.kind, more, results))
    assert (one.score, one.zones, one.status, one.band) == (
        two.score,
        two.zones,
        two.status,
        two.band,
    )


def test_an_incomplete_audit_is_not_compared_nor_compared_with() -> None:
    before = score_audit(audit(CHECKS, RESULTS, date=DAY - dt.timedelta(days=30)))
    greeted = {k: v for k, v in RESULTS.items() if k.startswith("greet.")}
    half = with_change(
        score_audit(audit(CHECKS, greeted, date=DAY - dt.timedelta(days=10), path="b.yaml")),
        [before],
    )
    assert not half.complete and half.previous == "a.yaml"
    assert half.change == {} and half.score_change is None  # not «▼ −96,8» against a whole visit
    later = with_change(score_audit(audit(CHECKS, RESULTS, path="c.yaml")), [before, half])
    assert later.score_change == 0.0 and set(later.change.values()) == {0.0}  # the last whole one


def test_a_zone_that_lost_no_point_is_never_the_bottleneck() -> None:
    payment = [c for c in CHECKS if c.zone == "payment"]
    pos = score_audit(audit(payment, {c.id: Result("pass") for c in payment}))
    assert pos.score == 100.0 and pos.bottleneck == {"zone": "", "touchpoints": []}
    perfect = score_audit(audit(CHECKS, {c.id: Result("wow") for c in CHECKS}))
    assert perfect.bottleneck["zone"] == ""
    lost = score_audit(audit(CHECKS, {**RESULTS, "bill.t/c6": Result("pass")}))
    assert lost.zones["payment"] == 100.0 and lost.bottleneck["zone"] == "arrival"
