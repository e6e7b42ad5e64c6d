"""Words, sentences, syllables, readability and lexicon matching."""

from __future__ import annotations

import pytest
import yaml

from tpkit.lexicon import compile_lexicon
from tpkit.registry import builtin_dir
from tpkit.text import readability, sentences, syllables, words

LEXICON_RU = compile_lexicon(
    "ru",
    {
        "plain": {"осуществлять": "делать", "в случае если": "если", "данный": "этот"},
        "forbidden": {"Я не знаю": {"instead": "Я уточню", "channels": ["phone"]}},
        "filler": ["ну", "типа", "как бы"],
        "vague": ["быстро"],
        "glossary": {"NPS": "индекс"},
    },
)


@pytest.mark.parametrize(
    "text",
    [
        "Мы осуществляем доставку.",
        "Они осуществляли уборку.",
        "Осуществляйте проверку.",
        "ОСУЩЕСТВЛЯЕТ контроль",
        "осуществлять",
    ],
)
def test_russian_word_forms_and_letter_case_match(text: str) -> None:
    assert [m.entry.instead for m in LEXICON_RU.plain.find(text)] == ["делать"]


@pytest.mark.parametrize(
    "text",
    [
        "Неосуществимо.",
        "Нужно ответить.",
        "Это тип стола.",
        "Данила пришёл.",
        "Никак быть.",
    ],
)
def test_no_false_hits_inside_other_words(text: str) -> None:
    found = [*LEXICON_RU.plain.find(text), *LEXICON_RU.filler.find(text)]
    assert found == []


def test_multi_word_entries_match_across_word_forms_and_punctuation() -> None:
    found = list(LEXICON_RU.plain.find("В случае, если гость опоздал"))
    assert [(m.surface, m.entry.instead) for m in found] == [("В случае, если", "если")]
    found = list(LEXICON_RU.forbidden.find("Ну, я не знаю."))
    assert [(m.start, m.surface) for m in found] == [(4, "я не знаю")]


def test_filler_matches_the_exact_form_only() -> None:
    assert [m.surface for m in LEXICON_RU.filler.find("Ну типа как бы так")] == [
        "Ну",
        "типа",
        "как бы",
    ]
    assert list(LEXICON_RU.filler.find("Типичный случай, нужно как быть")) == []


def test_abbreviations_outside_the_glossary() -> None:
    found = [m.group() for m in LEXICON_RU.abbreviations("NPS и ККТ, а также Wi-Fi и QR-код")]
    assert found == ["ККТ"]


def test_the_built_in_lexicons_are_rich() -> None:
    for lang in ("ru", "en"):
        data = yaml.safe_load(
            (builtin_dir("standards") / "lexicon" / f"{lang}.yaml").read_text(encoding="utf-8")
        )
        assert len(data["plain"]) >= 40 and len(data["forbidden"]) >= 20
        assert data["filler"] and data["vague"] and data["glossary"]


def test_sentences_and_words() -> None:
    text = "Гостя встречают у входа. Хостес улыбается, т. е. рада гостю! Потом — меню…"
    assert sentences(text) == [
        "Гостя встречают у входа.",
        "Хостес улыбается, т. е. рада гостю!",
        "Потом — меню…",
    ]
    assert len(words("Wi-Fi и кто-то don't 30 s")) == 6


def test_syllables() -> None:
    assert [syllables(w, "ru") for w in ("гость", "встреча", "в", "осуществление")] == [1, 2, 0, 6]
    assert [syllables(w, "en") for w in ("guest", "table", "coffee", "immediately")] == [1, 2, 2, 5]


def test_readability_follows_the_formulas() -> None:
    r = readability("Гость пришёл. Хостес встречает гостя.", "ru")
    # 5 words, 2 sentences, 10 syllables (vowels): 206.835 − 1.3·2.5 − 60.1·2
    assert r.words == 5 and r.sentences == 2 and r.syllables == 10
    assert r.score == pytest.approx(206.835 - 1.3 * 2.5 - 60.1 * 2, abs=0.05)
    e = readability("The cat sat. The dog ran home.", "en")
    assert e.words == 7 and e.sentences == 2 and e.syllables == 7
    assert e.score == pytest.approx(206.835 - 1.015 * 3.5 - 84.6, abs=0.05)
