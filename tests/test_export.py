"""tpkit export: the tables read back by DuckDB hold the figures `audit score` and `feedback
nps` give; CSV as other tools read it; the folder is never written through a link nor inside
the folders tpkit reads as data; a missing extra is told with what to install."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb  # the analytics extra: make install sets it up
import pytest

from conftest import CONFIG, ROOT, TOUCHPOINT, Result
from tpkit.export import COLUMNS

Cli = Callable[..., Result]
TODAY = ("--today", "2026-12-02")
SQL_TYPES = {
    "text": "VARCHAR",
    "integer": "BIGINT",
    "decimal": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the reference registry: its touchpoints, audits and feedback."""
    root = tmp_path_factory.mktemp("reference") / "registry"
    root.mkdir()
    shutil.copy(ROOT / "tpkit.yaml", root / "tpkit.yaml")
    for folder in ("touchpoints", "audits", "feedback", "standards"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, root / folder)
    return root


def export(cli: Cli, root: Path, fmt: str, out: Path, *more: str) -> dict[str, Any]:
    result = cli("--registry", str(root), *TODAY, "export", "-f", fmt, "-o", str(out), "--json")
    assert result.code == 0, result.err
    report: dict[str, Any] = json.loads(result.out)
    return report


def read_back(fmt: str, out: Path) -> Any:
    """A DuckDB connection with every table of the export as a view of its file."""
    if fmt == "duckdb":
        return duckdb.connect(str(out / "tpkit.duckdb"), read_only=True)
    con = duckdb.connect()
    for table, columns in COLUMNS.items():
        path = str(out / f"{table}.{fmt}").replace("'", "''")
        if fmt == "parquet":
            con.execute(f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{path}')")
        else:
            types = ", ".join(f"'{name}': '{SQL_TYPES[kind]}'" for name, kind in columns)
            con.execute(
                f"CREATE VIEW \"{table}\" AS SELECT * FROM read_csv('{path}', header = true, "
                f"columns = {{{types}}}, auto_detect = false)"
            )
    return con


def audit_scores(cli: Cli, root: Path) -> dict[str, float | None]:
    files = sorted(str(p.relative_to(root)) for p in (root / "audits").rglob("*.yaml"))
    here = Path.cwd()
    os.chdir(root)
    try:
        result = cli(*TODAY, "audit", "score", "-f", "json", *files)
    finally:
        os.chdir(here)
    assert result.out, result.err
    return {a["path"]: a["score"] for a in json.loads(result.out)["audits"]}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "duckdb"])
def test_every_table_reads_back_with_the_scores_of_audit_score_and_the_nps(
    cli: Cli, reference: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "export"
    report = export(cli, reference, fmt, out)
    con = read_back(fmt, out)
    rows = {t["table"]: t["rows"] for t in report["tables"]}
    assert list(rows) == list(COLUMNS)
    for table, columns in COLUMNS.items():
        described = con.execute(f'DESCRIBE "{table}"').fetchall()
        assert [(d[0], d[1]) for d in described] == [
            (name, SQL_TYPES[kind]) for name, kind in columns
        ]
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == rows[table]
    assert rows["touchpoints"] == 121 and rows["results"] > 1000 and rows["feedback"] > 100
    languages = dict(con.execute("SELECT venue, language FROM venues").fetchall())
    assert languages["nevsky"] == "ru" and languages["harbour"] == "en"
    # every result's venue is a venue of the venues table
    assert con.execute(
        "SELECT count(*) FROM results r ANTI JOIN venues v USING (venue)"
    ).fetchone() == (0,)

    # every audit's score, as audit score gives it, and as its results add up to
    expected = audit_scores(cli, reference)
    exported = dict(con.execute("SELECT audit_id, score FROM audits").fetchall())
    assert exported == expected
    recomputed = con.execute(
        """
        SELECT audit_id,
               100 * sum(weight * credit) FILTER (WHERE outcome <> 'na')
                   / sum(weight) FILTER (WHERE outcome <> 'na')
        FROM results GROUP BY audit_id
        """
    ).fetchall()
    assert len(recomputed) == sum(1 for s in expected.values() if s is not None)
    for audit, score in recomputed:
        assert expected[audit] is not None
        assert abs(score - expected[audit]) <= 0.05 + 1e-9, audit

    # the counts of the audits table are its results, outcome by outcome
    counted = con.execute(
        """
        SELECT a.audit_id, a.passed, a.failed, a.wow, a.not_applicable,
               count(*) FILTER (WHERE r.outcome = 'pass'),
               count(*) FILTER (WHERE r.outcome = 'fail'),
               count(*) FILTER (WHERE r.outcome = 'wow'),
               count(*) FILTER (WHERE r.outcome = 'na')
        FROM audits a JOIN results r USING (audit_id) GROUP BY ALL
        """
    ).fetchall()
    assert counted and all(row[1:5] == row[5:] for row in counted)

    # NPS per venue, from the feedback table, as feedback nps gives it
    nps = json.loads(cli("--registry", str(reference), "feedback", "nps", "-f", "json").out)
    venues = con.execute(
        """
        SELECT venue, count(*),
               round(100 * (count(*) FILTER (WHERE category = 'promoter')
                            - count(*) FILTER (WHERE category = 'detractor')) / count(*), 1)
        FROM feedback GROUP BY venue
        """
    ).fetchall()
    assert {v: (n, score) for v, n, score in venues} == {
        v: (data["responses"], data["nps"]) for v, data in nps["venues"].items()
    }
    channels = dict(
        con.execute(
            "SELECT channel, count(*) FROM feedback WHERE venue = 'nevsky' GROUP BY channel"
        ).fetchall()
    )
    assert channels == {c["channel"]: c["responses"] for c in nps["venues"]["nevsky"]["channels"]}

    # results join the checks and touchpoints tables by their ids
    orphans = con.execute(
        "SELECT count(*) FROM checks c LEFT JOIN touchpoints t USING (touchpoint_id) "
        "WHERE t.touchpoint_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    con.close()


def test_csv_is_utf8_with_a_header_iso_dates_and_points(
    cli: Cli, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    report = export(cli, reference, "csv", out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in COLUMNS)
    for table, columns in COLUMNS.items():
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
            lines = list(csv.reader(fh))
        assert lines[0] == [name for name, _kind in columns]
        assert all(len(line) == len(columns) for line in lines)
    with open(out / "results.csv", encoding="utf-8", newline="") as fh:
        results = list(csv.DictReader(fh))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in results)
    assert {r["critical"] for r in results} == {"true", "false"}
    assert {r["outcome"] for r in results} <= {"pass", "fail", "wow", "na"}
    assert any("." in r["value"] for r in results) and not any("," in r["value"] for r in results)
    assert any(r["outcome"] == "na" and r["credit"] == "" for r in results)
    text = (out / "touchpoints.csv").read_text(encoding="utf-8")
    assert "Встреча" in text or "встреча" in text.lower()  # Cyrillic as it is
    assert report["folder"] == str(out) and report["left_out"] == []


def test_the_default_folder_and_the_summary_in_russian(cli: Cli, make_registry: Any) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    result = cli("--registry", str(root), "--lang", "ru", "export")
    assert result.code == 0, result.err
    assert "Записано 8 таблиц (CSV)" in result.out
    assert re.search(r"touchpoints\s+1 строка", result.out)
    assert re.search(r"audits\s+0 строк", result.out)
    made = root / "out" / "export"
    assert (
        (made / "checks.csv")
        .read_text(encoding="utf-8")
        .splitlines()[1]
        .startswith("t.case/c1,t.case,c1,1,Поздоровались с гостем,yesno,,,,,1,false,arrival,host,")
    )
    assert [p.name for p in made.iterdir() if p.name.startswith(".")] == []  # no temporary


def test_an_export_replaces_the_files_of_the_one_before(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    out = tmp_path / "data"
    out.mkdir()
    (out / "touchpoints.csv").write_text("old\n", encoding="utf-8")
    (out / "mine.txt").write_text("kept\n", encoding="utf-8")
    export(cli, root, "csv", out)
    assert (out / "touchpoints.csv").read_text(encoding="utf-8").startswith("touchpoint_id,")
    assert (out / "mine.txt").read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_a_folder_that_is_a_link_is_refused(cli: Cli, make_registry: Any, tmp_path: Path) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    result = cli("--registry", str(root), "export", "-o", str(tmp_path / "link"))
    assert result.code == 2
    assert "is a link" in result.err and "never writes through a link" in result.err
    assert list(elsewhere.iterdir()) == []


def test_a_table_file_that_is_a_link_is_refused_and_nothing_is_written(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    out = tmp_path / "data"
    out.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("do not touch\n", encoding="utf-8")
    (out / "results.csv").symlink_to(secret)
    result = cli("--registry", str(root), "export", "-o", str(out))
    assert result.code == 2
    assert f"{out / 'results.csv'} is a link" in result.err
    assert secret.read_text(encoding="utf-8") == "do not touch\n"
    assert sorted(p.name for p in out.iterdir()) == ["results.csv"]


def test_a_folder_in_the_registry_that_leads_out_through_a_link_is_refused(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "out").symlink_to(elsewhere)  # a committed link in a cloned registry
    result = cli("--registry", str(root), "export")
    assert result.code == 2
    assert "leads through the link" in result.err
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("inside", ["touchpoints", "touchpoints/arrival/x", "feedback", "audits"])
def test_the_folders_tpkit_reads_as_data_are_refused(
    cli: Cli, make_registry: Any, inside: str
) -> None:
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    result = cli("--registry", str(root), "export", "-o", str(root / inside))
    assert result.code == 2
    top = inside.split("/")[0]
    assert f"inside {top}/ of the registry" in result.err
    assert "-o out/export" in result.err
    assert not (root / "touchpoints" / "touchpoints.csv").exists()
    assert not (root / "touchpoints" / "arrival" / "x").exists()


def test_a_missing_extra_is_told_with_what_to_install(
    cli: Cli, make_registry: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def without(name: str, *args: Any) -> Any:
        return None if name in ("pyarrow", "duckdb") else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without)
    root = make_registry({"touchpoints/arrival/t.case.yaml": TOUCHPOINT})
    out = tmp_path / "data"
    english = cli("--registry", str(root), "export", "-f", "parquet", "-o", str(out))
    assert english.code == 2
    assert "--format parquet needs pyarrow, which is not installed" in english.err
    assert "pip install 'tpkit[analytics]'" in english.err
    assert "tpkit export --format csv" in english.err
    russian = cli("--registry", str(root), "--lang", "ru", "export", "-f", "duckdb", "-o", str(out))
    assert russian.code == 2
    assert "для --format duckdb нужны duckdb, pyarrow, а они не установлены" in russian.err
    assert "установите дополнение analytics: pip install 'tpkit[analytics]'" in russian.err
    assert not out.exists()
    assert cli("--registry", str(root), "export", "-o", str(out)).code == 0  # CSV still works


def test_an_audit_that_cannot_be_read_is_named_and_left_out(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry(
        {
            "touchpoints/arrival/t.case.yaml": TOUCHPOINT,
            "audits/nevsky/2026-11-20-mystery.yaml": "venue: nevsky\ndate: [broken\n",
        }
    )
    result = cli("--registry", str(root), "export", "-o", str(tmp_path / "d"))
    assert result.code == 0
    assert "audits/nevsky/2026-11-20-mystery.yaml:2:" in result.err
    assert "1 file could not be read and is left out" in result.err


def test_the_readme_documents_every_column_with_its_type() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Data out", 1)[1].split("\n## ", 1)[0]
    documented: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in re.findall(
        r"^\| `(\w+)` \| `(\w+)` \| (\w+) \|", section, re.MULTILINE
    ):
        documented.setdefault(table, []).append((column, kind))
    assert list(documented.items()) == [(t, list(c)) for t, c in COLUMNS.items()]


def test_an_empty_registry_gives_tables_with_their_columns(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry(config=CONFIG)
    out = tmp_path / "d"
    report = export(cli, root, "parquet", out)
    rows = {t["table"]: t["rows"] for t in report["tables"]}
    assert rows == {**dict.fromkeys(COLUMNS, 0), "venues": 2}
    con = read_back("parquet", out)
    assert [d[0] for d in con.execute('DESCRIBE "feedback"').fetchall()] == [
        name for name, _k in COLUMNS["feedback"]
    ]


# ---- corrective actions and staff sign-offs -------------------------------------------------


def signable(root: Path, n: int) -> list[tuple[str, str, str]]:
    """n touchpoints kept at nevsky: (id, a role that follows it, its version now)."""
    from tpkit.ack import version
    from tpkit.registry import load_registry

    registry = load_registry(root)
    found = [
        (tp.id, (tp.roles or [tp.owner])[0], version(tp))
        for tp in sorted(registry.touchpoints, key=lambda t: t.id)
        if not tp.venues or "nevsky" in tp.venues
    ]
    return found[:n]


@pytest.fixture
def with_actions(cli: Cli, reference: Path, tmp_path: Path) -> dict[str, Any]:
    """A copy of the reference with the corrective actions of nevsky's audits (one marked done
    with a photo) and a sign-off sheet imported: a current version, an old one, and one for a
    touchpoint deleted since."""
    root = tmp_path / "registry"
    shutil.copytree(reference, root)
    files = sorted(str(p.relative_to(root)) for p in (root / "audits" / "nevsky").glob("*.yaml"))
    here = Path.cwd()
    os.chdir(root)
    try:
        scored = cli(*TODAY, "audit", "score", *files, "--actions")
    finally:
        os.chdir(here)
    assert scored.code in (0, 1), scored.err
    made = sorted((root / "actions").rglob("*.yaml"))
    assert len(made) > 10
    listed = json.loads(cli("--registry", str(root), *TODAY, "actions", "-f", "json").out)
    done = next(a for a in listed if a["status"] == "open" and a["overdue"])
    photo = root / "photos" / "fix.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8\xff")
    marked = cli("--registry", str(root), *TODAY, "actions", "done", f"nevsky/{done['id']}",
                 "--note", "Заменили бокалы", "--photo", str(photo), "--by", "Ольга")  # fmt: skip
    assert marked.code == 0, marked.err

    (now_id, now_role, now_version), (old_id, old_role, _v), (gone_id, gone_role, gone_v) = (
        signable(root, 3)
    )
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "date,person,role,venue,touchpoint,version\n"
        f"2026-12-01,Анна Петрова,{now_role},nevsky,{now_id},{now_version}\n"
        f"2026-11-20,Иван Сидоров,{old_role},nevsky,{old_id},0badc0de\n"
        f"2026-11-21,Пётр Орлов,{gone_role},nevsky,{gone_id},{gone_v}\n",
        encoding="utf-8",
    )
    imported = cli("--registry", str(root), "ack", "import", str(sheet))
    assert imported.code == 0, imported.err
    gone = next(
        p for p in (root / "touchpoints").rglob("*.yaml") if f"id: {gone_id}\n" in p.read_text()
    )
    gone.unlink()
    after = json.loads(cli("--registry", str(root), *TODAY, "actions", "-f", "json").out)
    return {
        "root": root,
        "files": len(made),
        "actions": {a["path"]: a for a in after},
        "done": done["path"],
        "acks": {
            ("2026-12-01", "Анна Петрова", now_role, "nevsky", now_id, now_version, True),
            ("2026-11-20", "Иван Сидоров", old_role, "nevsky", old_id, "0badc0de", False),
            ("2026-11-21", "Пётр Орлов", gone_role, "nevsky", gone_id, gone_v, None),
        },
    }


def test_the_actions_and_the_sign_offs_read_back_as_tpkit_actions_and_the_sheet_give_them(
    cli: Cli, with_actions: dict[str, Any], tmp_path: Path
) -> None:
    root: Path = with_actions["root"]
    listed: dict[str, dict[str, Any]] = with_actions["actions"]
    for fmt in ("csv", "parquet", "duckdb"):
        out = tmp_path / f"export-{fmt}"
        report = export(cli, root, fmt, out)
        rows = {t["table"]: t["rows"] for t in report["tables"]}
        assert list(rows) == list(COLUMNS)
        assert list(rows)[-4:] == ["results", "actions", "acks", "feedback"]
        assert rows["actions"] == with_actions["files"] == len(listed)
        assert report["left_out"] == []
        con = read_back(fmt, out)
        for table in ("actions", "acks"):
            described = con.execute(f'DESCRIBE "{table}"').fetchall()
            assert [(d[0], d[1]) for d in described] == [
                (name, SQL_TYPES[kind]) for name, kind in COLUMNS[table]
            ]

        got = con.execute(
            "SELECT path, action_id, venue, check_id, status, strftime(due, '%Y-%m-%d'), "
            "overdue, days_overdue, first_audit_id, audit_ids, failures, evidence, note, "
            "closed_by, strftime(closed_on, '%Y-%m-%d'), root_cause_needed, measured, target "
            "FROM actions"
        ).fetchall()
        assert len(got) == len(listed)
        for path, aid, venue, check, status, due, late, days, first, ids, n, *rest in got:
            a = listed[path]
            assert (aid, venue, check, status, due, late) == (
                a["id"], a["venue"], a["check"], a["status"], a["due"], a["overdue"]
            )  # fmt: skip
            assert days == ((dt.date(2026, 12, 2) - dt.date.fromisoformat(due)).days if late
                            else None)  # fmt: skip
            assert (first, ids, n) == (a["audits"][0], " ".join(a["audits"]), len(a["audits"]))
            evidence, note, by, closed, cause, measured, target = rest
            assert (evidence or "", note or "", by or "") == (
                " ".join(a["evidence"]), a["note"], a["closed_by"]
            )  # fmt: skip
            assert (closed, cause) == (a["closed_on"], a["root_cause_needed"])
            assert (measured, target) == (a["measured"] or None, a["target"] or None)
        assert con.execute(
            f"SELECT status, overdue, days_overdue, note, evidence, closed_by, closed_on "
            f"FROM actions WHERE path = '{with_actions['done']}'"
        ).fetchone() == ("done", False, None, "Заменили бокалы", "photos/fix.jpg", "Ольга",
                         dt.date(2026, 12, 2))  # fmt: skip
        assert con.execute("SELECT count(*) FROM actions WHERE overdue").fetchone()[0] == sum(
            1 for a in listed.values() if a["overdue"]
        )
        # every action joins the audits it came from, and the check it is about
        assert con.execute(
            "SELECT count(*) FROM actions a ANTI JOIN audits u ON a.first_audit_id = u.audit_id"
        ).fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM actions a, unnest(string_split(a.audit_ids, ' ')) AS t(id) "
            "ANTI JOIN audits u ON t.id = u.audit_id"
        ).fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM actions a ANTI JOIN checks c USING (check_id)"
        ).fetchone() == (0,)

        acks = con.execute(
            "SELECT strftime(date, '%Y-%m-%d'), person, role, venue, touchpoint_id, version, "
            "current FROM acks"
        ).fetchall()
        assert len(acks) == rows["acks"] == 3
        assert set(acks) == with_actions["acks"]
        con.close()


def test_an_action_file_that_cannot_be_read_is_named_and_left_out(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    good = (
        "id: a1\nvenue: nevsky\ncheck: t.case/c1\ntouchpoint: t.case\ntext: Поздоровались\n"
        "owner: host\ndue: 2026-11-30\nstatus: open\naudits: [audits/nevsky/x.yaml]\n"
    )
    root = make_registry(
        {
            "touchpoints/arrival/t.case.yaml": TOUCHPOINT,
            "actions/nevsky/a1.yaml": good,
            "actions/nevsky/a2.yaml": good.replace("a1", "a2").replace("status: open", "status:"),
        }
    )
    out = tmp_path / "d"
    result = cli("--registry", str(root), *TODAY, "export", "-o", str(out))
    assert result.code == 0
    assert "actions/nevsky/a2.yaml:8:" in result.err and "TP002" in result.err
    assert "1 file could not be read and is left out" in result.err
    with open(out / "actions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["action_id"], r["overdue"], r["days_overdue"], r["failures"]) for r in rows] == [
        ("a1", "true", "2", "1")
    ]
    report = export(cli, root, "csv", out)
    assert report["left_out"] == ["actions/nevsky/a2.yaml"]


def test_a_sign_off_file_that_cannot_be_read_is_named_and_the_rest_is_written(
    cli: Cli, make_registry: Any, tmp_path: Path
) -> None:
    root = make_registry(
        {
            "touchpoints/arrival/t.case.yaml": TOUCHPOINT,
            "acks/nevsky/2026-11.csv": b"date,person,role,venue,touchpoint,version\n"
            b"2026-11-02,\xff\xfe,host,nevsky,t.case,0badc0de\n",
            "acks/nevsky/2026-12.csv": "date,person,role,venue,touchpoint,version\n"
            "2026-12-01,Анна,host,nevsky,t.case,0badc0de\n",
        }
    )
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("date,person,role,venue,touchpoint,version\n"
                       "2026-12-01,Чужой,host,nevsky,t.case,0badc0de\n")  # fmt: skip
    (root / "acks" / "nevsky" / "2026-10.csv").symlink_to(outside)
    out = tmp_path / "d"
    result = cli("--registry", str(root), *TODAY, "export", "-o", str(out))
    assert result.code == 0
    assert "acks/nevsky/2026-11.csv:1:1:" in result.err and "not UTF-8" in result.err
    assert "acks/nevsky/2026-10.csv:1:1:" in result.err and "outside the registry" in result.err
    assert (out / "acks.csv").read_text(encoding="utf-8").splitlines() == [
        "date,person,role,venue,touchpoint_id,version,current",
        "2026-12-01,Анна,host,nevsky,t.case,0badc0de,false",
    ]
    assert (out / "touchpoints.csv").read_text(encoding="utf-8").count("\n") == 2
    status = cli("--registry", str(root), "ack", "status", "-f", "json")
    assert "acks/nevsky/2026-11.csv:1:1:" in status.err  # named where it is used too
    assert "Чужой" not in status.out


def test_the_readback_of_make_run_agrees_with_tpkit_on_the_reference(tmp_path: Path) -> None:
    """make run exports the reference registry to DuckDB and reads it back: every audit's score
    recomputed in SQL from the results equals tpkit's, and the action counts are tpkit's."""
    import subprocess
    import sys

    from conftest import ROOT, run_process

    out = tmp_path / "export"
    made = run_process("--today", "2026-12-02", "export", "--format", "duckdb", "-o", str(out),
                       cwd=ROOT)  # fmt: skip
    assert made.returncode == 0, made.stderr
    script = str(ROOT / "scripts" / "export_readback.py")
    args = [str(out / "tpkit.duckdb"), "--registry", str(ROOT), "--today", "2026-12-02"]
    got = subprocess.run(
        [sys.executable, script, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert got.returncode == 0, got.stdout + got.stderr
    assert got.stdout.count("расхождений — 0") == 4  # three venues and the competitor
    assert "≠" not in got.stdout
