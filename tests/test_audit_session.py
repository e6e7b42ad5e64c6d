"""The interactive audit in a real pseudo-terminal: answers, back and skip, Ctrl-C and
resume, a killed process, the lock, and a disk that refuses to write."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
import yaml
from rich.console import Console

from audit_helpers import FILES, IDS
from tpkit.audit.files import Audit, load_audit
from tpkit.audit.session import SaveError, Session, parse_answer
from tpkit.registry import load_registry

PROMPT = r"> "
TODAY = "2026-11-20"


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES)


def spawn(root: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "tpkit", "--registry", str(root), "--today", TODAY, *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    return child


def start(root: Path) -> pexpect.spawn:
    return spawn(
        root, "audit", "new", "--venue", "nevsky", "--kind", "mystery", "--auditor", "Анна К."
    )


def answer(child: pexpect.spawn, text: str) -> None:
    child.expect(PROMPT)
    child.sendline(text)


def audit_path(root: Path) -> Path:
    return root / "audits" / "nevsky" / f"{TODAY}-mystery.yaml"


def results(root: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load(audit_path(root).read_text(encoding="utf-8"))
    return {k: v for k, v in data["results"].items() if v.get("result") or v.get("value")}


def test_a_whole_audit_ends_with_the_score(registry: Path) -> None:
    child = start(registry)
    child.expect("1/4")
    answer(child, "25")  # a value: the result follows from the target (30 s)
    child.expect("2/4")
    answer(child, "w помогли и с шарфом")
    child.expect("3/4")
    answer(child, "2")
    answer(child, "p")
    child.expect("100.0 / 100  GREEN")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    audit, problems = load_audit(audit_path(registry), "a")
    assert problems == [] and audit is not None and audit.status == "complete"
    assert audit.results[IDS[0]].value == 25 and audit.results[IDS[0]].result == "pass"
    assert audit.results[IDS[1]].note == "помогли и с шарфом"
    assert audit.auditor == "Анна К."


def test_ctrl_c_keeps_every_answer_and_resume_continues(registry: Path) -> None:
    child = start(registry)
    answer(child, "45 ждали у двери")
    answer(child, "p")
    child.expect("3/4")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("Continue with: tpkit audit resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = results(registry)
    assert list(saved) == IDS[:2]
    assert saved[IDS[0]] == {"result": "fail", "value": 45, "note": "ждали у двери"}
    child = spawn(registry, "audit", "resume", str(audit_path(registry)))
    child.expect("2 answered")
    child.expect("3/4")
    answer(child, "f")
    child.expect("What went wrong")
    child.sendline("принесли через 5 минут")
    answer(child, "p")
    child.expect("CRITICAL|RED|AMBER|GREEN")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # 3 of 7 weight lost: red
    assert results(registry)[IDS[2]]["note"] == "принесли через 5 минут"


def test_back_and_skip(registry: Path) -> None:
    child = start(registry)
    answer(child, "p")
    answer(child, "s")  # skip the coat for later
    child.expect("3/4")
    answer(child, "b")  # back to the coat
    child.expect("2/4")
    answer(child, "s")
    answer(child, "2")
    answer(child, "p")
    child.expect("1 skipped check left")
    child.sendline("y")
    child.expect("2/4")
    answer(child, "n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert results(registry)[IDS[1]] == {"result": "na", "value": None, "note": None}


def test_a_killed_session_loses_no_answer(registry: Path) -> None:
    child = start(registry)
    answer(child, "20")
    answer(child, "p")
    answer(child, "2")
    child.expect("4/4")
    child.expect(PROMPT)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    audit, problems = load_audit(audit_path(registry), "a")
    assert problems == [] and audit is not None
    assert audit.status == "in-progress"
    assert [cid for cid in IDS if audit.results.get(cid) and audit.results[cid].answered()] == IDS[
        :3
    ]
    # the lock died with the process: the audit can be resumed at once
    child = spawn(registry, "audit", "resume", str(audit_path(registry)))
    child.expect("4/4")
    answer(child, "p")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_second_session_on_the_same_file_is_refused(registry: Path) -> None:
    first = start(registry)
    answer(first, "p")
    first.expect("2/4")
    before = audit_path(registry).read_bytes()
    second = spawn(registry, "audit", "resume", str(audit_path(registry)))
    second.expect("being recorded by another session")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2
    assert audit_path(registry).read_bytes() == before
    first.sendintr()
    first.expect(pexpect.EOF)


def test_answers_are_parsed_as_typed() -> None:
    from tpkit.audit.files import SnapshotCheck
    from tpkit.model import Target

    timed = SnapshotCheck(
        "t.x/c", "text", "arrival", "host", type="time", target=Target(max=30, unit="s")
    )
    got = parse_answer("45 w долго, но красиво @photos/door.jpg", timed)
    assert got.result is not None
    assert (got.result.result, got.result.value, got.result.note, got.result.evidence) == (
        "wow",
        45,
        "долго, но красиво",
        "photos/door.jpg",
    )
    assert parse_answer("31,5", timed).result.result == "fail"  # type: ignore[union-attr]
    assert parse_answer("N/A", timed).result.result == "na"  # type: ignore[union-attr]
    yesno = SnapshotCheck("t.x/y", "text", "arrival", "host")
    assert parse_answer("12", yesno).kind == "invalid"
    assert parse_answer("maybe", yesno).kind == "invalid"


def test_a_disk_that_refuses_writes_gets_a_recovery_copy(
    registry: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tpkit.audit.files import Audit, snapshot

    reg = load_registry(registry)
    audit = Audit("nevsky", dt.date(2026, 11, 20), "mystery", snapshot(reg, "nevsky"))
    path = registry / "audits" / "nevsky" / "x.yaml"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    answers = iter(["p", "p"])
    session = Session(audit, path, Console(file=io.StringIO()), lambda _: next(answers))
    monkeypatch.setattr("tpkit.audit.session.save", full_disk)
    with pytest.raises(SaveError) as err:
        session.run()
    recovery = tmp_path / "state" / "tpkit" / "recovery" / "x.yaml"
    assert "No space left on device" in err.value.message
    assert str(recovery) in " ".join(err.value.details)
    saved, problems = load_audit(recovery, "r")
    assert problems == [] and saved is not None and saved.venue == "nevsky"


# ---- a Russian session, answer by answer ---------------------------------------------


def russian_session(registry: Path, typed: list[str], lang: str = "ru") -> tuple[str, Audit, Path]:
    """A session of the first two checks (the greeting in 30 s, the coat) in `lang`; what it
    printed, the audit and its file."""
    from tpkit import i18n
    from tpkit.audit.files import snapshot

    reg = load_registry(registry)
    checks = dict(list(snapshot(reg, "nevsky").items())[:2])
    audit = Audit("nevsky", dt.date(2026, 11, 20), "mystery", checks)
    path = registry / "audits" / "nevsky" / "a.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = io.StringIO()
    answers = iter(typed)
    with i18n.language(lang):
        console = Console(file=shown, width=200)
        Session(audit, path, console, lambda _: next(answers), photo_root=registry).run()
    return shown.getvalue(), audit, path


def test_a_russian_session_shows_russian_keys_and_a_mark_for_each_result(
    registry: Path,
) -> None:
    text, _audit, _path = russian_session(registry, ["35", "", "в"])
    assert "и назад · ы отложить · й стоп · ? справка" in text
    assert "b назад" not in text and "s отложить" not in text
    assert "✗ не выполнено (35 с)" in text and "★ вау" in text
    assert "✓ не выполнено" not in text
    english, _a, _p = russian_session(registry, ["n", "p"], lang="en")
    assert "– n/a" in english and "✓ pass" in english


@pytest.mark.parametrize("skip", ["ы", "s"])
def test_skipping_an_answered_check_is_refused_and_keeps_the_answer(
    registry: Path, skip: str
) -> None:
    # answer the greeting, go back to it from the coat, try to skip it, keep it with Enter
    text, audit, path = russian_session(registry, ["20", "и", skip, "", "п"])
    assert "у этой проверки уже есть ответ (выполнено 20 с)" in text
    assert "сейчас: выполнено 20 с (Enter — оставить)" in text
    assert audit.results[IDS[0]].result == "pass" and audit.results[IDS[0]].value == 20
    assert audit.skipped == [] and "skipped" not in path.read_text(encoding="utf-8")
    assert audit.status == "complete"


def test_a_missing_photo_is_warned_about_at_once_and_the_answer_kept(registry: Path) -> None:
    (registry / "photos").mkdir()
    (registry / "photos" / "coat.jpg").write_bytes(b"\xff\xd8")
    text, audit, _path = russian_session(
        registry, ["20 ждали ответа @photos/x.jpg", "п @photos/coat.jpg"]
    )
    assert "фото photos/x.jpg не найдено: ответ сохранён" in text
    assert "coat.jpg" not in text
    first = audit.results[IDS[0]]
    assert (first.result, first.value, first.note, first.evidence) == (
        "pass",
        20,
        "ждали ответа",
        "photos/x.jpg",
    )
    assert audit.results[IDS[1]].evidence == "photos/coat.jpg"
