"""Display labels: column headers, table titles and the labels of vocabulary ids and codes.

Tables keep stable snake_case ids; :func:`berlabel` returns a copy for people. Headers come from
``analisis.kolom.*`` (then ``laporan.kolom.*``), titles from ``analisis.tabel.*`` (then
``laporan.tabel.*``), vocabulary ids (predikat, rating, change buckets, curve status, group
dimensions ...) from their catalogues; an id without a text is shown as it is.

Each rule names its own classes: a value is labelled from the vocabulary of the rule that
produced it first (``kosakata_aturan.<rule>.<catalogue>.<id>``, e.g. PP 30/2019's 'kurang' is
'Kurang', PermenPANRB 6/2022's 'Kurang/Misconduct'), then from the shared catalogue.
Parameters have a name (``sajian.parameter.*``), a unit (``sajian.satuan.*``) and labelled
choices (``sajian.pilihan.<parameter>.*``); :func:`teks_parameter` writes any parameter value
for a reader, without JSON braces.

>>> import pandas as pd
>>> berlabel(pd.DataFrame({"perubahan": ["naik_1"], "jumlah": [3]}), lang="en").columns.tolist()
['Change', 'Count']
>>> label_kolom("proporsi", "id"), judul_tabel("tpp", "en")
('Proporsi', 'TPP cost per rule')
>>> label_nilai("predikat", "kurang", "id", ("pp30_2019",)), label_nilai("predikat", "kurang", "id")
('Kurang', 'Kurang/Misconduct')
>>> teks_parameter("bobot_360", {"atasan": 0.6, "rekan": 0.4}, "id")
'Atasan: 0,6; Rekan kerja: 0,4'
>>> teks_parameter("proporsi", {"baik": 0.8, "sangat_baik": 0.2}, "en")
'Very good: 0.2; Good: 0.8'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from simkit.i18n import get_lang, has, label, t
from simkit.kosakata import CAPAIAN_ORGANISASI, PERINGKAT_UMUM, RATING
from simkit.presentation.format import nilai_teks

KOSAKATA_KOLOM: dict[str, str] = {
    "predikat": "predikat", "predikat_dasar": "predikat", "predikat_benar": "predikat",
    "kelas": "predikat",
    "kinerja_unit": "kinerja_unit", "perubahan": "analisis.perubahan",
    "status": "analisis.status_kurva", "dimensi": "analisis.dimensi",
    "capaian_kinerja_organisasi": "capaian_organisasi", "rating_hasil_kerja": "rating",
    "rating_perilaku_kerja": "rating", "jenis_unit": "jenis_unit",
    "jenis_jabatan": "jenis_jabatan", "jenis_kelamin": "jenis_kelamin",
    "jenis": "sajian.jenis_batas", "tingkat": "sajian.tingkat",
    "kriteria": "analisis.kriteria", "penilaian": "analisis.penilaian",
    "jenis_temuan": "analisis.jenis_temuan",
    "kurva_sebagian_besar": "sajian.pilihan.kurva_sebagian_besar",
}
"""Column id -> the catalogue of its values' labels."""

KOLOM_ATURAN_NILAI: dict[str, str] = {"predikat_dasar": "aturan_dasar"}
"""Column id -> the column naming the rule whose vocabulary labels its values (default
``aturan``)."""

KOSAKATA_UMUM: tuple[str, ...] = (
    "predikat", "rating", "capaian_organisasi", "peran_penilai", "kinerja_unit", "berakhlak",
    "jenis_jabatan", "sajian.kode")
"""Catalogues tried, in order, for a code inside a parameter value."""

KUNCI_PARAMETER: dict[str, str] = {
    "kuadran": "rating", "bobot_360": "peran_penilai",
    "pemetaan_capaian_organisasi": "capaian_organisasi", "kurva_batas": "capaian_organisasi",
    "nilai_capaian_organisasi": "capaian_organisasi",
}
"""Parameter -> the catalogue of its (first-level) keys, where a key could be read in two
vocabularies (capaian organisasi 'kurang' is 'Kurang', predikat 'kurang' is not)."""

URUTAN_KUNCI: tuple[tuple[str, ...], ...] = (
    tuple(sorted(PERINGKAT_UMUM, key=lambda k: -PERINGKAT_UMUM[k])), RATING, CAPAIAN_ORGANISASI)
"""Orders of keys a reader expects, best first: a mapping whose keys all belong to one of
them is written in that order (the ``parameter`` table stores keys sorted by name)."""

PEMISAH_JALUR = " › "
"""Separator of a parameter leaf path in the reform card (``kuadran › a › b``)."""


def _ada(kunci: str, lang: str) -> bool:
    return has(kunci, lang) or has(kunci, "id")


def _teks(kunci: tuple[str, ...], lang: str, bawaan: str) -> str:
    for k in kunci:
        if _ada(k, lang):
            return t(k, lang)
    return bawaan


def label_kolom(nama: str, lang: str | None = None) -> str:
    """Header of a column id, e.g. ``label_kolom("selisih")`` -> 'Selisih (kelas)'."""
    return _teks((f"analisis.kolom.{nama}", f"laporan.kolom.{nama}"), lang or get_lang(), nama)


def judul_tabel(nama: str, lang: str | None = None) -> str:
    """Title of a table id, e.g. ``judul_tabel("tpp")`` -> 'Biaya TPP per aturan'."""
    return _teks((f"analisis.tabel.{nama}", f"laporan.tabel.{nama}"), lang or get_lang(), nama)


def label_nilai(kolom: str, nilai: Any, lang: str | None = None,
                aturan: Sequence[str] = ()) -> str:
    """Label of a value of vocabulary column ``kolom`` (:data:`KOSAKATA_KOLOM`); ``aturan``:
    the rule that produced it, then its base rule, whose own vocabulary is tried first. A
    class list ``a+b`` is labelled part by part.

    >>> label_nilai("kelas", "butuh_perbaikan+kurang", "en")
    'Needs improvement + Poor/Misconduct'
    """
    lang = lang or get_lang()
    if nilai is None or (isinstance(nilai, float) and pd.isna(nilai)):
        return "–"
    jenis = KOSAKATA_KOLOM.get(kolom, kolom)
    teks = str(nilai)
    if "+" in teks and jenis == "predikat":
        return " + ".join(label_nilai(kolom, b, lang, aturan) for b in teks.split("+"))
    for a in aturan:
        kunci = f"kosakata_aturan.{a}.{jenis}.{teks}"
        if _ada(kunci, lang):
            return t(kunci, lang)
    return label(jenis, teks, lang)


def label_kode(kode: Any, lang: str | None = None, ruang: Sequence[str] = ()) -> str:
    """Label of a code inside a parameter value: from the catalogues ``ruang``, then
    :data:`KOSAKATA_UMUM`; a code without a text is shown as it is.

    >>> label_kode("di_atas_ekspektasi", "en"), label_kode("maks", "id")
    ('Above expectations', 'paling banyak')
    """
    lang = lang or get_lang()
    for r in (*ruang, *KOSAKATA_UMUM):
        kunci = f"{r}.{kode}"
        if _ada(kunci, lang):
            return t(kunci, lang)
    return str(kode)


def label_parameter(nama: str, lang: str | None = None) -> str:
    """Name of a rule parameter, e.g. ``label_parameter("bobot_ikm", "en")`` -> 'Weight of the
    IKM in the results score'."""
    return _teks((f"sajian.parameter.{nama}",), lang or get_lang(), nama)


def label_satuan(satuan: str | None, lang: str | None = None) -> str:
    """A parameter's unit for a reader, e.g. ``label_satuan("proporsi", "en")`` -> 'share (0-1)'."""
    if not satuan:
        return ""
    return _teks((f"sajian.satuan.{satuan}",), lang or get_lang(), str(satuan))


def _ruang(nama: str, aturan: Sequence[str]) -> tuple[str, ...]:
    return (f"sajian.pilihan.{nama}", *(f"kosakata_aturan.{a}.predikat" for a in aturan))


def label_jalur(jalur: str, lang: str | None = None, aturan: Sequence[str] = ()) -> str:
    """A parameter or a leaf of it (``kuadran › di_atas_ekspektasi › sesuai_ekspektasi``) for a
    reader: the parameter's name, then the labels of the keys."""
    lang = lang or get_lang()
    nama, *kunci = jalur.split(PEMISAH_JALUR)
    ruang = _ruang(nama, aturan)
    pertama = (KUNCI_PARAMETER[nama], *ruang) if nama in KUNCI_PARAMETER else ruang
    return PEMISAH_JALUR.join([label_parameter(nama, lang),
                               *(label_kode(k, lang, pertama if i == 0 else ruang)
                                 for i, k in enumerate(kunci))])


def teks_parameter(nama: str, nilai: Any, lang: str | None = None,
                   aturan: Sequence[str] = ()) -> str:
    """A parameter value for a reader: numbers localised, yes/no, choices and keys labelled,
    mappings as ``key: value; ...``, lists joined (no JSON braces).

    >>> teks_parameter("sumber_perilaku", "360", "en")
    '360-degree rating (superior, peers, subordinates, self)'
    >>> teks_parameter("aspek_perilaku", ["komitmen", "disiplin"], "id")
    'Komitmen, Disiplin'
    """
    lang = lang or get_lang()
    ruang = _ruang(nama, aturan)
    pertama = (KUNCI_PARAMETER[nama], *ruang) if nama in KUNCI_PARAMETER else ruang

    def teks(v: Any, dalam: int) -> str:
        if isinstance(v, Mapping):
            urutan = next((u for u in URUTAN_KUNCI if set(map(str, v)) <= set(u)), None)
            if urutan is not None:
                v = dict(sorted(v.items(), key=lambda kv: urutan.index(str(kv[0]))))
            r = pertama if dalam == 0 else ruang
            isi = [f"{label_kode(k, lang, r)}: {teks(x, dalam + 1)}" for k, x in v.items()]
            return "; ".join(isi) if dalam == 0 else "(" + ", ".join(isi) + ")"
        if isinstance(v, list | tuple):
            bagian = [teks(x, dalam + 1) for x in v]
            if dalam == 0:
                return ", ".join(bagian)
            return (" " if any(isinstance(x, Mapping) for x in v) else " + ").join(bagian)
        if isinstance(v, str):
            return label_kode(v, lang, ruang)
        return nilai_teks(v, lang)

    return teks(nilai, 0)


def berlabel(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``df`` with display headers and display labels for vocabulary columns."""
    out = df.copy()
    for col in KOSAKATA_KOLOM:
        if col in out.columns and not pd.api.types.is_numeric_dtype(out[col]):
            values = out[col].astype(str)
            mapping = {v: label_nilai(col, v, lang) for v in values.unique()}
            out[col] = values.map(mapping)
    return out.rename(columns={c: label_kolom(c, lang) for c in out.columns})
