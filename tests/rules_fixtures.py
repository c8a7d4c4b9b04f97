"""Small hand-built Populations for rule tests (shared by the national and reform rule tests).

Every table follows :mod:`simkit.population.schema` exactly (all columns, enum ids, dtypes).

>>> b = PopulationBuilder()
>>> opd = b.unit("dinkes", capaian="baik")
>>> kepala = b.pegawai(opd, kepala=True, jenis_jabatan="jpt_pratama", iki=[(100, 100)], perilaku=4)
>>> staf = b.pegawai(opd, atasan=kepala, iki=[(10, 12, "naik"), (30, 27, "turun")],
...                  perilaku={"atasan": 3, "rekan": [4, 5]})
>>> pop = b.build()
>>> pop.pegawai.shape[0], pop.iki.shape[0]
(2, 3)

``synthetic_population(n, seed)`` makes a large random population (vectorised) for property
and speed tests; it is NOT the kit's generator (:mod:`simkit.population.generate`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simkit.population.model import Population
from simkit.population.schema import (
    ASPEK_PERILAKU_PP30,
    ASPEK_PERILAKU_PP46,
    BERAKHLAK,
    CAPAIAN_ORGANISASI,
    JENIS_JABATAN,
    PERAN_PENILAI,
    PREDIKAT,
    STRUKTURAL,
    TABLES,
    UNSUR_SKM,
)

ASPEK_PERILAKU = tuple(dict.fromkeys(ASPEK_PERILAKU_PP46 + ASPEK_PERILAKU_PP30))


def _nip(asn_id: int, perempuan: bool) -> str:
    return f"19800101200501{2 if perempuan else 1}{asn_id % 1000:03d}"[:18].ljust(18, "0")


class PopulationBuilder:
    """Build a Population row by row with sensible defaults for every schema column."""

    def __init__(self) -> None:
        self.units: list[dict[str, Any]] = []
        self.peg: list[dict[str, Any]] = []
        self.iki: list[dict[str, Any]] = []
        self.perilaku: list[dict[str, Any]] = []
        self.aspek: list[dict[str, Any]] = []
        self.skm_rows: list[dict[str, Any]] = []
        self.org: list[dict[str, Any]] = []
        self.truth: list[dict[str, Any]] = []

    # ---------------------------------------------------------------- units
    def unit(self, kode: str, induk: int | None = None, capaian: str | None = "baik",
             jenis_unit: str | None = None, melayani_publik: bool = False) -> int:
        """Add a unit (an OPD when ``induk`` is None); returns its unit_id."""
        uid = len(self.units) + 1
        opd = uid if induk is None else next(u["opd_id"] for u in self.units
                                             if u["unit_id"] == induk)
        self.units.append({
            "unit_id": uid, "kode_unit": kode, "nama_unit": kode.replace("_", " ").title(),
            "jenis_unit": jenis_unit or ("dinas" if induk is None else "puskesmas"),
            "induk_unit_id": induk, "opd_id": opd, "adalah_opd": induk is None, "instansi": 1,
            "kecamatan": "Mamuju", "kode_bps": "7604020", "melayani_publik": melayani_publik,
            "populasi_dilayani": 1000 if melayani_publik else 0,
        })
        if capaian is not None:
            self.org.append({"unit_id": uid, "capaian_kinerja_organisasi": capaian})
        return uid

    # ---------------------------------------------------------------- employees
    def pegawai(
        self,
        unit: int,
        *,
        atasan: int | None = None,
        kepala: bool = False,
        jenis_jabatan: str = "pelaksana",
        iki: list[tuple] | None = None,
        perilaku: int | float | dict | list | None = 3,
        aspek: float | dict | None = 80.0,
        pp46: list[dict] | None = None,
        truth: str = "baik",
    ) -> int:
        """Add an employee; returns asn_id.

        ``iki``: tuples ``(target, realisasi[, arah[, bobot]])`` (equal weights by default).
        ``perilaku``: one score for the atasan on all seven values, a tuple/list of seven scores
        for the atasan, or ``{peran: rater | [rater, ...]}`` where a rater is one score (all
        seven values) or a tuple of seven scores; a list means several raters of that role.
        ``aspek``: PP 46/PP 30 aspects (one number for all, or a mapping).
        ``pp46``: per IKI overrides of the PP 46 columns (target_kualitas ...).
        """
        aid = len(self.peg) + 1
        u = next(x for x in self.units if x["unit_id"] == unit)
        struktural = jenis_jabatan in STRUKTURAL
        self.peg.append({
            "asn_id": aid, "nip": _nip(aid, aid % 2 == 0), "nama": f"Pegawai {aid}",
            "jenis_kelamin": "P" if aid % 2 == 0 else "L",
            "tanggal_lahir": pd.Timestamp("1980-01-01"), "tmt_cpns": pd.Timestamp("2005-01-01"),
            "status_kepegawaian": "PNS", "golongan": "III/a", "pangkat": "Penata Muda",
            "jenis_jabatan": jenis_jabatan,
            "jenjang": "ahli_pertama" if jenis_jabatan == "fungsional_keahlian" else (
                "terampil" if jenis_jabatan == "fungsional_keterampilan" else None),
            "rumpun": "umum", "nama_jabatan": jenis_jabatan.replace("_", " ").title(),
            "kelas_jabatan": 12 if struktural else 7, "unit_id": unit, "opd_id": u["opd_id"],
            "atasan_id": atasan, "kepala_unit": kepala, "melayani_publik": False,
        })
        iki = iki if iki is not None else [(100.0, 100.0)]
        for j, spec in enumerate(iki):
            target, realisasi = float(spec[0]), float(spec[1])
            arah = spec[2] if len(spec) > 2 else "naik"
            bobot = float(spec[3]) if len(spec) > 3 else 1.0 / len(iki)
            row = {
                "iki_id": len(self.iki) + 1, "asn_id": aid, "nama_indikator": f"Indikator {j + 1}",
                "satuan": "dokumen", "arah": arah, "target": target, "realisasi": realisasi,
                "bobot": bobot, "aspek": "kuantitas", "target_kualitas": 100.0,
                "realisasi_kualitas": 90.0, "target_waktu": 12.0, "realisasi_waktu": 12.0,
                "target_biaya": np.nan, "realisasi_biaya": np.nan,
            }
            if pp46 and j < len(pp46):
                row.update(pp46[j])
            self.iki.append(row)
        self._perilaku(aid, atasan, perilaku)
        if aspek is not None:
            vals = aspek if isinstance(aspek, dict) else {a: float(aspek) for a in ASPEK_PERILAKU}
            row = {"asn_id": aid, **{a: float(vals.get(a, 80.0)) for a in ASPEK_PERILAKU}}
            if not struktural and "kepemimpinan" not in (aspek if isinstance(aspek, dict) else {}):
                row["kepemimpinan"] = np.nan
            self.aspek.append(row)
        self.truth.append({"asn_id": aid, "hasil_benar": 0.0, "perilaku_benar": 0.0,
                           "skor_benar": 0.0, "predikat_benar": truth})
        return aid

    def _perilaku(self, aid: int, atasan: int | None, perilaku: Any) -> None:
        if perilaku is None:
            return
        if not isinstance(perilaku, dict):
            one = tuple(perilaku) if isinstance(perilaku, list | tuple) else perilaku
            perilaku = {"atasan": one}
        for peran, spec in perilaku.items():
            raters = spec if isinstance(spec, list) else [spec]
            for r in raters:
                scores = list(r) if isinstance(r, tuple) else [r] * 7
                if peran == "diri":
                    pid = aid
                elif peran == "atasan" and atasan is not None:
                    pid = atasan
                else:
                    pid = 100000 + len(self.perilaku)
                self.perilaku.append({"asn_id": aid, "penilai_id": pid, "peran": peran,
                                      **dict(zip(BERAKHLAK, scores, strict=True))})

    # ---------------------------------------------------------------- survey
    def skm(self, unit: int, jawaban: list[list[float | None]]) -> None:
        """Add SKM respondents of ``unit``: each a list of nine answers (None = not answered)."""
        for ans in jawaban:
            self.skm_rows.append({"responden_id": len(self.skm_rows) + 1, "unit_id": unit,
                                  **{u: (np.nan if a is None else float(a))
                                     for u, a in zip(UNSUR_SKM, ans, strict=True)}})

    # ---------------------------------------------------------------- build
    def build(self) -> Population:
        """The Population (schema column order; nullable ints as Int64)."""
        def frame(name: str, rows: list[dict]) -> pd.DataFrame:
            cols = TABLES[name].column_names
            df = pd.DataFrame(rows, columns=cols)
            for c in TABLES[name].columns:
                if c.kind == "int":
                    df[c.name] = df[c.name].astype("Int64" if c.nullable else "int64")
                elif c.kind == "float":
                    df[c.name] = df[c.name].astype("float64")
                elif c.kind == "bool":
                    df[c.name] = df[c.name].astype(bool)
            return df

        truth_unit = pd.DataFrame(
            [{"unit_id": o["unit_id"], "kinerja_organisasi_benar": 0.0,
              "capaian_benar": o["capaian_kinerja_organisasi"], "kinerja_layanan_benar": 0.0}
             for o in self.org], columns=TABLES["kebenaran_unit"].column_names)
        return Population(
            unit_kerja=frame("unit_kerja", self.units),
            pegawai=frame("pegawai", self.peg),
            iki=frame("iki", self.iki),
            penilaian_perilaku=frame("penilaian_perilaku", self.perilaku),
            perilaku_aspek=frame("perilaku_aspek", self.aspek),
            kinerja_organisasi=frame("kinerja_organisasi", self.org),
            skm=frame("skm", self.skm_rows) if self.skm_rows else None,
            kebenaran=frame("kebenaran", self.truth),
            kebenaran_unit=truth_unit,
            meta={"sumber": "rules_fixtures"},
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
