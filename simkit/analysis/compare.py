"""``compare``: every comparison table of several rules on one population, by stable name.

>>> import simkit                                                          # doctest: +SKIP
>>> pop = simkit.generate("scenarios/mamuju_baseline.yaml")                # doctest: +SKIP
>>> evs = {r: simkit.evaluate(pop, r) for r in ("permenpanrb_6_2022", "pp30_2019")}  # doctest: +SKIP
>>> hasil = simkit.compare(pop, evs)                                       # doctest: +SKIP
>>> hasil.tables()["menang_kalah"]                                         # doctest: +SKIP

:data:`TABEL` lists every table name with its columns. A table whose metric cannot run on
this input (no truth, no survey, a single rule, stability not requested) is still present,
as a one-row note ``metrik, kode, catatan`` in the active language, and its name is in
:attr:`Perbandingan.catatan`. Bad input (unknown baseline, malformed evaluations) raises a
located :class:`~simkit.errors.SimkitError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.label import berlabel as _berlabel
from simkit.analysis.metrics.akurasi import akurasi, salah_klasifikasi, salah_klasifikasi_per_opd
from simkit.analysis.metrics.distribusi import distribusi, distribusi_per_opd
from simkit.analysis.metrics.ikm import KOLOM as KOLOM_IKM
from simkit.analysis.metrics.ikm import ikm
from simkit.analysis.metrics.keadilan import KOLOM as KOLOM_KEADILAN
from simkit.analysis.metrics.keadilan import keadilan
from simkit.analysis.metrics.kepatuhan_kurva import periksa_kurva, ringkas_kepatuhan
from simkit.analysis.metrics.menang_kalah import (
    menang_kalah,
    menang_kalah_per_kelompok,
    menang_kalah_per_opd,
)
from simkit.analysis.metrics.stabilitas import ringkas_stabilitas, stabilitas_pegawai
from simkit.analysis.metrics.tpp import muat_parameter_tpp, tpp, tpp_per_opd
from simkit.analysis.metrics.transisi import transisi
from simkit.analysis.panel import (
    DIMENSI_KELOMPOK,
    PERINGKAT_PREDIKAT,
    build_panel,
    periksa_aturan,
    pisah_evaluasi,
    punya_kebenaran,
)
from simkit.i18n import t
from simkit.population.model import Population

ATURAN_DASAR = "permenpanrb_6_2022"
"""Default baseline: the current national rule, when it is among the evaluations."""

_KELOMPOK = ("dimensi", "kelompok", "label_kelompok")
_OPD = ("opd_id", "nama_opd")
_DIST = ("peringkat", "predikat", "jumlah", "proporsi")
_MK = ("perubahan", "jumlah", "proporsi", "rata_rata_perubahan")
_SK = ("n", "tepat", "terlalu_tinggi", "terlalu_rendah", "rata_rata_selisih")
_STAB = ("jumlah_undian", "n", "peluang_berubah", "beda_modus", "pernah_berubah")
_TPP = ("jumlah_penerima", "biaya_tahunan", "biaya_penuh_tahunan", "proporsi_dari_penuh",
        "selisih_dasar", "selisih_dasar_persen")
_PORSI = tuple(f"porsi_{p}" for p in PERINGKAT_PREDIKAT)

TABEL: dict[str, tuple[str, ...]] = {
    "ringkasan": ("aturan", "rule_id", "n", "rata_rata_peringkat",
                  *(f"proporsi_{p}" for p in PERINGKAT_PREDIKAT),
                  "proporsi_naik", "proporsi_tetap", "proporsi_turun", "akurasi",
                  "kappa_kuadratik", "spearman_peringkat", "selisih_perempuan",
                  "jumlah_selisih_bermakna", "proporsi_opd_patuh", "biaya_tpp_tahunan",
                  "selisih_tpp_persen", "peluang_berubah"),
    "distribusi": ("aturan", *_DIST),
    "distribusi_per_opd": ("aturan", *_OPD, *_DIST),
    "distribusi_per_kelompok": ("aturan", *_KELOMPOK, *_DIST),
    "transisi": ("aturan_dasar", "aturan", "peringkat_dasar", "predikat_dasar", "peringkat",
                 "predikat", "jumlah", "proporsi_baris"),
    "menang_kalah": ("aturan_dasar", "aturan", *_MK),
    "menang_kalah_per_kelompok": ("aturan_dasar", "aturan", *_KELOMPOK, *_MK),
    "menang_kalah_per_opd": ("aturan_dasar", "aturan", *_OPD, *_MK),
    "akurasi": ("aturan", "n", "akurasi", "akurasi_toleransi_1", "kappa_kuadratik",
                "spearman_peringkat", "spearman_nilai", "proporsi_terlalu_tinggi",
                "proporsi_terlalu_rendah", "rata_rata_selisih"),
    "salah_klasifikasi": ("aturan", *_KELOMPOK, *_SK),
    "salah_klasifikasi_per_opd": ("aturan", *_OPD, *_SK),
    "keadilan": tuple(KOLOM_KEADILAN),
    "stabilitas": ("aturan", *_STAB),
    "stabilitas_per_kelompok": ("aturan", *_KELOMPOK, *_STAB),
    "stabilitas_per_opd": ("aturan", *_OPD, *_STAB),
    "stabilitas_per_pegawai": ("aturan", "asn_id", "jumlah_undian", "peluang_berubah",
                               "beda_modus", "pernah_berubah", "peringkat_modus",
                               "jumlah_kelas"),
    "kepatuhan_kurva": ("aturan", *_OPD, "capaian_kinerja_organisasi", "jumlah_pegawai",
                        *_PORSI, "jumlah_dilanggar", "status"),
    "kepatuhan_kurva_batasan": ("aturan", *_OPD, "capaian_kinerja_organisasi", "jumlah_pegawai",
                                "kelas", "jenis", "persen", "orang", "batas_orang",
                                "aktual_orang", "aktual_persen", "status"),
    "kepatuhan_kurva_ringkas": ("aturan", "jumlah_opd", "opd_patuh", "opd_dilanggar",
                                "opd_tanpa_capaian", "proporsi_opd_patuh"),
    "tpp": ("aturan", "aturan_dasar", *_TPP),
    "tpp_per_opd": ("aturan", "aturan_dasar", *_OPD, *_TPP),
    "ikm": tuple(KOLOM_IKM),
}
"""Every table :meth:`Perbandingan.tables` returns, in order, with its columns.

``ikm`` has one more column, ``kinerja_layanan_benar``, when the population has the unit
truth. A table that could not be computed is a note with columns :data:`KOLOM_CATATAN`.
"""

KOLOM_CATATAN = ("metrik", "kode", "catatan")

_BUTUH_KEBENARAN = ("akurasi", "salah_klasifikasi", "salah_klasifikasi_per_opd", "keadilan")
_BUTUH_DUA = ("transisi", "menang_kalah", "menang_kalah_per_kelompok", "menang_kalah_per_opd")
_STABILITAS = ("stabilitas", "stabilitas_per_kelompok", "stabilitas_per_opd",
               "stabilitas_per_pegawai")


def tabel_catatan(metrik: str, kode: str) -> pd.DataFrame:
    """The one-row note that stands in for a table that cannot be computed."""
    return pd.DataFrame({"metrik": [metrik], "kode": [kode],
                         "catatan": [t(f"analisis.catatan.{kode}", metrik=metrik)]})


@dataclass
class Perbandingan:
    """The result of :func:`compare`: tables by stable name, the panel and run facts.

    ``catatan``: table name -> note code (``butuh_kebenaran``, ``butuh_survei``,
    ``butuh_dua_aturan``, ``stabilitas_tidak_diminta``) for tables that are notes.
    ``meta``: rules (name -> rule_id), baseline, whether the truth was present, population
    meta, scenario name/hash, stability settings and timing.
    """

    aturan: list[str]
    aturan_dasar: str
    panel: pd.DataFrame = field(repr=False)
    _tabel: dict[str, pd.DataFrame] = field(repr=False)
    catatan: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def tables(self, berlabel: bool = False, lang: str | None = None) -> dict[str, pd.DataFrame]:
        """Every table by name (order of :data:`TABEL`); ``berlabel=True`` gives display
        headers and labels in ``lang`` (see :func:`simkit.analysis.label.berlabel`)."""
        out = {k: self._tabel[k] for k in TABEL if k in self._tabel}
        if berlabel:
            out = {k: _berlabel(v, lang) for k, v in out.items()}
        return out

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._tabel:
            from simkit.errors import galat, mirip

            raise galat("bidang_tidak_dikenal", bidang="tabel", ditemukan=repr(name),
                        diharapkan=", ".join(TABEL), saran=mirip(name, TABEL))
        return self._tabel[name]

    def __repr__(self) -> str:
        return (f"Perbandingan(aturan={self.aturan!r}, aturan_dasar={self.aturan_dasar!r}, "
                f"tabel={len(self._tabel)}, catatan={sorted(self.catatan)})")


def pilih_aturan_dasar(evaluations: Mapping[str, Any], baseline: str | None = None) -> str:
    """``baseline`` if given, else the evaluation of ``permenpanrb_6_2022`` (by name, then by
    ``rule_id`` without parameter overrides), else the first."""
    names = list(evaluations)
    if baseline is not None:
        return baseline
    if ATURAN_DASAR in evaluations:
        return ATURAN_DASAR
    for name, ev in evaluations.items():
        meta = getattr(ev, "meta", None) or {}
        if getattr(ev, "rule_id", None) == ATURAN_DASAR and not meta.get("overrides"):
            return name
    return names[0]


def compare(
    population: Population,
    evaluations: Any,
    baseline: str | None = None,
    scenario: Any = None,
    *,
    stabilitas_R: int = 0,
    stabilitas_seeds: list[int] | None = None,
    tpp_params: Any = None,
    keadilan_strata: str = "kelas",
    tingkat_kepercayaan: float = 0.95,
    kurva_batas: Mapping[str, Any] | None = None,
    evaluate: Callable | None = None,
    redraw: Callable | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Perbandingan:
    """Compare rules on one population; returns a :class:`Perbandingan`.

    ``evaluations``: ``{name: Evaluation}`` or a list (names = scenario rule id or
    ``rule_id``). ``baseline``: the rule the others are compared with (default
    ``permenpanrb_6_2022`` if present, else the first). ``stabilitas_R`` > 0 also measures
    stability over that many redraws of the measurement noise (needs ``scenario``; costly).
    ``tpp_params``: overrides of ``simkit/analysis/params/tpp.yaml``. ``evaluate``/``redraw``
    replace the rule engine / generator calls (tests, custom engines).
    """
    peg_evs, unit_evs = pisah_evaluasi(evaluations)
    panel = build_panel(population, peg_evs)
    dasar = periksa_aturan(panel, pilih_aturan_dasar(peg_evs, baseline))
    rules = list(peg_evs)
    tabel: dict[str, pd.DataFrame] = {}
    catatan: dict[str, str] = {}

    def note(name: str, kode: str) -> None:
        tabel[name] = tabel_catatan(name, kode)
        catatan[name] = kode

    tabel["distribusi"] = distribusi(panel)
    tabel["distribusi_per_opd"] = distribusi_per_opd(panel)
    tabel["distribusi_per_kelompok"] = distribusi(panel, DIMENSI_KELOMPOK)
    if len(rules) > 1:
        tabel["transisi"] = transisi(panel, dasar)
        tabel["menang_kalah"] = menang_kalah(panel, dasar)
        tabel["menang_kalah_per_kelompok"] = menang_kalah_per_kelompok(panel, dasar)
        tabel["menang_kalah_per_opd"] = menang_kalah_per_opd(panel, dasar)
    else:
        for name in _BUTUH_DUA:
            note(name, "butuh_dua_aturan")
    if punya_kebenaran(panel):
        tabel["akurasi"] = akurasi(panel)
        tabel["salah_klasifikasi"] = salah_klasifikasi(panel)
        tabel["salah_klasifikasi_per_opd"] = salah_klasifikasi_per_opd(panel)
        tabel["keadilan"] = keadilan(panel, strata=keadilan_strata,
                                                tingkat_kepercayaan=tingkat_kepercayaan)
    else:
        for name in _BUTUH_KEBENARAN:
            note(name, "butuh_kebenaran")
    profil: dict[str, Any] = {}
    if stabilitas_R and stabilitas_R > 0 or stabilitas_seeds:
        per = stabilitas_pegawai(population, scenario, peg_evs, stabilitas_R,
                                        seeds=stabilitas_seeds, evaluate=evaluate,
                                        redraw=redraw, progress=progress, profil=profil)
        tabel["stabilitas"] = ringkas_stabilitas(per, population)
        tabel["stabilitas_per_kelompok"] = ringkas_stabilitas(
            per, population, DIMENSI_KELOMPOK)
        opd = ringkas_stabilitas(per, population, "opd")
        tabel["stabilitas_per_opd"] = (
            opd.assign(opd_id=opd["kelompok"].astype("int64"), nama_opd=opd["label_kelompok"])
            [list(TABEL["stabilitas_per_opd"])])
        tabel["stabilitas_per_pegawai"] = per
    else:
        for name in _STABILITAS:
            note(name, "stabilitas_tidak_diminta")
    per_opd, batasan = periksa_kurva(panel, population, kurva_batas)
    tabel["kepatuhan_kurva"] = per_opd
    tabel["kepatuhan_kurva_batasan"] = batasan
    tabel["kepatuhan_kurva_ringkas"] = ringkas_kepatuhan(per_opd)
    tpp_p = muat_parameter_tpp(tpp_params)
    tabel["tpp"] = tpp(panel, dasar, tpp_p)
    tabel["tpp_per_opd"] = tpp_per_opd(panel, dasar, tpp_p)
    if unit_evs or (population.skm is not None and len(population.skm) > 0):
        tabel["ikm"] = ikm(population, unit_evs or None, evaluate)
    else:
        note("ikm", "butuh_survei")
    tabel["ringkasan"] = _ringkasan(panel, peg_evs, tabel, catatan)
    meta = {
        "aturan": {k: str(getattr(v, "rule_id", k)) for k, v in {**peg_evs, **unit_evs}.items()},
        "aturan_dasar": dasar,
        "kebenaran": punya_kebenaran(panel),
        "populasi": dict(getattr(population, "meta", {}) or {}),
        "skenario": {"nama": getattr(scenario, "nama", None),
                     "hash": scenario.hash() if hasattr(scenario, "hash") else None},
        "stabilitas_R": int(profil.get("jumlah_undian", 0)),
        "stabilitas_profil": profil,
        "tpp_parameter": dict(tpp_p.overrides),
        "keadilan_strata": keadilan_strata,
        "tingkat_kepercayaan": tingkat_kepercayaan,
    }
    return Perbandingan(rules, dasar, panel, tabel, catatan, meta)


def _ringkasan(panel: pd.DataFrame, evs: Mapping[str, Any], tabel: dict[str, pd.DataFrame],
               catatan: dict[str, str]) -> pd.DataFrame:
    """One row per rule with the headline figure of every metric (NaN where the metric is a
    note, see :attr:`Perbandingan.catatan`)."""
    rules = list(evs)
    out = pd.DataFrame({"aturan": rules,
                        "rule_id": [str(getattr(evs[r], "rule_id", r)) for r in rules]})
    g = panel.groupby("aturan", observed=True)
    out["n"] = g.size().reindex(rules).to_numpy().astype("int64")
    out["rata_rata_peringkat"] = g["peringkat"].mean().reindex(rules).to_numpy()
    dist = tabel["distribusi"].pivot(index="aturan", columns="peringkat", values="proporsi")
    for p, k in PERINGKAT_PREDIKAT.items():
        out[f"proporsi_{p}"] = dist[k].reindex(rules).to_numpy()

    def ambil(name: str, col: str, index: str = "aturan", query: str | None = None) -> np.ndarray:
        if name in catatan or name not in tabel:
            return np.full(len(rules), np.nan)
        df = tabel[name] if query is None else tabel[name].query(query)
        return df.set_index(index)[col].reindex(rules).to_numpy(dtype="float64")

    if "menang_kalah" not in catatan:
        mk = tabel["menang_kalah"].assign(
            arah=lambda d: d["perubahan"].astype(str).str.split("_").str[0])
        arah = mk.groupby(["aturan", "arah"])["proporsi"].sum().unstack()
        for a in ("naik", "tetap", "turun"):
            col = arah[a] if a in arah else pd.Series(dtype="float64")
            out[f"proporsi_{a}"] = col.reindex(rules).to_numpy(dtype="float64")
        base = out["aturan"] == tabel["menang_kalah"]["aturan_dasar"].iloc[0]
        out.loc[base, ["proporsi_naik", "proporsi_tetap", "proporsi_turun"]] = [0.0, 1.0, 0.0]
    else:
        for a in ("naik", "tetap", "turun"):
            out[f"proporsi_{a}"] = np.nan
    for col in ("akurasi", "kappa_kuadratik", "spearman_peringkat"):
        out[col] = ambil("akurasi", col)
    out["selisih_perempuan"] = ambil("keadilan", "selisih",
                                     query="dimensi == 'jenis_kelamin' and kelompok == 'P'")
    if "keadilan" in catatan:
        out["jumlah_selisih_bermakna"] = np.nan
    else:
        sig = tabel["keadilan"].groupby("aturan")["signifikan"].sum()
        out["jumlah_selisih_bermakna"] = sig.reindex(rules, fill_value=0).to_numpy(dtype="float64")
    out["proporsi_opd_patuh"] = ambil("kepatuhan_kurva_ringkas", "proporsi_opd_patuh")
    out["biaya_tpp_tahunan"] = ambil("tpp", "biaya_tahunan")
    out["selisih_tpp_persen"] = ambil("tpp", "selisih_dasar_persen")
    out["peluang_berubah"] = ambil("stabilitas", "peluang_berubah")
    return out[list(TABEL["ringkasan"])]
