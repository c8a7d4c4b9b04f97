"""Kesepakatan penilai (rater agreement): ICC(1) by hand and from the textbook, the self/atasan
gap, the notes for data without ratings, the Mamuju scenarios, the chart and its texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import simkit
from simkit.analysis.metrics.kesepakatan import (
    BUTUH_DUA_PERAN,
    BUTUH_PENILAIAN,
    KOLOM,
    KOLOM_ICC,
    butuh_kesepakatan,
    icc_satu_arah,
    kesepakatan_penilai,
    kuantil_f,
    tafsir_icc,
)
from simkit.errors import SimkitError
from simkit.i18n import has, set_lang, t
from simkit.population.model import Population
from simkit.population.schema import BERAKHLAK

# Shrout & Fleiss (1979), Table 2: 6 targets (rows) x 4 judges (columns).
SHROUT_FLEISS = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
                          [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float)
PERAN4 = ("atasan", "rekan", "bawahan", "diri")


def _populasi(baris: list[tuple[int, int, str, object]], opd: dict[int, int]) -> Population:
    """A population with only what the metric reads: ``baris`` = (asn_id, penilai_id, peran,
    score) where score is one number (all seven values) or seven numbers; ``opd``: asn -> OPD."""
    pp = pd.DataFrame({
        "asn_id": [b[0] for b in baris], "penilai_id": [b[1] for b in baris],
        "peran": pd.Categorical([b[2] for b in baris], categories=list(PERAN4)),
    })
    skor = np.array([np.broadcast_to(np.asarray(b[3], dtype=float), len(BERAKHLAK))
                     for b in baris]).reshape(len(baris), len(BERAKHLAK))
    for j, v in enumerate(BERAKHLAK):
        pp[v] = skor[:, j]
    opd_ids = sorted(set(opd.values()))
    unit = pd.DataFrame({"unit_id": opd_ids, "nama_unit": [f"OPD {o}" for o in opd_ids],
                         "adalah_opd": True, "opd_id": opd_ids})
    peg = pd.DataFrame({"asn_id": list(opd), "opd_id": list(opd.values())})
    kosong = pd.DataFrame()
    return Population(unit, peg, kosong, pp, kosong, kosong)


def _dari_matriks(m: np.ndarray, opd: int = 1, peran=PERAN4) -> Population:
    """Targets = rows, roles = columns (NaN: role missing); rater ids are made unique."""
    baris = []
    for i, row in enumerate(m, start=1):
        for j, v in enumerate(row):
            if not np.isnan(v):
                baris.append((i, i if peran[j] == "diri" else 1000 * (j + 1) + i, peran[j], v))
    return _populasi(baris, {i: opd for i in range(1, len(m) + 1)})


def _icc_tangan(kelompok: list[list[float]]) -> tuple[float, float]:
    """ICC(1) and k0 from the one-way ANOVA written out with loops (the textbook way)."""
    semua = [v for g in kelompok for v in g]
    big_n, n = len(semua), len(kelompok)
    rata = sum(semua) / big_n
    ssb = sum(len(g) * (sum(g) / len(g) - rata) ** 2 for g in kelompok)
    ssw = sum((v - sum(g) / len(g)) ** 2 for g in kelompok for v in g)
    msb, msw = ssb / (n - 1), ssw / (big_n - n)
    k0 = (big_n - sum(len(g) ** 2 for g in kelompok) / big_n) / (n - 1)
    return (msb - msw) / (msb + (k0 - 1) * msw), k0


# --------------------------------------------------------------------------- F quantiles


def test_kuantil_f_closed_forms_and_tables():
    # F(2, d2): CDF = 1 - (1 + 2x/d2)^(-d2/2), so the quantile has a closed form.
    d2 = np.array([1.0, 3.0, 18.0, 250.0, 1e5])
    for p in (0.025, 0.5, 0.975):
        exact = d2 / 2 * ((1 - p) ** (-2 / d2) - 1)
        np.testing.assert_allclose(kuantil_f(p, np.full(5, 2.0), d2), exact, rtol=1e-9)
        # F_p(d1, d2) = 1 / F_(1-p)(d2, d1)
        np.testing.assert_allclose(kuantil_f(p, d2, np.full(5, 2.0)),
                                   1 / (d2 / 2 * (p ** (-2 / d2) - 1)), rtol=1e-9)
    # printed tables: F_.975(5, 18) = 3.38, F_.975(1, 1) = 647.79, F_.95(5, 10) = 3.33
    got = kuantil_f(0.975, np.array([5.0, 1.0]), np.array([18.0, 1.0]))
    np.testing.assert_allclose(got, [3.382, 647.79], atol=5e-3)
    assert kuantil_f(0.95, np.array([5.0]), np.array([10.0]))[0] == pytest.approx(3.3258, abs=1e-4)
    assert np.isnan(kuantil_f(0.975, np.array([0.0]), np.array([5.0]))).all()


# --------------------------------------------------------------------------- ICC(1)


def test_icc_shrout_fleiss_table_2():
    y = SHROUT_FLEISS.ravel()
    r = icc_satu_arah(y, np.repeat(np.arange(6), 4))
    assert list(r.columns) == list(KOLOM_ICC)
    row = r.iloc[0]
    # Shrout & Fleiss (1979): BMS 11.24, WMS 6.26, ICC(1) = 0.17; interval as psych::ICC gives
    assert row["icc"] == pytest.approx((11.2417 - 6.2639) / (11.2417 + 3 * 6.2639), abs=1e-4)
    assert round(row["icc"], 2) == 0.17
    assert row["k0"] == 4 and row["jumlah_target"] == 6 and row["jumlah_nilai"] == 24
    assert row["icc_ci_bawah"] == pytest.approx(-0.133, abs=1e-3)
    assert row["icc_ci_atas"] == pytest.approx(0.723, abs=1e-3)


def test_kesepakatan_on_shrout_fleiss_judges_as_roles():
    tb = kesepakatan_penilai(_dari_matriks(SHROUT_FLEISS))
    assert list(tb.columns) == list(KOLOM)
    assert len(tb) == 2 and tb["opd_id"].iloc[0] == 1 and pd.isna(tb["opd_id"].iloc[1])
    for _, row in tb.iterrows():                   # one OPD: the OPD and the total agree
        assert round(row["icc"], 2) == 0.17
        assert row["jumlah_pegawai"] == 6 and row["jumlah_penilaian"] == 24
        assert row["n_diri_atasan"] == 6
        # judge 4 (diri) minus judge 1 (atasan), by hand: mean(-1, -4, 0, -1, -1, 1) = -1
        assert row["selisih_diri_atasan"] == pytest.approx(-1.0)
        assert row["selisih_rekan_atasan"] == pytest.approx(np.mean(SHROUT_FLEISS[:, 1]
                                                                    - SHROUT_FLEISS[:, 0]))


def test_icc_unbalanced_uses_k0_and_matches_hand_anova():
    rng = np.random.default_rng(7)
    groups = {0: [], 1: []}
    for i in range(30):
        k = int(rng.integers(1, 5))                 # 1..4 values per target (1: no within df)
        mu = rng.normal(3, 0.8)
        groups[i % 2].append(list(mu + rng.normal(0, 0.5, k)))
    y, target, kel = [], [], []
    for g, targets in groups.items():
        for j, vals in enumerate(targets):
            y += vals
            target += [f"{g}-{j}"] * len(vals)
            kel += [g] * len(vals)
    order = rng.permutation(len(y))                 # the rows' order is irrelevant
    r = icc_satu_arah(np.array(y)[order], np.array(target)[order], np.array(kel)[order])
    for g in (0, 1):
        icc, k0 = _icc_tangan(groups[g])
        assert r.loc[r["kelompok"] == g, "icc"].item() == pytest.approx(icc, rel=1e-12)
        assert r.loc[r["kelompok"] == g, "k0"].item() == pytest.approx(k0, rel=1e-12)
    # k0 by hand for k = 2, 3, 4: (9 - 29/9) / 2
    r = icc_satu_arah(np.array([1, 2, 3, 4, 5, 2, 2, 3, 9.0]), np.repeat([1, 2, 3], [2, 3, 4]))
    assert r["k0"].item() == pytest.approx((9 - 29 / 9) / 2)


def test_icc_interval_contains_estimate_and_degenerate_cases():
    rng = np.random.default_rng(3)
    target = np.repeat(np.arange(40), 3)
    y = rng.normal(0, 1, 40)[target] + rng.normal(0, 1, 120)
    r = icc_satu_arah(y, target, tingkat_kepercayaan=0.9).iloc[0]
    assert r["icc_ci_bawah"] < r["icc"] < r["icc_ci_atas"]
    wide = icc_satu_arah(y, target, tingkat_kepercayaan=0.99).iloc[0]
    assert wide["icc_ci_bawah"] < r["icc_ci_bawah"] and wide["icc_ci_atas"] > r["icc_ci_atas"]
    # one target, or no variance at all: undefined
    assert np.isnan(icc_satu_arah(np.array([1.0, 2.0]), np.array([1, 1]))["icc"].item())
    assert np.isnan(icc_satu_arah(np.full(6, 3.0), np.repeat([1, 2, 3], 2))["icc"].item())


def test_perfect_agreement_gives_one():
    m = np.repeat(np.array([[1.0], [2], [4], [5], [3]]), 4, axis=1)
    m[1, 2] = np.nan                                          # a missing role changes nothing
    tb = kesepakatan_penilai(_dari_matriks(m))
    assert (tb["icc"] == 1.0).all()
    assert (tb["icc_ci_bawah"] == 1.0).all() and (tb["icc_ci_atas"] == 1.0).all()
    assert (tb["selisih_diri_atasan"] == 0.0).all()


def test_constant_self_inflation_gives_gap_of_exactly_one():
    rng = np.random.default_rng(11)
    baris, opd = [], {}
    for i in range(1, 61):
        opd[i] = 1 + i % 3
        atasan = rng.integers(1, 5, len(BERAKHLAK))           # 1..4, so +1 stays on the scale
        baris.append((i, 900 + i % 7, "atasan", atasan))
        baris.append((i, i, "diri", atasan + 1))
        for r in range(int(rng.integers(0, 3))):
            baris.append((i, 2000 + 10 * i + r, "rekan", rng.integers(1, 6, len(BERAKHLAK))))
    tb = kesepakatan_penilai(_populasi(baris, opd))
    assert (tb["selisih_diri_atasan"] == 1.0).all()          # exactly, every OPD and the total
    assert tb["n_diri_atasan"].tolist() == [20, 20, 20, 60]
    assert tb["jumlah_pegawai"].iloc[:3].sum() == tb["jumlah_pegawai"].iloc[3] == 60


def test_row_order_does_not_change_the_result():
    pop = simkit.generate("scenarios/mamuju_baseline.yaml")
    a = kesepakatan_penilai(pop)
    acak = np.random.default_rng(0).permutation(len(pop.penilaian_perilaku))
    pop.penilaian_perilaku = pop.penilaian_perilaku.iloc[acak].reset_index(drop=True)
    pop.pegawai = pop.pegawai.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(a, kesepakatan_penilai(pop))


# --------------------------------------------------------------------------- notes


def test_needs_ratings_and_two_roles(monkeypatch):
    pop = _dari_matriks(SHROUT_FLEISS)
    assert butuh_kesepakatan(pop) is None
    kosong = _dari_matriks(SHROUT_FLEISS)
    kosong.penilaian_perilaku = kosong.penilaian_perilaku.iloc[:0]
    hanya_diri = _dari_matriks(SHROUT_FLEISS[:, 3:], peran=("diri",))
    for p, kode in ((kosong, BUTUH_PENILAIAN), (hanya_diri, BUTUH_DUA_PERAN)):
        assert butuh_kesepakatan(p) == kode
        with pytest.raises(SimkitError) as e:
            kesepakatan_penilai(p)
        assert e.value.masalah[0].kode == f"metrik_{kode}"
        for lang in ("id", "en"):
            assert "galat." not in e.value.render(lang)
            assert has(f"analisis.catatan.{kode}", lang)
            assert "kesepakatan_penilai" in t(f"analisis.catatan.{kode}", lang,
                                              metrik="kesepakatan_penilai")
    kosong.penilaian_perilaku = None
    assert butuh_kesepakatan(kosong) == BUTUH_PENILAIAN


def test_i18n_keys_merge_with_the_analysis_catalogue():
    for lang in ("id", "en"):
        for c in KOLOM:
            assert has(f"analisis.kolom.{c}", lang), (c, lang)
        for k in ("tabel.kesepakatan_penilai", "kesepakatan.semua_opd", "kesepakatan.penjelasan",
                  "kesepakatan.grafik.judul", "kesepakatan.grafik.icc_x",
                  "kesepakatan.grafik.selisih_x", "kesepakatan.tafsir.sangat_baik"):
            assert has(f"analisis.{k}", lang), (k, lang)
    # merged key by key: the analysis catalogue's own labels are still there, unchanged
    assert t("analisis.kolom.jumlah_pegawai", "id") == "Jumlah pegawai"
    assert t("analisis.tabel.ikm", "en").startswith("Public satisfaction")
    assert "Koo & Li 2016" in t("analisis.kesepakatan.penjelasan", "id")


def test_total_row_label_follows_the_language():
    pop = _dari_matriks(SHROUT_FLEISS)
    try:
        set_lang("en")
        assert kesepakatan_penilai(pop)["nama_opd"].iloc[-1] == "All OPDs"
    finally:
        set_lang(None)
    assert kesepakatan_penilai(pop)["nama_opd"].iloc[-1] == "Semua OPD"


def test_tafsir_koo_li_bands():
    assert tafsir_icc(np.array([0.49, 0.5, 0.74, 0.75, 0.89, 0.9, 1.0, -0.2])).tolist() == [
        "buruk", "sedang", "sedang", "baik", "baik", "sangat_baik", "sangat_baik", "buruk"]


# --------------------------------------------------------------------------- Mamuju


@pytest.fixture(scope="module")
def mamuju() -> pd.DataFrame:
    """The Mamuju population with the rater settings these bounds were worked out for
    (leniency 0.3, central tendency 0.3): the uncalibrated scenario."""
    return kesepakatan_penilai(simkit.generate("scenarios/mamuju_tanpa_kalibrasi.yaml"))


def test_calibrated_raters_agree_less(mamuju):
    """The calibrated default raters are more lenient (0.499) and pull harder to the middle
    (0.524): scores pile up at 4-5, less of their variance is between ratees, the ICC drops
    from moderate to poor; the self - atasan gap stays about inflasi_diri."""
    total = kesepakatan_penilai(simkit.generate("scenarios/mamuju_baseline.yaml")).iloc[-1]
    assert 0.3 < total["icc"] < 0.5 < mamuju.iloc[-1]["icc"]
    assert 0.4 < total["selisih_diri_atasan"] < 0.6


def test_mamuju_values_are_plausible(mamuju):
    tb = mamuju
    opd, total = tb.iloc[:-1], tb.iloc[-1]
    assert pd.isna(total["opd_id"]) and opd["opd_id"].notna().all()
    assert len(opd) == 40 and opd["opd_id"].is_monotonic_increasing
    assert opd["jumlah_pegawai"].sum() == total["jumlah_pegawai"] == 4500
    assert opd["jumlah_penilaian"].sum() == total["jumlah_penilaian"] == 19253
    assert 0.5 < total["icc"] < 0.75                           # moderate (Koo & Li)
    assert total["icc_ci_bawah"] < total["icc"] < total["icc_ci_atas"]
    assert total["icc_ci_atas"] - total["icc_ci_bawah"] < 0.05
    assert opd["icc"].between(-0.5, 1).all()
    assert (opd["icc_ci_bawah"] <= opd["icc"]).all() and (opd["icc"] <= opd["icc_ci_atas"]).all()
    # self-ratings carry penilai.inflasi_diri = 0.6 points, a little less after the cap at 5
    assert 0.4 < total["selisih_diri_atasan"] < 0.6
    assert abs(total["selisih_rekan_atasan"]) < 0.1            # peers and atasan: same model
    assert total["n_diri_atasan"] == 4499                      # everyone but the top has an atasan


def test_bias_penilai_shows_in_the_gap_and_the_icc():
    """bias_penilai makes the raters of disdik (+1.2), pupr and bpkpd (+1.0) lenient and those of
    inspektorat strict (-0.6) and central (0.5). Against the same scenario and seed without the
    OPD biases: disdik's scores pile up at 5, which shrinks its self - atasan gap; inspektorat's
    central tendency shrinks the spread between ratees and so its ICC; and the leniency that all
    raters of one OPD share looks like agreement across OPDs, so the total ICC rises."""
    sc = simkit.load_scenario("scenarios/bias_penilai.yaml")
    tanpa = sc.model_copy(update={"penilai": sc.penilai.model_copy(update={"per_opd": {}})})
    hasil = {}
    for nama, s in (("bias", sc), ("tanpa", tanpa)):
        pop = simkit.generate(s)
        kode = pop.unit_kerja.set_index("unit_id")["kode_unit"]
        tb = kesepakatan_penilai(pop)
        tb.index = [kode.get(o, "semua") if pd.notna(o) else "semua" for o in tb["opd_id"]]
        hasil[nama] = tb
    b, o = hasil["bias"], hasil["tanpa"]
    assert b.at["disdik", "selisih_diri_atasan"] < o.at["disdik", "selisih_diri_atasan"] - 0.15
    assert b.at["inspektorat", "icc"] < o.at["inspektorat", "icc"] - 0.1
    assert b.at["semua", "icc"] > o.at["semua", "icc"] + 0.05
    assert b.at["semua", "selisih_diri_atasan"] < o.at["semua", "selisih_diri_atasan"]


# --------------------------------------------------------------------------- chart


def test_chart_from_table_and_none_when_empty(mamuju):
    from simkit.report.grafik_kesepakatan import grafik_kesepakatan

    for lang in ("id", "en"):
        fig = grafik_kesepakatan(mamuju, lang)
        assert fig is not None
        assert fig.get_suptitle() == t("analisis.kesepakatan.grafik.judul", lang)
        ax_icc, ax_sel = fig.axes[:2]
        assert ax_icc.get_xlabel() == t("analisis.kesepakatan.grafik.icc_x", lang)
        assert ax_sel.get_xlabel() == t("analisis.kesepakatan.grafik.selisih_x", lang)
        assert len(ax_sel.patches) == 41                      # 40 OPDs and the total
    assert grafik_kesepakatan(mamuju.iloc[:0], "id") is None
    catatan = pd.DataFrame({"metrik": ["kesepakatan_penilai"], "kode": [BUTUH_PENILAIAN],
                            "catatan": ["-"]})
    assert grafik_kesepakatan(catatan, "id") is None
    fig = grafik_kesepakatan(mamuju, "id", maks=10)           # long tables: lowest and highest
    assert len(fig.axes[1].patches) == 11
