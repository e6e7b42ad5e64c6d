"""The positioned tree a YAML file is read into, and a value as the file writes it.

Every Node keeps its line and column (and, for text, where it ends), so a problem can point at
the value that caused it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False, slots=True)
class Node:
    """A YAML value with its position (1-based line and column) and, for text, its source span."""

    value: Any  # dict[str, Node] | list[Node] | str | int | float | bool | date | None
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0
    style: str = ""
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # of mappings only
    size: int = 1

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars), positions dropped. Built
        without recursion, so however deep a file is nested, this never overflows the stack
        (the loader refuses a value that holds itself, which would have no end)."""
        if not isinstance(self.value, (dict, list)):
            return self.value
        top: Any = {} if isinstance(self.value, dict) else []
        todo: list[tuple[Node, Any]] = [(self, top)]
        while todo:
            node, into = todo.pop()
            pairs = node.value.items() if isinstance(node.value, dict) else enumerate(node.value)
            for key, child in pairs:
                value = child.value
                if isinstance(value, (dict, list)):
                    value = {} if isinstance(value, dict) else []
                    todo.append((child, value))
                if isinstance(into, dict):
                    into[key] = value
                else:
                    into.append(value)
        return top


class BadDate(str):
    """A value shaped like a date that is not a real one (2026-13-45)."""


def is_bad_date(value: Any) -> bool:
    return isinstance(value, BadDate)


def as_written(node: Node, lines: list[str]) -> str:
    """A one-line scalar as it is written in the file ('' for one over several lines)."""
    if node.line == node.end_line and 0 < node.line <= len(lines):
        return lines[node.line - 1][node.column - 1 : node.end_column - 1]
    return ""


def key_source(key: Node, text: str) -> str:
    """A key YAML turned into a boolean (yes/no/on/off) keeps its written form."""
    return as_written(key, text.splitlines()).strip() or str(key.value).lower()
