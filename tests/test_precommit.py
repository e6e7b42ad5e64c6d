"""tpkit under the real pre-commit: the hook this repository publishes (.pre-commit-hooks.yaml,
installed by pre-commit from a git copy of the project) and the local hook `tpkit init` writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GIT = [
    "git",
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.com",
    "-c",
    "init.defaultBranch=main",
]
SKIP_IN_COPY = (".git", ".venv", "out", "*_cache", ".hypothesis", "__pycache__", "*.egg-info")
BROKEN = "colour: red\n"  # an unknown key: TP002 "did you mean"


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)
    env["PRE_COMMIT_HOME"] = str(home)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def git_repo(folder: Path, env: dict[str, str]) -> None:
    """Make folder a git repository with everything in it committed."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run([*GIT, *args], cwd=folder, env=env, check=True, capture_output=True)


def commit_all(folder: Path, env: dict[str, str]) -> None:
    for args in (["add", "-A"], ["commit", "-qm", "change"]):
        subprocess.run([*GIT, *args], cwd=folder, env=env, check=True, capture_output=True)


def pre_commit(
    *args: str, cwd: Path, env: dict[str, str], timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def new_registry(folder: Path, env: dict[str, str]) -> Path:
    subprocess.run(
        [sys.executable, "-m", "tpkit", "init", str(folder)],
        env=env,
        check=True,
        capture_output=True,
    )
    git_repo(folder, env)
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(tmp_path / "pre-commit-home")


def test_the_published_hook_file_is_a_valid_manifest(env: dict[str, str]) -> None:
    result = pre_commit(
        "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_installs_tpkit_and_fails_a_broken_touchpoint(
    tmp_path: Path, env: dict[str, str]
) -> None:
    # try-repo clones the HEAD commit: a snapshot of the working tree, hook file included
    project = tmp_path / "tpkit"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*SKIP_IN_COPY))
    git_repo(project, env)
    registry = new_registry(tmp_path / "registry", env)
    args = ("try-repo", str(project), "tpkit-validate", "--all-files")

    clean = pre_commit(*args, cwd=registry, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "tpkit validate" in clean.stdout and "Passed" in clean.stdout

    greeting = registry / "touchpoints" / "arrival" / "greeting.yaml"
    greeting.write_text(greeting.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    commit_all(registry, env)
    broken = pre_commit(*args, cwd=registry, env=env)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "touchpoints/arrival/greeting.yaml:" in broken.stdout
    assert "unknown key 'colour'" in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr


def test_the_config_written_by_init_runs_tpkit_before_a_commit(
    tmp_path: Path, env: dict[str, str]
) -> None:
    registry = new_registry(tmp_path / "registry", env)
    check = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=registry, env=env)
    assert check.returncode == 0, check.stdout + check.stderr

    clean = pre_commit("run", "--all-files", cwd=registry, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    bill = registry / "touchpoints" / "payment" / "bill.yaml"
    bill.write_text(bill.read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=registry, env=env, check=True)
    # what `git commit` runs once `pre-commit install` has set the hook up
    staged = pre_commit("run", cwd=registry, env=env)
    assert staged.returncode == 1
    assert "touchpoints/payment/bill.yaml:" in staged.stdout
    assert "unknown key 'colour'" in staged.stdout

    # a change outside the registry's YAML files: the hook stays out of the way
    bill.write_text(bill.read_text(encoding="utf-8").replace(BROKEN, ""), encoding="utf-8")
    (registry / "notes.txt").write_text("hello\n", encoding="utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=registry, env=env, check=True)
    other = pre_commit("run", cwd=registry, env=env)
    assert other.returncode == 0 and "Skipped" in other.stdout
