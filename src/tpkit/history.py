"""What git knows about the touchpoints: a few git processes for the whole registry, never one
per file. Outside a git repository (or without git) there is no history and the rules that
need it are skipped."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from functools import cached_property
from pathlib import Path
from typing import Any

from tpkit.errors import UsageError
from tpkit.loader import parse_bytes
from tpkit.model import Target

CONTENT_KEYS = ("standard", "steps", "say", "avoid", "checks")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


class History:
    def __init__(self, root: Path, base: str) -> None:
        self.root = root
        self.base = base
        self._batch: subprocess.Popen[bytes] | None = None

    @classmethod
    def open(cls, root: Path, base: str | None = None) -> History | None:
        """The registry's history, or None outside a git work tree; a bad --base is an error."""
        if shutil.which("git") is None:
            return None
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            return None
        if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
            return None  # a repository without commits has no history yet
        ref = base or "HEAD"
        if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
            raise UsageError(
                f"--base {ref}: git knows no such revision here",
                ["name a branch, tag or commit, such as main or HEAD~3"],
            )
        return cls(root, ref)

    # ---- CUR004 ----------------------------------------------------------------------------

    @cached_property
    def modifications(self) -> dict[str, list[tuple[dt.date, str]]]:
        """path → [(date, commit)] of commits that modified it, newest first (one git log)."""
        out = _git(
            self.root,
            "log",
            "--relative",
            "--no-renames",
            "--diff-filter=M",
            "--format=%x1e%H %as",
            "--name-only",
            "--",
            "touchpoints",
        )
        found: dict[str, list[tuple[dt.date, str]]] = {}
        for record in out.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
            lines = [line for line in record.splitlines() if line.strip()]
            if not lines:
                continue
            commit, date = lines[0].split()
            when = dt.date.fromisoformat(date)
            for path in lines[1:]:
                found.setdefault(path, []).append((when, commit))
        return found

    def content_change_after(self, path: str, reviewed: dt.date) -> tuple[dt.date, str] | None:
        """The newest commit after `reviewed` that changed the content of the file, if any."""
        for when, commit in self.modifications.get(path, ()):
            if when <= reviewed:
                break
            if self._content(f"{commit}:{path}") != self._content(f"{commit}^:{path}"):
                return when, commit
        return None

    def _content(self, spec: str) -> Any:
        data = self._parse(spec)
        if not isinstance(data, dict):
            return None
        return {k: data.get(k) for k in CONTENT_KEYS}

    # ---- ACH003 ----------------------------------------------------------------------------

    @cached_property
    def changed_since_base(self) -> set[str]:
        out = _git(
            self.root,
            "diff",
            "--relative",
            "--name-only",
            "--no-renames",
            self.base,
            "--",
            "touchpoints",
        )
        return set(out.stdout.decode("utf-8", "replace").splitlines())

    def targets_at_base(self, path: str) -> dict[str, tuple[str, Target]]:
        """check id → (type, target) in the base revision, for files changed since it."""
        if path not in self.changed_since_base:
            return {}
        data = self._parse(f"{self.base}:{path}")
        if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
            return {}
        out: dict[str, tuple[str, Target]] = {}
        for check in data["checks"]:
            if not isinstance(check, dict) or not isinstance(check.get("target"), dict):
                continue
            t = check["target"]
            target = Target(
                max=_number(t.get("max")), min=_number(t.get("min")), of=_number(t.get("of"))
            )
            out[str(check.get("id"))] = (str(check.get("type", "yesno")), target)
        return out

    # ---- reading blobs through one `git cat-file --batch` ------------------------------------

    def _parse(self, spec: str) -> Any:
        blob = self._blob(spec)
        if blob is None:
            return None
        doc = parse_bytes(blob, spec)
        return doc.root.plain() if doc.root is not None and not doc.problems else None

    def _blob(self, spec: str) -> bytes | None:
        if self._batch is None:
            self._batch = subprocess.Popen(
                ["git", "-C", str(self.root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        proc = self._batch
        assert proc.stdin is not None and proc.stdout is not None
        # cat-file resolves paths from the top of the work tree; './' makes them relative.
        proc.stdin.write(spec.replace(":", ":./", 1).encode() + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return None
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)  # the newline after the content
        return data

    def close(self) -> None:
        if self._batch is not None:
            if self._batch.stdin is not None:
                self._batch.stdin.close()
            self._batch.wait()
            self._batch = None
