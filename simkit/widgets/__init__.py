"""Interactive views for notebooks and Voila (ipywidgets), their logic separable from the view.

Controls are declared as data from the rules' parameter metadata (:mod:`simkit.widgets.kontrol`);
:mod:`simkit.widgets.penyetel` is the rule tuner (for a policymaker), :mod:`simkit.widgets.
kalkulator` the calculator an ASN types their own values into, :mod:`simkit.widgets.kuis` the
workshop quiz; :mod:`~simkit.widgets.bias`, :mod:`~simkit.widgets.kurva` and
:mod:`~simkit.widgets.survei` explore rater bias, the distribution curve and the SKM survey. Names are resolved lazily, so
importing the package needs no ipywidgets.
"""

from __future__ import annotations

from simkit.malas import ekspor_malas

_EKSPOR = {
    "Penyetel": "simkit.widgets.penyetel",
    "PenyetelWidget": "simkit.widgets.penyetel",
    "penyetel_aturan": "simkit.widgets.penyetel",
    "Kalkulator": "simkit.widgets.kalkulator",
    "MasukanKalkulator": "simkit.widgets.kalkulator",
    "Indikator": "simkit.widgets.kalkulator",
    "TampilanKalkulator": "simkit.widgets.kalkulator",
    "Kuis": "simkit.widgets.kuis",
    "KuisWidget": "simkit.widgets.kuis",
    "Butir": "simkit.widgets.kuis",
    "muat_bank": "simkit.widgets.kuis",
    "muat_semua": "simkit.widgets.kuis",
    "muat_tujuan": "simkit.widgets.kuis",
    "KurvaDistribusi": "simkit.widgets.kurva",
    "KurvaWidget": "simkit.widgets.kurva",
    "kurva_distribusi": "simkit.widgets.kurva",
    "salah_klasifikasi": "simkit.widgets.kurva",
    "tabel_batas": "simkit.widgets.kurva",
    "PenjelajahBias": "simkit.widgets.bias",
    "BiasWidget": "simkit.widgets.bias",
    "penjelajah_bias": "simkit.widgets.bias",
    "SurveiIKM": "simkit.widgets.survei",
    "SurveiWidget": "simkit.widgets.survei",
    "survei_ikm": "simkit.widgets.survei",
}


__getattr__ = ekspor_malas(__name__, _EKSPOR)
