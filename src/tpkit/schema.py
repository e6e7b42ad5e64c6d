"""The types a file shape is built of (text, ids, numbers, dates, periods, lists, objects):
each reads a positioned node into a value with its problems named in plain words, and describes
itself as JSON Schema. The shapes of the files themselves are in shapes.py."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from tpkit.i18n import N_, _, n_
from tpkit.loader import Node, is_bad_date
from tpkit.model import Key, Positions

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
DURATION_RE = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$")
DURATION_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# Bounds that keep date arithmetic (a date plus a period) inside what Python's dates can hold.
MAX_DURATION_DAYS = 100 * 365
LATEST_YEAR = 9000
MAX_NUMBER = 10**15


@dataclass(slots=True)
class Issue:
    line: int
    column: int
    message: str
    suggestion: str = ""


class Reader:
    """Walks a Node tree against a type, collecting plain data, positions and issues."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.pos = Positions()

    def issue(self, node: Node, message: str, suggestion: str = "") -> None:
        self.issues.append(Issue(node.line, node.column, message, suggestion))


class Type:
    """A value's shape. `read` returns the value, or None after recording an issue."""

    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


def what_is(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("yes/no (true/false)")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, dict):
        return _("a block of keys")
    if isinstance(value, list):
        return _("a list")
    return _("text")


# What a list item is called in a message ("check 2 of 'checks'"), by the list's item label.
_NTH = {
    "item": N_("item {index} of {label}"),
    "phrase": N_("phrase {index} of {label}"),
    "check": N_("check {index} of {label}"),
    "tag": N_("tag {index} of {label}"),
    "step": N_("step {index} of {label}"),
    "role": N_("role {index} of {label}"),
    "venue": N_("venue {index} of {label}"),
    "zone": N_("zone {index} of {label}"),
    "waiver": N_("waiver {index} of {label}"),
    "band": N_("band {index} of {label}"),
    "kind": N_("kind {index} of {label}"),
    "channel": N_("channel {index} of {label}"),
    "month": N_("month {index} of {label}"),
    "abbreviation": N_("abbreviation {index} of {label}"),
    "entry": N_("entry {index} of {label}"),
}


class _Nth:
    """The label of a list item, put into words only when a message names it: reading a
    file that has no problem never formats one."""

    __slots__ = ("index", "item", "parent")

    def __init__(self, item: str, index: int, parent: object) -> None:
        self.item = item
        self.index = index
        self.parent = parent

    def __str__(self) -> str:
        pattern = _NTH.get(self.item)
        if pattern is None:
            return f"{self.item} {self.index} of {self.parent}"
        return _(pattern, index=self.index, label=self.parent)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


Label = str | _Nth  # how a message names a value: "'zone'", "check 2 of 'checks'"


def _at_least(item: str, count: int, label: object) -> str:
    """'{label} needs at least 1 check', with the item's word in the form the number takes."""
    if item == "check":
        return n_(
            "{label} needs at least {n} check", "{label} needs at least {n} checks", count,
            label=label,
        )  # fmt: skip
    if item == "zone":
        return n_(
            "{label} needs at least {n} zone", "{label} needs at least {n} zones", count,
            label=label,
        )  # fmt: skip
    if item == "role":
        return n_(
            "{label} needs at least {n} role", "{label} needs at least {n} roles", count,
            label=label,
        )  # fmt: skip
    if item == "venue":
        return n_(
            "{label} needs at least {n} venue", "{label} needs at least {n} venues", count,
            label=label,
        )  # fmt: skip
    if item == "month":
        return n_(
            "{label} needs at least {n} month", "{label} needs at least {n} months", count,
            label=label,
        )  # fmt: skip
    return n_(
        "{label} needs at least {n} item", "{label} needs at least {n} items", count, label=label
    )


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


def parse_duration(text: str) -> int | None:
    """'180d', '12w', '6m', '1y' → days; None if the text is not a duration."""
    match = DURATION_RE.match(text)
    if not match or len(match.group(1)) > 6:
        return None
    days = int(match.group(1)) * DURATION_DAYS[match.group(2)]
    return days if days <= MAX_DURATION_DAYS else None


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


@dataclass
class ListOf(Type):
    item: Type
    description: str = ""
    min_items: int = 0
    item_label: str = "item"

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if not isinstance(value, list):
            if isinstance(value, (str, int, float)) and isinstance(self.item, Text | Enum):
                r.issue(
                    node,
                    _("{label} should be a list, not a single value", label=label),
                    _("write it as a list: [{value}]", value=value),
                )
            else:
                r.issue(
                    node,
                    _("{label} should be a list, not {what}", label=label, what=what_is(value)),
                    _("write each item on its own line starting with '- '"),
                )
            return None
        if len(value) < self.min_items:
            r.issue(node, _at_least(self.item_label, self.min_items, label), _("add one"))
            return None
        out = []
        item_label = self.item_label
        for i, child in enumerate(value):
            r.pos.at[(*key, i)] = (child.line, child.column)
            got = self.item.read(child, (*key, i), r, _Nth(item_label, i + 1, label))
            if got is not None:
                out.append(got)
        return out

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": describe(self.item)}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


@dataclass
class Field:
    type: Type
    description: str
    required: bool = False
    example: str = ""
    nullable: bool = False  # may be left empty (a blank in a form to fill in)


@dataclass
class Obj(Type):
    fields: dict[str, Field]
    description: str = ""
    title: str = ""
    extra: Type | None = None  # the shape of keys not in fields; None: they are mistakes

    def __post_init__(self) -> None:
        self.required = tuple(name for name, f in self.fields.items() if f.required)

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        if not isinstance(value, dict):
            r.issue(
                node,
                _(
                    "{label} should be a block of 'key: value' lines, not {what}",
                    label=label,
                    what=what_is(value),
                ),
                _("write one 'key: value' per line, indented under it"),
            )
            return None
        out: dict[str, Any] = {}
        # A key written with a typo ('tittle') stands for the key it is close to, when that
        # key is not written too: it is reported, and its value is read as that key's, so
        # the rest of the file is still checked.
        meant: dict[str, str] = {}  # the key meant -> the key as written
        for name, child in value.items():
            spec = self.fields.get(name)
            line, column = node.keys.get(name, (child.line, child.column))
            if spec is None and self.extra is not None:
                r.pos.at[(*key, name)] = (child.line, child.column)
                got = self.extra.read(child, (*key, name), r, f"'{name}'")
                if got is not None:
                    out[name] = got
                continue
            if spec is None:
                close = difflib.get_close_matches(name, list(self.fields), n=1, cutoff=0.6)
                r.issues.append(
                    Issue(
                        line,
                        column,
                        _("unknown key '{name}' in {label}", name=name, label=label)
                        if key
                        else _("unknown key '{name}'", name=name),
                        _("did you mean '{key}'?", key=close[0])
                        if close
                        else _("allowed keys here: {keys}", keys=", ".join(self.fields)),
                    )
                )
                if not close or close[0] in value or close[0] in meant:
                    continue
                meant[close[0]] = name
                name, spec = close[0], self.fields[close[0]]
            r.pos.at[(*key, name)] = (child.line, child.column)
            if child.value is None and spec.nullable:
                continue
            got = spec.type.read(child, (*key, name), r, f"'{meant.get(name, name)}'")
            if got is not None:
                out[name] = got
        for name in self.required:
            if name not in value:
                r.issue(
                    node,
                    _("the required key '{name}' is missing in {label}", name=name, label=label)
                    if key
                    else _("the required key '{name}' is missing", name=name),
                    self._add_hint(name, node, meant),
                )
        return out

    def _add_hint(self, name: str, node: Node, meant: dict[str, str]) -> str:
        """What to write for a required key that is missing."""
        if name in meant:
            line = node.keys.get(meant[name], (node.line, node.column))[0]
            return _(
                "'{written}' on line {line} looks like it: rename it to '{name}'",
                written=meant[name],
                line=line,
                name=name,
            )
        spec = self.fields[name]
        example = spec.example if spec.example and not _free_text(spec.type) else ""
        if not spec.description:
            if example:
                return _("add a line '{name}: …'; for example '{example}'", name=name,
                         example=example)  # fmt: skip
            return _("add a line '{name}: …'", name=name)
        said = _(spec.description)
        said = said[:1].lower() + said[1:]
        if example:
            return _(
                "add a line '{name}: …': {description}; for example '{example}'",
                name=name,
                description=said,
                example=example,
            )
        return _("add a line '{name}: …': {description}", name=name, description=said)

    def json(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                name: {**_nullable(describe(f.type), f.nullable), "description": f.description}
                for name, f in self.fields.items()
            },
            "required": list(self.required),
            "additionalProperties": describe(self.extra) if self.extra is not None else False,
        }


def _free_text(t: Type) -> bool:
    """Text in the writer's own words (a title, a standard): an example would read as a
    value to copy. A title given once or per language is such text too."""
    if isinstance(t, AnyOf):
        return any(_free_text(c) for c in t.choices)
    return isinstance(t, Text) and t.pattern is None


@dataclass
class MapOf(Type):
    """A mapping with free keys (lexicon entries, waiver-free dictionaries)."""

    value: Type
    description: str = ""
    nullable: bool = False  # a key may stand alone, with nothing after the colon
    max_keys: int = 0  # 0: any number
    item_label: str = "key"

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        if not isinstance(node.value, dict):
            r.issue(
                node,
                _(
                    "{label} should be a block of 'key: value' lines, not {what}",
                    label=label,
                    what=what_is(node.value),
                ),
                _("write one 'key: value' per line"),
            )
            return None
        if self.max_keys and len(node.value) > self.max_keys:
            r.issue(
                node,
                n_(
                    "{label} holds {n} 'key: value' pair where one is expected",
                    "{label} holds {n} 'key: value' pairs where one is expected",
                    len(node.value),
                    label=label,
                ),
                _("write each pair as its own item of the list, starting with '- '"),
            )
            return None
        out: dict[str, Any] = {}
        for name, child in node.value.items():
            r.pos.at[(*key, name)] = (child.line, child.column)
            if child.value is None and self.nullable:
                out[name] = None
                continue
            got = self.value.read(child, (*key, name), r, f"'{name}'")
            if got is not None:
                out[name] = got
        return out

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _nullable(describe(self.value), self.nullable),
        }
        if self.max_keys:
            out["maxProperties"] = self.max_keys
        return out


@dataclass
class Free(Type):
    """Any value: its own checks are made where it is used (a rule's settings)."""

    description: str = ""

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        return node.plain()

    def json(self) -> dict[str, Any]:
        return {}


@dataclass
class ByShape(Type):
    """One shape for a block of keys, one for a list and one for a single value, chosen by how
    the value is written; the issues are those of the shape it is written in."""

    mapping: Type | None = None
    sequence: Type | None = None
    scalar: Type | None = None
    description: str = ""
    expected: str = ""  # what to write, in words: "a replacement, or a block of keys"

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        value = node.value
        kind = (
            self.mapping
            if isinstance(value, dict)
            else self.sequence
            if isinstance(value, list)
            else self.scalar
        )
        if kind is None:
            expected = _(self.expected)
            r.issue(
                node,
                _("{label} should be {expected}, not {what}", label=label, expected=expected,
                  what=what_is(value)),
                _("write {expected}", expected=expected),
            )  # fmt: skip
            return None
        return kind.read(node, key, r, label)

    def json(self) -> dict[str, Any]:
        return {"anyOf": [describe(t) for t in (self.mapping, self.sequence, self.scalar) if t]}


@dataclass
class AnyOf(Type):
    """The first type whose read succeeds; the last one's issues are reported otherwise."""

    choices: tuple[Type, ...]
    description: str = ""
    accepts: tuple[type, ...] = ()

    def read(self, node: Node, key: Key, r: Reader, label: Label) -> Any:
        for choice in self.choices[:-1]:
            trial = Reader()
            got = choice.read(node, key, trial, label)
            if got is not None and not trial.issues:
                r.pos.at.update(trial.pos.at)
                return got
        return self.choices[-1].read(node, key, r, label)

    def json(self) -> dict[str, Any]:
        return {"anyOf": [describe(c) for c in self.choices]}


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def describe(t: Type) -> dict[str, Any]:
    out = t.json()
    if t.description and "description" not in out:
        out["description"] = t.description
    return out


# ---- the shapes -------------------------------------------------------------------------------
