"""Fuzz the YAML loader and the audit reader: `make fuzz` (60 s), or

    .venv/bin/python fuzz/fuzz_loader.py [--seconds N] [--engine auto|atheris|hypothesis]

Two targets, picked by the first byte of each input:
  touchpoint  bytes → tpkit.loader.parse_bytes → schema.read(TOUCHPOINT) → load_touchpoint
  audit       bytes → a file → tpkit.audit.files.load_audit
Neither may raise: every bad input is a problem in the result. The run stops at the first
exception and saves the input as tests/fixtures/hostile/fuzz/<target>-<hash>.yaml, where
tests/test_hostile.py picks it up as one more hostile case (run it, fix the bug, keep the file).

With atheris (libFuzzer; coverage-guided) when it is installed, else with hypothesis (random
and mutated inputs, shrunk to a small one on failure). Both start from the hostile corpus and
the reference registry's touchpoints and audits. A hang is reported by libFuzzer (-timeout)
with the input saved under /tmp/tpkit-fuzz/.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "tests" / "fixtures" / "hostile" / "fuzz"
WORK = Path(tempfile.gettempdir()) / "tpkit-fuzz"
TARGETS = ("touchpoint", "audit")
MAX_LEN = 64 * 1024

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the machine
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["tpkit"]):
        from tpkit import schema
        from tpkit.audit.files import load_audit
        from tpkit.errors import TpkitError
        from tpkit.loader import parse_bytes
        from tpkit.registry import load_config, load_touchpoint
else:
    from tpkit import schema
    from tpkit.audit.files import load_audit
    from tpkit.errors import TpkitError
    from tpkit.loader import parse_bytes
    from tpkit.registry import load_config, load_touchpoint

# What a reader may raise on purpose: an error the CLI prints without a traceback.
EXPECTED: tuple[type[BaseException], ...] = (TpkitError,)
CONFIG = load_config(ROOT)  # the reference registry's tpkit.yaml
AUDIT_FILE = WORK / "audit.yaml"


def check(target: str, data: bytes) -> None:
    """The property: reading any bytes never raises (beyond EXPECTED)."""
    if target == "touchpoint":
        doc = parse_bytes(data, "touchpoints/fuzz.yaml")
        schema.read(schema.TOUCHPOINT, doc.root)
        load_touchpoint(doc, "touchpoints/fuzz.yaml", CONFIG)
    else:
        AUDIT_FILE.write_bytes(data)
        load_audit(AUDIT_FILE, "audits/fuzz.yaml")


def split(data: bytes) -> tuple[str, bytes]:
    return TARGETS[data[0] % 2] if data else TARGETS[0], data[1:]


def save(target: str, data: bytes, error: BaseException) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    path = CRASHES / f"{target}-{hashlib.sha1(data).hexdigest()[:12]}.yaml"
    path.write_bytes(data)
    print(
        f"\n{type(error).__name__} while reading a {target}: the input is saved as\n"
        f"  {path.relative_to(ROOT)}\n"
        "tests/test_hostile.py now runs it: fix the bug, keep the file.",
        file=sys.stderr,
    )
    return path


def seeds() -> list[bytes]:
    """The hostile corpus and the reference registry: one input per file, with its target."""
    found: list[bytes] = []
    for target, folders in (
        ("touchpoint", [ROOT / "touchpoints", ROOT / "tests/fixtures/hostile/touchpoint"]),
        ("audit", [ROOT / "audits", ROOT / "tests/fixtures/hostile/audit"]),
    ):
        for folder in folders:
            for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
                data = path.read_bytes()
                if len(data) < MAX_LEN:
                    found.append(bytes([TARGETS.index(target)]) + data)
    for path in sorted(CRASHES.glob("*-*.yaml")):  # earlier crashes, to check they stay fixed
        target = path.name.split("-", 1)[0]
        if target in TARGETS:
            found.append(bytes([TARGETS.index(target)]) + path.read_bytes())
    return found


TOKENS = [
    b": ", b"\n", b"- ", b"  ", b"\t", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!!str ",
    b"!!python/name:os.system ", b"'", b'"', b"#", b"? ", b"---\n", b"<<: ", b"\\x1b", b"\\u",
    b"2026-13-45", b"0x", b"9" * 40, b".inf", b"~", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\r",
]  # fmt: skip


# ---- atheris (libFuzzer) --------------------------------------------------------------------


def one_input(data: bytes) -> None:
    target, body = split(data)
    try:
        check(target, body)
    except EXPECTED:
        pass
    except BaseException as error:
        save(target, body, error)
        raise


def dictionary() -> Path:
    """YAML's own tokens, so that libFuzzer builds syntax rather than noise."""
    path = WORK / "yaml.dict"
    path.write_text(
        "".join('"' + "".join(f"\\x{b:02x}" for b in token) + '"\n' for token in TOKENS),
        encoding="ascii",
    )
    return path


def run_atheris(seconds: int) -> int:
    corpus = WORK / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds():
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN}",
        "-timeout=10",
        "-rss_limit_mb=2048",
        f"-artifact_prefix={WORK}/",
        f"-dict={dictionary()}",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time is up, non-zero on a crash
    return 0


# ---- hypothesis -----------------------------------------------------------------------------


def run_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    base = seeds()

    def mutate(seed: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
        data = bytearray(seed)
        for pos, cut, insert in edits:
            at = pos % (len(data) + 1)
            data[at : at + cut] = insert
        return bytes(data)

    insert = st.sampled_from(TOKENS) | st.binary(max_size=4)
    edits = st.lists(st.tuples(st.integers(0, MAX_LEN), st.integers(0, 8), insert), max_size=8)
    inputs = st.one_of(
        st.binary(max_size=512),
        st.builds(mutate, st.sampled_from(base), edits) if base else st.nothing(),
    )
    failing: dict[str, tuple[str, bytes]] = {}
    tried = [0]

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def one(data: bytes) -> None:
        target, body = split(data)
        tried[0] += 1
        try:
            check(target, body)
        except EXPECTED:
            pass
        except BaseException:
            failing["last"] = (target, body)  # the last one is the shrunk one
            raise

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            one()
        except Exception as error:
            traceback.print_exception(error)
            save(*failing["last"], error)
            return 1
    print(f"hypothesis: {tried[0]} inputs in {seconds} s, no exception", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 60)))
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if atheris is not None else "hypothesis"
    if engine == "atheris" and atheris is None:
        parser.error("atheris is not installed (.venv/bin/pip install atheris)")
    print(f"fuzzing the loader and the audit reader with {engine} for {args.seconds} s")
    run: Callable[[int], int] = run_atheris if engine == "atheris" else run_hypothesis
    return run(args.seconds)


if __name__ == "__main__":
    sys.exit(main())
