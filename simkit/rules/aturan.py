"""The :class:`Rule` base class: what a rule is, how it is evaluated on a population or on a
rule case.

A rule turns the tables of a :class:`~simkit.population.model.Population` into one row per
employee (``tingkat="pegawai"``) or per unit (``tingkat="unit"``). Its pipeline is::

    population ──siapkan──▶ core tables ──hitung──▶ Hasil(hasil, catatan) ──▶ Evaluation
    case input ──siapkan_kasus──▶ core tables ──hitung──▶ Hasil ──keluaran_kasus──▶ dict

``hitung`` is the ONE vectorised implementation; a rule case runs it on a one-row frame.
Rules are pure: no randomness, no I/O inside ``evaluate`` (parameters are loaded before), and
they never read ``population.kebenaran`` / ``kebenaran_unit``.

Write a rule by subclassing :class:`Rule`, setting the class attributes and implementing
``siapkan``, ``siapkan_kasus``, ``hitung``, ``langkah`` (and optionally ``keluaran_kasus``,
``periksa_kasus``, ``periksa_parameter`` for checks across parameters, which the engine runs
once per parameter set before anything is applied: :meth:`Rule.siapkan_parameter`), then list
it in :mod:`simkit.rules.registry`::

    class Contoh(Rule):
        id = "contoh"
        inputs = (Masukan("x", "angka", dwibahasa("nilai x", "value x"), min=0),)
        outputs = (Keluaran("predikat", dwibahasa("predikat", "rating")),)
        def siapkan_kasus(self, inputs, params):
            return {"pegawai": pd.DataFrame({"asn_id": [1], "x": [inputs["x"]]})}
        ...

A reform patches a built-in rule: set ``base_rule = "permenpanrb_6_2022"``, subclass that
rule's class and override the steps it changes; its parameters are the base rule's file
merged with its own ``params/<id>.yaml`` (see :attr:`Rule.parameter_ids`).

>>> from simkit.rules import get_rule
>>> get_rule("pp30_2019").id_kolom
'asn_id'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import t
from simkit.rules.deklarasi import Keluaran, Masukan, nilai_python, periksa_masukan
from simkit.rules.evaluation import Evaluation, Langkah
from simkit.rules.larik import peringkat_umum
from simkit.rules.params import ParameterSet, has_params, load_params
from simkit.rules.pemeriksa_populasi import MAKS_CONTOH_BARIS
from simkit.rules.tahap import Tahap, jalankan_tahap, jelaskan_tahap

if TYPE_CHECKING:
    from simkit.population.model import Population

TINGKAT = ("pegawai", "unit")
"""A rule rates employees (``pegawai``) or service units (``unit``)."""


@dataclass
class Hasil:
    """What :meth:`Rule.hitung` returns: the per-id frame and extra tables."""

    hasil: pd.DataFrame
    catatan: dict[str, pd.DataFrame] = field(default_factory=dict)



class Rule:
    """Base class of every rule (national or reform). See the module docstring."""

    id: ClassVar[str] = ""
    tingkat: ClassVar[str] = "pegawai"
    base_rule: ClassVar[str | None] = None
    """For a reform: the id of the rule it patches."""
    inputs: ClassVar[tuple[Masukan, ...]] = ()
    """Case inputs (the vocabulary of docs/kasus_aturan.md); ``sumber`` says where a population holds them."""
    outputs: ClassVar[tuple[Keluaran, ...]] = ()
    tabel: ClassVar[tuple[str, ...]] = ()
    """Population tables the rule reads (documentation; never ``kebenaran``)."""
    parameter_tambahan: ClassVar[tuple[str, ...]] = ()
    """Parameter files of other rules this one also reads (e.g. ``permenpanrb_14_2017`` for
    the IKM), merged after the base rule's."""
    tahap: ClassVar[tuple[Tahap, ...]] = ()
    """The named steps of a rule written as steps (:mod:`simkit.rules.tahap`)."""
    keadaan: ClassVar[Callable[..., Any] | None] = None
    """The state the steps share, built from the core tables of ``siapkan`` (one field
    each) and ``params``; a reform may extend it with fields of its own."""
    susun: ClassVar[Callable[[Any], Hasil] | None] = None
    """The result of a finished state (one row per id, and the extra tables)."""

    # ---- identity and texts
    @property
    def id_kolom(self) -> str:
        """``asn_id`` (tingkat pegawai) or ``unit_id`` (tingkat unit)."""
        return "asn_id" if self.tingkat == "pegawai" else "unit_id"

    @property
    def label_key(self) -> str:
        return f"aturan.{self.id}.label"

    @property
    def deskripsi_key(self) -> str:
        return f"aturan.{self.id}.deskripsi"

    def label(self, lang: str | None = None) -> str:
        """Display name, e.g. 'PermenPANRB 6/2022 (kuadran kinerja)'."""
        return t(self.label_key, lang)

    def deskripsi(self, lang: str | None = None) -> str:
        """One-paragraph description of what the rule does."""
        return t(self.deskripsi_key, lang)

    def __repr__(self) -> str:
        return f"<Rule {self.id} ({self.tingkat})>"

    # ---- parameters
    @property
    def parameter_ids(self) -> tuple[str, ...]:
        """Parameter files merged for this rule: the base rule's chain (a reform subclasses
        its base rule's class), then :attr:`parameter_tambahan`, then its own file."""
        ids: tuple[str, ...] = ()
        if self.base_rule:
            dasar = next(c for c in type(self).__mro__[1:]
                         if getattr(c, "id", None) == self.base_rule)
            ids = dasar().parameter_ids
        ids = (*ids, *self.parameter_tambahan)
        if has_params(self.id):
            ids = (*ids, self.id)
        return ids

    @cached_property
    def parameters(self) -> ParameterSet:
        """The parameters in force today (latest dated values), loaded once."""
        return load_params(self.parameter_ids)

    def parameter_pada(self, tanggal: Any) -> ParameterSet:
        """The parameters in force on ``tanggal`` (date or 'YYYY-MM-DD')."""
        return load_params(self.parameter_ids, tanggal)

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Checks across parameters (weights sum to 1, thresholds in order, formulas compile).

        Single values are already checked by :meth:`ParameterSet.with_overrides`. Each
        :class:`Masalah` names the parameter in ``bidang`` (``proporsi`` or ``proporsi.baik``).
        A subclass extends the list of its base rule (``super().periksa_parameter(params)``).
        """
        return []

    def siapkan_parameter(self, params: ParameterSet | Mapping[str, Any] | None = None,
                          berkas: str | None = None,
                          baris_map: Mapping[str, int | None] | None = None) -> ParameterSet:
        """The parameters to apply, validated whole before anything is applied, once.

        A mapping of overrides (a base rule + changed parameters, or a reform with its own
        parameters) is checked value by value (every problem at once, nothing applied), then
        the whole set by :meth:`periksa_parameter`. Problems raise one SimkitError located with
        ``berkas`` and the line ``baris_map[parameter]``. A set that passed is marked
        (:attr:`ParameterSet.diperiksa`), so the scenario check, the case runner and
        :meth:`evaluate` never check — or report — the same set twice.
        """
        if params is None:
            p = self.parameters
        elif isinstance(params, ParameterSet):
            p = params
        else:
            p = self.parameters.with_overrides(params, berkas=berkas, baris_map=baris_map)
        if self.id in p.diperiksa:
            return p
        probs = self.periksa_parameter(p)
        if probs:
            peta = baris_map or {}
            for m in probs:
                nama = (m.bidang or "").split(".")[0].split("[")[0]
                m.berkas = m.berkas or berkas
                if m.baris is None:
                    m.baris = peta.get(nama)
            raise SimkitError(probs)
        return p.tandai_diperiksa(self.id)

    # ---- to implement
    def siapkan(self, population: Population, params: ParameterSet) -> dict[str, pd.DataFrame]:
        """Validate the population inputs and build the core tables ``hitung`` needs."""
        raise NotImplementedError

    def siapkan_kasus(self, inputs: Mapping[str, Any], params: ParameterSet) -> dict[str, pd.DataFrame]:
        """Build the same core tables from one rule case's ``input`` (id 1)."""
        raise NotImplementedError

    def hitung(self, tabel: dict[str, pd.DataFrame], params: ParameterSet) -> Hasil:
        r"""The vectorised rule: core tables -> one row per id (+ extra tables). A rule
        written as steps runs :attr:`tahap` on its :attr:`keadaan` and :attr:`susun`\ s it."""
        cls = type(self)
        if cls.keadaan is None or cls.susun is None:
            raise NotImplementedError
        return cls.susun(jalankan_tahap(self.tahap, cls.keadaan(**tabel, params=params)))

    def langkah(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        """The explanation steps for one row of ``evaluation.hasil`` (default: those of every
        step of :attr:`tahap`, in order)."""
        return jelaskan_tahap(self.tahap, evaluation, baris, lang)

    def keluaran_kasus(self, hasil: Hasil, inputs: Mapping[str, Any]) -> dict[str, Any]:
        """Case outputs from the one-row result (default: every column of the row)."""
        row = hasil.hasil.iloc[0]
        return {k: nilai_python(v) for k, v in row.items()}

    def periksa_kasus(self, inputs: Mapping[str, Any]) -> list[Masalah]:
        """Problems of a case ``input`` (default: checked against :attr:`inputs`)."""
        return periksa_masukan(self.inputs, inputs)

    # ---- provided
    def evaluate(self, population: Population, params: ParameterSet | Mapping[str, Any] | None = None
                 ) -> Evaluation:
        """Apply the rule to a whole population (vectorised).

        Bad inputs raise a :class:`~simkit.errors.SimkitError` naming table, row, id and column.
        """
        p = self.siapkan_parameter(params)
        tabel = self.siapkan(population, p)
        h = self.hitung(tabel, p)
        hasil = self._rapikan(h.hasil)
        meta = {
            "rule_id": self.id, "base_rule": self.base_rule, "tingkat": self.tingkat,
            "parameter_ids": list(self.parameter_ids), "tanggal_parameter": p.tanggal,
            "overrides": dict(p.overrides), "jumlah_baris": int(len(hasil)),
            "populasi": dict(getattr(population, "meta", {}) or {}),
        }
        return Evaluation(self.id, self.tingkat, hasil, p, dict(h.catatan), meta, aturan=self)

    def evaluate_case(self, inputs: Mapping[str, Any],
                      params: ParameterSet | Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run one rule case's ``input`` through the same vectorised ``hitung``; return outputs."""
        probs = self.periksa_kasus(inputs)
        if probs:
            raise SimkitError(probs)
        p = self.siapkan_parameter(params)
        h = self.hitung(self.siapkan_kasus(inputs, p), p)
        h.hasil = self._rapikan(h.hasil)
        return self.keluaran_kasus(h, inputs)

    def _rapikan(self, df: pd.DataFrame) -> pd.DataFrame:
        """Sort by id; add ``peringkat``/``nilai`` if missing; refuse a NaN predikat."""
        col = self.id_kolom
        if "predikat" not in df.columns:
            raise ValueError(f"rule {self.id}: hitung() must produce 'predikat'")
        pred = df["predikat"]
        if pred.isna().any():
            bad = df.loc[pred.isna(), col].head(MAKS_CONTOH_BARIS).tolist()
            raise SimkitError(Masalah("aturan_predikat_kosong", kolom="predikat",
                                      isi={"aturan": self.id, "kunci": col,
                                           "id": ", ".join(map(str, bad))}))
        if "peringkat" not in df.columns:
            df = df.assign(peringkat=peringkat_umum(pred))
        if "nilai" not in df.columns:
            df = df.assign(nilai=np.nan)
        if df[col].is_monotonic_increasing:
            return df.reset_index(drop=True)
        return df.sort_values(col, kind="stable").reset_index(drop=True)
