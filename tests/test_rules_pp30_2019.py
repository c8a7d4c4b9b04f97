"""PP 30/2019 on populations, the PermenPANRB 8/2021 IKI table, and monotonicity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_fixtures import PopulationBuilder, small_population

from simkit.rules import evaluate, get_rule
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
