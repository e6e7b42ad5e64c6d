"""Staff sign-off on the current text of a touchpoint: its version, the sign-off CSV checked row
by row and stored under acks/<venue>/<YYYY-MM>.csv, and who must read a changed standard again."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from errno import EFBIG
from pathlib import Path
from typing import TYPE_CHECKING

from tpkit.feedback_csv import MAX_BYTES, FeedbackError, RowProblem, data_rows
from tpkit.files import NotRegular, os_reason, read_regular, write_atomic
from tpkit.findings import finding
from tpkit.i18n import _, n_
from tpkit.loader import decode
from tpkit.model import Problem, Touchpoint
from tpkit.terminal import CONTROL_RE, clean

if TYPE_CHECKING:
    from tpkit.config import Registry

COLUMNS = ("date", "person", "role", "venue", "touchpoint", "version")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_VERSION_RE = re.compile(r"^[0-9a-f]{8}$")


def version(tp: Touchpoint) -> str:
    """8 hex digits that change whenever the text staff follow changes: the standard, the
    steps, what to say and what to avoid (titles, checks and targets do not count)."""
    text = json.dumps(
        {
            "standard": tp.standard.strip(),
            "steps": [s.strip() for s in tp.steps],
            "say": [s.strip() for s in tp.say],
            "avoid": [[a.phrase.strip(), a.instead.strip()] for a in tp.avoid],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


@dataclass(frozen=True, order=True)
class Ack:
    date: dt.date
    person: str
    role: str
    venue: str
    touchpoint: str
    version: str


class AckError(FeedbackError):
    """A sign-off file with bad rows: nothing was imported (exit 1)."""


def _short(cell: str) -> str:
    text = clean(cell)
    return text if len(text) <= 40 else text[:39] + "…"


def read_csv(path: Path, registry: Registry) -> list[Ack]:
    """Every row of a sign-off sheet, checked; any bad row stops the import with every problem."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AckError(
            _(
                "{path} cannot be read: {reason}; nothing was imported",
                path=path,
                reason=exc.strerror or exc,
            )
        ) from None
    text, bad = decode(data)
    if bad is not None:
        raise AckError(
            _(
                "{path}:{line}: {message}; nothing was imported",
                path=path,
                line=bad.line,
                message=bad.message,
            ),
            [_("{suggestion} (in Excel: Save As → CSV UTF-8)", suggestion=bad.suggestion)],
        )
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise AckError(
            _("{path}:1: the file is empty; nothing was imported", path=path),
            [_("the first line names the columns: date,person,role,venue,touchpoint,version")],
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    if sorted(header) != sorted(COLUMNS):
        raise AckError(
            _(
                "{path}:1: the header is not right ({what}); nothing was imported",
                path=path,
                what=", ".join(header),
            ),
            [_("the first line must be date,person,role,venue,touchpoint,version")],
        )
    problems: list[RowProblem] = []
    acks: list[Ack] = []
    for line, row, columns in data_rows(reader, text, delimiter, problems):
        got = _row(row, header, line, columns, registry, problems)
        if got is not None:
            acks.append(got)
    if problems:
        shown = [p.show(str(path)) for p in problems[:50]]
        if len(problems) > 50:
            more = len(problems) - 50
            shown.append(n_("… and {n} more", "… and {n} more", more))
        raise AckError(
            n_(
                "{path}: {n} bad row; nothing was imported — fix it and import the file again",
                "{path}: {n} bad rows; nothing was imported — fix them and import the file again",
                len({p.line for p in problems}),
                path=path,
            ),
            shown,
        )
    return acks


def _row(
    row: list[str],
    header: list[str],
    line: int,
    columns: list[tuple[int, int]],
    registry: Registry,
    problems: list[RowProblem],
) -> Ack | None:
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
                _("put a name with commas in double quotes"),
            )
        )
        return None
    cells = {name: value.strip() for name, value in zip(header, row, strict=True)}
    cells["version"] = cells["version"].lower()  # copied from a printout, perhaps in capitals
    before = len(problems)

    def problem(name: str, message: str, suggestion: str) -> None:
        index = header.index(name)
        down, column = columns[index] if index < len(columns) else (0, 0)
        problems.append(RowProblem(line + down, message, suggestion, column))

    for name in header:
        if CONTROL_RE.search(cells[name]):
            problem(
                name,
                _("'{cell}' holds an invisible control character", cell=_short(cells[name])),
                _("delete it; it often comes from copying text out of another program"),
            )
            return None
    date = None
    try:
        if _DATE_RE.match(cells["date"]):
            date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        pass
    if date is None:
        problem(
            "date",
            _("'{cell}' is not a date", cell=_short(cells["date"])),
            _("write it as YYYY-MM-DD, for example 2026-10-05"),
        )
    if not cells["person"]:
        problem(
            "person",
            _("the person is empty"),
            _("write the name of the one who read and signed, for example Anna Petrova"),
        )
    roles = {r.id for r in registry.config.roles}
    if cells["role"] not in roles:
        problem(
            "role",
            _("'{cell}' is not a role of this registry", cell=_short(cells["role"])),
            _("roles: {ids}", ids=", ".join(sorted(roles))),
        )
    venues = {v.id for v in registry.config.venues if not v.competitor}
    if cells["venue"] not in venues:
        problem(
            "venue",
            _("'{cell}' is not a venue of this registry", cell=_short(cells["venue"])),
            _("venues: {ids}", ids=", ".join(sorted(venues))),
        )
    tps = {tp.id: tp for tp in registry.touchpoints}
    tp = tps.get(cells["touchpoint"])
    if tp is None:
        problem(
            "touchpoint",
            _("'{cell}' is not a touchpoint id", cell=_short(cells["touchpoint"])),
            _("use an id from 'tpkit list'"),
        )
    elif tp.venues and cells["venue"] in venues and cells["venue"] not in tp.venues:
        problem(
            "venue",
            _("touchpoint {id} is not kept at {cell}", id=tp.id, cell=_short(cells["venue"])),
            _("its venues: {ids}", ids=", ".join(tp.venues)),
        )
    if not _VERSION_RE.match(cells["version"]):
        problem(
            "version",
            _("'{cell}' is not a version", cell=_short(cells["version"])),
            _(
                "copy the 8 characters printed beside the touchpoint on the handout{now}",
                now=_(" (now {version})", version=version(tp)) if tp is not None else "",
            ),
        )
    if len(problems) > before or date is None:
        return None
    return Ack(
        date,
        cells["person"],
        cells["role"],
        cells["venue"],
        cells["touchpoint"],
        cells["version"],
    )


def folder(root: Path) -> Path:
    return root / "acks"


def load(root: Path) -> list[Ack]:
    """Every sign-off stored in the registry (files tpkit wrote, under acks/); a file or a row
    that cannot be read is left out (load_checked names it)."""
    return load_checked(root)[0]


def load_checked(root: Path) -> tuple[list[Ack], list[Problem]]:
    """The stored sign-offs, and what could not be read: a file that is a link, not a regular
    file, not UTF-8 or not a sign-off sheet, and each bad row (file, line, what is wrong). The
    files are untrusted input like the rest of a cloned registry: only regular files inside it
    are read, each at most MAX_BYTES."""
    found: list[Ack] = []
    problems: list[Problem] = []
    base = folder(root)
    if not base.is_dir() or base.is_symlink():
        return found, problems
    for venue in sorted(base.iterdir()):
        if venue.is_symlink() or not venue.is_dir():
            continue
        for path in sorted(venue.glob("*.csv")):
            shown = f"acks/{venue.name}/{path.name}"
            try:
                data = read_regular(path, MAX_BYTES + 1, str(root))
                if len(data) > MAX_BYTES:
                    raise OSError(EFBIG, "larger than a sign-off file can be")
                text = data.decode("utf-8")
            except NotRegular as exc:
                problems.append(finding("TP006", shown, 1, 1, exc.message, exc.suggestion))
                continue
            except OSError as exc:
                problems.append(finding("TP006", shown, 1, 1, os_reason(exc)))
                continue
            except UnicodeDecodeError:
                problems.append(
                    finding(
                        "TP006",
                        shown,
                        1,
                        1,
                        _("the file is not UTF-8 text: its sign-offs are left out"),
                        _("import the sheet again with tpkit ack import, which writes UTF-8"),
                    )
                )
                continue
            _parse_stored(text, shown, found, problems)
    return found, problems


def _parse_stored(text: str, shown: str, found: list[Ack], problems: list[Problem]) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            try:
                found.append(
                    Ack(
                        dt.date.fromisoformat(row["date"]),
                        row["person"],
                        row["role"],
                        row["venue"],
                        row["touchpoint"],
                        row["version"],
                    )
                )
            except (KeyError, ValueError, TypeError):
                problems.append(
                    finding(
                        "TP002",
                        shown,
                        reader.line_num,
                        1,
                        _("this row is not a sign-off (date,person,role,venue,touchpoint,version)"),
                        _("fix the row or delete it; tpkit ack import writes whole rows"),
                    )
                )
    except csv.Error as exc:
        problems.append(finding("TP002", shown, reader.line_num or 1, 1, str(exc)))


def store(root: Path, acks: list[Ack]) -> tuple[int, int]:
    """Add sign-offs to acks/<venue>/<YYYY-MM>.csv, each file written whole or not at all;
    returns (new, already stored)."""
    known = set(load(root))
    new = sorted(set(acks) - known)
    by_file: dict[Path, list[Ack]] = {}
    for ack in sorted(known | set(new)):
        path = folder(root) / ack.venue / f"{ack.date:%Y-%m}.csv"
        by_file.setdefault(path, []).append(ack)
    touched = {folder(root) / a.venue / f"{a.date:%Y-%m}.csv" for a in new}
    for path in sorted(touched):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for a in by_file[path]:
            writer.writerow(
                [a.date.isoformat(), a.person, a.role, a.venue, a.touchpoint, a.version]
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, out.getvalue())
    return len(new), len(set(acks)) - len(new)


@dataclass
class Standing:
    """Who in one role at one venue signed one touchpoint: the current version, an older one
    only, or nothing yet (staff of the role who signed other standards of the venue)."""

    touchpoint: str
    title: str
    version: str
    venue: str
    role: str
    signed: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def settled(self) -> bool:
        """Everyone of the role signed the current text, and someone did."""
        return bool(self.signed) and not self.reread and not self.missing

    def as_json(self) -> dict[str, object]:
        return {
            "touchpoint": self.touchpoint,
            "version": self.version,
            "venue": self.venue,
            "role": self.role,
            "signed": self.signed,
            "must_reread": self.reread,
            "not_signed": self.missing,
        }


def applies(tp: Touchpoint, venue: str) -> bool:
    return not tp.venues or venue in tp.venues


def status(
    registry: Registry, acks: list[Ack], venue: str | None = None, role: str | None = None
) -> list[Standing]:
    """Per venue, touchpoint and role (its roles, else its owner): who signed the current text,
    who signed only an older one, and who of the role's staff there (anyone who signed a
    standard in that role at the venue) has not signed it at all. Competitors have no staff
    of ours and are left out."""
    venues = [v.id for v in registry.config.venues if not v.competitor]
    if venue is not None:
        venues = [venue]
    staff: dict[tuple[str, str], set[str]] = {}
    signed_by: dict[tuple[str, str, str], dict[str, bool]] = {}
    current = {tp.id: version(tp) for tp in registry.touchpoints}
    for a in acks:
        staff.setdefault((a.venue, a.role), set()).add(a.person)
        mine = signed_by.setdefault((a.venue, a.touchpoint, a.role), {})
        mine[a.person] = mine.get(a.person, False) or a.version == current.get(a.touchpoint)
    rows: list[Standing] = []
    for place in venues:
        for tp in sorted(registry.touchpoints, key=lambda t: t.id):
            if not applies(tp, place):
                continue
            for r in tp.roles or [tp.owner]:
                if role and r != role:
                    continue
                got = signed_by.get((place, tp.id, r), {})
                rows.append(
                    Standing(
                        tp.id,
                        tp.title,
                        current[tp.id],
                        place,
                        r,
                        sorted(p for p, ok in got.items() if ok),
                        sorted(p for p, ok in got.items() if not ok),
                        sorted(staff.get((place, r), set()) - set(got)),
                    )
                )
    return rows
