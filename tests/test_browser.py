"""Real-browser tests of the offline HTML report: Chromium opens ``laporan.html`` from disk.

A small scenario is run once per language (Indonesian and English) for the whole module.
Chromium (Debian's, started through Playwright) then opens each ``laporan.html`` once,
records every request, console message and page error, and reads the rendered page
(headings, kartu reformasi, images, tables). The tests assert on that record: the report
loads nothing from outside (only ``file:`` and ``data:`` URLs), runs without errors, is
JS-free and is written in the language asked for.

Chromium is searched in ``$SIMKIT_CHROMIUM``, ``/usr/bin/chromium``,
``/usr/lib/chromium/chromium``, then Playwright's own browser. Without Playwright or a
browser the tests are skipped, unless ``SIMKIT_REQUIRE_BROWSER=1`` (set by ``.ci/run``):
then they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from analisis_data import skenario_laporan

import simkit.report  # noqa: F401 - registers the report texts used by t()
from simkit.i18n import t
from simkit.orchestration.run import run
from simkit.report.sajian import bagian, judul_bagian

BAGIAN = bagian()

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Request, Route

pytestmark = pytest.mark.browser

SKENARIO: dict[str, Any] = skenario_laporan("Uji peramban", 7, 300)
STABILITAS_R = 2
"""Two redraws: enough to render the stability table and chart, cheap to compute."""

LANGS = ("id", "en")
KANDIDAT = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
ARGUMEN = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-default-apps", "--no-first-run"]
LAYAR = {"width": 1280, "height": 900}
SKEMA_LOKAL = ("file:", "data:")
MIN_TABEL = 10
"""The small scenario renders 12 tables; fewer than 10 means sections went missing."""

PLACEHOLDER_ALT = "No description has been provided for this image"
"""nbconvert's alternative text for an image without one (English, whatever the language)."""

BACA_HALAMAN = """() => {
  const kotak = (e) => e.getBoundingClientRect();
  const h1 = document.querySelector('h1');
  return {
    lang: document.documentElement.lang,
    h1: h1 ? h1.textContent.trim() : null,
    h2: [...document.querySelectorAll('h2')].map(h => ({
        id: h.id, teks: h.textContent.trim(), atas: kotak(h).top + window.scrollY})),
    gambar: [...document.images].map(i => ({
        src: i.currentSrc.slice(0, 40), lengkap: i.complete, lebar: i.naturalWidth,
        tinggi: i.naturalHeight, alt: i.alt, tampil: kotak(i).width > 0})),
    tabel: [...document.querySelectorAll('table')].map(tb => ({
        baris: tb.rows.length, th: tb.querySelectorAll('th').length,
        td: tb.querySelectorAll('td').length, tinggi: kotak(tb).height})),
    skrip: document.scripts.length,
    tinggi_layar: window.innerHeight,
    teks: document.body.innerText,
  };
}"""

KARTU = ("xpath=//*[preceding::h2[@id='bagian-kartu'] and following::h2[@id='bagian-ringkasan']]"
         "/self::table")
"""The tables between the kartu reformasi heading and the next section's heading."""


# --------------------------------------------------------------------------- browser


def _tanpa_peramban(alasan: str) -> NoReturn:
    """Skip, or fail when the browser is required (CI sets ``SIMKIT_REQUIRE_BROWSER=1``)."""
    if os.environ.get("SIMKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{alasan} (SIMKIT_REQUIRE_BROWSER=1: the browser tests must run)",
                    pytrace=False)
    pytest.skip(alasan)


def cari_chromium(pw: Playwright) -> str | None:
    """``$SIMKIT_CHROMIUM``, else Debian's chromium, else Playwright's own (if installed)."""
    env = os.environ.get("SIMKIT_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for p in KANDIDAT:
        if Path(p).is_file() and os.access(p, os.X_OK):
            return p
    try:
        sendiri = pw.chromium.executable_path
    except Exception:  # no browser registered with Playwright
        return None
    return sendiri if sendiri and Path(sendiri).is_file() else None


@pytest.fixture(scope="module")
def peramban() -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        _tanpa_peramban(f"playwright cannot be imported: {exc}")
    with sync_playwright() as pw:
        exe = cari_chromium(pw)
        if exe is None:
            env = os.environ.get("SIMKIT_CHROMIUM")
            _tanpa_peramban(f"SIMKIT_CHROMIUM={env} is not a file" if env else
                            "no Chromium found (/usr/bin/chromium, /usr/lib/chromium/chromium, "
                            "Playwright's own)")
        try:
            browser = pw.chromium.launch(executable_path=exe, headless=True, args=ARGUMEN)
        except Error as exc:
            _tanpa_peramban(f"Chromium {exe} does not start: {exc}")
        try:
            yield browser
        finally:
            browser.close()


# --------------------------------------------------------------------------- report + visit


@dataclass
class Kunjungan:
    """What Chromium saw while loading one ``laporan.html``."""

    lang: str
    path: Path
    html: str
    permintaan: list[str] = field(default_factory=list)
    diblokir: list[str] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    judul: str = ""
    halaman: dict[str, Any] = field(default_factory=dict)
    kartu_tabel: list[str] = field(default_factory=list)


def _kunjungi(browser: Browser, lang: str, path: Path) -> Kunjungan:
    k = Kunjungan(lang, path, path.read_text(encoding="utf-8"))
    context = browser.new_context(viewport=LAYAR, service_workers="block")
    page = context.new_page()

    def rute(route: Route) -> None:
        url = route.request.url
        if url.startswith(SKEMA_LOKAL):
            route.continue_()
        else:
            k.diblokir.append(url)
            route.abort()

    def gagal(req: Request) -> None:
        if req.url.startswith(SKEMA_LOKAL):  # blocked ones are already in k.diblokir
            k.galat.append(f"request failed: {req.url[:80]} ({req.failure})")

    page.route("**/*", rute)
    page.on("request", lambda req: k.permintaan.append(req.url))
    page.on("requestfailed", gagal)
    page.on("console", lambda m: k.galat.append(f"console.{m.type}: {m.text}")
            if m.type in ("error", "assert") else None)
    page.on("pageerror", lambda e: k.galat.append(f"pageerror: {e}"))
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=30_000)
        page.wait_for_load_state("networkidle", timeout=10_000)
        k.judul = page.title()
        k.halaman = page.evaluate(BACA_HALAMAN)
        k.kartu_tabel = [x.inner_text() for x in page.locator(KARTU).all()]
    finally:
        context.close()
    return k


@pytest.fixture(scope="module")
def kunjungi(peramban: Browser, tmp_path_factory: pytest.TempPathFactory,
             ) -> Callable[[str], Kunjungan]:
    """``kunjungi(lang)``: run the scenario in ``lang`` and load its report (each once)."""
    cache: dict[str, Kunjungan] = {}

    def _get(lang: str) -> Kunjungan:
        if lang not in cache:
            out = tmp_path_factory.mktemp(f"peramban_{lang}") / "laporan_uji"
            run(SKENARIO, out, lang=lang, progress=False, stabilitas_R=STABILITAS_R)
            cache[lang] = _kunjungi(peramban, lang, out / "laporan.html")
        return cache[lang]

    return _get


def _teks_h2(k: Kunjungan) -> list[str]:
    return [h["teks"] for h in k.halaman["h2"]]


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("lang", LANGS)
def test_html_js_free_without_external_resource(kunjungi: Callable[[str], Kunjungan],
                                                lang: str) -> None:
    k = kunjungi(lang)
    assert not re.search(r"<script\b", k.html, re.I), "the report is meant to be JS-free"
    assert not re.search(r"require(?:\.min)?\.js|mathjax|mermaid|embed-amd|unpkg|cdnjs",
                         k.html, re.I)
    assert not re.search(r"https?://", k.html), "an http(s) URL is in the page"
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*//""", k.html, re.I)
    assert k.halaman["skrip"] == 0


@pytest.mark.parametrize("lang", LANGS)
def test_only_file_and_data_requests(kunjungi: Callable[[str], Kunjungan], lang: str) -> None:
    k = kunjungi(lang)
    assert k.diblokir == [], f"requests to outside the page: {k.diblokir}"
    assert k.permintaan, "no request recorded: the listener did not see the page load"
    assert k.permintaan[0] == k.path.as_uri()
    luar = [u for u in k.permintaan if not u.startswith(SKEMA_LOKAL)]
    assert luar == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_console_or_page_errors(kunjungi: Callable[[str], Kunjungan], lang: str) -> None:
    assert kunjungi(lang).galat == []


@pytest.mark.parametrize("lang", LANGS)
def test_title_and_headings_in_language(kunjungi: Callable[[str], Kunjungan], lang: str) -> None:
    k = kunjungi(lang)
    judul = t("laporan.judul", lang)
    assert k.halaman["lang"] == lang
    assert k.halaman["h1"] == judul
    assert k.judul == f"{judul} — {SKENARIO['nama']}"
    assert [h["id"] for h in k.halaman["h2"]] == [f"bagian-{b}" for b in BAGIAN[1:]]
    assert _teks_h2(k) == [judul_bagian(b, lang) for b in BAGIAN[1:]]


@pytest.mark.parametrize("lang", LANGS)
def test_verdict_first_on_first_screen_then_kartu(kunjungi: Callable[[str], Kunjungan],
                                                  lang: str) -> None:
    k = kunjungi(lang)
    pertama, kedua = k.halaman["h2"][:2]
    assert pertama["id"] == "bagian-putusan"
    assert pertama["teks"] == t("laporan.bagian.putusan", lang)
    assert pertama["atas"] < k.halaman["tinggi_layar"], "verdict not visible without scrolling"
    assert kedua["id"] == "bagian-kartu"
    assert kedua["teks"] == t("laporan.bagian.kartu", lang)
    assert len(k.kartu_tabel) == 1
    kartu = k.kartu_tabel[0]
    for isi in ("Reformasi ambang 105", t("sajian.parameter.ambang_hasil_di_atas", lang),
                "110", "105"):
        assert isi in kartu
    assert "ambang_hasil_di_atas" not in kartu


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_loaded(kunjungi: Callable[[str], Kunjungan], lang: str) -> None:
    gambar = kunjungi(lang).halaman["gambar"]
    assert len(gambar) >= 7  # one per chart of the scenario
    for g in gambar:
        assert g["src"].startswith("data:image/png;base64,"), g
        assert g["lengkap"] and g["lebar"] > 0 and g["tinggi"] > 0, g
        assert g["tampil"], g
        assert g["alt"] and g["alt"] != PLACEHOLDER_ALT, g


@pytest.mark.parametrize("lang", LANGS)
def test_tables_render(kunjungi: Callable[[str], Kunjungan], lang: str) -> None:
    tabel = kunjungi(lang).halaman["tabel"]
    assert len(tabel) >= MIN_TABEL
    for tb in tabel:
        assert tb["baris"] >= 2 and tb["th"] > 0 and tb["td"] > 0, tb
        assert tb["tinggi"] > 0, tb


def test_english_report_has_english_headings(kunjungi: Callable[[str], Kunjungan]) -> None:
    k = kunjungi("en")
    judul = _teks_h2(k)
    assert k.halaman["lang"] == "en"
    assert k.halaman["h1"] == "Comparison of ASN Performance-Evaluation Rules"
    for j in ("Reform card", "Summary", "Predikat distribution per rule",
              "Transitions, winners and losers", "Accuracy against the truth", "Fairness",
              "Stability", "TPP cost", "IKM per service unit"):
        assert j in judul
    assert judul[:2] == ["Verdict and its uncertainty", "Reform card"]
    for j in ("Kartu reformasi", "Ringkasan", "Keadilan", "Stabilitas", "Biaya TPP"):
        assert j not in judul
    assert "This report compares performance-evaluation rules" in k.halaman["teks"]
    assert "Predikat distribution per rule" in {g["alt"] for g in k.halaman["gambar"]}


# --------------------------------------------------------------------------- print (A4)

LAYAR_A4 = {"width": 703, "height": 1000}
"""The A4 text width in CSS px: 210 mm less the 2 × 12 mm margins of the print CSS."""

HALAMAN_MAKS = 20
"""Pages of the small scenario's report printed on A4 (16 when written, 4 of them the
appendix); the Mamuju baseline report prints on 25."""

UKUR_CETAK = """() => {
  const lebar = document.querySelector('main').getBoundingClientRect().right;
  const nama = (e) => (e.closest('.jp-OutputArea-output')?.querySelector('h2,h3')
                       ?.textContent || e.tagName).trim().slice(0, 60);
  const gulir = [...document.querySelectorAll('body *')].filter(e => {
      const s = getComputedStyle(e);
      return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
  }).map(nama);
  return {
    lebar: lebar,
    tabel: [...document.querySelectorAll('table')].map(t => ({
        nama: nama(t), kanan: t.getBoundingClientRect().right, lebar: t.scrollWidth,
        wadah: t.parentElement.clientWidth})),
    gambar: [...document.images].map(i => ({
        alt: i.alt, kanan: i.getBoundingClientRect().right, lebar: i.getBoundingClientRect().width,
        asli: i.naturalWidth})),
    gulir: gulir,
  };
}"""


@dataclass
class Cetakan:
    """The report under print media at the A4 text width, and its PDF."""

    ukur: dict[str, Any]
    pdf: bytes


def jumlah_halaman(pdf: bytes) -> int:
    """Pages of a PDF: its ``/Type /Page`` objects (not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture(scope="module")
def cetak(peramban: Browser, kunjungi: Callable[[str], Kunjungan]) -> Callable[[str], Cetakan]:
    """``cetak(lang)``: the report of ``kunjungi(lang)`` measured under print media and
    printed to an A4 PDF by Chromium (each once)."""
    cache: dict[str, Cetakan] = {}

    def _get(lang: str) -> Cetakan:
        if lang not in cache:
            path = kunjungi(lang).path
            context = peramban.new_context(viewport=LAYAR_A4, service_workers="block")
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(SKEMA_LOKAL)
                       else r.abort())
            try:
                page.goto(path.as_uri(), wait_until="load", timeout=30_000)
                page.emulate_media(media="print")
                ukur = page.evaluate(UKUR_CETAK)
                pdf = page.pdf(format="A4", print_background=True)
            finally:
                context.close()
            cache[lang] = Cetakan(ukur, pdf)
        return cache[lang]

    return _get


@pytest.mark.parametrize("lang", LANGS)
def test_print_a4_page_count(cetak: Callable[[str], Cetakan], lang: str) -> None:
    pdf = cetak(lang).pdf
    assert pdf.startswith(b"%PDF-")
    kotak = {tuple(float(v) for v in m.split()) for m in
             re.findall(rb"/MediaBox\s*\[([\d.\s]+)\]", pdf)}
    assert kotak and all(k[2] == pytest.approx(595.3, abs=1) and k[3] == pytest.approx(841.9, abs=1.5)
                         for k in kotak), f"pages are not A4 (595 × 842 pt): {kotak}"
    n = jumlah_halaman(pdf)
    assert len(re.findall(rb"/MediaBox", pdf)) == n
    assert 3 <= n <= HALAMAN_MAKS, n


@pytest.mark.parametrize("lang", LANGS)
def test_print_no_table_wider_than_the_page(cetak: Callable[[str], Cetakan], lang: str) -> None:
    u = cetak(lang).ukur
    assert u["lebar"] <= LAYAR_A4["width"]
    assert len(u["tabel"]) >= MIN_TABEL
    lebar = [tb for tb in u["tabel"]
             if tb["lebar"] > tb["wadah"] + 1 or tb["kanan"] > u["lebar"] + 1]
    assert lebar == [], f"tables wider than the A4 text width: {lebar}"
    assert u["gulir"] == [], f"scrollbars in print: {u['gulir']}"


@pytest.mark.parametrize("lang", LANGS)
def test_print_charts_at_their_drawn_size(cetak: Callable[[str], Cetakan], lang: str) -> None:
    from simkit.report.charts import DPI

    u = cetak(lang).ukur
    assert len(u["gambar"]) >= 7
    for g in u["gambar"]:
        assert g["kanan"] <= u["lebar"] + 1, g
        assert g["lebar"] == pytest.approx(g["asli"] * 96 / DPI, abs=1.5), g  # pt stays pt


TINGGI_A4 = 1016
"""The A4 text height in CSS px: 297 mm less the 2 × 14 mm margins of the print CSS."""


@pytest.mark.parametrize("lang", LANGS)
def test_verdict_of_six_rules_fits_one_a4_page(peramban: Browser, tmp_path: Path,
                                              lang: str) -> None:
    """The verdict is the one-page summary: with the default scenario's six employee-level
    rules it is no taller than one A4 page of text, and it starts a page."""
    import yaml

    root = Path(__file__).resolve().parents[1]
    bawaan = yaml.safe_load((root / "scenarios" / "mamuju_baseline.yaml").read_text("utf-8"))
    sk = {"nama": "enam aturan", "seed": 3, "populasi": {"jumlah_asn": 400},
          "aturan": bawaan["aturan"], "perbandingan": {"seed_putusan": 3, "stabilitas_R": 3}}
    out = tmp_path / "laporan"
    run(sk, out, lang=lang, progress=False)
    context = peramban.new_context(viewport=LAYAR_A4, service_workers="block")
    page = context.new_page()
    try:
        page.goto((out / "laporan.html").as_uri(), wait_until="load", timeout=30_000)
        page.emulate_media(media="print")
        tinggi, sebelum, kolom = page.evaluate("""() => {
          const a = document.getElementById('bagian-putusan');
          const b = document.getElementById('bagian-kartu');
          const t = document.querySelector('table.putusan');
          return [b.getBoundingClientRect().top - a.getBoundingClientRect().top,
                  getComputedStyle(a).breakBefore, t.rows[0].cells.length]; }""")
    finally:
        context.close()
    assert kolom == 7  # the criterion and the six rules side by side
    assert tinggi <= TINGGI_A4, f"verdict {tinggi:.0f} px tall, an A4 page holds {TINGGI_A4}"
    assert sebelum == "page"
