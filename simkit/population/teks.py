"""Fast text columns for large tables: build pandas ``str`` Series with pyarrow kernels.

Object arrays of Python strings are slow and large at a million rows; these helpers go
straight from integer codes (or integers) to Arrow-backed ``str`` columns.

>>> import numpy as np
>>> teks_dari_kode(["a", None, "c"], np.array([2, 0, 1])).tolist()
['c', 'a', nan]
>>> angka(np.array([196608011988031001])).tolist()
['196608011988031001']
>>> gabung_kode(["Ani", "Budi"], np.array([1, 0]), ["Putra", "Sari"], np.array([0, 1])).tolist()
['Budi Putra', 'Ani Sari']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _seri(arr: pa.Array) -> pd.Series:
    return pd.Series(pd.array(arr, dtype="str"))


def _ambil(kamus: Sequence[str | None], kode: np.ndarray) -> pa.Array:
    return pa.array(list(kamus), type=pa.string()).take(pa.array(np.asarray(kode, dtype=np.int64)))


def teks_dari_kode(kamus: Sequence[str | None], kode: np.ndarray) -> pd.Series:
    """``kamus[kode]`` as a ``str`` Series (``None`` in ``kamus`` gives a missing value)."""
    return _seri(_ambil(kamus, kode))


def angka(x: np.ndarray) -> pd.Series:
    """Integers as decimal text (``str`` Series)."""
    return _seri(pc.cast(pa.array(np.asarray(x, dtype=np.int64)), pa.string()))


def gabung_kode(kamus_a: Sequence[str], kode_a: np.ndarray, kamus_b: Sequence[str],
                kode_b: np.ndarray, pemisah: str = " ") -> pd.Series:
    """Element-wise ``kamus_a[kode_a] + pemisah + kamus_b[kode_b]`` as a ``str`` Series."""
    return _seri(pc.binary_join_element_wise(_ambil(kamus_a, kode_a), _ambil(kamus_b, kode_b),
                                             pemisah))
