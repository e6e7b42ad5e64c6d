"""Audits in the venue's language: targets, measured values, sessions, scores and trends."""

from __future__ import annotations

import datetime as dt

import pytest

from tpkit import i18n
from tpkit.audit.files import Audit, Result, SnapshotCheck
from tpkit.audit.scoring import score_audit
from tpkit.model import Target
from tpkit.targets import measured, target_text


@pytest.mark.parametrize(
    ("target", "kind", "en", "ru"),
    [
        (Target(max=3, unit="min"), "time", "≤ 3 min", "≤ 3 мин"),
        (Target(max=30, unit="s"), "time", "≤ 30 s", "≤ 30 с"),
        (Target(max=2.5, unit="h"), "time", "≤ 2.5 h", "≤ 2,5 ч"),
        (Target(min=4, of=5), "scale", "≥ 4 of 5", "≥ 4 из 5"),
        (Target(max=3), "count", "≤ 3", "≤ 3"),
        (Target(min=2), "count", "≥ 2", "≥ 2"),
        (Target(min=2, max=5), "count", "2–5", "2–5"),
        (Target(max=0), "count", "none", "ни одного"),
    ],
)
def test_a_target_reads_as_a_person_writes_it(target: Target, kind: str, en: str, ru: str) -> None:
    check = SnapshotCheck("t.x/c", "text", "arrival", "host", type=kind, target=target)
    assert target_text(target) == target_text(check) == en
    with i18n.language("ru"):
        assert target_text(target) == target_text(check) == ru
    assert "≤ 0" not in target_text(check)


def test_a_yes_no_check_has_no_target_text() -> None:
    check = SnapshotCheck("t.x/c", "text", "arrival", "host")
    assert target_text(check) == "" and measured(None, check) == ""


def test_a_measured_value_beside_its_target() -> None:
    rings = SnapshotCheck("t.x/c", "text", "arrival", "host", type="count", target=Target(max=3))
    wait = SnapshotCheck(
        "t.x/w", "text", "arrival", "host", type="time", target=Target(max=3, unit="min")
    )
    assert measured(7, rings) == "7 (target ≤ 3)"
    assert measured(4.5, wait) == "4.5 min (target ≤ 3 min)"
    with i18n.language("ru"):
        assert measured(7, rings) == "7 (цель ≤ 3)"
        assert measured(4.5, wait) == "4,5 мин (цель ≤ 3 мин)"
        assert measured(2, Target(max=0)) == "2 (цель: ни одного)"


def test_a_corrective_action_carries_what_a_report_prints() -> None:
    wait = SnapshotCheck(
        "t.x/w", "Ждали счёт", "payment", "waiter", type="time", target=Target(max=3, unit="min")
    )
    other = SnapshotCheck("t.x/o", "Поздоровались", "arrival", "host")
    audit = Audit(
        "nevsky",
        dt.date(2026, 11, 20),
        "mystery",
        {wait.id: wait, other.id: other},
        {wait.id: Result(None, 7, "долго", "photos/bill.jpg photos/queue.jpg")},
    )
    score = score_audit(audit)
    (action,) = score.actions
    assert action.value == 7 and action.target == Target(max=3, unit="min")
    assert action.photos == ["photos/bill.jpg", "photos/queue.jpg"]
    assert measured(action.value, action) == "7 min (target ≤ 3 min)"
    assert score.open_checks == 1 and not score.complete
    assert score.to_dict()["actions"][0]["photos"] == ["photos/bill.jpg", "photos/queue.jpg"]
