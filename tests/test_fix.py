"""`tpkit validate --fix` and `--diff`: safe substitutions, made in the file as it is written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from conftest import Result

LEXICON = """\
plain:
  осуществлять: делать
  надлежащий: нужный
  "в течение": {instead: за, case: accs}
  "в целях": чтобы
"""

TOUCHPOINT = """\
# Вода на стол: комментарий остаётся
id: t.water
title: Вода на стол
zone: arrival
owner: host
reviewed: 2026-11-01
standard: >   # сам стандарт
  Официант осуществляет подачу воды в течение
  3 минут после посадки, с надлежащим вниманием.
steps:
  - "Официант осуществляет проверку стола."
  - 'В целях порядка стол протирают.'
checks:
  - {id: c1, text: Воду подали за 3 минуты, type: time, target: {max: 3, unit: min}}
"""

PATH = "touchpoints/arrival/t.water.yaml"


def registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry({PATH: TOUCHPOINT, "standards/lexicon/ru.yaml": LEXICON})


def test_diff_shows_the_substitutions_and_changes_nothing(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = registry(make_registry)
    result = cli("--registry", str(root), "validate", "--diff", "--no-cache")
    assert result.code == 1
    assert f"--- a/{PATH}" in result.out
    assert "-  Официант осуществляет подачу воды в течение" in result.out
    assert "+  Официант делает подачу воды за 3" in result.out
    assert "с нужным вниманием" in result.out
    assert (root / PATH).read_text(encoding="utf-8") == TOUCHPOINT


def test_fix_makes_the_safe_substitutions_and_keeps_the_file_as_written(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = registry(make_registry)
    path = root / PATH
    os.chmod(path, 0o644)
    result = cli("--registry", str(root), "validate", "--fix", "--no-cache")
    text = path.read_text(encoding="utf-8")
    assert "Fixed 4 findings in 1 file" in result.err
    assert text.startswith("# Вода на стол: комментарий остаётся\n")
    assert "standard: >   # сам стандарт\n" in text
    assert "  Официант делает подачу воды за 3\n  минуты после посадки, с нужным вниманием." in text
    assert '  - "Официант делает проверку стола."' in text
    # «в целях порядка» has no safe form: it is reported, not rewritten
    assert "'В целях порядка стол протирают.'" in text
    assert "«В целях»" in result.out and "ACC002" in result.out
    assert "осуществляет" not in result.out
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    again = cli("--registry", str(root), "validate", "--diff", "--no-cache")
    assert again.code == 0 and again.out == ""


def test_fix_does_not_write_through_a_link(
    make_registry: Callable[..., Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_registry({"standards/lexicon/ru.yaml": LEXICON})
    outside = tmp_path / "outside.yaml"
    outside.write_text(TOUCHPOINT, encoding="utf-8")
    (root / "touchpoints/arrival").mkdir(parents=True)
    (root / PATH).symlink_to(outside)
    cli("--registry", str(root), "validate", "--fix", "--no-cache")
    assert outside.read_text(encoding="utf-8") == TOUCHPOINT
