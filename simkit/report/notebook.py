"""The report notebook, built from the sections of the output registry.

One parameters cell (papermill fills it), one cell that opens the run folder, then one cell
per report section (:func:`simkit.report.sajian.bagian`): a metric added to the registry
appears in the notebook without editing any notebook file.

>>> nb = notebook_laporan()
>>> nb.cells[0].metadata["tags"], nb.cells[2].source
(['parameters'], 'laporan.tampilkan("judul")')
"""

from __future__ import annotations

import nbformat

from simkit.report.sajian import bagian

PARAMETER = '''# Parameter laporan (diisi papermill oleh `simkit run`).
keluaran = "."  # folder hasil simkit run: tabel/, grafik/, manifest.json
lang = "id"  # bahasa laporan: "id" atau "en"
skenario = ""  # berkas skenario (hanya untuk ditampilkan)'''

PEMBUKA = '''%matplotlib inline
from simkit.report.sajian import Laporan

laporan = Laporan(keluaran, lang, skenario)'''


def notebook_laporan(periode: bool = False) -> nbformat.NotebookNode:
    """The report notebook (kernel ``python3``), not yet executed; ``periode``: with the
    multi-year section (a run with several years)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(PARAMETER, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(PEMBUKA),
                *(nbformat.v4.new_code_cell(f'laporan.tampilkan("{b}")') for b in bagian(periode))]
    for i, c in enumerate(nb.cells):  # stable ids: same notebook, same bytes
        c["id"] = f"sel-{i:02d}"
    return nb
