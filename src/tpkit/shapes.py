"""The shape of every file tpkit reads (touchpoints, tpkit.yaml, audits, standards, word lists,
labels), built from the types of schema.py: the loader checks files against them and `tpkit
schema` prints them as JSON Schema, so the two can never drift apart.

The shapes themselves are in shapes_touchpoint.py (a touchpoint, its checks and targets),
shapes_audit.py (an audit) and shapes_settings.py (tpkit.yaml, standards, word lists, labels);
they are named here too, where the readers of files have always found them."""

from __future__ import annotations

from typing import Any

from tpkit.i18n import _
from tpkit.model import Positions
from tpkit.schema.base import Issue, Reader, Type, what_is
from tpkit.schema.compound import Obj, describe
from tpkit.shapes_audit import AUDIT, AUDIT_KINDS, CHECK_SNAPSHOT, RESULT, RESULTS
from tpkit.shapes_settings import (
    BAND,
    CONFIG,
    ENTRY,
    GRAMMATICAL_CASES,
    ITEM,
    LABELS,
    LANG_TEXT,
    LEXICON,
    LEXICON_LISTS,
    LIMITS,
    PARTS_OF_SPEECH,
    RULE_STANDARD,
    RULE_STANDARDS,
    SCORING,
    VENUE,
    VENUE_KINDS,
    WAIVER,
    WORD_LIST,
)
from tpkit.shapes_touchpoint import AVOID, CHECK, TARGET, TARGET_FIELDS, TOUCHPOINT
from tpkit.yaml_nodes import Node

__all__ = [
    "AUDIT",
    "AUDIT_KINDS",
    "AVOID",
    "BAND",
    "CHECK",
    "CHECK_SNAPSHOT",
    "CONFIG",
    "ENTRY",
    "GRAMMATICAL_CASES",
    "ITEM",
    "KINDS",
    "LABELS",
    "LANG_TEXT",
    "LEXICON",
    "LEXICON_LISTS",
    "LIMITS",
    "PARTS_OF_SPEECH",
    "RESULT",
    "RESULTS",
    "RULE_STANDARD",
    "RULE_STANDARDS",
    "SCORING",
    "TARGET",
    "TARGET_FIELDS",
    "TOUCHPOINT",
    "VENUE",
    "VENUE_KINDS",
    "WAIVER",
    "WORD_LIST",
    "json_schema",
    "read",
    "standards_shape",
]

KINDS: dict[str, Obj] = {
    "touchpoint": TOUCHPOINT,
    "config": CONFIG,
    "audit": AUDIT,
    "standard": RULE_STANDARD,
    "scoring": SCORING,
    "lexicon": LEXICON,
    "labels": LABELS,
}


def standards_shape(name: str) -> Obj:
    """The shape of a standards file by its name: 'brief', 'scoring', 'lexicon/ru'."""
    if name.startswith("lexicon/"):
        return LEXICON
    return SCORING if name == "scoring" else RULE_STANDARD


def read(spec: Type, root: Node | None) -> tuple[Any, Positions, list[Issue]]:
    """Check a document against a shape: (plain data or None, positions, issues)."""
    r = Reader()
    required = list(spec.required) if isinstance(spec, Obj) else []
    if root is None:
        keys = ", ".join(required)
        r.issues.append(
            Issue(
                1,
                1,
                _("the file is empty"),
                _("write the keys of a touchpoint: {keys}", keys=keys)
                if spec is TOUCHPOINT
                else _("write the keys of the file: {keys}", keys=keys),
            )
        )
        return None, r.pos, r.issues
    r.pos.at[()] = (root.line, root.column)
    if not isinstance(root.value, dict):
        first = required[0] if required else "key"
        r.issue(
            root,
            _(
                "the file should be a block of 'key: value' lines, not {what}",
                what=what_is(root.value),
            ),
            _("start with '{key}: …' on the first line, without '- ' in front", key=first),
        )
        return None, r.pos, r.issues
    return spec.read(root, (), r, _("the file")), r.pos, r.issues


def json_schema(kind: str) -> dict[str, Any]:
    spec = KINDS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://tpkit.dev/schema/{kind}.json",
        "title": spec.title,
        **describe(spec),
    }
