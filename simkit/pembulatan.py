"""The one half-up rounder of simkit (people and regulations round half up, not to even).

>>> bulat_setengah_atas(np.array([0.5, 1.5, 2.4])).tolist()
[1.0, 2.0, 2.0]
>>> bulat_setengah_atas(np.array([88.305]), desimal=2, presisi=6).tolist()
[88.31]
"""

from __future__ import annotations

import numpy as np


def bulat_setengah_atas(x: object, desimal: int = 0, presisi: int | None = None) -> np.ndarray:
    """Round ``x`` half up to ``desimal`` decimals: ``floor(x * 10**desimal + 0.5) / 10**desimal``.

    ``presisi``: first round ``x * 10**desimal`` to that many decimals, so float noise
    (88.305 stored as 88.30499999) does not decide the half; ``None`` rounds the value as it is.
    Returns float64 (``.astype("int64")`` for counts).
    """
    y = np.asarray(x, dtype=np.float64)
    if desimal:
        y = y * 10.0 ** int(desimal)
    if presisi is not None:
        y = np.round(y, presisi)
    y = np.floor(np.add(y, 0.5, dtype=np.float64))
    return y / 10.0 ** int(desimal) if desimal else y
