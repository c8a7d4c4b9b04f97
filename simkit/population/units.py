"""Organisational units of the synthetic population, and the structural plan behind them.

:func:`rencana_struktur` turns a scenario into per-instansi counts (ASN, struktural, guru, nakes, ...,
number of puskesmas and schools, how much of the skeleton of positions is kept);
:func:`build_units` builds the ``unit_kerja`` table from it, :mod:`employees` fills the
units with people from the same plan. Both are deterministic functions of the scenario (no
random draws), so the same scenario has the same units under every seed.

Mamuju: one instansi; the 29 OPDs + 11 kecamatan of ``opd_mamuju.yaml``, the RSUD, at least
one puskesmas per kecamatan plus extras in the most populous ones, and SD/SMP negeri
(``guru / guru_per_sekolah`` of them) spread over the kecamatan by population.
National: ``jumlah_instansi`` copies of that structure with sizes from fixed lognormal
quantiles (largest first) and codes prefixed ``i0001.``, ``i0002.``, ...

>>> from simkit.population.units import build_units
>>> uk = build_units({"nama": "x", "seed": 1, "populasi": {"jumlah_asn": 4500}})
>>> uk.loc[0, ["kode_unit", "jenis_unit"]].tolist(), int((uk.jenis_unit == "kecamatan").sum())
(['setda', 'sekretariat_daerah'], 11)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from simkit.pembulatan import bulat_setengah_atas
from simkit.population.alokasi import dalam_kelompok, sisa_terbesar
from simkit.population.catalogue import (
    acuan,
    baca_skenario_populasi,
    kabupaten,
    kecamatan,
    opd_katalog,
    subunit,
)
from simkit.population.schema import JENIS_JABATAN, JENIS_UNIT
from simkit.scenario import Scenario

ScenarioLike = Scenario | str | Path | dict

PERAN_KEPALA, PERAN_JPT, PERAN_ADMIN = 0, 1, 2


@dataclass(frozen=True)
class Kerangka:
    """The skeleton of positions of one instansi (kepala, JPT, administrators per OPD).

    Arrays are indexed by template position. ``atasan`` is the nominal superior's position
    (-1: the Sekda, or none for the Sekda itself). ``peringkat`` orders positions for
    trimming: all OPD heads first (core OPDs, then catalogue order), then each OPD's first
    subordinate, then the rest.
    """

    opd: np.ndarray
    peran: np.ndarray
    jenis_jabatan: np.ndarray
    nama: tuple[str, ...]
    kelas: np.ndarray
    atasan: np.ndarray
    peringkat: np.ndarray
    nama_pengawas: tuple[tuple[str, ...], ...]
    membina: tuple[str, ...]
    kepala_opd: np.ndarray  # template position of the head of each OPD

    def __len__(self) -> int:
        return len(self.opd)


@cache
def kerangka() -> Kerangka:
    """The skeleton of positions built from the OPD catalogue (cached)."""
    rows: list[dict[str, Any]] = []
    kepala_opd = []
    for o in opd_katalog():
        t = o["urutan"]
        kp = len(rows)
        kepala_opd.append(kp)
        k = o["kepala"]
        rows.append(dict(opd=t, peran=PERAN_KEPALA, jenis=k["jenis_jabatan"], nama=k["nama"],
                         kelas=k["kelas_jabatan"], atasan=-1, level=0, seq=0,
                         pengawas=tuple(k["pengawas"]), membina=""))
        jpt_pos = []
        seq = 1
        for j in o["jpt"]:
            jpt_pos.append(len(rows))
            rows.append(dict(opd=t, peran=PERAN_JPT, jenis="jpt_pratama", nama=j["nama"],
                             kelas=j["kelas_jabatan"], atasan=kp, level=1 if seq == 1 else 2,
                             seq=seq, pengawas=tuple(j.get("pengawas", ())), membina=""))
            seq += 1
        for a in o["administrator"]:
            at = jpt_pos[int(a["atasan"]) - 1] if a.get("atasan") else kp
            rows.append(dict(opd=t, peran=PERAN_ADMIN, jenis="administrator", nama=a["nama"],
                             kelas=a["kelas_jabatan"], atasan=at, level=1 if seq == 1 else 2,
                             seq=seq, pengawas=tuple(a["pengawas"]),
                             membina=a.get("membina") or ""))
            seq += 1
    df = pd.DataFrame(rows)
    order = np.lexsort((df["seq"].to_numpy(), df["opd"].to_numpy(), df["level"].to_numpy()))
    rank = np.empty(len(df), np.int64)
    rank[order] = np.arange(len(df))
    return Kerangka(
        opd=df["opd"].to_numpy(np.int64),
        peran=df["peran"].to_numpy(np.int8),
        jenis_jabatan=np.array([JENIS_JABATAN.index(j) for j in df["jenis"]], np.int8),
        nama=tuple(df["nama"]),
        kelas=df["kelas"].to_numpy(np.int64),
        atasan=df["atasan"].to_numpy(np.int64),
        peringkat=rank,
        nama_pengawas=tuple(df["pengawas"]),
        membina=tuple(df["membina"]),
        kepala_opd=np.array(kepala_opd, np.int64),
    )


@dataclass(frozen=True)
class RencanaStruktur:
    """Per-instansi counts (arrays of length ``k``) that units and employees share."""

    k: int
    nasional: bool
    n: np.ndarray            # ASN per instansi
    skala_penduduk: np.ndarray  # population multiplier of the kabupaten (1 for Mamuju)
    kerangka: np.ndarray     # skeleton positions kept (JPT + administrators incl. heads)
    rsud: np.ndarray         # bool: the instansi has an RSUD (its director is an administrator)
    pengawas: np.ndarray
    guru: np.ndarray
    nakes: np.ndarray
    fungsional_umum: np.ndarray
    pelaksana: np.ndarray
    puskesmas: np.ndarray
    sd: np.ndarray
    smp: np.ndarray

    @property
    def struktural(self) -> np.ndarray:
        return self.kerangka + self.rsud + self.pengawas


def ukuran_instansi(jumlah_asn: int, k: int) -> np.ndarray:
    """ASN per instansi: ``jumlah_asn`` split by fixed lognormal quantiles, largest first.

    >>> ukuran_instansi(1000, 3).tolist()
    [522, 301, 177]
    """
    a = acuan()
    if k == 1:
        return np.array([jumlah_asn], np.int64)
    nd = NormalDist()
    z = np.array([nd.inv_cdf((k - j - 0.5) / k) for j in range(k)])
    w = np.exp(float(a["sigma_ukuran_instansi"]) * z)
    return sisa_terbesar(np.array([jumlah_asn]), np.zeros(k, np.int64), w,
                         minimum=int(a["min_asn_per_instansi"]))


def rencana_struktur(scenario: ScenarioLike) -> RencanaStruktur:
    """The structural plan of a scenario (see module docstring). Deterministic."""
    sc = baca_skenario_populasi(scenario)
    pop = sc.populasi
    kom = pop.komposisi
    a = acuan()
    nasional = pop.wilayah == "nasional"
    k = pop.jumlah_instansi if nasional else 1
    n = ukuran_instansi(pop.jumlah_asn, k)
    n_ref = float(a["jumlah_asn"])
    skala = n / n_ref if nasional else np.ones(k)

    kr = kerangka()
    n_inti = sum(1 for o in opd_katalog() if o["inti"])
    s_target = bulat_setengah_atas(kom.jenis_jabatan.struktural * n).astype(np.int64)
    budget = np.maximum(s_target, np.floor(float(a["porsi_kerangka_maks"]) * n).astype(np.int64))
    kept = np.clip(budget, n_inti, len(kr))

    sub = subunit()

    def bagi(struct: np.ndarray) -> tuple[np.ndarray, ...]:
        f = np.minimum(bulat_setengah_atas(kom.jenis_jabatan.fungsional * n).astype(np.int64),
                       n - struct)
        g = np.minimum(bulat_setengah_atas(kom.guru * n).astype(np.int64), f)
        h = np.minimum(bulat_setengah_atas(kom.nakes * n).astype(np.int64), f - g)
        return f, g, h

    struct = np.maximum(s_target, kept)
    f, g, h = bagi(struct)
    rsud = h >= int(sub["rsud"]["min_nakes"])
    struct = np.maximum(s_target, kept + rsud)
    f, g, h = bagi(struct)
    u = f - g - h
    p = n - struct - f
    pengawas = struct - kept - rsud

    nk = len(kecamatan())
    pk = sub["puskesmas"]
    porsi_pkm = float(pk["porsi_nakes"])
    porsi_total = porsi_pkm + float(sub["kantor_dinkes"]["porsi_nakes"]) + \
        float(sub["rsud"]["porsi_nakes"]) * rsud
    ingin = np.maximum(
        nk, bulat_setengah_atas(int(pk["jumlah_acuan"]) * n / n_ref).astype(np.int64))
    batas = np.floor(h * porsi_pkm / porsi_total / int(pk["min_nakes"])).astype(np.int64)
    puskesmas = np.minimum(ingin, batas)

    sek = sub["sekolah"]
    sekolah = np.where(g > 0, -(-g // int(sek["guru_per_sekolah"])), 0)
    porsi_smp = next(j["porsi"] for j in sek["jenis"] if j["id"] == "smp")
    smp = bulat_setengah_atas(sekolah * float(porsi_smp)).astype(np.int64)
    smp = np.minimum(smp, sekolah)
    sd = sekolah - smp
    return RencanaStruktur(k=k, nasional=nasional, n=n, skala_penduduk=skala, kerangka=kept,
                   rsud=rsud.astype(np.int64), pengawas=pengawas, guru=g, nakes=h,
                   fungsional_umum=u, pelaksana=p, puskesmas=puskesmas, sd=sd, smp=smp)


def _kode_instansi(instansi: np.ndarray, kode: pd.Series, nasional: bool) -> pd.Series:
    if not nasional:
        return kode
    pre = pd.Series(instansi).astype("str").str.zfill(4)
    return "i" + pre + "." + kode


def _sebar_kecamatan(jumlah: np.ndarray, penduduk: np.ndarray) -> np.ndarray:
    """Counts per (instansi, kecamatan), shape (k, nk): ``jumlah`` split by population."""
    k, nk = len(jumlah), len(penduduk)
    grp = np.repeat(np.arange(k), nk)
    w = np.tile(penduduk.astype(np.float64), k)
    return sisa_terbesar(jumlah, grp, w).reshape(k, nk)


def _puskesmas_per_kecamatan(p: np.ndarray, penduduk: np.ndarray) -> np.ndarray:
    nk = len(penduduk)
    rank = np.empty(nk, np.int64)
    rank[np.argsort(-penduduk, kind="stable")] = np.arange(nk)
    extra = _sebar_kecamatan(np.maximum(p - nk, 0), penduduk)
    few = (rank[None, :] < p[:, None]).astype(np.int64)
    return np.where((p >= nk)[:, None], 1 + extra, few)


def build_units(scenario: ScenarioLike, rng: np.random.Generator | None = None) -> pd.DataFrame:
    """The ``unit_kerja`` table (schema :data:`~simkit.population.schema.UNIT_KERJA`).

    ``rng`` is accepted for a uniform generator signature but not used: the units are a
    deterministic function of the scenario.
    """
    sc = baca_skenario_populasi(scenario)
    r = rencana_struktur(sc)
    kr = kerangka()
    opds = opd_katalog()
    kec = kecamatan()
    kab = kabupaten()
    sub = subunit()
    k, nt, nk = r.k, len(opds), len(kec)
    kec_bps = dict(zip(kec["nama"], kec["kode_bps"], strict=True))
    pen = kec["penduduk"].to_numpy(np.float64)
    pen_kec = dict(zip(kec["nama"], pen, strict=True))
    kab_pen = float(kab["penduduk"])
    t_dinkes = next(o["urutan"] for o in opds if o["kode"] == sub["puskesmas"]["induk"])
    t_disdik = next(o["urutan"] for o in opds if o["kode"] == sub["sekolah"]["induk"])
    t_rsud = next(o["urutan"] for o in opds if o["kode"] == sub["rsud"]["induk"])
    blocks: list[pd.DataFrame] = []

    # --- OPDs: kept when their head's position is within the instansi's kept skeleton
    kept = kr.peringkat[kr.kepala_opd][None, :] < r.kerangka[:, None]  # (k, nt)
    ii, tt = np.nonzero(kept)
    o_kode = np.array([o["kode"] for o in opds], dtype=object)
    o_nama = np.array([o["nama"] for o in opds], dtype=object)
    o_jenis = np.array([o["jenis_unit"] for o in opds], dtype=object)
    o_kec = np.array([o["kecamatan"] for o in opds], dtype=object)
    o_pub = np.array([bool(o["melayani_publik"]) for o in opds])
    o_porsi = np.array([float(o["populasi_dilayani"]["porsi"]) for o in opds])
    o_dasar = np.array([
        {"kabupaten": kab_pen, "kecamatan": pen_kec.get(o["kecamatan"], 0.0)}.get(
            o["populasi_dilayani"]["dasar"], 0.0) for o in opds])
    blocks.append(pd.DataFrame({
        "instansi": ii + 1, "blok": 0, "urut": tt, "kode": o_kode[tt], "nama": o_nama[tt],
        "jenis": o_jenis[tt], "induk_t": -1, "opd_t": tt, "kec": o_kec[tt],
        "publik": o_pub[tt],
        "populasi": bulat_setengah_atas(o_dasar[tt] * o_porsi[tt] * r.skala_penduduk[ii]
                                        ).astype(np.int64),
    }))

    # --- RSUD
    rs = sub["rsud"]
    ir = np.flatnonzero(r.rsud > 0)
    blocks.append(pd.DataFrame({
        "instansi": ir + 1, "blok": 1, "urut": 0, "kode": rs["kode"], "nama": rs["nama"],
        "jenis": rs["jenis_unit"], "induk_t": t_rsud, "opd_t": t_rsud, "kec": kab["ibu_kota"],
        "publik": bool(rs["melayani_publik"]),
        "populasi": bulat_setengah_atas(kab_pen * float(rs["populasi_dilayani"]["porsi"])
                                        * r.skala_penduduk[ir]).astype(np.int64),
    }))

    # --- puskesmas
    pk = sub["puskesmas"]
    cnt = _puskesmas_per_kecamatan(r.puskesmas, pen)  # (k, nk)
    flat = cnt.ravel()
    inst = np.repeat(np.repeat(np.arange(k), nk), flat)
    kk = np.repeat(np.tile(np.arange(nk), k), flat)
    j = dalam_kelompok(inst * nk + kk)
    nama_k = kec["nama"].to_numpy(dtype=object)[kk]
    slug_k = kec["slug"].to_numpy(dtype=object)[kk]
    nomor = pd.Series(j + 1).astype("str")
    lebih = j > 0
    nama = pd.Series(pk["awalan_nama"] + " " + nama_k).astype("str")
    nama = nama.where(~lebih, nama + " " + nomor)
    kode = pd.Series(pk["awalan_kode"] + "_" + slug_k).astype("str")
    kode = kode.where(~lebih, kode + "_" + nomor)
    per_kec = cnt[inst, kk]
    blocks.append(pd.DataFrame({
        "instansi": inst + 1, "blok": 2, "urut": kk * 10_000 + j, "kode": kode.to_numpy(),
        "nama": nama.to_numpy(), "jenis": pk["jenis_unit"], "induk_t": t_dinkes,
        "opd_t": t_dinkes, "kec": nama_k, "publik": bool(pk["melayani_publik"]),
        "populasi": bulat_setengah_atas(pen[kk] * float(pk["populasi_dilayani"]["porsi"])
                                        * r.skala_penduduk[inst] / per_kec).astype(np.int64),
    }))

    # --- schools, one block per kind (SD, SMP)
    sek = sub["sekolah"]
    for b, jenis in enumerate(sek["jenis"]):
        jumlah = getattr(r, jenis["id"])
        cnt = _sebar_kecamatan(jumlah, pen)
        flat = cnt.ravel()
        inst = np.repeat(np.repeat(np.arange(k), nk), flat)
        kk = np.repeat(np.tile(np.arange(nk), k), flat)
        j = dalam_kelompok(inst * nk + kk)
        nomor = pd.Series(j + 1).astype("str").to_numpy(dtype=object)
        nama_k = kec["nama"].to_numpy(dtype=object)[kk]
        slug_k = kec["slug"].to_numpy(dtype=object)[kk]
        blocks.append(pd.DataFrame({
            "instansi": inst + 1, "blok": 3 + b, "urut": kk * 10_000 + j,
            "kode": jenis["awalan_kode"] + "_" + nomor + "_" + slug_k,
            "nama": jenis["awalan_nama"] + " " + nomor + " " + nama_k,
            "jenis": sek["jenis_unit"], "induk_t": t_disdik, "opd_t": t_disdik, "kec": nama_k,
            "publik": bool(sek["melayani_publik"]), "populasi": int(jenis["populasi_dilayani"]),
        }))

    df = pd.concat(blocks, ignore_index=True)
    df = df.sort_values(["instansi", "blok", "urut"], kind="stable", ignore_index=True)
    uid = np.arange(1, len(df) + 1, dtype=np.int64)
    inst = df["instansi"].to_numpy(np.int64)
    opd_uid = np.zeros((k + 1, nt), np.int64)
    is_opd = df["blok"].to_numpy() == 0
    opd_uid[inst[is_opd], df["opd_t"].to_numpy()[is_opd]] = uid[is_opd]
    induk_t = df["induk_t"].to_numpy(np.int64)
    induk = np.where(induk_t >= 0, opd_uid[inst, np.maximum(induk_t, 0)], 0)
    opd_id = opd_uid[inst, df["opd_t"].to_numpy(np.int64)]
    kec_s = df["kec"].astype("str")
    out = pd.DataFrame({
        "unit_id": uid,
        "kode_unit": _kode_instansi(inst, df["kode"].astype("str"), r.nasional).astype("str"),
        "nama_unit": df["nama"].astype("str"),
        "jenis_unit": pd.Categorical(df["jenis"].astype("str"), categories=JENIS_UNIT),
        "induk_unit_id": pd.array(np.where(induk_t >= 0, induk, 0), dtype="Int64"),
        "opd_id": opd_id,
        "adalah_opd": is_opd,
        "instansi": inst,
        "kecamatan": kec_s,
        "kode_bps": kec_s.map(kec_bps).astype("str"),
        "melayani_publik": df["publik"].to_numpy(bool),
        "populasi_dilayani": df["populasi"].to_numpy(np.int64),
    })
    out.loc[induk_t < 0, "induk_unit_id"] = pd.NA
    return out
