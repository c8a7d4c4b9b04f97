"""One Excel workbook of a run for BKPP staff: a first sheet ``tentang`` (about the run and
every sheet), then one sheet per table.

Sheet names are the table ids (cut to Excel's 31 characters, made unique); headers are the
translated column names; values are labelled (predikat, rules, parameters ... in the words of
the rule that produced them) and numbers stay numbers with a format (%, Rp, thousands), so
people can compute with them. Codes a formula needs are kept in a separate "(kode)" column
(:func:`simkit.report.berlabel.lembar`). Every sheet has an autofilter and sized columns. The
workbook itself is written by the one table writer, :func:`simkit.tables.tulis_buku_kerja`.

>>> import pandas as pd, tempfile, pathlib, openpyxl
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
>>> _ = tulis_excel({"distribusi": pd.DataFrame({"aturan": ["a"], "jumlah": [3]})}, p,
...                 tentang={"skenario": "contoh"}, lang="id")
>>> wb = openpyxl.load_workbook(p); wb.sheetnames
['tentang', 'distribusi']
>>> [c.value for c in wb["distribusi"][1]], wb["distribusi"].auto_filter.ref
(['Aturan', 'Jumlah', 'Aturan (kode)'], 'A1:C2')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.i18n import get_lang, has, t
from simkit.presentation.label import judul_tabel, label_kolom
from simkit.report.berlabel import label_aturan_id, lembar, rantai_kosakata
from simkit.tables import nama_sheet, tulis_buku_kerja


def _bidang(kunci: str, lang: str) -> str:
    k = f"sajian.bidang.{kunci}"
    return t(k, lang) if has(k, lang) or has(k, "id") else kunci


def tulis_excel(tables: Mapping[str, pd.DataFrame], path: str | Path,
                tentang: Mapping[str, Any] | None = None, lang: str | None = None) -> Path:
    """Write ``tables`` to ``path`` (.xlsx): sheet ``tentang`` (``tentang`` as labelled
    field/value rows, then one row per sheet with its title and what it holds) and one
    labelled sheet per table, in order (:func:`simkit.tables.tulis_buku_kerja`).
    """
    lang = lang or get_lang()
    a = tables.get("aturan")
    labels: dict[str, str] = {} if a is None or "label" not in a.columns else dict(
        zip(a["aturan"].astype(str), a["label"].astype(str), strict=True))
    kosakata = rantai_kosakata(a)
    dipakai: set[str] = set()
    nama_sheet("tentang", dipakai)
    daftar = [(name, nama_sheet(name, dipakai)) for name in tables]
    rows = [(_bidang(str(k), lang),
             label_aturan_id(str(v), lang, labels) if k == "aturan_dasar" else
             "" if v is None else v, "")
            for k, v in (tentang or {}).items()]
    rows.append((t("sajian.excel.lembar", lang, lembar="tentang"),
                 t("sajian.excel.tentang_judul", lang), t("sajian.excel.tentang_isi", lang)))
    rows += [(t("sajian.excel.lembar", lang, lembar=sheet), judul_tabel(name, lang),
              t(f"sajian.excel.tentang.{name}", lang)) for name, sheet in daftar]
    about = pd.DataFrame(rows, columns=["bidang", "isi", "keterangan"])
    sheets: dict[str, pd.DataFrame] = {"tentang": about}
    judul = {"tentang": [label_kolom("bidang", lang), label_kolom("isi", lang),
                         t("sajian.excel.keterangan", lang)]}
    fmt: dict[str, list[str | None]] = {}
    for name, df in tables.items():
        sheets[name], judul[name], fmt[name] = lembar(name, df, lang, labels, kosakata,
                                                       tables.get("parameter"))
    return tulis_buku_kerja(sheets, path, judul_kolom=judul, lebar_kolom=True,
                            format_kolom=fmt, saring=True)
