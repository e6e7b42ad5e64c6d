"""`--format json`: exactly one JSON object, as in the contract."""

from __future__ import annotations

import json

from tpkit.formats import Style, formatter
from tpkit.validate import Report


@formatter("json")
def to_json(report: Report, style: Style) -> str:
    return json.dumps(
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
        },
        ensure_ascii=False,
        indent=2,
    )
