"""Raising targets step by step (ACH003): one step of a limit (max_step tighter, whole numbers
for counts and scale points), never past the target's best value (limits.py), and how a step
reads in the current language («не больше 48 с» rather than 0,8 мин)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from tpkit.i18n import N_, _, number, percent
from tpkit.limits import best_of, capped
from tpkit.model import TIME_UNITS, Check, Target
from tpkit.rules.base import Context, Finding, Param, rule
from tpkit.targets import with_unit

MAX_STEP = Param("fraction", 0.2, N_("largest tightening at once"))


def in_unit(target: Target, unit: str | None) -> Target:
    """A time target told in another unit: {max: 60, unit: s} is {max: 1, unit: min}."""
    if target.unit == unit or target.unit not in TIME_UNITS or unit not in TIME_UNITS:
        return target
    factor = TIME_UNITS[target.unit] / TIME_UNITS[unit]

    def scaled(value: float | None) -> float | None:
        return None if value is None else value * factor

    return Target(scaled(target.max), scaled(target.min), target.of, unit)


def tightening(old: Target, new: Target) -> list[tuple[str, float, float]]:
    """(field, old, new) for each limit that moved in the strict direction."""
    moved = []
    if old.max is not None and new.max is not None and new.max < old.max:
        moved.append(("max", old.max, new.max))
    if old.min is not None and new.min is not None and new.min > old.min:
        moved.append(("min", old.min, new.min))
    return moved


def next_step(field: str, old: float, max_step: float, whole: bool = False) -> float:
    """One allowed step from old: max_step tighter, rounded to a whole number where sensible.
    Counts and scale points are whole numbers: their smallest step is one."""
    value = old * (1 - max_step) if field == "max" else old * (1 + max_step)
    if whole:
        tighter: float = math.floor(value) if field == "max" else math.ceil(value)
        if tighter == old:
            tighter = old - 1 if field == "max" else old + 1
        return float(max(tighter, 0))
    rounded = round(value)
    if rounded != old and abs(rounded - value) <= abs(old) * max_step / 2:
        return float(rounded)
    return round(value, 1)


SMALLER_UNIT = {"h": ("min", 60), "min": ("s", 60)}


def amount(value: float, unit: str | None) -> str:
    """A limit with its unit in the current language: '48 s' / '48 с' rather than
    '0.8 min': a fraction goes to the next smaller unit."""
    if unit in SMALLER_UNIT and not float(value).is_integer():
        smaller, factor = SMALLER_UNIT[unit]
        return with_unit(number(round(value * factor)), smaller)
    return with_unit(number(value), unit)


def share(fraction: float) -> str:
    """0.2 as '20%' (Russian: '20 %')."""
    return percent(fraction * 100, 0)


def is_whole(check: Check) -> bool:
    return check.type in ("count", "scale")


@rule(
    "ACH003",
    "achievable",
    "warning",
    params={"max_step": MAX_STEP},
    scope="registry",
    doc=N_("""A target was tightened by more than max_step (20 %) since the git base revision.

    Goals that jump demotivate: raise them step by step. The target is compared with the
    same check at the base revision (--base REF, default HEAD); the message names the next
    single step. Outside a git repository this rule is skipped.

    Bad (was {max: 60, unit: s}):
      target: {max: 30, unit: s}
    Good:
      target: {max: 48, unit: s}
    """),
)
def target_jump(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None:
        return
    max_step = float(ctx.params.get("max_step", 0.2))
    for tp in ctx.registry.touchpoints:
        before = history.targets_at_base(tp.path)
        if not before:
            continue
        for check in tp.checks:
            old = before.get(check.id)
            if old is None or check.target is None or old[0] != check.type:
                continue
            for field, was, now in tightening(in_unit(old[1], check.target.unit), check.target):
                allowed = abs(was) * max_step + 1e-9
                if is_whole(check):
                    allowed = max(allowed, 1)  # one is the smallest step of a count
                if was == 0 or abs(was - now) <= allowed:
                    continue
                step = next_step(field, was, max_step, is_whole(check))
                step = capped(field, step, best_of(check.type, check.target, check.text))
                unit = check.target.unit
                moved = (
                    _(
                        "check '{id}': the target max moved from {was} to {now} in one go, "
                        "more than {share} at once",
                        id=check.id,
                        was=number(was),
                        now=with_unit(number(now), unit),
                        share=share(max_step),
                    )
                    if field == "max"
                    else _(
                        "check '{id}': the target min moved from {was} to {now} in one go, "
                        "more than {share} at once",
                        id=check.id,
                        was=number(was),
                        now=with_unit(number(now), unit),
                        share=share(max_step),
                    )
                )
                if field == "max" and step == 0 and check.type == "count":
                    advice = _("raise it step by step: next step none")
                elif field == "max":
                    advice = _(
                        "raise it step by step: next step max {step}", step=amount(step, unit)
                    )
                else:
                    advice = _(
                        "raise it step by step: next step min {step}", step=amount(step, unit)
                    )
                yield Finding(
                    *tp.pos("checks", check.index, "target", field),
                    moved,
                    advice,
                    touchpoint=tp,
                )


def next_step_text(
    field: str, step: float, now: float, unit: str | None, kind: str, best: bool = False
) -> str:
    """'next step: max 48 s (now 1 min)' in the current language («не больше 48 с»); with
    `best`, the step is the best value the target can reach and says so."""
    if field == "max" and step == 0 and kind == "count":
        return _("next step: none (now max {now})", now=amount(now, unit))
    if field == "max" and best:
        return _(
            "next step: max {step}, the best possible (now {now})",
            step=amount(step, unit),
            now=amount(now, unit),
        )
    if field == "max":
        return _(
            "next step: max {step} (now {now})", step=amount(step, unit), now=amount(now, unit)
        )
    if best:
        return _(
            "next step: min {step}, the best possible (now {now})",
            step=amount(step, unit),
            now=amount(now, unit),
        )
    return _("next step: min {step} (now {now})", step=amount(step, unit), now=amount(now, unit))
