"""The corrective action files, actions/<venue>/<id>.yaml: what one holds, written atomically
and read back as untrusted input (regular files only, with positions for the messages)."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpkit.files import write_atomic
from tpkit.i18n import _
from tpkit.loader import parse_bytes, read_bytes
from tpkit.yaml_compose import Document
from tpkit.yaml_nodes import Node

STATUSES = ("open", "reopened", "done", "verified")
OPEN = ("open", "reopened")
ROOT_CAUSE_AFTER = 3  # failures of one check that ask for a root cause


@dataclass
class ActionFile:
    id: str
    venue: str
    check: str
    touchpoint: str
    text: str
    owner: str
    due: dt.date
    status: str = "open"
    measured: str = ""
    target: str = ""
    audits: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    note: str = ""
    closed_by: str = ""
    closed_on: dt.date | None = None
    verified_by: str = ""
    root_cause_needed: bool = False
    path: str = ""  # relative to the registry
    due_pos: tuple[int, int] = (1, 1)

    @property
    def value(self) -> float | None:
        """What the audit measured, as a number; None for a yes/no check or a text that is
        not a finite number (the file is untrusted input)."""
        try:
            got = float(self.measured)
        except ValueError:
            return None
        return got if math.isfinite(got) else None

    def overdue(self, today: dt.date) -> bool:
        return self.status in OPEN and self.due < today

    def to_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "id": self.id,
            "venue": self.venue,
            "check": self.check,
            "touchpoint": self.touchpoint,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat(),
            "status": self.status,
            "overdue": self.overdue(today),
            "measured": self.measured,
            "target": self.target,
            "audits": list(self.audits),
            "evidence": list(self.evidence),
            "note": self.note,
            "closed_by": self.closed_by,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "verified_by": self.verified_by,
            "root_cause_needed": self.root_cause_needed,
            "path": self.path,
        }


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def dump(action: ActionFile) -> str:
    """The YAML text of an action file."""
    lines = [
        f"id: {action.id}",
        f"venue: {action.venue}",
        f"check: {_q(action.check)}",
        f"touchpoint: {_q(action.touchpoint)}",
        f"text: {_q(action.text)}",
        f"measured: {_q(action.measured)}",
        f"target: {_q(action.target)}",
        f"owner: {_q(action.owner)}",
        f"due: {action.due.isoformat()}",
        f"status: {action.status}",
        "audits: [" + ", ".join(_q(a) for a in action.audits) + "]",
        "evidence: [" + ", ".join(_q(e) for e in action.evidence) + "]",
        f"note: {_q(action.note)}",
        f"closed_by: {_q(action.closed_by)}",
        f"closed_on: {action.closed_on.isoformat() if action.closed_on else _q('')}",
        f"verified_by: {_q(action.verified_by)}",
        f"root_cause_needed: {'true' if action.root_cause_needed else 'false'}",
    ]
    return "\n".join(lines) + "\n"


def save(root: Path, action: ActionFile) -> Path:
    folder = root / "actions" / action.venue
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{action.id}.yaml"
    write_atomic(path, dump(action))
    action.path = f"actions/{action.venue}/{action.id}.yaml"
    return path


def _text(node: Node | None) -> str:
    if node is None or node.value is None:
        return ""
    return str(node.value)


def _date(node: Node | None) -> dt.date | None:
    if node is None:
        return None
    if isinstance(node.value, dt.date):
        return node.value
    try:
        return dt.date.fromisoformat(str(node.value))
    except ValueError:
        return None


def _strings(node: Node | None) -> list[str]:
    if node is None or not isinstance(node.value, list):
        return []
    return [str(n.value) for n in node.value if n.value is not None]


def read_action(path: Path, shown: str) -> tuple[ActionFile | None, str]:
    """One action file, read as untrusted (regular files only), or the reason it cannot be."""
    data = read_bytes(path)
    doc = data if isinstance(data, Document) else parse_bytes(data, os.fspath(path))
    if doc.problems or doc.root is None or not isinstance(doc.root.value, dict):
        line, column = (doc.problems[0].line, doc.problems[0].column) if doc.problems else (1, 1)
        return None, _(
            "{file}:{line}:{column}: not an action file: write it as key: value lines, as "
            "tpkit audit score --actions does",
            file=shown,
            line=line,
            column=column,
        )
    m: dict[str, Node] = doc.root.value
    due = _date(m.get("due"))
    status = _text(m.get("status"))
    for key, bad, instead in (
        ("venue", not _text(m.get("venue")), "venue: nevsky"),
        ("check", not _text(m.get("check")), "check: touchpoint/check"),
        ("due", due is None, "due: YYYY-MM-DD"),
        ("status", status not in STATUSES, "status: " + " | ".join(STATUSES)),
    ):
        if bad:
            node = m.get(key, doc.root)
            return None, _(
                "{file}:{line}:{column}: the action's {key} is missing or wrong; write {instead}",
                file=shown,
                line=node.line,
                column=node.column,
                key=key,
                instead=instead,
            )
    assert due is not None
    node = m["due"]
    return ActionFile(
        id=_text(m.get("id")) or path.stem,
        venue=_text(m.get("venue")),
        check=_text(m.get("check")),
        touchpoint=_text(m.get("touchpoint")),
        text=_text(m.get("text")),
        owner=_text(m.get("owner")),
        due=due,
        status=status,
        measured=_text(m.get("measured")),
        target=_text(m.get("target")),
        audits=_strings(m.get("audits")),
        evidence=_strings(m.get("evidence")),
        note=_text(m.get("note")),
        closed_by=_text(m.get("closed_by")),
        closed_on=_date(m.get("closed_on")),
        verified_by=_text(m.get("verified_by")),
        root_cause_needed=m.get("root_cause_needed", Node(False, 0, 0)).value is True,
        path=shown,
        due_pos=(node.line, node.column),
    ), ""


def load_actions(root: Path) -> tuple[list[ActionFile], list[str]]:
    """Every action of the registry, and the files that could not be read."""
    found: list[ActionFile] = []
    bad: list[str] = []
    base = root / "actions"
    if not base.is_dir() or base.is_symlink():
        return found, bad
    for venue in sorted(base.iterdir()):
        if not venue.is_dir() or venue.is_symlink():
            continue
        for path in sorted(venue.glob("*.yaml")):
            action, why = read_action(path, f"actions/{venue.name}/{path.name}")
            if action is None:
                bad.append(why)
            else:
                found.append(action)
    return found, bad


def ordered(actions: list[ActionFile], today: dt.date) -> list[ActionFile]:
    """Overdue first, then open, done, verified; by due date within each."""
    rank = {"open": 1, "reopened": 1, "done": 2, "verified": 3}
    return sorted(
        actions,
        key=lambda a: (0 if a.overdue(today) else rank[a.status], a.due, a.venue, a.id),
    )
