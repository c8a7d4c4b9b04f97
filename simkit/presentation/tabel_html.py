"""A table as HTML for people: translated headers, labelled vocabulary ids, localised numbers.

The kind of a column (percent, rupiah, count, number, yes/no, text) follows from its id and
dtype, so every table of simkit renders the same way in the report and in the widgets.

>>> tabel_html(pd.DataFrame({"proporsi": [0.25]}), "id")
'<table class="simkit"><thead><tr><th class="num">Proporsi</th></tr></thead><tbody><tr><td class="num">25,0 %</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.i18n import get_lang, t
from simkit.presentation.format import angka, bulat, persen, rupiah
from simkit.presentation.label import KOLOM_ATURAN_NILAI, KOSAKATA_KOLOM, label_kolom, label_nilai

MAKS_BARIS = 40
"""Rows shown of a long table; the full table is in ``tabel/`` and the workbook."""

_PERSEN = ("proporsi", "akurasi", "porsi_", "peluang_berubah", "beda_modus", "pernah_berubah",
           "tepat", "terlalu_tinggi", "terlalu_rendah")
_PERSEN_100 = ("selisih_dasar_persen", "selisih_tpp_persen", "persen", "aktual_persen")
_RUPIAH = ("biaya", "selisih_dasar", "tpp_")


def jenis_kolom(nama: str, s: pd.Series) -> str:
    """The kind of a column: persen (a 0..1 share), persen100 (already ×100), rupiah, bool,
    bulat (a count), angka or teks; the workbook gives each kind its number format.

    >>> jenis_kolom("proporsi", pd.Series([0.5])), jenis_kolom("jumlah", pd.Series([3]))
    ('persen', 'bulat')
    """
    if nama in _PERSEN_100:
        return "persen100"
    if any(nama.startswith(p) for p in _PERSEN):
        return "persen"
    if any(nama.startswith(p) for p in _RUPIAH):
        return "rupiah"
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_integer_dtype(s):
        return "bulat"
    if pd.api.types.is_float_dtype(s):
        v = s.dropna().to_numpy()
        return "bulat" if len(v) and (v == v.round()).all() and nama.startswith(
            ("jumlah", "n_", "orang", "batas_orang", "aktual_orang")) else "angka"
    return "teks"


def _sel(v: Any, jenis: str, lang: str) -> str:
    if jenis == "persen":
        return persen(v, lang)
    if jenis == "persen100":
        return "–" if pd.isna(v) else persen(float(v) / 100, lang)
    if jenis == "rupiah":
        return rupiah(v, lang)
    if jenis == "bool":
        return "–" if pd.isna(v) else t("sajian.umum.ya" if v else "sajian.umum.tidak", lang)
    if jenis == "bulat":
        return bulat(v, lang)
    if jenis == "angka":
        return angka(v, 2, lang)
    return "–" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


def tabel_html(df: pd.DataFrame, lang: str | None = None, kolom: Sequence[str] | None = None,
               labels: dict[str, str] | None = None, maks: int | None = MAKS_BARIS,
               nama: str | None = None,
               kosakata: Mapping[str, Sequence[str]] | None = None) -> str:
    """``df`` as an HTML table: translated headers, labels for vocabulary ids and rule ids,
    localised numbers (right-aligned), at most ``maks`` rows (with a note naming the file).

    ``labels``: rule entry id -> its label; ``kosakata``: rule entry id -> the rules whose
    own vocabulary labels its values (:func:`~simkit.presentation.label.label_nilai`).
    """
    lang = lang or get_lang()
    cols = [c for c in (kolom or df.columns) if c in df.columns]
    total = len(df)
    if maks is not None and total > maks:
        df = df.head(maks)
    head, body = [], []
    kinds = {c: jenis_kolom(c, df[c]) for c in cols}
    for c in cols:
        cls = ' class="num"' if kinds[c] != "teks" and kinds[c] != "bool" else ""
        head.append(f"<th{cls}>{html.escape(label_kolom(c, lang))}</th>")
    cells: dict[str, list[str]] = {}
    for c in cols:
        s = df[c]
        if c in ("aturan", "aturan_dasar") and labels:
            cells[c] = [labels.get(str(v), str(v)) for v in s]
        elif c in KOSAKATA_KOLOM and kinds[c] == "teks":
            asal = df.get(KOLOM_ATURAN_NILAI.get(c, "aturan"))
            rantai = [() if asal is None or not kosakata else tuple(kosakata.get(str(a), ()))
                      for a in (asal if asal is not None else [None] * len(s))]
            cells[c] = [label_nilai(c, v, lang, r) for v, r in zip(s, rantai, strict=True)]
        else:
            cells[c] = [_sel(v, kinds[c], lang) for v in s.tolist()]
    for i in range(len(df)):
        tds = []
        for c in cols:
            cls = ' class="num"' if kinds[c] not in ("teks", "bool") else ""
            tds.append(f"<td{cls}>{html.escape(cells[c][i])}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    out = (f'<table class="simkit"><thead><tr>{"".join(head)}</tr></thead>'
           f'<tbody>{"".join(body)}</tbody></table>')
    if maks is not None and total > maks:
        out += (f'<p class="catatan">{html.escape(t("sajian.baris_lainnya", lang, n=maks, total=total, tabel=nama or "-"))}</p>')
    return out
