"""PP 30/2019: numeric nilai kinerja = SKP and perilaku, with PermenPANRB 8/2021 SKP scoring.

Per employee (vectorised):

1. Per IKI: the target T is ``target``, or for a range target (``target_bawah`` ..
   ``target_atas``) one bound, as PermenPANRB 8/2021 Lampiran says: "the upper bound if
   realisasi > target, the lower bound otherwise". simkit reads "target" as the bound named by
   ``pembanding_target_rentang`` (default ``target_atas``: realisasi above the whole range →
   ``target_atas``; inside or below it → ``target_bawah``), for both arah
   (:func:`~simkit.rules.iki.target_efektif`). As written, the capaian drops where realisasi
   crosses that bound (bawah 80, atas 100: realisasi 100 → 125 %, 101 → 101 %).
2. ``capaian_iki`` (naik R/T×100; turun (1 + (1 − R/T))×100; at least
   ``batas_bawah_capaian_iki``), rounded to a whole percent by ``pembulatan_capaian`` (the
   table is written for whole percents: no gap, never a stale value), then
   ``nilai_capaian_iki`` from the bands of ``tabel_nilai_iki`` (linear inside a band; 100 % →
   109; above the last band → ``nilai_iki_di_atas_tabel`` = 120). A maximal target
   (``target_maksimal``: 100 % is the most attainable) reaching
   ``ambang_capaian_target_maksimal`` (100 %, after rounding) scores
   ``nilai_target_maksimal`` = 120 instead (never less than the table).
3. ``nilai_skp`` = Σ bobot·nilai_capaian_iki / Σ bobot (weights of the IKI; equal in cases
   unless ``bobot`` is given). Tugas tambahan is not modelled.
4. ``nilai_perilaku``: a case gives it; on a population it is the mean of the PP 30 aspects
   in ``aspek_perilaku`` (table ``perilaku_aspek``) plus ``kepemimpinan`` for pejabat
   struktural (ASSUMPTION, documented in the parameter).
5. ``nilai_kinerja`` = bobot_skp·SKP + bobot_perilaku·perilaku (70/30), or the ``_360``
   weights (60/40) when ``pakai_360`` (Pasal 41).
6. ``predikat``: ≥ ``batas_sangat_baik`` and ``ada_inovasi`` → sangat_baik; ≥ ``batas_baik`` →
   baik; ≥ ``batas_cukup`` → cukup; ≥ ``batas_kurang`` → kurang; else sangat_kurang
   (Pasal 41(5)). Inputs are bounded to 120, so x ≤ 120 always holds.

On a population the range and maximal targets come from the optional ``iki`` columns
``target_bawah``, ``target_atas`` and ``target_maksimal`` (:data:`~simkit.rules.iki.
KOLOM_RENTANG`): the population schema does not have them, so they reach the rule from an
in-memory population whose ``iki`` table carries them; without them every IKI is a single,
non-maximal target.

>>> from simkit.rules import get_rule
>>> get_rule("pp30_2019").evaluate_case({"iki": [{"target": 100, "realisasi": 98}],
...                                       "nilai_perilaku": 88})["nilai_skp"]
88.0
>>> get_rule("pp30_2019").evaluate_case({"iki": [{"target": 100, "realisasi": 100,
...     "target_maksimal": True}], "nilai_perilaku": 88})["nilai_skp"]
120.0
>>> get_rule("pp30_2019").evaluate_case({"iki": [{"target_bawah": 80, "target_atas": 100,
...     "realisasi": 90}], "nilai_perilaku": 88})["iki"][0]["target_dipakai"]
80.0
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import label
from simkit.population.schema import STRUKTURAL, TABLES
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.iki import (
    KOLOM_MAKSIMAL,
    KOLOM_RENTANG,
    PRESISI,
    capaian_iki,
    rata_per_id,
    siapkan_iki,
    target_efektif,
)
from simkit.rules.larik import bingkai, kategori_dari_kode, pilih_kode, sejajar
from simkit.rules.params import ParameterSet, cek_menurun, load_params
from simkit.rules.pemeriksa_populasi import Pemeriksa

PREDIKAT = ("sangat_baik", "baik", "cukup", "kurang", "sangat_kurang")
NILAI_MAKS = load_params("pp30_2019")["nilai_maks"]
"""Upper end of nilai SKP / perilaku / kinerja (parameter ``nilai_maks``; Pasal 41(5): x ≤ 120)."""
_ASPEK_MAKS = TABLES["perilaku_aspek"].column("komitmen").max


def nilai_dari_tabel(capaian: np.ndarray, tabel: list[Mapping[str, float]], di_atas: float
                     ) -> np.ndarray:
    """Nilai capaian IKI from whole-percent ``capaian`` through the band table (NaN = no band)."""
    c = np.asarray(capaian, dtype=float)
    out = np.full(c.shape, np.nan)
    for b in tabel:
        lo, hi = float(b["dari"]), float(b["sampai"])
        nd, ns = float(b["nilai_dari"]), float(b["nilai_sampai"])
        m = (c >= lo) & (c <= hi) & np.isnan(out)
        frac = (c[m] - lo) / (hi - lo) if hi > lo else np.zeros(int(m.sum()))
        out[m] = nd + (ns - nd) * frac
    top = max(float(b["sampai"]) for b in tabel)
    out[(c > top) & np.isnan(out)] = di_atas
    return np.round(out, PRESISI)


def bulatkan(capaian: np.ndarray, cara: str) -> np.ndarray:
    """Whole percent: ``bulat`` = half up, ``bawah`` = floor."""
    c = np.round(np.asarray(capaian, dtype=float), PRESISI)
    return np.floor(c + 0.5) if cara == "bulat" else np.floor(c)


def _periksa_target_kasus(iki: list[Any]) -> list[Masalah]:
    """Each case IKI gives ``target`` or both range bounds (not both), bawah <= atas."""
    out: list[Masalah] = []
    for i, x in enumerate(iki):
        jalur = ("iki", i)
        ada = {k for k in ("target", *KOLOM_RENTANG) if k in x}
        if ada not in ({"target"}, set(KOLOM_RENTANG)):
            out.append(Masalah("kasus_target_iki", bidang=f"iki[{i}]",
                               ditemukan=", ".join(sorted(ada)) or "-", isi={"jalur": jalur}))
        elif "target_bawah" in ada and x["target_bawah"] > x["target_atas"]:
            out.append(Masalah("nilai_tidak_valid", bidang=f"iki[{i}].target_bawah",
                               diharapkan="target_bawah <= target_atas",
                               ditemukan=f"{x['target_bawah']} > {x['target_atas']}",
                               isi={"jalur": (*jalur, "target_bawah")}))
    return out


class Pp30(Rule):
    """PP 30/2019 Pasal 41 with PermenPANRB 8/2021 SKP scoring (see the module docstring)."""

    id = "pp30_2019"
    tingkat = "pegawai"
    tabel = ("pegawai", "iki", "perilaku_aspek")
    inputs = (
        Masukan("nilai_skp", "angka", dwibahasa("nilai SKP (0-120)", "SKP score (0-120)"), min=0,
                max=NILAI_MAKS),
        Masukan("iki", "daftar", dwibahasa(
            "indikator kinerja individu: 'target' atau target rentang 'target_bawah' + "
            "'target_atas'; 'target_maksimal' bila 100 % adalah capaian tertinggi",
            "individual indicators: 'target' or a range target 'target_bawah' + 'target_atas'; "
            "'target_maksimal' when 100 % is the highest attainable"),
                isi=Masukan("iki", "mapping", kunci=(
                    Masukan("target", "angka", dwibahasa("target (> 0); atau target_bawah + target_atas",
                                                  "target (> 0); or target_bawah + target_atas"),
                            min=0, min_eksklusif=True),
                    Masukan("target_bawah", "angka", dwibahasa(
                        "batas bawah target rentang (> 0; bersama target_atas)",
                        "lower bound of a range target (> 0; with target_atas)"),
                            min=0, min_eksklusif=True),
                    Masukan("target_atas", "angka", dwibahasa(
                        "batas atas target rentang (>= target_bawah); dipakai bila realisasi > "
                        "target (parameter pembanding_target_rentang), selainnya target_bawah",
                        "upper bound of a range target (>= target_bawah); used if realisasi > "
                        "target (parameter pembanding_target_rentang), else target_bawah"),
                            min=0, min_eksklusif=True),
                    Masukan("target_maksimal", "boolean", dwibahasa(
                        "target adalah batas maksimal (capaian 100 % -> nilai 120)",
                        "the target is the maximum attainable (capaian 100 % -> nilai 120)"),
                            bawaan=False),
                    Masukan("realisasi", "angka", dwibahasa("realisasi", "realisation"), min=0,
                            wajib=True),
                    Masukan("arah", "pilihan", dwibahasa("arah", "direction"), pilihan=("naik", "turun")),
                    Masukan("bobot", "angka", dwibahasa("bobot", "weight"), min=0),
                )), sumber="iki.target, iki.realisasi, iki.arah, iki.bobot; optional columns "
                           "iki.target_bawah, iki.target_atas, iki.target_maksimal"),
        Masukan("nilai_perilaku", "angka", dwibahasa("nilai perilaku kerja (0-120)",
                                              "behaviour score (0-120)"), min=0, max=NILAI_MAKS,
                sumber="perilaku_aspek"),
        Masukan("pakai_360", "boolean", dwibahasa("memakai pendapat rekan dan bawahan",
                                           "uses peer and subordinate opinions"), bawaan=False),
        Masukan("ada_inovasi", "boolean", dwibahasa("ada ide/cara baru", "has a new idea/way"),
                bawaan=False),
    )
    outputs = (
        Keluaran("nilai_skp", dwibahasa("nilai SKP", "SKP score")),
        Keluaran("nilai_perilaku", dwibahasa("nilai perilaku kerja", "behaviour score")),
        Keluaran("nilai_kinerja", dwibahasa("nilai kinerja", "performance score")),
        Keluaran("predikat", dwibahasa("predikat kinerja", "predikat"), pilihan=PREDIKAT),
        Keluaran("iki", dwibahasa("per IKI: target_dipakai, capaian_iki, capaian_dibulatkan, "
                           "nilai_capaian_iki",
                           "per IKI: target_dipakai (target used), capaian_iki, "
                           "capaian_dibulatkan, nilai_capaian_iki")),
    )

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        peg = getattr(population, "pegawai", None)
        if pm.kolom(peg, "pegawai", ("asn_id", "jenis_jabatan")):
            pm.tidak_kosong(peg, "pegawai", ("asn_id", "jenis_jabatan"), "asn_id")
        ids = peg["asn_id"].to_numpy() if peg is not None and "asn_id" in peg else None
        iki = siapkan_iki(population, pm, ids, rentang=True)
        pa = getattr(population, "perilaku_aspek", None)
        aspek = list(params["aspek_perilaku"])
        if pm.kolom(pa, "perilaku_aspek", ("asn_id", *aspek, "kepemimpinan")):
            pm.tidak_kosong(pa, "perilaku_aspek", ["asn_id", *aspek], "asn_id")
            pm.unik(pa, "perilaku_aspek", "asn_id")
            for a in (*aspek, "kepemimpinan"):
                pm.rentang(pa, "perilaku_aspek", a, 0, _ASPEK_MAKS, "asn_id")
        pm.selesai()
        struktural = peg["jenis_jabatan"].isin(STRUKTURAL).to_numpy(dtype=bool)
        nilai = sejajar(pa, "asn_id", ids, [*aspek, "kepemimpinan"])
        cols, lead = nilai[:, :-1], nilai[:, -1]
        total = cols.sum(axis=1) + np.where(struktural, lead, 0.0)
        n = len(aspek) + struktural.astype(int)
        pegawai = bingkai({"asn_id": ids, "struktural": struktural, "nilai_perilaku": total / n,
                           "pakai_360": np.full(len(ids), bool(params["pakai_360"])),
                           "ada_inovasi": np.full(len(ids), bool(params["inovasi"]))})
        pm.tandai(pegawai, np.isnan(cols).any(axis=1), "perilaku_aspek", "asn_id",
                  "asn_id", "aturan_tanpa_perilaku")
        pm.tandai(pegawai, struktural & np.isnan(lead), "perilaku_aspek", "kepemimpinan",
                  "asn_id", "aturan_nilai_kosong")
        _, bobot, _ = rata_per_id(ids, iki["asn_id"].to_numpy(), np.zeros(len(iki)),
                                  iki["bobot"].to_numpy())
        pm.tandai(pegawai, np.isnan(bobot), "iki", "asn_id", "asn_id", "aturan_tanpa_iki")
        pm.tandai(pegawai, bobot == 0, "iki", "bobot", "asn_id", "aturan_bobot_nol")
        pm.selesai()
        return {"pegawai": pegawai, "iki": iki}

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-checks: the predikat bounds never increase; the bands of
        ``tabel_nilai_iki`` ascend, each ``dari`` <= ``sampai``, without overlap or a
        whole-percent gap. (The SKP/perilaku weights are NOT required to add up to 1: a sweep
        may vary one weight alone.)"""
        out = cek_menurun(params, ("batas_sangat_baik", "batas_baik", "batas_cukup",
                                   "batas_kurang"))
        tabel = params["tabel_nilai_iki"]
        for i, b in enumerate(tabel):
            lo, hi = float(b["dari"]), float(b["sampai"])
            prev = float(tabel[i - 1]["sampai"]) if i else None
            if lo > hi or (prev is not None and not prev < lo <= prev + 1):
                out.append(Masalah("parameter_pita_tabel", bidang=f"tabel_nilai_iki[{i}]",
                                   ditemukan=f"{b['dari']}-{b['sampai']}",
                                   isi={"detail": f"pita {i + 1}"}))
                break
        return out

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        probs = periksa_masukan(self.inputs, inputs)
        if not probs:
            probs.extend(_periksa_target_kasus(inputs.get("iki") or []))
        if not probs and not {"nilai_skp", "iki"} & set(inputs):
            probs.append(Masalah("kasus_masukan_kurang", bidang="input",
                                 isi={"perlu": "nilai_skp | iki", "jalur": ()}))
        if not probs and "nilai_perilaku" not in inputs:
            probs.append(Masalah("kasus_masukan_kurang", bidang="input",
                                 isi={"perlu": "nilai_perilaku", "jalur": ()}))
        return probs

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        pegawai = bingkai({
            "asn_id": [1],
            "nilai_skp_diberikan": [float(inputs.get("nilai_skp", np.nan))],
            "nilai_perilaku": [float(inputs["nilai_perilaku"])],
            "pakai_360": [bool(inputs.get("pakai_360", params["pakai_360"]))],
            "ada_inovasi": [bool(inputs.get("ada_inovasi", params["inovasi"]))],
        })
        iki = [dict(x) for x in inputs.get("iki", []) if "nilai_skp" not in inputs]
        n = len(iki)
        iki_df = bingkai({
            "iki_id": np.arange(1, n + 1), "asn_id": np.ones(n, dtype=np.int64),
            "arah": [x.get("arah", "naik") for x in iki],
            "target": [float(x.get("target", np.nan)) for x in iki],
            "target_bawah": [float(x.get("target_bawah", np.nan)) for x in iki],
            "target_atas": [float(x.get("target_atas", np.nan)) for x in iki],
            "target_maksimal": np.array([bool(x.get("target_maksimal", False)) for x in iki],
                                        dtype=bool),
            "realisasi": [float(x["realisasi"]) for x in iki],
            "bobot": [float(x.get("bobot", 1.0 / n)) for x in iki],
        })
        return {"pegawai": pegawai, "iki": iki_df}

    # ------------------------------------------------------------------ the rule
    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        peg, iki = tabel["pegawai"], tabel["iki"]
        ids = peg["asn_id"].to_numpy()
        turun = (iki["arah"] == "turun").to_numpy(dtype=bool)
        realisasi = iki["realisasi"].to_numpy(dtype=float)
        target = iki["target"].to_numpy(dtype=float)
        rentang = None
        if all(col in iki for col in KOLOM_RENTANG):  # optional columns (module docstring)
            lo = pd.to_numeric(iki["target_bawah"]).to_numpy(dtype=float)
            hi = pd.to_numeric(iki["target_atas"]).to_numpy(dtype=float)
            rentang = ~np.isnan(lo) & ~np.isnan(hi)
            target = target_efektif(target, lo, hi, realisasi,
                                    params["pembanding_target_rentang"])
        c = capaian_iki(target, realisasi, turun)
        c = np.maximum(c, params["batas_bawah_capaian_iki"])
        cb = bulatkan(c, params["pembulatan_capaian"])
        nilai_iki = nilai_dari_tabel(cb, params["tabel_nilai_iki"],
                                     params["nilai_iki_di_atas_tabel"])
        maks = None
        if KOLOM_MAKSIMAL in iki:
            maks = iki[KOLOM_MAKSIMAL].eq(True).to_numpy(dtype=bool)  # empty -> not maximal
            capai = maks & (cb >= params["ambang_capaian_target_maksimal"])
            nilai_iki = np.where(capai, np.fmax(nilai_iki, params["nilai_target_maksimal"]),
                                 nilai_iki)
        gap = np.isnan(nilai_iki)
        if gap.any():
            i = int(np.flatnonzero(gap)[0])
            raise SimkitError(Masalah("nilai_tidak_valid", bidang="tabel_nilai_iki",
                                      diharapkan="pita yang mencakup capaian",
                                      ditemukan=f"capaian {cb[i]:g} %"))
        skp, _, cnt = rata_per_id(ids, iki["asn_id"].to_numpy(), nilai_iki,
                                  iki["bobot"].to_numpy())
        if "nilai_skp_diberikan" in peg:
            given = peg["nilai_skp_diberikan"].to_numpy(dtype=float)
            skp = np.where(np.isnan(given), skp, given)
        perilaku = peg["nilai_perilaku"].to_numpy(dtype=float)
        p360 = peg["pakai_360"].to_numpy(dtype=bool)
        w_skp = np.where(p360, params["bobot_skp_360"], params["bobot_skp"])
        w_per = np.where(p360, params["bobot_perilaku_360"], params["bobot_perilaku"])
        x = np.round(w_skp * skp + w_per * perilaku, PRESISI)
        inov = peg["ada_inovasi"].to_numpy(dtype=bool)
        pred = kategori_dari_kode(pilih_kode(
            [(x >= params["batas_sangat_baik"]) & inov, x >= params["batas_baik"],
             x >= params["batas_cukup"], x >= params["batas_kurang"], ~np.isnan(x)]), PREDIKAT)
        hasil = bingkai({
            "asn_id": ids, "jumlah_iki": cnt.astype(np.int16),
            "nilai_skp": np.round(skp, PRESISI), "nilai_perilaku": np.round(perilaku, PRESISI),
            "pakai_360": p360, "ada_inovasi": inov, "bobot_skp": w_skp,
            "bobot_perilaku": w_per, "nilai_kinerja": x,
            "predikat": pred, "nilai": x,
        })
        kolom = {"iki_id": iki["iki_id"].to_numpy(), "asn_id": iki["asn_id"].to_numpy(),
                 "bobot": iki["bobot"].to_numpy(), "capaian_iki": c,
                 "capaian_dibulatkan": cb, "nilai_capaian_iki": nilai_iki}
        if rentang is not None:  # only when the optional columns are there (memory)
            kolom.update(target_dipakai=target, realisasi=realisasi, rentang_target=rentang,
                         target_bawah=lo, target_atas=hi)
        if maks is not None:
            kolom["target_maksimal"] = maks
        return Hasil(hasil, {"iki": bingkai(kolom)})

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        d = hasil.catatan["iki"]
        if len(d):
            out["iki"] = [{"target_dipakai": float(t), "capaian_iki": float(a),
                           "capaian_dibulatkan": float(b), "nilai_capaian_iki": float(c)}
                          for t, a, b, c in zip(d["target_dipakai"], d["capaian_iki"],
                                                d["capaian_dibulatkan"], d["nilai_capaian_iki"],
                                                strict=True)]
        return out

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        L = langkah_parameter
        k = partial(komponen, lang=lang)
        steps: list[Langkah] = []
        d = evaluation.catatan["iki"]
        for r in d.loc[d["asn_id"] == int(baris["asn_id"])].itertuples():
            if getattr(r, "rentang_target", False):
                pembanding = p["pembanding_target_rentang"]
                acuan = r.target_atas if pembanding == "target_atas" else r.target_bawah
                steps.append(L(p, "pembanding_target_rentang", k("target_iki", id=r.iki_id),
                               nilai=f"{r.target_bawah:g} - {r.target_atas:g}",
                               ambang=f"{k('realisasi')} {r.realisasi:g} "
                                      f"{'>' if r.realisasi > acuan else '<='} {acuan:g}",
                               hasil=float(r.target_dipakai)))
            steps.append(L(p, "pembulatan_capaian", k("capaian_iki", id=r.iki_id),
                           nilai=float(r.capaian_iki), hasil=float(r.capaian_dibulatkan)))
            cb = float(r.capaian_dibulatkan)
            band = next((b for b in p["tabel_nilai_iki"] if b["dari"] <= cb <= b["sampai"]), None)
            if getattr(r, "target_maksimal", False) and cb >= p["ambang_capaian_target_maksimal"]:
                steps.append(L(p, "nilai_target_maksimal", k("nilai_capaian_iki", id=r.iki_id),
                               nilai=cb, hasil=float(r.nilai_capaian_iki),
                               ambang=f"{k('target_maksimal')}, >= "
                                      f"{p['ambang_capaian_target_maksimal']:g} %; "
                                      f"{k('bobot')} {r.bobot:.3g}"))
            elif band is None:
                steps.append(L(p, "nilai_iki_di_atas_tabel", k("nilai_capaian_iki", id=r.iki_id),
                               nilai=cb, hasil=float(r.nilai_capaian_iki),
                               ambang=f"{k('bobot')} {r.bobot:.3g}"))
            else:
                steps.append(L(p, "tabel_nilai_iki", k("nilai_capaian_iki", id=r.iki_id),
                               nilai=cb, hasil=float(r.nilai_capaian_iki),
                               ambang=f"{k('bobot')} {r.bobot:.3g}", nilai_parameter=band))
        p360 = bool(baris["pakai_360"])
        ws, wp = ("bobot_skp_360", "bobot_perilaku_360") if p360 else ("bobot_skp", "bobot_perilaku")
        steps.append(L(p, ws, k("nilai_skp"), nilai=baris["nilai_skp"],
                       ambang=f"× {p[ws]}", hasil=p[ws] * baris["nilai_skp"]))
        steps.append(L(p, wp, k("nilai_perilaku"), nilai=baris["nilai_perilaku"],
                       ambang=f"× {p[wp]}", hasil=p[wp] * baris["nilai_perilaku"]))
        pred = label("predikat", baris["predikat"], lang)
        x = baris["nilai_kinerja"]
        for name in ("batas_sangat_baik", "batas_baik", "batas_cukup", "batas_kurang"):
            steps.append(L(p, name, k("nilai_kinerja"), nilai=x, ambang=f"≥ {p[name]}",
                           hasil=pred if name == "batas_kurang" else bool(x >= p[name])))
        steps.append(L(p, "inovasi", k("ada_inovasi"), nilai=bool(baris["ada_inovasi"]),
                       hasil=pred))
        return steps

