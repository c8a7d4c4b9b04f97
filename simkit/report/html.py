"""The HTML report: run ``laporan.ipynb`` with papermill, convert it with nbconvert, offline.

The notebook runs in-process (``papermill.execute_notebook``, kernel ``python3``) with the
run folder as its working directory, so the executed ``laporan.ipynb`` left in that folder
opens and re-runs anywhere. nbconvert's :class:`~nbconvert.HTMLExporter` then uses the
``offline`` template (``templates/offline``: the lab template minus require.js, MathJax,
the widget manager and mermaid), hides code (``exclude_input``) and inlines every image
(``embed_images``): the page has no external URL.

papermill and nbconvert are imported here only, when a report is written (``import
papermill`` costs over a second).

>>> from simkit.report.html import opsi_exporter
>>> sorted(opsi_exporter("id"))[:3]
['embed_images', 'exclude_input', 'exclude_input_prompt']
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from simkit.errors import galat
from simkit.i18n import get_lang
from simkit.report import NOTEBOOK, TEMPLATES

KERNEL = "python3"
"""Kernel name passed to papermill (the notebook is committed with the same kernelspec)."""

TEMPLATE = "offline"


def opsi_exporter(lang: str) -> dict[str, Any]:
    """Keyword arguments of the HTMLExporter: offline template, no code, images inline."""
    return {
        "template_name": TEMPLATE,
        "extra_template_basedirs": [str(TEMPLATES)],
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "embed_images": True,
        "language_code": lang,
    }


@contextmanager
def _simkit_terjangkau() -> Iterator[None]:
    """Let the kernel import simkit even when it is not installed (source checkout)."""
    root = str(Path(__file__).resolve().parents[2])
    lama = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = root if not lama else os.pathsep.join([root, lama])
    try:
        yield
    finally:
        if lama is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = lama


def jalankan_notebook(folder: str | Path, lang: str | None = None, skenario: str = "",
                      notebook: str | Path = NOTEBOOK) -> Path:
    """Execute ``notebook`` on run folder ``folder``; write and return ``folder/laporan.ipynb``.

    A failing cell raises a :class:`~simkit.errors.SimkitError` naming the cell's error.
    """
    import papermill as pm

    folder = Path(folder)
    out = folder / "laporan.ipynb"
    with _simkit_terjangkau():
        try:
            pm.execute_notebook(str(notebook), str(out),
                                parameters={"keluaran": ".", "lang": lang or get_lang(),
                                            "skenario": skenario},
                                kernel_name=KERNEL, progress_bar=False, log_output=False,
                                cwd=str(folder))
        except pm.PapermillExecutionError as exc:
            raise galat("laporan_gagal", berkas=str(notebook),
                        detail=f"{exc.ename}: {exc.evalue}") from None
    return out


def ke_html(notebook: str | Path, html_path: str | Path, lang: str | None = None,
            judul: str | None = None) -> Path:
    """Convert an executed notebook to a self-contained offline HTML page."""
    import nbformat
    from nbconvert import HTMLExporter

    lang = lang or get_lang()
    nb = nbformat.read(str(notebook), as_version=4)
    if judul:
        nb.metadata["title"] = judul
    nb.metadata.pop("widgets", None)
    exporter = HTMLExporter(**opsi_exporter(lang))
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": judul or Path(notebook).stem}})
    html_path = Path(html_path)
    html_path.write_text(body, encoding="utf-8")
    return html_path


def tulis_laporan(folder: str | Path, lang: str | None = None, skenario: str = "",
                  judul: str | None = None) -> tuple[Path, Path]:
    """Execute the report notebook in ``folder`` and write ``laporan.html`` beside it."""
    nb = jalankan_notebook(folder, lang, skenario)
    return nb, ke_html(nb, Path(folder) / "laporan.html", lang, judul)
