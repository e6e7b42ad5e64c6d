"""Guest feedback: import checked row by row, never counted twice; NPS; side by side with
the audits."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from audit_helpers import FILES
from conftest import Result
from tpkit.feedback import Response, load_feedback, nps

Cli = Callable[..., Result]
HEADER = "date,venue,score,comment,touchpoint\n"


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES)


def write(tmp_path: Path, text: str | bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def responses(*scores: int, venue: str = "nevsky", day: str = "2026-10-01") -> list[Response]:
    return [Response(dt.date.fromisoformat(day), venue, s) for s in scores]


def test_nps_by_hand() -> None:
    # 10 answers: promoters 9, 10, 10, 9 (4); passives 7, 8 (2); detractors 0, 6, 3, 5 (4)
    data = nps(responses(9, 10, 10, 9, 7, 8, 0, 6, 3, 5))["venues"]["nevsky"]
    assert (data["responses"], data["promoters"], data["passives"], data["detractors"]) == (
        10,
        4,
        2,
        4,
    )
    assert data["nps"] == 0.0
    assert nps(responses(10, 9, 8))["venues"]["nevsky"]["nps"] == 66.7  # 100 × 2/3
    assert nps(responses(0, 6, 7))["venues"]["nevsky"]["nps"] == -66.7
    assert nps(responses(8, 7))["venues"]["nevsky"]["nps"] == 0.0


def test_nps_by_channel() -> None:
    day = dt.date(2026, 10, 1)
    rows = [
        Response(day, "nevsky", 10, channel="web"),
        Response(day, "nevsky", 3, channel="web"),
        Response(day, "nevsky", 9, channel="exit-poll"),
        Response(day, "nevsky", 8),
    ]
    data = nps(rows)["venues"]["nevsky"]
    assert [(c["channel"], c["responses"], c["nps"]) for c in data["channels"]] == [
        ("exit-poll", 1, 100.0),
        ("web", 2, 0.0),
        (None, 1, 0.0),
    ]
    assert data["nps"] == 25.0  # the venue's figures are those of every channel together
    web = nps(rows, channel="web")["venues"]["nevsky"]
    assert (web["responses"], web["nps"]) == (2, 0.0)


def test_nps_by_period() -> None:
    rows = [
        *responses(10, 10, day="2026-09-30"),
        *responses(0, 10, day="2026-10-01"),
        *responses(9, day="2026-10-05"),
    ]
    months = nps(rows, "month")["venues"]["nevsky"]["periods"]
    assert [(p["period"], p["responses"], p["nps"]) for p in months] == [
        ("2026-09", 2, 100.0),
        ("2026-10", 3, 33.3),
    ]
    weeks = nps(rows, "week")["venues"]["nevsky"]["periods"]
    assert [p["period"] for p in weeks] == ["2026-W40", "2026-W41"]


def test_a_period_reads_as_a_month_or_a_week_of_the_language() -> None:
    from tpkit import i18n
    from tpkit.feedback import period_title

    with i18n.language("ru"):
        assert [period_title(p) for p in ("2026-10", "2026-05", "2026-W44", "2027-W01")] == [
            "окт. 2026",
            "май 2026",
            "нед. 44, 2026",
            "нед. 1, 2027",
        ]
    with i18n.language("en"):
        assert period_title("2026-10") == "Oct 2026" and period_title("2026-W44") == "week 44, 2026"
    assert period_title("2026") == "2026"  # a key of another form, as it is


def test_import_keeps_commas_quotes_and_newlines_and_never_counts_twice(
    registry: Path, cli: Cli, tmp_path: Path
) -> None:
    export = write(
        tmp_path,
        HEADER
        + '2026-10-01,nevsky,9,"Вкусно, быстро, «по-домашнему»",r.bill\n'
        + '2026-10-02,nevsky,3,"Ждали счёт\n15 минут, официант сказал ""сейчас""",\n'
        + "2026-10-02,nevsky,8,,\n2026-10-02,nevsky,8,,\n",
    )
    base = ("--registry", str(registry))
    first = cli(*base, "feedback", "import", str(export))
    assert first.code == 0 and "Imported 4 new responses" in first.out
    again = cli(*base, "feedback", "import", str(export))
    assert again.code == 0 and "Imported 0 new responses" in again.out
    assert "4 were imported before" in again.out
    overlapping = write(
        tmp_path,
        HEADER + "2026-10-02,nevsky,8,,\n2026-10-02,nevsky,8,,\n"
        "2026-10-02,nevsky,8,,\n2026-10-03,nevsky,10,,\n",
        "later.csv",
    )
    assert "Imported 2 new responses" in cli(*base, "feedback", "import", str(overlapping)).out
    stored = load_feedback(registry)
    assert len(stored) == 6  # the third identical 8 and the 10 are new
    comments = [r.comment for r in stored if r.comment]
    assert "Вкусно, быстро, «по-домашнему»" in comments
    assert 'Ждали счёт\n15 минут, официант сказал "сейчас"' in comments
    assert (registry / "feedback" / "nevsky" / "2026-10.csv").is_file()


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        (
            "day,venue,score\n2026-10-01,nevsky,9\n",
            ["export.csv:1:", "missing date", "unknown day"],
        ),
        (
            HEADER + "2026-13-01,nevsky,9,,\n01.10.2026,nevsky,9,,\n",
            [
                "export.csv:2:1: '2026-13-01' is not a date",
                "export.csv:3:1: '01.10.2026' is not a date",
            ],
        ),
        (
            HEADER + "2026-10-01,nevsky,11,,\n2026-10-01,nevsky,-1,,\n2026-10-01,nevsky,7.5,,\n",
            [
                "export.csv:2:19: the score '11'",
                "export.csv:3:19: the score '-1'",
                "export.csv:4:19: the score '7.5'",
            ],
        ),
        (
            HEADER + "2026-10-01,moscow,9,,\n",
            ["export.csv:2:12: 'moscow' is not a venue", "venues: harbour, nevsky"],
        ),
        (
            HEADER + "2026-10-01,nevsky,9,,r.nope\n",
            ["export.csv:2:22: 'r.nope' is not a touchpoint"],
        ),
        (HEADER + "2026-10-01,nevsky,9\n", ["export.csv:2: 3 values for 5 columns"]),
        ("", ["export.csv:1: the file is empty"]),
    ],
)
def test_bad_rows_are_named_by_line_and_nothing_is_imported(
    registry: Path, cli: Cli, tmp_path: Path, text: str, needles: list[str]
) -> None:
    # a good row first: it is not imported either while another row is bad
    with_good = text.startswith(HEADER)
    export = write(tmp_path, text.replace(HEADER, HEADER + "2026-10-01,nevsky,10,,\n", 1))
    result = cli("--registry", str(registry), "feedback", "import", str(export))
    assert result.code == 1 and "Traceback" not in result.err
    assert "nothing was imported" in result.err
    for needle in _shift(needles) if with_good else needles:
        assert needle in result.err
    assert not (registry / "feedback").exists()


def _shift(needles: list[str]) -> list[str]:
    """One good row was put first: every line number moves down by one."""
    import re

    return [re.sub(r"\.csv:(\d+):", lambda m: f".csv:{int(m.group(1)) + 1}:", n) for n in needles]


CHANNEL_HEADER = "date,venue,score,channel,comment,touchpoint\n"


def test_the_channel_column_is_optional_and_kept(registry: Path, cli: Cli, tmp_path: Path) -> None:
    export = write(
        tmp_path,
        CHANNEL_HEADER + "2026-10-01,nevsky,9,exit-poll,Спасибо,\n2026-10-02,nevsky,4,,,\n"
        "2026-10-03,nevsky,10,web,,\n",
    )
    assert cli("--registry", str(registry), "feedback", "import", str(export)).code == 0
    stored = sorted(load_feedback(registry))
    assert [r.channel for r in stored] == ["exit-poll", "", "web"]
    text = (registry / "feedback" / "nevsky" / "2026-10.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "date,venue,score,channel,touchpoint,comment"
    old = write(tmp_path, HEADER + "2026-10-04,nevsky,8,,\n", "old.csv")  # no channel column
    assert cli("--registry", str(registry), "feedback", "import", str(old)).code == 0
    assert len(load_feedback(registry)) == 4


def test_a_store_written_before_the_channel_column_still_reads(registry: Path) -> None:
    folder = registry / "feedback" / "nevsky"
    folder.mkdir(parents=True)
    (folder / "2026-09.csv").write_text(
        "date,venue,score,touchpoint,comment\n2026-09-05,nevsky,9,,Спасибо\n", encoding="utf-8"
    )
    assert load_feedback(registry) == [
        Response(dt.date(2026, 9, 5), "nevsky", 9, "", "Спасибо", "")
    ]


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("Exit poll", "write 'exit-poll' (exit poll at the door)"),
        ("hotlne", "write 'hotline' (guest hotline)"),
        ("email", "write one of survey, hotline, exit-poll, web, kiosk, or leave it empty"),
    ],
)
def test_an_unknown_channel_is_named_by_line_and_column_with_what_to_write(
    registry: Path, cli: Cli, tmp_path: Path, cell: str, hint: str
) -> None:
    export = write(
        tmp_path,
        CHANNEL_HEADER + '2026-10-01,nevsky,10,survey,"Вкусно,\nспасибо",\n'
        f'2026-10-02,nevsky,9,{cell},"ок",\n',
    )
    result = cli("--registry", str(registry), "feedback", "import", str(export))
    assert result.code == 1 and "nothing was imported" in result.err
    assert f"export.csv:4:21: '{cell}' is not a feedback channel — {hint}" in result.err
    assert not (registry / "feedback").exists()


def test_an_unknown_channel_is_told_in_russian(registry: Path, cli: Cli, tmp_path: Path) -> None:
    export = write(tmp_path, CHANNEL_HEADER + "2026-10-02,nevsky,9,kiosque,,\n")
    args = ("--registry", str(registry), "--lang", "ru", "feedback", "import", str(export))
    result = cli(*args)
    assert result.code == 1
    assert "export.csv:2:21: 'kiosque' — не канал отзывов" in result.err
    assert "напишите 'kiosk' (терминал отзывов)" in result.err


def test_a_cell_is_found_after_a_comment_that_spans_lines() -> None:
    from tpkit.feedback_csv import cell_columns

    record = '2026-10-01,nevsky,"a, ""b""\nc",x'
    assert cell_columns(record) == [(0, 1), (0, 12), (0, 19), (1, 4)]


def test_other_encodings_are_refused_with_the_line(
    registry: Path, cli: Cli, tmp_path: Path
) -> None:
    export = write(tmp_path, (HEADER + "2026-10-01,nevsky,9,Очень вкусно,\n").encode("cp1251"))
    result = cli("--registry", str(registry), "feedback", "import", str(export))
    assert result.code == 1
    assert "export.csv:2: the file is not UTF-8 text (it looks like Windows-1251" in result.err
    bom = write(tmp_path, "\ufeff" + HEADER + "2026-10-01,nevsky,9,Очень вкусно,\n", "b.csv")
    assert cli("--registry", str(registry), "feedback", "import", str(bom)).code == 0


def test_semicolons_from_a_russian_excel(registry: Path, cli: Cli, tmp_path: Path) -> None:
    export = write(tmp_path, "date;venue;score;comment\n2026-10-01;nevsky;9;Вкусно, спасибо\n")
    assert cli("--registry", str(registry), "feedback", "import", str(export)).code == 0
    assert load_feedback(registry)[0].comment == "Вкусно, спасибо"


def test_nps_command_json(registry: Path, cli: Cli, tmp_path: Path) -> None:
    export = write(
        tmp_path,
        HEADER + "2026-10-01,nevsky,10,,\n2026-10-02,nevsky,2,,\n"
        "2026-10-03,nevsky,9,,\n2026-10-03,harbour,7,,\n",
    )
    cli("--registry", str(registry), "feedback", "import", str(export))
    data = json.loads(cli("--registry", str(registry), "feedback", "nps", "--format", "json").out)
    assert data["venues"]["nevsky"]["nps"] == 33.3
    assert data["venues"]["nevsky"]["periods"][0] == {
        "period": "2026-10",
        "responses": 3,
        "promoters": 2,
        "passives": 0,
        "detractors": 1,
        "nps": 33.3,
    }
    assert data["venues"]["nevsky"]["channels"] == [
        {
            "channel": None,
            "responses": 3,
            "promoters": 2,
            "passives": 0,
            "detractors": 1,
            "nps": 33.3,
        }
    ]
    one = json.loads(
        cli(
            "--registry", str(registry), "feedback", "nps", "--venue", "harbour", "--format", "json"
        ).out
    )
    assert list(one["venues"]) == ["harbour"] and one["venues"]["harbour"]["nps"] == 0.0


def test_nps_stands_beside_the_audit_score(registry: Path, cli: Cli, tmp_path: Path) -> None:
    from audit_helpers import IDS, fill

    form = cli(
        "--registry", str(registry), "--today", "2026-10-20", "audit", "form", "--venue", "nevsky"
    )
    audit = registry / "audits" / "nevsky" / "2026-10-20-mystery.yaml"
    audit.parent.mkdir(parents=True)
    audit.write_text(fill(form.out, {cid: "result: pass" for cid in IDS}), encoding="utf-8")
    export = write(
        tmp_path,
        HEADER + "2026-10-01,nevsky,10,,\n2026-10-02,nevsky,3,"
        "Счёт ждали долго,r.bill\n2026-09-03,nevsky,0,,\n",
    )
    cli("--registry", str(registry), "feedback", "import", str(export))
    trend = json.loads(cli("--registry", str(registry), "audit", "trend", "--format", "json").out)
    assert trend["venues"]["nevsky"][0]["nps"] == 0.0  # October only: one 10, one 3
    text = cli("--registry", str(registry), "audit", "trend").out
    assert "NPS" in text and "+0.0" in text
    html = Path(cli("--registry", str(registry), "render", "report", str(audit)).out.strip())
    assert "Guest NPS" in html.read_text(encoding="utf-8")  # English, as the tests ask
    args = ("--registry", str(registry), "--lang", "ru", "render", "report", str(audit))
    html = Path(cli(*args).out.strip())
    assert "NPS гостей" in html.read_text(encoding="utf-8")
    shown = cli("--registry", str(registry), "show", "r.bill").out
    assert "What guests said" in shown and "Счёт ждали долго" in shown and "3/10" in shown
