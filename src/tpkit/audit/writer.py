"""Writing audit files: YAML that reads back as written, saved safely, and the lock that keeps
two sessions from writing one file."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tpkit import files, locks
from tpkit.audit.model import CHECK_KINDS, Audit, Result, canonical
from tpkit.errors import TpkitError
from tpkit.files import write_atomic as write_atomic  # `audit form -o` writes with it
from tpkit.i18n import _, number
from tpkit.targets import target_text
from tpkit.terminal import CONTROL_RE

_PLAIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(value: Any) -> str:
    """A value as YAML text: ids plain, every other text double-quoted (JSON escapes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not value.is_integer():
        return _float(value)
    if isinstance(value, (int, float)):
        return str(canonical(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    text = _printable(str(value))
    if not text.strip():
        return ""  # blank text is no text: left empty, as in a fresh form
    if (
        _PLAIN_RE.match(text)
        and text.lower() not in _YAML_WORDS
        and not re.match(r"^[0-9.+-]", text)
    ):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


# Characters a terminal obeys (CONTROL_RE: C0 and C1 controls but tab and newline) are kept in their
# visible form, as the loader shows them; lone surrogates (from a terminal in the C locale)
# cannot be written as UTF-8 at all. What YAML does not accept raw is written as an escape.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ESCAPE_RE = re.compile("[\u2028\u2029\ufeff\ufffe\uffff]")


def _printable(text: str) -> str:
    text = CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _SURROGATE_RE.sub("\ufffd", text)


def _float(value: float) -> str:
    """A float YAML 1.1 reads back as one: '1.0e-05', not '1e-05' (which it reads as text)."""
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def dump(audit: Audit) -> str:
    """The audit as YAML, one line a check, with a comment naming each check to fill in."""
    lines = [
        "# " + _("tpkit audit: one visit. For each check write result: pass, fail, wow or na."),
        "# "
        + _(
            "Time and count checks may take a value instead, in the unit of the target "
            "({example} or 4 min 30 s); the result follows from the target.",
            example=number(4.5),
        ),
        "# " + _("A rating is a number on its scale. Photos: evidence: photos/name.jpg"),
        f"venue: {scalar(audit.venue)}",
        f"date: {audit.date.isoformat()}",
        f"kind: {audit.kind}",
        f"auditor: {scalar(audit.auditor)}".rstrip(),
        *([f"status: {audit.status}"] if audit.status != "complete" else []),
        f"checks_hash: {audit.checks_hash}",
        "checks:",
    ]
    lines += [f"  {cid}: {scalar(c.to_dict())}" for cid, c in audit.checks.items()]
    lines.append("results:")
    for cid, c in audit.checks.items():
        goal = target_text(c) if c.target is not None else ""
        target = (
            " (" + _("{kind}, target {target}", kind=_(CHECK_KINDS[c.type]), target=goal) + ")"
            if goal and c.type in CHECK_KINDS
            else ""
        )
        lines.append(f"  # {_comment(c.touchpoint_title)}: {_comment(c.text)}{target}")
        r = audit.results.get(cid, Result())
        fields = {"result": r.result, "value": r.value, "note": r.note}
        if r.evidence is not None:
            fields["evidence"] = r.evidence
        cells = ", ".join(f"{k}: {scalar(v)}" for k, v in fields.items())
        lines.append(f"  {cid}: {{{cells}}}")
    if audit.skipped:
        lines.append(f"skipped: {scalar(audit.skipped)}")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return _ESCAPE_RE.sub("\ufffd", " ".join(_printable(text).split()))


def save(audit: Audit, path: Path) -> None:
    """Write the whole file to a temporary file, flush it to disk, then rename it into place:
    a crash at any moment leaves either the old file or the new one, never half of one. In a
    session (see locked), a file changed outside since the session last saved it is left as
    it is, and this version is written beside it (files.ChangedOutside names both)."""
    text = dump(audit)
    held = locks.held(path)
    if held is None:
        write_atomic(path, text)
        return
    held.check(text)
    write_atomic(held.path, text)
    held.wrote(text)


class LockedError(TpkitError):
    """Another session is recording this audit."""


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the audit for a session: a second session on the same file (by whatever path it
    is named) is refused, and every save checks that the file was not changed outside. The
    lock is an operating-system lock on .<name>.lock beside the real file, so a session that
    was killed never leaves a stale one behind. A path that is a link is refused: saving
    through it would write wherever it points."""
    held = locks.Held(path, _("then continue with: tpkit audit resume {path}", path=path))
    try:
        held.acquire()
    except files.Busy:
        raise LockedError(
            _("{path} is being recorded by another session", path=path),
            [_("finish or quit that session first; this file was not touched")],
        ) from None
    except OSError as exc:
        raise TpkitError(
            _(
                "{folder} cannot be written: {why}",
                folder=held.path.parent,
                why=exc.strerror or exc,
            ),
            [
                _("an audit is saved there after every answer; nothing was recorded"),
                _("give the folder write permission (or free the disk) and start again"),
            ],
        ) from None
    try:
        yield
    finally:
        held.release()
