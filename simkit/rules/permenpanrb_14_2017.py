"""PermenPANRB 14/2017: Indeks Kepuasan Masyarakat (IKM) of a service unit (tingkat unit).

Per unit (vectorised over units):

* NRR per unsur = mean of the answers given (null = not answered is skipped); answers and
  NRR lie on ``skala_jawaban`` (1-4);
* NRR tertimbang = NRR × bobot of its unsur (:func:`bobot_unsur`: ``bobot_unsur`` 0,111 as
  printed, exactly 1/9 with ``bobot_eksak``, or a unit's own ``bobot_per_unsur`` summing to 1);
  IKM = Σ NRR tertimbang; ``ikm_konversi`` = IKM × ``faktor_konversi`` (its range,
  :func:`rentang_ikm_konversi`, is 24,975-99,9 with 0,111 and 25-100 with 1/9);
* ``mutu`` (:func:`mutu_ikm`, the ONE grading every rule uses): the converted value rounded
  half up to ``desimal_konversi`` decimals (88,305 -> 88,31) is compared with ``batas_mutu``
  (A ≥ 88,31, B ≥ 76,61, C ≥ 65,00, else D); ``kinerja_unit`` from ``kinerja_unit``
  (sangat_baik, baik, kurang_baik, tidak_baik) — also the ``predikat``.

A population gives one row per unit found in ``population.skm`` (units without answers are
absent). Rules that use a unit's IKM (reforms) take it from :func:`ikm_per_unit` and
:func:`ikm_pegawai`, computed exactly as this rule computes it.

>>> from simkit.rules import get_rule
>>> r = get_rule("permenpanrb_14_2017")
>>> r.evaluate_case({"nrr": {f"u{i}": 3.2 for i in range(1, 10)}})["ikm_konversi"]
79.92
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import label
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.schema import UNSUR_SKM
from simkit.rules.aturan import Hasil, Rule
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa, masalah_jalur, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.iki import PRESISI
from simkit.rules.larik import bingkai, kategori_dari_kode, letak_id, pilih_kode
from simkit.rules.params import ParameterSet
from simkit.rules.pemeriksa_populasi import Pemeriksa

if TYPE_CHECKING:
    from simkit.population.model import Population

MUTU = ("A", "B", "C", "D")
KINERJA_UNIT = ("sangat_baik", "baik", "kurang_baik", "tidak_baik")
TOLERANSI_JUMLAH_BOBOT = 1e-9
"""How far the sum of ``bobot_per_unsur`` may be from 1 (float noise of decimal weights)."""


def bobot_unsur(params: ParameterSet) -> np.ndarray:
    """The weight of each unsur U1..U9: a unit's own ``bobot_per_unsur`` when given, else the
    regulation's equal weight (exactly 1/9 with ``bobot_eksak``, else the printed 0,111).

    >>> from simkit.rules.params import load_params
    >>> p = load_params("permenpanrb_14_2017")
    >>> bobot_unsur(p)[:2].tolist(), float(bobot_unsur(p.with_overrides({"bobot_eksak": True}))[0])
    ([0.111, 0.111], 0.1111111111111111)
    """
    per = params["bobot_per_unsur"]
    if any(per.get(u) is not None for u in UNSUR_SKM):
        return np.array([float(per[u]) for u in UNSUR_SKM])
    w1 = 1.0 / len(UNSUR_SKM) if params["bobot_eksak"] else float(params["bobot_unsur"])
    return np.full(len(UNSUR_SKM), w1)


def periksa_bobot(params: ParameterSet) -> list[Masalah]:
    """``bobot_per_unsur``: all null (the regulation's weights) or every unsur a number in
    [0, 1], summing to 1 (PermenPANRB 14/2017 lets a unit weigh unsur differently so).

    >>> from simkit.rules.params import load_params
    >>> p = load_params("permenpanrb_14_2017")
    >>> periksa_bobot(p)
    []
    >>> [m.kode for m in periksa_bobot(p.with_overrides({"bobot_per_unsur": {"u1": 0.5}}))]
    ['ikm_bobot_tidak_lengkap']
    """
    per = params["bobot_per_unsur"]
    given = {u: per.get(u) for u in UNSUR_SKM}
    if all(v is None for v in given.values()):
        return []
    kosong = [u for u, v in given.items() if v is None]
    if kosong:
        return [Masalah("ikm_bobot_tidak_lengkap", bidang=f"bobot_per_unsur.{kosong[0]}",
                        isi={"kosong": ", ".join(kosong)})]
    out = [Masalah("di_luar_rentang", bidang=f"bobot_per_unsur.{u}", diharapkan="0 .. 1",
                   ditemukan=repr(v))
           for u, v in given.items()
           if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1]
    if out:
        return out
    jumlah = float(np.sum([float(v) for v in given.values()]))
    if abs(jumlah - 1.0) > TOLERANSI_JUMLAH_BOBOT:
        out.append(Masalah("ikm_bobot_jumlah", bidang="bobot_per_unsur",
                           diharapkan="1", ditemukan=f"{jumlah:.6g}",
                           isi={"rincian": " + ".join(f"{given[u]:g}" for u in UNSUR_SKM)}))
    return out


def rentang_ikm_konversi(params: ParameterSet) -> tuple[float, float]:
    """Lowest and highest converted IKM the weights allow: ``skala_jawaban`` × Σ bobot ×
    ``faktor_konversi`` (25-100 is the regulation's round figure; 0,111 gives 24,975-99,9).

    >>> from simkit.rules.params import load_params
    >>> rentang_ikm_konversi(load_params("permenpanrb_14_2017"))
    (24.975, 99.9)
    """
    w = float(bobot_unsur(params).sum())
    sk, f = params["skala_jawaban"], float(params["faktor_konversi"])
    return (round(float(sk["min"]) * w * f, PRESISI), round(float(sk["max"]) * w * f, PRESISI))


def mutu_ikm(konversi: Any, params: ParameterSet) -> tuple[np.ndarray, np.ndarray]:
    """(IKM konversi rounded for grading, code in :data:`MUTU`; -1 = none): THE grading of a
    converted IKM, for this rule and every rule that grades an IKM.

    The value is rounded half up to ``desimal_konversi`` decimals (after rounding float noise
    at 6 decimals), then compared with ``batas_mutu``: 88,305 -> 88,31 -> A; 88,3049 -> B.

    >>> from simkit.rules.params import load_params
    >>> kb, kode = mutu_ikm([88.305, 88.3049, 76.61, 64.99], load_params("permenpanrb_14_2017"))
    >>> kb.tolist(), [MUTU[k] for k in kode]
    ([88.31, 88.3, 76.61, 64.99], ['A', 'B', 'B', 'D'])
    """
    kb = bulat_setengah_atas(np.asarray(konversi, dtype=float), params["desimal_konversi"],
                             presisi=6)
    b = params["batas_mutu"]
    return kb, pilih_kode([kb >= b["A"], kb >= b["B"], kb >= b["C"], ~np.isnan(kb)])


def periksa_skala(nilai: Any, params: ParameterSet, jalur: tuple) -> list[Masalah]:
    """Problems of case answers (or NRR) outside ``skala_jawaban``: one per value, located at
    ``jalur`` + its position (``jawaban[1][2]``).

    >>> from simkit.rules.params import load_params
    >>> [m.bidang for m in periksa_skala([[4, 5, None]], load_params("permenpanrb_14_2017"),
    ...                                  ("jawaban",))]
    ['jawaban[0][1]']
    """
    sk = params["skala_jawaban"]
    lo, hi = float(sk["min"]), float(sk["max"])
    out: list[Masalah] = []
    items = nilai.items() if isinstance(nilai, Mapping) else enumerate(nilai)
    for k, v in items:
        if isinstance(v, list | Mapping):
            out.extend(periksa_skala(v, params, (*jalur, k)))
        elif v is not None and not lo <= float(v) <= hi:
            out.append(masalah_jalur("di_luar_rentang", (*jalur, k),
                                     diharapkan=f"{sk['min']} .. {sk['max']} (skala_jawaban)",
                                     ditemukan=repr(v)))
    return out


def _jawaban(unit_id: np.ndarray, nilai: np.ndarray) -> pd.DataFrame:
    """The answers table ``unit_id, u1..u9`` from ``nilai`` (one row per unsur), kept as one
    2-D block without a copy (a fast groupby)."""
    out = pd.DataFrame(nilai.T, columns=list(UNSUR_SKM), copy=False)
    out.insert(0, "unit_id", unit_id)
    return out


class Permenpanrb14(Rule):
    """IKM of PermenPANRB 14/2017 (see the module docstring)."""

    id = "permenpanrb_14_2017"
    tingkat = "unit"
    tabel = ("skm",)
    inputs = (
        Masukan("jawaban", "daftar", dwibahasa("jawaban responden: tiap responden sembilan nilai "
                                        "pada skala_jawaban (1-4) urut U1..U9 (null = tidak "
                                        "menjawab)",
                                        "answers: per respondent nine values on skala_jawaban "
                                        "(1-4) in the order U1..U9 (null = not answered)"),
                isi=Masukan("responden", "daftar", panjang=len(UNSUR_SKM),
                            isi=Masukan("nilai", "angka", boleh_null=True)),
                sumber="skm.u1..u9"),
        Masukan("nrr", "mapping", dwibahasa("NRR per unsur (pada skala_jawaban, 1-4)",
                                            "NRR per unsur (on skala_jawaban, 1-4)"),
                kunci=tuple(Masukan(u, "angka", wajib=True) for u in UNSUR_SKM)),
    )
    outputs = (
        Keluaran("nrr", dwibahasa("nilai rata-rata per unsur", "mean per unsur")),
        Keluaran("ikm", dwibahasa("IKM (1-4)", "IKM (1-4)")),
        Keluaran("ikm_konversi", dwibahasa("IKM konversi (25-100; 24,975-99,9 dengan bobot 0,111)",
                                           "converted IKM (25-100; 24.975-99.9 with weight 0.111)")),
        Keluaran("mutu", dwibahasa("mutu pelayanan", "service grade"), pilihan=MUTU),
        Keluaran("kinerja_unit", dwibahasa("kinerja unit pelayanan", "service unit performance"),
                 pilihan=KINERJA_UNIT),
    )

    def siapkan(self, population: Population, params: ParameterSet) -> dict[str, pd.DataFrame]:
        pm = Pemeriksa(self.id)
        skm = getattr(population, "skm", None)
        sk = params["skala_jawaban"]
        if pm.kolom(skm, "skm", ("unit_id", *UNSUR_SKM)):
            pm.tidak_kosong(skm, "skm", ("unit_id",), "responden_id"
                            if "responden_id" in skm else "unit_id")
            for u in UNSUR_SKM:
                pm.rentang(skm, "skm", u, sk["min"], sk["max"], "unit_id")
        pm.selesai()
        nilai = np.empty((len(UNSUR_SKM), len(skm)))  # one row per unsur
        for i, u in enumerate(UNSUR_SKM):
            nilai[i] = skm[u].to_numpy(dtype=float)
        jawaban = _jawaban(skm["unit_id"].to_numpy(), nilai)
        if params["unsur_tanpa_jawaban"] == "galat":
            kode, units = pd.factorize(jawaban["unit_id"].to_numpy(), sort=True)
            n = np.column_stack([np.bincount(kode, weights=~np.isnan(x), minlength=len(units))
                                 for x in nilai])
            bad = (n == 0).any(axis=1)  # answers per unit and unsur: none
            if bad.any():
                frame = bingkai({"unit_id": units[bad]})
                pm.tandai(frame, np.ones(int(bad.sum()), bool), "skm",
                          UNSUR_SKM[int(np.argmax(n[bad][0] == 0))], "unit_id",
                          "aturan_unsur_tanpa_jawaban")
        pm.selesai()
        return {"jawaban": jawaban}

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        probs = periksa_masukan(self.inputs, inputs)
        if not probs and not {"jawaban", "nrr"} & set(inputs):
            probs.append(Masalah("kasus_masukan_kurang", bidang="input",
                                 isi={"perlu": "jawaban | nrr", "jalur": ()}))
        return probs

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-check: ``bobot_per_unsur`` complete and summing to 1 (:func:`periksa_bobot`)."""
        return [*super().periksa_parameter(params), *periksa_bobot(params)]

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        probs = periksa_skala({k: inputs[k] for k in ("jawaban", "nrr") if k in inputs}, params,
                              ())
        if probs:
            raise SimkitError(probs)
        if "nrr" in inputs:
            return {"nrr": bingkai({"unit_id": [1], **{u: [float(inputs["nrr"][u])]
                                                            for u in UNSUR_SKM}})}
        rows = inputs["jawaban"]
        arr = np.array([[np.nan if a is None else float(a) for a in r] for r in rows],
                       dtype=float).reshape(len(rows), len(UNSUR_SKM))
        return {"jawaban": _jawaban(np.ones(len(rows), dtype=np.int64), arr.T)}

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        u = list(UNSUR_SKM)
        if "nrr" in tabel:
            nrr = tabel["nrr"].set_index("unit_id")[u]
            jumlah = pd.Series(np.nan, index=nrr.index)
        else:
            g = tabel["jawaban"].groupby("unit_id")
            nrr = g[u].mean()
            jumlah = g.size()
        units = nrr.index.to_numpy()
        # column-major, as the frame of separate columns gave it: the sums over the unsur
        # below then add them in the same order (same bits)
        v = np.asfortranarray(nrr.to_numpy(dtype=float))
        bobot = bobot_unsur(params)
        w = np.where(np.isnan(v), 0.0, bobot)
        ikm = np.nansum(v * w, axis=1)
        if params["unsur_tanpa_jawaban"] == "bobot_ulang":
            ikm = ikm * bobot.sum() / w.sum(axis=1)
        ikm = np.round(ikm, PRESISI)
        konv = np.round(ikm * params["faktor_konversi"], PRESISI)
        kb, mutu = mutu_ikm(konv, params)
        peta = dict(params["kinerja_unit"])
        lut = np.array([KINERJA_UNIT.index(peta[m]) if peta.get(m) in KINERJA_UNIT else -1
                        for m in MUTU] + [-1])
        kin = kategori_dari_kode(lut[mutu], KINERJA_UNIT)
        hasil = bingkai({
            "unit_id": units, "jumlah_responden": jumlah.reindex(units).to_numpy(dtype=float),
            **{f"nrr_{name}": np.round(v[:, i], PRESISI) for i, name in enumerate(u)},
            **{f"bobot_{name}": np.full(len(units), bobot[i]) for i, name in enumerate(u)},
            "ikm": ikm, "ikm_konversi": konv, "ikm_konversi_dibulatkan": kb,
            "mutu": kategori_dari_kode(mutu, MUTU), "kinerja_unit": kin, "predikat": kin,
            "nilai": konv,
        })
        return Hasil(hasil, {})

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        out["nrr"] = {u: out.pop(f"nrr_{u}") for u in UNSUR_SKM}
        return out

    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        L = langkah_parameter
        k = partial(komponen, lang=lang)
        per = any(p["bobot_per_unsur"].get(u) is not None for u in UNSUR_SKM)
        w = "bobot_per_unsur" if per else "bobot_eksak" if p["bobot_eksak"] else "bobot_unsur"
        steps = [Langkah(k("jumlah_responden"), nilai=baris["jumlah_responden"])]
        for u in UNSUR_SKM:
            b = baris[f"bobot_{u}"]
            steps.append(L(p, w, k("nrr", unsur=u.upper()), nilai=baris[f"nrr_{u}"],
                           ambang=f"× {b:.6g}", hasil=baris[f"nrr_{u}"] * b,
                           nilai_parameter={u: p["bobot_per_unsur"][u]} if per else None))
        steps.append(Langkah(k("ikm"), nilai=baris["ikm"]))
        steps.append(L(p, "faktor_konversi", k("ikm_konversi"), nilai=baris["ikm"],
                       ambang=f"× {p['faktor_konversi']}", hasil=baris["ikm_konversi"]))
        steps.append(L(p, "desimal_konversi", k("ikm_konversi"), nilai=baris["ikm_konversi"],
                       hasil=baris["ikm_konversi_dibulatkan"]))
        steps.append(L(p, "batas_mutu", k("mutu"), nilai=baris["ikm_konversi_dibulatkan"],
                       hasil=str(baris["mutu"])))
        steps.append(L(p, "kinerja_unit", k("kinerja_unit"), nilai=str(baris["mutu"]),
                       hasil=label("kinerja_unit", baris["kinerja_unit"], lang)))
        return steps


# --------------------------------------------------------------------------- IKM for other rules


def ikm_per_unit(population: Population, params: ParameterSet) -> pd.DataFrame:
    """IKM of every unit with SKM answers, by this rule and ``params`` (which must hold this
    rule's parameters): ``unit_id``, ``jumlah_responden``, ``ikm_konversi``, ``mutu``. Empty
    when the population has no ``skm``."""
    if getattr(population, "skm", None) is None or len(population.skm) == 0:
        return pd.DataFrame({"unit_id": np.zeros(0, np.int64), "jumlah_responden": np.zeros(0),
                             "ikm_konversi": np.zeros(0), "mutu": np.zeros(0, object)})
    rule = Permenpanrb14()
    h = rule.hitung(rule.siapkan(population, params), params).hasil
    return h[["unit_id", "jumlah_responden", "ikm_konversi", "mutu"]]


def ikm_jawaban(jawaban: list, params: ParameterSet) -> tuple[float, str, float]:
    """(IKM konversi, mutu, respondents) of one unit's answers given in a rule case."""
    rule = Permenpanrb14()
    h = rule.hitung(rule.siapkan_kasus({"jawaban": jawaban}, params), params).hasil
    return (float(h["ikm_konversi"].iloc[0]), str(h["mutu"].iloc[0]),
            float(h["jumlah_responden"].iloc[0]))


def ikm_pegawai(unit_id: np.ndarray, ikm: pd.DataFrame, min_responden: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(IKM konversi, mutu, respondents) of each employee's unit; NaN/None where the unit has
    no IKM or fewer than ``min_responden`` respondents.

    >>> ikm = pd.DataFrame({"unit_id": [1, 2], "jumlah_responden": [30.0, 5.0],
    ...                     "ikm_konversi": [80.0, 90.0], "mutu": ["B", "A"]})
    >>> [x.tolist() for x in ikm_pegawai(np.array([2, 1]), ikm, 10)]
    [[nan, 80.0], [None, 'B'], [nan, 30.0]]
    """
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
