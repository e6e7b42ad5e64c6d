"""Rules that read git history: CUR004 (changed after review) and ACH003 (target jumps)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TOUCHPOINT
from tpkit.errors import UsageError
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = dt.date(2026, 11, 25)
TIMED = TOUCHPOINT.replace(
    "  - {id: c1, text: Поздоровались с гостем}",
    "  - {id: c1, text: Поздоровались с гостем, type: time, target: {max: 60, unit: s}}",
)


def git(root: Path, *args: str, date: str = "2026-11-02T10:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-qm", message, date=date)


@pytest.fixture
def repo(make_registry: Callable[..., Path]) -> Path:
    root = make_registry({"touchpoints/a.yaml": TIMED})
    git(root, "init", "-q")
    commit_all(root, "start", "2026-10-01T10:00:00")  # added before review: not a change
    return root


def rules(root: Path, base: str | None = None) -> list[tuple[str, int, int]]:
    report = validate(load_registry(root), TODAY, base=base)
    return [(p.rule, p.line, p.column) for p in report.problems]


def test_content_changed_after_review_without_updating_it(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("у входа.", "у двери."), encoding="utf-8")
    commit_all(repo, "edit standard", "2026-11-10T09:00:00")
    report = validate(load_registry(repo), TODAY)
    cur = [p for p in report.problems if p.rule == "CUR004"]
    assert [(p.line, p.column) for p in cur] == [(5, 11)]
    assert "changed on November 10, 2026" in cur[0].message, cur[0].message
    assert "November 1, 2026" in cur[0].message


def test_a_change_with_its_review_date_is_fine(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(
        TIMED.replace("у входа.", "у двери.").replace("2026-11-01", "2026-11-10"), encoding="utf-8"
    )
    commit_all(repo, "edit standard, reviewed", "2026-11-10T09:00:00")
    assert "CUR004" not in [r for r, *_ in rules(repo)]


def test_a_change_outside_the_content_is_fine(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("title: Встреча", "title: Встреча у входа"), encoding="utf-8")
    commit_all(repo, "retitle", "2026-11-10T09:00:00")
    assert "CUR004" not in [r for r, *_ in rules(repo)]


def test_a_target_tightened_in_one_jump_names_the_next_step(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("max: 60", "max: 30"), encoding="utf-8")
    report = validate(load_registry(repo), TODAY)
    ach = [p for p in report.problems if p.rule == "ACH003"]
    assert [(p.line, p.column) for p in ach] == [(8, 70)]
    assert "from 60 to 30 s" in ach[0].message
    assert "next step max 48 s" in ach[0].suggestion


def test_a_target_written_in_another_unit_is_compared_in_one_unit(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("max: 60, unit: s", "max: 1, unit: min"), encoding="utf-8")
    assert "ACH003" not in [r for r, *_ in rules(repo)]  # 60 s and 1 min are the same target
    path.write_text(TIMED.replace("max: 60, unit: s", "max: 0.5, unit: min"), encoding="utf-8")
    assert "ACH003" in [r for r, *_ in rules(repo)]  # 60 s to 30 s is two steps at once


def test_a_target_raised_by_one_step_is_fine(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("max: 60", "max: 48"), encoding="utf-8")
    assert "ACH003" not in [r for r, *_ in rules(repo)]


def test_base_revision_is_chosen_with_base(repo: Path) -> None:
    path = repo / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("max: 60", "max: 50"), encoding="utf-8")
    commit_all(repo, "step 1", "2026-11-01T12:00:00")
    path.write_text(TIMED.replace("max: 60", "max: 40"), encoding="utf-8")
    assert "ACH003" not in [r for r, *_ in rules(repo)]  # 50 → 40 is one step
    assert "ACH003" in [r for r, *_ in rules(repo, base="HEAD~1")]  # 60 → 40 is two


def test_an_unknown_base_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(UsageError):
        validate(load_registry(repo), TODAY, base="no-such-ref")


def test_outside_git_the_history_rules_are_skipped(make_registry: Callable[..., Path]) -> None:
    root = make_registry({"touchpoints/a.yaml": TIMED.replace("max: 60", "max: 10")})
    assert rules(root) == []


COUNTED = TOUCHPOINT.replace(
    "  - {id: c1, text: Поздоровались с гостем}",
    "  - {id: c1, text: Гудков до ответа, type: count, target: {max: 3}}",
)


def test_a_count_moves_by_whole_steps(make_registry: Callable[..., Path]) -> None:
    root = make_registry({"touchpoints/a.yaml": COUNTED})
    git(root, "init", "-q")
    commit_all(root, "start", "2026-10-01T10:00:00")
    path = root / "touchpoints" / "a.yaml"
    path.write_text(COUNTED.replace("max: 3", "max: 2"), encoding="utf-8")
    assert "ACH003" not in [r for r, *_ in rules(root)]  # 3 → 2 is the smallest step
    path.write_text(COUNTED.replace("max: 3", "max: 1"), encoding="utf-8")
    report = validate(load_registry(root), TODAY)
    ach = [p for p in report.problems if p.rule == "ACH003"]
    assert [p.suggestion for p in ach] == ["raise it step by step: next step max 2"]
