"""Printouts in one language each: the venue's. What a reader of a checklist, a handout or a
report notices: no word of the other language, numbers and plurals as the language writes them,
one file per venue, a box for a measured value, photos beside a failed check, a bottleneck only
where points were lost."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
import yaml

from audit_helpers import FILES, fill
from conftest import ROOT, Result, foreign_words
from tpkit.registry import load_registry

Cli = Callable[..., Result]
TODAY = "2026-11-25"


@pytest.fixture(autouse=True)
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody asks for a language here: each venue's printouts speak the venue's."""
    monkeypatch.delenv("TPKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


class Visible(HTMLParser):
    """The text a reader sees on an HTML page (styles left out, chart labels kept)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def render(cli: Cli, root: Path, *args: str) -> list[Path]:
    result = cli("--registry", str(root), "--today", TODAY, "render", *args)
    assert result.code == 0, result.err
    return [Path(line) for line in result.out.split("\n") if line.strip()]


def render_one(cli: Cli, root: Path, *args: str) -> str:
    (path,) = render(cli, root, *args)
    return path.read_text(encoding="utf-8")


# ---- the reference registry: a Russian restaurant and an English hotel ---------------------


def content_words(venue: str) -> list[str]:
    """The words of a venue's content, which are printed as the registry writes them: titles,
    standards, checks, phrases, the audits' notes and names."""
    registry = load_registry(ROOT)
    item = registry.config.venue(venue)
    assert item is not None
    words = [registry.config.name, item.title]
    for tp in registry.touchpoints:
        if tp.venues and venue not in tp.venues:
            continue
        words += [tp.title, tp.standard, *tp.steps, *tp.say, *(c.text for c in tp.checks)]
        words += [w for a in tp.avoid for w in (a.phrase, a.instead)]
    for entry in registry.lexicon(item.language).forbidden_entries:
        words += [entry.phrase, entry.instead or ""]
    for audit in sorted((ROOT / "audits" / venue).glob("*.yaml")):
        text = audit.read_text(encoding="utf-8")
        words += re.findall(r'(?:note|auditor): "([^"]*)"', text)
        words += re.findall(r"touchpoint: \"([^\"]*)\"", text)
    return words


def printouts(cli: Cli, tmp_path: Path, venue: str, role: str) -> dict[str, str]:
    """The venue's checklist, handout and report as a reader sees them (HTML text, Markdown)."""
    out = tmp_path / venue
    audits = [str(p) for p in sorted((ROOT / "audits" / venue).glob("*.yaml"))]
    jobs = {
        "checklist.html": ("checklist", "--venue", venue),
        "checklist.md": ("checklist", "--venue", venue, "-f", "md"),
        "handout.html": ("handout", "--role", role, "--venue", venue),
        "report.html": ("report", *audits),
        "report.md": ("report", *audits, "-f", "md"),
    }
    texts = {}
    for name, args in jobs.items():
        text = render_one(cli, ROOT, *args, "-o", str(out / name))
        texts[name] = visible(text) if name.endswith(".html") else text
    return texts


def checks_of(venue: str) -> int:
    """How many checks the venue's checklist holds: those of its touchpoints and the shared."""
    registry = load_registry(ROOT)
    return sum(len(tp.checks) for tp in registry.touchpoints if not tp.venues or venue in tp.venues)


def assert_one_language(texts: dict[str, str], lang: str, allowed: Iterable[str]) -> None:
    allowed = list(allowed)
    for name, text in texts.items():
        assert not foreign_words(text, lang, allowed), (name, foreign_words(text, lang, allowed))


def test_the_russian_restaurants_printouts_hold_no_english_word(cli: Cli, tmp_path: Path) -> None:
    texts = printouts(cli, tmp_path, "nevsky", "waiter")
    assert_one_language(texts, "ru", content_words("nevsky"))
    assert "Чек-лист аудитора" in texts["checklist.html"]
    n = checks_of("nevsky")
    word = (
        "проверка"
        if n % 10 == 1 and n % 100 != 11
        else "проверки"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14
        else "проверок"
    )
    assert f"{n} {word}" in texts["checklist.html"]  # «253 проверки», not «253 проверка»
    assert "Памятка сотрудника: Официант" in texts["handout.html"]
    assert "Отчёт о проверке" in texts["report.md"]


def test_the_english_hotels_printouts_hold_no_cyrillic(cli: Cli, tmp_path: Path) -> None:
    texts = printouts(cli, tmp_path, "harbour", "receptionist")
    assert_one_language(texts, "en", content_words("harbour"))
    assert "Auditor checklist" in texts["checklist.html"]
    assert f"{checks_of('harbour')} checks" in texts["checklist.html"]
    assert "Staff handout: Receptionist" in texts["handout.html"]
    assert "Before the visit" in texts["checklist.md"]  # zone titles in English too


def test_the_report_writes_every_number_as_its_language_does(cli: Cli, tmp_path: Path) -> None:
    audits = [str(p) for p in sorted((ROOT / "audits" / "nevsky").glob("*.yaml"))]
    html = render_one(cli, ROOT, "report", *audits, "-o", str(tmp_path / "r.html"))
    charts = " ".join(re.findall(r"<svg.*?</svg>", html, flags=re.S))
    numbers = re.findall(r">(\d+[.,]\d)<", charts)
    assert numbers and all("," in n for n in numbers), numbers  # 95,5 in the charts too
    text = visible(html)
    assert not re.search(r"(?<![\d.])\d{1,3}\.\d(?![\d.])", text), "a number written as 95.5"
    assert "Уровень: зелёный" in text and "Зона результата" not in text


def test_the_point_of_sale_audit_stands_apart_on_the_trend(cli: Cli, tmp_path: Path) -> None:
    audits = [str(p) for p in sorted((ROOT / "audits" / "nevsky").glob("*.yaml"))]
    html = render_one(cli, ROOT, "report", *audits, "-o", str(tmp_path / "r.html"))
    trend = re.search(r'<svg[^>]*class="chart line".*?</svg>', html, re.S)
    assert trend is not None
    # the audits of the payment alone are squares the line does not run to: the others joined
    kinds = [yaml.safe_load(Path(a).read_text(encoding="utf-8"))["kind"] for a in audits]
    apart, joined = kinds.count("pos"), len(kinds) - kinds.count("pos")
    assert apart >= 1 and joined >= 2
    assert trend.group().count('class="apart"') == apart
    assert trend.group().count("<circle") == joined
    line = re.search(r'<polyline points="([^"]*)"', trend.group())
    assert line is not None and len(line.group(1).split()) == joined
    text = visible(html)
    legend = text.split("■ оценены только некоторые зоны (")[1].split(")")[0]
    assert legend.count("Расчёт") == apart  # each such audit named with the zones it covered
    assert "с другими проверками линией не соединен" in text
    assert "Аудит точки продаж" in text.split("Вид проверки")[1].split("NPS —")[0]
    # what lost the most is named in the bottleneck zone: not a touchpoint of another zone
    registry = load_registry(ROOT)
    zone_of = {tp.title: tp.zone for tp in registry.touchpoints}
    zone_titles = {z.title_in("ru"): z.id for z in registry.config.zones}
    named = re.findall(
        r"Узкое место: ([^.]+)\. Больше всего потеряли: (.+?)(?= [А-Я][а-я]+ [а-я]+ |$)", text
    )
    assert named
    for zone, lost in named:
        titles = [t for t in zone_of if t in lost]
        assert titles, lost
        assert all(zone_of[t] == zone_titles[zone] for t in titles), (zone, lost)


def test_a_checklist_page_that_goes_on_with_a_zone_names_it_at_its_foot(
    cli: Cli, tmp_path: Path
) -> None:
    (path,) = render(
        cli, ROOT, "checklist", "--venue", "nevsky", "-f", "pdf", "-o", str(tmp_path / "c.pdf")
    )
    pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    feet = [text.rsplit("\n", 1)[-1] for text in pages]
    assert feet[0] == f"1 / {len(pages)}"  # the first page shows its zone as a heading
    assert feet[1] == f"До визита 2 / {len(pages)}"  # a page that goes on with «До визита»
    assert all(re.fullmatch(r"[А-ЯЁ][а-яё ]+ \d+ / \d+", foot) for foot in feet[1:]), feet


# ---- a small registry: what a page shows ---------------------------------------------------


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES)


def test_without_venue_one_file_per_venue_each_in_its_language(registry: Path, cli: Cli) -> None:
    paths = render(cli, registry, "checklist")
    assert [p.name for p in paths] == ["checklist-nevsky.html", "checklist-harbour.html"]
    nevsky, harbour = (p.read_text(encoding="utf-8") for p in paths)
    assert '<html lang="ru">' in nevsky and "Чек-лист аудитора" in nevsky
    assert "r.greeting/coat" in nevsky and "h.checkin" not in nevsky
    assert '<html lang="en">' in harbour and "Auditor checklist" in harbour
    assert "h.checkin/five-min" in harbour and "r.greeting" not in harbour
    assert "Arrival" in harbour and "Встреча" not in visible(harbour)  # the zone's English title
    handouts = render(cli, registry, "handout", "--role", "host", "-f", "md")
    assert [p.name for p in handouts] == ["handout-host-nevsky.md", "handout-host-harbour.md"]
    assert "Памятка сотрудника: Хостес" in handouts[0].read_text(encoding="utf-8")
    assert "Staff handout" in handouts[1].read_text(encoding="utf-8")


def test_a_time_check_has_a_box_for_its_measured_value(registry: Path, cli: Cli) -> None:
    html = render_one(cli, registry, "checklist", "--venue", "nevsky")
    rows = dict(
        re.findall(r'<tr class="check[^"]*" data-check="([^"]+)".*?>(.*?)</tr>', html, re.S)
    )
    assert (
        'class="write"' in rows["r.greeting/greet-30s"] and "≤ 30 с" in rows["r.greeting/greet-30s"]
    )
    assert 'class="write"' not in rows["r.greeting/coat"]
    assert rows["r.greeting/coat"].count("☐") == 4  # pass, fail, wow, n/a
    assert "Подпись аудитора" in html and "Время визита" in html
    assert "position: running(runhead)" in html  # date and auditor on every page
    assert "Составлено: 25 ноября 2026" in visible(html) and "4 проверки" in visible(html)


def test_a_count_of_none_is_not_a_yes_no_check(
    make_registry: Callable[..., Path], cli: Cli
) -> None:
    litter = FILES["touchpoints/payment/r.bill.yaml"].replace(
        "  - {id: matches,",
        "  - {id: litter, text: Окурки у входа, type: count, target: {max: 0}}\n  - {id: matches,",
    )
    root = make_registry({**FILES, "touchpoints/payment/r.bill.yaml": litter})
    html = render_one(cli, root, "checklist", "--venue", "nevsky")
    row = re.search(r'data-check="r.bill/litter".*?</tr>', html, re.S)
    assert row is not None
    assert "ни одного" in row.group() and "≤ 0" not in row.group()
    assert 'class="write"' in row.group() and row.group().count("☐") == 2  # wow, n/a


def write_audit(cli: Cli, root: Path, date: str, answers: dict[str, str]) -> str:
    form = cli("--registry", str(root), "--today", date, "audit", "form", "--venue", "nevsky")
    assert form.code == 0, form.err
    path = root / "audits" / "nevsky" / f"{date}-mystery.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fill(form.out, answers), encoding="utf-8")
    return str(path)


ALL_DONE = {
    "r.greeting/greet-30s": "value: 20",
    "r.greeting/coat": "result: pass",
    "r.bill/bill-3min": "value: 2",
    "r.bill/matches": "result: pass",
}


def test_a_zone_with_every_point_is_never_the_bottleneck(registry: Path, cli: Cli) -> None:
    done = write_audit(cli, registry, "2026-11-20", ALL_DONE)
    md = render_one(cli, registry, "report", done, "-f", "md")
    assert "100,0" in md and "узкое место" not in md.lower()
    late = write_audit(cli, registry, "2026-11-21", {**ALL_DONE, "r.bill/bill-3min": "value: 7"})
    md = render_one(cli, registry, "report", late, "-f", "md")
    assert "Расчёт (узкое место)" in md and "**Узкое место:** Расчёт" in md
    assert "Встреча (узкое место)" not in md
    assert "Больше всего потеряли: Счёт" in md and "r.bill," not in md  # a title, not an id
    assert "7 мин (цель ≤ 3 мин)" in md  # the measured value beside its target
    assert "Ответственный" in md and "| Официант |" in md  # the owner by role title


def test_the_ladder_and_its_share_come_from_the_same_counts(registry: Path, cli: Cli) -> None:
    path = write_audit(
        cli,
        registry,
        "2026-11-20",
        {**ALL_DONE, "r.greeting/coat": "result: wow", "r.bill/bill-3min": "value: 5"},
    )
    md = render_one(cli, registry, "report", path, "-f", "md")
    # greeting: a wow and nothing failed; bill: a check failed — touchpoints on the ladder
    assert "Разочарование 1 · Удовлетворение 0 · Восторг 1\n" in md
    # the share of wow beside the counts of checks it is taken from: one wow of four checks
    nbsp = "\N{NO-BREAK SPACE}"
    assert (
        f"выполнено 2 · не выполнено 1 · вау 1 · не применимо 0 · доля «вау» 25,0{nbsp}% "
        "(1 из 4 оценённых проверок)"
    ) in md
    assert "Уровень: " in md and "Зона результата" not in md


def test_an_incomplete_audit_says_how_many_checks_are_open_and_an_empty_one_is_not_plotted(
    registry: Path, cli: Cli
) -> None:
    first = write_audit(cli, registry, "2026-11-01", ALL_DONE)
    empty = write_audit(cli, registry, "2026-11-10", {})
    open_ = write_audit(
        cli,
        registry,
        "2026-11-15",
        {"r.greeting/coat": "result: fail", "r.bill/matches": "result: pass"},
    )
    last = write_audit(cli, registry, "2026-11-20", ALL_DONE)
    html = render_one(cli, registry, "report", first, empty, open_, last)
    text = visible(html)
    assert "Проверка не завершена: без ответа 2 проверки" in text
    alone = visible(render_one(cli, registry, "report", open_))  # a report of the unfinished one
    assert "Среди отвеченных проверок критичных нарушений нет" in alone
    assert "Без критичных нарушений" not in alone
    trend = re.search(r'<svg[^>]*class="chart line".*?</svg>', html, re.S)
    assert trend is not None
    assert trend.group().count("<circle") == 3  # the audit with no answer is not a point
    # the unfinished one is a hollow point marked *, and the line of the trend passes it by
    assert trend.group().count('class="unfinished"') == 1 and ">75,0*<" in trend.group()
    line = re.search(r'<polyline points="([^"]*)"', trend.group())
    assert line is not None and len(line.group(1).split()) == 2
    table = re.search(r'<table class="side-by-side keep trend">.*?</table>', html, re.S)
    assert table is not None
    cells = r"<tr><td>(\d+) .*?</td><td>.*?</td><td class=\"num\">(.*?)</td>"
    assert re.findall(cells, table.group()) == [
        ("1", "100,0"),
        ("10", "нет ответов"),
        ("15", "75,0*"),
        ("20", "100,0"),
    ]
    assert "* не завершена: 2 проверки без ответа" in text
    md = render_one(cli, registry, "report", first, empty, open_, last, "-f", "md")
    assert "| Тайный гость | 75,0\\* | жёлтый |\n" in md
    assert "| Тайный гость | нет ответов | — |\n" in md and "NPS" not in md  # no guest said
    # no change is measured to or from the unfinished audit: the last one is compared with
    # the first, the unfinished one is compared with nothing
    latest, unfinished, _empty, _first = md.split("\n### ")[1:]
    assert "| Встреча | 100,0 | 0,0 |" in latest and "+100" not in md
    assert "С прошлой проверки" not in unfinished and "| Встреча (узкое место) | 0,0 |" in (
        unfinished
    )


def test_an_audit_with_no_answers_says_so_and_claims_nothing(registry: Path, cli: Cli) -> None:
    empty = write_audit(cli, registry, "2026-11-10", {})
    md = render_one(cli, registry, "report", empty, "-f", "md")
    html = render_one(cli, registry, "report", empty)
    for text in (md, visible(html)):
        assert "Нет ответов" in text
        assert "ни на одну из 4 проверок не ответили, поэтому проверка не оценена" in text
        for claim in ("Без критичных нарушений", "Все проверки выполнены", "Зона", "Уровень"):
            assert claim not in text, claim
    assert "<svg" not in html and "<table" not in html
    assert '<article class="audit empty">' in html  # one line, on no page of its own
    english = render_one(cli, registry, "--lang", "en", "report", empty, "-f", "md")
    assert "**No answers:** none of its 4 checks was answered, so the audit was not scored" in (
        english
    )
    assert "Every check was done" not in english and "No critical failure" not in english


def test_a_pos_audit_with_every_point_names_no_bottleneck(registry: Path, cli: Cli) -> None:
    form = cli(
        "--registry",
        str(registry),
        "--today",
        "2026-11-20",
        "audit",
        "form",
        "--venue",
        "nevsky",
        "--kind",
        "pos",
        "--zone",
        "payment",
    )
    assert form.code == 0, form.err
    path = registry / "audits" / "nevsky" / "2026-11-20-pos.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        fill(form.out, {"r.bill/bill-3min": "value: 2", "r.bill/matches": "result: pass"}),
        encoding="utf-8",
    )
    md = render_one(cli, registry, "report", str(path), "-f", "md")
    assert "Аудит точки продаж" in md and "**Оценка: 100,0**" in md
    assert "узкое место" not in md.lower() and "Больше всего потеряли" not in md


def test_what_lost_the_most_is_named_in_the_bottleneck_zone_only(registry: Path, cli: Cli) -> None:
    # the greeting and the bill each lose one point; the greeting's zone scores lower
    path = write_audit(
        cli,
        registry,
        "2026-11-20",
        {**ALL_DONE, "r.greeting/coat": "result: fail", "r.bill/bill-3min": "value: 7"},
    )
    md = render_one(cli, registry, "report", path, "-f", "md")
    assert "**Узкое место:** Встреча. Больше всего потеряли: Встреча\n" in md
    assert "Счёт" not in md.split("**Узкое место:**")[1].split("\n")[0]


def test_an_audit_file_outside_the_registry_is_reported_by_the_current_folders(
    registry: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = Path(write_audit(cli, registry, "2026-11-20", ALL_DONE))
    elsewhere = tmp_path / "elsewhere" / "visit.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(inside.read_text(encoding="utf-8"), encoding="utf-8")
    inside.unlink()
    monkeypatch.chdir(registry)
    out = tmp_path / "r.html"
    result = cli("--today", TODAY, "render", "report", str(elsewhere), "-o", str(out))
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html and "Отчёт о проверке" in html
    assert "<h2>Невский</h2>" in html and "Test Group" in html


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (180, 60, 40)).save(out, format="JPEG")
    return out.getvalue()


def test_a_photo_is_shown_beside_its_failed_check_and_a_missing_one_is_named(
    registry: Path, cli: Cli
) -> None:
    (registry / "photos").mkdir()
    (registry / "photos" / "bill.jpg").write_bytes(_jpeg())
    (registry / "photos" / "notes.txt").write_text("not a picture", encoding="utf-8")
    (registry.parent / "outside.jpg").write_bytes(_jpeg())
    (registry / "photos" / "link.jpg").symlink_to(registry.parent / "outside.jpg")
    shown = "photos/bill.jpg photos/gone.jpg photos/notes.txt photos/link.jpg ../outside.jpg"
    evidence = f"evidence: '{shown}'"
    path = write_audit(
        cli, registry, "2026-11-20", {**ALL_DONE, "r.bill/bill-3min": f"value: 6, {evidence}"}
    )
    md = render_one(cli, registry, "report", path, "-f", "md")
    assert "photos/bill.jpg" in md and "photos/gone.jpg (файл не найден)" in md
    for refused in ("photos/notes.txt", "photos/link.jpg", "../outside.jpg"):
        assert f"{refused} (не показано" in md, refused
    html = render_one(cli, registry, "report", path)
    row = re.search(r'<tr data-check="r.bill/bill-3min">.*?</tr>', html, re.S)
    assert row is not None and row.group().count('<img src="data:image/jpeg;base64,') == 1
    assert "photos/gone.jpg — файл не найден" in visible(row.group())
    assert "not a picture" not in html
    pdf = render(cli, registry, "report", path, "-f", "pdf")[0]
    reader = pypdf.PdfReader(pdf)
    images = {image.name: image for page in reader.pages for image in page.images}
    assert len(images) == 1, images  # the photo, once; the missing and refused ones not at all
    (image,) = images.values()
    assert image.image is not None and image.image.width <= 900  # made small for a page
    drawn = f"/{image.name.rsplit('.', 1)[0]} Do".encode()
    streams = [page.get_contents() for page in reader.pages]
    assert any(s is not None and drawn in s.get_data() for s in streams)  # drawn on a page
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "файл не найден" in text and "6 мин (цель ≤ 3 мин)" in text


def test_a_registrys_labels_still_replace_the_built_in_words(
    make_registry: Callable[..., Path], cli: Cli, tmp_path: Path
) -> None:
    root = make_registry({**FILES, "templates/labels/ru.yaml": "checklist: Лист проверки зала\n"})
    paths = render(cli, root, "checklist", "-f", "md", "-o", str(tmp_path / "c.md"))
    assert [p.name for p in paths] == ["c-nevsky.md", "c-harbour.md"]  # -o FILE: one a venue
    nevsky, harbour = (p.read_text(encoding="utf-8") for p in paths)
    assert nevsky.startswith("# Лист проверки зала") and "Код проверки" in nevsky
    assert harbour.startswith("# Auditor checklist")  # the English page keeps tpkit's words
