"""Audits in the venue's language: targets, measured values, sessions, scores and trends."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from rich.console import Console

from audit_helpers import FILES, IDS, fill
from conftest import CONFIG, Result, foreign_words
from tpkit import i18n
from tpkit.audit.files import Audit, SnapshotCheck, load_audit
from tpkit.audit.files import Result as Answer
from tpkit.audit.scoring import outcome, score_audit
from tpkit.audit.session import Session, parse_answer
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
        {wait.id: Answer(None, 7, "долго", "photos/bill.jpg photos/queue.jpg")},
    )
    score = score_audit(audit)
    (action,) = score.actions
    assert action.value == 7 and action.target == Target(max=3, unit="min")
    assert action.photos == ["photos/bill.jpg", "photos/queue.jpg"]
    assert measured(action.value, action) == "7 min (target ≤ 3 min)"
    assert score.open_checks == 1 and not score.complete
    assert score.to_dict()["actions"][0]["photos"] == ["photos/bill.jpg", "photos/queue.jpg"]


# ---- the command line ------------------------------------------------------------------

RESTROOM = """\
id: r.restroom
title: Туалет
zone: payment
owner: waiter
venues: [nevsky]
reviewed: 2026-11-01
standard: В туалете чисто.
checks:
  - {id: smell, text: Чистота по оценке аудитора, type: scale, target: {min: 4, of: 5}}
"""
SMELL = "r.restroom/smell"
# The words of the content (titles, check texts, names): they stay as the registry writes them.
CONTENT = [
    *(line for text in FILES.values() for line in text.splitlines()),
    RESTROOM,
    CONFIG,
    "Анна К.",
    "audit resume score new form",  # command names
    "Enter",  # a key
]
Cli = Callable[..., Result]


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry({**FILES, "touchpoints/payment/r.restroom.yaml": RESTROOM})


@pytest.fixture
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language asked for: the output takes the venue's."""
    monkeypatch.delenv("TPKIT_LANG", raising=False)


def form(cli: Cli, root: Path, venue: str = "nevsky", *args: str) -> str:
    made = cli(
        "--registry", str(root), "--today", "2026-11-20", "audit", "form", "--venue", venue, *args
    )
    assert made.code == 0, made.err
    return made.out


def filled(cli: Cli, root: Path, answers: dict[str, str], venue: str = "nevsky") -> Path:
    path = root / "audits" / venue / "2026-11-20-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form(cli, root, venue), answers), encoding="utf-8")
    return path


def line_of(path: Path, cid: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(i for i, text in enumerate(lines, 1) if text.startswith(f"  {cid}:"))


ALL = {
    IDS[0]: "value: 45, note: ждали у двери",
    IDS[1]: "result: pass",
    IDS[2]: "value: 7",
    IDS[3]: "result: fail, note: лишний десерт",
    SMELL: "value: 3",
}


def test_a_russian_venue_is_scored_in_russian(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    path = filled(cli, registry, ALL)
    out = cli("audit", "score", str(path))
    assert out.code == 1
    text = out.out + out.err
    assert foreign_words(text, "ru", CONTENT) == []
    assert "Счёт принесли за 3 минуты: 7 мин (цель ≤ 3 мин)" in text
    assert "Чистота по оценке аудитора: 3 (цель ≥ 4 из 5)" in text
    assert "Официант" in text and "Директор по сервису" in text  # owners by role title
    assert "Корректирующие действия" in text and "КРАСНЫЙ" in text
    assert "ЗОНА" not in text  # a band is a band, never a zone
    assert re.search(r"20 нояб\. 2026\s?г\.", text) and "тайный гость" in text
    md = cli("audit", "score", str(path), "--format", "md").out
    assert foreign_words(md, "ru", CONTENT) == []
    assert "| Точка контакта | Что не выполнено | Ответственный | Срок |" in md


def test_an_english_hotel_is_scored_in_english_with_its_own_zone_titles(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    path = filled(cli, registry, {"h.checkin/five-min": "value: 7.5"}, venue="harbour")
    out = cli("audit", "score", str(path))
    text = out.out + out.err
    assert foreign_words(text, "en", ["Хостес"]) == []  # the role has only a Russian title
    assert "Arrival" in text and "Встреча" not in text
    assert "Check-in took five minutes at most: 7.5 min (target ≤ 5 min)" in text
    assert "RED" in text and "Nov 20, 2026" in text


def test_a_form_is_commented_in_the_venue_language(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    ru = form(cli, registry)
    assert "(время, цель ≤ 3 мин)" in ru and "(оценка, цель ≥ 4 из 5)" in ru
    comments = "\n".join(line for line in ru.splitlines() if line.lstrip().startswith("#"))
    assert foreign_words(comments, "ru", [*CONTENT, "result pass fail wow na value evidence"]) == []
    en = form(cli, registry, "harbour")
    assert "(time, target ≤ 5 min)" in en and not re.search("[а-яё]", en.split("checks:")[0])


@pytest.mark.parametrize(
    ("cid", "answer", "needle", "hint"),
    [
        (IDS[2], "value: 4:30", "'4:30' reads as a clock time", "write 4.5 or 4 min 30 s"),
        (IDS[2], 'value: "4:30"', "'4:30' reads as a clock time", "write 4.5 or 4 min 30 s"),
        (SMELL, "value: 7", "7 is not on the scale: a rating is from 1 to 5", "rating"),
        (IDS[2], "result: pass, value: 7", "pass, but 7 min does not meet the target ≤ 3 min", ""),
        (IDS[3], "result: on", "'on' is not a result", "pass, fail, wow or na"),
    ],
)
def test_an_ambiguous_or_contradictory_form_value_is_refused_at_its_line(
    registry: Path, cli: Cli, cid: str, answer: str, needle: str, hint: str
) -> None:
    path = filled(cli, registry, {cid: answer})
    out = cli("audit", "score", str(path))
    assert out.code == 1 and out.out == ""
    assert re.search(rf"2026-11-20-mystery\.yaml:{line_of(path, cid)}:\d+: error", out.err)
    assert needle in out.err and hint in out.err


def test_a_clock_time_is_explained_in_russian(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    path = filled(cli, registry, {IDS[2]: "value: 4:30"})
    err = cli("audit", "score", str(path)).err
    assert "'4:30' читается как время на часах" in err and "(YAML понимает его как 270)" in err
    assert "напишите 4,5 или 4 мин 30 с" in err


@pytest.mark.parametrize(
    ("cid", "answer", "result", "value"),
    [
        (IDS[3], "result: yes", "pass", None),
        (IDS[3], "result: no", "fail", None),
        (IDS[3], "result: да", "pass", None),
        (IDS[3], "result: н/п", "na", None),
        (IDS[2], "value: 4 min 30 s", "fail", 4.5),
        (IDS[2], "value: 4 мин 30 с", "fail", 4.5),
        (IDS[2], "value: 2,5", "pass", 2.5),
        (IDS[0], "value: 1 min", "fail", 60),
        (SMELL, "value: 4", "pass", 4),
    ],
)
def test_a_plain_form_value_is_read_as_meant(
    registry: Path, cli: Cli, cid: str, answer: str, result: str, value: float | None
) -> None:
    path = filled(cli, registry, {cid: answer})
    out = cli("audit", "score", str(path), "--format", "json")
    assert out.err == "" and out.code in (0, 1)
    audit, problems = load_audit(path, "a")
    assert problems == [] and audit is not None
    assert (outcome(audit.checks[cid], audit.results[cid]), audit.results[cid].value) == (
        result,
        value,
    )


def test_photos_that_cannot_be_read_are_warned_about(
    registry: Path, cli: Cli, tmp_path: Path
) -> None:
    (registry / "photos").mkdir()
    (registry / "photos" / "door.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "secret.jpg").write_bytes(b"\xff\xd8")
    (registry / "photos" / "out.jpg").symlink_to(tmp_path / "secret.jpg")
    path = filled(
        cli,
        registry,
        {
            IDS[0]: "value: 20, evidence: photos/door.jpg",
            IDS[1]: "result: pass, evidence: photos/litter.jpg",
            IDS[2]: "value: 2, evidence: photos/out.jpg",
            IDS[3]: "result: pass, evidence: photos",
        },
    )
    out = cli("audit", "score", str(path))
    assert out.code == 0  # a warning: the audit is scored
    warned = [line for line in out.err.splitlines() if ": warning" in line]
    assert len(warned) == 3, out.err
    assert f"mystery.yaml:{line_of(path, IDS[1])}:" in warned[0]
    assert "the photo 'photos/litter.jpg' does not exist" in warned[0]
    assert "'photos/out.jpg' is outside the registry" in warned[1]
    assert "'photos' is not a regular file" in warned[2]
    assert "door.jpg" not in out.err


def test_an_audit_with_no_answers_is_not_scored_nor_plotted(registry: Path, cli: Cli) -> None:
    filled(cli, registry, {}, venue="harbour")
    path = filled(cli, registry, {})
    out = cli("audit", "score", str(path))
    assert out.code == 1
    assert "no answers" in out.out and "/ 100" not in out.out
    data = json.loads(cli("audit", "score", str(path), "--format", "json").out)["audits"][0]
    assert data["score"] is None and data["open_checks"] == 5
    trend = cli("--registry", str(registry), "audit", "trend", "--format", "json")
    assert json.loads(trend.out)["venues"] == {}
    text = cli("--registry", str(registry), "audit", "trend")
    assert "No scored audits yet" in text.out
    assert "2026-11-20-mystery.yaml: no answers, not scored and not in the trend" in text.err


def test_an_incomplete_audit_says_how_many_checks_are_open(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    path = filled(cli, registry, {IDS[0]: "value: 20", IDS[1]: "result: pass"})
    out = cli("audit", "score", str(path)).out
    assert "не завершена: без ответа 3 из 5 проверок" in out
    trend = cli("--registry", str(registry), "audit", "trend").out
    assert "без ответа 3 из 5 проверок" in trend
    assert foreign_words(trend, "ru", CONTENT) == []
    with i18n.language("en"):
        en = cli("--lang", "en", "audit", "score", str(path)).out
    assert "incomplete: 3 of 5 checks open" in en


def test_the_visit_date_is_given_with_date(
    registry: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "date: 2026-11-18\n" in form(cli, registry, "nevsky", "--date", "2026-11-18")
    bad = cli("--registry", str(registry), "audit", "form", "--venue", "nevsky", "--date", "18.11")
    assert bad.code == 2 and "--date '18.11' is not a date" in bad.err
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    new = cli(
        "--registry", str(registry), "--today", "2026-11-20", "audit", "new",
        "--venue", "nevsky", "--kind", "mystery", "--date", "2026-11-18",
    )  # fmt: skip
    assert new.code == 0, new.err
    saved = registry / "audits" / "nevsky" / "2026-11-18-mystery.yaml"
    assert "date: 2026-11-18\n" in saved.read_text(encoding="utf-8")


# ---- answers ---------------------------------------------------------------------------

TIMED = SnapshotCheck(
    "t.x/c", "text", "arrival", "host", type="time", target=Target(max=3, unit="min")
)
YESNO = SnapshotCheck("t.x/y", "text", "arrival", "host")
RATING = SnapshotCheck("t.x/r", "text", "arrival", "host", type="scale", target=Target(min=4, of=5))


@pytest.mark.parametrize(
    ("typed", "result"),
    [
        *((k, "pass") for k in ("p", "з", "п", "да", "yes", "pass", "Да")),
        *((k, "fail") for k in ("f", "а", "н", "нет", "no", "fail")),
        *((k, "wow") for k in ("w", "ц", "в", "вау")),
        *((k, "na") for k in ("n", "т", "нп", "н/п", "н-а", "n/a")),
    ],
)
def test_answers_in_either_layout_and_language(typed: str, result: str) -> None:
    got = parse_answer(f"{typed} заметка", YESNO)
    assert got.kind == "result" and got.result is not None
    assert (got.result.result, got.result.note) == (result, "заметка")


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("b", "back"), ("и", "back"), ("s", "skip"), ("ы", "skip"), ("q", "quit"), ("й", "quit")],
)
def test_commands_in_either_layout(typed: str, kind: str) -> None:
    assert parse_answer(typed, YESNO).kind == kind


def test_amounts_as_a_person_types_them() -> None:
    for typed in ("4 min 30 s долго", "4 мин 30 с долго", "4,5 долго", "4мин30с долго"):
        got = parse_answer(typed, TIMED).result
        assert got is not None and (got.result, got.value, got.note) == ("fail", 4.5, "долго")
    refused = parse_answer("4:30", TIMED)
    assert refused.kind == "invalid" and "write 4.5 or 4 min 30 s" in refused.message
    contradiction = parse_answer("p 7", TIMED)
    assert (
        contradiction.kind == "invalid"
        and "does not meet the target ≤ 3 min" in contradiction.message
    )


def test_a_rating_off_its_scale_is_refused_and_asked_again(tmp_path: Path) -> None:
    audit = Audit("nevsky", dt.date(2026, 11, 20), "mystery", {RATING.id: RATING})
    shown = io.StringIO()
    answers = iter(["7", "4"])
    Session(audit, tmp_path / "a.yaml", Console(file=shown), lambda _: next(answers)).run()
    assert "7 is not on the scale: a rating is from 1 to 5" in shown.getvalue()
    assert (audit.results[RATING.id].value, audit.results[RATING.id].result) == (4, "pass")
    assert "p/f/w/n or a rating from 1 to 5" in shown.getvalue()


def test_the_prompt_and_its_help_in_russian(tmp_path: Path) -> None:
    audit = Audit("nevsky", dt.date(2026, 11, 20), "mystery", {TIMED.id: TIMED})
    shown = io.StringIO()
    answers = iter(["?", "можно", "з"])
    with i18n.language("ru"):
        console = Console(file=shown, width=400)
        Session(audit, tmp_path / "a.yaml", console, lambda _: next(answers)).run()
    text = shown.getvalue()
    assert "п/н/в/нп или число (мин) · и назад · ы отложить · й стоп · ? справка" in text
    assert "в русской это з а ц т" in text and "'можно' — не ответ" in text
    assert "цель ≤ 3 мин · вес 1" in text and "✓ выполнено" in text
    assert (
        foreign_words(text, "ru", ["tpkit audit resume", "yes no", "arrival text", "Enter"]) == []
    )


# ---- a real terminal -------------------------------------------------------------------


def spawn(root: Path, *args: str, lang: str | None = None) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "TPKIT_LANG"}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", **({"TPKIT_LANG": lang} if lang else {})})
    return pexpect.spawn(
        sys.executable,
        ["-m", "tpkit", "--registry", str(root), "--today", "2026-11-20", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
    )


def new_session(root: Path, venue: str = "nevsky", lang: str | None = None) -> pexpect.spawn:
    child = spawn(root, "audit", "new", "--venue", venue, "--kind", "mystery", lang=lang)
    child.logfile_read = io.StringIO()
    return child


def saved(root: Path, venue: str = "nevsky") -> dict[str, Any]:
    text = (root / "audits" / venue / "2026-11-20-mystery.yaml").read_text(encoding="utf-8")
    results: dict[str, Any] = yaml.safe_load(text)["results"]
    return results


def test_ctrl_c_at_the_note_prompt_keeps_the_fail(registry: Path) -> None:
    child = new_session(registry, lang="en")
    for typed in ("p", "p"):
        child.expect("> ")
        child.sendline(typed)
    child.expect("3/5")
    child.expect("> ")
    child.sendline("f")
    child.expect("What went wrong")
    child.sendintr()
    child.expect("Continue with: tpkit audit resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert saved(registry)[IDS[2]]["result"] == "fail"
    assert [saved(registry)[cid]["result"] for cid in IDS[:2]] == ["pass", "pass"]


def test_a_russian_session_speaks_russian_and_takes_russian_answers(registry: Path) -> None:
    child = new_session(registry)
    child.expect("Проверка: Невский")
    for typed in ("з", "да"):
        child.expect("> ")
        child.sendline(typed)
    child.expect("3/5")
    child.expect("> ")
    child.sendline("4 мин 30 с")
    child.expect("Что пошло не так")
    child.sendline("долго несли @photos/bill.jpg")
    child.expect("> ")
    child.sendline("п")
    child.expect("> ")
    child.sendline("7")
    child.expect("вне шкалы: оценка ставится от 1 до 5")
    child.expect("> ")
    child.sendline("4")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0  # 7 of 8 weight: amber
    results = saved(registry)
    assert [results[cid]["result"] for cid in (*IDS, SMELL)] == [
        "pass",
        "pass",
        "fail",
        "pass",
        "pass",
    ]
    assert results[IDS[2]] == {
        "result": "fail",
        "value": 4.5,
        "note": "долго несли",
        "evidence": "photos/bill.jpg",
    }
    assert results[SMELL]["value"] == 4
    text = child.logfile_read.getvalue()
    assert "Счёт принесли за 3 минуты: 4,5 мин (цель ≤ 3 мин)" in text
    assert foreign_words(text, "ru", CONTENT) == []


def test_an_english_hotel_session_has_no_russian_words(registry: Path) -> None:
    child = new_session(registry, venue="harbour")
    child.expect("Auditing Harbour Hotel")
    child.expect("> ")
    child.sendline("7")
    child.expect("What went wrong")
    child.sendline("a queue")
    child.expect(pexpect.EOF)
    child.close()
    text = child.logfile_read.getvalue()
    assert "Check-in took five minutes at most: 7 min (target ≤ 5 min)" in text
    assert foreign_words(text, "en", ["Хостес"]) == []


# ---- what a Russian service director noticed ------------------------------------------


def test_an_audit_file_outside_the_registry_speaks_the_registry_of_the_current_folder(
    registry: Path, cli: Cli, venue_language: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere" / "f.yaml"
    outside.parent.mkdir()
    monkeypatch.chdir(registry)
    made = cli("--today", "2026-12-02", "audit", "form", "--venue", "nevsky", "-o", str(outside))
    assert made.code == 0, made.err
    out = cli("audit", "score", str(outside))
    assert out.code == 1
    assert re.search(r"Невский · 2 дек\. 2026\s?г\. · тайный гость", out.out), out.out
    assert "nevsky ·" not in out.out and "Dec 2, 2026" not in out.out
    assert foreign_words(out.out + out.err, "ru", CONTENT) == []
    missing = cli("audit", "score", str(tmp_path / "nonexist.yaml"))
    assert missing.code == 2
    assert "nonexist.yaml: такого файла проверки нет" in missing.err, missing.err


def dated(cli: Cli, root: Path, venue: str, day: str, answers: dict[str, str]) -> Path:
    path = root / "audits" / venue / f"{day}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form(cli, root, venue, "--date", day), answers), encoding="utf-8")
    return path


@pytest.fixture
def two_languages(registry: Path, cli: Cli) -> Path:
    """A Russian restaurant with a complete and an incomplete audit, an English hotel."""
    dated(cli, registry, "nevsky", "2026-10-20", {**ALL, IDS[2]: "value: 2", SMELL: "value: 5"})
    dated(cli, registry, "nevsky", "2026-11-20", {IDS[0]: "value: 20", IDS[3]: "result: fail"})
    dated(cli, registry, "harbour", "2026-11-19", {"h.checkin/five-min": "value: 4"})
    return registry


def test_a_trend_of_venues_of_two_languages_is_in_one_language(
    two_languages: Path, cli: Cli, venue_language: None
) -> None:
    text = cli("--registry", str(two_languages), "audit", "trend").out
    assert foreign_words(text, "ru", CONTENT) == []
    assert "Arrival" not in text and "Встреча" in text  # zone titles in the output's language
    assert "mystery guest" not in text and text.count("тайный гость") == 3
    assert "Harbour Hotel" in text and text.count("Дата") == 2
    hotel = cli("--registry", str(two_languages), "audit", "trend", "--venue", "harbour").out
    assert foreign_words(hotel, "en", ["Harbour Hotel"]) == []
    assert "Arrival" in hotel and "mystery guest" in hotel and "11/19/26" in hotel


@pytest.mark.parametrize("width", [80, 120])
def test_a_trend_reads_at_80_and_120_columns(
    two_languages: Path, cli: Cli, venue_language: None, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    text = cli("--registry", str(two_languages), "audit", "trend").out
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in text  # no title, number or date cut short
    for title in ("Встреча", "Расчёт"):
        assert any(re.match(rf"│ {title} +│ +[\d,—]", line) for line in lines), (title, text)
    # the incomplete audit: a mark beside its score and one line saying what it means
    assert re.search(r"│ +\d+,\d\* │", text), text
    legend = [line for line in lines if line.startswith("* 20.11.2026: ")]
    assert len(legend) == 1 and "без ответа 3 из 5 проверок" in legend[0]
    assert legend[0].endswith("; не сравнивается")  # one line, not a column of six
    assert "Не завершена" not in text
    assert "! не выполнена критичная проверка" in text


def test_a_form_in_russian_writes_numbers_and_results_as_russian_does(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    assert "(4,5 или 4 мин 30 с)" in form(cli, registry) and "4.5" not in form(cli, registry)
    assert "(4.5 or 4 min 30 s)" in form(cli, registry, "harbour")
    path = filled(cli, registry, {IDS[1]: "result: ok"})
    err = cli("audit", "score", str(path)).err
    assert f"2026-11-20-mystery.yaml:{line_of(path, IDS[1])}:" in err
    assert "'ok' — не результат" in err and "можно да, нет, вау, н/п" in err


def test_a_missing_photo_is_named_in_russian_where_it_is(
    registry: Path, cli: Cli, venue_language: None
) -> None:
    path = filled(cli, registry, {IDS[1]: "result: pass, evidence: photos/x.jpg"})
    err = cli("audit", "score", str(path)).err
    where = rf"2026-11-20-mystery\.yaml:{line_of(path, IDS[1])}:\d+:"
    assert re.search(where + r" предупреждение +TP006 +фото photos/x\.jpg не найдено", err), err
