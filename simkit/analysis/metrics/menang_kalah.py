"""Winners and losers: who goes up or down from the baseline rule, in five buckets.

Buckets by the difference ``d = peringkat(reform) - peringkat(baseline)`` (classes, 5 = best):
``naik_2_atau_lebih`` (d >= 2), ``naik_1`` (d = 1), ``tetap`` (d = 0; peringkat is whole, so
the no-change band is exactly zero), ``turun_1`` (d = -1), ``turun_2_atau_lebih`` (d <= -2).

>>> menang_kalah(panel, "permenpanrb_6_2022")            # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.metrics.transisi import pasangan
from simkit.analysis.panel import (
    DIMENSI_KELOMPOK,
    KOLOM_DIMENSI,
    KOLOM_OPD,
    indeks_asn,
    kode_kelompok,
    periksa_dimensi,
    tambah_label,
)
from simkit.analysis.registri import Tabel, Ukuran
from simkit.analysis.syarat import BUTUH_DUA_ATURAN

PERUBAHAN = ("naik_2_atau_lebih", "naik_1", "tetap", "turun_1", "turun_2_atau_lebih")
"""The five buckets, best first."""


def kelompok_perubahan(d: np.ndarray) -> np.ndarray:
    """Bucket index 0..4 (see :data:`PERUBAHAN`) of peringkat differences ``d``."""
    return 2 - np.clip(np.asarray(d, dtype="int64"), -2, 2)


def _selisih(panel: pd.DataFrame, baseline: str, reformasi: Sequence[str] | None):
    """(reform, mask over the sorted distinct asn_id rated by both, peringkat difference)."""
    wide, rules = pasangan(panel, baseline, reformasi)
    for r in rules:
        b, x = wide[baseline].to_numpy(), wide[r].to_numpy()
        ok = ~(np.isnan(b) | np.isnan(x))
        yield r, ok, (x[ok] - b[ok]).astype("int64")


def _tabel(keys: dict[str, object], bucket: np.ndarray, codes: np.ndarray, n_keys: int,
           diff: np.ndarray) -> pd.DataFrame:
    """Five bucket rows per key (``keys``: column -> scalar or array of ``n_keys`` values)."""
    k = len(PERUBAHAN)
    m = np.bincount(codes * k + bucket, minlength=n_keys * k).reshape(n_keys, k)
    tot = m.sum(axis=1, keepdims=True)
    share = np.divide(m, tot, out=np.zeros_like(m, dtype="float64"), where=tot > 0)
    sums = np.bincount(codes, weights=diff, minlength=n_keys)
    mean = np.divide(sums, tot[:, 0], out=np.full(n_keys, np.nan), where=tot[:, 0] > 0)
    cols = {c: (np.repeat(np.asarray(v), k) if isinstance(v, list | np.ndarray) else v)
            for c, v in keys.items()}
    return pd.DataFrame({
        **cols,
        "perubahan": pd.Categorical.from_codes(np.tile(np.arange(k), n_keys),
                                               categories=list(PERUBAHAN), ordered=True),
        "jumlah": m.ravel().astype("int64"),
        "proporsi": share.ravel(),
        "rata_rata_perubahan": np.repeat(mean, k),
    })


def menang_kalah(panel: pd.DataFrame, baseline: str,
                 reformasi: Sequence[str] | None = None) -> pd.DataFrame:
    """Five buckets per reform against ``baseline``.

    Columns: ``aturan_dasar, aturan, perubahan, jumlah, proporsi, rata_rata_perubahan``
    (mean of ``d`` over everyone rated by both rules, repeated on the five rows).
    """
    frames = []
    for r, _ok, d in _selisih(panel, baseline, reformasi):
        frames.append(_tabel({"aturan_dasar": baseline, "aturan": r}, kelompok_perubahan(d),
                             np.zeros(len(d), "int64"), 1, d))
    return _gabung(frames, ["aturan_dasar", "aturan"])


def menang_kalah_per_kelompok(panel: pd.DataFrame, baseline: str,
                              dimensi: str | Sequence[str] | None = None,
                              reformasi: Sequence[str] | None = None) -> pd.DataFrame:
    """Five buckets per reform and group (``proporsi`` within the group).

    Columns: ``aturan_dasar, aturan, dimensi, kelompok, label_kelompok, perubahan, jumlah,
    proporsi, rata_rata_perubahan``. ``dimensi`` defaults to the non-OPD dimensions; pass
    ``"opd"`` for OPDs.
    """
    dims = periksa_dimensi(dimensi, DIMENSI_KELOMPOK)
    _, first, _ = indeks_asn(panel)       # same order as the rows of matriks_peringkat
    per_asn = panel.iloc[first]
    kode = {dim: kode_kelompok(per_asn, dim) for dim in dims}
    frames = []
    for r, ok, d in _selisih(panel, baseline, reformasi):
        bucket = kelompok_perubahan(d)
        for dim in dims:
            all_codes, values = kode[dim]
            codes = all_codes[ok]
            frames.append(_tabel({"aturan_dasar": baseline, "aturan": r, "dimensi": dim,
                                  "kelompok": list(values)}, bucket, codes, len(values), d))
    out = _gabung(frames, ["aturan_dasar", "aturan", "dimensi", "kelompok"])
    return tambah_label(out, panel)


def menang_kalah_per_opd(panel: pd.DataFrame, baseline: str,
                         reformasi: Sequence[str] | None = None) -> pd.DataFrame:
    """Five buckets per reform and OPD: ``aturan_dasar, aturan, opd_id, nama_opd, perubahan,
    jumlah, proporsi, rata_rata_perubahan``."""
    out = menang_kalah_per_kelompok(panel, baseline, "opd", reformasi)
    out = out.assign(opd_id=out["kelompok"].astype("int64"), nama_opd=out["label_kelompok"])
    return out[["aturan_dasar", "aturan", "opd_id", "nama_opd", "perubahan", "jumlah",
                "proporsi", "rata_rata_perubahan"]]


def _gabung(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    cols = [*keys, "perubahan", "jumlah", "proporsi", "rata_rata_perubahan"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


# --------------------------------------------------------------------------- declaration

def _arah(arah: str):
    """Share of ``naik``/``tetap``/``turun`` per rule; the baseline itself 0 / 1 / 0."""
    def ambil(konteks: Konteks, tabel: pd.DataFrame) -> np.ndarray:
        mk = tabel.assign(arah=tabel["perubahan"].astype(str).str.split("_").str[0])
        per = mk.groupby(["aturan", "arah"])["proporsi"].sum().unstack()
        col = per[arah] if arah in per else pd.Series(dtype="float64")
        out = col.reindex(konteks.aturan).to_numpy(dtype="float64", copy=True)
        dasar = np.asarray(konteks.aturan) == tabel["aturan_dasar"].iloc[0]
        out[dasar] = {"naik": 0.0, "tetap": 1.0, "turun": 0.0}[arah]
        return out
    return ambil


_MK = ("perubahan", "jumlah", "proporsi", "rata_rata_perubahan")
URUTAN = 50
KELUARAN = (
    Tabel("menang_kalah", ("aturan_dasar", "aturan", *_MK),
          lambda k: menang_kalah(k.panel, k.aturan_dasar), syarat=(BUTUH_DUA_ATURAN,),
          ukuran=tuple(Ukuran(f"proporsi_{a}", _arah(a), ringkasan=20 + i)
                       for i, a in enumerate(("naik", "tetap", "turun"))),
          sweep="menang_kalah", bagian="transisi"),
    Tabel("menang_kalah_per_kelompok", ("aturan_dasar", "aturan", *KOLOM_DIMENSI, *_MK),
          lambda k: menang_kalah_per_kelompok(k.panel, k.aturan_dasar),
          syarat=(BUTUH_DUA_ATURAN,), bagian="transisi", grafik=("menang_kalah",)),
    Tabel("menang_kalah_per_opd", ("aturan_dasar", "aturan", *KOLOM_OPD, *_MK),
          lambda k: menang_kalah_per_opd(k.panel, k.aturan_dasar), syarat=(BUTUH_DUA_ATURAN,)),
)
