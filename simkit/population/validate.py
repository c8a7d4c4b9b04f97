"""Check Population tables against the schema and against each other, vectorised.

Shared by :func:`simkit.population.importer.load_population` and the tests. Every problem is a
located :class:`~simkit.errors.Masalah`: the file, the row as a user sees it in a spreadsheet
(default: header on line 1, so data row ``i`` is line ``i + 2``), the column, what was expected
and what was found. At most ``batas_masalah`` problems are listed; the rest are counted in a
closing "… and N more".

>>> import pandas as pd
>>> df = pd.DataFrame({"unit_id": [1], "capaian_kinerja_organisasi": ["istimewaa"]})
>>> [m.render("id") for m in validate_table(df, "kinerja_organisasi", "ko.csv")]  # doctest: +ELLIPSIS
["ko.csv, baris 2, kolom 'capaian_kinerja_organisasi': nilai tidak dikenal. ... Maksud Anda 'istimewa'?"]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from simkit.errors import Masalah, mirip
from simkit.i18n import LANGS, has, t
from simkit.population.nip import validate_nip
from simkit.population.schema import TABLES, Column, Table, tabel_skm

_DATA = Path(__file__).parent / "data" / "impor.yaml"

POLA_PSEUDONIM_NIP = r"PSN[0-9a-f]{15}"
"""A NIP pseudonym (see :mod:`simkit.population.pseudonym`): accepted as already safe."""

_ANGKA_NIP = r"[+-]?(\d+[.,]\d*|[.,]\d+|\d+)([eE][+-]?\d+)?"  # 1.9660801e17, 1966...0.0
_SIKLUS_MAKS = 10_000  # members of one atasan cycle walked to show it from its first row
_KODE_RUJUKAN = {"atasan_id": "atasan_tidak_dikenal", "penilai_id": "penilai_tidak_dikenal"}
"""Message codes of references that name their own role (else ``<rujukan>_tidak_dikenal``)."""


@cache
def konfigurasi_impor() -> dict[str, Any]:
    """The import settings of ``population/data/impor.yaml`` (synonyms, limits, tolerances)."""
    with open(_DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def normalisasi(teks: object) -> str:
    """Lower case, every run of other characters than a-z/0-9 turned into one ``_``.

    >>> normalisasi(" NIP BARU "), normalisasi("Kurang/Misconduct")
    ('nip_baru', 'kurang_misconduct')
    """
    return re.sub(r"[^0-9a-z]+", "_", str(teks).strip().lower()).strip("_")


class Teks:
    """A message text rendered when shown, so a later ``set_lang`` is honoured.

    >>> from simkit.i18n import set_lang
    >>> x = Teks("galat._tipe.int"); set_lang("en"); str(x)
    'a whole number'
    >>> set_lang(None)
    """

    __slots__ = ("key", "kw")

    def __init__(self, key: str, **kw: object):
        self.key, self.kw = key, kw

    def __str__(self) -> str:
        return t(self.key, **self.kw)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Teks({self.key!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass
class Sumber:
    """Where a table came from: file name, the user-visible row of each data row, headers."""

    berkas: str
    baris: np.ndarray
    baris_header: int | None = 1
    kolom_asli: dict[str, str] = field(default_factory=dict)

    @classmethod
    def bawaan(cls, berkas: str, n: int) -> Sumber:
        """A table written as CSV: header on line 1, data from line 2."""
        return cls(berkas, np.arange(n, dtype=np.int64) + 2)

    def kolom(self, nama: str) -> str:
        return self.kolom_asli.get(nama, nama)


class Kumpulan:
    """Collects problems, at most ``batas`` in all and ``per_cek`` per check; counts the rest."""

    def __init__(self, batas: int | None = None, per_cek: int | None = None):
        cfg = konfigurasi_impor()
        self.batas = int(batas if batas is not None else cfg["batas_masalah"])
        self.per_cek = int(per_cek if per_cek is not None else cfg["batas_per_cek"])
        self.masalah: list[Masalah] = []
        self.lebih = 0

    def __bool__(self) -> bool:
        return bool(self.masalah) or self.lebih > 0

    def tambah(self, m: Masalah) -> None:
        if len(self.masalah) < self.batas:
            self.masalah.append(m)
        else:
            self.lebih += 1

    def tambah_baris(self, mask: Any, kode: str, sumber: Sumber, kolom: str | None, *,
                     diharapkan: Any = None, ditemukan: Any = None, saran: Any = None,
                     **isi: Any) -> None:
        """One problem per row where ``mask`` holds; array arguments are taken row-wise."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(idx):
            return
        # costly arguments may be given as callables: evaluated only when there is a problem
        diharapkan, ditemukan, saran = (v() if callable(v) else v
                                        for v in (diharapkan, ditemukan, saran))
        isi = {k: v() if callable(v) else v for k, v in isi.items()}
        ruang = max(0, min(self.per_cek, self.batas - len(self.masalah)))
        self.lebih += len(idx) - min(ruang, len(idx))
        for i in idx[:ruang]:
            self.masalah.append(Masalah(
                kode, berkas=sumber.berkas, baris=int(sumber.baris[i]),
                kolom=sumber.kolom(kolom) if kolom else None, diharapkan=_ambil(diharapkan, i),
                ditemukan=_tampil(_ambil(ditemukan, i)), saran=_ambil(saran, i),
                isi={k: _ambil(v, i) for k, v in isi.items()},
            ))

    def hasil(self) -> list[Masalah]:
        out = list(self.masalah)
        if self.lebih:
            out.append(Masalah("masalah_lainnya", isi={"jumlah": self.lebih}))
        return out


def _ambil(v: Any, i: int) -> Any:
    if isinstance(v, pd.Series):
        return v.iloc[i]
    if isinstance(v, np.ndarray | list):
        return v[i]
    return v


def _tampil(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return f"'{v}'"
    if isinstance(v, float | np.floating):
        if np.isnan(v):
            return Teks("galat.nip_alasan.kosong")  # type: ignore[return-value]
        return str(int(v)) if float(v).is_integer() else f"{float(v):g}"
    return str(v)


def _angka_teks(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


# --- parsing one column ---------------------------------------------------------------

def _teks(s: pd.Series) -> pd.Series:
    """Any column as ``str`` dtype, missing values NaN."""
    if isinstance(s.dtype, pd.CategoricalDtype) or not pd.api.types.is_string_dtype(s):
        if pd.api.types.is_float_dtype(s):  # 7604030.0 -> '7604030', 72.5 -> '72.5'
            v = s.to_numpy(dtype="float64", na_value=np.nan)
            bulat = np.isfinite(v) & (v == np.round(v)) & (np.abs(v) < 2**53)
            teks = np.where(bulat, np.where(bulat, v, 0).astype(np.int64).astype(str), v.astype(str))
            return pd.Series(teks, index=s.index, dtype="str").where(~np.isnan(v))
        return s.astype("str")
    return s


def _ke_angka(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Numbers as float64 and a mask of cells that are not numbers (Indonesian ``12,5`` ok)."""
    if pd.api.types.is_bool_dtype(s):
        return s.astype("float64"), np.zeros(len(s), bool)
    if pd.api.types.is_numeric_dtype(s) and not isinstance(s.dtype, pd.CategoricalDtype):
        v = s.astype("float64")
        return v, np.isinf(v.to_numpy())
    st = _teks(s)
    v = pd.to_numeric(st, errors="coerce")
    bad = (v.isna() & st.notna()).to_numpy()
    if bad.any():
        sub = st[bad]
        ribuan = sub.str.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?") | sub.str.fullmatch(r"-?\d+,\d+")
        sub = sub.where(~ribuan, sub.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        v2 = pd.to_numeric(sub, errors="coerce")
        v = v.copy()
        v[bad] = v2.to_numpy()
        bad = (v.isna() & st.notna()).to_numpy()
    v = v.astype("float64")
    bad = bad | np.isinf(v.to_numpy())
    return v, bad


def _ke_tanggal(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.astype("datetime64[us]"), np.zeros(len(s), bool)
    st = _teks(s)
    d = pd.to_datetime(st, format="%Y-%m-%d", errors="coerce")
    for fmt in ("ISO8601", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        sisa = (d.isna() & st.notna()).to_numpy()
        if not sisa.any():
            break
        d = d.copy()
        d[sisa] = pd.to_datetime(st[sisa], format=fmt, errors="coerce").to_numpy()
    d = d.astype("datetime64[us]")
    return d, (d.isna() & st.notna()).to_numpy()


_BENAR = {"true", "t", "1", "ya", "y", "yes", "benar"}
_SALAH = {"false", "f", "0", "tidak", "n", "no", "salah", "bukan"}


def _ke_bool(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """1.0 / 0.0 / NaN and a mask of cells that are no boolean word."""
    if pd.api.types.is_bool_dtype(s):
        return s.astype("float64"), np.zeros(len(s), bool)
    codes, uniq = pd.factorize(_teks(s))
    norm = [normalisasi(u) for u in uniq]
    peta = np.array([1.0 if n in _BENAR else 0.0 if n in _SALAH else np.nan for n in norm] + [np.nan])
    v = peta[codes]  # codes == -1 picks the trailing NaN
    bad = np.isnan(v) & (codes >= 0)
    return pd.Series(v, index=s.index), bad


@cache
def _kamus_enum(kolom: str, nilai: tuple) -> dict[str, str]:
    """normalised label -> id for an enum column: ids, i18n labels (id, en), synonyms."""
    cfg = konfigurasi_impor()
    out = {normalisasi(v): v for v in nilai}
    jenis = cfg["kosakata_kolom"].get(kolom)
    if jenis:
        for lang in LANGS:
            for v in nilai:
                key = f"{jenis}.{v}"
                if has(key, lang):
                    out.setdefault(normalisasi(t(key, lang)), v)
        for k, v in (cfg["sinonim_nilai"].get(jenis) or {}).items():
            if v in nilai:
                out.setdefault(normalisasi(k), v)
    return out


def _ke_enum(s: pd.Series, col: Column) -> tuple[pd.Series, np.ndarray, pd.Series | None,
                                                 np.ndarray]:
    """Enum ids, bad mask, the original text (when some differed) and did-you-mean per row."""
    st = _teks(s)
    codes, uniq = pd.factorize(st)  # the work is per distinct value, not per row
    kamus = _kamus_enum(col.name, tuple(col.values))
    canon = [kamus.get(normalisasi(u)) for u in uniq]
    ids = list(col.values)
    kode = np.array([ids.index(c) if c is not None else -1 for c in canon] + [-1], dtype=np.int64)
    bad = np.array([c is None for c in canon] + [False])[codes]
    teks_ids = [str(v) for v in ids]
    saran = np.array([None if c is not None else mirip(normalisasi(u), teks_ids) for u, c in
                      zip(uniq, canon, strict=True)] + [None], dtype=object)[codes]
    berbeda = any(c is not None and c != u for u, c in zip(uniq, canon, strict=True))
    out = pd.Series(pd.Categorical.from_codes(kode[codes], categories=ids), index=s.index)
    return out, bad, (st if berbeda else None), saran


def _diharapkan_tipe(col: Column) -> Teks:
    if col.kind == "enum":
        return Teks("galat._tipe.salah_satu", nilai=", ".join(map(str, col.values)))
    return Teks(f"galat._tipe.{col.kind}")


def _rentang(col: Column) -> Teks:
    if col.min is not None and col.max is not None:
        return Teks("galat._tipe.rentang", min=_angka_teks(col.min), maks=_angka_teks(col.max))
    if col.min is not None:
        return Teks("galat._tipe.minimal", min=_angka_teks(col.min))
    return Teks("galat._tipe.maksimal", maks=_angka_teks(col.max))


def _dtype_angka(col: Column, v: pd.Series) -> pd.Series:
    if col.kind == "int":
        if col.nullable or v.isna().any():
            return v.astype("Int64")
        return v.astype("int64")
    return v


def _ubah_kolom(s: pd.Series, col: Column, tabel: Table, sumber: Sumber,
                kumpulan: Kumpulan) -> tuple[pd.Series, pd.Series | None]:
    """Parse one column to its schema kind, reporting type, null, range and enum problems."""
    kosong_asli = s.isna().to_numpy()
    raw = None
    if col.kind in ("int", "float"):
        v, bad = _ke_angka(s)
        kumpulan.tambah_baris(bad, "tipe_salah", sumber, col.name,
                              diharapkan=_diharapkan_tipe(col), ditemukan=lambda: _teks(s))
        if col.kind == "int":
            pecahan = (v.notna() & (v % 1 != 0)).to_numpy()
            kumpulan.tambah_baris(pecahan, "bukan_bilangan_bulat", sumber, col.name,
                                  diharapkan=_diharapkan_tipe(col), ditemukan=v)
            bad = bad | pecahan
        v = v.where(~bad)
        if col.name in konfigurasi_impor()["kolom_positif"].get(tabel.name, []):
            pos = (v <= 0).to_numpy()
            kumpulan.tambah_baris(pos, "target_tidak_positif", sumber, col.name,
                                  diharapkan=Teks("galat._tipe.kolom_positif"), ditemukan=v)
        elif col.min is not None or col.max is not None:
            luar = np.zeros(len(v), bool)
            if col.min is not None:
                luar |= (v < col.min).to_numpy()
            if col.max is not None:
                luar |= (v > col.max).to_numpy()
            kumpulan.tambah_baris(luar, "di_luar_rentang", sumber, col.name,
                                  diharapkan=_rentang(col), ditemukan=v)
        if col.name in konfigurasi_impor()["jawaban_bulat"].get(tabel.name, []):
            pecahan = (v.notna() & (v % 1 != 0)).to_numpy()
            kumpulan.tambah_baris(pecahan, "bukan_bilangan_bulat", sumber, col.name,
                                  diharapkan=_rentang(col), ditemukan=v)
        out = _dtype_angka(col, v)
    elif col.kind == "date":
        out, bad = _ke_tanggal(s)
        kumpulan.tambah_baris(bad, "tipe_salah", sumber, col.name,
                              diharapkan=_diharapkan_tipe(col), ditemukan=lambda: _teks(s))
    elif col.kind == "bool":
        v, bad = _ke_bool(s)
        kumpulan.tambah_baris(bad, "tipe_salah", sumber, col.name,
                              diharapkan=_diharapkan_tipe(col), ditemukan=lambda: _teks(s))
        out = v.astype("boolean") if v.isna().any() else v.astype(bool)
    elif col.kind == "enum":
        out, bad, raw, saran = _ke_enum(s, col)
        kode = "arah_salah" if col.name == "arah" else "nilai_tidak_dikenal"
        kumpulan.tambah_baris(bad, kode, sumber, col.name, diharapkan=_diharapkan_tipe(col),
                              ditemukan=lambda: _teks(s), saran=saran)
    else:
        out = _teks(s)
    if not col.nullable:
        kumpulan.tambah_baris(kosong_asli, "nilai_kosong", sumber, col.name)
    return out, raw


# --- one table ------------------------------------------------------------------------

def _tabel(table: str | Table) -> Table:
    return table if isinstance(table, Table) else TABLES[table]


def _posisi_pertama(codes: np.ndarray, n_grup: int) -> np.ndarray:
    first = np.full(n_grup, -1, dtype=np.int64)
    pos = np.arange(len(codes), dtype=np.int64)
    ok = codes >= 0
    first[codes[ok][::-1]] = pos[ok][::-1]
    return first


def _cek_ganda(typed: pd.DataFrame, kolom: tuple[str, ...], kode: str, sumber: Sumber,
               kumpulan: Kumpulan) -> None:
    if any(c not in typed for c in kolom) or not len(typed):
        return
    if len(kolom) == 1:
        codes, uniq = pd.factorize(typed[kolom[0]])
        n = len(uniq)
    else:
        codes = typed.groupby(list(kolom), sort=False, dropna=True, observed=True).ngroup().to_numpy()
        n = int(codes.max()) + 1 if len(codes) else 0
    first = _posisi_pertama(codes, n)
    ganda = (codes >= 0) & (first[np.maximum(codes, 0)] != np.arange(len(codes)))
    if not ganda.any():
        return
    lain = sumber.baris[first[np.maximum(codes, 0)]]
    nilai = typed[kolom[0]] if len(kolom) == 1 else None
    kumpulan.tambah_baris(ganda, kode, sumber, kolom[-1] if len(kolom) == 1 else ", ".join(kolom),
                          ditemukan=nilai, baris_lain=lain)


def _render_alasan(kode: object) -> Teks | str:
    for key in (f"galat.nip_alasan.{kode}", f"nip.alasan.{kode}"):
        if has(key, "id"):
            return Teks(key)
    return str(kode)


def _cek_nip(typed: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan) -> None:
    nip = typed["nip"]
    ada = nip.notna().to_numpy()
    teks = nip.fillna("")
    angka = ada & (teks.str.fullmatch(_ANGKA_NIP) & ~teks.str.fullmatch(r"\d+")).to_numpy()
    kumpulan.tambah_baris(angka, "nip_angka", sumber, "nip",
                          diharapkan=Teks("galat._tipe.nip"), ditemukan=nip)
    pseudo = nip.fillna("").str.fullmatch(POLA_PSEUDONIM_NIP).to_numpy()
    cek = ada & ~angka & ~pseudo
    if not cek.any():
        return
    kw: dict[str, Any] = {}
    for arg, kolom in (("tanggal_lahir", "tanggal_lahir"), ("tmt", "tmt_cpns"),
                       ("jenis_kelamin", "jenis_kelamin"), ("status", "status_kepegawaian")):
        if kolom in typed:
            v = typed[kolom][cek]
            kw[arg] = v.astype(object).to_numpy() if isinstance(v.dtype, pd.CategoricalDtype) else v.to_numpy()
    ok, alasan = validate_nip(nip[cek].to_numpy(), **kw)
    salah = np.zeros(len(nip), bool)
    salah[cek] = ~np.asarray(ok, dtype=bool)
    teks_alasan = np.full(len(nip), "", dtype=object)
    teks_alasan[cek] = [_render_alasan(a) for a in np.asarray(alasan, dtype=object)]
    kumpulan.tambah_baris(salah, "nip_tidak_valid", sumber, "nip", diharapkan=Teks("galat._tipe.nip"),
                          ditemukan=nip, alasan=teks_alasan)


def _cek_bobot(typed: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan) -> None:
    if "bobot" not in typed or "asn_id" not in typed:
        return
    tol = float(konfigurasi_impor()["toleransi_bobot"])
    ok = typed["asn_id"].notna() & typed["bobot"].notna()
    sub = typed.loc[ok, ["asn_id", "bobot"]]
    jumlah = sub.groupby("asn_id", sort=False)["bobot"].transform("sum")
    codes, uniq = pd.factorize(sub["asn_id"])
    pertama = np.zeros(len(typed), bool)
    idx = np.flatnonzero(ok.to_numpy())
    first = _posisi_pertama(codes, len(uniq))
    pertama[idx[first]] = True
    salah = np.zeros(len(typed), bool)
    salah[idx] = (np.abs(jumlah.to_numpy() - 1.0) > tol)
    jml = np.full(len(typed), np.nan)
    jml[idx] = jumlah.to_numpy()
    kumpulan.tambah_baris(salah & pertama, "bobot_tidak_satu", sumber, "bobot",
                          asn_id=lambda: _teks(typed["asn_id"].astype("float64")).to_numpy(),
                          toleransi=_angka_teks(tol),
                          jumlah=lambda: np.array([f"{x:.4g}" for x in jml], dtype=object))


def periksa_tabel(df: pd.DataFrame, table: str | Table, sumber: Sumber,
                  kumpulan: Kumpulan, asli: dict[str, dict[str, str]] | None = None
                  ) -> pd.DataFrame:
    """Parse ``df`` to the schema kinds, adding its problems to ``kumpulan``.

    Returns the typed frame: the schema columns in schema order and nothing else (the schema
    allows no extra columns; cells that failed to parse are missing). An enum text that was
    mapped to an id (``M`` -> ``L``, ``Kurang/Misconduct`` -> ``kurang``) is recorded as a
    distinct pair in ``asli`` (column -> {original: id}) when given. Missing columns listed in
    ``kolom_boleh_hilang`` are added empty; other missing columns are reported (with a "did
    you mean" to a near-miss header) and left out.
    """
    tabel = _tabel(table)
    boleh_hilang = set(konfigurasi_impor()["kolom_boleh_hilang"].get(tabel.name, []))
    skema = set(tabel.column_names)
    asing = [c for c in df.columns if c not in skema]
    out: dict[str, pd.Series] = {}
    for col in tabel.columns:
        if col.name not in df:
            if col.name in boleh_hilang:
                out[col.name] = _ubah_kolom(pd.Series(np.nan, index=df.index, dtype="float64"),
                                            col, tabel, sumber, kumpulan)[0]
                continue
            dekat = mirip(col.name, [normalisasi(sumber.kolom(a)) for a in asing])
            if dekat:
                asli = next(sumber.kolom(a) for a in asing if normalisasi(sumber.kolom(a)) == dekat)
                kumpulan.tambah(Masalah("kolom_salah_ketik", berkas=sumber.berkas,
                                        baris=sumber.baris_header, kolom=asli, saran=col.name,
                                        isi={"wajib": col.name}))
            else:
                kumpulan.tambah(Masalah("kolom_hilang", berkas=sumber.berkas,
                                        baris=sumber.baris_header, kolom=col.name))
            continue
        out[col.name], raw = _ubah_kolom(df[col.name], col, tabel, sumber, kumpulan)
        if raw is not None and asli is not None:
            pasangan = pd.DataFrame({"a": raw, "b": out[col.name].astype(object)}).dropna()
            pasangan = pasangan[pasangan["a"] != pasangan["b"]].drop_duplicates("a")
            asli.setdefault(col.name, {}).update(zip(pasangan["a"], pasangan["b"], strict=True))
    typed = pd.DataFrame(out, index=df.index).reset_index(drop=True)
    for col in tabel.columns:
        if col.unique:
            _cek_ganda(typed, (col.name,), "nip_ganda" if col.name == "nip" else "id_ganda",
                       sumber, kumpulan)
    if len(tabel.key) > 1:
        _cek_ganda(typed, tabel.key, "id_ganda", sumber, kumpulan)
    if tabel.name == "pegawai" and "nip" in typed:
        typed["nip"] = typed["nip"].str.lstrip("'")  # Excel's "store as text" apostrophe
        _cek_nip(typed, sumber, kumpulan)
    if tabel.name == "iki":
        _cek_bobot(typed, sumber, kumpulan)
    return typed


# --- across tables --------------------------------------------------------------------

def _ids(df: pd.DataFrame | None, kolom: str) -> np.ndarray:
    if df is None or kolom not in df:
        return np.array([], dtype="float64")
    return df[kolom].dropna().astype("float64").unique()


def _cek_siklus(peg: pd.DataFrame, sumber: Sumber, kumpulan: Kumpulan) -> None:
    """Cycles in the atasan tree by pointer jumping over arrays (log2(n) passes)."""
    ada = peg["asn_id"].notna().to_numpy()
    asn = peg["asn_id"].astype("float64").to_numpy()
    pertama = ada & ~pd.Series(asn).duplicated().to_numpy()
    baris_ok = np.flatnonzero(pertama)
    idx = pd.Index(asn[baris_ok])
    induk = idx.get_indexer(peg["atasan_id"].astype("float64").to_numpy()[baris_ok])
    n = len(induk)
    if not n:
        return
    leluhur = induk.copy()
    for _ in range(int(np.ceil(np.log2(n + 1))) + 1):
        leluhur = np.where(leluhur >= 0, leluhur[np.maximum(leluhur, 0)], -1)
    terjebak = np.flatnonzero(leluhur >= 0)
    if not len(terjebak):
        return
    mulai = int(leluhur[terjebak[0]])  # after >= n steps every walk is inside its cycle
    siklus = [mulai]
    x = int(induk[mulai])
    while x != mulai and len(siklus) < _SIKLUS_MAKS:  # one cycle, bounded: an error path
        siklus.append(x)
        x = int(induk[x])
    if x == mulai:  # whole cycle known: start it at its first row, close it
        k = siklus.index(min(siklus))
        siklus = siklus[k:] + siklus[:k]
    tampil = siklus[:kumpulan.per_cek]
    teks = " → ".join(_angka_teks(asn[baris_ok[i]]) for i in tampil)
    teks += f" → {_angka_teks(asn[baris_ok[siklus[0]]])}" if len(tampil) == len(siklus) else " → …"
    kumpulan.tambah(Masalah("siklus_atasan", berkas=sumber.berkas,
                            baris=int(sumber.baris[baris_ok[siklus[0]]]),
                            kolom=sumber.kolom("atasan_id"), isi={"siklus": teks}))


def _cek_puncak(typed: Mapping[str, pd.DataFrame], sumber: Sumber, kumpulan: Kumpulan) -> None:
    peg, unit = typed["pegawai"], typed.get("unit_kerja")
    if unit is None or "instansi" not in unit or "unit_id" not in peg or "unit_id" not in unit:
        return
    inst = unit.dropna(subset=["unit_id"]).drop_duplicates("unit_id").set_index("unit_id")["instansi"]
    inst_peg = peg["unit_id"].map(inst)
    semua = inst_peg.dropna().unique()
    puncak = inst_peg[peg["atasan_id"].isna()].dropna().unique()
    for i in sorted(set(semua) - set(puncak)):  # loop over instansi, not employees
        kumpulan.tambah(Masalah("tanpa_puncak", berkas=sumber.berkas, kolom=sumber.kolom("atasan_id"),
                                isi={"instansi": _angka_teks(float(i))}))


def _cek_opd(typed: Mapping[str, pd.DataFrame], sumber: Sumber, kumpulan: Kumpulan) -> None:
    peg, unit = typed["pegawai"], typed.get("unit_kerja")
    if unit is None or not {"unit_id", "opd_id"} <= set(unit) or not {"unit_id", "opd_id"} <= set(peg):
        return
    opd = unit.dropna(subset=["unit_id"]).drop_duplicates("unit_id").set_index("unit_id")["opd_id"]
    harap = peg["unit_id"].map(opd)
    salah = (harap.notna() & peg["opd_id"].notna() & (harap != peg["opd_id"])).to_numpy()
    kumpulan.tambah_baris(salah, "opd_tidak_cocok", sumber, "opd_id",
                          diharapkan=lambda: _teks(harap.astype("float64")).to_numpy(),
                          ditemukan=peg["opd_id"].astype("float64"),
                          unit_id=lambda: _teks(peg["unit_id"].astype("float64")).to_numpy())


def periksa_relasi(typed: Mapping[str, pd.DataFrame], sumber: Mapping[str, Sumber],
                   kumpulan: Kumpulan) -> None:
    """Cross-table checks: unknown unit/asn ids, the atasan tree (cycles, no top), OPD ids."""
    target = {"unit": _ids(typed.get("unit_kerja"), "unit_id"),
              "pegawai": _ids(typed.get("pegawai"), "asn_id")}
    ada = {"unit": "unit_kerja" in typed, "pegawai": "pegawai" in typed}
    for tabel, kolom, ke in ((tb.name, c.name, c.rujukan) for tb in TABLES.values()
                             for c in tb.columns if c.rujukan):
        df = typed.get(tabel)
        if df is None or kolom not in df or not ada[ke]:
            continue
        kode = _KODE_RUJUKAN.get(kolom, f"{ke}_tidak_dikenal")
        v = df[kolom].astype("float64")
        salah = (v.notna() & ~v.isin(target[ke])).to_numpy()
        kumpulan.tambah_baris(salah, kode, sumber[tabel], kolom, ditemukan=v,
                              diharapkan=Teks(f"galat._tipe.{ke}"))
    peg = typed.get("pegawai")
    if peg is not None and {"asn_id", "atasan_id"} <= set(peg):
        _cek_siklus(peg, sumber["pegawai"], kumpulan)
        _cek_puncak(typed, sumber["pegawai"], kumpulan)
    if peg is not None:
        _cek_opd(typed, sumber["pegawai"], kumpulan)


def periksa_semua(tables: Mapping[str, pd.DataFrame], sumber: Mapping[str, Sumber],
                  kumpulan: Kumpulan, asli: dict[str, dict[str, dict[str, str]]] | None = None,
                  skala_skm: tuple[float, float] | None = None) -> dict[str, pd.DataFrame]:
    """Every present table through :func:`periksa_tabel`, then :func:`periksa_relasi`.

    ``asli`` (when given) collects table -> column -> {original text: id} of mapped enums.
    ``skala_skm``: the range of the SKM answers (default the schema's
    :data:`~simkit.population.schema.SKALA_SKM`; a rule's ``skala_jawaban``).
    """
    typed = {name: periksa_tabel(df, tabel_skm(skala_skm) if name == "skm" else name,
                                 sumber[name], kumpulan,
                                 None if asli is None else asli.setdefault(name, {}))
             for name, df in tables.items()}
    periksa_relasi(typed, sumber, kumpulan)
    return typed


# --- public entry points ----------------------------------------------------------------

def validate_table(df: pd.DataFrame, table: str | Table, berkas: str | None = None, *,
                   baris: np.ndarray | None = None, kolom_asli: dict[str, str] | None = None,
                   ) -> list[Masalah]:
    """Problems of one table (columns, types, ranges, enums, nulls, duplicates, NIP, weights).

    ``baris``: the user-visible row of each data row (default: header on line 1, data from
    line 2). ``kolom_asli``: canonical column -> header as written in the file.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_id": [1, 1], "capaian_kinerja_organisasi": ["baik", "baik"]})
    >>> [m.kode for m in validate_table(df, "kinerja_organisasi")]
    ['id_ganda']
    """
    tabel = _tabel(table)
    berkas = berkas or f"{tabel.name}.csv"
    sumber = Sumber(berkas, np.asarray(baris) if baris is not None else np.arange(len(df)) + 2,
                    kolom_asli=kolom_asli or {})
    kumpulan = Kumpulan()
    periksa_tabel(df, tabel, sumber, kumpulan)
    return kumpulan.hasil()


def validate_population(tables: Mapping[str, pd.DataFrame],
                        berkas_map: Mapping[str, str] | None = None, *,
                        baris_map: Mapping[str, np.ndarray] | None = None,
                        skala_skm: tuple[float, float] | None = None) -> list[Masalah]:
    """Problems of a whole set of tables: each table, missing required tables, cross-references.

    ``tables`` maps table name -> frame (e.g. ``pop.tables()``); ``berkas_map`` table -> file
    name shown in messages (default ``<name>.csv``); ``baris_map`` table -> rows as above;
    ``skala_skm`` the SKM answer range (a rule's ``skala_jawaban``; default 1-4).

    >>> validate_population({})[0].kode
    'tabel_hilang'
    """
    berkas_map = berkas_map or {}
    baris_map = baris_map or {}
    kumpulan = Kumpulan()
    for name, tabel in TABLES.items():
        if tabel.required and name != "perilaku_aspek" and name not in tables:
            kumpulan.tambah(Masalah("tabel_hilang", berkas=berkas_map.get(name, f"{name}.csv")))
    sumber = {}
    for name, df in tables.items():
        b = baris_map.get(name)
        sumber[name] = Sumber(berkas_map.get(name, f"{name}.csv"),
                              np.asarray(b) if b is not None else np.arange(len(df)) + 2)
    periksa_semua(tables, sumber, kumpulan, skala_skm=skala_skm)
    return kumpulan.hasil()
