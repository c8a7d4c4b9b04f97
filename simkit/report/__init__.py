"""Reports of a comparison run: charts (PNG), tables (CSV, Parquet, Excel) and the offline HTML.

The pieces, each usable on its own:

- :mod:`simkit.report.charts` — matplotlib figures from the tidy comparison tables
  (``save_all(tables, folder, lang)`` writes every PNG);
- :mod:`simkit.report.kartu` — the *kartu reformasi* (changed parameters, old → new, reference),
  the parameter table and the rule table;
- :mod:`simkit.report.kuadran` — the 3×3 PermenPANRB 6/2022 quadrant counts;
- :mod:`simkit.report.excel` — one workbook, one sheet per table;
- :mod:`simkit.report.sajian` — the sections the report notebook displays;
- :mod:`simkit.report.html` — runs ``laporan.ipynb`` with papermill and converts it to a
  self-contained offline HTML page.

:func:`simkit.run` ties them together. Heavy imports (matplotlib, papermill, nbconvert) happen
inside the functions that need them, so ``import simkit.report`` stays cheap.

>>> from simkit.report import NOTEBOOK
>>> NOTEBOOK.name
'laporan.ipynb'
"""

from __future__ import annotations

from pathlib import Path

from simkit.i18n import register_catalogue

HERE = Path(__file__).parent
NOTEBOOK = HERE / "laporan.ipynb"
"""The report notebook (kernelspec ``python3``, first code cell tagged ``parameters``)."""

TEMPLATES = HERE / "templates"
"""Folder of the nbconvert template ``offline`` (no CDN scripts)."""

register_catalogue(HERE / "i18n")
