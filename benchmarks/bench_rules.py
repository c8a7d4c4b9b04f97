"""Benchmark every built-in rule (issue: rules as code).

Targets: each rule on the default Mamuju population < 50 ms; on 1 million ASN < 5 s.
Generation is not timed here (see bench_generate.py); each rule is evaluated once to warm up,
then the best of ``--repeat`` runs is reported.

    .venv/bin/python benchmarks/bench_rules.py            # Mamuju + 1 M
    .venv/bin/python benchmarks/bench_rules.py --small    # Mamuju only
"""

from __future__ import annotations

import argparse
import time

from _util import print_table

import simkit
from simkit.orchestration.skenario import load_scenario


def bench(pop, rules, repeat: int) -> list[dict]:
    rows = []
    for rule in rules:
        simkit.evaluate(pop, rule.id)  # warm-up
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            simkit.evaluate(pop, rule.id)
            best = min(best, time.perf_counter() - t0)
        rows.append({"aturan": rule.id, "ms": round(best * 1000, 1)})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    rules = [r for r in simkit.list_rules()]
    s = load_scenario("scenarios/mamuju_baseline.yaml")
    mamuju = bench(simkit.generate(s), rules, a.repeat)
    big = {}
    if not a.small:
        n = load_scenario("scenarios/nasional.yaml")
        n = n.model_copy(update={"populasi": n.populasi.model_copy(
            update={"jumlah_asn": 1_000_000, "jumlah_instansi": 210})})
        big = {r["aturan"]: r["ms"] for r in bench(simkit.generate(n), rules, 2)}
    rows = [{"aturan": r["aturan"], "mamuju_ms": r["ms"], "sejuta_ms": big.get(r["aturan"], "")}
            for r in mamuju]
    print_table(rows, ["aturan", "mamuju_ms", "sejuta_ms"])


if __name__ == "__main__":
    main()
