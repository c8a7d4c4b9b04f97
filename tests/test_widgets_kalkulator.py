"""Kalkulator Kinerja Saya (issue 11): the plain class and its ipywidgets view, no browser.

Numbers worked by hand from the regulations with the default parameters:

* PermenPANRB 6/2022: capaian = R/T × 100 (turun: (2 − R/T) × 100); rating hasil ≥ 110 Di Atas,
  ≥ 90 Sesuai; BerAKHLAK mean ≥ 4.25 Di Atas, ≥ 3 Sesuai; kuadran Sesuai × Sesuai = Baik,
  Di Atas × Di Atas = Sangat Baik, Di Bawah × Sesuai = Butuh Perbaikan.
* PP 30/2019: nilai IKI 100 % → 109, 80-99 % → 70-89 linear; nilai kinerja = 0.7 SKP +
  0.3 perilaku; Baik 90 ≤ x < 110, Cukup 70 ≤ x < 90.
* PP 46/2011 (Perka BKN 1/2013): kuantitas 100 + kualitas 100 + waktu (RW = TW = 12 → 76),
  / 3 = 92; 0.6 × 92 + 0.4 × 80 = 87.2 → Baik (75 < x ≤ 90).
* TPP (simkit/analysis/params/tpp.yaml): kelas 7 basic Rp 1,900,000 × (0.6 × pengali + 0.4).
"""

from __future__ import annotations

import pytest

import simkit
from simkit.errors import SimkitError
from simkit.widgets.kalkulator import (
    Indikator,
    Kalkulator,
    MasukanKalkulator,
    TampilanKalkulator,
    jawaban_ikm,
)

PERMEN = "permenpanrb_6_2022"


def masukan(realisasi=100.0, target=100.0, arah="naik", perilaku=4, **kw) -> MasukanKalkulator:
    return MasukanKalkulator(iki=[Indikator("Laporan bulanan", target, realisasi, arah)],
                             perilaku_atasan=perilaku, **kw)


@pytest.fixture(scope="module")
def kalk() -> Kalkulator:
    return Kalkulator(lang="id")


def test_capaian_100_and_berakhlak_4_is_baik_under_permenpanrb(kalk):
    h = kalk.hitung(masukan())
    r = h.aturan(PERMEN).evaluasi.hasil.iloc[0]
    assert r["capaian_hasil_kerja"] == 100.0
    assert r["rating_hasil_kerja"] == "sesuai_ekspektasi"
    assert r["perilaku_rerata"] == 4.0
    assert r["rating_perilaku_kerja"] == "sesuai_ekspektasi"   # 4 < 4.25
    assert h.aturan(PERMEN).predikat == "baik"
    assert h.aturan(PERMEN).label_predikat == "Baik"


def test_the_evaluation_is_explained_by_simkit_explain(kalk):
    h = kalk.hitung(masukan())
    ev = h.aturan(PERMEN).evaluasi
    p = simkit.explain(ev, 1, "id", population=h.populasi)
    assert p.untuk_asn().startswith("Predikat Anda: Baik")
    assert "Laporan bulanan" in p.untuk_asn()
    assert "PermenPANRB 6/2022 Lampiran" in h.aturan(PERMEN).jejak
    assert "PermenPANRB 6/2022 Lampiran (kuadran kinerja pegawai)" in h.aturan(PERMEN).referensi()


def test_kuadran_cells(kalk):
    assert kalk.hitung(masukan(110, perilaku=5)).aturan(PERMEN).predikat == "sangat_baik"
    assert kalk.hitung(masukan(85)).aturan(PERMEN).predikat == "butuh_perbaikan"
    assert kalk.hitung(masukan(100, perilaku=2)).aturan(PERMEN).predikat == "kurang"


def test_head_of_unit_takes_the_organisation_result(kalk):
    # SE MenPANRB 3/2023: capaian organisasi Istimewa -> rating hasil kerja Di Atas Ekspektasi
    m = masukan(85, kepala_unit=True, capaian_organisasi="istimewa", jenis_jabatan="administrator")
    r = kalk.hitung(m).aturan(PERMEN)
    assert r.evaluasi.hasil.iloc[0]["rating_hasil_kerja"] == "di_atas_ekspektasi"
    assert r.predikat == "baik"                     # Di Atas × Sesuai (BerAKHLAK 4)
    a = kalk.andai(m, 0)                            # the IKI does not decide a head's result
    assert (a.realisasi_perlu, a.tujuan) == (None, None)


def test_tpp_multiplier(kalk):
    baik = kalk.hitung(masukan()).aturan(PERMEN)
    assert (baik.pengali_tpp, baik.tpp_bulanan, baik.tpp_tahunan) == (1.0, 1_900_000, 22_800_000)
    bp = kalk.hitung(masukan(85)).aturan(PERMEN)   # 1.9 M × (0.6 × 0.75 + 0.4)
    assert (bp.pengali_tpp, bp.tpp_bulanan) == (0.75, 1_615_000)
    k9 = kalk.hitung(masukan(85, kelas_jabatan=9)).aturan(PERMEN)
    assert k9.tpp_bulanan == 2_210_000             # the tpp.py docstring's kelas 9 example


def test_what_if_di_atas_ekspektasi_needs_110_percent(kalk):
    a = kalk.andai(masukan(), 0)
    # Sangat Baik needs behaviour Di Atas too: not reachable through the IKI; results can rise
    assert (a.tujuan, a.realisasi_perlu, a.rating_tujuan) == (
        "rating_hasil_kerja", 110.0, "di_atas_ekspektasi")
    assert kalk.andai(masukan(40, 40), 0).realisasi_perlu == 44.0
    a = kalk.andai(masukan(30, 30, "turun"), 0)    # (2 − R/30) × 100 ≥ 110 ⇔ R ≤ 27
    assert a.realisasi_perlu == 27.0
    a = kalk.andai(masukan(perilaku=5), 0)
    assert (a.tujuan, a.predikat_tujuan, a.realisasi_perlu) == ("predikat", "sangat_baik", 110.0)
    a = kalk.andai(masukan(85), 0)                 # Butuh Perbaikan → Baik at 90 %
    assert (a.tujuan, a.predikat_tujuan, a.realisasi_perlu) == ("predikat", "baik", 90.0)
    assert "90,00" in a.teks("id") and "Baik" in a.teks("id")


def test_what_if_with_two_indicators_weights_and_the_cap(kalk):
    # each capaian IKI is capped at 120 %: (100 + c_B) / 2 ≥ 110 ⇔ c_B ≥ 120 ⇔ R_B ≥ 12
    m = MasukanKalkulator(iki=[Indikator("A", 100, 100), Indikator("B", 10, 10)],
                          perilaku_atasan=5)
    assert kalk.andai(m, 1).realisasi_perlu == 12.0
    # weights 3:1: 0.75 × 100 + 0.25 × 120 = 105 < 110, B alone cannot lift the result
    m = MasukanKalkulator(iki=[Indikator("A", 100, 100, bobot=3), Indikator("B", 10, 10, bobot=1)],
                          perilaku_atasan=5)
    a = kalk.andai(m, 1)
    assert (a.realisasi_perlu, a.tujuan) == (None, None)
    assert "tidak menaikkan" in a.teks("id")
    # 0.75 c_A + 25 ≥ 110 ⇔ c_A ≥ 113.33…: the least two-decimal realisasi is 113.34
    assert kalk.andai(m, 0).realisasi_perlu == 113.34


def test_pp30_bands_and_the_assumed_aspects(kalk):
    h = kalk.hitung(masukan())
    r = h.aturan("pp30_2019")
    row = r.evaluasi.hasil.iloc[0]
    assert (row["nilai_skp"], row["nilai_perilaku"]) == (109.0, 80.0)   # 4 × 20 (ASUMSI)
    assert round(r.nilai, 2) == 100.3 and r.predikat == "baik"
    assert r.asumsi_aspek and not h.aturan(PERMEN).asumsi_aspek
    assert "ASUMSI" in kalk.ringkasan_teks(h)
    cukup = kalk.hitung(masukan(90, aspek_perilaku=80)).aturan("pp30_2019")
    assert round(cukup.nilai, 2) == 80.0 and cukup.predikat == "cukup" and not cukup.asumsi_aspek
    # Baik needs 0.7 S + 24 ≥ 90: S = 89 at 99 % is short, 109 at 100 % (99.5 rounds half up)
    a = kalk.andai(masukan(90, aspek_perilaku=80), 0, "pp30_2019")
    assert (a.predikat_tujuan, a.realisasi_perlu) == ("baik", 99.5)


def test_pp46(kalk):
    r = kalk.hitung(masukan(aspek_perilaku=80)).aturan("pp46_2011")
    row = r.evaluasi.hasil.iloc[0]
    assert round(row["nilai_skp"], 2) == 92.0 and round(r.nilai, 2) == 87.2
    assert r.predikat == "baik"


def test_ikm_reaches_the_reform_exactly(kalk):
    h = kalk.hitung(masukan(ikm=88.31, melayani_publik=True))
    row = h.aturan("mamuju_ikm").evaluasi.hasil.iloc[0]
    assert row["ikm_unit"] == 88.31 and row["mutu_ikm"] == "A"
    assert row["capaian_ikm"] == 110.0
    assert row["capaian_hasil_kerja"] == 102.0     # 0.8 × 100 + 0.2 × 110
    # IKM 99.9 scales to 129.8, capped at 120: 0.8 c + 24 ≥ 110 ⇔ c ≥ 107.5
    a = kalk.andai(masukan(ikm=99.9, melayani_publik=True), 0, "mamuju_ikm")
    assert a.realisasi_perlu == 107.5
    # back office: the IKM is not used
    assert kalk.hitung(masukan(ikm=99.9)).aturan("mamuju_ikm").evaluasi.hasil.iloc[0][
        "capaian_hasil_kerja"] == 100.0
    assert jawaban_ikm(88.31)[0] == [round(88.31 / 24.975, 9)] * 9


def test_bad_inputs_are_located_errors(kalk):
    with pytest.raises(SimkitError) as e:
        kalk.hitung(masukan(ikm=101))
    assert "ikm" in str(e.value)
    with pytest.raises(SimkitError):
        kalk.hitung(MasukanKalkulator(iki=[]))
    with pytest.raises(SimkitError):
        Kalkulator(aturan=("permenpanrb_14_2017",))


def test_360_uses_peers_when_the_rule_says_so():
    k = Kalkulator(aturan=(PERMEN,), parameter={PERMEN: {"sumber_perilaku": "360"}})
    m = masukan(perilaku=4, perilaku_rekan=[5, 5])
    r = k.hitung(m).aturan(PERMEN).evaluasi.hasil.iloc[0]
    assert r["perilaku_rerata"] > 4.0
    assert Kalkulator(aturan=(PERMEN,)).hitung(m).aturan(PERMEN).evaluasi.hasil.iloc[0][
        "perilaku_rerata"] == 4.0


def test_summary_text_and_printable_html(kalk):
    m = masukan()
    h = kalk.hitung(m)
    html = kalk.ringkasan_html(h, kalk.andai(m, 0))
    assert html.startswith("<!DOCTYPE html>") and "@page" in html and "http" not in html
    assert "Ringkasan Kinerja Saya" in html and "Rp 1.900.000" in html and "110,00" in html
    en = Kalkulator(lang="en").hitung(m)
    teks = kalk.ringkasan_teks(en)
    assert "My Performance Summary" in teks and "Good" in teks and "Rp 1,900,000" in teks


def test_figure_data(kalk):
    a = kalk.andai(masukan(), 0)
    fig = kalk.grafik(a, "id")
    y = fig.axes[0].lines[0].get_ydata()
    x = fig.axes[0].lines[0].get_xdata()
    assert y.min() >= 1 and y.max() <= 5
    assert set(y[x < 90]) == {3} and set(y[(x >= 90) & (x < 110)]) == {4}   # Butuh Perbaikan, Baik
    assert fig.axes[0].lines[2].get_xdata()[0] == 110.0                      # the needed realisasi


# --------------------------------------------------------------------------- the view


def test_view_shows_predikat_and_updates_on_a_slider():
    ui = TampilanKalkulator(masukan(), lang="id")
    assert "Baik" in ui.tabel.value and "Rp 1.900.000" in ui.tabel.value
    assert ui.baris_iki[0]["penanda"].value == "→ 110,00 untuk naik"
    ui.baris_iki[0]["realisasi"].value = 85.0
    assert ui.hasil.aturan(PERMEN).predikat == "butuh_perbaikan"
    assert "Butuh Perbaikan" in ui.tabel.value and "Rp 1.615.000" in ui.tabel.value
    assert ui.baris_iki[0]["penanda"].value == "→ 90,00 untuk naik"
    for w in ui.atasan:
        w.value = 5
    ui.baris_iki[0]["realisasi"].value = 110.0
    assert ui.hasil.aturan(PERMEN).predikat == "sangat_baik"
    assert "tidak naik" in ui.baris_iki[0]["penanda"].value
    assert set(ui.fig.axes[0].lines[0].get_ydata()) >= {3, 4, 5}
    assert ui.gambar.value[:4] == b"\x89PNG"
    assert len(ui.penjelasan.children) == 4
    assert "Ringkasan Kinerja Saya" in ui.ringkasan.value


def test_the_summary_in_the_page_styles_only_itself(kalk):
    """The widget shows the summary inside the notebook page: no ``<html>``/``body`` and every
    style selector inside the summary's box (a leaked ``body { max-width: 180mm }`` once
    narrowed the whole Voila page); the printable page wraps the same fragment."""
    import re

    m = masukan()
    h, a = kalk.hitung(m), kalk.andai(m, 0)
    isi = TampilanKalkulator(m, lang="id").ringkasan.value
    assert isi == kalk.ringkasan_isi(h, a) and isi.startswith('<div class="simkit-ringkasan">')
    assert "<body" not in isi and "<html" not in isi and "@page" not in isi
    gaya = re.search(r"<style>(.*?)</style>", isi, re.S).group(1)
    pemilih = [p.strip() for blok in re.findall(r"([^{}]+)\{", gaya) for p in blok.split(",")]
    assert len(pemilih) == 7 and all(p.startswith(".simkit-ringkasan ") for p in pemilih)
    assert isi in kalk.ringkasan_html(h, a)


def test_view_language_switch_keeps_the_values():
    ui = TampilanKalkulator(masukan(), lang="id")
    ui.baris_iki[0]["realisasi"].value = 85.0
    ui.bahasa.value = "en"
    assert ui.baris_iki[0]["realisasi"].value == 85.0
    assert "Needs improvement" in ui.tabel.value
    assert ui.baris_iki[0]["realisasi"].description == "Realisation"


def test_view_add_iki_choose_rules_and_ikm():
    ui = TampilanKalkulator(masukan(), lang="id")
    ui.tambah.click()
    assert len(ui.baris_iki) == 2
    ui.andai_pilih.value = 1
    assert ui.hasil_andai.indeks == 1 and ui.baris_iki[1]["penanda"].value
    assert ui.baris_iki[0]["penanda"].value == ""
    ui.aturan.value = ("pp30_2019",)
    ui.aturan_utama.value = "pp30_2019"
    assert [r.aturan for r in ui.hasil.hasil] == ["pp30_2019"]
    ui.aturan.value = (PERMEN, "mamuju_ikm")
    ui.aturan_utama.value = "mamuju_ikm"
    ui.garda.value = True
    ui.ikm.value = 88.31
    ui.ikm_pakai.value = True
    row = ui.hasil.aturan("mamuju_ikm").evaluasi.hasil.iloc[0]
    assert row["ikm_unit"] == 88.31
    ui.hapus.click()
    assert len(ui.baris_iki) == 1
