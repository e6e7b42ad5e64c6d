"""Rule settings: each rule's level and parameters, read from the standards files of the
registry over the built-in ones, every parameter checked against its kind, defaults filled in;
a bad setting is named by file:line:column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tpkit.config import Registry, Standards
from tpkit.durations import parse_duration
from tpkit.errors import RegistryError
from tpkit.i18n import _
from tpkit.model import LANGUAGES, LEVELS
from tpkit.rules import Param, Rule, all_rules, kind_meaning, standard_title

RULE_STANDARD_FILES = ("current", "accessible", "brief", "achievable")


@dataclass
class RuleSettings:
    level: str  # error | warning | info | off
    params: dict[str, Any] = field(default_factory=dict)


def rule_settings(registry: Registry) -> dict[str, RuleSettings]:
    """Each rule's level and parameters from the standards files, every parameter of its
    Param's kind, defaults filled in; a bad setting is exit 2, named by file:line:column."""
    return settings_of(registry.standards)


def settings_of(standards: dict[str, Any]) -> dict[str, RuleSettings]:
    """rule_settings() of the standards files alone (load_standards() keeps their positions)."""
    rules = {r.code: r for r in all_rules()}
    out = {code: RuleSettings(r.level, _defaults(r)) for code, r in rules.items()}
    for name in RULE_STANDARD_FILES:
        data = standards.get(name) or {}

        def where(*key: str | int, name: str = name, of_key: bool = False) -> str:
            if isinstance(standards, Standards):
                path, line, column = standards.position(name, *key, of_key=of_key)
                return f"{path}:{line}:{column}"
            return f"standards/{name}.yaml"

        block = data.get("rules") or {}
        if not isinstance(block, dict):
            raise RegistryError(
                _("{where}: 'rules' should be a block with one line a rule", where=where("rules")),
                [
                    _(
                        "for example: {example}",
                        example="rules: {" + _first_code(rules, name) + ": {level: warning}}",
                    )
                ],
            )
        for code, conf in block.items():
            r = rules.get(str(code))
            if r is None or r.standard != name:
                raise RegistryError(
                    _(
                        "{where}: '{code}' is not a rule of the {standard} standard",
                        where=where("rules", code, of_key=True),
                        code=code,
                        standard=standard_title(name),
                    ),
                    [
                        _(
                            "rules of {standard}: {codes}",
                            standard=standard_title(name),
                            codes=", ".join(c for c, x in rules.items() if x.standard == name),
                        )
                    ],
                )
            out[r.code] = _settings(
                r, conf or {}, lambda *k, c=code, **kw: where("rules", c, *k, **kw)
            )
    return out


def _defaults(r: Rule) -> dict[str, Any]:
    """The rule's settings as their Params hold them; a per-language one as {ru: .., en: ..}."""
    return {k: _per_lang_default(p) if p.per_lang else p.default for k, p in r.params.items()}


def _per_lang_default(p: Param) -> dict[str, Any]:
    if isinstance(p.default, dict):
        return dict(p.default)
    return dict.fromkeys(LANGUAGES, p.default)


def _first_code(rules: dict[str, Rule], standard: str) -> str:
    return next((c for c, r in rules.items() if r.standard == standard), "CODE")


def _settings(r: Rule, conf: Any, where: Callable[..., str]) -> RuleSettings:
    if not isinstance(conf, dict):
        raise RegistryError(
            _(
                "{where}: the settings of {code} should be a block of keys",
                where=where(),
                code=r.code,
            ),
            [_("for example: {example}", example=_level_example(r))],
        )
    level = conf.get("level", r.level)
    if level is False:  # YAML 1.1 reads a bare `off` as false: the user wrote off
        level = "off"
    level = str(level)
    if level not in (*LEVELS, "off"):
        raise RegistryError(
            _(
                "{where}: {code} level '{level}' is not one of error, warning, info, off",
                where=where("level"),
                code=r.code,
                level=level,
            ),
            [_("for example: {example}", example=_level_example(r))],
        )
    params = _defaults(r)
    for key, value in conf.items():
        if key == "level":
            continue
        param = r.params.get(key)
        if param is None:
            allowed = ", ".join(("level", *r.params))
            raise RegistryError(
                _(
                    "{where}: {code} has no setting '{key}'",
                    where=where(key, of_key=True),
                    code=r.code,
                    key=key,
                ),
                [_("settings of {code}: {allowed}", code=r.code, allowed=allowed)],
            )
        params[key] = _param(r, key, param, value, where)
    return RuleSettings(level, params)


class _Wrong(Exception):
    """What is wrong with a value, in plain words; `key` leads to the part that is wrong."""

    def __init__(self, message: str, *key: str | int) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


def _param(r: Rule, name: str, param: Param, value: Any, where: Callable[..., str]) -> Any:
    """The value of one setting, of its Param's kind; a wrong one is a RegistryError naming
    the file, line and column of the value, the rule, the setting and a right value."""
    try:
        if param.per_lang:
            if isinstance(value, dict):
                return _per_lang(param, value)
            return dict.fromkeys(LANGUAGES, _of_kind(param, value))
        return _of_kind(param, value)
    except _Wrong as wrong:
        hint = _("for example: {example}", example=param.example(name))
        if param.per_lang and not isinstance(param.default, dict):
            hint = _(
                "for example: {example}, or {other}",
                example=param.example(name),
                other=name + ": {ru: " + param.written(param.default) + ", en: ...}",
            )
        setting = _("{name} for {lang}", name=name, lang=wrong.key[0]) if wrong.key else name
        raise RegistryError(
            f"{where(name, *wrong.key)}: {r.code} {setting}: {wrong.message}",
            [*([f"{name}: {param.doc}"] if param.doc else []), hint],
        ) from None


def _per_lang(param: Param, value: dict[str, Any]) -> dict[str, Any]:
    """{ru: .., en: ..}: each language's value of the kind; a language left out keeps the
    default's."""
    if not value:
        raise _Wrong(_("the block is empty; write {what}", what=param.meaning))
    out = _per_lang_default(param)
    for lang, v in value.items():
        if lang not in LANGUAGES:
            raise _Wrong(
                _(
                    "'{lang}' is not a language tpkit reads; the languages are {languages}",
                    lang=lang,
                    languages=_("{first} and {second}", first=LANGUAGES[0], second=LANGUAGES[1]),
                ),
                lang,
            )
        try:
            out[lang] = _of_kind(param, v)
        except _Wrong as wrong:
            raise _Wrong(wrong.message, lang) from None
    return out


def _of_kind(param: Param, value: Any) -> Any:
    kind = param.kind
    if value is None:
        raise _Wrong(_("the value is empty; write {what}", what=kind_meaning(kind)))
    if isinstance(value, (dict, list, bool)):
        raise _Wrong(_("{value} is not {what}", value=_shown(value), what=kind_meaning(kind)))
    if kind == "text":
        if isinstance(value, str) and not value.strip():
            raise _Wrong(_("the value is empty; write some text"))
        return str(value)
    if kind == "fraction":
        return _fraction(value)
    if kind == "days":
        return _days(value)
    if isinstance(value, (str, dt.date)):
        shown = _shown(value)
        if isinstance(value, str) and value.strip().endswith("%"):
            raise _Wrong(
                _(
                    "{value} is a percentage, but it should be {what}",
                    value=shown,
                    what=kind_meaning(kind),
                )
            )
        raise _Wrong(_("{value} is not {what}", value=shown, what=kind_meaning(kind)))
    if kind == "int":
        if isinstance(value, float) and not value.is_integer():
            raise _Wrong(_("{value} is not a whole number", value=_g(value)))
        if value < 0:
            raise _Wrong(_("{value} is below 0", value=_g(value)))
        return int(value)
    return float(value)  # number


def _fraction(value: Any) -> float:
    if isinstance(value, str):
        text = value.strip()
        number = text[:-1].strip() if text.endswith("%") else None
        try:
            share = float(number) / 100 if number is not None else None
        except ValueError:
            share = None
        if share is None:
            raise _Wrong(_("{value} is not a share; write it as 0.2 or 20%", value=_shown(value)))
        if not 0 <= share <= 1:
            raise _Wrong(_("{value} is not between 0% and 100%", value=text))
        return share
    if isinstance(value, dt.date):
        raise _Wrong(_("{value} is not a share; write it as 0.2 or 20%", value=_shown(value)))
    if value > 1:
        raise _Wrong(
            _(
                "{value} is more than 1; a share is written as 0.2 or 20% (did you mean {value}%?)",
                value=_g(value),
            )
        )
    if value < 0:
        raise _Wrong(_("{value} is below 0", value=_g(value)))
    return float(value)


def _days(value: Any) -> int:
    if isinstance(value, str):
        days = parse_duration(value)
        if days is None:
            raise _Wrong(
                _(
                    "{value} is not a period; write a number followed by d (days), "
                    "w (weeks), m (months) or y (years), such as 30d",
                    value=_shown(value),
                )
            )
        return days
    if isinstance(value, dt.date):
        raise _Wrong(_("'{value}' is a date, not a period such as 30d", value=value))
    if isinstance(value, float) and not value.is_integer():
        raise _Wrong(_("{value} is not a whole number of days", value=_g(value)))
    if value < 0:
        raise _Wrong(_("{value} is below 0", value=_g(value)))
    return int(value)


def _g(value: float) -> str:
    return f"{value:g}"


def _level_example(r: Rule) -> str:
    return f"{r.code}: {{level: {r.level}}}"


def _shown(value: Any) -> str:
    """A wrong value as the message names it."""
    if value is True or value is False:
        return _("{value} (a yes/no value)", value="yes" if value else "no")
    if isinstance(value, dict):
        return _("a block of keys")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dt.date):
        return _("{value} (a date)", value=value.isoformat())
    return f"'{value}'"
