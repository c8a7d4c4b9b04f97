"""Every table ``simkit run`` writes for the Mamuju scenarios is identical to the recorded ones.

The record (``tests/emas/tabel.json``) was made with ``benchmarks/tabel_emas.py --tulis`` on the
release before the architecture step; a change that alters a number must re-record it and say
which tables changed and why in its commit message.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import tabel_emas  # noqa: E402

EMAS = json.loads(tabel_emas.EMAS.read_text("utf-8"))
BARU = {"kesepakatan_penilai", "kesepakatan_penilai_per_opd", "putusan", "temuan"}
"""Tables added after the record (the new metric of the architecture step)."""


@pytest.mark.slow
@pytest.mark.parametrize("skenario,lang", [(s, "id") for s in tabel_emas.SKENARIO]
                         + [("mamuju_baseline", "en")])
def test_tabel_identik_dengan_catatan(skenario: str, lang: str) -> None:
    lama = EMAS[tabel_emas.kunci(skenario, lang)]
    baru = tabel_emas.jalankan(skenario, lang)
    baru = {k: v for k, v in baru.items() if k not in BARU}
    assert tabel_emas.bandingkan(lama, baru, byte=False) == []
    assert len(lama) == 26
