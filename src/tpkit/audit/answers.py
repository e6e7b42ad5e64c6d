"""Answers of an audit file written by hand, read as meant before their shape is checked
(result: yes, 4 min 30 s, 4,5; a clock time refused), and the photos they name as evidence."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tpkit import files
from tpkit.audit.values import CLOCK_RE, clock_hint, parse_amount, result_word
from tpkit.findings import finding
from tpkit.i18n import _
from tpkit.model import Problem, Target
from tpkit.yaml_nodes import Node, as_written

if TYPE_CHECKING:  # the audit's own types; that module reads answers with this one
    from pathlib import Path

    from tpkit.audit.files import Audit, Result

RESULT_KEYS = {"result", "value", "note", "evidence"}


def photos_of(result: Result | None) -> list[str]:
    """The photos of an answer: `evidence` holds one path, or several separated by spaces
    (as typed, '@photos/a.jpg @photos/b.jpg'), relative to the registry."""
    if result is None or not result.evidence:
        return []
    return result.evidence.split()


def photo_warnings(audit: Audit, path: Path) -> list[Problem]:
    """A photo named as evidence that cannot be read: missing, outside the registry, or not
    a regular file. Paths are relative to the registry (the folder above holding tpkit.yaml),
    else to the audit's folder."""
    root = files.registry_of(str(path))
    base = root if root is not None else str(path.absolute().parent)
    out = []
    for cid, result in audit.results.items():
        for photo in photos_of(result):
            where = base if not os.path.isabs(photo) else ""
            full = os.path.join(where, photo) if where else photo
            why = ""
            if not os.path.lexists(full):
                why = _("the photo '{photo}' does not exist", photo=photo)
                hint = _(
                    "copy it into the registry, or correct the path (relative to the registry)"
                )
            elif root is not None and not files.is_inside(full, root):
                why = _("the photo '{photo}' is outside the registry", photo=photo)
                hint = _("copy it into the registry: tpkit reads only files inside it")
            else:
                try:
                    files.openable(full, root)
                except files.NotRegular:
                    why = _("the photo '{photo}' is not a regular file", photo=photo)
                    hint = _("name the photo file itself")
                except OSError as exc:
                    why = _(
                        "the photo '{photo}' cannot be read: {why}",
                        photo=photo,
                        why=exc.strerror or str(exc),
                    )
                    hint = _("check the file's permissions")
            if why:
                line, column = audit.pos("results", cid, "evidence")
                out.append(
                    finding(
                        "TP006",
                        audit.path,
                        line,
                        column,
                        why,
                        hint,
                        standard="evidence",
                        level="warning",
                    )
                )
    return out


def as_meant(
    root: Node, text: str, targets: Mapping[str, Target] | None = None
) -> list[tuple[tuple[int, int], str, str]]:
    """Answers written by hand, read as meant before the shape is checked: result: yes / no
    (YAML reads them as true / false) is pass / fail, the Russian and short words of a result
    are the result, an amount with units (4 min 30 s, 4 мин 30 с) or a decimal comma (4,5) is
    the number in the target's unit. A clock time (4:30, which YAML reads as 270) is refused
    with what to write instead. Returns the refusals, with where they are. The targets of
    the checks as written (raw_target) are read from the file's checks unless given."""
    out: list[tuple[tuple[int, int], str, str]] = []
    top = root.value if isinstance(root.value, dict) else {}
    results, checks = top.get("results"), top.get("checks")
    if results is None or not isinstance(results.value, dict):
        return out
    lines: list[str] | None = None
    for cid, node in results.value.items():
        if not isinstance(node.value, dict):
            continue
        answer = node.value.get("result")
        if answer is not None and answer.value is not None and not isinstance(answer.value, str):
            if isinstance(answer.value, bool):
                lines = lines or text.splitlines()
                word = (as_written(answer, lines) or str(answer.value)).lower()
                meant = (
                    "pass" if word in ("yes", "true") else "fail" if word in ("no", "false") else ""
                )
                if meant:
                    answer.value = meant
                else:
                    out.append(_not_a_result(answer, word))
        elif answer is not None and isinstance(answer.value, str):
            meant_word = result_word(answer.value)
            if meant_word is not None:
                answer.value = meant_word
            elif answer.value.strip():  # the words of the form's language, not the schema's
                out.append(_not_a_result(answer, answer.value.strip()))
        value = node.value.get("value")
        if value is None or value.value is None or isinstance(value.value, bool):
            continue
        if isinstance(value.value, int) and not node.value.keys() <= RESULT_KEYS:
            _decimal_comma(node, value)
        if (isinstance(value.value, (int, float)) and value.value < 60) or value.value == "":
            continue  # a clock time reads as 60 or more
        lines = lines or text.splitlines()
        written = (
            (as_written(value, lines) or str(value.value))
            if not isinstance(value.value, str)
            else value.value
        )
        target = targets.get(cid) if targets is not None else raw_target(checks, cid)
        if CLOCK_RE.match(written.strip()):
            clock = written.strip()
            if isinstance(value.value, str):
                message = _("'{text}' reads as a clock time, not as an amount", text=clock)
            else:
                message = _(
                    "'{text}' reads as a clock time, not as an amount (YAML takes it for {value})",
                    text=clock,
                    value=value.value,
                )
            out.append(((value.line, value.column), message, clock_hint(clock, target)))
            value.value = None
        elif isinstance(value.value, str):
            amount, rest, _problem = parse_amount(value.value, target)
            if amount is not None and not rest:
                value.value = amount
    return out


def _not_a_result(answer: Node, word: str) -> tuple[tuple[int, int], str, str]:
    """A result that is none of the words: refused at its place, and read as no answer."""
    answer.value = None
    return (
        (answer.line, answer.column),
        _("'{word}' is not a result", word=word),
        _("write result: pass, fail, wow or na"),
    )


def _decimal_comma(answer: Node, value: Node) -> None:
    """{value: 4,5} in a flow mapping reads as value 4 and a key 5 with no value: the value
    is 4.5."""
    for key in list(answer.value):
        rest = answer.value[key]
        if key.isdigit() and rest.value is None and rest.line == value.line:
            value.value = float(f"{value.value}.{key}")
            del answer.value[key]
            answer.keys.pop(key, None)
            return


def raw_target(checks: Node | None, cid: str) -> Target | None:
    """The target of a check as written in the audit's snapshot, before it is checked."""
    if checks is None or not isinstance(checks.value, dict):
        return None
    check = checks.value.get(cid)
    target = (
        check.value.get("target") if check is not None and isinstance(check.value, dict) else None
    )
    if target is None or not isinstance(target.value, dict):
        return None
    unit = target.value.get("unit")
    of = target.value.get("of")
    return Target(
        unit=unit.value if unit is not None and isinstance(unit.value, str) else None,
        of=of.value if of is not None and isinstance(of.value, (int, float)) else None,
    )
