"""NIP (PNS) and NI PPPK: make them from a person's data, and check them (vectorised).

NIP, Peraturan Kepala BKN 22/2007 and 43/2007 (the NIP of PNS): 18 digits
``YYYYMMDD YYYYMM G NNN`` = birth date + year-month of TMT CPNS + gender (1 pria, 2 wanita)
+ sequence (001 unless the first 15 digits collide). NI PPPK [S]: birth date + **year** of
appointment + code (``"21"``, [U]) + gender + sequence, also 18 digits.

>>> import numpy as np
>>> make_nip(np.array(["1966-08-01"], "datetime64[D]"), np.array(["1988-03-01"], "datetime64[D]"),
...          np.array(["L"]), np.array(["PNS"])).tolist()
['196608011988031001']
>>> ok, alasan = validate_nip(["196608011988031001", "19660801198813100", "196608011988132001"],
...                           status=["PNS", "PNS", "PNS"])
>>> ok.tolist(), alasan.tolist()
([True, False, False], ['', 'panjang', 'tmt'])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import galat
from simkit.population.alokasi import dalam_kelompok
from simkit.population.catalogue import komposisi
from simkit.population.teks import angka

ALASAN = (
    "kosong", "bukan_angka", "panjang", "tanggal_lahir", "tmt", "jenis_kelamin",
    "beda_tanggal_lahir", "beda_tmt", "beda_jenis_kelamin",
)
"""Reason codes of :func:`validate_nip`, first failing check wins; labels are in the i18n
catalogue under ``galat.nip_alasan.<code>``."""


def _tanggal(x: Any) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(np.asarray(x)))


def _hari(x: Any) -> np.ndarray:
    """Dates as ``datetime64[D]`` (fast path for datetime64 arrays and Series)."""
    a = x.to_numpy() if isinstance(x, pd.Series | pd.Index) else np.asarray(x)
    if a.dtype.kind != "M":
        a = pd.to_datetime(a).to_numpy()
    return a.astype("datetime64[D]")


def _teks_status(status: Any, n: int) -> np.ndarray:
    if status is None:
        return np.full(n, "", dtype=object)
    s = pd.Series(np.asarray(status, dtype=object)).astype("str").fillna("").str.strip().str.upper()
    return s.to_numpy(dtype=object)


def nip_angka(tanggal_lahir: Any, tmt: Any, jenis_kelamin: Any, status: Any,
              rng: np.random.Generator | None = None) -> np.ndarray:
    """The NIPs of :func:`make_nip` as int64 (18 digits, so no leading-zero issue)."""
    lahir, tm = _hari(tanggal_lahir), _hari(tmt)
    n = len(lahir)
    jk = np.asarray(jenis_kelamin, dtype=object)
    pppk = _teks_status(status, n) == "PPPK"
    bulan_l = lahir.astype("datetime64[M]")
    ymd = (lahir.astype("datetime64[Y]").astype(np.int64) + 1970) * 10_000 \
        + (bulan_l.astype(np.int64) % 12 + 1) * 100 + (lahir - bulan_l).astype(np.int64) + 1
    bulan_t = tm.astype("datetime64[M]").astype(np.int64)
    kode_pppk = int(komposisi()["nip"]["kode_pppk"])
    tengah = (tm.astype("datetime64[Y]").astype(np.int64) + 1970) * 100 \
        + np.where(pppk, kode_pppk, bulan_t % 12 + 1)
    g = np.where(jk == "P", 2, 1).astype(np.int64)
    prefix = ymd * 10_000_000 + tengah * 10 + g
    if rng is None:
        seq = dalam_kelompok(prefix) + 1
    else:
        perm = rng.permutation(n)
        seq = np.empty(n, np.int64)
        seq[perm] = dalam_kelompok(prefix[perm]) + 1
    if n and seq.max() > 999:
        raise galat("nip_urutan_penuh", kolom="nip")
    return prefix * 1000 + seq


def make_nip(tanggal_lahir: Any, tmt: Any, jenis_kelamin: Any, status: Any,
             rng: np.random.Generator | None = None) -> np.ndarray:
    """18-digit NIP (PNS) / NI PPPK for each person, unique across the arrays given.

    ``tanggal_lahir`` and ``tmt`` are dates (any datetime-like array), ``jenis_kelamin`` is
    ``"L"``/``"P"``, ``status`` ``"PNS"``/``"PPPK"``. The sequence is the rank (from 001) among
    people with identical first 15 digits, in row order, or in a random order when ``rng``
    is given. Returns an object array of ``str``.
    """
    return angka(nip_angka(tanggal_lahir, tmt, jenis_kelamin, status, rng)).to_numpy(dtype=object)


def validate_nip(nip: Sequence[Any] | np.ndarray | pd.Series, tanggal_lahir: Any = None,
                 tmt: Any = None, jenis_kelamin: Any = None,
                 status: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """Check NIPs / NI PPPK; returns ``(ok, alasan)``: a bool array and a reason-code array.

    Checks: present, digits only, 18 long, digits 1-8 a real birth date, TMT (PNS: digits
    9-14 a real year-month; PPPK: digits 9-12 a year; unknown status: the month is checked
    only when digits 13-14 could be one), TMT at least ``nip.usia_tmt_min`` years after
    birth, digit 15 is 1 or 2. When the optional columns are given (row-aligned; missing
    values skip the check), the NIP must agree with them: birth date, TMT year-month (PNS) or
    year (PPPK), gender ``L``/``P``. ``alasan`` holds the first failed check (see
    :data:`ALASAN`), ``""`` when valid.
    """
    cfg = komposisi()["nip"]
    s = pd.Series(np.asarray(nip, dtype=object)).astype("str").str.strip()
    n = len(s)
    alasan = np.full(n, "", dtype=object)

    def tandai(mask: np.ndarray | pd.Series, kode: str) -> None:
        m = np.asarray(mask, dtype=bool)
        alasan[(alasan == "") & m] = kode

    kosong = (s.isna() | (s == "")).to_numpy()
    tandai(kosong, "kosong")
    s = s.fillna("")
    tandai(~s.str.fullmatch(r"\d+").to_numpy(dtype=bool), "bukan_angka")
    tandai((s.str.len() != 18).to_numpy(dtype=bool), "panjang")
    bentuk = alasan == ""
    s = s.where(bentuk, "190001011900011001")  # placeholder for rows already rejected
    angka = s.str[:14].astype("int64").to_numpy()
    thn_min = int(cfg["tahun_min"])
    lahir = pd.to_datetime(s.str[:8], format="%Y%m%d", errors="coerce")
    tandai((lahir.isna() | (lahir.dt.year < thn_min)).to_numpy(dtype=bool), "tanggal_lahir")
    st = _teks_status(status, n)
    ty = (angka // 100) % 10_000
    tm = angka % 100
    bulan_ok = (tm >= 1) & (tm <= 12)
    pakai_bulan = (st == "PNS") | ((st != "PPPK") & bulan_ok)
    by = angka // 1_000_000 // 10_000
    tmt_salah = (ty < thn_min) | ((st == "PNS") & ~bulan_ok) | \
        (ty - by < int(cfg["usia_tmt_min"]))
    tandai(tmt_salah, "tmt")
    tandai(~s.str[14].isin(["1", "2"]).to_numpy(dtype=bool), "jenis_kelamin")
    if tanggal_lahir is not None:
        tl = _tanggal(tanggal_lahir)
        ada = ~tl.isna()
        ymd = np.where(ada, tl.year * 10_000 + tl.month * 100 + tl.day, -1)
        tandai(ada & (ymd != angka // 1_000_000), "beda_tanggal_lahir")
    if tmt is not None:
        tt = _tanggal(tmt)
        ada = ~tt.isna()
        ym = np.where(ada, tt.year * 100 + tt.month, -1)
        yy = np.where(ada, tt.year, -1)
        beda = np.where(pakai_bulan, ym != angka % 1_000_000, yy != ty)
        tandai(ada & beda, "beda_tmt")
    if jenis_kelamin is not None:
        jk = pd.Series(np.asarray(jenis_kelamin, dtype=object)).astype("str").str.strip().str.upper()
        kode = jk.map({"L": "1", "P": "2"})
        ada = kode.notna().to_numpy()
        tandai(ada & (kode.to_numpy(dtype=object) != s.str[14].to_numpy(dtype=object)),
               "beda_jenis_kelamin")
    return alasan == "", alasan
