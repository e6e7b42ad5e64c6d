"""The files a printout reads and writes. Templates, labels and assets are read only when they
are regular files inside the folders allowed for them, with every link resolved first (a link
that stays inside is fine, a link out is not); a printout is written to a temporary file beside
it and moved into place, never through a link, and never into a folder that leads out of the
registry."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tpkit.errors import TpkitError

MAX_READ = 32 * 1024 * 1024  # bytes: the largest template, labels file or asset read


class Refused(Exception):
    """A file that may not be read; the message says why, in a few words."""


def real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(path))


def inside(path: str | os.PathLike[str], folders: Sequence[Path], where: str) -> Path:
    """The real path of `path`, which must lie inside one of `folders` (each taken as its real
    path too); Refused otherwise. `where` names the folders for the message."""
    try:
        found = real(path)
        outside = not any(found.is_relative_to(real(folder)) for folder in folders)
        linked = found != Path(os.path.abspath(path))
    except (OSError, ValueError):  # a NUL in the name, a name too long
        raise Refused("no file can have this name") from None
    if outside:
        if linked:
            raise Refused(f"it is a link that leads out of {where}")
        raise Refused(f"it is outside {where}")
    return found


def read_inside(
    path: str | os.PathLike[str], folders: Sequence[Path], where: str, limit: int = MAX_READ
) -> bytes:
    """The bytes of a regular file inside `folders` (see `inside`); Refused otherwise. A device,
    a pipe or a socket is never opened for reading, so nothing can make the read wait."""
    found = inside(path, folders, where)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(found, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Refused("there is no such file") from None
    except OSError as exc:
        raise Refused(f"it cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("it is not a regular file")
        if info.st_size > limit:
            raise Refused(f"it is larger than {limit // (1024 * 1024)} MiB")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise Refused(f"it is larger than {limit // (1024 * 1024)} MiB")
        return data
    finally:
        os.close(fd)


def shown(path: Path, root: Path | None) -> str:
    """A path as the user knows it: relative to the registry when it is inside."""
    absolute = Path(os.path.abspath(path))
    if root is not None and absolute.is_relative_to(os.path.abspath(root)):
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    return str(path)


def save(path: Path, data: bytes, root: Path | None) -> None:
    """Write data to path: through a temporary file in the same folder, then moved into place,
    with the mode the umask gives a new file. Never through a link, and never into a folder
    inside the registry that leads out of it."""
    name = shown(path, root)
    hint = ["choose another place with -o PATH"]
    if path.is_symlink():
        raise TpkitError(
            f"{name} is a symbolic link: tpkit does not write a printout through a link",
            ["delete the link, or choose another place with -o PATH"],
        )
    absolute = Path(os.path.abspath(path))
    if (
        root is not None
        and absolute.is_relative_to(os.path.abspath(root))
        and not real(absolute.parent).is_relative_to(real(root))
    ):
        raise TpkitError(
            f"{name} cannot be written: its folder {shown(absolute.parent, root)} leads "
            "outside the registry through a link",
            hint,
        )
    try:
        absolute.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(
            dir=str(absolute.parent), prefix=f".{absolute.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise TpkitError(f"{name} cannot be written: {exc.strerror or exc}", hint) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            mask = os.umask(0)
            os.umask(mask)
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~mask)  # mkstemp makes it 0600
            fh.write(data)
        if path.is_symlink():  # made while the page was written
            raise TpkitError(f"{name} is a symbolic link: tpkit does not write through a link")
        os.replace(temporary, absolute)
    except OSError as exc:
        _remove(temporary)
        raise TpkitError(f"{name} cannot be written: {exc.strerror or exc}", hint) from exc
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


MAX_PHOTO = 16 * 1024 * 1024  # bytes: the largest photo a report shows
THUMB_PX = 900  # a photo is shown at most 6 cm wide: this many pixels keep it sharp in print
_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


@dataclass(frozen=True)
class Photo:
    """A photo of an answer: its path as the audit gives it, and the picture as a data: URL,
    or why it is not shown ('missing': there is no such file; 'refused': it is not an image
    file inside the registry)."""

    path: str
    url: str = ""
    problem: str = ""


def photo(path: str, root: Path | None) -> Photo:
    """The photo at `path` (relative to the registry) as a data: URL, read only when it is a
    regular image file inside the registry (a link out, a folder, a device or another kind of
    file is refused without being opened as an image), made small enough for a page."""
    if root is None or not path or Path(path).is_absolute():
        return Photo(path, problem="refused")
    where = root / path
    if not os.path.lexists(where):
        return Photo(path, problem="missing")
    try:
        data = read_inside(where, [root], "the registry", MAX_PHOTO)
    except Refused:
        return Photo(path, problem="refused")
    kind = next((k for magic, k in _IMAGE_MAGIC.items() if data.startswith(magic)), "")
    if not kind:
        return Photo(path, problem="refused")
    small = _smaller(data, kind)
    if small is None:
        return Photo(path, problem="refused")
    data, kind = small
    return Photo(path, url=f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}")


def _smaller(data: bytes, kind: str) -> tuple[bytes, str] | None:
    """The image at most THUMB_PX wide (as JPEG, or PNG when it has transparency); None when
    it is no picture Pillow can read (broken, or too many pixels to be a photo)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with WeasyPrint
        return data, kind
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            if img.width <= THUMB_PX and img.height <= THUMB_PX * 2:
                return data, kind
            img.thumbnail((THUMB_PX, THUMB_PX * 2))
            out = io.BytesIO()
            if img.mode in ("RGBA", "LA", "P"):
                img.save(out, format="PNG", optimize=True)
                return out.getvalue(), "image/png"
            img.convert("RGB").save(out, format="JPEG", quality=82)
            return out.getvalue(), "image/jpeg"
    except Exception:  # a broken or hostile image is not shown
        return None
