"""Schema and structure (TP): errors, but for a touchpoint in another language than its venue
(TP007, a warning). TP001, TP002, TP004 and TP006 are found by the loader while it reads a file;
TP003, TP005 and TP007 compare a touchpoint with the rest of the registry. The findings made
while reading come out of tpkit.findings.finding(), with the standard and level written here."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tpkit.i18n import N_, _
from tpkit.model import Touchpoint
from tpkit.rules.base import Context, Finding, Rule, rule

# The rules whose findings the loader or the engine make: in the catalogue for their
# documentation and their level only.
DOCUMENTED: list[Rule] = []


def _documented(code: str, doc: str, scope: str = "loader", level: str = "error") -> None:
    def func(*_: object) -> Iterator[Finding]:
        return iter(())

    func.__doc__ = doc
    DOCUMENTED.append(rule(code, "schema", level, scope=scope)(func).rule)


_documented(
    "TP001",
    N_("""The file is not valid YAML.

    The file could not be read as YAML: a tab used for indentation, a quote that is never
    closed, a colon inside a value, lines indented unevenly. Nothing else in the file is
    checked until it reads.

    Bad:
      title: Встреча гостя: у входа
      standard: "Гостя встречают у входа
    Good:
      title: "Встреча гостя: у входа"
      standard: "Гостя встречают у входа."
    """),
)
_documented(
    "TP002",
    N_("""A key is missing, unknown, or has the wrong type or value.

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
    """),
)
_documented(
    "TP004",
    N_("""The same key appears twice in one block.

    YAML keeps only the last of two equal keys without a word, so half of what was written is
    silently lost. tpkit reports the second one.

    Bad:
      standard: Гостя встречают у входа.
      standard: Гостя встречают у двери.
    Good:
      standard: Гостя встречают у входа.
    """),
)
_documented(
    "TP006",
    N_("""The file cannot be read safely.

    The file is not UTF-8 text, is larger than 1 MiB, nests values deeper than 100 levels,
    uses more than 100 aliases, carries a tag such as !!python/object that would build
    objects, or holds a control character (also written as an escape such as "\\e" or
    "\\x1b") that would reach a terminal or a printout. The limits are set in tpkit.yaml
    under limits.

    Bad:
      standard: !!python/object/apply:os.system ["echo hi"]
    Good:
      standard: Гостя встречают у входа.
    """),
)


@rule(
    "TP003",
    "schema",
    "error",
    scope="registry",
    doc=N_("""The same touchpoint id is used in two files.

    Every touchpoint id is unique in the registry: audits and waivers name touchpoints by id.
    Both files are named.

    Bad (two files):
      id: restaurant.greeting      # touchpoints/arrival/greeting.yaml
      id: restaurant.greeting      # touchpoints/arrival/greeting-vip.yaml
    Good:
      id: restaurant.greeting
      id: restaurant.greeting-vip
    """),
)
def duplicate_ids(ctx: Context) -> Iterator[Finding]:
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
                _("the id '{id}' is also used in {others}", id=tp_id, others=others),
                _("give one of them another id, such as '{id}'", id=tp_id + "-2"),
                touchpoint=tp,
            )


@rule(
    "TP005",
    "schema",
    "error",
    doc=N_("""A zone, role, venue or check id the registry does not define, or a duplicate check id.

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
    """),
)
def unknown_references(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
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
                _(UNDEFINED[kind], value=value),
                _suggest(value, known, kind),
            )
    seen: set[str] = set()
    for check in tp.checks:
        if check.id in seen:
            yield Finding(
                *tp.pos("checks", check.index, "id"),
                _("the check id '{id}' is used twice in this touchpoint", id=check.id),
                _("give each check its own id: audits name checks by id"),
            )
        seen.add(check.id)


UNDEFINED = {
    "zone": N_("the zone '{value}' is not defined in tpkit.yaml"),
    "role": N_("the role '{value}' is not defined in tpkit.yaml"),
    "venue": N_("the venue '{value}' is not defined in tpkit.yaml"),
}
KNOWN = {
    "zone": N_("known zones: {known} (or add it to tpkit.yaml)"),
    "role": N_("known roles: {known} (or add it to tpkit.yaml)"),
    "venue": N_("known venues: {known} (or add it to tpkit.yaml)"),
}


def _suggest(value: str, known: list[str], kind: str) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    listed = _(KNOWN[kind], known=", ".join(known))
    return _("did you mean '{id}'? {known}", id=close[0], known=listed) if close else listed


LANGUAGE_NAMES = {"ru": N_("in Russian"), "en": N_("in English")}


def in_language(lang: str) -> str:
    """'in Russian', in the output's language; an unknown code as it is written."""
    return _(LANGUAGE_NAMES[lang]) if lang in LANGUAGE_NAMES else lang


@rule(
    "TP007",
    "schema",
    "warning",
    doc=N_("""A touchpoint is in another language than a venue it applies to.

    Staff read a standard in the venue's language, and its checklists and handouts are
    printed in it. A touchpoint's language is its lang, or the language of its venues when
    they all speak one, or the registry's language. When it lists a venue of another
    language (each venue's language is set in tpkit.yaml), that venue gets a standard its
    staff do not read. Make a copy of the touchpoint in the venue's language for that venue,
    or remove the venue from venues.

    Bad:
      lang: ru
      venues: [nevsky, harbour]     # harbour speaks English
    Good:
      lang: ru
      venues: [nevsky]              # and a copy in English: lang: en, venues: [harbour]
    """),
)
def language_of_venue(tp: Touchpoint, ctx: Context) -> Iterator[Finding]:
    if not tp.venues or not tp.lang:
        return
    written = tp.lang_written
    for i, venue_id in enumerate(tp.venues):
        venue = ctx.registry.config.venue(venue_id)
        if venue is None or not venue.language or venue.language == tp.lang:
            continue  # an unknown venue is TP005's
        how = (
            _(
                "the touchpoint is {lang} (lang: {code})",
                lang=in_language(tp.lang),
                code=tp.lang,
            )
            if written
            else _(
                "the touchpoint is {lang} (the registry's language: it has no lang)",
                lang=in_language(tp.lang),
            )
        )
        yield Finding(
            *(tp.pos("lang") if written else tp.pos("venues", i)),
            _(
                "{how}, but the venue '{venue}' works {venue_lang} (language: {code})",
                how=how,
                venue=venue_id,
                venue_lang=in_language(venue.language),
                code=venue.language,
            ),
            _(
                "make a copy of the touchpoint {venue_lang} for '{venue}' (lang: {code}, "
                "venues: [{venue}]), or remove '{venue}' from venues",
                venue_lang=in_language(venue.language),
                venue=venue_id,
                code=venue.language,
            ),
        )


_documented(
    "WVR001",
    scope="engine",
    level="warning",
    doc=N_("""A waiver in tpkit.yaml has expired.

    A waiver turns one rule off for one touchpoint until its expiry date. After that date it
    no longer applies: the rule reports again, and the stale waiver is reported too, so that
    it is renewed with a new reason or removed.

    Bad:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2025-01-01}
    Good:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2027-03-01}
    """),
)
_documented(
    "WVR002",
    scope="engine",
    level="info",
    doc=N_("""A waiver in tpkit.yaml matched nothing.

    The rule it turns off found nothing in that touchpoint (or the touchpoint does not
    exist), so the waiver can go: dead waivers should not pile up.

    Bad:
      waivers:
        - {rule: BRF002, touchpoint: hotel.checkin, reason: "Legal steps", expires: 2027-03-01}
        # hotel.checkin has 5 steps: BRF002 does not fire
    Good:
      waivers: []
    """),
)
_documented(
    "WVR003",
    scope="engine",
    doc=N_("""A `# tpkit:` comment in a touchpoint is not a waiver as it must be written.

    An inline waiver names the rule, a reason and an expiry date:
    `# tpkit: allow ACC002 — reason, until 2027-03-01`. A comment without the reason or the
    date, with an unknown rule code or a code that cannot be waived (TP, WVR) waives nothing;
    the finding says what is missing.

    Bad:
      # tpkit: allow ACC002
      standard: Официант осуществляет подачу меню.
    Good:
      # tpkit: allow ACC002 — wording of the franchise contract, until 2027-03-01
      standard: Официант осуществляет подачу меню.
    """),
)
_documented(
    "WVR004",
    scope="engine",
    level="warning",
    doc=N_("""An inline waiver in a touchpoint has expired.

    After the date written after 'until', the comment no longer waives anything: the rule
    reports again, and the comment is reported too, so that it is renewed with a new reason
    and date or removed.

    Bad:
      # tpkit: allow ACC002 — wording of the franchise contract, until 2025-01-01
    Good:
      # tpkit: allow ACC002 — wording of the franchise contract, until 2027-03-01
    """),
)
_documented(
    "WVR005",
    scope="engine",
    level="info",
    doc=N_("""An inline waiver in a touchpoint matched nothing.

    The rule it names finds nothing on the line of the comment (or, for a comment on a line
    of its own, on the next line), so the comment can go.

    Bad:
      # tpkit: allow ACC002 — wording of the franchise contract, until 2027-03-01
      standard: Официант подаёт меню.
    Good:
      standard: Официант подаёт меню.
    """),
)
_documented(
    "WVR006",
    scope="engine",
    level="info",
    doc=N_("""An entry of the baseline file matches no finding any more.

    `tpkit validate --baseline FILE` counts only the findings that are not in FILE. When a
    finding of the baseline is fixed, its entry stays behind; run once with
    `--baseline-update` to rewrite FILE without such entries, so that the baseline only
    shrinks.

    Bad:
      tpkit validate --baseline .tpkit-baseline.json    # an entry for a fixed finding
    Good:
      tpkit validate --baseline .tpkit-baseline.json --baseline-update
    """),
)
