"""Sweep: a grid of parameter values × seeds, giving one tidy table of the rules' metrics.

Which IKM weight misclassifies least? Does more rater noise hurt one rule more than another?
A sweep answers by running the whole pipeline — generate → evaluate the scenario's rules →
compare — for every grid point and seed::

    >>> import simkit                                                        # doctest: +SKIP
    >>> skenario = {"nama": "IKM", "seed": 1, "aturan": [
    ...     {"id": "nasional", "aturan": "permenpanrb_6_2022"},
    ...     {"id": "reformasi_ikm", "aturan": "mamuju_ikm"}]}
    >>> df = simkit.sweep(skenario, {"aturan.reformasi_ikm.bobot_ikm": [0, 0.1, 0.2, 0.3]},
    ...                   seeds=5, executor="proses")                      # doctest: +SKIP
    >>> df.groupby(["aturan.reformasi_ikm.bobot_ikm", "aturan"]).akurasi.mean()  # doctest: +SKIP

**Parameter paths** address the scenario:

- a scenario field: ``indikator.noise_sd``, ``penilai.leniensi_rata``, ``survei.bias_sampel``,
  also inside mappings (``penilai.per_opd.disdik.leniensi_rata``);
- a parameter of one of the scenario's rules, by the rule entry's ``id``:
  ``aturan.<id>.<parameter>`` (a leaf of a mapping parameter: ``aturan.<id>.<parameter>.<key>``).

The whole grid is validated before anything runs: an unknown path gets a "did you mean", a bad
value the scenario's or the rule parameter's own message, each located at the ``--set``
argument (API: ``grid``). ``seed`` is not a grid parameter: use ``seeds``.

**Seeds**: ``seeds=N`` means ``scenario.seed + 0 .. N-1``; a list gives the seeds explicitly.

**Rules**: the scenario's ``aturan`` entries; a scenario without any gets the rules
``simkit run`` compares (:func:`simkit.orchestration.run.aturan_skenario`, ids = rule ids), and the
baseline is chosen as ``run`` does (:func:`simkit.orchestration.run.pilih_dasar`).

**The table**: one row per (grid point, seed, employee-level rule; a unit-level rule such as
``permenpanrb_14_2017`` only feeds the comparison), sorted in grid order (the product of the
value lists in the order given, last parameter fastest), then seed (in the order given), then
rule (scenario order). Columns: one per grid parameter (named by its path), ``seed``,
``aturan`` (the scenario rule entry id), ``rule_id``, then the metric columns of the comparison's
``ringkasan`` table chosen by ``metrics`` (see :func:`metrik_sweep`). Stability is not computed
(``stabilitas_R=0``): a sweep over seeds measures the spread itself.

**Executors** (:mod:`simkit.orchestration.executors`): ``"inproses"`` (default), ``"proses"`` (local
processes) or ``"dask"`` (``dask_address="tcp://HOST:PORT"`` or ``"local"``). One task is a
pure function of (scenario, grid points, seed) and returns a small frame, so every executor
gives the identical table. When only rule parameters vary, a task generates the population
once and evaluates all its grid points on it; on one population a rule entry is evaluated once
per distinct parameter set, so the rules a point does not change (and the baseline) are
evaluated once and reused.

**Output** (``out``): a table file (``.csv``, ``.parquet``, ``.xlsx``) with its manifest beside
it, or a report folder like ``simkit run``'s (:func:`tulis_folder_sweep`; the report itself is
:mod:`simkit.report.sapuan`).
"""

from __future__ import annotations

import copy
import itertools
import math
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml
from pydantic import BaseModel

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.i18n import t
from simkit.orchestration.skenario import load_scenario
from simkit.report.sapuan import KOLOM_RINGKAS
from simkit.scenario import Scenario

if TYPE_CHECKING:
    from simkit.population.model import Population


def metrik_sweep() -> dict[str, tuple[str, ...]]:
    """Metric groups and their columns, one value per rule (NaN where the comparison could not
    compute the metric, e.g. ``menang_kalah`` with a single rule). The groups are the tables'
    ``sweep`` declarations in :mod:`simkit.analysis.registri`: ``distribusi`` (``n``,
    ``rata_rata_peringkat``, ``proporsi_<predikat>``), ``menang_kalah`` (``proporsi_naik/tetap/
    turun`` vs the baseline; the baseline itself 0/1/0), ``akurasi``, ``keadilan``
    (``selisih_perempuan``, ``jumlah_selisih_bermakna``, ``selisih_abs_<dimensi>``: the mean
    absolute gap over the groups of that dimension), ``kepatuhan_kurva``, ``tpp`` ...

    >>> list(metrik_sweep())[:3]
    ['distribusi', 'menang_kalah', 'akurasi']
    """
    from simkit.analysis.registri import grup_sweep

    return grup_sweep()


_BUKAN_GRID = ("seed",)
"""Scenario fields that are not grid parameters (``seed``: use ``seeds``)."""


# --------------------------------------------------------------------------- parsing


def urai_nilai(teks: str) -> Any:
    """One value as a YAML scalar: numbers, booleans, text; ``1e-3`` is a number too.

    >>> [urai_nilai(x) for x in ("0.1", "3", "true", "mamuju", "1e-3")]
    [0.1, 3, True, 'mamuju', 0.001]
    """
    try:
        v = yaml.safe_load(teks)
    except yaml.YAMLError:
        v = teks
    if isinstance(v, str):
        try:
            f = float(v)
        except ValueError:
            return v
        return f if math.isfinite(f) else v
    return v


def urai_set(args: Sequence[str], sumber: str = "--set") -> dict[str, list]:
    """``["PARAM=V1,V2", ...]`` (the CLI's ``--set``) -> ``{PARAM: [V1, V2]}``.

    >>> urai_set(["indikator.noise_sd=0.05,0.1"])
    {'indikator.noise_sd': [0.05, 0.1]}
    """
    grid: dict[str, list] = {}
    probs: list[Masalah] = []
    for arg in args:
        path, eq, values = str(arg).partition("=")
        path = path.strip()
        pieces = [p.strip() for p in values.split(",")]
        if not eq or not path or not all(pieces):
            probs.append(Masalah("sweep_set_format", berkas=sumber, ditemukan=repr(arg),
                                 diharapkan="PARAM=NILAI1,NILAI2"))
            continue
        if path in grid:
            probs.append(Masalah("sweep_parameter_ganda", berkas=sumber, bidang=path))
            continue
        grid[path] = [urai_nilai(p) for p in pieces]
    if probs:
        raise SimkitError(probs)
    return grid


def daftar_seed(scenario: Scenario, seeds: int | Sequence[int], sumber: str = "seeds") -> list[int]:
    """The seeds to run: ``N`` -> ``scenario.seed + 0 .. N-1``; a list is taken as given.

    >>> from simkit.orchestration.skenario import load_scenario
    >>> daftar_seed(load_scenario({"nama": "x", "seed": 10}), 3)
    [10, 11, 12]
    """
    batas = Scenario.model_fields["seed"].metadata
    hi = next(m.le for m in batas if hasattr(m, "le"))
    if isinstance(seeds, bool) or not isinstance(seeds, int | Sequence) or isinstance(seeds, str):
        raise galat("nilai_tidak_valid", berkas=sumber, diharapkan=t("skenario.tipe.bulat"),
                    ditemukan=repr(seeds))
    if isinstance(seeds, int):
        if not 1 <= seeds <= hi - scenario.seed + 1:
            raise galat("nilai_tidak_valid", berkas=sumber,
                        diharapkan=f"1 .. {hi - scenario.seed + 1}", ditemukan=repr(seeds))
        out = [scenario.seed + i for i in range(seeds)]
    else:
        out = list(seeds)
        bad = [s for s in out if isinstance(s, bool) or not isinstance(s, int)]
        if bad or not out:
            raise galat("nilai_tidak_valid", berkas=sumber, diharapkan=t("skenario.tipe.bulat"),
                        ditemukan=repr(bad[0] if bad else out))
        if len(set(out)) != len(out):
            dup = next(s for s in out if out.count(s) > 1)
            raise galat("sweep_nilai_ganda", berkas=sumber, nilai=dup)
    if min(out) < 0 or max(out) > hi:
        raise galat("nilai_tidak_valid", berkas=sumber, diharapkan=f"0 .. {hi}",
                    ditemukan=repr(max(out) if max(out) > hi else min(out)))
    return out


# --------------------------------------------------------------------------- paths


def _anotasi_model(ann: Any) -> Any:
    """The pydantic model in an annotation (``X`` or ``X | None``), else ``ann``."""
    if typing.get_origin(ann) is dict:
        return dict
    for a in (ann, *typing.get_args(ann)):
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return ann


def _masalah_jalur(path: str, parts: list[str], i: int, pilihan: Sequence[str],
                   sumber: str) -> Masalah:
    """Unknown part ``i`` of ``path``: did-you-mean with the whole corrected path."""
    hit = mirip(parts[i], pilihan)
    saran = ".".join([*parts[:i], hit, *parts[i + 1:]]) if hit else None
    return Masalah("bidang_tidak_dikenal", berkas=sumber, bidang=path, saran=saran,
                   diharapkan=", ".join(pilihan) or None)


def _periksa_jalur(scenario: Scenario, path: str, sumber: str) -> Masalah | None:
    """Check that ``path`` names something in ``scenario`` (values are checked later)."""
    parts = path.split(".")
    if parts[0] == "aturan":
        return _periksa_jalur_aturan(scenario, path, parts, sumber)
    if parts[0] in _BUKAN_GRID:
        return Masalah(f"sweep_{parts[0]}", berkas=sumber, bidang=path)
    model: Any = Scenario
    for i, part in enumerate(parts):
        fields = [f for f in model.model_fields if i or f not in _BUKAN_GRID]
        if part not in fields:
            return _masalah_jalur(path, parts, i, fields, sumber)
        ann = _anotasi_model(model.model_fields[part].annotation)
        if ann is dict:
            return None if i + 1 < len(parts) else Masalah(
                "sweep_bukan_nilai", berkas=sumber, bidang=path, diharapkan=f"{path}.<kunci>")
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            if i + 1 == len(parts):
                return Masalah("sweep_bukan_nilai", berkas=sumber, bidang=path,
                               diharapkan=", ".join(f"{path}.{f}" for f in ann.model_fields))
            model = ann
            continue
        if i + 1 < len(parts):
            return _masalah_jalur(path, parts, i + 1, [], sumber)
    return None


def _periksa_jalur_aturan(scenario: Scenario, path: str, parts: list[str],
                          sumber: str) -> Masalah | None:
    from simkit.rules import get_rule

    ids = [a.id for a in scenario.aturan]
    if len(parts) < 3:
        return Masalah("sweep_bukan_nilai", berkas=sumber, bidang=path,
                       diharapkan="aturan.<id>.<parameter>")
    if parts[1] not in ids:
        return _masalah_jalur(path, parts, 1, ids, sumber)
    spec = next(a for a in scenario.aturan if a.id == parts[1])
    params = get_rule(spec.aturan).parameters
    names = list(params)
    if parts[2] not in names:
        return _masalah_jalur(path, parts, 2, names, sumber)
    if len(parts) > 3 and params.meta(parts[2]).tipe != "mapping":
        return _masalah_jalur(path, parts, 3, [], sumber)
    return None


def _set(d: dict, keys: Sequence[str], value: Any) -> None:
    for k in keys[:-1]:
        if not isinstance(d.get(k), dict):
            d[k] = {}
        d = d[k]
    d[keys[-1]] = value


def terapkan(data: Mapping[str, Any], titik: Mapping[str, Any]) -> dict:
    """A deep copy of the scenario mapping ``data`` with the grid point ``titik`` applied.

    >>> terapkan({"nama": "x", "indikator": {"noise_sd": 0.1}}, {"indikator.noise_sd": 0.2})
    {'nama': 'x', 'indikator': {'noise_sd': 0.2}}
    """
    out = copy.deepcopy(dict(data))
    for path, v in titik.items():
        parts = path.split(".")
        if parts[0] == "aturan":
            spec = next(a for a in out["aturan"] if a["id"] == parts[1])
            _set(spec.setdefault("parameter", {}), parts[2:], v)
        else:
            _set(out, parts, v)
    return out


def _dump(scenario: Scenario) -> dict:
    return scenario.model_dump(mode="json")


def _masalah_nilai(exc: SimkitError, berkas: str, bidang: str | None, nilai: Any) -> list[Masalah]:
    """The validator's problems, relocated to the grid argument."""
    return [Masalah(m.kode, berkas=berkas, bidang=bidang or m.bidang, diharapkan=m.diharapkan,
                    ditemukan=m.ditemukan if m.ditemukan is not None else repr(nilai),
                    saran=m.saran, isi=m.isi) for m in exc.masalah]


def _validasi(data: dict) -> Scenario:
    """Load a variant; loading also runs each rule's checks across its parameters
    (:mod:`simkit.rules.validasi_reformasi`)."""
    return load_scenario(data)


def periksa_grid(scenario: Scenario, grid: Mapping[str, Sequence[Any]],
                 sumber: str = "grid") -> list[dict[str, Any]]:
    """Validate the whole grid; return its points (dicts path -> value) in grid order.

    Paths first (did-you-mean), then every value alone, then every combination. All problems
    of a stage are reported together, located at ``sumber`` (``--set`` on the command line).

    >>> from simkit.orchestration.skenario import load_scenario
    >>> s = load_scenario({"nama": "x", "seed": 1})
    >>> periksa_grid(s, {"indikator.noise_sd": [0.05, 0.1]})
    [{'indikator.noise_sd': 0.05}, {'indikator.noise_sd': 0.1}]
    """
    if not isinstance(grid, Mapping):
        raise galat("nilai_tidak_valid", berkas=sumber, diharapkan=t("skenario.tipe.mapping"),
                    ditemukan=type(grid).__name__)
    probs: list[Masalah] = []
    values: dict[str, list] = {}
    for path, vals in grid.items():
        if isinstance(vals, str | bytes) or not isinstance(vals, Sequence) or not vals:
            probs.append(Masalah("nilai_tidak_valid", berkas=sumber, bidang=str(path),
                                 diharapkan=t("skenario.tipe.daftar"), ditemukan=repr(vals)))
            continue
        m = _periksa_jalur(scenario, str(path), sumber)
        if m:
            probs.append(m)
            continue
        vals = list(vals)
        dups = [v for i, v in enumerate(vals) if v in vals[:i]]
        if dups:
            probs.append(Masalah("sweep_nilai_ganda", berkas=sumber, bidang=str(path),
                                 isi={"nilai": dups[0]}))
            continue
        values[str(path)] = vals
    if probs:
        raise SimkitError(probs)
    base = _dump(scenario)
    for path, vals in values.items():
        for v in vals:
            if isinstance(v, dict | list | tuple | set):
                probs.append(Masalah("nilai_tidak_valid", berkas=sumber, bidang=path,
                                     diharapkan=t("sweep.skalar"), ditemukan=repr(v)))
                continue
            try:
                _validasi(terapkan(base, {path: v}))
            except SimkitError as exc:
                probs.extend(_masalah_nilai(exc, sumber, path, v))
    if probs:
        raise SimkitError(probs)
    titik = [dict(zip(values, combo, strict=True))
             for combo in itertools.product(*values.values())]
    if len(values) > 1:
        for p in titik:
            try:
                _validasi(terapkan(base, p))
            except SimkitError as exc:
                where = f"{sumber} " + ", ".join(f"{k}={v}" for k, v in p.items())
                probs.extend(replace(m, berkas=where, baris=None, ditemukan=None)
                             for m in exc.masalah)
    if probs:
        raise SimkitError(probs)
    return titik


def periksa_metrik(metrics: str | Sequence[str] | None, sumber: str = "metrics") -> list[str]:
    """Metric groups to keep (see :func:`metrik_sweep`); ``None`` means all.

    >>> periksa_metrik("akurasi,tpp")
    ['akurasi', 'tpp']
    """
    if metrics is None:
        return list(metrik_sweep())
    names = [m.strip() for m in metrics.split(",")] if isinstance(metrics, str) else list(metrics)
    semua = metrik_sweep()
    bad = [m for m in names if m not in semua]
    if bad or not names:
        raise galat("nilai_tidak_valid", berkas=sumber, diharapkan=", ".join(semua),
                    ditemukan=repr(bad[0] if bad else names),
                    saran=mirip(str(bad[0]), list(semua)) if bad else None)
    return list(dict.fromkeys(names))


# --------------------------------------------------------------------------- tasks


def _kunci_populasi(titik: Mapping[str, Any]) -> tuple:
    """The part of a grid point the population depends on (everything but rule parameters)."""
    return tuple((k, v) for k, v in titik.items() if not k.startswith("aturan."))


@dataclass(frozen=True)
class Tugas:
    """One task: several grid points (index, point) sharing one population, for one seed."""

    skenario: dict
    seed: int
    titik: tuple[tuple[int, dict], ...]
    metrik: tuple[str, ...]


def jalankan_tugas(tugas: Tugas) -> pd.DataFrame:
    """Run one task: generate (once per population), evaluate, compare, pick the metrics.

    Returns one row per (grid point, rule): ``_titik`` (grid point index), ``seed``,
    ``aturan``, ``_urutan`` (rule position in the scenario) and the metric columns. On one
    population a rule entry is evaluated once per distinct parameter set: when the points
    differ only in one rule's parameters, the other rules (and the baseline) are evaluated
    once and their evaluations reused (:func:`metrik_skenario`'s ``cache``).
    """
    from simkit.population.generate import generate

    frames: list[pd.DataFrame] = []
    pop: Any = None
    kunci: tuple | None = None
    cache: dict[tuple, Any] = {}
    for idx, titik in tugas.titik:
        s = load_scenario(terapkan(tugas.skenario, titik))
        k = _kunci_populasi(titik)
        if pop is None or k != kunci:
            pop, kunci, cache = generate(s, seed=tugas.seed), k, {}
        df = metrik_skenario(pop, s, tugas.metrik, cache)
        df.insert(0, "_titik", idx)
        df.insert(1, "seed", tugas.seed)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def _kunci_evaluasi(aturan_id: str, rule: str, parameter: Mapping[str, Any] | None) -> tuple:
    """What an evaluation depends on besides the population: the entry, its rule and its
    parameters (canonical JSON, so equal mappings give equal keys).

    >>> _kunci_evaluasi("a", "pp30_2019", {"y": 1, "x": {"b": 2}})
    ('a', 'pp30_2019', '{"x": {"b": 2}, "y": 1}')
    """
    import json

    return (aturan_id, rule, json.dumps(dict(parameter or {}), sort_keys=True, default=str))


def metrik_skenario(population: Population, scenario: Scenario,
                    metrik: Sequence[str], cache: dict[tuple, Any] | None = None) -> pd.DataFrame:
    """Evaluate the scenario's rules on ``population``, compare, and keep the metric columns.

    One row per employee-level rule in scenario order: ``aturan``, ``_urutan``, ``rule_id``
    and the columns of the groups ``metrik`` (see :func:`metrik_sweep`). Only the tables
    behind those groups are computed. ``cache`` (one dict per population) keeps each
    evaluation by (entry id, rule, parameters), so a rule whose parameters did not change is
    not evaluated again on the same population.
    """
    from simkit.analysis.compare import compare
    from simkit.analysis.registri import tabel_grup
    from simkit.orchestration.run import pilih_dasar
    from simkit.rules import evaluate

    evs = {}
    for a in scenario.aturan:
        k = _kunci_evaluasi(a.id, a.aturan, a.parameter)
        if cache is None or k not in cache:
            ev = evaluate(population, a.aturan, a.parameter or None)
            if cache is None:
                evs[a.id] = ev
                continue
            cache[k] = ev
        evs[a.id] = cache[k]
    dasar = pilih_dasar(list(scenario.aturan), {k: ev.tingkat for k, ev in evs.items()})
    hasil = compare(population, evs, baseline=dasar, scenario=scenario, stabilitas_R=0,
                    tabel=tabel_grup(metrik))
    out = hasil.ukuran(metrik)
    out.insert(1, "_urutan", range(len(out)))
    return out


def buat_tugas(scenario: Scenario, titik: Sequence[Mapping[str, Any]], seeds: Sequence[int],
               metrik: Sequence[str], paralel: int = 1) -> list[Tugas]:
    """Group (grid point, seed) pairs into tasks.

    Points that differ only in rule parameters share a population, so they go in one task per
    seed; groups are split so that there are at least ``paralel`` tasks when possible.
    """
    data = _dump(scenario)
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for seed in seeds:
        for i, p in enumerate(titik):
            groups.setdefault((seed, _kunci_populasi(p)), []).append((i, dict(p)))
    ukuran = max(1, math.ceil(len(titik) * len(seeds) / max(1, paralel)))
    out = []
    for (seed, _), items in groups.items():
        for j in range(0, len(items), ukuran):
            out.append(Tugas(data, int(seed), tuple(items[j:j + ukuran]), tuple(metrik)))
    return out


# --------------------------------------------------------------------------- sweep


@dataclass(frozen=True)
class Sapuan:
    """A validated sweep: scenario, grid points (in order), seeds and metric groups."""

    skenario: Scenario
    titik: tuple[dict, ...]
    seeds: tuple[int, ...]
    metrik: tuple[str, ...]

    @property
    def jumlah_jalan(self) -> int:
        """Simulation runs: grid points × seeds."""
        return len(self.titik) * len(self.seeds)


def siapkan_sapuan(
    scenario: str | Path | Mapping[str, Any] | Scenario,
    grid: Mapping[str, Sequence[Any]] | None = None,
    seeds: int | Sequence[int] = 1,
    metrics: str | Sequence[str] | None = None,
    sumber: str = "grid",
) -> Sapuan:
    """Validate everything a sweep needs, before anything runs (see :func:`sweep`).

    >>> r = siapkan_sapuan({"nama": "x", "seed": 7, "aturan": [{"id": "a", "aturan": "permenpanrb_6_2022"}]},
    ...             {"indikator.noise_sd": [0.05, 0.1]}, seeds=3)
    >>> r.seeds, r.jumlah_jalan
    ((7, 8, 9), 6)
    """
    from simkit.orchestration.run import aturan_skenario

    s = load_scenario(dict(scenario) if isinstance(scenario, Mapping) else scenario)
    if not s.aturan:  # the rules `simkit run` compares, made explicit so paths can name them
        s = load_scenario({**_dump(s), "aturan": [a.model_dump() for a in aturan_skenario(s)]})
    seed_list = daftar_seed(s, seeds, "--seeds" if sumber == "--set" else "seeds")
    titik = periksa_grid(s, grid or {}, sumber)
    metrik = periksa_metrik(metrics, "--metrik" if sumber == "--set" else "metrics")
    return Sapuan(s, tuple(titik), tuple(seed_list), tuple(metrik))


def sweep(
    scenario: str | Path | Mapping[str, Any] | Scenario,
    grid: Mapping[str, Sequence[Any]] | None = None,
    seeds: int | Sequence[int] = 1,
    executor: str = "inproses",
    dask_address: str | None = None,
    metrics: str | Sequence[str] | None = None,
    workers: int | None = None,
    progress: bool = False,
    sumber: str = "grid",
    out: str | Path | None = None,
    lang: str | None = None,
    timpa: bool = False,
) -> pd.DataFrame:
    """Run ``grid`` × ``seeds`` and return one tidy table (see the module docstring).

    The table's run record (scenario name, file and hash, grid, seeds, metric groups,
    executor, versions, duration) is in ``df.attrs["manifest"]``. With ``out`` a file
    (``.csv``, ``.parquet`` or ``.xlsx``) the table is written there and the record beside it
    as ``<out>.manifest.json`` (with the table's SHA-256), both atomically; with ``out`` a
    folder (any other name) the full report is written there (:func:`tulis_folder_sweep`:
    tables, workbook, charts with the band over seeds, offline HTML, manifest) in ``lang``;
    a folder holding something other than a sweep report is replaced only with ``timpa``.
    ``progress``: a bar over the simulation runs (grid points × seeds) on stderr.

    ``executor``: ``"inproses"`` (default), ``"proses"`` or ``"dask"`` (``dask_address``
    ``"tcp://HOST:PORT"`` or ``"local"``; giving ``dask_address`` alone selects Dask).
    ``workers``: processes / local Dask workers (default ``os.cpu_count()``). ``metrics``:
    groups of :func:`metrik_sweep` (default all). ``sumber`` names the grid in messages (the CLI
    passes ``--set``).

    >>> df = sweep("scenarios/mamuju_baseline.yaml", {"indikator.noise_sd": [0.05, 0.2]},
    ...            seeds=2)                                              # doctest: +SKIP
    >>> df.columns[:3].tolist()                                          # doctest: +SKIP
    ['indikator.noise_sd', 'seed', 'aturan']
    """
    r = siapkan_sapuan(scenario, grid, seeds, metrics, sumber)
    return jalankan(r, executor, dask_address, workers, progress, out, lang, timpa)


def metrik_antar_seed(scenario: Scenario, seed: int, jumlah: int,
                      executor: str = "inproses") -> pd.DataFrame:
    """The comparison's per-rule numbers on ``jumlah`` populations of ``scenario`` (seeds
    ``seed .. seed + jumlah - 1``): the table of :func:`sweep` without a grid, for the
    verdict's uncertainty (``compare(metrik_seed=...)``)."""
    r = siapkan_sapuan(scenario.with_seed(int(seed)), {}, int(jumlah), None)
    return jalankan(r, executor)


def adalah_berkas_tabel(out: str | Path) -> bool:
    """Whether ``out`` names a table file (its suffix is a table format), not a report folder.

    >>> adalah_berkas_tabel("hasil.csv"), adalah_berkas_tabel("keluaran/ikm-sweep")
    (True, False)
    """
    from simkit.tables import AKHIRAN_FORMAT

    return Path(out).suffix.lower() in AKHIRAN_FORMAT


def jalankan(r: Sapuan, executor: str = "inproses", dask_address: str | None = None,
             workers: int | None = None, progress: bool = False,
             out: str | Path | None = None, lang: str | None = None,
             timpa: bool = False) -> pd.DataFrame:
    """Run a validated :class:`Sapuan` on an executor; the table of :func:`sweep` (with its
    manifest in ``attrs``; written to ``out``, a table file or a report folder, when given)."""
    import time

    from simkit.manifest import periksa_folder_keluaran
    from simkit.orchestration.executors import buat_executor

    folder = out is not None and not adalah_berkas_tabel(out)
    if folder:  # refuse before anything runs
        if Path(out).suffix and not Path(out).is_dir():  # e.g. hasil.txt: a typo, not a folder
            from simkit.tables import AKHIRAN_FORMAT

            raise galat("nilai_tidak_valid", berkas=str(out), ditemukan=Path(out).suffix,
                        diharapkan=", ".join([*AKHIRAN_FORMAT, t("sweep.folder")]))
        periksa_folder_keluaran(out, "sapuan", timpa)
    if dask_address and executor == "inproses":
        executor = "dask"
    t0 = time.perf_counter()
    with buat_executor(executor, workers=workers, dask_address=dask_address) as ex:
        tugas = buat_tugas(r.skenario, r.titik, r.seeds, r.metrik, ex.paralel)
        bar = _progres(r.jumlah_jalan, lang) if progress else None
        try:
            frames = ex.map(jalankan_tugas, tugas, selesai=(
                lambda i: bar.update(len(tugas[i].titik))) if bar is not None else None)
        finally:
            if bar is not None:
                bar.close()
    df = _gabung(frames, r.titik, r.seeds)
    df.attrs["manifest"] = manifest_sweep(r, df, executor, time.perf_counter() - t0)
    if folder:
        tulis_folder_sweep(df, r, out, lang, timpa)
    elif out is not None:
        tulis_sweep(df, out)
    return df


def manifest_sweep(r: Sapuan, df: pd.DataFrame, eksekutor: str, detik: float) -> dict:
    """The run record of a sweep table: scenario, hash, grid, seeds, metric groups, executor,
    rows, duration and versions (:func:`simkit.manifest.build_manifest`)."""
    from simkit.manifest import build_manifest

    s = r.skenario
    return build_manifest(
        skenario={"nama": s.nama, "berkas": s.sumber, "hash": s.hash()},
        seeds=list(r.seeds), grid=[dict(p) for p in r.titik], metrik=list(r.metrik),
        eksekutor=eksekutor, jumlah_baris=int(len(df)), durasi_detik=round(detik, 3))


def tulis_sweep(df: pd.DataFrame, out: str | Path) -> Path:
    """Write a sweep table to ``out`` and its manifest (``df.attrs["manifest"]`` plus the
    table's size and SHA-256) to ``<out>.manifest.json``; returns the manifest path."""
    from simkit.manifest import write_manifest
    from simkit.tables import sha256_berkas, tulis_tabel

    out = Path(out)
    tulis_tabel(df, out)
    m = {**df.attrs.get("manifest", {}),
         "berkas": [{"berkas": out.name, "ukuran": out.stat().st_size,
                     "sha256": sha256_berkas(out)}]}
    return write_manifest(out.with_name(out.name + ".manifest.json"), m)


def tulis_folder_sweep(df: pd.DataFrame, r: Sapuan, folder: str | Path,
                       lang: str | None = None, timpa: bool = False) -> Path:
    """Write the sweep report folder, atomically, like ``simkit run``'s:

    - ``tabel/sapuan`` (the full table), ``tabel/ringkasan`` (mean over seeds per grid point
      and rule), ``tabel/pita`` (mean and t confidence band over seeds per swept parameter,
      metric and rule: what the charts draw), each as CSV and Parquet;
    - ``laporan.xlsx`` (sheet ``tentang`` then one per table), ``grafik/*.png`` (each metric
      against each swept parameter), ``laporan.html`` (offline: charts inline);
    - ``manifest.json``: ``jenis: sapuan``, :func:`manifest_sweep`'s record, every file's
      size and SHA-256.

    ``folder`` is replaced only when missing, empty, an earlier sweep report, or ``timpa``.
    """
    from simkit.atomic import atomic_path
    from simkit.manifest import periksa_folder_keluaran, write_manifest
    from simkit.orchestration.run import bahasa, daftar_berkas
    from simkit.orchestration.run import tulis_tabel as tulis_tabel_folder
    from simkit.report import sapuan as laporan

    periksa_folder_keluaran(folder, "sapuan", timpa)
    with bahasa(lang) as lang, atomic_path(folder) as work:
        work.mkdir(parents=True)
        tables = laporan.tabel_laporan(df)
        tulis_tabel_folder(tables, work / "tabel")
        m = {"jenis": "sapuan", **df.attrs.get("manifest", {}), "bahasa": lang,
             "aturan": [{"id": a.id, "aturan": a.aturan, "label": a.label}
                        for a in r.skenario.aturan]}
        laporan.tulis_laporan(tables, work, m, lang)
        write_manifest(work / "manifest.json", {**m, "berkas": daftar_berkas(work)})
    return Path(folder)


def _progres(n: int, lang: str | None = None) -> Any:
    """A bar over the ``n`` simulation runs, on stderr, labelled in the user's language."""
    import sys

    from tqdm.auto import tqdm

    return tqdm(total=n, desc=t("sweep.progres", lang), unit=t("sweep.unit", lang),
                file=sys.stderr, leave=True)


def _gabung(frames: Sequence[pd.DataFrame], titik: Sequence[Mapping[str, Any]],
            seeds: Sequence[int]) -> pd.DataFrame:
    """Concatenate task frames into the final table in a fixed order (executor-independent)."""
    df = pd.concat(frames, ignore_index=True)
    urutan_seed = {sd: i for i, sd in enumerate(seeds)}
    df["_seed"] = df["seed"].map(urutan_seed)
    df = df.sort_values(["_titik", "_seed", "_urutan"], kind="mergesort")
    grid = pd.DataFrame(list(titik)) if titik and titik[0] else pd.DataFrame(index=range(len(titik)))
    out = grid.iloc[df["_titik"].to_numpy()].reset_index(drop=True)
    rest = df.drop(columns=["_titik", "_seed", "_urutan"]).reset_index(drop=True)
    out = pd.concat([out, rest], axis=1)
    out["seed"] = out["seed"].astype("int64")
    out["aturan"] = out["aturan"].astype(str)
    return out


def ringkas(df: pd.DataFrame, kolom: Sequence[str] | None = KOLOM_RINGKAS) -> pd.DataFrame:
    """Mean over seeds per (grid point, rule) of the main metric columns (CLI summary; all
    metric columns with ``kolom=None``); see :func:`simkit.report.sapuan.ringkasan`.
    """
    from simkit.report.sapuan import ringkasan

    return ringkasan(df, kolom)


def teks_ringkas(df: pd.DataFrame, lang: str | None = None) -> str:
    """The summary of :func:`ringkas` as a text table: display headers and numbers in
    ``lang``, formatted as the report formats them (:func:`simkit.report.sapuan.teks_kolom`);
    grid columns keep their path; a rule with the same numbers at every grid point is shown
    once (:func:`simkit.report.sapuan.tanpa_ulang`)."""
    from simkit.report.sapuan import tanpa_ulang, teks_tabel

    return teks_tabel(tanpa_ulang(ringkas(df), lang), lang)
