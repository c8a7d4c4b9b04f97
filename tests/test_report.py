"""Report pieces: kartu reformasi, quadrant counts, number formats, HTML sections, workbook,
the report notebook and the offline HTML conversion."""

from __future__ import annotations

import json
import re

import nbformat
import openpyxl
import pandas as pd
import pytest

from simkit.analysis.metrics.kartu_reformasi import (
    kartu_reformasi,
    parameter_terpakai,
    perubahan,
    tabel_aturan,
)
from simkit.analysis.metrics.kuadran import tabel_kuadran
from simkit.presentation.format import angka, nilai_teks, persen, rupiah
from simkit.presentation.label import label_kolom as judul_kolom
from simkit.presentation.tabel_html import tabel_html
from simkit.report.excel import nama_sheet, tulis_excel
from simkit.report.notebook import notebook_laporan
from simkit.report.sajian import Laporan, bagian
from simkit.rules.params import load_params
from simkit.scenario import AturanSpec

BAGIAN = bagian()

REFORM = AturanSpec(id="ambang_105", aturan="permenpanrb_6_2022", label="Ambang 105",
                    parameter={"ambang_hasil_di_atas": 105})
KUADRAN = AturanSpec(id="kuadran_lunak", aturan="permenpanrb_6_2022", parameter={
    "kuadran": {"di_atas_ekspektasi": {"di_bawah_ekspektasi": "butuh_perbaikan"}}})
NASIONAL = AturanSpec(id="nasional", aturan="permenpanrb_6_2022")
REF_AMBANG = load_params("permenpanrb_6_2022").meta("ambang_hasil_di_atas").referensi
"""The legal reference of the changed parameter, as its parameter file states it."""
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|<script[^>]+src=|//cdn""",
                      re.I)


# --------------------------------------------------------------------------- formats


def test_number_formats_indonesian_and_english():
    assert angka(1234567.891, 2, "id") == "1.234.567,89"
    assert angka(1234567.891, 2, "en") == "1,234,567.89"
    assert angka(-3.5, 1, "id") == "−3,5"
    assert persen(0.125, "id") == "12,5 %" and persen(0.125, "en") == "12.5%"
    assert rupiah(1_200_000_000, "id") == "Rp 1,2 M"
    assert rupiah(126_400_000_000, "id") == "Rp 126 M"
    assert rupiah(350_000_000, "id") == "Rp 350 jt"
    assert rupiah(2_500_000_000_000, "id") == "Rp 2,5 T"
    assert rupiah(1_200_000_000, "en") == "Rp 1.2 bn"
    assert rupiah(-7_000_000, "id") == "−Rp 7 jt"
    assert rupiah(float("nan")) == "–"
    assert nilai_teks(True, "id") == "ya" and nilai_teks(0.111, "id") == "0,111"


# --------------------------------------------------------------------------- kartu


def test_kartu_reformasi_old_new_and_reference():
    k = kartu_reformasi([NASIONAL, REFORM], lang="id", berkas_skenario="s.yaml")
    assert len(k) == 1  # the national rule changes nothing
    row = k.iloc[0]
    assert row["aturan"] == "ambang_105" and row["label_aturan"] == "Ambang 105"
    assert (row["parameter"], row["nilai_lama"], row["nilai_baru"]) == (
        "ambang_hasil_di_atas", "110", "105")
    assert row["referensi"] == REF_AMBANG and REF_AMBANG.startswith("PermenPANRB 6/2022")
    assert row["sumber_nilai_baru"] == "skenario s.yaml"
    assert row["asumsi"] == "ya" and row["deskripsi"].startswith("ASUMSI:")
    en = kartu_reformasi([REFORM], lang="en")
    assert en["asumsi"].iloc[0] == "yes" and en["deskripsi"].iloc[0].startswith("ASSUMPTION:")


def test_kartu_mapping_changes_only_the_changed_cell():
    c = perubahan(KUADRAN)
    assert [(x["parameter"], x["lama"], x["baru"]) for x in c] == [
        ("kuadran › di_atas_ekspektasi › di_bawah_ekspektasi", "kurang", "butuh_perbaikan")]
    k = kartu_reformasi([KUADRAN], lang="id")
    assert k["referensi"].iloc[0].startswith("PermenPANRB 6/2022 Lampiran")


def test_parameter_terpakai_and_rule_table():
    p = parameter_terpakai([REFORM])["ambang_105"]
    assert p["aturan"] == "permenpanrb_6_2022" and p["overrides"] == {"ambang_hasil_di_atas": 105}
    assert p["parameter"]["ambang_hasil_di_atas"]["nilai"] == 105
    assert p["parameter"]["ambang_hasil_sesuai"]["nilai"] == 90
    assert all(v["referensi"] for v in p["parameter"].values())
    a = tabel_aturan([NASIONAL, REFORM], "nasional", "id")
    assert a["dasar"].tolist() == [True, False]
    assert a["jumlah_perubahan"].tolist() == [0, 1]
    assert a["label"].iloc[1] == "Ambang 105"


def test_tabel_kuadran_counts_and_labels():
    import simkit

    pop = simkit.generate({"nama": "k", "seed": 3, "populasi": {"jumlah_asn": 200}})
    evs = {s.id: simkit.evaluate(pop, s.aturan, s.parameter or None) for s in (NASIONAL, KUADRAN)}
    k = tabel_kuadran(evs)
    assert len(k) == 18 and k.groupby("aturan")["jumlah"].sum().tolist() == [200, 200]
    sel = k.query("rating_hasil_kerja == 'di_atas_ekspektasi' and "
                  "rating_perilaku_kerja == 'di_bawah_ekspektasi'").set_index("aturan")["predikat"]
    assert sel.to_dict() == {"nasional": "kurang", "kuadran_lunak": "butuh_perbaikan"}
    h = evs["nasional"].hasil
    n = int(((h.rating_hasil_kerja == "sesuai_ekspektasi")
             & (h.rating_perilaku_kerja == "sesuai_ekspektasi")).sum())
    assert k.query("aturan == 'nasional' and rating_hasil_kerja == 'sesuai_ekspektasi' and "
                   "rating_perilaku_kerja == 'sesuai_ekspektasi'")["jumlah"].item() == n


# --------------------------------------------------------------------------- HTML tables


def test_tabel_html_headers_numbers_and_limits():
    df = pd.DataFrame({"aturan": ["a", "b"], "proporsi": [0.5, 0.25], "jumlah": [1200, 3],
                       "biaya_tahunan": [1.5e9, 2e8], "perubahan": ["naik_1", "tetap"]})
    h = tabel_html(df, "id", labels={"a": "Aturan A"}, maks=1, nama="contoh")
    assert "<th>Aturan</th>" in h and "Aturan A" in h
    assert "50,0 %" in h and "1.200" in h and "Rp 1,5 M" in h and "Naik 1 kelas" in h
    assert "tabel/contoh.csv" in h and "Aturan b" not in h
    en = tabel_html(df, "en")
    assert "Change" in en and "Up 1" in en and "50.0%" in en
    assert judul_kolom("nilai_lama", "id") == "Nilai lama"
    assert judul_kolom("selisih", "en") == "Gap (classes)" or "Gap" in judul_kolom("selisih", "en")


def test_excel_sheets_and_headers(tmp_path):
    tb = {"distribusi": pd.DataFrame({"aturan": ["a"], "proporsi": [0.5], "jumlah": [3]}),
          "x" * 40: pd.DataFrame({"a": [1]}), "kosong": pd.DataFrame({"a": [float("nan")]})}
    p = tulis_excel(tb, tmp_path / "l.xlsx", {"seed": 7}, "id")
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["tentang", "distribusi", "x" * 31, "kosong"]
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb["distribusi"]
    assert [c.value for c in ws[1]] == ["Aturan", "Proporsi", "Jumlah", "Aturan (kode)"]
    assert [c.value for c in ws[2]] == ["a", 0.5, 3, "a"]
    assert [c.number_format for c in ws[2]][1:3] == ["0.0%", "#,##0"]
    assert ws.auto_filter.ref == "A1:D2"
    assert wb["kosong"]["A2"].value is None
    tentang = [(r[0].value, r[1].value) for r in wb["tentang"].iter_rows(min_row=2)]
    assert ("Seed", 7) in tentang and ("Lembar distribusi", "Distribusi predikat per aturan") in tentang
    assert nama_sheet("tentang", {"tentang"}) == "tentang_2"


# --------------------------------------------------------------------------- sections


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from simkit.orchestration.run import run

    out = tmp_path_factory.mktemp("run") / "hasil"
    sc = {"nama": "uji laporan", "seed": 5, "populasi": {"jumlah_asn": 300},
          "aturan": [NASIONAL.model_dump(), REFORM.model_dump(),
                     {"id": "pp46", "aturan": "pp46_2011"}]}
    return run(sc, out, lang="id", progress=False, laporan=False)


def test_sections_from_a_run_folder(folder):
    lap = Laporan(folder, "id")
    html = lap.html()
    for b in BAGIAN[1:]:
        assert f'id="bagian-{b}"' in html
    kartu = "\n".join(x for x in lap.blok("kartu") if isinstance(x, str))
    assert "Ambang capaian hasil kerja untuk Di Atas Ekspektasi" in kartu
    assert ">110<" in kartu and ">105<" in kartu and "ambang_hasil_di_atas" not in kartu
    assert REF_AMBANG in kartu
    assert "Stabilitas tidak dihitung" in html  # not requested
    assert 'data-berkas="distribusi_predikat.png"' in html
    assert "Sangat Baik" in html and "Rp " in html
    assert html.index('id="bagian-kartu"') < html.index('id="bagian-ringkasan"')
    assert not EXTERNAL.search(html)
    en = Laporan(folder, "en").html(["judul", "kartu"])
    assert "Reform card" in en and "Comparison of ASN" in en


def _baris(teks: str) -> int:
    return teks.count("<tr>")


def test_ringkasan_transposed_criteria_as_rows(folder):
    lap = Laporan(folder, "en")
    teks = "\n".join(x for x in lap.blok("ringkasan") if isinstance(x, str))
    r = lap.tabel("ringkasan")
    assert 'class="simkit transpos"' in teks
    kepala = re.search(r"<thead>(.*?)</thead>", teks).group(1)
    assert kepala.count("<th") == 1 + len(r)  # the criterion column, then one per rule
    assert all(lap.labels[a] in kepala for a in r["aturan"])
    kriteria = [c for c in r.columns if c not in ("aturan", "rule_id") and r[c].notna().any()]
    assert _baris(teks) == 1 + len(kriteria)  # header + one row per criterion
    assert f'<th scope="row">{judul_kolom("akurasi", "en")}</th>' in teks


def test_transposed_table_continues_below_past_the_page_width():
    from simkit.presentation.tabel_html import tabel_html_transpos

    d = pd.DataFrame({"aturan": [f"r{i}" for i in range(8)], "akurasi": 0.5, "n": 10})
    teks = tabel_html_transpos(d, "id", maks_kolom=6)
    assert teks.count("<table") == 2 and teks.count("<tr>") == 2 * 3
    assert ">r5</th>" in teks.split("</table>")[0] and ">r6</th>" in teks.split("</table>")[1]
    assert teks.count(">50,0 %</td>") == 8


def test_long_tables_shown_in_part_and_in_full_in_the_appendix(folder):
    from simkit.report.sajian import KEADILAN_BADAN, html_blok, lebar_tampil

    lap = Laporan(folder, "id")
    assert BAGIAN[-1] == "lampiran" and BAGIAN[-2] == "manifest"
    k = lap.tabel("keadilan")
    lain = k["pembanding"].astype(str) == "lainnya"
    pilih = k[~lain | k["signifikan"].astype(bool)]
    badan = lap.html(["keadilan"])
    n_badan = min(int(pilih["signifikan"].sum()), KEADILAN_BADAN)
    assert _baris(badan) == (n_badan + 1 if n_badan else 0)
    if len(pilih) > n_badan:
        assert f"{len(pilih) - n_badan} baris lainnya ada di Lampiran" in badan
    lampiran = lap.html(["lampiran"])
    files = lap.manifest["berkas"]
    ikm = len(lap.tabel("ikm")) + 1 if lap.ada("ikm") else 0
    assert _baris(lampiran) == (len(pilih) + 1) + ikm + (len(files) + 1)
    if ikm:
        from simkit.report.sajian import IKM_BADAN

        assert _baris(lap.html(["ikm"])) == min(IKM_BADAN, ikm - 1) + 1
    assert files[0]["sha256"] in lampiran and files[0]["sha256"] not in lap.html(["manifest"])
    assert f"Daftar {len(files)} berkas keluaran" in lap.html(["manifest"])
    g = lap.gambar("distribusi_predikat")[0]
    assert lebar_tampil(g.path) == 672  # 7 in at 96 px per inch: the chart's drawn width
    fig = html_blok(g)
    assert fig.startswith('<figure class="grafik"><img src="data:image/png;base64,')
    assert 'width="672"' in fig and f'alt="{g.alt}"' in fig


def test_folder_without_report_has_tables_charts_manifest(folder):
    assert not (folder / "laporan.html").exists()
    assert (folder / "laporan.xlsx").is_file() and (folder / "grafik" / "kuadran.png").is_file()
    m = json.loads((folder / "manifest.json").read_text())
    assert m["aturan_dasar"] == "nasional" and m["ringkas"]["jumlah_asn"] == 300


# --------------------------------------------------------------------------- notebook + HTML


def test_report_notebook_has_one_cell_per_registry_section():
    nb = notebook_laporan()
    assert nb.metadata.kernelspec.name == "python3"
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    assert all(c.cell_type == "code" and not c.outputs for c in nb.cells)
    src = "\n".join(c.source for c in nb.cells)
    assert "%matplotlib inline" in src
    for b in BAGIAN:
        assert f'laporan.tampilkan("{b}")' in src


def test_ke_html_is_offline(tmp_path):
    from simkit.report.html import ke_html

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": "<h2>Halo</h2>"})])])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    src = tmp_path / "n.ipynb"
    nbformat.write(nb, src)
    html = ke_html(src, tmp_path / "n.html", "id", "Judul uji").read_text()
    assert "<h2>Halo</h2>" in html and "<title>Judul uji</title>" in html
    assert 'lang="id"' in html
    assert "x = 1" not in html  # code hidden
    assert not EXTERNAL.search(html)
    assert "http://" not in html and "https://" not in html
    assert "require.js" not in html.lower() and "mathjax" not in html.lower()


def test_catalogues_complete_in_both_languages():
    import yaml

    from simkit.report import HERE
    from simkit.report.html import TEMPLATES  # noqa: F401 - the package registers its texts

    def keys(node, prefix=""):
        if isinstance(node, dict):
            return {k for key, v in node.items() for k in keys(v, f"{prefix}{key}.")}
        return {prefix[:-1]}

    cat = {lang: set().union(*(keys(yaml.safe_load(f.read_text()))
                               for f in sorted((HERE / "i18n").glob(f"*.{lang}.yaml"))))
           for lang in ("id", "en")}
    assert cat["id"] == cat["en"]
    from pathlib import Path

    src = "".join(p.read_text() for p in [*HERE.glob("*.py"),
                                          Path(HERE.parent, "orchestration", "run.py")])
    used = {k for k in re.findall(r"""["'](laporan\.[a-z_.]+[a-z_])["']""", src)
            if k not in ("laporan.html", "laporan.ipynb", "laporan.xlsx")}
    used |= {f"laporan.bagian.{b}" for b in BAGIAN[1:]} | {"laporan.bagian.kuadran"}
    used |= {f"laporan.tahap.{k}" for k in ("populasi", "aturan", "bandingkan", "tabel",
                                            "grafik", "laporan", "selesai", "unit")}
    assert used <= cat["id"], sorted(used - cat["id"])


def test_kurva_section_reading_moves_and_small_groups(tmp_path):
    (tmp_path / "tabel").mkdir()
    pd.DataFrame({"aturan": ["dasar", "paksa"], "id_aturan": ["permenpanrb_6_2022", "kurva_paksa"],
                  "label": ["Dasar", "Paksa"], "tingkat": ["pegawai"] * 2, "dasar": [True, False],
                  "jumlah_perubahan": [0, 3]}).to_csv(tmp_path / "tabel" / "aturan.csv", index=False)
    pd.DataFrame({"aturan": ["dasar", "paksa"], "jumlah_opd": [2, 2], "opd_patuh": [0, 2],
                  "opd_dilanggar": [2, 0], "opd_tanpa_capaian": [0, 0],
                  "proporsi_opd_patuh": [0.0, 1.0], "naik_kurva": [0, 12],
                  "turun_kurva": [0, 30], "kelompok_kecil": [0, 3],
                  "kurva_sebagian_besar": ["terbanyak"] * 2}).to_csv(
        tmp_path / "tabel" / "kepatuhan_kurva_ringkas.csv", index=False)
    teks = " ".join(x for x in Laporan(tmp_path, "id").blok("kurva") if isinstance(x, str))
    assert "paling banyak di OPD" in teks and "Tafsiran sebagian besar" in teks
    assert "Paksa: 12 naik, 30 turun" in teks and "Dasar:" not in teks
    assert "3 kelompok distribusi paksa" in teks and "20 %" in teks
    assert "ASUMSI" in teks and "Kepala unit dalam kurva" in teks
    en = " ".join(x for x in Laporan(tmp_path, "en").blok("kurva") if isinstance(x, str))
    assert "Paksa: 12 up, 30 down" in en and "most common" in en
