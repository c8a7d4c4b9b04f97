"""TPP cost of each rule's predikat: total and per OPD, and the change against the baseline.

Monthly TPP of an employee (parameters in ``simkit/analysis/params/tpp.yaml``, all
ASSUMPTION with their references; the Mamuju Perbup was not found)::

    basic_tpp[kelas_jabatan] × faktor_kemampuan_keuangan
        × (porsi_kinerja × pengali_predikat[predikat] + porsi_disiplin × pembayaran_disiplin)

for recipients (``status_penerima``, not in ``rumpun_dikecualikan``), times ``jumlah_bulan``
a year. The predikat multiplier is looked up by the common rank ``peringkat`` (5 = Sangat
Baik ... 1 = Sangat Kurang), so every rule's vocabulary maps onto it. Attendance is not
simulated: the discipline share is paid at ``pembayaran_disiplin`` (1 = in full) for everyone.

>>> p = muat_parameter_tpp()
>>> p["porsi_kinerja"], p["pengali_predikat"]["butuh_perbaikan"]
(0.6, 0.75)
>>> tarif = p["basic_tpp"][9] * (0.6 * 0.75 + 0.4)   # kelas 9, Butuh Perbaikan, per month
>>> tarif
2210000.0
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import KOLOM_OPD, aturan_panel, periksa_aturan
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.errors import Masalah, SimkitError, galat
from simkit.kosakata import PERINGKAT_PREDIKAT
from simkit.population.schema import RUMPUN, STATUS
from simkit.rules.params import ParameterSet, load_params

PARAMS_DIR = Path(__file__).resolve().parent.parent / "params"
"""Folder of ``tpp.yaml``."""

BERKAS = PARAMS_DIR / "tpp.yaml"


def muat_parameter_tpp(params: ParameterSet | Mapping[str, Any] | None = None,
                       tanggal: _dt.date | str | None = None) -> ParameterSet:
    """The TPP parameters in force on ``tanggal`` with ``params`` (overrides) applied.

    ``params`` may be a ready :class:`~simkit.rules.params.ParameterSet` (returned as is) or
    a mapping ``{name: new value}``, validated whole by the rules' parameter loader.
    """
    if isinstance(params, ParameterSet):
        ps = params
    else:
        ps = load_params("tpp", tanggal, folder=PARAMS_DIR).with_overrides(
            dict(params) if params else None, berkas=str(BERKAS))
    _periksa(ps)
    return ps


def _periksa(p: ParameterSet) -> None:
    probs = []
    total = float(p["porsi_kinerja"]) + float(p["porsi_disiplin"])
    if abs(total - 1.0) > 1e-9:
        probs.append(Masalah("jumlah_bagian", berkas=str(BERKAS), bidang="porsi_kinerja",
                             isi={"jumlah": f"{total:.4f}"}))
    for name, allowed in (("status_penerima", STATUS), ("rumpun_dikecualikan", RUMPUN)):
        for v in p[name]:
            if v not in allowed:
                probs.append(Masalah("nilai_tidak_valid", berkas=str(BERKAS), bidang=name,
                                     diharapkan=", ".join(allowed), ditemukan=repr(v)))
    missing = sorted(set(PERINGKAT_PREDIKAT) - set(p["pengali_predikat"]))
    if missing:
        probs.append(Masalah("bidang_wajib", berkas=str(BERKAS),
                             bidang=f"pengali_predikat.{missing[0]}"))
    if probs:
        raise SimkitError(probs)


def tpp_pegawai(panel: pd.DataFrame, params: ParameterSet | Mapping[str, Any] | None = None,
                ) -> pd.DataFrame:
    """TPP of every employee under every rule.

    Columns: ``aturan, asn_id, opd_id, nama_opd, kelas_jabatan, menerima, tpp_bulanan,
    tpp_tahunan, tpp_penuh_tahunan`` (``tpp_penuh_tahunan``: what the employee would get
    with the full performance share, i.e. Baik under the default multipliers).
    """
    p = muat_parameter_tpp(params)
    kelas = panel["kelas_jabatan"].to_numpy().astype("int64")
    basic_map = p["basic_tpp"]
    lut = np.full(int(max(max(basic_map), kelas.max(initial=0))) + 1, np.nan)
    for k, v in basic_map.items():
        lut[int(k)] = float(v)
    basic = lut[kelas]
    if np.isnan(basic).any():
        bad = sorted(set(kelas[np.isnan(basic)].tolist()))
        raise galat("nilai_tidak_valid", berkas=str(BERKAS), bidang="basic_tpp",
                    diharapkan=f"kelas jabatan {', '.join(map(str, bad))}",
                    ditemukan=", ".join(map(str, sorted(basic_map))))
    mult = np.zeros(6)
    for pred, r in PERINGKAT_PREDIKAT.items():
        mult[r] = float(p["pengali_predikat"][pred])
    menerima = (panel["status_kepegawaian"].isin(p["status_penerima"])
                & ~panel["rumpun"].isin(p["rumpun_dikecualikan"])).to_numpy()
    base = basic * float(p["faktor_kemampuan_keuangan"]) * menerima
    disiplin = float(p["porsi_disiplin"]) * float(p["pembayaran_disiplin"])
    bulanan = base * (float(p["porsi_kinerja"]) * mult[panel["peringkat"].to_numpy()] + disiplin)
    penuh = base * (float(p["porsi_kinerja"]) * mult.max() + disiplin)
    bulan = int(p["jumlah_bulan"])
    return pd.DataFrame({
        "aturan": panel["aturan"].array,
        "asn_id": panel["asn_id"].to_numpy(),
        "opd_id": panel["opd_id"].to_numpy(),
        "nama_opd": panel["nama_opd"].array,
        "kelas_jabatan": kelas,
        "menerima": menerima,
        "tpp_bulanan": bulanan,
        "tpp_tahunan": bulanan * bulan,
        "tpp_penuh_tahunan": penuh * bulan,
    })


def _ringkas(per: pd.DataFrame, keys: list[str], baseline: str) -> pd.DataFrame:
    out = (per.groupby(["aturan", *keys], sort=False, observed=True)
           .agg(jumlah_penerima=("menerima", "sum"), biaya_tahunan=("tpp_tahunan", "sum"),
                biaya_penuh_tahunan=("tpp_penuh_tahunan", "sum"))
           .reset_index())
    out["jumlah_penerima"] = out["jumlah_penerima"].astype("int64")
    full = out["biaya_penuh_tahunan"]
    out["proporsi_dari_penuh"] = np.where(full > 0, out["biaya_tahunan"] / full.where(full > 0, 1),
                                          np.nan)
    base = out.loc[out["aturan"] == baseline, [*keys, "biaya_tahunan"]].rename(
        columns={"biaya_tahunan": "_dasar"})
    out = out.merge(base, on=keys, how="left") if keys else out.assign(
        _dasar=float(base["_dasar"].iloc[0]))
    out["selisih_dasar"] = out["biaya_tahunan"] - out["_dasar"]
    out["selisih_dasar_persen"] = np.where(out["_dasar"] > 0,
                                           100 * out["selisih_dasar"] / out["_dasar"].where(
                                               out["_dasar"] > 0, 1), np.nan)
    out.insert(1, "aturan_dasar", baseline)
    out = out.sort_values(["aturan", *keys[:1]], kind="stable", ignore_index=True)
    for c in ("aturan", *keys[1:]):
        out[c] = out[c].astype(str)
    return out.drop(columns="_dasar")


def tpp(panel: pd.DataFrame, baseline: str | None = None,
        params: ParameterSet | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Annual TPP cost per rule and its change against ``baseline`` (default: first rule).

    Columns: ``aturan, aturan_dasar, jumlah_penerima, biaya_tahunan, biaya_penuh_tahunan,
    proporsi_dari_penuh, selisih_dasar`` (Rp) and ``selisih_dasar_persen`` (%).
    """
    baseline = periksa_aturan(panel, baseline or aturan_panel(panel)[0])
    return _ringkas(tpp_pegawai(panel, params), [], baseline)


def tpp_per_opd(panel: pd.DataFrame, baseline: str | None = None,
                params: ParameterSet | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """:func:`tpp` per OPD: ``aturan, aturan_dasar, opd_id, nama_opd, jumlah_penerima,
    biaya_tahunan, biaya_penuh_tahunan, proporsi_dari_penuh, selisih_dasar,
    selisih_dasar_persen``."""
    baseline = periksa_aturan(panel, baseline or aturan_panel(panel)[0])
    return _ringkas(tpp_pegawai(panel, params), ["opd_id", "nama_opd"], baseline)


# --------------------------------------------------------------------------- declaration

def parameter_tpp(k: Konteks) -> ParameterSet:
    """The TPP parameters of a comparison (``tpp_params`` overrides applied), loaded once."""
    return k.sekali("tpp_parameter", lambda: muat_parameter_tpp(k.opsi.get("tpp_params")))


_TPP = ("jumlah_penerima", "biaya_tahunan", "biaya_penuh_tahunan", "proporsi_dari_penuh",
        "selisih_dasar", "selisih_dasar_persen")
URUTAN = 100
KELUARAN = (
    Tabel("tpp", ("aturan", "aturan_dasar", *_TPP),
          lambda k: tpp(k.panel, k.aturan_dasar, parameter_tpp(k)),
          ukuran=(Ukuran("biaya_tpp_tahunan", lambda k, tb: per_aturan(k, tb, "biaya_tahunan"),
                         ringkasan=60),
                  Ukuran("selisih_tpp_persen",
                         lambda k, tb: per_aturan(k, tb, "selisih_dasar_persen"), ringkasan=61)),
          sweep="tpp", bagian="tpp"),
    Tabel("tpp_per_opd", ("aturan", "aturan_dasar", *KOLOM_OPD, *_TPP),
          lambda k: tpp_per_opd(k.panel, k.aturan_dasar, parameter_tpp(k)),
          bagian="tpp", grafik=("tpp_per_opd",)),
)
