"""Benchmark the sweep on Dask: 2 workers against 1 (issue "Compare rules", part 3).

The same grid on a LocalCluster (127.0.0.1, one thread per worker process) with 1 and with 2
workers: by default ``penilai.leniensi_rata`` × 4 seeds = 8 tasks of the 4,500-ASN Mamuju
scenario with the national rule, the old rule and the IKM reform (each task generates its own
population, evaluates three rules and compares them). Cluster start-up is timed apart; each
cluster first runs a warm-up sweep (imports, catalogues in every worker); then the timed sweep
runs ``--ulang`` times on each, alternating 1 and 2 workers so both see the same background
load, and the best time counts (other work on the machine only ever adds time).
The in-process time of the same sweep is printed for reference, and the tables are checked to
be identical. The machine's load average is printed before and after: other work on the same
cores lowers the speed-up.

    .venv/bin/python benchmarks/bench_sweep.py                # 8 tasks
    .venv/bin/python benchmarks/bench_sweep.py --seeds 2      # 4 tasks (quicker)
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import time

import pandas as pd
from _util import print_table

from simkit.orchestration.executors import DASK_LOKAL, Dask
from simkit.orchestration.skenario import load_scenario
from simkit.orchestration.sweep import sweep

RULES = [
    {"id": "nasional", "aturan": "permenpanrb_6_2022"},
    {"id": "pp30", "aturan": "pp30_2019"},
    {"id": "ikm", "aturan": "mamuju_ikm", "parameter": {"bobot_ikm": 0.2}},
]
GRID = {"penilai.leniensi_rata": [0.1, 0.5]}


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="scenarios/mamuju_baseline.yaml")
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--ulang", type=int, default=2, help="repeats; the best time counts")
    ap.add_argument("--tanpa-inproses", action="store_true", help="skip the in-process run")
    a = ap.parse_args()

    base = load_scenario(a.scenario)
    s = load_scenario({**base.model_dump(mode="json"), "aturan": RULES})
    tasks = len(GRID["penilai.leniensi_rata"]) * a.seeds
    print(f"skenario {a.scenario}: {s.populasi.jumlah_asn} ASN, {tasks} tugas, "
          f"{os.cpu_count()} inti; beban (1/5/15 mnt) sebelum: {_load()}", flush=True)
    rows, tables = [], {}
    if not a.tanpa_inproses:
        sweep(s, GRID, seeds=1)  # warm-up
        best = math.inf
        for _ in range(a.ulang):
            t0 = time.perf_counter()
            tables["inproses"] = sweep(s, GRID, seeds=a.seeds)
            best = min(best, time.perf_counter() - t0)
        rows.append({"eksekutor": "dalam proses", "pekerja": 1, "mulai_s": "",
                     "sweep_s": round(best, 2)})
        print(rows[-1], flush=True)
    with contextlib.ExitStack() as stack:
        clusters, best = {}, {}
        for n in (1, 2):
            t0 = time.perf_counter()
            ex = Dask(DASK_LOKAL, workers=n)  # the executor `--dask local` uses
            stack.callback(ex.close)
            clusters[n] = ex.client.scheduler.address
            rows.append({"eksekutor": "Dask LocalCluster", "pekerja": n,
                         "mulai_s": round(time.perf_counter() - t0, 2)})
            sweep(s, GRID, seeds=n, dask_address=clusters[n])  # warm-up
            best[n] = math.inf
        for _ in range(a.ulang):  # alternate 1 and 2 workers so both see the same load
            for n in (1, 2):
                t1 = time.perf_counter()
                tables[n] = sweep(s, GRID, seeds=a.seeds, dask_address=clusters[n])
                best[n] = min(best[n], time.perf_counter() - t1)
                print(f"  {n} pekerja: {time.perf_counter() - t1:.2f} s", flush=True)
        for r in rows[-2:]:
            r["sweep_s"] = round(best[r["pekerja"]], 2)
    for k, df in tables.items():
        pd.testing.assert_frame_equal(df, tables[1], obj=f"sweep {k}")
    dask_rows = [r for r in rows if r["eksekutor"].startswith("Dask")]
    for r in rows:
        r["percepatan_vs_1_pekerja_dask"] = round(dask_rows[0]["sweep_s"] / r["sweep_s"], 2)
    print(f"beban sesudah: {_load()}; tabel identik di semua eksekutor")
    print_table(rows, ["eksekutor", "pekerja", "mulai_s", "sweep_s",
                       "percepatan_vs_1_pekerja_dask"])


if __name__ == "__main__":
    main()
