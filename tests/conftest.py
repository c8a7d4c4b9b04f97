"""What every test shares: it starts in Indonesian and leaves the process language unset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simkit.i18n import set_lang


@pytest.fixture(autouse=True)
def _bahasa_indonesia() -> Iterator[None]:
    """Indonesian first (the kit's default), whatever an earlier test or the CLI set."""
    set_lang("id")
    yield
    set_lang(None)
