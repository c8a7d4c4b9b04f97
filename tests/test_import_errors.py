"""load_population refuses malformed folders with located messages, in Indonesian and English.

Each case copies the hand-written valid folder ``tests/fixtures/impor_valid`` and breaks one
thing. Rows are spreadsheet rows: the CSV header is line 1, data row ``i`` (0-based) is line
``i + 2``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.population.importer import load_population
from simkit.population.validate import validate_population, validate_table

VALID = Path(__file__).parent / "fixtures" / "impor_valid"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dst = tmp_path / "impor"
    shutil.copytree(VALID, dst)
    return dst


def ubah(folder: Path, tabel: str, i: int, kolom: str, nilai: str) -> None:
    """Set one cell of ``<tabel>.csv`` (data row ``i``, 0-based) to the text ``nilai``."""
    path = folder / f"{tabel}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[i + 1].split(",")
    cells[header.index(kolom)] = nilai
    lines[i + 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ganti_header(folder: Path, tabel: str, lama: str, baru: str) -> None:
    path = folder / f"{tabel}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = ",".join(baru if h == lama else h for h in lines[0].split(","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def buang_kolom(folder: Path, tabel: str, kolom: str) -> None:
    path = folder / f"{tabel}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.drop(columns=[kolom]).to_csv(path, index=False, lineterminator="\n")


def _galat(folder: Path) -> SimkitError:
    with pytest.raises(SimkitError) as info:
        load_population(folder, garam="uji")
    return info.value


# (id, mutation, file, row, column, Indonesian phrase, English phrase)
KASUS: list[tuple[str, Callable[[Path], None], str, int | None, str | None, str, str]] = [
    ("tabel_hilang", lambda f: (f / "iki.csv").unlink(), "iki.csv", None, None,
     "tabel wajib tidak ada", "required table is missing"),
    ("tabel_salah_nama", lambda f: (f / "iki.csv").rename(f / "ikii.csv"), "iki.csv", None, None,
     "Maksud Anda 'ikii.csv'?", "Did you mean 'ikii.csv'?"),
    ("kolom_salah_ketik", lambda f: ganti_header(f, "pegawai", "nama", "namaa"), "pegawai.csv", 1,
     "namaa", "kolom wajib 'nama' tidak ada", "required column 'nama' is missing"),
    ("kolom_hilang", lambda f: buang_kolom(f, "pegawai", "golongan"), "pegawai.csv", 1,
     "golongan", "kolom wajib tidak ada", "required column is missing"),
    ("nip_17_digit", lambda f: ubah(f, "pegawai", 2, "nip", "19801120200501100"), "pegawai.csv",
     4, "nip", "NIP tidak valid", "invalid NIP"),
    ("nip_beda_tmt", lambda f: ubah(f, "pegawai", 3, "tmt_cpns", "2019-05-01"), "pegawai.csv", 5,
     "nip", "digit 9–14 tidak sama dengan tahun-bulan tmt_cpns",
     "digits 9–14 differ from the year-month of tmt_cpns"),
    ("nip_angka", lambda f: ubah(f, "pegawai", 2, "nip", "1.98011202005011e+17"), "pegawai.csv",
     4, "nip", "NIP terbaca sebagai angka", "NIP was read as a number"),
    ("nip_ganda", lambda f: ubah(f, "pegawai", 4, "nip", "199506302019042001"), "pegawai.csv", 6,
     "nip", "NIP ganda (juga di baris 5)", "duplicate NIP (also on row 5)"),
    ("unit_tidak_dikenal", lambda f: ubah(f, "pegawai", 1, "unit_id", "99"), "pegawai.csv", 3,
     "unit_id", "unit tidak dikenal", "unknown unit"),
    ("atasan_tidak_dikenal", lambda f: ubah(f, "pegawai", 4, "atasan_id", "77"), "pegawai.csv", 6,
     "atasan_id", "atasan tidak dikenal", "unknown superior"),
    ("siklus_atasan", lambda f: ubah(f, "pegawai", 0, "atasan_id", "3"), "pegawai.csv", 2,
     "atasan_id", "rantai atasan membentuk siklus: 1 → 3 → 2 → 1",
     "the chain of superiors forms a cycle"),
    ("pegawai_tidak_dikenal", lambda f: ubah(f, "iki", 5, "asn_id", "42"), "iki.csv", 7,
     "asn_id", "pegawai tidak dikenal", "unknown employee"),
    ("arah_naikk", lambda f: ubah(f, "iki", 0, "arah", "naikk"), "iki.csv", 2, "arah",
     "arah indikator tidak dikenal", "Did you mean 'naik'?"),
    ("target_nol", lambda f: ubah(f, "iki", 4, "target", "0"), "iki.csv", 6, "target",
     "target harus lebih besar dari 0", "target must be greater than 0"),
    ("realisasi_negatif", lambda f: ubah(f, "iki", 2, "realisasi", "-1"), "iki.csv", 4,
     "realisasi", "nilai di luar rentang", "value out of range"),
    ("berakhlak_7", lambda f: ubah(f, "penilaian_perilaku", 3, "kompeten", "7"),
     "penilaian_perilaku.csv", 5, "kompeten", "nilai di luar rentang. Diharapkan: 1 sampai 5",
     "Expected: 1 to 5"),
    ("skm_5", lambda f: ubah(f, "skm", 1, "u4", "5"), "skm.csv", 3, "u4",
     "ditemukan: 5", "value out of range"),
    ("nilai_kosong", lambda f: ubah(f, "pegawai", 2, "nama", ""), "pegawai.csv", 4, "nama",
     "nilai kosong (NaN) tidak diperbolehkan", "empty value (NaN) is not allowed"),
    ("tanggal_salah", lambda f: ubah(f, "pegawai", 3, "tanggal_lahir", "1995-13-45"),
     "pegawai.csv", 5, "tanggal_lahir", "tipe data salah", "wrong data type"),
    ("bobot_tidak_satu", lambda f: ubah(f, "iki", 6, "bobot", "0.6"), "iki.csv", 8, "bobot",
     "jumlah bobot indikator pegawai 3 harus 1 (±0.01), sekarang 1.1",
     "weights of employee 3 must sum to 1"),
    ("angka_bukan_angka", lambda f: ubah(f, "unit_kerja", 2, "populasi_dilayani", "banyak"),
     "unit_kerja.csv", 4, "populasi_dilayani", "Diharapkan: bilangan bulat; ditemukan: 'banyak'",
     "Expected: a whole number"),
    ("enum_tidak_dikenal", lambda f: ubah(f, "kinerja_organisasi", 1, "capaian_kinerja_organisasi",
                                          "istimewah"), "kinerja_organisasi.csv", 3,
     "capaian_kinerja_organisasi", "Maksud Anda 'istimewa'?", "unknown value"),
    ("penilai_tidak_dikenal", lambda f: ubah(f, "penilaian_perilaku", 7, "penilai_id", "12"),
     "penilaian_perilaku.csv", 9, "penilai_id", "penilai tidak dikenal", "unknown rater"),
]


@pytest.mark.parametrize(("mutasi", "berkas", "baris", "kolom", "frasa_id", "frasa_en"),
                         [k[1:] for k in KASUS], ids=[k[0] for k in KASUS])
def test_galat_berlokasi(folder: Path, mutasi, berkas, baris, kolom, frasa_id, frasa_en) -> None:
    mutasi(folder)
    exc = _galat(folder)
    cocok = [m for m in exc.masalah if m.berkas == berkas and m.baris == baris
             and m.kolom == kolom and frasa_id in m.render("id")]
    assert cocok, exc.render("id")
    teks = str(exc)
    assert frasa_id in teks and "Traceback" not in teks
    set_lang("en")
    assert frasa_en in str(exc), str(exc)


def test_excel_sel_salah_baris_lembar(folder: Path, tmp_path: Path) -> None:
    """A workbook with two title rows: the problem row is the sheet row (header on row 3)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for csv_path in sorted(folder.glob("*.csv")):
        df = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        ws = wb.create_sheet(csv_path.stem)
        ws.append(["Laporan SKP Tahun 2024"])
        ws.append(["Instansi Pemerintah Kabupaten Mamuju"])
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            ws.append([_sel(v) for v in row])
        csv_path.unlink()
    ws = wb["penilaian_perilaku"]
    kolom = [c.value for c in ws[3]].index("loyal") + 1
    ws.cell(row=6, column=kolom, value=9)  # data row 3 (0-based 2), sheet row 6
    wb.save(folder / "populasi.xlsx")
    exc = _galat(folder)
    m = exc.masalah[0]
    assert (m.berkas, m.baris, m.kolom, m.kode) == ("populasi.xlsx[penilaian_perilaku]", 6,
                                                    "loyal", "di_luar_rentang")
    assert "populasi.xlsx[penilaian_perilaku], baris 6, kolom 'loyal'" in str(exc)


def _sel(v: str) -> object:
    """Numbers as Excel numbers, except NIP-like long digit strings (kept as text)."""
    if v == "":
        return None
    try:
        return int(v) if len(v) < 15 else v
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def test_excel_nip_angka_ditolak(folder: Path) -> None:
    df = pd.read_csv(folder / "pegawai.csv", dtype=str, keep_default_na=False)
    (folder / "pegawai.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "pegawai"
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        cells = [_sel(v) for v in row]
        cells[1] = int(cells[1])  # the NIP typed as a number, as Excel users often do
        ws.append(cells)
    wb.save(folder / "pegawai.xlsx")
    exc = _galat(folder)
    assert {(m.kode, m.baris) for m in exc.masalah} >= {("nip_angka", 2), ("nip_angka", 6)}


def test_csv_titik_koma_header_baris_3_diterima(folder: Path) -> None:
    """';' delimiter, two title rows, decimal commas: read the same as the plain file."""
    dasar = load_population(folder, garam="uji")
    path = folder / "iki.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    judul = "Laporan SKP Tahun 2024;;\nInstansi Pemerintah Kabupaten Mamuju;;\n"
    teks = df.apply(lambda s: s.str.replace(".", ",", regex=False) if s.name in (
        "realisasi", "bobot") else s).to_csv(sep=";", index=False, lineterminator="\n")
    path.write_text(judul + teks, encoding="utf-8")
    pop = load_population(folder, garam="uji")
    pd.testing.assert_frame_equal(pop.iki, dasar.iki)
    # and a problem in that file is reported on its line (header on line 3)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(";naik;", ";keatas;", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    m = _galat(folder).masalah[0]
    assert (m.berkas, m.baris, m.kolom, m.kode) == ("iki.csv", 5, "arah", "arah_salah")


def test_header_siasn_diterima(folder: Path) -> None:
    """SIASN headers (NIP BARU, JENIS KELAMIN with M/F, upper case) and extra columns."""
    dasar = load_population(folder, garam="uji")
    path = folder / "pegawai.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["jenis_kelamin"] = df["jenis_kelamin"].map({"L": "M", "P": "F"})
    df["AGAMA NAMA"] = "Islam"
    df = df.rename(columns={"nip": "NIP BARU", "jenis_kelamin": "JENIS KELAMIN",
                            "tanggal_lahir": "TANGGAL LAHIR", "nama": "NAMA"})
    df.to_csv(path, index=False, lineterminator="\n")
    pop = load_population(folder, garam="uji")
    # the schema allows no extra columns: no jenis_kelamin_raw; the mapping is in meta
    pd.testing.assert_frame_equal(pop.pegawai, dasar.pegawai)
    assert pop.meta["nilai_asli"]["pegawai"]["jenis_kelamin"] == {"M": "L", "F": "P"}
    # AGAMA NAMA is personal: dropped while reading, only its header is listed
    assert pop.meta["kolom_pribadi_dibuang"] == {"pegawai": ["AGAMA NAMA"]}
    assert pop.meta["kolom_diabaikan"] == {}


def test_kolom_tambahan_diabaikan_dan_dicatat(folder: Path) -> None:
    path = folder / "kinerja_organisasi.csv"
    df = pd.read_csv(path, dtype=str)
    df["Keterangan"] = "-"
    df.to_csv(path, index=False, lineterminator="\n")
    pop = load_population(folder, garam="uji")
    assert list(pop.kinerja_organisasi.columns) == ["unit_id", "capaian_kinerja_organisasi"]
    assert pop.meta["kolom_diabaikan"] == {"kinerja_organisasi": ["Keterangan"]}


def test_banyak_masalah_diringkas(folder: Path) -> None:
    """Every row bad: at most 50 problems are listed, then '… dan N masalah lain'."""
    path = folder / "skm.csv"
    df = pd.read_csv(path, dtype=str)
    big = pd.concat([df] * 40, ignore_index=True)
    big["responden_id"] = [str(i) for i in range(1, len(big) + 1)]
    for u in range(1, 10):
        big[f"u{u}"] = "9"
    big.to_csv(path, index=False, lineterminator="\n")
    exc = _galat(folder)
    assert len(exc.masalah) == 51
    assert exc.masalah[-1].kode == "masalah_lainnya"
    total = 9 * len(big)  # every answer of 240 respondents is out of 1..4
    assert exc.masalah[-1].isi["jumlah"] == total - 50
    assert f"… dan {total - 50} masalah lain" in str(exc)
    assert [sum(m.kolom == f"u{u}" for m in exc.masalah) for u in range(1, 7)] == [10] * 5 + [0]


def test_bukan_folder() -> None:
    with pytest.raises(SimkitError) as info:
        load_population("/tidak/ada/folder")
    assert "berkas atau folder tidak ditemukan" in str(info.value)


@pytest.mark.parametrize("isi", ["responden_id,unit_id\n1,3,4,5\n",
                                 "responden_id,unit_id\n1,3\n2,3,4\n"])
def test_baris_kelebihan_nilai(folder: Path, isi: str) -> None:
    """A row with more values than the header is refused, never silently cut."""
    (folder / "skm.csv").write_text(isi, encoding="utf-8")
    exc = _galat(folder)
    m = exc.masalah[0]
    assert (m.berkas, m.baris, m.kode) == ("skm.csv", isi.count("\n"), "kolom_berlebih")
    assert "header hanya 2 kolom" in str(exc)


def test_berkas_rusak(folder: Path) -> None:
    (folder / "skm.parquet").write_bytes(b"bukan parquet")
    exc = _galat(folder)
    assert exc.masalah[0].berkas == "skm.parquet"
    assert "berkas tidak dapat dibaca" in str(exc)


def test_validate_table_langsung() -> None:
    df = pd.DataFrame({"unit_id": [1, 2], "capaian_kinerja_organisasi": ["baik", "Istimewa"]})
    assert validate_table(df, "kinerja_organisasi") == []
    df = pd.DataFrame({"unit_id": [1, np.nan], "capaian_kinerja_organisasi": ["baik", "baik"]})
    (m,) = validate_table(df, "kinerja_organisasi", "ko.csv", baris=np.array([10, 11]))
    assert (m.kode, m.berkas, m.baris, m.kolom) == ("nilai_kosong", "ko.csv", 11, "unit_id")


def test_validate_population_tabel_valid_tanpa_masalah(folder: Path) -> None:
    pop = load_population(folder, pseudonimkan=False)
    assert validate_population(pop.tables()) == []
    peg = pop.pegawai.assign(atasan_id=pop.pegawai["atasan_id"].where(
        pop.pegawai["asn_id"] != 5, 5))  # asn 5 is its own superior
    kode = [m.kode for m in validate_population({**pop.tables(), "pegawai": peg})]
    assert kode == ["siklus_atasan"]


def test_cek_nip_17_digit(folder: Path) -> None:
    """The import check refuses a 17-digit NIP, located."""
    assert load_population(folder, garam="uji").pegawai["nip"].str.startswith("PSN").all()
    ubah(folder, "pegawai", 2, "nip", "19801120200501100")
    m = _galat(folder).masalah[0]
    assert (m.kode, m.baris, m.kolom) == ("nip_tidak_valid", 4, "nip")
    assert "panjangnya bukan 18 digit" in m.render("id")
