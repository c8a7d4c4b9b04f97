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
   table is written for whole percents: no gap, never a stale value; ``interpolasi`` keeps a
   capaian inside a band as it is and rounds only in the gaps 59-60, 79-80, 99-100, 100-101),
   then
   ``nilai_capaian_iki`` from the bands of ``tabel_nilai_iki`` (linear inside a band; 100 % →
   109; above the last band → ``nilai_iki_di_atas_tabel`` = 120). A maximal target
   (``target_maksimal``: 100 % is the most attainable) reaching
   ``ambang_capaian_target_maksimal`` (100 %, after rounding) scores
   ``nilai_target_maksimal`` = 120 instead (never less than the table).
3. ``nilai_skp`` = Σ bobot·nilai_capaian_iki / Σ bobot (weights of the IKI; equal in cases
   unless ``bobot`` is given) + ``nilai_tugas_tambahan`` of the number of tugas tambahan
   (PermenPANRB 8/2021: utama + tambahan; the figures an ASSUMPTION), at most ``nilai_maks``.
4. ``nilai_perilaku``: a case gives it; on a population it is the mean of the PP 30 aspects
   in ``aspek_perilaku`` (table ``perilaku_aspek``) plus ``kepemimpinan`` for pejabat
   struktural (ASSUMPTION, documented in the parameter).
5. ``nilai_kinerja`` = bobot_skp·SKP + bobot_perilaku·perilaku (70/30), or the ``_360``
   weights (60/40) when ``pakai_360`` (Pasal 41).
6. ``ada_inovasi``: a case may give it; else a recorded ``kreativitas`` (table
   ``perilaku_aspek``) in ``kreativitas_inovasi`` (organisasi, negara: Pasal 41(5)a "bermanfaat
   bagi organisasi atau negara"); else the parameter ``inovasi``.
7. ``predikat``: ≥ ``batas_sangat_baik`` and ``ada_inovasi`` → sangat_baik; ≥ ``batas_baik`` →
   baik; ≥ ``batas_cukup`` → cukup; ≥ ``batas_kurang`` → kurang; else sangat_kurang
   (Pasal 41(5)). Inputs are bounded by ``nilai_maks`` (120), so x ≤ 120 always holds.

On a population the range and maximal targets come from the optional ``iki`` columns
``target_bawah``, ``target_atas`` and ``target_maksimal`` (:data:`~simkit.rules.iki.
KOLOM_RENTANG`): the population schema does not have them, so they reach the rule from an
in-memory population whose ``iki`` table carries them; without them every IKI is a single,
non-maximal target.

The rule is a named list of steps over :class:`KeadaanPp30` (:data:`TAHAP`): ``target``,
``capaian``, ``nilai_iki`` (per IKI), ``tugas_tambahan``, ``nilai_skp``, ``nilai_perilaku``,
``nilai_kinerja``, ``inovasi``, ``predikat``. A reform subclasses :class:`Pp30` and replaces steps by name
(``tahap = ganti_tahap(Pp30.tahap, ...)``); the per-IKI steps explain themselves per IKI.

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
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import label
from simkit.kosakata import PREDIKAT_PP30
from simkit.population.schema import KREATIVITAS
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, masalah_jalur, periksa_masukan
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
from simkit.rules.larik import bingkai, kategori_dari_kode, pilih_kode
from simkit.rules.params import ParameterSet, cek_menurun
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.skp_numerik import (
    KEPEMIMPINAN,
    MASUKAN_TAMBAHAN,
    KeadaanSkp,
    TahapRinci,
    TugasTambahan,
    jelaskan_rinci,
    nilai_aspek,
    pejabat_struktural,
    periksa_aspek,
    rerata_aspek,
    siapkan_pegawai,
    siapkan_tambahan,
    tambahan_kasus,
)
from simkit.rules.tahap import Tahap


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


def bulatkan(capaian: np.ndarray, cara: str,
             tabel: list[Mapping[str, float]] | None = None) -> np.ndarray:
    """The capaian the table is read at: ``bulat`` = whole percent, half up; ``bawah`` =
    floor; ``interpolasi`` = as it is inside a band of ``tabel``, half up in a gap.

    >>> bands = [{"dari": 80, "sampai": 99}, {"dari": 100, "sampai": 100}]
    >>> bulatkan(np.array([85.5, 99.4, 99.5, 100.2]), "interpolasi", bands).tolist()
    [85.5, 99.0, 100.0, 100.0]
    """
    c = np.round(np.asarray(capaian, dtype=float), PRESISI)
    if cara == "bawah":
        return np.floor(c)
    bulat = np.floor(c + 0.5)
    if cara != "interpolasi":
        return bulat
    di_pita = np.zeros(c.shape, dtype=bool)
    for b in tabel or ():
        di_pita |= (c >= float(b["dari"])) & (c <= float(b["sampai"]))
    return np.where(di_pita, c, bulat)


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


@dataclass(frozen=True, kw_only=True)
class KeadaanPp30(KeadaanSkp):
    """The working state of one PP 30/2019 evaluation, filled in step by step.

    Core tables: ``pegawai`` (one row per employee: ``asn_id``, ``pakai_360``,
    ``tugas_tambahan`` (NaN: not recorded), ``kreativitas`` (codes in KREATIVITAS, -1: not
    recorded); on a population the aspect scores, in a case ``nilai_skp_diberikan``,
    ``nilai_perilaku_diberikan`` and ``ada_inovasi_diberikan``) and ``iki`` (one row per
    indicator). Then each step's
    outputs: per IKI aligned with ``iki``, per employee aligned with ``pegawai``.
    """

    iki: pd.DataFrame
    target_dipakai: np.ndarray | None = None
    """Per IKI: the target compared with realisasi (a bound of a range target)."""
    rentang_target: np.ndarray | None = None
    """Per IKI: a range target? (None: the optional range columns are absent)."""
    target_bawah: np.ndarray | None = None
    target_atas: np.ndarray | None = None
    capaian_iki: np.ndarray | None = None
    capaian_dibulatkan: np.ndarray | None = None
    nilai_capaian_iki: np.ndarray | None = None
    target_maksimal: np.ndarray | None = None
    """Per IKI: a maximal target? (None: the optional column is absent)."""
    jumlah_iki: np.ndarray | None = None
    bobot_skp: np.ndarray | None = None
    bobot_perilaku: np.ndarray | None = None
    nilai_kinerja: np.ndarray | None = None
    ada_inovasi: np.ndarray | None = None
    predikat: pd.Categorical | None = None


# --------------------------------------------------------------------------- the steps


class Target(TahapRinci):
    """Per IKI ``target_dipakai``: ``target``, or for a range target the bound
    :func:`~simkit.rules.iki.target_efektif` picks (``pembanding_target_rentang``)."""

    nama = "target"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        iki = k.iki
        target = iki["target"].to_numpy(dtype=float)
        if not all(col in iki for col in KOLOM_RENTANG):  # optional columns (module docstring)
            return replace(k, target_dipakai=target)
        lo = pd.to_numeric(iki["target_bawah"]).to_numpy(dtype=float)
        hi = pd.to_numeric(iki["target_atas"]).to_numpy(dtype=float)
        target = target_efektif(target, lo, hi, iki["realisasi"].to_numpy(dtype=float),
                                k.params["pembanding_target_rentang"])
        return replace(k, target_dipakai=target, rentang_target=~np.isnan(lo) & ~np.isnan(hi),
                       target_bawah=lo, target_atas=hi)

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        if not getattr(rinci, "rentang_target", False):
            return []
        p = evaluation.params
        pembanding = p["pembanding_target_rentang"]
        acuan = rinci.target_atas if pembanding == "target_atas" else rinci.target_bawah
        return [langkah_parameter(
            p, "pembanding_target_rentang", komponen("target_iki", lang, id=rinci.iki_id),
            nilai=f"{rinci.target_bawah:g} - {rinci.target_atas:g}",
            ambang=f"{komponen('realisasi', lang)} {rinci.realisasi:g} "
                   f"{'>' if rinci.realisasi > acuan else '<='} {acuan:g}",
            hasil=float(rinci.target_dipakai))]


class Capaian(TahapRinci):
    """Per IKI ``capaian_iki`` (at least ``batas_bawah_capaian_iki``) and
    ``capaian_dibulatkan`` (:func:`bulatkan` by ``pembulatan_capaian``)."""

    nama = "capaian"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        iki = k.iki
        turun = (iki["arah"] == "turun").to_numpy(dtype=bool)
        c = capaian_iki(k.target_dipakai, iki["realisasi"].to_numpy(dtype=float), turun)
        c = np.maximum(c, k.params["batas_bawah_capaian_iki"])
        return replace(k, capaian_iki=c, capaian_dibulatkan=bulatkan(
            c, k.params["pembulatan_capaian"], k.params["tabel_nilai_iki"]))

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        return [langkah_parameter(evaluation.params, "pembulatan_capaian",
                                  komponen("capaian_iki", lang, id=rinci.iki_id),
                                  nilai=float(rinci.capaian_iki),
                                  hasil=float(rinci.capaian_dibulatkan))]


class NilaiIki(TahapRinci):
    """Per IKI ``nilai_capaian_iki`` from ``tabel_nilai_iki`` (:func:`nilai_dari_tabel`); a
    maximal target reaching ``ambang_capaian_target_maksimal`` scores at least
    ``nilai_target_maksimal``. A capaian no band covers is a located error."""

    nama = "nilai_iki"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        params, iki, cb = k.params, k.iki, k.capaian_dibulatkan
        nilai = nilai_dari_tabel(cb, params["tabel_nilai_iki"], params["nilai_iki_di_atas_tabel"])
        maks = None
        if KOLOM_MAKSIMAL in iki:
            maks = iki[KOLOM_MAKSIMAL].eq(True).to_numpy(dtype=bool)  # empty -> not maximal
            capai = maks & (cb >= params["ambang_capaian_target_maksimal"])
            nilai = np.where(capai, np.fmax(nilai, params["nilai_target_maksimal"]), nilai)
        gap = np.isnan(nilai)
        if gap.any():
            i = int(np.flatnonzero(gap)[0])
            raise SimkitError(Masalah("nilai_tidak_valid", bidang="tabel_nilai_iki",
                                      diharapkan="pita yang mencakup capaian",
                                      ditemukan=f"capaian {cb[i]:g} %"))
        return replace(k, nilai_capaian_iki=nilai, target_maksimal=maks)

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        p = evaluation.params
        cb = float(rinci.capaian_dibulatkan)
        kp = komponen("nilai_capaian_iki", lang, id=rinci.iki_id)
        bobot = f"{komponen('bobot', lang)} {rinci.bobot:.3g}"
        hasil = float(rinci.nilai_capaian_iki)
        band = next((b for b in p["tabel_nilai_iki"] if b["dari"] <= cb <= b["sampai"]), None)
        if getattr(rinci, "target_maksimal", False) and cb >= p["ambang_capaian_target_maksimal"]:
            return [langkah_parameter(p, "nilai_target_maksimal", kp, nilai=cb, hasil=hasil,
                                      ambang=f"{komponen('target_maksimal', lang)}, >= "
                                             f"{p['ambang_capaian_target_maksimal']:g} %; "
                                             f"{bobot}")]
        if band is None:
            return [langkah_parameter(p, "nilai_iki_di_atas_tabel", kp, nilai=cb, hasil=hasil,
                                      ambang=bobot)]
        return [langkah_parameter(p, "tabel_nilai_iki", kp, nilai=cb, hasil=hasil, ambang=bobot,
                                  nilai_parameter=band)]


class NilaiSkp(Tahap):
    """``nilai_skp`` = Σ bobot·nilai_capaian_iki / Σ bobot + ``nilai_tugas_tambahan``, at most
    ``nilai_maks``, per employee (a case may give it) and ``jumlah_iki``."""

    nama = "nilai_skp"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        skp, _, cnt = rata_per_id(k.ids, k.iki["asn_id"].to_numpy(), k.nilai_capaian_iki,
                                  k.iki["bobot"].to_numpy())
        skp = np.minimum(skp + k.nilai_tugas_tambahan, k.params["nilai_maks"])
        if "nilai_skp_diberikan" in k.pegawai:
            given = k.pegawai["nilai_skp_diberikan"].to_numpy(dtype=float)
            skp = np.where(np.isnan(given), skp, given)
        return replace(k, nilai_skp=skp, jumlah_iki=cnt.astype(np.int16))


class NilaiPerilaku(Tahap):
    """``nilai_perilaku``: a case gives it; on a population the mean of the ``aspek_perilaku``
    scores, with ``kepemimpinan`` for pejabat struktural (:func:`~simkit.rules.skp_numerik.
    rerata_aspek`)."""

    nama = "nilai_perilaku"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        peg = k.pegawai
        if "nilai_perilaku_diberikan" in peg:
            return replace(k, nilai_perilaku=peg["nilai_perilaku_diberikan"].to_numpy(dtype=float))
        kolom = [*k.params["aspek_perilaku"], KEPEMIMPINAN]
        rerata, _ = rerata_aspek(peg[kolom].to_numpy(dtype=float))
        return replace(k, nilai_perilaku=rerata)


class NilaiKinerja(Tahap):
    """``nilai_kinerja`` = bobot_skp·SKP + bobot_perilaku·perilaku (70/30), or the ``_360``
    weights (60/40) for ``pakai_360``."""

    nama = "nilai_kinerja"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        params = k.params
        p360 = k.pegawai["pakai_360"].to_numpy(dtype=bool)
        w_skp = np.where(p360, params["bobot_skp_360"], params["bobot_skp"])
        w_per = np.where(p360, params["bobot_perilaku_360"], params["bobot_perilaku"])
        return replace(k, bobot_skp=w_skp, bobot_perilaku=w_per,
                       nilai_kinerja=np.round(w_skp * k.nilai_skp + w_per * k.nilai_perilaku,
                                              PRESISI))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        ws, wp = (("bobot_skp_360", "bobot_perilaku_360") if bool(baris["pakai_360"])
                  else ("bobot_skp", "bobot_perilaku"))
        return [langkah_parameter(p, w, komponen(c, lang), nilai=baris[c], ambang=f"× {p[w]}",
                                  hasil=p[w] * baris[c])
                for w, c in ((ws, "nilai_skp"), (wp, "nilai_perilaku"))]


class Inovasi(Tahap):
    """``ada_inovasi``: a case may give it; else a recorded ``kreativitas`` in
    ``kreativitas_inovasi``; else the parameter ``inovasi``."""

    nama = "inovasi"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        peg, params = k.pegawai, k.params
        kode = peg["kreativitas"].to_numpy()
        lut = np.array([v in params["kreativitas_inovasi"] for v in KREATIVITAS])
        inov = np.where(kode >= 0, lut[np.maximum(kode, 0)], bool(params["inovasi"]))
        if "ada_inovasi_diberikan" in peg:
            given = peg["ada_inovasi_diberikan"].to_numpy(dtype=float)
            inov = np.where(np.isnan(given), inov, given == 1)
        return replace(k, ada_inovasi=inov.astype(bool))


class Predikat(Tahap):
    """``predikat`` by the bounds of Pasal 41(5); Sangat Baik needs ``ada_inovasi`` too."""

    nama = "predikat"

    def hitung(self, k: KeadaanPp30) -> KeadaanPp30:
        params, x = k.params, k.nilai_kinerja
        inov = k.ada_inovasi
        return replace(k, predikat=kategori_dari_kode(pilih_kode(
            [(x >= params["batas_sangat_baik"]) & inov, x >= params["batas_baik"],
             x >= params["batas_cukup"], x >= params["batas_kurang"], ~np.isnan(x)]),
            PREDIKAT_PP30))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        pred = label("predikat", baris["predikat"], lang)
        x = baris["nilai_kinerja"]
        kp = komponen("nilai_kinerja", lang)
        return [*(langkah_parameter(p, name, kp, nilai=x, ambang=f"≥ {p[name]}",
                                    hasil=pred if name == "batas_kurang" else bool(x >= p[name]))
                  for name in ("batas_sangat_baik", "batas_baik", "batas_cukup", "batas_kurang")),
                langkah_parameter(p, "kreativitas_inovasi" if pd.notna(baris["kreativitas"])
                                  else "inovasi", komponen("ada_inovasi", lang),
                                  nilai=bool(baris["ada_inovasi"]), hasil=pred)]


TAHAP: tuple[Tahap, ...] = (Target(), Capaian(), NilaiIki(), TugasTambahan(), NilaiSkp(),
                            NilaiPerilaku(), NilaiKinerja(), Inovasi(), Predikat())
"""The steps of PP 30/2019, in order."""


def susun_hasil(k: KeadaanPp30) -> Hasil:
    """The result (one row per employee) and the per-IKI ``catatan`` of a finished state."""
    iki, peg = k.iki, k.pegawai
    hasil = bingkai({
        "asn_id": k.ids, "jumlah_iki": k.jumlah_iki,
        "tugas_tambahan": peg["tugas_tambahan"].to_numpy(dtype=float),
        "nilai_tugas_tambahan": k.nilai_tugas_tambahan,
        "kreativitas": kategori_dari_kode(peg["kreativitas"].to_numpy(), KREATIVITAS),
        "nilai_skp": np.round(k.nilai_skp, PRESISI),
        "nilai_perilaku": np.round(k.nilai_perilaku, PRESISI),
        "pakai_360": peg["pakai_360"].to_numpy(dtype=bool),
        "ada_inovasi": k.ada_inovasi, "bobot_skp": k.bobot_skp,
        "bobot_perilaku": k.bobot_perilaku, "nilai_kinerja": k.nilai_kinerja,
        "predikat": k.predikat, "nilai": k.nilai_kinerja,
    })
    kolom = {"iki_id": iki["iki_id"].to_numpy(), "asn_id": iki["asn_id"].to_numpy(),
             "bobot": iki["bobot"].to_numpy(), "capaian_iki": k.capaian_iki,
             "capaian_dibulatkan": k.capaian_dibulatkan, "nilai_capaian_iki": k.nilai_capaian_iki}
    if k.rentang_target is not None:  # only when the optional columns are there (memory)
        kolom.update(target_dipakai=k.target_dipakai,
                     realisasi=iki["realisasi"].to_numpy(dtype=float),
                     rentang_target=k.rentang_target, target_bawah=k.target_bawah,
                     target_atas=k.target_atas)
    if k.target_maksimal is not None:
        kolom["target_maksimal"] = k.target_maksimal
    return Hasil(hasil, {"iki": bingkai(kolom)})


class Pp30(Rule):
    """PP 30/2019 Pasal 41 with PermenPANRB 8/2021 SKP scoring (see the module docstring)."""

    id = "pp30_2019"
    tingkat = "pegawai"
    tabel = ("pegawai", "iki", "perilaku_aspek")
    inputs = (
        Masukan("nilai_skp", "angka", dwibahasa("nilai SKP (0 s.d. parameter nilai_maks, 120)",
                                                "SKP score (0 to parameter nilai_maks, 120)"),
                min=0),
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
        Masukan("nilai_perilaku", "angka", dwibahasa(
            "nilai perilaku kerja (0 s.d. parameter nilai_maks, 120)",
            "behaviour score (0 to parameter nilai_maks, 120)"), min=0, sumber="perilaku_aspek"),
        Masukan("pakai_360", "boolean", dwibahasa("memakai pendapat rekan dan bawahan",
                                           "uses peer and subordinate opinions"), bawaan=False),
        Masukan("ada_inovasi", "boolean", dwibahasa(
            "ada ide/cara baru (bawaan: dari kreativitas, selainnya parameter inovasi)",
            "has a new idea/way (default: from kreativitas, else parameter inovasi)")),
        *MASUKAN_TAMBAHAN,
    )
    outputs = (
        Keluaran("nilai_tugas_tambahan", dwibahasa("nilai tugas tambahan", "additional tasks value")),
        Keluaran("nilai_skp", dwibahasa("nilai SKP (dengan tambahan)", "SKP score (with additions)")),
        Keluaran("nilai_perilaku", dwibahasa("nilai perilaku kerja", "behaviour score")),
        Keluaran("nilai_kinerja", dwibahasa("nilai kinerja", "performance score")),
        Keluaran("predikat", dwibahasa("predikat kinerja", "predikat"), pilihan=PREDIKAT_PP30),
        Keluaran("iki", dwibahasa("per IKI: target_dipakai, capaian_iki, capaian_dibulatkan, "
                           "nilai_capaian_iki",
                           "per IKI: target_dipakai (target used), capaian_iki, "
                           "capaian_dibulatkan, nilai_capaian_iki")),
    )

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        peg, ids = siapkan_pegawai(population, pm)
        iki = siapkan_iki(population, pm, ids, rentang=True)
        aspek = list(params["aspek_perilaku"])
        periksa_aspek(population, pm, aspek)
        tugas, kreatif = siapkan_tambahan(population, pm, ids)
        pm.selesai()
        nilai = nilai_aspek(population, pm, ids, pejabat_struktural(peg), aspek)
        pegawai = bingkai({"asn_id": ids,
                           **{a: nilai[:, i] for i, a in enumerate([*aspek, KEPEMIMPINAN])},
                           "pakai_360": np.full(len(ids), bool(params["pakai_360"])),
                           "tugas_tambahan": tugas, "kreativitas": kreatif})
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
        maks = params["nilai_maks"]
        lebih = [m for m in ("nilai_skp", "nilai_perilaku") if inputs.get(m, 0) > maks]
        if lebih:
            raise SimkitError([masalah_jalur("di_luar_rentang", (m,), diharapkan=f"0 .. {maks:g}",
                                             ditemukan=repr(inputs[m])) for m in lebih])
        inov = inputs.get("ada_inovasi")
        pegawai = bingkai({
            "asn_id": [1],
            "nilai_skp_diberikan": [float(inputs.get("nilai_skp", np.nan))],
            "nilai_perilaku_diberikan": [float(inputs["nilai_perilaku"])],
            "pakai_360": [bool(inputs.get("pakai_360", params["pakai_360"]))],
            "ada_inovasi_diberikan": [np.nan if inov is None else float(bool(inov))],
            **tambahan_kasus(inputs),
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
    tahap = TAHAP
    keadaan = KeadaanPp30
    susun = susun_hasil

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
        """Per IKI the steps ``target``, ``capaian``, ``nilai_iki``; then the others."""
        return jelaskan_rinci(self.tahap, evaluation, baris, lang, "iki")
