"""The sweep report (issue 10 §5): progress bar, reuse of unchanged rules' evaluations, one
number format, charts with a t band over seeds, the offline HTML and the Excel workbook.

Small sweeps: 300 ASN, the national rule and the ``mamuju_ikm`` reform, 2 values × 2 seeds.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

import simkit.rules
from simkit.cli import main
from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.orchestration import sweep as sweep_mod
from simkit.orchestration.skenario import load_scenario
from simkit.orchestration.sweep import (
    siapkan_sapuan,
    sweep,
    teks_ringkas,
    tulis_folder_sweep,
)
from simkit.report.grafik_sapuan import grafik_metrik, nama_berkas
from simkit.report.sapuan import kolom_metrik, pita, teks_kolom
from simkit.tables import sha256_berkas

IKM = "aturan.ikm.bobot_ikm"
NOISE = "indikator.noise_sd"
SKENARIO = {
    "nama": "uji laporan sweep",
    "seed": 4242,
    "populasi": {"jumlah_asn": 300},
    "aturan": [
        {"id": "nasional", "aturan": "permenpanrb_6_2022"},
        {"id": "ikm", "aturan": "mamuju_ikm", "parameter": {"bobot_ikm": 0.2}},
    ],
}
URL = re.compile(r"https?://|//cdn|src=\"(?!data:)", re.I)


@pytest.fixture(scope="module")
def skenario():
    return load_scenario(SKENARIO)


@pytest.fixture(scope="module")
def dua_parameter(skenario):
    """2 IKM weights × 2 noise levels × 2 seeds, the accuracy group only."""
    r = siapkan_sapuan(skenario, {IKM: [0, 0.3], NOISE: [0.05, 0.1]}, seeds=2,
                       metrics="akurasi")
    return r, sweep_mod.jalankan(r)


# --------------------------------------------------------------------------- reuse


def _hitung_evaluasi(monkeypatch):
    asli = simkit.rules.evaluate
    hitungan = []

    def mata_mata(pop, rule, params=None):
        hitungan.append(rule)
        return asli(pop, rule, params)

    monkeypatch.setattr(simkit.rules, "evaluate", mata_mata)
    return hitungan


def test_unchanged_rules_are_evaluated_once_per_population_same_table(skenario, monkeypatch):
    grid = {IKM: [0, 0.1, 0.3]}
    hitungan = _hitung_evaluasi(monkeypatch)
    dengan = sweep(skenario, grid, seeds=2)
    # 2 populations: the national rule once each, the reform once per weight
    assert sorted(hitungan) == ["mamuju_ikm"] * 6 + ["permenpanrb_6_2022"] * 2
    hitungan.clear()
    asli = sweep_mod.metrik_skenario
    monkeypatch.setattr(sweep_mod, "metrik_skenario",
                        lambda pop, s, m, cache=None: asli(pop, s, m, None))
    tanpa = sweep(skenario, grid, seeds=2)  # as before the optimisation: every rule every time
    assert sorted(hitungan) == ["mamuju_ikm"] * 6 + ["permenpanrb_6_2022"] * 6
    pd.testing.assert_frame_equal(dengan, tanpa)
    # the table keeps every (point, seed, rule) row; the summary shows the unchanged rule once
    assert (dengan["aturan"] == "nasional").sum() == 3 * 2
    for lang, semua in (("id", "semua"), ("en", "all")):
        baris = teks_ringkas(dengan, lang).splitlines()[1:]
        nasional = [b for b in baris if "nasional" in b]
        assert len(nasional) == 1 and nasional[0].split()[0] == semua
        assert len([b for b in baris if " ikm " in f" {b} "]) == 3


def test_a_changed_population_is_evaluated_afresh(skenario, monkeypatch):
    hitungan = _hitung_evaluasi(monkeypatch)
    sweep(skenario, {NOISE: [0.05, 0.1]}, seeds=1, metrics="akurasi")
    assert sorted(hitungan) == ["mamuju_ikm", "mamuju_ikm", "permenpanrb_6_2022",
                                "permenpanrb_6_2022"]


# --------------------------------------------------------------------------- band, numbers


def test_band_is_the_t_interval_over_seeds_worked_by_hand():
    df = pd.DataFrame({"p": [0.1] * 3 + [0.2], "seed": [1, 2, 3, 1], "aturan": ["a"] * 4,
                       "rule_id": ["r"] * 4, "akurasi": [0.5, 0.6, 0.7, 0.9]})
    b = pita(df)
    # three seeds: mean 0.6, sd 0.1, se 0.1/sqrt(3) = 0.057735; t(0.975, 2) = 4.302653
    # half-width 4.302653 × 0.057735 = 0.248414
    r0 = b.iloc[0]
    assert (r0["p"], r0["metrik"], r0["n_seed"]) == (0.1, "akurasi", 3)
    assert r0["rata"] == pytest.approx(0.6)
    assert (r0["bawah"], r0["atas"]) == (pytest.approx(0.6 - 0.248414, abs=1e-6),
                                         pytest.approx(0.6 + 0.248414, abs=1e-6))
    # one seed: the mean, no band
    r1 = b.iloc[1]
    assert r1["rata"] == pytest.approx(0.9) and math.isnan(r1["bawah"]) and math.isnan(r1["atas"])
    # the chart draws exactly that band
    fig = grafik_metrik(b, "p", "akurasi", ["p"], "id")
    ax = fig.axes[0]
    y = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert np.nanmin(y) == pytest.approx(0.351586, abs=1e-6)
    assert np.nanmax(y) == pytest.approx(0.848414, abs=1e-6)
    assert ax.lines[0].get_ydata().tolist() == pytest.approx([0.6, 0.9])
    assert fig.get_size_inches()[0] == 7.0


def test_one_number_format_in_both_languages():
    assert teks_kolom("akurasi", pd.Series([0.657]), "id") == ["65,7 %"]
    assert teks_kolom("akurasi", pd.Series([0.657]), "en") == ["65.7%"]
    assert teks_kolom("biaya_tpp_tahunan", pd.Series([9.5e9]), "en") == ["Rp 9.5 bn"]
    assert teks_kolom("kappa_kuadratik", pd.Series([0.63412]), "id") == ["0,634"]
    assert teks_kolom("n_seed", pd.Series([2]), "id") == ["2"]


def test_cli_summary_uses_the_report_format(dua_parameter):
    _, df = dua_parameter
    id_, en = teks_ringkas(df, "id"), teks_ringkas(df, "en")
    assert re.search(r"\d+,\d %", id_) and "Tepat kelas" in id_ and "Jumlah seed" in id_
    assert re.search(r"\d+\.\d%", en) and "Exact class" in en and "0,05" not in en
    assert "0,05" in id_  # grid values too


# --------------------------------------------------------------------------- report folder


def test_report_folder_tables_workbook_charts_html_manifest(dua_parameter, tmp_path):
    r, df = dua_parameter
    out = tulis_folder_sweep(df, r, tmp_path / "lap", "id")
    for name in ("sapuan", "sapuan_ringkasan", "sapuan_pita"):
        assert (out / "tabel" / f"{name}.csv").is_file()
        assert (out / "tabel" / f"{name}.parquet").is_file()
    pd.testing.assert_frame_equal(pd.read_parquet(out / "tabel" / "sapuan.parquet"), df,
                                  check_like=False)
    # one chart per swept parameter and metric with a value
    metrik = [m for m in kolom_metrik(df) if df[m].notna().any()]
    assert "akurasi" in metrik and "kappa_kuadratik" in metrik
    harap = {nama_berkas(p, m) for p in (IKM, NOISE) for m in metrik}
    assert {p.name for p in (out / "grafik").glob("*.png")} == harap
    teks = (out / "laporan.html").read_text("utf-8")
    assert not URL.search(teks)
    assert teks.count('src="data:image/png;base64,') == len(harap)
    assert '<html lang="id">' in teks and "Laporan sweep — uji laporan sweep" in teks
    assert "Tepat kelas menurut aturan.ikm.bobot_ikm" in teks and "table.simkit" in teks
    wb = openpyxl.load_workbook(out / "laporan.xlsx", read_only=True)
    assert wb.sheetnames == ["tentang", "sapuan_ringkasan", "sapuan_pita", "sapuan"]
    kepala = [c.value for c in next(wb["sapuan_pita"].iter_rows(max_row=1))]
    assert "Rata-rata atas seed" in kepala and "Batas bawah selang kepercayaan" in kepala
    m = json.loads((out / "manifest.json").read_text("utf-8"))
    assert m["jenis"] == "sapuan" and m["seeds"] == [4242, 4243] and m["bahasa"] == "id"
    assert len(m["grid"]) == 4 and m["skenario"]["hash"] == r.skenario.hash()
    berkas = {b["berkas"]: b["sha256"] for b in m["berkas"]}
    assert berkas["laporan.html"] == sha256_berkas(out / "laporan.html")
    assert {"laporan.xlsx", "tabel/sapuan.csv"} <= set(berkas)


def test_report_in_english(dua_parameter, tmp_path):
    r, df = dua_parameter
    out = tulis_folder_sweep(df, r, tmp_path / "en", "en")
    teks = (out / "laporan.html").read_text("utf-8")
    assert '<html lang="en">' in teks and "Sweep report" in teks and "Summary" in teks
    assert "Exact class against indikator.noise_sd" in teks and not URL.search(teks)
    wb = openpyxl.load_workbook(out / "laporan.xlsx", read_only=True)
    kepala = [c.value for c in next(wb["sapuan_pita"].iter_rows(max_row=1))]
    assert "Mean over seeds" in kepala
    assert json.loads((out / "manifest.json").read_text("utf-8"))["bahasa"] == "en"


def test_folder_guard_refuses_another_kind_and_replaces_a_sweep(dua_parameter, tmp_path):
    r, df = dua_parameter
    lain = tmp_path / "run"
    lain.mkdir()
    (lain / "manifest.json").write_text(json.dumps({"jenis": "laporan"}), "utf-8")
    with pytest.raises(SimkitError) as e:
        tulis_folder_sweep(df, r, lain, "id")
    assert e.value.masalah[0].kode == "keluaran_berisi_lain"
    assert "laporan sweep simkit" in str(e.value)
    out = tulis_folder_sweep(df, r, tmp_path / "s", "id")
    tulis_folder_sweep(df, r, out, "id")  # an earlier sweep report is replaced
    tulis_folder_sweep(df, r, lain, "id", timpa=True)
    assert json.loads((lain / "manifest.json").read_text("utf-8"))["jenis"] == "sapuan"


# --------------------------------------------------------------------------- progress, CLI


def test_progress_bar_counts_simulation_runs(skenario, capsys):
    sweep(skenario, {IKM: [0, 0.3]}, seeds=2, metrics="akurasi", progress=True)
    err = capsys.readouterr().err
    assert "Simulasi sweep" in err and "4/4" in err
    sweep(skenario, {IKM: [0]}, seeds=1, metrics="akurasi", progress=True, lang="en")
    assert "Sweep runs" in capsys.readouterr().err


@pytest.fixture
def berkas_skenario(tmp_path):
    sc = tmp_path / "s.yaml"
    sc.write_text(yaml.safe_dump(SKENARIO), encoding="utf-8")
    return sc


def test_cli_sweep_folder_report_and_exit_codes(berkas_skenario, tmp_path, capsys):
    out = tmp_path / "lap"
    argv = ["sweep", str(berkas_skenario), "--set", f"{IKM}=0,0.3", "--jumlah-seed", "2",
            "--metrik", "akurasi", "--keluaran", str(out), "--tanpa-progres"]
    assert main(argv) == 0
    cap = capsys.readouterr()
    assert "Simulasi sweep" not in cap.err
    assert "laporan.html" in cap.out and "Tepat kelas" in cap.out and " %" in cap.out
    assert (out / "laporan.html").is_file() and (out / "laporan.xlsx").is_file()
    assert json.loads((out / "manifest.json").read_text("utf-8"))["jenis"] == "sapuan"
    # English report with --bahasa en, replacing the earlier sweep report
    assert main([*argv, "--bahasa", "en"]) == 0
    assert "Exact class" in capsys.readouterr().out
    assert '<html lang="en">' in (out / "laporan.html").read_text("utf-8")
    # a folder of another kind: exit 2, located, nothing run
    pop = tmp_path / "pop"
    pop.mkdir()
    (pop / "manifest.json").write_text(json.dumps({"jenis": "populasi"}), "utf-8")
    set_lang("id")
    assert main([*argv[:-2], str(pop), "--tanpa-progres"]) == 2
    err = capsys.readouterr().err
    assert "populasi simkit" in err and "--timpa" in err and "Traceback" not in err


def test_unknown_suffix_is_refused_before_running(skenario, tmp_path, monkeypatch):
    hitungan = _hitung_evaluasi(monkeypatch)
    with pytest.raises(SimkitError) as e:
        sweep(skenario, {IKM: [0]}, out=tmp_path / "hasil.txt")
    m = e.value.masalah[0]
    assert (m.berkas, m.ditemukan) == (str(tmp_path / "hasil.txt"), ".txt")
    assert ".csv" in m.diharapkan and "folder" in m.diharapkan and not hitungan
