"""Evaluation rules as code: the national rules, reforms, dated parameters and rule cases.

>>> from simkit.rules import get_rule
>>> get_rule("permenpanrb_6_2022").evaluate_case(
...     {"rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "di_bawah_ekspektasi"}
... )["predikat"]
'kurang'

Public API: :func:`get_rule`, :func:`list_rules`, :func:`evaluate`, :func:`explain`,
:func:`load_params`, :class:`Rule`, :class:`Evaluation`,
:func:`~simkit.rules.cases.run_case_files`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from simkit.rules.aturan import Hasil, Rule  # noqa: E402
from simkit.rules.deklarasi import Keluaran, Masukan, periksa_masukan  # noqa: E402
from simkit.rules.evaluation import Evaluation, Langkah, Penjelasan, explain  # noqa: E402
from simkit.rules.params import ParameterSet, ParamMeta, load_params  # noqa: E402
from simkit.rules.pemeriksa_populasi import Pemeriksa  # noqa: E402
from simkit.rules.registry import get_rule, list_rules, rule_ids  # noqa: E402

if TYPE_CHECKING:
    from simkit.population.model import Population


def evaluate(population: Population, aturan: str | Rule,
             parameter: Mapping[str, Any] | None = None, tanggal: Any = None) -> Evaluation:
    """Apply rule ``aturan`` (id or Rule) to ``population`` with optional parameter overrides.

    ``tanggal`` picks the parameter values in force on that date (default: the latest).
    """
    rule = get_rule(aturan) if isinstance(aturan, str) else aturan
    params = rule.parameter_pada(tanggal) if tanggal is not None else rule.parameters
    return rule.evaluate(population, params.with_overrides(parameter or {}))


__all__ = [
    "Evaluation", "Hasil", "Keluaran", "Langkah", "Masukan", "ParamMeta", "ParameterSet",
    "Pemeriksa", "Penjelasan", "Rule", "evaluate", "explain", "get_rule", "list_rules",
    "load_params", "periksa_masukan", "rule_ids",
]
