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

Per employee: nilai_skp = mean of nilai_capaian + ``nilai_tugas_tambahan`` (by the number of
tugas tambahan) + ``nilai_kreativitas`` (by the level that benefits: unit kerja, organisasi,
negara), Perka BKN 1/2013, the figures an ASSUMPTION until the text is seen; nilai_perilaku =
mean of the five aspects (six with ``kepemimpinan`` for pejabat struktural);
nilai_prestasi_kerja = bobot_skp·SKP + bobot_perilaku·perilaku; ``sebutan`` (and ``sebutan_skp``, ``sebutan_perilaku``) by
``batas_sebutan`` (a value strictly above a bound gets that class).

On a population every IKI row is one kegiatan: target/realisasi are the kuantitas, the PP 46
columns give kualitas, waktu and biaya. For arah ``turun`` see ``kuantitas_arah_turun`` (at
least ``batas_bawah_kuantitas_turun``). Tugas tambahan and kreativitas come from the optional
``perilaku_aspek`` columns of the same names (absent or empty: none).

The rule is a named list of steps over :class:`KeadaanPp46` (:data:`TAHAP`): ``kuantitas``,
``kualitas``, ``waktu``, ``biaya``, ``nilai_capaian`` (per kegiatan), ``tugas_tambahan``,
``kreativitas``, ``nilai_skp``, ``nilai_perilaku``, ``nilai_prestasi_kerja``, ``sebutan``. A reform subclasses :class:`Pp46`
and replaces steps by name (``tahap = ganti_tahap(Pp46.tahap, ...)``).

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
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.i18n import label
from simkit.kosakata import SEBUTAN_PP46
from simkit.population.schema import ASPEK_PERILAKU_PP46, KREATIVITAS
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.iki import PRESISI, siapkan_iki
from simkit.rules.larik import ada_di, bingkai, kategori_dari_kode, letak_id, pilih_kode
from simkit.rules.params import ParameterSet, cek_menurun
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.skp_numerik import (
    ASPEK_MAKS,
    KEPEMIMPINAN,
    MASUKAN_TAMBAHAN,
    KeadaanSkp,
    TahapRinci,
    TugasTambahan,
    jelaskan_rinci,
    nilai_aspek,
    nilai_kreativitas,
    pejabat_struktural,
    periksa_aspek,
    rerata_aspek,
    siapkan_pegawai,
    siapkan_tambahan,
    tambahan_kasus,
)
from simkit.rules.tahap import Tahap

ASPEK = tuple(a for a in ASPEK_PERILAKU_PP46 if a != KEPEMIMPINAN)
"""The five PP 46/2011 perilaku aspects for everyone (kepemimpinan: struktural only)."""
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
    """Sebutan of values ``x`` (a Categorical over SEBUTAN_PP46): a value above a bound gets that
    class."""
    b = params["batas_sebutan"]
    x = np.asarray(x, dtype=float)
    return kategori_dari_kode(pilih_kode([x > b["sangat_baik"], x > b["baik"], x > b["cukup"],
                                 x > b["kurang"], ~np.isnan(x)]), SEBUTAN_PP46)


@dataclass(frozen=True, kw_only=True)
class KeadaanPp46(KeadaanSkp):
    """The working state of one PP 46/2011 evaluation, filled in step by step.

    Core tables: ``pegawai`` (one row per employee: ``asn_id``, the aspect scores and
    ``kepemimpinan``, NaN outside struktural, ``tugas_tambahan`` (NaN: not recorded) and
    ``kreativitas`` (codes in KREATIVITAS, -1: not recorded)) and ``kegiatan`` (one row per
    task). Then each
    step's outputs: per kegiatan aligned with ``kegiatan`` (not rounded), per employee aligned
    with ``pegawai``.
    """

    kegiatan: pd.DataFrame
    nilai_kuantitas: np.ndarray | None = None
    nilai_kualitas: np.ndarray | None = None
    efisiensi_waktu: np.ndarray | None = None
    nilai_waktu: np.ndarray | None = None
    ada_biaya: np.ndarray | None = None
    """Per kegiatan: a biaya target given (the biaya aspect counts)?"""
    efisiensi_biaya: np.ndarray | None = None
    nilai_biaya: np.ndarray | None = None
    perhitungan: np.ndarray | None = None
    jumlah_aspek: np.ndarray | None = None
    nilai_capaian: np.ndarray | None = None
    jumlah_kegiatan: np.ndarray | None = None
    nilai_kreativitas: np.ndarray | None = None
    rerata_nilai_capaian: np.ndarray | None = None
    """Per employee: the mean nilai_capaian of the kegiatan (nilai SKP before the additions)."""
    jumlah_aspek_perilaku: np.ndarray | None = None
    nilai_prestasi_kerja: np.ndarray | None = None
    sebutan: pd.Categorical | None = None
    sebutan_skp: pd.Categorical | None = None
    sebutan_perilaku: pd.Categorical | None = None


# --------------------------------------------------------------------------- the steps


class Kuantitas(TahapRinci):
    """Per kegiatan RO/TO × 100; arah ``turun`` by ``kuantitas_arah_turun``."""

    nama = "kuantitas"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        keg = k.kegiatan
        ratio = keg["realisasi_kuantitas"].to_numpy() / keg["target_kuantitas"].to_numpy()
        khusus = (keg["turun"].to_numpy()
                  & (k.params["kuantitas_arah_turun"] == "kondisi_khusus"))
        lantai = k.params["batas_bawah_kuantitas_turun"]
        return replace(k, nilai_kuantitas=np.where(
            khusus, np.maximum((2.0 - ratio) * 100.0, lantai), ratio * 100.0))

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        return [langkah_parameter(evaluation.params, "kuantitas_arah_turun",
                                  komponen("nilai_kuantitas", lang, id=rinci.kegiatan_id),
                                  nilai=rinci.nilai_kuantitas)]


class Kualitas(TahapRinci):
    """Per kegiatan RK/TK × 100."""

    nama = "kualitas"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        keg = k.kegiatan
        return replace(k, nilai_kualitas=keg["realisasi_kualitas"].to_numpy()
                       / keg["target_kualitas"].to_numpy() * 100.0)

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        return [langkah_parameter(evaluation.params, "target_kualitas_bawaan",
                                  komponen("nilai_kualitas", lang, id=rinci.kegiatan_id),
                                  nilai=rinci.nilai_kualitas)]


def _langkah_efisiensi(evaluation: Evaluation, kp: str, efisiensi: float, nilai: float,
                       lang: str) -> Langkah:
    p = evaluation.params
    return langkah_parameter(p, "batas_efisiensi", kp,
                             nilai=f"{komponen('efisiensi', lang)} {efisiensi:.2f}",
                             ambang=f"≤ {p['batas_efisiensi']}", hasil=nilai)


class Waktu(TahapRinci):
    """Per kegiatan the waktu aspect (:func:`aspek_efisiensi` of TW, RW)."""

    nama = "waktu"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        eff, nilai = aspek_efisiensi(k.kegiatan["target_waktu"], k.kegiatan["realisasi_waktu"],
                                     k.params)
        return replace(k, efisiensi_waktu=eff, nilai_waktu=nilai)

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        return [_langkah_efisiensi(evaluation, komponen("nilai_waktu", lang, id=rinci.kegiatan_id),
                                   rinci.efisiensi_waktu, rinci.nilai_waktu, lang)]


class Biaya(TahapRinci):
    """Per kegiatan with a biaya target the biaya aspect (:func:`aspek_efisiensi` of TB, RB);
    NaN without one."""

    nama = "biaya"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        tb = k.kegiatan["target_biaya"].to_numpy(dtype=float)
        ada = ~np.isnan(tb)
        eff, nilai = aspek_efisiensi(tb, k.kegiatan["realisasi_biaya"], k.params)
        return replace(k, ada_biaya=ada, efisiensi_biaya=np.where(ada, eff, np.nan),
                       nilai_biaya=np.where(ada, nilai, np.nan))

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        if np.isnan(rinci.nilai_biaya):
            return []
        return [_langkah_efisiensi(evaluation, komponen("nilai_biaya", lang, id=rinci.kegiatan_id),
                                   rinci.efisiensi_biaya, rinci.nilai_biaya, lang)]


class NilaiCapaian(TahapRinci):
    """Per kegiatan ``perhitungan`` = the sum of the aspects and ``nilai_capaian`` =
    perhitungan / 3 (no biaya) or / 4."""

    nama = "nilai_capaian"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        ada = k.ada_biaya
        perhitungan = (k.nilai_kuantitas + k.nilai_kualitas + k.nilai_waktu
                       + np.where(ada, k.nilai_biaya, 0.0))
        n_aspek = np.where(ada, 4, 3)
        return replace(k, perhitungan=perhitungan, jumlah_aspek=n_aspek.astype(np.int8),
                       nilai_capaian=np.round(perhitungan / n_aspek, PRESISI))

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        return [langkah_parameter(evaluation.params, "konstanta_efisiensi",
                                  komponen("nilai_capaian", lang, id=rinci.kegiatan_id),
                                  nilai=rinci.perhitungan, ambang=f"/ {rinci.jumlah_aspek}",
                                  hasil=rinci.nilai_capaian)]


def _langkah_bobot(evaluation: Evaluation, baris: pd.Series, bobot: str, kolom: str,
                   kolom_sebutan: str, lang: str) -> Langkah:
    """The step 'value × weight', with the value's own sebutan."""
    p = evaluation.params
    return langkah_parameter(p, bobot, komponen(kolom, lang), nilai=baris[kolom],
                             ambang=f"× {p[bobot]}",
                             hasil=label("predikat", baris[kolom_sebutan], lang))


class Kreativitas(Tahap):
    """``nilai_kreativitas`` of the level that benefits (``nilai_kreativitas``)."""

    nama = "kreativitas"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        return replace(k, nilai_kreativitas=nilai_kreativitas(
            k.pegawai["kreativitas"].to_numpy(), k.params["nilai_kreativitas"]))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        level = baris["kreativitas"] if pd.notna(baris["kreativitas"]) else "tidak"
        return [langkah_parameter(evaluation.params, "nilai_kreativitas",
                                  komponen("nilai_kreativitas", lang),
                                  nilai=label("kreativitas", level, lang),
                                  hasil=baris["nilai_kreativitas"],
                                  nilai_parameter={level: baris["nilai_kreativitas"]})]


class NilaiSkp(Tahap):
    """``nilai_skp`` = the mean of the employee's ``nilai_capaian`` + ``nilai_tugas_tambahan``
    + ``nilai_kreativitas``; ``jumlah_kegiatan``."""

    nama = "nilai_skp"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        per = pd.Series(k.nilai_capaian).groupby(k.kegiatan["asn_id"].to_numpy(),
                                                 sort=False).agg(["mean", "size"])
        pos = letak_id(per.index.to_numpy(), k.ids)
        ada, pos = pos >= 0, np.maximum(pos, 0)
        rerata = np.round(np.where(ada, per["mean"].to_numpy()[pos], np.nan), PRESISI)
        return replace(
            k, rerata_nilai_capaian=rerata,
            nilai_skp=np.round(rerata + k.nilai_tugas_tambahan + k.nilai_kreativitas, PRESISI),
            jumlah_kegiatan=np.where(ada, per["size"].to_numpy()[pos], 0).astype(np.int16))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        return [_langkah_bobot(evaluation, baris, "bobot_skp", "nilai_skp", "sebutan_skp", lang)]


class NilaiPerilaku(Tahap):
    """``nilai_perilaku`` = the mean of the aspects given (five, six with ``kepemimpinan``)."""

    nama = "nilai_perilaku"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        kolom = [*k.params["aspek_perilaku"], KEPEMIMPINAN]
        rerata, n = rerata_aspek(k.pegawai[kolom].to_numpy(dtype=float))
        return replace(k, nilai_perilaku=np.round(rerata, PRESISI),
                       jumlah_aspek_perilaku=n.astype(np.int8))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        aspek = {a: baris[a] for a in (*p["aspek_perilaku"], KEPEMIMPINAN) if pd.notna(baris[a])}
        return [langkah_parameter(p, "aspek_perilaku", komponen("aspek_perilaku", lang),
                                  nilai=aspek),
                _langkah_bobot(evaluation, baris, "bobot_perilaku", "nilai_perilaku",
                               "sebutan_perilaku", lang)]


class NilaiPrestasiKerja(Tahap):
    """``nilai_prestasi_kerja`` = bobot_skp·SKP + bobot_perilaku·perilaku (60/40)."""

    nama = "nilai_prestasi_kerja"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        p = k.params
        return replace(k, nilai_prestasi_kerja=np.round(
            p["bobot_skp"] * k.nilai_skp + p["bobot_perilaku"] * k.nilai_perilaku, PRESISI))


class Sebutan(Tahap):
    """``sebutan`` of nilai prestasi kerja, ``sebutan_skp`` and ``sebutan_perilaku``
    (:func:`sebutan`, ``batas_sebutan``)."""

    nama = "sebutan"

    def hitung(self, k: KeadaanPp46) -> KeadaanPp46:
        return replace(k, sebutan=sebutan(k.nilai_prestasi_kerja, k.params),
                       sebutan_skp=sebutan(k.nilai_skp, k.params),
                       sebutan_perilaku=sebutan(k.nilai_perilaku, k.params))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        return [langkah_parameter(evaluation.params, "batas_sebutan",
                                  komponen("nilai_prestasi_kerja", lang),
                                  nilai=baris["nilai_prestasi_kerja"],
                                  hasil=label("predikat", baris["sebutan"], lang))]


TAHAP: tuple[Tahap, ...] = (Kuantitas(), Kualitas(), Waktu(), Biaya(), NilaiCapaian(),
                            TugasTambahan(), Kreativitas(), NilaiSkp(), NilaiPerilaku(),
                            NilaiPrestasiKerja(), Sebutan())
"""The steps of PP 46/2011, in order."""


def susun_hasil(k: KeadaanPp46) -> Hasil:
    """The result (one row per employee) and the per-kegiatan ``catatan`` of a finished state."""
    keg, peg = k.kegiatan, k.pegawai
    detail = bingkai({
        "kegiatan_id": keg["kegiatan_id"].to_numpy(), "asn_id": keg["asn_id"].to_numpy(),
        "nilai_kuantitas": np.round(k.nilai_kuantitas, PRESISI),
        "nilai_kualitas": np.round(k.nilai_kualitas, PRESISI),
        "efisiensi_waktu": k.efisiensi_waktu, "nilai_waktu": k.nilai_waktu,
        "efisiensi_biaya": k.efisiensi_biaya, "nilai_biaya": k.nilai_biaya,
        "perhitungan": np.round(k.perhitungan, PRESISI), "jumlah_aspek": k.jumlah_aspek,
        "nilai_capaian": k.nilai_capaian,
    })
    hasil = bingkai({
        "asn_id": k.ids, "jumlah_kegiatan": k.jumlah_kegiatan,
        "rerata_nilai_capaian": k.rerata_nilai_capaian,
        "tugas_tambahan": peg["tugas_tambahan"].to_numpy(dtype=float),
        "nilai_tugas_tambahan": k.nilai_tugas_tambahan,
        "kreativitas": kategori_dari_kode(peg["kreativitas"].to_numpy(), KREATIVITAS),
        "nilai_kreativitas": k.nilai_kreativitas,
        "nilai_skp": k.nilai_skp, "sebutan_skp": k.sebutan_skp,
        **{a: peg[a].to_numpy(dtype=float) for a in [*k.params["aspek_perilaku"], KEPEMIMPINAN]},
        "jumlah_aspek_perilaku": k.jumlah_aspek_perilaku,
        "nilai_perilaku": k.nilai_perilaku, "sebutan_perilaku": k.sebutan_perilaku,
        "nilai_prestasi_kerja": k.nilai_prestasi_kerja, "sebutan": k.sebutan,
        "predikat": k.sebutan, "nilai": k.nilai_prestasi_kerja,
    })
    return Hasil(hasil, {"kegiatan": detail})


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
        *(_angka(a, f"aspek {a} (0-100)", f"aspect {a} (0-100)", maks=ASPEK_MAKS)
          for a in ASPEK),
        _angka("kepemimpinan", "aspek kepemimpinan (0-100; hanya pejabat struktural)",
               "leadership aspect (0-100; pejabat struktural only)", wajib=False,
               maks=ASPEK_MAKS),
        *MASUKAN_TAMBAHAN,
    )
    outputs = (
        Keluaran("kegiatan", dwibahasa("per kegiatan: nilai_kuantitas, nilai_kualitas, nilai_waktu, "
                                "nilai_biaya, perhitungan, nilai_capaian",
                                "per task: the aspect scores, perhitungan, nilai_capaian")),
        Keluaran("nilai_tugas_tambahan", dwibahasa("nilai tugas tambahan", "additional tasks value")),
        Keluaran("nilai_kreativitas", dwibahasa("nilai kreativitas", "creativity value")),
        Keluaran("nilai_skp", dwibahasa("nilai SKP (rata-rata nilai capaian + tambahan)",
                                        "SKP score (mean nilai capaian + additions)")),
        Keluaran("nilai_perilaku", dwibahasa("nilai perilaku kerja", "behaviour score")),
        Keluaran("nilai_prestasi_kerja", dwibahasa("nilai prestasi kerja", "work achievement score")),
        Keluaran("sebutan", dwibahasa("sebutan nilai prestasi kerja", "category"), pilihan=SEBUTAN_PP46),
        Keluaran("sebutan_skp", dwibahasa("sebutan nilai SKP", "SKP category"), pilihan=SEBUTAN_PP46),
        Keluaran("sebutan_perilaku", dwibahasa("sebutan nilai perilaku", "behaviour category"),
                 pilihan=SEBUTAN_PP46),
    )

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        peg, ids = siapkan_pegawai(population, pm)
        iki = siapkan_iki(population, pm, ids, extra=_KOLOM_PP46)
        if iki is not None and not pm.masalah:
            for c in ("target_kualitas", "target_waktu"):
                pm.positif(iki, "iki", c, "asn_id")
            pm.rentang(iki, "iki", "realisasi_kualitas", 0, None, "asn_id")
            pm.rentang(iki, "iki", "realisasi_waktu", 0, None, "asn_id")
            pm.kolom(population.iki, "iki", ("target_biaya", "realisasi_biaya"))
        aspek = list(params["aspek_perilaku"])
        periksa_aspek(population, pm, aspek)
        tugas, kreatif = siapkan_tambahan(population, pm, ids)
        pm.selesai()
        tb = iki["target_biaya"].to_numpy(dtype=float)
        rb = iki["realisasi_biaya"].to_numpy(dtype=float)
        half = np.isnan(tb) != np.isnan(rb)
        pm.tandai(iki, half, "iki", "realisasi_biaya", "asn_id", "aturan_nilai_kosong")
        pm.tandai(iki, ~np.isnan(tb) & ~(tb > 0), "iki", "target_biaya", "asn_id",
                  "aturan_tidak_positif", diharapkan="> 0")
        kegiatan = bingkai({
            "kegiatan_id": iki["iki_id"].to_numpy(), "asn_id": iki["asn_id"].to_numpy(),
            "turun": (iki["arah"] == "turun").to_numpy(dtype=bool),
            "target_kuantitas": iki["target"].to_numpy(dtype=float),
            "realisasi_kuantitas": iki["realisasi"].to_numpy(dtype=float),
            **{c: iki[c].to_numpy(dtype=float) for c in _KOLOM_PP46},
            "target_biaya": tb, "realisasi_biaya": rb,
        })
        pegawai = bingkai({"asn_id": ids})
        if not pm.masalah:
            nilai = nilai_aspek(population, pm, ids, pejabat_struktural(peg), aspek)
            pegawai = bingkai({"asn_id": ids, **{a: nilai[:, i] for i, a in
                                                 enumerate([*aspek, KEPEMIMPINAN])},
                               "tugas_tambahan": tugas, "kreativitas": kreatif})
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
                                KEPEMIMPINAN: [float(inputs.get(KEPEMIMPINAN, nan))],
                                **tambahan_kasus(inputs)})
        return {"pegawai": pegawai, "kegiatan": kegiatan}

    # ------------------------------------------------------------------ the rule
    tahap = TAHAP
    keadaan = KeadaanPp46
    susun = susun_hasil

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
        """Per kegiatan the steps ``kuantitas`` .. ``nilai_capaian``; then the others."""
        return jelaskan_rinci(self.tahap, evaluation, baris, lang, "kegiatan")
