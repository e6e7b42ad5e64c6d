"""Shared helpers: registries built from dicts of files, and the CLI run in-process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tpkit import i18n
from tpkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"

CONFIG = """\
name: Test Group
language: ru
zones:
  - {id: before, title: До визита}
  - {id: arrival, title: {ru: Встреча, en: Arrival}}
  - {id: payment, title: Расчёт}
roles:
  - {id: host, title: Хостес}
  - {id: waiter, title: Официант}
  - {id: service-director, title: Директор по сервису}
venues:
  - {id: nevsky, title: Невский, language: ru}
  - {id: harbour, title: Harbour Hotel, language: en}
review_every: 180d
"""

TOUCHPOINT = """\
id: t.case
title: Встреча
zone: arrival
owner: host
reviewed: 2026-11-01
standard: Гостя встречают у входа.
checks:
  - {id: c1, text: Поздоровались с гостем}
"""


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read tpkit's messages in English unless they ask for a language (--lang ru, or
    monkeypatch.setenv("TPKIT_LANG", "ru")); the machine's locale plays no part."""
    monkeypatch.setenv("TPKIT_LANG", "en")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.set_language("en")


_LATIN_WORD = re.compile(r"(?<![\w./@:#-])[A-Za-z]{2,}(?![\w./@:#-])")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]{2,}")


def foreign_words(text: str, lang: str, allowed: Iterable[str] = ()) -> list[str]:
    """Words of the other language in an output meant to be in `lang`: Latin words in a
    Russian output, Cyrillic words in an English one. Ids, file names, paths, rule codes and
    options (words joined by . / - _ or digits) are not words; `allowed` lists the words of the
    content itself (titles, phrases) and names (tpkit, NPS, PDF) that may stay."""
    keep = {w.lower() for a in allowed for w in re.findall(r"[^\W\d_]+", a)}
    keep |= {"tpkit", "nps", "pdf", "html", "yaml", "json", "csv", "git", "id", "ok", "md"}
    found = (_LATIN_WORD if lang == "ru" else _CYRILLIC_WORD).findall(text)
    return sorted({w for w in found if w.lower() not in keep})


# A good touchpoint with one known warning: put beside a broken file, it shows the rest of the
# registry is still checked.
CHECKED_ANYWAY = """\
id: sentinel.good
title: Вода на стол
zone: arrival
owner: host
reviewed: 2026-11-01
standard: Официант осуществляет подачу воды сразу после посадки гостя.
checks:
  - {id: water, text: Воду принесли за 3 минуты, type: time, target: {max: 3, unit: min}}
"""
CHECKED_ANYWAY_RULE = "ACC002"  # «осуществляет» is bureaucratic


def build_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (relative path → text or bytes) under root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_registry(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str | bytes] | None = None, config: str = CONFIG) -> Path:
        root = tmp_path / "registry"
        return build_tree(root, {"tpkit.yaml": config, **(files or {})})

    return make


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run `tpkit ARGS` in this process, as a user would type it."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # `auto` would pick annotations

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `tpkit` from the tree under test (ROOT/src) as a separate process, whatever copy
    of tpkit the interpreter has installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
    )
    return subprocess.run(
        [sys.executable, "-m", "tpkit", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
