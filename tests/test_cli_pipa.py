"""A closed stdout pipe (``simkit explain ... | head -1``) is not an error: no message, exit 141."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERINTAH = [sys.executable, "-m", "simkit", "explain", str(ROOT / "tests/fixtures/impor_valid"),
            "--rule", "permenpanrb_6_2022", "--employee", "1", "--jejak"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def test_pipa_ke_head_tanpa_galat() -> None:
    r = subprocess.run(f"{' '.join(PERINTAH)} | head -1", shell=True, capture_output=True,
                       text=True, env=ENV, cwd=ROOT, timeout=120)
    assert r.stdout == "Penjelasan PermenPANRB 6/2022 (kuadran kinerja) untuk asn_id 1\n"
    assert r.stderr == ""


def test_pembaca_sudah_pergi_keluar_141_tanpa_pesan() -> None:
    """The reader closes the pipe before simkit writes: the write fails with EPIPE."""
    p = subprocess.Popen(PERINTAH, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                         cwd=ROOT)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141
    assert err == ""
