"""The audit report shows where a venue's corrective actions stand: overdue first, then open,
done and verified, each with its check, owner (in the venue's language), due date, measured
value against its target, who closed it and when, and the visit that verified it. The actions
are made here as a venue makes them: `tpkit audit score --actions`, `tpkit actions done`, and a
later visit that passes (or fails again) the check."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT, Result, foreign_words
from tpkit import i18n
from tpkit.actions_files import ActionFile, load_actions
from tpkit.audit.files import load_audit
from tpkit.audit.scoring import outcome
from tpkit.cli import main
from tpkit.config import load_config
from tpkit.i18n import _, n_

Cli = Callable[..., Result]
TODAY = dt.date(2026, 12, 2)
LAST = "audits/nevsky/2026-11-20-mystery.yaml"  # the visit that verifies and reopens
NOTE = "Второй терминал поставили у бара"
BY = "Ольга Петрова"
PHOTO = "photos/terminal.jpg"


@pytest.fixture(autouse=True)
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody asks for a language here: each venue's report speaks the venue's."""
    monkeypatch.delenv("TPKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(*args: str) -> int:
    return int(main(list(args)))


def score(root: Path, today: str, files: list[str]) -> None:
    """tpkit audit score FILES --actions, as a venue records its visits (exit 1: a critical
    check failed, which still records the actions)."""
    got = run("--registry", str(root), "--today", today, "audit", "score", *files, "--actions")
    assert got in (0, 1)


def files_of(root: Path, venue: str) -> list[str]:
    return sorted(str(p) for p in (root / "audits" / venue).glob("*.yaml"))


def in_ru(message: str, day: dt.date, **values: str) -> str:
    """A message with a date in Russian, its spaces as a reader of the text sees them."""
    with i18n.language("ru"):
        text = _(message, date=i18n.date(day, "long"), **values)
    return " ".join(text.split())


def outcomes(root: Path, audit: str) -> dict[str, str | None]:
    """Check id → pass, wow, fail, na or None (not answered) at that visit."""
    found, problems = load_audit(root / audit, audit)
    assert found is not None and not problems, problems
    return {c: outcome(check, found.results.get(c)) for c, check in found.checks.items()}


def actions_of(root: Path, venue: str) -> list[ActionFile]:
    found, bad = load_actions(root)
    assert not bad
    return [a for a in found if a.venue == venue]


class Loop:
    """The copied registry and the actions its venues went through."""

    def __init__(self, root: Path, fixed: str, again: str, waiting: str) -> None:
        self.root = root
        self.fixed = fixed  # done, then verified by the last visit
        self.again = again  # done, then reopened by the last visit
        self.waiting = waiting  # done after the last visit: awaits the next one

    def action(self, action_id: str) -> ActionFile:
        return next(a for a in actions_of(self.root, "nevsky") if a.id == action_id)


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loop]:
    """A copy of the reference registry without its actions; nevsky's and harbour's visits
    scored with --actions, three of nevsky's actions marked done around its last visit."""
    root = tmp_path_factory.mktemp("loop") / "registry"
    root.mkdir()
    shutil.copy(ROOT / "tpkit.yaml", root / "tpkit.yaml")
    for folder in ("touchpoints", "audits", "feedback", "standards"):
        shutil.copytree(ROOT / folder, root / folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("TPKIT_LANG", raising=False)
        mp.setenv("LANG", "C.UTF-8")
        mp.setenv("NO_COLOR", "1")
        reg = ("--registry", str(root))
        earlier = [f for f in files_of(root, "nevsky") if f != str(root / LAST)]
        score(root, "2026-11-07", earlier)
        got = outcomes(root, LAST)
        open_ = [a for a in actions_of(root, "nevsky") if a.status == "open"]
        # a check with a figure that passes at the last visit; one that fails there again
        fixed = next(
            a for a in open_ if got.get(a.check) in ("pass", "wow") and a.measured not in ("", "no")
        )
        again = next(a for a in open_ if got.get(a.check) == "fail")
        photo = root / PHOTO
        photo.parent.mkdir()
        photo.write_bytes(b"\xff\xd8\xff")  # never opened by the report
        assert run(*reg, "--today", "2026-11-12", "actions", "done", f"nevsky/{fixed.id}",
                   "--note", NOTE, "--by", BY, "--photo", str(photo)) == 0  # fmt: skip
        assert run(*reg, "--today", "2026-11-13", "actions", "done", again.id,
                   "--note", "Поговорили со сменой") == 0  # fmt: skip
        score(root, "2026-11-21", [str(root / LAST)])
        # one the last visit neither made nor checked again
        waiting = next(
            a for a in actions_of(root, "nevsky") if a.status == "open" and LAST not in a.audits
        )
        assert run(*reg, "--today", "2026-11-25", "actions", "done", waiting.id,
                   "--note", "Провели разбор со сменой", "--by", BY) == 0  # fmt: skip
        score(root, "2026-11-27", files_of(root, "harbour"))
        score(root, "2026-11-19", files_of(root, "fontanka"))  # a competitor: no actions
    i18n.set_language("en")
    made = Loop(root, fixed.id, again.id, waiting.id)
    assert made.action(fixed.id).status == "verified"
    assert made.action(again.id).status == "reopened"
    assert made.action(waiting.id).status == "done"
    assert not (root / "actions" / "fontanka").exists()
    yield made


def report(cli: Cli, root: Path, venue: str, fmt: str, *only: str) -> str:
    files = list(only) or files_of(root, venue)
    out = root / "out" / f"report-{venue}.{fmt}"
    got = cli("--registry", str(root), "--today", TODAY.isoformat(), "render", "report", *files,
              "-f", fmt, "-o", str(out))  # fmt: skip
    assert got.code == 0, got.err
    return out.read_text(encoding="utf-8") if fmt != "pdf" else str(out)


def md_section(text: str, lang: str) -> str:
    """The venue's section of corrective actions in a Markdown report ('' when there is none)."""
    with i18n.language(lang):
        heading = f"\n### {_('Corrective actions: where they stand')}\n"
    if heading not in text:
        return ""
    assert text.count(heading) == 1
    return text.split(heading, 1)[1]


def md_row(section: str, action: ActionFile) -> str:
    rows = [line for line in section.splitlines() if f"`{action.check}`" in line]
    assert len(rows) == 1, rows
    return rows[0]


def md_groups(section: str) -> list[str]:
    return re.findall(r"^#### (.+)$", section, flags=re.M)


def words(lang: str) -> dict[str, str]:
    """The words the section is read by, in the language of the page."""
    with i18n.language(lang):
        return {
            key: _(text)
            for key, text in (
                ("overdue", "Overdue"),
                ("open", "Open"),
                ("reopened", "Reopened"),
                ("done", "Done"),
                ("verified", "Verified"),
            )
        }


def role_titles(lang: str) -> dict[str, str]:
    config = load_config(ROOT)
    return {r.id: r.title_in(lang) for r in config.roles}


def test_the_russian_report_groups_the_actions_overdue_first_with_their_figures(
    loop: Loop, cli: Cli
) -> None:
    section = md_section(report(cli, loop.root, "nevsky", "md"), "ru")
    assert section
    w = words("ru")
    every = actions_of(loop.root, "nevsky")
    late = [a for a in every if a.overdue(TODAY)]
    on_time = [a for a in every if a.status in ("open", "reopened") and not a.overdue(TODAY)]
    assert late and on_time
    # the groups in order, overdue first; the count line counts what each group lists
    assert md_groups(section) == [w["overdue"], w["open"], w["done"], w["verified"]]
    with i18n.language("ru"):
        summary = " · ".join(
            [
                n_("{n} overdue", "{n} overdue", len(late)),
                n_("{n} open, not yet due", "{n} open, not yet due", len(on_time)),
                n_("{n} done, awaiting the next visit", "{n} done, awaiting the next visit", 1),
                n_("{n} verified", "{n} verified", 1),
            ]
        )
        total = n_("{n} corrective action", "{n} corrective actions", len(every))
    assert section.lstrip().startswith(f"**{total}: {summary}**")
    # an overdue one: its due date in Russian and the days it is late
    first = sorted(late, key=lambda a: a.due)[0]
    row = md_row(section, first)
    with i18n.language("ru"):
        due = i18n.date(first.due, "long")
        days = n_("overdue by {n} day", "overdue by {n} days", (TODAY - first.due).days)
    assert f"{due} — **{days}**" in row
    assert "г." in due and re.search(r"[а-я]", due)  # «19 июня 2026 г.»
    assert row.endswith(f"| {w['open']} |") or row.endswith(f"| {w['reopened']} |")
    assert section.index(row) < section.index(f"#### {w['open']}")


def test_the_verified_done_and_reopened_actions_say_who_closed_them_and_which_visit_checked(
    loop: Loop, cli: Cli
) -> None:
    section = md_section(report(cli, loop.root, "nevsky", "md"), "ru")
    w = words("ru")
    fixed = loop.action(loop.fixed)
    row = md_row(section, fixed)
    closed = in_ru("done on {date} by {who}", dt.date(2026, 11, 12), who=BY)
    verified = in_ru("verified by the visit of {date}", dt.date(2026, 11, 20))
    row = " ".join(row.split())  # Markdown writes every space as one
    assert f"{closed}: _{NOTE}_" in row
    assert verified in row and row.endswith(f"| {w['verified']} |")
    assert PHOTO in row  # the evidence named as text
    # measured against the target of the visit that found it, as Russian writes numbers
    cell = row.split(" | ")[1]
    assert cell != "—" and "." not in re.sub(r"[^\d.,]", "", cell.split("(")[0]), cell
    # reopened: it was done once, and the last visit failed it again
    again = md_row(section, loop.action(loop.again))
    assert again.endswith(f"| {w['reopened']} |")
    assert section.index(again) > section.index(f"#### {w['open']}")
    # done after the last visit: waiting for the next one
    waiting = md_row(section, loop.action(loop.waiting))
    assert waiting.endswith(f"| {w['done']} |")
    done, verified_at = (section.index(f"#### {w[k]}") for k in ("done", "verified"))
    assert done < section.index(waiting) < verified_at


def test_the_owner_is_named_by_the_role_title_in_the_venues_language(loop: Loop, cli: Cli) -> None:
    ru, en = role_titles("ru"), role_titles("en")
    section = md_section(report(cli, loop.root, "nevsky", "md"), "ru")
    for action in actions_of(loop.root, "nevsky"):
        owner = md_row(section, action).split(" | ")[2]
        assert owner == ru[action.owner], (action.id, owner)
    assert "Duty manager" not in section and "Service director" not in section
    hotel = md_section(report(cli, loop.root, "harbour", "md"), "en")
    assert hotel
    mine = actions_of(loop.root, "harbour")
    assert mine
    for action in mine:
        assert md_row(hotel, action).split(" | ")[2] == en[action.owner]
    content = [a.text for a in mine] + [a.touchpoint for a in mine]
    assert not foreign_words(hotel, "en", content)  # no Russian word in the hotel's section
    assert "Менеджер смены" not in hotel


def test_the_html_report_marks_the_overdue_rows_and_never_embeds_the_evidence(
    loop: Loop, cli: Cli
) -> None:
    html = report(cli, loop.root, "nevsky", "html")
    page = Rows()
    page.feed(html)
    assert page.sections.count("actions-nevsky") == 1
    every = {a.id: a for a in actions_of(loop.root, "nevsky")}
    assert set(page.rows) == set(every)
    ru = role_titles("ru")
    w = words("ru")
    for action_id, (classes, text) in page.rows.items():
        action = every[action_id]
        assert ("overdue" in classes) == action.overdue(TODAY), action_id
        assert ru[action.owner] in text
    fixed = page.rows[loop.fixed][1]
    assert in_ru("verified by the visit of {date}", dt.date(2026, 11, 20)) in fixed
    assert PHOTO in fixed and w["verified"] in fixed
    tracker = html.split('id="actions-nevsky"', 1)[1]
    assert "<img" not in tracker and "data:image" not in tracker
    # the groups in order, overdue first
    heads = re.findall(r'<h4 class="group-(\w+)">', tracker)
    assert heads == ["overdue", "open", "done", "verified"]


def test_a_long_list_starts_a_page_of_its_own_in_the_pdf(loop: Loop, cli: Cli) -> None:
    path = report(cli, loop.root, "nevsky", "pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    n = len(actions_of(loop.root, "nevsky"))
    with i18n.language("ru"):
        heading = _("Corrective actions: where they stand")
        total = n_("{n} corrective action", "{n} corrective actions", n)
    starts = [i for i, text in enumerate(pages) if total in text]
    assert len(starts) == 1
    assert pages[starts[0]].lstrip().startswith(heading)


def test_no_section_for_a_competitor_or_a_venue_without_actions(loop: Loop, cli: Cli) -> None:
    for venue in ("fontanka", "liteyny"):
        assert not md_section(report(cli, loop.root, venue, "md"), "ru"), venue
        html = report(cli, loop.root, venue, "html")
        assert 'class="tracker' not in html and f'id="actions-{venue}"' not in html
    # nevsky's report names its competitor beside it, but lists nevsky's actions only
    html = report(cli, loop.root, "nevsky", "html")
    assert re.findall(r'id="actions-(\w+)"', html) == ["nevsky"]


def test_a_report_of_the_last_visit_lists_what_it_checked_and_what_is_still_open(
    loop: Loop, cli: Cli
) -> None:
    section = md_section(report(cli, loop.root, "nevsky", "md", str(loop.root / LAST)), "ru")
    every = actions_of(loop.root, "nevsky")
    shown = {a.id for a in every if f"`{a.check}`" in section}
    still_open = {a.id for a in every if a.status in ("open", "reopened")}
    assert still_open <= shown
    assert loop.fixed in shown  # verified by this visit
    assert loop.waiting not in shown  # done, and made and re-checked by other visits only


class Rows(HTMLParser):
    """The rows of the actions' section of an HTML report: id → (classes, visible text)."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.rows: dict[str, tuple[list[str], str]] = {}
        self.current: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and (a.get("id") or "").startswith("actions-"):
            self.sections.append(str(a["id"]))
        if tag == "tr" and a.get("data-action"):
            self.current = str(a["data-action"])
            self.classes = (a.get("class") or "").split()
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.current is not None:
            self.rows[self.current] = (self.classes, " ".join(" ".join(self.text).split()))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.text.append(data)


HOSTILE = """\
id: hostile
venue: nevsky
check: "restaurant.bill/bill-3min`<b>x</b>"
touchpoint: "restaurant.bill"
text: "<script>alert(1)</script> | **bold**"
measured: "nan"
target: "<i>t</i>"
owner: "<img src=x>"
due: 2026-11-01
status: done
audits: ["audits/nevsky/2026-11-20-mystery.yaml"]
evidence: ["../../../etc/passwd", "photos/<img src=x onerror=alert(1)>.jpg"]
note: "<script>alert(2)</script>"
closed_by: "<b>Иван</b>"
closed_on: 2026-11-02
verified_by: ""
root_cause_needed: false
"""


def test_an_action_file_is_shown_as_text_and_a_broken_one_is_counted(loop: Loop, cli: Cli) -> None:
    folder = loop.root / "actions" / "nevsky"
    hostile, broken = folder / "hostile.yaml", folder / "broken.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    broken.write_text("due: [\n", encoding="utf-8")
    try:
        html = report(cli, loop.root, "nevsky", "html").split('id="actions-nevsky"', 1)[1]
        md = md_section(report(cli, loop.root, "nevsky", "md"), "ru")
    finally:
        hostile.unlink()
        broken.unlink()
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "../../../etc/passwd" in html  # named, never opened
    assert "root:" not in html
    shown = ActionFile("hostile", "nevsky", "restaurant.bill/bill-3min??b?x?/b?", "", "", "", TODAY)
    row = md_row(md, shown)  # the check id with nothing but id characters
    assert "<" not in row and "`<" not in row
    assert "&lt;script&gt;" in row and r"\*\*bold\*\*" in row and r"\|" in row
    with i18n.language("ru"):
        unread = n_(
            "{n} action file of this venue could not be read and is not listed: tpkit actions "
            "names it",
            "{n} action files of this venue could not be read and are not listed: tpkit actions "
            "names them",
            1,
        )
    assert unread in md
