"""The result of applying a rule to a population, and ``explain()`` for one employee or unit.

>>> from simkit.rules import get_rule
>>> from simkit.population.satu_orang import satu_orang
>>> ev = get_rule("permenpanrb_6_2022").evaluate(satu_orang([(100, 100)], 3))
>>> explain(ev, 1, "id").untuk_asn().splitlines()[0][:22]
'Predikat Anda: Baik, k'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import get_lang, t
from simkit.rules.params import ParameterSet

if TYPE_CHECKING:
    from simkit.population.model import Population
    from simkit.rules.aturan import Rule
    from simkit.rules.narasi import Narasi


@dataclass
class Evaluation:
    """One rule applied to one population.

    ``hasil``: one row per ``asn_id`` (tingkat ``pegawai``) or ``unit_id`` (tingkat ``unit``),
    sorted by that id: the inputs the rule used, each component, the rating(s), ``predikat``,
    ``peringkat`` (1..5, 5 = best, comparable across rules) and ``nilai`` (the rule's numeric
    score, NaN where it has none). ``params``: the values used, with their references
    (``params.meta(name)``). ``catatan``: extra tables (per-indicator details, curve checks per
    OPD, ...). ``meta``: rule id, base rule, parameter date, overrides, row counts.
    """

    rule_id: str
    tingkat: str
    hasil: pd.DataFrame
    params: ParameterSet
    catatan: dict[str, pd.DataFrame] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    aturan: Rule | None = field(default=None, repr=False, compare=False)
    """The :class:`~simkit.rules.aturan.Rule` object that produced it (for :func:`explain`)."""

    @property
    def id_kolom(self) -> str:
        """``asn_id`` or ``unit_id``."""
        return "asn_id" if self.tingkat == "pegawai" else "unit_id"

    def baris(self, ident: int) -> pd.Series:
        """The row of ``hasil`` for one id; an unknown id is a located SimkitError."""
        col = self.id_kolom
        hit = self.hasil.loc[self.hasil[col] == ident]
        if hit.empty:  # numeric ids: a spelling suggestion would be nonsense, give the range
            ids = self.hasil[col]
            raise SimkitError(Masalah(
                "aturan_id_tidak_ada", bidang=col, ditemukan=repr(ident),
                diharapkan=f"{ids.min()}..{ids.max()}" if len(ids) else None,
                isi={"aturan": self.rule_id, "kunci": col}))
        return hit.iloc[0]

    def __repr__(self) -> str:
        return (f"Evaluation(rule_id={self.rule_id!r}, tingkat={self.tingkat!r}, "
                f"baris={len(self.hasil)}, catatan={sorted(self.catatan)})")


@dataclass(frozen=True)
class Langkah:
    """One step of an explanation: a component, its value, the weight or threshold applied,
    the result, and the parameter (name, value, legal reference) behind it."""

    komponen: str
    nilai: Any = None
    ambang: str | None = None
    hasil: Any = None
    parameter: str | None = None
    nilai_parameter: Any = None
    referensi: str | None = None


def komponen(key: str, lang: str | None = None, **kw: object) -> str:
    """Display name of an explanation component (i18n key ``aturan_umum.komponen.<key>``)."""
    return t(f"aturan_umum.komponen.{key}", lang, **kw)


def langkah_parameter(params: ParameterSet, nama: str, komponen: str, nilai: Any = None,
                      hasil: Any = None, ambang: str | None = None,
                      nilai_parameter: Any = None) -> Langkah:
    """A step that cites parameter ``nama`` (its value and legal reference).

    ``nilai_parameter`` replaces the whole value shown (e.g. the one matrix cell used).

    >>> from simkit.rules.params import load_params
    >>> langkah_parameter(load_params("pp46_2011"), "bobot_skp", "SKP", nilai=80).nilai_parameter
    0.6
    """
    return Langkah(komponen=komponen, nilai=nilai, ambang=ambang, hasil=hasil, parameter=nama,
                   nilai_parameter=params[nama] if nilai_parameter is None else nilai_parameter,
                   referensi=params.referensi(nama))


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        if v != v:
            return "-"
        return f"{v:.4f}".rstrip("0").rstrip(".") if abs(v) < 1e12 else str(v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    return str(v)


@dataclass
class Penjelasan:
    """The steps that led to one employee's (or unit's) result under one rule."""

    rule_id: str
    id_kolom: str
    ident: int
    langkah: list[Langkah]
    lang: str = "id"
    judul: str = ""
    narasi: Narasi | None = None
    """The ASN's view (:mod:`simkit.rules.narasi`): the result and its reason first."""

    def untuk_asn(self) -> str:
        """The text an ASN reads (the result, its reason, the evidence, what would change
        it); the developer trace is :meth:`to_text`."""
        if self.narasi is None:
            return self.to_text()
        return self.narasi.teks()

    def to_text(self) -> str:
        """Readable text in the explanation's language (Indonesian by default)."""
        lang = self.lang
        head = self.judul or t("aturan_umum.penjelasan.judul", lang, aturan=self.rule_id,
                               kunci=self.id_kolom, id=self.ident)
        lines = [head]
        for i, s in enumerate(self.langkah, 1):
            line = f"{i}. {s.komponen}: {_fmt(s.nilai)}"
            if s.ambang:
                line += f" [{s.ambang}]"
            if s.hasil is not None:
                line += f" → {_fmt(s.hasil)}"
            if s.parameter:
                line += " (" + t("aturan_umum.penjelasan.parameter", lang, nama=s.parameter,
                                 nilai=_fmt(s.nilai_parameter)) + ")"
            if s.referensi:
                line += " — " + t("aturan_umum.penjelasan.dasar", lang, ref=s.referensi)
            lines.append(line)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_frame(self) -> pd.DataFrame:
        """One row per step: komponen, nilai, ambang, hasil, parameter, nilai_parameter, referensi."""
        cols = ["komponen", "nilai", "ambang", "hasil", "parameter", "nilai_parameter",
                "referensi"]
        return pd.DataFrame([[getattr(s, c) for c in cols] for s in self.langkah], columns=cols,
                            dtype=object)


def explain(evaluation: Evaluation, ident: int, lang: str | None = None,
            population: Population | None = None) -> Penjelasan:
    """Explain how ``evaluation`` reached its result for ``asn_id`` / ``unit_id`` ``ident``.

    Two views: :meth:`Penjelasan.untuk_asn` (the result and its reason in one sentence, each
    indicator by its name, behaviour by value, what would change the outcome) and the
    developer's trace :meth:`Penjelasan.to_text` (every step names the parameter used, its
    value and its legal reference). ``population`` (the one evaluated) gives the indicators'
    names. ``lang="en"`` gives English. An unknown id raises a located
    :class:`~simkit.errors.SimkitError`.
    """
    lang = lang or get_lang()
    row = evaluation.baris(ident)
    rule = evaluation.aturan
    if rule is None:  # an Evaluation not made by Rule.evaluate
        raise SimkitError(Masalah("aturan_tidak_dikenal", bidang="rule",
                                  ditemukan=repr(evaluation.rule_id)))
    steps = rule.langkah(evaluation, row, lang)
    iki = getattr(population, "iki", None)
    return Penjelasan(evaluation.rule_id, evaluation.id_kolom, int(ident), steps, lang,
                      judul=t("aturan_umum.penjelasan.judul", lang, aturan=rule.label(lang),
                              kunci=evaluation.id_kolom, id=ident),
                      narasi=rule.narasi(evaluation, row, lang, iki))
