"""Shared helpers for the benchmark scripts: run a case in a fresh process, read time and peak RSS."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_case(code: str, timeout: int = 3600) -> dict:
    """Run ``code`` (which must print one JSON line) in a fresh interpreter; add peak RSS (MB)."""
    wrapper = (
        "import json, resource, time\n"
        + code
        + "\nimport resource as _r\n"
        + "RESULT['peak_rss_mb'] = round(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024, 1)\n"
        + "print(json.dumps(RESULT))\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], cwd=ROOT, capture_output=True,
                         text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict], columns: list[str]) -> None:
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")) for c in columns) + " |")
