"""Loop (LOOP): a corrective action from an audit is done by its due date, and a changed
standard is signed by its staff in time."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.actions_files import load_actions
from tpkit.i18n import N_, _, n_
from tpkit.rules.base import Context, Finding, Param, rule


@rule(
    "LOOP001",
    "current",
    "info",
    scope="registry",
    uses_today=True,
    doc=N_("""A corrective action is still open after its due date.

    An audit's failed check became an action in actions/<venue>/<id>.yaml with an owner and a
    due date. Until someone fixes it and marks it done, the same failure is met again at the
    next visit. Fix it, then run tpkit actions done ID --note TEXT; or, if the fix takes
    longer, agree a new due date with the owner and write it. It is advice (info) by default:
    a late fix is the venue's to-do, listed by tpkit actions and tpkit status, and must not
    block an edit of a standard; LOOP001: {level: warning} makes it fail a check at warning.

    Bad (today 2026-12-02):
      status: open
      due: 2026-11-20
    Good:
      status: done
      due: 2026-11-20
      note: Terminal replaced, staff shown the split-bill menu
      closed_by: Anna
      closed_on: 2026-11-19
    """),
)
def overdue_action(ctx: Context) -> Iterator[Finding]:
    actions, _bad = load_actions(ctx.registry.root)
    for a in actions:
        if a.overdue(ctx.today):
            late = (ctx.today - a.due).days
            yield Finding(
                *a.due_pos,
                n_(
                    "the corrective action for check “{text}” ({owner}) is open {n} day past "
                    "its due date {due}",
                    "the corrective action for check “{text}” ({owner}) is open {n} days past "
                    "its due date {due}",
                    late,
                    text=a.text,
                    owner=ctx.registry.config.title_of("roles", a.owner),
                    due=a.due.isoformat(),
                ),
                _(
                    "fix it, then run: tpkit actions done {id} --note TEXT; or write a new due "
                    "date agreed with the owner",
                    id=a.id,
                ),
                path=a.path,
            )


@rule(
    "LOOP002",
    "current",
    "off",
    params={"within": Param("days", 14, N_("days after the review to sign the new text"))},
    scope="registry",
    uses_today=True,
    doc=N_("""A standard was changed and no one in its roles at a venue has signed the new text
    within the days allowed (off unless standards/current.yaml turns it on).

    Staff sign the text they follow (tpkit ack import); its version, printed on the
    handout, changes with the standard, steps, say and avoid. After a change, the date in
    reviewed starts the time to sign: when it has passed and no one at a venue whose staff
    sign standards has signed the new version, the change has not reached the floor. Print
    the handout (tpkit render handout), have it signed, import the sheet. Turn it on with
    LOOP002: {level: warning, within: 14d}.

    Bad (today 2026-12-20, within 14d):
      reviewed: 2026-12-01     # the waiters at nevsky signed only the text before it
    Good:
      reviewed: 2026-12-01     # two waiters signed the new version on 2026-12-03
    """),
)
def unsigned_change(ctx: Context) -> Iterator[Finding]:
    from tpkit.ack import applies, load, version

    acks = load(ctx.registry.root)
    if not acks:
        return
    within: int = ctx.param("within")
    signing = {a.venue for a in acks}
    venues = [v for v in ctx.registry.config.venues if not v.competitor and v.id in signing]
    current: dict[tuple[str, str], set[str]] = {}
    for a in acks:
        current.setdefault((a.venue, a.touchpoint), set()).add(a.version)
    for tp in ctx.registry.touchpoints:
        if tp.reviewed is None or (ctx.today - tp.reviewed).days <= within:
            continue
        now = version(tp)
        late = [
            v for v in venues if applies(tp, v.id) and now not in current.get((v.id, tp.id), ())
        ]
        if not late:
            continue
        roles = ", ".join(ctx.registry.config.title_of("roles", r) for r in tp.roles or [tp.owner])
        yield Finding(
            *tp.pos("reviewed"),
            n_(
                "no one ({roles}) at {venues} has signed the text of {reviewed} (version "
                "{version}) in the {n} day allowed",
                "no one ({roles}) at {venues} has signed the text of {reviewed} (version "
                "{version}) in the {n} days allowed",
                within,
                roles=roles,
                venues=", ".join(v.shown_title() for v in late),
                reviewed=tp.reviewed.isoformat(),
                version=now,
                n=within,
            ),
            _(
                "print the handout (tpkit render handout), have it signed, then run tpkit ack "
                "import SHEET.csv"
            ),
            touchpoint=tp,
        )
