"""Passive verb groups in a sentence, Russian and English: the voice that hides who acts (what
ACC006 reports), found from the readings of the words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tpkit import morph
from tpkit.phrases import Words

# Reflexive verbs that are not passive: the subject does it to itself or simply does it.
RU_TRUE_REFLEXIVE = {
    "улыбаться", "здороваться", "прощаться", "находиться", "садиться", "оставаться",
    "являться", "появляться", "стараться", "касаться", "нравиться", "бояться", "смеяться",
    "надеяться", "становиться", "обращаться", "представляться", "извиняться", "знакомиться",
    "интересоваться", "убеждаться", "договариваться", "связываться", "готовиться",
    "одеваться", "располагаться", "возвращаться", "отвлекаться", "заниматься", "случаться",
    "пользоваться", "начинаться", "заканчиваться", "кончаться", "открываться", "закрываться",
    "меняться", "требоваться", "нуждаться", "ошибаться", "соглашаться", "отказываться",
    "беспокоиться", "волноваться", "радоваться", "торопиться", "удаваться", "казаться",
    "оказываться", "получаться", "придерживаться", "ориентироваться", "опираться",
    "приближаться", "подходить", "записываться", "регистрироваться", "выселяться",
    "заселяться", "бронироваться", "остаться", "вернуться", "обратиться", "убедиться",
    "улыбнуться", "поздороваться", "попрощаться", "представиться", "извиниться",
    "связаться", "дозвониться", "разобраться", "остановиться", "задерживаться",
    "задержаться", "присаживаться", "раздеваться", "освобождаться",
}  # fmt: skip
EN_NOT_PASSIVE = {
    "located", "situated", "based", "supposed", "used", "interested", "concerned", "pleased",
    "delighted", "satisfied", "tired", "married", "dressed", "seated", "allowed", "required",
    "expected", "obliged", "closed", "open", "done", "gone", "finished", "welcome",
    "advised", "committed", "dedicated", "entitled", "engaged", "involved",
}  # fmt: skip
_RU_PERSONS = {"я", "мы", "вы", "ты", "он", "она", "они"}
_MODAL_RU = {"должен", "должный", "необходимо", "нужно", "следует", "требоваться", "надлежать"}
_RU_BE = {"быть", "будет", "будут", "был", "была", "было", "были", "должен", "должна", "должно",
          "должны"}  # fmt: skip
# "by the host" names who acts; "by 2 pm" does not.
_EN_AGENT_RE = re.compile(
    r"^[^.;:!?]{0,40}?\bby\s+(?!\d|noon|midnight|the\s+end|then|now|e-?mail|phone|telephone|"
    r"post|mail|text|sms|message|card|cash|hand|default|law|name|chance|mistake|courier)",
    re.IGNORECASE,
)
_EN_CLAUSE = {"when", "if", "once", "until", "unless", "while"}
_EN_MODALS = {"will", "must", "should", "shall", "can", "may", "to", "would", "could", "might",
              "need", "needs"}  # fmt: skip
# After the participle: a time, a frequency or a deadline makes it a task, not a state.
_EN_TASK_RE = re.compile(
    r"^\W+(?:within|in\s+\d|every|each|daily|hourly|weekly|immediately|at\s+once|promptly|"
    r"by\s+\d|before|after|as\s+soon|on\s+(?:arrival|request|time)|when|if|once|"
    r"no\s+later|not\s+later)",
    re.IGNORECASE,
)


# How every passive verb form ends: a reflexive verb (-ся, -сь) or a short participle
# (выполнен, выполнено, накрыт, накрыта; уважаем, уважаемы…).
_RU_PASSIVE_ENDINGS = (
    "ся",
    "сь",
    "н",
    "на",
    "но",
    "ны",
    "т",
    "та",
    "то",
    "ты",
    "м",
    "ма",
    "мо",
    "мы",
)


def ru_passive(words: Words, idx: list[int]) -> Iterator[tuple[int, int]]:
    """Spans of Russian passive verb groups in a sentence (the indexes of its words):
    «должно быть выполнено», «контроль осуществляется», «заказ принимается»."""
    if not idx or not any(morph.normal(words.tokens[i]).endswith(_RU_PASSIVE_ENDINGS) for i in idx):
        return  # no word of the sentence can be a passive verb
    readings = {i: morph.parses(words.tokens[i], "ru") for i in idx}
    actor = any(
        p.pos in ("NOUN", "PRON") and p.tag is not None and "anim" in p.tag and "nomn" in p.tag
        for i in idx for p in readings[i][:1]
    ) or any(morph.normal(words.tokens[i]) in _RU_PERSONS for i in idx)  # fmt: skip
    for i in idx:
        first = readings[i][0]
        if first.tag is None:
            continue
        if first.pos == "VERB" and "PRTS" in first.tag and "pssv" in first.tag:
            # «должно быть выполнено», «будет обеспечено»; «стол накрыт» alone is a state.
            if i > idx[0] and morph.normal(words.tokens[i - 1]) in _RU_BE:
                first_word = i - 1
                if first_word > idx[0] and morph.normal(words.tokens[first_word - 1]) in _RU_BE:
                    first_word -= 1  # «должен быть встречен»
                yield words.spans[first_word][0], words.spans[i][1]
            continue
        if actor:
            continue
        lemma = first.lemma
        if (
            first.pos == "VERB"
            and lemma.endswith(("ся", "сь"))
            and lemma not in RU_TRUE_REFLEXIVE
            and ("3per" in first.tag or "INFN" in first.tag)
            and "impf" in first.tag
            and _has_transitive(lemma[:-2])
            and not _ru_agent(words, idx, i, readings)
        ):
            yield words.spans[i]


def _ru_agent(
    words: Words, idx: list[int], i: int, readings: dict[int, tuple[morph.Parse, ...]]
) -> bool:
    """Whether a person in the instrumental stands just after the verb and names who acts:
    «осуществляется администратором»."""
    after = [j for j in idx if i < j <= i + 3]
    for j in after:
        if morph.parses(words.tokens[j - 1], "ru")[0].pos == "PREP":
            continue
        if any(
            p.tag is not None
            and "ablt" in p.tag
            and ((p.pos == "NOUN" and "anim" in p.tag) or "Subx" in p.tag)
            for p in readings[j][:2]
        ):
            return True
    return False


def _has_transitive(lemma: str) -> bool:
    return any(
        p.pos == "VERB" and p.tag is not None and "tran" in p.tag and p.lemma == lemma
        for p in morph.parses(lemma, "ru")
    )


_EN_VBN_RE = re.compile(r"^[a-z]+(?:ed|en|wn|ld|lt|nt|ut|ght|id|ung|ept)$")


def en_passive(words: Words, idx: list[int]) -> Iterator[tuple[int, int]]:
    """Spans of English passives in a sentence (the indexes of its words): a form of "be"
    (with "to", "not" or an adverb between), then a past participle, and no "by" naming who
    acts."""
    done = -1  # the last word of the passive found last: "are to be answered" is one
    for n, i in enumerate(idx):
        if i <= done or words.tokens[i].lower() not in morph.BE_FORMS:
            continue
        if n and words.tokens[idx[n - 1]].lower() in ("that", "which", "who"):
            continue  # "a card that is bent": a state
        if any(words.tokens[k].lower() in _EN_CLAUSE for k in idx[max(0, n - 4) : n]):
            continue  # "when a quarter is left", "say when the hold is released"
        for j in idx[n + 1 : n + 4]:
            word = words.tokens[j].lower()
            if word in ("not", "always", "never", "also", "then", "to", "be") or word.endswith(
                "ly"
            ):
                continue
            if word in EN_NOT_PASSIVE or not _is_participle(word):
                break
            after = words.text[words.spans[j][1] : words.spans[j][1] + 30]
            if _EN_AGENT_RE.match(after):
                break
            before = words.tokens[i - 1].lower() if n else ""
            yield words.spans[i - 1 if before in _EN_MODALS else i][0], words.spans[j][1]
            done = j
            break


def _is_participle(word: str) -> bool:
    return any(p.pos == "VERB" and p.tag in ("VBN", "VBD") for p in morph.parses(word, "en"))
