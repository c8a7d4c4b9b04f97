"""Text for ``simkit rules``: the list of rules, or one rule's inputs, outputs and parameters.

>>> from simkit.rules.describe import list_rules_text
>>> "permenpanrb_6_2022" in list_rules_text()
True
"""

from __future__ import annotations

import textwrap

from simkit.i18n import get_lang, has, label, t
from simkit.rules.deklarasi import Masukan
from simkit.rules.registry import get_rule, list_rules


def _wrap(text: str, indent: str = "    ", width: int = 96) -> str:
    return textwrap.fill(str(text), width=width, initial_indent=indent, subsequent_indent=indent)


def _value(v: object) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


_KATALOG = ("rating", "predikat", "capaian_organisasi")
"""Vocabularies whose labels a parameter's keys and values are shown with."""

PENANDA = ("C", "S", "U")
"""The source markers of docs/sumber.md: confirmed, secondary source, unconfirmed."""


def _label(v: object, lang: str) -> str:
    """The display label of a vocabulary id (the first catalogue that has it), else ``v``."""
    for kat in _KATALOG:
        if has(f"{kat}.{v}", "id"):
            return label(kat, v, lang)
    return _value(v)


def _adalah_kisi(v: object) -> bool:
    """A mapping of mappings with scalar leaves (e.g. the kuadran matrix)."""
    return (isinstance(v, dict) and bool(v) and all(isinstance(x, dict) and x for x in v.values())
            and all(not isinstance(y, dict | list) for x in v.values() for y in x.values()))


def kisi(v: dict, lang: str | None = None, indent: str = "      ") -> list[str]:
    """A mapping of mappings as a text grid: outer keys as rows, inner keys as columns,
    vocabulary ids shown by their labels.

    >>> print("\\n".join(kisi({"a": {"x": 1, "y": 2}, "b": {"x": 3, "y": 4}}, "en", "")))
      | x | y
    a | 1 | 2
    b | 3 | 4
    """
    lang = lang or get_lang()
    kolom = list(dict.fromkeys(k for x in v.values() for k in x))
    baris = [[_label(b, lang), *(_label(x.get(k, "–"), lang) for k in kolom)]
             for b, x in v.items()]
    kepala = ["", *(_label(k, lang) for k in kolom)]
    lebar = [max(len(r[i]) for r in (kepala, *baris)) for i in range(len(kepala))]
    teks = [" | ".join(c.ljust(w) for c, w in zip(r, lebar, strict=True)).rstrip()
            for r in (kepala, *baris)]
    return [indent + x for x in teks]


def _adalah_batas(v: object) -> bool:
    """A mapping of lists of limits ``{kelas, jenis, persen, orang}`` (the curve's limits)."""
    return (isinstance(v, dict) and bool(v)
            and all(isinstance(x, list) and x and all(isinstance(b, dict) and {"kelas", "jenis"}
                                                      <= set(b) for b in x) for x in v.values()))


def tabel_batas(v: dict, lang: str | None = None, indent: str = "      ") -> list[str]:
    """The curve's limits as a two-column text table: the organisation's result, then each
    limit in words ("Sangat Baik: paling banyak 10 %").

    >>> print("\\n".join(tabel_batas({"baik": [{"kelas": ["baik"], "jenis": "maks",
    ...     "persen": 70, "orang": 0}]}, "en", "")))
    Organisation result | Limits
    Good                | Good: at most 70 %
    """
    lang = lang or get_lang()
    baris = []
    for org, batas in v.items():
        teks = []
        for b in batas:
            kelas = " + ".join(_label(k, lang) for k in (b["kelas"] if isinstance(
                b["kelas"], list) else [b["kelas"]]))
            jenis = label("sajian.jenis_batas", b["jenis"], lang)
            isi = []
            if float(b.get("persen", 0)) or not b.get("orang"):
                isi.append(f"{jenis} {_value(b.get('persen', 0))} %")
            if b.get("orang"):
                isi.append(t("aturan_cli.batas_orang", lang, n=b["orang"]))
            teks.append(f"{kelas}: {', '.join(isi)}")
        baris.append((label("capaian_organisasi", org, lang), "; ".join(teks)))
    kepala = (t("aturan_cli.kolom_capaian_organisasi", lang), t("aturan_cli.kolom_batas", lang))
    lebar = max(len(r[0]) for r in (kepala, *baris))
    return [f"{indent}{a.ljust(lebar)} | {b}" for a, b in (kepala, *baris)]


def _masukan(m: Masukan, lang: str, indent: str, kedalaman: int = 1) -> list[str]:
    """One input, then (``kedalaman`` levels deep) the keys of its elements (a list of
    mappings, e.g. the fields of each ``iki``) or of a mapping."""
    unit = f" [{m.satuan}]" if m.satuan else ""
    lines = [textwrap.fill(f"- {m.nama}{unit}: {m.teks(lang)}", width=96,
                           initial_indent=indent, subsequent_indent=indent + "  ")]
    kunci = m.kunci or (m.isi.kunci if m.isi is not None else None)
    if kedalaman > 0:
        for sub in kunci or ():
            lines.extend(_masukan(sub, lang, indent + "    ", kedalaman - 1))
    return lines


def list_rules_text(lang: str | None = None) -> str:
    """One line per registered rule: id, label, and the base rule of a reform."""
    lang = lang or get_lang()
    rows = []
    for r in list_rules():
        base = getattr(r, "base_rule", None)
        tag = f"  [{t('aturan_cli.reformasi_dari', lang, base=base)}]" if base else ""
        rows.append(f"  {r.id:<22} {r.label(lang)}{tag}")
    return "\n".join([t("aturan_cli.judul_daftar", lang), *rows, "",
                      t("aturan_cli.petunjuk", lang)])


def describe_rule(rule_id: str, lang: str | None = None) -> str:
    """A rule's description, inputs, outputs and parameters with their legal references."""
    lang = lang or get_lang()
    r = get_rule(rule_id)
    out = [f"{r.id} — {r.label(lang)}", _wrap(r.deskripsi(lang), "  ")]
    base = getattr(r, "base_rule", None)
    if base:
        out.append("  " + t("aturan_cli.reformasi_dari", lang, base=base))
    out += ["", t("aturan_cli.masukan", lang)]
    for m in r.inputs:
        out.extend(_masukan(m, lang, "  "))
    out += ["", t("aturan_cli.keluaran", lang)]
    for k in r.outputs:
        unit = f" [{k.satuan}]" if k.satuan else ""
        choices = f" ({', '.join(_label(c, lang) for c in k.pilihan)})" if k.pilihan else ""
        out.append(f"  - {k.nama}{unit}{choices}: {k.teks(lang)}")
    out += ["", t("aturan_cli.parameter", lang)]
    penanda: set[str] = set()
    for row in r.parameters.to_frame(lang).itertuples(index=False):
        flag = f" [{t('aturan_cli.asumsi', lang)}]" if row.asumsi else ""
        unit = f" {row.satuan}" if isinstance(row.satuan, str) and row.satuan else ""
        if _adalah_kisi(row.nilai) or _adalah_batas(row.nilai):
            out.append(f"  - {row.nama}{unit and f' ({unit.strip()})'}{flag}:")
            out.extend(kisi(row.nilai, lang) if _adalah_kisi(row.nilai)
                       else tabel_batas(row.nilai, lang))
        else:
            out.append(f"  - {row.nama} = {_value(row.nilai)}{unit}{flag}")
        out.append(_wrap(row.deskripsi))
        out.append(_wrap(f"{t('aturan_cli.referensi', lang)}: {row.referensi}"))
        penanda |= {m for m in PENANDA if f"[{m}]" in f"{row.referensi} {row.deskripsi}"}
    if penanda:
        out += ["", t("aturan_cli.penanda.judul", lang)]
        out += [f"  [{m}] {t(f'aturan_cli.penanda.{m}', lang)}" for m in PENANDA if m in penanda]
    return "\n".join(out)
