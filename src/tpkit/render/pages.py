"""What each printout shows, gathered from the registry and the audits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tpkit import i18n
from tpkit.audit.scoring import Score, ScoringRules
from tpkit.errors import UsageError
from tpkit.feedback import Response, nps_for, period_of
from tpkit.i18n import _, n_
from tpkit.model import Check, Touchpoint
from tpkit.registry import Registry
from tpkit.render import Page, labels, page_language
from tpkit.render.charts import bar_chart, line_chart
from tpkit.render.files import photo
from tpkit.targets import measured, target_text, with_unit


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
            _name("checklist", venue or "all", zone, role),
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
            venue or "",
        )


def report(
    registry: Registry | None,
    scores: list[Score],
    today: dt.date,
    rules: ScoringRules | None = None,
    responses: list[Response] | None = None,
    lang: str | None = None,
    touchpoint_zones: dict[str, str] | None = None,
) -> Page:
    """Audit scores with charts: zones as bars, the venue's audits over time as a line; in the
    language of the (first) audit's venue, or `lang`. `touchpoint_zones` tells the zone of a
    touchpoint the registry does not (as the audit files write it)."""
    if not scores:
        raise UsageError(_("no audits to report on"))
    venues = list(dict.fromkeys(s.venue for s in scores))
    first = venues[0]
    if lang is None:
        lang = page_language(registry, first, []) if registry is not None else i18n.current()
    with i18n.language(lang):
        words = labels(lang, registry.root if registry is not None else None)
        sections = [
            _report_section(
                registry,
                venue,
                scores,
                words,
                lang,
                rules or ScoringRules(),
                responses,
                touchpoint_zones or {},
            )
            for venue in venues
        ]
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
            first,
        )


def _report_section(
    registry: Registry | None,
    venue: str,
    scores: list[Score],
    words: dict[str, Any],
    lang: str,
    rules: ScoringRules,
    responses: list[Response] | None,
    touchpoint_zones: dict[str, str],
) -> dict[str, Any]:
    config = registry.config if registry is not None else None
    mine = sorted((s for s in scores if s.venue == venue), key=lambda s: (s.date, s.path))
    item = config.venue(venue) if config is not None else None
    marks = tuple(sorted(b.min for b in rules.bands if b.min > 0))
    # an audit with no answer was not scored: it is no point of the trend
    plotted = [s for s in mine if not s.empty and s.score is not None]
    # an audit of only some zones (a point-of-sale audit of the payment) is not joined to the
    # visits of the whole journey: its score is not theirs to compare with
    widest = max((len(s.zones) for s in plotted), default=0)
    apart = [s for s in plotted if len(s.zones) < widest]
    trend = None
    if len(plotted) > 1:
        trend = line_chart(
            [(i18n.date(s.date, "short"), s.score or 0.0, s.band) for s in plotted],
            title=str(words["trend"]),
            marks=marks,
            hollow={i for i, s in enumerate(plotted) if not s.complete},
            apart={i for i, s in enumerate(plotted) if s in apart},
        )
    zone_titles = {z.id: z.title_in(lang) for z in config.zones} if config is not None else {}
    order = config.zone_ids() if config is not None else []
    some_zones = [
        (i18n.date(s.date, "short") + " — " if len(apart) > 1 else "")
        + ", ".join(
            zone_titles.get(z, z)
            for z in sorted(s.zones, key=lambda z: order.index(z) if z in order else len(order))
        )
        for s in apart
    ]
    audits = [
        _report_audit(registry, s, words, lang, rules, responses or [], marks, touchpoint_zones)
        for s in reversed(mine)  # the latest first
    ]
    unfinished = [s for s in mine if not s.empty and not s.complete]
    return {
        "venue": item.title_in(lang) if item else venue,
        "venue_id": venue,
        "trend": trend,
        "audits": audits,
        "rows": [_trend_row(a) for a in reversed(audits)],  # the oldest first
        "unfinished": _unfinished_legend(unfinished),
        "apart": _(
            "■ only some zones were scored ({zones}): not joined to the other audits",
            zones="; ".join(some_zones),
        )
        if trend and some_zones
        else "",
        "with_nps": any(a["nps"] is not None for a in audits),
    }


def _trend_row(audit: dict[str, Any]) -> dict[str, Any]:
    """A line of the trend table: the date, the kind, the score (marked * when the audit is
    not finished; 'no answers' when nothing was answered), the band and the guests' NPS."""
    s: Score = audit["score"]
    if audit["empty"]:
        shown = _("no answers")
    else:
        shown = i18n.number(s.score, 1) if s.score is not None else "—"
        shown += "" if audit["complete"] else "*"
    return {
        "date": s.date,
        "kind": audit["kind"],
        "score": shown,
        "band": "" if audit["empty"] else audit["band"],
        "nps": audit["nps"],
    }


def _unfinished_legend(unfinished: list[Score]) -> str:
    """'* incomplete: 3 checks without an answer', for the audits marked * (with their dates
    when there are several)."""
    if not unfinished:
        return ""
    parts = [
        n_("{n} check without an answer", "{n} checks without an answer", s.open_checks)
        + (f" ({i18n.date(s.date, 'short')})" if len(unfinished) > 1 else "")
        for s in unfinished
    ]
    return _("* incomplete: {open}", open="; ".join(parts))


def _band_title(rules: ScoringRules, band: str, words: dict[str, Any], lang: str) -> str:
    word = words.get(f"band_{band}")
    if isinstance(word, str):
        return word
    found = next((b for b in rules.bands if b.id == band), None)
    return (found.titles.get(lang) if found else None) or band


def _report_audit(
    registry: Registry | None,
    s: Score,
    words: dict[str, Any],
    lang: str,
    rules: ScoringRules,
    responses: list[Response],
    marks: tuple[float, ...],
    touchpoint_zones: dict[str, str],
) -> dict[str, Any]:
    config = registry.config if registry is not None else None
    order = config.zone_ids() if config is not None else []
    zone_titles = {z.id: z.title_in(lang) for z in config.zones} if config is not None else {}
    role_titles = {r.id: r.title_in(lang) for r in config.roles} if config is not None else {}
    tp_titles = {tp.id: tp.title for tp in registry.touchpoints} if registry is not None else {}
    tp_titles.update({a.touchpoint: a.touchpoint_title for a in s.actions if a.touchpoint_title})
    zones = sorted(
        s.zones.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
    )
    rows = [(zone_titles.get(z, z), v, rules.band(v)) for z, v in zones]
    # The bottleneck is where points were lost: a zone with every point is never one.
    worst = s.bottleneck.get("zone", "")
    bottleneck = worst if worst and s.zones.get(worst, 100.0) < 100.0 else ""
    # the touchpoints that lost the most, of the bottleneck zone (where the zone is known)
    tp_zones = {tp.id: tp.zone for tp in registry.touchpoints} if registry is not None else {}
    tp_zones.update(touchpoint_zones)
    lost_most = [
        tp
        for tp in s.bottleneck.get("touchpoints", [])
        if tp_zones.get(tp, bottleneck) == bottleneck
    ]
    # when those that lost the most of the whole audit are in other zones, the zone's own
    # touchpoints that lost points, the lowest first
    lost_most += sorted(
        (
            tp
            for tp, v in s.touchpoints.items()
            if v < 100.0 and tp_zones.get(tp) == bottleneck and tp not in lost_most
        ),
        key=lambda tp: s.touchpoints[tp],
    )
    lost_most = lost_most[: rules.bottleneck_touchpoints]
    ladder = {k: int(s.ladder.get(k, 0)) for k in ("disappointment", "satisfaction", "delight")}
    steps = sum(ladder.values())
    counts = {k: int(s.counts.get(k, 0)) for k in ("pass", "fail", "wow", "na", "unanswered")}
    scored = counts["pass"] + counts["fail"] + counts["wow"]
    root = registry.root if registry is not None else None
    return {
        "score": s,
        "band": _band_title(rules, s.band, words, lang),
        "kind": words["kinds"].get(s.kind, s.kind),
        "nps": nps_for(responses, s.venue, period_of(s.date, "month")),
        "complete": s.complete,
        "open_checks": s.open_checks,
        # no check answered: nothing was scored, and the page says only that
        "empty": s.empty,
        "checks": s.answered + s.open_checks,
        # the change since the last audit, where one is measured (not for an unfinished one)
        "with_change": any(z in s.change for z in s.zones),
        "ladder": ladder,
        "touchpoints_scored": steps,
        "counts": counts,
        # the share of wow beside the counts it comes from: wow of the checks that were scored
        "scored": scored,
        "wow_share": counts["wow"] / scored if scored else None,
        "wow_of": n_(
            "{wow} of {n} scored check",
            "{wow} of {n} scored checks",
            scored,
            wow=i18n.number(counts["wow"]),
        ),
        "zones": [
            {
                "title": zone_titles.get(z, z),
                "score": v,
                "change": s.change.get(z),
                "id": z,
                "bottleneck": z == bottleneck,
            }
            for z, v in zones
        ],
        "chart": bar_chart(rows, title=str(words["zones"]), marks=marks) if rows else "",
        "bottleneck": bottleneck,
        "bottleneck_zone": zone_titles.get(bottleneck, bottleneck),
        "bottleneck_touchpoints": [tp_titles.get(tp, tp) for tp in lost_most] if bottleneck else [],
        "actions": [
            {
                "check": a.check,
                "touchpoint": a.touchpoint_title or tp_titles.get(a.touchpoint, a.touchpoint),
                "text": a.text,
                "owner": role_titles.get(a.owner, a.owner),
                "due": a.due,
                "note": a.note,
                "critical": a.critical,
                "measured": measured(a.value, a),
                "photos": [photo(p, root) for p in a.photos],
            }
            for a in s.actions
        ],
    }
