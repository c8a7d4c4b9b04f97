"""Compliance of each rule's predikat with the SE MenPANRB 3/2023 distribution curve, per OPD,
and how many people each rule's curve (or forced ranking) moved up and down.

The check itself is the rule engine's :func:`simkit.rules.kurva_distribusi.periksa` (not
reimplemented here): each OPD's reported capaian kinerja organisasi (table
``kinerja_organisasi``, row of the OPD's own unit) selects the limits ``kurva_batas`` of
PermenPANRB 6/2022's parameter file, read with its ``kurva_sebagian_besar`` (the reading of
"sebagian besar (maksimal 70 %)", an interpretation), and every rule's ``peringkat`` is
checked against them. All rules are measured against the same national curve, per OPD and
with every employee counted (pass ``kurva_batas`` / ``kurva_sebagian_besar`` to use another).
An OPD without a reported capaian has status ``tanpa_capaian``.

``naik_kurva`` / ``turun_kurva``: employees whose final predikat is above / below their
kuadran predikat (``predikat_kuadran`` of a rule's result; 0 for a rule without one), i.e.
moved by ``kurva_distribusi: paksakan`` or by the forced ranking of ``kurva_paksa``.
``kelompok_kecil``: forced-ranking groups of a ``kurva_paksa`` rule too small for one
Sangat Baik at the target share (:func:`simkit.rules.reformasi.kurva_paksa.kelompok_kecil`).

>>> kepatuhan_kurva(panel, pop)[["aturan", "nama_opd", "status"]]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import KOLOM_OPD, aturan_panel
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.kosakata import PERINGKAT_PREDIKAT
from simkit.population.model import Population

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation

ATURAN_KURVA = "permenpanrb_6_2022"
"""The rule whose parameter file holds the SE 3/2023 limits (``kurva_batas``)."""

STATUS = ("ok", "dilanggar", "tanpa_capaian")
KOLOM_PINDAH = ("naik_kurva", "turun_kurva")
"""Employees moved up / down from their kuadran predikat, per rule and OPD."""


def kurva_nasional(tanggal: Any = None) -> tuple[Mapping[str, Any], str]:
    """The SE 3/2023 limits in force and their reading of "sebagian besar"
    (``kurva_batas``, ``kurva_sebagian_besar`` of ``permenpanrb_6_2022``)."""
    from simkit.rules.params import load_params

    p = load_params(ATURAN_KURVA, tanggal)
    return p["kurva_batas"], p["kurva_sebagian_besar"]


def capaian_opd(population: Population, opd_id: np.ndarray) -> np.ndarray:
    """Reported capaian kinerja organisasi of each employee's OPD (None where not reported)."""
    org = population.kinerja_organisasi
    cap = pd.Series(org["capaian_kinerja_organisasi"].astype(object).to_numpy(),
                    index=org["unit_id"].to_numpy())
    out = pd.Series(opd_id).map(cap).to_numpy(dtype=object)
    return np.where(pd.isna(out), None, out)


def pindah_per_opd(ev: Evaluation | None, opd_id: np.ndarray) -> pd.DataFrame:
    """Per OPD of ``opd_id``: ``naik_kurva``, ``turun_kurva`` of one rule's result (index
    ``opd_id``; zeros for a rule without ``predikat_kuadran``)."""
    opd_id = np.asarray(opd_id)
    nol = pd.DataFrame(0, index=pd.Index(opd_id, name="opd_id"), columns=list(KOLOM_PINDAH))
    h = getattr(ev, "hasil", None)
    if h is None or not {"predikat_kuadran", "peringkat", "opd_id"} <= set(h.columns):
        return nol
    asal = h["predikat_kuadran"].astype(object).map(PERINGKAT_PREDIKAT).to_numpy(dtype=float)
    d = h["peringkat"].to_numpy(dtype=float) - asal
    codes = pd.Index(opd_id).get_indexer(h["opd_id"].to_numpy())
    ok = codes >= 0
    n = len(opd_id)
    return pd.DataFrame({
        "naik_kurva": np.bincount(codes[ok], weights=(d[ok] > 0), minlength=n).astype(np.int64),
        "turun_kurva": np.bincount(codes[ok], weights=(d[ok] < 0), minlength=n).astype(np.int64),
    }, index=nol.index)


def jumlah_kelompok_kecil(ev: Evaluation | None) -> int:
    """Forced-ranking groups of a ``kurva_paksa`` result smaller than 1 / its Sangat Baik share
    (0 for any other rule)."""
    from simkit.rules.reformasi.kurva_paksa import kelompok_kecil

    h = getattr(ev, "hasil", None)
    params = getattr(ev, "params", None)
    if h is None or params is None or not {"kelompok_kurva", "ukuran_kelompok"} <= set(h.columns) \
            or "proporsi" not in params:
        return 0
    g = h.drop_duplicates("kelompok_kurva")["ukuran_kelompok"].to_numpy()
    return int(kelompok_kecil(g, float(params["proporsi"].get("sangat_baik", 0))).sum())


def _periksa_semua(panel: pd.DataFrame, population: Population,
                   kurva_batas: Mapping[str, Any] | None, sebagian_besar: str | None,
                   evaluasi: Mapping[str, Evaluation]) -> Iterator[tuple[pd.DataFrame,
                                                                          pd.DataFrame]]:
    from simkit.rules import kurva_distribusi

    batas_n, bacaan_n = kurva_nasional()
    batas = kurva_batas if kurva_batas is not None else batas_n
    bacaan = sebagian_besar or bacaan_n
    names = panel[["opd_id", "nama_opd"]].drop_duplicates("opd_id").set_index("opd_id")["nama_opd"]
    for r in aturan_panel(panel):
        sub = panel[panel["aturan"] == r]
        opd = sub["opd_id"].to_numpy()
        ringkas, rinci = kurva_distribusi.periksa(
            opd, capaian_opd(population, opd), sub["peringkat"].to_numpy(), batas, bacaan)
        for df in (ringkas, rinci):
            df.insert(0, "aturan", r)
            df.insert(2, "nama_opd", df["opd_id"].map(names).astype(str))
        pindah = pindah_per_opd(evaluasi.get(r), ringkas["opd_id"].to_numpy())
        for c in KOLOM_PINDAH:
            ringkas.insert(len(ringkas.columns) - 2, c, pindah[c].to_numpy())
        yield ringkas, rinci


def periksa_kurva(panel: pd.DataFrame, population: Population,
                  kurva_batas: Mapping[str, Any] | None = None,
                  evaluasi: Mapping[str, Evaluation] | None = None,
                  sebagian_besar: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`kepatuhan_kurva`, :func:`kepatuhan_kurva_batasan`) computed in one pass."""
    parts = list(_periksa_semua(panel, population, kurva_batas, sebagian_besar, evaluasi or {}))
    return (pd.concat([a for a, _ in parts], ignore_index=True),
            pd.concat([b for _, b in parts], ignore_index=True))


def kepatuhan_kurva(panel: pd.DataFrame, population: Population,
                    kurva_batas: Mapping[str, Any] | None = None,
                    evaluasi: Mapping[str, Evaluation] | None = None) -> pd.DataFrame:
    """Per rule and OPD: ``aturan, opd_id, nama_opd, capaian_kinerja_organisasi,
    jumlah_pegawai, porsi_sangat_baik .. porsi_sangat_kurang, naik_kurva, turun_kurva,
    jumlah_dilanggar, status`` (``ok`` / ``dilanggar`` / ``tanpa_capaian``)."""
    return periksa_kurva(panel, population, kurva_batas, evaluasi)[0]


def ringkas_kepatuhan(per_opd: pd.DataFrame,
                      evaluasi: Mapping[str, Evaluation] | None = None,
                      sebagian_besar: str | None = None) -> pd.DataFrame:
    """Per rule: ``aturan, jumlah_opd, opd_patuh, opd_dilanggar, opd_tanpa_capaian,
    proporsi_opd_patuh`` (among OPDs with a capaian), ``naik_kurva``, ``turun_kurva``,
    ``kelompok_kecil`` and ``kurva_sebagian_besar`` (the reading the check used)."""
    urut = list(dict.fromkeys(per_opd["aturan"]))
    aturan = pd.Categorical(per_opd["aturan"], categories=urut)
    counts = (pd.crosstab(aturan, pd.Categorical(per_opd["status"], categories=list(STATUS)),
                          dropna=False)
              .reindex(columns=list(STATUS), fill_value=0))
    out = pd.DataFrame({
        "aturan": counts.index.astype(str),
        "jumlah_opd": counts.sum(axis=1).to_numpy(),
        "opd_patuh": counts["ok"].to_numpy(),
        "opd_dilanggar": counts["dilanggar"].to_numpy(),
        "opd_tanpa_capaian": counts["tanpa_capaian"].to_numpy(),
    })
    dinilai = out["opd_patuh"] + out["opd_dilanggar"]
    out["proporsi_opd_patuh"] = np.where(dinilai > 0, out["opd_patuh"] / dinilai.where(
        dinilai > 0, 1), np.nan)
    for c in KOLOM_PINDAH:
        out[c] = (per_opd[c].groupby(aturan, observed=False).sum().reindex(urut).to_numpy()
                  if c in per_opd else 0)
    out["kelompok_kecil"] = [jumlah_kelompok_kecil((evaluasi or {}).get(r)) for r in urut]
    out["kurva_sebagian_besar"] = sebagian_besar or kurva_nasional()[1]
    return out


# --------------------------------------------------------------------------- declaration

def _periksa(k: Konteks) -> tuple[pd.DataFrame, pd.DataFrame]:
    return k.sekali("kepatuhan_kurva", lambda: periksa_kurva(
        k.panel, k.populasi, k.opsi.get("kurva_batas"), k.evaluasi,
        k.opsi.get("kurva_sebagian_besar")))


_PORSI = tuple(f"porsi_{p}" for p in PERINGKAT_PREDIKAT)
_DEPAN = ("aturan", *KOLOM_OPD, "capaian_kinerja_organisasi", "jumlah_pegawai")
URUTAN = 90
KELUARAN = (
    Tabel("kepatuhan_kurva", (*_DEPAN, *_PORSI, *KOLOM_PINDAH, "jumlah_dilanggar", "status"),
          lambda k: _periksa(k)[0]),
    Tabel("kepatuhan_kurva_batasan", (*_DEPAN, "kelas", "jenis", "persen", "orang",
                                      "batas_orang", "aktual_orang", "aktual_persen", "status"),
          lambda k: _periksa(k)[1]),
    Tabel("kepatuhan_kurva_ringkas", ("aturan", "jumlah_opd", "opd_patuh", "opd_dilanggar",
                                      "opd_tanpa_capaian", "proporsi_opd_patuh",
                                      *KOLOM_PINDAH, "kelompok_kecil",
                                      "kurva_sebagian_besar"),
          lambda k: ringkas_kepatuhan(k.tabel("kepatuhan_kurva"), k.evaluasi,
                                      k.opsi.get("kurva_sebagian_besar")),
          ukuran=(Ukuran("proporsi_opd_patuh",
                         lambda k, tb: per_aturan(k, tb, "proporsi_opd_patuh"), ringkasan=50),),
          sweep="kepatuhan_kurva", bagian="kurva"),
)
