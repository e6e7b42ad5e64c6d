"""Locks that keep two sessions from writing one file: an operating-system lock on a lock file
(filelock) beside it, which dies with the process, so a killed session leaves no stale lock."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from tpkit.files import (
    _KIND,
    ABSENT,
    Busy,
    ChangedOutside,
    NotRegular,
    Refused,
    Stamp,
    _kind,
    beside,
    no_follow,
    stamp,
    unchanged,
    write_atomic,
)
from tpkit.i18n import _


class Lock:
    """An operating-system lock on a lock file (filelock): it dies with the process, so a
    killed session leaves no stale lock. The lock file stays when the lock is released."""

    def __init__(self, lock_file: Path) -> None:
        self.path = Path(os.path.realpath(lock_file.parent)) / lock_file.name
        self._lock: Any = None

    @classmethod
    def beside(cls, target: Path) -> Lock:
        """The lock of a file: .<name>.lock next to the file its path resolves to."""
        real = Path(os.path.realpath(target))
        return cls(real.with_name(f".{real.name}.lock"))

    def acquire(self, timeout: float = 0) -> None:
        """Take the lock, waiting up to `timeout` seconds; Busy when another process holds it,
        Refused when the lock file is a link or not a regular file, OSError when it cannot be
        created."""
        from filelock import FileLock, Timeout

        self._check()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Created here first, so a folder that cannot be written is an OSError that names it
        # (and a link put in place since the check is refused by O_NOFOLLOW).
        with open(self.path, "ab", opener=no_follow):
            pass
        lock = FileLock(os.fspath(self.path), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise Busy(_("{path} is held by another process", path=self.path)) from None
        self._lock = lock

    def _check(self) -> None:
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISLNK(st.st_mode):
                message = _(
                    "tpkit keeps its lock in {path}, but that is a link (to {target}), "
                    "and tpkit never writes through a link",
                    path=self.path,
                    target=os.readlink(self.path),
                )
            else:
                message = _(
                    "tpkit keeps its lock in {path}, but that is {what}, not a plain file",
                    path=self.path,
                    what=_(_KIND[_kind(st.st_mode)]),
                )
            raise Refused(
                message,
                [
                    _(
                        "delete it (rm '{path}') and start again; nothing was changed",
                        path=self.path,
                    )
                ],
            )

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class Held:
    """A file one session keeps to itself: locked by its resolved path for the whole session,
    and saved only over what the session last read or wrote there."""

    def __init__(self, path: Path, hint: str = "") -> None:
        self.named = path
        self.path = Path(os.path.realpath(path))
        self.lock = Lock.beside(path)
        self.seen = ABSENT
        self.hint = hint

    def acquire(self) -> None:
        if os.path.islink(self.named):
            raise Refused(
                _(
                    "{path} is a link to {target}: tpkit saves this file after every "
                    "answer and never writes through a link",
                    path=self.named,
                    target=self.path,
                ),
                [_("use the file itself: {path}", path=self.path)],
            )
        self.lock.acquire()
        try:
            self.seen = stamp(self.path)
        except (OSError, NotRegular):
            self.seen = Stamp("unreadable")  # never matches: the first save writes beside it
        _HELD[os.fspath(self.path)] = self

    def release(self) -> None:
        _HELD.pop(os.fspath(self.path), None)
        self.lock.release()

    def check(self, data: str | bytes) -> None:
        """Before a save: when the file was changed outside since the session last saw it,
        write `data` beside it, leave the file as it is, and raise ChangedOutside."""
        if unchanged(self.path, self.seen):
            return
        copy = beside(self.path)
        write_atomic(copy, data)
        details = [
            _("this session's version is saved beside it: {path}", path=copy),
            _("compare the two and keep what is right in {path}", path=self.named),
        ]
        if self.hint:
            details.append(self.hint)
        raise ChangedOutside(
            _(
                "{path} was changed outside this session (edited by hand, or by git pull "
                "or checkout) and was left as it is",
                path=self.named,
            ),
            details,
            copy,
        )

    def wrote(self, data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.seen = Stamp.of(raw)


_HELD: dict[str, Held] = {}


def held(path: Path) -> Held | None:
    """The session that holds this file in this process, if any."""
    if not _HELD:
        return None
    return _HELD.get(os.path.realpath(path))
