"""Looking things up in a registry: selecting touchpoints, reviews due, one touchpoint shown."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tpkit.feedback import Response
from tpkit.model import Touchpoint
from tpkit.registry import Registry
from tpkit.rules.current import due_date


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
    """A readable view of one touchpoint for the terminal, with what guests said of it."""
    config = registry.config
    zone = next((z.title_in(tp.lang) for z in config.zones if z.id == tp.zone), tp.zone)
    when = due_date(tp, config.review_every)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    rows = [
        ("Id", tp.id),
        ("Zone", f"{zone} ({tp.zone})"),
        ("Channel", tp.channel),
        ("Roles", ", ".join(tp.roles) or "—"),
        ("Owner", tp.owner),
        ("Venues", ", ".join(tp.venues) or "all"),
    ]
    review = f"{tp.reviewed}, next review {when}" if when else str(tp.reviewed)
    if when and when < today:
        review += " (overdue)"
    rows += [("Reviewed", review), ("File", tp.path)]
    for label, value in rows:
        head.add_row(label, Text(value))
    parts: list[RenderableType] = [
        head,
        Text(""),
        Text("Standard", style="bold"),
        Text(" ".join(tp.standard.split())),
    ]
    if tp.steps:
        parts += [Text(""), Text("Steps", style="bold")]
        parts += [Text(f"{i}. {step}") for i, step in enumerate(tp.steps, 1)]
    if tp.say:
        parts += [Text(""), Text("Say", style="bold")]
        parts += [Text(f"• {phrase}") for phrase in tp.say]
    if tp.avoid:
        parts += [Text(""), Text("Instead of … say …", style="bold")]
        parts += [Text(f"✗ {a.phrase}  →  ✓ {a.instead}") for a in tp.avoid]
    checks = Table(header_style="bold", expand=False)
    for name in ("Check", "What the auditor checks", "Target", "Weight", "Critical"):
        checks.add_column(name, overflow="fold")
    for c in tp.checks:
        target = c.target.describe() if c.target else "yes / no"
        checks.add_row(
            Text(f"{tp.id}/{c.id}"),
            Text(c.text),
            Text(target),
            f"{c.weight:g}",
            "critical" if c.critical else "",
        )
    parts += [Text(""), checks]
    linked = sorted(
        (r for r in responses or () if r.touchpoint == tp.id and r.comment),
        key=lambda r: r.date,
        reverse=True,
    )
    if linked:
        parts += [Text(""), Text("What guests said", style="bold")]
        for r in linked[:comments]:
            line = Text(
                f"{r.date} · {r.venue} · {r.score}/10  ",
                style="red" if r.kind == "detractor" else "green" if r.kind == "promoter" else "",
            )
            line.append(" ".join(r.comment.split()), style="")
            parts.append(line)
        if len(linked) > comments:
            parts.append(Text(f"… and {len(linked) - comments} more", style="dim"))
    return Panel(Group(*parts), title=Text(tp.title, style="bold"), title_align="left")
