"""Reform ``kalibrasi``: calibrate raters before rating perilaku kerja (patch of permenpanrb_6_2022).

What it changes: ONLY the BerAKHLAK scores that enter the behaviour rating. Before
``permenpanrb_6_2022`` turns the seven scores into ``rating_perilaku_kerja``, every rating
given by a rater (``penilai_id``) is calibrated against that rater's other ratings
(:mod:`simkit.rules.kalibrasi_penilai`):

- ``metode: pemusatan``: ``x' = x - rater mean + grand mean`` (per BerAKHLAK value), which
  removes leniency and severity;
- ``metode: skor_z``: ``x' = (x - rater mean) / rater sd x pooled sd + grand mean``, which also
  undoes central tendency (a rater squeezing everybody toward 3).

Calibrated scores are clipped to the 1-5 scale. Raters with fewer than ``min_penilaian`` ratings
(self-ratings never count and are never calibrated) keep their raw scores. Everything else -
capaian hasil kerja, the thresholds ``ambang_perilaku_*``, ``sumber_perilaku``, the kuadran
and the curve - is the base rule's, with the base rule's parameters.

Parameters: this rule's ParameterSet is the base rule's (``params/permenpanrb_6_2022.yaml``)
merged with ``params/kalibrasi.yaml``, so a scenario may override both, e.g.
``{metode: skor_z, ambang_perilaku_di_atas: 4.0}``; all overrides are validated together
before any is applied.

Example: an OPD whose three raters give everyone 5 where others give 3.5 loses its advantage:
the raters' means (5) are moved to the grand mean, so the OPD's employees are rated on how
they compare within their rater's team.

>>> from simkit.rules import get_rule
>>> r = get_rule("kalibrasi")
>>> out = r.evaluate_case({"pegawai": [
...     {"asn_id": 1, "capaian_hasil_kerja": 100}, {"asn_id": 2, "capaian_hasil_kerja": 100},
...     {"asn_id": 3, "capaian_hasil_kerja": 100}, {"asn_id": 4, "capaian_hasil_kerja": 100}],
...   "penilaian": [{"asn_id": 1, "penilai_id": 9, "skor": 5}, {"asn_id": 2, "penilai_id": 9, "skor": 5},
...                 {"asn_id": 3, "penilai_id": 8, "skor": 3}, {"asn_id": 4, "penilai_id": 8, "skor": 3}]},
...   {"min_penilaian": 2})
>>> [p["perilaku_rerata"] for p in out["pegawai"]]
[4.0, 4.0, 4.0, 4.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simkit.i18n import label, t
from simkit.kosakata import RATING
from simkit.population.schema import PERAN_PENILAI
from simkit.rules.deklarasi import Keluaran, dwibahasa
from simkit.rules.evaluation import Evaluation, Langkah, langkah_parameter
from simkit.rules.kasus_kelompok import DukungKelompok
from simkit.rules.kuadran_kinerja import (
    KeadaanKinerja,
    NilaiPerilaku,
    nilai_berakhlak,
    rating_perilaku,
    rerata_berakhlak,
)
from simkit.rules.larik import kategori, kategori_dari_kode
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.reformasi.kalibrasi_penilai import (
    kalibrasi_penilaian,
    rerata_baris,
    ringkasan_penilai,
)
from simkit.rules.tahap import ganti_tahap


def _k(key: str, lang: str, **kw: Any) -> str:
    return t(f"reformasi.komponen.{key}", lang, **kw)


class NilaiPerilakuKalibrasi(NilaiPerilaku):
    """Step ``nilai_perilaku``: every rating calibrated against its rater's other ratings
    first; the raw mean and rating stay in the result for comparison."""

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        params, mentah = k.params, k.perilaku
        kal = kalibrasi_penilaian(mentah, params["metode"], params["min_penilaian"])
        rerata = rerata_berakhlak(nilai_berakhlak(mentah, k.ids, params))
        penilaian = pd.DataFrame({
            "asn_id": mentah["asn_id"].to_numpy(), "penilai_id": mentah["penilai_id"].to_numpy(),
            "peran": kategori_dari_kode(mentah["peran"].to_numpy(dtype=np.int8), PERAN_PENILAI),
            "rerata_mentah": rerata_baris(mentah).astype(np.float32),
            "rerata_kalibrasi": rerata_baris(kal).astype(np.float32),
        })
        k = k.dengan(perilaku=kal, kolom={
            "perilaku_rerata_mentah": rerata,
            "rating_perilaku_mentah": kategori(rating_perilaku(rerata, k.pegawai, params), RATING),
        }, catatan={
            "kalibrasi_penilai": ringkasan_penilai(mentah, kal, params["min_penilaian"],
                                                   params["metode"]),
            "penilaian_kalibrasi": penilaian,
        })
        return super().hitung(k)

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        aid = int(baris["asn_id"])
        mine: list[Langkah] = [
            langkah_parameter(
                p, "sumber_perilaku", _k("perilaku_mentah", lang),
                nilai=baris["perilaku_rerata_mentah"],
                hasil=label("rating", baris["rating_perilaku_mentah"], lang)),
        ]
        rinci = evaluation.catatan.get("penilaian_kalibrasi")
        ringkas = evaluation.catatan.get("kalibrasi_penilai")
        if rinci is not None and ringkas is not None:
            info = ringkas.set_index("penilai_id")
            for r in rinci.loc[rinci["asn_id"] == aid].itertuples():
                peran = label("peran_penilai", r.peran, lang)
                if r.peran == "diri" or r.penilai_id not in info.index:
                    mine.append(Langkah(_k("penilaian_diri", lang, penilai=r.penilai_id,
                                           peran=peran),
                                        nilai=float(r.rerata_mentah),
                                        hasil=float(r.rerata_kalibrasi)))
                    continue
                s = info.loc[r.penilai_id]
                ambang = _k("penilai_info", lang, n=int(s["jumlah_penilaian"]),
                            rerata=f"{s['rerata_mentah']:.2f}",
                            status=_k("dikalibrasi" if s["dikalibrasi"] else "tidak_dikalibrasi",
                                      lang))
                mine.append(langkah_parameter(
                    p, "metode", _k("penilaian", lang, penilai=r.penilai_id, peran=peran),
                    nilai=float(r.rerata_mentah), hasil=float(r.rerata_kalibrasi),
                    ambang=ambang))
        mine.append(langkah_parameter(p, "min_penilaian", _k("min_penilaian", lang),
                                      nilai=p["min_penilaian"]))
        return [*mine, *super().jelaskan(evaluation, baris, lang)]


class Kalibrasi(DukungKelompok, Permenpanrb6):
    """PermenPANRB 6/2022 with rater calibration of the BerAKHLAK scores (module docstring)."""

    id = "kalibrasi"
    base_rule = "permenpanrb_6_2022"
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("perilaku_rerata_mentah", dwibahasa("rata-rata BerAKHLAK sebelum kalibrasi",
                                              "mean BerAKHLAK score before calibration"),
                 "skor 1-5"),
        Keluaran("rating_perilaku_mentah", dwibahasa("rating perilaku sebelum kalibrasi",
                                              "behaviour rating before calibration"),
                 pilihan=RATING),
    )
    kolom_kelompok = (*DukungKelompok.kolom_kelompok, "perilaku_rerata_mentah",
                      "rating_perilaku_mentah")
    tahap = ganti_tahap(Permenpanrb6.tahap, NilaiPerilakuKalibrasi())
    kolom_penilaian = ("penilai_id",)
    """The base rule validates and keeps the rater id in the behaviour table."""


__all__ = ["Kalibrasi"]
