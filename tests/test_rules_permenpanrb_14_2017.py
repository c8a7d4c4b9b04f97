"""PermenPANRB 14/2017 (IKM) on populations."""

from __future__ import annotations

import dataclasses

import pytest
from rules_fixtures import PopulationBuilder, small_population

from simkit.errors import SimkitError
from simkit.rules import evaluate

RID = "permenpanrb_14_2017"


def _pop():
    b = PopulationBuilder()
    a = b.unit("pkm_a", melayani_publik=True)
    c = b.unit("pkm_b", melayani_publik=True)
    b.unit("kantor", melayani_publik=False)  # no survey: absent from the result
    b.pegawai(a)
    b.skm(a, [[4] * 9, [2] + [None] + [2] * 7])
    b.skm(c, [[3.2] * 9])
    return b.build()


def test_one_row_per_surveyed_unit():
    ev = evaluate(_pop(), RID)
    h = ev.hasil.set_index("unit_id")
    assert h.index.tolist() == [1, 2]
    assert h.loc[1, "jumlah_responden"] == 2
    assert h.loc[1, "nrr_u2"] == 4 and h.loc[1, "nrr_u1"] == 3
    assert h.loc[1, "ikm"] == pytest.approx(0.111 * 28)
    assert h.loc[2, "ikm_konversi"] == pytest.approx(79.92)
    assert h.loc[2, "mutu"] == "B" and h.loc[2, "predikat"] == "baik" and h.loc[2, "peringkat"] == 4
    exact = evaluate(_pop(), RID, {"bobot_eksak": True}).hasil.set_index("unit_id")
    assert exact.loc[2, "ikm_konversi"] == pytest.approx(80.0)


def test_unsur_without_answers():
    p = _pop()
    p.skm.loc[p.skm["unit_id"] == 2, "u4"] = float("nan")
    with pytest.raises(SimkitError) as exc:
        evaluate(p, RID)
    assert "unit_id 2" in exc.value.render("id") and "u4" in exc.value.render("id")
    h = evaluate(p, RID, {"unsur_tanpa_jawaban": "bobot_ulang"}).hasil.set_index("unit_id")
    assert h.loc[2, "ikm"] == pytest.approx(3.2 * 0.999)


def test_no_survey_table():
    with pytest.raises(SimkitError, match="skm"):
        evaluate(dataclasses.replace(small_population(), skm=None), RID)
