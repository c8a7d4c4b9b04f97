"""The citizens' satisfaction survey (SKM, PermenPANRB 14/2017) of each public-service unit.

For every unit with ``melayani_publik`` and N = ``populasi_dilayani`` > 0, the sample is the
Krejcie & Morgan size s(N) and the responses are round(s * ``survei.tingkat_respons``), at
least 1. Each respondent answers U1..U9 on 1-4:

    x = dasar + per_z * kinerja_layanan_benar + offset_u + ramah * tambahan_ramah
        + noise_sd * (sqrt(rho) * e_respondent + sqrt(1 - rho) * e_answer)
    answer = clip(round(x), 1, 4), or null with probability ``tidak_menjawab_unsur``

A share ``bias_sampel`` (or ``bias_sampel_per_opd[kode OPD]``) of respondents is "friendly"
(ramah = 1): the biased sampling of respondents that inflates an IKM.

>>> krejcie_morgan([100, 500, 1000]).tolist()
[80, 218, 278]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.errors import galat
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.pengukuran import (
    baris_id,
    bingkai_skema,
    kode_opd,
    konstanta,
    per_opd,
    wajib_kolom,
)
from simkit.population.schema import SKM, UNSUR_SKM
from simkit.scenario import Scenario


def krejcie_morgan(N: object) -> np.ndarray:
    """Krejcie & Morgan (1970) sample size for population size(s) ``N``, rounded up.

    s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)) with X^2 = 3.841, P = 0.5, d = 0.05 (constants
    in ``data/pengukuran.yaml``), capped at the table's 384; ``N`` may be ``np.inf``.
    Returns an int64 array shaped like ``N`` (0 for N = 0).

    >>> krejcie_morgan([200, 2000, 5000, 10000, 50000, np.inf]).tolist()
    [132, 323, 357, 370, 382, 384]
    """
    k = konstanta()["krejcie_morgan"]
    x2, p, d = float(k["chi_kuadrat"]), float(k["proporsi"]), float(k["presisi"])
    n = np.asarray(N, dtype=np.float64)
    salah = np.isnan(n) | (n < 0)
    if salah.any():
        raise galat("nilai_tidak_valid", bidang="N", diharapkan=">= 0",
                    ditemukan=repr(float(n[salah].flat[0])))
    top = x2 * p * (1 - p)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(np.isinf(n), top / d**2, top * n / (d**2 * (n - 1) + top))
    # tolerance: a value that is an integer up to float error is not pushed one up
    s = np.ceil(np.round(s, 9))
    s = np.minimum(s, float(k["sampel_maks"]))
    return np.where(n > 0, s, 0).astype(np.int64)


def jumlah_responden(N: object, tingkat_respons: float) -> np.ndarray:
    """Responses per unit: round-half-up of s(N) x response rate, at least 1 when N > 0.

    >>> jumlah_responden([100, 0], 0.85).tolist()
    [68, 0]
    """
    n = np.asarray(N, dtype=np.float64)
    r = bulat_setengah_atas(krejcie_morgan(n) * float(tingkat_respons)).astype(np.int64)
    return np.where(n > 0, np.maximum(r, 1), 0)


def _kinerja_layanan(units: pd.DataFrame, kebenaran_unit: pd.DataFrame) -> np.ndarray:
    """Each unit's true service quality; a unit without its own row takes its OPD's."""
    wajib_kolom(kebenaran_unit, "kebenaran_unit", ("unit_id", "kinerja_layanan_benar"))
    idx = pd.Index(kebenaran_unit["unit_id"])
    own = idx.get_indexer(units["unit_id"].to_numpy())
    opd = idx.get_indexer(units["opd_id"].to_numpy())
    pos = np.where(own >= 0, own, opd)
    if (pos < 0).any():
        bad = units["unit_id"].to_numpy()[pos < 0]
        baris_id(bad, idx, "kebenaran_unit", "unit_id", "unit_tidak_dikenal")  # raises
    vals = kebenaran_unit["kinerja_layanan_benar"].to_numpy(dtype=np.float64, na_value=np.nan)
    out = vals[pos]
    if np.isnan(out).any():
        raise galat("nilai_kosong", berkas="kebenaran_unit", kolom="kinerja_layanan_benar")
    return out


def build_skm(scenario: Scenario, pegawai: pd.DataFrame, unit_kerja: pd.DataFrame,
              kebenaran_unit: pd.DataFrame, rng: np.random.Generator,
              bias_unit: pd.Series | None = None) -> pd.DataFrame:
    """The ``skm`` table: one row per respondent of every public-service unit, u1..u9 in 1-4.

    ``pegawai`` is accepted for a uniform call signature (the survey is about units).
    ``bias_unit``: the friendly share of some units (index ``unit_id``), replacing the
    scenario's there (a unit that games its survey). Rows are ordered by unit,
    ``responden_id`` runs 1..n over the whole table.
    """
    del pegawai  # the survey rates units; kept for the generator's common signature
    wajib_kolom(unit_kerja, "unit_kerja", ("unit_id", "kode_unit", "opd_id", "melayani_publik",
                                           "populasi_dilayani"))
    cfg = scenario.survei
    ks = konstanta()["survei"]
    publik = unit_kerja["melayani_publik"].to_numpy(dtype=bool)
    units = unit_kerja.loc[publik, ["unit_id", "opd_id", "populasi_dilayani"]].sort_values(
        "unit_id", kind="stable")
    n_resp = jumlah_responden(units["populasi_dilayani"].to_numpy(dtype=np.float64),
                              cfg.tingkat_respons)
    units, n_resp = units[n_resp > 0], n_resp[n_resp > 0]
    layanan = _kinerja_layanan(units, kebenaran_unit)
    bias = per_opd(kode_opd(units["opd_id"], unit_kerja), cfg.bias_sampel_per_opd,
                   cfg.bias_sampel)
    if bias_unit is not None:
        ganti = bias_unit.reindex(units["unit_id"].to_numpy()).to_numpy(dtype=np.float64)
        bias = np.where(np.isnan(ganti), bias, ganti)
    unit_row = np.repeat(np.arange(len(units)), n_resp)
    m = len(unit_row)
    f32 = np.float32
    ramah = rng.random(m, dtype=f32) < bias[unit_row]
    rho = float(ks["korelasi_antar_unsur"])
    # float32 throughout: answers are small integers, a national survey has millions of rows
    dasar = (f32(ks["dasar"]) + (f32(ks["per_z"]) * layanan[unit_row]).astype(f32)
             + f32(ks["tambahan_ramah"]) * ramah
             + f32(cfg.noise_sd * np.sqrt(rho)) * rng.standard_normal(m, dtype=f32))
    offset = ks["offset_unsur"]
    lo, hi = f32(ks["skala_min"]), f32(ks["skala_maks"])
    sd_jawaban = f32(cfg.noise_sd * np.sqrt(1 - rho))
    cols: dict[str, object] = {
        "responden_id": np.arange(1, m + 1, dtype=np.int32),
        "unit_id": units["unit_id"].to_numpy()[unit_row].astype(np.int32),
    }
    for u in UNSUR_SKM:
        x = dasar + (f32(offset[u]) + f32(0.5)) + sd_jawaban * rng.standard_normal(m, dtype=f32)
        ans = np.clip(np.floor(x), lo, hi)  # floor(x + 0.5): round half up
        ans[rng.random(m, dtype=f32) < cfg.tidak_menjawab_unsur] = np.nan
        cols[u] = ans
    return bingkai_skema(cols, SKM)
