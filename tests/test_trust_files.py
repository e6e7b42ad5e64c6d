"""Files a registry holds are not trusted, and nothing a person does by mistake loses data.

Each test runs the real CLI in its own process, in a registry made for it: links committed
where tpkit reads or writes (the cache, the audit lock, an audit, a touchpoint), pipes and
devices where a touchpoint should be, a key cut short by a full disk, an audit edited while a
session records it, two imports at once, a full disk during an import, and the modes of the
files tpkit rewrites."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from audit_helpers import FILES
from conftest import CONFIG, TOUCHPOINT, Result, build_tree

TODAY = "2026-11-20"
AUDIT = f"audits/nevsky/{TODAY}-mystery.yaml"  # 4 checks for the venue nevsky


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with a home of their own (cache key, recovery copies)."""
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "home" / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }


def tpkit(
    root: Path,
    env: dict[str, str],
    *args: str,
    stdin: str | None = None,
    umask: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`tpkit ARGS` in its own process inside the registry, as a person types it."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "tpkit", "--today", TODAY, *args],
        cwd=root,
        env=env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=set_umask,
    )


def spawn(root: Path, env: dict[str, str], *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "tpkit", "--today", TODAY, *args],
        cwd=str(root),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return build_tree(tmp_path / "registry", {"tpkit.yaml": CONFIG, **FILES})


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder of the user's that is not part of the registry."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def no_traceback(out: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in out.stdout + out.stderr, out.stderr


# ---- 1. the cache folder: never written or emptied through a link ---------------------------


def test_a_committed_link_in_the_cache_folder_is_never_written_through(
    registry: Path, outside: Path, home: dict[str, str]
) -> None:
    victim = outside / "notes.txt"
    victim.write_text("my notes\n", encoding="utf-8")
    (registry / ".tpkit_cache").mkdir()
    (registry / ".tpkit_cache" / ".gitignore").symlink_to(victim)
    out = tpkit(registry, home, "validate")
    no_traceback(out)
    assert out.returncode == 0, out.stdout + out.stderr
    assert victim.read_text(encoding="utf-8") == "my notes\n"
    assert list((registry / ".tpkit_cache").glob("*.marshal"))  # the cache still works


@pytest.mark.parametrize("shape", ["link to a folder", "a file"])
def test_a_cache_folder_that_is_a_link_or_a_file_is_skipped_with_one_warning(
    registry: Path, outside: Path, home: dict[str, str], shape: str
) -> None:
    cache = registry / ".tpkit_cache"
    precious = {
        "photos.pickle": b"the user's own data",
        "0123456789abcdef0123456789abcdef.pickle": b"looks like a cache file",
    }
    if shape == "a file":
        cache.write_bytes(b"not a folder")
    else:
        for name, data in precious.items():
            (outside / name).write_bytes(data)
        cache.symlink_to(outside, target_is_directory=True)
    for _ in range(2):  # the second run would have found a cache to clean
        out = tpkit(registry, home, "validate")
        no_traceback(out)
        assert out.returncode == 0, out.stderr
        assert out.stderr.count("warning") == 1 and ".tpkit_cache" in out.stderr
        assert "without the cache" in out.stderr
    if shape == "a file":
        assert cache.read_bytes() == b"not a folder"
    else:
        assert {p.name: p.read_bytes() for p in outside.iterdir()} == precious


# ---- 2. a cache key cut short: made again, and a forged cache never loads -------------------


def _forge(cache_file: Path, sign_with: bytes) -> None:
    """The cache file with a made-up problem added to every file's results, signed with
    `sign_with`: what a cache committed to the registry by someone else would look like."""
    kept = marshal.loads(cache_file.read_bytes()[32:])
    for _key, (_tp, _reading, found) in kept.values():
        found.append(("x.yaml", 1, 1, "TP001", "schema", "error", "x", "FORGED", "", None))
    payload = marshal.dumps(kept)
    cache_file.write_bytes(hmac.new(sign_with, payload, hashlib.sha256).digest() + payload)


@pytest.mark.parametrize("left", [b"", b"short", b"k" * 31], ids=["empty", "5 bytes", "31 bytes"])
def test_a_key_cut_short_is_made_again_and_a_cache_signed_with_it_never_loads(
    registry: Path, home: dict[str, str], tmp_path: Path, left: bytes
) -> None:
    key_file = Path(home["XDG_CACHE_HOME"]) / "tpkit" / "cache-key"
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(left)  # what a first run on a full disk left behind
    first = tpkit(registry, home, "validate")
    assert first.returncode == 0, first.stderr
    assert len(key_file.read_bytes()) == 32 and key_file.read_bytes() != left
    assert mode(key_file) == 0o600
    (cache_file,) = (registry / ".tpkit_cache").glob("*.marshal")

    # A cache file committed to the registry, signed with the short key, and that key again.
    _forge(cache_file, left)
    key_file.write_bytes(left)
    second = tpkit(registry, home, "validate")
    assert "FORGED" not in second.stdout, "a cache signed with a short key was read"
    assert second.returncode == 0 and second.stdout == first.stdout
    assert len(key_file.read_bytes()) == 32

    # Control: the same file signed with the user's own key is read (so the name is right).
    (cache_file,) = (registry / ".tpkit_cache").glob("*.marshal")
    _forge(cache_file, key_file.read_bytes())
    assert "FORGED" in tpkit(registry, home, "validate").stdout


# ---- 3. the audit lock: never written through a link ----------------------------------------


@pytest.mark.parametrize("dangling", [False, True], ids=["to a file", "dangling"])
def test_a_committed_lock_link_is_refused_and_the_file_it_names_is_untouched(
    registry: Path, outside: Path, home: dict[str, str], dangling: bool
) -> None:
    victim = outside / ("not-there" if dangling else ".bashrc")
    if not dangling:
        victim.write_text("export PATH=~/bin:$PATH\n", encoding="utf-8")
    folder = registry / "audits" / "nevsky"
    folder.mkdir(parents=True)
    (folder / f".{TODAY}-mystery.yaml.lock").symlink_to(victim)
    out = tpkit(
        registry, home, "audit", "new", "--venue", "nevsky", "--kind", "mystery", stdin="p\n"
    )
    no_traceback(out)
    assert out.returncode == 2
    assert "is a link" in out.stderr and "never writes through a link" in out.stderr
    assert "delete it" in out.stderr
    if dangling:
        assert not os.path.lexists(victim)
    else:
        assert victim.read_text(encoding="utf-8") == "export PATH=~/bin:$PATH\n"
    assert not (registry / AUDIT).exists()  # nothing recorded through it either


# ---- 4. an audit named by a link, or through a folder that is a link -------------------------


def _start_audit(registry: Path, home: dict[str, str]) -> bytes:
    out = tpkit(
        registry, home, "audit", "new", "--venue", "nevsky", "--kind", "mystery", stdin="p\nq\n"
    )
    assert out.returncode == 0, out.stderr
    return (registry / AUDIT).read_bytes()


def test_resume_through_a_link_is_refused_and_the_link_stays_a_link(
    registry: Path, home: dict[str, str]
) -> None:
    before = _start_audit(registry, home)
    link = registry / "audits" / "nevsky" / "latest.yaml"
    link.symlink_to(f"{TODAY}-mystery.yaml")
    out = tpkit(registry, home, "audit", "resume", str(link), stdin="p\np\np\n")
    no_traceback(out)
    assert out.returncode == 2
    assert "is a link" in out.stderr and str((registry / AUDIT).resolve()) in out.stderr
    assert link.is_symlink() and os.readlink(link) == f"{TODAY}-mystery.yaml"
    assert (registry / AUDIT).read_bytes() == before


def test_the_lock_is_taken_on_the_real_file_whatever_path_names_it(
    registry: Path, home: dict[str, str]
) -> None:
    before = _start_audit(registry, home)
    (registry / "audits" / "nv").symlink_to("nevsky", target_is_directory=True)
    first = spawn(registry, home, "audit", "resume", AUDIT)
    first.expect("2/4")
    first.expect("> ")
    for other in (f"audits/nv/{TODAY}-mystery.yaml", f"./audits/../{AUDIT}"):
        second = tpkit(registry, home, "audit", "resume", other, stdin="p\np\np\n")
        assert second.returncode == 2, second.stdout + second.stderr
        assert "being recorded by another session" in second.stderr
    assert (registry / AUDIT).read_bytes() == before
    first.sendline("q")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 0


# ---- 5. an audit changed outside the session is never overwritten ----------------------------


def _edit_by_hand(path: Path) -> bytes:
    with path.open("a", encoding="utf-8") as fh:
        fh.write("# checked with the manager on duty\n")
    return path.read_bytes()


def _checkout(path: Path) -> bytes:
    """What git does: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8").replace("auditor:", "auditor: Олег", 1)
    fresh = path.with_name("incoming.tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)
    return path.read_bytes()


@pytest.mark.parametrize("change", [_edit_by_hand, _checkout], ids=["hand edit", "checkout"])
def test_an_audit_changed_during_a_session_is_kept_and_the_session_saves_beside_it(
    registry: Path, home: dict[str, str], change: Callable[[Path], bytes]
) -> None:
    from tpkit.audit.files import load_audit

    path = registry / AUDIT
    child = spawn(registry, home, "audit", "new", "--venue", "nevsky", "--kind", "mystery")
    child.expect("> ")
    child.sendline("20")
    child.expect("2/4")
    child.expect("> ")
    outside_version = change(path)
    child.sendline("p")
    child.expect(pexpect.EOF)
    child.close()
    said = " ".join(child.before.split())
    beside = path.with_name(f"{TODAY}-mystery.session.yaml")
    assert child.exitstatus == 2
    assert "changed outside this session" in said
    assert AUDIT in said and str(beside) in said  # both copies named
    assert path.read_bytes() == outside_version  # the outside version stays
    saved, problems = load_audit(beside, "beside")
    assert problems == [] and saved is not None  # the session's version, nothing lost
    answered = {cid: r.result for cid, r in saved.results.items() if r.answered()}
    assert answered == {"r.greeting/greet-30s": "pass", "r.greeting/coat": "pass"}


# ---- 6. feedback: two imports at once, a full disk -------------------------------------------


def _export(path: Path, tag: str, rows: int, month: str = "2026-10") -> Path:
    lines = ["date,venue,score,comment"]
    lines += [f"{month}-{i % 28 + 1:02d},nevsky,{i % 11},{tag}{i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_imports_at_once_into_the_same_month_keep_every_row(
    registry: Path, home: dict[str, str], tmp_path: Path
) -> None:
    rows = 30_000
    exports = [_export(tmp_path / f"{tag}.csv", tag, rows) for tag in ("a", "b")]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "tpkit", "feedback", "import", str(path)],
            cwd=registry,
            env=home,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in exports
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert f"Imported {rows:,} new responses" in out
    store = registry / "feedback" / "nevsky" / "2026-10.csv"
    assert len(store.read_text(encoding="utf-8").splitlines()) == 1 + 2 * rows


def test_a_full_disk_during_an_import_changes_no_month(
    registry: Path,
    tmp_path: Path,
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tpkit import files

    stores = {
        "feedback/nevsky/2026-09.csv": "date,venue,score,touchpoint,comment\n"
        "2026-09-03,nevsky,9,,Спасибо\n",
        "feedback/nevsky/2026-11.csv": "date,venue,score,touchpoint,comment\n"
        "2026-11-03,nevsky,4,,Долго\n",
    }
    build_tree(registry, stores)  # type: ignore[arg-type]
    export = tmp_path / "export.csv"
    export.write_text(
        "date,venue,score,comment\n"
        "2026-09-10,nevsky,10,Отлично\n"
        "2026-10-10,nevsky,8,Хорошо\n"
        "2026-11-10,nevsky,6,Шумно\n",
        encoding="utf-8",
    )
    real_write = files._write_all
    writes = {"n": 0}

    def full_disk(fd: int, data: bytes) -> None:
        writes["n"] += 1
        if writes["n"] == 2:  # the first month is written, the second finds the disk full
            raise OSError(28, "No space left on device")
        real_write(fd, data)

    monkeypatch.setattr(files, "_write_all", full_disk)
    monkeypatch.chdir(registry)
    out = cli("feedback", "import", str(export))
    assert out.code == 2, out.out + out.err
    assert "No space left on device" in out.err and "nothing was imported" in out.err
    assert "no month of feedback/ was changed" in out.err
    assert "Traceback" not in out.err
    left = sorted(p.relative_to(registry).as_posix() for p in (registry / "feedback").rglob("*"))
    assert left == [
        "feedback/.import.lock",
        "feedback/nevsky",
        "feedback/nevsky/2026-09.csv",
        "feedback/nevsky/2026-11.csv",
    ]  # no temporary file left, no new month
    for rel, text in stores.items():
        assert (registry / rel).read_text(encoding="utf-8") == text

    monkeypatch.setattr(files, "_write_all", real_write)  # the disk freed: all three go in
    again = cli("feedback", "import", str(export))
    assert again.code == 0 and "Imported 3 new responses" in again.out


# ---- 7. the modes of the files tpkit rewrites ------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002], ids=["022", "027", "002"])
def test_new_files_take_the_umask_and_rewritten_files_keep_their_mode(
    registry: Path, home: dict[str, str], tmp_path: Path, umask: int
) -> None:
    default = 0o666 & ~umask
    form = tpkit(
        registry, home, "audit", "form", "--venue", "nevsky", "-o", "visit.yaml", umask=umask
    )
    assert form.returncode == 0, form.stderr
    assert mode(registry / "visit.yaml") == default

    tpkit(
        registry,
        home,
        "audit",
        "new",
        "--venue",
        "nevsky",
        "--kind",
        "mystery",
        stdin="p\nq\n",
        umask=umask,
    )
    assert mode(registry / AUDIT) == default
    os.chmod(registry / AUDIT, 0o664)  # the team's shared folder: group may write
    tpkit(registry, home, "audit", "resume", AUDIT, stdin="p\nq\n", umask=umask)
    assert mode(registry / AUDIT) == 0o664

    export = _export(tmp_path / "export.csv", "x", 3)
    assert tpkit(registry, home, "feedback", "import", str(export), umask=umask).returncode == 0
    store = registry / "feedback" / "nevsky" / "2026-10.csv"
    assert mode(store) == default
    os.chmod(store, 0o640)
    more = _export(tmp_path / "more.csv", "y", 3)
    assert tpkit(registry, home, "feedback", "import", str(more), umask=umask).returncode == 0
    assert mode(store) == 0o640 and len(store.read_text(encoding="utf-8").splitlines()) == 7


# ---- 8. touchpoints that are not regular files, links out of the registry, init -------------


def test_pipes_devices_and_links_out_are_reported_never_opened(
    registry: Path, outside: Path, home: dict[str, str]
) -> None:
    folder = registry / "touchpoints" / "arrival"
    (folder / "stdin.yaml").symlink_to("/dev/stdin")
    (folder / "tty.yaml").symlink_to("/dev/tty")
    os.mkfifo(folder / "pipe.yaml")
    secret = outside / "secret.yaml"
    secret.write_text(TOUCHPOINT.replace("t.case", "outside.secret"), encoding="utf-8")
    (folder / "elsewhere.yaml").symlink_to(secret)
    shared = registry / "shared" / "twin.yaml"  # inside the registry, outside touchpoints/
    build_tree(registry, {"shared/twin.yaml": TOUCHPOINT.replace("t.case", "t.twin")})
    (folder / "inside.yaml").symlink_to(shared)
    expect = {
        "stdin.yaml": "not a regular file but a link to /dev/stdin",
        "tty.yaml": "not a regular file but a link to /dev/tty",
        "pipe.yaml": "not a regular file but a named pipe",
        "elsewhere.yaml": f"a link to {secret}, outside the registry",
    }
    for args in (["validate", "--no-cache"], ["validate"], ["validate"], ["list"]):
        # stdin stays open and empty: a reader of /dev/stdin would wait for ever
        run = subprocess.Popen(
            [sys.executable, "-m", "tpkit", "--today", TODAY, *args],
            cwd=registry,
            env=home,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            out, err = _wait(run)
        finally:
            run.kill()
        assert "Traceback" not in err
        if args[0] == "list":
            assert run.returncode == 0
            assert "r.greeting" in out and "t.twin" in out and "outside.secret" not in out
            continue
        assert run.returncode == 1, out + err
        for name, message in expect.items():
            assert f"touchpoints/arrival/{name}:1:1: error   TP006  {message}" in out, out
        assert "inside.yaml:" not in out  # a link inside the registry reads as its file
        assert "outside.secret" not in out


def _wait(run: subprocess.Popen[str]) -> tuple[str, str]:
    """Output of a process whose stdin is left open (communicate would close it)."""
    try:
        run.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("tpkit blocked on a file that is not a regular file")
    assert run.stdout is not None and run.stderr is not None
    return run.stdout.read(), run.stderr.read()


def test_a_touchpoints_folder_that_links_out_is_reported_not_walked(
    tmp_path: Path, outside: Path, home: dict[str, str]
) -> None:
    (outside / "arrival").mkdir()
    (outside / "arrival" / "x.yaml").write_text(
        TOUCHPOINT.replace("t.case", "outside.secret"), encoding="utf-8"
    )
    root = build_tree(tmp_path / "registry", {"tpkit.yaml": CONFIG})
    (root / "touchpoints").symlink_to(outside, target_is_directory=True)
    out = tpkit(root, home, "validate", "--no-cache")
    no_traceback(out)
    assert out.returncode == 1
    assert (
        f"touchpoints:1:1: error   TP006  a link to {outside}, outside the registry" in out.stdout
    )
    assert "outside.secret" not in out.stdout + tpkit(root, home, "list").stdout


@pytest.mark.parametrize("where", ["tpkit.yaml", "touchpoints/arrival/greeting.yaml"])
def test_init_refuses_to_write_through_a_dangling_link(
    tmp_path: Path, outside: Path, home: dict[str, str], where: str
) -> None:
    folder = tmp_path / "new"
    (folder / where).parent.mkdir(parents=True, exist_ok=True)
    target = outside / "authorized_keys"
    (folder / where).symlink_to(target)
    out = tpkit(tmp_path, home, "init", str(folder))
    no_traceback(out)
    assert out.returncode == 2
    assert "never overwrites" in out.stderr and where in out.stderr
    assert not os.path.lexists(target)
    assert [p.name for p in folder.rglob("*") if p.is_file()] == []  # nothing half-made


def test_init_never_writes_into_a_folder_that_is_a_link(
    tmp_path: Path, outside: Path, home: dict[str, str]
) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "touchpoints").symlink_to(outside, target_is_directory=True)
    (folder / ".gitignore").symlink_to(outside / "gitignore")  # an optional file: left alone
    out = tpkit(tmp_path, home, "init", str(folder))
    no_traceback(out)
    assert out.returncode == 2 and "is a link" in out.stderr
    assert list(outside.iterdir()) == []
