"""One Excel workbook of a run: a first sheet ``tentang`` (about the run), then one sheet per table.

Sheet names are the table ids (cut to Excel's 31 characters, made unique); headers are the
translated column names; values stay raw numbers so people can compute with them.

>>> import pandas as pd, tempfile, pathlib, openpyxl
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
>>> _ = tulis_excel({"distribusi": pd.DataFrame({"aturan": ["a"], "jumlah": [3]})}, p,
...                 tentang={"skenario": "contoh"}, lang="id")
>>> openpyxl.load_workbook(p).sheetnames
['tentang', 'distribusi']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.i18n import get_lang, t
from simkit.presentation.label import judul_tabel, label_kolom

BATAS_NAMA = 31
"""Excel's limit on a sheet name."""

LEBAR_MAKS = 60
"""Widest column (characters) when sizing columns to their content."""


def nama_sheet(nama: str, dipakai: set[str]) -> str:
    """A valid, unique sheet name for table ``nama`` (≤ 31 characters, no ``[]:*?/\\``).

    >>> nama_sheet("menang_kalah_per_kelompok_dan_opd_sangat_panjang", set())
    'menang_kalah_per_kelompok_dan_o'
    """
    bersih = "".join("_" if c in '[]:*?/\\' else c for c in nama)[:BATAS_NAMA] or "tabel"
    hasil, i = bersih, 2
    while hasil.lower() in {d.lower() for d in dipakai}:
        akhir = f"_{i}"
        hasil = bersih[:BATAS_NAMA - len(akhir)] + akhir
        i += 1
    dipakai.add(hasil)
    return hasil


def _lebar(df: pd.DataFrame, headers: list[str]) -> list[int]:
    """Column widths (characters) from the header and the first rows' content."""
    out = []
    for c, h in zip(df.columns, headers, strict=True):
        isi = df[c].head(200).astype(str).str.len().max() if len(df) else 0
        isi = 0 if pd.isna(isi) else int(isi)
        out.append(min(LEBAR_MAKS, max(len(h), isi) + 2))
    return out


def _baris(df: pd.DataFrame) -> list[list[Any]]:
    """Rows as plain Python values (NaN/NA → empty cell, categories → text)."""
    cols = []
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(str)
        v = s.astype(object).to_numpy()
        kosong = pd.isna(v)
        cols.append([None if k else (x.item() if hasattr(x, "item") else x)
                     for x, k in zip(v, kosong, strict=True)])
    return [list(r) for r in zip(*cols, strict=True)] if cols else []


def _sheet(wb: Any, nama: str, df: pd.DataFrame, headers: list[str]) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(nama)
    for j, w in enumerate(_lebar(df, headers), start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"
    ws.append(headers)
    for row in _baris(df):
        ws.append(row)


def tulis_excel(tables: Mapping[str, pd.DataFrame], path: str | Path,
                tentang: Mapping[str, Any] | None = None, lang: str | None = None) -> Path:
    """Write ``tables`` to ``path`` (.xlsx): sheet ``tentang`` (``tentang`` as field/value rows
    followed by the list of sheets) and one sheet per table, in order.

    Uses openpyxl's write-only mode (streaming: fast and light on memory).
    """
    from openpyxl import Workbook

    lang = lang or get_lang()
    path = Path(path)
    dipakai: set[str] = set()
    sheet_tentang = nama_sheet("tentang", dipakai)
    daftar = [(name, nama_sheet(name, dipakai)) for name in tables]
    rows = [(str(k), "" if v is None else str(v)) for k, v in (tentang or {}).items()]
    rows += [(f"{t('laporan.kolom.tabel', lang)}: {sheet}", judul_tabel(name, lang))
             for name, sheet in daftar]
    about = pd.DataFrame(rows, columns=[label_kolom("bidang", lang), label_kolom("isi", lang)])
    wb = Workbook(write_only=True)
    _sheet(wb, sheet_tentang, about, list(about.columns))
    for name, sheet in daftar:
        df = tables[name]
        _sheet(wb, sheet, df, _unik([label_kolom(str(c), lang) for c in df.columns]))
    wb.save(path)
    return path


def _unik(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        n = seen.get(h, 0)
        out.append(h if n == 0 else f"{h} ({n + 1})")
        seen[h] = n + 1
    return out
