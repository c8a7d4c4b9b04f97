"""Kesepakatan penilai: how far the atasan, rekan, bawahan and the ASN themself agree (360).

Every rater of an ASN scores the seven BerAKHLAK values on 1..5 (table ``penilaian_perilaku``).
A rater's score is the mean of the seven values; a role's score for a ratee is the mean over
the raters of that role (two rekan, up to three bawahan; one atasan, one self). Per OPD of the
ratee, and for all OPDs together, :func:`kesepakatan_penilai` gives:

- ``icc``: the intraclass correlation ICC(1) (one-way random, absolute agreement; Shrout &
  Fleiss 1979, case 1; McGraw & Wong 1996, ICC(1)) of the role scores, with the ratees as
  targets and the rater roles as the raters, and its 95 % confidence interval;
- ``selisih_diri_atasan``: the mean self minus atasan score over ratees who have both, in
  points of the 1..5 scale (positive: people rate themselves higher than their atasan does);
  ``selisih_rekan_atasan`` the same for the peers' mean.

Why ICC(1): every ratee has *different* raters (their own atasan, their own peers), a ratee
has 2, 3 or 4 roles, and the roles differ systematically (self-ratings are inflated). The
one-way model treats the raters as nested in the ratees, so it needs no complete
ratee × role grid, fits unbalanced data exactly (the k0 adjustment for unequal numbers of
roles), and counts a systematic role difference as disagreement: the absolute agreement a
360 assessment needs. ICC(2,1) assumes the same raters score every target and a complete
grid; with missing roles its two-way ANOVA is no longer orthogonal. A role with several
raters enters as their mean (as a 360 score combines them), so the ICC is the agreement of
the roles' scores, not of single raters. Leniency shared by every rater of an OPD is a
difference between ratees that every role sees, so it raises the all-OPD ICC: agreement is
not accuracy.

Rule of thumb for a single role's score (Koo & Li 2016): below 0.5 poor, 0.5-0.75 moderate,
0.75-0.9 good, above 0.9 excellent.

>>> import simkit                                                        # doctest: +SKIP
>>> pop = simkit.generate("scenarios/mamuju_baseline.yaml")              # doctest: +SKIP
>>> kesepakatan_penilai(pop).tail(1)[["nama_opd", "icc", "selisih_diri_atasan"]]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.registri import Syarat, Tabel, Ukuran
from simkit.errors import galat
from simkit.i18n import t
from simkit.population.schema import BERAKHLAK, PERAN_PENILAI

if TYPE_CHECKING:
    from simkit.population.model import Population

NAMA = "kesepakatan_penilai"
"""The table's stable name."""

KOLOM: tuple[str, ...] = (
    "opd_id", "nama_opd", "jumlah_pegawai", "jumlah_penilaian", "icc", "icc_ci_bawah",
    "icc_ci_atas", "selisih_diri_atasan", "n_diri_atasan", "selisih_rekan_atasan",
    "n_rekan_atasan",
)
"""Columns of :func:`kesepakatan_penilai`, in order."""

KOLOM_ICC: tuple[str, ...] = (
    "kelompok", "jumlah_target", "jumlah_nilai", "k0", "icc", "icc_ci_bawah", "icc_ci_atas")
"""Columns of :func:`icc_satu_arah`, in order."""

BATAS_TAFSIR: tuple[float, ...] = (0.5, 0.75, 0.9)
"""ICC bounds between poor, moderate, good and excellent reliability (Koo & Li 2016)."""

TAFSIR: tuple[str, ...] = ("buruk", "sedang", "baik", "sangat_baik")
"""Ids of the four ICC bands of :data:`BATAS_TAFSIR`; labels ``analisis.kesepakatan.tafsir.*``."""

BUTUH_PENILAIAN = "butuh_penilaian_perilaku"
"""Note code: the population has no ``penilaian_perilaku`` rows."""

BUTUH_DUA_PERAN = "butuh_dua_peran"
"""Note code: no ratee is scored by two or more rater roles."""


# --------------------------------------------------------------------------- F quantiles


def _lbeta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lg = np.frompyfunc(math.lgamma, 1, 1)
    return (lg(a) + lg(b) - lg(a + b)).astype(np.float64)


def _beta_teratur(x: np.ndarray, a: np.ndarray, b: np.ndarray, lbeta: np.ndarray,
                  maks_iterasi: int = 20_000) -> np.ndarray:
    """Regularised incomplete beta I_x(a, b), elementwise (continued fraction, modified Lentz;
    Press et al., Numerical Recipes, 2nd ed., 6.4), for 0 < x < 1."""
    tukar = x > (a + 1.0) / (a + b + 2.0)
    xx = np.where(tukar, 1.0 - x, x)
    aa = np.where(tukar, b, a)
    bb = np.where(tukar, a, b)
    kecil, eps = 1e-300, 1e-15
    qab, qap, qam = aa + bb, aa + 1.0, aa - 1.0
    c = np.ones_like(xx)
    d = 1.0 - qab * xx / qap
    d = 1.0 / np.where(np.abs(d) < kecil, kecil, d)
    h = d.copy()
    for m in range(1, maks_iterasi + 1):
        m2 = 2 * m
        for num in (m * (bb - m) * xx / ((qam + m2) * (aa + m2)),
                    -(aa + m) * (qab + m) * xx / ((aa + m2) * (qap + m2))):
            d = 1.0 + num * d
            d = 1.0 / np.where(np.abs(d) < kecil, kecil, d)
            c = 1.0 + num / c
            c = np.where(np.abs(c) < kecil, kecil, c)
            delta = d * c
            h = h * delta
        if np.all(np.abs(delta - 1.0) < eps):
            break
    muka = np.exp(aa * np.log(xx) + bb * np.log1p(-xx) - lbeta)
    nilai = muka * h / aa
    return np.where(tukar, 1.0 - nilai, nilai)


def kuantil_f(p: float, df1: np.ndarray, df2: np.ndarray) -> np.ndarray:
    """The ``p`` quantile of the F(df1, df2) distribution, elementwise (no SciPy needed).

    Solves I_u(df1/2, df2/2) = p for u by Newton steps kept inside a shrinking bracket
    (bisection when a step leaves it), then F = df2 u / (df1 (1 - u)). Accurate to about
    1e-10; NaN where a degree of freedom is not positive.

    >>> [round(float(v), 3) for v in kuantil_f(0.975, np.array([5, 18]), np.array([18, 5]))]
    [3.382, 6.362]
    >>> round(float(kuantil_f(0.95, np.array([2.0]), np.array([10.0]))[0]), 10)  # df1 = 2: closed form
    4.1028210151
    """
    df1 = np.asarray(df1, dtype=np.float64)
    df2 = np.asarray(df2, dtype=np.float64)
    df1, df2 = np.broadcast_arrays(df1, df2)
    sah = (df1 > 0) & (df2 > 0) & np.isfinite(df1) & np.isfinite(df2)
    out = np.full(df1.shape, np.nan)
    if not sah.any() or not 0.0 < p < 1.0:
        return out
    a, b = df1[sah] / 2.0, df2[sah] / 2.0
    lb = _lbeta(a, b)
    bawah, atas = np.zeros_like(a), np.ones_like(a)
    u = a / (a + b)
    for _ in range(200):
        f = _beta_teratur(u, a, b, lb) - p
        bawah = np.where(f < 0, u, bawah)
        atas = np.where(f > 0, u, atas)
        rapat = np.exp((a - 1.0) * np.log(u) + (b - 1.0) * np.log1p(-u) - lb)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            baru = u - f / rapat
        luar = ~np.isfinite(baru) | (baru <= bawah) | (baru >= atas)
        baru = np.where(luar, (bawah + atas) / 2.0, baru)
        selesai = (np.abs(baru - u) <= 1e-14 * np.maximum(u, 1e-300)) | (f == 0)
        u = np.where(f == 0, u, baru)
        if selesai.all():
            break
    out[sah] = df2[sah] * u / (df1[sah] * (1.0 - u))
    return out


# --------------------------------------------------------------------------- ICC(1)


def icc_satu_arah(nilai: np.ndarray | pd.Series, target: np.ndarray | pd.Series,
                  kelompok: np.ndarray | pd.Series | None = None,
                  tingkat_kepercayaan: float = 0.95) -> pd.DataFrame:
    """ICC(1) (one-way random effects, single rater) per group, from long data.

    One value per row: ``nilai`` is the score, ``target`` the rated unit (ids unique across
    groups), ``kelompok`` the group (``None``: one group, labelled 0). From the one-way ANOVA
    with k_i values for target i (N = sum k_i, n targets), k0 = (N - sum k_i^2 / N) / (n - 1)
    and

        ICC(1) = (MSB - MSW) / (MSB + (k0 - 1) MSW)

    with the F-based confidence interval of Shrout & Fleiss (1979, case 1), F = MSB / MSW on
    (n - 1, N - n) degrees of freedom, k replaced by k0 (exact for balanced data, the usual
    approximation otherwise; Donner 1986). NaN where a group has fewer than two targets or no
    within-target degree of freedom, or no variance at all; 1 (interval 1..1) when every target
    gets identical values but targets differ. All sums are group-wise bincounts: no loop over
    targets or groups.

    Columns :data:`KOLOM_ICC`: ``kelompok, jumlah_target, jumlah_nilai, k0, icc,
    icc_ci_bawah, icc_ci_atas``.

    Shrout & Fleiss (1979) Table 2 (6 targets x 4 judges):

    >>> y = [9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7]
    >>> r = icc_satu_arah(np.array(y, float), np.repeat(np.arange(6), 4))
    >>> round(float(r["icc"].iloc[0]), 2), round(float(r["icc_ci_bawah"].iloc[0]), 2)
    (0.17, -0.13)
    """
    y = np.asarray(nilai, dtype=np.float64)
    t_kode, _ = pd.factorize(np.asarray(target), sort=False)
    if kelompok is None:
        g_kode, g_nama = np.zeros(len(y), dtype=np.int64), np.array([0])
    else:
        g_kode, g_nama = pd.factorize(np.asarray(kelompok), sort=True)
    nt, ng = int(t_kode.max(initial=-1)) + 1, len(g_nama)
    k = np.bincount(t_kode, minlength=nt).astype(np.float64)
    rata_t = np.bincount(t_kode, y, nt) / np.where(k > 0, k, 1)
    dalam_t = np.bincount(t_kode, (y - rata_t[t_kode]) ** 2, nt)
    g_t = np.zeros(nt, dtype=np.int64)
    g_t[t_kode] = g_kode
    n = np.bincount(g_t, minlength=ng).astype(np.float64)
    big_n = np.bincount(g_t, k, ng)
    rata_g = np.bincount(g_t, k * rata_t, ng) / np.where(big_n > 0, big_n, 1)
    ssb = np.bincount(g_t, k * (rata_t - rata_g[g_t]) ** 2, ng)
    ssw = np.bincount(g_t, dalam_t, ng)
    df_b, df_w = n - 1.0, big_n - n
    sah = (df_b >= 1) & (df_w >= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        msb = np.where(sah, ssb / df_b, np.nan)
        msw = np.where(sah, ssw / df_w, np.nan)
        k0 = np.where(df_b >= 1, (big_n - np.bincount(g_t, k * k, ng) / big_n) / df_b, np.nan)
        icc = (msb - msw) / (msb + (k0 - 1.0) * msw)
        f = msb / msw
        alfa = 1.0 - tingkat_kepercayaan
        f_bawah = f / kuantil_f(1.0 - alfa / 2, df_b, df_w)
        f_atas = f * kuantil_f(1.0 - alfa / 2, df_w, df_b)
        bawah = (f_bawah - 1.0) / (f_bawah + k0 - 1.0)
        atas = (f_atas - 1.0) / (f_atas + k0 - 1.0)
    sempurna = sah & (msw == 0) & (msb > 0)
    bawah = np.where(sempurna, 1.0, bawah)
    atas = np.where(sempurna, 1.0, atas)
    return pd.DataFrame({
        "kelompok": g_nama, "jumlah_target": n.astype(np.int64),
        "jumlah_nilai": big_n.astype(np.int64), "k0": k0, "icc": icc,
        "icc_ci_bawah": bawah, "icc_ci_atas": atas,
    }, columns=list(KOLOM_ICC))


# --------------------------------------------------------------------------- the table


def butuh_kesepakatan(population: Population) -> str | None:
    """Why :func:`kesepakatan_penilai` cannot run on ``population``, or ``None`` when it can.

    Returns the note code :data:`BUTUH_PENILAIAN` (no ``penilaian_perilaku`` rows) or
    :data:`BUTUH_DUA_PERAN` (no ratee is scored by two or more rater roles); their texts are
    ``analisis.catatan.<code>`` (placeholder ``{metrik}``), so a comparison can show the
    standard one-row note instead of the table.

    >>> from types import SimpleNamespace
    >>> butuh_kesepakatan(SimpleNamespace(penilaian_perilaku=None))
    'butuh_penilaian_perilaku'
    """
    return _sel_dinilai(population)[0]


def _sel_dinilai(population: Population) -> tuple[str | None, pd.DataFrame]:
    """(note code or None, role cells of the ratees with at least two roles)."""
    pp = getattr(population, "penilaian_perilaku", None)
    if pp is None or len(pp) == 0 or not {"asn_id", "peran", *BERAKHLAK} <= set(pp.columns):
        return BUTUH_PENILAIAN, pd.DataFrame()
    sel = _sel_peran(pp)
    k = sel.groupby("asn_id", sort=True).size()
    sel = sel[sel["asn_id"].isin(k.index[k.to_numpy() >= 2])]
    return (BUTUH_DUA_PERAN if sel.empty else None), sel


def _sel_peran(pp: pd.DataFrame) -> pd.DataFrame:
    """Role cells: one row per (ratee, role) with the mean of the raters' sums of the seven
    values (``jumlah``, on 7..35) and the number of raters. Ratings with a missing value or
    an unknown role are left out."""
    jumlah = pp[list(BERAKHLAK)].to_numpy(dtype=np.float64).sum(axis=1)
    kode = pd.Categorical(pp["peran"], categories=list(PERAN_PENILAI)).codes
    ok = np.isfinite(jumlah) & (kode >= 0)
    long = pd.DataFrame({"asn_id": pp["asn_id"].to_numpy()[ok].astype(np.int64),
                         "peran": kode[ok], "jumlah": jumlah[ok]})
    return (long.groupby(["asn_id", "peran"], sort=True)["jumlah"]
            .agg(jumlah="mean", penilai="size").reset_index())


def _selisih(lebar: pd.DataFrame, peran: str, kode_g: np.ndarray, ng: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Mean of (role - atasan) on the points scale per group, and the number of ratees."""
    d = (lebar[PERAN_PENILAI.index(peran)] - lebar[PERAN_PENILAI.index("atasan")]).to_numpy()
    ok = np.isfinite(d)
    n = np.bincount(kode_g[ok], minlength=ng)
    with np.errstate(divide="ignore", invalid="ignore"):
        rata = np.bincount(kode_g[ok], d[ok], ng) / n / len(BERAKHLAK)
    return np.where(n > 0, rata, np.nan), n.astype(np.int64)


def kesepakatan_penilai(population: Population,
                        tingkat_kepercayaan: float = 0.95) -> pd.DataFrame:
    """Agreement of the rater roles on BerAKHLAK, per OPD of the ratee and for all OPDs.

    One row per OPD that has employees (by ``opd_id``), then one total row for all OPDs
    together, marked by ``opd_id`` = ``<NA>`` (nullable ``Int64``) and ``nama_opd`` =
    ``analisis.kesepakatan.semua_opd`` in the active language. The total is computed from
    all ratees at once, not averaged over OPDs. Columns :data:`KOLOM`:

    - ``jumlah_pegawai``: ratees with at least two rater roles (only they enter the ICC);
    - ``jumlah_penilaian``: their ratings (rows of ``penilaian_perilaku``);
    - ``icc``, ``icc_ci_bawah``, ``icc_ci_atas``: ICC(1) of the role scores and its
      ``tingkat_kepercayaan`` interval (see :func:`icc_satu_arah` and the module text);
    - ``selisih_diri_atasan`` / ``n_diri_atasan``: mean self minus atasan score (points of
      the 1..5 scale) over the ratees with both, and their number; ``selisih_rekan_atasan`` /
      ``n_rekan_atasan``: the same for the peers' mean score.

    An OPD without ratees of two roles has 0 counts and NaN values. A population that
    cannot give the table (see :func:`butuh_kesepakatan`) raises a located
    :class:`~simkit.errors.SimkitError` with code ``metrik_butuh_penilaian_perilaku`` or
    ``metrik_butuh_dua_peran``; call :func:`butuh_kesepakatan` first to show a note instead.
    Ratings with a missing value or an unknown role are left out.

    >>> import simkit                                                    # doctest: +SKIP
    >>> tb = kesepakatan_penilai(simkit.generate("scenarios/mamuju_baseline.yaml"))  # doctest: +SKIP
    >>> tb[tb["opd_id"].isna()][["icc", "selisih_diri_atasan"]]         # doctest: +SKIP
    """
    kode, sel = _sel_dinilai(population)
    if kode is not None:
        raise galat(f"metrik_{kode}", berkas="penilaian_perilaku", metrik=NAMA)
    peg = population.pegawai
    opd_asn = pd.Series(peg["opd_id"].to_numpy(), index=peg["asn_id"].to_numpy())
    opd_sel = opd_asn.reindex(sel["asn_id"].to_numpy()).to_numpy()
    if pd.isna(opd_sel).any():
        asing = sel["asn_id"].to_numpy()[pd.isna(opd_sel)]
        raise galat("pegawai_tidak_dikenal", berkas="penilaian_perilaku", kolom="asn_id",
                    ditemukan=", ".join(map(str, pd.unique(asing)[:5])))
    opd_sel = opd_sel.astype(np.int64)
    daftar_opd = np.sort(pd.unique(peg["opd_id"].to_numpy().astype(np.int64)))
    ng = len(daftar_opd) + 1                              # the last group: all OPDs
    g_sel = np.searchsorted(daftar_opd, opd_sel)
    nilai = sel["jumlah"].to_numpy() / len(BERAKHLAK)
    target = sel["asn_id"].to_numpy()
    # per OPD and, as one more group of the same targets, all OPDs together
    icc = icc_satu_arah(np.r_[nilai, nilai], np.r_[target, -target - 1],
                        np.r_[g_sel, np.full(len(g_sel), ng - 1)], tingkat_kepercayaan)
    icc = icc.set_index("kelompok").reindex(np.arange(ng))
    # counts and gaps, one row per ratee
    lebar = sel.pivot(index="asn_id", columns="peran", values="jumlah")
    lebar = lebar.reindex(columns=range(len(PERAN_PENILAI)))
    g_asn = np.searchsorted(daftar_opd, opd_asn.reindex(lebar.index).to_numpy().astype(np.int64))
    penilai = sel.groupby("asn_id", sort=True)["penilai"].sum().reindex(lebar.index).to_numpy()
    kode_g = np.r_[g_asn, np.full(len(g_asn), ng - 1)]
    lebar2 = pd.concat([lebar, lebar], ignore_index=True)
    diri, n_diri = _selisih(lebar2, "diri", kode_g, ng)
    rekan, n_rekan = _selisih(lebar2, "rekan", kode_g, ng)
    uk = population.unit_kerja
    nama = pd.Series(uk["nama_unit"].astype(str).to_numpy(), index=uk["unit_id"].to_numpy())
    nama_opd = nama.reindex(daftar_opd).fillna(pd.Series(daftar_opd.astype(str),
                                                         index=daftar_opd)).tolist()
    out = pd.DataFrame({
        "opd_id": pd.array([*daftar_opd.tolist(), None], dtype="Int64"),
        "nama_opd": [*nama_opd, t("analisis.kesepakatan.semua_opd")],
        "jumlah_pegawai": np.bincount(kode_g, minlength=ng).astype(np.int64),
        "jumlah_penilaian": np.bincount(kode_g, np.r_[penilai, penilai], ng).astype(np.int64),
        "icc": icc["icc"].to_numpy(),
        "icc_ci_bawah": icc["icc_ci_bawah"].to_numpy(),
        "icc_ci_atas": icc["icc_ci_atas"].to_numpy(),
        "selisih_diri_atasan": diri, "n_diri_atasan": n_diri,
        "selisih_rekan_atasan": rekan, "n_rekan_atasan": n_rekan,
    }, columns=list(KOLOM))
    return out


def tafsir_icc(icc: float | np.ndarray | pd.Series) -> np.ndarray:
    """The band id of each ICC value (Koo & Li 2016): ``buruk`` < 0.5 <= ``sedang`` < 0.75 <=
    ``baik`` < 0.9 <= ``sangat_baik``; an empty string for NaN.

    >>> tafsir_icc(np.array([0.3, 0.5, 0.8, 0.95, np.nan])).tolist()
    ['buruk', 'sedang', 'baik', 'sangat_baik', '']
    """
    v = np.atleast_1d(np.asarray(icc, dtype=np.float64))
    pita = np.array(TAFSIR, dtype=object)[np.searchsorted(BATAS_TAFSIR, v, side="right")
                                          .clip(0, len(TAFSIR) - 1)]
    return np.where(np.isnan(v), "", pita).astype(object)


# --------------------------------------------------------------------------- declaration


def _ada_penilaian(k: Konteks) -> bool:
    return butuh_kesepakatan(k.populasi) != BUTUH_PENILAIAN


def _dua_peran(k: Konteks) -> bool:
    return butuh_kesepakatan(k.populasi) is None


def _total(kolom: str):
    """The all-OPD value of ``kolom``, the same for every rule (agreement is of the raters)."""
    def ambil(k: Konteks, tabel: pd.DataFrame) -> np.ndarray:
        nilai = tabel.loc[tabel["opd_id"].isna(), kolom]
        v = float(nilai.iloc[0]) if len(nilai) else np.nan
        return np.full(len(k.aturan), v)
    return ambil


SYARAT = (Syarat(BUTUH_PENILAIAN, _ada_penilaian), Syarat(BUTUH_DUA_PERAN, _dua_peran))
"""BerAKHLAK ratings, from at least two rater roles (atasan, rekan, bawahan, diri)."""

URUTAN = 75
KELUARAN = (
    Tabel(NAMA, KOLOM,
          lambda k: kesepakatan_penilai(k.populasi, k.opsi_atau("tingkat_kepercayaan", 0.95)),
          syarat=SYARAT,
          ukuran=(Ukuran("icc_penilai", _total("icc")),
                  Ukuran("selisih_diri_atasan", _total("selisih_diri_atasan"))),
          sweep="kesepakatan_penilai", bagian="kesepakatan", grafik=("kesepakatan_penilai",)),
)
