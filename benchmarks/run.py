"""tpkit's speed and memory beside the floor (a bare parse of the same files) and yamllint.

    python benchmarks/run.py [--runs 3] [--quick]

Every measurement is a whole process, timed from start to exit; the figure is the median of
the runs, the memory the peak of the process and its worker processes together (see
measure.py). Writes benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
TPKIT = [PY, "-m", "tpkit"]
TODAY = "2026-11-25"

MEASURE = str(HERE / "measure.py")  # times one process and takes its peak memory

FLOOR = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


@dataclass
class Row:
    name: str
    seconds: float
    rss_mb: float
    exit: int
    floor: str = ""
    ratio: float | None = None
    target: str = ""


def measure(cmd: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float, int]:
    """Median time of the runs; peak memory of one more run that also counts the workers."""
    times, peaks, code = [], [], 0
    for tree in [False] * runs + [True]:
        out = subprocess.run(
            [PY, MEASURE, *(["--tree"] if tree else []), *cmd],
            capture_output=True,
            text=True,
            cwd=cwd,
            check=True,
        )
        fields = out.stdout.split()
        code, seconds, kib = int(fields[0]), float(fields[1]), int(fields[2])
        if not tree:
            times.append(seconds)
        peaks.append(kib / 1024)
    return statistics.median(times), max(peaks), code


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
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python {platform.python_version()}"
        f"; {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller registries")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    work = Path(tempfile.mkdtemp(prefix="tpkit-bench-"))
    big_n, audits_n = (2000, 200) if args.quick else (10_000, 2000)
    print(f"generating registries in {work} …", flush=True)
    small = generate(work / "r1k", 1000, 100, 0)
    big = generate(work / "r10k", big_n, 100, 0)
    audited = generate(work / "audits", 500, 100, audits_n)
    audit_files = sorted(str(p) for p in (audited / "audits").rglob("*.yaml"))
    yamllint = shutil.which("yamllint", path=str(Path(PY).parent)) or shutil.which("yamllint")
    runs = args.runs
    rows: list[Row] = []

    def add(
        name: str,
        cmd: list[str],
        floor: Row | None = None,
        target: str = "",
        cwd: Path | None = None,
    ) -> Row:
        seconds, rss, code = measure(cmd, runs, cwd)
        row = Row(
            name,
            seconds,
            rss,
            code,
            floor.name if floor else "",
            seconds / floor.seconds if floor else None,
            target,
        )
        rows.append(row)
        ratio = f"  ×{row.ratio:.2f} of {floor.name}" if floor else ""
        print(f"{name:<48} {seconds:7.2f} s  {rss:7.0f} MB{ratio}", flush=True)
        return row

    for label, reg in (("1k", small), (f"{big_n // 1000}k", big)):
        floor = add(
            f"floor: CSafeLoader parse, {label} touchpoints",
            [PY, "-c", FLOOR, str(reg / "touchpoints")],
        )
        add(
            f"tpkit validate --format json --no-cache, {label}",
            [
                *TPKIT,
                "--registry",
                str(reg),
                "--today",
                TODAY,
                "validate",
                "--format",
                "json",
                "--no-cache",
            ],
            floor,
            "≤ 1.5× floor" if label != "1k" else "",
        )
        cached = [*TPKIT, "--registry", str(reg), "--today", TODAY, "validate", "--format", "json"]
        subprocess.run(cached, capture_output=True, check=False)  # fills .tpkit_cache/
        add(
            f"tpkit validate --format json, {label}, second run (cache)",
            cached,
            floor,
            "≤ 1.5× floor; ≤ 300 MB" if label != "1k" else "",
        )
        if yamllint:
            lint = add(
                f"yamllint -d relaxed, {label}",
                [yamllint, "-d", "relaxed", str(reg / "touchpoints")],
                floor,
            )
            for row in rows[-3:-1]:
                row.target += f" (×{row.seconds / lint.seconds:.2f} of yamllint)"
    floor = add(
        f"floor: CSafeLoader parse, {len(audit_files)} audits",
        [PY, "-c", FLOOR, str(audited / "audits")],
    )
    add(
        f"tpkit audit score, {len(audit_files)} audits",
        [*TPKIT, "--registry", str(audited), "audit", "score", "--format", "json", *audit_files],
        floor,
        "≤ 1.5× floor",
    )
    add(
        "tpkit render checklist, 500 touchpoints → HTML",
        [*TPKIT, "--registry", str(audited), "render", "checklist", "-o", str(work / "c.html")],
        None,
        "≤ 1 s",
    )
    add(
        "tpkit render checklist, 500 touchpoints → PDF",
        [
            *TPKIT,
            "--registry",
            str(audited),
            "render",
            "checklist",
            "--format",
            "pdf",
            "-o",
            str(work / "c.pdf"),
        ],
    )
    start = add("python -c 'import yaml'", [PY, "-c", "import yaml"])
    add("tpkit --version", [*TPKIT, "--version"], start, "≤ 2× import yaml")
    add(
        "tpkit validate (reference registry)",
        [*TPKIT, "--today", TODAY, "validate"],
        None,
        "≤ 0.5 s",
        cwd=ROOT,
    )
    write_results(rows, machine(), runs)
    shutil.rmtree(work, ignore_errors=True)


def write_results(rows: list[Row], where: str, runs: int) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {where}.",
        f"Each figure is the median of {runs} runs of a whole process; memory is the peak of "
        "the process and its worker processes together (proportional set sizes, sampled every "
        "50 ms, or the largest single process where that is more). Run again with `make bench`.",
        "The cold run (`--no-cache`) reads and checks every file on every core; the second run "
        "reuses `.tpkit_cache/` for the files that did not change. yamllint checks YAML syntax "
        "and style only.",
        "",
        "| what | time | peak memory | ratio | target |",
        "|---|---:|---:|---:|---|",
    ]
    for r in rows:
        ratio = f"×{r.ratio:.2f} of “{r.floor}”" if r.ratio is not None else ""
        lines.append(f"| {r.name} | {r.seconds:.2f} s | {r.rss_mb:.0f} MB | {ratio} | {r.target} |")
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten: {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
