"""Staff sign-off: the version of a touchpoint's text, the sign-off import and its status."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Result
from tpkit.ack import version
from tpkit.registry import load_registry

GREETING = """\
id: t.greet
title: Встреча
zone: arrival
owner: host
roles: [host, waiter]
reviewed: 2026-11-01
standard: Гостя встречают у входа.
steps:
  - Улыбнуться и поздороваться.
say:
  - Добрый вечер! Рады вас видеть.
checks:
  - {id: c1, text: Поздоровались с гостем}
"""

HEADER = "date,person,role,venue,touchpoint,version\n"


def _current(root: Path) -> str:
    registry = load_registry(root)
    return version(next(tp for tp in registry.touchpoints if tp.id == "t.greet"))


def test_the_version_changes_with_the_text_staff_follow_only(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    first = _current(root)
    assert len(first) == 8 and int(first, 16) >= 0
    (root / "touchpoints/greet.yaml").write_text(
        GREETING.replace("title: Встреча", "title: Встреча гостя"), encoding="utf-8"
    )
    assert _current(root) == first  # a title is not what staff follow
    (root / "touchpoints/greet.yaml").write_text(
        GREETING.replace("Рады вас видеть.", "Рады вас видеть снова."), encoding="utf-8"
    )
    assert _current(root) != first


def test_import_stores_by_venue_and_month_and_status_names_who_must_reread(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    now = _current(root)
    sheet = root / "sheet.csv"
    sheet.write_text(
        HEADER
        + f"2026-12-01,Анна Петрова,host,nevsky,t.greet,{now}\n"
        + "2026-11-20,Иван Сидоров,host,nevsky,t.greet,0badc0de\n",
        encoding="utf-8",
    )
    result = cli("--registry", str(root), "ack", "import", str(sheet))
    assert result.code == 0, result.err
    assert "Imported 2 new sign-offs" in result.out
    assert (root / "acks/nevsky/2026-12.csv").read_text(encoding="utf-8").splitlines() == [
        HEADER.strip(),
        f"2026-12-01,Анна Петрова,host,nevsky,t.greet,{now}",
    ]
    assert (root / "acks/nevsky/2026-11.csv").is_file()
    again = cli("--registry", str(root), "ack", "import", str(sheet))
    assert "Imported 0 new sign-offs" in again.out and "2 stored before" in again.out

    text = cli("--registry", str(root), "ack", "status", "--venue", "nevsky", "--lang", "en")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[0].endswith(
        ": 1 standard, 0 signed by all their staff, 1 sign-off to renew after a change, "
        "1 signed by nobody in a role"
    )
    assert lines[1].strip().startswith(f"t.greet [{now}] Встреча")
    assert "signed the current text: Анна Петрова" in text.out
    assert "must read again: Иван Сидоров" in text.out
    assert "— Официант\n    signed the current text: nobody" in text.out

    data = json.loads(
        cli("--registry", str(root), "ack", "status", "--role", "host", "-f", "json").out
    )
    assert {
        "touchpoint": "t.greet",
        "version": now,
        "venue": "nevsky",
        "role": "host",
        "signed": ["Анна Петрова"],
        "must_reread": ["Иван Сидоров"],
        "not_signed": [],
    } in data
    waiters = json.loads(
        cli("--registry", str(root), "ack", "status", "--role", "waiter", "-f", "json").out
    )
    assert waiters[0]["signed"] == [] and waiters[0]["must_reread"] == []

    # Signing the current text clears the re-read.
    sheet.write_text(HEADER + f"2026-12-02,Иван Сидоров,host,nevsky,t.greet,{now.upper()}\n")
    cli("--registry", str(root), "ack", "import", str(sheet))
    data = json.loads(
        cli("--registry", str(root), "ack", "status", "--venue", "nevsky", "-f", "json").out
    )
    host = next(r for r in data if r["role"] == "host")
    assert host["signed"] == ["Анна Петрова", "Иван Сидоров"] and host["must_reread"] == []


SECOND = GREETING.replace("t.greet", "t.seat").replace("Встреча", "Посадка")


def test_new_staff_are_named_once_with_what_they_have_not_signed(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING, "touchpoints/seat.yaml": SECOND})
    registry = load_registry(root)
    v = {tp.id: version(tp) for tp in registry.touchpoints}
    sheet = root / "sheet.csv"
    sheet.write_text(
        HEADER
        + f"2026-12-01,Анна Петрова,host,nevsky,t.greet,{v['t.greet']}\n"
        + f"2026-12-01,Анна Петрова,host,nevsky,t.seat,{v['t.seat']}\n"
        + f"2026-12-02,Олег Новиков,host,nevsky,t.greet,{v['t.greet']}\n",
        encoding="utf-8",
    )
    assert cli("--registry", str(root), "ack", "import", str(sheet)).code == 0
    text = cli("--registry", str(root), "--lang", "en", "ack", "status", "--venue", "nevsky")
    assert "Олег Новиков (Хостес) has not signed 1 standard yet: t.seat" in text.out
    full = cli("--registry", str(root), "--lang", "en", "ack", "status", "--all")
    assert "not signed yet: Олег Новиков" in full.out
    rows = json.loads(cli("--registry", str(root), "ack", "status", "-f", "json").out)
    seat = next(r for r in rows if r["touchpoint"] == "t.seat" and r["role"] == "host")
    assert seat["not_signed"] == ["Олег Новиков"] and seat["signed"] == ["Анна Петрова"]


ON = "rules:\n  LOOP002: {level: warning, within: 14d}\n"


def _loop002(cli: Callable[..., Result], root: Path, today: str) -> list[dict[str, object]]:
    got = cli("--registry", str(root), "--today", today, "validate", "--format", "json")
    return [p for p in json.loads(got.out)["problems"] if p["rule"] == "LOOP002"]


def test_a_changed_standard_no_one_signed_in_time_is_reported_when_turned_on(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry(
        {
            "touchpoints/greet.yaml": GREETING.replace("roles: [host, waiter]", "roles: [host]"),
            "standards/current.yaml": "standard: current\n" + ON,
        }
    )
    old = _current(root)
    sheet = root / "sheet.csv"
    sheet.write_text(HEADER + f"2026-11-02,Анна,host,nevsky,t.greet,{old}\n", encoding="utf-8")
    assert cli("--registry", str(root), "ack", "import", str(sheet)).code == 0
    assert _loop002(cli, root, "2026-12-20") == []  # the signed text is the current one
    path = root / "touchpoints" / "greet.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("Улыбнуться и поздороваться.", "Встать, улыбнуться и поздороваться.")
        .replace("reviewed: 2026-11-01", "reviewed: 2026-12-01"),
        encoding="utf-8",
    )
    assert _loop002(cli, root, "2026-12-10") == []  # within the 14 days
    [found] = _loop002(cli, root, "2026-12-20")
    assert found["level"] == "warning" and found["line"] == 6  # at reviewed
    assert "no one (Хостес) at" in found["message"] and "2026-12-01" in found["message"]
    assert "tpkit ack import" in found["suggestion"]
    new = _current(root)
    sheet.write_text(HEADER + f"2026-12-15,Анна,host,nevsky,t.greet,{new}\n", encoding="utf-8")
    cli("--registry", str(root), "ack", "import", str(sheet))
    assert _loop002(cli, root, "2026-12-20") == []


def test_the_unsigned_change_rule_is_off_by_default(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    sheet = root / "sheet.csv"
    sheet.write_text(HEADER + "2026-11-02,Анна,host,nevsky,t.greet,0badc0de\n", encoding="utf-8")
    assert cli("--registry", str(root), "ack", "import", str(sheet)).code == 0
    assert _loop002(cli, root, "2027-06-01") == []


def test_a_bad_row_names_file_line_column_and_nothing_is_imported(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    now = _current(root)
    sheet = root / "sheet.csv"
    sheet.write_text(
        HEADER
        + f"2026-12-01,Анна Петрова,host,nevsky,t.greet,{now}\n"
        + "2026-13-01,,cook,moon,t.gret,v2\n",
        encoding="utf-8",
    )
    result = cli("--registry", str(root), "ack", "import", str(sheet))
    assert result.code == 1
    err = result.err
    assert "1 bad row; nothing was imported" in err
    assert f"{sheet}:3:1: '2026-13-01' is not a date — write it as YYYY-MM-DD" in err
    assert f"{sheet}:3:12: the person is empty" in err
    assert f"{sheet}:3:13: 'cook' is not a role of this registry — roles: host" in err
    assert f"{sheet}:3:18: 'moon' is not a venue of this registry" in err
    assert f"{sheet}:3:23: 't.gret' is not a touchpoint id" in err
    assert f"{sheet}:3:30: 'v2' is not a version" in err
    assert not (root / "acks").exists()


def test_the_version_hint_and_the_messages_speak_russian(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    now = _current(root)
    sheet = root / "sheet.csv"
    sheet.write_text(HEADER + "2026-12-01,Анна,host,nevsky,t.greet,old\n", encoding="utf-8")
    result = cli("--registry", str(root), "--lang", "ru", "ack", "import", str(sheet))
    assert result.code == 1
    assert f"{sheet}:2:37: «old» — не версия" in result.err
    assert f"(сейчас {now})" in result.err
    status = cli("--registry", str(root), "--lang", "ru", "ack", "status", "--venue", "nevsky")
    assert "подписали действующий текст: никто" in status.out


def test_a_touchpoint_of_another_venue_is_refused(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING + "venues: [harbour]\n"})
    now = _current(root)
    sheet = root / "sheet.csv"
    sheet.write_text(HEADER + f"2026-12-01,Анна,host,nevsky,t.greet,{now}\n", encoding="utf-8")
    result = cli("--registry", str(root), "ack", "import", str(sheet))
    assert result.code == 1
    assert f"{sheet}:2:22: touchpoint t.greet is not kept at nevsky — its venues: harbour" in (
        result.err
    )
    status = cli("--registry", str(root), "ack", "status", "--venue", "nevsky", "-f", "json")
    assert json.loads(status.out) == []


def test_the_handout_prints_the_version_staff_sign(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    now = _current(root)
    for fmt, name in (("md", "h.md"), ("html", "h.html")):
        out = root / name
        result = cli(
            "--registry", str(root), "--lang", "ru", "render", "handout", "--role", "waiter",
            "--venue", "nevsky", "--format", fmt, "-o", str(out),
        )  # fmt: skip
        assert result.code == 0, result.err
        assert f"версия {now}" in out.read_text(encoding="utf-8")


QUIZ_TP = GREETING.replace(
    "checks:\n  - {id: c1, text: Поздоровались с гостем}\n",
    "avoid:\n  - {phrase: Вам кого?, instead: Добрый вечер! Вы бронировали столик?}\n"
    "checks:\n  - {id: c1, text: Поздоровались с гостем}\n"
    "  - {id: c2, text: Время до приветствия, type: time, target: {max: 30, unit: s}}\n",
)


def test_the_quiz_asks_what_to_say_and_how_soon_with_the_answers_last(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": QUIZ_TP})
    now = _current(root)
    out = root / "quiz.md"
    result = cli(
        "--registry", str(root), "--lang", "ru", "render", "quiz", "--role", "waiter",
        "--venue", "nevsky", "--format", "md", "-o", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    questions, answers = text.split("## Ответы")
    assert "# Тест для сотрудников: Официант" in questions
    assert "1. Что вы скажете вместо «Вам кого?»?" in questions
    assert "2. За какое время: Время до приветствия?" in questions
    assert "Добрый вечер" not in questions and "30" not in questions
    assert f"1. Добрый вечер! Вы бронировали столик? (t.greet · {now})" in answers
    assert "2. ≤ 30 с" in answers

    page = root / "quiz.html"
    english = cli(
        "--registry", str(root), "--lang", "en", "render", "quiz", "--role", "waiter",
        "--venue", "nevsky", "-o", str(page),
    )  # fmt: skip
    assert english.code == 0, english.err
    html = page.read_text(encoding="utf-8")
    assert "What do you say instead of “Вам кого?”?" in html
    assert ".answers { break-before: page; }" in html
    assert html.index("Answer key") > html.index("What do you say instead")


def test_a_quiz_for_a_role_with_nothing_to_ask_says_what_to_add(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/greet.yaml": GREETING})
    result = cli(
        "--registry", str(root), "render", "quiz", "--role", "host", "--venue", "nevsky",
        "-o", str(root / "q.html"),
    )  # fmt: skip
    assert result.code != 0
    assert "has no phrase to avoid and no target to ask about" in result.err
    assert "add avoid: pairs or checks with a target" in result.err
