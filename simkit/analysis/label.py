"""Display labels for the comparison tables (Bahasa Indonesia first, English on request).

Tables keep stable snake_case ids; :func:`berlabel` returns a copy for people: column headers
from ``analisis.kolom.*`` and vocabulary ids (predikat, change buckets, curve status, group
dimensions) from the catalogues.

>>> import pandas as pd
>>> berlabel(pd.DataFrame({"perubahan": ["naik_1"], "jumlah": [3]}), lang="en").columns.tolist()
['Change', 'Count']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simkit.i18n import get_lang, has, label, register_catalogue, t

register_catalogue(Path(__file__).parent / "i18n")

_VOCAB = {
    "predikat": "predikat", "predikat_dasar": "predikat", "predikat_benar": "predikat",
    "kinerja_unit": "kinerja_unit", "perubahan": "analisis.perubahan", "status": "analisis.status_kurva",
    "dimensi": "analisis.dimensi", "capaian_kinerja_organisasi": "capaian_organisasi",
    "jenis_jabatan": "jenis_jabatan", "jenis_kelamin": "jenis_kelamin",
}


def label_kolom(nama: str, lang: str | None = None) -> str:
    """Header of a column id, e.g. ``label_kolom("selisih")`` -> 'Selisih (kelas)'."""
    key = f"analisis.kolom.{nama}"
    return t(key, lang) if has(key, lang or get_lang()) or has(key, "id") else nama


def judul_tabel(nama: str, lang: str | None = None) -> str:
    """Title of a comparison table, e.g. ``judul_tabel("tpp")`` -> 'Biaya TPP per aturan'."""
    return t(f"analisis.tabel.{nama}", lang)


def berlabel(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``df`` with display headers and display labels for vocabulary columns."""
    out = df.copy()
    for col, kind in _VOCAB.items():
        if col in out.columns:
            values = out[col].astype(str)
            mapping = {v: label(kind, v, lang) for v in values.unique()}
            out[col] = values.map(mapping)
    return out.rename(columns={c: label_kolom(c, lang) for c in out.columns})
