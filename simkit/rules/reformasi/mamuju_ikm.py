"""Reform ``mamuju_ikm``: the community's satisfaction enters frontline results (patch of permenpanrb_6_2022).

What it changes: ONLY ``capaian_hasil_kerja`` of frontline employees - those with
``pegawai.melayani_publik`` true whose unit (``pegawai.unit_id``) has an IKM from the Survei
Kepuasan Masyarakat (``population.skm``; at least ``min_responden_ikm`` respondents):

1. ``ikm_unit`` = IKM konversi (25-100) of the unit, computed exactly as the rule
   ``permenpanrb_14_2017`` does (same parameters: ``bobot_unsur``, ``bobot_eksak``, ...).
   Its mutu is graded by :func:`~simkit.rules.permenpanrb_14_2017.mutu_ikm`, the one grading
   of that rule (88.305 -> 88.31 -> A, whether the IKM is computed or given).
2. ``capaian_ikm`` = the IKM scaled to the capaian scale, linearly through the two anchors
   ``jangkar_ikm`` -> ``jangkar_capaian``: by default the lower bound of mutu B (76.61) counts
   as 90 % (``ambang_hasil_sesuai``) and the lower bound of mutu A (88.31) as 110 %
   (``ambang_hasil_di_atas``); so mutu A lands in Di Atas Ekspektasi, mutu B in Sesuai
   Ekspektasi (its middle, 82.46, at 100 %), C and D in Di Bawah Ekspektasi. The result is
   clipped to [``batas_bawah_capaian_iki``, ``batas_atas_capaian_iki``] (0-120 %).
3. ``capaian_hasil_kerja`` = (1 - ``bobot_ikm``) x capaian from the IKI + ``bobot_ikm`` x
   ``capaian_ikm``; then the base rule's thresholds, kuadran and curve, unchanged.

Back-office staff, units without an IKM and heads of unit (whose rating hasil kerja comes from
the capaian kinerja organisasi in the base rule) keep the base rule's result. ``bobot_ikm: 0``
is the base rule exactly.

Parameters = ``permenpanrb_6_2022`` + ``permenpanrb_14_2017`` + ``params/mamuju_ikm.yaml``
(a scenario may override any of them; all overrides are validated together first). A case's
``ikm_unit`` lies between what the answer scale gives with either weighting (0.111 printed or
exactly 1/9): 24.975-100; ``jawaban_skm`` on ``skala_jawaban``.

Example (bobot_ikm 0.5): a nurse at 85 % of target (Di Bawah Ekspektasi) in a puskesmas with
IKM 90 (mutu A): capaian_ikm = 90 + (90 - 76.61) x 20 / 11.7 = 112.89; score = 0.5 x 85 +
0.5 x 112.89 = 98.94 -> Sesuai Ekspektasi.

>>> from simkit.rules import get_rule
>>> out = get_rule("mamuju_ikm").evaluate_case({"capaian_hasil_kerja": 85, "melayani_publik": True,
...     "ikm_unit": 90, "rating_perilaku_kerja": "sesuai_ekspektasi"}, {"bobot_ikm": 0.5})
>>> round(out["capaian_hasil_kerja"], 2), out["rating_hasil_kerja"]
(98.94, 'sesuai_ekspektasi')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import t
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, masalah_jalur
from simkit.rules.evaluation import Evaluation, Langkah, langkah_parameter
from simkit.rules.kuadran_kinerja import KeadaanKinerja, RatingHasil
from simkit.rules.larik import kategori
from simkit.rules.params import ParameterSet
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.permenpanrb_14_2017 import (
    MUTU,
    Permenpanrb14,
    ikm_jawaban,
    ikm_pegawai,
    ikm_per_unit,
    mutu_ikm,
    periksa_bobot,
    periksa_skala,
    rentang_ikm_konversi,
)
from simkit.rules.tahap import ganti_tahap

if TYPE_CHECKING:
    from simkit.population.model import Population


def skala_ikm(ikm: np.ndarray, params: ParameterSet) -> np.ndarray:
    """IKM konversi -> capaian (%) through the anchors ``jangkar_ikm`` -> ``jangkar_capaian``
    (bawah, atas; linear; clipped to the capaian bounds).

    >>> from simkit.rules import get_rule
    >>> p = get_rule("mamuju_ikm").parameters
    >>> skala_ikm(np.array([76.61, 88.31, 82.46]), p).round(2).tolist()
    [90.0, 110.0, 100.0]
    """
    b, a = float(params["jangkar_ikm"]["bawah"]), float(params["jangkar_ikm"]["atas"])
    s, d = float(params["jangkar_capaian"]["bawah"]), float(params["jangkar_capaian"]["atas"])
    x = s + (np.asarray(ikm, dtype=float) - b) * (d - s) / (a - b)
    return np.clip(x, params["batas_bawah_capaian_iki"], params["batas_atas_capaian_iki"])


def rentang_ikm_unit(params: ParameterSet) -> tuple[float, float]:
    """The range of a given ``ikm_unit``: from the lowest to the highest converted IKM the
    answer scale gives with the rule's weights or with weights summing to exactly 1 (a unit's
    report may use either): 24.975-100 with the printed 0.111.

    >>> from simkit.rules import get_rule
    >>> rentang_ikm_unit(get_rule("mamuju_ikm").parameters)
    (24.975, 100.0)
    """
    lo, hi = rentang_ikm_konversi(params)
    lo1, hi1 = rentang_ikm_konversi(params.with_overrides({"bobot_eksak": True}))
    return min(lo, lo1), max(hi, hi1)


# --------------------------------------------------------------------------- the step


def _k(key: str, lang: str, **kw: Any) -> str:
    return t(f"reformasi.komponen.{key}", lang, **kw)


class RatingHasilIkm(RatingHasil):
    """Step ``rating_hasil``: the capaian of frontline employees with an IKM is blended with
    the scaled IKM first, then rated as in the base rule."""

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        peg, params = k.pegawai, k.params
        asli = np.asarray(k.capaian_hasil_kerja, dtype=float)
        ikm = peg["ikm_unit"].to_numpy(dtype=float)
        pakai = peg["melayani_publik"].to_numpy(dtype=bool) & ~np.isnan(ikm)
        skala = np.where(pakai, skala_ikm(ikm, params), np.nan)
        w = float(params["bobot_ikm"])
        gabung = np.round(np.where(pakai, (1.0 - w) * asli + w * skala, asli), 9)
        k = k.dengan(capaian_hasil_kerja=gabung, kolom={
            "melayani_publik": peg["melayani_publik"].to_numpy(dtype=bool),
            "ikm_unit": ikm, "mutu_ikm": kategori(peg["mutu_ikm"], MUTU),
            "responden_ikm": peg["responden_ikm"].to_numpy(dtype=float),
            "capaian_hasil_kerja_iki": asli, "capaian_ikm": skala, "pakai_ikm": pakai})
        return super().hitung(k)

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        L = langkah_parameter
        mine: list[Langkah] = []
        if pd.notna(baris["ikm_unit"]):
            resp = baris["responden_ikm"]
            mine.append(L(p, "batas_mutu", _k("ikm_unit", lang), nilai=float(baris["ikm_unit"]),
                          ambang=_k("responden", lang, n=int(resp)) if pd.notna(resp) else None,
                          hasil=_k("mutu", lang, mutu=baris["mutu_ikm"])))
        if bool(baris["pakai_ikm"]):
            ji, jc = p["jangkar_ikm"], p["jangkar_capaian"]
            mine.append(L(p, "jangkar_ikm", _k("skala_ikm", lang), nilai=float(baris["ikm_unit"]),
                          ambang=(f"{ji['bawah']} → {jc['bawah']} %, "
                                  f"{ji['atas']} → {jc['atas']} %"),
                          hasil=float(baris["capaian_ikm"]),
                          nilai_parameter={"jangkar_ikm": ji, "jangkar_capaian": jc}))
            w = float(p["bobot_ikm"])
            mine.append(L(p, "bobot_ikm", _k("gabung", lang),
                          nilai={"capaian_iki": float(baris["capaian_hasil_kerja_iki"]),
                                 "capaian_ikm": float(baris["capaian_ikm"])},
                          ambang=f"{1 - w:g} × IKI + {w:g} × IKM",
                          hasil=float(baris["capaian_hasil_kerja"])))
        else:
            alasan = "tanpa_ikm" if bool(baris["melayani_publik"]) else "bukan_garda_depan"
            mine.append(L(p, "bobot_ikm", _k(alasan, lang),
                          nilai=float(baris["capaian_hasil_kerja_iki"]),
                          hasil=float(baris["capaian_hasil_kerja"])))
        return [*mine, *super().jelaskan(evaluation, baris, lang)]


# --------------------------------------------------------------------------- the rule


class MamujuIkm(Permenpanrb6):
    """PermenPANRB 6/2022 with the unit's IKM in frontline results (module docstring)."""

    id = "mamuju_ikm"
    base_rule = "permenpanrb_6_2022"
    tabel = (*Permenpanrb6.tabel, "skm")
    tahap = ganti_tahap(Permenpanrb6.tahap, RatingHasilIkm())
    parameter_tambahan = ("permenpanrb_14_2017",)
    inputs = (
        *Permenpanrb6.inputs,
        Masukan("melayani_publik", "boolean", dwibahasa("pegawai garda depan (melayani publik)",
                                                 "frontline employee (serves the public)"),
                bawaan=False, sumber="pegawai.melayani_publik"),
        Masukan("ikm_unit", "angka", dwibahasa("IKM konversi unit kerja (24,975-100)",
                                        "converted IKM of the unit (24.975-100)"),
                satuan="ikm_konversi", sumber="skm (permenpanrb_14_2017)"),
        Masukan("jawaban_skm", "daftar",
                dwibahasa("jawaban SKM unit: tiap responden sembilan nilai pada skala_jawaban "
                          "(1-4) (U1..U9, null = tidak menjawab)",
                          "the unit's SKM answers: per respondent nine values on skala_jawaban "
                          "(1-4) (U1..U9, null = not answered)"),
                isi=Permenpanrb14.inputs[0].isi, sumber="skm.u1..u9"),
    )
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("capaian_hasil_kerja_iki", dwibahasa("capaian hasil kerja dari IKI (sebelum IKM)",
                                               "results achieved from the IKI (before IKM)"),
                 "persen"),
        Keluaran("ikm_unit", dwibahasa("IKM konversi unit", "converted IKM of the unit"), "ikm_konversi"),
        Keluaran("capaian_ikm", dwibahasa("IKM diskalakan ke capaian (%)", "IKM scaled to capaian (%)"),
                 "persen"),
        Keluaran("pakai_ikm", dwibahasa("IKM dipakai (garda depan dengan IKM)",
                                 "IKM used (frontline with an IKM)")),
    )

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-checks: the grades in order (mutu A above mutu B), the anchors of the IKM
        scale distinct (atas above bawah), the SKM weights (:func:`periksa_bobot`)."""
        out = [*super().periksa_parameter(params), *periksa_bobot(params)]
        b = params["batas_mutu"]
        if not float(b["A"]) > float(b["B"]):
            out.append(Masalah("reformasi_ambang_urut", bidang="batas_mutu",
                               isi={"urutan": f"A {b['A']} > B {b['B']}"}))
        j = params["jangkar_ikm"]
        if not float(j["atas"]) > float(j["bawah"]):
            out.append(Masalah("reformasi_ambang_urut", bidang="jangkar_ikm",
                               isi={"urutan": f"atas {j['atas']} > bawah {j['bawah']}"}))
        return out

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Population, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        if pm.kolom(population.pegawai, "pegawai", ("melayani_publik",)):
            pm.tidak_kosong(population.pegawai, "pegawai", ("melayani_publik",), "asn_id")
        pm.selesai()
        tabel = super().siapkan(population, params)
        ikm, mutu, n = ikm_pegawai(population.pegawai["unit_id"].to_numpy(),
                                   ikm_per_unit(population, params), params["min_responden_ikm"])
        tabel["pegawai"] = tabel["pegawai"].assign(
            melayani_publik=population.pegawai["melayani_publik"].to_numpy(dtype=bool),
            ikm_unit=ikm, mutu_ikm=mutu, responden_ikm=n)
        return tabel

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        probs = super().periksa_kasus(inputs)
        if "ikm_unit" in inputs and "jawaban_skm" in inputs:
            probs.append(Masalah("reformasi_masukan", bidang="ikm_unit", isi={
                "detail": "ikm_unit | jawaban_skm", "jalur": ("ikm_unit",)}))
        return probs

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        probs = (periksa_skala(inputs["jawaban_skm"], params, ("jawaban_skm",))
                 if "jawaban_skm" in inputs else [])
        lo, hi = rentang_ikm_unit(params)
        if "ikm_unit" in inputs and not lo <= float(inputs["ikm_unit"]) <= hi:
            probs.append(masalah_jalur("di_luar_rentang", ("ikm_unit",), diharapkan=f"{lo:g} .. {hi:g}",
                                       ditemukan=repr(inputs["ikm_unit"])))
        if probs:
            raise SimkitError(probs)
        tabel = super().siapkan_kasus(inputs, params)
        ikm, mutu, n = np.nan, None, np.nan
        if "jawaban_skm" in inputs:
            ikm, mutu, n = ikm_jawaban(inputs["jawaban_skm"], params)
            if n < params["min_responden_ikm"]:
                ikm, mutu = np.nan, None
        elif "ikm_unit" in inputs:
            ikm = float(inputs["ikm_unit"])
            mutu = MUTU[int(mutu_ikm([ikm], params)[1][0])]
        tabel["pegawai"] = tabel["pegawai"].assign(
            melayani_publik=bool(inputs.get("melayani_publik", False)),
            ikm_unit=[ikm], mutu_ikm=np.array([mutu], dtype=object), responden_ikm=[n])
        return tabel
