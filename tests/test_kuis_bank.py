"""The training kit's quiz bank (issue 12 §3): episodes, objectives, misconceptions, engine keys.

Hand-worked keys of the new engine checks (simkit's default, ASSUMPTION TPP parameters: basic TPP
kelas 9 = 2 600 000, kelas 7 = 1 900 000, kelas 12 = 4 700 000; porsi kinerja 0.6; Baik 100 %,
Butuh Perbaikan 75 %):

- Baik → Butuh Perbaikan, kelas 9: 2 600 000 × 0.6 × (0.75 − 1) = −390 000 a month;
- Baik, kelas 12 against kelas 7: 4 700 000 − 1 900 000 = 2 800 000;
- SE 3/2023 pattern of an organisation Butuh Perbaikan on 8 people: Sangat Baik ≤ floor(0.8) = 0,
  Butuh Perbaikan ≥ ceil(4.8) = 5; organisation Baik on 5 people: at least 1 Butuh Perbaikan or
  Kurang/Misconduct;
- IKM: NRR summing to 28.4 → 28.4 × 0.111 × 25 = 78.81, mutu B; three respondents all 4 and two
  all 2 → NRR 3.2 → 79.92;
- PP 46/2011: SKP 92 (kuantitas 100, kualitas 100, waktu 76), perilaku 80 → 0.6 × 92 + 0.4 × 80
  = 87.2 → Baik;
- lower-is-better 12 days against 15: (2 − 12/15) × 100 = 120 %.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from test_widgets_kuis import SATU, tulis  # the widget tests' one-item bank and file writer

from simkit.errors import SimkitError
from simkit.widgets.kuis import (
    BANK_BAWAAN,
    KOLOM_CSV,
    TUJUAN_BAWAAN,
    Kuis,
    KuisWidget,
    muat_bank,
    muat_semua,
    muat_tujuan,
    nilai_mesin,
    periksa_mesin,
)


@pytest.fixture(scope="module")
def semua():
    return muat_semua()


@pytest.fixture(scope="module")
def tujuan():
    return muat_tujuan()


# ------------------------------------------------------------------- the shipped bank
def test_the_objectives_are_the_27_of_the_spec(tujuan):
    harap = [f"0{e}.{k}" for e in range(1, 10) for k in (1, 2, 3)]
    assert list(tujuan) == harap
    for t in tujuan.values():
        assert t.id.startswith(t.episode + ".")
        assert t.teks["id"] and t.teks["en"]


def test_the_shipped_bank_loads_and_is_big_enough(semua):
    assert len(semua) >= 45
    assert len({b.id for b in semua}) == len(semua)
    assert len(list(BANK_BAWAAN.glob("*.yaml"))) >= 10


def test_every_objective_has_an_item_and_the_central_ones_several(semua, tujuan):
    n = Counter(b.tujuan for b in semua)
    assert set(n) == set(tujuan)
    assert all(n[t] >= 1 for t in tujuan)
    for pusat in ("02.1", "03.2", "04.1", "01.3"):
        assert n[pusat] >= 3, pusat
    for b in semua:
        assert tujuan[b.tujuan].episode == b.episode


def test_every_wrong_option_names_a_misconception(semua):
    for b in semua:
        for p in b.pilihan:
            if p.benar:
                assert p.miskonsepsi is None, b.id
            else:
                assert p.miskonsepsi and p.miskonsepsi["id"] and p.miskonsepsi["en"], b.id
                assert not p.umpan_balik["id"].startswith("Miskonsepsi"), b.id


def test_every_engine_key_agrees_with_the_engine(semua):
    diperiksa = [b for b in semua if b.periksa]
    assert len(diperiksa) >= 30
    assert [m for b in diperiksa if (m := periksa_mesin(b))] == []
    jenis = {b.periksa["aturan"] for b in diperiksa}
    assert {"tpp", "kurva", "putusan", "pp46_2011", "permenpanrb_14_2017",
            "permenpanrb_6_2022", "kalibrasi"} <= jenis


def test_new_engine_values_are_the_hand_worked_numbers(semua):
    by = {b.id: b for b in semua}
    assert nilai_mesin(by["tpp_01"]) == pytest.approx(-390_000)       # 2.6M × 0.6 × (0.75 − 1)
    assert nilai_mesin(by["tpp_02"]) == pytest.approx(0)              # Sangat Baik = Baik
    assert nilai_mesin(by["tpp_04"]) == pytest.approx(2_800_000)      # 4.7M − 1.9M
    assert nilai_mesin(by["kurva_04"]) == 0                           # floor(10 % × 8)
    assert nilai_mesin(by["kurva_05"]) == 1                           # "harus ada"
    assert nilai_mesin(by["ikm_05"]) == "B"                           # 78.81
    assert nilai_mesin(by["ikm_06"]) == pytest.approx(79.92)          # NRR 3.2
    assert nilai_mesin(by["aturan_lama_05"]) == "baik"                # 87.2
    assert nilai_mesin(by["iki_07"]) == pytest.approx(120.0)          # 2 − 12/15
    assert nilai_mesin(by["aturan_baru_05"]) == 0.95


def test_a_drifted_tpp_key_is_caught(tmp_path):
    teks = (BANK_BAWAAN / "tpp.yaml").read_text(encoding="utf-8")
    teks = teks.replace("nilai: -390000", "nilai: -390001")
    b = next(x for x in muat_bank(tulis(tmp_path, teks)) if x.id == "tpp_01")
    assert "tpp_01" in periksa_mesin(b)


def test_rounding_and_a_parameter_only_engine(tmp_path):
    teks = SATU.replace('  teks: {id: "Soal?"', '''  periksa: {aturan: permenpanrb_14_2017, keluaran: ikm_konversi, desimal: 1,
            masukan: {nrr: {u1: 3.4, u2: 3.4, u3: 3.4, u4: 3.4, u5: 3.4, u6: 3.4, u7: 3.4, u8: 3.4, u9: 3.4}}}
  teks: {id: "Soal?"''')
    b = muat_bank(tulis(tmp_path, teks))[0]
    assert nilai_mesin(b) == 84.9                                      # 84.915 → 84.9
    teks = SATU.replace('  teks: {id: "Soal?"', '''  periksa: {aturan: putusan, keluaran: x, masukan: {}}
  teks: {id: "Soal?"''')
    with pytest.raises(ValueError, match="only parameters"):
        nilai_mesin(muat_bank(tulis(tmp_path, teks))[0])


# ------------------------------------------------------------------- selection
def test_selection_by_episode_and_objective():
    k = Kuis(episode="08")
    assert k.butir and {b.episode for b in k.butir} == {"08"}
    assert len(k.butir) == len([b for b in muat_semua() if b.episode == "08"])
    k = Kuis(tujuan=["03.2", "04.1"])
    assert {b.tujuan for b in k.butir} == {"03.2", "04.1"}
    k = Kuis(episode=["06"], topik=["kurva"], tujuan="06.2")
    assert [b.id for b in k.butir] == ["kurva_04", "kurva_05"]
    a = Kuis(episode="02", jumlah=4, seed=5)
    assert [b.id for b in a.butir] == [b.id for b in Kuis(episode="02", jumlah=4, seed=5).butir]


def test_unknown_selection_is_a_located_error_with_a_suggestion():
    with pytest.raises(SimkitError) as e:
        Kuis(tujuan=["03.4"])
    assert "bidang 'tujuan'" in e.value.render("id") and "'03.4'" in e.value.render("id")
    with pytest.raises(SimkitError) as e:
        Kuis(episode="10")
    assert "field 'episode'" in e.value.render("en")
    with pytest.raises(SimkitError, match="kurva"):
        Kuis(topik="kurva", episode="08")                             # nothing matches both


# ------------------------------------------------------------------- CSV and widget
def test_csv_has_episode_and_objective_and_benar_as_1_0(tmp_path):
    k = Kuis(tujuan="08.2", peserta="P03", sesi="S2")
    b = k.butir[0]
    k.jawab(b.id, b.indeks_benar)
    df = k.tabel_jawaban()
    assert list(df.columns) == list(KOLOM_CSV)
    assert {"episode", "tujuan", "benar"} <= set(KOLOM_CSV)
    p = k.simpan_csv(tmp_path / "j.csv")
    baca = pd.read_csv(p, dtype=str, keep_default_na=False)
    assert baca.loc[0, ["butir_id", "episode", "tujuan", "benar"]].tolist() == [
        b.id, "08", "08.2", "1"]
    assert baca["benar"].tolist()[1:] == [""] * (len(baca) - 1)       # unanswered: empty
    k.jawab(b.id, next(i for i, x in enumerate(b.pilihan) if not x.benar))
    k.simpan_csv(p)
    assert pd.read_csv(p)["benar"].iloc[0] == 0


def test_appending_to_an_older_true_false_csv_converts_it(tmp_path):
    p = tmp_path / "lama.csv"
    p.write_text("sesi,peserta,urutan,butir_id,topik,jenis,pilihan,pilihan_benar,benar\n"
                 "S1,P09,1,kuadran_01,kuadran,pilihan_ganda,A,A,true\n"
                 "S1,P09,2,kuadran_02,kuadran,pilihan_ganda,A,B,false\n", encoding="utf-8")
    k = Kuis(tujuan="09.3", peserta="P01", sesi="S1")
    k.jawab(0, 0)
    k.simpan_csv(p, tambah=True)
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    assert df.loc[df.peserta == "P09", "benar"].tolist() == ["1", "0"]
    assert df.loc[df.peserta == "P01", ["tujuan", "benar"]].values.tolist()[0] == ["09.3", "1"]


def test_the_widget_shows_the_misconception_of_a_wrong_answer(tmp_path):
    w = KuisWidget(Kuis(tujuan="08.2", lang="id"), path_csv=tmp_path / "j.csv")
    assert "Rp2.600.000" in w.soal.value
    w.pilihan.value = 1                                               # the whole TPP cut
    w.periksa.click()
    assert w.umpan.value.startswith(
        "Belum tepat. Miskonsepsi: Potongan predikat berlaku atas seluruh TPP. 25 % dari")
    assert w.umpan.value.endswith("Jawaban yang tepat: A. Turun Rp390.000.")
    w.bahasa.value = "en"
    assert w.umpan.value.startswith(
        "Not quite. Misconception: The predikat cut applies to the whole TPP.")
    w.pilihan.value = 0
    w.periksa.click()
    assert w.umpan.value.startswith("Right.") and "Misconception" not in w.umpan.value
    j = w.kuis.jawaban["tpp_01"]
    assert j.miskonsepsi() is None


# ------------------------------------------------------------------- broken items
def _galat(tmp_path: Path, teks: str) -> SimkitError:
    with pytest.raises(SimkitError) as e:
        muat_bank(tulis(tmp_path, teks))
    return e.value


def test_a_missing_episode_is_located(tmp_path):
    p = tmp_path / "bank.yaml"
    e = _galat(tmp_path, SATU.replace('  episode: "02"\n', ""))
    assert f"{p}, baris 2, bidang 'butir.0.episode'" in e.render("id")
    assert "episode soal harus salah satu episode" in e.render("id")
    assert "the item's episode must be one of the episodes" in e.render("en")


def test_an_unknown_objective_is_located_with_a_suggestion(tmp_path):
    e = _galat(tmp_path, SATU.replace('tujuan: "02.1"', 'tujuan: "02.4"'))
    pesan = e.render("id")
    assert "baris 5, bidang 'butir.0.tujuan'" in pesan and "'02.4'" in pesan
    assert "tujuan pembelajaran yang ada di training/tujuan.yaml" in pesan
    assert "line 5, field 'butir.0.tujuan'" in e.render("en")
    assert "learning objective in training/tujuan.yaml" in e.render("en")


def test_an_objective_of_another_episode_is_located(tmp_path):
    e = _galat(tmp_path, SATU.replace('tujuan: "02.1"', 'tujuan: "05.2"'))
    assert "baris 5, bidang 'butir.0.tujuan'" in e.render("id")
    assert "tujuan 05.2 milik episode 05, bukan episode soal ini (02)" in e.render("id")
    assert "objective 05.2 belongs to episode 05, not to this item's episode (02)" in e.render("en")


def test_a_wrong_option_without_misconception_is_located(tmp_path):
    e = _galat(tmp_path, SATU.replace('    miskonsepsi: {id: "Keyakinan X.", en: "Belief X."}\n',
                                      ""))
    assert "baris 13, bidang 'butir.0.pilihan.1.miskonsepsi'" in e.render("id")
    assert "setiap pilihan yang salah harus menyebut miskonsepsi" in e.render("id")
    assert "every wrong option must name the misconception it reveals" in e.render("en")


def test_half_a_misconception_or_one_on_the_right_option_is_located(tmp_path):
    e = _galat(tmp_path, SATU.replace('{id: "Keyakinan X.", en: "Belief X."}',
                                      '{id: "Keyakinan X."}'))
    assert "bidang 'butir.0.pilihan.1.miskonsepsi'" in e.render("id")
    assert "(id) dan Inggris (en)" in e.render("id")
    e = _galat(tmp_path, SATU.replace(
        '    umpan_balik: {id: "Betul.", en: "Right."}\n',
        '    umpan_balik: {id: "Betul.", en: "Right."}\n    miskonsepsi: {id: "a", en: "b"}\n'))
    assert "bidang 'butir.0.pilihan.0.miskonsepsi'" in e.render("id")
    assert "the right option reveals no misconception" in e.render("en")


def test_a_broken_periksa_comparison_is_located(tmp_path):
    e = _galat(tmp_path, SATU.replace('  teks: {id: "Soal?"', '''  periksa: {aturan: tpp, parameter: porsi_kinerja, dibanding: {predikat: baik}, desimal: x}
  teks: {id: "Soal?"'''))
    assert "bidang 'butir.0.periksa.dibanding'" in e.render("id")
    assert "'dibanding' needs 'masukan' + 'keluaran'" in e.render("en")
    assert "bidang 'butir.0.periksa.desimal'" in e.render("id")


def test_a_broken_objectives_file_is_located(tmp_path):
    teks = TUJUAN_BAWAAN.read_text(encoding="utf-8")
    rusak = teks.replace('- id: "01.2"\n  episode: "01"', '- id: "01.2"\n  episode: "02"', 1)
    rusak = rusak.replace('- id: "01.3"', '- id: "01.1"', 1)
    p = tulis(tmp_path, rusak, "tujuan.yaml")
    with pytest.raises(SimkitError) as e:
        muat_tujuan(p)
    pesan = e.value.render("id")
    assert f"{p}, baris 11, bidang 'tujuan.1.episode'" in pesan
    assert "bidang 'tujuan.2.id'" in pesan and "id soal '01.1' sudah dipakai" in pesan
    tulis(tmp_path, SATU, "bank.yaml")
    ok = tulis(tmp_path, teks.replace('- id: "02.1"', '- id: "02.9"'), "lain.yaml")
    with pytest.raises(SimkitError, match="02.1"):
        muat_bank(tmp_path / "bank.yaml", ok)                         # checked against that file
