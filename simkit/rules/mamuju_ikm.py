"""Reform ``mamuju_ikm``: the community's satisfaction enters frontline results (patch of permenpanrb_6_2022).

What it changes: ONLY ``capaian_hasil_kerja`` of frontline employees - those with
``pegawai.melayani_publik`` true whose unit (``pegawai.unit_id``) has an IKM from the Survei
Kepuasan Masyarakat (``population.skm``; at least ``min_responden_ikm`` respondents):

1. ``ikm_unit`` = IKM konversi (25-100) of the unit, computed exactly as the rule
   ``permenpanrb_14_2017`` does (same parameters: ``bobot_unsur``, ``bobot_eksak``, ...).
2. ``capaian_ikm`` = the IKM scaled to the capaian scale, linearly through two anchors: the
   lower bound of mutu B (``batas_mutu.B``, 76.61) counts as ``ambang_hasil_sesuai`` (90 %) and
   the lower bound of mutu A (``batas_mutu.A``, 88.31) as ``ambang_hasil_di_atas`` (110 %);
   so mutu A lands in Di Atas Ekspektasi, mutu B in Sesuai Ekspektasi (its middle, 82.46, at
   100 %), C and D in Di Bawah Ekspektasi. The result is clipped to
   [``batas_bawah_capaian_iki``, ``batas_atas_capaian_iki``] (0-120 %).
3. ``capaian_hasil_kerja`` = (1 - ``bobot_ikm``) x capaian from the IKI + ``bobot_ikm`` x
   ``capaian_ikm``; then the base rule's thresholds, kuadran and curve, unchanged.

Back-office staff, units without an IKM and heads of unit (whose rating hasil kerja comes from
the capaian kinerja organisasi in the base rule) keep the base rule's result. ``bobot_ikm: 0``
is the base rule exactly.

Parameters = ``permenpanrb_6_2022`` + ``permenpanrb_14_2017`` + ``params/mamuju_ikm.yaml``
(a scenario may override any of them; all overrides are validated together first).

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
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.i18n import t
from simkit.rules.aturan import Hasil
from simkit.rules.deklarasi import Keluaran, Masukan
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.larik import kategori, letak_id
from simkit.rules.params import ParameterSet
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.permenpanrb_14_2017 import MUTU
from simkit.rules.registry import get_rule, register
from simkit.rules.validasi_reformasi import periksa_skenario  # noqa: F401 - registers the scenario check

ATURAN_IKM = "permenpanrb_14_2017"


def _d(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


# --------------------------------------------------------------------------- IKM helpers


def ikm_per_unit(population: Any, params: ParameterSet) -> pd.DataFrame:
    """IKM of every unit with SKM answers, by the rule ``permenpanrb_14_2017`` and ``params``
    (which must hold that rule's parameters): ``unit_id``, ``jumlah_responden``,
    ``ikm_konversi``, ``mutu``. Empty when the population has no ``skm``."""
    if getattr(population, "skm", None) is None or len(population.skm) == 0:
        return pd.DataFrame({"unit_id": np.zeros(0, np.int64), "jumlah_responden": np.zeros(0),
                             "ikm_konversi": np.zeros(0), "mutu": np.zeros(0, object)})
    rule = get_rule(ATURAN_IKM)
    h = rule.hitung(rule.siapkan(population, params), params).hasil
    return h[["unit_id", "jumlah_responden", "ikm_konversi", "mutu"]]


def ikm_pegawai(unit_id: np.ndarray, ikm: pd.DataFrame, min_responden: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(IKM konversi, mutu, respondents) of each employee's unit; NaN/None where the unit has
    no IKM or fewer than ``min_responden`` respondents."""
    responden = ikm["jumlah_responden"].to_numpy(dtype=float)
    ok = (responden >= min_responden) | np.isnan(responden)  # NaN: given directly (cases)
    idx = letak_id(ikm["unit_id"].to_numpy()[ok], unit_id)
    ada = idx >= 0
    take = np.where(ada, idx, 0)
    val = np.where(ada, ikm["ikm_konversi"].to_numpy(dtype=float)[ok][take] if ok.any()
                   else np.nan, np.nan)
    mutu = np.where(ada, ikm["mutu"].to_numpy(dtype=object)[ok][take] if ok.any() else None,
                    None)
    n = np.where(ada, responden[ok][take] if ok.any() else np.nan, np.nan)
    return val, mutu, n


def skala_ikm(ikm: np.ndarray, params: ParameterSet) -> np.ndarray:
    """IKM konversi -> capaian (%) through the anchors mutu B -> ``ambang_hasil_sesuai`` and
    mutu A -> ``ambang_hasil_di_atas`` (linear; clipped to the capaian bounds).

    >>> from simkit.rules import get_rule
    >>> p = get_rule("mamuju_ikm").parameters
    >>> skala_ikm(np.array([76.61, 88.31, 82.46]), p).round(2).tolist()
    [90.0, 110.0, 100.0]
    """
    b, a = float(params["batas_mutu"]["B"]), float(params["batas_mutu"]["A"])
    s, d = float(params["ambang_hasil_sesuai"]), float(params["ambang_hasil_di_atas"])
    x = s + (np.asarray(ikm, dtype=float) - b) * (d - s) / (a - b)
    return np.clip(x, params["batas_bawah_capaian_iki"], params["batas_atas_capaian_iki"])


# --------------------------------------------------------------------------- the rule


class MamujuIkm(Permenpanrb6):
    """PermenPANRB 6/2022 with the unit's IKM in frontline results (module docstring)."""

    id = "mamuju_ikm"
    base_rule = "permenpanrb_6_2022"
    tabel = (*Permenpanrb6.tabel, "skm")
    inputs = (
        *Permenpanrb6.inputs,
        Masukan("melayani_publik", "boolean", _d("pegawai garda depan (melayani publik)",
                                                 "frontline employee (serves the public)"),
                bawaan=False, sumber="pegawai.melayani_publik"),
        Masukan("ikm_unit", "angka", _d("IKM konversi unit kerja (25-100)",
                                        "converted IKM of the unit (25-100)"),
                satuan="ikm_konversi", min=25, max=100, sumber="skm (permenpanrb_14_2017)"),
        Masukan("jawaban_skm", "daftar",
                _d("jawaban SKM unit: tiap responden sembilan nilai 1-4 (U1..U9, null = tidak "
                   "menjawab)", "the unit's SKM answers: per respondent nine values 1-4 "
                   "(U1..U9, null = not answered)"),
                isi=get_rule(ATURAN_IKM).inputs[0].isi, sumber="skm.u1..u9"),
    )
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("capaian_hasil_kerja_iki", _d("capaian hasil kerja dari IKI (sebelum IKM)",
                                               "results achieved from the IKI (before IKM)"),
                 "persen"),
        Keluaran("ikm_unit", _d("IKM konversi unit", "converted IKM of the unit"), "ikm_konversi"),
        Keluaran("capaian_ikm", _d("IKM diskalakan ke capaian (%)", "IKM scaled to capaian (%)"),
                 "persen"),
        Keluaran("pakai_ikm", _d("IKM dipakai (garda depan dengan IKM)",
                                 "IKM used (frontline with an IKM)")),
    )

    @property
    def parameter_ids(self) -> tuple[str, ...]:
        """The base rule's files, then ``permenpanrb_14_2017`` (IKM), then this rule's."""
        return (*get_rule(self.base_rule).parameter_ids, ATURAN_IKM, self.id)

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-check: the anchors of the IKM scale are distinct (mutu A above mutu B)."""
        out = super().periksa_parameter(params)
        b = params["batas_mutu"]
        if not float(b["A"]) > float(b["B"]):
            out.append(Masalah("reformasi_ambang_urut", bidang="batas_mutu",
                               isi={"urutan": f"A {b['A']} > B {b['B']}"}))
        return out

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
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
        tabel = super().siapkan_kasus(inputs, params)
        ikm, mutu, n = np.nan, None, np.nan
        if "jawaban_skm" in inputs:
            rule = get_rule(ATURAN_IKM)
            h = rule.hitung(rule.siapkan_kasus({"jawaban": inputs["jawaban_skm"]}, params),
                            params).hasil
            ikm, mutu, n = float(h["ikm_konversi"].iloc[0]), str(h["mutu"].iloc[0]), float(
                h["jumlah_responden"].iloc[0])
            if n < params["min_responden_ikm"]:
                ikm, mutu = np.nan, None
        elif "ikm_unit" in inputs:
            ikm = float(inputs["ikm_unit"])
            b = params["batas_mutu"]
            mutu = "A" if ikm >= b["A"] else "B" if ikm >= b["B"] else "C" if ikm >= b["C"] else "D"
        tabel["pegawai"] = tabel["pegawai"].assign(
            melayani_publik=bool(inputs.get("melayani_publik", False)),
            ikm_unit=[ikm], mutu_ikm=np.array([mutu], dtype=object), responden_ikm=[n])
        return tabel

    # ------------------------------------------------------------------ the rule
    def capaian(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> pd.DataFrame:
        """Base capaian, blended with the scaled IKM for frontline employees with an IKM."""
        cap = super().capaian(tabel, params)
        peg = tabel["pegawai"]
        asli = cap["capaian_hasil_kerja"].to_numpy(dtype=float)
        ikm = peg["ikm_unit"].to_numpy(dtype=float)
        pakai = peg["melayani_publik"].to_numpy(dtype=bool) & ~np.isnan(ikm)
        skala = np.where(pakai, skala_ikm(ikm, params), np.nan)
        w = float(params["bobot_ikm"])
        gabung = np.where(pakai, (1.0 - w) * asli + w * skala, asli)
        tabel["_ikm"] = pd.DataFrame({"capaian_hasil_kerja_iki": asli, "capaian_ikm": skala,
                                      "pakai_ikm": pakai})
        return cap.assign(capaian_hasil_kerja=np.round(gabung, 9))

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        h = super().hitung(tabel, params)
        peg, extra = tabel["pegawai"], tabel["_ikm"]
        h.hasil["melayani_publik"] = peg["melayani_publik"].to_numpy(dtype=bool)
        h.hasil["ikm_unit"] = peg["ikm_unit"].to_numpy(dtype=float)
        h.hasil["mutu_ikm"] = kategori(peg["mutu_ikm"], MUTU)
        h.hasil["responden_ikm"] = peg["responden_ikm"].to_numpy(dtype=float)
        for c in ("capaian_hasil_kerja_iki", "capaian_ikm", "pakai_ikm"):
            h.hasil[c] = extra[c].to_numpy()
        return h

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        base = super().langkah(evaluation, baris, lang)
        p = evaluation.params
        L = self.langkah_parameter

        def k(key: str, **kw: Any) -> str:
            return t(f"reformasi.komponen.{key}", lang, **kw)

        mine: list[Langkah] = []
        if pd.notna(baris["ikm_unit"]):
            resp = baris["responden_ikm"]
            mine.append(L(p, "batas_mutu", k("ikm_unit"), nilai=float(baris["ikm_unit"]),
                          ambang=k("responden", n=int(resp)) if pd.notna(resp) else None,
                          hasil=k("mutu", mutu=baris["mutu_ikm"])))
        if bool(baris["pakai_ikm"]):
            mine.append(L(p, "batas_mutu", k("skala_ikm"), nilai=float(baris["ikm_unit"]),
                          ambang=(f"B {p['batas_mutu']['B']} → {p['ambang_hasil_sesuai']} %, "
                                  f"A {p['batas_mutu']['A']} → {p['ambang_hasil_di_atas']} %"),
                          hasil=float(baris["capaian_ikm"])))
            w = float(p["bobot_ikm"])
            mine.append(L(p, "bobot_ikm", k("gabung"),
                          nilai={"capaian_iki": float(baris["capaian_hasil_kerja_iki"]),
                                 "capaian_ikm": float(baris["capaian_ikm"])},
                          ambang=f"{1 - w:g} × IKI + {w:g} × IKM",
                          hasil=float(baris["capaian_hasil_kerja"])))
        else:
            alasan = ("tanpa_ikm" if bool(baris["melayani_publik"]) else "bukan_garda_depan")
            mine.append(L(p, "bobot_ikm", k(alasan), nilai=float(baris["capaian_hasil_kerja_iki"]),
                          hasil=float(baris["capaian_hasil_kerja"])))
        at = next((i for i, s in enumerate(base)
                   if s.parameter in ("ambang_hasil_di_atas", "kepala_unit_pakai_capaian_organisasi")),
                  len(base))
        return [*base[:at], *mine, *base[at:]]


register(MamujuIkm)
