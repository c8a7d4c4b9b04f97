"""Before/after analysis of the resistance instrument (issue 12 §4): ``simkit pelatihan
analisis FILE``.

Scores: a Likert subscale's score is the mean of its answered items (reverse-keyed items
flipped, ``min + max − x``) when at least ``min_terisi`` of them are answered, else missing;
the knowledge score is the number of correct ``kt_*`` answers (unanswered = wrong; all
unanswered = missing). Higher is always more favourable (less resistance, more knowledge).

Per scale (nine subscales and knowledge): Cronbach's alpha at each time (listwise over that
time's respondents; for knowledge it is KR-20); over the pairs (a code with both a
``sebelum`` and a ``sesudah`` row and both scores): means, the mean change with its t-based
CI, the paired t-test, Cohen's ``d_z`` with its noncentral-t CI, the Wilcoxon signed-rank test
with ``r = Z/√n``, Holm's correction over the family of all scales tested (t and Wilcoxon
separately), and the shares who improved (change ≥ ``ambang``), stayed or worsened
(≤ −``ambang``): ``ambang_perubahan`` (Likert, scale points) and ``ambang_pengetahuan``
(items) are parameters of the instrument. The statistics live in
:mod:`simkit.analysis.uji_berpasangan`.

Output folder (written atomically, with ``manifest.json``): ``tabel/skala.csv`` (+ ``.xlsx``),
``tabel/skor_pasangan.csv``, ``grafik/sebelum_sesudah.png``, ``grafik/perubahan.png``,
``ringkasan.html`` (plain-language summary for the trainer, in the chosen language).

>>> from simkit.pelatihan.sintetis import bangkitkan
>>> h = analisis(bangkitkan(n=40, efek=0.8, seed=3))
>>> int(h.n_pasangan), bool((h.tabel["d_z"].iloc[:9] > 0).all())
(40, True)
"""

from __future__ import annotations

import html
import json
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.uji_berpasangan import (
    alpha_cronbach,
    ci_nonsentral,
    holm,
    uji_t_berpasangan,
    wilcoxon_berpasangan,
)
from simkit.errors import galat
from simkit.i18n import get_lang, t
from simkit.pelatihan.instrumen import KOLOM_KODE, KOLOM_WAKTU, Instrumen, muat_instrumen
from simkit.presentation.format import angka, persen

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PENGETAHUAN = "pengetahuan"
"""Id of the knowledge scale in the results."""

JENIS = "evaluasi_pelatihan"
"""``jenis`` of the output folder's manifest."""

ALPHA_RENDAH = 0.6
"""Alpha below which the summary warns that a subscale measures unreliably (a common rule
of thumb for short research scales; Nunnally's 0.7 is stricter)."""


def _k(kunci: str, lang: str, **kw: Any) -> str:
    return t(f"pelatihan.analisis.{kunci}", lang, **kw)


@dataclass
class HasilAnalisis:
    """The analysis: one row per scale (:attr:`tabel`), the paired scores (:attr:`skor`,
    long: ``kode, skala, sebelum, sesudah, selisih, arah``) and the counts."""

    tabel: pd.DataFrame
    skor: pd.DataFrame
    n_pasangan: int
    n_sebelum_saja: int
    n_sesudah_saja: int
    parameter: dict[str, float]
    label: dict[str, dict[str, str]] = field(default_factory=dict)
    berkas: str | None = None


def _item_skala(data: pd.DataFrame, ins: Instrumen) -> dict[str, np.ndarray]:
    """Per scale, the (rows × items) matrix of favourable-direction item values."""
    out: dict[str, np.ndarray] = {}
    for s in ins.subskala:
        x = data[[b.id for b in s.butir]].to_numpy(dtype="float64")
        balik = np.array([b.terbalik for b in s.butir])
        out[s.id] = np.where(balik, ins.skala_min + ins.skala_maks - x, x)
    if ins.pengetahuan:
        jawab = data[[b.id for b in ins.pengetahuan]].to_numpy(dtype=object)
        kunci = np.array([b.huruf_benar for b in ins.pengetahuan], dtype=object)
        benar = (jawab == kunci).astype("float64")
        semua_kosong = pd.DataFrame(jawab).isna().all(axis=1).to_numpy()
        benar[semua_kosong] = np.nan
        out[PENGETAHUAN] = benar
    return out


def skor_skala(data: pd.DataFrame, ins: Instrumen | None = None) -> pd.DataFrame:
    """One score per row of ``data`` (simkit layout) and scale, as the module docstring
    defines them.

    >>> from simkit.pelatihan.sintetis import bangkitkan
    >>> s = skor_skala(bangkitkan(n=5, seed=1))
    >>> list(s.columns)[-2:], bool(s["keadilan_prosedural"].between(1, 5).all())
    (['valensi_pribadi', 'pengetahuan'], True)
    """
    ins = ins or muat_instrumen()
    out = {}
    for sid, x in _item_skala(data, ins).items():
        if sid == PENGETAHUAN:
            out[sid] = x.sum(axis=1)
            continue
        n_isi = (~np.isnan(x)).sum(axis=1)
        perlu = math.ceil(ins.parameter["min_terisi"] * x.shape[1] - 1e-9)
        m = np.nan_to_num(x).sum(axis=1) / np.maximum(n_isi, 1)
        out[sid] = np.where(n_isi >= max(perlu, 1), m, np.nan)
    return pd.DataFrame(out, index=data.index)


def _label(ins: Instrumen) -> dict[str, dict[str, str]]:
    lab = {s.id: s.label for s in ins.subskala}
    if ins.pengetahuan:
        lab[PENGETAHUAN] = ins.label_pengetahuan
    return lab


def analisis(data: pd.DataFrame, ins: Instrumen | None = None,
             ambang: float | None = None) -> HasilAnalisis:
    """Analyse responses in the simkit layout (:func:`~simkit.pelatihan.impor_respons.
    baca_respons`, or the generator's frame). ``ambang`` overrides ``ambang_perubahan``."""
    ins = ins or muat_instrumen()
    par = dict(ins.parameter)
    if ambang is not None:
        par["ambang_perubahan"] = float(ambang)
    if data.empty:
        raise galat("respons_kosong", berkas=data.attrs.get("berkas"))
    skor = skor_skala(data, ins)
    item = _item_skala(data, ins)
    waktu = data[KOLOM_WAKTU].to_numpy()
    kode = data[KOLOM_KODE].to_numpy()
    pra = pd.Series(np.flatnonzero(waktu == "sebelum"), index=kode[waktu == "sebelum"])
    pasca = pd.Series(np.flatnonzero(waktu == "sesudah"), index=kode[waktu == "sesudah"])
    bersama = pra.index.intersection(pasca.index).sort_values()
    i0, i1 = pra[bersama].to_numpy(), pasca[bersama].to_numpy()
    conf = par["tingkat_kepercayaan"]
    baris, panjang = [], []
    for sid in skor.columns:
        a, b = skor[sid].to_numpy()[i0], skor[sid].to_numpy()[i1]
        ok = ~np.isnan(a) & ~np.isnan(b)
        d = np.round(b[ok] - a[ok], 9)
        amb = par["ambang_pengetahuan"] if sid == PENGETAHUAN else par["ambang_perubahan"]
        tt = uji_t_berpasangan(d, conf, ci_efek=False)
        w = wilcoxon_berpasangan(d)
        n = int(ok.sum())
        x0, x1 = item[sid][waktu == "sebelum"], item[sid][waktu == "sesudah"]
        if sid == PENGETAHUAN:  # KR-20 over the respondents with a score (blank = wrong)
            x0 = np.nan_to_num(x0[~np.isnan(x0).all(axis=1)])
            x1 = np.nan_to_num(x1[~np.isnan(x1).all(axis=1)])
        arah = np.where(d >= amb - 1e-9, "membaik", np.where(d <= -amb + 1e-9, "memburuk",
                                                             "tetap"))
        baris.append({
            "skala": sid, "n_pasangan": n,
            "alpha_sebelum": alpha_cronbach(x0), "alpha_sesudah": alpha_cronbach(x1),
            "rata_sebelum": float(a[ok].mean()) if n else np.nan,
            "rata_sesudah": float(b[ok].mean()) if n else np.nan,
            "selisih": tt["rata"], "sd_selisih": tt["sd"], "ci_bawah": tt["ci_bawah"],
            "ci_atas": tt["ci_atas"], "t": tt["t"], "df": tt["df"], "p_t": tt["p"],
            "d_z": tt["d_z"], "d_z_bawah": tt["d_z_bawah"], "d_z_atas": tt["d_z_atas"],
            "w_plus": w["w_plus"], "n_bukan_nol": w["n_bukan_nol"], "z_wilcoxon": w["z"],
            "p_wilcoxon": w["p"], "wilcoxon_eksak": bool(w["eksak"] == 1.0), "r": w["r"],
            "ambang": amb,
            "membaik": float((arah == "membaik").mean()) if n else np.nan,
            "tetap": float((arah == "tetap").mean()) if n else np.nan,
            "memburuk": float((arah == "memburuk").mean()) if n else np.nan,
        })
        panjang.append(pd.DataFrame({"kode": np.asarray(bersama)[ok], "skala": sid,
                                     "sebelum": a[ok], "sesudah": b[ok], "selisih": d,
                                     "arah": arah}))
    tabel = pd.DataFrame(baris)
    n = tabel["n_pasangan"].to_numpy(dtype="float64")
    lo, hi = ci_nonsentral(tabel["t"].to_numpy(), np.maximum(n - 1, 1), conf)
    with np.errstate(invalid="ignore", divide="ignore"):
        tabel["d_z_bawah"], tabel["d_z_atas"] = lo / np.sqrt(n), hi / np.sqrt(n)
    tabel.insert(tabel.columns.get_loc("d_z"), "p_t_holm", holm(tabel["p_t"].to_numpy()))
    tabel.insert(tabel.columns.get_loc("wilcoxon_eksak"), "p_wilcoxon_holm",
                 holm(tabel["p_wilcoxon"].to_numpy()))
    tabel["bermakna"] = tabel["p_t_holm"] < 1.0 - conf
    return HasilAnalisis(tabel, pd.concat(panjang, ignore_index=True), len(bersama),
                         int(len(pra) - len(bersama)), int(len(pasca) - len(bersama)), par,
                         _label(ins), data.attrs.get("berkas"))


# --------------------------------------------------------------------------- charts
def _bungkus(s: str, lebar: int = 18) -> str:
    return "\n".join(textwrap.wrap(s, lebar, break_long_words=False)) or s


def _petak(n: int) -> tuple[Figure, np.ndarray]:
    from matplotlib.figure import Figure

    kolom = 5
    baris = math.ceil(n / kolom)
    fig = Figure(figsize=(7.0, 2.3 * baris + 0.4), layout="constrained")
    ax = fig.subplots(baris, kolom, squeeze=False).ravel()
    for a in ax[n:]:
        a.set_visible(False)
    return fig, ax


def grafik_sebelum_sesudah(h: HasilAnalisis, lang: str | None = None) -> Figure:
    """Pre and post score per scale: one thin grey line per pair, the means in black."""
    lang = lang or get_lang()
    sk = list(h.tabel["skala"])
    fig, ax = _petak(len(sk))
    for a, sid in zip(ax, sk, strict=False):
        s = h.skor[h.skor["skala"] == sid]
        if len(s):
            y = np.vstack([s["sebelum"].to_numpy(), s["sesudah"].to_numpy()])
            a.plot([0, 1], y, color="#9a9a9a", linewidth=0.6, alpha=0.35)
            a.plot([0, 1], y.mean(axis=1), color="black", linewidth=2.2, marker="o")
        a.set_xticks([0, 1], [_k("sebelum", lang), _k("sesudah", lang)], fontsize=7)
        a.set_xlim(-0.25, 1.25)
        a.tick_params(axis="y", labelsize=7)
        a.set_title(_bungkus(h.label.get(sid, {}).get(lang, sid)), fontsize=7.5)
    fig.suptitle(_k("judul_grafik_pasangan", lang), fontsize=9)
    return fig


def png(fig: Figure) -> bytes:
    """A chart as PNG bytes (to show in a notebook without pyplot)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, facecolor="white")
    return buf.getvalue()


def grafik_perubahan(h: HasilAnalisis, lang: str | None = None) -> Figure:
    """Histogram of the change (post − pre) per scale, the threshold dashed."""
    lang = lang or get_lang()
    sk = list(h.tabel["skala"])
    fig, ax = _petak(len(sk))
    amb = dict(zip(h.tabel["skala"], h.tabel["ambang"], strict=True))
    for a, sid in zip(ax, sk, strict=False):
        d = h.skor.loc[h.skor["skala"] == sid, "selisih"].to_numpy()
        lebar = 1.0 if sid == PENGETAHUAN else 0.25
        batas = max(2.0, float(np.abs(d).max()) if len(d) else 0.0) + lebar
        tepi = np.arange(-batas - lebar / 2, batas + lebar, lebar)
        a.hist(d, bins=tepi, color="#7f7f7f", edgecolor="black", linewidth=0.4)
        for x in (-amb[sid], amb[sid]):
            a.axvline(x, color="black", linestyle="--", linewidth=0.8)
        a.tick_params(labelsize=7)
        a.set_title(_bungkus(h.label.get(sid, {}).get(lang, sid)), fontsize=7.5)
    fig.suptitle(_k("judul_grafik_perubahan", lang), fontsize=9)
    fig.supxlabel(_k("sumbu_perubahan", lang), fontsize=8)
    return fig


# --------------------------------------------------------------------------- summary
def ringkasan(h: HasilAnalisis, lang: str | None = None) -> dict[str, Any]:
    """The trainer's summary as plain-language parts: ``pembuka``, ``peringatan`` (list),
    ``skala`` (one sentence per scale) and ``batasan`` (why a simple pre/post overstates)."""
    lang = lang or get_lang()

    def a(x: float, d: int = 2) -> str:
        return "–" if x is None or not np.isfinite(x) else angka(x, d, lang)

    par = h.parameter
    alpha = 1.0 - par["tingkat_kepercayaan"]
    peringatan = []
    minimal = int(par["pasangan_minimal"])
    if h.n_pasangan < minimal:
        peringatan.append(_k("sedikit_pasangan", lang, n=h.n_pasangan, minimal=minimal))
    if h.n_sebelum_saja or h.n_sesudah_saja:
        peringatan.append(_k("tanpa_pasangan", lang, sebelum=h.n_sebelum_saja,
                             sesudah=h.n_sesudah_saja))
    rendah = [h.label[r.skala][lang] for r in h.tabel.itertuples()
              if r.skala != PENGETAHUAN and (np.nan_to_num(r.alpha_sebelum, nan=1) < ALPHA_RENDAH
                                             or np.nan_to_num(r.alpha_sesudah, nan=1)
                                             < ALPHA_RENDAH)]
    if rendah:
        peringatan.append(_k("alpha_rendah", lang, skala=", ".join(rendah),
                             batas=angka(ALPHA_RENDAH, 1, lang)))
    kalimat = []
    for r in h.tabel.itertuples():
        if r.n_pasangan >= 2 and r.sd_selisih == 0:
            kalimat.append(_k("tanpa_variasi", lang, skala=h.label[r.skala][lang],
                              n=r.n_pasangan, selisih=a(r.selisih)))
            continue
        if r.n_pasangan < 2 or not np.isfinite(r.d_z):
            kalimat.append(_k("skala_kosong", lang, skala=h.label[r.skala][lang],
                              n=r.n_pasangan))
            continue
        if r.bermakna:
            putusan = _k("naik" if r.selisih > 0 else "turun", lang, p=a(r.p_t_holm, 3))
        else:
            putusan = _k("tidak_bermakna", lang, p=a(r.p_t_holm, 3))
        kalimat.append(_k(
            "skala", lang, skala=h.label[r.skala][lang], sebelum=a(r.rata_sebelum),
            sesudah=a(r.rata_sesudah), selisih=("+" if r.selisih > 0 else "") + a(r.selisih),
            ci_bawah=a(r.ci_bawah), ci_atas=a(r.ci_atas), d_z=a(r.d_z), dz_bawah=a(r.d_z_bawah),
            dz_atas=a(r.d_z_atas), putusan=putusan, r=a(r.r),
            membaik=persen(r.membaik, lang, 0), tetap=persen(r.tetap, lang, 0),
            memburuk=persen(r.memburuk, lang, 0), ambang=a(r.ambang, 1)))
    return {"pembuka": _k("pembuka", lang, n=h.n_pasangan, alpha=a(alpha, 2)),
            "peringatan": peringatan, "skala": kalimat,
            "batasan": [_k(f"batasan.{b}", lang) for b in
                        ("tanpa_kontrol", "regresi", "tuntutan", "pengujian", "gugur")],
            "saran": _k("saran", lang)}


def ringkasan_html(h: HasilAnalisis, lang: str | None = None,
                   grafik: tuple[str, ...] = (), lengkap: bool = True) -> str:
    """The summary as one offline HTML page (``grafik``: relative PNG paths to show);
    ``lengkap=False``: only the body's content in a ``div``, to show inside a notebook."""
    lang = lang or get_lang()
    r = ringkasan(h, lang)
    e = html.escape
    li = "".join
    bagian = [f"<h1>{e(_k('judul', lang))}</h1>", f"<p>{e(r['pembuka'])}</p>"]
    if r["peringatan"]:
        bagian.append(f"<div class='peringatan'><h2>{e(_k('judul_peringatan', lang))}</h2><ul>"
                      + li(f"<li>{e(x)}</li>" for x in r["peringatan"]) + "</ul></div>")
    bagian.append(f"<h2>{e(_k('judul_hasil', lang))}</h2><ul>"
                  + li(f"<li>{e(x)}</li>" for x in r["skala"]) + "</ul>")
    bagian += [f"<p><img src='{e(g)}' alt='{e(Path(g).stem)}' style='max-width:100%'></p>"
               for g in grafik]
    bagian.append(f"<h2>{e(_k('judul_batasan', lang))}</h2><ul>"
                  + li(f"<li>{e(x)}</li>" for x in r["batasan"]) + "</ul>"
                  + f"<p>{e(r['saran'])}</p>")
    if not lengkap:
        return "<div>" + "".join(bagian) + "</div>"
    gaya = ("body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#000;"
            "line-height:1.45}.peringatan{border:2px solid #000;padding:0 1em}"
            "h1{font-size:1.5em}h2{font-size:1.15em}")
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{e(_k('judul', lang))}</title><style>{gaya}</style></head><body>"
            + "".join(bagian) + "</body></html>\n")


# --------------------------------------------------------------------------- output
def _periksa_folder(folder: Path, timpa: bool) -> None:
    if timpa or not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
        return
    if not folder.is_dir():
        raise galat("keluaran_bukan_folder", berkas=str(folder))
    try:
        m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        m = None
    if not (isinstance(m, dict) and m.get("jenis") == JENIS):
        raise galat("keluaran_berisi_lain", berkas=str(folder),
                    isi_folder=t("galat._keluaran.lain"),
                    jenis=t("pelatihan.analisis.jenis_keluaran"))


def tulis_hasil(h: HasilAnalisis, folder: str | Path, lang: str | None = None,
                timpa: bool = False) -> Path:
    """Write the tables, charts, HTML summary and manifest into ``folder`` atomically (the
    folder appears complete or not at all). A folder holding anything but an earlier
    analysis is refused unless ``timpa``."""
    from simkit.atomic import atomic_path
    from simkit.manifest import build_manifest, write_manifest
    from simkit.report.charts import simpan
    from simkit.tables import sha256_berkas, tulis_buku_kerja, tulis_tabel

    lang = lang or get_lang()
    folder = Path(folder)
    _periksa_folder(folder, timpa)
    tabel = h.tabel.copy()
    tabel.insert(1, "label", [h.label[s][lang] for s in tabel["skala"]])
    with atomic_path(folder) as tmp:
        (tmp / "tabel").mkdir(parents=True)
        (tmp / "grafik").mkdir()
        tulis_tabel(tabel, tmp / "tabel" / "skala.csv")
        tulis_tabel(h.skor, tmp / "tabel" / "skor_pasangan.csv")
        tulis_buku_kerja({"skala": tabel, "skor_pasangan": h.skor}, tmp / "tabel" / "hasil.xlsx")
        grafik = ("grafik/sebelum_sesudah.png", "grafik/perubahan.png")
        for nama, f in zip(grafik, (grafik_sebelum_sesudah, grafik_perubahan), strict=True):
            simpan(f(h, lang), tmp / nama)
        (tmp / "ringkasan.html").write_text(ringkasan_html(h, lang, grafik), encoding="utf-8")
        berkas = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
        write_manifest(tmp / "manifest.json", build_manifest(
            jenis=JENIS, masukan=h.berkas, bahasa=lang, parameter=h.parameter,
            n_pasangan=h.n_pasangan, n_sebelum_saja=h.n_sebelum_saja,
            n_sesudah_saja=h.n_sesudah_saja,
            berkas={b: sha256_berkas(tmp / b) for b in berkas}))
    return folder


def analisis_berkas(path: str | Path | Sequence[str | Path],
                    keluaran: str | Path | None = None, lang: str | None = None,
                    timpa: bool = False) -> tuple[HasilAnalisis, Path]:
    """Import ``path`` (one file or several: :func:`~simkit.pelatihan.impor_respons.
    baca_respons`), analyse it and write the results to ``keluaran`` (default:
    ``keluaran/evaluasi-<stem of the first file>``)."""
    from simkit.pelatihan.impor_respons import baca_respons

    ins = muat_instrumen()
    daftar = [path] if isinstance(path, str | Path) else list(path)
    h = analisis(baca_respons(daftar[0] if len(daftar) == 1 else daftar, ins), ins)
    out = Path(keluaran) if keluaran else Path("keluaran") / f"evaluasi-{Path(daftar[0]).stem}"
    return h, tulis_hasil(h, out, lang, timpa)
