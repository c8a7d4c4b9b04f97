"""The explanation a person can check: each IKI's target, realisasi, direction, raw capaian and
the cap with its reference; the Sekda's behaviour fallback with the role weights used."""

from __future__ import annotations

import pytest

from simkit.population.satu_orang import PopulationBuilder
from simkit.rules import evaluate, explain

RID = "permenpanrb_6_2022"


@pytest.fixture(scope="module")
def ev():
    b = PopulationBuilder()
    setda = b.unit("setda")
    sekda = b.pegawai(setda, kepala=True, jenis_jabatan="jpt_pratama", iki=[(100, 100)],
                      perilaku={"bawahan": [4], "diri": 5})  # rated by the Bupati: no atasan
    b.pegawai(setda, atasan=sekda, iki=[(100, 130), (20, 25, "turun")], perilaku=4)
    return evaluate(b.build(), RID)


def _baris(ev, aid: int, lang: str) -> list[str]:
    return explain(ev, aid, lang).to_text().splitlines()


def test_iki_dibatasi_menunjukkan_target_realisasi_arah_dan_batas(ev):
    rows = _baris(ev, 2, "id")
    assert rows[1] == (
        "1. capaian IKI 2: target 100, realisasi 130, arah naik (makin tinggi makin baik: "
        "realisasi / target x 100): 130 [bobot 0.5] → 120 (parameter batas_atas_capaian_iki "
        "= 120) — dasar: PermenPANRB 8/2021 Lampiran (nilai capaian IKI maksimal 120), "
        "dipakai sebagai analogi")
    assert rows[2] == (
        "2. capaian IKI 3: target 20, realisasi 25, arah turun (makin rendah makin baik: "
        "(2 - realisasi / target) x 100): 75 [bobot 0.5]")
    en = _baris(ev, 2, "en")
    assert en[1] == (
        "1. capaian of IKI 2: target 100, realisasi 130, direction up (higher is better: "
        "realisasi / target x 100): 130 [weight 0.5] → 120 (parameter batas_atas_capaian_iki "
        "= 120) — basis: PermenPANRB 8/2021 Lampiran (nilai capaian IKI maksimal 120), "
        "dipakai sebagai analogi")
    assert en[2] == (
        "2. capaian of IKI 3: target 20, realisasi 25, direction down (lower is better: "
        "(2 - realisasi / target) x 100): 75 [weight 0.5]")


def test_iki_di_bawah_lantai_menyebut_batas_bawah():
    b = PopulationBuilder()
    u = b.unit("dinas")
    b.pegawai(u, kepala=True, iki=[(10, 25, "turun")], perilaku=4)  # (2 - 2.5) x 100 = -50
    rows = _baris(evaluate(b.build(), RID), 1, "id")
    assert rows[1].startswith("1. capaian IKI 1: target 10, realisasi 25, arah turun")
    assert ": -50 [bobot 1] → 0 (parameter batas_bawah_capaian_iki = 0) — dasar: " in rows[1]


def test_sekda_tanpa_atasan_menunjukkan_peran_lain_dan_bobotnya(ev):
    rows = _baris(ev, 1, "id")
    assert rows[4] == (
        "4. sumber nilai perilaku (peran yang menilai): Bawahan, Diri sendiri "
        "[sumber_perilaku = atasan, tetapi tidak ada penilaian atasan] → peran lain, dengan "
        "bobot_360 (parameter tanpa_penilai_atasan = peran_lain) — dasar: Pilihan pemodelan "
        "simkit; PermenPANRB 6/2022 (pejabat penilai kinerja = atasan langsung); Bupati "
        "menilai Sekda menurut praktik kabupaten [U]")
    assert rows[5] == (
        "5. bobot peran yang dipakai (dinormalkan ke peran yang ada): {Bawahan: 0.1, Diri "
        "sendiri: 0.1} → {Bawahan: 0.5, Diri sendiri: 0.5} (parameter bobot_360 = {atasan: "
        "0.6, rekan: 0.2, bawahan: 0.1, diri: 0.1}) — dasar: Pilihan pemodelan simkit; "
        "PermenPANRB 6/2022 tidak mengatur bobot 360 [U]")
    assert rows[6].startswith("6. nilai BerAKHLAK (skala 1-5): {Berorientasi Pelayanan: 4.5,")
    en = _baris(ev, 1, "en")
    assert en[4] == (
        "4. source of the behaviour scores (roles that rated): Subordinate, Self "
        "[sumber_perilaku = atasan, but there is no superior rating] → other roles, with "
        "bobot_360 (parameter tanpa_penilai_atasan = peran_lain) — basis: Pilihan pemodelan "
        "simkit; PermenPANRB 6/2022 (pejabat penilai kinerja = atasan langsung); Bupati "
        "menilai Sekda menurut praktik kabupaten [U]")
    assert en[5] == (
        "5. role weights used (re-normalised over the roles present): {Subordinate: 0.1, "
        "Self: 0.1} → {Subordinate: 0.5, Self: 0.5} (parameter bobot_360 = {atasan: 0.6, "
        "rekan: 0.2, bawahan: 0.1, diri: 0.1}) — basis: Pilihan pemodelan simkit; "
        "PermenPANRB 6/2022 tidak mengatur bobot 360 [U]")


def test_pegawai_dengan_atasan_dan_360(ev):
    assert _baris(ev, 2, "id")[5] == (
        "5. sumber nilai perilaku (peran yang menilai): Atasan → atasan langsung (parameter "
        "sumber_perilaku = atasan) — dasar: PermenPANRB 6/2022 (atasan langsung sebagai "
        "pejabat penilai kinerja; masukan rekan kerja/pihak lain dibolehkan) [U]")
    b = PopulationBuilder()
    u = b.unit("dinas")
    b.pegawai(u, kepala=True, iki=[(100, 100)], perilaku={"atasan": 4, "rekan": [3, 5]})
    rows = _baris(evaluate(b.build(), RID, {"sumber_perilaku": "360"}), 1, "en")
    assert rows[4].startswith("4. source of the behaviour scores (roles that rated): Superior, "
                              "Peer → 360 (weight per role) (parameter sumber_perilaku = 360)")
    assert rows[5].startswith("5. role weights used (re-normalised over the roles present): "
                              "{Superior: 0.6, Peer: 0.2} → {Superior: 0.75, Peer: 0.25}")
