"""The needs a table may declare (:class:`~simkit.analysis.registri.Syarat`): when one is not
met, the table is a one-row note whose text is ``analisis.catatan.<kode>``.

>>> BUTUH_KEBENARAN.kode, BUTUH_DUA_ATURAN.kode
('butuh_kebenaran', 'butuh_dua_aturan')
"""

from __future__ import annotations

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import punya_kebenaran
from simkit.analysis.registri import Syarat


def _ada_kebenaran(k: Konteks) -> bool:
    return punya_kebenaran(k.panel)


def _dua_aturan(k: Konteks) -> bool:
    return len(k.evaluasi) > 1


def _stabilitas_diminta(k: Konteks) -> bool:
    r = k.opsi.get("stabilitas_R") or 0
    return bool(r and r > 0 or k.opsi.get("stabilitas_seeds"))


def _ada_survei(k: Konteks) -> bool:
    skm = k.populasi.skm
    return bool(k.evaluasi_unit) or (skm is not None and len(skm) > 0)


BUTUH_KEBENARAN = Syarat("butuh_kebenaran", _ada_kebenaran)
"""The population carries the synthetic truth (``kebenaran``)."""

BUTUH_DUA_ATURAN = Syarat("butuh_dua_aturan", _dua_aturan)
"""At least two employee-level rules (one is the baseline)."""

BUTUH_STABILITAS = Syarat("stabilitas_tidak_diminta", _stabilitas_diminta)
"""Stability redraws were asked for (``stabilitas_R`` > 0 or explicit seeds)."""

BUTUH_SURVEI = Syarat("butuh_survei", _ada_survei)
"""SKM answers, or a unit-level evaluation given."""
