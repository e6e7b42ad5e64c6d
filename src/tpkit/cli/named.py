"""The audit files named on the command line: the registry they belong to, the language the
output speaks, and their audits or scores, each file read once (by worker processes when there
are many). Shared by `tpkit audit score` and `tpkit render report`."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tpkit.cli.common import State
from tpkit.errors import UsageError
from tpkit.i18n import _

if TYPE_CHECKING:
    from tpkit.audit import AuditSet
    from tpkit.audit.files import Audit
    from tpkit.audit.scoring import Score, ScoringRules
    from tpkit.config import Registry
    from tpkit.model import Problem


def registry_start(state: State, start: Path | None) -> Path | None:
    """Where to look for the registry of an audit file: from the file's own folder up, else
    as for any command (--registry, the current folder and up) when none of the file's
    folders holds tpkit.yaml, as for a form written to /tmp."""
    from tpkit.files import registry_of

    if state.registry is not None or start is None:
        return None
    return start if registry_of(str(start / "audit.yaml")) is not None else None


def venue_language(registry: Registry | None, venue: str) -> str | None:
    """The language of a venue's output: the venue's, else the registry's."""
    if registry is None:
        return None
    item = registry.config.venue(venue)
    return item.language if item is not None and item.language else registry.config.language


def print_problems(problems: list[Problem]) -> None:
    from tpkit.formats.text import plain, problem_lines

    for p in problems:
        for line in problem_lines(p, plain):
            print(line, file=sys.stderr)


def open_named(
    state: State, files: list[Path]
) -> tuple[Registry | None, list[tuple[Path, str]], set[Path]]:
    """The registry of the named audit files (None when there is none), each file with the
    name it is shown by, and their absolute paths; the output speaks the files' language. A
    file that is not there stops."""
    from tpkit.errors import RegistryError
    from tpkit.registry import load_registry
    from tpkit.terminal import clean  # a file name is shown as text, and measured as shown

    try:
        registry = load_registry(
            state.registry,
            start=registry_start(state, files[0].absolute().parent if files else None),
            touchpoints=False,
        )
    except RegistryError:
        if state.registry is not None:
            raise
        registry = None
    state.speak(language_of(registry, files))
    named = set()
    for file in files:
        if file.is_dir() or not os.path.lexists(file):  # a broken link is read, and reported
            raise UsageError(_("{file}: no such audit file", file=file))
        named.add(file.absolute())
    named_as = [(f, clean(registry.relative(f) if registry else str(f))) for f in files]
    return registry, named_as, named


def others_of_venues(
    registry: Registry | None, named: set[Path], venues: set[str]
) -> list[tuple[Path, str]]:
    """The registry's audit files of these venues other than the named ones (for the change
    since the last visit), each with the name it is shown by."""
    from tpkit.audit import audit_files
    from tpkit.terminal import clean

    if registry is None or not venues:
        return []
    return [
        (path, clean(registry.relative(path)))
        for path in audit_files(registry.root)
        if path.parent.name in venues and path.absolute() not in named
    ]


def load_named(
    state: State, files: list[Path]
) -> tuple[Registry | None, AuditSet, list[Audit], list[Problem]]:
    """The registry's settings, the named audits, and the registry's other audits of the same
    venues (for the change since the last visit); each file is read once. Bad files stop."""
    from tpkit.audit import AuditSet
    from tpkit.audit.bulk import Reader
    from tpkit.cli.inputs import refuse_touchpoints

    registry, named_as, named = open_named(state, files)
    refuse_touchpoints(files, registry)  # one line, not the findings of a file that is no audit
    audits: list[Audit] = []
    problems: list[Problem] = []
    with Reader() as reader:
        for audit, found in reader.audits(named_as):
            problems += found
            if audit is not None:
                audits.append(audit)
        venues = {a.venue for a in audits}
        others = [
            audit
            for audit, found in reader.audits(others_of_venues(registry, named, venues))
            if audit is not None and not found and audit.venue in venues
        ]
    return registry, AuditSet(others, []), audits, problems


def scores_of_named(
    state: State, files: list[Path]
) -> tuple[Registry | None, ScoringRules, list[Score], list[Problem], list[Problem]]:
    """The registry, its scoring rules, the score of each named audit file in the order named
    (with the change since the registry's earlier audits of the venue), the problems that
    stop scoring and the warnings. Each file is read once, by worker processes when there
    are many, and only scores come back from them."""
    from tpkit.audit import scoring_rules
    from tpkit.audit.bulk import Reader
    from tpkit.audit.scoring import ScoringRules, with_changes

    registry, named_as, named = open_named(state, files)
    rules = scoring_rules(registry) if registry is not None else ScoringRules()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    scores: list[Score] = []
    with Reader(rules) as reader:
        results = reader.scores(named_as)
        refuse_read_touchpoints(files, [r.no_audit for r in results], registry)
        for got in results:
            problems += got.problems
            warnings += got.warnings
            if got.score is not None:
                scores.append(got.score)
        if problems:
            return registry, rules, [], problems, warnings
        venues = {s.venue for s in scores}
        earlier = [
            r.score
            for r in reader.scores(others_of_venues(registry, named, venues), history=True)
            if r.score is not None and r.score.venue in venues
        ]
    # A named file the registry's audits hold already (by the name shown) is scored as theirs.
    known = {e.path: e for e in earlier}
    with_changes([*earlier, *(s for s in scores if s.path not in known)])
    kept = list({id(s): s for s in (known.get(s.path, s) for s in scores)}.values())
    order: dict[str, int] = {}
    for n, s in enumerate(kept):
        order.setdefault(s.path, n)
    kept.sort(key=lambda s: order[s.path])  # the order named; a file named twice, together
    return registry, rules, kept, problems, warnings


def refuse_read_touchpoints(
    files: list[Path], no_audit: list[bool], registry: Registry | None
) -> None:
    """A touchpoint named where an audit is wanted: one line that says so (as
    refuse_touchpoints), told from what the workers read (the keys at the top of each file)
    instead of reading every file once more."""
    from tpkit.cli.inputs import refuse_touchpoints

    inside: dict[Path, bool] = {}
    folder = registry.root / "touchpoints" if registry is not None else None
    for file, suspect in zip(files, no_audit, strict=True):
        if folder is not None:
            parent = file.absolute().parent
            if parent not in inside:
                try:
                    inside[parent] = parent.resolve().is_relative_to(folder.resolve())
                except (OSError, RuntimeError):
                    inside[parent] = False
            suspect = suspect or inside[parent]
        if suspect:
            refuse_touchpoints([file], registry)  # stops here when it is one


_VENUE_LINE = re.compile(rb"^venue:[ \t]*[\"']?([a-z0-9][a-z0-9_-]*)", re.MULTILINE)


def language_of(registry: Registry | None, files: list[Path]) -> str | None:
    """The language of the venue the named audits are of, read from their `venue:` lines
    (before the files are read in full, so that their problems are in it too); the
    registry's when they are of venues of different languages or the venue cannot be told."""
    from tpkit.files import NotRegular, read_regular

    if registry is None:
        return None
    found: set[str | None] = set()
    for file in files:
        try:
            head = read_regular(file, 8192)
        except (NotRegular, OSError):
            found.add(None)
            break
        line = _VENUE_LINE.search(head)
        found.add(venue_language(registry, line[1].decode()) if line else None)
        if len(found) > 1 or None in found:
            break
    if len(found) == 1 and None not in found:
        return found.pop()
    return registry.config.language
