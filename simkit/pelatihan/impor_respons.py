"""Import the before/after responses to the resistance instrument (issue 12 §4).

Two layouts, told apart by the first column header:

* **simkit layout** (CSV or Excel ``.xlsx``; what the app form and the paper-form data entry
  write): columns ``kode`` (the pairing code), ``waktu`` (``sebelum``/``sesudah``, also
  ``pre``/``post``, ``before``/``after``) and one column per item of the instrument, named by
  its variable (``kp1`` ... ``pv3``, ``kt_<quiz id>``), in any order. Likert cells: ``1``..``5``;
  knowledge cells: the option letter ``A``..``F``; an empty cell or ``-9``: not answered.
* **Google Forms export** (CSV, first column ``Timestamp`` or ``Stempel waktu``): every other
  header is a question's full text, in Indonesian or English, matched to the items after
  normalisation (case, accents, punctuation, spacing, a leading number); ``Grid [row text]``
  headers of a Likert grid match by the row text, and a header may also carry the variable in
  brackets (``[kp1] ...``). Likert answers may read ``4``, ``4 - Setuju`` or ``Setuju``/
  ``Agree``; knowledge answers the option letter or the option text; ``waktu`` answers
  ``Sebelum pelatihan``/``Before the training``.

Every bad input is a located :class:`~simkit.errors.Masalah` (file, row = line in the file,
column), in the user's language: an unknown, missing, unmatched or duplicated column; a column
that would hold a name, NIP, NIK or e-mail; an out-of-range or unreadable answer; a code that
is empty, off the recipe or an 18-digit NIP; a code with two ``sebelum`` (or two ``sesudah``)
rows. Nothing is silently dropped or guessed.

>>> from simkit.pelatihan.instrumen import muat_instrumen
>>> ins = muat_instrumen()
>>> nilai_likert(pd.Series(["4", "4 - Setuju", "Agree", "", "-9", "4 - Sangat setuju"]),
...              ins).tolist()   # the last: number and label disagree, reported as unreadable
[4.0, 4.0, 4.0, nan, nan, nan]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.i18n import LANGS
from simkit.pelatihan.instrumen import (
    KODE_HILANG,
    KOLOM_KODE,
    KOLOM_WAKTU,
    WAKTU,
    Instrumen,
    muat_instrumen,
)
from simkit.widgets.kuis import HURUF

KOLOM_CAP_WAKTU = ("timestamp", "stempel waktu", "cap waktu", "tanda waktu")
"""Normalised first headers that mark a Google Forms export."""

KOLOM_PRIBADI = ("nama", "name", "nama lengkap", "full name", "nip", "nik", "email",
                 "e mail", "alamat email", "email address", "no hp", "nomor hp", "telepon",
                 "phone")
"""Normalised headers refused outright: the instrument is anonymous."""

SINONIM_WAKTU = {"sebelum": ("sebelum", "pre", "before", "pra"),
                 "sesudah": ("sesudah", "post", "after", "setelah", "pasca")}
"""Accepted spellings of the two times (besides the instrument's own labels)."""

MAKS_MASALAH = 50
"""At most this many problems are reported at once (the rest: fix these first)."""

KOLOM_BARIS = "baris"
"""Column of the imported table: the row's line in the source file."""


def normal(s: Any) -> str:
    """Text normalised for matching: lower case, no accents, punctuation as spaces.

    >>> normal("  Sebelum   Pelatihan! ") == normal("sebelum pelatihan")
    True
    """
    s = unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


def _kosong(s: pd.Series) -> pd.Series:
    v = s.fillna("").astype(str).str.strip()
    return v.isin(["", KODE_HILANG, "nan", "NaN", "None"])


def nilai_likert(s: pd.Series, ins: Instrumen) -> pd.Series:
    """Likert cells as floats (NaN: not answered, or unreadable: see :func:`_salah_likert`)."""
    v = s.fillna("").astype(str).str.strip()
    bagian = v.str.extract(r"^(\d+)(?:\.0+)?(?:\s*[-–—.:)]\s*(\D.*))?$")
    out = pd.to_numeric(bagian[0], errors="coerce")
    label = {normal(lbl[b]): float(k) for k, lbl in ins.label_skala.items() for b in LANGS}
    dari_label = v.map(lambda x: label.get(normal(x), np.nan))
    label_ikut = bagian[1].map(lambda x: label.get(normal(x), np.nan) if isinstance(x, str)
                               else np.nan)
    out = out.where(~(label_ikut.notna() & (label_ikut != out)))   # "4 - Sangat setuju"
    out = out.where(out.notna() | bagian[0].notna(), dari_label)
    return out.where(~_kosong(s)).astype("float64")


def nilai_huruf(s: pd.Series, butir: Any) -> pd.Series:
    """Knowledge cells as option letters (``None``: not answered or unreadable)."""
    v = s.fillna("").astype(str).str.strip()
    n = len(butir.pilihan)
    teks = {normal(p.teks[b]): HURUF[i] for i, p in enumerate(butir.pilihan) for b in LANGS}
    huruf = v.str.extract(r"^([A-Fa-f])(?:\s*[.):-]\s*.*)?$")[0].str.upper()
    huruf = huruf.where(huruf.isin(list(HURUF[:n])))
    dari_teks = v.map(lambda x: teks.get(normal(x)))
    out = huruf.where(huruf.notna(), dari_teks)
    return out.where(~_kosong(s)).astype(object).where(lambda x: x.notna(), None)


def _waktu(s: pd.Series, ins: Instrumen) -> pd.Series:
    peta = {normal(x): w for w, xs in SINONIM_WAKTU.items() for x in xs}
    peta |= {normal(ins.teks["waktu"][w][b]): w for w in WAKTU for b in LANGS}
    return s.fillna("").astype(str).map(lambda x: peta.get(normal(x)))


def _baca(path: Path) -> pd.DataFrame:
    suf = path.suffix.lower()
    if not path.exists():
        raise galat("berkas_tidak_ada", berkas=str(path))
    if suf == ".csv":
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            pertama = fh.readline()
        sep = ";" if ";" in pertama and "," not in pertama else ","
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                               sep=sep)
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
            raise galat("respons_tak_terbaca", berkas=str(path), detail=str(e)[:200]) from None
    if suf in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str).fillna("")
    raise galat("nilai_tidak_valid", berkas=str(path), diharapkan=".csv, .xlsx",
                ditemukan=suf or "''")


def _kandidat(ins: Instrumen) -> dict[str, str]:
    """Normalised question texts (both languages) and variable names → column."""
    out: dict[str, str] = {}
    for b in ins.butir_skala:
        out |= {normal(b.teks[x]): b.id for x in LANGS}
    for b in ins.pengetahuan:
        out |= {normal(b.kuis.teks[x]): b.id for x in LANGS}
    for kol, kunci in ((KOLOM_KODE, "pertanyaan_kode"), (KOLOM_WAKTU, "pertanyaan_waktu")):
        out |= {normal(ins.teks[kunci][x]): kol for x in LANGS}
    out |= {k: k for k in (KOLOM_KODE, KOLOM_WAKTU, *ins.kolom_butir)}
    return out


def _cocokkan(judul: str, kandidat: dict[str, str]) -> str | None:
    n = normal(judul)
    coba = [n, re.sub(r"^\d+\s+", "", n)]
    m = re.match(r"^\s*\[([^\]]+)\]\s*(.*)$", judul)          # "[kp1] text"
    if m:
        coba += [normal(m.group(1)), normal(m.group(2))]
    m = re.match(r"^(.*)\[([^\]]+)\]\s*$", judul)              # "Grid title [row text]"
    if m:
        coba += [normal(m.group(2))]
    return next((kandidat[c] for c in coba if c in kandidat), None)


def _peta_google(kolom: list[str], berkas: str, ins: Instrumen) -> dict[str, str]:
    kandidat = _kandidat(ins)
    masalah: list[Masalah] = []
    peta: dict[str, str] = {}
    dari: dict[str, str] = {}
    for judul in kolom[1:]:
        kol = _cocokkan(judul, kandidat)
        if normal(judul) in KOLOM_PRIBADI:
            masalah.append(Masalah("respons_kolom_pribadi", berkas=berkas, baris=1,
                                   kolom=judul))
        elif kol is None:
            s = mirip(normal(judul), kandidat)
            masalah.append(Masalah("gforms_tak_cocok", berkas=berkas, baris=1,
                                   kolom=_pendek(judul), saran=_pendek(s) if s else None))
        elif kol in dari:
            masalah.append(Masalah("gforms_ganda", berkas=berkas, baris=1, kolom=_pendek(judul),
                                   isi={"lain": _pendek(dari[kol]), "variabel": kol}))
        else:
            dari[kol] = judul
            peta[judul] = kol
    if masalah:
        raise SimkitError(masalah)
    return peta


def _pendek(s: str, n: int = 70) -> str:
    s = str(s)
    return s if len(s) <= n else s[:n - 1] + "…"


def baca_respons(path: str | Path | Sequence[str | Path],
                 ins: Instrumen | None = None) -> pd.DataFrame:
    """Read and check a response file (either layout); returns the simkit layout: ``kode``,
    ``waktu`` (``sebelum``/``sesudah``), Likert items as floats (NaN: not answered),
    knowledge items as letters (``None``: not answered) and ``baris`` (the source line).
    ``df.attrs``: ``berkas`` and ``format`` (``simkit`` or ``google_forms``).

    Several files (e.g. a "before" and an "after" Google Form, or two workshop sessions) are
    read one by one and joined, with a column ``berkas``; a code and time found in two files
    is reported with both files and rows."""
    ins = ins or muat_instrumen()
    if not isinstance(path, str | Path):
        return _gabung([baca_respons(p, ins) for p in path])
    path = Path(path)
    berkas = str(path)
    mentah = _baca(path)
    mentah.columns = [str(c).strip() for c in mentah.columns]
    kolom = list(mentah.columns)
    google = bool(kolom) and normal(kolom[0]) in KOLOM_CAP_WAKTU
    if google:
        peta = _peta_google(kolom, berkas, ins)
        df = mentah[list(peta)].rename(columns=peta)
    else:
        peta = {c: c.lower() for c in kolom}
        df = mentah.rename(columns=peta)
        dikenal = (KOLOM_KODE, KOLOM_WAKTU, *ins.kolom_butir)
        masalah = [Masalah("respons_kolom_pribadi", berkas=berkas, baris=1, kolom=c)
                   if normal(c) in KOLOM_PRIBADI else
                   Masalah("kolom_tidak_dikenal", berkas=berkas, baris=1, kolom=c,
                           diharapkan=f"{KOLOM_KODE}, {KOLOM_WAKTU}, kp1 … "
                                      f"{ins.kolom_butir[-1]}", saran=mirip(peta[c], dikenal))
                   for c in kolom if peta[c] not in dikenal]
        ganda = [c for c in df.columns[df.columns.duplicated()]]
        masalah += [Masalah("gforms_ganda", berkas=berkas, baris=1, kolom=c,
                            isi={"lain": c, "variabel": c}) for c in ganda]
        if masalah:
            raise SimkitError(masalah)
    hilang = [c for c in (KOLOM_KODE, KOLOM_WAKTU, *ins.kolom_butir) if c not in df.columns]
    if hilang:
        raise SimkitError([Masalah("kolom_hilang", berkas=berkas, baris=1, kolom=c)
                           for c in hilang])
    if df.empty:
        raise galat("respons_kosong", berkas=berkas)
    return _periksa_isi(df, mentah.columns, peta, berkas, ins, google)


def _periksa_isi(df: pd.DataFrame, asli: pd.Index, peta: dict[str, str], berkas: str,
                 ins: Instrumen, google: bool) -> pd.DataFrame:
    balik = {v: k for k, v in peta.items()}
    baris = pd.Series(np.arange(len(df)) + 2, index=df.index)
    masalah: list[Masalah] = []

    def lapor(kode: str, salah: pd.Series, kol: str, nilai: pd.Series, **kw: Any) -> None:
        for i in salah[salah].index[:MAKS_MASALAH]:
            masalah.append(Masalah(kode, berkas=berkas, baris=int(baris[i]),
                                   kolom=_pendek(balik.get(kol, kol)),
                                   ditemukan=repr(str(nilai[i])[:40]), **kw))

    # the pairing code
    mentah_kode = df[KOLOM_KODE].fillna("").astype(str)
    s = mentah_kode.str.replace(r"[\s.\-_/]", "", regex=True).str.upper()
    kosong = s.isin(["", "NAN", "NONE"])
    nip = s.str.fullmatch(r"[0-9]{16,}")
    pola = ~s.str.fullmatch(ins.pola_kode) & ~kosong & ~nip
    for kode, salah in (("kode_kosong", kosong), ("kode_nip", nip), ("kode_pola", pola)):
        for i in salah[salah].index[:MAKS_MASALAH]:
            masalah.append(Masalah(kode, berkas=berkas, baris=int(baris[i]),
                                   kolom=_pendek(balik.get(KOLOM_KODE, KOLOM_KODE)),
                                   isi={"contoh": ins.contoh_kode},
                                   diharapkan=None if kode == "kode_nip" else ins.pola_kode,
                                   ditemukan=None if kode == "kode_nip"
                                   else repr(mentah_kode[i][:40])))
    waktu = _waktu(df[KOLOM_WAKTU], ins)
    lapor("respons_waktu", waktu.isna(), KOLOM_WAKTU, df[KOLOM_WAKTU],
          diharapkan=" | ".join((*WAKTU, "pre", "post")))
    out = pd.DataFrame({KOLOM_KODE: s, KOLOM_WAKTU: waktu})
    for b in ins.butir_skala:
        v = nilai_likert(df[b.id], ins)
        tak_terbaca = v.isna() & ~_kosong(df[b.id])
        luar = v.notna() & ((v < ins.skala_min) | (v > ins.skala_maks) | (v % 1 != 0))
        lapor("respons_likert", tak_terbaca | luar, b.id, df[b.id],
              diharapkan=f"{ins.skala_min}..{ins.skala_maks}, {KODE_HILANG}, "
                         + ("4 - Setuju" if google else "''"))
        out[b.id] = v.where(~luar)
    for b in ins.pengetahuan:
        v = nilai_huruf(df[b.id], b.kuis)
        salah = v.isna() & ~_kosong(df[b.id])
        lapor("respons_huruf", salah, b.id, df[b.id],
              diharapkan=", ".join(HURUF[:len(b.kuis.pilihan)]) + f", {KODE_HILANG}, ''")
        out[b.id] = v
    sah = ~kosong & ~nip & ~pola & waktu.notna()
    kunci = out[KOLOM_KODE] + "|" + out[KOLOM_WAKTU].fillna("")
    dobel = kunci.duplicated(keep="first") & sah
    pertama = baris.groupby(kunci).transform("first")
    for i in dobel[dobel].index[:MAKS_MASALAH]:
        masalah.append(Masalah("respons_kode_ganda", berkas=berkas, baris=int(baris[i]),
                               kolom=_pendek(balik.get(KOLOM_KODE, KOLOM_KODE)),
                               isi={"kode": out.at[i, KOLOM_KODE], "waktu": out.at[i, KOLOM_WAKTU],
                                    "baris_lain": int(pertama[i])}))
    if masalah:
        masalah.sort(key=lambda m: (m.baris or 0, str(m.kolom)))
        raise SimkitError(masalah[:MAKS_MASALAH])
    out[KOLOM_BARIS] = baris.astype("int64")
    out = out.reset_index(drop=True)
    out.attrs.update(berkas=berkas, format="google_forms" if google else "simkit")
    return out


def kolom_simkit(ins: Instrumen) -> list[str]:
    """Column order of the simkit layout (what the app form writes).

    >>> kolom_simkit(muat_instrumen())[:3]
    ['kode', 'waktu', 'kp1']
    """
    return [KOLOM_KODE, KOLOM_WAKTU, *ins.kolom_butir]


def _gabung(bagian: list[pd.DataFrame]) -> pd.DataFrame:
    """Join imported files; a code and time in two files is a located error naming both."""
    if not bagian:
        raise galat("respons_kosong")
    for df in bagian:
        df.insert(len(df.columns) - 1, "berkas", df.attrs["berkas"])
    out = pd.concat(bagian, ignore_index=True)
    kunci = out[KOLOM_KODE] + "|" + out[KOLOM_WAKTU]
    dobel = kunci.duplicated(keep="first")
    pertama = out[~dobel].set_index(kunci[~dobel])
    masalah = [Masalah("respons_kode_ganda_berkas", berkas=out.at[i, "berkas"],
                       baris=int(out.at[i, KOLOM_BARIS]), kolom=KOLOM_KODE,
                       isi={"kode": out.at[i, KOLOM_KODE], "waktu": out.at[i, KOLOM_WAKTU],
                            "berkas_lain": pertama.at[kunci[i], "berkas"],
                            "baris_lain": int(pertama.at[kunci[i], KOLOM_BARIS])})
               for i in dobel[dobel].index[:MAKS_MASALAH]]
    if masalah:
        raise SimkitError(masalah)
    out.attrs.update(berkas=", ".join(df.attrs["berkas"] for df in bagian),
                     format="+".join(dict.fromkeys(df.attrs["format"] for df in bagian)))
    return out
