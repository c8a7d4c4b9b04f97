"""Hand-made populations and stand-in evaluations for the analysis tests.

``populasi(...)`` builds a schema-complete Population from a few columns; ``EvaluasiStub`` has
the attributes of :class:`simkit.rules.Evaluation` the analysis reads, so the metric tests do
not depend on the rule engine or the generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simkit.kosakata import PREDIKAT_PERINGKAT
from simkit.population.model import Population
from simkit.population.schema import TABLES, UNSUR_SKM

KE_PREDIKAT = dict(PREDIKAT_PERINGKAT)  # 5 -> sangat_baik .. 1 -> sangat_kurang


@dataclass
class EvaluasiStub:
    """Stand-in for simkit.rules.Evaluation (rule_id, tingkat, hasil, catatan, meta)."""

    rule_id: str
    hasil: pd.DataFrame
    tingkat: str = "pegawai"
    catatan: dict[str, pd.DataFrame] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def evaluasi(rule_id: str, asn_id, peringkat, nilai=None, kosakata: dict | None = None,
             ) -> EvaluasiStub:
    """A per-employee stand-in evaluation from peringkat codes (predikat derived)."""
    p = np.asarray(peringkat, dtype="int8")
    vocab = {**KE_PREDIKAT, **(kosakata or {})}
    hasil = pd.DataFrame({"asn_id": np.asarray(asn_id), "predikat": [vocab[int(x)] for x in p],
                          "peringkat": p,
                          "nilai": np.nan if nilai is None else np.asarray(nilai, float)})
    return EvaluasiStub(rule_id, hasil)


def _frame(name: str, data: dict[str, Any], n: int) -> pd.DataFrame:
    cols = TABLES[name].column_names
    return pd.DataFrame({c: data.get(c, [None] * n) for c in cols}) if n else pd.DataFrame(
        columns=cols)


def populasi(
    opd_id,
    jenis_kelamin=None,
    status=None,
    golongan=None,
    melayani_publik=None,
    kelas_jabatan=None,
    rumpun=None,
    jenis_jabatan=None,
    peringkat_benar=None,
    skor_benar=None,
    capaian: dict[int, str] | None = None,
    skm_per_unit: int = 0,
) -> Population:
    """A Population of ``len(opd_id)`` employees (asn_id 1..n) in OPDs named 'OPD <id>'.

    Truth (``kebenaran``) is included when ``peringkat_benar`` is given; ``skor_benar``
    defaults to the class plus a small deterministic offset. ``capaian``: reported capaian
    kinerja organisasi per OPD id (default ``baik``).
    """
    opd_id = np.asarray(opd_id, dtype="int64")
    n = opd_id.size
    asn = np.arange(1, n + 1)

    def col(v, default):
        return np.asarray(v) if v is not None else np.full(n, default)

    status = col(status, "PNS")
    opds = np.unique(opd_id)
    units = _frame("unit_kerja", {
        "unit_id": opds, "kode_unit": [f"opd_{i}" for i in opds],
        "nama_unit": [f"OPD {i}" for i in opds], "jenis_unit": "dinas",
        "induk_unit_id": pd.array([None] * len(opds), dtype="Int64"), "opd_id": opds,
        "adalah_opd": True, "instansi": 1, "kecamatan": "Mamuju", "kode_bps": "7604020",
        "melayani_publik": True, "populasi_dilayani": 1000,
    }, len(opds))
    peg = _frame("pegawai", {
        "asn_id": asn, "nip": [f"{198001012005011000 + i:018d}" for i in asn],
        "nama": [f"Pegawai {i}" for i in asn], "jenis_kelamin": col(jenis_kelamin, "L"),
        "tanggal_lahir": pd.Timestamp("1980-01-01"), "tmt_cpns": pd.Timestamp("2005-01-01"),
        "status_kepegawaian": status,
        "golongan": np.where(status == "PPPK", "IX", col(golongan, "III/a")),
        "pangkat": None, "jenis_jabatan": col(jenis_jabatan, "pelaksana"), "jenjang": None,
        "rumpun": col(rumpun, "umum"), "nama_jabatan": "Jabatan",
        "kelas_jabatan": col(kelas_jabatan, 7), "unit_id": opd_id, "opd_id": opd_id,
        "atasan_id": pd.array([None] * n, dtype="Int64"), "kepala_unit": False,
        "melayani_publik": col(melayani_publik, False).astype(bool),
    }, n)
    cap = capaian or {}
    org = _frame("kinerja_organisasi", {
        "unit_id": opds, "capaian_kinerja_organisasi": [cap.get(int(i), "baik") for i in opds],
    }, len(opds))
    kb = None
    if peringkat_benar is not None:
        pb = np.asarray(peringkat_benar, dtype="int64")
        sb = (np.asarray(skor_benar, float) if skor_benar is not None
              else pb + (asn % 7) / 10.0)
        kb = _frame("kebenaran", {
            "asn_id": asn, "hasil_benar": sb, "perilaku_benar": sb, "skor_benar": sb,
            "predikat_benar": [KE_PREDIKAT[int(x)] for x in pb],
        }, n)
    skm = None
    if skm_per_unit:
        m = skm_per_unit * len(opds)
        skm = _frame("skm", {"responden_id": np.arange(1, m + 1),
                             "unit_id": np.repeat(opds, skm_per_unit),
                             **{u: np.full(m, 3.0) for u in UNSUR_SKM}}, m)
    return Population(
        unit_kerja=units, pegawai=peg, iki=_frame("iki", {}, 0),
        penilaian_perilaku=_frame("penilaian_perilaku", {}, 0),
        perilaku_aspek=_frame("perilaku_aspek", {}, 0), kinerja_organisasi=org, skm=skm,
        kebenaran=kb, meta={"sumber": "tests.analisis_data"},
    )


__all__ = ["PREDIKAT_PERINGKAT", "EvaluasiStub", "evaluasi", "populasi"]


def skenario_laporan(nama: str, seed: int, jumlah_asn: int) -> dict[str, Any]:
    """A small scenario for report tests: the national rule, a threshold reform (so the kartu
    reformasi has a row: ambang_hasil_di_atas 110 -> 105), PP 30 and the IKM rule; the verdict
    over 3 population seeds (the fewest that give intervals)."""
    return {
        "nama": nama, "seed": seed, "populasi": {"jumlah_asn": jumlah_asn},
        "perbandingan": {"seed_putusan": 3},
        "aturan": [
            {"id": "nasional", "aturan": "permenpanrb_6_2022"},
            {"id": "ambang_105", "aturan": "permenpanrb_6_2022", "label": "Reformasi ambang 105",
             "parameter": {"ambang_hasil_di_atas": 105}},
            {"id": "pp30", "aturan": "pp30_2019"},
            {"id": "ikm", "aturan": "permenpanrb_14_2017"},
        ],
    }
