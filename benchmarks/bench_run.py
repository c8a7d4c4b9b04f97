"""Benchmark the main job end to end: ``simkit run`` on the default scenario, report included.

Runs the command in a fresh process (Python start-up, imports, generation, every rule,
comparison, tables, workbook, charts, notebook via papermill, offline HTML) and prints a
Markdown row: wall time, peak RSS of the largest process (the command or its report kernel)
and the stage times recorded in manifest.json. Target: < 15 s on the default scenario.

    .venv/bin/python benchmarks/bench_run.py                 # scenarios/mamuju_baseline.yaml
    .venv/bin/python benchmarks/bench_run.py --ulang 3 --stabilitas 20
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, print_table


def sekali(skenario: str, stabilitas: int) -> dict:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "keluaran"
        cmd = [sys.executable, "-m", "simkit", "run", skenario, "--out", str(out),
               "--tanpa-progres", "--stabilitas", str(stabilitas)]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(p.stderr[-2000:])
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        html_kb = (out / "laporan.html").stat().st_size / 1024
    tahap = m.get("durasi_detik", {})
    return {"skenario": Path(skenario).name, "asn": m["ringkas"]["jumlah_asn"],
            "aturan": len(m["aturan"]), "stabilitas_R": stabilitas,
            "detik": round(wall, 2), "peak_rss_mb": round(rss, 1), "html_kb": round(html_kb),
            **{f"t_{k}": v for k, v in tahap.items()}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("skenario", nargs="?", default="scenarios/mamuju_baseline.yaml")
    ap.add_argument("--ulang", type=int, default=1, help="repeat and report each run")
    ap.add_argument("--stabilitas", type=int, default=0)
    a = ap.parse_args()
    rows = []
    for _ in range(a.ulang):
        rows.append(sekali(a.skenario, a.stabilitas))
        print(rows[-1], flush=True)
    cols = ["skenario", "asn", "aturan", "stabilitas_R", "detik", "peak_rss_mb", "html_kb"]
    cols += [k for k in rows[0] if k.startswith("t_")]
    print_table(rows, cols)


if __name__ == "__main__":
    main()
