"""What each printout shows, gathered from the registry and the audits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tpkit.audit.scoring import Score, ScoringRules
from tpkit.errors import UsageError
from tpkit.feedback import Response, nps_for, period_of
from tpkit.model import Touchpoint
from tpkit.registry import Registry
from tpkit.render import Page, labels, page_language
from tpkit.render.charts import bar_chart, line_chart


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


def _name(*parts: str | None) -> str:
    return "-".join(p for p in parts if p)


def _common(registry: Registry, lang: str, venue: str | None, today: dt.date) -> dict[str, Any]:
    item = registry.config.venue(venue) if venue else None
    return {
        "registry": registry.config.name,
        "today": today,
        "venue": item.title if item else None,
        "venue_id": venue,
    }


def checklist(
    registry: Registry,
    today: dt.date,
    venue: str | None = None,
    zone: str | None = None,
    role: str | None = None,
) -> Page:
    """Every check an auditor scores on a visit, zone by zone in journey order."""
    _check_known(registry, venue, zone, role)
    tps = _select(registry, venue, zone, role)
    if not tps:
        raise UsageError(
            "no touchpoints match: nothing to print",
            ["check --venue, --zone and --role against 'tpkit list'"],
        )
    lang = page_language(registry, venue, [tp.lang for tp in tps])
    zones = []
    for z in registry.config.zones:
        items = [tp for tp in tps if tp.zone == z.id]
        if items:
            zones.append(
                {
                    "id": z.id,
                    "title": z.title_in(lang),
                    "touchpoints": [
                        {
                            "id": tp.id,
                            "title": tp.title,
                            "checks": [
                                {
                                    "id": tp.full_id(c),
                                    "text": c.text,
                                    "type": c.type,
                                    "target": c.target,
                                    "weight": c.weight,
                                    "critical": c.critical,
                                }
                                for c in tp.checks
                            ],
                        }
                        for tp in items
                    ],
                }
            )
    role_item = next((r for r in registry.config.roles if r.id == role), None)
    return Page(
        "checklist",
        _name("checklist", venue or "all", zone, role),
        lang,
        {
            **_common(registry, lang, venue, today),
            "zones": zones,
            "zone": next((z["title"] for z in zones if z["id"] == zone), None),
            "role": role_item.title_in(lang) if role_item else None,
            "checks": sum(len(tp.checks) for tp in tps),
        },
    )


def handout(registry: Registry, today: dt.date, role: str, venue: str | None = None) -> Page:
    """What one role does at each touchpoint: the standard, the steps, what to say."""
    _check_known(registry, venue, None, role)
    tps = [tp for tp in _select(registry, venue, None, None) if role in tp.roles]
    if not tps:
        raise UsageError(
            f"the role '{role}' performs no touchpoint" + (f" at {venue}" if venue else ""),
            ["'tpkit list --role ROLE' shows who does what"],
        )
    lang = page_language(registry, venue, [tp.lang for tp in tps])
    lexicon = registry.lexicon(lang)
    channels = {tp.channel for tp in tps}
    phrases = [
        {"instead_of": e.phrase, "say": e.instead}
        for e in lexicon.forbidden_entries
        if e.instead and (not e.channels or channels & set(e.channels))
    ]
    titles = {z.id: z.title_in(lang) for z in registry.config.zones}
    role_item = next(r for r in registry.config.roles if r.id == role)
    return Page(
        "handout",
        _name("handout", role, venue),
        lang,
        {
            **_common(registry, lang, venue, today),
            "role": role_item.title_in(lang),
            "touchpoints": [
                {
                    "id": tp.id,
                    "title": tp.title,
                    "zone": titles.get(tp.zone, tp.zone),
                    "standard": " ".join(tp.standard.split()),
                    "steps": tp.steps,
                    "say": tp.say,
                    "avoid": [{"instead_of": a.phrase, "say": a.instead} for a in tp.avoid],
                }
                for tp in tps
            ],
            "phrases": phrases,
        },
    )


def report(
    registry: Registry | None,
    scores: list[Score],
    today: dt.date,
    rules: ScoringRules | None = None,
    responses: list[Response] | None = None,
) -> Page:
    """Audit scores with charts: zones as bars, the venue's audits over time as a line."""
    if not scores:
        raise UsageError("no audits to report on")
    venues = sorted({s.venue for s in scores}, key=lambda v: [s.venue for s in scores].index(v))
    first = venues[0]
    lang = page_language(registry, first, []) if registry is not None else "en"
    words = labels(lang, registry.root if registry is not None else None)
    zone_titles = (
        {z.id: z.title_in(lang) for z in registry.config.zones} if registry is not None else {}
    )
    order = registry.config.zone_ids() if registry is not None else []
    bands = rules or ScoringRules()
    sections = []
    for venue in venues:
        mine = sorted((s for s in scores if s.venue == venue), key=lambda s: (s.date, s.path))
        item = registry.config.venue(venue) if registry is not None else None
        trend = None
        if len(mine) > 1:
            trend = line_chart(
                [(s.date.strftime("%d.%m.%y"), s.score or 0.0, s.band) for s in mine],
                title=str(words["trend"]),
            )
        audits = []
        for s in reversed(mine):  # the latest first
            zones = sorted(
                s.zones.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
            )
            rows = [(zone_titles.get(z, z), v, bands.band(v)) for z, v in zones]
            audits.append(
                {
                    "score": s,
                    "nps": nps_for(responses or [], venue, period_of(s.date, "month")),
                    "zones": [
                        {
                            "title": zone_titles.get(z, z),
                            "score": v,
                            "change": s.change.get(z),
                            "id": z,
                        }
                        for z, v in zones
                    ],
                    "chart": bar_chart(rows, title=str(words["zones"])) if rows else "",
                    "bottleneck_zone": zone_titles.get(
                        s.bottleneck.get("zone", ""), s.bottleneck.get("zone", "")
                    ),
                }
            )
        sections.append(
            {
                "venue": item.title if item else venue,
                "venue_id": venue,
                "trend": trend,
                "audits": audits,
            }
        )
    name = _name("report", first, max(s.date for s in scores).isoformat())
    return Page(
        "report",
        name,
        lang,
        {
            "registry": registry.config.name if registry is not None else "",
            "today": today,
            "sections": sections,
        },
    )
