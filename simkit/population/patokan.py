"""Calibration targets (patokan): published national figures a synthetic population should show.

``data/patokan_nasional.yaml`` lists each figure with its source and year: the national
predikat distribution before the curve (fitted by ``simkit kalibrasi``) and composition
marginals of BKN's statistics (reported only). :func:`porsi_ukuran` measures the same shares
in a population, so a target, its measured value and the error sit in one row.

>>> [p.id for p in muat_patokan()][:2]
['predikat_sangat_baik', 'predikat_baik']
>>> galat_pp(muat_patokan()[2], 0.5)   # 'at most 0.11 %' measured 0.5 %: 0.39 pp over
0.39
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, galat
from simkit.i18n import t
from simkit.kosakata import PREDIKAT
from simkit.population.schema import STRUKTURAL
from simkit.yamlloc import line_of, read_yaml_file

BERKAS_PATOKAN = Path(__file__).parent / "data" / "patokan_nasional.yaml"

KELAS_UKURAN: dict[str, tuple[str, ...]] = {
    "predikat": PREDIKAT,
    "jenis_jabatan": ("struktural", "fungsional", "pelaksana"),
    "golongan_pns": ("I", "II", "III", "IV"),
    "status_kepegawaian": ("PNS", "PPPK"),
}
"""The measures a target can name, and their classes."""
TOLERANSI_PP = 2.0
"""A population matches a target when its error is at most this many percentage points."""
JENIS = ("sama", "maks", "min")
PERAN = ("sesuaikan", "periksa")
_KUNCI = ("id", "ukuran", "kelas", "jenis", "persen", "peran", "tahun", "sumber")


@dataclass(frozen=True)
class Patokan:
    """One published figure: ``persen`` of ``kelas`` in ``ukuran`` (``jenis`` sama/maks/min)."""

    id: str
    ukuran: str
    kelas: str
    jenis: str
    persen: float
    peran: str
    tahun: str
    sumber: str


def galat_pp(p: Patokan, persen: float) -> float:
    """Error of a measured share (percent) against ``p`` in percentage points: the difference
    for ``sama``; for ``maks``/``min`` only the part beyond the limit (0 when it holds)."""
    d = float(persen) - p.persen
    if p.jenis == "maks":
        d = max(d, 0.0)
    elif p.jenis == "min":
        d = min(d, 0.0)
    return round(d, 10)


def _cek(entri: object, i: int, berkas: str, lines: dict, ids: set[str]) -> list[Masalah]:
    path = ("patokan", i)
    if not isinstance(entri, dict):
        return [Masalah("nilai_tidak_valid", berkas=berkas, baris=line_of(lines, path),
                        bidang=f"patokan[{i}]", diharapkan="{" + ", ".join(_KUNCI) + "}")]
    out = [Masalah("bidang_tidak_dikenal", berkas=berkas, baris=line_of(lines, (*path, k)),
                   bidang=f"patokan[{i}].{k}", diharapkan=", ".join(_KUNCI))
           for k in entri if k not in _KUNCI]
    out += [Masalah("bidang_wajib", berkas=berkas, baris=line_of(lines, path),
                    bidang=f"patokan[{i}].{k}") for k in _KUNCI if not str(entri.get(k) or "").strip()
            and entri.get(k) != 0]
    if out:
        return out

    def salah(kunci: str, diharapkan: str) -> Masalah:
        return Masalah("nilai_tidak_valid", berkas=berkas, baris=line_of(lines, (*path, kunci)),
                       bidang=f"patokan[{i}].{kunci}", diharapkan=diharapkan,
                       ditemukan=repr(entri[kunci]))

    if entri["ukuran"] not in KELAS_UKURAN:
        return [salah("ukuran", ", ".join(KELAS_UKURAN))]
    if entri["kelas"] not in KELAS_UKURAN[entri["ukuran"]]:
        out.append(salah("kelas", ", ".join(KELAS_UKURAN[entri["ukuran"]])))
    if entri["jenis"] not in JENIS:
        out.append(salah("jenis", ", ".join(JENIS)))
    if entri["peran"] not in PERAN:
        out.append(salah("peran", ", ".join(PERAN)))
    elif entri["peran"] == "sesuaikan" and entri["ukuran"] != "predikat":
        out.append(salah("peran", t("patokan.hanya_periksa")))
    v = entri["persen"]
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 100:
        out.append(salah("persen", "0..100"))
    if str(entri["id"]) in ids:
        out.append(salah("id", "id unik"))
    ids.add(str(entri["id"]))
    return out


def _muat(berkas: Path) -> tuple[Patokan, ...]:
    data, lines = read_yaml_file(berkas)
    nama = str(berkas)
    daftar = data.get("patokan") if isinstance(data, dict) else None
    if not isinstance(daftar, list) or not daftar:
        raise galat("bidang_wajib", berkas=nama, baris=line_of(lines, ("patokan",)) or 1,
                    bidang="patokan", diharapkan="[{id, ukuran, kelas, ...}, ...]")
    masalah: list[Masalah] = []
    ids: set[str] = set()
    for i, e in enumerate(daftar):
        masalah += _cek(e, i, nama, lines, ids)
    if masalah:
        raise SimkitError(masalah)
    return tuple(Patokan(id=str(e["id"]), ukuran=e["ukuran"], kelas=str(e["kelas"]),
                         jenis=e["jenis"], persen=float(e["persen"]), peran=e["peran"],
                         tahun=str(e["tahun"]), sumber=str(e["sumber"]).strip()) for e in daftar)


@cache
def _muat_bawaan() -> tuple[Patokan, ...]:
    return _muat(BERKAS_PATOKAN)


def muat_patokan(berkas: str | Path | None = None) -> tuple[Patokan, ...]:
    """The targets of ``berkas`` (default the package's ``patokan_nasional.yaml``); every
    mistake is a located error (file, line, field)."""
    return _muat_bawaan() if berkas is None else _muat(Path(berkas))


def _kelas_pegawai(pegawai: pd.DataFrame, ukuran: str) -> np.ndarray:
    if ukuran == "jenis_jabatan":
        jab = pegawai["jenis_jabatan"].astype(str).to_numpy()
        return np.where(np.isin(jab, STRUKTURAL), "struktural",
                        np.where(np.char.startswith(jab.astype(str), "fungsional"), "fungsional",
                                 jab)).astype(object)
    if ukuran == "golongan_pns":
        pns = pegawai["status_kepegawaian"].astype(str).to_numpy() == "PNS"
        gol = pegawai["golongan"].astype(str).str.split("/").str[0].to_numpy(dtype=object)
        return gol[pns]
    return pegawai[ukuran].astype(str).to_numpy(dtype=object)


def porsi_ukuran(ukuran: str, pegawai: pd.DataFrame | None = None,
                 predikat: pd.Series | np.ndarray | None = None) -> dict[str, float]:
    """Shares (percent) of every class of ``ukuran``: of ``predikat`` (one value per ASN) for
    ``predikat``, else of the ``pegawai`` columns.

    >>> porsi_ukuran("predikat", predikat=["baik", "baik", "sangat_baik", "baik"])["baik"]
    75.0
    """
    kelas = KELAS_UKURAN[ukuran]
    nilai = (np.asarray(predikat, dtype=object).astype(str) if ukuran == "predikat"
             else _kelas_pegawai(pegawai, ukuran))
    n = len(nilai)
    return {k: (100.0 * float(np.count_nonzero(nilai == k)) / n if n else float("nan"))
            for k in kelas}
