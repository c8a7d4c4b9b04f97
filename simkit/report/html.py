"""The HTML report: run the report notebook with papermill, convert it with nbconvert, offline.

The notebook runs in-process (``papermill.execute_notebook``, kernel ``python3``) with the
run folder as its working directory, so the executed ``laporan.ipynb`` left in that folder
opens and re-runs anywhere. nbconvert's :class:`~nbconvert.HTMLExporter` then uses the
``offline`` template (``templates/offline``: the lab template minus require.js, MathJax,
the widget manager and mermaid), hides code (``exclude_input``) and inlines every image
(``embed_images``): the page has no external URL.

:class:`KernelLaporan` starts the report kernel early and gives it work (imports, charts)
while the main process is still generating and comparing; papermill then runs the notebook
on that warm kernel. papermill and nbconvert are imported only when a report is written
(``import papermill`` costs over a second).

>>> from simkit.report.html import opsi_exporter
>>> sorted(opsi_exporter("id"))[:3]
['embed_images', 'exclude_input', 'exclude_input_prompt']
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from simkit.errors import galat
from simkit.i18n import get_lang
from simkit.report import TEMPLATES

KERNEL = "python3"
"""Kernel name passed to papermill (the notebook is committed with the same kernelspec)."""

TEMPLATE = "offline"

ARGUMEN_KERNEL = ["--IPKernelApp.log_level=ERROR"]
"""Silences the kernel's start-up warnings (e.g. unencrypted local TCP) on the user's terminal."""

BATAS_WAKTU = 600
"""Seconds to wait for the report kernel's work before giving up."""

PEMANASAN = ("import simkit.report.sajian, simkit.report.charts, matplotlib.pyplot, "
             "IPython.display")
"""Warm-up code sent to the report kernel as soon as it starts."""


_CSS_URL = re.compile(r"/\*(?:(?!\*/).)*?https?://.*?\*/", re.S)
"""CSS comments of the lab theme that cite web pages (credits, not requests): dropped so the
page carries no external URL at all."""


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


def lingkungan_kernel() -> dict[str, str]:
    """The kernel's environment: ours, with simkit importable even from a source checkout."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([root, env["PYTHONPATH"]]) if env.get(
        "PYTHONPATH") else root
    return env


class KernelLaporan:
    """A ``python3`` kernel started in ``folder`` that works while the caller does other things.

    >>> with KernelLaporan(".") as k:                         # doctest: +SKIP
    ...     k.kirim("x = 1")            # returns at once
    ...     k.tunggu()                  # waits; a failing snippet raises SimkitError
    """

    def __init__(self, folder: str | Path) -> None:
        from jupyter_client import KernelManager

        self.folder = Path(folder)
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(cwd=str(self.folder), env=lingkungan_kernel(),
                             extra_arguments=list(ARGUMEN_KERNEL))
        self.kc = self.km.client()
        self.kc.start_channels()
        self._tunggu: list[str] = []
        self.kirim(PEMANASAN)

    def kirim(self, kode: str) -> str:
        """Queue ``kode`` for execution in the kernel; returns at once."""
        mid = self.kc.execute(kode, silent=True, store_history=False)
        self._tunggu.append(mid)
        return mid

    def tunggu(self, batas: float = BATAS_WAKTU) -> None:
        """Wait until everything sent has run; an error there is a SimkitError."""
        akhir = time.monotonic() + batas
        while self._tunggu:
            sisa = akhir - time.monotonic()
            if sisa <= 0:
                raise galat("laporan_gagal", detail=f"timeout {batas:.0f} s")
            msg = self.kc.get_shell_msg(timeout=sisa)
            pid = msg.get("parent_header", {}).get("msg_id")
            if pid not in self._tunggu:
                continue
            self._tunggu.remove(pid)
            isi = msg.get("content", {})
            if isi.get("status") != "ok":
                raise galat("laporan_gagal", detail=f"{isi.get('ename')}: {isi.get('evalue')}")

    def tutup(self) -> None:
        """Stop the kernel (also after an error or Ctrl-C)."""
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)

    def __enter__(self) -> KernelLaporan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.tutup()


def jalankan_notebook(folder: str | Path, lang: str | None = None, skenario: str = "",
                      notebook: str | Path | None = None, kernel: KernelLaporan | None = None,
                      ) -> Path:
    """Execute ``notebook`` (default: :func:`~simkit.report.notebook.notebook_laporan`) on run
    folder ``folder``; write and return ``folder/laporan.ipynb``.

    ``kernel``: a started :class:`KernelLaporan` to run on (else papermill starts one).
    A failing cell raises a :class:`~simkit.errors.SimkitError` naming the cell's error.
    """
    import papermill as pm

    from simkit.report.notebook import notebook_laporan
    from simkit.report.sajian_periode import ada_periode

    folder = Path(folder)
    masukan = notebook_laporan(ada_periode(folder)) if notebook is None else str(notebook)
    out = folder / "laporan.ipynb"
    extra: dict[str, Any] = {"km": kernel.km} if kernel is not None else {
        "extra_arguments": list(ARGUMEN_KERNEL)}
    env_lama = os.environ.get("PYTHONPATH")
    if kernel is None:
        os.environ["PYTHONPATH"] = lingkungan_kernel()["PYTHONPATH"]
    try:
        pm.execute_notebook(masukan, str(out),
                            parameters={"keluaran": ".", "lang": lang or get_lang(),
                                        "skenario": skenario},
                            kernel_name=KERNEL, progress_bar=False, log_output=False,
                            cwd=str(folder), **extra)
    except pm.PapermillExecutionError as exc:
        raise galat("laporan_gagal", berkas=str(notebook or out),
                    detail=f"{exc.ename}: {exc.evalue}") from None
    finally:
        if kernel is None:
            if env_lama is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = env_lama
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
    html_path.write_text(_CSS_URL.sub("", body), encoding="utf-8")
    return html_path


def tulis_laporan(folder: str | Path, lang: str | None = None, skenario: str = "",
                  judul: str | None = None, kernel: KernelLaporan | None = None,
                  ) -> tuple[Path, Path]:
    """Execute the report notebook in ``folder`` and write ``laporan.html`` beside it."""
    nb = jalankan_notebook(folder, lang, skenario, kernel=kernel)
    return nb, ke_html(nb, Path(folder) / "laporan.html", lang, judul)
