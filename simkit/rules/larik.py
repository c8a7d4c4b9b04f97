"""Array helpers of the rule engine: fast frames, coded vocabularies, id lookups.

A vocabulary (predikat, rating, ...) travels as int16 codes into a tuple of ids and comes
back as a Categorical; ids are looked up by position without building indexed frames.

>>> kode = kode_kategori(np.array(["b", None, "a"], dtype=object), ("a", "b"))
>>> kode.tolist(), kategori_dari_kode(kode, ("a", "b")).tolist()
([1, -1, 0], ['b', nan, 'a'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from simkit.kosakata import PERINGKAT_UMUM


def bingkai(kolom: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame from a dict of column arrays WITHOUT copying/consolidating them (fast for
    millions of rows; pandas Copy-on-Write keeps the inputs safe)."""
    return pd.DataFrame(dict(kolom), copy=False)


def pilih_kode(kondisi: list[np.ndarray]) -> np.ndarray:
    """Per row the index of the first condition that holds (int16), -1 where none does.

    >>> pilih_kode([np.array([True, False, False]), np.array([True, True, False])]).tolist()
    [0, 1, -1]
    """
    return np.select(kondisi, np.arange(len(kondisi)), default=-1).astype(np.int16)



@cache
def tipe_kategori(cats: tuple[str, ...]) -> pd.CategoricalDtype:
    """The CategoricalDtype of the vocabulary ``cats``, built once (building one validates
    its categories, which costs more than coding a few thousand values)."""
    return pd.CategoricalDtype(list(cats))


def kategori_dari_kode(codes: np.ndarray, cats: Iterable[str]) -> pd.Categorical:
    """``pd.Categorical.from_codes(codes, cats)`` (code -1 = missing) with the shared dtype.

    >>> kategori_dari_kode(np.array([1, -1]), ("a", "b")).tolist()
    ['b', nan]
    """
    return pd.Categorical.from_codes(codes, dtype=tipe_kategori(tuple(cats)))


def kode_kategori(values: Any, cats: Iterable[str]) -> np.ndarray:
    """Codes of ``values`` in ``cats`` (0..k-1; -1 for missing or unknown), fast for a small
    vocabulary (factorize, then map the few distinct values; a Categorical with exactly
    these categories gives its codes).

    >>> kode_kategori(np.array(["b", None, "a", "z"], dtype=object), ["a", "b"]).tolist()
    [1, -1, 0, -1]
    """
    cats = list(cats)
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(values, pd.Categorical) and list(values.categories) == cats:
        return np.asarray(values.codes, dtype=np.int16)
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    lut = pd.Index(cats).get_indexer(np.asarray(uniq, dtype=object))
    lut = np.append(lut, -1).astype(np.int16)  # codes == -1 (missing) -> last entry
    return lut[codes]


def kategori(values: Any, cats: Iterable[str]) -> pd.Categorical:
    """A Categorical with the fixed categories ``cats`` (values outside -> NaN)."""
    cats = tuple(cats)
    return kategori_dari_kode(kode_kategori(values, cats), cats)


def _lut_padat(ids: np.ndarray, kunci: np.ndarray) -> np.ndarray | None:
    """``lut[id] = position of id in ids`` (-1 elsewhere) for non-negative integer ids when
    the table stays small (covering every ``kunci``), else None."""
    if not (ids.dtype.kind in "iu" and kunci.dtype.kind in "iu" and ids.size
            and ids.min() >= 0):
        return None
    top = int(max(ids.max(), kunci.max() if kunci.size else 0))
    if top > 4 * ids.size + 1_000_000:
        return None
    lut = np.full(top + 1, -1, dtype=np.int64)
    lut[ids] = np.arange(ids.size)
    return lut


def letak_id(ids: Any, kunci: Any) -> np.ndarray:
    """Position of each ``kunci`` in ``ids`` (unique), -1 where absent; a dense lookup table
    for integer ids (fast for millions of rows), a hash index otherwise.

    >>> letak_id(np.array([7, 5]), np.array([5, 9, 7])).tolist()
    [1, -1, 0]
    """
    ids = np.asarray(ids)
    kunci = np.asarray(kunci)
    lut = _lut_padat(ids, kunci)
    if lut is None:
        return pd.Index(ids).get_indexer(kunci)
    ok = kunci >= 0
    out = np.full(kunci.shape, -1, dtype=np.int64)
    out[ok] = lut[kunci[ok]]
    return out


def sejajar(df: pd.DataFrame, kunci: str, ids: Any, kolom: Iterable[str]) -> np.ndarray:
    """The columns ``kolom`` of ``df`` (float64, one column each) on the rows of ``ids`` by
    the unique key column ``kunci``, NaN where an id has no row: the values of
    ``df.set_index(kunci).reindex(ids)[kolom]`` without building those frames.

    >>> df = pd.DataFrame({"k": [7, 5], "x": [1.0, 2.0]})
    >>> sejajar(df, "k", [5, 9, 7], ["x"])[:, 0].tolist()
    [2.0, nan, 1.0]
    """
    kolom = list(kolom)
    pos = letak_id(df[kunci].to_numpy(), ids)
    ada = pos >= 0
    out = np.full((len(pos), len(kolom)), np.nan, order="F")  # column-major, as pandas gives
    for j, c in enumerate(kolom):
        out[ada, j] = df[c].to_numpy(dtype=float)[pos[ada]]
    return out


def ada_di(kunci: Any, ids: Any) -> np.ndarray:
    """Which ``kunci`` occur in ``ids`` (``Series.isin``); a dense table for integer ids.

    >>> ada_di(np.array([3, 9, 3]), np.array([1, 3])).tolist()
    [True, False, True]
    """
    kunci, ids = np.asarray(kunci), np.asarray(ids)
    lut = _lut_padat(ids, kunci)
    if lut is None:
        return pd.Series(kunci).isin(ids).to_numpy()
    return (kunci >= 0) & (lut[np.maximum(kunci, 0)] >= 0)


def peringkat_umum(pred: pd.Series) -> np.ndarray | pd.Series:
    """:data:`~simkit.kosakata.PERINGKAT_UMUM` of every (non-null) predikat as int8; a
    Categorical maps only its few categories.

    >>> peringkat_umum(pd.Series(["cukup", "sangat_baik"])).tolist()
    [3, 5]
    """
    if isinstance(pred.dtype, pd.CategoricalDtype):
        lut = [PERINGKAT_UMUM.get(str(c)) for c in pred.cat.categories]
        if None not in lut:
            return np.array(lut, dtype=np.int8)[pred.cat.codes.to_numpy()]
    return pred.astype(str).map(PERINGKAT_UMUM).astype("int8")
