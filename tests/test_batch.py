"""The fast path (worker processes, the cache) finds exactly what the plain path finds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from tpkit import batch
from tpkit.registry import load_registry
from tpkit.services import validate

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the reference registry with a few broken and imperfect files, and a cache
    key of its own."""
    root = tmp_path / "registry"
    shutil.copytree(ROOT / "touchpoints", root / "touchpoints")
    shutil.copytree(ROOT / "standards", root / "standards")
    shutil.copy(ROOT / "tpkit.yaml", root / "tpkit.yaml")
    broken = root / "touchpoints" / "broken"
    broken.mkdir()
    (broken / "syntax.yaml").write_text("id: x\ntitle: [\n", encoding="utf-8")
    (broken / "cp1251.yaml").write_bytes("id: x\ntitle: Встреча\n".encode("cp1251"))
    (broken / "folder.yaml").mkdir()
    (root / "touchpoints" / "payment" / "restaurant.bill-wording.yaml").write_text(
        "id: restaurant.bill-wording\ntitle: Счёт\nzone: payment\nowner: manager\n"
        "lang: ru\nreviewed: 2026-11-01\n"
        "standard: Официант осуществляет подачу счёта через две минуты после просьбы.\n"
        "checks:\n  - id: bill\n    text: Счёт принесли через две минуты\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return root


def plain(root: Path) -> list[tuple[object, ...]]:
    report = validate(load_registry(root), TODAY, use_git=False)
    return [tuple(p.to_dict().values()) for p in report.problems]


def fast(root: Path, *, jobs: int = 0, cache: bool = True) -> list[tuple[object, ...]]:
    registry = load_registry(root, jobs=jobs, cache=cache)
    assert registry.touchpoints and all(tp.outline for tp in registry.touchpoints)
    report = validate(registry, TODAY, use_git=False)
    return [tuple(p.to_dict().values()) for p in report.problems]


def test_workers_find_the_same_problems_in_the_same_order(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = plain(registry)
    assert any(p[3] == "ACC002" for p in expected) and any(p[3] == "TP006" for p in expected)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)
    assert fast(registry, jobs=2, cache=False) == expected
    assert fast(registry, jobs=1, cache=True) == expected  # in this process, cache empty


def test_an_outline_keeps_the_wording_and_is_never_taken_for_a_full_touchpoint(
    registry: Path,
) -> None:
    full = {tp.id: tp for tp in load_registry(registry).touchpoints}
    outlines = load_registry(registry, jobs=1, cache=True).touchpoints
    assert not any(tp.outline for tp in full.values())
    for tp in outlines:
        assert tp.outline and tp.source == ""
        assert (tp.standard, tp.steps, tp.say, tp.avoid) == (
            full[tp.id].standard, full[tp.id].steps, full[tp.id].say, full[tp.id].avoid,
        )  # fmt: skip
        assert tp.pos("reviewed") == full[tp.id].pos("reviewed")
        with pytest.raises(LookupError):
            tp.pos("standard")  # a rule asking an outline where its text is: a mistake


def test_a_second_run_reuses_the_cache_and_finds_the_same(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = plain(registry)
    assert fast(registry) == expected
    assert list((registry / ".tpkit_cache").glob("*.marshal"))
    checked: list[int] = []
    original = batch._check_chunk

    def counting(items: list[tuple[str, str, bytes | None]]) -> list[object]:
        checked.append(len(items))
        return original(items)  # type: ignore[return-value]

    monkeypatch.setattr(batch, "_check_chunk", counting)
    assert fast(registry) == expected
    assert sum(checked) == 0  # nothing changed: nothing is read again
    greeting = registry / "touchpoints" / "arrival" / "restaurant.greeting.yaml"
    greeting.write_text(greeting.read_text(encoding="utf-8") + "tags: [door]\n", encoding="utf-8")
    assert fast(registry) == plain(registry)
    assert sum(checked) == 1  # only the changed file


def test_the_cache_follows_the_standards(registry: Path) -> None:
    fast(registry)
    (registry / "standards" / "brief.yaml").write_text(
        (ROOT / "standards" / "brief.yaml")
        .read_text(encoding="utf-8")
        .replace("max_words: 60", "max_words: 20"),
        encoding="utf-8",
    )
    found = fast(registry)
    assert found == plain(registry)
    assert any(p[3] == "BRF001" for p in found)


def test_a_cache_file_from_elsewhere_is_never_read(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast(registry)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    loads: list[bytes] = []
    monkeypatch.setattr(batch.marshal, "loads", lambda b: loads.append(b))
    assert fast(registry) == plain(registry)
    assert loads == []  # signed with another key: read as a cold start
