"""Benchmark population generation (issue: foundation).

Targets: default Mamuju scenario < 1 s; 1 million ASN < 30 s with peak memory < 4 GB; the
national scenario (4.76 M ASN) measured. Each case runs in a fresh process so peak RSS is its own.

    .venv/bin/python benchmarks/bench_generate.py            # Mamuju + 1 M
    .venv/bin/python benchmarks/bench_generate.py --nasional # also 4.76 M
"""

from __future__ import annotations

import argparse

from _util import print_table, run_case

CASE = """
import simkit
from simkit.orchestration.skenario import load_scenario
s = load_scenario({path!r})
{tweak}
simkit.generate(s.with_seed(s.seed + 1) if {warm} else s)  # warm-up: imports, catalogues, Faker
t0 = time.perf_counter()
pop = simkit.generate(s)
dt = time.perf_counter() - t0
RESULT = {{"kasus": {label!r}, "asn": len(pop.pegawai), "detik": round(dt, 2),
          "baris": sum(pop.row_counts().values())}}
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nasional", action="store_true")
    a = ap.parse_args()
    cases = [
        ("Mamuju (bawaan)", "scenarios/mamuju_baseline.yaml", "", True),
        ("1 juta ASN", "scenarios/nasional.yaml",
         "s = s.model_copy(update={'populasi': s.populasi.model_copy("
         "update={'jumlah_asn': 1_000_000, 'jumlah_instansi': 210})})", False),
    ]
    if a.nasional:
        cases.append(("Nasional 4,76 juta", "scenarios/nasional.yaml", "", False))
    rows = []
    for label, path, tweak, warm in cases:
        rows.append(run_case(CASE.format(path=path, tweak=tweak, label=label, warm=warm)))
        print(rows[-1], flush=True)
    print_table(rows, ["kasus", "asn", "baris", "detik", "peak_rss_mb"])


if __name__ == "__main__":
    main()
