"""PP 46/2011 (Perka BKN 1/2013) on populations."""

from __future__ import annotations

import numpy as np
import pytest
from rules_fixtures import small_population

from simkit.errors import SimkitError
from simkit.population.satu_orang import PopulationBuilder
from simkit.rules import evaluate, get_rule
from simkit.rules.pp46_2011 import aspek_efisiensi

RID = "pp46_2011"


def test_waktu_curve_worked_numbers():
    eff, v = aspek_efisiensi(np.full(4, 12.0), np.array([12.0, 10.0, 9.0, 6.0]),
                             get_rule(RID).parameters)
    assert v.round(2).tolist() == [76.0, 92.67, 75.0, 50.0]
    assert eff.round(2).tolist() == [0.0, 16.67, 25.0, 50.0]


def _pop():
    b = PopulationBuilder()
    u = b.unit("dinas_a")
    b.pegawai(u, jenis_jabatan="pengawas", iki=[(10, 10), (20, 10, "turun")],
              pp46=[{"realisasi_kualitas": 100.0, "realisasi_waktu": 10.0},
                    {"target_biaya": 1e6, "realisasi_biaya": 8e5}], aspek=80)
    b.pegawai(u, iki=[(10, 0)], pp46=[{"realisasi_kualitas": 0.0, "realisasi_waktu": 0.0}],
              aspek=70)
    return b.build()


def test_population_kegiatan_from_iki_columns():
    ev = evaluate(_pop(), RID)
    k = ev.catatan["kegiatan"].set_index("kegiatan_id")
    # kegiatan 1: 100, 100, waktu RW 10 of 12 -> 92.67; /3
    assert k.loc[1, "nilai_waktu"] == pytest.approx(92.6666667)
    assert k.loc[1, "jumlah_aspek"] == 3
    # kegiatan 2: turun 10 of 20 -> (2 - 0.5) x 100 = 150; kualitas 90; waktu 76; biaya 96; /4
    assert k.loc[2, "nilai_kuantitas"] == 150 and k.loc[2, "nilai_biaya"] == pytest.approx(96)
    assert k.loc[2, "nilai_capaian"] == pytest.approx((150 + 90 + 76 + 96) / 4)
    # kegiatan 3 not done: every aspect 0
    assert k.loc[3, "nilai_capaian"] == 0
    h = ev.hasil.set_index("asn_id")
    assert h.loc[1, "jumlah_aspek_perilaku"] == 6 and h.loc[2, "jumlah_aspek_perilaku"] == 5
    assert h.loc[2, "sebutan_skp"] == "buruk"
    assert h.loc[1, "nilai_prestasi_kerja"] == pytest.approx(
        0.6 * h.loc[1, "nilai_skp"] + 0.4 * 80)


def test_turun_as_printed():
    ev = evaluate(_pop(), RID, {"kuantitas_arah_turun": "seperti_naik"})
    assert ev.catatan["kegiatan"].set_index("kegiatan_id").loc[2, "nilai_kuantitas"] == 50


def test_half_given_biaya_is_located():
    p = _pop()
    p.iki.loc[0, "target_biaya"] = 1e6  # realisasi_biaya stays empty
    with pytest.raises(SimkitError) as exc:
        evaluate(p, RID)
    assert "realisasi_biaya" in exc.value.render("id") and "asn_id 1" in exc.value.render("id")


def test_small_population_runs():
    h = evaluate(small_population(), RID).hasil
    assert h["sebutan"].notna().all() and (h["nilai"] == h["nilai_prestasi_kerja"]).all()


def test_a_reform_replaces_one_step_by_name():
    from dataclasses import replace

    from simkit.rules.pp46_2011 import TAHAP, Pp46, Waktu
    from simkit.rules.tahap import ganti_tahap

    assert [t.nama for t in TAHAP] == ["kuantitas", "kualitas", "waktu", "biaya", "nilai_capaian",
                                       "tugas_tambahan", "kreativitas", "nilai_skp",
                                       "nilai_perilaku", "nilai_prestasi_kerja", "sebutan"]

    class WaktuPenuh(Waktu):
        def hitung(self, k):
            n = len(k.kegiatan)
            return replace(k, efisiensi_waktu=np.zeros(n), nilai_waktu=np.full(n, 100.0))

    class Reformasi(Pp46):
        tahap = ganti_tahap(Pp46.tahap, WaktuPenuh())

    ev = Reformasi().evaluate(_pop())
    k = ev.catatan["kegiatan"].set_index("kegiatan_id")
    # kegiatan 1: 100 + 100 + 100 (was 92.67) over 3; kegiatan 2: 150 + 90 + 100 + 96 over 4
    assert k.loc[1, "nilai_capaian"] == 100
    assert k.loc[2, "nilai_capaian"] == pytest.approx((150 + 90 + 100 + 96) / 4)
    h = ev.hasil.set_index("asn_id")
    assert h.loc[1, "nilai_skp"] == pytest.approx((100 + 109) / 2)
    steps = [s.parameter for s in ev.aturan.langkah(ev, ev.baris(1), "id")]
    assert steps == ["kuantitas_arah_turun", "target_kualitas_bawaan", "batas_efisiensi",
                     "konstanta_efisiensi", "kuantitas_arah_turun", "target_kualitas_bawaan",
                     "batas_efisiensi", "batas_efisiensi", "konstanta_efisiensi",
                     "nilai_tugas_tambahan", "nilai_kreativitas", "bobot_skp",
                     "aspek_perilaku", "bobot_perilaku", "batas_sebutan"]
