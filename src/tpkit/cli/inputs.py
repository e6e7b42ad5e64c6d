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
from tpkit.i18n import N_, _, n_

if TYPE_CHECKING:
    from tpkit.config import Registry

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
        (zone, config.zones, _UNKNOWN["zone"]),
        (role, config.roles, _UNKNOWN["role"]),
        (venue, config.venues, _UNKNOWN["venue"]),
    )
    for value, items, (message, listed) in given:
        known = [item.id for item in items]
        if value is None or value in known:
            continue
        wanted = value.strip().lower()
        # a title typed where the id goes (--zone Расчёт, as `tpkit list` shows it): its id
        titled = [
            i.id for i in items if wanted in {t.lower() for t in (i.title, *i.titles.values())}
        ]
        close = titled or difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
        details = [_("did you mean '{close}'?", close=close[0])] if close else []
        # the ids to type, each with its title as the output shows it
        legend = [i.id if i.shown_title() == i.id else f"{i.id} ({i.shown_title()})" for i in items]
        details.append(_(listed, ids=", ".join(legend)))
        raise UsageError(_(message, value=value), details)


_UNKNOWN = {
    "zone": (
        N_("--zone '{value}' is not a zone of this registry"),
        N_("zones: {ids}"),
    ),
    "role": (
        N_("--role '{value}' is not a role of this registry"),
        N_("roles: {ids}"),
    ),
    "venue": (
        N_("--venue '{value}' is not a venue of this registry"),
        N_("venues: {ids}"),
    ),
}


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
                _(
                    "{file} is a touchpoint, not an audit; audits live in audits/<venue>/",
                    file=file,
                ),
                [
                    _(
                        "name an audit file, such as audits/nevsky/2026-11-20-mystery.yaml; "
                        "'tpkit audit form --venue VENUE' writes a blank one to fill in"
                    )
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
        n_(
            "{n} of the paths holds no touchpoint",
            "{n} of the paths hold no touchpoint",
            len(reasons),
        ),
        [f"{message}: {hint}" for message, hint in reasons],
    )


def why_not_checked(registry: Registry, path: Path) -> tuple[str, str]:
    """(what the path is, what to do) for a path that holds no file tpkit validate checks."""
    from tpkit.config import CONFIG_NAME, YAML_SUFFIXES

    root = registry.root
    where = _relative(path, root)
    if where is None:
        return (
            _("{path} is outside the registry in {root}", path=path, root=root),
            _(
                "tpkit checks the touchpoints in {folder} and the audits in {audits}; move "
                "the file there, score an audit kept elsewhere with 'tpkit audit score FILE', "
                "or pass --registry with the folder that holds its tpkit.yaml",
                folder=root / "touchpoints",
                audits=root / "audits",
            ),
        )
    if path.is_dir():
        inside = where.parts[:1] == ("touchpoints",)
        return (
            _("the folder {path} holds no touchpoint", path=path),
            _("add touchpoint files (ending in .yaml) to it")
            if inside
            else _(
                "touchpoints are the .yaml files in the touchpoints/ folder of the registry; "
                "run 'tpkit validate {folder}'",
                folder=_shown(root / "touchpoints"),
            ),
        )
    if where.as_posix() == CONFIG_NAME:
        return (
            _("{path} holds the registry's settings, not touchpoints", path=path),
            _("it is checked on every run: run 'tpkit validate' without a path"),
        )
    kind = looks_like(path)
    if path.suffix not in YAML_SUFFIXES:
        stem = path.name.split(".")[0] or path.name
        return (
            _(
                "{path} is not a .yaml file, and tpkit reads touchpoints only from files whose "
                "name ends in .yaml or .yml",
                path=path,
            ),
            _("rename it to {name}.yaml", name=stem)
            if kind
            else _("rename it to {name}.yaml if it is a touchpoint", name=stem),
        )
    if kind == "audit" or where.parts[:1] == ("audits",):
        return (
            _("{path} is an audit, not a touchpoint", path=path),
            _(
                "score it with 'tpkit audit score {path}'; audits live in audits/<venue>/ and "
                "are checked with the registry",
                path=path,
            ),
        )
    if where.parts[:1] == ("standards",) or where.parts[:1] == ("templates",):
        return (
            _("{path} holds settings, not touchpoints", path=path),
            _("it is checked on every run: run 'tpkit validate' without a path"),
        )
    if kind == "touchpoint":
        return (
            _("{path} is outside touchpoints/, so it is not read as a touchpoint", path=path),
            _("move it to touchpoints/<zone>/{name} in the registry", name=path.name),
        )
    return (
        _("{path} holds no touchpoint", path=path),
        _("touchpoints are the .yaml files in the touchpoints/ folder of the registry"),
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
