"""Rule cases about a small group of employees (for reforms that compare people).

Calibration and forced distribution cannot be shown on one employee: a rater's leniency is
seen across the people they rate, a ranking needs the others. Such reforms accept, besides the
single-employee inputs of ``permenpanrb_6_2022``, a group:

``pegawai``: a list of employees, each
    ``asn_id`` (required, unique), ``opd_id`` (default 1), ``instansi`` (default 1),
    ``capaian_hasil_kerja`` (%) or ``rating_hasil_kerja``, ``kepala_unit`` with
    ``capaian_kinerja_organisasi``, and the superior's BerAKHLAK scores as ``perilaku``
    (the seven values) or ``skor_perilaku`` (one 1-5 score for all seven), or
    ``rating_perilaku_kerja``;
``penilaian`` (optional): individual ratings, each ``asn_id`` (the rated employee, one of
    ``pegawai``), ``penilai_id`` (the rater), ``peran`` (atasan | rekan | bawahan | diri;
    default atasan) and ``skor`` (one score for all seven) or ``perilaku`` (the seven values).

Outputs: ``pegawai``, a list with one mapping per employee in ``asn_id`` order (``asn_id``,
``predikat``, the ratings and scores), and ``jumlah_predikat`` {predikat: count}.

>>> t = tabel_kelompok({"pegawai": [{"asn_id": 1, "capaian_hasil_kerja": 100, "skor_perilaku": 4}]})
>>> t["pegawai"]["capaian_hasil_kerja_diberikan"].tolist(), t["perilaku"]["kompeten"].tolist()
([100.0], [4.0])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT, RATING
from simkit.population.schema import BERAKHLAK, PERAN_PENILAI, PERILAKU_SKALA
from simkit.rules.deklarasi import Masukan, dwibahasa, masalah_jalur, nilai_python, periksa_masukan
from simkit.rules.larik import kode_kategori

_LO, _HI = PERILAKU_SKALA


_TUJUH = Masukan("perilaku", "mapping", dwibahasa("skor tujuh nilai BerAKHLAK (1-5)",
                                           "scores of the seven BerAKHLAK values (1-5)"),
                 kunci=tuple(Masukan(v, "angka", dwibahasa(f"skor {v}", f"{v} score"), min=_LO,
                                     max=_HI, wajib=True) for v in BERAKHLAK))
_SKOR = Masukan("skor", "angka", dwibahasa("satu skor untuk ketujuh nilai (1-5)",
                                    "one score for all seven values (1-5)"), min=_LO, max=_HI)

PEGAWAI = Masukan(
    "pegawai", "daftar",
    dwibahasa("kelompok pegawai (kasus kelompok)", "a group of employees (group case)"),
    isi=Masukan("pegawai", "mapping", kunci=(
        Masukan("asn_id", "bulat", dwibahasa("id pegawai", "employee id"), min=1, wajib=True),
        Masukan("opd_id", "bulat", dwibahasa("OPD (bawaan 1)", "OPD (default 1)"), min=1),
        Masukan("unit_id", "bulat", dwibahasa("unit kerja (bawaan: unit OPD itu sendiri, id = opd_id)",
                                       "unit kerja (default: the OPD's own unit, id = opd_id)"),
                min=1),
        Masukan("instansi", "bulat", dwibahasa("pemda (bawaan 1)", "pemda (default 1)"), min=1),
        Masukan("capaian_hasil_kerja", "angka", dwibahasa("capaian hasil kerja (%)",
                                                   "results achieved (%)"), min=0),
        Masukan("rating_hasil_kerja", "pilihan", dwibahasa("rating hasil kerja", "results rating"),
                pilihan=RATING),
        Masukan("kepala_unit", "boolean", dwibahasa("kepala unit", "head of unit")),
        Masukan("capaian_kinerja_organisasi", "pilihan",
                dwibahasa("capaian kinerja organisasi unit yang dipimpin", "result of the unit headed"),
                pilihan=CAPAIAN_ORGANISASI),
        _TUJUH,
        Masukan("skor_perilaku", "angka", dwibahasa("skor atasan untuk ketujuh nilai (1-5)",
                                             "the superior's score for all seven values (1-5)"),
                min=_LO, max=_HI),
        Masukan("rating_perilaku_kerja", "pilihan", dwibahasa("rating perilaku kerja",
                                                       "behaviour rating"), pilihan=RATING),
    )),
    sumber="pegawai",
)
PENILAIAN = Masukan(
    "penilaian", "daftar",
    dwibahasa("penilaian perilaku satu per satu (kasus kelompok)",
       "individual behaviour ratings (group case)"),
    isi=Masukan("penilaian", "mapping", kunci=(
        Masukan("asn_id", "bulat", dwibahasa("pegawai yang dinilai", "rated employee"), min=1,
                wajib=True),
        Masukan("penilai_id", "bulat", dwibahasa("id penilai", "rater id"), min=1, wajib=True),
        Masukan("peran", "pilihan", dwibahasa("peran penilai (bawaan atasan)", "rater role (default atasan)"),
                pilihan=PERAN_PENILAI),
        _SKOR, _TUJUH,
    )),
    sumber="penilaian_perilaku",
)
MASUKAN = (PEGAWAI, PENILAIAN)


def adalah_kelompok(inputs: Mapping[str, Any]) -> bool:
    """Whether a case input is a group case."""
    return "pegawai" in inputs


def periksa_kelompok(inputs: Mapping[str, Any]) -> list[Masalah]:
    """Cross-checks of a group case (after the per-field checks): unique ids, known ratees,
    one score form per rating, every employee has results and behaviour evidence."""
    out: list[Masalah] = []
    peg = inputs.get("pegawai") or []
    ids = [p["asn_id"] for p in peg]
    seen: set[int] = set()
    for i, a in enumerate(ids):
        if a in seen:
            out.append(masalah_jalur("id_ganda", ("pegawai", i, "asn_id"), ditemukan=repr(a),
                                     isi={"baris_lain": "-"}))
        seen.add(a)
    dinilai: set[int] = set()
    for i, r in enumerate(inputs.get("penilaian") or []):
        if r["asn_id"] not in seen:
            out.append(masalah_jalur("pegawai_tidak_dikenal", ("penilaian", i, "asn_id"),
                                     ditemukan=repr(r["asn_id"]),
                                     diharapkan=", ".join(map(str, ids))))
        if ("skor" in r) == ("perilaku" in r):
            out.append(masalah_jalur("kasus_masukan_kurang", ("penilaian", i), isi={"perlu": "skor | perilaku"}))
        dinilai.add(r["asn_id"])
    for i, p in enumerate(peg):
        kepala = bool(p.get("kepala_unit")) and "capaian_kinerja_organisasi" in p
        if not kepala and not {"capaian_hasil_kerja", "rating_hasil_kerja"} & set(p):
            out.append(masalah_jalur("kasus_masukan_kurang", ("pegawai", i), isi={"perlu": "capaian_hasil_kerja | rating_hasil_kerja"}))
        if p["asn_id"] not in dinilai and not {"perilaku", "skor_perilaku",
                                                "rating_perilaku_kerja"} & set(p):
            out.append(masalah_jalur("kasus_masukan_kurang", ("pegawai", i), isi={"perlu": "perilaku | skor_perilaku | rating_perilaku_kerja | penilaian"}))
    return out


def tabel_kelompok(inputs: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """The core tables of ``permenpanrb_6_2022`` for a group case (``perilaku`` also carries
    ``penilai_id``; ``pegawai`` also ``instansi``)."""
    nan = np.nan
    peg = list(inputs["pegawai"])

    def col(key: str, default: Any = nan, dtype: Any = object) -> np.ndarray:
        return np.array([p.get(key, default) for p in peg], dtype=dtype)

    cap_org = col("capaian_kinerja_organisasi")
    opd = col("opd_id", 1, np.int64)
    unit = np.array([p.get("unit_id", o) for p, o in zip(peg, opd, strict=True)], dtype=np.int64)
    org_opd: dict[int, str] = {}
    org_unit: dict[int, str] = {}
    for o, u, k, c in zip(opd, unit, col("kepala_unit", False, bool), cap_org, strict=True):
        if k and isinstance(c, str):  # the result of the unit a head leads
            org_unit.setdefault(int(u), c)
            org_opd.setdefault(int(o), c)
    org_opd.update({o: c for o, c in org_unit.items() if o in org_opd})  # the OPD head's first
    cap_org = np.array([c if isinstance(c, str) else org_unit.get(int(u), nan)
                        for c, u in zip(cap_org, unit, strict=True)], dtype=object)
    pegawai = pd.DataFrame({
        "asn_id": col("asn_id", dtype=np.int64), "opd_id": opd, "unit_id": unit,
        "instansi": col("instansi", 1, np.int64),
        "kepala_unit": col("kepala_unit", False, bool),
        "capaian_kinerja_organisasi": cap_org,
        "capaian_organisasi_opd": np.array([org_opd.get(int(o), nan) for o in opd], dtype=object),
        "capaian_hasil_kerja_diberikan": col("capaian_hasil_kerja", nan, float),
        "rating_hasil_kerja_diberikan": col("rating_hasil_kerja"),
        "rating_perilaku_kerja_diberikan": col("rating_perilaku_kerja"),
    })
    rows: list[dict[str, Any]] = []
    for p in peg:
        skor = p.get("perilaku") or ({v: p["skor_perilaku"] for v in BERAKHLAK}
                                     if "skor_perilaku" in p else None)
        if skor is not None:
            rows.append({"asn_id": p["asn_id"], "penilai_id": -p["asn_id"], "peran": 0, **skor})
    for r in inputs.get("penilaian") or []:
        skor = r.get("perilaku") or {v: r["skor"] for v in BERAKHLAK}
        rows.append({"asn_id": r["asn_id"], "penilai_id": r["penilai_id"],
                     "peran": PERAN_PENILAI.index(r.get("peran", "atasan")), **skor})
    perilaku = pd.DataFrame(rows, columns=["asn_id", "penilai_id", "peran", *BERAKHLAK]).astype(
        {"asn_id": "int64", "penilai_id": "int64", "peran": "int8",
         **{v: float for v in BERAKHLAK}})
    iki = pd.DataFrame({"iki_id": np.zeros(0, np.int64), "asn_id": np.zeros(0, np.int64),
                        "arah": np.zeros(0, object), "target": np.zeros(0),
                        "realisasi": np.zeros(0), "bobot": np.zeros(0)})
    return {"pegawai": pegawai, "iki": iki, "perilaku": perilaku}


def _baris(df: pd.DataFrame, kolom: Sequence[str]) -> list[dict[str, Any]]:
    rows = [{k: nilai_python(v) for k, v in zip(kolom, vals, strict=True)}
            for vals in df[list(kolom)].itertuples(index=False, name=None)]
    return [{k: (str(v) if isinstance(v, str) else v) for k, v in r.items()} for r in rows]


def keluaran_kelompok(hasil: pd.DataFrame, kolom: tuple[str, ...],
                      catatan: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Any]:
    """Case outputs of a group: ``pegawai`` (one mapping per row, the ``kolom`` given),
    ``jumlah_predikat``; with the SE 3/2023 curve tables in ``catatan`` also ``kurva`` (per
    curve group: its id, capaian, ``status``, ``jumlah_dilanggar``), ``kurva_batasan`` (per
    group and limit) and ``jumlah_naik_kurva`` / ``jumlah_turun_kurva`` (employees whose
    predikat is above / below their kuadran predikat)."""
    df = hasil.sort_values("asn_id")
    counts = df["predikat"].astype(object).value_counts()
    out: dict[str, Any] = {"pegawai": _baris(df, kolom),
                           "jumlah_predikat": {p: int(counts.get(p, 0)) for p in PREDIKAT}}
    opd = (catatan or {}).get("kurva_opd")
    if opd is not None:
        kunci = opd.columns[0]
        out["kurva"] = _baris(opd, (kunci, "capaian_kinerja_organisasi", "jumlah_pegawai",
                                    "status", "jumlah_dilanggar"))
        out["kurva_batasan"] = _baris(catatan["kurva_batasan"], (
            kunci, "kelas", "jenis", "batas_orang", "aktual_orang", "status"))
    if "predikat_kuadran" in df:
        beda = (kode_kategori(df["predikat_kuadran"], PREDIKAT).astype(np.int64)
                - kode_kategori(df["predikat"], PREDIKAT))  # codes: 0 = best
        out["jumlah_naik_kurva"] = int((beda > 0).sum())
        out["jumlah_turun_kurva"] = int((beda < 0).sum())
    return out


class DukungKelompok:
    """Mixin for a subclass of :class:`~simkit.rules.permenpanrb_6_2022.Permenpanrb6`: accept
    group cases (above) besides the base rule's single-employee cases.

    Put it first in the bases: ``class Kalibrasi(DukungKelompok, Permenpanrb6)``;
    ``kolom_kelompok`` names the columns each ``pegawai`` output element carries.
    """

    kolom_kelompok: tuple[str, ...] = (
        "asn_id", "capaian_hasil_kerja", "rating_hasil_kerja", "perilaku_rerata",
        "rating_perilaku_kerja", "predikat")

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        if adalah_kelompok(inputs):
            return periksa_masukan(self.inputs, inputs) or periksa_kelompok(inputs)  # type: ignore[attr-defined]
        return super().periksa_kasus(inputs)  # type: ignore[misc]

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: Any) -> dict[str, pd.DataFrame]:
        if adalah_kelompok(inputs):
            return tabel_kelompok(inputs)
        tabel = super().siapkan_kasus(inputs, params)  # type: ignore[misc]
        pr = tabel["perilaku"]
        # single case: each rating its own rater (nothing to calibrate across)
        tabel["perilaku"] = pr.assign(penilai_id=-1 - np.arange(len(pr), dtype=np.int64))
        return tabel

    def keluaran_kasus(self, hasil: Any, inputs: Mapping[str, Any]) -> dict[str, Any]:
        if adalah_kelompok(inputs):
            return keluaran_kelompok(hasil.hasil, self.kolom_kelompok, hasil.catatan)
        return super().keluaran_kasus(hasil, inputs)  # type: ignore[misc]
