"""PermenPANRB 14/2017 (IKM) on populations."""

from __future__ import annotations

import dataclasses

import pytest
from rules_fixtures import small_population

from simkit.errors import SimkitError
from simkit.population.satu_orang import PopulationBuilder
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


# --------------------------------------------------------------------------- grading, weights, scale


@pytest.mark.parametrize("konversi, mutu", [(88.305, "A"), (88.3049, "B"), (76.605, "B"),
                                            (76.6049, "C"), (64.995, "C"), (64.9949, "D")])
def test_satu_penilaian_mutu_untuk_kedua_aturan(konversi, mutu):
    """permenpanrb_14_2017 (NRR = konversi / 25 with weights 1/9) and mamuju_ikm (ikm_unit
    given) grade one converted IKM alike: both through mutu_ikm."""
    from simkit.rules import get_rule

    nrr = {f"u{i}": konversi / 25 for i in range(1, 10)}
    a = get_rule(RID).evaluate_case({"nrr": nrr}, {"bobot_eksak": True})
    b = get_rule("mamuju_ikm").evaluate_case(
        {"capaian_hasil_kerja": 100, "melayani_publik": True, "ikm_unit": konversi,
         "rating_perilaku_kerja": "sesuai_ekspektasi"})
    assert a["ikm_konversi"] == pytest.approx(konversi)
    assert a["mutu"] == b["mutu_ikm"] == mutu


@pytest.mark.parametrize("bobot, kode, bidang", [
    ({"u1": 0.5}, "ikm_bobot_tidak_lengkap", "bobot_per_unsur.u2"),
    ({f"u{i}": 0.111 for i in range(1, 10)}, "ikm_bobot_jumlah", "bobot_per_unsur"),
    ({**{f"u{i}": 0.1 for i in range(1, 9)}, "u9": 0.2}, None, None),
])
def test_bobot_per_unsur_harus_berjumlah_1(bobot, kode, bidang):
    from simkit.rules import get_rule

    for rid in (RID, "mamuju_ikm"):
        rule = get_rule(rid)
        if kode is None:
            assert rule.siapkan_parameter({"bobot_per_unsur": bobot})["bobot_per_unsur"] == bobot
            continue
        with pytest.raises(SimkitError) as exc:
            rule.siapkan_parameter({"bobot_per_unsur": bobot}, berkas="skenario.yaml",
                                   baris_map={"bobot_per_unsur": 12})
        m = exc.value.masalah[0]
        assert (m.kode, m.berkas, m.baris, m.bidang) == (kode, "skenario.yaml", 12, bidang)
    if kode == "ikm_bobot_jumlah":
        assert exc.value.render("id") == (
            "skenario.yaml, baris 12, bidang 'bobot_per_unsur': jumlah bobot per unsur harus 1 "
            "(PermenPANRB 14/2017): 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + "
            "0.111 + 0.111. Diharapkan: 1; ditemukan: 0.999.")
        assert exc.value.render("en") == (
            "skenario.yaml, line 12, field 'bobot_per_unsur': the weights per unsur must sum to "
            "1 (PermenPANRB 14/2017): 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + 0.111 + "
            "0.111 + 0.111. Expected: 1; found: 0.999.")


def test_bobot_per_unsur_pada_populasi():
    """Weights U1 0.3, U2..U8 0.1, U9 0 (sum 1): unit 2 (all NRR 3.2) stays 3.2 x 25 = 80."""
    w = {**{f"u{i}": 0.1 for i in range(1, 9)}, "u9": 0.0}
    w["u1"] = 0.3
    h = evaluate(_pop(), RID, {"bobot_per_unsur": w}).hasil.set_index("unit_id")
    assert h.loc[2, "ikm_konversi"] == pytest.approx(80.0)
    assert h.loc[2, "bobot_u1"] == 0.3 and h.loc[2, "bobot_u9"] == 0.0
    # unit 1: NRR u1 3, u2 4, others 3: 0.3 x 3 + 0.1 x 4 + 0.6 x 3 + 0 x 3 = 3.1 -> 77.5
    assert h.loc[1, "ikm_konversi"] == pytest.approx(77.5)


def _kasus(tmp_path, teks: str):
    from simkit.rules.cases import jalankan_kasus, muat_berkas

    f = tmp_path / "kasus.yaml"
    f.write_text(teks, encoding="utf-8")
    return jalankan_kasus(muat_berkas(f)[0])


def test_jawaban_kasus_di_luar_skala_jawaban_berlokasi(tmp_path):
    h = _kasus(tmp_path, """cases:
- name: jawaban 5
  rule: permenpanrb_14_2017
  input:
    jawaban:
    - [4, 4, 4, 4, 4, 4, 4, 4, 4]
    - [4, 5, 4, 4, 4, 4, 4, 4, 4]
  output: {mutu: A}
""")
    assert h.status == "rusak"
    m = h.masalah[0]
    assert (m.kode, m.baris, m.bidang) == ("di_luar_rentang", 7, "input.jawaban[1][1]")
    assert m.render("id").endswith("bidang 'input.jawaban[1][1]': nilai di luar rentang. "
                                   "Diharapkan: 1 .. 4 (skala_jawaban); ditemukan: 5.")
    assert "field 'input.jawaban[1][1]': value out of range" in m.render("en")


def test_ikm_unit_di_luar_rentang_berlokasi(tmp_path):
    h = _kasus(tmp_path, """cases:
- name: ikm 24,9
  rule: mamuju_ikm
  input: {capaian_hasil_kerja: 100, melayani_publik: true, rating_perilaku_kerja: sesuai_ekspektasi,
          ikm_unit: 24.9}
  output: {mutu_ikm: D}
""")
    m = h.masalah[0]
    assert (h.status, m.kode, m.baris, m.bidang) == ("rusak", "di_luar_rentang", 5,
                                                     "input.ikm_unit")
    assert m.diharapkan == "24.975 .. 100"


def test_skm_populasi_di_luar_skala_jawaban():
    p = _pop()
    p.skm.loc[0, "u3"] = 5.0
    with pytest.raises(SimkitError) as exc:
        evaluate(p, RID)
    m = exc.value.masalah[0]
    assert (m.berkas, m.baris, m.kolom, m.diharapkan) == ("skm", 1, "u3", "1 .. 4")
    assert evaluate(p, RID, {"skala_jawaban": {"max": 5}}).hasil.loc[0, "nrr_u3"] == 3.5
