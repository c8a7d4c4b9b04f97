"""Calibration to the national record (`simkit kalibrasi`, `simkit.calibrate`): the targets file,
the fit of the shipped default scenario, a fast deterministic fit, the written scenario, the CLI
and the report's baseline note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simkit
from simkit.cli import main
from simkit.errors import SimkitError
from simkit.orchestration.kalibrasi_skenario import (
    SETELAN,
    calibrate,
    ganti_setelan_yaml,
    teks_hasil,
    tulis_skenario,
)
from simkit.population.generate import redraw_measurement
from simkit.population.patokan import TOLERANSI_PP, galat_pp, muat_patokan, porsi_ukuran
from simkit.report.sajian import Laporan
from simkit.rules import evaluate

ROOT = Path(__file__).resolve().parents[1]
BAWAAN = ROOT / "scenarios" / "mamuju_baseline.yaml"
TANPA = ROOT / "scenarios" / "mamuju_tanpa_kalibrasi.yaml"
KECIL = {"nama": "kecil", "seed": 11, "populasi": {"jumlah_asn": 300}}


def _predikat(pop, kurva="abaikan") -> pd.Series:
    return evaluate(pop, "permenpanrb_6_2022", {"kurva_distribusi": kurva}).hasil[
        "predikat"].astype(str)


# --------------------------------------------------------------------------- targets


def test_targets_have_source_and_year_and_the_national_record():
    p = {x.id: x for x in muat_patokan()}
    assert (p["predikat_sangat_baik"].persen, p["predikat_baik"].persen) == (11.27, 88.46)
    for k in ("butuh_perbaikan", "kurang", "sangat_kurang"):
        assert (p[f"predikat_{k}"].jenis, p[f"predikat_{k}"].persen) == ("maks", 0.11)
    assert all(x.sumber and x.tahun for x in p.values())
    assert {x.peran for x in p.values() if x.ukuran != "predikat"} == {"periksa"}
    assert p["jabatan_struktural"].persen == 7.0 and p["golongan_iii"].jenis == "min"


def test_error_counts_only_beyond_a_limit():
    p = {x.id: x for x in muat_patokan()}
    assert galat_pp(p["predikat_baik"], 87.0) == pytest.approx(-1.46)
    assert galat_pp(p["predikat_kurang"], 0.05) == 0.0           # within 'at most 0.11'
    assert galat_pp(p["predikat_kurang"], 1.11) == pytest.approx(1.0)
    assert galat_pp(p["golongan_iii"], 54.0) == 0.0 and galat_pp(p["golongan_iii"], 45.0) == -5.0


def test_marginals_of_a_population_by_hand():
    peg = pd.DataFrame({"jenis_jabatan": ["pengawas", "fungsional_keahlian", "pelaksana",
                                          "fungsional_keterampilan"],
                        "status_kepegawaian": ["PNS", "PNS", "PPPK", "PNS"],
                        "golongan": ["III/a", "IV/b", "IX", "II/c"]})
    assert porsi_ukuran("jenis_jabatan", peg) == {"struktural": 25.0, "fungsional": 50.0,
                                                  "pelaksana": 25.0}
    gol = porsi_ukuran("golongan_pns", peg)   # PNS only: III, IV, II
    assert gol["II"] == gol["III"] == gol["IV"] == pytest.approx(100 / 3) and gol["I"] == 0.0
    assert porsi_ukuran("status_kepegawaian", peg)["PPPK"] == 25.0


BAIK = """patokan:
  - {id: a, ukuran: predikat, kelas: baik, jenis: sama, persen: 90, peran: sesuaikan,
     tahun: "2024", sumber: x}
"""


@pytest.mark.parametrize("teks, baris, bidang", [
    (BAIK.replace("kelas: baik", "kelas: bagus"), 2, "patokan[0].kelas"),
    (BAIK.replace("persen: 90", "persen: 190"), 2, "patokan[0].persen"),
    (BAIK.replace("ukuran: predikat, kelas: baik", "ukuran: jenis_jabatan, kelas: pelaksana"),
     2, "patokan[0].peran"),
    (BAIK.replace("sumber: x", "sumbr: x"), 3, "patokan[0].sumbr"),
    ("patokan: []\n", 1, "patokan"),
])
def test_malformed_targets_are_located_and_bilingual(tmp_path, teks, baris, bidang):
    f = tmp_path / "p.yaml"
    f.write_text(teks)
    with pytest.raises(SimkitError) as e:
        muat_patokan(f)
    m = e.value.masalah[0]
    assert (m.berkas, m.baris, m.bidang) == (str(f), baris, bidang)
    for lang in ("id", "en"):
        assert "galat." not in e.value.render(lang) and "patokan." not in e.value.render(lang)


# --------------------------------------------------------------------------- the shipped fit


@pytest.fixture(scope="module")
def mamuju():
    out = {}
    for nama, path in (("bawaan", BAWAAN), ("tanpa", TANPA)):
        pop = simkit.generate(path)
        out[nama] = (pop, _predikat(pop), _predikat(pop, "paksakan"))
    return out


def test_default_scenario_matches_the_national_record_within_2pp(mamuju):
    """The fit the default scenario ships with: every predikat class within 2 pp of BKN's."""
    _, pred, _ = mamuju["bawaan"]
    porsi = porsi_ukuran("predikat", predikat=pred)
    for p in (x for x in muat_patokan() if x.ukuran == "predikat"):
        assert abs(galat_pp(p, porsi[p.kelas])) <= TOLERANSI_PP, (p.id, porsi[p.kelas])
    assert porsi["sangat_baik"] > 9.0 and porsi["baik"] > 86.0


def test_uncalibrated_scenario_keeps_the_old_numbers(mamuju):
    _, pred, _ = mamuju["tanpa"]
    porsi = porsi_ukuran("predikat", predikat=pred)
    assert [round(porsi[k], 1) for k in ("sangat_baik", "baik", "butuh_perbaikan", "kurang",
                                         "sangat_kurang")] == [5.9, 71.2, 16.4, 3.9, 2.7]


def test_calibration_changes_measurement_not_truth(mamuju):
    a, b = mamuju["bawaan"][0], mamuju["tanpa"][0]
    pd.testing.assert_frame_equal(a.kebenaran, b.kebenaran)
    pd.testing.assert_frame_equal(a.pegawai, b.pegawai)
    pd.testing.assert_frame_equal(a.kinerja_organisasi, b.kinerja_organisasi)
    assert not a.penilaian_perilaku.equals(b.penilaian_perilaku)


def test_curve_changes_about_three_times_more_on_the_calibrated_baseline(mamuju):
    ubah = {k: float((v[1] != v[2]).mean()) for k, v in mamuju.items()}
    # 8.6 % vs 22.4 %: the 'terbanyak' reading of "sebagian besar" also moves people up in
    # Istimewa OPDs (kurva_sebagian_besar), so even the uncalibrated baseline changes more
    assert ubah["tanpa"] < 0.10 < 0.15 < ubah["bawaan"]
    bp = {k: float((v[2] == "butuh_perbaikan").mean() / (v[1] == "butuh_perbaikan").mean())
          for k, v in mamuju.items()}
    assert bp["bawaan"] > 10 > 2 > bp["tanpa"]   # Butuh Perbaikan rises more than tenfold


# --------------------------------------------------------------------------- a fast fit


@pytest.fixture(scope="module")
def kecil():
    return calibrate(KECIL, maks_evaluasi=60)


def test_fit_is_deterministic_and_improves(kecil):
    again = calibrate(KECIL, maks_evaluasi=60)
    pd.testing.assert_frame_equal(kecil.setelan, again.setelan)
    pd.testing.assert_frame_equal(kecil.patokan, again.patokan)
    fit = kecil.patokan[kecil.patokan["peran"] == "sesuaikan"]
    assert (fit["galat_pp"] ** 2).sum() < (fit["galat_sebelum_pp"] ** 2).sum() / 4
    assert kecil.jumlah_evaluasi <= 60
    assert list(kecil.setelan["setelan"]) == [s.nama for s in SETELAN]
    assert (kecil.setelan["awal"] == [0.3, 0.3, 0.0]).all()
    for s, v in zip(SETELAN, kecil.setelan["hasil"], strict=True):
        lo, hi = s.batas()
        assert lo <= v <= hi and round(v, 3) == v


def test_fitted_scenario_generates_what_the_fit_saw(kecil):
    pop = simkit.generate(kecil.skenario)
    porsi = porsi_ukuran("predikat", predikat=_predikat(pop))
    sesudah = kecil.patokan.set_index("id")["sesudah"]
    for k, v in porsi.items():
        assert v == pytest.approx(sesudah[f"predikat_{k}"])
    benar = kecil.patokan.set_index("id")["benar"]
    assert benar["predikat_baik"] == pytest.approx(60.0, abs=1.0)  # truth: the scenario's 60 %


def test_redraw_with_generate_streams_equals_generate():
    sc = simkit.load_scenario(KECIL)
    sc2 = simkit.load_scenario({**KECIL, "penilai": {"leniensi_rata": 0.9},
                                "indikator": {"kemudahan_target": 0.2}})
    a, b = redraw_measurement(simkit.generate(sc), sc2, None), simkit.generate(sc2)
    for nama in ("iki", "penilaian_perilaku", "perilaku_aspek", "kinerja_organisasi", "skm"):
        pd.testing.assert_frame_equal(getattr(a, nama), getattr(b, nama))
    assert "noise_seed" not in a.meta


def test_table_text_in_both_languages(kecil):
    id_, en = teks_hasil(kecil, "id"), teks_hasil(kecil, "en")
    assert "galat (pp)" in id_ and "Sangat Baik (predikat, disesuaikan)" in id_
    assert "error (pp)" in en and "Very Good" not in id_ and "= 11.27" in en and "= 11,27" in id_
    assert "birokratmenulis.org" in id_ and "[1]" in en


# --------------------------------------------------------------------------- writing


def test_written_scenario_keeps_comments_and_reads_back(tmp_path, kecil):
    src = tmp_path / "s.yaml"
    src.write_text("# catatan saya\nnama: kecil\nseed: 11\npopulasi:\n  jumlah_asn: 300\n"
                   "penilai:\n  halo: 0.5  # halo\n  leniensi_rata: 0.3\n")
    h = calibrate(src, maks_evaluasi=60)
    out = tulis_skenario(h, tmp_path / "o.yaml", tanggal=dt.date(2026, 1, 2))
    teks = out.read_text()
    assert "# catatan saya" in teks and "halo: 0.5  # halo" in teks
    assert teks.startswith("# [kalibrasi] Dikalibrasi dengan `simkit kalibrasi` pada 2026-01-02")
    assert "# [kalibrasi] Calibrated with" in teks
    assert "dikalibrasi 2026-01-02 (awal 0.3)" in teks
    s = simkit.load_scenario(out)
    for nama, v in zip(h.setelan["setelan"], h.setelan["hasil"], strict=True):
        bagian, kunci = nama.split(".")
        assert getattr(getattr(s, bagian), kunci) == v
    assert s.hash() == h.skenario.hash()
    # writing over the input again replaces the header, never stacks it
    tulis_skenario(calibrate(out, maks_evaluasi=10), out)
    assert out.read_text().count("# [kalibrasi] Dikalibrasi") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # atomic


def test_yaml_edit_inserts_missing_sections_and_refuses_flow_style():
    baru = ganti_setelan_yaml("nama: x\nseed: 1\naturan:\n  - {id: a, aturan: pp46_2011}\n",
                              {("indikator", "kemudahan_target"): 0.25}, {("indikator",
                                                                          "kemudahan_target"): "k"})
    assert baru == ("nama: x\nseed: 1\nindikator:\n  kemudahan_target: 0.25  # k\naturan:\n"
                    "  - {id: a, aturan: pp46_2011}\n")
    assert ganti_setelan_yaml("penilai: {halo: 0.5}\n", {("penilai", "halo"): 0.4},
                              {("penilai", "halo"): "k"}) is None
    nested = "penilai:\n  per_opd:\n    disdik:\n      leniensi_rata: 1.2\n  halo: 0.5\n"
    assert ganti_setelan_yaml(nested, {("penilai", "leniensi_rata"): 0.7},
                              {("penilai", "leniensi_rata"): "k"}).startswith(
        "penilai:\n  leniensi_rata: 0.7  # k\n  per_opd:\n    disdik:\n      leniensi_rata: 1.2\n")


def test_mapping_scenario_is_written_whole(tmp_path, kecil):
    out = tulis_skenario(kecil, tmp_path / "k.yaml")
    s = simkit.load_scenario(out)
    assert s.penilai.leniensi_rata == kecil.skenario.penilai.leniensi_rata and s.seed == 11


# --------------------------------------------------------------------------- CLI and API


def test_cli_kalibrasi_writes_and_prints(tmp_path, capsys):
    src = tmp_path / "kecil.yaml"
    src.write_text("nama: kecil\nseed: 11\npopulasi:\n  jumlah_asn: 300\n")
    assert main(["--lang", "en", "kalibrasi", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Fitted settings:" in out and "error (pp)" in out and "kecil_kalibrasi.yaml" in out
    assert (tmp_path / "kecil_kalibrasi.yaml").is_file()
    assert main(["kalibrasi", str(tmp_path / "tidak_ada.yaml")]) == 2
    assert "tidak_ada.yaml" in capsys.readouterr().err


def test_api_verb():
    assert simkit.calibrate is calibrate and "calibrate" in dir(simkit)


def test_no_target_to_fit_is_a_located_error(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(BAIK.replace("peran: sesuaikan", "peran: periksa"))
    with pytest.raises(SimkitError) as e:
        calibrate(KECIL, f)
    assert e.value.masalah[0].kode == "kalibrasi_tanpa_patokan" and str(f) in e.value.render()


# --------------------------------------------------------------------------- the report note


def _folder(tmp_path: Path, porsi: list[float]) -> Path:
    (tmp_path / "tabel").mkdir(parents=True)
    pd.DataFrame({"aturan": ["nasional", "r"], "label": ["PermenPANRB 6/2022", "R"],
                  "dasar": [True, False]}).to_csv(tmp_path / "tabel" / "aturan.csv", index=False)
    peringkat = [5, 4, 3, 2, 1]
    pd.DataFrame({"aturan": ["nasional"] * 5 + ["r"] * 5, "peringkat": peringkat * 2,
                  "predikat": ["sangat_baik", "baik", "butuh_perbaikan", "kurang",
                               "sangat_kurang"] * 2,
                  "jumlah": [1] * 10, "proporsi": list(np.array(porsi) / 100) + [0.2] * 5}
                 ).to_csv(tmp_path / "tabel" / "distribusi.csv", index=False)
    return tmp_path


def test_report_names_a_calibrated_baseline_beside_curve_results(tmp_path):
    lap = Laporan(_folder(tmp_path, [10.5, 87.3, 1.2, 1.0, 0.0]), "id")
    for bagian in ("kurva", "transisi"):
        html = "\n".join(x for x in lap.blok(bagian) if isinstance(x, str))
        assert "Pembanding: PermenPANRB 6/2022, predikat sebelum kurva: Sangat Baik 10,5 %" in html
        assert "Baik 88,46 %" in html and "paling banyak 0,11 %" in html
        assert "sesuai dengan catatan nasional" in html and "dasar-sesuai" in html
    en = "\n".join(x for x in Laporan(tmp_path, "en").blok("kurva") if isinstance(x, str))
    assert "Baseline: PermenPANRB 6/2022" in en and "matches the national record" in en


def test_report_warns_when_the_baseline_is_not_calibrated(tmp_path):
    lap = Laporan(_folder(tmp_path, [5.9, 71.2, 16.4, 3.9, 2.6]), "en")
    html = "\n".join(x for x in lap.blok("kurva") if isinstance(x, str))
    assert "does NOT match" in html and "simkit kalibrasi" in html and "17.3 percentage" in html
    assert "stricter than real practice" in html and "dasar-tidak_sesuai_ketat" in html
    lunak = Laporan(_folder(tmp_path / "lunak", [40.0, 60.0, 0.0, 0.0, 0.0]), "en")
    html = "\n".join(x for x in lunak.blok("transisi") if isinstance(x, str))
    assert "does NOT match" in html and "stricter" not in html
