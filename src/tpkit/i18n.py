"""The language of everything tpkit prints: one language per output, chosen once.

Messages are written in English in the code and marked with `_()` (or `n_()` where a number
decides the form); their translations live in gettext catalogues, one folder per language under
`tpkit/locale/<lang>/`, split by area (`rules.po`, `audit.po`, ...) so that each area's messages
are kept together. `make install` compiles them into `LC_MESSAGES/tpkit.mo`; where the compiled
file is missing or older than the catalogues, they are read and compiled in memory instead.
Plural forms come from the catalogue's Plural-Forms header (written by Babel for the language),
numbers and dates are formatted by Babel for the language.

Which language: `--lang`, else `TPKIT_LANG`, else `LC_ALL` or `LC_MESSAGES` when they name a
language tpkit speaks, else the language of what is printed (the venue's, else the registry's),
else `LANG`, else English. `LANG` is the machine's general default, so it gives way to the
language the registry declares; `LC_ALL` and `LC_MESSAGES` are a person's choice of messages.

`python -m tpkit.i18n compile` compiles the catalogues; `python -m tpkit.i18n missing ru` prints
the messages of the code that have no Russian translation yet, as catalogue entries to fill in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
import os
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "ru")  # English is the language the messages are written in
SOURCE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tpkit"

_current = SOURCE
_catalogs: dict[str, gettext.NullTranslations] = {}


def current() -> str:
    """The language messages are printed in now."""
    return _current


def set_language(lang: str) -> str:
    """Print messages in `lang` from now on (an unknown language: English). Returns the
    language set. Worker processes forked after this call speak it too."""
    global _current
    _current = lang if lang in LANGUAGES else SOURCE
    return _current


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Messages in `lang` inside the block (None: unchanged), the previous language after it."""
    before = _current
    try:
        yield set_language(lang) if lang else before
    finally:
        set_language(before)


def _(message: str, /, **values: Any) -> str:
    """`message` in the current language, with {name} filled from `values`."""
    text = message if _current == SOURCE else _catalog(_current).gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form of the message that goes with `count`, with {n} the count as a number of the
    language (1 234) and {name} filled from `values`."""
    if _current == SOURCE:
        text = singular if count == 1 else plural
    else:
        text = _catalog(_current).ngettext(singular, plural, count)
    values.setdefault("n", number(count))
    return text.format(**values)


def N_(message: str, /) -> str:
    """Mark a message for the catalogue without translating it here (it is translated where it
    is printed, with `_(text)`)."""
    return message


# Numbers and dates -------------------------------------------------------------------------


def number(value: float, decimals: int | None = None) -> str:
    """A number as the language writes it: 95,5 and 1 234 in Russian, 95.5 and 1,234 in
    English; a negative one with the minus sign (−40,6), as in print. `decimals` fixes the
    digits after the mark (95.0 with 1); None keeps what the value has (up to three)."""
    from babel.numbers import format_decimal

    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = str(format_decimal(abs(value), format=pattern, locale=_locale()))
    return "\N{MINUS SIGN}" + text if value < 0 and text.strip("0.,") else text


def signed(value: float, decimals: int | None = 1) -> str:
    """A change, with its sign: +4,8, −10,5 and 0,0 (zero has none)."""
    text = number(value, decimals)
    return "+" + text if value > 0 and text.strip("0.,") else text


def percent(value: float, decimals: int = 1) -> str:
    """A share in percent (`value` 12.5 is 12.5 %), as the language writes it."""
    sep = "\N{NO-BREAK SPACE}" if _current == "ru" else ""
    return f"{number(value, decimals)}{sep}%"


def date(day: dt.date, style: str = "medium") -> str:
    """A date as the language writes it: '1 дек. 2026 г.' / 'Dec 1, 2026' (medium), '1 декабря
    2026 г.' / 'December 1, 2026' (long), '01.12.2026' / '12/1/26' (short)."""
    from babel.dates import format_date

    return str(format_date(day, format=style, locale=_locale()))


def _locale() -> str:
    return "ru_RU" if _current == "ru" else "en_US"


# Choosing the language ---------------------------------------------------------------------


def from_locale_name(value: str | None) -> str | None:
    """'ru_RU.UTF-8' -> 'ru'; 'C', 'POSIX', empty or a language tpkit does not speak -> None."""
    if not value:
        return None
    lang = re.split(r"[_.@:-]", value.strip(), maxsplit=1)[0].lower()
    return lang if lang in LANGUAGES else None


def choose(explicit: str | None = None, content: str | None = None) -> str:
    """The language of an output: the one asked for (see `asked`), else `content` (the
    venue's or the registry's language), else LANG, else English."""
    asked_for = asked(explicit)
    if asked_for:
        return asked_for
    if content in LANGUAGES:
        return content
    return from_locale_name(os.environ.get("LANG")) or SOURCE


def asked(explicit: str | None = None) -> str | None:
    """The language a person asked for: `explicit` (--lang), TPKIT_LANG, LC_ALL, LC_MESSAGES;
    None when none of them names a language tpkit speaks."""
    for value in (explicit, *(os.environ.get(n) for n in ("TPKIT_LANG", "LC_ALL", "LC_MESSAGES"))):
        lang = from_locale_name(value)
        if lang:
            return lang
    return None


# Catalogues --------------------------------------------------------------------------------


def _catalog(lang: str) -> gettext.NullTranslations:
    found = _catalogs.get(lang)
    if found is None:
        found = _catalogs[lang] = _load(lang)
    return found


def _parts(lang: str) -> list[Path]:
    folder = LOCALE_DIR / lang
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def _compiled(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _load(lang: str) -> gettext.NullTranslations:
    mo = _compiled(lang)
    parts = _parts(lang)
    try:
        if mo.is_file() and all(mo.stat().st_mtime >= p.stat().st_mtime for p in parts):
            with mo.open("rb") as fp:
                return gettext.GNUTranslations(fp)
    except (OSError, ValueError):  # a damaged compiled file: read the catalogues instead
        pass
    if not parts:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(_mo_bytes(lang)))


def read_catalog(lang: str) -> Any:
    """Every part of a language's catalogue read into one Babel catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, domain=DOMAIN, project="tpkit", fuzzy=False)
    for part in _parts(lang):
        with part.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged[message.id] = message
    return merged


def _mo_bytes(lang: str) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read_catalog(lang))
    return out.getvalue()


def compile_all() -> list[Path]:
    """Compile every language's catalogue into LC_MESSAGES/tpkit.mo; returns the files written."""
    written = []
    for lang in LANGUAGES:
        if not _parts(lang):
            continue
        path = _compiled(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_mo_bytes(lang))
        written.append(path)
    return written


KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}
SOURCES = Path(__file__).resolve().parent


def extract() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """Every message marked in the code and the built-in templates, with where it is."""
    from babel.messages.extract import extract_from_dir

    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    keywords: dict[str, Any] = {**KEYWORDS, "gettext": None, "ngettext": (1, 2)}
    templates = (SOURCES / "data" / "templates").resolve()  # a link: walked on its own
    jinja = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}
    for folder, method_map, options, prefix in (
        (SOURCES, [("**.py", "python")], {}, ""),
        (templates, [("**.html", "jinja2"), ("**.md", "jinja2")], {"**": jinja}, "templates/"),
    ):
        if not folder.is_dir():
            continue
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(folder), method_map=method_map, options_map=options, keywords=keywords
        ):
            key = message if isinstance(message, str) else (message[0], message[1])
            if not key or not (key if isinstance(key, str) else key[0]):
                continue
            found.setdefault(key, []).append((prefix + filename, lineno))
    return found


def missing(lang: str) -> list[tuple[str | tuple[str, str], list[tuple[str, int]]]]:
    """The messages of the code that the language's catalogue does not translate."""
    catalog = read_catalog(lang)
    out = []
    for key, where in extract().items():
        msgid = key if isinstance(key, str) else key[0]
        if catalog.get(msgid) is None:
            out.append((key, where))
    return out


def placeholders(text: str) -> set[str]:
    """The {names} a message fills in."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _main(argv: list[str]) -> int:
    if argv[:1] == ["compile"]:
        for path in compile_all():
            print(f"compiled {path}")
        return 0
    if argv[:1] == ["missing"] and len(argv) >= 2:
        todo = missing(argv[1])
        only = argv[2:]
        for key, where in todo:
            if only and not any(any(f.endswith(o) for f, _l in where) for o in only):
                continue
            print("#: " + " ".join(f"{f}:{line}" for f, line in where[:3]))
            if isinstance(key, str):
                print(f'msgid {_po_quote(key)}\nmsgstr ""\n')
            else:
                print(f"msgid {_po_quote(key[0])}\nmsgid_plural {_po_quote(key[1])}")
                print('msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n')
        print(f"# {len(todo)} messages without a translation", file=sys.stderr)
        return 1 if todo else 0
    print("usage: python -m tpkit.i18n compile | missing LANG [FILE ...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


def quote(text: str, lang: str, always: str = "") -> str:
    """Content quoted as its language quotes it (or in the marks `always`, such as "“”"); in
    a Russian output always «…»."""
    if current() == "ru":
        return f"«{text}»"
    if always:
        return f"{always[0]}{text}{always[1]}"
    return f"«{text}»" if lang == "ru" else f"“{text}”"
