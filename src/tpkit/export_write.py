"""Writing the export's tables into a folder: CSV (nothing to install), Parquet (pyarrow) or one
DuckDB database file (duckdb and pyarrow, the `analytics` extra).

The folder is checked before anything is written: it is not a link, it does not lead out
through a link from inside the registry, and it is not one of the folders tpkit reads as
data (touchpoints/, audits/, feedback/, standards/, templates/), where a table would be read
back as a touchpoint or as guests' answers. Every file is made in a private temporary folder
inside the target folder, then moved into place by a rename: a reader sees the old file or
the new one, never half of one, and nothing is ever written through a link."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from tpkit.errors import TpkitError
from tpkit.export import Row, Table
from tpkit.files import os_reason
from tpkit.i18n import _, n_

FORMATS = ("csv", "parquet", "duckdb")
DATA_FOLDERS = ("touchpoints", "audits", "feedback", "standards", "templates")
DATABASE = "tpkit.duckdb"  # the one file of --format duckdb
BATCH = 65_536  # rows held in memory at a time for Parquet and DuckDB
EXTRA = "pip install 'tpkit[analytics]'"

# The type of each column in Parquet (pyarrow) and in DuckDB.
ARROW = {"text": "string", "integer": "int64", "decimal": "float64", "boolean": "bool_"}
ARROW_DATE = "date32"
DUCKDB = {
    "text": "VARCHAR",
    "integer": "BIGINT",
    "decimal": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


class ExportError(TpkitError):
    """The export could not be written where it was asked for (exit 2)."""


@dataclass(frozen=True)
class Written:
    table: str
    path: Path
    rows: int


def file_names(fmt: str, tables: list[Table]) -> list[str]:
    """The files an export writes into its folder."""
    if fmt == "duckdb":
        return [DATABASE]
    return [f"{t.name}.{fmt}" for t in tables]


def need_modules(fmt: str) -> None:
    """Stop with what to install when the format needs a package that is not installed."""
    wanted = {"parquet": ("pyarrow",), "duckdb": ("duckdb", "pyarrow")}.get(fmt, ())
    import importlib.util  # here: only a format of the extra looks

    absent = [name for name in wanted if importlib.util.find_spec(name) is None]
    if absent:
        raise ExportError(
            n_(
                "--format {format} needs {modules}, which is not installed",
                "--format {format} needs {modules}, which are not installed",
                len(absent),
                format=fmt,
                modules=", ".join(absent),
            ),
            [
                _("install the analytics extra: {command}", command=EXTRA),
                _("or write CSV, which needs nothing more: tpkit export --format csv"),
            ],
        )


def check_folder(folder: Path, root: Path, names: list[str]) -> None:
    """Refuse a folder the export may not write into (see the module's docstring), and a file
    in it that is a link or not a regular file; nothing has been written yet."""
    absolute = Path(os.path.abspath(folder))
    hint = _("choose another folder with -o DIR")
    if os.path.islink(absolute):
        raise ExportError(
            _(
                "{folder} is a link (to {target}): tpkit never writes through a link",
                folder=folder,
                target=os.path.realpath(absolute),
            ),
            [_("delete the link, or name the folder it points to"), hint],
        )
    if os.path.lexists(absolute) and not os.path.isdir(absolute):
        raise ExportError(_("{folder} is not a folder", folder=folder), [hint])
    top = Path(os.path.abspath(root))
    if absolute.is_relative_to(top):
        part = top
        for name in absolute.relative_to(top).parts:
            part = part / name
            if os.path.islink(part):
                raise ExportError(
                    _(
                        "{folder} leads through the link {link} (to {target}): tpkit never "
                        "writes through a link",
                        folder=folder,
                        link=part,
                        target=os.path.realpath(part),
                    ),
                    [hint],
                )
    real = Path(os.path.realpath(absolute))
    for data in DATA_FOLDERS:
        kept = top / data
        if any(p.is_relative_to(q) for p in (absolute, real) for q in (kept, kept.resolve())):
            raise ExportError(
                _(
                    "{folder} is inside {data}/ of the registry, which tpkit reads as data: "
                    "the tables would be read back as if they were its files",
                    folder=folder,
                    data=data,
                ),
                [_("write the export elsewhere, for example -o out/export"), hint],
            )
    for name in names:
        _check_target(absolute / name, folder / name)


def _check_target(path: Path, shown: Path) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(
            _("{path} cannot be written: {reason}", path=shown, reason=os_reason(exc))
        ) from None
    if stat.S_ISLNK(st.st_mode):
        raise ExportError(
            _(
                "{path} is a link (to {target}): tpkit never writes through a link",
                path=shown,
                target=os.path.realpath(path),
            ),
            [_("delete the link, or choose another folder with -o DIR")],
        )
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(
            _("{path} is not a regular file: tpkit does not write over it", path=shown),
            [_("move it away, or choose another folder with -o DIR")],
        )


def write(fmt: str, tables: list[Table], folder: Path, root: Path) -> list[Written]:
    """Write every table into the folder in the format; each file whole, or not at all."""
    need_modules(fmt)
    names = file_names(fmt, tables)
    check_folder(folder, root, names)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".tpkit-export-", dir=folder))
    except OSError as exc:
        raise ExportError(
            _("{folder} cannot be written: {reason}", folder=folder, reason=os_reason(exc)),
            [_("choose another folder with -o DIR")],
        ) from None
    try:
        try:
            if fmt == "csv":
                counts = [_csv(t, work / f"{t.name}.csv") for t in tables]
            elif fmt == "parquet":
                counts = [_parquet(t, work / f"{t.name}.parquet") for t in tables]
            else:
                counts = _duckdb(tables, work / DATABASE)
        except OSError as exc:
            raise ExportError(
                _(
                    "the export could not be written into {folder}: {reason}; no file there "
                    "was changed",
                    folder=folder,
                    reason=os_reason(exc),
                ),
                [_("free the disk (or fix the permissions) and export again")],
            ) from None
        for name in names:  # checked again: a link may have been put there meanwhile
            _check_target(folder / name, folder / name)
        for name in names:
            os.replace(work / name, folder / name)
        _sync(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if fmt == "duckdb":
        return [Written(t.name, folder / DATABASE, n) for t, n in zip(tables, counts, strict=True)]
    return [
        Written(t.name, folder / name, n) for t, name, n in zip(tables, names, counts, strict=True)
    ]


def _sync(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---- CSV ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A value as CSV holds it: ISO dates, '.' decimals, true/false, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv(table: Table, path: Path) -> int:
    n = 0
    with open(path, "x", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(table.names)
        for row in table.rows():
            out.writerow([_cell(v) for v in row])
            n += 1
        fh.flush()
        os.fsync(fh.fileno())
    return n


# ---- Parquet and DuckDB (the analytics extra) ---------------------------------------------


def _module(name: str) -> Any:
    """A module of the analytics extra, imported only by the formats that need it (it takes
    a moment, and may not be installed: need_modules has said so before)."""
    import importlib

    return importlib.import_module(name)


def _batches(table: Table) -> Iterator[list[Row]]:
    rows = table.rows()
    while True:
        chunk = list(islice(rows, BATCH))
        if not chunk:
            return
        yield chunk


def arrow_schema(table: Table) -> Any:
    pa = _module("pyarrow")

    return pa.schema(
        [
            pa.field(name, getattr(pa, ARROW_DATE if kind == "date" else ARROW[kind])())
            for name, kind in table.columns
        ]
    )


def _arrow_batch(schema: Any, rows: list[Row]) -> Any:
    pa = _module("pyarrow")

    columns = list(zip(*rows, strict=True)) if rows else [() for _f in schema]
    arrays = [pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _parquet(table: Table, path: Path) -> int:
    pq = _module("pyarrow.parquet")

    schema = arrow_schema(table)
    n = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        for rows in _batches(table):
            writer.write_batch(_arrow_batch(schema, rows))
            n += len(rows)
        if not n:
            writer.write_batch(_arrow_batch(schema, []))
    return n


def _duckdb(tables: list[Table], path: Path) -> list[int]:
    duckdb, pa = _module("duckdb"), _module("pyarrow")

    counts = []
    con = duckdb.connect(os.fspath(path))
    try:
        for table in tables:
            columns = ", ".join(f'"{name}" {DUCKDB[kind]}' for name, kind in table.columns)
            con.execute(f'CREATE TABLE "{table.name}" ({columns})')
            schema = arrow_schema(table)
            n = 0
            for rows in _batches(table):
                batch = pa.Table.from_batches([_arrow_batch(schema, rows)])
                con.register("tpkit_batch", batch)
                con.execute(f'INSERT INTO "{table.name}" SELECT * FROM tpkit_batch')
                con.unregister("tpkit_batch")
                n += len(rows)
            counts.append(n)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts
