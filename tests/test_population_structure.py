"""Structure of the synthetic population: units, employees, truth, reported org results.

Uses the structure builders directly (they do not need the measurement generators), and
``generate`` end to end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simkit.errors import SimkitError
from simkit.i18n import set_lang
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT
from simkit.population.catalogue import baca_skenario_populasi, kecamatan, opd_codes
from simkit.population.employees import build_employees
from simkit.population.generate import aliran_tahap
from simkit.population.nip import validate_nip
from simkit.population.organisasi import build_kinerja_organisasi
from simkit.population.schema import (
    STRUKTURAL,
    TABLES,
)
from simkit.population.truth import build_truth
from simkit.population.units import build_units, rencana_struktur

KOMPOSISI = {  # like the Mamuju baseline, so the test checks the scenario is followed
    "pppk": 0.25, "perempuan": 0.57, "guru": 0.45, "nakes": 0.17, "keahlian": 0.70,
    "jenis_jabatan": {"struktural": 0.08, "fungsional": 0.70, "pelaksana": 0.22},
    "golongan_pns": {"I": 0.01, "II": 0.16, "III": 0.55, "IV": 0.28},
}
REF = pd.Timestamp("2026-01-01")  # komposisi.yaml tanggal_acuan


def skenario(n: int = 4500, seed: int = 11, **populasi) -> dict:
    return {"nama": "uji_struktur", "seed": seed,
            "populasi": {"jumlah_asn": n, "komposisi": KOMPOSISI, **populasi}}


def bangun(s: dict, seed: int | None = None) -> dict[str, pd.DataFrame]:
    sc = baca_skenario_populasi(s)
    g = aliran_tahap(sc.seed if seed is None else seed)
    uk = build_units(sc, g["units"])
    peg = build_employees(sc, uk, g["pegawai"], g["nama"])
    keb, keb_u = build_truth(sc, peg, uk, g["kebenaran"])
    org = build_kinerja_organisasi(sc, uk, keb_u, g["organisasi"])
    return {"unit_kerja": uk, "pegawai": peg, "kebenaran": keb, "kebenaran_unit": keb_u,
            "kinerja_organisasi": org}


@pytest.fixture(scope="module")
def pop() -> dict[str, pd.DataFrame]:
    return bangun(skenario())


@pytest.fixture(scope="module")
def pop_nasional() -> dict[str, pd.DataFrame]:
    return bangun(skenario(6000, wilayah="nasional", jumlah_instansi=3))


# ----------------------------------------------------------------------------- helpers

def periksa_skema(name: str, df: pd.DataFrame) -> None:
    table = TABLES[name]
    assert list(df.columns) == table.column_names
    for c in table.columns:
        s = df[c.name]
        if not c.nullable:
            assert s.notna().all(), (name, c.name)
        v = s.dropna()
        if c.kind == "enum":
            assert isinstance(s.dtype, pd.CategoricalDtype), (name, c.name)
            assert set(v.astype(str)) <= {str(x) for x in c.values}, (name, c.name)
        elif c.kind == "int":
            assert pd.api.types.is_integer_dtype(s.dtype), (name, c.name)
        elif c.kind == "float":
            assert pd.api.types.is_float_dtype(s.dtype), (name, c.name)
        elif c.kind == "bool":
            assert pd.api.types.is_bool_dtype(s.dtype), (name, c.name)
        elif c.kind == "date":
            assert pd.api.types.is_datetime64_dtype(s.dtype), (name, c.name)
        elif c.kind == "str":
            assert pd.api.types.is_string_dtype(s.dtype), (name, c.name)
        if c.min is not None and len(v):
            assert v.min() >= c.min, (name, c.name)
        if c.max is not None and len(v):
            assert v.max() <= c.max, (name, c.name)
        if c.unique:
            assert s.is_unique, (name, c.name)
    if table.key:
        assert not df.duplicated(list(table.key)).any()


def periksa_pohon(peg: pd.DataFrame, uk: pd.DataFrame) -> None:
    """Acyclic atasan tree, one top (the Sekda) per instansi, same-OPD rule."""
    idx = pd.Index(peg["asn_id"])
    at = peg["atasan_id"]
    top = at.isna().to_numpy()
    inst = peg["unit_id"].map(uk.set_index("unit_id")["instansi"]).to_numpy()
    # one top per instansi, and it is the Sekda (head of the Sekretariat Daerah)
    assert sorted(inst[top].tolist()) == sorted(uk["instansi"].unique().tolist())
    assert (peg.loc[top, "nama_jabatan"] == "Sekretaris Daerah").all()
    assert peg.loc[top, "kepala_unit"].all()
    parent = np.full(len(peg), -1)
    parent[~top] = idx.get_indexer(at[~top].astype("int64"))
    assert (parent[~top] >= 0).all(), "atasan_id not an asn_id"
    cur = np.arange(len(peg))
    for _ in range(60):
        cur = np.where(cur >= 0, parent[np.maximum(cur, 0)], -1)
    assert (cur == -1).all(), "cycle in the atasan chain"
    # same OPD, except kepala OPD -> Sekda of the same instansi
    opd = peg["opd_id"].to_numpy()
    kepala_opd = (peg["kepala_unit"] & (peg["unit_id"] == peg["opd_id"])).to_numpy()
    c = ~top
    same = opd[parent[c]] == opd[c]
    to_top = top[parent[c]]
    assert (same | (kepala_opd[c] & to_top)).all()
    assert (kepala_opd[c] <= to_top).all(), "every kepala OPD reports to the Sekda"
    assert (inst[parent[c]] == inst[c]).all()


def bagian(peg: pd.DataFrame) -> dict[str, float]:
    fung = peg["jenis_jabatan"].astype(str).str.startswith("fungsional")
    pns = peg["status_kepegawaian"] == "PNS"
    gol = peg.loc[pns, "golongan"].str.split("/").str[0]
    out = {
        "pppk": (peg["status_kepegawaian"] == "PPPK").mean(),
        "perempuan": (peg["jenis_kelamin"] == "P").mean(),
        "struktural": peg["jenis_jabatan"].isin(STRUKTURAL).mean(),
        "fungsional": fung.mean(),
        "pelaksana": (peg["jenis_jabatan"] == "pelaksana").mean(),
        "guru": (peg["rumpun"] == "guru").mean(),
        "nakes": (peg["rumpun"] == "kesehatan").mean(),
        "keahlian": (peg.loc[fung, "jenis_jabatan"] == "fungsional_keahlian").mean(),
    }
    for g in ("I", "II", "III", "IV"):
        out[f"gol_{g}"] = (gol == g).mean()
    return out


def target(kom: dict) -> dict[str, float]:
    out = {k: kom[k] for k in ("pppk", "perempuan", "guru", "nakes", "keahlian")}
    out.update(kom["jenis_jabatan"])
    out.update({f"gol_{g}": v for g, v in kom["golongan_pns"].items()})
    return out


# ----------------------------------------------------------------------------- schema & keys

@pytest.mark.parametrize("name", ["unit_kerja", "pegawai", "kebenaran", "kebenaran_unit",
                                  "kinerja_organisasi"])
def test_tables_follow_the_schema(pop, name):
    periksa_skema(name, pop[name])


def test_references_between_tables(pop):
    uk, peg = pop["unit_kerja"], pop["pegawai"]
    assert peg["unit_id"].isin(uk["unit_id"]).all()
    assert (peg["opd_id"] == peg["unit_id"].map(uk.set_index("unit_id")["opd_id"])).all()
    assert uk.loc[uk["induk_unit_id"].notna(), "induk_unit_id"].isin(uk["unit_id"]).all()
    assert (uk.loc[uk.adalah_opd, "unit_id"] == uk.loc[uk.adalah_opd, "opd_id"]).all()
    assert uk.loc[uk.adalah_opd, "induk_unit_id"].isna().all()
    assert (pop["kebenaran"]["asn_id"] == peg["asn_id"]).all()
    assert set(pop["kinerja_organisasi"]["unit_id"]) == set(pop["kebenaran_unit"]["unit_id"])


def test_every_unit_has_exactly_one_head(pop, pop_nasional):
    for p in (pop, pop_nasional):
        heads = p["pegawai"].loc[p["pegawai"].kepala_unit, "unit_id"]
        assert heads.is_unique
        assert set(heads) == set(p["unit_kerja"]["unit_id"])
        assert set(p["kebenaran_unit"]["unit_id"]) == set(heads)


# ----------------------------------------------------------------------------- composition

def test_exact_size_and_shares_4500(pop):
    peg = pop["pegawai"]
    assert len(peg) == 4500
    got, want = bagian(peg), target(KOMPOSISI)
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=0.02), k


def test_shares_100k_within_half_a_point():
    peg = bangun(skenario(100_000, seed=3))["pegawai"]
    assert len(peg) == 100_000
    got, want = bagian(peg), target(KOMPOSISI)
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=0.005), k


def test_structure_kept_when_struktural_share_is_too_small():
    # 2 % of 4,500 = 90 < 187 JPT + administrator positions: the structure is kept anyway
    s = skenario()
    s["populasi"]["komposisi"] = {**KOMPOSISI, "jenis_jabatan": {
        "struktural": 0.02, "fungsional": 0.70, "pelaksana": 0.28}}
    peg = bangun(s)["pegawai"]
    assert (peg.jenis_jabatan == "pengawas").sum() == 0
    assert (peg.jenis_jabatan == "jpt_pratama").sum() == 32  # Sekda, 3 asisten, 28 kepala
    assert len(peg) == 4500


def test_pppk_never_struktural_nor_skeleton(pop):
    peg = pop["pegawai"]
    pppk = peg["status_kepegawaian"] == "PPPK"
    assert not peg.loc[pppk, "jenis_jabatan"].isin(STRUKTURAL).any()
    assert peg.loc[pppk, "pangkat"].isna().all()
    assert peg.loc[pppk, "golongan"].value_counts().idxmax() == "IX"  # PPPK golongan I-XVII (Perpres 98/2020); IX the commonest (BKN 2022)


def test_golongan_pangkat_and_ranges(pop):
    peg = pop["pegawai"]
    pns = peg[peg["status_kepegawaian"] == "PNS"]
    # pangkat of each golongan/ruang (PP 99/2000, Lampiran)
    expect = {"I/a": "Juru Muda", "II/b": "Pengatur Muda Tingkat I", "III/a": "Penata Muda",
              "III/d": "Penata Tingkat I", "IV/a": "Pembina", "IV/c": "Pembina Utama Muda"}
    for gol, pangkat in expect.items():
        got = pns.loc[pns.golongan == gol, "pangkat"]
        assert len(got) and (got == pangkat).all(), gol
    assert pns.loc[pns.jenis_jabatan == "jpt_pratama", "golongan"].isin(["IV/c", "IV/d"]).all()
    assert pns.loc[pns.jenis_jabatan == "administrator", "golongan"].isin(["IV/a", "IV/b"]).all()
    assert pns.loc[pns.jenis_jabatan == "pengawas", "golongan"].isin(["III/c", "III/d"]).all()
    gol = pns.golongan.str.split("/").str[0]
    assert gol[pns.jenis_jabatan == "fungsional_keahlian"].isin(["III", "IV"]).all()
    assert gol[pns.jenis_jabatan == "fungsional_keterampilan"].isin(["II", "III"]).all()
    assert gol[gol == "I"].index.isin(pns.index[pns.jenis_jabatan == "pelaksana"]).all()
    # the jenjang of a fungsional matches its ruang
    ahli = pns[pns.jenis_jabatan == "fungsional_keahlian"]
    assert (ahli.loc[ahli.golongan.isin(["III/a", "III/b"]), "jenjang"] == "ahli_pertama").all()
    assert (ahli.loc[ahli.golongan.isin(["IV/d", "IV/e"]), "jenjang"] == "ahli_utama").all()
    assert peg["jenjang"].notna().eq(peg["jenis_jabatan"].astype(str).str.startswith("fungsional")).all()
    guru = peg[peg.rumpun == "guru"]
    assert guru.nama_jabatan.str.fullmatch(r"Guru Ahli (Pertama|Muda|Madya|Utama)").all()


def test_kelas_jabatan_order(pop):
    peg = pop["pegawai"]
    k = peg.groupby("jenis_jabatan", observed=True)["kelas_jabatan"].median()
    assert k["jpt_pratama"] > k["administrator"] > k["pengawas"] > k["pelaksana"]
    assert peg.loc[peg.nama_jabatan == "Sekretaris Daerah", "kelas_jabatan"].item() == 15


# ----------------------------------------------------------------------------- placement

def test_guru_in_schools_nakes_in_health_units(pop):
    uk, peg = pop["unit_kerja"], pop["pegawai"]
    jenis = peg["unit_id"].map(uk.set_index("unit_id")["jenis_unit"].astype(str))
    kode = peg["opd_id"].map(uk.set_index("unit_id")["kode_unit"])
    assert (jenis[peg.rumpun == "guru"] == "sekolah").all()
    nakes = peg.rumpun == "kesehatan"
    assert jenis[nakes].isin(["puskesmas", "rsud", "dinas"]).all()
    assert (kode[nakes] == "dinkes").all()
    assert (jenis[nakes] == "puskesmas").sum() > (jenis[nakes] == "dinas").sum()
    # heads of sub-units
    kepala = peg[peg.kepala_unit].assign(jenis=jenis[peg.kepala_unit])
    assert (kepala.loc[kepala.jenis == "sekolah", "rumpun"] == "guru").all()
    assert (kepala.loc[kepala.jenis == "puskesmas", "rumpun"] == "kesehatan").all()
    assert (kepala.loc[kepala.jenis == "rsud", "jenis_jabatan"] == "administrator").all()
    assert (kepala.loc[kepala.jenis == "kecamatan", "nama_jabatan"].str.startswith("Camat")).all()


def test_kecamatan_and_puskesmas(pop):
    uk = pop["unit_kerja"]
    kec = uk[uk.jenis_unit == "kecamatan"]
    want = {"Tapalang": "7604010", "Tapalang Barat": "7604011", "Mamuju": "7604020",
            "Simboro": "7604022", "Kepulauan Bala-Balakang": "7604023", "Kalukku": "7604030",
            "Papalang": "7604031", "Sampaga": "7604032", "Tommo": "7604033",
            "Kalumpang": "7604040", "Bonehau": "7604041"}
    assert dict(zip(kec.kecamatan, kec.kode_bps, strict=True)) == want
    pkm = uk[uk.jenis_unit == "puskesmas"]
    assert set(pkm.kecamatan) == set(want)
    extra = pkm.kecamatan.value_counts()
    assert extra["Mamuju"] >= 2 and extra["Kalukku"] >= 2  # urban extras
    assert pkm.nama_unit.str.startswith("Puskesmas ").all()
    assert (uk.loc[uk.jenis_unit == "rsud", "nama_unit"] == "RSUD Kabupaten Mamuju").all()
    assert uk.loc[~uk.jenis_unit.isin(["kecamatan", "puskesmas", "sekolah"]), "kecamatan"].eq("Mamuju").all()
    assert (uk.kode_bps == uk.kecamatan.map(want)).all()
    assert kecamatan()["penduduk"].sum() == 288_382  # mid-2024 estimate (secondary source; see kecamatan_mamuju.yaml)


def test_public_service_units_and_people(pop):
    uk, peg = pop["unit_kerja"], pop["pegawai"]
    pub = uk.set_index("kode_unit")["melayani_publik"]
    assert pub["dukcapil"] and pub["dpmptsp"] and pub["rsud"] and not pub["bkpp"]
    assert uk.loc[uk.jenis_unit.isin(["puskesmas", "sekolah", "kecamatan"]), "melayani_publik"].all()
    assert (uk.loc[uk.melayani_publik, "populasi_dilayani"] > 0).all()
    assert uk.loc[uk.kode_unit == "dukcapil", "populasi_dilayani"].item() == 288_382
    front = peg[peg.melayani_publik]
    assert not front.kepala_unit.any() and not front.jenis_jabatan.isin(STRUKTURAL).any()
    jenis = front["unit_id"].map(uk.set_index("unit_id")["jenis_unit"].astype(str))
    assert (front.loc[jenis == "sekolah", "rumpun"] == "guru").all()
    assert (front.loc[jenis == "puskesmas", "rumpun"] == "kesehatan").all()
    assert front["unit_id"].map(uk.set_index("unit_id")["melayani_publik"]).all()
    assert (peg.rumpun == "guru").sum() - peg[(peg.rumpun == "guru") & peg.kepala_unit].shape[0] \
        == (front.rumpun == "guru").sum()


# ----------------------------------------------------------------------------- hierarchy

def test_atasan_tree(pop):
    periksa_pohon(pop["pegawai"], pop["unit_kerja"])


def test_atasan_tree_national(pop_nasional):
    periksa_pohon(pop_nasional["pegawai"], pop_nasional["unit_kerja"])


@pytest.mark.parametrize("n", [20, 57, 300, 1200])
def test_small_populations_are_complete(n):
    p = bangun(skenario(n))
    peg, uk = p["pegawai"], p["unit_kerja"]
    assert len(peg) == n
    periksa_pohon(peg, uk)
    assert set(peg.loc[peg.kepala_unit, "unit_id"]) == set(uk.unit_id)
    periksa_skema("pegawai", peg)
    periksa_skema("unit_kerja", uk)


def test_staff_report_within_their_unit(pop):
    uk, peg = pop["unit_kerja"], pop["pegawai"]
    at = peg.set_index("asn_id")
    staff = peg[~peg.jenis_jabatan.isin(STRUKTURAL) & ~peg.kepala_unit]
    boss_unit = staff["atasan_id"].map(at["unit_id"])
    assert (boss_unit == staff["unit_id"]).all()
    jenis = peg["unit_id"].map(uk.set_index("unit_id")["jenis_unit"].astype(str))
    ks = peg[peg.kepala_unit & (jenis == "sekolah")]
    assert ks["atasan_id"].map(at["nama_jabatan"]).str.startswith("Kepala Bidang Pembinaan Sekolah").all()
    kp = peg[peg.kepala_unit & (jenis == "puskesmas")]
    assert (kp["atasan_id"].map(at["nama_jabatan"]) == "Kepala Dinas Kesehatan").all()


# ----------------------------------------------------------------------------- identity

def test_nip_valid_unique_and_consistent(pop, pop_nasional):
    for p in (pop, pop_nasional):
        peg = p["pegawai"]
        assert peg["nip"].is_unique
        assert peg["nip"].str.fullmatch(r"\d{18}").all()
        ok, alasan = validate_nip(peg["nip"], peg["tanggal_lahir"], peg["tmt_cpns"],
                                  peg["jenis_kelamin"], peg["status_kepegawaian"])
        assert ok.all(), pd.Series(alasan).value_counts()
        pppk = peg["status_kepegawaian"] == "PPPK"
        assert (peg.loc[pppk, "nip"].str[12:14] == "21").all()


def test_names_and_dates(pop):
    peg = pop["pegawai"]
    assert peg["nama"].str.fullmatch(r"\S+ \S+").all()
    usia = (REF - peg["tanggal_lahir"]).dt.days / 365.2425
    assert usia.between(20, 58).all()
    assert (peg["tmt_cpns"] < REF).all() and (peg["tmt_cpns"].dt.day == 1).all()
    assert ((peg["tmt_cpns"] - peg["tanggal_lahir"]).dt.days / 365.2425 >= 18).all()
    jpt = usia[peg.jenis_jabatan == "jpt_pratama"].median()
    assert jpt > usia[peg.jenis_jabatan == "pelaksana"].median() + 5
    pns = peg.status_kepegawaian == "PNS"
    masa = (REF - peg["tmt_cpns"]).dt.days / 365.2425
    gol = peg["golongan"].str.split("/").str[0]
    assert masa[pns & (gol == "IV")].median() > masa[pns & (gol == "II")].median()
    assert (peg.loc[~pns, "tmt_cpns"].dt.year >= 2021).all()


# ----------------------------------------------------------------------------- truth

def test_truth_model(pop):
    s = baca_skenario_populasi(skenario())
    keb, ku = pop["kebenaran"], pop["kebenaran_unit"]
    assert keb["hasil_benar"].mean() == pytest.approx(0, abs=1e-9)
    assert keb["hasil_benar"].std(ddof=0) == pytest.approx(1)
    assert keb["perilaku_benar"].std(ddof=0) == pytest.approx(1)
    r = np.corrcoef(keb.hasil_benar, keb.perilaku_benar)[0, 1]
    assert r == pytest.approx(s.kebenaran.korelasi_hasil_perilaku, abs=0.05)
    b = s.kebenaran.bobot_hasil
    assert np.allclose(keb.skor_benar, b * keb.hasil_benar + (1 - b) * keb.perilaku_benar)
    n = len(keb)
    for p in PREDIKAT:
        assert (keb.predikat_benar == p).sum() == pytest.approx(s.kebenaran.distribusi[p] * n, abs=1)
    best = keb.loc[keb.predikat_benar == "sangat_baik", "skor_benar"].min()
    assert best >= keb.loc[keb.predikat_benar == "baik", "skor_benar"].max()
    for c in CAPAIAN_ORGANISASI:
        assert (ku.capaian_benar == c).sum() == pytest.approx(
            s.organisasi.distribusi_benar[c] * len(ku), abs=1)


def test_service_quality_comes_partly_from_frontline_staff(pop):
    peg, keb, ku = pop["pegawai"], pop["kebenaran"], pop["kebenaran_unit"]
    front = peg.loc[peg.melayani_publik, ["unit_id"]].assign(h=keb.loc[peg.melayani_publik, "hasil_benar"])
    rata = front.groupby("unit_id")["h"].mean()
    d = ku.set_index("unit_id").join(rata, how="inner")
    assert len(d) > 100
    assert np.corrcoef(d.h, d.kinerja_layanan_benar)[0, 1] > 0.2
    # sub-units follow their OPD; staff results follow their unit
    uk = pop["unit_kerja"].set_index("unit_id")
    z = ku.set_index("unit_id")["kinerja_organisasi_benar"]
    sub = uk[~uk.adalah_opd].index.intersection(z.index)
    assert np.corrcoef(z[sub], z[uk.loc[sub, "opd_id"]].to_numpy())[0, 1] > 0.3
    unit_mean = keb.groupby(peg["unit_id"])["hasil_benar"].mean()
    assert np.corrcoef(unit_mean[z.index], z)[0, 1] > 0.2


def test_reported_org_results_are_inflated_never_deflated(pop):
    ku, org = pop["kebenaran_unit"], pop["kinerja_organisasi"]
    benar = ku.capaian_benar.cat.codes.to_numpy()
    lapor = org.set_index("unit_id").loc[ku.unit_id, "capaian_kinerja_organisasi"].cat.codes.to_numpy()
    assert (lapor <= benar).all() and (lapor < benar).any()
    s = skenario()
    s["organisasi"] = {"inflasi_laporan": 0}
    o0 = build_kinerja_organisasi(s, None, ku, np.random.default_rng(1))
    assert (o0.capaian_kinerja_organisasi.cat.codes.to_numpy() == benar).all()


# ----------------------------------------------------------------------------- determinism

def test_same_seed_same_tables_other_seed_differs(pop):
    again = bangun(skenario())
    for name, df in pop.items():
        pd.testing.assert_frame_equal(df, again[name], check_exact=True)
    other = bangun(skenario(), seed=12)
    pd.testing.assert_frame_equal(pop["unit_kerja"], other["unit_kerja"])  # units: no draws
    assert not pop["pegawai"]["nip"].equals(other["pegawai"]["nip"])
    assert not pop["kebenaran"]["hasil_benar"].equals(other["kebenaran"]["hasil_benar"])


def test_plan_is_deterministic_and_sums():
    r = rencana_struktur(skenario(50_000, wilayah="nasional", jumlah_instansi=7))
    assert r.n.sum() == 50_000 and (np.diff(r.n) <= 0).all()
    total = r.struktural + r.guru + r.nakes + r.fungsional_umum + r.pelaksana
    assert (total == r.n).all()


# ----------------------------------------------------------------------------- national

def test_national_copies(pop_nasional):
    uk, peg = pop_nasional["unit_kerja"], pop_nasional["pegawai"]
    assert len(peg) == 6000
    assert sorted(uk.instansi.unique()) == [1, 2, 3]
    assert uk.kode_unit.is_unique and uk.kode_unit.str.fullmatch(r"i000[123]\.[a-z0-9_]+").all()
    assert (peg.nama_jabatan == "Sekretaris Daerah").sum() == 3
    size = peg.unit_id.map(uk.set_index("unit_id").instansi).value_counts().sort_index()
    assert size.iloc[0] > size.iloc[2]  # instansi sizes differ (largest first)
    pkm = uk[uk.jenis_unit == "puskesmas"].groupby("instansi").size()
    assert pkm.loc[1] >= pkm.loc[3] >= 11


# ----------------------------------------------------------------------------- scenario checks

def test_unknown_opd_code_is_a_located_error(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("nama: x\nseed: 1\npenilai:\n  per_opd:\n    dinkess: {leniensi_rata: 1}\n"
                 "survei:\n  bias_sampel_per_opd:\n    DUKCAPIL: 0.2\n", encoding="utf-8")
    with pytest.raises(SimkitError) as e:
        baca_skenario_populasi(f)
    (m,) = e.value.masalah
    assert (m.kode, m.baris, m.bidang, m.saran) == ("opd_tidak_dikenal", 5, "penilai.per_opd.dinkess",
                                                    "dinkes")
    assert "kode OPD tidak dikenal" in str(e.value) and "Maksud Anda 'dinkes'?" in str(e.value)
    set_lang("en")
    assert "OPD code not found" in str(e.value)


def test_known_opd_codes_pass():
    codes = opd_codes()
    assert {"disdik", "pupr", "bpkpd", "inspektorat", "kec_kalukku"} <= set(codes)
    s = baca_skenario_populasi({"nama": "x", "seed": 1, "indikator": {"kemudahan_per_opd": {"dinkes": 0.1}},
                       "penilai": {"per_opd": {"disdik": {"leniensi_rata": 1.0}}}})
    assert s.penilai.per_opd["disdik"].leniensi_rata == 1.0


def test_instansi_rules():
    with pytest.raises(SimkitError, match="nasional"):
        baca_skenario_populasi({"nama": "x", "seed": 1, "populasi": {"jumlah_instansi": 2}})
    with pytest.raises(SimkitError, match="paling sedikit 20"):
        baca_skenario_populasi({"nama": "x", "seed": 1, "populasi": {
            "jumlah_asn": 100, "wilayah": "nasional", "jumlah_instansi": 6}})


# ----------------------------------------------------------------------------- generate

def test_generate_and_redraw_measurement():
    from simkit.population import Population, generate, redraw_measurement

    s = skenario(800)
    pop = generate(s)
    assert isinstance(pop, Population) and pop.meta["jumlah_asn"] == 800
    assert pop.meta["seed"] == 11 and pop.meta["sumber"] == "sintetis"
    assert pop.meta["scenario_hash"] == baca_skenario_populasi(s).hash()
    struktur = bangun(s)
    for name in ("unit_kerja", "pegawai", "kebenaran", "kebenaran_unit", "kinerja_organisasi"):
        pd.testing.assert_frame_equal(getattr(pop, name), struktur[name])
    again = generate(s)
    for name, df in pop.tables().items():
        pd.testing.assert_frame_equal(df, again.tables()[name])
    r1 = redraw_measurement(pop, s, noise_seed=1)
    r1b = redraw_measurement(pop, s, noise_seed=1)
    r2 = redraw_measurement(pop, s, noise_seed=2)
    for name in ("unit_kerja", "pegawai", "kebenaran", "kebenaran_unit"):
        assert getattr(r1, name) is getattr(pop, name)
    pd.testing.assert_frame_equal(r1.iki, r1b.iki)
    assert not r1.iki.equals(r2.iki) and not r1.iki.equals(pop.iki)
    assert r1.meta["noise_seed"] == 1
    from simkit.population.validate import validate_population

    assert validate_population(pop.tables()) == []  # the importer accepts what we make
    off = {**s, "survei": {"aktif": False}}
    assert generate(off).skm is None
    with pytest.raises(SimkitError):
        redraw_measurement(Population(**{**pop.__dict__, "kebenaran": None}), s, 1)
