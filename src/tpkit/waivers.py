"""Waivers: the dated waivers of tpkit.yaml and the inline waiver comments of touchpoint files
drop the findings they cover; expired, unused and malformed waivers are findings themselves.

An inline waiver is a comment in a touchpoint file:

    # tpkit: allow ACC002 — the legal wording of the menu, until 2027-03-01

It covers the findings of the rules it names on its own line (a comment after a value) or on
the next line that is not a comment (a comment on a line of its own). The reason and the
expiry date are required; TP findings (the file cannot be read as a touchpoint) and the
waiver codes themselves cannot be waived."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tpkit import i18n
from tpkit.config import Registry
from tpkit.findings import MADE_WHILE_READING, finding
from tpkit.i18n import N_, _
from tpkit.model import Problem
from tpkit.rules import all_rules
from tpkit.settings import RuleSettings

EXAMPLE = N_("# tpkit: allow ACC002 — <reason>, until 2027-03-01")
_MARK_RE = re.compile(r"(?:^|(?<=\s))#\s*tpkit\s*:", re.IGNORECASE)
_MARK_BYTES = re.compile(rb"#\s*tpkit\s*:", re.IGNORECASE)  # a quick look before decoding
_ALLOW_RE = re.compile(
    r"^allow\s+(?P<codes>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)(?P<rest>.*)$", re.IGNORECASE
)
_DASH_RE = re.compile(r"^\s*(?:—|–|--|-)\s*(?P<tail>.*)$")
_UNTIL_RE = re.compile(r"^(?P<reason>.*?)[,;]?\s*\buntil\s+(?P<date>\S+)\s*$", re.IGNORECASE)
_UNWAIVABLE = ("TP", "WVR")


@dataclass(frozen=True)
class Inline:
    """One inline waiver comment: the rules it allows, on which lines, why and until when."""

    path: str
    line: int  # of the comment
    column: int  # of its '#'
    rules: tuple[str, ...]
    reason: str
    until: dt.date
    covers: tuple[int, ...]  # the lines whose findings it covers


def apply_waivers(
    registry: Registry, problems: list[Problem], today: dt.date, settings: dict[str, RuleSettings]
) -> list[Problem]:
    """Drop what a live waiver of tpkit.yaml or a live inline waiver covers; report expired
    waivers, waivers that match nothing and inline waivers that cannot be read."""
    problems = _inline(registry, problems, today, settings)
    return _configured(registry, problems, today, settings)


def _level(code: str, settings: dict[str, RuleSettings]) -> str:
    return settings.get(code, RuleSettings(MADE_WHILE_READING[code][1])).level


def _configured(
    registry: Registry, problems: list[Problem], today: dt.date, settings: dict[str, RuleSettings]
) -> list[Problem]:
    config = registry.config
    if not config.waivers:
        return problems
    rel = registry.relative(config.path)
    live = {
        (w.rule, w.touchpoint): w for w in config.waivers if w.expires is None or w.expires >= today
    }
    used: set[tuple[str, str]] = set()
    kept = []
    for p in problems:
        key = (p.rule, p.touchpoint)
        if key in live and not p.rule.startswith("TP"):
            used.add(key)
        else:
            kept.append(p)
    for w in config.waivers:
        if (w.rule, w.touchpoint) not in live:
            kept.append(
                finding(
                    "WVR001",
                    rel,
                    w.line,
                    w.column,
                    _(
                        "the waiver of {rule} for {touchpoint} expired on {expires}, so {rule} "
                        "applies again",
                        rule=w.rule,
                        touchpoint=w.touchpoint,
                        expires=i18n.date(w.expires, "long") if w.expires else "",
                    ),
                    _(
                        "fix what the rule reports and remove the waiver, or renew it "
                        "with a new reason and expiry date"
                    ),
                    touchpoint=w.touchpoint,
                    level=_level("WVR001", settings),
                )
            )
        elif (w.rule, w.touchpoint) not in used:
            known = registry.touchpoint(w.touchpoint) is not None
            why = (
                _("{rule} finds nothing in {touchpoint}", rule=w.rule, touchpoint=w.touchpoint)
                if known
                else _("there is no touchpoint {touchpoint}", touchpoint=w.touchpoint)
            )
            kept.append(
                finding(
                    "WVR002",
                    rel,
                    w.line,
                    w.column,
                    _("the waiver matches nothing: {why}", why=why),
                    _("remove the waiver"),
                    touchpoint=w.touchpoint,
                    level=_level("WVR002", settings),
                )
            )
    return kept


def read_inline(path: str, text: str, known: set[str]) -> tuple[list[Inline], list[Problem]]:
    """The inline waivers of one file's text (path relative to the root), and a WVR003 finding
    for each `# tpkit:` comment that is not a waiver as it must be written."""
    waivers: list[Inline] = []
    bad: list[Problem] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        mark = _MARK_RE.search(line)
        if mark is None:
            continue
        column = mark.start() + 1
        parsed = _parse(line[mark.end() :].strip(), known)
        if isinstance(parsed, str):
            bad.append(
                finding(
                    "WVR003",
                    path,
                    number,
                    column,
                    _("this tpkit comment is not a waiver: {why}", why=parsed),
                    _("write it as: {example}", example=_(EXAMPLE)),
                )
            )
            continue
        rules, reason, until = parsed
        own_line = not line[: mark.start()].strip()
        covers = (number, _next_line(lines, number)) if own_line else (number,)
        waivers.append(Inline(path, number, column, rules, reason, until, covers))
    return waivers, bad


def _next_line(lines: list[str], number: int) -> int:
    """The line after `number` (1-based) that holds more than a comment or blanks."""
    for after in range(number, len(lines)):
        stripped = lines[after].strip()
        if stripped and not stripped.startswith("#"):
            return after + 1
    return number


def _parse(rest: str, known: set[str]) -> tuple[tuple[str, ...], str, dt.date] | str:
    """(rules, reason, expiry) of the text after `# tpkit:`, or why it cannot be read."""
    if not rest.lower().startswith("allow"):
        return _("it must start with 'allow' and the rule code")
    allow = _ALLOW_RE.match(rest)
    if allow is None:
        return _("after 'allow' comes the rule code, such as ACC002")
    rules = tuple(dict.fromkeys(c.strip().upper() for c in allow["codes"].split(",")))
    for code in rules:
        if code.startswith(_UNWAIVABLE):
            return _("{code} cannot be waived: fix what it reports", code=code)
        if code not in known:
            return _("there is no rule {code} (see tpkit rules)", code=code)
    if not allow["rest"].strip():
        return _("the reason and the expiry date are missing")
    dash = _DASH_RE.match(allow["rest"])
    if dash is None:
        return _("put a dash (—) between the rule code and the reason")
    until = _UNTIL_RE.match(dash["tail"])
    if until is None:
        return _("the expiry date is missing: end with ', until YYYY-MM-DD'")
    reason = until["reason"].strip().rstrip(",;").strip()
    if not reason:
        return _("the reason is missing: say why the rule does not fit here")
    try:
        day = dt.date.fromisoformat(until["date"].rstrip(".,;"))
    except ValueError:
        return _("'{value}' is not a date written as YYYY-MM-DD", value=until["date"])
    return rules, reason, day


def _inline(
    registry: Registry, problems: list[Problem], today: dt.date, settings: dict[str, RuleSettings]
) -> list[Problem]:
    known = {r.code for r in all_rules()}
    waivers: list[Inline] = []
    out: list[Problem] = []
    for tp in registry.touchpoints:
        try:
            data = (registry.root / tp.path).read_bytes()
            if _MARK_BYTES.search(data) is None:
                continue
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found, bad = read_inline(tp.path, text, known)
        waivers += found
        out += [_stamped(b, settings, tp.id) for b in bad]
    if not waivers:
        return problems + out
    live: dict[tuple[str, int, str], Inline] = {}
    for w in waivers:
        if w.until >= today:
            for line in w.covers:
                for code in w.rules:
                    live.setdefault((w.path, line, code), w)
    used: set[tuple[Inline, str]] = set()
    for p in problems:
        covering = live.get((p.path, p.line, p.rule))
        if covering is None or p.rule.startswith(_UNWAIVABLE):
            out.append(p)
        else:
            used.add((covering, p.rule))
    ids = {tp.path: tp.id for tp in registry.touchpoints}
    for w in waivers:
        for code in w.rules:
            if w.until < today:
                out.append(_expired(w, code, ids.get(w.path, ""), settings))
            elif (w, code) not in used:
                out.append(_unused(w, code, ids.get(w.path, ""), settings))
    return [p for p in out if p.level != "off"]


def _stamped(p: Problem, settings: dict[str, RuleSettings], tp_id: str) -> Problem:
    return finding(
        p.rule, p.path, p.line, p.column, p.message, p.suggestion,
        touchpoint=tp_id, level=_level(p.rule, settings),
    )  # fmt: skip


def _expired(w: Inline, code: str, tp_id: str, settings: dict[str, RuleSettings]) -> Problem:
    return finding(
        "WVR004",
        w.path,
        w.line,
        w.column,
        _(
            "the inline waiver of {rule} expired on {expires}, so {rule} applies again",
            rule=code,
            expires=i18n.date(w.until, "long"),
        ),
        _(
            "fix what {rule} reports and remove the comment, or write a new reason and a later "
            "date after 'until'",
            rule=code,
        ),
        touchpoint=tp_id,
        level=_level("WVR004", settings),
    )


def _unused(w: Inline, code: str, tp_id: str, settings: dict[str, RuleSettings]) -> Problem:
    return finding(
        "WVR005",
        w.path,
        w.line,
        w.column,
        _(
            "the inline waiver matches nothing: {rule} finds nothing on line {line}",
            rule=code,
            line=w.covers[-1],
        ),
        _("remove {rule} from the comment, or the comment itself", rule=code),
        touchpoint=tp_id,
        level=_level("WVR005", settings),
    )
