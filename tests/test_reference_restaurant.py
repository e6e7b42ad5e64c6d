"""The restaurant's touchpoints in the reference registry: the checks that guard safety, law and
money are there and critical, what staff say keeps to the targets, and every file is clean."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from conftest import ROOT
from tpkit.model import Check, Touchpoint
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = dt.date(2026, 12, 2)

# The 14 major allergens (TR CU 022/2011, the EU and UK list), as word stems that find every
# form of the Russian name.
ALLERGENS = {
    "cereals with gluten": r"глютен",
    "crustaceans": r"ракообразн",
    "eggs": r"яйц|яич",
    "fish": r"рыб",
    "peanuts": r"арахис",
    "soybeans": r"\bсо[яиюей]\b|соев",
    "milk": r"молок|молоч",
    "nuts": r"орех",
    "celery": r"сельдере",
    "mustard": r"горчиц",
    "sesame": r"кунжут",
    "sulphites": r"сульфит",
    "lupin": r"люпин",
    "molluscs": r"моллюск",
}

# Touchpoints where staff name a wait, and the check whose target that wait must keep to.
SPOKEN_WAITS = {
    "restaurant.booked-guest": "table-ready",
    "restaurant.drinks-order": "served-7min",
    "restaurant.foreign-object": "replacement-15min",
    "restaurant.table-complaint": "fix-10min",
}

_WAIT_RE = re.compile(r"через\s+(\d+)\s+минут", re.IGNORECASE)
_FACTOR = {"s": 1 / 60, "min": 1, "h": 60}


@pytest.fixture(scope="module")
def restaurant() -> dict[str, Touchpoint]:
    registry = load_registry(ROOT)
    return {tp.id: tp for tp in registry.touchpoints if tp.id.startswith("restaurant.")}


def check(tps: dict[str, Touchpoint], ref: str) -> Check:
    tp_id, _, check_id = ref.partition("/")
    assert tp_id in tps, f"{tp_id} is missing"
    found = [c for c in tps[tp_id].checks if c.id == check_id]
    assert found, f"{ref} is missing"
    return found[0]


def spoken(tp: Touchpoint) -> list[str]:
    return [*tp.say, *(a.instead for a in tp.avoid)]


def written(tp: Touchpoint) -> str:
    return " ".join([tp.standard, *tp.steps, *(c.text for c in tp.checks)])


def test_every_restaurant_touchpoint_is_russian_for_nevsky(
    restaurant: dict[str, Touchpoint],
) -> None:
    assert len(restaurant) >= 50
    assert {tp.lang for tp in restaurant.values()} == {"ru"}
    assert all(tp.venues == ["nevsky"] for tp in restaurant.values())


def test_every_zone_has_four_restaurant_touchpoints(restaurant: dict[str, Touchpoint]) -> None:
    registry = load_registry(ROOT)
    zones = Counter(tp.zone for tp in restaurant.values())
    assert all(zones[z] >= 4 for z in registry.config.zone_ids()), zones


def test_every_restaurant_touchpoint_validates_clean_at_warning_level() -> None:
    registry = load_registry(ROOT)
    report = validate(registry, TODAY, use_git=False)
    found = [
        f"{p.path}:{p.line}:{p.column} {p.rule} {p.message}"
        for p in report.problems
        if p.level != "info"
        and (p.touchpoint.startswith("restaurant.") or "/restaurant." in p.path)
    ]
    assert found == []


@pytest.mark.parametrize(
    "ref",
    ["restaurant.website-menu/allergens", "restaurant.menu/allergen-marks"],
)
def test_menus_mark_all_14_allergens_and_the_check_is_critical(
    restaurant: dict[str, Touchpoint], ref: str
) -> None:
    tp = restaurant[ref.partition("/")[0]]
    missing = [name for name, stem in ALLERGENS.items() if not re.search(stem, tp.standard, re.I)]
    assert missing == [], f"{tp.id} does not name: {missing}"
    assert check(restaurant, ref).critical


def test_allergen_chart_covers_the_14_and_cross_contact(restaurant: dict[str, Touchpoint]) -> None:
    tp = restaurant["restaurant.allergen-matrix"]
    assert "14" in tp.standard
    assert check(restaurant, "restaurant.allergen-matrix/matrix-current").critical
    assert check(restaurant, "restaurant.allergen-matrix/separate-tools").critical


@pytest.mark.parametrize(
    "ref",
    [
        "restaurant.allergies/asked",
        "restaurant.allergies/ticket-marked",
        "restaurant.card-payment/receipt",
        "restaurant.card-payment/card-in-sight",
        "restaurant.split-bill/receipt-each",
        "restaurant.bill/matches-order",
        "restaurant.no-hidden-tip/no-tip-line",
        "restaurant.birthday-card/consent",
        "restaurant.regulars/consent",
        "restaurant.foreign-object/not-charged",
        "restaurant.foreign-object/nothing-found",
        "restaurant.hot-food/soup-75",
        "restaurant.hot-food/main-65",
        "restaurant.alcohol/id-check",
        "restaurant.alcohol/no-sale-under-18",
        "restaurant.alcohol/no-refill-drunk",
        "restaurant.first-aid/trained-staff",
        "restaurant.first-aid/kit-complete",
        "restaurant.accessibility/guide-dog",
        "restaurant.door-policy/no-face-control",
        "restaurant.approach/no-ice",
    ],
)
def test_safety_law_and_money_checks_are_critical(
    restaurant: dict[str, Touchpoint], ref: str
) -> None:
    assert check(restaurant, ref).critical, f"{ref} must be critical"


def test_fiscal_receipt_is_the_cash_receipt(restaurant: dict[str, Touchpoint]) -> None:
    assert "кассов" in check(restaurant, "restaurant.card-payment/receipt").text


def test_card_terminal_is_timed_from_the_guest_asking(restaurant: dict[str, Touchpoint]) -> None:
    # The card never leaves the guest, so the timer cannot start when the card is handed over.
    text = check(restaurant, "restaurant.card-payment/terminal-2min").text
    assert "передач" not in text and "просьб" in text


def test_a_hair_in_the_dish_fails_a_critical_check(restaurant: dict[str, Touchpoint]) -> None:
    found = check(restaurant, "restaurant.foreign-object/nothing-found")
    assert "волос" in found.text
    assert found.type == "count" and found.target is not None and found.target.max == 0


def test_hot_food_targets_are_the_sanitary_ones(restaurant: dict[str, Touchpoint]) -> None:
    soup = check(restaurant, "restaurant.hot-food/soup-75")
    main = check(restaurant, "restaurant.hot-food/main-65")
    assert soup.target is not None and soup.target.min == 75
    assert main.target is not None and main.target.min == 65


def test_alcohol_only_from_18(restaurant: dict[str, Touchpoint]) -> None:
    assert "18" in restaurant["restaurant.alcohol"].standard


def test_first_aid_has_trained_staff_on_every_shift(restaurant: dict[str, Touchpoint]) -> None:
    trained = check(restaurant, "restaurant.first-aid/trained-staff")
    assert trained.target is not None and (trained.target.min or 0) >= 1
    assert "112" in " ".join(restaurant["restaurant.first-aid"].steps)


@pytest.mark.parametrize("tp_id,check_id", sorted(SPOKEN_WAITS.items()))
def test_spoken_waits_keep_to_their_target(
    restaurant: dict[str, Touchpoint], tp_id: str, check_id: str
) -> None:
    target = check(restaurant, f"{tp_id}/{check_id}").target
    assert target is not None and target.max is not None and target.unit
    limit = target.max * _FACTOR[target.unit]
    promised = [int(n) for phrase in spoken(restaurant[tp_id]) for n in _WAIT_RE.findall(phrase)]
    assert promised, f"{tp_id}: no spoken wait to check"
    assert all(n <= limit for n in promised), (tp_id, promised, limit)


def test_no_spoken_wait_is_longer_than_every_target(restaurant: dict[str, Touchpoint]) -> None:
    # A quoted wait for a table or a taxi is not a promise of the venue's own speed.
    quotes = {"restaurant.walk-in", "restaurant.taxi-and-takeaway", "restaurant.order-taking",
              "restaurant.no-show", "restaurant.takeaway-delivery"}  # fmt: skip
    for tp in restaurant.values():
        if tp.id in quotes:
            continue
        limits = [
            c.target.max * _FACTOR[c.target.unit]
            for c in tp.checks
            if c.type == "time" and c.target is not None and c.target.max and c.target.unit
        ]
        if not limits:
            continue
        for phrase in spoken(tp):
            for n in _WAIT_RE.findall(phrase):
                assert int(n) <= max(limits), (tp.id, phrase, max(limits))


def test_deadlines_read_as_no_later_than(restaurant: dict[str, Touchpoint]) -> None:
    # «за 5 минут после посадки» is not Russian and «за 2 дня» reads as "2 days before".
    bad = re.compile(r"\bза\s+\d+\s+\w+\s+после\b|\bза\s+\d+\s+дн\w*\s+после\b", re.I)
    found = [(tp.id, m.group(0)) for tp in restaurant.values() for m in bad.finditer(written(tp))]
    assert found == []


def test_last_order_time_said_is_the_one_in_the_standard(restaurant: dict[str, Touchpoint]) -> None:
    tp = restaurant["restaurant.closing-time"]
    said = {t for phrase in spoken(tp) for t in re.findall(r"\d{1,2}:\d{2}", phrase)}
    assert said and said <= set(re.findall(r"\d{1,2}:\d{2}", tp.standard)), said


def test_birthday_list_is_drawn_before_the_month_starts(restaurant: dict[str, Touchpoint]) -> None:
    tp = restaurant["restaurant.birthday-card"]
    assert not any("начале месяца" in step for step in tp.steps)
    assert any("следующего месяца" in step for step in tp.steps)
    assert check(restaurant, "restaurant.birthday-card/early-month")


def test_walk_in_wait_quote_is_tight(restaurant: dict[str, Touchpoint]) -> None:
    target = check(restaurant, "restaurant.walk-in/wait-accurate").target
    assert target is not None and target.max is not None and target.unit == "min"
    assert target.max <= 5


def test_staff_ask_rather_than_order(restaurant: dict[str, Touchpoint]) -> None:
    orders = ("Прикладывайте", "Сидите спокойно", "Освобождайте")
    found = [(tp.id, p) for tp in restaurant.values() for p in tp.say if p.startswith(orders)]
    assert found == []
