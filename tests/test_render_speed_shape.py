"""The PDF printouts as made quickly: every check, the running header on every page, due dates
whole, and no other program started to make them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from audit_helpers import FILES
from conftest import ROOT, Result

Cli = Callable[..., Result]


@pytest.fixture(autouse=True)
def venue_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TPKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def render(cli: Cli, root: Path, *args: str) -> Path:
    result = cli("--registry", str(root), "--today", "2026-11-25", "render", *args)
    assert result.code == 0, result.err
    return Path(result.out.strip())


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_every_page_of_the_checklist_pdf_has_its_header_and_every_check_is_there(
    tmp_path: Path, cli: Cli
) -> None:
    html = render(cli, ROOT, "checklist", "--venue", "nevsky", "-o", str(tmp_path / "c.html"))
    ids = re.findall(r'data-check="([^"]+)"', html.read_text(encoding="utf-8"))
    pdf = render(
        cli, ROOT, "checklist", "--venue", "nevsky", "-f", "pdf", "-o", str(tmp_path / "c.pdf")
    )
    texts = pages(pdf)
    assert len(texts) > 5
    for number, text in enumerate(texts, 1):
        assert "Ресторан «Невский, 12»" in text and "Дата:" in text and "Аудитор:" in text
        assert f"{number} / {len(texts)}" in text
    whole = "".join(texts).replace("\n", "")  # a long id wraps inside its cell
    assert len(ids) > 100 and [i for i in ids if i not in whole] == []


def test_the_report_pdf_keeps_each_due_date_on_one_line(tmp_path: Path, cli: Cli) -> None:
    audits = sorted(str(p) for p in (ROOT / "audits" / "nevsky").glob("*.yaml"))
    html = render(cli, ROOT, "report", *audits, "-o", str(tmp_path / "r.html"))
    found = re.findall(r'<td class="num">(\d+\s\w+\s\d{4}\sг\.)</td></tr>', html.read_text("utf-8"))
    dues = {" ".join(due.split()) for due in found}
    assert dues
    pdf = render(cli, ROOT, "report", *audits, "-f", "pdf", "-o", str(tmp_path / "r.pdf"))
    lines = {" ".join(line.split()) for page in pages(pdf) for line in page.splitlines()}
    assert [d for d in dues if not any(d in line for line in lines)] == []


def test_making_a_pdf_starts_no_other_program(make_registry: Callable[..., Path]) -> None:
    root = make_registry(FILES)
    code = (
        "import subprocess, sys\n"
        "started = []\n"
        "real = subprocess.Popen.__init__\n"
        "def spy(self, args, *a, **k):\n"
        "    started.append(args)\n"
        "    real(self, args, *a, **k)\n"
        "subprocess.Popen.__init__ = spy\n"
        "from tpkit.cli import main\n"
        f"done = main(['--registry', {str(root)!r}, 'render', 'checklist', '--venue', "
        f"'nevsky', '-f', 'pdf', '-o', {str(root / 'c.pdf')!r}])\n"
        "print('started:', started)\n"
        "sys.exit(done)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "started: []" in proc.stdout
    assert (root / "c.pdf").read_bytes().startswith(b"%PDF")
