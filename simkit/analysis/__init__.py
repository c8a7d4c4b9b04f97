"""Compare rules on one population: distributions, winners/losers, accuracy, fairness,
stability, curve compliance, TPP cost and IKM.

>>> import simkit                                                     # doctest: +SKIP
>>> hasil = simkit.compare(pop, [ev_6_2022, ev_pp30], scenario=skenario)  # doctest: +SKIP
>>> sorted(hasil.tables())[:3]                                        # doctest: +SKIP
['akurasi', 'distribusi', 'distribusi_per_kelompok']

Modules: :mod:`~simkit.analysis.panel` (the long panel every metric reads),
:mod:`~simkit.analysis.metrics` (one module per output), :mod:`~simkit.analysis.registri`
(the declarations of every output), :mod:`~simkit.analysis.konteks` (what a metric computes
from), :mod:`~simkit.analysis.compare` (:func:`compare` and :class:`HasilPerbandingan`).
"""

from __future__ import annotations

from simkit.malas import ekspor_malas

_API = {
    "compare": "simkit.analysis.compare",
    "HasilPerbandingan": "simkit.analysis.compare",
    "build_panel": "simkit.analysis.panel",
}


__getattr__ = ekspor_malas(__name__, _API)
