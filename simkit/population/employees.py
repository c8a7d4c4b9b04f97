"""The ``pegawai`` table: one row per ASN, placed in the units of :func:`build_units`.

How the people are made (every number from the catalogues in ``data/`` or the scenario):

1. **Positions.** Each kept skeleton position (:func:`~simkit.population.units.kerangka`) is
   one ASN: the Sekda (the top, no atasan), kepala OPD (atasan: Sekda), asisten, sekretaris,
   kepala bidang/bagian, camat and sekretaris camat. Each RSUD gets a director
   (administrator, atasan: kepala Dinkes). Pengawas fill the struktural share of the scenario
   (``komposisi.jenis_jabatan.struktural``), shared over the administrators by their listed
   subbagian/seksi; when the skeleton alone exceeds that share it is kept anyway (the share
   is then above target; see ``acuan.porsi_kerangka_maks`` for small populations).
2. **Staff** per instansi, counts from :func:`~simkit.population.units.rencana_struktur`: guru in
   schools (>= 1 each, SMP weighted more), nakes in puskesmas (>= 1 each) / RSUD / the Dinkes
   office, fungsional umum and pelaksana in OPD offices by catalogue weights (pelaksana also in
   puskesmas, RSUD and schools).
3. **PPPK** (exact share ``komposisi.pppk``): never struktural; split guru / nakes / teknis in
   the proportions of Mamuju's 2024 PPPK (247/91/296: PPPK formasi 2024 given their SK in Aug 2025, Pemkab Mamuju), teknis mostly pelaksana.
4. **Keahlian vs keterampilan** (exact share ``komposisi.keahlian`` of fungsional; all guru
   are keahlian, so when the share is below the guru share it cannot be reached).
5. **Golongan**: struktural within their catalogue ranges; other PNS get exact golongan shares
   (``komposisi.golongan_pns``) under the rules IV only keahlian, I only pelaksana, II only
   keterampilan/pelaksana; ruang within golongan by catalogue weights. PPPK by catalogue
   weights (IX most common). Jenjang of fungsional follows the ruang.
6. **Heads of sub-units**: in each school the PNS guru with the highest ruang is kepala sekolah
   (atasan: the Disdik kabid who ``membina`` that school kind); in each puskesmas the PNS
   nakes keahlian with the highest ruang is kepala puskesmas (atasan: kepala Dinkes).
7. **Atasan of staff**: in puskesmas/schools the head; in the RSUD a seksi head (pengawas)
   else the director; in OPD offices pelaksana report to a pengawas (else administrator,
   else the head) and fungsional to an administrator (else the head).
8. **Women** (exact share ``komposisi.perempuan``, odds per group), dates (ruang-consistent
   years of service; TMT on the first of a month before ``tanggal_acuan``; age 20-58),
   NIP / NI PPPK (:mod:`nip`), names (:mod:`names`), and ``melayani_publik`` = non-struktural
   staff (not heads) of public-facing units whose rumpun matches the unit
   (``garda_depan``: schools -> guru, puskesmas/RSUD -> kesehatan, others -> umum).

>>> import numpy as np
>>> from simkit.population.units import build_units
>>> s = {"nama": "x", "seed": 1, "populasi": {"jumlah_asn": 500}}
>>> peg = build_employees(s, build_units(s), np.random.default_rng(1))
>>> len(peg), int(peg.atasan_id.isna().sum())
(500, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.pembulatan import bulat_setengah_atas
from simkit.population.alokasi import dalam_kelompok, jumlah_porsi, pilih_tepat, sisa_terbesar
from simkit.population.catalogue import (
    baca_skenario_populasi,
    bawaan,
    garda_depan,
    jabatan,
    kode_dasar,
    komposisi,
    opd_katalog,
    subunit,
)
from simkit.population.names import draw_names
from simkit.population.nip import nip_angka
from simkit.population.schema import (
    JENIS_JABATAN,
    JENIS_KELAMIN,
    JENIS_UNIT,
    JENJANG_FUNGSIONAL,
    PEGAWAI,
    RUMPUN,
    STATUS,
)
from simkit.population.teks import angka, teks_dari_kode
from simkit.population.units import RencanaStruktur, ScenarioLike, kerangka, rencana_struktur
from simkit.scenario import Komposisi

# roles of a row while it is being built (not a schema column)
KEPALA_OPD, JPT, ADMIN, DIREKTUR, PENGAWAS, GURU, NAKES, UMUM, PELAKSANA = range(9)
_J = {j: i for i, j in enumerate(JENIS_JABATAN)}
_R = {r: i for i, r in enumerate(RUMPUN)}
_U = {u: i for i, u in enumerate(JENIS_UNIT)}
_GOL = ("I", "II", "III", "IV")


class _Nama:
    """Position names as integer codes into one growing list (few distinct strings)."""

    def __init__(self) -> None:
        self.daftar: list[str] = []
        self.kode: dict[str, int] = {}

    def __call__(self, nama: str) -> int:
        if nama not in self.kode:
            self.kode[nama] = len(self.daftar)
            self.daftar.append(nama)
        return self.kode[nama]

    def banyak(self, nama: list[str] | tuple[str, ...]) -> np.ndarray:
        return np.array([self(x) for x in nama], dtype=np.int64)


def _tabel_ruang() -> tuple[list[str], list[str], list[str]]:
    kom = komposisi()
    ruang = [r["ruang"] for r in kom["ruang_pns"]]
    gol = [r["golongan"] for r in kom["ruang_pns"]]
    return ruang, gol, list(kom["golongan_pppk"])


def _ordinal(label: str) -> int:
    """Ruang label ('III/a') or PPPK golongan ('IX') -> 1..17."""
    ruang, _, pppk = _tabel_ruang()
    return (ruang.index(label) if label in ruang else pppk.index(label)) + 1


def _alokasi_berbatas(total: int, porsi: np.ndarray, batas: np.ndarray) -> np.ndarray:
    """Split ``total`` by ``porsi`` without exceeding ``batas`` (overflow goes to the others)."""
    out = np.zeros(len(porsi), np.int64)
    sisa = int(min(total, batas.sum()))
    while sisa > 0:
        aktif = out < batas
        w = np.where(aktif, porsi, 0.0)
        if w.sum() <= 0:
            w = aktif.astype(float)
        tambah = np.minimum(jumlah_porsi(sisa, w), batas - out)
        if tambah.sum() == 0:
            break
        out += tambah
        sisa -= int(tambah.sum())
    return out


def _pilih_dari_tabel(rng: np.random.Generator, kunci: np.ndarray,
                      tabel: dict[int, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """For rows grouped by ``kunci``, draw a value from ``tabel[kunci] = (values, weights)``.

    Loops over the (few) distinct keys, never over rows; rows whose key has no table get -1.
    """
    out = np.full(len(kunci), -1, np.int64)
    if len(kunci) == 0:
        return out
    order = np.argsort(kunci, kind="stable")
    ks = kunci[order]
    start = np.r_[0, np.flatnonzero(ks[1:] != ks[:-1]) + 1]
    end = np.r_[start[1:], len(ks)]
    u = rng.random(len(kunci))
    for a, b in zip(start, end, strict=True):
        key = int(ks[a])
        if key not in tabel:
            continue
        vals, w = tabel[key]
        if len(vals) == 0 or w.sum() <= 0:
            continue
        cw = np.cumsum(w) / w.sum()
        rows = order[a:b]
        out[rows] = vals[np.minimum(np.searchsorted(cw, u[rows], side="right"), len(vals) - 1)]
    return out


@dataclass(frozen=True)
class _Unit:
    """Lookups over the rows of ``unit_kerja`` (row index = position in the table)."""

    n: int
    id: np.ndarray
    inst: np.ndarray      # 0-based instansi
    jenis: np.ndarray     # index into JENIS_UNIT
    t: np.ndarray         # OPD template index of an OPD row, -1 otherwise
    opd_t: np.ndarray     # OPD template index of the unit's OPD
    opd_row: np.ndarray   # (k, n_opd): row of each OPD of each instansi, -1 if absent
    pkm: np.ndarray
    rsud: np.ndarray
    sekolah: np.ndarray
    smp: np.ndarray
    publik: np.ndarray
    opd_id: np.ndarray


def _lihat_unit(uk: pd.DataFrame, k: int) -> _Unit:
    opds, sub = opd_katalog(), subunit()
    inst = uk["instansi"].to_numpy(np.int64) - 1
    jenis = uk["jenis_unit"].astype("str").map(_U).to_numpy(np.int64)
    dasar = kode_dasar(uk["kode_unit"])
    t_of = {o["kode"]: o["urutan"] for o in opds}
    t = np.where(uk["adalah_opd"].to_numpy(bool), dasar.map(t_of).fillna(-1).to_numpy(np.int64), -1)
    opd_row = np.full((k, len(opds)), -1, np.int64)
    opd_row[inst[t >= 0], t[t >= 0]] = np.flatnonzero(t >= 0)
    opd_t = t[pd.Index(uk["unit_id"]).get_indexer(uk["opd_id"])]
    sekolah = jenis == _U["sekolah"]
    awalan_smp = next(j["awalan_kode"] for j in sub["sekolah"]["jenis"] if j["id"] == "smp") + "_"
    return _Unit(
        n=len(uk), id=uk["unit_id"].to_numpy(np.int64), inst=inst, jenis=jenis, t=t,
        opd_t=opd_t, opd_row=opd_row, pkm=jenis == _U["puskesmas"], rsud=jenis == _U["rsud"],
        sekolah=sekolah, smp=sekolah & dasar.str.startswith(awalan_smp).to_numpy(bool),
        publik=uk["melayani_publik"].to_numpy(bool), opd_id=uk["opd_id"].to_numpy(np.int64),
    )


@dataclass
class _Baris:
    """Columns of the ASN being built, one entry per person (row order = build order)."""

    unit: np.ndarray        # row in unit_kerja
    peran: np.ndarray       # KEPALA_OPD .. PELAKSANA
    jenis: np.ndarray       # index into JENIS_JABATAN (-1 = to decide)
    nama_kode: np.ndarray   # index into the position-name list (-1 = to decide)
    kelas: np.ndarray
    atasan: np.ndarray      # row of the superior; -1 none (Sekda); -2 to decide
    kepala_unit: np.ndarray

    @property
    def staf(self) -> np.ndarray:
        return self.peran >= GURU

    @property
    def rumpun(self) -> np.ndarray:
        out = np.full(len(self.peran), _R["umum"], np.int8)
        out[self.peran == GURU] = _R["guru"]
        out[self.peran == NAKES] = _R["kesehatan"]
        return out


@dataclass(frozen=True)
class _Pejabat:
    """Positions that other steps refer to: skeleton row per (instansi, template position)."""

    baris_kerangka: np.ndarray  # (k, P) -> row, -1 when not kept

    def kepala(self, t: int) -> np.ndarray:
        """Row of the head of OPD template ``t`` in each instansi."""
        return self.baris_kerangka[:, kerangka().kepala_opd[t]]


def _opd(kode: str) -> int:
    return next(o["urutan"] for o in opd_katalog() if o["kode"] == kode)


def _jabatan_kerangka(r: RencanaStruktur, u: _Unit, nama: _Nama) -> tuple[_Baris, _Pejabat]:
    """Skeleton positions, RSUD directors and pengawas (rows 0.. of the build order)."""
    kr, sub = kerangka(), subunit()
    k, P = r.k, len(kr)
    t_setda, t_dinkes = _opd("setda"), _opd(sub["rsud"]["induk"])
    inst_rep, pos_rep = np.repeat(np.arange(k), P), np.tile(np.arange(P), k)
    keep = kr.peringkat[pos_rep] < r.kerangka[inst_rep]
    sk_inst, sk_pos = inst_rep[keep], pos_rep[keep]
    n_sk = len(sk_pos)
    row_of = np.full((k, P), -1, np.int64)
    row_of[sk_inst, sk_pos] = np.arange(n_sk)
    pej = _Pejabat(row_of)
    sk_unit = u.opd_row[sk_inst, kr.opd[sk_pos]]
    # atasan: the nominal superior if kept, else the OPD head; heads report to the Sekda
    nominal = kr.atasan[sk_pos]
    at = np.where(nominal >= 0, row_of[sk_inst, np.maximum(nominal, 0)], -1)
    at = np.where((nominal >= 0) & (at < 0), row_of[sk_inst, kr.kepala_opd[kr.opd[sk_pos]]], at)
    is_kepala = kr.peran[sk_pos] == 0
    sekda = pej.kepala(t_setda)[sk_inst]
    at = np.where(is_kepala, np.where(kr.opd[sk_pos] == t_setda, -1, sekda), at)

    # RSUD directors: administrator, head of the RSUD, atasan the head of Dinkes
    rs_unit = np.flatnonzero(u.rsud)
    rs = sub["rsud"]["kepala"]
    n_rs = len(rs_unit)

    # pengawas, shared over owners by their listed subbagian/seksi (tiny weight for the
    # others so that a scenario asking for more pengawas still places them all)
    daftar = [x or tuple(bawaan()["pengawas_cadangan"]) for x in kr.nama_pengawas]
    daftar.append(tuple(rs["pengawas"]) or tuple(bawaan()["pengawas_cadangan"]))
    n_listed = np.array([len(x) for x in kr.nama_pengawas], np.float64)
    own_w = np.r_[np.maximum(n_listed[sk_pos], 1e-6), np.full(n_rs, float(len(rs["pengawas"])))]
    own_key = np.r_[sk_pos, np.full(n_rs, P)]  # which name list
    owner = np.repeat(np.arange(n_sk + n_rs),
                      sisa_terbesar(r.pengawas, np.r_[sk_inst, u.inst[rs_unit]], own_w))
    ke = dalam_kelompok(owner)
    uniq, inv = np.unique(own_key[owner] * 100_000 + ke, return_inverse=True)
    kode = []
    for c in uniq.tolist():  # loop over distinct (name list, position) pairs, not people
        lst, j = daftar[c // 100_000], c % 100_000
        kode.append(nama(lst[j % len(lst)] + ("" if j < len(lst) else f" {j // len(lst) + 1}")))
    n_pg = len(owner)

    b = _Baris(
        unit=np.r_[sk_unit, rs_unit, np.r_[sk_unit, rs_unit][owner]].astype(np.int64),
        peran=np.r_[np.choose(kr.peran[sk_pos], [KEPALA_OPD, JPT, ADMIN]),
                    np.full(n_rs, DIREKTUR), np.full(n_pg, PENGAWAS)].astype(np.int8),
        jenis=np.r_[kr.jenis_jabatan[sk_pos], np.full(n_rs, _J[rs["jenis_jabatan"]]),
                    np.full(n_pg, _J["pengawas"])].astype(np.int8),
        nama_kode=np.r_[nama.banyak(kr.nama)[sk_pos], np.full(n_rs, nama(rs["nama"])),
                        np.array(kode, np.int64)[inv] if n_pg else np.zeros(0, np.int64)],
        kelas=np.r_[kr.kelas[sk_pos], np.full(n_rs, int(rs["kelas_jabatan"])),
                    np.full(n_pg, int(bawaan()["pengawas"]["kelas_jabatan"]))].astype(np.int64),
        atasan=np.r_[at, pej.kepala(t_dinkes)[u.inst[rs_unit]], owner].astype(np.int64),
        kepala_unit=np.r_[is_kepala, np.ones(n_rs, bool), np.zeros(n_pg, bool)],
    )
    return b, pej


def _staf(r: RencanaStruktur, u: _Unit) -> tuple[np.ndarray, np.ndarray]:
    """Units and roles of guru, nakes, fungsional umum and pelaksana (counts from the plan)."""
    sub, opds = subunit(), opd_katalog()
    k = r.k

    def sebar(total: np.ndarray, rows: np.ndarray, w: np.ndarray,
              minimum: np.ndarray | int = 0) -> np.ndarray:
        return np.repeat(rows, sisa_terbesar(total, u.inst[rows], w, minimum))

    jenis_sek = {j["id"]: j for j in sub["sekolah"]["jenis"]}
    sek = np.flatnonzero(u.sekolah)
    guru = sebar(r.guru, sek, np.where(u.smp[sek], float(jenis_sek["smp"]["bobot_guru"]),
                                       float(jenis_sek["sd"]["bobot_guru"])), 1)

    pkm, rs = np.flatnonzero(u.pkm), np.flatnonzero(u.rsud)
    kantor = u.opd_row[:, _opd(sub["puskesmas"]["induk"])]
    n_pkm = np.bincount(u.inst[pkm], minlength=k)
    p_pkm = float(sub["puskesmas"]["porsi_nakes"])
    w_nakes = np.r_[p_pkm / np.maximum(n_pkm[u.inst[pkm]], 1),
                    np.full(len(rs), float(sub["rsud"]["porsi_nakes"])),
                    float(sub["kantor_dinkes"]["porsi_nakes"]) + np.where(n_pkm == 0, p_pkm, 0.0)]
    min_nakes = np.r_[np.ones(len(pkm) + len(rs), np.int64), np.zeros(k, np.int64)]
    nakes = sebar(r.nakes, np.r_[pkm, rs, kantor], w_nakes, min_nakes)

    opd = np.flatnonzero(u.t >= 0)
    bobot = {c: np.array([o[c] for o in opds], np.float64)[u.t[opd]]
             for c in ("bobot_fungsional", "bobot_pelaksana")}
    umum = sebar(r.fungsional_umum, opd, bobot["bobot_fungsional"])
    w_pel = np.r_[bobot["bobot_pelaksana"],
                  np.full(len(pkm), float(sub["puskesmas"]["bobot_pelaksana"])),
                  np.full(len(rs), float(sub["rsud"]["bobot_pelaksana"])),
                  np.full(len(sek), float(sub["sekolah"]["bobot_pelaksana"]))]
    pelaksana = sebar(r.pelaksana, np.r_[opd, pkm, rs, sek], w_pel)
    unit = np.r_[guru, nakes, umum, pelaksana].astype(np.int64)
    peran = np.repeat(np.array([GURU, NAKES, UMUM, PELAKSANA], np.int8),
                      [len(guru), len(nakes), len(umum), len(pelaksana)])
    return unit, peran


def _gabung(a: _Baris, unit: np.ndarray, peran: np.ndarray) -> _Baris:
    n = len(unit)
    jenis = np.full(n, -1, np.int8)
    jenis[peran == PELAKSANA] = _J["pelaksana"]
    jenis[peran == GURU] = _J["fungsional_keahlian"]  # every guru jenjang is keahlian
    return _Baris(
        unit=np.r_[a.unit, unit], peran=np.r_[a.peran, peran], jenis=np.r_[a.jenis, jenis],
        nama_kode=np.r_[a.nama_kode, np.full(n, -1, np.int64)],
        kelas=np.r_[a.kelas, np.zeros(n, np.int64)], atasan=np.r_[a.atasan, np.full(n, -2)],
        kepala_unit=np.r_[a.kepala_unit, np.zeros(n, bool)],
    )


def _status(b: _Baris, kom_s: Komposisi, rng: np.random.Generator) -> np.ndarray:
    """PPPK (exact share, never struktural) and keahlian/keterampilan of non-guru fungsional.

    Sets ``b.jenis`` of nakes and fungsional umum; returns the PPPK mask.
    """
    kom = komposisi()
    p = b.peran
    n = len(p)
    guru, nakes, umum, pel = p == GURU, p == NAKES, p == UMUM, p == PELAKSANA
    kp = kom["pppk"]["komposisi"]
    porsi = np.array([kp["guru"], kp["nakes"], kp["teknis"]], np.float64)
    batas = np.array([guru.sum(), nakes.sum(), (umum | pel).sum()], np.int64)
    target = _alokasi_berbatas(int(bulat_setengah_atas(kom_s.pppk * n)), porsi, batas)
    odds = kom["pppk"]["odds_teknis"]
    w_teknis = np.where(pel, float(odds["pelaksana"]), np.where(umum, float(odds["fungsional"]), 0.0))
    pppk = np.zeros(n, bool)
    for t_i, w in enumerate((guru.astype(float), nakes.astype(float), w_teknis)):
        pppk |= pilih_tepat(rng, int(target[t_i]), w)

    lain = nakes | umum
    fung = guru | lain
    t_ahli = int(np.clip(bulat_setengah_atas(kom_s.keahlian * fung.sum()) - guru.sum(),
                         0, lain.sum()))
    odds_k = kom["odds_keahlian"]
    w_k = np.where(nakes, float(odds_k["kesehatan"]), np.where(umum, float(odds_k["umum"]), 0.0))
    ahli = pilih_tepat(rng, t_ahli, w_k)
    b.jenis[lain & ahli] = _J["fungsional_keahlian"]
    b.jenis[lain & ~ahli] = _J["fungsional_keterampilan"]
    return pppk


def _golongan(b: _Baris, pppk: np.ndarray, kom_s: Komposisi,
              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Ruang 1..17 (PNS I/a..IV/e, PPPK I..XVII) and the jenjang of fungsional (-1 otherwise)."""
    kom = komposisi()
    _, gol_lbl, _ = _tabel_ruang()
    n = len(b.peran)
    jenis = b.jenis
    ruang = np.zeros(n, np.int64)
    struk = ~b.staf
    for jn, (lo_l, hi_l) in kom["rentang_struktural"].items():
        m = struk & (jenis == _J[jn])
        ruang[m] = rng.integers(_ordinal(lo_l), _ordinal(hi_l) + 1, m.sum())
    # PNS: exact golongan shares; IV only keahlian, I only pelaksana, II keterampilan/pelaksana
    pns = ~pppk
    gp = kom_s.golongan_pns
    gol_of_ruang = np.array([_GOL.index(g) for g in gol_lbl], np.int8)
    perlu = jumlah_porsi(int(pns.sum()), [gp.I, gp.II, gp.III, gp.IV])
    perlu = np.maximum(perlu - np.bincount(gol_of_ruang[ruang[struk & pns] - 1], minlength=4), 0)
    bebas = pns & b.staf
    perlu[2] += int(bebas.sum()) - int(perlu.sum())  # III absorbs what the rules cannot place
    gol = np.full(n, -1, np.int8)
    odds_iv = kom["odds_golongan_iv"]
    w_iv = np.where(bebas & (jenis == _J["fungsional_keahlian"]),
                    np.array([odds_iv[x] for x in RUMPUN], float)[b.rumpun], 0.0)
    gol[pilih_tepat(rng, int(perlu[3]), w_iv)] = 3
    gol[pilih_tepat(rng, int(perlu[0]), (bebas & (jenis == _J["pelaksana"])).astype(float))] = 0
    w_ii = bebas & (gol < 0) & np.isin(jenis, [_J["fungsional_keterampilan"], _J["pelaksana"]])
    gol[pilih_tepat(rng, int(perlu[1]), w_ii.astype(float))] = 1
    gol[bebas & (gol < 0)] = 2
    u = rng.random(n)
    for gi, g in enumerate(_GOL):
        m = gol == gi
        cw = np.cumsum(kom["sebaran_ruang"][g]) / np.sum(kom["sebaran_ruang"][g])
        ruang[m] = gol_lbl.index(g) + 1 + np.minimum(np.searchsorted(cw, u[m], side="right"),
                                                      len(cw) - 1)
    # PPPK: catalogue weights per kind of position
    kunci = np.full(n, -1, np.int64)
    kunci[pppk & (b.peran == GURU)] = 0
    kunci[pppk & (b.peran != GURU) & (jenis == _J["fungsional_keahlian"])] = 1
    kunci[pppk & (jenis == _J["fungsional_keterampilan"])] = 2
    kunci[pppk & (jenis == _J["pelaksana"])] = 3
    tabel = {}
    for i, nm in enumerate(("guru", "fungsional_keahlian", "fungsional_keterampilan", "pelaksana")):
        d = kom["pppk"]["golongan"][nm]
        tabel[i] = (np.array([_ordinal(x) for x in d], np.int64), np.array(list(d.values()), float))
    ruang[pppk] = _pilih_dari_tabel(rng, kunci[pppk], tabel)
    # jenjang of fungsional follows the ruang
    jenjang = np.full(n, -1, np.int8)
    for jn, peta in kom["jenjang_menurut_ruang"].items():
        lut = np.full(18, -1, np.int8)
        for jj, (lo, hi) in peta.items():
            lut[lo:hi + 1] = JENJANG_FUNGSIONAL.index(jj)
        m = jenis == _J[jn]
        jenjang[m] = lut[ruang[m]]
    if ((jenjang < 0) & np.isin(jenis, [_J["fungsional_keahlian"], _J["fungsional_keterampilan"]])).any():
        raise AssertionError("fungsional without jenjang: catalogue ranges are inconsistent")
    return ruang, jenjang


def _kepala_subunit(b: _Baris, u: _Unit, pej: _Pejabat, pns: np.ndarray, ruang: np.ndarray,
                    rng: np.random.Generator) -> None:
    """Head of each school (PNS guru with the highest ruang) and puskesmas (PNS nakes
    keahlian with the highest ruang), with their atasan (a Disdik kabid / the head of Dinkes)."""
    kr, sub = kerangka(), subunit()
    unit = b.unit
    inst = u.inst[unit]

    def pilih(calon: np.ndarray, skor: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(calon)
        if len(rows) == 0:
            return rows
        key = skor[rows] + rng.random(len(rows)) * 0.5  # random tie-break below one ruang step
        order = rows[np.lexsort((-key, unit[rows]))]
        return order[np.r_[True, unit[order][1:] != unit[order][:-1]]]

    ks = pilih((b.peran == GURU) & u.sekolah[unit], pns * 1000.0 + ruang * 10.0)
    b.kepala_unit[ks] = True
    tidak_ada = np.full(len(pej.baris_kerangka), -1)
    pembina = {m: pej.baris_kerangka[:, p] for p, m in enumerate(kr.membina) if m}
    pb = np.where(u.smp[unit[ks]], pembina.get("smp", tidak_ada)[inst[ks]],
                  pembina.get("sd", tidak_ada)[inst[ks]])
    kepala_disdik = pej.kepala(_opd(sub["sekolah"]["induk"]))
    b.atasan[ks] = np.where(pb >= 0, pb, kepala_disdik[inst[ks]])
    ahli = b.jenis == _J["fungsional_keahlian"]
    kp = pilih((b.peran == NAKES) & u.pkm[unit], pns * 1000.0 + ahli * 500.0 + ruang * 10.0)
    b.kepala_unit[kp] = True
    b.atasan[kp] = pej.kepala(_opd(sub["puskesmas"]["induk"]))[inst[kp]]


def _atasan_staf(b: _Baris, u: _Unit, rng: np.random.Generator) -> None:
    """A random superior in the same unit: pelaksana -> pengawas, else administrator, else
    the head; fungsional in OPD offices -> administrator, else the head; in the RSUD ->
    pengawas (seksi), else the director; in puskesmas and schools -> the head."""
    level = np.full(len(b.peran), -1, np.int64)
    level[b.peran == PENGAWAS] = 0
    level[b.peran == ADMIN] = 1
    level[b.kepala_unit] = 2
    sup = np.flatnonzero(level >= 0)
    sup = sup[np.argsort(b.unit[sup] * 3 + level[sup], kind="stable")]
    cnt = np.bincount(b.unit[sup] * 3 + level[sup], minlength=u.n * 3)
    start = np.r_[0, np.cumsum(cnt)[:-1]]
    butuh = b.staf & ~b.kepala_unit
    uu = b.unit[butuh]
    pel = b.peran[butuh] == PELAKSANA
    boleh = (pel | u.rsud[uu], (pel | ~u.rsud[uu]) & ~(u.pkm[uu] | u.sekolah[uu]),
             np.ones(len(uu), bool))
    lv = np.full(len(uu), -1, np.int64)
    for i in (0, 1, 2):
        lv = np.where((lv < 0) & boleh[i] & (cnt[uu * 3 + i] > 0), i, lv)
    key = uu * 3 + lv
    b.atasan[butuh] = sup[start[key] + np.floor(rng.random(len(uu)) * cnt[key]).astype(np.int64)]


def _nama_jabatan(b: _Baris, u: _Unit, ruang: np.ndarray, jenjang: np.ndarray, nama: _Nama,
                  rng: np.random.Generator) -> None:
    """Position names and kelas jabatan of guru, nakes, fungsional umum and pelaksana."""
    kom, jab = komposisi(), jabatan()
    label = kom["label_jenjang"]
    fung = np.isin(b.peran, [GURU, NAKES, UMUM])
    kelas_j = np.array([kom["kelas_jabatan_fungsional"][j] for j in JENJANG_FUNGSIONAL], np.int64)
    b.kelas[fung] = kelas_j[jenjang[fung]]
    m = b.peran == GURU
    lut = np.array([nama(f"{jab['guru']['nama']} {label[j]}") for j in JENJANG_FUNGSIONAL])
    b.nama_kode[m] = lut[jenjang[m]]
    # nakes (list per kind of unit) and fungsional umum (OPD list + general list)
    daftar: dict[int, list[dict]] = {i: jab["kesehatan"][nm]
                                     for i, nm in enumerate(("puskesmas", "rsud", "dinas"))}
    for o in opd_katalog():
        daftar[10 + o["urutan"]] = list(o["jf_umum"]) + list(jab["umum"])
    kunci = np.full(len(b.peran), -1, np.int64)
    m = b.peran == NAKES
    kunci[m] = np.where(u.pkm[b.unit[m]], 0, np.where(u.rsud[b.unit[m]], 1, 2))
    m = b.peran == UMUM
    kunci[m] = 10 + u.opd_t[b.unit[m]]
    basis = np.full(len(b.peran), -1, np.int64)
    for jn in ("keahlian", "keterampilan"):
        tabel = {}
        for key, lst in daftar.items():
            ok = [e for e in lst if e.get(jn)]
            tabel[key] = (nama.banyak([e["nama"] for e in ok]), np.array([float(e[jn]) for e in ok]))
        m = (kunci >= 0) & (b.jenis == _J[f"fungsional_{jn}"])
        basis[m] = _pilih_dari_tabel(rng, kunci[m], tabel)
    m = basis >= 0
    if m.any():
        combo = basis[m] * 16 + jenjang[m]
        uniq, inv = np.unique(combo, return_inverse=True)
        kode = [nama(f"{nama.daftar[c // 16]} {label[JENJANG_FUNGSIONAL[c % 16]]}")
                for c in uniq.tolist()]
        b.nama_kode[m] = np.array(kode, np.int64)[inv]
    # pelaksana: by ruang (PermenPANRB 45/2022 names)
    kat = jab["pelaksana"]
    tabel = {}
    for rv in range(1, 18):
        ok = [i for i, e in enumerate(kat) if e["ruang"][0] <= rv <= e["ruang"][1]]
        tabel[rv] = (np.array(ok, np.int64), np.array([float(kat[i]["bobot"]) for i in ok]))
    m = b.peran == PELAKSANA
    pilih = _pilih_dari_tabel(rng, ruang[m], tabel)
    b.nama_kode[m] = nama.banyak([e["nama"] for e in kat])[pilih]
    b.kelas[m] = np.array([e["kelas_jabatan"] for e in kat], np.int64)[pilih]


def _perempuan(b: _Baris, kom_s: Komposisi, rng: np.random.Generator) -> np.ndarray:
    """Exactly round(perempuan x n) women, more likely in guru/nakes (catalogue odds)."""
    o = komposisi()["odds_perempuan"]
    w = np.where(~b.staf, o["struktural"],
                 np.choose(np.clip(b.peran - GURU, 0, 3),
                           [o["guru"], o["kesehatan"], o["umum"], o["pelaksana"]]))
    return pilih_tepat(rng, int(bulat_setengah_atas(kom_s.perempuan * len(w))), w.astype(float))


def _melayani_publik(b: _Baris, u: _Unit) -> np.ndarray:
    gd = garda_depan()
    cocok = np.zeros((len(JENIS_UNIT), len(RUMPUN)), bool)
    for ju in JENIS_UNIT:
        for rp in gd.get(ju, gd["lainnya"]):
            cocok[_U[ju], _R[rp]] = True
    return u.publik[b.unit] & b.staf & ~b.kepala_unit & cocok[u.jenis[b.unit], b.rumpun]


def build_employees(scenario: ScenarioLike, unit_kerja: pd.DataFrame, rng: np.random.Generator,
                    names: np.random.Generator | None = None) -> pd.DataFrame:
    """The ``pegawai`` table for ``unit_kerja`` (made by :func:`build_units` from the same
    scenario). ``rng`` draws everything but the names; ``names`` (a separate stream) draws the
    names, so a change of name pools never moves any other draw. Row order: by unit, heads
    first; ``asn_id`` = row number from 1.
    """
    sc = baca_skenario_populasi(scenario)
    kom_s = sc.populasi.komposisi
    r = rencana_struktur(sc)
    names = names if names is not None else np.random.default_rng(rng.integers(2**63))
    nama = _Nama()
    u = _lihat_unit(unit_kerja, r.k)
    pos, pej = _jabatan_kerangka(r, u, nama)
    b = _gabung(pos, *_staf(r, u))
    pppk = _status(b, kom_s, rng)
    ruang, jenjang = _golongan(b, pppk, kom_s, rng)
    _kepala_subunit(b, u, pej, ~pppk, ruang, rng)
    _atasan_staf(b, u, rng)
    _nama_jabatan(b, u, ruang, jenjang, nama, rng)
    perempuan = _perempuan(b, kom_s, rng)
    lahir, tmt = _tanggal(rng, ruang, pppk, b.jenis, ~b.staf)
    publik = _melayani_publik(b, u)

    # order: by unit, heads first, then by role; asn_id = row number
    n = len(b.unit)
    role = np.where(b.kepala_unit, 0, b.peran.astype(np.int64) + 1)
    order = np.lexsort((np.arange(n), role, u.id[b.unit]))
    pos_baru = np.empty(n, np.int64)
    pos_baru[order] = np.arange(n)
    at = b.atasan[order]
    atasan_id = pd.array(np.where(at >= 0, pos_baru[np.maximum(at, 0)] + 1, 0), dtype="Int64")
    atasan_id[at < 0] = pd.NA
    jk = np.where(perempuan[order], "P", "L")
    status = np.where(pppk[order], "PPPK", "PNS")
    ruang_lbl, _, pppk_lbl = _tabel_ruang()
    gol_kode = ruang[order] - 1 + np.where(pppk[order], len(ruang_lbl), 0)
    pangkat = [x["pangkat"] for x in komposisi()["ruang_pns"]] + [None] * len(pppk_lbl)
    lahir, tmt = lahir[order], tmt[order]
    unit = b.unit[order]
    df = pd.DataFrame({
        "asn_id": np.arange(1, n + 1, dtype=np.int64),
        "nip": angka(nip_angka(lahir, tmt, jk, status)),
        "nama": draw_names(jk, names),
        "jenis_kelamin": pd.Categorical(jk, categories=JENIS_KELAMIN),
        "tanggal_lahir": lahir.astype("datetime64[us]"),
        "tmt_cpns": tmt.astype("datetime64[us]"),
        "status_kepegawaian": pd.Categorical(status, categories=STATUS),
        "golongan": teks_dari_kode(ruang_lbl + pppk_lbl, gol_kode),
        "pangkat": teks_dari_kode(pangkat, gol_kode),
        "jenis_jabatan": pd.Categorical.from_codes(b.jenis[order], categories=JENIS_JABATAN),
        "jenjang": pd.Categorical.from_codes(jenjang[order], categories=JENJANG_FUNGSIONAL),
        "rumpun": pd.Categorical.from_codes(b.rumpun[order], categories=RUMPUN),
        "nama_jabatan": teks_dari_kode(nama.daftar, b.nama_kode[order]),
        "kelas_jabatan": b.kelas[order],
        "unit_id": u.id[unit],
        "opd_id": u.opd_id[unit],
        "atasan_id": atasan_id,
        "kepala_unit": b.kepala_unit[order],
        "melayani_publik": publik[order],
    })
    return df[PEGAWAI.column_names]


def _tanggal(rng: np.random.Generator, ruang: np.ndarray, pppk: np.ndarray, jenis: np.ndarray,
             struk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Birth date and TMT CPNS / calon PPPK (datetime64[D]) consistent with the ruang."""
    kom = komposisi()
    n = len(ruang)
    ref = np.datetime64(str(kom["tanggal_acuan"]), "D")
    ref_m = ref.astype("datetime64[M]").astype(np.int64)
    hari_tahun = 365.2425  # Gregorian mean year
    usia = kom["usia"]
    lahir = np.zeros(n, "datetime64[D]")
    tmt = np.zeros(n, "datetime64[D]")

    # PNS: entry ruang by education (weights per kind of position), never above the ruang now;
    # years of service = steps x years per ruang + extra, capped so the age stays in range
    cfg = kom["pns"]
    masuk = cfg["masuk"]
    lvl_ruang = np.array([_ordinal(m["ruang"]) for m in masuk], np.int64)
    lvl_lo = np.array([m["usia"][0] for m in masuk], float)
    lvl_hi = np.array([m["usia"][1] for m in masuk], float)
    kind = np.where(struk, 0, np.where(jenis == _J["fungsional_keahlian"], 1,
                                       np.where(jenis == _J["fungsional_keterampilan"], 2, 3)))
    tabel = {i: (np.arange(len(masuk)), np.array(cfg["bobot_masuk"][nm], float)) for i, nm in
             enumerate(("struktural", "fungsional_keahlian", "fungsional_keterampilan", "pelaksana"))}
    p = ~pppk
    n_p = int(p.sum())
    lvl = _pilih_dari_tabel(rng, kind[p], tabel)
    lvl = np.minimum(lvl, np.searchsorted(lvl_ruang, ruang[p], side="right") - 1)
    tahun = (ruang[p] - lvl_ruang[lvl]) * rng.uniform(*cfg["tahun_per_ruang"], n_p) \
        + rng.uniform(*cfg["tambahan_masa_kerja"], n_p)
    umur_masuk = rng.uniform(lvl_lo[lvl], lvl_hi[lvl])
    min_kerja = float(cfg["masa_kerja_min"])
    batas = usia["maks"] - umur_masuk - rng.uniform(*cfg["jeda_usia_maks"], n_p)
    tahun = np.clip(tahun, min_kerja, np.maximum(batas, min_kerja))
    sebulan = 1 / 12  # guard: months differ in length, so keep a month inside the limits
    umur_masuk = np.clip(umur_masuk, usia["min"] + sebulan - tahun, usia["maks"] - sebulan - tahun)
    tmt_p = (ref_m - np.ceil(tahun * 12).astype(np.int64)).astype("datetime64[M]").astype("datetime64[D]")
    tmt[p] = tmt_p
    lahir[p] = tmt_p - np.round(umur_masuk * hari_tahun).astype("timedelta64[D]")

    # PPPK: TMT year by weights, month uniform; age at TMT uniform
    q = pppk
    pk = kom["pppk"]
    th = pk["tahun_tmt"]
    tahun_q = _pilih_dari_tabel(rng, np.zeros(q.sum(), np.int64),
                                {0: (np.array(list(th), np.int64), np.array(list(th.values()), float))})
    tmt_m = np.minimum((tahun_q - 1970) * 12 + rng.integers(0, 12, q.sum()), ref_m - 1)
    tmt_q = tmt_m.astype("datetime64[M]").astype("datetime64[D]")
    tmt[q] = tmt_q
    lahir[q] = tmt_q - np.round(rng.uniform(*pk["usia_tmt"], q.sum()) * hari_tahun).astype("timedelta64[D]")
    return lahir, tmt
