"""JSON text of tpkit's outputs, made by a compiled encoder: a report of tens of thousands of
problems is written in a few hundredths of a second rather than seconds."""

from __future__ import annotations

from typing import Any

import orjson

_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
_COMPACT = orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> str:
    """Dates, paths and other values without a JSON form are written as text."""
    return str(value)


def dumps(data: Any, *, pretty: bool = True) -> str:
    """The data as JSON text (UTF-8 as it stands, never \\u escapes), indented by two spaces
    unless `pretty` is off."""
    return orjson.dumps(data, default=_default, option=_PRETTY if pretty else _COMPACT).decode()
