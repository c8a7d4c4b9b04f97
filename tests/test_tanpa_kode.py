"""No code reaches a reader (issue 10 §3): the HTML report and the Excel workbook of a run,
in Indonesian and in English, show labels, not ids.

A *known code* is an id the kit uses internally: every vocabulary id of :mod:`simkit.kosakata`
and the population schema, every rule id, rule output, output choice, parameter name and
parameter choice and unit, rule level, every registry table and column name, the curve status and change ids, the
scenario's entry ids. The scan fails on

- a snake_case known code anywhere in a visible text (file names and paths are removed
  first: ``tabel/…csv``, ``grafik/…png``, the scenario file);
- a text (an HTML text node, an Excel cell) that *is* a known code and no label of the
  language (Indonesian labels may equal their id: 'Pegawai' is not, 'ya' is a label);
- JSON braces.

Allowed, explicitly: the workbook's "(kode)" columns (codes for formulas), the unit code
column, sheet names in the ``tentang`` sheet, and the parameter descriptions of the reform
card sheet (free text of the rule authors that names the scenario keys).

The explanation text (``simkit explain``) is not scanned yet: it still names parameters by
id; :func:`masalah` is the check to apply to it once it is reworded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from analisis_data import skenario_laporan

from simkit import kosakata
from simkit.analysis.registri import daftar
from simkit.i18n import _catalogue, t
from simkit.orchestration.run import run
from simkit.population import schema
from simkit.presentation.label import label_kolom, label_nilai
from simkit.report.berlabel import KOLOM_KODE, rantai_kosakata
from simkit.rules.registry import list_rules

SKENARIO = skenario_laporan("Uji tanpa kode", 11, 300)
SKENARIO["aturan"] += [
    {"id": "pp46", "aturan": "pp46_2011"},
    {"id": "kalibrasi_z", "aturan": "kalibrasi", "parameter": {"metode": "skor_z"}},
    {"id": "kurva_paksa_opd", "aturan": "kurva_paksa"},
]
"""The report scenario plus PP 46/2011, a choice parameter and a reform whose new
parameters are mappings (the card writes them out, never as braces)."""

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
BERKAS = re.compile(r"\S*/\S*|\S+\.(?:csv|parquet|png|ya?ml|json|xlsx|html|ipynb)\b")
KURUNG = re.compile(r"[{}]")


def kode_dikenal() -> set[str]:
    """Every id a reader must not see (see the module docstring)."""
    kode: set[str] = set()
    for nama in dir(kosakata):
        v = getattr(kosakata, nama)
        if nama.isupper() and isinstance(v, tuple | dict):
            kode |= {str(x) for x in v if isinstance(x, str)}
    for nama in ("JENIS_JABATAN", "RUMPUN", "JENIS_UNIT", "PERAN_PENILAI", "ASPEK_IKI"):
        kode |= set(getattr(schema, nama))
    for r in list_rules():
        kode |= {r.id, r.tingkat}
        for o in r.outputs:
            kode |= {o.nama, *map(str, o.pilihan or ()), *([o.satuan] if o.satuan else [])}
        for n in r.parameters:
            m = r.parameters.meta(n)
            kode |= {n, *map(str, m.pilihan or ()), *([m.satuan] if m.satuan else [])}
    for tb in daftar():
        kode |= {tb.nama, *tb.semua_kolom}
    katalog = _catalogue("id")
    for awal in ("analisis.perubahan.", "analisis.status_kurva.", "analisis.dimensi."):
        kode |= {k[len(awal):] for k in katalog if k.startswith(awal)}
    kode |= {a["id"] for a in SKENARIO["aturan"]} | {"ok", "dilanggar"}
    return {k for k in kode if re.match(r"[a-z]", k)}  # not the grades A-D, sexes L/P, '360'




KODE = kode_dikenal()


def masalah(teks: str, lang: str) -> list[str]:
    """What is wrong with one visible text: known codes in it, or braces."""
    bersih = BERKAS.sub(" ", teks).strip()
    out = [k for k in SNAKE.findall(bersih) if k in KODE]
    if bersih in KODE and bersih not in LABEL[lang]:
        out.append(bersih)
    if KURUNG.search(bersih):
        out.append("{…}")
    return out


LABEL = {lang: set(_catalogue(lang).values()) for lang in ("id", "en")}
"""Every text of a language's catalogue: a text equal to one of them is a label."""


class _Teks(HTMLParser):
    """Visible text nodes of a page (no script, no style)."""

    def __init__(self) -> None:
        super().__init__()
        self.lewati = 0
        self.teks: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self.lewati += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.lewati -= 1

    def handle_data(self, data: str) -> None:
        if not self.lewati and data.strip():
            self.teks.append(data.strip())


def teks_html(path: Path) -> list[str]:
    p = _Teks()
    p.feed(path.read_text(encoding="utf-8"))
    return p.teks


def sel_excel(path: Path, lang: str) -> list[tuple[str, str, str]]:
    """(sheet, header, text) of every text cell a reader is meant to read."""
    wb = openpyxl.load_workbook(path, read_only=True)
    akhiran = t("sajian.excel.kode", lang, kolom="").strip()
    kolom_kode = {label_kolom(c, lang) for c in KOLOM_KODE}
    out = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        judul = [str(h) for h in rows[0]]
        lewati = {j for j, h in enumerate(judul) if h.endswith(akhiran) or h in kolom_kode}
        if ws.title == "kartu_reformasi":
            lewati.add(judul.index(label_kolom("deskripsi", lang)))
        for r in rows[1:]:
            for j, v in enumerate(r):
                if isinstance(v, str) and j not in lewati:
                    if ws.title == "tentang" and j == 0:
                        v = v.replace(t("sajian.excel.lembar", lang, lembar=""), "").strip()
                        v = "" if v in wb.sheetnames else v
                    out.append((ws.title, judul[j], v))
    return out


@pytest.fixture(scope="module", params=["id", "en"])
def keluaran(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(f"tanpa_kode_{request.param}") / "hasil"
    return request.param, run(SKENARIO, out, lang=request.param, progress=False)


def test_html_has_no_raw_codes(keluaran):
    lang, out = keluaran
    temuan = {(x[:80], tuple(m)) for x in teks_html(out / "laporan.html")
              if (m := masalah(x, lang))}
    assert not temuan, sorted(temuan)[:20]


def test_html_classes_in_each_rules_words(keluaran):
    """The distribution table's class headers name the class as every rule of the run does."""
    lang, out = keluaran
    html = (out / "laporan.html").read_text(encoding="utf-8")
    atau = t("sajian.atau", lang)
    kurang = {"id": ("Kurang/Misconduct", "Kurang"), "en": ("Poor/Misconduct", "Poor")}[lang]
    assert f"<th>{kurang[0]}{atau}{kurang[1]}</th>" in html


def test_excel_has_no_raw_codes(keluaran):
    lang, out = keluaran
    temuan = {(s, h, x[:80], tuple(m)) for s, h, x in sel_excel(out / "laporan.xlsx", lang)
              if (m := masalah(x, lang))}
    assert not temuan, sorted(temuan)[:20]


def test_excel_for_bkpp_staff(keluaran):
    """Labelled values in the rule's own words, number formats, autofilter, no duplicate
    headers, every sheet described in ``tentang``, the rule code kept for formulas."""
    lang, out = keluaran
    wb = openpyxl.load_workbook(out / "laporan.xlsx")
    tentang = {r[0].value: r[2].value for r in wb["tentang"].iter_rows(min_row=2)}
    for ws in wb.worksheets:
        judul = [c.value for c in ws[1]]
        assert ws.auto_filter.ref, ws.title
        assert not [h for h in judul if re.search(r" \(\d+\)$", str(h))], (ws.title, judul)
        assert tentang.get(t("sajian.excel.lembar", lang, lembar=ws.title)), ws.title
    d = wb["distribusi"]
    judul = [c.value for c in d[1]]
    kode = judul.index(t("sajian.excel.kode", lang, kolom=label_kolom("aturan", lang)))
    pred, prop = judul.index(label_kolom("predikat", lang)), judul.index(label_kolom("proporsi", lang))
    baris = {(r[kode].value, r[pred].value) for r in d.iter_rows(min_row=2)}
    kurang = {"id": ("Kurang", "Kurang/Misconduct"), "en": ("Poor", "Poor/Misconduct")}[lang]
    assert ("pp30", kurang[0]) in baris and ("pp46", kurang[0]) in baris
    assert ("nasional", kurang[1]) in baris and ("pp30", kurang[1]) not in baris
    assert d.cell(2, prop + 1).number_format == "0.0%"
    tpp = wb["tpp"]
    fmt = {c.value: tpp.cell(2, c.column).number_format for c in tpp[1]}
    assert fmt[label_kolom("biaya_tahunan", lang)].startswith('"Rp"')
    assert fmt[label_kolom("jumlah_penerima", lang)] == "#,##0"


def test_each_rule_names_its_own_classes():
    """Every class a rule declares for its predikat (or unit performance) has a label in
    both languages from that rule's own vocabulary (or its base rule's)."""
    aturan = {r.id: r for r in list_rules()}
    import pandas as pd

    rantai = rantai_kosakata(pd.DataFrame({"aturan": list(aturan), "id_aturan": list(aturan)}))
    for rid, r in aturan.items():
        for o in r.outputs:
            if o.nama not in ("predikat", "sebutan", "kinerja_unit") or not o.pilihan:
                continue
            kolom = "kinerja_unit" if o.nama == "kinerja_unit" else "predikat"
            for v in o.pilihan:
                for lang in ("id", "en"):
                    teks = label_nilai(kolom, v, lang, rantai[rid])
                    assert teks != v and "_" not in teks, (rid, v, lang)
    assert label_nilai("predikat", "kurang", "id", rantai["pp30_2019"]) == "Kurang"
    assert label_nilai("predikat", "kurang", "id", rantai["pp46_2011"]) == "Kurang"
    assert label_nilai("predikat", "kurang", "id", rantai["kalibrasi"]) == "Kurang/Misconduct"


def test_every_parameter_has_a_name_unit_and_choice_labels():
    from simkit.i18n import has

    for r in list_rules():
        for n in r.parameters:
            m = r.parameters.meta(n)
            for lang in ("id", "en"):
                assert has(f"sajian.parameter.{n}", lang), (r.id, n, lang)
                if m.satuan:
                    assert has(f"sajian.satuan.{m.satuan}", lang), (r.id, m.satuan, lang)
                for v in m.pilihan or ():
                    if m.tipe == "pilihan" and not has(f"sajian.pilihan.{n}.{v}", lang):
                        assert any(has(f"{k}.{v}", lang) for k in ("capaian_organisasi",)), (
                            r.id, n, v, lang)
