"""Kuis (issue 11): the question bank, the quiz logic and its ipywidgets view, no browser.

Engine-checked items carry ``periksa``: the right option's ``nilai`` (or, for a true/false
statement, its ``klaim``) is compared with simkit's rules, e.g. kuadran Di Atas × Di Bawah →
kurang; waiting time 27 of target 30, lower is better → (2 − 27/30) × 100 = 110 %; nine NRR
3.2 × 0.111 × 25 = 79.92; PP 46/2011 SKP weight 0.6.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from simkit.errors import SimkitError
from simkit.widgets.kuis import (
    BANK_BAWAAN,
    KOLOM_CSV,
    TOPIK,
    Kuis,
    KuisWidget,
    muat_bank,
    muat_semua,
    nilai_mesin,
    periksa_mesin,
)

SATU = """\
butir:
- id: uji_01
  jenis: pilihan_ganda
  episode: "02"
  tujuan: "02.1"
  topik: kuadran
  sumber: "PermenPANRB 6/2022 Lampiran"
  teks: {id: "Soal?", en: "Question?"}
  pilihan:
  - teks: {id: "Ya", en: "Yes"}
    benar: true
    umpan_balik: {id: "Betul.", en: "Right."}
  - teks: {id: "Tidak", en: "No"}
    benar: false
    miskonsepsi: {id: "Keyakinan X.", en: "Belief X."}
    umpan_balik: {id: "Sebab Y.", en: "Because Y."}
"""


def tulis(tmp_path: Path, teks: str, nama: str = "bank.yaml") -> Path:
    p = tmp_path / nama
    p.write_text(teks, encoding="utf-8")
    return p


# ------------------------------------------------------------------- the bank
@pytest.fixture(scope="module")
def semua():
    return muat_semua()


def test_the_bank_validates_and_covers_every_topic(semua):
    assert len(semua) >= 24
    assert {b.topik for b in semua} == set(TOPIK)
    assert len({b.id for b in semua}) == len(semua)
    for b in semua:
        assert sum(p.benar for p in b.pilihan) == 1
        assert b.sumber and any(w in b.sumber for w in ("PermenPANRB", "PP ", "SE MenPANRB"))
        assert all(p.umpan_balik["id"] and p.umpan_balik["en"] for p in b.pilihan)
        if b.jenis == "benar_salah":
            assert [p.teks["id"] for p in b.pilihan] == ["Benar", "Salah"]


def test_items_resting_on_secondary_sources_say_so(semua):
    kurva = [b for b in semua if b.topik == "kurva"]
    assert kurva and all(b.status == "S" for b in kurva)      # SE 3/2023 numbers: [S]
    kepala = {b.id: b.status for b in semua if b.topik == "kepala_unit"}
    assert kepala["kepala_unit_02"] == "U"                     # Istimewa → Di Atas: inference


def test_every_checked_item_agrees_with_the_engine(semua):
    diperiksa = [b for b in semua if b.periksa]
    assert len(diperiksa) >= 15
    assert [m for b in diperiksa if (m := periksa_mesin(b))] == []


def test_engine_values_are_the_hand_worked_numbers(semua):
    by = {b.id: b for b in semua}
    assert nilai_mesin(by["kuadran_02"]) == "kurang"
    assert nilai_mesin(by["iki_01"]) == pytest.approx(110.0)   # (2 − 27/30) × 100
    assert nilai_mesin(by["mitos_03"]) == pytest.approx(120.0)  # (2 − 24/30) × 100
    assert nilai_mesin(by["ikm_02"]) == pytest.approx(79.92)   # 9 × 3.2 × 0.111 × 25
    assert nilai_mesin(by["aturan_lama_01"]) == 0.6


def test_a_drifted_answer_is_caught(tmp_path):
    teks = (BANK_BAWAAN / "kuadran.yaml").read_text(encoding="utf-8")
    # kuadran_04 claims Sangat Baik for Sesuai × Di Atas; pretend the claim were Baik (true)
    teks = teks.replace("klaim: sangat_baik", "klaim: baik")
    b = next(x for x in muat_bank(tulis(tmp_path, teks)) if x.id == "kuadran_04")
    assert "kuadran_04" in periksa_mesin(b)


def test_a_broken_bank_gives_a_located_bilingual_message(tmp_path):
    rusak = SATU.replace("    benar: false\n", "    benar: true\n").replace(
        "topik: kuadran", "topik: kuadrn")
    p = tulis(tmp_path, rusak)
    with pytest.raises(SimkitError) as e:
        muat_bank(p)
    pesan = e.value.render("id").splitlines()
    assert any(f"{p}, baris 6, bidang 'butir.0.topik'" in m and "'kuadran'" in m for m in pesan)
    assert any("baris 9, bidang 'butir.0.pilihan'" in m and "tepat satu pilihan" in m
               for m in pesan)
    assert "exactly one option must be benar: true" in e.value.render("en")


def test_missing_translation_and_source_are_located(tmp_path):
    rusak = SATU.replace('{id: "Soal?", en: "Question?"}', '{id: "Soal?"}').replace(
        '  sumber: "PermenPANRB 6/2022 Lampiran"\n', "")
    with pytest.raises(SimkitError) as e:
        muat_bank(tulis(tmp_path, rusak))
    teks = e.value.render("id")
    assert "bidang 'butir.0.teks'" in teks and "(id) dan Inggris (en)" in teks
    assert "bidang 'butir.0.sumber'" in teks


def test_a_duplicate_id_names_both_files(tmp_path):
    a = tulis(tmp_path, SATU, "a.yaml")
    tulis(tmp_path, SATU, "b.yaml")
    with pytest.raises(SimkitError) as e:
        muat_semua(tmp_path)
    assert f"{tmp_path / 'b.yaml'}, baris 2, bidang 'id'" in str(e.value)
    assert str(a) in str(e.value)


def test_a_yaml_syntax_error_is_located(tmp_path):
    with pytest.raises(SimkitError) as e:
        muat_bank(tulis(tmp_path, "butir:\n- id: [x\n"))
    assert "bank.yaml" in str(e.value)


# ------------------------------------------------------------------- the quiz
def test_choice_by_topic_count_and_seed_is_reproducible():
    a = Kuis(topik=["kuadran", "iki"], jumlah=5, seed=3)
    b = Kuis(topik=["kuadran", "iki"], jumlah=5, seed=3)
    assert [x.id for x in a.butir] == [x.id for x in b.butir]
    assert len(a.butir) == 5 and {x.topik for x in a.butir} <= {"kuadran", "iki"}
    tanpa_seed = Kuis(topik=["kuadran"])
    assert [x.id for x in tanpa_seed.butir] == [f"kuadran_0{i}" for i in range(1, 7)]
    lain = [x.id for x in Kuis(seed=4).butir]
    assert lain != [x.id for x in Kuis(seed=3).butir]


def test_answer_feedback_and_score():
    k = Kuis(topik=["kuadran"], lang="id")
    salah = k.jawab("kuadran_02", 0)                           # Baik: wrong
    assert not salah.benar
    fb = k.umpan_balik("kuadran_02")
    assert fb.startswith("Belum tepat. Miskonsepsi: Hasil kerja tinggi menutupi perilaku buruk.")
    assert fb.endswith("Jawaban yang tepat: B. Kurang/Misconduct.")
    assert k.umpan_balik("kuadran_02", "en").startswith("Not quite. Misconception: High results")
    assert k.jawab("kuadran_01", 0).benar
    assert k.umpan_balik("kuadran_01").startswith("Tepat. Hanya sel kanan atas")
    assert k.skor() == (1, 2, 6)
    k.jawab("kuadran_02", 1)                                   # a second answer replaces
    assert k.skor() == (2, 2, 6)
    assert k.teks_skor("en") == "Score: 2 right of 2 answered (6 questions)"
    assert k.umpan_balik("kuadran_03") is None


def test_bad_inputs_are_errors():
    with pytest.raises(SimkitError, match="bukan nama orang"):
        Kuis(peserta="Andi Saputra")
    with pytest.raises(SimkitError, match="'kuadran'"):
        Kuis(topik=["kuadrn"])
    k = Kuis(topik=["kuadran"])
    with pytest.raises(SimkitError, match="pilihan"):
        k.jawab("kuadran_01", 7)
    with pytest.raises(SimkitError, match="kuadran_01"):
        k.jawab("kuadran_1", 0)


def test_csv_content_is_reproducible(tmp_path):
    k = Kuis(topik=["kuadran"], peserta="P07", sesi="mamuju-1")
    k.jawab("kuadran_01", 0)
    k.jawab("kuadran_02", 0)
    p = k.simpan_csv(tmp_path / "jawaban.csv")
    baris = p.read_text(encoding="utf-8").splitlines()
    assert baris[0] == ",".join(KOLOM_CSV)
    assert baris[1] == "mamuju-1,P07,1,kuadran_01,02,02.1,kuadran,pilihan_ganda,A,A,1"
    assert baris[2] == "mamuju-1,P07,2,kuadran_02,02,02.1,kuadran,pilihan_ganda,A,B,0"
    assert baris[3] == "mamuju-1,P07,3,kuadran_03,02,02.1,kuadran,pilihan_ganda,,B,"
    assert len(baris) == 7
    pertama = p.read_bytes()
    k.simpan_csv(p)
    assert p.read_bytes() == pertama                            # no hidden time stamp
    k.simpan_csv(p, waktu="2026-03-01T09:00")
    assert pd.read_csv(p)["waktu"].unique().tolist() == ["2026-03-01T09:00"]


def test_csv_collects_several_participants(tmp_path):
    p = tmp_path / "lokakarya.csv"
    a = Kuis(topik=["ikm"], peserta="P01")
    a.jawab(0, 0)
    a.simpan_csv(p, tambah=True)
    b = Kuis(topik=["ikm"], peserta="P02")
    b.jawab(0, 1)
    b.simpan_csv(p, tambah=True)
    a.jawab(1, 0)
    a.simpan_csv(p, tambah=True)                               # P01's rows replaced
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    assert df.groupby("peserta").size().to_dict() == {"P01": 7, "P02": 7}
    assert df.loc[df.peserta == "P01", "benar"].tolist()[:2] == ["1", "1"]
    assert df.loc[df.peserta == "P02", "benar"].tolist()[0] == "0"


# ------------------------------------------------------------------- the view
def test_widget_driven_by_setting_values(tmp_path):
    w = KuisWidget(Kuis(topik=["iki"], lang="id"), path_csv=tmp_path / "j.csv")
    assert "waktu tunggu pasien" in w.soal.value
    assert w.status.value.startswith("Soal 1 dari 7")
    assert w.sebelum.disabled and not w.berikut.disabled
    w.periksa.click()
    assert w.umpan.value == "Pilih satu jawaban dulu."
    w.pilihan.value = 0                                       # 90 %: the misconception
    w.periksa.click()
    assert w.umpan.value.startswith("Belum tepat. Miskonsepsi: Semua IKI dihitung")
    assert w.kemajuan.value == 1 and "0 benar dari 1 dijawab" in w.status.value
    w.berikut.click()
    assert w.soal.value.startswith("<b>Target 40 kunjungan")
    w.pilihan.value = 0
    w.periksa.click()
    assert w.umpan.value.startswith("Tepat.")
    w.bahasa.value = "en"
    assert "Question 2 of 7" in w.status.value and "1 right of 2 answered" in w.status.value
    assert w.umpan.value.startswith("Right.")
    assert w.pilihan.options[0][0] == "A. 90 %"
    w.sebelum.click()
    assert w.pilihan.value == 0 and w.umpan.value.startswith("Not quite.")
    w.simpan.click()
    assert w.pesan.value.startswith("Answers saved to")
    assert pd.read_csv(tmp_path / "j.csv")["benar"].tolist()[:2] == [0, 1]


def test_a_true_false_item_needs_benar_then_salah(tmp_path):
    rusak = SATU.replace("pilihan_ganda", "benar_salah")
    with pytest.raises(SimkitError) as e:
        muat_bank(tulis(tmp_path, rusak))
    assert "baris 9, bidang 'butir.0.pilihan'" in str(e.value)
    assert "Benar/True lalu Salah/False" in e.value.render("id")
    assert "ditemukan: Ya / Tidak" in e.value.render("id")
