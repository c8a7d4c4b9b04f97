"""Shared IKI arithmetic (PermenPANRB 8/2021): capaian per indicator and weighted means.

>>> import numpy as np
>>> capaian_iki(np.array([100.0, 30.0]), np.array([98.0, 27.0]), np.array([False, True])).round(2)
array([ 98., 110.])

Range targets (``target_bawah`` .. ``target_atas``) pick one bound per indicator first
(:func:`target_efektif`):

>>> target_efektif(np.array([np.nan, np.nan]), np.array([80.0, 80.0]), np.array([100.0, 100.0]),
...                np.array([105.0, 90.0])).tolist()
[100.0, 80.0]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.population.schema import ARAH
from simkit.rules.larik import bingkai, letak_id
from simkit.rules.pemeriksa_populasi import Pemeriksa

KOLOM_IKI = ("asn_id", "arah", "target", "realisasi", "bobot")
"""Columns of the ``iki`` table the IKI-based rules need."""

KOLOM_RENTANG = ("target_bawah", "target_atas")
"""Optional ``iki`` columns of a range target (both given, or both empty = a single target).

Not in the population schema (:mod:`simkit.population.schema`): a rule that supports them
reads them when an in-memory population's ``iki`` table has them. ``target`` may be empty on
a row with a range; it is ignored there."""

KOLOM_MAKSIMAL = "target_maksimal"
"""Optional boolean ``iki`` column: the target is the maximum attainable (empty = false)."""

PRESISI = 9
"""Decimals kept in a capaian before comparing with thresholds (floating point noise only)."""


def capaian_iki(target: np.ndarray, realisasi: np.ndarray, turun: np.ndarray) -> np.ndarray:
    """Capaian IKI in percent: naik R/T×100; turun (kondisi khusus) (1 + (1 − R/T))×100.

    PermenPANRB 8/2021 Lampiran (rumus capaian IKI). No cap here: the rules cap it by parameter.
    """
    r = np.asarray(realisasi, dtype=float) / np.asarray(target, dtype=float)
    out = np.where(np.asarray(turun, dtype=bool), (2.0 - r) * 100.0, r * 100.0)
    return np.round(out, PRESISI)


def target_efektif(target: np.ndarray, bawah: np.ndarray, atas: np.ndarray,
                   realisasi: np.ndarray, pembanding: str = "target_atas") -> np.ndarray:
    """The target a capaian is computed against: ``target``, or for a range target one bound.

    PermenPANRB 8/2021 Lampiran: a range target uses the upper bound if realisasi > target,
    the lower bound otherwise. For a range the "target" compared with is ``pembanding``
    (parameter ``pembanding_target_rentang``): ``target_atas`` (default: realisasi above the
    whole range → ``target_atas``; inside or below it → ``target_bawah``) or
    ``target_bawah``. Applied as written for both arah; note that the capaian then drops
    where realisasi crosses the compared bound (bawah 80, atas 100: realisasi 100 → 125 %,
    101 → 101 %). Rows whose ``bawah``/``atas`` are NaN keep ``target``.
    """
    t = np.asarray(target, dtype=float)
    lo = np.asarray(bawah, dtype=float)
    hi = np.asarray(atas, dtype=float)
    acuan = hi if pembanding == "target_atas" else lo
    rentang = ~np.isnan(lo) & ~np.isnan(hi)
    pilih_atas = np.asarray(realisasi, dtype=float) > acuan
    return np.where(rentang, np.where(pilih_atas, hi, lo), t)


def rata_per_id(ids: np.ndarray, kunci: np.ndarray, nilai: np.ndarray, bobot: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Aligned with ``ids``: (Σ bobot·nilai / Σ bobot, Σ bobot, count); NaN/0 where none.

    Keys not in ``ids`` are ignored. Vectorised with ``bincount`` (no groupby).
    """
    pos = letak_id(ids, kunci)
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
                extra: tuple[str, ...] = (), rentang: bool = False) -> pd.DataFrame | None:
    """Validate ``population.iki`` (columns, NaN, arah vocabulary, target > 0, realisasi ≥ 0,
    bobot ≥ 0) and return the table (rows of unknown employees dropped; no copy otherwise).

    ``rentang``: the rule supports the optional columns :data:`KOLOM_RENTANG` and
    :data:`KOLOM_MAKSIMAL`; those present are validated (both bounds or neither, > 0,
    ``target_bawah`` ≤ ``target_atas``, ``target_maksimal`` true/false/empty) and ``target``
    may be empty where a range is given. Problems are recorded in ``pm``; returns None when
    columns are missing.
    """
    iki = getattr(population, "iki", None)
    cols = ("iki_id", *KOLOM_IKI, *extra)
    if not pm.kolom(iki, "iki", cols):
        return None
    df = iki
    ada_rentang = rentang and any(c in df.columns for c in KOLOM_RENTANG)
    if ada_rentang:
        if not pm.kolom(df, "iki", KOLOM_RENTANG):  # one bound column without the other
            return None
        lo = pd.to_numeric(df["target_bawah"], errors="coerce").to_numpy(dtype=float)
        hi = pd.to_numeric(df["target_atas"], errors="coerce").to_numpy(dtype=float)
        for c in KOLOM_RENTANG:
            pm.rentang(df, "iki", c, None, None, "asn_id")  # non-numbers
            pm.positif(df, "iki", c, "asn_id")
        pm.tandai(df, np.isnan(lo) & ~np.isnan(hi), "iki", "target_bawah", "asn_id",
                  "aturan_nilai_kosong")
        pm.tandai(df, ~np.isnan(lo) & np.isnan(hi), "iki", "target_atas", "asn_id",
                  "aturan_nilai_kosong")
        pm.tandai(df, lo > hi, "iki", "target_bawah", "asn_id", "aturan_target_rentang",
                  diharapkan="target_bawah <= target_atas")
        tanpa_target = df["target"].isna().to_numpy() & (np.isnan(lo) | np.isnan(hi))
        pm.tandai(df, tanpa_target, "iki", "target", "asn_id", "aturan_nilai_kosong")
        pm.tidak_kosong(df, "iki", [c for c in cols if c != "target"], "asn_id")
    else:
        pm.tidak_kosong(df, "iki", list(cols), "asn_id")
    if rentang and KOLOM_MAKSIMAL in df.columns:
        pm.kosakata(df, "iki", KOLOM_MAKSIMAL, (True, False), "asn_id")
    pm.kosakata(df, "iki", "arah", ARAH, "asn_id")
    pm.positif(df, "iki", "target", "asn_id")
    pm.rentang(df, "iki", "realisasi", 0, None, "asn_id")
    pm.rentang(df, "iki", "bobot", 0, None, "asn_id")
    if asn_ids is not None:
        known = df["asn_id"].isin(asn_ids).to_numpy()
        if not known.all():
            df = df.loc[known]
    return df
