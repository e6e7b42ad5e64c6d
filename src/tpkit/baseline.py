"""The baseline of `tpkit validate --baseline FILE`: today's findings recorded once by their
SARIF fingerprints, so that on an old registry only new findings count; entries whose finding
is gone are reported (WVR006) and dropped with `--baseline-update`.

The file is JSON, one finding a line, so that it reads well in a diff:

    {
      "tpkit_baseline": 1,
      "lang": "ru",
      "recorded": "2026-12-02",
      "findings": [
        {"fingerprint": "…", "rule": "ACC002", "path": "touchpoints/…", "touchpoint": "…", …}
      ]
    }

A fingerprint is made of the rule, the file, the touchpoint and the message without its
numbers, so findings keep it when lines move; the message is in the language of the run, so
the language the baseline was recorded in is kept with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tpkit import i18n
from tpkit.errors import UsageError
from tpkit.findings import finding
from tpkit.formats.sarif import fingerprint, fingerprint_key
from tpkit.i18n import _, n_
from tpkit.model import Problem
from tpkit.validate import Report

VERSION = 1
_HEAD_LINES = 5  # the lines before the first entry


@dataclass(frozen=True)
class Entry:
    """One recorded finding, and where it stands in the baseline file."""

    fingerprint: str
    rule: str
    path: str
    touchpoint: str
    level: str
    message: str
    line: int = 0
    column: int = 0


@dataclass
class Baseline:
    path: Path
    lang: str
    recorded: str
    entries: list[Entry]


@dataclass
class Outcome:
    """What a run finds against a baseline: the new findings, how many were known, and the
    entries (within the files checked) that match nothing."""

    new: list[Problem]
    known: int
    stale: list[Entry]


def fingerprints(problems: list[Problem]) -> list[str]:
    """The SARIF fingerprint of each finding, in the same order."""
    seen: Counter[str] = Counter()
    out = []
    for p in problems:
        key = fingerprint_key(p)
        seen[key] += 1
        out.append(fingerprint(key, seen[key]))
    return out


def entries_of(problems: list[Problem], prints: list[str]) -> list[Entry]:
    return [
        Entry(f, p.rule, p.path, p.touchpoint, p.level, p.message)
        for p, f in zip(problems, prints, strict=True)
    ]


def write(path: Path, entries: list[Entry], lang: str, recorded: dt.date | str) -> None:
    """Write the baseline file, one entry a line, sorted by file and rule."""
    rows = sorted(entries, key=lambda e: (e.path, e.rule, e.touchpoint, e.fingerprint))
    head = [
        "{",
        f'  "tpkit_baseline": {VERSION},',
        f'  "lang": {json.dumps(lang)},',
        f'  "recorded": {json.dumps(str(recorded))},',
    ]
    body = [
        "    "
        + json.dumps(
            {
                "fingerprint": e.fingerprint,
                "rule": e.rule,
                "path": e.path,
                "touchpoint": e.touchpoint,
                "level": e.level,
                "message": e.message,
            },
            ensure_ascii=False,
        )
        + ("," if i < len(rows) - 1 else "")
        for i, e in enumerate(rows)
    ]
    text = "\n".join([*head, '  "findings": [', *body, "  ]", "}"]) + "\n"
    if not rows:
        text = "\n".join([*head, '  "findings": []', "}"]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def load(path: Path) -> Baseline:
    """The baseline in FILE; a file that is not one stops the run (exit 2) at file:line:column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            _("{path}: cannot read the baseline: {error}", path=path, error=exc)
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            _(
                "{path}:{line}:{column}: not a tpkit baseline ({error}); delete the file and "
                "run again to record a new one",
                path=path,
                line=exc.lineno,
                column=exc.colno,
                error=exc.msg,
            )
        ) from None
    rows = data.get("findings") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("tpkit_baseline") != VERSION
        or not isinstance(rows, list)
    ):
        raise UsageError(
            _(
                "{path}:1:1: not a tpkit baseline: write '\"tpkit_baseline\": 1' and a list "
                "'findings', or delete the file and run again to record a new one",
                path=path,
            )
        )
    where = _positions(text)
    entries = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            continue
        line, column = where.get(row["fingerprint"], (1, 1))
        entries.append(
            Entry(
                row["fingerprint"],
                str(row.get("rule", "")),
                str(row.get("path", "")),
                str(row.get("touchpoint", "")),
                str(row.get("level", "")),
                str(row.get("message", "")),
                line,
                column,
            )
        )
    return Baseline(path, str(data.get("lang", "")), str(data.get("recorded", "")), entries)


def _positions(text: str) -> dict[str, tuple[int, int]]:
    """The line and column of each entry, by its fingerprint."""
    out: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find('"fingerprint"')
        if at >= 0:
            start = line.find('"', line.find(":", at) + 1)
            end = line.find('"', start + 1)
            if start >= 0 and end > start:
                brace = line.rfind("{", 0, at)
                out.setdefault(line[start + 1 : end], (number, (brace if brace >= 0 else at) + 1))
    return out


def compare(
    baseline: Baseline, problems: list[Problem], prints: list[str], scope: set[str] | None
) -> Outcome:
    """The findings not in the baseline, and the entries that match nothing (only those of
    the files in scope, when the run checked some files only)."""
    recorded = {e.fingerprint for e in baseline.entries}
    found = set(prints)
    new = [p for p, f in zip(problems, prints, strict=True) if f not in recorded]
    stale = [
        e
        for e in baseline.entries
        if e.fingerprint not in found and (scope is None or e.path in scope)
    ]
    return Outcome(new, len(problems) - len(new), stale)


def stale_findings(outcome: Outcome, shown_path: str, level: str) -> list[Problem]:
    """A WVR006 finding for each entry that matches nothing, at its line in the baseline."""
    return [
        finding(
            "WVR006",
            shown_path,
            e.line,
            e.column,
            _(
                "the baseline entry for {rule} in {path} matches no finding any more",
                rule=e.rule,
                path=e.path or "-",
            ),
            _(
                "run tpkit validate --baseline {file} --baseline-update to drop the entries "
                "of fixed findings",
                file=shown_path,
            ),
            touchpoint=e.touchpoint,
            level=level,
        )
        for e in outcome.stale
        if level != "off"
    ]


def shrink(baseline: Baseline, outcome: Outcome) -> int:
    """Rewrite the baseline without its stale entries; how many were dropped."""
    gone = {e.fingerprint for e in outcome.stale}
    if not gone:
        return 0
    kept = [e for e in baseline.entries if e.fingerprint not in gone]
    write(baseline.path, kept, baseline.lang, baseline.recorded)
    return len(gone)


def against(
    report: Report,
    path: Path,
    *,
    update: bool,
    scoped: bool,
    level: str,
    again: Callable[[], Report],
) -> tuple[Report, list[str]]:
    """The report with only the findings the baseline in `path` does not hold, and the lines
    that say what the baseline did. A missing file is recorded from this report first; a
    baseline recorded in another language is matched on the same run in that language
    (`again` runs it)."""
    lang = i18n.current()
    shown = _shown(report.root, path)
    if not path.exists():
        prints = fingerprints(report.problems)
        write(path, entries_of(report.problems, prints), lang, report.today)
        n = len(report.problems)
        note = n_(
            "Recorded {n} finding in the baseline {file}: from now on only new findings count.",
            "Recorded {n} findings in the baseline {file}: from now on only new findings count.",
            n,
            file=shown,
        )
        return dataclasses.replace(report, problems=[]), [note]
    baseline = load(path)
    matched = report.problems
    if baseline.lang and baseline.lang != lang:
        with i18n.language(baseline.lang):
            matched = again().problems
        if len(matched) != len(report.problems):  # cannot be paired: match as printed
            matched = report.problems
    outcome = compare(baseline, report.problems, fingerprints(matched), _scope(report, scoped))
    notes = []
    if outcome.known:
        notes.append(
            n_(
                "{n} finding recorded in the baseline {file} is not shown.",
                "{n} findings recorded in the baseline {file} are not shown.",
                outcome.known,
                file=shown,
            )
        )
    problems = outcome.new
    if update:
        dropped = shrink(baseline, outcome)
        if dropped:
            notes.append(
                n_(
                    "Removed {n} entry of a fixed finding from the baseline {file}.",
                    "Removed {n} entries of fixed findings from the baseline {file}.",
                    dropped,
                    file=shown,
                )
            )
    else:
        problems = sorted([*problems, *stale_findings(outcome, shown, level)], key=Problem.sort_key)
    return dataclasses.replace(report, problems=problems), notes


def _scope(report: Report, scoped: bool) -> set[str] | None:
    return set(report.paths) if scoped else None


def _shown(root: Path, path: Path) -> str:
    """The baseline's path as findings name it: relative to the registry root when inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
