"""Reform ``rumus``: a formula written by the policymaker (patch of permenpanrb_6_2022).

What it changes: how the predikat is reached. The formula language is
:mod:`simkit.rules.formula` (safe: parsed and whitelisted, never ``eval``); its variables are
the documented per-employee values of :data:`~simkit.rules.formula.VARIABEL_RUMUS`
(``capaian_hasil_kerja``, ``perilaku_atasan``, ``perilaku_360``, ``ikm_unit``, ...; see
:func:`~simkit.rules.formula.daftar_variabel`), computed as the base rule computes them.

- ``mode: satu_skor`` (default): ``nilai`` = ``rumus``; predikat = the best class whose
  threshold in ``ambang_rumus`` the value reaches (``sangat_baik`` >= 110, ``baik`` >= 90,
  ``butuh_perbaikan`` >= 70, ``kurang`` >= 50, else ``sangat_kurang``). This replaces the
  kuadran; the base rule's curve (``kurva_distribusi``) still applies after it.
- ``mode: dua_skor``: ``rumus_hasil`` gives the results score, rated with the base rule's
  ``ambang_hasil_*``; ``rumus_perilaku`` gives the behaviour score (1-5), rated with
  ``ambang_perilaku_*``; then the kuadran and curve as in the base rule (heads of unit keep
  the capaian kinerja organisasi rule). ``nilai`` = the results score.

The ratings and scores of the base rule stay in the result as components. Parameters = the
base rule's + ``permenpanrb_14_2017`` (for ``ikm_unit``) + ``params/rumus.yaml``; all
overrides are validated together, including that every formula compiles (an unknown name gets
a "did you mean") and that the thresholds decrease.

Example: ``rumus: "0.6 * capaian_hasil_kerja + 0.4 * perilaku_360 * 24"``: capaian 100 %,
360 mean 4.5 -> 60 + 43.2 = 103.2 -> baik.

>>> from simkit.rules import get_rule
>>> get_rule("rumus").evaluate_case({"capaian_hasil_kerja": 100, "perilaku": {
...     v: 4.5 for v in ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal",
...                      "adaptif", "kolaboratif")}},
...     {"rumus": "0.6 * capaian_hasil_kerja + 0.4 * perilaku_360 * 24"})["nilai"]
103.2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import label, t
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT
from simkit.population.schema import PERAN_PENILAI, STRUKTURAL
from simkit.rules.aturan import Hasil
from simkit.rules.deklarasi import Keluaran, Masukan, dwibahasa
from simkit.rules.evaluation import Evaluation, Langkah, langkah_parameter
from simkit.rules.kuadran_kinerja import (
    KeadaanKinerja,
    Kuadran,
    RatingHasil,
    RatingPerilaku,
    TahapRating,
    nilai_berakhlak,
    rerata_baris,
)
from simkit.rules.larik import kategori, kode_kategori
from simkit.rules.params import ParameterSet
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.permenpanrb_14_2017 import ikm_pegawai, ikm_per_unit
from simkit.rules.reformasi.formula import VARIABEL_RUMUS, Rumus, kompilasi
from simkit.rules.tahap import ganti_tahap

if TYPE_CHECKING:
    from simkit.population.model import Population

PREDIKAT_AMBANG = ("sangat_baik", "baik", "butuh_perbaikan", "kurang")
"""The classes of ``ambang_rumus``, best first; below the last: ``sangat_kurang``."""
_DIRI = PERAN_PENILAI.index("diri")
_KOLOM_POPULASI = {"melayani_publik": "melayani_publik", "kelas_jabatan": "kelas_jabatan",
                   "struktural": "jenis_jabatan"}


def kompilasi_parameter(params: ParameterSet) -> dict[str, Rumus]:
    """The formulas of the active mode, compiled (located SimkitError on any problem)."""
    names = ("rumus",) if params["mode"] == "satu_skor" else ("rumus_hasil", "rumus_perilaku")
    return {n: kompilasi(params[n], bidang=n) for n in names}


def predikat_dari_nilai(nilai: np.ndarray, ambang: Mapping[str, float]) -> np.ndarray:
    """Predikat (object array) of each value: the best class whose threshold it reaches.

    >>> predikat_dari_nilai(np.array([120, 90, 10.0]), {"sangat_baik": 110, "baik": 90,
    ...                     "butuh_perbaikan": 70, "kurang": 50}).tolist()
    ['sangat_baik', 'baik', 'sangat_kurang']
    """
    cond = [nilai >= float(ambang[p]) for p in PREDIKAT_AMBANG]
    return np.select(cond, list(PREDIKAT_AMBANG), default="sangat_kurang").astype(object)


# --------------------------------------------------------------------------- variables


def _rata_per(asn: np.ndarray, nilai: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean of ``nilai`` per id in ``ids`` order, count); NaN where an id has no row."""
    idx = pd.Index(ids).get_indexer(asn)
    ok = idx >= 0
    n = np.bincount(idx[ok], minlength=len(ids)).astype(float)
    s = np.bincount(idx[ok], weights=nilai[ok], minlength=len(ids))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, s / np.maximum(n, 1), np.nan), n


class _Variabel:
    """Computes formula variables lazily, each once, from the core tables of a state."""

    def __init__(self, k: KeadaanKinerja):
        self.k, self.params = k, k.params
        self.peg = k.pegawai
        self.ids = k.ids
        self.cache: dict[str, np.ndarray] = {}
        self._nilai_atasan: pd.DataFrame | None = None
        self._rerata_baris: np.ndarray | None = None

    def __call__(self, nama: str) -> np.ndarray:
        if nama not in self.cache:
            given = f"var_{nama}"
            if given in self.peg and self.peg[given].notna().all():
                self.cache[nama] = self.peg[given].to_numpy(dtype=float)
            else:
                self.cache[nama] = np.asarray(self._hitung(nama), dtype=float)
        return self.cache[nama]

    def _kolom(self, nama: str, kolom: str) -> pd.Series:
        if kolom not in self.peg:
            raise SimkitError(Masalah("kasus_masukan_kurang", bidang=f"variabel.{nama}",
                                      isi={"perlu": f"variabel.{nama}", "jalur": ("variabel",)}))
        return self.peg[kolom]

    def _atasan(self) -> pd.DataFrame:
        """The superior's seven scores per employee (``sumber_perilaku: atasan``)."""
        if self._nilai_atasan is None:
            p = self.params.with_overrides({"sumber_perilaku": "atasan"})
            self._nilai_atasan = nilai_berakhlak(self.k.perilaku, self.ids, p)
        return self._nilai_atasan

    def _per_baris(self, pilih: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pr = self.k.perilaku
        if self._rerata_baris is None:
            self._rerata_baris = rerata_baris(pr)
        return _rata_per(pr["asn_id"].to_numpy()[pilih], self._rerata_baris[pilih], self.ids)

    def _atau_atasan(self, m: np.ndarray) -> np.ndarray:
        """``m``, with perilaku_atasan where an employee has no such rating."""
        kosong = np.isnan(m)
        return np.where(kosong, self("perilaku_atasan"), m) if kosong.any() else m

    def _hitung(self, nama: str) -> np.ndarray:
        if nama == "capaian_hasil_kerja":
            return self.k.capaian_hasil_kerja
        if nama == "jumlah_iki":
            return self.k.jumlah_iki
        if nama == "perilaku_atasan":
            return self._atasan().to_numpy(dtype=float).mean(axis=1)
        if nama.startswith("skor_"):
            return self._atasan()[nama[5:]].to_numpy(dtype=float)
        peran = self.k.perilaku["peran"].to_numpy()
        if nama == "perilaku_360":
            return self._atau_atasan(self._per_baris(peran != _DIRI)[0])
        if nama == "perilaku_diri":
            return self._atau_atasan(self._per_baris(peran == _DIRI)[0])
        if nama == "jumlah_penilai":
            return self._per_baris(peran != _DIRI)[1]
        if nama in ("ikm_unit", "ada_ikm"):
            ikm = self._kolom(nama, "ikm_unit").to_numpy(dtype=float)
            if nama == "ada_ikm":
                return (~np.isnan(ikm)).astype(float)
            return np.where(np.isnan(ikm), float(self.params["ikm_bawaan"]), ikm)
        if nama == "kepala_unit":
            return self.peg["kepala_unit"].to_numpy(dtype=float)
        if nama == "capaian_organisasi":
            kode = kode_kategori(self.peg["capaian_kinerja_organisasi"], CAPAIAN_ORGANISASI)
            if "capaian_organisasi_opd" in self.peg:
                opd = kode_kategori(self.peg["capaian_organisasi_opd"], CAPAIAN_ORGANISASI)
                kode = np.where(kode >= 0, kode, opd)
            bawaan = CAPAIAN_ORGANISASI.index(self.params["capaian_organisasi_bawaan"])
            nilai = self.params["nilai_capaian_organisasi"]
            lut = np.array([float(nilai[c]) for c in CAPAIAN_ORGANISASI])
            return lut[np.where(kode >= 0, kode, bawaan)]
        if nama == "struktural":
            return self._kolom(nama, "jenis_jabatan").isin(STRUKTURAL).to_numpy(dtype=float)
        if nama in ("melayani_publik", "kelas_jabatan"):
            return self._kolom(nama, nama).to_numpy(dtype=float)
        raise KeyError(nama)  # pragma: no cover - every documented variable is handled above


# --------------------------------------------------------------------------- the steps


@dataclass(frozen=True)
class KeadaanRumus(KeadaanKinerja):
    """The state of a ``rumus`` evaluation: the base rule's, plus the formulas' results."""

    skor_rumus: pd.DataFrame | None = None
    """The value of each active formula per employee (one column per formula parameter)."""
    variabel_rumus: pd.DataFrame | None = None
    """The formula variables per employee (one column per variable used)."""


def _dengan_rumus(k: KeadaanRumus) -> KeadaanRumus:
    """The state with the active formulas computed (once per evaluation)."""
    if k.skor_rumus is not None:
        return k
    params = k.params
    rumus = kompilasi_parameter(params)
    var = _Variabel(k)
    ids = k.ids
    data: dict[str, Callable[[], np.ndarray] | np.ndarray] = {}
    for r in rumus.values():
        for v in sorted(r.variabel):
            data[v] = var(v)
    skor = pd.DataFrame({n: r.hitung(data, asn_id=ids, n=len(ids)) for n, r in rumus.items()})
    variabel = pd.DataFrame(data)
    if params["mode"] == "satu_skor":
        kolom = {"nilai": skor["rumus"].to_numpy(), "skor_hasil": np.nan, "skor_perilaku": np.nan}
    else:
        kolom = {"nilai": skor["rumus_hasil"].to_numpy(),
                 "skor_hasil": skor["rumus_hasil"].to_numpy(),
                 "skor_perilaku": skor["rumus_perilaku"].to_numpy()}
    catatan = {"variabel_rumus": variabel.assign(asn_id=ids)[["asn_id", *variabel.columns]]}
    return k.dengan(skor_rumus=skor, variabel_rumus=variabel, kolom=kolom, catatan=catatan)


def _k(key: str, lang: str, **kw: Any) -> str:
    return t(f"reformasi.komponen.{key}", lang, **kw)


def _nilai_variabel(evaluation: Evaluation, baris: pd.Series) -> dict[str, float]:
    var = evaluation.catatan.get("variabel_rumus")
    if var is None:
        return {}
    row = var.loc[var["asn_id"] == int(baris["asn_id"])]
    if not len(row):
        return {}
    return {c: float(row[c].iloc[0]) for c in var.columns if c != "asn_id"}


def _langkah_rumus(evaluation: Evaluation, baris: pd.Series, lang: str,
                   rumus: Sequence[tuple[str, str, str]]) -> list[Langkah]:
    """The variables of one employee, then each formula (parameter, component text, result
    column) with its value."""
    p = evaluation.params
    return [langkah_parameter(p, rumus[0][0], _k("variabel", lang),
                              nilai=_nilai_variabel(evaluation, baris)),
            *(langkah_parameter(p, nama, _k(teks, lang), nilai=p[nama], hasil=float(baris[kolom]))
              for nama, teks, kolom in rumus)]


class _RatingRumus(TahapRating):
    """A rating step that, in ``dua_skor`` mode, rates the score of formula ``rumus`` with
    the base rule's thresholds."""

    rumus: ClassVar[str] = ""
    skor: ClassVar[str] = ""

    def hitung(self, k: KeadaanRumus) -> KeadaanRumus:
        if k.params["mode"] != "dua_skor":
            return super().hitung(k)
        k = _dengan_rumus(k)
        return self.beri_rating(k, k.skor_rumus[self.rumus].to_numpy())

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        if evaluation.params["mode"] != "dua_skor":
            return super().jelaskan(evaluation, baris, lang)
        return self.jelaskan_nilai(evaluation, baris, lang, float(baris[self.skor]))


class RatingHasilRumus(_RatingRumus, RatingHasil):
    """Step ``rating_hasil``: in ``dua_skor`` mode the results score ``rumus_hasil``, after
    the two formulas and their variables are explained."""

    rumus, skor = "rumus_hasil", "skor_hasil"

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        if p["mode"] != "dua_skor":
            return super().jelaskan(evaluation, baris, lang)
        return [*_langkah_rumus(evaluation, baris, lang, [
                    ("rumus_hasil", "skor_hasil", "skor_hasil"),
                    ("rumus_perilaku", "skor_perilaku", "skor_perilaku")]),
                *super().jelaskan(evaluation, baris, lang)]


class RatingPerilakuRumus(_RatingRumus, RatingPerilaku):
    """Step ``rating_perilaku``: in ``dua_skor`` mode the behaviour score ``rumus_perilaku``."""

    rumus, skor = "rumus_perilaku", "skor_perilaku"


class KuadranRumus(Kuadran):
    """Step ``kuadran``: in ``satu_skor`` mode the formula's value, cut by ``ambang_rumus``,
    gives the predikat instead of the kuadran."""

    def hitung(self, k: KeadaanRumus) -> KeadaanRumus:
        k = _dengan_rumus(k)
        if k.params["mode"] != "satu_skor":
            return super().hitung(k)
        pred = predikat_dari_nilai(k.skor_rumus["rumus"].to_numpy(), k.params["ambang_rumus"])
        return k.dengan(predikat_kuadran=kategori(pred, PREDIKAT))

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        if p["mode"] != "satu_skor":
            return super().jelaskan(evaluation, baris, lang)
        a = p["ambang_rumus"]
        return [
            *_langkah_rumus(evaluation, baris, lang, [("rumus", "rumus", "nilai")]),
            langkah_parameter(p, "ambang_rumus", _k("ambang_rumus", lang),
                              nilai=float(baris["nilai"]),
                              ambang=" / ".join(f"≥ {a[c]} {label('predikat', c, lang)}"
                                                for c in PREDIKAT_AMBANG),
                              hasil=label("predikat", baris["predikat_kuadran"], lang)),
        ]


# --------------------------------------------------------------------------- the rule


class RumusKebijakan(Permenpanrb6):
    """PermenPANRB 6/2022 with a policymaker's formula (see the module docstring)."""

    id = "rumus"
    base_rule = "permenpanrb_6_2022"
    tabel = (*Permenpanrb6.tabel, "skm", "unit_kerja")
    tahap = ganti_tahap(Permenpanrb6.tahap, RatingHasilRumus(), RatingPerilakuRumus(),
                        KuadranRumus())
    keadaan = KeadaanRumus
    parameter_tambahan = ("permenpanrb_14_2017",)
    inputs = (
        *Permenpanrb6.inputs,
        Masukan("variabel", "mapping",
                dwibahasa("nilai variabel rumus yang diberikan langsung (mis. ikm_unit, melayani_publik)",
                   "formula variables given directly (e.g. ikm_unit, melayani_publik)"),
                kunci=tuple(Masukan(v.nama, "angka", min=v.min, max=v.max)
                            for v in VARIABEL_RUMUS.values()),
                sumber="pegawai, skm, kinerja_organisasi"),
    )
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("nilai", dwibahasa("nilai rumus (mode satu_skor) atau skor hasil (dua_skor)",
                             "formula value (satu_skor) or results score (dua_skor)")),
        Keluaran("skor_hasil", dwibahasa("skor hasil dari rumus_hasil (mode dua_skor)",
                                  "results score from rumus_hasil (dua_skor)")),
        Keluaran("skor_perilaku", dwibahasa("skor perilaku dari rumus_perilaku (mode dua_skor)",
                                     "behaviour score from rumus_perilaku (dua_skor)")),
    )

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-checks: the base rule's, the active formulas compile, the thresholds
        decrease (run once by the engine before anything is applied)."""
        out = super().periksa_parameter(params)
        for n in (("rumus",) if params["mode"] == "satu_skor" else ("rumus_hasil",
                                                                       "rumus_perilaku")):
            try:
                kompilasi(params[n], bidang=n)
            except SimkitError as exc:
                out.extend(exc.masalah)
        a = params["ambang_rumus"]
        missing = [p for p in PREDIKAT_AMBANG if p not in a]
        if missing:
            out.append(Masalah("bidang_wajib", bidang=f"ambang_rumus.{missing[0]}"))
        else:
            vals = [float(a[p]) for p in PREDIKAT_AMBANG]
            if any(x < y for x, y in zip(vals, vals[1:], strict=False)):
                out.append(Masalah("reformasi_ambang_urut", bidang="ambang_rumus", isi={
                    "urutan": " >= ".join(f"{p} {a[p]}" for p in PREDIKAT_AMBANG)}))
        return out

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Population, params: ParameterSet) -> dict[str, pd.DataFrame]:
        rumus = kompilasi_parameter(params)
        tabel = super().siapkan(population, params)
        dipakai = set().union(*(r.variabel for r in rumus.values()))
        peg = population.pegawai
        extra: dict[str, Any] = {}
        pm = Pemeriksa(self.id)
        for var, kol in _KOLOM_POPULASI.items():
            if var in dipakai and pm.kolom(peg, "pegawai", (kol,)):
                pm.tidak_kosong(peg, "pegawai", (kol,), "asn_id")
                extra[kol] = peg[kol].array
        pm.selesai()
        if dipakai & {"ikm_unit", "ada_ikm"}:
            extra["ikm_unit"] = ikm_pegawai(peg["unit_id"].to_numpy(),
                                            ikm_per_unit(population, params),
                                            params["min_responden_ikm"])[0]
        tabel["pegawai"] = tabel["pegawai"].assign(**extra)
        return tabel

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet
                      ) -> dict[str, pd.DataFrame]:
        tabel = super().siapkan_kasus(inputs, params)
        given = {f"var_{k}": [float(v)] for k, v in (inputs.get("variabel") or {}).items()}
        tabel["pegawai"] = tabel["pegawai"].assign(**given)
        return tabel

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        """As the base rule; results/behaviour evidence may also come through ``variabel``."""
        probs = super().periksa_kasus(inputs)
        var = set(inputs.get("variabel") or {})
        if var:
            probs = [m for m in probs if m.kode != "kasus_masukan_kurang"]
        return probs

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        var = hasil.catatan.get("variabel_rumus")
        if var is not None and len(var):
            out["variabel"] = {c: float(var[c].iloc[0]) for c in var.columns if c != "asn_id"}
        return out
