"""The two forms of the resistance instrument (issue 12 §4), both built from its YAML.

* :func:`formulir_kertas_html` — the printable paper form: one offline HTML page (no script,
  no web font, no image), A4, black on white, answers circled; ``simkit pelatihan bangun``
  includes it with the handouts. Data entry from paper uses the simkit layout
  (:mod:`simkit.pelatihan.impor_respons`); the variable names are printed small beside each
  item for that purpose.
* :class:`FormulirWidget` — the form in the workshop app (ipywidgets): pairing code, before/
  after, one answer per item; **Simpan** appends the row atomically to a CSV in the simkit
  layout. A code that is not the recipe's (a name, an 18-digit NIP) is refused with the
  located message; so is a second row for a code and time already in the file (saving again
  from the same form replaces its own row). :func:`simpan_respons` does the appending.

>>> h = formulir_kertas_html("en")
>>> "Strongly agree" in h and "<script" not in h and "size: A4" in h
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from simkit.errors import Masalah, SimkitError
from simkit.i18n import get_lang, t
from simkit.pelatihan.impor_respons import kolom_simkit
from simkit.pelatihan.instrumen import (
    KOLOM_KODE,
    KOLOM_WAKTU,
    WAKTU,
    Instrumen,
    muat_instrumen,
    periksa_kode,
    teks_resep,
)
from simkit.widgets.kuis import HURUF

_e = html.escape


def _k(kunci: str, lang: str, **kw: Any) -> str:
    return t(f"pelatihan.formulir.{kunci}", lang, **kw)


_GAYA = """
@page { size: A4; margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #000;
       background: #fff; max-width: 186mm; margin: 0 auto; line-height: 1.3; }
h1 { font-size: 14pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle; }
th { font-weight: bold; font-size: 8pt; }
td.n { width: 6mm; text-align: right; } td.o { width: 9mm; text-align: center; font-size: 11pt; }
tr { page-break-inside: avoid; } .v { font-size: 6.5pt; color: #000; }
.kotak { display: inline-block; width: 7mm; height: 8mm; border: 0.8pt solid #000;
         margin-right: 1mm; vertical-align: middle; }
.soal { page-break-inside: avoid; margin: 0 0 3mm; } .soal p { margin: 0 0 1mm; }
.pilih { margin-left: 5mm; } .catatan { font-size: 8.5pt; border: 0.8pt solid #000; padding: 2mm; }
"""


def _tabel_likert(ins: Instrumen, bagian: str, lang: str, mulai: int) -> tuple[str, int]:
    kepala = "".join(f"<th>{v}<br>{_e(ins.label_skala[v][lang])}</th>"
                     for v in range(ins.skala_min, ins.skala_maks + 1))
    baris = []
    nomor = mulai
    for s in ins.subskala_dari(bagian):
        for b in s.butir:
            lingkar = "".join(f"<td class='o'>{v}</td>"
                              for v in range(ins.skala_min, ins.skala_maks + 1))
            baris.append(f"<tr><td class='n'>{nomor}</td><td>{_e(b.teks[lang])} "
                         f"<span class='v'>[{b.id}]</span></td>{lingkar}</tr>")
            nomor += 1
    return (f"<table><thead><tr><th>No</th><th>{_e(_k('pernyataan', lang))}</th>{kepala}"
            f"</tr></thead><tbody>{''.join(baris)}</tbody></table>", nomor)


def formulir_kertas_html(lang: str | None = None, ins: Instrumen | None = None) -> str:
    """The printable paper form in ``lang`` as a self-contained HTML page (A4, greyscale).

    >>> "☐" in formulir_kertas_html("id")
    True
    """
    lang = lang or get_lang()
    ins = ins or muat_instrumen()
    tx = ins.teks
    kotak = "".join("<span class='kotak'></span>" for _ in ins.contoh_kode)
    waktu = " &nbsp; ".join(f"☐ {_e(tx['waktu'][w][lang])}" for w in WAKTU)
    o = [f"<h1>{_e(tx['judul'][lang])}</h1>", f"<p>{_e(tx['petunjuk'][lang])}</p>",
         f"<p><b>{_e(tx['pertanyaan_kode'][lang])}</b> <span class='v'>[kode]</span><br>"
         f"{kotak}</p><p class='catatan'>{_e(teks_resep(ins, lang))}</p>",
         f"<p><b>{_e(tx['pertanyaan_waktu'][lang])}</b> <span class='v'>[waktu]</span> "
         f"&nbsp; {waktu}</p>", f"<p>{_e(_k('lingkari', lang))}</p>"]
    nomor = 1
    for bagian in ("keadilan", "perubahan"):
        tabel, nomor = _tabel_likert(ins, bagian, lang, nomor)
        o += [f"<h2>{_e(tx['bagian'][bagian][lang])}</h2>", tabel]
    if ins.pengetahuan:
        o.append(f"<h2>{_e(tx['bagian']['pengetahuan'][lang])}</h2>")
        for b in ins.pengetahuan:
            pil = "".join(f"<div class='pilih'>{HURUF[i]}. {_e(p.teks[lang])}</div>"
                          for i, p in enumerate(b.kuis.pilihan))
            o.append(f"<div class='soal'><p>{nomor}. {_e(b.kuis.teks[lang])} "
                     f"<span class='v'>[{b.id}]</span></p>{pil}</div>")
            nomor += 1
    o.append(f"<p>{_e(_k('terima_kasih', lang))}</p>")
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{_e(tx['judul'][lang])}</title><style>{_GAYA}</style></head><body>"
            + "\n".join(o) + "</body></html>\n")


def tulis_formulir_kertas(path: str | Path, lang: str | None = None) -> Path:
    """Write :func:`formulir_kertas_html` to ``path`` atomically."""
    from simkit.atomic import write_text_atomic

    return write_text_atomic(path, formulir_kertas_html(lang))


# --------------------------------------------------------------------------- app form
def baris_respons(kode: str, waktu: str | None, jawaban: Mapping[str, Any],
                  ins: Instrumen | None = None) -> pd.DataFrame:
    """One response row in the simkit layout, checked: the code normalised (or the located
    refusal), the time one of ``sebelum``/``sesudah``, Likert answers within the scale,
    knowledge answers option letters; unanswered items stay empty.

    >>> b = baris_respons("si 0742", "sebelum", {"kp1": 4})
    >>> str(b.at[0, "kode"]), int(b.at[0, "kp1"]), b.at[0, "kp2"]
    ('SI0742', 4, '')
    """
    ins = ins or muat_instrumen()
    masalah: list[Masalah] = []
    k = periksa_kode(kode, ins)
    if k in ("kode_kosong", "kode_nip", "kode_pola"):
        masalah.append(Masalah(k, bidang=KOLOM_KODE, isi={"contoh": ins.contoh_kode}))
    if waktu not in WAKTU:
        masalah.append(Masalah("respons_waktu", bidang=KOLOM_WAKTU, ditemukan=repr(waktu)))
    skala = range(ins.skala_min, ins.skala_maks + 1)
    row: dict[str, Any] = {KOLOM_KODE: k, KOLOM_WAKTU: waktu}
    for b in ins.butir_skala:
        v = jawaban.get(b.id)
        if v is not None and v not in skala:
            masalah.append(Masalah("respons_likert", bidang=b.id, ditemukan=repr(v)))
        row[b.id] = "" if v is None else int(v)
    for b in ins.pengetahuan:
        v = jawaban.get(b.id)
        if v is not None and v not in HURUF[:len(b.kuis.pilihan)]:
            masalah.append(Masalah("respons_huruf", bidang=b.id, ditemukan=repr(v)))
        row[b.id] = "" if v is None else v
    asing = sorted(set(jawaban) - set(ins.kolom_butir))
    masalah += [Masalah("bidang_tidak_dikenal", bidang=a) for a in asing]
    if masalah:
        raise SimkitError(masalah)
    return pd.DataFrame([row], columns=kolom_simkit(ins))


def simpan_respons(path: str | Path, baris: pd.DataFrame, ganti: bool = False) -> Path:
    """Append ``baris`` (:func:`baris_respons`) to the CSV at ``path`` atomically (created
    with its header when missing). A row for a code and time already in the file is a
    located error unless ``ganti`` (then it replaces that row)."""
    from simkit.tables import tulis_tabel

    path = Path(path)
    baru = baris.astype(str)
    if path.exists():
        lama = pd.read_csv(path, dtype=str, keep_default_na=False)
        kunci = lama[KOLOM_KODE] + "|" + lama[KOLOM_WAKTU]
        sama = kunci == f"{baru.at[0, KOLOM_KODE]}|{baru.at[0, KOLOM_WAKTU]}"
        if sama.any() and not ganti:
            raise SimkitError(Masalah("respons_kode_ganda", berkas=str(path),
                                      baris=int(sama.to_numpy().argmax()) + 2, kolom=KOLOM_KODE,
                                      isi={"kode": baru.at[0, KOLOM_KODE],
                                           "waktu": baru.at[0, KOLOM_WAKTU],
                                           "baris_lain": int(sama.to_numpy().argmax()) + 2}))
        baru = pd.concat([lama[~sama], baru], ignore_index=True)
    return tulis_tabel(baru, path)


class FormulirWidget:
    """The instrument as an ipywidgets form (see the module docstring).

    Drive it in tests by setting values: ``w.kode.value = "SI0742"``,
    ``w.waktu.value = "sebelum"``, ``w.likert["kp1"].value = 4``, ``w.tahu["kt_iki_01"].value =
    "B"``, then ``w.simpan.click()``; :attr:`pesan` shows the outcome.
    """

    def __init__(self, path_csv: str | Path = "jawaban_resistensi.csv", lang: str | None = None,
                 ins: Instrumen | None = None) -> None:
        import ipywidgets as W

        self.ins = ins or muat_instrumen()
        self.path_csv = Path(path_csv)
        self.lang = lang or get_lang()
        self._tersimpan: set[str] = set()
        lebar = W.Layout(width="auto")
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=self.lang)
        self.judul, self.petunjuk, self.resep = W.HTML(), W.HTML(), W.HTML()
        self.kode = W.Text(placeholder=self.ins.contoh_kode, layout=W.Layout(width="14em"))
        self.label_kode, self.label_waktu = W.HTML(), W.HTML()
        self.waktu = W.RadioButtons(options=[(w, w) for w in WAKTU], value=None, layout=lebar)
        self.likert = {b.id: W.ToggleButtons(
            options=[(str(v), v) for v in range(self.ins.skala_min, self.ins.skala_maks + 1)],
            value=None, style={"button_width": "3.2em"}) for b in self.ins.butir_skala}
        self.teks_likert = {b.id: W.HTML() for b in self.ins.butir_skala}
        self.tahu = {b.id: W.RadioButtons(options=[(h, h) for h in
                                                   HURUF[:len(b.kuis.pilihan)]],
                                          value=None, layout=lebar)
                     for b in self.ins.pengetahuan}
        self.teks_tahu = {b.id: W.HTML() for b in self.ins.pengetahuan}
        self.judul_bagian = {b: W.HTML() for b in ("keadilan", "perubahan", "pengetahuan")}
        self.skala = W.HTML()
        self.simpan = W.Button(button_style="primary", icon="save")
        self.pesan = W.HTML()
        self.bahasa.observe(lambda ch: self._ganti_bahasa(ch["new"]), names="value")
        self.simpan.on_click(lambda _: self._simpan())
        isi: list[Any] = [self.bahasa, self.judul, self.petunjuk, self.label_kode, self.kode,
                          self.resep, self.label_waktu, self.waktu, self.skala]
        for bagian in ("keadilan", "perubahan"):
            isi.append(self.judul_bagian[bagian])
            for s in self.ins.subskala_dari(bagian):
                isi += [W.VBox([self.teks_likert[b.id], self.likert[b.id]]) for b in s.butir]
        if self.ins.pengetahuan:
            isi.append(self.judul_bagian["pengetahuan"])
            isi += [W.VBox([self.teks_tahu[b.id], self.tahu[b.id]]) for b in self.ins.pengetahuan]
        isi += [self.simpan, self.pesan]
        self.tampilan = W.VBox(isi)
        self._gambar()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a frontend
        from IPython.display import display
        display(self.tampilan)

    def _ganti_bahasa(self, lang: str) -> None:
        self.lang = lang
        self._gambar()

    def _gambar(self) -> None:
        lang, ins, tx = self.lang, self.ins, self.ins.teks
        self.bahasa.description = t("kuis.bahasa", lang)
        self.judul.value = f"<h3>{_e(tx['judul'][lang])}</h3>"
        self.petunjuk.value = f"<p>{_e(tx['petunjuk'][lang])}</p>"
        self.label_kode.value = f"<b>{_e(tx['pertanyaan_kode'][lang])}</b>"
        self.resep.value = f"<small>{_e(teks_resep(ins, lang))}</small>"
        self.label_waktu.value = f"<b>{_e(tx['pertanyaan_waktu'][lang])}</b>"
        v = self.waktu.value
        self.waktu.options = [(tx["waktu"][w][lang], w) for w in WAKTU]
        self.waktu.value = v
        self.skala.value = "<small>" + _e(" · ".join(
            f"{k} = {lbl[lang]}" for k, lbl in sorted(ins.label_skala.items()))) + "</small>"
        for bagian, w in self.judul_bagian.items():
            w.value = f"<h4>{_e(tx['bagian'][bagian][lang])}</h4>"
        for b in ins.butir_skala:
            self.teks_likert[b.id].value = _e(b.teks[lang])
            self.likert[b.id].tooltips = [ins.label_skala[k][lang] for k in
                                          range(ins.skala_min, ins.skala_maks + 1)]
        for b in ins.pengetahuan:
            self.teks_tahu[b.id].value = f"<b>{_e(b.kuis.teks[lang])}</b>"
            v = self.tahu[b.id].value
            self.tahu[b.id].options = [(f"{HURUF[i]}. {p.teks[lang]}", HURUF[i])
                                       for i, p in enumerate(b.kuis.pilihan)]
            self.tahu[b.id].value = v
        self.simpan.description = _k("simpan", lang)

    def jawaban(self) -> dict[str, Any]:
        """The answers given so far (unanswered items left out)."""
        out: dict[str, Any] = {i: w.value for i, w in self.likert.items() if w.value is not None}
        out |= {i: w.value for i, w in self.tahu.items() if w.value is not None}
        return out

    def _simpan(self) -> None:
        try:
            baris = baris_respons(self.kode.value, self.waktu.value, self.jawaban(), self.ins)
            kunci = f"{baris.at[0, KOLOM_KODE]}|{baris.at[0, KOLOM_WAKTU]}"
            p = simpan_respons(self.path_csv, baris, ganti=kunci in self._tersimpan)
        except SimkitError as e:
            self.pesan.value = f"<b>{_e(e.render(self.lang))}</b>"
            return
        except OSError as e:
            self.pesan.value = _e(str(e))
            return
        self._tersimpan.add(kunci)
        kosong = len(self.ins.kolom_butir) - len(self.jawaban())
        self.pesan.value = _e(_k("tersimpan", self.lang, path=str(p), kosong=kosong))
