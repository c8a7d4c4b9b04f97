"""Behaviour ratings: BerAKHLAK 360 scores (1-5) with rater bias, and old-rule aspects (0-100).

Raters of an ASN: the atasan (none for the top), up to ``penilai.jumlah_rekan`` peers (other
ASN with the same atasan), up to ``penilai.jumlah_bawahan_maks`` direct subordinates, and the
ASN themself. Each rater r has a persistent leniency L_r ~ N(leniensi_rata, leniensi_sd)
(``penilai.per_opd[kode OPD]`` overrides the mean and the central tendency c for raters of
that OPD). For ratee i and value v:

    T_iv = rata + per_z * perilaku_benar_i + sd_nilai * d_iv           (true, per value)
    p    = halo * (mean_v T_iv + noise) + (1 - halo) * (T_iv + noise)  (halo)
    x    = 3 + (1 - c_r) * (p - 3) + L_r  [+ inflasi_diri for self]    (centrality, leniency)
    skor = clip(round(x), 1, 5)

The same leniency draw (:func:`leniensi_penilai`) is used for ``perilaku_aspek``, so a lenient
atasan is lenient in both tables.

>>> # pp = build_penilaian_perilaku(scenario, pegawai, kebenaran, rng, unit_kerja=unit_kerja)
>>> # pp.groupby("peran", observed=True).size()  -> atasan, rekan, bawahan, diri
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simkit.errors import galat
from simkit.pembulatan import bulat_setengah_atas
from simkit.population.pengukuran import (
    aliran_bertanda,
    baris_id,
    bingkai_skema,
    kode_opd,
    konstanta,
    nilai_kebenaran,
    per_opd,
    wajib_kolom,
)
from simkit.population.schema import (
    ASPEK_PERILAKU_PP30,
    ASPEK_PERILAKU_PP46,
    BERAKHLAK,
    KREATIVITAS,
    PENILAIAN_PERILAKU,
    PERAN_PENILAI,
    PERILAKU_ASPEK,
    PERILAKU_SKALA,
    STRUKTURAL,
)
from simkit.scenario import Scenario

ASPEK = tuple(dict.fromkeys(ASPEK_PERILAKU_PP46 + ASPEK_PERILAKU_PP30))
"""The old-rule aspects, PP 46 order first then PP 30's extra (inisiatif_kerja)."""


@dataclass(frozen=True)
class BiasPenilai:
    """Per-ASN rater traits, positional (same order as ``pegawai``)."""

    leniensi: np.ndarray
    tendensi_sentral: np.ndarray
    halo: np.ndarray


def _atasan_pos(pegawai: pd.DataFrame, index: pd.Index) -> np.ndarray:
    """Position of each ASN's atasan, -1 for the top (null atasan_id)."""
    atasan = pegawai["atasan_id"]
    isna = atasan.isna().to_numpy()
    pos = np.full(len(pegawai), -1, dtype=np.int64)
    if (~isna).any():
        ids = atasan[~isna].to_numpy(dtype=np.int64)
        pos[~isna] = baris_id(ids, index, "pegawai", "atasan_id", "atasan_tidak_dikenal")
    return pos


def _kode_opd_pegawai(scenario: Scenario, pegawai: pd.DataFrame,
                      unit_kerja: pd.DataFrame | None) -> np.ndarray:
    if unit_kerja is not None:
        return kode_opd(pegawai["opd_id"], unit_kerja)
    if scenario.penilai.per_opd:  # the raters' OPD codes come from unit_kerja
        raise galat("bidang_wajib", bidang="unit_kerja", diharapkan="unit_kerja (penilai.per_opd)")
    return np.full(len(pegawai), "", dtype=object)


def leniensi_penilai(scenario: Scenario, pegawai: pd.DataFrame, rng: np.random.Generator,
                     unit_kerja: pd.DataFrame | None = None) -> BiasPenilai:
    """Each ASN's leniency, central tendency and halo as a rater (``penilai.per_opd`` overrides
    the scenario's values for one OPD's raters).

    The draw comes from ``aliran_bertanda(rng, "leniensi")``: fixed by the seed of ``rng`` and the
    order of ``pegawai``, so every table built from the same seed sees the same rater.

    >>> # pen = leniensi_penilai(scenario, pegawai, rng, unit_kerja)
    >>> # pen.leniensi.mean()  -> about penilai.leniensi_rata
    """
    cfg = scenario.penilai
    kode = _kode_opd_pegawai(scenario, pegawai, unit_kerja)
    rata = per_opd(kode, {k: v.leniensi_rata for k, v in cfg.per_opd.items()}, cfg.leniensi_rata)
    sentral = per_opd(kode, {k: v.tendensi_sentral for k, v in cfg.per_opd.items()},
                      cfg.tendensi_sentral)
    halo = per_opd(kode, {k: v.halo for k, v in cfg.per_opd.items()}, cfg.halo)
    z = aliran_bertanda(rng, "leniensi").standard_normal(len(pegawai))
    return BiasPenilai(leniensi=rata + cfg.leniensi_sd * z, tendensi_sentral=sentral, halo=halo)


def _sampel_kelompok(group: np.ndarray, rng: np.random.Generator
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Random order within groups: (order, rank in group, group size), all positional.

    ``order`` lists the positions sorted by (group, random key); rank/size are per position.
    """
    key = rng.random(len(group))
    order = np.lexsort((key, group))
    g_sorted = group[order]
    start = np.r_[0, np.flatnonzero(np.diff(g_sorted)) + 1]
    size_sorted = np.diff(np.r_[start, len(g_sorted)])
    first = np.repeat(start, size_sorted)
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = np.arange(len(group)) - first
    size = np.empty(len(group), dtype=np.int64)
    size[order] = np.repeat(size_sorted, size_sorted)
    return order, rank, size


def _pasangan(atasan: np.ndarray, jumlah_rekan: int, jumlah_bawahan: int,
              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ratee, rater, peran code) positions for every rating, vectorised.

    Peers: members of an atasan's team sit in a random circle and each ASN is rated by the
    next ``jumlah_rekan`` colleagues (a uniformly random subset per ASN; each peer rater rates
    the same number of colleagues). Subordinates: a random ``jumlah_bawahan`` of the direct
    reports.
    """
    n = len(atasan)
    all_pos = np.arange(n)
    has = np.flatnonzero(atasan >= 0)
    ratee = [has, all_pos]
    rater = [atasan[has], all_pos]
    peran = [np.full(len(has), PERAN_PENILAI.index("atasan"), np.int8),
             np.full(n, PERAN_PENILAI.index("diri"), np.int8)]
    if len(has):
        order, rank, size = _sampel_kelompok(atasan[has], rng)
        start = np.arange(len(has)) - rank[order]  # start of each sorted member's team
        sorted_rank = rank[order]
        sorted_size = size[order]
        for k in range(1, jumlah_rekan + 1):
            ok = k < sorted_size
            nxt = start[ok] + (sorted_rank[ok] + k) % sorted_size[ok]
            ratee.append(has[order[ok]])
            rater.append(has[order[nxt]])
            peran.append(np.full(int(ok.sum()), PERAN_PENILAI.index("rekan"), np.int8))
        pick = rank < jumlah_bawahan
        ratee.append(atasan[has[pick]])
        rater.append(has[pick])
        peran.append(np.full(int(pick.sum()), PERAN_PENILAI.index("bawahan"), np.int8))
    ratee_a, rater_a, peran_a = np.concatenate(ratee), np.concatenate(rater), np.concatenate(peran)
    o = np.lexsort((rater_a, peran_a, ratee_a))
    return ratee_a[o], rater_a[o], peran_a[o]


def _atasan_kebenaran_penilai(scenario: Scenario, pegawai: pd.DataFrame,
                              kebenaran: pd.DataFrame, rng: np.random.Generator,
                              unit_kerja: pd.DataFrame | None,
                              penilai: BiasPenilai | None = None
                              ) -> tuple[np.ndarray, np.ndarray, BiasPenilai]:
    """What both rating tables start from: each ASN's atasan (row position, -1 none), true
    behaviour, and the raters' biases (:func:`leniensi_penilai`, drawn from a stream derived
    from ``rng``'s seed; ``penilai``: biases carried over instead, e.g. from last year)."""
    atasan = _atasan_pos(pegawai, pd.Index(pegawai["asn_id"]))
    benar = nilai_kebenaran(pegawai["asn_id"], kebenaran, "asn_id", "perilaku_benar",
                            "kebenaran")
    if penilai is None:
        penilai = leniensi_penilai(scenario, pegawai, rng, unit_kerja)
    return atasan, benar, penilai


def build_penilaian_perilaku(scenario: Scenario, pegawai: pd.DataFrame,
                             kebenaran: pd.DataFrame, rng: np.random.Generator, *,
                             unit_kerja: pd.DataFrame | None = None,
                             penilai: BiasPenilai | None = None) -> pd.DataFrame:
    """The ``penilaian_perilaku`` table: BerAKHLAK 1-5 scores from every rater of every ASN.

    Pass ``unit_kerja`` (with ``kode_unit``) so ``penilai.per_opd`` can find each rater's
    OPD; it is required when ``per_opd`` is set. ``penilai``: the raters' biases when they
    are given (carried over a year) rather than drawn. Rows are sorted by ASN, role, rater.
    """
    wajib_kolom(pegawai, "pegawai", ("asn_id", "atasan_id", "opd_id"))
    cfg = scenario.penilai
    kp = konstanta()["perilaku"]
    atasan, benar, pen = _atasan_kebenaran_penilai(scenario, pegawai, kebenaran, rng,
                                                   unit_kerja, penilai)
    ratee, rater, peran = _pasangan(atasan, cfg.jumlah_rekan, cfg.jumlah_bawahan_maks, rng)
    m, n = len(ratee), len(pegawai)

    f32 = np.float32
    nilai = len(BERAKHLAK)
    true_v = (float(kp["rata"]) + float(kp["per_z"]) * benar[:, None]
              + float(kp["sd_nilai"]) * rng.standard_normal((n, nilai))).astype(f32)
    tengah = f32(kp["titik_tengah"])
    kesan = true_v.mean(axis=1)[ratee] + f32(cfg.noise_sd) * rng.standard_normal(m, dtype=f32)
    tarik = (1.0 - pen.tendensi_sentral[rater]).astype(f32)
    geser = (pen.leniensi[rater] + cfg.inflasi_diri * (peran == PERAN_PENILAI.index("diri"))
             ).astype(f32)
    halo = pen.halo[rater].astype(f32)  # the rater's OPD may have its own
    lo, hi = PERILAKU_SKALA
    cols: dict[str, object] = {
        "asn_id": pegawai["asn_id"].to_numpy()[ratee].astype(np.int32),
        "penilai_id": pegawai["asn_id"].to_numpy()[rater].astype(np.int32),
        "peran": pd.Categorical.from_codes(peran, categories=list(PERAN_PENILAI)),
    }
    for v, name in enumerate(BERAKHLAK):
        spesifik = true_v[ratee, v] + f32(cfg.noise_sd) * rng.standard_normal(m, dtype=f32)
        p = halo * kesan + (f32(1) - halo) * spesifik
        x = tengah + tarik * (p - tengah) + geser
        cols[name] = np.clip(bulat_setengah_atas(x), lo, hi).astype(np.int8)
    return bingkai_skema(cols, PENILAIAN_PERILAKU)


def build_perilaku_aspek(scenario: Scenario, pegawai: pd.DataFrame,
                         kebenaran: pd.DataFrame, rng: np.random.Generator, *,
                         unit_kerja: pd.DataFrame | None = None,
                         penilai: BiasPenilai | None = None) -> pd.DataFrame:
    """The ``perilaku_aspek`` table: PP 46/2011 and PP 30/2019 aspects (0-100) by the atasan.

    Uses the atasan's leniency and central tendency from :func:`leniensi_penilai` (the top,
    without an atasan in the data, gets the scenario's mean leniency). ``kepemimpinan`` only
    for struktural (jpt_pratama, administrator, pengawas), null otherwise.
    """
    wajib_kolom(pegawai, "pegawai", ("asn_id", "atasan_id", "opd_id", "jenis_jabatan"))
    cfg = scenario.penilai
    ka = konstanta()["perilaku_aspek"]
    atasan, benar, pen = _atasan_kebenaran_penilai(scenario, pegawai, kebenaran, rng,
                                                   unit_kerja, penilai)
    has = atasan >= 0
    safe = np.where(has, atasan, 0)
    len_ = np.where(has, pen.leniensi[safe], cfg.leniensi_rata)
    tarik = 1.0 - np.where(has, pen.tendensi_sentral[safe], cfg.tendensi_sentral)
    n = len(pegawai)
    pusat = float(ka["pusat"])
    struktural = pegawai["jenis_jabatan"].astype(str).isin(STRUKTURAL).to_numpy()
    cols: dict[str, object] = {"asn_id": pegawai["asn_id"].to_numpy().astype(np.int32)}
    for aspek in ASPEK:
        benar_a = float(ka["per_z"]) * benar + float(ka["sd_aspek"]) * rng.standard_normal(n)
        x = (pusat + tarik * benar_a + float(ka["poin_per_leniensi"]) * len_
             + float(ka["noise"]) * rng.standard_normal(n))
        s = 10.0 ** int(ka["desimal"])
        x = np.clip(bulat_setengah_atas(x * s) / s, 0.0, 100.0)
        if aspek == "kepemimpinan":
            x = np.where(struktural, x, np.nan)
        cols[aspek] = x
    hasil = nilai_kebenaran(pegawai["asn_id"], kebenaran, "asn_id", "hasil_benar", "kebenaran")
    cols.update(tambahan_skp(scenario, hasil, rng))  # drawn last: the aspects stay as they were
    return bingkai_skema(cols, PERILAKU_ASPEK)


def tambahan_skp(scenario: Scenario, hasil_benar: np.ndarray, rng: np.random.Generator
                 ) -> dict[str, object]:
    """``tugas_tambahan`` and ``kreativitas`` of every ASN from the true results.

    Tugas tambahan: Poisson with mean ``tambahan.rerata_tugas_tambahan`` × exp(b·z − b²/2)
    (b = ``per_z_tugas``: the better get more, the mean stays). Kreativitas: the
    ``tambahan.porsi_kreativitas`` share with the highest z + ``sd_kreativitas``·noise has a
    creative work; of those the best ``porsi_negara`` benefit the negara, the next
    ``porsi_organisasi`` the organisasi, the rest the unit kerja; everyone else ``tidak``.

    >>> from simkit.scenario import Scenario
    >>> sc = Scenario.model_validate({"nama": "x", "seed": 1, "tambahan": {"porsi_kreativitas": 0.5}})
    >>> out = tambahan_skp(sc, np.array([2.0, -2.0, 0.0, 1.0]), np.random.default_rng(0))
    >>> int((out["kreativitas"] != "tidak").sum())
    2
    """
    kt = konstanta()["tambahan"]
    cfg = scenario.tambahan
    n = len(hasil_benar)
    b = float(kt["per_z_tugas"])
    tugas = rng.poisson(cfg.rerata_tugas_tambahan * np.exp(b * hasil_benar - b * b / 2.0))
    laten = hasil_benar + float(kt["sd_kreativitas"]) * rng.standard_normal(n)
    urutan = np.empty(n, dtype=np.int64)
    urutan[np.argsort(-laten, kind="stable")] = np.arange(n)  # 0 = the best
    k = int(bulat_setengah_atas(cfg.porsi_kreativitas * n))
    negara = int(bulat_setengah_atas(float(kt["porsi_negara"]) * k))
    organisasi = negara + int(bulat_setengah_atas(float(kt["porsi_organisasi"]) * k))
    kode = np.select([urutan < negara, urutan < organisasi, urutan < k], [3, 2, 1], 0)
    return {"tugas_tambahan": pd.array(tugas, dtype="Int64"),
            "kreativitas": pd.Categorical.from_codes(kode.astype(np.int8),
                                                     categories=list(KREATIVITAS))}
