"""Shared IKI arithmetic (PermenPANRB 8/2021): capaian per indicator and weighted means.

>>> import numpy as np
>>> capaian_iki(np.array([100.0, 30.0]), np.array([98.0, 27.0]), np.array([False, True])).round(2)
array([ 98., 110.])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.population.schema import ARAH
from simkit.rules.base import Pemeriksa, bingkai, posisi

KOLOM_IKI = ("asn_id", "arah", "target", "realisasi", "bobot")
"""Columns of the ``iki`` table the IKI-based rules need."""

PRESISI = 9
"""Decimals kept in a capaian before comparing with thresholds (floating point noise only)."""


def capaian_iki(target: np.ndarray, realisasi: np.ndarray, turun: np.ndarray) -> np.ndarray:
    """Capaian IKI in percent: naik R/T×100; turun (kondisi khusus) (1 + (1 − R/T))×100.

    PermenPANRB 8/2021 Lampiran (REFERENCE 2). No cap here: the rules cap it by parameter.
    """
    r = np.asarray(realisasi, dtype=float) / np.asarray(target, dtype=float)
    out = np.where(np.asarray(turun, dtype=bool), (2.0 - r) * 100.0, r * 100.0)
    return np.round(out, PRESISI)


def rata_per_id(ids: np.ndarray, kunci: np.ndarray, nilai: np.ndarray, bobot: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Aligned with ``ids``: (Σ bobot·nilai / Σ bobot, Σ bobot, count); NaN/0 where none.

    Keys not in ``ids`` are ignored. Vectorised with ``bincount`` (no groupby).
    """
    pos = posisi(ids, kunci)
    ok = pos >= 0
    n = len(ids)
    w = np.asarray(bobot, dtype=float)[ok]
    wx = np.bincount(pos[ok], weights=np.asarray(nilai, dtype=float)[ok] * w, minlength=n)
    ws = np.bincount(pos[ok], weights=w, minlength=n)
    cnt = np.bincount(pos[ok], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(cnt > 0, wx / ws, np.nan)
    return mean, np.where(cnt > 0, ws, np.nan), cnt


def rata_tertimbang(kunci: np.ndarray, nilai: np.ndarray, bobot: np.ndarray) -> pd.DataFrame:
    """Per key (sorted): Σ bobot·nilai / Σ bobot, Σ bobot and the count (columns nilai, bobot,
    jumlah)."""
    keys = np.unique(np.asarray(kunci))
    mean, ws, cnt = rata_per_id(keys, kunci, nilai, bobot)
    return bingkai({"nilai": mean, "bobot": ws, "jumlah": cnt},
                        index=pd.Index(keys, name="k"))


def siapkan_iki(population: object, pm: Pemeriksa, asn_ids: np.ndarray | None = None,
                extra: tuple[str, ...] = ()) -> pd.DataFrame | None:
    """Validate ``population.iki`` (columns, NaN, arah vocabulary, target > 0, realisasi ≥ 0,
    bobot ≥ 0) and return the table (rows of unknown employees dropped; no copy otherwise).

    Problems are recorded in ``pm``; returns None when columns are missing.
    """
    iki = getattr(population, "iki", None)
    cols = ("iki_id", *KOLOM_IKI, *extra)
    if not pm.kolom(iki, "iki", cols):
        return None
    df = iki
    pm.tidak_kosong(df, "iki", list(cols), "asn_id")
    pm.kosakata(df, "iki", "arah", ARAH, "asn_id")
    pm.positif(df, "iki", "target", "asn_id")
    pm.rentang(df, "iki", "realisasi", 0, None, "asn_id")
    pm.rentang(df, "iki", "bobot", 0, None, "asn_id")
    if asn_ids is not None:
        known = df["asn_id"].isin(asn_ids).to_numpy()
        if not known.all():
            df = df.loc[known]
    return df
