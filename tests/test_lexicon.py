"""The built-in word lists: every key is found in its inflected forms, and every replacement
offered is a real form of the replacing word, in the case, number and tense of the original."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tpkit import morph
from tpkit.lexicon import LISTS, Lexicon
from tpkit.phrases import Entry, PhraseIndex, Words
from tpkit.registry import builtin_dir, load_standards
from tpkit.suggest import replacement
from tpkit.text import WORD_RE

LANGS = ("ru", "en")
MATCHED_BY_LEMMA = [name for name, by_lemma in LISTS.items() if by_lemma]


@cache
def lexicon(lang: str) -> Lexicon:
    from tpkit.lexicon import compile_lexicon

    return compile_lexicon(lang, load_standards(builtin_dir("init"))[f"lexicon/{lang}"])


def forms(word: str, lang: str) -> list[str]:
    """Other forms of a dictionary word: its lexeme (ru) or its inflections (en)."""
    if lang == "ru":
        own = [p for p in morph.parses(word, "ru") if p.lemma == morph.normal(word) and p.raw]
        if not own:
            return [word]
        return sorted({f.word for f in own[0].raw.lexeme})[:12]
    import lemminflect

    if word.lower() in AUXILIARIES:
        return [word]
    pos = morph.parses(word, "en")[0].pos
    found = {word}
    for tags in lemminflect.getAllInflections(word.lower(), upos=pos).values():
        found.update(t.capitalize() if word[:1].isupper() else t for t in tags)
    return sorted(found)


AUXILIARIES = {"can", "could", "will", "would", "shall", "should", "may", "might", "must", "do",
               "does", "did", "have", "has", "had", "be", "is", "are", "was", "were"}  # fmt: skip


def phrase_forms(phrase: str, lang: str) -> list[str]:
    """The phrase with its first word that changes form put into each of its forms."""
    for m in WORD_RE.finditer(phrase):
        w = m.group()
        if not any(p.pos in ("NOUN", "VERB", "ADJ") for p in morph.parses(w, lang)[:1]):
            continue
        variants = [f for f in forms(w, lang) if morph.normal(f) != morph.normal(w)]
        if variants:
            return [phrase] + [phrase[: m.start()] + v + phrase[m.end() :] for v in variants]
    return [phrase]


def entries(lang: str) -> list[tuple[str, Entry, PhraseIndex]]:
    lx = lexicon(lang)
    return [
        (name, e, getattr(lx, name)) for name in MATCHED_BY_LEMMA for e in getattr(lx, name).entries
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_lists_are_rich(lang: str) -> None:
    assert lexicon(lang).size() >= 250


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_is_found_in_its_inflected_forms(lang: str) -> None:
    missed = []
    for name, entry, index in entries(lang):
        candidates = phrase_forms(entry.phrase, lang)
        found = [c for c in candidates if any(True for _ in index.find(c))]
        # A phrase that opens with a command («Ждите», "Hold on") matches the command only.
        command = name == "forbidden" and bool(morph.command_key(entry.phrase.split()[0], lang))
        if len(found) < (1 if command else min(2, len(candidates))):
            missed.append(f"{name}: {entry.phrase!r} found in {found} of {candidates[:6]}")
    assert not missed, "\n".join(missed[:40])


def _agrees(old: morph.Parse, new_word: str, lang: str) -> bool:
    """The new word is a real form of the language standing in the old word's grammar."""
    readings = morph.parses(new_word, lang)
    if lang == "en":
        return any(p.pos != "X" for p in readings) or new_word in morph.EN_FIXED
    keep = [g for g in ("nomn", "gent", "datv", "accs", "ablt", "loct", "plur", "past", "impr")
            if old.tag is not None and g in old.tag]  # fmt: skip
    return any(p.raw is not None and all(g in p.tag for g in keep) for p in readings)


@pytest.mark.parametrize("lang", LANGS)
def test_every_replacement_offered_fits_the_form_it_replaces(lang: str) -> None:
    wrong = []
    offered = 0
    for name, entry, index in entries(lang):
        if name != "plain" or not entry.instead or len(WORD_RE.findall(entry.phrase)) != 1:
            continue
        for text in phrase_forms(entry.phrase, lang):
            words = Words(text, WORD_RE.findall(text))
            for m in index.find(words):
                r = replacement(m, words, lang)
                if not r.safe:
                    assert r.why, f"{text!r}: neither a replacement nor what to rewrite"
                    continue
                offered += 1
                old = morph.reading(words.tokens[m.first], lang, m.keys[0])
                head = WORD_RE.findall(r.new)
                if old is not None and head and not all(_agrees(old, w, lang) for w in head[:1]):
                    wrong.append(f"{text!r} -> {r.new!r}")
    assert offered > 100
    assert not wrong, "\n".join(wrong[:40])


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Официант осуществляет подачу воды в течение 3 минут. Ждите, вас позовут."),
        ("en", "Staff will utilize the terminal and ensure the guest is informed. Hold on."),
    ],
)
def test_word_lists_compiled_from_the_kept_keys_find_what_a_fresh_compile_finds(
    lang: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tpkit import lexicon as lexicon_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = load_standards(builtin_dir("init"))[f"lexicon/{lang}"]

    def found() -> list[tuple[str, str, int]]:
        monkeypatch.setattr(lexicon_module, "_COMPILED", {})
        lx = lexicon_module.compile_lexicon(lang, data)
        return [
            (name, m.entry.phrase, m.start) for name in LISTS for m in getattr(lx, name).find(text)
        ]

    fresh = found()
    kept = list((tmp_path / "tpkit" / "lexicon").glob(f"{lang}-*.json"))
    assert len(kept) == 1 and fresh  # the keys were kept, and the text has findings
    assert found() == fresh  # compiled from the kept keys
    kept[0].write_text('{"plain": [["x"], 3], "forbidden": "no"}', encoding="utf-8")
    assert found() == fresh  # a damaged file is not trusted, and is written again
    assert '"x"' not in kept[0].read_text(encoding="utf-8")
