"""Adopting tpkit on an old registry: `validate --baseline FILE` and inline waiver comments."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CHECKED_ANYWAY, TOUCHPOINT, Result

TODAY = "2026-12-02"
OLD = TOUCHPOINT.replace("id: t.case", "id: t.old").replace(
    "reviewed: 2026-11-01", "reviewed: 2020-01-01"
)  # CUR001, an error: the review is long overdue
WORDY = CHECKED_ANYWAY  # ACC002, a warning, on line 6 (standard:)
Cli = Callable[..., Result]


@pytest.fixture
def old_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry({"touchpoints/old.yaml": OLD, "touchpoints/wordy.yaml": WORDY})


def validate(cli: Cli, root: Path, *args: str) -> Result:
    return cli("--registry", str(root), "--today", TODAY, "validate", *args)


def entries(path: Path) -> list[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows: list[dict[str, str]] = data["findings"]
    return rows


# --- the baseline ------------------------------------------------------------------------


def test_the_first_run_records_todays_findings_and_passes(cli: Cli, old_registry: Path) -> None:
    before = validate(cli, old_registry)
    assert before.code == 1 and "CUR001" in before.out

    base = old_registry / ".tpkit-baseline.json"
    first = validate(cli, old_registry, "--baseline", str(base))
    assert first.code == 0
    assert "Recorded 2 findings in the baseline .tpkit-baseline.json" in first.err
    assert "CUR001" not in first.out and "ACC002" not in first.out
    assert sorted(e["rule"] for e in entries(base)) == ["ACC002", "CUR001"]
    # one finding a line, so that a change of the baseline reads well in a diff
    assert sum('"fingerprint"' in line for line in base.read_text().splitlines()) == 2

    again = validate(cli, old_registry, "--baseline", str(base), "--fail-level", "warning")
    assert again.code == 0
    assert "2 findings recorded in the baseline .tpkit-baseline.json are not shown" in again.err


def test_only_a_new_finding_fails_and_is_printed(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    (old_registry / "touchpoints/new.yaml").write_text(
        OLD.replace("id: t.old", "id: t.new"), encoding="utf-8"
    )
    result = validate(cli, old_registry, "--baseline", str(base))
    assert result.code == 1
    assert "touchpoints/new.yaml:5:11" in result.out and "CUR001" in result.out
    assert "touchpoints/old.yaml" not in result.out and "ACC002" not in result.out
    assert "1 error" in result.out


def test_a_finding_keeps_its_place_in_the_baseline_when_lines_move(
    cli: Cli, old_registry: Path
) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    wordy = old_registry / "touchpoints/wordy.yaml"
    wordy.write_text("# water first\n\n" + WORDY, encoding="utf-8")  # ACC002 moves to line 8
    result = validate(cli, old_registry, "--baseline", str(base), "--fail-level", "info")
    assert result.code == 0, result.out
    assert "ACC002" not in result.out and "WVR006" not in result.out


def test_the_baseline_matches_the_sarif_fingerprints(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    sarif = json.loads(validate(cli, old_registry, "--format", "sarif").out)
    prints = {r["partialFingerprints"]["tpkit/v1"] for r in sarif["runs"][0]["results"]}
    assert {e["fingerprint"] for e in entries(base)} == prints


def test_a_fixed_finding_is_reported_then_dropped_on_update(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    wordy = old_registry / "touchpoints/wordy.yaml"
    wordy.write_text(WORDY.replace("осуществляет подачу воды", "подаёт воду"), encoding="utf-8")

    result = validate(cli, old_registry, "--baseline", str(base), "--format", "json")
    assert result.code == 0  # an info: it does not fail the run
    found = json.loads(result.out)["problems"]
    assert [(p["rule"], p["level"], p["path"]) for p in found] == [
        ("WVR006", "info", "baseline.json")
    ]
    line = found[0]["line"]
    assert '"rule": "ACC002"' in base.read_text().splitlines()[line - 1]
    assert "touchpoints/wordy.yaml" in found[0]["message"]
    assert "--baseline-update" in found[0]["suggestion"]

    update = validate(cli, old_registry, "--baseline", str(base), "--baseline-update")
    assert update.code == 0
    assert "Removed 1 entry of a fixed finding from the baseline baseline.json" in update.err
    assert [e["rule"] for e in entries(base)] == ["CUR001"]
    after = validate(cli, old_registry, "--baseline", str(base), "--fail-level", "info")
    assert after.code == 0 and "WVR006" not in after.out


def test_update_never_adds_a_new_finding(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    (old_registry / "touchpoints/new.yaml").write_text(
        OLD.replace("id: t.old", "id: t.new"), encoding="utf-8"
    )
    result = validate(cli, old_registry, "--baseline", str(base), "--baseline-update")
    assert result.code == 1 and "touchpoints/new.yaml" in result.out
    assert len(entries(base)) == 2


def test_checking_some_files_leaves_the_other_entries_alone(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    validate(cli, old_registry, "--baseline", str(base))
    only = old_registry / "touchpoints/old.yaml"
    result = validate(
        cli, old_registry, "--baseline", str(base), "--baseline-update", "-f", "json", str(only)
    )
    assert result.code == 0 and json.loads(result.out)["problems"] == []
    assert len(entries(base)) == 2


def test_a_baseline_recorded_in_russian_holds_in_english(
    cli: Cli, old_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = old_registry / "baseline.json"
    ru = validate(cli, old_registry, "--lang", "ru", "--baseline", str(base))
    assert "В базовый список baseline.json записано 2 замечания" in ru.err
    assert json.loads(base.read_text())["lang"] == "ru"
    en = validate(
        cli, old_registry, "--lang", "en", "--baseline", str(base), "--fail-level", "info"
    )
    assert en.code == 0, en.out
    assert "2 findings recorded in the baseline baseline.json are not shown" in en.err


def test_a_file_that_is_not_a_baseline_stops_the_run(cli: Cli, old_registry: Path) -> None:
    base = old_registry / "baseline.json"
    base.write_text('{\n  "findings": [\n    {"rule": ]\n}\n', encoding="utf-8")
    broken = validate(cli, old_registry, "--baseline", str(base))
    assert broken.code == 2
    assert "baseline.json:3:14: not a tpkit baseline" in broken.err
    assert "delete the file and run again" in broken.err
    base.write_text('{"findings": []}\n', encoding="utf-8")
    other = validate(cli, old_registry, "--baseline", str(base))
    assert other.code == 2 and '"tpkit_baseline": 1' in other.err


def test_update_needs_a_baseline(cli: Cli, old_registry: Path) -> None:
    result = validate(cli, old_registry, "--baseline-update")
    assert result.code == 2 and "--baseline-update needs --baseline FILE" in result.err


# --- inline waivers ------------------------------------------------------------------------


def wordy(comment_above: str = "", trailing: str = "") -> str:
    line = "standard: Официант осуществляет подачу воды сразу после посадки гостя."
    lines = WORDY.splitlines()
    i = lines.index(line)
    lines[i] = line + (f"  {trailing}" if trailing else "")
    if comment_above:
        lines.insert(i, comment_above)
    return "\n".join(lines) + "\n"


def problems(cli: Cli, root: Path, *args: str) -> list[dict[str, object]]:
    result = validate(cli, root, "--format", "json", *args)
    found: list[dict[str, object]] = json.loads(result.out)["problems"]
    return found


def brief(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(p["rule"], p["level"], p["line"], p["column"]) for p in found]


@pytest.mark.parametrize(
    ("above", "trailing"),
    [
        ("# tpkit: allow ACC002 — words of the franchise contract, until 2027-03-01", ""),
        ("", "# tpkit: allow ACC002 - words of the franchise contract, until 2027-03-01"),
        ("# tpkit: allow ACC002, ACH006 — the contract, until 2027-03-01\n# water", ""),
    ],
)
def test_an_inline_waiver_silences_its_rule_on_its_line(
    cli: Cli, make_registry: Callable[..., Path], above: str, trailing: str
) -> None:
    name = f"touchpoints/wordy-{len(above)}-{len(trailing)}.yaml"
    root = make_registry({name: wordy(above, trailing)})
    found = problems(cli, root)
    assert "ACC002" not in {p["rule"] for p in found}
    # a second rule named but finding nothing on that line is an unused waiver
    assert [p["rule"] for p in found] == (["WVR005"] if "ACH006" in above else [])


def test_an_inline_waiver_covers_only_the_next_line(
    cli: Cli, make_registry: Callable[..., Path]
) -> None:
    text = "# tpkit: allow ACC002 — the contract, until 2027-03-01\n" + WORDY
    root = make_registry({"touchpoints/wordy-next.yaml": text})
    assert brief(problems(cli, root)) == [("WVR005", "info", 1, 1), ("ACC002", "warning", 7, 20)]


def test_an_expired_inline_waiver_no_longer_applies(
    cli: Cli, make_registry: Callable[..., Path]
) -> None:
    above = "# tpkit: allow ACC002 — the contract, until 2026-12-01"
    root = make_registry({"touchpoints/wordy-expired.yaml": wordy(above)})
    found = problems(cli, root)
    assert brief(found) == [("WVR004", "warning", 6, 1), ("ACC002", "warning", 7, 20)]
    assert "expired on December 1, 2026, so ACC002 applies again" in str(found[0]["message"])
    assert "a later date after 'until'" in str(found[0]["suggestion"])
    assert (
        found[0]["path"] == "touchpoints/wordy-expired.yaml"
        and found[0]["touchpoint"] == "sentinel.good"
    )


def test_an_inline_waiver_lasts_to_the_end_of_its_day(
    cli: Cli, make_registry: Callable[..., Path]
) -> None:
    above = f"# tpkit: allow ACC002 — the contract, until {TODAY}"
    root = make_registry({"touchpoints/wordy-today.yaml": wordy(above)})
    assert problems(cli, root) == []


@pytest.mark.parametrize(
    ("comment", "column", "why"),
    [
        ("# tpkit: allow ACC002", 1, "the reason and the expiry date are missing"),
        ("# tpkit: allow ACC002 — the contract", 1, "the expiry date is missing"),
        ("# tpkit: allow ACC002 — until 2027-03-01", 1, "the reason is missing"),
        ("# tpkit: allow ACC002 the contract, until 2027-03-01", 1, "put a dash (—)"),
        ("# tpkit: allow ACC002 — contract, until 1.03.2027", 1, "'1.03.2027' is not a date"),
        ("# tpkit: allow ACC999 — contract, until 2027-03-01", 1, "there is no rule ACC999"),
        ("# tpkit: allow TP002 — contract, until 2027-03-01", 1, "TP002 cannot be waived"),
        ("# tpkit: ignore ACC002", 1, "it must start with 'allow'"),
        ("  # TPKIT: allow", 3, "after 'allow' comes the rule code"),
    ],
)
def test_a_malformed_inline_waiver_says_what_to_write(
    cli: Cli, make_registry: Callable[..., Path], comment: str, column: int, why: str
) -> None:
    root = make_registry({"touchpoints/wordy-bad.yaml": wordy(comment)})
    result = validate(cli, root)
    assert result.code == 1
    assert f"touchpoints/wordy-bad.yaml:6:{column}:" in result.out
    assert "WVR003" in result.out and why in result.out
    assert "# tpkit: allow ACC002 — <reason>, until 2027-03-01" in result.out
    assert "ACC002" in result.out.replace("allow ACC002", "")  # nothing was waived


def test_a_malformed_inline_waiver_in_russian(cli: Cli, make_registry: Callable[..., Path]) -> None:
    root = make_registry({"touchpoints/wordy-bad.yaml": wordy("# tpkit: allow ACC002")})
    result = validate(cli, root, "--lang", "ru")
    assert "этот комментарий tpkit — не исключение: нет причины и срока действия" in result.out
    assert "напишите так: # tpkit: allow ACC002 — <причина>, until 2027-03-01" in result.out


def test_inline_and_tpkit_yaml_waivers_work_together(
    cli: Cli, make_registry: Callable[..., Path]
) -> None:
    from conftest import CONFIG

    config = CONFIG + (
        "waivers:\n"
        "  - {rule: CUR001, touchpoint: t.old, reason: Closed for works, expires: 2027-01-01}\n"
    )
    above = "# tpkit: allow CUR001 — closed for works, until 2027-01-01"
    old = OLD.replace("reviewed: 2020-01-01", f"{above}\nreviewed: 2020-01-01")
    root = make_registry(
        {"touchpoints/old.yaml": old, "touchpoints/wordy.yaml": WORDY}, config=config
    )
    found = problems(cli, root)
    # the comment waives CUR001 first, so the waiver of tpkit.yaml is the one left unused
    assert [(p["rule"], p["path"]) for p in found] == [
        ("ACC002", "touchpoints/wordy.yaml"),
        ("WVR002", "tpkit.yaml"),
    ]


def test_the_new_codes_are_explained(cli: Cli) -> None:
    for code in ("WVR003", "WVR004", "WVR005", "WVR006"):
        result = cli("rules", code)
        assert result.code == 0 and "Bad:" in result.out and "Good:" in result.out
