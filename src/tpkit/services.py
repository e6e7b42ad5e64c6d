"""What a command does, from loaded inputs to a result: the layer between the command line and
the engine. Each function gathers what its job needs (the audits, the git history) and hands
it to the engine, which reads nothing itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from tpkit.audit import AuditSet, load_audits
from tpkit.config import Registry
from tpkit.history import History
from tpkit.validate import Report, run


def validate(
    registry: Registry,
    today: dt.date,
    *,
    base: str | None = None,
    paths: Sequence[Path] | None = None,
    use_git: bool = True,
    audits: AuditSet | None = None,
) -> Report:
    """Every rule on the registry, with its audits (read from audits/ unless given) and its
    git history compared with `base` (default HEAD; none with use_git=False); only the
    problems of `paths` when given."""
    if audits is None:
        audits = load_audits(registry)
    history = History.open(registry.root, base) if use_git else None
    try:
        return run(registry, today, audits=audits, history=history, paths=paths)
    finally:
        if history is not None:
            history.close()
