"""Reading and writing files of a registry safely.

A registry is often a clone of someone else's repository, so nothing in it is trusted: a file
may be a link to a file outside it (~/.ssh/config), a named pipe or a device (/dev/stdin) that
would block a reader forever, or a committed link where tpkit writes. And what a person does by
mistake (editing an audit while a session records it, two imports at once, a full disk) must
lose nothing. This module is the one place for that:

- reading only regular files: lstat before opening; a pipe, device, socket or folder is
  refused with a reason and never opened; a link is followed only when it stays inside the
  registry, and the file it names is opened with O_NOFOLLOW;
- writing atomically (a temporary file in the same folder, fsync, rename), never through a
  link, keeping the file's mode, or the mode the umask gives a new file;
- a lock (filelock: fcntl on POSIX, msvcrt on Windows) keyed by the resolved path of a file,
  held for a whole session; the lock file is never deleted while others may wait on it;
- saving only over what was last read or written: a file changed outside (an edit, git pull,
  a checkout) is left as it is, and the new content is written beside it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tpkit import i18n
from tpkit.errors import TpkitError
from tpkit.i18n import N_, _

CONFIG_NAME = "tpkit.yaml"  # the file that marks a registry's root (as tpkit.registry)

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class Refused(TpkitError):
    """A path tpkit does not write to: a link, a folder, a device (exit 2)."""


class NotRegular(Exception):
    """A path that is not read: not a regular file, or a link that leaves the registry."""

    def __init__(self, kind: str, message: str, suggestion: str) -> None:
        super().__init__(message)
        self.kind = kind  # folder | pipe | device | socket | other | outside
        self.message = message
        self.suggestion = suggestion


class Busy(TpkitError):
    """Another process holds the lock."""


class ChangedOutside(TpkitError):
    """The file was changed outside this session; the new content was written beside it."""

    def __init__(self, message: str, details: list[str], beside: Path) -> None:
        super().__init__(message, details)
        self.beside = beside


# ---- reading ------------------------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


_WHAT = {
    "pipe": N_("a named pipe"),
    "device": N_("a device (a terminal, a disk)"),
    "socket": N_("a socket"),
    "other": N_("a special file"),
}
_KIND = {
    "file": N_("a file"),
    "folder": N_("a folder"),
    "pipe": N_("a named pipe"),
    "device": N_("a device (a terminal, a disk)"),
    "socket": N_("a socket"),
    "other": N_("a special file"),
}

# Why a file cannot be opened, in the language of the messages (the system's own words are
# English): the reasons a registry's files meet.
_REASONS = {
    errno.ENOENT: N_("there is no such file"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.ELOOP: N_("the links loop"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EISDIR: N_("this is a folder"),
    errno.EIO: N_("the disk could not be read"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the language of the messages."""
    if i18n.current() != i18n.SOURCE and exc.errno in _REASONS:
        return _(_REASONS[exc.errno])
    return str(exc.strerror or exc)


def _not_regular(kind: str, via_link: str = "") -> NotRegular:
    if kind == "folder":
        return NotRegular(
            kind,
            _("this is a folder, not a file")
            if not via_link
            else _("a link to a folder ({target})", target=via_link),
            _("rename the folder so its name does not end like a file"),
        )
    if via_link:
        message = _(
            "not a regular file but a link to {target}, {what}: tpkit never opens it "
            "(reading it could wait forever)",
            target=via_link,
            what=_(_WHAT[kind]),
        )
    else:
        message = _(
            "not a regular file but {what}: tpkit never opens it (reading it could wait forever)",
            what=_(_WHAT[kind]),
        )
    return NotRegular(kind, message, _("put the file itself here, as plain text"))


def registry_of(path: str) -> str | None:
    """The nearest folder at or above the folder of `path` that holds tpkit.yaml."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        if os.path.lexists(os.path.join(folder, CONFIG_NAME)):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether the real path of `path` is `root` or under it (both resolved here)."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # another drive
        return False


def openable(name: str, root: str | None = None) -> tuple[str, int]:
    """(path to open, size) of a regular file; NotRegular for anything else, OSError when it
    cannot be looked at. One lstat for a plain file. A link is followed only when the file it
    names is a regular file inside the registry: `root`, or else the nearest folder above the
    link that holds tpkit.yaml (a link in no registry may point anywhere)."""
    st = os.lstat(name)
    if stat.S_ISREG(st.st_mode):
        return name, st.st_size
    if not stat.S_ISLNK(st.st_mode):
        raise _not_regular(_kind(st.st_mode))
    st = os.stat(name)  # a loop or a broken link: OSError
    kind = _kind(st.st_mode)
    if kind not in ("file", "folder"):  # /dev/stdin, /dev/tty, a pipe: wherever they are
        try:
            shown = os.readlink(name)
        except OSError:
            shown = os.path.realpath(name)
        raise _not_regular(kind, shown)
    real = os.path.realpath(name)
    top = root if root is not None else registry_of(name)
    if top is not None and not is_inside(real, top):
        raise NotRegular(
            "outside",
            _(
                "a link to {target}, outside the registry: tpkit reads only files inside it",
                target=real,
            ),
            _("copy the file into the registry instead of linking to it"),
        )
    if kind == "folder":
        raise _not_regular(kind, real)
    return real, st.st_size


def no_follow(path: str, flags: int) -> int:
    """An opener for open(): the last part of the path is never followed as a link, and a
    pipe put in place after the check never blocks the read."""
    return os.open(path, flags | _NOFOLLOW | _NONBLOCK | _BINARY, 0o666)


def read_upto(fh: IO[bytes], limit: int | None, size: int) -> bytes:
    """At most `limit` bytes of an unbuffered file whose size was `size`: one read when the
    size is still right (a short read is the end of a regular file)."""
    want = size + 1 if limit is None else min(size + 1, limit)
    first = fh.read(want) or b""
    if len(first) < want or (limit is not None and len(first) >= limit):
        return first
    chunks = [first]
    total = len(first)
    while limit is None or total < limit:
        chunk = fh.read(1 << 20 if limit is None else min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_regular(
    path: str | os.PathLike[str], limit: int | None = None, root: str | None = None
) -> bytes:
    """The bytes of a regular file (at most `limit`); NotRegular or OSError otherwise."""
    real, size = openable(os.fspath(path), root)
    with open(real, "rb", buffering=0, opener=no_follow) as fh:
        return read_upto(fh, limit, size)


# ---- writing ------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target_mode(path: Path) -> int | None:
    """The mode of the file about to be replaced (None when there is none yet); a link or
    anything but a regular file is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise Refused(
            _(
                "{path} is a link (to {target}): tpkit never writes through a link",
                path=path,
                target=os.path.realpath(path),
            ),
            [_("delete the link, or name the file it points to")],
        )
    if not stat.S_ISREG(st.st_mode):
        raise Refused(
            _(
                "{path} is not a regular file ({what}): tpkit does not write over it",
                path=path,
                what=_(_KIND[_kind(st.st_mode)]),
            ),
            [_("move it away, or choose another name")],
        )
    return stat.S_IMODE(st.st_mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


@dataclass
class Staged:
    """New content on disk in a temporary file beside its target, not yet in place."""

    target: Path
    temp: Path
    stat: os.stat_result
    durable: bool = True


def stage(path: Path, data: str | bytes, mode: int | None = None, durable: bool = True) -> Staged:
    """Write the content to a temporary file in the target's folder and flush it to disk
    (unless not `durable`: a cache, which may be lost). The file gets `mode`, else the mode of
    the file it will replace, else the one the umask gives a new file (0644 under the usual
    umask 022)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = _target_mode(path)
    if mode is None:
        mode = keep if keep is not None else 0o666 & ~_umask()
    import tempfile  # here: it costs the start of every command a few milliseconds

    # mkstemp opens with O_EXCL (and O_NOFOLLOW): never an existing file, never a link.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - Windows keeps only the read-only bit
            os.chmod(temp, mode)
        _write_all(fd, raw)
        if durable:
            os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        _remove(temp)
        raise
    os.close(fd)
    return Staged(path, temp, st, durable)


def _remove(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


def discard(staged: Iterable[Staged]) -> None:
    for item in staged:
        _remove(item.temp)


def commit(staged: Staged) -> None:
    """Put staged content in place (a rename: the old file or the new, never half of one)."""
    os.replace(staged.temp, staged.target)
    if staged.durable:
        _sync_folder(staged.target.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    path: Path, data: str | bytes, mode: int | None = None, durable: bool = True
) -> os.stat_result:
    """Write the whole file, or leave the old one: a crash at any moment leaves one or the
    other. Refuses a target that is a link. Returns the status of the file written."""
    staged = stage(path, data, mode, durable)
    try:
        commit(staged)
    except BaseException:
        discard([staged])
        raise
    return staged.stat


def write_new(path: Path, data: str) -> None:
    """Create a file that must not exist yet, not even as a link (O_EXCL)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o666)
    try:
        _write_all(fd, data.encode("utf-8"))
    except BaseException:
        os.close(fd)
        _remove(path)
        raise
    os.close(fd)


# ---- save only over what was last seen ------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What a file held when it was last read or written: the hash of its bytes ("" when there
    was no file)."""

    digest: str

    @classmethod
    def of(cls, data: bytes) -> Stamp:
        return cls(hashlib.blake2b(data, digest_size=16).hexdigest())


ABSENT = Stamp("")


def stamp(path: Path, root: str | None = None) -> Stamp:
    """The stamp of what the file holds now; NotRegular or OSError when it cannot be read."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return ABSENT
    return Stamp.of(read_regular(path, root=root))


def unchanged(path: Path, seen: Stamp) -> bool:
    try:
        return stamp(path) == seen
    except (OSError, NotRegular):
        return False


def beside(path: Path, tag: str = "session") -> Path:
    """A free name next to the file: visit.yaml → visit.session.yaml (visit.session-2.yaml…)."""
    stem, suffix = path.stem, path.suffix
    candidate = path.with_name(f"{stem}.{tag}{suffix}")
    n = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{stem}.{tag}-{n}{suffix}")
        n += 1
    return candidate
