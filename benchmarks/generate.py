"""Registries for the benchmark, made of text that reads like real standards.

    python benchmarks/generate.py OUT --touchpoints 10000 [--audits 2000] [--big]

The touchpoints start from the reference registry (touchpoints/) and the quality corpus
(quality/cases/, which holds every kind of problem the rules know). Each generated file takes
one source touchpoint, swaps some of its steps, phrases and checks for those of another source
of its language, and replaces nouns and adjectives by others in the same grammatical form
(see words.py), so the registry has a large vocabulary and keeps its grammar and its problems.
Review dates are mixed: most current, some due soon, some overdue. Everything is seeded.

`--audits N` adds an audit registry (OUT/audits-registry): two chains of venues with ~150
checks each, and N audit files written by tpkit's own audit writer: internal checks of every
check, mystery visits of 60-100 checks, point-of-sale audits of ~30. `--big` adds a registry
with one touchpoint of ~1 MiB."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from words import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 2)
ZONES = ["before", "arrival", "order", "service", "payment", "departure", "farewell", "after"]
KINDS = {
    "ru": ["restaurant", "cafe", "bar", "hotel", "salon"],
    "en": ["hotel", "restaurant", "cafe", "bar", "salon"],
}
_WORDS_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class Source:
    """One touchpoint to vary: its data as loaded, its language and the kind of venue."""

    data: dict[str, Any]
    lang: str
    kind: str  # venue kind
    quality: bool  # from quality/cases (written the way real standards are)


def load_sources() -> list[Source]:
    sources: list[Source] = []
    for path in sorted((ROOT / "touchpoints").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang = "ru" if data.get("venues") == ["nevsky"] else "en"
        sources.append(Source(data, lang, "restaurant" if lang == "ru" else "hotel", False))
    for path in sorted((ROOT / "quality" / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(case["touchpoint"])
        sources.append(Source(data, data["lang"], case.get("venue_kind", "restaurant"), True))
    return sources


def texts_of(data: dict[str, Any]) -> list[str]:
    """Every piece of prose in a touchpoint."""
    out = [str(data.get("title", "")), str(data.get("standard", ""))]
    out += [str(s) for s in data.get("steps") or []] + [str(s) for s in data.get("say") or []]
    for item in data.get("avoid") or []:
        out += [str(item.get("phrase", "")), str(item.get("instead", ""))]
    out += [str(c.get("text", "")) for c in data.get("checks") or []]
    return out


# ---- writing YAML by hand, as people lay these files out ------------------------------------

_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_NOT_TEXT = re.compile(
    r"^(?:y|n|yes|no|true|false|on|off|null|~|[-+]?[\d._]+(?:e[-+]?\d+)?|\d{4}-\d\d-\d\d.*|[-+]?\.inf|\.nan)$",
    re.I,
)


def scalar(text: str, flow: bool = False) -> str:
    """The text as a plain scalar where YAML reads it back as the same text, else quoted."""
    plain = (
        bool(text)
        and _PLAIN_START.match(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and "\t" not in text
        and not _NOT_TEXT.match(text)
        and not (flow and any(ch in text for ch in ",[]{}"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def folded(text: str, indent: str = "  ", width: int = 88) -> list[str]:
    """A folded block scalar's lines: the text wrapped at spaces."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return lines


def number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def dump_touchpoint(data: dict[str, Any], folded_standard: bool = True) -> str:
    out = [f"id: {data['id']}", f"title: {scalar(data['title'])}", f"zone: {data['zone']}"]
    if data.get("channel"):
        out.append(f"channel: {data['channel']}")
    if data.get("roles"):
        out.append(f"roles: [{', '.join(data['roles'])}]")
    out.append(f"owner: {data['owner']}")
    if data.get("venues"):
        out.append(f"venues: [{', '.join(data['venues'])}]")
    if data.get("lang"):
        out.append(f"lang: {data['lang']}")
    out.append(f"reviewed: {data['reviewed'].isoformat()}")
    if data.get("review_every"):
        out.append(f"review_every: {data['review_every']}")
    standard = " ".join(str(data["standard"]).split())
    if folded_standard:
        out += ["standard: >", *folded(standard)]
    else:
        out.append(f"standard: {json.dumps(standard, ensure_ascii=False)}")
    for key in ("steps", "say"):
        if data.get(key):
            out.append(f"{key}:")
            out += [f"  - {scalar(str(item))}" for item in data[key]]
    if data.get("avoid"):
        out.append("avoid:")
        for item in data["avoid"]:
            cells = ", ".join(f"{k}: {scalar(str(v), flow=True)}" for k, v in item.items())
            out.append(f"  - {{{cells}}}")
    out.append("checks:")
    for check in data["checks"]:
        out.append(f"  - id: {check['id']}")
        out.append(f"    text: {scalar(str(check['text']))}")
        if check.get("type"):
            out.append(f"    type: {check['type']}")
        if check.get("target"):
            cells = ", ".join(
                f"{k}: {number(v) if k != 'unit' else v}" for k, v in check["target"].items()
            )
            out.append(f"    target: {{{cells}}}")
        if "weight" in check:
            out.append(f"    weight: {number(check['weight'])}")
        if check.get("critical"):
            out.append("    critical: true")
    if data.get("tags"):
        out.append(f"tags: [{', '.join(data['tags'])}]")
    return "\n".join(out) + "\n"


# ---- the registry ---------------------------------------------------------------------------


@dataclass
class Venue:
    id: str
    lang: str
    kind: str
    title: str


@dataclass
class Stats:
    files: int = 0
    bytes: int = 0
    forms: set[str] = field(default_factory=set)
    seconds: float = 0.0


def make_venues(count: int) -> list[Venue]:
    venues = []
    for i in range(count):
        lang = "ru" if i % 2 == 0 else "en"
        kind = KINDS[lang][(i // 2) % len(KINDS[lang])]
        title = f"{'Заведение' if lang == 'ru' else 'Venue'} {i}"
        venues.append(Venue(f"v{i:03d}", lang, kind, title))
    return venues


def write_config(out: Path, venues: list[Venue], sources: list[Source]) -> None:
    config = yaml.safe_load((ROOT / "tpkit.yaml").read_text(encoding="utf-8"))
    zones = {z["id"] for z in config["zones"]}
    for data in (s.data for s in sources):
        if data["zone"] not in zones:
            zones.add(data["zone"])
            config["zones"].append(
                {"id": data["zone"], "title": {"ru": data["zone"], "en": data["zone"]}}
            )
    roles = {r["id"] for r in config["roles"]}
    for data in (s.data for s in sources):
        for role in [*(data.get("roles") or []), data["owner"]]:
            if role not in roles:
                roles.add(role)
                config["roles"].append({"id": role, "title": {"ru": role, "en": role.title()}})
    config["venues"] = [
        {"id": v.id, "title": v.title, "language": v.lang, "kind": v.kind} for v in venues
    ]
    out.mkdir(parents=True, exist_ok=True)
    (out / "tpkit.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


class Maker:
    """Varied touchpoints, one at a time, from the sources."""

    def __init__(self, seed: int = 1, words: Vocabulary | None = None) -> None:
        self.sources = load_sources()
        texts = [t for s in self.sources for t in texts_of(s.data)]
        self.words = words or Vocabulary(texts)
        self.rnd = random.Random(seed)
        self.by_lang: dict[str, list[Source]] = {"ru": [], "en": []}
        for source in self.sources:
            self.by_lang[source.lang].append(source)
        # quality sources hold most of the problems; they are drawn more often
        self.weights = [3.0 if s.quality else 1.0 for s in self.sources]

    def vary(self, text: str, lang: str) -> str:
        return self.words.vary(text, lang, self.rnd)

    def touchpoint(
        self, n: int, venues: list[Venue], lang: str | None = None
    ) -> tuple[str, dict[str, Any], Source]:
        """The YAML text of touchpoint number n, its data and its source."""
        rnd = self.rnd
        source = rnd.choices(self.sources, self.weights)[0]
        while lang is not None and source.lang != lang:
            source = rnd.choices(self.sources, self.weights)[0]
        lang = source.lang
        base = source.data
        other = rnd.choice(self.by_lang[lang])
        data: dict[str, Any] = {
            "id": f"{base['id']}-{n:05d}",
            "title": self.vary(str(base["title"]), lang),
            "zone": base["zone"],
            "channel": base.get("channel"),
            "roles": list(base.get("roles") or []),
            "owner": base["owner"],
        }
        fitting = [v for v in venues if v.lang == lang and v.kind == source.kind] or [
            v for v in venues if v.lang == lang
        ]
        data["venues"] = sorted({rnd.choice(fitting).id for _ in range(rnd.choice((1, 1, 2, 3)))})
        if source.quality or rnd.random() < 0.3:
            data["lang"] = lang
        every = int(str(base.get("review_every", "180d")).rstrip("d"))
        if base.get("review_every") or rnd.random() < 0.2:
            every = rnd.choice((90, 180, 365)) if not base.get("review_every") else every
            data["review_every"] = f"{every}d"
        roll = rnd.random()
        if roll < 0.25:  # overdue
            age = every + rnd.randint(1, 400)
        elif roll < 0.35:  # due within a month
            age = every - rnd.randint(0, 29)
        elif roll < 0.36:  # written with a date still to come
            age = -rnd.randint(1, 30)
        else:
            age = rnd.randint(0, max(0, every - 31))
        data["reviewed"] = TODAY - dt.timedelta(days=age)
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(str(base["standard"]).split()))
        if rnd.random() < 0.4:  # a sentence of another standard of the same language
            extra = re.split(r"(?<=[.!?])\s+", " ".join(str(other.data["standard"]).split()))
            sentences.insert(rnd.randrange(len(sentences) + 1), rnd.choice(extra))
        data["standard"] = " ".join(self.vary(s, lang) for s in sentences if s)
        for key in ("steps", "say"):
            items = [str(x) for x in base.get(key) or []]
            more = [str(x) for x in other.data.get(key) or []]
            if items and more and rnd.random() < 0.5:
                items[rnd.randrange(len(items))] = rnd.choice(more)
            if items and more and rnd.random() < 0.2:
                items.append(rnd.choice(more))
            data[key] = [self.vary(x, lang) for x in items]
        data["avoid"] = [
            {"phrase": str(a["phrase"]), "instead": self.vary(str(a["instead"]), lang)}
            if "instead" in a
            else {"phrase": str(a["phrase"])}
            for a in base.get("avoid") or []
        ]
        checks = [dict(c) for c in base.get("checks") or []]
        if other.data.get("checks") and rnd.random() < 0.5:
            checks.append(dict(rnd.choice(other.data["checks"])))
        seen: set[str] = set()
        for check in checks:
            cid = str(check["id"])
            while cid in seen:
                cid += "-2"
            seen.add(cid)
            check["id"] = cid
            check["text"] = self.vary(str(check["text"]), lang)
        data["checks"] = checks
        data["tags"] = list(base.get("tags") or [])
        return dump_touchpoint(data, folded_standard=rnd.random() < 0.9), data, source


def generate(
    out: Path, touchpoints: int, venues: int = 100, seed: int = 1, maker: Maker | None = None
) -> Stats:
    """A registry of `touchpoints` varied touchpoints in out/."""
    start = time.perf_counter()
    maker = maker or Maker(seed)
    if out.exists():
        shutil.rmtree(out)
    places = make_venues(venues)
    write_config(out, places, maker.sources)
    stats = Stats()
    folders: set[Path] = set()
    for n in range(touchpoints):
        text, data, _ = maker.touchpoint(n, places)
        folder = out / "touchpoints" / data["zone"]
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        path = folder / f"{data['id']}.yaml"
        path.write_text(text, encoding="utf-8")
        if n % 97 == 0:  # the writer's YAML reads back as the data it wrote
            check_readback(path, data)
        stats.files += 1
        stats.bytes += len(text.encode())
        for piece in texts_of(data):
            stats.forms.update(w.lower() for w in _WORDS_RE.findall(piece))
    stats.seconds = time.perf_counter() - start
    return stats


def check_readback(path: Path, data: dict[str, Any]) -> None:
    back = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    assert back["id"] == data["id"] and back["title"] == data["title"], path
    assert " ".join(str(back["standard"]).split()) == data["standard"], path
    assert back.get("steps", []) == data["steps"] and back.get("say", []) == data["say"], path
    assert [c["text"] for c in back["checks"]] == [c["text"] for c in data["checks"]], path


def big_touchpoint(
    out: Path, size: int = 1 << 20, seed: int = 7, maker: Maker | None = None
) -> Path:
    """A registry with one touchpoint of about `size` bytes: a long standard, many steps and
    many checks, all of varied Russian text."""
    maker = maker or Maker(seed)
    if out.exists():
        shutil.rmtree(out)
    places = make_venues(2)
    write_config(out, places, maker.sources)
    ru = maker.by_lang["ru"]
    rnd = maker.rnd
    steps: list[str] = []
    checks: list[dict[str, Any]] = []
    standard: list[str] = []
    total = 0
    n = 0
    while total < size:
        source = rnd.choice(ru).data
        if len(standard) < 60:
            standard.append(maker.vary(" ".join(str(source["standard"]).split()), "ru"))
        for step in source.get("steps") or []:
            steps.append(maker.vary(str(step), "ru"))
            total += len(steps[-1].encode()) + 6
        for check in source.get("checks") or []:
            n += 1
            copy = dict(check)
            copy["id"] = f"c{n:05d}-{check['id']}"
            copy["text"] = maker.vary(str(check["text"]), "ru")
            checks.append(copy)
            total += len(copy["text"].encode()) + 60
    data = {
        "id": "big.handbook",
        "title": "Книга стандартов сервиса",
        "zone": "service",
        "channel": "in-person",
        "roles": ["waiter", "host"],
        "owner": "service-director",
        "venues": [places[0].id],
        "lang": "ru",
        "reviewed": TODAY - dt.timedelta(days=30),
        "standard": " ".join(standard),
        "steps": steps,
        "say": [],
        "avoid": [],
        "checks": checks,
        "tags": [],
    }
    path = out / "touchpoints" / "service" / "big.handbook.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(dump_touchpoint(data), encoding="utf-8")
    check_readback(path, data)
    return path


# ---- audits ---------------------------------------------------------------------------------

AUDITORS = {
    "ru": ["Анна Смирнова", "Олег Петров", "Мария Кузнецова", "Игорь Соколов", "Тайный гость"],
    "en": ["Sarah Collins", "James Hart", "Priya Shah", "Tom Baker", "Mystery guest"],
}
CHAIN_VENUES = 25  # venues in each of the two chains


def audit_registry(out: Path, count: int, seed: int = 3, maker: Maker | None = None) -> list[Path]:
    """A registry of two chains (a Russian restaurant chain, an English hotel chain), each
    venue with ~150 checks, and `count` audits of its venues in out/audits/, oldest first."""
    from tpkit.audit.files import Audit, Result, SnapshotCheck, dump
    from tpkit.model import Target

    maker = maker or Maker(seed)
    rnd = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    places = make_venues(2 * CHAIN_VENUES)
    write_config(out, places, maker.sources)
    snapshots: dict[str, dict[str, Any]] = {}
    for lang in ("ru", "en"):
        chain = [v for v in places if v.lang == lang]
        checks: dict[str, Any] = {}
        n = 0
        while len(checks) < 150:
            _, data, _ = maker.touchpoint(n, chain, lang)
            n += 1
            data["venues"] = [v.id for v in chain]
            data["reviewed"] = TODAY - dt.timedelta(days=rnd.randint(0, 150))
            folder = out / "touchpoints" / data["zone"]
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{data['id']}.yaml").write_text(dump_touchpoint(data), encoding="utf-8")
            for c in data["checks"]:
                target = c.get("target") or {}
                checks[f"{data['id']}/{c['id']}"] = SnapshotCheck(
                    f"{data['id']}/{c['id']}",
                    str(c["text"]),
                    data["zone"],
                    data["owner"],
                    str(data["title"]),
                    tuple(data["roles"]),
                    str(c.get("type", "yesno")),
                    Target(
                        target.get("max"), target.get("min"), target.get("of"), target.get("unit")
                    )
                    if target
                    else None,
                    float(c.get("weight", 1)),
                    bool(c.get("critical", False)),
                )
        order = {z: i for i, z in enumerate(ZONES)}
        ids = sorted(checks, key=lambda cid: order.get(checks[cid].zone, 99))
        guest_seen = [cid for cid in ids if rnd.random() < 0.7]  # what a mystery guest sees
        point_of_sale = sorted(rnd.sample(ids, 30), key=ids.index)
        snapshots[lang] = {
            "all": {cid: checks[cid] for cid in ids},
            "mystery": guest_seen,
            "pos": point_of_sale,
        }
    notes = {
        lang: [
            maker.vary(str(s), lang)
            for src in maker.by_lang[lang]
            for s in (src.data.get("steps") or [])
        ][:400]
        for lang in ("ru", "en")
    }
    start = dt.date(2025, 1, 6)
    paths: list[Path] = []
    for n in range(count):
        venue = places[n % len(places)]
        visit = n // len(places)
        kind = ("internal", "mystery", "mystery", "pos", "mystery")[visit % 5]
        day = start + dt.timedelta(days=visit * 3 + rnd.randint(0, 2))
        snap = snapshots[venue.lang]
        every = snap["all"]
        if kind == "internal":
            chosen = list(every)
        elif kind == "mystery":
            seen = snap["mystery"]
            chosen = sorted(rnd.sample(seen, min(len(seen), rnd.randint(60, 100))), key=seen.index)
        else:
            chosen = snap["pos"]
        results: dict[str, Any] = {}
        for cid in chosen:
            check = every[cid]
            roll = rnd.random()
            note = rnd.choice(notes[venue.lang]) if rnd.random() < 0.15 else None
            if check.type in ("time", "count", "scale") and check.target is not None:
                goal = check.target.max or check.target.min or check.target.of or 3
                if check.type == "scale":
                    value: float = float(rnd.randint(1, int(check.target.of or 5)))
                elif check.type == "count":
                    value = float(max(0, round(rnd.gauss(goal, max(1.0, goal / 3)))))
                else:
                    value = round(max(0.1, rnd.gauss(goal * 0.8, goal / 3)), 1)
                results[cid] = Result(None, value, note)
            else:
                result = (
                    "fail"
                    if roll < 0.1
                    else "na"
                    if roll < 0.14
                    else "wow"
                    if roll < 0.2
                    else "pass"
                )
                results[cid] = Result(result, None, note if result != "pass" or note else None)
        audit = Audit(
            venue.id,
            day,
            kind,
            {cid: every[cid] for cid in chosen},
            results,
            rnd.choice(AUDITORS[venue.lang]),
        )
        path = out / "audits" / venue.id / f"{day.isoformat()}-{kind}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(audit), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--venues", type=int, default=100)
    parser.add_argument("--audits", type=int, default=0)
    parser.add_argument(
        "--big", action="store_true", help="also a registry with a 1 MiB touchpoint"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    maker = Maker(args.seed)
    print(f"vocabulary ready in {time.perf_counter() - start:.1f} s", flush=True)
    stats = generate(args.out / "registry", args.touchpoints, args.venues, maker=maker)
    print(
        f"{stats.files} touchpoints, {stats.bytes / 2**20:.1f} MiB, "
        f"{len(stats.forms)} distinct word forms, in {stats.seconds:.1f} s"
    )
    if args.big:
        path = big_touchpoint(args.out / "big", maker=maker)
        print(f"1 touchpoint of {path.stat().st_size / 2**20:.2f} MiB → {path}")
    if args.audits:
        t = time.perf_counter()
        paths = audit_registry(args.out / "audits-registry", args.audits, maker=maker)
        size = sum(p.stat().st_size for p in paths) / 2**20
        print(f"{len(paths)} audits, {size:.0f} MiB, in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
