"""`--format github`: GitHub Actions workflow commands, so each finding shows as an annotation
on the line of the pull request it is about; a summary line closes the log."""

from __future__ import annotations

from tpkit.formats import text
from tpkit.formats.base import Style
from tpkit.model import Problem
from tpkit.terminal import clean
from tpkit.validate import Report

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The message after '::' (GitHub's escapeData)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value such as file= or title= (GitHub's escapeProperty)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(p: Problem) -> str:
    props = {
        "file": p.path,
        "line": str(max(p.line, 1)),
        "col": str(max(p.column, 1)),
        "title": p.rule,
    }
    if not p.path:
        del props["file"], props["line"], props["col"]
    where = ",".join(f"{key}={escape_property(clean(value))}" for key, value in props.items())
    # The raw log shows only the message, so it names the place too (as ruff and mypy do).
    message = f"{p.path}:{p.line}:{p.column}: {p.rule} {p.message}" if p.path else p.message
    if p.suggestion:
        message += f" → {p.suggestion}"
    return f"::{COMMAND[p.level]} {where}::{escape_data(clean(message))}"


def to_github(report: Report, style: Style) -> str:
    lines = [annotation(p) for p in report.problems]
    lines.append(escape_data(text.summary(report, text.plain)))
    return "\n".join(lines)
