"""Small hand-built Populations: row by row (:class:`PopulationBuilder`) or one typed-in ASN
(:func:`satu_orang`, the population of the performance calculator).

Every table follows :mod:`simkit.population.schema` exactly (all columns, enum ids, dtypes),
so a rule evaluates it like any generated or imported population and ``simkit.explain``
explains the result.

>>> b = PopulationBuilder()
>>> opd = b.unit("dinkes", capaian="baik")
>>> kepala = b.pegawai(opd, kepala=True, jenis_jabatan="jpt_pratama", iki=[(100, 100)], perilaku=4)
>>> staf = b.pegawai(opd, atasan=kepala, iki=[(10, 12, "naik"), (30, 27, "turun")],
...                  perilaku={"atasan": 3, "rekan": [4, 5]})
>>> pop = b.build()
>>> pop.pegawai.shape[0], pop.iki.shape[0]
(2, 3)
>>> one = satu_orang([{"nama": "Laporan", "target": 12, "realisasi": 12}], {"atasan": 4})
>>> one.pegawai.shape[0], one.iki["nama_indikator"].tolist(), one.kebenaran is None
(1, ['Laporan'], True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.population.model import Population
from simkit.population.schema import (
    ASPEK_PERILAKU_PP30,
    ASPEK_PERILAKU_PP46,
    BERAKHLAK,
    STRUKTURAL,
    TABLES,
    UNSUR_SKM,
)

ASPEK_PERILAKU = tuple(dict.fromkeys(ASPEK_PERILAKU_PP46 + ASPEK_PERILAKU_PP30))
"""The PP 46/2011 and PP 30/2019 behaviour aspects (table ``perilaku_aspek``), each once."""


def _nip(asn_id: int, perempuan: bool) -> str:
    return f"19800101200501{2 if perempuan else 1}{asn_id % 1000:03d}"[:18].ljust(18, "0")


def _iki_spec(spec: Any, n: int) -> dict[str, Any]:
    """One IKI given as ``(target, realisasi[, arah[, bobot]])`` or as a mapping with
    ``target, realisasi`` and optional ``nama, satuan, arah, bobot`` (equal weights by default)."""
    if isinstance(spec, Mapping):
        d = dict(spec)
    else:
        d = {"target": spec[0], "realisasi": spec[1]}
        if len(spec) > 2:
            d["arah"] = spec[2]
        if len(spec) > 3:
            d["bobot"] = spec[3]
    bobot = d.get("bobot")
    return {"target": float(d["target"]), "realisasi": float(d["realisasi"]),
            "arah": d.get("arah") or "naik", "nama": d.get("nama"), "satuan": d.get("satuan") or "",
            "bobot": 1.0 / n if bobot is None else float(bobot)}


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
        iki: Sequence[Any] | None = None,
        perilaku: int | float | dict | list | None = 3,
        aspek: float | dict | None = 80.0,
        pp46: list[dict] | None = None,
        truth: str = "baik",
        kelas_jabatan: int | None = None,
        melayani_publik: bool = False,
        status_kepegawaian: str = "PNS",
        rumpun: str = "umum",
    ) -> int:
        """Add an employee; returns asn_id.

        ``iki``: tuples ``(target, realisasi[, arah[, bobot]])`` or mappings with ``target,
        realisasi`` and optional ``nama, arah, bobot`` (equal weights by default).
        ``perilaku``: one score for the atasan on all seven values, a tuple/list of seven scores
        for the atasan, or ``{peran: rater | [rater, ...]}`` where a rater is one score (all
        seven values) or a tuple of seven scores; a list means several raters of that role.
        ``aspek``: PP 46/PP 30 aspects (one number for all, or a mapping).
        ``pp46``: per IKI overrides of the PP 46 columns (target_kualitas ...).
        ``kelas_jabatan``: default 12 for pejabat struktural, else 7.
        """
        aid = len(self.peg) + 1
        u = next(x for x in self.units if x["unit_id"] == unit)
        struktural = jenis_jabatan in STRUKTURAL
        self.peg.append({
            "asn_id": aid, "nip": _nip(aid, aid % 2 == 0), "nama": f"Pegawai {aid}",
            "jenis_kelamin": "P" if aid % 2 == 0 else "L",
            "tanggal_lahir": pd.Timestamp("1980-01-01"), "tmt_cpns": pd.Timestamp("2005-01-01"),
            "status_kepegawaian": status_kepegawaian,
            "golongan": "III/a" if status_kepegawaian == "PNS" else "IX",
            "pangkat": "Penata Muda", "jenis_jabatan": jenis_jabatan,
            "jenjang": "ahli_pertama" if jenis_jabatan == "fungsional_keahlian" else (
                "terampil" if jenis_jabatan == "fungsional_keterampilan" else None),
            "rumpun": rumpun, "nama_jabatan": jenis_jabatan.replace("_", " ").title(),
            "kelas_jabatan": kelas_jabatan or (12 if struktural else 7), "unit_id": unit,
            "opd_id": u["opd_id"], "atasan_id": atasan, "kepala_unit": kepala,
            "melayani_publik": melayani_publik,
        })
        specs = list(iki) if iki is not None else [(100.0, 100.0)]
        for j, spec in enumerate(specs):
            s = _iki_spec(spec, len(specs))
            row = {
                "iki_id": len(self.iki) + 1, "asn_id": aid,
                "nama_indikator": s["nama"] or f"Indikator {j + 1}",
                "satuan": s["satuan"], "arah": s["arah"], "target": s["target"],
                "realisasi": s["realisasi"], "bobot": s["bobot"], "aspek": "kuantitas",
                "target_kualitas": 100.0, "realisasi_kualitas": 90.0, "target_waktu": 12.0,
                "realisasi_waktu": 12.0, "target_biaya": np.nan, "realisasi_biaya": np.nan,
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
    def skm(self, unit: int, jawaban: Sequence[Sequence[float | None]]) -> None:
        """Add SKM respondents of ``unit``: each a list of nine answers (None = not answered)."""
        for ans in jawaban:
            self.skm_rows.append({"responden_id": len(self.skm_rows) + 1, "unit_id": unit,
                                  **{u: (np.nan if a is None else float(a))
                                     for u, a in zip(UNSUR_SKM, ans, strict=True)}})

    # ---------------------------------------------------------------- build
    def build(self, kebenaran: bool = True) -> Population:
        """The Population (schema column order; nullable ints as Int64); ``kebenaran=False``
        leaves the truth out (typed-in data, like an import)."""
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
            kebenaran=frame("kebenaran", self.truth) if kebenaran else None,
            kebenaran_unit=truth_unit if kebenaran else None,
            meta={"sumber": "satu_orang"},
        )


def satu_orang(
    iki: Sequence[Any],
    perilaku: int | float | dict | list,
    *,
    capaian_organisasi: str = "baik",
    kepala_unit: bool = False,
    jenis_jabatan: str = "pelaksana",
    kelas_jabatan: int | None = None,
    melayani_publik: bool = False,
    jawaban_skm: Sequence[Sequence[float | None]] | None = None,
    aspek: float | dict | None = None,
    pp46: list[dict] | None = None,
    status_kepegawaian: str = "PNS",
    rumpun: str = "umum",
) -> Population:
    """The Population of one typed-in ASN (asn_id 1) in one OPD (unit_id 1) whose capaian
    kinerja organisasi is ``capaian_organisasi``; the unit's SKM answers ``jawaban_skm`` (if
    any) give it an IKM. No truth (``kebenaran`` is None). Arguments as in
    :meth:`PopulationBuilder.pegawai`; ``aspek`` None = no ``perilaku_aspek`` row.

    >>> pop = satu_orang([(100, 110)], 4, melayani_publik=True, jawaban_skm=[[3] * 9])
    >>> pop.pegawai["melayani_publik"].tolist(), len(pop.skm)
    ([True], 1)
    """
    b = PopulationBuilder()
    unit = b.unit("unit_kerja", capaian=capaian_organisasi, melayani_publik=melayani_publik)
    b.pegawai(unit, kepala=kepala_unit, jenis_jabatan=jenis_jabatan, iki=iki,
              perilaku=perilaku, aspek=aspek, pp46=pp46, kelas_jabatan=kelas_jabatan,
              melayani_publik=melayani_publik, status_kepegawaian=status_kepegawaian,
              rumpun=rumpun)
    if jawaban_skm:
        b.skm(unit, jawaban_skm)
    return b.build(kebenaran=False)
