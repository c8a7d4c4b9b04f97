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
from simkit.rules.kuadran_kinerja import rerata_baris

METODE = ("pemusatan", "skor_z")
"""The calibration methods (the ``metode`` parameter of the ``kalibrasi`` rule)."""


def _kelompok(penilai: Any) -> tuple[np.ndarray, int]:
    codes, uniques = pd.factorize(np.asarray(penilai), sort=False)
    return codes.astype(np.int64, copy=False), len(uniques)


def _statistik(x: np.ndarray, codes: np.ndarray, k: int, n: np.ndarray | None = None,
               ss: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Per-group count, mean and (if ``ss``) sum of squared deviations (two passes, stable)."""
    if n is None:
        n = np.bincount(codes, minlength=k).astype(np.float64)
    mean = np.bincount(codes, weights=x, minlength=k) / np.maximum(n, 1)
    if not ss:
        return n, mean, None
    dev = x - mean[codes]
    return n, mean, np.bincount(codes, weights=dev * dev, minlength=k)


def _sebagai_frame(skor: pd.DataFrame | np.ndarray | pd.Series) -> pd.DataFrame:
    if isinstance(skor, pd.DataFrame):
        return skor
    if isinstance(skor, pd.Series):
        return skor.to_frame()
    arr = np.asarray(skor, dtype=np.float64)
    return pd.DataFrame(arr if arr.ndim == 2 else arr[:, None])


def _pusat(x: np.ndarray, codes: np.ndarray, k: int, min_penilaian: int,
           n: np.ndarray | None = None) -> np.ndarray:
    n, mean, _ = _statistik(x, codes, k, n, ss=False)
    ok = (n >= min_penilaian)[codes]
    return np.where(ok, x - mean[codes] + x.mean(), x)


def _z(x: np.ndarray, codes: np.ndarray, k: int, min_penilaian: int,
       n: np.ndarray | None = None) -> np.ndarray:
    n, mean, ss = _statistik(x, codes, k, n)
    assert ss is not None
    dipakai = n >= max(int(min_penilaian), 2)
    derajat = (n[dipakai] - 1).sum()
    pooled = np.sqrt(ss[dipakai].sum() / derajat) if derajat > 0 else 0.0
    sd = np.sqrt(ss / np.maximum(n - 1, 1))[codes]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (x - mean[codes]) / sd, 0.0)
    return np.where(dipakai[codes], z * pooled + x.mean(), x)


_FUNGSI = {"pemusatan": _pusat, "skor_z": _z}


def _terapkan(metode: str, skor: pd.DataFrame | np.ndarray, penilai: Any, min_penilaian: int
              ) -> pd.DataFrame:
    df = _sebagai_frame(skor)
    codes, k = _kelompok(penilai)
    fn = _FUNGSI[metode]
    return pd.DataFrame({c: fn(df[c].to_numpy(dtype=np.float64), codes, k, min_penilaian)
                         for c in df.columns}, index=df.index)


def pemusatan(skor: pd.DataFrame | np.ndarray, penilai: Any, min_penilaian: int = 1
              ) -> pd.DataFrame:
    """Mean-centre every column per rater: ``x - rater mean + grand mean``.

    ``skor``: one column per score (rows = ratings); ``penilai``: the rater of each row.
    Raters with fewer than ``min_penilaian`` rows are left unchanged.
    """
    return _terapkan("pemusatan", skor, penilai, min_penilaian)


def skor_z(skor: pd.DataFrame | np.ndarray, penilai: Any, min_penilaian: int = 2
           ) -> pd.DataFrame:
    """Standardise every column per rater, then rescale to the pooled spread and grand mean.

    Raters with fewer than ``max(min_penilaian, 2)`` rows are left unchanged.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"x": [3.2, 2.8, 5.0, 1.0]}); r = [1, 1, 2, 2]   # rater 1 squeezes
    >>> [round(v, 2) for v in skor_z(s, r)["x"]]
    [4.42, 1.58, 4.42, 1.58]
    """
    return _terapkan("skor_z", skor, penilai, min_penilaian)


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
    keep = ~_diri(penilaian)
    semua = bool(keep.all())
    codes, k = _kelompok(penilaian["penilai_id"].to_numpy()[keep])
    n = np.bincount(codes, minlength=k).astype(np.float64)
    cols = {}
    for c in kolom:
        full = penilaian[c].to_numpy(dtype=np.float64, copy=True)
        v = fn(full if semua else full[keep], codes, k, min_penilaian, n)
        if skala is not None:
            v = np.clip(v, skala[0], skala[1])
        if semua:
            full = v
        else:
            full[keep] = v
        cols[c] = full
    return penilaian.assign(**cols)


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
    """One row per rater (self-ratings excluded), sorted by ``penilai_id``:
    ``jumlah_penilaian``, ``rerata_mentah`` and ``rerata_kalibrasi`` (mean over their ratings
    of the mean of ``kolom``), ``sd_mentah``/``sd_kalibrasi`` (population spread of those
    per-rating means) and ``dikalibrasi`` (enough ratings to be calibrated).

    >>> import pandas as pd
    >>> m = pd.DataFrame({"penilai_id": [9, 9, 8], "peran": ["atasan"] * 3, "x": [5.0, 3.0, 4.0]})
    >>> ringkasan_penilai(m, m, 2, "pemusatan", kolom=["x"])[["penilai_id", "rerata_mentah",
    ...     "dikalibrasi"]].values.tolist()
    [[8, 4.0, False], [9, 4.0, True]]
    """
    keep = ~_diri(mentah)
    a = rerata_baris(mentah, kolom)[keep]
    b = rerata_baris(kalibrasi, kolom)[keep]
    codes, uniq = pd.factorize(mentah["penilai_id"].to_numpy()[keep], sort=True)
    k = len(uniq)
    n = np.bincount(codes, minlength=k).astype(np.float64)
    out = {"penilai_id": np.asarray(uniq), "jumlah_penilaian": n.astype(np.int32)}
    for nama, x in (("mentah", a), ("kalibrasi", b)):
        mean = np.bincount(codes, weights=x, minlength=k) / np.maximum(n, 1)
        dev = x - mean[codes]
        out[f"rerata_{nama}"] = mean
        out[f"sd_{nama}"] = np.sqrt(np.bincount(codes, weights=dev * dev, minlength=k)
                                    / np.maximum(n, 1))
    batas = max(int(min_penilaian), 2) if metode == "skor_z" else int(min_penilaian)
    out["dikalibrasi"] = n >= batas
    cols = ["penilai_id", "jumlah_penilaian", "rerata_mentah", "rerata_kalibrasi", "sd_mentah",
            "sd_kalibrasi", "dikalibrasi"]
    return pd.DataFrame({c: out[c] for c in cols})
