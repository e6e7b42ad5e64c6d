"""What the dictionaries say about each word form, kept between runs.

Reading a new word form with pymorphy3 or lemminflect takes tens of microseconds; a registry of
ten thousand touchpoints has tens of thousands of forms, so a run spends seconds on it, and
every worker process again on the forms it meets. The readings (lemma, part of speech, tag)
depend only on the form, the dictionaries and tpkit's code, so they are kept as JSON in the
user's cache folder (`$XDG_CACHE_HOME/tpkit/words/`, else `~/.cache/tpkit/words/`) under a
name made from all of these: a new dictionary or a new tpkit starts a new file. Nothing of a
registry is kept there, and `--no-cache` (the registry's result cache) leaves it alone.

A file that does not read as the expected shape is ignored and written again; a reading that
does not rebuild is read again from the dictionary. Worker processes send the forms they
learned back with their results (new_entries / add), and the process that started them
writes the file once at the end (save).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

MAX_FORMS = 400_000  # per language; a file that would grow past it starts again
SAVE_FROM = 100  # new forms that make a run write the file again
_MAX_BYTES = 256 << 20

_kept: dict[str, dict[str, str]] | None = None  # lang -> form -> readings, as stored
_new: dict[str, dict[str, str]] = {"ru": {}, "en": {}}
_file: Path | None = None


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "tpkit" / "words"


def _path() -> Path:
    """The file of this tpkit and these dictionaries."""
    global _file
    if _file is None:
        from tpkit import morph

        digest = hashlib.blake2b(morph.versions(__file__).encode(), digest_size=12)
        _file = folder() / f"{digest.hexdigest()}.json"
    return _file


def _load() -> dict[str, dict[str, str]]:
    global _kept
    if _kept is None:
        _kept = {"ru": {}, "en": {}}
        if os.environ.get("TPKIT_NO_WORD_CACHE"):
            return _kept
        from tpkit import files

        try:
            data = orjson.loads(files.read_regular(_path(), _MAX_BYTES))
        except (OSError, ValueError, files.NotRegular):
            return _kept
        if isinstance(data, dict):
            for lang in ("ru", "en"):
                got = data.get(lang)
                if isinstance(got, dict):
                    _kept[lang] = got
    return _kept


def kept(word: str, lang: str) -> tuple[Any, ...] | None:
    """The readings of a form (normal()) as an earlier run found them, or None."""
    stored = _load()[lang].get(word)
    if stored is None:
        return None
    try:
        return _rebuild(word, lang, stored)
    except Exception:  # a damaged entry (not a list, a tag pymorphy3 does not know): read again
        return None


def learned(word: str, lang: str, readings: tuple[Any, ...]) -> None:
    """A form read from the dictionary in this run, to keep."""
    _new[lang][word] = "\n".join(_stored(p, lang) for p in readings)


def new_entries() -> dict[str, dict[str, str]]:
    """The forms learned since the last call (sent back by a worker process)."""
    out = {lang: forms for lang, forms in _new.items() if forms}
    for lang in _new:
        _new[lang] = {}
    return out


def add(entries: dict[str, dict[str, str]]) -> None:
    """Forms a worker process learned, to be saved with this process's own."""
    for lang, forms in entries.items():
        if lang in _new:
            _new[lang].update(forms)


def save(at_least: int = SAVE_FROM) -> None:
    """Write the kept forms with the new ones, if there are at least `at_least` new ones (a
    run that read a few new words does not write the whole file again for them); a cache
    folder that cannot be written is passed over."""
    if sum(map(len, _new.values())) < max(1, at_least) or os.environ.get("TPKIT_NO_WORD_CACHE"):
        return
    from tpkit import files

    stored = _load()
    merged: dict[str, dict[str, str]] = {}
    for lang in ("ru", "en"):
        old, new = stored[lang], _new[lang]
        merged[lang] = new if len(old) + len(new) > MAX_FORMS else {**old, **new}
        stored[lang] = merged[lang]
        _new[lang] = {}
    with contextlib.suppress(OSError, files.NotRegular, files.Refused):
        place = folder()
        place.mkdir(parents=True, exist_ok=True)
        for other in place.glob("*.json"):  # files of other versions or dictionaries
            if other.name != _path().name:
                other.unlink(missing_ok=True)
        files.write_atomic(_path(), orjson.dumps(merged), durable=False)


# A form's readings are kept as one line of text each, the fields split by tabs ("lemma, part
# of speech, tag[, index of pymorphy3's reading]"): one string a form rather than a list of
# lists keeps a store of 40,000 forms in 5 MB of memory instead of 25.


_NO_TAG = "~"  # a reading without a tag (a word of no letters of the language)


def _stored(p: Any, lang: str) -> str:
    tag = _NO_TAG if p.tag is None else str(p.tag)
    if lang == "ru":
        return f"{p.lemma}\t{p.pos}\t{tag}\t{p._index}"
    return f"{p.lemma}\t{p.pos}\t{tag}"


def _rebuild(word: str, lang: str, stored: str) -> tuple[Any, ...]:
    from tpkit import morph

    out = []
    for line in stored.split("\n"):
        if lang == "ru":
            lemma, pos, tag, index = line.split("\t")
            out.append(
                morph.Parse(
                    lemma, pos, None if tag == _NO_TAG else _tag(tag), None, word, int(index)
                )
            )
        else:
            lemma, pos, tag = line.split("\t")
            out.append(morph.Parse(lemma, pos, None if tag == _NO_TAG else tag))
    if not out:
        raise ValueError(word)
    return tuple(out)


_TAGS: dict[str, Any] = {}


def _tag(text: str) -> Any:
    found = _TAGS.get(text)
    if found is None:
        from tpkit import morph

        if not isinstance(text, str):
            raise ValueError(text)
        found = _TAGS[text] = morph.tag_class()(text)
    return found
