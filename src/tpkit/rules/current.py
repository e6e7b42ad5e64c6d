"""Current (CUR): standards are constantly adapted and kept up to date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from tpkit.i18n import N_, _, n_
from tpkit.i18n import date as shown_date
from tpkit.model import Touchpoint
from tpkit.rules.base import Context, Finding, Param, rule


def shown(day: dt.date) -> str:
    """A date of a message as a person reads it: «28 декабря 2026 г.», "December 28, 2026".
    A date to be written into a file (reviewed: 2026-12-02) is left as it is written."""
    return shown_date(day, "long")


def due_date(tp: Touchpoint, default_every: int) -> dt.date | None:
    if tp.reviewed is None:
        return None
    return tp.reviewed + dt.timedelta(days=tp.review_every or default_every)


@rule(
    "CUR001",
    "current",
    "error",
    uses_today=True,
    doc=N_("""The review is overdue: reviewed + review_every is before today.

    A standard nobody has looked at for longer than its review interval has probably drifted
    from what the venue really does. Review it with the team, change what changed, and set
    reviewed to the date of that review.

    Bad (today 2026-11-25):
      reviewed: 2026-01-10
      review_every: 180d
    Good:
      reviewed: 2026-11-20
      review_every: 180d
    """),
)
def review_overdue(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    due = due_date(tp, ctx.registry.config.review_every)
    if tp.reviewed is not None and due is not None and due < ctx.today:
        late = (ctx.today - due).days
        yield Finding(
            *tp.pos("reviewed"),
            n_(
                "the review is overdue: last reviewed {reviewed}, due {due} ({n} day ago)",
                "the review is overdue: last reviewed {reviewed}, due {due} ({n} days ago)",
                late,
                reviewed=shown(tp.reviewed),
                due=shown(due),
            ),
            _("review the standard with the team, then write reviewed: {today}", today=ctx.today),
        )


@rule(
    "CUR002",
    "current",
    "info",
    params={"due_soon": Param("days", 30, N_("days before the due date"))},
    uses_today=True,
    doc=N_("""The review is due soon (within due_soon, 30 days by default).

    A reminder, so the review can be planned before it is overdue.

    Bad (today 2026-11-25):
      reviewed: 2026-06-01
      review_every: 180d       # due 2026-11-28
    Good:
      reviewed: 2026-11-20
    """),
)
def review_due_soon(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    due = due_date(tp, ctx.registry.config.review_every)
    soon: int = ctx.param("due_soon")
    if due is not None and ctx.today <= due <= ctx.today + dt.timedelta(days=soon):
        left = (due - ctx.today).days
        yield Finding(
            *tp.pos("reviewed"),
            n_(
                "the review is due on {due} (in {n} day)",
                "the review is due on {due} (in {n} days)",
                left,
                due=shown(due),
            ),
            _("plan the review with the team before that date"),
        )


@rule(
    "CUR003",
    "current",
    "error",
    uses_today=True,
    doc=N_("""The reviewed date is in the future.

    reviewed records a review that happened. A future date hides the real age of the
    standard and pushes its next review out of sight.

    Bad (today 2026-11-25):
      reviewed: 2027-01-15
    Good:
      reviewed: 2026-11-20
    """),
)
def reviewed_in_future(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    if tp.reviewed is not None and tp.reviewed > ctx.today:
        yield Finding(
            *tp.pos("reviewed"),
            _(
                "reviewed is {reviewed}, a date in the future (today is {today})",
                reviewed=shown(tp.reviewed),
                today=shown(ctx.today),
            ),
            _(
                "write the date the review really took place, no later than {today}",
                today=ctx.today,
            ),
        )


@rule(
    "CUR004",
    "current",
    "warning",
    scope="registry",
    doc=N_("""The touchpoint's content was changed in git after its review date, and reviewed
    was not updated.

    A commit dated after reviewed changed standard, steps, say, avoid or checks. Either the
    change was reviewed (then update reviewed to the date of that review) or it was not (then
    review it). Outside a git repository this rule is skipped.

    Bad:
      reviewed: 2026-03-01     # the standard was rewritten in a commit of 2026-10-02
    Good:
      reviewed: 2026-10-02
    """),
)
def changed_without_review(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None:
        return
    for tp in ctx.registry.touchpoints:
        if tp.reviewed is None:
            continue
        change = history.content_change_after(tp.path, tp.reviewed)
        if change is not None:
            when, commit = change
            yield Finding(
                *tp.pos("reviewed"),
                _(
                    "the content was changed on {when} (commit {commit}) after the last "
                    "review on {reviewed}, and reviewed was not updated",
                    when=shown(when),
                    commit=commit[:8],
                    reviewed=shown(tp.reviewed),
                ),
                _(
                    "review the change with the team, then write reviewed: {when} or later",
                    when=when,
                ),
                touchpoint=tp,
            )
