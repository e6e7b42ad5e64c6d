"""`--format text`: findings grouped by file, each with file:line:column, rule, what is wrong
and what to write instead; a summary line at the end. Colour only on a terminal."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from tpkit.formats import Style, formatter
from tpkit.model import Problem
from tpkit.terminal import clean
from tpkit.validate import Report

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
Paint = Callable[[str, str], str]
BOLD, DIM, GREEN, RESET = "\033[1m", "\033[2m", "\033[32m", "\033[0m"


def plain(_code: str, text: str) -> str:
    return text


@formatter("text")
def to_text(report: Report, style: Style) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if style.color else text

    lines: list[str] = []
    for path, group in groupby(report.problems, key=lambda p: p.path):
        problems = list(group)
        tp = next((p.touchpoint for p in problems if p.touchpoint), "")
        lines.append(paint(BOLD, clean(path)) + (paint(DIM, f"  ({clean(tp)})") if tp else ""))
        for p in problems:
            lines.extend(problem_lines(p, paint))
        lines.append("")
    lines.append(summary(report, paint))
    return "\n".join(lines)


def problem_lines(p: Problem, paint: Paint) -> list[str]:
    where = f"{clean(p.path)}:{p.line}:{p.column}"
    level = paint(COLORS[p.level], f"{p.level:<7}")
    out = [f"  {where}: {level} {paint(BOLD, p.rule)}  {clean(p.message)}"]
    if p.suggestion:
        out.append(f"      → {clean(p.suggestion)}")
    return out


def summary(report: Report, paint: Paint) -> str:
    counts = report.counts()
    files_with = len({p.path for p in report.problems})
    checked = (
        f"{report.touchpoints} touchpoint{'s' if report.touchpoints != 1 else ''} in "
        f"{report.files} file{'s' if report.files != 1 else ''}"
    )
    if not report.problems:
        return paint(GREEN, f"✓ No problems: {checked} checked.")
    parts = [
        f"{n} {level}{'s' if n != 1 and level != 'info' else ''}"
        for level, n in counts.items()
        if n
    ]
    mark = "✗" if counts["error"] else "!"
    return (
        f"{mark} {', '.join(parts)} in {files_with} file{'s' if files_with != 1 else ''} "
        f"({checked})."
    )
