"""Time the measurement generators (IKI, behaviour, aspects, SKM) on a large synthetic input.

The input is the hand-built pemda of ``tests/test_population_measurement.py`` replicated like
the national scenario's instansi copies (160 ASN and 5 public-service units per copy).

    .venv/bin/python benchmarks/bench_population_measurement.py --asn 1000000
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_population_measurement import build_fixture, skenario  # noqa: E402

from simkit.population.behaviour import (  # noqa: E402
    build_penilaian_perilaku,
    build_perilaku_aspek,
)
from simkit.population.indicators import build_iki  # noqa: E402
from simkit.population.survey import build_skm  # noqa: E402


def _rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--asn", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    p = build_fixture(copies=max(1, round(args.asn / 160)), seed=args.seed)
    print(f"input: {len(p['pegawai']):,} ASN, {len(p['unit_kerja']):,} units "
          f"({time.perf_counter() - t0:.1f} s, peak RSS {_rss_mb()} MB)")
    sc, rng = skenario(), np.random.default_rng(args.seed)
    steps = {
        "iki": lambda: build_iki(sc, p["pegawai"], p["unit_kerja"], p["kebenaran"], rng),
        "penilaian_perilaku": lambda: build_penilaian_perilaku(
            sc, p["pegawai"], p["kebenaran"], rng, unit_kerja=p["unit_kerja"]),
        "perilaku_aspek": lambda: build_perilaku_aspek(
            sc, p["pegawai"], p["kebenaran"], rng, unit_kerja=p["unit_kerja"]),
        "skm": lambda: build_skm(sc, p["pegawai"], p["unit_kerja"], p["kebenaran_unit"], rng),
    }
    total, keep = 0.0, []
    for name, fn in steps.items():
        t = time.perf_counter()
        df = fn()
        dt = time.perf_counter() - t
        total += dt
        keep.append(df)  # keep every table, as generate() does
        print(f"{name:>20}: {dt:6.2f} s  {len(df):>11,} rows  "
              f"{df.memory_usage(deep=True).sum() / 1e6:6.0f} MB")
    print(f"{'total':>20}: {total:6.2f} s  peak RSS {_rss_mb()} MB (input + all four tables)")


if __name__ == "__main__":
    main()
