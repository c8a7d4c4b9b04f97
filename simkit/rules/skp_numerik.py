"""What the two numeric SKP rules share (PP 46/2011, PP 30/2019): the employees with their
jabatan, the perilaku aspects scored by the superior (table ``perilaku_aspek``), and
explanations given per detail row (per kegiatan / per IKI).

Both rules average the aspects of their ``aspek_perilaku`` parameter, plus ``kepemimpinan``
for pejabat struktural (:data:`~simkit.population.schema.STRUKTURAL`):

>>> import numpy as np
>>> nilai = np.array([[80.0, 90.0, 100.0], [70.0, 70.0, np.nan]])
>>> rerata_aspek(nilai)
(array([90., 70.]), array([3, 2]))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.population.schema import STRUKTURAL, TABLES
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.larik import bingkai, sejajar
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.tahap import Tahap

ASPEK_MAKS = TABLES["perilaku_aspek"].column("komitmen").max
"""Aspects are scored 0..ASPEK_MAKS (100; schema of ``perilaku_aspek``)."""
KEPEMIMPINAN = "kepemimpinan"
"""The aspect scored for pejabat struktural only."""


def siapkan_pegawai(population: Any, pm: Pemeriksa) -> tuple[pd.DataFrame | None,
                                                             np.ndarray | None]:
    """``population.pegawai`` checked for ``asn_id`` and ``jenis_jabatan`` (problems into
    ``pm``) and its ids (None when the table or the column is missing)."""
    peg = getattr(population, "pegawai", None)
    if pm.kolom(peg, "pegawai", ("asn_id", "jenis_jabatan")):
        pm.tidak_kosong(peg, "pegawai", ("asn_id", "jenis_jabatan"), "asn_id")
    ids = peg["asn_id"].to_numpy() if peg is not None and "asn_id" in peg else None
    return peg, ids


def pejabat_struktural(peg: pd.DataFrame) -> np.ndarray:
    """Per employee: a pejabat struktural (scored on ``kepemimpinan`` too)?"""
    return peg["jenis_jabatan"].isin(STRUKTURAL).to_numpy(dtype=bool)


def periksa_aspek(population: Any, pm: Pemeriksa, aspek: Sequence[str]) -> None:
    """Check ``population.perilaku_aspek``: the columns of ``aspek`` and ``kepemimpinan``,
    ``aspek`` never empty, one row per ``asn_id``, every score in 0..ASPEK_MAKS."""
    pa = getattr(population, "perilaku_aspek", None)
    if pm.kolom(pa, "perilaku_aspek", ("asn_id", *aspek, KEPEMIMPINAN)):
        pm.tidak_kosong(pa, "perilaku_aspek", ["asn_id", *aspek], "asn_id")
        pm.unik(pa, "perilaku_aspek", "asn_id")
        for a in (*aspek, KEPEMIMPINAN):
            pm.rentang(pa, "perilaku_aspek", a, 0, ASPEK_MAKS, "asn_id")


def nilai_aspek(population: Any, pm: Pemeriksa, ids: np.ndarray, strukt: np.ndarray,
                aspek: Sequence[str]) -> np.ndarray:
    """The scores of ``aspek`` and ``kepemimpinan`` (last column; NaN outside struktural) on
    the rows of ``ids`` (column-major). Records in ``pm`` an employee without scores and a
    pejabat struktural without ``kepemimpinan``. Call after :func:`periksa_aspek` passed."""
    nilai = sejajar(population.perilaku_aspek, "asn_id", ids, [*aspek, KEPEMIMPINAN])
    lead = nilai[:, -1]
    frame = bingkai({"asn_id": ids})
    pm.tandai(frame, np.isnan(nilai[:, :-1]).any(axis=1), "perilaku_aspek", "asn_id",
              "asn_id", "aturan_tanpa_perilaku")
    pm.tandai(frame, strukt & np.isnan(lead), "perilaku_aspek", KEPEMIMPINAN, "asn_id",
              "aturan_nilai_kosong")
    nilai[:, -1] = np.where(strukt, lead, np.nan)
    return nilai


def rerata_aspek(nilai: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the mean of the scores given (NaN skipped; not rounded) and their number."""
    n = (~np.isnan(nilai)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(nilai, axis=1) / n, n


class DenganPegawai:
    """Mixin of a rule's state with a ``pegawai`` table (one row per employee)."""

    pegawai: pd.DataFrame

    @property
    def ids(self) -> np.ndarray:
        """``asn_id`` of every employee (the order of every per-employee field)."""
        return self.pegawai["asn_id"].to_numpy()


class TahapRinci(Tahap):
    """A step explained per row of a detail table (a kegiatan, an IKI): see
    :func:`jelaskan_rinci`."""

    def jelaskan_rinci(self, evaluation: Evaluation, rinci: Any, lang: str) -> list[Langkah]:
        """This step's explanation of one detail row ``rinci`` (a named tuple)."""
        return []


def jelaskan_rinci(daftar: Iterable[Tahap], evaluation: Evaluation, baris: pd.Series,
                   lang: str, tabel: str) -> list[Langkah]:
    """The explanation of one employee: per row of ``evaluation.catatan[tabel]`` (in order)
    the detail steps of every :class:`TahapRinci`, then every step's own (:meth:`Tahap.jelaskan`)."""
    daftar = tuple(daftar)
    rinci = [t for t in daftar if isinstance(t, TahapRinci)]
    d = evaluation.catatan[tabel]
    baris_rinci = d.loc[d["asn_id"] == int(baris["asn_id"])].itertuples()
    return [*(s for r in baris_rinci for t in rinci
              for s in t.jelaskan_rinci(evaluation, r, lang)),
            *(s for t in daftar for s in t.jelaskan(evaluation, baris, lang))]
