"""The explanation an ASN reads: the result and its reason in one sentence, then the evidence.

:func:`simkit.explain` gives a :class:`~simkit.rules.evaluation.Penjelasan` with two views:
the developer's trace (every step, parameter and legal reference; ``simkit explain --jejak``)
and this one, a :class:`Narasi` a civil servant can check against their own SKP:

1. one sentence with the predikat and why ("Predikat Anda: Baik, karena hasil kerja Sesuai
   Ekspektasi (capaian 101,6 %) dan perilaku kerja Sesuai Ekspektasi (rata-rata 3,00 dari 5)");
2. each indicator by its name, with target, realisasi, direction and capaian (and the cap
   when one applied);
3. behaviour value by value, and who rated it;
4. the head-of-unit rule in words when the organisation's result replaces the IKI;
5. what would change the outcome ("capaian ≥ 110 % memberi Di Atas Ekspektasi → predikat
   Sangat Baik").

Numbers use the language's format (``101,6`` in Indonesian), booleans are words, and no step
is said twice. Each rule family writes its own (:func:`narasi_kuadran`, :func:`narasi_pp30`,
:func:`narasi_pp46`); any other rule gets :func:`narasi_umum`.

>>> print(Narasi("Predikat Anda: Baik.", (("Indikator", ("A: 100 %",)),)).teks())
Predikat Anda: Baik.
<BLANKLINE>
Indikator
  - A: 100 %
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.i18n import label, t
from simkit.kosakata import RATING
from simkit.population.schema import BERAKHLAK, PERAN_PENILAI
from simkit.presentation.format import angka

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation


@dataclass(frozen=True)
class Narasi:
    """The ASN's view of one result: the sentence, then titled sections of lines."""

    kalimat: str
    bagian: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def teks(self) -> str:
        """Plain text: the sentence, then each non-empty section as a list."""
        out = [self.kalimat]
        for judul, baris in self.bagian:
            if baris:
                out += ["", judul, *(f"  - {b}" for b in baris)]
        return "\n".join(out)


def _k(kunci: str, lang: str, **isi: Any) -> str:
    return t(f"narasi.{kunci}", lang, **isi)


def _a(x: Any, lang: str, desimal: int = 1) -> str:
    """A number in the language's format, at most ``desimal`` decimals, no trailing zeros."""
    if x is None or (isinstance(x, float) and pd.isna(x)):
        return "–"
    teks = angka(float(x), desimal, lang)
    sep = "," if lang == "id" else "."
    return teks.rstrip("0").rstrip(sep) if sep in teks else teks


def _baris_rinci(evaluation: Evaluation, tabel: str, asn_id: int) -> pd.DataFrame:
    d = evaluation.catatan.get(tabel)
    if d is None or "asn_id" not in d:
        return pd.DataFrame()
    return d.loc[d["asn_id"] == int(asn_id)]


def _nama_iki(iki: pd.DataFrame | None, iki_id: int, lang: str) -> tuple[str, str]:
    """(name, unit) of an indicator from the population's ``iki`` table, else 'IKI <id>'."""
    if iki is not None and "iki_id" in iki and len(iki):
        hit = iki.loc[iki["iki_id"] == iki_id]
        if len(hit):
            r = hit.iloc[0]
            satuan = r.get("satuan")
            kosong = satuan is None or pd.isna(satuan) or not str(satuan).strip()
            return str(r.get("nama_indikator") or _k("iki", lang, id=iki_id)), (
                "" if kosong else f" {satuan}")
    return _k("iki", lang, id=iki_id), ""


# --------------------------------------------------------------------------- PermenPANRB 6/2022


def _indikator_kuadran(evaluation: Evaluation, baris: pd.Series, lang: str,
                       iki: pd.DataFrame | None) -> tuple[str, ...]:
    p = evaluation.params
    out = []
    for r in _baris_rinci(evaluation, "iki", baris["asn_id"]).itertuples():
        nama, satuan = _nama_iki(iki, r.iki_id, lang)
        arah = _k("arah_turun" if getattr(r, "turun", False) else "arah_naik", lang)
        mentah = getattr(r, "capaian_iki_mentah", r.capaian_iki)
        teks = _k("indikator", lang, nama=nama, target=_a(getattr(r, "target", None), lang, 2),
                  realisasi=_a(getattr(r, "realisasi", None), lang, 2), satuan=satuan,
                  arah=arah, capaian=_a(mentah, lang))
        if pd.notna(mentah) and abs(float(mentah) - float(r.capaian_iki)) > 1e-9:
            batas = ("batas_atas_capaian_iki" if mentah > r.capaian_iki
                     else "batas_bawah_capaian_iki")
            teks += " " + _k("dibatasi", lang, nilai=_a(r.capaian_iki, lang),
                             batas=_a(p[batas], lang))
        out.append(teks + " " + _k("bobot", lang, bobot=_a(100 * r.bobot, lang)))
    return tuple(out)


def _perilaku_kuadran(evaluation: Evaluation, baris: pd.Series, lang: str) -> tuple[str, ...]:
    p = evaluation.params
    nilai = tuple(_k("nilai_perilaku", lang, nama=label("berakhlak", v, lang),
                     skor=_a(baris[v], lang, 2)) for v in BERAKHLAK if v in baris)
    peran = _baris_rinci(evaluation, "peran_perilaku", baris["asn_id"])
    ada = int(peran["peran_ada"].iloc[0]) if len(peran) else None
    if ada is None:
        return nilai
    siapa = [label("peran_penilai", r, lang) for i, r in enumerate(PERAN_PENILAI) if ada >> i & 1]
    if p["sumber_perilaku"] == "atasan" and ada & 1:
        sumber = _k("sumber_atasan", lang)
    elif p["sumber_perilaku"] == "atasan":
        sumber = _k("sumber_pengganti", lang, peran=", ".join(siapa) or "–")
    else:
        sumber = _k("sumber_360", lang, peran=", ".join(siapa) or "–")
    return (*nilai, sumber)


def _arah_rating(rating: str, langkah: int) -> str | None:
    i = RATING.index(rating) - langkah  # RATING is best first
    return RATING[i] if 0 <= i < len(RATING) else None


def _syarat_rating(baru: str, lama: str, nilai: str, ambang: tuple[float, float], lang: str,
                   satuan: str) -> str:
    """'capaian ≥ 110 %' (better) or 'capaian < 90 %' (worse) for a move between ratings."""
    atas, sesuai = ambang
    naik = RATING.index(baru) < RATING.index(lama)
    batas = atas if "di_atas_ekspektasi" in (baru, lama) else sesuai
    return f"{nilai} {'≥' if naik else '<'} {_a(batas, lang, 2)}{satuan}"


def narasi_kuadran(evaluation: Evaluation, baris: pd.Series, lang: str,
                   iki: pd.DataFrame | None = None) -> Narasi:
    """The ASN's view of a PermenPANRB 6/2022 result (and its reforms)."""
    p = evaluation.params
    pred = label("predikat", baris["predikat"], lang)
    rh, rp = str(baris["rating_hasil_kerja"]), str(baris["rating_perilaku_kerja"])
    kepala = (bool(baris.get("kepala_unit", False)) and p["kepala_unit_pakai_capaian_organisasi"]
              and pd.notna(baris.get("capaian_kinerja_organisasi")))
    org = label("capaian_organisasi", baris.get("capaian_kinerja_organisasi"), lang)
    alasan_hasil = (_k("alasan_kepala", lang, org=org) if kepala else
                    _k("alasan_capaian", lang, capaian=_a(baris["capaian_hasil_kerja"], lang)))
    kalimat = _k("kalimat_kuadran", lang, predikat=pred, hasil=label("rating", rh, lang),
                 alasan_hasil=alasan_hasil, perilaku=label("rating", rp, lang),
                 rerata=_a(baris["perilaku_rerata"], lang, 2))
    catatan: list[str] = []
    if bool(baris.get("dipaksa_kurva", False)):
        catatan.append(_k("kurva", lang, kuadran=label("predikat", baris["predikat_kuadran"],
                                                        lang), predikat=pred))
    if kepala:
        catatan.append(_k("kepala_unit", lang, org=org, hasil=label("rating", rh, lang),
                          capaian=_a(baris["capaian_hasil_kerja"], lang)))
    if "pakai_ikm" in baris and bool(baris["pakai_ikm"]):
        catatan.append(_k("ikm", lang, ikm=_a(baris["ikm_unit"], lang, 2),
                          iki=_a(baris["capaian_hasil_kerja_iki"], lang),
                          capaian=_a(baris["capaian_hasil_kerja"], lang)))
    kuadran = p["kuadran"]
    ubah: list[str] = []
    for langkah in (+1, -1):
        baru = _arah_rating(rh, langkah)
        if baru is not None and not kepala:
            syarat = _syarat_rating(baru, rh, _k("capaian", lang),
                                    (p["ambang_hasil_di_atas"], p["ambang_hasil_sesuai"]), lang,
                                    " %")
            ubah.append(_k("ubah", lang, syarat=syarat, rating=label("rating", baru, lang),
                           aspek=_k("aspek_hasil", lang),
                           predikat=label("predikat", kuadran[baru][rp], lang)))
        baru = _arah_rating(rp, langkah)
        if baru is not None:
            syarat = _syarat_rating(baru, rp, _k("rerata_berakhlak", lang),
                                    (p["ambang_perilaku_di_atas"], p["ambang_perilaku_sesuai"]),
                                    lang, "")
            ubah.append(_k("ubah", lang, syarat=syarat, rating=label("rating", baru, lang),
                           aspek=_k("aspek_perilaku", lang),
                           predikat=label("predikat", kuadran[rh][baru], lang)))
    return Narasi(kalimat, (
        (_k("judul_indikator", lang), () if kepala else _indikator_kuadran(evaluation, baris,
                                                                           lang, iki)),
        (_k("judul_perilaku", lang), _perilaku_kuadran(evaluation, baris, lang)),
        (_k("judul_catatan", lang), tuple(catatan)),
        (_k("judul_ubah", lang), tuple(ubah)),
    ))


# --------------------------------------------------------------------------- PP 30 and PP 46


def _pita(x: float, batas: Sequence[tuple[str, float]], lang: str, lebih: bool) -> str | None:
    """'≥ 90 and < 110' for the band of ``x`` among descending bounds (``lebih``: strictly
    above a bound gets the class, as PP 46's sebutan)."""
    naik = [b for _, b in batas if (x <= b if lebih else x < b)]
    turun = [b for _, b in batas if (x > b if lebih else x >= b)]
    bagian = []
    if turun:
        bagian.append(f"{'>' if lebih else '≥'} {_a(max(turun), lang, 2)}")
    if naik:
        bagian.append(f"{'≤' if lebih else '<'} {_a(min(naik), lang, 2)}")
    return _k("dan", lang).join(bagian) if bagian else None


def _kalimat_skp(kunci: str, evaluation: Evaluation, baris: pd.Series, lang: str, kelas: Any,
                 nilai: float, bobot: tuple[float, float], pita: str | None) -> str:
    """The sentence of a numeric rule: class, score = weights × SKP and behaviour, the band."""
    return _k(kunci, lang, predikat=label_aturan("predikat", kelas, evaluation.rule_id, lang),
              nilai=_a(nilai, lang, 2), bobot_skp=_a(100 * bobot[0], lang),
              skp=_a(baris["nilai_skp"], lang, 2), bobot_perilaku=_a(100 * bobot[1], lang),
              perilaku=_a(baris["nilai_perilaku"], lang, 2), pita=pita or "–")


def narasi_pp30(evaluation: Evaluation, baris: pd.Series, lang: str,
                iki: pd.DataFrame | None = None) -> Narasi:
    """The ASN's view of a PP 30/2019 result."""
    p = evaluation.params
    batas = [(k, float(p[f"batas_{k}"])) for k in ("sangat_baik", "baik", "cukup", "kurang")]
    x = float(baris["nilai_kinerja"])
    kalimat = _kalimat_skp("kalimat_pp30", evaluation, baris, lang, baris["predikat"], x,
                           (baris["bobot_skp"], baris["bobot_perilaku"]),
                           _pita(x, batas, lang, lebih=False))
    indikator = []
    for r in _baris_rinci(evaluation, "iki", baris["asn_id"]).itertuples():
        nama, _ = _nama_iki(iki, r.iki_id, lang)
        indikator.append(_k("indikator_pp30", lang, nama=nama, capaian=_a(r.capaian_iki, lang),
                            dibulatkan=_a(r.capaian_dibulatkan, lang),
                            nilai=_a(r.nilai_capaian_iki, lang, 2)))
    catatan = []
    if pd.notna(baris.get("nilai_tugas_tambahan")) and baris["nilai_tugas_tambahan"] > 0:
        catatan.append(_k("tambahan", lang, nilai=_a(baris["nilai_tugas_tambahan"], lang)))
    inovasi = bool(baris.get("ada_inovasi", False))
    catatan.append(_k("inovasi_ya" if inovasi else "inovasi_tidak", lang))
    ubah = []
    if x < p["batas_sangat_baik"] or not inovasi:
        ubah.append(_k("ubah_pp30_atas", lang, batas=_a(p["batas_sangat_baik"], lang, 2),
                       predikat=label_aturan("predikat", "sangat_baik", evaluation.rule_id,
                                             lang)))
    return Narasi(kalimat, ((_k("judul_indikator", lang), tuple(indikator)),
                            (_k("judul_catatan", lang), tuple(catatan)),
                            (_k("judul_ubah", lang), tuple(ubah))))


def narasi_pp46(evaluation: Evaluation, baris: pd.Series, lang: str,
                iki: pd.DataFrame | None = None) -> Narasi:
    """The ASN's view of a PP 46/2011 result."""
    p = evaluation.params
    b = p["batas_sebutan"]
    batas = [(k, float(b[k])) for k in ("sangat_baik", "baik", "cukup", "kurang") if k in b]
    x = float(baris["nilai_prestasi_kerja"])
    kalimat = _kalimat_skp("kalimat_pp46", evaluation, baris, lang, baris["sebutan"], x,
                           (p["bobot_skp"], p["bobot_perilaku"]), _pita(x, batas, lang, lebih=True))
    kegiatan = []
    for r in _baris_rinci(evaluation, "kegiatan", baris["asn_id"]).itertuples():
        nama, _ = _nama_iki(iki, r.kegiatan_id, lang)
        kegiatan.append(_k("kegiatan", lang, nama=nama, kuantitas=_a(r.nilai_kuantitas, lang),
                           kualitas=_a(r.nilai_kualitas, lang), waktu=_a(r.nilai_waktu, lang),
                           nilai=_a(r.nilai_capaian, lang, 2)))
    catatan = []
    for kolom in ("nilai_tugas_tambahan", "nilai_kreativitas"):
        if pd.notna(baris.get(kolom)) and baris[kolom] > 0:
            catatan.append(_k(kolom, lang, nilai=_a(baris[kolom], lang)))
    return Narasi(kalimat, ((_k("judul_kegiatan", lang), tuple(kegiatan)),
                            (_k("judul_catatan", lang), tuple(catatan))))


def label_aturan(jenis: str, nilai: Any, rule_id: str, lang: str) -> str:
    """A class label in the rule's own vocabulary (``kosakata_aturan.<rule>.<jenis>``), else
    the shared one."""
    kunci = f"kosakata_aturan.{rule_id}.{jenis}.{nilai}"
    from simkit.i18n import has

    return t(kunci, lang) if has(kunci, "id") else label(jenis, nilai, lang)


def narasi_umum(evaluation: Evaluation, baris: pd.Series, lang: str,
                iki: pd.DataFrame | None = None) -> Narasi:
    """The sentence of any rule: its class (``predikat``, else ``mutu``) and its score."""
    for kolom in ("predikat", "sebutan", "mutu"):
        if kolom in baris and pd.notna(baris[kolom]):
            kelas = label_aturan("predikat" if kolom != "mutu" else "mutu", baris[kolom],
                                 evaluation.rule_id, lang)
            break
    else:
        kelas = "–"
    nilai = baris.get("nilai")
    return Narasi(_k("kalimat_umum", lang, kelas=kelas, nilai=_a(nilai, lang, 2)))

