"""Tests for paired (before/after) scores without scipy: Cronbach's alpha, the paired t-test
with Cohen's d_z and its confidence interval, the Wilcoxon signed-rank test with r = Z/√n,
and Holm's correction.

All analytic (no resampling, no randomness). The t distribution's tail is the exact
regularised incomplete beta (:func:`simkit.analysis.statistik._beta_tak_lengkap`); the CI of
d_z inverts the noncentral t distribution, whose CDF is integrated numerically over the
chi distribution of the sample SD (vectorised, Simpson's rule; error below 1e-6).

Textbook check, Student's sleep data (Cushny & Peebles; R ``t.test(..., paired = TRUE)``:
t = 4.0621, df = 9, p = 0.002833, 95 % CI 0.7001 to 2.4599):

>>> d = np.array([1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4])
>>> h = uji_t_berpasangan(d)
>>> round(h["t"], 4), round(h["p"], 6), round(h["ci_bawah"], 4), round(h["ci_atas"], 4)
(4.0621, 0.002833, 0.7001, 2.4599)
>>> w = wilcoxon_berpasangan(d, eksak=False)   # R wilcox.test: V = 45 (of 9 non-zero), p = 0.009091
>>> w["w_plus"], round(w["p"], 6)
(45.0, 0.009091)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from simkit.analysis.statistik import _beta_tak_lengkap, t_kritis

_ERFC_C = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807,
           -1.13520398, 1.48851587, -0.82215223, 0.17087277)


def phi(x: np.ndarray | float) -> np.ndarray:
    """Standard normal CDF, vectorised (Chebyshev erfc, relative error < 1.2e-7).

    >>> [round(float(v), 6) for v in phi(np.array([-1.959964, 0.0, 1.0]))]
    [0.025, 0.5, 0.841345]
    """
    z = -np.asarray(x, dtype="float64") / math.sqrt(2.0)
    a = np.abs(z)
    u = 1.0 / (1.0 + 0.5 * a)
    p = np.zeros_like(u)
    for c in reversed(_ERFC_C[1:]):
        p = u * (c + p)
    e = u * np.exp(-a * a + _ERFC_C[0] + p)
    return 0.5 * np.where(z >= 0, e, 2.0 - e)


def p_t(t: float, df: float) -> float:
    """Two-sided p-value of Student's t (exact incomplete beta).

    >>> round(p_t(2.262157, 9), 4)
    0.05
    """
    if not np.isfinite(t) or not df > 0:
        return float("nan")
    return float(_beta_tak_lengkap(df / 2.0, 0.5, df / (df + t * t)))


def cdf_t_nonsentral(x: np.ndarray | float, df: np.ndarray | float,
                     delta: np.ndarray | float, titik: int = 801) -> np.ndarray:
    """P(T ≤ x) for the noncentral t with ``df`` degrees of freedom and noncentrality
    ``delta`` (arrays broadcast): ``∫ Φ(x·s − δ) f(s) ds`` with ``s = √(χ²_df / df)``.

    >>> round(float(cdf_t_nonsentral(2.262157, 9, 0.0)), 4)   # central: 0.975
    0.975
    >>> round(float(cdf_t_nonsentral(1.0, 1e6, 1.0)), 4)      # df → ∞: Φ(0)
    0.5
    """
    x, df, delta = np.broadcast_arrays(*(np.asarray(v, dtype="float64") for v in (x, df, delta)))
    sd = 1.0 / np.sqrt(2.0 * df)
    lo = np.maximum(1.0 - 12.0 * sd, 1e-300)
    hi = 1.0 + 12.0 * sd
    u = np.linspace(0.0, 1.0, titik)
    w = np.ones(titik)
    w[1:-1:2], w[2:-1:2] = 4.0, 2.0
    s = lo[..., None] + (hi - lo)[..., None] * u
    h = ((hi - lo) / (titik - 1) / 3.0)[..., None]
    lg = np.vectorize(math.lgamma, otypes=[float])(df / 2.0)[..., None]
    v = df[..., None]
    with np.errstate(divide="ignore"):
        logf = (math.log(2.0) + (v / 2.0) * np.log(v / 2.0) - lg + (v - 1.0) * np.log(s)
                - v * s * s / 2.0)
    f = np.exp(logf) * w * h
    f = f / f.sum(axis=-1, keepdims=True)  # the grid's mass (≈ 1) renormalised
    return np.clip((phi(x[..., None] * s - delta[..., None]) * f).sum(axis=-1), 0.0, 1.0)


def ci_nonsentral(t: np.ndarray | float, df: np.ndarray | float,
                  tingkat_kepercayaan: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Confidence interval of the noncentrality δ from an observed ``t`` (vectorised): the δ
    at which ``t`` is the upper and the lower ``(1 − level)/2`` quantile (bisection).

    >>> lo, hi = ci_nonsentral(0.0, 1e6)
    >>> round(float(lo), 3), round(float(hi), 3)
    (-1.96, 1.96)
    """
    t, df = np.broadcast_arrays(np.asarray(t, dtype="float64"), np.asarray(df, dtype="float64"))
    a = (1.0 - tingkat_kepercayaan) / 2.0
    lebar = 8.0 * np.sqrt(1.0 + t * t / (2.0 * df)) + 1.0
    out = []
    for target in (1.0 - a, a):  # lower bound: P(T ≤ t | δ) = 1 − a; upper: = a
        lo, hi = t - lebar, t + lebar
        for _ in range(45):
            mid = (lo + hi) / 2.0
            besar = cdf_t_nonsentral(t, df, mid) > target  # cdf falls as δ grows
            lo, hi = np.where(besar, mid, lo), np.where(besar, hi, mid)
        out.append(np.where(np.isfinite(t) & (df > 0), (lo + hi) / 2.0, np.nan))
    return out[0], out[1]


def alpha_cronbach(x: np.ndarray) -> float:
    """Cronbach's alpha of an (n respondents × k items) matrix; rows with a NaN are dropped
    (listwise). NaN with fewer than two items or two complete rows, or no total variance.

    >>> alpha_cronbach(np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]))  # 1.5 (1 − 4.9167/14.25)
    0.9825
    """
    x = np.asarray(x, dtype="float64")
    x = x[~np.isnan(x).any(axis=1)]
    n, k = x.shape
    if k < 2 or n < 2:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    if total == 0:
        return float("nan")
    return round(float(k / (k - 1) * (1.0 - x.var(axis=0, ddof=1).sum() / total)), 4)


def uji_t_berpasangan(d: np.ndarray, tingkat_kepercayaan: float = 0.95,
                      ci_efek: bool = True) -> dict[str, float]:
    """Paired t-test of the differences ``d`` (NaN dropped): mean, SD, t, df, two-sided p, the
    t-based CI of the mean difference, Cohen's ``d_z = mean / SD`` and its CI by inverting
    the noncentral t (``δ = d_z √n``; left NaN without ``ci_efek``, for a caller that
    inverts many at once with :func:`ci_nonsentral`)."""
    d = np.asarray(d, dtype="float64")
    d = d[~np.isnan(d)]
    n = len(d)
    nan = float("nan")
    out = {"n": float(n), "rata": nan, "sd": nan, "t": nan, "df": nan, "p": nan,
           "ci_bawah": nan, "ci_atas": nan, "d_z": nan, "d_z_bawah": nan, "d_z_atas": nan}
    if n < 2:
        return out
    m, sd = float(d.mean()), float(d.std(ddof=1))
    out.update(rata=m, sd=sd, df=float(n - 1))
    if sd == 0:
        return out
    se = sd / math.sqrt(n)
    tt = m / se
    h = t_kritis(tingkat_kepercayaan, n - 1) * se
    out.update(t=tt, p=p_t(tt, n - 1), ci_bawah=m - h, ci_atas=m + h, d_z=m / sd)
    if ci_efek:
        lo, hi = ci_nonsentral(tt, n - 1, tingkat_kepercayaan)
        out.update(d_z_bawah=float(lo) / math.sqrt(n), d_z_atas=float(hi) / math.sqrt(n))
    return out


def _sebaran_eksak(r2: np.ndarray) -> np.ndarray:
    """Counts of every sum of a subset of the integer (doubled) ranks ``r2``: the null
    distribution of 2·W+ over the 2^n sign patterns."""
    c = np.zeros(int(r2.sum()) + 1)
    c[0] = 1.0
    for r in r2.astype(int):
        c[r:] = c[r:] + c[:len(c) - r].copy()
    return c


def wilcoxon_berpasangan(d: np.ndarray, eksak: bool | None = None,
                         n_eksak: int = 50) -> dict[str, float]:
    """Wilcoxon signed-rank test of the differences ``d`` (NaN dropped).

    Zeros are dropped (Wilcoxon's method); tied |d| get their average rank. ``W+`` is the
    rank sum of the positive differences. ``z`` is the normal approximation with the tie
    correction of the variance and a continuity correction of 0.5, signed (positive when
    ``d`` tends to be positive); ``r = z / √n`` with ``n`` the number of pairs (zeros
    included). ``p`` (two-sided) is exact, from the permutation distribution of the signs
    (conditional on the ties), when ``eksak`` or (``eksak is None`` and at most ``n_eksak``
    non-zero differences); else the normal one.

    >>> w = wilcoxon_berpasangan(np.array([1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]))
    >>> w["p"], w["eksak"]   # all 9 non-zero positive: 2 / 2**9
    (0.00390625, 1.0)
    """
    d = np.asarray(d, dtype="float64")
    d = np.round(d[~np.isnan(d)], 9)
    n_semua = len(d)
    nz = d[d != 0]
    n = len(nz)
    nan = float("nan")
    out = {"n": float(n_semua), "n_bukan_nol": float(n), "w_plus": nan, "z": nan, "p": nan,
           "r": nan, "eksak": nan}
    if n == 0:
        return out
    rank = pd.Series(np.abs(nz)).rank(method="average").to_numpy()
    w = float(rank[nz > 0].sum())
    mu = n * (n + 1) / 4.0
    _, hit = np.unique(np.abs(nz), return_counts=True)
    var = n * (n + 1) * (2 * n + 1) / 24.0 - float((hit ** 3 - hit).sum()) / 48.0
    z = nan
    if var > 0:
        koreksi = 0.5 * np.sign(w - mu)
        z = (w - mu - koreksi) / math.sqrt(var)
    pakai_eksak = (n <= n_eksak) if eksak is None else bool(eksak)
    if pakai_eksak:
        c = _sebaran_eksak(np.round(2 * rank))
        c = c / c.sum()
        k = int(round(2 * w))
        p = min(1.0, 2.0 * min(c[:k + 1].sum(), c[k:].sum()))
    else:
        p = nan if not np.isfinite(z) else float(2.0 * phi(-abs(z)))
    out.update(w_plus=w, z=float(z), p=float(p), r=float(z) / math.sqrt(n_semua),
               eksak=float(pakai_eksak))
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values (NaN kept, not counted).

    >>> holm(np.array([0.01, 0.04, 0.03, np.nan])).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(p, dtype="float64")
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    urut = np.argsort(q, kind="stable")
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * q[urut]))
    res = np.empty(m)
    res[urut] = adj
    out[ok] = res
    return out
