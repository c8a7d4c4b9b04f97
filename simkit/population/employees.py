"""The ``pegawai`` table: one row per ASN, placed in the units of :func:`build_units`.

How the people are made (every number from the catalogues in ``data/`` or the scenario):

1. **Positions.** Each kept skeleton position (:func:`~simkit.population.units.kerangka`) is
   one ASN: the Sekda (the top, no atasan), kepala OPD (atasan: Sekda), asisten, sekretaris,
   kepala bidang/bagian, camat and sekretaris camat. Each RSUD gets a director
   (administrator, atasan: kepala Dinkes). Pengawas fill the struktural share of the scenario
   (``komposisi.jenis_jabatan.struktural``), shared over the administrators by their listed
   subbagian/seksi; when the skeleton alone exceeds that share it is kept anyway (the share
   is then above target; see ``acuan.porsi_kerangka_maks`` for small populations).
2. **Staff** per instansi, counts from :func:`~simkit.population.units.rencana`: guru in
   schools (>= 1 each, SMP weighted more), nakes in puskesmas (>= 1 each) / RSUD / the Dinkes
   office, fungsional umum and pelaksana in OPD offices by catalogue weights (pelaksana also in
   puskesmas, RSUD and schools).
3. **PPPK** (exact share ``komposisi.pppk``): never struktural; split guru / nakes / teknis in
   the proportions of Mamuju's 2024 PPPK (247/91/296, REFERENCE 7), teknis mostly pelaksana.
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

import numpy as np
import pandas as pd

from simkit.population.alokasi import dalam_kelompok, jumlah_porsi, pilih_tepat, sisa_terbesar
from simkit.population.catalogue import (
    bawaan,
    garda_depan,
    jabatan,
    kode_dasar,
    komposisi,
    opd_katalog,
    subunit,
)
from simkit.population.names import draw_names
from simkit.population.nip import make_nip
from simkit.population.schema import (
    JENIS_JABATAN,
    JENIS_KELAMIN,
    JENIS_UNIT,
    JENJANG_FUNGSIONAL,
    PEGAWAI,
    RUMPUN,
    STATUS,
)
from simkit.population.units import ScenarioLike, kerangka, rencana
from simkit.scenario import load_scenario

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


def build_employees(scenario: ScenarioLike, unit_kerja: pd.DataFrame, rng: np.random.Generator,
                    names: np.random.Generator | None = None) -> pd.DataFrame:
    """The ``pegawai`` table for ``unit_kerja`` (made by :func:`build_units` from the same
    scenario). ``rng`` draws everything but the names; ``names`` (a separate stream) draws the
    names, so a change of name pools never moves any other draw. Row order: by unit, heads
    first; ``asn_id`` = row number from 1.
    """
    sc = load_scenario(scenario)
    kom_s = sc.populasi.komposisi
    r = rencana(sc)
    kr = kerangka()
    kom, jab, sub, opds = komposisi(), jabatan(), subunit(), opd_katalog()
    names = names if names is not None else np.random.default_rng(rng.integers(2**63))
    nama = _Nama()
    k, P, nt = r.k, len(kr), len(opds)

    # ------------------------------------------------------------------ unit lookups
    uk = unit_kerja
    n_unit = len(uk)
    u_inst = uk["instansi"].to_numpy(np.int64) - 1
    u_jenis = uk["jenis_unit"].astype("str").map(_U).to_numpy(np.int64)
    u_dasar = kode_dasar(uk["kode_unit"])
    t_of = {o["kode"]: o["urutan"] for o in opds}
    u_t = np.where(uk["adalah_opd"].to_numpy(bool),
                   u_dasar.map(t_of).fillna(-1).to_numpy(np.int64), -1)
    opd_row = np.full((k, nt), -1, np.int64)
    is_opd = u_t >= 0
    opd_row[u_inst[is_opd], u_t[is_opd]] = np.flatnonzero(is_opd)
    u_opd_row = pd.Index(uk["unit_id"]).get_indexer(uk["opd_id"])
    u_opd_t = u_t[u_opd_row]
    is_pkm = u_jenis == _U["puskesmas"]
    is_rsud = u_jenis == _U["rsud"]
    is_sek = u_jenis == _U["sekolah"]
    jenis_sek = {j["id"]: j for j in sub["sekolah"]["jenis"]}
    sek_smp = is_sek & u_dasar.str.startswith(jenis_sek["smp"]["awalan_kode"] + "_").to_numpy(bool)
    t_setda = t_of["setda"]
    t_dinkes = t_of[sub["puskesmas"]["induk"]]
    t_disdik = t_of[sub["sekolah"]["induk"]]

    # ------------------------------------------------------------------ 1. skeleton
    inst_rep = np.repeat(np.arange(k), P)
    pos_rep = np.tile(np.arange(P), k)
    keep = kr.peringkat[pos_rep] < r.kerangka[inst_rep]
    sk_inst, sk_pos = inst_rep[keep], pos_rep[keep]
    n_sk = len(sk_pos)
    sk_row_of = np.full((k, P), -1, np.int64)
    sk_row_of[sk_inst, sk_pos] = np.arange(n_sk)
    sk_unit = opd_row[sk_inst, kr.opd[sk_pos]]
    kepala_pos = kr.kepala_opd[kr.opd[sk_pos]]
    nominal = kr.atasan[sk_pos]
    at = np.where(nominal >= 0, sk_row_of[sk_inst, np.maximum(nominal, 0)], -1)
    at = np.where((nominal >= 0) & (at < 0), sk_row_of[sk_inst, kepala_pos], at)
    sekda = sk_row_of[sk_inst, kr.kepala_opd[t_setda]]
    is_kepala = kr.peran[sk_pos] == 0
    at = np.where(is_kepala, np.where(kr.opd[sk_pos] == t_setda, -1, sekda), at)
    sk_peran = np.choose(kr.peran[sk_pos], [KEPALA_OPD, JPT, ADMIN]).astype(np.int8)
    sk_nama = nama.banyak(kr.nama)[sk_pos]

    # RSUD directors
    rs_unit = np.flatnonzero(is_rsud)
    rs_inst = u_inst[rs_unit]
    rs_kepala = sub["rsud"]["kepala"]
    kepala_dinkes = sk_row_of[:, kr.kepala_opd[t_dinkes]]  # per instansi (row in skeleton)

    # pengawas over owners: skeleton rows and directors (weight = listed names; tiny weight
    # for everyone else so a population needing more pengawas still places them)
    n_names = np.array([len(x) for x in kr.nama_pengawas], np.float64)
    eps = 1e-6
    own_w = np.r_[np.maximum(n_names[sk_pos], eps), np.full(len(rs_unit), len(rs_kepala["pengawas"]))]
    own_inst = np.r_[sk_inst, rs_inst]
    own_row = np.arange(n_sk + len(rs_unit))  # rows in the (skeleton + directors) block
    own_unit = np.r_[sk_unit, rs_unit]
    own_key = np.r_[sk_pos, np.full(len(rs_unit), P)]  # which name list
    cnt = sisa_terbesar(r.pengawas, own_inst, own_w)
    pg_owner = np.repeat(own_row, cnt)
    pg_k = dalam_kelompok(pg_owner)
    cadangan = tuple(bawaan()["pengawas_cadangan"])
    daftar_nama = [x or cadangan for x in kr.nama_pengawas] + [tuple(rs_kepala["pengawas"]) or cadangan]
    kombinasi = own_key[pg_owner] * 100_000 + pg_k
    uniq, inv = np.unique(kombinasi, return_inverse=True)
    kode_u = []
    for c in uniq.tolist():
        lst, j = daftar_nama[c // 100_000], c % 100_000
        kode_u.append(nama(lst[j % len(lst)] + ("" if j < len(lst) else f" {j // len(lst) + 1}")))
    pg_nama = np.array(kode_u, np.int64)[inv] if len(uniq) else np.zeros(0, np.int64)

    # ------------------------------------------------------------------ 2. staff counts
    def staf(total: np.ndarray, rows: np.ndarray, w: np.ndarray, minimum: np.ndarray | int = 0):
        c = sisa_terbesar(total, u_inst[rows], w, minimum)
        return np.repeat(rows, c)

    sek_rows = np.flatnonzero(is_sek)
    w_guru = np.where(sek_smp[sek_rows], float(jenis_sek["smp"]["bobot_guru"]),
                      float(jenis_sek["sd"]["bobot_guru"]))
    guru_unit = staf(r.guru, sek_rows, w_guru, 1)

    pkm_rows = np.flatnonzero(is_pkm)
    kantor_dinkes = opd_row[:, t_dinkes]
    n_pkm = np.bincount(u_inst[pkm_rows], minlength=k)
    p_pkm = float(sub["puskesmas"]["porsi_nakes"])
    nk_rows = np.r_[pkm_rows, rs_unit, kantor_dinkes]
    nk_w = np.r_[p_pkm / np.maximum(n_pkm[u_inst[pkm_rows]], 1),
                 np.full(len(rs_unit), float(sub["rsud"]["porsi_nakes"])),
                 float(sub["kantor_dinkes"]["porsi_nakes"]) + np.where(n_pkm == 0, p_pkm, 0.0)]
    nk_min = np.r_[np.ones(len(pkm_rows) + len(rs_unit), np.int64), np.zeros(k, np.int64)]
    nakes_unit = staf(r.nakes, nk_rows, nk_w, nk_min)

    opd_rows = np.flatnonzero(is_opd)
    w_fung = np.array([o["bobot_fungsional"] for o in opds], np.float64)[u_t[opd_rows]]
    umum_unit = staf(r.fungsional_umum, opd_rows, w_fung)

    w_pel_opd = np.array([o["bobot_pelaksana"] for o in opds], np.float64)[u_t[opd_rows]]
    pl_rows = np.r_[opd_rows, pkm_rows, rs_unit, sek_rows]
    pl_w = np.r_[w_pel_opd, np.full(len(pkm_rows), float(sub["puskesmas"]["bobot_pelaksana"])),
                 np.full(len(rs_unit), float(sub["rsud"]["bobot_pelaksana"])),
                 np.full(len(sek_rows), float(sub["sekolah"]["bobot_pelaksana"]))]
    pel_unit = staf(r.pelaksana, pl_rows, pl_w)

    # ------------------------------------------------------------------ assemble rows
    n_rs, n_pg = len(rs_unit), len(pg_owner)
    staff_unit = np.r_[guru_unit, nakes_unit, umum_unit, pel_unit]
    staff_peran = np.repeat(np.array([GURU, NAKES, UMUM, PELAKSANA], np.int8),
                            [len(guru_unit), len(nakes_unit), len(umum_unit), len(pel_unit)])
    head_block = n_sk + n_rs
    unit = np.r_[sk_unit, rs_unit, own_unit[pg_owner], staff_unit].astype(np.int64)
    n = len(unit)
    inst = u_inst[unit]
    peran = np.r_[sk_peran, np.full(n_rs, DIREKTUR, np.int8), np.full(n_pg, PENGAWAS, np.int8),
                  staff_peran]
    jenis = np.full(n, -1, np.int8)
    jenis[:n_sk] = kr.jenis_jabatan[sk_pos]
    jenis[n_sk:head_block] = _J[rs_kepala["jenis_jabatan"]]
    jenis[head_block:head_block + n_pg] = _J["pengawas"]
    jenis[peran == PELAKSANA] = _J["pelaksana"]
    jenis[peran == GURU] = _J["fungsional_keahlian"]
    rumpun = np.full(n, _R["umum"], np.int8)
    rumpun[peran == GURU] = _R["guru"]
    rumpun[peran == NAKES] = _R["kesehatan"]
    nama_kode = np.full(n, -1, np.int64)
    nama_kode[:n_sk] = sk_nama
    nama_kode[n_sk:head_block] = nama(rs_kepala["nama"])
    nama_kode[head_block:head_block + n_pg] = pg_nama
    kelas = np.zeros(n, np.int64)
    kelas[:n_sk] = kr.kelas[sk_pos]
    kelas[n_sk:head_block] = int(rs_kepala["kelas_jabatan"])
    kelas[head_block:head_block + n_pg] = int(bawaan()["pengawas"]["kelas_jabatan"])
    atasan = np.full(n, -2, np.int64)  # -1 = none (Sekda), -2 = not yet known
    atasan[:n_sk] = at
    atasan[n_sk:head_block] = kepala_dinkes[rs_inst]
    atasan[head_block:head_block + n_pg] = pg_owner  # own_row indexes the first two blocks
    kepala_unit = np.zeros(n, bool)
    kepala_unit[:n_sk] = is_kepala
    kepala_unit[n_sk:head_block] = True
    staff = peran >= GURU

    # ------------------------------------------------------------------ 3. PPPK
    pppk = np.zeros(n, bool)
    komp_pppk = kom["pppk"]["komposisi"]
    porsi = np.array([komp_pppk["guru"], komp_pppk["nakes"], komp_pppk["teknis"]], np.float64)
    teknis = (peran == UMUM) | (peran == PELAKSANA)
    batas = np.array([(peran == GURU).sum(), (peran == NAKES).sum(), teknis.sum()], np.int64)
    target = _alokasi_berbatas(int(np.floor(kom_s.pppk * n + 0.5)), porsi, batas)
    odds_t = kom["pppk"]["odds_teknis"]
    for t_i, w in enumerate([
        (peran == GURU).astype(float), (peran == NAKES).astype(float),
        np.where(peran == PELAKSANA, float(odds_t["pelaksana"]),
                 np.where(peran == UMUM, float(odds_t["fungsional"]), 0.0)),
    ]):
        pppk |= pilih_tepat(rng, int(target[t_i]), w)

    # ------------------------------------------------------------------ 4. keahlian
    fung = (peran == GURU) | (peran == NAKES) | (peran == UMUM)
    n_guru = int((peran == GURU).sum())
    lain = (peran == NAKES) | (peran == UMUM)
    t_keahlian = int(np.clip(np.floor(kom_s.keahlian * fung.sum() + 0.5) - n_guru, 0, lain.sum()))
    odds_k = kom["odds_keahlian"]
    w_k = np.where(peran == NAKES, float(odds_k["kesehatan"]),
                   np.where(peran == UMUM, float(odds_k["umum"]), 0.0))
    ahli = pilih_tepat(rng, t_keahlian, w_k)
    jenis[lain & ahli] = _J["fungsional_keahlian"]
    jenis[lain & ~ahli] = _J["fungsional_keterampilan"]

    # ------------------------------------------------------------------ 5. golongan (ruang 1..17)
    ruang_lbl, gol_lbl, pppk_lbl = _tabel_ruang()
    gol_of_ruang = np.array([_GOL.index(g) for g in gol_lbl], np.int8)  # index by ruang-1
    ruang = np.zeros(n, np.int64)
    struk = ~staff
    rentang = kom["rentang_struktural"]
    for jn in ("jpt_pratama", "administrator", "pengawas"):
        m = struk & (jenis == _J[jn])
        lo, hi = (_ordinal(x) for x in rentang[jn])
        ruang[m] = rng.integers(lo, hi + 1, m.sum())
    pns = ~pppk
    n_pns = int(pns.sum())
    gp = kom_s.golongan_pns
    c = jumlah_porsi(n_pns, [gp.I, gp.II, gp.III, gp.IV])
    s_g = np.bincount(gol_of_ruang[ruang[struk & pns] - 1], minlength=4)
    need = np.maximum(c - s_g, 0)
    need[2] += int((pns & staff).sum()) - int(need.sum())  # III absorbs the difference
    gol = np.full(n, -1, np.int8)
    bebas = pns & staff
    ahli_pns = bebas & (jenis == _J["fungsional_keahlian"])
    odds_iv = kom["odds_golongan_iv"]
    w_iv = np.where(ahli_pns, np.array([odds_iv[x] for x in RUMPUN], float)[rumpun], 0.0)
    gol[pilih_tepat(rng, int(need[3]), w_iv)] = 3
    pel_pns = bebas & (jenis == _J["pelaksana"])
    gol[pilih_tepat(rng, int(need[0]), pel_pns.astype(float))] = 0
    w_ii = (bebas & (gol < 0) & ((jenis == _J["fungsional_keterampilan"]) | (jenis == _J["pelaksana"])))
    gol[pilih_tepat(rng, int(need[1]), w_ii.astype(float))] = 1
    gol[bebas & (gol < 0)] = 2
    sebaran = kom["sebaran_ruang"]
    first_ruang = {g: gol_lbl.index(g) + 1 for g in _GOL}
    u = rng.random(n)
    for gi, g in enumerate(_GOL):
        m = gol == gi
        cw = np.cumsum(sebaran[g]) / np.sum(sebaran[g])
        ruang[m] = first_ruang[g] + np.minimum(np.searchsorted(cw, u[m], side="right"), len(cw) - 1)
    # PPPK golongan by catalogue weights per kind of position
    tab_pppk = kom["pppk"]["golongan"]
    kunci = np.full(n, -1, np.int64)
    kunci[pppk & (peran == GURU)] = 0
    kunci[pppk & (peran != GURU) & (jenis == _J["fungsional_keahlian"])] = 1
    kunci[pppk & (jenis == _J["fungsional_keterampilan"])] = 2
    kunci[pppk & (jenis == _J["pelaksana"])] = 3
    tabel = {}
    for i, nm in enumerate(("guru", "fungsional_keahlian", "fungsional_keterampilan", "pelaksana")):
        d = tab_pppk[nm]
        tabel[i] = (np.array([_ordinal(x) for x in d], np.int64), np.array(list(d.values()), float))
    m = kunci >= 0
    ruang[m] = _pilih_dari_tabel(rng, kunci[m], tabel)

    # jenjang of fungsional from ruang
    jenjang = np.full(n, -1, np.int8)
    for jn, peta in kom["jenjang_menurut_ruang"].items():
        lut = np.full(18, -1, np.int8)
        for jj, (lo, hi) in peta.items():
            lut[lo:hi + 1] = JENJANG_FUNGSIONAL.index(jj)
        m = jenis == _J[jn]
        jenjang[m] = lut[ruang[m]]

    # ------------------------------------------------------------------ 6. heads of sub-units
    def pilih_kepala(calon: np.ndarray, skor: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(calon)
        if len(rows) == 0:
            return rows
        key = skor[rows] + rng.random(len(rows)) * 0.5
        order = rows[np.lexsort((-key, unit[rows]))]
        first = np.r_[True, unit[order][1:] != unit[order][:-1]]
        return order[first]

    ks = pilih_kepala((peran == GURU) & is_sek[unit], pns * 1000.0 + ruang * 10.0)
    kepala_unit[ks] = True
    membina = {m: sk_row_of[:, p] for p, m in enumerate(kr.membina) if m}
    pembina_sd = membina.get("sd", np.full(k, -1))
    pembina_smp = membina.get("smp", np.full(k, -1))
    kepala_disdik = sk_row_of[:, kr.kepala_opd[t_disdik]]
    pb = np.where(sek_smp[unit[ks]], pembina_smp[inst[ks]], pembina_sd[inst[ks]])
    atasan[ks] = np.where(pb >= 0, pb, kepala_disdik[inst[ks]])
    kp = pilih_kepala((peran == NAKES) & is_pkm[unit],
                      pns * 1000.0 + (jenis == _J["fungsional_keahlian"]) * 500.0 + ruang * 10.0)
    kepala_unit[kp] = True
    atasan[kp] = kepala_dinkes[inst[kp]]

    # ------------------------------------------------------------------ 7. atasan of staff
    level = np.full(n, -1, np.int64)
    level[peran == PENGAWAS] = 0
    level[peran == ADMIN] = 1
    level[kepala_unit] = 2
    sup = np.flatnonzero(level >= 0)
    skey = unit[sup] * 3 + level[sup]
    sup = sup[np.argsort(skey, kind="stable")]
    skey_sorted = unit[sup] * 3 + level[sup]
    cnt_s = np.bincount(skey_sorted, minlength=n_unit * 3)
    start_s = np.r_[0, np.cumsum(cnt_s)[:-1]]
    butuh = staff & ~kepala_unit
    uu = unit[butuh]
    sub_unit = is_pkm[uu] | is_sek[uu]
    pel = peran[butuh] == PELAKSANA
    boleh = {
        0: pel | (is_rsud[uu] & ~pel),
        1: (pel | ~is_rsud[uu]) & ~sub_unit,
        2: np.ones(len(uu), bool),
    }
    pilihan = np.full(len(uu), -1, np.int64)
    for lv in (0, 1, 2):
        ada = cnt_s[uu * 3 + lv] > 0
        pilihan = np.where((pilihan < 0) & boleh[lv] & ada, lv, pilihan)
    kk = uu * 3 + pilihan
    idx = start_s[kk] + np.floor(rng.random(len(uu)) * cnt_s[kk]).astype(np.int64)
    atasan[butuh] = sup[idx]

    # ------------------------------------------------------------------ nama & kelas jabatan
    label = kom["label_jenjang"]
    kelas_f = kom["kelas_jabatan_fungsional"]
    jenjang_kelas = np.array([kelas_f[j] for j in JENJANG_FUNGSIONAL], np.int64)
    m = fung
    kelas[m] = jenjang_kelas[jenjang[m]]
    # guru
    lut_guru = np.array([nama(f"{jab['guru']['nama']} {label[j]}") for j in JENJANG_FUNGSIONAL])
    m = peran == GURU
    nama_kode[m] = lut_guru[jenjang[m]]
    # nakes and fungsional umum: base name per (list, keahlian?) then + jenjang label
    daftar: dict[int, list[dict]] = {}
    kunci = np.full(n, -1, np.int64)
    nk_kind = np.where(is_pkm[unit], 0, np.where(is_rsud[unit], 1, 2))
    for i, nm in enumerate(("puskesmas", "rsud", "dinas")):
        daftar[i] = jab["kesehatan"][nm]
    m = peran == NAKES
    kunci[m] = nk_kind[m]
    for o in opds:
        daftar[10 + o["urutan"]] = list(o["jf_umum"]) + list(jab["umum"])
    m = peran == UMUM
    kunci[m] = 10 + u_opd_t[unit[m]]
    basis = np.full(n, -1, np.int64)
    for kat, jn in ((0, "keahlian"), (1, "keterampilan")):
        tabel = {}
        for key, lst in daftar.items():
            ok = [e for e in lst if e.get(jn)]
            tabel[key] = (nama.banyak([e["nama"] for e in ok]),
                          np.array([float(e[jn]) for e in ok], float))
        jm = _J["fungsional_keahlian"] if kat == 0 else _J["fungsional_keterampilan"]
        m = (kunci >= 0) & (jenis == jm)
        basis[m] = _pilih_dari_tabel(rng, kunci[m], tabel)
    m = basis >= 0
    if m.any():
        combo = basis[m] * 16 + jenjang[m]
        uniq, inv = np.unique(combo, return_inverse=True)
        kode_c = np.array([nama(f"{nama.daftar[c // 16]} {label[JENJANG_FUNGSIONAL[c % 16]]}")
                           for c in uniq.tolist()], np.int64)
        nama_kode[m] = kode_c[inv]
    # pelaksana: by ruang
    pl_cat = jab["pelaksana"]
    pl_nama = nama.banyak([e["nama"] for e in pl_cat])
    pl_kelas = np.array([e["kelas_jabatan"] for e in pl_cat], np.int64)
    tabel = {}
    for rv in range(1, 18):
        ok = [i for i, e in enumerate(pl_cat) if e["ruang"][0] <= rv <= e["ruang"][1]]
        tabel[rv] = (np.array(ok, np.int64), np.array([float(pl_cat[i]["bobot"]) for i in ok]))
    m = peran == PELAKSANA
    pilih = _pilih_dari_tabel(rng, ruang[m], tabel)
    nama_kode[m] = pl_nama[pilih]
    kelas[m] = pl_kelas[pilih]

    # ------------------------------------------------------------------ 8. women
    odds_p = kom["odds_perempuan"]
    w_p = np.where(struk, odds_p["struktural"],
                   np.choose(np.clip(peran - GURU, 0, 3),
                             [odds_p["guru"], odds_p["kesehatan"], odds_p["umum"], odds_p["pelaksana"]]))
    perempuan = pilih_tepat(rng, int(np.floor(kom_s.perempuan * n + 0.5)), w_p.astype(float))

    # ------------------------------------------------------------------ dates
    lahir, tmt = _tanggal(rng, ruang, pppk, jenis, struk)

    # ------------------------------------------------------------------ melayani publik
    gd = garda_depan()
    rump_ok = np.zeros((len(JENIS_UNIT), len(RUMPUN)), bool)
    for ju in JENIS_UNIT:
        for rp in gd.get(ju, gd["lainnya"]):
            rump_ok[_U[ju], _R[rp]] = True
    publik = uk["melayani_publik"].to_numpy(bool)[unit] & staff & ~kepala_unit & \
        rump_ok[u_jenis[unit], rumpun]

    # ------------------------------------------------------------------ order, ids, frame
    role = np.where(kepala_unit, 0, peran.astype(np.int64) + 1)
    uid = uk["unit_id"].to_numpy(np.int64)
    order = np.lexsort((np.arange(n), role, uid[unit]))
    pos = np.empty(n, np.int64)
    pos[order] = np.arange(n)
    atasan_o = atasan[order]
    atasan_id = pd.array(np.where(atasan_o >= 0, pos[np.maximum(atasan_o, 0)] + 1, 0), dtype="Int64")
    atasan_id[atasan_o < 0] = pd.NA
    jk = np.where(perempuan[order], "P", "L")
    status = np.where(pppk[order], "PPPK", "PNS")
    ruang_o = ruang[order]
    lbl_pns = np.array([""] + ruang_lbl, dtype=object)
    lbl_pppk = np.array([""] + pppk_lbl, dtype=object)
    pangkat = np.array([None] + [r_["pangkat"] for r_ in kom["ruang_pns"]], dtype=object)
    golongan = np.where(pppk[order], lbl_pppk[ruang_o], lbl_pns[ruang_o])
    lahir_o, tmt_o = lahir[order], tmt[order]
    nip = make_nip(lahir_o, tmt_o, jk, status)
    nama_orang = draw_names(jk, names)
    jenjang_o = jenjang[order]
    daftar_nama = np.array(nama.daftar, dtype=object)
    df = pd.DataFrame({
        "asn_id": np.arange(1, n + 1, dtype=np.int64),
        "nip": pd.Series(nip, dtype="str"),
        "nama": nama_orang,
        "jenis_kelamin": pd.Categorical(jk, categories=JENIS_KELAMIN),
        "tanggal_lahir": lahir_o.astype("datetime64[us]"),
        "tmt_cpns": tmt_o.astype("datetime64[us]"),
        "status_kepegawaian": pd.Categorical(status, categories=STATUS),
        "golongan": pd.Series(golongan, dtype="str"),
        "pangkat": pd.Series(np.where(pppk[order], None, pangkat[ruang_o]), dtype="str"),
        "jenis_jabatan": pd.Categorical.from_codes(jenis[order], categories=JENIS_JABATAN),
        "jenjang": pd.Categorical.from_codes(jenjang_o, categories=JENJANG_FUNGSIONAL),
        "rumpun": pd.Categorical.from_codes(rumpun[order], categories=RUMPUN),
        "nama_jabatan": pd.Series(daftar_nama[nama_kode[order]], dtype="str"),
        "kelas_jabatan": kelas[order],
        "unit_id": uid[unit[order]],
        "opd_id": uk["opd_id"].to_numpy(np.int64)[unit[order]],
        "atasan_id": atasan_id,
        "kepala_unit": kepala_unit[order],
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
    hari_tahun = 365.2425
    usia = kom["usia"]
    lahir = np.zeros(n, "datetime64[D]")
    tmt = np.zeros(n, "datetime64[D]")

    # PNS: entry ruang by education (weights per kind of position), never above the ruang now
    pns_cfg = kom["pns"]
    masuk = pns_cfg["masuk"]
    lvl_ruang = np.array([_ordinal(m["ruang"]) for m in masuk], np.int64)
    lvl_lo = np.array([m["usia"][0] for m in masuk], float)
    lvl_hi = np.array([m["usia"][1] for m in masuk], float)
    kind = np.where(struk, 0, np.where(jenis == _J["fungsional_keahlian"], 1,
                                       np.where(jenis == _J["fungsional_keterampilan"], 2, 3)))
    bm = pns_cfg["bobot_masuk"]
    tabel = {i: (np.arange(len(masuk)), np.array(bm[nm], float)) for i, nm in
             enumerate(("struktural", "fungsional_keahlian", "fungsional_keterampilan", "pelaksana"))}
    p = ~pppk
    lvl = _pilih_dari_tabel(rng, kind[p], tabel)
    maks = np.searchsorted(lvl_ruang, ruang[p], side="right") - 1
    lvl = np.minimum(lvl, maks)
    langkah = ruang[p] - lvl_ruang[lvl]
    a, b = pns_cfg["tahun_per_ruang"]
    c, d = pns_cfg["tambahan_masa_kerja"]
    tahun = langkah * rng.uniform(a, b, p.sum()) + rng.uniform(c, d, p.sum())
    umur_masuk = rng.uniform(lvl_lo[lvl], lvl_hi[lvl])
    batas = usia["maks"] - umur_masuk - 0.1 - rng.uniform(0, 3, p.sum())
    tahun = np.clip(tahun, 1 / 6, np.maximum(batas, 1 / 6))
    umur_masuk = np.maximum(umur_masuk, usia["min"] + 0.05 - tahun)
    umur_masuk = np.minimum(umur_masuk, usia["maks"] - 0.1 - tahun)
    tmt_m = ref_m - np.ceil(tahun * 12).astype(np.int64)
    tmt_p = tmt_m.astype("datetime64[M]").astype("datetime64[D]")
    tmt[p] = tmt_p
    lahir[p] = tmt_p - np.round(umur_masuk * hari_tahun).astype("timedelta64[D]")

    # PPPK: TMT year by weights, month uniform; age at TMT uniform
    q = pppk
    pk = kom["pppk"]
    th = pk["tahun_tmt"]
    tahun_q = _pilih_dari_tabel(rng, np.zeros(q.sum(), np.int64),
                                {0: (np.array(list(th), np.int64), np.array(list(th.values()), float))})
    bulan = rng.integers(0, 12, q.sum())
    tmt_m = (tahun_q - 1970) * 12 + bulan
    tmt_m = np.minimum(tmt_m, ref_m - 1)
    tmt_q = tmt_m.astype("datetime64[M]").astype("datetime64[D]")
    lo, hi = pk["usia_tmt"]
    umur = rng.uniform(lo, hi, q.sum())
    tmt[q] = tmt_q
    lahir[q] = tmt_q - np.round(umur * hari_tahun).astype("timedelta64[D]")
    return lahir, tmt
