"""Rule settings: each value of its Param's kind, named by file:line:column when it is wrong;
defaults held by the Param; `tpkit rules` shows them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, TOUCHPOINT, Result
from tpkit.registry import load_registry
from tpkit.rules import RULES, Context, Param, Rule, get
from tpkit.settings import rule_settings

LONG = TOUCHPOINT.replace(
    "standard: Гостя встречают у входа.",
    "standard: Гостя встречают у входа и провожают к столу.",  # 8 words
)


def block(code: str, name: str, value: str) -> str:
    """A standards file with the value alone on line 3, at column column(name)."""
    return f"rules:\n  {code}:\n    {name}: {value}\n"


def column(name: str) -> int:
    return len(f"    {name}: ") + 1


def run_validate(
    make_registry: Callable[..., Path], cli: Callable[..., Result], files: dict[str, str]
) -> Result:
    root = make_registry({"touchpoints/a.yaml": TOUCHPOINT, **files})
    return cli("--registry", str(root), "--today", TODAY, "validate")


# ---- a wrong value is exit 2, named where it is written ------------------------------------

WRONG = [
    # (standards file, rule, setting, value, words of the message, a right value)
    ("brief", "BRF001", "max_words", "20%", "is a percentage", "max_words: 60"),
    ("brief", "BRF001", "max_words", "2.5", "2.5 is not a whole number", "max_words: 60"),
    ("brief", "BRF001", "max_words", "fast", "'fast' is not a whole number", "max_words: 60"),
    ("brief", "BRF002", "max_steps", "yes", "yes (a yes/no value)", "max_steps: 7"),
    ("brief", "BRF002", "max_steps", "-3", "-3 is below 0", "max_steps: 7"),
    ("brief", "BRF005", "max_checks", "[1, 2]", "a list is not a whole number", "max_checks: 10"),
    ("brief", "BRF004", "max_words", "", "the value is empty", "max_words: 20"),
    ("achievable", "ACH003", "max_step", "fast", "'fast' is not a share", "max_step: 20%"),
    ("achievable", "ACH003", "max_step", "20", "20 is more than 1", "max_step: 20%"),
    ("achievable", "ACH004", "min_pass_rate", "150%", "not between 0% and 100%", "50%"),
    ("achievable", "ACH004", "window", "five", "'five' is not a whole number", "window: 5"),
    ("current", "CUR002", "due_soon", "fast", "'fast' is not a period", "due_soon: 30d"),
    ("current", "CUR002", "due_soon", "1.5", "not a whole number of days", "due_soon: 30d"),
    ("current", "CUR002", "due_soon", "2026-12-01", "is a date, not a period", "due_soon: 30d"),
    ("accessible", "ACC001", "min_words", "many", "'many' is not a whole number", "15"),
]


@pytest.mark.parametrize(
    ("standard", "code", "name", "value", "needle", "example"),
    WRONG,
    ids=[f"{w[1]} {w[2]}: {w[3] or 'empty'}" for w in WRONG],
)
def test_a_wrong_value_names_its_file_line_and_column(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    standard: str,
    code: str,
    name: str,
    value: str,
    needle: str,
    example: str,
) -> None:
    result = run_validate(
        make_registry, cli, {f"standards/{standard}.yaml": block(code, name, value)}
    )
    assert result.code == 2, result.out + result.err
    first = result.err.splitlines()[0]
    col = column(name) - (0 if value else 1)  # an empty value: just after the colon
    assert first.startswith(f"tpkit: error: standards/{standard}.yaml:3:{col}: {code} {name}")
    assert needle in first
    assert "for example: " in result.err and example in result.err
    assert "Traceback" not in result.err


def test_a_wrong_value_for_one_language_points_at_that_value(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    files = {"standards/accessible.yaml": "rules:\n  ACC001: {max_grade: {en: 50, ru: x}}\n"}
    result = run_validate(make_registry, cli, files)
    assert result.code == 2
    # the column of x, not of the block or of the setting
    assert "standards/accessible.yaml:2:36: ACC001 max_grade for ru: 'x' is not a number" in (
        result.err
    )
    assert "for example: max_grade: {ru:" in result.err


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("{de: 30}", "'de' is not a language tpkit reads; the languages are ru and en"),
        ("[30, 50]", "a list is not a number"),
    ],
)
def test_a_wrong_block_of_languages_is_named(
    make_registry: Callable[..., Path], cli: Callable[..., Result], value: str, needle: str
) -> None:
    files = {"standards/accessible.yaml": block("ACC001", "max_grade", value)}
    result = run_validate(make_registry, cli, files)
    assert result.code == 2
    assert "standards/accessible.yaml:3:" in result.err and needle in result.err


def test_a_text_setting_takes_text_only(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No built-in rule has a text setting yet: one is registered for this test.
    base = get("BRF001")
    fake = Rule(
        "BRF099",
        "brief",
        "info",
        "A test rule with a text setting.",
        "A test rule with a text setting.",
        {"unit": Param("text", "min", "the unit of time")},
        lambda tp, ctx: iter(()),
        base.scope,
    )
    monkeypatch.setitem(RULES, "BRF099", fake)
    for value, needle in (("[a, b]", "a list is not text"), ("''", "the value is empty")):
        result = run_validate(
            make_registry, cli, {"standards/brief.yaml": block("BRF099", "unit", value)}
        )
        assert result.code == 2
        assert f"standards/brief.yaml:3:{column('unit')}: BRF099 unit: {needle}" in result.err
    root = make_registry({"standards/brief.yaml": block("BRF099", "unit", "s")})
    assert rule_settings(load_registry(root))["BRF099"].params == {"unit": "s"}


def test_unknown_rules_settings_and_levels_are_named_by_line_and_column(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    cases = {
        "rules:\n  BRF009: {level: warning}\n": "standards/brief.yaml:2:3: 'BRF009' is not a rule",
        "rules:\n  BRF001: {max_wrds: 3}\n": "standards/brief.yaml:2:12: BRF001 has no setting",
        "rules:\n  BRF001:\n    max_wrds: 3\n": "standards/brief.yaml:3:5: BRF001 has no setting",
        "rules:\n  BRF001: {level: loud}\n": "standards/brief.yaml:2:19: BRF001 level 'loud'",
        "rules:\n  BRF001: 5\n": "standards/brief.yaml:2:11: the settings of BRF001",
    }
    for text, needle in cases.items():
        result = run_validate(make_registry, cli, {"standards/brief.yaml": text})
        assert result.code == 2 and needle in result.err, (text, result.err)


# ---- right values are read, of the right type ----------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "value", "read"),
    [
        ("BRF001", "max_words", "80", 80),
        ("BRF001", "max_words", "80.0", 80),
        ("ACH003", "max_step", "10%", 0.1),
        ("ACH003", "max_step", "0.25", 0.25),
        ("ACH003", "max_step", "1", 1.0),
        ("CUR002", "due_soon", "4w", 28),
        ("CUR002", "due_soon", "2m", 60),
        ("CUR002", "due_soon", "14", 14),
        ("ACC001", "max_grade", "8", {"ru": 8.0, "en": 8.0}),
        ("ACC001", "max_grade", "{ru: 12}", {"ru": 12.0, "en": 9}),
        ("ACC001", "hard_syllables", "{en: 5}", {"ru": 5, "en": 5}),
    ],
)
def test_a_right_value_is_read_as_its_kind(
    make_registry: Callable[..., Path], code: str, name: str, value: str, read: object
) -> None:
    standard = get(code).standard
    root = make_registry({f"standards/{standard}.yaml": block(code, name, value)})
    got = rule_settings(load_registry(root))[code].params[name]
    assert got == read and type(got) is type(read)


def test_a_right_value_changes_what_a_rule_reports(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    files = {"touchpoints/a.yaml": LONG}
    assert "BRF001" not in cli("--registry", str(make_registry(files)), "validate").out
    files["standards/brief.yaml"] = block("BRF001", "max_words", "5")
    result = cli("--registry", str(make_registry(files)), "--today", TODAY, "validate")
    assert "BRF001  the standard has 8 words, more than 5" in result.out


def test_a_period_changes_when_a_review_is_due_soon(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    # reviewed 2026-06-01 + 180 days: due 2026-11-28, 3 days after TODAY
    soon = TOUCHPOINT.replace("reviewed: 2026-11-01", "reviewed: 2026-06-01")
    files = {
        "touchpoints/a.yaml": soon,
        "standards/current.yaml": block("CUR002", "due_soon", "1w"),
    }
    assert (
        "CUR002" in cli("--registry", str(make_registry(files)), "--today", TODAY, "validate").out
    )
    files["standards/current.yaml"] = block("CUR002", "due_soon", "2")
    assert (
        "CUR002"
        not in cli("--registry", str(make_registry(files)), "--today", TODAY, "validate").out
    )


def test_a_default_applies_when_the_setting_is_absent(make_registry: Callable[..., Path]) -> None:
    root = make_registry({"standards/brief.yaml": "rules:\n  BRF001: {level: info}\n"})
    settings = rule_settings(load_registry(root))
    assert settings["BRF001"].level == "info"
    assert settings["BRF001"].params == {"max_words": get("BRF001").params["max_words"].default}
    for code, rule in ((c, get(c)) for c in ("BRF002", "CUR002", "ACC001", "ACH004")):
        assert set(settings[code].params) == set(rule.params)


def test_rules_read_settings_by_name_with_the_default_applied(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry({"standards/accessible.yaml": block("ACC001", "max_grade", "{en: 8}")})
    reg = load_registry(root)
    ctx = Context(reg, dt.date.fromisoformat(TODAY), rule_settings(reg)["ACC001"].params)
    assert ctx.param("min_words") == 15
    assert ctx.param("max_grade", "en") == 8 and ctx.param("max_grade", "ru") == 10
    assert ctx.params.get("min_words", 99) == 15  # the older way still reads the same value
    assert ctx.params.get("no_such", 7) == 7
    with pytest.raises(KeyError, match="no setting 'no_such'"):
        ctx.param("no_such")


# ---- tpkit rules shows them ----------------------------------------------------------------


def test_rules_code_shows_each_setting_with_its_kind_default_and_value(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"standards/achievable.yaml": block("ACH003", "max_step", "10%")})
    out = cli("--registry", str(root), "rules", "ACH003").out
    assert "Settings, in standards/achievable.yaml under rules: ACH003:" in out
    assert "max_step: largest tightening at once" in out
    assert "kind: a share: 0.2 or 20%" in out
    assert "default: 20%" in out and "set to: 10%" in out
    data = json.loads(cli("--registry", str(root), "rules", "ACH003", "-f", "json").out)
    assert data["settings"]["max_step"] == {
        "kind": "fraction",
        "per_lang": False,
        "default": 0.2,
        "value": 0.1,
        "doc": "largest tightening at once",
    }


def test_rules_stops_on_a_wrong_value_instead_of_showing_another(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"standards/brief.yaml": block("BRF001", "max_words", "20%")})
    result = cli("--registry", str(root), "rules", "BRF001")
    assert result.code == 2 and "standards/brief.yaml:3:16" in result.err
