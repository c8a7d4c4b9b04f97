"""Rater calibration: remove leniency and central tendency from behaviour ratings.

Two vectorised per-rater transforms, applied to each score column separately (rater ``r``,
column ``c``; ``m_rc`` and ``s_rc`` the mean and standard deviation of the scores ``r`` gave
in ``c``, ``G_c`` the mean of all scores in ``c``):

- :func:`pemusatan` (mean-centring): ``x' = x - m_rc + G_c``. Removes each rater's leniency or
  severity (a shift), keeps the spread the rater used. A rater who squeezes everyone toward 3
  (central tendency) stays squeezed.
- :func:`skor_z` (z-score per rater): ``x' = (x - m_rc) / s_rc * S_c + G_c`` with ``S_c`` the
  pooled within-rater standard deviation (``sqrt(sum (x - m_rc)^2 / sum (n_r - 1))``). Removes
  the shift *and* stretches a compressed rater back to the common spread. A rater whose scores
  in ``c`` do not vary (``s_rc = 0``) carries no ranking information: their scores become
  ``G_c``.

Raters with fewer than ``min_penilaian`` ratings keep their raw scores (too few to estimate
their bias; ``skor_z`` needs at least 2). Both methods assume each rater's ratees are, on
average, alike: a rater whose team is truly better than average is "corrected" too. That is
the price of calibration and what the ground truth lets a simulation measure.

>>> import pandas as pd
>>> s = pd.DataFrame({"x": [5.0, 4.0, 3.0, 2.0]}); r = [1, 1, 2, 2]
>>> pemusatan(s, r)["x"].tolist()
[4.0, 3.0, 4.0, 3.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.population.schema import BERAKHLAK, PERAN_PENILAI, PERILAKU_SKALA

METODE = ("pemusatan", "skor_z")
"""The calibration methods (the ``metode`` parameter of the ``kalibrasi`` rule)."""


def _kelompok(penilai: Any) -> tuple[np.ndarray, int]:
    codes, uniques = pd.factorize(np.asarray(penilai), sort=False)
    return codes.astype(np.int64, copy=False), len(uniques)


def _statistik(x: np.ndarray, codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray,
                                                                      np.ndarray]:
    """Per-group count, mean and sum of squared deviations (two passes, stable)."""
    n = np.bincount(codes, minlength=k).astype(np.float64)
    mean = np.bincount(codes, weights=x, minlength=k) / np.maximum(n, 1)
    dev = x - mean[codes]
    ss = np.bincount(codes, weights=dev * dev, minlength=k)
    return n, mean, ss


def _sebagai_frame(skor: pd.DataFrame | np.ndarray | pd.Series) -> pd.DataFrame:
    if isinstance(skor, pd.DataFrame):
        return skor
    if isinstance(skor, pd.Series):
        return skor.to_frame()
    arr = np.asarray(skor, dtype=np.float64)
    return pd.DataFrame(arr if arr.ndim == 2 else arr[:, None])


def pemusatan(skor: pd.DataFrame | np.ndarray, penilai: Any, min_penilaian: int = 1
              ) -> pd.DataFrame:
    """Mean-centre every column per rater: ``x - rater mean + grand mean``.

    ``skor``: one column per score (rows = ratings); ``penilai``: the rater of each row.
    Raters with fewer than ``min_penilaian`` rows are left unchanged.
    """
    df = _sebagai_frame(skor)
    codes, k = _kelompok(penilai)
    out = {}
    for c in df.columns:
        x = df[c].to_numpy(dtype=np.float64, copy=True)
        n, mean, _ = _statistik(x, codes, k)
        ok = (n >= min_penilaian)[codes]
        out[c] = np.where(ok, x - mean[codes] + x.mean(), x)
    return pd.DataFrame(out, index=df.index)


def skor_z(skor: pd.DataFrame | np.ndarray, penilai: Any, min_penilaian: int = 2
           ) -> pd.DataFrame:
    """Standardise every column per rater, then rescale to the pooled spread and grand mean.

    Raters with fewer than ``max(min_penilaian, 2)`` rows are left unchanged.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"x": [3.2, 2.8, 5.0, 1.0]}); r = [1, 1, 2, 2]   # rater 1 squeezes
    >>> [round(v, 2) for v in skor_z(s, r)["x"]]
    [4.42, 1.58, 4.42, 1.58]
    """
    df = _sebagai_frame(skor)
    codes, k = _kelompok(penilai)
    batas = max(int(min_penilaian), 2)
    out = {}
    for c in df.columns:
        x = df[c].to_numpy(dtype=np.float64, copy=True)
        n, mean, ss = _statistik(x, codes, k)
        dipakai = n >= batas
        derajat = (n[dipakai] - 1).sum()
        pooled = np.sqrt(ss[dipakai].sum() / derajat) if derajat > 0 else 0.0
        sd = np.sqrt(ss / np.maximum(n - 1, 1))
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(sd[codes] > 0, (x - mean[codes]) / sd[codes], 0.0)
        out[c] = np.where(dipakai[codes], z * pooled + x.mean(), x)
    return pd.DataFrame(out, index=df.index)


_FUNGSI = {"pemusatan": pemusatan, "skor_z": skor_z}


def kalibrasi_penilaian(penilaian: pd.DataFrame, metode: str, min_penilaian: int,
                        kolom: Sequence[str] = BERAKHLAK,
                        skala: tuple[float, float] | None = PERILAKU_SKALA) -> pd.DataFrame:
    """Calibrated copy of a ratings table (``penilai_id``, ``peran``, the score columns).

    Self-ratings (``peran`` ``"diri"``, or its code 3 in :data:`PERAN_PENILAI` order) are
    neither calibrated nor used to estimate a rater's bias. Calibrated scores are floats,
    clipped to ``skala`` (the kit's 1-5 behaviour scale; ``None``: no clipping).

    >>> import pandas as pd
    >>> p = pd.DataFrame({"asn_id": [1, 2, 3, 4], "penilai_id": [9, 9, 8, 8],
    ...                   "peran": ["atasan"] * 4, "x": [5, 5, 3, 3]})
    >>> kalibrasi_penilaian(p, "pemusatan", 2, kolom=["x"])["x"].tolist()
    [4.0, 4.0, 4.0, 4.0]
    """
    if metode not in _FUNGSI:
        raise ValueError(f"metode must be one of {METODE}, got {metode!r}")
    fn = _FUNGSI[metode]
    diri = _diri(penilaian)
    bukan_diri = ~diri
    pilih = penilaian if not diri.any() else penilaian[bukan_diri]
    hasil = fn(pilih[list(kolom)], pilih["penilai_id"].to_numpy(), min_penilaian)
    out = penilaian.copy()
    for c in kolom:
        v = hasil[c].to_numpy()
        if skala is not None:
            v = np.clip(v, skala[0], skala[1])
        col = out[c].to_numpy(dtype=np.float64, copy=True)
        col[bukan_diri] = v
        out[c] = col
    return out


def _diri(penilaian: pd.DataFrame) -> np.ndarray:
    """Mask of self-ratings (``peran`` as text or as a code in PERAN_PENILAI order)."""
    if "peran" not in penilaian:
        return np.zeros(len(penilaian), dtype=bool)
    peran = penilaian["peran"]
    if pd.api.types.is_integer_dtype(peran.dtype):
        return (peran == PERAN_PENILAI.index("diri")).to_numpy()
    return (peran.astype(object) == "diri").to_numpy()


def ringkasan_penilai(mentah: pd.DataFrame, kalibrasi: pd.DataFrame, min_penilaian: int,
                      metode: str, kolom: Sequence[str] = BERAKHLAK) -> pd.DataFrame:
    """One row per rater (self-ratings excluded): ``penilai_id``, ``jumlah_penilaian``,
    ``rerata_mentah`` and ``rerata_kalibrasi`` (mean over their ratings of the mean of
    ``kolom``), ``sd_mentah``/``sd_kalibrasi`` (spread of those per-rating means) and
    ``dikalibrasi`` (enough ratings to be calibrated)."""
    keep = ~_diri(mentah)
    pid = mentah["penilai_id"].to_numpy()[keep]
    a = mentah[list(kolom)].to_numpy(dtype=np.float64)[keep].mean(axis=1)
    b = kalibrasi[list(kolom)].to_numpy(dtype=np.float64)[keep].mean(axis=1)
    df = pd.DataFrame({"penilai_id": pid, "a": a, "b": b})
    g = df.groupby("penilai_id", sort=True)
    out = pd.DataFrame({
        "jumlah_penilaian": g.size().astype(np.int32),
        "rerata_mentah": g["a"].mean(), "rerata_kalibrasi": g["b"].mean(),
        "sd_mentah": g["a"].std(ddof=0), "sd_kalibrasi": g["b"].std(ddof=0),
    })
    batas = max(int(min_penilaian), 2) if metode == "skor_z" else int(min_penilaian)
    out["dikalibrasi"] = out["jumlah_penilaian"].to_numpy() >= batas
    return out.reset_index()
