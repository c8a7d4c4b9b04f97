"""``load_scenario``: a scenario with every check, composed explicitly from the layers below.

Three checks, in this order: the schema (:func:`simkit.scenario.baca_skenario`; its problems are
raised at once, as nothing else can be checked without a valid schema), then the OPD catalogue
(:func:`simkit.population.catalogue.periksa_skenario_katalog`) and the ``aturan`` section
(:mod:`simkit.rules.validasi_reformasi`). The problems of the last two are collected and raised
together as one located :class:`~simkit.errors.SimkitError`.

>>> s = load_scenario({"nama": "contoh", "seed": 1, "populasi": {"jumlah_asn": 500}})
>>> s.populasi.jumlah_asn, s.kebenaran.korelasi_hasil_perilaku
(500, 0.5)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError
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
                              *periksa_aturan_skenario(scenario)]
    if masalah:
        raise SimkitError(masalah)
    return scenario
