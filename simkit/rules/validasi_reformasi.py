"""Scenario check of the ``aturan`` section: every entry validated whole, once, located.

An entry is a built-in rule, a base rule + changed parameters, or a reform rule with its
parameters. :func:`periksa_aturan_skenario` (called by the public ``load_scenario`` of the
orchestration layer after the scenario's own schema check) checks each entry with :meth:`~simkit.rules.aturan.Rule.siapkan_parameter`, the same engine
function :meth:`~simkit.rules.aturan.Rule.evaluate` uses:

1. the rule id is known (else a "did you mean");
2. every changed parameter alone: known name, type, range, choices — all reported together,
   nothing applied when any is wrong;
3. only when they all pass, the whole set with the rule's ``periksa_parameter`` (weights sum
   to 1, thresholds in order, ``kurva_paksa`` shares sum to 1, every ``rumus`` formula
   compiles).

Each problem is reported once, with the scenario file, the line of the parameter (or of the
entry for a problem of an unchanged parameter) and ``aturan[i].parameter.<name>``. This is the
only scenario validator of the rules package; the engine runs the same checks when a rule is
evaluated with a mapping of parameters.

>>> from simkit.scenario import Scenario
>>> sc = Scenario.model_validate({"nama": "x", "seed": 1, "aturan": [{"id": "r",
...     "aturan": "rumus", "parameter": {"rumus": "capaian_hasil_kerjaa"}}]})
>>> [(m.bidang, m.saran) for m in periksa_aturan_skenario(sc)]
[('aturan[0].parameter.rumus', 'capaian_hasil_kerja')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simkit.errors import Masalah, SimkitError
from simkit.rules.registry import get_rule

if TYPE_CHECKING:
    from simkit.scenario import Scenario


def periksa_aturan_skenario(scenario: Scenario) -> list[Masalah]:
    """Problems of the scenario's ``aturan`` entries (unknown rule, parameters), located."""
    out: list[Masalah] = []
    berkas = getattr(scenario, "sumber", None)
    punya_baris = hasattr(scenario, "line_of")
    for i, spec in enumerate(getattr(scenario, "aturan", None) or []):
        baris_entri = scenario.line_of("aturan", i) if punya_baris else None
        try:
            rule = get_rule(spec.aturan)
        except SimkitError as exc:
            for m in exc.masalah:
                m.berkas, m.bidang = berkas, f"aturan[{i}].aturan"
                m.baris = scenario.line_of("aturan", i, "aturan") if punya_baris else None
            out.extend(exc.masalah)
            continue
        baris_map = ({k: scenario.line_of("aturan", i, "parameter", k) for k in spec.parameter}
                     if punya_baris else {})
        try:
            rule.siapkan_parameter(dict(spec.parameter), berkas=berkas, baris_map=baris_map)
        except SimkitError as exc:
            for m in exc.masalah:
                m.berkas = m.berkas or berkas
                m.baris = m.baris if m.baris is not None else baris_entri
                m.bidang = f"aturan[{i}].parameter.{m.bidang}" if m.bidang else f"aturan[{i}]"
            out.extend(exc.masalah)
    return out

