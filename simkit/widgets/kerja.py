"""Long work in a widget (a new population, stability redraws, survey redraws): a progress bar
with a Cancel button next to it, one mechanism for every view.

The logic reports progress through ``kemajuan(i, n)`` and asks ``batal()`` between steps:
:func:`periksa_batal` raises :class:`Dibatalkan` (work that must change nothing), or the work
stops early and returns what it has (:meth:`simkit.widgets.survei.SurveiIKM.sebaran`).
:class:`KerjaPanjang` is the view's half: the bar, the button, and
:meth:`~KerjaPanjang.jalankan`, which runs the work in a thread so that the kernel stays free
to receive the Cancel click (``latar=False`` runs it in the caller, as tests do).

>>> k = KerjaPanjang(latar=False)
>>> k.jalankan(lambda: [k.lapor(i, 3) for i in (1, 2, 3)])
>>> k.kemajuan.value, k.kemajuan.max, k.tombol_batal.disabled
(3, 3, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from simkit.i18n import get_lang, t


class Dibatalkan(Exception):
    """Long work stopped by the user (nothing changed)."""


def periksa_batal(batal: Callable[[], bool] | None) -> None:
    """Raise :class:`Dibatalkan` when ``batal()`` says the user cancelled.

    >>> periksa_batal(lambda: False); periksa_batal(None)
    """
    if batal is not None and batal():
        raise Dibatalkan


class KerjaPanjang:
    """A progress bar and a Cancel button (``kotak``: both in a row) for one view's long work.

    ``latar``: run the work in a thread (False: in the caller). :meth:`lapor` and
    :meth:`batal` are the ``kemajuan`` and ``batal`` callables to hand to the logic.
    """

    def __init__(self, latar: bool = True, lang: str | None = None) -> None:
        import ipywidgets as W

        self.latar = latar
        self._batal = False
        self.kemajuan = W.IntProgress(min=0, max=1, value=0)
        self.tombol_batal = W.Button(icon="stop", disabled=True)
        self.tombol_batal.on_click(lambda _: self.minta_batal())
        self.kotak = W.HBox([self.kemajuan, self.tombol_batal],
                            layout=W.Layout(flex_flow="row wrap", max_width="100%"))
        self.teks(lang)

    def teks(self, lang: str | None = None) -> None:
        """Label the Cancel button in ``lang``."""
        self.tombol_batal.description = t("kerja.batal", lang or get_lang())

    def minta_batal(self) -> None:
        """What the Cancel button does: the work stops at its next step."""
        self._batal = True

    def batal(self) -> bool:
        """True once the user cancelled the running work."""
        return self._batal

    def lapor(self, i: int, n: int) -> None:
        """Show step ``i`` of ``n`` on the bar."""
        self.kemajuan.max = max(int(n), 1)
        self.kemajuan.value = int(i)

    def jalankan(self, kerja: Callable[[], Any], kunci: Sequence[Any] = ()) -> None:
        """Run ``kerja()`` with Cancel enabled and the buttons in ``kunci`` disabled until it
        ends (in a thread when :attr:`latar`)."""
        self._batal = False
        self.kemajuan.value = 0
        self.tombol_batal.disabled = False
        for b in kunci:
            b.disabled = True

        def tugas() -> None:
            try:
                kerja()
            finally:
                self.tombol_batal.disabled = True
                for b in kunci:
                    b.disabled = False

        if self.latar:
            import threading

            threading.Thread(target=tugas, daemon=True).start()
        else:
            tugas()


__all__ = ["Dibatalkan", "KerjaPanjang", "periksa_batal"]
