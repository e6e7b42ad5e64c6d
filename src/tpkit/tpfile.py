"""The touchpoint files of a registry: which files they are, and one read file made into a
Touchpoint with the problems of its reading and of its shape (TP001–TP006)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tpkit import shapes
from tpkit.config import YAML_SUFFIXES
from tpkit.findings import finding
from tpkit.model import Avoid, Check, Config, Positions, Problem, Target, Touchpoint
from tpkit.yaml_compose import Document
from tpkit.yaml_nodes import Node


def touchpoint_files(root: Path) -> list[tuple[str, str]]:
    """Every *.yaml under touchpoints/ as (path relative to the root with '/', full path),
    sorted by folder and name; folders and links that loop are not followed. A touchpoints
    folder that is a link out of the registry is not walked: it is listed itself, and
    reported when read."""
    from tpkit.files import is_inside

    top = os.fspath(root)
    base = os.path.join(top, "touchpoints")
    if os.path.islink(base) and not is_inside(base, top):
        return [("touchpoints", base)]
    found: list[tuple[tuple[str, ...], str]] = []  # (parts of the relative path, full path)
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs.sort()
        parts = tuple(os.path.relpath(folder, top).split(os.sep))
        prefix = folder + os.sep
        for name in dirs:
            if name.endswith(YAML_SUFFIXES):  # a folder named x.yaml is reported, not skipped
                found.append(((*parts, name), prefix + name))
        found.extend(((*parts, f), prefix + f) for f in files if f.endswith(YAML_SUFFIXES))
    found.sort()
    return [("/".join(parts), full) for parts, full in found]


def _problem(
    rel: str, line: int, column: int, rule: str, message: str, suggestion: str, tp_id: str = ""
) -> Problem:
    return finding(rule, rel, line, column, message, suggestion, touchpoint=tp_id)


def load_touchpoint(
    doc: Document, rel: str, config: Config
) -> tuple[Touchpoint | None, list[Problem]]:
    """A touchpoint from a read document; problems of reading and of shape (TP001–TP006)."""
    tp_id = _guess_id(doc.root)
    problems = [
        _problem(rel, p.line, p.column, p.rule, p.message, p.suggestion, tp_id)
        for p in doc.problems
    ]
    if doc.root is None and problems:
        return None, problems
    data, pos, issues = shapes.read(shapes.TOUCHPOINT, doc.root)
    problems += [
        _problem(rel, i.line, i.column, "TP002", i.message, i.suggestion, tp_id) for i in issues
    ]
    if data is None or any(k not in data for k in shapes.TOUCHPOINT.required):
        return None, problems
    return build_touchpoint(data, pos, rel, doc.text, config), problems


def _guess_id(root: Node | None) -> str:
    if root is not None and isinstance(root.value, dict):
        node = root.value.get("id")
        if node is not None and isinstance(node.value, str):
            return " ".join(node.value.split())  # on one line, however it is written
    return ""


def build_touchpoint(
    data: dict[str, Any], pos: Positions, rel: str, source: str, config: Config
) -> Touchpoint:
    checks = [
        Check(
            c["id"],
            c["text"],
            c.get("type", "yesno"),
            Target(**c["target"]) if "target" in c else None,
            float(c.get("weight", 1)),
            bool(c.get("critical", False)),
            i,
        )
        for i, c in enumerate(data["checks"])
        if "id" in c and "text" in c
    ]
    venues = data.get("venues", [])
    return Touchpoint(
        id=data["id"],
        title=data["title"],
        zone=data["zone"],
        owner=data["owner"],
        reviewed=data["reviewed"],
        standard=data["standard"],
        checks=checks,
        path=rel,
        pos=pos,
        source=source,
        channel=data.get("channel", "in-person"),
        roles=data.get("roles", []),
        venues=venues,
        lang=data.get("lang") or _venue_language(venues, config),
        review_every=data.get("review_every"),
        steps=data.get("steps", []),
        say=data.get("say", []),
        avoid=[
            Avoid(a["phrase"], a["instead"])
            for a in data.get("avoid", [])
            if "phrase" in a and "instead" in a
        ],
        tags=data.get("tags", []),
        lang_written=isinstance(data.get("lang"), str) and bool(data.get("lang")),
    )


def _venue_language(venues: list[str], config: Config) -> str:
    langs = {v.language for v in config.venues if v.id in venues and v.language}
    return langs.pop() if len(langs) == 1 else config.language
