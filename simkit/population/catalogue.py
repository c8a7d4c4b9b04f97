"""Catalogues of the synthetic population: kecamatan, OPDs, composition, jabatan names.

The numbers live in YAML files under ``data/`` (each with its source or "ASSUMPTION"); this
module loads them once, fills the defaults, expands the kecamatan template into one OPD per
kecamatan, and checks the parts of a scenario that need the catalogue
(:func:`periksa_skenario_katalog`: OPD codes used as ``per_opd`` keys exist, enough ASN per
instansi).

>>> from simkit.population.catalogue import opd_codes, kecamatan
>>> opd_codes()[:3]
['setda', 'disdik', 'dinkes']
>>> len(kecamatan()), kecamatan().loc[5, "kode_bps"]
(11, '7604030')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.errors import Masalah, SimkitError, mirip
from simkit.population.schema import JENIS_JABATAN, JENIS_UNIT
from simkit.scenario import Scenario, baca_skenario
from simkit.yamlloc import line_of, read_yaml_file

DATA = Path(__file__).parent / "data"
_AWALAN_INSTANSI = re.compile(r"^i\d+\.")


@cache
def _muat(nama: str) -> tuple[Any, dict]:
    """A data file and its line map (cached)."""
    return read_yaml_file(DATA / nama)


def _nilai(d: dict, kunci: str, berkas: str, bagian: str) -> Any:
    """The ``nilai`` of a ``{nilai, sumber}`` entry; a missing source is a located error."""
    entri = d.get(kunci)
    data, lines = _muat(berkas)
    if not isinstance(entri, dict) or "nilai" not in entri or not str(entri.get("sumber") or "").strip():
        raise SimkitError(Masalah("bidang_wajib", berkas=str(DATA / berkas),
                                  baris=line_of(lines, (bagian, kunci)),
                                  bidang=f"{bagian}.{kunci}.nilai/sumber"))
    return entri["nilai"]


def slug(nama: str) -> str:
    """Lower-case id of a place name: ``slug("Kepulauan Bala-Balakang") == 'kepulauan_bala_balakang'``."""
    return re.sub(r"[^a-z0-9]+", "_", nama.lower()).strip("_")


def kode_dasar(kode_unit: str | pd.Series) -> str | pd.Series:
    """A unit code without the instansi prefix of the national scenario (str or Series).

    >>> kode_dasar("i0042.dinkes"), kode_dasar("dinkes")
    ('dinkes', 'dinkes')
    """
    if isinstance(kode_unit, pd.Series):
        return kode_unit.astype("str").str.replace(_AWALAN_INSTANSI, "", regex=True)
    return _AWALAN_INSTANSI.sub("", str(kode_unit))


@cache
def kabupaten() -> dict[str, Any]:
    """Name, codes, capital and population of the kabupaten (``kecamatan_mamuju.yaml``)."""
    data, _ = _muat("kecamatan_mamuju.yaml")
    return dict(data["kabupaten"])


@cache
def kecamatan() -> pd.DataFrame:
    """The 11 kecamatan: ``nama, kode_bps, penduduk, tipologi, slug`` in BPS-code order."""
    data, _ = _muat("kecamatan_mamuju.yaml")
    df = pd.DataFrame(data["kecamatan"])
    df["kode_bps"] = df["kode_bps"].astype(str)
    df["slug"] = [slug(n) for n in df["nama"]]
    return df


@cache
def acuan() -> dict[str, Any]:
    """Scalar structure parameters of ``opd_mamuju.yaml`` (section ``acuan``)."""
    data, _ = _muat("opd_mamuju.yaml")
    return {k: _nilai(data["acuan"], k, "opd_mamuju.yaml", "acuan") for k in data["acuan"]}


def _lengkapi(opd: dict, bawaan: dict) -> dict:
    out = dict(opd)
    out["kepala"] = {**bawaan["kepala"], **opd["kepala"]}
    out["jpt"] = [{**bawaan["jpt"], **j} for j in opd.get("jpt", [])]
    out["administrator"] = [{**bawaan["administrator"], **a} for a in opd.get("administrator", [])]
    out.setdefault("inti", False)
    out.setdefault("melayani_publik", False)
    out["populasi_dilayani"] = {**bawaan["populasi_dilayani"], **opd.get("populasi_dilayani", {})}
    out.setdefault("bobot_pelaksana", bawaan["bobot_pelaksana"])
    out.setdefault("bobot_fungsional", bawaan["bobot_fungsional"])
    out.setdefault("jf_umum", [])
    out["kepala"].setdefault("pengawas", [])
    for a in out["administrator"]:
        a.setdefault("pengawas", nama_pengawas_bawaan(a["nama"], bawaan["nama_pengawas"]))
    return out


def nama_pengawas_bawaan(nama_admin: str, aturan: list[dict]) -> list[str]:
    """Pengawas position names under an administrator, from the ``nama_pengawas`` rules.

    >>> nama_pengawas_bawaan("Kepala Bidang Anggaran",
    ...                      [{"awalan": "Kepala Bidang ", "ganti": "Kepala Seksi ", "jumlah": 2}])
    ['Kepala Seksi Anggaran', 'Kepala Seksi Anggaran']
    """
    for r in aturan:
        if nama_admin.startswith(r["awalan"]):
            if "daftar" in r:
                return list(r["daftar"])
            return [r["ganti"] + nama_admin[len(r["awalan"]):]] * int(r["jumlah"])
    return []


def _isi_templat(x: Any, **kw: str) -> Any:
    if isinstance(x, str):
        return x.format(**kw)
    if isinstance(x, list):
        return [_isi_templat(v, **kw) for v in x]
    if isinstance(x, dict):
        return {k: _isi_templat(v, **kw) for k, v in x.items()}
    return x


@cache
def opd_katalog() -> tuple[dict, ...]:
    """All OPDs with defaults filled: the catalogue's OPDs, then one per kecamatan.

    Each OPD also gets ``kecamatan`` (where its office is: the capital for kabupaten-level
    OPDs) and ``urutan`` (position = priority when a small population is trimmed).
    """
    data, lines = _muat("opd_mamuju.yaml")
    bawaan = data["bawaan"]
    ibu_kota = kabupaten()["ibu_kota"]
    out = []
    for o in data["opd"]:
        d = _lengkapi(o, bawaan)
        d["kecamatan"] = ibu_kota
        out.append(d)
    tpl = data["kecamatan"]
    for _, k in kecamatan().iterrows():
        d = _lengkapi(_isi_templat(tpl, kecamatan=k["nama"], slug=k["slug"]), bawaan)
        d["kecamatan"] = k["nama"]
        out.append(d)
    # core OPDs first, then catalogue order (stable)
    out.sort(key=lambda d: not d["inti"])
    for i, d in enumerate(out):
        d["urutan"] = i
    _periksa_katalog(out, lines)
    return tuple(out)


def _periksa_katalog(opds: list[dict], lines: dict) -> None:
    berkas = str(DATA / "opd_mamuju.yaml")
    problems: list[Masalah] = []
    seen: set[str] = set()
    for i, o in enumerate(opds):
        where = line_of(lines, ("opd", i))
        if o["kode"] in seen or not re.fullmatch(r"[a-z0-9_]+", o["kode"]):
            problems.append(Masalah("nilai_tidak_valid", berkas=berkas, baris=where,
                                    bidang=f"opd.{o['kode']}.kode", ditemukan=repr(o["kode"])))
        seen.add(o["kode"])
        if o["jenis_unit"] not in JENIS_UNIT:
            problems.append(Masalah("nilai_tidak_valid", berkas=berkas, baris=where,
                                    bidang=f"opd.{o['kode']}.jenis_unit",
                                    ditemukan=repr(o["jenis_unit"]),
                                    saran=mirip(o["jenis_unit"], JENIS_UNIT)))
        if o["kepala"]["jenis_jabatan"] not in JENIS_JABATAN:
            problems.append(Masalah("nilai_tidak_valid", berkas=berkas, baris=where,
                                    bidang=f"opd.{o['kode']}.kepala.jenis_jabatan"))
    if not any(o["kode"] == "setda" for o in opds) or not opds[0]["inti"]:
        problems.append(Masalah("bidang_wajib", berkas=berkas, bidang="opd.setda"))
    if problems:
        raise SimkitError(problems)


@cache
def subunit() -> dict[str, Any]:
    """Sub-unit templates (RSUD, puskesmas, kantor Dinkes, sekolah) of ``opd_mamuju.yaml``."""
    data, _ = _muat("opd_mamuju.yaml")
    return data["subunit"]


@cache
def bawaan() -> dict[str, Any]:
    """Defaults section of ``opd_mamuju.yaml`` (kelas jabatan, pengawas name rules)."""
    data, _ = _muat("opd_mamuju.yaml")
    return data["bawaan"]


@cache
def garda_depan() -> dict[str, list[str]]:
    """Which rumpun serves the public directly in each kind of unit (``garda_depan``)."""
    data, _ = _muat("opd_mamuju.yaml")
    return data["garda_depan"]


@cache
def komposisi() -> dict[str, Any]:
    """``komposisi.yaml``: pangkat, golongan rules, PPPK, dates, composition odds."""
    data, _ = _muat("komposisi.yaml")
    return data


@cache
def jabatan() -> dict[str, Any]:
    """``jabatan.yaml``: fungsional and pelaksana position names with their pick weights."""
    data, _ = _muat("jabatan.yaml")
    return data


@cache
def model_kebenaran() -> dict[str, dict[str, float]]:
    """``model_kebenaran.yaml`` as ``{bagian: {nama: nilai}}`` (every entry has a source)."""
    data, _ = _muat("model_kebenaran.yaml")
    return {b: {k: float(_nilai(isi, k, "model_kebenaran.yaml", b)) for k in isi}
            for b, isi in data.items()}


def opd_codes(wilayah: str = "mamuju") -> list[str]:
    """The OPD codes a scenario may use as ``per_opd`` keys (same for both wilayah: in the
    national scenario every instansi is a copy of the catalogue, so a key applies to all)."""
    return [o["kode"] for o in opd_katalog()]


_PER_OPD = (
    ("indikator", "kemudahan_per_opd"),
    ("penilai", "per_opd"),
    ("survei", "bias_sampel_per_opd"),
)


def periksa_skenario_katalog(scenario: Scenario) -> list[Masalah]:
    """Problems of a scenario that only the catalogues can see, located (empty when none).

    OPD codes in ``per_opd`` keys must exist (case-insensitive, as the generators match them);
    ``jumlah_instansi`` > 1 only for wilayah ``nasional``; every instansi needs a minimum
    number of ASN.
    """
    codes = opd_codes(scenario.populasi.wilayah)
    lower = {c.lower() for c in codes}
    out: list[Masalah] = []
    for bagian, bidang in _PER_OPD:
        for key in getattr(getattr(scenario, bagian), bidang):
            if str(key).lower() not in lower:
                out.append(Masalah(
                    "opd_tidak_dikenal", berkas=scenario.sumber,
                    baris=scenario.line_of(bagian, bidang, key),
                    bidang=f"{bagian}.{bidang}.{key}", ditemukan=repr(key),
                    saran=mirip(str(key).lower(), codes)))
    pop = scenario.populasi
    if pop.wilayah != "nasional" and pop.jumlah_instansi > 1:
        out.append(Masalah("instansi_hanya_nasional", berkas=scenario.sumber,
                           baris=scenario.line_of("populasi", "jumlah_instansi"),
                           bidang="populasi.jumlah_instansi", ditemukan=str(pop.jumlah_instansi)))
    minimum = int(acuan()["min_asn_per_instansi"])
    k = pop.jumlah_instansi if pop.wilayah == "nasional" else 1
    if pop.jumlah_asn < k * minimum:
        out.append(Masalah("asn_terlalu_sedikit", berkas=scenario.sumber,
                           baris=scenario.line_of("populasi", "jumlah_asn"),
                           bidang="populasi.jumlah_asn", ditemukan=str(pop.jumlah_asn),
                           isi={"minimum": minimum, "jumlah_instansi": k, "perlu": k * minimum}))
    return out


def baca_skenario_populasi(source: str | Path | Mapping[str, Any] | Scenario) -> Scenario:
    """A scenario checked as the population needs it: schema plus :func:`periksa_skenario_katalog`.

    A :class:`~simkit.scenario.Scenario` is returned as it is (it was checked when read). The
    rule checks of the ``aturan`` section are not the population's: the public
    ``simkit.load_scenario`` adds them.

    >>> baca_skenario_populasi({"nama": "x", "seed": 1,
    ...     "penilai": {"per_opd": {"dinkess": {}}}})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    simkit.errors.SimkitError: bidang 'penilai.per_opd.dinkess': kode OPD tidak dikenal ...
    """
    if isinstance(source, Scenario):
        return source
    scenario = baca_skenario(source)
    masalah = periksa_skenario_katalog(scenario)
    if masalah:
        raise SimkitError(masalah)
    return scenario
