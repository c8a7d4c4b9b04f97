"""Charts of a multi-year run: each measure's path over the years, one line per rule (mean over
seeds) with its band over seeds (the 10 % and 90 % quantiles), from the ``pita`` table of
:meth:`simkit.orchestration.periode.HasilPeriode.pita` (columns ``aturan, tahun, dimensi,
kelompok, ukuran, rata_rata, q10, q90, jumlah_seed``).

A chart (:data:`GRAFIK_PERIODE`) is a row of small panels, one per measure, on one shared
year axis; panels that compare the same quantity (true against rated) share their scale.
Rules are told apart by grey level, dash *and* marker (:data:`simkit.report.grafik_sapuan.GARIS`,
:data:`simkit.report.charts.PENANDA`), so the charts read in greyscale print; titles, axes and
measure names come from the i18n catalogue (``periode.*``), never a raw code. Each line and
band carries ``gid = "<aturan>|<ukuran>"``, so :func:`data_grafik` reads a figure's data back.

>>> import pandas as pd
>>> p = pd.DataFrame({"aturan": "a", "tahun": [1, 2], "dimensi": "semua", "kelompok": "semua",
...                   "ukuran": "akurasi", "rata_rata": [0.5, 0.6], "q10": [0.4, 0.5],
...                   "q90": [0.6, 0.7], "jumlah_seed": 2})
>>> fig = grafik_periode(p, "periode_akurasi", "en")
>>> data_grafik(fig)[["aturan", "tahun", "garis", "bawah"]].to_dict("records")[1]
{'aturan': 'a', 'tahun': 2, 'garis': 0.6, 'bawah': 0.5}
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.i18n import get_lang, t
from simkit.presentation.format import angka, persen, rupiah
from simkit.report.charts import HURUF_MIN, LEBAR_HALAMAN, PENANDA, simpan
from simkit.report.grafik_sapuan import GARIS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SEMUA = "semua"
"""The ``dimensi``/``kelompok`` of the rows over everyone."""

BAWAH, ATAS = "q10", "q90"
"""The band's columns of the ``pita`` table."""

FORMAT: dict[str, str] = {
    "peringkat_rata": "angka2", "peringkat_benar_rata": "angka2", "selisih_peringkat": "angka2",
    "hasil_benar_rata": "angka3", "tugas_tak_terukur_rata": "angka3",
    "layanan_benar_puskesmas": "angka3", "akurasi": "persen", "kappa_kuadratik": "angka2",
    "biaya_tpp_tahunan": "rupiah", "waktu_tunggu_benar": "menit",
    "waktu_tunggu_lapor": "menit", "selisih_waktu_tunggu": "menit", "ikm_rata": "angka2",
    "usaha_rata": "angka3", "gaming_waktu_rata": "angka3", "porsi_gaming_waktu": "persen",
    "leniensi_rata": "angka2", "bias_survei_rata": "angka3",
    **{f"proporsi_peringkat_{k}": "persen" for k in range(1, 6)},
}
"""How each measure's numbers are written (axes and report tables)."""


@dataclass(frozen=True)
class GrafikPeriode:
    """One chart: its panels (measures, in order) and which panels share one scale."""

    ukuran: tuple[str, ...]
    skala_sama: tuple[int, ...] = ()


GRAFIK_PERIODE: dict[str, GrafikPeriode] = {
    "periode_waktu_tunggu": GrafikPeriode(
        ("waktu_tunggu_benar", "waktu_tunggu_lapor", "selisih_waktu_tunggu"), (0, 1)),
    "periode_kinerja": GrafikPeriode(
        ("peringkat_benar_rata", "peringkat_rata", "selisih_peringkat"), (0, 1)),
    "periode_layanan": GrafikPeriode(("hasil_benar_rata", "layanan_benar_puskesmas")),
    "periode_akurasi": GrafikPeriode(("akurasi", "kappa_kuadratik")),
    "periode_distribusi": GrafikPeriode(
        tuple(f"proporsi_peringkat_{k}" for k in (5, 4, 3, 2, 1)), (0, 1, 2, 3, 4)),
    "periode_tpp": GrafikPeriode(("biaya_tpp_tahunan",)),
    "periode_perilaku": GrafikPeriode(
        ("usaha_rata", "gaming_waktu_rata", "porsi_gaming_waktu", "leniensi_rata")),
}
"""Chart name (PNG stem) -> its panels, in report order."""

PANEL_PER_BARIS = 3
TINGGI_BARIS = 2.3
"""Panels per row and the height (inches) of a row of panels."""


def tulis(nilai: Any, ukuran: str, lang: str | None = None, satuan: bool = True) -> str:
    """A value of measure ``ukuran`` as the report writes it.

    >>> tulis(23.456, "waktu_tunggu_benar", "id"), tulis(0.5, "akurasi", "en")
    ('23,5 menit', '50.0%')
    """
    lang = lang or get_lang()
    if nilai is None or pd.isna(nilai):
        return "–"
    jenis = FORMAT.get(ukuran, "angka2")
    if jenis == "persen":
        return persen(nilai, lang)
    if jenis == "rupiah":
        return rupiah(nilai, lang)
    if jenis == "menit":
        x = angka(nilai, 1, lang)
        return t("periode.menit", lang, x=x) if satuan else x
    return angka(nilai, 3 if jenis == "angka3" else 2, lang)


def label_ukuran(ukuran: str, lang: str | None = None) -> str:
    """The name of a measure (``periode.ukuran.<ukuran>``).

    >>> label_ukuran("waktu_tunggu_benar", "en")
    'True waiting time (min)'
    """
    return t(f"periode.ukuran.{ukuran}", lang)


def teks_alt(nama: str, lang: str | None = None) -> str:
    """The title of chart ``nama`` (its alternative text)."""
    return t(f"periode.grafik.{nama}", lang)


def urutan_aturan(pita: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[str]:
    """Rules in the order of ``labels`` (the run's order), then of first appearance."""
    ada = list(dict.fromkeys(pita["aturan"].astype(str)))
    if labels:
        return [r for r in labels if r in ada] + [r for r in ada if r not in labels]
    return ada


def _sumbu(ukuran: str, lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    jenis = FORMAT.get(ukuran, "angka2")
    if jenis == "persen":
        return FuncFormatter(lambda v, _p: persen(v, lang, 0))
    if jenis == "rupiah":
        return FuncFormatter(lambda v, _p: rupiah(v, lang))
    return FuncFormatter(lambda v, _p: angka(v, 1 if jenis == "menit" else 2, lang))


def grafik_periode(pita: pd.DataFrame, nama: str, lang: str | None = None,
                   labels: Mapping[str, str] | None = None) -> Figure | None:
    """Chart ``nama`` of :data:`GRAFIK_PERIODE` from a ``pita`` table (rows over everyone:
    ``dimensi == "semua"``); None when none of its measures has a value."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    lang = lang or get_lang()
    spec = GRAFIK_PERIODE[nama]
    d = pita[(pita["dimensi"].astype(str) == SEMUA) & pita["ukuran"].isin(spec.ukuran)]
    ukuran = [u for u in spec.ukuran if d.loc[d["ukuran"] == u, "rata_rata"].notna().any()]
    if not ukuran:
        return None
    if not labels and "rule_id" in d:
        labels = label_bawaan(d, lang)
    rules = urutan_aturan(d, labels)
    n = len(ukuran)
    kolom = min(n, PANEL_PER_BARIS)
    baris = int(np.ceil(n / kolom))
    legenda = int(np.ceil(len(rules) / 3))
    fig = Figure(figsize=(LEBAR_HALAMAN, 0.6 + TINGGI_BARIS * baris + 0.22 * legenda),
                 layout="constrained")
    tahun = sorted(int(x) for x in d["tahun"].unique())
    bersama = None
    for j, u in enumerate(ukuran):
        sama = spec.ukuran.index(u) in spec.skala_sama
        ax = fig.add_subplot(baris, kolom, j + 1, sharey=bersama if sama else None)
        if sama and bersama is None:
            bersama = ax
        for i, r in enumerate(rules):
            g = d[(d["aturan"].astype(str) == r) & (d["ukuran"] == u)].sort_values("tahun")
            if g.empty:
                continue
            warna, garis = GARIS[i % len(GARIS)]
            x = g["tahun"].to_numpy(int)
            ax.plot(x, g["rata_rata"].to_numpy(float), color=warna, linestyle=garis,
                    marker=PENANDA[i % len(PENANDA)], markersize=3.5, linewidth=1.2,
                    label=_nama(r, labels) if j == 0 else None, gid=f"{r}|{u}")
            lo, hi = g[BAWAH].to_numpy(float), g[ATAS].to_numpy(float)
            if np.isfinite(lo).any() and (hi - lo > 0).any():
                ax.fill_between(x, lo, hi, color=warna, alpha=0.12, linewidth=0,
                                gid=f"{r}|{u}")
        ax.set_title("\n".join(textwrap.wrap(label_ukuran(u, lang), 30)), fontsize=8)
        ax.yaxis.set_major_formatter(_sumbu(u, lang))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks(tahun if len(tahun) <= 10 else tahun[::2])
        ax.set_xlabel(t("periode.tahun", lang), fontsize=7)
        ax.tick_params(labelsize=max(HURUF_MIN, 6.5))
        ax.grid(True, color="#dddddd", linewidth=0.5)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(teks_alt(nama, lang), fontsize=10)
    fig.legend(fontsize=max(HURUF_MIN, 6.5), frameon=False, loc="outside lower center",
               ncol=min(len(rules), 3))
    return fig


def label_bawaan(pita: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """Rule entry -> its built-in rule's name (for a ``pita`` without the run's labels).

    >>> label_bawaan(pd.DataFrame({"aturan": ["x"], "rule_id": ["pp46_2011"]}), "id")
    {'x': 'PP 46/2011 (prestasi kerja, Perka BKN 1/2013)'}
    """
    from simkit.rules import get_rule

    pasangan = pita[["aturan", "rule_id"]].astype(str).drop_duplicates("aturan")
    return {a: get_rule(r).label(lang or get_lang()) for a, r in pasangan.itertuples(index=False)}


def _nama(r: str, labels: Mapping[str, str] | None) -> str:
    nama = str(labels.get(r, r)) if labels else str(r)
    return "\n".join(textwrap.wrap(nama, 40, break_long_words=False)) or nama


def data_grafik(fig: Figure) -> pd.DataFrame:
    """The data a chart draws, read back from its lines and bands: one row per (aturan,
    ukuran, tahun) with ``garis`` (the line) and ``bawah``/``atas`` (the band; NaN without)."""
    from matplotlib.collections import PolyCollection

    rows: dict[tuple[str, str, int], dict[str, Any]] = {}
    for ax in fig.axes:
        for ln in ax.lines:
            if not ln.get_gid():
                continue
            r, u = ln.get_gid().split("|")
            for x, y in zip(ln.get_xdata(), ln.get_ydata(), strict=True):
                rows[(r, u, int(x))] = {"garis": float(y), "bawah": np.nan, "atas": np.nan}
        for c in ax.collections:
            if not isinstance(c, PolyCollection) or not c.get_gid():
                continue
            r, u = c.get_gid().split("|")
            v = c.get_paths()[0].vertices
            for x in {int(round(a)) for a in v[:, 0]}:
                ys = v[np.isclose(v[:, 0], x), 1]
                rows[(r, u, x)].update(bawah=float(ys.min()), atas=float(ys.max()))
    return pd.DataFrame([{"aturan": r, "ukuran": u, "tahun": x, **v}
                         for (r, u, x), v in rows.items()],
                        columns=["aturan", "ukuran", "tahun", "garis", "bawah", "atas"])


def simpan_semua(pita: pd.DataFrame, folder: str | Path, lang: str | None = None,
                 labels: Mapping[str, str] | None = None,
                 nama: Sequence[str] | None = None) -> list[Path]:
    """Write the charts ``nama`` (default all of :data:`GRAFIK_PERIODE`) that have data to
    ``folder/<nama>.png``; return the paths."""
    folder = Path(folder)
    out = []
    for n in nama or GRAFIK_PERIODE:
        fig = grafik_periode(pita, n, lang, labels)
        if fig is None:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        out.append(simpan(fig, folder / f"{n}.png"))
    return out
