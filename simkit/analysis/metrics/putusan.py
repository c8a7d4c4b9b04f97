"""Putusan: which rule does what better than the baseline, and how sure that is.

A BKPP reader needs one page: for each rule against the baseline, how many ASN change predikat
and in which direction, accuracy, fairness, stability and TPP cost, each with an uncertainty
interval, and which differences are real. One population is one draw: a difference of 0.4
points in accuracy may be what another seed gives anyway. So the verdict repeats the
comparison on several synthetic populations of the same scenario (``perbandingan.seed_putusan``
seeds; the orchestration passes their per-rule numbers as the option ``metrik_seed``, the
table of :func:`simkit.sweep` without a grid) and reports, per criterion (:data:`KRITERIA`):

- ``nilai`` with its t interval over the seeds (``ci_bawah`` .. ``ci_atas``);
- ``selisih`` from the baseline, paired by seed, with its interval; ``nyata`` when that interval
  excludes 0 (:data:`tingkat_kepercayaan` in ``params/putusan.yaml``);
- ``penilaian``: ``lebih_baik`` / ``lebih_buruk`` (a real difference in the criterion's
  direction), ``setara`` (within noise), ``dasar`` (the baseline), empty for a descriptive
  criterion (how many change predikat is neither good nor bad in itself);
- ``peringkat``: rules ranked on the criterion (1 = best); a rule whose paired difference from
  the best rule of the group above it is within noise shares that group's rank (ties are ties).

Stability is measured on the main population only (redraws of the measurement noise); its
interval is over employees, paired per employee.

The table ``temuan`` lists what a reader must not miss, found from the numbers: a rule less
accurate than the baseline, a predikat no one gets in any seed although the truth has it, OPDs
that break the SE 3/2023 curve, and, under a rule that forces the curve, OPDs too small for its
smallest share to be one person (:func:`simkit.rules.reformasi.kurva_paksa.kelompok_kecil`).

>>> import pandas as pd
>>> ms = pd.DataFrame({"seed": [1, 1, 2, 2, 3, 3], "aturan": ["a", "b"] * 3,
...                    "akurasi": [0.60, 0.70, 0.62, 0.71, 0.61, 0.69]})
>>> p = putusan_seed(ms, "a", [KRITERIA_NAMA["akurasi"]], 0.95)
>>> p.loc[p.aturan == "b", ["penilaian", "peringkat"]].values.tolist()
[['lebih_baik', 1]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.metrics.kepatuhan_kurva import jumlah_kelompok_kecil
from simkit.analysis.registri import Syarat, Tabel
from simkit.analysis.statistik import rata_ci
from simkit.kosakata import PREDIKAT
from simkit.rules.params import ParameterSet, load_params
from simkit.rules.reformasi.kurva_paksa import kelompok_kecil

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation

PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"


@dataclass(frozen=True)
class Kriteria:
    """One criterion of the verdict: ``kolom`` of the per-seed table (or of the stability
    table), ``arah`` +1 higher is better, -1 lower is better, 0 descriptive; ``satuan``
    tells the report how to write its numbers (``persen``, ``kelas``, ``rupiah``)."""

    nama: str
    kolom: str
    arah: int
    satuan: str


KRITERIA: tuple[Kriteria, ...] = (
    Kriteria("berubah", "proporsi_berubah", 0, "persen"),
    Kriteria("naik", "proporsi_naik", 0, "persen"),
    Kriteria("turun", "proporsi_turun", 0, "persen"),
    Kriteria("akurasi", "akurasi", +1, "persen"),
    Kriteria("keadilan", "selisih_abs_rerata", -1, "kelas"),
    Kriteria("stabilitas", "peluang_berubah", -1, "persen"),
    Kriteria("kepatuhan_kurva", "proporsi_opd_patuh", +1, "persen"),
    Kriteria("biaya_tpp", "biaya_tpp_tahunan", -1, "rupiah"),
)
"""The criteria, in the order the summary shows them."""

KRITERIA_NAMA: dict[str, Kriteria] = {k.nama: k for k in KRITERIA}

KOLOM = ("kriteria", "aturan", "n", "nilai", "ci_bawah", "ci_atas", "selisih", "selisih_ci_bawah",
         "selisih_ci_atas", "nyata", "penilaian", "peringkat")
KOLOM_TEMUAN = ("jenis_temuan", "aturan", "kriteria", "kelas", "nilai", "nilai_dasar",
                "ambang")


def parameter_putusan(params: Mapping | None = None) -> ParameterSet:
    """The verdict's parameters (``params/putusan.yaml``) with ``params`` applied."""
    return load_params("putusan", folder=PARAMS_DIR).with_overrides(
        dict(params) if params else None, berkas=str(PARAMS_DIR / "putusan.yaml"))


def turunan_seed(metrik_seed: pd.DataFrame) -> pd.DataFrame:
    """The per-seed table with the derived columns: ``proporsi_berubah`` (1 − tetap) and
    ``selisih_abs_rerata`` (mean of the ``selisih_abs_<dimensi>`` columns present)."""
    df = metrik_seed.copy()
    if "proporsi_tetap" in df:
        df["proporsi_berubah"] = 1.0 - df["proporsi_tetap"]
    abs_ = [c for c in df.columns if c.startswith("selisih_abs_")]
    if abs_:
        df["selisih_abs_rerata"] = df[abs_].mean(axis=1, skipna=True)
    return df


def _banding(nilai: Mapping[str, np.ndarray], dasar: str, kr: Kriteria, tk: float
             ) -> list[dict]:
    """Rows of one criterion from paired values per rule (aligned arrays: seeds or ASN)."""
    rows = []
    base = nilai.get(dasar)
    for a, v in nilai.items():
        m, lo, hi = rata_ci(v, tk)
        if base is not None and a != dasar:
            d, dlo, dhi = rata_ci(v - base, tk)
        else:
            d, dlo, dhi = (0.0, 0.0, 0.0) if a == dasar else (np.nan,) * 3
        nyata = bool(a != dasar and np.isfinite(dlo) and (dlo > 0 or dhi < 0))
        if a == dasar:
            nilaian = "dasar"
        elif kr.arah == 0 or not np.isfinite(d):
            nilaian = None
        elif not nyata:
            nilaian = "setara"
        else:
            nilaian = "lebih_baik" if d * kr.arah > 0 else "lebih_buruk"
        rows.append({"kriteria": kr.nama, "aturan": a, "n": int((~np.isnan(v)).sum()),
                     "nilai": m, "ci_bawah": lo, "ci_atas": hi, "selisih": d,
                     "selisih_ci_bawah": dlo, "selisih_ci_atas": dhi, "nyata": nyata,
                     "penilaian": nilaian})
    _peringkat(rows, nilai, kr, tk)
    return rows


def _peringkat(rows: list[dict], nilai: Mapping[str, np.ndarray], kr: Kriteria, tk: float
               ) -> None:
    """Set ``peringkat`` (1 = best) on ``rows``; a rule within noise of the leader of the
    group above shares its rank (competition ranking: 1, 1, 3)."""
    for r in rows:
        r["peringkat"] = pd.NA
    if kr.arah == 0:
        return
    ada = [r for r in rows if np.isfinite(r["nilai"])]
    ada.sort(key=lambda r: -kr.arah * r["nilai"])
    pemimpin = None
    for i, r in enumerate(ada):
        if pemimpin is not None:
            _, lo, hi = rata_ci(nilai[r["aturan"]] - nilai[pemimpin["aturan"]], tk)
            if not (np.isfinite(lo) and (lo > 0 or hi < 0)):
                r["peringkat"] = pemimpin["peringkat"]
                continue
        r["peringkat"] = i + 1
        pemimpin = r


def putusan_seed(metrik_seed: pd.DataFrame, dasar: str, kriteria: Sequence[Kriteria],
                 tingkat_kepercayaan: float) -> pd.DataFrame:
    """The verdict rows of the per-seed criteria: one row per (criterion, rule); rules in
    the order of ``metrik_seed``, values paired by ``seed``."""
    df = turunan_seed(metrik_seed)
    aturan = list(dict.fromkeys(df["aturan"].astype(str)))
    rows: list[dict] = []
    for kr in kriteria:
        if kr.kolom not in df or df[kr.kolom].isna().all():
            continue
        lebar = df.pivot_table(index="seed", columns="aturan", values=kr.kolom, aggfunc="first",
                               dropna=False)
        nilai = {a: lebar[a].to_numpy(dtype="float64") for a in aturan if a in lebar}
        rows += _banding(nilai, dasar, kr, tingkat_kepercayaan)
    return pd.DataFrame(rows, columns=list(KOLOM))


def putusan_stabilitas(per_pegawai: pd.DataFrame, dasar: str, tingkat_kepercayaan: float
                       ) -> pd.DataFrame:
    """The verdict rows of stability: ``peluang_berubah`` per rule, paired per employee."""
    lebar = per_pegawai.pivot_table(index="asn_id", columns="aturan", values="peluang_berubah",
                                    aggfunc="first", observed=True)
    aturan = list(dict.fromkeys(per_pegawai["aturan"].astype(str)))
    nilai = {a: lebar[a].to_numpy(dtype="float64") for a in aturan if a in lebar}
    return pd.DataFrame(_banding(nilai, dasar, KRITERIA_NAMA["stabilitas"], tingkat_kepercayaan),
                        columns=list(KOLOM))


def putusan(k: Konteks) -> pd.DataFrame:
    """The ``putusan`` table of a comparison (see the module docstring)."""
    p = parameter_putusan()
    tk = float(p["tingkat_kepercayaan"])
    dasar = k.aturan_dasar
    ms = k.opsi["metrik_seed"]
    ms = ms[ms["aturan"].astype(str).isin(k.aturan)]
    seed_kr = [kr for kr in KRITERIA if kr.nama != "stabilitas"]
    bagian = [putusan_seed(ms, dasar, seed_kr, tk)]
    if k.tersedia("stabilitas_per_pegawai"):
        bagian.append(putusan_stabilitas(k.tabel("stabilitas_per_pegawai"), dasar, tk))
    out = pd.concat([b for b in bagian if len(b)], ignore_index=True)
    urut = {kr.nama: i for i, kr in enumerate(KRITERIA)}
    pos = {a: i for i, a in enumerate(k.aturan)}
    out = out.sort_values(["kriteria", "aturan"], key=lambda s: s.map(
        urut if s.name == "kriteria" else pos), kind="stable").reset_index(drop=True)
    out["peringkat"] = out["peringkat"].astype("Int64")
    return out[list(KOLOM)]


def porsi_terkecil_kurva(ev: Evaluation) -> float | None:
    """The smallest positive share the curve a rule forces gives one class: a ``kurva_paksa``
    rule's Sangat Baik quota, or the smallest SE 3/2023 limit under ``paksakan``; None for a
    rule that does not force the curve."""
    ps = getattr(ev, "params", None)
    if ps is None:
        return None
    if str(getattr(ev, "rule_id", "")) == "kurva_paksa" and "proporsi" in ps:
        return float(ps["proporsi"].get("sangat_baik", 0)) or None
    if "kurva_distribusi" in ps and ps["kurva_distribusi"] == "paksakan":
        persen = [float(b["persen"]) for batas in ps["kurva_batas"].values() for b in batas
                  if float(b.get("persen", 0)) > 0]
        return min(persen) / 100 if persen else None
    return None


def temuan(k: Konteks) -> pd.DataFrame:
    """The findings a reader must not miss (see the module docstring)."""
    p = parameter_putusan()
    pt = k.tabel("putusan")
    dasar = k.aturan_dasar
    rows: list[dict] = []
    akur = pt[pt["kriteria"] == "akurasi"]
    nilai_dasar = akur.loc[akur["aturan"] == dasar, "nilai"]
    for r in akur[akur["penilaian"] == "lebih_buruk"].itertuples():
        rows.append({"jenis_temuan": "kurang_akurat", "aturan": r.aturan,
                     "kriteria": "akurasi", "nilai": r.nilai,
                     "nilai_dasar": float(nilai_dasar.iloc[0])})
    ms = turunan_seed(k.opsi["metrik_seed"])
    ms = ms[ms["aturan"].astype(str).isin(k.aturan)]
    benar = dict(k.skenario.kebenaran.distribusi) if k.skenario is not None else {}
    for pred in PREDIKAT:
        kol = f"proporsi_{pred}"
        if kol not in ms or benar.get(pred, 0.0) < float(p["ambang_kelas_kosong"]):
            continue
        maks = ms.groupby(ms["aturan"].astype(str), sort=False)[kol].max()
        for a, v in maks.items():
            if v == 0:
                rows.append({"jenis_temuan": "kelas_kosong", "aturan": a,
                             "kriteria": "distribusi", "kelas": pred, "nilai": 0.0,
                             "nilai_dasar": benar[pred]})
    kur = pt[pt["kriteria"] == "kepatuhan_kurva"]
    for r in kur[kur["nilai"] < 1].itertuples():
        rows.append({"jenis_temuan": "kurva_dilanggar", "aturan": r.aturan,
                     "kriteria": "kepatuhan_kurva", "nilai": 1.0 - r.nilai})
    ukuran = k.populasi.pegawai.groupby("opd_id").size().to_numpy()
    for a, ev in k.evaluasi.items():  # one definition of small, the curve's own
        porsi = porsi_terkecil_kurva(ev)
        if porsi is None:
            continue
        kecil = int(kelompok_kecil(ukuran, porsi).sum())
        if str(getattr(ev, "rule_id", "")) == "kurva_paksa":
            kecil = jumlah_kelompok_kecil(ev)  # its groups may be the whole kabupaten
        if kecil:
            rows.append({"jenis_temuan": "unit_kecil", "aturan": a,
                         "kriteria": "kepatuhan_kurva", "nilai": float(kecil),
                         "nilai_dasar": float(len(ukuran)),
                         "ambang": float(math.ceil(round(1 / porsi, 9)))})
    return pd.DataFrame(rows, columns=list(KOLOM_TEMUAN)).astype(
        {"kelas": "object", "nilai": "float64", "nilai_dasar": "float64", "ambang": "float64"})


def _ada_seed(k: Konteks) -> bool:
    ms = k.opsi.get("metrik_seed")
    if ms is None or not len(ms):
        return False
    return ms["seed"].nunique() >= int(parameter_putusan()["min_seed"])


BUTUH_SEED = Syarat("butuh_seed_putusan", _ada_seed)
"""The comparison was repeated on enough population seeds (``metrik_seed``)."""

URUTAN = 5
KELUARAN = (
    Tabel("putusan", KOLOM, putusan, syarat=(BUTUH_SEED,), bagian="putusan"),
    Tabel("temuan", KOLOM_TEMUAN, temuan, syarat=(BUTUH_SEED,), bagian="putusan"),
)
