"""The interactive audit: one check at a time, the file saved after every answer."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from tpkit.audit.files import Audit, Result, SnapshotCheck, save, scalar, write_atomic
from tpkit.audit.scoring import meets
from tpkit.errors import TpkitError
from tpkit.files import Refused, beside
from tpkit.model import fmt_number

RESULT_KEYS = {
    "p": "pass",
    "pass": "pass",
    "f": "fail",
    "fail": "fail",
    "w": "wow",
    "wow": "wow",
    "n": "na",
    "na": "na",
    "n/a": "na",
}
NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
HELP = (
    "Answer with one letter: [bold]p[/] pass · [bold]f[/] fail · [bold]w[/] wow (more than "
    "expected) · [bold]n[/] not applicable.\n"
    "Time and count checks take a number (in the target's unit); the result follows from "
    "the target, or add a letter: '45 w'.\n"
    "Anything after that is a note; a word starting with @ is the path of a photo: "
    "'f 6 ждали счёт @photos/bill.jpg'.\n"
    "[bold]b[/] back to the previous check · [bold]s[/] skip for later · [bold]q[/] save and "
    "stop (continue later with tpkit audit resume)."
)


class SaveError(TpkitError):
    """The audit could not be written where it belongs; a recovery copy was written."""


@dataclass
class Answer:
    kind: str  # result | back | skip | quit | help | invalid
    result: Result | None = None
    message: str = ""


def parse_answer(line: str, check: SnapshotCheck) -> Answer:
    """One typed line → an answer. 'f 6 ждали счёт @photos/bill.jpg', '25', 'w', 'b'."""
    words = line.strip().split()
    if not words:
        return Answer("invalid", message="type p, f, w or n (or ? for help)")
    head = words[0].lower()
    if head in ("b", "back"):
        return Answer("back")
    if head in ("s", "skip"):
        return Answer("skip")
    if head in ("q", "quit"):
        return Answer("quit")
    if head in ("?", "h", "help"):
        return Answer("help")
    result: str | None = None
    value: float | None = None
    rest = words
    for _ in range(2):  # a result and a number, in either order
        if not rest:
            break
        word = rest[0].lower()
        if word in RESULT_KEYS and result is None:
            result = RESULT_KEYS[word]
            rest = rest[1:]
        elif NUMBER_RE.match(word) and value is None:
            value = float(word.replace(",", "."))
            rest = rest[1:]
    if result is None and value is None:
        return Answer(
            "invalid",
            message=f"'{escape(words[0])}' is not an answer: type p, f, "
            "w or n" + (", or a number" if check.type != "yesno" else ""),
        )
    if value is not None and check.type == "yesno":
        return Answer("invalid", message="this is a yes/no check: answer p, f, w or n")
    if result is None and value is not None and check.target is not None:
        result = "pass" if meets(check, value) else "fail"
    evidence = [w[1:] for w in rest if w.startswith("@") and len(w) > 1]
    note = " ".join(w for w in rest if not (w.startswith("@") and len(w) > 1))
    return Answer("result", Result(result, value, note or None, evidence[0] if evidence else None))


class Session:
    """Walks the checks of an audit; every answer is on disk before the next question."""

    def __init__(
        self,
        audit: Audit,
        path: Path,
        console: Console,
        ask: Callable[[str], str],
        titles: dict[str, str] | None = None,
    ) -> None:
        self.audit = audit
        self.path = path
        self.console = console
        self.ask = ask
        self.titles = titles or {}
        self.ids = list(audit.checks)

    def run(self) -> bool:
        """Ask until every check is answered (True) or the auditor stops (False)."""
        self.audit.status = "in-progress"
        self.persist()
        i = self.next_open(0)
        while i is not None:
            step = self.ask_check(i)
            if step == "quit":
                return False
            if step == "back":
                i = max(0, i - 1)
                continue
            nxt = self.next_open(i + 1)
            if nxt is None and self.audit.skipped:
                nxt = self.offer_skipped()
                if nxt is None:
                    return False
            i = nxt
        self.audit.status = "complete"
        self.audit.skipped = []
        self.persist()
        return True

    def next_open(self, start: int) -> int | None:
        done = set(self.audit.skipped)
        for j in range(start, len(self.ids)):
            cid = self.ids[j]
            if cid not in done and not self.answered(cid):
                return j
        return None

    def answered(self, cid: str) -> bool:
        result = self.audit.results.get(cid)
        return result is not None and result.answered()

    def offer_skipped(self) -> int | None:
        n = len(self.audit.skipped)
        reply = self.ask(f"{n} skipped check{'s' if n > 1 else ''} left. Answer now? [Y/n] ")
        if reply.strip().lower() in ("n", "no", "q"):
            return None
        first = self.audit.skipped[0]
        self.audit.skipped = []
        return self.ids.index(first) if first in self.ids else self.next_open(0)

    def ask_check(self, i: int) -> str:
        cid = self.ids[i]
        check = self.audit.checks[cid]
        self.show(i, cid, check)
        while True:
            answer = parse_answer(self.ask("> "), check)
            if answer.kind == "help":
                self.console.print(HELP)
                continue
            if answer.kind == "invalid":
                self.console.print(f"[yellow]{answer.message}[/yellow]")
                continue
            break
        if answer.kind == "skip":
            if cid not in self.audit.skipped:
                self.audit.skipped.append(cid)
            self.persist()
        elif answer.kind == "result" and answer.result is not None:
            result = answer.result
            if result.result == "fail" and result.note is None:
                note = self.ask("What went wrong? (a note for the action; Enter to skip) ")
                result.note = note.strip() or None
            self.audit.results[cid] = result
            if cid in self.audit.skipped:
                self.audit.skipped.remove(cid)
            self.persist()
            self.console.print(
                Text(
                    f"  ✓ {result.result}"
                    + (f" ({fmt_number(result.value)})" if result.value is not None else ""),
                    style="green"
                    if result.result in ("pass", "wow")
                    else "red"
                    if result.result == "fail"
                    else "dim",
                )
            )
        return answer.kind

    def show(self, i: int, cid: str, check: SnapshotCheck) -> None:
        zone = self.titles.get(check.zone, check.zone)
        head = Text(f"\n{i + 1}/{len(self.ids)}  ", style="bold")
        head.append(f"{zone} · {check.touchpoint_title or check.touchpoint}", style="bold cyan")
        self.console.print(head)
        self.console.print(Text(f"  {check.text}"))
        details = [cid]
        if check.target is not None:
            details.append(f"target: {check.target.describe()}")
        details.append(f"weight {fmt_number(check.weight)}")
        line = Text("  " + " · ".join(details), style="dim")
        if check.critical:
            line.append("  CRITICAL", style="bold red")
        self.console.print(line)
        previous = self.audit.results.get(cid)
        if previous is not None and previous.answered():
            shown = [previous.result or "", scalar(previous.value), previous.note or ""]
            self.console.print(Text("  now: " + " ".join(x for x in shown if x), style="yellow"))
        unit = check.target.unit if check.target is not None and check.target.unit else ""
        hint = (
            "p/f/w/n"
            + (f" or a number{' in ' + unit if unit else ''}" if check.type != "yesno" else "")
            + " · b back · s skip · q stop"
        )
        self.console.print(Text(f"  {hint}", style="dim"))

    def persist(self) -> None:
        persist(self.audit, self.path)


def persist(audit: Audit, path: Path) -> None:
    """Save the audit; when its folder cannot be written, save a recovery copy elsewhere. A
    file changed outside the session is never overwritten (files.ChangedOutside)."""
    try:
        save(audit, path)
    except OSError as exc:
        from tpkit.audit.files import dump

        recovery = recovery_path(path)
        try:
            write_atomic(recovery, dump(audit))
        except (OSError, Refused):
            raise SaveError(
                f"{path} cannot be written ({exc.strerror or exc}), and no "
                "recovery copy could be written either",
                ["free some disk space and start again"],
            ) from exc
        raise SaveError(
            f"{path} cannot be written: {exc.strerror or exc}",
            [
                f"every answer so far is saved in {recovery}",
                f"free the disk or fix the permissions, copy it back to {path}, then "
                f"run: tpkit audit resume {path}",
            ],
        ) from exc


def recovery_path(path: Path) -> Path:
    """Where the answers go when the audit's folder cannot be written: the same file for the
    whole session, and never a recovery copy left by another session (or anything there)."""
    key = os.path.realpath(path)
    known = _RECOVERY.get(key)
    if known is not None:
        return known
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    chosen = Path(tempfile.gettempdir()) / path.name
    for folder in (base / "tpkit" / "recovery", Path(tempfile.gettempdir()) / "tpkit-recovery"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                chosen = folder / path.name
                break
        except OSError:
            continue
    if os.path.lexists(chosen):
        chosen = beside(chosen, "recovered")
    _RECOVERY[key] = chosen
    return chosen


_RECOVERY: dict[str, Path] = {}
