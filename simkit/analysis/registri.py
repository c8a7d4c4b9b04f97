"""The output registry: every table a comparison can produce, declared once, as data.

Each module of :mod:`simkit.analysis.metrics` declares its outputs in a module-level tuple
``KELUARAN`` of :class:`Tabel` and its place in the order of outputs, ``URUTAN``. A
declaration says everything the rest of simkit needs to know about the table:

- ``nama`` and ``kolom`` (the columns; their labels, id and en, are the i18n keys
  ``analisis.kolom.<kolom>``, the table's title ``analisis.tabel.<nama>``);
- ``hitung(konteks)``, how it is computed from a :class:`Konteks` (the population, the
  evaluations, the panel and the other tables, asked for by name with ``konteks.tabel``);
- ``syarat``, what it needs (:data:`BUTUH_KEBENARAN`, :data:`BUTUH_DUA_ATURAN` ...); when a
  need is not met the table is a one-row note instead;
- ``ukuran``, the numbers per rule it contributes to the ``ringkasan`` table and to sweeps
  (``sweep`` names the sweep's metric group);
- ``bagian`` and ``grafik``, its report section and its charts (by name).

:func:`simkit.compare` walks this registry; the report, the workbook, the CSV/Parquet tables,
the charts and the sweep metrics are all derived from it. There is no second list.

>>> [t.nama for t in daftar()][:4]
['putusan', 'temuan', 'aturan', 'kartu_reformasi']
>>> "akurasi" in grup_sweep()
True
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.errors import galat, mirip
from simkit.i18n import t

if TYPE_CHECKING:
    from simkit.analysis.konteks import Konteks

KOLOM_CATATAN = ("metrik", "kode", "catatan")
"""Columns of the one-row note that stands in for a table whose needs are not met."""


@dataclass(frozen=True)
class Syarat:
    """A need of a table: ``kode`` names the note (``analisis.catatan.<kode>``) shown when
    ``terpenuhi(konteks)`` is false."""

    kode: str
    terpenuhi: Callable[[Konteks], bool]


@dataclass(frozen=True)
class Ukuran:
    """One number per employee-level rule, taken from a table: a ``ringkasan`` column and/or a
    sweep metric.

    ``ambil(konteks, tabel)`` returns an array aligned with ``konteks.aturan``.
    ``ringkasan``: position of the column in the ``ringkasan`` table (ascending), or None when
    only sweeps report it.
    """

    nama: str
    ambil: Callable[[Konteks, pd.DataFrame], np.ndarray]
    ringkasan: int | None = None


@dataclass(frozen=True)
class Tabel:
    """The declaration of one output table (see the module docstring)."""

    nama: str
    kolom: tuple[str, ...]
    hitung: Callable[[Konteks], pd.DataFrame]
    syarat: tuple[Syarat, ...] = ()
    ukuran: tuple[Ukuran, ...] = ()
    sweep: str | None = None
    bagian: str | None = None
    grafik: tuple[str, ...] = ()
    kolom_ringkasan: bool = False
    """The declared columns are followed by every ``ringkasan`` measure (the summary table)."""

    @property
    def semua_kolom(self) -> tuple[str, ...]:
        """The columns of the table, the summary measures included."""
        if not self.kolom_ringkasan:
            return self.kolom
        return (*self.kolom, *(u.nama for _, u in ukuran_ringkasan()))


def per_aturan(konteks: Konteks, tabel: pd.DataFrame, kolom: str,
               query: str | None = None) -> np.ndarray:
    """Column ``kolom`` of a table with one row per rule (``aturan``), aligned with the
    comparison's rules (NaN for a rule without a row); ``query`` filters rows first."""
    df = tabel if query is None else tabel.query(query)
    return df.set_index("aturan")[kolom].reindex(konteks.aturan).to_numpy(dtype="float64")


@cache
def _modul() -> tuple[Any, ...]:
    """The metric modules, in their declared ``URUTAN`` (ties by module name)."""
    import simkit.analysis.metrics as paket

    mods = [importlib.import_module(f"{paket.__name__}.{m.name}")
            for m in sorted(pkgutil.iter_modules(paket.__path__), key=lambda m: m.name)]
    return tuple(sorted((m for m in mods if hasattr(m, "KELUARAN")),
                        key=lambda m: m.URUTAN))


@cache
def registri() -> dict[str, Tabel]:
    """Every declared table by name, in output order. A name declared twice is refused."""
    out: dict[str, Tabel] = {}
    for m in _modul():
        for tb in m.KELUARAN:
            if tb.nama in out:
                raise ValueError(f"tabel {tb.nama!r} dideklarasikan dua kali ({m.__name__})")
            out[tb.nama] = tb
    return out


def daftar() -> list[Tabel]:
    """The declarations in output order (tables, workbook sheets, report)."""
    return list(registri().values())


def nama_tabel() -> tuple[str, ...]:
    """Every table name in output order."""
    return tuple(registri())


def ambil_tabel(nama: str, bidang: str = "tabel") -> Tabel:
    """The declaration of ``nama``, or a located error with "did you mean"."""
    reg = registri()
    if nama not in reg:
        raise galat("bidang_tidak_dikenal", bidang=bidang, ditemukan=repr(nama),
                    diharapkan=", ".join(reg), saran=mirip(str(nama), list(reg)))
    return reg[nama]


def grup_sweep() -> dict[str, tuple[str, ...]]:
    """Sweep metric group -> its columns, in output order (the tables that declare ``sweep``)."""
    out: dict[str, list[str]] = {}
    for tb in daftar():
        if tb.sweep:
            out.setdefault(tb.sweep, []).extend(u.nama for u in tb.ukuran)
    return {k: tuple(v) for k, v in out.items()}


def tabel_grup(grup: Sequence[str]) -> list[str]:
    """The tables that give the columns of the sweep groups ``grup``."""
    return [tb.nama for tb in daftar() if tb.sweep in set(grup)]


def ukuran_ringkasan() -> list[tuple[str, Ukuran]]:
    """(table name, measure) of every ``ringkasan`` column, in column order."""
    pairs = [(tb.nama, u) for tb in daftar() for u in tb.ukuran if u.ringkasan is not None]
    return sorted(pairs, key=lambda p: p[1].ringkasan)


def bagian_laporan() -> list[str]:
    """Report sections in the order of their first table."""
    return list(dict.fromkeys(tb.bagian for tb in daftar() if tb.bagian))


def tabel_bagian(bagian: str) -> list[Tabel]:
    """The tables of one report section, in output order."""
    return [tb for tb in daftar() if tb.bagian == bagian]


def tabel_catatan(metrik: str, kode: str) -> pd.DataFrame:
    """The one-row note that stands in for a table that cannot be computed."""
    return pd.DataFrame({"metrik": [metrik], "kode": [kode],
                         "catatan": [t(f"analisis.catatan.{kode}", metrik=metrik)]})


def adalah_catatan(df: pd.DataFrame | None) -> bool:
    """Whether ``df`` is such a note."""
    return df is not None and tuple(df.columns) == KOLOM_CATATAN


def semua_kolom() -> Mapping[str, tuple[str, ...]]:
    """Table name -> its columns, for every table (the table contract of a run)."""
    return {tb.nama: tb.semua_kolom for tb in daftar()}
