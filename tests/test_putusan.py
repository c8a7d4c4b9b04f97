"""The verdict (``putusan``): intervals over seeds, real differences, ties, findings."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import simkit
from simkit.analysis.metrics.putusan import (
    KRITERIA,
    KRITERIA_NAMA,
    putusan_seed,
    putusan_stabilitas,
    turunan_seed,
)
from simkit.analysis.statistik import rata_ci, t_kritis
from simkit.orchestration.sweep import metrik_antar_seed

AKURASI = [KRITERIA_NAMA["akurasi"]]


def _seed(**kolom) -> pd.DataFrame:
    """A per-seed table: rule -> values over seeds 1..n for one column ``akurasi``."""
    rows = [{"seed": s + 1, "aturan": a, "akurasi": v}
            for a, vs in kolom.items() for s, v in enumerate(vs)]
    return pd.DataFrame(rows).sort_values(["seed"], kind="stable")


def test_t_critical_values_match_the_table():
    # Student's t, two-sided 95 %: 12.706 (1 df), 4.303 (2), 2.571 (5), 2.228 (10); 99 %: 9.925 (2)
    assert [round(t_kritis(0.95, d), 3) for d in (1, 2, 5, 10)] == [12.706, 4.303, 2.571, 2.228]
    assert round(t_kritis(0.99, 2), 3) == 9.925
    assert t_kritis(0.95, math.inf) == pytest.approx(1.959964, abs=1e-6)


def test_difference_interval_worked_by_hand():
    # b - a per seed: 0.10, 0.09, 0.08 -> mean 0.09, sd 0.01, se 0.01/sqrt(3);
    # half width t(0.975, 2) * se = 4.302653 * 0.0057735 = 0.024841
    p = putusan_seed(_seed(a=[0.60, 0.62, 0.61], b=[0.70, 0.71, 0.69]), "a", AKURASI, 0.95)
    b = p[p.aturan == "b"].iloc[0]
    assert b.selisih == pytest.approx(0.09)
    assert b.selisih_ci_bawah == pytest.approx(0.09 - 0.024841, abs=1e-6)
    assert b.selisih_ci_atas == pytest.approx(0.09 + 0.024841, abs=1e-6)
    assert b.nyata and b.penilaian == "lebih_baik" and b.peringkat == 1
    a = p[p.aturan == "a"].iloc[0]
    assert a.penilaian == "dasar" and a.peringkat == 2 and not a.nyata
    m, lo, hi = rata_ci(np.array([0.60, 0.62, 0.61]))
    assert (m, round(hi - m, 6)) == (pytest.approx(0.61), round(4.302653 * 0.01 / math.sqrt(3), 6))


def test_within_noise_is_a_tie_and_shares_the_rank():
    # c differs from a by +0.01, -0.01, +0.005 per seed: the interval holds 0 -> setara
    p = putusan_seed(_seed(a=[0.60, 0.62, 0.61], c=[0.61, 0.61, 0.615], d=[0.50, 0.51, 0.49]),
                     "a", AKURASI, 0.95)
    r = p.set_index("aturan")
    assert r.loc["c", "penilaian"] == "setara" and not r.loc["c", "nyata"]
    assert r.loc["c", "peringkat"] == r.loc["a", "peringkat"] == 1
    assert r.loc["d", "penilaian"] == "lebih_buruk" and r.loc["d", "peringkat"] == 3


def test_lower_is_better_criteria_and_descriptive_ones():
    ms = pd.DataFrame({"seed": [1, 1, 2, 2, 3, 3], "aturan": ["a", "b"] * 3,
                       "biaya_tpp_tahunan": [100.0, 90.0, 101.0, 92.0, 99.0, 91.0],
                       "proporsi_tetap": [1.0, 0.8, 1.0, 0.82, 1.0, 0.79]})
    p = putusan_seed(ms, "a", KRITERIA, 0.95).set_index(["kriteria", "aturan"])
    assert p.loc[("biaya_tpp", "b"), "penilaian"] == "lebih_baik"  # cheaper is better
    assert p.loc[("berubah", "b"), "nilai"] == pytest.approx(0.1966667)
    assert pd.isna(p.loc[("berubah", "b"), "penilaian"])  # changing is neither good nor bad
    assert pd.isna(p.loc[("berubah", "b"), "peringkat"])
    assert turunan_seed(ms)["proporsi_berubah"].tolist()[1] == pytest.approx(0.2)


def test_stability_is_paired_per_employee():
    per = pd.DataFrame({"aturan": ["a"] * 4 + ["b"] * 4, "asn_id": [1, 2, 3, 4] * 2,
                        "peluang_berubah": [0.2, 0.4, 0.0, 0.2, 0.1, 0.3, 0.0, 0.1]})
    p = putusan_stabilitas(per, "a", 0.95).set_index("aturan")
    # differences -0.1, -0.1, 0, -0.1: mean -0.075, sd 0.05, half width 3.182446 * 0.025 =
    # 0.0796: the interval [-0.155, +0.005] holds 0, so b is on a par although its mean is lower
    assert p.loc["b", "selisih"] == pytest.approx(-0.075)
    assert p.loc["b", "selisih_ci_atas"] == pytest.approx(-0.075 + 3.182446 * 0.025, abs=1e-6)
    assert p.loc["b", "penilaian"] == "setara" and p.loc["b", "n"] == 4
    assert p.loc["b", "peringkat"] == p.loc["a", "peringkat"] == 1


SKENARIO = {"nama": "uji putusan", "deskripsi": "Apakah PP 30 lebih adil?", "seed": 11,
            "populasi": {"jumlah_asn": 400},
            "aturan": [{"id": "dasar", "aturan": "permenpanrb_6_2022"},
                       {"id": "lama", "aturan": "pp30_2019"}],
            "perbandingan": {"seed_putusan": 3, "kriteria_penentu": ["akurasi", "keadilan"]}}


@pytest.fixture(scope="module")
def hasil():
    s = simkit.load_scenario(SKENARIO)
    ms = metrik_antar_seed(s, s.seed, 3)
    pop = simkit.generate(s)
    evs = {a.id: simkit.evaluate(pop, a.aturan) for a in s.aturan}
    return ms, simkit.compare(pop, evs, baseline="dasar", scenario=s, metrik_seed=ms)


def test_verdict_from_the_seeds_of_a_scenario(hasil):
    ms, perb = hasil
    assert sorted(ms["seed"].unique()) == [11, 12, 13]
    tb = perb.tables()
    p = tb["putusan"]
    assert set(p["kriteria"]) >= {"berubah", "akurasi", "keadilan", "biaya_tpp"}
    akur = p[(p.kriteria == "akurasi") & (p.aturan == "lama")].iloc[0]
    seeds = ms.pivot(index="seed", columns="aturan", values="akurasi")
    assert akur.nilai == pytest.approx(seeds["lama"].mean())
    assert akur.selisih == pytest.approx((seeds["lama"] - seeds["dasar"]).mean())
    # the main population is seed 11, the first of the verdict's seeds
    assert seeds.loc[11, "lama"] == pytest.approx(
        tb["akurasi"].set_index("aturan").loc["lama", "akurasi"])


def test_an_empty_class_is_a_finding(hasil):
    ms, _ = hasil
    s = simkit.load_scenario(SKENARIO)
    pop = simkit.generate(s)
    evs = {a.id: simkit.evaluate(pop, a.aturan) for a in s.aturan}
    kosong = ms.copy()
    kosong.loc[kosong.aturan == "lama", "proporsi_sangat_baik"] = 0.0  # nobody, in every seed
    kosong.loc[kosong.aturan == "dasar", "proporsi_sangat_baik"] = 0.05
    tm = simkit.compare(pop, evs, baseline="dasar", scenario=s, metrik_seed=kosong,
                        tabel=["temuan"]).tables()["temuan"]
    hit = tm[(tm.jenis_temuan == "kelas_kosong") & (tm.kelas == "sangat_baik")]
    assert hit["aturan"].tolist() == ["lama"]
    assert hit["nilai_dasar"].iloc[0] == pytest.approx(0.10)  # the truth's share of the class
    kosong.loc[kosong.seed == 12, "proporsi_sangat_baik"] = 0.01  # one seed has one: not empty
    tm = simkit.compare(pop, evs, baseline="dasar", scenario=s, metrik_seed=kosong,
                        tabel=["temuan"]).tables()["temuan"]
    assert not ((tm.jenis_temuan == "kelas_kosong") & (tm.kelas == "sangat_baik")).any()


def test_less_accurate_reform_and_curve_findings(hasil):
    _, perb = hasil
    tb = perb.tables()
    p, tm = tb["putusan"], tb["temuan"]
    buruk = p[(p.kriteria == "akurasi") & (p.penilaian == "lebih_buruk")]["aturan"].tolist()
    assert tm[tm.jenis_temuan == "kurang_akurat"]["aturan"].tolist() == buruk
    kur = p[(p.kriteria == "kepatuhan_kurva") & (p.nilai < 1)]
    got = tm[tm.jenis_temuan == "kurva_dilanggar"].set_index("aturan")["nilai"]
    assert got.to_dict() == pytest.approx(dict(zip(kur.aturan, 1 - kur.nilai, strict=True)))


def test_without_seeds_the_verdict_is_a_note():
    s = simkit.load_scenario(SKENARIO)
    pop = simkit.generate(s)
    evs = {a.id: simkit.evaluate(pop, a.aturan) for a in s.aturan}
    p = simkit.compare(pop, evs, baseline="dasar", tabel=["putusan"]).tables()["putusan"]
    assert p["kode"].tolist() == ["butuh_seed_putusan"]


def test_small_groups_under_a_forced_curve_use_the_curves_own_share():
    """kurva_paksa with Sangat Baik 20 %: a group of fewer than 5 gets its Sangat Baik by
    rounding alone (1 / 0.20 = 5); the finding counts such OPDs with that threshold."""
    from simkit.analysis.metrics.putusan import porsi_terkecil_kurva

    s = simkit.load_scenario({**SKENARIO, "aturan": [
        {"id": "dasar", "aturan": "permenpanrb_6_2022"},
        {"id": "paksa", "aturan": "kurva_paksa", "parameter": {"proporsi": {
            "sangat_baik": 0.2, "baik": 0.6, "butuh_perbaikan": 0.1, "kurang": 0.05,
            "sangat_kurang": 0.05}}}]})
    ms = metrik_antar_seed(s, s.seed, 3)
    pop = simkit.generate(s)
    evs = {a.id: simkit.evaluate(pop, a.aturan, a.parameter or None) for a in s.aturan}
    assert porsi_terkecil_kurva(evs["paksa"]) == pytest.approx(0.2)
    assert porsi_terkecil_kurva(evs["dasar"]) is None  # 'periksa' forces nothing
    tm = simkit.compare(pop, evs, baseline="dasar", scenario=s, metrik_seed=ms,
                        tabel=["temuan"]).tables()["temuan"]
    kecil = tm[tm.jenis_temuan == "unit_kecil"]
    ukuran = pop.pegawai.groupby("opd_id").size()
    assert (ukuran < 5).sum() > 0  # 400 ASN in 40 OPDs: many tiny ones
    assert kecil["aturan"].tolist() == ["paksa"] and kecil["ambang"].iloc[0] == 5
    assert kecil["nilai"].iloc[0] == (ukuran < 5).sum()  # kurva_paksa ranks per OPD
    assert kecil["nilai_dasar"].iloc[0] == len(ukuran)
