"""The one Jinja2 environment: autoescaped HTML, strict about undefined names, with filters
for dates, numbers, targets and Markdown text in the page's language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup

from tpkit.model import Target, fmt_number
from tpkit.registry import builtin_dir


def environment(root: Path | None) -> Environment:
    folders = [str(builtin_dir("templates"))]
    if root is not None and (root / "templates").is_dir():
        folders.insert(0, str(root / "templates"))  # the registry's own templates win
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(f) for f in folders]),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date=date_filter, num=num_filter, target=target_filter, md=md_filter, pct=pct_filter
    )
    env.globals["svg"] = Markup
    return env


@pass_context
def date_filter(ctx: Context, value: dt.date | str | None) -> str:
    """20 ноября 2026 / 20 November 2026."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    months = ctx["L"].get("months")
    if isinstance(months, list) and len(months) == 12:
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return day.isoformat()


@pass_context
def num_filter(ctx: Context, value: float | None, digits: int = 1) -> str:
    """83,3 in Russian, 83.3 in English."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}" if digits else fmt_number(value)
    return text.replace(".", ",") if ctx["lang"] == "ru" else text


@pass_context
def pct_filter(ctx: Context, value: float | None) -> str:
    if value is None:
        return "—"
    return num_filter(ctx, value * 100, 0) + " %"


@pass_context
def target_filter(ctx: Context, target: Target | dict[str, Any] | None, kind: str = "") -> str:
    """≤ 30 с, ≥ 4 из 5, ≤ 3; 'да / нет' for a yes/no check."""
    labels = ctx["L"]
    if target is None:
        return str(labels["yes_no"])
    t = target if isinstance(target, Target) else Target(**target)
    unit = labels["units"].get(t.unit, t.unit) if t.unit else ""

    def n(value: float) -> str:
        text = fmt_number(value)
        return text.replace(".", ",") if ctx["lang"] == "ru" else text

    parts = []
    if kind == "scale" and t.min is not None and t.of is not None:
        return f"≥ {n(t.min)} {labels['of']} {n(t.of)}"
    if t.min is not None:
        parts.append(f"≥ {n(t.min)}")
    if t.max is not None:
        parts.append(f"≤ {n(t.max)}")
    text = ", ".join(parts)
    return f"{text} {unit}".strip()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_filter(value: Any) -> str:
    """User text made safe for Markdown: one line, markup characters escaped, and no raw
    HTML at all (<, > and & become entities, which every Markdown renders as text)."""
    text = " ".join(str(value).split())
    text = re.sub(r"[&<>]", lambda m: _MD_ENTITIES[m.group()], text)
    return _MD_SPECIAL.sub(r"\\\1", text)
