"""Every rule against its cases in rule_cases/*.yaml: where it must fire, and where it must not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tpkit.registry import load_registry
from tpkit.rules import all_rules
from tpkit.services import validate

CASES_DIR = Path(__file__).parent / "rule_cases"
ELSEWHERE = {"CUR004", "ACH003", "ACH004", "ACH005", "LOOP001", "LOOP002"}  # git:
# test_history; audits: test_audit_cli; actions: test_actions; sign-offs: test_ack


def load_cases() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{case['rule']}: {case['name']}"))
    return cases


CASES = load_cases()


def case_files(case: dict[str, Any]) -> dict[str, str | bytes]:
    if "files" in case:
        return dict(case["files"])
    if "file_cp1251" in case:
        return {"touchpoints/arrival/case.yaml": case["file_cp1251"].encode("cp1251")}
    return {"touchpoints/arrival/case.yaml": case["file"]}


@pytest.mark.parametrize("case", CASES)
def test_rule_case(case: dict[str, Any], make_registry: Callable[..., Path]) -> None:
    root = make_registry(case_files(case))
    today = dt.date.fromisoformat(str(case.get("today", "2026-11-25")))
    report = validate(load_registry(root), today, use_git=False)
    found = [p for p in report.problems if p.rule == case["rule"]]
    expected = case["expect"]
    assert [(p.line, p.column) for p in found] == [(e["line"], e["column"]) for e in expected], (
        "\n".join(f"{p.line}:{p.column} {p.message}" for p in found)
    )
    for problem, want in zip(found, expected, strict=True):
        assert want.get("message", "") in problem.message
        assert want.get("suggestion", "") in problem.suggestion
        if "path" in want:
            assert problem.path == want["path"]
        assert problem.path.startswith("touchpoints/")


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    cases = [p.values[0] for p in CASES]
    failing = {c["rule"] for c in cases if c["expect"]}
    passing = {c["rule"] for c in cases if not c["expect"]}
    rules = {r.code for r in all_rules() if r.scope != "engine"} - ELSEWHERE
    assert rules - failing == set()
    assert rules - passing == set()
