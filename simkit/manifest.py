"""The run record written beside every output: seed, scenario hash, versions, counts.

>>> m = build_manifest(seed=1, scenario_hash="abc")
>>> m["seed"], "simkit" in m["versi"]
(1, True)
"""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from simkit.atomic import write_text_atomic

_PACKAGES = ("simkit", "numpy", "pandas", "pyarrow", "faker", "pydantic", "matplotlib")


def versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape simkit's numbers."""
    out = {"python": platform.python_version()}
    for p in _PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = "tidak terpasang"
    return out


def build_manifest(**fields: Any) -> dict[str, Any]:
    """A manifest dict: the given fields plus ``versi`` (versions) and ``dibuat`` (UTC time).

    ``dibuat`` is the only field that changes between identical runs; data files never carry it.
    """
    m = dict(fields)
    m.setdefault("versi", versions())
    m.setdefault("dibuat", datetime.now(UTC).isoformat(timespec="seconds"))
    return m


def write_manifest(path: str | Path, manifest: dict[str, Any]) -> Path:
    """Write ``manifest`` as pretty JSON, atomically."""
    return write_text_atomic(path, json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
