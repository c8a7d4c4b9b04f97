"""Display labels: column headers, table titles and the labels of vocabulary ids.

Tables keep stable snake_case ids; :func:`berlabel` returns a copy for people. Headers come from
``analisis.kolom.*`` (then ``laporan.kolom.*``), titles from ``analisis.tabel.*`` (then
``laporan.tabel.*``), vocabulary ids (predikat, rating, change buckets, curve status, group
dimensions ...) from their catalogues; an id without a text is shown as it is.

>>> import pandas as pd
>>> berlabel(pd.DataFrame({"perubahan": ["naik_1"], "jumlah": [3]}), lang="en").columns.tolist()
['Change', 'Count']
>>> label_kolom("proporsi", "id"), judul_tabel("tpp", "en")
('Proporsi', 'TPP cost per rule')
"""

from __future__ import annotations

import pandas as pd

from simkit.i18n import get_lang, has, label, t

KOSAKATA_KOLOM: dict[str, str] = {
    "predikat": "predikat", "predikat_dasar": "predikat", "predikat_benar": "predikat",
    "kinerja_unit": "kinerja_unit", "perubahan": "analisis.perubahan",
    "status": "analisis.status_kurva", "dimensi": "analisis.dimensi",
    "capaian_kinerja_organisasi": "capaian_organisasi", "rating_hasil_kerja": "rating",
    "rating_perilaku_kerja": "rating", "jenis_unit": "jenis_unit",
    "jenis_jabatan": "jenis_jabatan", "jenis_kelamin": "jenis_kelamin",
}
"""Column id -> the catalogue of its values' labels."""


def _teks(kunci: tuple[str, ...], lang: str, bawaan: str) -> str:
    for k in kunci:
        if has(k, lang) or has(k, "id"):
            return t(k, lang)
    return bawaan


def label_kolom(nama: str, lang: str | None = None) -> str:
    """Header of a column id, e.g. ``label_kolom("selisih")`` -> 'Selisih (kelas)'."""
    return _teks((f"analisis.kolom.{nama}", f"laporan.kolom.{nama}"), lang or get_lang(), nama)


def judul_tabel(nama: str, lang: str | None = None) -> str:
    """Title of a table id, e.g. ``judul_tabel("tpp")`` -> 'Biaya TPP per aturan'."""
    return _teks((f"analisis.tabel.{nama}", f"laporan.tabel.{nama}"), lang or get_lang(), nama)


def berlabel(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``df`` with display headers and display labels for vocabulary columns."""
    out = df.copy()
    for col, kind in KOSAKATA_KOLOM.items():
        if col in out.columns:
            values = out[col].astype(str)
            mapping = {v: label(kind, v, lang) for v in values.unique()}
            out[col] = values.map(mapping)
    return out.rename(columns={c: label_kolom(c, lang) for c in out.columns})
