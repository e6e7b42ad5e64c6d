"""What the checklist and the handout show, gathered from the registry (the report: report.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tpkit import i18n
from tpkit.ack import version as ack_version
from tpkit.config import Registry
from tpkit.errors import UsageError
from tpkit.i18n import _
from tpkit.model import Check, Touchpoint
from tpkit.render import Page, page_language
from tpkit.targets import target_text, with_unit


def _check_known(registry: Registry, venue: str | None, zone: str | None, role: str | None) -> None:
    config = registry.config
    for kind, value, known in (
        ("venue", venue, [v.id for v in config.venues]),
        ("zone", zone, config.zone_ids()),
        ("role", role, [r.id for r in config.roles]),
    ):
        if value is not None and value not in known:
            raise UsageError(
                f"--{kind} '{value}' is not a {kind} of this registry",
                [f"{kind}s: {', '.join(known)}"],
            )


def _select(
    registry: Registry, venue: str | None, zone: str | None, role: str | None
) -> list[Touchpoint]:
    from tpkit.browse import select

    return select(registry, zone=zone, role=role, venue=venue)


def page_name(*parts: str | None) -> str:
    """The name of a page's file, from its parts: checklist-nevsky-payment."""
    return "-".join(p for p in parts if p)


def _common(registry: Registry, lang: str, venue: str | None, today: dt.date) -> dict[str, Any]:
    item = registry.config.venue(venue) if venue else None
    return {
        "registry": registry.config.name,
        "today": today,
        "venue": item.title_in(lang) if item else None,
        "venue_id": venue,
    }


MEASURED = ("time", "count", "scale")


def _value_hint(check: Check) -> str:
    """What goes beside the box for a measured value: the unit (мин), or 'of 5' on a scale."""
    target = check.target
    if target is None:
        return ""
    if check.type == "scale" and target.of is not None:
        return _("of {of}", of=i18n.number(target.of))
    return with_unit("", target.unit).strip()


def checklist(
    registry: Registry,
    today: dt.date,
    venue: str | None = None,
    zone: str | None = None,
    role: str | None = None,
    lang: str | None = None,
) -> Page:
    """Every check an auditor scores on a visit, zone by zone in journey order, in the venue's
    language (or `lang`)."""
    _check_known(registry, venue, zone, role)
    tps = _select(registry, venue, zone, role)
    if not tps:
        raise UsageError(
            _("no touchpoints match: nothing to print"),
            [_("check --venue, --zone and --role against 'tpkit list'")],
        )
    lang = lang or page_language(registry, venue, [tp.lang for tp in tps])
    with i18n.language(lang):
        zones = []
        for z in registry.config.zones:
            items = [tp for tp in tps if tp.zone == z.id]
            if items:
                zones.append(
                    {
                        "id": z.id,
                        "title": z.title_in(lang),
                        "touchpoints": [_checklist_touchpoint(tp) for tp in items],
                    }
                )
        role_item = next((r for r in registry.config.roles if r.id == role), None)
        return Page(
            "checklist",
            page_name("checklist", venue or "all", zone, role),
            lang,
            {
                **_common(registry, lang, venue, today),
                "zones": zones,
                "zone": next((z["title"] for z in zones if z["id"] == zone), None),
                "role": role_item.title_in(lang) if role_item else None,
                "checks": sum(len(tp.checks) for tp in tps),
            },
            venue or "",
        )


def _checklist_touchpoint(tp: Touchpoint) -> dict[str, Any]:
    checks = [
        {
            "id": tp.full_id(c),
            "text": c.text,
            "type": c.type,
            "target": c.target,
            "target_text": target_text(c),
            "measured": c.type in MEASURED,
            "value_hint": _value_hint(c) if c.type in MEASURED else "",
            "weight": c.weight,
            "critical": c.critical,
        }
        for c in tp.checks
    ]
    return {"id": tp.id, "title": tp.title, "checks": checks, "groups": _groups(checks)}


def _groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a touchpoint in groups a page does not split: the title with the first two
    checks, and the last two checks together (a short touchpoint is one group), so that no
    title and no single row stands alone at the foot or the head of a page."""
    if len(rows) <= 4:
        return [{"keep": True, "checks": rows}]
    groups = [{"keep": True, "checks": rows[:2]}]
    groups.append({"keep": False, "checks": rows[2:-2]})
    groups.append({"keep": True, "checks": rows[-2:]})
    return [g for g in groups if g["checks"]]


def handout_venues(registry: Registry, role: str) -> list[str | None]:
    """The venues with a handout for the role: those where it performs a touchpoint (a registry
    without venues: one handout for all)."""
    if not registry.config.venues:
        return [None]
    tps = [tp for tp in registry.touchpoints if role in tp.roles]
    found: list[str | None] = [
        v.id
        for v in registry.config.venues
        if any(not tp.venues or v.id in tp.venues for tp in tps)
    ]
    return found or [None]  # none: the page itself says the role performs no touchpoint


def handout(
    registry: Registry,
    today: dt.date,
    role: str,
    venue: str | None = None,
    lang: str | None = None,
) -> Page:
    """What one role does at each touchpoint: the standard, the steps, what to say; in the
    venue's language (or `lang`)."""
    _check_known(registry, venue, None, role)
    tps = [tp for tp in _select(registry, venue, None, None) if role in tp.roles]
    if not tps:
        raise UsageError(
            _("the role '{role}' performs no touchpoint", role=role)
            if not venue
            else _("the role '{role}' performs no touchpoint at {venue}", role=role, venue=venue),
            [_("'tpkit list --role ROLE' shows who does what")],
        )
    lang = lang or page_language(registry, venue, [tp.lang for tp in tps])
    lexicon = registry.lexicon(lang)
    channels = {tp.channel for tp in tps}
    phrases = [
        {"instead_of": e.phrase, "say": e.instead}
        for e in lexicon.forbidden_entries
        if e.instead and (not e.channels or channels & set(e.channels))
    ]
    titles = {z.id: z.title_in(lang) for z in registry.config.zones}
    role_item = next(r for r in registry.config.roles if r.id == role)
    with i18n.language(lang):
        return Page(
            "handout",
            page_name("handout", role, venue),
            lang,
            {
                **_common(registry, lang, venue, today),
                "role": role_item.title_in(lang),
                "touchpoints": [
                    {
                        "id": tp.id,
                        "title": tp.title,
                        "zone": titles.get(tp.zone, tp.zone),
                        "version": _("version {version}", version=ack_version(tp)),
                        "standard": " ".join(tp.standard.split()),
                        "steps": tp.steps,
                        "say": tp.say,
                        "avoid": [{"instead_of": a.phrase, "say": a.instead} for a in tp.avoid],
                    }
                    for tp in tps
                ],
                "phrases": phrases,
            },
            venue or "",
        )
