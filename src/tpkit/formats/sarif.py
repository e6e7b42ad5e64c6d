"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers of static analysis.

One run; the driver carries every rule of the catalogue (not only those that fired), so a viewer
can explain a rule from the file alone. Each result has a fingerprint that survives lines moving:
it is made of the rule, the file, the touchpoint and the message with its numbers left out."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from tpkit.formats.base import Style
from tpkit.model import Problem
from tpkit.rules import Rule, all_rules
from tpkit.validate import Report

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://tpkit.dev"  # the same home as the JSON Schemas' $id
SRCROOT = "%SRCROOT%"
FINGERPRINT = "tpkit/v1"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

_NUMBER_RE = re.compile(r"\d+")
_EXAMPLE_RE = re.compile(r"^(Bad|Good|Плохо|Хорошо)\b[^:\n]*:$")


def to_sarif(report: Report, style: Style) -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "tpkit",
                "version": style.version,
                "semanticVersion": style.version,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "exitCode": 1 if report.failed(style.fail_level) else 0,
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": report.root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results(report.problems, index),
    }
    return json.dumps(
        {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]},
        ensure_ascii=False,
        indent=2,
    )


def rule_descriptor(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc},
        "help": {"text": r.doc, "markdown": doc_markdown(r.doc)},
        "defaultConfiguration": (
            {"enabled": False, "level": "none"}
            if r.level == "off"
            else {"level": SARIF_LEVEL[r.level]}
        ),
        "properties": {"standard": r.standard, "tags": [r.standard]},
    }


def doc_markdown(doc: str) -> str:
    """The docstring with its Bad/Good examples as YAML code blocks."""
    out: list[str] = []
    in_block = False
    for line in doc.splitlines():
        if in_block and not line.startswith("  "):
            out += ["```", ""]
            in_block = False
        if _EXAMPLE_RE.match(line):
            out += [f"**{line}**", "", "```yaml"]
            in_block = True
        elif in_block:
            out.append(line[2:])
        else:
            out.append(line)
    if in_block:
        out.append("```")
    return "\n".join(out)


def results(problems: list[Problem], index: dict[str, int]) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    out = []
    for p in problems:
        key = fingerprint_key(p)
        seen[key] += 1  # two alike findings in one file keep apart by their order
        out.append(result(p, index, fingerprint(key, seen[key])))
    return out


def result(p: Problem, index: dict[str, int], print_: str) -> dict[str, Any]:
    text = f"{p.message} → {p.suggestion}" if p.suggestion else p.message
    out: dict[str, Any] = {
        "ruleId": p.rule,
        "level": SARIF_LEVEL[p.level],
        "message": {"text": text},
        "partialFingerprints": {FINGERPRINT: print_},
        "properties": {"standard": p.standard, "touchpoint": p.touchpoint},
    }
    if p.rule in index:
        out["ruleIndex"] = index[p.rule]
    if p.path:
        out["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(p.path), "uriBaseId": SRCROOT},
                    "region": {"startLine": max(p.line, 1), "startColumn": max(p.column, 1)},
                }
            }
        ]
    return out


def fingerprint_key(p: Problem) -> str:
    # Numbers leave the message: line numbers, and also counts and dates that change from day
    # to day ("61 days ago") while the finding stays the same.
    message = _NUMBER_RE.sub("#", p.message)
    return "\0".join((p.rule, p.path, p.touchpoint, message))


def fingerprint(key: str, occurrence: int) -> str:
    return hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()
