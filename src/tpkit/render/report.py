"""What an audit report shows: the score, band, ladder, zones and roles, bottleneck, corrective
actions with their measured values and photos, the trend with guest NPS beside it, a
competitor's latest visit beside the venue's, zone by zone, and where the venue's corrective
action files stand (overdue, open, done, verified)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tpkit import i18n
from tpkit.actions_files import load_actions
from tpkit.audit.competitors import compare, pairs, rivals_of
from tpkit.audit.scoring import Score, ScoringRules
from tpkit.audit.trend_views import trend_rows
from tpkit.audit.view_base import Names
from tpkit.config import Registry
from tpkit.errors import UsageError
from tpkit.feedback import Response, nps_for, period_of
from tpkit.i18n import _, n_
from tpkit.render import Page, labels, page_language
from tpkit.render.charts import bar_chart, line_chart
from tpkit.render.files import photo
from tpkit.render.pages import page_name
from tpkit.render.report_actions import Audits, tracker
from tpkit.targets import measured

if TYPE_CHECKING:
    pass


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
        rivals = rivals_of(registry.config) if registry is not None else {}
        actions, unread = load_actions(registry.root) if registry is not None else ([], [])
        found = Audits(registry, scores)
        for section in sections:
            section["compared"] = _compared(
                registry, section["venue_id"], scores, rivals, rules or ScoringRules(), lang
            )
            # a competitor's failed checks are no one's to fix: it has no actions to show
            section["tracker"] = (
                None
                if section["competitor"] or registry is None
                else tracker(
                    registry, section["venue_id"], scores, actions, unread, today, found, lang
                )
            )
        name = page_name("report", first, max(s.date for s in scores).isoformat())
        return Page(
            "report",
            name,
            lang,
            {
                "registry": registry.config.name if registry is not None else "",
                "today": today,
                "sections": sections,
                "words": _words(),
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
    competitor = item is not None and item.competitor
    if competitor:  # a competitor's failed checks are no one's to fix
        for a in audits:
            a["actions"] = []
    return {
        "venue": item.title_in(lang) if item else venue,
        "venue_id": venue,
        "competitor": competitor,
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


def _words() -> dict[str, str]:
    """The report's words for roles and a competitor, in the page's language."""
    return {
        "role": _("Role"),
        "tracker": _("Corrective actions: where they stand"),
        "difference": _("Difference"),
        "competitor": _("A competitor's venue: its failed checks give no corrective actions."),
        "compared_hint": _(
            "The latest complete visit of the whole journey of each venue; the difference is "
            "this venue's score minus the competitor's."
        ),
    }


def _compared(
    registry: Registry | None,
    venue: str,
    scores: list[Score],
    rivals: dict[str, str],
    rules: ScoringRules,
    lang: str,
) -> list[dict[str, Any]]:
    """The venue's latest whole visit (of the audits reported on) beside that of each
    competitor compared with it (of every audit of the competitor in the registry)."""
    if registry is None or not (found := pairs(rivals, [venue])):
        return []
    from tpkit.audit import load_audits

    config = registry.config
    order = config.zone_ids()
    zone_titles = {z.id: z.title_in(lang) for z in config.zones}
    own_rows = trend_rows([s for s in scores if s.venue == venue]).get(venue, [])
    audits = load_audits(registry)
    out = []
    for _own, rival in found:
        theirs = trend_rows(audits.scored(rules, audits.of_venue(rival))).get(rival, [])
        got = compare(own_rows, theirs, order)
        if got is None:
            continue
        item = config.venue(rival)
        mine = config.venue(venue)
        out.append(
            {
                "title": _(
                    "{venue} beside {competitor}",
                    venue=mine.title_in(lang) if mine else venue,
                    competitor=item.title_in(lang) if item else rival,
                ),
                "own": mine.title_in(lang) if mine else venue,
                "competitor": item.title_in(lang) if item else rival,
                "own_date": dt.date.fromisoformat(got["own"]["date"]),
                "competitor_date": dt.date.fromisoformat(got["competitor"]["date"]),
                "score": got["own"]["score"],
                "competitor_score": got["competitor"]["score"],
                "difference": got["difference"],
                "zones": [
                    {**z, "title": zone_titles.get(z["zone"], z["zone"])} for z in got["zones"]
                ],
            }
        )
    return out


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
    roles = Names(roles=role_titles)  # in tpkit.yaml's order, titles in the page's language
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
        "roles": [{"title": roles.role(r), "score": s.roles[r]} for r in roles.role_order(s.roles)],
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
