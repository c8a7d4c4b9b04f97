"""One Excel workbook of a run: a first sheet ``tentang`` (about the run), then one sheet per table.

Sheet names are the table ids (cut to Excel's 31 characters, made unique); headers are the
translated column names; values stay raw numbers so people can compute with them. The
workbook itself is written by the one table writer, :func:`simkit.tables.tulis_buku_kerja`.

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
from simkit.tables import nama_sheet, tulis_buku_kerja


def tulis_excel(tables: Mapping[str, pd.DataFrame], path: str | Path,
                tentang: Mapping[str, Any] | None = None, lang: str | None = None) -> Path:
    """Write ``tables`` to ``path`` (.xlsx): sheet ``tentang`` (``tentang`` as field/value rows
    followed by the list of sheets) and one sheet per table, in order, with translated
    headers and columns sized to their content (:func:`simkit.tables.tulis_buku_kerja`).
    """
    lang = lang or get_lang()
    dipakai: set[str] = set()
    nama_sheet("tentang", dipakai)
    daftar = [(name, nama_sheet(name, dipakai)) for name in tables]
    rows = [(str(k), "" if v is None else str(v)) for k, v in (tentang or {}).items()]
    rows += [(f"{t('laporan.kolom.tabel', lang)}: {sheet}", judul_tabel(name, lang))
             for name, sheet in daftar]
    about = pd.DataFrame(rows, columns=[label_kolom("bidang", lang), label_kolom("isi", lang)])
    sheets = {"tentang": about, **tables}
    judul = {name: [label_kolom(str(c), lang) for c in df.columns] for name, df in tables.items()}
    return tulis_buku_kerja(sheets, path, judul_kolom=judul, lebar_kolom=True)
