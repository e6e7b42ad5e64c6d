"""The reference registry's third venue, the café-bar «Литейный, 5», and the registry's settings:
the café's touchpoints, its critical checks, its checklist, and each venue's printouts in its
own language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Result
from tpkit.model import Touchpoint
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = "2026-12-02"
REF = ("--registry", str(ROOT), "--today", TODAY)
RU_ZONES = ("До визита", "Встреча", "Заказ", "Обслуживание", "Расчёт", "Прощание", "После визита")
EN_ZONES = ("Before the visit", "Arrival", "Order", "Service", "Payment", "Departure")


@pytest.fixture
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printouts in the venue's language: no TPKIT_LANG or locale to override it."""
    monkeypatch.delenv("TPKIT_LANG", raising=False)


def cafe_touchpoints() -> list[Touchpoint]:
    return [tp for tp in load_registry(ROOT).touchpoints if tp.id.startswith("cafe.")]


def test_the_cafe_is_a_russian_venue_with_the_roles_it_needs() -> None:
    config = load_registry(ROOT).config
    cafe = config.venue("liteyny")
    assert cafe is not None and cafe.language == "ru"
    assert cafe.title_in("ru") == "Кофейня-бар «Литейный, 5»"
    roles = {r.id: r for r in config.roles}
    for role in ("cloakroom", "sommelier", "runner", "barista"):
        assert roles[role].title_in("ru") and roles[role].title_in("en"), role
        assert roles[role].title_in("ru") != roles[role].title_in("en"), role
    russian = " ".join(r.title_in("ru") for r in config.roles)
    assert "клининг" not in russian and "ресепшн" not in russian


def test_the_cafe_has_touchpoints_in_every_zone_in_russian() -> None:
    tps = cafe_touchpoints()
    assert 12 <= len(tps) <= 14
    zones = {tp.zone for tp in tps}
    assert zones == set(load_registry(ROOT).config.zone_ids())
    assert all(tp.lang == "ru" and tp.venues == ["liteyny"] for tp in tps)
    assert all(tp.path.split("/")[-2] == tp.zone for tp in tps)  # touchpoints/<zone>/<id>.yaml
    spoken = [tp for tp in tps if tp.say]
    assert len(spoken) >= 8
    # reviewed over the last half year, none in the future
    assert all(
        tp.reviewed is not None
        and dt.date(2026, 6, 15) <= tp.reviewed <= dt.date.fromisoformat(TODAY)
        for tp in tps
    )


@pytest.mark.parametrize(
    ("touchpoint", "check"),
    [
        ("cafe.bar-age-check", "id-asked"),
        ("cafe.bar-age-check", "no-id-no-sale"),
        ("cafe.evening-bar", "no-drunk-serve"),
        ("cafe.display-allergens", "labels"),
        ("cafe.display-allergens", "label-matches"),
        ("cafe.payment-stamps", "receipt"),
    ],
)
def test_the_cafe_criticals_are_critical(touchpoint: str, check: str) -> None:
    tp = load_registry(ROOT).touchpoint(touchpoint)
    assert tp is not None
    found = next(c for c in tp.checks if c.id == check)
    assert found.critical


def test_the_cafe_files_validate_with_no_error_or_warning(cli: Callable[..., Result]) -> None:
    paths = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("touchpoints/*/cafe.*.yaml"))
    assert len(paths) >= 12
    result = cli(*REF, "validate", "--fail-level", "warning", *[str(ROOT / p) for p in paths])
    assert result.code == 0, result.out
    registry = load_registry(ROOT)
    report = validate(registry, dt.date.fromisoformat(TODAY), use_git=False)
    cafe = [p for p in report.problems if (p.touchpoint or "").startswith("cafe.")]
    assert [p for p in cafe if p.level != "info"] == []


def test_the_waiver_example_is_live_and_used() -> None:
    registry = load_registry(ROOT)
    assert registry.config.waivers
    assert all(w.reason and w.expires for w in registry.config.waivers)
    report = validate(registry, dt.date.fromisoformat(TODAY), use_git=False)
    assert [p for p in report.problems if p.rule.startswith("WVR")] == []


def test_the_cafe_checklist_shows_cafe_checks_only(
    cli: Callable[..., Result], venue_language: None, tmp_path: Path
) -> None:
    out = tmp_path / "liteyny.md"
    result = cli(
        *REF, "render", "checklist", "--venue", "liteyny", "--format", "md", "-o", str(out)
    )
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    ids = set(re.findall(r"`([a-z0-9.-]+)/[a-z0-9.-]+`", page))
    assert ids == {tp.id for tp in cafe_touchpoints()}
    assert "hotel." not in page and "restaurant." not in page
    assert "Кофейня-бар «Литейный, 5»" in page
    assert all(zone in page for zone in RU_ZONES)  # a Russian venue, Russian zone titles
    assert "cafe.bar-age-check/id-asked" in page and "cafe.display-allergens/labels" in page


def test_the_hotel_printouts_name_the_zones_in_english(
    cli: Callable[..., Result], venue_language: None, tmp_path: Path
) -> None:
    audits = sorted(str(p) for p in (ROOT / "audits" / "harbour").glob("*.yaml"))
    assert audits
    checklist = tmp_path / "checklist.md"
    report = tmp_path / "report.md"
    html = tmp_path / "report.html"
    runs = [
        cli(
            *REF,
            "render",
            "checklist",
            "--venue",
            "harbour",
            "--format",
            "md",
            "-o",
            str(checklist),
        ),
        cli(*REF, "render", "report", *audits, "--format", "md", "-o", str(report)),
        cli(*REF, "render", "report", *audits, "-o", str(html)),
    ]
    assert all(r.code == 0 for r in runs), [r.err for r in runs]
    score = cli(*REF, "audit", "score", audits[-1])
    for text in (
        checklist.read_text(encoding="utf-8"),
        report.read_text(encoding="utf-8"),
        html.read_text(encoding="utf-8"),
        score.out,
    ):
        assert "Before the visit" in text and "Arrival" in text
        assert not [zone for zone in RU_ZONES if zone in text]
    assert all(zone in checklist.read_text(encoding="utf-8") for zone in EN_ZONES)
