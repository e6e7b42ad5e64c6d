"""`--format text`: findings grouped by file, each with file:line:column, rule, what is wrong
and what to write instead; a summary line at the end. Colour only on a terminal."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from tpkit.formats.base import Style
from tpkit.i18n import N_, _, n_
from tpkit.model import Problem
from tpkit.terminal import clean
from tpkit.validate import Report

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
Paint = Callable[[str, str], str]
BOLD, DIM, GREEN, RESET = "\033[1m", "\033[2m", "\033[32m", "\033[0m"


def plain(_code: str, text: str) -> str:
    return text


def to_text(report: Report, style: Style) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if style.color else text

    lines: list[str] = []
    width = _level_width()
    for path, group in groupby(report.problems, key=lambda p: p.path):
        problems = list(group)
        tp = next((p.touchpoint for p in problems if p.touchpoint), "")
        lines.append(paint(BOLD, clean(path)) + (paint(DIM, f"  ({clean(tp)})") if tp else ""))
        for p in problems:
            lines.extend(problem_lines(p, paint, width))
        lines.append("")
    lines.append(summary(report, paint))
    return "\n".join(lines)


LEVEL_NAMES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def level_name(level: str) -> str:
    """error, warning, info in the language of the output."""
    return _(LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


def _level_width() -> int:
    return max(len(level_name(level)) for level in LEVEL_NAMES)


def problem_lines(p: Problem, paint: Paint, width: int = 7) -> list[str]:
    where = f"{clean(p.path)}:{p.line}:{p.column}"
    level = paint(COLORS[p.level], f"{level_name(p.level):<{width}}")
    out = [f"  {where}: {level} {paint(BOLD, p.rule)}  {clean(p.message)}"]
    if p.suggestion:
        out.append(f"      → {clean(p.suggestion)}")
    return out


def summary(report: Report, paint: Paint) -> str:
    counts = report.counts()
    files_with = len({p.path for p in report.problems})
    checked = checked_text(report)
    if not report.problems:
        return paint(GREEN, _("✓ No problems: {checked} checked.", checked=checked))
    parts = [_count(level, n) for level, n in counts.items() if n]
    mark = "✗" if counts["error"] else "!"
    return _(
        "{mark} {counts} {in_files} ({checked}).",
        mark=mark,
        counts=", ".join(parts),
        in_files=n_("in {n} file", "in {n} files", files_with),
        checked=checked,
    )


def checked_text(report: Report) -> str:
    """What was checked: '3 touchpoints in 3 files', '1 audit file', or both."""
    audits = n_("{n} audit file", "{n} audit files", report.audits)
    touchpoint_files = report.files - report.audits
    if report.audits and not touchpoint_files and not report.touchpoints:
        return audits
    touchpoints = _(
        "{touchpoints} {in_files}",
        touchpoints=n_("{n} touchpoint", "{n} touchpoints", report.touchpoints),
        in_files=n_("in {n} file", "in {n} files", touchpoint_files),
    )
    if not report.audits:
        return touchpoints
    return _("{touchpoints} and {audits}", touchpoints=touchpoints, audits=audits)


def _count(level: str, n: int) -> str:
    """'3 errors', '1 warning', '29 info' in the language of the output."""
    if level == "error":
        return n_("{n} error", "{n} errors", n)
    if level == "warning":
        return n_("{n} warning", "{n} warnings", n)
    return n_("{n} info", "{n} info", n)
