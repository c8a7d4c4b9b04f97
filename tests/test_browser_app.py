"""Real-browser tests of the workshop app: Chromium drives the Voila pages of ``notebooks/``.

One Voila server (the argv ``simkit workshop --app`` runs, on a free port) serves the module;
Chromium (Debian's, through Playwright, as in ``test_browser.py``) opens the rule tuner and
the calculator, moves a slider / types values and waits for the kernel's answer in the DOM.
The calculator is measured against Voila's column at two window widths. ``simkit workshop``
without ``--app`` (JupyterLab at notebooks/00) is opened at the address it prints. Every
request is recorded (and any leaving 127.0.0.1 aborted); the tests assert that none left the
machine. Screenshots are kept in pytest's temporary folder as artifacts.

Skipped without Voila, Playwright or a browser, unless ``SIMKIT_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_browser import ARGUMEN, LAYAR, _tanpa_peramban, peramban  # noqa: F401 - fixture
from test_workshop import lab_hidup, voila_hidup

from simkit.orchestration import workshop as ws

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

pytestmark = pytest.mark.browser

SKEMA_LOKAL_APP = ("data:", "blob:", "about:")
BATAS_MS = 90_000
"""A page renders in ~4 s on 2 idle cores (04 on the Mamuju population); CI may be busy."""


@pytest.fixture(scope="module")
def voila() -> Iterator[str]:
    """Base URL of a Voila server on ``notebooks/`` for the whole module."""
    if importlib.util.find_spec("voila") is None:
        _tanpa_peramban("voila is not installed (pip install voila)")
    with voila_hidup() as (dasar, _):
        yield dasar


@dataclass
class Halaman:
    """One open Voila page and every request it made."""

    page: Page
    dasar: str
    permintaan: list[str] = field(default_factory=list)
    diblokir: list[str] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def luar(self) -> list[str]:
        """Requests for another machine that the page's CSP did not refuse."""
        return [u for u in self.permintaan
                if not (u.startswith(self.dasar) or u.startswith(SKEMA_LOKAL_APP)
                        or u.startswith(self.dasar.replace("http", "ws", 1)))
                and u not in self.csp]


def buka(browser: Browser, dasar: str, notebook: str,
         layar: dict[str, int] | None = None) -> Halaman:
    """Open ``/voila/render/<notebook>``, blocking anything not on ``dasar``; wait for widgets."""
    h = buka_alamat(browser, dasar, f"voila/render/{notebook}", layar)
    h.page.locator(".widget-toggle-buttons").first.wait_for(timeout=BATAS_MS)
    return h


def buka_alamat(browser: Browser, dasar: str, path: str,
                layar: dict[str, int] | None = None) -> Halaman:
    """Open ``dasar + path`` recording every request and aborting any not on ``dasar``."""
    context = browser.new_context(viewport=layar or LAYAR, service_workers="block")
    page = context.new_page()
    h = Halaman(page, dasar)

    def rute(route: Route) -> None:
        url = route.request.url
        if url.startswith(dasar) or url.startswith(SKEMA_LOKAL_APP):
            route.continue_()
        else:
            h.diblokir.append(url)
            route.abort()

    page.route("**/*", rute)
    page.on("request", lambda req: h.permintaan.append(req.url))
    page.on("websocket", lambda w: h.permintaan.append(w.url))
    page.on("pageerror", lambda e: h.galat.append(f"pageerror: {e}"))

    def gagal(req: Request) -> None:
        if req.failure in ("csp", "net::ERR_BLOCKED_BY_CSP"):  # refused before it was sent
            h.csp.append(req.url)
        elif req.url.startswith(dasar):
            h.galat.append(f"request failed: {req.url[:80]} ({req.failure})")

    page.on("requestfailed", gagal)
    page.goto(dasar + path, wait_until="load", timeout=BATAS_MS)
    return h


def label(page: Page, teks: str):  # noqa: ANN201 - a Playwright Locator
    """The inline widget (slider, text box) whose description is exactly ``teks``."""
    return page.locator(".widget-inline-hbox").filter(
        has=page.locator(".widget-label", has_text=teks)).first


def isi_readout(kotak, nilai: str) -> None:  # noqa: ANN001
    """Type ``nilai`` into a slider's editable readout and confirm with Enter."""
    r = kotak.locator(".widget-readout")
    r.click()
    r.press("Control+a")
    r.type(nilai)
    r.press("Enter")


def _lokal_saja(h: Halaman) -> None:
    """Nothing left the machine: no request elsewhere was sent, none had to be aborted."""
    assert h.luar() == [] and h.diblokir == [], h.luar() + h.diblokir


def simpan_layar(h: Halaman, folder: Path, nama: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{nama}.png"
    h.page.screenshot(path=str(p), full_page=False)
    return p


@pytest.fixture(scope="module")
def layar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots are kept (pytest's basetemp, so the last runs stay inspectable)."""
    return tmp_path_factory.mktemp("layar_app")


# --------------------------------------------------------------------------- rule tuner

DISTRIBUSI = ".widget-html:has-text('Distribusi predikat')"
SLIDER_HASIL = "Ambang capaian hasil kerja untuk Di Atas Ekspektasi (%)"


def test_moving_a_tuner_slider_changes_the_distribution(peramban, voila, layar):  # noqa: F811
    h = buka(peramban, voila, "04_bandingkan_aturan.ipynb")
    try:
        dist = h.page.locator(DISTRIBUSI).last
        dist.wait_for(timeout=BATAS_MS)
        sebelum = dist.inner_text()
        assert "Sangat Baik" in sebelum and "(disetel)" in sebelum
        kotak = label(h.page, SLIDER_HASIL)
        assert kotak.locator(".widget-readout").inner_text().strip() == "110"
        simpan_layar(h, layar, "penyetel_sebelum")
        isi_readout(kotak, "100")  # a lower bar for Di Atas Ekspektasi: more Sangat Baik
        h.page.wait_for_function(
            "([sel, lama]) => { const e = [...document.querySelectorAll('.widget-html')]"
            ".filter(x => x.innerText.includes('Distribusi predikat')).pop();"
            " return e && e.innerText !== lama; }",
            arg=[DISTRIBUSI, sebelum], timeout=BATAS_MS)
        sesudah = dist.inner_text()
        assert kotak.locator(".widget-readout").inner_text().strip() == "100"
        simpan_layar(h, layar, "penyetel_sesudah")
        m = re.search(r"Sangat Baik\s+([\d,]+)\s*%\s+([\d,]+)\s*%", sesudah)
        assert m, sesudah
        dasar, disetel = (float(x.replace(",", ".")) for x in m.groups())
        assert disetel > dasar, sesudah  # the tuned rule gives more Sangat Baik than the base
        _lokal_saja(h)
        assert not h.galat, h.galat
    finally:
        h.page.context.close()


# --------------------------------------------------------------------------- calculator

TRAIL_80 = "capaian hasil kerja (%): 80 [≥ 110 / ≥ 90] → Di Bawah Ekspektasi"
"""Target 20 minutes, realisasi 24, lower is better: (2 - 24/20) x 100 = 80 % < 90."""


def _baris_pertama(page: Page) -> str:
    return page.locator(".widget-html table tr").nth(1).inner_text()


def test_typing_into_the_calculator_gives_the_predikat_and_its_trail(peramban, voila,  # noqa: F811
                                                                     layar):
    h = buka(peramban, voila, "02_kalkulator_saya.ipynb")
    try:
        page = h.page
        page.locator(".widget-html table").first.wait_for(timeout=BATAS_MS)
        # 30 minutes target, 24 realised: capaian (2 - 24/30) x 100 = 120 % → Di Atas
        # Ekspektasi; BerAKHLAK 4 < 4.25 → Sesuai Ekspektasi; kuadran → Baik.
        assert _baris_pertama(page).split("\t")[:2] == ["PermenPANRB 6/2022 (kuadran kinerja)",
                                                       "Baik"]
        simpan_layar(h, layar, "kalkulator_sebelum")
        target = label(page, "Target").locator("input")
        target.fill("20")
        target.press("Enter")
        page.wait_for_function(
            "() => { const r = document.querySelector('.widget-html table tr:nth-child(2)');"
            " return r && r.innerText.includes('Butuh Perbaikan'); }", timeout=BATAS_MS)
        assert _baris_pertama(page).split("\t")[1] == "Butuh Perbaikan"
        judul = page.locator(".lm-AccordionPanel-title, .jupyter-widget-Collapse-header",
                             has_text="PermenPANRB 6/2022 (kuadran kinerja): Butuh Perbaikan")
        judul.first.click()
        jejak = page.locator("pre", has_text="Jejak").or_(page.locator("pre")).filter(
            has_text="capaian hasil kerja (%)").first
        jejak.wait_for(state="visible", timeout=BATAS_MS)
        assert TRAIL_80 in jejak.inner_text()
        simpan_layar(h, layar, "kalkulator_sesudah")
        _lokal_saja(h)
        assert not h.galat, h.galat
    finally:
        h.page.context.close()


UKUR_KALKULATOR = """() => {
  const luar = [...document.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.querySelector('.widget-html table')).pop();
  const kanan = (e) => e.getBoundingClientRect().right;
  const tabel = luar.querySelector('.widget-html table');
  const kotak = tabel.closest('.widget-html');
  const lewat = [...luar.querySelectorAll('*')]
      .filter(e => e.getBoundingClientRect().width > 0 && kanan(e) > kanan(luar) + 0.5)
      .map(e => `${e.tagName}.${String(e.className).slice(0, 60)} ${Math.round(kanan(e))}`);
  return {halaman: document.documentElement.scrollWidth, layar: innerWidth,
          kolom: Math.round(luar.getBoundingClientRect().width), lewat: lewat,
          tabel: kanan(tabel), kotak: kanan(kotak), kalkulator: kanan(luar),
          badan: kanan(document.body)};
}"""
"""The calculator's output area (the one holding the results table): the page's width, and
every element of the calculator whose right edge passes the output area's."""


@pytest.mark.parametrize("lebar", [1280, 760])
def test_the_calculator_fits_the_voila_column(peramban, voila, layar, lebar):  # noqa: F811
    """Nothing of the calculator (inputs, each section opened in turn, results table, trail)
    reaches past the right edge of Voila's column; 760 px stands for a laptop's narrow window.
    Until the summary's page styles were scoped, its ``body { max-width: 180mm }`` narrowed the
    whole page to 680 px and clipped the table's right half."""
    h = buka(peramban, voila, "02_kalkulator_saya.ipynb", {"width": lebar, "height": 800})
    try:
        page = h.page
        page.locator(".widget-html table").first.wait_for(timeout=BATAS_MS)
        judul = page.locator(".jupyter-widget-Collapse-header")
        for i in range(judul.count()):  # the input sections, then each rule's explanation
            if i:
                judul.nth(i).click()
            page.wait_for_timeout(200)
            u = page.evaluate(UKUR_KALKULATOR)
            teks = f"{judul.nth(i).inner_text()} at {lebar} px: {u}"
            assert u["halaman"] <= u["layar"], teks
            assert u["kolom"] >= lebar - 60, teks  # the page's column, not a narrowed one
            assert u["tabel"] <= u["kotak"] <= u["kalkulator"] <= u["badan"], teks
            assert u["lewat"] == [], teks
        simpan_layar(h, layar, f"kalkulator_{lebar}")
        _lokal_saja(h)
        assert not h.galat, h.galat
    finally:
        h.page.context.close()


# --------------------------------------------------------------------------- language


def test_switching_the_language_turns_the_calculator_english(peramban, voila, layar):  # noqa: F811
    h = buka(peramban, voila, "02_kalkulator_saya.ipynb")
    try:
        page = h.page
        page.locator(".widget-html table").first.wait_for(timeout=BATAS_MS)
        assert page.get_by_text("Kalkulator Kinerja Saya", exact=True).is_visible()
        page.locator(".widget-toggle-button", has_text="English").first.click()
        page.get_by_text("Rating under each rule", exact=True).wait_for(timeout=BATAS_MS)
        page.wait_for_function(
            "() => { const r = document.querySelector('.widget-html table tr');"
            " return r && r.innerText.startsWith('Rule'); }", timeout=BATAS_MS)
        simpan_layar(h, layar, "kalkulator_en")
        teks = page.inner_text("body")
        assert "Language" in teks and "My performance calculator" in teks  # the switch, intro
        assert "Rating" in page.locator(".widget-html table tr").first.inner_text()
        _lokal_saja(h)
        assert not h.galat, h.galat
    finally:
        h.page.context.close()


# --------------------------------------------------------------------------- network


def test_the_landing_page_sends_no_request_off_the_machine(peramban, voila, layar):  # noqa: F811
    h = buka(peramban, voila, "app.ipynb")
    try:
        h.page.wait_for_load_state("networkidle", timeout=BATAS_MS)
        simpan_layar(h, layar, "app")
        assert any(u.startswith(voila + "voila/render/app.ipynb") for u in h.permintaan)
        _lokal_saja(h)
        # Voila 0.5's lab template links Font Awesome from a CDN: the app's CSP refuses it
        assert all(u.startswith("https://cdn.jsdelivr.net/") for u in h.csp), h.csp
        assert ws.CSP_APP.startswith("default-src 'self' ")
    finally:
        h.page.context.close()


# --------------------------------------------------------------------------- JupyterLab mode

LOKAL_LAB = ("http://127.0.0.1:", "ws://127.0.0.1:", "http://localhost:", "ws://localhost:",
             *SKEMA_LOKAL_APP)
BERITA_LAB = ("/lab/api/news", "/lab/api/update")
"""JupyterLab's announcements plugin: the news feed and the update check it asks the server
for (the server would fetch them from jupyter.org / PyPI)."""
KONFIG_PENGUMUMAN = "/api/config/jupyterlabapputilsextensionannouncements"
"""The plugin's only other request: it reads its saved state from this server's config."""
PENGATURAN_HALAMAN = """async () => {
  const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '';
  const r = await fetch('/lab/api/settings/@jupyterlab/apputils-extension:notification',
                        {headers: {'X-XSRFToken': xsrf}});
  return (await r.json()).settings;
}"""


def test_jupyterlab_via_the_command_requests_nothing_off_the_machine(peramban, layar,  # noqa: F811
                                                                     tmp_path):
    """``simkit workshop`` (no ``--app``) as a user starts it: JupyterLab opens the address it
    prints (notebooks/00), renders the notebook and starts its kernel; every request stays on
    127.0.0.1, none asks for news or updates, and no news pop-up shows."""
    if importlib.util.find_spec("jupyterlab") is None:
        _tanpa_peramban("jupyterlab is not installed")
    with lab_hidup(tmp_path, lang="id") as lab:
        alamat = lab.alamat()
        assert alamat == lab.dasar + "lab/tree/00_mulai_di_sini.ipynb", alamat  # no token
        h = buka_alamat(peramban, lab.dasar, alamat.removeprefix(lab.dasar))
        try:
            page = h.page
            page.locator(".jp-MarkdownCell h1", has_text="Mulai di sini").first.wait_for(
                timeout=BATAS_MS)
            page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=BATAS_MS)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                         ".jp-Toolbar-kernelStatus, #jp-main-statusbar").first.wait_for(
                timeout=BATAS_MS)
            page.wait_for_function(
                "() => document.body.innerText.includes('Python 3 (ipykernel) | Idle')",
                timeout=BATAS_MS)  # the kernel is up: the page has done its start-up requests
            page.wait_for_timeout(2000)  # the announcements plugin asks after start-up
            simpan_layar(h, layar, "lab_00")
            atur = page.evaluate(PENGATURAN_HALAMAN)  # what the page itself was given
            assert (atur["fetchNews"], atur["checkForUpdates"]) == ("false", False), atur
            semua = h.permintaan
            assert any(u.startswith(lab.dasar + "api/kernels") for u in semua), semua
            luar = [u for u in semua if not u.startswith(LOKAL_LAB)]
            assert luar == [] and h.diblokir == [], luar + h.diblokir
            berita = [u for u in semua if any(b in u for b in BERITA_LAB)
                      or ("announcement" in u and KONFIG_PENGUMUMAN not in u)]
            assert berita == [], berita
            assert page.locator(".Toastify__toast").count() == 0, page.locator(
                ".Toastify__toast").all_inner_texts()
            assert "berita" not in page.inner_text("body").lower()
            assert not h.galat, h.galat
        finally:
            h.page.context.close()
