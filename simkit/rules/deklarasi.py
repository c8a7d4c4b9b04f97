"""What a rule declares: its case inputs (:class:`Masukan`) and outputs (:class:`Keluaran`),
and the check of a rule case's ``input`` against those declarations.

>>> spec = (Masukan("x", "angka", {"id": "nilai x", "en": "value x"}, min=0),)
>>> [m.kode for m in periksa_masukan(spec, {"x": -1, "y": 2})]
['di_luar_rentang', 'bidang_tidak_dikenal']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simkit.errors import Masalah, mirip
from simkit.i18n import get_lang, t


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
        return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks("mapping"),
                              ditemukan=repr(data))]
    out: list[Masalah] = []
    for k, v in data.items():
        if k not in by_name:
            if kunci_bebas:
                continue
            out.append(masalah_jalur("bidang_tidak_dikenal", (*jalur, k),
                          diharapkan=", ".join(by_name), saran=mirip(str(k), by_name)))
            continue
        out.extend(_periksa_satu(by_name[k], v, (*jalur, k)))
    for s in specs:
        if s.wajib and s.nama not in data:
            out.append(masalah_jalur("bidang_wajib", (*jalur, s.nama)))
    return out


def masalah_jalur(kode: str, jalur: tuple, isi: Mapping[str, Any] | None = None,
                  **kw: Any) -> Masalah:
    """A problem at the case-input path ``jalur``: ``bidang`` = the dotted path
    (``iki[0].target``), ``isi["jalur"]`` = the path itself (the case runner finds its line).

    >>> masalah_jalur("nilai_kosong", ("iki", 0, "target")).bidang
    'iki[0].target'
    """
    bidang = ""
    for p in jalur:
        bidang += f"[{p}]" if isinstance(p, int) else (f".{p}" if bidang else str(p))
    return Masalah(kode, bidang=bidang or None, isi={"jalur": jalur, **(isi or {})}, **kw)


def _periksa_satu(s: Masukan, v: object, jalur: tuple) -> list[Masalah]:
    if v is None:
        return [] if s.boleh_null else [masalah_jalur("nilai_kosong", jalur)]
    tipe = s.tipe
    if tipe in ("angka", "bulat"):
        if not _is_num(v) or (tipe == "bulat" and not float(v).is_integer()):
            return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        low = s.min is not None and (v <= s.min if s.min_eksklusif else v < s.min)
        if low or (s.max is not None and v > s.max):
            if s.min_eksklusif and s.max is None:
                want = f"> {s.min}"
            else:
                want = (f"{s.min if s.min is not None else '-inf'} .. "
                        f"{s.max if s.max is not None else 'inf'}")
            return [masalah_jalur("di_luar_rentang", jalur, diharapkan=want, ditemukan=repr(v))]
        if s.pilihan is not None and v not in s.pilihan:
            return [masalah_jalur("nilai_tidak_valid", jalur, diharapkan=", ".join(map(str, s.pilihan)),
                       ditemukan=repr(v))]
        return []
    if tipe == "boolean":
        if not isinstance(v, bool):
            return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        return []
    if tipe in ("teks", "pilihan"):
        if not isinstance(v, str):
            return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks("teks"), ditemukan=repr(v))]
        if s.pilihan is not None and v not in s.pilihan:
            return [masalah_jalur("nilai_tidak_valid", jalur, diharapkan=", ".join(map(str, s.pilihan)),
                       ditemukan=repr(v), saran=mirip(v, map(str, s.pilihan)))]
        return []
    if tipe == "daftar":
        if not isinstance(v, list):
            return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        out: list[Masalah] = []
        if s.panjang is not None and len(v) != s.panjang:
            out.append(masalah_jalur("di_luar_rentang", jalur, diharapkan=f"{s.panjang} elemen",
                          ditemukan=f"{len(v)}"))
        if s.min is not None and s.isi is None and len(v) < s.min:
            out.append(masalah_jalur("di_luar_rentang", jalur, diharapkan=f">= {s.min}", ditemukan=str(len(v))))
        if s.isi is not None:
            if not v:
                out.append(masalah_jalur("nilai_kosong", jalur))
            for i, x in enumerate(v):
                out.extend(_periksa_satu(s.isi, x, (*jalur, i)))
        return out
    if tipe == "mapping":
        if not isinstance(v, Mapping):
            return [masalah_jalur("tipe_salah", jalur, diharapkan=_tipe_teks(tipe), ditemukan=repr(v))]
        if s.kunci is None:
            return []
        return periksa_masukan(s.kunci, v, jalur)
    raise ValueError(f"unknown Masukan.tipe {tipe!r}")  # developer error



def nilai_python(v: object) -> object:
    """numpy scalars -> Python; NaN -> None (case outputs are plain YAML values).

    >>> nilai_python(np.float64("nan")), nilai_python(np.int64(3))
    (None, 3)
    """
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def dwibahasa(id_: str, en: str) -> dict[str, str]:
    """A description in both languages, as :class:`Masukan`/:class:`Keluaran` take it.

    >>> dwibahasa("nilai", "value")
    {'id': 'nilai', 'en': 'value'}
    """
    return {"id": id_, "en": en}
