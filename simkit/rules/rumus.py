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

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import label, t
from simkit.population.schema import CAPAIAN_ORGANISASI, PERAN_PENILAI, STRUKTURAL
from simkit.rules.aturan import Hasil
from simkit.rules.deklarasi import Keluaran, Masukan
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.formula import VARIABEL_RUMUS, Rumus, kompilasi
from simkit.rules.kalibrasi_penilai import rerata_baris
from simkit.rules.larik import kode_kategori
from simkit.rules.mamuju_ikm import ATURAN_IKM, ikm_pegawai, ikm_per_unit
from simkit.rules.params import ParameterSet
from simkit.rules.pemeriksa_populasi import Pemeriksa
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.registry import get_rule, register
from simkit.rules.validasi_reformasi import periksa_skenario  # noqa: F401 - registers the scenario check

PREDIKAT_AMBANG = ("sangat_baik", "baik", "butuh_perbaikan", "kurang")
"""The classes of ``ambang_rumus``, best first; below the last: ``sangat_kurang``."""
_DIRI = PERAN_PENILAI.index("diri")
_KOLOM_POPULASI = {"melayani_publik": "melayani_publik", "kelas_jabatan": "kelas_jabatan",
                   "struktural": "jenis_jabatan"}


def _d(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


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
    """Computes formula variables lazily, each once, from the core tables."""

    def __init__(self, rule: RumusKebijakan, tabel: dict[str, pd.DataFrame], params: ParameterSet):
        self.rule, self.tabel, self.params = rule, tabel, params
        self.peg = tabel["pegawai"]
        self.ids = self.peg["asn_id"].to_numpy()
        self.cache: dict[str, np.ndarray] = {}

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
        if "_atasan" not in self.tabel:
            p = self.params.with_overrides({"sumber_perilaku": "atasan"})
            self.tabel["_atasan"] = self.rule.nilai_perilaku(self.tabel["perilaku"], self.ids, p)
        return self.tabel["_atasan"]

    def _per_baris(self, pilih: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pr = self.tabel["perilaku"]
        if "_rata_baris" not in self.cache:
            self.cache["_rata_baris"] = rerata_baris(pr)
        rata = self.cache["_rata_baris"]
        return _rata_per(pr["asn_id"].to_numpy()[pilih], rata[pilih], self.ids)

    def _atau_atasan(self, m: np.ndarray) -> np.ndarray:
        """``m``, with perilaku_atasan where an employee has no such rating."""
        kosong = np.isnan(m)
        return np.where(kosong, self("perilaku_atasan"), m) if kosong.any() else m

    def _hitung(self, nama: str) -> np.ndarray:
        if nama in ("capaian_hasil_kerja", "jumlah_iki"):
            return self.rule.capaian(self.tabel, self.params)[nama].to_numpy(dtype=float)
        if nama == "perilaku_atasan":
            return self._atasan().to_numpy(dtype=float).mean(axis=1)
        if nama.startswith("skor_"):
            return self._atasan()[nama[5:]].to_numpy(dtype=float)
        peran = self.tabel["perilaku"]["peran"].to_numpy()
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


# --------------------------------------------------------------------------- the rule


class RumusKebijakan(Permenpanrb6):
    """PermenPANRB 6/2022 with a policymaker's formula (see the module docstring)."""

    id = "rumus"
    base_rule = "permenpanrb_6_2022"
    tabel = (*Permenpanrb6.tabel, "skm", "unit_kerja")
    inputs = (
        *Permenpanrb6.inputs,
        Masukan("variabel", "mapping",
                _d("nilai variabel rumus yang diberikan langsung (mis. ikm_unit, melayani_publik)",
                   "formula variables given directly (e.g. ikm_unit, melayani_publik)"),
                kunci=tuple(Masukan(v.nama, "angka", min=v.min, max=v.max)
                            for v in VARIABEL_RUMUS.values()),
                sumber="pegawai, skm, kinerja_organisasi"),
    )
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("nilai", _d("nilai rumus (mode satu_skor) atau skor hasil (dua_skor)",
                             "formula value (satu_skor) or results score (dua_skor)")),
        Keluaran("skor_hasil", _d("skor hasil dari rumus_hasil (mode dua_skor)",
                                  "results score from rumus_hasil (dua_skor)")),
        Keluaran("skor_perilaku", _d("skor perilaku dari rumus_perilaku (mode dua_skor)",
                                     "behaviour score from rumus_perilaku (dua_skor)")),
    )

    @property
    def parameter_ids(self) -> tuple[str, ...]:
        """The base rule's files, then ``permenpanrb_14_2017`` (IKM), then this rule's."""
        return (*get_rule(self.base_rule).parameter_ids, ATURAN_IKM, self.id)

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

    def _cek(self, params: ParameterSet) -> dict[str, Rumus]:
        """The compiled formulas (the engine has validated ``params`` already)."""
        return kompilasi_parameter(params)

    # ------------------------------------------------------------------ inputs
    def siapkan(self, population: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        rumus = self._cek(params)
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

    # ------------------------------------------------------------------ the rule
    def capaian(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> pd.DataFrame:
        """The base rule's capaian, computed once per evaluation (the formula may read it)."""
        if "_capaian" not in tabel:
            tabel["_capaian"] = super().capaian(tabel, params)
        return tabel["_capaian"]

    def _skor(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> dict[str, np.ndarray]:
        if "_rumus" not in tabel:
            rumus = kompilasi_parameter(params)
            var = _Variabel(self, tabel, params)
            ids = tabel["pegawai"]["asn_id"].to_numpy()
            data: dict[str, Callable[[], np.ndarray] | np.ndarray] = {}
            for r in rumus.values():
                for v in sorted(r.variabel):
                    data[v] = var(v)
            tabel["_rumus"] = pd.DataFrame({
                n: r.hitung(data, asn_id=ids, n=len(ids)) for n, r in rumus.items()})
            tabel["_variabel"] = pd.DataFrame(data)
        return {c: tabel["_rumus"][c].to_numpy() for c in tabel["_rumus"].columns}

    def rating_hasil(self, capaian: np.ndarray, tabel: dict[str, pd.DataFrame],
                     params: ParameterSet) -> np.ndarray:
        if params["mode"] == "dua_skor":
            capaian = self._skor(tabel, params)["rumus_hasil"]
        return super().rating_hasil(capaian, tabel, params)

    def rating_perilaku(self, rerata: np.ndarray, tabel: dict[str, pd.DataFrame],
                        params: ParameterSet) -> np.ndarray:
        if params["mode"] == "dua_skor":
            rerata = self._skor(tabel, params)["rumus_perilaku"]
        return super().rating_perilaku(rerata, tabel, params)

    def terapkan_kurva(self, hasil: pd.DataFrame, tabel: dict[str, pd.DataFrame],
                       params: ParameterSet) -> tuple[np.ndarray, dict[str, pd.DataFrame]]:
        if params["mode"] == "satu_skor":
            nilai = self._skor(tabel, params)["rumus"]
            hasil["predikat_kuadran"] = pd.Categorical(
                predikat_dari_nilai(nilai, params["ambang_rumus"]),
                categories=hasil["predikat_kuadran"].cat.categories)
        return super().terapkan_kurva(hasil, tabel, params)

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        tabel = dict(tabel)  # the memo tables below stay local to this evaluation
        h = super().hitung(tabel, params)
        skor = self._skor(tabel, params)
        if params["mode"] == "satu_skor":
            h.hasil["nilai"] = skor["rumus"]
            h.hasil["skor_hasil"] = np.nan
            h.hasil["skor_perilaku"] = np.nan
        else:
            h.hasil["nilai"] = skor["rumus_hasil"]
            h.hasil["skor_hasil"] = skor["rumus_hasil"]
            h.hasil["skor_perilaku"] = skor["rumus_perilaku"]
        var = tabel["_variabel"]
        h.catatan["variabel_rumus"] = var.assign(asn_id=h.hasil["asn_id"].to_numpy())[
            ["asn_id", *var.columns]]
        return h

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        out = super().keluaran_kasus(hasil, inputs)
        var = hasil.catatan.get("variabel_rumus")
        if var is not None and len(var):
            out["variabel"] = {c: float(var[c].iloc[0]) for c in var.columns if c != "asn_id"}
        return out

    # ------------------------------------------------------------------ explain
    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        base = super().langkah(evaluation, baris, lang)
        p = evaluation.params
        L = self.langkah_parameter

        def k(key: str, **kw: Any) -> str:
            return t(f"reformasi.komponen.{key}", lang, **kw)

        var = evaluation.catatan.get("variabel_rumus")
        nilai_var: dict[str, Any] = {}
        if var is not None:
            row = var.loc[var["asn_id"] == int(baris["asn_id"])]
            if len(row):
                nilai_var = {c: float(row[c].iloc[0]) for c in var.columns if c != "asn_id"}
        if p["mode"] == "satu_skor":
            a = p["ambang_rumus"]
            mine = [
                L(p, "rumus", k("variabel"), nilai=nilai_var),
                L(p, "rumus", k("rumus"), nilai=p["rumus"], hasil=float(baris["nilai"])),
                L(p, "ambang_rumus", k("ambang_rumus"), nilai=float(baris["nilai"]),
                  ambang=" / ".join(f"≥ {a[c]} {label('predikat', c, lang)}"
                                    for c in PREDIKAT_AMBANG),
                  hasil=label("predikat", baris["predikat_kuadran"], lang)),
            ]
            # the formula replaces the kuadran: drop the base rule's kuadran step
            base = [s for s in base if s.parameter != "kuadran"]
            at = next((i for i, s in enumerate(base) if s.parameter == "kurva_distribusi"),
                      next((i for i, s in enumerate(base)
                            if s.parameter == "persentase_angka_kredit"), len(base)))
            return [*base[:at], *mine, *base[at:]]
        # the thresholds rate the formula scores, not the base rule's numbers
        ganti = {"ambang_hasil_di_atas": "skor_hasil", "ambang_hasil_sesuai": "skor_hasil",
                 "ambang_perilaku_di_atas": "skor_perilaku",
                 "ambang_perilaku_sesuai": "skor_perilaku"}
        base = [replace(s, nilai=float(baris[ganti[s.parameter]])) if s.parameter in ganti
                else s for s in base]
        mine = [
            L(p, "rumus_hasil", k("variabel"), nilai=nilai_var),
            L(p, "rumus_hasil", k("skor_hasil"), nilai=p["rumus_hasil"],
              hasil=float(baris["skor_hasil"])),
            L(p, "rumus_perilaku", k("skor_perilaku"), nilai=p["rumus_perilaku"],
              hasil=float(baris["skor_perilaku"])),
        ]
        at = next((i for i, s in enumerate(base)
                   if s.parameter in ("ambang_hasil_di_atas",
                                      "kepala_unit_pakai_capaian_organisasi")), len(base))
        return [*base[:at], *mine, *base[at:]]


register(RumusKebijakan)

