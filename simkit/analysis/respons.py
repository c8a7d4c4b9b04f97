"""How employees, raters and units respond to what a rule rewards (the multi-year model).

Deterministic given the draws: the engine (:mod:`simkit.orchestration.periode`) measures the
same year twice on the same random numbers, once as it is and once with one behaviour moved
a step ``delta`` (more effort, lower waiting-time figures, friendlier survey respondents, a
more lenient rater), evaluates the rule on both, and passes the two results here. The
**reward** of an employee is

    U = bobot_tpp x TPP / full TPP  +  bobot_peringkat x (peringkat - 1) / 4

(TPP from :func:`simkit.analysis.metrics.tpp.tpp_pegawai`), and the **marginal reward** of a
behaviour is ``(U_moved - U) / delta``, averaged over employees in the same decile of
measured results (:func:`rata_sel`: the expectation over the rule's measurement noise; a rule
that barely tracks effort gives a small one). Each behaviour then moves part of the way
(``laju_penyesuaian``) toward its target, a saturating and non-decreasing function of the
marginal reward (:func:`jenuh`). A rule that does not read a number gives no reward for
gaming it, so nobody games it there (:func:`angka_dinilai` also skips the measurement).

Parameters: ``simkit/analysis/params/respons.yaml`` (all ``asumsi``, with the literature
range in ``tampil``).

>>> p = parameter_respons()
>>> round(float(jenuh(np.array([0.0, 1.0, 100.0]), 0.5, 0.3)[2]), 3)
0.3
>>> bool((jenuh(np.array([0.2, 0.4]), p["elastisitas_usaha"], p["usaha_maks"]) > 0).all())
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from simkit.analysis.metrics.tpp import PARAMS_DIR, tpp_pegawai
from simkit.rules.aturan import Rule
from simkit.rules.params import ParameterSet, load_params

BERKAS = PARAMS_DIR / "respons.yaml"


def parameter_respons(overrides: Mapping[str, Any] | None = None, berkas: str | None = None,
                      baris_map: Mapping[str, int | None] | None = None) -> ParameterSet:
    """The behaviour parameters with ``overrides`` applied (validated whole, located at
    ``berkas``/``baris_map`` when given)."""
    return load_params("respons", folder=PARAMS_DIR).with_overrides(
        dict(overrides) if overrides else None, berkas=berkas or str(BERKAS),
        baris_map=baris_map)


def angka_dinilai(rule: Rule) -> dict[str, bool]:
    """Which gameable numbers ``rule`` reads (from its declared tables): ``iki`` (the IKI
    realisations, incl. lower-is-better ones such as waiting time) and ``skm`` (the survey).

    >>> from simkit.rules import get_rule
    >>> angka_dinilai(get_rule("permenpanrb_6_2022")), angka_dinilai(get_rule("mamuju_ikm"))["skm"]
    ({'iki': True, 'skm': False}, True)
    """
    return {"iki": "iki" in rule.tabel, "skm": "skm" in rule.tabel}


def imbalan(pegawai: pd.DataFrame, nama_opd: np.ndarray, peringkat: np.ndarray,
            p: ParameterSet, tpp_params: Any = None) -> np.ndarray:
    """The reward ``U`` of every employee (see the module docstring), positional."""
    panel = pd.DataFrame({
        "aturan": "x", "asn_id": pegawai["asn_id"].to_numpy(),
        "opd_id": pegawai["opd_id"].to_numpy(), "nama_opd": nama_opd,
        "kelas_jabatan": pegawai["kelas_jabatan"].to_numpy(),
        "status_kepegawaian": pegawai["status_kepegawaian"].to_numpy(),
        "rumpun": pegawai["rumpun"].to_numpy(), "peringkat": np.asarray(peringkat)})
    t = tpp_pegawai(panel, tpp_params)
    penuh = t["tpp_penuh_tahunan"].to_numpy()
    bagian = np.divide(t["tpp_tahunan"].to_numpy(), penuh, out=np.zeros(len(penuh)),
                       where=penuh > 0)
    return (float(p["bobot_tpp"]) * bagian
            + float(p["bobot_peringkat"]) * (np.asarray(peringkat, dtype=float) - 1) / 4)


def sel_desil(x: np.ndarray, jumlah: int) -> np.ndarray:
    """Group of each value: its quantile group (0 .. ``jumlah`` - 1) by rank.

    >>> sel_desil(np.array([5.0, 1.0, 3.0, 2.0]), 2).tolist()
    [1, 0, 1, 0]
    """
    n = len(x)
    rank = np.empty(n, np.int64)
    rank[np.argsort(x, kind="stable")] = np.arange(n)
    return (rank * int(jumlah)) // max(n, 1)


def rata_sel(x: np.ndarray, sel: np.ndarray, ikut: np.ndarray | None = None) -> np.ndarray:
    """Each row gets the mean of ``x`` over the rows of its group ``sel`` (only rows where
    ``ikut`` count; a group without any gets 0).

    >>> rata_sel(np.array([1.0, 3.0, 10.0]), np.array([0, 0, 1])).tolist()
    [2.0, 2.0, 10.0]
    """
    w = np.ones(len(x)) if ikut is None else np.asarray(ikut, dtype=float)
    k = int(sel.max(initial=-1)) + 1
    s = np.bincount(sel, weights=x * w, minlength=k)
    n = np.bincount(sel, weights=w, minlength=k)
    return np.divide(s, n, out=np.zeros(k), where=n > 0)[sel]


def jenuh(imbalan_marjinal: np.ndarray, elastisitas: float, maks: float) -> np.ndarray:
    """The target of a behaviour: ``maks x (1 - exp(-elastisitas x max(I, 0) / maks))``.

    Non-decreasing in the marginal reward ``I``, 0 at ``I <= 0``, slope ``elastisitas`` near
    0 and never above ``maks``.

    >>> jenuh(np.array([-1.0, 0.0]), 0.5, 0.3).tolist()
    [0.0, 0.0]
    """
    i = np.maximum(np.asarray(imbalan_marjinal, dtype=float), 0.0)
    if maks <= 0:
        return np.zeros_like(i)
    return maks * -np.expm1(-float(elastisitas) * i / maks)


def sesuaikan(lama: np.ndarray, sasaran: np.ndarray, laju: float) -> np.ndarray:
    """Partial adjustment: ``lama + laju x (sasaran - lama)``.

    >>> sesuaikan(np.array([0.0]), np.array([1.0]), 0.5).tolist()
    [0.5]
    """
    return np.asarray(lama) + float(laju) * (np.asarray(sasaran) - np.asarray(lama))


def sandbag(kelebihan: np.ndarray, bobot_ratchet: float, p: ParameterSet) -> np.ndarray:
    """Output held back (in sd of measured results) so next year's target stays low: a share
    ``elastisitas_sandbag x bobot_ratchet`` of the excess achievement (log realisation /
    target, 0 when below target), Weitzman (1980)."""
    return (float(p["elastisitas_sandbag"]) * float(bobot_ratchet)
            * np.maximum(np.asarray(kelebihan, dtype=float), 0.0))
