"""Scenario files: the shipped ones validate; malformed ones get located messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.orchestration.skenario import load_scenario
from simkit.scenario import baca_skenario

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))

BASE = """\
nama: uji
seed: 1
populasi:
  jumlah_asn: 500
"""


def test_required_scenarios_are_shipped():
    names = {p.name for p in SHIPPED}
    assert {"mamuju_baseline.yaml", "puskesmas_waktu_tunggu.yaml", "bias_penilai.yaml",
            "nasional.yaml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_validate(path):
    s = load_scenario(path)
    assert s.seed >= 0 and s.populasi.jumlah_asn >= 20


def test_national_scenario_has_bkn_total():
    s = load_scenario(ROOT / "scenarios" / "nasional.yaml")
    assert s.populasi.jumlah_asn == 4_758_730  # BKN, 1 Jul 2024
    assert s.populasi.komposisi.pppk == pytest.approx(1_103_045 / 4_758_730, abs=0.001)


def test_hash_is_content_based():
    a = load_scenario(ROOT / "scenarios" / "mamuju_baseline.yaml")
    b = load_scenario(ROOT / "scenarios" / "mamuju_baseline.yaml")
    assert a.hash() == b.hash()
    assert a.with_seed(a.seed + 1).hash() != a.hash()


# (yaml text, expected line, expected field, phrase in the Indonesian message)
MALFORMED = [
    ("sedd", BASE.replace("seed: 1", "sedd: 1"), 2, "sedd", "Maksud Anda 'seed'?"),
    ("missing-seed", "nama: x\n", 1, "seed", "wajib diisi"),
    ("negative-size", BASE.replace("500", "-5"), 4, "populasi.jumlah_asn", ">= 20"),
    ("text-size", BASE.replace("500", "banyak"), 4, "populasi.jumlah_asn", "bilangan bulat"),
    ("wilayah", BASE + "  wilayah: mamujo\n", 5, "populasi.wilayah", "Maksud Anda 'mamuju'?"),
    ("shares-sum", BASE + "  komposisi:\n    jenis_jabatan: {struktural: 0.5, fungsional: 0.7, pelaksana: 0.2}\n",
     6, "populasi.komposisi.jenis_jabatan", "jumlah proporsi harus 1"),
    ("share-above-1", BASE + "  komposisi:\n    pppk: 1.5\n", 6, "populasi.komposisi.pppk", "<= 1"),
    ("guru-nakes", BASE + "  komposisi:\n    guru: 0.6\n    nakes: 0.3\n", 5,
     "populasi.komposisi", "guru + nakes"),
    ("truth-key", BASE + "kebenaran:\n  distribusi: {sangat_baik: 0.1, bagus: 0.6, butuh_perbaikan: 0.2, kurang: 0.07, sangat_kurang: 0.03}\n",
     6, "kebenaran.distribusi.bagus", "bidang tidak dikenal"),
    ("korelasi", BASE + "kebenaran:\n  korelasi_hasil_perilaku: 2\n", 6,
     "kebenaran.korelasi_hasil_perilaku", "<= 0.99"),
    ("penilai-typo", BASE + "penilai:\n  leniensi_rataa: 0.5\n", 6, "penilai.leniensi_rataa",
     "Maksud Anda 'leniensi_rata'?"),
    ("survei-bool", BASE + "survei:\n  aktif: mungkin\n", 6, "survei.aktif", "true atau false"),
    ("min-max", BASE + "indikator:\n  jumlah_min: 5\n  jumlah_maks: 3\n", 5, "indikator",
     "jumlah_min tidak boleh melebihi jumlah_maks"),
    ("yaml-syntax", BASE + "penilai: [\n", 6, None, "tidak dapat dibaca"),
    ("not-mapping", "- a\n- b\n", 1, None, "pemetaan"),
    ("rule-id", BASE + "aturan:\n  - id: Reformasi IKM\n    aturan: mamuju_ikm\n", 6,
     "aturan.0.id", "huruf kecil"),
]


@pytest.mark.parametrize("text,line,field,phrase", [m[1:] for m in MALFORMED],
                         ids=[m[0] for m in MALFORMED])
def test_malformed_scenario_is_located(tmp_path, text, line, field, phrase):
    f = tmp_path / "skenario.yaml"
    f.write_text(text)
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    msg = str(info.value)
    assert str(f) in msg
    assert "Traceback" not in msg
    first = next(m for m in info.value.masalah if field is None or m.bidang == field)
    assert first.baris == line, msg
    assert phrase in msg, msg


def test_messages_switch_to_english(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(BASE.replace("seed: 1", "sedd: 1"))
    set_lang("en")
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    assert "Did you mean 'seed'?" in str(info.value)
    assert "line 2" in str(info.value)


def test_missing_file_is_located(tmp_path):
    with pytest.raises(SimkitError) as info:
        load_scenario(tmp_path / "tidak_ada.yaml")
    assert "tidak ditemukan" in str(info.value)


def test_schema_loader_needs_no_higher_layer():
    """``simkit.scenario`` checks its schema alone: reading a scenario imports neither the
    catalogue nor the rules (no registration, no module-name strings)."""
    import subprocess
    import sys

    code = ("import sys; from simkit.scenario import baca_skenario; "
            "baca_skenario({'nama': 'x', 'seed': 1, 'aturan': [{'id': 'a', 'aturan': 'tidak_ada'}]}); "
            "print(sorted(m for m in sys.modules if m.startswith('simkit.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "simkit.rules" not in out.stdout and "simkit.population" not in out.stdout, out.stdout
    assert "register_validator" not in (ROOT / "simkit" / "scenario.py").read_text()


def test_public_loader_composes_catalogue_then_rules(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(BASE + "penilai:\n  per_opd: {dinkess: {leniensi_rata: 0.1}}\n"
                 "aturan:\n  - id: a\n    aturan: permenpanrb_6_2023\n")
    assert baca_skenario(f).penilai.per_opd["dinkess"].leniensi_rata == 0.1  # schema only
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    kode = [(m.kode, m.bidang, m.baris) for m in info.value.masalah]
    assert kode == [("opd_tidak_dikenal", "penilai.per_opd.dinkess", 6),
                    ("aturan_tidak_dikenal", "aturan[0].aturan", 9)], kode


def test_validation_errors_carry_structured_context():
    """Custom checks raise pydantic's PydanticCustomError: an error type and a ``ctx`` dict,
    no text to split back."""
    from pydantic import ValidationError

    from simkit.scenario import Scenario

    dist = {"sangat_baik": 0.1, "bagus": 0.6, "butuh_perbaikan": 0.2, "kurang": 0.07,
            "sangat_kurang": 0.03}
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate({"nama": "x", "seed": 1, "kebenaran": {"distribusi": dist}})
    (err,) = info.value.errors()
    assert err["type"] == "kunci_tidak_dikenal"
    assert err["ctx"]["kunci"] == "distribusi.bagus" and "baik" in err["ctx"]["diizinkan"]
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate({"nama": "x", "seed": 1, "populasi": {"komposisi": {
            "jenis_jabatan": {"struktural": 0.5, "fungsional": 0.7, "pelaksana": 0.2}}}})
    (err,) = info.value.errors()
    assert (err["type"], err["ctx"]) == ("jumlah_bagian", {"jumlah": "1.4000"})


def test_duplicate_key_is_refused_with_both_lines(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(BASE + "seed: 7\n")
    first = BASE.splitlines().index(next(x for x in BASE.splitlines() if x.startswith("seed:"))) + 1
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    msg = str(info.value)
    assert f"baris {len(BASE.splitlines()) + 1}" in msg and "bidang 'seed'" in msg
    assert f"pertama di baris {first}" in msg
    set_lang("en")
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    assert f"first on line {first}" in str(info.value)


def test_duplicate_key_inside_a_mapping_is_refused(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("nama: x\nseed: 1\npenilai:\n  halo: 0.5\n  noise_sd: 0.4\n  halo: 0.6\n")
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    assert "baris 6" in str(info.value) and "penilai.halo" in str(info.value)
    assert "pertama di baris 4" in str(info.value)


def test_missing_file_suggests_a_near_name(tmp_path):
    (tmp_path / "mamuju_baseline.yaml").write_text(BASE)
    with pytest.raises(SimkitError) as info:
        load_scenario(tmp_path / "mamuju_basline.yaml")
    assert "mamuju_baseline.yaml" in str(info.value)
    with pytest.raises(SimkitError) as info:
        load_scenario(tmp_path / "zzz.yaml")
    assert "Maksud Anda" not in str(info.value)


def test_deciding_criteria_are_checked(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(BASE + "perbandingan:\n  kriteria_penentu: [akurasi, kadilan]\n")
    with pytest.raises(SimkitError) as info:
        load_scenario(f)
    msg = str(info.value)
    assert "baris 6" in msg and "perbandingan.kriteria_penentu[1]" in msg
    assert "Maksud Anda 'keadilan'?" in msg
