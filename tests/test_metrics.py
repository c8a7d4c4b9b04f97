"""Metrics of simkit.analysis on small hand-made populations with known answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from analisis_data import EvaluasiStub, evaluasi, populasi
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.analysis.metrics.akurasi import akurasi, salah_klasifikasi
from simkit.analysis.metrics.distribusi import distribusi, distribusi_per_opd
from simkit.analysis.metrics.ikm import ikm
from simkit.analysis.metrics.keadilan import keadilan
from simkit.analysis.metrics.kepatuhan_kurva import (
    jumlah_kelompok_kecil,
    kepatuhan_kurva,
    periksa_kurva,
    ringkas_kepatuhan,
)
from simkit.analysis.metrics.menang_kalah import (
    PERUBAHAN,
    menang_kalah,
    menang_kalah_per_kelompok,
)
from simkit.analysis.metrics.stabilitas import (
    ringkas_stabilitas,
    stabilitas,
    stabilitas_pegawai,
)
from simkit.analysis.metrics.tpp import muat_parameter_tpp, tpp, tpp_pegawai
from simkit.analysis.metrics.transisi import transisi
from simkit.analysis.panel import build_panel, kelompok_pegawai, pisah_evaluasi
from simkit.analysis.statistik import kappa_kuadratik, spearman, z_kritis
from simkit.errors import SimkitError
from simkit.i18n import set_lang

# --------------------------------------------------------------------------- statistics


def test_kappa_matches_hand_computation_3x3():
    # Confusion matrix O (rows a, columns b), n = 10:
    #   [[3, 1, 0],
    #    [0, 2, 1],
    #    [0, 1, 2]]
    # weights w_ij = (i-j)^2 / (k-1)^2 = 0, 1/4, 1; sum(w*O) = 3 * 1/4 = 0.75
    # rows (4, 3, 3), columns (3, 4, 3): E = r c' / 10; sum(w*E) = 0.4 + 1.2 + 0.225 + 0.225
    #   + 0.9 + 0.3 = 3.25  ->  kappa = 1 - 0.75 / 3.25 = 10/13
    cells = {(1, 1): 3, (1, 2): 1, (2, 2): 2, (2, 3): 1, (3, 2): 1, (3, 3): 2}
    a = [i for (i, _), c in cells.items() for _ in range(c)]
    b = [j for (_, j), c in cells.items() for _ in range(c)]
    assert kappa_kuadratik(a, b, kategori=(1, 2, 3)) == pytest.approx(10 / 13, abs=1e-12)


def test_kappa_perfect_and_undefined():
    assert kappa_kuadratik([1, 2, 5], [1, 2, 5]) == pytest.approx(1.0)
    assert math.isnan(kappa_kuadratik([3, 3], [3, 3]))  # one class only: 0/0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=60))
def test_kappa_symmetric_and_bounded(pairs):
    a, b = zip(*pairs, strict=True)
    k = kappa_kuadratik(a, b)
    if not math.isnan(k):
        assert -1.0 - 1e-9 <= k <= 1.0 + 1e-9
        assert k == pytest.approx(kappa_kuadratik(b, a))


def test_spearman_averages_ties_by_hand():
    # ranks x = (1, 2.5, 2.5, 4), y = (1, 2, 3, 4): rho = 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10)
    assert spearman([1, 2, 2, 3], [10, 20, 30, 40]) == pytest.approx(3 / math.sqrt(10))
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))


def test_z_kritis():
    assert z_kritis(0.95) == pytest.approx(1.959964, abs=1e-6)
    with pytest.raises(SimkitError):
        z_kritis(1.5)


# --------------------------------------------------------------------------- panel


def _pop_truth(n=40, seed=0, **kw):
    rng = np.random.default_rng(seed)
    pb = rng.integers(1, 6, n)
    return populasi(rng.integers(1, 4, n), peringkat_benar=pb, skor_benar=pb.astype(float),
                    **kw), pb


def test_panel_columns_groups_and_truth():
    pop = populasi([1, 1, 2], jenis_kelamin=["L", "P", "P"], status=["PNS", "PPPK", "PNS"],
                   golongan=["III/b", "", "IV/a"], melayani_publik=[True, False, False],
                   peringkat_benar=[5, 3, 1])
    panel = build_panel(pop, [evaluasi("a", [1, 2, 3], [4, 4, 2])])
    assert list(panel.columns[:5]) == ["aturan", "asn_id", "predikat", "peringkat", "nilai"]
    assert panel["kelompok_golongan"].astype(str).tolist() == ["III", "PPPK", "IV"]
    assert panel["layanan"].astype(str).tolist() == ["garis_depan", "pendukung", "pendukung"]
    assert panel["nama_opd"].astype(str).tolist() == ["OPD 1", "OPD 1", "OPD 2"]
    assert panel["peringkat_benar"].tolist() == [5, 3, 1]
    assert panel["predikat_benar"].astype(str).tolist() == ["sangat_baik", "butuh_perbaikan",
                                                            "sangat_kurang"]


def test_panel_rejects_bad_results_with_location():
    pop = populasi([1, 1])
    with pytest.raises(SimkitError) as e:
        build_panel(pop, [evaluasi("a", [1, 7], [4, 4])])
    assert "asn_id" in str(e.value) and "7" in str(e.value) and "a" in str(e.value)
    bad = evaluasi("b", [1, 2], [4, 4])
    bad.hasil.loc[1, "peringkat"] = 9
    with pytest.raises(SimkitError, match="peringkat"):
        build_panel(pop, [bad])
    with pytest.raises(SimkitError):
        build_panel(pop, [evaluasi("a", [1, 2], [4, 4]), evaluasi("a", [1, 2], [3, 3])])
    nocol = EvaluasiStub("c", pd.DataFrame({"asn_id": [1, 2], "peringkat": [3, 3]}))
    with pytest.raises(SimkitError, match="predikat"):
        build_panel(pop, [nocol])


def test_unit_evaluations_are_kept_aside():
    unit = EvaluasiStub("permenpanrb_14_2017", pd.DataFrame(
        {"unit_id": [1], "predikat": ["baik"], "peringkat": [4], "nilai": [80.0]}), "unit")
    peg, units = pisah_evaluasi([evaluasi("a", [1], [4]), unit])
    assert list(peg) == ["a"] and list(units) == ["permenpanrb_14_2017"]
    panel = build_panel(populasi([1]), [evaluasi("a", [1], [4]), unit])
    assert panel["aturan"].astype(str).unique().tolist() == ["a"]


# --------------------------------------------------------------------------- distribution


def test_distribusi_counts_shares_and_vocabulary():
    pop = populasi([1, 1, 2, 2], jenis_kelamin=["L", "P", "P", "P"])
    evs = [evaluasi("pp30_2019", [1, 2, 3, 4], [5, 3, 3, 1], kosakata={3: "cukup"})]
    panel = build_panel(pop, evs)
    d = distribusi(panel)
    assert d["peringkat"].tolist() == [5, 4, 3, 2, 1]
    assert d["predikat"].tolist() == ["sangat_baik", "baik", "cukup", "kurang", "sangat_kurang"]
    assert d["jumlah"].tolist() == [1, 0, 2, 0, 1]
    assert d["proporsi"].tolist() == [0.25, 0, 0.5, 0, 0.25]
    g = distribusi(panel, "jenis_kelamin")
    p = g[g["kelompok"] == "P"].set_index("peringkat")
    assert p.loc[3, "jumlah"] == 2 and p["proporsi"].sum() == pytest.approx(1.0)
    assert set(g["label_kelompok"]) == {"Laki-laki", "Perempuan"}
    o = distribusi_per_opd(panel)
    assert o.query("opd_id == 2 and peringkat == 1")["jumlah"].item() == 1
    assert set(o["nama_opd"]) == {"OPD 1", "OPD 2"}


def test_distribusi_unknown_dimension_suggests():
    panel = build_panel(populasi([1]), [evaluasi("a", [1], [4])])
    with pytest.raises(SimkitError) as e:
        distribusi(panel, "jenis_kelamn")
    assert "jenis_kelamin" in str(e.value)


# --------------------------------------------------------------------------- transitions


def test_transisi_counts_by_hand():
    pop = populasi([1] * 6)
    base = evaluasi("dasar", range(1, 7), [5, 4, 4, 3, 2, 1])
    new = evaluasi("baru", range(1, 7), [4, 4, 5, 3, 1, 1])
    t = transisi(build_panel(pop, [base, new]), "dasar")
    assert len(t) == 25 and t["jumlah"].sum() == 6
    m = t.set_index(["peringkat_dasar", "peringkat"])["jumlah"]
    assert m[(5, 4)] == 1 and m[(4, 4)] == 1 and m[(4, 5)] == 1 and m[(3, 3)] == 1
    assert m[(2, 1)] == 1 and m[(1, 1)] == 1 and m[(5, 5)] == 0
    share = t.set_index(["peringkat_dasar", "peringkat"])["proporsi_baris"]
    assert share[(4, 4)] == 0.5 and share[(4, 5)] == 0.5 and share[(5, 4)] == 1.0
    assert t["peringkat_dasar"].iloc[0] == 5 and t["peringkat"].iloc[:5].tolist() == [5, 4, 3, 2, 1]


# --------------------------------------------------------------------------- winners/losers


def test_menang_kalah_five_buckets():
    pop = populasi([1, 1, 1, 2, 2, 2], jenis_kelamin=["L", "L", "P", "P", "P", "L"])
    base = evaluasi("dasar", range(1, 7), [5, 4, 3, 2, 1, 3])
    new = evaluasi("baru", range(1, 7), [1, 5, 3, 4, 1, 4])   # d = -4, 1, 0, 2, 0, 1
    panel = build_panel(pop, [base, new])
    mk = menang_kalah(panel, "dasar").set_index("perubahan")
    assert mk["jumlah"].tolist() == [1, 2, 2, 0, 1]
    assert list(mk.index) == list(PERUBAHAN)
    assert mk["rata_rata_perubahan"].iloc[0] == pytest.approx(0.0)
    g = menang_kalah_per_kelompok(panel, "dasar", "jenis_kelamin")
    p = g[g["kelompok"] == "P"].set_index("perubahan")["jumlah"]
    assert p.tolist() == [1, 0, 2, 0, 0]          # asn 3 (0), 4 (+2), 5 (0)
    assert g.groupby("kelompok")["proporsi"].sum().tolist() == pytest.approx([1.0, 1.0])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=40))
def test_transition_and_buckets_add_up(pairs):
    a, b = zip(*pairs, strict=True)
    n = len(pairs)
    panel = build_panel(populasi([1] * n), [evaluasi("x", range(1, n + 1), a),
                                            evaluasi("y", range(1, n + 1), b)])
    assert transisi(panel, "x")["jumlah"].sum() == n
    mk = menang_kalah(panel, "x")
    assert mk["jumlah"].sum() == n and mk["proporsi"].sum() == pytest.approx(1.0)
    up = int(sum(1 for x, y in pairs if y > x))
    assert mk.loc[mk["perubahan"].astype(str).str.startswith("naik"), "jumlah"].sum() == up


# --------------------------------------------------------------------------- accuracy


def test_rule_equal_to_truth_is_perfect():
    pop, pb = _pop_truth(60)
    ev = evaluasi("benar", range(1, 61), pb, nilai=pb.astype(float))
    a = akurasi(build_panel(pop, [ev])).iloc[0]
    assert a["akurasi"] == 1.0 and a["kappa_kuadratik"] == pytest.approx(1.0)
    assert a["spearman_peringkat"] == pytest.approx(1.0)
    assert a["spearman_nilai"] == pytest.approx(1.0)
    assert a["proporsi_terlalu_tinggi"] == 0 and a["rata_rata_selisih"] == 0


def test_accuracy_over_and_under_rated_by_group():
    pop = populasi([1, 1, 1, 1], jenis_kelamin=["L", "L", "P", "P"],
                   peringkat_benar=[3, 3, 3, 3])
    ev = evaluasi("x", [1, 2, 3, 4], [4, 3, 2, 2])
    panel = build_panel(pop, [ev])
    a = akurasi(panel).iloc[0]
    assert a["akurasi"] == 0.25 and a["proporsi_terlalu_tinggi"] == 0.25
    assert a["proporsi_terlalu_rendah"] == 0.5 and math.isnan(a["spearman_nilai"])
    s = salah_klasifikasi(panel, "jenis_kelamin").set_index("kelompok")
    assert s.loc["L", "terlalu_tinggi"] == 0.5 and s.loc["L", "tepat"] == 0.5
    assert s.loc["P", "terlalu_rendah"] == 1.0 and s.loc["P", "rata_rata_selisih"] == -1.0


def test_metrics_without_truth_raise_located_error():
    panel = build_panel(populasi([1, 2]), [evaluasi("a", [1, 2], [4, 3])])
    for fn in (akurasi, salah_klasifikasi, keadilan):
        with pytest.raises(SimkitError) as e:
            fn(panel)
        assert "kebenaran" in str(e.value)
    set_lang("en")
    try:
        with pytest.raises(SimkitError, match="needs the true performance"):
            akurasi(panel)
    finally:
        set_lang(None)


# --------------------------------------------------------------------------- fairness


def test_keadilan_stratified_gap_by_hand():
    # stratum class 4: P (3, 5) vs L (2, 4): d = 1, v = 2/2 + 2/2 = 2, size 4
    # stratum class 2: P (1, 3) vs L (2, 2, 2, 2): d = 0, v = 2/2 + 0/4 = 1, size 6
    # gap = 0.4 * 1 + 0.6 * 0 = 0.4; var = 0.16 * 2 + 0.36 * 1 = 0.68
    jk = ["P", "P", "L", "L", "P", "P", "L", "L", "L", "L"]
    truth = [4, 4, 4, 4, 2, 2, 2, 2, 2, 2]
    rated = [3, 5, 2, 4, 1, 3, 2, 2, 2, 2]
    pop = populasi([1] * 10, jenis_kelamin=jk, peringkat_benar=truth)
    k = keadilan(build_panel(pop, [evaluasi("x", range(1, 11), rated)]), "jenis_kelamin").iloc[0]
    assert (k["kelompok"], k["pembanding"]) == ("P", "L")
    assert k["selisih"] == pytest.approx(0.4)
    se = math.sqrt(0.68)
    assert k["ci_bawah"] == pytest.approx(0.4 - z_kritis(0.95) * se)
    assert k["ci_atas"] == pytest.approx(0.4 + z_kritis(0.95) * se)
    assert (k["n_kelompok"], k["n_pembanding"], k["jumlah_strata"]) == (4, 6, 2)
    assert k["selisih_mentah"] == pytest.approx(3.0 - 14 / 6)


def test_keadilan_detects_a_rule_that_penalises_women():
    n = 400
    rng = np.random.default_rng(1)
    pb = rng.integers(2, 6, n)
    jk = np.where(np.arange(n) % 2 == 0, "P", "L")
    noise = rng.integers(-1, 2, n)
    fair = np.clip(pb + noise, 1, 5)
    biased = np.clip(pb + noise - (jk == "P"), 1, 5)
    pop = populasi(rng.integers(1, 3, n), jenis_kelamin=jk, peringkat_benar=pb)
    panel = build_panel(pop, [evaluasi("adil", range(1, n + 1), fair),
                              evaluasi("bias", range(1, n + 1), biased),
                              evaluasi("benar", range(1, n + 1), pb)])
    k = keadilan(panel, "jenis_kelamin").set_index("aturan")
    assert k.loc["bias", "selisih"] < -0.5 and k.loc["bias", "ci_atas"] < 0
    assert bool(k.loc["bias", "signifikan"])
    assert k.loc["adil", "ci_bawah"] < 0 < k.loc["adil", "ci_atas"]
    assert k.loc["benar", "selisih"] == 0.0
    d = keadilan(panel, "jenis_kelamin", strata="desil").set_index("aturan")
    assert d.loc["bias", "ci_atas"] < 0


def test_keadilan_each_opd_vs_rest_and_pairs():
    n = 300
    rng = np.random.default_rng(2)
    pb = rng.integers(1, 5, n)
    opd = np.arange(n) % 3 + 1
    rated = np.clip(pb + (opd == 2) + rng.integers(-1, 2, n) * (rng.random(n) < 0.3), 1, 5)
    status = np.where(np.arange(n) % 4 == 0, "PPPK", "PNS")
    pop = populasi(opd, peringkat_benar=pb, status=status,
                   melayani_publik=np.arange(n) % 5 == 0)
    k = keadilan(build_panel(pop, [evaluasi("x", range(1, n + 1), rated)]),
                 ["opd", "status_kepegawaian", "layanan"])
    o = k[k["dimensi"] == "opd"].set_index("kelompok")
    assert list(o.index) == ["1", "2", "3"] and (o["pembanding"] == "lainnya").all()
    assert o.loc["2", "ci_bawah"] > 0 and o.loc["1", "selisih"] < 0
    assert o.loc["2", "label_kelompok"] == "OPD 2"
    pairs = k[k["dimensi"] != "opd"].set_index("dimensi")
    assert tuple(pairs.loc["status_kepegawaian", ["kelompok", "pembanding"]]) == ("PPPK", "PNS")
    assert tuple(pairs.loc["layanan", ["kelompok", "pembanding"]]) == ("garis_depan", "pendukung")


# --------------------------------------------------------------------------- TPP


def test_tpp_by_hand_kelas_9():
    p = muat_parameter_tpp()
    basic = p["basic_tpp"][9]
    pop = populasi([1, 1], kelas_jabatan=[9, 9])
    base = evaluasi("dasar", [1, 2], [4, 4])               # Baik, Baik
    new = evaluasi("baru", [1, 2], [4, 3])                 # Baik, Butuh Perbaikan
    panel = build_panel(pop, [base, new])
    per = tpp_pegawai(panel).set_index(["aturan", "asn_id"])
    assert per.loc[("dasar", 1), "tpp_bulanan"] == basic                      # full
    assert per.loc[("baru", 2), "tpp_bulanan"] == pytest.approx(basic * (0.4 + 0.6 * 0.75))
    assert per.loc[("baru", 2), "tpp_tahunan"] == pytest.approx(12 * basic * 0.85)
    t = tpp(panel, "dasar").set_index("aturan")
    assert t.loc["dasar", "biaya_tahunan"] == 24 * basic
    assert t.loc["baru", "selisih_dasar"] == pytest.approx(-12 * basic * 0.6 * 0.25)
    assert t.loc["baru", "selisih_dasar_persen"] == pytest.approx(-100 * 0.15 / 2)
    assert t.loc["baru", "proporsi_dari_penuh"] == pytest.approx(1.85 / 2)


def test_tpp_parameters_overrides_and_checks():
    pop = populasi([1, 1, 1], kelas_jabatan=[9, 9, 9], rumpun=["umum", "guru", "umum"])
    panel = build_panel(pop, [evaluasi("pp46_2011", [1, 2, 3], [3, 3, 1],
                                       kosakata={3: "cukup", 1: "buruk"})])
    basic = muat_parameter_tpp()["basic_tpp"][9]
    per = tpp_pegawai(panel, {"porsi_kinerja": 0.3, "porsi_disiplin": 0.7,
                              "rumpun_dikecualikan": ["guru"]}).set_index("asn_id")
    assert per.loc[1, "tpp_bulanan"] == pytest.approx(basic * (0.7 + 0.3 * 0.75))
    assert per.loc[2, "tpp_bulanan"] == 0 and not per.loc[2, "menerima"]
    assert per.loc[3, "tpp_bulanan"] == pytest.approx(basic * (0.7 + 0.3 * 0.25))  # buruk
    with pytest.raises(SimkitError, match="porsi_kinerja"):
        tpp_pegawai(panel, {"porsi_kinerja": 0.5})
    with pytest.raises(SimkitError) as e:
        tpp_pegawai(panel, {"porsi_kinerj": 0.5})
    assert "porsi_kinerja" in str(e.value)          # did you mean
    meta = muat_parameter_tpp().meta("pengali_predikat")
    assert meta.asumsi and meta.teks("id").startswith("ASUMSI:") and meta.referensi


# --------------------------------------------------------------------------- curve


def test_kepatuhan_kurva_uses_the_rule_engine_check():
    # OPD 1 (capaian baik): everyone Baik -> breaks "Baik at most 70 %" and "some BP/Kurang".
    # OPD 2 (capaian butuh_perbaikan): 7 of 10 BP, 1 SB -> ok (BP >= 60 %, SB <= 10 %).
    opd = [1] * 10 + [2] * 10
    pop = populasi(opd, capaian={1: "baik", 2: "butuh_perbaikan"})
    rated = [4] * 10 + [3] * 7 + [5] + [4] * 2
    panel = build_panel(pop, [evaluasi("x", range(1, 21), rated)])
    k = kepatuhan_kurva(panel, pop).set_index("opd_id")
    assert k.loc[1, "status"] == "dilanggar" and k.loc[1, "jumlah_dilanggar"] == 2
    assert k.loc[2, "status"] == "ok" and k.loc[2, "porsi_butuh_perbaikan"] == 0.7
    r = ringkas_kepatuhan(k.reset_index()).iloc[0]
    assert (r["opd_patuh"], r["opd_dilanggar"], r["proporsi_opd_patuh"]) == (1, 1, 0.5)


def test_kepatuhan_kurva_reads_sebagian_besar_and_counts_moves():
    # OPD 1 (istimewa): 10 Baik, no Sangat Baik -> within the 70 % cap, but SB is not the most
    # common class. OPD 2 (baik): 9 Sangat Baik and 1 Kurang -> Baik is not the most common.
    opd = [1] * 10 + [2] * 10
    pop = populasi(opd, capaian={1: "istimewa", 2: "baik"})
    ev = evaluasi("x", range(1, 21), [4] * 10 + [5] * 9 + [2])
    kuadran = ev.hasil["predikat"].to_numpy(dtype=object).copy()
    kuadran[0], kuadran[10] = "sangat_baik", "baik"  # asn 1 moved down, asn 11 moved up
    ev.hasil = ev.hasil.assign(predikat_kuadran=kuadran, opd_id=opd)
    panel = build_panel(pop, [ev])
    k = kepatuhan_kurva(panel, pop, evaluasi={"x": ev}).set_index("opd_id")
    assert k["status"].tolist() == ["dilanggar", "dilanggar"]
    assert k[["naik_kurva", "turun_kurva"]].values.tolist() == [[0, 1], [1, 0]]
    lama = periksa_kurva(panel, pop, evaluasi={"x": ev}, sebagian_besar="maks_saja")[0]
    assert lama["status"].tolist() == ["ok", "ok"]  # the cap alone let both pass
    r = ringkas_kepatuhan(k.reset_index(), {"x": ev}).iloc[0]
    assert (r["opd_patuh"], r["naik_kurva"], r["turun_kurva"], r["kelompok_kecil"]) == (0, 1, 1, 0)
    assert r["kurva_sebagian_besar"] == "terbanyak"


def test_kelompok_kecil_counts_forced_groups_below_one_sangat_baik():
    ev = EvaluasiStub("kp", pd.DataFrame({"asn_id": range(1, 16), "kelompok_kurva": [1] * 5 + [2] * 10,
                                          "ukuran_kelompok": [5] * 5 + [10] * 10}))
    ev.params = {"proporsi": {"sangat_baik": 0.1}}  # 5 x 0.1 < 1 person; 10 x 0.1 = 1
    assert jumlah_kelompok_kecil(ev) == 1
    assert jumlah_kelompok_kecil(evaluasi("y", [1], [4])) == 0


# --------------------------------------------------------------------------- stability


def test_stabilitas_zero_for_a_rule_reading_only_fixed_data():
    pop, pb = _pop_truth(30)
    calls = []

    def redraw(population, scenario, noise_seed):
        calls.append(noise_seed)
        return population

    def evaluate(p, rule_id, params=None):
        kb = p.kebenaran
        return evaluasi(rule_id, kb["asn_id"], 5 - pd.Categorical(
            kb["predikat_benar"], categories=["sangat_baik", "baik", "butuh_perbaikan",
                                              "kurang", "sangat_kurang"]).codes)

    per = stabilitas_pegawai(pop, object(), ["benar"], R=5, evaluate=evaluate, redraw=redraw)
    assert calls == [1, 2, 3, 4, 5]
    assert (per["peluang_berubah"] == 0).all() and not per["pernah_berubah"].any()
    assert (per["peringkat_modus"].to_numpy() == pb).all()


def test_stabilitas_probability_by_hand():
    # employees 1-2 alternate between two classes over R = 4 draws (2 + 2):
    # P(two draws differ) = 1 - (2*1 + 2*1) / (4*3) = 2/3; employees 3-4 never change.
    pop = populasi([1, 1, 2, 2], jenis_kelamin=["L", "P", "L", "P"])

    def redraw(population, scenario, noise_seed):
        return populasi([1, 1, 2, 2], jenis_kelamin=["L", "P", "L", "P"],
                        kelas_jabatan=[noise_seed] * 4)

    def evaluate(p, rule_id, params=None):
        s = int(p.pegawai["kelas_jabatan"].iloc[0])
        return evaluasi(rule_id, [1, 2, 3, 4], [4 if s % 2 else 3, 2 if s % 2 else 1, 4, 4])

    profil: dict = {}
    per = stabilitas_pegawai(pop, object(), "x", R=4, evaluate=evaluate, redraw=redraw,
                             profil=profil)
    assert per["peluang_berubah"].tolist() == pytest.approx([2 / 3, 2 / 3, 0, 0])
    assert per["beda_modus"].tolist() == pytest.approx([0.5, 0.5, 0, 0])
    assert per["peringkat_modus"].tolist() == [4, 2, 4, 4]          # tie -> better class
    assert profil["jumlah_undian"] == 4 and profil["redraw_detik"] >= 0
    s = ringkas_stabilitas(per, pop).iloc[0]
    assert s["peluang_berubah"] == pytest.approx(1 / 3) and s["pernah_berubah"] == 0.5
    via = stabilitas(pop, object(), "x", R=4, dimensi="jenis_kelamin", evaluate=evaluate,
                     redraw=redraw).set_index("kelompok")
    assert via["peluang_berubah"].tolist() == pytest.approx([1 / 3, 1 / 3])
    g = ringkas_stabilitas(per, pop, "opd").set_index("kelompok")
    assert g.loc["1", "pernah_berubah"] == 1.0 and g.loc["2", "pernah_berubah"] == 0.0
    assert g.loc["1", "label_kelompok"] == "OPD 1"


def test_stabilitas_needs_scenario_and_two_draws():
    pop = populasi([1])
    with pytest.raises(SimkitError, match="skenario|scenario"):
        stabilitas_pegawai(pop, None, ["x"], R=5, evaluate=lambda *a: None,
                           redraw=lambda *a, **k: pop)
    with pytest.raises(SimkitError):
        stabilitas_pegawai(pop, object(), ["x"], R=1, evaluate=lambda *a: None,
                           redraw=lambda *a, **k: pop)


# --------------------------------------------------------------------------- IKM


def test_ikm_from_unit_evaluation():
    pop = populasi([1, 2], skm_per_unit=3)
    ev = EvaluasiStub("permenpanrb_14_2017", pd.DataFrame({
        "unit_id": [2, 1], "ikm": [3.2, 2.9], "ikm_konversi": [80.0, 72.5], "mutu": ["B", "C"],
        "kinerja_unit": ["baik", "kurang_baik"], "predikat": ["baik", "kurang_baik"],
        "peringkat": [4, 2], "nilai": [80.0, 72.5]}), "unit")
    t = ikm(pop, [ev]).set_index("unit_id")
    assert t.loc[2, "mutu"] == "B" and t.loc[1, "ikm_konversi"] == 72.5
    assert t.loc[1, "nama_unit"] == "OPD 1" and t.loc[2, "jumlah_responden"] == 3


def test_ikm_without_survey_raises():
    with pytest.raises(SimkitError, match="skm"):
        ikm(populasi([1]))


def test_kelompok_pegawai_is_vectorised_and_ordered():
    pop, _ = _pop_truth(50, jenis_jabatan=np.where(np.arange(50) % 2, "pelaksana", "pengawas"))
    g = kelompok_pegawai(pop)
    assert list(g["jenis_jabatan"].cat.categories[:4]) == [
        "jpt_pratama", "administrator", "pengawas", "pelaksana"]
    assert len(g) == 50 and g["peringkat_benar"].between(1, 5).all()
