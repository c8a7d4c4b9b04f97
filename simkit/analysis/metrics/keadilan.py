"""Fairness: for people of equal true performance, do groups get different predikat?

For each rule and each comparison (women vs men, each OPD vs the rest, frontline vs back
office, PPPK vs PNS, ...) the employees are put in strata of equal true performance: the
true class ``predikat_benar`` (``strata="kelas"``, default) or deciles of ``skor_benar``
(``strata="desil"``). Within a stratum the gap is the difference of mean ``peringkat``
(kelompok minus pembanding); the overall gap weights strata by their size (both sides
together, only strata where both sides have members). The confidence interval is analytic:
the stratified variance ``sum w_s^2 (S2_g/n_g + S2_c/n_c)`` with a normal critical value
(see :func:`simkit.analysis.statistik.selisih_terstratifikasi`); nothing is random.

``selisih > 0`` means the ``kelompok`` gets a *better* class than the ``pembanding`` of the
same true performance; ``selisih`` is in classes (1 = one whole predikat). The truth itself
has gap 0 by construction when strata are the true classes.

Comparisons per dimension (``pembanding``): ``jenis_kelamin`` P vs L, ``status_kepegawaian``
PPPK vs PNS, ``layanan`` garis_depan vs pendukung, and for any other dimension (``opd``,
``jenis_jabatan``, ``golongan``, ``rumpun``) each group vs all others (``lainnya``).

>>> keadilan(panel)[["aturan", "dimensi", "kelompok", "selisih", "ci_bawah", "ci_atas"]]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.metrics.akurasi import wajib_kebenaran
from simkit.analysis.panel import (
    aturan_panel,
    indeks_asn,
    kode_kelompok,
    label_kelompok,
    periksa_dimensi,
)
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.analysis.statistik import selisih_terstratifikasi, z_kritis
from simkit.analysis.syarat import BUTUH_KEBENARAN
from simkit.errors import galat, mirip
from simkit.kosakata import DIMENSI_KEADILAN

PASANGAN: dict[str, tuple[str, str]] = {
    "jenis_kelamin": ("P", "L"),
    "status_kepegawaian": ("PPPK", "PNS"),
    "layanan": ("garis_depan", "pendukung"),
}
"""Two-group dimensions: (kelompok, pembanding). Other dimensions: each group vs the rest."""

LAINNYA = "lainnya"
"""``pembanding`` id of "all other groups"."""

STRATA = ("kelas", "desil")

KOLOM = ["aturan", "dimensi", "kelompok", "label_kelompok", "pembanding", "label_pembanding",
         "selisih", "ci_bawah", "ci_atas", "galat_baku", "signifikan", "selisih_mentah",
         "n_kelompok", "n_pembanding", "jumlah_strata"]


def strata_kebenaran(panel: pd.DataFrame, strata: str = "kelas", jumlah_desil: int = 10,
                     ) -> np.ndarray:
    """Stratum code per panel row: true class (0..4) or quantile group of ``skor_benar``."""
    if strata not in STRATA:
        raise galat("nilai_tidak_valid", bidang="strata", diharapkan=", ".join(STRATA),
                    ditemukan=repr(strata), saran=mirip(str(strata), STRATA))
    if strata == "kelas":
        return panel["peringkat_benar"].to_numpy().astype("int64") - 1
    if jumlah_desil < 2:
        raise galat("di_luar_rentang", bidang="jumlah_desil", diharapkan=">= 2",
                    ditemukan=repr(jumlah_desil))
    _, first, pos = indeks_asn(panel)
    skor = panel["skor_benar"].to_numpy()[first]
    q = pd.qcut(skor, jumlah_desil, labels=False, duplicates="drop")
    return np.asarray(q, dtype="int64")[pos]


def keadilan(panel: pd.DataFrame, dimensi: str | Sequence[str] | None = None,
             strata: str = "kelas", jumlah_desil: int = 10,
             tingkat_kepercayaan: float = 0.95) -> pd.DataFrame:
    """Stratified gap in mean peringkat between groups of equal true performance.

    Columns: ``aturan, dimensi, kelompok, label_kelompok, pembanding, label_pembanding,
    selisih, ci_bawah, ci_atas, galat_baku, signifikan`` (the interval excludes 0),
    ``selisih_mentah`` (plain difference of means, unstratified, for contrast),
    ``n_kelompok, n_pembanding, jumlah_strata`` (over the strata used).
    """
    wajib_kebenaran(panel, "keadilan")
    z_kritis(tingkat_kepercayaan)  # validates
    dims = periksa_dimensi(dimensi, DIMENSI_KEADILAN)
    rules = aturan_panel(panel)
    nr = len(rules)
    s = strata_kebenaran(panel, strata, jumlah_desil)
    ns = int(s.max()) + 1 if len(s) else 1
    y = panel["peringkat"].to_numpy().astype("float64")
    rc = panel["aturan"].cat.codes.to_numpy().astype("int64")
    frames = []
    for dim in dims:
        g, values = kode_kelompok(panel, dim)
        nv = len(values)
        if dim in PASANGAN:
            kel, pemb = PASANGAN[dim]
            focus = [values.index(kel)] if kel in values else []
        else:
            pemb = LAINNYA
            focus = list(range(nv))
        if not focus:
            continue
        # sums per (rule, group, stratum) and per (rule, stratum)
        key = (rc * nv + g) * ns + s
        size = nr * nv * ns
        n = np.bincount(key, minlength=size).reshape(nr, nv, ns).astype("float64")
        s1 = np.bincount(key, weights=y, minlength=size).reshape(nr, nv, ns)
        s2 = np.bincount(key, weights=y * y, minlength=size).reshape(nr, nv, ns)
        if dim in PASANGAN and pemb in values:
            other = values.index(pemb)
            c_n, c_s1, c_s2 = (a[:, [other], :] for a in (n, s1, s2))
        else:  # "the rest" = total minus the group
            c_n, c_s1, c_s2 = (a.sum(axis=1, keepdims=True) - a for a in (n, s1, s2))
            c_n, c_s1, c_s2 = c_n[:, focus, :], c_s1[:, focus, :], c_s2[:, focus, :]
        if dim in PASANGAN:
            c_n, c_s1, c_s2 = (np.broadcast_to(a, (nr, len(focus), ns)) for a in (c_n, c_s1, c_s2))
        g_n, g_s1, g_s2 = n[:, focus, :], s1[:, focus, :], s2[:, focus, :]
        m = nr * len(focus)
        grup = np.repeat(np.arange(m), ns)
        res = selisih_terstratifikasi(
            g_n.ravel(), g_s1.ravel(), g_s2.ravel(), c_n.ravel(), c_s1.ravel(), c_s2.ravel(),
            grup, tingkat_kepercayaan)
        gn, cn = g_n.sum(axis=2).ravel(), c_n.sum(axis=2).ravel()
        raw = (np.divide(g_s1.sum(axis=2).ravel(), gn, out=np.full(m, np.nan), where=gn > 0)
               - np.divide(c_s1.sum(axis=2).ravel(), cn, out=np.full(m, np.nan), where=cn > 0))
        res.insert(0, "aturan", np.repeat(rules, len(focus)))
        res.insert(1, "dimensi", dim)
        res.insert(2, "kelompok", np.tile([values[i] for i in focus], nr))
        res.insert(3, "pembanding", pemb)
        res["selisih_mentah"] = raw
        frames.append(res)
    if not frames:
        return pd.DataFrame(columns=KOLOM)
    out = pd.concat(frames, ignore_index=True)
    out["signifikan"] = (out["ci_bawah"] > 0) | (out["ci_atas"] < 0)
    opd: dict[str, str] = {}
    if "opd" in dims:
        pairs = panel[["opd_id", "nama_opd"]].drop_duplicates()
        opd = dict(zip(pairs["opd_id"].astype(str), pairs["nama_opd"].astype(str), strict=True))
    labels = {(d, k): label_kelompok(d, k, opd.get(k))
              for d, k in out[["dimensi", "kelompok"]].drop_duplicates().itertuples(index=False)}
    out["label_kelompok"] = [labels[(d, k)] for d, k in zip(out["dimensi"], out["kelompok"],
                                                            strict=True)]
    pl = {(d, p): label_kelompok("keadilan", p) if p == LAINNYA else label_kelompok(d, p)
          for d, p in out[["dimensi", "pembanding"]].drop_duplicates().itertuples(index=False)}
    out["label_pembanding"] = [pl[(d, p)] for d, p in zip(out["dimensi"], out["pembanding"],
                                                          strict=True)]
    return out[KOLOM]


# --------------------------------------------------------------------------- declaration

def _bermakna(konteks: Konteks, tabel: pd.DataFrame) -> np.ndarray:
    sig = tabel.groupby("aturan")["signifikan"].sum()
    return sig.reindex(konteks.aturan, fill_value=0).to_numpy(dtype="float64")


def _selisih_abs(dimensi: str):
    """Mean absolute gap (classes) over the groups of ``dimensi``."""
    def ambil(konteks: Konteks, tabel: pd.DataFrame) -> np.ndarray:
        sub = tabel[tabel["dimensi"].astype(str) == dimensi]
        return (sub["selisih"].abs().groupby(sub["aturan"].astype(str)).mean()
                .reindex(konteks.aturan).to_numpy(dtype="float64"))
    return ambil


URUTAN = 70
KELUARAN = (
    Tabel("keadilan", tuple(KOLOM),
          lambda k: keadilan(k.panel, strata=k.opsi_atau("keadilan_strata", "kelas"),
                             tingkat_kepercayaan=k.opsi_atau("tingkat_kepercayaan", 0.95)),
          syarat=(BUTUH_KEBENARAN,),
          ukuran=(Ukuran("selisih_perempuan", lambda k, tb: per_aturan(
                      k, tb, "selisih", "dimensi == 'jenis_kelamin' and kelompok == 'P'"),
                      ringkasan=40),
                  Ukuran("jumlah_selisih_bermakna", _bermakna, ringkasan=41),
                  *(Ukuran(f"selisih_abs_{d}", _selisih_abs(d)) for d in DIMENSI_KEADILAN)),
          sweep="keadilan", bagian="keadilan"),
)
