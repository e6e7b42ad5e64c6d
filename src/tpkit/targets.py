"""The target of a check and a measured value as a person reads them, in the current language.

    ≤ 3 min / ≤ 3 мин        a time check (units s, min, h)
    ≥ 4 of 5 / ≥ 4 из 5      a rating on a scale
    ≤ 3, ≥ 2, 2–5            a count; a count of at most 0 reads "none" / «ни одного»
    7 (target ≤ 3)           a measured value beside its target; 4.5 min, 4,5 мин

Numbers are written as the language writes them (i18n.number: 4,5 in Russian). A yes/no check
has no target: its target text is empty.
"""

from __future__ import annotations

from typing import Protocol

from tpkit.i18n import N_, _, number
from tpkit.model import Target

__all__ = ["kind_of", "measured", "target_text", "value_text", "with_unit"]

UNITS = {"s": N_("{value} s"), "min": N_("{value} min"), "h": N_("{value} h")}


class _HasTarget(Protocol):
    @property
    def target(self) -> Target | None: ...

    @property
    def type(self) -> str: ...


def _split(target: Target | _HasTarget | None) -> tuple[Target | None, str]:
    if target is None or isinstance(target, Target):
        return target, kind_of(target)
    return target.target, target.type or kind_of(target.target)


def kind_of(target: Target | None) -> str:
    """The kind of check a target belongs to when only the target is known: scale (it has an
    `of`), time (it has a unit), count, or yesno (no target)."""
    if target is None or target.is_empty():
        return "yesno"
    if target.of is not None:
        return "scale"
    if target.unit:
        return "time"
    return "count"


def with_unit(text: str, unit: str | None) -> str:
    """A number (or a range of them) with a unit in the current language: '3 min' /
    '3 мин', '≤ 30 с'; an unknown unit as it is written, no unit: the text alone."""
    if not unit:
        return text
    if unit in UNITS:
        return _(UNITS[unit], value=text)
    return f"{text} {unit}"


def value_text(value: float, target: Target | _HasTarget | None = None) -> str:
    """A measured value with the target's unit: '4.5 min' / '4,5 мин', '7'."""
    t, _kind = _split(target)
    return with_unit(number(value), t.unit if t is not None else None)


def target_text(target: Target | _HasTarget | None) -> str:
    """The target of a check (or the target itself): '≤ 3 min', '≥ 4 of 5', '2–5', 'none';
    empty for a check without one (yes/no)."""
    t, kind = _split(target)
    if t is None or t.is_empty():
        return ""
    low, high = t.min, t.max
    if kind == "scale":
        if t.of is not None and low is not None and high is None:
            return _("≥ {min} of {of}", min=number(low), of=number(t.of))
        if t.of is not None and low is None and high is None:
            return _("on a scale of {of}", of=number(t.of))
    if kind == "count" and high == 0 and not low:
        return _("none")
    if low is not None and high is not None:
        text = f"{number(low)}–{number(high)}" if low != high else f"= {number(low)}"
    elif low is not None:
        text = f"≥ {number(low)}"
    elif high is not None:
        text = f"≤ {number(high)}"
    else:
        text = ""
    if kind == "scale" and t.of is not None and text:
        return _("{range} of {of}", range=text, of=number(t.of))
    return with_unit(text, t.unit) if text else text


def measured(value: float | None, target: Target | _HasTarget | None) -> str:
    """A measured value beside its target: '7 (target ≤ 3)', '4.5 min (target ≤ 3 min)',
    '2 (target: none)', '3 (target ≥ 4 of 5)'; the value alone when there is no target, and
    empty when nothing was measured."""
    if value is None:
        return ""
    shown = value_text(value, target)
    goal = target_text(target)
    if not goal:
        return shown
    t, kind = _split(target)
    if kind == "count" and t is not None and t.max == 0 and not t.min:
        return _("{value} (target: none)", value=shown)
    return _("{value} (target {target})", value=shown, target=goal)


def meets_target(check_type: str, t: Target | None, value: float) -> bool:
    """Whether a measured value meets a target of a check of this type."""
    if t is None:
        return True
    if check_type == "scale":
        return t.min is None or value >= t.min
    if t.max is not None and value > t.max:
        return False
    return not (t.min is not None and value < t.min)
