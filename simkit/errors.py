"""User-facing errors that say where the problem is, in the user's language.

A :class:`Masalah` (problem) names the file, the line or row, the field or column, what was
expected, what was found and, for a misspelt name, a "did you mean". A
:class:`SimkitError` carries one or more problems; the CLI prints them and exits with code 2,
never with a traceback.

>>> from simkit.errors import Masalah, SimkitError
>>> e = SimkitError([Masalah("nilai_tidak_valid", berkas="a.yaml", baris=3, bidang="seed",
...                          diharapkan="bilangan bulat", ditemukan="'abc'")])
>>> print(e.render("id"))  # doctest: +NORMALIZE_WHITESPACE
a.yaml, baris 3, bidang 'seed': nilai tidak valid. Diharapkan: bilangan bulat; ditemukan: 'abc'.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from simkit.i18n import get_lang, t


@dataclass
class Masalah:
    """One located problem. ``kode`` is a key under ``galat.`` in the i18n catalogues."""

    kode: str
    berkas: str | None = None
    baris: int | None = None
    kolom: str | None = None
    bidang: str | None = None
    diharapkan: str | None = None
    ditemukan: str | None = None
    saran: str | None = None
    isi: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        where: list[str] = []
        if self.berkas:
            where.append(str(self.berkas))
        if self.baris is not None:
            where.append(f"{t('umum.baris', lang)} {self.baris}")
        if self.kolom:
            where.append(f"{t('umum.kolom', lang)} '{self.kolom}'")
        if self.bidang:
            where.append(f"{t('umum.bidang', lang)} '{self.bidang}'")
        text = t(f"galat.{self.kode}", lang, **self.isi)
        out = (", ".join(where) + ": " if where else "") + text
        extra: list[str] = []
        if self.diharapkan is not None:
            extra.append(f"{t('galat._diharapkan', lang)}: {self.diharapkan}")
        if self.ditemukan is not None:
            extra.append(f"{t('galat._ditemukan', lang)}: {self.ditemukan}")
        if extra:
            out += ". " + "; ".join(extra)
        out = out.rstrip(".") + "."
        if self.saran:
            out += " " + t("umum.maksud_anda", lang, saran=f"'{self.saran}'")
        return out


class SimkitError(Exception):
    """An error the user can fix; holds one or more :class:`Masalah`."""

    def __init__(self, masalah: Masalah | Iterable[Masalah]):
        self.masalah: list[Masalah] = [masalah] if isinstance(masalah, Masalah) else list(masalah)
        super().__init__(self.render())

    def render(self, lang: str | None = None) -> str:
        return "\n".join(m.render(lang) for m in self.masalah)

    def __reduce__(self):  # picklable, so errors cross process and Dask boundaries intact
        return (type(self), (self.masalah,))

    def __str__(self) -> str:  # re-render so a later set_lang() is honoured
        return self.render()


def galat(kode: str, **kwargs: object) -> SimkitError:
    """Shorthand: ``raise galat("kolom_hilang", berkas=..., kolom=...)``.

    Keyword arguments that are fields of :class:`Masalah` set the location; the others fill
    the message's placeholders.
    """
    names = set(Masalah.__dataclass_fields__) - {"kode", "isi"}
    loc = {k: v for k, v in kwargs.items() if k in names}
    isi = {k: v for k, v in kwargs.items() if k not in names}
    return SimkitError(Masalah(kode, isi=isi, **loc))  # type: ignore[arg-type]


def mirip(nama: str, pilihan: Iterable[str]) -> str | None:
    """The closest allowed name to a misspelt ``nama``, or ``None``.

    >>> mirip("sedd", ["seed", "nama"])
    'seed'
    """
    hits = difflib.get_close_matches(str(nama), [str(p) for p in pilihan], n=1, cutoff=0.6)
    return hits[0] if hits else None
