"""Reading a registry in Russian and English: the problems of a file, the errors of a registry,
the titles per language, and the registry `tpkit init` writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import TODAY, TOUCHPOINT, Result, foreign_words

from tpkit import i18n
from tpkit.model import Item, Target
from tpkit.registry import load_config, load_registry
from tpkit.text import school_level
from tpkit.yaml_compose import parse_text

# Every way a touchpoint file can be broken that the loader and the schema see, with what the
# Russian message says and where it points.
BROKEN = {
    "touchpoints/missing.yaml": TOUCHPOINT.replace("owner: host\n", ""),
    "touchpoints/typo.yaml": TOUCHPOINT.replace("title:", "tittle:"),
    "touchpoints/type.yaml": TOUCHPOINT.replace(
        "{id: c1, text: Поздоровались с гостем}", "{id: c1, text: Поздоровались, weight: много}"
    ),
    "touchpoints/enum.yaml": TOUCHPOINT.replace("zone: arrival\n", "zone: arrival\nlang: fr\n"),
    "touchpoints/syntax.yaml": 'id: t.syntax\ntitle: "Встреча\nzone: arrival\n',
    "touchpoints/tab.yaml": "id: t.tab\n\ttitle: Встреча\n",
    "touchpoints/twice.yaml": TOUCHPOINT.replace(
        "zone: arrival\n", "zone: arrival\nzone: payment\n"
    ),
    "touchpoints/date.yaml": TOUCHPOINT.replace("2026-11-01", "2026-13-45"),
    "touchpoints/nocheck.yaml": TOUCHPOINT.replace(
        "checks:\n  - {id: c1, text: Поздоровались с гостем}\n", "checks: []\n"
    ),
}
EXPECTED = [
    ("touchpoints/missing.yaml:1:1:", "нет обязательного ключа 'owner'"),
    ("touchpoints/missing.yaml:1:1:", "добавьте строку 'owner: …' — ответственная роль"),
    ("touchpoints/typo.yaml:2:1:", "неизвестный ключ 'tittle'"),
    ("touchpoints/typo.yaml:2:1:", "возможно, вы имели в виду 'title'?"),
    ("touchpoints/typo.yaml:1:1:", "похоже, это 'tittle' в строке 2: переименуйте его в 'title'"),
    ("touchpoints/type.yaml:8:43:", "'weight': нужно число, а не текст"),
    ("touchpoints/enum.yaml:4:7:", "'lang': 'fr' — недопустимое значение"),
    ("touchpoints/enum.yaml:4:7:", "напишите одно из значений: ru, en"),
    ("touchpoints/syntax.yaml:2:8:", "неверный YAML: кавычка или скобка открыта и не закрыта"),
    ("touchpoints/tab.yaml:2:1:", "неверный YAML: для отступа использован символ табуляции"),
    ("touchpoints/twice.yaml:4:1:", "ключ 'zone' встречается в одном блоке дважды"),
    ("touchpoints/date.yaml:5:11:", "'reviewed': даты '2026-13-45' не бывает"),
    ("touchpoints/nocheck.yaml:7:9:", "'checks': нужна хотя бы 1 проверка"),
    ("touchpoints/outside.yaml:1:1:", "за пределами реестра: tpkit читает только файлы внутри"),
]
# The words of the files themselves (keys and values a message quotes)
CONTENT = ["title", "tittle", "owner", "weight", "lang", "fr", "zone", "reviewed", "checks", "ru"]
CONTENT += ["en", "text"]


def _broken(make_registry: Callable[..., Path], tmp_path: Path) -> Path:
    root = make_registry(BROKEN)
    outside = tmp_path / "outside.yaml"
    outside.write_text(TOUCHPOINT, encoding="utf-8")
    (root / "touchpoints" / "outside.yaml").symlink_to(outside)
    return root


def _lines(result: Result) -> list[str]:
    return (result.out + result.err).splitlines()


def _said_at(lines: list[str], where: str, said: str) -> bool:
    """The message (or the suggestion on the line after it) at where."""
    for i, line in enumerate(lines):
        if where in line and (said in line or said in "".join(lines[i + 1 : i + 2])):
            return True
    return False


@pytest.mark.parametrize("how", ["--lang", "TPKIT_LANG"])
def test_a_broken_touchpoint_is_reported_in_russian_where_it_is(
    make_registry: Callable[..., Path],
    tmp_path: Path,
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    root = _broken(make_registry, tmp_path)
    args = ["--registry", str(root), "--today", TODAY, "validate", "--format", "text"]
    if how == "--lang":
        result = cli("--lang", "ru", *args)
    else:
        monkeypatch.setenv("TPKIT_LANG", "ru")
        result = cli(*args)
    assert result.code == 1, result.err
    lines = _lines(result)
    missing = [(w, s) for w, s in EXPECTED if not _said_at(lines, w, s)]
    assert not missing, "\n".join(lines)
    assert foreign_words(result.out + result.err, "ru", CONTENT) == []


def test_the_same_touchpoints_are_reported_in_english_as_before(
    make_registry: Callable[..., Path], tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = _broken(make_registry, tmp_path)
    result = cli("--registry", str(root), "--today", TODAY, "validate", "--format", "text")
    lines = _lines(result)
    for where, said in [
        ("touchpoints/missing.yaml:1:1:", "the required key 'owner' is missing"),
        ("touchpoints/typo.yaml:2:1:", "did you mean 'title'?"),
        ("touchpoints/type.yaml:8:43:", "'weight' should be a number, not text"),
        ("touchpoints/nocheck.yaml:7:9:", "'checks' needs at least 1 check"),
        ("touchpoints/syntax.yaml:2:8:", "not valid YAML: a quote or bracket is opened"),
    ]:
        assert _said_at(lines, where, said), (where, said, lines)
    assert foreign_words(result.out + result.err, "en", ["Встреча", "Поздоровались"]) == []


def test_a_list_item_is_named_by_its_place_in_russian() -> None:
    from tpkit import shapes

    doc = parse_text(TOUCHPOINT.replace("{id: c1, text: Поздоровались с гостем}", "{id: c1}"))
    with i18n.language("ru"):
        _data, _pos, issues = shapes.read(shapes.TOUCHPOINT, doc.root)
    assert [i.message for i in issues] == ["нет обязательного ключа 'text' (проверка 1 в 'checks')"]
    assert issues[0].suggestion.startswith("добавьте строку 'text: …' — что аудитор видит")


def test_reading_problems_in_russian() -> None:
    with i18n.language("ru"):
        twice = parse_text("a: 1\nb:\n  c: 1\n  c: 2\n").problems[0]
        tag = parse_text("a: !!python/name:os.system\n").problems[0]
        many = parse_text("a: 1\n---\nb: 2\n").problems[0]
    assert twice.message.startswith(
        "ключ 'c' встречается в одном блоке дважды (первый раз в строке 3)"
    )
    assert "тег !!python/name:os.system не допускается" in tag.message
    assert "больше одного документа YAML" in many.message
    for p in (twice, tag, many):
        assert (
            foreign_words(p.message + p.suggestion, "ru", ["python", "name", "os", "system"]) == []
        )


def test_a_broken_tpkit_yaml_is_an_error_in_russian(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    config = (
        "name: Группа\nlanguage: ru\nzones: []\n"
        "roles:\n  - {id: host, title: Хостес}\n  - {id: host, title: Хостес}\n"
        "venues:\n  - {id: nevsky, title: Невский}\n"
    )
    root = make_registry(config=config)
    result = cli("--lang", "ru", "--registry", str(root), "validate")
    assert result.code == 2
    assert "1 ошибка; исправьте её" in result.err
    assert "tpkit.yaml:3:8: 'zones': нужна хотя бы 1 зона" in result.err
    result = cli("--lang", "ru", "--registry", str(root.parent / "nowhere"), "validate")
    assert result.code == 2 and "в этой папке нет tpkit.yaml" in result.err
    assert foreign_words(result.err, "ru", ["init"]) == []


def test_a_title_is_shown_in_the_language_of_the_output(make_registry: Callable[..., Path]) -> None:
    config = load_config(make_registry())
    arrival = next(z for z in config.zones if z.id == "arrival")
    before = next(z for z in config.zones if z.id == "before")
    assert arrival.title == "Встреча"  # the registry's language
    with i18n.language("en"):
        assert arrival.shown_title() == "Arrival"
        assert config.title_of("zones", "arrival") == "Arrival"
        assert before.shown_title() == "До визита"  # written once: the same in every language
    with i18n.language("ru"):
        assert arrival.shown_title() == "Встреча"
        assert config.title_of("zones", "nowhere") == "nowhere"
    assert Item("x", "X", {"en": "Ex"}).title_in("ru") == "X"


def test_targets_and_reading_levels_in_russian() -> None:
    with i18n.language("ru"):
        assert Target(max=30, unit="s").describe() == "макс. 30 с"
        assert Target(min=4, of=5).describe() == "мин. 4, из 5"
        assert Target(max=1.5, unit="min").describe() == "макс. 1,5 мин"
        assert school_level(15) == "вузовский учебник (класс 15)"
    assert Target(max=1.5, unit="min").describe() == "max 1.5 min"
    assert school_level(20) == "a legal document (grade 18+)"


def _init(cli: Callable[..., Result], folder: Path, *args: str) -> Result:
    result = cli("--today", TODAY, *args, "init", str(folder))
    assert result.code == 0, result.err
    return result


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_init_names_zones_and_roles_in_both_languages(
    tmp_path: Path, cli: Callable[..., Result], lang: str
) -> None:
    folder = tmp_path / lang
    _init(cli, folder, "--lang", lang)
    config = load_config(folder)
    assert config.language == lang
    for item in (*config.zones, *config.roles):
        assert set(item.titles) == {"ru", "en"}, item
        assert not re.search("[А-Яа-яЁё]", item.titles["en"]), item
        assert re.search("[А-Яа-яЁё]", item.titles["ru"]), item
        assert item.title == item.titles[lang]
    assert [(v.id, v.language) for v in config.venues] == [("main", lang)]
    registry = load_registry(folder)
    assert len(registry.touchpoints) == 3
    for tp in registry.touchpoints:
        assert tp.venues == ["main"] and tp.lang == lang
        text = " ".join([tp.title, tp.standard, *(c.text for c in tp.checks)])
        assert foreign_words(text, lang) == [], tp.path
    check = cli("--registry", str(folder), "--today", TODAY, "validate", "--fail-level", "info")
    assert check.code == 0, check.out
    readme = (folder / "standards" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Ваши стандарты" if lang == "ru" else "# Your standards")


def test_init_writes_the_language_of_the_messages_unless_told(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _init(cli, tmp_path / "ru", "--lang", "ru")
    assert result.out.startswith("Реестр создан в ")
    assert "Дальше: отредактируйте точки контакта" in result.out
    assert foreign_words(result.out, "ru", ["validate"]) == []
    assert load_config(tmp_path / "ru").name == "Стандарты сервиса"
    # outside a registry, LANG decides when nothing else is asked for
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    result = _init(cli, tmp_path / "lang")
    assert (
        result.out.startswith("Реестр создан в ")
        and load_config(tmp_path / "lang").language == "ru"
    )
    result = cli(
        "--today", TODAY, "--lang", "en", "init", str(tmp_path / "en2"), "--language", "ru"
    )
    assert result.out.startswith("Created a registry in ")
    assert load_config(tmp_path / "en2").language == "ru"
    again = cli("--lang", "ru", "init", str(tmp_path / "ru"))
    assert again.code == 2 and "tpkit init ничего не перезаписывает" in again.err


def test_init_tells_what_it_created_in_the_language_of_the_new_registry(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the machine's default, not a person's choice
    monkeypatch.chdir(tmp_path)  # outside any registry
    result = cli("--today", TODAY, "init", str(tmp_path / "newru"), "--language", "ru")
    assert result.code == 0, result.err
    assert result.out.startswith("Реестр создан в ")
    assert "Дальше: отредактируйте точки контакта" in result.out
    assert "Created" not in result.out and "Next" not in result.out
    # a person's choice of messages still wins
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    chosen = cli("--today", TODAY, "init", str(tmp_path / "chosen"), "--language", "ru")
    assert chosen.out.startswith("Created a registry in ")
    assert load_config(tmp_path / "chosen").language == "ru"


def test_a_number_is_asked_for_as_yaml_writes_it(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    files = {
        "touchpoints/word.yaml": TOUCHPOINT.replace(
            "{id: c1, text: Поздоровались с гостем}", "{id: c1, text: Поздоровались, weight: два}"
        ),
        "touchpoints/comma.yaml": TOUCHPOINT.replace("id: t.case", "id: t.comma").replace(
            "{id: c1, text: Поздоровались с гостем}",
            "{id: c1, text: Поздоровались, weight: '1,5'}",
        ),
    }
    root = make_registry(files)
    result = cli("--registry", str(root), "--today", TODAY, "--lang", "ru", "validate")
    assert "напишите просто число, например 2 или 1.5 (с точкой), без единиц" in result.out
    assert "напишите 1.5 — с точкой, а не с запятой, и без кавычек" in result.out
    english = cli("--registry", str(root), "--today", TODAY, "validate")
    assert "write 1.5: with a point, not a comma, and without quotes" in english.out


def test_an_english_venue_gets_english_checks_only(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    english = tmp_path / "en"
    _init(cli, english, "--lang", "en")
    out = english / "out" / "checklist.md"
    result = cli("--registry", str(english), "--today", TODAY, "render", "checklist",
                 "--venue", "main", "--format", "md", "--output", str(out))  # fmt: skip
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert "The phone was answered by the third ring" in page and "Before the visit" in page
    assert not re.search("[А-Яа-яЁё]", page)

    # A Russian registry from init, with an English venue added: the Russian examples name
    # their venue, so the English venue's checklist carries none of them.
    russian = tmp_path / "ru"
    _init(cli, russian, "--lang", "ru")
    config = russian / "tpkit.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "review_every:", "  - {id: harbour, title: Harbour, language: en}\nreview_every:"
    )
    config.write_text(text, encoding="utf-8")
    registry = load_registry(russian)
    assert all(tp.venues == ["main"] for tp in registry.touchpoints)
    assert not [tp for tp in registry.touchpoints if not tp.venues or "harbour" in tp.venues]
    out = russian / "out" / "main.md"
    result = cli("--registry", str(russian), "--today", TODAY, "render", "checklist",
                 "--venue", "main", "--format", "md", "--output", str(out))  # fmt: skip
    assert result.code == 0, result.err
    assert "Гостя поприветствовали за 30 секунд" in out.read_text(encoding="utf-8")


def test_problems_are_formatted_only_when_there_are_some(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean file never puts a message into words (10k files are read per run)."""

    said: list[str] = []
    real = i18n._

    def counting(message: str, /, **values: object) -> str:
        said.append(message)
        return real(message, **values)

    from tpkit import shapes

    monkeypatch.setattr("tpkit.schema.base._", counting)
    monkeypatch.setattr("tpkit.schema.scalars._", counting)
    monkeypatch.setattr("tpkit.schema.compound._", counting)
    monkeypatch.setattr("tpkit.shapes._", counting)
    doc = parse_text(TOUCHPOINT)
    _data, _pos, issues = shapes.read(shapes.TOUCHPOINT, doc.root)
    assert issues == [] and said == ["the file"]
