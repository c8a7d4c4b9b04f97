"""simkit: simulate and explain the performance evaluation of ASN in Kabupaten Mamuju.

The public API is a few verbs; data flows one way::

    scenario = simkit.load_scenario("scenarios/mamuju_baseline.yaml")
    pop = simkit.generate(scenario)                 # or simkit.load_population("data_bkpp/")
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    print(simkit.explain(ev, employee=pop.pegawai.asn_id.iloc[0]))

Names are resolved lazily so ``import simkit`` and the CLI start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "load_scenario": "simkit.orchestration.skenario",
    "Scenario": "simkit.scenario",
    "generate": "simkit.population.generate",
    "redraw_measurement": "simkit.population.generate",
    "Population": "simkit.population.model",
    "load_population": "simkit.population.importer",
    "write_population": "simkit.population.io",
    "evaluate": "simkit.rules",
    "explain": "simkit.rules",
    "list_rules": "simkit.rules",
    "get_rule": "simkit.rules",
    "compare": "simkit.analysis.compare",
    "run": "simkit.orchestration.run",
    "sweep": "simkit.orchestration.sweep",
    "simulate": "simkit.orchestration.periode",
    "calibrate": "simkit.orchestration.kalibrasi_skenario",
    "SimkitError": "simkit.errors",
    "set_lang": "simkit.i18n",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'simkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
