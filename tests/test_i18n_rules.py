"""Findings, their suggestions, the rule catalogue and the summary in the language asked for:
Russian with no English around the content, English with no Russian around it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CONFIG, ROOT, TODAY, Result, foreign_words
from tpkit import batch

# Keys, values and names a message quotes as they are written in a file.
KEYS = [
    "reviewed", "review_every", "type", "time", "count", "scale", "target", "max", "min",
    "of", "unit", "lang", "venues", "language", "avoid", "instead", "say", "steps",
    "standard", "checks", "rules", "level", "yesno", "s", "h",
    "actions", "done", "note",  # a command to type as it is: tpkit actions done ID --note
]  # fmt: skip

# A Russian touchpoint that breaks many rules at once.
RUSSIAN = """\
id: restaurant.greeting
title: Встреча гостя
zone: arrival
owner: host
venues: [nevsky]
reviewed: 2020-01-10
standard: >
  Хостес осуществляет встречу гостей в течение 2 минут и ОБЯЗАТЕЛЬНО здоровается.
  Заказ принимается официантом своевременно.
steps:
  - Ну, короче, проводите гостя к столу.
  - Предложите меню ресторана «…».
say:
  - Я не знаю, уточните у администратора.
  - Я немедленно всё исправлю.
checks:
  - {id: fast, text: Гостя всегда обслуживают быстро}
  - {id: greet, text: Хостес поздоровалась и проводила гостя к столу}
  - {id: bill, text: Счёт принесли за 3 минуты, type: time}
"""

# An English touchpoint for the English-speaking hotel, with findings of its own.
ENGLISH = """\
id: hotel.checkin
title: Check-in
zone: arrival
owner: host
lang: en
venues: [harbour]
reviewed: 2026-11-01
standard: >
  The receptionist will utilize the guest's name and will always be very polite.
say:
  - No problem, I guarantee it.
checks:
  - {id: quick, text: The guest was served quickly}
"""


def quoted_removed(text: str) -> str:
    """The output without the content it quotes («…», “…”, '…'): what tpkit says itself."""
    return re.sub(r"«[^«»\n]*»|“[^“”\n]*”|'[^'\n]*'", " ", text)


def validate(cli: Callable[..., Result], root: Path, lang: str, *args: str) -> Result:
    return cli(
        "--registry", str(root), "--today", TODAY, "--lang", lang, "validate", "--no-cache", *args
    )


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(
        {
            "touchpoints/arrival/greeting.yaml": RUSSIAN,
            "touchpoints/arrival/checkin.yaml": ENGLISH,
        }
    )


def test_russian_findings_say_nothing_in_english(
    registry: Path, cli: Callable[..., Result]
) -> None:
    result = validate(cli, registry, "ru")
    assert result.code == 1
    out = result.out
    rules = set(re.findall(r"\b(?:ACC|ACH|BRF|CUR|TP)\d{3}\b", out))
    assert {"ACC002", "ACC003", "ACC004", "ACC011", "ACC012", "ACH001", "CUR001"} <= rules
    assert foreign_words(quoted_removed(out), "ru", allowed=KEYS) == []
    # what a reader notices: the level, the field named in Russian, the content in «…»
    assert "ошибка" in out and "предупреждение" in out
    assert "стандарт: «осуществляет» — канцелярит" in out
    assert "напишите «делает» вместо «осуществляет»" in out
    assert "«No problem» — запрещённая фраза" in out  # English content in Russian quotes
    assert re.search(r"✗ \d+ ошиб\w+, \d+ предупрежден\w+, 1 совет в 2 файлах", out)


def test_the_reference_registry_in_russian(cli: Callable[..., Result]) -> None:
    result = validate(cli, ROOT, "ru")
    assert result.code in (0, 1), result.err
    assert result.out.strip()
    assert foreign_words(quoted_removed(result.out), "ru", allowed=KEYS) == []
    assert re.search(r"точ\w+ контакта в \d+ файл\w+ и \d+ файл\w+ проверки\)?\.", result.out)


def test_english_findings_hold_no_russian_but_the_content(
    registry: Path, cli: Callable[..., Result]
) -> None:
    result = validate(cli, registry, "en")
    english = "\n".join(
        line for line in result.out.splitlines() if "checkin.yaml" in line or "→" in line
    )
    assert "“very”" in result.out and "is an intensifier" in result.out
    # the content: Russian words quoted, and the Russian name of what staff fill in ({имя})
    assert foreign_words(quoted_removed(result.out), "en", allowed=["имя"]) == []
    only_english = validate(cli, registry, "en", str(registry / "touchpoints/arrival/checkin.yaml"))
    assert foreign_words(only_english.out, "en") == [], english
    assert "(1 touchpoint in 1 file)" in only_english.out


def test_russian_rule_explained_with_its_examples(cli: Callable[..., Result]) -> None:
    result = cli("--lang", "ru", "rules", "ACC003")
    assert result.code == 0
    out = result.out
    assert "Запрещённая фраза в том, что говорят сотрудники" in out
    assert "Плохо:" in out and "Хорошо:" in out
    examples = ["No problem", "That's not my department", "don't say 'No problem'"]
    assert foreign_words(out, "ru", allowed=[*examples, "accessible", *KEYS]) == []


def test_every_rule_is_summed_up_in_russian(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("--lang", "ru", "rules", "--format", "json").out)
    for entry in data:
        summary = quoted_removed(entry["summary"])
        names = re.findall(r"\b[a-z_]+\b", entry["doc"])  # keys and settings named in the doc
        assert re.search("[а-яё]", summary), entry["code"]
        assert foreign_words(summary, "ru", allowed=[*KEYS, *names, "git"]) == [], entry["code"]
        for setting in entry["settings"].values():
            assert re.search("[а-яё]", setting["doc"]), entry["code"]


@pytest.mark.parametrize(
    ("count", "errors", "files", "touchpoints"),
    [
        (1, "1 ошибка", "в 1 файле", "1 точка контакта в 1 файле"),
        (2, "2 ошибки", "в 2 файлах", "2 точки контакта в 2 файлах"),
        (5, "5 ошибок", "в 5 файлах", "5 точек контакта в 5 файлах"),
        (21, "21 ошибка", "в 21 файле", "21 точка контакта в 21 файле"),
    ],
)
def test_the_summary_counts_in_russian_plural_forms(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    count: int,
    errors: str,
    files: str,
    touchpoints: str,
) -> None:
    overdue = RUSSIAN.split("standard:")[0].replace("venues: [nevsky]\n", "")
    body = "standard: Гостя встречают у входа.\nchecks:\n  - {id: c1, text: Поздоровались}\n"
    root = make_registry(
        {
            f"touchpoints/arrival/t{i}.yaml": overdue.replace("restaurant.greeting", f"t.n{i}")
            + body
            for i in range(count)
        }
    )
    result = validate(cli, root, "ru")
    last = result.out.strip().splitlines()[-1]
    assert last == f"✗ {errors} {files} ({touchpoints}).", last
    assert re.search(r"\(2\s331 день назад\)", result.out)  # 2 331: a number as Russian writes it


def test_a_clean_registry_in_russian(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    clean = (
        "id: t.ok\ntitle: Встреча\nzone: arrival\nowner: host\nvenues: [nevsky]\n"
        "reviewed: 2026-11-01\nstandard: Гостя встречают у входа.\n"
        "checks:\n  - {id: c1, text: Поздоровались с гостем}\n"
    )
    root = make_registry({"touchpoints/arrival/ok.yaml": clean})
    result = validate(cli, root, "ru")
    assert result.code == 0
    assert result.out.strip() == "✓ Замечаний нет. Проверено: 1 точка контакта в 1 файле."


def test_workers_speak_the_language_asked_for(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    files = {
        f"touchpoints/arrival/g{i}.yaml": RUSSIAN.replace("restaurant.greeting", f"r.g{i}")
        for i in range(4)
    }
    root = make_registry(files)
    result = cli(
        "--registry", str(root), "--today", TODAY, "--lang", "ru", "validate", "--jobs", "2"
    )
    assert "— канцелярит" in result.out and "is bureaucratic" not in result.out


RU_FOR_HOTEL = """\
id: t.both
title: Встреча
zone: arrival
owner: host
lang: ru
venues: [nevsky, harbour]
reviewed: 2026-11-01
standard: Гостя встречают у входа.
checks:
  - {id: c1, text: Поздоровались с гостем}
"""


def test_a_touchpoint_in_another_language_than_its_venue(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/arrival/both.yaml": RU_FOR_HOTEL})
    en = validate(cli, root, "en")
    assert en.code == 0  # a warning: the registry still passes at the default fail level
    assert (
        "touchpoints/arrival/both.yaml:5:7: warning TP007  the touchpoint is in Russian "
        "(lang: ru), but the venue 'harbour' works in English (language: en)"
    ) in en.out
    assert (
        "→ make a copy of the touchpoint in English for 'harbour' (lang: en, venues: "
        "[harbour]), or remove 'harbour' from venues"
    ) in en.out
    ru = validate(cli, root, "ru")
    assert (
        "точка контакта написана на русском (lang: ru), а заведение «harbour» работает на "
        "английском (language: en)"
    ) in ru.out
    assert "сделайте копию точки контакта на английском для «harbour»" in ru.out
    assert "или уберите «harbour» из venues" in ru.out
    assert "! 1 предупреждение в 1 файле (1 точка контакта в 1 файле)." in ru.out
    explained = cli("--lang", "ru", "rules", "TP007").out
    assert "Сделайте для этого" in explained and "Плохо:" in explained


def test_sarif_explains_the_rules_in_russian(registry: Path, cli: Callable[..., Result]) -> None:
    data = json.loads(validate(cli, registry, "ru", "--format", "sarif").out)
    driver = data["runs"][0]["tool"]["driver"]
    acc003 = next(r for r in driver["rules"] if r["id"] == "ACC003")
    assert acc003["shortDescription"]["text"].startswith("Запрещённая фраза")
    assert "**Плохо:**" in acc003["help"]["markdown"] and "```yaml" in acc003["help"]["markdown"]
    messages = [r["message"]["text"] for r in data["runs"][0]["results"]]
    assert any("— канцелярит" in m for m in messages)


# What a service director reads in the findings: units, dates, the standards and what was
# checked in the language of the output.


def spaced(text: str) -> str:
    """The output with the no-break spaces of numbers and dates (20 %, 2026 г.) as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_the_next_step_of_a_target_in_russian_units(cli: Callable[..., Result]) -> None:
    ru = validate(cli, ROOT, "ru").out
    assert "→ следующий шаг: не больше 19 ч (сейчас 24 ч)" in ru
    assert "→ следующий шаг: не больше 48 с (сейчас 1 мин)" in ru  # 0,8 мин is 48 с
    assert "→ следующий шаг: не меньше 3 (сейчас 2)" in ru
    assert "норматив уже на лучшем значении" in ru  # max 1 question of max 1 at best: no step
    steps = [line for line in ru.splitlines() if "следующий шаг" in line]
    assert steps and all(foreign_words(line, "ru") == [] for line in steps), steps
    en = validate(cli, ROOT, "en").out
    assert "→ next step: max 19 h (now 24 h)" in en
    assert "→ next step: min 3 (now 2)" in en
    assert "its target is already at its best" in en


TARGETS = """\
id: t.targets
title: Счёт
zone: payment
owner: waiter
reviewed: 2026-11-01
standard: Счёт приносят за 3 минуты.
checks:
  - {id: zero, text: Счёт принесли, type: time, target: {max: 0, unit: min}}
  - {id: menu, text: Меню подали за 2 минуты, type: time, target: {max: 5, unit: min}}
  - {id: rating, text: Оценка блюда, type: scale, target: {min: 4.5, of: 4}}
"""


def test_targets_in_findings_read_in_russian(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/payment/targets.yaml": TARGETS})
    ru = validate(cli, root, "ru").out
    assert "норматив времени 0 мин невыполним" in ru
    assert "написано «2 минуты», а норматив — ≤ 5 мин" in ru
    assert "нижняя граница (min) 4,5 выше верха шкалы 4" in ru  # 4,5: a Russian number
    en = validate(cli, root, "en").out
    assert "the time target 0 min cannot be met" in en
    assert "says «2 минуты» but its target is ≤ 5 min" in en  # Russian content, Russian quotes


def test_a_target_tightened_at_once_in_russian(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    from test_history import TIMED, commit_all, git

    root = make_registry({"touchpoints/a.yaml": TIMED})
    git(root, "init", "-q")
    commit_all(root, "start", "2026-10-01T10:00:00")
    path = root / "touchpoints" / "a.yaml"
    path.write_text(TIMED.replace("max: 60", "max: 30"), encoding="utf-8")
    args = ("--registry", str(root), "--today", TODAY, "--lang", "ru", "validate", "--no-cache")
    ru = spaced(cli(*args).out)
    assert "норматив сократили с 60 до 30 с за один раз — больше чем на 20 %" in ru
    assert "→ поднимайте его постепенно: следующий шаг — не больше 48 с" in ru
    # a step that leaves a fraction of a minute is named in seconds: 2 min → 1,6 min = 96 s
    path.write_text(TIMED.replace("max: 60, unit: s", "max: 2, unit: min"), encoding="utf-8")
    commit_all(root, "two minutes", "2026-10-02T10:00:00")
    path.write_text(TIMED.replace("max: 60, unit: s", "max: 1, unit: min"), encoding="utf-8")
    again = spaced(cli(*args).out)
    assert "норматив сократили с 2 до 1 мин за один раз" in again
    assert "следующий шаг — не больше 96 с" in again


DATED = """\
id: t.dated
title: Встреча
zone: arrival
owner: host
reviewed: {reviewed}
review_every: 180d
standard: Гостя встречают у входа.
checks:
  - {{id: c1, text: Поздоровались с гостем}}
"""
WAIVED = (
    "waivers:\n  - {rule: CUR001, touchpoint: t.old, reason: Ремонт зала, expires: 2026-03-01}\n"
)


def test_dates_in_findings_as_a_person_reads_them(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry(
        {
            "touchpoints/arrival/soon.yaml": DATED.format(reviewed="2026-06-01"),
            "touchpoints/arrival/old.yaml": DATED.format(reviewed="2025-01-10").replace(
                "t.dated", "t.old"
            ),
            "touchpoints/arrival/future.yaml": DATED.format(reviewed="2027-01-15").replace(
                "t.dated", "t.future"
            ),
        },
        config=CONFIG + WAIVED,
    )
    ru = spaced(validate(cli, root, "ru").out)
    assert "срок пересмотра — 28 ноября 2026 г. (через 3 дня)" in ru
    assert "последний был 10 января 2025 г., срок — 9 июля 2025 г." in ru
    assert "15 января 2027 г., это дата в будущем (сегодня 25 ноября 2026 г.)" in ru
    assert "истекло 1 марта 2026 г." in ru
    assert "напишите reviewed: 2026-11-25" in ru  # what to write in the file stays as written
    assert "не позже 2026-11-25" in ru  # so is the date to write instead of a future one
    shown = ru.replace("reviewed: 2026-11-25", "").replace("не позже 2026-11-25", "")
    assert not re.search(r"\d{4}-\d\d-\d\d", shown)
    en = validate(cli, root, "en").out
    assert "the review is due on November 28, 2026 (in 3 days)" in en
    assert "expired on March 1, 2026" in en


def test_the_rule_catalogue_names_the_standards_in_russian(cli: Callable[..., Result]) -> None:
    table = cli("--lang", "ru", "rules").out
    rows = {line.split()[0]: line.split()[1] for line in table.splitlines() if line[:3].isupper()}
    assert (rows["TP001"], rows["CUR001"], rows["ACC003"], rows["BRF001"], rows["ACH001"]) == (
        "схема",
        "актуальность",
        "доступность",
        "краткость",
        "достижимость",
    )
    assert "accessible" not in table and "achievable" not in table
    assert cli("--lang", "ru", "rules", "ACC003").out.startswith("ACC003  доступность · ошибка")
    assert cli("--lang", "en", "rules", "ACC003").out.startswith("ACC003  accessible · error")
    data = json.loads(cli("--lang", "ru", "rules", "ACC003", "--format", "json").out)
    assert data["standard"] == "accessible"  # JSON keeps the id


def make_audit(cli: Callable[..., Result], root: Path, date: str, answers: dict[str, str]) -> Path:
    from audit_helpers import fill

    form = cli("--registry", str(root), "--today", date, "audit", "form", "--venue", "nevsky")
    assert form.code == 0, form.err
    path = root / "audits" / "nevsky" / f"{date}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form.out, answers), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (1, "1 файл проверки", "1 audit file"),
        (2, "2 файла проверки", "2 audit files"),
        (5, "5 файлов проверки", "5 audit files"),
    ],
)
def test_audit_files_checked_are_counted_as_audit_files(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    count: int,
    ru: str,
    en: str,
) -> None:
    from audit_helpers import FILES

    root = make_registry(FILES)
    for day in range(count):
        make_audit(cli, root, f"2026-11-{10 + day}", {})
    audits = str(root / "audits")
    assert validate(cli, root, "ru", audits).out.strip() == f"✓ Замечаний нет. Проверено: {ru}."
    assert validate(cli, root, "en", audits).out.strip() == f"✓ No problems: {en} checked."
    both = validate(cli, root, "ru").out.strip().splitlines()[-1]
    assert both.endswith(f"(3 точки контакта в 3 файлах и {ru}).") or both.endswith(
        f"Проверено: 3 точки контакта в 3 файлах и {ru}."
    ), both


def test_a_missing_photo_of_an_audit_is_a_warning_of_validate(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    from audit_helpers import FILES, IDS

    root = make_registry(FILES)
    path = make_audit(cli, root, "2026-11-20", {IDS[1]: "result: pass, evidence: photos/coat.jpg"})
    ru = validate(cli, root, "ru", str(path))
    assert ru.code == 0  # a warning: it does not fail
    assert "предупреждение TP006  фото photos/coat.jpg не найдено" in ru.out, ru.out
    assert ru.out.strip().endswith("(1 файл проверки).")
    en = validate(cli, root, "en", str(path))
    assert "warning TP006  the photo 'photos/coat.jpg' does not exist" in en.out, en.out
    (root / "photos").mkdir()
    (root / "photos" / "coat.jpg").write_bytes(b"\xff\xd8\xff")
    assert "TP006" not in validate(cli, root, "en", str(path)).out
