"""Numbers as a reader expects them: Indonesian style by default, English with ``lang="en"``.

Indonesian writes ``1.234,5`` and ``Rp 1,2 M`` (miliar); English ``1,234.5`` and ``Rp 1.2 bn``.
The unit suffixes come from the i18n catalogue (``sajian.rupiah.*``).

>>> angka(1234.5, 1, "id"), angka(1234.5, 1, "en")
('1.234,5', '1,234.5')
>>> rupiah(1_234_000_000, "id"), rupiah(350_000_000, "id"), rupiah(-2.5e12, "en")
('Rp 1,2 M', 'Rp 350 jt', '−Rp 2.5 tn')
>>> persen(0.1234, "id")
'12,3 %'
"""

from __future__ import annotations

import math
from typing import Any

from simkit.i18n import get_lang, t

_SKALA_RUPIAH = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"), (1e3, "ribu"))
"""Rupiah magnitudes (powers of ten) and their catalogue keys, largest first."""


def _kosong(x: Any) -> bool:
    if x is None or type(x).__name__ == "NAType":
        return True
    try:
        return bool(math.isnan(x))
    except TypeError:
        return False


def angka(x: Any, desimal: int = 0, lang: str | None = None) -> str:
    """``x`` with thousands separators and ``desimal`` decimals; NaN/None → '–'."""
    if _kosong(x):
        return "–"
    lang = lang or get_lang()
    s = f"{float(x):,.{desimal}f}"
    if lang == "id":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s.replace("-", "−") if s.startswith("-") else s


def bulat(x: Any, lang: str | None = None) -> str:
    """A whole number with thousands separators."""
    return angka(x, 0, lang)


def persen(x: Any, lang: str | None = None, desimal: int = 1) -> str:
    """A share (0..1) as a percentage: '12,3 %' (id) or '12.3%' (en)."""
    if _kosong(x):
        return "–"
    lang = lang or get_lang()
    s = angka(100 * float(x), desimal, lang)
    return f"{s} %" if lang == "id" else f"{s}%"


def rupiah(x: Any, lang: str | None = None) -> str:
    """A rupiah amount, shortened: 'Rp 1,2 M', 'Rp 350 jt' (id); 'Rp 1.2 bn', 'Rp 350 m' (en)."""
    if _kosong(x):
        return "–"
    lang = lang or get_lang()
    v = float(x)
    tanda = "−" if v < 0 else ""
    v = abs(v)
    for skala, kunci in _SKALA_RUPIAH:
        if v >= skala:
            q = v / skala
            s = angka(q, 1 if q < 100 else 0, lang)
            s = s[:-2] if s.endswith((",0", ".0")) else s
            return f"{tanda}Rp {s} {t(f'sajian.rupiah.{kunci}', lang)}"
    return f"{tanda}Rp {angka(v, 0, lang)}"


def nilai_teks(v: Any, lang: str | None = None) -> str:
    """Any parameter value as short text: numbers localised, booleans ya/tidak, lists joined."""
    lang = lang or get_lang()
    if isinstance(v, bool):
        return t("sajian.umum.ya" if v else "sajian.umum.tidak", lang)
    if isinstance(v, int):
        return bulat(v, lang)
    if isinstance(v, float):
        if _kosong(v):
            return "–"
        desimal = 0 if v == int(v) else min(4, max(1, len(repr(v).split(".")[-1])))
        return angka(v, desimal, lang)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {nilai_teks(x, lang)}" for k, x in v.items()) + "}"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(nilai_teks(x, lang) for x in v) + "]"
    if v is None:
        return "–"
    return str(v)
