"""A rule as a named list of steps (:class:`Tahap`) over an explicit state.

A rule with steps (PermenPANRB 6/2022, PP 30/2019, PP 46/2011) builds its state (a dataclass
with named fields: the core tables, the parameters, each step's outputs) and runs its steps
in order; each step reads the fields it needs and returns the state with its own outputs set
(:func:`dataclasses.replace`). For an explanation each step gives its own explanation steps
(:class:`~simkit.rules.evaluation.Langkah`) for one row of the result.

A reform replaces a step by name (:func:`ganti_tahap`) and leaves the others as they are:

>>> from dataclasses import dataclass, replace
>>> @dataclass
... class K:
...     x: float
>>> class Dua(Tahap):
...     nama = "kali"
...     def hitung(self, k):
...         return replace(k, x=k.x * 2)
>>> class Tiga(Dua):
...     def hitung(self, k):
...         return replace(k, x=k.x * 3)
>>> jalankan_tahap(ganti_tahap((Dua(),), Tiga()), K(1.0)).x
3.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from simkit.rules.evaluation import Evaluation, Langkah

K = TypeVar("K")


class Tahap:
    """One named step of a rule: ``hitung`` returns the state with its outputs set;
    ``jelaskan`` gives its explanation steps for one row of ``evaluation.hasil``."""

    nama: ClassVar[str] = ""

    def hitung(self, keadaan: Any) -> Any:
        """The state with this step's outputs set (vectorised over every id)."""
        raise NotImplementedError

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        """This step's explanation steps for one row (default: none)."""
        return []

    def __repr__(self) -> str:
        return f"<Tahap {self.nama} ({type(self).__name__})>"


def ganti_tahap(daftar: Iterable[Tahap], *baru: Tahap) -> tuple[Tahap, ...]:
    """``daftar`` with each step of ``baru`` in place of the step of the same name.

    A name that is not in ``daftar`` is a developer error (``ValueError``).
    """
    daftar = tuple(daftar)
    nama = [t.nama for t in daftar]
    ganti = {t.nama: t for t in baru}
    hilang = sorted(set(ganti) - set(nama))
    if hilang:
        raise ValueError(f"no step named {hilang[0]!r} in {nama}")
    return tuple(ganti.get(t.nama, t) for t in daftar)


def jalankan_tahap(daftar: Iterable[Tahap], keadaan: K) -> K:
    """Run the steps in order on ``keadaan``; the final state."""
    for t in daftar:
        keadaan = t.hitung(keadaan)
    return keadaan


def jelaskan_tahap(daftar: Iterable[Tahap], evaluation: Evaluation, baris: pd.Series,
                   lang: str) -> list[Langkah]:
    """The explanation steps of every step, in order."""
    return [s for t in daftar for s in t.jelaskan(evaluation, baris, lang)]
