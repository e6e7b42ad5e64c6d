"""Word forms of Russian (pymorphy3) and English (lemminflect), in two parts: what a word form
may be (readings.py: its lemmas, parts of speech and keys) and a word inflected to stand where
another one stood (inflection.py). Both are named here, as morph.<name>."""

from __future__ import annotations

from tpkit.morph.inflection import (
    BE_FORMS,
    CASES,
    PREPOSITION_CASE,
    PREPOSITION_CASES,
    en_inflect,
    ru_agree,
    ru_case_of,
    ru_inflect,
    ru_to_case,
    with_case_of,
)
from tpkit.morph.readings import (
    _EN,
    _KEYS_EN,
    _KEYS_RU,
    _RU,
    EN_FIXED,
    EN_POS,
    FIXED,
    LOOKALIKES,
    RU_POS,
    Parse,
    command_key,
    keys,
    lemma_key,
    normal,
    parses,
    reading,
    tag_class,
    versions,
)

__all__ = [
    "BE_FORMS",
    "CASES",
    "EN_FIXED",
    "EN_POS",
    "FIXED",
    "LOOKALIKES",
    "PREPOSITION_CASE",
    "PREPOSITION_CASES",
    "RU_POS",
    "_EN",
    "_KEYS_EN",
    "_KEYS_RU",
    "_RU",
    "Parse",
    "command_key",
    "en_inflect",
    "keys",
    "lemma_key",
    "normal",
    "parses",
    "reading",
    "ru_agree",
    "ru_case_of",
    "ru_inflect",
    "ru_to_case",
    "tag_class",
    "versions",
    "with_case_of",
]
