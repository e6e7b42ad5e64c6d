"""The interactive audit: one check at a time, the file saved after every answer."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from tpkit.audit.answers import photos_of
from tpkit.audit.files import Audit, Result, SnapshotCheck, save, write_atomic
from tpkit.audit.scoring import meets
from tpkit.audit.values import (
    COMMAND_WORDS,
    NUMBER_RE,
    contradiction,
    parse_amount,
    rating_problem,
    result_word,
)
from tpkit.errors import TpkitError
from tpkit.files import Refused, beside, is_inside
from tpkit.i18n import N_, _, n_, number
from tpkit.targets import target_text, value_text, with_unit

# How each result is named where the auditor reads it: after an answer, in "now:".
RESULT_NAMES = {
    "pass": N_("pass"),
    "fail": N_("fail"),
    "wow": N_("wow"),
    "na": N_("n/a"),
}


# The mark of each result where the auditor reads it back after an answer.
RESULT_MARKS = {"pass": "✓", "fail": "✗", "wow": "★", "na": "–"}
RESULT_STYLES = {"pass": "green", "wow": "green", "fail": "red", "na": "dim"}


# "Not now" to the question about skipped checks, in both layouts and languages.
NOT_NOW = {"n", "no", "q", "т", "н", "нет", "й", "стоп"}


def help_text() -> str:
    """What the auditor may type, in the current language (rich markup)."""
    return _(
        "Answer with one letter: [bold]p[/] pass · [bold]f[/] fail · [bold]w[/] wow (more "
        "than expected) · [bold]n[/] not applicable. The same keys in the Russian layout "
        "(з а ц т), the Russian letters п н в нп, and yes / no, да / нет work too.\n"
        "Time and count checks take a number (in the target's unit; 4,5 and 4 min 30 s "
        "too); the result follows from the target, or add a letter: '45 w'. A rating is a "
        "number on its scale.\n"
        "Anything after that is a note; a word starting with @ is the path of a photo: "
        "'f 6 the bill took long @photos/bill.jpg'.\n"
        "[bold]b[/] back to the previous check · [bold]s[/] skip for later · [bold]q[/] save "
        "and stop (continue later with tpkit audit resume). On a check answered before, Enter "
        "keeps its answer."
    )


class SaveError(TpkitError):
    """The audit could not be written where it belongs; a recovery copy was written."""


@dataclass
class Answer:
    kind: str  # result | keep | back | skip | quit | help | invalid
    result: Result | None = None
    message: str = ""


def split_photos(words: list[str]) -> tuple[list[str], list[str]]:
    """(the words of a note, the photos named in it with @)."""
    photos = [w[1:] for w in words if w.startswith("@") and len(w) > 1]
    return [w for w in words if not (w.startswith("@") and len(w) > 1)], photos


def parse_answer(line: str, check: SnapshotCheck) -> Answer:
    """One typed line → an answer. 'f 6 ждали счёт @photos/bill.jpg', '25', 'w', 'з', 'b',
    '4 мин 30 с'."""
    words = line.strip().split()
    numbered = check.type != "yesno"
    if not words:
        return Answer("invalid", message=_ask_again(numbered))
    command = COMMAND_WORDS.get(words[0].lower())
    if command is not None and result_word(words[0]) is None:
        return Answer(command)
    result: str | None = None
    value: float | None = None
    rest = " ".join(words)
    first = result_word(words[0])
    if first is not None:
        result = first
        rest = " ".join(words[1:])
    if numbered:
        amount, after, problem = parse_amount(rest, check.target)
        if problem:
            return Answer("invalid", message=escape(problem))
        if amount is not None:
            value, rest = amount, after
            if result is None and rest.split()[:1] and result_word(rest.split()[0]):
                result = result_word(rest.split()[0])
                rest = " ".join(rest.split()[1:])
    elif rest.split()[:1] and NUMBER_RE.match(rest.split()[0]) and result is None:
        return Answer("invalid", message=_("this is a yes/no check: answer p, f, w or n"))
    if result is None and value is None:
        return Answer(
            "invalid",
            message=_("'{word}' is not an answer", word=escape(words[0]))
            + ": "
            + _ask_again(numbered),
        )
    if value is not None:
        off = rating_problem(value, check.target) if check.type == "scale" else ""
        off = off or contradiction(result, value, check.type, check.target)
        if off:
            return Answer("invalid", message=escape(off))
    if result is None and value is not None and check.target is not None:
        result = "pass" if meets(check, value) else "fail"
    note_words, photos = split_photos(rest.split())
    note = " ".join(note_words)
    return Answer("result", Result(result, value, note or None, " ".join(photos) or None))


def _ask_again(numbered: bool) -> str:
    if numbered:
        return _("type p, f, w or n, or a number (? for help)")
    return _("type p, f, w or n (? for help)")


class Session:
    """Walks the checks of an audit; every answer is on disk before the next question."""

    def __init__(
        self,
        audit: Audit,
        path: Path,
        console: Console,
        ask: Callable[[str], str],
        titles: dict[str, str] | None = None,
        photo_root: Path | None = None,
    ) -> None:
        self.audit = audit
        self.path = path
        self.console = console
        self.ask = ask
        self.titles = titles or {}
        self.ids = list(audit.checks)
        self.photo_root = photo_root

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
        question = n_(
            "{n} skipped check left. Answer it now? [Y/n] ",
            "{n} skipped checks left. Answer them now? [Y/n] ",
            n,
        )
        reply = self.ask(question).strip().lower()
        if reply in NOT_NOW:
            return None
        first = self.audit.skipped[0]
        self.audit.skipped = []
        return self.ids.index(first) if first in self.ids else self.next_open(0)

    def ask_check(self, i: int) -> str:
        cid = self.ids[i]
        check = self.audit.checks[cid]
        self.show(i, cid, check)
        while True:
            typed = self.ask("> ")
            if not typed.strip() and self.answered(cid):
                return "keep"  # Enter on an answered check keeps its answer
            answer = parse_answer(typed, check)
            if answer.kind == "help":
                self.console.print(help_text())
                continue
            if answer.kind == "skip" and self.answered(cid):
                # Skipping is for a check not answered yet: an answer is never dropped by it,
                # nor kept while the check waits among the skipped ones.
                message = _(
                    "this check is answered ({answer}): type another answer, or Enter to keep it",
                    answer=escape(self.answer_text(cid, check)),
                )
                self.console.print(f"[yellow]{message}[/yellow]")
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
            result.evidence = self.photos(result.evidence)
            self.audit.results[cid] = result
            if cid in self.audit.skipped:
                self.audit.skipped.remove(cid)
            self.persist()  # the answer is on disk before anything more is asked
            if result.result == "fail" and result.note is None:
                typed = self.ask(_("What went wrong? (a note for the action; Enter to skip) "))
                words, photos = split_photos(typed.split())
                result.note = " ".join(words) or None
                if photos:
                    known = result.evidence.split() if result.evidence else []
                    result.evidence = self.photos(" ".join([*known, *photos]))
                if result.note is not None or photos:
                    self.persist()
            got = result.result or ""
            self.console.print(
                Text(
                    f"  {RESULT_MARKS.get(got, '·')} "
                    + _(RESULT_NAMES.get(got, got))
                    + (f" ({value_text(result.value, check)})" if result.value is not None else ""),
                    style=RESULT_STYLES.get(got, "dim"),
                )
            )
            self.warn_photos(result)
        return answer.kind

    def answer_text(self, cid: str, check: SnapshotCheck) -> str:
        """The answer a check has now: 'pass 20 s сразу'."""
        given = self.audit.results.get(cid)
        if given is None:
            return ""
        shown = [
            _(RESULT_NAMES[given.result]) if given.result in RESULT_NAMES else "",
            value_text(given.value, check) if given.value is not None else "",
            given.note or "",
        ]
        return " ".join(x for x in shown if x)

    def warn_photos(self, result: Result) -> None:
        """A photo named in an answer that is not in the registry: said at once, while it can
        still be taken or its name corrected; the answer is kept either way."""
        if self.photo_root is None:
            return
        for photo in photos_of(result):
            full = Path(photo) if os.path.isabs(photo) else self.photo_root / photo
            if os.path.lexists(full) and is_inside(full, self.photo_root):
                continue
            if os.path.lexists(full) or os.path.lexists(Path.cwd() / photo):
                why = _("the photo '{photo}' is outside the registry", photo=photo)
            else:
                why = _("the photo '{photo}' does not exist", photo=photo)
            message = (
                why
                + ": "
                + _("the answer is saved; copy the photo into the registry or correct its path")
            )
            self.console.print(Text("  " + message, style="yellow"))

    def photos(self, evidence: str | None) -> str | None:
        """Photo paths as the registry names them: a path typed relative to the current
        folder that lies inside the registry is written relative to the registry."""
        if not evidence or self.photo_root is None:
            return evidence
        out = []
        for name in evidence.split():
            typed = Path(name)
            here = Path.cwd() / typed if not typed.is_absolute() else typed
            if os.path.lexists(here) and is_inside(here, self.photo_root):
                real, top = os.path.realpath(here), os.path.realpath(self.photo_root)
                name = Path(os.path.relpath(real, top)).as_posix()
            out.append(name)
        return " ".join(out)

    def show(self, i: int, cid: str, check: SnapshotCheck) -> None:
        zone = self.titles.get(check.zone, check.zone)
        head = Text(f"\n{i + 1}/{len(self.ids)}  ", style="bold")
        head.append(f"{zone} · {check.touchpoint_title or check.touchpoint}", style="bold cyan")
        self.console.print(head)
        self.console.print(Text(f"  {check.text}"))
        details = [cid]
        if check.target is not None and target_text(check):
            details.append(_("target {target}", target=target_text(check)))
        details.append(_("weight {weight}", weight=number(check.weight)))
        line = Text("  " + " · ".join(details), style="dim")
        if check.critical:
            line.append("  " + _("CRITICAL"), style="bold red")
        self.console.print(line)
        if self.answered(cid):
            now = self.answer_text(cid, check)
            self.console.print(
                Text("  " + _("now: {answer} (Enter keeps it)", answer=now), style="yellow")
            )
        self.console.print(Text("  " + hint(check), style="dim"))

    def persist(self) -> None:
        persist(self.audit, self.path)


def hint(check: SnapshotCheck) -> str:
    """The answers of one check, under it: 'p/f/w/n or a number in min · b back · ...'."""
    if check.type == "scale" and check.target is not None and check.target.of is not None:
        what = _(
            "p/f/w/n or a rating from 1 to {of}",
            of=number(check.target.of),
        )
    elif check.type != "yesno":
        unit = check.target.unit if check.target is not None else None
        if unit:
            what = _("p/f/w/n or a number in {unit}", unit=with_unit("", unit).strip())
        else:
            what = _("p/f/w/n or a number")
    else:
        what = _("p/f/w/n")
    return what + " · " + _("b back · s skip · q stop · ? help")


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
                _(
                    "{path} cannot be written ({why}), and no recovery copy could be written "
                    "either",
                    path=path,
                    why=exc.strerror or exc,
                ),
                [_("free some disk space and start again")],
            ) from exc
        raise SaveError(
            _("{path} cannot be written: {why}", path=path, why=exc.strerror or exc),
            [
                _("every answer so far is saved in {recovery}", recovery=recovery),
                _(
                    "free the disk or fix the permissions, copy it back to {path}, then run: "
                    "tpkit audit resume {path}",
                    path=path,
                ),
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
