"""Write a Population to a folder: one file per table plus ``manifest.json``, atomically.

Formats: ``parquet``, ``csv`` and ``xlsx`` (one workbook ``populasi.xlsx``, one sheet per
table), all written by :mod:`simkit.tables` with its rules (booleans ``true``/``false``,
dates ``YYYY-MM-DD``, missing values empty, zstd Parquet, dates as dates in Excel). The same
Population always gives byte-identical Parquet and CSV files; ``manifest.json``'s ``dibuat``
is the only thing that changes between runs (an ``.xlsx`` carries its own save time).

The folder is built beside the target and renamed into place, so an interrupted write leaves
either the old folder or the new one, never half of one. An existing folder is replaced only if
it is empty or holds a population simkit wrote (never a report, never a user's files).

>>> write_population(pop, "keluaran/populasi")           # doctest: +SKIP
PosixPath('keluaran/populasi')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simkit.atomic import atomic_path
from simkit.errors import galat, mirip
from simkit.manifest import build_manifest, periksa_folder_keluaran
from simkit.population.model import Population
from simkit.population.validate import Teks
from simkit.tables import sha256_berkas, tulis_buku_kerja, tulis_csv, tulis_parquet

FORMATS = ("parquet", "csv", "xlsx")
BERKAS_EXCEL = "populasi.xlsx"
_META_DITULIS = ("seed", "scenario_hash", "scenario_nama", "sumber", "dipseudonimkan",
                 "ada_kebenaran", "tabel_tidak_ada")


def _json_aman(v: Any) -> bool:
    return isinstance(v, str | int | float | bool | type(None)) or (
        isinstance(v, list | tuple) and all(_json_aman(x) for x in v))


def write_population(pop: Population, out_dir: str | Path,
                     formats: Iterable[str] = ("parquet", "csv"),
                     manifest_extra: dict[str, Any] | None = None, timpa: bool = False
                     ) -> Path:
    """Write every present table of ``pop`` in ``formats`` plus ``manifest.json``; return the folder.

    An existing ``out_dir`` is replaced only when it is empty or holds a population simkit
    wrote, or with ``timpa`` (:func:`~simkit.manifest.periksa_folder_keluaran`).

    The manifest records seed, scenario hash and name, source, ``jumlah_baris`` per table, the
    formats and every data file with its SHA-256; ``manifest_extra`` adds fields. Tables named
    in ``pop.meta["tabel_tidak_ada"]`` (absent on import) are not written.

    >>> write_population(pop, "out/pop", formats=("csv",))  # doctest: +SKIP
    PosixPath('out/pop')
    """
    formats = tuple(dict.fromkeys(formats))
    for f in formats:
        if f not in FORMATS:
            raise galat("format_tidak_dikenal", bidang="formats", ditemukan=f"'{f}'",
                        diharapkan=Teks("galat._tipe.format", nilai=", ".join(FORMATS)),
                        saran=mirip(f, FORMATS))
    out = Path(out_dir)
    periksa_folder_keluaran(out, "populasi", timpa)
    tidak_ada = set(pop.meta.get("tabel_tidak_ada") or ())
    tables = {n: df for n, df in pop.tables().items() if not (n in tidak_ada and df.empty)}
    berkas: list[dict[str, Any]] = []
    with atomic_path(out) as work:
        work.mkdir()
        for name, df in tables.items():
            for fmt in ("parquet", "csv"):
                if fmt in formats:
                    path = work / f"{name}.{fmt}"
                    (tulis_parquet if fmt == "parquet" else tulis_csv)(df, path)
                    berkas.append({"nama": path.name, "tabel": name, "format": fmt})
        if "xlsx" in formats:
            tulis_buku_kerja(tables, work / BERKAS_EXCEL)
            berkas.append({"nama": BERKAS_EXCEL, "tabel": list(tables), "format": "xlsx"})
        for b in berkas:
            p = work / b["nama"]
            b["ukuran"] = p.stat().st_size
            b["sha256"] = sha256_berkas(p)
        meta = pop.meta
        manifest = build_manifest(
            jenis="populasi", seed=meta.get("seed"), scenario_hash=meta.get("scenario_hash"),
            scenario_nama=meta.get("scenario_nama"), sumber=meta.get("sumber", "sintetis"),
            jumlah_baris={n: int(len(df)) for n, df in tables.items()},
            format=list(formats), berkas=berkas,
            meta={k: meta[k] for k in _META_DITULIS if k in meta and _json_aman(meta[k])},
            **(manifest_extra or {}),
        )
        (work / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8")
    return out
