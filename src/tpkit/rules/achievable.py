"""Achievable (ACH): service goals must be observable and achievable; raise them step by step.

This module holds what a check needs to be scored at all: something an auditor can observe
(ACH001) and a target that can be met (ACH002). Raising targets step by step is in steps.py
(ACH003), the audit evidence in evidence.py (ACH004, ACH005)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from tpkit.i18n import N_, _, number, quote
from tpkit.limits import best_problem
from tpkit.model import Check, Target, Touchpoint, fmt_number
from tpkit.rules._text import locate
from tpkit.rules.base import Context, Finding, rule
from tpkit.targets import with_unit

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
    """A target to offer for a check: on its own scale, or out of its own number, where it has
    one (8 of 10, not 4 of 5)."""
    t = check.target
    if check.type in ("scale", "count") and t is not None and t.of and t.of > 0:
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
        if t.min is not None and t.of is not None and t.min > t.of:
            return _(
                "the count target cannot be met: min {min} is above {of}, the number looked at",
                min=number(t.min),
                of=number(t.of),
            )
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
    a count minimum above its maximum, or a target past the best value the check declares
    (target: {min: 3, best: 2}) can never pass. A yes/no check takes no target.

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
        if not problem:
            wrong, instead = best_problem(check.type, check.target)
            if wrong:
                yield Finding(
                    *tp.pos("checks", check.index, "target", "best"),
                    _("check '{id}': {problem}", id=check.id, problem=wrong),
                    instead,
                )
                continue
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
