"""The sample visits and guest feedback of the reference registry look like real ones: shoppers
stay anonymous, scores dip and recover, comments are many and different, every link and
channel is valid."""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT
from tpkit.audit import load_audits, score_audit, scoring_rules
from tpkit.audit.model import snapshot
from tpkit.feedback import CHANNELS, load_feedback, nps, read_csv
from tpkit.registry import Registry, load_registry

MONTHS = {"2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT)


@pytest.fixture(scope="module")
def audits(registry: Registry):  # type: ignore[no-untyped-def]
    found = load_audits(registry)
    assert found.problems == []
    return found.audits


def sampled_venues(registry: Registry) -> set[str]:
    """The venues the samples cover: each one with audits in audits/<venue>/."""
    return {
        v.id
        for v in registry.config.venues
        if not v.competitor
        and snapshot(registry, v.id)
        and any((ROOT / "audits" / v.id).glob("*.yaml"))
    }


def test_the_samples_cover_the_restaurant_and_the_hotel(registry: Registry) -> None:
    assert {"nevsky", "harbour"} <= sampled_venues(registry)


def test_audits_load_with_no_problem_and_cover_six_months_a_venue(
    registry: Registry, audits: list
) -> None:
    months: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for audit in audits:
        months[audit.venue].add(f"{audit.date:%Y-%m}")
        kinds[audit.venue].add(audit.kind)
        assert not audit.unanswered(), audit.path
        assert audit.warnings == [], audit.path
    for venue in sampled_venues(registry):
        assert months[venue] == MONTHS, venue
        assert kinds[venue] == {"internal", "mystery", "pos"}, venue
        internal = [a for a in audits if a.venue == venue and a.kind == "internal"]
        assert {f"{a.date:%Y-%m}" for a in internal} == MONTHS  # one internal check a month


def test_no_shopper_name_is_used_in_two_sample_audits(audits: list) -> None:
    used: dict[str, list[str]] = defaultdict(list)
    for audit in audits:
        used[audit.auditor or ""].append(audit.path)
    shoppers = {a.auditor for a in audits if a.kind == "mystery"}
    assert all(shoppers) and len(shoppers) == sum(a.kind == "mystery" for a in audits)
    for name in shoppers:
        assert len(used[name]) == 1, (name, used[name])


def test_no_note_names_a_shopper(audits: list) -> None:
    names = {
        part
        for a in audits
        if a.kind == "mystery" and a.auditor
        for part in a.auditor.split()
        if len(part) > 2
    }
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    for audit in audits:
        for cid, result in audit.results.items():
            assert not pattern.search(result.note or ""), (audit.path, cid, result.note)


def test_every_failed_check_and_every_na_says_why(audits: list) -> None:
    for audit in audits:
        explained: set[str] = set()
        for cid, result in audit.results.items():
            check = audit.checks[cid]
            if check.type != "yesno" and result.result != "na":
                assert result.value is not None, (audit.path, cid)  # measured, not ticked
            if result.result == "fail":
                assert result.note, (audit.path, cid)
            if result.result == "na" and result.note:
                explained.add(check.touchpoint)
        na_touchpoints = {
            audit.checks[c].touchpoint for c, r in audit.results.items() if r.result == "na"
        }
        assert na_touchpoints <= explained, audit.path  # one reason at least per touchpoint


def test_notes_are_not_copied_from_visit_to_visit(audits: list) -> None:
    seen: dict[str, str] = {}
    for audit in audits:
        for result in audit.results.values():
            note = result.note or ""
            if result.result == "na" or len(note) < 25:
                continue
            assert note not in seen, (note, seen.get(note), audit.path)
            seen[note] = audit.path


def test_the_score_trend_of_each_venue_dips_and_recovers(registry: Registry, audits: list) -> None:
    rules = scoring_rules(registry)
    for venue in sampled_venues(registry):
        visits = sorted(
            (a for a in audits if a.venue == venue and a.kind != "pos"), key=lambda a: a.date
        )
        scores = [score_audit(a, rules).score for a in visits]
        assert all(s is not None for s in scores)
        ups = [b > a for a, b in itertools.pairwise(scores)]
        assert any(ups) and not all(ups), (venue, scores)  # not monotonic either way
        low = scores.index(min(scores))
        assert 0 < low < len(scores) - 1, (venue, scores)  # the worst visit is not the last
        assert max(scores[low + 1 :]) > min(scores) + 5, (venue, scores)  # it recovers


def feedback_rows() -> list[dict[str, str]]:
    rows = []
    for path in sorted((ROOT / "feedback").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def test_the_feedback_sample_has_at_least_200_different_comments() -> None:
    comments = [r["comment"] for r in feedback_rows() if r["comment"]]
    assert len(set(comments)) >= 200
    assert len(set(comments)) == len(comments)  # no comment twice


def test_every_feedback_link_is_a_touchpoint_of_that_venue(registry: Registry) -> None:
    by_id = {tp.id: tp for tp in registry.touchpoints}
    for row in feedback_rows():
        tp = row["touchpoint"]
        if not tp:
            continue
        assert tp in by_id, row
        assert not by_id[tp].venues or row["venue"] in by_id[tp].venues, row
        assert row["comment"], row  # a link says what the guest wrote about it


def test_every_channel_is_valid() -> None:
    rows = feedback_rows()
    assert rows and {r["channel"] for r in rows} <= set(CHANNELS)
    assert {r["channel"] for r in rows} == set(CHANNELS)  # every channel is used


def test_nps_moves_plausibly_on_realistic_reply_counts(registry: Registry) -> None:
    data = nps(load_feedback(ROOT))["venues"]
    for venue in sampled_venues(registry):
        periods = data[venue]["periods"]
        assert {p["period"] for p in periods} == MONTHS
        assert all(25 <= p["responses"] <= 120 for p in periods), periods
        values = [p["nps"] for p in periods]
        steps = [abs(b - a) for a, b in itertools.pairwise(values)]
        assert max(steps) <= 25, (venue, values)  # no −41 → +64
        assert max(values) - min(values) >= 8, (venue, values)  # it does move
        assert all(-20 <= v <= 70 for v in values), (venue, values)


def test_the_import_example_is_the_sample_export(registry: Registry) -> None:
    example = ROOT / "examples" / "guest-feedback.csv"
    exported = sorted(read_csv(example, registry))
    assert exported == sorted(load_feedback(ROOT))
    header = example.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "channel" in header


def test_each_audit_is_named_after_its_day_and_kind(audits: list) -> None:
    for audit in audits:
        assert Path(audit.path).name == f"{audit.date}-{audit.kind}.yaml"
