"""Benchmark the stability metric ("lotre") on the default scenario.

Target: R = 200 redraws over all the scenario's employee-level rules < 30 s (aim: about
0.12 s per draw). Each draw redraws the measurement
(:func:`~simkit.population.generate.redraw_measurement`) and evaluates every rule; the split
between the two comes from ``stabilitas_pegawai(profil=...)``. Generation is not timed. Each
case runs in a fresh process after a warm-up of two draws; ``--ulang`` repeats it and the best
time counts (other work on the machine only ever adds time). ``--per-aturan`` adds one row per
rule (``--r-aturan`` draws each).

    .venv/bin/python benchmarks/bench_stabilitas.py                      # R = 200, all rules
    .venv/bin/python benchmarks/bench_stabilitas.py --ulang 3 --per-aturan
"""

from __future__ import annotations

import argparse

from _util import print_table, run_case

CASE = """
import simkit
from simkit.analysis.metrics.stabilitas import stabilitas_pegawai
from simkit.orchestration.skenario import load_scenario
s = load_scenario({path!r})
pop = simkit.generate(s)
stabilitas_pegawai(pop, s, {rules!r}, R=2)  # warm-up: imports, catalogues, parameter files
prof = {{}}
t0 = time.perf_counter()
stabilitas_pegawai(pop, s, {rules!r}, R={R}, profil=prof)
dt = time.perf_counter() - t0
RESULT = {{"kasus": {label!r}, "aturan": len({rules!r}), "R": {R}, "detik": round(dt, 2),
          "ms_per_undian": round(1000 * dt / {R}, 1),
          "redraw_ms": round(1000 * prof["redraw_detik"] / {R}, 1),
          "evaluasi_ms": round(1000 * prof["evaluasi_detik"] / {R}, 1)}}
"""


def aturan_pegawai(path: str) -> list[str]:
    """The ids of the scenario's employee-level rules (``aturan`` section)."""
    from simkit.orchestration.skenario import load_scenario
    from simkit.rules import get_rule

    return [a.id for a in load_scenario(path).aturan if get_rule(a.aturan).tingkat == "pegawai"]


def terbaik(code: str, ulang: int) -> dict:
    """The fastest of ``ulang`` fresh-process runs of ``code``."""
    rows = [run_case(code) for _ in range(max(1, ulang))]
    return min(rows, key=lambda r: r["detik"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("skenario", nargs="?", default="scenarios/mamuju_baseline.yaml")
    ap.add_argument("--R", type=int, default=200)
    ap.add_argument("--ulang", type=int, default=1, help="repeat each case, keep the best")
    ap.add_argument("--per-aturan", action="store_true", help="also one row per rule")
    ap.add_argument("--r-aturan", type=int, default=50, help="draws of each per-rule case")
    a = ap.parse_args()
    ids = aturan_pegawai(a.skenario)
    cases = [(f"semua ({', '.join(ids)})", ids, a.R)]
    if a.per_aturan:
        cases += [(rid, [rid], a.r_aturan) for rid in ids]
    rows = []
    for label, rules, r in cases:
        rows.append(terbaik(CASE.format(path=a.skenario, rules=rules, R=r, label=label), a.ulang))
        print(rows[-1], flush=True)
    print_table(rows, ["kasus", "aturan", "R", "detik", "ms_per_undian", "redraw_ms",
                       "evaluasi_ms", "peak_rss_mb"])


if __name__ == "__main__":
    main()
