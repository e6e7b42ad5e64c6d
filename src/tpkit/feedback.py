"""Guest feedback: control by result beside control by process (audits).

`import` checks every row of a CSV export first and stores nothing from a file with a bad row;
rows are kept under feedback/<venue>/<YYYY-MM>.csv, sorted, one response a record, so they
diff well in git. The same response imported twice (or from two overlapping exports) is kept
once: identical rows count as many times as the file that holds the most of them.

An import holds a lock on the store, so two imports at once both count (the second waits),
and it changes every month it touches or none: all of them are written to temporary files
first, and only then renamed into place. A month changed by hand while importing is left as
it is, and nothing is imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpkit import files, i18n, locks
from tpkit.errors import TpkitError
from tpkit.i18n import _, n_, number
from tpkit.loader import decode
from tpkit.registry import Registry
from tpkit.terminal import CONTROL_RE, clean

REQUIRED = ("date", "venue", "score")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SCORE_RE = re.compile(r"^[0-9]{1,2}$")
OPTIONAL = ("comment", "touchpoint")
MAX_BYTES = 64 * 1024 * 1024  # about half a million responses
STORED = ("date", "venue", "score", "touchpoint", "comment")
MAX_STORE_BYTES = 4 * MAX_BYTES  # one month of one venue, imported file by file
IMPORT_WAIT = 300.0  # seconds an import waits for another one into the same registry


@dataclass(frozen=True, order=True)
class Response:
    date: dt.date
    venue: str
    score: int
    touchpoint: str = ""
    comment: str = ""

    def row(self) -> list[str]:
        return [self.date.isoformat(), self.venue, str(self.score), self.touchpoint, self.comment]

    @property
    def kind(self) -> str:
        if self.score >= 9:
            return "promoter"
        if self.score >= 7:
            return "passive"
        return "detractor"


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str
    suggestion: str = ""

    def show(self, path: str) -> str:
        hint = f" — {self.suggestion}" if self.suggestion else ""
        return f"{path}:{self.line}: {self.message}{hint}"


class FeedbackError(TpkitError):
    """A CSV file with bad rows: nothing was imported (exit 1)."""

    exit_code = 1


def read_csv(path: Path, registry: Registry) -> list[Response]:
    """Every row of an export, checked; any bad row stops the import with every problem."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FeedbackError(
            _(
                "{path} cannot be read: {reason}; nothing was imported",
                path=path,
                reason=exc.strerror or exc,
            )
        ) from None
    if len(data) > MAX_BYTES:
        raise FeedbackError(
            _(
                "{path} is larger than {size} MiB; nothing was imported",
                path=path,
                size=number(MAX_BYTES // 1024 // 1024),
            ),
            [_("split the export by month and import each part")],
        )
    text, bad = decode(data)
    if bad is not None:
        raise FeedbackError(
            _(
                "{path}:{line}: {message}; nothing was imported",
                path=path,
                line=bad.line,
                message=bad.message,
            ),
            [_("{suggestion} (in Excel: Save As → CSV UTF-8)", suggestion=bad.suggestion)],
        )
    problems: list[RowProblem] = []
    responses: list[Response] = []
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FeedbackError(
            _("{path}:1: the file is empty; nothing was imported", path=path),
            [_("the first line names the columns: date,venue,score")],
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in (*REQUIRED, *OPTIONAL)]
    if missing or unknown or len(set(header)) != len(header):
        what = []
        if missing:
            what.append(_("missing {columns}", columns=", ".join(missing)))
        if unknown:
            what.append(_("unknown {columns}", columns=", ".join(unknown)))
        if len(set(header)) != len(header):
            what.append(_("a column named twice"))
        raise FeedbackError(
            _(
                "{path}:1: the header is not right ({what}); nothing was imported",
                path=path,
                what="; ".join(what),
            ),
            [_("the first line must be date,venue,score and may add comment and touchpoint")],
        )
    venues = {v.id for v in registry.config.venues}
    touchpoints = {tp.id for tp in registry.touchpoints}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                RowProblem(
                    line,
                    _("the row cannot be read: {reason}", reason=exc),
                    _("check the quotes in this row"),
                )
            )
            break
        if not any(cell.strip() for cell in row):
            continue
        got = _row(row, header, line, venues, touchpoints, problems)
        if got is not None:
            responses.append(got)
    if problems:
        shown = [p.show(str(path)) for p in problems[:50]]
        if len(problems) > 50:
            more = len(problems) - 50
            shown.append(n_("… and {n} more", "… and {n} more", more))
        raise FeedbackError(
            n_(
                "{path}: {n} bad row; nothing was imported — fix it and import the file again",
                "{path}: {n} bad rows; nothing was imported — fix them and import the file again",
                len({p.line for p in problems}),
                path=path,
            ),
            shown,
        )
    return responses


def _row(
    row: list[str],
    header: list[str],
    line: int,
    venues: set[str],
    touchpoints: set[str],
    problems: list[RowProblem],
) -> Response | None:
    if len(row) != len(header):
        problems.append(
            RowProblem(
                line,
                n_(
                    "{n} value for {columns}",
                    "{n} values for {columns}",
                    len(row),
                    columns=n_("{n} column", "{n} columns", len(header)),
                ),
                _("put a comment with commas in double quotes"),
            )
        )
        return None
    cells = {name: value.strip() for name, value in zip(header, row, strict=True)}
    ok = True
    control = next((c for c in row if CONTROL_RE.search(c)), None)
    if control is not None:
        problems.append(
            RowProblem(
                line,
                _("'{cell}' holds an invisible control character", cell=_short(control)),
                _("delete it; it often comes from copying text out of another program"),
            )
        )
        ok = False
    try:
        if not _DATE_RE.match(cells["date"]):
            raise ValueError(cells["date"])
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        problems.append(
            RowProblem(
                line,
                _("'{cell}' is not a date", cell=_short(cells["date"])),
                _("write it as YYYY-MM-DD, for example 2026-10-05"),
            )
        )
        ok = False
    venue = cells["venue"]
    if venue not in venues:
        problems.append(
            RowProblem(
                line,
                _("'{cell}' is not a venue of this registry", cell=_short(venue)),
                _("venues: {ids}", ids=", ".join(sorted(venues))),
            )
        )
        ok = False
    raw = cells["score"]
    score = int(raw) if _SCORE_RE.match(raw) else -1
    if not 0 <= score <= 10:
        problems.append(
            RowProblem(
                line,
                _("the score '{cell}' is not a whole number from 0 to 10", cell=_short(raw)),
                _("write the guest's answer to 'How likely are you to recommend us?', 0–10"),
            )
        )
        ok = False
    touchpoint = cells.get("touchpoint", "")
    if touchpoint and touchpoint not in touchpoints:
        problems.append(
            RowProblem(
                line,
                _("'{cell}' is not a touchpoint id", cell=_short(touchpoint)),
                _("leave it empty, or use an id from 'tpkit list'"),
            )
        )
        ok = False
    if not ok:
        return None
    comment = row[header.index("comment")] if "comment" in header else ""
    return Response(date, venue, score, touchpoint, comment.strip())


def _short(cell: str) -> str:
    """A cell as shown in a message: visible characters, at most 40 of them."""
    text = clean(cell)
    return text if len(text) <= 40 else text[:39] + "…"


def store_path(root: Path, response: Response) -> Path:
    return root / "feedback" / response.venue / f"{response.date:%Y-%m}.csv"


def read_store(path: Path, root: Path | None = None) -> list[Response]:
    """The responses of one month of the store ([] when there is no such file). A link out of
    the registry, a pipe or a device is refused (ValueError), never opened."""
    return _parse_store(_store_bytes(path, root))


def _store_bytes(path: Path, root: Path | None) -> bytes | None:
    if not os.path.lexists(path):
        return None
    try:
        data = files.read_regular(path, MAX_STORE_BYTES + 1, os.fspath(root) if root else None)
    except files.NotRegular as exc:
        raise ValueError(exc.message) from None
    if len(data) > MAX_STORE_BYTES:
        raise ValueError(
            _("it is larger than {size} MiB", size=number(MAX_STORE_BYTES // 1024 // 1024))
        )
    return data


def _parse_store(data: bytes | None) -> list[Response]:
    if data is None:
        return []
    out = []
    text = data.decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is not None and not set(REQUIRED) <= set(reader.fieldnames):
        raise ValueError(_("the first line is not {columns}", columns=",".join(STORED)))
    for row in reader:
        out.append(
            Response(
                dt.date.fromisoformat(row["date"]),
                row["venue"],
                int(row["score"]),
                row.get("touchpoint") or "",
                clean(row.get("comment") or ""),  # a hand edit never reaches a terminal
            )
        )
    return out


class StoreError(TpkitError):
    """The store could not be written, or changed while importing: nothing was imported."""


def import_csv(path: Path, registry: Registry) -> tuple[int, int]:
    """(new, already there): rows added to feedback/, and rows that were imported before."""
    incoming = read_csv(path, registry)
    by_file: dict[Path, list[Response]] = defaultdict(list)
    for response in incoming:
        by_file[store_path(registry.root, response)].append(response)
    base = registry.root / "feedback"
    if os.path.lexists(base) and not (os.path.isdir(base) and files.is_inside(base, registry.root)):
        raise StoreError(
            _(
                "{base} is not a folder inside the registry (a link to {target}?); "
                "nothing was imported",
                base=base,
                target=os.path.realpath(base),
            ),
            [_("tpkit keeps feedback only inside the registry: make feedback/ a plain folder")],
        )
    lock = locks.Lock(Path(os.path.realpath(base)) / ".import.lock")
    try:
        try:
            lock.acquire()
        except files.Busy:
            print(
                _("Waiting for another feedback import into {base} to end…", base=base),
                file=sys.stderr,
            )
            lock.acquire(IMPORT_WAIT)
    except files.Busy:
        raise StoreError(
            n_(
                "another feedback import into {base} has not ended in {n} second; "
                "nothing was imported",
                "another feedback import into {base} has not ended in {n} seconds; "
                "nothing was imported",
                round(IMPORT_WAIT),
                base=base,
            ),
            [_("import again when it has ended")],
        ) from None
    except OSError as exc:
        raise StoreError(
            _(
                "{base} cannot be written: {reason}; nothing was imported",
                base=base,
                reason=exc.strerror or exc,
            )
        ) from None
    try:
        return _merge(by_file, registry.root, len(incoming))
    finally:
        lock.release()


def _merge(by_file: dict[Path, list[Response]], root: Path, total: int) -> tuple[int, int]:
    """Under the lock: every month read, merged and written together, or none."""
    added = 0
    plan: list[tuple[Path, str, files.Stamp]] = []
    for target, rows in sorted(by_file.items()):
        try:
            if not files.is_inside(target.parent, root):
                raise ValueError(_("{folder} is a link out of the registry", folder=target.parent))
            data = _store_bytes(target, root)
            stored = _parse_store(data)
        except (OSError, ValueError, KeyError, TypeError, csv.Error) as exc:
            raise FeedbackError(
                _(
                    "{path} (feedback imported before) cannot be read: {reason}; "
                    "nothing was imported",
                    path=target,
                    reason=exc,
                ),
                [_("restore that file from git, or fix the row by hand, then import again")],
            ) from None
        have, want = Counter(stored), Counter(rows)
        extra = [r for r, n in want.items() for _ in range(max(0, n - have[r]))]
        if not extra:
            continue
        added += len(extra)
        seen = files.ABSENT if data is None else files.Stamp.of(data)
        plan.append((target, _csv_text(sorted([*stored, *extra])), seen))
    staged: list[files.Staged] = []
    try:
        for target, text, _seen in plan:
            staged.append(files.stage(target, text))
    except OSError as exc:
        files.discard(staged)
        raise StoreError(
            _(
                "the feedback could not be written: {reason}; nothing was imported",
                reason=exc.strerror or exc,
            ),
            [
                _("no month of feedback/ was changed"),
                _("free the disk (or fix the permissions) and import the file again"),
            ],
        ) from None
    except BaseException:
        files.discard(staged)
        raise
    changed = [str(t) for t, _text, seen in plan if not files.unchanged(t, seen)]
    if changed:
        files.discard(staged)
        raise StoreError(
            _(
                "feedback was changed while importing (by hand, or by git); nothing was "
                "imported and these files were left as they are"
            ),
            [*changed, _("import the file again")],
        )
    for n, item in enumerate(staged):
        try:
            files.commit(item)
        except BaseException as exc:
            files.discard(staged[n:])
            done = [str(s.target) for s in staged[:n]]
            if not isinstance(exc, OSError):
                raise
            raise StoreError(
                _(
                    "{path} could not be replaced: {reason}",
                    path=item.target,
                    reason=exc.strerror or exc,
                ),
                [
                    _("already in place: {paths}", paths=", ".join(done))
                    if done
                    else _("no month was changed"),
                    _("import the file again: rows already imported are never counted twice"),
                ],
            ) from None
    return added, total - added


def _csv_text(rows: list[Response]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STORED)
    writer.writerows(r.row() for r in rows)
    return out.getvalue()


def load_feedback(root: Path) -> list[Response]:
    base = root / "feedback"
    if not base.is_dir() or not files.is_inside(base, root):
        return []  # a link out of the registry is not read
    out: list[Response] = []
    for path in sorted(base.rglob("*.csv")):
        try:
            out += read_store(path, root)
        except (OSError, ValueError, KeyError, TypeError, csv.Error):
            continue  # a hand-edited store file that no longer reads is left out, not fatal
    return out


def period_of(day: dt.date, by: str) -> str:
    """The period a day falls in, as a key that sorts: 2026-10, or 2026-W44 by week."""
    if by == "week":
        year, week, _day = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day:%Y-%m}"


def period_title(period: str) -> str:
    """A period (see `period_of`) as the language writes it: 'окт. 2026' / 'Oct 2026', and
    'нед. 44, 2026' / 'week 44, 2026'; a key of another form as it is."""
    from babel.dates import format_date

    week = re.fullmatch(r"(\d{4})-W(\d{2})", period)
    if week is not None:
        return _("week {week}, {year}", week=str(int(week[2])), year=week[1])
    month = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if month is None or not 1 <= int(month[2]) <= 12:
        return period
    first = dt.date(int(month[1]), int(month[2]), 1)
    return str(format_date(first, "LLL y", locale=i18n.current()))


def nps_counts(responses: list[Response]) -> dict[str, Any]:
    kinds = Counter(r.kind for r in responses)
    n = len(responses)
    return {
        "responses": n,
        "promoters": kinds["promoter"],
        "passives": kinds["passive"],
        "detractors": kinds["detractor"],
        "nps": round(100 * (kinds["promoter"] - kinds["detractor"]) / n, 1) if n else None,
    }


def nps(responses: list[Response], by: str = "month", venue: str | None = None) -> dict[str, Any]:
    """{"venues": {V: {"periods": [...], "responses": N, …, "nps": 20.0}}}."""
    venues: dict[str, Any] = {}
    for name in sorted({r.venue for r in responses if venue is None or r.venue == venue}):
        mine = [r for r in responses if r.venue == name]
        periods: dict[str, list[Response]] = defaultdict(list)
        for r in mine:
            periods[period_of(r.date, by)].append(r)
        venues[name] = {
            "periods": [{"period": p, **nps_counts(rows)} for p, rows in sorted(periods.items())],
            **nps_counts(mine),
        }
    return {"venues": venues}


def nps_for(responses: list[Response], venue: str, period: str, by: str = "month") -> float | None:
    rows = [r for r in responses if r.venue == venue and period_of(r.date, by) == period]
    return nps_counts(rows)["nps"] if rows else None
