"""Capaian kinerja organisasi as the heads of units report it.

Each unit with a head reports its true class (``kebenaran_unit.capaian_benar``) moved up by
a Poisson number of classes with mean ``organisasi.inflasi_laporan`` (heads round their
result up; never above ``istimewa``). With ``inflasi_laporan: 0`` the report is the truth.

>>> import numpy as np, pandas as pd
>>> ku = pd.DataFrame({"unit_id": [1, 2], "capaian_benar": ["baik", "istimewa"]})
>>> s = {"nama": "x", "seed": 1, "organisasi": {"inflasi_laporan": 0}}
>>> build_kinerja_organisasi(s, None, ku, np.random.default_rng(0)).capaian_kinerja_organisasi.tolist()
['baik', 'istimewa']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.kosakata import CAPAIAN_ORGANISASI
from simkit.population.catalogue import baca_skenario_populasi
from simkit.population.schema import KINERJA_ORGANISASI
from simkit.population.units import ScenarioLike


def build_kinerja_organisasi(scenario: ScenarioLike, unit_kerja: pd.DataFrame | None,
                      kebenaran_unit: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The ``kinerja_organisasi`` table, one row per unit of ``kebenaran_unit``.

    ``unit_kerja`` is accepted for a uniform generator signature; the reported class only
    depends on the true class and the scenario's inflation.
    """
    sc = baca_skenario_populasi(scenario)
    benar = pd.Categorical(kebenaran_unit["capaian_benar"].astype("str"),
                           categories=CAPAIAN_ORGANISASI).codes.astype(np.int64)
    naik = rng.poisson(sc.organisasi.inflasi_laporan, len(benar))
    lapor = np.maximum(benar - naik, 0).astype(np.int8)
    return pd.DataFrame({
        "unit_id": kebenaran_unit["unit_id"].to_numpy(np.int64),
        "capaian_kinerja_organisasi": pd.Categorical.from_codes(lapor, categories=CAPAIAN_ORGANISASI),
    })[KINERJA_ORGANISASI.column_names]
