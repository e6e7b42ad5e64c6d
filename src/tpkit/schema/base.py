"""What every type of a file shape shares: the problem found (Issue), the reader that collects
values, positions and problems (Reader), the Type a shape is built of, and how a message names a
value or a list item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tpkit.i18n import N_, _
from tpkit.model import Key, Positions
from tpkit.yaml_nodes import Node


@dataclass(slots=True)
class Issue:
    line: int
    column: int
    message: str
    suggestion: str = ""


class Reader:
    """Walks a Node tree against a type, collecting plain data, positions and issues."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.pos = Positions()

    def issue(self, node: Node, message: str, suggestion: str = "") -> None:
        self.issues.append(Issue(node.line, node.column, message, suggestion))


class Type:
    """A value's shape. `read` returns the value, or None after recording an issue."""

    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


def what_is(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("yes/no (true/false)")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, dict):
        return _("a block of keys")
    if isinstance(value, list):
        return _("a list")
    return _("text")


# What a list item is called in a message ("check 2 of 'checks'"), by the list's item label.
_NTH = {
    "item": N_("item {index} of {label}"),
    "phrase": N_("phrase {index} of {label}"),
    "check": N_("check {index} of {label}"),
    "tag": N_("tag {index} of {label}"),
    "step": N_("step {index} of {label}"),
    "role": N_("role {index} of {label}"),
    "venue": N_("venue {index} of {label}"),
    "zone": N_("zone {index} of {label}"),
    "waiver": N_("waiver {index} of {label}"),
    "band": N_("band {index} of {label}"),
    "kind": N_("kind {index} of {label}"),
    "channel": N_("channel {index} of {label}"),
    "month": N_("month {index} of {label}"),
    "abbreviation": N_("abbreviation {index} of {label}"),
    "entry": N_("entry {index} of {label}"),
}


class Nth:
    """The label of a list item, put into words only when a message names it: reading a
    file that has no problem never formats one."""

    __slots__ = ("index", "item", "parent")

    def __init__(self, item: str, index: int, parent: object) -> None:
        self.item = item
        self.index = index
        self.parent = parent

    def __str__(self) -> str:
        pattern = _NTH.get(self.item)
        if pattern is None:
            return f"{self.item} {self.index} of {self.parent}"
        return _(pattern, index=self.index, label=self.parent)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


Label = str | Nth  # how a message names a value: "'zone'", "check 2 of 'checks'"
