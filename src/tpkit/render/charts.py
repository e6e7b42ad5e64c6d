"""Charts as inline SVG, built here: no JavaScript, nothing fetched from the network. Every
number on a chart is written as the page's language writes it (95,5 in Russian)."""

from __future__ import annotations

from html import escape

from tpkit.i18n import number


def _score(value: float) -> str:
    return number(value, 1)


def _mark(value: float) -> str:
    return number(value)


BAND_COLORS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "": "#9e9e9e"}
GRID = "#d0d0d0"
INK = "#222222"


def _text(
    x: float,
    y: float,
    text: str,
    anchor: str = "start",
    size: int = 11,
    weight: str = "normal",
    fill: str = INK,
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def _start(kind: str, width: int, height: int, title: str) -> list[str]:
    """The opening of a chart: the svg element, and the title when there is one."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}">'
    ]
    if title:
        parts.append(_text(0, 16, title, size=13, weight="bold"))
    return parts


def bar_chart(
    rows: list[tuple[str, float, str]],
    *,
    title: str = "",
    width: int = 640,
    marks: tuple[float, ...] = (75, 90),
) -> str:
    """Horizontal bars of scores 0–100: (label, score, band) each, with the band lines."""
    label_w, value_w, bar_h, gap, top = 190, 48, 15, 5, 26 if title else 8
    plot_w = width - label_w - value_w
    height = top + len(rows) * (bar_h + gap) + 18
    parts = _start("bars", width, height, title)
    bottom = top + len(rows) * (bar_h + gap)
    for mark in marks:
        x = label_w + plot_w * mark / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-dasharray="3 3"/>'
        )
        parts.append(_text(x, bottom + 13, _mark(mark), anchor="middle", size=9, fill="#666"))
    for i, (label, score, band) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(0.0, min(100.0, score)) * plot_w / 100
        parts.append(_text(label_w - 8, y + bar_h - 3.5, _clip(label, 30), anchor="end"))
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="#f2f2f2"/>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{BAND_COLORS.get(band, BAND_COLORS[""])}"/>'
        )
        parts.append(_text(label_w + plot_w + 6, y + bar_h - 3.5, _score(score), weight="bold"))
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    points: list[tuple[str, float, str]],
    *,
    title: str = "",
    width: int = 640,
    height: int = 170,
    marks: tuple[float, ...] = (75, 90),
    hollow: set[int] | frozenset[int] = frozenset(),
    apart: set[int] | frozenset[int] = frozenset(),
) -> str:
    """Scores over time: (label, score, band) each, oldest first. The points numbered in
    `hollow` (unfinished audits) are drawn hollow, their score marked *; those in `apart`
    (audits of only some zones) are squares. The line of the trend runs to neither: it joins
    the other points only."""
    left, right, top, bottom = 34, 16, 26 if title else 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _start("line", width, height, title)

    # Scores above 50 get the whole height; the axis starts at 0 only when one is below.
    low = 0.0 if any(score < 50 for _, score, _ in points) else 50.0

    def y_of(score: float) -> float:
        return top + plot_h * (1 - (max(low, min(100.0, score)) - low) / (100 - low))

    for mark in sorted({low, 50, *marks, 100}):
        if mark < low:
            continue
        y = y_of(mark)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID}"' + (' stroke-dasharray="3 3"' if mark in marks else "") + "/>"
        )
        parts.append(_text(left - 4, y + 4, _mark(mark), anchor="end", size=9, fill="#666"))
    n = len(points)
    xs = [left + (plot_w * (i + 0.5) / n) for i in range(n)]
    joined = [
        (x, s)
        for i, (x, (_, s, _)) in enumerate(zip(xs, points, strict=True))
        if i not in hollow and i not in apart
    ]
    if len(joined) > 1:
        path = " ".join(f"{x:.1f},{y_of(s):.1f}" for x, s in joined)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2"/>')
    for i, (x, (label, score, band)) in enumerate(zip(xs, points, strict=True)):
        y = y_of(score)
        color = BAND_COLORS.get(band, BAND_COLORS[""])
        if i in apart:
            fill = "#ffffff" if i in hollow else color
            parts.append(
                f'<rect class="apart" x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" '
                f'fill="{fill}" stroke="{color if i in hollow else INK}"'
                + (' stroke-width="2.5"' if i in hollow else "")
                + "/>"
            )
        elif i in hollow:
            parts.append(
                f'<circle class="unfinished" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#ffffff" '
                f'stroke="{color}" stroke-width="2.5"/>'
            )
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}" stroke="{INK}"/>')
        shown = _score(score) + ("*" if i in hollow else "")
        parts.append(_text(x, y - 9, shown, anchor="middle", size=10, weight="bold"))
        parts.append(_text(x, top + plot_h + 16, label, anchor="middle", size=10))
    parts.append("</svg>")
    return "".join(parts)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
