"""Shared pieces of the measurement generators (IKI, behaviour, survey).

Holds the loader of ``data/pengukuran.yaml`` (every constant with its source), input checks
that turn a malformed table into a located :class:`~simkit.errors.SimkitError`, the mapping of
ASN/units to their OPD code, and a derived random stream so two generators can share one draw
(the rater leniency) while still taking all randomness from the Generator they are given.

>>> from simkit.population.pengukuran import konstanta
>>> konstanta()["krejcie_morgan"]["chi_kuadrat"]
3.841
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, galat
from simkit.population.catalogue import kode_dasar
from simkit.population.schema import Table
from simkit.yamlloc import line_of, read_yaml_file

DATA = Path(__file__).parent / "data"
BERKAS_PENGUKURAN = DATA / "pengukuran.yaml"


@cache
def konstanta() -> dict[str, dict[str, Any]]:
    """The generator constants of ``pengukuran.yaml`` as ``{bagian: {nama: nilai}}``.

    Every entry must be a mapping with ``nilai`` and a non-empty ``sumber``; anything else is
    a located error (file, line, field).
    """
    data, lines = read_yaml_file(BERKAS_PENGUKURAN)
    berkas = str(BERKAS_PENGUKURAN)
    if not isinstance(data, dict):
        raise galat("bukan_mapping", berkas=berkas, baris=1)
    out: dict[str, dict[str, Any]] = {}
    problems: list[Masalah] = []
    for bagian, isi in data.items():
        if not isinstance(isi, dict):
            problems.append(Masalah("nilai_tidak_valid", berkas=berkas,
                                    baris=line_of(lines, (bagian,)), bidang=str(bagian),
                                    diharapkan="{nama: {nilai, sumber}}"))
            continue
        out[bagian] = {}
        for nama, entri in isi.items():
            path = (bagian, nama)
            if not isinstance(entri, dict) or "nilai" not in entri:
                problems.append(Masalah("bidang_wajib", berkas=berkas, baris=line_of(lines, path),
                                        bidang=f"{bagian}.{nama}.nilai"))
                continue
            if not str(entri.get("sumber") or "").strip():
                problems.append(Masalah("bidang_wajib", berkas=berkas, baris=line_of(lines, path),
                                        bidang=f"{bagian}.{nama}.sumber"))
                continue
            out[bagian][nama] = entri["nilai"]
    if problems:
        raise SimkitError(problems)
    return out


def wajib_kolom(df: pd.DataFrame, tabel: str, kolom: Iterable[str]) -> None:
    """Raise a located error naming table and column when ``df`` lacks a needed column."""
    missing = [c for c in kolom if c not in df.columns]
    if missing:
        raise SimkitError([Masalah("kolom_hilang", berkas=tabel, kolom=c) for c in missing])


def baris_id(ids: pd.Series | np.ndarray, index: pd.Index, tabel: str, kolom: str,
           kode: str = "pegawai_tidak_dikenal") -> np.ndarray:
    """Positions of ``ids`` in ``index`` (int64); an id not found is a located error."""
    pos = index.get_indexer(np.asarray(ids))
    if (pos < 0).any():
        bad = np.asarray(ids)[pos < 0][:5]
        raise galat(kode, berkas=tabel, kolom=kolom, ditemukan=", ".join(map(str, bad)))
    return pos


def nilai_kebenaran(ids: pd.Series | np.ndarray, kebenaran: pd.DataFrame, id_kolom: str,
                    kolom: str, tabel: str) -> np.ndarray:
    """Truth column ``kolom`` aligned to ``ids`` (float64); missing rows or NaN are errors."""
    wajib_kolom(kebenaran, tabel, (id_kolom, kolom))
    pos = pd.Index(kebenaran[id_kolom]).get_indexer(np.asarray(ids))
    vals = kebenaran[kolom].to_numpy(dtype=np.float64, na_value=np.nan)[np.maximum(pos, 0)]
    vals[pos < 0] = np.nan  # no truth row: reported like an empty truth value
    if np.isnan(vals).any():
        bad = np.asarray(ids)[np.isnan(vals)][:5]
        raise galat("nilai_kosong", berkas=tabel, kolom=kolom,
                    ditemukan=f"{id_kolom} " + ", ".join(map(str, bad)))
    return vals


def kode_unit_dasar(unit_kerja: pd.DataFrame) -> np.ndarray:
    """Each unit's code in lower case without the national instansi prefix (object array).

    ``per_opd`` keys and catalogue keywords refer to these base codes, so a key applies to
    the same OPD in every instansi (``i0042.dinkes`` -> ``dinkes``), as the scenario check in
    :mod:`simkit.population.catalogue` assumes.
    """
    wajib_kolom(unit_kerja, "unit_kerja", ("unit_id", "kode_unit"))
    kode = unit_kerja["kode_unit"].astype(str).str.lower().to_numpy(dtype=object)
    return np.array([kode_dasar(k) for k in kode], dtype=object)


def kode_opd(opd_id: pd.Series | np.ndarray, unit_kerja: pd.DataFrame) -> np.ndarray:
    """The OPD base code (see :func:`kode_unit_dasar`) for each ``opd_id``.

    >>> uk = pd.DataFrame({"unit_id": [1, 2], "kode_unit": ["i0002.Dinkes", "pkm_a"]})
    >>> kode_opd(np.array([1, 1]), uk).tolist()
    ['dinkes', 'dinkes']
    """
    kode = kode_unit_dasar(unit_kerja)
    pos = baris_id(opd_id, pd.Index(unit_kerja["unit_id"]), "unit_kerja", "opd_id",
                 kode="unit_tidak_dikenal")
    return kode[pos]


def per_opd(kode: np.ndarray, nilai: Mapping[str, float | None], bawaan: float) -> np.ndarray:
    """``bawaan`` everywhere except where ``kode`` has an override in ``nilai`` (float64).

    Keys are matched case-insensitively to the OPD code; a key with value ``None`` keeps the
    default. Loops over the (few) keys, never over rows.
    """
    out = np.full(len(kode), float(bawaan))
    for k, v in nilai.items():
        if v is not None:
            out[kode == str(k).lower()] = float(v)
    return out


def aliran_bertanda(rng: np.random.Generator, tag: str) -> np.random.Generator:
    """A random stream fixed by the *seed* of ``rng`` (not its state) and ``tag``.

    Two generator functions called with the same Generator (or with children spawned from
    one seed) get the same draws from ``aliran_bertanda(rng, "leniensi")``, so the same rater keeps
    the same leniency in every table. A Generator without a seed sequence falls back to a
    draw from ``rng`` itself.

    >>> a = aliran_bertanda(np.random.default_rng(7), "x").random()
    >>> b = aliran_bertanda(np.random.default_rng(7).spawn(1)[0], "x").random()
    >>> a == b
    True
    """
    seq = getattr(rng.bit_generator, "seed_seq", None)
    tag_int = int.from_bytes(tag.encode("utf-8")[:8].ljust(8, b"\0"), "little")
    if isinstance(seq, np.random.SeedSequence):
        child = np.random.SeedSequence(seq.entropy, spawn_key=(0x5EED, tag_int))
    else:  # pragma: no cover - only for hand-made bit generators
        child = np.random.SeedSequence(int(rng.integers(2**63)))
    return np.random.Generator(np.random.PCG64(child))


def bingkai_skema(kolom: Mapping[str, Any], skema: Table) -> pd.DataFrame:
    """A frame of ``kolom`` (a dict of arrays) in the column order of ``skema``, built
    without copying the arrays (and without a second frame just to reorder them)."""
    return pd.DataFrame({c: kolom[c] for c in skema.column_names}, copy=False)
