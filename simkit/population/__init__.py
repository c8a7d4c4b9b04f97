"""Populations of ASN: synthetic (:func:`generate`) or imported; tables in :mod:`.schema`.

>>> from simkit.population import generate
>>> pop = generate("scenarios/mamuju_baseline.yaml")    # doctest: +SKIP
"""

from simkit.population.generate import generate, redraw_measurement
from simkit.population.model import Population

__all__ = ["Population", "generate", "redraw_measurement"]
