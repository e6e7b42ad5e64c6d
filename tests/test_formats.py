"""`tpkit validate --format sarif|junit|github|auto`, `--quiet`, and `tpkit rules --format json`:
what CI servers, GitHub and editors read from tpkit."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pexpect
import pytest
from junitparser import Failure, JUnitXml, TestCase

from conftest import CONFIG, ROOT, TODAY, TOUCHPOINT, Result
from tpkit.cli.check import Format
from tpkit.formats import Style, names, render, resolve
from tpkit.formats.github import escape_data, escape_property
from tpkit.model import Problem
from tpkit.registry import load_registry
from tpkit.rules import all_rules
from tpkit.services import validate
from tpkit.validate import Report

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

OLD = TOUCHPOINT.replace("reviewed: 2026-11-01", "reviewed: 2020-01-01")  # CUR001, error
SOON = TOUCHPOINT.replace("reviewed: 2026-11-01", "reviewed: 2026-06-01").replace(
    "t.case", "t.soon"
)  # CUR002, info
WORDY = TOUCHPOINT.replace("t.case", "t.bill").replace(
    "Гостя встречают у входа.", "Официант осуществляет подачу счёта."
)  # ACC002, warning
CLEAN = TOUCHPOINT.replace("t.case", "t.clean")
EXPIRED = "waivers:\n  - {rule: CUR001, touchpoint: t.case, reason: Old, expires: 2026-10-01}\n"
AUDIT = "audits/nevsky/2026-11-20-mystery.yaml"
WORDY_PATH = "touchpoints/payment/счёт и чек.yaml"  # a space and Cyrillic letters in a path

FILES: dict[str, str | bytes] = {
    "touchpoints/arrival/old.yaml": OLD,
    "touchpoints/arrival/soon.yaml": SOON,
    WORDY_PATH: WORDY,
    "touchpoints/clean.yaml": CLEAN,
}


@pytest.fixture(autouse=True)
def outside_github(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests decide for themselves whether they run inside GitHub Actions."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def registry(make_registry: Callable[..., Path], cli: Callable[..., Result]) -> Path:
    """Four touchpoints (an error, a warning, an info and a clean one), an expired waiver in
    tpkit.yaml (a warning) and one audit."""
    root = make_registry(FILES, config=CONFIG + EXPIRED)
    form = cli("--registry", str(root), "--today", TODAY, "audit", "form", "--venue", "nevsky")
    (root / AUDIT).parent.mkdir(parents=True)
    (root / AUDIT).write_text(form.out, encoding="utf-8")
    return root


def run(cli: Callable[..., Result], root: Path, *args: str, today: str = TODAY) -> Result:
    return cli("--registry", str(root), "--today", today, "validate", *args)


# ---- SARIF ------------------------------------------------------------------------------------


def sarif(cli: Callable[..., Result], root: Path, *args: str, today: str = TODAY) -> Any:
    result = run(cli, root, "--format", "sarif", *args, today=today)
    data = json.loads(result.out)
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return data


def test_sarif_is_valid_and_describes_every_rule(
    registry: Path, cli: Callable[..., Result]
) -> None:
    data = sarif(cli, registry)
    assert data["version"] == "2.1.0"
    assert len(data["runs"]) == 1
    run_ = data["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "tpkit" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    rules = all_rules()
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules]
    for got, rule in zip(driver["rules"], rules, strict=True):
        assert got["shortDescription"]["text"].startswith(rule.summary)
        assert got["fullDescription"]["text"] == rule.doc
        assert got["help"]["text"] == rule.doc
        assert got["properties"]["standard"] == rule.standard
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["TP001"], levels["CUR004"], levels["CUR002"]) == ("error", "warning", "note")
    # a summary that wraps onto a second line of the docstring is not cut off
    assert levels and next(r for r in driver["rules"] if r["id"] == "CUR004")["shortDescription"][
        "text"
    ].endswith("and reviewed was not updated.")
    assert "```yaml" in next(r for r in driver["rules"] if r["id"] == "ACC003")["help"]["markdown"]
    assert run_["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]


def test_sarif_results_point_at_the_file_line_and_column(
    registry: Path, cli: Callable[..., Result]
) -> None:
    run_ = sarif(cli, registry)["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("CUR001", "error"),
        ("CUR002", "note"),
        ("ACC002", "warning"),
        ("WVR001", "warning"),
    ]
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
    first = results[0]
    assert first["message"]["text"].startswith("the review is overdue")
    assert first["message"]["text"].endswith(
        " → review the standard with the team, then write reviewed: 2026-11-25"
    )
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "touchpoints/arrival/old.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 5, "startColumn": 11}
    wordy = results[2]["locations"][0]["physicalLocation"]
    assert wordy["artifactLocation"]["uri"] == (
        "touchpoints/payment/%D1%81%D1%87%D1%91%D1%82%20%D0%B8%20%D1%87%D0%B5%D0%BA.yaml"
    )
    assert wordy["region"] == {"startLine": 6, "startColumn": 20}
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "tpkit.yaml"
    )
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")


def test_sarif_fingerprints_survive_moved_lines_and_another_day(
    registry: Path, cli: Callable[..., Result]
) -> None:
    def prints(data: Any) -> dict[str, tuple[str, int]]:
        out = {}
        for r in data["runs"][0]["results"]:
            line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            out[r["partialFingerprints"]["tpkit/v1"]] = (r["ruleId"], line)
        return out

    before = prints(sarif(cli, registry))
    assert len(before) == 4  # one fingerprint per finding
    old = registry / "touchpoints/arrival/old.yaml"
    old.write_text("# moved down by two lines\n\n" + OLD, encoding="utf-8")
    after = prints(sarif(cli, registry, today="2026-11-26"))  # "… (N days ago)" changed too
    assert after.keys() == before.keys()
    cur = next(k for k, (rule, _) in before.items() if rule == "CUR001")
    assert (before[cur][1], after[cur][1]) == (5, 7)
    old.write_text(OLD.replace("id: t.case", "id: t.renamed"), encoding="utf-8")
    assert cur not in prints(sarif(cli, registry))  # another touchpoint: another finding


def test_sarif_of_a_clean_registry_has_no_results(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/a.yaml": CLEAN})
    data = sarif(cli, root)
    assert data["runs"][0]["results"] == []
    assert data["runs"][0]["invocations"][0]["exitCode"] == 0


# ---- JUnit ------------------------------------------------------------------------------------


def junit(text: str) -> dict[str, TestCase]:
    xml = JUnitXml.fromstring(text)
    cases = {case.name: case for suite in xml for case in suite}
    return cases


def failures(case: TestCase) -> list[Failure]:
    return [r for r in case.result if isinstance(r, Failure)]


def test_junit_has_a_case_per_file_and_a_failure_per_problem(
    registry: Path, cli: Callable[..., Result]
) -> None:
    result = run(cli, registry, "--format", "junit")
    assert result.code == 1
    cases = junit(result.out)
    assert sorted(cases) == sorted([*FILES, AUDIT, "tpkit.yaml"])
    assert {name: case.classname for name, case in cases.items()} == {
        "touchpoints/arrival/old.yaml": "arrival",
        "touchpoints/arrival/soon.yaml": "arrival",
        WORDY_PATH: "payment",
        "touchpoints/clean.yaml": "touchpoints",
        AUDIT: "audits",
        "tpkit.yaml": "registry",
    }
    failed = {name: failures(case) for name, case in cases.items() if failures(case)}
    assert list(failed) == ["touchpoints/arrival/old.yaml"]  # only errors fail by default
    (failure,) = failed["touchpoints/arrival/old.yaml"]
    assert failure.type == "CUR001"
    assert failure.message.startswith("the review is overdue: last reviewed January 1, 2020")
    assert failure.text.startswith("touchpoints/arrival/old.yaml:5:11: ")
    assert "→ review the standard with the team, then write reviewed: 2026-11-25" in failure.text
    assert cases["touchpoints/clean.yaml"].is_passed
    # below the fail level a finding does not fail the file, but it is not hidden either
    assert cases[WORDY_PATH].is_passed
    assert "ACC002" in (cases[WORDY_PATH].system_out or "")
    suite = next(iter(JUnitXml.fromstring(result.out)))
    assert (suite.tests, suite.failures, suite.errors) == (6, 1, 0)


def test_junit_follows_the_fail_level(registry: Path, cli: Callable[..., Result]) -> None:
    def failed(level: str) -> dict[str, list[str]]:
        cases = junit(run(cli, registry, "--format", "junit", "--fail-level", level).out)
        return {n: [f.type for f in failures(c)] for n, c in cases.items() if failures(c)}

    assert failed("warning") == {
        "touchpoints/arrival/old.yaml": ["CUR001"],
        WORDY_PATH: ["ACC002"],
        "tpkit.yaml": ["WVR001"],
    }
    assert failed("info")["touchpoints/arrival/soon.yaml"] == ["CUR002"]


def test_junit_cases_follow_the_paths_selected(registry: Path, cli: Callable[..., Result]) -> None:
    result = run(cli, registry, "--format", "junit", str(registry / "touchpoints" / "arrival"))
    assert sorted(junit(result.out)) == [
        "touchpoints/arrival/old.yaml",
        "touchpoints/arrival/soon.yaml",
        "tpkit.yaml",
    ]


def test_junit_cases_for_files_that_cannot_be_read(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry(
        {"touchpoints/a.yaml": CLEAN, "touchpoints/broken.yaml": "id: [\n", AUDIT: "venue: [\n"}
    )
    cases = junit(run(cli, root, "--format", "junit").out)
    assert [f.type for f in failures(cases["touchpoints/broken.yaml"])] == ["TP001"]
    assert failures(cases[AUDIT])
    assert cases["touchpoints/a.yaml"].is_passed


def test_junit_keeps_control_characters_out_of_the_xml() -> None:
    bad = "a\x1b[31m red \x00 \x0c \ufffe value"
    problem = Problem("touchpoints/a\x01.yaml", 1, 1, "TP002", "schema", "error", "t", bad, bad)
    report = Report(Path("/r"), dt.date(2026, 11, 25), 1, 1, [problem], [problem.path])
    text = render("junit", report, Style(version="0.1.0"))
    cases = junit(text)  # parses: no raw control character left
    (case,) = (c for n, c in cases.items() if n != "tpkit.yaml")
    assert case.name == "touchpoints/a\\x01.yaml"
    assert failures(case)[0].message == "a\\x1b[31m red \\x00 \\x0c \\ufffe value"


# ---- GitHub annotations -------------------------------------------------------------------------

ANNOTATION_RE = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in out.splitlines():
        match = ANNOTATION_RE.match(line)
        if match:
            props = dict(p.split("=", 1) for p in match.group(2).split(","))
            found.append(
                (match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match[3]))
            )
    return found


def test_github_annotations_name_file_line_column_and_rule(
    registry: Path, cli: Callable[..., Result]
) -> None:
    result = run(cli, registry, "--format", "github")
    assert result.code == 1
    got = annotations(result.out)
    assert [(kind, props["title"]) for kind, props, _ in got] == [
        ("error", "CUR001"),
        ("notice", "CUR002"),
        ("warning", "ACC002"),
        ("warning", "WVR001"),
    ]
    _, props, message = got[0]
    assert props == {
        "file": "touchpoints/arrival/old.yaml",
        "line": "5",
        "col": "11",
        "title": "CUR001",
    }
    assert "the review is overdue" in message
    assert message.endswith("→ review the standard with the team, then write reviewed: 2026-11-25")
    assert got[2][1]["file"] == WORDY_PATH
    lines = result.out.strip().splitlines()
    assert len(lines) == 5
    assert lines[-1] == (
        "✗ 1 error, 2 warnings, 1 info in 4 files (4 touchpoints in 4 files and 1 audit file)."
    )


def test_github_escapes_what_would_break_a_workflow_command(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # a key with a line break and a file name with ':' and ',' reach the annotation whole
    weird = TOUCHPOINT + '"colour\\n::error file=x::fake": red\n'
    root = make_registry({"touchpoints/a,b:c.yaml": weird})
    out = run(cli, root, "--format", "github").out
    lines = out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=touchpoints/a%2Cb%3Ac.yaml,")
    ((kind, props, message),) = annotations(out)
    assert kind == "error"
    assert props["file"] == "touchpoints/a,b:c.yaml"
    assert "unknown key 'colour\n::error file=x::fake'" in message


# ---- auto, quiet ------------------------------------------------------------------------------


def test_the_format_option_offers_every_format() -> None:
    assert [f.value for f in Format] == names()
    assert resolve("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve("auto", {"GITHUB_ACTIONS": "false"}) == "text"
    assert resolve("auto", {}) == "text"
    assert resolve("json", {"GITHUB_ACTIONS": "true"}) == "json"


def test_auto_writes_annotations_inside_github_actions(
    registry: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(cli, registry).out.startswith("touchpoints/arrival/old.yaml  (t.case)")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run(cli, registry)
    assert result.code == 1
    assert result.out.startswith("::error file=touchpoints/arrival/old.yaml,line=5,col=11,")
    assert json.loads(run(cli, registry, "--format", "json").out)["tool"] == "tpkit"


def test_auto_is_coloured_text_on_a_terminal_and_plain_text_in_a_pipe(registry: Path) -> None:
    args = ["-m", "tpkit", "--registry", str(registry), "--today", TODAY, "validate"]
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "120", "TPKIT_LANG": "en"}
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "\x1b[31merror" in (child.before or "")
    piped = pexpect.run(
        f"sh -c '{sys.executable} {' '.join(args)} | cat'", env=env, encoding="utf-8"
    )
    assert "touchpoints/arrival/old.yaml:5:11: error   CUR001" in piped
    assert "\x1b[" not in piped


def test_quiet_prints_only_what_fails(registry: Path, cli: Callable[..., Result]) -> None:
    result = run(cli, registry, "--quiet")
    assert result.code == 1
    assert "CUR001" in result.out
    for hidden in ("CUR002", "ACC002", "WVR001", "soon.yaml"):
        assert hidden not in result.out
    assert result.out.strip().endswith(
        "1 error in 1 file (4 touchpoints in 4 files and 1 audit file)."
    )
    warn = run(cli, registry, "-q", "--fail-level", "warning")
    assert "ACC002" in warn.out and "WVR001" in warn.out and "CUR002" not in warn.out


def test_quiet_and_clean_prints_nothing(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    quiet_root = make_registry({"touchpoints/a.yaml": SOON})  # only an info finding
    assert run(cli, quiet_root).out  # not quiet: the info and the summary
    for args in (("-q",), ("-q", "--format", "github"), ("-q", "--fail-level", "warning")):
        clean = run(cli, quiet_root, *args)
        assert (clean.code, clean.out) == (0, ""), args
    # files for other tools are still whole documents, with only what fails
    data = json.loads(run(cli, quiet_root, "-q", "--format", "json").out)
    assert data["problems"] == []
    assert "CUR002" not in run(cli, quiet_root, "-q", "--format", "sarif").out.split('"results"')[1]


def test_quiet_and_github_inside_github_actions(
    registry: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    lines = run(cli, registry, "-q").out.strip().splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "✗"]


# ---- Report.paths -----------------------------------------------------------------------------


def test_report_lists_the_files_checked(registry: Path) -> None:
    reg = load_registry(registry)
    today = dt.date(2026, 11, 25)
    report = validate(reg, today, use_git=False)
    assert sorted(report.paths) == sorted([*FILES, AUDIT])
    assert report.files == len(report.paths)
    chosen = validate(reg, today, use_git=False, paths=[registry / "touchpoints" / "payment"])
    assert chosen.paths == [WORDY_PATH] and chosen.files == 1


def test_reference_registry_in_junit_has_every_touchpoint_and_audit(
    cli: Callable[..., Result],
) -> None:
    report = json.loads(run(cli, ROOT, "--format", "json").out)
    summary = report["summary"]
    cases = junit(run(cli, ROOT, "--format", "junit").out)
    late = {p["path"] for p in report["problems"] if p["path"].startswith("actions/")}
    assert len(cases) == summary["files"] + 1 + len(late)  # tpkit.yaml, overdue actions
    assert sum(c.classname == "audits" for c in cases.values()) == len(
        list((ROOT / "audits").rglob("*.yaml"))
    )


# ---- tpkit rules --format json ----------------------------------------------------------------


def test_rules_json_lists_every_rule_with_its_settings(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no registry here: the built-in levels and settings
    result = cli("rules", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert [r["code"] for r in data] == [r.code for r in all_rules()]
    for entry, rule in zip(data, all_rules(), strict=True):
        assert set(entry) == {"code", "standard", "level", "summary", "doc", "params", "settings"}
        assert (entry["standard"], entry["level"], entry["doc"]) == (
            rule.standard,
            rule.level,
            rule.doc,
        )
        assert entry["summary"].startswith(rule.summary)
        assert list(entry["params"]) == list(rule.params)
    by_code = {r["code"]: r for r in data}
    assert by_code["BRF001"]["params"] == {"max_words": 60}
    assert by_code["ACH003"]["params"] == {"max_step": "20%"}
    one = json.loads(cli("rules", "acc003", "--format", "json").out)
    assert one["code"] == "ACC003" and "Я не знаю" in one["doc"]


def test_rules_json_shows_the_registry_s_own_levels_and_settings(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry(
        {"standards/brief.yaml": "rules:\n  BRF001: {level: info, max_words: 80}\n"}
    )
    data = {
        r["code"]: r for r in json.loads(cli("--registry", str(root), "rules", "-f", "json").out)
    }
    assert data["BRF001"]["level"] == "info"
    assert data["BRF001"]["params"] == {"max_words": 80}
    assert data["BRF002"]["level"] == "warning"


def test_the_summary_names_the_audit_files_checked() -> None:
    day = dt.date(2026, 11, 25)
    audits = ["audits/nevsky/a.yaml", "audits/nevsky/b.yaml"]
    only_audits = Report(Path("/r"), day, 2, 0, [], audits, audits=2)
    assert render("text", only_audits, Style()) == "✓ No problems: 2 audit files checked."
    both = Report(Path("/r"), day, 3, 1, [], ["touchpoints/a.yaml", *audits], audits=2)
    assert render("text", both, Style()).endswith(
        "1 touchpoint in 1 file and 2 audit files checked."
    )
    problem = Problem(audits[0], 3, 5, "TP006", "evidence", "warning", "", "no photo", "")
    warned = Report(Path("/r"), day, 1, 0, [problem], audits[:1], audits=1)
    assert render("text", warned, Style()).endswith("! 1 warning in 1 file (1 audit file).")
