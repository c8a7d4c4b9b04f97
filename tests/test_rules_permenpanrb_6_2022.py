"""PermenPANRB 6/2022 on populations: ratings, heads of unit, 360, the SE 3/2023 curve."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_fixtures import small_population

from simkit.errors import SimkitError
from simkit.population.satu_orang import PopulationBuilder
from simkit.rules import evaluate, get_rule
from simkit.rules.kurva_distribusi import paksakan, periksa, urutan

RID = "permenpanrb_6_2022"
RULE = get_rule(RID)


def _row(ev, aid):
    return ev.hasil.set_index("asn_id").loc[aid]


def test_small_population_by_hand():
    ev = evaluate(small_population(), RID)
    h = ev.hasil.set_index("asn_id")
    assert h["predikat"].astype(str).to_dict() == {
        1: "baik",              # head of dinkes: org 'baik' -> sesuai; behaviour 4 -> sesuai
        2: "sangat_baik",       # 112 % and 5
        3: "baik",              # (95 + 100)/2 = 97.5 % and 3
        4: "sangat_kurang",     # 80 % and 2
        5: "sangat_baik",       # head of puskesmas 'istimewa'; 31/7 = 4.43
        6: "baik",              # turun 27/30 = 110 % and 100 %: 105 %; atasan 4
        7: "butuh_perbaikan",   # head of bappeda 'kurang' -> di bawah; behaviour 5
        8: "baik",              # 0.7 x min(150, 120) + 0.3 x 90 = 111 %; behaviour 4
        9: "butuh_perbaikan",   # 75 % and 3
    }
    assert h.loc[8, "capaian_hasil_kerja"] == pytest.approx(111)
    assert h.loc[5, "perilaku_rerata"] == pytest.approx(31 / 7)
    assert h.loc[2, "persentase_angka_kredit"] == 150
    assert h.loc[4, "persentase_angka_kredit"] == 25
    assert set(ev.catatan) >= {"iki", "kurva_opd", "kurva_batasan"}
    assert not h["dipaksa_kurva"].any()  # 'periksa' never changes a predikat


def test_360_on_a_population():
    ev = evaluate(small_population(), RID, {"sumber_perilaku": "360"})
    # asn 6: atasan 4 (0.6), two peers 3 -> 3 (0.2), self 5 (0.1); no subordinates
    assert _row(ev, 6)["perilaku_rerata"] == pytest.approx((0.6 * 4 + 0.2 * 3 + 0.1 * 5) / 0.9)


def _no_atasan_population():
    b = PopulationBuilder()
    u = b.unit("dinas_a", capaian="baik")
    k = b.pegawai(u, kepala=True, jenis_jabatan="jpt_pratama", perilaku={"rekan": 5})
    b.pegawai(u, atasan=k, perilaku={"atasan": 3, "rekan": 5})
    return b.build()


def test_employee_without_atasan_rating():
    p = _no_atasan_population()
    ev = evaluate(p, RID)
    assert _row(ev, 1)["perilaku_rerata"] == 5  # falls back to the peers
    assert _row(ev, 2)["perilaku_rerata"] == 3  # atasan only
    with pytest.raises(SimkitError) as exc:
        evaluate(p, RID, {"tanpa_penilai_atasan": "galat"})
    assert "asn_id 1" in exc.value.render("id")


def test_head_without_rule_uses_own_iki():
    ev = evaluate(small_population(), RID, {"kepala_unit_pakai_capaian_organisasi": False})
    assert _row(ev, 7)["rating_hasil_kerja"] == "di_atas_ekspektasi"  # 6/5 = 120 %


def test_head_needs_no_iki():
    b = PopulationBuilder()
    u = b.unit("dinas_b", capaian="istimewa")
    b.pegawai(u, kepala=True, jenis_jabatan="jpt_pratama", iki=[], perilaku=5)
    ev = evaluate(b.build(), RID)
    assert _row(ev, 1)["predikat"] == "sangat_baik" and _row(ev, 1)["jumlah_iki"] == 0


# --------------------------------------------------------------------------- the curve


def _opd(capaian: str, realisasi: list[float], perilaku: int = 4):
    """One OPD whose head is first; the others have one IKI each (target 100)."""
    b = PopulationBuilder()
    u = b.unit("dinas_c", capaian=capaian)
    k = b.pegawai(u, kepala=True, jenis_jabatan="jpt_pratama", perilaku=perilaku)
    for r in realisasi:
        b.pegawai(u, atasan=k, iki=[(100, r)], perilaku=perilaku)
    return b.build()


def test_curve_check_reports_violations_without_changing_predikat():
    p = _opd("baik", [100, 101, 102, 103, 104, 105, 106, 107, 108])  # all 'baik'
    ev = evaluate(p, RID)
    assert (ev.hasil["predikat"] == "baik").all()
    b = ev.catatan["kurva_batasan"].set_index(["kelas", "jenis"])
    assert b.loc[("baik", "maks"), "batas_orang"] == 7
    assert b.loc[("baik", "maks"), "aktual_orang"] == 10
    assert b.loc[("baik", "maks"), "status"] == "dilanggar"
    # 'sebagian besar': Baik is the most common class (the largest other class has 0)
    assert b.loc[("baik", "terbanyak"), ["batas_orang", "status"]].tolist() == [0, "ok"]
    assert b.loc[("butuh_perbaikan+kurang", "min"), "status"] == "dilanggar"
    opd = ev.catatan["kurva_opd"].iloc[0]
    assert opd["status"] == "dilanggar" and opd["porsi_baik"] == 1.0
    assert evaluate(p, RID, {"kurva_distribusi": "abaikan"}).catatan.keys() == {"iki",
                                                                              "peran_perilaku"}


def test_curve_forcing_moves_the_fewest_lowest_ranked():
    p = _opd("baik", [100, 101, 102, 103, 104, 105, 106, 107, 108])
    ev = evaluate(p, RID, {"kurva_distribusi": "paksakan"})
    h = ev.hasil.set_index("asn_id")
    moved = sorted(h.index[h["dipaksa_kurva"]])
    # ranking: capaian desc (the head has 100 %, tied with asn 2; tie -> lower asn_id first)
    assert moved == [1, 2, 3]
    assert (h.loc[moved, "predikat"] == "butuh_perbaikan").all()
    assert (ev.catatan["kurva_batasan"]["status"] == "ok").all()
    assert (ev.catatan["kurva_batasan_awal"]["status"] == "dilanggar").any()
    again = evaluate(p, RID, {"kurva_distribusi": "paksakan"}).hasil
    assert again["predikat"].equals(ev.hasil["predikat"])


def test_curve_forcing_istimewa_caps_sangat_baik():
    p = _opd("istimewa", [115 + i for i in range(9)], perilaku=5)  # head: istimewa -> di atas
    ev = evaluate(p, RID, {"kurva_distribusi": "paksakan"})
    assert (ev.hasil["predikat"] == "sangat_baik").sum() == 7
    assert (ev.hasil["predikat"] == "baik").sum() == 3


def test_curve_forcing_sangat_kurang_fills_minimums():
    p = _opd("sangat_kurang", [100, 101, 102, 103, 104, 105, 106, 107, 108])
    ev = evaluate(p, RID, {"kurva_distribusi": "paksakan"})
    counts = ev.hasil["predikat"].value_counts().to_dict()
    assert counts["sangat_kurang"] == 6 and counts["butuh_perbaikan"] == 1
    assert counts["baik"] == 3 and counts["sangat_baik"] == 0
    h = ev.hasil.set_index("asn_id")
    # the six lowest-ranked (head 0 % -> rank last ... ) become sangat_kurang
    assert set(h.index[h["predikat"] == "baik"]) == {8, 9, 10}
    assert (ev.catatan["kurva_batasan"]["status"] == "ok").all()


def test_unmeetable_curve_is_reported():
    p = _opd("sangat_kurang", [])  # one employee cannot be 60 % SK and 10 % K/BP
    ev = evaluate(p, RID, {"kurva_distribusi": "paksakan"})
    assert (ev.catatan["kurva_batasan"]["status"] == "dilanggar").any()


def test_curve_functions_directly():
    opd = np.array([1, 1, 1, 1, 2, 2])
    cap = np.array(["butuh_perbaikan"] * 4 + ["baik"] * 2, dtype=object)
    kode = np.array([5, 4, 4, 4, 4, 4], dtype=np.int8)
    urut = urutan(np.arange(6), np.array([110, 100, 95, 90, 100, 99.0]), np.full(6, 4.0))
    new = paksakan(opd, cap, kode, urut, get_rule(RID).parameters["kurva_batas"])
    # OPD 1: BP >= 60 % of 4 = 3 and SB <= 10 % (0): SB -> B, then 3 lowest-ranked B -> BP
    assert new.tolist()[:4] == [4, 3, 3, 3]
    # OPD 2 (baik): B <= 70 % of 2 = 1 and >= 1 BP/K: the lower-ranked B -> BP
    assert new.tolist()[4:] == [4, 3]
    summary, limits = periksa(opd, cap, new, get_rule(RID).parameters["kurva_batas"])
    assert (limits["status"] == "ok").all() and summary["status"].tolist() == ["ok", "ok"]


# --------------------------------------------------------------------------- properties


_iki = st.tuples(st.floats(1, 1000), st.floats(0, 2000), st.sampled_from(["naik", "turun"]),
                 st.floats(0.05, 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(_iki, min_size=1, max_size=5), st.data(),
       st.sampled_from(["di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"]))
def test_better_realisation_never_lowers_predikat(items, data, rp):
    i = data.draw(st.integers(0, len(items) - 1))
    delta = data.draw(st.floats(0.01, 500))

    def case(its):
        return {"iki": [{"target": t, "realisasi": r, "arah": a, "bobot": w} for t, r, a, w in its],
                "rating_perilaku_kerja": rp}

    t, r, a, w = items[i]
    better = list(items)
    better[i] = (t, r + delta if a == "naik" else max(r - delta, 0.0), a, w)
    before = RULE.evaluate_case(case(items))["peringkat"]
    after = RULE.evaluate_case(case(better))["peringkat"]
    assert after >= before


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(50, 150), min_size=2, max_size=8), st.integers(0, 7),
       st.floats(0.5, 40))
def test_better_realisation_on_a_population(realisasi, who, delta):
    who = who % len(realisasi)
    p = _opd("baik", realisasi)
    q = _opd("baik", [r + delta if j == who else r for j, r in enumerate(realisasi)])
    a = evaluate(p, RID).hasil.set_index("asn_id")["peringkat"]
    b = evaluate(q, RID).hasil.set_index("asn_id")["peringkat"]
    assert (b >= a).all()


# --------------------------------------------------------------------------- curve: paksakan

_KURVA = RULE.parameters["kurva_batas"]


def test_curve_forcing_from_below_moves_the_best_ranked_up():
    # capaian organisasi 'kurang': Kurang >= 60 %, Butuh Perbaikan >= 10 %, Sangat Baik <= 10 %.
    # Everybody starts Sangat Kurang (code 1); rank = position (0 best).
    n = 10
    opd, cap = np.ones(n, dtype=int), np.array(["kurang"] * n, dtype=object)
    urut = np.arange(n)
    new = paksakan(opd, cap, np.ones(n, dtype=np.int8), urut, _KURVA)
    # the 6 best-ranked move up into Kurang; Butuh Perbaikan cannot drain Kurang (it is at its
    # minimum), so it takes the best-ranked left in Sangat Kurang (two classes below)
    assert new.tolist() == [2] * 6 + [3] + [1] * 3
    _, limits = periksa(opd, cap, new, _KURVA)
    assert (limits["status"] == "ok").all()


def test_curve_forcing_is_rank_driven_not_row_order_driven():
    n = 10
    opd, cap = np.ones(n, dtype=int), np.array(["kurang"] * n, dtype=object)
    urut = np.array([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])  # the last row is the best-ranked
    new = paksakan(opd, cap, np.ones(n, dtype=np.int8), urut, _KURVA)
    assert new.tolist() == [1] * 3 + [3] + [2] * 6


def test_curve_forcing_rank_order_capaian_then_behaviour_then_id():
    pos = urutan(np.array([5, 3, 9, 1]), np.array([100, 100, 100, np.nan]),
                 np.array([3.0, 4.0, 3.0, 5.0]))
    # capaian tie -> behaviour 4 first; then asn 5 before 9; a missing capaian ranks last
    assert pos.tolist() == [1, 0, 2, 3]


def test_curve_forcing_docs_explain_the_re_ranking():
    from simkit.rules.describe import describe_rule

    for lang, words in {"id": ("capaian hasil kerja", "BerAKHLAK", "asn_id", "berperingkat"),
                        "en": ("capaian hasil kerja", "BerAKHLAK", "asn_id", "lowest-ranked")}.items():
        text = " ".join(describe_rule(RID, lang).split())
        i = text.index("kurva_distribusi =")
        part = text[i:text.index("kurva_batas (")]
        assert "paksakan" in part and all(w in part for w in words), (lang, part)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]),
       st.lists(st.integers(1, 5), min_size=10, max_size=40), st.randoms(use_true_random=False))
def test_curve_forcing_meets_feasible_limits_and_is_idempotent(capaian, codes, rnd):
    n = len(codes)
    opd, cap = np.ones(n, dtype=int), np.array([capaian] * n, dtype=object)
    urut = np.array(rnd.sample(range(n), n))
    kode = np.array(codes, dtype=np.int8)
    new = paksakan(opd, cap, kode, urut, _KURVA)
    _, limits = periksa(opd, cap, new, _KURVA)
    assert (limits["status"] == "ok").all()  # N >= 10: every limit of the table can be met
    assert paksakan(opd, cap, new, urut, _KURVA).tolist() == new.tolist()  # settled
    _, before = periksa(opd, cap, kode, _KURVA)
    if (before["status"] == "ok").all():  # already within the curve: nobody is moved
        assert new.tolist() == kode.tolist()


# --------------------------------------------------------------------------- curve: readings


def test_sebagian_besar_readings_on_an_istimewa_opd_without_sangat_baik():
    p = _opd("istimewa", [100 + i for i in range(9)])  # head: istimewa -> di atas x 4 -> baik
    assert (evaluate(p, RID).hasil["predikat"] == "baik").all()
    status = {r: evaluate(p, RID, {"kurva_sebagian_besar": r}).catatan["kurva_opd"]["status"].iloc[0]
              for r in ("maks_saja", "terbanyak", "lebih_dari_separuh")}
    assert status == {"maks_saja": "ok", "terbanyak": "dilanggar", "lebih_dari_separuh": "dilanggar"}


def test_sebagian_besar_reading_is_applied_by_paksakan_too():
    p = _opd("istimewa", [100 + i for i in range(9)])
    lama = evaluate(p, RID, {"kurva_distribusi": "paksakan", "kurva_sebagian_besar": "maks_saja"})
    assert not lama.hasil["dipaksa_kurva"].any()  # the cap alone: nothing to do
    for bacaan, sb in (("terbanyak", 5), ("lebih_dari_separuh", 6)):
        ev = evaluate(p, RID, {"kurva_distribusi": "paksakan", "kurva_sebagian_besar": bacaan})
        assert (ev.hasil["predikat"] == "sangat_baik").sum() == sb
        assert (ev.catatan["kurva_batasan"]["status"] == "ok").all()


@pytest.mark.parametrize("arah,naik,turun", [("turun", 0, 3), ("naik", 3, 1), ("berimbang", 1, 2)])
def test_direction_of_the_excess(arah, naik, turun):
    p = _opd("baik", [100, 101, 102, 103, 104, 105, 106, 107, 108])  # 10 x Baik, 7 allowed
    h = evaluate(p, RID, {"kurva_distribusi": "paksakan", "kurva_arah_kelebihan": arah}).hasil
    d = h["peringkat"].to_numpy() - 4  # everybody's kuadran predikat is Baik (4)
    assert ((d > 0).sum(), (d < 0).sum()) == (naik, turun)


def _opd_dengan_puskesmas():
    b = PopulationBuilder()
    dinas = b.unit("dinkes", capaian="baik")
    pkm = b.unit("pkm_a", induk=dinas, capaian="istimewa")
    k = b.pegawai(dinas, kepala=True, jenis_jabatan="jpt_pratama", perilaku=4)
    for r in (100, 101, 80):
        b.pegawai(dinas, atasan=k, iki=[(100, r)], perilaku=4)
    kp = b.pegawai(pkm, atasan=k, kepala=True, jenis_jabatan="administrator", perilaku=5)
    for r, s in ((115, 5), (116, 5), (100, 4)):
        b.pegawai(pkm, atasan=kp, iki=[(100, r)], perilaku=s)
    return b.build()


def test_scope_unit_kerja_and_heads_outside_their_unit():
    p = _opd_dengan_puskesmas()
    opd = evaluate(p, RID).catatan["kurva_opd"]
    assert opd[["opd_id", "capaian_kinerja_organisasi", "jumlah_pegawai"]].values.tolist() == [
        [1, "baik", 8]]
    unit = evaluate(p, RID, {"kurva_lingkup": "unit_kerja"}).catatan["kurva_opd"]
    assert unit[["unit_id", "capaian_kinerja_organisasi", "jumlah_pegawai"]].values.tolist() == [
        [1, "baik", 4], [2, "istimewa", 4]]
    # heads outside the curve of the unit they lead: the OPD head in none, the puskesmas head
    # in his OPD's curve
    luar = evaluate(p, RID, {"kurva_lingkup": "unit_kerja", "kurva_kepala_unit": "di_luar_unitnya"})
    assert luar.catatan["kurva_opd"][["unit_id", "jumlah_pegawai"]].values.tolist() == [[1, 4],
                                                                                          [2, 3]]
    opd_luar = evaluate(p, RID, {"kurva_kepala_unit": "di_luar_unitnya"}).catatan["kurva_opd"]
    assert opd_luar["jumlah_pegawai"].tolist() == [7]


def test_rules_command_shows_the_kuadran_as_a_grid_and_explains_source_markers():
    from simkit.rules.describe import describe_rule

    text = describe_rule(RID, "id")
    # PermenPANRB 6/2022 Lampiran: hasil (rows) x perilaku (columns)
    assert "      Di Atas Ekspektasi  | Kurang/Misconduct   | Baik              | Sangat Baik" in text
    assert "      Di Bawah Ekspektasi | Sangat Kurang       | Butuh Perbaikan   | Butuh Perbaikan" in text
    assert "kuadran = {" not in text
    assert "Penanda sumber (docs/sumber.md):" in text and "  [S] hanya sumber sekunder" in text
    assert "predikat (Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang)" in text
    en = describe_rule(RID, "en")
    assert "Source markers (docs/sumber.md):" in en and "  [U] unconfirmed" in en
    assert "| Above Expectations" in en or "| Above expectations" in en


def test_rules_command_shows_the_curve_limits_as_a_table():
    from simkit.rules.describe import describe_rule

    text = describe_rule(RID, "id")
    # SE MenPANRB 3/2023: a Butuh Perbaikan organisation: at least 60 % Butuh Perbaikan, at most
    # 10 % Sangat Baik
    assert ("      Butuh Perbaikan    | Butuh Perbaikan: paling sedikit 60 %; Sangat Baik: paling "
            "banyak 10 %") in text
    assert "      Kurang             | Kurang/Misconduct: paling sedikit 60 %" in text
    assert "kurva_batas = {" not in text
