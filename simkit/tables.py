"""Write one result table by file extension (CSV, Parquet or Excel), atomically.

>>> import pandas as pd, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "hasil.csv"
>>> _ = write_table(pd.DataFrame({"a": [1]}), p); p.read_text().splitlines()[0]
'a'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simkit.atomic import atomic_path
from simkit.errors import galat

FORMATS = {".csv": "csv", ".parquet": "parquet", ".xlsx": "excel"}


def write_table(df: pd.DataFrame, path: str | Path, sheet_name: str = "hasil") -> Path:
    """Write ``df`` to ``path``; the format follows the extension (.csv, .parquet, .xlsx)."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise galat("nilai_tidak_valid", berkas=str(path), diharapkan=", ".join(FORMATS),
                    ditemukan=path.suffix or "''")
    with atomic_path(path) as tmp:
        if kind == "csv":
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        elif kind == "parquet":
            df.to_parquet(tmp, index=False, compression="zstd")
        else:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                df.to_excel(xw, sheet_name=sheet_name[:31], index=False)
    return path
