"""The one way to read a registry: its settings and standards, and its touchpoints, read in
full in this process or, for `tpkit validate`, by workers on every core with the cache.

What the parts are made of lives below: tpkit.config (root, tpkit.yaml, standards, the Registry
type), tpkit.tpfile (the touchpoint files), tpkit.batch (workers and cache). The names a program
using tpkit needs are here too."""

from __future__ import annotations

import os
from pathlib import Path

from tpkit import batch
from tpkit.config import (
    CONFIG_NAME,
    YAML_SUFFIXES,
    Registry,
    builtin_dir,
    find_root,
    limits_of,
    load_config,
    load_standards,
)
from tpkit.loader import read_file
from tpkit.tpfile import load_touchpoint, touchpoint_files

__all__ = [
    "CONFIG_NAME",
    "YAML_SUFFIXES",
    "Registry",
    "builtin_dir",
    "find_root",
    "load_config",
    "load_registry",
    "load_standards",
    "load_touchpoint",
]


def load_registry(
    registry: str | os.PathLike[str] | None = None,
    *,
    start: Path | None = None,
    touchpoints: bool = True,
    jobs: int = 1,
    cache: bool = False,
) -> Registry:
    """The registry at `registry` (else the one `start` or the working folder is in).

    - touchpoints=False: its settings and standards only, for a command that reads other files
      (an audit, a feedback sheet).
    - jobs=1 and no cache (the default, for a program using tpkit): every touchpoint read in
      full in this process; `tpkit.validate()` then runs every rule on them.
    - jobs=0 (all cores) or more, or cache=True (`tpkit validate`): the per-file rules run while
      the files are read, their findings are kept in Registry.prechecked, and each touchpoint is
      kept as its outline (Touchpoint.outline is true: the wording stays, the file's text and
      most positions go). The report is the same, problem for problem.
    """
    root = find_root(registry, start)
    reg = Registry(root, load_config(root), load_standards(root))
    if not touchpoints:
        return reg
    if jobs != 1 or cache:
        batch.read_checked(reg, jobs=jobs, cache=cache)
        return reg
    limits = limits_of(reg.config)
    for rel, path in touchpoint_files(root):
        reg.files.append(rel)
        tp, problems = load_touchpoint(read_file(path, limits), rel, reg.config)
        reg.problems.extend(problems)
        if tp is not None:
            reg.touchpoints.append(tp)
    return reg
