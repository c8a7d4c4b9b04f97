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

The rule is a named list of steps (:mod:`simkit.rules.kuadran_kinerja`): ``capaian``,
``rating_hasil``, ``nilai_perilaku``, ``rating_perilaku``, ``kuadran``, ``kurva``,
``angka_kredit``. A reform subclasses :class:`Permenpanrb6` and replaces steps by name::

    tahap = ganti_tahap(Permenpanrb6.tahap, RatingHasilIkm())

>>> from simkit.rules import get_rule
>>> r = get_rule("permenpanrb_6_2022")
>>> r.evaluate_case({"capaian_hasil_kerja": 112, "perilaku": {v: 5 for v in BERAKHLAK}})["predikat"]
'sangat_baik'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT, RATING
from simkit.population.schema import (
    BERAKHLAK,
    PERAN_PENILAI,
    PERILAKU_SKALA,
)
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, periksa_masukan
from simkit.rules.evaluation import Evaluation
from simkit.rules.iki import rata_per_id, siapkan_iki
from simkit.rules.kasus_kelompok import (
    MASUKAN,
    DukungKelompok,
    adalah_kelompok,
    keluaran_kelompok,
    periksa_kelompok,
    tabel_kelompok,
)
from simkit.rules.kuadran_kinerja import TAHAP, KeadaanKinerja, susun_hasil
from simkit.rules.larik import (
    ada_di,
    bingkai,
    kategori_dari_kode,
    kode_kategori,
    letak_id,
)
from simkit.rules.narasi import Narasi, narasi_kuadran
from simkit.rules.params import ParameterSet, cek_menurun
from simkit.rules.pemeriksa_populasi import Pemeriksa

_LO, _HI = PERILAKU_SKALA


_NILAI_7 = tuple(
    Masukan(v, "angka", dwibahasa(f"skor {v} (skala 1-5)", f"{v} score (1-5 scale)"), min=_LO, max=_HI)
    for v in BERAKHLAK
)
_IKI = Masukan("iki", "daftar", dwibahasa("indikator kinerja individu", "individual indicators"),
               isi=Masukan("iki", "mapping", kunci=(
                   Masukan("target", "angka", dwibahasa("target (> 0)", "target (> 0)"), min=0,
                           min_eksklusif=True, wajib=True),
                   Masukan("realisasi", "angka", dwibahasa("realisasi", "realisation"), min=0,
                           wajib=True),
                   Masukan("arah", "pilihan", dwibahasa("arah", "direction"), pilihan=("naik", "turun")),
                   Masukan("bobot", "angka", dwibahasa("bobot", "weight"), min=0),
               )))


class Permenpanrb6(Rule):
    """Kuadran kinerja of PermenPANRB 6/2022 (see the module docstring)."""

    id = "permenpanrb_6_2022"
    tingkat = "pegawai"
    tabel = ("pegawai", "iki", "penilaian_perilaku", "kinerja_organisasi")
    tahap = TAHAP
    kolom_penilaian: tuple[str, ...] = ()
    """Extra ``penilaian_perilaku`` columns a subclass needs in the behaviour table (validated:
    present, no NaN; carried as int64), e.g. ``penilai_id`` for rater calibration."""
    inputs = (
        Masukan("rating_hasil_kerja", "pilihan", dwibahasa("rating hasil kerja", "results rating"),
                pilihan=RATING),
        Masukan("rating_perilaku_kerja", "pilihan", dwibahasa("rating perilaku kerja",
                                                       "behaviour rating"), pilihan=RATING),
        Masukan("capaian_hasil_kerja", "angka",
                dwibahasa("capaian hasil kerja (% dari target)", "results achieved (% of target)"),
                satuan="persen", min=0, sumber="iki.target, iki.realisasi, iki.arah, iki.bobot"),
        _IKI,
        Masukan("perilaku", "mapping", dwibahasa("skor tujuh nilai BerAKHLAK (skala 1-5)",
                                          "scores of the seven BerAKHLAK values (1-5)"),
                kunci=tuple(Masukan(m.nama, m.tipe, m.deskripsi, min=m.min, max=m.max, wajib=True)
                            for m in _NILAI_7),
                sumber="penilaian_perilaku"),
        Masukan("perilaku_per_peran", "mapping",
                dwibahasa("skor BerAKHLAK per peran penilai (atasan/rekan/bawahan/diri)",
                   "BerAKHLAK scores per rater role (atasan/rekan/bawahan/diri)"),
                kunci=tuple(Masukan(p, "mapping", kunci=tuple(
                    Masukan(m.nama, m.tipe, m.deskripsi, min=m.min, max=m.max, wajib=True)
                    for m in _NILAI_7)) for p in PERAN_PENILAI),
                sumber="penilaian_perilaku"),
        Masukan("kepala_unit", "boolean", dwibahasa("kepala unit", "head of unit"), bawaan=False,
                sumber="pegawai.kepala_unit"),
        Masukan("capaian_kinerja_organisasi", "pilihan",
                dwibahasa("capaian kinerja organisasi unit yang dipimpin", "result of the unit headed"),
                pilihan=CAPAIAN_ORGANISASI, sumber="kinerja_organisasi"),
        *MASUKAN,
    )
    """A case is one employee, or a group (``pegawai``, :mod:`simkit.rules.kasus_kelompok`):
    the SE 3/2023 curve is shown on a group."""
    kolom_kelompok: tuple[str, ...] = (*DukungKelompok.kolom_kelompok, "predikat_kuadran")
    """The columns of each ``pegawai`` element of a group case's output."""
    outputs = (
        Keluaran("capaian_hasil_kerja", dwibahasa("capaian hasil kerja", "results achieved"), "persen"),
        Keluaran("rating_hasil_kerja", dwibahasa("rating hasil kerja", "results rating"), pilihan=RATING),
        Keluaran("perilaku_rerata", dwibahasa("rata-rata tujuh nilai BerAKHLAK", "mean BerAKHLAK score"),
                 "skor 1-5"),
        Keluaran("rating_perilaku_kerja", dwibahasa("rating perilaku kerja", "behaviour rating"),
                 pilihan=RATING),
        Keluaran("predikat_kuadran", dwibahasa("predikat dari kuadran (sebelum kurva)",
                                        "predikat from the quadrant (before the curve)"),
                 pilihan=PREDIKAT),
        Keluaran("predikat", dwibahasa("predikat kinerja pegawai", "employee predikat"),
                 pilihan=PREDIKAT),
        Keluaran("persentase_angka_kredit", dwibahasa("persentase koefisien angka kredit",
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
            "unit_id": peg["unit_id"].to_numpy(),
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
        if probs or adalah_kelompok(inputs):
            return probs or periksa_kelompok(inputs)
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
        if adalah_kelompok(inputs):
            return tabel_kelompok(inputs)
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
    keadaan = KeadaanKinerja
    susun = susun_hasil

    def narasi(self, evaluation: Evaluation, baris: pd.Series, lang: str,
               iki: pd.DataFrame | None = None) -> Narasi:
        return narasi_kuadran(evaluation, baris, lang, iki)

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        if adalah_kelompok(inputs):
            return keluaran_kelompok(hasil.hasil, self.kolom_kelompok, hasil.catatan)
        out = super().keluaran_kasus(hasil, inputs)
        out.pop("dipaksa_kurva", None)
        iki = hasil.catatan.get("iki")
        if iki is not None and len(iki):
            out["iki"] = [{"capaian_iki": float(c)} for c in iki["capaian_iki"]]
        return out
