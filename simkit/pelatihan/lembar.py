"""Handouts (lembar bagikan) of the training kit: one-page cards and the exercise sheet, as
offline HTML and PDF.

Every handout is a :class:`Dokumen` (title, blocks) made by a builder listed in
:data:`LEMBAR`, then written twice: as self-contained HTML (no script, no font, no URL from
outside; print CSS for A4; greys and labels, never colour alone) and as PDF with ``fpdf2``
(pure Python, the DejaVu fonts matplotlib ships embedded for Indonesian text and symbols).

Sources, all under the training folder (``training/``):

* ``lembar/<nama>.yaml``: a card's text, bilingual::

      judul: {id: "Kuadran kinerja", en: "The performance quadrant"}
      isi:
        id: |
          Paragraphs, `- ` bullets, `1. ` lists, `## ` headings, `| pipe | tables |`,
          **bold**, *italic*. A line `{{tabel kuadran}}` puts a table built from the engine;
          inline `{{p permenpanrb_6_2022 ambang_hasil_di_atas}}` a parameter's value.
        en: |
          ...
      sumber: {id: "...", en: "..."}     # the regulations, printed at the foot

  Tables and examples (``{{tabel ...}}``, ``{{contoh ...}}``: :data:`ARAHAN`) read the numbers
  from ``simkit/rules/params/*.yaml`` and compute the examples with the rules themselves, so
  no number on paper drifts from the engine.
* ``faq-keberatan.yaml``: the objection bank (format: :mod:`simkit.pelatihan.keberatan`) →
  the FAQ card: per objection the question, the short answer ``ringkas`` and the rule, on one
  A4 page at :data:`HURUF_FAQ` pt or more.
* ``episodes/NN-*.md`` (English: ``episodes/en/``): every ``::: latihan {#id}`` block, without
  its ``::: solusi``, → the exercise sheet.

>>> d = blok_md("Teks **tebal**.\\n\\n- satu\\n- dua")
>>> [(b.jenis, b.teks or b.butir) for b in d]
[('p', 'Teks **tebal**.'), ('ul', ('satu', 'dua'))]
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from simkit.atomic import atomic_path
from simkit.errors import Masalah, SimkitError, galat
from simkit.i18n import LANGS, label, t
from simkit.kosakata import PREDIKAT, RATING
from simkit.manifest import build_manifest, periksa_folder_keluaran, versions, write_manifest
from simkit.pelatihan.episode import POLA_ID_LATIHAN, Episode, baca_episode
from simkit.pelatihan.formulir import formulir_kertas_html
from simkit.pelatihan.instrumen import muat_instrumen
from simkit.pelatihan.keberatan import muat_keberatan
from simkit.population.schema import BERAKHLAK, UNSUR_SKM
from simkit.presentation.format import angka, nilai_teks
from simkit.rules import get_rule
from simkit.rules.iki import capaian_iki
from simkit.rules.params import load_params
from simkit.rules.permenpanrb_14_2017 import MUTU
from simkit.yamlloc import line_of, read_yaml_file

KELUARAN_BAWAAN = Path("keluaran") / "lembar"
"""Where ``simkit pelatihan bangun`` writes without ``--keluaran``."""

FOLDER_BAWAAN = Path("training")
"""The training folder the sources are read from without ``--folder``."""

UKURAN_HURUF = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
"""Body font sizes (pt) tried, largest first, until a one-page card fits one A4 page."""

HURUF_FAQ = 7.5
"""The smallest body size (pt) of the FAQ card: below it the card is no longer readable."""

HALAMAN_A4 = (210.0, 297.0)
MARGIN_MM = 13.0
ARSIR = ("#ffffff", "#eeeeee", "#dddddd", "#c8c8c8", "#b0b0b0")
"""Greys of shaded table cells (0 = none): black text keeps a contrast above 9:1 on each, and
every shaded cell also says what it means in words."""


# --------------------------------------------------------------------------- document model


@dataclass(frozen=True)
class Sel:
    """One table cell: text (inline Markdown), bold, a grey level of :data:`ARSIR`, header cell or not."""

    teks: str
    tebal: bool = False
    arsir: int = 0
    kepala: bool = False


@dataclass(frozen=True)
class Blok:
    """One block of a handout. ``jenis``: ``h2``, ``h3``, ``p``, ``kecil`` (small print),
    ``ul``, ``ol``, ``kode`` (preformatted), ``tabel`` (``baris``, the first row is the
    header), ``garis`` (``n`` blank lines to write an answer on), ``arahan`` (a ``{{...}}``
    line, replaced before output)."""

    jenis: str
    teks: str = ""
    butir: tuple[str, ...] = ()
    baris: tuple[tuple[Sel, ...], ...] = ()
    lebar: tuple[float, ...] = ()
    n: int = 0
    gabung_akhir: bool = False
    """tabel: the last row is one cell across the whole table (its first cell)."""
    letak: int | None = None
    """The source line, for located errors."""


@dataclass(frozen=True)
class Dokumen:
    """A handout in one language, before it is written as HTML and PDF."""

    nama: str
    lang: str
    judul: str
    blok: tuple[Blok, ...]
    sumber: str = ""
    kolom: int = 1
    berkas: tuple[Path, ...] = ()
    """The source files it was built from (hashed into the manifest)."""


# --------------------------------------------------------------------------- mini Markdown

_ARAHAN = re.compile(r"^\{\{\s*([a-z_]+(?:\s+[a-z0-9_]+)*)\s*\}\}$")
_PARAM = re.compile(r"\{\{\s*p\s+([a-z0-9_]+)\s+([a-z0-9_]+)((?:\s+[A-Za-z0-9_]+)*)\s*\}\}")
_OL = re.compile(r"^\d+[.)]\s+")
_MIRING = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])")
"""*italic*: single stars around text, not the stars of **bold**."""


def _sel_baris(baris: str) -> list[str]:
    return [c.strip() for c in baris.strip().strip("|").split("|")]


def blok_md(teks: str, baris_awal: int = 1) -> list[Blok]:
    """Blocks of a small Markdown subset: paragraphs, ``#``/``##``/``###`` headings, ``-``/``*``
    and ``1.`` lists (indented lines continue an item), pipe tables (first row the header; a
    ``|---|`` row is skipped), fenced code (```` ``` ````), ``>`` quotes (as paragraphs) and
    ``{{...}}`` directive lines.

    >>> [b.jenis for b in blok_md("## Judul\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n{{tabel kuadran}}")]
    ['h2', 'tabel', 'arahan']
    """
    out: list[Blok] = []
    para: list[str] = []
    daftar: list[str] = []
    jenis_daftar = ""
    tabel: list[tuple[Sel, ...]] = []
    awal = baris_awal

    def tutup() -> None:
        nonlocal para, daftar, tabel, jenis_daftar
        if para:
            out.append(Blok("p", " ".join(para), letak=awal))
        if daftar:
            out.append(Blok(jenis_daftar, butir=tuple(daftar), letak=awal))
        if tabel:
            kepala = tuple(replace(s, kepala=True, tebal=True) for s in tabel[0])
            out.append(Blok("tabel", baris=(kepala, *tabel[1:]), letak=awal))
        para, daftar, tabel, jenis_daftar = [], [], [], ""

    kode: list[str] | None = None
    for i, mentah in enumerate(teks.splitlines()):
        no = baris_awal + i
        s = mentah.strip()
        if kode is not None:
            if s.startswith("```"):
                out.append(Blok("kode", "\n".join(kode), letak=awal))
                kode = None
            else:
                kode.append(mentah.rstrip())
            continue
        if s.startswith("```"):
            tutup()
            kode, awal = [], no
            continue
        if not s:
            tutup()
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip() or s
        m_ol = _OL.match(s)
        if s.startswith("|"):
            if not tabel:
                tutup()
                awal = no
            sel = _sel_baris(s)
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in sel):
                tabel.append(tuple(Sel(c) for c in sel))
        elif _ARAHAN.match(s):
            tutup()
            out.append(Blok("arahan", _ARAHAN.match(s).group(1), letak=no))  # type: ignore[union-attr]
        elif s.startswith("#"):
            tutup()
            level = len(s) - len(s.lstrip("#"))
            out.append(Blok("h3" if level >= 3 else "h2", s.lstrip("#").strip(), letak=no))
        elif s[:2] in ("- ", "* ") or m_ol:
            jenis = "ol" if m_ol else "ul"
            if para or tabel or (daftar and jenis != jenis_daftar):
                tutup()
            if not daftar:
                awal = no
            jenis_daftar = jenis
            daftar.append(s[m_ol.end():] if m_ol else s[2:].strip())
        elif daftar and mentah[:1] in (" ", "\t"):
            daftar[-1] += " " + s
        else:
            if daftar or tabel:
                tutup()
            if not para:
                awal = no
            para.append(s)
    tutup()
    if kode is not None:  # an unclosed fence runs to the end
        out.append(Blok("kode", "\n".join(kode), letak=awal))
    return out


def _inline_html(teks: str) -> str:
    """Inline Markdown to HTML (escaped first).

    >>> _inline_html("**a** < *b* `c`")
    '<strong>a</strong> &lt; <em>b</em> <code>c</code>'
    """
    s = html.escape(teks, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = _MIRING.sub(r"<em>\1</em>", s)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", s)


def _inline_pdf(teks: str) -> str:
    """Inline Markdown to fpdf2's markup (``**bold**``, ``__italic__``; code as plain text).

    fpdf2's other markers in the text (``--`` underline, ``~~``, a literal ``__``) are escaped:

    >>> print(_inline_pdf("**a** *b* `c` --jejak"))
    **a** __b__ c \\--jejak
    """
    s = re.sub(r"(--|~~|__)", r"\\\1", teks)
    s = _MIRING.sub(r"__\1__", s)
    return re.sub(r"`([^`]+)`", r"\1", s)


# --------------------------------------------------------------------------- sources


def _wajib_dwibahasa(data: Mapping[str, Any], kunci: str, berkas: str, lines: dict,
                     jalur: tuple = (), nama: str = "") -> tuple[dict[str, str], list[Masalah]]:
    """(``data[kunci]`` as {id, en}, the problems: a language missing or empty). ``jalur`` is
    the YAML path of ``data`` (for the line), ``nama`` its name in messages."""
    v = data.get(kunci)
    masalah = [Masalah("bidang_wajib", berkas=berkas, baris=line_of(lines, (*jalur, kunci, lang)),
                       bidang=f"{nama + '.' if nama else ''}{kunci}.{lang}")
               for lang in LANGS
               if not isinstance(v, Mapping) or not isinstance(v.get(lang), str)
               or not v[lang].strip()]
    return ({} if masalah else {lang: str(v[lang]) for lang in LANGS}), masalah  # type: ignore[index]


def _baca_yaml(path: Path) -> tuple[dict, dict]:
    data, lines = read_yaml_file(path)
    if not isinstance(data, dict):
        raise galat("bukan_mapping", berkas=str(path), baris=1)
    return data, lines


@dataclass(frozen=True)
class Konteks:
    """Where a build reads its sources."""

    folder: Path = FOLDER_BAWAAN

    def lembar(self, nama: str) -> Path:
        return self.folder / "lembar" / f"{nama}.yaml"

    @property
    def faq(self) -> Path:
        return self.folder / "faq-keberatan.yaml"

    def episode(self, lang: str) -> list[Path]:
        d = self.folder / "episodes" / ("en" if lang == "en" else "")
        return sorted(d.glob("[0-9][0-9]-*.md"))


# --------------------------------------------------------------------------- engine tables


def _param(aturan: str, nama: str, kunci: str, lang: str) -> str:
    """A parameter's value in force as text; ``kunci`` (space-separated) walks into a mapping
    or list.

    >>> _param("permenpanrb_6_2022", "kurva_batas", "baik 0 persen", "id")
    '70'
    """
    v = load_params(aturan)[nama]
    for k in kunci.split():
        v = v[int(k)] if isinstance(v, list) else v[k]
    return nilai_teks(v, lang)


def tabel_kuadran(lang: str) -> Blok:
    """The kuadran of ``permenpanrb_6_2022``'s parameter file: rows rating hasil kerja, columns
    rating perilaku kerja, cells the predikat (shaded by rank, always with its name)."""
    m = load_params("permenpanrb_6_2022")["kuadran"]
    kolom = [RATING[2], RATING[1], RATING[0]]  # perilaku: di bawah, sesuai, di atas
    kepala = (Sel(t("pelatihan.lembar.kuadran.sudut", lang), tebal=True, kepala=True),
              *(Sel(label("rating", r, lang), tebal=True, kepala=True) for r in kolom))
    baris = [kepala]
    for h in RATING:
        sel = [Sel(label("rating", h, lang), tebal=True, kepala=True)]
        for p in kolom:
            pred = m[h][p]
            rank = PREDIKAT.index(pred)
            sel.append(Sel(label("predikat", pred, lang), tebal=rank in (0, 4),
                           arsir=rank))
        baris.append(tuple(sel))
    return Blok("tabel", baris=tuple(baris), lebar=(1.3, 1, 1, 1))


def tabel_angka_kredit(lang: str) -> Blok:
    """Predikat → percentage of the annual angka kredit coefficient (parameter file)."""
    p = load_params("permenpanrb_6_2022")["persentase_angka_kredit"]
    kepala = tuple(Sel(label("predikat", k, lang), tebal=True, kepala=True) for k in PREDIKAT)
    return Blok("tabel", baris=(kepala, tuple(Sel(f"{nilai_teks(p[k], lang)} %")
                                             for k in PREDIKAT)),
                lebar=tuple(len(label("predikat", k, lang)) + 6 for k in PREDIKAT))


def interval_mutu(lang: str | None = None) -> list[tuple[str, str, str, str]]:
    """(mutu, lowest converted IKM, highest, kinerja unit label) from the parameter file of
    ``permenpanrb_14_2017``: A from ``batas_mutu.A`` to the top of the scale, each lower grade
    up to the next bound less one unit of ``desimal_konversi``, D from the bottom.

    >>> interval_mutu("id")[0]
    ('A', '88,31', '100,00', 'Sangat Baik')
    >>> [r[1:3] for r in interval_mutu("en")[1:]]
    [('76.61', '88.30'), ('65.00', '76.60'), ('25.00', '64.99')]
    """
    p = load_params("permenpanrb_14_2017")
    d = int(p["desimal_konversi"])
    f, sk, b = float(p["faktor_konversi"]), p["skala_jawaban"], p["batas_mutu"]
    bawah = [float(b[m]) for m in MUTU[:-1]] + [float(sk["min"]) * f]
    atas = [float(sk["max"]) * f] + [x - 10 ** -d for x in bawah[:-1]]
    return [(m, angka(lo, d, lang), angka(hi, d, lang), label("kinerja_unit",
                                                               p["kinerja_unit"][m], lang))
            for m, lo, hi in zip(MUTU, bawah, atas, strict=True)]


def tabel_mutu_ikm(lang: str) -> Blok:
    """The mutu intervals of :func:`interval_mutu`, with the same bounds on the 1-4 scale."""
    f = float(load_params("permenpanrb_14_2017")["faktor_konversi"])
    kepala = tuple(Sel(t(f"pelatihan.lembar.ikm.{k}", lang), tebal=True, kepala=True)
                   for k in ("kolom_konversi", "kolom_ikm", "kolom_mutu", "kolom_kinerja"))
    baris = [kepala]
    for i, (m, lo, hi, kin) in enumerate(interval_mutu(lang)):
        def skala(x: str) -> str:
            return angka(float(x.replace(".", "").replace(",", ".")) / f if lang == "id"
                         else float(x) / f, 4, lang)
        baris.append((Sel(f"{lo} – {hi}"), Sel(f"{skala(lo)} – {skala(hi)}"),
                      Sel(m, tebal=True, arsir=i + 1 if i else 0), Sel(kin)))
    return Blok("tabel", baris=tuple(baris))


def _langkah(lang: str, kunci: str, **kw: object) -> tuple[Sel, Sel]:
    return (Sel(t(f"pelatihan.lembar.contoh.{kunci}", lang), tebal=True),
            Sel(t(f"pelatihan.lembar.contoh.{kunci}_isi", lang, **kw)))


def contoh_predikat(lang: str, contoh: Mapping[str, Any]) -> Blok:
    """The card's worked example, computed by ``permenpanrb_6_2022`` itself: indicator,
    capaian, rating hasil, behaviour scores, rating perilaku, kuadran, curve."""
    p = load_params("permenpanrb_6_2022")
    iki = contoh["iki"]
    skor = contoh["perilaku"]
    out = get_rule("permenpanrb_6_2022").evaluate_case({"iki": [iki], "perilaku": skor})
    n = lambda x, d=0: angka(x, d, lang)  # noqa: E731
    baris = (
        (Sel(t("pelatihan.lembar.contoh.kolom_langkah", lang), tebal=True, kepala=True),
         Sel(t("pelatihan.lembar.contoh.kolom_hitungan", lang), tebal=True, kepala=True)),
        _langkah(lang, "indikator", nama=contoh["nama"][lang], target=n(iki["target"]),
                 realisasi=n(iki["realisasi"]), arah=iki["arah"]),
        _langkah(lang, "capaian", realisasi=n(iki["realisasi"]), target=n(iki["target"]),
                 mentah=n(capaian_iki(np.array([iki["target"]]), np.array([iki["realisasi"]]),
                                      np.array([iki["arah"] == "turun"]))[0], 0),
                 batas=n(p["batas_atas_capaian_iki"]), capaian=n(out["capaian_hasil_kerja"], 0)),
        _langkah(lang, "rating_hasil", capaian=n(out["capaian_hasil_kerja"], 0),
                 di_atas=n(p["ambang_hasil_di_atas"]), sesuai=n(p["ambang_hasil_sesuai"]),
                 rating=label("rating", out["rating_hasil_kerja"], lang)),
        _langkah(lang, "perilaku", skor=", ".join(n(skor[v], 0) for v in BERAKHLAK),
                 rerata=n(out["perilaku_rerata"], 2), di_atas=n(p["ambang_perilaku_di_atas"], 2),
                 sesuai=n(p["ambang_perilaku_sesuai"], 2),
                 rating=label("rating", out["rating_perilaku_kerja"], lang)),
        _langkah(lang, "kuadran", hasil=label("rating", out["rating_hasil_kerja"], lang),
                 perilaku=label("rating", out["rating_perilaku_kerja"], lang),
                 predikat=label("predikat", out["predikat_kuadran"], lang)),
        _langkah(lang, "kurva", cara=p["kurva_distribusi"],
                 predikat=label("predikat", out["predikat"], lang)),
    )
    return Blok("tabel", baris=baris, lebar=(1, 3.2))


def contoh_ikm(lang: str, contoh: Mapping[str, Any]) -> Blok:
    """The IKM example computed by ``permenpanrb_14_2017`` from the card's NRR per unsur."""
    p = load_params("permenpanrb_14_2017")
    nrr = {u: float(contoh["nrr"][u]) for u in UNSUR_SKM}
    out = get_rule("permenpanrb_14_2017").evaluate_case({"nrr": nrr})
    kepala = (*(Sel(u.upper(), tebal=True, kepala=True) for u in UNSUR_SKM),)
    isi = tuple(Sel(angka(nrr[u], 2, lang)) for u in UNSUR_SKM)
    ringkas = t("pelatihan.lembar.contoh.ikm_isi", lang, jumlah=angka(sum(nrr.values()), 2, lang),
                bobot=nilai_teks(p["bobot_unsur"], lang), ikm=angka(out["ikm"], 4, lang),
                faktor=nilai_teks(p["faktor_konversi"], lang),
                konversi=angka(out["ikm_konversi"], 2, lang), mutu=out["mutu"],
                kinerja=label("kinerja_unit", out["kinerja_unit"], lang))
    return Blok("tabel", baris=(kepala, isi, (Sel(ringkas),) + (Sel(""),) * 8),
                lebar=(1,) * 9, gabung_akhir=True)


def tabel_berakhlak(lang: str, panduan: Mapping[str, Any]) -> Blok:
    """The seven values (names from the i18n catalogue) with their three panduan perilaku."""
    kepala = (Sel(t("pelatihan.lembar.berakhlak.kolom_nilai", lang), tebal=True, kepala=True),
              Sel(t("pelatihan.lembar.berakhlak.kolom_panduan", lang), tebal=True, kepala=True))
    baris = [kepala]
    for v in BERAKHLAK:
        butir = panduan[v][lang]
        baris.append((Sel(label("berakhlak", v, lang), tebal=True),
                      Sel(" ".join(f"({i}) {b}" for i, b in enumerate(butir, 1)))))
    return Blok("tabel", baris=tuple(baris), lebar=(1, 3.6))


Arahan = Callable[[str, Mapping[str, Any]], Blok]
ARAHAN: dict[str, Arahan] = {
    "tabel kuadran": lambda lang, data: tabel_kuadran(lang),
    "tabel angka_kredit": lambda lang, data: tabel_angka_kredit(lang),
    "tabel mutu_ikm": lambda lang, data: tabel_mutu_ikm(lang),
    "tabel berakhlak": lambda lang, data: tabel_berakhlak(lang, data["panduan"]),
    "contoh predikat": lambda lang, data: contoh_predikat(lang, data["contoh"]),
    "contoh ikm": lambda lang, data: contoh_ikm(lang, data["contoh"]),
}
"""The ``{{...}}`` block directives a card may use, each computed from the engine."""


# --------------------------------------------------------------------------- builders


def _isi_kartu(path: Path, data: dict, lines: dict, lang: str) -> list[Blok]:
    teks = data["isi"][lang]
    awal = (line_of(lines, ("isi", lang)) or 0) + 1
    masalah: list[Masalah] = []

    def ganti_param(m: re.Match) -> str:
        try:
            return _param(m.group(1), m.group(2), m.group(3), lang)
        except (SimkitError, KeyError, TypeError):
            masalah.append(Masalah("lembar_param_tidak_dikenal", berkas=str(path), baris=awal,
                                   bidang=f"isi.{lang}", ditemukan=m.group(0)))
            return m.group(0)

    teks = _PARAM.sub(ganti_param, teks)
    out: list[Blok] = []
    for b in blok_md(teks, awal):
        if b.jenis != "arahan":
            out.append(b)
        elif b.teks not in ARAHAN:
            masalah.append(Masalah("lembar_arahan_tidak_dikenal", berkas=str(path), baris=b.letak,
                                   bidang=f"isi.{lang}", ditemukan=f"{{{{{b.teks}}}}}",
                                   diharapkan=", ".join(f"{{{{{k}}}}}" for k in ARAHAN)))
        else:
            try:
                out.append(ARAHAN[b.teks](lang, data))
            except (KeyError, TypeError, ValueError) as exc:
                masalah.append(Masalah("lembar_arahan_data", berkas=str(path), baris=b.letak,
                                       bidang=f"isi.{lang}", ditemukan=f"{{{{{b.teks}}}}}",
                                       isi={"detail": repr(exc)}))
    if masalah:
        raise SimkitError(masalah)
    return out


def kartu(nama: str) -> Callable[[str, Konteks], Dokumen]:
    """The builder of the card whose text is ``lembar/<nama>.yaml`` in the training folder."""

    def buat(lang: str, k: Konteks) -> Dokumen:
        path = k.lembar(nama)
        data, lines = _baca_yaml(path)
        judul, m1 = _wajib_dwibahasa(data, "judul", str(path), lines)
        _, m2 = _wajib_dwibahasa(data, "isi", str(path), lines)
        if m1 or m2:
            raise SimkitError(m1 + m2)
        sumber = data.get("sumber") or {}
        return Dokumen(nama, lang, judul[lang], tuple(_isi_kartu(path, data, lines, lang)),
                       sumber=str(sumber.get(lang, "")), berkas=(path,))

    return buat


_KURUNG = re.compile(r"\s*\(([^()]*)\)")


def aturan_ringkas(aturan: str) -> str:
    """The cited rule as the FAQ card prints it: without the explanations in parentheses, but
    every assumption still flagged ``(asumsi)`` and the status tags ([C]/[S]/[U]) kept.

    >>> aturan_ringkas("PP 12/2019 Pasal 58 (TPP dengan Perkada); tpp.pengali_predikat "
    ...                "(asumsi, docs/sumber.md §11); SE 3/2023 (pola (per OPD)) [S]")
    'PP 12/2019 Pasal 58; tpp.pengali_predikat (asumsi); SE 3/2023 [S]'
    """
    s, lama = aturan, None
    while s != lama:  # innermost parentheses first; an assumption becomes a \0 mark
        lama = s
        s = _KURUNG.sub(lambda m: " \0" if "asumsi" in m.group(1) or "\0" in m.group(1)
                        else "", s)
    return re.sub(r"\s+", " ", s.replace("\0", "(asumsi)")).strip()


def lembar_faq(lang: str, k: Konteks) -> Dokumen:
    """The FAQ card, one A4 page in two columns: every objection of the bank (read and checked
    by :func:`simkit.pelatihan.keberatan.muat_keberatan`) as the question in bold followed by
    its short answer (``ringkas``), then its rule in small print (:func:`aturan_ringkas`); the
    foot sends to the facilitator guide for the full answers and the live demonstrations."""
    blok: list[Blok] = []
    for item in muat_keberatan(k.faq):
        blok += [
            Blok("p", f"**{item.keberatan[lang]}** {item.ringkas[lang]}", letak=item.baris),
            Blok("kecil", f"**{t('pelatihan.lembar.faq.aturan', lang)}:** "
                          f"{aturan_ringkas(item.aturan)}", letak=item.baris),
        ]
    return Dokumen("faq", lang, t("pelatihan.lembar.faq.judul", lang), tuple(blok),
                   sumber=t("pelatihan.lembar.faq.sumber", lang), kolom=2, berkas=(k.faq,))


def latihan_episode(path: Path) -> Episode:
    """An episode read by the kit's one parser (:func:`simkit.pelatihan.episode.baca_episode`),
    with what the exercise sheet needs of it checked: a ``judul`` and exercise ids
    ``latihan-NN-k``. Problems are located (file, line, field).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "01-x.md"
    >>> _ = f.write_text("---\\njudul: X\\n---\\n::: latihan {#latihan-01-1}\\nHitung.\\n:::\\n"
    ...                  "::: solusi {#latihan-01-1}\\nRahasia.\\n:::\\n")
    >>> e = latihan_episode(f)
    >>> e.meta["judul"], [(x.id, x.isi, x.baris) for x in e.latihan()]
    ('X', [('latihan-01-1', 'Hitung.', 4)])
    """
    ep = baca_episode(path)
    b = str(path)
    masalah = []
    if not isinstance(ep.meta.get("judul"), str):
        masalah.append(Masalah("bidang_wajib", berkas=b, baris=ep.baris_meta.get("judul", 2),
                               bidang="judul"))
    for x in ep.latihan():
        if not x.id or not POLA_ID_LATIHAN.fullmatch(x.id):
            masalah.append(Masalah("nilai_tidak_valid", berkas=b, baris=x.baris,
                                   bidang="latihan {#id}", diharapkan="{#latihan-NN-k}",
                                   ditemukan=repr(x.id)))
    if masalah:
        raise SimkitError(masalah)
    return ep


def lembar_latihan(lang: str, k: Konteks) -> Dokumen:
    """The exercise sheet: every episode's exercises, without solutions, each with room for an
    answer."""
    files = k.episode(lang)
    if not files:
        raise galat("berkas_tidak_ada", berkas=str(k.folder / "episodes" /
                                                    ("en" if lang == "en" else "") / "NN-*.md"))
    blok: list[Blok] = [Blok("kecil", t("pelatihan.lembar.latihan.petunjuk", lang))]
    for f in files:
        ep = latihan_episode(f)
        blok.append(Blok("h2", t("pelatihan.lembar.latihan.episode", lang, nomor=f.name[:2],
                                 judul=ep.meta["judul"])))
        for x in ep.latihan():
            blok.append(Blok("h3", t("pelatihan.lembar.latihan.latihan", lang, id=x.id)))
            blok += [b for b in blok_md(x.isi.strip(), x.baris + 1) if b.jenis != "arahan"]
            blok.append(Blok("garis", n=4))
    return Dokumen("latihan", lang, t("pelatihan.lembar.latihan.judul", lang), tuple(blok),
                   berkas=tuple(files))


@dataclass(frozen=True)
class Lembar:
    """One handout of the kit: its file name, how it is built, and how many A4 pages it may
    take (0 = as many as it needs). A builder returns a :class:`Dokumen`, or a whole HTML page
    as ``str`` (then the PDF is made from that HTML by fpdf2's HTML reader)."""

    nama: str
    buat: Callable[[str, Konteks], Dokumen | str]
    halaman: int = 1
    huruf_min: float = UKURAN_HURUF[-1]
    """The smallest body size (pt) of :data:`UKURAN_HURUF` it may be printed at; a handout
    that does not fit its pages at this size stops the build (``lembar_terlalu_panjang``)."""
    boleh_tanpa_sumber: bool = False
    """Skip it (and say so) when its source file is missing, instead of failing the build:
    for sources other parts of the kit write (the objection bank, the episodes, the survey
    instrument)."""


LEMBAR: tuple[Lembar, ...] = (
    Lembar("kuadran", kartu("kuadran")),
    Lembar("berakhlak", kartu("berakhlak")),
    Lembar("predikat", kartu("predikat")),
    Lembar("ikm", kartu("ikm")),
    Lembar("faq", lembar_faq, halaman=1, huruf_min=HURUF_FAQ, boleh_tanpa_sumber=True),
    Lembar("latihan", lembar_latihan, halaman=0, boleh_tanpa_sumber=True),
    Lembar("formulir", lambda lang, k: formulir_kertas_html(
        lang, muat_instrumen(k.folder / "instrumen" / "resistensi.yaml",
                             bank=k.folder / "kuis")), halaman=0, boleh_tanpa_sumber=True),
)
"""The handouts ``simkit pelatihan bangun`` writes, in this order. The FAQ card takes one page
at :data:`HURUF_FAQ` pt or more; a bank that no longer fits stops the build with a located
error naming the bank, instead of spilling onto a second page."""


# --------------------------------------------------------------------------- HTML

_CSS = """
@page { size: A4; margin: %(m)smm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000;
  background: #fff; font-size: %(s)spt; line-height: 1.3; }
body { margin: 0 auto; max-width: 184mm; padding: 0; }
@media screen { body { padding: 8mm 0; } }
header { border-bottom: 1.5pt solid #000; margin-bottom: 0.6em; }
header p { margin: 0; font-size: 0.8em; }
h1 { font-size: 1.55em; margin: 0.1em 0 0.25em; }
h2 { font-size: 1.15em; margin: 0.7em 0 0.25em; border-bottom: 0.5pt solid #000; }
h3 { font-size: 1em; margin: 0.55em 0 0.15em; }
p, ul, ol { margin: 0.25em 0; }
ul, ol { padding-left: 1.3em; }
.kecil, footer { font-size: 0.82em; }
footer { border-top: 0.5pt solid #000; margin-top: 0.6em; padding-top: 0.2em; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; }
pre { margin: 0.3em 0; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%%; margin: 0.35em 0; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 0.2em 0.35em; text-align: left;
  vertical-align: top; }
th { background: #fff; }
%(arsir)s
td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; overflow-wrap: anywhere; }
.garis { border-bottom: 0.5pt dotted #000; height: 1.6em; }
.kolom2 main { column-count: 2; column-gap: 6mm; }
.kolom2 main h3 { break-after: avoid; }
.kolom2 main p { margin: 0 0 0.6mm; }  /* the PDF's spacing: both fit the same page */
.kolom2 main p:not(.kecil) { break-after: avoid; }  /* an answer keeps with its rule */
h2, h3 { break-after: avoid; }
tr, li { break-inside: avoid; }
"""


def _html_blok(b: Blok) -> str:
    if b.jenis in ("h2", "h3"):
        return f"<{b.jenis}>{_inline_html(b.teks)}</{b.jenis}>"
    if b.jenis == "p":
        return f"<p>{_inline_html(b.teks)}</p>"
    if b.jenis == "kecil":
        return f'<p class="kecil">{_inline_html(b.teks)}</p>'
    if b.jenis == "kode":
        return f"<pre><code>{html.escape(b.teks, quote=False)}</code></pre>"
    if b.jenis in ("ul", "ol"):
        return (f"<{b.jenis}>" + "".join(f"<li>{_inline_html(x)}</li>" for x in b.butir)
                + f"</{b.jenis}>")
    if b.jenis == "garis":
        return "".join('<div class="garis"></div>' for _ in range(b.n))
    if b.jenis == "tabel":
        lebar = b.lebar or (1.0,) * len(b.baris[0])
        total = sum(lebar)
        cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in lebar)
        rows = []
        for r, baris in enumerate(b.baris):
            sel = []
            akhir = b.gabung_akhir and r == len(b.baris) - 1
            for s in (baris[:1] if akhir else baris):
                tag = "th" if s.kepala else "td"
                attr = f' class="a{s.arsir}"' if s.arsir else ""
                if tag == "th":
                    attr += ' scope="col"' if r == 0 else ' scope="row"'
                if akhir:
                    attr += f' colspan="{len(baris)}"'
                isi = _inline_html(s.teks)
                if s.tebal and not s.kepala:
                    isi = f"<strong>{isi}</strong>"
                sel.append(f"<{tag}{attr}>{isi}</{tag}>")
            rows.append("<tr>" + "".join(sel) + "</tr>")
        return f"<table><colgroup>{cols}</colgroup>" + "".join(rows) + "</table>"
    raise ValueError(b.jenis)


def tulis_html(d: Dokumen, ukuran: float = UKURAN_HURUF[0]) -> str:
    """The handout as one self-contained HTML page (no script, no external resource)."""
    kelas = ' class="kolom2"' if d.kolom == 2 else ""
    isi = "\n".join(_html_blok(b) for b in d.blok)
    kaki = f"<footer>{_inline_html(d.sumber)}</footer>" if d.sumber else ""
    arsir = " ".join(f".a{i} {{ background: {c}; }}" for i, c in enumerate(ARSIR) if i)
    css = _CSS % {"m": MARGIN_MM, "s": f"{ukuran:g}", "arsir": arsir}
    return (f'<!DOCTYPE html>\n<html lang="{d.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(d.judul)}</title>\n<style>{css}</style>\n</head>\n"
            f"<body{kelas}>\n<header><p>{html.escape(t('pelatihan.lembar.kop', d.lang))}</p>"
            f"<h1>{_inline_html(d.judul)}</h1></header>\n<main>\n{isi}\n</main>\n{kaki}\n"
            "</body>\n</html>\n")


# --------------------------------------------------------------------------- PDF


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Pdf:
    """Lays blocks out on A4 with fpdf2 in one or two columns (columns flow top to bottom)."""

    def __init__(self, d: Dokumen, ukuran: float):
        from fpdf import FPDF

        self.d, self.s = d, ukuran
        pdf = FPDF(format="A4", unit="mm")
        f = _font_dir()
        for gaya, nama in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"),
                           ("I", "DejaVuSans-Oblique"), ("BI", "DejaVuSans-BoldOblique")):
            pdf.add_font("dejavu", gaya, str(f / f"{nama}.ttf"))
        pdf.add_font("dejavumono", "", str(f / "DejaVuSansMono.ttf"))
        pdf.set_title(d.judul)
        pdf.set_lang(d.lang)
        pdf.set_creator("simkit")
        pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        pdf.set_auto_page_break(False)
        self.pdf = pdf
        self.lebar_kolom = (HALAMAN_A4[0] - 2 * MARGIN_MM - (d.kolom - 1) * 6) / d.kolom
        self.kolom = 0
        self.bawah = HALAMAN_A4[1] - MARGIN_MM
        self.atas = MARGIN_MM
        self.y_maks = 0.0
        """How far down the columns of this page already reach (the footer goes below)."""
        pdf.add_page()

    def lh(self, s: float | None = None) -> float:
        return (s or self.s) * 0.3528 * 1.3

    def x0(self) -> float:
        return MARGIN_MM + self.kolom * (self.lebar_kolom + 6)

    def ruang(self, h: float) -> None:
        """Move to the next column or page when ``h`` mm do not fit below."""
        if self.pdf.get_y() + h <= self.bawah:
            return
        if self.kolom + 1 < self.d.kolom:
            self.kolom += 1
            self.y_maks = max(self.y_maks, self.pdf.get_y())
        else:
            self.kolom = 0
            self.y_maks = 0.0
            self.pdf.add_page()
        self.pdf.set_y(self.atas)

    def teks(self, teks: str, s: float, gaya: str = "", w: float | None = None,
             indent: float = 0, sebelum: float = 0, setelah: float = 0.6) -> None:
        pdf = self.pdf
        pdf.set_font("dejavu", gaya, s)
        w = (w or self.lebar_kolom) - indent
        isi = _inline_pdf(teks)
        h = pdf.multi_cell(w, self.lh(s), isi, markdown=True, dry_run=True, output="HEIGHT")
        self.ruang(h + sebelum)
        pdf.set_y(pdf.get_y() + sebelum)
        pdf.set_x(self.x0() + indent)
        pdf.multi_cell(w, self.lh(s), isi, markdown=True, align="L")
        pdf.set_y(pdf.get_y() + setelah)

    def kop(self) -> None:
        pdf = self.pdf
        pdf.set_font("dejavu", "", self.s * 0.8)
        pdf.set_x(MARGIN_MM)
        pdf.cell(0, self.lh(self.s * 0.8), t("pelatihan.lembar.kop", self.d.lang),
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", "B", self.s * 1.55)
        pdf.multi_cell(0, self.lh(self.s * 1.55), _inline_pdf(self.d.judul), markdown=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_line_width(0.5)
        y = pdf.get_y() + 0.8
        pdf.line(MARGIN_MM, y, HALAMAN_A4[0] - MARGIN_MM, y)
        pdf.set_y(y + 2)
        self.atas = pdf.get_y()
        pdf.set_line_width(0.25)

    def tinggi_kaki(self) -> float:
        """The height of the footer's text (0 without one)."""
        if not self.d.sumber:
            return 0.0
        self.pdf.set_font("dejavu", "", self.s * 0.82)
        return self.pdf.multi_cell(HALAMAN_A4[0] - 2 * MARGIN_MM, self.lh(self.s * 0.82),
                                   _inline_pdf(self.d.sumber), markdown=True, dry_run=True,
                                   output="HEIGHT")

    def kaki(self) -> None:
        if not self.d.sumber:
            return
        s = self.s * 0.82
        h = self.tinggi_kaki()
        self.kolom = self.d.kolom - 1
        self.pdf.set_y(max(self.y_maks, self.pdf.get_y()))  # below the longest column
        self.ruang(h + 2)
        y = self.pdf.get_y() + 1
        self.pdf.line(MARGIN_MM, y, HALAMAN_A4[0] - MARGIN_MM, y)
        self.pdf.set_xy(MARGIN_MM, y + 0.8)
        self.pdf.multi_cell(HALAMAN_A4[0] - 2 * MARGIN_MM, self.lh(s),
                            _inline_pdf(self.d.sumber), markdown=True, align="L")

    def tabel(self, b: Blok) -> None:
        pdf, s = self.pdf, self.s
        lebar = b.lebar or (1.0,) * len(b.baris[0])
        w = [self.lebar_kolom * x / sum(lebar) for x in lebar]
        pad = 1.0
        pdf.set_y(pdf.get_y() + 0.6)
        for r, baris in enumerate(b.baris):
            akhir = b.gabung_akhir and r == len(b.baris) - 1
            sel = list(zip(baris[:1], [sum(w)], strict=True)) if akhir else list(
                zip(baris, w, strict=True))
            tinggi = []
            for c, cw in sel:
                pdf.set_font("dejavu", "B" if c.tebal else "", s)
                tinggi.append(pdf.multi_cell(cw - 2 * pad, self.lh(), _inline_pdf(c.teks),
                                             markdown=True, dry_run=True, output="HEIGHT"))
            h = max(tinggi) + 2 * pad * 0.6
            self.ruang(h)
            y, x = pdf.get_y(), self.x0()
            for c, cw in sel:
                grey = int(ARSIR[c.arsir][1:3], 16)
                pdf.set_fill_color(grey, grey, grey)
                pdf.rect(x, y, cw, h, style="DF" if c.arsir else "D")
                pdf.set_font("dejavu", "B" if c.tebal else "", s)
                pdf.set_xy(x + pad, y + pad * 0.6)
                pdf.multi_cell(cw - 2 * pad, self.lh(), _inline_pdf(c.teks), markdown=True,
                               align="L")
                x += cw
            pdf.set_y(y + h)
        pdf.set_y(pdf.get_y() + 1.0)

    def tinggi(self, b: Blok | None) -> float:
        """The height of a heading or paragraph block (other blocks: three lines)."""
        ukuran = {"h2": (1.15, "B"), "h3": (1, "B"), "p": (1, ""), "kecil": (0.82, "")}
        if b is None or b.jenis not in ukuran:
            return self.lh() * 3
        k, gaya = ukuran[b.jenis]
        self.pdf.set_font("dejavu", gaya, self.s * k)
        return self.pdf.multi_cell(self.lebar_kolom, self.lh(self.s * k), _inline_pdf(b.teks),
                                   markdown=True, dry_run=True, output="HEIGHT") + 2.0

    def blok(self, b: Blok, berikut: Blok | None = None) -> None:
        s = self.s
        if b.jenis in ("h2", "h3"):
            self.ruang(self.tinggi(b) + self.tinggi(berikut))  # a heading keeps with its text
            if b.jenis == "h2":
                self.teks(b.teks, s * 1.15, "B", sebelum=1.6, setelah=0.8)
            else:
                self.teks(b.teks, s, "B", sebelum=1.0, setelah=0.2)
        elif b.jenis == "p":
            self.teks(b.teks, s)
        elif b.jenis == "kecil":
            self.teks(b.teks, s * 0.82)
        elif b.jenis == "kode":
            self.pdf.set_font("dejavumono", "", s * 0.9)
            h = self.pdf.multi_cell(self.lebar_kolom, self.lh(s * 0.9), b.teks, dry_run=True,
                                    output="HEIGHT")
            self.ruang(h + 1)
            self.pdf.set_x(self.x0())
            self.pdf.multi_cell(self.lebar_kolom, self.lh(s * 0.9), b.teks, align="L")
            self.pdf.set_y(self.pdf.get_y() + 0.8)
        elif b.jenis in ("ul", "ol"):
            for i, x in enumerate(b.butir, 1):
                tanda = f"{i}." if b.jenis == "ol" else "•"
                self.pdf.set_font("dejavu", "", s)
                h = self.pdf.multi_cell(self.lebar_kolom - 5, self.lh(), _inline_pdf(x),
                                        markdown=True, dry_run=True, output="HEIGHT")
                self.ruang(h)
                y = self.pdf.get_y()
                self.pdf.set_xy(self.x0(), y)
                self.pdf.cell(5, self.lh(), tanda)
                self.teks(x, s, indent=5, setelah=0.3)
            self.pdf.set_y(self.pdf.get_y() + 0.4)
        elif b.jenis == "garis":
            for _ in range(b.n):
                self.ruang(7)
                y = self.pdf.get_y() + 6.5
                self.pdf.set_dash_pattern(dash=0.6, gap=0.8)
                self.pdf.line(self.x0(), y, self.x0() + self.lebar_kolom, y)
                self.pdf.set_dash_pattern()
                self.pdf.set_y(y + 0.5)
        elif b.jenis == "tabel":
            self.tabel(b)
        else:
            raise ValueError(b.jenis)

    def keluaran(self) -> bytes:
        self.kop()
        kaki = self.tinggi_kaki() + 2 if self.d.sumber else 0.0
        self.bawah -= kaki  # the columns stop above the footer, which spans them all
        for i, b in enumerate(self.d.blok):
            self.blok(b, self.d.blok[i + 1] if i + 1 < len(self.d.blok) else None)
        self.bawah += kaki
        self.kaki()
        return bytes(self.pdf.output())


def tulis_pdf(d: Dokumen | str, ukuran: float = UKURAN_HURUF[0], judul: str = "",
              lang: str = "id") -> bytes:
    """The handout as PDF bytes; an HTML page (``str``) goes through fpdf2's HTML reader."""
    if isinstance(d, Dokumen):
        return _Pdf(d, ukuran).keluaran()
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    f = _font_dir()
    for gaya, nama in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"), ("I", "DejaVuSans-Oblique"),
                       ("BI", "DejaVuSans-BoldOblique")):
        pdf.add_font("dejavu", gaya, str(f / f"{nama}.ttf"))
    pdf.set_font("dejavu", "", ukuran)
    pdf.set_title(judul)
    pdf.set_lang(lang)
    pdf.add_page()
    badan = re.search(r"<body[^>]*>(.*)</body>", d, re.S | re.I)
    pdf.write_html(sel_datar(badan.group(1) if badan else d), font_family="dejavu")
    return bytes(pdf.output())


_SEL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S | re.I)


def sel_datar(h: str) -> str:
    """``h`` with the markup inside table cells reduced to its text (fpdf2's HTML reader takes
    no tag nested in a cell; the text, which is what prints, stays).

    >>> sel_datar("<tr><td>1<br><span class='v'>[a]</span></td></tr>")
    '<tr><td>1 [a]</td></tr>'
    """
    def datar(m: re.Match[str]) -> str:
        isi = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(2))).strip()
        return m.group(1) + isi + m.group(3)

    return _SEL.sub(datar, h)


def jumlah_halaman(pdf: bytes) -> int:
    """The number of pages of a PDF: its ``/Type /Page`` objects (not ``/Pages``).

    >>> d = Dokumen("x", "id", "Judul", (Blok("p", "Halo."),))
    >>> jumlah_halaman(tulis_pdf(d))
    1
    """
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pas_halaman(d: Dokumen, halaman: int, huruf_min: float = UKURAN_HURUF[-1]
                ) -> tuple[bytes, float]:
    """(PDF, body font size): the largest size of :data:`UKURAN_HURUF` (not below
    ``huruf_min``) at which ``d`` takes one page; failing that (``halaman`` 2) the largest on
    two; ``halaman`` 0: the first size. Not fitting is a located ``lembar_terlalu_panjang``."""
    if halaman == 0:
        return tulis_pdf(d, UKURAN_HURUF[0]), UKURAN_HURUF[0]
    ukuran = [s for s in UKURAN_HURUF if s >= huruf_min]
    for batas in range(1, halaman + 1):
        for s in ukuran:
            pdf = tulis_pdf(d, s)
            if jumlah_halaman(pdf) <= batas:
                return pdf, s
    raise galat("lembar_terlalu_panjang", berkas=str(d.berkas[0]) if d.berkas else d.nama,
                halaman=halaman, ukuran=angka(ukuran[-1], 1, d.lang))


# --------------------------------------------------------------------------- build


@dataclass
class HasilBangun:
    """What a build wrote (paths relative to the output folder) and what it skipped."""

    folder: Path
    berkas: list[str] = field(default_factory=list)
    dilewati: list[tuple[str, str, str]] = field(default_factory=list)
    """(handout, language, reason) of each handout whose source is missing."""


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def bangun(keluaran: str | Path = KELUARAN_BAWAAN, bahasa: str = "semua",
           folder: str | Path = FOLDER_BAWAAN, lembar: Sequence[Lembar] = LEMBAR,
           timpa: bool = False) -> HasilBangun:
    """Build every handout of ``lembar`` in ``bahasa`` (``id``, ``en`` or ``semua``) into
    ``keluaran/<lang>/<nama>.html`` and ``.pdf``, with ``manifest.json``; the folder appears
    whole or not at all. A handout whose source file is missing (the FAQ bank, the episodes)
    is skipped and named in :attr:`HasilBangun.dilewati`; a faulty source stops the build
    with a located error."""
    langs = list(LANGS) if bahasa == "semua" else [bahasa]
    k = Konteks(Path(folder))
    out = Path(keluaran)
    periksa_folder_keluaran(out, "lembar", timpa=timpa)
    hasil = HasilBangun(out)
    sumber: dict[str, str] = {}
    rincian: dict[str, dict[str, Any]] = {}
    with atomic_path(out) as tmp:
        for lang in langs:
            (tmp / lang).mkdir(parents=True)
            for item in lembar:
                try:
                    d = item.buat(lang, k)
                except SimkitError as e:
                    m = e.masalah[0]
                    if item.boleh_tanpa_sumber and len(e.masalah) == 1 and (
                            m.kode == "berkas_tidak_ada"):
                        hasil.dilewati.append((item.nama, lang, m.render(lang)))
                        continue
                    raise
                if isinstance(d, str):
                    halaman_html, pdf, ukuran = d, tulis_pdf(d, lang=lang), UKURAN_HURUF[0]
                    berkas_sumber: Iterable[Path] = ()
                else:
                    pdf, ukuran = pas_halaman(d, item.halaman, item.huruf_min)
                    halaman_html = tulis_html(d, ukuran)
                    berkas_sumber = d.berkas
                for p in berkas_sumber:
                    sumber[p.as_posix()] = _sha(p.read_bytes())
                for ext, isi in (("html", halaman_html.encode("utf-8")), ("pdf", pdf)):
                    rel = f"{lang}/{item.nama}.{ext}"
                    (tmp / rel).write_bytes(isi)
                    hasil.berkas.append(rel)
                    rincian[rel] = {"sha256": _sha(isi)}
                rincian[f"{lang}/{item.nama}.pdf"].update(halaman=jumlah_halaman(pdf),
                                                          ukuran_huruf_pt=ukuran)
        versi = versions()
        try:
            from importlib import metadata

            versi["fpdf2"] = metadata.version("fpdf2")
        except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
            versi["fpdf2"] = "tidak terpasang"
        write_manifest(tmp / "manifest.json", build_manifest(
            jenis="lembar", bahasa=langs, berkas=rincian, sumber=sumber,
            dilewati=[{"lembar": n, "bahasa": lang, "alasan": a} for n, lang, a in hasil.dilewati],
            versi=versi))
    return hasil
