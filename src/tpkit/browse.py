"""Looking things up in a registry: selecting touchpoints, reviews due, one touchpoint shown."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tpkit import i18n
from tpkit.config import Registry
from tpkit.feedback import Response
from tpkit.i18n import N_, _, n_
from tpkit.model import Touchpoint
from tpkit.rules.current import due_date
from tpkit.targets import target_text

# How the guest meets a touchpoint (its `channel:`), as a person reads it.
CHANNELS = {
    "in-person": N_("in person"),
    "phone": N_("phone"),
    "web": N_("website"),
    "print": N_("printed"),
    "email": N_("email"),
    "messenger": N_("messenger"),
    "signage": N_("signage"),
    "other": N_("other"),
}


def channel_name(channel: str) -> str:
    """A channel in the current language; in English, and for an unknown one, as written."""
    if i18n.current() == i18n.SOURCE or channel not in CHANNELS:
        return channel
    return _(CHANNELS[channel])


def select(
    registry: Registry,
    *,
    zone: str | None = None,
    role: str | None = None,
    venue: str | None = None,
) -> list[Touchpoint]:
    """Touchpoints matching every given filter, in journey order."""
    out = []
    for tp in registry.touchpoints:
        if zone and tp.zone != zone:
            continue
        if role and role not in tp.roles and role != tp.owner:
            continue
        if venue and tp.venues and venue not in tp.venues:
            continue
        out.append(tp)
    return registry.in_journey_order(out)


def due(registry: Registry, today: dt.date, within_days: int) -> list[tuple[dt.date, Touchpoint]]:
    """(due date, touchpoint) of reviews overdue or due within the period, oldest first."""
    horizon = today + dt.timedelta(days=within_days)
    rows = []
    for tp in registry.touchpoints:
        when = due_date(tp, registry.config.review_every)
        if when is not None and when <= horizon:
            rows.append((when, tp))
    rows.sort(key=lambda row: (row[0], row[1].id))
    return rows


def show(
    registry: Registry,
    tp: Touchpoint,
    today: dt.date,
    responses: list[Response] | None = None,
    comments: int = 5,
) -> RenderableType:
    """A readable view of one touchpoint for the terminal, with what guests said of it, its
    labels in the current language."""
    config = registry.config
    lang = i18n.current()
    titles = {item.id: item.title_in(lang) for item in (*config.zones, *config.roles)}
    venues = {v.id: v.title_in(lang) for v in config.venues}

    def named(ids: list[str], known: dict[str, str]) -> str:
        """'Официант (waiter), Хостес (host)': the title in the current language, and the id
        that is written in the files; the id alone where the registry gives no title."""
        return ", ".join(f"{known[i]} ({i})" if known.get(i, i) != i else i for i in ids)

    when = due_date(tp, config.review_every)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    rows = [
        (_("Id"), tp.id),
        (_("Zone"), named([tp.zone], titles)),
        (_("Channel"), channel_name(tp.channel)),
        (_("Roles"), named(tp.roles, titles) or "—"),
        (_("Owner"), named([tp.owner], titles)),
        (_("Venues"), named(tp.venues, venues) or _("all")),
    ]
    reviewed = i18n.date(tp.reviewed) if tp.reviewed else "—"
    if when and when < today:
        review = _(
            "{reviewed}, next review {due} (overdue)", reviewed=reviewed, due=i18n.date(when)
        )
    elif when:
        review = _("{reviewed}, next review {due}", reviewed=reviewed, due=i18n.date(when))
    else:
        review = reviewed
    rows += [(_("Reviewed"), review), (_("File"), tp.path)]
    for label, value in rows:
        head.add_row(label, Text(value))
    parts: list[RenderableType] = [
        head,
        Text(""),
        Text(_("Standard"), style="bold"),
        Text(" ".join(tp.standard.split())),
    ]
    if tp.steps:
        parts += [Text(""), Text(_("Steps"), style="bold")]
        parts += [Text(f"{i}. {step}") for i, step in enumerate(tp.steps, 1)]
    if tp.say:
        parts += [Text(""), Text(_("Say"), style="bold")]
        parts += [Text(f"• {phrase}") for phrase in tp.say]
    if tp.avoid:
        parts += [Text(""), Text(_("Instead of … say …"), style="bold")]
        parts += [Text(f"✗ {a.phrase}  →  ✓ {a.instead}") for a in tp.avoid]
    checks = Table(header_style="bold", expand=False)
    for name in (_("Check"), _("What the auditor checks"), _("Target"), _("Weight"), _("Critical")):
        checks.add_column(name, overflow="fold")
    for c in tp.checks:
        checks.add_row(
            Text(f"{tp.id}/{c.id}"),
            Text(c.text),
            Text(target_text(c) or _("yes / no")),
            i18n.number(c.weight),
            _("critical") if c.critical else "",
        )
    parts += [Text(""), checks]
    linked = sorted(
        (r for r in responses or () if r.touchpoint == tp.id and r.comment),
        key=lambda r: r.date,
        reverse=True,
    )
    if linked:
        parts += [Text(""), Text(_("What guests said"), style="bold")]
        for r in linked[:comments]:
            line = Text(
                f"{i18n.date(r.date)} · {venues.get(r.venue, r.venue)} · {r.score}/10  ",
                style="red" if r.kind == "detractor" else "green" if r.kind == "promoter" else "",
            )
            line.append(" ".join(r.comment.split()), style="")
            parts.append(line)
        if len(linked) > comments:
            more = len(linked) - comments
            parts.append(Text(n_("… and {n} more", "… and {n} more", more), style="dim"))
    return Panel(Group(*parts), title=Text(tp.title, style="bold"), title_align="left")
