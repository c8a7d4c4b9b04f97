"""Small, exact statistics the metrics share: weighted kappa, Spearman, stratified gaps.

All analytic (no resampling, no randomness) and vectorised.

>>> kappa_kuadratik([1, 2, 3], [1, 2, 3], kategori=(1, 2, 3))
1.0
>>> round(spearman([1, 2, 3, 4], [10, 20, 40, 30]), 2)
0.8
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from simkit.errors import galat


def matriks_konfusi(a: Sequence, b: Sequence, kategori: Sequence) -> np.ndarray:
    """Counts ``O[i, j]`` of (a = kategori[i], b = kategori[j]); values outside are an error."""
    cats = pd.Index(list(kategori))
    ia = cats.get_indexer(np.asarray(a))
    ib = cats.get_indexer(np.asarray(b))
    if (ia < 0).any() or (ib < 0).any():
        raise galat("nilai_tidak_valid", bidang="kategori", diharapkan=", ".join(map(str, cats)))
    k = len(cats)
    return np.bincount(ia * k + ib, minlength=k * k).reshape(k, k)


def kappa_kuadratik(a: Sequence, b: Sequence, kategori: Sequence = (1, 2, 3, 4, 5)) -> float:
    """Cohen's kappa with quadratic weights ``w_ij = (i - j)^2 / (k - 1)^2``.

    ``kappa = 1 - sum(w * O) / sum(w * E)`` with ``E = outer(row totals, column totals) / n``.
    NaN when undefined (no rows, or both raters use a single class so that ``sum(w * E) = 0``).

    >>> round(kappa_kuadratik([1, 1, 2, 3], [1, 2, 2, 3], kategori=(1, 2, 3)), 4)
    0.8
    """
    o = matriks_konfusi(a, b, kategori).astype("float64")
    return kappa_dari_konfusi(o)


def kappa_dari_konfusi(o: np.ndarray) -> float:
    """Quadratic-weighted kappa of a square confusion matrix of counts."""
    n = o.sum()
    k = o.shape[0]
    if n == 0 or k < 2:
        return float("nan")
    idx = np.arange(k)
    w = (idx[:, None] - idx[None, :]) ** 2 / (k - 1) ** 2
    e = np.outer(o.sum(axis=1), o.sum(axis=0)) / n
    denom = (w * e).sum()
    if denom == 0:
        return float("nan")
    return float(1.0 - (w * o).sum() / denom)


def spearman(x: Sequence, y: Sequence) -> float:
    """Spearman rank correlation, ties given their average rank; NaN if a side is constant
    or fewer than two complete pairs exist (pairs with a NaN are dropped)."""
    xs = pd.Series(np.asarray(x, dtype="float64"))
    ys = pd.Series(np.asarray(y, dtype="float64"))
    ok = xs.notna().to_numpy() & ys.notna().to_numpy()
    if ok.sum() < 2:
        return float("nan")
    rx = xs[ok].rank(method="average").to_numpy()
    ry = ys[ok].rank(method="average").to_numpy()
    rx = rx - rx.mean()
    ry = ry - ry.mean()
    den = np.sqrt((rx * rx).sum() * (ry * ry).sum())
    if den == 0:
        return float("nan")
    return float((rx * ry).sum() / den)


def z_kritis(tingkat_kepercayaan: float) -> float:
    """Two-sided normal critical value, e.g. 0.95 -> 1.959964."""
    if not 0 < tingkat_kepercayaan < 1:
        raise galat("di_luar_rentang", bidang="tingkat_kepercayaan", diharapkan="0 < x < 1",
                    ditemukan=repr(tingkat_kepercayaan))
    return NormalDist().inv_cdf(0.5 + tingkat_kepercayaan / 2)


def _beta_tak_lengkap(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):  # the fraction converges fast below the mean
        return 1.0 - _beta_tak_lengkap(b, a, 1.0 - x)
    depan = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x)) / a
    kecil = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > kecil else kecil)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > kecil else kecil)
            c = 1.0 + num / c
            c = c if abs(c) > kecil else kecil
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return depan * h


def t_kritis(tingkat_kepercayaan: float, df: float) -> float:
    """Two-sided critical value of Student's t with ``df`` degrees of freedom (exact, by
    bisection on the distribution function); the normal value for ``df`` = inf.

    >>> round(t_kritis(0.95, 1), 3), round(t_kritis(0.95, 4), 3), round(t_kritis(0.95, 30), 3)
    (12.706, 2.776, 2.042)
    """
    z = z_kritis(tingkat_kepercayaan)
    if not df > 0:
        raise galat("di_luar_rentang", bidang="df", diharapkan="> 0", ditemukan=repr(df))
    if math.isinf(df):
        return z
    ekor = (1.0 - tingkat_kepercayaan) / 2.0  # P(T > t) wanted

    def atas(t: float) -> float:  # P(T > t) for t >= 0
        return 0.5 * _beta_tak_lengkap(df / 2.0, 0.5, df / (df + t * t))

    lo, hi = z, max(2.0 * z, 1.0)
    while atas(hi) > ekor:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        lo, hi = (mid, hi) if atas(mid) > ekor else (lo, mid)
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2.0


def rata_ci(x: np.ndarray, tingkat_kepercayaan: float = 0.95) -> tuple[float, float, float]:
    """Mean of ``x`` (NaN ignored) and its t confidence interval over the values (e.g. one
    value per population seed); NaN bounds with fewer than two values.

    >>> [round(v, 3) for v in rata_ci(np.array([1.0, 2.0, 3.0]))]
    [2.0, -0.484, 4.484]
    """
    x = np.asarray(x, dtype="float64")
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return (float("nan"),) * 3
    m = float(x.mean())
    if len(x) < 2:
        return m, float("nan"), float("nan")
    h = t_kritis(tingkat_kepercayaan, len(x) - 1) * float(x.std(ddof=1)) / math.sqrt(len(x))
    return m, m - h, m + h


def selisih_terstratifikasi(
    n_g: np.ndarray, s1_g: np.ndarray, s2_g: np.ndarray,
    n_c: np.ndarray, s1_c: np.ndarray, s2_c: np.ndarray,
    grup: np.ndarray, tingkat_kepercayaan: float = 0.95,
) -> pd.DataFrame:
    """Stratified difference of means ``kelompok - pembanding`` for many comparisons at once.

    Inputs are per (comparison, stratum) rows: counts ``n``, sums ``s1`` and sums of squares
    ``s2`` of the outcome in the group (``_g``) and its comparison (``_c``); ``grup`` numbers
    the comparison each row belongs to (0..m-1). Only strata where both sides have members
    count. Within stratum s: ``d_s = mean_g - mean_c`` and
    ``v_s = S2_g / n_g + S2_c / n_c`` (sample variances, ddof 1; a side with one member uses
    the variance of the whole stratum). Weights are stratum sizes ``w_s = (n_g + n_c) / sum``;
    the gap is ``sum w_s d_s``, its variance ``sum w_s^2 v_s`` and the interval is normal.

    Returns one row per comparison: ``selisih, galat_baku, ci_bawah, ci_atas, n_kelompok,
    n_pembanding, jumlah_strata``.
    """
    grup = np.asarray(grup)
    m = int(grup.max()) + 1 if len(grup) else 0
    ok = (n_g > 0) & (n_c > 0)
    ng, nc = np.where(ok, n_g, 1.0), np.where(ok, n_c, 1.0)
    mg, mc = s1_g / ng, s1_c / nc
    nt = n_g + n_c
    st1, st2 = s1_g + s1_c, s2_g + s2_c
    with np.errstate(invalid="ignore", divide="ignore"):
        var_t = np.where(nt > 1, (st2 - st1 * st1 / np.maximum(nt, 1)) / (nt - 1), 0.0)
        var_g = np.where(n_g > 1, (s2_g - s1_g * s1_g / ng) / (ng - 1), var_t)
        var_c = np.where(n_c > 1, (s2_c - s1_c * s1_c / nc) / (nc - 1), var_t)
    var_g, var_c = np.maximum(var_g, 0.0), np.maximum(var_c, 0.0)  # rounding of sums
    d = np.where(ok, mg - mc, 0.0)
    v = np.where(ok, var_g / ng + var_c / nc, 0.0)
    size = np.where(ok, nt, 0.0)
    tot = np.bincount(grup, weights=size, minlength=m)
    w = size / np.where(tot[grup] > 0, tot[grup], 1.0)
    gap = np.bincount(grup, weights=w * d, minlength=m)
    var = np.bincount(grup, weights=w * w * v, minlength=m)
    se = np.sqrt(var)
    z = z_kritis(tingkat_kepercayaan)
    none = tot == 0
    gap = np.where(none, np.nan, gap)
    se = np.where(none, np.nan, se)
    return pd.DataFrame({
        "selisih": gap,
        "galat_baku": se,
        "ci_bawah": gap - z * se,
        "ci_atas": gap + z * se,
        "n_kelompok": np.bincount(grup, weights=np.where(ok, n_g, 0), minlength=m).astype("int64"),
        "n_pembanding": np.bincount(grup, weights=np.where(ok, n_c, 0),
                                    minlength=m).astype("int64"),
        "jumlah_strata": np.bincount(grup, weights=ok.astype(float), minlength=m).astype("int64"),
    })
