"""write_population / load_population: round trips, stable bytes, manifest, atomicity, pseudonyms."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simkit.population.io as pio
from simkit.errors import SimkitError
from simkit.population.importer import load_population
from simkit.population.io import write_population
from simkit.population.model import Population
from simkit.population.pseudonym import ambil_garam, pseudonim_nip
from simkit.population.schema import TABLES
from simkit.population.validate import validate_population

VALID = Path(__file__).parent / "fixtures" / "impor_valid"
NIP_ASLI = ["197003151995031001", "197208011998122001", "198011202005011001",
            "199506302019042001", "198801052010021001"]
NAMA_ASLI = ["Andi Mappaturung", "Sitti Rahmawati", "Muhammad Arsyad", "Nurul Hidayah",
             "Rahmat Hidayat"]


@pytest.fixture(autouse=True)
def _garam_terpisah(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real ~/.config: the default salt lives in this test's folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SIMKIT_GARAM", raising=False)


@pytest.fixture(scope="module")
def pop() -> Population:
    """The hand-written fixture, real (synthetic) NIPs kept."""
    return load_population(VALID, pseudonimkan=False)


def assert_sama(a: Population, b: Population) -> None:
    assert list(a.tables()) == list(b.tables())
    for name, df in a.tables().items():
        pd.testing.assert_frame_equal(df, b.tables()[name], check_dtype=False,
                                      check_categorical=False, check_exact=True)


def test_fixture_lengkap_dan_valid(pop: Population) -> None:
    assert pop.row_counts() == {"unit_kerja": 3, "pegawai": 5, "kebenaran": 5,
                                "kebenaran_unit": 3, "iki": 15, "penilaian_perilaku": 8,
                                "perilaku_aspek": 5, "skm": 6, "kinerja_organisasi": 3}
    assert validate_population(pop.tables()) == []
    assert pop.pegawai["nip"].tolist() == NIP_ASLI
    assert pop.meta["dipseudonimkan"] is False and pop.meta["ada_kebenaran"] is True
    assert pop.pegawai["atasan_id"].isna().sum() == 1  # one top: the Sekda
    assert pop.skm["u4"].isna().sum() == 1  # an unanswered item stays missing
    assert pop.pegawai["tanggal_lahir"].iloc[0] == pd.Timestamp("1970-03-15")


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_round_trip(pop: Population, tmp_path: Path, fmt: str) -> None:
    out = write_population(pop, tmp_path / "pop", formats=(fmt,))
    back = load_population(out, pseudonimkan=False)
    assert_sama(pop, back)
    assert set(back.meta["berkas"].values()) == (
        {f"populasi.xlsx[{n}]" for n in TABLES} if fmt == "xlsx" else {f"{n}.{fmt}" for n in TABLES})
    if fmt == "xlsx":  # the workbook alone can be given too
        assert_sama(pop, load_population(out / "populasi.xlsx", pseudonimkan=False))


def test_csv_format(pop: Population, tmp_path: Path) -> None:
    out = write_population(pop, tmp_path / "pop", formats=("csv",))
    lines = (out / "pegawai.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("asn_id,nip,nama,jenis_kelamin,tanggal_lahir,")
    assert lines[1] == ("1,197003151995031001,Andi Mappaturung,L,1970-03-15,1995-03-01,PNS,IV/c,"
                        "Pembina Utama Muda,jpt_pratama,,umum,Sekretaris Daerah,15,1,1,,true,false")
    assert "\r" not in (out / "iki.csv").read_text(encoding="utf-8")
    assert (out / "iki.csv").read_text(encoding="utf-8").splitlines()[1].startswith(
        "1,1,Indeks reformasi birokrasi,nilai,naik,70.0,72.5,0.4,")


def test_tulis_dua_kali_byte_identik(pop: Population, tmp_path: Path) -> None:
    a = write_population(pop, tmp_path / "a")
    b = write_population(pop, tmp_path / "b")
    berkas = sorted(p.name for p in a.iterdir())
    assert berkas == sorted(p.name for p in b.iterdir())
    assert len(berkas) == 2 * len(TABLES) + 1
    for nama in berkas:
        if nama != "manifest.json":
            assert (a / nama).read_bytes() == (b / nama).read_bytes(), nama
    ma, mb = (json.loads((d / "manifest.json").read_text()) for d in (a, b))
    ma.pop("dibuat"), mb.pop("dibuat")
    assert ma == mb


def test_parquet_tanpa_index_dan_kompresi_tetap(pop: Population, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = write_population(pop, tmp_path / "p", formats=("parquet",))
    f = pq.ParquetFile(out / "pegawai.parquet")
    assert f.schema_arrow.names == TABLES["pegawai"].column_names  # no __index_level_0__
    assert f.metadata.row_group(0).column(0).compression == "ZSTD"
    meta = json.loads(f.schema_arrow.metadata[b"pandas"])
    assert meta["index_columns"] == []


def test_manifest(pop: Population, tmp_path: Path) -> None:
    import hashlib

    p2 = Population(**{**{n: getattr(pop, n) for n in TABLES},
                       "meta": {**pop.meta, "seed": 7, "scenario_hash": "abc123",
                                "scenario_nama": "uji"}})
    out = write_population(p2, tmp_path / "m", formats=("csv", "parquet"),
                           manifest_extra={"catatan": "uji"})
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (m["seed"], m["scenario_hash"], m["scenario_nama"], m["catatan"]) == (
        7, "abc123", "uji", "uji")
    assert m["jumlah_baris"] == pop.row_counts()
    assert m["format"] == ["csv", "parquet"]
    assert {"dibuat", "versi"} <= set(m)
    assert len(m["berkas"]) == 2 * len(TABLES)
    for b in m["berkas"]:
        data = (out / b["nama"]).read_bytes()
        assert b["sha256"] == hashlib.sha256(data).hexdigest()
        assert b["ukuran"] == len(data)
    assert "garam" not in json.dumps(m)
    back = load_population(out, pseudonimkan=False)
    assert (back.meta["seed"], back.meta["scenario_hash"]) == (7, "abc123")


def test_format_tidak_dikenal(pop: Population, tmp_path: Path) -> None:
    with pytest.raises(SimkitError) as info:
        write_population(pop, tmp_path / "x", formats=("parket",))
    assert "Maksud Anda 'parquet'?" in str(info.value)
    assert not (tmp_path / "x").exists()


def test_atomik_gagal_di_tengah(pop: Population, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after some files: no target folder; an old folder is left untouched."""
    asli = pio.tulis_csv
    n = {"tulis": 0}

    def gagal(df: pd.DataFrame, path: Path) -> Path:
        n["tulis"] += 1
        if n["tulis"] == 3:
            raise OSError("disk penuh")
        return asli(df, path)

    target = tmp_path / "pop"
    monkeypatch.setattr(pio, "tulis_csv", gagal)
    with pytest.raises(OSError):
        write_population(pop, target, formats=("csv",))
    assert not target.exists()
    assert not any(p.name.startswith(".pop") for p in tmp_path.iterdir())  # no leftovers

    monkeypatch.setattr(pio, "tulis_csv", asli)
    write_population(pop, target, formats=("csv",))
    sebelum = {p.name: p.read_bytes() for p in target.iterdir()}
    n["tulis"] = 0
    monkeypatch.setattr(pio, "tulis_csv", gagal)
    with pytest.raises(OSError):
        write_population(pop, target, formats=("csv",))
    assert {p.name: p.read_bytes() for p in target.iterdir()} == sebelum
    assert not any(p.name.startswith(".pop") for p in tmp_path.iterdir())


def test_tidak_menimpa_folder_lain(pop: Population, tmp_path: Path) -> None:
    target = tmp_path / "dokumen"
    target.mkdir()
    (target / "skripsi.docx").write_bytes(b"penting")
    with pytest.raises(SimkitError) as info:
        write_population(pop, target)
    assert "bukan keluaran simkit" in str(info.value) and "--timpa" in str(info.value)
    assert (target / "skripsi.docx").read_bytes() == b"penting"


# --- pseudonyms --------------------------------------------------------------------------

def _semua_sel(p: Population) -> set[str]:
    out: set[str] = set()
    for df in p.tables().values():
        for c in df.columns:
            out.update(map(str, df[c].tolist()))
    return out


def test_pseudonim_tidak_ada_nip_atau_nama_asli() -> None:
    p = load_population(VALID, garam="garam-uji")
    sel = _semua_sel(p)
    assert not sel & set(NIP_ASLI) and not sel & set(NAMA_ASLI)
    assert not any(n in s for s in sel for n in NIP_ASLI + NAMA_ASLI)
    assert p.pegawai["nip"].str.fullmatch(r"PSN[0-9a-f]{15}").all()
    assert p.pegawai["nama"].str.fullmatch(r"ASN-[0-9a-f]{8}").all()
    assert p.pegawai["nip"].is_unique
    assert p.meta["dipseudonimkan"] is True


def test_pseudonim_stabil_dan_bergantung_garam(monkeypatch: pytest.MonkeyPatch) -> None:
    a = load_population(VALID, garam="satu")
    b = load_population(VALID, garam="satu")
    c = load_population(VALID, garam="dua")
    assert a.pegawai["nip"].tolist() == b.pegawai["nip"].tolist()
    assert a.pegawai["nama"].tolist() == b.pegawai["nama"].tolist()
    assert not set(a.pegawai["nip"]) & set(c.pegawai["nip"])
    monkeypatch.setenv("SIMKIT_GARAM", "satu")
    assert load_population(VALID).pegawai["nip"].tolist() == a.pegawai["nip"].tolist()
    # everything but nip and nama is untouched
    pd.testing.assert_frame_equal(a.pegawai.drop(columns=["nip", "nama"]),
                                  c.pegawai.drop(columns=["nip", "nama"]))


def test_garam_bawaan_dibuat_sekali_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "config" / "simkit" / "garam"
    assert not path.exists()
    a = load_population(VALID)
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    b = load_population(VALID)
    assert a.pegawai["nip"].tolist() == b.pegawai["nip"].tolist()
    assert ambil_garam() == path.read_text().strip().encode()


def test_pseudonim_tidak_dipseudonimkan_ulang(tmp_path: Path) -> None:
    """A pseudonymised population written and read again keeps its pseudonyms."""
    a = load_population(VALID, garam="satu")
    out = write_population(a, tmp_path / "ps", formats=("csv",))
    assert not any(n in (out / "pegawai.csv").read_text() for n in NIP_ASLI)
    b = load_population(out, garam="lain")
    assert_sama(a, b)
    assert b.meta["dipseudonimkan"] is True
    assert pseudonim_nip([a.pegawai["nip"].iloc[0]], b"x")[0] == a.pegawai["nip"].iloc[0]


# --- optional tables ------------------------------------------------------------------------

def test_tanpa_kebenaran_dan_perilaku_aspek(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "impor"
    shutil.copytree(VALID, folder)
    for n in ("kebenaran", "kebenaran_unit", "perilaku_aspek", "skm"):
        (folder / f"{n}.csv").unlink()
    p = load_population(folder, garam="x")
    assert p.kebenaran is None and p.kebenaran_unit is None and p.skm is None
    assert p.meta["ada_kebenaran"] is False and not p.has_truth
    assert p.meta["tabel_tidak_ada"] == ["perilaku_aspek", "skm", "kebenaran", "kebenaran_unit"]
    assert p.perilaku_aspek.empty
    assert list(p.perilaku_aspek.columns) == TABLES["perilaku_aspek"].column_names
    out = write_population(p, tmp_path / "out", formats=("csv",))
    assert not (out / "perilaku_aspek.csv").exists()
    assert load_population(out, garam="x").meta["tabel_tidak_ada"] == p.meta["tabel_tidak_ada"]


def test_kolom_boleh_hilang_diisi_kosong(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "impor"
    shutil.copytree(VALID, folder)
    df = pd.read_csv(folder / "iki.csv", dtype=str)
    df.drop(columns=["target_biaya", "realisasi_biaya"]).to_csv(folder / "iki.csv", index=False)
    p = load_population(folder, garam="x")
    assert p.iki["target_biaya"].isna().all() and "realisasi_biaya" in p.iki
    # the fixture predates the PP 46 SKP additions of perilaku_aspek: an older export still loads
    assert p.meta["kolom_diisi_kosong"] == {"iki": ["target_biaya", "realisasi_biaya"],
                                            "perilaku_aspek": ["tugas_tambahan", "kreativitas"]}
    assert p.perilaku_aspek["tugas_tambahan"].isna().all()
    assert p.perilaku_aspek["kreativitas"].isna().all()


# --- property: numbers survive CSV exactly ------------------------------------------------

@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.floats(min_value=1e-6, max_value=1e12, allow_nan=False, allow_infinity=False),
                min_size=15, max_size=15))
def test_float_csv_tepat(pop: Population, tmp_path_factory: pytest.TempPathFactory,
                         nilai: list[float]) -> None:
    iki = pop.iki.assign(realisasi=np.asarray(nilai), target_biaya=np.asarray(nilai))
    p = Population(**{**{n: getattr(pop, n) for n in TABLES}, "iki": iki, "meta": {}})
    out = write_population(p, tmp_path_factory.mktemp("f") / "p", formats=("csv",))
    back = load_population(out, pseudonimkan=False)
    assert back.iki["realisasi"].to_numpy().tolist() == nilai
    assert back.iki["target_biaya"].to_numpy().tolist() == nilai


def test_salinan_csv_yang_diubah_dipakai(pop: Population, tmp_path: Path) -> None:
    """Parquet and CSV of the same table: a CSV edited after writing is read, not ignored."""
    out = write_population(pop, tmp_path / "pop")  # parquet + csv
    assert load_population(out, pseudonimkan=False).meta["berkas"]["iki"] == "iki.parquet"
    path = out / "iki.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",72.5,", ",73.5,"), encoding="utf-8")
    back = load_population(out, pseudonimkan=False)
    assert back.meta["berkas"]["iki"] == "iki.csv"
    assert back.iki["realisasi"].iloc[0] == 73.5


# --- with the generator -------------------------------------------------------------------

@pytest.fixture(scope="module")
def pop_sintetis() -> Population:
    from simkit.population.generate import generate

    return generate({"nama": "uji_io", "seed": 3, "populasi": {"jumlah_asn": 500}})


def test_populasi_sintetis_valid(pop_sintetis: Population) -> None:
    assert validate_population(pop_sintetis.tables()) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_sintetis_hasil_aturan_sama(pop_sintetis: Population, tmp_path: Path,
                                              fmt: str) -> None:
    """generate -> write -> load gives the same tables and the same result under every rule."""
    import simkit

    out = write_population(pop_sintetis, tmp_path / "pop", formats=(fmt,))
    back = load_population(out, pseudonimkan=False)
    assert_sama(pop_sintetis, back)
    assert back.meta["seed"] == pop_sintetis.meta["seed"]
    assert back.meta["scenario_hash"] == pop_sintetis.meta["scenario_hash"]
    for rule in simkit.list_rules():
        rid = getattr(rule, "id", rule)
        a, b = simkit.evaluate(pop_sintetis, rid), simkit.evaluate(back, rid)
        pd.testing.assert_frame_equal(a.hasil, b.hasil, check_dtype=False,
                                      check_categorical=False, check_exact=True)


def test_sintetis_byte_identik(pop_sintetis: Population, tmp_path: Path) -> None:
    a = write_population(pop_sintetis, tmp_path / "a")
    b = write_population(pop_sintetis, tmp_path / "b")
    for p in a.iterdir():
        if p.name != "manifest.json":
            assert p.read_bytes() == (b / p.name).read_bytes(), p.name


# ----------------------------------------------------------------------------- the table writer

def test_tulis_tabel_menurut_akhiran(tmp_path: Path) -> None:
    from simkit.tables import sha256_berkas, tulis_tabel

    df = pd.DataFrame({"a": [1, None], "b": [True, False],
                       "t": pd.to_datetime(["2026-01-02", None])})
    assert tulis_tabel(df, tmp_path / "x.csv").read_text() == "a,b,t\n1.0,true,2026-01-02\n,false,\n"
    back = pd.read_parquet(tulis_tabel(df, tmp_path / "x.parquet"))
    pd.testing.assert_frame_equal(back, df)
    assert len(sha256_berkas(tmp_path / "x.csv")) == 64
    with pytest.raises(SimkitError, match=r"\.csv, \.parquet, \.xlsx"):
        tulis_tabel(df, tmp_path / "x.txt")


def test_tulis_buku_kerja(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    from simkit.tables import tulis_buku_kerja

    panjang = "menang_kalah_per_kelompok_dan_opd_sangat_panjang"
    sheets = {
        panjang: pd.DataFrame({"k": pd.Categorical([None, "a"]), "n": [np.nan, 1.5]}),
        panjang + "_lagi": pd.DataFrame({"t": pd.to_datetime(["2026-01-02", "2026-03-04"])}),
    }
    p = tulis_buku_kerja(sheets, tmp_path / "b.xlsx", judul_kolom={panjang: ["Kelas", "Kelas"]},
                         lebar_kolom=True)
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == [panjang[:31], panjang[:29] + "_2"]
    ws = wb[panjang[:31]]
    assert [[c.value for c in r] for r in ws.iter_rows()] == [
        ["Kelas", "Kelas (2)"], [None, None], ["a", 1.5]]
    assert ws.column_dimensions["A"].width == len("Kelas") + 2
    t = wb[panjang[:29] + "_2"]["A2"]
    assert t.value == datetime.datetime(2026, 1, 2) and t.is_date


def test_buku_kerja_terlalu_besar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import simkit.tables as tabel

    monkeypatch.setattr(tabel, "BARIS_EXCEL_MAKS", 3)
    with pytest.raises(SimkitError, match=r"populasi\.xlsx\[iki\].*\(3 baris; maksimum 2\)"):
        tabel.tulis_buku_kerja({"iki": pd.DataFrame({"a": [1, 2, 3]})}, tmp_path / "populasi.xlsx")
    assert not (tmp_path / "populasi.xlsx").exists()
