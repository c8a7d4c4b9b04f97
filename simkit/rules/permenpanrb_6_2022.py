"""PermenPANRB 6/2022: the kuadran kinerja (current national rule), with the SE 3/2023 curve.

Per employee (vectorised):

1. ``capaian_hasil_kerja`` = weighted mean over the employee's IKI of capaian IKI
   (PermenPANRB 8/2021: naik R/T×100, turun (1 + (1 − R/T))×100), each capped to
   [``batas_bawah_capaian_iki``, ``batas_atas_capaian_iki``] first.
2. ``rating_hasil_kerja``: ≥ ``ambang_hasil_di_atas`` → di_atas_ekspektasi, ≥
   ``ambang_hasil_sesuai`` → sesuai_ekspektasi, else di_bawah_ekspektasi (ASSUMPTION: the
   regulation sets no numbers). A head of unit (``kepala_unit``) instead takes his unit's
   reported capaian kinerja organisasi through ``pemetaan_capaian_organisasi`` (SE 3/2023).
3. The seven BerAKHLAK values: ``sumber_perilaku`` = ``atasan`` (the superior's scores; mean
   if several) or ``360`` (per role mean, weighted by ``bobot_360`` re-normalised over the
   roles present). ``perilaku_rerata`` = mean of the seven; ``rating_perilaku_kerja`` by the
   thresholds ``ambang_perilaku_di_atas`` / ``ambang_perilaku_sesuai``.
4. ``predikat`` = ``kuadran[rating_hasil_kerja][rating_perilaku_kerja]`` (PermenPANRB 6/2022 Lampiran);
   ``persentase_angka_kredit`` from ``persentase_angka_kredit`` (PermenPANRB 1/2023 and Peraturan BKN 3/2023).
5. ``kurva_distribusi``: ``periksa`` adds per-OPD curve tables to ``catatan``; ``paksakan``
   re-ranks within each OPD (:mod:`simkit.rules.kurva_distribusi`); ``abaikan`` does nothing.

Reforms subclass :class:`Permenpanrb6` and override one step: :meth:`~Permenpanrb6.capaian`,
:meth:`~Permenpanrb6.rating_hasil`, :meth:`~Permenpanrb6.nilai_perilaku`,
:meth:`~Permenpanrb6.rating_perilaku`, :meth:`~Permenpanrb6.kuadran`,
:meth:`~Permenpanrb6.terapkan_kurva`.

>>> from simkit.rules import get_rule
>>> r = get_rule("permenpanrb_6_2022")
>>> r.evaluate_case({"capaian_hasil_kerja": 112, "perilaku": {v: 5 for v in BERAKHLAK}})["predikat"]
'sangat_baik'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.i18n import label
from simkit.kosakata import PERINGKAT_UMUM, RATING
from simkit.population.schema import (
    ARAH,
    BERAKHLAK,
    CAPAIAN_ORGANISASI,
    PERAN_PENILAI,
    PERILAKU_SKALA,
)
from simkit.rules import kurva_distribusi as kurva
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah, komponen
from simkit.rules.iki import PRESISI, capaian_iki, rata_per_id, siapkan_iki
from simkit.rules.larik import (
    ada_di,
    bingkai,
    kategori,
    kategori_dari_kode,
    kode_kategori,
    letak_id,
    pilih_kode,
)
from simkit.rules.params import ParameterSet, cek_menurun
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.registry import register

PREDIKAT = kurva.PREDIKAT_6_2022
_PERINGKAT_LUT = np.array([PERINGKAT_UMUM[p] for p in PREDIKAT] + [0], dtype=np.int8)
_KODE_LUT = np.array([PREDIKAT.index(kurva.NAMA[k]) if k else -1 for k in range(6)],
                     dtype=np.int16)
"""Peringkat (0 = none, 1..5) -> code in PREDIKAT (-1 = missing)."""
_TURUN = ARAH.index("turun")
_KODE_RATING = {r: i for i, r in enumerate(RATING)}
_KODE_PREDIKAT = {p: i for i, p in enumerate(PREDIKAT)}
_LO, _HI = PERILAKU_SKALA


def _d(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


_NILAI_7 = tuple(
    Masukan(v, "angka", _d(f"skor {v} (skala 1-5)", f"{v} score (1-5 scale)"), min=_LO, max=_HI)
    for v in BERAKHLAK
)
_IKI = Masukan("iki", "daftar", _d("indikator kinerja individu", "individual indicators"),
               isi=Masukan("iki", "mapping", kunci=(
                   Masukan("target", "angka", _d("target (> 0)", "target (> 0)"), min=0,
                           min_eksklusif=True, wajib=True),
                   Masukan("realisasi", "angka", _d("realisasi", "realisation"), min=0,
                           wajib=True),
                   Masukan("arah", "pilihan", _d("arah", "direction"), pilihan=("naik", "turun")),
                   Masukan("bobot", "angka", _d("bobot", "weight"), min=0),
               )))


def _diberikan(kode: np.ndarray, given: pd.Series | None) -> np.ndarray:
    """Rating codes where a case gives the rating itself (``*_diberikan``), else ``kode``."""
    if given is None:
        return kode
    g = given.to_numpy(dtype=object)
    return np.where(pd.notna(g), kode_kategori(g, RATING), kode)


class Permenpanrb6(Rule):
    """Kuadran kinerja of PermenPANRB 6/2022 (see the module docstring)."""

    id = "permenpanrb_6_2022"
    tingkat = "pegawai"
    tabel = ("pegawai", "iki", "penilaian_perilaku", "kinerja_organisasi")
    kolom_penilaian: tuple[str, ...] = ()
    """Extra ``penilaian_perilaku`` columns a subclass needs in the behaviour table (validated:
    present, no NaN; carried as int64), e.g. ``penilai_id`` for rater calibration."""
    inputs = (
        Masukan("rating_hasil_kerja", "pilihan", _d("rating hasil kerja", "results rating"),
                pilihan=RATING),
        Masukan("rating_perilaku_kerja", "pilihan", _d("rating perilaku kerja",
                                                       "behaviour rating"), pilihan=RATING),
        Masukan("capaian_hasil_kerja", "angka",
                _d("capaian hasil kerja (% dari target)", "results achieved (% of target)"),
                satuan="persen", min=0, sumber="iki.target, iki.realisasi, iki.arah, iki.bobot"),
        _IKI,
        Masukan("perilaku", "mapping", _d("skor tujuh nilai BerAKHLAK (skala 1-5)",
                                          "scores of the seven BerAKHLAK values (1-5)"),
                kunci=tuple(Masukan(m.nama, m.tipe, m.deskripsi, min=m.min, max=m.max, wajib=True)
                            for m in _NILAI_7),
                sumber="penilaian_perilaku"),
        Masukan("perilaku_per_peran", "mapping",
                _d("skor BerAKHLAK per peran penilai (atasan/rekan/bawahan/diri)",
                   "BerAKHLAK scores per rater role (atasan/rekan/bawahan/diri)"),
                kunci=tuple(Masukan(p, "mapping", kunci=tuple(
                    Masukan(m.nama, m.tipe, m.deskripsi, min=m.min, max=m.max, wajib=True)
                    for m in _NILAI_7)) for p in PERAN_PENILAI),
                sumber="penilaian_perilaku"),
        Masukan("kepala_unit", "boolean", _d("kepala unit", "head of unit"), bawaan=False,
                sumber="pegawai.kepala_unit"),
        Masukan("capaian_kinerja_organisasi", "pilihan",
                _d("capaian kinerja organisasi unit yang dipimpin", "result of the unit headed"),
                pilihan=CAPAIAN_ORGANISASI, sumber="kinerja_organisasi"),
    )
    outputs = (
        Keluaran("capaian_hasil_kerja", _d("capaian hasil kerja", "results achieved"), "persen"),
        Keluaran("rating_hasil_kerja", _d("rating hasil kerja", "results rating"), pilihan=RATING),
        Keluaran("perilaku_rerata", _d("rata-rata tujuh nilai BerAKHLAK", "mean BerAKHLAK score"),
                 "skor 1-5"),
        Keluaran("rating_perilaku_kerja", _d("rating perilaku kerja", "behaviour rating"),
                 pilihan=RATING),
        Keluaran("predikat_kuadran", _d("predikat dari kuadran (sebelum kurva)",
                                        "predikat from the quadrant (before the curve)"),
                 pilihan=PREDIKAT),
        Keluaran("predikat", _d("predikat kinerja pegawai", "employee predikat"),
                 pilihan=PREDIKAT),
        Keluaran("persentase_angka_kredit", _d("persentase koefisien angka kredit",
                                               "percentage of the angka kredit coefficient"),
                 "persen"),
    )

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        peg = getattr(population, "pegawai", None)
        if pm.kolom(peg, "pegawai", ("asn_id", "unit_id", "opd_id", "kepala_unit")):
            pm.tidak_kosong(peg, "pegawai", ("asn_id", "unit_id", "opd_id", "kepala_unit"),
                            "asn_id")
        org = getattr(population, "kinerja_organisasi", None)
        if pm.kolom(org, "kinerja_organisasi", ("unit_id", "capaian_kinerja_organisasi")):
            pm.tidak_kosong(org, "kinerja_organisasi", ("capaian_kinerja_organisasi",), "unit_id")
            pm.kosakata(org, "kinerja_organisasi", "capaian_kinerja_organisasi",
                        CAPAIAN_ORGANISASI, "unit_id")
        ids = peg["asn_id"].to_numpy() if peg is not None and "asn_id" in peg else None
        iki = siapkan_iki(population, pm, ids)
        perilaku = self._siapkan_perilaku(population, pm, ids)
        pm.selesai()

        org_units = org["unit_id"].to_numpy()
        org_codes = np.append(kode_kategori(org["capaian_kinerja_organisasi"], CAPAIAN_ORGANISASI),
                              -1)
        own = org_codes[letak_id(org_units, peg["unit_id"].to_numpy())]
        opd = org_codes[letak_id(org_units, peg["opd_id"].to_numpy())]
        pegawai = bingkai({
            "asn_id": peg["asn_id"].to_numpy(),
            "opd_id": peg["opd_id"].to_numpy(),
            "kepala_unit": peg["kepala_unit"].to_numpy(dtype=bool),
            "capaian_kinerja_organisasi": kategori_dari_kode(own, CAPAIAN_ORGANISASI),
            "capaian_organisasi_opd": kategori_dari_kode(opd, CAPAIAN_ORGANISASI),
        })
        tabel = {"pegawai": pegawai, "iki": iki, "perilaku": perilaku}
        self._periksa_kelengkapan(tabel, params, pm)
        pm.selesai()
        return tabel

    def _siapkan_perilaku(self, population: Any, pm: Pemeriksa, ids: np.ndarray | None
                          ) -> pd.DataFrame | None:
        pr = getattr(population, "penilaian_perilaku", None)
        cols = ("asn_id", "peran", *BERAKHLAK, *self.kolom_penilaian)
        if not pm.kolom(pr, "penilaian_perilaku", cols):
            return None
        pm.tidak_kosong(pr, "penilaian_perilaku", cols, "asn_id")
        for c in self.kolom_penilaian:
            pm.rentang(pr, "penilaian_perilaku", c, None, None, "asn_id")  # numbers only
        pm.kosakata(pr, "penilaian_perilaku", "peran", PERAN_PENILAI, "asn_id")
        for v in BERAKHLAK:
            pm.rentang(pr, "penilaian_perilaku", v, _LO, _HI, "asn_id")
        if pm.masalah:
            return None
        if ids is not None:
            known = ada_di(pr["asn_id"].to_numpy(), ids)
            if not known.all():
                pr = pr.loc[known]
        return bingkai({
            "asn_id": pr["asn_id"].to_numpy(),
            "peran": kode_kategori(pr["peran"], PERAN_PENILAI).astype(np.int8),
            **{v: pr[v].to_numpy(dtype=float) for v in BERAKHLAK},
            **{c: pr[c].to_numpy(dtype=np.int64) for c in self.kolom_penilaian},
        })

    def _periksa_kelengkapan(self, tabel: dict[str, pd.DataFrame], params: ParameterSet,
                             pm: Pemeriksa) -> None:
        """Every employee can be rated: IKI (or head), behaviour scores, org result for heads."""
        peg = tabel["pegawai"]
        head = peg["kepala_unit"].to_numpy() & bool(params["kepala_unit_pakai_capaian_organisasi"])
        no_org = head & pd.isna(peg["capaian_kinerja_organisasi"]).to_numpy()
        if no_org.any():
            pm.tandai(peg, no_org, "kinerja_organisasi", "capaian_kinerja_organisasi", "asn_id",
                      "aturan_tanpa_kinerja_organisasi")
        ids = peg["asn_id"].to_numpy()
        iki = tabel["iki"]
        _, bobot, _ = rata_per_id(ids, iki["asn_id"].to_numpy(), np.zeros(len(iki)),
                                  iki["bobot"].to_numpy())
        pm.tandai(peg, ~head & np.isnan(bobot), "iki", "asn_id", "asn_id", "aturan_tanpa_iki")
        pm.tandai(peg, ~head & (bobot == 0), "iki", "bobot", "asn_id", "aturan_bobot_nol")
        pr = tabel["perilaku"]
        w = np.array([float(params["bobot_360"].get(r, 0.0)) for r in PERAN_PENILAI])
        if params["sumber_perilaku"] == "atasan" and params["tanpa_penilai_atasan"] == "galat":
            usable = pr["peran"].to_numpy() == 0
        else:
            usable = w[pr["peran"].to_numpy()] > 0
            if params["sumber_perilaku"] == "atasan":
                usable |= pr["peran"].to_numpy() == 0
        no_pr = ~ada_di(ids, pr["asn_id"].to_numpy()[usable])
        pm.tandai(peg, no_pr, "penilaian_perilaku", "peran", "asn_id", "aturan_tanpa_perilaku")

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-checks: each pair of thresholds in order (di atas >= sesuai; the capaian cap
        above the floor)."""
        return [
            *cek_menurun(params, ("ambang_hasil_di_atas", "ambang_hasil_sesuai")),
            *cek_menurun(params, ("ambang_perilaku_di_atas", "ambang_perilaku_sesuai")),
            *cek_menurun(params, ("batas_atas_capaian_iki", "batas_bawah_capaian_iki")),
        ]

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        probs = periksa_masukan(self.inputs, inputs)
        if probs:
            return probs
        kepala = bool(inputs.get("kepala_unit", False))
        if kepala and "capaian_kinerja_organisasi" not in inputs and not (
                "rating_hasil_kerja" in inputs or "capaian_hasil_kerja" in inputs
                or "iki" in inputs):
            probs.append(Masalah("kasus_masukan_kurang", bidang="capaian_kinerja_organisasi",
                                 isi={"perlu": "capaian_kinerja_organisasi", "jalur": ()}))
        if not kepala and not {"rating_hasil_kerja", "capaian_hasil_kerja", "iki"} & set(inputs):
            probs.append(Masalah("kasus_masukan_kurang", bidang="input", isi={
                "perlu": "rating_hasil_kerja | capaian_hasil_kerja | iki", "jalur": ()}))
        if not {"rating_perilaku_kerja", "perilaku", "perilaku_per_peran"} & set(inputs):
            probs.append(Masalah("kasus_masukan_kurang", bidang="input", isi={
                "perlu": "rating_perilaku_kerja | perilaku | perilaku_per_peran", "jalur": ()}))
        return probs

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        nan = np.nan
        cap_org = inputs.get("capaian_kinerja_organisasi", nan)
        pegawai = bingkai({
            "asn_id": [1], "kepala_unit": [bool(inputs.get("kepala_unit", False))],
            "capaian_kinerja_organisasi": np.array([cap_org], dtype=object),
            "capaian_hasil_kerja_diberikan": [float(inputs.get("capaian_hasil_kerja", nan))],
            "rating_hasil_kerja_diberikan": np.array([inputs.get("rating_hasil_kerja", nan)],
                                                     dtype=object),
            "rating_perilaku_kerja_diberikan": np.array(
                [inputs.get("rating_perilaku_kerja", nan)], dtype=object),
        })
        iki = [dict(x) for x in inputs.get("iki", [])]
        n = len(iki)
        iki_df = bingkai({
            "iki_id": np.arange(1, n + 1), "asn_id": np.ones(n, dtype=np.int64),
            "arah": [x.get("arah", "naik") for x in iki],
            "target": [float(x["target"]) for x in iki],
            "realisasi": [float(x["realisasi"]) for x in iki],
            "bobot": [float(x.get("bobot", 1.0 / n)) for x in iki],
        })
        rows = []
        if "perilaku" in inputs:
            rows.append({"asn_id": 1, "peran": 0, **inputs["perilaku"]})
        for peran, scores in (inputs.get("perilaku_per_peran") or {}).items():
            rows.append({"asn_id": 1, "peran": PERAN_PENILAI.index(peran), **scores})
        perilaku = pd.DataFrame(rows, columns=["asn_id", "peran", *BERAKHLAK]).astype(
            {"asn_id": "int64", "peran": "int8", **{v: float for v in BERAKHLAK}})
        return {"pegawai": pegawai, "iki": iki_df, "perilaku": perilaku}

    # ------------------------------------------------------------------ the rule
    def capaian(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> pd.DataFrame:
        """Per employee ``capaian_hasil_kerja`` (and ``jumlah_iki``); per IKI ``capaian_iki``.

        Returns a frame aligned with ``tabel["pegawai"]``; stores the per-IKI table in
        ``tabel["_iki"]`` for ``catatan``.
        """
        peg, iki = tabel["pegawai"], tabel["iki"]
        turun = kode_kategori(iki["arah"], ARAH) == _TURUN
        c = capaian_iki(iki["target"].to_numpy(), iki["realisasi"].to_numpy(), turun)
        c = np.clip(c, params["batas_bawah_capaian_iki"], params["batas_atas_capaian_iki"])
        tabel["_iki"] = bingkai({"iki_id": iki["iki_id"].to_numpy(),
                                      "asn_id": iki["asn_id"].to_numpy(),
                                      "bobot": iki["bobot"].to_numpy(), "capaian_iki": c})
        mean, _, cnt = rata_per_id(peg["asn_id"].to_numpy(), iki["asn_id"].to_numpy(), c,
                                   iki["bobot"].to_numpy())
        given = peg.get("capaian_hasil_kerja_diberikan")
        cap = mean
        if given is not None:
            cap = np.where(np.isnan(cap), given.to_numpy(dtype=float), cap)
        return bingkai({"capaian_hasil_kerja": np.round(cap, PRESISI),
                             "jumlah_iki": cnt.astype(np.int16)})

    def rating_hasil(self, capaian: np.ndarray, tabel: dict[str, pd.DataFrame],
                     params: ParameterSet) -> pd.Categorical:
        """Rating hasil kerja per employee (a Categorical over RATING)."""
        peg = tabel["pegawai"]
        r = pilih_kode([capaian >= params["ambang_hasil_di_atas"],
                        capaian >= params["ambang_hasil_sesuai"], ~np.isnan(capaian)])
        if params["kepala_unit_pakai_capaian_organisasi"]:
            head = peg["kepala_unit"].to_numpy(dtype=bool)
            oc = kode_kategori(peg["capaian_kinerja_organisasi"], CAPAIAN_ORGANISASI)
            peta = [params["pemetaan_capaian_organisasi"].get(c) for c in CAPAIAN_ORGANISASI]
            ada = np.array([pd.notna(v) for v in peta] + [False])
            lut = np.array([_KODE_RATING.get(v, -1) for v in peta] + [-1])
            r = np.where(head & ada[oc], lut[oc], r)
        return kategori_dari_kode(_diberikan(r, peg.get("rating_hasil_kerja_diberikan")), RATING)

    def nilai_perilaku(self, perilaku: pd.DataFrame, ids: np.ndarray, params: ParameterSet
                       ) -> pd.DataFrame:
        """The seven BerAKHLAK scores per employee (index = ``ids``) by ``sumber_perilaku``.

        ``atasan``: mean of the superior's scores (several superiors: their mean); without one
        and ``tanpa_penilai_atasan`` = ``peran_lain``, the other roles as in ``360``.
        ``360``: per role the mean over its raters, then Σ w_role·mean / Σ w_role over the
        roles present (``bobot_360``). NaN where nothing usable.
        """
        vals = list(BERAKHLAK)
        n = len(ids)
        out = np.full((n, len(vals)), np.nan)
        if perilaku is not None and len(perilaku):
            nr = len(PERAN_PENILAI)
            pos = letak_id(ids, perilaku["asn_id"].to_numpy())
            ok = slice(None) if (pos >= 0).all() else pos >= 0  # no copies when all are known
            key = pos[ok] * nr + perilaku["peran"].to_numpy()[ok].astype(np.int64)
            cnt = np.bincount(key, minlength=n * nr).reshape(n, nr)
            w = np.array([float(params["bobot_360"].get(p, 0.0)) for p in PERAN_PENILAI])
            present = cnt > 0
            wp = present * w
            den = wp.sum(axis=1)
            atasan_only = params["sumber_perilaku"] == "atasan"
            use_atasan = present[:, 0] if atasan_only else np.zeros(n, dtype=bool)
            fallback = (~use_atasan if params["tanpa_penilai_atasan"] == "peran_lain"
                        or not atasan_only else np.zeros(n, dtype=bool))
            safe_cnt = np.maximum(cnt, 1)
            lain = np.flatnonzero(fallback & (den > 0))  # rows taking the weighted role mean
            lain = slice(None) if lain.size == n else lain  # (all of them: no copies)
            for j, v in enumerate(vals):
                sums = np.bincount(key, weights=perilaku[v].to_numpy(dtype=float)[ok],
                                   minlength=n * nr).reshape(n, nr)
                mean = sums / safe_cnt
                out[:, j] = np.where(use_atasan, mean[:, 0], np.nan)
                out[lain, j] = (mean[lain] * wp[lain]).sum(axis=1) / den[lain]
        return pd.DataFrame(out, index=pd.Index(ids, name="asn_id"), columns=vals)

    def rating_perilaku(self, rerata: np.ndarray, tabel: dict[str, pd.DataFrame],
                        params: ParameterSet) -> pd.Categorical:
        """Rating perilaku kerja per employee from the mean of the seven scores (a
        Categorical over RATING)."""
        r = pilih_kode([rerata >= params["ambang_perilaku_di_atas"],
                        rerata >= params["ambang_perilaku_sesuai"], ~np.isnan(rerata)])
        return kategori_dari_kode(_diberikan(r, tabel["pegawai"].get("rating_perilaku_kerja_diberikan")),
                         RATING)

    def kuadran(self, rh: Any, rp: Any, params: ParameterSet) -> pd.Categorical:
        """Predikat from the kuadran matrix for the ratings ``rh``, ``rp`` (Categoricals or
        arrays of RATING ids): a Categorical over PREDIKAT, missing where a rating is."""
        m = params["kuadran"]
        table = np.full((len(RATING) + 1, len(RATING) + 1), -1, dtype=np.int16)  # -1: missing
        for i, h in enumerate(RATING):
            table[i, :-1] = [_KODE_PREDIKAT.get(m[h][p], -1) for p in RATING]
        return kategori_dari_kode(table[kode_kategori(rh, RATING), kode_kategori(rp, RATING)], PREDIKAT)

    def terapkan_kurva(self, hasil: pd.DataFrame, tabel: dict[str, pd.DataFrame],
                       params: ParameterSet) -> tuple[Any, dict[str, pd.DataFrame]]:
        """Apply ``kurva_distribusi`` (needs ``opd_id``); returns (predikat, catatan), the
        predikat as a Categorical over PREDIKAT (or an array of PREDIKAT ids)."""
        mode = params["kurva_distribusi"]
        pred = hasil["predikat_kuadran"].array
        peg = tabel["pegawai"]
        if mode == "abaikan" or "opd_id" not in peg:
            return pred, {}
        opd = peg["opd_id"].to_numpy()
        cap = peg["capaian_organisasi_opd"].array
        kode = _PERINGKAT_LUT[kode_kategori(pred, PREDIKAT)]
        catatan: dict[str, pd.DataFrame] = {}
        if mode == "paksakan":
            urut = kurva.urutan(hasil["asn_id"].to_numpy(), hasil["capaian_hasil_kerja"].to_numpy(),
                                hasil["perilaku_rerata"].to_numpy())
            _, catatan["kurva_batasan_awal"] = kurva.periksa(opd, cap, kode, params["kurva_batas"])
            kode = kurva.paksakan(opd, cap, kode, urut, params["kurva_batas"])
            pred = kategori_dari_kode(_KODE_LUT[kode], PREDIKAT)
        catatan["kurva_opd"], catatan["kurva_batasan"] = kurva.periksa(
            opd, cap, kode, params["kurva_batas"])
        return pred, catatan

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        peg = tabel["pegawai"]
        ids = peg["asn_id"].to_numpy()
        cap = self.capaian(tabel, params)
        capaian = cap["capaian_hasil_kerja"].to_numpy()
        rh = self.rating_hasil(capaian, tabel, params)
        vals = self.nilai_perilaku(tabel["perilaku"], ids, params)
        rerata = np.round(vals.to_numpy().mean(axis=1), PRESISI)
        rp = self.rating_perilaku(rerata, tabel, params)
        pk = self.kuadran(rh, rp, params)
        opd = {"opd_id": peg["opd_id"].to_numpy()} if "opd_id" in peg else {}
        hasil = bingkai({
            "asn_id": ids, **opd,
            "kepala_unit": peg["kepala_unit"].to_numpy(dtype=bool),
            "capaian_kinerja_organisasi": kategori(peg["capaian_kinerja_organisasi"],
                                                   CAPAIAN_ORGANISASI),
            "jumlah_iki": cap["jumlah_iki"].to_numpy(),
            "capaian_hasil_kerja": capaian,
            "rating_hasil_kerja": kategori(rh, RATING),
            **{v: vals[v].to_numpy() for v in BERAKHLAK},
            "perilaku_rerata": rerata,
            "rating_perilaku_kerja": kategori(rp, RATING),
            "predikat_kuadran": kategori(pk, PREDIKAT),
        })
        pred, catatan = self.terapkan_kurva(hasil, tabel, params)
        pc = kode_kategori(pred, PREDIKAT)
        hasil["predikat"] = kategori_dari_kode(pc, PREDIKAT)
        hasil["dipaksa_kurva"] = pc != hasil["predikat_kuadran"].cat.codes.to_numpy()
        ak = params["persentase_angka_kredit"]
        ak_lut = np.array([float(ak.get(x, np.nan)) for x in PREDIKAT] + [np.nan])
        hasil["persentase_angka_kredit"] = ak_lut[pc]
        hasil["peringkat"] = _PERINGKAT_LUT[pc]
        catatan["iki"] = tabel["_iki"]
        return Hasil(hasil, catatan)

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        out.pop("dipaksa_kurva", None)
        iki = hasil.catatan.get("iki")
        if iki is not None and len(iki):
            out["iki"] = [{"capaian_iki": float(c)} for c in iki["capaian_iki"]]
        return out

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        L = self.langkah_parameter
        k = partial(komponen, lang=lang)
        steps: list[Langkah] = []
        aid = int(baris["asn_id"])
        iki = evaluation.catatan.get("iki")
        if iki is not None:
            mine = iki.loc[iki["asn_id"] == aid]
            for r in mine.itertuples():
                steps.append(L(p, "batas_atas_capaian_iki", k("capaian_iki", id=r.iki_id),
                               nilai=float(r.capaian_iki), ambang=f"{k('bobot')} {r.bobot:.3g}"))
        cap = baris["capaian_hasil_kerja"]
        rh = label("rating", baris["rating_hasil_kerja"], lang)
        head = bool(baris["kepala_unit"]) and p["kepala_unit_pakai_capaian_organisasi"]
        if head and pd.notna(baris["capaian_kinerja_organisasi"]):
            org = baris["capaian_kinerja_organisasi"]
            steps.append(L(p, "kepala_unit_pakai_capaian_organisasi", k("kepala_unit"),
                           nilai=label("capaian_organisasi", org, lang)))
            steps.append(L(p, "pemetaan_capaian_organisasi", k("rating_hasil_kerja"),
                           nilai=label("capaian_organisasi", org, lang), hasil=rh,
                           nilai_parameter={org: p["pemetaan_capaian_organisasi"].get(org)}))
        else:
            steps.append(L(p, "ambang_hasil_di_atas", k("capaian_hasil_kerja"), nilai=cap,
                           ambang=f"≥ {p['ambang_hasil_di_atas']} / ≥ {p['ambang_hasil_sesuai']}",
                           hasil=rh))
            steps.append(L(p, "ambang_hasil_sesuai", k("rating_hasil_kerja"), nilai=cap, hasil=rh))
        scores = {label("berakhlak", v, lang): baris[v] for v in BERAKHLAK}
        steps.append(L(p, "sumber_perilaku", k("nilai_berakhlak"), nilai=scores))
        rp = label("rating", baris["rating_perilaku_kerja"], lang)
        steps.append(L(p, "ambang_perilaku_di_atas", k("perilaku_rerata"),
                       nilai=baris["perilaku_rerata"],
                       ambang=f"≥ {p['ambang_perilaku_di_atas']} / ≥ {p['ambang_perilaku_sesuai']}",
                       hasil=rp))
        steps.append(L(p, "ambang_perilaku_sesuai", k("rating_perilaku_kerja"),
                       nilai=baris["perilaku_rerata"], hasil=rp))
        pk = label("predikat", baris["predikat_kuadran"], lang)
        h_id, p_id = str(baris["rating_hasil_kerja"]), str(baris["rating_perilaku_kerja"])
        steps.append(L(p, "kuadran", k("kuadran"), nilai=f"{rh} × {rp}", hasil=pk,
                       nilai_parameter=f"[{h_id}][{p_id}] = {p['kuadran'][h_id][p_id]}"))
        if p["kurva_distribusi"] != "abaikan":
            steps.append(Langkah(k("kurva"), nilai=pk,
                                 hasil=label("predikat", baris["predikat"], lang),
                                 parameter="kurva_distribusi",
                                 nilai_parameter=p["kurva_distribusi"],
                                 referensi=p.referensi("kurva_distribusi")))
        steps.append(L(p, "persentase_angka_kredit", k("persentase_angka_kredit"),
                       nilai=label("predikat", baris["predikat"], lang),
                       hasil=baris["persentase_angka_kredit"],
                       nilai_parameter={str(baris["predikat"]): baris["persentase_angka_kredit"]}))
        return steps


register(Permenpanrb6)
