"""Reading many audit files: on every core when there are many. Each worker is given paths
and sends back only what is asked for: an audit without the positions of its values (only
its problems need them, and they are made in the worker), or, to score, just the score."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tpkit import i18n
from tpkit.audit.files import Audit, read_audit
from tpkit.audit.scoring import Score, ScoringRules, score_audit
from tpkit.model import Positions, Problem

PARALLEL_FROM = 40  # files; fewer are read faster in this process than by starting workers
CHUNK = 25  # files a task: results go back while a worker reads its next files
AUDIT_KEYS = frozenset(("checks_hash", "results"))  # a file with neither is no audit

T = TypeVar("T")


@dataclass(slots=True)
class Scored:
    """What scoring needs of one audit file."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # photos that cannot be read
    score: Score | None = None  # None: the file is not an audit that can be scored
    no_audit: bool = False  # none of an audit's keys at its top: maybe a touchpoint


class Reader:
    """Reads audit files in worker processes when there are many (started on first need, used
    for every batch after it), else in this process."""

    def __init__(self, rules: ScoringRules | None = None, jobs: int = 0) -> None:
        self.rules = rules or ScoringRules()
        self.workers = jobs or min(os.cpu_count() or 1, 8)
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def audits(self, named: Sequence[tuple[Path, str]]) -> list[tuple[Audit | None, list[Problem]]]:
        """Each file's audit (without positions when it read cleanly) and its problems."""
        items = [(os.fspath(path), shown) for path, shown in named]
        return self._run(_audit_chunk, items)

    def scores(self, named: Sequence[tuple[Path, str]], history: bool = False) -> list[Scored]:
        """Each file's score, with its problems and warnings; with `history`, only the
        scores of the files that read cleanly (audits compared with, never reported)."""
        items = [(os.fspath(path), shown, history) for path, shown in named]
        return self._run(_score_chunk, items)

    def _run(self, task: Callable[[list[Any]], list[T]], items: list[Any]) -> list[T]:
        if self.workers < 2 or len(items) < PARALLEL_FROM:
            _init(self.rules, i18n.current())
            with _no_gc():
                return task(items)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.workers, initializer=_init, initargs=(self.rules, i18n.current())
            )
        size = max(4, min(CHUNK, len(items) // (self.workers * 4)))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        out: list[T] = []
        with _no_gc():  # the results are many small objects that form no cycles
            for done in self.pool.map(task, chunks):
                out += done
        return out


def load_audits(named: Sequence[tuple[Path, str]]) -> list[tuple[Audit | None, list[Problem]]]:
    """Audit files read on every core when there are many, in the order named."""
    with Reader() as reader:
        return reader.audits(named)


_RULES: list[ScoringRules] = [ScoringRules()]


def _init(rules: ScoringRules, language: str) -> None:
    """Set a worker up: the scoring rules, and the language its messages are made in."""
    _RULES[0] = rules
    i18n.set_language(language)


def _audit_chunk(items: list[tuple[str, str]]) -> list[tuple[Audit | None, list[Problem]]]:
    out = []
    with _no_gc():
        for path, shown in items:
            audit, problems, _keys = read_audit(Path(path), shown)
            if audit is not None and not problems:
                audit.pos = Positions({k: v for k, v in audit.pos.at.items() if len(k) == 1})
            out.append((audit, problems))
    return out


def _score_chunk(items: list[tuple[str, str, bool]]) -> list[Scored]:
    rules = _RULES[0]
    out = []
    with _no_gc():
        for path, shown, history in items:
            audit, problems, keys = read_audit(Path(path), shown)
            got = Scored()
            if audit is not None and not problems:
                got.score = score_audit(audit, rules)
            if not history:
                got.problems, got.warnings = problems, audit.warnings if audit else []
                got.no_audit = not keys & AUDIT_KEYS
            out.append(got)
    return out


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cycle collection while many objects are made and dropped, none of them in a cycle:
    the collector would walk every one of them again and again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
