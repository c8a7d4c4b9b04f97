"""The sections of the report notebook, built from a run folder (tables, charts, manifest).

``laporan.ipynb`` is deliberately thin: it creates a :class:`Laporan` on the run folder and
calls :meth:`Laporan.tampilkan` once per section, so the section logic is plain, testable
Python. Each section is a list of blocks: HTML text (headings, paragraphs, tables with
translated headers and Indonesian number formats) or a :class:`Gambar` (a PNG of ``grafik/``,
inlined at the width it was drawn). A section is displayed as one HTML output, so a printed
heading stays with what follows it; the long tables are shown in part, in full in the
appendix (``lampiran``).

Sections come from the output registry (:mod:`simkit.analysis.registri`): a section with a
method ``_b_<bagian>`` below is laid out by it; any other section (a new metric's) gets the
standard layout: its title, its text, and for each of its tables the charts and the table.

>>> bagian()[:3]
('judul', 'putusan', 'kartu')
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.analysis.registri import adalah_catatan, bagian_laporan, tabel_bagian
from simkit.i18n import get_lang, has, label, t
from simkit.kosakata import PREDIKAT_PERINGKAT
from simkit.population.patokan import TOLERANSI_PP, Patokan, galat_pp, muat_patokan
from simkit.presentation.format import angka, bulat, persen, rupiah
from simkit.presentation.label import judul_tabel, label_kolom, label_nilai
from simkit.presentation.tabel_html import MAKS_BARIS, tabel_html, tabel_html_transpos
from simkit.report.berlabel import kartu_berlabel, label_peringkat, rantai_kosakata
from simkit.report.charts import teks_alt
from simkit.report.sajian_periode import ada_periode


def bagian(periode: bool = False) -> tuple[str, ...]:
    """Sections in report order: the title, the sections of the output registry in the order
    of their first table (the verdict opens the report, then the kartu reformasi), with
    ``periode`` the multi-year section "dari tahun ke tahun"
    (:mod:`simkit.report.sajian_periode`), the manifest, the appendix (the long tables the
    body shows in part)."""
    return ("judul", *bagian_laporan(), *(("periode",) if periode else ()), "manifest",
            "lampiran")


MAKS_KOLOM_PUTUSAN = 6
GAYA_PUTUSAN = "font-size: 88%; line-height: 1.3; margin-top: 0.3em; margin-bottom: 0.3em"
"""The verdict is the report's one-page summary: its lists are set a little tighter."""
"""Rules side by side in one part of the verdict table (its cells are long)."""

KEADILAN_BADAN = 12
"""Significant fairness gaps shown in the body (largest first); all are in the appendix."""

IKM_BADAN = 10
"""Service units shown in the body (lowest converted IKM first); all are in the appendix."""

KOLOM_KEADILAN = ("aturan", "dimensi", "label_kelompok", "label_pembanding", "selisih",
                  "ci_bawah", "ci_atas", "signifikan", "n_kelompok", "n_pembanding")
KOLOM_IKM = ("nama_unit", "jenis_unit", "nama_opd", "jumlah_responden", "ikm", "ikm_konversi",
             "mutu", "kinerja_unit")


@dataclass(frozen=True)
class Gambar:
    """A chart of the run folder, displayed as a PNG image output at the size it was drawn
    (:func:`lebar_tampil`), so its fonts print at their point size."""

    path: Path
    alt: str = ""


def lebar_tampil(path: str | Path) -> int | None:
    """Display width (CSS px, 96 per inch) of a chart PNG: its pixel width at
    :data:`~simkit.report.charts.DPI`, i.e. the figure's width in inches; None if not a PNG."""
    from simkit.report.charts import DPI

    kepala = Path(path).read_bytes()[:24]
    if kepala[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return round(int.from_bytes(kepala[16:20], "big") * 96 / DPI)


Blok = str | Gambar


def _p(teks: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<p{c}>{html.escape(teks)}</p>"


def _h(level: int, teks: str, anchor: str | None = None) -> str:
    a = f' id="{anchor}"' if anchor else ""
    return f"<h{level}{a}>{html.escape(teks)}</h{level}>"


# --------------------------------------------------------------------------- the report


class Laporan:
    """The report of one run folder (``tabel/``, ``grafik/``, ``manifest.json``).

    ``Laporan(".", "en").blok("ringkasan")`` gives the blocks of one section;
    :meth:`tampilkan` displays them in a notebook; :meth:`html` joins them as HTML (tests).
    """

    def __init__(self, keluaran: str | Path = ".", lang: str | None = None,
                 skenario: str = "") -> None:
        self.folder = Path(keluaran)
        self.lang = lang or get_lang()
        self.skenario = skenario
        mf = self.folder / "manifest.json"
        self.manifest: dict[str, Any] = json.loads(mf.read_text("utf-8")) if mf.is_file() else {}
        self._cache: dict[str, pd.DataFrame | None] = {}
        a = self.tabel("aturan")
        self.labels: dict[str, str] = {} if a is None else dict(
            zip(a["aturan"].astype(str), a["label"].astype(str), strict=True))
        self.kosakata = rantai_kosakata(a)
        self.periode = ada_periode(self.folder)
        """The run has several years: the section "dari tahun ke tahun" is shown."""
        self.dasar: str | None = None
        if a is not None and len(a):
            hit = a.loc[a["dasar"].astype(bool), "aturan"]
            self.dasar = str(hit.iloc[0]) if len(hit) else None

    def bagian(self) -> tuple[str, ...]:
        """The sections of this run's report (:func:`bagian`)."""
        return bagian(self.periode)

    # ---- data
    def tabel(self, nama: str) -> pd.DataFrame | None:
        """A table of ``tabel/`` (Parquet, else CSV); None when absent or a note."""
        if nama not in self._cache:
            df = None
            for ext, read in ((".parquet", pd.read_parquet), (".csv", pd.read_csv)):
                p = self.folder / "tabel" / f"{nama}{ext}"
                if p.is_file():
                    df = read(p)
                    break
            self._cache[nama] = df
        return self._cache[nama]

    def ada(self, nama: str) -> bool:
        """Whether table ``nama`` holds data (present, non-empty, not a note)."""
        df = self.tabel(nama)
        return df is not None and len(df) > 0 and not adalah_catatan(df)

    def catatan(self, nama: str) -> str | None:
        """The note text of a table that could not be computed, if it is one."""
        df = self.tabel(nama)
        return str(df["catatan"].iloc[0]) if adalah_catatan(df) and len(df) else None

    def gambar(self, nama: str) -> list[Gambar]:
        """Chart ``grafik/<nama>.png`` (if drawn), with its title in the report's language as
        alternative text (else nbconvert writes an English placeholder into the page)."""
        p = self.folder / "grafik" / f"{nama}.png"
        alt = teks_alt(nama, self.lang, self._label(self.dasar))
        return [Gambar(p, alt)] if p.is_file() else []

    def _label(self, r: str | None) -> str:
        return self.labels.get(str(r), str(r)) if r else "-"

    def _html_tabel(self, df: pd.DataFrame, kolom: Sequence[str] | None = None,
               nama: str | None = None, maks: int | None = MAKS_BARIS) -> str:
        return tabel_html(df, self.lang, kolom, self.labels, maks, nama, self.kosakata)

    # ---- sections
    def blok(self, nama: str) -> list[Blok]:
        """The blocks of section ``nama`` (one of :func:`bagian`)."""
        if nama not in bagian(periode=True):
            raise KeyError(nama)
        khusus = getattr(self, f"_b_{nama}", None)
        return khusus() if khusus is not None else self._b_umum(nama)

    def _judul(self, nama: str) -> str:
        return _h(2, judul_bagian(nama, self.lang), f"bagian-{nama}")

    def _pembuka(self, nama: str, tabel: str, pakai_catatan: bool = True,
                 **isi: Any) -> tuple[list[Blok], bool]:
        """Title and text of section ``nama``; when ``tabel`` holds no data, its note (or the
        section's ``_kosong`` text) instead of the text, and False."""
        out: list[Blok] = [self._judul(nama)]
        if not self.ada(tabel):
            note = self.catatan(tabel) if pakai_catatan else None
            out.append(_p(note or t(f"laporan.teks.{nama}_kosong", self.lang), "catatan"))
            return out, False
        out.append(_p(t(f"laporan.teks.{nama}", self.lang, **isi)))
        return out, True

    def _b_umum(self, nama: str) -> list[Blok]:
        """The standard layout of a section: title, text, then per table its charts and the
        table (or its note)."""
        out: list[Blok] = [self._judul(nama)]
        for kunci in (f"laporan.teks.{nama}", f"analisis.{nama}.penjelasan"):
            if has(kunci, self.lang) or has(kunci, "id"):
                out.append(_p(t(kunci, self.lang)))
                break
        for tb in tabel_bagian(nama):
            note = self.catatan(tb.nama)
            if note:
                out.append(_p(note, "catatan"))
                continue
            if not self.ada(tb.nama):
                continue
            for g in tb.grafik:
                out += self.gambar(g)
            out += [_h(3, judul_tabel(tb.nama, self.lang)),
                    self._html_tabel(self.tabel(tb.nama), tb.semua_kolom, tb.nama)]
        return out

    def _b_judul(self) -> list[Blok]:
        m = self.manifest
        sk = m.get("skenario", {})
        ringkas = m.get("ringkas", {})
        toc = "".join(f'<li><a href="#bagian-{b}">{html.escape(judul_bagian(b, self.lang))}</a></li>'
                      for b in self.bagian()[1:])
        return [
            _h(1, t("laporan.judul", self.lang))
            + _p(t("laporan.subjudul", self.lang, nama=sk.get("nama", self.skenario or "-"),
                   seed=m.get("seed", "-"), n=bulat(ringkas.get("jumlah_asn"), self.lang),
                   m=bulat(ringkas.get("jumlah_opd"), self.lang)), "subjudul")
            + _p(t("laporan.pengantar", self.lang))
            + f'<nav><ol class="daftar-isi">{toc}</ol></nav>'
        ]

    # ---- the verdict
    def _angka_kriteria(self, satuan: str, x: float, selisih: bool = False) -> str:
        """A value (or a difference, signed) of a criterion in its unit."""
        if pd.isna(x):
            return "–"
        tanda = "+" if selisih and x > 0 else ""
        if satuan == "persen":
            if selisih:
                return t("laporan.putusan.poin", self.lang, x=tanda + angka(100 * x, 1, self.lang))
            return persen(x, self.lang)
        if satuan == "rupiah":
            return tanda + rupiah(x, self.lang)
        return t("laporan.putusan.kelas", self.lang, x=tanda + angka(x, 3, self.lang))

    def _sel_putusan(self, r: Any, satuan: str) -> str:
        """One cell of the verdict table (HTML): the value, the assessment mark and the rank;
        below it the interval (numbers only, the unit is the value's)."""
        atas = self._angka_kriteria(satuan, r.nilai)
        tanda = {"lebih_baik": "▲", "lebih_buruk": "▼", "setara": "="}.get(r.penilaian, "")
        peringkat = f"#{int(r.peringkat)}" if pd.notna(r.peringkat) else ""
        atas = " ".join(filter(None, (atas, tanda, peringkat)))
        if pd.isna(r.ci_bawah):
            return html.escape(atas)
        lo, hi = (self._angka_kriteria(satuan, x) for x in (r.ci_bawah, r.ci_atas))
        for akhir in (" %", "%", " kelas", " classes"):
            lo, hi = lo.removesuffix(akhir), hi.removesuffix(akhir)
        lo, hi = lo.removeprefix("Rp "), hi.removeprefix("Rp ")
        return f'{html.escape(atas)}<br><small>[{html.escape(lo)} – {html.escape(hi)}]</small>'

    def _kalimat_aturan(self, p: pd.DataFrame, aturan: str, penentu: Sequence[str]) -> str:
        """The verdict of one rule in two sentences: who changes, then what is real."""
        from simkit.analysis.metrics.putusan import KRITERIA_NAMA

        baris = {r.kriteria: r for r in p[p["aturan"].astype(str) == aturan].itertuples()}

        def porsi(nama: str) -> str:
            r = baris.get(nama)
            return "–" if r is None else persen(r.nilai, self.lang)

        teks = [t("laporan.putusan.aturan", self.lang, aturan=self._label(aturan),
                  berubah=porsi("berubah"), naik=porsi("naik"), turun=porsi("turun"))]
        nyata, derau = [], []
        for nama, r in baris.items():
            kr = KRITERIA_NAMA[nama]
            if kr.arah == 0 or (penentu and nama not in penentu) or r.penilaian is None:
                continue
            nm = t(f"analisis.kriteria_pendek.{nama}", self.lang)
            if r.penilaian == "setara":
                derau.append(nm)
            elif r.penilaian in ("lebih_baik", "lebih_buruk"):
                nyata.append(t("laporan.putusan.selisih", self.lang, kriteria=nm,
                               penilaian=self._penilaian(nama, r.penilaian),
                               selisih=self._angka_kriteria(kr.satuan, r.selisih, True)))
        kosong = t("laporan.putusan.tidak_ada", self.lang)
        teks.append(t("laporan.putusan.nyata", self.lang, daftar="; ".join(nyata) or kosong))
        teks.append(t("laporan.putusan.derau", self.lang, daftar=", ".join(derau) or kosong))
        return " ".join(teks)

    def _penilaian(self, kriteria: str, penilaian: str) -> str:
        """The word for ``penilaian`` on ``kriteria`` (a cost is cheaper, not better)."""
        khusus = f"analisis.penilaian_{kriteria}.{penilaian}"
        return t(khusus if has(khusus, "id") else f"analisis.penilaian.{penilaian}", self.lang)

    def _daftar_temuan(self, tm: pd.DataFrame) -> list[str]:
        """One line per kind of finding that concerns several rules (less accurate, curve
        broken), one per finding otherwise."""
        out = []
        for jenis, sub in tm.groupby("jenis_temuan", sort=False):
            if jenis == "kelas_kosong":
                for kelas, per in sub.groupby("kelas", sort=False):
                    out.append(t("laporan.putusan.temuan_kelas_kosong", self.lang,
                                 kelas=label("predikat", kelas, self.lang),
                                 benar=persen(per["nilai_dasar"].iloc[0], self.lang),
                                 daftar=", ".join(self._label(str(a)) for a in per["aturan"])))
                continue
            if jenis in ("kurang_akurat", "kurva_dilanggar") and len(sub) > 1:
                daftar = ", ".join(f"{self._label(str(r.aturan))} {persen(r.nilai, self.lang)}"
                                   for r in sub.itertuples())
                dasar = sub["nilai_dasar"].iloc[0]
                out.append(t(f"laporan.putusan.temuan_{jenis}", self.lang, daftar=daftar,
                             dasar=persen(dasar, self.lang) if pd.notna(dasar) else ""))
            else:
                out += [self._kalimat_temuan(r) for r in sub.itertuples()]
        return out

    def _kalimat_temuan(self, r: Any) -> str:
        bagian = r.jenis_temuan in ("kurang_akurat", "kelas_kosong", "kurva_dilanggar")
        fmt = (lambda x: persen(x, self.lang)) if bagian else (lambda x: bulat(x, self.lang))
        kelas = (label_nilai("kelas", r.kelas, self.lang, self.kosakata.get(str(r.aturan), ()))
                 if pd.notna(r.kelas) else "")
        return t(f"analisis.temuan.{r.jenis_temuan}", self.lang, aturan=self._label(str(r.aturan)),
                 nilai=fmt(r.nilai), nilai_dasar=fmt(r.nilai_dasar), kelas=kelas,
                 ambang=bulat(r.ambang, self.lang) if pd.notna(r.ambang) else "")

    def _b_putusan(self) -> list[Blok]:
        from simkit.analysis.metrics.putusan import KRITERIA, KRITERIA_NAMA, parameter_putusan

        seeds = self.manifest.get("seed_putusan") or []
        rentang = f"{seeds[0]}–{seeds[-1]}" if seeds else "-"
        tk = persen(float(parameter_putusan()["tingkat_kepercayaan"]), self.lang, 0)
        out, ada = self._pembuka("putusan", "putusan", dasar=self._label(self.dasar),
                                 n=len(seeds), seed=rentang, tk=tk)
        if not ada:
            return out
        out[-1] = out[-1].replace("<p>", f'<p style="{GAYA_PUTUSAN}">', 1)
        out += self.catatan_dasar(ringkas=True)
        p = self.tabel("putusan")
        sk = self.manifest.get("skenario") or {}
        penentu = [k for k in (sk.get("kriteria_penentu") or []) if k]
        if "?" in (sk.get("deskripsi") or ""):  # the scenario asks a question: answer it
            out.append(_p(t("laporan.putusan.pertanyaan", self.lang, teks=sk["deskripsi"]),
                          "pertanyaan"))
            if penentu:
                out.append(_p(t("laporan.putusan.jawaban", self.lang, kriteria=", ".join(
                    t(f"analisis.kriteria.{k}", self.lang) for k in penentu))))
        aturan = list(dict.fromkeys(p["aturan"].astype(str)))
        kalimat = [self._kalimat_aturan(p, a, penentu) for a in aturan if a != self.dasar]
        if kalimat:
            out.append(f'<ul class="putusan" style="{GAYA_PUTUSAN}">' + "".join(
                f"<li>{html.escape(k)}</li>" for k in kalimat) + "</ul>")
        sel = {(str(r.kriteria), str(r.aturan)): self._sel_putusan(r, KRITERIA_NAMA[r.kriteria].satuan)
               for r in p.itertuples()}
        ada = [kr.nama for kr in KRITERIA if (p["kriteria"] == kr.nama).any()
               and kr.nama not in ("naik", "turun")]
        out.append(f'<p class="keterangan" style="{GAYA_PUTUSAN}"><strong>'
                   f'{html.escape(t("laporan.putusan.judul_tabel", self.lang))}</strong></p>')
        for mulai in range(0, len(aturan), MAKS_KOLOM_PUTUSAN):  # never wider than the page
            bagian_aturan = aturan[mulai:mulai + MAKS_KOLOM_PUTUSAN]
            kepala = "".join(f'<th class="num">{html.escape(self._label(a))}</th>'
                             for a in bagian_aturan)
            isi = "".join(
                f'<tr><th scope="row">{html.escape(t(f"analisis.kriteria_pendek.{k}", self.lang))}</th>'
                + "".join(f'<td class="num">{sel.get((k, a), "–")}</td>' for a in bagian_aturan)
                + "</tr>" for k in ada)
            out.append(f'<table class="simkit putusan" style="font-size: 78%; line-height: 1.2">'
                       f'<thead><tr><th>'
                       f'{html.escape(label_kolom("kriteria", self.lang))}</th>{kepala}</tr>'
                       f"</thead><tbody>{isi}</tbody></table>")
        tm = self.tabel("temuan")
        out.append(_h(3, t("laporan.putusan.judul_temuan", self.lang)))
        if tm is None or adalah_catatan(tm) or not len(tm):
            out.append(_p(t("laporan.putusan.tanpa_temuan", self.lang)))
        else:
            out.append(f'<ul class="temuan" style="{GAYA_PUTUSAN}">' + "".join(
                f"<li>{html.escape(x)}</li>" for x in self._daftar_temuan(tm)) + "</ul>")
        return out

    def _b_kartu(self) -> list[Blok]:
        out: list[Blok] = [self._judul("kartu"), _p(t("laporan.teks.kartu", self.lang))]
        k = self.tabel("kartu_reformasi")
        if k is None or len(k) == 0:
            out.append(_p(t("laporan.teks.kartu_kosong", self.lang), "catatan"))
            return out
        kolom = ["label_aturan", "parameter", "nilai_lama", "nilai_baru", "satuan", "referensi",
                 "sumber_nilai_baru"]
        k = kartu_berlabel(k, self.lang, self.labels, self.kosakata, self.tabel("parameter"))
        out.append('<div class="kartu">' + tabel_html(k, self.lang, kolom, None, None) + "</div>")
        return out

    def _b_ringkasan(self) -> list[Blok]:
        out: list[Blok] = [self._judul("ringkasan"),
                           _p(t("laporan.teks.ringkasan", self.lang, dasar=self._label(self.dasar)))]
        m = self.manifest
        ringkas = m.get("ringkas", {})
        fakta = [(t("laporan.ringkasan.jumlah_asn", self.lang), bulat(ringkas.get("jumlah_asn"), self.lang)),
                 (t("laporan.ringkasan.jumlah_opd", self.lang), bulat(ringkas.get("jumlah_opd"), self.lang)),
                 (t("laporan.ringkasan.jumlah_aturan", self.lang), bulat(len(self.labels), self.lang)),
                 (t("laporan.ringkasan.seed", self.lang), str(m.get("seed", "-"))),
                 (t("laporan.ringkasan.dasar", self.lang), self._label(self.dasar))]
        out.append('<dl class="fakta">' + "".join(
            f"<dt>{html.escape(a)}</dt><dd>{html.escape(b)}</dd>" for a, b in fakta) + "</dl>")
        r = self.tabel("ringkasan")
        if r is not None and len(r):  # criteria as rows, rules as columns: fits the page width
            kolom = [c for c in r.columns if c not in ("rule_id",) and not r[c].isna().all()]
            out.append(tabel_html_transpos(r, self.lang, kolom, "aturan", self.labels))
        return out

    def _b_distribusi(self) -> list[Blok]:
        out: list[Blok] = [self._judul("distribusi"), _p(t("laporan.teks.distribusi", self.lang))]
        out += self.gambar("distribusi_predikat")
        if self.ada("distribusi"):
            d = self.tabel("distribusi")
            lab = label_peringkat(d, self.lang, self.kosakata)
            d = d.assign(sel=[f"{bulat(j, self.lang)} ({persen(p, self.lang)})"
                              for j, p in zip(d["jumlah"], d["proporsi"], strict=True)])
            piv = d.pivot_table(index="aturan", columns="peringkat", values="sel",
                                aggfunc="first", sort=False)
            piv = piv.reindex(columns=[p for p in (5, 4, 3, 2, 1) if p in piv.columns])
            piv.columns = [lab[c] for c in piv.columns]
            piv = piv.reset_index()
            out.append(self._html_tabel(piv, nama="distribusi"))
        if self.ada("kuadran"):
            out += [_h(3, t("laporan.bagian.kuadran", self.lang)),
                    _p(t("laporan.teks.kuadran", self.lang))]
            out += self.gambar("kuadran")
        return out

    def catatan_dasar(self, ringkas: bool = False) -> list[Blok]:
        """Which baseline the curve results are compared with: the baseline rule's predikat
        (before the curve) beside the national record of :mod:`simkit.population.patokan`,
        and whether it matches within :data:`~simkit.population.patokan.TOLERANSI_PP` per
        class (a scenario fitted by ``simkit kalibrasi``) or not."""
        d = self.tabel("distribusi")
        if self.dasar is None or not self.ada("distribusi"):
            return []
        d = d[d["aturan"].astype(str) == self.dasar]
        porsi = {PREDIKAT_PERINGKAT[int(r)]: 100 * float(v)
                 for r, v in zip(d["peringkat"], d["proporsi"], strict=True)}
        target = [p for p in muat_patokan() if p.ukuran == "predikat"]
        if not target or not all(p.kelas in porsi for p in target):
            return []
        galat = max(abs(galat_pp(p, porsi[p.kelas])) for p in target)
        lab = {p.kelas: label("predikat", p.kelas, self.lang) for p in target}
        tahun = ", ".join(dict.fromkeys(p.tahun for p in target))
        status = "sesuai" if galat <= TOLERANSI_PP else "tidak_sesuai"
        if status != "sesuai" and sum(porsi[p.kelas] - p.persen for p in target
                                      if p.jenis == "maks") > TOLERANSI_PP:
            status = "tidak_sesuai_ketat"  # more below Baik than the record allows

        def angka_patokan(p: Patokan) -> str:
            jenis = "" if p.jenis == "sama" else t(f"laporan.dasar.jenis.{p.jenis}", self.lang)
            return " ".join(filter(None, (lab[p.kelas], jenis, persen(p.persen / 100, self.lang, 2))))

        teks = t("laporan.dasar.teks", self.lang, dasar=self._label(self.dasar),
                 dasar_porsi="; ".join(f"{lab[k]} {persen(porsi[k] / 100, self.lang)}" for k in lab),
                 tahun=tahun, patokan="; ".join(angka_patokan(p) for p in target),
                 galat=angka(galat, 1, self.lang))
        if ringkas:  # one sentence, for the one-page verdict
            return [_p(t(f"laporan.dasar.ringkas_{status}", self.lang, dasar=self._label(self.dasar),
                         tahun=tahun, galat=angka(galat, 1, self.lang),
                         toleransi=angka(TOLERANSI_PP, 0, self.lang)),
                       f"catatan dasar-{status}")]
        akhir = t(f"laporan.dasar.{status}", self.lang, toleransi=angka(TOLERANSI_PP, 0, self.lang))
        return [_p(f"{teks} {akhir}", f"catatan dasar-{status}")]

    def _b_transisi(self) -> list[Blok]:
        out: list[Blok] = [self._judul("transisi"),
                           _p(t("laporan.teks.transisi", self.lang, dasar=self._label(self.dasar))),
                           *self.catatan_dasar()]
        note = self.catatan("transisi")
        if note:
            return out + [_p(note, "catatan")]
        out += self.gambar("transisi")
        if self.ada("menang_kalah"):
            mk = self.tabel("menang_kalah")
            piv = mk.pivot_table(index="aturan", columns="perubahan", values="proporsi",
                                 aggfunc="sum", sort=False)
            order = [c for c in ("naik_2_atau_lebih", "naik_1", "tetap", "turun_1",
                                 "turun_2_atau_lebih") if c in piv.columns]
            piv = piv[order]
            piv.columns = [label("analisis.perubahan", c, self.lang) for c in order]
            piv = piv.map(lambda v: persen(v, self.lang)).reset_index()
            out.append(self._html_tabel(piv, nama="menang_kalah"))
        out += self.gambar("menang_kalah")
        return out

    def _b_satu(self, nama: str, tabel: str | None = None, *,
                kolom: Sequence[str] | None = None,
                olah: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
                grafik: Sequence[str] = (), grafik_dulu: bool = False,
                pakai_catatan: bool = True, sisipan: Sequence[Blok] = (),
                **isi: Any) -> list[Blok]:
        """A section of one table (``tabel``, default ``nama``): title and text, ``sisipan``
        (e.g. a note on the baseline), then the table (``olah`` filters or sorts it, ``kolom``
        picks its columns) and its charts (before the table with ``grafik_dulu``); without
        data the note instead."""
        tabel = tabel or nama
        out, ada = self._pembuka(nama, tabel, pakai_catatan, **isi)
        out += sisipan
        if not ada:
            return out
        df = self.tabel(tabel)
        isi_tabel = self._html_tabel(olah(df) if olah else df, kolom, tabel)
        gambar = [g for nama_g in grafik for g in self.gambar(nama_g)]
        return out + (gambar + [isi_tabel] if grafik_dulu else [isi_tabel] + gambar)

    def _b_akurasi(self) -> list[Blok]:
        return self._b_satu("akurasi", grafik=("akurasi_keadilan_stabilitas",))

    def _keadilan_terpilih(self) -> pd.DataFrame:
        """The comparisons worth reading: every two-group one, and the 'rest' ones that are
        significant (the appendix shows them all)."""
        k = self.tabel("keadilan")
        lain = k["pembanding"].astype(str) == "lainnya"
        return pd.concat([k[~lain], k[lain & k["signifikan"].astype(bool)]])

    def _sisa(self, n: int, tabel: str, lampiran: str) -> list[Blok]:
        """The note saying ``n`` rows of ``tabel`` are in appendix part ``lampiran``."""
        return [_p(t("laporan.teks.di_lampiran", self.lang, n=bulat(n, self.lang), tabel=tabel,
                     judul=t(f"laporan.lampiran.{lampiran}", self.lang)), "catatan")] if n else []

    def _b_keadilan(self) -> list[Blok]:
        out, ada = self._pembuka("keadilan", "keadilan")
        if not ada:
            return out
        k = self._keadilan_terpilih()
        sig = k[k["signifikan"].astype(bool)]
        sig = sig.iloc[sig["selisih"].abs().to_numpy().argsort(kind="stable")[::-1]]
        if len(sig):
            out += [_p(t("laporan.teks.keadilan_signifikan", self.lang)),
                    self._html_tabel(sig.head(KEADILAN_BADAN), KOLOM_KEADILAN, "keadilan", None)]
        else:
            out.append(_p(t("laporan.teks.keadilan_tanpa_signifikan", self.lang), "catatan"))
        return out + self._sisa(len(k) - min(len(sig), KEADILAN_BADAN), "keadilan", "keadilan")

    def _b_stabilitas(self) -> list[Blok]:
        s = self.tabel("stabilitas")
        r = int(s["jumlah_undian"].max()) if self.ada("stabilitas") else 0
        return self._b_satu("stabilitas", pakai_catatan=False, r=r)

    def _b_kurva(self) -> list[Blok]:
        """The compliance table with the baseline note, the reading of "sebagian besar", the
        people the curve (or forced ranking) moved, and a warning about small forced groups."""
        if not self.ada("kepatuhan_kurva_ringkas"):
            return self._b_satu("kurva", "kepatuhan_kurva_ringkas", sisipan=self.catatan_dasar())
        r = self.tabel("kepatuhan_kurva_ringkas")
        tafsiran: list[Blok] = []
        if "kurva_sebagian_besar" in r and len(r):
            kunci = f"laporan.teks.kurva_tafsiran_{r['kurva_sebagian_besar'].iloc[0]}"
            if has(kunci, self.lang) or has(kunci, "id"):
                tafsiran.append(_p(t("laporan.teks.kurva_tafsiran", self.lang,
                                     tafsiran=t(kunci, self.lang))))
        out = self._b_satu("kurva", "kepatuhan_kurva_ringkas",
                           sisipan=[*self.catatan_dasar(), *tafsiran],
                           kolom=[c for c in r.columns if c != "kurva_sebagian_besar"])
        if {"naik_kurva", "turun_kurva"} <= set(r.columns):
            pindah = r[(r["naik_kurva"] > 0) | (r["turun_kurva"] > 0)]
            if len(pindah):
                rincian = "; ".join(t("laporan.teks.kurva_pindah_aturan", self.lang,
                                      aturan=self._label(a), naik=bulat(n, self.lang),
                                      turun=bulat(d, self.lang))
                                    for a, n, d in zip(pindah["aturan"], pindah["naik_kurva"],
                                                       pindah["turun_kurva"], strict=True))
                out.append(_p(t("laporan.teks.kurva_pindah", self.lang, rincian=rincian)))
        if "kelompok_kecil" in r:
            for a, n in zip(r["aturan"], r["kelompok_kecil"], strict=True):
                if n > 0:
                    out.append(_p(t("laporan.teks.kurva_kecil", self.lang, aturan=self._label(a),
                                    n=bulat(n, self.lang)), "catatan"))
        return out

    def _b_tpp(self) -> list[Blok]:
        return self._b_satu("tpp", olah=lambda d: d.drop(columns="aturan_dasar", errors="ignore"),
                            grafik=("tpp_per_opd",))

    def _ikm_urut(self) -> pd.DataFrame:
        return self.tabel("ikm").sort_values(["ikm_konversi", "unit_id"], na_position="last")

    def _b_ikm(self) -> list[Blok]:
        out, ada = self._pembuka("ikm", "ikm")
        if not ada:
            return out
        n = len(self.tabel("ikm"))
        out += self.gambar("ikm_per_unit")
        if n > IKM_BADAN:
            out.append(_p(t("laporan.teks.ikm_terburuk", self.lang, n=IKM_BADAN)))
        out.append(self._html_tabel(self._ikm_urut().head(IKM_BADAN), KOLOM_IKM, "ikm", None))
        return out + self._sisa(n - IKM_BADAN, "ikm", "ikm") if n > IKM_BADAN else out

    def _b_periode(self) -> list[Blok]:
        from simkit.report.sajian_periode import blok_periode

        return blok_periode(self)

    def _b_manifest(self) -> list[Blok]:
        out: list[Blok] = [self._judul("manifest"), _p(t("laporan.teks.manifest", self.lang))]
        m = self.manifest
        sk = m.get("skenario", {})
        rows = [("skenario", sk.get("nama")), ("berkas", sk.get("berkas") or self.skenario),
                ("hash", sk.get("hash")), ("seed", m.get("seed")),
                ("dibuat", m.get("dibuat"))]
        rows = [(t(f"sajian.bidang.{k}", self.lang), v) for k, v in rows]
        rows += [(t("sajian.bidang.versi", self.lang, paket=k), v)
                 for k, v in (m.get("versi") or {}).items()]
        df = pd.DataFrame(rows, columns=["bidang", "isi"]).astype("str")
        out.append('<div class="kunci-nilai">' + tabel_html(df, self.lang, maks=None) + "</div>")
        files = m.get("berkas") or []
        if files:
            out.append(_p(t("laporan.teks.berkas_di_lampiran", self.lang,
                            n=bulat(len(files), self.lang),
                            judul=t("laporan.lampiran.berkas", self.lang)), "catatan"))
        return out

    def _b_lampiran(self) -> list[Blok]:
        """The appendix: the long tables in full (the body shows the rows that matter)."""
        out: list[Blok] = [self._judul("lampiran"), _p(t("laporan.teks.lampiran", self.lang))]
        if self.ada("keadilan"):
            out += [_h(3, t("laporan.lampiran.keadilan", self.lang), "lampiran-keadilan"),
                    self._html_tabel(self._keadilan_terpilih(), KOLOM_KEADILAN, "keadilan",
                                     None)]
        if self.ada("ikm"):
            out += [_h(3, t("laporan.lampiran.ikm", self.lang), "lampiran-ikm"),
                    self._html_tabel(self._ikm_urut(), KOLOM_IKM, "ikm", None)]
        files = self.manifest.get("berkas") or []
        if files:
            f = pd.DataFrame(files)
            out += [_h(3, t("laporan.lampiran.berkas", self.lang), "lampiran-berkas"),
                    '<div class="berkas">' + tabel_html(
                        f, self.lang, [c for c in ("berkas", "ukuran", "sha256")
                                       if c in f.columns], maks=None) + "</div>"]
        return out

    # ---- output
    def html(self, daftar: Iterable[str] | None = None) -> str:
        """All blocks of the sections ``daftar`` (default all) as one HTML string (charts as
        ``<img>`` of the file name)."""
        parts = []
        for b in daftar if daftar is not None else self.bagian():
            for x in self.blok(b):
                parts.append(f'<img alt="{html.escape(x.alt)}" data-berkas="{x.path.name}">'
                             if isinstance(x, Gambar) else x)
        return "\n".join(parts)

    def tampilkan(self, bagian: str) -> None:
        """Display one section in the notebook as one HTML output (charts inline)."""
        from IPython.display import HTML, display

        display(HTML("\n".join(html_blok(x) for x in self.blok(bagian))))


def html_blok(x: Blok) -> str:
    """One block as HTML: a chart becomes a ``<figure>`` with its PNG inline (base64), shown at
    the width it was drawn (:func:`lebar_tampil`). A section is one HTML output, so printing
    keeps a heading with the text, table or chart after it."""
    if not isinstance(x, Gambar):
        return x
    data = base64.b64encode(x.path.read_bytes()).decode("ascii")
    w = lebar_tampil(x.path)
    lebar = f' width="{w}"' if w else ""
    return (f'<figure class="grafik"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(x.alt)}"{lebar}></figure>')


def judul_bagian(nama: str, lang: str | None = None) -> str:
    """Title of a report section: ``laporan.bagian.<nama>``, else the title of its first table."""
    kunci = f"laporan.bagian.{nama}"
    if has(kunci, lang or get_lang()) or has(kunci, "id"):
        return t(kunci, lang)
    tabel = tabel_bagian(nama)
    return judul_tabel(tabel[0].nama, lang) if tabel else nama
