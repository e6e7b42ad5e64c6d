"""Periods written as 180d, 12w, 6m or 1y, read into days."""

from __future__ import annotations

import re

DURATION_RE = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$")
DURATION_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# The bound that keeps date arithmetic (a date plus a period) inside what Python's dates can hold.
MAX_DURATION_DAYS = 100 * 365


def parse_duration(text: str) -> int | None:
    """'180d', '12w', '6m', '1y' → days; None if the text is not a duration."""
    match = DURATION_RE.match(text)
    if not match or len(match.group(1)) > 6:
        return None
    days = int(match.group(1)) * DURATION_DAYS[match.group(2)]
    return days if days <= MAX_DURATION_DAYS else None
