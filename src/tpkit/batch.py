"""Reading and checking many touchpoint files fast: worker processes on every core, and a
content-hash cache so a second run re-checks only the files that changed.

What a file holds, and what the per-file rules find in it, depend only on its bytes, on the
registry's settings and on tpkit itself; the cache key holds all three. Rules that depend on
the date are never cached: validate() runs them on every run. The result is the same as
reading every file in full and then validate(), problem for problem (a test holds it to that)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import hmac
import json
import marshal
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import astuple
from pathlib import Path
from typing import Any

from tpkit import files, i18n, wordstore
from tpkit.config import Registry, limits_of
from tpkit.i18n import _
from tpkit.loader import parse_bytes, read_bytes
from tpkit.model import Avoid, Check, Config, Positions, Problem, Target, Touchpoint
from tpkit.settings import rule_settings
from tpkit.tpfile import load_touchpoint, touchpoint_files
from tpkit.validate import active_rules, file_problems
from tpkit.version import __version__
from tpkit.yaml_compose import Document

CACHE_DIR = ".tpkit_cache"
PARALLEL_FROM = 300  # files; fewer are checked faster in this process than by starting workers
CHUNK = 300  # files a task
FileResult = tuple[Touchpoint | None, list[Problem], list[Problem]]  # (tp, reading, rules)


def read_checked(reg: Registry, *, jobs: int = 0, cache: bool = True) -> None:
    """Every touchpoint of `reg` read, by workers on `jobs` cores (0: all of them) and from the
    cache, with its per-file rules applied: their findings go to reg.prechecked, and each
    touchpoint is kept as its outline (Touchpoint.slim). tpkit.registry.load_registry calls it."""
    root = reg.root
    settings = rule_settings(reg)  # a bad standards file stops here, before any work
    fingerprint = _fingerprint(reg, {c: (s.level, s.params) for c, s in settings.items()})
    store = Cache(root, fingerprint) if cache else None
    known = store.load() if store is not None else {}
    limits = limits_of(reg.config)
    top = os.fspath(root)
    results: dict[str, FileResult] = {}
    todo: list[tuple[str, str, bytes | None]] = []
    keys: dict[str, str] = {}
    for rel, path in touchpoint_files(root):
        reg.files.append(rel)
        if not known:  # nothing to compare with: the workers read the files themselves
            todo.append((rel, path, None))
            continue
        data = read_bytes(path, limits, top)
        if isinstance(data, Document):  # a folder, a broken link: reported, never cached
            results[rel] = _unreadable(rel, data, reg.config)
            continue
        keys[rel] = _hash(data)
        hit = known.get(rel)
        if hit is not None and hit[0] == keys[rel]:
            results[rel] = hit[1]
        else:
            todo.append((rel, path, data))
    with _no_gc(keep=True):
        for rel, key, result in _check(reg, todo, jobs):
            results[rel] = result
            if key:
                keys[rel] = key
    for rel in reg.files:
        tp, reading, found = results[rel]
        reg.problems += reading
        if tp is not None:
            reg.touchpoints.append(tp)
            reg.prechecked[rel] = found
    if store is not None and todo:
        store.save({rel: (keys[rel], results[rel]) for rel in keys})
    wordstore.save()  # the word forms read in this run, for the next one


def _unreadable(rel: str, doc: Document, config: Config) -> FileResult:
    return None, load_touchpoint(doc, rel, config)[1], []


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _check(
    reg: Registry, todo: list[tuple[str, str, bytes | None]], jobs: int
) -> Iterator[tuple[str, str, FileResult]]:
    """(relative path, content hash or "" when unreadable, result) of each file to check."""
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers < 2 or len(todo) < PARALLEL_FROM:
        _init(reg.root, reg.config, reg.standards)
        yield from _check_chunk(todo)
        return
    # The word lists compiled here, once: the forked workers share them (set aside from the
    # collector, so that no worker's collection copies their pages).
    _lexicons = reg.lexicons
    gc.freeze()
    _init(reg.root, reg.config, reg.standards)
    # Small chunks: results go back while the next files are read, and all finish close
    # together. This process checks files too, taking chunks from the other end of the list,
    # so `workers` cores are busy with one process fewer in memory.
    size = max(50, min(CHUNK, len(todo) // (workers * 4)))
    chunks = deque(todo[i : i + size] for i in range(0, len(todo), size))
    pending: set[Future[tuple[list[tuple[str, str, FileResult]], dict[str, Any]]]] = set()
    with ProcessPoolExecutor(
        workers - 1, initializer=_init, initargs=(reg.root, reg.config, reg.standards)
    ) as pool:
        while chunks or pending:
            while chunks and len(pending) < 2 * (workers - 1):
                pending.add(pool.submit(_worker_chunk, chunks.popleft()))
            if chunks:
                yield from _check_chunk(chunks.pop())
                done, pending = wait(pending, timeout=0, return_when=FIRST_COMPLETED)
            else:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results, learned = future.result()
                wordstore.add(learned)
                yield from results


def _worker_chunk(
    items: list[tuple[str, str, bytes | None]],
) -> tuple[list[tuple[str, str, FileResult]], dict[str, Any]]:
    """A worker's results, with the word forms it read from the dictionaries meanwhile."""
    done = _check_chunk(items)
    return done, wordstore.new_entries()


_WORKER: dict[str, Any] = {}


def _init(root: Path, config: Any, standards: dict[str, Any]) -> None:
    """Set a worker up once: the registry's settings and the rules that run per file."""

    reg = Registry(root, config, standards)
    rules = active_rules(reg, rule_settings(reg), _NO_DAY, "touchpoint")
    _WORKER.update(
        registry=reg,
        rules=[r for r in rules if not r[0].uses_today],
        limits=limits_of(config),
        root=os.fspath(root),
    )


_NO_DAY = dt.date(1970, 1, 1)  # no rule that is cached reads the date


def _check_chunk(
    items: list[tuple[str, str, bytes | None]],
) -> list[tuple[str, str, FileResult]]:

    reg: Registry = _WORKER["registry"]
    limits = _WORKER["limits"]
    top: str = _WORKER["root"]
    texts: dict[str, Any] = {}
    out: list[tuple[str, str, FileResult]] = []
    with _no_gc():
        for rel, path, data in items:
            if data is None:
                got = read_bytes(path, limits, top)
                if isinstance(got, Document):  # reported; "": no hash, never cached
                    out.append((rel, "", _unreadable(rel, got, reg.config)))
                    continue
                data = got
            doc = parse_bytes(data, rel, limits)
            tp, reading = load_touchpoint(doc, rel, reg.config)
            found = file_problems(tp, _WORKER["rules"], texts) if tp is not None else []
            out.append((rel, _hash(data), (tp.slim() if tp is not None else None, reading, found)))
    return out


@contextlib.contextmanager
def _no_gc(keep: bool = False) -> Iterator[None]:
    """No cycle collection while many small objects are made: the collector would walk every
    one of them again and again, and they form no cycles (the worker processes, forked in
    here, keep it off until they end). With `keep`, what was made stays until the process
    ends and is set aside for good (gc.freeze), so later collections do not walk it either."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was:
            gc.enable()


def _fingerprint(reg: Registry, settings: dict[str, Any]) -> str:
    """Changes when tpkit, the registry's settings, standards or lexicons change."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    digest.update(i18n.current().encode())  # the language the messages are kept in
    here = Path(__file__).parent
    for path in sorted([*here.rglob("*.py"), *here.rglob("*.po")]):  # tpkit's code and messages
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update(reg.config.path.read_bytes())
    digest.update(json.dumps([reg.standards, settings], sort_keys=True, default=str).encode())
    return digest.hexdigest()


class Cache:
    """One file of results under .tpkit_cache/ (plain data, see _encode), signed with a key kept
    in the user's home, so a cache file that came from elsewhere (a checkout, an archive) is
    never read.
    A .tpkit_cache that is a link or not a folder is never used: nothing is read from it,
    written through it or deleted in it (one warning says so)."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.folder = root / CACHE_DIR
        self.path = self.folder / f"{fingerprint}.marshal"
        self.usable = _usable(self.folder)

    def load(self) -> dict[str, tuple[str, FileResult]]:
        if not self.usable:
            return {}
        try:
            blob = files.read_regular(self.path)
        except (OSError, files.NotRegular):
            return {}
        signature, payload = blob[:32], blob[32:]
        key = _key()
        if key is None or not hmac.compare_digest(signature, _sign(key, payload)):
            return {}
        try:
            return {
                rel: (key, _decode(item)) for rel, (key, item) in marshal.loads(payload).items()
            }
        except Exception:  # a damaged cache is a cold start, never an error
            return {}

    def save(self, data: dict[str, tuple[str, FileResult]]) -> None:
        if not self.usable:
            return
        key = _key()
        if key is None:
            return
        try:
            if not os.path.lexists(self.folder):
                self.folder.mkdir()
            if not _usable(self.folder):
                return
            ignore = self.folder / ".gitignore"
            if not os.path.lexists(ignore):  # a file there already (or a link) is left alone
                with contextlib.suppress(FileExistsError):
                    files.write_new(ignore, "*\n")
            payload = marshal.dumps(
                {rel: (key, _encode(item)) for rel, (key, item) in data.items()}
            )
            # not flushed to disk: a cache lost in a crash is a cold start (a torn one fails
            # its signature)
            files.write_atomic(self.path, _sign(key, payload) + payload, durable=False)
            with os.scandir(self.folder) as entries:
                old = [
                    e.path
                    for e in entries
                    if _CACHE_FILE_RE.match(e.name)
                    and e.name != self.path.name
                    and e.is_file(follow_symlinks=False)
                ]
            for path in old:  # results of older settings or code
                os.unlink(path)
        except (OSError, files.Refused):
            pass  # a read-only registry simply runs without a cache


_CACHE_FILE_RE = re.compile(r"^[0-9a-f]{32}\.(?:pickle|marshal)$")


# The cache holds plain tuples, lists and dicts (marshal reads them back several times faster
# than pickle makes objects); only what signed the file with the user's key is ever read.


def _encode(item: FileResult) -> tuple[Any, ...]:
    tp, reading, found = item
    return (
        None if tp is None else _encode_tp(tp),
        [_encode_problem(p) for p in reading],
        [_encode_problem(p) for p in found],
    )


def _decode(item: tuple[Any, ...]) -> FileResult:
    tp, reading, found = item
    return (
        None if tp is None else _decode_tp(tp),
        [Problem(*p) for p in reading],
        [Problem(*p) for p in found],
    )


def _encode_problem(p: Problem) -> tuple[Any, ...]:
    return (
        p.path, p.line, p.column, p.rule, p.standard, p.level, p.touchpoint, p.message,
        p.suggestion, p.fix,
    )  # fmt: skip


def _encode_tp(tp: Touchpoint) -> tuple[Any, ...]:
    checks = [
        (
            c.id, c.text, c.type,
            None if c.target is None else astuple(c.target),
            c.weight, c.critical, c.index,
        )
        for c in tp.checks
    ]  # fmt: skip
    return (
        tp.id, tp.title, tp.zone, tp.owner,
        None if tp.reviewed is None else tp.reviewed.toordinal(),
        tp.standard, checks, tp.path, tp.pos.at, tp.pos.end,
        None if tp.pos.kept is None else sorted(tp.pos.kept, key=str), tp.source, tp.channel,
        tp.roles, tp.venues, tp.lang, tp.review_every, tp.steps, tp.say,
        [(a.phrase, a.instead) for a in tp.avoid], tp.tags, tp.lang_written,
    )  # fmt: skip


def _decode_tp(t: tuple[Any, ...]) -> Touchpoint:
    (id_, title, zone, owner, reviewed, standard, checks, path, at, end, kept, source, channel,
     roles, venues, lang, review_every, steps, say, avoid, tags, lang_written) = t  # fmt: skip
    return Touchpoint(
        id_, title, zone, owner,
        None if reviewed is None else dt.date.fromordinal(reviewed),
        standard,
        [
            Check(c[0], c[1], c[2], None if c[3] is None else Target(*c[3]), c[4], c[5], c[6])
            for c in checks
        ],
        path, Positions(at, end, None if kept is None else frozenset(kept)), source, channel,
        roles, venues, lang, review_every, steps, say, [Avoid(*a) for a in avoid], tags,
        lang_written,
    )  # fmt: skip


_WARNED: set[str] = set()


def _usable(folder: Path) -> bool:
    """Whether .tpkit_cache is a real folder, or not there yet; warns once when it is not."""
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return True
    if str(folder) not in _WARNED:
        _WARNED.add(str(folder))
        if stat.S_ISLNK(mode):
            message = _(
                "tpkit: warning: {path} is a link; checking without the cache "
                "(delete it, and tpkit makes its own folder there)",
                path=folder,
            )
        else:
            message = _(
                "tpkit: warning: {path} is not a folder; checking without the cache "
                "(delete it, and tpkit makes its own folder there)",
                path=folder,
            )
        print(message, file=sys.stderr)
    return False


def _sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


KEY_BYTES = 32


def _key() -> bytes | None:
    """The user's key for signing the cache: 32 random bytes. A key file of another length
    (empty or cut short by a full disk) is made again, and what was signed with it no longer
    loads."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tpkit"
    path = base / "cache-key"
    try:
        key = files.read_regular(path, KEY_BYTES + 1)
        if len(key) == KEY_BYTES:
            return key
    except (OSError, files.NotRegular):
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        key = os.urandom(KEY_BYTES)
        files.write_atomic(path, key, mode=0o600)
        # Another run may have made its key at the same moment: the one on disk counts.
        kept = files.read_regular(path, KEY_BYTES + 1)
        return kept if len(kept) == KEY_BYTES else None
    except (OSError, files.NotRegular, files.Refused):
        return None
