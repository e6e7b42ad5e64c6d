"""The reference registry at the repository root: complete, and clean at warning level (its
sample corrective actions left open past their due date are advice, LOOP001 at info)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from conftest import ROOT, run_process
from tpkit.registry import load_registry
from tpkit.services import validate

# The day of the registry's last review: every touchpoint is up to date on it.
TODAY = "2026-12-02"


def test_reference_registry_validates_clean_at_warning_level() -> None:
    import json

    gate = run_process("--today", TODAY, "validate", "--fail-level", "warning", cwd=ROOT)
    assert gate.returncode == 0, gate.stdout[-3000:]
    proc = run_process("--today", TODAY, "validate", "--format", "json", cwd=ROOT)
    found = json.loads(proc.stdout)["problems"]
    assert [p for p in found if p["level"] != "info"] == []
    late = [p for p in found if p["rule"] == "LOOP001"]
    listed = run_process("--today", TODAY, "actions", "--format", "json", cwd=ROOT)
    overdue = {a["path"] for a in json.loads(listed.stdout) if a["overdue"]}
    assert overdue and {p["path"] for p in late} == overdue


def test_reference_registry_covers_both_languages_and_every_zone() -> None:
    registry = load_registry(ROOT)
    report = validate(registry, dt.date.fromisoformat(TODAY), use_git=False)
    assert [p for p in report.problems if p.level != "info"] == []
    tps = registry.touchpoints
    assert len(tps) >= 60
    langs = Counter(tp.lang for tp in tps)
    assert langs["ru"] >= 20 and langs["en"] >= 20
    zones = Counter(tp.zone for tp in tps)
    assert all(zones[z] >= 3 for z in registry.config.zone_ids()), zones
    assert any(c.critical for tp in tps for c in tp.checks)
    spoken = [tp for tp in tps if tp.channel == "phone"]
    assert spoken and all(tp.say for tp in spoken)  # where staff speak, the words are given
    assert sum(bool(tp.avoid) for tp in tps) >= 20


def test_reference_audits_cover_every_venue_over_six_months() -> None:
    import json

    import jsonschema
    import yaml

    from tpkit.audit import load_audits
    from tpkit.shapes import json_schema

    audits = load_audits(load_registry(ROOT))
    assert audits.problems == []
    assert len(audits.audits) >= 24
    assert {"nevsky", "harbour"} <= {a.venue for a in audits.audits}
    dates = [a.date for a in audits.audits]
    assert (max(dates) - min(dates)).days >= 150
    assert all(not a.unanswered() for a in audits.audits)
    validator = jsonschema.Draft202012Validator(json_schema("audit"))
    for path in sorted((ROOT / "audits").rglob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path
