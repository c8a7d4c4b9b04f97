"""Measuring resistance before and after the workshop (issue 12 §4): the instrument and its
generated codebook, the pairing code, the paired statistics against textbook values, the
importers (simkit layout, Excel, Google Forms) and their located errors, the analysis on
synthetic data with a known effect, the forms and ``simkit pelatihan analisis``.

Textbook values: Student's sleep data (Cushny & Peebles 1905), the paired t-test as R's
``t.test(extra ~ group, paired = TRUE)`` reports it (t = 4.0621, df = 9, p = 0.002833, 95 % CI
0.7001 to 2.4599) and ``wilcox.test`` (V = 45, p = 0.009091 with the normal approximation).
"""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from simkit.analysis.uji_berpasangan import (
    alpha_cronbach,
    cdf_t_nonsentral,
    ci_nonsentral,
    holm,
    p_t,
    uji_t_berpasangan,
    wilcoxon_berpasangan,
)
from simkit.cli import main
from simkit.errors import SimkitError
from simkit.pelatihan.analisis import PENGETAHUAN, analisis, ringkasan, tulis_hasil
from simkit.pelatihan.formulir import FormulirWidget, formulir_kertas_html, tulis_formulir_kertas
from simkit.pelatihan.impor_respons import baca_respons, kolom_simkit
from simkit.pelatihan.instrumen import (
    BUKU_KODE,
    INSTRUMEN_BAWAAN,
    buku_kode,
    muat_instrumen,
    periksa_kode,
)
from simkit.pelatihan.sintetis import bangkitkan, sebagai_google_forms, tulis_google_forms
from simkit.tables import tulis_tabel

SLEEP = np.array([1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4])


@pytest.fixture(scope="module")
def ins():
    return muat_instrumen()


# ------------------------------------------------------------------- the instrument
def test_the_instrument_has_the_nine_subscales_with_sources_and_reverse_keys(ins):
    assert [s.id for s in ins.subskala] == [
        "keadilan_prosedural", "keadilan_distributif", "keadilan_interpersonal",
        "keadilan_informasional", "diskrepansi", "kesesuaian", "efikasi", "dukungan_pimpinan",
        "valensi_pribadi"]
    for s in ins.subskala:
        assert 3 <= len(s.butir) <= 5, s.id
        assert ("Colquitt" if s.bagian == "keadilan" else "Armenakis") in s.sumber
        assert ("2001" if s.bagian == "keadilan" else "2007") in s.sumber
        assert s.dimensi and s.label["id"] and s.label["en"]
        assert all(b.teks["id"] != b.teks["en"] for b in s.butir)
    terbalik = [b.id for b in ins.butir_skala if b.terbalik]
    assert len(terbalik) >= 5 and "kp5" in terbalik
    assert len(set(ins.kolom_butir)) == len(ins.kolom_butir)
    assert ins.label_skala[1]["id"] == "Sangat tidak setuju" and ins.label_skala[5]["en"] == (
        "Strongly agree")


def test_the_knowledge_test_takes_8_to_10_quiz_items_across_topics(ins):
    assert 8 <= len(ins.pengetahuan) <= 10
    assert all(b.id == "kt_" + b.kuis.id for b in ins.pengetahuan)
    assert len({b.kuis.topik for b in ins.pengetahuan}) >= 6
    episode = {getattr(b.kuis, "episode", None) for b in ins.pengetahuan} - {None}
    assert not episode or len(episode) >= 5          # once the bank carries episodes


def test_the_committed_codebooks_are_the_generated_ones(ins):
    for lang, path in BUKU_KODE.items():
        assert path.read_text(encoding="utf-8") == buku_kode(lang, ins), (
            f"{path}: regenerate with python -m simkit.pelatihan.instrumen")
    teks = buku_kode("en", ins)
    for b in ins.butir_skala:
        assert f"| {b.id} | {b.teks['en']} | {'yes' if b.terbalik else ''} |" in teks
    assert "`-9`" in teks and "| kt_iki_01 |" in teks and "| B |" in teks


def test_a_broken_instrument_is_located(tmp_path):
    teks = INSTRUMEN_BAWAAN.read_text(encoding="utf-8")
    rusak = teks.replace("butir: [aturan_lama_01,", "butir: [kuadran_99,").replace(
        "  - id: kd4\n    terbalik: true", "  - id: kd4\n    terbalik: ya")
    p = tmp_path / "r.yaml"
    p.write_text(rusak, encoding="utf-8")
    with pytest.raises(SimkitError) as e:
        muat_instrumen(p)
    pesan = e.value.render("id")
    assert re.search(r"r\.yaml, baris \d+, bidang 'pengetahuan\.butir\.0'.*kuadran_99", pesan)
    assert "bidang 'subskala.1.butir.3.terbalik'" in pesan


def test_the_pairing_code_is_normalised_and_never_a_nip_or_a_name(ins):
    assert periksa_kode("si-07 42", ins) == "SI0742"
    assert periksa_kode("199001012015031001", ins) == "kode_nip"      # an 18-digit NIP
    assert periksa_kode("1990 0101 2015 0310 01", ins) == "kode_nip"
    assert periksa_kode("7306012345678901", ins) == "kode_nip"        # a 16-digit NIK
    assert periksa_kode("Siti Aminah", ins) == "kode_pola"
    assert periksa_kode(None, ins) == "kode_kosong"


# ------------------------------------------------------------------- statistics
def test_paired_t_matches_the_sleep_data_textbook_values():
    h = uji_t_berpasangan(SLEEP)
    assert h["rata"] == pytest.approx(1.58)
    assert h["t"] == pytest.approx(4.062128, abs=1e-6)
    assert h["df"] == 9 and h["p"] == pytest.approx(0.002833, abs=1e-6)
    assert (h["ci_bawah"], h["ci_atas"]) == pytest.approx((0.7001142, 2.4598858), abs=1e-6)
    assert h["d_z"] == pytest.approx(1.58 / 1.229995, abs=1e-5)
    assert p_t(2.262157, 9) == pytest.approx(0.05, abs=1e-6)


def test_the_d_z_interval_inverts_the_noncentral_t():
    h = uji_t_berpasangan(SLEEP)
    lo, hi = h["d_z_bawah"] * np.sqrt(10), h["d_z_atas"] * np.sqrt(10)
    assert float(cdf_t_nonsentral(h["t"], 9, lo)) == pytest.approx(0.975, abs=1e-6)
    assert float(cdf_t_nonsentral(h["t"], 9, hi)) == pytest.approx(0.025, abs=1e-6)
    # Hedges & Olkin's normal approximation, SE = √(1/n + d²/2n), gives 0.45 .. 2.12
    assert (h["d_z_bawah"], h["d_z_atas"]) == pytest.approx((0.4146, 2.1180), abs=1e-3)
    # the noncentral CDF against simulation (explicit seed) at a few points
    rng = np.random.default_rng(20260310)
    for df, delta, x in ((9, 1.0, 2.0), (3, 0.5, 1.0), (40, 3.0, 2.5)):
        z, c = rng.standard_normal(200_000), rng.chisquare(df, 200_000)
        sim = ((z + delta) / np.sqrt(c / df) <= x).mean()
        assert float(cdf_t_nonsentral(x, df, delta)) == pytest.approx(sim, abs=0.004)
    # central t and the normal limit
    assert float(cdf_t_nonsentral(2.776445, 4, 0.0)) == pytest.approx(0.975, abs=1e-6)
    lo, hi = ci_nonsentral(np.array([0.0, 2.0]), np.array([1e6, 1e6]))
    assert lo.tolist() == pytest.approx([-1.959964, 0.040036], abs=1e-4)
    assert hi.tolist() == pytest.approx([1.959964, 3.959964], abs=1e-4)


def test_wilcoxon_normal_and_exact():
    w = wilcoxon_berpasangan(SLEEP, eksak=False)
    assert (w["w_plus"], w["n_bukan_nol"]) == (45.0, 9.0)
    # mean 22.5, variance 9·10·19/24 − (2³ − 2)/48 = 71.125, z = (45 − 22.5 − 0.5)/√71.125
    assert w["z"] == pytest.approx(22 / np.sqrt(71.125))
    assert w["p"] == pytest.approx(0.009091, abs=1e-6)
    assert w["r"] == pytest.approx(w["z"] / np.sqrt(10))
    e = wilcoxon_berpasangan(SLEEP)
    assert e["eksak"] == 1.0 and e["p"] == pytest.approx(2 / 2 ** 9)
    # no ties: exact two-sided p of W+ = 3 in n = 5 is P(W+ ≤ 3)·2 = 2·5/32 (sums 0,1,2,3,3)
    assert wilcoxon_berpasangan(np.array([-1, -2, 3, -4, -5.0]))["p"] == pytest.approx(10 / 32)
    assert wilcoxon_berpasangan(np.zeros(4))["n_bukan_nol"] == 0


def test_holm_and_alpha():
    assert holm(np.array([0.01, 0.04, 0.03, 0.005])).tolist() == pytest.approx(
        [0.03, 0.06, 0.06, 0.02])
    x = np.array([[1, 0, 1], [1, 1, 1], [0, 0, 0], [1, 1, 0], [0, 0, 1]], dtype=float)
    k, p = 3, x.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p) * 5 / 4).sum() / x.sum(axis=1).var(ddof=1))
    assert alpha_cronbach(x) == pytest.approx(kr20, abs=1e-4)
    assert np.isnan(alpha_cronbach(np.ones((4, 3))))


# ------------------------------------------------------------------- import
def _tulis(tmp_path, df: pd.DataFrame, nama: str = "r.csv"):
    return tulis_tabel(df, tmp_path / nama)


def test_the_simkit_layout_round_trips_in_csv_and_excel(tmp_path, ins):
    df = bangkitkan(n=12, seed=2, hilang=0.05)
    for nama in ("r.csv", "r.xlsx"):
        back = baca_respons(_tulis(tmp_path, df, nama), ins)
        assert back.attrs["format"] == "simkit"
        pd.testing.assert_frame_equal(back[kolom_simkit(ins)], df[kolom_simkit(ins)],
                                      check_dtype=False)
        assert back["baris"].tolist() == list(range(2, 26))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("jawaban", ["angka_label", "label", "angka"])
def test_a_google_forms_export_round_trips(tmp_path, ins, lang, jawaban):
    df = bangkitkan(n=8, seed=3, hilang=0.05)
    p = tulis_google_forms(df, tmp_path / "g.csv", lang, jawaban=jawaban)
    back = baca_respons(p, ins)
    assert back.attrs["format"] == "google_forms"
    pd.testing.assert_frame_equal(back[kolom_simkit(ins)], df[kolom_simkit(ins)],
                                  check_dtype=False)
    h0, h1 = analisis(df), analisis(back)
    pd.testing.assert_frame_equal(h0.tabel, h1.tabel)


def test_google_forms_headers_match_grids_variable_prefixes_and_numbers(tmp_path, ins):
    g = sebagai_google_forms(bangkitkan(n=3, seed=4), "id")
    kp1, kp2 = ins.butir_skala[0].teks["id"], ins.butir_skala[1].teks["id"]
    g = g.rename(columns={kp1: f"Penilaian di tempat kerja [{kp1}]", kp2: f"[kp2] {kp2.upper()}",
                          g.columns[5]: "3. " + g.columns[5]})
    back = baca_respons(_tulis(tmp_path, g), ins)
    assert back["kp1"].notna().all() and back["kp2"].notna().all()


def test_an_unmatched_or_duplicated_google_column_is_located(tmp_path, ins):
    g = sebagai_google_forms(bangkitkan(n=3, seed=4), "en")
    kp3 = ins.butir_skala[2].teks["en"]
    g = g.rename(columns={kp3: "How do you feel today?"})
    g["[kp1] again"] = g.iloc[:, 3]
    p = _tulis(tmp_path, g)
    with pytest.raises(SimkitError) as e:
        baca_respons(p, ins)
    id_, en = e.value.render("id"), e.value.render("en")
    assert f"{p}, baris 1, kolom 'How do you feel today?': judul kolom ini tidak cocok" in id_
    assert "column '[kp1] again'" in en and "both match item kp1" in en


def test_bad_cells_are_located_in_the_users_language(tmp_path, ins):
    df = bangkitkan(n=4, seed=5).astype(object)
    df.loc[1, "kp2"] = 7                          # out of range (file row 3)
    df.loc[2, "kode"] = "199001012015031001"       # an 18-digit NIP (row 4)
    df.loc[4, "kode"] = df.loc[0, "kode"]          # a second 'sebelum' row (row 6)
    df.loc[5, "kt_iki_01"] = "Z"                   # no such option (row 7)
    df.loc[6, "waktu"] = "besok"                   # unknown time (row 8)
    p = _tulis(tmp_path, df)
    with pytest.raises(SimkitError) as e:
        baca_respons(p, ins)
    m = e.value.render("id").splitlines()
    assert f"{p}, baris 3, kolom 'kp2': jawaban skala tidak terbaca atau di luar skala 1–5" in m[0]
    assert "baris 4, kolom 'kode'" in m[1] and "NIP (18 angka)" in m[1]
    assert "199001012015031001" not in e.value.render("id")    # never echoed
    kode = df.loc[0, "kode"]
    assert any(f"baris 6, kolom 'kode': kode {kode} sudah punya baris 'sebelum' (baris 2)" in x
               for x in m)
    assert any("baris 7, kolom 'kt_iki_01'" in x and "'Z'" in x for x in m)
    assert any("baris 8, kolom 'waktu'" in x for x in m)
    assert "outside the 1–5 scale" in e.value.render("en")


def test_unknown_missing_and_personal_columns_are_refused(tmp_path, ins):
    df = bangkitkan(n=2, seed=6)
    p = _tulis(tmp_path, df.rename(columns={"kp1": "kpl"}).assign(nama="Siti"))
    with pytest.raises(SimkitError) as e:
        baca_respons(p, ins)
    teks = e.value.render("en")
    assert "line 1, column 'kpl': unknown column" in teks and "Did you mean 'kp" in teks
    assert "column 'nama': this column would hold personal data" in teks
    p = _tulis(tmp_path, df.drop(columns=["pv3"]))
    with pytest.raises(SimkitError, match="kolom 'pv3'"):
        baca_respons(p, ins)
    p = tmp_path / "x.txt"
    p.write_text("kode\n", encoding="utf-8")
    with pytest.raises(SimkitError, match=".csv, .xlsx"):
        baca_respons(p, ins)


# ------------------------------------------------------------------- analysis
def test_hand_worked_scores_reverse_keys_and_shares(ins):
    """Two codes; only procedural justice answered (kp1..kp5, kp5 reversed).

    A before: 2,2,2,2 and kp5 = 4 → 6 − 4 = 2 → mean 2.0; after: 3,3,3,3, kp5 = 3 → 3.0
    (change +1.0: improved). B before: 4,4,4 (two blank: 3 of 5 ≥ half) → 4.0; after 4,4,4,4,
    kp5 = 1 → 5 → 4.2 (change +0.2: stayed). Other subscales: all blank → missing."""
    kol = kolom_simkit(ins)
    rows = [dict.fromkeys(kol, np.nan) for _ in range(4)]
    for r, (k, w, v) in zip(rows, (("AA0101", "sebelum", [2, 2, 2, 2, 4]),
                                   ("AA0101", "sesudah", [3, 3, 3, 3, 3]),
                                   ("BB0202", "sebelum", [4, 4, 4, np.nan, np.nan]),
                                   ("BB0202", "sesudah", [4, 4, 4, 4, 1])), strict=True):
        r.update(kode=k, waktu=w, **{f"kp{i + 1}": x for i, x in enumerate(v)})
        r.update({b.id: None for b in ins.pengetahuan})
    df = pd.DataFrame(rows)
    h = analisis(df)
    s = h.skor[h.skor["skala"] == "keadilan_prosedural"].set_index("kode")
    assert s["sebelum"].tolist() == [2.0, 4.0] and s["sesudah"].tolist() == pytest.approx(
        [3.0, 4.2])
    assert s["arah"].tolist() == ["membaik", "tetap"]
    r = h.tabel.set_index("skala").loc["keadilan_prosedural"]
    assert (r["n_pasangan"], r["membaik"], r["tetap"], r["memburuk"]) == (2, 0.5, 0.5, 0.0)
    assert r["selisih"] == pytest.approx(0.6)
    assert h.tabel.set_index("skala").loc["efikasi", "n_pasangan"] == 0


def test_unpaired_rows_are_counted_not_used():
    df = bangkitkan(n=10, seed=8)
    df = df.drop(index=[1, 2]).reset_index(drop=True)    # code 0 has no 'sesudah', 1 no 'sebelum'
    h = analisis(df)
    assert (h.n_pasangan, h.n_sebelum_saja, h.n_sesudah_saja) == (8, 1, 1)
    assert "1 lembar sebelum dan 1 lembar sesudah" in " ".join(ringkasan(h, "id")["peringatan"])


def test_a_known_effect_is_recovered_within_its_ci_in_most_seeds():
    lo, hi, dz = [], [], []
    for seed in range(12):
        t = analisis(bangkitkan(n=80, efek=0.5, seed=seed)).tabel.iloc[:9]
        lo += list(t["d_z_bawah"])
        hi += list(t["d_z_atas"])
        dz += list(t["d_z"])
    cakup = np.mean((np.array(lo) <= 0.5) & (0.5 <= np.array(hi)))
    assert cakup >= 0.85                 # nominal 95 % (rounding/clipping cost a little)
    assert np.mean(dz) == pytest.approx(0.5, abs=0.05)


def test_per_subscale_effects_and_reliability_come_back():
    efek = {"keadilan_prosedural": 0.8, "efikasi": -0.4}
    h = analisis(bangkitkan(n=400, efek=efek, keandalan=0.85, seed=11))
    t = h.tabel.set_index("skala")
    assert t.loc["keadilan_prosedural", "d_z"] == pytest.approx(0.8, abs=0.15)
    assert t.loc["efikasi", "d_z"] == pytest.approx(-0.4, abs=0.15)
    assert t.loc["diskrepansi", "d_z"] == pytest.approx(0.0, abs=0.15)
    assert t["alpha_sebelum"].iloc[:9].to_numpy() == pytest.approx(0.85, abs=0.05)
    assert t["alpha_sesudah"].iloc[:9].to_numpy() == pytest.approx(0.85, abs=0.05)
    assert t.loc["keadilan_prosedural", "bermakna"] and t.loc["efikasi", "bermakna"]
    assert "TURUN" in " ".join(ringkasan(h, "id")["skala"])
    assert t.loc[PENGETAHUAN, "selisih"] > 1.5     # 10 items × (0.70 − 0.45) = 2.5


def test_zero_effect_rarely_significant_over_seeds():
    p_t_, p_holm, p_w = [], [], []
    for seed in range(100, 130):
        t = analisis(bangkitkan(n=30, efek=0.0, seed=seed)).tabel.iloc[:9]
        p_t_ += list(t["p_t"])
        p_holm += list(t["p_t_holm"])
        p_w += list(t["p_wilcoxon"])
    assert np.mean(np.array(p_t_) < 0.05) <= 0.09       # 270 tests, nominal 5 %
    assert np.mean(np.array(p_w) < 0.05) <= 0.09
    assert np.mean(np.array(p_holm) < 0.05) <= 0.02


def test_the_summary_warns_about_few_pairs_and_names_the_caveats():
    kecil = ringkasan(analisis(bangkitkan(n=20, seed=1)), "en")
    assert any("Only 20 pairs (fewer than about 35)" in p for p in kecil["peringatan"])
    besar = ringkasan(analisis(bangkitkan(n=40, seed=1)), "id")
    assert not any("pasangan (kurang dari" in p for p in besar["peringatan"])
    teks = " ".join(kecil["batasan"]).lower()
    for kata in ("comparison group", "regression to the mean", "demand", "testing"):
        assert kata in teks
    teks_id = " ".join(besar["batasan"]).lower()
    for kata in ("kelompok pembanding", "regresi ke rata-rata", "tuntutan", "pengujian"):
        assert kata in teks_id


def test_output_folder_is_complete_with_manifest_and_refuses_foreign_folders(tmp_path):
    h = analisis(bangkitkan(n=15, seed=9))
    out = tulis_hasil(h, tmp_path / "hasil", "en")
    for f in ("tabel/skala.csv", "tabel/skor_pasangan.csv", "tabel/hasil.xlsx",
              "grafik/sebelum_sesudah.png", "grafik/perubahan.png", "ringkasan.html"):
        assert (out / f).stat().st_size > 0, f
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["jenis"] == "evaluasi_pelatihan" and m["n_pasangan"] == 15
    assert set(m["berkas"]) >= {"tabel/skala.csv", "ringkasan.html"}
    html = (out / "ringkasan.html").read_text(encoding="utf-8")
    assert "Regression to the mean" in html and "<script" not in html
    tabel = pd.read_csv(out / "tabel" / "skala.csv")
    assert tabel.loc[0, "label"] == "Procedural justice" and len(tabel) == 10
    tulis_hasil(h, out, "id")                         # its own earlier output: replaced
    lain = tmp_path / "lain"
    lain.mkdir()
    (lain / "catatan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SimkitError, match="--timpa"):
        tulis_hasil(h, lain)
    assert (lain / "catatan.txt").exists()


# ------------------------------------------------------------------- CLI
def test_cli_analisis_writes_the_folder_and_reports_errors(tmp_path, capsys):
    src = tulis_google_forms(bangkitkan(n=36, seed=10), tmp_path / "gf.csv", "id")
    out = tmp_path / "hasil"
    assert main(["pelatihan", "analisis", str(src), "--keluaran", str(out), "--lang", "en"]) == 0
    teks = capsys.readouterr().out
    assert "36 pairs analysed" in teks and "fewer than about" not in teks
    assert "Improved" in (out / "ringkasan.html").read_text(encoding="utf-8")
    rusak = tmp_path / "rusak.csv"
    df = bangkitkan(n=2, seed=1).astype(object)
    df.loc[0, "kp1"] = 9
    tulis_tabel(df, rusak)
    assert main(["--lang", "id", "pelatihan", "analisis", str(rusak), "--keluaran",
                 str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert f"{rusak}, baris 2, kolom 'kp1'" in err and "Traceback" not in err


def test_cli_analisis_help_is_bilingual(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "pelatihan", "analisis", "--help"])
    assert "Analyse the before/after resistance questionnaire" in capsys.readouterr().out


# ------------------------------------------------------------------- forms
def test_the_paper_form_is_built_from_the_yaml(tmp_path, ins):
    for lang in ("id", "en"):
        p = tulis_formulir_kertas(tmp_path / f"formulir-{lang}.html", lang)
        h = p.read_text(encoding="utf-8")
        assert all(b.teks[lang] in h.replace("&#x27;", "'") for b in ins.butir_skala)
        assert all(f"[{b.id}]" in h for b in ins.pengetahuan)
        assert "size: A4" in h and "<script" not in h and "http" not in h
        assert not re.search(r"color:\s*#(?!000|fff)", h)      # black and white only
        assert ins.contoh_kode in h
    assert "Sangat setuju" in formulir_kertas_html("id")


def test_the_app_form_saves_a_row_the_importer_reads(tmp_path, ins):
    path = tmp_path / "jawaban.csv"
    w = FormulirWidget(path_csv=path, lang="id")
    w.kode.value = "199001012015031001"
    w.waktu.value = "sebelum"
    w.simpan.click()
    assert "NIP" in w.pesan.value and not path.exists()
    w.kode.value = "si 0742"
    for i, b in enumerate(ins.butir_skala):
        w.likert[b.id].value = 1 + i % 5
    w.tahu["kt_iki_01"].value = "B"
    w.simpan.click()
    assert "tersimpan" in w.pesan.value and "9 butir tidak dijawab" in w.pesan.value
    w.bahasa.value = "en"
    assert w.waktu.value == "sebelum" and w.tahu["kt_iki_01"].value == "B"
    w.likert["kp1"].value = 5
    w.simpan.click()                                  # same form again: replaces its row
    d = baca_respons(path, ins)
    assert len(d) == 1 and d.loc[0, "kode"] == "SI0742" and d.loc[0, "kp1"] == 5
    assert d.loc[0, "kt_iki_01"] == "B" and d.loc[0, "kt_kuadran_01"] is None
    lain = FormulirWidget(path_csv=path, lang="en")
    lain.kode.value, lain.waktu.value = "SI0742", "sebelum"
    lain.simpan.click()
    assert "already has a 'sebelum' row (row 2)" in html.unescape(lain.pesan.value)
    lain.waktu.value = "sesudah"
    lain.simpan.click()
    d = baca_respons(path, ins)
    assert d["waktu"].tolist() == ["sebelum", "sesudah"]
    assert analisis(d, ins).n_pasangan == 1


def test_google_answers_whose_number_and_label_disagree_are_refused(tmp_path, ins):
    g = sebagai_google_forms(bangkitkan(n=2, seed=12), "id")
    kp1 = ins.butir_skala[0].teks["id"]
    g[kp1] = ["4 - Sangat setuju", "6 - Sangat setuju", "Setuju", "5 - Sangat setuju"]
    p = _tulis(tmp_path, g)
    with pytest.raises(SimkitError) as e:
        baca_respons(p, ins)
    m = e.value.render("id").splitlines()
    assert len(m) == 2
    assert "baris 2, kolom 'Saya dapat menyampaikan" in m[0] and "'4 - Sangat setuju'" in m[0]
    assert "baris 3" in m[1] and "'6 - Sangat setuju'" in m[1]


def test_no_variation_and_no_pairs_are_said_plainly(ins):
    df = bangkitkan(n=5, seed=13)
    sesudah = df["waktu"] == "sesudah"
    for b in ins.subskala[0].butir:                     # every pair: same answers after
        df.loc[sesudah, b.id] = df.loc[~sesudah, b.id].to_numpy()
    kalimat = ringkasan(analisis(df), "en")["skala"]
    assert kalimat[0].startswith("Procedural justice: all 5 pairs changed by exactly the same")
    hanya_pra = analisis(df[~sesudah].reset_index(drop=True))
    assert hanya_pra.n_pasangan == 0 and hanya_pra.n_sebelum_saja == 5
    assert all("too few pairs" in k for k in ringkasan(hanya_pra, "en")["skala"])


def test_a_before_and_an_after_file_are_joined_and_cross_file_duplicates_located(tmp_path,
                                                                                  capsys):
    df = bangkitkan(n=6, seed=14)
    pra = tulis_google_forms(df[df["waktu"] == "sebelum"], tmp_path / "pra.csv", "id")
    pasca = _tulis(tmp_path, df[df["waktu"] == "sesudah"], "pasca.xlsx")
    d = baca_respons([pra, pasca])
    assert len(d) == 12 and set(d["berkas"]) == {str(pra), str(pasca)}
    assert analisis(d).n_pasangan == 6
    out = tmp_path / "hasil"
    assert main(["--lang", "en", "pelatihan", "analisis", str(pra), str(pasca),
                 "--keluaran", str(out)]) == 0
    assert "6 pairs analysed" in capsys.readouterr().out
    with pytest.raises(SimkitError) as e:
        baca_respons([pra, pra])
    assert (f"{pra}, line 2, column 'kode': code {df.loc[0, 'kode']} already has a 'sebelum' "
            f"row in {pra} (row 2)") in e.value.render("en")
