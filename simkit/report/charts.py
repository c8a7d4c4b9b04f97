"""Charts of a rule comparison, drawn from the tidy comparison tables (matplotlib).

Every function takes tables (as :meth:`HasilPerbandingan.tables` returns them) and returns a
:class:`matplotlib.figure.Figure` (no pyplot state, so it works in scripts, tests and
notebooks alike). Titles and axis labels come from the i18n catalogue: Bahasa Indonesia by
default, English with ``lang="en"``. Rules are told apart by grey level *and* hatching, with
direct value labels, so every chart reads in greyscale print. Every chart is drawn at the A4
text width (:data:`LEBAR_HALAMAN`) and shown at that size, with fonts of at least
:data:`HURUF_MIN` pt; small multiples share one scale, and :func:`tumpang_tindih` lists the
labels that collide (tests require none).

:func:`simpan_semua` writes every chart whose tables are present as a PNG (dpi :data:`DPI`,
no timestamp or software tag in the metadata: same tables, same bytes).

>>> import pandas as pd
>>> d = pd.DataFrame({"aturan": ["a"] * 5, "peringkat": [5, 4, 3, 2, 1],
...                   "predikat": ["sangat_baik", "baik", "butuh_perbaikan", "kurang",
...                                "sangat_kurang"],
...                   "jumlah": [1, 6, 2, 1, 0], "proporsi": [.1, .6, .2, .1, 0.]})
>>> fig = distribusi_predikat(d, lang="id")
>>> len(fig.axes[0].patches), fig.axes[0].get_title()
(5, 'Distribusi predikat per aturan')
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.registri import adalah_catatan, daftar
from simkit.i18n import get_lang, label, t
from simkit.kosakata import PERINGKAT, PREDIKAT_PERINGKAT, RATING
from simkit.presentation.format import angka, persen, rupiah

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 130
"""Resolution of the PNG files."""

LEBAR_HALAMAN = 7.0
"""Width (inches) of every chart: the A4 text width (210 mm less 2 × 12 mm margins is 7.3 in).
The report shows a chart at this size (:func:`simkit.report.sajian.lebar_tampil`), so its
fonts print at their point size; :func:`tumpang_tindih` checks that no two labels collide."""

HURUF_MIN = 6.0
"""Smallest font size (pt) of any text on a chart."""

GAYA: tuple[tuple[str, str], ...] = (
    ("#262626", ""), ("#bfbfbf", "///"), ("#ffffff", "..."), ("#7f7f7f", "xx"),
    ("#e6e6e6", "\\\\\\"), ("#595959", "++"), ("#f2f2f2", "oo"), ("#a6a6a6", "--"),
)
"""(face colour, hatch) per series: distinct grey levels and patterns, legible in greyscale."""

PENANDA = ("o", "s", "^", "D", "v", "P", "X", "*")
"""Marker per rule in point charts."""

NAIK_TURUN = (("naik_1", 1), ("naik_2_atau_lebih", 1), ("turun_1", -1),
              ("turun_2_atau_lebih", -1))
"""The four moving buckets of the winners/losers chart and their side."""

GAYA_NAIK_TURUN = {"naik_1": ("#bfbfbf", ""), "naik_2_atau_lebih": ("#404040", "///"),
                   "turun_1": ("#ffffff", "..."), "turun_2_atau_lebih": ("#808080", "xx")}

TPP_TERATAS = 15
"""OPDs shown in the TPP chart: those with the largest baseline cost."""

IKM_MAKS = 40
"""Units shown in the IKM chart; beyond that, the lowest and highest half each."""

_EDGE = "#000000"


# --------------------------------------------------------------------------- helpers


def _fig(w: float, h: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(w, h), layout="constrained")


def _bungkus(s: str, lebar: int = 28, miring: bool = False) -> str:
    """Wrap ``s`` at ``lebar`` characters; with ``miring`` also after a slash (class names
    such as 'Kurang/Misconduct', not rule names such as 'PermenPANRB 6/2022')."""
    if not miring:
        return "\n".join(textwrap.wrap(str(s), lebar, break_long_words=False)) or str(s)
    baris = textwrap.wrap(str(s).replace("/", "/ "), lebar, break_long_words=False)
    return "\n".join(b.replace("/ ", "/") for b in baris) or str(s)


def _teks_grafik(fig: Figure) -> list[Any]:
    """Every visible, non-empty text of a drawn ``fig``: titles, axis and tick labels,
    annotations, legend entries (not the labels of ticks outside an axis' view, which
    matplotlib does not draw)."""
    from matplotlib.text import Text

    tak_tampil = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            eps = (hi - lo) * 1e-6
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not lo - eps <= tick.get_loc() <= hi + eps:
                    tak_tampil |= {id(tick.label1), id(tick.label2)}
    return [x for x in fig.findobj(Text) if x.get_visible() and x.get_text().strip()
            and id(x) not in tak_tampil]


def tumpang_tindih(fig: Figure, celah: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of texts of ``fig`` whose boxes overlap when drawn at the figure's size (the
    size the report shows it), as ``(text, text)``; ``celah`` (pixels) shrinks each box.

    >>> f = _fig(3, 1); ax = f.add_subplot(); _ = ax.text(0.5, 0.5, "a"); _ = ax.text(0.5, 0.5, "b")
    >>> tumpang_tindih(f)
    [('a', 'b')]
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    r = FigureCanvasAgg(fig).get_renderer()
    fig.draw(r)
    kotak = []
    for x in _teks_grafik(fig):
        b = x.get_window_extent(r)
        if b.width > 0 and b.height > 0:
            kotak.append((x.get_text(), b.expanded(1, 1).padded(-celah)))
    return [(a, b) for i, (a, ka) in enumerate(kotak) for b, kb in kotak[i + 1:]
            if ka.overlaps(kb)]


def di_luar(fig: Figure) -> list[str]:
    """Texts of ``fig`` that run past its edges (cut off in the PNG).

    >>> f = _fig(2, 1); _ = f.text(0.9, 0.5, "a long text cut at the edge"); di_luar(f)
    ['a long text cut at the edge']
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    r = FigureCanvasAgg(fig).get_renderer()
    fig.draw(r)
    w, h = fig.bbox.width, fig.bbox.height
    return [x.get_text() for x in _teks_grafik(fig)
            if (b := x.get_window_extent(r)).x0 < -0.5 or b.y0 < -0.5 or b.x1 > w + 0.5
            or b.y1 > h + 0.5]


def _urutan(df: pd.DataFrame, labels: Mapping[str, str] | None, kolom: str = "aturan",
            ) -> list[str]:
    """Rules in the order of ``labels`` (the run's order), then of first appearance."""
    ada = list(dict.fromkeys(df[kolom].astype(str)))
    if labels:
        return [r for r in labels if r in ada] + [r for r in ada if r not in labels]
    return ada


def _nama(r: str, labels: Mapping[str, str] | None) -> str:
    return str(labels.get(r, r)) if labels else str(r)


def _gaya(i: int) -> dict[str, Any]:
    face, hatch = GAYA[i % len(GAYA)]
    return {"facecolor": face, "hatch": hatch, "edgecolor": _EDGE, "linewidth": 0.6}


def _teks_kontras(nilai: float, maks: float) -> str:
    return "white" if maks > 0 and nilai / maks > 0.55 else "black"


def _persen_sumbu(ax: Any, lang: str, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    f = FuncFormatter(lambda v, _pos: persen(v / 100, lang, 0))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(f)


def label_aturan_tabel(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Rule id → display label from the ``aturan`` table (empty when absent)."""
    a = tables.get("aturan")
    if a is None or a.empty:
        return {}
    return dict(zip(a["aturan"].astype(str), a["label"].astype(str), strict=True))


def _kosong(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0 or adalah_catatan(df)


# --------------------------------------------------------------------------- charts


def distribusi_predikat(distribusi: pd.DataFrame, lang: str | None = None,
                        labels: Mapping[str, str] | None = None) -> Figure:
    """Grouped bars: percent of ASN per class (best first), one bar per rule in each group.

    ``distribusi``: ``aturan, peringkat, proporsi`` (the overall distribution table).
    """
    lang = lang or get_lang()
    rules = _urutan(distribusi, labels)
    n = max(len(rules), 1)
    fig = _fig(LEBAR_HALAMAN, 3.4 + 0.14 * n)
    ax = fig.add_subplot()
    lebar = 0.8 / n
    x = np.arange(len(PERINGKAT))
    piv = distribusi.pivot_table(index="aturan", columns="peringkat", values="proporsi",
                                 aggfunc="sum", observed=True)
    piv.index = piv.index.astype(str)
    for i, r in enumerate(rules):
        v = 100 * piv.reindex(index=[r], columns=list(PERINGKAT)).fillna(0).to_numpy()[0]
        pos = x - 0.4 + lebar * (i + 0.5)
        ax.bar(pos, v, lebar, label=_bungkus(_nama(r, labels), 40), **_gaya(i))
        for p, val in zip(pos, v, strict=True):
            ax.annotate(angka(val, 0, lang), (p, val), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7 if n <= 3 else 6)
    ax.set_xticks(x, [_bungkus(label("predikat", PREDIKAT_PERINGKAT[p], lang), 12, True)
                      for p in PERINGKAT], fontsize=7)
    ax.set_xlabel(t("laporan.grafik.distribusi.x", lang))
    ax.set_ylabel(t("laporan.grafik.persen_asn", lang))
    _persen_sumbu(ax, lang)
    ax.set_ylim(0, max(5.0, float(100 * piv.to_numpy(dtype=float, na_value=0).max(initial=0))) * 1.15)
    ax.set_title(t("laporan.grafik.distribusi.judul", lang))
    fig.legend(fontsize=7, frameon=False, loc="outside lower center", ncol=2 if n > 1 else 1)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def transisi_heatmap(transisi: pd.DataFrame, lang: str | None = None,
                     labels: Mapping[str, str] | None = None) -> Figure:
    """One annotated 5×5 count matrix per reform: baseline class (rows) → reform class.

    ``transisi``: ``aturan_dasar, aturan, peringkat_dasar, predikat_dasar, peringkat,
    predikat, jumlah``.
    """
    lang = lang or get_lang()
    rules = _urutan(transisi, labels)
    dasar = str(transisi["aturan_dasar"].iloc[0]) if len(transisi) else ""
    n = max(len(rules), 1)
    kolom = min(n, 3)
    baris = int(np.ceil(n / kolom))
    fig = _fig(LEBAR_HALAMAN, 2.9 * baris + 0.5)
    sharey = None
    for i, r in enumerate(rules):
        ax = fig.add_subplot(baris, kolom, i + 1, sharey=sharey)
        sharey = sharey or ax
        sub = transisi[transisi["aturan"].astype(str) == r]
        m = (sub.pivot_table(index="peringkat_dasar", columns="peringkat", values="jumlah",
                             aggfunc="sum", observed=True)
             .reindex(index=list(PERINGKAT), columns=list(PERINGKAT)).fillna(0).to_numpy())
        ax.imshow(m, cmap="Greys", vmin=0, vmax=max(m.max(), 1) * 1.1, aspect="equal")
        maks = m.max()
        for a in range(len(PERINGKAT)):
            for b in range(len(PERINGKAT)):
                ax.text(b, a, angka(m[a, b], 0, lang), ha="center", va="center", fontsize=6.5,
                        color=_teks_kontras(m[a, b], maks),
                        fontweight="bold" if a == b else "normal")
        vb = dict(zip(sub["peringkat_dasar"], sub["predikat_dasar"].astype(str), strict=False))
        vr = dict(zip(sub["peringkat"], sub["predikat"].astype(str), strict=False))
        # reform classes vertical, so five labels never run into each other
        ax.set_xticks(range(5), [_bungkus(label("predikat", vr.get(p, PREDIKAT_PERINGKAT[p]),
                                                  lang), 11, True) for p in PERINGKAT],
                      fontsize=6.5, rotation=90)
        ax.set_xlabel(_bungkus(t("laporan.grafik.transisi.x", lang, aturan=_nama(r, labels)), 32),
                      fontsize=7)
        if i % kolom == 0:  # baseline classes: the same on every panel, shown once per row
            ax.set_yticks(range(5), [_bungkus(label("predikat", vb.get(p, PREDIKAT_PERINGKAT[p]),
                                                      lang), 12, True) for p in PERINGKAT],
                          fontsize=6.5)
            ax.set_ylabel(_bungkus(t("laporan.grafik.transisi.y", lang,
                                     dasar=_nama(dasar, labels)), 30), fontsize=7)
        else:
            ax.tick_params(labelleft=False)
    fig.suptitle(t("laporan.grafik.transisi.judul", lang, dasar=_nama(dasar, labels)),
                 fontsize=10)
    return fig


def _baris_kelompok(df: pd.DataFrame, lang: str,
                    ) -> tuple[list[tuple[str, str]], np.ndarray, list[float], list[str]]:
    """The groups of ``df`` under a header line per dimension, top to bottom: the group
    keys ``(dimensi, kelompok)``, their y positions, and every tick (headers included)."""
    keys = df[["dimensi", "kelompok", "label_kelompok"]].astype(str).drop_duplicates(
        ["dimensi", "kelompok"])
    kunci, y, ty, lab = [], [], [], []
    for d in dict.fromkeys(keys["dimensi"]):
        ty.append(-len(ty))
        lab.append(label("analisis.dimensi", d, lang))
        for _, k, nama in keys[keys["dimensi"] == d].itertuples(index=False):
            kunci.append((d, k))
            y.append(-len(ty))
            ty.append(-len(ty))
            lab.append(f"   {nama}")
    return kunci, np.array(y, dtype=float), ty, lab


def menang_kalah_kelompok(menang_kalah: pd.DataFrame, lang: str | None = None,
                          labels: Mapping[str, str] | None = None,
                          dimensi: Sequence[str] | None = None) -> Figure:
    """Diverging bars per group: share moving up (right) and down (left) against the baseline.

    ``menang_kalah``: the per-group table ``aturan_dasar, aturan, dimensi, kelompok,
    label_kelompok, perubahan, proporsi``. ``dimensi`` limits the group dimensions (default:
    all present except ``opd``).
    """
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lang = lang or get_lang()
    df = menang_kalah.copy()
    df["dimensi"] = df["dimensi"].astype(str)
    dims = list(dimensi) if dimensi else [d for d in dict.fromkeys(df["dimensi"]) if d != "opd"]
    df = df[df["dimensi"].isin(dims)]
    rules = _urutan(df, labels)
    dasar = str(df["aturan_dasar"].iloc[0]) if len(df) else ""
    kunci, y, tick_y, tick = _baris_kelompok(df, lang)
    rows = kunci
    n = max(len(rules), 1)
    kolom = min(n, 3)
    baris_panel = int(np.ceil(n / kolom))
    fig = _fig(LEBAR_HALAMAN, 0.9 + baris_panel * (0.7 + 0.125 * max(len(tick), 1)))
    df["_k"] = list(zip(df["dimensi"], df["kelompok"].astype(str), strict=True))
    sisi: dict[str, tuple[np.ndarray, np.ndarray, dict]] = {}
    for r in rules:  # first the bars of every rule: one scale for all panels
        sub = df[df["aturan"].astype(str) == r]
        share = {(k, str(p)): 100 * float(v) for k, p, v in
                 zip(sub["_k"], sub["perubahan"], sub["proporsi"], strict=True)}
        nilai = {b: np.array([share.get((k, b), 0.0) for k in kunci]) for b, _ in NAIK_TURUN}
        kanan = sum((nilai[b] for b, a in NAIK_TURUN if a > 0), np.zeros(len(rows)))
        kiri = -sum((nilai[b] for b, a in NAIK_TURUN if a < 0), np.zeros(len(rows)))
        sisi[r] = (kiri, kanan, nilai)
    terbesar = max([float(max(b.max(initial=0), -a.min(initial=0))) for a, b, _ in sisi.values()]
                   + [10.0])
    lim = terbesar * 1.55  # room for the value labels beyond the longest bar
    langkah = float(MaxNLocator(2, steps=[1, 2, 2.5, 5, 10]).tick_values(0, terbesar)[1])
    sharey = sharex = None
    for i, r in enumerate(rules):
        ax = fig.add_subplot(baris_panel, kolom, i + 1, sharey=sharey, sharex=sharex)
        sharey, sharex = sharey or ax, sharex or ax
        kiri, kanan, nilai = sisi[r]
        ki = np.zeros(len(rows))
        ka = np.zeros(len(rows))
        for b, arah in NAIK_TURUN:
            v = nilai[b]
            face, hatch = GAYA_NAIK_TURUN[b]
            start = ka if arah > 0 else ki - v
            ax.barh(y, v, left=start, height=0.7, facecolor=face, hatch=hatch, edgecolor=_EDGE,
                    linewidth=0.5, label=label("analisis.perubahan", b, lang) if i == 0 else None)
            if arah > 0:
                ka = ka + v
            else:
                ki = ki - v
        for yy, a, b in zip(y, kiri, kanan, strict=True):
            ax.text(b + 0.01 * lim, yy, persen(b / 100, lang, 0), va="center", ha="left",
                    fontsize=6)
            ax.text(a - 0.01 * lim, yy, persen(abs(a) / 100, lang, 0), va="center", ha="right",
                    fontsize=6)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(min(tick_y) - 0.7, 0.7)
        ax.axvline(0, color=_EDGE, linewidth=0.8)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: persen(abs(v) / 100, lang, 0)))
        ax.set_xticks([-langkah, 0, langkah])
        ax.tick_params(axis="x", labelsize=6.5)
        ax.set_title(_bungkus(_nama(r, labels), 26), fontsize=7)
        if i % kolom == 0:
            ax.set_yticks(tick_y, tick, fontsize=6)
            for tl, kepala in zip(ax.get_yticklabels(), tick, strict=True):
                if not kepala.startswith(" "):
                    tl.set_fontweight("bold")
        else:
            ax.tick_params(labelleft=False)
        ax.spines[["top", "right"]].set_visible(False)
    if rules:
        fig.legend(loc="outside lower center", ncol=4, fontsize=6.5, frameon=False,
                   title=t("laporan.grafik.menang_kalah.x", lang), title_fontsize=7)
    fig.suptitle(_bungkus(t("laporan.grafik.menang_kalah.judul", lang,
                            dasar=_nama(dasar, labels)), 80), fontsize=10)
    return fig


def _stabilitas_total(stabilitas: pd.DataFrame | None) -> pd.DataFrame | None:
    if _kosong(stabilitas):
        return None
    s = stabilitas
    if "dimensi" in s.columns:
        s = s[s["dimensi"].isna() | (s["dimensi"].astype(str).isin(["", "semua", "total"]))]
    return s if len(s) else None


def mutu_aturan(akurasi: pd.DataFrame | None, keadilan: pd.DataFrame | None = None,
                stabilitas: pd.DataFrame | None = None, lang: str | None = None,
                labels: Mapping[str, str] | None = None) -> Figure:
    """Small multiples: accuracy (bars), fairness gaps with 95 % CI (points and error bars,
    two-group comparisons), stability (bars; "not computed" when absent)."""
    lang = lang or get_lang()
    base = next((d for d in (akurasi, keadilan, stabilitas) if not _kosong(d)), None)
    rules = _urutan(base, labels) if base is not None else list(labels or [])
    n = max(len(rules), 1)
    pasangan = 0 if _kosong(keadilan) else len(
        keadilan.loc[keadilan["pembanding"].astype(str) != "lainnya",
                     ["dimensi", "kelompok", "pembanding"]].drop_duplicates())
    atas, bawah = 1.0 + 0.3 * max(n, 3), 1.2 + (0.12 * n + 0.15) * max(pasangan, 2)
    fig = _fig(LEBAR_HALAMAN, atas + bawah + 0.6)
    gs = fig.add_gridspec(2, 2, height_ratios=(atas, bawah))
    axs = [fig.add_subplot(gs[0, 0]), fig.add_subplot(gs[1, :]), fig.add_subplot(gs[0, 1])]
    y = np.arange(n)[::-1]
    tick = [_bungkus(_nama(r, labels), 24) for r in rules]

    def tidak_dihitung(ax: Any, judul: str) -> None:
        ax.set_title(judul, fontsize=9)
        ax.text(0.5, 0.5, t("laporan.grafik.mutu.tidak_dihitung", lang), ha="center",
                va="center", transform=ax.transAxes, fontsize=9, style="italic")
        ax.set_xticks([])
        ax.set_yticks([])

    # accuracy
    ax = axs[0]
    if _kosong(akurasi):
        tidak_dihitung(ax, t("laporan.grafik.mutu.akurasi", lang))
    else:
        a = akurasi.assign(aturan=akurasi["aturan"].astype(str)).set_index("aturan")
        for i, r in enumerate(rules):
            v = 100 * float(a["akurasi"].get(r, np.nan))
            ax.barh(y[i], v, height=0.7, **_gaya(i))
            kap = a["kappa_kuadratik"].get(r, np.nan) if "kappa_kuadratik" in a else np.nan
            ax.text(v + 1, y[i], f"{persen(v / 100, lang, 0)} · κ {angka(kap, 2, lang)}",
                    va="center", fontsize=6)
        ax.set_xlim(0, 150)
        ax.set_xticks([0, 50, 100])
        _persen_sumbu(ax, lang, "x")
        ax.set_yticks(y, tick, fontsize=6)
        ax.set_xlabel(t("laporan.grafik.mutu.akurasi_x", lang), fontsize=8)
        ax.set_title(t("laporan.grafik.mutu.akurasi", lang), fontsize=9)
    # fairness
    ax = axs[1]
    k = None if _kosong(keadilan) else keadilan[keadilan["pembanding"].astype(str) != "lainnya"]
    if _kosong(k):
        tidak_dihitung(ax, t("laporan.grafik.mutu.keadilan", lang))
    else:
        comps = k[["dimensi", "kelompok", "pembanding", "label_kelompok", "label_pembanding"]] \
            .astype(str).drop_duplicates(["dimensi", "kelompok", "pembanding"])
        yc = np.arange(len(comps))[::-1]
        off = np.linspace(0.3, -0.3, n) if n > 1 else np.zeros(1)
        for i, r in enumerate(rules):
            sub = k[k["aturan"].astype(str) == r]
            idx = {(d, g, p): j for j, (d, g, p) in enumerate(
                comps[["dimensi", "kelompok", "pembanding"]].itertuples(index=False))}
            for row in sub.itertuples(index=False):
                j = idx[(str(row.dimensi), str(row.kelompok), str(row.pembanding))]
                face = GAYA[i % len(GAYA)][0]
                ax.errorbar(row.selisih, yc[j] + off[i],
                            xerr=[[row.selisih - row.ci_bawah], [row.ci_atas - row.selisih]],
                            fmt=PENANDA[i % len(PENANDA)], color=_EDGE, mfc=face, mec=_EDGE,
                            ms=5, elinewidth=0.9, capsize=2)
        ax.axvline(0, color=_EDGE, linewidth=0.8, linestyle="--")
        ax.set_yticks(yc, [_bungkus(f"{a} vs {b}", 26) for a, b in
                           zip(comps["label_kelompok"], comps["label_pembanding"], strict=True)],
                      fontsize=7)
        from matplotlib.lines import Line2D

        fig.legend([Line2D([], [], marker=PENANDA[i % len(PENANDA)], color=_EDGE,
                           mfc=GAYA[i % len(GAYA)][0], linestyle="") for i in range(len(rules))],
                   [_bungkus(_nama(r, labels), 40) for r in rules], fontsize=7, frameon=False,
                   loc="outside lower center", ncol=min(len(rules), 2))
        ax.set_xlabel(_bungkus(t("laporan.grafik.mutu.keadilan_x", lang), 40), fontsize=8)
        ax.set_title(t("laporan.grafik.mutu.keadilan", lang), fontsize=9)
    # stability
    ax = axs[2]
    s = _stabilitas_total(stabilitas)
    if s is None:
        tidak_dihitung(ax, t("laporan.grafik.mutu.stabilitas", lang))
    else:
        s = s.assign(aturan=s["aturan"].astype(str)).drop_duplicates("aturan").set_index("aturan")
        for i, r in enumerate(rules):
            v = 100 * float(s["peluang_berubah"].get(r, np.nan))
            ax.barh(y[i], v, height=0.7, **_gaya(i))
            ax.text(v + 1, y[i], persen(v / 100, lang), va="center", fontsize=6)
        ax.set_xlim(0, max(10.0, float(100 * s["peluang_berubah"].max())) * 1.5)
        _persen_sumbu(ax, lang, "x")
        ax.set_yticks(y, tick, fontsize=6)
        ax.set_xlabel(t("laporan.grafik.mutu.stabilitas_x", lang), fontsize=8)
        ax.set_title(_bungkus(t("laporan.grafik.mutu.stabilitas", lang), 36), fontsize=9)
    for ax in axs:
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=6.5)
    fig.suptitle(t("laporan.grafik.mutu.judul", lang), fontsize=10)
    return fig


def kuadran(kuadran: pd.DataFrame, lang: str | None = None,
            labels: Mapping[str, str] | None = None) -> Figure:
    """One 3×3 grid per rule: rating hasil kerja (rows, best on top) × rating perilaku kerja
    (columns, best on the right); each cell shows its predikat, count and percent.

    ``kuadran``: ``aturan, rating_hasil_kerja, rating_perilaku_kerja, predikat, jumlah,
    proporsi`` (see :func:`simkit.report.kuadran.tabel_kuadran`).
    """
    lang = lang or get_lang()
    rules = _urutan(kuadran, labels)
    n = max(len(rules), 1)
    kolom = min(n, 3)
    baris = int(np.ceil(n / kolom))
    fig = _fig(LEBAR_HALAMAN, 2.7 * baris + 0.5)
    hasil_urut = list(RATING)              # rows: best on top
    perilaku_urut = list(RATING[::-1])     # columns: best on the right
    sharey = None
    for i, r in enumerate(rules):
        ax = fig.add_subplot(baris, kolom, i + 1, sharey=sharey)
        sharey = sharey or ax
        sub = kuadran[kuadran["aturan"].astype(str) == r].copy()
        sub["rating_hasil_kerja"] = sub["rating_hasil_kerja"].astype(str)
        sub["rating_perilaku_kerja"] = sub["rating_perilaku_kerja"].astype(str)
        cell = {(a, b): (int(j), float(p), str(pr)) for a, b, j, p, pr in zip(
            sub["rating_hasil_kerja"], sub["rating_perilaku_kerja"], sub["jumlah"],
            sub["proporsi"], sub["predikat"], strict=True)}
        m = np.array([[cell.get((a, b), (0, 0.0, ""))[0] for b in perilaku_urut]
                      for a in hasil_urut], dtype=float)
        maks = m.max() if m.size else 0
        ax.imshow(m, cmap="Greys", vmin=0, vmax=max(maks, 1) * 1.25, aspect="equal")
        for a_i, a in enumerate(hasil_urut):
            for b_i, b in enumerate(perilaku_urut):
                j, p, pr = cell.get((a, b), (0, 0.0, ""))
                teks = f"{_bungkus(label('predikat', pr, lang), 12, True)}\n{angka(j, 0, lang)}" \
                       f" ({persen(p, lang, 0)})"
                ax.text(b_i, a_i, teks, ha="center", va="center", fontsize=6,
                        color=_teks_kontras(m[a_i, b_i], maks * 1.25))
        if i % kolom == 0:  # the same rows on every panel: labelled once per row of panels
            ax.set_yticks(range(3), [_bungkus(label("rating", a, lang), 10)
                                     for a in hasil_urut], fontsize=6)
            ax.set_ylabel(t("laporan.grafik.kuadran.y", lang), fontsize=7)
        else:
            ax.tick_params(labelleft=False)
        ax.set_xticks(range(3), [_bungkus(label("rating", b, lang), 12) for b in perilaku_urut],
                      fontsize=6)
        ax.set_xlabel(t("laporan.grafik.kuadran.x", lang), fontsize=7)
        ax.set_title(_bungkus(_nama(r, labels), 34), fontsize=7.5)
    fig.suptitle(t("laporan.grafik.kuadran.judul", lang), fontsize=10)
    return fig


def tpp_per_opd(tpp_per_opd: pd.DataFrame, lang: str | None = None,
                labels: Mapping[str, str] | None = None, teratas: int = TPP_TERATAS) -> Figure:
    """For the ``teratas`` OPDs with the largest baseline cost: the annual TPP cost under the
    baseline as bars (left) and each rule's change from it as a labelled grid, one column per
    rule (right), in short rupiah ('Rp 1,2 M'). One label per cell: labels never collide.

    ``tpp_per_opd``: ``aturan, aturan_dasar, opd_id, nama_opd, biaya_tahunan, selisih_dasar``.
    """
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lang = lang or get_lang()
    df = tpp_per_opd.copy()
    df["aturan"] = df["aturan"].astype(str)
    rules = _urutan(df, labels)
    dasar = str(df["aturan_dasar"].iloc[0]) if "aturan_dasar" in df and len(df) else rules[0]
    base = df[df["aturan"] == dasar].sort_values(["biaya_tahunan", "opd_id"],
                                                 ascending=[False, True])
    top = list(base["opd_id"].head(teratas))
    nama = dict(zip(base["opd_id"], base["nama_opd"].astype(str), strict=False))
    lain = [r for r in rules if r != dasar]
    n = max(len(lain), 1)
    fig = _fig(LEBAR_HALAMAN, 1.9 + 0.3 * max(len(top), 1))
    ax0, ax1 = fig.subplots(1, 2, sharey=True, width_ratios=(1, 0.3 + 0.42 * n))
    y = np.arange(len(top))[::-1]
    v0 = base.set_index("opd_id")["biaya_tahunan"].reindex(top).to_numpy(dtype=float)
    ax0.barh(y, v0, height=0.7, **_gaya(0))
    for yy, val in zip(y, v0, strict=True):
        ax0.text(val, yy, " " + rupiah(val, lang), va="center", fontsize=6)
    ax0.set_xlim(0, float(np.nanmax(v0, initial=0)) * 1.75 or 1)
    ax0.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: rupiah(v, lang)))
    ax0.xaxis.set_major_locator(MaxNLocator(2))
    ax0.tick_params(axis="x", labelsize=6.5)
    ax0.set_yticks(y, [_bungkus(nama.get(o, str(o)), 30) for o in top], fontsize=6.5)
    ax0.set_title(_bungkus(t("laporan.grafik.tpp.dasar", lang, dasar=_nama(dasar, labels)), 36),
                  fontsize=7.5)
    ax0.set_xlabel(t("laporan.grafik.tpp.x", lang), fontsize=7)
    ax0.spines[["top", "right"]].set_visible(False)
    piv = df.pivot_table(index="opd_id", columns="aturan", values="selisih_dasar",
                         aggfunc="sum", observed=True)
    m = np.column_stack([piv[r].reindex(top).fillna(0).to_numpy(dtype=float) if r in piv
                         else np.zeros(len(top)) for r in lain] or [np.zeros(len(top))])
    maks = float(np.abs(m).max(initial=0)) or 1.0
    # row k of the grid sits at y[k] (top OPD on top), as the bars beside it
    ax1.imshow(np.abs(m), cmap="Greys", vmin=0, vmax=maks * 1.8, aspect="auto",
               extent=(-0.5, n - 0.5, -0.5, len(top) - 0.5), origin="upper")
    for k, yy in enumerate(y):
        for j in range(len(lain)):
            val = m[k, j]
            ax1.text(j, yy, ("+" if val > 0 else "") + rupiah(val, lang), ha="center",
                     va="center", fontsize=6, color=_teks_kontras(abs(val), maks * 1.8))
    ax1.set_xticks(range(len(lain)), [_bungkus(_nama(r, labels), 12) for r in lain],
                   fontsize=6)
    ax1.xaxis.tick_top()
    ax1.tick_params(axis="both", length=0, labelleft=False)
    ax1.set_xlabel(t("laporan.grafik.tpp.selisih", lang), fontsize=7.5)
    for sp in ax1.spines.values():
        sp.set_visible(False)
    fig.suptitle(t("laporan.grafik.tpp.judul", lang, n=len(top), total=len(base)), fontsize=10)
    return fig


def ikm_per_unit(ikm: pd.DataFrame, lang: str | None = None, maks: int = IKM_MAKS) -> Figure:
    """Horizontal bars of the converted IKM (25-100) per service unit, lowest first, with the
    mutu letter as a direct label; grey level by mutu."""
    lang = lang or get_lang()
    df = ikm.dropna(subset=["ikm_konversi"]).sort_values(["ikm_konversi", "unit_id"])
    if "aturan" in df:
        df = df[df["aturan"].astype(str) == str(df["aturan"].iloc[0])] if len(df) else df
    total = len(df)
    if total > maks:
        df = pd.concat([df.head(maks // 2), df.tail(maks - maks // 2)])
    mutu = df["mutu"].astype(str).tolist() if "mutu" in df else [""] * len(df)
    urut = sorted(set(mutu))
    fig = _fig(LEBAR_HALAMAN, 1.2 + 0.17 * max(len(df), 1))
    ax = fig.add_subplot()
    y = np.arange(len(df))[::-1]
    v = df["ikm_konversi"].to_numpy(dtype=float)
    for yy, val, m in zip(y, v, mutu, strict=True):
        ax.barh(yy, val, height=0.7, **_gaya(urut.index(m)))
        ax.text(val + 0.5, yy, f"{angka(val, 1, lang)} · {m}", va="center", fontsize=6)
    ax.set_yticks(y, [_bungkus(s, 40) for s in df["nama_unit"].astype(str)], fontsize=6)
    if total > maks:  # mark the units left out between the lowest and the highest
        yy = y[maks // 2 - 1] - 0.5
        ax.axhline(yy, color=_EDGE, linewidth=0.8, linestyle=(0, (4, 3)))
        ax.text(1, yy, " " + t("laporan.grafik.ikm.lainnya", lang, n=total - maks) + " ",
                va="center", fontsize=7, style="italic", backgroundcolor="white")
    ax.set_xlim(0, 110)
    ax.set_xlabel(t("laporan.grafik.ikm.x", lang))
    ax.set_title(t("laporan.grafik.ikm.judul", lang))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --------------------------------------------------------------------------- all charts


def _g_distribusi(tb, lang, lab):
    return None if _kosong(tb.get("distribusi")) else distribusi_predikat(tb["distribusi"], lang, lab)


def _g_kuadran(tb, lang, lab):
    return None if _kosong(tb.get("kuadran")) else kuadran(tb["kuadran"], lang, lab)


def _g_transisi(tb, lang, lab):
    return None if _kosong(tb.get("transisi")) else transisi_heatmap(tb["transisi"], lang, lab)


def _g_menang_kalah(tb, lang, lab):
    d = tb.get("menang_kalah_per_kelompok")
    return None if _kosong(d) else menang_kalah_kelompok(d, lang, lab)


def _g_mutu(tb, lang, lab):
    if all(_kosong(tb.get(k)) for k in ("akurasi", "keadilan", "stabilitas")):
        return None
    return mutu_aturan(tb.get("akurasi"), tb.get("keadilan"), tb.get("stabilitas"), lang, lab)


def _g_tpp(tb, lang, lab):
    return None if _kosong(tb.get("tpp_per_opd")) else tpp_per_opd(tb["tpp_per_opd"], lang, lab)


def _g_ikm(tb, lang, lab):
    d = tb.get("ikm")
    if _kosong(d) or "ikm_konversi" not in d or d["ikm_konversi"].isna().all():
        return None
    return ikm_per_unit(d, lang)


def _g_kesepakatan(tb, lang, lab):
    from simkit.report.grafik_kesepakatan import grafik_kesepakatan

    d = tb.get("kesepakatan_penilai")
    return None if _kosong(d) else grafik_kesepakatan(d, lang)


@dataclass(frozen=True)
class Grafik:
    """A chart: ``buat(tables, lang, labels)`` draws it (None when its tables are absent or
    notes); ``alt`` is the i18n key of its title, the alternative text of its image."""

    buat: Callable[[Mapping[str, pd.DataFrame], str, dict], Figure | None]
    alt: str


GRAFIK: dict[str, Grafik] = {
    "distribusi_predikat": Grafik(_g_distribusi, "laporan.grafik.distribusi.judul"),
    "kuadran": Grafik(_g_kuadran, "laporan.grafik.kuadran.judul"),
    "transisi": Grafik(_g_transisi, "laporan.grafik.transisi.judul"),
    "menang_kalah": Grafik(_g_menang_kalah, "laporan.grafik.menang_kalah.judul"),
    "akurasi_keadilan_stabilitas": Grafik(_g_mutu, "laporan.grafik.mutu.judul"),
    "tpp_per_opd": Grafik(_g_tpp, "laporan.bagian.tpp"),
    "ikm_per_unit": Grafik(_g_ikm, "laporan.grafik.ikm.judul"),
    "kesepakatan_penilai": Grafik(_g_kesepakatan, "analisis.kesepakatan.grafik.judul"),
}
"""Chart name (PNG file stem) → its builder and alt text. A table of the output registry
names its charts (``Tabel.grafik``); :func:`nama_grafik` gives them in report order."""


def nama_grafik() -> list[str]:
    """The charts the output registry declares, in output order (each once)."""
    return list(dict.fromkeys(g for tb in daftar() for g in tb.grafik))


def teks_alt(nama: str, lang: str | None = None, dasar: str = "-") -> str:
    """The alternative text of chart ``nama`` (its title) in ``lang``."""
    g = GRAFIK.get(nama)
    return t(g.alt, lang, dasar=dasar) if g is not None else nama


def simpan(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` as a deterministic PNG (no software/time metadata) at :data:`DPI`."""
    path = Path(path)
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None}, facecolor="white")
    return path


def simpan_grafik_folder(folder: str | Path = ".", lang: str | None = None) -> list[Path]:
    """:func:`simpan_semua` for a run folder: reads ``tabel/*.parquet``, writes ``grafik/*.png``.

    This is what the report kernel runs, in parallel with the rest of :func:`simkit.run`.
    """
    folder = Path(folder)
    tables = {p.stem: pd.read_parquet(p) for p in sorted((folder / "tabel").glob("*.parquet"))}
    return simpan_semua(tables, folder / "grafik", lang)


def simpan_semua(tables: Mapping[str, pd.DataFrame], folder: str | Path,
                 lang: str | None = None) -> list[Path]:
    """Write every chart whose tables are present to ``folder/<name>.png``; return the paths.

    >>> simpan_semua({}, "/tmp/nowhere-needed")
    []
    """
    lang = lang or get_lang()
    labels = label_aturan_tabel(tables)
    out: list[Path] = []
    folder = Path(folder)
    for name in nama_grafik():
        fig = GRAFIK[name].buat(tables, lang, labels)
        if fig is None:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        out.append(simpan(fig, folder / f"{name}.png"))
    p = tables.get("periode_pita")
    if not _kosong(p) and p["tahun"].max() > 1:  # several years (simkit.report.grafik_periode)
        from simkit.report import grafik_periode

        out += grafik_periode.simpan_semua(p, folder, lang, labels or None)
    return out
