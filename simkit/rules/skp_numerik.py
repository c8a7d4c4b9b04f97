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
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from simkit.population.schema import KREATIVITAS, STRUKTURAL, TABLES
from simkit.rules.deklarasi import Masukan, dwibahasa
from simkit.rules.evaluation import Evaluation, Langkah, komponen, langkah_parameter
from simkit.rules.larik import bingkai, kode_kategori, letak_id, sejajar
from simkit.rules.params import ParameterSet
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


MASUKAN_TAMBAHAN = (
    Masukan("tugas_tambahan", "bulat", dwibahasa(
        "jumlah tugas tambahan setahun (bawaan 0)", "number of additional tasks in the year "
        "(default 0)"), min=0, sumber="perilaku_aspek.tugas_tambahan"),
    Masukan("kreativitas", "pilihan", dwibahasa(
        "tingkat yang memperoleh manfaat dari karya kreatif (bawaan tidak)",
        "the level that benefits from a creative work (default tidak)"),
        pilihan=KREATIVITAS, sumber="perilaku_aspek.kreativitas"),
)
"""The case inputs of the SKP additions (both rules)."""


def tambahan_kasus(inputs: Any) -> dict[str, list]:
    """The ``pegawai`` columns ``tugas_tambahan``, ``kreativitas`` (code) of a case's input."""
    kreativitas = inputs.get("kreativitas")
    return {"tugas_tambahan": [float(inputs.get("tugas_tambahan", 0))],
            "kreativitas": np.array([KREATIVITAS.index(kreativitas) if kreativitas else -1],
                                    dtype=np.int16)}


def siapkan_tambahan(population: Any, pm: Pemeriksa, ids: np.ndarray | None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Per employee (aligned with ``ids``) the optional ``perilaku_aspek`` columns
    ``tugas_tambahan`` (float, NaN: not recorded) and ``kreativitas`` (codes in
    :data:`~simkit.population.schema.KREATIVITAS`, -1: not recorded), their values checked
    into ``pm`` (a count >= 0; the vocabulary). A population without them records nothing."""
    pa = getattr(population, "perilaku_aspek", None)
    n = 0 if ids is None else len(ids)
    tugas, kode = np.full(n, np.nan), np.full(n, -1, dtype=np.int16)
    if pa is None or ids is None or "asn_id" not in pa:
        return tugas, kode
    if "tugas_tambahan" in pa:
        pm.rentang(pa, "perilaku_aspek", "tugas_tambahan", 0, None, "asn_id")
        if not pm.masalah:
            tugas = sejajar(pa, "asn_id", ids, ["tugas_tambahan"])[:, 0]
    if "kreativitas" in pa:
        pm.kosakata(pa, "perilaku_aspek", "kreativitas", KREATIVITAS, "asn_id")
        pos = letak_id(pa["asn_id"].to_numpy(), ids)
        k = kode_kategori(pa["kreativitas"], KREATIVITAS)
        kode = np.where(pos >= 0, k[np.maximum(pos, 0)], -1).astype(np.int16)
    return tugas, kode


def nilai_tugas_tambahan(jumlah: np.ndarray, tabel: Sequence[Any]) -> np.ndarray:
    """The value of ``jumlah`` additional tasks (NaN: none) by the rows ``{minimal, nilai}``
    of ``tabel``: the ``nilai`` of the highest ``minimal`` reached, 0 below the first.

    >>> tabel = [{"minimal": 1, "nilai": 1}, {"minimal": 4, "nilai": 2}, {"minimal": 7, "nilai": 3}]
    >>> nilai_tugas_tambahan(np.array([0, 1, 3, 4, 6, 7, 12, np.nan]), tabel).tolist()
    [0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 0.0]
    """
    j = np.nan_to_num(np.asarray(jumlah, dtype=float), nan=0.0)
    out = np.zeros(j.shape)
    for b in sorted(tabel, key=lambda b: float(b["minimal"])):
        out = np.where(j >= float(b["minimal"]), float(b["nilai"]), out)
    return out


def nilai_kreativitas(kode: np.ndarray, peta: Any) -> np.ndarray:
    """The value of each kreativitas code (-1: not recorded -> 0) by the mapping ``peta``.

    >>> nilai_kreativitas(np.array([0, 1, 2, 3, -1]),
    ...                   {"tidak": 0, "unit_kerja": 3, "organisasi": 6, "negara": 12}).tolist()
    [0.0, 3.0, 6.0, 12.0, 0.0]
    """
    lut = np.array([float(peta.get(k, 0.0)) for k in KREATIVITAS] + [0.0])
    return lut[np.asarray(kode, dtype=np.int64)]


@dataclass(frozen=True, kw_only=True)
class KeadaanSkp:
    """The fields the states of both numeric SKP rules (PP 30/2019, PP 46/2011) share: the
    ``pegawai`` table (one row per employee), the parameters, and the per-employee
    ``nilai_tugas_tambahan``, ``nilai_skp`` and ``nilai_perilaku`` their steps fill in."""

    pegawai: pd.DataFrame
    params: ParameterSet
    nilai_tugas_tambahan: np.ndarray | None = None
    nilai_skp: np.ndarray | None = None
    nilai_perilaku: np.ndarray | None = None

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


class TugasTambahan(Tahap):
    """``nilai_tugas_tambahan``: the value of the number of tugas tambahan in ``pegawai``
    (parameter ``nilai_tugas_tambahan``; :func:`nilai_tugas_tambahan`). A step of both rules:
    the state needs ``pegawai``, ``params`` and a field ``nilai_tugas_tambahan``."""

    nama = "tugas_tambahan"

    def hitung(self, k: Any) -> Any:
        return replace(k, nilai_tugas_tambahan=nilai_tugas_tambahan(
            k.pegawai["tugas_tambahan"].to_numpy(dtype=float), k.params["nilai_tugas_tambahan"]))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        jumlah = baris["tugas_tambahan"]
        return [langkah_parameter(evaluation.params, "nilai_tugas_tambahan",
                                  komponen("nilai_tugas_tambahan", lang),
                                  nilai=int(jumlah) if pd.notna(jumlah) else 0,
                                  hasil=baris["nilai_tugas_tambahan"])]
