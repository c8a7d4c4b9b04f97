"""``load_scenario``: a scenario with every check, composed explicitly from the layers below.

Five checks, in this order: the schema (:func:`simkit.scenario.baca_skenario`; its problems are
raised at once, as nothing else can be checked without a valid schema), then the OPD catalogue
(:func:`simkit.population.catalogue.periksa_skenario_katalog`), the ``aturan`` section
(:mod:`simkit.rules.validasi_reformasi`) and the verdict's deciding criteria
(``perbandingan.kriteria_penentu``, names of :data:`simkit.analysis.metrics.putusan.KRITERIA`)
and the behaviour parameters of a multi-year run (``periode.parameter_respons``, names and
bounds of ``simkit/analysis/params/respons.yaml``). The problems of the last four are collected and raised together as one located
:class:`~simkit.errors.SimkitError`.

>>> s = load_scenario({"nama": "contoh", "seed": 1, "populasi": {"jumlah_asn": 500}})
>>> s.populasi.jumlah_asn, s.kebenaran.korelasi_hasil_perilaku
(500, 0.5)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError, mirip
from simkit.population.catalogue import periksa_skenario_katalog
from simkit.rules.validasi_reformasi import periksa_aturan_skenario
from simkit.scenario import Scenario, baca_skenario


def load_scenario(source: str | Path | Mapping[str, Any] | Scenario) -> Scenario:
    """Read and validate a scenario from a YAML file path, a mapping or a Scenario.

    Raises :class:`~simkit.errors.SimkitError` listing every problem with its file, line and
    field: schema, OPD codes of the catalogue, rule ids and rule parameters. A
    :class:`~simkit.scenario.Scenario` is returned as it is.

    >>> load_scenario({"nama": "x", "seed": 1, "aturan": [
    ...     {"id": "a", "aturan": "permenpanrb_6_2023"}]})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    simkit.errors.SimkitError: bidang 'aturan[0].aturan': aturan tidak dikenal ...
    """
    if isinstance(source, Scenario):
        return source
    scenario = baca_skenario(source)
    masalah: list[Masalah] = [*periksa_skenario_katalog(scenario),
                              *periksa_aturan_skenario(scenario), *_periksa_kriteria(scenario),
                              *_periksa_periode(scenario)]
    if masalah:
        raise SimkitError(masalah)
    return scenario


def _periksa_kriteria(scenario: Scenario) -> list[Masalah]:
    """Each deciding criterion of the verdict is one of its criteria (located, with a "did
    you mean")."""
    from simkit.analysis.metrics.putusan import KRITERIA_NAMA

    out = []
    for i, nama in enumerate(scenario.perbandingan.kriteria_penentu):
        if nama not in KRITERIA_NAMA:
            out.append(Masalah("bidang_tidak_dikenal", berkas=scenario.sumber,
                               baris=scenario.line_of("perbandingan", "kriteria_penentu", i),
                               bidang=f"perbandingan.kriteria_penentu[{i}]",
                               ditemukan=repr(nama), diharapkan=", ".join(KRITERIA_NAMA),
                               saran=mirip(nama, list(KRITERIA_NAMA))))
    return out


def _periksa_periode(scenario: Scenario) -> list[Masalah]:
    """``periode.parameter_respons`` overrides known behaviour parameters with valid values
    (located at their line, with a "did you mean")."""
    from simkit.analysis.respons import parameter_respons

    if scenario.periode is None or not scenario.periode.parameter_respons:
        return []
    jalur = ("periode", "parameter_respons")
    baris = {k: scenario.line_of(*jalur, k) for k in scenario.periode.parameter_respons}
    try:
        parameter_respons(scenario.periode.parameter_respons, berkas=scenario.sumber,
                          baris_map=baris)
    except SimkitError as exc:
        out = []
        for m in exc.masalah:
            nama = (m.bidang or "").split(".")[0]
            m.bidang = ".".join([*jalur, m.bidang]) if m.bidang else ".".join(jalur)
            m.berkas = scenario.sumber
            m.baris = m.baris or baris.get(nama) or scenario.line_of(*jalur)
            out.append(m)
        return out
    return []
