"""Loop (LOOP): a corrective action from an audit is done by its due date."""

from __future__ import annotations

from collections.abc import Iterator

from tpkit.actions_files import load_actions
from tpkit.i18n import N_, _, n_
from tpkit.rules.base import Context, Finding, rule


@rule(
    "LOOP001",
    "current",
    "warning",
    scope="registry",
    uses_today=True,
    doc=N_("""A corrective action is still open after its due date.

    An audit's failed check became an action in actions/<venue>/<id>.yaml with an owner and a
    due date. Until someone fixes it and marks it done, the same failure is met again at the
    next visit. Fix it, then run tpkit actions done ID --note TEXT; or, if the fix takes
    longer, agree a new due date with the owner and write it.

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
                    "the corrective action for check '{check}' ({owner}) is open {n} day "
                    "past its due date {due}",
                    "the corrective action for check '{check}' ({owner}) is open {n} days "
                    "past its due date {due}",
                    late,
                    check=a.check,
                    owner=a.owner,
                    due=a.due.isoformat(),
                ),
                _(
                    "fix it, then run: tpkit actions done {id} --note TEXT; or write a new due "
                    "date agreed with the owner",
                    id=a.id,
                ),
                path=a.path,
            )
