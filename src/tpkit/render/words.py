"""The fixed words of the printouts, as messages of the code: written in English here, translated
in the catalogue (locale/<lang>/render.po), read in the language of the page. A template reads
them as `L.name`; `many(name, n)` gives a word that goes with a number in its right form. A
registry's templates/labels/<lang>.yaml replaces any of them for its pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tpkit.i18n import N_, _, n_

WORDS: dict[str, str] = {
    # what the page is
    "checklist": N_("Auditor checklist"),
    "handout": N_("Staff handout"),
    "report": N_("Audit report"),
    "generated": N_("Generated"),
    "page": N_("Page"),
    # who, where, when
    "venue": N_("Venue"),
    "all_venues": N_("All venues"),
    "zone": N_("Zone"),
    "role": N_("Role"),
    "date": N_("Date"),
    "auditor": N_("Auditor"),
    "kind": N_("Kind of audit"),
    "visit_time": N_("Time of the visit"),
    "visit_from": N_("from"),
    "visit_to": N_("to"),
    "signature": N_("Auditor's signature"),
    # the checklist
    "check": N_("Check"),
    "check_id": N_("Check id"),
    "target": N_("Target"),
    "weight": N_("Weight"),
    "value": N_("Measured"),
    "critical": N_("Critical"),
    "critical_hint": N_("“!” marks a critical check: when it is not done, the whole audit fails"),
    "pass": N_("Pass"),
    "fail": N_("Fail"),
    "wow": N_("Wow"),
    "na": N_("N/A"),
    "note": N_("Note"),
    "legend": N_(
        "Pass — done · Fail — not done · Wow — more than the guest expected · N/A — not applicable"
    ),
    "value_hint": N_(
        "A check with a target: write the measured value in its box, the result follows from it"
    ),
    "yes_no": N_("yes / no"),
    # the handout
    "standard": N_("Standard"),
    "steps": N_("Steps"),
    "say": N_("Say"),
    "instead_of": N_("Instead of"),
    "say_instead": N_("What to say"),
    "touchpoints": N_("Touchpoints"),
    # the report
    "score": N_("Score"),
    "band": N_("Band"),
    "band_green": N_("green"),
    "band_amber": N_("amber"),
    "band_red": N_("red"),
    "band_": N_("not scored"),
    "status": N_("Status"),
    "status_ok": N_("No critical failure"),
    "status_ok_open": N_("No critical failure among the checks answered"),
    "status_critical": N_("Critical failure"),
    "incomplete": N_("Incomplete audit"),
    "no_answers": N_("No answers"),
    "ladder": N_("Expectation ladder"),
    "ladder_hint": N_(
        "Touchpoints by what the guest felt: disappointment — a check was not done; delight — "
        "a wow and nothing failed; satisfaction — the rest"
    ),
    "disappointment": N_("Disappointment"),
    "satisfaction": N_("Satisfaction"),
    "delight": N_("Delight"),
    "delight_rate": N_("Wow rate"),
    "checks_scored": N_("Checks"),
    "count_pass": N_("done"),
    "count_fail": N_("not done"),
    "count_wow": N_("wow"),
    "count_na": N_("not applicable"),
    "zones": N_("Score by zone"),
    "trend": N_("Trend"),
    "bottleneck": N_("Bottleneck"),
    "lost_most": N_("Lost the most"),
    "actions": N_("Corrective actions"),
    "no_actions": N_("Every check was done: no corrective actions."),
    "what_failed": N_("What failed"),
    "measured": N_("Measured value"),
    "photos": N_("Photos"),
    "file_not_found": N_("file not found"),
    "not_shown": N_("not shown: only an image file inside the registry is shown"),
    "owner": N_("Owner"),
    "due": N_("Due"),
    "change": N_("Change"),
    "since_last": N_("Since the last audit"),
    "counts": N_("Totals"),
    "unanswered": N_("Unanswered"),
    "nps": N_("Guest NPS"),
    "nps_hint": N_(
        "NPS — Net Promoter Score: promoters (9–10) less detractors (0–6), in %, for the month "
        "of the audit"
    ),
    "guests_said": N_("What guests say"),
}

KINDS = {
    "mystery": N_("Mystery guest"),
    "internal": N_("Internal check"),
    "pos": N_("Point-of-sale audit"),
}

# A word beside a number, in the form the number takes.
PLURALS: dict[str, Callable[[int], str]] = {
    "checks": lambda n: n_("{n} check", "{n} checks", n),
    "touchpoints": lambda n: n_("{n} touchpoint", "{n} touchpoints", n),
    "open_checks": lambda n: n_("{n} check has no answer yet", "{n} checks have no answer yet", n),
    "no_answers": lambda n: n_(
        "its {n} check was not answered, so the audit was not scored",
        "none of its {n} checks was answered, so the audit was not scored",
        n,
    ),
}


def builtin() -> dict[str, Any]:
    """Every fixed word in the current language."""
    words: dict[str, Any] = {key: _(text) for key, text in WORDS.items()}
    words["kinds"] = {key: _(text) for key, text in KINDS.items()}
    return words


def many(key: str, count: int) -> str:
    """`count` with the word `key` in its form for that number: '5 проверок', '1 check'."""
    form = PLURALS.get(key)
    if form is None:
        raise KeyError(f"there is no word '{key}' for a number; words: {', '.join(PLURALS)}")
    return form(int(count))
