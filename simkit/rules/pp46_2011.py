"""PP 46/2011 with Perka BKN 1/2013: nilai prestasi kerja = 60 % SKP + 40 % perilaku kerja.

Per kegiatan (task), vectorised:

* kuantitas = RO/TO × 100; kualitas = RK/TK × 100;
* waktu: efisiensi = 100 − RW/TW × 100; if efisiensi ≤ ``batas_efisiensi`` (24):
  ((k·TW − RW)/TW) × 100, else ``nilai_dasar_efisiensi_tinggi`` − ((((k·TW − RW)/TW) × 100) −
  100) with k = ``konstanta_efisiensi`` (1.76) — the curve jumps at 24 % (TW = 12: RW 12 → 76,
  10 → 92.67, 9 → 75, 6 → 50);
* biaya: the same with TB/RB, only when a biaya target is given;
* a realisasi of 0 makes that aspect 0 (the formulas are multiplied by 0);
* perhitungan = sum of the aspects; nilai_capaian = perhitungan / 3 (no biaya) or / 4.

Per employee: nilai_skp = mean of nilai_capaian; nilai_perilaku = mean of the five aspects
(six with ``kepemimpinan`` for pejabat struktural); nilai_prestasi_kerja = bobot_skp·SKP +
bobot_perilaku·perilaku; ``sebutan`` (and ``sebutan_skp``, ``sebutan_perilaku``) by
``batas_sebutan`` (a value strictly above a bound gets that class).

On a population every IKI row is one kegiatan: target/realisasi are the kuantitas, the PP 46
columns give kualitas, waktu and biaya. For arah ``turun`` see ``kuantitas_arah_turun``.

>>> from simkit.rules import get_rule
>>> k = {"target_kuantitas": 10, "realisasi_kuantitas": 10, "realisasi_kualitas": 100,
...      "target_waktu": 12, "realisasi_waktu": 10}
>>> round(get_rule("pp46_2011").evaluate_case({"kegiatan": [k], "orientasi_pelayanan": 80,
...     "integritas": 80, "komitmen": 80, "disiplin": 80, "kerja_sama": 80})["kegiatan"][0]
...     ["nilai_waktu"], 2)
92.67
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.i18n import label
from simkit.population.schema import STRUKTURAL, TABLES
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.iki import PRESISI, siapkan_iki
from simkit.rules.larik import ada_di, bingkai, kategori_dari_kode, letak_id, pilih_kode, sejajar
from simkit.rules.params import ParameterSet, cek_menurun
from simkit.rules.pemeriksa_populasi import Pemeriksa

SEBUTAN = ("sangat_baik", "baik", "cukup", "kurang", "buruk")
ASPEK = ("orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama")
"""The five PP 46/2011 perilaku aspects for everyone (kepemimpinan: struktural only)."""
_ASPEK_MAKS = TABLES["perilaku_aspek"].column("integritas").max
"""Aspects are scored 0-100 (schema of ``perilaku_aspek``)."""
_KOLOM_PP46 = ("target_kualitas", "realisasi_kualitas", "target_waktu", "realisasi_waktu")


def _angka(nama: str, id_: str, en: str, positif: bool = False, wajib: bool = True,
           maks: float | None = None) -> Masukan:
    return Masukan(nama, "angka", dwibahasa(id_, en), min=0, max=maks, min_eksklusif=positif,
                   wajib=wajib)


def aspek_efisiensi(target: np.ndarray, realisasi: np.ndarray, params: ParameterSet
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(efisiensi %, nilai) of the waktu or biaya aspect (Perka BKN 1/2013)."""
    tw = np.asarray(target, dtype=float)
    rw = np.asarray(realisasi, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.round(100.0 - rw / tw * 100.0, PRESISI)
        v = (params["konstanta_efisiensi"] * tw - rw) / tw * 100.0
    nilai = np.where(eff <= params["batas_efisiensi"], v,
                     params["nilai_dasar_efisiensi_tinggi"] - (v - 100.0))
    nilai = np.where(rw == 0, 0.0, nilai)  # kegiatan/aspect not done: multiplied by 0
    return eff, np.round(nilai, PRESISI)


def sebutan(x: np.ndarray, params: ParameterSet) -> pd.Categorical:
    """Sebutan of values ``x`` (a Categorical over SEBUTAN): a value above a bound gets that
    class."""
    b = params["batas_sebutan"]
    x = np.asarray(x, dtype=float)
    return kategori_dari_kode(pilih_kode([x > b["sangat_baik"], x > b["baik"], x > b["cukup"],
                                 x > b["kurang"], ~np.isnan(x)]), SEBUTAN)


class Pp46(Rule):
    """Penilaian prestasi kerja PNS of PP 46/2011 (see the module docstring)."""

    id = "pp46_2011"
    tingkat = "pegawai"
    tabel = ("pegawai", "iki", "perilaku_aspek")
    inputs = (
        Masukan("kegiatan", "daftar", dwibahasa("kegiatan tugas jabatan", "tasks"), sumber="iki",
                wajib=True, isi=Masukan("kegiatan", "mapping", kunci=(
                    _angka("target_kuantitas", "target kuantitas (> 0)", "quantity target (> 0)",
                           positif=True),
                    _angka("realisasi_kuantitas", "realisasi kuantitas", "quantity realised"),
                    _angka("target_kualitas", "target kualitas (bawaan 100)",
                           "quality target (default 100)", positif=True, wajib=False),
                    _angka("realisasi_kualitas", "realisasi kualitas", "quality realised"),
                    _angka("target_waktu", "target waktu (bulan, > 0)", "time target (months)",
                           positif=True),
                    _angka("realisasi_waktu", "realisasi waktu (bulan)", "time used (months)"),
                    _angka("target_biaya", "target biaya (Rp, > 0)", "cost target (Rp)",
                           positif=True, wajib=False),
                    _angka("realisasi_biaya", "realisasi biaya (Rp)", "cost used (Rp)",
                           wajib=False),
                ))),
        *(_angka(a, f"aspek {a} (0-100)", f"aspect {a} (0-100)", maks=_ASPEK_MAKS)
          for a in ASPEK),
        _angka("kepemimpinan", "aspek kepemimpinan (0-100; hanya pejabat struktural)",
               "leadership aspect (0-100; pejabat struktural only)", wajib=False,
               maks=_ASPEK_MAKS),
    )
    outputs = (
        Keluaran("kegiatan", dwibahasa("per kegiatan: nilai_kuantitas, nilai_kualitas, nilai_waktu, "
                                "nilai_biaya, perhitungan, nilai_capaian",
                                "per task: the aspect scores, perhitungan, nilai_capaian")),
        Keluaran("nilai_skp", dwibahasa("nilai SKP", "SKP score")),
        Keluaran("nilai_perilaku", dwibahasa("nilai perilaku kerja", "behaviour score")),
        Keluaran("nilai_prestasi_kerja", dwibahasa("nilai prestasi kerja", "work achievement score")),
        Keluaran("sebutan", dwibahasa("sebutan nilai prestasi kerja", "category"), pilihan=SEBUTAN),
        Keluaran("sebutan_skp", dwibahasa("sebutan nilai SKP", "SKP category"), pilihan=SEBUTAN),
        Keluaran("sebutan_perilaku", dwibahasa("sebutan nilai perilaku", "behaviour category"),
                 pilihan=SEBUTAN),
    )

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        peg = getattr(population, "pegawai", None)
        if pm.kolom(peg, "pegawai", ("asn_id", "jenis_jabatan")):
            pm.tidak_kosong(peg, "pegawai", ("asn_id", "jenis_jabatan"), "asn_id")
        ids = peg["asn_id"].to_numpy() if peg is not None and "asn_id" in peg else None
        iki = siapkan_iki(population, pm, ids, extra=_KOLOM_PP46)
        if iki is not None and not pm.masalah:
            for c in ("target_kualitas", "target_waktu"):
                pm.positif(iki, "iki", c, "asn_id")
            pm.rentang(iki, "iki", "realisasi_kualitas", 0, None, "asn_id")
            pm.rentang(iki, "iki", "realisasi_waktu", 0, None, "asn_id")
            pm.kolom(population.iki, "iki", ("target_biaya", "realisasi_biaya"))
        pa = getattr(population, "perilaku_aspek", None)
        aspek = list(params["aspek_perilaku"])
        if pm.kolom(pa, "perilaku_aspek", ("asn_id", *aspek, "kepemimpinan")):
            pm.tidak_kosong(pa, "perilaku_aspek", ["asn_id", *aspek], "asn_id")
            pm.unik(pa, "perilaku_aspek", "asn_id")
            for a in (*aspek, "kepemimpinan"):
                pm.rentang(pa, "perilaku_aspek", a, 0, _ASPEK_MAKS, "asn_id")
        pm.selesai()
        src = iki
        tb = src["target_biaya"].to_numpy(dtype=float)
        rb = src["realisasi_biaya"].to_numpy(dtype=float)
        half = np.isnan(tb) != np.isnan(rb)
        pm.tandai(src, half, "iki", "realisasi_biaya", "asn_id", "aturan_nilai_kosong")
        pm.tandai(src, ~np.isnan(tb) & ~(tb > 0), "iki", "target_biaya", "asn_id",
                  "aturan_tidak_positif", diharapkan="> 0")
        kegiatan = bingkai({
            "kegiatan_id": iki["iki_id"].to_numpy(), "asn_id": iki["asn_id"].to_numpy(),
            "turun": (iki["arah"] == "turun").to_numpy(dtype=bool),
            "target_kuantitas": iki["target"].to_numpy(dtype=float),
            "realisasi_kuantitas": iki["realisasi"].to_numpy(dtype=float),
            **{c: iki[c].to_numpy(dtype=float) for c in _KOLOM_PP46},
            "target_biaya": tb, "realisasi_biaya": rb,
        })
        struktural = peg["jenis_jabatan"].isin(STRUKTURAL).to_numpy(dtype=bool)
        pegawai = bingkai({"asn_id": ids})
        if not pm.masalah:
            nilai = sejajar(pa, "asn_id", ids, [*aspek, "kepemimpinan"])
            lead = nilai[:, -1]
            pegawai = bingkai({"asn_id": ids, **{a: nilai[:, i] for i, a in enumerate(aspek)},
                               "kepemimpinan": np.where(struktural, lead, np.nan)})
            pm.tandai(pegawai, np.isnan(nilai[:, :-1]).any(axis=1), "perilaku_aspek",
                      "asn_id", "asn_id", "aturan_tanpa_perilaku")
            pm.tandai(pegawai, struktural & np.isnan(lead), "perilaku_aspek", "kepemimpinan",
                      "asn_id", "aturan_nilai_kosong")
            pm.tandai(pegawai, ~ada_di(ids, kegiatan["asn_id"].to_numpy()), "iki", "asn_id",
                      "asn_id", "aturan_tanpa_iki")
        pm.selesai()
        return {"pegawai": pegawai, "kegiatan": kegiatan}

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-check: the sebutan bounds never increase. (The SKP/perilaku weights are NOT
        required to add up to 1: a sweep may vary one weight alone.)"""
        b = params["batas_sebutan"]
        urut = {f"batas_sebutan.{k}": b[k] for k in ("sangat_baik", "baik", "cukup", "kurang")
                if k in b}
        return cek_menurun(urut, urut)

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        probs = periksa_masukan(self.inputs, inputs)
        for i, k in enumerate(inputs.get("kegiatan") or []):
            if isinstance(k, Mapping) and ("target_biaya" in k) != ("realisasi_biaya" in k):
                miss = "realisasi_biaya" if "target_biaya" in k else "target_biaya"
                probs.append(Masalah("bidang_wajib", bidang=f"kegiatan[{i}].{miss}",
                                     isi={"jalur": ("kegiatan", i, miss)}))
        return probs

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        keg = [dict(k) for k in inputs["kegiatan"]]
        n = len(keg)
        nan = np.nan

        def col(name: str, default: float = nan) -> np.ndarray:
            return np.array([float(k.get(name, default)) for k in keg], dtype=float)

        kegiatan = bingkai({
            "kegiatan_id": np.arange(1, n + 1), "asn_id": np.ones(n, dtype=np.int64),
            "turun": np.zeros(n, dtype=bool),
            "target_kuantitas": col("target_kuantitas"),
            "realisasi_kuantitas": col("realisasi_kuantitas"),
            "target_kualitas": col("target_kualitas", params["target_kualitas_bawaan"]),
            "realisasi_kualitas": col("realisasi_kualitas"),
            "target_waktu": col("target_waktu"), "realisasi_waktu": col("realisasi_waktu"),
            "target_biaya": col("target_biaya"), "realisasi_biaya": col("realisasi_biaya"),
        })
        pegawai = bingkai({"asn_id": [1], **{a: [float(inputs[a])]
                                                  for a in params["aspek_perilaku"]},
                                "kepemimpinan": [float(inputs.get("kepemimpinan", nan))]})
        return {"pegawai": pegawai, "kegiatan": kegiatan}

    # ------------------------------------------------------------------ the rule
    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        k, peg = tabel["kegiatan"], tabel["pegawai"]
        ids = peg["asn_id"].to_numpy()
        tk, rk = k["target_kuantitas"].to_numpy(), k["realisasi_kuantitas"].to_numpy()
        ratio = rk / tk
        khusus = k["turun"].to_numpy() & (params["kuantitas_arah_turun"] == "kondisi_khusus")
        kuant = np.where(khusus, np.maximum((2.0 - ratio) * 100.0, 0.0), ratio * 100.0)
        kual = k["realisasi_kualitas"].to_numpy() / k["target_kualitas"].to_numpy() * 100.0
        eff_w, waktu = aspek_efisiensi(k["target_waktu"], k["realisasi_waktu"], params)
        tb = k["target_biaya"].to_numpy(dtype=float)
        ada_biaya = ~np.isnan(tb)
        eff_b, biaya = aspek_efisiensi(tb, k["realisasi_biaya"], params)
        biaya = np.where(ada_biaya, biaya, np.nan)
        perhitungan = kuant + kual + waktu + np.where(ada_biaya, biaya, 0.0)
        n_aspek = np.where(ada_biaya, 4, 3)
        capaian = np.round(perhitungan / n_aspek, PRESISI)
        detail = bingkai({
            "kegiatan_id": k["kegiatan_id"].to_numpy(), "asn_id": k["asn_id"].to_numpy(),
            "nilai_kuantitas": np.round(kuant, PRESISI), "nilai_kualitas": np.round(kual, PRESISI),
            "efisiensi_waktu": eff_w, "nilai_waktu": waktu,
            "efisiensi_biaya": np.where(ada_biaya, eff_b, np.nan), "nilai_biaya": biaya,
            "perhitungan": np.round(perhitungan, PRESISI), "jumlah_aspek": n_aspek.astype(np.int8),
            "nilai_capaian": capaian,
        })
        per = pd.Series(capaian).groupby(k["asn_id"].to_numpy(), sort=False).agg(["mean", "size"])
        pos = letak_id(per.index.to_numpy(), ids)
        ada, pos = pos >= 0, np.maximum(pos, 0)
        skp = np.round(np.where(ada, per["mean"].to_numpy()[pos], np.nan), PRESISI)
        jumlah = np.where(ada, per["size"].to_numpy()[pos], 0).astype(np.int16)
        aspek = list(params["aspek_perilaku"])
        vals = peg[[*aspek, "kepemimpinan"]].to_numpy(dtype=float)
        n_per = (~np.isnan(vals)).sum(axis=1)
        perilaku = np.round(np.nansum(vals, axis=1) / n_per, PRESISI)
        npk = np.round(params["bobot_skp"] * skp + params["bobot_perilaku"] * perilaku, PRESISI)
        sb = sebutan(npk, params)
        hasil = bingkai({
            "asn_id": ids, "jumlah_kegiatan": jumlah,
            "nilai_skp": skp, "sebutan_skp": sebutan(skp, params),
            **{a: peg[a].to_numpy(dtype=float) for a in [*aspek, "kepemimpinan"]},
            "jumlah_aspek_perilaku": n_per.astype(np.int8),
            "nilai_perilaku": perilaku, "sebutan_perilaku": sebutan(perilaku, params),
            "nilai_prestasi_kerja": npk, "sebutan": sb, "predikat": sb, "nilai": npk,
        })
        return Hasil(hasil, {"kegiatan": detail})

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        rows = []
        for r in hasil.catatan["kegiatan"].to_dict("records"):
            row = {c: float(r[c]) for c in ("nilai_kuantitas", "nilai_kualitas", "nilai_waktu",
                                              "efisiensi_waktu", "perhitungan", "nilai_capaian")}
            if not np.isnan(r["nilai_biaya"]):
                row["nilai_biaya"] = float(r["nilai_biaya"])
                row["efisiensi_biaya"] = float(r["efisiensi_biaya"])
            row["jumlah_aspek"] = int(r["jumlah_aspek"])
            rows.append(row)
        out["kegiatan"] = rows
        return out

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        L = langkah_parameter
        k = partial(komponen, lang=lang)
        steps: list[Langkah] = []
        d = evaluation.catatan["kegiatan"]
        for r in d.loc[d["asn_id"] == int(baris["asn_id"])].itertuples():
            i = r.kegiatan_id
            steps.append(L(p, "kuantitas_arah_turun", k("nilai_kuantitas", id=i),
                           nilai=r.nilai_kuantitas))
            steps.append(L(p, "target_kualitas_bawaan", k("nilai_kualitas", id=i),
                           nilai=r.nilai_kualitas))
            steps.append(L(p, "batas_efisiensi", k("nilai_waktu", id=i),
                           nilai=f"{k('efisiensi')} {r.efisiensi_waktu:.2f}",
                           ambang=f"≤ {p['batas_efisiensi']}", hasil=r.nilai_waktu))
            if not np.isnan(r.nilai_biaya):
                steps.append(L(p, "batas_efisiensi", k("nilai_biaya", id=i),
                               nilai=f"{k('efisiensi')} {r.efisiensi_biaya:.2f}",
                               ambang=f"≤ {p['batas_efisiensi']}", hasil=r.nilai_biaya))
            steps.append(L(p, "konstanta_efisiensi", k("nilai_capaian", id=i),
                           nilai=r.perhitungan, ambang=f"/ {r.jumlah_aspek}",
                           hasil=r.nilai_capaian))
        steps.append(L(p, "bobot_skp", k("nilai_skp"), nilai=baris["nilai_skp"],
                       ambang=f"× {p['bobot_skp']}",
                       hasil=label("predikat", baris["sebutan_skp"], lang)))
        aspek = {a: baris[a] for a in (*p["aspek_perilaku"], "kepemimpinan")
                 if pd.notna(baris[a])}
        steps.append(L(p, "aspek_perilaku", k("aspek_perilaku"), nilai=aspek))
        steps.append(L(p, "bobot_perilaku", k("nilai_perilaku"), nilai=baris["nilai_perilaku"],
                       ambang=f"× {p['bobot_perilaku']}",
                       hasil=label("predikat", baris["sebutan_perilaku"], lang)))
        steps.append(L(p, "batas_sebutan", k("nilai_prestasi_kerja"),
                       nilai=baris["nilai_prestasi_kerja"],
                       hasil=label("predikat", baris["sebutan"], lang)))
        return steps

