"""Read one YAML file safely: its bytes, decoded as UTF-8, composed into a Document.

Only a regular file inside the registry is opened and at most the size limit is read; UTF-8 may
start with a BOM, and other text is reported with a guess at its encoding. Every failure is a
problem in the result, never an exception."""

from __future__ import annotations

import os
import re

from tpkit import files
from tpkit.i18n import _, n_, number
from tpkit.yaml_compose import DEFAULT_LIMITS, Document, Limits, parse_text
from tpkit.yaml_messages import ReadProblem


def read_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file; every failure is a problem in the result, never an exception."""
    data = read_bytes(path, limits)
    return data if isinstance(data, Document) else parse_bytes(data, os.fspath(path), limits)


def read_bytes(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, root: str | None = None
) -> bytes | Document:
    """The file's bytes, at most one more than the size limit (parse_bytes reports a bigger
    file), or a Document that says why the file cannot be read. Only a regular file is opened:
    a folder, a named pipe, a device (a link to /dev/stdin) or a link that leaves the registry
    (`root`, or the nearest folder above holding tpkit.yaml) is reported, never read, so
    nothing can block the read. One lstat and, mostly, one read a file."""
    name = os.fspath(path)
    try:
        real, size = files.openable(name, root)
        with open(real, "rb", buffering=0, opener=files.no_follow) as fh:
            return files.read_upto(fh, limits.max_bytes + 1, size)
    except files.NotRegular as exc:
        suggestion = exc.suggestion
        if exc.kind == "folder":
            suggestion = _("rename the folder so its name does not end in .yaml")
        return _fail(name, "TP006", exc.message, suggestion)
    except IsADirectoryError:
        return _fail(
            name,
            "TP006",
            _("this is a folder, not a file"),
            _("rename the folder so its name does not end in .yaml"),
        )
    except PermissionError:
        return _fail(
            name,
            "TP006",
            _("tpkit may not read this file (permission denied)"),
            _("give the file read permission (chmod a+r)"),
        )
    except OSError as exc:
        return _fail(
            name,
            "TP006",
            _("the file cannot be read: {reason}", reason=files.os_reason(exc)),
            _("check that the file exists and is not a broken link"),
        )


def parse_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.max_bytes:
        return _fail(
            name,
            "TP006",
            _("the file is larger than {size}", size=_size(limits.max_bytes)),
            _("split it: a touchpoint, an audit or the settings take a few kilobytes"),
        )
    text, problem = decode(data)
    if problem is not None:
        return Document(name, "", None, [problem])
    return parse_text(text, name, limits)


def _size(n: int) -> str:
    if n >= 1024:
        return _("{n} KiB", n=number(n // 1024))
    return n_("{n} byte", "{n} bytes", n)


def decode(data: bytes) -> tuple[str, ReadProblem | None]:
    """UTF-8 (with or without BOM); anything else is a TP006 problem at the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        guess = _guess_encoding(data)
        return "", ReadProblem(
            "TP006",
            line,
            column,
            _("the file is not UTF-8 text (it looks like {guess})", guess=guess)
            if guess
            else _("the file is not UTF-8 text"),
            _("open it in your editor and save it with the encoding UTF-8"),
        )


def _guess_encoding(data: bytes) -> str:
    if b"\x00" in data:
        return _("a binary file or UTF-16")
    # Russian text in Windows-1251 is whole words of non-ASCII bytes; West-European text in
    # Latin-1 has one accented letter here and there inside ASCII words.
    runs = [len(m.group()) for m in re.finditer(rb"[\xc0-\xff\xa8\xb8]+", data)]
    if runs and sum(runs) / len(runs) >= 3:
        return _("Windows-1251, a Russian Windows encoding")
    return _("Latin-1 or Windows-1252")


def _fail(name: str, rule: str, message: str, suggestion: str) -> Document:
    return Document(name, "", None, [ReadProblem(rule, 1, 1, message, suggestion)])
