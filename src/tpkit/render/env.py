"""The one Jinja2 environment: a sandbox (a template reads the values it is given and nothing
else: no Python internals, no changing of lists or dicts, no file but the templates), autoescaped
HTML, strict about undefined names, with filters for dates, numbers, targets and Markdown text
in the page's language. A page is made within a time limit and a memory limit, and any failure
of a template is one line that names the template file and its line."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from tpkit import i18n
from tpkit.config import builtin_dir
from tpkit.errors import TpkitError
from tpkit.model import Target
from tpkit.render.files import MAX_READ, Refused, read_inside, shown
from tpkit.render.words import many
from tpkit.targets import kind_of

RENDER_SECONDS = 60.0  # the longest a template may take to make one page
RENDER_MEMORY = 1 << 30  # bytes a template may take beyond what tpkit already uses
MAX_REPEAT = 10_000_000  # the longest text or list `*` may make in a template
MAX_POWER_BITS = 100_000  # the largest number `**` may make in a template
SANDBOX_HINT = (
    "a template shows the values tpkit gives it; it cannot reach Python, files or programs"
)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, where `*` and `**` cannot make a value too big to hold."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, root: Path | None, **options: Any) -> None:
        super().__init__(**options)
        self.root = root

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, bytes, list, tuple))
                    and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT
                ):
                    raise SecurityError(f"'*' would make a value longer than {MAX_REPEAT:,}")
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"'**' would make a number of more than {MAX_POWER_BITS:,} bits")
        return super().call_binop(context, operator, left, right)

    def shown(self, filename: str | None) -> str:
        """A template file as the user knows it: templates/NAME, or the built-in NAME."""
        if not filename:
            return "a template"
        path = Path(filename)
        builtin = Path(os.path.abspath(builtin_dir("templates")))
        if path.is_relative_to(builtin):
            return f"the built-in template {path.relative_to(builtin).as_posix()}"
        return shown(path, self.root)


class FolderLoader(BaseLoader):
    """Templates from folders, the first folder first: only regular files inside each folder,
    read without following a link out of it, in UTF-8, at most MAX_READ bytes."""

    def __init__(self, folders: list[Path], root: Path | None) -> None:
        self.folders = folders
        self.root = root

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            name = shown(path, self.root)
            try:
                data = read_inside(path, [folder], "templates/", MAX_READ)
            except Refused as exc:
                raise TpkitError(
                    f"{name}: this template is not used: {exc}",
                    ["a template is a file inside templates/ of the registry"],
                ) from None
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TpkitError(
                    f"{name}: the template is not UTF-8 text",
                    ["open it in your editor and save it with the encoding UTF-8"],
                ) from None
            return text, str(path), lambda: True
        raise TemplateNotFound(template)


def environment(root: Path | None) -> Sandbox:
    folders = [Path(os.path.abspath(builtin_dir("templates")))]
    if root is not None and (root / "templates").is_dir():
        folders.insert(0, Path(os.path.abspath(root / "templates")))  # the registry's own win
    env = Sandbox(
        root,
        loader=FolderLoader(folders, root),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date=date_filter,
        num=num_filter,
        signed=signed_filter,
        target=target_filter,
        measured=measured_filter,
        quoted=quoted_filter,
        md=md_filter,
        pct=pct_filter,
    )
    env.globals["svg"] = Markup
    env.globals["many"] = many
    return env


def render_page(env: Sandbox, name: str, context: dict[str, Any]) -> str:
    """The template `name` rendered with context, within the limits; every failure is a
    TpkitError (exit 2) that names the template file and line."""
    try:
        with limits(RENDER_SECONDS, RENDER_MEMORY):
            template = env.get_template(name)
            return template.render(context)
    except TpkitError:
        raise
    except TooLong as exc:
        raise TpkitError(
            f"{_where(env, exc)}: the template took longer than {RENDER_SECONDS:g} s to make "
            "the page",
            ["look for loops inside loops, or macros that call themselves"],
        ) from None
    except TemplateSyntaxError as exc:
        where = env.shown(exc.filename) + (f":{exc.lineno}" if exc.lineno else "")
        raise TpkitError(f"{where}: {_one_line(exc.message or str(exc))}") from None
    except SecurityError as exc:
        raise TpkitError(
            f"{_where(env, exc)}: the template may not do this: {_one_line(str(exc))}",
            [SANDBOX_HINT],
        ) from None
    except TemplateNotFound as exc:
        raise TpkitError(f"{_where(env, exc)}: there is no template '{exc.name}'") from None
    except TemplateError as exc:
        raise TpkitError(f"{_where(env, exc)}: {_one_line(exc.message or str(exc))}") from None
    except MemoryError as exc:
        raise TpkitError(
            f"{_where(env, exc)}: the template needs more memory than a page may take "
            f"({RENDER_MEMORY >> 20} MiB)"
        ) from None
    except RecursionError as exc:
        raise TpkitError(f"{_where(env, exc)}: the template calls itself without end") from None
    except Exception as exc:  # a filter or a value the template misuses
        raise TpkitError(
            f"{_where(env, exc)}: the template failed: {_one_line(f'{type(exc).__name__}: {exc}')}"
        ) from None


def _where(env: Sandbox, exc: BaseException | None) -> str:
    """templates/NAME:LINE of the deepest template frame in the traceback of exc: Jinja2
    rewrites the traceback of an Exception to template lines; for the time limit, the line is
    looked up in the compiled template."""
    found: tuple[str, int] | None = None
    tb = exc.__traceback__ if exc is not None else None
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            found = (template.filename, template.get_corresponding_lineno(tb.tb_lineno))
        elif _is_template(env, frame.f_code.co_filename):
            found = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return env.shown(None)
    return f"{env.shown(found[0])}:{found[1]}"


def _is_template(env: Sandbox, filename: str) -> bool:
    loader = env.loader
    return isinstance(loader, FolderLoader) and any(
        Path(filename).is_relative_to(folder) for folder in loader.folders
    )


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


class TooLong(BaseException):
    """The time limit of a page ran out. A BaseException, so that no `except Exception` in the
    code a template runs can swallow it."""


@contextlib.contextmanager
def limits(seconds: float, memory: int) -> Iterator[None]:
    """Stop the code inside after `seconds` (TooLong), and let it take at most `memory` bytes
    more address space (MemoryError); each where the platform allows it."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(_time_limit(seconds))
        stack.enter_context(_memory_limit(memory))
        yield


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        used = _address_space()
    except (ImportError, OSError, ValueError):
        yield
        return
    limit = used + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if used == 0 or (soft != resource.RLIM_INFINITY and soft <= limit):
        yield
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """Bytes of address space this process uses now (Linux), or 0 when unknown."""
    with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def date_filter(value: dt.date | str | None, style: str = "long") -> str:
    """20 ноября 2026 г. / November 20, 2026 (the language of the page)."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return i18n.date(day, style)


def num_filter(value: float | None, digits: int | None = 1) -> str:
    """83,3 in Russian, 83.3 in English; 1 234 / 1,234. digits None: as many as it has."""
    if value is None:
        return "—"
    return i18n.number(value, digits)


def signed_filter(value: float | None, digits: int | None = 1) -> str:
    """A change: +4,8, −10,5, 0,0."""
    if value is None:
        return ""
    text = i18n.number(abs(value), digits)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def pct_filter(value: float | None, digits: int = 1) -> str:
    """A share (0.015) in percent: 1,5 % / 1.5%."""
    if value is None:
        return "—"
    return i18n.percent(value * 100, digits)


def target_filter(check: Any, kind: str = "") -> str:
    """The target of a check as a person reads it: ≤ 30 с, ≥ 4 из 5, none; empty for a yes/no
    check. Takes a check, or a target with its check's type (`c.target|target(c.type)`)."""
    from tpkit.targets import target_text

    if isinstance(check, dict) and ("target" in check or "type" in check):
        check = _Check(check.get("target"), str(check.get("type") or kind))
    elif check is None or isinstance(check, (Target, dict)):
        check = _Check(check, kind)
    return target_text(check)


def quoted_filter(text: Any) -> str:
    """A phrase in the quotation marks of the language: «Добрый вечер» / “Good evening”."""
    return i18n._("“{text}”", text=str(text))


def measured_filter(action: Any) -> str:
    """What was measured beside the target: 7 (target ≤ 3)."""
    from tpkit.targets import measured

    return measured(getattr(action, "value", None), action)


class _Check:
    """A target with its check's type, for a check given as a mapping."""

    def __init__(self, target: Target | dict[str, Any] | None, kind: str) -> None:
        self.target = Target(**target) if isinstance(target, dict) else target
        self.type = kind or kind_of(self.target)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_filter(value: Any) -> str:
    """User text made safe for Markdown: one line, markup characters escaped, and no raw
    HTML at all (<, > and & become entities, which every Markdown renders as text)."""
    text = " ".join(str(value).split())
    text = re.sub(r"[&<>]", lambda m: _MD_ENTITIES[m.group()], text)
    return _MD_SPECIAL.sub(r"\\\1", text)
