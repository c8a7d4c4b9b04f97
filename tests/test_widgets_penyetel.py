"""The rule tuner (Penyetel Aturan) and the controls-as-data it is built from, without a browser.

Controls are asserted on every parameter of every rule; the tuner's state class and its thin
ipywidgets view are driven by setting values (ipywidgets fires ``observe`` synchronously).
"""

from __future__ import annotations

import math

import numpy as np
import openpyxl
import pytest
import yaml

import simkit
from simkit.errors import SimkitError
from simkit.presentation.label import label_parameter
from simkit.rules import evaluate, get_rule, list_rules
from simkit.rules.params import load_params
from simkit.widgets.kerja import Dibatalkan
from simkit.widgets.kontrol import (
    GrupKontrol,
    Kontrol,
    baca_yaml,
    buat_widget,
    kontrol_aturan,
    kontrol_parameter,
    nilai_kontrol,
)
from simkit.widgets.penyetel import NAMA_DISETEL, TABEL_PENYETEL, Penyetel

W = pytest.importorskip("ipywidgets")

KELAS = {"desimal": W.FloatSlider, "bulat": W.IntSlider, "ya_tidak": W.Checkbox,
         "pilihan": W.Dropdown, "teks": W.Text, "yaml": W.Textarea}


# --------------------------------------------------------------------------- controls as data


def _daun_nilai(nilai, jalur):
    for k in jalur[1:]:
        nilai = next(v for kk, v in nilai.items() if str(kk) == k)
    return nilai


@pytest.mark.parametrize("rule", [r.id for r in list_rules()])
def test_kontrol_untuk_setiap_parameter(rule):
    p = get_rule(rule).parameters
    ks = kontrol_aturan(p, lang="en")
    assert [k.jalur[0] for k in ks] == list(p)
    for k in ks:
        meta = p.meta(k.jalur[0])
        if meta.tipe == "mapping":
            assert isinstance(k, GrupKontrol) and k.label and meta.referensi in k.keterangan
            assert meta.teks("en") in k.keterangan
            assert k.anak, k.nama
            leaves = k.anak
        else:
            assert isinstance(k, Kontrol)
            expect = {"angka": "desimal", "bulat": "bulat", "boolean": "ya_tidak",
                      "pilihan": "pilihan", "teks": "teks", "daftar": "yaml"}[meta.tipe]
            assert k.jenis == expect, k.nama
            leaves = (k,)
        for a in leaves:
            v = _daun_nilai(p[a.nama], a.jalur)
            w = buat_widget(a)
            assert isinstance(w, KELAS[a.jenis]), a.jalur
            assert a.label in w.description
            if a.jenis in ("desimal", "bulat"):
                lo, hi = a.rentang
                if meta.tampil is not None:
                    assert (lo, hi) == (min(meta.tampil[0], v), max(meta.tampil[1], v))
                    assert (meta.min is None or lo >= meta.min) and (
                        meta.max is None or hi <= meta.max)
                # a display range, not a validation bound such as 0-1000
                assert 0 < hi - lo <= 200, (a.jalur, lo, hi)
                assert lo <= v <= hi and w.value == pytest.approx(v)
                assert (w.min, w.max) == (pytest.approx(lo), pytest.approx(hi))
                assert w.step == pytest.approx(a.langkah)
                if meta.langkah is not None:
                    assert a.langkah == meta.langkah
                # the slider's own value stands for the parameter's value
                assert nilai_kontrol(a, w.value) == pytest.approx(v)
            elif a.jenis == "pilihan":
                assert [o[1] for o in a.pilihan] == list(meta.pilihan)
                assert all(isinstance(o[0], str) and o[0] for o in a.pilihan)
                assert w.value == v
            elif a.jenis == "yaml":
                assert baca_yaml(w.value) == v
            else:
                assert w.value == v


def test_langkah_dan_tampil_dari_berkas():
    k = kontrol_parameter(load_params("permenpanrb_6_2022"), "ambang_hasil_di_atas", lang="id")
    # validation bounds 0..1000, display range 50..150 step 1
    assert (k.jenis, k.rentang, k.langkah, k.nilai) == ("desimal", (50, 150), 1, 110)
    w = buat_widget(k)
    assert (w.min, w.max, w.step, w.value) == (50, 150, 1, 110)
    k = kontrol_parameter(load_params("mamuju_ikm"), "min_responden_ikm")
    assert (k.jenis, k.rentang) == ("bulat", (1, 100))  # validation bounds 1..100000


def test_pilihan_dan_mapping_berlabel():
    p = load_params("permenpanrb_6_2022")
    k = kontrol_parameter(p, "sumber_perilaku", lang="en")
    assert dict((v, lab) for lab, v in k.pilihan)["360"].startswith("360-degree rating")
    g = kontrol_parameter(p, "kuadran", lang="id")
    assert len(g.anak) == 9 and {a.jenis for a in g.anak} == {"pilihan"}
    sel = next(a for a in g.anak if a.jalur == ("kuadran", "di_atas_ekspektasi",
                                                 "di_atas_ekspektasi"))
    assert sel.nilai == "sangat_baik" and ("Sangat Baik", "sangat_baik") in sel.pilihan
    assert "›" in sel.label  # row › column, labelled
    b = kontrol_parameter(p, "bobot_360", lang="en")
    assert [(a.jalur[-1], a.jenis, a.nilai) for a in b.anak] == [
        ("atasan", "desimal", 0.6), ("rekan", "desimal", 0.2), ("bawahan", "desimal", 0.1),
        ("diri", "desimal", 0.1)]
    assert b.anak[0].rentang == (0, 1) and b.anak[0].langkah == 0.05


def test_bidang_tampilan_diperiksa(tmp_path):
    base = {"deskripsi": {"id": "x", "en": "x"}, "referensi": "uji", "min": 0, "max": 10,
            "nilai": {"2020-01-01": 5}}
    for extra, bidang in (({"tampil": [0, 20]}, "a.tampil"), ({"tampil": [5, 1]}, "a.tampil"),
                          ({"langkah": 0}, "a.langkah")):
        (tmp_path / "uji_tampil.yaml").write_text(yaml.safe_dump(
            {"aturan": "uji_tampil", "parameter": {"a": {**base, **extra}}}), "utf-8")
        from simkit.rules.params import _read_file

        _read_file.cache_clear()
        with pytest.raises(SimkitError) as e:
            load_params("uji_tampil", folder=tmp_path)
        assert e.value.masalah[0].bidang == bidang and e.value.masalah[0].baris == 3


# --------------------------------------------------------------------------- the tuner


@pytest.fixture(scope="module")
def dunia():
    with open("scenarios/mamuju_baseline.yaml", encoding="utf-8") as f:
        d = yaml.safe_load(f)
    d["populasi"]["jumlah_asn"] = 800
    sc = simkit.load_scenario(d)
    return sc, simkit.generate(sc)


@pytest.fixture()
def penyetel(dunia):
    sc, pop = dunia
    return Penyetel(sc, pop, lang="id")


def _predikat(pop, aturan, parameter):
    return evaluate(pop, aturan, parameter).hasil.set_index("asn_id")["predikat"]


def test_pilihan_aturan_dan_awal(penyetel):
    p = penyetel
    # the scenario's employee-level entries, then every other employee-level rule
    assert list(p.pilihan)[:3] == ["permenpanrb_6_2022", "pp30_2019", "pp46_2011"]
    assert "ikm_unit" not in p.pilihan and "kurva_paksa" in p.pilihan
    assert "kuadran_360" in p.pilihan
    assert p.kunci == "permenpanrb_6_2022" and p.ubahan == {} and p.galat is None
    assert set(p.hasil.tables()) == set(TABEL_PENYETEL)
    d = p.data_distribusi()
    assert np.allclose(d["dasar"], d["disetel"]) and d["dasar"].sum() == pytest.approx(1)
    assert d["predikat"].tolist()[0] == "sangat_baik"
    p.pilih("kuadran_360")  # a reform of the scenario starts from its own parameters
    assert p.ubahan == {"sumber_perilaku": "360"}


def test_perubahan_memperbarui_tabel(penyetel, dunia):
    p = penyetel
    _, pop = dunia
    assert p.setel("ambang_hasil_sesuai", 100) is True
    lama = _predikat(pop, "permenpanrb_6_2022", {})
    baru = _predikat(pop, "permenpanrb_6_2022", {"ambang_hasil_sesuai": 100})
    berubah = int((lama != baru).sum())
    assert berubah > 0
    m = p.matriks_transisi()
    assert int(m.to_numpy().sum()) == len(pop.pegawai)
    assert int(m.to_numpy().sum() - np.trace(m.to_numpy())) == berubah
    # raising the results threshold can only lower a rating: nothing above the diagonal
    naik = [(r, c) for i, r in enumerate(m.index) for j, c in enumerate(m.columns)
            if list(m.columns).index(c) < list(m.columns).index(r) and m.iloc[i, j]]
    assert naik == []
    d = p.data_distribusi().set_index("predikat")
    exp = baru.value_counts(normalize=True)
    for k, v in exp.items():
        assert d.loc[k, "disetel"] == pytest.approx(v)
    mk = p.menang_kalah()
    assert mk.loc[mk["perubahan"].str.startswith("turun"), "jumlah"].sum() == berubah
    for dim in ("jenis_jabatan", "golongan", "jenis_kelamin", "opd"):
        t = p.menang_kalah(dim)
        assert len(t) and t["jumlah"].sum() == len(pop.pegawai) and (
            t["aturan"] == NAMA_DISETEL).all()
    kartu = p.tabel("kartu_reformasi")
    r = kartu.set_index("parameter").loc["ambang_hasil_sesuai"]
    assert (r["nilai_lama"], r["nilai_baru"]) == ("90", "100") or (
        float(r["nilai_lama"]), float(r["nilai_baru"])) == (90, 100)
    assert set(p.tabel("akurasi")["aturan"]) == {"permenpanrb_6_2022", NAMA_DISETEL}
    assert "Ambang" in p.tabel_html("kartu_reformasi")
    # back to the file's value: no change left
    assert p.setel("ambang_hasil_sesuai", 90) and p.ubahan == {}


def test_daun_mapping(penyetel, dunia):
    p = penyetel
    _, pop = dunia
    assert p.setel(("kuadran", "sesuai_ekspektasi", "di_atas_ekspektasi"), "sangat_baik")
    kuadran = p.ubahan["kuadran"]
    assert kuadran["sesuai_ekspektasi"]["di_atas_ekspektasi"] == "sangat_baik"
    assert kuadran["di_atas_ekspektasi"] == load_params("permenpanrb_6_2022")["kuadran"][
        "di_atas_ekspektasi"]
    baru = _predikat(pop, "permenpanrb_6_2022", {"kuadran": kuadran})
    d = p.data_distribusi().set_index("predikat")
    assert d.loc["sangat_baik", "disetel"] == pytest.approx((baru == "sangat_baik").mean())
    assert d.loc["sangat_baik", "disetel"] > d.loc["sangat_baik", "dasar"]


def test_urutan_salah_pesan_berlokasi(penyetel):
    p = penyetel
    assert p.setel("ambang_hasil_sesuai", 95)
    sebelum = p.data_distribusi()
    assert p.setel("ambang_hasil_sesuai", 120) is False
    assert "ambang_hasil_sesuai" in p.pesan and "ambang_hasil_di_atas 110" in p.pesan
    assert p.galat.masalah[0].bidang == "ambang_hasil_sesuai"
    assert p.data_distribusi().equals(sebelum)  # the last valid tables stay
    p.lang = "en"
    assert "field 'ambang_hasil_sesuai'" in p.pesan
    with pytest.raises(SimkitError):  # a refused combination is not exported
        p.ekspor_skenario("tidak_ditulis.yaml")
    assert p.setel("ambang_hasil_di_atas", 125) and p.pesan == ""


def test_ekspor_skenario_dan_excel(penyetel, dunia, tmp_path):
    p = penyetel
    _, pop = dunia
    p.pilih("pp30_2019")
    assert p.setel("batas_baik", 85) and p.setel("pakai_360", True)
    path = p.ekspor_skenario(tmp_path / "disetel.yaml")
    assert path.read_text("utf-8").startswith("# ")
    sc = simkit.load_scenario(path)  # what `simkit validate` and `simkit run` read
    from simkit.cli import main

    assert main(["validate", str(path)]) == 0
    assert [e.id for e in sc.aturan] == ["permenpanrb_6_2022", NAMA_DISETEL]
    e = sc.aturan[1]
    assert e.aturan == "pp30_2019" and e.parameter == {"batas_baik": 85, "pakai_360": True}
    assert e.label["en"].endswith("(tuned)")
    assert sc.seed == p.skenario.seed and sc.populasi == p.skenario.populasi
    ev = evaluate(pop, e.aturan, e.parameter)
    d = p.data_distribusi().set_index("predikat")["disetel"]
    exp = ev.hasil["predikat"].value_counts(normalize=True)
    for k, v in exp.items():
        assert d[k] == pytest.approx(v)
    x = p.ekspor_excel(tmp_path / "disetel.xlsx")
    wb = openpyxl.load_workbook(x, read_only=True)
    assert {"tentang", "distribusi", "transisi", "kartu_reformasi"} <= set(wb.sheetnames)


def test_kerja_panjang_kemajuan_dan_batal(penyetel):
    p = penyetel
    pop, seed = p.populasi, p.skenario.seed
    with pytest.raises(Dibatalkan):
        p.populasi_baru(seed + 1, batal=lambda: True)
    assert p.populasi is pop and p.skenario.seed == seed
    langkah = []
    p.populasi_baru(seed + 1, kemajuan=lambda i, n: langkah.append((i, n)))
    assert langkah == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert p.skenario.seed == seed + 1 and p.populasi is not pop
    assert p.data_distribusi()["dasar"].sum() == pytest.approx(1)
    # a refused combination stays refused; the tables follow the new population's last valid state
    assert p.setel("ambang_hasil_sesuai", 95) and not p.setel("ambang_hasil_sesuai", 120)
    p.populasi_baru(seed + 2)
    assert p.galat is not None and p.ubahan == {"ambang_hasil_sesuai": 120}
    exp = _predikat(p.populasi, "permenpanrb_6_2022", {"ambang_hasil_sesuai": 95})
    d = p.data_distribusi().set_index("predikat")["disetel"]
    assert all(d[k] == pytest.approx(v) for k, v in exp.value_counts(normalize=True).items())
    hitung = []
    with pytest.raises(Dibatalkan):
        p.stabilitas(3, kemajuan=lambda i, n: hitung.append(i), batal=lambda: len(hitung) >= 1)


# --------------------------------------------------------------------------- the view


def test_tampilan_widget(penyetel):
    from simkit.widgets.penyetel import PenyetelWidget

    p = penyetel
    v = PenyetelWidget(p, latar=False)
    assert set(v.widget_kontrol) >= {("ambang_hasil_sesuai",), ("bobot_360", "atasan"),
                                     ("kuadran", "sesuai_ekspektasi", "sesuai_ekspektasi")}
    s = v.widget_kontrol[("ambang_hasil_sesuai",)]
    assert isinstance(s, W.FloatSlider) and (s.min, s.max, s.step) == (50, 150, 1)
    s.value = 100
    assert p.ubahan == {"ambang_hasil_sesuai": 100}
    assert len(v.tab.children) == len(TABEL_PENYETEL)
    assert "Distribusi predikat" in v.gambar.value
    s.value = 120  # above ambang_hasil_di_atas 110: refused, located
    assert "ambang_hasil_sesuai" in v.pesan.value and p.galat is not None
    s.value = 100
    assert v.pesan.value == ""
    cb = v.widget_kontrol[("kepala_unit_pakai_capaian_organisasi",)]
    assert isinstance(cb, W.Checkbox)
    cb.value = False
    assert p.ubahan["kepala_unit_pakai_capaian_organisasi"] is False
    dd = v.widget_kontrol[("sumber_perilaku",)]
    assert isinstance(dd, W.Dropdown)
    dd.value = "360"
    assert p.ubahan["sumber_perilaku"] == "360"
    v.bahasa.value = "en"
    s = v.widget_kontrol[("ambang_hasil_sesuai",)]
    assert s.description.startswith(label_parameter("ambang_hasil_sesuai", "en"))
    assert s.value == 100  # the value as set survives the rebuild
    assert "Reform card" in v.tab.titles and "Predikat distribution" in v.gambar.value
    assert v.tombol_yaml.description == "Export scenario"
    v.metrik.value = ("menang_kalah", "akurasi")  # only the selected metrics are computed
    assert p.tabel_dipilih == ("distribusi", "menang_kalah", "akurasi")
    assert set(p.hasil.tables()) == {"distribusi", "menang_kalah", "akurasi"}
    assert len(v.tab.children) == 3 and v.tab.titles[2] == "Accuracy"
    assert ("Accuracy", "akurasi") in v.metrik.options
    s.value = 95
    assert p.ubahan["ambang_hasil_sesuai"] == 95 and "menang_kalah" in p.hasil.tables()
    v.pilih_aturan.value = "pp46_2011"
    assert p.kunci == "pp46_2011" and ("konstanta_efisiensi",) in v.widget_kontrol
    w = v.widget_kontrol[("batas_sebutan", "baik")]
    w.value = 80
    assert p.ubahan == {"batas_sebutan": {"sangat_baik": 90, "baik": 80, "cukup": 60,
                                          "kurang": 50}}
    assert math.isclose(p.data_distribusi()["disetel"].sum(), 1)
    v.seed.value = p.skenario.seed + 2
    v.tombol_populasi.click()
    assert p.skenario.seed == v.seed.value and v.kerja.kemajuan.value == v.kerja.kemajuan.max == 3
    assert str(v.seed.value) in v.status.value


def test_tombol_batal_menghentikan_populasi_baru(penyetel):
    """The tuner's Cancel (the shared :class:`~simkit.widgets.kerja.KerjaPanjang`), clicked
    after the first step of a new population: nothing changes, the view says so."""
    from simkit.widgets.penyetel import PenyetelWidget

    p = penyetel
    v = PenyetelWidget(p, latar=False)
    pop, seed = p.populasi, p.skenario.seed
    k = v.kerja
    k.kemajuan.observe(lambda ch: ch["new"] == 1 and k.tombol_batal.click(), names="value")
    v.seed.value = seed + 5
    v.tombol_populasi.click()
    assert p.populasi is pop and p.skenario.seed == seed
    assert "Dibatalkan; tidak ada yang berubah." in v.status.value
    assert k.tombol_batal.disabled and not v.tombol_populasi.disabled


def test_kontrol_yaml_daftar(penyetel):
    from simkit.widgets.penyetel import PenyetelWidget

    p = penyetel
    p.pilih("pp30_2019")
    v = PenyetelWidget(p, latar=False)
    ta = v.widget_kontrol[("aspek_perilaku",)]
    assert isinstance(ta, W.Textarea)
    ta.value = "[orientasi_pelayanan, komitmen, inisiatif_kerja]"
    assert p.ubahan == {"aspek_perilaku": ["orientasi_pelayanan", "komitmen", "inisiatif_kerja"]}
    assert p.galat is None
    ta.value = "[orientasi_pelayanan, komitmen"  # a YAML syntax error: a located message
    assert p.galat is not None and "YAML" in v.pesan.value
    assert p.galat.masalah[0].bidang == "aspek_perilaku"
    assert p.ubahan["aspek_perilaku"] == ["orientasi_pelayanan", "komitmen", "inisiatif_kerja"]
