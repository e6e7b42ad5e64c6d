"""`--format json`: exactly one JSON object, as in the contract."""

from __future__ import annotations

from tpkit.formats.base import Style
from tpkit.jsontext import dumps
from tpkit.validate import Report


def to_json(report: Report, style: Style) -> str:
    return dumps(
        {
            "tool": "tpkit",
            "version": style.version,
            "today": report.today.isoformat(),
            "summary": {
                "files": report.files,
                "touchpoints": report.touchpoints,
                **report.counts(),
            },
            "problems": [p.to_dict() for p in report.problems],
        }
    )
