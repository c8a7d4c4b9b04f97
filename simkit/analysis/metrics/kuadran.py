"""Counts of the 3×3 kuadran kinerja (PermenPANRB 6/2022) for every rule that rates that way.

A rule qualifies when its ``hasil`` has ``rating_hasil_kerja`` and ``rating_perilaku_kerja``
(the national rule and its reforms). The label of a cell is the predikat its ``kuadran``
parameter assigns; a rule without that parameter gets the most frequent predikat in the cell.

>>> import pandas as pd
>>> class Ev:  # a stand-in with the attributes of an Evaluation
...     hasil = pd.DataFrame({"asn_id": [1, 2], "predikat": ["baik", "kurang"],
...                           "rating_hasil_kerja": ["sesuai_ekspektasi", "di_atas_ekspektasi"],
...                           "rating_perilaku_kerja": ["sesuai_ekspektasi", "di_bawah_ekspektasi"]})
...     params = {}
>>> k = tabel_kuadran({"x": Ev()})
>>> len(k), int(k["jumlah"].sum())
(9, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.registri import Tabel
from simkit.kosakata import RATING

KOLOM = ["aturan", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "jumlah",
         "proporsi"]


def _label_sel(ev: Any, hasil: pd.DataFrame, rh: str, rp: str) -> str:
    params = getattr(ev, "params", None) or {}
    kuadran = params["kuadran"] if "kuadran" in params else None
    if isinstance(kuadran, Mapping) and rh in kuadran and rp in kuadran[rh]:
        return str(kuadran[rh][rp])
    sel = hasil.loc[(hasil["rating_hasil_kerja"] == rh) & (hasil["rating_perilaku_kerja"] == rp),
                    "predikat"]
    return str(sel.astype(str).mode().iloc[0]) if len(sel) else ""


def tabel_kuadran(evaluations: Mapping[str, Any]) -> pd.DataFrame:
    """Nine rows per qualifying rule: ``aturan, rating_hasil_kerja, rating_perilaku_kerja,
    predikat, jumlah, proporsi`` (ratings best first; zero cells included)."""
    frames = []
    for name, ev in evaluations.items():
        h = getattr(ev, "hasil", None)
        if h is None or not {"rating_hasil_kerja", "rating_perilaku_kerja"} <= set(h.columns):
            continue
        idx = pd.Index(RATING)
        ih = idx.get_indexer(h["rating_hasil_kerja"].astype(str).to_numpy())
        ip = idx.get_indexer(h["rating_perilaku_kerja"].astype(str).to_numpy())
        ok = (ih >= 0) & (ip >= 0)
        k = len(RATING)
        m = np.bincount(ih[ok] * k + ip[ok], minlength=k * k)
        tot = m.sum()
        rh, rp = np.repeat(RATING, k), np.tile(RATING, k)
        frames.append(pd.DataFrame({
            "aturan": name, "rating_hasil_kerja": rh, "rating_perilaku_kerja": rp,
            "predikat": [_label_sel(ev, h, a, b) for a, b in zip(rh, rp, strict=True)],
            "jumlah": m.astype("int64"), "proporsi": m / tot if tot else np.zeros(k * k),
        }))
    if not frames:
        return pd.DataFrame(columns=KOLOM)
    return pd.concat(frames, ignore_index=True)[KOLOM]


URUTAN = 120
KELUARAN = (
    Tabel("kuadran", tuple(KOLOM), lambda k: tabel_kuadran(k.evaluasi), bagian="distribusi",
          grafik=("kuadran",)),
)
