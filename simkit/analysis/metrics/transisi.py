"""Transition matrix from the baseline rule to each reform (5 × 5, counts and row shares).

Rows are the baseline class, columns the reform's class, both in display order (peringkat
5 = Sangat Baik first, down to 1). Only employees rated by both rules count.

>>> transisi(panel, "permenpanrb_6_2022").query("aturan == 'pp30_2019'")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simkit.analysis.metrics.distribusi import kosakata
from simkit.analysis.panel import aturan_panel, matriks_peringkat, periksa_aturan
from simkit.analysis.registri import Tabel
from simkit.analysis.syarat import BUTUH_DUA_ATURAN
from simkit.kosakata import PERINGKAT


def pasangan(panel: pd.DataFrame, baseline: str, reformasi: Sequence[str] | None = None,
             ) -> tuple[pd.DataFrame, list[str]]:
    """Wide ``asn_id`` × rule peringkat and the reforms to compare with ``baseline``."""
    periksa_aturan(panel, baseline)
    rules = [r for r in aturan_panel(panel) if r != baseline] if reformasi is None else [
        periksa_aturan(panel, r, "reformasi") for r in reformasi]
    return matriks_peringkat(panel), rules


def transisi(panel: pd.DataFrame, baseline: str,
             reformasi: Sequence[str] | None = None) -> pd.DataFrame:
    """Long 5 × 5 transition table per reform.

    Columns: ``aturan_dasar, aturan, peringkat_dasar, predikat_dasar, peringkat, predikat,
    jumlah, proporsi_baris`` (share of the baseline row that moved to that class; 0 for an
    empty row). 25 rows per reform, rows and columns best class first.
    """
    wide, rules = pasangan(panel, baseline, reformasi)
    vocab = kosakata(panel).set_index(["aturan", "peringkat"])["predikat"]
    k = len(PERINGKAT)
    order = np.array(PERINGKAT)           # display position i holds peringkat order[i]
    pos_of = {p: i for i, p in enumerate(PERINGKAT)}
    lut = np.zeros(6, dtype="int64")
    for p, i in pos_of.items():
        lut[p] = i
    frames = []
    b = wide[baseline].to_numpy()
    for r in rules:
        x = wide[r].to_numpy()
        ok = ~(np.isnan(b) | np.isnan(x))
        ib, ix = lut[b[ok].astype("int64")], lut[x[ok].astype("int64")]
        m = np.bincount(ib * k + ix, minlength=k * k).reshape(k, k)
        row = m.sum(axis=1, keepdims=True)
        share = np.divide(m, row, out=np.zeros_like(m, dtype="float64"), where=row > 0)
        pb = np.repeat(order, k)
        px = np.tile(order, k)
        frames.append(pd.DataFrame({
            "aturan_dasar": baseline, "aturan": r,
            "peringkat_dasar": pb.astype("int8"),
            "predikat_dasar": vocab.loc[baseline].reindex(pb).to_numpy(),
            "peringkat": px.astype("int8"),
            "predikat": vocab.loc[r].reindex(px).to_numpy(),
            "jumlah": m.ravel().astype("int64"),
            "proporsi_baris": share.ravel(),
        }))
    if not frames:
        return pd.DataFrame(columns=["aturan_dasar", "aturan", "peringkat_dasar", "predikat_dasar",
                                     "peringkat", "predikat", "jumlah", "proporsi_baris"])
    return pd.concat(frames, ignore_index=True)


URUTAN = 40
KELUARAN = (
    Tabel("transisi", ("aturan_dasar", "aturan", "peringkat_dasar", "predikat_dasar", "peringkat",
                       "predikat", "jumlah", "proporsi_baris"),
          lambda k: transisi(k.panel, k.aturan_dasar), syarat=(BUTUH_DUA_ATURAN,),
          bagian="transisi", grafik=("transisi",)),
)
