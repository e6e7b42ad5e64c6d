"""Output formats of `tpkit validate`. A format is a function (report, style) → text; each
module registers its formats here and the CLI offers every name in `names()`."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tpkit.validate import Report

AUTO = "auto"


@dataclass(frozen=True)
class Style:
    color: bool = False
    width: int = 100
    version: str = ""
    fail_level: str = "error"  # JUnit failures and the exit code recorded in SARIF


Formatter = Callable[[Report, Style], str]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(func: Formatter) -> Formatter:
        FORMATS[name] = func
        return func

    return register


def _load() -> None:
    from tpkit.formats import (  # noqa: F401  (importing registers them)
        github,
        json_format,
        junit,
        sarif,
        text,
    )


def render(name: str, report: Report, style: Style) -> str:
    _load()
    return FORMATS[name](report, style)


def names() -> list[str]:
    """Every name `--format` takes; `auto` picks one of the others (see `resolve`)."""
    return [AUTO, "text", "json", "github", "sarif", "junit"]


def resolve(name: str, env: Mapping[str, str] | None = None) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text (coloured on a terminal) elsewhere."""
    if name != AUTO:
        return name
    env = os.environ if env is None else env
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
