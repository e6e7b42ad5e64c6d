"""Compose YAML text into a tree of positioned nodes, safely and within limits.

The tree is built from the parser's event stream (libyaml where available), not with a YAML
constructor: no tag is ever constructed, every value keeps its line and column, duplicate keys
are seen, and depth, aliases and the expanded size are bounded while reading, so a hostile file
cannot hang the process or exhaust its memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

from tpkit.terminal import CONTROL_RE, clean
from tpkit.yaml_messages import (
    ReadProblem,
    alias_inside_itself,
    alias_without_anchor,
    control_character,
    duplicate_key,
    key_not_text,
    plain_yaml_message,
    reader_problem,
    second_document,
    syntax_problem,
    tag_not_allowed,
    too_deep,
    too_many_aliases,
    too_many_values,
)
from tpkit.yaml_nodes import BadDate, Node, key_source

try:  # libyaml is several times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SAFE_SCALAR_TAGS = {
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SAFE_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_IMPLICIT: dict[Any, list[tuple[str, re.Pattern[str]]]] = (
    yaml.resolver.Resolver.yaml_implicit_resolvers
)
_NO_KEYS: dict[str, tuple[int, int]] = {}  # shared by scalars and sequences: never written to
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Limits:
    """What a file may cost before tpkit refuses to read it (TP006)."""

    max_bytes: int = 1024 * 1024
    max_depth: int = 100
    max_aliases: int = 100
    max_nodes: int = 200_000


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class Document:
    path: str
    text: str
    root: Node | None
    problems: list[ReadProblem]


class _Stop(Exception):
    def __init__(self, problem: ReadProblem) -> None:
        self.problem = problem


def parse_text(text: str, name: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Document:
    problems: list[ReadProblem] = []
    try:
        root = _Composer(text, limits, problems).run()
    except _Stop as stop:
        problems.append(stop.problem)
        root = None
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, text))
        root = None
    except (yaml.reader.ReaderError, UnicodeEncodeError):  # a character YAML never allows
        problems.append(reader_problem(text))
        root = None
    except yaml.YAMLError as exc:  # other errors without a position
        problems.append(ReadProblem("TP001", 1, 1, plain_yaml_message(str(exc)), ""))
        root = None
    return Document(name, text, root, problems)


class _Composer:
    """Builds Nodes from parser events with an explicit stack: no recursion, bounded work."""

    def __init__(self, text: str, limits: Limits, problems: list[ReadProblem]) -> None:
        self.parser = _Parser(text)
        self.text = text
        self.limits = limits
        self.problems = problems
        self.anchors: dict[str, Node] = {}
        self.aliases = 0
        self.open: set[int] = set()  # ids of the mappings and lists not closed yet

    def run(self) -> Node | None:
        parser = self.parser
        get_event = parser.get_event
        max_nodes = self.limits.max_nodes
        try:
            root: Node | None = None
            documents = 0
            # stack items: [node, pending key Node or None]
            stack: list[list[Any]] = []
            while True:
                event: Any = get_event()
                cls = type(event)
                if cls is _SCALAR and event.anchor is None and event.tag in _NO_TAG:
                    # Most values: untagged text, read here; anything else goes the long way.
                    value = event.value
                    typed = event.implicit[0] and _resolve(value) is not STR
                    if typed or CONTROL_RE.search(value) is not None:
                        node = self._scalar(event)
                    else:
                        node = _scalar_node(event, value)
                    if not stack:
                        root = node
                        continue
                    # A list item, a key, or a value under a new text key: added here; the
                    # rest (a duplicate key, a key that is not text, the size limit) by _add.
                    top = stack[-1]
                    parent = top[0]
                    if parent.size < max_nodes:
                        held = parent.value
                        if type(held) is list:
                            parent.size += 1
                            held.append(node)
                            continue
                        key = top[1]
                        if key is None:
                            parent.size += 1
                            top[1] = node
                            continue
                        name = key.value
                        if type(name) is str and name not in held:
                            parent.size += 1
                            top[1] = None
                            held[name] = node
                            parent.keys[name] = (key.line, key.column)
                            continue
                    self._add(stack, node)
                elif cls is _SCALAR or cls is ev.AliasEvent:
                    node = self._scalar(event) if cls is _SCALAR else self._alias(event)
                    if stack:
                        self._add(stack, node)
                    else:
                        root = node
                elif cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                    if len(stack) >= self.limits.max_depth:
                        raise _Stop(too_deep(*_at(event), self.limits.max_depth))
                    self._check_tag(event, _SAFE_COLLECTION_TAGS)
                    mark = event.start_mark
                    is_map = cls is ev.MappingStartEvent
                    node = Node(
                        {} if is_map else [],
                        mark.line + 1,
                        mark.column + 1,
                        0,
                        0,
                        "flow" if event.flow_style else "block",
                        {} if is_map else _NO_KEYS,
                    )
                    self._anchor(event, node)
                    if event.anchor is not None:
                        self.open.add(id(node))
                    stack.append([node, None])
                elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                    node = stack.pop()[0]
                    self.open.discard(id(node))
                    node.end_line, node.end_column = (
                        event.end_mark.line + 1,
                        event.end_mark.column + 1,
                    )
                    if stack:
                        self._add(stack, node)
                    else:
                        root = node
                elif cls is ev.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _Stop(second_document(*_at(event)))
                elif cls is ev.StreamEndEvent:
                    return root
        finally:
            parser.dispose()

    def _add(self, stack: list[list[Any]], node: Node) -> None:
        top = stack[-1]
        parent: Node = top[0]
        parent.size += node.size
        if parent.size > self.limits.max_nodes:
            raise _Stop(too_many_values(node.line, node.column, self.limits.max_nodes))
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        key = top[1]
        if key is None:
            top[1] = node
            return
        top[1] = None
        if isinstance(key.value, (dict, list)):
            self.problems.append(key_not_text(key.line, key.column))
            return
        name = "" if key.value is None else str(key.value)
        if isinstance(key.value, bool):
            name = key_source(key, self.text)
        if name in parent.value:
            first = parent.keys[name]
            self.problems.append(duplicate_key(key.line, key.column, name, first[0]))
            return
        parent.value[name] = node
        parent.keys[name] = (key.line, key.column)

    def _scalar(self, event: Any) -> Node:
        tag = event.tag
        value: Any = event.value
        if tag is None or tag == "!":
            tag = _resolve(value) if event.implicit[0] else STR
        else:
            self._check_tag(event, _SAFE_SCALAR_TAGS)
        if tag not in _SAFE_SCALAR_TAGS:  # '<<' (merge) and '=' (value) are plain text here
            tag = STR
        if tag != STR:
            value = self._construct(tag, event)
        elif CONTROL_RE.search(value):
            value = self._control(event, value)
        node = _scalar_node(event, value)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def _construct(self, tag: str, event: Any) -> Any:
        method = _CONSTRUCTOR.yaml_constructors[tag]
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return method(_CONSTRUCTOR, node)
        # PyYAML's constructors trust their input to match the tag; with an explicit tag
        # ('!!bool maybe', '!!int ""', '!!timestamp 2026') they fail in many ways.
        except (
            ValueError,
            OverflowError,
            KeyError,
            IndexError,
            AttributeError,
            TypeError,
            yaml.constructor.ConstructorError,
        ):
            if tag == _TIMESTAMP:
                return BadDate(event.value)
            return event.value

    def _control(self, event: Any, value: str) -> str:
        """Text with a control character (written as an escape such as "\\x1b"): reported,
        and kept only in its visible form, so it can never drive a terminal."""
        found = CONTROL_RE.search(value)
        shown = clean(found.group()) if found else ""
        self.problems.append(control_character(*_at(event), shown))
        return clean(value)

    def _alias(self, event: Any) -> Node:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise _Stop(too_many_aliases(*_at(event), self.limits.max_aliases))
        target = self.anchors.get(event.anchor)
        if target is None:  # libyaml reports this itself; kept for the pure-Python parser
            raise _Stop(alias_without_anchor(*_at(event), event.anchor))
        if id(target) in self.open:  # `x: &r [*r]`: a value that holds itself has no end
            raise _Stop(alias_inside_itself(*_at(event), event.anchor))
        return target

    def _anchor(self, event: Any, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def _check_tag(self, event: Any, allowed: set[str]) -> None:
        tag = event.tag
        if tag is None or tag in allowed or tag == "!":
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Stop(tag_not_allowed(*_at(event), shown))


def _scalar_node(event: Any, value: Any) -> Node:
    mark, end = event.start_mark, event.end_mark
    return Node(
        value,
        mark.line + 1,
        mark.column + 1,
        end.line + 1,
        end.column + 1,
        event.style or "",
        _NO_KEYS,
    )


_SCALAR = ev.ScalarEvent
_NO_TAG = (None, "!")


def _resolve(value: str) -> str:
    """The tag YAML gives a plain scalar (int, float, bool, null, timestamp or str); short
    values (keys, numbers, dates) are remembered, since every file repeats them."""
    resolvers = _RESOLVERS.get(value[:1], _WILDCARD)
    if not resolvers:  # most text: a first character no number, date or yes/no starts with
        return STR
    tag = _RESOLVED.get(value)
    if tag is not None:
        return tag
    tag = STR
    for got, pattern in resolvers:
        if pattern.match(value):
            tag = got
            break
    if len(value) <= 32:
        if len(_RESOLVED) >= 10_000:
            _RESOLVED.clear()
        _RESOLVED[value] = tag
    return tag


_RESOLVED: dict[str, str] = {}


# The implicit resolvers by the first character of a value, with the ones for any character
# after them; most text (a letter outside y/n/t/f/o) has none and is a string at once.
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_IMPLICIT.get(None, ()))
_RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_WILDCARD) for first, resolvers in _IMPLICIT.items() if first is not None
}


def _at(event: Any) -> tuple[int, int]:
    """Where an event starts: its 1-based line and column."""
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
