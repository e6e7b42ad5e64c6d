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
from tpkit.terminal import clean

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
# C0 and C1 control characters except tab and newline: YAML refuses them written raw, but a
# double-quoted escape ("\x1b[2J", "\r", "\0") puts them into the text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Why a file could not be read, or a duplicate key found while reading."""

    rule: str  # TP001 syntax, TP004 duplicate key, TP006 unsafe
    line: int
    column: int
    message: str
    suggestion: str = ""


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
            suggestion = "rename the folder so its name does not end in .yaml"
        return _fail(name, "TP006", exc.message, suggestion)
    except IsADirectoryError:
        return _fail(
            name,
            "TP006",
            "this is a folder, not a file",
            "rename the folder so its name does not end in .yaml",
        )
    except PermissionError:
        return _fail(
            name,
            "TP006",
            "tpkit may not read this file (permission denied)",
            "give the file read permission (chmod a+r)",
        )
    except OSError as exc:
        return _fail(
            name,
            "TP006",
            f"the file cannot be read: {exc.strerror or exc}",
            "check that the file exists and is not a broken link",
        )


def parse_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.max_bytes:
        return _fail(
            name,
            "TP006",
            f"the file is larger than {_size(limits.max_bytes)}",
            "split it: a touchpoint, an audit or the settings take a few kilobytes",
        )
    text, problem = decode(data)
    if problem is not None:
        return Document(name, "", None, [problem])
    return parse_text(text, name, limits)


def _size(n: int) -> str:
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"


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
        what = f" (it looks like {guess})" if guess else ""
        return "", ReadProblem(
            "TP006",
            line,
            column,
            f"the file is not UTF-8 text{what}",
            "open it in your editor and save it with the encoding UTF-8",
        )


def _guess_encoding(data: bytes) -> str:
    if b"\x00" in data:
        return "a binary file or UTF-16"
    # Russian text in Windows-1251 is whole words of non-ASCII bytes; West-European text in
    # Latin-1 has one accented letter here and there inside ASCII words.
    runs = [len(m.group()) for m in re.finditer(rb"[\xc0-\xff\xa8\xb8]+", data)]
    if runs and sum(runs) / len(runs) >= 3:
        return "Windows-1251, a Russian Windows encoding"
    return "Latin-1 or Windows-1252"


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
        problems.append(_syntax_problem(exc, text))
        root = None
    except (yaml.reader.ReaderError, UnicodeEncodeError):  # a character YAML never allows
        problems.append(_reader_problem(text))
        root = None
    except yaml.YAMLError as exc:  # other errors without a position
        problems.append(ReadProblem("TP001", 1, 1, _plain_yaml_message(str(exc)), ""))
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
                    if typed or _CONTROL_RE.search(value) is not None:
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
                                f"the values are nested deeper than {self.limits.max_depth} levels",
                                "a tpkit file needs only a few levels; check the "
                                "indentation and the brackets",
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
                                "the file holds more than one YAML document (a second '---' line)",
                                "keep one touchpoint per file: remove the second '---' "
                                "and move what follows into its own file",
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
                    f"the file expands to more than {self.limits.max_nodes} "
                    "values (a huge list, or aliases repeated inside aliases)",
                    "split the file, and write values out instead of repeating aliases",
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
                    "a key is a list or a mapping",
                    "a key is a plain word followed by a colon",
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
                    f"the key '{name}' appears twice in the same block (first on line {first[0]}); "
                    "YAML would silently keep only the last one",
                    f"keep one '{name}' and merge what the two say",
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
        elif _CONTROL_RE.search(value):
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
        found = _CONTROL_RE.search(value)
        shown = clean(found.group()) if found else ""
        self.problems.append(
            _at(
                event,
                "TP006",
                f"the text holds an invisible control character ({shown}); "
                "a terminal would obey it as a command",
                f"delete the '{shown}' escape from the text",
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
                    f"the file uses more than {self.limits.max_aliases} aliases (*name)",
                    "write the values out instead of using aliases",
                )
            )
        target = self.anchors.get(event.anchor)
        if target is None:  # libyaml reports this itself; kept for the pure-Python parser
            raise _Stop(
                _at(
                    event,
                    "TP001",
                    f"the alias *{event.anchor} has no anchor &{event.anchor} before it",
                    "define the anchor first",
                )
            )
        if id(target) in self.open:  # `x: &r [*r]`: a value that holds itself has no end
            raise _Stop(
                _at(
                    event,
                    "TP001",
                    f"the alias *{event.anchor} stands inside the value its anchor "
                    f"&{event.anchor} names, so that value would hold itself without end",
                    f"write the value out here, or use *{event.anchor} only after the end of "
                    f"the value marked &{event.anchor}",
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
                f"the tag {shown} is not allowed: tpkit never runs "
                "code or builds objects from a file",
                f"remove '{shown}' and write the value as plain text",
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


def key_source(key: Node, text: str) -> str:
    """A key YAML turned into a boolean (yes/no/on/off) keeps its written form."""
    if key.line == key.end_line:
        lines = text.splitlines()
        if 0 < key.line <= len(lines):
            written = lines[key.line - 1][key.column - 1 : key.end_column - 1].strip()
            if written:
                return written
    return str(key.value).lower()


def _at(event: Any, rule: str, message: str, suggestion: str) -> ReadProblem:
    mark = event.start_mark
    return ReadProblem(rule, mark.line + 1, mark.column + 1, message, suggestion)


_SYNTAX_HINTS: list[tuple[str, str, str]] = [
    (
        "found character '\\t'",
        "a tab character is used for indentation",
        "indent with spaces only: replace the tab with two spaces",
    ),
    (
        "found character that cannot start any token",
        "a character that cannot start a value here",
        "put the value in double quotes",
    ),
    (
        "mapping values are not allowed",
        "a ': ' (colon and space) inside a value",
        "put the whole value in double quotes, or fix the indentation of this line",
    ),
    (
        "could not find expected ':'",
        "a line is not in the form 'key: value'",
        "add the colon after the key, or put a multi-line value in quotes",
    ),
    (
        "did not find expected key",
        "the indentation does not line up with the block above",
        "indent this line like its neighbours (spaces only)",
    ),
    (
        "did not find expected '-' indicator",
        "a list item is not lined up with the others",
        "start every item of the list with '- ' at the same indentation",
    ),
    (
        "found unexpected end of stream",
        "a quote or bracket is opened and never closed",
        "close the quote (or bracket) that starts here",
    ),
    (
        "found unknown escape character",
        "a backslash in double quotes starts an unknown escape",
        "use single quotes, or write the backslash twice",
    ),
    (
        "while scanning a quoted scalar",
        "a quoted value is not closed",
        "close the quote that starts here",
    ),
    (
        "exceeded maximum nesting depth",
        "the values are nested too deeply",
        "a tpkit file needs only a few levels; check the brackets",
    ),
    (
        "control characters are not allowed",
        "the file contains an invisible control character",
        "delete the odd character (it often comes from copying out of Word or a PDF)",
    ),
    (
        "found undefined alias",
        "an alias (*name) has no anchor (&name) before it",
        "define the anchor first or write the value out",
    ),
    (
        "expected <block end>, but found",
        "a line is indented differently from the block it is in",
        "line it up with its neighbours (spaces only)",
    ),
    (
        "did not find expected ',' or",
        "a bracket is opened and never closed, or a comma is missing",
        "close the bracket that starts here, or put a comma between the items",
    ),
    (
        "found invalid Unicode character escape code",
        "a \\u escape in double quotes does not name a character",
        "write the character itself, or put the text in single quotes",
    ),
    (
        "found duplicate anchor",
        "the same anchor (&name) is defined twice",
        "give each anchor its own name",
    ),
]


# Where the cause is an opening that is never closed, point at the opening.
_AT_CONTEXT = ("while scanning a quoted scalar", "while parsing a flow")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> ReadProblem:
    raw = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(raw.startswith(c) for c in _AT_CONTEXT):
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        raw = "found character '\\t'"
    rule = "TP006" if "nesting depth" in raw else "TP001"
    for needle, message, suggestion in _SYNTAX_HINTS:
        if needle in raw:
            return ReadProblem(rule, line, column, f"not valid YAML: {message}", suggestion)
    return ReadProblem(rule, line, column, _plain_yaml_message(raw), "check the line above too")


# What YAML accepts in a stream (YAML 1.1, as the reader checks it).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _reader_problem(text: str) -> ReadProblem:
    """The reader names the bad character by its offset (in bytes, with libyaml): point at it."""
    found = _NON_PRINTABLE.search(text)
    index = found.start() if found else 0
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    shown = f" (U+{ord(found.group()):04X})" if found else ""
    return ReadProblem(
        "TP001",
        line,
        column,
        f"not valid YAML: the file contains an invisible control character{shown}, "
        "which YAML does not allow",
        "delete the odd character (it often comes from copying out of Word or a PDF)",
    )


def _plain_yaml_message(raw: str) -> str:
    return "not valid YAML: " + re.sub(r"\s+", " ", raw).strip()


def is_bad_date(value: Any) -> bool:
    return isinstance(value, BadDate)
