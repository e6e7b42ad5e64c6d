"""The command line in Russian: help, usage errors, tables and messages, with the words of
click and typer too; English where a person asks for it; the registry's language otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CONFIG, ROOT, TOUCHPOINT, Result, foreign_words
from tpkit import i18n
from tpkit.registry import Registry, load_registry

Cli = Callable[..., Result]
REF = ("--registry", str(ROOT), "--today", "2027-06-01")
COMMANDS = ["validate", "rules", "schema", "list", "show", "due", "init", "audit", "feedback"]
COMMANDS += ["render", "import", "nps", "new", "resume", "form", "score", "trend"]
COMMANDS += ["status", "export", "ack", "actions"]


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables wide enough that no word is split between two lines."""
    monkeypatch.setenv("COLUMNS", "400")


def reference() -> Registry:
    return load_registry(ROOT)


def ids_and_titles() -> list[str]:
    """The registry's own words, which stay as it writes them: ids and titles."""
    registry = reference()
    config = registry.config
    words = [tp.id for tp in registry.touchpoints]
    words += [tp.title for tp in registry.touchpoints]
    for item in (*config.zones, *config.roles, *config.venues):
        words += [item.id, item.title, *item.titles.values()]
    return words


def test_help_is_russian(cli: Cli) -> None:
    result = cli(*REF, "--lang", "ru", "--help")
    assert result.code == 0
    text = result.out
    assert "Использование: tpkit [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..." in text
    assert "Параметры:" in text and "Команды:" in text
    assert "Показать эту справку и выйти." in text
    assert "<путь>" in text  # the kind of value of --registry
    assert (
        foreign_words(text, "ru", allowed=[*COMMANDS, "ru", "en", "LANG", "JSON", "Schema"]) == []
    )


def test_help_of_a_command_is_russian(cli: Cli) -> None:
    result = cli(*REF, "--lang", "ru", "validate", "--help")
    assert result.code == 0
    text = result.out
    assert "Использование: tpkit validate [ПАРАМЕТРЫ] [ПУТИ]..." in text
    assert "Аргументы:" in text and "[по умолчанию: auto]" in text
    assert "[не меньше 0]" in text and "x>=" not in text  # the range of --jobs, in words
    values = ["auto", "text", "json", "github", "sarif", "junit", "error", "warning", "info"]
    names = ["GitHub", "Actions", "code", "scanning", "CI", "unified", "diff", "HEAD"]
    wrapped = ["level"]  # --fail-level is wrapped at its hyphen, in English too
    assert foreign_words(text, "ru", allowed=[*values, *names, *wrapped, *COMMANDS]) == []


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (("audit", "score"), "tpkit audit score [ПАРАМЕТРЫ] {ФАЙЛЫ}..."),
        (("render", "report"), "tpkit render report [ПАРАМЕТРЫ] {ФАЙЛЫ}..."),
        (("audit", "resume"), "tpkit audit resume [ПАРАМЕТРЫ] {ФАЙЛ}"),
    ],
)
def test_arguments_are_named_in_russian(cli: Cli, command: tuple[str, ...], usage: str) -> None:
    helped = cli(*REF, "--lang", "ru", *command, "--help")
    assert "Использование: " + usage in helped.out
    assert "{files}" not in helped.out and "{file}" not in helped.out
    allowed = [*COMMANDS, *command, "text", "json", "md", "html", "pdf"]
    assert foreign_words(helped.out, "ru", allowed=allowed) == []
    english = cli(*REF, "--lang", "en", *command, "--help")
    assert (
        "Usage: "
        + usage.replace("[ПАРАМЕТРЫ]", "[OPTIONS]").replace("ФАЙЛЫ", "FILE").replace("ФАЙЛ", "FILE")
        in english.out
    )


def test_every_argument_of_every_command_is_named_in_russian() -> None:
    import typer

    from tpkit.cli.app import build_app, translate_library_words

    with i18n.language("ru"):
        command = typer.main.get_command(build_app())
        translate_library_words(command)
    todo, names = [command], {}
    while todo:
        cmd = todo.pop()
        for param in cmd.params:
            if param.param_type_name == "argument":
                names[f"{cmd.name} {param.name}"] = param.metavar
        todo.extend(getattr(cmd, "commands", {}).values())
    assert names["score files"] == "ФАЙЛЫ" and names["validate paths"] == "ПУТИ"
    kept = {"ID", "csv"}  # a touchpoint's id, and the kind of file to give
    latin = {k: v for k, v in names.items() if set(re.findall("[A-Za-z]+", v or "")) - kept}
    assert latin == {}


def test_a_missing_list_of_files_is_named_in_either_language(cli: Cli) -> None:
    russian = cli(*REF, "--lang", "ru", "audit", "score")
    assert russian.code == 2
    assert "Ошибка: Не указан аргумент 'ФАЙЛЫ'." in russian.err
    assert "files" not in russian.err
    english = cli(*REF, "--lang", "en", "render", "report")
    assert "Error: Missing argument 'FILE'." in english.err


def test_list_names_zones_and_roles_by_their_titles(cli: Cli, wide: None) -> None:
    russian = cli(*REF, "--lang", "ru", "list")
    bill = next(line for line in russian.out.splitlines() if "restaurant.bill " in line)
    assert "Расчёт" in bill and "Официант" in bill
    assert "payment" not in bill and "waiter" not in bill
    deposit = next(line for line in russian.out.splitlines() if "hotel.deposit " in line)
    assert (
        "Администратор стойки регистрации, Менеджер смены" in deposit
    )  # a hotel's, in the output's
    english = cli(*REF, "--lang", "en", "list")
    bill = next(line for line in english.out.splitlines() if "restaurant.bill " in line)
    assert "Payment" in bill and "Waiter" in bill and "waiter" not in bill
    # the ids, which --zone and --role take, stay in --json
    import json

    rows = json.loads(cli(*REF, "list", "--json").out)
    row = next(r for r in rows if r["id"] == "restaurant.bill")
    assert row["zone"] == "payment" and row["roles"] == ["waiter"]


def test_a_title_typed_for_a_zone_is_answered_with_its_id(cli: Cli) -> None:
    result = cli(*REF, "--lang", "ru", "list", "--zone", "Расчёт")
    assert result.code == 2
    assert "возможно, вы имели в виду 'payment'?" in result.err
    assert "payment (Расчёт)" in result.err  # the ids to type, with the titles list shows


def test_due_names_the_owner_by_the_roles_title(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "due", "--within", "3650d")
    assert "Директор по сервису" in result.out and "Менеджер смены" in result.out
    assert "service-director" not in result.out and " manager " not in result.out
    english = cli(*REF, "--lang", "en", "due", "--within", "3650d")
    assert "Service director" in english.out and "service-director" not in english.out


def test_guests_comments_name_the_venue_by_its_title(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "show", "restaurant.bill")
    assert re.search(r" · Ресторан «Невский, 12» · \d+/10", result.out)
    assert " · nevsky · " not in result.out


def test_list_is_russian(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "list")
    assert result.code == 0
    text = result.out
    for header in ("Зона", "Точка контакта", "Название", "Канал", "Роли", "Проверки"):
        assert header in text
    count = len(reference().touchpoints)
    with i18n.language("ru"):
        assert i18n.n_("{n} touchpoint.", "{n} touchpoints.", count) in text
    assert foreign_words(text, "ru", allowed=ids_and_titles()) == []


def test_show_of_a_russian_touchpoint_is_russian(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "show", "restaurant.bill")
    assert result.code == 0
    text = result.out
    for label in ("Зона", "Ответственный", "Стандарт", "Что сказали гости", "Проверка"):
        assert label in text
    assert "Официант (waiter)" in text and "≤ 3 мин" in text
    assert foreign_words(text, "ru", allowed=ids_and_titles()) == []


def test_show_speaks_the_touchpoints_language(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, wide: None
) -> None:
    monkeypatch.delenv("TPKIT_LANG")
    hotel = cli(*REF, "show", "hotel.directions")
    assert "Zone" in hotel.out and "Reviewed" in hotel.out and "Зона" not in hotel.out
    restaurant = cli(*REF, "show", "restaurant.bill")
    assert "Зона" in restaurant.out and "Reviewed" not in restaurant.out


def test_due_is_russian(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "due")
    assert result.code == 0
    text = result.out
    assert "Срок" in text and "Ответственный" in text
    assert "просрочено на " in text and "К пересмотру: " in text
    assert "2026\N{NARROW NO-BREAK SPACE}г." in text  # dates as Russian writes them
    assert foreign_words(text, "ru", allowed=ids_and_titles()) == []


def test_rules_listing_is_russian(cli: Cli, wide: None) -> None:
    from tpkit.rules import all_rules

    result = cli(*REF, "--lang", "ru", "rules")
    assert result.code == 0
    text = result.out
    assert "Правило" in text and "Уровень" in text and "Что находит" in text
    assert "ошибка" in text and "предупреждение" in text
    assert "Запустите 'tpkit rules КОД'" in text
    with i18n.language("ru"):  # the rules' summaries are translated with the rules
        summaries = [r.summary for r in all_rules()]
    standards = ["schema", "current", "accessible", "brief", "achievable"]
    assert foreign_words(text, "ru", allowed=[*summaries, *standards, *COMMANDS]) == []


def test_an_unknown_option_is_told_in_russian(cli: Cli) -> None:
    result = cli(*REF, "--lang", "ru", "list", "--bogus")
    assert result.code == 2
    assert "Использование: tpkit list [ПАРАМЕТРЫ]" in result.err
    assert "Справка: 'tpkit list -h'." in result.err
    assert "Ошибка: Нет такого параметра: --bogus" in result.err
    assert foreign_words(result.err, "ru", allowed=COMMANDS) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("show",), "Ошибка: Не указан аргумент 'ID'."),
        (("audit", "score"), "Ошибка: Не указан аргумент 'ФАЙЛЫ'."),
        (("validate", "-j", "abc"), "Недопустимое значение '--jobs' / '-j': напишите целое число"),
        (("validate", "-j", "-1"), "напишите число не меньше 0"),
        (("lst",), "Нет такой команды: 'lst'; возможно, вы имели в виду 'list'?"),
        (("show", "a", "b"), "Лишние аргументы (b)"),
        (("validate", "--base"), "Параметру '--base' нужно значение."),
        (("validate", "-f", "jsn"), "'jsn' — не одно из значений auto, text, json"),
    ],
)
def test_the_librarys_usage_errors_are_russian(cli: Cli, args: tuple[str, ...], said: str) -> None:
    result = cli(*REF, "--lang", "ru", *args)
    assert result.code == 2
    assert said in result.err, result.err
    values = ["auto", "text", "json", "github", "sarif", "junit", "lst", "abc", "jsn"]
    assert foreign_words(result.err, "ru", allowed=[*values, *COMMANDS]) == []


def test_an_unknown_zone_is_told_in_russian_with_the_closest(cli: Cli) -> None:
    result = cli(*REF, "--lang", "ru", "list", "--zone", "arival")
    assert result.code == 2
    assert "tpkit: ошибка: --zone 'arival' — не зона этого реестра" in result.err
    assert "возможно, вы имели в виду 'arrival'?" in result.err
    assert foreign_words(result.err, "ru", allowed=[*ids_and_titles(), "arival"]) == []


def test_english_is_asked_for_on_a_russian_registry(cli: Cli, wide: None) -> None:
    listing = cli(*REF, "--lang", "en", "list")
    assert "Zone" in listing.out and "Touchpoint" in listing.out and "touchpoints." in listing.out
    assert "Зона" not in listing.out
    shown = cli(*REF, "--lang", "en", "show", "restaurant.bill")
    assert "Reviewed" in shown.out and "Waiter (waiter)" in shown.out and "≤ 3 min" in shown.out
    helped = cli(*REF, "--lang", "en", "--help")
    assert "Usage: tpkit [OPTIONS] COMMAND [ARGS]..." in helped.out
    assert "Show this message and exit." in helped.out


def test_english_usage_errors_are_as_the_library_writes_them(cli: Cli) -> None:
    result = cli(*REF, "list", "--bogus")
    assert result.err == (
        "Usage: tpkit list [OPTIONS]\nTry 'tpkit list -h' for help.\n\n"
        "Error: No such option: --bogus\n"
    )
    jobs = cli(*REF, "validate", "-j", "abc")
    assert "Invalid value for '--jobs' / '-j': Input should be a valid integer" in jobs.err


def english_config() -> str:
    return CONFIG.replace("language: ru", "language: en")


def test_lc_all_switches_to_russian(
    cli: Cli, make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry({"touchpoints/arrival/t.yaml": TOUCHPOINT}, config=english_config())
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LC_ALL", "ru_RU.UTF-8")
    result = cli("--registry", str(root), "--today", "2026-11-25", "list")
    assert "1 точка контакта." in result.out and "Зона" in result.out
    helped = cli("--registry", str(root), "list", "--help")
    assert "Использование: tpkit list [ПАРАМЕТРЫ]" in helped.out


def test_a_russian_registry_speaks_russian_without_lang(
    cli: Cli, make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry({"touchpoints/arrival/t.yaml": TOUCHPOINT})
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the machine's default gives way to the registry
    monkeypatch.chdir(root)
    result = cli("--today", "2026-11-25", "list")
    assert "1 точка контакта." in result.out
    helped = cli("--help")
    assert "Использование: tpkit [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..." in helped.out
    wrong = cli("list", "--zone", "arivl")
    assert "не зона этого реестра" in wrong.err


def test_an_english_registry_speaks_english(
    cli: Cli, make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry({"touchpoints/arrival/t.yaml": TOUCHPOINT}, config=english_config())
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    result = cli("--registry", str(root), "--today", "2026-11-25", "list")
    assert "1 touchpoint." in result.out


@pytest.mark.parametrize(
    ("count", "said"),
    [(1, "1 точка контакта."), (2, "2 точки контакта."), (5, "5 точек контакта.")],
)
def test_counts_take_the_russian_plural_form(
    cli: Cli, make_registry: Callable[..., Path], count: int, said: str
) -> None:
    files = {
        f"touchpoints/arrival/t{i}.yaml": TOUCHPOINT.replace("id: t.case", f"id: t.case{i}")
        for i in range(count)
    }
    root = make_registry(files)
    result = cli("--registry", str(root), "--lang", "ru", "list")
    assert said in result.out


def test_nps_numbers_are_written_the_russian_way(cli: Cli, wide: None) -> None:
    result = cli(*REF, "--lang", "ru", "feedback", "nps", "--venue", "nevsky")
    assert result.code == 0
    text = result.out
    assert "Период" in text and "Промоутеры" in text and "Всего" in text
    assert "," in text and not re.search(r"\d\.\d", text)
    assert foreign_words(text, "ru", allowed=ids_and_titles()) == []


def test_nps_writes_months_weeks_and_the_minus_as_people_read_them(
    cli: Cli, make_registry: Callable[..., Path], wide: None
) -> None:
    months = cli(*REF, "--lang", "ru", "feedback", "nps", "--venue", "harbour").out
    assert "авг. 2026" in months and "окт. 2026" in months and "2026-10" not in months
    weeks = cli(*REF, "--lang", "ru", "feedback", "nps", "--by", "week").out
    assert "нед. 44, 2026" in weeks and "W44" not in weeks
    english = cli(*REF, "--lang", "en", "feedback", "nps", "--venue", "harbour").out
    assert "Oct 2026" in english
    weeks = cli(*REF, "--lang", "en", "feedback", "nps", "--by", "week").out
    assert "week 44, 2026" in weeks
    # a month that went badly: one promoter, three critics, NPS −50
    root = make_registry(
        {"feedback/harbour/2026-10.csv": "date,venue,score\n"
         "2026-10-02,harbour,10\n2026-10-03,harbour,0\n2026-10-04,harbour,3\n"
         "2026-10-05,harbour,6\n"}
    )  # fmt: skip
    bad = cli("--registry", str(root), "--lang", "ru", "feedback", "nps").out
    assert "\N{MINUS SIGN}50,0" in bad and "-50,0" not in bad
    bad = cli("--registry", str(root), "--lang", "en", "feedback", "nps").out
    assert "\N{MINUS SIGN}50.0" in bad and "-50.0" not in bad


def test_a_bad_feedback_file_is_told_in_russian(
    cli: Cli, make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_registry()
    export = tmp_path / "export.csv"
    export.write_text("date,venue,score\n2026-13-01,nevsky,11\n", encoding="utf-8")
    result = cli("--registry", str(root), "--lang", "ru", "feedback", "import", str(export))
    assert result.code == 1
    assert "1 ошибочная строка; ничего не импортировано" in result.err
    assert "'2026-13-01' — не дата" in result.err
    assert "оценка '11' — не целое число от 0 до 10" in result.err


def test_russian_import_counts(
    cli: Cli, make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_registry()
    export = tmp_path / "export.csv"
    export.write_text(
        "date,venue,score\n2026-10-01,nevsky,9\n2026-10-02,nevsky,3\n", encoding="utf-8"
    )
    first = cli("--registry", str(root), "--lang", "ru", "feedback", "import", str(export))
    assert "Импортировано 2 новых отзыва из " in first.out
    again = cli("--registry", str(root), "--lang", "ru", "feedback", "import", str(export))
    assert "Импортировано 0 новых отзывов" in again.out
    assert "2 были импортированы раньше и оставлены как есть." in again.out


def test_help_follows_the_language_of_each_command_in_one_process(cli: Cli) -> None:
    english = cli(*REF, "--lang", "en", "render", "report", "--help")
    russian = cli(*REF, "--lang", "ru", "render", "report", "--help")
    again = cli(*REF, "--lang", "en", "render", "report", "--help")
    assert "Where to write" in english.out and "Where to write" in again.out
    assert "Where to write" not in russian.out
    assert (
        foreign_words(
            russian.out,
            "ru",
            allowed=[*COMMANDS, "render", "report", "text", "json", "md", "html", "pdf"],
        )
        == []
    )
