"""Audits from the command line: form → fill → score, validation of audit files, trend,
and the audit evidence rules ACH004 and ACH005."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from audit_helpers import FILES, IDS, fill
from conftest import Result

Cli = Callable[..., Result]


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES)


def make_audit(
    cli: Cli, root: Path, date: str, answers: dict[str, str], venue: str = "nevsky"
) -> Path:
    form = cli(
        "--registry",
        str(root),
        "--today",
        date,
        "audit",
        "form",
        "--venue",
        venue,
        "--kind",
        "mystery",
        "--auditor",
        "Анна К.",
    )
    assert form.code == 0, form.err
    path = root / "audits" / venue / f"{date}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form.out, answers), encoding="utf-8")
    return path


GOOD = {
    IDS[0]: "result: , value: 20, note: сразу",
    IDS[1]: "result: wow, note: и с шарфом",
    IDS[2]: "value: 2",
    IDS[3]: "result: pass",
}


def test_form_lists_every_check_of_the_venue_with_an_empty_result(registry: Path, cli: Cli) -> None:
    out = cli("--registry", str(registry), "audit", "form", "--venue", "nevsky").out
    for cid in IDS:
        assert f"  {cid}: {{result: , value: , note: }}" in out
    assert "h.checkin" not in out  # another venue's touchpoint
    assert "checks_hash: " in out and "venue: nevsky" in out


def test_form_fill_score_round_trip(registry: Path, cli: Cli) -> None:
    path = make_audit(cli, registry, "2026-11-20", GOOD)
    result = cli("audit", "score", str(path), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)["audits"][0]
    assert data["path"] == "audits/nevsky/2026-11-20-mystery.yaml"
    assert (data["venue"], data["date"], data["kind"]) == ("nevsky", "2026-11-20", "mystery")
    assert data["score"] == 100.0 and data["band"] == "green" and data["status"] == "ok"
    assert data["ladder"] == {"disappointment": 0, "satisfaction": 1, "delight": 1}
    assert data["delight_rate"] == 0.25 and data["actions"] == []


def test_a_critical_fail_exits_1_with_actions_and_change(registry: Path, cli: Cli) -> None:
    make_audit(cli, registry, "2026-10-20", GOOD)
    path = make_audit(
        cli,
        registry,
        "2026-11-20",
        {
            IDS[0]: "value: 45, note: ждали у двери",
            IDS[1]: "result: pass",
            IDS[2]: "value: 2",
            IDS[3]: "result: fail, note: лишний десерт в счёте",
        },
    )
    result = cli("audit", "score", str(path), "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)["audits"][0]
    assert data["status"] == "critical-fail"
    assert data["score"] == round(100 * 2 / 7, 1)  # weights 2, 1, 1, 3; credit 0, 1, 1, 0
    assert data["bottleneck"] == {"zone": "payment", "touchpoints": ["r.bill", "r.greeting"]}
    assert [(a["check"], a["owner"], a["due"]) for a in data["actions"]] == [
        ("r.bill/matches", "waiter", "2026-12-04"),
        ("r.greeting/greet-30s", "service-director", "2026-12-04"),
    ]
    assert data["change"] == {"arrival": -66.7, "payment": -75.0}


def test_text_and_markdown_summaries(registry: Path, cli: Cli) -> None:
    path = make_audit(
        cli, registry, "2026-11-20", {**GOOD, IDS[3]: "result: fail, note: лишний | десерт"}
    )
    text = cli("audit", "score", str(path))
    assert text.code == 1
    assert "CRITICAL FAIL" in text.out and "Corrective actions" in text.out
    assert "В счёте только заказанное" in text.out and "лишний | десерт" in text.out
    assert "Официант" in text.out and "waiter" not in text.out  # the owner by role title
    assert "Счёт" in text.out and "r.bill" not in text.out  # the touchpoint by title
    md = cli("audit", "score", str(path), "--format", "md").out
    assert "## Невский · Nov 20, 2026 · mystery guest · Анна К." in md
    assert "| Счёт | В счёте только заказанное **critical** — лишний \\| десерт | Официант |" in md


@pytest.mark.parametrize(
    ("answer", "line_of", "needle"),
    [
        ("result: maybe", IDS[1], "'maybe' is not a result"),
        ("value: five", IDS[0], "should be a number"),
        ("result: pass, vlue: 3", IDS[0], "did you mean 'value'?"),
        ("result: pass, value: 2", IDS[1], "yes/no check and takes no value"),
    ],
)
def test_a_bad_answer_is_named_by_line_and_column(
    registry: Path, cli: Cli, answer: str, line_of: str, needle: str
) -> None:
    path = make_audit(cli, registry, "2026-11-20", {line_of: answer})
    before = path.read_bytes()
    result = cli("audit", "score", str(path))
    assert result.code == 1 and result.out == ""
    line = max(
        i
        for i, text in enumerate(before.decode().splitlines(), 1)
        if text.startswith(f"  {line_of}:")
    )  # its line among the results
    assert f"audits/nevsky/2026-11-20-mystery.yaml:{line}:" in result.err
    assert needle in result.err and "Traceback" not in result.err
    assert path.read_bytes() == before  # the file is left untouched


def test_unknown_check_bad_date_and_edited_snapshot(registry: Path, cli: Cli) -> None:
    path = make_audit(cli, registry, "2026-11-20", GOOD)
    text = path.read_text(encoding="utf-8")
    text = text.replace("date: 2026-11-20", "date: 2026-02-30")
    text = text.replace("  r.bill/matches: {result: pass", "  r.bill/match: {result: pass")
    text = text.replace("weight: 3, critical: true", "weight: 1, critical: true")
    path.write_text(text, encoding="utf-8")
    result = cli("audit", "score", str(path))
    assert result.code == 1
    assert "'2026-02-30' is not a real date" in result.err
    assert "the check 'r.bill/match' is not in this audit's checks" in result.err
    assert "did you mean 'r.bill/matches'?" in result.err
    assert "checks_hash does not match" in result.err


def test_validate_reports_broken_audits_too(registry: Path, cli: Cli) -> None:
    make_audit(cli, registry, "2026-11-20", {IDS[0]: "result: soon"})
    result = cli("--registry", str(registry), "--today", "2026-11-25", "validate")
    assert result.code == 1
    assert "audits/nevsky/2026-11-20-mystery.yaml:" in result.out and "TP002" in result.out


def test_trend_per_venue(registry: Path, cli: Cli) -> None:
    make_audit(cli, registry, "2026-09-20", {**GOOD, IDS[1]: "result: fail"})
    make_audit(cli, registry, "2026-10-20", GOOD)
    make_audit(cli, registry, "2026-11-20", {"h.checkin/five-min": "value: 4"}, venue="harbour")
    result = cli("--registry", str(registry), "audit", "trend", "--format", "json")
    assert result.code == 0
    venues = json.loads(result.out)["venues"]
    assert [r["date"] for r in venues["nevsky"]] == ["2026-09-20", "2026-10-20"]
    assert [r["score"] for r in venues["nevsky"]] == [85.7, 100.0]
    assert venues["nevsky"][1]["change"] == 14.3
    assert list(venues) == ["harbour", "nevsky"]
    one = json.loads(
        cli(
            "--registry", str(registry), "audit", "trend", "--venue", "nevsky", "--format", "json"
        ).out
    )
    assert list(one["venues"]) == ["nevsky"]
    text = cli("--registry", str(registry), "audit", "trend").out
    assert "10/20/26" in text and "+14.3" in text


def evidence_rules(cli: Cli, root: Path) -> list[tuple[str, str]]:
    result = cli(
        "--registry",
        str(root),
        "--today",
        "2026-11-25",
        "validate",
        "--format",
        "json",
        "--fail-level",
        "info",
    )
    return [(p["rule"], p["message"]) for p in json.loads(result.out)["problems"]]


def test_ach004_a_check_rarely_met_is_not_achievable_as_written(registry: Path, cli: Cli) -> None:
    for i, value in enumerate((50, 45, 20, 40)):
        make_audit(cli, registry, f"2026-0{6 + i}-10", {**GOOD, IDS[0]: f"value: {value}"})
    found = evidence_rules(cli, registry)
    assert [r for r, _ in found if r == "ACH004"] == ["ACH004"]
    assert "passed in 1 of its last 4 audits" in dict(found)["ACH004"]


def test_ach005_a_check_always_met_is_ready_for_the_next_step(registry: Path, cli: Cli) -> None:
    for i in range(3):
        make_audit(cli, registry, f"2026-0{6 + i}-10", GOOD)
    found = dict(evidence_rules(cli, registry))
    assert "ACH004" not in found
    result = cli(
        "--registry", str(registry), "--today", "2026-11-25", "validate", "--format", "json"
    )
    problems = json.loads(result.out)["problems"]
    ach5 = [p for p in problems if p["rule"] == "ACH005"]
    assert {p["suggestion"] for p in ach5} == {
        "next step: max 24 s (now 30 s)",
        "next step: max 144 s (now 3 min)",
    }


def test_evidence_needs_enough_audits_of_the_current_definition(registry: Path, cli: Cli) -> None:
    for i in range(2):  # two audits are not enough evidence
        make_audit(cli, registry, f"2026-0{6 + i}-10", {**GOOD, IDS[0]: "value: 50"})
    assert {r for r, _ in evidence_rules(cli, registry)} & {"ACH004", "ACH005"} == set()


def test_an_incomplete_audit_shows_no_change_and_a_full_zone_no_bottleneck(
    registry: Path, cli: Cli
) -> None:
    full = make_audit(cli, registry, "2026-10-20", GOOD)
    half = make_audit(cli, registry, "2026-11-20", {IDS[0]: "value: 45"})
    text = cli("audit", "score", str(half)).out
    assert "incomplete: 3 of 4 checks open" in text
    assert "▼" not in text and "Since last" not in text
    assert "The change since the last audit is not shown: this audit is incomplete." in text
    md = cli("audit", "score", str(half), "--format", "md").out
    assert "Since last" not in md and "is not shown: this audit is incomplete" in md
    perfect = cli("audit", "score", str(full)).out
    assert "100.0 / 100" in perfect and "bottleneck" not in perfect
    trend = json.loads(cli("--registry", str(registry), "audit", "trend", "-f", "json").out)
    assert [r["change"] for r in trend["venues"]["nevsky"]] == [None, None]
