"""What an output format of `tpkit validate` is: a function (report, style) → text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tpkit.validate import Report


@dataclass(frozen=True)
class Style:
    color: bool = False
    width: int = 100
    version: str = ""
    fail_level: str = "error"  # JUnit failures and the exit code recorded in SARIF


Formatter = Callable[["Report", Style], str]
