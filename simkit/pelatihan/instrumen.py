"""The resistance instrument (issue 12 §4): its YAML, the pairing code and the codebook.

``training/instrumen/resistensi.yaml`` holds the questionnaire filled in before and after the
workshop: nine Likert subscales (four of perceived justice after Colquitt 2001, five of
change-specific beliefs after Armenakis et al. 2007; 1..5, reverse-keyed items marked
``terbalik: true``), a knowledge test made of quiz-bank items (``pengetahuan.butir``: ids of
``training/kuis/*.yaml``, variables ``kt_<id>``, answered by option letter), the missing-value
codes, the recipe of the anonymous pairing code and the analysis parameters. Layout::

    instrumen: {versi, judul, petunjuk, pertanyaan_kode, pertanyaan_waktu,
                waktu: {sebelum, sesudah}, bagian: {keadilan, perubahan, pengetahuan}}
    skala: {min: 1, maks: 5, label: {1: {id, en}, ...}}
    hilang: [{kode: "", arti}, {kode: "-9", arti}]
    kode_pasangan: {pola, contoh, resep: [{id, en}, ...]}
    analisis: {<parameter>: {nilai, deskripsi: {id, en}}}
    subskala: [{id, bagian, label, sumber, dimensi, butir: [{id, teks, terbalik?}]}]
    pengetahuan: {label, sumber, butir: [quiz ids]}

The codebooks (``training/instrumen/buku-kode.md``, ``en/codebook.md``) are generated from it
by :func:`buku_kode` (``python -m simkit.pelatihan.instrumen`` rewrites them); a test checks
the committed files equal the generated ones.

>>> ins = muat_instrumen()
>>> [s.id for s in ins.subskala][:2], len(ins.pengetahuan) >= 8
(['keadilan_prosedural', 'keadilan_distributif'], True)
>>> periksa_kode(" si-0742 ", ins), periksa_kode("199001012015031001", ins)
('SI0742', 'kode_nip')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simkit.errors import SimkitError, galat, mirip
from simkit.i18n import LANGS, t
from simkit.widgets.kuis import HURUF, Butir, Pemeriksa, berkas_bank, muat_semua
from simkit.yamlloc import Path_, read_yaml_file

AKAR = Path(__file__).resolve().parents[2]
INSTRUMEN_BAWAAN = AKAR / "training" / "instrumen" / "resistensi.yaml"
"""The kit's instrument."""

BUKU_KODE = {"id": AKAR / "training" / "instrumen" / "buku-kode.md",
             "en": AKAR / "training" / "instrumen" / "en" / "codebook.md"}
"""The generated codebooks, per language."""

WAKTU: tuple[str, str] = ("sebelum", "sesudah")
"""The two measurement times (canonical values of the ``waktu`` column)."""

KOLOM_KODE, KOLOM_WAKTU = "kode", "waktu"
AWALAN_TAHU = "kt_"
"""Prefix of a knowledge-test variable: ``kt_<quiz id>``."""

KODE_HILANG = "-9"
"""The explicit missing-value code (an empty cell means the same)."""

_POLA_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMETER = ("ambang_perubahan", "ambang_pengetahuan", "min_terisi", "pasangan_minimal",
              "tingkat_kepercayaan")


@dataclass(frozen=True)
class ButirSkala:
    """One Likert item: variable name, text (id/en), reverse key, its subscale."""

    id: str
    teks: dict[str, str]
    terbalik: bool
    subskala: str


@dataclass(frozen=True)
class Subskala:
    """A subscale: its items, its part of the form and the source it paraphrases."""

    id: str
    bagian: str
    label: dict[str, str]
    sumber: str
    dimensi: str
    butir: tuple[ButirSkala, ...]


@dataclass(frozen=True)
class ButirTahu:
    """A knowledge item: variable ``kt_<quiz id>`` and the quiz item it shows."""

    id: str
    kuis: Butir

    @property
    def huruf_benar(self) -> str:
        return HURUF[self.kuis.indeks_benar]


@dataclass(frozen=True)
class Instrumen:
    """The loaded instrument (see the module docstring)."""

    teks: dict[str, Any]
    skala_min: int
    skala_maks: int
    label_skala: dict[int, dict[str, str]]
    hilang: tuple[dict[str, Any], ...]
    pola_kode: str
    contoh_kode: str
    resep_kode: tuple[dict[str, str], ...]
    parameter: dict[str, float]
    deskripsi_parameter: dict[str, dict[str, str]]
    subskala: tuple[Subskala, ...]
    pengetahuan: tuple[ButirTahu, ...]
    label_pengetahuan: dict[str, str]
    sumber_pengetahuan: str
    berkas: str

    @property
    def butir_skala(self) -> tuple[ButirSkala, ...]:
        """Every Likert item in form order."""
        return tuple(b for s in self.subskala for b in s.butir)

    @property
    def kolom_butir(self) -> tuple[str, ...]:
        """The item columns of the response layout: Likert items, then knowledge items."""
        return tuple(b.id for b in self.butir_skala) + tuple(b.id for b in self.pengetahuan)

    def subskala_dari(self, bagian: str) -> tuple[Subskala, ...]:
        return tuple(s for s in self.subskala if s.bagian == bagian)


class _Cek(Pemeriksa):
    """The quiz bank's located checker, with the instrument's call: path, what was expected,
    what was found (code ``nilai_tidak_valid`` unless given)."""

    KODE_DWIBAHASA = "nilai_tidak_valid"

    def salah(self, jalur: Path_, diharapkan: str, ditemukan: Any = None,
              kode: str = "nilai_tidak_valid", **isi: Any) -> None:
        self.tambah(kode, jalur, diharapkan=diharapkan,
                    ditemukan=None if ditemukan is None else repr(ditemukan), **isi)

    def dwi(self, raw: Any, jalur: Path_) -> dict[str, str]:
        return self.dwibahasa(raw, jalur) or {b: "" for b in LANGS}

    def sebagai_peta(self, raw: Any, jalur: Path_) -> dict:
        if not isinstance(raw, dict):
            self.salah(jalur, "{...}", raw)
            return {}
        return raw


def _subskala(cek: _Cek, raw: Any, i: int, dipakai: set[str]) -> Subskala | None:
    j: Path_ = ("subskala", i)
    raw = cek.sebagai_peta(raw, j)
    sid = raw.get("id")
    if not isinstance(sid, str) or not _POLA_ID.match(sid):
        cek.salah((*j, "id"), "[a-z][a-z0-9_]*", sid)
        sid = f"subskala_{i}"
    bagian = raw.get("bagian")
    if bagian not in ("keadilan", "perubahan"):
        cek.salah((*j, "bagian"), "keadilan | perubahan", bagian)
    sumber = raw.get("sumber")
    if not isinstance(sumber, str) or not sumber.strip():
        cek.salah((*j, "sumber"), t("pelatihan.instrumen.perlu_sumber"), sumber)
        sumber = ""
    butir_raw = raw.get("butir")
    if not isinstance(butir_raw, list) or len(butir_raw) < 2:
        cek.salah((*j, "butir"), "≥ 2", butir_raw)
        butir_raw = []
    butir = []
    for k, b in enumerate(butir_raw):
        jb: Path_ = (*j, "butir", k)
        b = cek.sebagai_peta(b, jb)
        bid = b.get("id")
        if not isinstance(bid, str) or not _POLA_ID.match(bid) or bid.startswith(AWALAN_TAHU):
            cek.salah((*jb, "id"), "[a-z][a-z0-9_]* (" + t("pelatihan.instrumen.bukan_kt") + ")",
                       bid)
            continue
        if bid in dipakai or bid in (KOLOM_KODE, KOLOM_WAKTU):
            cek.salah((*jb, "id"), t("pelatihan.instrumen.id_unik"), bid)
        dipakai.add(bid)
        terbalik = b.get("terbalik", False)
        if not isinstance(terbalik, bool):
            cek.salah((*jb, "terbalik"), "true | false", terbalik)
        butir.append(ButirSkala(bid, cek.dwi(b.get("teks"), (*jb, "teks")), bool(terbalik), sid))
    dimensi = raw.get("dimensi")
    if not isinstance(dimensi, str) or not dimensi.strip():
        cek.salah((*j, "dimensi"), t("pelatihan.instrumen.perlu_dimensi"), dimensi)
    return Subskala(sid, str(bagian), cek.dwi(raw.get("label"), (*j, "label")), str(sumber),
                    str(dimensi), tuple(butir))


_SIMPANAN: dict[tuple, Instrumen] = {}


def muat_instrumen(path: str | Path | None = None,
                   bank: str | Path | None = None) -> Instrumen:
    """Read and check the instrument; every problem is a located :class:`Masalah`.

    ``bank``: the quiz bank the knowledge items come from (default: the kit's). The result
    is kept while neither the instrument nor a bank file changes (size and time).
    """
    path = Path(path) if path is not None else INSTRUMEN_BAWAAN
    try:
        kunci = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size)
                      for f in (path, *berkas_bank(bank)))
    except OSError:
        kunci = None
    if kunci is not None and kunci in _SIMPANAN:
        return _SIMPANAN[kunci]
    ins = _muat(path, bank)
    if kunci is not None:
        _SIMPANAN.clear()
        _SIMPANAN[kunci] = ins
    return ins


def _muat(path: Path, bank: str | Path | None) -> Instrumen:
    data, lines = read_yaml_file(path)
    cek = _Cek(str(path), lines)
    if not isinstance(data, dict):
        raise galat("bukan_mapping", berkas=str(path), baris=1)
    kunci = {"instrumen", "skala", "hilang", "kode_pasangan", "analisis", "subskala",
             "pengetahuan"}
    for k in sorted(set(data) - kunci, key=str):
        cek.salah((k,), ", ".join(sorted(kunci)), k, kode="bidang_tidak_dikenal")
    ins = cek.sebagai_peta(data.get("instrumen"), ("instrumen",))
    teks: dict[str, Any] = {k: cek.dwi(ins.get(k), ("instrumen", k))
                            for k in ("judul", "petunjuk", "pertanyaan_kode", "pertanyaan_waktu")}
    waktu = cek.sebagai_peta(ins.get("waktu"), ("instrumen", "waktu"))
    teks["waktu"] = {w: cek.dwi(waktu.get(w), ("instrumen", "waktu", w)) for w in WAKTU}
    bagian = cek.sebagai_peta(ins.get("bagian"), ("instrumen", "bagian"))
    teks["bagian"] = {b: cek.dwi(bagian.get(b), ("instrumen", "bagian", b))
                      for b in ("keadilan", "perubahan", "pengetahuan")}
    teks["versi"] = ins.get("versi")

    skala = cek.sebagai_peta(data.get("skala"), ("skala",))
    lo, hi = skala.get("min"), skala.get("maks")
    if not (isinstance(lo, int) and isinstance(hi, int) and lo < hi):
        cek.salah(("skala",), "min < maks", (lo, hi))
        lo, hi = 1, 5
    label_raw = cek.sebagai_peta(skala.get("label"), ("skala", "label"))
    if sorted(label_raw) != list(range(lo, hi + 1)):
        cek.salah(("skala", "label"), f"{lo}..{hi}", sorted(label_raw, key=str))
    label = {int(k): cek.dwi(v, ("skala", "label", k)) for k, v in label_raw.items()}

    hilang = data.get("hilang")
    if not isinstance(hilang, list) or {str(h.get("kode")) for h in hilang
                                        if isinstance(h, dict)} != {"", KODE_HILANG}:
        cek.salah(("hilang",), f"kode: '' | '{KODE_HILANG}'", hilang)
        hilang = []
    hilang_t = tuple({"kode": str(h["kode"]), "arti": cek.dwi(h.get("arti"), ("hilang", i, "arti"))}
                     for i, h in enumerate(hilang))

    kp = cek.sebagai_peta(data.get("kode_pasangan"), ("kode_pasangan",))
    pola, contoh = kp.get("pola"), kp.get("contoh")
    try:
        ok = isinstance(pola, str) and isinstance(contoh, str) and re.fullmatch(pola, contoh)
    except re.error:
        ok = False
    if not ok:
        cek.salah(("kode_pasangan", "pola"), t("pelatihan.instrumen.pola_contoh"), pola)
        pola, contoh = r"^[A-Z]{2}[0-9]{4}$", "SI0742"
    resep = kp.get("resep") if isinstance(kp.get("resep"), list) else []
    resep_t = tuple(cek.dwi(r, ("kode_pasangan", "resep", i)) for i, r in enumerate(resep))

    an = cek.sebagai_peta(data.get("analisis"), ("analisis",))
    parameter: dict[str, float] = {}
    desk: dict[str, dict[str, str]] = {}
    for p in _PARAMETER:
        e = an.get(p)
        if not isinstance(e, dict) or not isinstance(e.get("nilai"), int | float):
            cek.salah(("analisis", p), "{nilai: <angka>, deskripsi: {id, en}}", e)
            continue
        parameter[p] = float(e["nilai"])
        desk[p] = cek.dwi(e.get("deskripsi"), ("analisis", p, "deskripsi"))

    dipakai: set[str] = set()
    sub_raw = data.get("subskala") if isinstance(data.get("subskala"), list) else []
    if not sub_raw:
        cek.salah(("subskala",), "[...]", data.get("subskala"))
    subskala = [s for i, r in enumerate(sub_raw) if (s := _subskala(cek, r, i, dipakai))]
    ids = [s.id for s in subskala]
    for i, s in enumerate(ids):
        if s in ids[:i]:
            cek.salah(("subskala", i, "id"), t("pelatihan.instrumen.id_unik"), s)

    pg = cek.sebagai_peta(data.get("pengetahuan"), ("pengetahuan",))
    label_p = cek.dwi(pg.get("label"), ("pengetahuan", "label"))
    kuis = {b.id: b for b in muat_semua(bank)}
    tahu: list[ButirTahu] = []
    daftar = pg.get("butir") if isinstance(pg.get("butir"), list) else []
    for i, q in enumerate(daftar):
        if q not in kuis:
            cek.salah(("pengetahuan", "butir", i), t("pelatihan.instrumen.id_kuis"), q,
                       saran=None)
            if isinstance(q, str) and (s := mirip(q, kuis)):
                cek.masalah[-1].saran = s
            continue
        tahu.append(ButirTahu(AWALAN_TAHU + q, kuis[q]))
    if cek.masalah:
        raise SimkitError(cek.masalah)
    return Instrumen(teks, lo, hi, label, hilang_t, pola, contoh, resep_t, parameter, desk,
                     tuple(subskala), tuple(tahu), label_p, str(pg.get("sumber", "")), str(path))


# --------------------------------------------------------------------------- pairing code
_BUKAN_KODE = re.compile(r"[\s.\-_/]")


def periksa_kode(nilai: Any, ins: Instrumen) -> str:
    """The pairing code normalised (upper case, no spaces, dots or dashes), or the key of
    the problem: ``kode_nip`` (16 or more digits: a NIP has 18, a NIK 16; never stored),
    ``kode_kosong``, ``kode_pola`` (anything else off the recipe, e.g. a name).

    >>> ins = muat_instrumen()
    >>> periksa_kode("Siti Aminah", ins), periksa_kode("", ins)
    ('kode_pola', 'kode_kosong')
    """
    s = _BUKAN_KODE.sub("", str(nilai if nilai is not None else "")).upper()
    if not s or s in ("NAN", "NONE"):
        return "kode_kosong"
    if re.fullmatch(r"[0-9]{16,}", s):
        return "kode_nip"
    return s if re.fullmatch(ins.pola_kode, s) else "kode_pola"


def teks_resep(ins: Instrumen, lang: str) -> str:
    """The recipe of the pairing code as one sentence.

    >>> "SI0742" in teks_resep(muat_instrumen(), "en")
    True
    """
    langkah = " + ".join(r[lang] for r in ins.resep_kode)
    return t("pelatihan.instrumen.resep", lang, langkah=langkah, contoh=ins.contoh_kode)


# --------------------------------------------------------------------------- codebook
def _sel(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def buku_kode(lang: str = "id", ins: Instrumen | None = None) -> str:
    """The codebook (Markdown) generated from the instrument, in ``lang``.

    >>> "| kp5 |" in buku_kode("en")
    True
    """
    ins = ins or muat_instrumen()

    def k(kunci: str, **kw: Any) -> str:
        return t(f"pelatihan.buku_kode.{kunci}", lang, **kw)

    skala = "; ".join(f"{v} = {lbl[lang]}" for v, lbl in sorted(ins.label_skala.items()))
    hilang = "; ".join(f"`{h['kode']}` = {h['arti'][lang]}" if h["kode"]
                       else f"{k('sel_kosong')} = {h['arti'][lang]}" for h in ins.hilang)
    waktu = ", ".join(f"`{w}` ({ins.teks['waktu'][w][lang]})" for w in WAKTU)
    o = [f"# {k('judul')}", "", k("dibangkitkan", berkas="training/instrumen/resistensi.yaml"),
         "", f"**{ins.teks['judul'][lang]}** ({k('versi')} {ins.teks['versi']})", "",
         f"## {k('variabel_umum')}", "",
         f"| {k('variabel')} | {k('isi')} | {k('pengodean')} |", "|---|---|---|",
         f"| {KOLOM_KODE} | {_sel(ins.teks['pertanyaan_kode'][lang])} | "
         f"{_sel(teks_resep(ins, lang))} `{ins.pola_kode}` |",
         f"| {KOLOM_WAKTU} | {_sel(ins.teks['pertanyaan_waktu'][lang])} | {waktu}; "
         f"{k('sinonim_waktu')} |", "",
         f"## {k('skala')}", "", f"{skala}.", "", f"{k('hilang')}: {hilang}.", "",
         k("terbalik_jelas", maks=ins.skala_maks + ins.skala_min), ""]
    for s in ins.subskala:
        o += [f"## {s.label[lang]} (`{s.id}`)", "",
              f"{k('sumber')}: {s.sumber}. {k('dimensi', dimensi=s.dimensi)}", "",
              k("skor_subskala", min_terisi=f"{ins.parameter['min_terisi']:g}"), "",
              f"| {k('variabel')} | {k('teks')} | {k('terbalik')} |", "|---|---|---|"]
        o += [f"| {b.id} | {_sel(b.teks[lang])} | {k('ya') if b.terbalik else ''} |"
              for b in s.butir]
        o.append("")
    o += [f"## {ins.label_pengetahuan[lang]} (`pengetahuan`)", "",
          f"{k('sumber')}: {ins.sumber_pengetahuan}", "", k("skor_pengetahuan"), "",
          f"| {k('variabel')} | {k('teks')} | {k('pilihan')} | {k('kunci')} |",
          "|---|---|---|---|"]
    for b in ins.pengetahuan:
        pil = "; ".join(f"{HURUF[i]}. {p.teks[lang]}" for i, p in enumerate(b.kuis.pilihan))
        o.append(f"| {b.id} | {_sel(b.kuis.teks[lang])} | {_sel(pil)} | {b.huruf_benar} |")
    o += ["", f"## {k('parameter')}", "", f"| {k('parameter')} | {k('nilai')} | {k('arti')} |",
          "|---|---|---|"]
    o += [f"| {p} | {ins.parameter[p]:g} | {_sel(ins.deskripsi_parameter[p][lang])} |"
          for p in _PARAMETER]
    return "\n".join(o) + "\n"


def tulis_buku_kode(ins: Instrumen | None = None) -> list[Path]:
    """Rewrite both committed codebooks from the instrument (atomically)."""
    from simkit.atomic import write_text_atomic

    ins = ins or muat_instrumen()
    return [write_text_atomic(p, buku_kode(lang, ins)) for lang, p in BUKU_KODE.items()]


if __name__ == "__main__":  # pragma: no cover - python -m simkit.pelatihan.instrumen
    for p in tulis_buku_kode():
        print(p)
