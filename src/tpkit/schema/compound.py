"""The types of a file shape that hold others (lists, blocks of keys, maps, a choice of shapes)
and describe(), a type's JSON Schema with its description."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from tpkit.i18n import _, n_
from tpkit.model import Key
from tpkit.schema.base import Issue, Label, Nth, Reader, Type, what_is
from tpkit.schema.scalars import Enum, Text
from tpkit.yaml_nodes import Node


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
            got = self.item.read(child, (*key, i), r, Nth(item_label, i + 1, label))
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
