"""The one table writer of simkit: CSV, Parquet and Excel, atomically, and the one file SHA-256.

Rules, the same for every table simkit writes (population, run, CLI):

- CSV: UTF-8, ``,``, ``\\n`` line ends, a header, no index; booleans ``true``/``false``, dates
  ``YYYY-MM-DD``, missing values empty, floats in their shortest exact form. The same frame
  always gives the same bytes.
- Parquet: pyarrow, zstd, dictionary encoding and statistics, no index.
- Excel (.xlsx): one sheet per frame, a header row (the column names, or display headers),
  dates as dates, categoricals as text, missing values as empty cells, values as raw numbers;
  a frame longer than Excel's row limit is a located error.

Every writer builds the file beside its target and renames it into place.

>>> import pandas as pd, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "hasil.csv"
>>> _ = tulis_tabel(pd.DataFrame({"a": [1], "b": [True]}), p); p.read_text()
'a,b\\n1,true\\n'
>>> len(sha256_berkas(p))
64
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.atomic import atomic_path
from simkit.errors import galat

AKHIRAN_FORMAT: dict[str, str] = {".csv": "csv", ".parquet": "parquet", ".xlsx": "excel"}
"""File suffix -> format that :func:`tulis_tabel` writes."""

BARIS_EXCEL_MAKS = 1_048_576
"""Rows of one Excel sheet, header included (Excel 2007+ specification)."""

BATAS_NAMA_SHEET = 31
"""Excel's limit on a sheet name."""

LEBAR_MAKS = 60
"""Widest column (characters) when columns are sized to their content."""

_KOMPRESI_PARQUET = "zstd"


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ``true``/``false``; everything else is formatted by ``to_csv``."""
    ganti = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_bool_dtype(s):
            teks = np.where(s.fillna(False).to_numpy(dtype=bool), "true", "false")
            ganti[c] = pd.Series(teks, index=df.index, dtype="str").where(s.notna())
    return df.assign(**ganti) if ganti else df


def tulis_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as CSV (the rules in the module docstring); return ``path``."""
    path = Path(path)
    with atomic_path(path) as tmp:
        _csv_frame(df).to_csv(tmp, index=False, sep=",", lineterminator="\n", encoding="utf-8",
                              na_rep="", date_format="%Y-%m-%d")
    return path


def tulis_parquet(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as Parquet (zstd, dictionary, statistics, no index); return ``path``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    with atomic_path(path) as tmp:
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), tmp,
                       compression=_KOMPRESI_PARQUET, use_dictionary=True, write_statistics=True)
    return path


def nama_sheet(nama: str, dipakai: set[str]) -> str:
    """A valid sheet name for ``nama``, unique among ``dipakai`` (case-insensitive), ≤ 31
    characters, without ``[]:*?/\\``; the name is added to ``dipakai``.

    >>> dipakai = set()
    >>> nama_sheet("menang_kalah_per_kelompok_dan_opd_sangat_panjang", dipakai)
    'menang_kalah_per_kelompok_dan_o'
    >>> nama_sheet("menang_kalah_per_kelompok_dan_opd_lain", dipakai)
    'menang_kalah_per_kelompok_dan_2'
    """
    bersih = "".join("_" if c in '[]:*?/\\' else c for c in nama)[:BATAS_NAMA_SHEET] or "tabel"
    hasil, i = bersih, 2
    while hasil.lower() in {d.lower() for d in dipakai}:
        akhir = f"_{i}"
        hasil = bersih[:BATAS_NAMA_SHEET - len(akhir)] + akhir
        i += 1
    dipakai.add(hasil)
    return hasil


def _judul_unik(judul: Sequence[str]) -> list[str]:
    """Headers made unique: a repeated header gets `` (2)``, `` (3)`` ..."""
    seen: dict[str, int] = {}
    out = []
    for h in judul:
        n = seen.get(h, 0)
        out.append(h if n == 0 else f"{h} ({n + 1})")
        seen[h] = n + 1
    return out


def _lebar(df: pd.DataFrame, judul: Sequence[str]) -> list[int]:
    """Column widths (characters) from the header and the first rows' content."""
    out = []
    for c, h in zip(df.columns, judul, strict=True):
        if pd.api.types.is_float_dtype(df[c]):  # shown with a number format, not repr
            out.append(min(LEBAR_MAKS, max(len(h), 12) + 2))
            continue
        isi = df[c].head(200).astype(str).str.len().max() if len(df) else 0
        isi = 0 if pd.isna(isi) else int(isi)
        out.append(min(LEBAR_MAKS, max(len(h), isi) + 2))
    return out


def _baris_excel(df: pd.DataFrame) -> list[list[Any]]:
    """Rows as plain Python values: missing -> empty cell, categories -> text, dates -> dates."""
    cols = []
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(str).where(s.notna())
        elif pd.api.types.is_datetime64_any_dtype(s):
            s = s.dt.date  # dates, not datetimes with 00:00:00
        v = s.astype(object).to_numpy()
        kosong = pd.isna(v)
        cols.append([None if k else (x.item() if hasattr(x, "item") else x)
                     for x, k in zip(v, kosong, strict=True)])
    return [list(r) for r in zip(*cols, strict=True)] if cols else []


def tulis_buku_kerja(sheets: Mapping[str, pd.DataFrame], path: str | Path,
                     judul_kolom: Mapping[str, Sequence[str]] | None = None,
                     lebar_kolom: bool = False,
                     format_kolom: Mapping[str, Sequence[str | None]] | None = None,
                     saring: bool = False) -> Path:
    """Write one workbook (.xlsx): one sheet per frame of ``sheets``, in order; return ``path``.

    Sheet names are the keys made valid and unique (:func:`nama_sheet`). ``judul_kolom`` gives
    display headers for a sheet (by key; one per column, made unique), else the column names
    are the headers. ``lebar_kolom`` sizes columns to their content. ``format_kolom`` gives a
    sheet's Excel number format per column (None: none); ``saring`` puts an autofilter on
    the header row. The header row stays in view. Streams with openpyxl's write-only mode
    (fast and light on memory).

    >>> import pandas as pd, tempfile, pathlib, openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> _ = tulis_buku_kerja({"a": pd.DataFrame({"n": [1, 2]})}, p, judul_kolom={"a": ["Jumlah"]})
    >>> ws = openpyxl.load_workbook(p)["a"]; [c.value for c in ws["A"]]
    ['Jumlah', 1, 2]
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    path = Path(path)
    for nama, df in sheets.items():
        if len(df) + 1 > BARIS_EXCEL_MAKS:
            raise galat("excel_terlalu_besar", berkas=f"{path.name}[{nama}]",
                        jumlah=len(df), maks=BARIS_EXCEL_MAKS - 1)
    dipakai: set[str] = set()
    wb = Workbook(write_only=True)
    for nama, df in sheets.items():
        judul = (judul_kolom or {}).get(nama)
        judul = _judul_unik([str(c) for c in (df.columns if judul is None else judul)])
        ws = wb.create_sheet(nama_sheet(str(nama), dipakai))
        if lebar_kolom:
            for j, w in enumerate(_lebar(df, judul), start=1):
                ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"
        if saring and len(judul):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(judul))}{len(df) + 1}"
        ws.append(judul)
        fmt = list((format_kolom or {}).get(nama) or [])
        berformat = [j for j, f in enumerate(fmt) if f]
        for row in _baris_excel(df):
            for j in berformat:
                if isinstance(row[j], int | float) and not isinstance(row[j], bool):
                    sel = WriteOnlyCell(ws, value=row[j])
                    sel.number_format = fmt[j]
                    row[j] = sel
            ws.append(row)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def tulis_tabel(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` to ``path``; the format follows the suffix (.csv, .parquet, .xlsx: one sheet
    ``hasil``). An unknown suffix is a located error."""
    path = Path(path)
    jenis = AKHIRAN_FORMAT.get(path.suffix.lower())
    if jenis is None:
        raise galat("nilai_tidak_valid", berkas=str(path), diharapkan=", ".join(AKHIRAN_FORMAT),
                    ditemukan=path.suffix or "''")
    if jenis == "csv":
        return tulis_csv(df, path)
    if jenis == "parquet":
        return tulis_parquet(df, path)
    return tulis_buku_kerja({"hasil": df}, path)


def sha256_berkas(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes, as manifests record it."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for blok in iter(lambda: fh.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()
