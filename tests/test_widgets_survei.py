"""Survei Kepuasan (IKM): sample size, response rate and biased sampling, with real numbers."""

from __future__ import annotations

import pytest

from simkit.population.generate import redraw_measurement
from simkit.presentation.format import angka
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
    w = SurveiWidget(SurveiIKM(sc, pop, lang="id"), latar=False)
    w.bias.value = 0.4  # speed: benchmarks/bench_widget.py, not a timed test
    assert w.logika.bias_sampel == 0.4 and "Responden" in w.ringkas.value
    w.R.value = 5
    w.tombol_sebaran.click()
    assert "5 undian" in w.hasil_sebaran.value and w.kerja.kemajuan.value == 5
    assert "Dibatalkan" not in w.hasil_sebaran.value and w.kerja.tombol_batal.disabled
    w.bahasa.value = "en"
    assert "Respondents" in w.ringkas.value
    lain = next(v for _, v in w.unit.options if v != w.logika.unit)
    w.unit.value = lain
    assert w.N.value == w.logika.populasi_dilayani


def test_sebaran_berhenti_saat_dibatalkan(mamuju):
    sc, pop = mamuju
    s = SurveiIKM(sc, pop)
    penuh = s.sebaran(6)
    langkah: list[int] = []
    d = s.sebaran(6, kemajuan=lambda i, n: langkah.append(i), batal=lambda: len(langkah) >= 2)
    assert langkah == [1, 2] and list(d["noise_seed"]) == [1, 2]
    assert d.equals(penuh.iloc[:2])  # the draws done are the full run's first two
    kosong = s.sebaran(6, batal=lambda: True)
    assert kosong.empty and list(kosong.columns) == list(penuh.columns)


@pytest.mark.parametrize(("lang", "kata"), [("id", "Dibatalkan setelah 3 dari 10 undian. "
                                                   "IKM pada 3 undian ulang survei"),
                                            ("en", "Cancelled after 3 of 10 draws. "
                                                   "IKM over 3 redraws of the survey")])
def test_tombol_batal_menghentikan_sebaran(mamuju, lang, kata):
    """The Cancel button next to the progress bar, clicked while the redraws run (here from
    the bar's own update after the third draw, the path a browser click takes)."""
    from simkit.widgets.survei import SurveiWidget

    sc, pop = mamuju
    w = SurveiWidget(SurveiIKM(sc, pop, lang=lang), latar=False)
    k = w.kerja
    assert k.tombol_batal.disabled and k.tombol_batal.description == {"id": "Batal",
                                                                      "en": "Cancel"}[lang]
    assert k.tombol_batal in k.kotak.children and k.kemajuan in k.kotak.children

    def saat_maju(ch: dict) -> None:
        if ch["new"] == 3:
            assert not k.tombol_batal.disabled and w.tombol_sebaran.disabled  # while running
            k.tombol_batal.click()

    k.kemajuan.observe(saat_maju, names="value")
    w.R.value = 10
    w.tombol_sebaran.click()
    assert k.kemajuan.value == 3 and k.kemajuan.max == 10
    assert kata in w.hasil_sebaran.value, w.hasil_sebaran.value
    ikm = w.logika.sebaran(3)["ikm_konversi"]
    assert angka(ikm.mean(), 2, lang) in w.hasil_sebaran.value
    assert k.tombol_batal.disabled and not w.tombol_sebaran.disabled
    k.kemajuan.unobserve(saat_maju, names="value")
    w.tombol_sebaran.click()  # a new run starts uncancelled and completes
    assert k.kemajuan.value == 10 and "10" in w.hasil_sebaran.value
    assert "Dibatalkan" not in w.hasil_sebaran.value and "Cancelled" not in w.hasil_sebaran.value
