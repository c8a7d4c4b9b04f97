"""Measurement generators: IKI, BerAKHLAK 360 ratings, old-rule aspects, SKM.

Runs on a small hand-built Mamuju-like population that follows ``schema.py`` (a puskesmas, a
school, Dukcapil, back-office OPDs, ~180 ASN with atasan/peers/subordinates) and on
replications of it (as the national scenario replicates a pemda) for statistical checks.
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.errors import SimkitError
from simkit.population.behaviour import (
    build_penilaian_perilaku,
    build_perilaku_aspek,
    leniensi_penilai,
)
from simkit.population.indicators import build_iki, katalog_indikator
from simkit.population.schema import BERAKHLAK, SKM, STRUKTURAL, TABLES, UNSUR_SKM
from simkit.population.survey import build_skm, jumlah_responden, krejcie_morgan
from simkit.population.validate import validate_population, validate_table
from simkit.scenario import Scenario

# --------------------------------------------------------------------------- fixture

UNITS = [
    # unit_id, kode_unit, nama_unit, jenis_unit, induk, opd, melayani_publik, populasi_dilayani
    (1, "setda", "Sekretariat Daerah", "sekretariat_daerah", None, 1, False, 0),
    (2, "dinkes", "Dinas Kesehatan", "dinas", None, 2, False, 0),
    (3, "pkm_kalukku", "Puskesmas Kalukku", "puskesmas", 2, 2, True, 12000),
    (4, "pkm_tapalang", "Puskesmas Tapalang", "puskesmas", 2, 2, True, 3000),
    (5, "disdik", "Dinas Pendidikan dan Kebudayaan", "dinas", None, 5, False, 0),
    (6, "sdn_1_mamuju", "SD Negeri 1 Mamuju", "sekolah", 5, 5, True, 400),
    (7, "dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", None, 7, True, 60000),
    (8, "bappeda", "Badan Perencanaan Pembangunan Daerah", "badan", None, 8, False, 0),
    (9, "inspektorat", "Inspektorat Daerah", "inspektorat", None, 9, False, 0),
    (10, "bkpp", "Badan Kepegawaian dan Pengembangan SDM", "badan", None, 10, False, 0),
    (11, "kec_kalukku", "Kecamatan Kalukku", "kecamatan", None, 11, True, 900),
]
KECAMATAN = {3: "Kalukku", 4: "Tapalang", 6: "Mamuju", 11: "Kalukku"}


def _units() -> pd.DataFrame:
    df = pd.DataFrame(UNITS, columns=["unit_id", "kode_unit", "nama_unit", "jenis_unit",
                                      "induk_unit_id", "opd_id", "melayani_publik",
                                      "populasi_dilayani"])
    df["induk_unit_id"] = df["induk_unit_id"].astype("Int64")
    df["adalah_opd"] = df["unit_id"] == df["opd_id"]
    df["instansi"] = 1
    df["kecamatan"] = df["unit_id"].map(KECAMATAN).astype("str")
    df["kode_bps"] = df["kecamatan"].map({"Kalukku": "7604030", "Tapalang": "7604010",
                                          "Mamuju": "7604020"}).astype("str")
    df["jenis_unit"] = pd.Categorical(df["jenis_unit"], categories=TABLES["unit_kerja"]
                                      .column("jenis_unit").values)
    return df[TABLES["unit_kerja"].column_names]


def _pegawai() -> pd.DataFrame:
    rows: list[dict] = []

    def add(unit: int, jab: str, rumpun: str, atasan: int | None, kepala: bool = False,
            count: int = 1) -> list[int]:
        ids = []
        for _ in range(count):
            asn = len(rows) + 1
            rows.append(dict(asn_id=asn, unit_id=unit, jenis_jabatan=jab, rumpun=rumpun,
                             atasan_id=atasan, kepala_unit=kepala))
            ids.append(asn)
        return ids

    sekda = add(1, "jpt_pratama", "umum", None, True)[0]
    for asisten in add(1, "administrator", "umum", sekda, count=2):
        add(1, "pelaksana", "umum", asisten, count=6)
    heads: dict[int, int] = {}
    for opd in (2, 5, 7, 8, 9, 10, 11):
        head = add(opd, "administrator" if opd == 11 else "jpt_pratama", "umum", sekda, True)[0]
        heads[opd] = head
        sek = add(opd, "administrator", "umum", head)[0]
        kabid = add(opd, "administrator", "umum", head)[0]
        kasub = add(opd, "pengawas", "umum", sek)[0]
        add(opd, "pelaksana", "umum", kasub, count=4)
        add(opd, "fungsional_keahlian", "umum", kabid, count=8 if opd == 9 else 3)
        if opd == 7:
            add(opd, "pelaksana", "umum", kasub, count=8)
    for pkm, staff in ((3, 20), (4, 10)):
        kapus = add(pkm, "fungsional_keahlian", "kesehatan", heads[2], True)[0]
        add(pkm, "fungsional_keahlian", "kesehatan", kapus, count=staff // 2)
        add(pkm, "fungsional_keterampilan", "kesehatan", kapus, count=staff - staff // 2)
        add(pkm, "pelaksana", "umum", kapus, count=2)
    kepsek = add(6, "fungsional_keahlian", "guru", heads[5], True)[0]
    add(6, "fungsional_keahlian", "guru", kepsek, count=18)

    df = pd.DataFrame(rows)
    n = len(df)
    uk = _units().set_index("unit_id")
    df["opd_id"] = df["unit_id"].map(uk["opd_id"])
    df["melayani_publik"] = df["unit_id"].map(uk["melayani_publik"]).astype(bool)
    df["atasan_id"] = df["atasan_id"].astype("Int64")
    df["nip"] = [f"19800101200501{1 + i % 2}{i:03d}" for i in range(n)]
    df["nama"] = [f"Pegawai {i}" for i in range(1, n + 1)]
    df["jenis_kelamin"] = np.where(np.arange(n) % 2 == 0, "L", "P")
    df["tanggal_lahir"] = pd.Timestamp("1980-01-01")
    df["tmt_cpns"] = pd.Timestamp("2005-01-01")
    df["status_kepegawaian"] = "PNS"
    df["golongan"] = "III/a"
    df["pangkat"] = "Penata Muda"
    df["jenjang"] = np.where(df["jenis_jabatan"] == "fungsional_keahlian", "ahli_pertama",
                             np.where(df["jenis_jabatan"] == "fungsional_keterampilan",
                                      "terampil", None))
    df["nama_jabatan"] = df["jenis_jabatan"].str.replace("_", " ").str.title()
    df["kelas_jabatan"] = 7
    return df[TABLES["pegawai"].column_names]


def _kebenaran(pegawai: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(pegawai)
    z1, z2 = rng.standard_normal(n), rng.standard_normal(n)
    hasil, perilaku = z1, 0.5 * z1 + np.sqrt(1 - 0.25) * z2
    skor = 0.7 * hasil + 0.3 * perilaku
    cut = np.quantile(skor, [0.03, 0.10, 0.30, 0.90])
    pred = np.array(["sangat_kurang", "kurang", "butuh_perbaikan", "baik", "sangat_baik"])
    return pd.DataFrame({"asn_id": pegawai["asn_id"].to_numpy(), "hasil_benar": hasil,
                         "perilaku_benar": perilaku, "skor_benar": skor,
                         "predikat_benar": pred[np.searchsorted(cut, skor)]})


def _kebenaran_unit(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(units)
    return pd.DataFrame({"unit_id": units["unit_id"].to_numpy(),
                         "kinerja_organisasi_benar": rng.standard_normal(n),
                         "capaian_benar": "baik",
                         "kinerja_layanan_benar": rng.standard_normal(n)})


def build_fixture(copies: int = 1, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The hand-built pemda, replicated ``copies`` times (vectorised) like pemda copies."""
    uk0, pg0 = _units(), _pegawai()
    nu, na = len(uk0), len(pg0)
    k_u = np.repeat(np.arange(copies), nu)
    k_a = np.repeat(np.arange(copies), na)
    uk = uk0.iloc[np.tile(np.arange(nu), copies)].reset_index(drop=True)
    for c in ("unit_id", "opd_id", "induk_unit_id"):
        uk[c] = uk[c] + k_u * nu
    uk["instansi"] = k_u + 1
    if copies > 1:
        # national-scenario style codes: instansi prefix, e.g. 'i0002.dinkes'
        uk["kode_unit"] = pd.Series(k_u + 1).map("i{:04d}.".format) + uk["kode_unit"]
    pg = pg0.iloc[np.tile(np.arange(na), copies)].reset_index(drop=True)
    for c, step in (("asn_id", na), ("atasan_id", na), ("unit_id", nu), ("opd_id", nu)):
        pg[c] = pg[c] + k_a * step
    rng = np.random.default_rng(seed)
    return {"unit_kerja": uk, "pegawai": pg, "kebenaran": _kebenaran(pg, rng),
            "kebenaran_unit": _kebenaran_unit(uk, rng)}


def skenario(**kw) -> Scenario:
    return Scenario.model_validate({"nama": "uji", "seed": 1, **kw})


@pytest.fixture(scope="module")
def pop() -> dict[str, pd.DataFrame]:
    return build_fixture()


@pytest.fixture(scope="module")
def big() -> dict[str, pd.DataFrame]:
    return build_fixture(copies=60, seed=3)


def _all(sc: Scenario, p: dict, seed: int = 5) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    return {
        "iki": build_iki(sc, p["pegawai"], p["unit_kerja"], p["kebenaran"], rng),
        "penilaian_perilaku": build_penilaian_perilaku(sc, p["pegawai"], p["kebenaran"], rng,
                                                       unit_kerja=p["unit_kerja"]),
        "perilaku_aspek": build_perilaku_aspek(sc, p["pegawai"], p["kebenaran"], rng,
                                               unit_kerja=p["unit_kerja"]),
        "skm": build_skm(sc, p["pegawai"], p["unit_kerja"], p["kebenaran_unit"], rng),
    }


def _capaian(iki: pd.DataFrame) -> pd.Series:
    """Weighted capaian per ASN (PermenPANRB 8/2021: naik R/T, turun 2 - R/T), in percent."""
    r = iki["realisasi"] / iki["target"]
    c = np.where(iki["arah"] == "turun", 2 - r, r) * 100
    return (pd.Series(c, index=iki.index) * iki["bobot"]).groupby(iki["asn_id"]).sum()


# --------------------------------------------------------------------------- schema

def _check_schema(name: str, df: pd.DataFrame) -> None:
    table = TABLES[name]
    assert list(df.columns) == table.column_names, name
    for col in table.columns:
        s = df[col.name]
        if not col.nullable:
            assert not s.isna().any(), (name, col.name)
        v = s.dropna()
        if col.kind == "int":
            assert pd.api.types.is_integer_dtype(s), (name, col.name)
        elif col.kind == "float":
            assert pd.api.types.is_float_dtype(s), (name, col.name)
        elif col.kind == "str":
            assert pd.api.types.is_string_dtype(s), (name, col.name)
        elif col.kind == "enum":
            assert set(v.astype(str)) <= set(col.values), (name, col.name)
        if col.min is not None:
            assert (v >= col.min).all(), (name, col.name)
        if col.max is not None:
            assert (v <= col.max).all(), (name, col.name)
        if col.unique:
            assert s.is_unique, (name, col.name)
    if table.key:
        assert not df.duplicated(list(table.key)).any(), name


def test_fixture_follows_schema(pop):
    for name in ("unit_kerja", "pegawai", "kebenaran", "kebenaran_unit"):
        _check_schema(name, pop[name])
    assert 150 <= len(pop["pegawai"]) <= 250


def test_four_tables_follow_schema(pop):
    out = _all(skenario(), pop)
    for name, df in out.items():
        _check_schema(name, df)
        assert validate_table(df, name) == [], name
    # cross-table references (ids of ASN, raters, units) with the shared validator
    problems = validate_population({**pop, **out})
    assert [m.kode for m in problems] == ["tabel_hilang"]  # only kinerja_organisasi (H1's)
    assert set(out["perilaku_aspek"]["asn_id"]) == set(pop["pegawai"]["asn_id"])


# --------------------------------------------------------------------------- IKI

def test_catalogue_has_required_examples_and_enough_per_asn():
    kat = katalog_indikator()
    names = dict(zip(kat.nama, kat.turun, strict=True))
    assert names["Rata-rata waktu tunggu pasien"]  # arah turun
    for must in ("Persentase ibu hamil mendapat pelayanan antenatal (K4)",
                 "Jumlah dokumen kependudukan diterbitkan", "Waktu penyelesaian izin (hari)",
                 "Persentase siswa tuntas KKM", "Jumlah laporan hasil pengawasan",
                 "Persentase realisasi anggaran", "Jumlah dokumen perencanaan",
                 "Persentase data kepegawaian mutakhir", "Jumlah surat diproses",
                 "Persentase capaian sasaran strategis unit"):
        assert must in names
    # the group every ASN gets is large enough for the scenario maximum of 10 indicators
    umum = kat.kelompok_id.index("umum")
    assert (kat.kelompok == umum).sum() >= 10


def test_iki_counts_weights_targets(pop):
    sc = skenario()
    iki = build_iki(sc, pop["pegawai"], pop["unit_kerja"], pop["kebenaran"],
                    np.random.default_rng(1))
    per = iki.groupby("asn_id")
    counts = per.size()
    assert len(counts) == len(pop["pegawai"])
    assert counts.between(3, 6).all()
    assert set(counts.unique()) >= {3, 4, 5, 6}
    assert per["nama_indikator"].nunique().equals(counts)  # distinct per ASN
    assert np.allclose(per["bobot"].sum(), 1.0, atol=1e-9)
    assert (iki["target"] > 0).all() and (iki["realisasi"] >= 0).all()
    pct = iki["satuan"] == "%"
    assert (iki.loc[pct, "realisasi"] <= 100).all()
    assert (iki["target_kualitas"] == 100).all()
    assert iki["realisasi_kualitas"].between(0, 100).all()
    biaya = iki["target_biaya"].notna()
    assert biaya.any() and (~biaya).any()
    assert iki["realisasi_biaya"].notna().equals(biaya)


@pytest.mark.parametrize("lo,hi", [(1, 1), (3, 6), (10, 10), (2, 9)])
def test_iki_count_range_follows_scenario(pop, lo, hi):
    sc = skenario(indikator={"jumlah_min": lo, "jumlah_maks": hi})
    iki = build_iki(sc, pop["pegawai"], pop["unit_kerja"], pop["kebenaran"],
                    np.random.default_rng(lo * 10 + hi))
    per = iki.groupby("asn_id")
    assert per.size().between(lo, hi).all()
    assert per["nama_indikator"].nunique().equals(per.size())
    w = per["bobot"]
    assert np.allclose(w.sum(), 1.0, rtol=0, atol=1e-9) and (iki["bobot"] >= 0).all()
    assert np.allclose(iki["bobot"], iki["bobot"].round(3), rtol=0, atol=1e-12)


def test_iki_follows_unit_and_jabatan(pop):
    iki = build_iki(skenario(), pop["pegawai"], pop["unit_kerja"], pop["kebenaran"],
                    np.random.default_rng(2))
    pg = pop["pegawai"].set_index("asn_id")
    unit = iki["asn_id"].map(pg["unit_id"])
    jab = iki["asn_id"].map(pg["jenis_jabatan"])
    assert "Rata-rata waktu tunggu pasien" in set(iki.loc[unit.isin([3, 4]), "nama_indikator"])
    assert "Persentase siswa tuntas KKM" in set(iki.loc[unit == 6, "nama_indikator"])
    assert not unit[iki["nama_indikator"] == "Persentase siswa tuntas KKM"].ne(6).any()
    lead = set(iki.loc[jab.isin(STRUKTURAL), "nama_indikator"])
    assert "Persentase capaian sasaran strategis unit" in lead
    assert not jab[iki["nama_indikator"] == "Jumlah surat diproses"].ne("pelaksana").any()


def test_iki_direction_follows_truth(big):
    sc = skenario()
    iki = build_iki(sc, big["pegawai"], big["unit_kerja"], big["kebenaran"],
                    np.random.default_rng(4))
    h = iki["asn_id"].map(big["kebenaran"].set_index("asn_id")["hasil_benar"])
    ratio = iki["realisasi"] / iki["target"]
    cap = np.where(iki["arah"] == "naik", ratio, 1 / ratio)
    assert np.corrcoef(h, cap)[0, 1] > 0.3
    turun = iki["arah"] == "turun"
    assert turun.sum() > 2000
    ratio_turun = iki.loc[turun, "realisasi"] / iki.loc[turun, "target"]
    assert np.corrcoef(h[turun], ratio_turun)[0, 1] < -0.3
    # within one lower-is-better indicator: better truth -> lower realisation
    # (rows reported exactly at target, share konstanta tepat_target, carry no signal)
    for name, sign in (("Rata-rata waktu tunggu pasien", -1),
                       ("Jumlah kunjungan pasien yang dilayani", 1)):
        one = (iki["nama_indikator"] == name) & (iki["realisasi"] != iki["target"])
        assert one.sum() > 400
        log_ratio = np.log(iki.loc[one, "realisasi"] / iki.loc[one, "target"])
        slope = np.polyfit(h[one], log_ratio, 1)[0]
        assert slope == pytest.approx(sign * sc.indikator.sensitivitas, abs=0.03)
    # PP 46 columns: better -> higher kualitas, less time
    assert np.corrcoef(h, iki["realisasi_kualitas"])[0, 1] > 0.3
    assert np.corrcoef(h, iki["realisasi_waktu"] / iki["target_waktu"])[0, 1] < 0


def test_iki_default_calibration(big):
    iki = build_iki(skenario(), big["pegawai"], big["unit_kerja"], big["kebenaran"],
                    np.random.default_rng(6))
    c = _capaian(iki)
    assert 0.15 <= (c >= 110).mean() <= 0.25
    assert 0.55 <= ((c >= 90) & (c < 110)).mean() <= 0.70
    assert 0.10 <= (c < 90).mean() <= 0.25


def test_iki_kemudahan_per_opd_eases_targets(pop):
    sc = skenario(indikator={"kemudahan_per_opd": {"bappeda": 0.3}})
    args = (pop["pegawai"], pop["unit_kerja"], pop["kebenaran"])
    base = _capaian(build_iki(skenario(), *args, np.random.default_rng(7)))
    easy = _capaian(build_iki(sc, *args, np.random.default_rng(7)))
    opd = pop["pegawai"].set_index("asn_id")["opd_id"]
    assert (easy[opd == 8] - base[opd == 8]).mean() > 15
    assert (easy[opd != 8] - base[opd != 8]).abs().max() < 1e-9


# --------------------------------------------------------------------------- behaviour

def test_raters_are_the_right_people(pop):
    sc = skenario()
    pp = build_penilaian_perilaku(sc, pop["pegawai"], pop["kebenaran"],
                                  np.random.default_rng(3), unit_kerja=pop["unit_kerja"])
    atasan = pop["pegawai"].set_index("asn_id")["atasan_id"]
    peran = pp["peran"].astype(str)
    a = pp[peran == "atasan"]
    assert (a["penilai_id"].to_numpy() == atasan[a["asn_id"]].to_numpy()).all()
    assert len(a) == atasan.notna().sum()
    top = atasan[atasan.isna()].index
    assert not pp.loc[pp["asn_id"].isin(top), "peran"].astype(str).isin(["atasan", "rekan"]).any()
    r = pp[peran == "rekan"]
    assert len(r) > 0
    assert (atasan[r["penilai_id"]].to_numpy() == atasan[r["asn_id"]].to_numpy()).all()
    assert (r["penilai_id"] != r["asn_id"]).all()
    team = atasan.dropna().value_counts()
    expected = np.minimum(team - 1, sc.penilai.jumlah_rekan) * team
    assert len(r) == int(expected.sum())
    b = pp[peran == "bawahan"]
    assert (atasan[b["penilai_id"]].to_numpy() == b["asn_id"].to_numpy()).all()
    assert b.groupby("asn_id").size().max() <= sc.penilai.jumlah_bawahan_maks
    assert len(b) == int(np.minimum(team, sc.penilai.jumlah_bawahan_maks).sum())
    d = pp[peran == "diri"]
    assert (d["penilai_id"] == d["asn_id"]).all() and len(d) == len(atasan)
    scores = pp[list(BERAKHLAK)]
    assert (scores.dtypes == np.int8).all() and scores.isin(range(1, 6)).all().all()
    assert pp["asn_id"].dtype == np.int32 and isinstance(pp["peran"].dtype, pd.CategoricalDtype)


def _mean_by_role(pp: pd.DataFrame) -> pd.Series:
    return pp[list(BERAKHLAK)].mean(axis=1).groupby(pp["peran"].astype(str)).mean()


def test_self_inflation_and_truth(big):
    sc = skenario(penilai={"leniensi_rata": -0.5, "inflasi_diri": 0.6})
    pp = build_penilaian_perilaku(sc, big["pegawai"], big["kebenaran"],
                                  np.random.default_rng(8), unit_kerja=big["unit_kerja"])
    m = _mean_by_role(pp)
    gap = m["diri"] - m["atasan"]
    # (1 - tendensi_sentral) is not applied to inflasi, clipping at 5 trims a little
    assert 0.45 <= gap <= 0.7
    a = pp[pp["peran"] == "atasan"]
    t = a["asn_id"].map(big["kebenaran"].set_index("asn_id")["perilaku_benar"])
    assert np.corrcoef(t, a[list(BERAKHLAK)].mean(axis=1))[0, 1] > 0.5
    none = skenario(penilai={"leniensi_rata": -0.5, "inflasi_diri": 0.0})
    m0 = _mean_by_role(build_penilaian_perilaku(none, big["pegawai"], big["kebenaran"],
                                                np.random.default_rng(8),
                                                unit_kerja=big["unit_kerja"]))
    assert abs(m0["diri"] - m0["atasan"]) < 0.1


def test_lenient_opd_rates_higher(pop):
    sc = skenario(penilai={"per_opd": {"dinkes": {"leniensi_rata": 1.5}}})
    kw = dict(unit_kerja=pop["unit_kerja"])
    base = build_penilaian_perilaku(skenario(), pop["pegawai"], pop["kebenaran"],
                                    np.random.default_rng(9), **kw)
    len_ = build_penilaian_perilaku(sc, pop["pegawai"], pop["kebenaran"],
                                    np.random.default_rng(9), **kw)
    opd = pop["pegawai"].set_index("asn_id")["opd_id"]
    in_dinkes = base["penilai_id"].map(opd).eq(2)
    diff = len_[list(BERAKHLAK)].mean(axis=1) - base[list(BERAKHLAK)].mean(axis=1)
    assert diff[in_dinkes].mean() > 0.7
    assert (diff[~in_dinkes] == 0).all()
    # a per_opd key is a base code: it applies to that OPD in every instansi
    three = build_fixture(copies=3)
    kw3 = dict(unit_kerja=three["unit_kerja"])
    b3 = build_penilaian_perilaku(skenario(), three["pegawai"], three["kebenaran"],
                                  np.random.default_rng(9), **kw3)
    l3 = build_penilaian_perilaku(sc, three["pegawai"], three["kebenaran"],
                                  np.random.default_rng(9), **kw3)
    opd3 = three["pegawai"].set_index("asn_id")["opd_id"]
    dinkes = three["unit_kerja"].loc[three["unit_kerja"]["kode_unit"].str.endswith(".dinkes"),
                                     "unit_id"]
    assert len(dinkes) == 3
    d3 = l3[list(BERAKHLAK)].mean(axis=1) - b3[list(BERAKHLAK)].mean(axis=1)
    rater_opd = b3["penilai_id"].map(opd3)
    for u in dinkes:
        assert d3[rater_opd == u].mean() > 0.7
    with pytest.raises(SimkitError, match="unit_kerja"):
        build_penilaian_perilaku(sc, pop["pegawai"], pop["kebenaran"], np.random.default_rng(9))


def test_same_rater_same_leniency_in_both_tables(pop):
    sc = skenario(penilai={"leniensi_sd": 1.0})
    rng = np.random.default_rng(10)
    pen1 = leniensi_penilai(sc, pop["pegawai"], rng, pop["unit_kerja"])
    rng.standard_normal(1000)  # another table consumed the stream in between
    pen2 = leniensi_penilai(sc, pop["pegawai"], rng, pop["unit_kerja"])
    child = leniensi_penilai(sc, pop["pegawai"], np.random.default_rng(10).spawn(1)[0],
                             pop["unit_kerja"])
    assert np.array_equal(pen1.leniensi, pen2.leniensi)
    assert np.array_equal(pen1.leniensi, child.leniensi)
    other = leniensi_penilai(sc, pop["pegawai"], np.random.default_rng(11), pop["unit_kerja"])
    assert not np.array_equal(pen1.leniensi, other.leniensi)


def test_behaviour_default_calibration(big):
    pp = build_penilaian_perilaku(skenario(), big["pegawai"], big["kebenaran"],
                                  np.random.default_rng(12), unit_kerja=big["unit_kerja"])
    a = pp[pp["peran"] == "atasan"][list(BERAKHLAK)].mean(axis=1)
    assert 0.15 <= (a >= 4.25).mean() <= 0.25
    assert 0.05 <= (a < 3.0).mean() <= 0.12


def test_perilaku_aspek(big):
    sc = skenario()
    pa = build_perilaku_aspek(sc, big["pegawai"], big["kebenaran"], np.random.default_rng(13),
                              unit_kerja=big["unit_kerja"])
    jab = big["pegawai"]["jenis_jabatan"].astype(str).isin(STRUKTURAL).to_numpy()
    assert pa["kepemimpinan"].notna().to_numpy().tolist() == jab.tolist()
    vals = pa.drop(columns=["asn_id", "tugas_tambahan", "kreativitas"]).to_numpy()
    vals = vals[~np.isnan(vals)]
    assert ((vals >= 0) & (vals <= 100)).all()
    assert np.allclose(np.round(vals, 2), vals, rtol=0, atol=1e-9)
    med = pa["integritas"].median()
    assert 75 <= med <= 85
    t = big["kebenaran"]["perilaku_benar"].to_numpy()
    assert np.corrcoef(t, pa["komitmen"])[0, 1] > 0.5
    # a lenient OPD's atasan give higher aspect scores too
    one = build_fixture()
    kw = dict(unit_kerja=one["unit_kerja"])
    lenient = skenario(penilai={"per_opd": {"dinkes": {"leniensi_rata": 1.5}}})
    b0 = build_perilaku_aspek(sc, one["pegawai"], one["kebenaran"], np.random.default_rng(1), **kw)
    b1 = build_perilaku_aspek(lenient, one["pegawai"], one["kebenaran"],
                              np.random.default_rng(1), **kw)
    atasan_opd = one["pegawai"]["atasan_id"].map(one["pegawai"].set_index("asn_id")["opd_id"])
    by_dinkes = atasan_opd.eq(2).fillna(False).to_numpy(dtype=bool)
    d = (b1["orientasi_pelayanan"] - b0["orientasi_pelayanan"])[by_dinkes]
    assert d.mean() > 8


# --------------------------------------------------------------------------- survey

# Krejcie & Morgan (1970) sample sizes, formula rounded up (docs/sumber.md §5).
REFERENCE_KM = {100: 80, 200: 132, 500: 218, 1000: 278, 2000: 323, 5000: 357, 10000: 370,
                50000: 382, np.inf: 384}


def test_krejcie_morgan_matches_reference():
    got = krejcie_morgan(list(REFERENCE_KM))
    assert got.tolist() == list(REFERENCE_KM.values())
    assert krejcie_morgan(0).item() == 0 and krejcie_morgan(1).item() == 1
    assert krejcie_morgan(10).item() == 10  # K&M table: N = 10 -> 10
    with pytest.raises(SimkitError, match="N"):
        krejcie_morgan([-1])


def _km_exact(n: int) -> int:
    """Krejcie & Morgan in exact fractions (X^2 = 3.841, P = 1/2, d = 1/20), capped at 384."""
    x2p = Fraction(3841, 1000) * Fraction(1, 4)
    return min(ceil(x2p * n / (Fraction(1, 400) * (n - 1) + x2p)), 384) if n else 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 20_000_000), min_size=1, max_size=20))
def test_krejcie_morgan_property(ns):
    got = krejcie_morgan(ns)
    assert got.dtype.kind == "i" and got.shape == (len(ns),)
    assert got.tolist() == [_km_exact(n) for n in ns]
    assert (got <= np.minimum(ns, 384)).all()
    more = krejcie_morgan(np.asarray(ns) + 1)
    assert (more >= got).all()  # never smaller for a larger population


def test_survey_sizes_and_answers(pop):
    sc = skenario()
    skm = build_skm(sc, pop["pegawai"], pop["unit_kerja"], pop["kebenaran_unit"],
                    np.random.default_rng(14))
    uk = pop["unit_kerja"]
    pub = uk[uk["melayani_publik"]].set_index("unit_id")["populasi_dilayani"]
    per = skm.groupby("unit_id").size()
    expected = np.floor(krejcie_morgan(pub.to_numpy()) * sc.survei.tingkat_respons + 0.5)
    assert per.reindex(pub.index).tolist() == expected.astype(int).tolist()
    assert per.sum() == len(skm) and skm["responden_id"].tolist() == list(range(1, len(skm) + 1))
    ans = skm[list(UNSUR_SKM)]
    v = ans.to_numpy()
    assert np.isin(v[~np.isnan(v)], [1.0, 2.0, 3.0, 4.0]).all()
    assert 0.005 < ans.isna().mean().mean() < 0.08
    ikm = 25 * ans.mean().mean()
    assert 70 <= ikm <= 90
    assert jumlah_responden([1], 0.1).tolist() == [1]


def test_survey_default_calibration():
    p = build_fixture(copies=30, seed=4)
    skm = build_skm(skenario(), p["pegawai"], p["unit_kerja"], p["kebenaran_unit"],
                    np.random.default_rng(15))
    ikm = 25 * skm.groupby("unit_id")[list(UNSUR_SKM)].mean().mean(axis=1)
    assert 75 <= ikm.median() <= 88
    assert ikm.between(75, 88).mean() >= 0.5
    # better true service -> higher IKM
    k = p["kebenaran_unit"].set_index("unit_id")["kinerja_layanan_benar"]
    assert np.corrcoef(k[ikm.index], ikm)[0, 1] > 0.5
    nrr = skm[list(UNSUR_SKM)].mean()
    assert nrr["u4"] > nrr.drop("u4").max() and nrr["u8"] < nrr.drop("u8").min()


def test_survey_sample_bias_raises_answers(pop):
    kw = (pop["pegawai"], pop["unit_kerja"], pop["kebenaran_unit"])
    base = build_skm(skenario(), *kw, np.random.default_rng(16))
    biased = build_skm(skenario(survei={"bias_sampel": 0.5}), *kw, np.random.default_rng(16))
    assert biased[list(UNSUR_SKM)].mean().mean() > base[list(UNSUR_SKM)].mean().mean() + 0.2
    per_opd = build_skm(skenario(survei={"bias_sampel_per_opd": {"dukcapil": 1.0}}), *kw,
                        np.random.default_rng(16))
    d = (per_opd[list(UNSUR_SKM)].mean(axis=1) - base[list(UNSUR_SKM)].mean(axis=1))
    assert d[per_opd["unit_id"] == 7].mean() > 0.4
    assert d[per_opd["unit_id"] != 7].abs().max() == 0


def test_survey_without_public_units(pop):
    uk = pop["unit_kerja"].assign(melayani_publik=False)
    skm = build_skm(skenario(), pop["pegawai"], uk, pop["kebenaran_unit"],
                    np.random.default_rng(1))
    assert len(skm) == 0 and list(skm.columns) == SKM.column_names


# --------------------------------------------------------------------------- robustness

def test_same_seed_same_tables(pop):
    a, b = _all(skenario(), pop, seed=21), _all(skenario(), pop, seed=21)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    c = _all(skenario(), pop, seed=22)
    assert not a["iki"]["realisasi"].equals(c["iki"]["realisasi"])


def test_bad_inputs_are_located_errors(pop):
    sc = skenario()
    with pytest.raises(SimkitError) as e:
        build_iki(sc, pop["pegawai"].drop(columns="rumpun"), pop["unit_kerja"],
                  pop["kebenaran"], np.random.default_rng(1))
    assert "rumpun" in str(e.value)
    with pytest.raises(SimkitError) as e:
        build_penilaian_perilaku(sc, pop["pegawai"], pop["kebenaran"].iloc[1:],
                                 np.random.default_rng(1), unit_kerja=pop["unit_kerja"])
    assert "kebenaran" in str(e.value) and "asn_id 1" in str(e.value)
    bad = pop["kebenaran_unit"][~pop["kebenaran_unit"]["unit_id"].isin([3, 2])]
    with pytest.raises(SimkitError):
        build_skm(sc, pop["pegawai"], pop["unit_kerja"], bad, np.random.default_rng(1))
