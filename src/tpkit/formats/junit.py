"""`--format junit`: JUnit XML, for CI servers that show test results (GitLab, Jenkins, Azure).

Every file checked is one test case: a touchpoint file (class: its zone folder), an audit file
(class: audits) and tpkit.yaml (class: registry). A problem at or above --fail-level is a
<failure>; lower ones are listed in the case's <system-out>, so a file with only those passes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from tpkit.config import CONFIG_NAME
from tpkit.formats.base import Style
from tpkit.formats.text import level_name
from tpkit.model import LEVEL_RANK, Problem
from tpkit.terminal import clean
from tpkit.validate import Report

# What XML 1.0 cannot carry even escaped: clean() shows control characters; these remain.
_NOT_XML_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    return _NOT_XML_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(value))


def classname(path: str) -> str:
    parts = path.split("/")
    if parts[0] == "touchpoints":
        return parts[1] if len(parts) > 2 else "touchpoints"
    if parts[0] == "audits":
        return "audits"
    return "registry"


def problem_text(p: Problem) -> str:
    out = f"{p.path}:{p.line}:{p.column}: {level_name(p.level)} {p.rule} {p.message}"
    return out + (f"\n→ {p.suggestion}" if p.suggestion else "")


def to_junit(report: Report, style: Style) -> str:
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for p in report.problems:
        by_path[p.path or CONFIG_NAME].append(p)
    # tpkit.yaml is read on every run, so it is always a case; so is any file with a problem
    # (an audit that could not be read at all, for one).
    paths = sorted({CONFIG_NAME, *report.paths, *by_path})
    rank = LEVEL_RANK[style.fail_level]
    suite = ET.Element("testsuite", name="tpkit validate")
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("version", style.version),
        ("today", report.today.isoformat()),
        ("fail-level", style.fail_level),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    failed_cases = 0
    for path in paths:
        case = ET.SubElement(
            suite, "testcase", classname=xml_text(classname(path)), name=xml_text(path), time="0"
        )
        below = []
        for p in by_path.get(path, []):
            if LEVEL_RANK[p.level] >= rank:
                failure = ET.SubElement(case, "failure", type=p.rule, message=xml_text(p.message))
                failure.text = xml_text(problem_text(p))
            else:
                below.append(xml_text(problem_text(p)))
        failed_cases += any(child.tag == "failure" for child in case)
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
    counts = {
        "tests": str(len(paths)),
        "failures": str(failed_cases),
        "errors": "0",
        "skipped": "0",
        "time": "0",
    }
    suite.attrib.update(counts)
    root = ET.Element("testsuites", {"name": "tpkit", **counts})
    root.append(suite)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'
