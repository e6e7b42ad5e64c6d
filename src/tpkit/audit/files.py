"""Reading audit files with positions: the snapshot, the results as meant, every problem with
file, line and column. The data is in model.py, the writing in writer.py; their names are
imported here too, as before."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from tpkit import shapes
from tpkit.audit.answers import as_meant, photo_warnings, raw_target
from tpkit.audit.model import (
    CHECK_KINDS as CHECK_KINDS,
)
from tpkit.audit.model import (
    FULL_ID_RE as FULL_ID_RE,
)
from tpkit.audit.model import (
    Audit as Audit,
)
from tpkit.audit.model import (
    Result as Result,
)
from tpkit.audit.model import (
    SnapshotCheck as SnapshotCheck,
)
from tpkit.audit.model import (
    checks_hash as checks_hash,
)
from tpkit.audit.model import (
    shared_check,
)
from tpkit.audit.model import (
    snapshot as snapshot,
)
from tpkit.audit.values import contradiction, rating_problem
from tpkit.audit.writer import (
    LockedError as LockedError,
)
from tpkit.audit.writer import (
    dump as dump,
)
from tpkit.audit.writer import (
    locked as locked,
)
from tpkit.audit.writer import (
    save as save,
)
from tpkit.audit.writer import (
    scalar as scalar,
)
from tpkit.files import write_atomic as write_atomic  # `audit form -o` writes with it
from tpkit.findings import finding
from tpkit.i18n import _
from tpkit.loader import decode, parse_bytes, read_bytes
from tpkit.model import Problem, Target
from tpkit.yaml_compose import DEFAULT_LIMITS, Document, parse_text
from tpkit.yaml_nodes import Node


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
        return finding(rule, shown, line, column, message, suggestion)

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
        checks[cid] = shared_check(
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
