"""The ``rumus`` language: safe, vectorised formulas a policymaker writes in a scenario.

A formula is one arithmetic expression over documented per-employee variables, e.g.
``0.7 * capaian_hasil_kerja + 0.3 * ikm_unit``. It is parsed with :func:`ast.parse` and
compiled, through a whitelist, into a tree of closures over numpy arrays: nothing is ever
passed to ``eval``/``exec`` and no Python object other than numbers is reachable.

Allowed: numbers; the variable names given to :func:`kompilasi` (by default
:data:`VARIABEL_RUMUS`); ``+ - * /``; ``**`` with a constant exponent of at most
:data:`BATAS_PANGKAT` in size; unary ``-``/``+``; comparisons (``< <= > >= == !=``, true = 1,
false = 0); ``and``/``or``/``not`` (per row, short-circuiting for error reporting);
``a if syarat else b``; and the functions of :data:`FUNGSI` (``min``, ``max``, ``abs``,
``round``, ``clip``, ``where``, ``log``, ``exp``, ``sqrt``, ``rata``). Anything else
(attributes, subscripts, strings, lambdas, comprehensions, other calls, dunder names) is a
located :class:`~simkit.errors.SimkitError` naming the position (1-based character) and, for
a misspelt name, a "did you mean". Guards: at most :data:`BATAS_PANJANG` characters and a
syntax tree at most :data:`BATAS_KEDALAMAN` deep.

Rows where a division by zero, ``log``/``sqrt`` of an invalid number or an overflow decides
the result are not turned into inf/NaN silently: :meth:`Rumus.hitung` raises a located error
listing how many employees are affected and up to five ``asn_id``. A division by zero in a
branch that ``where``/``if``/``and``/``or`` does not select for a row is harmless.

>>> import numpy as np
>>> r = kompilasi("where(melayani_publik == 1, 0.8 * capaian_hasil_kerja + 0.2 * ikm_unit,"
...               " capaian_hasil_kerja)")
>>> sorted(r.variabel)
['capaian_hasil_kerja', 'ikm_unit', 'melayani_publik']
>>> r.hitung({"capaian_hasil_kerja": np.array([100.0, 90.0]), "ikm_unit": np.array([50.0, 50.0]),
...           "melayani_publik": np.array([1.0, 0.0])}).tolist()
[90.0, 90.0]
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from simkit.errors import galat, mirip
from simkit.i18n import t
from simkit.population.schema import BERAKHLAK

BATAS_PANJANG = 500
"""Longest formula accepted, in characters (guard against abuse, not a policy number)."""
BATAS_KEDALAMAN = 30
"""Deepest syntax tree accepted (nesting of operations and calls)."""
BATAS_PANGKAT = 10.0
"""Largest absolute exponent allowed in ``**`` (the exponent must be a constant)."""
BATAS_DESIMAL = 6
"""Most decimals ``round(x, d)`` accepts."""
CONTOH_ASN = 5
"""How many asn_id an error about bad rows lists."""

# flags of a row whose value is undefined
BAGI_NOL, DOMAIN, TAK_HINGGA = np.uint8(1), np.uint8(2), np.uint8(4)
_ALASAN = {1: "bagi_nol", 2: "domain", 4: "tak_hingga"}


@dataclass(frozen=True)
class Variabel:
    """A documented formula variable; its description is ``rumus.variabel.<nama>`` in i18n."""

    nama: str
    satuan: str
    """unit id: its label is ``rumus.satuan.<satuan>`` in i18n"""
    min: float | None = None
    max: float | None = None

    def deskripsi(self, lang: str | None = None) -> str:
        return t(f"rumus.variabel.{self.nama}", lang)


def _v(nama: str, satuan: str, lo: float | None = None, hi: float | None = None) -> Variabel:
    return Variabel(nama, satuan, lo, hi)


VARIABEL_RUMUS: dict[str, Variabel] = {
    v.nama: v
    for v in (
        _v("capaian_hasil_kerja", "persen", 0, None),
        _v("perilaku_atasan", "skala_perilaku", 1, 5),
        _v("perilaku_360", "skala_perilaku", 1, 5),
        _v("perilaku_diri", "skala_perilaku", 1, 5),
        *(_v(f"skor_{n}", "skala_perilaku", 1, 5) for n in BERAKHLAK),
        _v("ikm_unit", "ikm_konversi", 25, 100),
        _v("ada_ikm", "ya_tidak", 0, 1),
        _v("melayani_publik", "ya_tidak", 0, 1),
        _v("kepala_unit", "ya_tidak", 0, 1),
        _v("struktural", "ya_tidak", 0, 1),
        _v("capaian_organisasi", "skala_organisasi", 1, 5),
        _v("jumlah_iki", "jumlah", 0, None),
        _v("jumlah_penilai", "jumlah", 0, None),
        _v("kelas_jabatan", "kelas", 1, 17),
    )
}
"""The variables a ``rumus`` reform may use; :mod:`simkit.rules.rumus` computes them."""


@dataclass(frozen=True)
class Fungsi:
    """A whitelisted function: ``arg_min``..``arg_max`` positional arguments (None: any)."""

    nama: str
    arg_min: int
    arg_max: int | None

    def deskripsi(self, lang: str | None = None) -> str:
        return t(f"rumus.fungsi.{self.nama}", lang)


FUNGSI: dict[str, Fungsi] = {
    f.nama: f
    for f in (
        Fungsi("min", 2, None), Fungsi("max", 2, None), Fungsi("abs", 1, 1),
        Fungsi("round", 1, 2), Fungsi("clip", 3, 3), Fungsi("where", 3, 3),
        Fungsi("log", 1, 1), Fungsi("exp", 1, 1), Fungsi("sqrt", 1, 1), Fungsi("rata", 1, None),
    )
}
"""The functions a formula may call."""

_Env = Mapping[str, Any]
_Val = tuple[Any, Any]  # (values, flags or None)
_Fn = Callable[[_Env], _Val]


@dataclass(frozen=True)
class _Node:
    fn: _Fn
    konstan: bool


def _or(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return np.bitwise_or(a, b)


def _pilih(syarat: Any, a: Any, b: Any) -> Any:
    """Flags of the branch each row selects."""
    if a is None and b is None:
        return None
    return np.where(syarat, np.uint8(0) if a is None else a, np.uint8(0) if b is None else b)


def _benar(x: Any) -> Any:
    return np.not_equal(x, 0)


def _f(x: Any) -> Any:
    """Booleans as 1.0/0.0 so every value is a float."""
    return np.asarray(x, dtype=np.float64) if np.ndim(x) else np.float64(x)


class _Kompilator:
    def __init__(self, teks: str, variabel: Iterable[str], lokasi: dict[str, Any], geser: int):
        self.teks = teks
        self.geser = geser
        self.bytes = teks.encode("utf-8")
        self.variabel = tuple(variabel)
        self.lokasi = lokasi
        self.dipakai: set[str] = set()

    # ------------------------------------------------------------------ errors
    def posisi(self, node: ast.AST) -> int:
        off = getattr(node, "col_offset", 0) or 0
        return len(self.bytes[:off].decode("utf-8", errors="ignore")) + 1 + self.geser

    def cuplikan(self, node: ast.AST) -> str:
        seg = ast.get_source_segment(self.teks, node) or ""
        return repr(seg[:40])

    def gagal(self, kode: str, node: ast.AST, saran: str | None = None, **isi: Any) -> Exception:
        return galat(kode, posisi=self.posisi(node), ditemukan=self.cuplikan(node), saran=saran,
                     **self.lokasi, **isi)

    # ------------------------------------------------------------------ compile
    def node(self, n: ast.AST, depth: int) -> _Node:
        if depth > BATAS_KEDALAMAN:
            raise self.gagal("rumus_terlalu_dalam", n, batas=BATAS_KEDALAMAN)
        method = getattr(self, f"_{type(n).__name__}", None)
        if method is None:
            raise self.gagal("rumus_konstruksi", n, konstruksi=_nama_konstruksi(n))
        out: _Node = method(n, depth + 1)
        if out.konstan and not isinstance(n, ast.Constant):
            out = self.lipat(out, n)
        return out

    def lipat(self, node: _Node, n: ast.AST) -> _Node:
        """Fold a subtree without variables into a constant, checking it is defined."""
        with np.errstate(all="ignore"):
            val, bad = node.fn({})
        val = np.float64(val)
        if (bad is not None and np.any(bad)) or not np.isfinite(val):
            alasan = _alasan_teks(int(np.max(bad)) if bad is not None and np.any(bad) else 4)
            raise self.gagal("rumus_konstan_tak_terdefinisi", n, alasan=alasan)
        return _Node(lambda env, v=val: (v, None), True)

    def _Expression(self, n: ast.Expression, d: int) -> _Node:
        return self.node(n.body, d)

    def _Constant(self, n: ast.Constant, d: int) -> _Node:
        v = n.value
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.gagal("rumus_konstruksi", n, konstruksi=t("rumus.konstruksi.teks")
                             if isinstance(v, str | bytes) else _nama_konstruksi(n))
        try:
            val = np.float64(v)
        except OverflowError:
            val = np.float64(np.inf)
        if not np.isfinite(val):
            raise self.gagal("rumus_angka", n)
        return _Node(lambda env, v=val: (v, None), True)

    def _Name(self, n: ast.Name, d: int) -> _Node:
        nama = n.id
        if nama.startswith("_"):
            raise self.gagal("rumus_nama_terlarang", n, nama=nama)
        if nama in self.variabel:
            self.dipakai.add(nama)
            return _Node(lambda env, k=nama: (env[k], None), False)
        if nama in FUNGSI:
            raise self.gagal("rumus_fungsi_tanpa_kurung", n, nama=nama)
        raise self.gagal("rumus_nama_tidak_dikenal", n, nama=nama,
                         saran=mirip(nama, self.variabel))

    def _UnaryOp(self, n: ast.UnaryOp, d: int) -> _Node:
        a = self.node(n.operand, d)
        if isinstance(n.op, ast.USub):
            return _Node(lambda env: _un(a.fn(env), np.negative), a.konstan)
        if isinstance(n.op, ast.UAdd):
            return a
        if isinstance(n.op, ast.Not):
            return _Node(lambda env: _un(a.fn(env), lambda x: _f(~_benar(x))), a.konstan)
        raise self.gagal("rumus_konstruksi", n, konstruksi=_nama_konstruksi(n.op))

    def _BinOp(self, n: ast.BinOp, d: int) -> _Node:
        a = self.node(n.left, d)
        if isinstance(n.op, ast.Pow):
            return self._pangkat(n, a, d)
        b = self.node(n.right, d)
        k = a.konstan and b.konstan
        if isinstance(n.op, ast.Add):
            return _Node(lambda env: _bin(a.fn(env), b.fn(env), np.add), k)
        if isinstance(n.op, ast.Sub):
            return _Node(lambda env: _bin(a.fn(env), b.fn(env), np.subtract), k)
        if isinstance(n.op, ast.Mult):
            return _Node(lambda env: _bin(a.fn(env), b.fn(env), np.multiply), k)
        if isinstance(n.op, ast.Div):
            if b.konstan and b.fn({})[0] == 0:
                raise self.gagal("rumus_konstan_tak_terdefinisi", n,
                                 alasan=_alasan_teks(int(BAGI_NOL)))
            return _Node(lambda env: _bagi(a.fn(env), b.fn(env)), k)
        raise self.gagal("rumus_konstruksi", n, konstruksi=_nama_konstruksi(n.op))

    def _pangkat(self, n: ast.BinOp, a: _Node, d: int) -> _Node:
        b = self.node(n.right, d)
        if not b.konstan:
            raise self.gagal("rumus_pangkat", n.right, batas=BATAS_PANGKAT)
        e = np.float64(b.fn({})[0])
        if abs(e) > BATAS_PANGKAT:
            raise self.gagal("rumus_pangkat", n.right, batas=BATAS_PANGKAT)
        bulat = float(e).is_integer()

        def fn(env: _Env) -> _Val:
            x, bad = a.fn(env)
            with np.errstate(all="ignore"):
                out = np.power(np.float64(x) if np.ndim(x) == 0 else x, e)
            flag = None
            if not bulat:
                flag = np.where(np.less(x, 0), DOMAIN, np.uint8(0))
            if e < 0:
                flag = _or(flag, np.where(np.equal(x, 0), BAGI_NOL, np.uint8(0)))
            return out, _or(bad, flag)

        return _Node(fn, a.konstan)

    def _BoolOp(self, n: ast.BoolOp, d: int) -> _Node:
        parts = [self.node(v, d) for v in n.values]
        dan = isinstance(n.op, ast.And)

        def fn(env: _Env) -> _Val:
            val, bad = parts[0].fn(env)
            hasil = _benar(val)
            for p in parts[1:]:
                v2, b2 = p.fn(env)
                # the right side matters only where the left did not decide the row
                bad = _or(bad, _pilih(hasil if dan else ~hasil, b2, None))
                hasil = (hasil & _benar(v2)) if dan else (hasil | _benar(v2))
            return _f(hasil), bad

        return _Node(fn, all(p.konstan for p in parts))

    _CMP = {ast.Lt: np.less, ast.LtE: np.less_equal, ast.Gt: np.greater,
            ast.GtE: np.greater_equal, ast.Eq: np.equal, ast.NotEq: np.not_equal}

    def _Compare(self, n: ast.Compare, d: int) -> _Node:
        ops = []
        for op in n.ops:
            f = self._CMP.get(type(op))
            if f is None:
                raise self.gagal("rumus_konstruksi", n, konstruksi=_nama_konstruksi(op))
            ops.append(f)
        parts = [self.node(v, d) for v in (n.left, *n.comparators)]

        def fn(env: _Env) -> _Val:
            vals = [p.fn(env) for p in parts]
            hasil, bad = True, None
            for i, f in enumerate(ops):
                hasil = hasil & f(vals[i][0], vals[i + 1][0])
            for _, b in vals:
                bad = _or(bad, b)
            return _f(hasil), bad

        return _Node(fn, all(p.konstan for p in parts))

    def _IfExp(self, n: ast.IfExp, d: int) -> _Node:
        c, a, b = self.node(n.test, d), self.node(n.body, d), self.node(n.orelse, d)
        return _Node(lambda env: _where(c.fn(env), a.fn(env), b.fn(env)),
                     c.konstan and a.konstan and b.konstan)

    def _Call(self, n: ast.Call, d: int) -> _Node:
        if not isinstance(n.func, ast.Name):
            raise self.gagal("rumus_konstruksi", n.func, konstruksi=_nama_konstruksi(n.func))
        nama = n.func.id
        if nama.startswith("_"):
            raise self.gagal("rumus_nama_terlarang", n.func, nama=nama)
        f = FUNGSI.get(nama)
        if f is None:
            saran = mirip(nama, FUNGSI)
            kode = "rumus_bukan_fungsi" if nama in self.variabel else "rumus_fungsi_tidak_dikenal"
            raise self.gagal(kode, n.func, nama=nama, saran=saran,
                             daftar=", ".join(FUNGSI))
        if n.keywords:
            raise self.gagal("rumus_argumen_nama", n.keywords[0].value, nama=nama)
        for a in n.args:
            if isinstance(a, ast.Starred):
                raise self.gagal("rumus_konstruksi", a, konstruksi=_nama_konstruksi(a))
        k = len(n.args)
        if k < f.arg_min or (f.arg_max is not None and k > f.arg_max):
            batas = (str(f.arg_min) if f.arg_max == f.arg_min
                     else f"{f.arg_min}-{f.arg_max}" if f.arg_max is not None
                     else f">= {f.arg_min}")
            raise self.gagal("rumus_jumlah_argumen", n, nama=nama, harus=batas, ada=k)
        args = [self.node(a, d) for a in n.args]
        konst = all(a.konstan for a in args)
        return _Node(getattr(self, f"_f_{nama}")(n, args), konst)

    # the functions ----------------------------------------------------------
    def _f_min(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _reduce([a.fn(env) for a in args], np.minimum)

    def _f_max(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _reduce([a.fn(env) for a in args], np.maximum)

    def _f_rata(self, n: ast.Call, args: list[_Node]) -> _Fn:
        def fn(env: _Env) -> _Val:
            total, bad = _reduce([a.fn(env) for a in args], np.add)
            return total / len(args), bad
        return fn

    def _f_abs(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _un(args[0].fn(env), np.abs)

    def _f_round(self, n: ast.Call, args: list[_Node]) -> _Fn:
        desimal = 0
        if len(args) == 2:
            if not args[1].konstan:
                raise self.gagal("rumus_desimal", n.args[1], batas=BATAS_DESIMAL)
            dv = float(args[1].fn({})[0])
            if not dv.is_integer() or not 0 <= dv <= BATAS_DESIMAL:
                raise self.gagal("rumus_desimal", n.args[1], batas=BATAS_DESIMAL)
            desimal = int(dv)
        skala = np.float64(10.0 ** desimal)

        def bulat(x: Any) -> Any:  # half away from zero, as taught in school
            return np.sign(x) * np.floor(np.abs(x) * skala + 0.5) / skala

        return lambda env: _un(args[0].fn(env), bulat)

    def _f_clip(self, n: ast.Call, args: list[_Node]) -> _Fn:
        if args[1].konstan and args[2].konstan and args[1].fn({})[0] > args[2].fn({})[0]:
            raise self.gagal("rumus_clip", n)

        def fn(env: _Env) -> _Val:
            (x, b0), (lo, b1), (hi, b2) = (a.fn(env) for a in args)
            return np.minimum(np.maximum(x, lo), hi), _or(_or(b0, b1), b2)
        return fn

    def _f_where(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _where(args[0].fn(env), args[1].fn(env), args[2].fn(env))

    def _f_log(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _domain(args[0].fn(env), np.log, lambda x: np.less_equal(x, 0))

    def _f_sqrt(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _domain(args[0].fn(env), np.sqrt, lambda x: np.less(x, 0))

    def _f_exp(self, n: ast.Call, args: list[_Node]) -> _Fn:
        return lambda env: _un(args[0].fn(env), np.exp)


def _un(v: _Val, f: Callable[[Any], Any]) -> _Val:
    with np.errstate(all="ignore"):
        return f(v[0]), v[1]


def _bin(a: _Val, b: _Val, f: Callable[[Any, Any], Any]) -> _Val:
    with np.errstate(all="ignore"):
        return f(a[0], b[0]), _or(a[1], b[1])


def _reduce(vals: list[_Val], f: Callable[[Any, Any], Any]) -> _Val:
    out, bad = vals[0]
    with np.errstate(all="ignore"):
        for v, b in vals[1:]:
            out, bad = f(out, v), _or(bad, b)
    return out, bad


def _bagi(a: _Val, b: _Val) -> _Val:
    nol = np.equal(b[0], 0)
    with np.errstate(all="ignore"):
        out = np.divide(a[0], np.where(nol, 1.0, b[0]))
    flag = np.where(nol, BAGI_NOL, np.uint8(0)) if np.any(nol) else None
    return out, _or(_or(a[1], b[1]), flag)


def _domain(v: _Val, f: Callable[[Any], Any], salah: Callable[[Any], Any]) -> _Val:
    x, bad = v
    s = salah(x)
    with np.errstate(all="ignore"):
        out = f(np.where(s, 1.0, x))
    return out, _or(bad, np.where(s, DOMAIN, np.uint8(0)) if np.any(s) else None)


def _where(c: _Val, a: _Val, b: _Val) -> _Val:
    syarat = _benar(c[0])
    return np.where(syarat, a[0], b[0]), _or(c[1], _pilih(syarat, a[1], b[1]))


def _nama_konstruksi(n: ast.AST) -> str:
    nama = type(n).__name__
    key = f"rumus.konstruksi.{nama}"
    teks = t(key)
    return teks if teks != key else nama


def _alasan_teks(flags: int, lang: str | None = None) -> str:
    return ", ".join(t(f"rumus.alasan.{v}", lang) for k, v in _ALASAN.items() if flags & k)


@dataclass(frozen=True)
class Rumus:
    """A compiled formula. ``variabel``: the variable names it reads."""

    teks: str
    variabel: frozenset[str]
    _fn: _Fn
    _lokasi: tuple[tuple[str, Any], ...] = ()

    def hitung(self, data: Mapping[str, Any], asn_id: Any = None, n: int | None = None
               ) -> np.ndarray:
        """Evaluate on per-employee arrays (``data[name]``, all the same length).

        Returns a float64 array. Rows whose value is undefined (division by zero, log/sqrt
        outside its domain, overflow) raise a located :class:`~simkit.errors.SimkitError`
        listing up to :data:`CONTOH_ASN` of ``asn_id`` (row numbers when not given).

        >>> kompilasi("clip(capaian_hasil_kerja, 0, 100)").hitung(
        ...     {"capaian_hasil_kerja": [120.0, 50.0]}).tolist()
        [100.0, 50.0]
        """
        env: dict[str, np.ndarray] = {}
        for k in self.variabel:
            if k not in data:
                raise galat("rumus_nama_tidak_dikenal", posisi="-", nama=k,
                            ditemukan=repr(k), **dict(self._lokasi))
            env[k] = np.asarray(data[k], dtype=np.float64)
        if n is None:
            contoh = next(iter(env.values()), None)
            if contoh is None and asn_id is not None:
                contoh = asn_id
            if contoh is None:
                contoh = next(iter(data.values()), [0.0])
            n = len(np.atleast_1d(np.asarray(contoh)))
        with np.errstate(all="ignore"):
            val, bad = self._fn(env)
        out = np.array(np.broadcast_to(np.asarray(val, dtype=np.float64), (n,)), copy=True)
        flags = np.zeros(n, dtype=np.uint8) if bad is None else np.array(
            np.broadcast_to(bad, (n,)), dtype=np.uint8, copy=True)
        flags[~np.isfinite(out)] |= TAK_HINGGA
        if flags.any():
            idx = np.flatnonzero(flags)
            ids = (np.asarray(asn_id)[idx[:CONTOH_ASN]] if asn_id is not None
                   else idx[:CONTOH_ASN] + 1)
            alasan = _alasan_teks(int(np.bitwise_or.reduce(flags[idx])))
            raise galat("rumus_tak_terdefinisi", jumlah=len(idx), alasan=alasan,
                        contoh=", ".join(str(int(i)) for i in ids), **dict(self._lokasi))
        return out


def kompilasi(teks: str, variabel: Iterable[str] | None = None, *, berkas: str | None = None,
              baris: int | None = None, bidang: str | None = "rumus") -> Rumus:
    """Check and compile a formula; any problem is a located :class:`SimkitError`.

    ``variabel``: the allowed names (default :data:`VARIABEL_RUMUS`); ``berkas``/``baris``/
    ``bidang``: where the formula was written (a scenario file, its line, the parameter).

    >>> kompilasi("capaian_hasil_kerjaa * 2")   # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    simkit.errors.SimkitError: ... Maksud Anda 'capaian_hasil_kerja'?
    """
    lokasi = {k: v for k, v in (("berkas", berkas), ("baris", baris), ("bidang", bidang))
              if v is not None}
    if not isinstance(teks, str):
        raise galat("rumus_bukan_teks", ditemukan=repr(teks)[:40], **lokasi)
    if len(teks) > BATAS_PANJANG:
        raise galat("rumus_terlalu_panjang", batas=BATAS_PANJANG, panjang=len(teks), **lokasi)
    # one line: line breaks (e.g. from a YAML block) act as spaces, positions stay the same
    satu = teks.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if not satu.strip():
        raise galat("rumus_kosong", **lokasi)
    geser = len(satu) - len(satu.lstrip())  # ast.parse rejects leading blanks
    badan = satu[geser:]
    try:
        with warnings.catch_warnings():  # e.g. "invalid decimal literal": the error says it
            warnings.simplefilter("ignore")
            tree = ast.parse(badan, mode="eval")
    except SyntaxError as exc:
        raise galat("rumus_sintaks", posisi=(exc.offset or 1) + geser, detail=exc.msg,
                    **lokasi) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise galat("rumus_sintaks", posisi=1, detail=type(exc).__name__, **lokasi) from None
    names = tuple(VARIABEL_RUMUS if variabel is None else variabel)
    k = _Kompilator(badan, names, lokasi, geser)
    try:
        node = k.node(tree, 0)
    except RecursionError:
        raise galat("rumus_terlalu_dalam", posisi=1, batas=BATAS_KEDALAMAN, **lokasi) from None
    return Rumus(teks, frozenset(k.dipakai), node.fn, tuple(lokasi.items()))


def daftar_variabel(lang: str | None = None) -> list[dict[str, Any]]:
    """The variable table (name, unit label, range, description) for docs and widgets.

    >>> daftar_variabel("en")[0]["nama"]
    'capaian_hasil_kerja'
    """
    return [
        {"nama": v.nama, "satuan": t(f"rumus.satuan.{v.satuan}", lang), "min": v.min,
         "maks": v.max, "deskripsi": v.deskripsi(lang)}
        for v in VARIABEL_RUMUS.values()
    ]


def daftar_fungsi(lang: str | None = None) -> list[dict[str, str]]:
    """The function table (name, description) for docs and widgets."""
    return [{"nama": f.nama, "deskripsi": f.deskripsi(lang)} for f in FUNGSI.values()]
