"""The ``ringkasan`` table: one row per rule with the headline number of every metric.

Its columns are the measures (:class:`~simkit.analysis.registri.Ukuran`) that the other tables
declare with a ``ringkasan`` position; a measure of a table that is a note is NaN.

>>> [t.nama for t in KELUARAN]
['ringkasan']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.registri import Tabel, ukuran_ringkasan


def ringkasan(konteks: Konteks) -> pd.DataFrame:
    """One row per employee-level rule: ``aturan, rule_id`` and every summary measure."""
    rules = konteks.aturan
    out = pd.DataFrame({"aturan": rules,
                        "rule_id": [str(getattr(konteks.evaluasi[r], "rule_id", r))
                                    for r in rules]})
    for nama, u in ukuran_ringkasan():
        if konteks.tersedia(nama):
            out[u.nama] = u.ambil(konteks, konteks.tabel(nama))
        else:
            konteks.tabel(nama)  # records the note
            out[u.nama] = np.full(len(rules), np.nan)
    return out


URUTAN = 20
KELUARAN = (Tabel("ringkasan", ("aturan", "rule_id"), ringkasan, bagian="ringkasan",
                  kolom_ringkasan=True),)
