"""Stability ("lotre"): how often would an employee's predikat change if the year were rerun?

The truth stays fixed; only measurement and rater noise are drawn again, ``R`` times, with
:func:`simkit.redraw_measurement` and noise seeds ``1..R`` (the only randomness is the
generator's). Every rule is evaluated on every draw and each employee's class counts
``c_k`` (k = 1..5) are accumulated, vectorised over employees.

Measure chosen (documented choice): ``peluang_berubah`` is the probability that **two
independent draws give a different predikat**, estimated without bias from all ``R`` draws
as ``1 - sum_k c_k (c_k - 1) / (R (R - 1))``. Unlike "differs from the first draw" it does
not depend on which draw comes first. Also reported: ``beda_modus`` (share of draws that
differ from the employee's most frequent class, ``1 - max_k c_k / R``) and ``pernah_berubah``
(the employee got more than one class over the R draws). A rule that reads only the truth,
or only data the redraw does not touch, has ``peluang_berubah = 0``.

>>> stabilitas(pop, scenario, ["permenpanrb_6_2022"], R=50)    # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import (
    DIMENSI,
    DIMENSI_KELOMPOK,
    KOLOM_DIMENSI,
    KOLOM_OPD,
    _peringkat_valid,
    hasil_dengan_kunci,
    kelompok_pegawai,
    periksa_dimensi,
    tambah_label,
)
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.analysis.syarat import BUTUH_STABILITAS
from simkit.errors import galat
from simkit.population.model import Population
from simkit.scenario import Scenario

R_BAWAAN = 50
"""Default number of redraws (modelling choice: the standard error of a mean probability is
then below about 0.01 for 4,500 ASN)."""

RINGKAS = ("peluang_berubah", "beda_modus", "pernah_berubah")


def normalisasi_aturan(rules: Any, scenario: Any = None, params: Any = None,
                       evaluate: Callable | None = None) -> list[tuple[str, Callable]]:
    """``[(name, fn)]`` with ``fn(population) -> Evaluation``, from the ways a caller names rules.

    ``rules``: ``None`` (the scenario's ``aturan``), a rule id or scenario rule id, an
    :class:`~simkit.rules.Evaluation` (re-run with the same rule and parameters), a scenario
    ``AturanSpec``, a list of those, or ``{name: any of those}``. ``params``: ``{name:
    overrides}`` (or, for a single rule, the overrides themselves). ``evaluate(pop, rule_id
    [, overrides])`` defaults to :func:`simkit.rules.evaluate`.
    """
    specs = {s.id: s for s in (getattr(scenario, "aturan", None) or [])}
    if rules is None:
        items: list[tuple[str, Any]] = [(k, v) for k, v in specs.items()]
    elif isinstance(rules, str) or hasattr(rules, "aturan") or hasattr(rules, "hasil"):
        items = [(_nama(rules), rules)]
    elif isinstance(rules, Mapping):
        items = [(str(k), v) for k, v in rules.items()]
    else:
        items = [(_nama(r), r) for r in rules]
    if not items:
        raise galat("evaluasi_kosong", bidang="rules")
    names = [n for n, _ in items]
    out = []
    for name, r in items:
        if isinstance(r, str) and r in specs:
            r = specs[r]
        extra: dict = {}
        if params and isinstance(params, Mapping):
            if name in params:
                extra = dict(params[name])
            elif len(items) == 1 and not any(k in params for k in names):
                extra = dict(params)
        out.append((name, _fungsi(r, extra, evaluate)))
    return out


def _nama(r: Any) -> str:
    if hasattr(r, "hasil"):
        from simkit.analysis.panel import nama_evaluasi

        return nama_evaluasi(r)
    return str(getattr(r, "id", None) or r)


def _fungsi(r: Any, extra: dict, evaluate: Callable | None) -> Callable:
    if hasattr(r, "hasil"):  # an Evaluation: same rule, same parameters
        rule = getattr(r, "aturan", None)
        params = getattr(r, "params", None)
        if evaluate is None and hasattr(rule, "evaluate") and params is not None:
            p = params.with_overrides(extra) if extra else params
            return lambda pop: rule.evaluate(pop, p)
        rule_id = str(r.rule_id)
        over = {**dict((getattr(r, "meta", None) or {}).get("overrides", {}) or {}), **extra}
    elif hasattr(r, "aturan"):  # a scenario AturanSpec
        rule_id, over = str(r.aturan), {**dict(getattr(r, "parameter", {}) or {}), **extra}
    else:
        rule_id, over = str(r), dict(extra)
    if evaluate is None:
        from simkit.rules import evaluate as rules_evaluate

        evaluate = rules_evaluate
    ev_fn = evaluate
    return lambda pop: ev_fn(pop, rule_id, over) if over else ev_fn(pop, rule_id)


def stabilitas_pegawai(
    population: Population,
    scenario: Scenario,
    rules: Any = None,
    R: int = R_BAWAAN,
    params: Any = None,
    *,
    seeds: Sequence[int] | None = None,
    evaluate: Callable | None = None,
    redraw: Callable | None = None,
    progress: Callable[[int, int], None] | None = None,
    profil: dict | None = None,
) -> pd.DataFrame:
    """Per employee and rule over ``R`` redraws (noise seeds ``1..R`` or ``seeds``).

    Columns: ``aturan, asn_id, jumlah_undian, peluang_berubah, beda_modus, pernah_berubah,
    peringkat_modus`` (the most frequent class; a tie goes to the better class),
    ``jumlah_kelas`` (distinct classes seen). ``rules``/``params``/``evaluate``: see
    :func:`normalisasi_aturan`; ``redraw(population, scenario, noise_seed=)`` defaults to
    :func:`simkit.population.generate.redraw_measurement`. ``profil``, if given, receives the seconds spent in
    ``redraw`` and ``evaluate``.
    """
    if scenario is None:
        raise galat("metrik_butuh_skenario", bidang="scenario", metrik="stabilitas")
    seeds = list(range(1, int(R) + 1)) if seeds is None else [int(s) for s in seeds]
    if len(seeds) < 2:
        raise galat("di_luar_rentang", bidang="R", diharapkan=">= 2", ditemukan=repr(len(seeds)))
    if redraw is None:
        from simkit.population.generate import redraw_measurement as redraw
    specs = normalisasi_aturan(rules, scenario, params, evaluate)
    ids = population.pegawai["asn_id"].to_numpy()
    index = pd.Index(ids)
    n = len(ids)
    counts = {name: np.zeros(n * 5, dtype="int32") for name, _ in specs}
    t_redraw = t_eval = 0.0
    for i, seed in enumerate(seeds):
        t0 = time.perf_counter()
        pop = redraw(population, scenario, noise_seed=seed)
        t1 = time.perf_counter()
        t_redraw += t1 - t0
        for name, fn in specs:
            h = hasil_dengan_kunci(fn(pop), name)
            pos = index.get_indexer(h["asn_id"].to_numpy())
            if (pos < 0).any():
                raise galat("pegawai_tidak_dikenal", berkas=name, kolom="asn_id",
                            ditemukan=", ".join(map(str, h["asn_id"].to_numpy()[pos < 0][:5])))
            p = _peringkat_valid(h, name, "asn_id").astype("int64")
            counts[name] += np.bincount(pos * 5 + (p - 1), minlength=n * 5).astype("int32")
        t_eval += time.perf_counter() - t1
        if progress is not None:
            progress(i + 1, len(seeds))
    if profil is not None:
        profil.update({"redraw_detik": t_redraw, "evaluasi_detik": t_eval,
                       "jumlah_undian": len(seeds), "jumlah_aturan": len(specs)})
    frames = []
    for name, _ in specs:
        c = counts[name].reshape(n, 5).astype("float64")
        m = c.sum(axis=1)
        pairs = np.where(m > 1, m * (m - 1), np.nan)
        best = 4 - np.argmax(c[:, ::-1], axis=1)    # column index, ties -> higher class
        frames.append(pd.DataFrame({
            "aturan": name, "asn_id": ids, "jumlah_undian": m.astype("int64"),
            "peluang_berubah": 1.0 - (c * (c - 1)).sum(axis=1) / pairs,
            "beda_modus": np.where(m > 0, 1.0 - c.max(axis=1) / np.where(m > 0, m, 1), np.nan),
            "pernah_berubah": (c > 0).sum(axis=1) > 1,
            "peringkat_modus": (best + 1).astype("int8"),
            "jumlah_kelas": (c > 0).sum(axis=1).astype("int8"),
        }))
    return pd.concat(frames, ignore_index=True)


def ringkas_stabilitas(per_pegawai: pd.DataFrame, population: Population,
                       dimensi: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Summaries of :func:`stabilitas_pegawai`: overall (``dimensi=None``) or per group.

    Overall columns: ``aturan, jumlah_undian, n, peluang_berubah`` (mean over employees),
    ``beda_modus`` (mean), ``pernah_berubah`` (share of employees). Per group the same with
    ``dimensi, kelompok, label_kelompok`` after ``aturan``.
    """
    g = kelompok_pegawai(population).set_index("asn_id")
    df = per_pegawai
    if dimensi is None:
        out = (df.groupby("aturan", sort=False)
               .agg(jumlah_undian=("jumlah_undian", "max"), n=("asn_id", "size"),
                    **{k: (k, "mean") for k in RINGKAS})
               .reset_index())
        out["n"] = out["n"].astype("int64")
        return out
    frames = []
    for d in periksa_dimensi(dimensi, DIMENSI_KELOMPOK):
        col = g[DIMENSI[d]]
        kel = col.astype(str).reindex(df["asn_id"].to_numpy()).to_numpy()
        part = (df.assign(kelompok=kel)
                .groupby(["aturan", "kelompok"], sort=False)
                .agg(jumlah_undian=("jumlah_undian", "max"), n=("asn_id", "size"),
                     **{k: (k, "mean") for k in RINGKAS})
                .reset_index())
        order = ([str(c) for c in col.cat.categories] if isinstance(col.dtype, pd.CategoricalDtype)
                 else [str(v) for v in np.sort(col.unique())])
        part["_o"] = part["kelompok"].map({v: i for i, v in enumerate(order)})
        rule_order = {r: i for i, r in enumerate(df["aturan"].unique())}
        part["_r"] = part["aturan"].map(rule_order)
        part = part.sort_values(["_r", "_o"]).drop(columns=["_o", "_r"])
        part.insert(1, "dimensi", d)
        part["n"] = part["n"].astype("int64")
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    panel_like = kelompok_pegawai(population)[["opd_id", "nama_opd"]] if "opd" in out[
        "dimensi"].values else None
    return tambah_label(out, panel_like)


def stabilitas(population: Population, scenario: Scenario, *args: Any,
               dimensi: str | Sequence[str] | None = None, **kwargs: Any) -> pd.DataFrame:
    """Stability per rule (``dimensi=None``) or per group; the other arguments are those of
    :func:`stabilitas_pegawai`, the columns those of :func:`ringkas_stabilitas`."""
    per = stabilitas_pegawai(population, scenario, *args, **kwargs)
    return ringkas_stabilitas(per, population, dimensi)


# --------------------------------------------------------------------------- declaration

def _per_pegawai(k: Konteks) -> pd.DataFrame:
    o = k.opsi
    return stabilitas_pegawai(k.populasi, k.skenario, k.evaluasi, o.get("stabilitas_R") or 0,
                              seeds=o.get("stabilitas_seeds"), evaluate=o.get("evaluate"),
                              redraw=o.get("redraw"), progress=o.get("progress"),
                              profil=k.profil)


def _per_opd(k: Konteks) -> pd.DataFrame:
    opd = ringkas_stabilitas(k.tabel("stabilitas_per_pegawai"), k.populasi, "opd")
    return (opd.assign(opd_id=opd["kelompok"].astype("int64"), nama_opd=opd["label_kelompok"])
            [["aturan", *KOLOM_OPD, *_STAB]])


_STAB = ("jumlah_undian", "n", "peluang_berubah", "beda_modus", "pernah_berubah")
_SYARAT = (BUTUH_STABILITAS,)
URUTAN = 80
KELUARAN = (
    Tabel("stabilitas", ("aturan", *_STAB),
          lambda k: ringkas_stabilitas(k.tabel("stabilitas_per_pegawai"), k.populasi),
          syarat=_SYARAT,
          ukuran=(Ukuran("peluang_berubah",
                         lambda k, tb: per_aturan(k, tb, "peluang_berubah"), ringkasan=70),),
          bagian="stabilitas"),
    Tabel("stabilitas_per_kelompok", ("aturan", *KOLOM_DIMENSI, *_STAB),
          lambda k: ringkas_stabilitas(k.tabel("stabilitas_per_pegawai"), k.populasi,
                                       DIMENSI_KELOMPOK), syarat=_SYARAT),
    Tabel("stabilitas_per_opd", ("aturan", *KOLOM_OPD, *_STAB), _per_opd, syarat=_SYARAT),
    Tabel("stabilitas_per_pegawai", ("aturan", "asn_id", "jumlah_undian", "peluang_berubah",
                                     "beda_modus", "pernah_berubah", "peringkat_modus",
                                     "jumlah_kelas"), _per_pegawai, syarat=_SYARAT),
)
