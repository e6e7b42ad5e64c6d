"""The hotel's touchpoints in the reference registry: the critical checks a hotel cannot do
without, one card hold, one breakfast time, allergy wording, and clean at warning level."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

import pytest

from conftest import ROOT
from tpkit.config import Registry
from tpkit.model import Touchpoint
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT)


@pytest.fixture(scope="module")
def hotel(registry: Registry) -> dict[str, Touchpoint]:
    return {tp.id: tp for tp in registry.touchpoints if tp.id.startswith("hotel.")}


def staff_texts(tp: Touchpoint) -> Iterator[str]:
    """What the touchpoint tells staff to do or say, and what the auditor checks; the phrases
    to avoid are left out, since they are the bad examples."""
    yield tp.standard
    yield from tp.steps
    yield from tp.say
    yield from (a.instead for a in tp.avoid)
    yield from (c.text for c in tp.checks)


def sentences(tp: Touchpoint) -> Iterator[str]:
    for text in staff_texts(tp):
        yield from (s.strip() for s in re.split(r"(?<=[.?!;])\s+", " ".join(text.split())))


# (touchpoint, check): the checks a hotel must fail an audit on.
CRITICAL = [
    ("hotel.breakfast-buffet", "temp"),  # hot holding, 63 °C or above
    ("hotel.breakfast-buffet", "cold-temp"),  # cold holding, 8 °C or below (UK)
    ("hotel.breakfast-buffet", "labels"),
    ("hotel.room-clean", "welfare-24h"),  # "do not disturb" for 24 hours
    ("hotel.directions", "lit"),
    ("hotel.directions", "no-ice"),
    ("hotel.lost-key", "id-checked"),
    ("hotel.lost-key", "old-key"),
    ("hotel.return-offer", "agreed"),  # marketing consent
    ("hotel.checkin", "register"),  # Immigration (Hotel Records) Order 1972
    ("hotel.checkin", "passport"),
    ("hotel.folio", "matches"),
    ("hotel.folio", "no-tip"),
    ("hotel.deposit", "sum"),
    ("hotel.allergies", "asked"),
    ("hotel.allergies", "marked"),
    ("hotel.allergies", "chef"),
    ("hotel.room-service", "allergy"),
    ("hotel.accessible", "peep-offered"),
    ("hotel.accessible", "peep-list"),
    ("hotel.accessible", "alarm-pad"),
    ("hotel.privacy", "not-confirmed"),
    ("hotel.privacy", "no-room-number"),
    ("hotel.wake-up", "knock-10min"),
    ("hotel.fire-alarm", "weekly"),
    ("hotel.fire-alarm", "all-floors"),
    ("hotel.pets", "assistance-room"),
    ("hotel.pets", "assistance-free"),
    ("hotel.families", "windows"),
    ("hotel.families", "child-allergy"),
    ("hotel.no-show", "first-night"),
    ("hotel.overbooking", "paid"),
    ("hotel.house-rules", "fee-in-terms"),
]


@pytest.mark.parametrize(("tp_id", "check_id"), CRITICAL, ids=[f"{t}/{c}" for t, c in CRITICAL])
def test_the_checks_a_hotel_cannot_do_without_are_critical(
    hotel: dict[str, Touchpoint], tp_id: str, check_id: str
) -> None:
    assert tp_id in hotel, f"{tp_id} is missing"
    checks = {c.id: c for c in hotel[tp_id].checks}
    assert check_id in checks, f"{tp_id} has no check {check_id}"
    assert checks[check_id].critical, f"{tp_id}/{check_id} is not critical"


def test_holding_temperatures_and_the_welfare_check_have_their_legal_targets(
    hotel: dict[str, Touchpoint],
) -> None:
    buffet = {c.id: c for c in hotel["hotel.breakfast-buffet"].checks}
    assert buffet["temp"].target is not None and buffet["temp"].target.min == 63
    assert buffet["cold-temp"].target is not None and buffet["cold-temp"].target.max == 8
    welfare = {c.id: c for c in hotel["hotel.room-clean"].checks}["welfare-24h"]
    assert welfare.type == "time" and welfare.target is not None
    assert (welfare.target.max, welfare.target.unit) == (24, "h")


def test_the_hotel_path_is_checked_for_ice_as_often_as_the_restaurants(
    registry: Registry, hotel: dict[str, Touchpoint]
) -> None:
    restaurant = next(tp for tp in registry.touchpoints if tp.id == "restaurant.approach")
    assert any("раз в час" in step for step in restaurant.steps)
    assert any("every hour" in step for step in hotel["hotel.directions"].steps)


def test_the_missing_hotel_touchpoints_are_there(hotel: dict[str, Touchpoint]) -> None:
    wanted = {
        "hotel.room-upgrade", "hotel.early-checkin", "hotel.late-checkout", "hotel.noise",
        "hotel.wake-up", "hotel.lost-key", "hotel.vip-repeat", "hotel.groups",
        "hotel.no-show", "hotel.overbooking", "hotel.accessible", "hotel.families",
        "hotel.privacy", "hotel.complaint-stay", "hotel.pets", "hotel.fire-alarm",
        "hotel.house-rules", "hotel.room-inspection",
    }  # fmt: skip
    assert wanted <= set(hotel), sorted(wanted - set(hotel))


def test_every_zone_has_at_least_four_hotel_touchpoints(
    registry: Registry, hotel: dict[str, Touchpoint]
) -> None:
    zones = Counter(tp.zone for tp in hotel.values())
    assert all(zones[z] >= 4 for z in registry.config.zone_ids()), zones


def test_hotel_touchpoints_are_british_english_for_the_harbour_hotel(
    hotel: dict[str, Touchpoint],
) -> None:
    for tp in hotel.values():
        assert tp.lang == "en" and tp.venues == ["harbour"], tp.id
        assert tp.reviewed is not None and tp.reviewed <= TODAY, tp.id
        words = " ".join([tp.title, *staff_texts(tp)])
        assert not re.search(r"\bserver\b|\bjewels\b|\bdiet needs?\b|\bfixed invoice", words), tp.id


def test_a_personal_emergency_evacuation_plan_is_offered(hotel: dict[str, Touchpoint]) -> None:
    tp = hotel["hotel.accessible"]
    assert "personal emergency evacuation plan (PEEP)" in " ".join(tp.standard.split())
    assert tp.zone == "arrival" and "receptionist" in tp.roles


def test_no_hotel_text_tells_staff_to_call_food_safe_for_an_allergy(
    hotel: dict[str, Touchpoint],
) -> None:
    about_allergies = [
        tp for tp in hotel.values() if any("allerg" in t.lower() for t in staff_texts(tp))
    ]
    assert len(about_allergies) >= 5
    for tp in about_allergies:
        for sentence in sentences(tp):
            assert not re.search(r"\bsafe\b", sentence, re.I), (tp.id, sentence)
    allergies = hotel["hotel.allergies"]
    assert "dietary requirements" in allergies.title
    assert any("made without" in s for s in allergies.say)
    assert any("It's safe" in a.phrase for a in allergies.avoid)  # the bad example, named


def test_the_card_hold_is_the_same_sum_in_every_hotel_file(hotel: dict[str, Touchpoint]) -> None:
    amounts: dict[str, set[str]] = {}
    for tp in hotel.values():
        for sentence in sentences(tp):
            if not re.search(r"\b(hold|holds|held)\b", sentence, re.I):
                continue
            for pounds in re.findall(r"£\s?(\d+)|(\d+)\s+pounds", sentence):
                amounts.setdefault(next(p for p in pounds if p), set()).add(tp.id)
    assert len(amounts) == 1, amounts
    ((_sum, where),) = amounts.items()
    assert {"hotel.checkin", "hotel.deposit"} <= where


def test_breakfast_hours_are_the_same_in_every_hotel_file(hotel: dict[str, Touchpoint]) -> None:
    hours: dict[tuple[str, str], set[str]] = {}
    for tp in hotel.values():
        for sentence in sentences(tp):
            if re.search(r"breakfast|buffet", sentence, re.I):
                for span in re.findall(
                    r"from (\d{1,2}(?:[.:]\d\d)?) to (\d{1,2}(?:[.:]\d\d)?)", sentence
                ):
                    hours.setdefault(span, set()).add(tp.id)
            assert "half past ten" not in sentence, tp.id
            assert "seven to" not in sentence, tp.id
    assert list(hours) == [("7", "10.30")], hours


def test_passport_details_are_asked_of_foreign_nationals_only(
    hotel: dict[str, Touchpoint],
) -> None:
    checkin = hotel["hotel.checkin"]
    assert "Only foreign nationals give passport details" in " ".join(checkin.standard.split())
    for step in checkin.steps:
        if "passport" in step.lower():
            assert "Foreign nationals" in step, step
    hold = " ".join(checkin.say + [a.instead for a in checkin.avoid])
    assert "extras" in hold and "safe" not in hold  # the hold covers extras, not "safety"


def test_the_service_charge_is_checked_on_the_bill_not_in_the_minibar(
    hotel: dict[str, Touchpoint],
) -> None:
    minibar = hotel["hotel.minibar"]
    assert not any(re.search(r"\btip\b|service (fee|charge)", c.text) for c in minibar.checks)
    assert "no-tip" in {c.id for c in hotel["hotel.folio"].checks}


def test_every_hotel_touchpoint_validates_with_no_error_or_warning(
    registry: Registry, hotel: dict[str, Touchpoint]
) -> None:
    report = validate(registry, TODAY)
    found = [
        f"{p.path}:{p.line}: {p.rule} {p.message}"
        for p in report.problems
        if p.level != "info" and p.touchpoint in hotel
    ]
    assert found == []
