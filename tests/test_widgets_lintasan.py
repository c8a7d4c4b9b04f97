"""The rule tuner's paths over years: set a parameter, run the tuned reform and the baseline
over a few years and seeds (progress, Cancel), and the chart's data and the table."""

from __future__ import annotations

import pytest

import simkit
from simkit.report.grafik_periode import GRAFIK_PERIODE, data_grafik
from simkit.widgets.penyetel import NAMA_DISETEL, Dibatalkan, Penyetel, PenyetelWidget

W = pytest.importorskip("ipywidgets")

SC = {"nama": "uji lintasan", "seed": 11, "populasi": {"jumlah_asn": 300},
      "periode": {"evaluasi_per_tahun": 1},
      "aturan": [{"id": "nasional", "aturan": "permenpanrb_6_2022"}]}


@pytest.fixture(scope="module")
def penyetel():
    sc = simkit.load_scenario(SC)
    p = Penyetel(sc, simkit.generate(sc), "permenpanrb_6_2022", lang="id",
                 simulasi=simkit.simulate)
    assert p.setel(("ambang_hasil_di_atas",), 105)
    return p


def test_paths_of_the_tuned_reform_and_the_baseline(penyetel):
    langkah = []
    h = penyetel.lintasan(tahun=2, seeds=2, kemajuan=lambda i, n: langkah.append((i, n)))
    assert langkah == [(0, 2), (1, 2), (2, 2)]
    assert sorted(h.tabel["seed"].unique()) == [11, 12]
    sc = penyetel.skenario_lintasan(2)
    assert sc["aturan"][1]["parameter"] == {"ambang_hasil_di_atas": 105}
    d = penyetel.data_lintasan("periode_kinerja")
    assert set(d["aturan"]) == {"nasional", NAMA_DISETEL} and sorted(set(d["tahun"])) == [1, 2]
    assert (d["jumlah_seed"] == 2).all()
    fig = penyetel.gambar_lintasan("periode_kinerja")
    assert [len([ln for ln in ax.lines if ln.get_gid()]) for ax in fig.axes] == [2, 2, 2]
    g = data_grafik(fig).merge(d, on=["aturan", "ukuran", "tahun"], validate="1:1")
    assert len(g) == 2 * 2 * len(GRAFIK_PERIODE["periode_kinerja"].ukuran)
    assert (g["garis"] - g["rata_rata"]).abs().max() < 1e-12
    legenda = [x.get_text() for x in fig.legends[0].get_texts()]
    assert any("(disetel)" in x for x in legenda)
    tb = penyetel.tabel_lintasan("peringkat_rata")
    assert list(tb.columns) == ["aturan", "Tahun 1", "Tahun 2"] and len(tb) == 2
    r = d.query("aturan == @NAMA_DISETEL and tahun == 2 and ukuran == 'peringkat_rata'").iloc[0]
    from simkit.presentation.format import angka

    assert tb.set_index("aturan").loc[NAMA_DISETEL, "Tahun 2"].startswith(
        angka(r.rata_rata, 2, "id"))


def test_cancel_changes_nothing(penyetel):
    sebelum = penyetel.hasil_lintasan
    with pytest.raises(Dibatalkan):
        penyetel.lintasan(tahun=2, seeds=2, batal=lambda: True)
    assert penyetel.hasil_lintasan is sebelum


def test_widget_button_shows_chart_and_table_in_both_languages(penyetel):
    w = PenyetelWidget(penyetel, latar=False)
    assert not w.tombol_lintasan.disabled and w.tombol_lintasan.description == "Dari tahun ke tahun"
    w.lintasan_tahun.value, w.lintasan_seed.value = 2, 1
    w.tombol_lintasan.click()
    assert w.kerja.kemajuan.value == w.kerja.kemajuan.max == 1 and w.kerja.tombol_batal.disabled
    isi = w.keluaran_lintasan.value
    assert '<img src="data:image/png;base64,' in isi and "Waktu tunggu sebenarnya" in isi
    w.lintasan_grafik.value = "periode_tpp"
    assert "Biaya TPP setahun" in w.keluaran_lintasan.value
    w.bahasa.value = "en"
    assert w.tombol_lintasan.description == "Year to year"
    assert "TPP cost per year" in w.keluaran_lintasan.value
    w.bahasa.value = "id"


def test_without_simulate_the_button_is_off():
    sc = simkit.load_scenario(SC)
    p = Penyetel(sc, simkit.generate(sc), "permenpanrb_6_2022")
    assert PenyetelWidget(p, latar=False).tombol_lintasan.disabled
    with pytest.raises(RuntimeError):
        p.lintasan()
