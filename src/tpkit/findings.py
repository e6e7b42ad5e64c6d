"""The one place a finding is made: every Problem tpkit reports, from the reader, the shapes,
the rules and the waivers, comes out of `finding()`.

A rule function returns Findings (rules/base.py) and the engine turns each into a Problem here,
with the rule's standard and level. The codes found while files are read, before any rule runs
(TP001 syntax, TP002 shape, TP004 duplicate key, TP005 unknown id, TP006 unsafe or unreadable),
the waiver codes and the baseline's code (WVR) have their standard and level in
MADE_WHILE_READING; each of them is documented by its rule in rules/structure.py, and a test
holds the two tables together."""

from __future__ import annotations

from tpkit.model import Problem

# code: (standard, level) of the findings made while reading files and applying waivers.
MADE_WHILE_READING: dict[str, tuple[str, str]] = {
    "TP001": ("schema", "error"),
    "TP002": ("schema", "error"),
    "TP004": ("schema", "error"),
    "TP005": ("schema", "error"),
    "TP006": ("schema", "error"),
    "WVR001": ("schema", "warning"),
    "WVR002": ("schema", "info"),
    "WVR003": ("schema", "error"),
    "WVR004": ("schema", "warning"),
    "WVR005": ("schema", "info"),
    "WVR006": ("schema", "info"),
}


def finding(
    code: str,
    path: str,
    line: int,
    column: int,
    message: str,
    suggestion: str = "",
    *,
    touchpoint: str = "",
    standard: str = "",
    level: str = "",
    fix: tuple[int, int, str, str] | None = None,
) -> Problem:
    """A finding of `code` at path:line:column. The standard and level are the code's own
    (MADE_WHILE_READING) unless given: a rule's findings carry the rule's standard and the level
    the registry set for it."""
    own_standard, own_level = MADE_WHILE_READING.get(code, ("", ""))
    return Problem(
        path,
        line,
        column,
        code,
        standard or own_standard,
        level or own_level,
        touchpoint,
        message,
        suggestion,
        fix,
    )
