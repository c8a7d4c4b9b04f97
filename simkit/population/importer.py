"""Read a Population from a folder of CSV, Parquet or Excel files: validated, pseudonymised.

Layout: one file per table, ``<table>.parquet``, ``<table>.csv`` (also ``.tsv``/``.txt``) or
``<table>.xlsx``, or one workbook ``populasi.xlsx`` (any ``*.xlsx`` works) with one sheet per
table. When a table is found more than once, Parquet wins over CSV over Excel (so a folder from
:func:`~simkit.population.io.write_population` reads its Parquet files).

Real exports (SIASN, e-Kinerja and SKM files as BKPP keeps them) are accepted: the header row is searched in the first
20 rows, headers are normalised (``NIP BARU`` -> ``nip_baru``) and mapped through synonyms
(``nip_baru`` -> ``nip``), the delimiter is sniffed among ``, ; | \\t``, enum labels are mapped
to ids (``M``/``F``, ``1``/``2``, ``Laki-laki``/``Perempuan`` -> ``L``/``P``;
``Kurang/Misconduct`` -> ``kurang``, ``Cukup`` -> ``butuh_perbaikan``), and NIP must be
18-digit text (a number such as ``1.9660801e17`` is refused with its row and column). A SIASN
data-ASN export works as ``pegawai`` (golongan codes, PNS/PPPK, jenis jabatan, UNOR ID) and a
wide SKM export (``u1..u9``, ``Q1..Q9``, ``P1..Pn`` or labelled answers) as ``skm``: see
:mod:`simkit.population.adaptasi`. The tables hold the schema columns only; which original
texts became which ids is summarised in ``meta["nilai_asli"]``.

**Personal data.** Columns beyond NIP and name that hold personal data (NIK, phone, e-mail,
address, NPWP, BPJS, gelar, birthplace, religion, marital status, old NIP, a respondent's name:
``kolom_pribadi`` in ``data/impor.yaml``) are DROPPED as the file is read and never stored in
the Population, its ``meta`` or a message; only their headers are listed in
``meta["kolom_pribadi_dibuang"]``. NIP and names are pseudonymised (see
:mod:`simkit.population.pseudonym`).

Required tables: unit_kerja, pegawai, iki, penilaian_perilaku, kinerja_organisasi. Optional:
``perilaku_aspek`` (missing: an empty frame with the schema columns, the old PP 46/2011 and
PP 30/2019 rules then have no input; recorded in ``meta["tabel_tidak_ada"]``), ``skm``,
``kebenaran`` and ``kebenaran_unit`` (missing: ``None``; ``meta["ada_kebenaran"]``).

Row numbers in messages are what a spreadsheet shows: the line of the row in a CSV file, the
sheet row in Excel, the record number (1 = first) in Parquet.

>>> pop = load_population("tests/fixtures/impor_valid", garam="contoh")  # doctest: +SKIP
>>> pop.meta["dipseudonimkan"], pop.pegawai["nip"].str[:3].unique().tolist()  # doctest: +SKIP
(True, ['PSN'])
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.population import adaptasi as _adaptasi
from simkit.population import pseudonym as _pseudonym
from simkit.population.model import Population
from simkit.population.schema import TABLES, Table
from simkit.population.validate import (
    Kumpulan,
    Sumber,
    konfigurasi_impor,
    normalisasi,
    periksa_semua,
    periksa_tabel,
)
from simkit.tables import sha256_berkas

WAJIB = ("unit_kerja", "pegawai", "iki", "penilaian_perilaku", "kinerja_organisasi")
"""Tables a folder must hold."""

_URUTAN = {"parquet": 0, "csv": 1, "xlsx": 2}
_EKSTENSI = {".parquet": "parquet", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx"}
_NILAI_KOSONG = ["", "-", "nan", "NaN", "NA", "N/A", "n/a", "null", "NULL", "None", "#N/A"]
_BATAS_ANGKA_EXCEL = 1e15  # Excel keeps 15 significant digits; longer numbers are not exact


@dataclass
class _Lokasi:
    path: Path
    format: str
    lembar: str | None = None

    @property
    def nama(self) -> str:
        return f"{self.path.name}[{self.lembar}]" if self.lembar else self.path.name


@dataclass
class _Mentah:
    df: pd.DataFrame
    sumber: Sumber
    pribadi: list[str]
    """headers of the personal columns dropped while reading (never their values)"""


# --- finding the files ----------------------------------------------------------------

def _cari_berkas(folder: Path) -> tuple[dict[str, _Lokasi], list[str]]:
    """The file (or sheet) of each table, and the names of the files that are not tables."""
    calon: dict[str, list[_Lokasi]] = {}
    asing: list[str] = []
    for p in sorted(folder.iterdir()):
        if not p.is_file() or p.name.startswith((".", "~$")) or p.name == "manifest.json":
            continue
        fmt = _EKSTENSI.get(p.suffix.lower())
        name = normalisasi(p.stem)
        if fmt == "xlsx" and name not in TABLES:
            lembar = [s for s in _lembar_excel(p) if normalisasi(s) in TABLES]
            for s in lembar:
                calon.setdefault(normalisasi(s), []).append(_Lokasi(p, fmt, s))
            if not lembar:
                asing.append(p.name)
        elif fmt is not None and name in TABLES:
            calon.setdefault(name, []).append(_Lokasi(p, fmt))
        else:
            asing.append(p.name)
    hashes = _hash_manifest(folder)
    return {name: _pilih(daftar, hashes) for name, daftar in calon.items()}, asing


def _hash_manifest(folder: Path) -> dict[str, str]:
    try:
        m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return {b["nama"]: b["sha256"] for b in m.get("berkas", [])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _pilih(daftar: list[_Lokasi], hashes: dict[str, str]) -> _Lokasi:
    """One table found in several files: Parquet before CSV before Excel, except that a file
    edited since simkit wrote it (its SHA-256 differs from the manifest) wins, so an edit in
    the CSV copy is never silently ignored."""
    daftar = sorted(daftar, key=lambda lok: _URUTAN[lok.format])
    if len(daftar) > 1 and hashes:
        diubah = [lok for lok in daftar
                  if lok.path.name in hashes and sha256_berkas(lok.path) != hashes[lok.path.name]]
        if diubah:
            return diubah[0]
    return daftar[0]


def _lembar_excel(path: Path) -> list[str]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception as e:  # a corrupt or encrypted workbook
        raise galat("berkas_tidak_terbaca", berkas=path.name, detail=type(e).__name__) from None
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


# --- headers --------------------------------------------------------------------------

def _dikenal(tabel: Table) -> dict[str, str]:
    """Normalised header -> canonical column: the columns and their synonyms."""
    out = {}
    for c in tabel.column_names:
        out[c] = c
    for c, alts in (konfigurasi_impor()["sinonim_kolom"].get(tabel.name) or {}).items():
        for a in alts:
            out.setdefault(normalisasi(a), c)
    return out


def _petakan_header(cells: list[Any], tabel: Table
                    ) -> tuple[list[str | None], dict[str, str], list[str]]:
    """A column name per position (canonical, or the normalised header of an unknown column;
    ``None`` drops it), canonical/normalised name -> header as written, and the headers of the
    personal columns, which are dropped."""
    dikenal = _dikenal(tabel)
    asli = ["" if c is None else str(c).strip() for c in cells]
    norm = [normalisasi(c) for c in asli]
    nama: list[str | None] = [None] * len(cells)
    pribadi = [i for i, n in enumerate(norm) if _adaptasi.pribadi(n, tabel.name)]
    dipakai: set[str] = set()
    for i in pribadi:
        norm[i] = ""  # never mapped, never kept
    for tepat in (True, False):  # exact column names win over synonyms
        for i, n in enumerate(norm):
            if nama[i] is None and n in dikenal and (n == dikenal[n]) == tepat \
                    and dikenal[n] not in dipakai:
                nama[i] = dikenal[n]
                dipakai.add(dikenal[n])
    for i, n in enumerate(norm):  # unknown headers stay (for "did you mean"), then are dropped
        if nama[i] is None and n and n not in dipakai:
            nama[i] = n
            dipakai.add(n)
    return (nama, {nama[i]: asli[i] for i in range(len(cells)) if nama[i]},
            [asli[i] for i in pribadi])


def _skor_header(cells: list[Any], dikenal: dict[str, str], tabel: str) -> int:
    norm = [normalisasi(c) for c in cells if c is not None]
    return len({dikenal[n] for n in norm if n in dikenal}) + _adaptasi.skor_tambahan(tabel, norm)


def _cari_header(baris: list[list[Any]], tabel: Table) -> tuple[int, int]:
    """(row index of the header among ``baris``, its score: known columns in it)."""
    dikenal = _dikenal(tabel)
    terbaik, skor = 0, 0
    for i, cells in enumerate(baris):
        s = _skor_header(cells, dikenal, tabel.name)
        if s > skor:
            terbaik, skor = i, s
    return terbaik, skor


# --- readers --------------------------------------------------------------------------

def _kolom_tipe(tabel: Table, nama: list[str | None]) -> dict[int, Any]:
    """read_csv dtypes: text for everything but numeric schema columns (parsed when clean)."""
    kinds = {c.name: c.kind for c in tabel.columns}
    return {i: "str" for i, n in enumerate(nama) if kinds.get(n or "") not in ("int", "float")}


def _rapikan(df: pd.DataFrame) -> pd.DataFrame:
    """Strip text cells; blank and null tokens become NaN."""
    out = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_string_dtype(s):
            s = s.str.strip()
            s = s.mask(s.isin(_NILAI_KOSONG))
        out[c] = s
    return pd.DataFrame(out, index=df.index)


def _baca_csv(lok: _Lokasi, tabel: Table) -> _Mentah:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return _baca_csv_enc(lok, tabel, enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _baca_csv_enc(lok: _Lokasi, tabel: Table, enc: str) -> _Mentah:
    cfg = konfigurasi_impor()
    with open(lok.path, encoding=enc, newline="") as fh:
        awal = list(islice(fh, int(cfg["baris_header_maks"])))
    pilihan = []
    for urut, sep in enumerate(cfg["pemisah"]):
        rows = list(csv.reader(io.StringIO("".join(awal)), delimiter=sep))
        i, skor = _cari_header(rows, tabel)
        lebar = len(rows[0]) if rows else 0
        pilihan.append((skor, lebar if skor == 0 else 0, -urut, sep, i, rows))
    _, _, _, sep, hdr, rows = max(pilihan, key=lambda x: x[:3])
    cells = rows[hdr] if rows else []
    nama, kolom_asli, pribadi = _petakan_header(cells, tabel)
    try:
        df = pd.read_csv(lok.path, sep=sep, header=None, skiprows=hdr + 1,
                         dtype=_kolom_tipe(tabel, nama), keep_default_na=False, na_values=_NILAI_KOSONG, skip_blank_lines=False,
                         index_col=False, encoding=enc)
    except pd.errors.EmptyDataError:
        df = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(cells))})
    except (pd.errors.ParserError, ValueError) as e:
        lebih = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        if lebih:
            raise galat("kolom_berlebih", berkas=lok.nama, baris=int(lebih.group(2)),
                        jumlah=int(lebih.group(3)), header=len(cells)) from None
        raise galat("berkas_tidak_terbaca", berkas=lok.nama, detail=str(e).strip()) from None
    baris = np.arange(len(df), dtype=np.int64) + hdr + 2
    if df.shape[1] > len(cells):  # a row with more values than the header has columns
        isi_lebih = df.iloc[:, len(cells):].notna().any(axis=1).to_numpy()
        if isi_lebih.any():
            i = int(np.flatnonzero(isi_lebih)[0])
            jumlah = int(df.iloc[i].notna().to_numpy().nonzero()[0].max()) + 1
            raise galat("kolom_berlebih", berkas=lok.nama, baris=int(baris[i]), jumlah=jumlah,
                        header=len(cells))
    return _susun(df, nama, kolom_asli, lok, baris, hdr + 1, pribadi)


def _susun(df: pd.DataFrame, nama: list[str | None], kolom_asli: dict[str, str], lok: _Lokasi,
           baris: np.ndarray, baris_header: int | None, pribadi: list[str]) -> _Mentah:
    """Name the columns, drop the personal ones and empty rows (keeping each row's number)."""
    df.columns = range(df.shape[1])
    for i in range(df.shape[1], len(nama)):  # header cells beyond the widest data row
        df[i] = pd.Series(np.nan, index=df.index, dtype="str")
    pakai = [i for i, n in enumerate(nama) if n]  # personal columns (name None) are gone
    df = _rapikan(df[pakai]).set_axis([nama[i] for i in pakai], axis=1)
    isi = ~df.isna().all(axis=1).to_numpy() if df.shape[1] else np.zeros(len(df), bool)
    df = df[isi].reset_index(drop=True)
    return _Mentah(df, Sumber(lok.nama, baris[isi], baris_header, kolom_asli), pribadi)


def _sel_teks(v: Any) -> Any:
    """One Excel cell as text. Numbers of 15+ digits become scientific text (not exact)."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d") if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, int | float):
        if abs(v) >= _BATAS_ANGKA_EXCEL:
            return repr(float(v))
        return str(int(v)) if float(v).is_integer() else repr(float(v))
    return str(v)


def _baca_xlsx(lok: _Lokasi, tabel: Table) -> _Mentah:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(lok.path, read_only=True, data_only=True)
    except Exception as e:  # corrupt, encrypted or not a workbook
        raise galat("berkas_tidak_terbaca", berkas=lok.nama, detail=type(e).__name__) from None
    try:
        if lok.lembar is not None:
            ws = wb[lok.lembar]
        else:
            cocok = [s for s in wb.sheetnames if normalisasi(s) == tabel.name]
            ws = wb[cocok[0] if cocok else wb.sheetnames[0]]
        rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
    finally:
        wb.close()
    n_awal = int(konfigurasi_impor()["baris_header_maks"])
    awal = [[_sel_teks(v) for v in r] for r in rows[:n_awal]]
    hdr, _ = _cari_header(awal, tabel)
    cells = awal[hdr] if awal else []
    while cells and cells[-1] is None:
        cells = cells[:-1]
    nama, kolom_asli, pribadi = _petakan_header(cells, tabel)
    data = rows[hdr + 1:]
    lebar = len(cells)
    kolom = {}
    for j in range(lebar):  # loop over columns; the cells themselves come from openpyxl
        kolom[j] = pd.Series([_sel_teks(r[j]) if j < len(r) else None for r in data],
                             dtype="str")
    df = pd.DataFrame(kolom, index=pd.RangeIndex(len(data)))
    baris = np.arange(len(data), dtype=np.int64) + hdr + 2  # sheet rows are 1-based
    return _susun(df, nama, kolom_asli, lok, baris, hdr + 1, pribadi)


def _baca_parquet(lok: _Lokasi, tabel: Table) -> _Mentah:
    try:
        df = pd.read_parquet(lok.path)
    except Exception as e:  # pyarrow raises several types for a damaged file
        raise galat("berkas_tidak_terbaca", berkas=lok.nama, detail=type(e).__name__) from None
    cells = [str(c) for c in df.columns]
    nama, kolom_asli, pribadi = _petakan_header(cells, tabel)
    baris = np.arange(len(df), dtype=np.int64) + 1
    df = df.reset_index(drop=True).set_axis(range(df.shape[1]), axis=1)
    return _susun(df, nama, kolom_asli, lok, baris, None, pribadi)


_PEMBACA = {"csv": _baca_csv, "xlsx": _baca_xlsx, "parquet": _baca_parquet}


# --- the Population ---------------------------------------------------------------------

def _meta_manifest(folder: Path) -> dict[str, Any]:
    """seed / scenario of a folder written by simkit (the manifest is informative only)."""
    path = folder / "manifest.json"
    if not path.is_file():
        return {}
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(m, dict):
        return {}
    out = {k: m[k] for k in ("seed", "scenario_hash", "scenario_nama") if m.get(k) is not None}
    sebelum = m.get("meta") if isinstance(m.get("meta"), dict) else {}
    if sebelum.get("dipseudonimkan"):
        out["dipseudonimkan"] = True
    return out


def _kosong(name: str) -> pd.DataFrame:
    """An empty frame with the schema columns and kinds of table ``name``."""
    tabel = TABLES[name]
    df = pd.DataFrame({c: pd.Series(dtype="str") for c in tabel.column_names})
    return periksa_tabel(df, tabel, Sumber(f"{name}.csv", np.zeros(0, np.int64)), Kumpulan())


def load_population(folder: str | Path, *, pseudonimkan: bool = True,
                    garam: str | bytes | None = None,
                    konversi_skala_5: bool = False,
                    skala_skm: tuple[float, float] | None = None) -> Population:
    """Read, validate and (by default) pseudonymise a Population folder.

    ``folder``: a folder as described in this module, or one ``.xlsx`` workbook with a sheet
    per table. Every problem found (up to 50, then "… and N more") is raised together as one
    :class:`~simkit.errors.SimkitError` naming file, row and column. ``pseudonimkan=False``
    keeps real NIP and names: only for data that are not personal. Personal columns other
    than NIP and name are always dropped. ``konversi_skala_5=True`` converts SKM answers on a
    1-5 scale with the table ``konversi_skala_5`` of ``data/impor.yaml`` (an assumption)
    instead of refusing them. ``skala_skm`` (lowest, highest): the scale the SKM answers are
    checked on, i.e. the IKM rule's ``skala_jawaban`` (default 1-4,
    :data:`~simkit.population.schema.SKALA_SKM`; the 1-5 detection applies to that default).

    >>> pop = load_population("data/bkpp_2024", garam="rahasia")      # doctest: +SKIP
    >>> pop.meta["dipseudonimkan"]                                      # doctest: +SKIP
    True
    """
    folder = Path(folder)
    if folder.is_file() and folder.suffix.lower() == ".xlsx":
        lokasi = {normalisasi(s): _Lokasi(folder, "xlsx", s) for s in _lembar_excel(folder)
                  if normalisasi(s) in TABLES}
        asing: list[str] = []
        dasar = folder.parent
    elif folder.is_dir():
        lokasi, asing = _cari_berkas(folder)
        dasar = folder
    else:
        raise galat("berkas_tidak_ada", berkas=str(folder))
    kumpulan = Kumpulan()
    for name in WAJIB:
        if name not in lokasi:
            dekat = mirip(name, [normalisasi(Path(a).stem) for a in asing])
            saran = next((a for a in asing if normalisasi(Path(a).stem) == dekat), None)
            berkas = f"{folder.name}[{name}]" if folder.is_file() else f"{name}.csv"
            kumpulan.tambah(Masalah("tabel_hilang", berkas=berkas, saran=saran))
    mentah: dict[str, _Mentah] = {}
    for name, lok in lokasi.items():
        try:
            mentah[name] = _PEMBACA[lok.format](lok, TABLES[name])
        except SimkitError as e:
            for m in e.masalah:
                kumpulan.tambah(m)
        except OSError as e:  # unreadable: permissions, a file vanished meanwhile
            kumpulan.tambah(Masalah("berkas_tidak_terbaca", berkas=lok.nama,
                                    isi={"detail": e.strerror or type(e).__name__}))
    catatan: dict[str, _adaptasi.Catatan] = {}
    frames: dict[str, pd.DataFrame] = {}
    for n, m in mentah.items():
        frames[n], catatan[n] = _adaptasi.sesuaikan(n, m.df, m.sumber, kumpulan,
                                                    konversi_skala_5=konversi_skala_5,
                                                    skala_skm=skala_skm)
    sumber = {n: m.sumber for n, m in mentah.items()}
    frames = _adaptasi.hubungkan_unit(frames, sumber, kumpulan, catatan)
    asli: dict[str, dict[str, dict[str, str]]] = {}
    typed = periksa_semua(frames, sumber, kumpulan, asli, skala_skm=skala_skm)
    if "pegawai" in mentah:
        _adaptasi.petunjuk_kolom_hilang(kumpulan.masalah, sumber["pegawai"], catatan["pegawai"])
    if kumpulan:
        raise SimkitError(kumpulan.hasil())

    meta: dict[str, Any] = {"sumber": str(folder)}
    meta.update(_meta_manifest(dasar))
    meta["berkas"] = {n: lok.nama for n, lok in lokasi.items()}
    diabaikan = {n: [sumber[n].kolom(c) for c in df.columns if c not in TABLES[n].column_names]
                 for n, df in frames.items()}
    meta["kolom_diabaikan"] = {n: v for n, v in diabaikan.items() if v}
    meta["kolom_pribadi_dibuang"] = {n: m.pribadi for n, m in mentah.items() if m.pribadi}
    meta["kolom_diturunkan"] = {n: c.diturunkan for n, c in catatan.items() if c.diturunkan}
    for n, c in catatan.items():  # the adapter's mappings (codes, SIASN texts) join the
        for kol, pasangan in c.nilai_asli.items():  # enum labels mapped by the schema check
            asli.setdefault(n, {}).setdefault(kol, {}).update(pasangan)
    meta["nilai_asli"] = {n: {k: v for k, v in d.items() if v} for n, d in asli.items()
                          if any(d.values())}
    if "skm" in catatan and catatan["skm"].skala_5:
        meta["skm_skala_5_dikonversi"] = catatan["skm"].skala_5
    boleh = konfigurasi_impor()["kolom_boleh_hilang"]
    diisi = {n: [c for c in boleh.get(n, []) if c not in df] for n, df in frames.items()}
    meta["kolom_diisi_kosong"] = {n: v for n, v in diisi.items() if v}
    if asing:
        meta["berkas_diabaikan"] = asing
    tidak_ada = [n for n in ("perilaku_aspek", "skm", "kebenaran", "kebenaran_unit")
                 if n not in typed]
    meta["tabel_tidak_ada"] = tidak_ada
    if "perilaku_aspek" not in typed:
        typed["perilaku_aspek"] = _kosong("perilaku_aspek")
    if pseudonimkan:
        typed = _pseudonym.pseudonimkan(typed, garam)
    meta["dipseudonimkan"] = bool(pseudonimkan or meta.get("dipseudonimkan", False))
    meta["ada_kebenaran"] = "kebenaran" in typed
    return Population(**{n: typed.get(n) for n in TABLES}, meta=meta)
