"""Schema and structure (TP): always errors. TP001, TP002, TP004 and TP006 are found by the loader
while it reads a file; TP003 and TP005 compare a touchpoint with the rest of the registry."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tpkit.model import Touchpoint
from tpkit.rules import Context, Finding, rule


def _documented(code: str, doc: str, scope: str = "loader", level: str = "error") -> None:
    """A rule whose findings the loader or the engine make: registered for its documentation
    and its level only."""

    def func(*_: object) -> Iterator[Finding]:
        return iter(())

    func.__doc__ = doc
    rule(code, "schema", level, scope=scope, configurable=scope == "engine")(func)


_documented(
    "TP001",
    """The file is not valid YAML.

    The file could not be read as YAML: a tab used for indentation, a quote that is never
    closed, a colon inside a value, lines indented unevenly. Nothing else in the file is
    checked until it reads.

    Bad:
      title: Встреча гостя: у входа
      standard: "Гостя встречают у входа
    Good:
      title: "Встреча гостя: у входа"
      standard: "Гостя встречают у входа."
    """,
)
_documented(
    "TP002",
    """A key is missing, unknown, or has the wrong type or value.

    A touchpoint needs id, title, zone, owner, reviewed, standard and checks. Any other key
    than those in the format is an error (tpkit suggests the nearest valid one), and every
    value must have its type: dates as YYYY-MM-DD, weights as numbers, lists as lists.

    Bad:
      id: restaurant.greeting
      titel: Встреча гостя
      reviewed: 01.09.2026
    Good:
      id: restaurant.greeting
      title: Встреча гостя
      reviewed: 2026-09-01
    """,
)
_documented(
    "TP004",
    """The same key appears twice in one block.

    YAML keeps only the last of two equal keys without a word, so half of what was written is
    silently lost. tpkit reports the second one.

    Bad:
      standard: Гостя встречают у входа.
      standard: Гостя встречают у двери.
    Good:
      standard: Гостя встречают у входа.
    """,
)
_documented(
    "TP006",
    """The file cannot be read safely.

    The file is not UTF-8 text, is larger than 1 MiB, nests values deeper than 100 levels,
    uses more than 100 aliases, carries a tag such as !!python/object that would build
    objects, or holds a control character (also written as an escape such as "\\e" or
    "\\x1b") that would reach a terminal or a printout. The limits are set in tpkit.yaml
    under limits.

    Bad:
      standard: !!python/object/apply:os.system ["echo hi"]
    Good:
      standard: Гостя встречают у входа.
    """,
)


@rule("TP003", "schema", "error", scope="registry", configurable=False)
def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    """The same touchpoint id is used in two files.

    Every touchpoint id is unique in the registry: audits and waivers name touchpoints by id.
    Both files are named.

    Bad (two files):
      id: restaurant.greeting      # touchpoints/arrival/greeting.yaml
      id: restaurant.greeting      # touchpoints/arrival/greeting-vip.yaml
    Good:
      id: restaurant.greeting
      id: restaurant.greeting-vip
    """
    by_id: dict[str, list[Touchpoint]] = {}
    for tp in ctx.registry.touchpoints:
        by_id.setdefault(tp.id, []).append(tp)
    for tp_id, tps in by_id.items():
        if len(tps) < 2:
            continue
        for tp in tps:
            others = ", ".join(o.path for o in tps if o is not tp)
            yield Finding(
                *tp.pos("id"),
                f"the id '{tp_id}' is also used in {others}",
                f"give one of them another id, such as '{tp_id}-2'",
                touchpoint=tp,
            )


@rule("TP005", "schema", "error", configurable=False)
def unknown_references(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    """A zone, role, venue or check id the registry does not define, or a duplicate check id.

    Zones, roles and venues are listed in tpkit.yaml; a touchpoint may use only those ids.
    Check ids are unique within their touchpoint, since an audit names a check by
    touchpoint/check.

    Bad:
      zone: entrance           # tpkit.yaml has no zone 'entrance'
      checks:
        - {id: greet, text: Поздоровались}
        - {id: greet, text: Улыбнулись}
    Good:
      zone: arrival
      checks:
        - {id: greet, text: Поздоровались}
        - {id: smile, text: Улыбнулись}
    """
    config = ctx.registry.config
    kinds = {
        "zone": [z.id for z in config.zones],
        "role": [r.id for r in config.roles],
        "venue": [v.id for v in config.venues],
    }
    refs: list[tuple[str, tuple[str | int, ...], str]] = [
        ("zone", ("zone",), tp.zone),
        ("role", ("owner",), tp.owner),
    ]
    refs += [("role", ("roles", i), r) for i, r in enumerate(tp.roles)]
    refs += [("venue", ("venues", i), v) for i, v in enumerate(tp.venues)]
    for kind, key, value in refs:
        known = kinds[kind]
        if value not in known:
            yield Finding(
                *tp.pos(*key),
                f"the {kind} '{value}' is not defined in tpkit.yaml",
                _suggest(value, known, kind),
            )
    seen: set[str] = set()
    for check in tp.checks:
        if check.id in seen:
            yield Finding(
                *tp.pos("checks", check.index, "id"),
                f"the check id '{check.id}' is used twice in this touchpoint",
                "give each check its own id: audits name checks by id",
            )
        seen.add(check.id)


def _suggest(value: str, known: list[str], kind: str) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}known {kind}s: {', '.join(known)} (or add it to tpkit.yaml)"


_documented(
    "WVR001",
    scope="engine",
    level="warning",
    doc="""A waiver in tpkit.yaml has expired.

    A waiver turns one rule off for one touchpoint until its expiry date. After that date it
    no longer applies: the rule reports again, and the stale waiver is reported too, so that
    it is renewed with a new reason or removed.

    Bad:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2025-01-01}
    Good:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2027-03-01}
    """,
)
_documented(
    "WVR002",
    scope="engine",
    level="info",
    doc="""A waiver in tpkit.yaml matched nothing.

    The rule it turns off found nothing in that touchpoint (or the touchpoint does not
    exist), so the waiver can go: dead waivers should not pile up.

    Bad:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2027-03-01}
        # hotel.checkin has 5 steps: BRF002 does not fire
    Good:
      waivers: []
    """,
)
