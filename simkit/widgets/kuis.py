"""Kuis (issue 11): multiple-choice and true/false items from a YAML bank, feedback per option.

:class:`Kuis` holds the state with no ipywidgets: load one or more banks, choose items (by
topic, a count, an order shuffled only from an explicit seed), answer, read the feedback of the
chosen option (for a wrong one: the misconception it reveals), the score, and save the answers
to CSV (:meth:`Kuis.simpan_csv`, atomic, one row per item) with a participant pseudonym and a
session id, never a name. :class:`KuisWidget` is the thin ipywidgets view.

Bank format (``training/kuis/*.yaml``; one file holds a list under ``butir``)::

    butir:
    - id: kuadran_01                 # unique over every bank loaded: [a-z0-9_]+
      jenis: pilihan_ganda           # pilihan_ganda | benar_salah
      topik: kuadran                 # one of TOPIK
      sumber: "PermenPANRB 6/2022 Lampiran (kuadran kinerja pegawai)"  # regulation + article
      teks: {id: "...", en: "..."}   # the question (or statement, for benar_salah)
      pilihan:                       # pilihan_ganda: 2-6 options, exactly one benar: true
      - teks: {id: "...", en: "..."}
        benar: true
        umpan_balik: {id: "...", en: "..."}   # why; for a wrong option: the misconception
        nilai: sangat_baik           # optional: the engine's value, checked by the tests
      - ...

A ``benar_salah`` item has exactly two options, the statement's truth ``true`` first and
``false`` second, written as ``teks`` Benar/True and Salah/False; exactly one is ``benar``.
Optional ``status``: ``S`` or ``U`` when the fact rests on a secondary or unconfirmed source
(REFERENCE.md tags); the view shows it beside the source. Every problem is reported with file,
line and field (:func:`muat_bank`).

>>> k = Kuis(topik=["kuadran"], jumlah=2, seed=1, peserta="P07", sesi="S1")
>>> b = k.butir[0]
>>> j = k.jawab(b.id, b.indeks_benar)
>>> j.benar, k.skor()
(True, (1, 1, 2))
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.i18n import LANGS, get_lang, t
from simkit.tables import tulis_tabel
from simkit.yamlloc import Path_, line_of, read_yaml_file

JENIS: tuple[str, ...] = ("pilihan_ganda", "benar_salah")
"""Item kinds."""

TOPIK: tuple[str, ...] = ("kuadran", "berakhlak", "iki", "kepala_unit", "kurva", "ikm",
                          "aturan_lama", "mitos")
"""Topics of the bank: the kuadran, BerAKHLAK, IKI capaian (incl. lower-is-better), heads of
unit, the SE 3/2023 curve, IKM/SKM, PP 30/2019 and PP 46/2011, fairness myths."""

STATUS: tuple[str, ...] = ("S", "U")
"""REFERENCE.md tags an item may carry: secondary source only, unconfirmed."""

BANK_BAWAAN = Path(__file__).resolve().parents[2] / "training" / "kuis"
"""The training kit's question bank (every ``*.yaml`` in it)."""

KOLOM_CSV: tuple[str, ...] = ("sesi", "peserta", "urutan", "butir_id", "topik", "jenis",
                              "pilihan", "pilihan_benar", "benar")
"""Columns of the answers CSV (``waktu`` is added when a time is given)."""

TEKS_BENAR_SALAH: tuple[dict[str, str], ...] = ({"id": "Benar", "en": "True"},
                                              {"id": "Salah", "en": "False"})
"""The two options of a ``benar_salah`` item, in this order."""

HURUF = "ABCDEF"
"""Option letters (the CSV records the letter of the option in bank order)."""

MAKS_PILIHAN = len(HURUF)
_POLA_ID = re.compile(r"^[a-z0-9_]+$")
_POLA_PESERTA = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_KUNCI_BUTIR = {"id", "jenis", "topik", "sumber", "teks", "pilihan", "status", "periksa"}
_KUNCI_PERIKSA = {"aturan", "masukan", "keluaran", "parameter", "klaim"}
_KUNCI_PILIHAN = {"teks", "benar", "umpan_balik", "nilai"}


def _k(kunci: str, lang: str | None = None, **kw: Any) -> str:
    return t(f"kuis.{kunci}", lang, **kw)


@dataclass(frozen=True)
class Pilihan:
    """One option: text and feedback in both languages, whether it is the right one."""

    teks: dict[str, str]
    benar: bool
    umpan_balik: dict[str, str]
    nilai: Any = None


@dataclass(frozen=True)
class Butir:
    """One item of the bank (see the module docstring for the fields)."""

    id: str
    jenis: str
    topik: str
    sumber: str
    teks: dict[str, str]
    pilihan: tuple[Pilihan, ...]
    status: str | None = None
    periksa: dict[str, Any] | None = None
    berkas: str | None = None
    baris: int | None = None

    @property
    def indeks_benar(self) -> int:
        """Index of the correct option."""
        return next(i for i, p in enumerate(self.pilihan) if p.benar)

    def teks_dalam(self, lang: str | None = None) -> str:
        return self.teks[lang or get_lang()]


@dataclass(frozen=True)
class Jawaban:
    """The answer to one item: which option, whether right, and its feedback."""

    butir: Butir
    indeks: int

    @property
    def benar(self) -> bool:
        return self.butir.pilihan[self.indeks].benar

    def umpan_balik(self, lang: str | None = None) -> str:
        """The chosen option's feedback, prefixed by right/wrong; a wrong answer also names
        the right option."""
        lang = lang or get_lang()
        b = self.butir
        p = b.pilihan[self.indeks]
        if self.benar:
            return _k("tepat", lang, umpan_balik=p.umpan_balik[lang])
        kunci = b.pilihan[b.indeks_benar]
        return _k("keliru", lang, umpan_balik=p.umpan_balik[lang],
                  jawaban=f"{HURUF[b.indeks_benar]}. {kunci.teks[lang]}")


# ------------------------------------------------------------------------- loading
class _Pemeriksa:
    """Collects located problems of one bank file."""

    def __init__(self, berkas: str, lines: dict[Path_, int]) -> None:
        self.berkas, self.lines, self.masalah = berkas, lines, []

    def tambah(self, kode: str, jalur: Path_, **kw: Any) -> None:
        loc = {k: kw.pop(k) for k in ("diharapkan", "ditemukan", "saran") if k in kw}
        self.masalah.append(Masalah(kode, berkas=self.berkas, baris=line_of(self.lines, jalur),
                                    bidang=".".join(str(x) for x in jalur) or None,
                                    isi=kw, **loc))

    def dwibahasa(self, nilai: Any, jalur: Path_) -> dict[str, str] | None:
        if not isinstance(nilai, dict) or any(
                not isinstance(nilai.get(b), str) or not nilai.get(b).strip() for b in LANGS):
            self.tambah("kuis_dwibahasa", jalur, diharapkan="{id: ..., en: ...}",
                        ditemukan=repr(nilai))
            return None
        return {b: nilai[b].strip() for b in LANGS}


def _periksa_pilihan(cek: _Pemeriksa, raw: Any, jalur: Path_) -> Pilihan | None:
    if not isinstance(raw, dict):
        cek.tambah("kuis_bukan_peta", jalur, ditemukan=repr(raw))
        return None
    for k in sorted(set(raw) - _KUNCI_PILIHAN, key=str):
        cek.tambah("kuis_kunci_asing", (*jalur, k), kunci=k,
                   diharapkan=", ".join(sorted(_KUNCI_PILIHAN)))
    teks = cek.dwibahasa(raw.get("teks"), (*jalur, "teks"))
    umpan = cek.dwibahasa(raw.get("umpan_balik"), (*jalur, "umpan_balik"))
    benar = raw.get("benar")
    if not isinstance(benar, bool):
        cek.tambah("nilai_tidak_valid", (*jalur, "benar"), diharapkan="true | false",
                   ditemukan=repr(benar))
        return None
    if teks is None or umpan is None:
        return None
    return Pilihan(teks, benar, umpan, raw.get("nilai"))


def _periksa_periksa(cek: _Pemeriksa, raw: Any, jenis: Any, jalur: Path_) -> None:
    if not isinstance(raw, dict):
        cek.tambah("kuis_bukan_peta", jalur, ditemukan=repr(raw))
        return
    for k in sorted(set(raw) - _KUNCI_PERIKSA, key=str):
        cek.tambah("kuis_kunci_asing", (*jalur, k), kunci=k,
                   diharapkan=", ".join(sorted(_KUNCI_PERIKSA)))
    kasus = isinstance(raw.get("masukan"), dict) and isinstance(raw.get("keluaran"), str)
    param = isinstance(raw.get("parameter"), str)
    if not isinstance(raw.get("aturan"), str) or kasus == param:
        cek.tambah("kuis_periksa", jalur, ditemukan=repr(sorted(raw, key=str)))
    if jenis == "benar_salah" and "klaim" not in raw:
        cek.tambah("kuis_periksa_klaim", (*jalur, "klaim"))


def _periksa_butir(cek: _Pemeriksa, raw: Any, jalur: Path_) -> Butir | None:
    if not isinstance(raw, dict):
        cek.tambah("kuis_bukan_peta", jalur, ditemukan=repr(raw))
        return None
    n0 = len(cek.masalah)
    for k in sorted(set(raw) - _KUNCI_BUTIR, key=str):
        cek.tambah("kuis_kunci_asing", (*jalur, k), kunci=k,
                   diharapkan=", ".join(sorted(_KUNCI_BUTIR)))
    bid = raw.get("id")
    if not isinstance(bid, str) or not _POLA_ID.match(bid):
        cek.tambah("nilai_tidak_valid", (*jalur, "id"), diharapkan="[a-z0-9_]+",
                   ditemukan=repr(bid))
    jenis, topik, status = raw.get("jenis"), raw.get("topik"), raw.get("status")
    for nama, nilai, boleh in (("jenis", jenis, JENIS), ("topik", topik, TOPIK)):
        if nilai not in boleh:
            cek.tambah("nilai_tidak_valid", (*jalur, nama), diharapkan=" | ".join(boleh),
                       ditemukan=repr(nilai), saran=mirip(str(nilai), boleh))
    if status is not None and status not in STATUS:
        cek.tambah("nilai_tidak_valid", (*jalur, "status"), diharapkan=" | ".join(STATUS),
                   ditemukan=repr(status))
    sumber = raw.get("sumber")
    if not isinstance(sumber, str) or not sumber.strip():
        cek.tambah("kuis_sumber", (*jalur, "sumber"), ditemukan=repr(sumber))
    teks = cek.dwibahasa(raw.get("teks"), (*jalur, "teks"))
    periksa = raw.get("periksa")
    if periksa is not None:
        _periksa_periksa(cek, periksa, jenis, (*jalur, "periksa"))
    raw_p = raw.get("pilihan")
    pilihan: list[Pilihan | None] = []
    if not isinstance(raw_p, list) or not 2 <= len(raw_p) <= MAKS_PILIHAN:
        cek.tambah("kuis_jumlah_pilihan", (*jalur, "pilihan"), maks=MAKS_PILIHAN,
                   ditemukan=repr(len(raw_p) if isinstance(raw_p, list) else raw_p))
    else:
        pilihan = [_periksa_pilihan(cek, p, (*jalur, "pilihan", i)) for i, p in enumerate(raw_p)]
        sah = [p for p in pilihan if p is not None]
        if len(sah) == len(pilihan):
            n_benar = sum(p.benar for p in sah)
            if n_benar != 1:
                cek.tambah("kuis_satu_benar", (*jalur, "pilihan"), ditemukan=str(n_benar))
            if jenis == "benar_salah" and [p.teks for p in sah] != list(TEKS_BENAR_SALAH):
                cek.tambah("kuis_benar_salah", (*jalur, "pilihan"),
                           ditemukan=" / ".join(p.teks["id"] for p in sah))
    if len(cek.masalah) > n0:
        return None
    return Butir(bid, jenis, topik, sumber.strip(), teks, tuple(pilihan),  # type: ignore[arg-type]
                 status, periksa, cek.berkas, line_of(cek.lines, jalur))


def muat_bank(path: str | Path) -> list[Butir]:
    """Read and validate one bank file; every problem is a located :class:`Masalah`.

    >>> len(muat_bank(BANK_BAWAAN / "kuadran.yaml")) >= 3
    True
    """
    data, lines = read_yaml_file(path)
    cek = _Pemeriksa(str(path), lines)
    if not isinstance(data, dict) or not isinstance(data.get("butir"), list) or not data["butir"]:
        raise galat("kuis_tanpa_butir", berkas=str(path), baris=line_of(lines, ("butir",)),
                    bidang="butir")
    for k in sorted(set(data) - {"butir"}, key=str):
        cek.tambah("kuis_kunci_asing", (k,), kunci=k, diharapkan="butir")
    out = [_periksa_butir(cek, b, ("butir", i)) for i, b in enumerate(data["butir"])]
    if cek.masalah:
        raise SimkitError(cek.masalah)
    return [b for b in out if b is not None]


def berkas_bank(bank: str | Path | Iterable[str | Path] | None = None) -> list[Path]:
    """The bank files: a file, a folder (its ``*.yaml`` in name order) or several of these."""
    if bank is None:
        bank = BANK_BAWAAN
    daftar = [bank] if isinstance(bank, str | Path) else list(bank)
    out: list[Path] = []
    for b in map(Path, daftar):
        out += sorted(b.glob("*.yaml")) if b.is_dir() else [b]
    return out


def muat_semua(bank: str | Path | Iterable[str | Path] | None = None) -> list[Butir]:
    """Every item of the banks (:func:`berkas_bank`); an id given twice is a located error."""
    butir: list[Butir] = []
    masalah: list[Masalah] = []
    pertama: dict[str, Butir] = {}
    for f in berkas_bank(bank):
        try:
            isi = muat_bank(f)
        except SimkitError as e:
            masalah += e.masalah
            continue
        for b in isi:
            if b.id in pertama:
                p = pertama[b.id]
                masalah.append(Masalah("kuis_id_ganda", berkas=b.berkas, baris=b.baris,
                                       bidang="id", isi={"id": b.id, "berkas_pertama": p.berkas,
                                                         "baris_pertama": p.baris}))
            else:
                pertama[b.id] = b
                butir.append(b)
    if masalah:
        raise SimkitError(masalah)
    return butir


def _sama(a: Any, b: Any) -> bool:
    if (isinstance(a, int | float) and isinstance(b, int | float)
            and not isinstance(a, bool) and not isinstance(b, bool)):
        return abs(float(a) - float(b)) <= 1e-9
    return a == b


def nilai_mesin(butir: Butir) -> Any:
    """The value simkit's engine gives for an item's ``periksa``: a rule case's output
    (``masukan`` → ``keluaran``) or a parameter (``parameter``, a dotted path into its value).

    >>> b = next(b for b in muat_semua() if b.id == "kuadran_01")
    >>> nilai_mesin(b)
    'sangat_baik'
    """
    from simkit.rules import get_rule

    cek = butir.periksa or {}
    aturan = get_rule(cek["aturan"])
    if "parameter" in cek:
        nilai: Any = aturan.siapkan_parameter(None)
        for bagian in str(cek["parameter"]).split("."):
            nilai = nilai[int(bagian)] if isinstance(nilai, list) else nilai[bagian]
        return nilai
    return aturan.evaluate_case(cek["masukan"])[cek["keluaran"]]


def periksa_mesin(butir: Butir) -> str | None:
    """``None`` when the item's right answer agrees with the engine, else what disagrees.

    ``pilihan_ganda``: the right option's ``nilai`` equals :func:`nilai_mesin` and no wrong
    option's does. ``benar_salah``: the statement is true (option 0 right) exactly when the
    engine's value equals ``klaim``.
    """
    if butir.periksa is None:
        return None
    v = nilai_mesin(butir)
    if butir.jenis == "benar_salah":
        benar = _sama(v, butir.periksa["klaim"])
        ok = butir.indeks_benar == (0 if benar else 1)
        return None if ok else f"{butir.id}: mesin {v!r}, klaim {butir.periksa['klaim']!r}"
    salah = [i for i, p in enumerate(butir.pilihan) if _sama(p.nilai, v) != p.benar]
    return None if not salah else f"{butir.id}: mesin {v!r}, pilihan {salah}"


# ------------------------------------------------------------------------- the quiz
@dataclass
class Kuis:
    """A quiz session: the chosen items, the answers so far, the score.

    ``bank``: files/folders (default :data:`BANK_BAWAAN`). ``topik``: keep these topics (all
    when ``None``). ``seed``: shuffle the order with ``numpy.random.default_rng(seed)`` (bank
    order when ``None``); ``jumlah``: keep the first ``jumlah`` after shuffling. ``peserta`` /
    ``sesi``: a pseudonym and a session id, letters, digits, ``_`` and ``-`` only (no names).
    """

    bank: str | Path | Sequence[str | Path] | None = None
    topik: Sequence[str] | None = None
    jumlah: int | None = None
    seed: int | None = None
    peserta: str = "P01"
    sesi: str = "S1"
    lang: str | None = None
    butir: list[Butir] = field(init=False)
    jawaban: dict[str, Jawaban] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for nama in ("peserta", "sesi"):
            nilai = getattr(self, nama)
            if not isinstance(nilai, str) or not _POLA_PESERTA.match(nilai):
                raise galat("kuis_pseudonim", bidang=nama, diharapkan="[A-Za-z0-9_-]{1,32}",
                            ditemukan=repr(nilai))
        semua = muat_semua(self.bank)
        if self.topik is not None:
            salah = [x for x in self.topik if x not in TOPIK]
            if salah:
                    raise galat("nilai_tidak_valid", bidang="topik", diharapkan=" | ".join(TOPIK),
                            ditemukan=repr(salah[0]), saran=mirip(salah[0], TOPIK))
            semua = [b for b in semua if b.topik in self.topik]
        if self.seed is not None:
            urut = np.random.default_rng(self.seed).permutation(len(semua))
            semua = [semua[i] for i in urut]
        if self.jumlah is not None:
            if isinstance(self.jumlah, bool) or not isinstance(self.jumlah, int) or self.jumlah < 1:
                raise galat("nilai_tidak_valid", bidang="jumlah", diharapkan="≥ 1",
                            ditemukan=repr(self.jumlah))
            semua = semua[:self.jumlah]
        if not semua:
            raise galat("kuis_kosong", bidang="topik", topik=", ".join(self.topik or ()))
        self.butir = semua
        self._indeks = {b.id: b for b in semua}

    def cari(self, butir: str | int) -> Butir:
        """An item by id or by position in the quiz."""
        if isinstance(butir, int):
            return self.butir[butir]
        if butir not in self._indeks:
            raise galat("nilai_tidak_valid", bidang="butir_id", ditemukan=repr(butir),
                        saran=mirip(butir, self._indeks))
        return self._indeks[butir]

    def jawab(self, butir: str | int, pilihan: int) -> Jawaban:
        """Answer an item with the option at index ``pilihan`` (0-based, bank order); a second
        answer replaces the first."""
        b = self.cari(butir)
        if isinstance(pilihan, bool) or not isinstance(pilihan, int | np.integer) or not (
                0 <= pilihan < len(b.pilihan)):
            raise galat("nilai_tidak_valid", bidang="pilihan",
                        diharapkan=f"0..{len(b.pilihan) - 1}", ditemukan=repr(pilihan))
        j = Jawaban(b, int(pilihan))
        self.jawaban[b.id] = j
        return j

    def umpan_balik(self, butir: str | int, lang: str | None = None) -> str | None:
        """The feedback of the answer given to an item (``None`` if not answered)."""
        j = self.jawaban.get(self.cari(butir).id)
        return None if j is None else j.umpan_balik(lang or self.lang)

    def skor(self) -> tuple[int, int, int]:
        """(right, answered, items in the quiz)."""
        return (sum(j.benar for j in self.jawaban.values()), len(self.jawaban), len(self.butir))

    def teks_skor(self, lang: str | None = None) -> str:
        benar, dijawab, total = self.skor()
        return _k("skor", lang or self.lang, benar=benar, dijawab=dijawab, total=total)

    def tabel_jawaban(self, waktu: str | None = None) -> pd.DataFrame:
        """One row per item of the quiz in quiz order (unanswered: empty ``pilihan``/``benar``).

        ``waktu``: an explicit time stamp (any text) written in a ``waktu`` column; without it
        the table has no time, so the same answers always give the same bytes.
        """
        baris = []
        for i, b in enumerate(self.butir, start=1):
            j = self.jawaban.get(b.id)
            baris.append({"sesi": self.sesi, "peserta": self.peserta, "urutan": i,
                          "butir_id": b.id, "topik": b.topik, "jenis": b.jenis,
                          "pilihan": HURUF[j.indeks] if j else None,
                          "pilihan_benar": HURUF[b.indeks_benar],
                          "benar": j.benar if j else None})
        df = pd.DataFrame(baris, columns=list(KOLOM_CSV))
        df["benar"] = df["benar"].astype("boolean")
        if waktu is not None:
            df["waktu"] = str(waktu)
        return df

    def simpan_csv(self, path: str | Path, waktu: str | None = None,
                   tambah: bool = False) -> Path:
        """Write the answers as CSV atomically (:func:`simkit.tables.tulis_tabel`).

        ``tambah``: keep the rows of other participants/sessions already in ``path`` (this
        participant's rows of this session are replaced), so one file can collect a workshop.
        """
        df = self.tabel_jawaban(waktu)
        path = Path(path)
        if tambah and path.exists():
            lama = pd.read_csv(path, dtype=str, keep_default_na=False)
            lama = lama[~((lama["sesi"] == self.sesi) & (lama["peserta"] == self.peserta))]
            baru = df.astype(object).where(df.notna(), "")
            baru["benar"] = [("true" if v else "false") if v != "" else "" for v in baru["benar"]]
            df = pd.concat([lama, baru.astype(str)], ignore_index=True)
        return tulis_tabel(df, path)


# ------------------------------------------------------------------------- the view
class KuisWidget:
    """The ipywidgets view of a :class:`Kuis`: question, options as buttons, feedback after
    answering, progress and score, a language switch and a save button.

    Drive it in tests by setting values: ``w.pilihan.value = 1`` then ``w.periksa.click()``.
    """

    def __init__(self, kuis: Kuis | None = None, path_csv: str | Path = "jawaban_kuis.csv",
                 waktu: str | None = None, **kw: Any) -> None:
        import ipywidgets as W

        self.W = W
        self.kuis = kuis or Kuis(**kw)
        self.lang = self.kuis.lang or get_lang()
        self.path_csv, self.waktu = Path(path_csv), waktu
        self.posisi = 0
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=self.lang)
        self.kemajuan = W.IntProgress(min=0, max=len(self.kuis.butir), value=0)
        self.status = W.HTML()
        self.soal = W.HTML()
        self.sumber = W.HTML()
        self.pilihan = W.RadioButtons(options=[], value=None, layout=W.Layout(width="auto"))
        self.periksa = W.Button(button_style="primary")
        self.sebelum = W.Button()
        self.berikut = W.Button()
        self.simpan = W.Button(icon="save")
        self.umpan = W.HTML()
        self.pesan = W.HTML()
        self.bahasa.observe(self._ganti_bahasa, names="value")
        self.periksa.on_click(lambda _: self._periksa())
        self.sebelum.on_click(lambda _: self.ke(self.posisi - 1))
        self.berikut.on_click(lambda _: self.ke(self.posisi + 1))
        self.simpan.on_click(lambda _: self._simpan())
        self.tampilan = W.VBox([self.bahasa, W.HBox([self.kemajuan, self.status]), self.soal,
                                self.pilihan, W.HBox([self.periksa, self.sebelum, self.berikut]),
                                self.umpan, self.sumber, W.HBox([self.simpan, self.pesan])])
        self._gambar()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a frontend
        from IPython.display import display
        display(self.tampilan)

    @property
    def butir(self) -> Butir:
        return self.kuis.butir[self.posisi]

    def ke(self, posisi: int) -> None:
        """Show the item at ``posisi`` (clamped to the quiz)."""
        self.posisi = min(max(posisi, 0), len(self.kuis.butir) - 1)
        self.pesan.value = ""
        self._gambar()

    def _ganti_bahasa(self, change: dict) -> None:
        self.lang = change["new"]
        self.kuis.lang = self.lang
        self._gambar()

    def _gambar(self) -> None:
        """(Re)draw every text from the state in :attr:`lang`."""
        lang, b, k = self.lang, self.butir, self.kuis
        self.bahasa.description = _k("bahasa", lang)
        self.periksa.description = _k("periksa", lang)
        self.sebelum.description = _k("sebelum", lang)
        self.berikut.description = _k("berikut", lang)
        self.simpan.description = _k("simpan", lang)
        benar, dijawab, total = k.skor()
        self.kemajuan.value = dijawab
        self.status.value = (_k("kemajuan", lang, nomor=self.posisi + 1, total=total) + " · "
                             + k.teks_skor(lang))
        self.soal.value = f"<b>{_esc(b.teks[lang])}</b>"
        status = f" [{b.status}]" if b.status else ""
        self.sumber.value = f"<small>{_esc(_k('sumber', lang))}: {_esc(b.sumber)}{status}</small>"
        j = k.jawaban.get(b.id)
        self.pilihan.options = [(f"{HURUF[i]}. {p.teks[lang]}", i) for i, p in enumerate(b.pilihan)]
        self.pilihan.value = None if j is None else j.indeks
        self.umpan.value = "" if j is None else _esc(j.umpan_balik(lang))
        self.sebelum.disabled = self.posisi == 0
        self.berikut.disabled = self.posisi == total - 1

    def _periksa(self) -> None:
        if self.pilihan.value is None:
            self.umpan.value = _esc(_k("pilih_dulu", self.lang))
            return
        self.kuis.jawab(self.butir.id, self.pilihan.value)
        self._gambar()

    def _simpan(self) -> None:
        try:
            p = self.kuis.simpan_csv(self.path_csv, waktu=self.waktu, tambah=True)
        except (SimkitError, OSError) as e:
            self.pesan.value = _esc(e.render(self.lang) if isinstance(e, SimkitError) else str(e))
            return
        self.pesan.value = _esc(_k("tersimpan", self.lang, path=str(p)))


def _esc(s: str) -> str:
    return html.escape(s)
