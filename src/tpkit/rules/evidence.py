"""Audit evidence (ACH004, ACH005): how each check fared in the latest audits that used it as
it is written now. A target almost never met is not achievable as written; a target met every
time is ready to rise by one step, up to its best value and never past it."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.i18n import N_, _, n_, number
from tpkit.limits import at_best, best_of, capped, moving
from tpkit.model import Check, Touchpoint
from tpkit.rules.base import Context, Finding, Param, rule
from tpkit.rules.steps import MAX_STEP, is_whole, next_step, next_step_text, share

# Settings both rules share: one declaration, one default.
WINDOW = Param("int", 5, N_("audits looked at, newest first"))
MIN_AUDITS = Param("int", 3, N_("fewest audits to judge by"))


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
                    share=share(least_rate),
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
    raise the target by one step, or already at its best.

    Exceeding expectations raises them: what delights today is expected tomorrow. When a
    measured target is met every time, raise it by one step (max_step, 20 %) and say so to
    the team. Only time, count and scale checks have a target to raise.

    A step never goes past the best value the target can reach: the top of a scale
    ({min: 4, of: 5} rises to 5 at most), the number a count is out of ({min: 9, of: 10}:
    10), none for a count of faults ({max: 1}), or the best the check declares
    (target: {min: 2, best: 2}: 2 towels per guest, never 3). A target already at its best
    is not raised: the message says so, so that the team hears it is met every time. A count
    that allows none ({max: 0}: no hair, no sale to a minor) is a rule, not a goal, like a
    yes/no check: nothing is said of it.

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
        field = moving(t)
        now = t.max if field == "max" else t.min
        if now is None or (field == "max" and (now < 0 or (now == 0 and check.type != "count"))):
            continue
        where = tp.pos("checks", check.index, "target", field)
        best = best_of(check.type, t, check.text)
        if best is not None and at_best(field, now, best):
            # none at all is a rule, as a yes/no check is; a range closed to one value has
            # nothing better: neither is a goal the team climbed to
            if best.source in ("none", "min"):
                continue
            yield Finding(
                *where,
                n_(
                    "check '{id}' was met in all of its last {n} audit, and its target is "
                    "already at its best",
                    "check '{id}' was met in all of its last {n} audits, and its target is "
                    "already at its best",
                    len(outcomes),
                    id=check.id,
                ),
                _("keep the target as it is, and tell the team it is met every time"),
                touchpoint=tp,
            )
            continue
        step = capped(field, next_step(field, now, max_step, is_whole(check)), best)
        if step == now:
            continue
        # the best a target can reach, not the min a range's max stops at
        reaches = best is not None and step == best.value and best.source != "min"
        yield Finding(
            *where,
            n_(
                "check '{id}' was met in all of its last {n} audit: ready to raise the "
                "target by one step",
                "check '{id}' was met in all of its last {n} audits: ready to raise the "
                "target by one step",
                len(outcomes),
                id=check.id,
            ),
            next_step_text(field, step, now, t.unit, check.type, reaches),
            touchpoint=tp,
        )
