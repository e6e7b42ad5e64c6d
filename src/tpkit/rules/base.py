"""What a rule is: a check function with a stable code, a standard, a default level and a
docstring that is its documentation (with a bad and a good example); what it is given
(Context) and what it yields (Finding). The engine, not the rule, stamps the level, the
standard and the file. The catalogue of every rule is tpkit.rules."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tpkit.i18n import N_, _
from tpkit.model import Touchpoint
from tpkit.phrases import Match, PhraseIndex, Words
from tpkit.rules._text import text_fields
from tpkit.text import sentences, words

if TYPE_CHECKING:
    from tpkit.config import Registry
    from tpkit.history import History


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found; the engine turns it into a Problem."""

    line: int
    column: int
    message: str
    suggestion: str = ""
    touchpoint: Touchpoint | None = None  # set by registry-wide rules
    path: str = ""  # set for findings outside touchpoint files (tpkit.yaml, audits)
    tp_id: str = ""
    fix: tuple[int, int, str, str] | None = None  # (line, column, old, new): a safe substitution


@dataclass
class Context:
    """What a rule may read: the registry, its own settings, today, git history."""

    registry: Registry
    today: dt.date
    params: dict[str, Any] = field(default_factory=dict)
    history: History | None = None
    audits: Any = None  # audit evidence, when the registry has audits
    texts: dict[Any, Any] = field(default_factory=dict)  # shared by the rules of one file

    def found(self, index: PhraseIndex, text: str) -> Iterable[Match]:
        """What one word list finds in the text; the text is split into words once for all
        the rules, and a text without an anchor word of the list is passed over at once."""
        words = self.words(text)
        if not index.may_match(words):
            return ()
        return index.find(words)

    def words(self, text: str) -> Words:
        """The text split into words once for all the rules of a file, with where each word
        stands worked out at most once."""
        key = ("words", text)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = Words(text, self.tokens(text))
        return found

    def venue_kinds(self, tp: Touchpoint) -> frozenset[str]:
        """The kinds of the venues the touchpoint applies to (restaurant, hotel…)."""
        venues = self.registry.config.venues
        wanted = set(tp.venues)
        return frozenset(v.kind for v in venues if v.kind and (not wanted or v.id in wanted))

    def file_text(self, tp: Touchpoint) -> str:
        """Every text of the touchpoint that the word rules read, one per line: a rule that
        finds nothing in it has nothing to look for in each text."""
        key = ("file", tp.path)
        found = self.texts.get(key)
        if found is None:
            fields = text_fields(tp, "standard", "steps", "say", "checks", "avoid")
            found = self.texts[key] = "\n".join(text for _, text, _ in fields)
        return found

    def file_words(self, tp: Touchpoint) -> frozenset[str]:
        """The words of every text of the touchpoint that the word rules read, each once: a
        list none of whose words is among them has nothing to look for in each text."""
        key = ("distinct", tp.path)
        found = self.texts.get(key)
        if found is None:
            fields = text_fields(tp, "standard", "steps", "say", "checks", "avoid")
            found = self.texts[key] = frozenset().union(
                *(self.words(text).distinct for _, text, _ in fields)
            )
        return found

    def tokens(self, text: str) -> list[str]:
        """The words of the text as written, once for all the rules that count them."""
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = words(text)
        return found

    def param(self, name: str, lang: str | None = None) -> Any:
        """The rule's setting `name`: the registry's value, else the Param's default, already
        of the Param's kind (an int for "int", a float for "number" and "fraction", days for
        "days"). With `lang`, a per-language setting's value for that language."""
        try:
            value = self.params[name]
        except KeyError:
            raise KeyError(_("the rule has no setting '{name}'", name=name)) from None
        if lang is not None and isinstance(value, dict):
            return value.get(lang)
        return value

    def sentences(self, text: str) -> list[str]:
        key = ("sentences", text)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = sentences(text)
        return found


@dataclass(frozen=True, slots=True)
class Param:
    """A rule's setting: its type, its default and what it means. The one place that holds
    the default; `standards/*.yaml` may set another value, checked against `kind`.

    kind: "int" (a whole number), "number", "fraction" (0.2 or 20%), "days" (30 or 30d),
    "text"; `per_lang` lets the value be a block with one value per language ({ru: 9, en: 8}).
    `about` is what the setting means, in English (marked with N_); `doc` is it in the
    language of the output.
    """

    kind: str
    default: Any
    about: str = ""
    per_lang: bool = False

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"Param kind '{self.kind}' is not one of {', '.join(PARAM_KINDS)}")

    @property
    def doc(self) -> str:
        """What the setting means, in the language of the output."""
        return _(self.about) if self.about else ""

    @property
    def meaning(self) -> str:
        """The kind in plain words, for messages and `tpkit rules`."""
        what = kind_meaning(self.kind)
        return _("{what}, or one for each language", what=what) if self.per_lang else what

    def example(self, name: str) -> str:
        """A right value of the setting, as a line of a standards file: its default."""
        if isinstance(self.default, dict):
            inner = ", ".join(f"{k}: {self.written(v)}" for k, v in self.default.items())
            return f"{name}: {{{inner}}}"
        return f"{name}: {self.written(self.default)}"

    def written(self, value: Any) -> str:
        """A value of this kind as one would write it in a standards file (0.2 → 20%)."""
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {self.written(v)}" for k, v in value.items()) + "}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        if self.kind == "fraction":
            return f"{value * 100:g}%"
        if self.kind == "days":
            return f"{value:g}d"
        return f"{value:g}"


PARAM_KINDS = {
    "int": N_("a whole number"),
    "number": N_("a number"),
    "fraction": N_("a share: 0.2 or 20%"),
    "days": N_("a period: 30d, 4w, 6m, 1y or a number of days"),
    "text": N_("text"),
}


def kind_meaning(kind: str) -> str:
    """A kind of setting in plain words, in the language of the output."""
    return _(PARAM_KINDS[kind])


# The two kinds of check function: of one touchpoint, and of the whole registry.
FileCheck = Callable[[Touchpoint, "Context"], Iterable[Finding]]
RegistryCheck = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    standard: str
    level: str  # default level
    source_summary: str  # in English, as written in the code
    source_doc: str  # in English, as written in the code (the message of the catalogue)
    params: dict[str, Param]
    check: Callable[..., Iterable[Finding]]  # a FileCheck or a RegistryCheck, by scope
    scope: str  # "touchpoint" | "registry" | "loader" | "engine"
    uses_today: bool = False  # its findings change with the date, so they are never cached

    def on_file(self, tp: Touchpoint, ctx: Context) -> Iterable[Finding]:
        """What a per-file rule finds in one touchpoint."""
        if self.scope != "touchpoint":
            raise TypeError(f"{self.code} is not a rule of one file")
        check: FileCheck = self.check
        return check(tp, ctx)

    def on_registry(self, ctx: Context) -> Iterable[Finding]:
        """What a registry-wide rule finds (each finding names its touchpoint)."""
        if self.scope != "registry":
            raise TypeError(f"{self.code} is not a rule of the whole registry")
        check: RegistryCheck = self.check
        return check(ctx)

    @property
    def standard_title(self) -> str:
        """The standard the rule belongs to, as a person reads it in the language of the
        output: «доступность» for accessible. `standard` stays the id."""
        return standard_title(self.standard)

    @property
    def doc(self) -> str:
        """The rule's documentation with its bad and good example, in the language of the
        output."""
        return inspect.cleandoc(_(self.source_doc)) if self.source_doc else ""

    @property
    def summary(self) -> str:
        """What the rule finds, in one sentence (the first paragraph of its documentation)."""
        return _first_paragraph(self.doc) or self.code


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())


# The standards a rule belongs to, by id, with their names as a person reads them.
STANDARD_TITLES = {
    "schema": N_("schema"),
    "current": N_("current"),
    "accessible": N_("accessible"),
    "brief": N_("brief"),
    "achievable": N_("achievable"),
}


def standard_title(standard: str) -> str:
    """A standard's name in the language of the output (current → «актуальность»); an id
    tpkit does not know as it is."""
    title = STANDARD_TITLES.get(standard)
    return _(title) if title else standard


def rule(
    code: str,
    standard: str,
    level: str,
    params: dict[str, Param] | None = None,
    scope: str = "touchpoint",
    uses_today: bool = False,
    doc: str = "",
) -> Callable[[Any], Any]:
    """Make a check function a rule (the catalogue in tpkit.rules lists the modules that
    hold rules). `doc` is the rule's documentation, written in
    English and marked with N_() so that it is translated: what it finds (the first
    paragraph), why, and a bad and a good example."""

    def register(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        source = doc or func.__doc__ or ""
        if not func.__doc__:
            func.__doc__ = inspect.cleandoc(source)
        func.rule = Rule(  # type: ignore[attr-defined]
            code,
            standard,
            level,
            _first_paragraph(inspect.cleandoc(source)) or code,
            source,
            dict(params or {}),
            func,
            scope,
            uses_today,
        )
        return func

    return register
