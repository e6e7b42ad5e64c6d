"""Audit scores and trends for the terminal (rich), Markdown and JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tpkit.audit.scoring import Score

BAND_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
LADDER = (
    ("disappointment", "Disappointment", "red"),
    ("satisfaction", "Satisfaction", ""),
    ("delight", "Delight", "green"),
)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _change(value: float | None) -> Text:
    if value is None:
        return Text("")
    if value > 0:
        return Text(f"▲ +{value:.1f}", style="green")
    if value < 0:
        return Text(f"▼ {value:.1f}", style="red")
    return Text("= 0.0", style="dim")


def score_panel(s: Score, zone_titles: dict[str, str]) -> RenderableType:
    """One audit at a glance: score and band, ladder, zones, bottleneck, actions."""
    head = Text()
    head.append(f"{_num(s.score)}", style=BAND_STYLE.get(s.band, "bold"))
    head.append(f" / 100  {s.band.upper() or 'NOT SCORED'}", style=BAND_STYLE.get(s.band, ""))
    if s.status == "critical-fail":
        head.append("   CRITICAL FAIL", style="bold white on red")
    if not s.complete:
        head.append(f"   incomplete: {s.counts['unanswered']} unanswered", style="yellow")
    counts = s.counts
    summary = Text(
        f"pass {counts['pass']} · wow {counts['wow']} · fail {counts['fail']} · "
        f"n/a {counts['na']}   delight rate {s.delight_rate:.0%}",
        style="dim",
    )
    ladder = Text("Ladder: ")
    for key, label, style in LADDER:
        ladder.append(f"{label} {s.ladder[key]}", style=style)
        ladder.append("   ")
    zones = Table(box=None, header_style="bold", pad_edge=False)
    zones.add_column("Zone")
    zones.add_column("Score", justify="right")
    zones.add_column("Since last", justify="right")
    zones.add_column("")
    for zone, value in s.zones.items():
        mark = (
            Text("◀ bottleneck", style="bold red") if zone == s.bottleneck.get("zone") else Text("")
        )
        zones.add_row(
            Text(zone_titles.get(zone, zone)), _num(value), _change(s.change.get(zone)), mark
        )
    parts: list[RenderableType] = [head, summary, ladder, Text(""), zones]
    worst = s.bottleneck.get("touchpoints") or []
    if worst:
        parts += [Text(""), Text("Lost most weight: " + ", ".join(worst), style="bold")]
    if s.actions:
        actions = Table(
            header_style="bold", title="Corrective actions", title_justify="left", expand=True
        )
        for name in ("Check", "What failed", "Owner", "Due"):
            actions.add_column(
                name,
                overflow="fold",
                no_wrap=name != "What failed",
                ratio=1 if name == "What failed" else None,
            )
        for a in s.actions:
            what = Text(a.text)
            if a.note:
                what.append(f"\n{a.note}", style="italic")
            check = Text(a.check, style="bold red" if a.critical else "")
            actions.add_row(check, what, Text(a.owner), a.due.isoformat())
        parts += [Text(""), actions]
    title = Text(f"{s.venue} · {s.date} · {s.kind}" + (f" · {s.auditor}" if s.auditor else ""))
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=Text(s.path, style="dim"),
        subtitle_align="right",
    )


def scores_markdown(scores: list[Score], zone_titles: dict[str, str]) -> str:
    out: list[str] = []
    for s in scores:
        out.append(
            f"## {s.venue} · {s.date} · {s.kind}" + (f" · {_md(s.auditor)}" if s.auditor else "")
        )
        out.append("")
        status = " · **critical fail**" if s.status == "critical-fail" else ""
        out.append(f"**Score {_num(s.score)}** ({s.band or 'not scored'}){status}  ")
        out.append(
            f"Ladder: disappointment {s.ladder['disappointment']}, satisfaction "
            f"{s.ladder['satisfaction']}, delight {s.ladder['delight']}; delight rate "
            f"{s.delight_rate:.0%}"
        )
        out.append("")
        out.append("| Zone | Score | Since last |")
        out.append("|---|---:|---:|")
        for zone, value in s.zones.items():
            change = s.change.get(zone)
            mark = " (bottleneck)" if zone == s.bottleneck.get("zone") else ""
            out.append(
                f"| {_md(zone_titles.get(zone, zone))}{mark} | {_num(value)} | "
                f"{'' if change is None else f'{change:+.1f}'} |"
            )
        if s.actions:
            out += ["", "| Check | What failed | Owner | Due |", "|---|---|---|---|"]
            for a in s.actions:
                note = f" — {_md(a.note)}" if a.note else ""
                out.append(f"| `{a.check}` | {_md(a.text)}{note} | {a.owner} | {a.due} |")
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no line breaks, no pipes."""
    from tpkit.render.env import md_filter

    return md_filter(text)


def scores_json(scores: list[Score]) -> str:
    return json.dumps({"audits": [s.to_dict() for s in scores]}, ensure_ascii=False, indent=2)


def trend_rows(
    scores: list[Score], nps: Callable[[str, dt.date], float | None] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Per venue, audits by date with score, band, zones, the change since the last audit of
    the same zones, and the guests' NPS of the same venue and month beside it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for s in sorted(scores, key=lambda x: (x.venue, x.date, x.path)):
        out.setdefault(s.venue, []).append(
            {
                "date": s.date.isoformat(),
                "kind": s.kind,
                "path": s.path,
                "score": s.score,
                "band": s.band,
                "status": s.status,
                "zones": s.zones,
                "change": s.score_change,
                "zone_change": s.change,
                "nps": nps(s.venue, s.date) if nps else None,
            }
        )
    return out


def trend_table(
    venue: str, rows: list[dict[str, Any]], zones: list[str], zone_titles: dict[str, str]
) -> Table:
    used = [z for z in zones if any(z in r["zones"] for r in rows)]
    table = Table(title=Text(venue, style="bold"), title_justify="left", header_style="bold")
    with_nps = any(r["nps"] is not None for r in rows)
    for name in ("Date", "Kind", "Score", "Band", "Change", *(("NPS",) if with_nps else ())):
        right = name in ("Score", "Change", "NPS")
        table.add_column(name, justify="right" if right else "left", no_wrap=True)
    for z in used:
        table.add_column(zone_titles.get(z, z), justify="right")
    for r in rows:
        band = Text(
            r["band"] + (" !" if r["status"] == "critical-fail" else ""),
            style=BAND_STYLE.get(r["band"], ""),
        )
        cells: list[Any] = [r["date"], r["kind"], _num(r["score"]), band, _change(r["change"])]
        if with_nps:
            cells.append("—" if r["nps"] is None else f"{r['nps']:+.1f}")
        cells += [_num(r["zones"].get(z)) for z in used]
        table.add_row(*cells)
    return table
