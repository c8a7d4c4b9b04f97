"""IKM (Indeks Kepuasan Masyarakat) per service unit, with its mutu and kinerja unit.

Taken from a unit-level evaluation of ``permenpanrb_14_2017`` when one is given, else
computed by calling that rule (:func:`simkit.rules.evaluate`). Joined to the unit's name, kind and
OPD, the number of respondents and, with the truth, the unit's true service quality.

>>> ikm(pop, {"ikm": ev_ikm})[["nama_unit", "ikm_konversi", "mutu"]]   # doctest: +SKIP
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.panel import hasil_dengan_kunci, pisah_evaluasi
from simkit.analysis.registri import Tabel
from simkit.analysis.syarat import BUTUH_SURVEI
from simkit.errors import galat
from simkit.population.model import Population

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation

ATURAN_IKM = "permenpanrb_14_2017"
"""The rule that computes the IKM of a unit."""

KOLOM_HASIL = ("ikm", "ikm_konversi", "mutu", "kinerja_unit", "predikat", "peringkat", "nilai")
"""Columns taken from the rule's ``hasil`` when present."""

KOLOM = ["aturan", "unit_id", "kode_unit", "nama_unit", "jenis_unit", "opd_id", "nama_opd",
         "jumlah_responden", "ikm", "ikm_konversi", "mutu", "kinerja_unit", "peringkat"]


def wajib_survei(population: Population) -> None:
    """Raise a located error when the population has no SKM answers."""
    if population.skm is None or len(population.skm) == 0:
        raise galat("metrik_butuh_survei", berkas="skm", bidang="ikm", metrik="ikm")


def _evaluasi_ikm(population: Population, evaluations: Any,
                  evaluate: Callable | None) -> dict[str, Any]:
    if evaluations is not None:
        _, units = pisah_evaluasi(evaluations)
        if units:
            return units
    wajib_survei(population)
    if evaluate is not None:
        return {ATURAN_IKM: evaluate(population, ATURAN_IKM)}
    return {ATURAN_IKM: evaluasi_ikm_bawaan(population)}


_IKM_BAWAAN: dict[int, tuple[weakref.ref, Evaluation]] = {}


def evaluasi_ikm_bawaan(population: Population) -> Evaluation:
    """The unit-level evaluation of ``permenpanrb_14_2017`` on ``population``, computed once
    per population object and reused (populations are not changed after they are built)."""
    from simkit.rules import evaluate

    kunci = id(population)
    hit = _IKM_BAWAAN.get(kunci)
    if hit is not None and hit[0]() is population:
        return hit[1]
    ev = evaluate(population, ATURAN_IKM)
    _IKM_BAWAAN[kunci] = (weakref.ref(population), ev)
    weakref.finalize(population, _IKM_BAWAAN.pop, kunci, None)
    return ev


def ikm(population: Population, evaluations: Mapping[str, Evaluation] | None = None,
        evaluate: Callable | None = None) -> pd.DataFrame:
    """IKM per unit and unit-level rule.

    Columns: ``aturan, unit_id, kode_unit, nama_unit, jenis_unit, opd_id, nama_opd,
    jumlah_responden, ikm, ikm_konversi, mutu, kinerja_unit, peringkat`` and, with the truth,
    ``kinerja_layanan_benar`` (z-score). Columns the rule does not give are NaN/empty.
    """
    evs = _evaluasi_ikm(population, evaluations, evaluate)
    uk = population.unit_kerja
    opd_names = uk.loc[uk["adalah_opd"].astype(bool)].set_index("unit_id")["nama_unit"]
    resp = (population.skm.groupby("unit_id").size() if population.skm is not None
            else pd.Series(dtype="int64"))
    frames = []
    for name, ev in evs.items():
        h = hasil_dengan_kunci(ev, name, "unit_id")
        units = uk.set_index("unit_id")
        pos = units.index.get_indexer(h["unit_id"].to_numpy())
        if (pos < 0).any():
            raise galat("unit_tidak_dikenal", berkas=name, kolom="unit_id",
                        ditemukan=", ".join(map(str, h["unit_id"].to_numpy()[pos < 0][:5])))
        u = units.iloc[pos]
        out = pd.DataFrame({
            "aturan": name,
            "unit_id": h["unit_id"].to_numpy(),
            "kode_unit": u["kode_unit"].astype(str).to_numpy(),
            "nama_unit": u["nama_unit"].astype(str).to_numpy(),
            "jenis_unit": u["jenis_unit"].astype(str).to_numpy(),
            "opd_id": u["opd_id"].to_numpy(),
            "nama_opd": u["opd_id"].map(opd_names).astype(str).to_numpy(),
            "jumlah_responden": (h["jumlah_responden"].to_numpy().astype("int64")
                                 if "jumlah_responden" in h.columns else
                                 resp.reindex(h["unit_id"].to_numpy(), fill_value=0)
                                 .to_numpy().astype("int64")),
        })
        for c in KOLOM_HASIL:
            if c in ("predikat", "nilai"):
                continue
            if c in h.columns:
                out[c] = h[c].to_numpy()
            else:
                out[c] = np.nan
        if pd.isna(out["kinerja_unit"]).all() and "predikat" in h.columns:
            out["kinerja_unit"] = h["predikat"].astype(str).to_numpy()
        if pd.isna(out["ikm_konversi"]).all() and "nilai" in h.columns:
            out["ikm_konversi"] = pd.to_numeric(h["nilai"], errors="coerce").to_numpy()
        frames.append(out[KOLOM])
    out = pd.concat(frames, ignore_index=True)
    kb = population.kebenaran_unit
    if kb is not None and "kinerja_layanan_benar" in kb.columns:
        truth = kb.set_index("unit_id")["kinerja_layanan_benar"]
        out["kinerja_layanan_benar"] = truth.reindex(out["unit_id"].to_numpy()).to_numpy()
    return out.sort_values(["aturan", "opd_id", "unit_id"], kind="stable", ignore_index=True)


URUTAN = 110
KELUARAN = (
    Tabel("ikm", tuple(KOLOM),
          lambda k: ikm(k.populasi, dict(k.evaluasi_unit) or None, k.opsi.get("evaluate")),
          syarat=(BUTUH_SURVEI,), bagian="ikm", grafik=("ikm_per_unit",)),
)
