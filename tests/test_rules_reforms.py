"""The four reforms (mamuju_ikm, kalibrasi, kurva_paksa, rumus) on hand-made populations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_fixtures import small_population, synthetic_population

from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.population.satu_orang import PopulationBuilder
from simkit.population.schema import BERAKHLAK
from simkit.rules import evaluate, explain, get_rule, rule_ids
from simkit.rules.reformasi.kalibrasi_penilai import kalibrasi_penilaian, pemusatan, skor_z
from simkit.rules.reformasi.kurva_paksa import jumlah_sisa_terbesar, kelas_paksa
from simkit.rules.reformasi.mamuju_ikm import skala_ikm

REFORMASI = ("mamuju_ikm", "kalibrasi", "kurva_paksa", "rumus")
BASE = "permenpanrb_6_2022"
PROPORSI = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")


@pytest.fixture(scope="module")
def besar():
    """4,500 ASN in 30 OPDs; 40 % frontline (vectorised test population)."""
    p = synthetic_population(4500, seed=3)
    rng = np.random.default_rng(11)
    p.pegawai = p.pegawai.assign(melayani_publik=rng.random(4500) < 0.4)
    return p


def _sama(a: pd.Series, b: pd.Series) -> bool:
    return bool((a.astype(object).to_numpy() == b.astype(object).to_numpy()).all())


# --------------------------------------------------------------------------- all reforms


@pytest.mark.parametrize("rid", REFORMASI)
def test_terdaftar_sebagai_tambalan_aturan_dasar(rid):
    assert rid in rule_ids()
    r = get_rule(rid)
    assert r.base_rule == BASE and r.tingkat == "pegawai"
    assert isinstance(r, type(get_rule(BASE)))
    # the reform's parameters include every parameter of the base rule
    assert set(get_rule(BASE).parameters) <= set(r.parameters)
    assert r.parameter_ids[0] == BASE and r.parameter_ids[-1] == rid
    for lang in ("id", "en"):
        assert not r.label(lang).startswith("aturan.") and not r.deskripsi(lang).startswith("aturan.")
    doc = type(r).__module__
    import importlib

    assert "What it changes" in importlib.import_module(doc).__doc__


@pytest.mark.parametrize("rid", REFORMASI)
def test_hasil_lengkap_dan_penjelasan_per_langkah(besar, rid):
    ev = evaluate(besar, rid)
    h = ev.hasil
    assert len(h) == 4500 and h["asn_id"].is_monotonic_increasing
    assert h["predikat"].notna().all() and h["peringkat"].between(1, 5).all()
    for col in ("capaian_hasil_kerja", "rating_hasil_kerja", "perilaku_rerata",
                "rating_perilaku_kerja", "predikat_kuadran", "nilai"):
        assert col in h
    own = set(ev.params) - set(get_rule(BASE).parameters)
    staf = int(h.loc[~h["kepala_unit"] & h.get("pakai_ikm", True), "asn_id"].iloc[0])
    for lang in ("id", "en"):
        pj = explain(ev, staf, lang)
        used = {s.parameter for s in pj.langkah if s.parameter}
        assert used & own, f"{rid}: no reform step in the explanation"
        assert "reformasi.komponen" not in pj.to_text()
        assert all(s.referensi for s in pj.langkah if s.parameter in own)


@pytest.mark.parametrize("rid, params", [
    ("mamuju_ikm", {"bobot_ikm": 0.5, "ambang_hasil_sesuai": 95}),
    ("kalibrasi", {"metode": "skor_z", "ambang_perilaku_di_atas": 4.0}),
    ("kurva_paksa", {"lingkup": "kabupaten", "kurva_distribusi": "abaikan"}),
    ("rumus", {"rumus": "capaian_hasil_kerja", "ambang_hasil_di_atas": 105}),
])
def test_override_parameter_reformasi_dan_dasar_bersama(besar, rid, params):
    r = get_rule(rid)
    ev = evaluate(besar, rid, params)
    assert ev.params.overrides == params and ev.meta["overrides"] == params
    assert all(ev.params[k] == v for k, v in params.items())
    assert r.parameters["ambang_hasil_sesuai"] == 90  # the defaults are untouched


@pytest.mark.parametrize("rid, bad", [
    ("mamuju_ikm", {"bobot_ikm": 1.5, "ambang_hasil_sesuai": "x", "bobot_ikmm": 0.1}),
    ("kalibrasi", {"metode": "median", "min_penilaian": 0, "ambang_perilaku_di_atas": 9}),
    ("kurva_paksa", {"lingkup": "desa", "proporsi": {"baikk": 0.5}}),
    ("rumus", {"mode": "tiga", "ambang_rumus": {"baik": "tinggi"}}),
])
def test_override_divalidasi_utuh_sebelum_diterapkan(rid, bad):
    r = get_rule(rid)
    before = r.parameters.to_dict()
    with pytest.raises(SimkitError) as exc:
        r.parameters.with_overrides(bad)
    assert len(exc.value.masalah) == len(bad)  # every problem reported at once
    assert r.parameters.to_dict() == before


def test_maksud_anda_untuk_parameter_reformasi():
    with pytest.raises(SimkitError) as exc:
        get_rule("mamuju_ikm").parameters.with_overrides({"bobot_ikmm": 0.1})
    assert exc.value.masalah[0].saran == "bobot_ikm"


# --------------------------------------------------------------------------- mamuju_ikm


def _pop_ikm():
    """Puskesmas with an SKM (all answers 4: IKM 99.9) and one without; four staff at 85 %."""
    b = PopulationBuilder()
    dinkes = b.unit("dinkes", capaian="baik")
    pkm = b.unit("pkm_a", induk=dinkes, capaian="baik", melayani_publik=True)
    pkm2 = b.unit("pkm_b", induk=dinkes, capaian="baik", melayani_publik=True)
    k = b.pegawai(dinkes, kepala=True, jenis_jabatan="jpt_pratama", iki=[(100, 100)], perilaku=4)
    b.pegawai(pkm, atasan=k, iki=[(100, 85)], perilaku=4)   # 2: frontline, unit with IKM
    b.pegawai(pkm, atasan=k, iki=[(100, 85)], perilaku=4)   # 3: back office, same unit
    b.pegawai(pkm2, atasan=k, iki=[(100, 85)], perilaku=4)  # 4: frontline, unit without SKM
    b.pegawai(pkm, atasan=k, iki=[(100, 100)], perilaku=4)  # 5: frontline, 100 %
    b.skm(pkm, [[4] * 9] * 4)
    pop = b.build()
    pop.pegawai = pop.pegawai.assign(melayani_publik=pop.pegawai["asn_id"].isin([2, 4, 5]))
    return pop


def test_mamuju_ikm_garda_depan_saja():
    pop = _pop_ikm()
    ikm = get_rule("permenpanrb_14_2017").evaluate(pop).hasil
    assert ikm["ikm_konversi"].iloc[0] == pytest.approx(99.9)  # 9 x 4 x 0.111 x 25
    ev = evaluate(pop, "mamuju_ikm", {"bobot_ikm": 0.5})
    h = ev.hasil.set_index("asn_id")
    # 90 + (99.9 - 76.61) x 20 / 11.7 = 129.8 -> capped at 120
    assert h.loc[2, "capaian_ikm"] == 120
    assert h.loc[2, "capaian_hasil_kerja"] == pytest.approx(0.5 * 85 + 0.5 * 120)
    assert h.loc[2, "rating_hasil_kerja"] == "sesuai_ekspektasi"
    assert h.loc[5, "capaian_hasil_kerja"] == pytest.approx(110)
    assert h.loc[5, "rating_hasil_kerja"] == "di_atas_ekspektasi"
    for aid in (3, 4):  # back office; frontline without an IKM
        assert h.loc[aid, "capaian_hasil_kerja"] == 85 and not h.loc[aid, "pakai_ikm"]
        assert h.loc[aid, "rating_hasil_kerja"] == "di_bawah_ekspektasi"
    base = evaluate(pop, BASE).hasil.set_index("asn_id")
    assert base.loc[2, "rating_hasil_kerja"] == "di_bawah_ekspektasi"


def test_mamuju_ikm_min_responden():
    ev = evaluate(_pop_ikm(), "mamuju_ikm", {"bobot_ikm": 0.5, "min_responden_ikm": 5})
    assert not ev.hasil["pakai_ikm"].any()
    assert (ev.hasil["capaian_hasil_kerja"] == ev.hasil["capaian_hasil_kerja_iki"]).all()


def test_mamuju_ikm_penjelasan_menyebut_ikm_dan_peraturan():
    ev = evaluate(_pop_ikm(), "mamuju_ikm", {"bobot_ikm": 0.5})
    text = explain(ev, 2).to_text()
    assert "IKM konversi unit kerja (PermenPANRB 14/2017): 99.9" in text
    assert "mutu A" in text and "4 responden" in text
    assert "PermenPANRB 14/2017 Lampiran" in text and "bobot_ikm = 0.5" in text
    assert "bukan pegawai garda depan" in explain(ev, 3).to_text()
    assert "unit kerja tanpa IKM" in explain(ev, 4).to_text()
    assert "not a frontline employee" in explain(ev, 3, "en").to_text()


def test_bobot_ikm_nol_sama_persis_dengan_dasar(besar):
    a = evaluate(besar, "mamuju_ikm", {"bobot_ikm": 0}).hasil
    b = evaluate(besar, BASE).hasil
    assert evaluate(besar, "mamuju_ikm").hasil["pakai_ikm"].sum() > 1000
    pd.testing.assert_frame_equal(a[list(b.columns)], b)


def test_skala_ikm_jangkar_dan_monoton():
    p = get_rule("mamuju_ikm").parameters
    x = np.linspace(25, 100, 301)
    y = skala_ikm(x, p)
    assert np.all(np.diff(y) >= 0) and y.max() == 120
    assert y.min() == pytest.approx(90 - 51.61 * 20 / 11.7)  # IKM 25: 1.78 %
    assert skala_ikm(np.array([76.61, 88.31]), p).tolist() == pytest.approx([90, 110])


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 120), st.floats(25, 100), st.floats(0, 1))
def test_mamuju_ikm_gabungan_di_antara_kedua_komponen(capaian, ikm, bobot):
    out = get_rule("mamuju_ikm").evaluate_case(
        {"capaian_hasil_kerja": capaian, "melayani_publik": True, "ikm_unit": ikm,
         "rating_perilaku_kerja": "sesuai_ekspektasi"}, {"bobot_ikm": bobot})
    lo, hi = sorted((capaian, out["capaian_ikm"]))
    assert lo - 1e-6 <= out["capaian_hasil_kerja"] <= hi + 1e-6


# --------------------------------------------------------------------------- kalibrasi


def _penilaian(n_penilai: int, per_penilai: int, rng: np.random.Generator,
               geser: np.ndarray | None = None, tekan: np.ndarray | None = None) -> pd.DataFrame:
    """Ratings (floats) of ``n_penilai`` raters, each rating ``per_penilai`` ratees whose true
    behaviour is N(3.2, 0.6); ``geser`` adds leniency per rater, ``tekan`` compresses toward 3."""
    rater = np.repeat(np.arange(1, n_penilai + 1), per_penilai)
    benar = rng.normal(3.2, 0.6, rater.size)
    x = benar + rng.normal(0, 0.2, rater.size)
    if geser is not None:
        x = x + geser[rater - 1]
    if tekan is not None:
        f = tekan[rater - 1]
        x = 3 + f * (x - 3)
    return pd.DataFrame({"asn_id": np.arange(1, rater.size + 1), "penilai_id": rater,
                         "peran": "atasan", "x": x, "benar": benar})


def test_pemusatan_dan_skor_z_menghapus_kemurahan():
    rng = np.random.default_rng(1)
    murah = np.r_[np.full(10, 1.5), np.zeros(30)]     # the first OPD's 10 raters are +1.5
    df = _penilaian(40, 12, rng, geser=murah)
    opd = (df["penilai_id"] <= 10).to_numpy()
    gap = df["x"][opd].mean() - df["x"][~opd].mean()
    assert gap == pytest.approx(1.5, abs=0.15)
    for fn in (pemusatan, skor_z):
        y = fn(df[["x"]], df["penilai_id"], 3)["x"]
        assert abs(y[opd].mean() - y[~opd].mean()) < 0.3 * gap, fn.__name__
        assert y.mean() == pytest.approx(df["x"].mean())  # grand mean kept


def test_tendensi_sentral_dibatalkan_skor_z_bukan_pemusatan():
    rng = np.random.default_rng(2)
    tekan = np.r_[np.full(20, 0.3), np.ones(20)]      # half the raters squeeze toward 3
    df = _penilaian(40, 12, rng, tekan=tekan)
    sempit = (df["penilai_id"] <= 20).to_numpy()

    def rasio(y):  # spread of the squeezing raters' ratings over the others'
        return y[sempit].std() / y[~sempit].std()

    assert rasio(df["x"]) < 0.4
    assert rasio(pemusatan(df[["x"]], df["penilai_id"], 3)["x"]) < 0.4
    z = skor_z(df[["x"]], df["penilai_id"], 3)["x"]
    assert 0.8 < rasio(z) < 1.25
    # z-scoring also restores the link with the truth inside the squeezed group
    assert np.corrcoef(z[sempit], df["benar"][sempit])[0, 1] > 0.8


def test_penilai_sedikit_tidak_dikalibrasi_dan_diri_tidak_disentuh():
    df = pd.DataFrame({"asn_id": [1, 2, 3, 4, 1], "penilai_id": [9, 9, 9, 8, 1],
                       "peran": ["atasan", "atasan", "atasan", "atasan", "diri"],
                       "x": [5.0, 5.0, 4.0, 2.0, 5.0]})
    out = kalibrasi_penilaian(df, "pemusatan", 3, kolom=["x"])
    # rater 9 (3 ratings, mean 4.667) moves to the grand mean of non-self ratings (4.0)
    assert out["x"].tolist()[:3] == pytest.approx([4.3333, 4.3333, 3.3333], abs=1e-3)
    assert out["x"].tolist()[3:] == [2.0, 5.0]  # rater 8 (1 rating) and the self-rating
    z = kalibrasi_penilaian(df.assign(x=[5.0, 5.0, 5.0, 2.0, 5.0]), "skor_z", 1, kolom=["x"])
    assert z["x"].tolist()[:3] == pytest.approx([4.25] * 3)  # no spread: grand mean
    with pytest.raises(ValueError):
        kalibrasi_penilaian(df, "median", 3, kolom=["x"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.floats(1, 5)), min_size=1, max_size=40),
       st.sampled_from(["pemusatan", "skor_z"]), st.integers(1, 5))
def test_kalibrasi_tetap_dalam_skala(rows, metode, minimum):
    df = pd.DataFrame({"penilai_id": [r for r, _ in rows], "peran": "atasan",
                       "x": [x for _, x in rows]})
    out = kalibrasi_penilaian(df, metode, minimum, kolom=["x"])["x"]
    assert out.between(1, 5).all() and out.notna().all()


def _pop_murah(metode: str | None):
    """synthetic population; the heads of OPD 1-10 (raters of their staff) are +1.5 lenient."""
    p = synthetic_population(3000, seed=5, n_opd=30)
    pr = p.penilaian_perilaku
    staf = p.pegawai.set_index("asn_id")
    opd = staf.loc[pr["asn_id"], "opd_id"].to_numpy()
    murah = (pr["peran"].astype(str).to_numpy() == "atasan") & (opd <= 10) & ~staf.loc[
        pr["asn_id"], "kepala_unit"].to_numpy()
    rng = np.random.default_rng(8)
    scores = {v: np.clip(np.round(pr[v].to_numpy() - 0.5 + 1.5 * murah
                                  + rng.normal(0, 0.3, len(pr))), 1, 5).astype("int64")
              for v in BERAKHLAK}
    p.penilaian_perilaku = pr.assign(**scores)
    ev = evaluate(p, BASE) if metode is None else evaluate(p, "kalibrasi", {"metode": metode})
    h = ev.hasil.loc[~ev.hasil["kepala_unit"]]
    a = h.loc[h["opd_id"] <= 10, "perilaku_rerata"].mean()
    return a - h.loc[h["opd_id"] > 10, "perilaku_rerata"].mean(), ev


@pytest.mark.parametrize("metode", ["pemusatan", "skor_z"])
def test_kalibrasi_menghapus_keuntungan_opd_murah_hati(metode):
    mentah, _ = _pop_murah(None)
    sesudah, ev = _pop_murah(metode)
    assert mentah > 0.8
    assert abs(sesudah) < 0.3 * mentah  # the gap shrinks by more than 70 %
    h = ev.hasil
    assert (h["perilaku_rerata_mentah"] != h["perilaku_rerata"]).mean() > 0.9
    ring = ev.catatan["kalibrasi_penilai"]
    assert ring["dikalibrasi"].sum() >= 30 and {"rerata_mentah", "rerata_kalibrasi"} <= set(ring)


def test_kalibrasi_penjelasan_menyebut_penilai():
    ev = evaluate(small_population(), "kalibrasi")
    text = explain(ev, 3).to_text()
    assert "penilaian oleh penilai 1 (Atasan)" in text
    assert "4 penilaian" in text and "metode = pemusatan" in text
    assert "min_penilaian = 3" in text


def test_kalibrasi_penilai_id_ikut_tabel_perilaku_dan_diperiksa(besar):
    import dataclasses

    ev = evaluate(besar, "kalibrasi")
    acak = besar.penilaian_perilaku.sample(frac=1.0, random_state=5)  # row order is irrelevant
    ev2 = evaluate(dataclasses.replace(besar, penilaian_perilaku=acak), "kalibrasi")
    cols = ["asn_id", "predikat", "perilaku_rerata", "perilaku_rerata_mentah"]
    pd.testing.assert_frame_equal(ev.hasil[cols], ev2.hasil[cols])
    # the base rule does not carry the rater id it does not need
    pop = small_population()
    assert "penilai_id" not in get_rule(BASE).siapkan(pop, get_rule(BASE).parameters)["perilaku"]
    tanpa = dataclasses.replace(pop, penilaian_perilaku=pop.penilaian_perilaku.drop(
        columns="penilai_id"))
    with pytest.raises(SimkitError) as exc:
        evaluate(tanpa, "kalibrasi")
    assert "penilaian_perilaku, kolom 'penilai_id'" in str(exc.value)
    kosong = pop.penilaian_perilaku.astype({"penilai_id": float})
    kosong.loc[0, "penilai_id"] = np.nan
    with pytest.raises(SimkitError) as exc:
        evaluate(dataclasses.replace(pop, penilaian_perilaku=kosong), "kalibrasi")
    assert "baris 1, kolom 'penilai_id'" in str(exc.value) and "NaN" in str(exc.value)


# --------------------------------------------------------------------------- kurva_paksa


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=1, max_size=20),
       st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(lambda w: sum(w) > 0))
def test_sisa_terbesar_tepat_dan_adil(n, w):
    p = np.array(w, float) / sum(w)
    n = np.array(n)
    c = jumlah_sisa_terbesar(n, p)
    assert (c.sum(axis=1) == n).all() and (c >= 0).all()
    kuota = n[:, None] * p[None, :]
    assert (np.abs(c - kuota) < 1 + 1e-9).all()  # never more than one person off its quota


def test_kurva_paksa_proporsi_tepat_per_opd(besar):
    ev = evaluate(besar, "kurva_paksa")
    h = ev.hasil
    prop = np.array([ev.params["proporsi"][k] for k in PROPORSI])
    tabel = pd.crosstab(h["opd_id"], h["predikat"].astype(str)).reindex(columns=PROPORSI,
                                                                          fill_value=0)
    n = tabel.sum(axis=1).to_numpy()
    assert (tabel.to_numpy() == jumlah_sisa_terbesar(n, prop)).all()
    # better composite never gets a worse predikat inside an OPD
    for _, g in h.groupby("opd_id"):
        g = g.sort_values("urutan_kelompok")
        assert (np.diff(g["peringkat"].to_numpy()) <= 0).all()
        assert (np.diff(g["komposit"].to_numpy()) <= 1e-12).all()
    assert (h["nilai"] == h["komposit"]).all()
    c = ev.catatan["kurva_paksa_kelompok"]
    assert c.groupby("kelompok_kurva")["jumlah"].sum().sum() == 4500


def test_kurva_paksa_lingkup_kabupaten(besar):
    h = evaluate(besar, "kurva_paksa", {"lingkup": "kabupaten"}).hasil
    counts = h["predikat"].astype(str).value_counts().reindex(list(PROPORSI)).to_numpy()
    assert counts.tolist() == [450, 2700, 900, 315, 135]
    assert (h["ukuran_kelompok"] == 4500).all()


def test_kurva_paksa_deterministik_terhadap_urutan_baris(besar):
    a = evaluate(besar, "kurva_paksa").hasil
    rng = np.random.default_rng(0)
    p2 = synthetic_population(4500, seed=3)
    p2.pegawai = besar.pegawai.iloc[rng.permutation(4500)].reset_index(drop=True)
    p2.iki = besar.iki.iloc[rng.permutation(len(besar.iki))].reset_index(drop=True)
    p2.penilaian_perilaku = besar.penilaian_perilaku.iloc[
        rng.permutation(len(besar.penilaian_perilaku))].reset_index(drop=True)
    b = evaluate(p2, "kurva_paksa").hasil
    assert _sama(a["predikat"], b["predikat"])
    assert (a["asn_id"].to_numpy() == b["asn_id"].to_numpy()).all()


def test_kelas_paksa_seri_diputus_asn_id():
    kelas = kelas_paksa([1] * 4, [2.0] * 4, [40, 10, 30, 20], [0.25, 0.25, 0.25, 0.25, 0])
    assert kelas.tolist() == [3, 0, 2, 1]


def test_kurva_paksa_proporsi_harus_berjumlah_satu(besar):
    with pytest.raises(SimkitError) as exc:
        evaluate(besar, "kurva_paksa", {"proporsi": {"baik": 0.5}})
    m = exc.value.masalah[0]
    assert m.kode == "reformasi_proporsi" and m.bidang == "proporsi" and "0.9000" in str(
        exc.value)
    probs = get_rule("kurva_paksa").periksa_parameter(
        get_rule("kurva_paksa").parameters.with_overrides({"bobot_komposit": {
            "hasil": 0, "perilaku": 0}}))
    assert [p.kode for p in probs] == ["reformasi_bobot_jumlah"]


# --------------------------------------------------------------------------- rumus


def test_rumus_variabel_dari_populasi():
    pop = small_population()
    ev = evaluate(pop, "rumus", {"rumus": "capaian_hasil_kerja + 0 * (perilaku_atasan + "
                                            "perilaku_360 + perilaku_diri + ikm_unit + ada_ikm "
                                            "+ capaian_organisasi + jumlah_iki + jumlah_penilai "
                                            "+ kepala_unit + struktural + kelas_jabatan "
                                            "+ melayani_publik + skor_loyal)"})
    v = ev.catatan["variabel_rumus"].set_index("asn_id")
    base = evaluate(pop, BASE).hasil.set_index("asn_id")
    assert (ev.hasil.set_index("asn_id")["nilai"] == base["capaian_hasil_kerja"]).all()
    assert np.allclose(v["perilaku_atasan"], base["perilaku_rerata"])
    # asn 6: atasan 4, two peers 3 and 3, self 5 (self excluded from 360)
    assert v.loc[6, "perilaku_360"] == pytest.approx(10 / 3)
    assert v.loc[6, "perilaku_diri"] == 5 and v.loc[6, "jumlah_penilai"] == 3
    assert v.loc[2, "perilaku_diri"] == v.loc[2, "perilaku_atasan"]  # no self-rating
    assert v.loc[5, "skor_loyal"] == 5 and v.loc[6, "jumlah_iki"] == 2
    ikm = get_rule("permenpanrb_14_2017").evaluate(pop).hasil["ikm_konversi"].iloc[0]
    assert v.loc[6, "ikm_unit"] == pytest.approx(ikm) and v.loc[6, "ada_ikm"] == 1
    assert v.loc[1, "ikm_unit"] == 76.61 and v.loc[1, "ada_ikm"] == 0
    # own unit istimewa (pkm) 5; dinkes baik 4; bappeda kurang 2
    assert [v.loc[i, "capaian_organisasi"] for i in (6, 2, 8)] == [5, 4, 2]
    assert v.loc[1, "struktural"] == 1 and v.loc[3, "struktural"] == 0
    assert v.loc[1, "kelas_jabatan"] == 12 and v.loc[1, "kepala_unit"] == 1


def test_rumus_satu_skor_ambang():
    ev = evaluate(small_population(), "rumus", {"rumus": "capaian_hasil_kerja"})
    h = ev.hasil.set_index("asn_id")
    # 100 baik, 112 sangat_baik, 80 butuh_perbaikan (70-90), 75 butuh_perbaikan
    assert [h.loc[i, "predikat_kuadran"] for i in (1, 2, 4, 9)] == [
        "baik", "sangat_baik", "butuh_perbaikan", "butuh_perbaikan"]
    assert h.loc[2, "nilai"] == 112


def test_rumus_dua_skor_bawaan_sama_dengan_dasar(besar):
    a = evaluate(besar, "rumus", {"mode": "dua_skor"}).hasil
    b = evaluate(besar, BASE).hasil
    assert _sama(a["predikat"], b["predikat"])
    assert _sama(a["rating_perilaku_kerja"], b["rating_perilaku_kerja"])
    assert (a["skor_hasil"] == b["capaian_hasil_kerja"]).all()


def test_rumus_pembagian_nol_menyebut_asn_id():
    with pytest.raises(SimkitError) as exc:
        evaluate(small_population(), "rumus", {"rumus": "100 / (capaian_hasil_kerja - 100)"})
    m = exc.value.masalah[0]
    assert m.kode == "rumus_tak_terdefinisi" and m.isi["jumlah"] == 2
    assert m.isi["contoh"] == "1, 5" and m.bidang == "rumus"


def test_rumus_nama_salah_maksud_anda():
    with pytest.raises(SimkitError) as exc:
        evaluate(small_population(), "rumus", {"rumus": "0.7 * capaian_hasil_kerjaa"})
    assert exc.value.masalah[0].saran == "capaian_hasil_kerja"
    assert exc.value.masalah[0].bidang == "rumus"
    # the check happens before any evaluation, also for the two-score formulas
    probs = get_rule("rumus").periksa_parameter(get_rule("rumus").parameters.with_overrides(
        {"mode": "dua_skor", "rumus_perilaku": "perilaku_atsan", "ambang_rumus": {"baik": 999}}))
    assert {p.kode for p in probs} == {"rumus_nama_tidak_dikenal", "reformasi_ambang_urut"}


def test_rumus_kasus_variabel_kurang_disebut():
    with pytest.raises(SimkitError) as exc:
        get_rule("rumus").evaluate_case({"capaian_hasil_kerja": 100,
                                         "rating_perilaku_kerja": "sesuai_ekspektasi"},
                                        {"rumus": "capaian_hasil_kerja * kelas_jabatan"})
    assert "variabel.kelas_jabatan" in str(exc.value)


def test_rumus_penjelasan_menampilkan_rumus_dan_variabel():
    ev = evaluate(small_population(), "rumus")
    text = explain(ev, 2).to_text()
    assert "0.7 * capaian_hasil_kerja + 0.3 * perilaku_atasan * 24" in text
    assert "perilaku_atasan: 5" in text and "→ 114.4" in text
    assert "kuadran kinerja" not in text  # the formula replaces the kuadran


# --------------------------------------------------------------------------- scenarios


SKENARIO = """nama: uji reformasi
seed: 1
aturan:
  - id: rumus_saya
    aturan: rumus
    parameter:
      rumus: "0.7 * capaian_hasil_kerjaa + 0.3 * perilaku_atasan * 24"
  - id: paksa
    aturan: kurva_paksa
    parameter:
      proporsi: {baik: 0.5}
  - id: ikm
    aturan: mamuju_ikm
    parameter: {bobot_ikm: 0.3, ambang_hasil_sesuai: 95}
"""


def test_skenario_memeriksa_parameter_reformasi_dengan_baris(tmp_path):
    from simkit.orchestration.skenario import load_scenario

    f = tmp_path / "reformasi.yaml"
    f.write_text(SKENARIO, encoding="utf-8")
    with pytest.raises(SimkitError) as exc:
        load_scenario(f)
    got = {(m.bidang, m.baris) for m in exc.value.masalah}
    assert got == {("aturan[0].parameter.rumus", 7), ("aturan[1].parameter.proporsi", 11)}
    text = str(exc.value)
    assert "reformasi.yaml, baris 7" in text and "Maksud Anda 'capaian_hasil_kerja'?" in text
    ok = SKENARIO.replace("kerjaa", "kerja").replace("{baik: 0.5}", "{baik: 0.5, kurang: 0.17}")
    f.write_text(ok, encoding="utf-8")
    s = load_scenario(f)
    assert [a.aturan for a in s.aturan] == ["rumus", "kurva_paksa", "mamuju_ikm"]


def test_pesan_reformasi_dalam_bahasa_inggris():
    set_lang("en")
    with pytest.raises(SimkitError) as exc:
        evaluate(small_population(), "kurva_paksa", {"proporsi": {"baik": 0.5}})
    assert "shares must add up to 1" in str(exc.value)
    with pytest.raises(SimkitError) as exc:
        evaluate(small_population(), "rumus", {"rumus": "100 / (capaian_hasil_kerja - 100)"})
    assert "undefined for 2 employees (division by zero); e.g. asn_id: 1, 5" in str(exc.value)


def test_kurva_paksa_small_unit_gets_a_fifth_sangat_baik_and_is_flagged():
    from simkit.analysis.metrics.kepatuhan_kurva import jumlah_kelompok_kecil

    b = PopulationBuilder()
    u = b.unit("kecil", capaian="baik")
    k = b.pegawai(u, kepala=True, jenis_jabatan="jpt_pratama", perilaku=4)
    for _ in range(4):
        b.pegawai(u, atasan=k, iki=[(100, 100)], perilaku=4)  # five equal people
    ev = evaluate(b.build(), "kurva_paksa")
    assert ev.hasil["predikat"].astype(str).value_counts().to_dict() == {
        "baik": 3, "sangat_baik": 1, "butuh_perbaikan": 1}  # 1 of 5 = 20 % Sangat Baik
    assert jumlah_kelompok_kecil(ev) == 1
