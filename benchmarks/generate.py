"""Synthetic registries for the benchmark, built from the reference touchpoints.

    python benchmarks/generate.py OUT --touchpoints 10000 --venues 100 --audits 2000

The touchpoints are the reference ones with new ids, spread over the venues; the audits are
~300 checks each with random results, written by tpkit's own audit writer."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

import yaml

from tpkit.audit.files import Audit, Result, SnapshotCheck, dump
from tpkit.model import Target

ROOT = Path(__file__).resolve().parent.parent


def generate(
    out: Path, touchpoints: int, venues: int, audits: int, checks: int = 300, seed: int = 1
) -> Path:
    rnd = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "touchpoints").mkdir(parents=True)
    config = yaml.safe_load((ROOT / "tpkit.yaml").read_text(encoding="utf-8"))
    config["venues"] = [
        {"id": f"v{i:03d}", "title": f"Venue {i}", "language": "ru" if i % 2 == 0 else "en"}
        for i in range(venues)
    ]
    (out / "tpkit.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    sources = sorted((ROOT / "touchpoints").rglob("*.yaml"))
    texts = [(p.parent.name, p.read_text(encoding="utf-8")) for p in sources]
    for n in range(touchpoints):
        zone, text = texts[n % len(texts)]
        lang = "ru" if "venues: [nevsky]" in text else "en"
        venue = f"v{(2 * rnd.randrange(venues // 2) + (lang == 'en')) % venues:03d}"
        text = re.sub(r"^id: (\S+)", rf"id: \g<1>-{n}", text, count=1, flags=re.M)
        text = re.sub(r"^venues: \[\w+\]", f"venues: [{venue}]", text, count=1, flags=re.M)
        folder = out / "touchpoints" / zone
        folder.mkdir(exist_ok=True)
        (folder / f"tp-{n:05d}.yaml").write_text(text, encoding="utf-8")
    write_audits(out, audits, venues, checks, rnd)
    return out


def write_audits(out: Path, count: int, venues: int, checks: int, rnd: random.Random) -> None:
    zones = ["before", "arrival", "order", "service", "payment", "departure", "after"]
    snapshot: dict[str, SnapshotCheck] = {}
    for i in range(checks):
        cid = f"bench.tp{i // 5:03d}/c{i % 5}"
        timed = i % 4 == 0
        snapshot[cid] = SnapshotCheck(
            cid,
            f"Check number {i} of the benchmark",
            zones[(i // 5) % len(zones)],
            "service-director",
            f"Touchpoint {i // 5}",
            ("waiter",),
            "time" if timed else "yesno",
            Target(max=30, unit="s") if timed else None,
            float(1 + i % 3),
            i % 37 == 0,
        )
    start = dt.date(2026, 1, 1)
    for n in range(count):
        venue = f"v{n % venues:03d}"
        day = start + dt.timedelta(days=n // venues * 7)
        results = {}
        for cid, check in snapshot.items():
            roll = rnd.random()
            if check.type == "time":
                results[cid] = Result(None, float(rnd.randint(5, 45)))
            else:
                results[cid] = Result(
                    "fail"
                    if roll < 0.1
                    else "na"
                    if roll < 0.15
                    else "wow"
                    if roll < 0.2
                    else "pass"
                )
        audit = Audit(venue, day, "mystery", snapshot, results, "Bench")
        folder = out / "audits" / venue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{day.isoformat()}-mystery-{n}.yaml").write_text(dump(audit), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--venues", type=int, default=100)
    parser.add_argument("--audits", type=int, default=0)
    parser.add_argument("--checks", type=int, default=300)
    args = parser.parse_args()
    generate(args.out, args.touchpoints, args.venues, args.audits, args.checks)
    print(args.out)


if __name__ == "__main__":
    main()
