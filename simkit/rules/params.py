"""Dated rule parameters read from YAML, each value with its legal reference (OpenFisca-style).

One file per rule: ``simkit/rules/params/<rule_id>.yaml``. Every number a rule uses lives
there, never in code. A file looks like::

    aturan: permenpanrb_6_2022
    parameter:
      ambang_hasil_di_atas:
        deskripsi:
          id: "ASUMSI: capaian hasil kerja (%) minimal untuk Di Atas Ekspektasi ..."
          en: "ASSUMPTION: minimum capaian hasil kerja (%) for Di Atas Ekspektasi ..."
        satuan: persen
        referensi: "PermenPANRB 6/2022 (tanpa angka; model penilaian atasan)"
        asumsi: true
        tipe: angka          # angka | bulat | boolean | teks | pilihan | daftar | mapping
        min: 0               # optional bounds (for daftar/mapping: of every leaf)
        max: 200
        pilihan: [...]       # allowed values (tipe pilihan; for daftar/mapping: of every leaf)
        langkah: 1           # optional display fields of a control (simkit.widgets): the step
        tampil: [50, 150]    # and the slider range (validation bounds are not slider ranges)
        nilai:               # in force since (berlaku sejak) -> value
          2022-02-03: 110

A dated value may also be a mapping ``{nilai: v, referensi: "..."}`` when one value has its own
source.

>>> p = load_params("permenpanrb_14_2017")
>>> p["bobot_unsur"]
0.111
>>> p.meta("bobot_unsur").referensi.startswith("PermenPANRB 14/2017")
True
>>> p2 = p.with_overrides({"bobot_eksak": True})
>>> p2["bobot_eksak"], p["bobot_eksak"]
(True, False)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.errors import Masalah, SimkitError, mirip
from simkit.i18n import get_lang
from simkit.yamlloc import read_yaml_file

PARAMS_DIR = Path(__file__).parent / "params"
"""Folder of the shipped parameter files."""

TIPE = ("angka", "bulat", "boolean", "teks", "pilihan", "daftar", "mapping")
"""Allowed ``tipe`` of a parameter."""

_FIELDS = {"deskripsi", "satuan", "referensi", "asumsi", "tipe", "pilihan", "min", "max", "nilai",
           "langkah", "tampil"}


@dataclass(frozen=True)
class ParamMeta:
    """Everything known about one parameter except the value in force."""

    nama: str
    deskripsi: dict[str, str]
    satuan: str | None
    referensi: str
    asumsi: bool
    tipe: str
    pilihan: tuple | None
    min: float | None
    max: float | None
    riwayat: tuple[tuple[_dt.date, Any, str | None], ...]
    """(berlaku sejak, value, reference of that value or None), oldest first."""
    berkas: str = ""
    baris: int | None = None
    """The line of the parameter in :attr:`berkas`."""
    langkah: float | None = None
    """Display: the step of a slider (for daftar/mapping: of every numeric leaf)."""
    tampil: tuple[float, float] | None = None
    """Display: the slider range ``(low, high)``, inside ``min``/``max``; validation bounds
    such as 0-1000 are no slider range."""

    def teks(self, lang: str | None = None) -> str:
        """The description in ``lang`` (default: active language; falls back to Indonesian)."""
        lang = lang or get_lang()
        return self.deskripsi.get(lang) or self.deskripsi.get("id", "")

    def nilai_pada(self, tanggal: _dt.date | None = None) -> tuple[Any, str]:
        """(value, reference) in force on ``tanggal`` (default: the latest)."""
        chosen = None
        for since, value, ref in self.riwayat:
            if tanggal is None or since <= tanggal:
                chosen = (value, ref or self.referensi)
        if chosen is None:  # before the first date: the earliest value is the best we have
            since, value, ref = self.riwayat[0]
            chosen = (value, ref or self.referensi)
        return chosen


# --------------------------------------------------------------------------- reading files


def baca_tanggal(x: object) -> _dt.date | None:
    """A date from a YAML date, a datetime or ``'YYYY-MM-DD'``; None when it is none.

    >>> baca_tanggal("2023-01-01"), baca_tanggal("kemarin")
    (datetime.date(2023, 1, 1), None)
    """
    if x is None:
        return None
    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    try:
        return _dt.date.fromisoformat(str(x))
    except ValueError:
        return None


def _file_error(berkas: str, baris: int | None, bidang: str, detail: str) -> SimkitError:
    return SimkitError(Masalah("parameter_berkas_rusak", berkas=berkas, baris=baris,
                               bidang=bidang, isi={"detail": detail}))


@cache
def _read_file(path: str) -> tuple[tuple[str, ParamMeta], ...]:
    data, lines = read_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("parameter"), dict):
        raise _file_error(path, 1, "parameter", "mapping 'parameter:' expected")
    out: list[tuple[str, ParamMeta]] = []
    for name, spec in data["parameter"].items():
        where = lines.get(("parameter", name))
        if not isinstance(spec, dict):
            raise _file_error(path, where, str(name), "mapping expected")
        extra = set(spec) - _FIELDS
        if extra:
            raise _file_error(path, where, f"{name}.{sorted(extra)[0]}", "unknown field")
        desc = spec.get("deskripsi")
        if not isinstance(desc, dict) or "id" not in desc or "en" not in desc:
            raise _file_error(path, where, f"{name}.deskripsi", "{id: ..., en: ...} expected")
        tipe = spec.get("tipe", "angka")
        if tipe not in TIPE:
            raise _file_error(path, where, f"{name}.tipe", f"one of {TIPE}")
        asumsi = bool(spec.get("asumsi", False))
        if asumsi and not (str(desc["id"]).startswith("ASUMSI:")
                           and str(desc["en"]).startswith("ASSUMPTION:")):
            raise _file_error(path, where, f"{name}.deskripsi",
                              "an assumption's description starts with ASUMSI:/ASSUMPTION:")
        if not spec.get("referensi"):
            raise _file_error(path, where, f"{name}.referensi", "a reference is required")
        nilai = spec.get("nilai")
        if not isinstance(nilai, dict) or not nilai:
            raise _file_error(path, where, f"{name}.nilai", "mapping YYYY-MM-DD: value expected")
        riwayat = []
        for since, v in nilai.items():
            d = baca_tanggal(since)
            if d is None:
                raise _file_error(path, lines.get(("parameter", name, "nilai", since), where),
                                  f"{name}.nilai", f"date YYYY-MM-DD expected, found {since!r}")
            ref = None
            if isinstance(v, dict) and "nilai" in v and set(v) <= {"nilai", "referensi"}:
                ref, v = v.get("referensi"), v["nilai"]
            riwayat.append((d, v, ref))
        riwayat.sort(key=lambda r: r[0])
        pilihan = spec.get("pilihan")
        langkah, tampil = _tampilan(spec, path, where, str(name))
        meta = ParamMeta(
            nama=str(name), deskripsi={k: str(v) for k, v in desc.items()},
            satuan=spec.get("satuan"), referensi=str(spec["referensi"]), asumsi=asumsi,
            tipe=tipe, pilihan=tuple(pilihan) if pilihan is not None else None,
            min=spec.get("min"), max=spec.get("max"), riwayat=tuple(riwayat), berkas=path,
            baris=where, langkah=langkah, tampil=tampil,
        )
        for _, v, _ in riwayat:  # the shipped values obey their own declaration
            probs = _check_value(meta, v, str(name), None, None, None)
            if probs:
                raise _file_error(path, where, str(name), probs[0].render("en"))
        out.append((str(name), meta))
    return tuple(out)


def _tampilan(spec: dict, path: str, where: int | None,
              name: str) -> tuple[float | None, tuple[float, float] | None]:
    """The display fields ``langkah`` (a step > 0) and ``tampil`` ([low, high] inside
    ``min``/``max``) of one parameter's spec, checked."""
    langkah, tampil = spec.get("langkah"), spec.get("tampil")
    if langkah is not None and not (_is_number(langkah) and langkah > 0):
        raise _file_error(path, where, f"{name}.langkah", "a number > 0 expected")
    if tampil is None:
        return langkah, None
    if not (isinstance(tampil, list) and len(tampil) == 2 and all(map(_is_number, tampil))
            and tampil[0] < tampil[1]):
        raise _file_error(path, where, f"{name}.tampil", "[low, high] with low < high expected")
    lo, hi = spec.get("min"), spec.get("max")
    if (lo is not None and tampil[0] < lo) or (hi is not None and tampil[1] > hi):
        raise _file_error(path, where, f"{name}.tampil", "a range inside min .. max expected")
    return langkah, (tampil[0], tampil[1])


def param_file(rule_id: str, folder: str | Path | None = None) -> Path:
    """Path of the parameter file of ``rule_id``."""
    return Path(folder or PARAMS_DIR) / f"{rule_id}.yaml"


def has_params(rule_id: str, folder: str | Path | None = None) -> bool:
    """Whether ``rule_id`` has a parameter file."""
    return param_file(rule_id, folder).is_file()


def load_params(
    rule_id: str | Sequence[str],
    tanggal: _dt.date | str | None = None,
    folder: str | Path | None = None,
) -> ParameterSet:
    """The parameters of a rule as in force on ``tanggal`` (default: the latest values).

    ``rule_id`` may be a sequence of ids: the files are merged in order (a reform = its base
    rule's file + its own). A later file that defines a parameter of an earlier one again is
    refused (a located SimkitError naming both files and the parameter): a reform's
    parameters never silently shadow its base rule's.

    >>> load_params("pp46_2011")["bobot_skp"]
    0.6
    >>> load_params("pp46_2011", "2014-01-01").tanggal.isoformat()
    '2014-01-01'
    """
    ids = [rule_id] if isinstance(rule_id, str) else list(rule_id)
    d = baca_tanggal(tanggal)
    if tanggal is not None and d is None:
        raise SimkitError(Masalah("nilai_tidak_valid", bidang="tanggal", diharapkan="YYYY-MM-DD",
                                  ditemukan=repr(tanggal)))
    metas: dict[str, ParamMeta] = {}
    for rid in ids:
        path = param_file(rid, folder)
        if not path.is_file():
            raise SimkitError(Masalah("parameter_berkas_tidak_ada", berkas=str(path),
                                      isi={"aturan": rid}))
        for name, meta in _read_file(str(path)):
            if name in metas:
                raise SimkitError(Masalah("parameter_ganda", berkas=str(path), baris=meta.baris,
                                          bidang=name, isi={"nama": name,
                                                            "berkas_awal": metas[name].berkas}))
            metas[name] = meta
    values = {}
    refs = {}
    for name, meta in metas.items():
        values[name], refs[name] = meta.nilai_pada(d)
    return ParameterSet(ids[-1], d, values, metas, refs)


# --------------------------------------------------------------------------- validation


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _type_name(tipe: str) -> str:
    from simkit.i18n import t

    return t(f"aturan_umum.tipe.{tipe}")


def _check_leaf(meta: ParamMeta, v: object, ref: object, path: str, berkas, baris) -> list[Masalah]:
    """Check one scalar against the type of the reference leaf ``ref`` and min/max/pilihan."""
    probs: list[Masalah] = []
    if isinstance(ref, bool):
        if not isinstance(v, bool):
            probs.append(Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                                 diharapkan=_type_name("boolean"), ditemukan=repr(v)))
        return probs
    if _is_number(ref):
        if not _is_number(v):
            probs.append(Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                                 diharapkan=_type_name("angka"), ditemukan=repr(v)))
            return probs
        lo, hi = meta.min, meta.max
        if (lo is not None and v < lo) or (hi is not None and v > hi) or v != v:
            probs.append(Masalah("di_luar_rentang", berkas=berkas, baris=baris, bidang=path,
                                 diharapkan=f"{lo if lo is not None else '-inf'} .. "
                                            f"{hi if hi is not None else 'inf'}",
                                 ditemukan=repr(v)))
        return probs
    if isinstance(ref, str):
        if not isinstance(v, str):
            probs.append(Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                                 diharapkan=_type_name("teks"), ditemukan=repr(v)))
        elif meta.pilihan is not None and v not in meta.pilihan:
            probs.append(Masalah("nilai_tidak_valid", berkas=berkas, baris=baris, bidang=path,
                                 diharapkan=", ".join(map(str, meta.pilihan)), ditemukan=repr(v),
                                 saran=mirip(v, map(str, meta.pilihan))))
    return probs


def _check_tree(meta, v, ref, path, berkas, baris, lengkap: bool = False) -> list[Masalah]:
    """Check ``v`` against the shape of ``ref``; list elements must be complete mappings."""
    if isinstance(ref, dict):
        if not isinstance(v, dict):
            return [Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                            diharapkan=_type_name("mapping"), ditemukan=repr(v))]
        probs = []
        if lengkap:
            probs.extend(Masalah("bidang_wajib", berkas=berkas, baris=baris,
                                 bidang=f"{path}.{k}") for k in ref if k not in v)
        for k, sub in v.items():
            if k not in ref:
                probs.append(Masalah("bidang_tidak_dikenal", berkas=berkas, baris=baris,
                                     bidang=f"{path}.{k}", diharapkan=", ".join(map(str, ref)),
                                     saran=mirip(str(k), map(str, ref))))
            else:
                probs.extend(_check_tree(meta, sub, ref[k], f"{path}.{k}", berkas, baris,
                                         lengkap))
        return probs
    if isinstance(ref, list):
        if not isinstance(v, list):
            return [Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                            diharapkan=_type_name("daftar"), ditemukan=repr(v))]
        probs = []
        proto = ref[0] if ref else None
        for i, sub in enumerate(v):
            if proto is None:
                continue
            probs.extend(_check_tree(meta, sub, proto, f"{path}[{i}]", berkas, baris, True))
        return probs
    return _check_leaf(meta, v, ref, path, berkas, baris)


def _check_value(meta: ParamMeta, v: object, path: str, berkas, baris,
                 current: object) -> list[Masalah]:
    """Problems of ``v`` as a value of ``meta`` (``current``: the value it replaces)."""
    tipe = meta.tipe
    if tipe == "angka":
        ref: object = 0.0
    elif tipe == "bulat":
        if _is_number(v) and float(v).is_integer():
            v = int(v)
        elif _is_number(v):
            return [Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                            diharapkan=_type_name("bulat"), ditemukan=repr(v))]
        ref = 0
    elif tipe == "boolean":
        ref = False
    elif tipe in ("teks", "pilihan"):
        ref = ""
    else:
        ref = current if current is not None else meta.riwayat[-1][1]
        if tipe == "daftar" and not isinstance(v, list):
            return [Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                            diharapkan=_type_name("daftar"), ditemukan=repr(v))]
        if tipe == "mapping" and not isinstance(v, dict):
            return [Masalah("tipe_salah", berkas=berkas, baris=baris, bidang=path,
                            diharapkan=_type_name("mapping"), ditemukan=repr(v))]
    return _check_tree(meta, v, ref, path, berkas, baris)


def _merge(base: object, new: object) -> object:
    if isinstance(base, dict) and isinstance(new, dict):
        out = dict(base)
        for k, v in new.items():
            out[k] = _merge(base.get(k), v)
        return out
    return new


# --------------------------------------------------------------------------- ParameterSet


@dataclass(frozen=True)
class ParameterSet(Mapping[str, Any]):
    """Parameter name -> value in force, plus :meth:`meta` (description, reference, history).

    Immutable: :meth:`with_overrides` returns a new set.
    """

    rule_id: str
    tanggal: _dt.date | None
    _values: dict[str, Any]
    _meta: dict[str, ParamMeta] = field(repr=False)
    _refs: dict[str, str] = field(repr=False, default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    """The values changed from the files (name -> new value)."""
    diperiksa: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Ids of the rules whose cross-parameter checks (``Rule.periksa_parameter``) this exact
    set passed, so the engine validates a set once (:meth:`Rule.siapkan_parameter`).
    :meth:`with_overrides` returns a set without the mark."""

    def __getitem__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise self._unknown(name) from None

    def __contains__(self, name: object) -> bool:
        """``"x" in params``: a plain bool, never an error (``Mapping`` would call
        ``__getitem__``, which raises a located SimkitError for an unknown name)."""
        try:
            return name in self._values
        except TypeError:  # unhashable
            return False

    def get(self, name: str, default: Any = None) -> Any:
        """The value of ``name``, or ``default`` when the set has no such parameter."""
        return self._values[name] if name in self else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def _unknown(self, name: str, berkas=None, baris=None) -> SimkitError:
        return SimkitError(self._unknown_masalah(name, berkas, baris))

    def _unknown_masalah(self, name: str, berkas=None, baris=None) -> Masalah:
        return Masalah("parameter_tidak_dikenal", berkas=berkas, baris=baris, bidang=str(name),
                       diharapkan=", ".join(self._values), saran=mirip(str(name), self._values),
                       isi={"aturan": self.rule_id})

    def meta(self, name: str) -> ParamMeta:
        """Description, unit, reference, assumption flag, type and dated history of ``name``."""
        if name not in self._meta:
            raise self._unknown(name)
        return self._meta[name]

    def referensi(self, name: str) -> str:
        """The legal reference of the value in force (see :attr:`overrides` for changed ones)."""
        if name not in self._meta:
            raise self._unknown(name)
        ref = self._refs.get(name) or self._meta[name].referensi
        return ref

    def tandai_diperiksa(self, rule_id: str) -> ParameterSet:
        """The same values, marked as having passed the cross-checks of ``rule_id``."""
        if rule_id in self.diperiksa:
            return self
        return replace(self, diperiksa=self.diperiksa | {rule_id})

    def to_dict(self) -> dict[str, Any]:
        """Plain ``{name: value}``."""
        return dict(self._values)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """One row per parameter: nama, nilai, satuan, asumsi, referensi, deskripsi, diubah."""
        rows = []
        for name, v in self._values.items():
            m = self._meta[name]
            rows.append({"nama": name, "nilai": v, "satuan": m.satuan, "asumsi": m.asumsi,
                         "referensi": self.referensi(name), "deskripsi": m.teks(lang),
                         "diubah": name in self.overrides})
        return pd.DataFrame(rows)

    def with_overrides(
        self,
        overrides: Mapping[str, Any] | None,
        berkas: str | None = None,
        baris_map: Mapping[str, int] | None = None,
    ) -> ParameterSet:
        """A new set with ``overrides`` applied; ALL are validated before ANY is applied.

        Unknown names (with "did you mean"), wrong types and values outside ``min``/``max``/
        ``pilihan`` raise one :class:`~simkit.errors.SimkitError` listing every problem,
        located with ``berkas`` and the line from ``baris_map[name]``. A mapping value is
        merged into the current mapping (only the keys given change).

        >>> p = load_params("pp30_2019")
        >>> p.with_overrides({"bobot_skp": 0.5})["bobot_skp"]
        0.5
        """
        if not overrides:
            return self
        if not isinstance(overrides, Mapping):
            raise SimkitError(Masalah("tipe_salah", berkas=berkas, bidang="params",
                                      diharapkan=_type_name("mapping"),
                                      ditemukan=repr(overrides)))
        baris_map = baris_map or {}
        probs: list[Masalah] = []
        new_values = dict(self._values)
        for name, v in overrides.items():
            baris = baris_map.get(name)
            if name not in self._meta:
                probs.append(self._unknown_masalah(name, berkas, baris))
                continue
            meta = self._meta[name]
            cur = self._values[name]
            merged = _merge(cur, v) if meta.tipe == "mapping" else v
            found = _check_value(meta, merged, str(name), berkas, baris, cur)
            if found:
                probs.extend(found)
                continue
            if meta.tipe == "bulat":
                merged = int(merged)
            new_values[name] = merged
        if probs:
            raise SimkitError(probs)
        return ParameterSet(self.rule_id, self.tanggal, new_values, self._meta, self._refs,
                            {**self.overrides, **{k: new_values[k] for k in overrides}})


# --------------------------------------------------------------------------- cross-checks


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
