"""The rule registry: ``get_rule(id)``, ``list_rules()``.

Every rule is listed here, explicitly: the national rules, then the reforms
(:mod:`simkit.rules.reformasi`). A new rule is a module with its class, added to
:data:`ATURAN` below.

>>> get_rule("permenpanrb_6_2022").tingkat
'pegawai'
>>> "pp46_2011" in [r.id for r in list_rules()]
True
"""

from __future__ import annotations

from simkit.errors import Masalah, SimkitError, mirip
from simkit.rules.aturan import Rule
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.permenpanrb_14_2017 import Permenpanrb14
from simkit.rules.pp30_2019 import Pp30
from simkit.rules.pp46_2011 import Pp46
from simkit.rules.reformasi.kalibrasi import Kalibrasi
from simkit.rules.reformasi.kurva_paksa import KurvaPaksa
from simkit.rules.reformasi.mamuju_ikm import MamujuIkm
from simkit.rules.reformasi.rumus import RumusKebijakan

ATURAN: tuple[type[Rule], ...] = (
    Permenpanrb6, Pp30, Pp46, Permenpanrb14,            # national rules
    MamujuIkm, Kalibrasi, KurvaPaksa, RumusKebijakan,   # reforms
)
"""Every rule class, the national rules first."""

_RULES: dict[str, Rule] = {r.id: r() for r in ATURAN}


def get_rule(rule_id: str) -> Rule:
    """The rule ``rule_id``; unknown -> SimkitError with a "did you mean".

    >>> get_rule("pp30_2019").id
    'pp30_2019'
    """
    try:
        return _RULES[rule_id]
    except (KeyError, TypeError):
        raise SimkitError(Masalah("aturan_tidak_dikenal", bidang="rule", ditemukan=repr(rule_id),
                                  diharapkan=", ".join(sorted(_RULES)),
                                  saran=mirip(str(rule_id), _RULES))) from None


def list_rules() -> list[Rule]:
    """Every rule (national and reforms), sorted by id."""
    return [_RULES[k] for k in sorted(_RULES)]


def rule_ids() -> list[str]:
    """Ids of every rule, sorted."""
    return sorted(_RULES)
