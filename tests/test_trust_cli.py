"""What a service director sees at the command line when a file, a name or an option is not
what tpkit expects: every case names the file, line and column or the option, says what is
wrong and what to write instead, and exits with its documented code; never a traceback.

Each test runs the real CLI in its own process (a time limit, 1 GiB of address space) beside a
good touchpoint, and asserts what a user would notice."""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CHECKED_ANYWAY, CHECKED_ANYWAY_RULE, CONFIG, build_tree
from tpkit.yaml_compose import parse_text

TODAY = "2026-11-25"
TIMEOUT = 30
MEMORY = 1 << 30
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # every C0 control but the newline

GOOD_PATH = "touchpoints/arrival/good.yaml"
GOOD = CHECKED_ANYWAY.replace("id: sentinel.good", "id: good.water")
GOOD_RULE = CHECKED_ANYWAY_RULE  # the good file is still checked


@dataclass
class Run:
    code: int | None
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def tpkit(
    *args: str,
    cwd: Path,
    stdin: str = "",
    env: dict[str, str] | None = None,
    boot: str | None = None,
) -> Run:
    """`tpkit ARGS` as a user types it, in its own process; `boot` runs before the CLI (to
    make tpkit itself fail where a test needs it to)."""
    environment = {
        **os.environ,
        "COLUMNS": "120",
        "NO_COLOR": "1",
        "XDG_CACHE_HOME": str(cwd / ".user-cache"),
        **(env or {}),
    }
    environment.pop("FORCE_COLOR", None)
    environment.pop("GITHUB_ACTIONS", None)
    start = ["-c", boot] if boot else ["-m", "tpkit"]
    try:
        done = subprocess.run(
            [sys.executable, *start, *args],
            cwd=cwd,
            env=environment,
            input=stdin.encode(),
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return Run(None, _text(exc.stdout), _text(exc.stderr))
    return Run(done.returncode, _text(done.stdout), _text(done.stderr))


def _text(data: bytes | str | None) -> str:
    return data if isinstance(data, str) else (data or b"").decode("utf-8", "replace")


def assert_calm(run: Run) -> None:
    """Finished in time, no traceback, no raw control character on the terminal."""
    assert run.code is not None, f"still running after {TIMEOUT} s"
    assert "Traceback" not in run.text, run.err[-3000:]
    assert "MarkupError" not in run.text and "RecursionError" not in run.text, run.err
    assert RAW_CONTROL.search(run.text) is None, repr(run.text[:2000])


def registry(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    return build_tree(root, {"tpkit.yaml": CONFIG, GOOD_PATH: GOOD, **(files or {})})


def touchpoint(tp_id: str = "t.case", **replace: str) -> str:
    text = GOOD.replace("id: good.water", f"id: {tp_id}")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


# ---- 11: ids match in full ---------------------------------------------------------------------


def test_an_id_with_a_line_break_is_refused_where_it_is_written(tmp_path: Path) -> None:
    root = registry(tmp_path, {"touchpoints/payment/bill.yaml": touchpoint('"restaurant.bill\\n"')})
    checked = tpkit("--today", TODAY, "validate", cwd=root)
    listed = tpkit("list", cwd=root)
    form = tpkit("audit", "form", "--venue", "nevsky", "-o", "visit.yaml", cwd=root)
    assert form.code == 0, form.text
    scored = tpkit("--today", TODAY, "audit", "score", "visit.yaml", cwd=root)
    for run in (checked, listed, form, scored):
        assert_calm(run)
    assert checked.code == 1
    assert (
        "touchpoints/payment/bill.yaml:1:5: error   TP002  'id' 'restaurant.bill\\n' has a "
        "line break or spaces after it" in checked.out
    )
    assert "→ write it without them: restaurant.bill" in checked.out
    assert f"{GOOD_PATH}:6:20: warning {GOOD_RULE}" in checked.out  # the good file still checked
    # the broken touchpoint is in no list, so no audit is made from it
    assert listed.out.count("restaurant.bill") == 0 and listed.out.count("good.water") == 1
    assert "restaurant.bill" not in (root / "visit.yaml").read_text(encoding="utf-8")
    assert "cannot" not in scored.text and "TP0" not in scored.text


def test_a_venue_id_with_a_line_break_stops_at_its_line(tmp_path: Path) -> None:
    config = CONFIG.replace("{id: nevsky,", '{id: "nevsky\\n",')
    root = build_tree(tmp_path, {"tpkit.yaml": config, GOOD_PATH: GOOD})
    run = tpkit("--today", TODAY, "validate", cwd=root)
    assert_calm(run)
    assert run.code == 2
    assert "tpkit.yaml:12:10: 'id' 'nevsky\\n' has a line break" in run.err, run.err


# ---- 12: paths and values are printed as text ------------------------------------------------


def test_a_registry_under_a_folder_that_looks_like_markup(tmp_path: Path) -> None:
    root = registry(tmp_path / "a[/b]" / "reg")
    args = ["--today", TODAY, "audit", "new", "--venue", "nevsky", "--kind", "pos"]
    run = tpkit(*args, cwd=root, stdin="p\n")  # one check, answered: pass
    assert_calm(run)
    assert run.code == 0, run.text
    saved = root / "audits" / "nevsky" / f"{TODAY}-pos.yaml"
    assert saved.is_file()
    assert "a[/b]" in " ".join(run.out.split()).replace(" ", "")  # the path as it is
    assert "MarkupError" not in run.text
    saved_data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert saved_data["results"]["good.water/water"]["result"] == "pass"


def test_file_names_with_escape_sequences_are_shown_not_obeyed(tmp_path: Path) -> None:
    name = "touchpoints/arrival/red\x1b[31m.yaml"
    root = registry(tmp_path, {name: touchpoint("t.red")})
    audit = "audits/nevsky/visit\x1b[2J.yaml"
    (root / "audits" / "nevsky").mkdir(parents=True)
    form = tpkit("audit", "form", "--venue", "nevsky", "-o", audit, cwd=root)
    runs = {
        "show": tpkit("--today", TODAY, "show", "t.red", cwd=root),
        "due": tpkit("--today", TODAY, "due", "--within", "1y", cwd=root),
        "form": form,
        "score": tpkit("--today", TODAY, "audit", "score", audit, cwd=root),
        "list": tpkit("list", cwd=root),
    }
    for what, run in runs.items():
        assert_calm(run)
        assert run.code in (0, 1), (what, run.text)
    assert "red\\x1b[31m.yaml" in runs["show"].out
    assert "red\\x1b[31m.yaml" in runs["due"].out
    assert "visit\\x1b[2J.yaml" in runs["form"].err
    assert "visit\\x1b[2J.yaml" in runs["score"].out


# ---- 13: every file has a shape; one line for an internal error -------------------------------


@pytest.mark.parametrize(
    ("file", "text", "where", "message"),
    [
        ("standards/brief.yaml", "x: &r [*r]\n", "standards/brief.yaml:1:8", "hold itself"),
        (
            "standards/scoring.yaml",
            "bands:\n  - {id: green, min: high}\n",
            "standards/scoring.yaml:2:22",
            "'min' should be a number",
        ),
        (
            "standards/lexicon/ru.yaml",
            "forbidden:\n  «Нет»: {channels: phone}\n",
            "standards/lexicon/ru.yaml:2:21",
            "'channels' should be a list",
        ),
        (
            "standards/lexicon/ru.yaml",
            "plain: 5\n",
            "standards/lexicon/ru.yaml:1:8",
            "'plain' should be a block of 'key: replacement' lines, or a list of keys",
        ),
        (
            "standards/lexicon/en.yaml",
            "forbiden: {x: y}\n",
            "standards/lexicon/en.yaml:1:1",
            "did you mean 'forbidden'?",
        ),
        (
            "standards/accessible.yaml",
            "rules: [ACC001]\n",
            "standards/accessible.yaml:1:8",
            "'rules' should be a block",
        ),
    ],
)
def test_a_standards_file_of_the_wrong_shape_is_named_where_it_is_wrong(
    tmp_path: Path, file: str, text: str, where: str, message: str
) -> None:
    root = registry(tmp_path, {file: text})
    runs = [
        tpkit("--today", TODAY, "validate", cwd=root),
        tpkit("--today", TODAY, "audit", "trend", cwd=root),
        tpkit("rules", "ACC003", cwd=root),
    ]
    for run in runs:
        assert_calm(run)
        assert run.code == 2, run.text
        assert f"{where}: " in run.err and message in run.err, run.err


def test_word_lists_written_as_lists_of_keys_are_read(tmp_path: Path) -> None:
    lexicon = "forbidden: [Минуточку]\nremove:\n  plain: [осуществлять]\n"
    say = 'say: ["Минуточку, сейчас узнаю"]\nchecks:'
    root = registry(
        tmp_path,
        {
            "standards/lexicon/ru.yaml": lexicon,
            "touchpoints/arrival/phone.yaml": touchpoint("t.phone", **{"checks:": say}),
        },
    )
    run = tpkit("--today", TODAY, "validate", cwd=root)
    assert_calm(run)
    assert "touchpoints/arrival/phone.yaml:7:" in run.out and "ACC003" in run.out, run.out
    assert GOOD_RULE not in run.out  # removed by name


def test_a_labels_file_of_the_wrong_shape_is_named(tmp_path: Path) -> None:
    root = registry(tmp_path, {"templates/labels/ru.yaml": "units: [s, min]\n"})
    run = tpkit("--today", TODAY, "render", "checklist", "--format", "md", cwd=root)
    assert_calm(run)
    assert run.code == 2
    assert "templates/labels/ru.yaml:1:8: 'units' should be a block" in run.err, run.err


def test_an_anchor_inside_itself_in_git_history_is_passed_over(tmp_path: Path) -> None:
    """ACH003 reads the touchpoint as it was at the base revision; a broken old version is no
    crash today."""
    path = "touchpoints/arrival/old.yaml"
    root = registry(
        tmp_path, {path: touchpoint("t.old", **{"checks:": "tags: &r [a, *r]\nchecks:"})}
    )
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "standards"], check=True)
    (root / path).write_text(touchpoint("t.old"), encoding="utf-8")
    run = tpkit("--today", TODAY, "validate", cwd=root)
    assert_calm(run)
    assert run.code == 0, run.text
    assert f"{GOOD_RULE}" in run.out


CRASH_BOOT = """\
import runpy, sys
import tpkit.browse
def broken(*args, **kwargs):
    raise RuntimeError("the journey order\\nis lost")
tpkit.browse.select = broken
sys.argv[0] = "tpkit"
runpy.run_module("tpkit", run_name="__main__", alter_sys=True)
"""


def test_an_internal_error_is_one_line_and_a_file_with_the_details(tmp_path: Path) -> None:
    root = registry(tmp_path)
    run = tpkit("list", cwd=root, boot=CRASH_BOOT)
    assert_calm(run)
    assert run.code == 3
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    found = re.fullmatch(
        r"tpkit: internal error: RuntimeError: the journey order is lost; "
        r"details written to (?P<path>\S+)",
        lines[0],
    )
    assert found is not None, lines[0]
    report = Path(found["path"])
    assert report.is_relative_to(root / ".user-cache" / "tpkit")
    details = report.read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError: the journey order" in details
    assert "command: tpkit list" in details


def test_the_exit_codes_are_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| exit code |") :]
    for code in ("0", "1", "2", "3", "130"):
        assert f"| {code} |" in table[:1500], code


# ---- 15: --version beside the global options ---------------------------------------------------


@pytest.mark.parametrize(
    "args", [["--today", TODAY, "--version"], ["--version", "--today", TODAY], ["--version"]]
)
def test_the_version_beside_other_global_options(tmp_path: Path, args: list[str]) -> None:
    run = tpkit(*args, cwd=tmp_path)
    assert_calm(run)
    assert run.code == 0 and re.fullmatch(r"tpkit \S+\n", run.out), run.text


# ---- 16: a path that holds no touchpoint -------------------------------------------------------


def test_validate_names_a_path_that_holds_no_touchpoint(tmp_path: Path) -> None:
    root = registry(
        tmp_path,
        {
            "loose.yaml": touchpoint("t.loose"),
            "touchpoints/arrival/notes.txt": touchpoint("t.notes"),
            "touchpoints/empty/.keep": "",
        },
    )
    form = tpkit("audit", "form", "--venue", "nevsky", "-o", "visit.yaml", cwd=root)
    assert form.code == 0, form.text
    cases = {
        "visit.yaml": "visit.yaml is an audit, not a touchpoint",
        "loose.yaml": "loose.yaml is outside touchpoints/",
        "touchpoints/arrival/notes.txt": "touchpoints/arrival/notes.txt is not a .yaml file",
        "touchpoints/empty": "the folder touchpoints/empty holds no touchpoint",
        "tpkit.yaml": "tpkit.yaml holds the registry's settings, not touchpoints",
    }
    runs = {path: tpkit("--today", TODAY, "validate", path, cwd=root) for path in cases}
    for path, run in runs.items():
        assert_calm(run)
        assert run.code == 2, (path, run.text)
        assert run.err.startswith(f"tpkit: error: {cases[path]}"), run.err
        assert "No problems" not in run.text and "0 touchpoints" not in run.text
    assert "tpkit audit score visit.yaml" in runs["visit.yaml"].err
    assert "move it to touchpoints/<zone>/loose.yaml" in runs["loose.yaml"].err
    assert "rename it to notes.yaml" in runs["touchpoints/arrival/notes.txt"].err
    good = tpkit("--today", TODAY, "validate", GOOD_PATH, cwd=root)
    assert_calm(good)
    assert good.code == 0 and "(1 touchpoint in 1 file)" in good.out, good.text


# ---- 17: unknown zones, roles, venues and formats ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "message", "meant"),
    [
        (["list", "--zone", "paymant"], "--zone 'paymant' is not a zone", "payment"),
        (["list", "--role", "waitr"], "--role 'waitr' is not a role", "waiter"),
        (["list", "--venue", "nevski"], "--venue 'nevski' is not a venue", "nevsky"),
        (["audit", "trend", "--venue", "nevski"], "--venue 'nevski' is not a venue", "nevsky"),
        (["audit", "form", "--venue", "nevski"], "--venue 'nevski' is not a venue", "nevsky"),
        (["audit", "form", "--venue", "nevsky", "--zone", "arival"], "--zone 'arival'", "arrival"),
        (["feedback", "nps", "--venue", "harbor"], "--venue 'harbor' is not a venue", "harbour"),
        (["render", "checklist", "--zone", "paymant"], "--zone 'paymant'", "payment"),
        (["render", "handout", "--role", "waitr"], "--role 'waitr' is not a role", "waiter"),
    ],
)
def test_an_unknown_name_gets_a_did_you_mean(
    tmp_path: Path, args: list[str], message: str, meant: str
) -> None:
    root = registry(tmp_path)
    run = tpkit("--today", TODAY, *args, cwd=root)
    assert_calm(run)
    assert run.code == 2, run.text
    assert run.err.startswith(f"tpkit: error: {message}"), run.err
    assert f"did you mean '{meant}'?" in run.err
    assert not list((root / "out").glob("*")) if (root / "out").exists() else True


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["validate", "--format", "jsn"], "json"),
        (["audit", "score", "--format", "mdd", "x.yaml"], "md"),
        (["render", "checklist", "--format", "hmtl"], "html"),
    ],
)
def test_a_mistyped_format_gets_a_did_you_mean(tmp_path: Path, args: list[str], meant: str) -> None:
    run = tpkit(*args, cwd=registry(tmp_path))
    assert_calm(run)
    assert run.code == 2
    assert f"did you mean '{meant}'?" in run.err, run.err


# ---- 18: a key typo hides nothing else ---------------------------------------------------------


def test_a_key_typo_is_named_and_the_rest_of_the_file_is_still_checked(tmp_path: Path) -> None:
    typo = touchpoint("t.typo", **{"title:": "tittle:"})
    root = registry(tmp_path, {"touchpoints/arrival/typo.yaml": typo})
    run = tpkit("--today", TODAY, "validate", cwd=root)
    listed = tpkit("list", cwd=root)
    assert_calm(run)
    path = "touchpoints/arrival/typo.yaml"
    assert f"{path}:2:1: error   TP002  unknown key 'tittle'" in run.out, run.out
    assert "→ did you mean 'title'?" in run.out
    assert f"{path}:6:20: warning {GOOD_RULE}" in run.out  # the rules still ran on it
    assert "'tittle' on line 2 looks like it: rename it to 'title'" in run.out
    assert "Встреча гостя у входа" not in run.out  # no other file's words offered as the fix
    assert "(2 touchpoints in 2 files)" in run.out
    assert "t.typo" in listed.out


def test_a_missing_key_is_explained_not_filled_with_an_example(tmp_path: Path) -> None:
    root = registry(
        tmp_path, {"touchpoints/arrival/x.yaml": touchpoint("t.x", **{"title: Вода на стол\n": ""})}
    )
    run = tpkit("--today", TODAY, "validate", cwd=root)
    assert_calm(run)
    assert "the required key 'title' is missing" in run.out
    assert "→ add a line 'title: …': a short name a member of staff recognises" in run.out


# ---- 19: a touchpoint where an audit is wanted -------------------------------------------------


@pytest.mark.parametrize("command", [["audit", "score"], ["render", "report"], ["audit", "resume"]])
def test_a_touchpoint_given_as_an_audit_is_one_line(tmp_path: Path, command: list[str]) -> None:
    root = registry(tmp_path)
    run = tpkit("--today", TODAY, *command, GOOD_PATH, cwd=root)
    assert_calm(run)
    assert run.code == 2, run.text
    assert run.err.startswith(
        f"tpkit: error: {GOOD_PATH} is a touchpoint, not an audit; audits live in audits/<venue>/\n"
    ), run.err
    assert "TP002" not in run.text and len(run.err.splitlines()) == 2
    assert not (root / "out").exists()


# ---- a document read without problems is plain data --------------------------------------------

NAMES = ("a", "b")
SCALARS = st.sampled_from(
    ["x", "'q'", '"\\u00e9"', "1", "-2.5", "0x1f", "1e3", ".inf", "~", "null", "yes", "no",
     "true", "2026-11-25", "2026-02-30", "2026-11-25 10:00:00", "!!str 5", "!!int 7", "''",
     "Встреча", '"\\n"', "<<", "="]
)  # fmt: skip


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    anchored = st.tuples(st.sampled_from(NAMES), children).map(lambda t: f"&{t[0]} {t[1]}")
    alias = st.sampled_from(NAMES).map(lambda n: f"*{n}")
    listing = st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
    mapping = st.lists(st.tuples(SCALARS | alias, children), max_size=4).map(
        lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
    )
    return anchored | alias | listing | mapping


FLOW = st.recursive(SCALARS, _node, max_leaves=12)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Anchors defined first (a value that names itself among them), then keys that use them:
    shared values, aliases in keys, merge keys."""
    lines = [f"{name}0: &{name} {draw(FLOW)}" for name in NAMES if draw(st.booleans())]
    entries = draw(
        st.lists(st.tuples(st.sampled_from(["id", "tags", "x", "<<"]), FLOW), max_size=5)
    )
    lines += [f"{key}{i}: {value}" for i, (key, value) in enumerate(entries)]
    return "\n".join(lines) + "\n"


PLAIN_TYPES = (dict, list, str, int, float, bool, type(None), dt.date)


def _all_plain(data: Any) -> bool:
    todo = [data]
    while todo:
        value = todo.pop()
        if not isinstance(value, PLAIN_TYPES):
            return False
        if isinstance(value, dict):
            if not all(isinstance(k, str) for k in value):
                return False
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return True


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents() | FLOW)
def test_a_document_read_without_problems_converts_to_plain_data(text: str) -> None:
    doc = parse_text(text, "x.yaml")
    if doc.problems or doc.root is None:
        return
    data = doc.root.plain()
    assert _all_plain(data), data
