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
    bill = root / "touchpoints" / "payment" / "restaurant.bill.yaml"
    bill.write_text(
        bill.read_text(encoding="utf-8").replace(
            "Счёт приносят", "Официант осуществляет подачу счёта, счёт приносят"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return root


def plain(root: Path) -> list[tuple[object, ...]]:
    report = validate(load_registry(root), TODAY, use_git=False)
    return [tuple(p.to_dict().values()) for p in report.problems]


def fast(root: Path, **kw: object) -> list[tuple[object, ...]]:
    report = validate(batch.load_checked(root, **kw), TODAY, use_git=False)  # type: ignore[arg-type]
    return [tuple(p.to_dict().values()) for p in report.problems]


def test_workers_find_the_same_problems_in_the_same_order(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = plain(registry)
    assert any(p[3] == "ACC002" for p in expected) and any(p[3] == "TP006" for p in expected)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)
    assert fast(registry, jobs=2, cache=False) == expected
    assert fast(registry, jobs=1, cache=False) == expected


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
