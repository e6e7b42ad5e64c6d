"""Run one command; print its exit code, its time in seconds and its peak memory in KiB.

    python benchmarks/measure.py [--tree] COMMAND [ARG...]

The time runs from the start of the process to its exit. The memory is the peak resident set
of the biggest single process (what the kernel records); with --tree, the larger of that and
the peak of the whole process tree taken together (the command and its worker processes),
sampled every 50 ms from /proc as proportional set sizes, so pages a worker shares with its
parent count once. Sampling takes some CPU, so a run with --tree is for memory, not time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time

INTERVAL = 0.05  # seconds between samples of the process tree


def tree_kib(root: int) -> int:
    """Proportional set size of root and every process below it, in KiB."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, [])
        total += _pss(pid)
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main() -> None:
    args = sys.argv[1:]
    tree = args[:1] == ["--tree"]
    if tree:
        args = args[1:]
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(INTERVAL):
            peak = max(peak, tree_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if tree and os.path.isdir("/proc"):
        sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(code, f"{seconds:.4f}", max(peak, largest))


if __name__ == "__main__":
    main()
