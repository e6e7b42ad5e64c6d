"""What an auditor writes for a check, in either language and keyboard layout: results
(p, з, п, да, yes, pass…), measured amounts (4.5, 4,5, 4 min 30 s, 4 мин 30 с) and ratings."""

from __future__ import annotations

import re

from tpkit.i18n import _, number
from tpkit.model import TIME_UNITS, Target
from tpkit.targets import meets_target, target_text, with_unit

# One letter or word for each result. The Latin letters, the same keys in the Russian layout
# (p f w n are з а ц т there), the Russian initials and the words of both languages.
RESULT_WORDS = {
    **dict.fromkeys(("p", "pass", "yes", "true"), "pass"),
    **dict.fromkeys(("f", "fail", "no", "false"), "fail"),
    **dict.fromkeys(("w", "wow"), "wow"),
    **dict.fromkeys(("n", "na", "n/a", "n-a"), "na"),
    **dict.fromkeys(("з", "п", "да", "выполнено"), "pass"),
    **dict.fromkeys(("а", "н", "нет", "невыполнено"), "fail"),
    **dict.fromkeys(("ц", "в", "вау"), "wow"),
    **dict.fromkeys(("т", "нп", "н/п", "н-п", "н-а", "н/а", "т/ф", "т.ф"), "na"),
}

# Commands of the interactive audit, in both layouts (b s q h are и ы й р there) and languages.
COMMAND_WORDS = {
    **dict.fromkeys(("b", "back", "и", "назад"), "back"),
    **dict.fromkeys(("s", "skip", "ы", "отложить", "пропустить", "пропуск"), "skip"),
    **dict.fromkeys(("q", "quit", "й", "стоп", "выход"), "quit"),
    **dict.fromkeys(("?", "h", "help", ",", "р", "помощь", "справка"), "help"),
}

_UNIT_WORDS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "с", "сек", "секунд"), "s"),
    **dict.fromkeys(
        ("m", "min", "mins", "minute", "minutes", "м", "мин", "минут", "минуты"), "min"
    ),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов"), "h"),
}
_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)([a-zа-яё]+)\.?", re.IGNORECASE)
_JOINED = re.compile(r"(?:\d+(?:[.,]\d+)?[a-zа-яё]+\.?)+", re.IGNORECASE)  # 4мин30с, 4m30s
NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
CLOCK_RE = re.compile(r"^\d+(?::\d+)+(?:[.,]\d*)?$")


def result_word(word: str) -> str | None:
    """pass, fail, wow or na for a word an auditor types or writes; None for anything else."""
    return RESULT_WORDS.get(word.strip().lower().replace("ё", "е"))


def clock_hint(text: str, target: Target | None) -> str:
    """What to write instead of a clock time such as 4:30."""
    parts = [p for p in re.split(r"[:.,]", text) if p]
    unit = target.unit if target is not None else None
    if len(parts) >= 2 and unit == "min" and parts[0].isdigit() and parts[1].isdigit():
        minutes, seconds = int(parts[0]), int(parts[1])
        exact = number(round(minutes + seconds / 60, 3))
        return _(
            "write {exact} or {minutes} min {seconds} s",
            exact=exact,
            minutes=number(minutes),
            seconds=number(seconds),
        )
    if len(parts) >= 2 and unit == "h" and parts[0].isdigit() and parts[1].isdigit():
        hours, minutes = int(parts[0]), int(parts[1])
        exact = number(round(hours + minutes / 60, 3))
        return _(
            "write {exact} or {hours} h {minutes} min",
            exact=exact,
            hours=number(hours),
            minutes=number(minutes),
        )
    if unit:
        return _(
            "write a number in {unit}, for example {example}",
            unit=with_unit("", unit).strip(),
            example=number(4.5),
        )
    return _("write the number alone, for example {example}", example=number(3))


def parse_amount(text: str, target: Target | None) -> tuple[float | None, str, str]:
    """A measured amount at the start of `text`: (value in the target's unit, the rest of
    the text, a message when it cannot be read). '4,5', '4 min 30 s', '4 мин 30 с', '90 s'
    on a minutes check (1.5). A clock time such as 4:30 is refused: it could be minutes and
    seconds or hours and minutes."""
    stripped = text.lstrip()
    head = stripped.split(maxsplit=1)[0] if stripped else ""
    if CLOCK_RE.match(head):
        return None, stripped[len(head) :].strip(), clock_problem(head, target)
    unit = target.unit if target is not None else None
    words = stripped.split()
    if unit in TIME_UNITS:
        seconds, used = _duration(words)
        if used:
            return round(seconds / TIME_UNITS[unit], 4), " ".join(words[used:]), ""
    if words and NUMBER_RE.match(words[0]):
        return float(words[0].replace(",", ".")), " ".join(words[1:]), ""
    return None, " ".join(words), ""


def _duration(words: list[str]) -> tuple[float, int]:
    """Seconds written with units at the start of `words` ('4 min 30 s', '4мин 30с', '1 ч')
    and how many words they take; (0, 0) when they do not start with one."""
    seconds, i = 0.0, 0
    while i < len(words):
        word, step = words[i], 1
        if NUMBER_RE.match(word):
            unit = words[i + 1].lower().rstrip(".") if i + 1 < len(words) else ""
            pairs = [(word, unit)]
            step = 2
        elif _JOINED.fullmatch(word):
            pairs = _TOKEN.findall(word)
        else:
            break
        if any(w.lower() not in _UNIT_WORDS for _a, w in pairs):
            break
        for amount, unit_word in pairs:
            factor = TIME_UNITS[_UNIT_WORDS[unit_word.lower()]]
            seconds += float(amount.replace(",", ".")) * factor
        i += step
    return seconds, i


def clock_problem(text: str, target: Target | None) -> str:
    return _(
        "'{text}' reads as a clock time, not as an amount: {hint}",
        text=text,
        hint=clock_hint(text, target),
    )


def rating_problem(value: float, target: Target | None) -> str:
    """Why a rating is off its scale (1 to `of`), or empty when it is on it."""
    if target is None or target.of is None:
        return ""
    if 1 <= value <= target.of:
        return ""
    return _(
        "{value} is not on the scale: a rating is from 1 to {of}",
        value=number(value),
        of=number(target.of),
    )


def contradiction(
    result: str | None, value: float | None, check_type: str, t: Target | None
) -> str:
    """A result of pass beside a measured value that does not meet the target; empty when
    they agree."""
    if result != "pass" or value is None or t is None or check_type == "yesno":
        return ""
    if meets_target(check_type, t, value):
        return ""
    return _(
        "pass, but {value} does not meet the target {target}",
        value=with_unit(number(value), t.unit),
        target=target_text(t) or "",
    )
