"""The rule catalogue: every rule of tpkit, from the modules listed in RULE_MODULES (a rule
is a function made with @rule in one of them; see base.py for what a rule is)."""

from __future__ import annotations

from types import ModuleType

from tpkit.i18n import _
from tpkit.rules import (
    accessible,
    achievable,
    brief,
    current,
    evidence,
    loop,
    observable,
    steps,
    structure,
    voice,
    wording,
)
from tpkit.rules.base import (  # what a rule is, named here too
    Context as Context,
)
from tpkit.rules.base import (
    Finding as Finding,
)
from tpkit.rules.base import (
    Param as Param,
)
from tpkit.rules.base import (
    Rule as Rule,
)
from tpkit.rules.base import (
    kind_meaning as kind_meaning,
)
from tpkit.rules.base import (
    rule as rule,
)
from tpkit.rules.base import (
    standard_title as standard_title,
)

# Every module that holds rules; a new rules module is added here.
RULE_MODULES: tuple[ModuleType, ...] = (
    structure,
    current,
    accessible,
    wording,
    voice,
    brief,
    achievable,
    steps,
    evidence,
    loop,
    observable,
)


def _rules_of(module: ModuleType) -> list[Rule]:
    """The functions a module makes rules with @rule, and the codes it only documents."""
    made = [
        found
        for value in vars(module).values()
        if isinstance(found := getattr(value, "rule", None), Rule)
        and getattr(value, "__module__", "") == module.__name__
    ]
    return [*made, *getattr(module, "DOCUMENTED", ())]


_STANDARD_ORDER = {"TP": 0, "WVR": 1, "CUR": 2, "ACC": 3, "BRF": 4, "ACH": 5}


def _order(code: str) -> tuple[int, str]:
    prefix = code.rstrip("0123456789")
    return (_STANDARD_ORDER.get(prefix, 9), code)


RULES: dict[str, Rule] = {
    r.code: r
    for r in sorted((r for m in RULE_MODULES for r in _rules_of(m)), key=lambda r: _order(r.code))
}


def get(code: str) -> Rule:
    """The rule with this code; KeyError names the known codes."""
    try:
        return RULES[code.upper()]
    except KeyError:
        raise KeyError(
            _("no rule {code}; known rules: {codes}", code=code, codes=", ".join(sorted(RULES)))
        ) from None


def all_rules() -> list[Rule]:
    return [RULES[c] for c in sorted(RULES, key=_order)]
