#!/usr/bin/env python3
"""Read a `tpkit export --format duckdb` file back with DuckDB, as an analyst's tool would, and
hold what it says against tpkit itself:

    .venv/bin/python scripts/export_readback.py out/export/tpkit.duckdb [--registry DIR]

Each audit's score is computed in SQL from the results table alone (100 × Σ weight × credit /
Σ weight over the results that are not N/A) and compared with the score `tpkit audit score`
gives for the same file; the open and overdue actions are counted in SQL and compared with
`tpkit actions`. Prints one line per venue and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

from tpkit.actions_files import load_actions
from tpkit.audit import load_audits, scoring_rules
from tpkit.registry import load_registry

SCORES = """
SELECT audit_id, venue,
       round(100 * sum(weight * credit) / sum(weight), 1) AS score
FROM results WHERE outcome <> 'na'
GROUP BY audit_id, venue
"""
ACTIONS = """
SELECT venue, count(*) FILTER (WHERE status IN ('open', 'reopened')) AS still_open,
       count(*) FILTER (WHERE overdue) AS overdue,
       count(*) FILTER (WHERE status = 'verified') AS verified
FROM actions GROUP BY venue ORDER BY venue
"""
WORDS = {
    "ru": {
        "venue": "{venue}: аудитов — {n}, оценки по таблице results против tpkit audit score:"
        " расхождений — {differ}; действия: открыто — {open}, просрочено — {late},"
        " подтверждено — {verified}, как в tpkit actions",
        "head": "DuckDB прочитал {path}: аудитов — {audits}, результатов — {results}, действий"
        " — {actions}, подписей — {acks}",
    },
    "en": {
        "venue": "{venue}: {n} audits — the scores from the results table match tpkit audit"
        " score ({differ} differ); actions open {open}, overdue {late}, verified {verified} —"
        " as tpkit actions has them",
        "head": "DuckDB read {path}: {audits} audits, {results} results, {actions} actions,"
        " {acks} sign-offs",
    },
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--registry", type=Path, default=Path("."))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    registry = load_registry(args.registry)
    words = WORDS.get(registry.config.language, WORDS["en"])
    con = duckdb.connect(str(args.database), read_only=True)
    count = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
        for t in ("audits", "results", "actions", "acks")
    }
    print(words["head"].format(path=args.database, **count))
    sql = {(a, v): s for a, v, s in con.execute(SCORES).fetchall()}
    acts = {v: (o, late, ver) for v, o, late, ver in con.execute(ACTIONS).fetchall()}
    tp_scores = [s for s in load_audits(registry).scored(scoring_rules(registry)) if not s.empty]
    kept, _bad = load_actions(registry.root)
    failed = False
    for venue in registry.config.venues:
        mine = [s for s in tp_scores if s.venue == venue.id]
        if not mine:
            continue
        differ = sum(sql.get((s.path, s.venue)) != s.score for s in mine)
        own = [a for a in kept if a.venue == venue.id]
        expected = (
            sum(a.status in ("open", "reopened") for a in own),
            sum(a.overdue(args.today) for a in own),
            sum(a.status == "verified" for a in own),
        )
        got = acts.get(venue.id, (0, 0, 0))
        failed |= bool(differ) or got != expected
        mismatch = "" if got == expected else f"  ≠ {expected}"
        print(
            "  "
            + mismatch
            + words["venue"].format(
                venue=venue.title,
                n=len(mine),
                differ=differ,
                open=got[0],
                late=got[1],
                verified=got[2],
            )
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
