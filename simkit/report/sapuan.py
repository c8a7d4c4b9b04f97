"""The report of a sweep, like ``simkit run``'s: tables, an Excel workbook, charts of each metric
against each swept parameter with a confidence band over seeds, and an offline HTML page.

Everything here reads the sweep table (one row per grid point, seed and rule; grid columns
before ``seed``, metric columns after ``rule_id``, see :func:`simkit.orchestration.sweep.sweep`)
and computes only means and t intervals over seeds (:func:`simkit.analysis.statistik.rata_ci`).
Numbers are written one way, in the CLI summary and in the report alike (:func:`teks_kolom`:
shares as percentages, rupiah shortened, other numbers with three decimals, in the user's
language). The HTML page carries the run report's CSS (``templates/offline``) and its charts
as ``data:`` URIs: it opens with no network.

>>> df = pd.DataFrame({"p": [0, 0, 1, 1], "seed": [1, 2, 1, 2], "aturan": ["a"] * 4,
...                    "rule_id": ["r"] * 4, "akurasi": [0.5, 0.7, 0.6, 0.6]})
>>> pita(df)[["p", "metrik", "n_seed", "rata"]].values.tolist()
[[0, 'akurasi', 2, 0.6], [1, 'akurasi', 2, 0.6]]
>>> teks_kolom("akurasi", pd.Series([0.6]), "id"), teks_kolom("akurasi", pd.Series([0.6]), "en")
(['60,0 %'], ['60.0%'])
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.statistik import rata_ci
from simkit.i18n import get_lang, has, t
from simkit.presentation.format import angka, bulat, nilai_teks, persen, rupiah
from simkit.presentation.label import label_kolom
from simkit.presentation.tabel_html import jenis_kolom

KOLOM_RINGKAS: tuple[str, ...] = ("akurasi", "kappa_kuadratik", "spearman_peringkat",
                                  "selisih_perempuan", "proporsi_naik", "proporsi_turun",
                                  "biaya_tpp_tahunan")
"""Columns of the compact summary (CLI and the report's summary table) when present."""

TINGKAT_KEPERCAYAAN = 0.95
"""Confidence level of the band over seeds."""

DESIMAL = 3
"""Decimals of a plain number (kappa, correlations, gaps in classes)."""

KOLOM_BUKAN_METRIK = ("seed", "aturan", "rule_id")

TABEL = ("sapuan_ringkasan", "sapuan_pita", "sapuan")
"""The report's tables (``tabel/<name>.csv|.parquet``, one workbook sheet each), in order."""


# --------------------------------------------------------------------------- tables


def kolom_grid(df: pd.DataFrame) -> list[str]:
    """The grid columns of a sweep table: those before ``seed``."""
    return [str(c) for c in df.columns[: df.columns.get_loc("seed")]]


def kolom_metrik(df: pd.DataFrame) -> list[str]:
    """The metric columns of a sweep table: numeric columns after the grid, seed and rule."""
    grid = set(kolom_grid(df))
    return [str(c) for c in df.columns if c not in grid and c not in KOLOM_BUKAN_METRIK
            and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]


def ringkasan(df: pd.DataFrame, kolom: Sequence[str] | None = KOLOM_RINGKAS) -> pd.DataFrame:
    """Mean over seeds per (grid point, rule) of the columns ``kolom`` present (every metric
    column with ``None``); ``n_seed`` counts the seeds averaged.

    >>> d = pd.DataFrame({"seed": [1, 2], "aturan": ["a", "a"], "akurasi": [0.5, 0.7]})
    >>> ringkasan(d).values.tolist()
    [['a', 2, 0.6]]
    """
    grid = kolom_grid(df)
    cols = kolom_metrik(df) if kolom is None else [c for c in kolom if c in df.columns]
    g = df.groupby([*grid, "aturan"], sort=False, dropna=False)
    out = g[cols].mean()
    out.insert(0, "n_seed", g.size())
    return out.reset_index()


def tanpa_ulang(r: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A summary (:func:`ringkasan`) for reading: a rule whose numbers are the same at every grid
    point (its parameters are not swept and its population does not change) is shown once,
    first, with ``semua``/``all`` in the grid columns; the other rows follow in grid order.

    >>> r = pd.DataFrame({"p": [0, 0, 1, 1], "aturan": ["a", "b", "a", "b"], "n_seed": [2] * 4,
    ...                   "akurasi": [0.5, 0.6, 0.5, 0.7]})
    >>> tanpa_ulang(r, "id").values.tolist()
    [['semua', 'a', 2, 0.5], [0, 'b', 2, 0.6], [1, 'b', 2, 0.7]]
    """
    grid = list(r.columns[: r.columns.get_loc("aturan")])
    if not grid or r[grid].drop_duplicates().shape[0] < 2:
        return r
    nilai = [c for c in r.columns if c not in grid and c != "aturan"]
    sama = [a for a, g in r.groupby("aturan", sort=False)
            if (g[nilai].nunique(dropna=False) <= 1).all()]
    if not sama:
        return r
    tetap = r[r["aturan"].isin(sama)].drop_duplicates("aturan").astype({c: object for c in grid})
    tetap.loc[:, grid] = t("sapuan.semua", lang)
    return pd.concat([tetap, r[~r["aturan"].isin(sama)]], ignore_index=True)


def pita(df: pd.DataFrame, tingkat: float = TINGKAT_KEPERCAYAAN) -> pd.DataFrame:
    """Mean and t confidence band over seeds, one row per (grid point, rule, metric): the grid
    columns, ``aturan``, ``metrik``, ``n_seed`` (seeds with a value), ``rata``, ``bawah``,
    ``atas`` (NaN bounds with fewer than two seeds). What the charts draw.
    """
    grid = kolom_grid(df)
    metrik = kolom_metrik(df)
    rows: list[dict[str, Any]] = []
    for key, g in df.groupby([*grid, "aturan"], sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        base = dict(zip([*grid, "aturan"], key, strict=True))
        for m in metrik:
            x = g[m].to_numpy(dtype="float64")
            rata, bawah, atas = rata_ci(x, tingkat)
            rows.append({**base, "metrik": m, "n_seed": int(np.isfinite(x).sum()),
                         "rata": rata, "bawah": bawah, "atas": atas})
    cols = [*grid, "aturan", "metrik", "n_seed", "rata", "bawah", "atas"]
    return pd.DataFrame(rows, columns=cols)


def tabel_laporan(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The report's tables (:data:`TABEL`): the summary over every metric, the band, the
    full table."""
    return {"sapuan_ringkasan": ringkasan(df, None), "sapuan_pita": pita(df), "sapuan": df}


# --------------------------------------------------------------------------- numbers


def teks_kolom(nama: str, s: pd.Series, lang: str | None = None) -> list[str]:
    """The values of column ``nama`` as text, one format for the CLI and the report: shares as
    percentages, money in rupiah, counts whole, other numbers with :data:`DESIMAL` decimals,
    grid values as parameter values (:func:`~simkit.presentation.format.nilai_teks`).

    >>> teks_kolom("biaya_tpp_tahunan", pd.Series([1.5e9]), "id")
    ['Rp 1,5 M']
    >>> teks_kolom("kappa_kuadratik", pd.Series([0.81234, None]), "en")
    ['0.812', '–']
    """
    lang = lang or get_lang()
    jenis = jenis_kolom(nama, s)
    if nama == "n_seed":
        jenis = "bulat"
    f = {"persen": lambda v: persen(v, lang),
         "persen100": lambda v: "–" if pd.isna(v) else persen(float(v) / 100, lang),
         "rupiah": lambda v: rupiah(v, lang), "bulat": lambda v: bulat(v, lang),
         "angka": lambda v: angka(v, DESIMAL, lang)}.get(jenis)
    if f is None:
        return [nilai_teks(v, lang) for v in s.tolist()]
    return [f(v) for v in s.tolist()]


def judul_kolom(nama: str, lang: str | None = None) -> str:
    """Display header of a summary column (``sweep.kolom.*`` first, then the shared labels)."""
    key = f"sweep.kolom.{nama}"
    return t(key, lang) if has(key, "id") else label_kolom(nama, lang)


def teks_tabel(r: pd.DataFrame, lang: str | None = None) -> str:
    """A summary (:func:`ringkasan`) as a text table: headers and numbers in ``lang``; grid
    columns keep their path, rule entries their id."""
    lang = lang or get_lang()
    n_grid = r.columns.get_loc("aturan")
    sel = pd.DataFrame({c: teks_kolom(c, r[c], lang) if i >= n_grid else
                        [nilai_teks(v, lang) for v in r[c].tolist()]
                        for i, c in enumerate(r.columns)}, index=r.index)
    headers = [*r.columns[:n_grid], *(judul_kolom(c, lang) for c in r.columns[n_grid:])]
    return sel.to_string(index=False, header=headers)


def html_tabel(r: pd.DataFrame, lang: str | None = None,
               labels: Mapping[str, str] | None = None) -> str:
    """A summary as an HTML table in the run report's style (class ``simkit``); ``labels``
    names the rule entries."""
    lang = lang or get_lang()
    if labels:
        r = r.assign(aturan=[labels.get(str(v), str(v)) for v in r["aturan"]])
    n_grid = r.columns.get_loc("aturan")
    head, cols = [], []
    for i, c in enumerate(r.columns):
        num = i != n_grid and (i > n_grid or pd.api.types.is_numeric_dtype(r[c]))
        cls = ' class="num"' if num else ""
        head.append(f"<th{cls}>{html.escape(c if i < n_grid else judul_kolom(c, lang))}</th>")
        vals = teks_kolom(c, r[c], lang) if i >= n_grid else [nilai_teks(v, lang)
                                                               for v in r[c].tolist()]
        cols.append([f"<td{cls}>{html.escape(v)}</td>" for v in vals])
    body = "".join(f"<tr>{''.join(row)}</tr>" for row in zip(*cols, strict=True))
    return (f'<table class="simkit"><thead><tr>{"".join(head)}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


# --------------------------------------------------------------------------- report


def label_aturan(m: Mapping[str, Any], lang: str | None = None) -> dict[str, str]:
    """Rule entry id -> its label in ``lang``: the scenario entry's own label, else the label
    of the rule the id names, else the id (from the manifest's ``aturan`` list).

    >>> label_aturan({"aturan": [{"id": "x", "aturan": "pp30_2019", "label": {"id": "Usul X"}},
    ...                          {"id": "pp30_2019", "aturan": "pp30_2019"}]}, "id")
    {'x': 'Usul X', 'pp30_2019': 'PP 30/2019 (nilai kinerja numerik)'}
    """
    from simkit.report.berlabel import label_aturan_id

    lang = lang or get_lang()
    out = {}
    for a in m.get("aturan", []):
        own = a.get("label") or {}
        out[str(a["id"])] = own.get(lang) or own.get("id") or label_aturan_id(str(a["id"]), lang,
                                                                              {})
    return out


def css() -> str:
    """The run report's styles (the ``<style>`` block of ``templates/offline``)."""
    from simkit.report import TEMPLATES

    teks = (TEMPLATES / "offline" / "index.html.j2").read_text(encoding="utf-8")
    return "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", teks, re.S))


def _fakta(m: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    sk = m.get("skenario", {})
    grid: dict[str, list] = {}
    for p in m.get("grid", []):
        for k, v in p.items():
            if v not in grid.setdefault(k, []):
                grid[k].append(v)
    out = [(t("sajian.bidang.skenario", lang), str(sk.get("nama", ""))),
           (t("sajian.bidang.berkas", lang), str(sk.get("berkas") or "–")),
           (t("sajian.bidang.hash", lang), str(sk.get("hash", ""))[:16])]
    out += [(t("sapuan.fakta.parameter", lang, parameter=k),
             ", ".join(nilai_teks(v, lang) for v in vs)) for k, vs in grid.items()]
    seeds = list(m.get("seeds", []))
    labels = label_aturan(m, lang)
    out += [(t("sapuan.fakta.seed", lang), ", ".join(str(s) for s in seeds)),
            (t("sapuan.fakta.aturan", lang),
             "; ".join(f"{labels[a['id']]} ({a['id']})" for a in m.get("aturan", []))),
            (t("sapuan.fakta.simulasi", lang),
             bulat(max(1, len(m.get("grid", []))) * len(seeds), lang)),
            (t("sapuan.fakta.eksekutor", lang), str(m.get("eksekutor", ""))),
            (t("sapuan.fakta.durasi", lang),
             t("sapuan.fakta.detik", lang, detik=angka(m.get("durasi_detik", 0), 1, lang)))]
    return out


def tulis_html(tables: Mapping[str, pd.DataFrame], folder: Path, grafik: Mapping[str, list[
        tuple[str, Path]]], m: Mapping[str, Any], lang: str) -> Path:
    """Write ``folder/laporan.html``: facts, the summary, the charts per swept parameter
    (inline PNG), the files. No external URL."""
    e = html.escape
    nama = m.get("skenario", {}).get("nama", "")
    judul = t("sapuan.judul", lang, nama=nama)
    bagian = [f"<h1>{e(judul)}</h1>", f'<p class="subjudul">{e(t("sapuan.subjudul", lang))}</p>',
              '<dl class="fakta">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>"
                                             for k, v in _fakta(m, lang)) + "</dl>",
              f"<h2>{e(t('sapuan.bagian.ringkasan', lang))}</h2>",
              f"<p>{e(t('sapuan.ringkasan_isi', lang))}</p>",
              html_tabel(tanpa_ulang(ringkasan(tables["sapuan"]), lang), lang,
                         label_aturan(m, lang))]
    persen_ci = persen(TINGKAT_KEPERCAYAAN, lang, 0)
    for param, daftar in grafik.items():
        bagian.append(f"<h2>{e(t('sapuan.bagian.parameter', lang, parameter=param))}</h2>")
        bagian.append(f"<p>{e(t('sapuan.grafik_isi', lang, tingkat=persen_ci))}</p>")
        for metrik, path in daftar:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            alt = t("sapuan.alt", lang, metrik=label_kolom(metrik, lang), parameter=param)
            bagian.append(f'<figure class="grafik"><img src="data:image/png;base64,{data}" '
                          f'alt="{e(alt)}" style="width:{7 * 96}px"/>'
                          f"<figcaption>{e(alt)}</figcaption></figure>")
    bagian.append(f"<h2>{e(t('sapuan.bagian.berkas', lang))}</h2>")
    bagian.append("<ul>" + "".join(f"<li><code>tabel/{n}.csv</code>, <code>.parquet</code>: "
                                   f"{e(t(f'sajian.excel.tentang.{n}', lang))}</li>"
                                   for n in TABEL) +
                  "<li><code>laporan.xlsx</code>, <code>grafik/*.png</code>, "
                  "<code>manifest.json</code></li></ul>")
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{e(judul)}</title>\n<style type=\"text/css\">{css()}</style>\n</head>\n"
            f'<body class="jp-Notebook">\n<main class="jp-RenderedHTMLCommon">\n'
            + "\n".join(bagian) + "\n</main>\n</body>\n</html>\n")
    out = folder / "laporan.html"
    out.write_text(page, encoding="utf-8")
    return out


def tulis_laporan(tables: Mapping[str, pd.DataFrame], folder: str | Path,
                  m: Mapping[str, Any], lang: str | None = None) -> list[Path]:
    """Write the workbook, the charts and the HTML page of a sweep into ``folder`` (the tables
    themselves are written by the caller); returns the paths written."""
    from simkit.report.excel import tulis_excel
    from simkit.report.grafik_sapuan import simpan_semua

    lang = lang or get_lang()
    folder = Path(folder)
    sk = m.get("skenario", {})
    tentang = {"skenario": sk.get("nama", ""), "berkas": sk.get("berkas") or "",
               "hash": sk.get("hash", ""), "seed": ", ".join(str(s) for s in m.get("seeds", [])),
               "bahasa": lang}
    xlsx = tulis_excel({n: tables[n] for n in TABEL}, folder / "laporan.xlsx", tentang, lang)
    grafik = simpan_semua(tables["sapuan_pita"], kolom_grid(tables["sapuan"]),
                          folder / "grafik", lang, label_aturan(m, lang))
    page = tulis_html(tables, folder, grafik, m, lang)
    return [xlsx, *(p for d in grafik.values() for _, p in d), page]
