"""Reading and checking a guest feedback export (CSV): every row checked, every problem named by
file, line and column; a response of the store is a Response."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tpkit.errors import TpkitError
from tpkit.i18n import N_, _, n_, number
from tpkit.loader import decode
from tpkit.terminal import CONTROL_RE, clean

if TYPE_CHECKING:
    import _csv

    from tpkit.config import Registry

REQUIRED = ("date", "venue", "score")
OPTIONAL = ("comment", "touchpoint", "channel")
# Where a response came from: the ids written in the channel column, with their names.
CHANNELS = {
    "survey": N_("survey by phone or email"),
    "hotline": N_("guest hotline"),
    "exit-poll": N_("exit poll at the door"),
    "web": N_("web review or social media"),
    "kiosk": N_("feedback kiosk"),
}
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SCORE_RE = re.compile(r"^[0-9]{1,2}$")
MAX_BYTES = 64 * 1024 * 1024  # about half a million responses


@dataclass(frozen=True, order=True)
class Response:
    date: dt.date
    venue: str
    score: int
    touchpoint: str = ""
    comment: str = ""
    channel: str = ""  # an id of CHANNELS, or "" when the export did not say

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
    column: int = 0  # 0: the row as a whole

    def show(self, path: str) -> str:
        hint = f" — {self.suggestion}" if self.suggestion else ""
        where = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        return f"{path}:{where}: {self.message}{hint}"


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
    _check_header(path, header)
    venues = {v.id for v in registry.config.venues}
    touchpoints = {tp.id for tp in registry.touchpoints}
    for line, row, columns in data_rows(reader, text, delimiter, problems):
        got = _row(row, header, line, columns, venues, touchpoints, problems)
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


def data_rows(
    reader: _csv.Reader, text: str, delimiter: str, problems: list[RowProblem]
) -> Iterator[tuple[int, list[str], list[tuple[int, int]]]]:
    """The rows after the header that hold something, each with its first line and where each
    of its cells starts; a row the CSV reader cannot read is a problem, and reading stops there.
    `reader` is a csv.reader over `text` (its line_num counts the lines it has read)."""
    physical = re.split(r"\r\n|\r|\n", text)  # the lines the csv reader counts
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(
                RowProblem(
                    line,
                    _("the row cannot be read: {reason}", reason=exc),
                    _("check the quotes in this row"),
                )
            )
            return
        if not any(cell.strip() for cell in row):
            continue
        record = "\n".join(physical[line - 1 : reader.line_num])
        yield line, row, cell_columns(record, delimiter)


def _check_header(path: Path, header: list[str]) -> None:
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
            [
                _(
                    "the first line must be date,venue,score and may add comment, touchpoint "
                    "and channel"
                )
            ],
        )


def cell_columns(record: str, delimiter: str = ",") -> list[tuple[int, int]]:
    """Where each cell of a CSV record starts, as (lines after the record's first, column from
    1): a quoted comment may hold newlines, so a later cell can start on a later line."""
    starts = [(0, 1)]
    quoted = False
    line, column = 0, 1
    at_start = True
    for char in record:
        if char == "\n":
            line, column = line + 1, 1
            at_start = False
            continue
        if char == '"' and (quoted or at_start):
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append((line, column + 1))
            column += 1
            at_start = True
            continue
        at_start = False
        column += 1
    return starts


def _row(
    row: list[str],
    header: list[str],
    line: int,
    columns: list[tuple[int, int]],
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

    def problem(name: str, message: str, suggestion: str) -> None:
        index = header.index(name)
        down, column = columns[index] if index < len(columns) else (0, 0)
        problems.append(RowProblem(line + down, message, suggestion, column))

    ok = True
    for name, value in zip(header, row, strict=True):
        if CONTROL_RE.search(value):
            problem(
                name,
                _("'{cell}' holds an invisible control character", cell=_short(value)),
                _("delete it; it often comes from copying text out of another program"),
            )
            ok = False
            break
    try:
        if not _DATE_RE.match(cells["date"]):
            raise ValueError(cells["date"])
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        problem(
            "date",
            _("'{cell}' is not a date", cell=_short(cells["date"])),
            _("write it as YYYY-MM-DD, for example 2026-10-05"),
        )
        ok = False
    venue = cells["venue"]
    if venue not in venues:
        problem(
            "venue",
            _("'{cell}' is not a venue of this registry", cell=_short(venue)),
            _("venues: {ids}", ids=", ".join(sorted(venues))),
        )
        ok = False
    raw = cells["score"]
    score = int(raw) if _SCORE_RE.match(raw) else -1
    if not 0 <= score <= 10:
        problem(
            "score",
            _("the score '{cell}' is not a whole number from 0 to 10", cell=_short(raw)),
            _("write the guest's answer to 'How likely are you to recommend us?', 0–10"),
        )
        ok = False
    touchpoint = cells.get("touchpoint", "")
    if touchpoint and touchpoint not in touchpoints:
        problem(
            "touchpoint",
            _("'{cell}' is not a touchpoint id", cell=_short(touchpoint)),
            _("leave it empty, or use an id from 'tpkit list'"),
        )
        ok = False
    channel = cells.get("channel", "")
    if channel and channel not in CHANNELS:
        problem("channel", *channel_problem(channel))
        ok = False
    if not ok:
        return None
    comment = row[header.index("comment")] if "comment" in header else ""
    return Response(date, venue, score, touchpoint, comment.strip(), channel)


def channel_problem(channel: str) -> tuple[str, str]:
    """The message and the suggestion for a channel that is not one of CHANNELS."""
    ids = ", ".join(CHANNELS)
    message = _("'{cell}' is not a feedback channel", cell=_short(channel))
    plain = re.sub(r"[\s_]+", "-", channel.strip().lower())
    guess = plain if plain in CHANNELS else None
    if guess is None:
        close = difflib.get_close_matches(plain, list(CHANNELS), n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess is not None:
        return message, _(
            "write '{guess}' ({name}); channels: {ids}, or leave it empty",
            guess=guess,
            name=_(CHANNELS[guess]),
            ids=ids,
        )
    return message, _("write one of {ids}, or leave it empty", ids=ids)


def _short(cell: str) -> str:
    """A cell as shown in a message: visible characters, at most 40 of them."""
    text = clean(cell)
    return text if len(text) <= 40 else text[:39] + "…"
