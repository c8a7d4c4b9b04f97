"""Individual performance indicators (IKI) of the synthetic SKP, driven by the truth.

Each ASN gets ``indikator.jumlah_min``..``jumlah_maks`` distinct indicators drawn from the
catalogue ``data/indikator.yaml`` (by unit type, OPD, jabatan and rumpun), weights that sum
to 1, a target and a realisation. The achievement ratio is

    a = exp(sensitivitas * hasil_benar + kemudahan(opd) + noise_sd * e),   e ~ N(0, 1)

with kemudahan = ``kemudahan_target`` + ``kemudahan_per_opd[kode OPD]``. For ``arah naik``
the realisation is ``target * a``; for ``arah turun`` (lower is better, e.g. waiting time) it
is ``target / a``, so a better performer shows a *lower* value. The capaian of PermenPANRB
8/2021 is then R/T (naik) or 2 - R/T (turun).

PP 46/2011 columns (Perka BKN 1/2013): ``target_kualitas`` = 100 and ``realisasi_kualitas``
(0-100) from the truth; ``target_waktu``/``realisasi_waktu`` in months (a better performer
needs less time); ``target_biaya``/``realisasi_biaya`` in Rupiah only where the catalogue
marks the activity as budgeted (else null). PP 46 knows only "more output is better": a rule
that scores an ``arah turun`` indicator under PP 46 should use the inverted ratio T/R x 100 as
its kuantitas (the output "level reached"); the table keeps realisasi in natural units.

>>> from simkit.population.indicators import katalog_indikator
>>> kat = katalog_indikator()
>>> "Rata-rata waktu tunggu pasien" in set(kat.nama)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.pengukuran import (
    DATA,
    baris_id,
    bingkai_skema,
    kode_opd,
    kode_unit_dasar,
    konstanta,
    nilai_kebenaran,
    per_opd,
    wajib_kolom,
)
from simkit.population.schema import ARAH, ASPEK_IKI, IKI, JENIS_JABATAN, JENIS_UNIT, RUMPUN
from simkit.population.teks import teks_dari_kode
from simkit.scenario import Scenario
from simkit.yamlloc import line_of, read_yaml_file

BERKAS_KATALOG = DATA / "indikator.yaml"
_KUNCI_SYARAT = ("jenis_unit", "jenis_jabatan", "rumpun", "opd", "kepala_unit")
_KUNCI_INDIKATOR = ("nama", "satuan", "arah", "aspek", "target", "desimal", "biaya",
                    "realisasi_maks")
_PERSEN = "%"


@dataclass(frozen=True)
class KatalogIndikator:
    """The indicator catalogue as arrays (one entry per indicator) plus its groups."""

    nama: np.ndarray
    satuan: np.ndarray
    turun: np.ndarray
    aspek: np.ndarray
    target_min: np.ndarray
    target_maks: np.ndarray
    desimal: np.ndarray
    biaya: np.ndarray
    realisasi_maks: np.ndarray
    kelompok: np.ndarray
    kelompok_id: tuple[str, ...]
    berlaku: tuple[tuple[dict, ...], ...]
    bobot_pilih: np.ndarray


def _masalah(lines: dict, path: tuple, kode: str = "nilai_tidak_valid",
             diharapkan: str | None = None, ditemukan: str | None = None) -> Masalah:
    """A problem located at ``path`` of the catalogue file."""
    return Masalah(kode, berkas=str(BERKAS_KATALOG), baris=line_of(lines, path),
                   bidang=".".join(str(p) for p in path), diharapkan=diharapkan,
                   ditemukan=ditemukan)


def _cek_syarat(syarat: object, path: tuple, lines: dict, out: list[Masalah]) -> dict:
    if not isinstance(syarat, dict):
        out.append(_masalah(lines, path, diharapkan="{jenis_unit: [...], ...}"))
        return {}
    allowed = {"jenis_unit": JENIS_UNIT, "jenis_jabatan": JENIS_JABATAN, "rumpun": RUMPUN}
    for key, val in syarat.items():
        if key not in _KUNCI_SYARAT:
            out.append(_masalah(lines, (*path, key), kode="bidang_tidak_dikenal",
                                diharapkan=", ".join(_KUNCI_SYARAT)))
        elif key == "kepala_unit":
            if not isinstance(val, bool):
                out.append(_masalah(lines, (*path, key), diharapkan="true/false",
                                    ditemukan=repr(val)))
        elif not isinstance(val, list) or not val:
            out.append(_masalah(lines, (*path, key), diharapkan="[...]", ditemukan=repr(val)))
        elif key in allowed:
            for v in val:
                if v not in allowed[key]:
                    out.append(_masalah(lines, (*path, key), diharapkan=", ".join(allowed[key]),
                                        ditemukan=repr(v)))
    return syarat


def _cek_indikator(ind: object, path: tuple, lines: dict, out: list[Masalah]) -> bool:
    if not isinstance(ind, dict):
        out.append(_masalah(lines, path, diharapkan="{nama, satuan, arah, ...}"))
        return False
    ok = True
    for key in ind:
        if key not in _KUNCI_INDIKATOR:
            out.append(_masalah(lines, (*path, key), kode="bidang_tidak_dikenal",
                                diharapkan=", ".join(_KUNCI_INDIKATOR)))
            ok = False
    for key in _KUNCI_INDIKATOR[:-1]:
        if key not in ind:
            out.append(_masalah(lines, (*path, key), kode="bidang_wajib"))
            ok = False
    if not ok:
        return False
    checks = [
        ("arah", ind["arah"] in ARAH, ", ".join(ARAH)),
        ("aspek", ind["aspek"] in ASPEK_IKI, ", ".join(ASPEK_IKI)),
        ("desimal", isinstance(ind["desimal"], int) and 0 <= ind["desimal"] <= 4, "0..4"),
        ("biaya", isinstance(ind["biaya"], bool), "true/false"),
    ]
    t = ind["target"]
    t_ok = (isinstance(t, list) and len(t) == 2 and all(isinstance(x, int | float) for x in t)
            and 0 < t[0] <= t[1] and (ind["satuan"] != _PERSEN or t[1] <= 100))
    checks.append(("target", t_ok, "[min, maks], 0 < min <= maks"))
    for key, good, expected in checks:
        if not good:
            out.append(_masalah(lines, (*path, key), diharapkan=expected,
                                ditemukan=repr(ind[key])))
            ok = False
    return ok


@cache
def katalog_indikator() -> KatalogIndikator:
    """Load and check ``data/indikator.yaml``; every mistake is a located error."""
    data, lines = read_yaml_file(BERKAS_KATALOG)
    problems: list[Masalah] = []
    groups = data.get("kelompok") if isinstance(data, dict) else None
    if not isinstance(groups, list) or not groups:
        raise SimkitError(_masalah(lines, ("kelompok",), kode="bidang_wajib"))
    if len(groups) > 62:
        raise SimkitError(_masalah(lines, ("kelompok",), diharapkan="<= 62 kelompok",
                                   ditemukan=str(len(groups))))
    rows: list[tuple[dict, int]] = []
    ids: list[str] = []
    berlaku: list[tuple[dict, ...]] = []
    bobot: list[float] = []
    seen: set[str] = set()
    for g, grp in enumerate(groups):
        gp = ("kelompok", g)
        if not isinstance(grp, dict) or not {"id", "berlaku", "indikator"} <= set(grp):
            problems.append(_masalah(lines, gp, kode="bidang_wajib",
                                     diharapkan="id, berlaku, indikator"))
            continue
        ids.append(str(grp["id"]))
        syarat = grp["berlaku"] if isinstance(grp["berlaku"], list) else [grp["berlaku"]]
        berlaku.append(tuple(_cek_syarat(s, (*gp, "berlaku", i), lines, problems)
                             for i, s in enumerate(syarat)))
        w = grp.get("bobot_pilih", 1.0)
        if not isinstance(w, int | float) or w <= 0:
            problems.append(_masalah(lines, (*gp, "bobot_pilih"), diharapkan="> 0",
                                     ditemukan=repr(w)))
            w = 1.0
        bobot.append(float(w))
        for i, ind in enumerate(grp["indikator"] or []):
            ip = (*gp, "indikator", i)
            if _cek_indikator(ind, ip, lines, problems):
                if ind["nama"] in seen:
                    problems.append(_masalah(lines, (*ip, "nama"), kode="nilai_tidak_valid",
                                             diharapkan="nama unik", ditemukan=repr(ind["nama"])))
                seen.add(ind["nama"])
                rows.append((ind, len(ids) - 1))
    if problems:
        raise SimkitError(problems)
    batas_persen = float(konstanta()["indikator"]["batas_persen"])

    def col(key: str, dtype: object = object) -> np.ndarray:
        return np.array([r[key] for r, _ in rows], dtype=dtype)

    maks = np.array([float(r.get("realisasi_maks", np.inf)) for r, _ in rows])
    satuan = col("satuan")
    maks = np.where(satuan == _PERSEN, np.minimum(maks, batas_persen), maks)
    return KatalogIndikator(
        nama=col("nama"),
        satuan=satuan,
        turun=col("arah") == "turun",
        aspek=np.array([ASPEK_IKI.index(r["aspek"]) for r, _ in rows], dtype=np.int8),
        target_min=np.array([float(r["target"][0]) for r, _ in rows]),
        target_maks=np.array([float(r["target"][1]) for r, _ in rows]),
        desimal=col("desimal", np.int64),
        biaya=col("biaya", bool),
        realisasi_maks=maks,
        kelompok=np.array([g for _, g in rows], dtype=np.int64),
        kelompok_id=tuple(ids),
        berlaku=tuple(berlaku),
        bobot_pilih=np.array(bobot),
    )


def _kode(values: pd.Series | np.ndarray, categories: tuple[str, ...]) -> np.ndarray:
    arr = values.array if isinstance(values, pd.Series) else values
    if isinstance(arr, pd.Categorical) and tuple(arr.categories) == tuple(categories):
        return arr.codes  # already coded in this vocabulary
    return pd.Categorical(values, categories=categories).codes


def _salah_satu(kode: np.ndarray, kosakata: tuple[str, ...], nilai: list[str]) -> np.ndarray:
    """``kode`` (codes in ``kosakata``, -1 = missing) is one of ``nilai``: a lookup table."""
    lut = np.zeros(len(kosakata) + 1, dtype=bool)  # the last entry serves code -1
    lut[[kosakata.index(v) for v in nilai]] = True
    return lut[kode]


def _keanggotaan(kat: KatalogIndikator, pegawai: pd.DataFrame, unit_kerja: pd.DataFrame,
                 unit_pos: np.ndarray, opd_pos: np.ndarray) -> np.ndarray:
    """Bit key per ASN: bit g set when catalogue group g applies to that ASN."""
    n = len(pegawai)
    jenis_unit = _kode(unit_kerja["jenis_unit"], JENIS_UNIT)[unit_pos]
    jabatan = _kode(pegawai["jenis_jabatan"], JENIS_JABATAN)
    rumpun = _kode(pegawai["rumpun"], RUMPUN)
    kepala = pegawai["kepala_unit"].to_numpy(dtype=bool)
    kode_per_unit, kode = pd.factorize(kode_unit_dasar(unit_kerja))  # few distinct codes
    di_opd = kode_per_unit[opd_pos]
    key = np.zeros(n, dtype=np.int64)
    for g, syarat_list in enumerate(kat.berlaku):
        hit = np.zeros(n, dtype=bool)
        for syarat in syarat_list:
            m = np.ones(n, dtype=bool)
            if "jenis_unit" in syarat:
                m &= _salah_satu(jenis_unit, JENIS_UNIT, syarat["jenis_unit"])
            if "jenis_jabatan" in syarat:
                m &= _salah_satu(jabatan, JENIS_JABATAN, syarat["jenis_jabatan"])
            if "rumpun" in syarat:
                m &= _salah_satu(rumpun, RUMPUN, syarat["rumpun"])
            if "kepala_unit" in syarat:
                m &= kepala == syarat["kepala_unit"]
            if "opd" in syarat:  # a keyword anywhere in the OPD's code (per distinct code)
                pola = re.compile("|".join(re.escape(str(k).lower()) for k in syarat["opd"]))
                m &= np.array([pola.search(k) is not None for k in kode], dtype=bool)[di_opd]
            hit |= m
        key |= hit.astype(np.int64) << g
    return key


def _pilih_indikator(kat: KatalogIndikator, key: np.ndarray, jumlah: np.ndarray, jmax: int,
                     rng: np.random.Generator) -> np.ndarray:
    """(n, jmax) catalogue indices, -1 in unused slots; weighted sampling without replacement.

    Loops over the distinct group profiles (few), never over ASN. ``jumlah`` is capped at the
    size of the profile's pool in place.
    """
    n = len(key)
    chosen = np.full((n, jmax), -1, dtype=np.int32)
    profiles, inverse = np.unique(key, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(profiles) + 1))
    for p, prof in enumerate(profiles):
        members = order[bounds[p]:bounds[p + 1]]
        pool = np.flatnonzero((int(prof) >> kat.kelompok) & 1)  # indicators of its groups
        if len(pool) == 0:
            jumlah[members] = 0
            continue
        w = kat.bobot_pilih[kat.kelompok[pool]].astype(np.float32)
        # Efraimidis-Spirakis: smallest Exp(1)/w first = weighted draw without replacement
        keys = rng.standard_exponential((len(members), len(pool)), dtype=np.float32) / w
        take = min(jmax, len(pool))
        idx = np.argsort(keys, axis=1, kind="stable")[:, :take]
        chosen[members, :take] = pool[idx]
        jumlah[members] = np.minimum(jumlah[members], len(pool))
    slot = np.arange(jmax)
    chosen[slot[None, :] >= jumlah[:, None]] = -1
    return chosen


def _bobot(jumlah: np.ndarray, jmax: int, rng: np.random.Generator) -> np.ndarray:
    """(n, jmax) weights summing exactly to 1 per row (largest-remainder rounding)."""
    k = konstanta()["indikator"]
    skala = 10 ** int(k["bobot_desimal"])
    mask = np.arange(jmax)[None, :] < jumlah[:, None]
    raw = rng.uniform(float(k["bobot_min"]), float(k["bobot_maks"]), size=(len(jumlah), jmax))
    raw = np.where(mask, raw, 0.0)
    tot = raw.sum(axis=1, keepdims=True)
    x = np.divide(raw, tot, out=np.zeros_like(raw), where=tot > 0) * skala
    base = np.floor(x)
    kurang = (skala - base.sum(axis=1)).astype(np.int64)
    kurang[jumlah == 0] = 0
    rem = np.where(mask, x - base, -1.0)
    order = np.argsort(-rem, axis=1, kind="stable")
    tambah = np.arange(jmax)[None, :] < kurang[:, None]  # the largest remainders get +1
    np.put_along_axis(base, order, np.take_along_axis(base, order, axis=1) + tambah, axis=1)
    return base / skala


@dataclass(frozen=True)
class StrukturIki:
    """The SKP of every position: which indicators, their weights and targets (one entry per
    IKI row). It is what carries over from year to year (:mod:`simkit.population.periode`):
    a position keeps its indicators, whoever holds it; only the targets move."""

    who: np.ndarray
    """Row -> position of the employee in ``pegawai``."""
    ind: np.ndarray
    """Row -> catalogue index (:func:`katalog_indikator`)."""
    bobot: np.ndarray
    target: np.ndarray
    kemudahan: np.ndarray
    """Row -> target easing of the employee's OPD (``indikator.kemudahan_*``)."""
    dasar: np.ndarray | None = None
    """The targets the realisations are drawn around (year 1's; ``None``: ``target``). A
    later year's target (raised by the ratchet) changes the capaian, not what is achieved."""
    teks: dict[str, pd.Series] = field(default_factory=dict, compare=False, repr=False)
    """The indicators' names and units as text, made once per SKP (a year measured again
    reuses them)."""

    def dengan_target(self, target: np.ndarray) -> StrukturIki:
        """The same SKP with new targets (clipped to the catalogue's bounds of a value)."""
        kat = katalog_indikator()
        skala = (10.0 ** kat.desimal)[self.ind]
        t = np.clip(bulat_setengah_atas(target * skala) / skala, 1.0 / skala,
                    kat.realisasi_maks[self.ind])
        return StrukturIki(self.who, self.ind, self.bobot, t, self.kemudahan,
                           self.target_dasar, self.teks)

    @property
    def target_dasar(self) -> np.ndarray:
        """:attr:`dasar`, or the targets themselves."""
        return self.target if self.dasar is None else self.dasar

    def teks_kolom(self, kolom: str) -> pd.Series:
        """``nama`` or ``satuan`` of every row, as text (made once)."""
        if kolom not in self.teks:
            kat = katalog_indikator()
            self.teks[kolom] = teks_dari_kode(getattr(kat, kolom), self.ind)
        return self.teks[kolom]


def struktur_iki(scenario: Scenario, pegawai: pd.DataFrame, unit_kerja: pd.DataFrame,
                 rng: np.random.Generator) -> StrukturIki:
    """Draw the SKP of every employee: 3-6 indicators of the catalogue, weights, targets."""
    wajib_kolom(pegawai, "pegawai", ("asn_id", "unit_id", "opd_id", "jenis_jabatan", "rumpun",
                                     "kepala_unit"))
    wajib_kolom(unit_kerja, "unit_kerja", ("unit_id", "kode_unit", "jenis_unit"))
    cfg = scenario.indikator
    kat = katalog_indikator()
    n = len(pegawai)
    unit_index = pd.Index(unit_kerja["unit_id"])
    unit_pos = baris_id(pegawai["unit_id"], unit_index, "pegawai", "unit_id", "unit_tidak_dikenal")
    opd_pos = baris_id(pegawai["opd_id"], unit_index, "pegawai", "opd_id", "unit_tidak_dikenal")
    kemudahan = cfg.kemudahan_target + per_opd(kode_opd(pegawai["opd_id"], unit_kerja),
                                               cfg.kemudahan_per_opd, 0.0)

    # -- which indicators, how many, which weights (matrices n x jmax)
    jmax = int(cfg.jumlah_maks)
    jumlah = rng.integers(cfg.jumlah_min, jmax + 1, size=n)
    chosen = _pilih_indikator(kat, _keanggotaan(kat, pegawai, unit_kerja, unit_pos, opd_pos),
                              jumlah, jmax, rng)
    bobot_m = _bobot(jumlah, jmax, rng)
    who, slot = np.nonzero(chosen >= 0)
    ind = chosen[who, slot]
    m = len(ind)
    skala = (10.0 ** kat.desimal)[ind]
    lo, hi, cap = kat.target_min[ind], kat.target_maks[ind], kat.realisasi_maks[ind]
    target = bulat_setengah_atas((lo + rng.random(m) * (hi - lo)) * skala) / skala
    target = np.clip(target, 1.0 / skala, cap)
    return StrukturIki(who, ind, bobot_m[who, slot], target, kemudahan[who])


def realisasi_benar(scenario: Scenario, struktur: StrukturIki, hasil: np.ndarray,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``(reported, achieved)`` value of every IKI row (natural units, at its decimals).

    ``a = exp(sensitivitas * hasil + kemudahan + noise_sd * e)``; achieved ``T * a`` for arah
    naik, ``T / a`` for arah turun, ``T`` the SKP's :attr:`StrukturIki.target_dasar`; a share
    ``tepat_target`` is reported exactly on the (current) target.
    ``hasil``: the employee's measured true results, per position.
    """
    cfg = scenario.indikator
    k = konstanta()["indikator"]
    kat = katalog_indikator()
    ind, target, dasar = struktur.ind, struktur.target, struktur.target_dasar
    m = len(ind)
    skala = (10.0 ** kat.desimal)[ind]
    cap = kat.realisasi_maks[ind]
    a = np.exp(cfg.sensitivitas * hasil[struktur.who] + struktur.kemudahan
               + cfg.noise_sd * rng.standard_normal(m))
    capai = np.where(kat.turun[ind], dasar / a, dasar * a)
    lapor = np.where(rng.random(m) < float(k["tepat_target"]), target, capai)

    def bulat(x: np.ndarray) -> np.ndarray:
        return np.clip(bulat_setengah_atas(np.minimum(x, cap) * skala) / skala, 0.0, None)

    return bulat(lapor), bulat(capai)


def iki_dari_struktur(scenario: Scenario, pegawai: pd.DataFrame, struktur: StrukturIki,
                      hasil: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """The ``iki`` table of an SKP: realisations from ``hasil`` (per position, see
    :func:`realisasi_benar`), then the PP 46/2011 aspects, all drawn from ``rng``. The
    achieved values (before a share is written down as the target) are in
    ``attrs["realisasi_capai"]``."""
    k = konstanta()["indikator"]
    kat = katalog_indikator()
    ind, who = struktur.ind, struktur.who
    m = len(ind)
    real, capai = realisasi_benar(scenario, struktur, hasil, rng)
    h = hasil[who]

    # -- PP 46/2011 aspects (Perka BKN 1/2013)
    kual = bulat_setengah_atas(float(k["kualitas_rata"]) + float(k["kualitas_per_z"]) * h
                               + float(k["kualitas_noise"]) * rng.standard_normal(m))
    kual = np.clip(kual, 0.0, float(k["kualitas_target"]))
    bulan = np.asarray(k["waktu_target_bulan"], dtype=np.float64)
    kumulatif = np.cumsum(np.asarray(k["waktu_target_peluang"], dtype=np.float64))
    pilih = np.searchsorted(kumulatif / kumulatif[-1], rng.random(m), side="right")
    tw = bulan[np.minimum(pilih, len(bulan) - 1)]
    rw = bulat_setengah_atas(tw * np.exp(-float(k["waktu_per_z"]) * h
                                         + float(k["waktu_noise"]) * rng.standard_normal(m)))
    rw = np.maximum(rw, float(k["waktu_min_bulan"]))
    biaya = np.flatnonzero(kat.biaya[ind])  # only budgeted activities have a biaya
    rp = float(k["biaya_pembulatan"])
    tb, rb = np.full(m, np.nan), np.full(m, np.nan)
    tb[biaya] = bulat_setengah_atas(rng.uniform(float(k["biaya_target_min"]),
                                                float(k["biaya_target_maks"]), len(biaya)) / rp) * rp
    hemat = np.exp(-float(k["biaya_serapan"]) - float(k["biaya_per_z"]) * h[biaya]
                   + float(k["biaya_noise"]) * rng.standard_normal(len(biaya)))
    rb[biaya] = bulat_setengah_atas(tb[biaya] * hemat / rp) * rp

    asn_ids = pegawai["asn_id"].to_numpy()
    cols = {
        "iki_id": np.arange(1, m + 1, dtype=np.int32),
        "asn_id": asn_ids[who].astype(np.int32),
        "nama_indikator": struktur.teks_kolom("nama"),
        "satuan": struktur.teks_kolom("satuan"),
        "arah": pd.Categorical.from_codes(kat.turun[ind].astype(np.int8), categories=list(ARAH)),
        "target": struktur.target,
        "realisasi": real,
        "bobot": struktur.bobot,
        "aspek": pd.Categorical.from_codes(kat.aspek[ind], categories=list(ASPEK_IKI)),
        "target_kualitas": np.full(m, float(k["kualitas_target"])),
        "realisasi_kualitas": kual,
        "target_waktu": tw,
        "realisasi_waktu": rw,
        "target_biaya": tb,
        "realisasi_biaya": rb,
    }
    out = bingkai_skema(cols, IKI)
    out.attrs["realisasi_capai"] = capai
    return out


def build_iki(scenario: Scenario, pegawai: pd.DataFrame, unit_kerja: pd.DataFrame,
              kebenaran: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The ``iki`` table: 3-6 indicators per ASN with targets and truth-driven realisations.

    ``unit_kerja`` must carry ``kode_unit``; ``kebenaran`` gives ``hasil_benar`` per ASN.
    The SKP (:func:`struktur_iki`) then its measurement (:func:`iki_dari_struktur`), from
    one stream.

    >>> # iki = build_iki(scenario, pegawai, unit_kerja, kebenaran, np.random.default_rng(1))
    >>> # iki.groupby("asn_id")["bobot"].sum()  -> 1.0 for every ASN
    """
    struktur = struktur_iki(scenario, pegawai, unit_kerja, rng)
    hasil = nilai_kebenaran(pegawai["asn_id"], kebenaran, "asn_id", "hasil_benar", "kebenaran")
    iki = iki_dari_struktur(scenario, pegawai, struktur, hasil, rng)
    iki.attrs.clear()  # the population's table carries no extras
    return iki
