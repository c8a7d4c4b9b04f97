"""Several years of one synthetic population: yearly streams, turnover and each year's tables.

The population layer of the multi-year model (the engine is
:mod:`simkit.orchestration.periode`). All randomness is here, from the scenario seed:

- **Streams.** Year 1 is :func:`simkit.population.generate` itself. Year ``t`` >= 2 draws from
  ``SeedSequence(seed, spawn_key=(TAG_PERIODE, t))`` (the periodic evaluation ``p`` of year
  ``t`` from ``spawn_key=(TAG_PERIODE, t, p)``), split into the named streams of
  :data:`simkit.population.generate.STREAMS` (:func:`aliran_tahun`). The same year gives the
  same streams whatever the rule, so rules are compared on common random numbers.
- **Positions** are the rows of year 1's ``pegawai`` and never change (unit, jabatan, atasan,
  the SKP of :class:`~simkit.population.indicators.StrukturIki`). **People** move through
  them: :func:`mutasi_tahun` retires those at the batas usia pensiun of their position (PP
  11/2017 Pasal 239-240, constants in ``data/pengukuran.yaml`` section ``periode``), lets a
  share leave for other reasons, moves a share to another position of the same kind, and
  fills every empty position with a newcomer. Its result ``asal`` maps each position to the
  position its holder held last year (-1: a newcomer), so every per-person array is carried
  with one index (:meth:`Mutasi.bawa`).
- **A year's tables** (:func:`ukur_tahun`) come from the state (true results per position,
  the SKP with this year's targets, the raters' leniency, the units' survey practice and
  reported waiting-time figures) through the generator's own functions.

>>> g = aliran_tahun(7, 2)
>>> sorted(g)[:3], aliran_tahun(7, 2)["iki"].random() == g["iki"].random()
(['iki', 'kebenaran', 'nama'], True)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.kosakata import PREDIKAT
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.alokasi import jumlah_porsi
from simkit.population.behaviour import (
    BiasPenilai,
    build_penilaian_perilaku,
    build_perilaku_aspek,
    leniensi_penilai,
)
from simkit.population.catalogue import komposisi, model_kebenaran
from simkit.population.generate import aliran_tahap
from simkit.population.indicators import (
    StrukturIki,
    iki_dari_struktur,
    katalog_indikator,
    struktur_iki,
)
from simkit.population.model import Population
from simkit.population.names import draw_names
from simkit.population.nip import make_nip
from simkit.population.organisasi import build_kinerja_organisasi
from simkit.population.pengukuran import konstanta
from simkit.population.survey import build_skm
from simkit.population.truth import baku
from simkit.scenario import Scenario

TAG_PERIODE = 0x7E71
"""First spawn-key word of the yearly streams (year 1 is ``generate``'s own)."""

KOLOM_ORANG = ("asn_id", "nip", "nama", "jenis_kelamin", "tanggal_lahir", "tmt_cpns")
"""Columns of ``pegawai`` that belong to the person (the rest belong to the position)."""


def aliran_tahun(seed: int, tahun: int, periode: int | None = None
                 ) -> dict[str, np.random.Generator]:
    """The named streams of year ``tahun`` >= 2 (or of its periodic evaluation ``periode``)."""
    kunci = (TAG_PERIODE, int(tahun)) if periode is None else (TAG_PERIODE, int(tahun),
                                                                 int(periode))
    return aliran_tahap(np.random.SeedSequence(int(seed), spawn_key=kunci))


# --------------------------------------------------------------------------- the base year


@dataclass
class Dasar:
    """What year 1 fixes for every later year: positions, the SKP, the truth's constants."""

    skenario: Scenario
    seed: int
    populasi: Population
    """Year 1 (``generate``'s population)."""
    struktur: StrukturIki
    """Year 1's SKP of every position (its targets are year 1's)."""
    penilai: BiasPenilai
    """Year 1's rater biases (leniency per person, central tendency and halo per position)."""
    aliran_ukur_1: dict[str, np.random.Generator]
    """Year 1's measurement streams at the point where ``generate`` measured (the IKI stream
    after its SKP draws), so year 1 can be measured again on common random numbers."""
    batas_skor: np.ndarray
    """The true score's class boundaries of year 1 (4 cut points, best class last)."""
    bup: np.ndarray
    """Batas usia pensiun of every position (years)."""
    efek_unit: np.ndarray
    """``sd_efek_opd x`` the true organisation z of each position's unit (newcomers)."""
    skala_hasil: tuple[float, float]
    """Mean and sd of the raw true results of year 1 (to standardise a newcomer's)."""
    layanan: dict[str, np.ndarray]
    """Year 1's unit service: ``unit_pos`` (positions -> row of ``kebenaran_unit``), the
    frontline weights and ``per_hasil`` (service change per unit change of staff results)."""

    @property
    def n(self) -> int:
        return len(self.populasi.pegawai)


def _bup(pegawai: pd.DataFrame) -> np.ndarray:
    k = konstanta()["periode"]
    jab = pegawai["jenis_jabatan"].astype(str).to_numpy()
    jenjang = pegawai["jenjang"].astype(str).to_numpy()
    guru = pegawai["rumpun"].astype(str).to_numpy() == "guru"
    return np.select(
        [jenjang == "ahli_utama", guru, (jab == "jpt_pratama") | (jenjang == "ahli_madya")],
        [float(k["bup_ahli_utama"]), float(k["bup_guru"]), float(k["bup_pimpinan_madya"])],
        float(k["bup_administrasi"]))


def _batas(skor: np.ndarray, porsi: list[float]) -> np.ndarray:
    """Cut points that split ``skor`` into classes of shares ``porsi`` (best first), as
    :func:`simkit.population.alokasi.potong_porsi` does; midpoints between neighbours."""
    urut = np.sort(skor)
    n = len(urut)
    k = np.clip(np.cumsum(jumlah_porsi(n, porsi)[::-1])[:-1], 1, n - 1)  # worst class first
    return (urut[k - 1] + urut[k]) / 2.0


def kelas_benar(skor: np.ndarray, batas: np.ndarray) -> pd.Categorical:
    """The true class of each score by year 1's cut points (an improvement shows as more
    ASN in the better classes, not as a re-cut)."""
    kode = len(PREDIKAT) - 1 - np.searchsorted(batas, skor, side="right")
    return pd.Categorical.from_codes(kode.astype(np.int8), categories=PREDIKAT)


def dasar_periode(scenario: Scenario, populasi: Population, seed: int) -> Dasar:
    """The fixed frame of a multi-year run from year 1's population (``generate``'s)."""
    sc = scenario
    peg, uk = populasi.pegawai, populasi.unit_kerja
    g = aliran_tahap(seed)
    struktur = struktur_iki(sc, peg, uk, g["iki"])  # advances the IKI stream as generate did
    ukur = {k: g[k] for k in ("organisasi", "iki", "perilaku", "perilaku_aspek", "skm")}
    penilai = leniensi_penilai(sc, peg, g["perilaku"], uk)
    keb, ku = populasi.kebenaran, populasi.kebenaran_unit
    batas = _batas(keb["skor_benar"].to_numpy(), [sc.kebenaran.distribusi[p] for p in PREDIKAT])
    uid = pd.Index(uk["unit_id"])
    z = np.zeros(len(uk))
    zpos = uid.get_indexer(ku["unit_id"].to_numpy())
    z[zpos] = ku["kinerja_organisasi_benar"].to_numpy()
    p_unit = uid.get_indexer(peg["unit_id"].to_numpy())
    efek = sc.kebenaran.sd_efek_opd * z[p_unit]
    skala = (float(efek.mean()), float(np.sqrt(efek.var() + 1.0)))
    # unit service: layanan = baku(bo z + bp baku(rata) + sd e); a change of the staff mean
    # by d moves it by bp d / (sd(rata) sd(raw)) (sd(raw) from the two known parts and sd e)
    lay = model_kebenaran()["layanan"]
    garda = peg["melayani_publik"].to_numpy(bool)
    n_unit = len(uk)
    hasil = keb["hasil_benar"].to_numpy()
    w = np.where(np.bincount(p_unit, weights=garda, minlength=n_unit)[p_unit] > 0,
                 garda.astype(float), 1.0)
    rata = _rata_unit(hasil, w, p_unit, n_unit)
    h = zpos  # rows of kebenaran_unit in unit_kerja order
    sd_rata = float(rata[h].std()) or 1.0
    bagian = lay["bobot_organisasi"] * z[h] + lay["bobot_pegawai"] * baku(rata[h])
    sd_raw = float(np.sqrt(bagian.var() + lay["sd_galat"] ** 2)) or 1.0
    layanan = {"unit_pos": p_unit, "bobot": w, "rata_1": rata[h], "baris": h,
               "per_hasil": np.asarray(lay["bobot_pegawai"] / (sd_rata * sd_raw))}
    return Dasar(sc, int(seed), populasi, struktur, penilai, ukur, batas, _bup(peg), efek,
                 skala, layanan)


def _rata_unit(x: np.ndarray, w: np.ndarray, p_unit: np.ndarray, n_unit: int) -> np.ndarray:
    s = np.bincount(p_unit, weights=x * w, minlength=n_unit)
    n = np.bincount(p_unit, weights=w, minlength=n_unit)
    return s / np.maximum(n, 1e-12)


# --------------------------------------------------------------------------- turnover


@dataclass
class Mutasi:
    """One year's turnover: where each position's holder was last year, and the newcomers."""

    asal: np.ndarray
    """Position -> last year's position of its holder; -1 for a newcomer."""
    orang_baru: pd.DataFrame
    """Person columns (:data:`KOLOM_ORANG`) of the newcomers, in position order."""
    kemampuan_baru: np.ndarray
    perilaku_baru: np.ndarray
    leniensi_baru: np.ndarray
    inovasi: np.ndarray
    """N(0, 1) per position: this year's change of true ability where it is not fully
    persistent (``periode.persistensi_kemampuan`` < 1)."""
    pensiun: int
    keluar: int
    pindah: int

    @property
    def baru(self) -> np.ndarray:
        """Positions filled by a newcomer."""
        return self.asal < 0

    def bawa(self, x: np.ndarray, baru: np.ndarray | float = 0.0) -> np.ndarray:
        """A per-person array carried to this year's positions (``baru`` for newcomers).

        >>> m = Mutasi(np.array([1, 0, -1]), pd.DataFrame(), *(np.zeros(0),) * 4, 0, 0, 0)
        >>> m.bawa(np.array([10.0, 20.0, 30.0]), -1.0).tolist()
        [20.0, 10.0, -1.0]
        """
        out = np.asarray(x)[np.maximum(self.asal, 0)].copy()
        out[self.baru] = baru if np.ndim(baru) == 0 else np.asarray(baru)
        return out


def tanggal_tahun(tahun: int) -> np.datetime64:
    """The reference date of year ``tahun`` (year 1: the composition's ``tanggal_acuan``)."""
    ref = pd.Timestamp(str(komposisi()["tanggal_acuan"]))
    return np.datetime64(ref + pd.DateOffset(years=int(tahun) - 1), "D")


def usia(tanggal_lahir: pd.Series | np.ndarray, pada: np.datetime64) -> np.ndarray:
    """Age in whole years on ``pada`` (vectorised)."""
    lahir = pd.DatetimeIndex(np.asarray(tanggal_lahir, dtype="datetime64[ns]"))
    ref = pd.Timestamp(pada)
    belum = (lahir.month > ref.month) | ((lahir.month == ref.month) & (lahir.day > ref.day))
    return (ref.year - lahir.year - belum.astype(int)).to_numpy()


def _pindah(kunci: np.ndarray, pilih: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Position -> source position: the chosen positions of one kind pass their holders on
    in a random circle (each mover ends in another mover's position of the same kind)."""
    asal = np.arange(len(kunci))
    idx = np.flatnonzero(pilih)
    if len(idx) < 2:
        return asal
    order = idx[np.lexsort((rng.random(len(idx)), kunci[idx]))]
    k = kunci[order]
    awal = np.r_[0, np.flatnonzero(np.diff(k)) + 1]
    ukuran = np.diff(np.r_[awal, len(k)])
    mulai = np.repeat(awal, ukuran)
    besar = np.repeat(ukuran, ukuran)
    rank = np.arange(len(k)) - mulai
    sumber = order[mulai + (rank + 1) % besar]
    asal[order] = sumber
    return asal


def mutasi_tahun(dasar: Dasar, orang: pd.DataFrame, tahun: int,
                 g: dict[str, np.random.Generator], id_awal: int) -> Mutasi:
    """Retirement, other exits, moves and newcomers of year ``tahun`` >= 2 (streams ``g``:
    ``pegawai`` for who leaves and moves, ``nama`` for the newcomers' names, ``kebenaran``
    for their ability, behaviour and leniency as raters). Newcomers get the ids
    from ``id_awal`` on (an id is never given twice)."""
    sc = dasar.skenario
    cfg = sc.periode.mutasi if sc.periode is not None else None
    peg = dasar.populasi.pegawai
    n = len(peg)
    pada = tanggal_tahun(tahun)
    rng = g["pegawai"]
    u_keluar, u_pindah = rng.random(n), rng.random(n)
    pensiun = (usia(orang["tanggal_lahir"], pada) >= dasar.bup) if (cfg and cfg.pensiun) else (
        np.zeros(n, bool))
    keluar = ~pensiun & (u_keluar < (cfg.keluar_lain if cfg else 0.0))
    tetap = ~(pensiun | keluar)
    kunci = peg.groupby(["jenis_jabatan", "jenjang", "rumpun", "kepala_unit"], dropna=False,
                        observed=True, sort=False).ngroup().to_numpy()
    pilih = tetap & (u_pindah < (cfg.pindah if cfg else 0.0))
    asal = _pindah(kunci, pilih, rng)
    asal = np.where(tetap[asal], asal, -1)
    baru = np.flatnonzero(asal < 0)
    m = len(baru)
    k = konstanta()["periode"]
    gk = g["kebenaran"]
    umur = gk.uniform(float(k["usia_masuk_min"]), float(k["usia_masuk_maks"]) + 1, m)
    lahir = (pd.Timestamp(pada) - pd.to_timedelta(np.floor(umur * 365.25), unit="D")).to_numpy()
    lahir = lahir.astype("datetime64[D]")
    jk = np.where(gk.random(m) < sc.populasi.komposisi.perempuan, "P", "L")
    tmt = np.full(m, pada)
    status = peg["status_kepegawaian"].astype(str).to_numpy()[baru]
    mulai_id = int(id_awal)
    orang_baru = pd.DataFrame({
        "asn_id": np.arange(mulai_id, mulai_id + m, dtype=np.int64),
        "nip": make_nip(lahir, tmt, jk, status),
        "nama": draw_names(jk, g["nama"]) if m else np.array([], dtype=object),
        "jenis_kelamin": jk,
        "tanggal_lahir": lahir.astype("datetime64[us]"),
        "tmt_cpns": tmt.astype("datetime64[us]"),
    })
    mu, sd = dasar.skala_hasil
    kemampuan = (dasar.efek_unit[baru] + gk.standard_normal(m) - mu) / sd
    r = sc.kebenaran.korelasi_hasil_perilaku
    perilaku = r * kemampuan + np.sqrt(1 - r**2) * gk.standard_normal(m)
    lenien = leniensi_penilai(sc, peg.iloc[baru], gk, dasar.populasi.unit_kerja).leniensi
    inovasi = gk.standard_normal(n)
    pindah = (asal >= 0) & (asal != np.arange(n))
    return Mutasi(asal, orang_baru, kemampuan, perilaku, lenien, inovasi, int(pensiun.sum()),
                  int(keluar.sum()), int(pindah.sum()))


def orang_tahun(orang: pd.DataFrame, mutasi: Mutasi) -> pd.DataFrame:
    """The person columns of this year's holders, in position order."""
    pos = np.maximum(mutasi.asal, 0)
    lama = orang.iloc[pos].reset_index(drop=True)
    baru = mutasi.baru
    if baru.any():
        isi = mutasi.orang_baru.reset_index(drop=True)
        lama = lama.copy()
        for c in KOLOM_ORANG:
            col = lama[c].to_numpy(dtype=object, copy=True)
            col[baru] = isi[c].to_numpy(dtype=object)
            lama[c] = pd.array(col, dtype=orang[c].dtype)
    return lama


def pegawai_tahun(dasar: Dasar, orang: pd.DataFrame) -> pd.DataFrame:
    """Year-1 positions held by ``orang``: person columns replaced, ``atasan_id`` the new
    holder of the atasan's position."""
    peg = dasar.populasi.pegawai
    out = peg.copy()
    for c in KOLOM_ORANG:
        out[c] = pd.array(orang[c].to_numpy(dtype=object), dtype=peg[c].dtype)
    atasan = peg["atasan_id"]
    pos = pd.Index(peg["asn_id"]).get_indexer(atasan.fillna(-1).to_numpy(np.int64))
    ids = out["asn_id"].to_numpy()
    out["atasan_id"] = pd.array(np.where(pos >= 0, ids[np.maximum(pos, 0)], 0),
                                dtype="Int64")
    out.loc[atasan.isna().to_numpy(), "atasan_id"] = pd.NA
    return out


# --------------------------------------------------------------------------- a year's tables


@dataclass
class KeadaanUkur:
    """What a year's measurement depends on (per position unless said otherwise)."""

    hasil_benar: np.ndarray
    """True results (what the truth tables carry)."""
    hasil_terukur: np.ndarray
    """The results the SKP sees (true results + effort moved to measured duties - output
    held back)."""
    perilaku_benar: np.ndarray
    struktur: StrukturIki
    leniensi: np.ndarray
    """Each holder's leniency as a rater."""
    gaming_waktu: np.ndarray
    """Share by which the holder's lower-is-better figures are reported below the truth."""
    bias_survei: pd.Series | None = None
    """Friendly share of the units that game their survey (index ``unit_id``)."""


@dataclass
class Tahun:
    """One year's population under one rule, and what the rule does not see."""

    populasi: Population
    realisasi_benar: np.ndarray | None
    """What was really achieved on every IKI row (``populasi.iki.realisasi`` is what is
    reported: a share written down as the target, lower-is-better figures massaged)."""


def kebenaran_tahun(dasar: Dasar, pegawai: pd.DataFrame, hasil: np.ndarray,
                    perilaku: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """This year's truth tables: the employees' (classes cut at year 1's boundaries) and the
    units' (service moved by the change in their staff's true results)."""
    kb = dasar.skenario.kebenaran
    skor = kb.bobot_hasil * hasil + (1 - kb.bobot_hasil) * perilaku
    keb = pd.DataFrame({"asn_id": pegawai["asn_id"].to_numpy(np.int64), "hasil_benar": hasil,
                        "perilaku_benar": perilaku, "skor_benar": skor,
                        "predikat_benar": kelas_benar(skor, dasar.batas_skor)})
    ly = dasar.layanan
    ku = dasar.populasi.kebenaran_unit.copy()
    n_unit = len(dasar.populasi.unit_kerja)
    rata = _rata_unit(hasil, ly["bobot"], ly["unit_pos"], n_unit)[ly["baris"]]
    ku["kinerja_layanan_benar"] = (ku["kinerja_layanan_benar"].to_numpy()
                                   + ly["per_hasil"] * (rata - ly["rata_1"]))
    return keb, ku


def lapor_turun(iki: pd.DataFrame, struktur: StrukturIki, gaming: np.ndarray) -> np.ndarray:
    """Reported realisations: the lower-is-better ones shrunk by the holder's ``gaming``
    share, at the indicator's decimals (the others as achieved)."""
    kat = katalog_indikator()
    real = iki["realisasi"].to_numpy()
    g = gaming[struktur.who] * kat.turun[struktur.ind]
    if not g.any():
        return real
    skala = (10.0 ** kat.desimal)[struktur.ind]
    return np.where(g > 0, bulat_setengah_atas(real * (1 - g) * skala) / skala, real)


UKUR = ("iki", "penilaian_perilaku", "perilaku_aspek", "kinerja_organisasi", "skm")
"""The measurement tables of a year, each from its own stream."""


def ukur_tahun(dasar: Dasar, pegawai: pd.DataFrame, keadaan: KeadaanUkur,
               aliran: dict[str, np.random.Generator], tahun: int,
               noise_iki: float | None = None, dari: Tahun | None = None,
               tabel: tuple[str, ...] = UKUR) -> Tahun:
    """One year's population from the state, drawing from (copies of) ``aliran``.

    ``noise_iki``: the IKI noise of a periodic evaluation (default the scenario's). ``dari``:
    a year already measured whose truth and tables are kept except the tables named in
    ``tabel`` (measured again from the state: what a rule reads of a changed behaviour).
    Each table has its own stream and every stream is copied, so measuring the same state
    again gives identical tables.
    """
    sc = dasar.skenario
    if noise_iki is not None:
        sc = sc.model_copy(update={"indikator": sc.indikator.model_copy(
            update={"noise_sd": float(noise_iki)})})
    uk = dasar.populasi.unit_kerja
    if dari is None:
        keb, ku = kebenaran_tahun(dasar, pegawai, keadaan.hasil_benar, keadaan.perilaku_benar)
        awal = {}
        benar = None
    else:
        keb, ku = dari.populasi.kebenaran, dari.populasi.kebenaran_unit
        awal = {k: getattr(dari.populasi, k) for k in UKUR}
        benar = dari.realisasi_benar
    keb_ukur = keb.assign(hasil_benar=keadaan.hasil_terukur)
    pen = BiasPenilai(keadaan.leniensi, dasar.penilai.tendensi_sentral, dasar.penilai.halo)

    def g(nama: str) -> np.random.Generator:
        return copy.deepcopy(aliran[nama])

    t = awal
    if "iki" in tabel:
        iki = iki_dari_struktur(sc, pegawai, keadaan.struktur, keadaan.hasil_terukur, g("iki"))
        benar = iki.attrs.pop("realisasi_capai")
        iki["realisasi"] = lapor_turun(iki, keadaan.struktur, keadaan.gaming_waktu)
        t["iki"] = iki
    if "penilaian_perilaku" in tabel:
        t["penilaian_perilaku"] = build_penilaian_perilaku(
            sc, pegawai, keb, g("perilaku"), unit_kerja=uk, penilai=pen)
    if "perilaku_aspek" in tabel:
        t["perilaku_aspek"] = build_perilaku_aspek(sc, pegawai, keb_ukur, g("perilaku_aspek"),
                                                   unit_kerja=uk, penilai=pen)
    if "kinerja_organisasi" in tabel:
        t["kinerja_organisasi"] = build_kinerja_organisasi(sc, uk, ku, g("organisasi"))
    if "skm" in tabel:
        t["skm"] = (build_skm(sc, pegawai, uk, ku, g("skm"), keadaan.bias_survei)
                    if sc.survei.aktif else None)
    pop = Population(unit_kerja=uk, pegawai=pegawai, kebenaran=keb, kebenaran_unit=ku,
                     meta={**dasar.populasi.meta, "tahun": int(tahun)}, **t)
    return Tahun(pop, benar)


def aliran_ukur(dasar: Dasar, tahun: int, periode: int | None = None
                ) -> dict[str, np.random.Generator]:
    """The measurement streams of a year (year 1: ``generate``'s) or of a periodic
    evaluation."""
    if tahun == 1 and periode is None:
        return dasar.aliran_ukur_1
    g = aliran_tahun(dasar.seed, tahun, periode)
    return {k: g[k] for k in ("organisasi", "iki", "perilaku", "perilaku_aspek", "skm")}
