"""The SKP additions of the old rules: tugas tambahan and kreativitas (PP 46/2011, Perka BKN
1/2013), kreativitas read as the innovation of PP 30/2019, drawn by the generator from the true
results; and the parameters that took numbers out of the code (PP 46 lower-is-better floor,
PP 30 input bounds by nilai_maks, the PermenPANRB 8/2021 'interpolasi' reading)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from rules_fixtures import small_population

import simkit
from simkit.errors import SimkitError
from simkit.population.behaviour import tambahan_skp
from simkit.population.satu_orang import PopulationBuilder
from simkit.population.schema import KREATIVITAS
from simkit.rules import evaluate, explain, get_rule
from simkit.scenario import Scenario


def _dengan_tambahan(pop, tugas: dict[int, int], kreativitas: dict[int, str]):
    """``pop`` with perilaku_aspek.tugas_tambahan / kreativitas set for some asn_id."""
    pa = pop.perilaku_aspek.copy()
    ids = pa["asn_id"]
    pa["tugas_tambahan"] = pd.array([tugas.get(int(i)) for i in ids], dtype="Int64")
    pa["kreativitas"] = pd.Categorical([kreativitas.get(int(i)) for i in ids],
                                       categories=list(KREATIVITAS))
    return dataclasses.replace(pop, perilaku_aspek=pa)


# --------------------------------------------------------------------------- the generator


def test_generator_draws_from_the_truth_by_the_settings():
    sc = Scenario.model_validate({"nama": "x", "seed": 3})
    z = np.random.default_rng(0).standard_normal(20_000)
    out = tambahan_skp(sc, z, np.random.default_rng(1))
    kr = np.asarray(out["kreativitas"])
    assert (kr != "tidak").mean() == pytest.approx(0.10, abs=1e-4)  # porsi_kreativitas
    # of 2000 creatives: 5 % negara (100), 35 % organisasi (700), the rest unit kerja
    assert (kr == "negara").sum() == 100 and (kr == "organisasi").sum() == 700
    assert z[kr == "negara"].mean() > z[kr == "organisasi"].mean() > z[kr == "unit_kerja"].mean() \
        > z[kr == "tidak"].mean()
    tugas = np.asarray(out["tugas_tambahan"], dtype=float)
    assert tugas.mean() == pytest.approx(1.0, abs=0.05)  # rerata_tugas_tambahan
    assert tugas[z > 1].mean() > tugas[z < -1].mean()
    none = Scenario.model_validate({"nama": "x", "seed": 3, "tambahan": {
        "porsi_kreativitas": 0, "rerata_tugas_tambahan": 0}})
    out0 = tambahan_skp(none, z, np.random.default_rng(1))
    assert (np.asarray(out0["kreativitas"]) == "tidak").all()
    assert (np.asarray(out0["tugas_tambahan"], dtype=float) == 0).all()


def test_generated_population_has_the_columns_and_the_rules_use_them():
    pop = simkit.generate({"nama": "x", "seed": 5, "populasi": {"jumlah_asn": 600}})
    again = simkit.generate({"nama": "x", "seed": 5, "populasi": {"jumlah_asn": 600}})
    pd.testing.assert_frame_equal(pop.perilaku_aspek, again.perilaku_aspek)  # from the seed
    pa = pop.perilaku_aspek.set_index("asn_id")
    assert pa["tugas_tambahan"].notna().all() and pa["kreativitas"].notna().all()
    h30 = evaluate(pop, "pp30_2019").hasil.set_index("asn_id")
    inov = pa.loc[h30.index, "kreativitas"].isin(["organisasi", "negara"]).to_numpy()
    assert (h30["ada_inovasi"].to_numpy() == inov).all() and inov.any()
    assert not h30.loc[~h30["ada_inovasi"], "predikat"].eq("sangat_baik").any()
    h46 = evaluate(pop, "pp46_2011").hasil.set_index("asn_id")
    peta = {"tidak": 0, "unit_kerja": 3, "organisasi": 6, "negara": 12}
    expected = pa.loc[h46.index, "kreativitas"].astype(str).map(peta).to_numpy(dtype=float)
    assert np.allclose(h46["nilai_kreativitas"], expected)
    assert np.allclose(h46["nilai_skp"], h46["rerata_nilai_capaian"] + h46["nilai_tugas_tambahan"]
                       + h46["nilai_kreativitas"])


# --------------------------------------------------------------------------- the rules on populations


def test_population_additions_by_hand():
    pop = _dengan_tambahan(small_population(), {3: 4, 9: 7}, {2: "negara", 3: "unit_kerja"})
    h = evaluate(pop, "pp30_2019").hasil.set_index("asn_id")
    # asn 3: IKI 95 % -> 85 and 100 % -> 109: 97, + 2 (4 tasks) = 99; perilaku 78
    assert h.loc[3, "nilai_skp"] == pytest.approx(99)
    assert h.loc[3, "nilai_kinerja"] == pytest.approx(0.7 * 99 + 0.3 * 78)
    assert not h.loc[3, "ada_inovasi"]  # unit kerja is not an innovation
    # asn 2: 0.7 x 120 + 0.3 x 95 = 112.5 and kreativitas negara -> Sangat Baik
    assert h.loc[2, "ada_inovasi"] and h.loc[2, "predikat"] == "sangat_baik"
    # the others have no kreativitas recorded: the parameter inovasi (false)
    assert not h.drop(index=[2, 3])["ada_inovasi"].any()
    t = str(explain(evaluate(pop, "pp30_2019"), 2))
    assert "kreativitas_inovasi" in t and "nilai_tugas_tambahan" in t
    h46 = evaluate(pop, "pp46_2011").hasil.set_index("asn_id")
    assert h46.loc[9, "nilai_tugas_tambahan"] == 3 and h46.loc[2, "nilai_kreativitas"] == 12
    assert h46.loc[2, "nilai_skp"] == pytest.approx(h46.loc[2, "rerata_nilai_capaian"] + 12)


def test_population_without_the_columns_scores_as_before():
    pop = small_population()
    pa = pop.perilaku_aspek.drop(columns=["tugas_tambahan", "kreativitas"])
    old = dataclasses.replace(pop, perilaku_aspek=pa)
    for rid in ("pp30_2019", "pp46_2011"):
        a = evaluate(old, rid).hasil
        b = evaluate(pop, rid).hasil
        assert (a["nilai"] == b["nilai"]).all() and (a["predikat"] == b["predikat"]).all()
        assert (a["nilai_tugas_tambahan"] == 0).all()


def test_bad_additions_are_located():
    pop = small_population()
    pa = pop.perilaku_aspek.copy()
    pa["tugas_tambahan"] = pd.array([-1] + [0] * (len(pa) - 1), dtype="Int64")
    pa["kreativitas"] = ["dunia"] + [None] * (len(pa) - 1)
    bad = dataclasses.replace(pop, perilaku_aspek=pa)
    for rid in ("pp30_2019", "pp46_2011"):
        with pytest.raises(SimkitError) as exc:
            evaluate(bad, rid)
        t = exc.value.render("id")
        assert "perilaku_aspek" in t and "kolom 'tugas_tambahan'" in t and "kolom 'kreativitas'" in t


# --------------------------------------------------------------------------- numbers into parameters


def test_pp46_lower_is_better_floor_is_a_parameter():
    b = PopulationBuilder()
    u = b.unit("dinas_a")
    b.pegawai(u, iki=[(20, 50, "turun")], pp46=[{"realisasi_kualitas": 100.0,
                                                 "realisasi_waktu": 12.0}], aspek=80)
    pop = b.build()
    # (2 - 50/20) x 100 = -50: floor 0 by default, 10 when the parameter says so
    k0 = evaluate(pop, "pp46_2011").catatan["kegiatan"]
    k10 = evaluate(pop, "pp46_2011", {"batas_bawah_kuantitas_turun": 10}).catatan["kegiatan"]
    assert k0["nilai_kuantitas"].tolist() == [0] and k10["nilai_kuantitas"].tolist() == [10]


def test_pp30_input_bounds_follow_nilai_maks(tmp_path):
    rule = get_rule("pp30_2019")
    case = {"nilai_skp": 110, "nilai_perilaku": 90}
    assert rule.evaluate_case(case)["nilai_kinerja"] == pytest.approx(104)
    with pytest.raises(SimkitError) as exc:
        rule.evaluate_case(case, {"nilai_maks": 100})
    (m,) = exc.value.masalah
    assert m.kode == "di_luar_rentang" and m.bidang == "nilai_skp"
    assert rule.evaluate_case({"nilai_skp": 140, "nilai_perilaku": 90},
                              {"nilai_maks": 150})["nilai_kinerja"] == pytest.approx(125)
    from simkit.rules.cases import run_case_files

    f = tmp_path / "kasus.yaml"
    f.write_text("""- name: di atas nilai_maks
  rule: pp30_2019
  params: {nilai_maks: 100}
  input:
    nilai_skp: 110
    nilai_perilaku: 90
  output: {predikat: baik}
""", encoding="utf-8")
    r = run_case_files([f], lang="id")
    assert r.exit_code == 2
    assert "baris 5" in r.to_text() and "input.nilai_skp" in r.to_text()


def test_interpolasi_is_monotone_and_equals_bulat_on_whole_percents():
    from simkit.rules.pp30_2019 import bulatkan, nilai_dari_tabel

    p = get_rule("pp30_2019").parameters
    tabel, atas = p["tabel_nilai_iki"], p["nilai_iki_di_atas_tabel"]
    c = np.round(np.arange(0, 12001) / 50.0, 9)  # 0 .. 240 % in steps of 0.02
    v = nilai_dari_tabel(bulatkan(c, "interpolasi", tabel), tabel, atas)
    assert not np.isnan(v).any() and (np.diff(v) >= -1e-9).all()
    whole = np.arange(0, 241, dtype=float)
    assert np.array_equal(bulatkan(whole, "interpolasi", tabel), bulatkan(whole, "bulat"))


def test_assumptions_are_flagged():
    p30 = get_rule("pp30_2019").parameters
    p46 = get_rule("pp46_2011").parameters
    for p, names in ((p30, ("tabel_nilai_iki", "nilai_tugas_tambahan", "kreativitas_inovasi",
                            "pembulatan_capaian")),
                     (p46, ("aspek_perilaku", "nilai_tugas_tambahan", "nilai_kreativitas",
                            "batas_bawah_kuantitas_turun"))):
        for n in names:
            assert p.meta(n).asumsi, n
