"""Readability a manager can act on (ACC001): plain paragraphs of service standards pass and
officialese fails with the default settings, in Russian and in English; the finding names
the school level, the sentences to split and the words to replace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from tpkit.registry import load_registry
from tpkit.rules import get
from tpkit.services import validate
from tpkit.text import (
    grade_level,
    hard_words,
    opening,
    readability,
    school_level,
    scored_syllables,
    syllables,
    words,
)

TODAY = dt.date(2026, 11, 25)

# Paragraphs written the way service standards are: half plain, half officialese. Plain ones
# use ordinary words, long everyday ones among them (администратор, бронирование,
# reservation); the officialese ones say the same things the way a bad standard does.
RU_PLAIN = [
    "Гостя встречают у входа за 30 секунд. Хостес улыбается и здоровается первой. "
    "Потом предлагает помочь с верхней одеждой и провожает гостя к столу.",
    "Официант подходит к столу через минуту после посадки. Он здоровается, представляется "
    "и приносит меню. Если гость торопится, официант сразу предлагает блюда, которые "
    "готовят быстро.",
    "Администратор встречает посетителей у входа и предлагает свободный столик. Официант "
    "приносит меню и рассказывает о сегодняшних блюдах шеф-повара. Бронирование "
    "подтверждают по телефону за день до визита гостя.",
    "Счёт приносят через две минуты после просьбы гостя. Официант кладёт его в папку и "
    "ставит на край стола. Карту принимают у стола: терминал официант приносит с собой.",
    "Официант спрашивает об аллергии до заказа. Если гость называет продукт, официант "
    "записывает его в заказ и предупреждает повара. Блюдо приносит тот же официант и ещё "
    "раз называет, из чего оно приготовлено.",
    "Если гость недоволен, выслушайте его до конца и не перебивайте. Извинитесь и "
    "предложите решение: заменить блюдо или убрать его из счёта. О жалобе сразу скажите "
    "администратору смены.",
    "Гостя провожают до двери и благодарят за визит. Хостес подаёт одежду и желает хорошего "
    "вечера. Если на улице дождь, гостю предлагают зонт или вызывают такси.",
    "На звонок отвечают до третьего гудка. Администратор называет ресторан и своё имя. "
    "Бронирование записывают сразу, а потом повторяют гостю дату, время и число гостей.",
    "Официантка обязательно спрашивает, какой прожарки гость хочет стейк. Вегетарианские "
    "и безалкогольные блюда она показывает в меню отдельно. Если блюда нет, она сразу "
    "предлагает похожее.",
    "Стол убирают в течение двух минут после ухода гостя. Официант уносит посуду, "
    "протирает стол и раскладывает чистые приборы. Потом администратор сажает за этот стол "
    "следующих гостей.",
    "Горничная убирает номер до двух часов дня. Она меняет полотенца, заправляет кровать и "
    "выносит мусор. Если на двери табличка «Не беспокоить», она не стучит и приходит позже.",
]

RU_OFFICIALESE = [
    "В целях обеспечения надлежащего уровня гостеприимства сотрудник, осуществляющий "
    "встречу посетителей, обязан незамедлительно осуществлять приветствие каждого "
    "входящего посетителя с соблюдением требований корпоративного стандарта.",
    "Администратор зала осуществляет контроль за соблюдением персоналом установленных "
    "стандартов обслуживания посетителей. При возникновении конфликтной ситуации "
    "необходимо незамедлительно проинформировать руководство предприятия.",
    "Предоставление счёта осуществляется официантом исключительно по запросу посетителя в "
    "течение регламентированного временного интервала, не превышающего двух минут с "
    "момента поступления соответствующего обращения.",
    "В случае выявления у посетителя аллергических реакций на отдельные компоненты блюд "
    "сотрудник обязан обеспечить информирование производственного персонала и надлежащую "
    "маркировку соответствующей позиции заказа.",
    "Реагирование на претензии посетителей производится в соответствии с утверждённым "
    "регламентом урегулирования конфликтных ситуаций с последующим документальным "
    "оформлением результатов рассмотрения обращения.",
    "По завершении обслуживания сотрудником обеспечивается сопровождение посетителей к "
    "выходу с выражением признательности за посещение предприятия и осуществлением выдачи "
    "верхней одежды.",
    "Приём телефонных обращений осуществляется ответственным сотрудником незамедлительно, "
    "с обязательной идентификацией организации и фиксацией параметров бронирования в "
    "автоматизированной информационной системе.",
    "Персоналу надлежит обеспечивать поддержание надлежащего санитарного состояния "
    "обеденного зала на протяжении всего периода функционирования предприятия с "
    "периодичностью, установленной внутренними нормативными документами.",
    "Обслуживание посетителей осуществляется в соответствии с установленными требованиями. "
    "Сотрудникам надлежит обеспечивать неукоснительное соблюдение регламента. "
    "Выявленные нарушения подлежат незамедлительному устранению.",
    "Уборка освободившегося стола производится в максимально сжатые сроки посредством "
    "удаления использованной посуды, санитарной обработки поверхности и последующей "
    "сервировки согласно утверждённой схеме.",
    "Сотрудникам ресторана запрещается осуществление личных телефонных переговоров в "
    "присутствии посетителей, за исключением ситуаций, требующих незамедлительного "
    "реагирования.",
]

EN_PLAIN = [
    "Check-in takes no more than five minutes. The receptionist smiles, says hello and "
    "uses the guest's name. She explains breakfast times and the wifi.",
    "Answer the phone within three rings. Say the hotel's name and your own. Write the "
    "booking down at once, then read back the date, the time and the number of guests.",
    "The waiter asks about allergies before taking the order. If a guest names a food, he "
    "writes it on the ticket and tells the chef. The same waiter brings the dish and says "
    "what is in it.",
    "Bring the bill within two minutes of the guest asking. Put it in the folder at the "
    "edge of the table. Bring the card machine to the table and never take the card away.",
    "If a guest complains, listen to the end and do not interrupt. Say sorry and offer a "
    "fix: a new dish, or take it off the bill. Tell the duty manager straight away.",
    "The room is ready by two o'clock. Housekeeping checks the bed, the towels and the "
    "minibar. If a room is late, the front desk offers the guest a coffee and a place to "
    "wait.",
    "The receptionist confirms every reservation by email on the same day. She tells the "
    "guest about parking and breakfast. Vegetarian and gluten-free dishes are available "
    "on request.",
    "Say goodbye at the door and thank the guest for staying. Offer help with the luggage. "
    "If it is raining, offer an umbrella or call a taxi.",
    "Clear the table within two minutes after the guests leave. Take the plates away, "
    "wipe the table and lay clean cutlery. Then the host seats the next guests there.",
    "When a guest asks for directions, walk them part of the way. Point to the lift or the "
    "door and say how long it takes. Offer a map if they are going out.",
    "Housekeeping cleans the room before two in the afternoon. Change the towels, make the "
    "bed and empty the bins. If the door sign says Do Not Disturb, do not knock; come back "
    "later.",
]

EN_OFFICIALESE = [
    "Reception personnel shall ascertain the availability of accommodation prior to "
    "commencement of the registration procedure. Subsequently, the individual responsible "
    "shall communicate the applicable terms and conditions.",
    "In order to facilitate the optimal utilization of departmental resources, all "
    "personnel are required to ensure that guest enquiries are addressed expeditiously and "
    "in accordance with established operational procedures.",
    "Upon receipt of a request for settlement of the account, the designated service "
    "associate shall present the appropriate documentation within a timeframe not "
    "exceeding two minutes.",
    "In the event that a guest discloses an allergy or intolerance, the associate is "
    "obligated to notify the culinary team and to ensure appropriate identification of the "
    "corresponding order item.",
    "Complaints received from patrons shall be processed in accordance with the "
    "organization's established resolution methodology, with subsequent documentation of "
    "all remedial actions undertaken.",
    "Housekeeping personnel are responsible for the comprehensive sanitization of "
    "accommodation units, including verification of the operational functionality of all "
    "amenities, prior to the designated arrival time.",
    "All telephone communications must be acknowledged by the responsible staff member "
    "without unnecessary delay, with mandatory identification of the establishment and "
    "documentation of reservation particulars.",
    "Guest satisfaction is prioritized organizationally. Personnel should demonstrate "
    "professionalism consistently. Deviations necessitate immediate escalation to "
    "management.",
    "Following the departure of patrons, the table area shall be restored to operational "
    "readiness through the removal of utilized tableware and the subsequent "
    "reinstallation of cutlery.",
    "Associates are expected to provide navigational assistance to guests requesting "
    "directional information, utilizing available orientation materials where "
    "appropriate.",
    "Personnel are prohibited from engaging in personal telephone conversations in the "
    "presence of guests, except in circumstances necessitating immediate intervention.",
]


def touchpoint(n: int, lang: str, text: str) -> str:
    return (
        f"id: t.p{n}\ntitle: Абзац\nzone: arrival\nowner: host\nreviewed: 2026-11-01\n"
        f"lang: {lang}\nstandard: >\n  {text}\nchecks:\n  - {{id: c1, text: Проверка}}\n"
    )


PARAGRAPHS = [
    *(("ru", True, t) for t in RU_PLAIN),
    *(("ru", False, t) for t in RU_OFFICIALESE),
    *(("en", True, t) for t in EN_PLAIN),
    *(("en", False, t) for t in EN_OFFICIALESE),
]


def test_there_are_enough_paragraphs_of_each_kind() -> None:
    for group in (RU_PLAIN, RU_OFFICIALESE, EN_PLAIN, EN_OFFICIALESE):
        assert len(group) >= 6
    assert len(RU_PLAIN) + len(RU_OFFICIALESE) >= 12
    assert len(EN_PLAIN) + len(EN_OFFICIALESE) >= 12


def test_plain_paragraphs_pass_and_officialese_fails(make_registry: Callable[..., Path]) -> None:
    files = {
        f"touchpoints/p{n}.yaml": touchpoint(n, lang, text)
        for n, (lang, _, text) in enumerate(PARAGRAPHS)
    }
    report = validate(load_registry(make_registry(files)), TODAY, use_git=False)
    flagged = {p.touchpoint for p in report.problems if p.rule == "ACC001"}
    for n, (lang, plain, text) in enumerate(PARAGRAPHS):
        grade = readability(text, lang).grade
        if plain:
            assert f"t.p{n}" not in flagged, f"plain {lang}, grade {grade}: {text}"
        else:
            assert f"t.p{n}" in flagged, f"officialese {lang}, grade {grade}: {text}"


def test_the_defaults_sit_in_the_gap_between_plain_and_officialese() -> None:
    limits = get("ACC001").params["max_grade"].default
    for lang, plain, officialese in (
        ("ru", RU_PLAIN, RU_OFFICIALESE),
        ("en", EN_PLAIN, EN_OFFICIALESE),
    ):
        worst_plain = max(readability(t, lang).grade for t in plain)
        best_officialese = min(readability(t, lang).grade for t in officialese)
        # a margin of a grade or more on either side of the limit
        assert worst_plain + 1 <= limits[lang] < best_officialese - 5, lang


def test_the_reference_registry_reads_plainly() -> None:
    registry = load_registry(ROOT)
    report = validate(registry, TODAY, use_git=False)
    assert [p for p in report.problems if p.rule == "ACC001"] == []
    grades = {tp.id: readability(tp.standard, tp.lang).grade for tp in registry.touchpoints}
    assert max(grades.values()) < 9


def test_the_finding_says_the_school_level_and_what_to_change(
    make_registry: Callable[..., Path],
) -> None:
    files = {
        "touchpoints/ru.yaml": touchpoint(1, "ru", RU_OFFICIALESE[0]),
        "touchpoints/en.yaml": touchpoint(2, "en", EN_OFFICIALESE[1]),
    }
    report = validate(load_registry(make_registry(files)), TODAY, use_git=False)
    ru, en = (p for p in sorted(report.problems, key=lambda p: p.touchpoint) if p.rule == "ACC001")
    assert ru.message == (
        "the standard reads like a legal document (grade 18+); aim for grade 10 or lower"
    )
    assert ru.suggestion.startswith("split the sentence «В целях обеспечения надлежащего уровня…»")
    assert "(22 words)" in ru.suggestion
    assert "replace «обеспечения», «осуществляющий», «незамедлительно»" in ru.suggestion
    assert en.message.endswith("aim for grade 9 or lower")
    assert "“In order to facilitate the…” (29 words)" in en.suggestion
    assert "“utilization”, “expeditiously”" in en.suggestion
    assert "«" not in en.suggestion and "“" not in ru.suggestion


def test_a_registry_may_set_its_own_limits(make_registry: Callable[..., Path]) -> None:
    files = {
        "touchpoints/p.yaml": touchpoint(1, "ru", RU_PLAIN[1]),  # grade 9
        "standards/accessible.yaml": "rules:\n  ACC001: {max_grade: {ru: 6}, hard_syllables: 4}\n",
    }
    found = [
        p
        for p in validate(load_registry(make_registry(files)), TODAY, use_git=False).problems
        if p.rule == "ACC001"
    ]
    assert [p.message for p in found] == [
        "the standard reads like a high-school textbook (grade 9); aim for grade 6 or lower"
    ]
    files["standards/accessible.yaml"] = "rules:\n  ACC001: {min_words: 40}\n"
    report = validate(load_registry(make_registry(files)), TODAY, use_git=False)
    assert [p for p in report.problems if p.rule == "ACC001"] == []


# ---- the parts --------------------------------------------------------------------------


def test_the_grade_follows_the_published_formulas() -> None:
    # 10 words, 2 sentences, 25 syllables
    assert grade_level(10, 2, 25, "ru") == pytest.approx(0.318 * 5 + 14.2 * 2.5 - 30.5)
    assert grade_level(10, 2, 15, "en") == pytest.approx(0.39 * 5 + 11.8 * 1.5 - 15.59)
    assert grade_level(0, 0, 0, "ru") == 0.0
    r = readability("The cat sat. The dog ran home.", "en")
    assert r.grade == pytest.approx(0.39 * 3.5 + 11.8 * 1 - 15.59, abs=0.05)


def test_everyday_long_words_count_as_three_syllables_in_any_form() -> None:
    for word in ("администратор", "администратору", "посетителями", "бронирования"):
        assert syllables(word, "ru") > 3 and scored_syllables(word, "ru") == 3, word
    for word in ("reservation", "reservations", "information"):
        assert syllables(word, "en") > 3 and scored_syllables(word, "en") == 3, word
    assert scored_syllables("незамедлительно", "ru") == 6
    assert scored_syllables("accommodation", "en") == 5


@pytest.mark.parametrize(
    ("lang", "text", "hard"),
    [
        (
            "ru",
            "Администратор незамедлительно осуществляющий здоровается рассказывает "
            "перебивайте бронирования надлежащего ККТ 2026",
            ["незамедлительно", "осуществляющий", "надлежащего"],
        ),
        (
            "en",
            "The receptionist immediately facilitates reservations and documentation NPS",
            ["immediately", "documentation", "facilitates"],
        ),
    ],
)
def test_hard_words_leave_out_everyday_words_verbs_numbers_and_abbreviations(
    lang: str, text: str, hard: list[str]
) -> None:
    assert hard_words(words(text), lang, 5 if lang == "ru" else 4) == hard


def test_hard_words_are_named_once_as_first_written() -> None:
    ws = words("Незамедлительно и незамедлительно, затем НЕЗАМЕДЛИТЕЛЬНО.")
    assert hard_words(ws, "ru", 5) == ["Незамедлительно"]


@pytest.mark.parametrize(
    ("grade", "said"),
    [
        (-3.0, "a primary-school book (grade 1)"),
        (3.6, "a primary-school book (grade 4)"),
        (7.2, "a middle-school book (grade 7)"),
        (9.4, "a high-school textbook (grade 9)"),
        (15.0, "a university textbook (grade 15)"),
        (17.4, "a legal document (grade 17)"),
        (31.0, "a legal document (grade 18+)"),
    ],
)
def test_the_school_level_in_words(grade: float, said: str) -> None:
    assert school_level(grade) == said


def test_a_sentence_is_quoted_by_its_first_words() -> None:
    assert opening("В целях обеспечения надлежащего уровня гостеприимства сотрудник.") == (
        "В целях обеспечения надлежащего уровня…"
    )
    assert opening("Гостя встречают у входа.") == "Гостя встречают у входа"
    assert opening("Wi-Fi is free, and the guest's room is ready.", 3) == "Wi-Fi is free…"


def test_a_very_long_text_is_scored_in_linear_time() -> None:
    import time

    text = " ".join(["Гостя встречают у входа."] * 20_000)
    start = time.perf_counter()
    r = readability(text, "ru")
    hard_words(words(text), "ru", 5)
    assert r.sentences == 20_000 and time.perf_counter() - start < 5
