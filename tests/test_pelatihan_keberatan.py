"""The objection bank (issue 12 §2): training/faq-keberatan.yaml, its loader and checker, the
facilitator guide's copy of it, and every number the bank or the guide quotes from a simulation.

Numbers are recomputed with the widgets' logic classes exactly as the notebooks build them
(``KurvaDistribusi(n_pegawai=20_000)``, ``Kalkulator()`` on the waiting-time IKI 30 → 24
minutes, ``SurveiIKM`` and ``PenjelajahBias`` on the scenarios' populations), formatted the
way the texts write them (Indonesian: ``38,3``, ``1.900.000``). ``LANGKAH`` lists, per
objection, the numbers its ``tunjukkan.langkah`` may contain: inputs the facilitator types
and labels of computed values; the test fails when a step quotes a number not listed (or a
listed one is no longer quoted), so no number goes stale silently.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import simkit
from simkit.errors import SimkitError
from simkit.pelatihan.keberatan import (
    AKAR,
    BANK_KEBERATAN,
    WIDGET,
    markdown_keberatan,
    muat_keberatan,
    periksa_keberatan,
    sisipkan_ke_panduan,
)

PANDUAN = {"id": AKAR / "training" / "panduan-fasilitator.md",
           "en": AKAR / "training" / "en" / "facilitator-guide.md"}
WAJIB = ("kuota_predikat", "tpp_turun", "atasan_bias", "survei_back_office",
         "target_terlalu_tinggi", "puskesmas_terpencil")
"""The six objections the issue names."""


# ------------------------------------------------------------------------- the numbers
def _p(x: float, d: int = 1) -> str:
    return f"{100 * x:.{d}f}".replace(".", ",")


def _a(x: float, d: int = 2) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def _rp(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


@pytest.fixture(scope="module")
def nilai(mamuju) -> dict[str, str]:
    """label -> the number as the Indonesian texts write it."""
    from simkit.analysis.metrics.tpp import muat_parameter_tpp
    from simkit.widgets.bias import PenjelajahBias
    from simkit.widgets.kalkulator import Indikator, Kalkulator, MasukanKalkulator
    from simkit.widgets.kurva import KurvaDistribusi
    from simkit.widgets.survei import SurveiIKM

    n: dict[str, str] = {}
    # Kurva Distribusi, as notebook 07 builds it
    k = KurvaDistribusi(n_pegawai=20_000)
    salah = k.kurva_salah().set_index("ukuran")
    for u in (5, 40, 100):
        n[f"kurva_salah_{u}"] = _p(salah.loc[u, "salah"])
    n["kurva_sb_5"] = _p(salah.loc[5, "sangat_baik"], 0)
    k.setel(noise_sd=1.0)  # "raise the rater noise to 1: every size gets worse"
    assert (k.kurva_salah().set_index("ukuran")["salah"] > salah["salah"]).all()
    k.setel(noise_sd=0.0)
    for cap in ("baik", "butuh_perbaikan"):
        k.setel(capaian=cap, ukuran=10)
        for i, v in enumerate(k.tabel_batas()["batas_orang"]):
            n[f"batas_{cap}_10_{i}"] = str(int(v))
    # Kalkulator, as notebook 02 fills it
    kal = Kalkulator()
    iki = Indikator("Rata-rata waktu tunggu pasien (menit)", 30, 24, "turun", satuan="menit")
    m = MasukanKalkulator(iki=[iki], perilaku_atasan=4, melayani_publik=True, rumpun="kesehatan")

    def hasil(mm: MasukanKalkulator, aturan: str = "permenpanrb_6_2022") -> tuple:
        r = kal.hitung(mm, "id").aturan(aturan)
        return r.predikat, r.tpp_bulanan, r.nilai

    n["capaian_24"] = _a(iki.capaian(), 0)
    p, tpp, _ = hasil(m)
    assert p == "baik"
    n["tpp_baik"] = _rp(tpp)
    n["pp30_24"] = _a(hasil(m, "pp30_2019")[2])
    m36 = m.dengan_realisasi(0, 36)
    n["capaian_36"] = _a(m36.iki[0].capaian(), 0)
    p, tpp, _ = hasil(m36)
    assert p == "butuh_perbaikan"
    n["tpp_bp"] = _rp(tpp)
    tp = muat_parameter_tpp(None)
    basic = tp["basic_tpp"][m.kelas_jabatan] * tp["faktor_kemampuan_keuangan"]
    n["tpp_kinerja_bp"] = _rp(basic * tp["porsi_kinerja"] * tp["pengali_predikat"]["butuh_perbaikan"])
    n["tpp_disiplin"] = _rp(basic * tp["porsi_disiplin"] * tp["pembayaran_disiplin"])
    assert n["tpp_bp"] == _rp(basic * tp["porsi_kinerja"] * 0.75 + basic * tp["porsi_disiplin"])
    n["tpp_selisih"] = _rp(hasil(m)[1] - tpp)
    n["andai_36"] = _a(kal.andai(m36, 0).realisasi_perlu, 0)
    assert kal.andai(m36, 0).predikat_tujuan == "baik"
    assert kal.andai(m, 0).realisasi_perlu is None  # "changing the realisation alone ..."
    m2 = MasukanKalkulator(iki=[iki], perilaku_atasan=2, melayani_publik=True, rumpun="kesehatan")
    p, tpp, _ = hasil(m2)
    assert p == "kurang"
    n["tpp_kurang"] = _rp(tpp)
    assert hasil(m2, "pp30_2019")[0] == "baik"
    n["pp30_perilaku_2"] = _a(hasil(m2, "pp30_2019")[2])
    m5 = MasukanKalkulator(iki=[iki], perilaku_atasan=5, melayani_publik=True, rumpun="kesehatan")
    p, tpp, _ = hasil(m5)
    assert p == "sangat_baik"
    n["tpp_sb"] = _rp(tpp)
    mr = MasukanKalkulator(iki=[iki], perilaku_atasan=4, perilaku_rekan=[5])
    assert kal.hitung(mr, "id").aturan("permenpanrb_6_2022").predikat == "baik"  # atasan only
    k360 = Kalkulator(["permenpanrb_6_2022"],
                      parameter={"permenpanrb_6_2022": {"sumber_perilaku": "360"}})
    bobot = simkit.rules.get_rule("permenpanrb_6_2022").parameters["bobot_360"]
    for rekan, predikat in ((5, "sangat_baik"), (2, "baik")):
        mr = MasukanKalkulator(iki=[iki], perilaku_atasan=4, perilaku_rekan=[rekan])
        assert k360.hitung(mr, "id").hasil[0].predikat == predikat
        gabung = (bobot["atasan"] * 4 + bobot["rekan"] * rekan) / (bobot["atasan"] + bobot["rekan"])
        n[f"gabung_rekan_{rekan}"] = _a(gabung).rstrip("0").rstrip(",")
    # the Mamuju population (notebook 03)
    sc, pop = mamuju
    n["n_asn"] = _rp(len(pop.pegawai))
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    g = pop.kebenaran[["asn_id", "predikat_benar"]].merge(ev.hasil[["asn_id", "predikat"]],
                                                           on="asn_id")
    n["dinilai_baik"] = _p((g.predikat == "baik").mean())
    n["benar_baik"] = _p((g.predikat_benar == "baik").mean(), 0)
    n["benar_bp"] = _p((g.predikat_benar == "butuh_perbaikan").mean(), 0)
    bp = g[g.predikat_benar == "butuh_perbaikan"]
    n["bp_total"] = str(len(bp))
    n["bp_dinilai_baik"] = str(int((bp.predikat == "baik").sum()))
    n["akurasi_03"] = _p((g.predikat_benar == g.predikat).mean())
    n["garis_depan_porsi"] = _p(pop.pegawai["melayani_publik"].astype(bool).mean())
    pakai = simkit.evaluate(pop, "mamuju_ikm").hasil.set_index("asn_id")["pakai_ikm"].astype(bool)
    melayani = pop.pegawai.set_index("asn_id")["melayani_publik"].astype(bool)
    assert (pakai.reindex(melayani.index) == melayani).all()  # back office: no IKM
    # Survei Kepuasan (notebook 05)
    s = SurveiIKM(sc, pop)
    r = s.ringkasan()
    assert r["nama_unit"] == "RSUD Kabupaten Mamuju" and r["mutu"] == "B"
    n["rsud_n"], n["rsud_sampel"] = _rp(r["populasi_dilayani"]), str(int(r["sampel"]))
    n["rsud_responden"], n["rsud_ikm"] = str(int(r["jumlah_responden"])), _a(r["ikm_konversi"])
    s.setel(bias_sampel=0.5)
    assert s.ringkasan()["mutu"] == "A"
    n["rsud_ikm_bias"] = _a(s.ringkasan()["ikm_konversi"])
    unit = pop.unit_kerja.set_index("nama_unit")["unit_id"]
    s = SurveiIKM(sc, pop, unit=int(unit["Puskesmas Bonehau"]))
    r = s.ringkasan()
    assert r["mutu"] == "C" and r["naik"] == 0
    n["bonehau_ikm"], n["bonehau_staf"] = _a(r["ikm_konversi"]), str(int(r["garis_depan"]))
    n["bonehau_turun"] = _p(r["turun"])
    n["bonehau_turun_orang"] = str(round(r["turun"] * r["garis_depan"]))
    sebaran = s.sebaran(30)
    mutu = sebaran["mutu"].value_counts()
    n["sebaran_rata"] = _a(sebaran["ikm_konversi"].mean())
    n["sebaran_sd"] = _a(sebaran["ikm_konversi"].std(ddof=1))
    n["sebaran_b"], n["sebaran_c"] = str(int(mutu["B"])), str(int(mutu["C"]))
    assert set(mutu.index) == {"B", "C"}
    s.setel(bobot_ikm=0.0)
    assert s.ringkasan()["turun"] == 0 and s.ringkasan()["naik"] == 0
    s.setel(bobot_ikm=0.4)
    n["bonehau_turun_04"] = _p(s.ringkasan()["turun"])
    r = SurveiIKM(sc, pop, unit=int(unit["Puskesmas Mamuju"])).ringkasan()
    assert r["mutu"] == "B"
    n["pkm_mamuju_ikm"] = _a(r["ikm_konversi"])
    # Penjelajah Bias Penilai (notebook 06, scenario bias_penilai, OPD pupr)
    sb = simkit.load_scenario(AKAR / "scenarios" / "bias_penilai.yaml")
    b = PenjelajahBias(sb, simkit.generate(sb), "pupr")
    r = b.ringkasan_opd()
    assert b.metode == "skor_z" and b.leniensi_rata == 1.0
    n["pupr_n"], n["pupr_benar"] = str(int(r["n"])), _p(r["sb_benar"])
    n["pupr_bias"], n["pupr_kalibrasi"] = _p(r["sb_bias"]), _p(r["sb_kalibrasi"])
    b.setel(opd="disdik")
    r = b.ringkasan_opd()
    assert b.leniensi_rata == 1.2
    n["disdik_n"], n["disdik_tanpa"] = _rp(r["n"]), _p(r["sb_tanpa_bias"])
    n["disdik_bias"], n["disdik_kalibrasi"] = _p(r["sb_bias"]), _p(r["sb_kalibrasi"])
    b.setel(opd="inspektorat")
    r = b.ringkasan_opd()
    assert (b.leniensi_rata, r["sb_bias"]) == (-0.6, 0.0)
    n["insp_tanpa"], n["insp_turun"] = _p(r["sb_tanpa_bias"]), _p(r["turun_bias"], 0)
    n["insp_kalibrasi"] = _p(r["sb_kalibrasi"], 0)
    return n


LANGKAH: dict[str, tuple[set[str], list[str]]] = {
    # id: (numbers the facilitator types or reads off a control, labels of computed numbers)
    "kuota_predikat": ({"10"}, ["batas_baik_10_0", "batas_baik_10_1", "batas_butuh_perbaikan_10_0",
                                "batas_butuh_perbaikan_10_1"]),
    "tpp_turun": ({"30", "24", "4", "36", "100", "75"},
                  ["tpp_baik", "capaian_36", "tpp_bp"]),
    "atasan_bias": ({"06", "-0,6", "0"}, ["insp_tanpa", "insp_turun", "insp_kalibrasi"]),
    "survei_back_office": ({"0"}, ["garis_depan_porsi"]),
    "target_terlalu_tinggi": ({"36"}, ["capaian_36", "andai_36"]),
    "puskesmas_terpencil": ({"1", "0", "0,4"},  # "1" of D1
                            ["bonehau_ikm", "bonehau_turun", "bonehau_staf", "bonehau_turun_orang",
                             "pkm_mamuju_ikm", "bonehau_turun_04"]),
    "sama_saja": ({"03"}, ["n_asn", "dinilai_baik", "benar_baik", "benar_bp", "bp_dinilai_baik",
                           "bp_total", "akurasi_03"]),
    "angka_hilang": ({"6/2022", "30/2019"}, ["pp30_24"]),
    "hasil_bagus_perilaku": ({"24", "2", "6/2022", "30/2019", "30"},
                             ["capaian_24", "tpp_kurang", "pp30_perilaku_2"]),
    "sangat_baik_mustahil": ({"4", "5", "6/2022"}, ["capaian_24"]),
    "sangat_baik_sama_tpp": ({"4", "5", "100"}, ["tpp_sb"]),
    "unit_kecil": ({"0", "5", "40", "100", "1"},
                   ["kurva_salah_5", "kurva_salah_40", "kurva_salah_100", "kurva_sb_5"]),
    "kurva_jadi_kuota": (set(), []),
    "ikm_bisa_diakali": ({"0,5"}, ["rsud_n", "rsud_sampel", "rsud_responden", "rsud_ikm",
                                   "rsud_ikm_bias"]),
    "ikm_undian": ({"30", "76,61"}, ["sebaran_rata", "sebaran_sd", "sebaran_b", "sebaran_c"]),
    "kalibrasi_rugikan_opd_baik": ({"06", "1,0"}, ["pupr_n", "pupr_benar", "pupr_bias",
                                                  "pupr_kalibrasi"]),
    "opd_besar_murah_hati": ({"1,2"}, ["disdik_n", "disdik_tanpa", "disdik_bias",
                                       "disdik_kalibrasi"]),
    "hanya_atasan_menilai": ({"6_2022", "360", "4", "5", "2"},
                             ["gabung_rekan_5", "gabung_rekan_2"]),
    "umpan_balik_formalitas": ({"6/2022", "07"}, []),
    "data_palsu": ({"08", "6/2022"}, []),
    "reformasi_siapa_untung": (set(), []),
}

_ANGKA = re.compile(r"-?\d+(?:[.,/_]\d+)*")


def _angka(teks: str) -> list[str]:
    """The numbers in a text (2,5 · 1.900.000 · 6/2022 · 6_2022 each one number)."""
    return _ANGKA.findall(teks)


def _ke_id(x: str) -> str:
    """An English-formatted number written the Indonesian way (1,900,000 -> 1.900.000)."""
    return x.translate(str.maketrans(".,", ",."))


# ------------------------------------------------------------------------- the bank
def test_bank_bawaan_dimuat():
    bank = muat_keberatan()
    ids = [k.id for k in bank]
    assert len(bank) >= 15 and len(set(ids)) == len(ids)
    assert set(WAJIB) <= set(ids)
    assert periksa_keberatan() == []
    for k in bank:
        tj = k.tunjukkan
        assert tj.widget or tj.notebook
        if tj.widget:
            assert importlib.util.find_spec(f"simkit.widgets.{tj.widget}") is not None
        if tj.notebook:
            assert (AKAR / tj.notebook).is_file()
        assert k.keberatan["id"] != k.keberatan["en"] and k.jawaban["id"] != k.jawaban["en"]


def test_semua_widget_ada():
    for w in WIDGET:
        assert importlib.util.find_spec(f"simkit.widgets.{w}") is not None, w


def test_setiap_episode_punya_keberatan():
    """The objections reach most of the kit (the role-play and policy episodes included)."""
    episode = {k.episode for k in muat_keberatan()}
    assert {"01", "02", "03", "04", "05", "06", "07", "08", "09"} == episode


def test_angka_langkah_dihitung_ulang(nilai):
    bank = {k.id: k for k in muat_keberatan()}
    assert set(LANGKAH) == set(bank)
    for kid, (masukan, label) in LANGKAH.items():
        k = bank[kid]
        dikutip = set(_angka(k.tunjukkan.langkah["id"]))
        harap = masukan | {nilai[x] for x in label}
        assert dikutip == harap, (kid, dikutip ^ harap)
        en = sorted(_ke_id(x) if "/" not in x and "_" not in x else x
                    for x in _angka(k.tunjukkan.langkah["en"]))
        assert en == sorted(_angka(k.tunjukkan.langkah["id"])), kid


# ------------------------------------------------------------------------- broken copies
BAIK = """\
keberatan:
- id: satu
  keberatan: {id: "Mengapa?", en: "Why?"}
  jawaban: {id: "Karena.", en: "Because."}
  aturan: "PermenPANRB 6/2022 Lampiran"
  tunjukkan:
    widget: kurva
    langkah: {id: "Lihat.", en: "Look."}
  episode: "06"
"""


def _tulis(tmp_path: Path, teks: str) -> Path:
    p = tmp_path / "faq.yaml"
    p.write_text(teks, encoding="utf-8")
    return p


def test_salinan_baik(tmp_path):
    [k] = muat_keberatan(_tulis(tmp_path, BAIK))
    assert (k.id, k.tunjukkan.widget, k.baris) == ("satu", "kurva", 2)


@pytest.mark.parametrize("ganti, baris, bidang, id_teks, en_teks", [
    (('en: "Why?"', 'en: ""'), 3, "keberatan.0.keberatan", "bahasa Indonesia (id) dan Inggris",
     "Indonesian (id) and English (en)"),
    (('aturan: "PermenPANRB 6/2022 Lampiran"', 'aturan: ""'), 5, "keberatan.0.aturan",
     "harus menyebut aturannya", "must cite its rule"),
    (("widget: kurva", "widget: kurfa"), 7, "keberatan.0.tunjukkan.widget",
     "Maksud Anda 'kurva'", "Did you mean 'kurva'"),
    (("widget: kurva", "notebook: notebooks/07_kurva.ipynb"), 7,
     "keberatan.0.tunjukkan.notebook", "07_kurva_distribusi.ipynb", "does not exist"),
    (('episode: "06"', "episode: 6"), 9, "keberatan.0.episode", "tanda kutip", "in quotes"),
    (('episode: "06"', 'episode: "10"'), 9, "keberatan.0.episode", '"01" .. "09"', "quotes"),
    (("  tunjukkan:\n    widget: kurva\n    langkah: {id: \"Lihat.\", en: \"Look.\"}\n", ""),
     2, "keberatan.0.tunjukkan", "apa yang ditunjukkan", "what is shown"),
    (("  episode:", "  catatan: x\n  episode:"), 9, "keberatan.0.catatan", "tidak dikenal",
     "unknown key"),
])
def test_salinan_rusak_berlokasi(tmp_path, ganti, baris, bidang, id_teks, en_teks):
    p = _tulis(tmp_path, BAIK.replace(*ganti))
    with pytest.raises(SimkitError) as e:
        muat_keberatan(p)
    [m] = e.value.masalah
    assert (m.berkas, m.baris, m.bidang) == (str(p), baris, bidang)
    assert id_teks in e.value.render("id") and f"baris {baris}" in e.value.render("id")
    assert en_teks in e.value.render("en") and f"line {baris}" in e.value.render("en")
    assert periksa_keberatan(p) == e.value.masalah


def test_id_ganda_dan_daftar_kosong(tmp_path):
    dua = BAIK + BAIK.split("\n", 1)[1]
    [m] = periksa_keberatan(_tulis(tmp_path, dua))
    assert (m.kode, m.baris, m.bidang) == ("keberatan_id_ganda", 10, "keberatan.1.id")
    assert "baris 2" in m.render("id") and "line 2" in m.render("en")
    [m] = periksa_keberatan(_tulis(tmp_path, "keberatan: []\n"))
    assert m.kode == "keberatan_tanpa_daftar" and m.baris == 1
    [m] = periksa_keberatan(tmp_path / "tidak_ada.yaml")
    assert m.kode == "berkas_tidak_ada"


# ------------------------------------------------------------------------- the guide
@pytest.mark.parametrize("lang", ["id", "en"])
def test_panduan_memuat_bank_tanpa_selisih(lang):
    """The guide's objection section is exactly the bank's rendering (regenerate it with
    ``sisipkan_ke_panduan``, see training/README.md)."""
    teks = PANDUAN[lang].read_text(encoding="utf-8")
    assert sisipkan_ke_panduan(teks, muat_keberatan(), lang) == teks
    assert markdown_keberatan(muat_keberatan(), lang) in teks


def test_penanda_panduan_wajib():
    with pytest.raises(SimkitError) as e:
        sisipkan_ke_panduan("tanpa penanda", [], "id")
    assert "<!-- keberatan:mulai -->" in e.value.render("en")


PANDUAN_ANGKA: list[str] = [
    "dinilai_baik", "benar_baik", "benar_bp", "akurasi_03", "capaian_24", "tpp_baik",
    "capaian_36", "tpp_bp", "andai_36", "pp30_24", "tpp_kurang", "rsud_ikm", "rsud_ikm_bias",
    "bonehau_ikm", "bonehau_turun", "sebaran_b", "sebaran_c", "pupr_bias", "pupr_kalibrasi",
    "disdik_bias", "disdik_kalibrasi", "kurva_salah_5", "kurva_salah_40", "batas_baik_10_0",
    "tpp_kinerja_bp", "tpp_disiplin", "tpp_selisih",
]
"""Labels of the simulation numbers the guide's episode scripts quote (outside the bank)."""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_angka_panduan_dihitung_ulang(nilai, lang):
    """Each number the guide's scripts quote from a simulation appears as recomputed, in the
    guide's own number format, inside the scripts (the part before the objection bank)."""
    teks = PANDUAN[lang].read_text(encoding="utf-8").split("<!-- keberatan:mulai -->")[0]
    skrip = re.findall(r"<!--angka:(\w+)-->(-?[\d.,]+)", teks)
    dikutip = {label: angka for label, angka in skrip}
    assert set(dikutip) == set(PANDUAN_ANGKA), set(dikutip) ^ set(PANDUAN_ANGKA)
    for label, angka in skrip:
        harap = nilai[label] if lang == "id" else _ke_id(nilai[label])
        assert angka.rstrip(".,") == harap, (label, angka, harap)


def test_bank_dibaca_di_doc(tmp_path):
    """training/README.md documents the format under its own heading."""
    teks = (AKAR / "training" / "README.md").read_text(encoding="utf-8")
    assert "## Panduan fasilitator dan bank keberatan" in teks
    assert "faq-keberatan.yaml" in teks and BANK_KEBERATAN.name in teks


# ------------------------------------------------------------------------- the agenda tables
def _tabel_agenda(teks: str, judul: str) -> list[tuple[str, int, str | None]]:
    """Rows (start, minutes, episode or None) of the guide's agenda table under ``judul``."""
    bagian = teks.split(judul, 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    baris = re.findall(r"^\| (\d\d:\d\d) \| (\d+) \| (.+?) \|$", bagian, flags=re.M)
    return [(m, int(n), s[:2] if s[:2].isdigit() else None) for m, n, s in baris]


def _menit(jam: str) -> int:
    h, m = jam.split(":")
    return 60 * int(h) + int(m)


@pytest.mark.parametrize("lang, judul", [
    ("id", "### 2.1"), ("id", "### 2.2"), ("en", "### 2.1"), ("en", "### 2.2")])
def test_agenda_panduan_berjumlah(lang, judul):
    """Each row starts where the previous one ended; the end time is stated in the heading."""
    teks = PANDUAN[lang].read_text(encoding="utf-8")
    rows = _tabel_agenda(teks, judul)
    assert rows
    for (m0, n0, _), (m1, _, _) in zip(rows, rows[1:], strict=False):
        assert _menit(m0) + n0 == _menit(m1), (m0, n0, m1)
    judul_baris = teks.split(judul, 1)[1].splitlines()[0]
    mulai, selesai = re.findall(r"(\d\d:\d\d)", judul_baris)
    assert rows[0][0] == mulai and _menit(rows[-1][0]) + rows[-1][1] == _menit(selesai)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("versi, judul", [("satu_hari", "### 2.1"), ("dua_jam", "### 2.2")])
def test_agenda_panduan_sama_dengan_agenda_yaml(lang, versi, judul):
    """The guide's tables show training/agenda.yaml's schedule (episodes helper's file, format
    of the kit's spec): same start, same sessions in order, same minutes."""
    path = AKAR / "training" / "agenda.yaml"
    if not path.exists():
        pytest.skip("training/agenda.yaml belum ada (ditulis bersama episode)")
    import yaml

    a = yaml.safe_load(path.read_text(encoding="utf-8"))["agenda"][versi]
    rows = _tabel_agenda(PANDUAN[lang].read_text(encoding="utf-8"), judul)
    assert rows[0][0] == str(a["mulai"])
    assert [(e, n) for _, n, e in rows] == [
        (str(s["episode"]) if "episode" in s else None, int(s["menit"])) for s in a["sesi"]]
