"""The readings of word forms kept between runs give the same findings and inflections as the
dictionaries, and a damaged store is read again from the dictionaries."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from tpkit import morph, wordstore

WORDS = ["столами", "осуществляется", "обеспечено", "гостям", "answered", "utilized", "menus"]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no reading remembered in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TPKIT_NO_WORD_CACHE", raising=False)

    def forget() -> None:
        wordstore._kept, wordstore._file = None, None
        wordstore._new = {"ru": {}, "en": {}}
        for cache in (morph._RU, morph._EN, morph._KEYS_RU, morph._KEYS_EN):
            cache.clear()

    forget()
    yield tmp_path / "cache" / "tpkit" / "words"
    forget()


def readings(word: str, lang: str) -> list[tuple[str, str, str]]:
    return [(p.lemma, p.pos, str(p.tag)) for p in morph.parses(word, lang)]


def lang_of(word: str) -> str:
    return "ru" if word[0] >= "а" else "en"


def test_kept_readings_are_the_dictionarys(fresh: Path) -> None:
    from_dictionary = {w: readings(w, lang_of(w)) for w in WORDS}
    wordstore.save(at_least=1)
    assert len(list(fresh.glob("*.json"))) == 1
    for cache in (morph._RU, morph._EN):
        cache.clear()
    wordstore._kept = None
    assert {w: readings(w, lang_of(w)) for w in WORDS} == from_dictionary
    assert not any(wordstore._new.values())  # every one came from the file
    # a kept reading still inflects: «гостям» read back, «клиент» put into its form
    like = next(p for p in morph.parses("гостям", "ru") if p.pos == "NOUN")
    assert like.raw is not None
    assert morph.ru_inflect("клиент", like) == "клиентам"


def test_a_few_new_forms_do_not_rewrite_the_store(fresh: Path) -> None:
    readings("столами", "ru")
    wordstore.save()
    assert not list(fresh.glob("*.json"))  # one new form: the file is not written for it
    for n in range(wordstore.SAVE_FROM):
        wordstore.learned(f"слово{n}", "ru", morph.parses("стол", "ru"))
    wordstore.save()
    assert len(list(fresh.glob("*.json"))) == 1


def test_a_damaged_store_is_read_again_from_the_dictionaries(fresh: Path) -> None:
    expected = readings("столами", "ru")
    wordstore.save(at_least=1)
    (path,) = fresh.glob("*.json")
    for cache in (morph._RU, morph._KEYS_RU):
        cache.clear()
    path.write_text(json.dumps({"ru": {"столами": "стол\tNOUN\tNOUN,bad tag\t0"}}))
    wordstore._kept = None
    assert readings("столами", "ru") == expected
    path.write_bytes(b"\x00not json")
    wordstore._kept = None
    morph._RU.clear()
    assert readings("столами", "ru") == expected


def test_a_second_run_finds_the_same_problems(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(ROOT / "touchpoints", root / "touchpoints")
    shutil.copytree(ROOT / "standards", root / "standards")
    shutil.copy(ROOT / "tpkit.yaml", root / "tpkit.yaml")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "TPKIT_LANG": "en", "PATH": "/usr/bin"}
    command = [sys.executable, "-m", "tpkit", "--registry", str(root), "--today", "2026-11-25"]
    command += ["validate", "--no-cache", "--format", "json"]

    def run(**extra: str) -> str:
        done = subprocess.run(
            command, capture_output=True, text=True, env={**env, **extra}, cwd=ROOT / "src"
        )
        assert done.returncode in (0, 1), done.stderr
        return done.stdout

    first = run()
    assert list((tmp_path / "cache" / "tpkit" / "words").glob("*.json"))
    assert run() == first
    assert run(TPKIT_NO_WORD_CACHE="1") == first
