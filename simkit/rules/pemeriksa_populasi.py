"""Checks of a population's tables before a rule uses them: :class:`Pemeriksa` collects
located problems (table, row, id, column), vectorised, and raises them together.

>>> pm = Pemeriksa("contoh")
>>> df = pd.DataFrame({"asn_id": [1, 2], "target": [1.0, 0.0]})
>>> pm.positif(df, "iki", "target", "asn_id")
>>> [(m.kode, m.baris) for m in pm.masalah]
[('aturan_tidak_positif', 2)]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, mirip

MAKS_CONTOH_BARIS = 3
"""How many offending rows a validation message lists per column before summarising."""


def _kosong(s: pd.Series) -> np.ndarray | None:
    """Mask of the nulls of ``s``; None for a numpy dtype that cannot hold one."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iubf":
        return np.isnan(s.to_numpy()) if s.dtype.kind == "f" else None
    return s.isna().to_numpy()


def _angka(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``s`` as float64 (non-numbers -> NaN) and the mask of non-null values that are not
    numbers; numpy numeric columns skip the (slow) ``pd.to_numeric``."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf":
        return s.to_numpy(dtype=float), np.zeros(len(s), dtype=bool)
    v = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    return v, np.isnan(v) & s.notna().to_numpy()



def _teks_nilai(v: object) -> str:
    """A cell value as a message shows it (whole floats without ``.0``, strings quoted)."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, str) else str(v)


class Pemeriksa:
    """Collects located problems of population inputs, vectorised; ``selesai()`` raises them."""

    def __init__(self, aturan: str):
        self.aturan = aturan
        self.masalah: list[Masalah] = []

    def tandai(self, df: pd.DataFrame, mask: np.ndarray, table: str, col: str, idcol: str,
               kode: str, **kw: Any) -> None:
        """Record problem ``kode`` for the rows of ``df`` where ``mask`` is true (first few)."""
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return
        ids = df[idcol].to_numpy()[idx[:MAKS_CONTOH_BARIS]] if idcol in df else idx
        vals = df[col].to_numpy()[idx[:MAKS_CONTOH_BARIS]] if col in df else [None] * len(idx)
        for pos, ident, val in zip(idx[:MAKS_CONTOH_BARIS], ids, vals, strict=False):
            self.masalah.append(Masalah(
                kode, berkas=table, baris=int(pos) + 1, kolom=col, ditemukan=_teks_nilai(val),
                isi={"aturan": self.aturan, "kunci": idcol, "id": _teks_nilai(ident)}, **kw))
        if idx.size > MAKS_CONTOH_BARIS:
            self.masalah.append(Masalah("aturan_baris_lain", berkas=table, kolom=col,
                                        isi={"n": int(idx.size - MAKS_CONTOH_BARIS)}))

    def kolom(self, df: pd.DataFrame | None, table: str, cols: Iterable[str]) -> bool:
        """Required columns present (and the table itself)? Records problems, returns ok."""
        if df is None:
            self.masalah.append(Masalah("aturan_tabel_hilang", berkas=table,
                                        isi={"aturan": self.aturan}))
            return False
        ok = True
        for c in cols:
            if c not in df.columns:
                ok = False
                self.masalah.append(Masalah("aturan_kolom_hilang", berkas=table, kolom=c,
                                            saran=mirip(c, map(str, df.columns)),
                                            isi={"aturan": self.aturan}))
        return ok

    def tidak_kosong(self, df: pd.DataFrame, table: str, cols: Iterable[str], idcol: str) -> None:
        """No NaN / null in ``cols``."""
        for c in cols:
            mask = _kosong(df[c])
            if mask is not None and mask.any():
                self.tandai(df, mask, table, c, idcol, "aturan_nilai_kosong")

    def kosakata(self, df: pd.DataFrame, table: str, col: str, allowed: Iterable, idcol: str) -> None:
        """Non-null values of ``col`` within ``allowed``."""
        allowed = tuple(allowed)
        s = df[col]
        if isinstance(s.dtype, pd.CategoricalDtype) and set(s.dtype.categories) <= set(allowed):
            return  # every value is one of the (allowed) categories or null
        mask = (~s.isin(allowed) & s.notna()).to_numpy()
        if mask.any():
            first = s.to_numpy()[np.flatnonzero(mask)[0]]
            self.tandai(df, mask, table, col, idcol, "aturan_di_luar_kosakata",
                       diharapkan=", ".join(map(str, allowed)),
                       saran=mirip(str(first), map(str, allowed)))

    def positif(self, df: pd.DataFrame, table: str, col: str, idcol: str) -> None:
        """Values of ``col`` > 0 (targets)."""
        v, _ = _angka(df[col])
        mask = ~(v > 0) & ~np.isnan(v)
        if mask.any():
            self.tandai(df, mask, table, col, idcol, "aturan_tidak_positif", diharapkan="> 0")

    def rentang(self, df: pd.DataFrame, table: str, col: str, lo: float | None, hi: float | None,
                idcol: str) -> None:
        """Numeric values of ``col`` within [lo, hi] (non-numbers are reported too)."""
        v, bad = _angka(df[col])
        if lo is not None:
            bad |= v < lo
        if hi is not None:
            bad |= v > hi
        if bad.any():
            self.tandai(df, bad, table, col, idcol, "aturan_di_luar_rentang",
                       diharapkan=f"{lo if lo is not None else '-inf'} .. "
                                  f"{hi if hi is not None else 'inf'}")

    def unik(self, df: pd.DataFrame, table: str, col: str) -> None:
        """Values of ``col`` unique (a key)."""
        mask = df[col].duplicated(keep="first").to_numpy()
        if mask.any():
            self.tandai(df, mask, table, col, col, "aturan_id_ganda")

    def selesai(self) -> None:
        """Raise every recorded problem as one SimkitError."""
        if self.masalah:
            raise SimkitError(self.masalah)

