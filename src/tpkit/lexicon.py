"""Word lists of a language, compiled once into indexes that match word forms by lemma
(phrases.py matches them), with what a registry adds to the built-in lists.

A registry's `standards/lexicon/<lang>.yaml` extends the built-in lists: its entries are added
(or replace a built-in entry with the same key), and `remove:` drops built-in entries by list.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpkit import morph, phrases
from tpkit.phrases import Entry, PhraseIndex

# Two or more capitals as a whole word. The start of the word is checked in code: a
# look-behind at every character would make the search three times slower.
ABBREVIATION_RE = re.compile(
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]*[A-ZА-ЯЁ](?:[a-zа-яё][A-ZА-ЯЁ]+|[a-zа-яё])?(?![\w-])"
)  # ОФД, NPS; СПиР and ПДн with one small letter
# The lists of a lexicon and whether they match by lemma (else as written).
LISTS = {
    "forbidden": True,
    "plain": True,
    "filler": False,
    "vague": True,
    "inner": True,
    "intensifiers": True,
    "absolutes": True,
    "modal": True,
}


@dataclass
class Lexicon:
    lang: str
    forbidden: PhraseIndex
    plain: PhraseIndex
    filler: PhraseIndex
    vague: PhraseIndex
    inner: PhraseIndex
    intensifiers: PhraseIndex
    absolutes: PhraseIndex
    modal: PhraseIndex
    glossary: dict[str, str]
    forbidden_entries: list[Entry]

    def abbreviations(self, text: str) -> Iterator[re.Match[str]]:
        for match in ABBREVIATION_RE.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if (before.isalnum() or before in "_-") or match.group() in self.glossary:
                continue
            if EXPLAINED_RE.match(text, match.end()) or text[: match.start()].endswith("("):
                continue  # «СПиР (служба приёма и размещения)»: explained where it stands
            if is_caps_word(match.group(), self.lang) or PLACEHOLDER_CAPS.fullmatch(match.group()):
                continue  # a word in capitals for emphasis, or XXX: not an abbreviation
            yield match

    def size(self) -> int:
        return sum(len(getattr(self, name)) for name in LISTS)


EXPLAINED_RE = re.compile(r"\s*[(—–-]\s*[a-zа-яё]{3,}", re.IGNORECASE)
PLACEHOLDER_CAPS = re.compile(r"[XХ]{3,}")
# Short words staff are shouted at with: НЕ трогайте, NOT, ALL.
SHORT_CAPS = {"НЕ", "НИ", "НЕТ", "ВСЕ", "ВСЁ", "ВСЕМ", "ЭТО", "NOT", "NO", "ALL", "ANY", "NEVER",
              "ONLY", "MUST", "ТОЛЬКО"}  # fmt: skip


def is_caps_word(word: str, lang: str) -> bool:
    """A word of the language written in capitals (ОБЯЗАТЕЛЬНО, NEVER, НЕ), not an abbreviation:
    a short word of emphasis, or five letters or more and a dictionary word."""
    if word in SHORT_CAPS:
        return True
    if len(word) < 5 or not word.isalpha():
        return False
    if lang == "ru":
        return any(
            p.raw is not None and p.raw.is_known and p.pos not in ("X",)
            for p in morph.parses(word, "ru")
        )
    return any(p.pos != "X" for p in morph.parses(word.lower(), "en"))


def _entry(phrase: str, value: Any) -> Entry:
    if isinstance(value, dict):
        return Entry(
            phrase,
            str(value.get("instead") or ""),
            tuple(str(c) for c in value.get("channels") or ()),
            tuple(str(k) for k in value.get("kinds") or ()),
            tuple(str(k) for k in value.get("not_kinds") or ()),
            str(value.get("pos") or "").upper(),
            str(value.get("note") or ""),
            str(value.get("case") or ""),
        )
    return Entry(phrase, "" if value is None else str(value))


def _items(value: Any) -> list[tuple[str, Any]]:
    """A list's entries, written as a mapping (key: replacement) or as a list of keys."""
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    if isinstance(value, list):
        out: list[tuple[str, Any]] = []
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                out.extend((str(k), v) for k, v in item.items())
            elif item is not None:
                out.append((str(item), None))
        return out
    return []


def merge_lexicon(builtin: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """A registry's lexicon over the built-in one: lists extend, `remove:` drops entries."""
    out: dict[str, Any] = {}
    got = own.get("remove")
    removed: dict[str, Any] = got if isinstance(got, dict) else {}
    for name in (*LISTS, "glossary"):
        items = dict(_items(builtin.get(name)))
        drop = {morph.normal(str(k)) for k, _ in _items(removed.get(name))}
        items = {k: v for k, v in items.items() if morph.normal(k) not in drop}
        items.update(_items(own.get(name)))
        out[name] = items
    for key, value in own.items():
        if key not in out and key != "remove":
            out[key] = value
    for key, value in builtin.items():
        out.setdefault(key, value)
    return out


_COMPILED: dict[tuple[str, str], Lexicon] = {}


def compile_lexicon(lang: str, data: dict[str, Any]) -> Lexicon:
    """The word lists of a language, compiled once per content: worker processes forked after
    the first compile share it, and its analysers, with the parent."""
    key = (lang, json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))
    found = _COMPILED.get(key)
    if found is None:
        if len(_COMPILED) > 16:
            _COMPILED.clear()
        found = _COMPILED[key] = _compile(lang, data)
    return found


def _compile(lang: str, data: dict[str, Any]) -> Lexicon:
    indexes = {
        name: PhraseIndex(lang, by_lemma, commands=name == "forbidden")
        for name, by_lemma in LISTS.items()
    }
    digest = _digest(lang, data)
    stored = _stored_keys(lang, digest)
    worked_out: dict[str, list[list[str]]] = {}
    for name, index in indexes.items():
        known = stored.get(name, [])
        keys = worked_out[name] = []
        for i, (phrase, value) in enumerate(_items(data.get(name))):
            keys.append(
                list(index.add(_entry(phrase, value), known[i] if i < len(known) else None))
            )
    if worked_out != stored:
        _store_keys(lang, digest, worked_out)
    glossary = {str(k): str(v) for k, v in _items(data.get("glossary"))}
    return Lexicon(
        lang,
        glossary=glossary,
        forbidden_entries=list(indexes["forbidden"].entries),
        **indexes,
    )


# The keys of the word lists, kept between runs ---------------------------------------------
#
# Working out the lemma of every word of every entry takes most of a second (and loading the
# English tables for it); the keys depend only on the word lists, tpkit's code and the
# dictionaries, so they are kept in the user's cache folder as JSON under a name made from all
# of these. A file that does not read as the expected shape is ignored and written again.


KEPT_KEY_FILES = 8  # per language: one per registry with its own word lists, the latest used


def keys_folder() -> Path:
    """$XDG_CACHE_HOME/tpkit/lexicon, else ~/.cache/tpkit/lexicon."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "tpkit" / "lexicon"


def _digest(lang: str, data: dict[str, Any]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{morph.versions(__file__, phrases.__file__)}:{lang}:".encode())
    digest.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def _stored_keys(lang: str, digest: str) -> dict[str, list[list[str]]]:
    from tpkit import files

    try:
        data = json.loads(files.read_regular(keys_folder() / f"{lang}-{digest}.json", 64 << 20))
    except (OSError, ValueError, RuntimeError, KeyError, files.NotRegular):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: value
        for name, value in data.items()
        if isinstance(value, list)
        and all(isinstance(k, list) and all(isinstance(w, str) for w in k) for k in value)
    }


def _store_keys(lang: str, digest: str, keys: dict[str, list[list[str]]]) -> None:
    from tpkit import files

    folder = keys_folder()
    with contextlib.suppress(OSError, RuntimeError, KeyError, files.NotRegular, files.Refused):
        folder.mkdir(parents=True, exist_ok=True)
        kept = sorted(folder.glob(f"{lang}-*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEPT_KEY_FILES]:  # the word lists of registries not opened lately
            old.unlink(missing_ok=True)
        text = json.dumps(keys, ensure_ascii=False, separators=(",", ":"))
        files.write_atomic(folder / f"{lang}-{digest}.json", text, durable=False)
