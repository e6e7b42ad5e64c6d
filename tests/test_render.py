"""Printouts: structure, escaping, labels in the page's language, PDF and a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from audit_helpers import FILES, fill
from conftest import ROOT, Result
from tpkit.registry import load_registry

Cli = Callable[..., Result]
SNAPSHOTS = Path(__file__).parent / "snapshots"
HOSTILE = '<script>alert("x")</script> & "quotes"'


class Outline(HTMLParser):
    """Tags, attributes and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, cls: str = "") -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if (t == tag and cls in (a.get("class") or "").split()) or (t == tag and not cls)
        ]


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture(autouse=True)
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each venue's printouts in the venue's language: nobody asks for another here."""
    monkeypatch.delenv("TPKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(FILES)


def render(cli: Cli, root: Path, *args: str) -> str:
    result = cli("--registry", str(root), "--today", "2026-11-25", "render", *args)
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert path.is_file()
    return path.read_text(encoding="utf-8") if path.suffix != ".pdf" else str(path)


def test_checklist_html_structure_in_journey_order(registry: Path, cli: Cli) -> None:
    html = render(cli, registry, "checklist", "--venue", "nevsky")
    page = outline(html)
    zones = [a.get("id") for t, a in page.tags if t == "section"]
    assert zones == ["zone-arrival", "zone-payment"]  # journey order, only zones with checks
    rows = [a for t, a in page.tags if t == "tr" and "data-check" in a]
    assert [r["data-check"] for r in rows] == [
        "r.greeting/greet-30s",
        "r.greeting/coat",
        "r.bill/bill-3min",
        "r.bill/matches",
    ]
    assert [r["class"] for r in rows].count("check critical") == 1
    # four boxes a yes/no check; a time check has a box for its value and boxes for wow, n/a
    assert html.count("☐") == 2 * 4 + 2 * 2
    assert html.count('class="write"') == 2
    assert "≤ 30 с" in html and "≤ 3 мин" in html
    assert "h.checkin" not in html


def test_a_russian_checklist_has_no_english_word(registry: Path, cli: Cli) -> None:
    html = render(cli, registry, "checklist", "--venue", "nevsky")
    visible = " ".join(outline(html).text)
    for word in (
        "Pass",
        "Fail",
        "Note",
        "Target",
        "Weight",
        "Auditor",
        "Date",
        "Venue",
        "Check",
        "Critical",
    ):
        assert not re.search(rf"\b{word}\b", visible), word
    english = render(cli, registry, "checklist", "--venue", "harbour")
    assert "Auditor checklist" in english and "≤ 5 min" in english


def test_every_user_string_is_escaped(make_registry: Callable[..., Path], cli: Cli) -> None:
    tp = FILES["touchpoints/arrival/r.greeting.yaml"]
    tp = tp.replace("title: Встреча", f"title: '{HOSTILE}'").replace(
        "text: Предложили помочь с пальто", f"text: '{HOSTILE}'"
    )
    tp += f"steps: ['{HOSTILE}']\nsay: ['{HOSTILE}']\n"
    root = make_registry({**FILES, "touchpoints/arrival/r.greeting.yaml": tp})
    for args in (
        ("checklist", "--venue", "nevsky"),
        ("handout", "--role", "host", "--venue", "nevsky"),
    ):
        html = render(cli, root, *args)
        assert "<script" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in html
        md = render(cli, root, *args, "--format", "md")
        assert "<script" not in md and "&lt;script&gt;" in md


def test_markdown_checklist_snapshot(registry: Path, cli: Cli) -> None:
    md = render(cli, registry, "checklist", "--venue", "nevsky", "--format", "md")
    snapshot = SNAPSHOTS / "checklist-nevsky.md"
    if os.environ.get("TPKIT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(md, encoding="utf-8")
    assert md == snapshot.read_text(encoding="utf-8")


def test_handout_gives_steps_and_what_to_say_for_the_role(registry: Path, cli: Cli) -> None:
    html = render(cli, registry, "handout", "--role", "waiter")
    assert "Памятка сотрудника: Официант" in html
    assert "Счёт приносят за 3 минуты." in html and "r.greeting" not in html
    assert "font-size: 13pt" in html
    phone = render(cli, ROOT, "handout", "--role", "operator", "--venue", "nevsky")
    assert "Алло" in phone  # the phone phrases reach a phone role
    hall = render(cli, ROOT, "handout", "--role", "cleaner", "--venue", "nevsky")
    assert "Алло" not in hall


def test_unknown_role_or_venue_is_a_usage_error(
    registry: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TPKIT_LANG", "en")  # the messages, as a person who asked for English
    result = cli("--registry", str(registry), "render", "handout", "--role", "chef")
    assert result.code == 2 and "not a role of this registry" in result.err
    result = cli("--registry", str(registry), "render", "checklist", "--venue", "moon")
    assert result.code == 2 and "venues: nevsky" in result.err and "harbour" in result.err


def test_a_registry_template_replaces_the_built_in_one(
    make_registry: Callable[..., Path], cli: Cli
) -> None:
    root = make_registry({**FILES, "templates/checklist.md": "Our own: {{ registry }}\n"})
    assert (
        render(cli, root, "checklist", "--venue", "nevsky", "-f", "md") == "Our own: Test Group\n"
    )


def test_pdf_has_the_check_ids_cyrillic_text_and_a4_pages(registry: Path, cli: Cli) -> None:
    path = render(cli, registry, "checklist", "--venue", "nevsky", "--format", "pdf")
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "r.greeting/greet-30s" in text and "r.bill/matches" in text
    assert "Чек-лист аудитора" in text and "Предложили помочь с пальто" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert "1 / 1" in text or "1 / 2" in text  # page numbers


def test_pdf_without_weasyprint_says_how_to_install(registry: Path) -> None:
    code = (
        "import sys; sys.modules['weasyprint'] = None; from tpkit.cli import main; "
        f"sys.exit(main(['--registry', {str(registry)!r}, 'render', 'checklist', "
        "'--format', 'pdf']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "pip install 'tpkit[pdf]'" in proc.stderr and "Traceback" not in proc.stderr


def test_report_with_charts_trend_and_actions(registry: Path, cli: Cli) -> None:
    paths = []
    for date, answers in (
        ("2026-09-20", {"r.greeting/greet-30s": "value: 45", "r.bill/matches": "result: pass"}),
        (
            "2026-10-20",
            {
                "r.greeting/greet-30s": "value: 20",
                "r.bill/matches": f"result: fail, note: '{HOSTILE}'",
            },
        ),
    ):
        form = cli(
            "--registry", str(registry), "--today", date, "audit", "form", "--venue", "nevsky"
        )
        path = registry / "audits" / "nevsky" / f"{date}-mystery.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill(form.out, answers), encoding="utf-8")
        paths.append(str(path))
    html = render(cli, registry, "report", *paths)
    page = outline(html)
    assert len(page.find("svg")) == 3  # the trend line and one zone chart an audit
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "Критичное нарушение" in html and "Корректирующие действия" in html
    assert "r.bill/matches" in html and "3 ноября 2026" in html  # action due in 14 days
    # nothing fetched, and the browser may fetch nothing either
    assert not re.search(r"https?://", html.replace("http://www.w3.org/2000/svg", ""))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    md = render(cli, registry, "report", *paths, "--format", "md")
    assert "`r.bill/matches`" in md and "&lt;script&gt;" in md and "<script" not in md


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is installed by 'make install'"
)
def test_the_checklist_prints_from_a_real_browser(tmp_path: Path, cli: Cli) -> None:
    assert CHROMIUM is not None, "chromium is missing: run 'make install'"
    result = cli(
        "--registry",
        str(ROOT),
        "--today",
        "2026-11-25",
        "render",
        "checklist",
        "--venue",
        "nevsky",
        "-o",
        str(tmp_path / "checklist.html"),
    )
    assert result.code == 0
    pdf = tmp_path / "checklist.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'p'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            (tmp_path / "checklist.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    reader = pypdf.PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    checks = sum(
        len(tp.checks)
        for tp in load_registry(ROOT).touchpoints
        if not tp.venues or "nevsky" in tp.venues
    )
    assert 5 <= len(reader.pages) <= checks // 6  # rows packed on the page, not one a page
    assert "restaurant.bill/bill-3min" in text.replace("\n", "")
    assert "Чек-лист аудитора" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
