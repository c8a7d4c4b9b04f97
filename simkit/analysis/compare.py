"""``compare``: every comparison table of several rules on one population, by stable name.

>>> import simkit                                                          # doctest: +SKIP
>>> pop = simkit.generate("scenarios/mamuju_baseline.yaml")                # doctest: +SKIP
>>> evs = {r: simkit.evaluate(pop, r) for r in ("permenpanrb_6_2022", "pp30_2019")}  # doctest: +SKIP
>>> hasil = simkit.compare(pop, evs)                                       # doctest: +SKIP
>>> hasil.tables()["menang_kalah"]                                         # doctest: +SKIP

:mod:`simkit.analysis.registri` declares every table with its columns. A table whose metric cannot run on
this input (no truth, no survey, a single rule, stability not requested) is still present,
as a one-row note ``metrik, kode, catatan`` in the active language, and its name is in
:attr:`HasilPerbandingan.catatan`. Bad input (unknown baseline, malformed evaluations) raises a
located :class:`~simkit.errors.SimkitError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.metrics.kartu_reformasi import spesifikasi_evaluasi
from simkit.analysis.panel import pisah_evaluasi
from simkit.analysis.registri import (
    KOLOM_CATATAN,
    ambil_tabel,
    grup_sweep,
    nama_tabel,
    registri,
    tabel_catatan,
)
from simkit.errors import galat, mirip
from simkit.kosakata import ATURAN_DASAR
from simkit.population.model import Population
from simkit.presentation.label import berlabel as _berlabel

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation
    from simkit.scenario import Scenario

__all__ = ["KOLOM_CATATAN", "HasilPerbandingan", "compare", "pilih_aturan_dasar", "tabel_catatan"]


@dataclass
class HasilPerbandingan:
    """The result of :func:`compare`: tables by stable name, the panel and run facts.

    ``catatan``: table name -> note code (``butuh_kebenaran``, ``butuh_survei``,
    ``butuh_dua_aturan``, ``stabilitas_tidak_diminta`` ...) for tables that are notes.
    ``meta``: rules (name -> rule_id), baseline, whether the truth was present, population
    meta, scenario name/hash, stability settings and timing.
    """

    aturan: list[str]
    aturan_dasar: str
    konteks: Konteks = field(repr=False)
    diminta: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def panel(self) -> pd.DataFrame:
        """The long panel (rule × ASN) the tables were computed from."""
        return self.konteks.panel

    @property
    def catatan(self) -> dict[str, str]:
        """Table name -> note code, for the tables (asked for or needed) that are notes."""
        return dict(self.konteks.catatan)

    def tables(self, berlabel: bool = False, lang: str | None = None) -> dict[str, pd.DataFrame]:
        """The tables asked for, by name in output order; ``berlabel=True`` gives display
        headers and labels in ``lang`` (see :func:`simkit.presentation.label.berlabel`)."""
        out = {k: self.konteks.tabel(k) for k in self.diminta}
        if berlabel:
            out = {k: _berlabel(v, lang) for k, v in out.items()}
        return out

    def ukuran(self, grup: Sequence[str]) -> pd.DataFrame:
        """One row per employee-level rule: ``aturan, rule_id`` and the columns of the sweep
        metric groups ``grup`` (see :func:`~simkit.analysis.registri.grup_sweep`), NaN where
        the table behind a column is a note."""
        k = self.konteks
        out = pd.DataFrame({"aturan": k.aturan,
                            "rule_id": [str(getattr(k.evaluasi[r], "rule_id", r))
                                        for r in k.aturan]})
        for tb in registri().values():
            if tb.sweep not in grup:
                continue
            ada = k.tersedia(tb.nama)
            for u in tb.ukuran:
                out[u.nama] = (u.ambil(k, k.tabel(tb.nama)) if ada
                               else np.full(len(k.aturan), np.nan))
        cols = [c for g in grup for c in grup_sweep()[g]]
        return out[["aturan", "rule_id", *cols]]

    def __getitem__(self, name: str) -> pd.DataFrame:
        ambil_tabel(name)
        return self.konteks.tabel(name)

    def __repr__(self) -> str:
        return (f"HasilPerbandingan(aturan={self.aturan!r}, aturan_dasar={self.aturan_dasar!r}, "
                f"tabel={len(self.diminta)}, catatan={sorted(self.catatan)})")


def pilih_aturan_dasar(evaluations: Mapping[str, Evaluation], baseline: str | None = None) -> str:
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


def _periksa_dasar(aturan: Sequence[str], nama: str) -> str:
    if nama not in aturan:
        raise galat("aturan_tidak_ada", bidang="baseline", ditemukan=repr(nama),
                    diharapkan=", ".join(aturan), saran=mirip(str(nama), list(aturan)))
    return nama


def _pilihan(tabel: str | Sequence[str] | None) -> tuple[str, ...]:
    if tabel is None:
        return nama_tabel()
    names = [tabel] if isinstance(tabel, str) else list(tabel)
    for n in names:
        ambil_tabel(n)
    urut = nama_tabel()
    return tuple(n for n in urut if n in set(names))


def compare(
    population: Population,
    evaluations: Mapping[str, Evaluation] | Sequence[Evaluation] | Evaluation,
    baseline: str | None = None,
    scenario: Scenario | None = None,
    *,
    tabel: str | Sequence[str] | None = None,
    stabilitas_R: int = 0,
    stabilitas_seeds: list[int] | None = None,
    tpp_params: Any = None,
    keadilan_strata: str = "kelas",
    tingkat_kepercayaan: float = 0.95,
    kurva_batas: Mapping[str, Any] | None = None,
    evaluate: Callable | None = None,
    redraw: Callable | None = None,
    progress: Callable[[int, int], None] | None = None,
    metrik_seed: pd.DataFrame | None = None,
) -> HasilPerbandingan:
    """Compare rules on one population; returns a :class:`HasilPerbandingan`.

    ``evaluations``: ``{name: Evaluation}`` or a list (names = scenario rule id or
    ``rule_id``). ``baseline``: the rule the others are compared with (default
    ``permenpanrb_6_2022`` if present, else the first). ``tabel``: the tables to compute
    (names of :func:`~simkit.analysis.registri.nama_tabel`; default all); only those and what
    they depend on are computed, e.g. ``tabel=["menang_kalah", "akurasi"]`` for a slider.
    ``stabilitas_R`` > 0 also measures stability over that many redraws of the measurement
    noise (needs ``scenario``; costly). ``tpp_params``: overrides of
    ``simkit/analysis/params/tpp.yaml``. ``evaluate``/``redraw`` replace the rule engine /
    generator calls (tests, custom engines). ``metrik_seed``: the per-rule numbers of the same
    comparison repeated on several population seeds (:func:`simkit.sweep` without a grid),
    for the verdict (``putusan``) and its uncertainty.
    """
    peg_evs, unit_evs = pisah_evaluasi(evaluations)
    if not peg_evs:
        raise galat("evaluasi_kosong", bidang="evaluations")
    diminta = _pilihan(tabel)
    dasar = _periksa_dasar(list(peg_evs), pilih_aturan_dasar(peg_evs, baseline))
    semua = {**peg_evs, **unit_evs}
    k = Konteks(populasi=population, evaluasi=peg_evs, evaluasi_unit=unit_evs,
                aturan_dasar=dasar, skenario=scenario,
                spesifikasi=spesifikasi_evaluasi(semua, scenario),
                opsi={"stabilitas_R": stabilitas_R, "stabilitas_seeds": stabilitas_seeds,
                      "tpp_params": tpp_params, "keadilan_strata": keadilan_strata,
                      "tingkat_kepercayaan": tingkat_kepercayaan, "kurva_batas": kurva_batas,
                      "evaluate": evaluate, "redraw": redraw, "progress": progress,
                      "metrik_seed": metrik_seed})
    for n in diminta:
        k.tabel(n)
    meta = {
        "aturan": {n: str(getattr(v, "rule_id", n)) for n, v in semua.items()},
        "aturan_dasar": dasar,
        "kebenaran": getattr(population, "kebenaran", None) is not None,
        "populasi": dict(getattr(population, "meta", {}) or {}),
        "skenario": {"nama": getattr(scenario, "nama", None),
                     "hash": scenario.hash() if hasattr(scenario, "hash") else None},
        "stabilitas_R": int(k.profil.get("jumlah_undian", 0)),
        "stabilitas_profil": k.profil,
        "keadilan_strata": keadilan_strata,
        "tingkat_kepercayaan": tingkat_kepercayaan,
    }
    tpp_p = k.tersimpan("tpp_parameter")
    if tpp_p is not None:
        meta["tpp_parameter"] = dict(tpp_p.overrides)
    return HasilPerbandingan(list(peg_evs), dasar, k, diminta, meta)
