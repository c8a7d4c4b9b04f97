"""load_population on real export shapes: a SIASN data-ASN export, a wide SKM file, e-Kinerja
labels (shapes of the real exports), with personal columns dropped and NIP/names pseudonymised.

The fixture ``tests/fixtures/impor_siasn`` is hand-written from the published header lists
with invented people (see its README.md): the same five ASN as ``impor_valid`` plus a PPPK.
In its ``pegawai.csv`` two title rows precede the header (line 3), so data row ``i``
(0-based) is on line ``i + 4``.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.population.adaptasi import pribadi, sesuaikan
from simkit.population.importer import load_population
from simkit.population.schema import TABLES
from simkit.population.validate import Kumpulan, Sumber

FIXTURES = Path(__file__).parent / "fixtures"
SIASN = FIXTURES / "impor_siasn"
VALID = FIXTURES / "impor_valid"

NIK = ["7604011503700001", "7604014108720002", "7604032011800003", "7604017006950004",
       "7604010501880005", "7604015204900006"]
HP = [f"08123456780{i}" for i in range(1, 7)] + [f"08529876540{i}" for i in range(1, 7)]
LAIN_PRIBADI = ["andi.fiktif@contoh.invalid", "Jl. Contoh Raya No. 1, Mamuju",
                "12.345.678.9-001.000", "Drs.", "M.Kes", "S.Kep., Ns.", "Tampa Padang",
                "Kristen", "010203041", "8AE4828F6A0E1B01016A0E5B7C3D0001",
                "Responden Fiktif Satu"]
NIP = ["197003151995031001", "197208011998122001", "198011202005011001",
       "199506302019042001", "198801052010021001", "199004122022212001"]
NAMA = ["Andi Mappaturung", "Sitti Rahmawati", "Muhammad Arsyad", "Nurul Hidayah",
        "Rahmat Hidayat", "Wahyuni Ramadhani"]


@pytest.fixture(autouse=True)
def _bahasa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    set_lang("id")
    yield
    set_lang(None)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dst = tmp_path / "siasn"
    shutil.copytree(SIASN, dst)
    return dst


def _baca_siasn(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(title lines, header, rows) of the ';'-delimited SIASN fixture."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines[2:], delimiter=";"))
    return lines[:2], rows[0], rows[1:]


def _tulis_siasn(path: Path, judul: list[str], header: list[str], rows: list[list[str]],
                 sep: str = ";") -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows([header, *rows])
    path.write_text("\n".join(judul) + "\n" + buf.getvalue(), encoding="utf-8")


def ubah_siasn(folder: Path, i: int, kolom: str, nilai: str) -> None:
    """Set one cell of the SIASN ``pegawai.csv`` (data row ``i``, 0-based, header name)."""
    path = folder / "pegawai.csv"
    judul, header, rows = _baca_siasn(path)
    rows[i][header.index(kolom)] = nilai
    _tulis_siasn(path, judul, header, rows)


def _galat(folder: Path, **kw) -> SimkitError:
    with pytest.raises(SimkitError) as info:
        load_population(folder, garam="uji", **kw)
    return info.value


def _cari(exc: SimkitError, berkas: str, baris: int | None, kolom: str | None, frasa: str):
    cocok = [m for m in exc.masalah if (m.berkas, m.baris, m.kolom) == (berkas, baris, kolom)
             and frasa in m.render("id")]
    assert cocok, exc.render("id")
    assert "Traceback" not in str(exc)
    return cocok[0]


# --- the folder as a whole ----------------------------------------------------------------

def test_folder_siasn_dimuat_sama_dengan_format_simkit() -> None:
    """The SIASN-shaped folder gives the same tables as the hand-written simkit folder."""
    pop = load_population(SIASN, pseudonimkan=False)
    dasar = load_population(VALID, pseudonimkan=False)
    peg = pop.pegawai
    assert list(peg.columns) == TABLES["pegawai"].column_names
    assert peg["nip"].tolist() == NIP  # the apostrophe of "store as text" is gone
    pd.testing.assert_frame_equal(peg.iloc[:5].drop(columns="pangkat"),
                                  dasar.pegawai.drop(columns="pangkat"),
                                  check_dtype=False, check_categorical=False)
    assert peg["pangkat"].isna().all()  # SIASN has no pangkat column: filled empty
    pppk = peg.iloc[5]
    assert (pppk["status_kepegawaian"], pppk["golongan"], pppk["jenis_jabatan"],
            pppk["jenjang"], pppk["jenis_kelamin"], pppk["unit_id"], pppk["opd_id"]) == (
        "PPPK", "V", "fungsional_keterampilan", "terampil", "P", 3, 2)
    for name in ("skm", "kinerja_organisasi", "kebenaran_unit"):
        pd.testing.assert_frame_equal(pop.tables()[name], dasar.tables()[name],
                                      check_dtype=False, check_categorical=False)
    pd.testing.assert_frame_equal(pop.kebenaran.iloc[:5], dasar.kebenaran,
                                  check_dtype=False, check_categorical=False)
    assert pop.kebenaran["predikat_benar"].iloc[5] == "kurang"  # "Kurang/Misconduct"
    assert pop.meta["kolom_diturunkan"]["pegawai"]["unit_id"] == ["UNOR ID"]
    assert pop.meta["nilai_asli"]["pegawai"]["golongan"]["21 (PPPK)"] == "V"
    assert pop.meta["nilai_asli"]["kinerja_organisasi"]["capaian_kinerja_organisasi"] == {
        "BAIK": "baik", "Istimewa": "istimewa", "Cukup": "butuh_perbaikan"}


def test_pribadi_dibuang_tidak_pernah_disimpan() -> None:
    """NIK, phone, e-mail, address, NPWP, gelar... appear in no table, no column, no meta."""
    pop = load_population(SIASN, garam="uji")
    terlarang = [*NIK, *HP, *LAIN_PRIBADI, *NIP, *NAMA]
    for name, df in pop.tables().items():
        assert list(df.columns) == TABLES[name].column_names, name  # no extra columns
        teks = [str(v) for v in df.to_numpy().ravel()] + list(df.columns)
        for x in terlarang:
            assert not any(x in v for v in teks), (name, x)
    meta = repr(pop.meta)
    assert not [x for x in terlarang if x in meta]
    assert pop.meta["kolom_pribadi_dibuang"] == {
        "pegawai": ["PNS ID", "NIP LAMA", "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR NAMA",
                    "AGAMA NAMA", "NIK", "NOMOR HP", "EMAIL", "ALAMAT", "NPWP NOMOR"],
        "skm": ["Nama", "No HP"]}


def test_pseudonim_nip_dan_nama() -> None:
    a = load_population(SIASN, garam="uji").pegawai
    b = load_population(SIASN, garam="uji").pegawai
    c = load_population(SIASN, garam="lain").pegawai
    assert a["nip"].str.fullmatch(r"PSN[0-9a-f]{15}").all()
    assert a["nama"].str.fullmatch(r"ASN-[0-9a-f]{8}").all()
    assert a["nip"].tolist() == b["nip"].tolist() != c["nip"].tolist()
    assert a["nip"].is_unique and a["nama"].is_unique


@pytest.mark.parametrize("sep", ["|", "\t", ","])
def test_pemisah_lain(folder: Path, sep: str) -> None:
    path = folder / "pegawai.csv"
    judul, header, rows = _baca_siasn(path)
    _tulis_siasn(path, [j.replace(";", sep) for j in judul], header, rows, sep=sep)
    pop = load_population(folder, pseudonimkan=False)
    assert pop.pegawai["golongan"].tolist() == ["IV/c", "IV/b", "III/d", "III/a", "II/c", "V"]


def test_excel_siasn_nip_angka_ditolak(folder: Path) -> None:
    """The export as XLSX with title rows: NIP typed as a number is refused at its cell."""
    path = folder / "pegawai.csv"
    judul, header, rows = _baca_siasn(path)
    path.unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "pegawai"
    for j in judul:
        ws.append([j.split(";")[0]])
    ws.append(header)
    for r in rows:
        ws.append([int(v.lstrip("'")) if h == "NIP BARU" else v for h, v in zip(header, r, strict=True)])
    wb.save(folder / "pegawai.xlsx")
    exc = _galat(folder)
    _cari(exc, "pegawai.xlsx", 4, "NIP BARU", "NIP terbaca sebagai angka")
    assert {m.kode for m in exc.masalah} == {"nip_angka"}


# --- pegawai: golongan, status, NIP ---------------------------------------------------------

def _pegawai(**kolom: list[str]) -> pd.DataFrame:
    out, _ = sesuaikan("pegawai", pd.DataFrame(kolom, dtype="str"),
                       Sumber.bawaan("pegawai.csv", len(next(iter(kolom.values())))), Kumpulan())
    return out


def test_kode_golongan_pns_dan_pppk_bertabrakan() -> None:
    kode = ["11", "14", "21", "24", "31", "34", "41", "45"]
    pns = _pegawai(gol_akhir_id=kode, jenis_pegawai_nama=["PNS Daerah Kabupaten/Kota"] * 8)
    pppk = _pegawai(gol_akhir_id=kode, jenis_pegawai_nama=["PPPK"] * 8)
    assert pns["golongan"].tolist() == ["I/a", "I/d", "II/a", "II/d", "III/a", "III/d", "IV/a",
                                        "IV/e"]
    assert pppk["golongan"].tolist() == ["I", "IV", "V", "VIII", "IX", "XII", "XIII", "XVII"]
    assert "gol_akhir_id" not in pns and set(pns["status_kepegawaian"]) == {"PNS"}


def test_label_golongan_menang_atas_kode() -> None:
    df = _pegawai(golongan=["III/A", "Penata Muda Tk. I (III/b)", "iv-c", "IX", "31", None],
                  gol_akhir_id=["11", "11", "11", "11", "11", "33"],
                  kedudukan_hukum_nama=["Aktif"] * 6,
                  jenis_pegawai_nama=["PNS", "CPNS", "PNS", "PPPK", "PNS", "PNS"])
    assert df["golongan"].tolist() == ["III/a", "III/b", "IV/c", "IX", "III/a", "III/c"]


def test_jenis_jabatan_jenjang_rumpun_dari_siasn() -> None:
    df = _pegawai(jenis_jabatan=["Jabatan Struktural", "Jabatan Struktural",
                                 "Struktural", "Jabatan Fungsional Tertentu",
                                 "Jabatan Fungsional", "Jabatan Fungsional Umum", "Pelaksana"],
                  eselon_nama=["II.b", "III.a", "IV.b", None, None, None, None],
                  nama_jabatan=["Kepala Badan", "Sekretaris Dinas", "Kepala Seksi",
                                "Guru Ahli Muda", "Bidan Mahir", "Pengadministrasi Perkantoran",
                                "Penata Layanan Operasional"])
    assert df["jenis_jabatan"].tolist() == [
        "jpt_pratama", "administrator", "pengawas", "fungsional_keahlian",
        "fungsional_keterampilan", "pelaksana", "pelaksana"]
    assert df["jenjang"].tolist()[3:5] == ["ahli_muda", "mahir"]
    assert df["jenjang"].isna().tolist() == [True, True, True, False, False, True, True]
    assert df["rumpun"].tolist() == ["umum", "umum", "umum", "guru", "kesehatan", "umum", "umum"]


def test_kolom_pribadi_dikenali() -> None:
    for h in ("nik", "nomor_hp", "email_gov", "alamat", "npwp_nomor", "bpjs", "gelar_depan",
              "tempat_lahir_nama", "agama_id", "jenis_kawin_nama", "nip_lama", "pns_id",
              "kartu_asn_virtual", "is_valid_nik"):
        assert pribadi(h, "pegawai"), h
    for h in ("nip", "nama", "nip_baru", "jabatan_nama", "unor_id", "gol_akhir_id", "umur"):
        assert not pribadi(h, "pegawai"), h
    assert pribadi("nama", "skm") and pribadi("nama_responden", "skm")


# --- malformed SIASN files: located messages -----------------------------------------------

def test_kode_golongan_tanpa_status_ditolak(folder: Path) -> None:
    ubah_siasn(folder, 5, "JENIS PEGAWAI NAMA", "")
    exc = _galat(folder)
    m = _cari(exc, "pegawai.csv", 9, "GOL AKHIR ID", "kode golongan SIASN 21 berarti lain")
    assert m.kode == "golongan_kode_perlu_status"
    set_lang("en")
    assert "means different things for PNS and PPPK" in str(exc)


def test_kode_golongan_tidak_dikenal(folder: Path) -> None:
    ubah_siasn(folder, 4, "GOL AKHIR ID", "99")
    exc = _galat(folder)
    m = _cari(exc, "pegawai.csv", 8, "GOL AKHIR ID", "golongan tidak dikenal")
    assert m.ditemukan == "'99'"


def test_label_golongan_tidak_dikenal(folder: Path) -> None:
    """An unreadable label with no code to fall back on (a code would be used instead)."""
    ubah_siasn(folder, 0, "GOL AKHIR NAMA", "Golongan Empat")
    ubah_siasn(folder, 0, "GOL AKHIR ID", "")
    _cari(_galat(folder), "pegawai.csv", 4, "GOL AKHIR NAMA", "golongan tidak dikenal")


@pytest.mark.parametrize("nip", ["1.97003151995031E+17", "197003151995031000.0"])
def test_nip_angka_ditolak(folder: Path, nip: str) -> None:
    ubah_siasn(folder, 0, "NIP BARU", nip)
    exc = _galat(folder)
    _cari(exc, "pegawai.csv", 4, "NIP BARU", "NIP terbaca sebagai angka")
    set_lang("en")
    assert "NIP was read as a number" in str(exc)


@pytest.mark.parametrize(("i", "kolom", "nilai", "baris", "kolom_pesan"), [
    (2, "JENIS PEGAWAI NAMA", "Honorer", 6, "JENIS PEGAWAI NAMA"),
    (3, "JENIS KELAMIN", "X", 7, "JENIS KELAMIN"),
    (0, "ESELON NAMA", "I.b", 4, "JENIS JABATAN NAMA"),  # eselon I has no kabupaten jabatan
])
def test_nilai_tidak_dikenal(folder: Path, i: int, kolom: str, nilai: str, baris: int,
                             kolom_pesan: str) -> None:
    ubah_siasn(folder, i, kolom, nilai)
    _cari(_galat(folder), "pegawai.csv", baris, kolom_pesan, "nilai tidak dikenal")


def test_unor_tidak_dikenal(folder: Path) -> None:
    ubah_siasn(folder, 1, "UNOR ID", "FF80808100000000000000000000AFFF")
    m = _cari(_galat(folder), "pegawai.csv", 5, "UNOR ID", "unit tidak dikenal")
    assert "kode_unit yang ada di unit_kerja" in m.render("id")


def test_kolom_yang_tidak_ada_di_siasn(folder: Path) -> None:
    path = folder / "pegawai.csv"
    judul, header, rows = _baca_siasn(path)
    j = header.index("ATASAN ID")
    _tulis_siasn(path, judul, header[:j] + header[j + 1:], [r[:j] + r[j + 1:] for r in rows])
    exc = _galat(folder)
    m = _cari(exc, "pegawai.csv", 3, "atasan_id", "ekspor SIASN tidak memuat kolom ini")
    assert m.kode == "kolom_hilang_ekspor"
    set_lang("en")
    assert "a SIASN export does not carry it" in str(exc)


# --- predikat / capaian labels ----------------------------------------------------------------

def test_label_capaian_tidak_dikenal(folder: Path) -> None:
    path = folder / "kinerja_organisasi.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Istimewa", "Luar Biasa"),
                    encoding="utf-8")
    _cari(_galat(folder), "kinerja_organisasi.csv", 3, "Capaian Kinerja Organisasi",
          "nilai tidak dikenal")


@pytest.mark.parametrize(("label", "id_"), [("Kurang/Misconduct", "kurang"),
                                            ("KURANG / MISCONDUCT", "kurang"),
                                            ("Cukup", "butuh_perbaikan"),
                                            ("Butuh Perbaikan", "butuh_perbaikan"),
                                            ("Sangat Kurang", "sangat_kurang")])
def test_label_capaian_organisasi(folder: Path, label: str, id_: str) -> None:
    (folder / "kinerja_organisasi.csv").write_text(
        f"unit_id,Capaian Kinerja Organisasi\n1,Baik\n2,{label}\n3,Istimewa\n", encoding="utf-8")
    pop = load_population(folder, garam="uji")
    assert pop.kinerja_organisasi["capaian_kinerja_organisasi"].tolist() == ["baik", id_,
                                                                             "istimewa"]


# --- SKM wide files -----------------------------------------------------------------------------

def _skm_q(folder: Path, jawaban: list[list[object]], extra: str = "", nilai_extra: str = "",
           header: list[str] | None = None) -> None:
    """A Google-Forms-like SKM file: Timestamp, Nama, Umur, kode_unit, Q1..Q9, Saran."""
    header = header or [f"Q{i}" for i in range(1, 10)]
    cols = ["Timestamp", "Nama", "Umur", "kode_unit", *header, "Saran"] + ([extra] if extra else [])
    lines = [",".join(cols)]
    for i, r in enumerate(jawaban):
        vals = ["2024/05/02 09:14:03", f"Responden {i}", "30", "FF80808100000000000000000000A003",
                *("" if v is None else str(v) for v in r), "-"]
        lines.append(",".join(vals + ([nilai_extra] if extra else [])))
    (folder / "skm.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


JAWABAN_5 = [[3, 4, 5, 4, 3, 4, 4, 3, 4], [5, 4, 5, 3, 2, 1, 4, 3, 4], [4, 4, 4, 4, 4, 4, 4, 4, 4]]


def test_skm_skala_5_ditolak(folder: Path) -> None:
    _skm_q(folder, JAWABAN_5)
    exc = _galat(folder)
    m = _cari(exc, "skm.csv", 2, "Q3", "tanda skala 1–5")
    assert m.isi["jumlah"] == 2 and "ditemukan: 5" in m.render("id")
    _cari(exc, "skm.csv", 3, "Q1", "konversi_skala_5=True")
    assert {(m.kode, m.kolom) for m in exc.masalah} == {("skm_skala_5", "Q1"),
                                                        ("skm_skala_5", "Q3")}
    set_lang("en")
    assert "indicate a 1–5 scale" in str(exc) and "convert the answers to 1–4" in str(exc)


def test_skm_skala_5_dikonversi(folder: Path) -> None:
    _skm_q(folder, JAWABAN_5)
    pop = load_population(folder, garam="uji", konversi_skala_5=True)
    # data/impor.yaml konversi_skala_5.peta: 1->1, 2->2, 3->2, 4->3, 5->4
    assert pop.skm["u1"].tolist() == [2.0, 4.0, 3.0]
    assert pop.skm["u6"].tolist() == [3.0, 1.0, 3.0]
    assert pop.meta["skm_skala_5_dikonversi"] == 3


def test_skm_skala_dinyatakan_5(folder: Path) -> None:
    _skm_q(folder, [[3] * 9, [4] * 9], extra="Skala", nilai_extra="5")
    exc = _galat(folder)
    m = _cari(exc, "skm.csv", 2, "Skala", "skala jawaban dinyatakan 1–5 (2 baris)")
    assert m.kode == "skm_skala_5_dinyatakan"


def test_skm_skala_dinyatakan_4_jawaban_5_di_luar_rentang(folder: Path) -> None:
    _skm_q(folder, [[3] * 9, [4, 4, 4, 4, 5, 4, 4, 4, 4]], extra="Skala", nilai_extra="4")
    _cari(_galat(folder), "skm.csv", 3, "Q5", "nilai di luar rentang")


def test_skm_q_tanpa_label_menurut_nomor(folder: Path) -> None:
    _skm_q(folder, [[1, 2, 3, 4, 1, 2, 3, 4, 1]])
    pop = load_population(folder, garam="uji")
    assert pop.skm.iloc[0][[f"u{i}" for i in range(1, 10)]].tolist() == [1, 2, 3, 4, 1, 2, 3, 4, 1]
    assert pop.skm["responden_id"].tolist() == [1] and pop.skm["unit_id"].tolist() == [3]


def test_skm_label_tanpa_kode_urutan_kuesioner(folder: Path) -> None:
    """Headers that are the questions of the regulation's sample form (sarana before pengaduan)."""
    soal = ["Kesesuaian persyaratan pelayanan", "Kemudahan prosedur pelayanan",
            "Kecepatan waktu pelayanan", "Kewajaran biaya/tarif", "Kesesuaian produk pelayanan",
            "Kompetensi/kemampuan petugas", "Perilaku petugas (kesopanan dan keramahan)",
            "Kualitas sarana dan prasarana", "Penanganan pengaduan pengguna layanan"]
    _skm_q(folder, [[1, 2, 3, 4, 1, 2, 3, 4, 1]], header=[f'"{s}"' for s in soal])
    pop = load_population(folder, garam="uji")
    assert pop.skm.iloc[0][[f"u{i}" for i in range(1, 10)]].tolist() == [1, 2, 3, 4, 1, 2, 3, 1, 4]


def test_skm_unsur_ganda(folder: Path) -> None:
    header = [f"P{i}" for i in range(1, 9)] + ["Persyaratan"]
    _skm_q(folder, [[3] * 9], header=header)
    m = _cari(_galat(folder), "skm.csv", 1, "Persyaratan", "sama-sama terbaca sebagai unsur U1")
    assert m.isi["lain"] == "P1"


def test_skm_p10_tidak_dikenal(folder: Path) -> None:
    header = [f"P{i}" for i in range(1, 11)]
    _skm_q(folder, [[3] * 10], header=header)
    exc = _galat(folder)
    _cari(exc, "skm.csv", 1, "P10", "tidak dapat dipetakan ke unsur U1–U9")
    assert len(exc.masalah) == 1


def test_skm_jawaban_teks(folder: Path) -> None:
    _skm_q(folder, [[3, 3, "Sangat Puas", 3, 3, 3, 3, 3, 3]])
    _cari(_galat(folder), "skm.csv", 2, "Q3", "tipe data salah")


def test_cli_konversi_skala_5(folder: Path, tmp_path: Path, capsys) -> None:
    """`simkit evaluate` refuses a 1-5 SKM file with a located message (exit 2) and converts it
    with --konversi-skala-5."""
    from simkit.cli import main

    _skm_q(folder, JAWABAN_5)
    out = tmp_path / "ikm.csv"
    assert main(["evaluate", str(folder), "--rule", "permenpanrb_14_2017", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "skm.csv" in err and "--konversi-skala-5" in err and "Traceback" not in err
    assert main(["evaluate", str(folder), "--rule", "permenpanrb_14_2017", "--konversi-skala-5",
                 "--out", str(out)]) == 0
    import pandas as pd

    assert len(pd.read_csv(out)) >= 1


# --- SKM answers on the rule's skala_jawaban ---------------------------------------------------

def test_skm_skala_jawaban_aturan_menentukan_rentang(folder: Path) -> None:
    """The answer range checked at import is the IKM rule's ``skala_jawaban``: 1-5 accepts the
    fives (no 1-5 detection then); 1-3 refuses a 4 at its file, row and column."""
    from simkit.population.schema import SKALA_SKM
    from simkit.rules import get_rule

    sk = get_rule("permenpanrb_14_2017").parameters["skala_jawaban"]
    assert (sk["min"], sk["max"]) == SKALA_SKM  # the schema's default is the parameter's
    _skm_q(folder, JAWABAN_5)
    pop = load_population(folder, garam="uji", skala_skm=(1, 5))
    assert pop.skm["u3"].tolist() == [5.0, 5.0, 4.0]
    m = _cari(_galat(folder, skala_skm=(1, 3)), "skm.csv", 2, "Q2", "nilai di luar rentang")
    assert m.render("id") == ("skm.csv, baris 2, kolom 'Q2': nilai di luar rentang. "
                              "Diharapkan: 1 sampai 3; ditemukan: 4.")
    set_lang("en")
    assert m.render("en") == ("skm.csv, line 2, column 'Q2': value out of range. "
                              "Expected: 1 to 3; found: 4.")


def test_cli_skala_jawaban_dari_parameter(folder: Path, tmp_path: Path) -> None:
    """`simkit evaluate --params` with skala_jawaban {max: 5} imports and rates a 1-5 file."""
    from simkit.cli import main

    _skm_q(folder, JAWABAN_5)
    (tmp_path / "p.yaml").write_text("skala_jawaban: {max: 5}\n", encoding="utf-8")
    out = tmp_path / "ikm.csv"
    assert main(["evaluate", str(folder), "--rule", "permenpanrb_14_2017", "--params",
                 str(tmp_path / "p.yaml"), "--out", str(out)]) == 0
    assert pd.read_csv(out)["nrr_u3"].tolist() == [pytest.approx(14 / 3)]
