"""Every finding is made in one place and documented by the rule that owns its code."""

from __future__ import annotations

import re
from pathlib import Path

from tpkit.findings import MADE_WHILE_READING
from tpkit.rules import all_rules

SRC = Path(__file__).resolve().parents[1] / "src" / "tpkit"
# A Problem is rebuilt from its fields when results come back from a worker or the cache.
MADE_ELSEWHERE_ALLOWED = {"findings.py", "model.py"}


def test_every_code_made_while_reading_is_documented_by_its_rule() -> None:
    rules = {r.code: r for r in all_rules()}
    for code, (standard, level) in MADE_WHILE_READING.items():
        assert code in rules, f"{code} has no rule to document it (tpkit explain {code})"
        assert rules[code].doc, code
        assert (rules[code].standard, rules[code].level) == (standard, level), code


def test_no_module_makes_a_problem_by_hand() -> None:
    made = re.compile(r"\bProblem\((?!\*)")  # Problem(*fields) restores a finding already made
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name not in MADE_ELSEWHERE_ALLOWED
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if made.search(line) and not line.lstrip().startswith(("#", "class "))
    ]
    assert offenders == [], "make findings with tpkit.findings.finding(): " + ", ".join(offenders)
