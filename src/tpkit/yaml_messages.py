"""What went wrong reading a YAML file, in plain words, at the line and column that caused it.

PyYAML's syntax and reader errors, and what the composer refuses or finds (a tag, a limit, an
alias, a duplicate key), each with what to write instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from tpkit.i18n import N_, _, n_


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Why a file could not be read, or a duplicate key found while reading."""

    rule: str  # TP001 syntax, TP004 duplicate key, TP006 unsafe
    line: int
    column: int
    message: str
    suggestion: str = ""


_SYNTAX_HINTS: list[tuple[str, str, str]] = [
    (
        "found character '\\t'",
        N_("a tab character is used for indentation"),
        N_("indent with spaces only: replace the tab with two spaces"),
    ),
    (
        "found character that cannot start any token",
        N_("a character that cannot start a value here"),
        N_("put the value in double quotes"),
    ),
    (
        "mapping values are not allowed",
        N_("a ': ' (colon and space) inside a value"),
        N_("put the whole value in double quotes, or fix the indentation of this line"),
    ),
    (
        "could not find expected ':'",
        N_("a line is not in the form 'key: value'"),
        N_("add the colon after the key, or put a multi-line value in quotes"),
    ),
    (
        "did not find expected key",
        N_("the indentation does not line up with the block above"),
        N_("indent this line like its neighbours (spaces only)"),
    ),
    (
        "did not find expected '-' indicator",
        N_("a list item is not lined up with the others"),
        N_("start every item of the list with '- ' at the same indentation"),
    ),
    (
        "found unexpected end of stream",
        N_("a quote or bracket is opened and never closed"),
        N_("close the quote (or bracket) that starts here"),
    ),
    (
        "found unknown escape character",
        N_("a backslash in double quotes starts an unknown escape"),
        N_("use single quotes, or write the backslash twice"),
    ),
    (
        "while scanning a quoted scalar",
        N_("a quoted value is not closed"),
        N_("close the quote that starts here"),
    ),
    (
        "exceeded maximum nesting depth",
        N_("the values are nested too deeply"),
        N_("a tpkit file needs only a few levels; check the brackets"),
    ),
    (
        "control characters are not allowed",
        N_("the file contains an invisible control character"),
        N_("delete the odd character (it often comes from copying out of Word or a PDF)"),
    ),
    (
        "found undefined alias",
        N_("an alias (*name) has no anchor (&name) before it"),
        N_("define the anchor first or write the value out"),
    ),
    (
        "expected <block end>, but found",
        N_("a line is indented differently from the block it is in"),
        N_("line it up with its neighbours (spaces only)"),
    ),
    (
        "did not find expected ',' or",
        N_("a bracket is opened and never closed, or a comma is missing"),
        N_("close the bracket that starts here, or put a comma between the items"),
    ),
    (
        "found invalid Unicode character escape code",
        N_("a \\u escape in double quotes does not name a character"),
        N_("write the character itself, or put the text in single quotes"),
    ),
    (
        "found duplicate anchor",
        N_("the same anchor (&name) is defined twice"),
        N_("give each anchor its own name"),
    ),
]


# Where the cause is an opening that is never closed, point at the opening.
_AT_CONTEXT = ("while scanning a quoted scalar", "while parsing a flow")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> ReadProblem:
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
            message = _("not valid YAML: {problem}", problem=_(message))
            return ReadProblem(rule, line, column, message, _(suggestion))
    return ReadProblem(rule, line, column, plain_yaml_message(raw), _("check the line above too"))


# What YAML accepts in a stream (YAML 1.1, as the reader checks it).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def reader_problem(text: str) -> ReadProblem:
    """The reader names the bad character by its offset (in bytes, with libyaml): point at it."""
    found = _NON_PRINTABLE.search(text)
    index = found.start() if found else 0
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if found:
        code = f"U+{ord(found.group()):04X}"
        message = _(
            "not valid YAML: the file contains an invisible control character ({code}), "
            "which YAML does not allow",
            code=code,
        )
    else:
        message = _(
            "not valid YAML: the file contains an invisible control character, "
            "which YAML does not allow"
        )
    return ReadProblem(
        "TP001",
        line,
        column,
        message,
        _("delete the odd character (it often comes from copying out of Word or a PDF)"),
    )


def plain_yaml_message(raw: str) -> str:
    return _("not valid YAML: {problem}", problem=re.sub(r"\s+", " ", raw).strip())


# What the composer refuses or finds while it builds the tree.


def too_deep(line: int, column: int, depth: int) -> ReadProblem:
    return ReadProblem(
        "TP006",
        line,
        column,
        n_(
            "the values are nested deeper than {n} level",
            "the values are nested deeper than {n} levels",
            depth,
        ),
        _("a tpkit file needs only a few levels; check the indentation and the brackets"),
    )


def second_document(line: int, column: int) -> ReadProblem:
    return ReadProblem(
        "TP001",
        line,
        column,
        _("the file holds more than one YAML document (a second '---' line)"),
        _(
            "keep one touchpoint per file: remove the second '---' "
            "and move what follows into its own file"
        ),
    )


def too_many_values(line: int, column: int, values: int) -> ReadProblem:
    return ReadProblem(
        "TP006",
        line,
        column,
        n_(
            "the file expands to more than {n} value "
            "(a huge list, or aliases repeated inside aliases)",
            "the file expands to more than {n} values "
            "(a huge list, or aliases repeated inside aliases)",
            values,
        ),
        _("split the file, and write values out instead of repeating aliases"),
    )


def key_not_text(line: int, column: int) -> ReadProblem:
    return ReadProblem(
        "TP001",
        line,
        column,
        _("a key is a list or a mapping"),
        _("a key is a plain word followed by a colon"),
    )


def duplicate_key(line: int, column: int, name: str, first_line: int) -> ReadProblem:
    return ReadProblem(
        "TP004",
        line,
        column,
        _(
            "the key '{name}' appears twice in the same block (first on line "
            "{line}); YAML would silently keep only the last one",
            name=name,
            line=first_line,
        ),
        _("keep one '{name}' and merge what the two say", name=name),
    )


def control_character(line: int, column: int, shown: str) -> ReadProblem:
    return ReadProblem(
        "TP006",
        line,
        column,
        _(
            "the text holds an invisible control character ({shown}); "
            "a terminal would obey it as a command",
            shown=shown,
        ),
        _("delete the '{shown}' escape from the text", shown=shown),
    )


def too_many_aliases(line: int, column: int, aliases: int) -> ReadProblem:
    return ReadProblem(
        "TP006",
        line,
        column,
        n_(
            "the file uses more than {n} alias (*name)",
            "the file uses more than {n} aliases (*name)",
            aliases,
        ),
        _("write the values out instead of using aliases"),
    )


def alias_without_anchor(line: int, column: int, anchor: str) -> ReadProblem:
    return ReadProblem(
        "TP001",
        line,
        column,
        _("the alias *{anchor} has no anchor &{anchor} before it", anchor=anchor),
        _("define the anchor first"),
    )


def alias_inside_itself(line: int, column: int, anchor: str) -> ReadProblem:
    return ReadProblem(
        "TP001",
        line,
        column,
        _(
            "the alias *{anchor} stands inside the value its anchor "
            "&{anchor} names, so that value would hold itself without end",
            anchor=anchor,
        ),
        _(
            "write the value out here, or use *{anchor} only after the end of "
            "the value marked &{anchor}",
            anchor=anchor,
        ),
    )


def tag_not_allowed(line: int, column: int, shown: str) -> ReadProblem:
    return ReadProblem(
        "TP006",
        line,
        column,
        _(
            "the tag {shown} is not allowed: tpkit never runs code or builds objects from a file",
            shown=shown,
        ),
        _("remove '{shown}' and write the value as plain text", shown=shown),
    )
