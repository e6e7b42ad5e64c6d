"""The natural limit of a check's target: the best value it can ever reach, declared with `best:`
or certain from the target itself, and whether a declared best agrees with the target.

    {min: 4, of: 5}          a scale: its best is its top, 5
    {min: 9, of: 10}         a count out of 10: 10
    {min: 90, of: 100}       a share in per cent is a count out of 100: 100
    {max: 0} / {max: 3}      a count of faults: none, 0
    {min: 2, max: 5}         a range: its max cannot go below its min, 2
    {min: 2, best: 2}        declared: 2 (2 towels per guest, never 3)
    {max: 3, best: 1}        declared: 1 (rings before the phone is answered)

A count whose text says how many are looked at ("out of 10 checked", «из 10 мест») counts out of
that number too. A time has no natural limit of its own: only a declared best stops it. Which
limit a raise moves is the max where the target has one, else the min (`moving`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tpkit.i18n import _, number
from tpkit.model import Target, fmt_number
from tpkit.targets import with_unit

__all__ = ["Best", "at_best", "best_of", "best_problem", "capped", "declared", "moving"]

# "out of 10" / «из 10»: how many things a count looks at, said in its text.
OUT_OF = re.compile(r"\bout of (\d+)\b|(?<![\w-])из (\d+)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Best:
    """The best value of one limit of a target, and where it comes from: "best" (declared),
    "of" (the top of a scale, or the number a count is out of), "text" (the count's text says
    out of how many), "none" (a count of faults cannot go below 0) or "min" (a range's max
    cannot go below its min)."""

    value: float
    source: str


def declared(target: Target | None) -> float | None:
    """The best value written in the target (`best:`), if any."""
    value: Any = getattr(target, "best", None)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def moving(target: Target) -> str:
    """The limit a raise of the target moves: max where there is one, else min."""
    return "max" if target.max is not None else "min"


def _out_of(text: str) -> float | None:
    """N of "out of N" / «из N» when the text names exactly one such number."""
    found = {int(a or b) for a, b in OUT_OF.findall(text)}
    return float(found.pop()) if len(found) == 1 else None


def best_of(check_type: str, target: Target | None, text: str = "") -> Best | None:
    """The best value the moving limit of the target can reach; None where nothing is certain
    (a time with no declared best, a count of at least N things with no "out of")."""
    if target is None or target.is_empty() or check_type not in ("time", "count", "scale"):
        return None
    value = declared(target)
    if value is not None:
        return Best(value, "best")
    if moving(target) == "min":
        if check_type in ("scale", "count") and target.of is not None:
            return Best(float(target.of), "of")
        if check_type == "count" and target.min is not None:
            told = _out_of(text)
            if told is not None and told >= target.min:
                return Best(told, "text")
        return None
    if target.min is not None:
        return Best(float(target.min), "min")
    if check_type == "count":
        return Best(0.0, "none")
    return None


def at_best(field: str, now: float, best: Best) -> bool:
    """Whether the limit is already at (or past) its best value."""
    return now <= best.value if field == "max" else now >= best.value


def capped(field: str, step: float, best: Best | None) -> float:
    """A proposed limit that never goes past the best value."""
    if best is None:
        return step
    return max(step, best.value) if field == "max" else min(step, best.value)


def best_problem(check_type: str, target: Target | None) -> tuple[str, str]:
    """(what is wrong, what to write instead) when a declared best does not agree with the
    target; ("", "") when it does, or when no best is declared."""
    best = declared(target)
    if target is None or best is None or check_type not in ("time", "count", "scale"):
        return "", ""
    low, high, top = target.min, target.max, target.of

    def shown(value: float) -> str:
        return with_unit(number(value), target.unit)

    if top is not None and best > top:
        return (
            _("the best value {best} is above {top}, the top of the target", best=shown(best),
              top=shown(top)),
            _("write best: {top} or less; without best, the best is {top}", top=fmt_number(top)),
        )  # fmt: skip
    if low is not None and high is not None and not low <= best <= high:
        return (
            _("the best value {best} is outside the target {low}–{high}", best=shown(best),
              low=number(low), high=shown(high)),
            _("write a best from {low} to {high}", low=fmt_number(low), high=fmt_number(high)),
        )  # fmt: skip
    if low is not None and best < low:
        return (
            _("the best value {best} is below the target min {min}: the target can never be met",
              best=shown(best), min=shown(low)),
            _("write best: {min} or more, or set the target to min: {best}", min=fmt_number(low),
              best=fmt_number(best)),
        )  # fmt: skip
    if high is not None and best > high:
        return (
            _("the best value {best} is above the target max {max}: the target can never be met",
              best=shown(best), max=shown(high)),
            _("write best: {max} or less, or set the target to max: {best}", max=fmt_number(high),
              best=fmt_number(best)),
        )  # fmt: skip
    return "", ""
