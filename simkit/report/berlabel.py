"""Tables of a run folder made ready for readers: the reform card and the workbook's sheets.

The tables of ``tabel/`` keep stable ids (rule entries, vocabulary ids, parameter names,
JSON parameter values); the report and the workbook show labels. This module knows the
rules (their base rules and parameters), so it is the report layer's; the labels themselves
come from :mod:`simkit.presentation.label`.

- :func:`rantai_kosakata`: rule entry -> the rules whose own vocabulary labels its values;
- :func:`kartu_berlabel`: the *kartu reformasi* with parameter names, units and values
  labelled (a mapping or list value written out from its raw value, never as braces);
- :func:`lembar`: one workbook sheet: labelled values, number formats, codes kept in
  separate "(kode)" columns where a formula user needs them.

>>> import pandas as pd
>>> a = pd.DataFrame({"aturan": ["p30"], "id_aturan": ["pp30_2019"]})
>>> rantai_kosakata(a)
{'p30': ('pp30_2019',)}
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from simkit.analysis.registri import adalah_catatan
from simkit.i18n import get_lang, t
from simkit.presentation.label import (
    KOLOM_ATURAN_NILAI,
    KOSAKATA_KOLOM,
    PEMISAH_JALUR,
    judul_tabel,
    label_jalur,
    label_kolom,
    label_nilai,
    label_parameter,
    label_satuan,
    teks_parameter,
)
from simkit.presentation.tabel_html import jenis_kolom

FORMAT_ANGKA: dict[str, str] = {
    "persen": "0.0%", "persen100": '0.0" %"', "rupiah": '"Rp" #,##0', "bulat": "#,##0",
    "angka": "#,##0.00",
}
"""Excel number format of each column kind (:func:`~simkit.presentation.tabel_html.jenis_kolom`)."""

KOLOM_KODE: tuple[str, ...] = ("kode_unit",)
"""Columns that are identifiers by nature and stay as they are (their header says so)."""

PASANGAN_LABEL: dict[str, str] = {"aturan": "label_aturan", "kelompok": "label_kelompok",
                                  "pembanding": "label_pembanding"}
"""Code column -> the column of its labels in the same table: the code column is kept as a
"(kode)" column."""

_TIDAK_ADA = object()


def _rule(rid: str) -> Any:
    """The registered rule ``rid``, or None (an entry id, or a rule simkit does not know)."""
    from simkit.rules.registry import list_rules

    return next((r for r in list_rules() if r.id == rid), None)


def rantai_kosakata(aturan: pd.DataFrame | None) -> dict[str, tuple[str, ...]]:
    """Rule entry id -> its rule and that rule's base rules (the ``aturan`` table), whose
    vocabularies label the entry's values in that order."""
    out: dict[str, tuple[str, ...]] = {}
    if aturan is None or "id_aturan" not in aturan.columns:
        return out
    for sid, rid in zip(aturan["aturan"].astype(str), aturan["id_aturan"].astype(str),
                        strict=True):
        rantai = [rid]
        r = _rule(rid)
        while r is not None and getattr(r, "base_rule", None) not in (None, *rantai):
            rantai.append(str(r.base_rule))
            r = _rule(str(r.base_rule))
        out[sid] = tuple(rantai)
    return out


def label_peringkat(tabel: pd.DataFrame, lang: str | None = None,
                    kosakata: Mapping[str, Sequence[str]] | None = None) -> dict[int, str]:
    """Header of each common class (``peringkat``) of a table with ``aturan``, ``peringkat``
    and ``predikat``: the names the rules of the table give that class, each rule in its own
    words ('Butuh Perbaikan atau Cukup', 'Kurang/Misconduct atau Kurang').

    >>> d = pd.DataFrame({"aturan": ["a", "b"], "peringkat": [2, 2], "predikat": ["kurang"] * 2})
    >>> label_peringkat(d, "id", {"a": ("permenpanrb_6_2022",), "b": ("pp30_2019",)})
    {2: 'Kurang/Misconduct atau Kurang'}
    """
    lang = lang or get_lang()
    kosakata = kosakata or {}
    nama: dict[int, list[str]] = {}
    for a, p, v in zip(tabel["aturan"].astype(str), tabel["peringkat"], tabel["predikat"],
                       strict=True):
        teks = label_nilai("predikat", v, lang, tuple(kosakata.get(a, ())))
        if teks not in nama.setdefault(int(p), []):
            nama[int(p)].append(teks)
    return {p: t("sajian.atau", lang).join(v) for p, v in nama.items()}


def _petakan(nilai: Sequence[Any], fungsi: Any) -> list[Any]:
    """``fungsi(v)`` for every value, computed once per distinct value."""
    hasil: dict[Any, Any] = {}
    return [hasil[v] if v in hasil else hasil.setdefault(v, fungsi(v)) for v in nilai]


def label_aturan_id(rid: str, lang: str, labels: Mapping[str, str]) -> str:
    """Label of a rule entry (``labels``), else of a registered rule, else the id."""
    if rid in labels:
        return labels[rid]
    r = _rule(rid)
    return r.label(lang) if r is not None else rid


def judul_kode(kolom: str, lang: str) -> str:
    """Header of a column kept as codes, e.g. 'Aturan (kode)'."""
    return t("sajian.excel.kode", lang, kolom=label_kolom(kolom, lang))


def _jalan(v: Any, kunci: Sequence[str]) -> Any:
    for k in kunci:
        if not isinstance(v, Mapping):
            return _TIDAK_ADA
        cocok = [x for kk, x in v.items() if str(kk) == k]
        if not cocok:
            return _TIDAK_ADA
        v = cocok[0]
    return v


def kartu_berlabel(kartu: pd.DataFrame, lang: str | None = None,
                   labels: Mapping[str, str] | None = None,
                   kosakata: Mapping[str, Sequence[str]] | None = None,
                   parameter: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reform card for readers (same columns): parameter names and keys, units, values
    and rule names labelled. A mapping or list value is written from its raw value (the
    ``parameter`` table for the new value, the base rule's parameters for the old one)."""
    lang = lang or get_lang()
    labels = dict(labels or {})
    kosakata = kosakata or {}
    mentah: dict[tuple[str, str], Any] = {}
    if parameter is not None and not adalah_catatan(parameter) and len(parameter):
        for a, n, v in zip(parameter["aturan"].astype(str), parameter["parameter"].astype(str),
                           parameter["nilai"].astype(str), strict=True):
            mentah[(a, n)] = v
    baru_kosong = t("analisis.kartu.baru", lang)
    out = kartu.copy()
    kolom: dict[str, list[str]] = {c: [] for c in ("parameter", "satuan", "nilai_lama",
                                                   "nilai_baru", "aturan_dasar",
                                                   "sumber_nilai_baru")}
    for _, r in kartu.iterrows():
        sid, dasar = str(r["aturan"]), str(r["aturan_dasar"])
        rantai = tuple(kosakata.get(sid, ()))
        nama, *kunci = str(r["parameter"]).split(PEMISAH_JALUR)

        baru: Any = _TIDAK_ADA
        if (sid, nama) in mentah:
            baru = _jalan(json.loads(mentah[(sid, nama)]), kunci)
        lama: Any = _TIDAK_ADA
        rule = _rule(dasar)
        if rule is not None and nama in rule.parameters:
            lama = _jalan(rule.parameters[nama], kunci)
        kolom["parameter"].append(label_jalur(str(r["parameter"]), lang, rantai))
        kolom["satuan"].append(label_satuan(str(r["satuan"]), lang))
        for c, nilai in (("nilai_lama", lama), ("nilai_baru", baru)):
            teks = str(r[c])
            kolom[c].append(teks if teks == baru_kosong else teks_parameter(
                nama, teks if nilai is _TIDAK_ADA else nilai, lang, rantai))
        kolom["aturan_dasar"].append(label_aturan_id(dasar, lang, labels))
        sumber = str(r["sumber_nilai_baru"])
        id_aturan = rantai[0] if rantai else sid
        awal = t("analisis.kartu.sumber_aturan", lang, aturan=id_aturan)
        if sumber.startswith(awal):
            sumber = t("analisis.kartu.sumber_aturan", lang,
                       aturan=label_aturan_id(id_aturan, lang, {})) + sumber[len(awal):]
        kolom["sumber_nilai_baru"].append(sumber)
    for c, v in kolom.items():
        out[c] = pd.Series(v, index=kartu.index, dtype="str")
    return out


# --------------------------------------------------------------------------- the workbook


def _nilai_parameter(nama: str, nilai: str, lang: str, rantai: Sequence[str]) -> Any:
    """A parameter value (JSON text) for the workbook: numbers stay numbers, the rest text."""
    try:
        v = json.loads(nilai)
    except (TypeError, ValueError):
        return nilai
    if isinstance(v, int | float) and not isinstance(v, bool):
        return v
    return teks_parameter(nama, v, lang, rantai)


def lembar(nama: str, df: pd.DataFrame, lang: str | None = None,
           labels: Mapping[str, str] | None = None,
           kosakata: Mapping[str, Sequence[str]] | None = None,
           parameter: pd.DataFrame | None = None,
           ) -> tuple[pd.DataFrame, list[str], list[str | None]]:
    """One workbook sheet of table ``nama``: (frame, headers, number formats per column).

    Vocabulary ids, rule entries, parameter names and values become labels; a column of
    codes a formula needs is kept (``aturan`` and ``parameter`` as a last "(kode)" column;
    ``kelompok``, ``pembanding`` and the card's ``aturan`` in place, beside their labels);
    numbers stay numbers with a format (%, Rp, thousands).

    >>> df, judul, fmt = lembar("distribusi", pd.DataFrame(
    ...     {"aturan": ["p30"], "predikat": ["kurang"], "proporsi": [0.5]}), "id",
    ...     {"p30": "PP 30/2019"}, {"p30": ("pp30_2019",)})
    >>> df.values.tolist(), judul, fmt
    ([['PP 30/2019', 'Kurang', 0.5, 'p30']], ['Aturan', 'Predikat', 'Proporsi', 'Aturan (kode)'], [None, None, '0.0%', None])
    """
    lang = lang or get_lang()
    labels = dict(labels or {})
    kosakata = kosakata or {}
    if adalah_catatan(df):
        out = df.assign(metrik=[judul_tabel(str(m), lang) for m in df["metrik"]])
        return (out, [label_kolom("metrik", lang), judul_kode("catatan", lang),
                      label_kolom("catatan", lang)], [None, None, None])
    if nama == "kartu_reformasi":
        kode_param = df["parameter"].astype(str).tolist()
        df = kartu_berlabel(df, lang, labels, kosakata, parameter).assign(
            kode_parameter=kode_param)
    cols: dict[str, Any] = {}
    judul: list[str] = []
    fmt: list[str | None] = []
    akhir: list[tuple[str, Any, str]] = []
    sid = df["aturan"].astype(str) if "aturan" in df.columns else None
    for c in df.columns:
        s = df[c]
        jenis = jenis_kolom(c, s)
        if c == "kode_parameter":
            cols[c], h, f = s, judul_kode("parameter", lang), None
        elif c in PASANGAN_LABEL and PASANGAN_LABEL[c] in df.columns:
            cols[c], h, f = s, judul_kode(c, lang), None
        elif c in ("aturan", "aturan_dasar", "rule_id", "id_aturan"):
            cols[c] = _petakan(s.astype(str).tolist(),
                               lambda v: label_aturan_id(v, lang, labels))
            h = t("sajian.excel.aturan_asal", lang) if c in ("rule_id", "id_aturan") else \
                label_kolom(c, lang)
            f = None
            if c == "aturan":
                akhir.append((c, s, judul_kode(c, lang)))
        elif nama == "parameter" and c == "parameter":
            cols[c] = [label_parameter(str(v), lang) for v in s]
            h, f = label_kolom(c, lang), None
            akhir.append((c, s, judul_kode(c, lang)))
        elif nama == "parameter" and c == "nilai":
            cols[c] = [_nilai_parameter(str(p), str(v), lang, kosakata.get(str(a), ()))
                       for a, p, v in zip(df["aturan"], df["parameter"], s, strict=True)]
            h, f = label_kolom(c, lang), None
        elif nama == "parameter" and c == "satuan":
            cols[c] = [label_satuan(str(v), lang) for v in s]
            h, f = label_kolom(c, lang), None
        elif c in KOSAKATA_KOLOM and jenis == "teks":
            asal = df[KOLOM_ATURAN_NILAI.get(c, "aturan")].astype(str) if KOLOM_ATURAN_NILAI.get(
                c, "aturan") in df.columns else sid
            rantai = [()] * len(s) if asal is None else [tuple(kosakata.get(a, ())) for a in asal]
            cols[c] = _petakan(list(zip(s.tolist(), rantai, strict=True)),
                               lambda p, c=c: None if pd.isna(p[0]) else label_nilai(
                                   c, p[0], lang, p[1]))
            h, f = label_kolom(c, lang), None
        else:
            cols[c], h, f = s, label_kolom(c, lang), FORMAT_ANGKA.get(jenis)
        judul.append(h)
        fmt.append(f)
    out = pd.DataFrame({f"{i}": v for i, v in enumerate(cols.values())}, index=df.index)
    for i, (_, s, h) in enumerate(akhir):
        out[f"kode_{i}"] = s.to_numpy()
        judul.append(h)
        fmt.append(None)
    return out, judul, fmt
