"""Properties that hold for any input: reading never raises, and an audit written to a file
and read back scores exactly as it did in memory.

(Score ranges, order and n/a properties are in test_audit_scoring.py.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONFIG, build_tree
from tpkit import shapes
from tpkit.audit import AuditSet
from tpkit.audit.files import Audit, Result, dump, load_audit, snapshot
from tpkit.audit.scoring import meets, score_audit
from tpkit.loader import parse_bytes
from tpkit.registry import Registry, load_registry, load_touchpoint
from tpkit.services import validate
from tpkit.yaml_compose import Limits, parse_text

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2026, 11, 25)

# ---- reading never raises -------------------------------------------------------------------

# Pieces of YAML syntax, glued at random: reaches far more parser states than random letters.
TOKENS = [
    "a", "id", "checks", ":", ": ", " ", "  ", "\n", "\r\n", "\t", "- ", "-", "[", "]", "{", "}",
    ",", "&x", "*x", "&y", "*y", "!!str ", "!!int ", "!!bool ", "!!timestamp ", "!!float ",
    "!!python/object/apply:os.system ", "!custom ", "!", "'", '"', "#", "? ", "---", "...", "|",
    ">", "|-", "2026-13-45", "2026-02-28", "0x", "0b1", "1e5", "1.0e+400", ".inf", ".nan", "<<",
    "=", "~", "null", "yes", "no", "\\x1b", "\\e", "\\0", "\\ud800", "\\u2028", "\ufeff",
    "\x85", "\u2028", "\x1b", "\x00", "é", "Встреча", "9" * 30, "%YAML 1.1\n", "%TAG ! !x\n",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
TINY = Limits(max_bytes=200, max_depth=3, max_aliases=2, max_nodes=20)


def _consistent(doc: Any) -> None:
    for p in doc.problems:
        assert p.rule in ("TP001", "TP004", "TP006")
        assert p.line >= 1 and p.column >= 1 and p.message


@FAST
@given(st.text(max_size=200) | yamlish)
def test_any_text_is_read_without_raising(text: str) -> None:
    _consistent(parse_text(text, "x.yaml"))
    _consistent(parse_text(text, "x.yaml", TINY))


@FAST
@given(st.binary(max_size=200) | yamlish.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    _consistent(parse_bytes(data, "x.yaml"))
    _consistent(parse_bytes(data, "x.yaml", TINY))


# ---- any YAML structure into the touchpoint loader (and the rules) ---------------------------

WORDS = [
    "arrival", "payment", "host", "waiter", "service-director", "nevsky", "harbour", "ru", "en",
    "time", "yesno", "count", "scale", "s", "min", "h", "90d", "0d", "99999999y", "2026-13-45",
    "in-person", "t.case", "c1", "Гостя встречают у входа за 30 секунд.", "ВСЕГДА идеально",
    "<script>alert(1)</script>", "", " ", "\x1b[31m",
]  # fmt: skip
KEYS = sorted(
    {*shapes.TOUCHPOINT.fields, *shapes.CHECK.fields, *shapes.TARGET.fields, "phrase", "instead"}
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.sampled_from(WORDS),
)
values = st.recursive(
    scalars,
    lambda kids: (
        st.lists(kids, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), kids, max_size=5)
    ),
    max_leaves=15,
)
numbers = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.sampled_from([0, 1, 30, 10**15, 10**16, 1e-300, 1e300]),
)
# Per key: mostly what the key takes (so that a touchpoint gets built and the rules run on
# it), sometimes a value of any shape.
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "reviewed": st.dates() | st.datetimes(),
    "review_every": st.from_regex(r"\A[0-9]{1,22}[dwmy]\Z"),
    "type": st.sampled_from(["yesno", "time", "count", "scale"]),
    "unit": st.sampled_from(["s", "min", "h"]),
    "max": numbers,
    "min": numbers,
    "of": numbers,
    "weight": numbers,
    "critical": st.booleans(),
    "lang": st.sampled_from(["ru", "en"]),
    "channel": st.sampled_from(["in-person", "phone", "web"]),
    "steps": st.lists(st.text(max_size=80), max_size=9),
    "say": st.lists(st.text(max_size=80), max_size=3),
    "tags": st.lists(st.text(max_size=10), max_size=3),
    "standard": st.text(max_size=300) | st.sampled_from(WORDS),
}


def overrides(keys: Any) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.sampled_from(sorted(keys)),
        values,
        max_size=3,
    ).flatmap(
        lambda wild: st.fixed_dictionaries(
            {}, optional={k: PLAUSIBLE[k] for k in keys if k in PLAUSIBLE}
        ).map(lambda fit: {**fit, **wild})
    )


BASE_CHECK = {"id": "c1", "text": "Поздоровались с гостем"}
BASE = {
    "id": "t.case",
    "title": "Встреча",
    "zone": "arrival",
    "owner": "host",
    "reviewed": dt.date(2026, 11, 1),
    "standard": "Гостя встречают у входа.",
}
target = overrides(shapes.TARGET.fields)
check = st.builds(
    lambda over, tgt: {**BASE_CHECK, **over, **({"target": tgt} if tgt is not None else {})},
    overrides(shapes.CHECK.fields),
    st.none() | target,
)
touchpoint = st.builds(
    lambda over, checks: {**BASE, "checks": checks, **over},
    overrides(shapes.TOUCHPOINT.fields),
    st.lists(check, min_size=1, max_size=3),
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load_registry(build_tree(tmp_path_factory.mktemp("props"), {"tpkit.yaml": CONFIG}))


@FAST
@given(touchpoint | values, st.booleans())
def test_any_yaml_structure_is_loaded_and_checked_without_raising(
    registry: Registry, data: Any, unicode: bool
) -> None:
    text = yaml.safe_dump(data, allow_unicode=unicode)
    tp, problems = load_touchpoint(parse_bytes(text.encode(), "t.yaml"), "t.yaml", registry.config)
    assert all(p.rule.startswith("TP") and p.line >= 1 for p in problems)
    if tp is None:
        return
    one = dataclasses.replace(registry, touchpoints=[tp], problems=problems, files=["t.yaml"])
    validate(one, TODAY, use_git=False, audits=AuditSet([], []))


# ---- form → fill → score: the file scores as the audit did in memory -------------------------

CHECKS = """\
checks:
  - {id: greet, text: Поздоровались}
  - {id: crit, text: Аллергены названы, critical: true, weight: 3}
  - {id: fast, text: Встретили быстро, type: time, target: {max: 30, unit: s}, weight: 2}
  - {id: slow, text: Счёт принесли, type: time, target: {max: 2.5, unit: min}, weight: 0.5}
  - {id: few, text: Ошибок в заказе, type: count, target: {max: 0}}
  - {id: many, text: Блюд предложено, type: count, target: {min: 2, max: 5}, weight: 1.5}
  - {id: stars, text: Оценка гостя, type: scale, target: {min: 4, of: 5}}
"""


def _touchpoint(tp_id: str, zone: str, owner: str, extra: str = "") -> str:
    return (
        f"id: {tp_id}\ntitle: 'Точка: «{tp_id}» #1'\nzone: {zone}\nowner: {owner}\n"
        f"roles: [host, waiter]\nreviewed: 2026-11-01\nstandard: Гостя встречают.\n{extra}" + CHECKS
    )


@pytest.fixture(scope="module")
def form_registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    root = tmp_path_factory.mktemp("forms")
    files = {
        "tpkit.yaml": CONFIG,
        "touchpoints/a.yaml": _touchpoint("t.greet", "arrival", "host"),
        "touchpoints/b.yaml": _touchpoint("t.bill", "payment", "waiter", "venues: [harbour]\n"),
        "touchpoints/c.yaml": _touchpoint("t.call", "before", "service-director"),
    }
    registry = load_registry(build_tree(root, files))
    assert not registry.problems
    return registry


# Notes as an auditor types them (no control characters: those are tested below).
typed = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40).filter(str.strip)
numbers = st.one_of(
    st.integers(0, 10**6).map(float),
    st.floats(0, 10**6, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.00001, 1e-7, 12345678.9, 0.1 + 0.2, 2.5, 30.000001]),
)
results = st.builds(
    Result,
    st.sampled_from(["pass", "fail", "wow", "na", None]),
    st.none() | numbers,
    st.none() | typed,
    st.none() | typed,
)


def _fill(draw: Any, registry: Registry, venue: str) -> Audit:
    checks = snapshot(registry, venue)
    filled: dict[str, Result] = {}
    for cid, c in checks.items():
        got = draw(st.none() | results)
        if got is not None:
            if c.type == "yesno":
                got.value = None  # a yes/no check takes no value (the reader says so)
            elif got.value is not None and c.type == "scale" and c.target is not None:
                top = int(c.target.of or 5)  # a rating is on its scale: the reader refuses 0 of 5
                got.value = float(draw(st.integers(1, top)))
            if got.value is not None and got.result in ("pass", "wow"):
                # a pass beside a value that fails the target is refused as contradictory
                got.result = got.result if meets(c, got.value) else "fail"
            filled[cid] = got
    skipped = draw(st.lists(st.sampled_from(sorted(checks)), unique=True, max_size=3))
    return Audit(
        venue,
        draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
        draw(st.sampled_from(["mystery", "internal", "pos"])),
        checks,
        filled,
        draw(st.none() | typed),
        draw(st.sampled_from(["complete", "in-progress"])),
        skipped,
    )


def _reread(audit: Audit, folder: Path) -> tuple[Audit, list[Any]]:
    path = folder / "audit.yaml"
    path.write_text(dump(audit), encoding="utf-8")
    loaded, problems = load_audit(path, audit.path)
    assert loaded is not None, problems
    return loaded, problems


@settings(max_examples=120, deadline=None)
@given(st.data(), st.sampled_from(["nevsky", "harbour"]))
def test_a_filled_form_read_back_scores_the_same(
    form_registry: Registry, tmp_path_factory: pytest.TempPathFactory, data: Any, venue: str
) -> None:
    audit = _fill(data.draw, form_registry, venue)
    loaded, problems = _reread(audit, tmp_path_factory.getbasetemp())
    assert problems == []
    assert loaded.checks == audit.checks and loaded.checks_hash == audit.checks_hash
    blank = Result()  # a check left blank is written as an empty line to fill in
    assert {k: v for k, v in loaded.results.items() if v != blank} == {
        k: v for k, v in audit.results.items() if v != blank
    }
    assert (loaded.auditor, loaded.status, loaded.skipped) == (
        audit.auditor,
        audit.status,
        audit.skipped,
    )
    assert score_audit(loaded) == score_audit(audit)


def _as_written(text: str) -> str | None:
    """A text as the audit file keeps it: controls visible, a lone surrogate replaced."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text if text.strip() else None


ODD = ["\ud800", "\udcff", "\ufffe", "\uffff", "\x1b[D", "\x85", "\u2028", "\ufeff", "\\", '"']
notes = st.text(max_size=40) | st.lists(st.sampled_from(ODD) | st.characters(), max_size=10).map(
    "".join
)


@settings(max_examples=100, deadline=None)
@given(notes)
def test_any_note_is_written_so_that_it_reads_back(
    form_registry: Registry, tmp_path_factory: pytest.TempPathFactory, note: str
) -> None:
    """Even a note with control characters (an arrow key pressed while typing) or a lone
    surrogate (a terminal in the C locale) keeps the audit readable: what the file holds is
    what a terminal can show."""
    checks = snapshot(form_registry, "nevsky")
    cid = next(iter(checks))
    audit = Audit("nevsky", TODAY, "mystery", checks, {cid: Result("fail", None, note, note)})
    loaded, problems = _reread(audit, tmp_path_factory.getbasetemp())
    assert problems == []
    assert loaded.results[cid].note == loaded.results[cid].evidence == _as_written(note)
    assert score_audit(loaded).score == score_audit(audit).score == 0
