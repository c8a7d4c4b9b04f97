"""Chart of the ``kesepakatan_penilai`` table: per OPD the ICC of the rater roles and the
self - atasan gap (matplotlib, no pyplot state).

Two panels sharing the OPD axis, OPDs sorted by ICC (lowest on top) and the all-OPD total
below a rule: left, the ICC as a dot with its 95 % interval over the grey bands of Koo & Li
(2016); right, the self - atasan gap as bars with direct value labels. Greys and direct
labels only, so it reads in greyscale print; texts from ``analisis.kesepakatan.grafik.*``.

>>> import pandas as pd
>>> tb = pd.DataFrame({"opd_id": pd.array([1, 2, None], dtype="Int64"),
...                    "nama_opd": ["Dinas A", "Dinas B", "Semua OPD"],
...                    "icc": [0.4, 0.7, 0.6], "icc_ci_bawah": [0.2, 0.5, 0.55],
...                    "icc_ci_atas": [0.6, 0.8, 0.65],
...                    "selisih_diri_atasan": [0.6, 0.4, 0.5]})
>>> fig = grafik_kesepakatan(tb, "id")
>>> fig.get_suptitle(), len(fig.axes[1].patches)
('Kesepakatan penilai 360 per OPD', 3)
>>> grafik_kesepakatan(tb.iloc[:0], "id") is None
True
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simkit.analysis.metrics.kesepakatan import BATAS_TAFSIR, TAFSIR
from simkit.analysis.registri import adalah_catatan
from simkit.i18n import get_lang, t
from simkit.presentation.format import angka
from simkit.report.charts import GAYA, LEBAR_HALAMAN

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KESEPAKATAN_MAKS = 40
"""OPDs shown; beyond that, the lowest and the highest ICC half each."""

_PITA = ("#d9d9d9", "#e8e8e8", "#f4f4f4", "#ffffff")
"""Background grey of each Koo & Li band (poor darkest)."""

_EDGE = "#000000"


def _bungkus(s: str, lebar: int = 48) -> str:
    return "\n".join(textwrap.wrap(str(s), lebar, break_long_words=False)) or str(s)


def grafik_kesepakatan(tabel: pd.DataFrame, lang: str | None = None,
                       maks: int = KESEPAKATAN_MAKS) -> Figure | None:
    """The agreement chart of ``tabel`` (:func:`~simkit.analysis.metrics.kesepakatan.
    kesepakatan_penilai`), or ``None`` when it is empty, a note, or has no finite ICC.

    The total row (``opd_id`` NA) is drawn last, below a rule, and its ICC as a dashed line.
    """
    if tabel is None or tabel.empty or adalah_catatan(tabel):
        return None
    lang = lang or get_lang()
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    total_mask = tabel["opd_id"].isna().to_numpy()
    opd = tabel[~total_mask & np.isfinite(tabel["icc"].to_numpy(dtype=float))]
    total = tabel[total_mask].head(1)
    if opd.empty and (total.empty or not np.isfinite(float(total["icc"].iloc[0]))):
        return None
    opd = opd.sort_values(["icc", "opd_id"], kind="stable")
    lain = max(len(opd) - maks, 0)
    if lain:
        opd = pd.concat([opd.head(maks // 2), opd.tail(maks - maks // 2)])
    rows = pd.concat([opd, total])
    n = len(rows)
    y = np.arange(n)[::-1].astype(float)
    if len(total):
        y[-1] -= 0.6                                     # the total sits apart, below a rule
    fig = Figure(figsize=(LEBAR_HALAMAN, 1.6 + 0.205 * max(n, 3)), layout="constrained")
    ax_icc, ax_sel = fig.subplots(1, 2, sharey=True, width_ratios=(1.25, 1))

    icc = rows["icc"].to_numpy(dtype=float)
    lo = rows["icc_ci_bawah"].to_numpy(dtype=float) if "icc_ci_bawah" in rows else icc
    hi = rows["icc_ci_atas"].to_numpy(dtype=float) if "icc_ci_atas" in rows else icc
    kiri = min(0.0, float(np.nanmin(np.r_[lo, icc])) - 0.05)
    batas = (kiri, *BATAS_TAFSIR, 1.0)
    for i, pita in enumerate(TAFSIR):
        ax_icc.axvspan(batas[i], batas[i + 1], facecolor=_PITA[i], edgecolor="none", zorder=0)
        ax_icc.annotate(t(f"analisis.kesepakatan.tafsir.{pita}", lang),
                        ((batas[i] + batas[i + 1]) / 2, 1.0), xytext=(0, 1 + 7 * (i % 2)),
                        xycoords=ax_icc.get_xaxis_transform(), textcoords="offset points",
                        ha="center", va="bottom", fontsize=6)  # staggered: no collision
    ada = np.isfinite(icc)
    err = np.vstack([np.where(np.isfinite(lo), icc - lo, 0), np.where(np.isfinite(hi), hi - icc, 0)])
    ax_icc.errorbar(icc[ada], y[ada], xerr=err[:, ada], fmt="o", color=_EDGE, mfc=GAYA[0][0],
                    mec=_EDGE, ms=4, elinewidth=0.8, capsize=2, zorder=3)
    for yy, v in zip(y[ada], icc[ada], strict=True):
        ax_icc.text(1.0, yy, " " + angka(v, 2, lang), va="center", fontsize=6.5,
                    transform=ax_icc.get_yaxis_transform())
    if len(total) and np.isfinite(icc[-1]):
        ax_icc.axvline(icc[-1], color=_EDGE, linewidth=0.8, linestyle="--", zorder=1)
    ax_icc.set_xlim(kiri, 1.0)
    ax_icc.set_ylim(float(y.min()) - 0.7, float(y.max()) + 0.7)
    nama = rows["nama_opd"].astype(str).tolist()
    if len(total):                                       # the table may be in the other language
        nama[-1] = t("analisis.kesepakatan.semua_opd", lang)
    ax_icc.set_yticks(y, [_bungkus(s, 50) for s in nama], fontsize=6)
    if len(total):
        ax_icc.get_yticklabels()[-1].set_fontweight("bold")
    ax_icc.set_xlabel(t("analisis.kesepakatan.grafik.icc_x", lang), fontsize=8)
    ax_icc.set_title(t("analisis.kesepakatan.grafik.icc", lang), fontsize=8, pad=22)

    sel = rows["selisih_diri_atasan"].to_numpy(dtype=float)
    for yy, v, is_total in zip(y, sel, np.arange(n) == n - 1, strict=True):
        face = GAYA[0][0] if is_total and len(total) else GAYA[1][0]
        ax_sel.barh(yy, 0.0 if np.isnan(v) else v, height=0.7, facecolor=face,
                    edgecolor=_EDGE, linewidth=0.6)
        if np.isfinite(v):
            ax_sel.text(v, yy, f" {angka(v, 2, lang)} ", va="center", fontsize=6.5,
                        ha="left" if v >= 0 else "right")
    lim = float(np.nanmax(np.abs(sel), initial=0.0)) if np.isfinite(sel).any() else 1.0
    ax_sel.set_xlim(min(0.0, float(np.nanmin(sel, initial=0.0))) * 1.35 - 0.02,
                    max(lim, 0.1) * 1.35)
    ax_sel.axvline(0, color=_EDGE, linewidth=0.8)
    ax_sel.set_xlabel(_bungkus(t("analisis.kesepakatan.grafik.selisih_x", lang), 34), fontsize=8)
    ax_sel.set_title(t("analisis.kesepakatan.grafik.selisih", lang), fontsize=8, pad=22)

    for ax in (ax_icc, ax_sel):
        if len(total):
            ax.axhline(y[-1] + 0.8, color=_EDGE, linewidth=0.6)
        if lain:
            garis = y[maks // 2 - 1] - 0.5
            ax.axhline(garis, color=_EDGE, linewidth=0.8, linestyle=(0, (4, 3)))
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=6.5)
    ax_icc.xaxis.set_major_locator(MaxNLocator(4, prune="upper"))
    ax_sel.xaxis.set_major_locator(MaxNLocator(4, prune="lower"))
    if lain:
        ax_icc.text(0.01, y[maks // 2 - 1] - 0.5,
                    " " + t("analisis.kesepakatan.grafik.lainnya", lang, n=lain) + " ",
                    transform=ax_icc.get_yaxis_transform(), ha="left", va="center", fontsize=7,
                    style="italic", backgroundcolor="white")
    fig.suptitle(t("analisis.kesepakatan.grafik.judul", lang))
    return fig
