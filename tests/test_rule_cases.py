"""Every shipped rule case is a test; and the rule-case runner itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.errors import SimkitError
from simkit.rules.cases import jalankan_kasus, muat_berkas, muat_kasus, run_case_files

CASES_DIR = Path(__file__).resolve().parents[1] / "simkit" / "rules" / "cases"
ALL = muat_kasus([CASES_DIR])


def test_cases_are_shipped_for_every_national_rule():
    national = {"permenpanrb_6_2022", "pp30_2019", "pp46_2011", "permenpanrb_14_2017"}
    assert national <= {k.data["rule"] for k in ALL}
    assert all(k.data.get("reference") for k in ALL if k.data["rule"] in national)
    ids = [k.id for k in ALL]
    assert len(ids) == len(set(ids)), "case names must be unique per file"


@pytest.mark.parametrize("kasus", ALL, ids=[k.id for k in ALL])
def test_rule_case(kasus):
    hasil = jalankan_kasus(kasus)
    assert hasil.status == "lulus", hasil.baris_teks("id")


# --------------------------------------------------------------------------- the runner


def _file(tmp_path, text: str, name: str = "kasus.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """
- name: baik
  rule: permenpanrb_6_2022
  input: {rating_hasil_kerja: sesuai_ekspektasi, rating_perilaku_kerja: sesuai_ekspektasi}
  output: {predikat: baik}
"""


def test_passing_file_list_and_mapping_forms(tmp_path):
    a = _file(tmp_path, GOOD, "a.yaml")
    b = _file(tmp_path, "cases:\n" + "\n".join("  " + x for x in GOOD.splitlines()), "b.yaml")
    r = run_case_files([a, b], lang="en")
    assert r.exit_code == 0 and r.counts == {"lulus": 2, "gagal": 0, "rusak": 0}
    assert r.lines[0].startswith("PASS") and r.lines[-1] == "2 passed, 0 failed"
    assert run_case_files(tmp_path, lang="id").lines[-1] == "2 lulus, 0 gagal"


def test_failing_case_shows_expected_and_got(tmp_path):
    f = _file(tmp_path, """
- name: salah
  rule: pp30_2019
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {nilai_kinerja: 95, predikat: sangat_baik, iki_x: 1}
- name: benar
  rule: pp30_2019
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {nilai_kinerja: 94.004}
""")
    r = run_case_files(f, lang="id")
    assert r.exit_code == 1 and r.counts["gagal"] == 1 and r.counts["lulus"] == 1
    line = r.lines[0]
    assert line.startswith("GAGAL") and "salah" in line
    assert "nilai_kinerja: diharapkan 95, didapat 94" in line
    assert "predikat: diharapkan 'sangat_baik', didapat 'baik'" in line
    assert "iki_x: diharapkan 1, didapat (tidak ada)" in line
    en = run_case_files(f, lang="en")
    assert en.lines[0].startswith("FAIL") and "expected 95, got 94" in en.lines[0]
    assert en.lines[-1] == "1 passed, 1 failed"


def test_margin_lists_and_mappings(tmp_path):
    f = _file(tmp_path, """
- name: daftar
  rule: pp30_2019
  input: {iki: [{target: 100, realisasi: 98}, {target: 100, realisasi: 100}], nilai_perilaku: 80}
  output: {iki: [{nilai_capaian_iki: 88}, {nilai_capaian_iki: 109.01}]}
  absolute_error_margin: 0.02
- name: mapping
  rule: permenpanrb_14_2017
  input: {jawaban: [[4, 4, 4, 4, 4, 4, 4, 4, 4], [2, null, 2, 2, 2, 2, 2, 2, 2]]}
  output: {nrr: {u2: 4.1}}
""")
    r = run_case_files(f)
    assert [h.status for h in r.hasil] == ["lulus", "gagal"]
    assert "nrr.u2" in r.lines[1]


@pytest.mark.parametrize("text, needles", [
    ("""- name: a
  rule: permenpanrb_6_2021
  input: {rating_hasil_kerja: sesuai_ekspektasi}
  output: {predikat: baik}
""", ["baris 2", "'rule'", "Maksud Anda 'permenpanrb_6_2022'"]),
    ("""- name: a
  rule: permenpanrb_6_2022
  input:
    rating_hasil_kerja: sesuai_ekspektasi
    rating_perilaku: sesuai_ekspektasi
  output: {predikat: baik}
""", ["baris 5", "input.rating_perilaku", "Maksud Anda 'rating_perilaku_kerja'"]),
    ("""- name: a
  rule: permenpanrb_6_2022
  input: {rating_hasil_kerja: sesuai, rating_perilaku_kerja: sesuai_ekspektasi}
  output: {predikat: baik}
""", ["baris 3", "input.rating_hasil_kerja", "di_atas_ekspektasi, sesuai_ekspektasi"]),
    ("""- name: a
  rule: pp30_2019
  input: {nilai_skp: "seratus", nilai_perilaku: 80}
  output: {predikat: baik}
""", ["input.nilai_skp", "tipe data salah"]),
    ("""- name: a
  rule: pp30_2019
  input: {nilai_skp: 130, nilai_perilaku: 80}
  output: {predikat: baik}
""", ["input.nilai_skp", "di luar rentang", "130"]),
    ("""- name: a
  rule: pp46_2011
  input:
    kegiatan:
      - {target_kuantitas: 0, realisasi_kuantitas: 1, realisasi_kualitas: 90, target_waktu: 12, realisasi_waktu: 12}
    orientasi_pelayanan: 80
    integritas: 80
    komitmen: 80
    disiplin: 80
    kerja_sama: 80
  output: {sebutan: baik}
""", ["input.kegiatan[0].target_kuantitas", "> 0"]),
    ("""- name: a
  rule: pp30_2019
  params:
    bobot_skpp: 0.5
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {predikat: baik}
""", ["baris 4", "params.bobot_skpp", "Maksud Anda 'bobot_skp'"]),
    ("""- name: a
  rule: pp30_2019
  params: {bobot_skp: 2}
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {predikat: baik}
""", ["params.bobot_skp", "di luar rentang"]),
    ("""- name: a
  rule: pp30_2019
  inputs: {nilai_skp: 100}
  output: {predikat: baik}
""", ["'inputs'", "Maksud Anda 'input'"]),
    ("""- name: a
  rule: permenpanrb_14_2017
  input: {jawaban: [[4, 4, 4]]}
  output: {mutu: A}
""", ["input.jawaban[0]", "9 elemen"]),
    ("""- name: a
  rule: pp30_2019
  input: {nilai_perilaku: 80}
  output: {predikat: baik}
""", ["nilai_skp | iki"]),
    ("- name: a\n  rule: pp30_2019\n  input: {nilai_skp: 1, nilai_perilaku: 1}\n  output:\n",
     ["'output'", "kosong"]),
    ("""- name: a
  rule: pp30_2019
  tanggal: kemarin
  input: {nilai_skp: 100, nilai_perilaku: 80}
  output: {predikat: baik}
""", ["baris 3", "bidang 'tanggal'", "YYYY-MM-DD", "'kemarin'"]),
    ("- just a string\n", ["pemetaan"]),
    ("name: bukan daftar\n", ["daftar kasus"]),
    ("- name: [\n", ["YAML"]),
])
def test_malformed_cases_exit_2_with_location(tmp_path, text, needles):
    f = _file(tmp_path, text)
    r = run_case_files(f, lang="id")
    assert r.exit_code == 2, r.to_text()
    line = r.lines[0]
    assert line.startswith("RUSAK") and "kasus.yaml" in line
    for n in needles:
        assert n in line, line
    assert "rusak" in r.lines[-1]


def test_missing_path_and_empty_folder(tmp_path):
    r = run_case_files([tmp_path / "tidak_ada.yaml", tmp_path])
    assert r.exit_code == 2 and r.counts["rusak"] == 2
    with pytest.raises(SimkitError):
        muat_berkas(tmp_path / "tidak_ada.yaml")


def test_case_pins_a_date_to_the_dated_parameter_values(tmp_path, monkeypatch):
    """``tanggal`` selects the value in force that day (a parameter given two dated values in
    a temporary copy of the parameter files)."""
    import shutil

    from simkit.rules import params as params_mod

    folder = tmp_path / "params"
    shutil.copytree(params_mod.PARAMS_DIR, folder)
    f = folder / "pp46_2011.yaml"
    text = f.read_text(encoding="utf-8")
    lama = "  bobot_skp:\n"
    i = text.index(lama)
    j = text.index("    nilai:\n", i) + len("    nilai:\n")
    tanggal_lama = text[j:text.index(":", j)].strip()
    text = text[:j] + "      2030-01-01: 0.5\n" + text[j:]
    f.write_text(text, encoding="utf-8")
    monkeypatch.setattr(params_mod, "PARAMS_DIR", folder)
    case = """
- name: {name}
  rule: pp46_2011
  {tanggal}
  input:
    kegiatan: [{{target_kuantitas: 10, realisasi_kuantitas: 10, realisasi_kualitas: 100,
                target_waktu: 12, realisasi_waktu: 12}}]
    orientasi_pelayanan: 60
    integritas: 60
    komitmen: 60
    disiplin: 60
    kerja_sama: 60
  output: {{nilai_prestasi_kerja: {nilai}}}
"""
    # SKP 92 (kuantitas 100, kualitas 100, waktu 76), perilaku 60
    kasus = [case.format(name="lama", tanggal=f"tanggal: {tanggal_lama}", nilai=0.6 * 92 + 0.4 * 60),
             case.format(name="baru", tanggal="tanggal: 2031-06-30", nilai=0.5 * 92 + 0.4 * 60)]
    r = run_case_files(_file(tmp_path, "".join(kasus)), lang="id")
    assert r.counts == {"lulus": 2, "gagal": 0, "rusak": 0}, r.to_text()
