"""Benchmark the widgets on the default Mamuju scenario (4,500 ASN): the rule tuner, the rater
bias explorer and the survey widget.

Measures, in one fresh process:

- ``buka_s``: opening the tuner: ``load_scenario`` + ``generate`` + the tuner's state (baseline
  evaluated, first comparison) + its ipywidgets view (target < 3 s);
- ``geser_ms``: one slider change (all ten tables of TABEL_PENYETEL) through the view, best of ``--ulang``: re-evaluate the
  tuned rule, compare the selected tables against the cached baseline, rebuild the figure
  data, the chart and the tables' HTML (target < 100 ms);
- ``logika_ms``: the same change on the state class alone (no HTML);
- ``bias_ms``: one leniency change of the bias explorer (ratings redrawn, four evaluations,
  tables and chart), best of ``--ulang``;
- ``survei_ms``: one biased-sampling change of the survey widget (the unit's SKM redrawn, IKM,
  grade, frontline staff under ``mamuju_ikm``), best of ``--ulang``.

    .venv/bin/python benchmarks/bench_widget.py
    .venv/bin/python benchmarks/bench_widget.py --ulang 20
"""

from __future__ import annotations

import argparse

from _util import print_table, run_case

KODE = """
import time
t0 = time.perf_counter()
import simkit
from simkit.widgets.penyetel import Penyetel, PenyetelWidget
s = simkit.load_scenario("scenarios/mamuju_baseline.yaml")
pop = simkit.generate(s)
p = Penyetel(s, pop)
v = PenyetelWidget(p, latar=False)
buka = time.perf_counter() - t0
slider = v.widget_kontrol[("ambang_hasil_sesuai",)]
nilai = [91 + i % 10 for i in range({ulang})]
best = float("inf")
for x in nilai:
    t0 = time.perf_counter()
    slider.value = x
    best = min(best, time.perf_counter() - t0)
logika = float("inf")
for x in nilai:
    t0 = time.perf_counter()
    p.setel("ambang_hasil_sesuai", x + 0.5)
    p.data_distribusi(); p.matriks_transisi()
    logika = min(logika, time.perf_counter() - t0)
from simkit.widgets.bias import BiasWidget, PenjelajahBias
from simkit.widgets.survei import SurveiIKM, SurveiWidget
wb = BiasWidget(PenjelajahBias(s, pop, opd="pupr", lang="id"))
bias = float("inf")
for i in range({ulang}):
    t0 = time.perf_counter()
    wb.leniensi.value = 0.5 + 0.05 * (i % 10)
    bias = min(bias, time.perf_counter() - t0)
ws = SurveiWidget(SurveiIKM(s, pop, lang="id"))
survei = float("inf")
for i in range({ulang}):
    t0 = time.perf_counter()
    ws.bias.value = 0.05 + 0.05 * (i % 9)
    survei = min(survei, time.perf_counter() - t0)
RESULT = {"asn": len(pop.pegawai), "buka_s": round(buka, 2), "geser_ms": round(best * 1000, 1),
          "logika_ms": round(logika * 1000, 1), "bias_ms": round(bias * 1000, 1),
          "survei_ms": round(survei * 1000, 1)}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ulang", type=int, default=10)
    a = ap.parse_args()
    r = run_case(KODE.replace("{ulang}", str(a.ulang)))
    print_table([r], ["asn", "buka_s", "geser_ms", "logika_ms", "bias_ms", "survei_ms",
                      "peak_rss_mb"])


if __name__ == "__main__":
    main()
