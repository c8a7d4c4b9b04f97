"""The rule engine: what a rule is, how it is evaluated on a population or on a rule case.

A rule turns the tables of a :class:`~simkit.population.model.Population` into one row per
employee (``tingkat="pegawai"``) or per unit (``tingkat="unit"``). Its pipeline is::

    population ──siapkan──▶ core tables ──hitung──▶ Hasil(hasil, catatan) ──▶ Evaluation
    case input ──siapkan_kasus──▶ core tables ──hitung──▶ Hasil ──keluaran_kasus──▶ dict

``hitung`` is the ONE vectorised implementation; a rule case runs it on a one-row frame.
Rules are pure: no randomness, no I/O inside ``evaluate`` (parameters are loaded before), and
they never read ``population.kebenaran`` / ``kebenaran_unit``.

Write a rule by subclassing :class:`Rule`, setting the class attributes and implementing
``siapkan``, ``siapkan_kasus``, ``hitung``, ``langkah`` (and optionally ``keluaran_kasus``,
``periksa_kasus``, ``periksa_parameter`` for checks across parameters, which the engine runs
once per parameter set before anything is applied: :meth:`Rule.siapkan_parameter`), then
``register`` it (:mod:`simkit.rules.registry`)::

    @register
    class Contoh(Rule):
        id = "contoh"
        inputs = (Masukan("x", "angka", {"id": "nilai x", "en": "value x"}, min=0),)
        outputs = (Keluaran("predikat", {"id": "predikat", "en": "rating"}),)
        def siapkan_kasus(self, inputs, params):
            return {"pegawai": pd.DataFrame({"asn_id": [1], "x": [inputs["x"]]})}
        ...

A reform patches a built-in rule: set ``base_rule = "permenpanrb_6_2022"``, subclass that
rule's class and override the steps it changes; its parameters are the base rule's file
merged with its own ``params/<id>.yaml`` (see :attr:`Rule.parameter_ids`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, mirip
from simkit.i18n import get_lang, t
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.params import ParameterSet, has_params, load_params

TINGKAT = ("pegawai", "unit")
"""A rule rates employees (``pegawai``) or service units (``unit``)."""

RATING = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
"""The 3-level rating of PermenPANRB 6/2022 (hasil kerja and perilaku kerja)."""

PERINGKAT: dict[str, int] = {
    "sangat_baik": 5, "baik": 4, "butuh_perbaikan": 3, "cukup": 3, "kurang": 2,
    "sangat_kurang": 1, "buruk": 1,
    # unit level (PermenPANRB 14/2017 kinerja unit): A, B, C, D
    "kurang_baik": 2, "tidak_baik": 1,
}
"""Common ordinal of every rule's predikat vocabulary: 5 = best ... 1 = worst.

A kit convention (not a regulation) so rules with different vocabularies can be compared:
Butuh Perbaikan (PermenPANRB 6/2022) and Cukup (PP 30/2019, PP 46/2011) are both the middle
class 3; PermenPANRB 14/2017's four classes map to 5, 4, 2, 1 (C = 'kurang baik' sits with
'kurang')."""

MAKS_CONTOH_BARIS = 3
"""How many offending rows a validation message lists per column before summarising."""


# --------------------------------------------------------------------------- documentation


@dataclass(frozen=True)
class Masukan:
    """One input of a rule case (also documents where it comes from in a population).

    ``tipe``: angka | bulat | boolean | teks | pilihan | daftar | mapping.
    ``min_eksklusif``: the value must be strictly greater than ``min`` (targets > 0).
    ``isi``: the spec of each list element (tipe daftar). ``kunci``: the allowed keys of a
    mapping (None: any key). ``panjang``: exact list length. ``boleh_null``: null allowed.
    ``wajib``: required inside its parent mapping. ``bawaan``: default when absent.
    ``sumber``: the population table/column(s) it is taken from on a population.
    """

    nama: str
    tipe: str
    deskripsi: Mapping[str, str] = field(default_factory=dict)
    satuan: str | None = None
    pilihan: tuple | None = None
    min: float | None = None
    max: float | None = None
    min_eksklusif: bool = False
    isi: Masukan | None = None
    kunci: tuple[Masukan, ...] | None = None
    panjang: int | None = None
    boleh_null: bool = False
    wajib: bool = False
    bawaan: Any = None
    sumber: str | None = None

    def teks(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        return self.deskripsi.get(lang) or self.deskripsi.get("id", self.nama)


@dataclass(frozen=True)
class Keluaran:
    """One output column / case output key of a rule."""

    nama: str
    deskripsi: Mapping[str, str] = field(default_factory=dict)
    satuan: str | None = None
    pilihan: tuple | None = None

    def teks(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        return self.deskripsi.get(lang) or self.deskripsi.get("id", self.nama)


@dataclass
class Hasil:
    """What :meth:`Rule.hitung` returns: the per-id frame and extra tables."""

    hasil: pd.DataFrame
    catatan: dict[str, pd.DataFrame] = field(default_factory=dict)


# --------------------------------------------------------------------------- case input checks


def _tipe_teks(tipe: str) -> str:
    return t(f"aturan_umum.tipe.{tipe}")


def _is_num(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def periksa_masukan(
    specs: Iterable[Masukan], data: object, jalur: tuple = (), kunci_bebas: bool = False
) -> list[Masalah]:
    """Problems of a case ``input`` mapping against ``specs`` (unknown keys, types, ranges).

    Each :class:`Masalah` has ``bidang`` = the dotted path (``iki[0].target``) and
    ``isi["jalur"]`` = the path tuple (for line lookup by the case runner).
    """
    specs = tuple(specs)
    by_name = {s.nama: s for s in specs}
    if not isinstance(data, Mapping):
        return [_m("tipe_salah", jalur, diharapkan=_tipe_teks("mapping"), ditemukan=repr(data))]
    out: list[Masalah] = []
    for k, v in data.items():
        if k not in by_name:
            if kunci_bebas:
                continue
            out.append(_m("bidang_tidak_dikenal", (*jalur, k),
                          diharapkan=", ".join(by_name), saran=mirip(str(k), by_name)))
            continue
        out.extend(_periksa_satu(by_name[k], v, (*jalur, k)))
    for s in specs:
        if s.wajib and s.nama not in data:
            out.append(_m("bidang_wajib", (*jalur, s.nama)))
    return out


def _m(kode: str, jalur: tuple, **kw: Any) -> Masalah:
    bidang = ""
    for p in jalur:
        bidang += f"[{p}]" if isinstance(p, int) else (f".{p}" if bidang else str(p))
    return Masalah(kode, bidang=bidang or None, isi={"jalur": jalur}, **kw)


def _periksa_satu(s: Masukan, v: object, jalur: tuple) -> list[Masalah]:
    if v is None:
        return [] if s.boleh_null else [_m("nilai_kosong", jalur)]
    tipe = s.tipe
    if tipe in ("angka", "bulat"):
        if not _is_num(v) or (tipe == "bulat" and not float(v).is_integer()):
            return [_m("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        low = s.min is not None and (v <= s.min if s.min_eksklusif else v < s.min)
        if low or (s.max is not None and v > s.max):
            if s.min_eksklusif and s.max is None:
                want = f"> {s.min}"
            else:
                want = (f"{s.min if s.min is not None else '-inf'} .. "
                        f"{s.max if s.max is not None else 'inf'}")
            return [_m("di_luar_rentang", jalur, diharapkan=want, ditemukan=repr(v))]
        if s.pilihan is not None and v not in s.pilihan:
            return [_m("nilai_tidak_valid", jalur, diharapkan=", ".join(map(str, s.pilihan)),
                       ditemukan=repr(v))]
        return []
    if tipe == "boolean":
        if not isinstance(v, bool):
            return [_m("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        return []
    if tipe in ("teks", "pilihan"):
        if not isinstance(v, str):
            return [_m("tipe_salah", jalur, diharapkan=_tipe_teks("teks"), ditemukan=repr(v))]
        if s.pilihan is not None and v not in s.pilihan:
            return [_m("nilai_tidak_valid", jalur, diharapkan=", ".join(map(str, s.pilihan)),
                       ditemukan=repr(v), saran=mirip(v, map(str, s.pilihan)))]
        return []
    if tipe == "daftar":
        if not isinstance(v, list):
            return [_m("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        out: list[Masalah] = []
        if s.panjang is not None and len(v) != s.panjang:
            out.append(_m("di_luar_rentang", jalur, diharapkan=f"{s.panjang} elemen",
                          ditemukan=f"{len(v)}"))
        if s.min is not None and s.isi is None and len(v) < s.min:
            out.append(_m("di_luar_rentang", jalur, diharapkan=f">= {s.min}", ditemukan=str(len(v))))
        if s.isi is not None:
            if not v:
                out.append(_m("nilai_kosong", jalur))
            for i, x in enumerate(v):
                out.extend(_periksa_satu(s.isi, x, (*jalur, i)))
        return out
    if tipe == "mapping":
        if not isinstance(v, Mapping):
            return [_m("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        if s.kunci is None:
            return []
        return periksa_masukan(s.kunci, v, jalur)
    raise ValueError(f"unknown Masukan.tipe {tipe!r}")  # developer error


# --------------------------------------------------------------------------- population checks


def _kosong(s: pd.Series) -> np.ndarray | None:
    """Mask of the nulls of ``s``; None for a numpy dtype that cannot hold one."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iubf":
        return np.isnan(s.to_numpy()) if s.dtype.kind == "f" else None
    return s.isna().to_numpy()


def _angka(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``s`` as float64 (non-numbers -> NaN) and the mask of non-null values that are not
    numbers; numpy numeric columns skip the (slow) ``pd.to_numeric``."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf":
        return s.to_numpy(dtype=float), np.zeros(len(s), dtype=bool)
    v = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    return v, np.isnan(v) & s.notna().to_numpy()


class Pemeriksa:
    """Collects located problems of population inputs, vectorised; ``selesai()`` raises them.

    >>> pm = Pemeriksa("contoh")
    >>> df = pd.DataFrame({"asn_id": [1, 2], "target": [1.0, 0.0]})
    >>> pm.positif(df, "iki", "target", "asn_id")
    >>> len(pm.masalah)
    1
    """

    def __init__(self, aturan: str):
        self.aturan = aturan
        self.masalah: list[Masalah] = []

    def tandai(self, df: pd.DataFrame, mask: np.ndarray, table: str, col: str, idcol: str,
               kode: str, **kw: Any) -> None:
        """Record problem ``kode`` for the rows of ``df`` where ``mask`` is true (first few)."""
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return
        ids = df[idcol].to_numpy()[idx[:MAKS_CONTOH_BARIS]] if idcol in df else idx
        vals = df[col].to_numpy()[idx[:MAKS_CONTOH_BARIS]] if col in df else [None] * len(idx)
        for pos, ident, val in zip(idx[:MAKS_CONTOH_BARIS], ids, vals, strict=False):
            self.masalah.append(Masalah(
                kode, berkas=table, baris=int(pos) + 1, kolom=col, ditemukan=_repr(val),
                isi={"aturan": self.aturan, "kunci": idcol, "id": _repr(ident)}, **kw))
        if idx.size > MAKS_CONTOH_BARIS:
            self.masalah.append(Masalah("aturan_baris_lain", berkas=table, kolom=col,
                                        isi={"n": int(idx.size - MAKS_CONTOH_BARIS)}))

    def kolom(self, df: pd.DataFrame | None, table: str, cols: Iterable[str]) -> bool:
        """Required columns present (and the table itself)? Records problems, returns ok."""
        if df is None:
            self.masalah.append(Masalah("aturan_tabel_hilang", berkas=table,
                                        isi={"aturan": self.aturan}))
            return False
        ok = True
        for c in cols:
            if c not in df.columns:
                ok = False
                self.masalah.append(Masalah("aturan_kolom_hilang", berkas=table, kolom=c,
                                            saran=mirip(c, map(str, df.columns)),
                                            isi={"aturan": self.aturan}))
        return ok

    def tidak_kosong(self, df: pd.DataFrame, table: str, cols: Iterable[str], idcol: str) -> None:
        """No NaN / null in ``cols``."""
        for c in cols:
            mask = _kosong(df[c])
            if mask is not None and mask.any():
                self.tandai(df, mask, table, c, idcol, "aturan_nilai_kosong")

    def kosakata(self, df: pd.DataFrame, table: str, col: str, allowed: Iterable, idcol: str) -> None:
        """Non-null values of ``col`` within ``allowed``."""
        allowed = tuple(allowed)
        s = df[col]
        if isinstance(s.dtype, pd.CategoricalDtype) and set(s.dtype.categories) <= set(allowed):
            return  # every value is one of the (allowed) categories or null
        mask = (~s.isin(allowed) & s.notna()).to_numpy()
        if mask.any():
            first = s.to_numpy()[np.flatnonzero(mask)[0]]
            self.tandai(df, mask, table, col, idcol, "aturan_di_luar_kosakata",
                       diharapkan=", ".join(map(str, allowed)),
                       saran=mirip(str(first), map(str, allowed)))

    def positif(self, df: pd.DataFrame, table: str, col: str, idcol: str) -> None:
        """Values of ``col`` > 0 (targets)."""
        v, _ = _angka(df[col])
        mask = ~(v > 0) & ~np.isnan(v)
        if mask.any():
            self.tandai(df, mask, table, col, idcol, "aturan_tidak_positif", diharapkan="> 0")

    def rentang(self, df: pd.DataFrame, table: str, col: str, lo: float | None, hi: float | None,
                idcol: str) -> None:
        """Numeric values of ``col`` within [lo, hi] (non-numbers are reported too)."""
        v, bad = _angka(df[col])
        if lo is not None:
            bad |= v < lo
        if hi is not None:
            bad |= v > hi
        if bad.any():
            self.tandai(df, bad, table, col, idcol, "aturan_di_luar_rentang",
                       diharapkan=f"{lo if lo is not None else '-inf'} .. "
                                  f"{hi if hi is not None else 'inf'}")

    def unik(self, df: pd.DataFrame, table: str, col: str) -> None:
        """Values of ``col`` unique (a key)."""
        mask = df[col].duplicated(keep="first").to_numpy()
        if mask.any():
            self.tandai(df, mask, table, col, col, "aturan_id_ganda")

    def selesai(self) -> None:
        """Raise every recorded problem as one SimkitError."""
        if self.masalah:
            raise SimkitError(self.masalah)


# --------------------------------------------------------------------------- parameter checks

def cek_menurun(params: Mapping[str, Any], nama: Iterable[str]) -> list[Masalah]:
    """The thresholds ``nama`` (best class first) never increase (``periksa_parameter`` helper).

    >>> [m.bidang for m in cek_menurun({"a": 90, "b": 95}, ["a", "b"])]
    ['b']
    """
    nama = list(nama)
    vals = [float(params[n]) for n in nama]
    diubah = getattr(params, "overrides", {}) or {}
    for i in range(1, len(nama)):
        if vals[i] > vals[i - 1]:
            # name the changed one of the pair (its line in a scenario or case file)
            salah = nama[i - 1] if nama[i - 1] in diubah and nama[i] not in diubah else nama[i]
            return [Masalah("parameter_ambang_urut", bidang=salah, isi={
                "urutan": " >= ".join(f"{n} {params[n]}" for n in nama)})]
    return []


def bingkai(kolom: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame from a dict of column arrays WITHOUT copying/consolidating them (fast for
    millions of rows; pandas Copy-on-Write keeps the inputs safe)."""
    return pd.DataFrame(dict(kolom), copy=False)


def pilih_kode(kondisi: list[np.ndarray]) -> np.ndarray:
    """Per row the index of the first condition that holds (int16), -1 where none does.

    >>> pilih_kode([np.array([True, False, False]), np.array([True, True, False])]).tolist()
    [0, 1, -1]
    """
    return np.select(kondisi, np.arange(len(kondisi)), default=-1).astype(np.int16)


def pilih(kondisi: list[np.ndarray], pilihan: Iterable[str]) -> np.ndarray:
    """Like ``np.select`` over string choices, but fast: an object array, ``None`` where no
    condition holds.

    >>> pilih([np.array([True, False]), np.array([True, True])], ["a", "b"]).tolist()
    ['a', 'b']
    """
    return np.array([*pilihan, None], dtype=object)[pilih_kode(kondisi)]


@cache
def tipe_kategori(cats: tuple[str, ...]) -> pd.CategoricalDtype:
    """The CategoricalDtype of the vocabulary ``cats``, built once (building one validates
    its categories, which costs more than coding a few thousand values)."""
    return pd.CategoricalDtype(list(cats))


def dari_kode(codes: np.ndarray, cats: Iterable[str]) -> pd.Categorical:
    """``pd.Categorical.from_codes(codes, cats)`` (code -1 = missing) with the shared dtype.

    >>> dari_kode(np.array([1, -1]), ("a", "b")).tolist()
    ['b', nan]
    """
    return pd.Categorical.from_codes(codes, dtype=tipe_kategori(tuple(cats)))


def kode_dari(values: Any, cats: Iterable[str]) -> np.ndarray:
    """Codes of ``values`` in ``cats`` (0..k-1; -1 for missing or unknown), fast for a small
    vocabulary (factorize, then map the few distinct values; a Categorical with exactly
    these categories gives its codes).

    >>> kode_dari(np.array(["b", None, "a", "z"], dtype=object), ["a", "b"]).tolist()
    [1, -1, 0, -1]
    """
    cats = list(cats)
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(values, pd.Categorical) and list(values.categories) == cats:
        return np.asarray(values.codes, dtype=np.int16)
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    lut = pd.Index(cats).get_indexer(np.asarray(uniq, dtype=object))
    lut = np.append(lut, -1).astype(np.int16)  # codes == -1 (missing) -> last entry
    return lut[codes]


def kategori(values: Any, cats: Iterable[str]) -> pd.Categorical:
    """A Categorical with the fixed categories ``cats`` (values outside -> NaN)."""
    cats = tuple(cats)
    return dari_kode(kode_dari(values, cats), cats)


def _lut_padat(ids: np.ndarray, kunci: np.ndarray) -> np.ndarray | None:
    """``lut[id] = position of id in ids`` (-1 elsewhere) for non-negative integer ids when
    the table stays small (covering every ``kunci``), else None."""
    if not (ids.dtype.kind in "iu" and kunci.dtype.kind in "iu" and ids.size
            and ids.min() >= 0):
        return None
    top = int(max(ids.max(), kunci.max() if kunci.size else 0))
    if top > 4 * ids.size + 1_000_000:
        return None
    lut = np.full(top + 1, -1, dtype=np.int64)
    lut[ids] = np.arange(ids.size)
    return lut


def posisi(ids: Any, kunci: Any) -> np.ndarray:
    """Position of each ``kunci`` in ``ids`` (unique), -1 where absent; a dense lookup table
    for integer ids (fast for millions of rows), a hash index otherwise."""
    ids = np.asarray(ids)
    kunci = np.asarray(kunci)
    lut = _lut_padat(ids, kunci)
    if lut is None:
        return pd.Index(ids).get_indexer(kunci)
    ok = kunci >= 0
    out = np.full(kunci.shape, -1, dtype=np.int64)
    out[ok] = lut[kunci[ok]]
    return out


def sejajar(df: pd.DataFrame, kunci: str, ids: Any, kolom: Iterable[str]) -> np.ndarray:
    """The columns ``kolom`` of ``df`` (float64, one column each) on the rows of ``ids`` by
    the unique key column ``kunci``, NaN where an id has no row: the values of
    ``df.set_index(kunci).reindex(ids)[kolom]`` without building those frames.

    >>> df = pd.DataFrame({"k": [7, 5], "x": [1.0, 2.0]})
    >>> sejajar(df, "k", [5, 9, 7], ["x"])[:, 0].tolist()
    [2.0, nan, 1.0]
    """
    kolom = list(kolom)
    pos = posisi(df[kunci].to_numpy(), ids)
    ada = pos >= 0
    out = np.full((len(pos), len(kolom)), np.nan, order="F")  # column-major, as pandas gives
    for j, c in enumerate(kolom):
        out[ada, j] = df[c].to_numpy(dtype=float)[pos[ada]]
    return out


def ada_di(kunci: Any, ids: Any) -> np.ndarray:
    """Which ``kunci`` occur in ``ids`` (``Series.isin``); a dense table for integer ids.

    >>> ada_di(np.array([3, 9, 3]), np.array([1, 3])).tolist()
    [True, False, True]
    """
    kunci, ids = np.asarray(kunci), np.asarray(ids)
    lut = _lut_padat(ids, kunci)
    if lut is None:
        return pd.Series(kunci).isin(ids).to_numpy()
    return (kunci >= 0) & (lut[np.maximum(kunci, 0)] >= 0)


def _peringkat(pred: pd.Series) -> np.ndarray | pd.Series:
    """:data:`PERINGKAT` of every (non-null) predikat as int8; a Categorical maps only its
    few categories."""
    if isinstance(pred.dtype, pd.CategoricalDtype):
        lut = [PERINGKAT.get(str(c)) for c in pred.cat.categories]
        if None not in lut:
            return np.array(lut, dtype=np.int8)[pred.cat.codes.to_numpy()]
    return pred.astype(str).map(PERINGKAT).astype("int8")


def _repr(v: object) -> str:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, str) else str(v)


def _python(v: object) -> object:
    """numpy scalars -> Python; NaN -> None."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


# --------------------------------------------------------------------------- Rule


class Rule:
    """Base class of every rule (national or reform). See the module docstring."""

    id: ClassVar[str] = ""
    tingkat: ClassVar[str] = "pegawai"
    base_rule: ClassVar[str | None] = None
    """For a reform: the id of the rule it patches."""
    inputs: ClassVar[tuple[Masukan, ...]] = ()
    """Case inputs (rule-cases.md vocabulary); ``sumber`` says where a population holds them."""
    outputs: ClassVar[tuple[Keluaran, ...]] = ()
    tabel: ClassVar[tuple[str, ...]] = ()
    """Population tables the rule reads (documentation; never ``kebenaran``)."""

    # ---- identity and texts
    @property
    def id_kolom(self) -> str:
        """``asn_id`` (tingkat pegawai) or ``unit_id`` (tingkat unit)."""
        return "asn_id" if self.tingkat == "pegawai" else "unit_id"

    @property
    def label_key(self) -> str:
        return f"aturan.{self.id}.label"

    @property
    def deskripsi_key(self) -> str:
        return f"aturan.{self.id}.deskripsi"

    def label(self, lang: str | None = None) -> str:
        """Display name, e.g. 'PermenPANRB 6/2022 (kuadran kinerja)'."""
        return t(self.label_key, lang)

    def deskripsi(self, lang: str | None = None) -> str:
        """One-paragraph description of what the rule does."""
        return t(self.deskripsi_key, lang)

    def __repr__(self) -> str:
        return f"<Rule {self.id} ({self.tingkat})>"

    # ---- parameters
    @property
    def parameter_ids(self) -> tuple[str, ...]:
        """Parameter files merged for this rule: the base rule's chain, then its own file."""
        ids: tuple[str, ...] = ()
        if self.base_rule:
            from simkit.rules.registry import get_rule

            ids = get_rule(self.base_rule).parameter_ids
        if has_params(self.id):
            ids = (*ids, self.id)
        return ids

    @cached_property
    def parameters(self) -> ParameterSet:
        """The parameters in force today (latest dated values), loaded once."""
        return load_params(self.parameter_ids)

    def params_pada(self, tanggal: Any) -> ParameterSet:
        """The parameters in force on ``tanggal`` (date or 'YYYY-MM-DD')."""
        return load_params(self.parameter_ids, tanggal)

    def resolve_params(self, params: ParameterSet | Mapping[str, Any] | None) -> ParameterSet:
        """``None`` -> defaults; a plain mapping -> overrides of the defaults. Either way the
        result is validated whole (:meth:`siapkan_parameter`)."""
        return self.siapkan_parameter(params)

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Checks across parameters (weights sum to 1, thresholds in order, formulas compile).

        Single values are already checked by :meth:`ParameterSet.with_overrides`. Each
        :class:`Masalah` names the parameter in ``bidang`` (``proporsi`` or ``proporsi.baik``).
        A subclass extends the list of its base rule (``super().periksa_parameter(params)``).
        """
        return []

    def siapkan_parameter(self, params: ParameterSet | Mapping[str, Any] | None = None,
                          berkas: str | None = None,
                          baris_map: Mapping[str, int | None] | None = None) -> ParameterSet:
        """The parameters to apply, validated whole before anything is applied, once.

        A mapping of overrides (a base rule + changed parameters, or a reform with its own
        parameters) is checked value by value (every problem at once, nothing applied), then
        the whole set by :meth:`periksa_parameter`. Problems raise one SimkitError located with
        ``berkas`` and the line ``baris_map[parameter]``. A set that passed is marked
        (:attr:`ParameterSet.diperiksa`), so the scenario check, the case runner and
        :meth:`evaluate` never check — or report — the same set twice.
        """
        if params is None:
            p = self.parameters
        elif isinstance(params, ParameterSet):
            p = params
        else:
            p = self.parameters.with_overrides(params, berkas=berkas, baris_map=baris_map)
        if self.id in p.diperiksa:
            return p
        probs = self.periksa_parameter(p)
        if probs:
            peta = baris_map or {}
            for m in probs:
                nama = (m.bidang or "").split(".")[0].split("[")[0]
                m.berkas = m.berkas or berkas
                if m.baris is None:
                    m.baris = peta.get(nama)
            raise SimkitError(probs)
        return p.tandai_diperiksa(self.id)

    # ---- to implement
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        """Validate the population inputs and build the core tables ``hitung`` needs."""
        raise NotImplementedError

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet) -> dict[str, pd.DataFrame]:
        """Build the same core tables from one rule case's ``input`` (id 1)."""
        raise NotImplementedError

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        """The vectorised rule: core tables -> one row per id (+ extra tables)."""
        raise NotImplementedError

    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        """The explanation steps for one row of ``evaluation.hasil``."""
        raise NotImplementedError

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """Case outputs from the one-row result (default: every column of the row)."""
        row = hasil.hasil.iloc[0]
        return {k: _python(v) for k, v in row.items()}

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        """Problems of a case ``input`` (default: checked against :attr:`inputs`)."""
        return periksa_masukan(self.inputs, inputs)

    # ---- provided
    def evaluate(self, population: Any, params: ParameterSet | Mapping[str, Any] | None = None
                 ) -> Evaluation:
        """Apply the rule to a whole population (vectorised).

        Bad inputs raise a :class:`~simkit.errors.SimkitError` naming table, row, id and column.
        """
        p = self.resolve_params(params)
        tabel = self.siapkan(population, p)
        h = self.hitung(tabel, p)
        hasil = self._rapikan(h.hasil)
        meta = {
            "rule_id": self.id, "base_rule": self.base_rule, "tingkat": self.tingkat,
            "parameter_ids": list(self.parameter_ids), "tanggal_parameter": p.tanggal,
            "overrides": dict(p.overrides), "jumlah_baris": int(len(hasil)),
            "populasi": dict(getattr(population, "meta", {}) or {}),
        }
        return Evaluation(self.id, self.tingkat, hasil, p, dict(h.catatan), meta, aturan=self)

    def evaluate_case(self, inputs: Mapping[str, Any],
                      params: ParameterSet | Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run one rule case's ``input`` through the same vectorised ``hitung``; return outputs."""
        probs = self.periksa_kasus(inputs)
        if probs:
            raise SimkitError(probs)
        p = self.resolve_params(params)
        h = self.hitung(self.siapkan_kasus(inputs, p), p)
        h.hasil = self._rapikan(h.hasil)
        return self.keluaran_kasus(h, inputs)

    def _rapikan(self, df: pd.DataFrame) -> pd.DataFrame:
        """Sort by id; add ``peringkat``/``nilai`` if missing; refuse a NaN predikat."""
        col = self.id_kolom
        if "predikat" not in df.columns:
            raise ValueError(f"rule {self.id}: hitung() must produce 'predikat'")
        pred = df["predikat"]
        if pred.isna().any():
            bad = df.loc[pred.isna(), col].head(MAKS_CONTOH_BARIS).tolist()
            raise SimkitError(Masalah("aturan_predikat_kosong", kolom="predikat",
                                      isi={"aturan": self.id, "kunci": col,
                                           "id": ", ".join(map(str, bad))}))
        if "peringkat" not in df.columns:
            df = df.assign(peringkat=_peringkat(pred))
        if "nilai" not in df.columns:
            df = df.assign(nilai=np.nan)
        if df[col].is_monotonic_increasing:
            return df.reset_index(drop=True)
        return df.sort_values(col, kind="stable").reset_index(drop=True)

    # ---- helpers for langkah()
    @staticmethod
    def langkah_parameter(params: ParameterSet, nama: str, komponen: str, nilai: Any = None,
                          hasil: Any = None, ambang: str | None = None,
                          nilai_parameter: Any = None) -> Langkah:
        """A step that cites parameter ``nama`` (its value and legal reference).

        ``nilai_parameter`` replaces the whole value shown (e.g. the one matrix cell used).
        """
        return Langkah(komponen=komponen, nilai=nilai, ambang=ambang, hasil=hasil,
                       parameter=nama,
                       nilai_parameter=params[nama] if nilai_parameter is None else nilai_parameter,
                       referensi=params.referensi(nama))
