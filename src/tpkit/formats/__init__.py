"""Output formats of `tpkit validate`: the table of every format (a function (report, style)
→ text, see base.py); the CLI offers every name in `names()`."""

from __future__ import annotations

import os
from collections.abc import Mapping

from tpkit.formats import github, json_format, junit, sarif, text
from tpkit.formats.base import Formatter, Style
from tpkit.validate import Report

__all__ = ["AUTO", "FORMATS", "Style", "names", "render", "resolve"]

AUTO = "auto"


# Every format `--format` takes, by name (`auto` picks one of them, see `resolve`).
FORMATS: dict[str, Formatter] = {
    "text": text.to_text,
    "json": json_format.to_json,
    "github": github.to_github,
    "sarif": sarif.to_sarif,
    "junit": junit.to_junit,
}


def render(name: str, report: Report, style: Style) -> str:
    return FORMATS[name](report, style)


def names() -> list[str]:
    """Every name `--format` takes; `auto` picks one of the others (see `resolve`)."""
    return [AUTO, *FORMATS]


def resolve(name: str, env: Mapping[str, str] | None = None) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text (coloured on a terminal) elsewhere."""
    if name != AUTO:
        return name
    env = os.environ if env is None else env
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
