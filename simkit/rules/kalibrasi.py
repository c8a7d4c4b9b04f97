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
from simkit.rules.aturan import Hasil
from simkit.rules.deklarasi import Keluaran
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.kalibrasi_penilai import kalibrasi_penilaian, rerata_baris, ringkasan_penilai
from simkit.rules.kasus_kelompok import MASUKAN, DukungKelompok
from simkit.rules.larik import kategori, kategori_dari_kode
from simkit.rules.params import ParameterSet
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.registry import register


def _d(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


class Kalibrasi(DukungKelompok, Permenpanrb6):
    """PermenPANRB 6/2022 with rater calibration of the BerAKHLAK scores (module docstring)."""

    id = "kalibrasi"
    base_rule = "permenpanrb_6_2022"
    inputs = (*Permenpanrb6.inputs, *MASUKAN)
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("perilaku_rerata_mentah", _d("rata-rata BerAKHLAK sebelum kalibrasi",
                                              "mean BerAKHLAK score before calibration"),
                 "skor 1-5"),
        Keluaran("rating_perilaku_mentah", _d("rating perilaku sebelum kalibrasi",
                                              "behaviour rating before calibration"),
                 pilihan=RATING),
    )
    kolom_kelompok = (*DukungKelompok.kolom_kelompok, "perilaku_rerata_mentah",
                      "rating_perilaku_mentah")
    kolom_penilaian = ("penilai_id",)
    """The base rule validates and keeps the rater id in the behaviour table."""

    # ------------------------------------------------------------------ the rule
    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        mentah = tabel["perilaku"]
        kal = kalibrasi_penilaian(mentah, params["metode"], params["min_penilaian"])
        h = super().hitung({**tabel, "perilaku": kal}, params)
        ids = h.hasil["asn_id"].to_numpy()
        raw = self.nilai_perilaku(mentah, ids, params)
        rerata = np.round(raw.to_numpy().mean(axis=1), 9)
        h.hasil["perilaku_rerata_mentah"] = rerata
        h.hasil["rating_perilaku_mentah"] = kategori(self.rating_perilaku(rerata, tabel, params),
                                                     RATING)
        h.catatan["kalibrasi_penilai"] = ringkasan_penilai(
            mentah, kal, params["min_penilaian"], params["metode"])
        h.catatan["penilaian_kalibrasi"] = pd.DataFrame({
            "asn_id": mentah["asn_id"].to_numpy(), "penilai_id": mentah["penilai_id"].to_numpy(),
            "peran": kategori_dari_kode(mentah["peran"].to_numpy(dtype=np.int8), PERAN_PENILAI),
            "rerata_mentah": rerata_baris(mentah).astype(np.float32),
            "rerata_kalibrasi": rerata_baris(kal).astype(np.float32),
        })
        return h

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        base = super().langkah(evaluation, baris, lang)
        p = evaluation.params
        aid = int(baris["asn_id"])

        def k(key: str, **kw: Any) -> str:
            return t(f"reformasi.komponen.{key}", lang, **kw)

        mine: list[Langkah] = [
            self.langkah_parameter(
                p, "sumber_perilaku", k("perilaku_mentah"), nilai=baris["perilaku_rerata_mentah"],
                hasil=label("rating", baris["rating_perilaku_mentah"], lang)),
        ]
        rinci = evaluation.catatan.get("penilaian_kalibrasi")
        ringkas = evaluation.catatan.get("kalibrasi_penilai")
        if rinci is not None and ringkas is not None:
            mine_rows = rinci.loc[rinci["asn_id"] == aid]
            info = ringkas.set_index("penilai_id")
            for r in mine_rows.itertuples():
                peran = label("peran_penilai", r.peran, lang)
                if r.peran == "diri" or r.penilai_id not in info.index:
                    mine.append(Langkah(k("penilaian_diri", penilai=r.penilai_id, peran=peran),
                                        nilai=float(r.rerata_mentah),
                                        hasil=float(r.rerata_kalibrasi)))
                    continue
                s = info.loc[r.penilai_id]
                ambang = k("penilai_info", n=int(s["jumlah_penilaian"]),
                           rerata=f"{s['rerata_mentah']:.2f}",
                           status=k("dikalibrasi" if s["dikalibrasi"] else "tidak_dikalibrasi"))
                mine.append(self.langkah_parameter(
                    p, "metode", k("penilaian", penilai=r.penilai_id, peran=peran),
                    nilai=float(r.rerata_mentah), hasil=float(r.rerata_kalibrasi),
                    ambang=ambang))
        mine.append(self.langkah_parameter(p, "min_penilaian", k("min_penilaian"),
                                           nilai=p["min_penilaian"]))
        at = next((i for i, s in enumerate(base) if s.parameter == "sumber_perilaku"), len(base))
        return [*base[:at], *mine, *base[at:]]


register(Kalibrasi)

__all__ = ["Kalibrasi"]
