"""Git history of an untrusted registry: read with everything that would run code switched
off (fsmonitor, filters, hooks, pagers, external diff, textconv), and with file names in any
alphabet."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TOUCHPOINT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

TIMED = TOUCHPOINT.replace(
    "  - {id: c1, text: Поздоровались с гостем}",
    "  - {id: c1, text: Поздоровались с гостем, type: time, target: {max: 60, unit: s}}",
)
CYRILLIC = "touchpoints/встреча/приветствие.yaml"
PLAIN = "touchpoints/a.yaml"


def git(root: Path, *args: str, date: str = "2026-10-01T10:00:00") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(
        ["git", "-C", str(root), *args], check=True, env=env, capture_output=True, timeout=60
    )


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "--all", "touchpoints", "tpkit.yaml", date=date)
    git(root, "commit", "-qm", message, date=date)


def validate(root: Path) -> tuple[int, list[tuple[str, str]], str]:
    """`tpkit validate --format json` in its own process: (exit, [(rule, path)], stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "tpkit", "--today", "2026-11-25", "validate", "--format", "json"],
        cwd=root,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    found = [(p["rule"], p["path"]) for p in report["problems"]]
    return done.returncode, found, done.stderr


@pytest.fixture
def history(make_registry: Callable[..., Path]) -> Path:
    """Two touchpoints, one with a Cyrillic path: both edited after their review (CUR004),
    then a target tightened in one jump in the work tree (ACH003)."""
    second = TIMED.replace("id: t.case", "id: t.greeting")
    root = make_registry({PLAIN: TIMED, CYRILLIC: second})
    git(root, "init", "-q")
    commit(root, "start", "2026-10-01T10:00:00")
    for rel, text in ((PLAIN, TIMED), (CYRILLIC, second)):
        (root / rel).write_text(text.replace("у входа.", "у двери."), encoding="utf-8")
    commit(root, "edit the standards", "2026-11-10T09:00:00")
    for rel, text in ((PLAIN, TIMED), (CYRILLIC, second)):
        edited = text.replace("у входа.", "у двери.").replace("max: 60", "max: 20")
        (root / rel).write_text(edited, encoding="utf-8")
    return root


def expected() -> set[tuple[str, str]]:
    return {(rule, path) for rule in ("CUR004", "ACH003") for path in (PLAIN, CYRILLIC)}


def test_history_rules_read_file_names_in_any_alphabet(history: Path) -> None:
    code, found, err = validate(history)
    assert code == 0, err  # both rules are warnings
    assert {f for f in found if f[0] in ("CUR004", "ACH003")} == expected()


def _script(root: Path, name: str, marker: Path) -> Path:
    """A program that leaves a marker when it runs (and passes its input through)."""
    path = root / ".git" / f"{name}.sh"
    path.write_text(f'#!/bin/sh\ntouch "{marker}"\ncat\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_hostile_git_config_runs_nothing_and_the_result_stays_right(
    history: Path, tmp_path: Path
) -> None:
    root = history
    markers = tmp_path / "markers"
    markers.mkdir()
    names = ("fsmonitor", "clean", "smudge", "process", "pager", "external", "textconv", "hook")
    run = {n: _script(root, n, markers / n) for n in names}
    hooks = root / ".git" / "evil-hooks"
    hooks.mkdir()
    for hook in ("post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"):
        shutil.copy(run["hook"], hooks / hook)
    with (root / ".git" / "config").open("a", encoding="utf-8") as fh:
        fh.write(
            f"[core]\n\tfsmonitor = {run['fsmonitor']}\n\tpager = {run['pager']}\n"
            f"\thooksPath = {hooks}\n\tquotePath = true\n"
            f'[filter "evil"]\n\tclean = {run["clean"]}\n\tsmudge = {run["smudge"]}\n'
            f"\tprocess = {run['process']}\n\trequired = true\n"
            f"[diff]\n\texternal = {run['external']}\n"
            f'[diff "evil"]\n\ttextconv = {run["textconv"]}\n\tcommand = {run["external"]}\n'
            f"[pager]\n\tlog = {run['pager']}\n\tdiff = {run['pager']}\n"
        )
    (root / ".gitattributes").write_text("* filter=evil diff=evil\n", encoding="utf-8")
    # A fresh copy has none of the index's stat data: git would hash every file again.
    for rel in (PLAIN, CYRILLIC):
        os.utime(root / rel, (1_000_000_000, 1_000_000_000))
    code, found, err = validate(root)
    assert sorted(p.name for p in markers.iterdir()) == [], "git ran a program of the registry"
    assert code == 0, err
    assert {f for f in found if f[0] in ("CUR004", "ACH003")} == expected()


def test_a_registry_outside_git_has_no_history_rules(make_registry: Callable[..., Path]) -> None:
    root = make_registry({CYRILLIC: TIMED})
    code, found, err = validate(root)
    assert code == 0, err
    assert not [f for f in found if f[0] in ("CUR004", "ACH003")]
