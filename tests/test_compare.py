"""simkit.compare: table names and columns, notes, baseline choice, labels, integration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from analisis_data import EvaluasiStub, evaluasi, populasi

import simkit
from simkit.analysis.compare import KOLOM_CATATAN, HasilPerbandingan, compare
from simkit.analysis.registri import nama_tabel, semua_kolom
from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.presentation.label import berlabel, judul_tabel, label_kolom

TABEL = semua_kolom()


@pytest.fixture()
def kasus():
    rng = np.random.default_rng(3)
    n = 120
    pb = rng.integers(1, 6, n)
    pop = populasi(rng.integers(1, 4, n), jenis_kelamin=np.where(rng.random(n) < 0.5, "L", "P"),
                   status=np.where(rng.random(n) < 0.3, "PPPK", "PNS"),
                   melayani_publik=rng.random(n) < 0.4, kelas_jabatan=rng.integers(5, 12, n),
                   peringkat_benar=pb, skor_benar=pb.astype(float), skm_per_unit=2)
    ids = np.arange(1, n + 1)
    evs = [evaluasi("pp30_2019", ids, np.clip(pb + rng.integers(-1, 2, n), 1, 5),
                    nilai=pb * 20.0, kosakata={3: "cukup"}),
           evaluasi("permenpanrb_6_2022", ids, pb),
           EvaluasiStub("permenpanrb_14_2017", pd.DataFrame({
               "unit_id": [1, 2, 3], "ikm": [3.0, 3.1, 2.5], "ikm_konversi": [75.0, 77.5, 62.5],
               "mutu": ["C", "B", "D"], "kinerja_unit": ["kurang_baik", "baik", "tidak_baik"],
               "predikat": ["kurang_baik", "baik", "tidak_baik"], "peringkat": [2, 4, 1],
               "nilai": [75.0, 77.5, 62.5]}), "unit")]
    return pop, evs, pb


def test_every_table_has_its_documented_columns(kasus):
    pop, evs, _ = kasus
    res = compare(pop, evs)
    tables = res.tables()
    assert list(tables) == list(nama_tabel())
    for name, df in tables.items():
        if name in res.catatan:
            assert tuple(df.columns) == KOLOM_CATATAN
        elif name == "ikm":
            assert tuple(df.columns[: len(TABEL[name])]) == TABEL[name]
        else:
            assert tuple(df.columns) == TABEL[name], name
    assert set(res.catatan) == {"stabilitas", "stabilitas_per_kelompok", "stabilitas_per_opd",
                                "stabilitas_per_pegawai", "kesepakatan_penilai",
                                "putusan", "temuan"}  # no seeds given: no verdict
    assert res.aturan_dasar == "permenpanrb_6_2022"        # default, though listed second
    assert res.aturan == ["pp30_2019", "permenpanrb_6_2022"]
    assert res.meta["aturan"]["permenpanrb_14_2017"] == "permenpanrb_14_2017"
    assert tables["ikm"]["mutu"].tolist() == ["C", "B", "D"]
    assert isinstance(res, HasilPerbandingan) and "aturan_dasar='permenpanrb_6_2022'" in repr(res)


def test_ringkasan_headline_figures(kasus):
    pop, evs, pb = kasus
    res = compare(pop, evs)
    r = res.tables()["ringkasan"].set_index("aturan")
    base = r.loc["permenpanrb_6_2022"]
    assert base["akurasi"] == 1.0 and base["proporsi_tetap"] == 1.0
    assert base["proporsi_sangat_baik"] == pytest.approx(np.mean(pb == 5))
    assert r.loc["pp30_2019", "selisih_tpp_persen"] == pytest.approx(
        res["tpp"].set_index("aturan").loc["pp30_2019", "selisih_dasar_persen"])
    mk = res["menang_kalah"]
    naik = mk[mk["perubahan"].astype(str).str.startswith("naik")]["proporsi"].sum()
    assert r.loc["pp30_2019", "proporsi_naik"] == pytest.approx(naik)
    assert np.isnan(r["peluang_berubah"]).all()


def test_baseline_choice_and_errors(kasus):
    pop, evs, _ = kasus
    assert compare(pop, evs, baseline="pp30_2019").aturan_dasar == "pp30_2019"
    with pytest.raises(SimkitError) as e:
        compare(pop, evs, baseline="pp30_2091")
    assert "pp30_2019" in str(e.value)
    named = {"nasional": evs[1], "lama": evs[0]}
    assert compare(pop, named).aturan_dasar == "nasional"   # by rule_id
    with pytest.raises(SimkitError):
        compare(pop, [])
    with pytest.raises(SimkitError) as e:
        compare(pop, evs)["tpp_opd"]
    assert "tpp_per_opd" in str(e.value)


def test_single_rule_and_no_truth_give_translated_notes():
    pop = populasi([1, 1, 2])
    res = compare(pop, [evaluasi("a", [1, 2, 3], [4, 3, 4])])
    for name in ("transisi", "menang_kalah", "akurasi", "keadilan", "salah_klasifikasi", "ikm"):
        assert name in res.catatan
    note = res["akurasi"].iloc[0]
    assert note["kode"] == "butuh_kebenaran" and "kebenaran" in note["catatan"]
    assert res.catatan["transisi"] == "butuh_dua_aturan"
    assert res.catatan["ikm"] == "butuh_survei"
    assert np.isnan(res["ringkasan"]["akurasi"]).all()
    assert res["distribusi"]["jumlah"].sum() == 3
    set_lang("en")
    try:
        res_en = compare(pop, [evaluasi("a", [1, 2, 3], [4, 3, 4])])
        assert "needs the true performance" in res_en["akurasi"]["catatan"].iloc[0]
    finally:
        set_lang(None)


def test_stability_through_compare(kasus):
    pop, evs, pb = kasus

    def redraw(population, scenario, noise_seed):
        return population

    def evaluate(p, rule_id, params=None):
        return next(e for e in evs if e.rule_id == rule_id)

    with pytest.raises(SimkitError):
        compare(pop, evs, stabilitas_R=3, evaluate=evaluate, redraw=redraw)   # no scenario
    seen = []
    res = compare(pop, evs, scenario=object(), stabilitas_R=3, evaluate=evaluate, redraw=redraw,
                  progress=lambda i, n: seen.append((i, n)))
    assert seen == [(1, 3), (2, 3), (3, 3)] and set(res.catatan) == {"kesepakatan_penilai",
                                                               "putusan", "temuan"}
    s = res["stabilitas"]
    assert s["peluang_berubah"].tolist() == [0.0, 0.0] and (s["jumlah_undian"] == 3).all()
    assert tuple(res["stabilitas_per_opd"].columns) == TABEL["stabilitas_per_opd"]
    assert res.meta["stabilitas_R"] == 3
    assert (res["ringkasan"]["peluang_berubah"] == 0).all()


def test_labels_for_reports(kasus):
    pop, evs, _ = kasus
    res = compare(pop, evs)
    lab = res.tables(berlabel=True)["menang_kalah"]
    assert "Perubahan" in lab.columns and "Naik 1 kelas" in set(lab["Perubahan"])
    en = res.tables(berlabel=True, lang="en")["distribusi"]
    assert list(en.columns) == ["Rule", "Rank (5 = best)", "Predikat", "Count", "Share"]
    assert {"Fair", "Good", "Needs improvement"} <= set(en["Predikat"])
    assert judul_tabel("tpp", "en") == "TPP cost per rule"
    for table in TABEL.values():
        for col in table:
            assert label_kolom(col, "id") != col and label_kolom(col, "en") != col, col
    assert berlabel(pd.DataFrame({"status": ["dilanggar"]}))["Status"].item() == "Melanggar"


# --------------------------------------------------------------------------- integration


@pytest.fixture(scope="module")
def nyata():
    gen = pytest.importorskip("simkit.population.generate")
    sc = simkit.load_scenario({"nama": "uji", "seed": 7, "populasi": {"jumlah_asn": 400}})
    pop = gen.generate(sc)
    from simkit.rules import evaluate

    evs = {r: evaluate(pop, r) for r in ("permenpanrb_6_2022", "pp30_2019")}
    return sc, pop, evs


def test_real_engine_curve_check_matches_the_rule(nyata):
    sc, pop, evs = nyata
    res = compare(pop, evs, scenario=sc)
    mine = res["kepatuhan_kurva"].query("aturan == 'permenpanrb_6_2022'").set_index("opd_id")
    rule = evs["permenpanrb_6_2022"].catatan["kurva_opd"].set_index("opd_id")
    assert mine["status"].to_dict() == rule["status"].astype(str).to_dict()
    assert res["ikm"]["aturan"].iloc[0] == "permenpanrb_14_2017"   # computed by the rule
    assert res["ikm"]["jumlah_responden"].gt(0).any()
    acc = res["akurasi"].set_index("aturan")
    assert acc["kappa_kuadratik"].between(0, 1).all()
    assert acc.loc["permenpanrb_6_2022", "akurasi"] > 0.3


def test_real_engine_stability(nyata):
    sc, pop, evs = nyata
    res = compare(pop, {"permenpanrb_6_2022": evs["permenpanrb_6_2022"]}, scenario=sc,
                  stabilitas_R=3)
    s = res["stabilitas"].iloc[0]
    assert s["jumlah_undian"] == 3 and 0 < s["peluang_berubah"] < 1
    assert res.meta["stabilitas_profil"]["redraw_detik"] > 0
