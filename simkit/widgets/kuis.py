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
      episode: "02"                  # the training episode (training/tujuan.yaml)
      tujuan: "02.1"                 # the objective it tests: an id of training/tujuan.yaml
                                     # whose episode is this item's episode
      topik: kuadran                 # one of TOPIK
      sumber: "PermenPANRB 6/2022 Lampiran (kuadran kinerja pegawai)"  # regulation + article
      teks: {id: "...", en: "..."}   # the question (or statement, for benar_salah)
      pilihan:                       # pilihan_ganda: 2-6 options, exactly one benar: true
      - teks: {id: "...", en: "..."}
        benar: true
        umpan_balik: {id: "...", en: "..."}   # the feedback shown: why
        nilai: sangat_baik           # optional: the engine's value, checked by the tests
      - teks: {id: "...", en: "..."}
        benar: false
        miskonsepsi: {id: "...", en: "..."}   # required on every wrong option (and only
                                               # there): the belief this answer reveals
        umpan_balik: {id: "...", en: "..."}
      - ...

A ``benar_salah`` item has exactly two options, the statement's truth ``true`` first and
``false`` second, written as ``teks`` Benar/True and Salah/False; exactly one is ``benar``.
Optional ``status``: ``S`` or ``U`` when the fact rests on a secondary or unconfirmed source
(REFERENCE.md tags); the view shows it beside the source. Every problem is reported with file,
line and field (:func:`muat_bank`), in Indonesian and English.

Objectives (``training/tujuan.yaml``, :func:`muat_tujuan`): a list ``tujuan`` of
``{id: "NN.k", episode: "NN", teks: {id, en}}``; :func:`muat_bank` checks every item's
``episode`` and ``tujuan`` against it.

``periksa`` (optional): how the tests check the key against simkit's engine
(:func:`nilai_mesin`, :func:`periksa_mesin`). ``aturan`` names the engine: a rule id
(``permenpanrb_6_2022``, ``pp46_2011``, ``permenpanrb_14_2017`` ...) or one of :data:`MESIN`
(``tpp``: the TPP of one employee, ``kurva``: the SE 3/2023 head-count limits of one unit,
``putusan``: the verdict's parameters only).
Then either ``parameter`` (a dotted path into the engine's parameters, e.g.
``pengali_predikat.baik``) or ``masukan`` + ``keluaran`` (the inputs, as in a rule case, and a
dotted path into the outputs, e.g. ``kegiatan.0.nilai_waktu``). Optional ``dibanding``: a
mapping of inputs that replace some of ``masukan``; the value is then output(masukan) −
output(masukan with ``dibanding``), e.g. how much TPP a lower predikat costs. Optional
``desimal``: round the engine's value to that many decimals first. ``klaim``: on a
``benar_salah`` item, the value the statement asserts.

Answers CSV (:meth:`Kuis.simpan_csv`), one row per item of the quiz: ``sesi``, ``peserta``
(pseudonyms), ``urutan`` (1..n in quiz order), ``butir_id``, ``episode``, ``tujuan``, ``topik``,
``jenis``, ``pilihan`` (letter chosen, empty if unanswered), ``pilihan_benar`` (the key's
letter), ``benar`` (1 right, 0 wrong, empty if unanswered) and, when a time is given, ``waktu``.
A knowledge score is the mean of ``benar`` per participant (or per objective via ``tujuan``).

>>> k = Kuis(topik=["kuadran"], jumlah=2, seed=1, peserta="P07", sesi="S1")
>>> b = k.butir[0]
>>> j = k.jawab(b.id, b.indeks_benar)
>>> j.benar, k.skor()
(True, (1, 1, 2))
>>> [b.tujuan for b in Kuis(tujuan=["08.2"]).butir][:1]
['08.2']
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
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
                          "aturan_lama", "mitos", "bias", "umpan_balik", "tpp", "aturan_baru")
"""Topics of the bank: the kuadran, BerAKHLAK, IKI capaian (incl. lower-is-better, SMART), heads
of unit, the SE 3/2023 curve, IKM/SKM, PP 30/2019 and PP 46/2011, fairness myths, rater bias
and calibration, the feedback dialogue, TPP, testing a rule change (tuner, sweep, verdict)."""

STATUS: tuple[str, ...] = ("S", "U")
"""REFERENCE.md tags an item may carry: secondary source only, unconfirmed."""

BANK_BAWAAN = Path(__file__).resolve().parents[2] / "training" / "kuis"
"""The training kit's question bank (every ``*.yaml`` in it)."""

TUJUAN_BAWAAN = BANK_BAWAAN.parent / "tujuan.yaml"
"""The episodes' learning objectives every item's ``tujuan`` must name."""

KOLOM_CSV: tuple[str, ...] = ("sesi", "peserta", "urutan", "butir_id", "episode", "tujuan",
                              "topik", "jenis", "pilihan", "pilihan_benar", "benar")
"""Columns of the answers CSV (``waktu`` is added when a time is given)."""

TEKS_BENAR_SALAH: tuple[dict[str, str], ...] = ({"id": "Benar", "en": "True"},
                                              {"id": "Salah", "en": "False"})
"""The two options of a ``benar_salah`` item, in this order."""

HURUF = "ABCDEF"
"""Option letters (the CSV records the letter of the option in bank order)."""

MAKS_PILIHAN = len(HURUF)
_POLA_ID = re.compile(r"^[a-z0-9_]+$")
_POLA_PESERTA = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_POLA_EPISODE = re.compile(r"^[0-9]{2}$")
_POLA_TUJUAN = re.compile(r"^[0-9]{2}\.[0-9]+$")
_KUNCI_BUTIR = {"id", "jenis", "episode", "tujuan", "topik", "sumber", "teks", "pilihan",
                "status", "periksa"}
_KUNCI_PERIKSA = {"aturan", "masukan", "keluaran", "parameter", "klaim", "dibanding", "desimal"}
_KUNCI_PILIHAN = {"teks", "benar", "umpan_balik", "miskonsepsi", "nilai"}


def _k(kunci: str, lang: str | None = None, **kw: Any) -> str:
    return t(f"kuis.{kunci}", lang, **kw)


@dataclass(frozen=True)
class Pilihan:
    """One option: text and feedback in both languages, whether it is the right one."""

    teks: dict[str, str]
    benar: bool
    umpan_balik: dict[str, str]
    nilai: Any = None
    miskonsepsi: dict[str, str] | None = None


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
    episode: str = ""
    tujuan: str = ""

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

    def miskonsepsi(self, lang: str | None = None) -> str | None:
        """The misconception a wrong answer reveals (``None`` for a right one)."""
        m = self.butir.pilihan[self.indeks].miskonsepsi
        return None if self.benar or m is None else m[lang or get_lang()]

    def umpan_balik(self, lang: str | None = None) -> str:
        """The chosen option's feedback, prefixed by right/wrong; a wrong answer first names
        the misconception it reveals and ends with the right option."""
        lang = lang or get_lang()
        b = self.butir
        p = b.pilihan[self.indeks]
        if self.benar:
            return _k("tepat", lang, umpan_balik=p.umpan_balik[lang])
        kunci = b.pilihan[b.indeks_benar]
        m = self.miskonsepsi(lang)
        awal = _k("miskonsepsi", lang, miskonsepsi=m) + " " if m else ""
        return _k("keliru", lang, umpan_balik=awal + p.umpan_balik[lang],
                  jawaban=f"{HURUF[b.indeks_benar]}. {kunci.teks[lang]}")


# ------------------------------------------------------------------------- loading
class Pemeriksa:
    """Collects the located problems (file, line, field) of one YAML file; the kit's other
    loaders (objections, agenda, instrument) use it with their own message codes."""

    KODE_DWIBAHASA = "kuis_dwibahasa"
    KODE_BUKAN_PETA = "kuis_bukan_peta"
    KODE_KUNCI_ASING = "kuis_kunci_asing"

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
            self.tambah(self.KODE_DWIBAHASA, jalur, diharapkan="{id: ..., en: ...}",
                        ditemukan=repr(nilai))
            return None
        return {b: nilai[b].strip() for b in LANGS}

    def peta(self, raw: Any, jalur: Path_, kunci: Iterable[str]) -> bool:
        """Whether ``raw`` is a mapping (else one problem); each key outside ``kunci`` is a
        problem with a did-you-mean."""
        if not isinstance(raw, dict):
            self.tambah(self.KODE_BUKAN_PETA, jalur, ditemukan=repr(raw))
            return False
        sah = sorted(kunci)
        for k in sorted(set(raw) - set(sah), key=str):
            self.tambah(self.KODE_KUNCI_ASING, (*jalur, k), kunci=k, diharapkan=", ".join(sah),
                        saran=mirip(str(k), sah))
        return True


@dataclass(frozen=True)
class Tujuan:
    """One learning objective of an episode (``training/tujuan.yaml``)."""

    id: str
    episode: str
    teks: dict[str, str]


def muat_tujuan(path: str | Path | None = None) -> dict[str, Tujuan]:
    """The objectives by id (default :data:`TUJUAN_BAWAAN`); every problem is located.

    An id is ``NN.k`` and starts with its ``episode`` ``NN``; ids are unique.

    >>> t = muat_tujuan()
    >>> len(t), t["03.2"].episode
    (27, '03')
    """
    path = TUJUAN_BAWAAN if path is None else path
    data, lines = read_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("tujuan"), list) or not data["tujuan"]:
        raise galat("kuis_tanpa_tujuan", berkas=str(path), baris=line_of(lines, ("tujuan",)),
                    bidang="tujuan")
    cek = Pemeriksa(str(path), lines)
    out: dict[str, Tujuan] = {}
    pertama: dict[str, int] = {}
    for i, raw in enumerate(data["tujuan"]):
        jalur: Path_ = ("tujuan", i)
        if not cek.peta(raw, jalur, ("id", "episode", "teks")):
            continue
        tid, ep = raw.get("id"), raw.get("episode")
        teks = cek.dwibahasa(raw.get("teks"), (*jalur, "teks"))
        if not isinstance(tid, str) or not _POLA_TUJUAN.match(tid):
            cek.tambah("nilai_tidak_valid", (*jalur, "id"), diharapkan='"NN.k"',
                       ditemukan=repr(tid))
        elif not isinstance(ep, str) or not _POLA_EPISODE.match(ep) or not tid.startswith(ep + "."):
            cek.tambah("nilai_tidak_valid", (*jalur, "episode"), diharapkan=repr(tid[:2]),
                       ditemukan=repr(ep))
        elif tid in pertama:
            cek.tambah("kuis_id_ganda", (*jalur, "id"), id=tid, berkas_pertama=str(path),
                       baris_pertama=line_of(lines, ("tujuan", pertama[tid])))
        else:
            pertama[tid] = i
            if teks is not None:
                out[tid] = Tujuan(tid, ep, teks)
    if cek.masalah:
        raise SimkitError(cek.masalah)
    return out


def _periksa_pilihan(cek: Pemeriksa, raw: Any, jalur: Path_) -> Pilihan | None:
    if not cek.peta(raw, jalur, _KUNCI_PILIHAN):
        return None
    teks = cek.dwibahasa(raw.get("teks"), (*jalur, "teks"))
    umpan = cek.dwibahasa(raw.get("umpan_balik"), (*jalur, "umpan_balik"))
    benar = raw.get("benar")
    if not isinstance(benar, bool):
        cek.tambah("nilai_tidak_valid", (*jalur, "benar"), diharapkan="true | false",
                   ditemukan=repr(benar))
        return None
    miskonsepsi = None
    if benar and "miskonsepsi" in raw:
        cek.tambah("kuis_miskonsepsi_benar", (*jalur, "miskonsepsi"))
    elif not benar:
        if "miskonsepsi" not in raw:
            cek.tambah("kuis_miskonsepsi", (*jalur, "miskonsepsi"))
            return None
        miskonsepsi = cek.dwibahasa(raw["miskonsepsi"], (*jalur, "miskonsepsi"))
        if miskonsepsi is None:
            return None
    if teks is None or umpan is None:
        return None
    return Pilihan(teks, benar, umpan, raw.get("nilai"), miskonsepsi)


def _periksa_periksa(cek: Pemeriksa, raw: Any, jenis: Any, jalur: Path_) -> None:
    if not cek.peta(raw, jalur, _KUNCI_PERIKSA):
        return
    kasus = isinstance(raw.get("masukan"), dict) and isinstance(raw.get("keluaran"), str)
    param = isinstance(raw.get("parameter"), str)
    if not isinstance(raw.get("aturan"), str) or kasus == param:
        cek.tambah("kuis_periksa", jalur, ditemukan=repr(sorted(raw, key=str)))
    if "dibanding" in raw and (not kasus or not isinstance(raw["dibanding"], dict)):
        cek.tambah("kuis_periksa_dibanding", (*jalur, "dibanding"),
                   ditemukan=repr(raw["dibanding"]))
    d = raw.get("desimal")
    if d is not None and (isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 12):
        cek.tambah("nilai_tidak_valid", (*jalur, "desimal"), diharapkan="0..12",
                   ditemukan=repr(d))
    if jenis == "benar_salah" and "klaim" not in raw:
        cek.tambah("kuis_periksa_klaim", (*jalur, "klaim"))


def _periksa_tujuan(cek: Pemeriksa, raw: dict, jalur: Path_,
                    tujuan: Mapping[str, Tujuan]) -> None:
    """``episode`` and ``tujuan`` of one item against the objectives."""
    ep, tj = raw.get("episode"), raw.get("tujuan")
    episode = sorted({t.episode for t in tujuan.values()})
    if not isinstance(ep, str) or ep not in episode:
        cek.tambah("kuis_episode", (*jalur, "episode"), diharapkan=", ".join(episode),
                   ditemukan=repr(ep), saran=mirip(str(ep), episode))
    if not isinstance(tj, str) or tj not in tujuan:
        cek.tambah("kuis_tujuan", (*jalur, "tujuan"), diharapkan='"NN.k"', ditemukan=repr(tj),
                   saran=mirip(str(tj), tujuan))
    elif isinstance(ep, str) and ep in episode and tujuan[tj].episode != ep:
        cek.tambah("kuis_tujuan_episode", (*jalur, "tujuan"), tujuan=tj,
                   episode_tujuan=tujuan[tj].episode, episode=ep)


def _periksa_butir(cek: Pemeriksa, raw: Any, jalur: Path_,
                   tujuan: Mapping[str, Tujuan]) -> Butir | None:
    n0 = len(cek.masalah)
    if not cek.peta(raw, jalur, _KUNCI_BUTIR):
        return None
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
    _periksa_tujuan(cek, raw, jalur, tujuan)
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
                 status, periksa, cek.berkas, line_of(cek.lines, jalur),
                 episode=raw["episode"], tujuan=raw["tujuan"])


TujuanArg = str | Path | Mapping[str, Tujuan] | None


def _tujuan(tujuan: TujuanArg) -> Mapping[str, Tujuan]:
    return tujuan if isinstance(tujuan, Mapping) else muat_tujuan(tujuan)


def muat_bank(path: str | Path, tujuan: TujuanArg = None) -> list[Butir]:
    """Read and validate one bank file; every problem is a located :class:`Masalah`.

    ``tujuan``: the objectives (a file or :func:`muat_tujuan`'s mapping; default
    :data:`TUJUAN_BAWAAN`) the items' ``episode``/``tujuan`` are checked against.

    >>> len(muat_bank(BANK_BAWAAN / "kuadran.yaml")) >= 3
    True
    """
    tujuan = _tujuan(tujuan)
    data, lines = read_yaml_file(path)
    cek = Pemeriksa(str(path), lines)
    if not isinstance(data, dict) or not isinstance(data.get("butir"), list) or not data["butir"]:
        raise galat("kuis_tanpa_butir", berkas=str(path), baris=line_of(lines, ("butir",)),
                    bidang="butir")
    for k in sorted(set(data) - {"butir"}, key=str):
        cek.tambah("kuis_kunci_asing", (k,), kunci=k, diharapkan="butir")
    out = [_periksa_butir(cek, b, ("butir", i), tujuan) for i, b in enumerate(data["butir"])]
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


def muat_semua(bank: str | Path | Iterable[str | Path] | None = None,
               tujuan: TujuanArg = None) -> list[Butir]:
    """Every item of the banks (:func:`berkas_bank`); an id given twice is a located error."""
    tujuan = _tujuan(tujuan)
    butir: list[Butir] = []
    masalah: list[Masalah] = []
    pertama: dict[str, Butir] = {}
    for f in berkas_bank(bank):
        try:
            isi = muat_bank(f, tujuan)
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
    if (isinstance(a, int | float | np.number) and isinstance(b, int | float | np.number)
            and not isinstance(a, bool) and not isinstance(b, bool)):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))
    return a == b


@dataclass(frozen=True)
class Mesin:
    """An engine a ``periksa`` can name besides a rule: its parameters and inputs → outputs."""

    parameter: Callable[[], Any]
    hitung: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None


def _tpp_satu(masukan: Mapping[str, Any]) -> dict[str, Any]:
    """TPP of one employee: ``kelas_jabatan``, ``predikat`` (a PermenPANRB 6/2022 predikat),
    optional ``status_kepegawaian`` (PNS), ``rumpun`` (umum) and ``parameter`` (TPP overrides),
    exactly as :func:`simkit.analysis.metrics.tpp.tpp_pegawai` computes it."""
    from simkit.analysis.metrics.tpp import tpp_pegawai
    from simkit.kosakata import PERINGKAT_PREDIKAT

    panel = pd.DataFrame({
        "aturan": ["kuis"], "asn_id": [1], "opd_id": ["opd"], "nama_opd": ["OPD"],
        "kelas_jabatan": [int(masukan["kelas_jabatan"])],
        "status_kepegawaian": [masukan.get("status_kepegawaian", "PNS")],
        "rumpun": [masukan.get("rumpun", "umum")],
        "peringkat": [PERINGKAT_PREDIKAT[masukan["predikat"]]]})
    baris = tpp_pegawai(panel, masukan.get("parameter")).iloc[0]
    return {k: baris[k].item() if hasattr(baris[k], "item") else baris[k]
            for k in ("menerima", "tpp_bulanan", "tpp_tahunan", "tpp_penuh_tahunan")}


def _parameter_tpp() -> Any:
    from simkit.analysis.metrics.tpp import muat_parameter_tpp
    return muat_parameter_tpp()


def _parameter_6_2022() -> Any:
    from simkit.rules import get_rule
    return get_rule("permenpanrb_6_2022").siapkan_parameter(None)


def _kurva_unit(masukan: Mapping[str, Any]) -> dict[str, Any]:
    """SE 3/2023 head-count limits of one unit of ``jumlah_pegawai`` whose organisation is
    ``capaian_kinerja_organisasi``, as :func:`simkit.rules.kurva_distribusi.periksa` sets them
    with simkit's PermenPANRB 6/2022 parameters: ``{"maks": {kelas: orang}, "min": {...}}``
    (``kelas``: the predikat joined by ``+``)."""
    from simkit.rules.kurva_distribusi import periksa

    p = _parameter_6_2022()
    n = int(masukan["jumlah_pegawai"])
    _, batas = periksa(np.zeros(n), np.array([masukan["capaian_kinerja_organisasi"]] * n,
                                             dtype=object),
                       np.full(n, 4), p["kurva_batas"], p["kurva_sebagian_besar"])
    out: dict[str, dict[str, int]] = {}
    for jenis, kelas, orang in batas[["jenis", "kelas", "batas_orang"]].itertuples(index=False):
        if jenis != "terbanyak":                   # that one depends on the counts
            out.setdefault(jenis, {})[kelas] = int(orang)
    return out


def _parameter_putusan() -> Any:
    from simkit.analysis.metrics.putusan import parameter_putusan
    return parameter_putusan()


MESIN: dict[str, Mesin] = {
    "tpp": Mesin(_parameter_tpp, _tpp_satu),
    "kurva": Mesin(_parameter_6_2022, _kurva_unit),
    "putusan": Mesin(_parameter_putusan),
}
"""Engines a ``periksa`` may name in ``aturan`` besides a rule id."""


def _mesin(nama: str) -> Mesin:
    if nama in MESIN:
        return MESIN[nama]
    from simkit.rules import get_rule

    aturan = get_rule(nama)
    return Mesin(lambda: aturan.siapkan_parameter(None), aturan.evaluate_case)


def _jalan(nilai: Any, jalur: str) -> Any:
    """Follow a dotted path (list indices and mapping keys; ``9`` also finds the key 9)."""
    for bagian in str(jalur).split("."):
        if isinstance(nilai, list | tuple):
            nilai = nilai[int(bagian)]
        elif bagian not in nilai and bagian.lstrip("-").isdigit():
            nilai = nilai[int(bagian)]
        else:
            nilai = nilai[bagian]
    return nilai


def nilai_mesin(butir: Butir) -> Any:
    """The value simkit's engine gives for an item's ``periksa`` (see the module docstring):
    a rule case's or engine's output (``masukan`` → ``keluaran``, minus the output with
    ``dibanding`` if given) or a parameter (``parameter``), rounded to ``desimal`` if given.

    >>> b = next(b for b in muat_semua() if b.id == "kuadran_01")
    >>> nilai_mesin(b)
    'sangat_baik'
    """
    from simkit.pembulatan import bulat_setengah_atas

    cek = butir.periksa or {}
    mesin = _mesin(cek["aturan"])
    if "parameter" in cek:
        nilai: Any = _jalan(mesin.parameter(), cek["parameter"])
    else:
        if mesin.hitung is None:
            raise ValueError(f"{butir.id}: periksa.aturan {cek['aturan']!r} has only parameters")
        nilai = _jalan(mesin.hitung(cek["masukan"]), cek["keluaran"])
        if "dibanding" in cek:
            lain = _jalan(mesin.hitung({**cek["masukan"], **cek["dibanding"]}), cek["keluaran"])
            nilai = nilai - lain
    if cek.get("desimal") is not None:
        nilai = float(bulat_setengah_atas(nilai, cek["desimal"], presisi=6))
    return nilai


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

    ``bank``: files/folders (default :data:`BANK_BAWAAN`). ``topik``, ``episode`` (``"NN"``),
    ``tujuan`` (``"NN.k"``): keep the items of these topics / episodes / objectives (a name or a
    list; all when ``None``; given together, an item must match each). ``seed``: shuffle the order with ``numpy.random.default_rng(seed)`` (bank
    order when ``None``); ``jumlah``: keep the first ``jumlah`` after shuffling. ``peserta`` /
    ``sesi``: a pseudonym and a session id, letters, digits, ``_`` and ``-`` only (no names).
    """

    bank: str | Path | Sequence[str | Path] | None = None
    topik: Sequence[str] | str | None = None
    jumlah: int | None = None
    seed: int | None = None
    peserta: str = "P01"
    sesi: str = "S1"
    lang: str | None = None
    episode: Sequence[str] | str | None = None
    tujuan: Sequence[str] | str | None = None
    butir: list[Butir] = field(init=False)
    jawaban: dict[str, Jawaban] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for nama in ("peserta", "sesi"):
            nilai = getattr(self, nama)
            if not isinstance(nilai, str) or not _POLA_PESERTA.match(nilai):
                raise galat("kuis_pseudonim", bidang=nama, diharapkan="[A-Za-z0-9_-]{1,32}",
                            ditemukan=repr(nilai))
        tujuan = muat_tujuan()
        semua = muat_semua(self.bank, tujuan)
        episode = sorted({t.episode for t in tujuan.values()})
        for nama, boleh in (("topik", TOPIK), ("episode", episode), ("tujuan", tuple(tujuan))):
            pilih = getattr(self, nama)
            if pilih is None:
                continue
            pilih = [pilih] if isinstance(pilih, str) else list(pilih)
            setattr(self, nama, pilih)
            salah = [x for x in pilih if x not in boleh]
            if salah:
                raise galat("nilai_tidak_valid", bidang=nama, diharapkan=" | ".join(boleh),
                            ditemukan=repr(salah[0]), saran=mirip(str(salah[0]), boleh))
            semua = [b for b in semua if getattr(b, nama) in pilih]
        if self.seed is not None:
            urut = np.random.default_rng(self.seed).permutation(len(semua))
            semua = [semua[i] for i in urut]
        if self.jumlah is not None:
            if isinstance(self.jumlah, bool) or not isinstance(self.jumlah, int) or self.jumlah < 1:
                raise galat("nilai_tidak_valid", bidang="jumlah", diharapkan="≥ 1",
                            ditemukan=repr(self.jumlah))
            semua = semua[:self.jumlah]
        if not semua:
            pilihan = [*(self.topik or ()), *(self.episode or ()), *(self.tujuan or ())]
            raise galat("kuis_kosong", bidang="topik", topik=", ".join(pilihan))
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
        """One row per item of the quiz in quiz order (:data:`KOLOM_CSV`; ``benar`` 1/0,
        unanswered: empty ``pilihan``/``benar``).

        ``waktu``: an explicit time stamp (any text) written in a ``waktu`` column; without it
        the table has no time, so the same answers always give the same bytes.
        """
        baris = []
        for i, b in enumerate(self.butir, start=1):
            j = self.jawaban.get(b.id)
            baris.append({"sesi": self.sesi, "peserta": self.peserta, "urutan": i,
                          "butir_id": b.id, "episode": b.episode, "tujuan": b.tujuan,
                          "topik": b.topik, "jenis": b.jenis,
                          "pilihan": HURUF[j.indeks] if j else None,
                          "pilihan_benar": HURUF[b.indeks_benar],
                          "benar": int(j.benar) if j else None})
        df = pd.DataFrame(baris, columns=list(KOLOM_CSV))
        df["benar"] = df["benar"].astype("Int64")
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
            if "benar" in lama:                      # files written before 1/0: true/false
                lama["benar"] = lama["benar"].replace({"true": "1", "false": "0"})
            baru = df.astype(object).where(df.notna(), "")
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
