"""Screenshots of the workshop app for the README: one PNG per notebook Voila renders.

Starts Voila on ``notebooks/`` (the ``simkit workshop --app`` argv), opens every
``notebooks/*.ipynb`` in Debian's Chromium (through Playwright, nothing from the network)
and saves the first screen of its main widget to ``docs/gambar/app_<notebook>.png``.

    PYTHONPATH=$PWD /work/main/.venv/bin/python benchmarks/tangkap_layar.py [--folder DIR]
        [NOTEBOOK ...]

Reuses the helpers of ``tests/test_browser_app.py`` (server, page, request blocking).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import ARGUMEN, cari_chromium  # noqa: E402
from test_browser_app import buka  # noqa: E402
from test_workshop import NB, voila_hidup  # noqa: E402

TINGGI_MAKS = 900
"""Pixels kept of each widget: its first screen, enough to recognise it in the README."""

CARI_WIDGET = """() => {
  const luar = [...document.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.querySelector('.jupyter-widgets'));
  const besar = luar.sort((a, b) => b.getBoundingClientRect().height
                                   - a.getBoundingClientRect().height)[0];
  const e = besar || document.body;
  const r = e.getBoundingClientRect();
  return {y: r.top + window.scrollY, h: r.height,
          halaman: document.documentElement.scrollHeight};
}"""
"""The tallest widget output of the page (the notebook's main widget) and the page height."""
LAYAR_TINGGI = {"width": 1280, "height": 3000}
"""Voila scrolls inside its own panel: a tall window lays the whole widget out at once."""
MIN_WIDGET = 300
"""A shorter tallest widget is only the language switch: then the page is shot from its top."""


def kecilkan(p: Path) -> None:
    """Re-save ``p`` with a 128-colour palette (a widget has few colours; ~3x smaller)."""
    from PIL import Image

    with Image.open(p) as im:
        im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
            p, optimize=True)


def tangkap(notebooks: list[str], folder: Path) -> list[Path]:
    """Save one screenshot per notebook in ``folder``; return their paths."""
    from playwright.sync_api import Error, sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    keluar: list[Path] = []
    with sync_playwright() as pw, voila_hidup() as (dasar, _):
        exe = cari_chromium(pw)
        if exe is None:
            raise SystemExit("no Chromium found (/usr/bin/chromium)")
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=ARGUMEN)
        try:
            for nb in notebooks:
                try:
                    h = buka(browser, dasar, nb, LAYAR_TINGGI)
                except Error as exc:  # a notebook without widgets: the whole first screen
                    print(f"{nb}: no widget rendered ({exc.__class__.__name__})")
                    continue
                try:
                    h.page.wait_for_load_state("networkidle", timeout=30_000)
                    k = h.page.evaluate(CARI_WIDGET)
                    p = folder / f"app_{Path(nb).stem}.png"
                    y = k["y"] if k["h"] >= MIN_WIDGET and k["y"] < k["halaman"] - 1 else 0
                    try:
                        h.page.screenshot(path=str(p), full_page=True, clip={
                            "x": 0, "y": y, "width": LAYAR_TINGGI["width"],
                            "height": max(min(TINGGI_MAKS, k["halaman"] - y), 1)})
                    except Error:  # the page is shorter than measured: its first screen
                        h.page.screenshot(path=str(p))
                    kecilkan(p)
                    keluar.append(p)
                    print(f"{nb}: {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p} "
                          f"({p.stat().st_size // 1024} KiB)")
                finally:
                    h.page.context.close()
        finally:
            browser.close()
    return keluar


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook", nargs="*", help="default: every notebooks/*.ipynb")
    ap.add_argument("--folder", type=Path, default=ROOT / "docs" / "gambar")
    a = ap.parse_args(argv)
    nbs = a.notebook or sorted(p.name for p in NB.glob("*.ipynb"))
    tangkap(nbs, a.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
