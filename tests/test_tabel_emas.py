"""Every table ``simkit run`` writes for the Mamuju scenarios is identical to the recorded ones.

The record (``tests/emas/tabel.json``) is made with ``benchmarks/tabel_emas.py --tulis``; it was
first taken on the release before the architecture step (which kept every table identical), and
each fidelity change since re-recorded it, saying in its commit message which tables changed and
why. Every table of the registry is recorded, so a new or a lost table fails too.
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


@pytest.mark.slow
@pytest.mark.parametrize("skenario,lang", [(s, "id") for s in tabel_emas.SKENARIO]
                         + [("mamuju_baseline", "en")])
def test_tabel_identik_dengan_catatan(skenario: str, lang: str) -> None:
    lama = EMAS[tabel_emas.kunci(skenario, lang)]
    baru = tabel_emas.jalankan(skenario, lang)
    assert tabel_emas.bandingkan(lama, baru, byte=False) == []  # a new or lost table too
