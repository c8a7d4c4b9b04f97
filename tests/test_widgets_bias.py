"""Penjelajah Bias Penilai: a lenient OPD's raters raise its Sangat Baik; calibration repairs it."""

from __future__ import annotations

import pytest

from simkit.population.schema import BERAKHLAK
from simkit.widgets.bias import BIAS, ENTRI, KALIBRASI, TANPA_BIAS, PenjelajahBias

W = pytest.importorskip("ipywidgets")


def test_opd_murah_hati_dan_kalibrasi_skor_z(mamuju):
    sc, pop = mamuju
    b = PenjelajahBias(sc, pop, opd="pupr", metode="skor_z")
    r0 = b.ringkasan_opd()
    assert r0["kode_unit"] == "pupr" and bool(r0["dipilih"])
    b.setel(leniensi_rata=1.2)
    r = b.ringkasan_opd()
    # the lenient raters raise the OPD's Sangat Baik well above the unbiased baseline
    assert r["sb_bias"] > r["sb_tanpa_bias"] + 0.15
    assert r["naik_bias"] > 0.2 and r["turun_bias"] == 0
    # calibration skor_z removes most of that excess, and is closer to the truth
    assert r["kelebihan_sb_kalibrasi"] < 0.5 * r["kelebihan_sb_bias"]
    assert r["tepat_kalibrasi"] > r["tepat_bias"]
    # only the chosen OPD's raters changed: other OPDs keep the baseline's predikat
    lain = b.tabel_kelompok().iloc[1:]
    assert (lain["sb_bias"] == lain["sb_tanpa_bias"]).all()
    assert (lain["naik_bias"] == 0).all() and (lain["turun_bias"] == 0).all()


def test_akurasi_empat_entri(mamuju):
    sc, pop = mamuju
    b = PenjelajahBias(sc, pop, opd="disdik", metode="pemusatan")
    b.setel(leniensi_rata=1.5)
    a = b.akurasi().set_index("aturan")
    assert list(a.index) == list(ENTRI)
    assert a.loc[BIAS, "akurasi"] < a.loc[TANPA_BIAS, "akurasi"]
    assert a.loc[BIAS, "proporsi_terlalu_tinggi"] > a.loc[TANPA_BIAS, "proporsi_terlalu_tinggi"]
    # disdik is half the workforce: its raters are the grand mean, calibration cannot undo it
    r = b.ringkasan_opd()
    assert r["kelebihan_sb_kalibrasi"] > 0.5 * r["kelebihan_sb_bias"]
    assert b.evaluasi[KALIBRASI].params["metode"] == "pemusatan"


def test_kelompok_dan_halo(mamuju):
    sc, pop = mamuju
    b = PenjelajahBias(sc, pop, opd="pupr")
    g = b.tabel_kelompok("jenis_kelamin")
    assert g["n"].sum() == len(pop.pegawai)
    sebelum, bias_lama = b.evaluasi[TANPA_BIAS], b.evaluasi[BIAS]
    b.setel(halo=1.0)  # pupr's raters judge by their overall impression only
    assert b.evaluasi[TANPA_BIAS] is sebelum  # the OPD's own halo: the baseline stays
    h_baru = b.evaluasi[BIAS].hasil.set_index("asn_id")
    h_lama = bias_lama.hasil.set_index("asn_id")
    kode = pop.unit_kerja.set_index("unit_id")["kode_unit"]
    di_pupr = pop.pegawai["opd_id"].map(kode).eq("pupr").to_numpy()
    lain = pop.pegawai.loc[~di_pupr, "asn_id"]
    # the other OPDs' raters keep their halo: their ASN's predikat do not move
    # (people rated by pupr's raters across OPDs are few; compare the bulk)
    sama = (h_baru.loc[lain, "predikat"] == h_lama.loc[lain, "predikat"]).mean()
    assert sama > 0.98
    # with halo 1.0 every value of a pupr rating equals the rater's impression: one score
    pen = b._pop.penilaian_perilaku
    rater_pupr = pen["penilai_id"].isin(pop.pegawai.loc[di_pupr, "asn_id"])
    nilai = pen.loc[rater_pupr, list(BERAKHLAK)]
    assert (nilai.nunique(axis=1) == 1).mean() > 0.9


def test_widget_dwibahasa(mamuju):
    from simkit.widgets.bias import BiasWidget

    sc, pop = mamuju
    w = BiasWidget(PenjelajahBias(sc, pop, opd="pupr", lang="id"))
    w.leniensi.value = 1.0  # speed: benchmarks/bench_widget.py, not a timed test
    assert w.logika.leniensi_rata == 1.0
    assert "Porsi Sangat Baik" in w.gambar.value
    w.bahasa.value = "en"
    assert "Share Sangat Baik" in w.gambar.value
    w.opd.value = "disdik"  # the OPD's settings start from the scenario's
    assert w.leniensi.value == pytest.approx(sc.penilai.leniensi_rata)
    w.dimensi.value = "golongan"
    assert "golongan" in w.tabel.value.lower() or "<table" in w.tabel.value
