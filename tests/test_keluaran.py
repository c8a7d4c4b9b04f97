"""No command destroys what it did not write (``periksa_folder_keluaran``)."""

from __future__ import annotations

import json

import pytest
import yaml

from simkit.cli import main
from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.manifest import jenis_folder, periksa_folder_keluaran
from simkit.orchestration.run import run

SKENARIO = {"nama": "uji keluaran", "seed": 3, "populasi": {"jumlah_asn": 60},
            "aturan": [{"id": "dasar", "aturan": "permenpanrb_6_2022"}]}


@pytest.fixture
def skenario(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "uji.yaml"
    f.write_text(yaml.safe_dump(SKENARIO), encoding="utf-8")
    yield f
    set_lang(None)


def test_generate_and_run_have_separate_default_folders(skenario, capsys):
    assert main(["generate", str(skenario)]) == 0
    pop = skenario.parent / "keluaran" / "uji-populasi"
    assert jenis_folder(pop) == "populasi"
    assert json.loads((pop / "manifest.json").read_text())["jenis"] == "populasi"
    assert not (skenario.parent / "keluaran" / "uji").exists()


def test_generate_refuses_a_report_folder(skenario, tmp_path, capsys):
    lap = tmp_path / "lap"
    run(skenario, lap, progress=False, laporan=False)
    assert jenis_folder(lap) == "laporan"
    before = sorted(p.name for p in lap.iterdir())
    assert main(["generate", str(skenario), "--out", str(lap)]) == 2
    err = capsys.readouterr().err
    assert "lap" in err and "laporan simkit" in err and "--timpa" in err
    assert sorted(p.name for p in lap.iterdir()) == before
    assert main(["generate", str(skenario), "--out", str(lap), "--timpa"]) == 0
    assert jenis_folder(lap) == "populasi"


def test_run_refuses_a_population_and_a_users_folder(skenario, tmp_path, capsys):
    pop = tmp_path / "pop"
    assert main(["generate", str(skenario), "--out", str(pop)]) == 0
    with pytest.raises(SimkitError) as e:
        run(skenario, pop, progress=False, laporan=False)
    assert "populasi simkit" in str(e.value)
    milik = tmp_path / "dokumen"
    milik.mkdir()
    (milik / "catatan.txt").write_text("punya saya")
    set_lang("en")
    assert main(["run", str(skenario), "--out", str(milik), "--tanpa-progres"]) == 2
    err = capsys.readouterr().err
    assert "other files that are not simkit output" in err and "--overwrite" in err
    assert (milik / "catatan.txt").read_text() == "punya saya"


def test_same_kind_and_empty_folders_are_replaced(tmp_path):
    (tmp_path / "kosong").mkdir()
    periksa_folder_keluaran(tmp_path / "kosong", "laporan")
    periksa_folder_keluaran(tmp_path / "belum_ada", "populasi")
    lama = tmp_path / "lama"
    lama.mkdir()
    (lama / "manifest.json").write_text(json.dumps({"jumlah_baris": {}, "format": ["csv"]}))
    assert jenis_folder(lama) == "populasi"  # a manifest written before ``jenis``
    periksa_folder_keluaran(lama, "populasi")
    with pytest.raises(SimkitError):
        periksa_folder_keluaran(lama, "laporan")
    berkas = tmp_path / "berkas.txt"
    berkas.write_text("x")
    with pytest.raises(SimkitError) as e:
        periksa_folder_keluaran(berkas, "laporan")
    assert e.value.masalah[0].kode == "keluaran_bukan_folder"
