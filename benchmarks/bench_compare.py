"""Benchmark ``simkit.compare`` on the default Mamuju population (4,500 ASN), two rules.

Measures, in one fresh process, the best of ``--ulang`` calls of:

- ``compare(pop, evs, tabel=["menang_kalah", "akurasi"])``: what a slider that shows
  winners/losers and accuracy asks for (target < 60 ms);
- ``compare(pop, evs)``: every table (stability not requested).

    .venv/bin/python benchmarks/bench_compare.py
    .venv/bin/python benchmarks/bench_compare.py --ulang 20
"""

from __future__ import annotations

import argparse

from _util import print_table, run_case

KODE = """
import time
import simkit
s = simkit.load_scenario("scenarios/mamuju_baseline.yaml")
pop = simkit.generate(s)
evs = {r: simkit.evaluate(pop, r) for r in ("permenpanrb_6_2022", "pp30_2019")}
pilihan = {"menang_kalah+akurasi": ["menang_kalah", "akurasi"], "semua": None}
RESULT = {"asn": len(pop.pegawai)}
for nama, tabel in pilihan.items():
    simkit.compare(pop, evs, tabel=tabel)  # warm-up (imports, IKM of the population)
    best = float("inf")
    for _ in range({ulang}):
        t0 = time.perf_counter()
        simkit.compare(pop, evs, tabel=tabel).tables()
        best = min(best, time.perf_counter() - t0)
    RESULT[nama + "_ms"] = round(best * 1000, 1)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ulang", type=int, default=10)
    a = ap.parse_args()
    r = run_case(KODE.replace("{ulang}", str(a.ulang)))
    print_table([r], ["asn", "menang_kalah+akurasi_ms", "semua_ms", "peak_rss_mb"])


if __name__ == "__main__":
    main()
