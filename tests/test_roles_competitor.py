"""Scores per role beside scores per zone (score, trend, report), and a competitor's venue
audited with the checklist of the venue it is compared with and shown beside it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from rich.console import Console

from audit_helpers import FILES, fill
from conftest import CONFIG, Result
from tpkit.audit.competitors import checklist_venue, compare_table, rivals_of
from tpkit.audit.files import load_audit
from tpkit.audit.scoring import score_audit
from tpkit.audit.trend_views import trend_rows, trend_table
from tpkit.audit.views import Names, score_panel, scores_json_parts, scores_markdown
from tpkit.config import load_config

Cli = Callable[..., Result]

RIVAL = (
    "  - {id: rival, title: Конкурент «Мойка», language: ru, competitor: true,"
    " compare_with: nevsky}\n"
)
WITH_RIVAL = CONFIG.replace("review_every:", RIVAL + "review_every:")

# the own venue passes nearly everything; the competitor fails the greeting and the coat
OWN = {
    "r.greeting/greet-30s": "value: 20",
    "r.greeting/coat": "result: pass",
    "r.bill/bill-3min": "value: 2",
    "r.bill/matches": "result: pass",
}
THEIRS = {
    "r.greeting/greet-30s": "value: 70",
    "r.greeting/coat": "result: fail, note: Пальто не предложили",
    "r.bill/bill-3min": "value: 2",
    "r.bill/matches": "result: pass",
}


def visit(cli: Cli, registry: Path, venue: str, day: str, answers: dict[str, str]) -> Path:
    """An audit filled in from the blank form of nevsky's checklist, saved under the venue."""
    form = cli("--registry", str(registry), "--today", day, "audit", "form", "--venue", "nevsky")
    assert form.code == 0, form.err
    text = fill(form.out, answers).replace("venue: nevsky", f"venue: {venue}")
    path = registry / "audits" / venue / f"{day}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES, config=WITH_RIVAL)


def test_a_competitor_is_read_from_tpkit_yaml(registry: Path) -> None:
    config = load_config(registry)
    rival = config.venue("rival")
    assert rival is not None and rival.competitor and rival.compare_with == "nevsky"
    nevsky = config.venue("nevsky")
    assert nevsky is not None and not nevsky.competitor and nevsky.compare_with == ""
    assert rivals_of(config) == {"rival": "nevsky"}
    # the competitor is audited with nevsky's checks; an own venue with its own
    assert checklist_venue(config, "rival") == "nevsky"
    assert checklist_venue(config, "harbour") == "harbour"


def test_a_competitor_flag_that_is_not_yes_or_no_is_named_where_it_is(
    make_registry: Callable[..., Path], cli: Cli
) -> None:
    bad = WITH_RIVAL.replace("competitor: true", "competitor: maybe")
    root = make_registry(FILES, config=bad)
    got = cli("--registry", str(root), "--today", "2026-11-25", "validate")
    assert got.code != 0
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "maybe" in text)
    assert f"tpkit.yaml:{line}:" in got.out + got.err


def test_score_shows_each_role_beside_the_zones(registry: Path, cli: Cli) -> None:
    path = visit(cli, registry, "nevsky", "2026-11-20", THEIRS)
    text = cli("--registry", str(registry), "--lang", "en", "audit", "score", str(path))
    # host: greeting (weight 2) failed and coat failed -> 0; waiter: the bill passed -> 100;
    # roles are named as the owners of actions are, by their titles
    assert "Role" in text.out
    host = next(line for line in text.out.splitlines() if "Хостес " in line)
    assert "0.0" in host and "lowest" in host
    waiter = next(line for line in text.out.splitlines() if "Официант " in line)
    assert "100.0" in waiter
    md = cli("--registry", str(registry), "--lang", "ru", "audit", "score", str(path), "-f", "md")
    assert "| Роль | Оценка |" in md.out
    assert "| Хостес | 0,0 |" in md.out and "| Официант | 100,0 |" in md.out
    js = json.loads(cli("--registry", str(registry), "audit", "score", str(path), "-f", "json").out)
    assert js["audits"][0]["roles"] == {"host": 0.0, "waiter": 100.0}


def test_trend_has_a_row_a_role(registry: Path, cli: Cli) -> None:
    visit(cli, registry, "nevsky", "2026-10-20", OWN)
    visit(cli, registry, "nevsky", "2026-11-20", THEIRS)
    text = cli("--registry", str(registry), "--lang", "ru", "audit", "trend", "--venue", "nevsky")
    assert text.code == 0, text.err
    host = next(line for line in text.out.splitlines() if "Хостес" in line)
    assert "100,0" in host and "0,0" in host  # October, then November
    assert "Роль" in text.out
    js = json.loads(cli("--registry", str(registry), "audit", "trend", "-f", "json").out)
    rows = js["venues"]["nevsky"]
    assert [r["roles"]["host"] for r in rows] == [100.0, 0.0]


def scores_of(registry: Path, *paths: Path) -> list:  # type: ignore[type-arg]
    out = []
    for p in paths:
        audit, problems = load_audit(p, str(p))
        assert audit is not None and not problems
        out.append(score_audit(audit))
    return out


def rendered(thing: object, width: int = 120) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(thing)
    return console.export_text()


def test_a_competitors_visit_lists_no_corrective_actions(registry: Path, cli: Cli) -> None:
    path = visit(cli, registry, "rival", "2026-11-20", THEIRS)
    (score,) = scores_of(registry, path)
    assert score.actions  # failed checks
    names = Names(rivals={"rival": "nevsky"}, venues={"rival": "Конкурент «Мойка»"})
    panel = rendered(score_panel(score, names))
    assert "no corrective actions" in panel and "Owner" not in panel
    md = scores_markdown([score], names)
    assert "no corrective actions" in md and "| Owner |" not in md
    data = orjson.loads(b"".join(scores_json_parts([score], {"rival"})))
    assert data["audits"][0]["actions"] == [] and data["audits"][0]["competitor"] is True
    # an own venue's audit keeps its actions
    own = orjson.loads(b"".join(scores_json_parts([score], set())))
    assert own["audits"][0]["actions"]


def test_the_trend_puts_the_competitor_beside_the_own_venue_zone_by_zone(
    registry: Path, cli: Cli
) -> None:
    own = visit(cli, registry, "nevsky", "2026-11-06", OWN)
    theirs = visit(cli, registry, "rival", "2026-11-14", THEIRS)
    rows = trend_rows(scores_of(registry, own, theirs))
    names = Names(
        zones={"arrival": "Arrival", "payment": "Payment"},
        venues={"nevsky": "Nevsky", "rival": "Moika"},
        rivals={"rival": "nevsky"},
    )
    table = compare_table("nevsky", "rival", rows, ["before", "arrival", "payment"], names)
    text = rendered(table)
    assert "Nevsky beside Moika" in text
    arrival = next(line for line in text.splitlines() if "Arrival" in line)
    assert "100.0" in arrival and "0.0" in arrival and "+100.0" in arrival
    payment = next(line for line in text.splitlines() if "Payment" in line)
    assert payment.count("100.0") == 2 and "0.0" in payment
    # no comparison until both have a complete visit
    assert compare_table("nevsky", "rival", {"nevsky": rows["nevsky"]}, [], names) is None
    # the venue's own trend has a table per zone and per role
    plain = rendered(trend_table("Nevsky", rows["nevsky"], ["arrival", "payment"], names, 80))
    assert "Role" in plain and "host" in plain  # no English title: the id, not Russian


def test_report_shows_the_competitor_beside_the_venue_and_roles(registry: Path, cli: Cli) -> None:
    own = visit(cli, registry, "nevsky", "2026-11-06", OWN)
    visit(cli, registry, "rival", "2026-10-14", OWN)
    visit(cli, registry, "rival", "2026-11-14", THEIRS)
    got = cli(
        "--registry", str(registry), "--today", "2026-11-25", "--lang", "ru",
        "render", "report", str(own), "--format", "md",
    )  # fmt: skip
    assert got.code == 0, got.err
    md = Path(got.out.strip()).read_text(encoding="utf-8")
    assert "**Невский в сравнении с Конкурент «Мойка»**" in md
    # the competitor's latest complete visit (November), not its October one
    assert "14 ноября 2026" in md and "14 октября 2026" not in md
    assert "| Встреча | 100,0 | 0,0 | +100,0 |" in md
    assert "| Роль | Оценка |" in md and "| Хостес | 100,0 |" in md
    html_got = cli(
        "--registry",
        str(registry),
        "--lang",
        "ru",
        "--today",
        "2026-11-25",
        "render",
        "report",
        str(own),
    )
    html = Path(html_got.out.strip()).read_text(encoding="utf-8")
    assert "в сравнении с" in html and "Разница" in html and "Хостес" in html


def test_a_report_of_a_competitor_has_no_actions(registry: Path, cli: Cli) -> None:
    theirs = visit(cli, registry, "rival", "2026-11-14", THEIRS)
    got = cli(
        "--registry", str(registry), "--today", "2026-11-25", "--lang", "ru",
        "render", "report", str(theirs), "--format", "md",
    )  # fmt: skip
    assert got.code == 0, got.err
    md = Path(got.out.strip()).read_text(encoding="utf-8")
    assert "корректирующие действия не назначаются" in md
    assert "`r.greeting/coat`" not in md  # no action row


@pytest.mark.parametrize(
    ("venue", "said"),
    [
        ("{id: rival, title: R, competitor: true, compare_with: nowhere}", "not an own venue"),
        ("{id: rival, title: R, competitor: true, compare_with: rival}", "not an own venue"),
        ("{id: rival, title: R, compare_with: nevsky}", "not a competitor's"),
    ],
)
def test_compare_with_names_an_own_venue(
    make_registry: Callable[..., Path], cli: Cli, venue: str, said: str
) -> None:
    config = CONFIG.replace("review_every:", f"  - {venue}\nreview_every:")
    root = make_registry(FILES, config=config)
    got = cli("--registry", str(root), "--today", "2026-11-25", "validate")
    assert got.code != 0
    line = next(n for n, text in enumerate(config.splitlines(), 1) if "compare_with" in text)
    column = config.splitlines()[line - 1].index("compare_with: ") + len("compare_with: ") + 1
    assert f"tpkit.yaml:{line}:{column}" in got.out + got.err and said in got.out + got.err


def test_a_competitor_is_audited_with_the_checklist_it_is_compared_with(
    registry: Path, cli: Cli
) -> None:
    ours = cli("--registry", str(registry), "audit", "form", "--venue", "nevsky").out
    theirs = cli("--registry", str(registry), "audit", "form", "--venue", "rival").out
    assert "venue: rival" in theirs
    assert theirs.replace("venue: rival", "venue: nevsky") == ours  # the same checks, same hash


def test_score_and_trend_of_a_competitor_from_the_command_line(registry: Path, cli: Cli) -> None:
    visit(cli, registry, "nevsky", "2026-11-06", OWN)
    theirs = visit(cli, registry, "rival", "2026-11-14", THEIRS)
    text = cli("--registry", str(registry), "audit", "score", str(theirs))
    assert "no corrective actions" in text.out and "Corrective actions" not in text.out
    js = json.loads(
        cli("--registry", str(registry), "audit", "score", str(theirs), "-f", "json").out
    )
    assert js["audits"][0]["competitor"] is True and js["audits"][0]["actions"] == []
    trend = cli("--registry", str(registry), "--lang", "en", "audit", "trend", "--venue", "nevsky")
    assert "Невский beside Конкурент «Мойка»" in trend.out
    arrival = [line for line in trend.out.splitlines() if "Arrival" in line]
    assert any("100.0" in line and "0.0" in line and "+100.0" in line for line in arrival)
    data = json.loads(cli("--registry", str(registry), "audit", "trend", "-f", "json").out)
    (pair,) = data["compared"]
    assert (pair["venue"], pair["competitor_venue"]) == ("nevsky", "rival")
    assert pair["difference"] == 42.9  # 100 − 57.1
