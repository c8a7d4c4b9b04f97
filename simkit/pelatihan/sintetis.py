"""Synthetic before/after responses with a known effect, to test the analysis (issue 12 §4).

For each of ``n`` participants and each Likert subscale (``k`` items) a latent attitude
``θ₀ ~ N(0, 1)`` before and ``θ₁ = ρ θ₀ + √(1 − ρ²) η + m`` after. Each item's continuous
answer is ``μ + σ (λ θ + √(1 − λ²) ε)`` rounded to the scale and clipped to 1..5; a
reverse-keyed item is stored flipped (``6 − x``), as a participant would circle it.

The loading follows from the wanted reliability ``α`` (with the rounding error's variance
1/12 added to each item): ``λ² = α (σ² + 1/12) / (σ² (k − α (k − 1)))``. The shift ``m``
follows from the wanted ``d_z`` of the subscale score:
``Var(D) = σ² λ² (2 − 2ρ) + 2 σ² (1 − λ²) / k + 2 / (12 k)`` and ``m = d_z √Var(D) / (σ λ)``
(clipping at the scale ends, rare with the defaults, lowers both a little).

Knowledge: an ability ``a ~ N(0, 1)`` per participant; item answered right with probability
``Φ(c + 0.8 a)``, ``c`` chosen so the share right is ``peluang_benar`` before and after; a
wrong answer is a wrong option drawn uniformly. Every draw comes from
``numpy.random.default_rng(seed)``; the seed is a required argument.

:func:`sebagai_google_forms` renders a frame as a Google Forms export (question texts as
headers, ``4 - Setuju`` answers), for the importer's round trip.

>>> df = bangkitkan(n=3, seed=7)
>>> list(df.columns[:3]), len(df), sorted(set(df["waktu"]))
(['kode', 'waktu', 'kp1'], 6, ['sebelum', 'sesudah'])
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from simkit.analysis.uji_berpasangan import phi
from simkit.errors import galat
from simkit.pelatihan.instrumen import KOLOM_KODE, KOLOM_WAKTU, WAKTU, Instrumen, muat_instrumen
from simkit.widgets.kuis import HURUF

SEBARAN = 0.9
"""σ: the spread of an item's continuous answer, in scale points."""


def muatan(alpha: float, k: int, sebaran: float = SEBARAN) -> float:
    """The loading λ that gives a ``k``-item subscale the reliability ``alpha`` after rounding.

    >>> round(muatan(0.8, 3), 3)
    0.794
    """
    s2 = sebaran * sebaran
    l2 = alpha * (s2 + 1.0 / 12.0) / (s2 * (k - alpha * (k - 1)))
    if not 0 < alpha < 1 or l2 >= 1:
        raise galat("di_luar_rentang", bidang="keandalan", ditemukan=repr(alpha),
                    diharapkan=f"0 < α < {k * s2 / (s2 * (k - 1) + s2 + 1 / 12):.3f} (k = {k})")
    return math.sqrt(l2)


def geser_laten(d_z: float, lam: float, k: int, korelasi: float,
                sebaran: float = SEBARAN) -> float:
    """The latent shift ``m`` that gives the subscale score the paired effect ``d_z``.

    >>> round(geser_laten(0.5, 0.794, 3, 0.6), 3)
    0.57
    """
    s2 = sebaran * sebaran
    var = s2 * lam * lam * (2 - 2 * korelasi) + 2 * s2 * (1 - lam * lam) / k + 2 / (12 * k)
    return d_z * math.sqrt(var) / (sebaran * lam)


def _per_skala(nilai: float | Mapping[str, float], ins: Instrumen, nama: str) -> dict[str, float]:
    ids = [s.id for s in ins.subskala]
    if isinstance(nilai, Mapping):
        asing = sorted(set(nilai) - set(ids))
        if asing:
            raise galat("bidang_tidak_dikenal", bidang=nama, ditemukan=repr(asing[0]),
                        diharapkan=", ".join(ids))
        return {i: float(nilai.get(i, 0.0 if nama == "efek" else 0.8)) for i in ids}
    return dict.fromkeys(ids, float(nilai))


def _kode(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct codes of the recipe's shape (2 letters + 4 digits)."""
    huruf = rng.integers(0, 26, size=(4 * n + 10, 2))
    angka = rng.integers(0, 10_000, size=4 * n + 10)
    kode = np.array([f"{chr(65 + a)}{chr(65 + b)}{c:04d}" for (a, b), c in zip(huruf, angka,
                                                                             strict=True)])
    _, pertama = np.unique(kode, return_index=True)
    return kode[np.sort(pertama)][:n]


def bangkitkan(n: int = 60, efek: float | Mapping[str, float] = 0.5,
               keandalan: float | Mapping[str, float] = 0.8, korelasi: float = 0.6, *,
               seed: int, rata_sebelum: float = 3.0, sebaran: float = SEBARAN,
               peluang_benar: tuple[float, float] = (0.45, 0.7), hilang: float = 0.0,
               ins: Instrumen | None = None) -> pd.DataFrame:
    """``2 n`` rows (each code ``sebelum`` then ``sesudah``) in the simkit layout.

    ``efek``/``keandalan``: the true ``d_z`` and alpha, one number or per subscale id;
    ``korelasi``: ρ between the latent attitude before and after; ``hilang``: the share of
    Likert answers left blank (at random).
    """
    ins = ins or muat_instrumen()
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise galat("nilai_tidak_valid", bidang="n", diharapkan="≥ 1", ditemukan=repr(n))
    if not -1 < korelasi < 1:
        raise galat("di_luar_rentang", bidang="korelasi", diharapkan="-1 < ρ < 1",
                    ditemukan=repr(korelasi))
    rng = np.random.default_rng(seed)
    efek_s, alpha_s = _per_skala(efek, ins, "efek"), _per_skala(keandalan, ins, "keandalan")
    kode = _kode(rng, n)
    kolom: dict[str, np.ndarray] = {KOLOM_KODE: np.repeat(kode, 2),
                                    KOLOM_WAKTU: np.tile(np.array(WAKTU), n)}
    for s in ins.subskala:
        k = len(s.butir)
        lam = muatan(alpha_s[s.id], k, sebaran)
        m = geser_laten(efek_s[s.id], lam, k, korelasi, sebaran)
        t0 = rng.standard_normal(n)
        t1 = korelasi * t0 + math.sqrt(1 - korelasi ** 2) * rng.standard_normal(n) + m
        theta = np.column_stack([t0, t1]).ravel()           # row order: pre, post per code
        eps = rng.standard_normal((2 * n, k))
        y = rata_sebelum + sebaran * (lam * theta[:, None] + math.sqrt(1 - lam * lam) * eps)
        x = np.clip(np.rint(y), ins.skala_min, ins.skala_maks)
        balik = np.array([b.terbalik for b in s.butir])
        x = np.where(balik, ins.skala_min + ins.skala_maks - x, x)
        if hilang > 0:
            x = np.where(rng.random(x.shape) < hilang, np.nan, x)
        for j, b in enumerate(s.butir):
            kolom[b.id] = x[:, j]
    if ins.pengetahuan:
        kemampuan = np.repeat(rng.standard_normal(n), 2)
        skala = math.sqrt(1 + 0.8 ** 2)
        c = np.tile([NormalDist().inv_cdf(p) * skala for p in peluang_benar], n)
        u = rng.random((2 * n, len(ins.pengetahuan)))
        benar = u < phi(c + 0.8 * kemampuan)[:, None]
        for j, b in enumerate(ins.pengetahuan):
            salah = [i for i in range(len(b.kuis.pilihan)) if i != b.kuis.indeks_benar]
            acak = np.array(salah)[rng.integers(0, len(salah), size=2 * n)]
            pilih = np.where(benar[:, j], b.kuis.indeks_benar, acak)
            kolom[b.id] = np.array(list(HURUF), dtype=object)[pilih]
    return pd.DataFrame(kolom)


def sebagai_google_forms(df: pd.DataFrame, lang: str = "id", ins: Instrumen | None = None,
                         jawaban: str = "angka_label") -> pd.DataFrame:
    """``df`` (simkit layout) as a Google Forms export: ``Timestamp``/``Stempel waktu``
    first, then every question's full text as header. ``jawaban``: Likert answers as
    ``angka_label`` (``4 - Setuju``), ``label`` (``Setuju``) or ``angka`` (``4``).

    >>> g = sebagai_google_forms(bangkitkan(n=2, seed=1), "en")
    >>> list(g.columns[:2]), g.iloc[0, 3][:4] in ("1 - ", "2 - ", "3 - ", "4 - ", "5 - ")
    (['Timestamp', 'Your pairing code (2 letters + 4 digits)'], True)
    """
    ins = ins or muat_instrumen()
    stempel = "Stempel waktu" if lang == "id" else "Timestamp"
    i = np.arange(len(df))
    out = {stempel: [f"2026/03/10 {8 + j // 3600:02d}:{j // 60 % 60:02d}:{j % 60:02d}"
                     for j in i],
           ins.teks["pertanyaan_kode"][lang]: df[KOLOM_KODE].to_numpy(),
           ins.teks["pertanyaan_waktu"][lang]: df[KOLOM_WAKTU].map(
               {w: ins.teks["waktu"][w][lang] for w in WAKTU}).to_numpy()}
    label = {k: v[lang] for k, v in ins.label_skala.items()}
    for b in ins.butir_skala:
        v = df[b.id]
        angka = v.map(lambda x: "" if pd.isna(x) else str(int(x)))
        teks = v.map(lambda x: "" if pd.isna(x) else label[int(x)])
        out[b.teks[lang]] = {"angka": angka, "label": teks,
                             "angka_label": angka.where(angka == "", angka + " - " + teks)
                             }[jawaban].to_numpy()
    for b in ins.pengetahuan:
        teks = {HURUF[j]: p.teks[lang] for j, p in enumerate(b.kuis.pilihan)}
        out[b.kuis.teks[lang]] = df[b.id].map(teks).fillna("").to_numpy()
    return pd.DataFrame(out)


def tulis_google_forms(df: pd.DataFrame, path: str | Path, lang: str = "id",
                       ins: Instrumen | None = None, jawaban: str = "angka_label") -> Path:
    """Write :func:`sebagai_google_forms` as CSV (atomically)."""
    from simkit.tables import tulis_tabel

    return tulis_tabel(sebagai_google_forms(df, lang, ins, jawaban), path)
