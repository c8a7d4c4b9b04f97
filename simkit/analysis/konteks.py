"""What a comparison knows while it computes its tables: the :class:`Konteks`.

A metric's ``hitung`` receives the context and asks it for what it needs: the population,
the per-employee evaluations, the long panel (built once, on first use), the baseline rule,
the options of :func:`simkit.compare`, and other tables by name (``konteks.tabel("distribusi")``),
each computed once. Expensive intermediates shared by several tables (the stability redraws,
the curve check) are kept with :meth:`Konteks.sekali`.

>>> k = Konteks(populasi=None, evaluasi={}, evaluasi_unit={}, aturan_dasar="a")
>>> k.sekali("x", lambda: 41) + k.sekali("x", lambda: 0)
82
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.analysis.registri import ambil_tabel, tabel_catatan

if TYPE_CHECKING:
    from simkit.population.model import Population
    from simkit.rules.evaluation import Evaluation
    from simkit.scenario import AturanSpec, Scenario


@dataclass
class Konteks:
    """The inputs and the computed tables of one comparison (see the module docstring).

    ``evaluasi``: per-employee evaluations by name; ``evaluasi_unit``: unit-level ones (IKM);
    ``spesifikasi``: the scenario entries behind the evaluations (rule id and parameters);
    ``opsi``: the options of :func:`simkit.compare` (``stabilitas_R``, ``tpp_params`` ...).
    """

    populasi: Population
    evaluasi: Mapping[str, Evaluation]
    evaluasi_unit: Mapping[str, Evaluation]
    aturan_dasar: str
    skenario: Scenario | None = None
    spesifikasi: Sequence[AturanSpec] = ()
    opsi: dict[str, Any] = field(default_factory=dict)
    catatan: dict[str, str] = field(default_factory=dict)
    profil: dict[str, Any] = field(default_factory=dict)
    _tabel: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _sekali: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def aturan(self) -> list[str]:
        """Names of the per-employee rules, in order."""
        return list(self.evaluasi)

    @cached_property
    def panel(self) -> pd.DataFrame:
        """The long panel (rule × ASN), see :func:`simkit.analysis.panel.build_panel`."""
        from simkit.analysis.panel import build_panel

        return build_panel(self.populasi, self.evaluasi)

    def sekali(self, kunci: str, buat: Callable[[], Any]) -> Any:
        """``buat()`` the first time ``kunci`` is asked for, the kept value afterwards."""
        if kunci not in self._sekali:
            self._sekali[kunci] = buat()
        return self._sekali[kunci]

    def tersimpan(self, kunci: str) -> Any:
        """The value kept under ``kunci`` by :meth:`sekali`, or None when nothing asked for it."""
        return self._sekali.get(kunci)

    def tersedia(self, nama: str) -> bool:
        """Whether every need of table ``nama`` is met (else it is a note)."""
        return all(s.terpenuhi(self) for s in ambil_tabel(nama).syarat)

    def tabel(self, nama: str) -> pd.DataFrame:
        """Table ``nama``, computed once (a one-row note when a need is not met)."""
        if nama not in self._tabel:
            tb = ambil_tabel(nama)
            gagal = next((s for s in tb.syarat if not s.terpenuhi(self)), None)
            if gagal is not None:
                self.catatan[nama] = gagal.kode
                self._tabel[nama] = tabel_catatan(nama, gagal.kode)
            else:
                self._tabel[nama] = tb.hitung(self)
        return self._tabel[nama]

    def opsi_atau(self, nama: str, bawaan: Any = None) -> Any:
        """Option ``nama`` of the comparison, or ``bawaan``."""
        v = self.opsi.get(nama)
        return bawaan if v is None else v
