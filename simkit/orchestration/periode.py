"""``simulate``: several years of a scenario, with behaviour that responds to each rule.

A scenario with a ``periode`` section (:class:`simkit.scenario.Periode`) runs ``tahun`` years.
Each rule of the scenario gets its own world: the same people, the same draws (common random
numbers), but effort, gaming and leniency respond to *that* rule. Year 1 is today's
single-year model exactly (``generate`` + ``evaluate``); behaviour moves from year 2 on.

Public API (stable)::

    hasil = simkit.simulate("scenarios/mamuju_5_tahun.yaml")          # one seed
    hasil = simkit.simulate(skenario, seeds=20, executor="dask")       # seeds as in sweep
    hasil.tabel        # long tidy table, one row per value (columns KOLOM)
    hasil.lebar()      # one row per (seed, aturan, tahun), one column per ukuran
    hasil.pita()       # quantiles over seeds per (aturan, tahun, dimensi, kelompok, ukuran)
    hasil.populasi[("permenpanrb_6_2022", 3)], hasil.evaluasi[...]   # with simpan=True

``simulate(scenario, seeds=None, *, respons=None, executor="inproses", workers=None,
dask_address=None, simpan=False) -> HasilPeriode``

- ``scenario``: path, mapping or Scenario; without ``periode`` the defaults of
  :class:`~simkit.scenario.Periode` apply. ``seeds``: None (the scenario's), N (seed + 0..N-1)
  or a list. ``respons``: override ``periode.respons`` (False: everyone behaves as in year 1).
- ``executor``/``workers``/``dask_address``: as :func:`simkit.sweep` (one task per seed).
- ``simpan``: keep every year's Population and Evaluation per rule (one seed only).

**The table** :data:`KOLOM`: ``seed, aturan, rule_id, tahun, dimensi, kelompok, ukuran,
nilai``. ``dimensi`` is ``semua`` (``kelompok`` ``semua``), ``opd`` (``kelompok``: the OPD's
name) or ``jenis_jabatan``. The measures (``ukuran``) of :data:`UKURAN` (``semua``) and
:data:`UKURAN_KELOMPOK` (per group): true results and service (``hasil_benar_rata``,
``tugas_tak_terukur_rata``, ``layanan_benar_puskesmas``, ``waktu_tunggu_benar``), what the
rule sees (``peringkat_rata``, ``waktu_tunggu_lapor``, ``ikm_rata``), the gap
(``selisih_peringkat``, ``selisih_waktu_tunggu``), accuracy (``akurasi``, ``kappa_kuadratik``,
``spearman_peringkat``: :mod:`simkit.analysis.metrics.akurasi`), the distribution
(``proporsi_peringkat_1`` .. ``_5``), TPP cost (``biaya_tpp_tahunan``:
:mod:`simkit.analysis.metrics.tpp`), behaviour (``usaha_rata``, ``alih_rata``,
``sandbag_rata``, ``gaming_waktu_rata``, ``porsi_gaming_waktu``, ``bias_survei_rata``,
``leniensi_rata``) and turnover (``pensiun``, ``keluar``, ``pindah``, ``masuk``).

**A year** of one rule: turnover (:func:`simkit.population.periode.mutasi_tahun`, shared by all
rules), the truth (ability + effort - output held back, effort moved between measured and
unmeasured duties), the measurement (:func:`simkit.population.periode.ukur_tahun`), the
periodic evaluations (``evaluasi_per_tahun``) and the annual predikat (``predikat_tahunan``),
the outputs, then the responses for next year (:mod:`simkit.analysis.respons`: the rule is
evaluated again on the same draws with effort, waiting-time figures, survey respondents and
rater leniency each moved a step) and the targets (ratchet: next target = target x
(realisasi / target) ^ ``bobot_ratchet``, on reported figures).

>>> h = simulate({"nama": "x", "seed": 3, "populasi": {"jumlah_asn": 300},
...               "periode": {"tahun": 2, "evaluasi_per_tahun": 1},
...               "aturan": [{"id": "a", "aturan": "permenpanrb_6_2022"}]})
>>> sorted(h.tabel.tahun.unique().tolist()), h.tabel.columns.tolist() == list(KOLOM)
([1, 2], True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.respons import (
    angka_dinilai,
    imbalan,
    jenuh,
    parameter_respons,
    rata_sel,
    sandbag,
    sel_desil,
    sesuaikan,
)
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.indicators import katalog_indikator
from simkit.population.periode import (
    KOLOM_ORANG,
    Dasar,
    KeadaanUkur,
    Tahun,
    aliran_tahun,
    aliran_ukur,
    dasar_periode,
    mutasi_tahun,
    orang_tahun,
    pegawai_tahun,
    ukur_tahun,
)
from simkit.scenario import Periode, Scenario

KOLOM = ("seed", "aturan", "rule_id", "tahun", "dimensi", "kelompok", "ukuran", "nilai")
"""Columns of :attr:`HasilPeriode.tabel`."""

SEMUA = "semua"
DIMENSI = (SEMUA, "opd", "jenis_jabatan")

UKURAN = (
    "jumlah_asn", "pensiun", "keluar", "pindah", "masuk",
    "hasil_benar_rata", "tugas_terukur_rata", "tugas_tak_terukur_rata",
    "layanan_benar_rata", "layanan_benar_puskesmas",
    "peringkat_rata", "peringkat_benar_rata", "selisih_peringkat",
    "akurasi", "kappa_kuadratik", "spearman_peringkat",
    "proporsi_peringkat_5", "proporsi_peringkat_4", "proporsi_peringkat_3",
    "proporsi_peringkat_2", "proporsi_peringkat_1",
    "biaya_tpp_tahunan",
    "waktu_tunggu_benar", "waktu_tunggu_lapor", "selisih_waktu_tunggu", "ikm_rata",
    "kesesuaian_periodik",
    "usaha_rata", "alih_rata", "sandbag_rata", "gaming_waktu_rata", "porsi_gaming_waktu",
    "bias_survei_rata", "leniensi_rata", "indeks_target",
)
"""Measures of the ``semua`` rows, in this order."""

UKURAN_KELOMPOK = ("jumlah_asn", "hasil_benar_rata", "peringkat_rata", "selisih_peringkat",
                   "usaha_rata", "alih_rata", "sandbag_rata", "gaming_waktu_rata",
                   "porsi_gaming_waktu")
"""Measures of the per-OPD and per-jenis-jabatan rows (who games and where)."""

AMBANG_GAMING = 0.01
"""A holder counts as gaming waiting-time figures above this share (``porsi_gaming_waktu``)."""

PERIODIK = ("iki", "penilaian_perilaku", "perilaku_aspek")
"""Tables measured again for each periodic evaluation (the others are the year's)."""

_NAMA_WAKTU_TUNGGU = "waktu tunggu"
"""Lower-is-better indicators whose name holds this text are the waiting times."""


# --------------------------------------------------------------------------- the result


@dataclass
class HasilPeriode:
    """The result of :func:`simulate` (see the module docstring)."""

    tabel: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    populasi: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    evaluasi: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)

    def lebar(self, dimensi: str = SEMUA) -> pd.DataFrame:
        """One row per (seed, aturan, rule_id, tahun[, kelompok]), one column per measure."""
        d = self.tabel[self.tabel["dimensi"] == dimensi]
        kunci = ["seed", "aturan", "rule_id", "tahun"] + ([] if dimensi == SEMUA else ["kelompok"])
        urut = UKURAN if dimensi == SEMUA else UKURAN_KELOMPOK
        out = d.set_index([*kunci, "ukuran"])["nilai"].unstack("ukuran").reset_index()
        out.columns.name = None
        return out[[*kunci, *[u for u in urut if u in out.columns]]]

    def pita(self, kuantil: Sequence[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
        """Bands over seeds: per (aturan, rule_id, tahun, dimensi, kelompok, ukuran) the
        ``rata_rata``, the quantiles (``q10``, ``q50``, ``q90``) and ``jumlah_seed``."""
        return pita(self.tabel, kuantil)

    def ukuran(self, nama: str, dimensi: str = SEMUA) -> pd.DataFrame:
        """The rows of one measure (one dimension)."""
        t = self.tabel
        return t[(t["ukuran"] == nama) & (t["dimensi"] == dimensi)].reset_index(drop=True)

    def __repr__(self) -> str:
        t = self.tabel
        return (f"HasilPeriode(aturan={list(dict.fromkeys(t['aturan']))}, "
                f"tahun={int(t['tahun'].max()) if len(t) else 0}, "
                f"seed={sorted(set(t['seed'].tolist()))}, baris={len(t)})")


def pita(tabel: pd.DataFrame, kuantil: Sequence[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
    """Quantiles over seeds of a :data:`KOLOM` table (see :meth:`HasilPeriode.pita`).

    >>> t = pd.DataFrame({"seed": [1, 2], "aturan": "a", "rule_id": "r", "tahun": 1,
    ...                   "dimensi": "semua", "kelompok": "semua", "ukuran": "u",
    ...                   "nilai": [1.0, 3.0]})
    >>> pita(t, (0.5,))[["rata_rata", "q50", "jumlah_seed"]].to_dict("records")
    [{'rata_rata': 2.0, 'q50': 2.0, 'jumlah_seed': 2}]
    """
    kunci = ["aturan", "rule_id", "tahun", "dimensi", "kelompok", "ukuran"]
    g = tabel.groupby(kunci, sort=False, observed=True)["nilai"]
    out = g.mean().rename("rata_rata").to_frame()
    for q in kuantil:
        out[f"q{round(q * 100):02d}"] = g.quantile(q)
    out["jumlah_seed"] = g.size().astype("int64")
    return out.reset_index()


# --------------------------------------------------------------------------- state


@dataclass
class Perilaku:
    """One rule's behaviour state, per position (carried with the people who move)."""

    usaha: np.ndarray
    alih: np.ndarray
    sandbag: np.ndarray
    gaming_waktu: np.ndarray
    leniensi: np.ndarray
    struktur: Any
    bias_survei: pd.Series | None = None

    @classmethod
    def awal(cls, dasar: Dasar) -> Perilaku:
        n = dasar.n
        return cls(np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n),
                   dasar.penilai.leniensi.copy(), dasar.struktur)


def _keadaan(dasar: Dasar, kemampuan: np.ndarray, perilaku: np.ndarray, b: Perilaku,
             w_terukur: float) -> KeadaanUkur:
    terukur = kemampuan + b.usaha - b.sandbag + b.alih
    tak_terukur = kemampuan + b.usaha - b.alih
    benar = w_terukur * terukur + (1 - w_terukur) * tak_terukur
    return KeadaanUkur(hasil_benar=benar, hasil_terukur=terukur, perilaku_benar=perilaku,
                       struktur=b.struktur, leniensi=b.leniensi, gaming_waktu=b.gaming_waktu,
                       bias_survei=b.bias_survei)


# --------------------------------------------------------------------------- one seed


@dataclass(frozen=True)
class TugasPeriode:
    """One seed of :func:`simulate` (picklable: the scenario as a mapping)."""

    skenario: dict
    seed: int
    respons: bool | None = None
    simpan: bool = False


def _evaluasi_tahunan(evs: list, ev_akhir: Any, cara: str) -> Any:
    """The annual evaluation from the periodic ones (``cara`` = ``predikat_tahunan``)."""
    if cara == "akhir" or not evs:
        return ev_akhir
    per = np.stack([e.hasil["peringkat"].to_numpy(np.int64) for e in evs])
    if cara == "terakhir":
        pr = per[-1]
    elif cara == "rata_rata":
        pr = bulat_setengah_atas(per.mean(axis=0)).astype(np.int64)
    else:  # modus: the most frequent, the better on a tie
        hitung = np.stack([(per == k).sum(axis=0) for k in range(1, 6)])
        pr = 5 - np.argmax(hitung[::-1], axis=0)
    semua = pd.concat([e.hasil[["peringkat", "predikat"]] for e in (*evs, ev_akhir)])
    semua = semua.assign(predikat=semua["predikat"].astype(str))
    lut = semua.groupby("peringkat")["predikat"].agg(lambda s: s.value_counts().index[0])
    from simkit.kosakata import PREDIKAT_PERINGKAT

    nama = np.array([lut.get(k, PREDIKAT_PERINGKAT[k]) for k in range(1, 6)], dtype=object)
    hasil = ev_akhir.hasil.copy()
    hasil["peringkat"] = pr.astype(hasil["peringkat"].dtype)
    hasil["predikat"] = nama[pr - 1]
    return dataclasses.replace(ev_akhir, hasil=hasil)


def _rata(x: np.ndarray) -> float:
    return float(np.mean(x)) if len(x) else float("nan")


def _ukuran_tahun(dasar: Dasar, th: Tahun, ev: Any, evs_p: list, kead: KeadaanUkur,
                  b: Perilaku, kemampuan: np.ndarray, spec: Any, info: dict) -> list[tuple]:
    """The rows of one rule and year (``(dimensi, kelompok, ukuran, nilai)``)."""
    from simkit.analysis.metrics.akurasi import akurasi
    from simkit.analysis.metrics.tpp import muat_parameter_tpp, tpp
    from simkit.analysis.panel import build_panel
    from simkit.rules import evaluate

    pop = th.populasi
    panel = build_panel(pop, {spec.id: ev})
    ak = akurasi(panel).iloc[0]
    tpp_ = tpp(panel, spec.id, muat_parameter_tpp()).iloc[0]
    pr = ev.hasil.set_index("asn_id")["peringkat"].reindex(pop.pegawai["asn_id"]).to_numpy()
    benar = pop.kebenaran["predikat_benar"].cat.codes.to_numpy()
    pr_benar = 5 - benar
    kat = katalog_indikator()
    st = kead.struktur
    turun = kat.turun[st.ind]
    uk = pop.unit_kerja
    jenis = uk.set_index("unit_id")["jenis_unit"].astype(str)
    tunggu = info["tunggu"]
    lapor = pop.iki["realisasi"].to_numpy()
    ku = pop.kebenaran_unit
    jenis_ku = jenis.reindex(ku["unit_id"]).to_numpy()
    lay = ku["kinerja_layanan_benar"].to_numpy()
    ikm = float("nan")
    if pop.skm is not None and len(pop.skm):
        ikm = float(evaluate(pop, "permenpanrb_14_2017").hasil["nilai"].mean())
    punya_turun = np.bincount(st.who, weights=turun, minlength=dasar.n) > 0
    raters = np.zeros(dasar.n, bool)
    atasan = _atasan_pos(dasar)
    raters[atasan[atasan >= 0]] = True
    publik = uk["melayani_publik"].to_numpy(bool)
    bias = (b.bias_survei.reindex(uk.loc[publik, "unit_id"]).fillna(
        dasar.skenario.survei.bias_sampel).to_numpy() if b.bias_survei is not None
        else np.full(int(publik.sum()), dasar.skenario.survei.bias_sampel))
    sesuai = (float(np.mean([(e.hasil["peringkat"].to_numpy() == ev.hasil["peringkat"].to_numpy())
                             .mean() for e in evs_p])) if evs_p else float("nan"))
    t0 = dasar.struktur.target
    indeks = float(np.exp(np.mean(np.log(st.target / t0))))
    w_t = float(np.mean(th.realisasi_benar[tunggu])) if tunggu.any() else float("nan")
    w_l = float(np.mean(lapor[tunggu])) if tunggu.any() else float("nan")
    terukur = kead.hasil_terukur
    tak = kemampuan + b.usaha - b.alih
    nilai = {
        "jumlah_asn": len(pr), "pensiun": info["pensiun"], "keluar": info["keluar"],
        "pindah": info["pindah"], "masuk": info["masuk"],
        "hasil_benar_rata": _rata(kead.hasil_benar), "tugas_terukur_rata": _rata(terukur),
        "tugas_tak_terukur_rata": _rata(tak), "layanan_benar_rata": _rata(lay),
        "layanan_benar_puskesmas": _rata(lay[jenis_ku == "puskesmas"]),
        "peringkat_rata": _rata(pr), "peringkat_benar_rata": _rata(pr_benar),
        "selisih_peringkat": float(ak["rata_rata_selisih"]), "akurasi": float(ak["akurasi"]),
        "kappa_kuadratik": float(ak["kappa_kuadratik"]),
        "spearman_peringkat": float(ak["spearman_peringkat"]),
        **{f"proporsi_peringkat_{k}": float((pr == k).mean()) for k in (5, 4, 3, 2, 1)},
        "biaya_tpp_tahunan": float(tpp_["biaya_tahunan"]),
        "waktu_tunggu_benar": w_t, "waktu_tunggu_lapor": w_l,
        "selisih_waktu_tunggu": w_l - w_t, "ikm_rata": ikm, "kesesuaian_periodik": sesuai,
        "usaha_rata": _rata(b.usaha), "alih_rata": _rata(b.alih),
        "sandbag_rata": _rata(b.sandbag),
        "gaming_waktu_rata": _rata(b.gaming_waktu[punya_turun]),
        "porsi_gaming_waktu": _rata((b.gaming_waktu[punya_turun] > AMBANG_GAMING)
                                    .astype(float)),
        "bias_survei_rata": _rata(bias), "leniensi_rata": _rata(b.leniensi[raters]),
        "indeks_target": indeks,
    }
    rows = [(SEMUA, SEMUA, u, float(nilai[u])) for u in UKURAN]
    peg = pop.pegawai
    nama_opd = _nama_opd(dasar)
    per = {"jumlah_asn": np.ones(dasar.n), "hasil_benar_rata": kead.hasil_benar,
           "peringkat_rata": pr.astype(float),
           "selisih_peringkat": (pr - pr_benar).astype(float), "usaha_rata": b.usaha,
           "alih_rata": b.alih, "sandbag_rata": b.sandbag}
    gw = np.where(punya_turun, b.gaming_waktu, np.nan)
    per["gaming_waktu_rata"] = gw
    per["porsi_gaming_waktu"] = np.where(punya_turun, (b.gaming_waktu > AMBANG_GAMING)
                                         .astype(float), np.nan)
    for dim, kunci in (("opd", nama_opd), ("jenis_jabatan",
                                             peg["jenis_jabatan"].astype(str).to_numpy())):
        df = pd.DataFrame({"k": kunci, **per})
        agg = df.groupby("k", sort=True).agg({u: ("sum" if u == "jumlah_asn" else "mean")
                                              for u in UKURAN_KELOMPOK})
        for kel, r in agg.iterrows():
            rows.extend((dim, str(kel), u, float(r[u])) for u in UKURAN_KELOMPOK)
    return rows


def _waktu_tunggu(dasar: Dasar) -> np.ndarray:
    """IKI rows that are a puskesmas' waiting time (lower-is-better, named so); positions and
    their SKP never change, so once per run."""
    kat = katalog_indikator()
    st = dasar.struktur
    uk = dasar.populasi.unit_kerja
    jenis = uk.set_index("unit_id")["jenis_unit"].astype(str)
    unit_baris = dasar.populasi.pegawai["unit_id"].to_numpy()[st.who]
    nama = pd.Series(kat.nama[st.ind]).str.lower().str.contains(_NAMA_WAKTU_TUNGGU,
                                                                regex=False).to_numpy()
    return kat.turun[st.ind] & nama & (jenis.reindex(unit_baris).to_numpy() == "puskesmas")


def _atasan_pos(dasar: Dasar) -> np.ndarray:
    peg = dasar.populasi.pegawai
    return pd.Index(peg["asn_id"]).get_indexer(peg["atasan_id"].fillna(-1).to_numpy(np.int64))


def _nama_opd(dasar: Dasar) -> np.ndarray:
    uk = dasar.populasi.unit_kerja
    nm = uk.set_index("unit_id")["nama_unit"].astype(str)
    return nm.reindex(dasar.populasi.pegawai["opd_id"].to_numpy()).to_numpy(dtype=object)


def _respons(dasar: Dasar, pegawai: pd.DataFrame, kead: KeadaanUkur, b: Perilaku,
             ev: Any, spec: Any, aliran: dict, tahun: int, p: Any, per: Periode,
             dasar_tahun: Tahun) -> None:
    """Move ``b`` toward the behaviour the rule rewards (see :mod:`simkit.analysis.respons`):
    the year ``dasar_tahun`` measured again, on the same draws, with one behaviour moved."""
    from simkit.rules import evaluate, get_rule

    rule = get_rule(spec.aturan)
    dinilai = angka_dinilai(rule)
    dibaca = set(rule.tabel)
    realisasi = dasar_tahun.populasi.iki["realisasi"].to_numpy()
    nama_opd = _nama_opd(dasar)
    n = dasar.n

    def u_dari(ev_: Any) -> np.ndarray:
        pr = ev_.hasil.set_index("asn_id")["peringkat"].reindex(pegawai["asn_id"]).to_numpy()
        return imbalan(pegawai, nama_opd, pr, p)

    def ulang(tabel: tuple[str, ...], **ganti: Any) -> np.ndarray:
        k = dataclasses.replace(kead, **ganti)
        th = ukur_tahun(dasar, pegawai, k, aliran, tahun, dari=dasar_tahun,
                        tabel=tuple(x for x in tabel if x in dibaca))
        return u_dari(evaluate(th.populasi, spec.aturan, spec.parameter or None))

    u0 = u_dari(ev)
    kat = katalog_indikator()
    st = kead.struktur
    turun = kat.turun[st.ind]
    punya_turun = np.bincount(st.who, weights=turun, minlength=n) > 0
    du, dw = float(p["delta_usaha"]), float(p["delta_waktu"])
    # one pass: half the positions (alternating by year) work a step harder, the other half
    # report their lower-is-better figures a step lower; each marginal reward is the mean
    # over its half in the same decile of measured results (the expectation over the noise)
    sisi = ((np.arange(n) + tahun) % 2) == 0
    lain = ~sisi
    ganti: dict[str, Any] = {"hasil_terukur": kead.hasil_terukur + du * sisi}
    if dinilai["iki"]:
        ganti["gaming_waktu"] = np.minimum(kead.gaming_waktu + dw * (lain & punya_turun), 0.9)
    d = ulang(("iki", "perilaku_aspek"), **ganti) - u0
    sel = sel_desil(kead.hasil_terukur, int(p["sel_imbalan"]))
    i_usaha = rata_sel(d / du, sel, sisi)
    i_waktu = (rata_sel(d / dw, sel, lain & punya_turun) * punya_turun if dinilai["iki"]
               else np.zeros(n))
    lam = float(p["laju_penyesuaian"])
    b.usaha = sesuaikan(b.usaha, jenuh(i_usaha, p["elastisitas_usaha"], p["usaha_maks"]), lam)
    b.alih = sesuaikan(b.alih, jenuh(i_usaha, p["elastisitas_alih"], p["alih_maks"]), lam)
    b.gaming_waktu = sesuaikan(b.gaming_waktu,
                               jenuh(i_waktu, p["elastisitas_waktu"], p["waktu_maks"]), lam)
    # rater leniency: its benefit to the ratees (0 where a curve or calibration removes it).
    # Half the raters are more lenient; a rater's benefit is the gain of that half's ratees
    # minus the gain of the other half's (a calibration toward the grand mean, or a curve,
    # moves everyone's scores when many raters move together: not a rater's own benefit),
    # averaged over the lenient raters of the same OPD.
    dl = float(p["delta_leniensi"])
    atasan = _atasan_pos(dasar)
    ada = atasan >= 0
    d = (ulang(("penilaian_perilaku", "perilaku_aspek"), leniensi=kead.leniensi + dl * sisi)
         - u0) / dl
    dari_sisi = ada & sisi[np.maximum(atasan, 0)]
    acuan = float(d[ada & ~dari_sisi].mean()) if (ada & ~dari_sisi).any() else 0.0
    s_r = np.bincount(atasan[dari_sisi], weights=d[dari_sisi] - acuan, minlength=n)
    c_r = np.bincount(atasan[dari_sisi], minlength=n)
    per_rater = np.divide(s_r, c_r, out=np.zeros(n), where=c_r > 0)
    opd = pd.factorize(pegawai["opd_id"])[0]
    i_len = rata_sel(per_rater, opd, c_r > 0)
    b.leniensi = np.minimum(b.leniensi + lam * float(p["laju_leniensi"]) * np.maximum(i_len, 0),
                            float(p["leniensi_maks"]))
    # survey practice of public-service units, where the rule counts the IKM
    sc = dasar.skenario
    if dinilai["skm"] and sc.survei.aktif:
        uk = dasar.populasi.unit_kerja
        publik = uk.loc[uk["melayani_publik"].to_numpy(bool), "unit_id"].to_numpy()
        lama = (b.bias_survei.reindex(publik).fillna(sc.survei.bias_sampel).to_numpy()
                if b.bias_survei is not None else np.full(len(publik), sc.survei.bias_sampel))
        ds = float(p["delta_survei"])
        u1 = ulang(("skm",), bias_survei=pd.Series(np.minimum(lama + ds, 1.0), index=publik))
        unit = pd.Index(publik).get_indexer(pegawai["unit_id"].to_numpy())
        ok = unit >= 0
        s = np.bincount(unit[ok], weights=((u1 - u0) / ds)[ok], minlength=len(publik))
        c = np.bincount(unit[ok], minlength=len(publik))
        i_s = np.divide(s, c, out=np.zeros(len(publik)), where=c > 0)
        sasaran = np.minimum(sc.survei.bias_sampel
                             + jenuh(i_s, p["elastisitas_survei"], p["survei_maks"]), 1.0)
        b.bias_survei = pd.Series(sesuaikan(lama, sasaran, lam), index=publik)
    # sandbagging against the ratchet: hold back the excess over this year's target
    w = per.target.bobot_ratchet
    if w > 0:
        b.sandbag = sesuaikan(b.sandbag, sandbag(_kelebihan(dasar, st, realisasi), w, p), lam)


def _log_capaian(st: Any, realisasi: np.ndarray) -> np.ndarray:
    """log(realisasi / target), reversed for lower-is-better indicators, per IKI row."""
    kat = katalog_indikator()
    r = np.maximum(realisasi, 1e-9)
    lc = np.log(r / st.target)
    return np.where(kat.turun[st.ind], -lc, lc)


def _kelebihan(dasar: Dasar, st: Any, realisasi: np.ndarray) -> np.ndarray:
    """Each holder's weighted excess over target (reported realisation), in sd of measured
    results (log capaian / ``indikator.sensitivitas``)."""
    lc = _log_capaian(st, realisasi)
    s = np.bincount(st.who, weights=lc * st.bobot, minlength=dasar.n)
    return s / max(dasar.skenario.indikator.sensitivitas, 1e-9)


def _ratchet(st: Any, realisasi: np.ndarray, w: float) -> Any:
    """Next year's SKP: target x (realisasi / target) ^ w, on the reported realisation."""
    if w <= 0:
        return st
    r = np.maximum(realisasi, 1e-9)
    return st.dengan_target(st.target * (r / st.target) ** w)


def simulasi_satu(tugas: TugasPeriode) -> tuple[pd.DataFrame, dict, dict]:
    """Run one seed: (rows of :data:`KOLOM`, populations, evaluations) — the last two only
    with ``tugas.simpan``. A module-level function, so every executor can run it."""
    from simkit.analysis.metrics.kartu_reformasi import aturan_skenario
    from simkit.orchestration.skenario import load_scenario
    from simkit.population.generate import generate
    from simkit.rules import evaluate, get_rule

    sc = load_scenario(tugas.skenario)
    seed = int(tugas.seed)
    per = sc.periode or Periode()
    respons = per.respons if tugas.respons is None else bool(tugas.respons)
    p = parameter_respons(per.parameter_respons)
    w_terukur = float(p["porsi_tugas_terukur"])
    specs = [s for s in aturan_skenario(sc) if get_rule(s.aturan).tingkat == "pegawai"]
    pop1 = generate(sc, seed=seed)
    dasar = dasar_periode(sc, pop1, seed)
    orang = pop1.pegawai[list(KOLOM_ORANG)].reset_index(drop=True)
    kemampuan = pop1.kebenaran["hasil_benar"].to_numpy(copy=True)
    perilaku = pop1.kebenaran["perilaku_benar"].to_numpy(copy=True)
    bersama = Perilaku.awal(dasar)
    keadaan = {s.id: (Perilaku.awal(dasar) if respons else bersama) for s in specs}
    id_berikut = int(pop1.pegawai["asn_id"].max()) + 1
    P = int(per.evaluasi_per_tahun)
    tunggu = _waktu_tunggu(dasar)
    noise_p = sc.indikator.noise_sd * np.sqrt(P)
    rows: list[tuple] = []
    simpan_pop: dict = {}
    simpan_ev: dict = {}
    pegawai = pop1.pegawai
    info: dict[str, Any] = {"pensiun": 0, "keluar": 0, "pindah": 0, "masuk": 0,
                            "tunggu": tunggu}
    mut = None
    for t in range(1, per.tahun + 1):
        if t > 1:
            g = aliran_tahun(seed, t)
            mut = mutasi_tahun(dasar, orang, t, g, id_berikut)
            id_berikut += int(mut.baru.sum())
            orang = orang_tahun(orang, mut)
            rho = per.persistensi_kemampuan
            kemampuan = mut.bawa(kemampuan, mut.kemampuan_baru)
            if rho < 1:
                kemampuan = rho * kemampuan + np.sqrt(1 - rho**2) * mut.inovasi
            perilaku = mut.bawa(perilaku, mut.perilaku_baru)
            for b in {id(v): v for v in keadaan.values()}.values():
                b.usaha, b.alih = mut.bawa(b.usaha), mut.bawa(b.alih)
                b.sandbag, b.gaming_waktu = mut.bawa(b.sandbag), mut.bawa(b.gaming_waktu)
                b.leniensi = mut.bawa(b.leniensi, mut.leniensi_baru)
            pegawai = pegawai_tahun(dasar, orang)
            info = {"pensiun": mut.pensiun, "keluar": mut.keluar, "pindah": mut.pindah,
                    "masuk": int(mut.baru.sum()), "tunggu": tunggu}
        aliran = aliran_ukur(dasar, t)
        diukur: dict[int, tuple[KeadaanUkur, Tahun, list]] = {}
        for spec in specs:
            b = keadaan[spec.id]
            if id(b) not in diukur:
                kead = _keadaan(dasar, kemampuan, perilaku, b, w_terukur)
                th = ukur_tahun(dasar, pegawai, kead, aliran, t)
                if t == 1:  # generate's own population (the same tables), kept as it is
                    th = Tahun(pop1, th.realisasi_benar)
                diukur[id(b)] = (kead, th, {})
            kead, th, periodik_semua = diukur[id(b)]
            baca = tuple(x for x in PERIODIK if x in get_rule(spec.aturan).tabel)
            if P > 1 and baca not in periodik_semua:  # periodic evidence: noisier IKI, ratings
                periodik_semua[baca] = [
                    ukur_tahun(dasar, pegawai, kead, aliran_ukur(dasar, t, q), t,
                               noise_iki=noise_p, dari=th, tabel=baca).populasi
                    for q in range(1, P + 1)]
            periodik = periodik_semua.get(baca, [])
            ev_akhir = evaluate(th.populasi, spec.aturan, spec.parameter or None)
            evs_p = [evaluate(q, spec.aturan, spec.parameter or None) for q in periodik]
            ev = _evaluasi_tahunan(evs_p, ev_akhir, per.predikat_tahunan)
            rule_id = get_rule(spec.aturan).id
            for dim, kel, u, v in _ukuran_tahun(dasar, th, ev, evs_p, kead, b, kemampuan,
                                                spec, info):
                rows.append((seed, spec.id, rule_id, t, dim, kel, u, v))
            if tugas.simpan:
                simpan_pop[(spec.id, t)] = th.populasi
                simpan_ev[(spec.id, t)] = ev
            if t < per.tahun and (respons or spec is specs[0]):
                if respons:
                    _respons(dasar, pegawai, kead, b, ev_akhir, spec, aliran, t, p, per, th)
                b.struktur = _ratchet(kead.struktur, th.populasi.iki["realisasi"].to_numpy(),
                                      per.target.bobot_ratchet)
    tabel = pd.DataFrame(rows, columns=list(KOLOM))
    return tabel, simpan_pop, simpan_ev


def simulate(scenario: str | Path | Mapping[str, Any] | Scenario,
             seeds: int | Sequence[int] | None = None, *, respons: bool | None = None,
             executor: str = "inproses", workers: int | None = None,
             dask_address: str | None = None, simpan: bool = False) -> HasilPeriode:
    """Several years of ``scenario`` under each of its rules (see the module docstring)."""
    import time

    from simkit.orchestration.executors import buat_executor
    from simkit.orchestration.skenario import load_scenario
    from simkit.orchestration.sweep import daftar_seed

    t0 = time.perf_counter()
    sc = load_scenario(dict(scenario) if isinstance(scenario, Mapping) else scenario)
    seed_list = [sc.seed] if seeds is None else daftar_seed(sc, seeds)
    data = sc.model_dump(mode="json")
    tugas = [TugasPeriode(data, s, respons, simpan and len(seed_list) == 1) for s in seed_list]
    if dask_address and executor == "inproses":
        executor = "dask"
    with buat_executor(executor, workers=workers, dask_address=dask_address) as ex:
        hasil = ex.map(simulasi_satu, tugas)
    tabel = pd.concat([h[0] for h in hasil], ignore_index=True)
    per = sc.periode or Periode()
    meta = {"skenario": {"nama": sc.nama, "berkas": sc.sumber, "hash": sc.hash()},
            "seeds": seed_list, "periode": per.model_dump(mode="json"),
            "respons": per.respons if respons is None else bool(respons),
            "parameter_respons": dict(parameter_respons(per.parameter_respons).overrides),
            "eksekutor": executor, "durasi_detik": round(time.perf_counter() - t0, 3)}
    pops = hasil[0][1] if len(hasil) == 1 else {}
    evs = hasil[0][2] if len(hasil) == 1 else {}
    return HasilPeriode(tabel, meta, pops, evs)
