"""The multi-year results in the report: the section "dari tahun ke tahun" appears for a
scenario with several years and not for a single-year one, its numbers are those of
``HasilPeriode.pita()``, the charts draw exactly the bands, labels in both languages."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import simkit
from simkit.orchestration.periode import UKURAN
from simkit.report import grafik_periode as gp
from simkit.report.charts import di_luar, tumpang_tindih
from simkit.report.notebook import notebook_laporan
from simkit.report.sajian import Gambar, Laporan
from simkit.report.sajian_periode import TABEL_UKURAN, ada_periode, jawaban, tabel_ukuran

ATURAN = [{"id": "nasional", "aturan": "permenpanrb_6_2022"},
          {"id": "pp46", "aturan": "pp46_2011"},
          {"id": "paksa", "aturan": "kurva_paksa", "label": {"id": "Kurva paksa", "en": "Forced"}}]
SC = {"nama": "uji periode", "seed": 7, "populasi": {"jumlah_asn": 400},
      "periode": {"tahun": 3, "evaluasi_per_tahun": 1}, "aturan": ATURAN}
SC_SATU = {"nama": "uji satu tahun", "seed": 7, "populasi": {"jumlah_asn": 300},
           "aturan": ATURAN[:2]}
KODE = re.compile(r"\b(?:" + "|".join(UKURAN) + r")\b")
"""A raw measure code where a user reads."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return simkit.run(SC, tmp_path_factory.mktemp("p") / "hasil", lang="id", progress=False,
                      laporan=False)


@pytest.fixture(scope="module")
def folder_satu(tmp_path_factory):
    return simkit.run(SC_SATU, tmp_path_factory.mktemp("s") / "hasil", lang="id",
                      progress=False, laporan=False)


@pytest.fixture(scope="module")
def pita2():
    """Bands over two seeds."""
    return simkit.simulate(SC, seeds=2).pita()


def _teks(blok) -> str:
    return "\n".join(x for x in blok if isinstance(x, str))


def test_section_present_for_several_years_absent_for_one(folder, folder_satu):
    lap, satu = Laporan(folder, "id"), Laporan(folder_satu, "id")
    assert ada_periode(folder) and not ada_periode(folder_satu)
    assert "periode" in lap.bagian() and "periode" not in satu.bagian()
    assert lap.bagian().index("periode") == lap.bagian().index("manifest") - 1
    assert 'id="bagian-periode"' in lap.html() and "Dari tahun ke tahun" in lap.html(["judul"])
    assert "bagian-periode" not in satu.html() and satu.blok("periode") == []
    src = "\n".join(c.source for c in notebook_laporan(ada_periode(folder)).cells)
    assert 'laporan.tampilkan("periode")' in src
    assert 'tampilkan("periode")' not in "\n".join(
        c.source for c in notebook_laporan(ada_periode(folder_satu)).cells)
    assert not list((folder_satu / "grafik").glob("periode_*.png"))


def test_run_table_is_hasil_periode_pita(folder):
    tulis = pd.read_parquet(folder / "tabel" / "periode_pita.parquet")
    pita = simkit.simulate(SC, seeds=[7]).pita()
    pd.testing.assert_frame_equal(tulis.reset_index(drop=True), pita.reset_index(drop=True),
                                  check_dtype=False)


def test_section_numbers_are_the_bands(folder):
    lap = Laporan(folder, "id")
    pita = lap.tabel("periode_pita")
    teks = _teks(lap.blok("periode"))
    semua = pita[pita["dimensi"] == "semua"]
    for u in [u for us in TABEL_UKURAN.values() for u in us]:
        for r in semua.itertuples():
            if r.ukuran == u and pd.notna(r.rata_rata):
                assert f">{gp.tulis(r.rata_rata, u, 'id', satuan=False)}<" in teks, (u, r)
    wt = semua[(semua.ukuran == "waktu_tunggu_benar") & (semua.tahun == 3)]
    terbaik = wt.sort_values("rata_rata").iloc[0]
    assert (f"paling singkat di bawah {lap.labels[terbaik.aturan]} "
            f"({gp.tulis(terbaik.rata_rata, 'waktu_tunggu_benar', 'id')}") in teks
    assert "satu seed" in teks  # a run of one seed says it has no bands
    for nama in gp.GRAFIK_PERIODE:  # every chart drawn and shown
        assert (folder / "grafik" / f"{nama}.png").is_file()
    alt = [x.alt for x in lap.blok("periode") if isinstance(x, Gambar)]
    assert alt == [gp.teks_alt(n, "id") for n in gp.GRAFIK_PERIODE]


def test_tables_and_answer_carry_the_bands_over_seeds(pita2):
    tb = tabel_ukuran(pita2, "waktu_tunggu_benar", "en")
    r = pita2.query("dimensi == 'semua' and ukuran == 'waktu_tunggu_benar' and tahun == 2 "
                    "and aturan == 'pp46'").iloc[0]
    sel = tb.set_index("aturan").loc["pp46", "Year 2"]
    assert sel == (f"{gp.tulis(r.rata_rata, r.ukuran, 'en', False)} "
                   f"[{gp.tulis(r.q10, r.ukuran, 'en', False)} – "
                   f"{gp.tulis(r.q90, r.ukuran, 'en', False)}]")
    assert list(tb.columns) == ["aturan", "Year 1", "Year 2", "Year 3"]
    teks = " ".join(jawaban(pita2, "en", {"paksa": "Forced"} | gp.label_bawaan(
        pita2[pita2.aturan != "paksa"], "en")))
    assert "Over 2 seeds" in teks and "10–90 % band" in teks
    s = pita2[pita2.dimensi == "semua"].set_index(["ukuran", "tahun", "aturan"])["rata_rata"]
    s = s.sort_index()
    hanya = ((s["waktu_tunggu_lapor", 1] - s["waktu_tunggu_lapor", 3])
             - (s["waktu_tunggu_benar", 1] - s["waktu_tunggu_benar", 3])).sort_values()
    r = hanya.index[-1]
    nama = {"paksa": "Forced", "nasional": "PermenPANRB 6/2022 (performance quadrant)",
            "pp46": "PP 46/2011 (work achievement, Perka BKN 1/2013)"}[r]
    if hanya.iloc[-1] > 0:
        assert f"only in the figures is largest under {nama}: since year 1" in teks
        assert f"({gp.tulis(hanya.iloc[-1], 'waktu_tunggu_benar', 'en')} only in" in teks
    else:
        assert "Under no rule did the reported waiting time improve more" in teks


@pytest.mark.parametrize("nama", list(gp.GRAFIK_PERIODE))
def test_chart_lines_and_bands_equal_pita(pita2, nama):
    fig = gp.grafik_periode(pita2, nama, "id", {"paksa": "Kurva paksa"})
    data = gp.data_grafik(fig)
    spec = gp.GRAFIK_PERIODE[nama]
    p = pita2[(pita2.dimensi == "semua") & pita2.ukuran.isin(spec.ukuran)]
    gabung = p.merge(data, on=["aturan", "ukuran", "tahun"], how="left", validate="1:1")
    assert len(data) == len(p) == 3 * 3 * len(spec.ukuran)  # rules × years × panels
    assert (gabung["garis"] - gabung["rata_rata"]).abs().max() < 1e-9
    lebar = gabung["q90"] > gabung["q10"]
    if lebar.any():
        band = gabung[gabung["bawah"].notna()]
        assert (band["bawah"] - band["q10"]).abs().max() < 1e-9
        assert (band["atas"] - band["q90"]).abs().max() < 1e-9
    assert len(fig.axes) == len(spec.ukuran)
    assert {ln.get_linestyle() for ln in fig.axes[0].lines if ln.get_gid()} != {"-"}  # B/W
    assert len({ln.get_marker() for ln in fig.axes[0].lines if ln.get_gid()}) == 3
    assert tumpang_tindih(fig) == [] and di_luar(fig) == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_labels_in_both_languages_no_raw_codes(folder, pita2, lang):
    lap = Laporan(folder, lang)
    teks = _teks(lap.blok("periode"))
    assert ("Dari tahun ke tahun" if lang == "id" else "Year to year") in teks
    assert not KODE.search(re.sub(r"<[^>]+>", " ", teks)), KODE.findall(teks)
    for nama in gp.GRAFIK_PERIODE:
        fig = gp.grafik_periode(pita2, nama, lang)
        semua = " ".join(x.get_text() for x in fig.findobj(
            __import__("matplotlib.text", fromlist=["Text"]).Text))
        assert not KODE.search(semua), (nama, semua)
        assert "permenpanrb_6_2022" not in semua  # rules by their names
    assert gp.label_ukuran("waktu_tunggu_lapor", lang) != "periode.ukuran.waktu_tunggu_lapor"


@pytest.mark.slow
def test_html_report_of_a_multi_year_run(tmp_path):
    out = simkit.run(SC, tmp_path / "hasil", lang="en", progress=False)
    html = (out / "laporan.html").read_text("utf-8")
    assert 'id="bagian-periode"' in html and "Year to year" in html
    assert html.count('<figure class="grafik">') >= 7 + 1
    assert "True waiting time (min)" in html


def test_answer_uses_paired_differences_within_seeds():
    from simkit.report.sajian_periode import selisih_berpasangan

    h = simkit.simulate(SC, seeds=3)
    pita, tabel = h.pita(), h.tabel
    akhir = pita.query("dimensi == 'semua' and tahun == 3 and ukuran == 'waktu_tunggu_benar'")
    terbaik = akhir.sort_values("rata_rata").iloc[0].aturan
    beda = selisih_berpasangan(tabel, "waktu_tunggu_benar", 3, terbaik)
    w = tabel.query("dimensi == 'semua' and tahun == 3 and ukuran == 'waktu_tunggu_benar'"
                    ).pivot(index="seed", columns="aturan", values="nilai")
    for a in beda.index:
        assert beda.loc[a, "q10"] == pytest.approx((w[a] - w[terbaik]).quantile(0.1))
    teks = " ".join(jawaban(pita, "en", None, tabel))
    pasti = bool((beda["q10"] > 0).all())
    assert ("not luck of the draw" in teks) == pasti
    assert ("not yet certain" in teks) == (not pasti)
