"""Output formats of `tpkit validate`. A format is a function (report, console options) → text;
new ones (SARIF, JUnit, GitHub annotations) register here and the CLI offers them at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tpkit.validate import Report


@dataclass(frozen=True)
class Style:
    color: bool = False
    width: int = 100
    version: str = ""


Formatter = Callable[[Report, Style], str]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(func: Formatter) -> Formatter:
        FORMATS[name] = func
        return func

    return register


def render(name: str, report: Report, style: Style) -> str:
    from tpkit.formats import json_format, text  # noqa: F401  (importing registers them)

    return FORMATS[name](report, style)


def names() -> list[str]:
    return ["text", "json"]
