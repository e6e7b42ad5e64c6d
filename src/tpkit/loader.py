"""Read one YAML file safely into a tree of positioned nodes.

The tree is built from the parser's event stream (libyaml where available), not with a YAML
constructor: no tag is ever constructed, every value keeps its line and column, duplicate keys
are seen, and depth, aliases and the expanded size are bounded while reading, so a hostile file
cannot hang the process or exhaust its memory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from tpkit import files
from tpkit.i18n import _, n_, number
from tpkit.terminal import CONTROL_RE, clean
from tpkit.yaml_messages import ReadProblem, plain_yaml_message, reader_problem, syntax_problem

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


@dataclass(eq=False, slots=True)
class Node:
    """A YAML value with its position (1-based line and column) and, for text, its source span."""

    value: Any  # dict[str, Node] | list[Node] | str | int | float | bool | date | None
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0
    style: str = ""
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # of mappings only
    size: int = 1

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars), positions dropped. Built
        without recursion, so however deep a file is nested, this never overflows the stack
        (the loader refuses a value that holds itself, which would have no end)."""
        if not isinstance(self.value, (dict, list)):
            return self.value
        top: Any = {} if isinstance(self.value, dict) else []
        todo: list[tuple[Node, Any]] = [(self, top)]
        while todo:
            node, into = todo.pop()
            pairs = node.value.items() if isinstance(node.value, dict) else enumerate(node.value)
            for key, child in pairs:
                value = child.value
                if isinstance(value, (dict, list)):
                    value = {} if isinstance(value, dict) else []
                    todo.append((child, value))
                if isinstance(into, dict):
                    into[key] = value
                else:
                    into.append(value)
        return top


@dataclass(slots=True)
class Document:
    path: str
    text: str
    root: Node | None
    problems: list[ReadProblem]


class _Stop(Exception):
    def __init__(self, problem: ReadProblem) -> None:
        self.problem = problem


def read_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file; every failure is a problem in the result, never an exception."""
    data = read_bytes(path, limits)
    return data if isinstance(data, Document) else parse_bytes(data, os.fspath(path), limits)


def read_bytes(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, root: str | None = None
) -> bytes | Document:
    """The file's bytes, at most one more than the size limit (parse_bytes reports a bigger
    file), or a Document that says why the file cannot be read. Only a regular file is opened:
    a folder, a named pipe, a device (a link to /dev/stdin) or a link that leaves the registry
    (`root`, or the nearest folder above holding tpkit.yaml) is reported, never read, so
    nothing can block the read. One lstat and, mostly, one read a file."""
    name = os.fspath(path)
    try:
        real, size = files.openable(name, root)
        with open(real, "rb", buffering=0, opener=files.no_follow) as fh:
            return files.read_upto(fh, limits.max_bytes + 1, size)
    except files.NotRegular as exc:
        suggestion = exc.suggestion
        if exc.kind == "folder":
            suggestion = _("rename the folder so its name does not end in .yaml")
        return _fail(name, "TP006", exc.message, suggestion)
    except IsADirectoryError:
        return _fail(
            name,
            "TP006",
            _("this is a folder, not a file"),
            _("rename the folder so its name does not end in .yaml"),
        )
    except PermissionError:
        return _fail(
            name,
            "TP006",
            _("tpkit may not read this file (permission denied)"),
            _("give the file read permission (chmod a+r)"),
        )
    except OSError as exc:
        return _fail(
            name,
            "TP006",
            _("the file cannot be read: {reason}", reason=files.os_reason(exc)),
            _("check that the file exists and is not a broken link"),
        )


def parse_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.max_bytes:
        return _fail(
            name,
            "TP006",
            _("the file is larger than {size}", size=_size(limits.max_bytes)),
            _("split it: a touchpoint, an audit or the settings take a few kilobytes"),
        )
    text, problem = decode(data)
    if problem is not None:
        return Document(name, "", None, [problem])
    return parse_text(text, name, limits)


def _size(n: int) -> str:
    if n >= 1024:
        return _("{n} KiB", n=number(n // 1024))
    return n_("{n} byte", "{n} bytes", n)


def decode(data: bytes) -> tuple[str, ReadProblem | None]:
    """UTF-8 (with or without BOM); anything else is a TP006 problem at the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        guess = _guess_encoding(data)
        return "", ReadProblem(
            "TP006",
            line,
            column,
            _("the file is not UTF-8 text (it looks like {guess})", guess=guess)
            if guess
            else _("the file is not UTF-8 text"),
            _("open it in your editor and save it with the encoding UTF-8"),
        )


def _guess_encoding(data: bytes) -> str:
    if b"\x00" in data:
        return _("a binary file or UTF-16")
    # Russian text in Windows-1251 is whole words of non-ASCII bytes; West-European text in
    # Latin-1 has one accented letter here and there inside ASCII words.
    runs = [len(m.group()) for m in re.finditer(rb"[\xc0-\xff\xa8\xb8]+", data)]
    if runs and sum(runs) / len(runs) >= 3:
        return _("Windows-1251, a Russian Windows encoding")
    return _("Latin-1 or Windows-1252")


def _fail(name: str, rule: str, message: str, suggestion: str) -> Document:
    return Document(name, "", None, [ReadProblem(rule, 1, 1, message, suggestion)])


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
                        raise _Stop(
                            _at(
                                event,
                                "TP006",
                                n_(
                                    "the values are nested deeper than {n} level",
                                    "the values are nested deeper than {n} levels",
                                    self.limits.max_depth,
                                ),
                                _(
                                    "a tpkit file needs only a few levels; check the "
                                    "indentation and the brackets"
                                ),
                            )
                        )
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
                        raise _Stop(
                            _at(
                                event,
                                "TP001",
                                _(
                                    "the file holds more than one YAML document "
                                    "(a second '---' line)"
                                ),
                                _(
                                    "keep one touchpoint per file: remove the second '---' "
                                    "and move what follows into its own file"
                                ),
                            )
                        )
                elif cls is ev.StreamEndEvent:
                    return root
        finally:
            parser.dispose()

    def _add(self, stack: list[list[Any]], node: Node) -> None:
        top = stack[-1]
        parent: Node = top[0]
        parent.size += node.size
        if parent.size > self.limits.max_nodes:
            raise _Stop(
                ReadProblem(
                    "TP006",
                    node.line,
                    node.column,
                    n_(
                        "the file expands to more than {n} value "
                        "(a huge list, or aliases repeated inside aliases)",
                        "the file expands to more than {n} values "
                        "(a huge list, or aliases repeated inside aliases)",
                        self.limits.max_nodes,
                    ),
                    _("split the file, and write values out instead of repeating aliases"),
                )
            )
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        key = top[1]
        if key is None:
            top[1] = node
            return
        top[1] = None
        if isinstance(key.value, (dict, list)):
            self.problems.append(
                ReadProblem(
                    "TP001",
                    key.line,
                    key.column,
                    _("a key is a list or a mapping"),
                    _("a key is a plain word followed by a colon"),
                )
            )
            return
        name = "" if key.value is None else str(key.value)
        if isinstance(key.value, bool):
            name = key_source(key, self.text)
        if name in parent.value:
            first = parent.keys[name]
            self.problems.append(
                ReadProblem(
                    "TP004",
                    key.line,
                    key.column,
                    _(
                        "the key '{name}' appears twice in the same block (first on line "
                        "{line}); YAML would silently keep only the last one",
                        name=name,
                        line=first[0],
                    ),
                    _("keep one '{name}' and merge what the two say", name=name),
                )
            )
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
        self.problems.append(
            _at(
                event,
                "TP006",
                _(
                    "the text holds an invisible control character ({shown}); "
                    "a terminal would obey it as a command",
                    shown=shown,
                ),
                _("delete the '{shown}' escape from the text", shown=shown),
            )
        )
        return clean(value)

    def _alias(self, event: Any) -> Node:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise _Stop(
                _at(
                    event,
                    "TP006",
                    n_(
                        "the file uses more than {n} alias (*name)",
                        "the file uses more than {n} aliases (*name)",
                        self.limits.max_aliases,
                    ),
                    _("write the values out instead of using aliases"),
                )
            )
        target = self.anchors.get(event.anchor)
        if target is None:  # libyaml reports this itself; kept for the pure-Python parser
            raise _Stop(
                _at(
                    event,
                    "TP001",
                    _(
                        "the alias *{anchor} has no anchor &{anchor} before it",
                        anchor=event.anchor,
                    ),
                    _("define the anchor first"),
                )
            )
        if id(target) in self.open:  # `x: &r [*r]`: a value that holds itself has no end
            raise _Stop(
                _at(
                    event,
                    "TP001",
                    _(
                        "the alias *{anchor} stands inside the value its anchor "
                        "&{anchor} names, so that value would hold itself without end",
                        anchor=event.anchor,
                    ),
                    _(
                        "write the value out here, or use *{anchor} only after the end of "
                        "the value marked &{anchor}",
                        anchor=event.anchor,
                    ),
                )
            )
        return target

    def _anchor(self, event: Any, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def _check_tag(self, event: Any, allowed: set[str]) -> None:
        tag = event.tag
        if tag is None or tag in allowed or tag == "!":
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Stop(
            _at(
                event,
                "TP006",
                _(
                    "the tag {shown} is not allowed: tpkit never runs "
                    "code or builds objects from a file",
                    shown=shown,
                ),
                _("remove '{shown}' and write the value as plain text", shown=shown),
            )
        )


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


class BadDate(str):
    """A value shaped like a date that is not a real one (2026-13-45)."""


def as_written(node: Node, lines: list[str]) -> str:
    """A one-line scalar as it is written in the file ('' for one over several lines)."""
    if node.line == node.end_line and 0 < node.line <= len(lines):
        return lines[node.line - 1][node.column - 1 : node.end_column - 1]
    return ""


def key_source(key: Node, text: str) -> str:
    """A key YAML turned into a boolean (yes/no/on/off) keeps its written form."""
    return as_written(key, text.splitlines()).strip() or str(key.value).lower()


def _at(event: Any, rule: str, message: str, suggestion: str) -> ReadProblem:
    mark = event.start_mark
    return ReadProblem(rule, mark.line + 1, mark.column + 1, message, suggestion)


def is_bad_date(value: Any) -> bool:
    return isinstance(value, BadDate)
