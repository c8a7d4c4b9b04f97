"""The ``parameter`` table: every parameter value each rule of a comparison ran with.

>>> [t.nama for t in KELUARAN]
['parameter']
"""

from __future__ import annotations

from simkit.analysis.metrics.kartu_reformasi import (
    BUTUH_ATURAN_TERDAFTAR,
    KOLOM_PARAMETER,
    tabel_parameter,
)
from simkit.analysis.registri import Tabel

URUTAN = 130
KELUARAN = (
    Tabel("parameter", tuple(KOLOM_PARAMETER),
          lambda k: tabel_parameter(k.spesifikasi, {**k.evaluasi, **k.evaluasi_unit}),
          syarat=(BUTUH_ATURAN_TERDAFTAR,)),
)
