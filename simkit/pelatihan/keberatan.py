"""Bank keberatan (objection bank) of the facilitator guide: ``training/faq-keberatan.yaml``.

Each item is an objection heard in workshops, the answer in plain words, the same answer in
one or two sentences for the FAQ handout card, the rule it rests on (regulation +
pasal/lampiran; where the rule is silent, the simkit parameter flagged ``asumsi``) and the
evidence the simulation shows live. Format (one file, a list under ``keberatan``)::

    keberatan:
    - id: kuota_predikat              # [a-z0-9_]+, unique
      keberatan: {id: "Mengapa predikat baik dibatasi?", en: "Why cap good ratings?"}
      jawaban: {id: "...", en: "..."} # the answer, in plain words (the guide prints it)
      ringkas: {id: "...", en: "..."} # the answer in one or two plain sentences, at most
                                       # RINGKAS_MAKS (220) characters each (the FAQ card)
      aturan: "SE MenPANRB 3/2023 ...; PermenPANRB 6/2022 Pasal 24-25"   # cited rule(s)
      tunjukkan:                       # the evidence shown live (widget and/or notebook)
        widget: kurva                  # one of WIDGET (a module of simkit.widgets)
        notebook: notebooks/07_kurva_distribusi.ipynb   # a path from the repository root
        langkah: {id: "...", en: "..."}                 # what to click, what appears
      episode: "06"                    # "01".."09" (quoted: the episode of the kit)

:func:`muat_keberatan` reads and validates the bank (every problem a located
:class:`~simkit.errors.Masalah`: file, line, field), :func:`periksa_keberatan` returns the
problems instead of raising (for ``simkit pelatihan periksa``), :func:`markdown_keberatan`
renders the bank for the guide (full answers), :func:`sisipkan_ke_panduan` writes that
rendering between the guide's markers so the guide never drifts from the YAML. The FAQ handout
card (:func:`simkit.pelatihan.lembar.lembar_faq`) prints ``keberatan``, ``ringkas`` and
``aturan`` of the same bank, read with :func:`muat_keberatan`.

>>> bank = muat_keberatan()
>>> len(bank) >= 15, bank[0].id
(True, 'kuota_predikat')
>>> periksa_keberatan()
[]
>>> bank[0].tunjukkan.widget, bank[0].episode
('kurva', '06')
>>> max(len(k.ringkas[b]) for k in bank for b in ("id", "en")) <= RINGKAS_MAKS
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.i18n import LANGS, get_lang, t
from simkit.widgets.kuis import Pemeriksa
from simkit.yamlloc import Path_, line_of, read_yaml_file

AKAR = Path(__file__).resolve().parents[2]
"""The repository root: notebook paths in the bank are relative to it."""

BANK_KEBERATAN = AKAR / "training" / "faq-keberatan.yaml"
"""The training kit's objection bank."""

WIDGET: tuple[str, ...] = ("kalkulator", "penyetel", "survei", "bias", "kurva", "kuis")
"""The widgets an item may show (modules of :mod:`simkit.widgets`; the kit's spec)."""

EPISODE: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 10))
"""The kit's episodes, ``"01"`` .. ``"09"``."""

RINGKAS_MAKS = 220
"""The longest short answer (``ringkas``), in characters, in each language: the FAQ card must
hold every objection on one A4 page."""

MULAI, SELESAI = "<!-- keberatan:mulai -->", "<!-- keberatan:selesai -->"
"""Markers around the rendered bank in the guide."""

_POLA_ID = re.compile(r"^[a-z0-9_]+$")
_KUNCI = {"id", "keberatan", "jawaban", "ringkas", "aturan", "tunjukkan", "episode"}
_KUNCI_TUNJUKKAN = {"widget", "notebook", "langkah"}


@dataclass(frozen=True)
class Tunjukkan:
    """What the facilitator shows: a widget and/or a notebook, and the steps (id/en)."""

    widget: str | None
    notebook: str | None
    langkah: dict[str, str]


@dataclass(frozen=True)
class Keberatan:
    """One objection of the bank (see the module docstring for the fields)."""

    id: str
    keberatan: dict[str, str]
    jawaban: dict[str, str]
    ringkas: dict[str, str]
    """The answer in one or two sentences (at most :data:`RINGKAS_MAKS` characters)."""
    aturan: str
    tunjukkan: Tunjukkan
    episode: str
    berkas: str | None = None
    baris: int | None = None


def _periksa_tunjukkan(cek: Pemeriksa, raw: Any, jalur: Path_, akar: Path) -> Tunjukkan | None:
    if not cek.peta(raw, jalur, _KUNCI_TUNJUKKAN):
        return None
    n0 = len(cek.masalah)
    widget, notebook = raw.get("widget"), raw.get("notebook")
    if widget is None and notebook is None:
        cek.tambah("keberatan_tanpa_bukti", jalur)
    if widget is not None and widget not in WIDGET:
        cek.tambah("nilai_tidak_valid", (*jalur, "widget"), diharapkan=" | ".join(WIDGET),
                   ditemukan=repr(widget), saran=mirip(str(widget), WIDGET))
    if notebook is not None:
        nb = akar / str(notebook)
        if not (isinstance(notebook, str) and notebook.endswith(".ipynb") and nb.is_file()):
            ada = sorted(p.relative_to(akar).as_posix() for p in (akar / "notebooks").glob("*.ipynb"))
            cek.tambah("keberatan_notebook", (*jalur, "notebook"), notebook=str(notebook),
                       saran=mirip(str(notebook), ada))
    langkah = cek.dwibahasa(raw.get("langkah"), (*jalur, "langkah"))
    if langkah is None or len(cek.masalah) > n0:
        return None
    return Tunjukkan(widget, notebook, langkah)


def _periksa_item(cek: Pemeriksa, raw: Any, jalur: Path_, akar: Path) -> Keberatan | None:
    n0 = len(cek.masalah)
    if not cek.peta(raw, jalur, _KUNCI):
        return None
    kid = raw.get("id")
    if not isinstance(kid, str) or not _POLA_ID.match(kid):
        cek.tambah("nilai_tidak_valid", (*jalur, "id"), diharapkan="[a-z0-9_]+",
                   ditemukan=repr(kid))
    teks = cek.dwibahasa(raw.get("keberatan"), (*jalur, "keberatan"))
    jawaban = cek.dwibahasa(raw.get("jawaban"), (*jalur, "jawaban"))
    ringkas = cek.dwibahasa(raw.get("ringkas"), (*jalur, "ringkas"))
    for b, teks_b in (ringkas or {}).items():
        if len(teks_b) > RINGKAS_MAKS:
            cek.tambah("keberatan_ringkas_panjang", (*jalur, "ringkas", b), bahasa=b,
                       panjang=len(teks_b), maks=RINGKAS_MAKS)
    aturan = raw.get("aturan")
    if not isinstance(aturan, str) or not aturan.strip():
        cek.tambah("keberatan_aturan", (*jalur, "aturan"), ditemukan=repr(aturan))
    episode = raw.get("episode")
    if episode not in EPISODE:
        cek.tambah("keberatan_episode", (*jalur, "episode"), diharapkan='"01" .. "09"',
                   ditemukan=repr(episode), saran=mirip(str(episode).zfill(2), EPISODE))
    tunjukkan = None
    if "tunjukkan" not in raw:
        cek.tambah("keberatan_tanpa_bukti", (*jalur, "tunjukkan"))
    else:
        tunjukkan = _periksa_tunjukkan(cek, raw["tunjukkan"], (*jalur, "tunjukkan"), akar)
    if len(cek.masalah) > n0:
        return None
    return Keberatan(kid, teks, jawaban, ringkas, aturan.strip(),  # type: ignore[arg-type]
                     tunjukkan, episode, cek.berkas, line_of(cek.lines, jalur))


def _baca(path: str | Path, akar: Path | None) -> tuple[list[Keberatan], list[Masalah]]:
    data, lines = read_yaml_file(path)
    cek = Pemeriksa(str(path), lines)
    if not isinstance(data, dict) or not isinstance(data.get("keberatan"), list) or not data[
            "keberatan"]:
        raise galat("keberatan_tanpa_daftar", berkas=str(path),
                    baris=line_of(lines, ("keberatan",)), bidang="keberatan")
    for k in sorted(set(data) - {"keberatan"}, key=str):
        cek.tambah("kuis_kunci_asing", (k,), kunci=k, diharapkan="keberatan")
    akar = AKAR if akar is None else Path(akar)
    out: list[Keberatan] = []
    pertama: dict[str, Keberatan] = {}
    for i, raw in enumerate(data["keberatan"]):
        k = _periksa_item(cek, raw, ("keberatan", i), akar)
        if k is None:
            continue
        if k.id in pertama:
            cek.tambah("keberatan_id_ganda", ("keberatan", i, "id"), id=k.id,
                       baris_pertama=pertama[k.id].baris)
            continue
        pertama[k.id] = k
        out.append(k)
    return out, cek.masalah


def muat_keberatan(path: str | Path = BANK_KEBERATAN, akar: str | Path | None = None
                   ) -> list[Keberatan]:
    """Read and validate the bank; raise a :class:`SimkitError` with every located problem.

    ``akar``: the folder notebook paths are relative to (default the repository root).
    """
    out, masalah = _baca(path, None if akar is None else Path(akar))
    if masalah:
        raise SimkitError(masalah)
    return out


def periksa_keberatan(path: str | Path = BANK_KEBERATAN, akar: str | Path | None = None
                      ) -> list[Masalah]:
    """The bank's problems (empty when it is valid), for the kit's validator; a missing or
    unreadable file is one problem too."""
    try:
        return _baca(path, None if akar is None else Path(akar))[1]
    except SimkitError as e:
        return e.masalah


def markdown_keberatan(daftar: list[Keberatan], lang: str | None = None) -> str:
    """The bank as Markdown in ``lang``: one subsection per objection (answer, rule, what to
    show, episode), in bank order.

    >>> print(markdown_keberatan(muat_keberatan()[:1], "en").splitlines()[0])
    ### 1. Why cap good ratings? If everyone works well, everyone deserves Good. (`kuota_predikat`)
    """
    lang = lang or get_lang()
    if lang not in LANGS:
        raise ValueError(lang)
    bagian = []
    for i, k in enumerate(daftar, start=1):
        tj = k.tunjukkan
        apa = " · ".join(f"`{x}`" for x in (
            (f"widget {tj.widget}" if tj.widget else None), tj.notebook) if x)
        bagian.append("\n".join([
            f"### {i}. {k.keberatan[lang]} (`{k.id}`)", "",
            f"**{t('pelatihan.keberatan.jawaban', lang)}.** {k.jawaban[lang]}", "",
            f"**{t('pelatihan.keberatan.aturan', lang)}.** {k.aturan}", "",
            f"**{t('pelatihan.keberatan.tunjukkan', lang)}** ({apa}). {tj.langkah[lang]}", "",
            f"*{t('pelatihan.keberatan.episode', lang)} {k.episode}*"]))
    return "\n\n".join(bagian) + "\n"


def sisipkan_ke_panduan(teks: str, daftar: list[Keberatan], lang: str) -> str:
    """``teks`` (a guide) with the rendering of ``daftar`` between :data:`MULAI` and
    :data:`SELESAI` (both must be there, once).

    >>> sisipkan_ke_panduan(f"a\\n{MULAI}\\nlama\\n{SELESAI}\\nb", [], "id")
    'a\\n<!-- keberatan:mulai -->\\n\\n<!-- keberatan:selesai -->\\nb'
    """
    if teks.count(MULAI) != 1 or teks.count(SELESAI) != 1 or teks.index(MULAI) > teks.index(
            SELESAI):
        raise galat("keberatan_penanda", mulai=MULAI, selesai=SELESAI)
    awal, sisa = teks.split(MULAI)
    _, akhir = sisa.split(SELESAI)
    isi = markdown_keberatan(daftar, lang) if daftar else ""
    return f"{awal}{MULAI}\n\n{isi}{SELESAI}{akhir}"
