"""Compliance of each rule's predikat with the SE MenPANRB 3/2023 distribution curve, per OPD.

The check itself is the rule engine's :func:`simkit.rules.kurva_distribusi.periksa` (not
reimplemented here): each OPD's reported capaian kinerja organisasi (table
``kinerja_organisasi``, row of the OPD's own unit) selects the limits ``kurva_batas`` of
PermenPANRB 6/2022's parameter file, and every rule's ``peringkat`` is checked against them.
All rules are measured against the same national curve (pass ``kurva_batas`` to use another).
An OPD without a reported capaian has status ``tanpa_capaian``.

>>> kepatuhan_kurva(panel, pop)[["aturan", "nama_opd", "status"]]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import KOLOM_OPD, aturan_panel
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.kosakata import PERINGKAT_PREDIKAT
from simkit.population.model import Population

ATURAN_KURVA = "permenpanrb_6_2022"
"""The rule whose parameter file holds the SE 3/2023 limits (``kurva_batas``)."""

STATUS = ("ok", "dilanggar", "tanpa_capaian")


def kurva_batas_nasional(tanggal: Any = None) -> Mapping[str, Any]:
    """The SE 3/2023 limits in force (``kurva_batas`` of ``permenpanrb_6_2022``)."""
    from simkit.rules.params import load_params

    return load_params(ATURAN_KURVA, tanggal)["kurva_batas"]


def capaian_opd(population: Population, opd_id: np.ndarray) -> np.ndarray:
    """Reported capaian kinerja organisasi of each employee's OPD (None where not reported)."""
    org = population.kinerja_organisasi
    cap = pd.Series(org["capaian_kinerja_organisasi"].astype(object).to_numpy(),
                    index=org["unit_id"].to_numpy())
    out = pd.Series(opd_id).map(cap).to_numpy(dtype=object)
    return np.where(pd.isna(out), None, out)


def _periksa_semua(panel: pd.DataFrame, population: Population,
                   kurva_batas: Mapping[str, Any] | None):
    from simkit.rules import kurva_distribusi

    batas = kurva_batas if kurva_batas is not None else kurva_batas_nasional()
    names = panel[["opd_id", "nama_opd"]].drop_duplicates("opd_id").set_index("opd_id")["nama_opd"]
    for r in aturan_panel(panel):
        sub = panel[panel["aturan"] == r]
        opd = sub["opd_id"].to_numpy()
        ringkas, rinci = kurva_distribusi.periksa(
            opd, capaian_opd(population, opd), sub["peringkat"].to_numpy(), batas)
        for df in (ringkas, rinci):
            df.insert(0, "aturan", r)
            df.insert(2, "nama_opd", df["opd_id"].map(names).astype(str))
        yield ringkas, rinci


def periksa_kurva(panel: pd.DataFrame, population: Population,
                  kurva_batas: Mapping[str, Any] | None = None,
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(:func:`kepatuhan_kurva`, :func:`kepatuhan_kurva_batasan`) computed in one pass."""
    parts = list(_periksa_semua(panel, population, kurva_batas))
    return (pd.concat([a for a, _ in parts], ignore_index=True),
            pd.concat([b for _, b in parts], ignore_index=True))


def kepatuhan_kurva(panel: pd.DataFrame, population: Population,
                    kurva_batas: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Per rule and OPD: ``aturan, opd_id, nama_opd, capaian_kinerja_organisasi,
    jumlah_pegawai, porsi_sangat_baik .. porsi_sangat_kurang, jumlah_dilanggar, status``
    (``ok`` / ``dilanggar`` / ``tanpa_capaian``)."""
    return periksa_kurva(panel, population, kurva_batas)[0]


def ringkas_kepatuhan(per_opd: pd.DataFrame) -> pd.DataFrame:
    """Per rule: ``aturan, jumlah_opd, opd_patuh, opd_dilanggar, opd_tanpa_capaian,
    proporsi_opd_patuh`` (among OPDs with a capaian)."""
    counts = (pd.crosstab(pd.Categorical(per_opd["aturan"], categories=list(dict.fromkeys(
        per_opd["aturan"]))), pd.Categorical(per_opd["status"], categories=list(STATUS)),
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
    return out


# --------------------------------------------------------------------------- declaration

def _periksa(k: Konteks) -> tuple[pd.DataFrame, pd.DataFrame]:
    return k.sekali("kepatuhan_kurva", lambda: periksa_kurva(k.panel, k.populasi,
                                                             k.opsi.get("kurva_batas")))


_PORSI = tuple(f"porsi_{p}" for p in PERINGKAT_PREDIKAT)
_DEPAN = ("aturan", *KOLOM_OPD, "capaian_kinerja_organisasi", "jumlah_pegawai")
URUTAN = 90
KELUARAN = (
    Tabel("kepatuhan_kurva", (*_DEPAN, *_PORSI, "jumlah_dilanggar", "status"),
          lambda k: _periksa(k)[0]),
    Tabel("kepatuhan_kurva_batasan", (*_DEPAN, "kelas", "jenis", "persen", "orang",
                                      "batas_orang", "aktual_orang", "aktual_persen", "status"),
          lambda k: _periksa(k)[1]),
    Tabel("kepatuhan_kurva_ringkas", ("aturan", "jumlah_opd", "opd_patuh", "opd_dilanggar",
                                      "opd_tanpa_capaian", "proporsi_opd_patuh"),
          lambda k: ringkas_kepatuhan(k.tabel("kepatuhan_kurva")),
          ukuran=(Ukuran("proporsi_opd_patuh",
                         lambda k, tb: per_aturan(k, tb, "proporsi_opd_patuh"), ringkasan=50),),
          sweep="kepatuhan_kurva", bagian="kurva"),
)
