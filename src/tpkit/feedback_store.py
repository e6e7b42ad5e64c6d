"""The feedback store: feedback/<venue>/<YYYY-MM>.csv, read, and written by an import.

Rows are kept sorted, one response a record, so they diff well in git. The same response
imported twice (or from two overlapping exports) is kept once: identical rows count as many
times as the file that holds the most of them. An import holds a lock on the store, so two
imports at once both count (the second waits), and it changes every month it touches or none:
all of them are written to temporary files first, and only then renamed into place. A month
changed by hand while importing is left as it is, and nothing is imported. A month written
before the channel column existed reads as it is (no channel)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tpkit import files, locks
from tpkit.errors import TpkitError
from tpkit.feedback_csv import (
    CHANNELS,
    MAX_BYTES,
    REQUIRED,
    FeedbackError,
    Response,
    channel_problem,
    read_csv,
)
from tpkit.i18n import _, n_, number
from tpkit.registry import Registry
from tpkit.terminal import clean

STORED = ("date", "venue", "score", "channel", "touchpoint", "comment")
MAX_STORE_BYTES = 4 * MAX_BYTES  # one month of one venue, imported file by file
IMPORT_WAIT = 300.0  # seconds an import waits for another one into the same registry


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
        channel = row.get("channel") or ""
        if channel and channel not in CHANNELS:
            raise ValueError(channel_problem(channel)[0])
        out.append(
            Response(
                dt.date.fromisoformat(row["date"]),
                row["venue"],
                int(row["score"]),
                row.get("touchpoint") or "",
                clean(row.get("comment") or ""),  # a hand edit never reaches a terminal
                channel,
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
    writer.writerows(_cells(r) for r in rows)
    return out.getvalue()


def _cells(response: Response) -> list[str]:
    """A response as a row of the store, in the order of STORED."""
    r = response
    return [r.date.isoformat(), r.venue, str(r.score), r.channel, r.touchpoint, r.comment]


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
