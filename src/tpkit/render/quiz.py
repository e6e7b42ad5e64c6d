"""What the staff quiz shows: questions from a role's touchpoints (what to say instead of a
phrase to avoid, how soon or how much a target is) and the answer key for its last page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tpkit import i18n
from tpkit.ack import version
from tpkit.browse import select
from tpkit.config import Registry
from tpkit.errors import UsageError
from tpkit.i18n import _
from tpkit.render import Page, page_language
from tpkit.targets import target_text


def questions(registry: Registry, role: str, venue: str | None) -> list[dict[str, str]]:
    """The quiz's questions in order of the touchpoints, each with its answer and the touchpoint
    it comes from (id, title, version); the text is in the language now spoken."""
    found: list[dict[str, str]] = []
    for tp in select(registry, venue=venue):
        if role not in tp.roles:
            continue
        where = {"touchpoint": tp.id, "title": tp.title, "version": version(tp)}
        for pair in tp.avoid:
            if pair.instead.strip():
                found.append(
                    {
                        "question": _(
                            "What do you say instead of “{phrase}”?", phrase=pair.phrase.strip()
                        ),
                        "answer": pair.instead.strip(),
                        **where,
                    }
                )
        for check in tp.checks:
            target = target_text(check)
            if not target:
                continue
            text = check.text.strip().rstrip(".?")
            asked = (
                _("How soon: {check}?", check=text)
                if check.type == "time"
                else _("What is the target: {check}?", check=text)
            )
            found.append({"question": asked, "answer": target, **where})
    return found


def quiz(
    registry: Registry,
    today: dt.date,
    role: str,
    venue: str | None = None,
    lang: str | None = None,
) -> Page:
    """A printable quiz for one role at one venue, in the venue's language (or `lang`), with
    the answer key on its last page."""
    known = [r.id for r in registry.config.roles]
    if role not in known:
        raise UsageError(
            _("'{role}' is not a role of this registry", role=role),
            [_("roles: {ids}", ids=", ".join(sorted(known)))],
        )
    tps = [tp for tp in select(registry, venue=venue) if role in tp.roles]
    lang = lang or page_language(registry, venue, [tp.lang for tp in tps])
    item = registry.config.venue(venue) if venue else None
    role_item = next(r for r in registry.config.roles if r.id == role)
    with i18n.language(lang):
        asked = questions(registry, role, venue)
        if not asked:
            raise UsageError(
                _("the role '{role}' has no phrase to avoid and no target to ask about", role=role),
                [_("add avoid: pairs or checks with a target to its touchpoints")],
            )
        context: dict[str, Any] = {
            "registry": registry.config.name,
            "today": today,
            "venue": item.title_in(lang) if item else None,
            "role": role_item.title_in(lang),
            "questions": asked,
            "words": {
                "quiz": _("Staff quiz"),
                "name": _("Name"),
                "date": _("Date"),
                "answers": _("Answer key"),
            },
        }
    return Page("quiz", "-".join(p for p in ("quiz", role, venue) if p), lang, context, venue or "")
