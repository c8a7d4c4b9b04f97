"""Real export shapes -> simkit's columns: SIASN employees, wide SKM files, personal columns.

:func:`~simkit.population.importer.load_population` calls this module between reading a file
and checking it against :mod:`simkit.population.schema`. Every mapping table (synonyms,
golongan codes, status and jenis-jabatan patterns, SKM element labels, the 1-5 conversion)
lives in ``population/data/impor.yaml``; this module only applies them, vectorised (per
column or per distinct value, never per employee).

* **Personal columns are dropped**: NIK, phone, e-mail, address, NPWP, BPJS, titles (gelar),
  birthplace, religion, marital status, old NIP, PNS ID and an SKM respondent's name
  (``kolom_pribadi`` in impor.yaml) are removed while the file is read, before any check, so
  they are never stored in a Population, its ``meta`` or a message (only their headers are
  listed in ``meta["kolom_pribadi_dibuang"]``). NIP and name are pseudonymised afterwards.
* **pegawai from a SIASN data-ASN export**: ``status_kepegawaian`` from ``JENIS PEGAWAI NAMA``
  / ``KEDUDUKAN HUKUM NAMA`` (PNS/PPPK by pattern), ``golongan`` from ``GOL AKHIR NAMA`` or the
  code ``GOL AKHIR ID`` (11..45, read with the status because PNS and PPPK codes collide),
  ``jenis_jabatan`` from ``JENIS JABATAN NAMA`` + ``ESELON NAMA`` + the jenjang word of
  ``JABATAN NAMA``; ``jenjang`` and ``rumpun`` from the position name when the file has no
  such column; ``unit_id``/``opd_id`` from ``UNOR ID`` looked up in ``unit_kerja.kode_unit``.
  Columns SIASN does not carry (asn_id, atasan_id, kelas_jabatan, kepala_unit,
  melayani_publik) must be added to the file; their absence is reported as such.
* **skm from a wide survey export**: answer columns ``u1..u9``, ``Q1..Q9``, ``P1..Pn`` or
  labelled headers are matched to the nine unsur of PermenPANRB 14/2017 by label (so apps
  that swap U8/U9 are read right), else by number; a missing ``responden_id`` is numbered
  1..n in file order; answers of 5 (a 1-5 Google-Forms scale) are refused with a located
  message unless ``konversi_skala_5`` is set.

Nothing original is kept in extra ``*_raw`` columns: the schema allows none. The distinct
original -> simkit values are summarised in ``meta["nilai_asli"]`` instead.

>>> import pandas as pd
>>> from simkit.population.validate import Kumpulan, Sumber
>>> df = pd.DataFrame({"nip": ["199001012015031001", "199202022022212001"],
...                    "jenis_pegawai_nama": ["PNS Daerah Kabupaten/Kota", "PPPK"],
...                    "gol_akhir_id": ["31", "31"]}, dtype="str")
>>> out, cat = sesuaikan("pegawai", df, Sumber.bawaan("pegawai.csv", 2), Kumpulan())
>>> out[["status_kepegawaian", "golongan"]].values.tolist()
[['PNS', 'III/a'], ['PPPK', 'IX']]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.population.schema import JENIS_JABATAN, SKALA_SKM, TABLES, UNSUR_SKM
from simkit.population.validate import (
    Kumpulan,
    Sumber,
    Teks,
    _kamus_enum,
    _ke_angka,
    _teks,
    konfigurasi_impor,
    normalisasi,
)

_ROMAWI_PPPK = "XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
_GOL_PNS = r"(?:^|[^A-Za-z])((?i:IV|III|II|I))\s*[/\-.]?\s*([a-eA-E])(?:$|[^A-Za-z])"
_KODE = r"\s*(\d{2})(?:\.0+)?\s*"
_SIASN = frozenset({"nip_baru", "gol_akhir_id", "gol_akhir_nama", "unor_id", "unor_nama",
                    "jenis_jabatan_nama", "jabatan_nama", "kedudukan_hukum_nama",
                    "kedudukan_pns_nama", "jenis_pegawai_nama", "satuan_kerja_kerja_nama"})
"""Normalised headers that mark a file as a SIASN export (for the missing-column hint)."""
_TAMBAHAN_SIASN = ("asn_id", "atasan_id", "kelas_jabatan", "kepala_unit", "melayani_publik",
                   "rumpun", "unit_id", "opd_id")
"""pegawai columns a SIASN export does not carry."""


@dataclass
class Catatan:
    """What the adapter did to one table, for ``Population.meta``."""

    diturunkan: dict[str, list[str]] = field(default_factory=dict)
    """simkit column -> the headers (as written) it was derived from."""
    nilai_asli: dict[str, dict[str, str]] = field(default_factory=dict)
    """simkit column -> {original text: simkit value}, distinct pairs that differ."""
    skala_5: int = 0
    """SKM rows converted from a 1-5 scale."""
    siasn: bool = False


# --- configuration ----------------------------------------------------------------------

def _cfg() -> dict[str, Any]:
    return konfigurasi_impor()


@cache
def _pola_pribadi(tabel: str) -> re.Pattern[str]:
    daftar = _cfg()["kolom_pribadi"]
    pola = [*daftar.get("semua", []), *(daftar.get(tabel) or [])]
    return re.compile("|".join(f"(?:{p})" for p in pola))


def pribadi(nama: str, tabel: str) -> bool:
    """Whether the normalised header ``nama`` is a personal column to drop from ``tabel``.

    >>> pribadi("nik", "pegawai"), pribadi("nomor_hp", "skm"), pribadi("nama", "pegawai")
    (True, True, False)
    """
    return bool(nama) and _pola_pribadi(tabel).fullmatch(nama) is not None


@cache
def sumber_dikenal(tabel: str) -> frozenset[str]:
    """Normalised headers this module reads for ``tabel`` (they help find the header row)."""
    cfg = _cfg()
    if tabel == "pegawai":
        return frozenset([*cfg["status_dari_teks"]["kolom"], *cfg["golongan"]["kolom_kode"],
                          *cfg["jenis_jabatan_dari_teks"]["kolom_eselon"],
                          *cfg["kunci_unit"]["pegawai"]]) - set(TABLES[tabel].column_names)
    if tabel == "skm":
        return frozenset([*cfg["skm_lebar"]["kolom_skala"], *cfg["kunci_unit"]["skm"]])
    return frozenset()


@cache
def _pola_unsur() -> dict[str, re.Pattern[str]]:
    return {u: re.compile("|".join(p)) for u, p in _cfg()["skm_lebar"]["unsur"].items()}


def _unsur_label(label: str | None) -> str | None:
    """The one unsur whose label pattern matches ``label`` (None when none or several)."""
    if not label:
        return None
    cocok = [u for u, p in _pola_unsur().items() if p.search(label)]
    return cocok[0] if len(cocok) == 1 else None


def _kolom_jawaban(nama: str) -> tuple[str | None, int | None] | None:
    """(unsur from the label, number) of an SKM answer column, or None if it is not one."""
    cfg = _cfg()["skm_lebar"]
    m = re.fullmatch(cfg["kode"], nama)
    if m:
        return _unsur_label(m.group(2)), int(m.group(1))
    m = re.fullmatch(cfg["kode_nomor_label"], nama)  # "1. Persyaratan": only with a label
    u = _unsur_label(m.group(2) if m else nama)
    return (u, int(m.group(1)) if m else None) if u else None


def skor_tambahan(tabel: str, norm: list[str]) -> int:
    """Extra header-row score: source columns of ``tabel`` and, for skm, answer columns."""
    dikenal = sumber_dikenal(tabel)
    skor = sum(1 for n in set(norm) if n in dikenal)
    if tabel == "skm":
        skor += sum(1 for n in set(norm) if n and _kolom_jawaban(n) is not None)
    return skor


# --- helpers ----------------------------------------------------------------------------

def _per_nilai(s: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` applied to the distinct values of ``s`` only, then spread back to every row."""
    codes, uniq = pd.factorize(s)
    hasil = fn(pd.Series(np.asarray(uniq, dtype=object), dtype="str"))
    nilai = np.append(hasil.to_numpy(dtype=object), None)
    return pd.Series(nilai[codes], index=s.index, dtype=hasil.dtype)


def _norm(s: pd.Series) -> pd.Series:
    """Every value normalised (lower case, ``_`` for other characters); missing stays NaN."""
    return _per_nilai(_teks(s), lambda u: pd.Series([normalisasi(v) for v in u], dtype="str"))


def _cocok(n: pd.Series, pola: list[str]) -> np.ndarray:
    """Rows whose normalised text matches any of ``pola``."""
    if not pola:
        return np.zeros(len(n), bool)
    gabung = "|".join(f"(?:{re.sub(r'[(](?![?])', '(?:', p)})" for p in pola)  # no groups
    return n.str.contains(gabung, regex=True).fillna(False) \
        .to_numpy(dtype=bool)


def _kosong(df: pd.DataFrame) -> pd.Series:
    return pd.Series(np.nan, index=df.index, dtype="str")


def _catat_nilai(cat: Catatan, kolom: str, asli: pd.Series, baru: pd.Series, batas: int = 50
                 ) -> None:
    pasangan = pd.DataFrame({"a": _teks(asli), "b": baru.astype("str")}).dropna()
    pasangan = pasangan[pasangan["a"] != pasangan["b"]].drop_duplicates("a").head(batas)
    if len(pasangan):
        cat.nilai_asli.setdefault(kolom, {}).update(zip(pasangan["a"], pasangan["b"], strict=True))


def _turunan(cat: Catatan, sumber: Sumber, kolom: str, dari: list[str]) -> None:
    cat.diturunkan[kolom] = [sumber.kolom(c) for c in dari]
    if dari and kolom not in sumber.kolom_asli:
        sumber.kolom_asli[kolom] = sumber.kolom(dari[0])


# --- pegawai ----------------------------------------------------------------------------

def _status(df: pd.DataFrame, sumber: Sumber, cat: Catatan) -> pd.DataFrame:
    cfg = _cfg()["status_dari_teks"]
    kolom = [c for c in cfg["kolom"] if c in df]
    if not kolom:
        return df
    pppk = np.zeros(len(df), bool)
    pns = np.zeros(len(df), bool)
    for c in kolom:  # a loop over the few source columns
        n = _norm(df[c])
        pppk |= _cocok(n, cfg["PPPK"])
        pns |= _cocok(n, cfg["PNS"])
    teks = df[kolom].apply(_teks).bfill(axis=1).iloc[:, 0]  # first source with a value
    hasil = pd.Series(np.where(pppk, "PPPK", np.where(pns, "PNS", None)), index=df.index,
                      dtype="str")
    status = hasil.where(hasil.notna(), teks)  # unmatched text: reported as unknown value
    _catat_nilai(cat, "status_kepegawaian", teks, status)
    if kolom != ["status_kepegawaian"]:
        _turunan(cat, sumber, "status_kepegawaian", kolom)
    return df.drop(columns=[c for c in kolom if c != "status_kepegawaian"]).assign(
        status_kepegawaian=status)


def _golongan(df: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan, cat: Catatan
              ) -> pd.DataFrame:
    cfg = _cfg()["golongan"]
    kode_kol = next((c for c in cfg["kolom_kode"] if c in df), None)
    if "golongan" not in df and kode_kol is None:
        return df
    label = _teks(df["golongan"]) if "golongan" in df else _kosong(df)
    kode = _teks(df[kode_kol]) if kode_kol else _kosong(df)

    def bentuk(u: pd.Series) -> pd.Series:  # distinct labels -> 'III/a', 'IX' or NaN
        pns = u.str.extract(_GOL_PNS)
        out = (pns[0].str.upper() + "/" + pns[1].str.lower()).astype("str")
        pppk = u.str.fullmatch(rf"\s*(?i:{_ROMAWI_PPPK})\s*").fillna(False).astype(bool)
        return out.where(out.notna() | ~pppk, u.str.strip().str.upper())

    dari_label = _per_nilai(label, bentuk)
    # a code, in the label column (golongan = "31") or in GOL AKHIR ID
    kode_label = label.str.fullmatch(_KODE).fillna(False).to_numpy(dtype=bool)
    pakai_label = dari_label.isna().to_numpy() & kode_label
    k = kode.where(~pd.Series(pakai_label, index=df.index), label)
    k = k.str.extract(f"^{_KODE}$")[0].astype("str")
    kol_kode = np.where(pakai_label, "golongan", kode_kol or "golongan")
    status = _teks(df["status_kepegawaian"]) if "status_kepegawaian" in df else _kosong(df)
    dari_kode = k.map(cfg["PNS"]).where(status == "PNS", k.map(cfg["PPPK"]).where(
        status == "PPPK"))
    perlu_kode = dari_label.isna().to_numpy() & k.notna().to_numpy()
    dikenal = k.isin(list(cfg["PNS"])).to_numpy()
    tanpa_status = perlu_kode & dikenal & ~status.isin(["PNS", "PPPK"]).to_numpy()
    kode_asing = perlu_kode & ~dikenal
    label_asing = dari_label.isna().to_numpy() & label.notna().to_numpy() & ~kode_label
    for kol in dict.fromkeys(kol_kode):  # the code column(s): at most two
        di = kol_kode == kol
        kumpulan.tambah_baris(tanpa_status & di, "golongan_kode_perlu_status", sumber, kol,
                              ditemukan=k, kode_gol=k)
        kumpulan.tambah_baris(kode_asing & di, "golongan_tidak_dikenal", sumber, kol,
                              ditemukan=_teks(df[kol]))
    kumpulan.tambah_baris(label_asing & ~perlu_kode, "golongan_tidak_dikenal", sumber, "golongan",
                          ditemukan=label)
    asli = label.where(label.notna(), kode)
    hasil = dari_label.where(dari_label.notna(), dari_kode)
    dengan_status = asli.where(dari_label.notna() | status.isna(), asli + " (" + status + ")")
    _catat_nilai(cat, "golongan", dengan_status, hasil)  # a code's meaning depends on status
    hasil = hasil.where(hasil.notna(), asli)  # unresolved: reported above, not again as empty
    if kode_kol:
        _turunan(cat, sumber, "golongan", (["golongan"] if "golongan" in df else []) + [kode_kol])
        df = df.drop(columns=[kode_kol])
    return df.assign(golongan=hasil)


def _jenjang_kata(nama_jabatan: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(jenjang id, fungsional kind) from the jenjang word of each position name."""
    tabel = _cfg()["jenis_jabatan_dari_teks"]["jenjang"]
    pola = "(?:^|_)(" + "|".join(sorted(tabel, key=len, reverse=True)) + ")(?:_|$)"
    kata = _norm(nama_jabatan).str.extract(pola)[0]
    jenjang = kata.map({k: v[0] for k, v in tabel.items()}).astype("str")
    jenis = kata.map({k: v[1] for k, v in tabel.items()}).astype("str")
    return jenjang, jenis


def _jenis_jabatan(df: pd.DataFrame, sumber: Sumber, cat: Catatan) -> pd.DataFrame:
    if "jenis_jabatan" not in df:
        return df
    cfg = _cfg()["jenis_jabatan_dari_teks"]
    teks = _teks(df["jenis_jabatan"])
    n = _norm(teks)
    dikenal = n.map(_kamus_enum("jenis_jabatan", JENIS_JABATAN))

    def kategori(u: pd.Series) -> pd.Series:
        out = pd.Series(np.nan, index=u.index, dtype="str")
        for pola, kat in reversed(cfg["kategori"]):  # first pattern wins
            out = out.mask(u.str.contains(pola, regex=True).fillna(False), kat)
        return out

    kat = _per_nilai(n, kategori)
    es_kol = next((c for c in cfg["kolom_eselon"] if c in df), None)
    eselon = (_norm(df[es_kol]).str.extract(r"(?:^|_)(iv|iii|ii|i|v)(?:_|[a-e]?$)")[0]
              .map(cfg["eselon"]) if es_kol else _kosong(df))
    if "nama_jabatan" in df:
        jenjang, jenis_fung = _jenjang_kata(df["nama_jabatan"])
    else:
        jenjang, jenis_fung = _kosong(df), _kosong(df)
    turunan = pd.Series(np.select(
        [(kat == "struktural").to_numpy(), (kat == "pelaksana").to_numpy(),
         (kat == "fungsional").to_numpy()],
        [eselon.to_numpy(dtype=object), "pelaksana", jenis_fung.to_numpy(dtype=object)],
        default=None), index=df.index, dtype="str")
    hasil = dikenal.where(dikenal.notna(), turunan)
    hasil = hasil.where(hasil.notna(), teks)  # unresolved: reported as unknown value
    es_teks = _teks(df[es_kol]) if es_kol else _kosong(df)
    rinci = es_teks.where(kat == "struktural", jenjang.where(kat == "fungsional"))
    _catat_nilai(cat, "jenis_jabatan", teks.where(rinci.isna(), teks + " | " + rinci), hasil)
    if es_kol:
        _turunan(cat, sumber, "jenis_jabatan", ["jenis_jabatan", es_kol])
        df = df.drop(columns=[es_kol])
    return df.assign(jenis_jabatan=hasil)


def _jenjang_rumpun(df: pd.DataFrame, sumber: Sumber, cat: Catatan) -> pd.DataFrame:
    if "nama_jabatan" not in df:
        return df
    tambah = {}
    if "jenjang" not in df:
        jenjang, _ = _jenjang_kata(df["nama_jabatan"])
        fung = _teks(df["jenis_jabatan"]).str.startswith("fungsional").fillna(False) \
            .astype(bool) if "jenis_jabatan" in df else pd.Series(True, index=df.index)
        tambah["jenjang"] = jenjang.where(fung)
        _turunan(cat, sumber, "jenjang", ["nama_jabatan"])
    if "rumpun" not in df:
        cfg = _cfg()["rumpun_dari_jabatan"]
        n = _norm(df["nama_jabatan"])
        rumpun = np.select([_cocok(n, cfg["guru"]), _cocok(n, cfg["kesehatan"])],
                           ["guru", "kesehatan"], default="umum")
        tambah["rumpun"] = pd.Series(rumpun, index=df.index, dtype="str").where(n.notna())
        _turunan(cat, sumber, "rumpun", ["nama_jabatan"])
    return df.assign(**tambah)


# --- skm --------------------------------------------------------------------------------

def _skm(df: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan, cat: Catatan,
         konversi_skala_5: bool, skala_bawaan: bool = True) -> pd.DataFrame:
    cfg = _cfg()
    lewati = {"responden_id", "unit_id", *cfg["skm_lebar"]["kolom_skala"],
              *cfg["kunci_unit"]["skm"]}
    calon: dict[str, list[str]] = {}
    for c in df.columns:  # a loop over the columns of the file
        if c in lewati:
            continue
        jawab = _kolom_jawaban(str(c))
        if jawab is None:
            continue
        unsur, nomor = jawab
        if unsur is None and nomor is not None and 1 <= nomor <= len(UNSUR_SKM):
            unsur = f"u{nomor}"
        if unsur is None:
            kumpulan.tambah(Masalah("skm_unsur_tidak_dikenal", berkas=sumber.berkas,
                                    baris=sumber.baris_header, kolom=sumber.kolom(c),
                                    isi={"nomor": nomor}))
            continue
        calon.setdefault(unsur, []).append(c)
    peta: dict[str, str] = {}
    for unsur, kolom in calon.items():
        peta[unsur] = kolom[0]
        for lain in kolom[1:]:
            kumpulan.tambah(Masalah("skm_unsur_ganda", berkas=sumber.berkas,
                                    baris=sumber.baris_header, kolom=sumber.kolom(lain),
                                    isi={"lain": sumber.kolom(kolom[0]), "unsur": unsur.upper()}))
    baru = {u: df[c] for u, c in peta.items()}
    for u, c in peta.items():
        if c != u:
            sumber.kolom_asli[u] = sumber.kolom(c)
            cat.diturunkan[u] = [sumber.kolom(c)]
    df = df.drop(columns=[c for c in df.columns if c in set(peta.values()) or c in UNSUR_SKM])
    df = df.assign(**{u: baru[u] for u in UNSUR_SKM if u in baru})
    if "responden_id" not in df:  # anonymous respondents: numbered in file order
        df = df.assign(responden_id=pd.Series(np.arange(1, len(df) + 1), index=df.index))
        cat.diturunkan["responden_id"] = []
    return _skala_5(df, sumber, kumpulan, cat, konversi_skala_5) if skala_bawaan else df


def _skala_5(df: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan, cat: Catatan,
             konversi: bool) -> pd.DataFrame:
    """Answers on a 1-5 scale: refused (one message per column), or converted on request."""
    jawaban = [u for u in UNSUR_SKM if u in df]
    if not jawaban:
        return df
    nilai = {u: _ke_angka(df[u])[0] for u in jawaban}
    lima = {u: (v == 5).to_numpy() for u, v in nilai.items()}
    sk_kol = next((c for c in _cfg()["skm_lebar"]["kolom_skala"] if c in df), None)
    if sk_kol:
        baris5 = (_ke_angka(df[sk_kol])[0] == 5).to_numpy()
    else:
        baris5 = np.full(len(df), any(m.any() for m in lima.values()))
    if not baris5.any():
        return df
    ganti = {}
    if konversi:
        peta = {float(k): float(v) for k, v in _cfg()["konversi_skala_5"]["peta"].items()}
        for u, v in nilai.items():
            ubah = baris5 & v.isin(list(peta)).to_numpy()
            ganti[u] = _isi(df[u], ubah, v.map(peta))
        cat.skala_5 = int(baris5.sum())
        return df.assign(**ganti)
    if sk_kol:
        pertama = np.zeros(len(df), bool)
        pertama[np.flatnonzero(baris5)[0]] = True
        kumpulan.tambah_baris(pertama, "skm_skala_5_dinyatakan", sumber, sk_kol,
                              ditemukan=lambda: _teks(df[sk_kol]), jumlah=int(baris5.sum()))
    rentang = Teks("galat._tipe.rentang", min=str(SKALA_SKM[0]), maks=str(SKALA_SKM[1]))
    for u in jawaban:
        kena = lima[u] & baris5
        if not kena.any():
            continue
        if not sk_kol:
            pertama = np.zeros(len(df), bool)
            pertama[np.flatnonzero(kena)[0]] = True
            kumpulan.tambah_baris(pertama, "skm_skala_5", sumber, u, diharapkan=rentang,
                                  ditemukan=nilai[u], jumlah=int(kena.sum()))
        ganti[u] = _isi(df[u], kena, pd.Series(np.nan, index=df.index))  # no repeat per cell
    return df.assign(**ganti)


def _isi(s: pd.Series, mask: np.ndarray, baru: pd.Series) -> pd.Series:
    """``s`` with ``baru`` where ``mask`` holds, keeping the column's text or number kind."""
    m = pd.Series(mask, index=s.index)
    if pd.api.types.is_numeric_dtype(s):
        return s.where(~m, baru.astype("float64"))
    return _teks(s).where(~m, _teks(baru.astype("float64")))


# --- public entry points ----------------------------------------------------------------

def sesuaikan(tabel: str, df: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan, *,
              konversi_skala_5: bool = False, skala_skm: tuple[float, float] | None = None
              ) -> tuple[pd.DataFrame, Catatan]:
    """One freshly read table in a real export's shape -> simkit's columns (still as text).

    Problems (an unknown golongan code, a 1-5 SKM scale...) go to ``kumpulan`` with their
    file, row and column; values that cannot be mapped are left as they are, so the schema
    check reports them at their row. ``skala_skm``: the SKM answer scale checked (a 1-5 file
    is recognised only against the default 1-4; on another scale the range check decides).
    """
    cat = Catatan(siasn=bool(_SIASN & {normalisasi(v) for v in sumber.kolom_asli.values()}))
    if tabel == "pegawai":
        if "nip" in df:  # '1980 1120 2005 01 1 001' as exported with spaces
            df = df.assign(nip=_teks(df["nip"]).str.replace(r"\s+", "", regex=True))
        df = _status(df, sumber, cat)
        df = _golongan(df, sumber, kumpulan, cat)
        df = _jenis_jabatan(df, sumber, cat)
        df = _jenjang_rumpun(df, sumber, cat)
    elif tabel == "skm":
        df = _skm(df, sumber, kumpulan, cat, konversi_skala_5,
                  skala_skm is None or tuple(skala_skm) == SKALA_SKM)
    return df, cat


def hubungkan_unit(frames: dict[str, pd.DataFrame], sumber: Mapping[str, Sumber],
                   kumpulan: Kumpulan, catatan: Mapping[str, Catatan]) -> dict[str, pd.DataFrame]:
    """``unit_id`` from a unit code (SIASN ``UNOR ID``) via ``unit_kerja.kode_unit``, and a
    missing ``pegawai.opd_id`` from the unit's ``opd_id``."""
    out = dict(frames)
    unit = frames.get("unit_kerja")
    if unit is None or "unit_id" not in unit:
        return out
    for tabel in ("pegawai", "skm"):
        df = out.get(tabel)
        if df is None:
            continue
        kunci = next((c for c in _cfg()["kunci_unit"][tabel] if c in df), None)
        if "unit_id" not in df and kunci and "kode_unit" in unit:
            kode = _teks(unit["kode_unit"]).str.strip().str.lower()
            peta = pd.Series(_teks(unit["unit_id"]).to_numpy(), index=kode.to_numpy())
            peta = peta[peta.index.notna() & ~peta.index.duplicated()]
            dicari = _teks(df[kunci])
            uid = dicari.str.strip().str.lower().map(peta).astype("str")
            kumpulan.tambah_baris((dicari.notna() & uid.isna()).to_numpy(), "unit_tidak_dikenal",
                                  sumber[tabel], kunci, ditemukan=dicari,
                                  diharapkan=Teks("galat._tipe.kode_unit"))
            df = df.drop(columns=[kunci]).assign(unit_id=uid)
            _turunan(catatan[tabel], sumber[tabel], "unit_id", [kunci])
        if tabel == "pegawai" and "opd_id" not in df and "unit_id" in df and "opd_id" in unit:
            opd = pd.Series(_teks(unit["opd_id"]).to_numpy(), index=_teks(unit["unit_id"]).to_numpy())
            opd = opd[opd.index.notna() & ~opd.index.duplicated()]
            df = df.assign(opd_id=_teks(df["unit_id"]).map(opd).astype("str"))
            _turunan(catatan[tabel], sumber[tabel], "opd_id", ["unit_id"])
        out[tabel] = df
    return out


def petunjuk_kolom_hilang(masalah: list[Masalah], sumber: Sumber, catatan: Catatan) -> None:
    """A missing pegawai column that a SIASN export never carries: say so in the message."""
    if not catatan.siasn:
        return
    for m in masalah:
        if m.kode == "kolom_hilang" and m.berkas == sumber.berkas and m.kolom in _TAMBAHAN_SIASN:
            m.kode = "kolom_hilang_ekspor"
