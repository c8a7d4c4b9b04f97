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
from simkit.errors import galat
from simkit.i18n import t

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


JENIS_KELUARAN = ("populasi", "laporan", "sapuan", "lembar")
"""The kinds of output folder simkit writes (``jenis`` in their ``manifest.json``)."""


def jenis_folder(folder: str | Path) -> str | None:
    """The kind of simkit output ``folder`` holds (``populasi``, ``laporan``, ``sapuan``), ``""`` when it
    is missing or empty, ``None`` when it holds something else.

    A manifest from before ``jenis`` was recorded is recognised by its fields.

    >>> jenis_folder("folder/yang/tidak/ada")
    ''
    """
    f = Path(folder)
    if not f.exists() or (f.is_dir() and not any(f.iterdir())):
        return ""
    try:
        m = json.loads((f / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(m, dict):
        return None
    if m.get("jenis") in JENIS_KELUARAN:
        return str(m["jenis"])
    if "jumlah_baris" in m and "format" in m:
        return "populasi"
    if "aturan" in m and "durasi_detik" in m:
        return "laporan"
    return None


def periksa_folder_keluaran(folder: str | Path, jenis: str, timpa: bool = False) -> None:
    """Refuse to replace ``folder`` unless it is missing, empty, or holds simkit output of
    the same ``jenis`` (or ``timpa``): a run never silently destroys a population, a user's
    files, or another kind of output.

    >>> periksa_folder_keluaran("folder/yang/tidak/ada", "laporan")
    """
    ada = jenis_folder(folder)
    if timpa or ada in ("", jenis):
        return
    if Path(folder).exists() and not Path(folder).is_dir():
        raise galat("keluaran_bukan_folder", berkas=str(folder))
    raise galat("keluaran_berisi_lain", berkas=str(folder),
                isi_folder=t(f"galat._keluaran.{ada or 'lain'}"),
                jenis=t(f"galat._keluaran.{jenis}"))
