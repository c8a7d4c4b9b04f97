"""Populations for rule tests (shared by the national and reform rule tests): a small
hand-built one (with :class:`simkit.population.satu_orang.PopulationBuilder`) and a large
random one.

>>> pop = small_population()
>>> pop.pegawai.shape[0]
9

``synthetic_population(n, seed)`` makes a large random population (vectorised) for property
and speed tests; it is NOT the kit's generator (:mod:`simkit.population.generate`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simkit.population.model import Population
from simkit.population.satu_orang import ASPEK_PERILAKU, PopulationBuilder
from simkit.population.schema import (
    BERAKHLAK,
    CAPAIAN_ORGANISASI,
    JENIS_JABATAN,
    PERAN_PENILAI,
    PREDIKAT,
    STRUKTURAL,
    UNSUR_SKM,
)


def small_population() -> Population:
    """Two OPDs, a puskesmas, 9 employees of varied kinds, and an SKM of the puskesmas.

    asn 1: kepala dinkes (capaian baik) · 2: staff at 112 % and behaviour 5 (Sangat Baik) ·
    3: 95 %, behaviour 3 · 4: 80 %, behaviour 2 · 5: kepala puskesmas (istimewa) ·
    6: nurse, 360 raters · 7: kepala bappeda (kurang) · 8: lower-is-better IKI · 9: fungsional.
    """
    b = PopulationBuilder()
    dinkes = b.unit("dinkes", capaian="baik")
    pkm = b.unit("pkm_kalukku", induk=dinkes, capaian="istimewa", melayani_publik=True)
    bappeda = b.unit("bappeda", capaian="kurang", jenis_unit="badan")
    k1 = b.pegawai(dinkes, kepala=True, jenis_jabatan="jpt_pratama", iki=[(10, 10)],
                   perilaku=4, aspek=85)
    b.pegawai(dinkes, atasan=k1, iki=[(100, 112)], perilaku=5, aspek=95,
              jenis_jabatan="administrator")
    b.pegawai(dinkes, atasan=k1, iki=[(100, 95), (50, 50)], perilaku=3, aspek=78)
    b.pegawai(dinkes, atasan=k1, iki=[(100, 80)], perilaku=2, aspek=55)
    k5 = b.pegawai(pkm, atasan=k1, kepala=True, jenis_jabatan="pengawas", iki=[(12, 12)],
                   perilaku=[4, 4, 4, 4, 5, 5, 5])
    b.pegawai(pkm, atasan=k5, iki=[(30, 27, "turun"), (100, 100, "naik")],
              perilaku={"atasan": 4, "rekan": [3, 3], "bawahan": [], "diri": 5},
              jenis_jabatan="fungsional_keterampilan")
    k7 = b.pegawai(bappeda, kepala=True, jenis_jabatan="jpt_pratama", iki=[(5, 6)], perilaku=5)
    b.pegawai(bappeda, atasan=k7, iki=[(20, 10, "turun", 0.7), (10, 9, "naik", 0.3)],
              perilaku=4)
    b.pegawai(bappeda, atasan=k7, iki=[(40, 30)], perilaku=3,
              jenis_jabatan="fungsional_keahlian")
    b.skm(pkm, [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, None, 4, 3, 3, 3, 3, 3],
                [4, 4, 4, 4, 4, 4, 4, 4, 4]])
    return b.build()


def synthetic_population(n: int, seed: int = 0, n_opd: int = 30, categorical: bool = True,
                         skm_per_unit: int = 50) -> Population:
    """A large random population with every schema column (vectorised; for tests only)."""
    rng = np.random.default_rng(seed)
    cat = (lambda v, vals: pd.Categorical(v, categories=vals)) if categorical else (
        lambda v, vals: np.asarray(v, dtype=object).astype(str))
    unit_ids = np.arange(1, n_opd + 1)
    units = pd.DataFrame({
        "unit_id": unit_ids, "kode_unit": [f"opd_{i}" for i in unit_ids],
        "nama_unit": [f"OPD {i}" for i in unit_ids],
        "jenis_unit": cat(np.full(n_opd, "dinas"), ("dinas",) + ("badan", "puskesmas")),
        "induk_unit_id": pd.array([None] * n_opd, dtype="Int64"), "opd_id": unit_ids,
        "adalah_opd": True, "instansi": 1, "kecamatan": "Mamuju", "kode_bps": "7604020",
        "melayani_publik": True, "populasi_dilayani": 5000,
    })
    asn = np.arange(1, n + 1)
    opd = rng.integers(1, n_opd + 1, n)
    # first employee of each OPD (lowest asn_id) is its head
    first = pd.Series(asn).groupby(opd).min()
    kepala = np.zeros(n, bool)
    kepala[first.to_numpy() - 1] = True
    head_of = pd.Series(first.to_numpy(), index=first.index)
    atasan = np.where(kepala, 0, head_of.reindex(opd).to_numpy())
    jab = np.where(kepala, "jpt_pratama", rng.choice(np.array(JENIS_JABATAN[1:]), n))
    peg = pd.DataFrame({
        "asn_id": asn, "nip": np.char.mod("%018d", 198001012005011000 + asn).astype(str),
        "nama": "Pegawai", "jenis_kelamin": cat(np.where(asn % 2 == 0, "P", "L"), ("L", "P")),
        "tanggal_lahir": pd.Timestamp("1980-01-01"), "tmt_cpns": pd.Timestamp("2005-01-01"),
        "status_kepegawaian": cat(np.full(n, "PNS"), ("PNS", "PPPK")), "golongan": "III/a",
        "pangkat": "Penata Muda", "jenis_jabatan": cat(jab, JENIS_JABATAN),
        "jenjang": cat(np.full(n, None), ("ahli_pertama",)), "rumpun": cat(np.full(n, "umum"),
                                                                          ("guru", "kesehatan", "umum")),
        "nama_jabatan": "Jabatan", "kelas_jabatan": 7, "unit_id": opd, "opd_id": opd,
        "atasan_id": pd.array(np.where(kepala, pd.NA, atasan), dtype="Int64"),
        "kepala_unit": kepala, "melayani_publik": False,
    })
    k = rng.integers(3, 7, n)
    owner = np.repeat(asn, k)
    m = owner.size
    target = np.round(rng.uniform(5, 200, m), 1)
    arah = np.where(rng.random(m) < 0.2, "turun", "naik")
    real = np.round(target * rng.uniform(0.5, 1.3, m), 1)
    bobot = 1.0 / np.repeat(k, k)
    biaya = rng.random(m) < 0.3
    iki = pd.DataFrame({
        "iki_id": np.arange(1, m + 1), "asn_id": owner, "nama_indikator": "Indikator",
        "satuan": "dokumen", "arah": cat(arah, ("naik", "turun")), "target": target,
        "realisasi": real, "bobot": bobot,
        "aspek": cat(np.full(m, "kuantitas"), ("kuantitas", "kualitas", "waktu", "biaya")),
        "target_kualitas": 100.0, "realisasi_kualitas": np.round(rng.uniform(60, 100, m), 0),
        "target_waktu": 12.0, "realisasi_waktu": rng.integers(6, 15, m).astype(float),
        "target_biaya": np.where(biaya, 1e6, np.nan),
        "realisasi_biaya": np.where(biaya, np.round(rng.uniform(0.6e6, 1.2e6, m), -3), np.nan),
    })
    # raters: one atasan for everyone (heads rated by a phantom id), 0-3 peers, self
    npeer = rng.integers(0, 4, n)
    rater_owner = np.concatenate([asn, np.repeat(asn, npeer), asn])
    peran = np.concatenate([np.full(n, "atasan"), np.full(npeer.sum(), "rekan"),
                            np.full(n, "diri")])
    pid = np.concatenate([np.where(kepala, n + 1, atasan), n + 2 + np.arange(npeer.sum()), asn])
    r = rater_owner.size
    base = rng.integers(2, 6, r)
    scores = {v: np.clip(base + rng.integers(-1, 2, r), 1, 5).astype("int64") for v in BERAKHLAK}
    perilaku = pd.DataFrame({"asn_id": rater_owner, "penilai_id": pid,
                             "peran": cat(peran, PERAN_PENILAI), **scores})
    struktural = np.isin(jab, STRUKTURAL)
    aspek = pd.DataFrame({"asn_id": asn, **{
        a: np.round(rng.uniform(50, 100, n), 1) for a in ASPEK_PERILAKU}})
    aspek["kepemimpinan"] = np.where(struktural, aspek["kepemimpinan"], np.nan)
    org = pd.DataFrame({"unit_id": unit_ids, "capaian_kinerja_organisasi": cat(
        rng.choice(np.array(CAPAIAN_ORGANISASI), n_opd), CAPAIAN_ORGANISASI)})
    ns = skm_per_unit * n_opd
    ans = rng.integers(1, 5, (ns, 9)).astype(float)
    ans[rng.random((ns, 9)) < 0.05] = np.nan
    skm = pd.DataFrame({"responden_id": np.arange(1, ns + 1),
                        "unit_id": np.repeat(unit_ids, skm_per_unit),
                        **{u: ans[:, i] for i, u in enumerate(UNSUR_SKM)}})
    truth = pd.DataFrame({"asn_id": asn, "hasil_benar": rng.normal(size=n),
                          "perilaku_benar": rng.normal(size=n), "skor_benar": rng.normal(size=n),
                          "predikat_benar": cat(rng.choice(np.array(PREDIKAT), n), PREDIKAT)})
    return Population(unit_kerja=units, pegawai=peg, iki=iki, penilaian_perilaku=perilaku,
                      perilaku_aspek=aspek, kinerja_organisasi=org, skm=skm, kebenaran=truth,
                      kebenaran_unit=None, meta={"sumber": "synthetic_population", "seed": seed})


def load_scenario_checked(source):
    """``simkit.scenario.load_scenario`` then the rule checks of its ``aturan`` section
    (:func:`simkit.rules.validasi_reformasi.periksa_aturan_skenario`), raised together, as the
    public ``load_scenario`` of the orchestration layer composes them."""
    from simkit.errors import SimkitError
    from simkit.orchestration.skenario import load_scenario
    from simkit.rules.validasi_reformasi import periksa_aturan_skenario

    scenario = load_scenario(source)
    masalah = periksa_aturan_skenario(scenario)
    if masalah:
        raise SimkitError(masalah)
    return scenario
