"""Hostile input: nothing crashes, nothing is lost.

Every case of tests/fixtures/hostile/index.yaml (and every crash input `make fuzz` saved in
tests/fixtures/hostile/fuzz/) runs the real CLI in its own process, beside a good file, with a
time limit and 1 GiB of address space. For each: the problem is reported with the path, line and
column; the good file is still checked; the exit code is the one SPEC 3.1 gives; no traceback,
no raw control character on the terminal, no file written that should not be, and no YAML tag
ever constructed. The printouts of a registry full of <script> carry it as text only."""

from __future__ import annotations

import builtins
import io
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from conftest import CHECKED_ANYWAY, CHECKED_ANYWAY_RULE, CONFIG, build_tree

HERE = Path(__file__).parent / "fixtures" / "hostile"
TODAY = "2026-11-25"
TIMEOUT = 20  # seconds; each case takes well under one
MEMORY = 1 << 30  # bytes of address space
LIMIT = 1024 * 1024  # the default size limit of a YAML file (tpkit.yaml_compose.Limits)
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # every C0 control but the newline
PROBLEM_RE = re.compile(
    r"^\s+(?P<path>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning|info)\s+"
    r"(?P<rule>[A-Z]{2,3}\d{3})\s+(?P<message>.*)$"
)
MARKER = "hostile-marker"  # what the !!python/... payloads would create

# Beside each bad touchpoint: a good one with one known warning, to show it is still checked.
SENTINEL_PATH = "touchpoints/good/sentinel.yaml"
SENTINEL = CHECKED_ANYWAY
SENTINEL_RULE = CHECKED_ANYWAY_RULE
# Beside each bad audit: an audit with one known problem (a result for a check it lacks).
SENTINEL_AUDIT_PATH = "audits/nevsky/2026-11-01-sentinel.yaml"
SENTINEL_AUDIT_RULE = "TP005"
# Feedback imported before: must be left exactly as it is.
STORE_PATH = "feedback/nevsky/2026-10.csv"
STORE = "date,venue,score,touchpoint,comment\n2026-10-05,nevsky,9,,Спасибо\n"
DEFAULT_EXIT = {"touchpoint": 1, "config": 2, "audit": 1, "feedback": 1}

# An unreadable file: root reads every file, so the refusal is made in the tpkit process
# itself, as the operating system would make it (see test_loader: an unreadable file).
DENY_BOOT = """\
import builtins, io, os, runpy, sys
deny = os.path.realpath(os.environ["TPKIT_TEST_DENY"])
real = io.open
def guarded(file, *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(file) == deny:
        raise PermissionError(13, "Permission denied", os.fsdecode(file))
    return real(file, *args, **kwargs)
builtins.open = io.open = guarded
sys.argv[0] = "tpkit"
runpy.run_module("tpkit", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # the file under HERE/kind, or the name of a generator
    expect: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def exit(self) -> int:
        return int(self.expect.get("exit", DEFAULT_EXIT[self.kind]))


def load_cases() -> list[Case]:
    index = yaml.safe_load((HERE / "index.yaml").read_text(encoding="utf-8"))
    cases = [
        Case(kind, entry.get("file") or entry["generate"], entry)
        for kind in ("touchpoint", "config", "audit", "feedback")
        for entry in index[kind]
    ]
    for path in sorted((HERE / "fuzz").glob("*-*.yaml")):  # saved by `make fuzz`
        kind = path.name.split("-", 1)[0]
        if kind in ("touchpoint", "audit"):
            cases.append(Case(kind, f"../fuzz/{path.name}", {"exit": [0, 1], "fuzz": True}))
    return cases


CASES = load_cases()


# ---- building a case ------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def generated(kind: str, name: str, path: Path) -> dict[str, str]:
    """Write a generated input at path; return extra environment for the run."""
    base = (HERE / "audit" / "good.yaml").read_text(encoding="utf-8")
    if name == "over-size-limit":
        if kind == "feedback":
            with path.open("wb") as fh:  # sparse: costs no disk, reads as zeros
                fh.truncate(65 * 1024 * 1024)
        else:
            path.write_text("tags: [" + "x, " * (LIMIT // 3) + "x]\n", encoding="utf-8")
    elif name == "sparse-2gib":
        with path.open("wb") as fh:
            fh.truncate(2 * 1024 * 1024 * 1024)
    elif name == "long-text-under-limit":
        words = " ".join(["Гостя встречают у входа."] * 20_000)  # ~900 KiB of real sentences
        path.write_text(SENTINEL.replace("sentinel.good", "long.text").replace(
            "standard: Официант осуществляет подачу воды сразу после посадки гостя.",
            f"standard: {words}"), encoding="utf-8")  # fmt: skip
    elif name == "nesting-20000-deep":
        if kind == "audit":
            path.write_text(base + f"skipped: {_nested(20_000)}\n", encoding="utf-8")
        elif kind == "config":
            path.write_text(CONFIG + f"extra: {_nested(20_000)}\n", encoding="utf-8")
        else:
            path.write_text(f"id: deep.case\ntags: {_nested(20_000)}\n", encoding="utf-8")
    elif name == "too-many-values":  # under the size limit, over the node limit
        path.write_text("tags: [" + "a," * 300_000 + "a]\n", encoding="utf-8")
    elif name == "folder":
        path.mkdir()
        (path / "inside.yaml").write_text("id: x\n", encoding="utf-8")
    elif name == "symlink-loop":
        path.symlink_to(path)
    elif name == "unreadable":
        content = {"touchpoint": SENTINEL, "config": CONFIG, "audit": base}
        path.write_text(content.get(kind, "date,venue,score\n"), encoding="utf-8")
        path.chmod(0)
        return {"TPKIT_TEST_DENY": str(path)}
    elif name == "many-bad-rows":
        path.write_text(
            "date,venue,score\n2026-11-01,nevsky,9\n" + "2026-11-02,nevsky,x\n" * 5000,
            encoding="utf-8",
        )
    elif name == "field-too-large":
        path.write_text(
            'date,venue,score,comment\n2026-11-01,nevsky,9,ok\n2026-11-02,nevsky,9,"'
            + "x" * 200_000
            + '"\n',
            encoding="utf-8",
        )
    else:
        raise AssertionError(f"no generator '{name}'")
    return {}


@dataclass
class Prepared:
    case: Case
    root: Path  # the registry; the process runs here
    target: Path  # the hostile input
    args: list[str]
    env: dict[str, str]
    watched: list[Path]  # files that must be left as they were


def prepare(case: Case, root: Path) -> Prepared:
    files: dict[str, str | bytes] = {"tpkit.yaml": CONFIG, SENTINEL_PATH: SENTINEL}
    source = HERE / case.kind / case.name
    name = Path(case.name).name
    if "generate" in case.expect:
        name += ".csv" if case.kind == "feedback" else ".yaml"
    rel = {
        "touchpoint": f"touchpoints/bad/{name}",
        "config": "tpkit.yaml",
        "audit": f"audits/nevsky/{name}",
        "feedback": f"in/{name}",
    }[case.kind]
    if case.kind == "audit":
        good = (HERE / "audit" / "good.yaml").read_text(encoding="utf-8")
        files[SENTINEL_AUDIT_PATH] = good.replace(
            "results:\n", "results:\n  t.case/gone: {result: pass}\n", 1
        )
    if case.kind == "feedback":
        files[STORE_PATH] = STORE
    if "generate" not in case.expect:
        files[rel] = source.read_bytes()
    build_tree(root, files)
    target = root / rel
    env: dict[str, str] = {}
    if "generate" in case.expect:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        env = generated(case.kind, case.expect["generate"], target)
    args = {
        "touchpoint": ["validate"],
        "config": ["validate"],
        "audit": ["audit", "score", rel, SENTINEL_AUDIT_PATH],
        "feedback": ["feedback", "import", rel],
    }[case.kind]
    watched = [root / SENTINEL_AUDIT_PATH, target] if case.kind == "audit" else []
    watched += [root / STORE_PATH] if case.kind == "feedback" else []
    return Prepared(case, root, target, args, env, watched)


# ---- running --------------------------------------------------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@dataclass
class Outcome:
    code: int | None  # None: killed at the time limit
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


def run_tpkit(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> Outcome:
    """The real CLI, as a separate process, with a time limit and bounded memory."""
    # the messages the cases expect are English, whatever the registry or the machine speaks
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TPKIT_LANG": "en", **(extra_env or {})}
    env.pop("FORCE_COLOR", None)
    boot = ["-c", DENY_BOOT] if "TPKIT_TEST_DENY" in env else ["-m", "tpkit"]
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, *boot, "--today", TODAY, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return Outcome(None, _text(exc.stdout), _text(exc.stderr), time.monotonic() - start)
    return Outcome(
        done.returncode, _text(done.stdout), _text(done.stderr), time.monotonic() - start
    )


def _text(data: bytes | str | None) -> str:
    if isinstance(data, str):
        return data
    return (data or b"").decode("utf-8", "replace")


def run_all(jobs: list[tuple[list[str], Path, dict[str, str]]]) -> list[Outcome]:
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 1) + 1)) as pool:
        return list(pool.map(lambda job: run_tpkit(*job), jobs))


def state(path: Path) -> tuple[bytes, int] | None:
    try:
        return path.read_bytes(), path.stat().st_mtime_ns
    except OSError:
        return None


@dataclass
class Ran:
    prepared: Prepared
    outcome: Outcome
    before: list[tuple[bytes, int] | None]
    after: list[tuple[bytes, int] | None]


@pytest.fixture(scope="session")
def results(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Ran]:
    """Every selected case, run at once on every core (each in its own process)."""
    wanted = {
        item.callspec.params["case"].id
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_hostile_input"
    }
    prepared = [
        prepare(case, tmp_path_factory.mktemp("hostile")) for case in CASES if case.id in wanted
    ]
    before = [[state(p) for p in job.watched] for job in prepared]
    outcomes = run_all([(job.args, job.root, job.env) for job in prepared])
    return {
        job.case.id: Ran(job, outcome, was, [state(p) for p in job.watched])
        for job, outcome, was in zip(prepared, outcomes, before, strict=True)
    }


# ---- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reported:
    path: str
    line: int
    column: int
    level: str
    rule: str
    message: str


def reported(text: str) -> list[Reported]:
    out = []
    for line in text.splitlines():
        m = PROBLEM_RE.match(line)
        if m:
            out.append(
                Reported(
                    m["path"],
                    int(m["line"]),
                    int(m["column"]),
                    m["level"],
                    m["rule"],
                    m["message"],
                )
            )
    return out


def assert_safe_output(outcome: Outcome) -> None:
    assert outcome.code is not None, f"still running after {TIMEOUT} s"
    assert outcome.seconds < TIMEOUT
    assert "Traceback" not in outcome.text, outcome.err[-3000:]
    raw = CONTROL_RE.search(outcome.text)
    assert raw is None, f"raw control character on the terminal: {outcome.text[:2000]!r}"


def assert_no_marker(root: Path) -> None:
    assert not any(p.name == MARKER for p in root.rglob("*")), "a YAML tag was constructed"


def _matches(found: list[Reported], expect: dict[str, Any]) -> None:
    rules = list(expect.get("rules", []))
    got = [p.rule for p in found]
    for rule in rules:
        assert rule in got, f"{rule} not reported; got {found}"
    if not rules:
        assert not [p for p in found if p.level == "error"], found
        return
    first = next(p for p in found if p.rule == rules[0])
    if "line" in expect:
        assert first.line == expect["line"], first
    if "column" in expect:
        assert first.column == expect["column"], first
    if "message" in expect:
        fragment = str(expect["message"]).lower()
        assert any(fragment in p.message.lower() for p in found if p.rule == rules[0]), found


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.expect["xfail"])])
        if "xfail" in c.expect
        else pytest.param(c, id=c.id)
        for c in CASES
    ],
)
def test_hostile_input(case: Case, results: dict[str, Ran]) -> None:
    ran = results[case.id]
    out, job, expect = ran.outcome, ran.prepared, case.expect
    assert_safe_output(out)
    allowed = expect["exit"] if isinstance(expect.get("exit"), list) else [case.exit]
    assert out.code in allowed, out.text[-3000:]
    assert_no_marker(job.root)
    assert ran.after == ran.before, "a file that must be left alone was changed"
    if case.kind == "touchpoint":
        found = reported(out.out)
        rel = job.target.relative_to(job.root).as_posix()
        if not expect.get("fuzz"):
            _matches([p for p in found if p.path == rel], expect)
        assert SENTINEL_RULE in [p.rule for p in found if p.path == SENTINEL_PATH], (
            "the good touchpoint beside the bad one was not checked"
        )
    elif case.kind == "config":
        if out.code == 0:  # a good tpkit.yaml after all: the touchpoints are checked
            assert SENTINEL_RULE in [p.rule for p in reported(out.out)]
        if out.code == 2:
            assert "tpkit.yaml" in out.err
            if "line" in expect:
                where = f"tpkit.yaml:{expect['line']}:{expect.get('column', '')}"
                assert where in out.err, out.err
        if "message" in expect:
            assert str(expect["message"]).lower() in out.err.lower(), out.err
    elif case.kind == "audit":
        found = reported(out.err)
        rel = job.target.relative_to(job.root).as_posix()
        if out.code == 1:
            if not expect.get("fuzz"):
                _matches([p for p in found if p.path == rel], expect)
            assert SENTINEL_AUDIT_RULE in [
                p.rule for p in found if p.path.endswith("sentinel.yaml")
            ]
            assert "Not scored" in out.err
        elif "message" in expect:
            assert str(expect["message"]).lower() in out.err.lower(), out.err
    else:  # feedback
        assert not list((job.root / "feedback").rglob("*.csv"))[1:], "something was imported"
        if "line" in expect:
            assert f"{job.target.name}:{expect['line']}:" in out.err, out.err
        if "message" in expect:
            assert str(expect["message"]).lower() in out.err.lower(), out.err
        assert "nothing was imported" in out.err or out.code == 2


def test_the_corpus_is_complete() -> None:
    kinds = {c.kind for c in CASES}
    assert kinds == {"touchpoint", "config", "audit", "feedback"}
    assert sum(c.kind == "touchpoint" for c in CASES) >= 30
    for kind in kinds:  # every committed input has its expectation, and the other way round
        listed = {c.name for c in CASES if c.kind == kind and "file" in c.expect}
        on_disk = {p.name for p in (HERE / kind).iterdir()} - {"good.yaml"}
        assert listed == on_disk, kind


# ---- every hostile touchpoint at once, through every command --------------------------------

STATIC_TOUCHPOINTS = [
    c for c in CASES if c.kind == "touchpoint" and "file" in c.expect and "fuzz" not in c.expect
]
COMMANDS = [
    ["validate", "--format", "json"],
    ["validate", "--format", "sarif"],
    ["validate", "--format", "github"],
    ["validate", "--format", "junit"],
    ["list"],
    ["show", "hostile.case"],
    ["due", "--within", "100y"],
    ["audit", "form", "--venue", "nevsky"],
    ["render", "checklist", "--format", "md", "-o", "out/c.md"],
    ["render", "handout", "--role", "host", "-o", "out/h.html"],
]


def test_every_command_survives_a_registry_of_hostile_touchpoints(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"tpkit.yaml": CONFIG, SENTINEL_PATH: SENTINEL}
    for c in STATIC_TOUCHPOINTS:
        files[f"touchpoints/bad/{c.name}"] = (HERE / "touchpoint" / c.name).read_bytes()
    root = build_tree(tmp_path / "registry", files)
    outcomes = run_all([(args, root, {}) for args in COMMANDS])
    for args, out in zip(COMMANDS, outcomes, strict=True):
        assert_safe_output(out)
        assert out.code in (0, 1), (args, out.text[-3000:])
    report = yaml.safe_load(outcomes[0].out)  # JSON is YAML
    with_problems = {p["path"] for p in report["problems"]}
    clean = {f"touchpoints/bad/{c.name}" for c in STATIC_TOUCHPOINTS if not c.expect.get("rules")}
    assert with_problems >= set(files) - {"tpkit.yaml"} - clean
    assert_no_marker(root)


# ---- printouts: user text is text, never markup ---------------------------------------------


def _script(where: str) -> str:
    return f"<script>alert('{where}')</script>"


def _titled(item: str, where: str) -> str:
    return f'{{id: {item}, title: "{_script(where)}"'


MARKUP_CONFIG = (
    CONFIG.replace("name: Test Group", f'name: "{_script("name")}"')
    .replace("{id: arrival, title: {ru: Встреча, en: Arrival}", _titled("arrival", "zone"))
    .replace("{id: host, title: Хостес", _titled("host", "role"))
    .replace("{id: nevsky, title: Невский", _titled("nevsky", "venue"))
)
MARKUP_TOUCHPOINT = (HERE / "touchpoint" / "script-in-every-text-field.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def markup_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    assert MARKUP_CONFIG.count("<script>") == 4  # name, zone, role and venue titles
    tp = MARKUP_TOUCHPOINT.replace(
        "  - {id: greet,",
        "  - {id: fast, text: '<img src=x onerror=alert(1)>', type: time, "
        "target: {max: 30, unit: s}}\n  - {id: greet,",
    )
    build_tree(root, {"tpkit.yaml": MARKUP_CONFIG, "touchpoints/a.yaml": tp})
    form = run_tpkit(["audit", "form", "--venue", "nevsky", "-o", "audit.yaml"], root)
    assert form.code == 0, form.text
    path = root / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"\{result: , value: , note: \}",
        lambda _: (
            f'{{result: fail, value: , note: "{_script("note")}", '
            f'evidence: "{_script("evidence")}"}}'
        ),
        text,
    ).replace("auditor:", f'auditor: "{_script("auditor")}"')
    path.write_text(text, encoding="utf-8")
    return root


# The <script> fields each page prints (tags and evidence are printed nowhere).
SHOWN = {
    "checklist": ("name", "zone", "venue", "title", "check"),
    "handout": ("name", "zone", "role", "title", "standard", "step", "phrase"),
    "report": ("name", "zone", "venue", "check", "note", "auditor"),
}
RENDERS = {
    "checklist": ["render", "checklist", "--venue", "nevsky"],
    "handout": ["render", "handout", "--role", "host", "--venue", "nevsky"],
    "report": ["render", "report", "audit.yaml"],
}
TAG_RE = re.compile(r"<\s*(script|img)", re.IGNORECASE)  # an element a browser would run
MD_LINK_RE = re.compile(r"(?<!\\)\]\(javascript:")  # a link a Markdown viewer would make


@pytest.mark.parametrize("page", sorted(RENDERS))
def test_printouts_carry_markup_as_text(markup_registry: Path, page: str) -> None:
    root = markup_registry
    jobs = [
        ([*RENDERS[page], "--format", fmt, "-o", f"out/{page}.{fmt}"], root, {})
        for fmt in ("html", "md", "pdf")
    ]
    for out in run_all(jobs):
        assert_safe_output(out)
        assert out.code in (0, 1), out.text  # a report of a red audit exits 1
    html = (root / "out" / f"{page}.html").read_text(encoding="utf-8")
    md = (root / "out" / f"{page}.md").read_text(encoding="utf-8")
    pdf = "".join(
        p.extract_text() or "" for p in pypdf.PdfReader(root / "out" / f"{page}.pdf").pages
    )
    for text in (html, md):
        assert not TAG_RE.search(text), TAG_RE.search(text)
    for where in SHOWN[page]:  # printed, as text
        assert f"&lt;script&gt;alert(&#39;{where}&#39;)&lt;/script&gt;" in html, where
        assert f"&lt;script&gt;alert('{where}')&lt;/script&gt;" in md, where
    assert not MD_LINK_RE.search(md) and "<" not in md
    printed = "".join(pdf.split()).lower()  # words broken over lines; some headings in capitals
    for where in SHOWN[page]:  # printed as the characters they are
        assert f"<script>alert('{where}')</script>" in printed, where


# ---- an audit folder that cannot be written -------------------------------------------------


@pytest.fixture
def audit_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry({"touchpoints/a.yaml": SENTINEL})


def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """Writes into folder fail as on a read-only folder (root ignores chmod), after `after`
    successful saves: the folder turned read-only (a disk error remount) mid-session."""
    import tempfile

    real_mkstemp, real_open = tempfile.mkstemp, builtins.open
    saves = {"left": after}

    def refused(path: object) -> bool:
        return (
            saves["left"] <= 0
            and isinstance(path, (str, os.PathLike))
            and Path(path).resolve().is_relative_to(folder.resolve())
        )

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if refused(kwargs.get("dir")):
            raise PermissionError(13, "Permission denied", str(kwargs.get("dir")))
        if kwargs.get("dir") is not None and Path(kwargs["dir"]).resolve().is_relative_to(
            folder.resolve()
        ):
            saves["left"] -= 1
        return real_mkstemp(*args, **kwargs)

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if set(mode) & set("wax+") and refused(file):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)


def _run_in_process(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    from tpkit.cli import main

    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("p\np\np\n"))
    code = main(["--today", TODAY, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_folder_turned_read_only_mid_audit_names_the_recovery_copy(
    audit_registry: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from tpkit.audit.files import load_audit

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (audit_registry / "audits" / "nevsky").mkdir(parents=True)
    # two saves go through (the new file, the session's start), the first answer does not
    _read_only(audit_registry / "audits", monkeypatch, after=2)
    code, text = _run_in_process(
        audit_registry, monkeypatch, capsys, "audit", "new", "--venue", "nevsky", "--kind", "pos"
    )
    recovery = tmp_path / "state" / "tpkit" / "recovery" / f"{TODAY}-pos.yaml"
    assert code == 2 and "Traceback" not in text
    assert "Permission denied" in text and str(recovery) in text
    saved, problems = load_audit(recovery, "r")
    assert problems == [] and saved is not None
    assert saved.results["sentinel.good/water"].result == "pass"  # the answer is not lost


def test_a_read_only_audits_folder_is_refused_before_the_first_question(
    audit_registry: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = audit_registry / "audits" / "nevsky"
    folder.mkdir(parents=True)
    _read_only(audit_registry / "audits", monkeypatch)
    code, text = _run_in_process(
        audit_registry, monkeypatch, capsys, "audit", "new", "--venue", "nevsky", "--kind", "pos"
    )
    assert code == 2 and "Traceback" not in text
    assert f"{folder.resolve()} cannot be written: Permission denied" in text
    assert "nothing was recorded" in text and not list(folder.iterdir())


# ---- feedback imported before, then broken by hand -------------------------------------------

BROKEN_STORES = {
    "short-row": "date,venue,score,touchpoint,comment\n2026-11-01,nevsky\n",
    "impossible-date": "date,venue,score,touchpoint,comment\n2026-13-01,nevsky,9,,ok\n",
    "huge-score": "date,venue,score,touchpoint,comment\n2026-11-01,nevsky," + "9" * 5000 + ",,ok\n",
    "not-a-store": "\x00\x01\x02\n",
    "escapes": "date,venue,score,touchpoint,comment\n2026-11-01,nevsky,9,sentinel.good,\x1b[2J\n",
}


def test_a_broken_feedback_store_is_never_overwritten(tmp_path: Path) -> None:
    jobs, stores = [], []
    for name, text in BROKEN_STORES.items():
        root = build_tree(
            tmp_path / name,
            {
                "tpkit.yaml": CONFIG,
                SENTINEL_PATH: SENTINEL,
                "feedback/nevsky/2026-11.csv": text,
                "in.csv": "date,venue,score,comment\n2026-11-03,nevsky,9,ok\n",
            },
        )
        stores.append((root / "feedback/nevsky/2026-11.csv", text))
        for args in (
            ["feedback", "import", "in.csv"],
            ["feedback", "nps"],
            ["show", "sentinel.good"],
        ):
            jobs.append((args, root, {}))
    outcomes = run_all(jobs)
    for i, (path, text) in enumerate(stores):
        imported, nps, show = outcomes[3 * i : 3 * i + 3]
        for out in (imported, nps, show):
            assert_safe_output(out)
        assert nps.code == 0 and show.code == 0, nps.text + show.text
        if path.parent.parent.parent.name == "escapes":  # readable: shown and kept visible
            assert imported.code == 0 and "\\x1b[2J" in path.read_text(encoding="utf-8")
        else:
            assert imported.code == 1 and "cannot be read" in imported.err, imported.text
            assert path.read_text(encoding="utf-8") == text, "a store it cannot read was rewritten"


# ---- the date and the disk -------------------------------------------------------------------


def test_an_absurd_today_is_refused(tmp_path: Path) -> None:
    root = build_tree(tmp_path, {"tpkit.yaml": CONFIG, SENTINEL_PATH: SENTINEL})
    out = run_tpkit(["--today", "9999-12-31", "due"], root)
    assert_safe_output(out)
    assert out.code == 2


def test_a_full_disk_when_an_audit_starts_is_a_message(
    audit_registry: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import tpkit.audit.writer as files

    real = files.write_atomic

    def full_disk(path: Path, text: str) -> None:
        if "audits" in path.parts:
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(files, "write_atomic", full_disk)
    code, text = _run_in_process(
        audit_registry, monkeypatch, capsys, "audit", "new", "--venue", "nevsky", "--kind", "pos"
    )
    assert code == 2 and "No space left on device" in text
