"""Kurva Distribusi: the curve limits equal the parameter; small units misrate many."""

from __future__ import annotations

import pytest

from simkit.kosakata import CAPAIAN_ORGANISASI
from simkit.rules import get_rule
from simkit.widgets.kurva import KurvaDistribusi, salah_klasifikasi, tabel_batas

W = pytest.importorskip("ipywidgets")


@pytest.mark.parametrize("capaian", CAPAIAN_ORGANISASI)
def test_tabel_batas_sama_dengan_parameter(capaian):
    kb = get_rule("permenpanrb_6_2022").parameters["kurva_batas"][capaian]
    d = tabel_batas(capaian)
    assert d["kelas"].tolist() == [", ".join(b["kelas"]) for b in kb]
    assert d["jenis"].tolist() == [b["jenis"] for b in kb]
    assert d["persen"].tolist() == [b["persen"] for b in kb]
    assert d["orang"].tolist() == [b["orang"] for b in kb]


def test_batas_orang_unit_sepuluh():
    # OPD Baik, 10 people: Baik at most floor(70 % x 10) = 7; BP + Kurang at least 1 person.
    d = tabel_batas("baik", ukuran=10)
    assert d["batas_orang"].tolist() == [7, 1]
    # OPD Butuh Perbaikan, 7 people: BP at least ceil(60 % x 7) = 5; SB at most floor(0.7) = 0.
    assert tabel_batas("butuh_perbaikan", ukuran=7)["batas_orang"].tolist() == [5, 0]


def test_semua_capaian_urut():
    assert tabel_batas()["capaian"].drop_duplicates().tolist() == list(CAPAIAN_ORGANISASI)


def test_salah_klasifikasi_unit_kecil_lebih_besar():
    d = salah_klasifikasi([5, 40], seed=0).set_index("ukuran")
    assert d.loc[5, "salah"] > d.loc[40, "salah"] + 0.15
    # a unit of 5 must give 1 Sangat Baik in 5 (20 %, twice the 10 % target), whatever the truth
    assert d.loc[5, "sangat_baik"] == pytest.approx(0.2)
    assert d.loc[40, "sangat_baik"] == pytest.approx(0.1)
    assert bool(d.loc[5, "kelompok_kecil"]) and not bool(d.loc[40, "kelompok_kecil"])
    assert (d["salah"] == d["naik"] + d["turun"]).all()


def test_salah_klasifikasi_berbenih_dan_menurun():
    a = salah_klasifikasi(seed=7, n_pegawai=6000)
    b = salah_klasifikasi(seed=7, n_pegawai=6000)
    assert a.equals(b)
    # more rater noise, more misclassification at every size
    c = salah_klasifikasi(seed=7, n_pegawai=6000, noise_sd=0.5)
    assert (c["salah"] >= a["salah"]).all()


def test_logika_dan_widget():
    from simkit.widgets.kurva import KurvaWidget

    k = KurvaDistribusi(n_pegawai=3000)
    w = KurvaWidget(k)
    w.capaian.value = "istimewa"
    w.ukuran.value = 20
    assert k.tabel_batas()["batas_orang"].tolist() == [14]
    w.bacaan.value = "lebih_dari_separuh"
    assert k.batasan_dibaca()["jenis"].tolist() == ["maks", "lebih_dari_separuh"]
    sebelum = k.kurva_salah()
    w.noise.value = 0.5
    assert not k.kurva_salah().equals(sebelum)
    w.bahasa.value = "en"
    assert "curve limits" in w.batas.value and "Misclassification" in w.gambar.value
    w.bahasa.value = "id"
    assert "Batas kurva" in w.batas.value
