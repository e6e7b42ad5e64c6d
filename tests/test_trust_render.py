"""A registry's templates and assets are untrusted: they run in a sandbox, the PDF engine sees
only files inside the registry, and a printout is never written through a link."""

from __future__ import annotations

import base64
import http.server
import os
import re
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest

from conftest import TOUCHPOINT, Result

Cli = Callable[..., Result]
TIMEOUT = 60  # seconds for one run of the CLI
MEMORY = 3 << 30  # bytes of address space for one run: a memory bomb stops here at worst
PASSWD = Path("/etc/passwd")


def _png() -> bytes:
    """A 1×1 grey PNG, for an image that may be shown."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


PNG = _png()
DATA_PNG = "data:image/png;base64," + base64.b64encode(PNG).decode()


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(root: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process, in the registry, with a time and memory limit."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}

    def start() -> None:
        _limit()
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "tpkit", "--today", "2026-11-25", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=start,
        check=False,
    )


def registry_with(make_registry: Callable[..., Path], files: dict[str, str | bytes]) -> Path:
    return make_registry({"touchpoints/a.yaml": TOUCHPOINT, **files})


def page(body: str) -> str:
    """A registry's own checklist: the built-in page, with body added at its end."""
    return '{% extends "base.html" %}{% block body %}' + body + "{% endblock %}\n"


# ---- templates run in a sandbox -------------------------------------------------------------

ESCAPES = {
    "popen": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "func-globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "mutate": "{% set x = [] %}{{ x.append(1) }}",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_a_template_that_reaches_for_python_stops_with_one_line(
    make_registry: Callable[..., Path], name: str
) -> None:
    root = registry_with(
        make_registry, {"templates/checklist.html": "<p>line one</p>\n" + ESCAPES[name] + "\n"}
    )
    done = run(root, "render", "checklist")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("tpkit: error: templates/checklist.html:2: "), lines
    assert len(lines) <= 2, lines  # the message, and at most one hint
    assert not (root / "MARKER").exists(), "the template ran a command"
    assert not (root / "out").exists(), "a page was written"


def test_a_broken_template_names_its_file_and_line(make_registry: Callable[..., Path]) -> None:
    root = registry_with(make_registry, {"templates/checklist.html": "ok\n\n{% if %}\n"})
    done = run(root, "render", "checklist")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("tpkit: error: templates/checklist.html:3: "), done.stderr
    assert not (root / "out").exists()


def test_every_template_is_sandboxed_the_built_in_ones_too() -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from tpkit.render.env import environment

    assert isinstance(environment(None), ImmutableSandboxedEnvironment)


def test_the_registry_templates_still_extend_the_built_in_page(
    make_registry: Callable[..., Path],
) -> None:
    root = registry_with(
        make_registry, {"templates/checklist.html": page("<p>{{ registry }}: {{ checks }}</p>")}
    )
    done = run(root, "render", "checklist")
    assert done.returncode == 0, done.stderr
    html = (root / "out" / "checklist-nevsky.html").read_text(encoding="utf-8")
    assert "<p>Test Group: 1</p>" in html and "<!DOCTYPE html>" in html


def test_a_template_link_out_of_the_registry_is_not_read(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text("SECRET-TEMPLATE", encoding="utf-8")
    root = registry_with(make_registry, {"templates/checklist.html": "{% include 'x.html' %}"})
    (root / "templates" / "x.html").symlink_to(outside)
    done = run(root, "render", "checklist")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "x.html" in done.stderr and "SECRET-TEMPLATE" not in done.stderr
    assert not (root / "out").exists()


def test_a_template_that_loops_without_end_is_stopped(
    make_registry: Callable[..., Path], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpkit.render.env

    monkeypatch.setattr(tpkit.render.env, "RENDER_SECONDS", 1.0)
    loop = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"
    root = registry_with(make_registry, {"templates/checklist.html": loop})
    start = time.monotonic()
    result = cli("--registry", str(root), "render", "checklist")
    assert time.monotonic() - start < 20
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("tpkit: error: templates/checklist.html"), result.err
    assert "1 s" in result.err
    assert not (root / "out").exists()


@pytest.mark.parametrize(
    "bomb",
    [
        "{{ 'x' * 10 ** 11 }}",
        "{{ 9 ** 99999999999 }}",
        "{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% else %}{{ s|length }}"
        "{% endif %}{% endmacro %}{{ f('ab', 45) }}",
    ],
    ids=["repeat", "power", "doubling"],
)
def test_a_template_that_asks_for_all_memory_is_stopped(
    make_registry: Callable[..., Path], bomb: str
) -> None:
    root = registry_with(make_registry, {"templates/checklist.html": bomb})
    start = time.monotonic()
    done = run(root, "render", "checklist")
    assert time.monotonic() - start < TIMEOUT
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("tpkit: error: templates/checklist.html:1: "), done.stderr
    assert not (root / "out").exists()


# ---- the PDF engine sees only files inside the registry -------------------------------------


class Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """A web server on the loopback interface that counts requests and stops by itself."""
    hits: list[str] = []
    handler = type("Handler", (Counting,), {"hits": hits})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    httpd.timeout = 0.2
    deadline = time.monotonic() + 120

    def serve() -> None:
        while time.monotonic() < deadline and not stop.is_set():
            httpd.handle_request()

    stop = threading.Event()
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], hits
    finally:
        stop.set()
        thread.join(5)
        httpd.server_close()


def attachments(pdf: Path) -> dict[str, list[bytes]]:
    return dict(pypdf.PdfReader(pdf).attachments)


def test_the_pdf_engine_fetches_nothing_outside_the_registry(
    make_registry: Callable[..., Path], tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    pytest.importorskip("weasyprint")
    port, hits = server
    outside = tmp_path / "outside.txt"
    outside.write_text("OUTSIDE-SECRET", encoding="utf-8")
    body = (
        '<link rel="attachment" href="file:///etc/passwd">'
        '<link rel="attachment" href="assets/leak.txt">'
        '<link rel="attachment" href="assets/note.txt">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
        f'<img src="http://127.0.0.1:{port}/pixel.png">'
        f'<img src="http://localhost:{port}/other.png">'
        '<img src="assets/logo.png"><img src="assets/out.png">'
        f'<img src="{DATA_PNG}">'
        "<p>still printed</p>"
    )
    root = registry_with(
        make_registry,
        {
            "templates/checklist.html": page(body),
            "assets/note.txt": "a note inside the registry",
            "assets/logo.png": PNG,
        },
    )
    (root / "assets" / "leak.txt").symlink_to(outside)
    (root / "assets" / "out.png").symlink_to(tmp_path / "image.png")
    (tmp_path / "image.png").write_bytes(PNG)
    done = run(root, "render", "checklist", "--venue", "nevsky", "--format", "pdf")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    pdf = root / "out" / "checklist-nevsky.pdf"
    data = pdf.read_bytes()
    assert hits == [], "the PDF engine made a request"
    files = attachments(pdf)
    assert set(files) == {"note.txt"}, files  # the file inside is attached, nothing else
    assert all(b"root:" not in b and b"OUTSIDE" not in b for v in files.values() for b in v)
    assert PASSWD.read_bytes()[:40] not in data and b"OUTSIDE-SECRET" not in data
    assert "still printed" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    refused = ["/etc/passwd", "leak.txt", "style.css", "pixel.png", "other.png", "out.png"]
    for what in refused:
        assert sum(what in line for line in warnings) == 1, (what, done.stderr)
    assert len(warnings) == len(refused), done.stderr
    assert "note.txt" not in done.stderr and "logo.png" not in done.stderr


# ---- printouts are never written through a link ----------------------------------------------


def test_a_printout_is_not_written_through_a_link(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    root = registry_with(make_registry, {})
    (root / "out").mkdir()
    (root / "out" / "checklist-nevsky.html").symlink_to(victim)
    done = run(root, "render", "checklist")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "out/checklist-nevsky.html" in done.stderr and "link" in done.stderr, done.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (root / "out" / "checklist-nevsky.html").is_symlink()
    assert [p.name for p in (root / "out").iterdir()] == ["checklist-nevsky.html"]  # no leftovers


def test_a_printout_folder_that_links_out_of_the_registry_is_refused(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = registry_with(make_registry, {})
    (root / "out").symlink_to(elsewhere)
    for args in (["render", "checklist"], ["render", "checklist", "-o", "out/c.md", "-f", "md"]):
        done = run(root, *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "out" in done.stderr and "outside the registry" in done.stderr, done.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_printout_replaces_a_hard_link_instead_of_writing_into_it(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    root = registry_with(make_registry, {})
    (root / "out").mkdir()
    os.link(victim, root / "out" / "checklist-nevsky.html")
    done = run(root, "render", "checklist")
    assert done.returncode == 0, done.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert "<!DOCTYPE html>" in (root / "out" / "checklist-nevsky.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_printout_gets_the_mode_the_umask_gives(
    make_registry: Callable[..., Path], umask: int
) -> None:
    root = registry_with(make_registry, {})
    done = run(root, "render", "checklist", "--venue", "nevsky", umask=umask)
    assert done.returncode == 0, done.stderr
    path = root / "out" / "checklist-nevsky.html"
    assert path.is_file()
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not [p for p in path.parent.iterdir() if p != path]  # no temporary file left


def test_a_user_may_still_write_a_printout_outside_the_registry(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    root = registry_with(make_registry, {})
    target = tmp_path / "printouts" / "c.md"
    done = run(root, "render", "checklist", "--venue", "nevsky", "-f", "md", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert re.search(r"t\.case", target.read_text(encoding="utf-8"))


# ---- labels ------------------------------------------------------------------------------


def test_a_labels_file_that_links_out_is_refused(
    make_registry: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "ru.yaml"
    outside.write_text("checklist: SECRET-LABEL\n", encoding="utf-8")
    root = registry_with(make_registry, {"templates/x.txt": ""})
    (root / "templates" / "labels").mkdir()
    (root / "templates" / "labels" / "ru.yaml").symlink_to(outside)
    done = run(root, "render", "checklist")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "templates/labels/ru.yaml" in done.stderr and "SECRET-LABEL" not in done.stderr
    assert not (root / "out").exists()
