"""`tpkit validate --fix` and `--diff`: the safe substitutions of the findings, made in the
files as they are written. Only the flagged words change: comments, quoting, indentation and
line breaks stay; a file whose new text would not read as the same YAML is left alone."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tpkit import files
from tpkit.i18n import _
from tpkit.model import Problem

# Characters that could change what a YAML value means if a replacement brought them in.
_YAML_SPECIAL = set("\"'\\#:{}[]&*!|>%@`")


@dataclass
class FileFix:
    path: str  # relative to the registry root
    before: str
    after: str
    applied: list[Problem] = field(default_factory=list)
    skipped: list[tuple[Problem, str]] = field(default_factory=list)  # (problem, why)

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{self.path}",
                f"b/{self.path}",
            )
        )


def plan(root: Path, problems: Iterable[Problem]) -> list[FileFix]:
    """The new text of each file that has safe substitutions, in file order."""
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        if p.fix is not None and p.path:
            by_file.setdefault(p.path, []).append(p)
    out = []
    for rel, found in sorted(by_file.items()):
        path = root / rel
        try:
            if path.is_symlink() or not path.is_file():
                continue
            with open(path, encoding="utf-8", newline="") as fh:  # keep its line ends
                before = fh.read()
        except (OSError, UnicodeDecodeError):
            continue
        out.append(fix_text(rel, before, found))
    return out


def fix_text(rel: str, before: str, problems: list[Problem]) -> FileFix:
    """Apply the substitutions to one file's text, last first so offsets stay right."""
    result = FileFix(rel, before, before)
    starts = _line_starts(before)
    edits: list[tuple[int, int, str, Problem]] = []
    for p in problems:
        assert p.fix is not None
        line, column, old, new = p.fix
        if not old or line < 1 or line > len(starts):
            result.skipped.append((p, _("the words were not found where the finding points")))
            continue
        if set(new) & _YAML_SPECIAL - set(old):
            result.skipped.append((p, _("the new words would need quoting in YAML")))
            continue
        offset = starts[line - 1] + column - 1
        m = _pattern(old).match(before, offset)
        if m is None:
            result.skipped.append((p, _("the words were not found where the finding points")))
            continue
        edits.append((m.start(), m.end(), _keep_breaks(m.group(), new), p))
    text = before
    last = len(before) + 1
    for start, end, new, p in sorted(edits, key=lambda e: -e[0]):
        if end > last:  # overlaps a substitution already made
            result.skipped.append((p, _("another substitution changes the same words")))
            continue
        text = text[:start] + new + text[end:]
        last = start
        result.applied.append(p)
    result.applied.reverse()
    if result.applied and not _same_shape(before, text):
        result.skipped += [(p, _("the file would not read the same way")) for p in result.applied]
        result.applied = []
        text = before
    result.after = text
    return result


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _pattern(old: str) -> re.Pattern[str]:
    """The words as they stand in the value, where the file may break a line between them."""
    parts = [re.escape(w) for w in old.split()]
    tail = r"[ ]" if old.endswith(" ") else ""
    return re.compile(r"\s+".join(parts) + tail)


def _keep_breaks(found: str, new: str) -> str:
    """Where the file broke the line inside the old words, break the new ones there too, so
    a folded paragraph keeps its shape (the break falls at the same word when it can)."""
    if "\n" not in found:
        return new
    indent = found[found.index("\n") :].split("\n")[-1]
    indent = indent[: len(indent) - len(indent.lstrip())]
    words = new.split(" ")
    if len(words) < 2:
        return new
    first = found.split("\n")[0].split()
    cut = max(1, min(len(first), len(words) - 1))
    return " ".join(words[:cut]) + "\n" + indent + " ".join(words[cut:])


def _same_shape(before: str, after: str) -> bool:
    """The fixed file reads as YAML with the same keys and list lengths as before."""
    try:
        a, b = yaml.safe_load(before), yaml.safe_load(after)
    except yaml.YAMLError:
        return False
    return _shape(a) == _shape(b)


def _shape(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


def write(root: Path, fixes: list[FileFix]) -> None:
    """Write the fixed files in place, atomically and keeping each file's mode; a file that
    became a link since it was read is not written."""
    for f in fixes:
        if not f.applied:
            continue
        path = root / f.path
        if path.is_symlink():
            continue
        files.write_atomic(path, f.after.encode("utf-8"))
