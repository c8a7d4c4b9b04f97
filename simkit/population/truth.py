"""The synthetic truth: what each ASN and unit *really* achieved (never read by rules).

Causal order (constants in ``data/model_kebenaran.yaml``, parameters in the scenario):

1. ``kinerja_organisasi_benar`` of every unit with a head: N(0, 1) for an OPD; a sub-unit
   (puskesmas, school, RSUD) is correlated with its OPD (``korelasi_subunit_opd``).
2. ``hasil_benar`` of each ASN = ``kebenaran.sd_efek_opd`` x the true organisational
   performance of the unit where the ASN works + an individual N(0, 1) part, standardised
   (mean 0, sd 1). ``perilaku_benar`` is correlated with it at
   ``kebenaran.korelasi_hasil_perilaku``, also standardised.
3. ``skor_benar = bobot_hasil * hasil + (1 - bobot_hasil) * perilaku``; ``predikat_benar``
   cuts it so the classes hold exactly the shares ``kebenaran.distribusi`` (best on top).
4. ``kinerja_layanan_benar`` of a unit = weighted organisation z + the standardised mean true
   results of its frontline staff (``melayani_publik``; all staff when none) + other factors,
   standardised across units; ``capaian_benar`` cuts the organisation z by
   ``organisasi.distribusi_benar``.

>>> import numpy as np
>>> from simkit.population.units import build_units
>>> from simkit.population.employees import build_employees
>>> s = {"nama": "x", "seed": 1, "populasi": {"jumlah_asn": 500}}
>>> uk = build_units(s); peg = build_employees(s, uk, np.random.default_rng(1))
>>> keb, keb_u = build_truth(s, peg, uk, np.random.default_rng(2))
>>> round(float(keb.hasil_benar.std(ddof=0)), 6), keb.predikat_benar.value_counts()["baik"]
(1.0, np.int64(300))
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT
from simkit.population.alokasi import potong_porsi
from simkit.population.catalogue import baca_skenario_populasi, model_kebenaran
from simkit.population.schema import KEBENARAN, KEBENARAN_UNIT
from simkit.population.units import ScenarioLike


def baku(x: np.ndarray) -> np.ndarray:
    """Standardise to mean 0, sd 1 (population sd); a constant array becomes zeros."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return x
    sd = x.std()
    return (x - x.mean()) / sd if sd > 0 else x - x.mean()


def build_truth(scenario: ScenarioLike, pegawai: pd.DataFrame, unit_kerja: pd.DataFrame,
                rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(kebenaran, kebenaran_unit)`` for a population (see the module docstring)."""
    sc = baca_skenario_populasi(scenario)
    kb = sc.kebenaran
    model = model_kebenaran()
    uid = unit_kerja["unit_id"].to_numpy(np.int64)
    idx = pd.Index(uid)
    n_unit = len(uid)
    u_opd = idx.get_indexer(unit_kerja["opd_id"].to_numpy(np.int64))
    adalah_opd = unit_kerja["adalah_opd"].to_numpy(bool)
    p_unit = idx.get_indexer(pegawai["unit_id"].to_numpy(np.int64))
    berkepala = np.zeros(n_unit, bool)
    berkepala[p_unit[pegawai["kepala_unit"].to_numpy(bool)]] = True

    # 1. organisation truth
    e = rng.standard_normal(n_unit)
    rho = model["organisasi"]["korelasi_subunit_opd"]
    z_org = np.where(adalah_opd, e, rho * e[u_opd] + np.sqrt(1 - rho**2) * e)
    z_org = np.where(berkepala, z_org, 0.0)

    # 2. employee truth
    n = len(pegawai)
    hasil = baku(kb.sd_efek_opd * z_org[p_unit] + rng.standard_normal(n))
    r = kb.korelasi_hasil_perilaku
    perilaku = baku(r * hasil + np.sqrt(1 - r**2) * rng.standard_normal(n))
    skor = kb.bobot_hasil * hasil + (1 - kb.bobot_hasil) * perilaku
    predikat = potong_porsi(skor, [kb.distribusi[p] for p in PREDIKAT])
    kebenaran = pd.DataFrame({
        "asn_id": pegawai["asn_id"].to_numpy(np.int64),
        "hasil_benar": hasil,
        "perilaku_benar": perilaku,
        "skor_benar": skor,
        "predikat_benar": pd.Categorical.from_codes(predikat, categories=PREDIKAT),
    })[KEBENARAN.column_names]

    # 3. unit service quality: organisation + its frontline staff's true results
    garda = pegawai["melayani_publik"].to_numpy(bool)
    n_garda = np.bincount(p_unit, weights=garda, minlength=n_unit)
    s_garda = np.bincount(p_unit, weights=hasil * garda, minlength=n_unit)
    n_all = np.bincount(p_unit, minlength=n_unit)
    s_all = np.bincount(p_unit, weights=hasil, minlength=n_unit)
    rata = np.where(n_garda > 0, s_garda / np.maximum(n_garda, 1), s_all / np.maximum(n_all, 1))
    h = np.flatnonzero(berkepala)
    lay = model["layanan"]
    layanan = baku(lay["bobot_organisasi"] * z_org[h] + lay["bobot_pegawai"] * baku(rata[h])
                   + lay["sd_galat"] * rng.standard_normal(len(h)))
    capaian = potong_porsi(z_org[h], [sc.organisasi.distribusi_benar[c] for c in CAPAIAN_ORGANISASI])
    kebenaran_unit = pd.DataFrame({
        "unit_id": uid[h],
        "kinerja_organisasi_benar": z_org[h],
        "capaian_benar": pd.Categorical.from_codes(capaian, categories=CAPAIAN_ORGANISASI),
        "kinerja_layanan_benar": layanan,
    })[KEBENARAN_UNIT.column_names]
    return kebenaran, kebenaran_unit
