"""Word forms: every form of an entry is found and only forms of it, and a replacement takes
the form of the word it replaces, in real sentence shapes."""

from __future__ import annotations

import pytest

from tpkit.lexicon import compile_lexicon
from tpkit.phrases import Words
from tpkit.suggest import replacement
from tpkit.text import WORD_RE

RU = compile_lexicon(
    "ru",
    {
        "plain": {
            "осуществлять": "делать",
            "надлежащий": "нужный",
            "данный": {"instead": "этот", "pos": "ADJ"},
            "обеспечить": "проследить",
            "в связи с": "из-за",
            "в течение": {"instead": "за", "case": "accs"},
            "насчёт": "о",
            "клиент": "гость",
            "осуществлять контроль": "проверять",
            "иметь место": "быть",
        },
        "forbidden": {"Ждите": "Подождите, пожалуйста", "Я не знаю": "Сейчас уточню"},
    },
)
EN = compile_lexicon(
    "en",
    {
        "plain": {
            "utilize": "use",
            "utilise": "use",
            "ensure": "make sure",
            "assistance": "help",
            "commence": "start",
            "prior to": "before",
        },
        "forbidden": {"Hold on": "One moment, please", "I don't know": "Let me find out"},
    },
)


def fitted(lexicon: object, lang: str, text: str) -> list[tuple[str, str]]:
    """(the words replaced, what stands in their place) for each plain-word match."""
    words = Words(text, WORD_RE.findall(text))
    out = []
    for m in lexicon.plain.find(words):  # type: ignore[attr-defined]
        r = replacement(m, words, lang)
        out.append((r.old, r.new))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Официант осуществляет подачу меню.", [("осуществляет", "делает")]),
        ("Официанты осуществляли подачу.", [("осуществляли", "делали")]),
        ("Обеспечьте порядок в зале.", [("Обеспечьте", "Проследите")]),
        ("Для данного гостя готовят стол.", [("данного", "этого")]),
        ("С надлежащим вниманием.", [("надлежащим", "нужным")]),
        ("В связи с ремонтом зал закрыт.", [("В связи с ремонтом", "Из-за ремонта")]),
        ("Воду приносят в течение 3 минут.", [("в течение 3 минут", "за 3 минуты")]),
        ("Счёт приносят в течение пяти минут.", [("в течение пяти минут", "за пять минут")]),
        ("Ответ дают в течение минуты.", [("в течение минуты", "за минуту")]),
        ("Спросите насчёт гостя.", [("насчёт гостя", "о госте")]),
        ("Клиентам дарят десерт.", [("Клиентам", "Гостям")]),
        ("Менеджер осуществляет контроль зала.", [("осуществляет контроль", "проверяет")]),
        ("Ошибка имела место вчера.", [("имела место", "была")]),
    ],
)
def test_a_russian_replacement_takes_the_form_of_the_word(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert fitted(RU, "ru", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff utilized the form.", [("utilized", "used")]),
        ("The form is utilised daily.", [("utilised", "used")]),
        ("He ensures that the door is shut.", [("ensures", "makes sure")]),
        ("Ensure the guest is seated.", [("Ensure", "Make sure")]),
        ("Assistance is offered at the desk.", [("Assistance", "Help")]),
        ("Staff commenced service at six.", [("commenced", "started")]),
        ("Prior to arrival, email the guest.", [("Prior to", "Before")]),
    ],
)
def test_an_english_replacement_keeps_tense_and_number(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert fitted(EN, "en", text) == expected


@pytest.mark.parametrize(
    ("lexicon", "lang", "text", "why"),
    [
        (RU, "ru", "Спросите о гостях насчёт заказа.", ""),  # stays safe: «о заказе»
        (EN, "en", "Quality will be ensured.", "active voice"),
    ],
)
def test_where_no_form_is_safe_the_answer_says_what_to_rewrite(
    lexicon: object, lang: str, text: str, why: str
) -> None:
    words = Words(text, WORD_RE.findall(text))
    found = [replacement(m, words, lang) for m in lexicon.plain.find(words)]  # type: ignore[attr-defined]
    assert found
    if why:
        assert not found[0].safe and why in found[0].why
    else:
        assert found[0].safe and found[0].new == "о заказе"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Простыми словами объясните меню.", []),  # a shared stem is not the entry
        ("Я не знала, что вы придёте.", ["Я не знала"]),  # another form of the phrase
        ("Ждите здесь.", ["Ждите"]),
        ("Ждём вас снова!", []),  # the verb, but not the command
    ],
)
def test_russian_phrases_match_by_lemma_and_only_by_lemma(text: str, found: list[str]) -> None:
    assert [m.surface for m in RU.forbidden.find(text)] + [
        m.surface for m in RU.plain.find(text)
    ] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hold on, please.", ["Hold on"]),
        ("A deposit is held on your card.", []),
        ("The final bill and the card terminal.", []),  # not "finalize", not "terminate"
    ],
)
def test_english_phrases_match_by_lemma_and_only_by_lemma(text: str, found: list[str]) -> None:
    assert [m.surface for m in EN.forbidden.find(text)] + [
        m.surface for m in EN.plain.find(text)
    ] == found
