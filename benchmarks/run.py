"""tpkit's speed and memory on registries of varied, real-style text, beside the floor (a bare
YAML parse of the same files, measured in the same run).

    python benchmarks/run.py [--runs 3] [--quick] [--only PATTERN] [--keep]

Every measurement is a whole process, timed from start to exit; the figure is the median of the
runs, the memory the peak of the process and its worker processes together (see measure.py).
A row whose command fails (an exit code other than 0, or 1 for findings) is shown as failed and
the run goes on. `--only PATTERN` measures the rows whose name contains PATTERN (and the floors
they are compared with). A full run writes benchmarks/RESULTS.md; a run with --quick or --only
prints the same table instead, so a partial run never replaces the full one."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import Maker, audit_registry, big_touchpoint, generate  # noqa: E402

PY = sys.executable
_SCRIPT = Path(PY).parent / "tpkit"
TPKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "tpkit"]
TODAY = "2026-12-02"
MEASURE = str(HERE / "measure.py")  # times one process and takes its peak memory
COSTLY_SECONDS = 60.0  # a floor slower than this is measured once, and so is its row

# the floor: a bare parse of the files, one process; argv[1] is a folder or @a-list-of-files
FLOOR = (
    "import sys, yaml, pathlib\n"
    "a = sys.argv[1]\n"
    "paths = pathlib.Path(a[1:]).read_text().split('\\n') if a.startswith('@') "
    "else sorted(pathlib.Path(a).rglob('*.yaml'))\n"
    "for p in paths:\n"
    "    yaml.load(pathlib.Path(p).read_bytes(), Loader=yaml.CSafeLoader)\n"
)


@dataclass(frozen=True)
class Target:
    ratio: float | None = None  # at most this many times the floor
    seconds: float | None = None
    mb: float | None = None

    def __str__(self) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}× floor")
        if self.seconds is not None:
            parts.append(f"≤ {self.seconds:g} s")
        if self.mb is not None:
            parts.append(f"≤ {self.mb:g} MB")
        return "; ".join(parts)


@dataclass
class Spec:
    """A row to measure: the command (built when the row runs, so its data is made only if
    it is needed) and what it is compared with."""

    name: str
    command: Callable[[], list[str]]
    floor: str | None = None  # name of the row it is compared with
    target: Target = field(default_factory=Target)
    cwd: Path | None = None
    before: Callable[[], None] | None = None  # once, before the runs (warm a cache)
    each: Callable[[int], None] | None = None  # before every run (change a file)
    costly: bool = False  # may be measured once (see COSTLY_SECONDS)
    # "empty": every run with a cache folder of its own (no word forms, no word-list keys kept
    # by an earlier run); "kept": one cache folder warmed once; None: the user's own
    home: str | None = None


@dataclass
class Row:
    name: str
    seconds: float = 0.0
    mb: float = 0.0
    code: int = 0
    runs: int = 0
    floor: str = ""
    ratio: float | None = None
    target: Target = field(default_factory=Target)
    error: str = ""

    @property
    def verdict(self) -> str:
        if self.error:
            return "FAILED"
        t = self.target
        if t.ratio is None and t.seconds is None and t.mb is None:
            return ""
        ok = (
            (t.ratio is None or (self.ratio is not None and self.ratio <= t.ratio))
            and (t.seconds is None or self.seconds <= t.seconds)
            and (t.mb is None or self.mb <= t.mb)
        )
        return "pass" if ok else "miss"


def run_once(
    cmd: list[str], cwd: Path | None, tree: bool, env: dict[str, str] | None = None
) -> tuple[int, float, float]:
    out = subprocess.run(
        [PY, MEASURE, *(["--tree"] if tree else []), *cmd],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env=env,
    )
    fields = out.stdout.split()
    if out.returncode != 0 or len(fields) != 3:
        raise RuntimeError(f"measure.py failed: {out.stderr.strip()[-300:]}")
    return int(fields[0]), float(fields[1]), int(fields[2]) / 1024


def why_failed(cmd: list[str], cwd: Path | None) -> str:
    """The last lines a failing command wrote to stderr."""
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, check=False)
    lines = [line for line in out.stderr.strip().splitlines() if line.strip()]
    return f"exit {out.returncode}: " + (" | ".join(lines[-3:]) if lines else "(no message)")


def measure(spec: Spec, runs: int) -> Row:
    """Median time of the runs; the peak memory of one more run that counts the workers."""
    row = Row(spec.name, target=spec.target)
    try:
        cmd = spec.command()
        if spec.before:
            spec.before()
        times: list[float] = []
        n = 0
        kept = tempfile.mkdtemp(prefix="tpkit-home-") if spec.home else ""
        if spec.home == "kept":
            warm(cmd, {**os.environ, "XDG_CACHE_HOME": kept})
        while n <= runs:  # runs for time, then one for the memory of the whole tree
            tree = n == runs
            if spec.each:
                spec.each(n)
            env = None
            if spec.home:
                home = kept if spec.home == "kept" else tempfile.mkdtemp(prefix="tpkit-home-")
                env = {**os.environ, "XDG_CACHE_HOME": home}
            code, seconds, mb = run_once(cmd, spec.cwd, tree, env)
            if code not in (0, 1):
                row.code = code
                row.error = why_failed(cmd, spec.cwd)
                return row
            row.code = code
            row.mb = max(row.mb, mb)
            if not tree:
                times.append(seconds)
                if spec.costly and n == 0 and seconds > COSTLY_SECONDS:
                    runs = 1
            n += 1
        row.seconds = statistics.median(times)
        row.runs = len(times)
    except Exception as error:  # a broken row must not stop the others
        row.error = f"{type(error).__name__}: {error}"
    return row


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB memory; Python "
        f"{platform.python_version()}; {platform.system()} {platform.release()}"
    )


class Data:
    """The registries, each made the first time a row needs it."""

    def __init__(self, work: Path, quick: bool) -> None:
        self.work = work
        self.quick = quick
        self.small_n, self.big_n = (200, 1000) if quick else (1000, 10_000)
        self.audits_n = (100, 300) if quick else (2000, 10_000)
        self.big_size = (128 << 10) if quick else (1 << 20)
        self.notes: dict[str, str] = {}

    @functools.cached_property
    def maker(self) -> Maker:
        return Maker(1)

    def fresh(self, seed: int) -> Maker:
        """A maker on its own seed that shares the vocabulary (made once)."""
        return Maker(seed, self.maker.words)

    def registry(self, n: int) -> Path:
        out = self.work / f"r{n}"
        if not out.exists():
            stats = generate(out, n, 100, maker=self.fresh(1))
            print(
                f"  generated {n} touchpoints ({stats.bytes / 2**20:.1f} MiB, "
                f"{len(stats.forms)} distinct word forms) in {stats.seconds:.1f} s",
                flush=True,
            )
            if n == self.big_n:
                self.notes["forms"] = f"{len(stats.forms)}"
                self.notes["bytes"] = f"{stats.bytes / 2**20:.1f} MiB"
                self.notes["findings"] = count_findings(out)
                print(f"  first validate --no-cache: {self.notes['findings']}", flush=True)
        return out

    @functools.cached_property
    def big(self) -> Path:
        path = big_touchpoint(self.work / "big", self.big_size, maker=self.fresh(7))
        self.notes["big"] = f"{path.stat().st_size / 2**20:.2f} MiB"
        print(f"  generated one touchpoint of {self.notes['big']}", flush=True)
        return path

    @functools.cached_property
    def audits(self) -> tuple[Path, list[Path]]:
        out = self.work / "audited"
        paths = audit_registry(out, self.audits_n[1], maker=self.fresh(3))
        size = sum(p.stat().st_size for p in paths) / 2**20
        self.notes["audits"] = f"{len(paths)} audit files, {size:.0f} MiB"
        print(f"  generated {self.notes['audits']}", flush=True)
        return out, paths

    def audit_list(self, n: int) -> Path:
        """A file naming the first n audits (oldest first), one a line."""
        listed = self.work / f"audits-{n}.txt"
        if not listed.exists():
            listed.write_text("\n".join(str(p) for p in self.audits[1][:n]), encoding="utf-8")
        return listed

    def audit_files(self, n: int, own: bool = False) -> list[str]:
        """The first n audits; with `own`, their copies in a registry that holds just them."""
        if own and n != len(self.audits[1]):
            return sorted(str(p) for p in (self.audit_registry(n) / "audits").rglob("*.yaml"))
        return [str(p) for p in self.audits[1][:n]]

    def audit_registry(self, n: int) -> Path:
        """A registry with the same venues and touchpoints and only the first n audits."""
        whole, paths = self.audits
        if n == len(paths):
            return whole
        out = self.work / f"audited-{n}"
        if not out.exists():
            shutil.copytree(whole, out, ignore=shutil.ignore_patterns("audits"))
            for path in paths[:n]:
                target = out / path.relative_to(whole)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
        return out


def count_findings(registry: Path) -> str:
    cmd = [*TPKIT, "--registry", str(registry), "--today", TODAY, "validate", "--format", "json"]
    out = subprocess.run([*cmd, "--no-cache"], capture_output=True, text=True, check=False)
    try:
        summary = json.loads(out.stdout)["summary"]
    except (ValueError, KeyError):
        return f"could not be counted (exit {out.returncode}: {out.stderr.strip()[-200:]})"
    total = sum(summary.get(level, 0) for level in ("error", "warning", "info"))
    return (
        f"{total} findings ({summary.get('error', 0)} errors, {summary.get('warning', 0)} "
        f"warnings, {summary.get('info', 0)} info)"
    )


def specs(data: Data) -> list[Spec]:
    def validate(n: int, *extra: str) -> Callable[[], list[str]]:
        return lambda: [
            *TPKIT,
            "--registry",
            str(data.registry(n)),
            "--today",
            TODAY,
            "validate",
            "--format",
            "json",
            *extra,
        ]

    def floor(path: Callable[[], str]) -> Callable[[], list[str]]:
        return lambda: [PY, "-c", FLOOR, path()]

    rows: list[Spec] = []
    for n in (data.small_n, data.big_n):
        label = f"{n // 1000}k" if n >= 1000 else str(n)
        big = n == data.big_n
        floor_name = f"floor: CSafeLoader parse, {label} touchpoints"
        rows.append(Spec(floor_name, floor(lambda n=n: str(data.registry(n) / "touchpoints"))))
        rows.append(
            Spec(
                f"tpkit validate --no-cache, {label}, all cores",
                validate(n, "--no-cache"),
                floor_name,
                Target(ratio=0.75, mb=300) if big else Target(),
                home="empty",
            )
        )
        rows.append(
            Spec(
                f"tpkit validate --no-cache --jobs 1, {label}",
                validate(n, "--no-cache", "--jobs", "1"),
                floor_name,
                Target(ratio=1.5, mb=300) if big else Target(),
                home="empty",
            )
        )
        if big:
            rows.append(
                Spec(
                    f"tpkit validate --no-cache, {label}, all cores, word forms kept",
                    validate(n, "--no-cache"),
                    floor_name,
                    Target(ratio=0.75, mb=300),
                    home="kept",
                )
            )
    floor_big = f"floor: CSafeLoader parse, {data.big_n // 1000}k touchpoints"
    cached = validate(data.big_n)
    rows.append(
        Spec(
            f"tpkit validate, {data.big_n // 1000}k, cached second run",
            cached,
            floor_big,
            Target(ratio=0.30),
            before=lambda: warm(cached()),
        )
    )
    changing: dict[str, tuple[Path, str]] = {}

    def change(run: int) -> None:
        if "file" not in changing:
            path = sorted((data.registry(data.big_n) / "touchpoints").rglob("*.yaml"))[0]
            changing["file"] = (path, path.read_text(encoding="utf-8"))
        path, text = changing["file"]
        edit = f"standard: >\n  Правка номер {run + 1}: стол накрывают к приходу гостей.\n"
        path.write_text(text.replace("standard: >\n", edit, 1), encoding="utf-8")

    rows.append(
        Spec(
            f"tpkit validate, {data.big_n // 1000}k, one file changed",
            cached,
            floor_big,
            Target(ratio=0.30),
            before=lambda: warm(cached()),
            each=change,
        )
    )
    size = "1 MiB" if data.big_size == 1 << 20 else f"{data.big_size >> 10} KiB"
    rows.append(
        Spec(f"floor: CSafeLoader parse, one {size} touchpoint", floor(lambda: str(data.big)))
    )
    rows.append(
        Spec(
            f"tpkit validate --no-cache, one {size} touchpoint",
            lambda: [
                *TPKIT,
                "--registry",
                str(data.big.parent.parent.parent),
                "--today",
                TODAY,
                "validate",
                "--format",
                "json",
                "--no-cache",
            ],
            f"floor: CSafeLoader parse, one {size} touchpoint",
            Target(seconds=2.0),
        )
    )

    def score(
        registry: Callable[[], Path], files: Callable[[], list[str]]
    ) -> Callable[[], list[str]]:
        return lambda: [
            *TPKIT, "--registry", str(registry()), "audit", "score", "--format", "json", *files()
        ]  # fmt: skip

    for n in data.audits_n:
        name = f"floor: CSafeLoader parse, {n} audits"
        rows.append(Spec(name, floor(lambda n=n: "@" + str(data.audit_list(n))), costly=True))
        rows.append(
            Spec(
                f"tpkit audit score --format json, {n} audits (every audit of a registry)",
                score(
                    lambda n=n: data.audit_registry(n), lambda n=n: data.audit_files(n, own=True)
                ),
                name,
                Target(ratio=1.0, mb=600),
                costly=True,
            )
        )
    small = data.audits_n[0]
    rows.append(
        Spec(
            f"tpkit audit score --format json, {small} of {data.audits_n[1]} audits named "
            "(the others of the same venues read for the change since the last visit)",
            score(lambda: data.audits[0], lambda: data.audit_files(small)),
            f"floor: CSafeLoader parse, {small} audits",
            costly=True,
        )
    )
    rows.append(
        Spec(
            "tpkit render checklist --format pdf, one venue of ~150 checks",
            lambda: [
                *TPKIT,
                "--registry",
                str(data.audits[0]),
                "render",
                "checklist",
                "--venue",
                "v000",
                "--format",
                "pdf",
                "-o",
                str(data.work / "checklist.pdf"),
            ],
            target=Target(seconds=2.0),
        )
    )

    def report(month: bool) -> list[str]:
        venue = data.audits[0] / "audits" / "v000"
        chosen = [p for p in data.audit_files(data.audits_n[0]) if Path(p).parent == venue]
        if month:  # the visits of the last month of them, as a monthly report has
            last = max(Path(p).name[:7] for p in chosen)
            chosen = [p for p in chosen if Path(p).name[:7] == last]
        return [
            *TPKIT,
            "--registry",
            str(data.audits[0]),
            "render",
            "report",
            *chosen,
            "--format",
            "pdf",
            "-o",
            str(data.work / "report.pdf"),
        ]

    rows.append(
        Spec(
            "tpkit render report --format pdf, a month of one venue's audits",
            lambda: report(month=True),
            target=Target(seconds=2.0),
        )
    )
    rows.append(
        Spec(
            f"tpkit render report --format pdf, one venue's audits among the first {small}",
            lambda: report(month=False),
        )
    )
    rows.append(Spec("python -c 'import yaml'", lambda: [PY, "-c", "import yaml"]))
    rows.append(
        Spec(
            "tpkit --version",
            lambda: [*TPKIT, "--version"],
            "python -c 'import yaml'",
            Target(ratio=1.5),
        )
    )
    rows.append(
        Spec(
            "tpkit validate (reference registry)",
            lambda: [*TPKIT, "--today", TODAY, "validate"],
            target=Target(seconds=0.5),
            cwd=ROOT,
        )
    )
    return rows


def warm(cmd: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, capture_output=True, check=False, env=env)


def show(row: Row) -> str:
    if row.error:
        return f"{row.name:<62} FAILED  {row.error}"
    ratio = f"  ×{row.ratio:.2f}" if row.ratio is not None else ""
    verdict = f"  {row.target} → {row.verdict}" if row.verdict else ""
    return f"{row.name:<62} {row.seconds:7.2f} s {row.mb:7.0f} MB{ratio}{verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller registries, a fast check")
    parser.add_argument("--only", metavar="PATTERN", help="only rows whose name contains it")
    parser.add_argument("--keep", action="store_true", help="keep the generated registries")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tpkit-bench-"))
    data = Data(work, args.quick)
    all_specs = specs(data)
    chosen = [s for s in all_specs if args.only is None or args.only in s.name]
    wanted = {s.name for s in chosen} | {s.floor for s in chosen if s.floor}
    chosen = [s for s in all_specs if s.name in wanted]
    if not chosen:
        sys.exit(f"no row's name contains {args.only!r}")
    print(f"data in {work}", flush=True)
    rows: dict[str, Row] = {}
    try:
        for spec in chosen:
            runs = args.runs
            floor = rows.get(spec.floor) if spec.floor else None
            if spec.costly and floor is not None and floor.runs:
                runs = min(runs, floor.runs)
            row = measure(spec, runs)
            if floor is not None and not floor.error and not row.error:
                row.floor = floor.name
                row.ratio = row.seconds / floor.seconds if floor.seconds else None
            rows[spec.name] = row
            print(show(row), flush=True)
    finally:
        if args.keep:
            print(f"registries kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = results(list(rows.values()), data, args)
    if args.quick or args.only:  # a partial run never replaces the full table
        print("\n" + text)
    else:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
        print(f"\nwritten: {HERE / 'RESULTS.md'}")


def results(rows: list[Row], data: Data, args: argparse.Namespace) -> str:
    """RESULTS.md: the machine, how the text was made, then a row per measurement."""
    notes = data.notes
    text = []
    if "forms" in notes:
        text.append(
            f"The {data.big_n} touchpoints ({notes['bytes']}) hold {notes['forms']} distinct "
            f"word forms; a first `tpkit validate --no-cache` over them gives "
            f"{notes['findings']}."
        )
    if "audits" in notes:
        text.append(f"Audits: {notes['audits']}.")
    if "big" in notes:
        text.append(f"The big touchpoint is {notes['big']}.")
    once = [r.name for r in rows if r.runs == 1 and args.runs > 1]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
        f"Command: `python benchmarks/run.py --runs {args.runs}"
        + (" --quick" if args.quick else "")
        + (f" --only '{args.only}'" if args.only else "")
        + "`.",
        "",
        (
            f"Each time is the median of {args.runs} runs of a whole process"
            if args.runs > 1
            else "Each time is one run of a whole process"
        )
        + (
            f" (measured once, its floor being over {COSTLY_SECONDS:g} s: {', '.join(once)})"
            if once
            else ""
        )
        + "; memory is the peak of the process and its worker processes together (proportional "
        "set sizes sampled every 50 ms, or the largest single process where that is more). "
        "The ratio is to the floor named, measured in the same run. The `--no-cache` rows run "
        "each time with an empty cache folder of their own (`XDG_CACHE_HOME`): no result cache, "
        "and no word forms or word-list keys kept by an earlier run; the row marked “word forms "
        "kept” runs with the folder one earlier run filled (`~/.cache/tpkit/words/`), as a "
        "user's every run after the first does.",
        "",
        "How the text was made: `benchmarks/generate.py` takes the reference touchpoints and the "
        "quality corpus (quality/cases/), swaps steps, phrases and checks between touchpoints of "
        "one language, and replaces nouns and adjectives by others in the same grammatical form "
        "(pymorphy3 for Russian, lemminflect for English); review dates are mixed, a quarter "
        "overdue. Audits (internal: every check of a ~150-check venue; mystery visits: 60-100; "
        "point of sale: 30) are written by tpkit's own audit writer.",
        *(["", " ".join(text)] if text else []),
        "",
        "| what | time | peak memory | ratio to floor | target | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    for r in rows:
        if r.error:
            lines.append(f"| {r.name} | — | — | — | {r.target} | FAILED: {r.error} |")
            continue
        ratio = f"×{r.ratio:.2f} of “{r.floor}”" if r.ratio is not None else ""
        lines.append(
            f"| {r.name} | {r.seconds:.2f} s | {r.mb:.0f} MB | {ratio} | {r.target} | {r.verdict} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
