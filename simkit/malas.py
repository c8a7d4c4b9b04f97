"""Lazy re-exports: a package names its public API and imports each name on first use, so
``import simkit.widgets`` needs no ipywidgets and ``import simkit`` starts fast.

>>> __getattr__ = ekspor_malas("contoh", {"sqrt": "math"})
>>> __getattr__("sqrt")(9.0)
3.0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def ekspor_malas(paket: str, api: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``paket`` that imports each name of ``api`` (name ->
    module) when first asked for; any other name is an ``AttributeError``."""

    def __getattr__(name: str) -> Any:
        if name in api:
            return getattr(import_module(api[name]), name)
        raise AttributeError(f"module {paket!r} has no attribute {name!r}")

    return __getattr__
