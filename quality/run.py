"""Measure tpkit's word rules on the quality corpus (quality/cases/*.yaml).

Each case is one touchpoint written the way real service standards, phone scripts and audit
checklists are written, with an editor's judgement of every finding that must be reported
(`expect`). For each case this script builds a small registry in a temporary folder, runs
`tpkit validate` on it and compares what the word rules report with the judgement:

  a reported problem matches an expected one when the rule is the same and the message
  contains the expected text in quotes («…» or “…»; case-insensitive, ё read as е).

It prints precision and recall per language and per rule, and the share of matched findings
whose suggestion holds the words the editor suggested ("suggestions that fit").

    python quality/run.py              # every case
    python quality/run.py --verbose    # and every false positive and false negative
    python quality/run.py cases/ru-01-phone-booking.yaml ...

It is a measurement: the exit status is 0 whatever the figures, and 2 only when a case file is
malformed (its file and line are named).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

# The word rules: the rules that read the words of a touchpoint.
WORD_RULES: tuple[str, ...] = (
    "ACC002",  # bureaucratic word or cliché with a plainer one
    "ACC003",  # forbidden phrase in what staff say
    "ACC004",  # filler word in what staff say or do
    "ACC005",  # unexplained abbreviation
    "ACC006",  # passive or impersonal voice that hides who acts
    "ACC007",  # stacked modality
    "ACC008",  # chain of verbal nouns
    "ACC009",  # intensifier or evaluation
    "ACC010",  # promise or absolute in what staff say
    "ACC011",  # unfilled placeholder
    "ACC012",  # ALL-CAPS emphasis
    "ACH001",  # check that cannot be observed
    "ACH006",  # unmeasurable word in the standard or steps
    "ACH007",  # compound check
    "ACH008",  # number in a check that is not its target
)
LANGUAGES = ("ru", "en")
VENUE_KINDS = ("restaurant", "hotel", "cafe", "bar", "salon", "spa", "retail", "clinic", "other")
CASE_KEYS = {"about", "touchpoint", "venue_kind", "expect"}
EXPECT_KEYS = {"rule", "text", "suggest"}
TODAY = dt.date(2026, 12, 1)

ZONES = (
    ("arrival", "Встреча", "Arrival"),
    ("order", "Заказ", "Order"),
    ("service", "Обслуживание", "Service"),
    ("payment", "Расчёт", "Payment"),
    ("farewell", "Прощание", "Farewell"),
    ("after", "После визита", "After the visit"),
)
ROLE_TITLES = {
    "host": ("Хостес", "Host"),
    "waiter": ("Официант", "Server"),
    "bartender": ("Бармен", "Bartender"),
    "barista": ("Бариста", "Barista"),
    "chef": ("Шеф-повар", "Head chef"),
    "manager": ("Менеджер смены", "Duty manager"),
    "service-director": ("Директор по сервису", "Service director"),
    "receptionist": ("Администратор ресепшн", "Receptionist"),
    "operator": ("Оператор", "Operator"),
    "concierge": ("Консьерж", "Concierge"),
    "porter": ("Носильщик", "Porter"),
    "doorman": ("Швейцар", "Doorman"),
    "housekeeper": ("Горничная", "Room attendant"),
    "engineer": ("Инженер", "Maintenance engineer"),
    "security": ("Охранник", "Security officer"),
    "valet": ("Парковщик", "Valet attendant"),
    "administrator": ("Администратор", "Receptionist"),
}
QUOTES = (("«", "»"), ("“", "”"))


class CaseError(Exception):
    """A case file that cannot be measured: where and why."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{shown(path)}:{line}: {message}")


@dataclass
class Expected:
    rule: str
    text: str
    suggest: str
    line: int  # in the case file


@dataclass
class Case:
    path: Path
    about: str
    touchpoint: str  # the touchpoint file, as text
    data: dict[str, Any]  # the same, parsed
    lang: str
    venue_kind: str
    expect: list[Expected]
    offset: int  # line of the case file just before the touchpoint's first line

    @property
    def roles(self) -> set[str]:
        out = {str(self.data.get("owner", ""))}
        roles = self.data.get("roles") or []
        if isinstance(roles, list):
            out |= {str(r) for r in roles}
        return {r for r in out if r}


@dataclass
class Found:
    """A reported problem of a word rule."""

    rule: str
    line: int  # in the case file
    message: str
    suggestion: str


@dataclass
class Result:
    case: Case
    found: list[Found] = field(default_factory=list)
    pairs: list[tuple[Expected, Found]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)  # false negatives
    extra: list[Found] = field(default_factory=list)  # false positives
    schema: list[str] = field(default_factory=list)  # TP problems: the case is malformed
    error: str = ""  # the engine failed on this case


def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(HERE.parent))
    except ValueError:
        return str(path)


# --- reading a case ---------------------------------------------------------------------------


def norm(text: str) -> str:
    """Text as compared: NFC, case-folded, ё as е, one kind of apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                found: yaml.Node = v
                return found
    return None


def _line(node: yaml.Node | None, default: int = 1) -> int:
    return node.start_mark.line + 1 if node is not None else default


def load_case(path: Path) -> Case:
    """One case file, checked; CaseError names the line of the first thing wrong in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CaseError(path, 1, f"cannot be read: {e}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise CaseError(path, line, f"not valid YAML: {e.problem or e.context}") from None
    if root is None or not isinstance(data, dict):
        raise CaseError(path, 1, "a case is a block of keys: about, touchpoint, expect")
    for key in data:
        if key not in CASE_KEYS:
            where = _line(_key_node(root, str(key)))
            known = ", ".join(sorted(CASE_KEYS))
            raise CaseError(path, where, f"unknown key '{key}' (keys: {known})")
    for key in ("about", "touchpoint"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise CaseError(path, _line(_child(root, key)), f"'{key}' is missing or not a text")
    tp_node = _child(root, "touchpoint")
    assert tp_node is not None
    # a block scalar ("touchpoint: |") starts on the line after its indicator
    offset = tp_node.start_mark.line + (1 if getattr(tp_node, "style", None) in ("|", ">") else 0)
    try:
        tp = yaml.safe_load(data["touchpoint"])
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = offset + (mark.line + 1 if mark is not None else 1)
        raise CaseError(path, line, f"the touchpoint is not valid YAML: {e.problem}") from None
    if not isinstance(tp, dict):
        raise CaseError(path, _line(tp_node), "the touchpoint should be a block of keys")
    lang = tp.get("lang")
    if lang not in LANGUAGES:
        raise CaseError(path, _line(tp_node), "the touchpoint needs lang: ru or lang: en")
    kind = data.get("venue_kind", "restaurant")
    if kind not in VENUE_KINDS:
        raise CaseError(
            path,
            _line(_child(root, "venue_kind")),
            f"venue_kind '{kind}' is not one of {', '.join(VENUE_KINDS)}",
        )
    expect_node = _child(root, "expect")
    items = data.get("expect")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise CaseError(path, _line(expect_node), "'expect' should be a list of findings")
    nodes = expect_node.value if isinstance(expect_node, yaml.SequenceNode) else []
    words = norm(data["touchpoint"])
    expect = [
        _expected(path, item, _line(node), words)
        for item, node in zip(items, nodes or [None] * len(items), strict=True)
    ]
    return Case(path, data["about"], data["touchpoint"], tp, lang, kind, expect, offset)


def _key_node(root: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(root, yaml.MappingNode):
        for k, _ in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k
    return None


def _expected(path: Path, item: Any, line: int, words: str) -> Expected:
    if not isinstance(item, dict):
        raise CaseError(path, line, "each expected finding is {rule: …, text: …}")
    for key in item:
        if key not in EXPECT_KEYS:
            raise CaseError(path, line, f"unknown key '{key}' in an expected finding")
    rule, text, suggest = item.get("rule"), item.get("text"), item.get("suggest", "")
    if rule not in WORD_RULES:
        raise CaseError(path, line, f"'{rule}' is not a word rule ({', '.join(WORD_RULES)})")
    if not isinstance(text, str) or not text.strip():
        raise CaseError(path, line, "an expected finding needs the flagged words as 'text'")
    if not isinstance(suggest, str):
        raise CaseError(path, line, "'suggest' should be a text")
    if norm(text) not in words:
        raise CaseError(path, line, f"'{text}' is not written in the touchpoint")
    return Expected(rule, text, suggest, line)


def load_cases(paths: Iterable[Path]) -> tuple[list[Case], list[str]]:
    cases, errors = [], []
    for path in paths:
        try:
            cases.append(load_case(path))
        except CaseError as e:
            errors.append(str(e))
    return cases, errors


# --- a registry for one case ------------------------------------------------------------------


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_text(case: Case, roles: Iterable[str], venue_kind: bool) -> str:
    """tpkit.yaml: the six zones, the roles, one venue of the case's kind and language."""
    lines = ["name: Quality corpus", f"language: {case.lang}", "zones:"]
    for zid, ru, en in ZONES:
        lines.append(f"  - {{id: {zid}, title: {{ru: {_q(ru)}, en: {_q(en)}}}}}")
    lines.append("roles:")
    for rid in sorted(set(roles) | case.roles):
        ru, en = ROLE_TITLES.get(rid, (rid, rid))
        lines.append(f"  - {{id: {rid}, title: {{ru: {_q(ru)}, en: {_q(en)}}}}}")
    title = {"ru": "Площадка", "en": "Venue"}[case.lang]
    kind = f", kind: {case.venue_kind}" if venue_kind else ""
    lines.append("venues:")
    lines.append(f"  - {{id: {case.venue_kind}, title: {_q(title)}, language: {case.lang}{kind}}}")
    lines.append("review_every: 365d")
    return "\n".join(lines) + "\n"


def venue_takes_kind() -> bool:
    """Whether this tpkit's tpkit.yaml accepts `kind:` on a venue."""
    try:
        from tpkit import shapes

        return "kind" in shapes.VENUE.fields
    except Exception:  # an older or half-rebuilt schema: leave the key out
        return False


def write_registry(case: Case, root: Path, roles: Iterable[str] = ()) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "tpkit.yaml").write_text(config_text(case, roles, venue_takes_kind()), "utf-8")
    folder = root / "touchpoints"
    folder.mkdir(exist_ok=True)
    (folder / "case.yaml").write_text(case.touchpoint, "utf-8")
    return root


def problems_of(case: Case, root: Path) -> list[Any]:
    from tpkit.registry import load_registry
    from tpkit.services import validate

    return list(validate(load_registry(root), TODAY, use_git=False).problems)


# --- comparing ------------------------------------------------------------------------------


def quoted(text: str) -> list[str]:
    n = norm(text)
    return [norm(a + n + b) for a, b in QUOTES]


def matches(e: Expected, f: Found) -> bool:
    if e.rule != f.rule:
        return False
    message = norm(f.message)
    return any(q in message for q in quoted(e.text))


def pair(expect: Sequence[Expected], found: Sequence[Found]) -> list[tuple[int, int]]:
    """The largest set of (expected, found) pairs that match, each used once (Kuhn)."""
    edges = [[j for j, f in enumerate(found) if matches(e, f)] for e in expect]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expect)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+(?:['-]\w+)*", norm(text)))


def fits(e: Expected, f: Found) -> bool:
    return tokens(e.suggest) <= tokens(f.suggestion)


def measure(case: Case, roles: Iterable[str]) -> Result:
    result = Result(case)
    with tempfile.TemporaryDirectory(prefix="tpkit-quality-") as tmp:
        root = write_registry(case, Path(tmp) / "registry", roles)
        try:
            problems = problems_of(case, root)
        except Exception as e:  # the engine is being rebuilt: report, keep measuring
            result.error = f"{type(e).__name__}: {e}"
            result.missed = list(case.expect)
            return result
    for p in problems:
        line = case.offset + p.line if p.path.startswith("touchpoints/") else p.line
        if p.rule.startswith("TP"):
            result.schema.append(f"{shown(case.path)}:{line}: {p.rule} {p.message}")
        elif p.rule in WORD_RULES:
            fix = p.fix[3] if getattr(p, "fix", None) else ""
            result.found.append(Found(p.rule, line, p.message, f"{p.suggestion} {fix}"))
    paired = pair(case.expect, result.found)
    result.pairs = [(case.expect[i], result.found[j]) for i, j in paired]
    used_e = {i for i, _ in paired}
    used_f = {j for _, j in paired}
    result.missed = [e for i, e in enumerate(case.expect) if i not in used_e]
    result.extra = [f for j, f in enumerate(result.found) if j not in used_f]
    return result


# --- the report -----------------------------------------------------------------------------


@dataclass
class Tally:
    expected: int = 0
    reported: int = 0
    matched: int = 0
    suggested: int = 0  # matched findings with a suggestion given in the case
    fit: int = 0

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.reported += other.reported
        self.matched += other.matched
        self.suggested += other.suggested
        self.fit += other.fit


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    —  "


def tallies(results: Sequence[Result]) -> dict[tuple[str, str], Tally]:
    out: dict[tuple[str, str], Tally] = {}
    for r in results:
        lang = r.case.lang
        for e in r.case.expect:
            out.setdefault((lang, e.rule), Tally()).expected += 1
        for f in r.found:
            out.setdefault((lang, f.rule), Tally()).reported += 1
        for e, f in r.pairs:
            t = out.setdefault((lang, e.rule), Tally())
            t.matched += 1
            if e.suggest:
                t.suggested += 1
                t.fit += fits(e, f)
    return out


def table(results: Sequence[Result]) -> str:
    by = tallies(results)
    head = (
        f"{'lang':<5}{'rule':<8}{'expected':>9}{'reported':>9}{'matched':>8}"
        f"{'precision':>11}{'recall':>9}   suggestions that fit"
    )
    rows = [head, "-" * len(head)]
    for lang in LANGUAGES:
        total = Tally()
        for rule in WORD_RULES:
            t = by.get((lang, rule))
            if t is None:
                continue
            total.add(t)
            rows.append(_row(lang, rule, t))
        if total.expected or total.reported:
            rows.append(_row(lang, "all", total))
            rows.append("")
    return "\n".join(rows).rstrip()


def _row(lang: str, rule: str, t: Tally) -> str:
    fit = f"{t.fit}/{t.suggested} ({_pct(t.fit, t.suggested).strip()})" if t.suggested else "—"
    return (
        f"{lang:<5}{rule:<8}{t.expected:>9}{t.reported:>9}{t.matched:>8}"
        f"{_pct(t.matched, t.reported):>11}{_pct(t.matched, t.expected):>9}   {fit}"
    )


def summary(results: Sequence[Result]) -> str:
    lines = []
    for lang in LANGUAGES:
        mine = [r for r in results if r.case.lang == lang]
        clean = [r for r in mine if not r.case.expect]
        quiet = [r for r in clean if not r.found]
        lines.append(
            f"{lang}: {len(mine)} cases, {sum(len(r.case.expect) for r in mine)} expected "
            f"findings; {len(clean)} plain cases, {len(quiet)} of them with no finding reported"
        )
    return "\n".join(lines)


def details(results: Sequence[Result]) -> str:
    """Every false positive (FP), false negative (FN) and suggestion that does not fit (SUG)."""
    lines = []
    for r in results:
        name = shown(r.case.path)
        a, b = QUOTES[0] if r.case.lang == "ru" else QUOTES[1]
        for f in r.extra:
            lines.append(f"FP  {name}:{f.line}  {f.rule}  {f.message}")
        for e in r.missed:
            lines.append(f"FN  {name}:{e.line}  {e.rule}  {a}{e.text}{b}")
        for e, f in r.pairs:
            if e.suggest and not fits(e, f):
                lines.append(
                    f"SUG {name}:{e.line}  {e.rule}  {a}{e.text}{b}: expected {a}{e.suggest}{b}, "
                    f"got: {f.suggestion.strip() or '(none)'}"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of tpkit's word rules.")
    parser.add_argument("cases", nargs="*", type=Path, help="case files (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every FP and FN")
    args = parser.parse_args(argv)
    started = time.monotonic()
    paths = args.cases or sorted(CASES.glob("*.yaml"))
    if not paths:
        print(f"no case files in {shown(CASES)}", file=sys.stderr)
        return 2
    cases, errors = load_cases(paths)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    roles = set().union(*(c.roles for c in cases))
    results = [measure(c, roles) for c in cases]
    schema = [line for r in results for line in r.schema]
    if schema:
        print("Malformed touchpoints (schema problems):", file=sys.stderr)
        print("\n".join(schema), file=sys.stderr)
        return 2
    print(f"tpkit word rules on the quality corpus ({len(cases)} cases)\n")
    print(table(results))
    print()
    print(summary(results))
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"engine error on {shown(r.case.path)}: {r.error}")
    if args.verbose:
        listed = details(results)
        if listed:
            print("\n" + listed)
    print(f"\n{time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
