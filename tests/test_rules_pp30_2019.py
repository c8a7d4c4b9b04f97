"""PP 30/2019 on populations, the PermenPANRB 8/2021 IKI table, and monotonicity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_fixtures import small_population

from simkit.errors import SimkitError
from simkit.population.satu_orang import PopulationBuilder
from simkit.rules import evaluate, explain, get_rule
from simkit.rules.pp30_2019 import bulatkan, nilai_dari_tabel

RID = "pp30_2019"
RULE = get_rule(RID)
P = RULE.parameters


def test_iki_table_worked_examples_and_monotone():
    c = np.arange(0, 201, dtype=float)
    v = nilai_dari_tabel(c, P["tabel_nilai_iki"], P["nilai_iki_di_atas_tabel"])
    assert not np.isnan(v).any() and (np.diff(v) >= 0).all()  # never a lower value for more
    at = dict(zip(c.tolist(), v.tolist(), strict=True))
    assert at[100] == 109 and at[98] == 88 and at[111] == 120 and at[59] == 49 and at[0] == 0
    assert at[80] == 70 and at[99] == 89 and at[60] == 50 and at[101] == 110 and at[110] == 120


def test_rounding_closes_the_gaps():
    assert bulatkan(np.array([99.5, 100.49, 100.5, 59.5, 79.4999]), "bulat").tolist() == [
        100, 100, 101, 60, 79]
    assert bulatkan(np.array([99.5, 100.99]), "bawah").tolist() == [99, 100]


def test_small_population_by_hand():
    ev = evaluate(small_population(), RID)
    h = ev.hasil.set_index("asn_id")
    # asn 3: IKI 95 % -> 85 and 100 % -> 109: SKP 97; perilaku 78 (not struktural: 4 aspects)
    assert h.loc[3, "nilai_skp"] == pytest.approx(97)
    assert h.loc[3, "nilai_kinerja"] == pytest.approx(0.7 * 97 + 0.3 * 78)
    # asn 8: turun 10/20 -> 150 % -> 120 (w 0.7); naik 90 % -> 80 (w 0.3)
    assert h.loc[8, "nilai_skp"] == pytest.approx(0.7 * 120 + 0.3 * 80)
    assert h.loc[4, "predikat"] == "kurang"  # 0.7 x 70 + 0.3 x 55 = 65.5
    assert not (h["predikat"] == "sangat_baik").any()  # no innovation recorded
    d = ev.catatan["iki"]
    assert d.loc[d["asn_id"] == 8, "capaian_iki"].tolist() == [150, 90]


def test_kepemimpinan_counts_for_struktural_only():
    b = PopulationBuilder()
    u = b.unit("dinas_a")
    b.pegawai(u, jenis_jabatan="administrator",
              aspek={"orientasi_pelayanan": 80, "komitmen": 80, "inisiatif_kerja": 80,
                     "kerja_sama": 80, "kepemimpinan": 100})
    b.pegawai(u, aspek={"orientasi_pelayanan": 80, "komitmen": 80, "inisiatif_kerja": 80,
                        "kerja_sama": 80, "kepemimpinan": 100})
    h = evaluate(b.build(), RID).hasil.set_index("asn_id")
    assert h.loc[1, "nilai_perilaku"] == 84 and h.loc[2, "nilai_perilaku"] == 80


def test_360_and_innovation_parameters():
    p = small_population()
    a = evaluate(p, RID, {"pakai_360": True}).hasil.set_index("asn_id")
    assert (a["bobot_skp"] == 0.6).all()
    assert a.loc[2, "nilai_kinerja"] == pytest.approx(0.6 * 120 + 0.4 * 95)
    b = evaluate(p, RID, {"inovasi": True}).hasil.set_index("asn_id")
    assert b.loc[2, "predikat"] == "sangat_baik"  # 0.7 x 120 + 0.3 x 95 = 112.5


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 500), st.floats(0, 1000), st.sampled_from(["naik", "turun"])),
                min_size=1, max_size=5), st.data(), st.floats(0, 120), st.booleans(), st.booleans())
def test_better_realisation_never_lowers_predikat(items, data, perilaku, p360, inov):
    i = data.draw(st.integers(0, len(items) - 1))
    delta = data.draw(st.floats(0.01, 300))

    def run(its):
        return RULE.evaluate_case({"iki": [{"target": t, "realisasi": r, "arah": a}
                                           for t, r, a in its], "nilai_perilaku": perilaku,
                                   "pakai_360": p360, "ada_inovasi": inov})

    t, r, a = items[i]
    better = list(items)
    better[i] = (t, r + delta if a == "naik" else max(r - delta, 0.0), a)
    before, after = run(items), run(better)
    assert after["peringkat"] >= before["peringkat"]
    assert after["nilai_skp"] >= before["nilai_skp"] - 1e-9


# --------------------------------------------------------------------------- range and maximal targets


def _with_iki(pop, **cols):
    """``pop`` with optional columns added to its iki table (dict iki_id -> value per column)."""
    import dataclasses

    iki = pop.iki.copy()
    for col, values in cols.items():
        if col not in iki:
            iki[col] = False if col == "target_maksimal" else np.nan
        iki[col] = iki[col].astype(object)
        for iki_id, v in values.items():
            iki.loc[iki["iki_id"] == iki_id, col] = v
        if col != "target_maksimal":
            iki[col] = iki[col].astype(float)
    return dataclasses.replace(pop, iki=iki)


def test_population_range_and_maximal_targets_match_the_cases():
    pop = small_population()
    # iki 2 (asn 2): 112 against a range 80-100 -> above -> 100; iki 12 (asn 9): 30 against
    # 40-50 -> below -> 40; iki 1 (asn 1): 10/10 on a maximal target -> 120
    p = _with_iki(pop, target_bawah={2: 80, 12: 40}, target_atas={2: 100, 12: 50},
                  target_maksimal={1: True})
    ev = evaluate(p, RID)
    d = ev.catatan["iki"].set_index("iki_id")
    assert d.loc[2, "target_dipakai"] == 100 and d.loc[12, "target_dipakai"] == 40
    assert d.loc[1, "nilai_capaian_iki"] == 120 and d.loc[6, "nilai_capaian_iki"] == 109
    for iki_id, case in {
        2: {"target_bawah": 80, "target_atas": 100, "realisasi": 112},
        12: {"target_bawah": 40, "target_atas": 50, "realisasi": 30},
        1: {"target": 10, "realisasi": 10, "target_maksimal": True},
    }.items():
        got = RULE.evaluate_case({"iki": [case], "nilai_perilaku": 80})["iki"][0]
        assert got["nilai_capaian_iki"] == pytest.approx(d.loc[iki_id, "nilai_capaian_iki"])
        assert got["target_dipakai"] == pytest.approx(d.loc[iki_id, "target_dipakai"])
    h = ev.hasil.set_index("asn_id")
    assert h.loc[1, "nilai_skp"] == 120  # not 109
    # rows without a range or a maximal flag score as before
    base = evaluate(pop, RID).hasil.set_index("asn_id")
    same = [a for a in h.index if a not in (1, 2, 9)]
    assert np.allclose(h.loc[same, "nilai_skp"], base.loc[same, "nilai_skp"])
    # a range row may leave 'target' empty
    q = _with_iki(p, target={2: np.nan})
    assert evaluate(q, RID).catatan["iki"].set_index("iki_id").loc[2, "target_dipakai"] == 100


def test_without_the_optional_columns_the_detail_is_unchanged():
    ev = evaluate(small_population(), RID)
    assert "target_dipakai" not in ev.catatan["iki"] and "target_maksimal" not in ev.catatan["iki"]


def test_bad_optional_iki_columns_are_located():
    pop = small_population()

    def err(p, lang: str = "id") -> str:
        with pytest.raises(SimkitError) as exc:
            evaluate(p, RID)
        return exc.value.render(lang)

    t = err(_with_iki(pop, target_bawah={2: 120}, target_atas={2: 100}))
    assert "iki, baris 2, kolom 'target_bawah'" in t and "target_atas" in t and "asn_id 2" in t
    t = err(_with_iki(pop, target_bawah={3: 80}, target_atas={}))
    assert "baris 3, kolom 'target_atas'" in t and "NaN" in t
    t = err(_with_iki(pop, target_bawah={2: 0}, target_atas={2: 10}))
    assert "kolom 'target_bawah'" in t and "> 0" in t
    t = err(_with_iki(pop, target_bawah={2: 80}))  # the other column is missing
    assert "kolom 'target_atas'" in t and RID in t
    t = err(_with_iki(pop, target_maksimal={1: "ya"}))
    assert "kolom 'target_maksimal'" in t and "asn_id 1" in t
    t = err(_with_iki(pop, target={2: np.nan}))  # no range there: target is needed
    assert "baris 2, kolom 'target'" in t
    t = err(_with_iki(pop, target_bawah={2: 120}, target_atas={2: 100}), "en")
    assert "target_bawah is greater than target_atas for asn_id 2" in t


@pytest.mark.parametrize("iki, needles", [
    ({"target": 100, "target_bawah": 80, "target_atas": 100, "realisasi": 90},
     ["input.iki[0]", "'target' ATAU"]),
    ({"target_bawah": 80, "realisasi": 90}, ["input.iki[0]", "target_bawah"]),
    ({"realisasi": 90}, ["input.iki[0]", "'target' ATAU"]),
    ({"target_bawah": 120, "target_atas": 100, "realisasi": 90},
     ["input.iki[0].target_bawah", "target_bawah <= target_atas"]),
    ({"target": 100, "realisasi": 90, "target_maksimal": "ya"},
     ["input.iki[0].target_maksimal"]),
])
def test_malformed_target_forms_in_case_files(tmp_path, iki, needles):
    import yaml

    from simkit.rules.cases import run_case_files

    f = tmp_path / "kasus.yaml"
    f.write_text(yaml.safe_dump([{"name": "x", "rule": RID, "output": {"predikat": "baik"},
                                  "input": {"iki": [iki], "nilai_perilaku": 80}}]),
                 encoding="utf-8")
    r = run_case_files([f], lang="id")
    assert r.exit_code == 2
    text = r.to_text()
    assert all(n in text for n in needles), text
    assert "baris" in text


_range = st.tuples(st.floats(1, 500), st.floats(0, 3), st.floats(0, 1000),
                   st.sampled_from(["naik", "turun"]))


@settings(max_examples=80, deadline=None)
@given(_range, st.sampled_from(["target_atas", "target_bawah"]))
def test_range_target_picks_a_bound_as_the_rule_says(spec, pembanding):
    bawah, lebar, realisasi, arah = spec
    atas = bawah * (1 + lebar)
    p = {"pembanding_target_rentang": pembanding}
    got = RULE.evaluate_case({"iki": [{"target_bawah": bawah, "target_atas": atas,
                                       "realisasi": realisasi, "arah": arah}],
                              "nilai_perilaku": 80}, p)["iki"][0]
    acuan = atas if pembanding == "target_atas" else bawah
    assert got["target_dipakai"] == (atas if realisasi > acuan else bawah)
    same = RULE.evaluate_case({"iki": [{"target": got["target_dipakai"], "realisasi": realisasi,
                                        "arah": arah}], "nilai_perilaku": 80}, p)["iki"][0]
    assert got["nilai_capaian_iki"] == same["nilai_capaian_iki"]  # then scored as a target
    if lebar == 0:  # a range of zero width is the single target
        assert got["target_dipakai"] == bawah


@settings(max_examples=80, deadline=None)
@given(st.floats(1, 500), st.floats(0, 1000), st.sampled_from(["naik", "turun"]))
def test_maximal_target_never_scores_less_and_gives_120_at_100(target, realisasi, arah):
    def run(maks):
        return RULE.evaluate_case({"iki": [{"target": target, "realisasi": realisasi,
                                            "arah": arah, "target_maksimal": maks}],
                                   "nilai_perilaku": 80})["iki"][0]

    biasa, maks = run(False), run(True)
    assert maks["nilai_capaian_iki"] >= biasa["nilai_capaian_iki"]
    if maks["capaian_dibulatkan"] >= P["ambang_capaian_target_maksimal"]:
        assert maks["nilai_capaian_iki"] == P["nilai_target_maksimal"] == 120
    else:
        assert maks["nilai_capaian_iki"] == biasa["nilai_capaian_iki"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 500), st.floats(0, 1000), st.booleans()),
                min_size=1, max_size=4), st.data())
def test_better_realisation_on_maximal_targets_never_lowers_nilai_skp(items, data):
    i = data.draw(st.integers(0, len(items) - 1))
    delta = data.draw(st.floats(0.01, 300))

    def run(its):
        return RULE.evaluate_case({"iki": [{"target": t, "realisasi": r, "target_maksimal": m}
                                           for t, r, m in its], "nilai_perilaku": 80})

    t, r, m = items[i]
    better = list(items)
    better[i] = (t, r + delta, m)
    assert run(better)["nilai_skp"] >= run(items)["nilai_skp"] - 1e-9


def test_explain_shows_the_bound_used_and_the_maximal_target():
    p = _with_iki(small_population(), target_bawah={2: 80}, target_atas={2: 100},
                  target_maksimal={1: True})
    ev = evaluate(p, RID)
    t2 = str(explain(ev, 2))
    assert "pembanding_target_rentang" in t2 and "80 - 100" in t2 and "realisasi 112 > 100" in t2
    assert "PermenPANRB 8/2021" in t2
    t1 = str(explain(ev, 1))
    assert "nilai_target_maksimal = 120" in t1 and "target maksimal" in t1


def test_describe_lists_the_new_iki_inputs_and_parameters():
    from simkit.rules.describe import describe_rule

    for lang in ("id", "en"):
        text = describe_rule(RID, lang)
        for word in ("target_bawah", "target_atas", "target_maksimal", "pembanding_target_rentang",
                     "nilai_target_maksimal = 120", "ambang_capaian_target_maksimal = 100"):
            assert word in text, (lang, word)
    assert P.meta("pembanding_target_rentang").asumsi
    assert "PermenPANRB 8/2021" in P.referensi("nilai_target_maksimal")


# --------------------------------------------------------------------------- parameters checked whole


@pytest.mark.parametrize("over, bidang, kode", [
    ({"batas_baik": 115}, "batas_baik", "parameter_ambang_urut"),
    ({"batas_cukup": 95}, "batas_cukup", "parameter_ambang_urut"),
    ({"tabel_nilai_iki": [{"dari": 0, "sampai": 59, "nilai_dari": 0, "nilai_sampai": 49},
                          {"dari": 61, "sampai": 200, "nilai_dari": 50, "nilai_sampai": 120}]},
     "tabel_nilai_iki[1]", "parameter_pita_tabel"),
])
def test_cross_parameter_checks(over, bidang, kode):
    with pytest.raises(SimkitError) as exc:
        evaluate(small_population(), RID, over)
    (m,) = exc.value.masalah
    assert (m.kode, m.bidang) == (kode, bidang)
    # one weight alone may change (sweeps): weights are not required to add up to 1
    assert RULE.siapkan_parameter({"bobot_skp": 0.5})["bobot_skp"] == 0.5


def test_cross_parameter_problem_in_a_case_file_is_located(tmp_path):
    from simkit.rules.cases import run_case_files

    f = tmp_path / "kasus.yaml"
    f.write_text("""- name: batas tidak menurun
  rule: pp30_2019
  params:
    batas_cukup: 95
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {predikat: baik}
""", encoding="utf-8")
    r = run_case_files([f], lang="id")
    assert r.exit_code == 2
    assert "baris 4" in r.to_text() and "params.batas_cukup" in r.to_text()
    assert "ambang harus menurun" in r.to_text()


# --------------------------------------------------------------------------- named steps


def test_a_reform_replaces_one_step_by_name():
    from dataclasses import replace

    from simkit.rules.pp30_2019 import TAHAP, NilaiPerilaku, Pp30
    from simkit.rules.tahap import ganti_tahap

    assert [t.nama for t in TAHAP] == ["target", "capaian", "nilai_iki", "tugas_tambahan", "nilai_skp",
                                       "nilai_perilaku", "nilai_kinerja", "inovasi", "predikat"]

    class PerilakuTetap(NilaiPerilaku):
        def hitung(self, k):
            return replace(k, nilai_perilaku=np.full(len(k.ids), 100.0))

    class Reformasi(Pp30):
        tahap = ganti_tahap(Pp30.tahap, PerilakuTetap())

    assert [type(t).__name__ for t in Reformasi.tahap][5] == "PerilakuTetap"
    pop = small_population()
    h = Reformasi().evaluate(pop).hasil.set_index("asn_id")
    base = evaluate(pop, RID).hasil.set_index("asn_id")
    assert (h["nilai_perilaku"] == 100).all()
    assert h.loc[3, "nilai_kinerja"] == pytest.approx(0.7 * 97 + 0.3 * 100)  # SKP as before
    assert (h["nilai_skp"] == base["nilai_skp"]).all()
    # every step still explains itself, per IKI first, in the order of the base rule
    ev = Reformasi().evaluate(pop)
    lines = [s.parameter for s in ev.aturan.langkah(ev, ev.baris(3), "id")]
    assert lines == ["pembulatan_capaian", "tabel_nilai_iki"] * 2 + [
        "nilai_tugas_tambahan", "bobot_skp", "bobot_perilaku", "batas_sangat_baik", "batas_baik", "batas_cukup",
        "batas_kurang", "inovasi"]
    assert "100" in str(explain(ev, 3))
