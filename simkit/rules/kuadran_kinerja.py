"""The steps of the kuadran kinerja of PermenPANRB 6/2022 and the state they share.

:class:`KeadaanKinerja` holds the core tables, the parameters and every step's outputs as
named fields. The steps, in order (:data:`TAHAP`): ``capaian``, ``rating_hasil``,
``nilai_perilaku``, ``rating_perilaku``, ``kuadran``, ``kurva``, ``angka_kredit``. Each
returns the state with its outputs set and explains itself for one employee; a reform
subclasses one step and puts it in place of the original by name
(:func:`~simkit.rules.tahap.ganti_tahap`). A reform's own result columns go to
:attr:`KeadaanKinerja.kolom_tambahan` (appended to the result in the order they were added),
its extra tables to :attr:`KeadaanKinerja.catatan`.

>>> [t.nama for t in TAHAP]
['capaian', 'rating_hasil', 'nilai_perilaku', 'rating_perilaku', 'kuadran', 'kurva', 'angka_kredit']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simkit.i18n import label
from simkit.kosakata import (
    CAPAIAN_ORGANISASI,
    PERINGKAT_UMUM,
    PREDIKAT,
    PREDIKAT_PERINGKAT,
    RATING,
)
from simkit.population.schema import ARAH, BERAKHLAK, PERAN_PENILAI
from simkit.rules import kurva_distribusi as kurva
from simkit.rules.aturan import Hasil
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.iki import PRESISI, capaian_iki, rata_per_id
from simkit.rules.larik import (
    bingkai,
    kategori,
    kategori_dari_kode,
    kode_kategori,
    letak_id,
    pilih_kode,
)
from simkit.rules.params import ParameterSet
from simkit.rules.tahap import Tahap

PERINGKAT_LUT = np.array([PERINGKAT_UMUM[p] for p in PREDIKAT] + [0], dtype=np.int8)
"""Code in PREDIKAT (-1 = missing: the last entry, 0) -> peringkat 1..5."""
_KODE_LUT = np.array([PREDIKAT.index(PREDIKAT_PERINGKAT[k]) if k else -1 for k in range(6)],
                     dtype=np.int16)
"""Peringkat (0 = none, 1..5) -> code in PREDIKAT (-1 = missing)."""
_TURUN = ARAH.index("turun")
_KODE_RATING = {r: i for i, r in enumerate(RATING)}
_KODE_PREDIKAT = {p: i for i, p in enumerate(PREDIKAT)}


@dataclass(frozen=True)
class KeadaanKinerja:
    """The working state of one PermenPANRB 6/2022 evaluation, filled in step by step.

    Core tables (built by ``siapkan`` / ``siapkan_kasus``): ``pegawai`` (one row per
    employee), ``iki``, ``perilaku`` (one row per rating, ``peran`` as codes). Then each
    step's outputs, aligned with ``pegawai``.
    """

    pegawai: pd.DataFrame
    iki: pd.DataFrame
    perilaku: pd.DataFrame | None
    params: ParameterSet
    capaian_per_iki: pd.DataFrame | None = None
    """Per IKI: ``iki_id, asn_id, bobot, capaian_iki`` (the ``iki`` table of ``catatan``)."""
    capaian_hasil_kerja: np.ndarray | None = None
    jumlah_iki: np.ndarray | None = None
    rating_hasil_kerja: pd.Categorical | None = None
    nilai_berakhlak: pd.DataFrame | None = None
    """The seven BerAKHLAK scores per employee (index ``asn_id``)."""
    perilaku_rerata: np.ndarray | None = None
    rating_perilaku_kerja: pd.Categorical | None = None
    predikat_kuadran: pd.Categorical | None = None
    predikat: pd.Categorical | None = None
    """The final predikat (after the curve)."""
    persentase_angka_kredit: np.ndarray | None = None
    kolom_tambahan: Mapping[str, Any] = field(default_factory=dict)
    """A reform's own result columns, appended after the base rule's, in this order."""
    catatan: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def ids(self) -> np.ndarray:
        """``asn_id`` of every employee (the order of every per-employee field)."""
        return self.pegawai["asn_id"].to_numpy()

    def dengan(self, kolom: Mapping[str, Any] | None = None,
               catatan: Mapping[str, pd.DataFrame] | None = None, **nilai: Any
               ) -> KeadaanKinerja:
        """The state with the named fields ``nilai`` set, result columns ``kolom`` and extra
        tables ``catatan`` added."""
        return replace(self, kolom_tambahan={**self.kolom_tambahan, **(kolom or {})},
                       catatan={**self.catatan, **(catatan or {})}, **nilai)


# --------------------------------------------------------------------------- vectorised core


def diberikan(kode: np.ndarray, given: pd.Series | None) -> np.ndarray:
    """Rating codes where a case gives the rating itself (``*_diberikan``), else ``kode``."""
    if given is None:
        return kode
    g = given.to_numpy(dtype=object)
    return np.where(pd.notna(g), kode_kategori(g, RATING), kode)


BIT_PERAN = (1 << np.arange(len(PERAN_PENILAI))).astype(np.uint8)
"""Bit of each rater role (PERAN_PENILAI order) in the ``peran_ada`` code of an employee."""


def nilai_berakhlak(perilaku: pd.DataFrame | None, ids: np.ndarray, params: ParameterSet
                    ) -> pd.DataFrame:
    """The seven BerAKHLAK scores per employee (index = ``ids``) by ``sumber_perilaku``.

    ``atasan``: mean of the superior's scores (several superiors: their mean); without one
    and ``tanpa_penilai_atasan`` = ``peran_lain``, the other roles as in ``360``.
    ``360``: per role the mean over its raters, then Σ w_role·mean / Σ w_role over the
    roles present (``bobot_360``). NaN where nothing usable.
    """
    return nilai_dan_peran(perilaku, ids, params)[0]


def nilai_dan_peran(perilaku: pd.DataFrame | None, ids: np.ndarray, params: ParameterSet
                    ) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`nilai_berakhlak` and, per employee, the roles that rated him (``peran_ada``:
    the sum of :data:`BIT_PERAN` of the roles present; uint8), for the explanation.

    >>> from simkit.rules.params import load_params
    >>> pr = pd.DataFrame({"asn_id": [1, 1], "peran": [2, 3], **{v: [4.0, 5.0] for v in BERAKHLAK}})
    >>> nilai, peran = nilai_dan_peran(pr, np.array([1]), load_params("permenpanrb_6_2022"))
    >>> float(nilai.iloc[0, 0]), peran.tolist()   # bawahan and diri weigh 0.1 each: 50 % each
    (4.5, [12])
    """
    vals = list(BERAKHLAK)
    n = len(ids)
    out = np.full((n, len(vals)), np.nan)
    peran = np.zeros(n, dtype=np.uint8)
    if perilaku is not None and len(perilaku):
        nr = len(PERAN_PENILAI)
        pos = letak_id(ids, perilaku["asn_id"].to_numpy())
        ok = slice(None) if (pos >= 0).all() else pos >= 0  # no copies when all are known
        key = pos[ok] * nr + perilaku["peran"].to_numpy()[ok].astype(np.int64)
        cnt = np.bincount(key, minlength=n * nr).reshape(n, nr)
        w = np.array([float(params["bobot_360"].get(p, 0.0)) for p in PERAN_PENILAI])
        present = cnt > 0
        peran = (present * BIT_PERAN).sum(axis=1).astype(np.uint8)
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
    return pd.DataFrame(out, index=pd.Index(ids, name="asn_id"), columns=vals), peran


def rerata_berakhlak(nilai: pd.DataFrame) -> np.ndarray:
    """The mean of the seven scores of every employee (rounded to PRESISI decimals)."""
    return np.round(nilai.to_numpy().mean(axis=1), PRESISI)


def rerata_baris(skor: pd.DataFrame, kolom: Sequence[str] = BERAKHLAK) -> np.ndarray:
    """Mean of the score columns of every row (float64), e.g. of every single rating.

    >>> rerata_baris(pd.DataFrame({"a": [1.0, 4.0], "b": [3.0, 5.0]}), ["a", "b"]).tolist()
    [2.0, 4.5]
    """
    total = np.zeros(len(skor), dtype=np.float64)
    for c in kolom:
        total += skor[c].to_numpy(dtype=np.float64)
    return total / len(kolom)


def rating_hasil(capaian: np.ndarray, pegawai: pd.DataFrame, params: ParameterSet
                 ) -> pd.Categorical:
    """Rating hasil kerja per employee (a Categorical over RATING): by the thresholds, or
    for a head of unit by his unit's capaian kinerja organisasi."""
    r = pilih_kode([capaian >= params["ambang_hasil_di_atas"],
                    capaian >= params["ambang_hasil_sesuai"], ~np.isnan(capaian)])
    if params["kepala_unit_pakai_capaian_organisasi"]:
        head = pegawai["kepala_unit"].to_numpy(dtype=bool)
        oc = kode_kategori(pegawai["capaian_kinerja_organisasi"], CAPAIAN_ORGANISASI)
        peta = [params["pemetaan_capaian_organisasi"].get(c) for c in CAPAIAN_ORGANISASI]
        ada = np.array([pd.notna(v) for v in peta] + [False])
        lut = np.array([_KODE_RATING.get(v, -1) for v in peta] + [-1])
        r = np.where(head & ada[oc], lut[oc], r)
    return kategori_dari_kode(diberikan(r, pegawai.get("rating_hasil_kerja_diberikan")), RATING)


def rating_perilaku(rerata: np.ndarray, pegawai: pd.DataFrame, params: ParameterSet
                    ) -> pd.Categorical:
    """Rating perilaku kerja per employee from the mean of the seven scores (a Categorical
    over RATING)."""
    r = pilih_kode([rerata >= params["ambang_perilaku_di_atas"],
                    rerata >= params["ambang_perilaku_sesuai"], ~np.isnan(rerata)])
    return kategori_dari_kode(diberikan(r, pegawai.get("rating_perilaku_kerja_diberikan")),
                              RATING)


def predikat_kuadran(rh: Any, rp: Any, params: ParameterSet) -> pd.Categorical:
    """Predikat from the kuadran matrix for the ratings ``rh``, ``rp`` (Categoricals or
    arrays of RATING ids): a Categorical over PREDIKAT, missing where a rating is."""
    m = params["kuadran"]
    table = np.full((len(RATING) + 1, len(RATING) + 1), -1, dtype=np.int16)  # -1: missing
    for i, h in enumerate(RATING):
        table[i, :-1] = [_KODE_PREDIKAT.get(m[h][p], -1) for p in RATING]
    return kategori_dari_kode(table[kode_kategori(rh, RATING), kode_kategori(rp, RATING)],
                              PREDIKAT)


# --------------------------------------------------------------------------- the steps


class Capaian(Tahap):
    """Per IKI ``capaian_iki`` (capped to the parameter bounds); per employee the weighted
    mean ``capaian_hasil_kerja`` (a case may give it) and ``jumlah_iki``."""

    nama = "capaian"

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        iki, params = k.iki, k.params
        turun = kode_kategori(iki["arah"], ARAH) == _TURUN
        mentah = capaian_iki(iki["target"].to_numpy(), iki["realisasi"].to_numpy(), turun)
        c = np.clip(mentah, params["batas_bawah_capaian_iki"], params["batas_atas_capaian_iki"])
        per_iki = bingkai({"iki_id": iki["iki_id"].to_numpy(), "asn_id": iki["asn_id"].to_numpy(),
                           "bobot": iki["bobot"].to_numpy(), "capaian_iki": c,
                           "target": iki["target"].to_numpy(),
                           "realisasi": iki["realisasi"].to_numpy(), "turun": turun,
                           "capaian_iki_mentah": mentah})
        mean, _, cnt = rata_per_id(k.ids, iki["asn_id"].to_numpy(), c, iki["bobot"].to_numpy())
        given = k.pegawai.get("capaian_hasil_kerja_diberikan")
        if given is not None:
            mean = np.where(np.isnan(mean), given.to_numpy(dtype=float), mean)
        return k.dengan(capaian_per_iki=per_iki, capaian_hasil_kerja=np.round(mean, PRESISI),
                        jumlah_iki=cnt.astype(np.int16))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        """Per IKI: target, realisasi, direction and the capaian from them; when the cap
        (or the floor) changed it, the capped value with that parameter and its reference."""
        p = evaluation.params
        iki = evaluation.catatan.get("iki")
        if iki is None:
            return []
        out = []
        for r in iki.loc[iki["asn_id"] == int(baris["asn_id"])].itertuples():
            arah = komponen("arah_turun" if r.turun else "arah_naik", lang)
            teks = komponen("capaian_iki_rinci", lang, id=r.iki_id, target=f"{r.target:g}",
                            realisasi=f"{r.realisasi:g}", arah=arah)
            bobot = f"{komponen('bobot', lang)} {r.bobot:.3g}"
            mentah, dipakai = float(r.capaian_iki_mentah), float(r.capaian_iki)
            if mentah == dipakai:
                out.append(Langkah(teks, nilai=mentah, ambang=bobot))
                continue
            batas = ("batas_atas_capaian_iki" if mentah > dipakai else "batas_bawah_capaian_iki")
            out.append(langkah_parameter(p, batas, teks, nilai=mentah, ambang=bobot,
                                         hasil=dipakai))
        return out


class TahapRating(Tahap):
    """The shape of both rating steps: rate the value in field ``kolom_nilai`` with
    ``fungsi`` into field ``kolom_rating``; explain it by the two thresholds ``ambang``."""

    kolom_nilai: ClassVar[str] = ""
    kolom_rating: ClassVar[str] = ""
    ambang: ClassVar[tuple[str, str]] = ("", "")
    fungsi: ClassVar[Callable[[np.ndarray, pd.DataFrame, ParameterSet], pd.Categorical]]

    def beri_rating(self, k: KeadaanKinerja, nilai: np.ndarray) -> KeadaanKinerja:
        """The state with ``kolom_rating`` set from ``nilai`` (a reform may rate another)."""
        return k.dengan(**{self.kolom_rating: type(self).fungsi(nilai, k.pegawai, k.params)})

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        return self.beri_rating(k, getattr(k, self.kolom_nilai))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        return self.jelaskan_nilai(evaluation, baris, lang, baris[self.kolom_nilai])

    def jelaskan_nilai(self, evaluation: Evaluation, baris: pd.Series, lang: str, nilai: Any
                       ) -> list[Langkah]:
        """The explanation of rating the value ``nilai`` (a reform may rate another)."""
        p = evaluation.params
        hasil = label("rating", baris[self.kolom_rating], lang)
        atas, sesuai = self.ambang
        return [
            langkah_parameter(p, atas, komponen(self.kolom_nilai, lang), nilai=nilai,
                              hasil=hasil, ambang=f"≥ {p[atas]} / ≥ {p[sesuai]}"),
            langkah_parameter(p, sesuai, komponen(self.kolom_rating, lang), nilai=nilai,
                              hasil=hasil),
        ]


class RatingHasil(TahapRating):
    """``rating_hasil_kerja`` from ``capaian_hasil_kerja`` (:func:`rating_hasil`); a head of
    unit is explained by his unit's capaian kinerja organisasi."""

    nama = "rating_hasil"
    kolom_nilai = "capaian_hasil_kerja"
    kolom_rating = "rating_hasil_kerja"
    ambang = ("ambang_hasil_di_atas", "ambang_hasil_sesuai")
    fungsi = staticmethod(rating_hasil)

    def jelaskan_nilai(self, evaluation: Evaluation, baris: pd.Series, lang: str, nilai: Any
                       ) -> list[Langkah]:
        p = evaluation.params
        head = bool(baris["kepala_unit"]) and p["kepala_unit_pakai_capaian_organisasi"]
        if not (head and pd.notna(baris["capaian_kinerja_organisasi"])):
            return super().jelaskan_nilai(evaluation, baris, lang, nilai)
        org = baris["capaian_kinerja_organisasi"]
        teks = label("capaian_organisasi", org, lang)
        return [
            langkah_parameter(p, "kepala_unit_pakai_capaian_organisasi",
                              komponen("kepala_unit", lang), nilai=teks),
            langkah_parameter(p, "pemetaan_capaian_organisasi",
                              komponen("rating_hasil_kerja", lang), nilai=teks,
                              hasil=label("rating", baris["rating_hasil_kerja"], lang),
                              nilai_parameter={org: p["pemetaan_capaian_organisasi"].get(org)}),
        ]


class NilaiPerilaku(Tahap):
    """The seven BerAKHLAK scores (:func:`nilai_berakhlak`) and their mean."""

    nama = "nilai_perilaku"

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        nilai, peran = nilai_dan_peran(k.perilaku, k.ids, k.params)
        return k.dengan(nilai_berakhlak=nilai, perilaku_rerata=rerata_berakhlak(nilai),
                        catatan={"peran_perilaku": pd.DataFrame(
                            {"asn_id": k.ids, "peran_ada": peran}, copy=False)})

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        """The source used (the superior, or the fallback to other roles, or 360) with the
        roles present and the role weights as applied, then the seven scores."""
        p = evaluation.params
        scores = {label("berakhlak", v, lang): baris[v] for v in BERAKHLAK}
        akhir = langkah_parameter(p, "sumber_perilaku", komponen("nilai_berakhlak", lang),
                                  nilai=scores)
        tab = evaluation.catatan.get("peran_perilaku")
        hit = (tab.loc[tab["asn_id"].to_numpy() == int(baris["asn_id"]), "peran_ada"]
               if tab is not None else ())
        if not len(hit):
            return [akhir]
        ada = [r for r, b in zip(PERAN_PENILAI, BIT_PERAN, strict=True) if int(hit.iloc[0]) & b]
        teks_ada = ", ".join(label("peran_penilai", r, lang) for r in ada) or "-"
        sumber = komponen("sumber_perilaku_dipakai", lang)
        if p["sumber_perilaku"] == "atasan" and "atasan" in ada:
            return [langkah_parameter(p, "sumber_perilaku", sumber, nilai=teks_ada,
                                      hasil=komponen("sumber_atasan", lang)), akhir]
        if p["sumber_perilaku"] == "atasan":
            langkah = langkah_parameter(p, "tanpa_penilai_atasan", sumber, nilai=teks_ada,
                                        ambang=komponen("tanpa_atasan", lang),
                                        hasil=komponen("sumber_peran_lain", lang))
        else:
            langkah = langkah_parameter(p, "sumber_perilaku", sumber, nilai=teks_ada,
                                        hasil=komponen("sumber_360", lang))
        w = {r: float(p["bobot_360"].get(r, 0.0)) for r in ada}
        total = sum(w.values())
        bobot = langkah_parameter(
            p, "bobot_360", komponen("bobot_peran", lang),
            nilai={label("peran_penilai", r, lang): x for r, x in w.items()},
            hasil={label("peran_penilai", r, lang): (x / total if total else np.nan)
                   for r, x in w.items()})
        return [langkah, bobot, akhir]


class RatingPerilaku(TahapRating):
    """``rating_perilaku_kerja`` from ``perilaku_rerata`` (:func:`rating_perilaku`)."""

    nama = "rating_perilaku"
    kolom_nilai = "perilaku_rerata"
    kolom_rating = "rating_perilaku_kerja"
    ambang = ("ambang_perilaku_di_atas", "ambang_perilaku_sesuai")
    fungsi = staticmethod(rating_perilaku)


class Kuadran(Tahap):
    """``predikat_kuadran`` = ``kuadran[rating_hasil_kerja][rating_perilaku_kerja]``."""

    nama = "kuadran"

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        return k.dengan(predikat_kuadran=predikat_kuadran(
            k.rating_hasil_kerja, k.rating_perilaku_kerja, k.params))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        rh = label("rating", baris["rating_hasil_kerja"], lang)
        rp = label("rating", baris["rating_perilaku_kerja"], lang)
        h_id, p_id = str(baris["rating_hasil_kerja"]), str(baris["rating_perilaku_kerja"])
        return [langkah_parameter(
            p, "kuadran", komponen("kuadran", lang), nilai=f"{rh} × {rp}",
            hasil=label("predikat", baris["predikat_kuadran"], lang),
            nilai_parameter=f"[{h_id}][{p_id}] = {p['kuadran'][h_id][p_id]}")]


class Kurva(Tahap):
    """``kurva_distribusi`` (needs ``opd_id``): ``periksa`` adds the curve tables per group,
    ``paksakan`` re-ranks within each group, ``abaikan`` keeps the kuadran predikat.

    The group is the OPD, or with ``kurva_lingkup: unit_kerja`` a unit kerja that has its own
    capaian kinerja organisasi; ``kurva_kepala_unit`` says whether heads of unit are counted
    (and how they are ranked) or left out of the curve of the unit they lead; the reading of
    "sebagian besar" is ``kurva_sebagian_besar``, the direction of forced moves
    ``kurva_arah_kelebihan`` (all ASUMSI, see :mod:`simkit.rules.kurva_distribusi`).
    """

    nama = "kurva"

    @staticmethod
    def kelompok(k: KeadaanKinerja) -> tuple[np.ndarray, pd.Categorical, str]:
        """(curve group of every employee, -1 = outside every curve; the group's capaian
        kinerja organisasi; the name of the group column)."""
        params, peg = k.params, k.pegawai
        opd = peg["opd_id"].to_numpy(dtype=np.int64)
        unit = peg["unit_id"].to_numpy(dtype=np.int64) if "unit_id" in peg else opd
        cap_opd = kode_kategori(peg["capaian_organisasi_opd"], CAPAIAN_ORGANISASI)
        kunci = "opd_id"
        key, cap = opd, cap_opd
        if params["kurva_lingkup"] == "unit_kerja":
            cap_unit = kode_kategori(peg["capaian_kinerja_organisasi"], CAPAIAN_ORGANISASI)
            sendiri = cap_unit >= 0
            key, cap, kunci = np.where(sendiri, unit, opd), np.where(sendiri, cap_unit, cap_opd), \
                "unit_id"
        if params["kurva_kepala_unit"] == "di_luar_unitnya":
            memimpin = peg["kepala_unit"].to_numpy(dtype=bool) & (unit == key)
            ke_opd = memimpin & (key != opd)  # a unit head: into his OPD's curve
            key = np.where(memimpin, np.where(ke_opd, opd, -1), key)
            cap = np.where(ke_opd, cap_opd, cap)
        return key, kategori_dari_kode(cap, CAPAIAN_ORGANISASI), kunci

    def catatan_kurva(self, k: KeadaanKinerja, kode: np.ndarray,
                      nama: str = "kurva") -> dict[str, pd.DataFrame]:
        """The curve tables ``<nama>_opd`` and ``<nama>_batasan`` of the peringkat ``kode``."""
        key, cap, kunci = self.kelompok(k)
        ikut = key >= 0
        if not ikut.all():
            key, cap, kode = key[ikut], cap[ikut], kode[ikut]
        ringkas, rinci = kurva.periksa(key, cap, kode, k.params["kurva_batas"],
                                       k.params["kurva_sebagian_besar"], kunci)
        return {f"{nama}_opd": ringkas, f"{nama}_batasan": rinci}

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        params = k.params
        mode = params["kurva_distribusi"]
        pred = k.predikat_kuadran
        if mode == "abaikan" or "opd_id" not in k.pegawai:
            return k.dengan(predikat=pred)
        kode = PERINGKAT_LUT[kode_kategori(pred, PREDIKAT)]
        catatan: dict[str, pd.DataFrame] = {}
        if mode == "paksakan":
            key, cap, _ = self.kelompok(k)
            rating = (kode_kategori(k.rating_hasil_kerja, RATING)
                      if params["kurva_kepala_unit"] == "ikut_menurut_rating" else None)
            urut = kurva.urutan(k.ids, k.capaian_hasil_kerja, k.perilaku_rerata, rating)
            catatan["kurva_batasan_awal"] = self.catatan_kurva(k, kode)["kurva_batasan"]
            ikut = np.flatnonzero(key >= 0)
            kode = kode.copy()
            kode[ikut] = kurva.paksakan(key[ikut], cap[ikut], kode[ikut], urut[ikut],
                                        params["kurva_batas"], params["kurva_sebagian_besar"],
                                        params["kurva_arah_kelebihan"])
            pred = kategori_dari_kode(_KODE_LUT[kode], PREDIKAT)
        catatan.update(self.catatan_kurva(k, kode))
        return k.dengan(predikat=pred, catatan=catatan)

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        if p["kurva_distribusi"] == "abaikan":
            return []
        return [Langkah(komponen("kurva", lang),
                        nilai=label("predikat", baris["predikat_kuadran"], lang),
                        hasil=label("predikat", baris["predikat"], lang),
                        parameter="kurva_distribusi",
                        nilai_parameter=", ".join(str(p[n]) for n in _PARAMETER_KURVA),
                        referensi=p.referensi("kurva_distribusi"))]


_PARAMETER_KURVA = ("kurva_distribusi", "kurva_sebagian_besar", "kurva_arah_kelebihan",
                    "kurva_lingkup", "kurva_kepala_unit")
"""The curve's choices, in the order an explanation lists them."""


class AngkaKredit(Tahap):
    """``persentase_angka_kredit`` of the final predikat."""

    nama = "angka_kredit"

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        ak = k.params["persentase_angka_kredit"]
        lut = np.array([float(ak.get(x, np.nan)) for x in PREDIKAT] + [np.nan])
        return k.dengan(persentase_angka_kredit=lut[kode_kategori(k.predikat, PREDIKAT)])

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        return [langkah_parameter(
            evaluation.params, "persentase_angka_kredit",
            komponen("persentase_angka_kredit", lang),
            nilai=label("predikat", baris["predikat"], lang),
            hasil=baris["persentase_angka_kredit"],
            nilai_parameter={str(baris["predikat"]): baris["persentase_angka_kredit"]})]


TAHAP: tuple[Tahap, ...] = (Capaian(), RatingHasil(), NilaiPerilaku(), RatingPerilaku(),
                            Kuadran(), Kurva(), AngkaKredit())
"""The steps of PermenPANRB 6/2022, in order."""


def susun_hasil(k: KeadaanKinerja) -> Hasil:
    """The result (one row per employee) and its ``catatan`` of a finished state."""
    peg = k.pegawai
    opd = {"opd_id": peg["opd_id"].to_numpy()} if "opd_id" in peg else {}
    hasil = bingkai({
        "asn_id": k.ids, **opd,
        "kepala_unit": peg["kepala_unit"].to_numpy(dtype=bool),
        "capaian_kinerja_organisasi": kategori(peg["capaian_kinerja_organisasi"],
                                               CAPAIAN_ORGANISASI),
        "jumlah_iki": k.jumlah_iki,
        "capaian_hasil_kerja": k.capaian_hasil_kerja,
        "rating_hasil_kerja": kategori(k.rating_hasil_kerja, RATING),
        **{v: k.nilai_berakhlak[v].to_numpy() for v in BERAKHLAK},
        "perilaku_rerata": k.perilaku_rerata,
        "rating_perilaku_kerja": kategori(k.rating_perilaku_kerja, RATING),
        "predikat_kuadran": kategori(k.predikat_kuadran, PREDIKAT),
    })
    pc = kode_kategori(k.predikat, PREDIKAT)
    hasil["predikat"] = kategori_dari_kode(pc, PREDIKAT)
    hasil["dipaksa_kurva"] = pc != hasil["predikat_kuadran"].cat.codes.to_numpy()
    hasil["persentase_angka_kredit"] = k.persentase_angka_kredit
    hasil["peringkat"] = PERINGKAT_LUT[pc]
    for nama, nilai in k.kolom_tambahan.items():
        hasil[nama] = nilai
    return Hasil(hasil, {**k.catatan, "iki": k.capaian_per_iki})
