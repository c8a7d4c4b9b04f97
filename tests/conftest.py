"""What the tests share: each starts in Indonesian and leaves the process language unset; the
default Mamuju scenario and its population are built once for the tests that only read them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import simkit
from simkit.i18n import set_lang


@pytest.fixture(autouse=True)
def _bahasa_indonesia() -> Iterator[None]:
    """Indonesian first (the kit's default), whatever an earlier test or the CLI set."""
    set_lang("id")
    yield
    set_lang(None)


@pytest.fixture(scope="session")
def mamuju() -> tuple[simkit.Scenario, simkit.Population]:
    """(scenario, population) of ``scenarios/mamuju_baseline.yaml`` (4,500 ASN); read only."""
    sc = simkit.load_scenario("scenarios/mamuju_baseline.yaml")
    return sc, simkit.generate(sc)
