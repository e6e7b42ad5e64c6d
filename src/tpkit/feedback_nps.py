"""NPS figures of guest feedback: per venue, per period (month or week) and per channel."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import Any

from tpkit import i18n
from tpkit.feedback_csv import CHANNELS, Response
from tpkit.i18n import _


def period_of(day: dt.date, by: str) -> str:
    """The period a day falls in, as a key that sorts: 2026-10, or 2026-W44 by week."""
    if by == "week":
        year, week, _day = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day:%Y-%m}"


def period_title(period: str) -> str:
    """A period (see `period_of`) as the language writes it: 'окт. 2026' / 'Oct 2026', and
    'нед. 44, 2026' / 'week 44, 2026'; a key of another form as it is."""
    from babel.dates import format_date

    week = re.fullmatch(r"(\d{4})-W(\d{2})", period)
    if week is not None:
        return _("week {week}, {year}", week=str(int(week[2])), year=week[1])
    month = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if month is None or not 1 <= int(month[2]) <= 12:
        return period
    first = dt.date(int(month[1]), int(month[2]), 1)
    return str(format_date(first, "LLL y", locale=i18n.current()))


def nps_counts(responses: list[Response]) -> dict[str, Any]:
    kinds = Counter(r.kind for r in responses)
    n = len(responses)
    return {
        "responses": n,
        "promoters": kinds["promoter"],
        "passives": kinds["passive"],
        "detractors": kinds["detractor"],
        "nps": round(100 * (kinds["promoter"] - kinds["detractor"]) / n, 1) if n else None,
    }


def nps(
    responses: list[Response],
    by: str = "month",
    venue: str | None = None,
    channel: str | None = None,
) -> dict[str, Any]:
    """{"venues": {V: {"periods": [...], "responses": N, …, "nps": 20.0, "channels": [...]}}}.

    "channels" holds the same figures per channel the responses came from, in the order of
    CHANNELS, then {"channel": null} for responses whose export named no channel; a channel
    with no response is left out. `channel` keeps only the responses of that channel."""
    venues: dict[str, Any] = {}
    chosen = [
        r
        for r in responses
        if (venue is None or r.venue == venue) and (channel is None or r.channel == channel)
    ]
    for name in sorted({r.venue for r in chosen}):
        mine = [r for r in chosen if r.venue == name]
        periods: dict[str, list[Response]] = defaultdict(list)
        for r in mine:
            periods[period_of(r.date, by)].append(r)
        venues[name] = {
            "periods": [{"period": p, **nps_counts(rows)} for p, rows in sorted(periods.items())],
            **nps_counts(mine),
            "channels": by_channel(mine),
        }
    return {"venues": venues}


def by_channel(responses: list[Response]) -> list[dict[str, Any]]:
    """The NPS figures of each channel (see `nps`)."""
    out = []
    for key in [*CHANNELS, ""]:
        rows = [r for r in responses if r.channel == key]
        if rows:
            out.append({"channel": key or None, **nps_counts(rows)})
    return out


def nps_for(responses: list[Response], venue: str, period: str, by: str = "month") -> float | None:
    rows = [r for r in responses if r.venue == venue and period_of(r.date, by) == period]
    return nps_counts(rows)["nps"] if rows else None
