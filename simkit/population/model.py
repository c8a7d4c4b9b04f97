"""The Population: all tables of one synthetic (or imported) set of ASN.

>>> import simkit
>>> pop = simkit.generate("scenarios/mamuju_baseline.yaml")      # doctest: +SKIP
>>> pop.pegawai.shape[0] > 1000, sorted(pop.tables())[:2]          # doctest: +SKIP
(True, ['iki', 'kebenaran'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from simkit.population.schema import TABLES


@dataclass
class Population:
    """Tidy tables (see :mod:`simkit.population.schema` for every column).

    ``kebenaran``/``kebenaran_unit`` (the truth) are ``None`` for imported data without it;
    ``skm`` is ``None`` when no survey was run or imported.
    """

    unit_kerja: pd.DataFrame
    pegawai: pd.DataFrame
    iki: pd.DataFrame
    penilaian_perilaku: pd.DataFrame
    perilaku_aspek: pd.DataFrame
    kinerja_organisasi: pd.DataFrame
    skm: pd.DataFrame | None = None
    kebenaran: pd.DataFrame | None = None
    kebenaran_unit: pd.DataFrame | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    """seed, scenario hash and name, source ('sintetis' or the imported folder), pseudonymised."""

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables that are present, by name, in schema order."""
        out = {}
        for name in TABLES:
            df = getattr(self, name)
            if df is not None:
                out[name] = df
        return out

    @property
    def has_truth(self) -> bool:
        return self.kebenaran is not None

    def row_counts(self) -> dict[str, int]:
        return {k: int(len(v)) for k, v in self.tables().items()}

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.row_counts().items())
        return f"Population({counts})"
