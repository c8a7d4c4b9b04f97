"""``generate``: a whole synthetic Population from a scenario; ``redraw_measurement``.

Randomness comes only from ``np.random.SeedSequence(seed).spawn(...)``, one independent
stream per stage in the fixed order of :data:`STREAMS`, so changing one stage never changes
the draws of another (a new stream is only ever appended at the end).

>>> from simkit.population import generate
>>> pop = generate({"nama": "contoh", "seed": 7, "populasi": {"jumlah_asn": 300}})  # doctest: +SKIP
>>> pop.meta["jumlah_asn"], pop.meta["seed"]                                       # doctest: +SKIP
(300, 7)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import galat
from simkit.population.catalogue import baca_skenario_populasi
from simkit.population.employees import build_employees
from simkit.population.model import Population
from simkit.population.organisasi import build_kinerja_organisasi
from simkit.population.truth import build_truth
from simkit.population.units import build_units
from simkit.scenario import Scenario

STREAMS = ("units", "pegawai", "nama", "kebenaran", "organisasi", "iki", "perilaku", "skm",
           "perilaku_aspek")
"""Named random streams, in spawn order (append new ones at the end, never reorder)."""
PENGUKURAN = ("kinerja_organisasi", "iki", "penilaian_perilaku", "perilaku_aspek", "skm")
"""Tables :func:`redraw_measurement` draws anew (the measurement, not the truth)."""


def _seed(nilai: object, bidang: str) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int | np.integer) or int(nilai) < 0:
        raise galat("nilai_tidak_valid", bidang=bidang, diharapkan=">= 0", ditemukan=repr(nilai))
    return int(nilai)


def aliran_tahap(entropy: int | list[int] | np.random.SeedSequence
                 ) -> dict[str, np.random.Generator]:
    """One Generator per name of :data:`STREAMS`, spawned from ``SeedSequence(entropy)`` (or
    from the given SeedSequence, e.g. one year's of :mod:`simkit.population.periode`)."""
    ss = (entropy if isinstance(entropy, np.random.SeedSequence)
          else np.random.SeedSequence(entropy))
    return {nm: np.random.Generator(np.random.PCG64(child))
            for nm, child in zip(STREAMS, ss.spawn(len(STREAMS)), strict=True)}


def _pengukuran(sc: Scenario, unit_kerja: pd.DataFrame, pegawai: pd.DataFrame,
                kebenaran: pd.DataFrame, kebenaran_unit: pd.DataFrame,
                g: dict[str, np.random.Generator]) -> dict[str, pd.DataFrame | None]:
    from simkit.population.behaviour import build_penilaian_perilaku, build_perilaku_aspek
    from simkit.population.indicators import build_iki
    from simkit.population.survey import build_skm

    return {
        "kinerja_organisasi": build_kinerja_organisasi(sc, unit_kerja, kebenaran_unit, g["organisasi"]),
        "iki": build_iki(sc, pegawai, unit_kerja, kebenaran, g["iki"]),
        "penilaian_perilaku": build_penilaian_perilaku(sc, pegawai, kebenaran, g["perilaku"],
                                                       unit_kerja=unit_kerja),
        "perilaku_aspek": build_perilaku_aspek(sc, pegawai, kebenaran, g["perilaku_aspek"],
                                               unit_kerja=unit_kerja),
        "skm": (build_skm(sc, pegawai, unit_kerja, kebenaran_unit, g["skm"])
                if sc.survei.aktif else None),
    }


def generate(scenario: Scenario | str | Path | dict, seed: int | None = None) -> Population:
    """A synthetic Population for ``scenario`` (a Scenario, a YAML path or a mapping).

    ``seed`` defaults to the scenario's. Same scenario and seed give identical tables.
    Stages, in order: units, employees (with names), truth, reported organisation results,
    IKI, behaviour ratings, old-rule behaviour aspects, and the SKM survey (``None`` when
    ``survei.aktif`` is false).
    """
    sc = baca_skenario_populasi(scenario)
    seed = sc.seed if seed is None else _seed(seed, "seed")
    g = aliran_tahap(seed)
    unit_kerja = build_units(sc, g["units"])
    pegawai = build_employees(sc, unit_kerja, g["pegawai"], g["nama"])
    kebenaran, kebenaran_unit = build_truth(sc, pegawai, unit_kerja, g["kebenaran"])
    ukur = _pengukuran(sc, unit_kerja, pegawai, kebenaran, kebenaran_unit, g)
    meta: dict[str, Any] = {"sumber": "sintetis", "seed": seed, "scenario_hash": sc.hash(),
                            "scenario_nama": sc.nama, "jumlah_asn": int(len(pegawai))}
    return Population(unit_kerja=unit_kerja, pegawai=pegawai, kebenaran=kebenaran,
                      kebenaran_unit=kebenaran_unit, meta=meta, **ukur)


def redraw_measurement(population: Population, scenario: Scenario | str | Path | dict,
                       noise_seed: int | None) -> Population:
    """Same units, people and truth; new draws of every measurement table.

    Streams come from ``SeedSequence([seed, noise_seed])`` (``seed`` from the population's
    meta), so each ``noise_seed`` is one more "lottery" of the same truth. ``noise_seed=None``
    uses the streams of :func:`generate` itself: the measurement ``generate`` would draw for
    ``scenario`` (e.g. other rater settings) on the same people and truth. Needs the truth
    tables (a synthetic population).
    """
    if population.kebenaran is None or population.kebenaran_unit is None:
        raise galat("tanpa_kebenaran")
    sc = baca_skenario_populasi(scenario)
    seed = _seed(population.meta.get("seed", sc.seed), "seed")
    if noise_seed is None:
        g, meta = aliran_tahap(seed), dict(population.meta)
    else:
        g = aliran_tahap([seed, _seed(noise_seed, "noise_seed")])
        meta = {**population.meta, "noise_seed": int(noise_seed)}
    ukur = _pengukuran(sc, population.unit_kerja, population.pegawai, population.kebenaran,
                       population.kebenaran_unit, g)
    return dataclasses.replace(population, meta=meta, **ukur)
