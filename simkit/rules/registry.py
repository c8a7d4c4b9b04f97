"""The rule registry: ``get_rule(id)``, ``list_rules()``, ``register(rule)``.

Built-in rules and reforms register themselves when their module is imported; the registry
imports every module of the ``simkit.rules`` package (and its sub-packages) on first use, so a
new rule only has to live in that package and call :func:`register`.

>>> get_rule("permenpanrb_6_2022").tingkat
'pegawai'
>>> "pp46_2011" in [r.id for r in list_rules()]
True
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from typing import TYPE_CHECKING, TypeVar

from simkit.errors import Masalah, SimkitError, mirip

if TYPE_CHECKING:
    from simkit.rules.aturan import Rule

_RULES: dict[str, Rule] = {}
_state = {"loaded": False}

INFRA = {"base", "params", "registry", "evaluation", "cases", "kurva_distribusi", "iki"}
"""Modules of ``simkit.rules`` that hold machinery, not rules (not auto-imported)."""

BUILTIN = ("permenpanrb_6_2022", "pp30_2019", "pp46_2011", "permenpanrb_14_2017")
"""The national rules, imported first."""

T = TypeVar("T")


def register(rule: T) -> T:
    """Register a rule instance or a :class:`~simkit.rules.aturan.Rule` subclass (instantiated).

    Usable as a class decorator. Registering an id again replaces the earlier rule.
    """
    obj = rule() if isinstance(rule, type) else rule
    rid = getattr(obj, "id", "")
    if not rid:
        raise ValueError(f"{rule!r} has no id")
    _RULES[rid] = obj  # type: ignore[assignment]
    return rule


def _load_all() -> None:
    if _state["loaded"]:
        return
    _state["loaded"] = True
    import simkit.rules as pkg

    for name in BUILTIN:
        if importlib.util.find_spec(f"simkit.rules.{name}") is not None:
            importlib.import_module(f"simkit.rules.{name}")
    for info in pkgutil.walk_packages(pkg.__path__, prefix="simkit.rules."):
        leaf = info.name.rsplit(".", 1)[-1]
        if leaf in INFRA or leaf.startswith("_") or leaf in ("params", "cases", "i18n"):
            continue
        if info.name.startswith(("simkit.rules.params.", "simkit.rules.cases.",
                                 "simkit.rules.i18n.")):
            continue
        importlib.import_module(info.name)


def get_rule(rule_id: str) -> Rule:
    """The registered rule ``rule_id``; unknown -> SimkitError with a "did you mean".

    >>> get_rule("pp30_2019").id
    'pp30_2019'
    """
    if isinstance(rule_id, str) and rule_id in _RULES:
        return _RULES[rule_id]
    _load_all()
    try:
        return _RULES[rule_id]
    except (KeyError, TypeError):
        raise SimkitError(Masalah("aturan_tidak_dikenal", bidang="rule", ditemukan=repr(rule_id),
                                  diharapkan=", ".join(sorted(_RULES)),
                                  saran=mirip(str(rule_id), _RULES))) from None


def list_rules() -> list[Rule]:
    """Every registered rule (national and reforms), sorted by id."""
    _load_all()
    return [_RULES[k] for k in sorted(_RULES)]


def rule_ids() -> list[str]:
    """Ids of every registered rule, sorted."""
    return [r.id for r in list_rules()]
