"""The engine on whole registries: broken files among good ones, waivers, selected paths."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CONFIG, TOUCHPOINT
from tpkit.errors import RegistryError
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = dt.date(2026, 11, 25)


def tp(tp_id: str, **replace: str) -> str:
    text = TOUCHPOINT.replace("id: t.case", f"id: {tp_id}")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_broken_files_are_reported_and_the_rest_still_checked(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry(
        {
            "touchpoints/a/broken.yaml": "id: t.broken\ntitle: [unclosed\n",
            "touchpoints/a/cp1251.yaml": "id: t.enc\ntitle: Встреча\n".encode("cp1251"),
            "touchpoints/a/list.yaml": "- id: t.list\n",
            "touchpoints/a/empty.yaml": "",
            "touchpoints/b/good.yaml": tp(
                "t.good", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"}
            ),
        }
    )
    report = validate(load_registry(root), TODAY, use_git=False)
    by_path = {p.path: p.rule for p in report.problems}
    assert by_path == {
        "touchpoints/a/broken.yaml": "TP001",
        "touchpoints/a/cp1251.yaml": "TP006",
        "touchpoints/a/list.yaml": "TP002",
        "touchpoints/a/empty.yaml": "TP002",
        "touchpoints/b/good.yaml": "CUR001",  # the good file is still checked by every rule
    }
    assert report.files == 5 and report.touchpoints == 1
    assert report.problems == sorted(report.problems, key=lambda p: p.sort_key())


def test_a_live_waiver_silences_one_rule_for_one_touchpoint(
    make_registry: Callable[..., Path],
) -> None:
    config = CONFIG + (
        "waivers:\n"
        "  - {rule: CUR001, touchpoint: t.old, reason: Closed for works, "
        "expires: 2027-01-01}\n"
    )
    old = tp("t.old", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"})
    other = tp("t.other", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"})
    root = make_registry(
        {"touchpoints/old.yaml": old, "touchpoints/other.yaml": other}, config=config
    )
    report = validate(load_registry(root), TODAY, use_git=False)
    assert [(p.rule, p.touchpoint) for p in report.problems] == [("CUR001", "t.other")]


def test_expired_and_unused_waivers_are_reported(make_registry: Callable[..., Path]) -> None:
    config = CONFIG + (
        "waivers:\n"
        "  - {rule: CUR001, touchpoint: t.old, reason: Works, expires: 2026-10-01}\n"
        "  - {rule: BRF002, touchpoint: t.old, reason: Long, expires: 2027-10-01}\n"
        "  - {rule: BRF002, touchpoint: t.gone, reason: Long, expires: 2027-10-01}\n"
    )
    old = tp("t.old", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"})
    root = make_registry({"touchpoints/old.yaml": old}, config=config)
    report = validate(load_registry(root), TODAY, use_git=False)
    got = [(p.path, p.line, p.rule, p.level) for p in report.problems]
    assert got == [
        ("touchpoints/old.yaml", 5, "CUR001", "error"),
        ("tpkit.yaml", 16, "WVR001", "warning"),
        ("tpkit.yaml", 17, "WVR002", "info"),
        ("tpkit.yaml", 18, "WVR002", "info"),
    ]
    assert "there is no touchpoint t.gone" in report.problems[-1].message


def test_paths_select_what_is_reported(make_registry: Callable[..., Path]) -> None:
    old = tp("t.old", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"})
    root = make_registry(
        {
            "touchpoints/a/old.yaml": old,
            "touchpoints/b/old.yaml": tp(
                "t.old2", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"}
            ),
        }
    )
    report = validate(load_registry(root), TODAY, use_git=False, paths=[root / "touchpoints" / "b"])
    assert [p.path for p in report.problems] == ["touchpoints/b/old.yaml"]
    assert report.files == 1


def test_registry_standards_extend_the_built_in_ones(make_registry: Callable[..., Path]) -> None:
    root = make_registry(
        {
            "touchpoints/a.yaml": tp("t.a"),
            "standards/brief.yaml": "rules:\n  BRF001: {max_words: 3}\n",
            "standards/lexicon/ru.yaml": "plain:\n  встречать: принимать\n",
        }
    )
    report = validate(load_registry(root), TODAY, use_git=False)
    assert sorted(p.rule for p in report.problems) == ["ACC002", "BRF001"]
    acc = next(p for p in report.problems if p.rule == "ACC002")
    assert "«принимают» instead of «встречают»" in acc.suggestion and acc.column == 17


def test_a_registry_lexicon_adds_to_the_built_in_one_and_removes_by_name(
    make_registry: Callable[..., Path],
) -> None:
    text = "standard: Официант осуществляет встречу гостя.\n"
    own = "plain:\n  встречать: принимать\n"
    root = make_registry(
        {
            "touchpoints/a.yaml": tp("t.a").replace("standard: Гостя встречают у входа.\n", text),
            "standards/lexicon/ru.yaml": own,
        }
    )
    found = [p.message for p in validate(load_registry(root), TODAY, use_git=False).problems]
    assert any("«осуществляет»" in m for m in found)  # the built-in entry is still there
    (root / "standards/lexicon/ru.yaml").write_text(
        own + "remove:\n  plain: [осуществлять]\n", encoding="utf-8"
    )
    found = [p.message for p in validate(load_registry(root), TODAY, use_git=False).problems]
    assert not any("«осуществляет»" in m for m in found)


@pytest.mark.parametrize(
    ("standards", "needle"),
    [
        ("rules:\n  BRF009: {level: warning}\n", "'BRF009' is not a rule of the brief standard"),
        ("rules:\n  BRF001: {level: loud}\n", "level 'loud'"),
        ("rules:\n  BRF001: {max_wrds: 3}\n", "no setting 'max_wrds'"),
    ],
)
def test_bad_standards_settings_stop_with_a_message(
    make_registry: Callable[..., Path], standards: str, needle: str
) -> None:
    root = make_registry({"standards/brief.yaml": standards})
    with pytest.raises(RegistryError) as err:
        validate(load_registry(root), TODAY, use_git=False)
    assert needle in err.value.message


def test_a_rule_can_be_turned_off(make_registry: Callable[..., Path]) -> None:
    old = tp("t.old", **{"reviewed: 2026-11-01": "reviewed: 2020-01-01"})
    root = make_registry(
        {
            "touchpoints/old.yaml": old,
            "standards/current.yaml": "rules:\n  CUR001: {level: 'off'}\n",
        }
    )
    assert validate(load_registry(root), TODAY, use_git=False).problems == []


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("name: X\nlanguage: ru\n", "'zones' is missing"),
        (CONFIG.replace("review_every: 180d", "review_evry: 180d"), "did you mean 'review_every'"),
        (CONFIG.replace("language: ru\n", "language: de\n"), "'de' is not one of"),
        (CONFIG + "zones: []\n", "appears twice"),
        (
            CONFIG.replace("  - {id: payment, title: Расчёт}", "  - {id: before, title: Расчёт}"),
            "zone id 'before' is listed twice",
        ),
        ("name: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_bad_tpkit_yaml_names_file_line_and_column(
    make_registry: Callable[..., Path], config: str, needle: str
) -> None:
    root = make_registry({}, config=config)
    with pytest.raises(RegistryError) as err:
        load_registry(root)
    text = "\n".join([err.value.message, *err.value.details])
    assert needle in text
    assert f"{root / 'tpkit.yaml'}:" in text


def test_validate_warns_of_a_photo_an_audit_names_that_is_not_there(
    make_registry: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    from audit_helpers import FILES, IDS, fill

    root = make_registry(FILES)
    form = cli(
        "--registry", str(root), "--today", "2026-11-20", "audit", "form", "--venue", "nevsky"
    )
    path = root / "audits" / "nevsky" / "2026-11-20-mystery.yaml"
    path.parent.mkdir(parents=True)
    answers = {IDS[1]: "result: pass, evidence: photos/coat.jpg photos/door.jpg"}
    path.write_text(fill(form.out, answers), encoding="utf-8")
    (root / "photos").mkdir()
    (root / "photos" / "door.jpg").write_bytes(b"\xff\xd8\xff")
    report = validate(load_registry(root), TODAY, use_git=False, paths=[path])
    assert [(p.rule, p.level, p.message) for p in report.problems] == [
        ("TP006", "warning", "the photo 'photos/coat.jpg' does not exist")
    ]
    assert report.problems[0].path == "audits/nevsky/2026-11-20-mystery.yaml"
    assert (report.files, report.audits, report.touchpoints) == (1, 1, 0)
