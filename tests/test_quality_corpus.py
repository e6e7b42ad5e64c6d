"""The quality corpus (quality/cases/): every case parses, holds a touchpoint that loads without
schema errors, and expects only findings of the word rules. Precision and recall are measured by
`make quality`, not asserted here."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "quality" / "cases").glob("*.yaml"))


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_run", ROOT / "quality" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


run = _runner()


def test_corpus_is_large_and_in_both_languages() -> None:
    cases = [run.load_case(p) for p in CASES]
    langs = Counter(c.lang for c in cases)
    assert len(cases) >= 44
    assert langs["ru"] >= 20 and langs["en"] >= 20
    # plain, well-written cases keep the false positives honest
    assert sum(1 for c in cases if not c.expect) >= 4


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_is_well_formed(path: Path, tmp_path: Path) -> None:
    case = run.load_case(path)  # raises CaseError with the file and line
    assert case.about.strip()
    for e in case.expect:
        assert e.rule in run.WORD_RULES, f"{path.name}:{e.line}: {e.rule} is not a word rule"
        assert run.norm(e.text) in run.norm(case.touchpoint)
    root = run.write_registry(case, tmp_path / "registry")
    schema = [
        f"line {case.offset + p.line}: {p.rule} {p.message}"
        for p in run.problems_of(case, root)
        if p.rule.startswith("TP")
    ]
    assert not schema, f"{path.name}: the touchpoint has schema problems: {schema}"


def test_malformed_case_is_named_by_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "about: x\n"
        "touchpoint: |\n"
        "  id: q.bad\n"
        "  title: Bad\n"
        "  zone: arrival\n"
        "  owner: manager\n"
        "  lang: en\n"
        "  reviewed: 2026-11-01\n"
        "  standard: Prior to seating, smile.\n"
        "  checks:\n"
        "    - {id: c1, text: Smiled}\n"
        "expect:\n"
        "  - {rule: ACC002, text: prior to}\n"
        "  - {rule: XYZ001, text: smile}\n",
        encoding="utf-8",
    )
    with pytest.raises(run.CaseError, match=r"bad\.yaml:14: 'XYZ001' is not a word rule"):
        run.load_case(bad)
    assert run.main([str(bad)]) == 2


def test_a_match_needs_the_rule_and_the_quoted_words() -> None:
    e = run.Expected("ACC002", "осуществляет", "делает", 1)
    hit = run.Found("ACC002", 1, "«Осуществляет» in the standard is bureaucratic", "«делает»")
    assert run.matches(e, hit)
    assert run.fits(e, hit)
    assert not run.matches(e, run.Found("ACC006", 1, hit.message, ""))
    assert not run.matches(e, run.Found("ACC002", 1, "«осуществляется» is bureaucratic", ""))
    assert run.matches(run.Expected("ACC009", "ещё", "", 1), run.Found("ACC009", 1, "«еще» is", ""))
