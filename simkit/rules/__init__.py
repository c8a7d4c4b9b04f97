"""Evaluation rules as code: the national rules, reforms, dated parameters and rule cases.

>>> from simkit.rules import get_rule
>>> get_rule("permenpanrb_6_2022").evaluate_case(
...     {"rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "di_bawah_ekspektasi"}
... )["predikat"]
'kurang'

Public API: :func:`get_rule`, :func:`list_rules`, :func:`register`, :func:`evaluate`,
:func:`explain`, :func:`load_params`, :class:`Rule`, :class:`Evaluation`,
:func:`~simkit.rules.cases.run_case_files`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simkit.i18n import register_catalogue

register_catalogue(Path(__file__).parent / "i18n")

from simkit.errors import Masalah, SimkitError  # noqa: E402
from simkit.rules.base import (  # noqa: E402
    PERINGKAT,
    RATING,
    Hasil,
    Keluaran,
    Masukan,
    Pemeriksa,
    Rule,
    periksa_masukan,
)
from simkit.rules.evaluation import Evaluation, Langkah, Penjelasan, explain  # noqa: E402
from simkit.rules.params import ParameterSet, ParamMeta, load_params  # noqa: E402
from simkit.rules.registry import get_rule, list_rules, register, rule_ids  # noqa: E402


def evaluate(population: Any, aturan: str | Rule, parameter: Mapping[str, Any] | None = None,
             tanggal: Any = None) -> Evaluation:
    """Apply rule ``aturan`` (id or Rule) to ``population`` with optional parameter overrides.

    ``tanggal`` picks the parameter values in force on that date (default: the latest).
    """
    rule = get_rule(aturan) if isinstance(aturan, str) else aturan
    params = rule.params_pada(tanggal) if tanggal is not None else rule.parameters
    return rule.evaluate(population, params.with_overrides(parameter or {}))


def _validate_scenario_rules(scenario: Any) -> list[Masalah]:
    """Scenario ``aturan`` section: known rule ids and valid parameter overrides (located)."""
    out: list[Masalah] = []
    berkas = getattr(scenario, "sumber", None)
    for i, spec in enumerate(getattr(scenario, "aturan", []) or []):
        line = scenario.line_of("aturan", i, "aturan") if hasattr(scenario, "line_of") else None
        try:
            rule = get_rule(spec.aturan)
        except SimkitError as exc:
            for m in exc.masalah:
                m.berkas, m.baris, m.bidang = berkas, line, f"aturan[{i}].aturan"
            out.extend(exc.masalah)
            continue
        baris_map = {}
        if hasattr(scenario, "line_of"):
            baris_map = {k: scenario.line_of("aturan", i, "parameter", k) for k in spec.parameter}
        try:
            rule.parameters.with_overrides(spec.parameter, berkas=berkas, baris_map=baris_map)
        except SimkitError as exc:
            for m in exc.masalah:
                m.bidang = f"aturan[{i}].parameter.{m.bidang}" if m.bidang else None
            out.extend(exc.masalah)
    return out


try:  # let load_scenario check the rule section
    from simkit.scenario import register_validator

    register_validator(_validate_scenario_rules)
except ImportError:  # pragma: no cover - scenario module absent
    pass

__all__ = [
    "PERINGKAT", "RATING", "Evaluation", "Hasil", "Keluaran", "Langkah", "Masukan",
    "ParamMeta", "ParameterSet", "Pemeriksa", "Penjelasan", "Rule", "evaluate", "explain",
    "get_rule", "list_rules", "load_params", "periksa_masukan", "register", "rule_ids",
]
