"""`tpkit status`: the whole registry on one screen, with the figures the detailed commands give."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from conftest import ROOT, Result

Cli = Callable[..., Result]
REF = ("--registry", str(ROOT), "--today", "2026-12-02")


def test_status_fits_on_one_screen_and_names_every_venue(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    result = cli(*REF, "--lang", "ru", "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) <= 30  # read in well under a minute
    for title in ("Ресторан «Невский, 12»", "Harbour Hotel", "Кофейня-бар «Литейный, 5»"):
        assert title in result.out
    assert "Стандарты: 1" in result.out and "Подробнее:" in result.out
    assert "Last visit" not in result.out  # one language on the screen


def test_status_figures_are_those_of_the_detailed_commands(cli: Cli) -> None:
    data = json.loads(cli(*REF, "status", "-f", "json").out)
    report = json.loads(cli(*REF, "validate", "-f", "json").out)
    levels = [p["level"] for p in report["problems"]]
    assert data["findings"] == {k: levels.count(k) for k in ("error", "warning", "info")}
    assert {v["venue"] for v in data["venues"]} == {"nevsky", "harbour", "liteyny"}
    for venue in data["venues"]:
        last = venue["last_audit"]
        assert last is not None, venue["venue"]
        scored = json.loads(cli(*REF, "audit", "score", last["path"], "-f", "json").out)
        [score] = scored["audits"]
        assert score["score"] == last["score"] and score["band"] == last["band"]
        assert len(score["actions"]) == last["actions"]
        trend = json.loads(cli(*REF, "audit", "trend", "--venue", venue["venue"], "-f", "json").out)
        dates = [row["date"] for row in trend["venues"][venue["venue"]]]
        assert last["date"] == max(dates)  # the latest visit, not any
        nps = json.loads(cli(*REF, "feedback", "nps", "--venue", venue["venue"], "-f", "json").out)
        month = venue["nps"]["month"]
        rows = [r for r in _periods(nps) if r["period"] == month]
        assert rows and rows[0]["nps"] == venue["nps"]["nps"]
        kept = json.loads(cli(*REF, "actions", "--venue", venue["venue"], "-f", "json").out)
        assert venue["actions"]["overdue"] == sum(a["overdue"] for a in kept)
        assert venue["actions"]["verified"] == sum(a["status"] == "verified" for a in kept)
        signed = json.loads(cli(*REF, "ack", "status", "--venue", venue["venue"], "-f", "json").out)
        assert venue["signoff"]["must_reread"] == sum(len(r["must_reread"]) for r in signed)
        assert venue["signoff"]["not_signed"] == sum(len(r["not_signed"]) for r in signed)


def test_status_shows_the_open_and_overdue_actions_and_the_sign_off_to_renew(cli: Cli) -> None:
    data = json.loads(cli(*REF, "status", "-f", "json").out)
    nevsky = next(v for v in data["venues"] if v["venue"] == "nevsky")
    late, still = nevsky["actions"]["overdue"], nevsky["actions"]["open"]
    text = cli(*REF, "--lang", "en", "status").out
    assert "Actions: open" in text
    assert f"{still + nevsky['actions']['reopened'] - late} / {late}" in text
    assert late and nevsky["signoff"]["must_reread"]  # the samples tell that story
    assert (
        f"Sign-off, Ресторан «Невский, 12»: to renew after a change "
        f"{nevsky['signoff']['must_reread']}" in text
    )
    assert "tpkit actions" in text and "tpkit ack status" in text


def _periods(data: object) -> list[dict[str, object]]:
    """Every {period, nps} row in the JSON of `tpkit feedback nps`, however it is nested."""
    out: list[dict[str, object]] = []
    if isinstance(data, dict):
        if "period" in data and "nps" in data:
            out.append(data)
        for value in data.values():
            out += _periods(value)
    elif isinstance(data, list):
        for value in data:
            out += _periods(value)
    return out
