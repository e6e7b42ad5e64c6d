"""Corrective actions as files: made by `audit score --actions`, listed by `tpkit actions`,
marked done, verified or reopened by the next audit, reported by validate when overdue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from audit_helpers import FILES, IDS, fill
from conftest import CONFIG, Result

Cli = Callable[..., Result]

RIVAL = CONFIG.replace(
    "review_every:",
    "  - {id: rival, title: Соперник, language: ru, competitor: true, compare_with: nevsky}\n"
    "review_every:",
)

GOOD = {
    IDS[0]: "result: , value: 20",
    IDS[1]: "result: pass",
    IDS[2]: "value: 2",
    IDS[3]: "result: pass",
}
SLOW_BILL = {**GOOD, IDS[2]: "value: 7"}


@pytest.fixture(autouse=True)
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tpkit actions` and LOOP001 switched on here as well, so these tests hold whether or
    not the application and the rule catalogue list them yet."""
    from tpkit import rules
    from tpkit.cli import actions as actions_cli
    from tpkit.rules import loop

    get_command = typer.main.get_command

    def with_actions(app: typer.Typer) -> Any:
        if not any(g.name == "actions" for g in app.registered_groups):
            actions_cli.register(app)
        return get_command(app)

    monkeypatch.setattr(typer.main, "get_command", with_actions)
    if "LOOP001" not in rules.RULES:
        monkeypatch.setitem(rules.RULES, "LOOP001", loop.overdue_action.rule)


@pytest.fixture
def root(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES, config=RIVAL)


def visit(cli: Cli, root: Path, date: str, answers: dict[str, str], venue: str = "nevsky") -> Path:
    form = cli("--registry", str(root), "--today", date, "audit", "form", "--venue", venue,
               "--kind", "mystery", "--auditor", "Анна К.")  # fmt: skip
    assert form.code == 0, form.err
    path = root / "audits" / venue / f"{date}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form.out, answers), encoding="utf-8")
    return path


def score(cli: Cli, root: Path, path: Path, today: str) -> Result:
    return cli("--registry", str(root), "--today", today, "audit", "score", str(path), "--actions")


def listed(cli: Cli, root: Path, today: str, *args: str) -> list[dict[str, object]]:
    got = cli("--registry", str(root), "--today", today, "actions", "--format", "json", *args)
    assert got.code == 0, got.err
    data: list[dict[str, object]] = json.loads(got.out)
    return data


def test_a_failed_check_becomes_one_action_file_with_its_figures(root: Path, cli: Cli) -> None:
    got = score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    assert "new action" in got.err
    files = sorted((root / "actions" / "nevsky").glob("*.yaml"))
    assert [f.name for f in files] == ["2026-11-10-r.bill-bill-3min.yaml"]
    text = files[0].read_text(encoding="utf-8")
    assert "status: open" in text and 'measured: "7"' in text and 'owner: "waiter"' in text
    [action] = listed(cli, root, "2026-11-10")
    assert action["check"] == "r.bill/bill-3min" and action["status"] == "open"
    assert action["overdue"] is False


def test_failing_again_adds_the_audit_and_a_third_time_asks_for_a_root_cause(
    root: Path, cli: Cli
) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    score(cli, root, visit(cli, root, "2026-11-17", SLOW_BILL), "2026-11-17")
    [action] = listed(cli, root, "2026-11-17")
    assert len(action["audits"]) == 2 and action["root_cause_needed"] is False  # type: ignore[arg-type]
    third = score(cli, root, visit(cli, root, "2026-11-24", SLOW_BILL), "2026-11-24")
    assert "failed in 3 audits: find the root cause" in third.err
    [action] = listed(cli, root, "2026-11-24")
    assert action["root_cause_needed"] is True
    assert len(list((root / "actions" / "nevsky").glob("*.yaml"))) == 1
    text = cli("--registry", str(root), "--today", "2026-11-24", "actions")
    assert "failed in 3 audits: find the root cause" in text.out


def test_done_then_the_next_audit_verifies_or_reopens(root: Path, cli: Cli) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    photo = root / "photos" / "terminal.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8\xff")
    done = cli("--registry", str(root), "--today", "2026-11-12", "actions", "done",
               "2026-11-10-r.bill-bill-3min", "--note", "Второй терминал у бара",
               "--photo", str(photo), "--by", "Ольга")  # fmt: skip
    assert done.code == 0, done.err
    [action] = listed(cli, root, "2026-11-12", "--status", "done")
    assert action["closed_by"] == "Ольга" and action["closed_on"] == "2026-11-12"
    assert action["evidence"] == ["photos/terminal.jpg"]
    ok = score(cli, root, visit(cli, root, "2026-11-17", GOOD), "2026-11-17")
    assert "verified" in ok.err
    [action] = listed(cli, root, "2026-11-17")
    assert action["status"] == "verified"
    assert str(action["verified_by"]).endswith("2026-11-17-mystery.yaml")
    text = cli("--registry", str(root), "--today", "2026-11-17", "--lang", "en", "actions").out
    assert "verified by a later visit: 1" in text and "✓ " in text and "2026-11-17-mystery" in text
    assert "OVERDUE" not in text and "open, due" not in text
    # a new failure after verification is a new action
    score(cli, root, visit(cli, root, "2026-11-24", SLOW_BILL), "2026-11-24")
    assert len(listed(cli, root, "2026-11-24", "--status", "open")) == 1


def test_a_done_action_failing_again_is_reopened(root: Path, cli: Cli) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    cli("--registry", str(root), "--today", "2026-11-12", "actions", "done",
        "nevsky/2026-11-10-r.bill-bill-3min", "--note", "Поговорили с командой")  # fmt: skip
    again = score(cli, root, visit(cli, root, "2026-11-17", SLOW_BILL), "2026-11-17")
    assert "reopened" in again.err
    [action] = listed(cli, root, "2026-11-17")
    assert action["status"] == "reopened"


def test_a_competitor_visit_never_makes_actions(root: Path, cli: Cli) -> None:
    got = score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL, venue="rival"), "2026-11-10")
    assert got.code in (0, 1), got.err
    assert not (root / "actions").exists()
    assert listed(cli, root, "2026-11-10") == []


def test_list_puts_overdue_first_and_filters(root: Path, cli: Cli) -> None:
    bad = {**SLOW_BILL, IDS[1]: "result: fail"}
    score(cli, root, visit(cli, root, "2026-11-10", bad), "2026-11-10")
    actions = listed(cli, root, "2026-12-02")
    assert all(a["overdue"] for a in actions) and len(actions) == 2
    assert [a["check"] for a in listed(cli, root, "2026-12-02", "--owner", "waiter")] == [
        "r.bill/bill-3min"
    ]
    text = cli("--registry", str(root), "--today", "2026-12-02", "actions", "--venue", "nevsky")
    lines = text.out.splitlines()
    assert lines[0].endswith(": 2 overdue, 0 open, 0 done, to be verified, 0 verified")
    assert lines[1].strip().startswith("OVERDUE by 8 days (due Nov 24, 2026)")
    assert listed(cli, root, "2026-12-02", "--venue", "harbour") == []


def test_validate_warns_of_an_overdue_action_at_its_due_line(root: Path, cli: Cli) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    got = cli("--registry", str(root), "--today", "2026-12-02", "validate", "--format", "json")
    found = [p for p in json.loads(got.out)["problems"] if p["rule"] == "LOOP001"]
    assert len(found) == 1
    assert found[0]["path"] == "actions/nevsky/2026-11-10-r.bill-bill-3min.yaml"
    assert found[0]["line"] == 9 and found[0]["level"] == "info"
    assert "actions done" in found[0]["suggestion"]
    cli("--registry", str(root), "--today", "2026-12-02", "actions", "done",
        "2026-11-10-r.bill-bill-3min", "--note", "Исправлено")  # fmt: skip
    got = cli("--registry", str(root), "--today", "2026-12-02", "validate", "--format", "json")
    assert not [p for p in json.loads(got.out)["problems"] if p["rule"] == "LOOP001"]


def test_done_names_an_unknown_id_and_the_open_ones(root: Path, cli: Cli) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    got = cli("--registry", str(root), "actions", "done", "bill", "--note", "x")
    assert got.code == 1
    assert "nevsky/2026-11-10-r.bill-bill-3min" in got.err


def test_an_action_file_is_never_written_through_a_link(
    root: Path, cli: Cli, tmp_path: Path
) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    path = root / "actions" / "nevsky" / "2026-11-10-r.bill-bill-3min.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)
    before = outside.read_text(encoding="utf-8")
    cli("--registry", str(root), "--today", "2026-11-12", "actions", "done",
        "2026-11-10-r.bill-bill-3min", "--note", "x")  # fmt: skip
    assert outside.read_text(encoding="utf-8") == before


def test_a_broken_action_file_is_named_by_line_and_what_to_write(root: Path, cli: Cli) -> None:
    score(cli, root, visit(cli, root, "2026-11-10", SLOW_BILL), "2026-11-10")
    path = root / "actions" / "nevsky" / "2026-11-10-r.bill-bill-3min.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: open", "status: closed"))
    got = cli("--registry", str(root), "--today", "2026-11-12", "actions")
    assert "actions/nevsky/2026-11-10-r.bill-bill-3min.yaml:10:9:" in got.err
    assert "write status: open | reopened | done | verified" in got.err


def test_the_list_speaks_russian(root: Path, cli: Cli) -> None:
    bad = {**GOOD, IDS[1]: "result: fail"}
    score(cli, root, visit(cli, root, "2026-11-10", bad), "2026-11-10")
    got = cli("--registry", str(root), "--today", "2026-12-02", "--lang", "ru", "actions")
    lines = got.out.splitlines()
    assert lines[0].endswith(": просрочено 1, открыто 0, выполнено и ждут проверки 0, проверено 0")
    assert lines[1].strip().startswith("ПРОСРОЧЕНО на 8 дней (срок 24 нояб. 2026\u202fг.)")
    assert lines[2].strip().endswith(": нет")
