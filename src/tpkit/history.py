"""What git knows about the touchpoints: a few git processes for the whole registry, never one
per file. Outside a git repository (or without git) there is no history and the rules that
need it are skipped.

A registry may come from anyone, and so may its .git/config and .gitattributes. git is run so
that nothing in them runs a program: no fsmonitor, hooks, pager, external diff or textconv, and
no clean or smudge filter, because tpkit never compares with the work tree through git (which
is what runs filters) and reads only objects: `git log` of names, `git ls-tree` and
`git cat-file`. File names are read NUL-separated and unquoted, in any alphabet."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

from tpkit.errors import UsageError
from tpkit.i18n import _, number
from tpkit.loader import parse_bytes
from tpkit.model import Target
from tpkit.yaml_compose import DEFAULT_LIMITS

CONTENT_KEYS = ("standard", "steps", "say", "avoid", "checks")
TIMEOUT = 120.0  # seconds one git command may take before the history is given up
QUICK = 15.0  # seconds for a question git answers at once (rev-parse)

# Settings given on the command line win over every config file, the registry's included.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.quotePath=false",
    "core.attributesFile=/dev/null",
    "core.untrackedCache=false",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",  # no lazy fetch of a partial clone: no remote helper, no network
    "gc.auto=0",
    "maintenance.auto=false",
)
SAFE_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",  # a reading command never writes the index
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_PROTOCOL_FROM_USER": "0",
}
UNSAFE_ENV = ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS")


def git_command(root: Path, *args: str) -> list[str]:
    """git with the safe settings, run in root."""
    config = [part for item in SAFE_CONFIG for part in ("-c", item)]
    return ["git", "--no-pager", "-C", str(root), *config, *args]


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSAFE_ENV}
    return {**env, **SAFE_ENV}


def _git(root: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            git_command(root, *args),
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=git_env(),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:  # a repository that makes git wait (a pipe as config)
        print(
            _(
                "tpkit: warning: git did not answer within {seconds} s; the rules that read "
                "the history (CUR004, ACH003) are skipped",
                seconds=number(timeout),
            ),
            file=sys.stderr,
        )
    except OSError:
        pass
    return subprocess.CompletedProcess(args, 128, b"", b"")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _names(data: bytes) -> list[str]:
    """NUL-separated file names as the file system gives them (bytes that are not UTF-8 kept
    the way os.listdir keeps them)."""
    return [os.fsdecode(name) for name in data.split(b"\0") if name]


class History:
    def __init__(self, root: Path, base: str, object_format: str = "sha1") -> None:
        self.root = root
        self.base = base  # a full commit id
        self.object_format = object_format
        self._batch: subprocess.Popen[bytes] | None = None

    @classmethod
    def open(cls, root: Path, base: str | None = None) -> History | None:
        """The registry's history, or None outside a git work tree; a bad --base is an error."""
        if shutil.which("git") is None:
            return None
        inside = _git(root, "rev-parse", "--is-inside-work-tree", timeout=QUICK)
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            return None
        if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
            return None  # a repository without commits has no history yet
        ref = base or "HEAD"
        found = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
        commit = found.stdout.decode("ascii", "replace").strip()
        if found.returncode != 0 or not commit:
            raise UsageError(
                _("--base {ref}: git knows no such revision here", ref=ref),
                [_("name a branch, tag or commit, such as main or HEAD~3")],
            )
        kind = _git(root, "rev-parse", "--show-object-format").stdout.decode("ascii", "replace")
        return cls(root, commit, kind.strip() or "sha1")

    # ---- CUR004 ----------------------------------------------------------------------------

    @cached_property
    def modifications(self) -> dict[str, list[tuple[dt.date, str]]]:
        """path → [(date, commit)] of commits that modified it, newest first (one git log)."""
        out = _git(
            self.root,
            "log",
            "-z",
            "--relative",
            "--no-renames",
            "--no-ext-diff",
            "--no-textconv",
            "--diff-filter=M",
            "--format=%x1e%H %as",
            "--name-only",
            "--",
            "touchpoints",
        )
        found: dict[str, list[tuple[dt.date, str]]] = {}
        if out.returncode != 0:
            return found
        # Each commit: RS, "<commit> <date>", NUL, then its names, each ending in NUL.
        for record in out.stdout.split(b"\x1e")[1:]:
            head, _sep, names = record.partition(b"\0")
            parts = head.decode("ascii", "replace").split()
            if len(parts) != 2:
                continue
            commit, date = parts
            try:
                when = dt.date.fromisoformat(date)
            except ValueError:
                continue
            for path in _names(names.removeprefix(b"\n")):
                found.setdefault(path, []).append((when, commit))
        return found

    def content_change_after(self, path: str, reviewed: dt.date) -> tuple[dt.date, str] | None:
        """The newest commit after `reviewed` that changed the content of the file, if any."""
        for when, commit in self.modifications.get(path, ()):
            if when <= reviewed:
                break
            if self._content(f"{commit}:./{path}") != self._content(f"{commit}^:./{path}"):
                return when, commit
        return None

    def _content(self, spec: str) -> Any:
        data = self._parse(spec)
        if not isinstance(data, dict):
            return None
        return {k: data.get(k) for k in CONTENT_KEYS}

    # ---- ACH003 ----------------------------------------------------------------------------

    @cached_property
    def base_files(self) -> dict[str, str]:
        """path → blob id of every file under touchpoints/ in the base revision (paths from
        the registry's folder, as ls-tree gives them when run there)."""
        out = _git(self.root, "ls-tree", "-r", "-z", self.base, "--", "touchpoints")
        found: dict[str, str] = {}
        if out.returncode != 0:
            return found
        for entry in out.stdout.split(b"\0"):
            meta, tab, name = entry.partition(b"\t")
            fields = meta.split()
            if not tab or len(fields) != 3 or fields[1] != b"blob" or fields[0] == b"120000":
                continue
            found[os.fsdecode(name)] = fields[2].decode("ascii", "replace")
        return found

    def changed_since_base(self, path: str) -> bool:
        """Whether the file's bytes differ from the base revision. The bytes are compared
        here, not by `git diff`, which would run the registry's clean filters."""
        blob = self.base_files.get(path)
        return blob is not None and self._blob_id(path) != blob

    def _blob_id(self, path: str) -> str | None:
        """The git object id of the file's bytes as they are in the work tree; None when it is
        not a regular file inside the registry."""
        full = self.root / path
        try:
            real = Path(os.path.realpath(full))
            if not real.is_relative_to(os.path.realpath(self.root)):
                return None
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            fd = os.open(real, flags)
        except (OSError, ValueError):
            return None
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            digest = hashlib.new(self.object_format if self.object_format == "sha256" else "sha1")
            digest.update(b"blob %d\0" % info.st_size)
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
            return digest.hexdigest()

    def targets_at_base(self, path: str) -> dict[str, tuple[str, Target]]:
        """check id → (type, target) in the base revision, for files changed since it."""
        if not self.changed_since_base(path):
            return {}
        data = self._parse(self.base_files[path])
        if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
            return {}
        out: dict[str, tuple[str, Target]] = {}
        for check in data["checks"]:
            if not isinstance(check, dict) or not isinstance(check.get("target"), dict):
                continue
            t = check["target"]
            unit = t.get("unit")
            target = Target(
                max=_number(t.get("max")),
                min=_number(t.get("min")),
                of=_number(t.get("of")),
                unit=unit if isinstance(unit, str) else None,  # 60 s and 1 min are one target
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
        """The blob named by spec (an object id, or REV:./PATH from the registry's folder);
        None when there is none, when it is bigger than a touchpoint may be, or when git does
        not answer within TIMEOUT."""
        request = os.fsencode(spec)
        if b"\n" in request or b"\r" in request or b"\0" in request:
            return None  # one request is one line
        if self._batch is None:
            try:
                self._batch = subprocess.Popen(
                    git_command(self.root, "cat-file", "--batch"),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=git_env(),
                )
            except OSError:
                return None
        proc = self._batch
        assert proc.stdin is not None and proc.stdout is not None
        watchdog = threading.Timer(TIMEOUT, proc.kill)
        watchdog.start()
        try:
            proc.stdin.write(request + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob" or not header[2].isdigit():
                if not header:  # git has gone: no more answers
                    self.close()
                return None
            size = int(header[2])
            if size > DEFAULT_LIMITS.max_bytes:  # not a touchpoint: read past it
                left = size + 1
                while left > 0 and (chunk := proc.stdout.read(min(left, 1 << 20))):
                    left -= len(chunk)
                return None
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after the content
            return data
        except (OSError, ValueError):
            self.close()
            return None
        finally:
            watchdog.cancel()

    def close(self) -> None:
        if self._batch is not None:
            proc, self._batch = self._batch, None
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
