"""Reports of a comparison run: charts (PNG), tables (CSV, Parquet, Excel) and the offline HTML.

The pieces, each usable on its own:

- :mod:`simkit.report.charts` — matplotlib figures from the tidy comparison tables
  (``simpan_semua(tables, folder, lang)`` writes every PNG the registry declares);
- :mod:`simkit.report.excel` — one workbook, one sheet per table;
- :mod:`simkit.report.sajian` — the sections the report notebook displays (from the registry);
- :mod:`simkit.report.notebook` — the report notebook, one cell per section;
- :mod:`simkit.report.html` — runs that notebook with papermill and converts it to a
  self-contained offline HTML page.

The report reads tables by name from a run folder and computes no metric: every table is an
output of :mod:`simkit.analysis` (see :mod:`simkit.analysis.registri`). :func:`simkit.run`
ties them together. Heavy imports (papermill, nbconvert) happen inside the functions that
need them.

>>> TEMPLATES.name
'templates'
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

TEMPLATES = HERE / "templates"
"""Folder of the nbconvert template ``offline`` (no CDN scripts)."""

