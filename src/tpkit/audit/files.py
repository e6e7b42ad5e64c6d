"""Audit files: the snapshot of checks, reading with positions, writing safely, the lock."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from tpkit import files, shapes
from tpkit.audit.answers import as_meant, photo_warnings, raw_target
from tpkit.audit.values import contradiction, rating_problem
from tpkit.errors import TpkitError
from tpkit.files import write_atomic as write_atomic  # `audit form -o` writes with it
from tpkit.i18n import N_, _, number
from tpkit.loader import DEFAULT_LIMITS, Document, Node, decode, parse_bytes, parse_text, read_bytes
from tpkit.model import Positions, Problem, Target
from tpkit.registry import Registry
from tpkit.targets import target_text
from tpkit.terminal import CONTROL_RE

CHECK_KINDS = {"time": N_("time"), "count": N_("count"), "scale": N_("rating")}
FULL_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*")  # whole ids only (fullmatch)


@dataclass(frozen=True)
class SnapshotCheck:
    """A check frozen into an audit: scoring never looks at today's touchpoints."""

    id: str  # full id: touchpoint/check
    text: str
    zone: str
    owner: str
    touchpoint_title: str = ""
    roles: tuple[str, ...] = ()
    type: str = "yesno"
    target: Target | None = None
    weight: float = 1.0
    critical: bool = False

    @cached_property
    def touchpoint(self) -> str:
        # one string for every use: scores of many audits share it, in memory and when sent
        # between processes
        return sys.intern(self.id.split("/", 1)[0])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "touchpoint": self.touchpoint_title,
            "text": self.text,
            "zone": self.zone,
            "owner": self.owner,
            "roles": list(self.roles),
            "type": self.type,
        }
        if self.target is not None:
            out["target"] = self.target.to_dict()
        out["weight"] = _canon(self.weight)
        out["critical"] = self.critical
        return out


_SHARED: dict[tuple[Any, ...], SnapshotCheck] = {}


def _shared(*fields: Any) -> SnapshotCheck:
    """One object for a check frozen the same way into many audits: the audits of a chain
    repeat the same checks, and each copy would take memory and time to send between
    processes."""
    found = _SHARED.get(fields)
    if found is None:
        if len(_SHARED) >= 100_000:
            _SHARED.clear()
        found = _SHARED[fields] = SnapshotCheck(*fields)
    return found


@dataclass
class Result:
    result: str | None = None  # pass | fail | wow | na; None: decided by value, or unanswered
    value: float | None = None
    note: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "value": self.value,
            "note": self.note,
            "evidence": self.evidence,
        }

    def answered(self) -> bool:
        return self.result is not None or self.value is not None


@dataclass
class Audit:
    venue: str
    date: dt.date
    kind: str
    checks: dict[str, SnapshotCheck]
    results: dict[str, Result] = field(default_factory=dict)
    auditor: str | None = None
    status: str = "complete"
    skipped: list[str] = field(default_factory=list)
    path: str = ""  # as the user named it, or relative to the registry
    pos: Positions = field(default_factory=Positions)
    warnings: list[Problem] = field(default_factory=list)  # photos that cannot be read

    @property
    def checks_hash(self) -> str:
        return checks_hash(self.checks)

    def unanswered(self) -> list[str]:
        return [
            cid for cid in self.checks if not (cid in self.results and self.results[cid].answered())
        ]


def _canon(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v) for v in value]
    return value


def checks_hash(checks: dict[str, SnapshotCheck]) -> str:
    """A fingerprint of the check definitions; editing the snapshot by hand changes it."""
    data = {cid: c.to_dict() for cid, c in checks.items()}
    text = json.dumps(_canon(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot(
    registry: Registry, venue: str, zone: str | None = None, role: str | None = None
) -> dict[str, SnapshotCheck]:
    """Every check that applies to the venue, in journey order."""
    out: dict[str, SnapshotCheck] = {}
    for tp in registry.in_journey_order():
        if tp.venues and venue not in tp.venues:
            continue
        if zone and tp.zone != zone:
            continue
        if role and role not in tp.roles and role != tp.owner:
            continue
        for c in tp.checks:
            out[tp.full_id(c)] = SnapshotCheck(
                tp.full_id(c),
                c.text,
                tp.zone,
                tp.owner,
                tp.title,
                tuple(tp.roles),
                c.type,
                c.target,
                c.weight,
                c.critical,
            )
    return out


# ---- reading ------------------------------------------------------------------------------


def load_audit(path: Path, shown: str) -> tuple[Audit | None, list[Problem]]:
    """An audit file and its problems (TP001–TP006 as for touchpoints, in the order of the
    file). What a person writes by hand is read as meant where that is certain (result: yes,
    4 min 30 s, 4,5, да) and refused where it is not (4:30, a rating off its scale, pass
    beside a value that fails, a result that is no word for one). Photos that cannot be read
    are warnings (Audit.warnings)."""
    audit, problems, _keys = read_audit(path, shown)
    return audit, problems


def read_audit(path: Path, shown: str) -> tuple[Audit | None, list[Problem], frozenset[str]]:
    """As load_audit, with the keys at the top of the file (none when it cannot be read): a
    file that has none of an audit's may be a touchpoint named by mistake."""
    data = read_bytes(path)
    if isinstance(data, Document):
        doc, found = data, None
    else:
        text, bad = decode(data) if len(data) <= DEFAULT_LIMITS.max_bytes else ("", True)
        found = _BLOCK_RE.search(text) if not bad else None
        block = _BLOCKS.get(found[1]) if found is not None else None
        if found is not None and block is not None:
            got = _read_with(path, shown, text, found, block)
            if got is not None:
                return got
        doc = parse_text(text, os.fspath(path)) if not bad else parse_bytes(data, os.fspath(path))
    keys = _keys(doc)
    audit, problems = _load_audit(path, shown, doc)
    if found is not None and audit is not None and not problems:
        _keep(found, doc, audit)
    return audit, sorted(problems, key=lambda p: (p.line, p.column)), keys


def _keys(doc: Document) -> frozenset[str]:
    root = doc.root
    return (
        frozenset(root.value) if root is not None and isinstance(root.value, dict) else frozenset()
    )


# The checks of a venue's audits repeat from file to file, written the same way. A block of
# checks read once is kept (from a file that read without a problem, and with no alias in
# it), and a later file with the very same block has only the rest read: the block's lines
# are left blank, so every other value keeps its line and column, and the checks are the
# ones read before. Anything else in such a file (a problem, the key `checks` not where the
# block is, an alias into the block) reads the whole file as it is.
_BLOCK_RE = re.compile(r"^checks:\n((?:  \S[^\n]*\n)+)(?=[^ \t\n#]|\Z)", re.MULTILINE)
_KEPT_BLOCKS = 256


@dataclass(frozen=True, slots=True)
class _Block:
    checks: dict[str, SnapshotCheck]
    targets: dict[str, Target]  # as written, before they are checked (as_meant reads them)
    hash: str
    size: int  # the values in the block, as the loader counts them
    lines: int


_BLOCKS: dict[str, _Block] = {}


def _read_with(
    path: Path, shown: str, text: str, found: re.Match[str], block: _Block
) -> tuple[Audit | None, list[Problem], frozenset[str]] | None:
    """The file read with a block of checks read before; None when it has to be read whole."""
    start, end = found.span(1)
    line = text.count("\n", 0, start)  # of `checks:`
    doc = parse_text(text[:start] + "\n" * block.lines + text[end:], os.fspath(path))
    root = doc.root
    if doc.problems or root is None or not isinstance(root.value, dict):
        return None
    held = root.value.get("checks")
    if (
        root.keys.get("checks") != (line, 1)
        or held is None
        or held.value is not None
        or held.line != line
        or root.size - held.size + block.size > DEFAULT_LIMITS.max_nodes
    ):
        return None
    keys = _keys(doc)
    audit, problems = _load_audit(path, shown, doc, block, (line + 1, 3))
    return audit, sorted(problems, key=lambda p: (p.line, p.column)), keys


def _keep(found: re.Match[str], doc: Document, audit: Audit) -> None:
    """Keep the block of checks of a file that read cleanly, when it can be read alone."""
    root = doc.root
    assert root is not None and isinstance(root.value, dict)
    node = root.value.get("checks")
    line = doc.text.count("\n", 0, found.start(1))
    lines = found[1].count("\n")
    if (
        node is None
        or not isinstance(node.value, dict)
        or root.keys.get("checks") != (line, 1)
        or (node.line, node.column) != (line + 1, 3)
        or (node.end_line, node.end_column) != (line + lines + 1, 1)
        or len(audit.checks) != len(node.value)
        or _aliased(root)
    ):
        return
    targets = {}
    for cid in node.value:
        target = raw_target(node, cid)
        if target is not None:
            targets[cid] = target
    if len(_BLOCKS) >= _KEPT_BLOCKS:
        _BLOCKS.clear()
    _BLOCKS[found[1]] = _Block(dict(audit.checks), targets, audit.checks_hash, node.size, lines)


def _aliased(root: Node) -> bool:
    """Whether a value of the file stands in two places (an alias)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node.value, dict):
            todo += node.value.values()
        elif isinstance(node.value, list):
            todo += node.value
    return False


def _load_audit(
    path: Path,
    shown: str,
    doc: Document,
    block: _Block | None = None,
    at: tuple[int, int] = (1, 1),
) -> tuple[Audit | None, list[Problem]]:
    """The audit of a file read; with `block`, its checks are that block's (read before from
    the same lines of another file: the file's own are blank lines, the checks starting at
    `at`)."""

    def problem(line: int, column: int, rule: str, message: str, suggestion: str = "") -> Problem:
        return Problem(shown, line, column, rule, "schema", "error", "", message, suggestion)

    problems = [problem(p.line, p.column, p.rule, p.message, p.suggestion) for p in doc.problems]
    if doc.root is None:
        if not problems:
            problems.append(
                problem(
                    1,
                    1,
                    "TP002",
                    _("the audit file is empty"),
                    _("create it with 'tpkit audit form' or 'tpkit audit new'"),
                )
            )
        return None, problems
    meant = as_meant(doc.root, doc.text, block.targets if block is not None else None)
    problems += [problem(*where, "TP002", m, h) for where, m, h in meant]
    if block is not None:  # read, and found right, before
        assert isinstance(doc.root.value, dict)
        doc.root.value["checks"] = Node({}, *at, style="block", keys={})
    data, pos, issues = shapes.read(shapes.AUDIT, doc.root)
    problems += [problem(i.line, i.column, "TP002", i.message, i.suggestion) for i in issues]
    if data is None:
        return None, problems
    checks: dict[str, SnapshotCheck] = dict(block.checks) if block is not None else {}
    for cid, c in data.get("checks", {}).items():
        if not FULL_ID_RE.fullmatch(cid):
            problems.append(
                problem(
                    *pos("checks", cid),
                    "TP005",
                    _("'{id}' is not a full check id", id=cid),
                    _("write it as touchpoint-id/check-id"),
                )
            )
            continue
        if "text" not in c or "zone" not in c or "owner" not in c:
            continue
        checks[cid] = _shared(
            cid,
            c["text"],
            c["zone"],
            c["owner"],
            c.get("touchpoint", ""),
            tuple(c.get("roles", ())),
            c.get("type", "yesno"),
            Target(**c["target"]) if "target" in c else None,
            float(c.get("weight", 1)),
            bool(c.get("critical", False)),
        )
    results: dict[str, Result] = {}
    for cid, r in data.get("results", {}).items():
        if cid not in checks:
            if "checks" not in data:
                continue
            line, column = pos("results", cid)
            problems.append(
                problem(
                    line,
                    column,
                    "TP005",
                    _("the check '{id}' is not in this audit's checks", id=cid),
                    _closest(cid, list(checks)),
                )
            )
            continue
        result = results[cid] = Result(
            r.get("result"), r.get("value"), r.get("note"), r.get("evidence")
        )
        if result.value is None:
            continue
        check = checks[cid]
        wrong = ""
        if check.type == "yesno":
            wrong = _("'{id}' is a yes/no check and takes no value", id=cid)
            hint = _("write result: pass, fail, wow or na")
        elif check.type == "scale" and (wrong := rating_problem(result.value, check.target)):
            hint = _("write a rating on the check's scale, or leave value empty")
        elif wrong := contradiction(result.result, result.value, check.type, check.target):
            hint = _("write result: fail, or leave result empty: it follows from the value")
        if wrong:
            problems.append(problem(*pos("results", cid, "value"), "TP002", wrong, hint))
    written = data.get("checks_hash")
    if block is not None:
        edited = bool(written) and written != block.hash
    else:
        edited = (
            bool(written)
            and len(checks) == len(data.get("checks", {}))
            and written != checks_hash(checks)
        )
    if edited:
        problems.append(
            problem(
                *pos("checks_hash"),
                "TP002",
                _(
                    "the checks of this audit were edited after it was created "
                    "(checks_hash does not match)"
                ),
                _("restore the checks as they were, or create a new audit form"),
            )
        )
    if any(k not in data for k in ("venue", "date", "kind", "checks", "results", "checks_hash")):
        return None, problems
    audit = Audit(
        data["venue"],
        data["date"],
        data["kind"],
        checks,
        results,
        data.get("auditor"),
        data.get("status", "complete"),
        list(data.get("skipped", [])),
        shown,
        pos,
    )
    if any(r.evidence for r in results.values()):
        audit.warnings = photo_warnings(audit, path)
    return audit, problems


def _closest(cid: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(cid, known, n=1)
    if close:
        return _("did you mean '{id}'?", id=close[0])
    return _("use a check id from the checks list at the top of the file")


# ---- writing ------------------------------------------------------------------------------

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
        return str(_canon(value))
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
    held = files.held(path)
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
    held = files.Held(path, _("then continue with: tpkit audit resume {path}", path=path))
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
