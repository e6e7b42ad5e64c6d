"""The single-value types of a file shape (text, ids, choices, numbers, yes/no, dates,
periods): each reads a positioned node into a value, names its problems in plain words and
describes itself as JSON Schema."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from tpkit.durations import DURATION_RE, parse_duration
from tpkit.i18n import N_, _
from tpkit.model import Key
from tpkit.schema.base import Label, Reader, Type, what_is
from tpkit.yaml_nodes import Node, is_bad_date

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# The bound that keeps date arithmetic (a date plus a period) inside what Python's dates can hold.
LATEST_YEAR = 9000
MAX_NUMBER = 10**15


@dataclass
class Text(Type):
    description: str = ""
    pattern: re.Pattern[str] | None = None
    pattern_hint: str = ""
    examples: tuple[str, ...] = ()
    allow_empty: bool = False  # "" is a value of its own (a word list: drop the word)
    hint_values: str = ""  # what {values} in pattern_hint stands for

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            if value is None:
                r.issue(
                    node,
                    _("{label} is empty", label=label),
                    _("write {label} after the colon", label=label),
                )
            else:
                hint = (
                    _("put the text in double quotes")
                    if isinstance(value, bool)
                    else _("write {label} as plain text on the same line", label=label)
                )
                r.issue(
                    node,
                    _("{label} should be text, not {what}", label=label, what=what_is(value)),
                    hint,
                )
            return None
        text = value if isinstance(value, str) else str(value)
        r.pos.end[key] = (node.end_line, node.end_column)
        if self.allow_empty and not text:
            return text
        if not text.strip():
            r.issue(
                node,
                _("{label} is empty", label=label),
                _("write {label} after the colon", label=label),
            )
            return None
        if self.pattern is not None and not self.pattern.fullmatch(text):
            # the whole value must match: `$` alone lets "restaurant.bill\n" through
            trimmed = text.strip()
            if trimmed != text and self.pattern.fullmatch(trimmed):
                message = (
                    N_("{label} '{value}' has a line break or spaces before it")
                    if text[:1].isspace()
                    else N_("{label} '{value}' has a line break or spaces after it")
                )
                r.issue(
                    node,
                    _(message, label=label, value=_visible(text)),
                    _("write it without them: {value}", value=trimmed),
                )
                return None
            r.issue(
                node,
                _(
                    "{label} '{value}' {hint}",
                    label=label,
                    value=_visible(text),
                    hint=_(self.pattern_hint, values=self.hint_values),
                ),
                _("for example: {example}", example=self.examples[0]) if self.examples else "",
            )
            return None
        return text

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 0 if self.allow_empty else 1}
        if self.pattern is not None:
            out["pattern"] = self.pattern.pattern
        if self.examples:
            out["examples"] = list(self.examples)
        return out


def _visible(text: str) -> str:
    """A value quoted in a message on one line: line breaks and tabs written as \\n, \\t."""
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def Id(description: str = "", examples: tuple[str, ...] = ("restaurant.greeting",)) -> Text:
    return Text(
        description,
        ID_RE,
        N_(
            "is not a valid id: use lower-case Latin letters, digits, "
            "'.', '_' and '-', starting with a letter or a digit"
        ),
        examples,
    )


@dataclass
class Enum(Type):
    values: tuple[str, ...]
    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if isinstance(value, str) and value in self.values:
            return value
        shown = value if isinstance(value, str) else what_is(value)
        close = (
            difflib.get_close_matches(str(value), self.values, n=1)
            if isinstance(value, str)
            else []
        )
        values = ", ".join(self.values)
        r.issue(
            node,
            _("{label} '{value}' is not one of the allowed values", label=label, value=shown),
            _("did you mean '{value}'? write one of: {values}", value=close[0], values=values)
            if close
            else _("write one of: {values}", values=values),
        )
        return None

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


@dataclass
class Number(Type):
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    positive: bool = False

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            comma = isinstance(value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value)
            r.issue(
                node,
                _("{label} should be a number, not {what}", label=label, what=what_is(value)),
                # 1,5 is text to YAML: the number is written with a point
                _(
                    "write {number}: with a point, not a comma, and without quotes",
                    number=value.strip().replace(",", "."),
                )
                if comma and isinstance(value, str)
                else _("write a plain number such as 2 or 1.5, without units or quotes"),
            )
            return None
        if value != value or value in (float("inf"), float("-inf")):
            r.issue(
                node,
                _("{label} is not a finite number", label=label),
                _("write a plain number such as 2"),
            )
            return None
        if abs(value) > MAX_NUMBER:
            r.issue(
                node,
                _("{label} is far too large", label=label),
                _("write a plain number such as 2"),
            )
            return None
        if self.positive and value <= 0:
            r.issue(
                node,
                _("{label} must be greater than 0", label=label),
                _("write a positive number"),
            )
            return None
        # the bounds as they are written in YAML (0.5), in either language
        if self.minimum is not None and value < self.minimum:
            low = f"{self.minimum:g}"
            high = "" if self.maximum is None else f"{self.maximum:g}"
            r.issue(
                node,
                _("{label} must be at least {minimum}", label=label, minimum=low),
                _("write a number from {minimum} to {maximum}", minimum=low, maximum=high)
                if high
                else _("write a number from {minimum}", minimum=low),
            )
            return None
        if self.maximum is not None and value > self.maximum:
            high = f"{self.maximum:g}"
            r.issue(
                node,
                _("{label} must be at most {maximum}", label=label, maximum=high),
                _("write a number up to {maximum}", maximum=high),
            )
            return None
        return value

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.positive:
            out["exclusiveMinimum"] = 0
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass
class Bool(Type):
    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        if isinstance(node.value, bool):
            return node.value
        r.issue(
            node,
            _("{label} should be true or false, not {what}", label=label, what=what_is(node.value)),
            _("write true or false"),
        )
        return None

    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass
class Date(Type):
    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if isinstance(value, dt.date) and value.year >= LATEST_YEAR:
            r.issue(
                node,
                _(
                    "{label} {date} is too far in the future (check the year)",
                    label=label,
                    date=value.isoformat()[:10],
                ),
                _("write the date as YYYY-MM-DD, for example 2026-09-01"),
            )
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if is_bad_date(value):
            r.issue(
                node,
                _(
                    "{label} '{value}' is not a real date (check the month and the day)",
                    label=label,
                    value=value,
                ),
                _("write the date as YYYY-MM-DD, for example 2026-09-01"),
            )
        else:
            shown = f"'{value}'" if isinstance(value, (str, int, float)) else what_is(value)
            r.issue(
                node,
                _("{label} {value} is not a date in the form YYYY-MM-DD", label=label, value=shown),
                _("write the date as YYYY-MM-DD, for example 2026-09-01"),
            )
        return None

    def json(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass
class Duration(Type):
    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        days = parse_duration(value) if isinstance(value, str) else None
        if days is None and isinstance(value, str) and DURATION_RE.match(value):
            r.issue(
                node,
                _("{label} is longer than 100 years", label=label),
                _("write a period that a team will really keep, such as 180d or 1y"),
            )
            return None
        if days is None or days <= 0:
            r.issue(
                node,
                _("{label} should be a period such as 90d, 12w, 6m or 1y", label=label),
                _("write a number followed by d (days), w (weeks), m (months) or y (years)"),
            )
            return None
        return days

    def json(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": r"^\s*[1-9]\d*\s*(d|w|m|y)\s*$",
            "examples": ["90d", "180d", "1y"],
        }
