"""Achievable (ACH): service goals must be observable and achievable; raise them step by step."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from tpkit.i18n import N_, _, n_, number, percent, quote
from tpkit.model import TIME_UNITS, Check, Target, Touchpoint, fmt_number
from tpkit.rules._text import locate
from tpkit.rules.base import Context, Finding, Param, rule
from tpkit.targets import with_unit

# Settings several rules share: one declaration, one default.
WINDOW = Param("int", 5, N_("audits looked at, newest first"))
MIN_AUDITS = Param("int", 3, N_("fewest audits to judge by"))
MAX_STEP = Param("fraction", 0.2, N_("largest tightening at once"))

EXAMPLE_TARGETS = {"time": "{max: 30, unit: s}", "count": "{max: 3}", "scale": "{min: 4, of: 5}"}


@rule(
    "ACH001",
    "achievable",
    "warning",
    doc=N_("""A check cannot be observed: a vague word and no measurable target.

    "Always", "perfectly", "quickly", «идеально», «быстро» cannot be seen or counted by an
    auditor. Say what is seen, or give the check a type and a target.

    Bad:
      checks:
        - {id: fast, text: Гостя всегда обслуживают быстро}
    Good:
      checks:
        - {id: menu-1min, text: Меню подали в течение минуты после посадки,
           type: time, target: {max: 1, unit: min}}
    """),
)
def unobservable_check(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    lexicon = ctx.registry.lexicon(tp.lang)
    kinds = ctx.venue_kinds(tp)
    for check in tp.checks:
        if check.target is not None and not check.target.is_empty():
            continue
        found = [
            m
            for index in (lexicon.vague, lexicon.inner)
            for m in ctx.found(index, check.text)
            if m.entry.applies(kinds, tp.channel)
        ]
        if found:
            m = min(found, key=lambda m: m.start)
            key = ("checks", check.index, "text")
            yield Finding(
                *locate(tp, key, check.text, m.start, m.end),
                _(
                    "check '{id}' cannot be observed: {word} is vague and there is no target",
                    id=check.id,
                    word=quote(m.surface, tp.lang),
                ),
                observable_advice(m.surface, tp.lang),
            )


# Vague words of time, whose check is best measured in seconds or minutes.
TIME_WORDS = re.compile(
    r"быстр|скор|своевремен|оперативн|вовремя|сразу|незамедлит|немедлен|"
    r"prompt|quick|fast|timely|immediate|soon|swift|rapid",
    re.IGNORECASE,
)


def observable_advice(word: str, lang: str) -> str:
    """What to write instead of a vague check: a time for words of speed, else what is seen or
    a rating."""
    if TIME_WORDS.search(word):
        return _(
            "write the time it takes and give the check a target: {example}, type: time, "
            "target: {target}",
            example=quote("Меню подали за 1 минуту", lang)
            if lang == "ru"
            else quote("The menu came within 1 minute", lang),
            target=EXAMPLE_TARGETS["time"],
        )
    seen = (
        ("назвал гостя по имени", "предложил помочь с одеждой")
        if lang == "ru"
        else ("used the guest's name", "offered to take the coat")
    )
    return _(
        "write what the auditor sees or hears ({examples}), or rate it: type: scale, "
        "target: {target}",
        examples=", ".join(quote(s, lang) for s in seen),
        target=EXAMPLE_TARGETS["scale"],
    )


def example_target(check: Check) -> str:
    """A target to offer for a check: on its own scale where it has one (8 of 10, not 4 of 5)."""
    t = check.target
    if check.type == "scale" and t is not None and t.of and t.of > 0:
        return f"{{min: {fmt_number(math.ceil(t.of * 0.8))}, of: {fmt_number(t.of)}}}"
    return EXAMPLE_TARGETS[check.type]


def target_problem(check: Check) -> str:
    """Why a check's target is missing or cannot be met; '' when it is fine."""
    t = check.target or Target()
    if check.type == "time":
        if t.max is None:
            return _(
                "a time check needs a numeric target: target: {example}",
                example="{max: 30, unit: s}",
            )
        if t.max <= 0:
            return _(
                "the time target {value} cannot be met: it must be above 0",
                value=with_unit(number(t.max), t.unit),
            )
    elif check.type == "count":
        if t.min is None and t.max is None:
            return _(
                "a count check needs a numeric target: target: {example} or {other}",
                example="{max: 3}",
                other="{min: 1}",
            )
        if t.min is not None and t.max is not None and t.min > t.max:
            return _(
                "the count target cannot be met: min {min} is above max {max}",
                min=number(t.min),
                max=number(t.max),
            )
        if t.max is not None and t.max < 0:
            return _("the count target max {max} cannot be met: it is below 0", max=number(t.max))
    elif check.type == "scale":
        if t.min is None or t.of is None:
            return _(
                "a scale check needs a numeric target: target: {example}",
                example="{min: 4, of: 5}",
            )
        if t.min > t.of:
            return _(
                "the scale target cannot be met: min {min} is above the top of the scale {top}",
                min=number(t.min),
                top=number(t.of),
            )
    return ""


@rule(
    "ACH002",
    "achievable",
    "error",
    doc=N_("""A time, count or scale check has no numeric target, or a target that cannot be met.

    An auditor can only score a measured check against a number: time {max, unit}, count
    {min, max} (one or both), scale {min, of}. A time of 0, a scale minimum above its top,
    or a count minimum above its maximum can never pass. A yes/no check takes no target.

    Bad:
      checks:
        - {id: bill, text: Счёт принесли, type: time}
        - {id: rating, text: Оценка блюда, type: scale, target: {min: 6, of: 5}}
    Good:
      checks:
        - {id: bill, text: Счёт принесли за 3 минуты, type: time, target: {max: 3, unit: min}}
        - {id: rating, text: Оценка блюда, type: scale, target: {min: 4, of: 5}}
    """),
)
def missing_target(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    for check in tp.checks:
        if check.type == "yesno":
            if check.target is not None and not check.target.is_empty():
                yield Finding(
                    *tp.pos("checks", check.index, "target"),
                    _("check '{id}' is a yes/no check but has a target", id=check.id),
                    _("remove the target, or set type: time, count or scale"),
                )
            continue
        problem = target_problem(check)
        if problem:
            where = (
                tp.pos("checks", check.index, "target")
                if check.target
                else tp.pos("checks", check.index, "type")
            )
            yield Finding(
                *where,
                _("check '{id}': {problem}", id=check.id, problem=problem),
                _(
                    "write a target the team can meet, for example target: {target}",
                    target=example_target(check),
                ),
            )
        elif check.type == "time" and check.target is not None and not check.target.unit:
            yield Finding(
                *tp.pos("checks", check.index, "target"),
                _("check '{id}': the time target has no unit", id=check.id),
                _(
                    "add unit: s, min or h, for example target: {target}",
                    target="{max: 30, unit: s}",
                ),
            )


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


def _share(fraction: float) -> str:
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
                unit = check.target.unit
                moved = (
                    _(
                        "check '{id}': the target max moved from {was} to {now} in one go, "
                        "more than {share} at once",
                        id=check.id,
                        was=number(was),
                        now=with_unit(number(now), unit),
                        share=_share(max_step),
                    )
                    if field == "max"
                    else _(
                        "check '{id}': the target min moved from {was} to {now} in one go, "
                        "more than {share} at once",
                        id=check.id,
                        was=number(was),
                        now=with_unit(number(now), unit),
                        share=_share(max_step),
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


def _evidence(ctx: Context) -> dict[str, list[str]]:
    """Full check id → outcomes (pass/wow/fail) of the audits that used today's definition of
    the check, oldest first."""
    audits = ctx.audits
    if audits is None or not audits.audits:
        return {}
    current = {tp.full_id(c): c for tp in ctx.registry.touchpoints for c in tp.checks}
    found: dict[str, list[str]] = audits.outcomes(current)
    return found


def _recent(ctx: Context) -> Iterator[tuple[Touchpoint, Check, list[str]]]:
    window = int(ctx.params.get("window", 5))
    least = int(ctx.params.get("min_audits", 3))
    evidence = _evidence(ctx)
    if not evidence:
        return
    for tp in ctx.registry.touchpoints:
        for check in tp.checks:
            outcomes = evidence.get(tp.full_id(check), [])[-window:]
            if len(outcomes) >= least:
                yield tp, check, outcomes


@rule(
    "ACH004",
    "achievable",
    "warning",
    params={
        "window": WINDOW,
        "min_pass_rate": Param("fraction", 0.5, N_("lowest share of passes")),
        "min_audits": MIN_AUDITS,
    },
    scope="registry",
    doc=N_("""Audit evidence: the check passed in fewer than min_pass_rate (50 %) of its last window
    (5) audits — not achievable as written.

    A target the team almost never meets demotivates instead of leading. Lower the target to
    what is met today and raise it step by step, train the team, or change the process. Only
    audits that used the check as it is written now count, and at least min_audits (3) of them.

    Bad (passed in 1 of the last 5 audits):
      - {id: bill-1min, text: Счёт принесли за 1 минуту, type: time, target: {max: 1, unit: min}}
    Good:
      - {id: bill-3min, text: Счёт принесли за 3 минуты, type: time, target: {max: 3, unit: min}}
    """),
)
def rarely_met(ctx: Context) -> Iterator[Finding]:
    least_rate = float(ctx.params.get("min_pass_rate", 0.5))
    for tp, check, outcomes in _recent(ctx):
        passed = sum(o != "fail" for o in outcomes)
        if passed / len(outcomes) < least_rate:
            yield Finding(
                *tp.pos("checks", check.index, "id"),
                n_(
                    "check '{id}' passed in {passed} of its last {n} audit (less than "
                    "{share}): not achievable as written",
                    "check '{id}' passed in {passed} of its last {n} audits (less than "
                    "{share}): not achievable as written",
                    len(outcomes),
                    id=check.id,
                    passed=number(passed),
                    share=_share(least_rate),
                ),
                _(
                    "set a target the team can meet now and raise it step by step, "
                    "train the team, or change the process"
                ),
                touchpoint=tp,
            )


@rule(
    "ACH005",
    "achievable",
    "info",
    params={
        "window": WINDOW,
        "min_audits": MIN_AUDITS,
        "max_step": MAX_STEP,
    },
    scope="registry",
    doc=N_("""Audit evidence: the check passed in every one of its last window (5) audits — ready to
    raise the target by one step.

    Exceeding expectations raises them: what delights today is expected tomorrow. When a
    measured target is met every time, raise it by one step (max_step, 20 %) and say so to
    the team. Only time, count and scale checks have a target to raise.

    Bad (met in 5 of 5 audits):
      target: {max: 60, unit: s}
    Good:
      target: {max: 48, unit: s}
    """),
)
def always_met(ctx: Context) -> Iterator[Finding]:
    max_step = float(ctx.params.get("max_step", 0.2))
    for tp, check, outcomes in _recent(ctx):
        if check.type == "yesno" or check.target is None or "fail" in outcomes:
            continue
        t = check.target
        field, now = ("max", t.max) if t.max is not None else ("min", t.min)
        if now is None or (field == "max" and now <= 0):
            continue
        step = next_step(field, now, max_step, is_whole(check))
        if check.type == "scale" and t.of is not None:
            step = min(step, t.of)
        if step == now:
            continue
        yield Finding(
            *tp.pos("checks", check.index, "target", field),
            n_(
                "check '{id}' was met in all of its last {n} audit: ready to raise the "
                "target by one step",
                "check '{id}' was met in all of its last {n} audits: ready to raise the "
                "target by one step",
                len(outcomes),
                id=check.id,
            ),
            next_step_text(field, step, now, t.unit, check.type),
            touchpoint=tp,
        )


def next_step_text(field: str, step: float, now: float, unit: str | None, kind: str) -> str:
    """'next step: max 48 s (now 1 min)' in the current language («не больше 48 с»)."""
    if field == "max" and step == 0 and kind == "count":
        return _("next step: none (now max {now})", now=amount(now, unit))
    if field == "max":
        return _(
            "next step: max {step} (now {now})", step=amount(step, unit), now=amount(now, unit)
        )
    return _("next step: min {step} (now {now})", step=amount(step, unit), now=amount(now, unit))
