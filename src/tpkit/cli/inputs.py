"""What a user names on the command line, checked before any work: a zone, role or venue that
the registry does not have ("did you mean"), a touchpoint given where an audit is wanted, a
path that holds no touchpoint. Each is a UsageError (exit 2) that says what to write."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tpkit.errors import UsageError

if TYPE_CHECKING:
    from tpkit.registry import Registry

AUDIT_KEYS = frozenset(("checks_hash", "results", "kind", "auditor", "skipped"))
TOUCHPOINT_KEYS = frozenset(("standard", "owner", "zone", "reviewed", "title", "steps", "say"))


def check_known(
    registry: Registry,
    *,
    zone: str | None = None,
    role: str | None = None,
    venue: str | None = None,
) -> None:
    """--zone, --role and --venue name what tpkit.yaml defines, or stop with the closest."""
    config = registry.config
    given = (
        ("--zone", zone, "zone", config.zone_ids()),
        ("--role", role, "role", [r.id for r in config.roles]),
        ("--venue", venue, "venue", [v.id for v in config.venues]),
    )
    for option, value, what, known in given:
        if value is None or value in known:
            continue
        close = difflib.get_close_matches(value.strip().lower(), known, n=1, cutoff=0.6)
        details = [f"did you mean '{close[0]}'?"] if close else []
        details.append(f"{what}s: {', '.join(known)}")
        raise UsageError(f"{option} '{value}' is not a {what} of this registry", details)


def top_keys(path: Path) -> frozenset[str]:
    """The keys at the top of a YAML file, read safely; none when it cannot be read."""
    from tpkit.loader import read_file

    doc = read_file(path)
    if doc.root is None or not isinstance(doc.root.value, dict):
        return frozenset()
    return frozenset(doc.root.value)


def looks_like(path: Path) -> str:
    """'touchpoint', 'audit' or '' by the keys the file is written with."""
    keys = top_keys(path)
    if keys & {"checks_hash", "results"}:
        return "audit"
    if len(keys & TOUCHPOINT_KEYS) >= 2 and "venue" not in keys:
        return "touchpoint"
    return ""


def refuse_touchpoints(files: Sequence[Path], registry: Registry | None) -> None:
    """Audit commands given a touchpoint file: one line that says what it is, not twenty
    findings of an audit that is not one."""
    for file in files:
        if not file.is_file():
            continue
        inside = registry is not None and _under(file, registry.root / "touchpoints")
        if inside or looks_like(file) == "touchpoint":
            raise UsageError(
                f"{file} is a touchpoint, not an audit; audits live in audits/<venue>/",
                [
                    "name an audit file, such as audits/nevsky/2026-11-20-mystery.yaml; "
                    "'tpkit audit form --venue VENUE' writes a blank one to fill in"
                ],
            )


def _under(path: Path, folder: Path) -> bool:
    try:
        return path.absolute().parent.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def explain_paths(registry: Registry, paths: Sequence[Path], checked: Sequence[str]) -> None:
    """`tpkit validate PATH…`: every path holds a file tpkit checks, or the ones that do not
    are named with why and what to do instead (exit 2)."""
    from tpkit.validate import selected

    empty = [p for p in paths if not any(selected(registry, rel, [p]) for rel in checked)]
    if not empty:
        return
    reasons = [why_not_checked(registry, p) for p in empty]
    if len(reasons) == 1:
        raise UsageError(reasons[0][0], [reasons[0][1]])
    raise UsageError(
        f"{len(reasons)} of the paths hold no touchpoint",
        [f"{message}: {hint}" for message, hint in reasons],
    )


def why_not_checked(registry: Registry, path: Path) -> tuple[str, str]:
    """(what the path is, what to do) for a path that holds no file tpkit validate checks."""
    from tpkit.registry import CONFIG_NAME, YAML_SUFFIXES

    root = registry.root
    where = _relative(path, root)
    if where is None:
        return (
            f"{path} is outside the registry in {root}",
            f"tpkit checks the touchpoints in {root / 'touchpoints'}; move the file there, "
            "or pass --registry with the folder that holds its tpkit.yaml",
        )
    if path.is_dir():
        inside = where.parts[:1] == ("touchpoints",)
        return (
            f"the folder {path} holds no touchpoint",
            "add touchpoint files (ending in .yaml) to it"
            if inside
            else "touchpoints are the .yaml files in the touchpoints/ folder of the registry; "
            f"run 'tpkit validate {_shown(root / 'touchpoints')}'",
        )
    if where.as_posix() == CONFIG_NAME:
        return (
            f"{path} holds the registry's settings, not touchpoints",
            "it is checked on every run: run 'tpkit validate' without a path",
        )
    kind = looks_like(path)
    if path.suffix not in YAML_SUFFIXES:
        stem = path.name.split(".")[0] or path.name
        return (
            f"{path} is not a .yaml file, and tpkit reads touchpoints only from files whose "
            "name ends in .yaml or .yml",
            f"rename it to {stem}.yaml" + ("" if kind else " if it is a touchpoint"),
        )
    if kind == "audit" or where.parts[:1] == ("audits",):
        return (
            f"{path} is an audit, not a touchpoint",
            f"score it with 'tpkit audit score {path}'; audits live in audits/<venue>/ and "
            "are checked with the registry",
        )
    if where.parts[:1] == ("standards",) or where.parts[:1] == ("templates",):
        return (
            f"{path} holds settings, not touchpoints",
            "it is checked on every run: run 'tpkit validate' without a path",
        )
    if kind == "touchpoint":
        return (
            f"{path} is outside touchpoints/, so it is not read as a touchpoint",
            f"move it to touchpoints/<zone>/{path.name} in the registry",
        )
    return (
        f"{path} holds no touchpoint",
        "touchpoints are the .yaml files in the touchpoints/ folder of the registry",
    )


def _relative(path: Path, root: Path) -> Path | None:
    try:
        return (path.absolute().parent.resolve() / path.name).relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return None


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
