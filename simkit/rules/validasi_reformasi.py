"""Scenario check of the reforms' cross-parameter rules, at load time and located.

A reform may check its parameters together (``periksa_parameter``: the shares of
``kurva_paksa`` sum to 1, every ``rumus`` formula compiles, thresholds decrease). This module
registers a scenario validator (:func:`simkit.scenario.register_validator`) that runs those
checks on each ``aturan`` entry of a scenario, so a misspelt variable in a formula is reported
with the scenario file and line when the scenario is loaded, not later when it runs.

Unknown rules and invalid single overrides are left to the rules registry's own validator.

>>> from simkit.scenario import load_scenario
>>> load_scenario({"nama": "x", "seed": 1, "aturan": [{"id": "r", "aturan": "rumus",
...     "parameter": {"rumus": "capaian_hasil_kerjaa"}}]})  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
simkit.errors.SimkitError: bidang 'aturan[0].parameter.rumus': variabel ... Maksud Anda 'capaian_hasil_kerja'?
"""

from __future__ import annotations

from typing import Any

from simkit.errors import Masalah, SimkitError
from simkit.rules.registry import get_rule


def periksa_skenario(scenario: Any) -> list[Masalah]:
    """Problems found by the ``periksa_parameter`` of each rule a scenario overrides."""
    out: list[Masalah] = []
    berkas = getattr(scenario, "sumber", None)
    for i, spec in enumerate(getattr(scenario, "aturan", None) or []):
        if not spec.parameter:
            continue  # the shipped defaults are consistent
        try:
            rule = get_rule(spec.aturan)
            periksa = getattr(rule, "periksa_parameter", None)
            if periksa is None:
                continue
            params = rule.parameters.with_overrides(spec.parameter)
        except SimkitError:
            continue  # reported by the registry's validator (simkit.rules)
        for m in periksa(params):
            nama = (m.bidang or "").split(".")[0]
            if hasattr(scenario, "line_of"):
                m.baris = (scenario.line_of("aturan", i, "parameter", nama)
                           if nama in spec.parameter else scenario.line_of("aturan", i))
            m.berkas = m.berkas or berkas
            m.bidang = f"aturan[{i}].parameter.{m.bidang}" if m.bidang else f"aturan[{i}]"
            out.append(m)
    return out


try:
    from simkit.scenario import register_validator

    register_validator(periksa_skenario)
except ImportError:  # pragma: no cover - scenario module absent
    pass
