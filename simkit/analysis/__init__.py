"""Compare rules on one population: distributions, winners/losers, accuracy, fairness,
stability, curve compliance, TPP cost and IKM.

>>> import simkit                                                     # doctest: +SKIP
>>> hasil = simkit.compare(pop, [ev_6_2022, ev_pp30], scenario=skenario)  # doctest: +SKIP
>>> sorted(hasil.tables())[:3]                                        # doctest: +SKIP
['akurasi', 'distribusi', 'distribusi_per_kelompok']

Modules: :mod:`~simkit.analysis.panel` (the long panel every metric reads),
:mod:`~simkit.analysis.metrics` (one module per metric), :mod:`~simkit.analysis.compare`
(:func:`compare` and :class:`Perbandingan`), :mod:`~simkit.analysis.label` (display labels).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from simkit.i18n import register_catalogue

register_catalogue(Path(__file__).parent / "i18n")

_API = {
    "compare": "simkit.analysis.compare",
    "Perbandingan": "simkit.analysis.compare",
    "TABEL": "simkit.analysis.compare",
    "build_panel": "simkit.analysis.panel",
    "berlabel": "simkit.analysis.label",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'simkit.analysis' has no attribute {name!r}")
