"""Text for ``simkit rules``: the list of rules, or one rule's inputs, outputs and parameters.

>>> from simkit.rules.describe import list_rules_text
>>> "permenpanrb_6_2022" in list_rules_text()
True
"""

from __future__ import annotations

import textwrap

from simkit.i18n import get_lang, t
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
        choices = f" ({', '.join(map(str, k.pilihan))})" if k.pilihan else ""
        out.append(f"  - {k.nama}{unit}{choices}: {k.teks(lang)}")
    out += ["", t("aturan_cli.parameter", lang)]
    for row in r.parameters.to_frame(lang).itertuples(index=False):
        flag = f" [{t('aturan_cli.asumsi', lang)}]" if row.asumsi else ""
        unit = f" {row.satuan}" if isinstance(row.satuan, str) and row.satuan else ""
        out.append(f"  - {row.nama} = {_value(row.nilai)}{unit}{flag}")
        out.append(_wrap(row.deskripsi))
        out.append(_wrap(f"{t('aturan_cli.referensi', lang)}: {row.referensi}"))
    return "\n".join(out)
