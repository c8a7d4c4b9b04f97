"""Workshop episodes (``training/episodes/NN-slug.md``, English in ``en/``): the parser.

An episode is Carpentries-style Markdown: YAML front matter between two ``---`` lines, then
fenced blocks opened by ``::: name`` (three or more colons; an id may follow in braces,
``::: latihan {#latihan-03-1}``) and closed by a line of colons alone. Prose may stand between
blocks; blocks do not nest. Front matter fields (:data:`BIDANG`)::

    judul: "Menulis indikator yang baik"   # title
    menit_mengajar: 20                     # teaching minutes
    menit_latihan: 40                      # exercise minutes
    peserta: [asn, atasan]                 # PESERTA
    notebook: [notebooks/02_kalkulator_saya.ipynb]
    widget: [kalkulator]                   # WIDGET
    bahasa: id                             # id | en (en files live in en/)

Blocks (:data:`BLOK`): ``pertanyaan``, ``tujuan`` (bullets ``- [03.1] text``), ``latihan``
with an id ``latihan-NN-k`` and right after it its ``solusi`` with the same id,
``catatan-instruktur``, ``dapat-dilewati``, ``poin-kunci``. The parser reports what it cannot
read as located :class:`~simkit.errors.Masalah` (file, line); the checks of content (fields,
ids, pairs) are :mod:`simkit.pelatihan.periksa`'s.

>>> teks = "---\\njudul: X\\n---\\nIntro.\\n\\n::: tujuan\\n- [01.1] Satu\\n:::\\n"
>>> ep, masalah = urai_episode(teks, "training/episodes/01-x.md")
>>> ep.nomor, ep.slug, [b.nama for b in ep.blok], ep.tujuan()[0][:2], masalah
('01', 'x', ['tujuan'], ('01.1', 'Satu'), [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError
from simkit.yamlloc import load_yaml_with_lines

BLOK: tuple[str, ...] = ("pertanyaan", "tujuan", "latihan", "solusi", "catatan-instruktur",
                         "dapat-dilewati", "poin-kunci")
"""Block names an episode may use; every one is required (``latihan``/``solusi`` at least once)."""

BIDANG: tuple[str, ...] = ("judul", "menit_mengajar", "menit_latihan", "peserta", "notebook",
                           "widget", "bahasa")
"""Front matter fields, all required."""

PESERTA: tuple[str, ...] = ("asn", "atasan", "pembuat_kebijakan", "pelatih")
"""Audiences an episode may name."""

WIDGET: tuple[str, ...] = ("kalkulator", "penyetel", "survei", "bias", "kurva", "kuis")
"""Widget names an episode may reference (each a module of :mod:`simkit.widgets`)."""

POLA_NAMA_BERKAS = re.compile(r"^(\d{2})-([a-z0-9-]+)\.md$")
POLA_BUKA = re.compile(r"^(:{3,})\s*([A-Za-z0-9_-]+)\s*(?:\{#([^}\s]*)\})?\s*$")
POLA_TUTUP = re.compile(r"^:{3,}\s*$")
POLA_TUJUAN = re.compile(r"^\s*[-*]\s+\[(\d{2}\.\d+)\]\s+(\S.*)$")
POLA_BUTIR = re.compile(r"^\s*[-*]\s+\S")
POLA_ID_LATIHAN = re.compile(r"^latihan-(\d{2})-(\d+)$")


@dataclass(frozen=True)
class Blok:
    """One fenced block: its name, optional id, text, and the line of its opening fence."""

    nama: str
    id: str | None
    isi: str
    baris: int

    def butir(self) -> list[tuple[str, int]]:
        """The block's bullet lines (text without the bullet) with their line numbers."""
        out = []
        for i, b in enumerate(self.isi.splitlines(), start=self.baris + 1):
            if POLA_BUTIR.match(b):
                out.append((b.strip()[1:].strip(), i))
        return out


@dataclass
class Episode:
    """One parsed episode file. ``meta`` is the front matter (``baris_meta``: field -> line)."""

    berkas: str
    nomor: str | None
    slug: str | None
    meta: dict[str, Any]
    baris_meta: dict[str, int]
    blok: list[Blok] = field(default_factory=list)

    def bernama(self, nama: str) -> list[Blok]:
        """The blocks called ``nama``, in file order."""
        return [b for b in self.blok if b.nama == nama]

    def tujuan(self) -> list[tuple[str, str, int]]:
        """``(id, text, line)`` of every objective bullet ``- [NN.k] text``."""
        out = []
        for b in self.bernama("tujuan"):
            for i, baris in enumerate(b.isi.splitlines(), start=b.baris + 1):
                m = POLA_TUJUAN.match(baris)
                if m:
                    out.append((m.group(1), m.group(2).strip(), i))
        return out

    def latihan(self) -> list[Blok]:
        """The exercises (without their solutions), e.g. for a handout."""
        return self.bernama("latihan")

    def solusi(self, id_latihan: str) -> Blok | None:
        """The solution block of exercise ``id_latihan``, if any."""
        return next((b for b in self.bernama("solusi") if b.id == id_latihan), None)

    @property
    def menit(self) -> int:
        """Teaching + exercise minutes (0 where a field is not a number)."""
        return sum(int(v) for k in ("menit_mengajar", "menit_latihan")
                   if isinstance(v := self.meta.get(k), int) and not isinstance(v, bool))


def urai_episode(teks: str, berkas: str) -> tuple[Episode, list[Masalah]]:
    """Parse one episode's text; return it with the problems met while reading it."""
    masalah: list[Masalah] = []
    m = POLA_NAMA_BERKAS.match(Path(berkas).name)
    if not m:
        masalah.append(Masalah("periksa_nama_berkas", berkas=berkas,
                               diharapkan="NN-slug.md", ditemukan=Path(berkas).name))
    nomor, slug = (m.group(1), m.group(2)) if m else (None, None)
    baris = teks.splitlines()
    meta: dict[str, Any] = {}
    baris_meta: dict[str, int] = {}
    mulai = 0
    if not baris or baris[0].strip() != "---":
        masalah.append(Masalah("periksa_tanpa_front_matter", berkas=berkas, baris=1))
    else:
        akhir = next((i for i in range(1, len(baris)) if baris[i].strip() == "---"), None)
        if akhir is None:
            masalah.append(Masalah("periksa_front_matter_terbuka", berkas=berkas, baris=1))
        else:
            mulai = akhir + 1
            try:
                data, lines = load_yaml_with_lines("\n".join(baris[1:akhir]), berkas)
            except SimkitError as e:
                for x in e.masalah:  # lines of the YAML text start on the file's line 2
                    x.baris = x.baris + 1 if x.baris is not None else 1
                masalah += e.masalah
                data, lines = {}, {}
            if isinstance(data, dict):
                meta = data
                baris_meta = {str(k[0]): v + 1 for k, v in lines.items() if len(k) == 1}
            elif data is not None:
                masalah.append(Masalah("periksa_front_matter_bukan_peta", berkas=berkas,
                                       baris=2))
    ep = Episode(berkas, nomor, slug, meta, baris_meta)
    ep.blok, m2 = _blok(baris, mulai, berkas)
    return ep, masalah + m2


def _blok(baris: list[str], mulai: int, berkas: str) -> tuple[list[Blok], list[Masalah]]:
    out: list[Blok] = []
    masalah: list[Masalah] = []
    buka: tuple[str, str | None, int] | None = None
    isi: list[str] = []
    for i in range(mulai, len(baris)):
        teks, nomor = baris[i], i + 1
        if POLA_TUTUP.match(teks):
            if buka is None:
                masalah.append(Masalah("periksa_tutup_tanpa_buka", berkas=berkas, baris=nomor))
            else:
                out.append(Blok(buka[0], buka[1], "\n".join(isi), buka[2]))
                buka, isi = None, []
            continue
        m = POLA_BUKA.match(teks)
        if m:
            if buka is not None:
                masalah.append(Masalah("periksa_blok_bersarang", berkas=berkas, baris=nomor,
                                       isi={"blok": buka[0], "baris_buka": buka[2]}))
                out.append(Blok(buka[0], buka[1], "\n".join(isi), buka[2]))
            buka, isi = (m.group(2), m.group(3) or None, nomor), []
            continue
        if buka is not None:
            isi.append(teks)
    if buka is not None:
        masalah.append(Masalah("periksa_blok_terbuka", berkas=berkas, baris=buka[2],
                               isi={"blok": buka[0]}))
        out.append(Blok(buka[0], buka[1], "\n".join(isi), buka[2]))
    return out, masalah


def baca_episode(path: str | Path) -> Episode:
    """Read and parse one episode file; what cannot be read is a located error.

    >>> ep = baca_episode(FOLDER_BAWAAN / "03-menulis-indikator.md")
    >>> ep.meta["bahasa"], [b.id for b in ep.latihan()][:1]
    ('id', ['latihan-03-1'])
    """
    p = Path(path)
    try:
        teks = p.read_text(encoding="utf-8")
    except OSError:
        raise SimkitError(Masalah("berkas_tidak_ada", berkas=str(p))) from None
    ep, masalah = urai_episode(teks, str(p))
    if masalah:
        raise SimkitError(masalah)
    return ep


def berkas_episode(folder: str | Path | None = None, bahasa: str = "id") -> list[Path]:
    """The episode files of one language, in number order (``en`` files live in ``en/``)."""
    root = Path(folder) if folder is not None else FOLDER_BAWAAN
    root = root / "en" if bahasa == "en" else root
    return sorted(p for p in root.glob("*.md") if p.name.lower() != "readme.md")


def baca_semua(folder: str | Path | None = None, bahasa: str = "id") -> list[Episode]:
    """Every episode of one language (``folder``: ``training/episodes``), in number order.

    >>> [e.nomor for e in baca_semua()][:3]
    ['01', '02', '03']
    """
    return [baca_episode(p) for p in berkas_episode(folder, bahasa)]


FOLDER_BAWAAN = Path(__file__).resolve().parents[2] / "training" / "episodes"
"""The kit's episodes (Indonesian; English in ``en/``)."""
