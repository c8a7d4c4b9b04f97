"""The report section "dari tahun ke tahun" (year to year) of a multi-year run.

:func:`simkit.run` on a scenario with a ``periode`` section writes ``tabel/periode`` (one row
per seed, rule, year, group and measure), its wide form and ``tabel/periode_pita`` (the bands
over seeds: ``rata_rata``, ``q10``, ``q50``, ``q90``, ``jumlah_seed``). This section reads
``periode_pita`` only and computes no metric: a paragraph answering the scenario's question
from the numbers (which rule leaves the puskesmas with the shortest *true* waiting time,
under which the reported figures look better than reality, and whether the bands over seeds
overlap), the charts of :mod:`simkit.report.grafik_periode`, one table per measure (rules as
rows, years as columns, the band in brackets) and who games where (by kind of position and the
OPDs gaming most). A single-year run has no such table, so no such section
(:func:`ada_periode`).

>>> ada_periode("/nowhere")
False
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.i18n import label, t
from simkit.presentation.format import bulat, persen
from simkit.report import grafik_periode as gp
from simkit.report.grafik_periode import (
    ATAS,
    BAWAH,
    GRAFIK_PERIODE,
    SEMUA,
    label_ukuran,
    teks_alt,
    tulis,
    urutan_aturan,
)

if TYPE_CHECKING:
    from simkit.report.sajian import Blok, Laporan

NAMA = "periode"
"""The section's name (``laporan.bagian.periode``)."""

TABEL = "periode_pita"
"""The run-folder table the section reads."""

TABEL_UKURAN: dict[str, tuple[str, ...]] = {
    "periode_waktu_tunggu": ("waktu_tunggu_benar", "waktu_tunggu_lapor",
                             "selisih_waktu_tunggu"),
    "periode_kinerja": ("peringkat_benar_rata", "peringkat_rata", "selisih_peringkat"),
    "periode_layanan": ("layanan_benar_puskesmas",),
    "periode_akurasi": ("akurasi",),
    "periode_tpp": ("biaya_tpp_tahunan",),
}
"""After each chart, the tables of these measures (rules × years)."""

OPD_TERATAS = 10
"""OPDs shown in the who-games table (most gaming under any rule first)."""


def ada_periode(folder: str | Path) -> bool:
    """Whether run folder ``folder`` holds a multi-year table with more than one year."""
    p = Path(folder) / "tabel" / f"{TABEL}.parquet"
    if not p.is_file():
        return False
    return int(pd.read_parquet(p, columns=["tahun"])["tahun"].max()) > 1


def _semua(pita: pd.DataFrame) -> pd.DataFrame:
    return pita[pita["dimensi"].astype(str) == SEMUA]


def tabel_ukuran(pita: pd.DataFrame, ukuran: str, lang: str,
                 labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Measure ``ukuran`` as text: one row per rule (its label), one column per year (its
    label), each cell the mean and, over several seeds, the [q10 – q90] band.

    >>> p = pd.DataFrame({"aturan": "a", "tahun": [1, 2], "dimensi": "semua",
    ...                   "kelompok": "semua", "ukuran": "akurasi", "rata_rata": [.5, .6],
    ...                   "q10": [.4, .5], "q90": [.6, .7], "jumlah_seed": 2})
    >>> tabel_ukuran(p, "akurasi", "en").to_dict("records")
    [{'aturan': 'a', 'Year 1': '50.0% [40.0% – 60.0%]', 'Year 2': '60.0% [50.0% – 70.0%]'}]
    """
    d = _semua(pita)
    d = d[d["ukuran"] == ukuran]
    banyak = int(d["jumlah_seed"].max()) > 1 if len(d) else False
    rows = []
    for r in urutan_aturan(d, labels):
        g = d[d["aturan"].astype(str) == r].sort_values("tahun")
        row: dict[str, Any] = {"aturan": r}
        for x in g.itertuples():
            sel = tulis(x.rata_rata, ukuran, lang, satuan=False)
            if banyak:
                sel += (f" [{tulis(getattr(x, BAWAH), ukuran, lang, False)} – "
                        f"{tulis(getattr(x, ATAS), ukuran, lang, False)}]")
            row[t("periode.tahun_ke", lang, n=int(x.tahun))] = sel
        rows.append(row)
    return pd.DataFrame(rows)


def _nilai(d: pd.DataFrame, ukuran: str, tahun: int) -> pd.DataFrame:
    """The rows of ``ukuran`` in year ``tahun``, one per rule, indexed by rule."""
    return d[(d["ukuran"] == ukuran) & (d["tahun"] == tahun)].set_index(
        d.loc[(d["ukuran"] == ukuran) & (d["tahun"] == tahun), "aturan"].astype(str))


def _label(pita: pd.DataFrame, labels: dict[str, str] | None, lang: str) -> dict[str, str]:
    """The run's labels, else the built-in rules' names."""
    return dict(labels) if labels else gp.label_bawaan(pita, lang)


def selisih_berpasangan(tabel: pd.DataFrame, ukuran: str, tahun: int, acuan: str,
                        ) -> pd.DataFrame:
    """Per rule, ``ukuran`` minus the rule ``acuan``'s in the same seed (the rules share every
    draw of a seed), over seeds: ``q10``, ``q90`` (rows: rules other than ``acuan``).

    >>> t = pd.DataFrame({"seed": [1, 1, 2, 2], "aturan": ["a", "b"] * 2, "tahun": 1,
    ...                   "dimensi": "semua", "ukuran": "u", "nilai": [1., 2., 5., 6.5]})
    >>> selisih_berpasangan(t, "u", 1, "a").round(2).to_dict("index")
    {'b': {'q10': 1.05, 'q90': 1.45}}
    """
    d = tabel[(tabel["dimensi"].astype(str) == SEMUA) & (tabel["ukuran"] == ukuran)
              & (tabel["tahun"] == tahun)]
    w = d.pivot_table(index="seed", columns="aturan", values="nilai", aggfunc="first")
    beda = w.drop(columns=acuan).sub(w[acuan], axis=0)
    return pd.DataFrame({BAWAH: beda.quantile(0.1), ATAS: beda.quantile(0.9)})


def jawaban(pita: pd.DataFrame, lang: str, labels: dict[str, str] | None = None,
            tabel: pd.DataFrame | None = None) -> list[str]:
    """The plain-language answer to the scenario's question, from the bands: the rule with
    the shortest and the longest true waiting time in the last year, the rule whose reported
    figures run furthest ahead of the truth, and, over several seeds, whether the best rule's
    lead is certain (with ``tabel``, the per-seed table: the 10-90 % band of each rule's
    difference to it in the same seed excludes zero; else: its band overlaps no other's);
    without waiting-time indicators, the same for true and rated performance."""
    lab = _label(pita, labels, lang)

    def nama(r: str) -> str:
        return lab.get(r, r)

    d = _semua(pita)
    akhir = int(d["tahun"].max())
    n = int(d["jumlah_seed"].max())
    out: list[str] = []
    benar = _nilai(d, "waktu_tunggu_benar", akhir)
    if len(benar) and benar["rata_rata"].notna().any():
        u = "waktu_tunggu_benar"
        awal = _nilai(d, u, int(d["tahun"].min()))["rata_rata"].mean()
        urut = benar["rata_rata"].sort_values(kind="stable")
        terbaik, terburuk = str(urut.index[0]), str(urut.index[-1])
        out.append(t("periode.laporan.jawaban", lang, tahun=akhir, terbaik=nama(terbaik),
                     nilai_terbaik=tulis(urut.iloc[0], u, lang), awal=tulis(awal, u, lang),
                     terburuk=nama(terburuk), nilai_terburuk=tulis(urut.iloc[-1], u, lang)))
        pertama = int(d["tahun"].min())
        lapor = _nilai(d, "waktu_tunggu_lapor", akhir)["rata_rata"]
        lapor_awal = _nilai(d, "waktu_tunggu_lapor", pertama)["rata_rata"]
        benar_awal = _nilai(d, "waktu_tunggu_benar", pertama)["rata_rata"]
        # the part of the reported improvement since year 1 that the true one does not show
        hanya_angka = ((lapor_awal - lapor) - (benar_awal - benar["rata_rata"])).dropna()
        hanya_angka = hanya_angka.sort_values(ascending=False, kind="stable")
        if len(hanya_angka) and hanya_angka.iloc[0] > 0:
            r = str(hanya_angka.index[0])
            porsi = _nilai(d, "porsi_gaming_waktu", akhir)["rata_rata"]
            out.append(t("periode.laporan.jawaban_gaming", lang, aturan=nama(r),
                         turun_lapor=tulis(lapor_awal[r] - lapor[r], u, lang),
                         turun_benar=tulis(benar_awal[r] - benar.loc[r, "rata_rata"], u, lang),
                         selisih=tulis(hanya_angka.iloc[0], u, lang),
                         porsi=persen(porsi.get(r), lang)))
        else:
            out.append(t("periode.laporan.jawaban_tanpa_gaming", lang))
        if n > 1:
            lo, hi = benar.loc[terbaik, BAWAH], benar.loc[terbaik, ATAS]
            if tabel is not None:
                beda = selisih_berpasangan(tabel, u, akhir, terbaik)
                lain = [str(a) for a in beda.index if not beda.loc[a, BAWAH] > 0]
            else:
                lain = [str(a) for a in benar.index if str(a) != terbaik
                        and benar.loc[a, BAWAH] <= hi]
            isi = {"n": n, "terbaik": nama(terbaik), "bawah": tulis(lo, u, lang),
                   "atas": tulis(hi, u, lang)}
            out.append(t("periode.laporan.jawaban_belum_pasti", lang,
                         lain=", ".join(nama(a) for a in lain), **isi) if lain else
                       t("periode.laporan.jawaban_pasti", lang, **isi))
    else:
        out.append(t("periode.laporan.tanpa_waktu_tunggu", lang))
    kin = _nilai(d, "peringkat_benar_rata", akhir)["rata_rata"].sort_values(
        ascending=False, kind="stable")
    gap = _nilai(d, "selisih_peringkat", akhir)["rata_rata"].sort_values(
        ascending=False, kind="stable")
    if len(kin) and len(gap):
        out.append(t("periode.laporan.jawaban_kinerja", lang, tahun=akhir,
                     terbaik=nama(str(kin.index[0])),
                     nilai_terbaik=tulis(kin.iloc[0], "peringkat_benar_rata", lang),
                     dilebihkan=nama(str(gap.index[0])),
                     selisih=tulis(gap.iloc[0], "selisih_peringkat", lang)))
    return out


def tabel_gaming(pita: pd.DataFrame, dimensi: str, lang: str,
                 labels: dict[str, str] | None = None, maks: int | None = None,
                 ) -> pd.DataFrame:
    """Who games where in the last year: ``porsi_gaming_waktu`` per group (rows, labelled)
    and rule (columns, labelled); ``maks`` keeps the groups gaming most under any rule."""
    d = pita[(pita["dimensi"].astype(str) == dimensi) & (pita["ukuran"] == "porsi_gaming_waktu")]
    d = d[d["tahun"] == d["tahun"].max()]
    if d.empty or d["rata_rata"].isna().all():
        return pd.DataFrame()
    labels = _label(d, labels, lang)
    rules = urutan_aturan(d, labels)
    piv = d.pivot_table(index="kelompok", columns="aturan", values="rata_rata",
                        aggfunc="first", sort=False).reindex(columns=rules)
    piv = piv.loc[piv.max(axis=1).sort_values(ascending=False, kind="stable").index]
    if maks is not None:
        piv = piv.head(maks)
    kelompok = [label(dimensi, k, lang) if dimensi != "opd" else str(k) for k in piv.index]
    out = pd.DataFrame({t("periode.laporan.kelompok", lang): kelompok})
    for r in rules:
        out[(labels or {}).get(r, r)] = [persen(v, lang) for v in piv[r]]
    return out


def blok_periode(lap: Laporan) -> list[Blok]:
    """The blocks of the section (empty for a run without several years)."""
    from simkit.report.sajian import Gambar, _h, _p

    if not lap.ada(TABEL):
        return []
    pita = lap.tabel(TABEL)
    if int(pita["tahun"].max()) <= 1:
        return []
    lang = lap.lang
    labels = lap.labels or None
    d = _semua(pita)
    akhir = int(d["tahun"].max())
    n = int(d["jumlah_seed"].max())
    per = (lap.manifest.get("periode") or {}).get("periode") or {}
    out: list[Blok] = [lap._judul(NAMA),
                       _p(t("periode.laporan.pengantar", lang, tahun=akhir,
                            evaluasi=per.get("evaluasi_per_tahun", "–"))),
                       _p(" ".join(jawaban(pita, lang, labels, lap.tabel("periode"))),
                          "jawaban"),
                       _p(t("periode.laporan.pita" if n > 1 else "periode.laporan.satu_seed",
                            lang, n=n), "catatan")]

    def gambar(nama: str) -> list[Blok]:
        p = lap.folder / "grafik" / f"{nama}.png"
        return [Gambar(p, teks_alt(nama, lang))] if p.is_file() else []

    for nama in GRAFIK_PERIODE:
        out += gambar(nama)
        for u in TABEL_UKURAN.get(nama, ()):
            tb = tabel_ukuran(pita, u, lang, labels)
            if tb.empty or (tb.drop(columns="aturan") == "–").all().all():
                continue
            out += [_h(3, t("periode.laporan.tabel_ukuran", lang, ukuran=label_ukuran(u, lang))),
                    lap._html_tabel(tb, nama=TABEL, maks=None)]
        if nama == "periode_distribusi":
            out += _distribusi(lap, d, akhir, labels)
    jab = tabel_gaming(pita, "jenis_jabatan", lang, labels)
    if not jab.empty:
        out += [_h(3, t("periode.laporan.gaming_jabatan", lang, tahun=akhir)),
                _p(t("periode.laporan.gaming_isi", lang)),
                lap._html_tabel(jab, nama=TABEL, maks=None)]
    opd = tabel_gaming(pita, "opd", lang, labels, OPD_TERATAS)
    if not opd.empty:
        out += [_h(3, t("periode.laporan.gaming_opd", lang, tahun=akhir,
                        n=bulat(len(opd), lang))),
                lap._html_tabel(opd, nama=TABEL, maks=None)]
    out.append(_p(t("periode.laporan.asumsi", lang), "catatan"))
    return out


def _distribusi(lap: Laporan, d: pd.DataFrame, tahun: int,
                labels: dict[str, str] | None) -> list[Blok]:
    from simkit.report.sajian import _h

    ukuran = [f"proporsi_peringkat_{k}" for k in (5, 4, 3, 2, 1)]
    x = d[(d["tahun"] == tahun) & d["ukuran"].isin(ukuran)]
    if x.empty:
        return []
    piv = x.pivot_table(index="aturan", columns="ukuran", values="rata_rata", aggfunc="first",
                        sort=False).reindex(index=urutan_aturan(x, labels), columns=ukuran)
    tb = pd.DataFrame({"aturan": piv.index})
    for u in ukuran:
        tb[label_ukuran(u, lap.lang)] = [persen(v, lap.lang) for v in piv[u]]
    return [_h(3, t("periode.laporan.distribusi", lap.lang, tahun=tahun)),
            lap._html_tabel(tb, nama=TABEL, maks=None)]
