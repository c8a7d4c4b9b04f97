"""Benchmark the multi-year model (issue 13): one run, and many seeds on Dask vs one process.

1. **One process**: ``simkit.simulate`` on ``scenarios/mamuju_5_tahun.yaml`` (five years,
   quarterly, 4,500 ASN, every built-in employee rule) in a fresh interpreter: the import and
   the call timed apart (target: the call under 10 s).
2. **Seeds**: the same scenario over ``--seeds`` seeds in this process (``inproses``) and on a
   2-worker Dask LocalCluster (127.0.0.1, one thread per worker; cluster start-up and a
   warm-up seed timed apart). The tables are checked to be identical; the speed-up is the
   in-process time over the Dask time (target >= 1.7x). The machine's load average is printed
   before and after: other work on the same cores lowers the speed-up.

    .venv/bin/python benchmarks/bench_periode.py --seeds 4     # quick (development)
    .venv/bin/python benchmarks/bench_periode.py               # 100 seeds (long: run rarely)
"""

from __future__ import annotations

import argparse
import os
import time

import pandas as pd
from _util import print_table, run_case

from simkit.orchestration.executors import Dask
from simkit.orchestration.periode import simulate

SKENARIO = "scenarios/mamuju_5_tahun.yaml"


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def satu_proses(skenario: str) -> dict:
    """One simulate call in a fresh interpreter: import and call timed apart."""
    return run_case(
        "t0 = time.perf_counter()\n"
        "import simkit\n"
        "t1 = time.perf_counter()\n"
        f"h = simkit.simulate({skenario!r})\n"
        "t2 = time.perf_counter()\n"
        "RESULT = {'impor_detik': round(t1 - t0, 2), 'simulate_detik': round(t2 - t1, 2),\n"
        "          'baris': len(h.tabel)}\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default=SKENARIO)
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--tanpa-seed", action="store_true", help="only the one-process run")
    a = ap.parse_args()
    print(f"{a.scenario}; {os.cpu_count()} inti; beban (1/5/15 mnt) sebelum: {_load()}",
          flush=True)
    r = satu_proses(a.scenario)
    print_table([r], ["impor_detik", "simulate_detik", "baris", "peak_rss_mb"])
    if a.tanpa_seed:
        return
    rows = []
    t0 = time.perf_counter()
    satu = simulate(a.scenario, seeds=a.seeds).tabel
    t_satu = time.perf_counter() - t0
    rows.append({"eksekutor": "inproses", "pekerja": 1, "seed": a.seeds,
                 "detik": round(t_satu, 1)})
    t0 = time.perf_counter()
    ex = Dask("local", workers=2)
    mulai = time.perf_counter() - t0
    try:
        from simkit.orchestration.periode import TugasPeriode, simulasi_satu
        from simkit.orchestration.skenario import load_scenario

        data = load_scenario(a.scenario).model_dump(mode="json")
        t0 = time.perf_counter()
        ex.map(simulasi_satu, [TugasPeriode(data, 0), TugasPeriode(data, 1)])  # warm-up
        panas = time.perf_counter() - t0
        t0 = time.perf_counter()
        seeds = list(range(load_scenario(a.scenario).seed,
                           load_scenario(a.scenario).seed + a.seeds))
        hasil = ex.map(simulasi_satu, [TugasPeriode(data, s) for s in seeds])
        t_dask = time.perf_counter() - t0
    finally:
        ex.close()
    dask = pd.concat([h[0] for h in hasil], ignore_index=True)
    pd.testing.assert_frame_equal(satu, dask)
    rows.append({"eksekutor": "dask (LocalCluster)", "pekerja": 2, "seed": a.seeds,
                 "detik": round(t_dask, 1), "mulai_klaster_detik": round(mulai, 1),
                 "pemanasan_detik": round(panas, 1)})
    for row in rows:
        row["percepatan"] = round(t_satu / row["detik"], 2)
    print_table(rows, ["eksekutor", "pekerja", "seed", "detik", "percepatan",
                       "mulai_klaster_detik", "pemanasan_detik"])
    print(f"tabel identik; beban sesudah: {_load()}")


if __name__ == "__main__":
    main()
