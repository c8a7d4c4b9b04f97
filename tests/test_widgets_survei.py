"""Survei Kepuasan (IKM): sample size, response rate and biased sampling, with real numbers."""

from __future__ import annotations

import pytest

from simkit.population.generate import redraw_measurement
from simkit.widgets.survei import SurveiIKM

W = pytest.importorskip("ipywidgets")


def test_survei_sama_dengan_generator(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    assert s._pop.skm.equals(pop.skm)  # the scenario's settings: the generator's own survey
    s.setel(tingkat_respons=0.5)
    sc2 = s.skenario_survei()
    assert s._pop.skm.equals(redraw_measurement(pop, sc2, noise_seed=None).skm)


def test_sampel_dan_responden(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    s.setel(populasi_dilayani=100, tingkat_respons=0.5)
    r = s.ringkasan()
    # Krejcie & Morgan: N = 100 -> s = 80; responses round(80 x 0.5) = 40
    assert r["sampel"] == 80 and r["jumlah_responden_diharapkan"] == 40
    assert r["jumlah_responden"] == 40


def test_sampel_bias_menaikkan_ikm(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    s.setel(bias_sampel=0.0)
    ikm0 = s.ringkasan()["ikm_konversi"]
    capaian0 = s.garis_depan()["capaian_ikm"].mean()
    s.setel(bias_sampel=0.6)
    r = s.ringkasan()
    assert r["ikm_konversi"] > ikm0 + 3
    # under the Mamuju reform the frontline staff's IKM capaian rises with it
    assert s.garis_depan()["capaian_ikm"].mean() > capaian0
    assert r["garis_depan"] > 0


def test_sampel_kecil_melebarkan_sebaran(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    besar = s.sebaran(12)["ikm_konversi"].std()
    s.setel(populasi_dilayani=30, tingkat_respons=0.3)  # s(30) = 28, 8 responses
    langkah = []
    kecil = s.sebaran(12, kemajuan=lambda i, n: langkah.append((i, n)))["ikm_konversi"].std()
    assert kecil > 2 * besar
    assert langkah[-1] == (12, 12)


def test_bobot_nol_sama_dengan_aturan_dasar(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    s.setel(bobot_ikm=0.0, bias_sampel=0.8)
    d = s.garis_depan()
    assert (d["predikat"] == d["predikat_dasar"]).all()
    assert s.ringkasan()["naik"] == 0


def test_widget_cepat_dan_dwibahasa(mamuju):
    from simkit.widgets.survei import SurveiWidget

    sc, pop = mamuju
    w = SurveiWidget(SurveiIKM(sc, pop, lang="id"))
    w.bias.value = 0.4  # speed: benchmarks/bench_widget.py, not a timed test
    assert w.logika.bias_sampel == 0.4 and "Responden" in w.ringkas.value
    w.R.value = 5
    w.tombol_sebaran.click()
    assert "5 undian" in w.hasil_sebaran.value and w.kemajuan.value == 5
    w.bahasa.value = "en"
    assert "Respondents" in w.ringkas.value
    lain = next(v for _, v in w.unit.options if v != w.logika.unit)
    w.unit.value = lain
    assert w.N.value == w.logika.populasi_dilayani
