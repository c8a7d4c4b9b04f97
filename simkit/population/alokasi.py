"""Exact-count allocation helpers used by the structure generators (all vectorised).

- :func:`sisa_terbesar`: split integer totals of many groups over their items in proportion
  to weights (largest-remainder method, optional minimum per item).
- :func:`pilih_tepat`: pick exactly ``k`` rows, weighted, without replacement (Gumbel top-k).
- :func:`potong_porsi`: cut a score into ordered classes with exact shares (rank based).
- :func:`dalam_kelompok`: the 0-based position of each row within its group.

>>> import numpy as np
>>> sisa_terbesar(np.array([10]), np.array([0, 0, 0]), np.array([1.0, 1.0, 2.0])).tolist()
[3, 2, 5]
>>> potong_porsi(np.array([0.1, 0.9, 0.5, 0.3]), [0.25, 0.5, 0.25]).tolist()
[2, 0, 1, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def dalam_kelompok(kelompok: np.ndarray) -> np.ndarray:
    """Position of each row within its (not necessarily contiguous) group, in row order.

    >>> dalam_kelompok(np.array([3, 3, 1, 3, 1])).tolist()
    [0, 1, 0, 2, 1]
    """
    kelompok = np.asarray(kelompok)
    n = len(kelompok)
    if n == 0:
        return np.zeros(0, np.int64)
    order = np.argsort(kelompok, kind="stable")
    g = kelompok[order]
    start = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    run = np.repeat(start, np.diff(np.r_[start, n]))
    out = np.empty(n, np.int64)
    out[order] = np.arange(n) - run
    return out


def sisa_terbesar(total: np.ndarray, kelompok: np.ndarray, bobot: np.ndarray,
                  minimum: np.ndarray | int = 0) -> np.ndarray:
    """Split ``total[g]`` over the items of group ``g`` in proportion to ``bobot``.

    ``kelompok[i]`` is the group of item ``i``. Each item first gets ``minimum`` (when the
    group total cannot cover the minima, minima are dropped for that group), the rest is
    shared by the largest-remainder method (ties to the earlier item), so every group sums
    exactly to its total. A group whose items all have weight 0 gets nothing.
    """
    total = np.asarray(total, dtype=np.int64)
    kelompok = np.asarray(kelompok, dtype=np.int64)
    bobot = np.asarray(bobot, dtype=np.float64)
    m, g_n = len(kelompok), len(total)
    mn = np.broadcast_to(np.asarray(minimum, dtype=np.int64), (m,)).copy()
    mn[bobot <= 0] = 0
    sum_min = np.bincount(kelompok, mn, minlength=g_n).astype(np.int64)
    kurang = total < sum_min
    mn[kurang[kelompok]] = 0
    sisa = total - np.where(kurang, 0, sum_min)
    w_sum = np.bincount(kelompok, bobot, minlength=g_n)
    denom = w_sum[kelompok]
    share = np.divide(bobot, denom, out=np.zeros(m), where=denom > 0)
    exp = sisa[kelompok] * share
    base = np.floor(exp + 1e-9).astype(np.int64)
    left = sisa - np.bincount(kelompok, base, minlength=g_n).astype(np.int64)
    frac = np.where(bobot > 0, exp - base, -1.0)
    order = np.lexsort((np.arange(m), -frac, kelompok))
    rank = np.empty(m, np.int64)
    rank[order] = dalam_kelompok(kelompok[order])
    tambah = (rank < left[kelompok]) & (bobot > 0)
    return mn + base + tambah


def pilih_tepat(rng: np.random.Generator, k: int, bobot: np.ndarray) -> np.ndarray:
    """Boolean mask selecting exactly ``min(k, #rows with bobot > 0)`` rows, with probability
    proportional to ``bobot`` without replacement (Gumbel top-k; successive sampling).

    >>> pilih_tepat(np.random.default_rng(0), 2, np.array([1.0, 0.0, 1.0, 1.0])).sum()
    np.int64(2)
    """
    bobot = np.asarray(bobot, dtype=np.float64)
    n = len(bobot)
    out = np.zeros(n, bool)
    ok = np.flatnonzero(bobot > 0)
    k = int(min(max(k, 0), len(ok)))
    if k == 0:
        return out
    g = rng.gumbel(size=len(ok))
    if k == len(ok):
        out[ok] = True
        return out
    key = np.log(bobot[ok]) + g
    top = np.argpartition(-key, k - 1)[:k]
    out[ok[top]] = True
    return out


def jumlah_porsi(n: int, porsi: Sequence[float]) -> np.ndarray:
    """Exact integer counts of ``n`` items in classes with the given shares (largest remainder)."""
    p = np.asarray(porsi, dtype=np.float64)
    return sisa_terbesar(np.array([n]), np.zeros(len(p), np.int64), p)


def potong_porsi(skor: np.ndarray, porsi: Sequence[float]) -> np.ndarray:
    """Class index (0 = best) of each score so the classes hold exactly the given shares.

    The highest ``porsi[0]`` share of scores gets class 0, the next ``porsi[1]`` class 1, and
    so on (ties broken by row order). Returns int8.
    """
    skor = np.asarray(skor, dtype=np.float64)
    n = len(skor)
    counts = jumlah_porsi(n, porsi)
    order = np.argsort(-skor, kind="stable")
    kelas = np.repeat(np.arange(len(counts), dtype=np.int8), counts)
    out = np.empty(n, np.int8)
    out[order] = kelas
    return out
