"""Charts of a sweep: each metric against each swept parameter, one line per rule (mean over
seeds) with its t confidence band over seeds, drawn headless (matplotlib's Agg canvas, no
pyplot) at the A4 text width (:data:`simkit.report.charts.LEBAR_HALAMAN`), in the user's
language. Lines are told apart by grey level, dash and marker, so they read in greyscale print.

With more than one swept parameter, a chart against one of them draws one line per rule and
value of the others (named in the legend).

>>> import pandas as pd
>>> p = pd.DataFrame({"x": [0.0, 0.5], "aturan": ["a", "a"], "metrik": ["akurasi"] * 2,
...                   "n_seed": [2, 2], "rata": [0.6, 0.7], "bawah": [0.5, 0.6],
...                   "atas": [0.7, 0.8]})
>>> fig = grafik_metrik(p, "x", "akurasi", ["x"], "id")
>>> fig.axes[0].get_title(), len(fig.axes[0].lines)
('Tepat kelas menurut x', 1)
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.i18n import get_lang, t
from simkit.presentation.format import angka, nilai_teks, persen, rupiah
from simkit.presentation.label import label_kolom
from simkit.presentation.tabel_html import jenis_kolom
from simkit.report.charts import HURUF_MIN, LEBAR_HALAMAN, PENANDA, simpan

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TINGGI = 3.2
"""Height (inches) of a sweep chart."""

LEBAR_LEGENDA = 30
"""Characters per line of a legend entry (long rule labels wrap)."""

GARIS: tuple[tuple[str, str], ...] = (
    ("#000000", "-"), ("#595959", "--"), ("#8c8c8c", "-."), ("#262626", ":"),
    ("#737373", (0, (5, 1, 1, 1))), ("#404040", (0, (1, 1))))
"""(colour, dash) per line: distinct grey levels and dash patterns."""


def _numerik(nilai: Sequence[Any]) -> bool:
    return all(isinstance(v, Real) and not isinstance(v, bool) for v in nilai)


def nama_berkas(parameter: str, metrik: str) -> str:
    """The PNG name of the chart of ``metrik`` against ``parameter``.

    >>> nama_berkas("aturan.ikm.bobot_ikm", "akurasi")
    'aturan.ikm.bobot_ikm--akurasi.png'
    """
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{parameter}--{metrik}") + ".png"


def _format_sumbu(metrik: str, lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    jenis = jenis_kolom(metrik, pd.Series([0.5]))
    if jenis == "persen":
        return FuncFormatter(lambda v, _p: persen(v, lang, 0))
    if jenis == "rupiah":
        return FuncFormatter(lambda v, _p: rupiah(v, lang))
    return FuncFormatter(lambda v, _p: angka(v, 2, lang))


def grafik_metrik(pita: pd.DataFrame, parameter: str, metrik: str, grid: Sequence[str],
                  lang: str | None = None, labels: Mapping[str, str] | None = None) -> Figure:
    """``metrik`` (mean over seeds, band: ``bawah``..``atas``) against ``parameter``, one line
    per rule (and value of the other grid columns ``grid``), from :func:`simkit.report.sapuan.pita`;
    ``labels`` names the rule entries in the legend.
    """
    from matplotlib.figure import Figure

    lang = lang or get_lang()
    d = pita[pita["metrik"] == metrik]
    lain = [g for g in grid if g != parameter]
    nilai = list(dict.fromkeys(d[parameter].tolist()))
    numerik = _numerik(nilai)
    posisi = {v: (float(v) if numerik else float(i)) for i, v in enumerate(nilai)}
    fig = Figure(figsize=(LEBAR_HALAMAN, TINGGI), layout="constrained")
    ax = fig.add_subplot()
    for i, (key, g) in enumerate(d.groupby([*lain, "aturan"], sort=False, dropna=False)):
        key = key if isinstance(key, tuple) else (key,)
        nama = (labels or {}).get(str(key[-1]), str(key[-1])) + "".join(f", {k}={nilai_teks(v, lang)}"
                                      for k, v in zip(lain, key[:-1], strict=True))
        nama = "\n".join(textwrap.wrap(nama, LEBAR_LEGENDA, break_long_words=False)) or nama
        warna, garis = GARIS[i % len(GARIS)]
        x = np.array([posisi[v] for v in g[parameter]])
        ax.plot(x, g["rata"].to_numpy(float), color=warna, linestyle=garis,
                marker=PENANDA[i % len(PENANDA)], markersize=4, linewidth=1.3, label=nama)
        lo, hi = g["bawah"].to_numpy(float), g["atas"].to_numpy(float)
        if np.isfinite(lo).any():
            ax.fill_between(x, lo, hi, color=warna, alpha=0.15, linewidth=0)
    ax.set_xticks([posisi[v] for v in nilai], [nilai_teks(v, lang) for v in nilai])
    ax.yaxis.set_major_formatter(_format_sumbu(metrik, lang))
    judul = label_kolom(metrik, lang)
    ax.set_title(t("sapuan.grafik.judul", lang, metrik=judul, parameter=parameter),
                 fontsize=10)
    ax.set_xlabel(parameter, fontsize=8.5)
    ax.set_ylabel(judul, fontsize=8.5)
    ax.tick_params(labelsize=max(HURUF_MIN, 8))
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.legend(fontsize=max(HURUF_MIN, 7.5), loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False,
              title=t("sapuan.grafik.legenda", lang), title_fontsize=max(HURUF_MIN, 7.5))
    return fig


def simpan_semua(pita: pd.DataFrame, grid: Sequence[str], folder: str | Path,
                 lang: str | None = None, labels: Mapping[str, str] | None = None,
                 ) -> Mapping[str, list[tuple[str, Path]]]:
    """Write one PNG per (swept parameter, metric with a value) into ``folder``; returns
    parameter -> [(metric, path)] in grid and table order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[tuple[str, Path]]] = {}
    for parameter in grid:
        out[parameter] = []
        for metrik, d in pita.groupby("metrik", sort=False):
            if not d["rata"].notna().any():
                continue
            fig = grafik_metrik(pita, parameter, str(metrik), grid, lang, labels)
            out[parameter].append((str(metrik), simpan(fig, folder / nama_berkas(
                parameter, str(metrik)))))
    return out
