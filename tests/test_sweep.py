"""Sweep: grid parsing and validation, executors giving identical tables, the IKM weight example.

One Dask LocalCluster on 127.0.0.1 (2 workers) is shared by the module; the tiny sweeps use a
300-ASN scenario with the national rule and the ``mamuju_ikm`` reform.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from simkit.cli import main
from simkit.errors import SimkitError
from simkit.orchestration import executors
from simkit.orchestration.skenario import load_scenario
from simkit.orchestration.sweep import (
    buat_tugas,
    daftar_seed,
    jalankan_tugas,
    metrik_skenario,
    metrik_sweep,
    periksa_grid,
    siapkan_sapuan,
    sweep,
    urai_nilai,
    urai_set,
)

IKM = "aturan.ikm.bobot_ikm"
SKENARIO = {
    "nama": "uji sweep",
    "seed": 4242,
    "populasi": {"jumlah_asn": 300},
    "aturan": [
        {"id": "nasional", "aturan": "permenpanrb_6_2022"},
        {"id": "ikm", "aturan": "mamuju_ikm", "parameter": {"bobot_ikm": 0.2}},
    ],
}


@pytest.fixture(scope="module")
def skenario():
    return load_scenario(SKENARIO)


@pytest.fixture(scope="module")
def hasil_inproses(skenario):
    return sweep(skenario, {IKM: [0, 0.3]}, seeds=2)


@pytest.fixture(scope="module")
def klaster():
    """Address of a 2-worker LocalCluster on 127.0.0.1, started by the ``"local"`` executor."""
    ex = executors.Dask(executors.DASK_LOKAL, workers=2)
    address = ex.client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:") and ex.paralel == 2
    yield address
    ex.close()


# --------------------------------------------------------------------------- parsing, validation


def test_urai_set_parses_yaml_scalars():
    grid = urai_set(["indikator.noise_sd=0.05,1e-1", "survei.aktif=true,false", f"{IKM}=0,0.1"])
    assert grid == {"indikator.noise_sd": [0.05, 0.1], "survei.aktif": [True, False],
                    IKM: [0, 0.1]}


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_urai_nilai_reads_back_any_float(x):
    assert urai_nilai(repr(x)) == x


@pytest.mark.parametrize("arg", ["indikator.noise_sd", "=0.1", "indikator.noise_sd=0.1,,0.2"])
def test_urai_set_bad_format_is_located(arg):
    with pytest.raises(SimkitError) as e:
        urai_set([arg])
    assert e.value.masalah[0].berkas == "--set" and repr(arg) in str(e.value)


def test_seeds_n_means_scenario_seed_onwards(skenario):
    assert daftar_seed(skenario, 3) == [4242, 4243, 4244]
    assert daftar_seed(skenario, [7, 1]) == [7, 1]
    for bad in (0, [1, 1], [-1], "3"):
        with pytest.raises(SimkitError):
            daftar_seed(skenario, bad)


@pytest.mark.parametrize(("path", "saran"), [
    ("indikator.nose_sd", "indikator.noise_sd"),
    ("penilaii.leniensi_rata", "penilai.leniensi_rata"),
    ("aturan.ikn.bobot_ikm", IKM),
    ("aturan.ikm.bobot_ikmm", IKM),
])
def test_unknown_path_did_you_mean(skenario, path, saran):
    with pytest.raises(SimkitError) as e:
        periksa_grid(skenario, {path: [0.1]}, "--set")
    m = e.value.masalah[0]
    assert (m.kode, m.berkas, m.bidang, m.saran) == ("bidang_tidak_dikenal", "--set", path, saran)
    assert f"Maksud Anda '{saran}'" in str(e.value)


def test_seed_and_sections_are_not_grid_values(skenario):
    with pytest.raises(SimkitError, match="--seeds"):
        periksa_grid(skenario, {"seed": [1, 2]})
    with pytest.raises(SimkitError) as e:
        periksa_grid(skenario, {"indikator": [1]})
    assert "indikator.noise_sd" in e.value.masalah[0].diharapkan


def test_bad_values_get_the_validators_message_located(skenario):
    with pytest.raises(SimkitError) as e:
        periksa_grid(skenario, {"indikator.noise_sd": [0.1, 5], IKM: [0.1, "banyak", -1]}, "--set")
    found = {(m.bidang, m.ditemukan) for m in e.value.masalah}
    assert found == {("indikator.noise_sd", "5"), (IKM, "'banyak'"), (IKM, "-1")}
    assert all(m.berkas == "--set" for m in e.value.masalah)
    assert "<= 1" in str(e.value)  # Indikator.noise_sd le=1 (scenario model)


def test_mapping_leaf_and_rule_cross_check_before_running(skenario):
    # mutu A's lower bound must stay above mutu B's (76.61, PermenPANRB 14/2017): 70 is refused
    with pytest.raises(SimkitError) as e:
        periksa_grid(skenario, {"aturan.ikm.batas_mutu.A": [90, 70]}, "--set")
    (m,) = e.value.masalah
    assert (m.kode, m.bidang, m.ditemukan) == ("reformasi_ambang_urut", "aturan.ikm.batas_mutu.A",
                                               "70")


def test_bad_combination_is_located(skenario):
    grid = {"indikator.jumlah_min": [2, 5], "indikator.jumlah_maks": [4, 6]}
    with pytest.raises(SimkitError) as e:
        periksa_grid(skenario, grid, "--set")
    assert len(e.value.masalah) == 1
    assert e.value.masalah[0].berkas == "--set indikator.jumlah_min=5, indikator.jumlah_maks=4"


def test_grid_points_in_product_order(skenario):
    r = siapkan_sapuan(skenario, {"penilai.halo": [0.2, 0.4], IKM: [0, 0.1, 0.2]}, seeds=[9, 3])
    assert r.titik[:4] == ({"penilai.halo": 0.2, IKM: 0}, {"penilai.halo": 0.2, IKM: 0.1},
                           {"penilai.halo": 0.2, IKM: 0.2}, {"penilai.halo": 0.4, IKM: 0})
    assert (r.seeds, r.jumlah_jalan) == ((9, 3), 12)


def test_rule_only_grids_share_one_population_per_seed(skenario):
    titik = [{IKM: v} for v in (0, 0.1, 0.2, 0.3)]
    serial = buat_tugas(skenario, titik, [1, 2], ["akurasi"], paralel=1)
    assert [(t.seed, len(t.titik)) for t in serial] == [(1, 4), (2, 4)]
    # more workers than populations: groups are split so every worker has a task
    assert [len(t.titik) for t in buat_tugas(skenario, titik, [1, 2], ["akurasi"], 4)] == [2] * 4
    # a scenario field changes the population: one task per (point, seed)
    noise = [{"indikator.noise_sd": v} for v in (0.05, 0.1)]
    assert len(buat_tugas(skenario, noise, [1, 2], ["akurasi"], paralel=1)) == 4


def test_scenario_without_rules_sweeps_the_rules_run_compares():
    from simkit.kosakata import ATURAN_NASIONAL as ATURAN_BAWAAN

    r = siapkan_sapuan({"nama": "x", "seed": 1}, {"aturan.pp30_2019.bobot_skp": [0.5, 0.7]})
    assert tuple(a.id for a in r.skenario.aturan) == ATURAN_BAWAAN
    assert r.titik == ({"aturan.pp30_2019.bobot_skp": 0.5}, {"aturan.pp30_2019.bobot_skp": 0.7})


# --------------------------------------------------------------------------- running


def test_ikm_weight_example_one_row_per_value_seed_rule(hasil_inproses):
    df = hasil_inproses
    assert df.columns[:4].tolist() == [IKM, "seed", "aturan", "rule_id"]
    assert len(df) == 2 * 2 * 2
    assert df[[IKM, "seed", "aturan"]].values.tolist() == [
        [0.0, 4242, "nasional"], [0.0, 4242, "ikm"], [0.0, 4243, "nasional"], [0.0, 4243, "ikm"],
        [0.3, 4242, "nasional"], [0.3, 4242, "ikm"], [0.3, 4243, "nasional"], [0.3, 4243, "ikm"]]
    for col in ("akurasi", "kappa_kuadratik", "spearman_peringkat", "selisih_abs_opd",
                "biaya_tpp_tahunan", "proporsi_naik"):
        assert col in df.columns
    assert df["akurasi"].between(0, 1).all() and df["kappa_kuadratik"].notna().all()
    # bobot_ikm 0 is the national rule exactly (mamuju_ikm docstring): same metrics, nobody moves
    nol = df[df[IKM] == 0].set_index(["seed", "aturan"])
    for seed in (4242, 4243):
        a, b = nol.loc[(seed, "nasional")], nol.loc[(seed, "ikm")]
        assert a["akurasi"] == b["akurasi"] and a["biaya_tpp_tahunan"] == b["biaya_tpp_tahunan"]
        assert (b["proporsi_naik"], b["proporsi_turun"]) == (0.0, 0.0)


def test_population_reuse_gives_the_same_rows_as_separate_runs(skenario, hasil_inproses):
    from simkit.population.generate import generate

    s = load_scenario({**SKENARIO, "aturan": [
        {"id": "nasional", "aturan": "permenpanrb_6_2022"},
        {"id": "ikm", "aturan": "mamuju_ikm", "parameter": {"bobot_ikm": 0.3}}]})
    alone = metrik_skenario(generate(s, seed=4243), s, list(metrik_sweep()))
    rows = hasil_inproses[(hasil_inproses[IKM] == 0.3) & (hasil_inproses["seed"] == 4243)]
    pd.testing.assert_frame_equal(rows.drop(columns=[IKM, "seed"]).reset_index(drop=True),
                                  alone.drop(columns="_urutan"))


def test_same_seeds_same_table(skenario, hasil_inproses):
    pd.testing.assert_frame_equal(sweep(skenario, {IKM: [0, 0.3]}, seeds=2), hasil_inproses)


def test_processes_give_the_identical_table(skenario, hasil_inproses):
    df = sweep(skenario, {IKM: [0, 0.3]}, seeds=2, executor="proses", workers=2)
    pd.testing.assert_frame_equal(df, hasil_inproses)


def test_dask_gives_the_identical_table(skenario, hasil_inproses, klaster):
    df = sweep(skenario, {IKM: [0, 0.3]}, seeds=2, dask_address=klaster)
    pd.testing.assert_frame_equal(df, hasil_inproses)


def test_dask_unreachable_address_is_a_located_message(skenario, monkeypatch):
    monkeypatch.setattr(executors, "BATAS_SAMBUNG_DETIK", 1)
    with pytest.raises(SimkitError) as e:
        sweep(skenario, {IKM: [0]}, dask_address="tcp://127.0.0.1:9")
    m = e.value.masalah[0]
    assert (m.kode, m.berkas, m.ditemukan) == ("dask_tidak_terjangkau", "--dask",
                                               "'tcp://127.0.0.1:9'")
    assert "1 detik" in str(e.value)


def test_simkit_error_in_a_worker_comes_back_intact(skenario, klaster):
    bad = buat_tugas(skenario, [{"indikator.noise_sd": 9}], [1], ["akurasi"])[0]
    with pytest.raises(SimkitError) as local:
        jalankan_tugas(bad)
    with executors.buat_executor("dask", dask_address=klaster) as ex:
        with pytest.raises(SimkitError) as remote:
            ex.map(jalankan_tugas, [bad])
    assert remote.value.masalah == local.value.masalah
    assert remote.value.masalah[0].bidang == "indikator.noise_sd"


# --------------------------------------------------------------------------- CLI


def test_cli_sweep_writes_table_and_prints_summary(tmp_path, capsys):
    sc = tmp_path / "s.yaml"
    sc.write_text(yaml.safe_dump(SKENARIO), encoding="utf-8")
    out = tmp_path / "hasil.csv"
    code = main(["sweep", str(sc), "--set", f"{IKM}=0,0.3", "--metrik", "akurasi",
                 "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0, text
    df = pd.read_csv(out)
    assert len(df) == 4 and "kappa_kuadratik" in df.columns and "biaya_tpp_tahunan" not in df
    assert "Tepat kelas" in text and "Aturan" in text  # Indonesian headers
    m = json.loads((tmp_path / "hasil.csv.manifest.json").read_text("utf-8"))
    assert m["seeds"] == [SKENARIO["seed"]] and m["jumlah_baris"] == 4
    assert m["grid"] == [{IKM: 0}, {IKM: 0.3}] and len(m["skenario"]["hash"]) == 64
    assert m["berkas"][0]["berkas"] == "hasil.csv" and "simkit" in m["versi"]
    code = main(["--lang", "en", "sweep", str(sc), "--set", f"{IKM}=0", "--metrik", "akurasi",
                 "--out", str(tmp_path / "h.parquet")])
    assert code == 0 and "Rule" in capsys.readouterr().out


def test_cli_sweep_bad_path_exit_2(tmp_path, capsys):
    sc = tmp_path / "s.yaml"
    sc.write_text(yaml.safe_dump(SKENARIO), encoding="utf-8")
    assert main(["sweep", str(sc), "--set", "aturan.ikm.bobot=0,0.1"]) == 2
    err = capsys.readouterr().err
    assert "--set" in err and f"Maksud Anda '{IKM}'" in err and "Traceback" not in err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cli_help_lists_every_metric_group(lang):
    from simkit.i18n import t

    teks = t("cli.sweep.metrik", lang, grup=", ".join(metrik_sweep()))
    assert all(g in teks for g in metrik_sweep()) and "kesepakatan_penilai" in teks
