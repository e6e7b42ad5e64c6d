"""One language per output: the catalogues, plural forms, numbers and the choice of language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Result

from tpkit import i18n


def test_every_message_of_the_code_has_a_russian_translation() -> None:
    todo = i18n.missing("ru")
    shown = [f"{where[0][0]}:{where[0][1]}: {key!r}" for key, where in todo[:20]]
    assert not todo, f"{len(todo)} messages without Russian:\n" + "\n".join(shown)


def test_a_translation_fills_in_the_same_names_as_its_message() -> None:
    bad = []
    for message in i18n.read_catalog("ru"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set().union(*(i18n.placeholders(i) for i in ids)) - {"n"}
        for text in strings:
            if (i18n.placeholders(text) - {"n"}) != wanted:
                bad.append((message.id, text))
    assert not bad, bad[:10]


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "проверка"),
        (2, "проверки"),
        (5, "проверок"),
        (11, "проверок"),
        (21, "проверка"),
        (133, "проверки"),
        (1234, "проверки"),
    ],
)
def test_russian_plural_forms_come_from_the_catalogue(count: int, word: str) -> None:
    with i18n.language("ru"):
        text = i18n.n_("{n} check", "{n} checks", count)
    assert text.endswith(" " + word), text


def test_english_plural_forms() -> None:
    assert i18n.n_("{n} check", "{n} checks", 1) == "1 check"
    assert i18n.n_("{n} check", "{n} checks", 162) == "162 checks"


def test_numbers_and_dates_as_each_language_writes_them() -> None:
    with i18n.language("ru"):
        assert i18n.number(95.5, 1) == "95,5"
        assert i18n.number(1234) == "1\N{NO-BREAK SPACE}234"
        assert (
            i18n.date(dt.date(2026, 12, 1), "long") == "1 декабря 2026\N{NARROW NO-BREAK SPACE}г."
        )
    with i18n.language("en"):
        assert i18n.number(95.5, 1) == "95.5"
        assert i18n.number(1234) == "1,234"
        assert i18n.date(dt.date(2026, 12, 1), "long") == "December 1, 2026"


def test_the_language_asked_for_wins_over_the_registry_and_lang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.choose(None, "ru") == "ru"  # LANG is only the machine's default
    assert i18n.choose("en", "ru") == "en"
    monkeypatch.setenv("LC_MESSAGES", "ru_RU.UTF-8")
    assert i18n.choose(None, "en") == "ru"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # C names no language: the next one decides
    assert i18n.choose(None, "en") == "ru"
    monkeypatch.delenv("LC_MESSAGES")
    assert i18n.choose(None, None) == "en"


def test_a_bad_lang_is_refused_in_the_registrys_language(
    cli: Callable[..., Result], make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry()
    monkeypatch.delenv("TPKIT_LANG")
    result = cli("--registry", str(root), "--lang", "xx", "validate")
    assert result.code == 2
    assert "--lang 'xx'" in result.err and "напишите --lang ru" in result.err


def test_the_catalogue_is_read_without_a_compiled_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(i18n, "_compiled", lambda lang: tmp_path / "none.mo")
    monkeypatch.setattr(i18n, "_catalogs", {})
    with i18n.language("ru"):
        assert i18n._("write --lang ru or --lang en") == "напишите --lang ru или --lang en"


def test_a_message_kept_in_several_catalogues_reads_the_same_in_each() -> None:
    from babel.messages.pofile import read_po

    seen: dict[str, set[str]] = {}
    for part in sorted((i18n.LOCALE_DIR / "ru").glob("*.po")):
        with part.open("rb") as fp:
            for message in read_po(fp, locale="ru"):
                if message.id:
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    seen.setdefault(key, set()).add(str(message.string))
    differ = {key: texts for key, texts in seen.items() if len(texts) > 1}
    assert not differ, differ


def test_negative_numbers_and_changes_take_the_minus_sign() -> None:
    with i18n.language("ru"):
        assert i18n.number(-40.6, 1) == "\N{MINUS SIGN}40,6"
        assert i18n.signed(8.2) == "+8,2"
        assert i18n.signed(-10.5) == "\N{MINUS SIGN}10,5"
        assert i18n.signed(0.0) == "0,0"
        assert i18n.signed(-0.01) == "0,0"  # rounds to nothing: no sign
