"""Kalkulator Kinerja Saya: one ASN types in their numbers and sees the predikat under each rule.

No population is needed: the typed-in values become a one-person population
(:func:`simkit.population.satu_orang.satu_orang`) evaluated by the same engine, so every
result is an :class:`~simkit.rules.Evaluation` and :func:`simkit.explain` gives the ASN's
narrative and the full trail with its legal references. The logic is the plain class
:class:`Kalkulator` (inputs -> per-rule results, trail, TPP, what-if, one-page summary);
:class:`TampilanKalkulator` is a thin ipywidgets view on it.

Inputs that a rule needs but an ASN does not type in:

* the unit's IKM (reform ``mamuju_ikm``): a typed IKM konversi becomes one SKM respondent who
  answers every unsur with IKM / (Σ bobot × faktor_konversi) (PermenPANRB 14/2017), so the
  rule computes back exactly the typed IKM (range 24,975-99,9 with the printed weights);
* the PP 30/2019 and PP 46/2011 behaviour aspects (0-100): typed in the "aturan lama"
  section, or ASSUMPTION :data:`POIN_ASPEK_PER_BERAKHLAK` × the atasan's BerAKHLAK mean
  (4 -> 80), flagged in the results and the summary;
* PP 46/2011 kualitas and waktu of each IKI: ``realisasi_kualitas`` (default 100 of 100) and
  ``realisasi_waktu`` (default 12 of 12 months).

>>> k = Kalkulator(aturan=("permenpanrb_6_2022", "pp30_2019"))
>>> m = MasukanKalkulator(iki=[Indikator("Laporan", 100, 100)], perilaku_atasan=4)
>>> h = k.hitung(m)
>>> [(r.aturan, r.predikat) for r in h.hasil]
[('permenpanrb_6_2022', 'baik'), ('pp30_2019', 'baik')]
>>> k.andai(m, 0).realisasi_perlu, k.andai(m, 0).tujuan
(110.0, 'rating_hasil_kerja')
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.analysis.metrics.tpp import muat_parameter_tpp, tpp_pegawai
from simkit.errors import Masalah, SimkitError
from simkit.i18n import get_lang, label, t
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT_PERINGKAT, RATING
from simkit.population.model import Population
from simkit.population.satu_orang import satu_orang
from simkit.population.schema import BERAKHLAK, JENIS_JABATAN
from simkit.presentation.format import angka, persen
from simkit.presentation.label import label_nilai
from simkit.rules import Evaluation, Penjelasan, explain, get_rule
from simkit.rules.params import load_params
from simkit.rules.permenpanrb_14_2017 import bobot_unsur

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ATURAN_KALKULATOR = ("permenpanrb_6_2022", "mamuju_ikm", "pp30_2019", "pp46_2011")
"""The employee-level rules a one-person population can be judged by (the calibration and
forced-curve reforms rank a person among colleagues, which one person has not)."""

POIN_ASPEK_PER_BERAKHLAK = float(load_params(
    "kalkulator", folder=Path(__file__).resolve().parent / "params")["poin_aspek_per_berakhlak"])
"""ASSUMPTION (``params/kalkulator.yaml``): a PP 30/2019 / PP 46/2011 aspect (0-100) not typed
in is this many points per point of the atasan's BerAKHLAK mean (1-5): 5 -> 100, 4 -> 80."""

LANGKAH_ANDAI = 201
"""Grid points of each round of the what-if search (the first round is also the figure)."""
PUTARAN_ANDAI = 4
"""Rounds of grid refinement (each narrows the bracket 200-fold: to ~1e-8 of the range)."""
DESIMAL_ANDAI = 2
"""Decimals of the realisasi the what-if reports (the least that reaches the next level)."""


def _k(kunci: str, lang: str, **kw: Any) -> str:
    return t(f"kalkulator.{kunci}", lang, **kw)


# --------------------------------------------------------------------------- inputs


@dataclass
class Indikator:
    """One IKI as the ASN types it (``bobot`` None = equal weights; PP 46 kualitas/waktu)."""

    nama: str
    target: float
    realisasi: float
    arah: str = "naik"
    bobot: float | None = None
    realisasi_kualitas: float = 100.0
    target_waktu: float = 12.0
    realisasi_waktu: float = 12.0
    satuan: str = ""
    """Unit of target and realisasi (e.g. 'menit'); shown in the explanation."""

    def capaian(self) -> float:
        """Capaian (%) by PermenPANRB 8/2021, uncapped.

        >>> Indikator("x", 30, 27, "turun").capaian()
        110.0
        """
        r = float(self.realisasi) / float(self.target)
        return round(100.0 * (2.0 - r if self.arah == "turun" else r), 9)


@dataclass
class MasukanKalkulator:
    """Everything the calculator needs from one ASN.

    Behaviour: one score (all seven BerAKHLAK values) or seven scores; ``perilaku_rekan`` is
    a list of raters (peers), ``perilaku_diri`` the self-rating (used by a rule only when its
    ``sumber_perilaku`` is ``360``). ``ikm``: the unit's IKM konversi (frontline only).
    ``aspek_perilaku``: PP 30/46 aspects (0-100; one number or per aspect), None = derived
    (:data:`POIN_ASPEK_PER_BERAKHLAK`).
    """

    iki: list[Indikator]
    perilaku_atasan: int | Sequence[int] = 3
    perilaku_rekan: list[int | Sequence[int]] = field(default_factory=list)
    perilaku_diri: int | Sequence[int] | None = None
    ikm: float | None = None
    melayani_publik: bool = False
    capaian_organisasi: str = "baik"
    kepala_unit: bool = False
    jenis_jabatan: str = "pelaksana"
    kelas_jabatan: int = 7
    aspek_perilaku: float | Mapping[str, float] | None = None
    status_kepegawaian: str = "PNS"
    rumpun: str = "umum"

    def dengan_realisasi(self, indeks: int, realisasi: float) -> MasukanKalkulator:
        """A copy with IKI ``indeks`` at ``realisasi``."""
        iki = list(self.iki)
        iki[indeks] = replace(iki[indeks], realisasi=float(realisasi))
        return replace(self, iki=iki)


def _tujuh(skor: int | Sequence[int]) -> tuple[int, ...]:
    return tuple(skor) if isinstance(skor, Sequence) else (int(skor),) * len(BERAKHLAK)


def aspek_dari_berakhlak(skor: int | Sequence[int]) -> float:
    """ASSUMPTION (:data:`POIN_ASPEK_PER_BERAKHLAK`): a PP 30/46 aspect from the atasan's
    BerAKHLAK mean.

    >>> aspek_dari_berakhlak(4), aspek_dari_berakhlak([4, 4, 4, 4, 5, 5, 5])
    (80.0, 88.57)
    """
    return round(POIN_ASPEK_PER_BERAKHLAK * float(np.mean(_tujuh(skor))), 2)


def jawaban_ikm(ikm: float, params: Any = None) -> list[list[float]]:
    """One SKM respondent whose nine answers give the IKM konversi ``ikm`` under the
    PermenPANRB 14/2017 weights (``params``: that rule's parameters; default in force).

    >>> jawaban_ikm(85.0)[0][0]   # 85 / (9 x 0.111 x 25)
    3.403403403
    """
    p = params if params is not None else load_params("permenpanrb_14_2017")
    nilai = float(ikm) / (float(bobot_unsur(p).sum()) * float(p["faktor_konversi"]))
    return [[round(nilai, 9)] * 9]


# --------------------------------------------------------------------------- results


@dataclass
class HasilAturan:
    """One rule's verdict on the ASN."""

    aturan: str
    label_aturan: str
    predikat: str
    label_predikat: str
    peringkat: int
    nilai: float
    evaluasi: Evaluation
    penjelasan: Penjelasan
    tpp_bulanan: float
    tpp_tahunan: float
    pengali_tpp: float
    asumsi_aspek: bool

    @property
    def narasi(self) -> str:
        """What the ASN reads (:meth:`Penjelasan.untuk_asn`)."""
        return self.penjelasan.untuk_asn()

    @property
    def jejak(self) -> str:
        """The full trail with parameters and legal references (:meth:`Penjelasan.to_text`)."""
        return self.penjelasan.to_text()

    def referensi(self) -> list[str]:
        """The legal references of the trail, each once, in order."""
        return list(dict.fromkeys(s.referensi for s in self.penjelasan.langkah if s.referensi))


@dataclass
class Andai:
    """What-if: the realisasi of one IKI that reaches the next level under one rule.

    ``tujuan``: ``predikat`` (the next predikat), ``rating_hasil_kerja`` (the predikat cannot
    rise through this IKI alone, but the rating hasil kerja can) or None (neither).
    ``kurva``: realisasi, peringkat and rating code (2 = di atas .. 0 = di bawah, -1 none)
    over the searched range (the figure's data).
    """

    aturan: str
    indeks: int
    nama: str
    realisasi_sekarang: float
    realisasi_perlu: float | None
    tujuan: str | None
    predikat_tujuan: str | None
    rating_tujuan: str | None
    kurva: pd.DataFrame

    def teks(self, lang: str | None = None) -> str:
        """One sentence, e.g. 'Realisasi Laporan 110 (kini 100) → hasil kerja Di Atas ...'."""
        lang = lang or get_lang()
        if self.realisasi_perlu is None:
            return _k("andai.tidak_ada", lang, nama=self.nama)
        kw = {"nama": self.nama, "perlu": angka(self.realisasi_perlu, DESIMAL_ANDAI, lang),
              "kini": angka(self.realisasi_sekarang, DESIMAL_ANDAI, lang)}
        if self.tujuan == "predikat":
            return _k("andai.predikat", lang, predikat=label_nilai(
                "predikat", self.predikat_tujuan, lang, (self.aturan,)), **kw)
        return _k("andai.rating", lang, rating=label("rating", self.rating_tujuan, lang),
                  predikat=label_nilai("predikat", self.predikat_tujuan, lang, (self.aturan,)),
                  **kw)


@dataclass
class HasilKalkulator:
    """The calculator's answer: one :class:`HasilAturan` per rule, the population used."""

    masukan: MasukanKalkulator
    populasi: Population
    hasil: list[HasilAturan]
    lang: str

    def aturan(self, rid: str) -> HasilAturan:
        """The result of rule ``rid``."""
        return next(h for h in self.hasil if h.aturan == rid)

    def tabel(self) -> pd.DataFrame:
        """The side-by-side table: one row per rule (labels in the result's language)."""
        lang = self.lang
        return pd.DataFrame({
            _k("kolom.aturan", lang): [h.label_aturan for h in self.hasil],
            _k("kolom.predikat", lang): [h.label_predikat for h in self.hasil],
            _k("kolom.nilai", lang): [angka(h.nilai, 2, lang) if pd.notna(h.nilai) else "–"
                                      for h in self.hasil],
            _k("kolom.pengali_tpp", lang): [persen(h.pengali_tpp, lang, 0) for h in self.hasil],
            _k("kolom.tpp_bulanan", lang): [rp(h.tpp_bulanan, lang) for h in self.hasil],
            _k("kolom.tpp_tahunan", lang): [rp(h.tpp_tahunan, lang) for h in self.hasil],
        })


def rp(x: float, lang: str) -> str:
    """A rupiah amount in full: 'Rp 2.210.000' (id), 'Rp 2,210,000' (en).

    >>> rp(2210000, "id"), rp(2210000, "en")
    ('Rp 2.210.000', 'Rp 2,210,000')
    """
    return f"Rp {angka(x, 0, lang)}"


# --------------------------------------------------------------------------- the calculator


class Kalkulator:
    """Inputs -> per-rule predikat, narrative, trail, TPP and what-if (no widgets).

    ``aturan``: the rules shown side by side, the first is the primary rule of the what-if;
    ``parameter``: overrides per rule id; ``tpp_params``: TPP overrides
    (:func:`~simkit.analysis.metrics.tpp.muat_parameter_tpp`).
    """

    def __init__(self, aturan: Sequence[str] = ATURAN_KALKULATOR,
                 parameter: Mapping[str, Mapping[str, Any]] | None = None,
                 tpp_params: Mapping[str, Any] | None = None, lang: str | None = None) -> None:
        if not aturan:
            raise SimkitError(Masalah("bidang_wajib", bidang="aturan"))
        self.aturan = tuple(aturan)
        self.rules = {rid: get_rule(rid) for rid in self.aturan}
        bad = [rid for rid, r in self.rules.items() if r.tingkat != "pegawai"]
        if bad:
            raise SimkitError(Masalah("nilai_tidak_valid", bidang="aturan", ditemukan=bad[0],
                                      diharapkan="aturan tingkat pegawai"))
        parameter = parameter or {}
        self.params = {rid: r.siapkan_parameter(parameter.get(rid))
                       for rid, r in self.rules.items()}
        self.tpp_params = muat_parameter_tpp(tpp_params)
        self.lang = lang

    # ------------------------------------------------------------------ population
    def populasi(self, m: MasukanKalkulator) -> Population:
        """The one-person population of ``m`` (see the module docstring for what is derived)."""
        if not m.iki:
            raise SimkitError(Masalah("bidang_wajib", bidang="iki"))
        perilaku: dict[str, Any] = {"atasan": _tujuh(m.perilaku_atasan)}
        if m.perilaku_rekan:
            perilaku["rekan"] = [_tujuh(r) for r in m.perilaku_rekan]
        if m.perilaku_diri is not None:
            perilaku["diri"] = _tujuh(m.perilaku_diri)
        aspek = (dict(m.aspek_perilaku) if isinstance(m.aspek_perilaku, Mapping)
                 else float(m.aspek_perilaku) if m.aspek_perilaku is not None
                 else aspek_dari_berakhlak(m.perilaku_atasan))
        jawaban = None
        if m.ikm is not None:
            lo, hi = _rentang_ikm()
            if not lo <= float(m.ikm) <= hi:
                raise SimkitError(Masalah("di_luar_rentang", bidang="ikm",
                                          diharapkan=f"{lo:g} .. {hi:g}", ditemukan=repr(m.ikm)))
            jawaban = jawaban_ikm(m.ikm)
        iki = [{"nama": i.nama, "satuan": i.satuan, "target": i.target, "realisasi": i.realisasi,
                "arah": i.arah,
                "bobot": i.bobot} for i in m.iki]
        pp46 = [{"realisasi_kualitas": float(i.realisasi_kualitas),
                 "target_waktu": float(i.target_waktu),
                 "realisasi_waktu": float(i.realisasi_waktu)} for i in m.iki]
        return satu_orang(iki, perilaku, capaian_organisasi=m.capaian_organisasi,
                          kepala_unit=m.kepala_unit, jenis_jabatan=m.jenis_jabatan,
                          kelas_jabatan=int(m.kelas_jabatan), melayani_publik=m.melayani_publik,
                          jawaban_skm=jawaban, aspek=aspek, pp46=pp46,
                          status_kepegawaian=m.status_kepegawaian, rumpun=m.rumpun)

    # ------------------------------------------------------------------ results
    def hitung(self, m: MasukanKalkulator, lang: str | None = None) -> HasilKalkulator:
        """Every rule's result for ``m``, with its explanation and TPP."""
        lang = lang or self.lang or get_lang()
        pop = self.populasi(m)
        evs = {rid: r.evaluate(pop, self.params[rid]) for rid, r in self.rules.items()}
        tpp = self._tpp(pop, evs)
        pengali = self.tpp_params["pengali_predikat"]
        asumsi = m.aspek_perilaku is None
        out = []
        for i, (rid, ev) in enumerate(evs.items()):
            row = ev.hasil.iloc[0]
            peringkat = int(row["peringkat"])
            out.append(HasilAturan(
                aturan=rid, label_aturan=self.rules[rid].label(lang),
                predikat=str(row["predikat"]),
                label_predikat=label_nilai("predikat", row["predikat"], lang,
                                           (rid, self.rules[rid].base_rule or rid)),
                peringkat=peringkat, nilai=float(row["nilai"]), evaluasi=ev,
                penjelasan=explain(ev, 1, lang, population=pop),
                tpp_bulanan=float(tpp["tpp_bulanan"].iloc[i]),
                tpp_tahunan=float(tpp["tpp_tahunan"].iloc[i]),
                pengali_tpp=float(pengali[PREDIKAT_PERINGKAT[peringkat]]),
                asumsi_aspek=asumsi and rid in ("pp30_2019", "pp46_2011")))
        return HasilKalkulator(m, pop, out, lang)

    def _tpp(self, pop: Population, evs: Mapping[str, Evaluation]) -> pd.DataFrame:
        peg = pop.pegawai.iloc[0]
        panel = pd.DataFrame({
            "aturan": list(evs), "asn_id": 1, "opd_id": int(peg["opd_id"]),
            "nama_opd": str(pop.unit_kerja["nama_unit"].iloc[0]),
            "kelas_jabatan": int(peg["kelas_jabatan"]),
            "status_kepegawaian": str(peg["status_kepegawaian"]), "rumpun": str(peg["rumpun"]),
            "peringkat": [int(ev.hasil["peringkat"].iloc[0]) for ev in evs.values()]})
        return tpp_pegawai(panel, self.tpp_params)

    # ------------------------------------------------------------------ what-if
    def _nilai(self, rid: str, m: MasukanKalkulator, indeks: int, realisasi: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(peringkat, rating hasil code, predikat) of ``m`` with IKI ``indeks`` at each
        ``realisasi``: ONE evaluation of a population of copies (vectorised)."""
        pop = _salinan(self.populasi(m), indeks, realisasi)
        params = self.params[rid]
        if "kurva_distribusi" in params:
            params = params.with_overrides({"kurva_distribusi": "abaikan"})
        h = self.rules[rid].evaluate(pop, params).hasil
        if "rating_hasil_kerja" in h:
            rating = h["rating_hasil_kerja"].astype(str).map(
                {r: len(RATING) - 1 - i for i, r in enumerate(RATING)}).fillna(-1)
            kode = rating.to_numpy(dtype=int)
        else:
            kode = np.full(len(h), -1)
        return h["peringkat"].to_numpy(dtype=int), kode, h["predikat"].astype(str).to_numpy()

    def andai(self, m: MasukanKalkulator, indeks: int, aturan: str | None = None) -> Andai:
        """The least change of IKI ``indeks``'s realisasi that lifts the predikat under
        ``aturan`` (default: the primary rule) one step; if the predikat cannot rise through
        this IKI, the change that lifts the rating hasil kerja (kuadran rules).

        A grid over [0, 2 × target] evaluated at once, then refined around the first point
        that reaches (the result is monotone in the realisasi), reported to
        :data:`DESIMAL_ANDAI` decimals (the least such value that still reaches).
        """
        rid = aturan or self.aturan[0]
        ind = m.iki[indeks]
        arah = -1.0 if ind.arah == "turun" else 1.0
        kini = float(ind.realisasi)
        grid = np.linspace(0.0, 2.0 * float(ind.target), LANGKAH_ANDAI)
        pr, kode, pred = self._nilai(rid, m, indeks, np.append(grid, kini))
        kurva = pd.DataFrame({"realisasi": grid, "peringkat": pr[:-1], "rating": kode[:-1]})
        p0, k0 = pr[-1], kode[-1]
        for tujuan, nilai, awal in (("predikat", pr, p0), ("rating_hasil_kerja", kode, k0)):
            if awal < 0:
                continue
            ok = (nilai[:-1] > awal) & (arah * (grid - kini) > 0)
            if not ok.any():
                continue
            perlu = self._saring(rid, m, indeks, grid, ok, arah, tujuan, awal)
            p, k, pd_ = self._nilai(rid, m, indeks, np.array([perlu]))
            rating = RATING[len(RATING) - 1 - int(k[0])] if k[0] >= 0 else None
            return Andai(rid, indeks, ind.nama, kini, perlu, tujuan, str(pd_[0]), rating, kurva)
        return Andai(rid, indeks, ind.nama, kini, None, None, None, None, kurva)

    def _saring(self, rid: str, m: MasukanKalkulator, indeks: int, grid: np.ndarray,
                ok: np.ndarray, arah: float, tujuan: str, awal: int) -> float:
        """Refine the bracket (last point short of the level, first point reaching it)."""
        kolom = 0 if tujuan == "predikat" else 1
        urut = np.argsort(arah * grid)
        g, o = grid[urut], ok[urut]
        j = int(np.argmax(o))
        capai = float(g[j])
        kurang = float(g[j - 1]) if j > 0 else capai
        for _ in range(PUTARAN_ANDAI):
            if capai == kurang:
                break
            titik = np.linspace(kurang, capai, LANGKAH_ANDAI)
            v = self._nilai(rid, m, indeks, titik)[kolom]
            i = int(np.argmax(v > awal))
            capai, kurang = float(titik[i]), float(titik[max(i - 1, 0)])
        bulat = round(capai, DESIMAL_ANDAI)
        calon = np.array([bulat, bulat + arah * 10.0 ** -DESIMAL_ANDAI])
        v = self._nilai(rid, m, indeks, calon)[kolom]
        return float(calon[int(np.argmax(v > awal))]) if (v > awal).any() else capai

    # ------------------------------------------------------------------ figure and summary
    def grafik(self, andai: Andai, lang: str | None = None) -> Figure:
        """The what-if figure: the predikat (peringkat 1-5) against the realisasi of the IKI,
        the current realisasi and the one needed marked (lines[0] = the curve)."""
        from matplotlib.figure import Figure

        lang = lang or self.lang or get_lang()
        fig = Figure(figsize=(5.5, 2.6), dpi=100)
        ax = fig.add_subplot()
        ax.step(andai.kurva["realisasi"], andai.kurva["peringkat"], where="post",
                label=_k("grafik.predikat", lang))
        ax.axvline(andai.realisasi_sekarang, color="grey", linestyle="--",
                   label=_k("grafik.kini", lang))
        if andai.realisasi_perlu is not None:
            ax.axvline(andai.realisasi_perlu, color="tab:green",
                       label=_k("grafik.perlu", lang))
        ax.set_xlabel(_k("grafik.sumbu_x", lang, nama=andai.nama))
        ax.set_ylabel(_k("grafik.sumbu_y", lang))
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.legend(loc="lower right", fontsize=7)
        fig.tight_layout()
        return fig

    def ringkasan_teks(self, h: HasilKalkulator, andai: Andai | None = None) -> str:
        """The one-page summary as plain text."""
        lang = h.lang
        lines = [_k("ringkasan.judul", lang), "", _k("ringkasan.masukan", lang)]
        lines += [f"  - {b}" for b in _baris_masukan(h.masukan, lang)]
        lines += ["", _k("ringkasan.hasil", lang)]
        lines += ["  " + " | ".join(map(str, r)) for r in
                  [list(h.tabel().columns), *h.tabel().itertuples(index=False)]]
        if andai is not None:
            lines += ["", _k("ringkasan.andai", lang), "  " + andai.teks(lang)]
        lines += ["", _k("ringkasan.alasan", lang)]
        for r in h.hasil:
            lines += [f"  {r.label_aturan}: {r.narasi.splitlines()[0]}"]
        lines += ["", _k("ringkasan.dasar", lang)]
        for r in h.hasil:
            lines += [f"  {r.label_aturan}: " + "; ".join(r.referensi())]
        lines += ["", *_catatan(h, lang)]
        return "\n".join(lines)

    def ringkasan_isi(self, h: HasilKalkulator, andai: Andai | None = None) -> str:
        """The one-page summary as an HTML fragment whose styles reach only itself (the
        widget shows it inside a notebook page; :meth:`ringkasan_html` makes it a page)."""
        lang = h.lang
        e = html.escape
        tab = h.tabel()
        kepala = "".join(f"<th>{e(c)}</th>" for c in tab.columns)
        baris = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in r) + "</tr>"
                        for r in tab.itertuples(index=False))
        alasan = "".join(f"<li><b>{e(r.label_aturan)}</b>: {e(r.narasi.splitlines()[0])}</li>"
                         for r in h.hasil)
        dasar = "".join(f"<li><b>{e(r.label_aturan)}</b>: {e('; '.join(r.referensi()))}</li>"
                        for r in h.hasil)
        masukan = "".join(f"<li>{e(b)}</li>" for b in _baris_masukan(h.masukan, lang))
        andai_html = (f"<h2>{e(_k('ringkasan.andai', lang))}</h2><p>{e(andai.teks(lang))}</p>"
                      if andai is not None else "")
        catatan = "".join(f"<p class='catatan'>{e(c)}</p>" for c in _catatan(h, lang))
        return f"""<div class="{KELAS_RINGKASAN}"><style>{GAYA_RINGKASAN}</style>
<h1>{e(_k('ringkasan.judul', lang))}</h1>
<h2>{e(_k('ringkasan.masukan', lang))}</h2><ul>{masukan}</ul>
<h2>{e(_k('ringkasan.hasil', lang))}</h2><table><tr>{kepala}</tr>{baris}</table>
{andai_html}
<h2>{e(_k('ringkasan.alasan', lang))}</h2><ul>{alasan}</ul>
<h2>{e(_k('ringkasan.dasar', lang))}</h2><ul>{dasar}</ul>
{catatan}
</div>"""

    def ringkasan_html(self, h: HasilKalkulator, andai: Andai | None = None) -> str:
        """The one-page summary as a self-contained printable HTML page (A4, offline)."""
        e = html.escape
        return f"""<!DOCTYPE html>
<html lang="{h.lang}"><head><meta charset="utf-8"><title>{e(_k('ringkasan.judul', h.lang))}</title>
<style>
@page {{ size: A4; margin: 14mm; }}
body {{ font-family: sans-serif; font-size: 10pt; max-width: 180mm; margin: auto; }}
</style></head><body>
{self.ringkasan_isi(h, andai)}
</body></html>
"""


def gaya_dalam(kelas: str, aturan: Sequence[tuple[str, str]]) -> str:
    """CSS whose every selector lies inside the box of class ``kelas`` (HTML a widget shows
    sits in the notebook page: an unscoped rule would restyle the whole page).

    >>> gaya_dalam("k", [("th, td", "padding: 2px;")])
    '.k th, .k td { padding: 2px; }'
    """
    return " ".join(", ".join(f".{kelas} {p.strip()}" for p in pilih.split(",")) + f" {{ {isi} }}"
                    for pilih, isi in aturan)


KELAS_RINGKASAN = "simkit-ringkasan"
"""The class of the summary's box. (Unscoped, the printable page's ``body { max-width: 180mm }``
shown by the widget once narrowed the whole Voila page and clipped the results table.)"""
GAYA_RINGKASAN = gaya_dalam(KELAS_RINGKASAN, (
    ("h1", "font-size: 14pt; margin: 0 0 4pt;"), ("h2", "font-size: 11pt; margin: 8pt 0 2pt;"),
    ("table", "border-collapse: collapse; width: 100%;"),
    ("th, td", "border: 1px solid #999; padding: 2pt 4pt; text-align: left;"),
    ("ul", "margin: 0; padding-left: 14pt;"), (".catatan", "font-size: 8pt; color: #444;")))
"""The summary's styles (in the widget and on the printable page)."""
KELAS_HASIL = "simkit-hasil"
GAYA_HASIL = gaya_dalam(KELAS_HASIL, (
    ("table", "width: 100%; border-collapse: collapse; line-height: 1.4;"),
    ("th, td", "border-bottom: 1px solid #bbb; padding: 3px 6px; text-align: left; "
               "vertical-align: top; overflow-wrap: break-word;"),
    ("td + td", "white-space: nowrap;")))
"""The results table in the widget: as wide as the column (rule names and headings wrap,
predikat and amounts stay whole); a column narrower than that scrolls the table's own box."""


def _rentang_ikm() -> tuple[float, float]:
    from simkit.rules.permenpanrb_14_2017 import rentang_ikm_konversi

    return rentang_ikm_konversi(load_params("permenpanrb_14_2017"))


def _salinan(pop: Population, indeks: int, realisasi: np.ndarray) -> Population:
    """``len(realisasi)`` copies of the one-person ``pop`` (asn_id 1..n), copy i with IKI
    ``indeks`` at ``realisasi[i]`` (vectorised: np.repeat / np.tile, no loop)."""
    n = len(realisasi)
    ids = np.arange(1, n + 1)

    def ulang(df: pd.DataFrame, per: int = 1) -> pd.DataFrame:
        out = df.iloc[np.tile(np.arange(len(df)), n)].reset_index(drop=True)
        out["asn_id"] = np.repeat(ids, per)
        return out

    peg = ulang(pop.pegawai)
    peg["nip"] = [f"{i:018d}" for i in ids]
    k = len(pop.iki)
    iki = ulang(pop.iki, k)
    iki["iki_id"] = np.arange(1, n * k + 1)
    iki.loc[np.arange(n) * k + indeks, "realisasi"] = np.asarray(realisasi, dtype=float)
    r = len(pop.penilaian_perilaku)
    per = ulang(pop.penilaian_perilaku, r)
    diri = per["peran"].astype(str).to_numpy() == "diri"
    per.loc[diri, "penilai_id"] = per.loc[diri, "asn_id"]
    aspek = ulang(pop.perilaku_aspek) if len(pop.perilaku_aspek) else pop.perilaku_aspek
    return replace(pop, pegawai=peg, iki=iki, penilaian_perilaku=per, perilaku_aspek=aspek)


def _baris_masukan(m: MasukanKalkulator, lang: str) -> list[str]:
    out = [_k("ringkasan.iki", lang, nama=i.nama, target=angka(i.target, 2, lang),
              realisasi=angka(i.realisasi, 2, lang), arah=label("arah", i.arah, lang),
              capaian=angka(i.capaian(), 2, lang),
              bobot=persen(i.bobot if i.bobot is not None else 1 / len(m.iki), lang, 0))
           for i in m.iki]
    out.append(_k("ringkasan.perilaku", lang, atasan=", ".join(map(str, _tujuh(
        m.perilaku_atasan))), rekan=len(m.perilaku_rekan),
        diri=_k("ya", lang) if m.perilaku_diri is not None else _k("tidak", lang)))
    out.append(_k("ringkasan.organisasi", lang, capaian=label_nilai(
        "capaian_kinerja_organisasi", m.capaian_organisasi, lang),
        ikm="–" if m.ikm is None else angka(m.ikm, 2, lang),
        garda=_k("ya", lang) if m.melayani_publik else _k("tidak", lang)))
    out.append(_k("ringkasan.jabatan", lang, jenis=label("jenis_jabatan", m.jenis_jabatan, lang),
                  kelas=m.kelas_jabatan,
                  kepala=_k("ya", lang) if m.kepala_unit else _k("tidak", lang)))
    return out


def _catatan(h: HasilKalkulator, lang: str) -> list[str]:
    out = [_k("ringkasan.catatan_tpp", lang)]
    if any(r.asumsi_aspek for r in h.hasil):
        out.append(_k("ringkasan.asumsi_aspek", lang, poin=angka(POIN_ASPEK_PER_BERAKHLAK, 0,
                                                                   lang),
                      aspek=angka(aspek_dari_berakhlak(h.masukan.perilaku_atasan), 2, lang)))
    return out


# --------------------------------------------------------------------------- the ipywidgets view


class TampilanKalkulator:
    """A thin ipywidgets face on :class:`Kalkulator`: every change re-evaluates at once.

    ``widget`` is the box to display; the last results are kept in ``hasil`` (a
    :class:`HasilKalkulator`), ``hasil_andai`` (:class:`Andai`) and ``fig`` (the what-if
    figure) so they can be checked without a browser. ``bahasa`` switches id/en.
    """

    def __init__(self, masukan: MasukanKalkulator | None = None,
                 aturan: Sequence[str] = ATURAN_KALKULATOR, lang: str | None = None) -> None:
        import ipywidgets as W

        self.W = W
        self.lang = lang or get_lang()
        self.masukan = masukan or MasukanKalkulator(iki=[Indikator("IKI 1", 100.0, 100.0)])
        self.semua_aturan = tuple(dict.fromkeys((*aturan, *ATURAN_KALKULATOR)))
        self.pilihan_aturan = tuple(aturan)
        self.utama = self.pilihan_aturan[0]
        self.andai_iki = 0
        self.hasil: HasilKalkulator | None = None
        self.hasil_andai: Andai | None = None
        self.fig: Figure | None = None
        self._diam = False
        self.widget = W.VBox(layout=W.Layout(width="100%"))
        self._susun()

    # ------------------------------------------------------------------ layout
    def _l(self, kunci: str) -> str:
        return _k(f"label.{kunci}", self.lang)

    def _susun(self) -> None:
        """(Re)build every control from :attr:`masukan` in :attr:`lang`, then evaluate."""
        W, m = self.W, self.masukan
        self._diam = True
        lebar = {"description_width": "initial"}

        def lentur(lebar_dasar: str) -> Any:
            """As wide as ``lebar_dasar`` where there is room, never wider than its row."""
            return W.Layout(width=lebar_dasar, max_width="100%")

        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=self.lang, description=self._l("bahasa"),
                                      style=lebar)
        self.bahasa.observe(self._ganti_bahasa, names="value")
        opsi = [(get_rule(r).label(self.lang), r) for r in self.semua_aturan]
        self.aturan = W.SelectMultiple(options=opsi, value=self.pilihan_aturan, rows=4,
                                       description=self._l("aturan"), style=lebar)
        self.aturan_utama = W.Dropdown(options=opsi, value=self.utama,
                                       description=self._l("aturan_utama"), style=lebar)
        arah = [(label("arah", a, self.lang), a) for a in ("naik", "turun")]
        self.baris_iki = []
        for i in m.iki:
            r = {"nama": W.Text(value=i.nama, description=self._l("nama"),
                                layout=lentur("16em")),
                 "target": W.BoundedFloatText(value=i.target, min=1e-9, max=1e12,
                                              description=self._l("target"),
                                              layout=lentur("12em")),
                 "arah": W.Dropdown(options=arah, value=i.arah, description=self._l("arah"),
                                    layout=lentur("16em")),
                 "bobot": W.BoundedFloatText(value=1.0 if i.bobot is None else i.bobot,
                                             min=0, max=1e6, description=self._l("bobot"),
                                             layout=lentur("10em")),
                 "realisasi": W.FloatSlider(value=i.realisasi, min=0.0,
                                            max=max(2.0 * i.target, i.realisasi), step=0.01,
                                            description=self._l("realisasi"),
                                            layout=lentur("28em")),
                 "penanda": W.HTML(layout=lentur("12em")),
                 "kualitas": W.BoundedFloatText(value=i.realisasi_kualitas, min=0, max=100,
                                                description=f"{i.nama}: {self._l('kualitas')}",
                                                style=lebar),
                 "waktu": W.BoundedFloatText(value=i.realisasi_waktu, min=0, max=1e3,
                                             description=self._l("waktu"), style=lebar)}
            self.baris_iki.append(r)
        self.tambah = W.Button(description=self._l("tambah_iki"))
        self.hapus = W.Button(description=self._l("hapus_iki"))
        self.tambah.on_click(self._tambah_iki)
        self.hapus.on_click(self._hapus_iki)
        self.andai_pilih = W.Dropdown(options=[(i.nama, j) for j, i in enumerate(m.iki)],
                                      value=min(self.andai_iki, len(m.iki) - 1),
                                      description=self._l("andai_iki"), style=lebar)

        def tujuh(skor: Any) -> list:
            return [W.IntSlider(value=int(v), min=1, max=5, description=label(
                "berakhlak", b, self.lang), style=lebar) for b, v in zip(
                    BERAKHLAK, _tujuh(skor), strict=True)]

        self.atasan = tujuh(m.perilaku_atasan)
        self.rekan_pakai = W.Checkbox(value=bool(m.perilaku_rekan), description=self._l("pakai"))
        self.rekan = tujuh(m.perilaku_rekan[0] if m.perilaku_rekan else 3)
        self.diri_pakai = W.Checkbox(value=m.perilaku_diri is not None,
                                     description=self._l("pakai"))
        self.diri = tujuh(3 if m.perilaku_diri is None else m.perilaku_diri)
        capaian = [(label_nilai("capaian_kinerja_organisasi", c, self.lang), c)
                   for c in CAPAIAN_ORGANISASI]
        self.capaian = W.Dropdown(options=capaian, value=m.capaian_organisasi,
                                  description=self._l("capaian_organisasi"), style=lebar)
        self.garda = W.Checkbox(value=m.melayani_publik, description=self._l("garda_depan"))
        self.ikm_pakai = W.Checkbox(value=m.ikm is not None, description=self._l("ikm"))
        lo, hi = _rentang_ikm()
        self.ikm = W.BoundedFloatText(value=85.0 if m.ikm is None else m.ikm, min=lo, max=hi,
                                      step=0.01, description=self._l("ikm"), style=lebar)
        self.kepala = W.Checkbox(value=m.kepala_unit, description=self._l("kepala_unit"))
        self.jenis = W.Dropdown(options=[(label("jenis_jabatan", j, self.lang), j)
                                         for j in JENIS_JABATAN], value=m.jenis_jabatan,
                                description=self._l("jenis_jabatan"), style=lebar)
        self.kelas = W.IntSlider(value=m.kelas_jabatan, min=1, max=17,
                                 description=self._l("kelas_jabatan"), style=lebar)
        self.aspek_turunan = W.Checkbox(value=m.aspek_perilaku is None,
                                        description=self._l("aspek_turunan"), style=lebar)
        self.aspek = W.FloatSlider(value=80.0 if not isinstance(m.aspek_perilaku, int | float)
                                   else float(m.aspek_perilaku), min=0, max=100, step=0.5,
                                   description=self._l("aspek"), style=lebar)
        self.tabel = W.HTML(layout=W.Layout(overflow="auto"))
        self.teks_andai = W.HTML(layout=W.Layout(max_width="100%"))
        self.gambar = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto",
                                                               align_self="flex-start"))
        self.penjelasan = W.Accordion()
        self.ringkasan = W.HTML()
        for w in self._kontrol():
            w.observe(self._berubah, names="value")

        def baris(isi: list) -> Any:
            """A row that wraps onto the next line where the column is too narrow."""
            return W.HBox(isi, layout=W.Layout(flex_flow="row wrap", max_width="100%"))

        iki_box = W.VBox([baris([r["nama"], r["target"], r["arah"], r["bobot"]]) if k == 0
                          else baris([r["realisasi"], r["penanda"]])
                          for r in self.baris_iki for k in (0, 1)]
                         + [baris([self.tambah, self.hapus])])
        lama = W.VBox([self.aspek_turunan, self.aspek,
                       *[baris([r["kualitas"], r["waktu"]]) for r in self.baris_iki]])
        perilaku = baris([
            W.VBox([W.HTML(f"<b>{self._l('atasan')}</b>"), *self.atasan]),
            W.VBox([W.HTML(f"<b>{self._l('rekan')}</b>"), self.rekan_pakai, *self.rekan]),
            W.VBox([W.HTML(f"<b>{self._l('diri')}</b>"), self.diri_pakai, *self.diri])])
        organisasi = W.VBox([self.capaian, self.garda, baris([self.ikm_pakai, self.ikm]),
                             self.kepala, self.jenis, self.kelas])
        masuk = W.Accordion(children=[iki_box, perilaku, organisasi, lama])
        for j, judul in enumerate(("iki", "perilaku", "organisasi", "aturan_lama")):
            masuk.set_title(j, self._l(judul))
        masuk.selected_index = 0
        self.widget.children = [
            W.HTML(f"<h3>{html.escape(_k('judul', self.lang))}</h3>"), self.bahasa,
            baris([self.aturan, self.aturan_utama]), masuk,
            W.HTML(f"<h4>{self._l('hasil')}</h4>"), self.tabel, self.andai_pilih,
            self.teks_andai, self.gambar, self.penjelasan,
            W.HTML(f"<h4>{self._l('ringkasan')}</h4>"), self.ringkasan]
        self._diam = False
        self.perbarui()

    def _kontrol(self) -> list:
        per_iki = [w for r in self.baris_iki for n, w in r.items() if n != "penanda"]
        return [self.aturan, self.aturan_utama, *per_iki, self.andai_pilih, *self.atasan,
                self.rekan_pakai, *self.rekan, self.diri_pakai, *self.diri, self.capaian,
                self.garda, self.ikm_pakai, self.ikm, self.kepala, self.jenis, self.kelas,
                self.aspek_turunan, self.aspek]

    # ------------------------------------------------------------------ events
    def _baca(self) -> MasukanKalkulator:
        iki = [Indikator(r["nama"].value or f"IKI {j + 1}", float(r["target"].value),
                         float(r["realisasi"].value), r["arah"].value, float(r["bobot"].value),
                         float(r["kualitas"].value), lama.target_waktu, float(r["waktu"].value))
               for j, (r, lama) in enumerate(zip(self.baris_iki, self.masukan.iki, strict=True))]
        return MasukanKalkulator(
            iki=iki, perilaku_atasan=[w.value for w in self.atasan],
            perilaku_rekan=[[w.value for w in self.rekan]] if self.rekan_pakai.value else [],
            perilaku_diri=[w.value for w in self.diri] if self.diri_pakai.value else None,
            ikm=float(self.ikm.value) if self.ikm_pakai.value else None,
            melayani_publik=self.garda.value, capaian_organisasi=self.capaian.value,
            kepala_unit=self.kepala.value, jenis_jabatan=self.jenis.value,
            kelas_jabatan=int(self.kelas.value),
            aspek_perilaku=None if self.aspek_turunan.value else float(self.aspek.value))

    def _berubah(self, _change: Any = None) -> None:
        if not self._diam:
            self.perbarui()

    def _ganti_bahasa(self, change: Any) -> None:
        self.masukan = self._baca()
        self.lang = change["new"]
        self._simpan_pilihan()
        self._susun()

    def _simpan_pilihan(self) -> None:
        self.pilihan_aturan = tuple(self.aturan.value) or (self.aturan_utama.value,)
        self.utama = self.aturan_utama.value
        self.andai_iki = int(self.andai_pilih.value)

    def _tambah_iki(self, _b: Any = None) -> None:
        self.masukan = self._baca()
        self._simpan_pilihan()
        n = len(self.masukan.iki) + 1
        self.masukan.iki.append(Indikator(f"IKI {n}", 100.0, 100.0))
        self._susun()

    def _hapus_iki(self, _b: Any = None) -> None:
        self.masukan = self._baca()
        self._simpan_pilihan()
        if len(self.masukan.iki) > 1:
            self.masukan.iki.pop()
        self._susun()

    def perbarui(self) -> None:
        """Read the controls, evaluate every chosen rule, show results, trail and what-if."""
        W = self.W
        self.masukan = self._baca()
        self._simpan_pilihan()
        for r in self.baris_iki:
            r["realisasi"].max = max(2.0 * float(r["target"].value), float(r["realisasi"].value))
        utama = self.utama
        aturan = (utama, *[a for a in self.pilihan_aturan if a != utama])
        try:
            k = Kalkulator(aturan, lang=self.lang)
            self.hasil = h = k.hitung(self.masukan)
            self.hasil_andai = a = k.andai(self.masukan, self.andai_iki)
        except SimkitError as e:
            self.tabel.value = f"{PRE}{html.escape(str(e))}</pre>"
            return
        tabel = h.tabel().to_html(index=False, escape=True, border=0)
        self.tabel.value = f'<div class="{KELAS_HASIL}"><style>{GAYA_HASIL}</style>{tabel}</div>'
        self.teks_andai.value = f"<p>{html.escape(a.teks(self.lang))}</p>"
        for j, r in enumerate(self.baris_iki):
            teks = ""
            if j == a.indeks:
                teks = (_k("andai.penanda", self.lang,
                           perlu=angka(a.realisasi_perlu, DESIMAL_ANDAI, self.lang))
                        if a.realisasi_perlu is not None
                        else _k("andai.penanda_tidak_ada", self.lang))
            r["penanda"].value = html.escape(teks)
            r["realisasi"].tooltip = teks or None
        self.fig = k.grafik(a, self.lang)
        self.gambar.value = _png(self.fig)
        isi = []
        for r in h.hasil:
            isi.append(W.VBox([
                W.HTML(f"<b>{self._l('penjelasan')}</b>{PRE}{html.escape(r.narasi)}</pre>"),
                W.HTML(f"<b>{self._l('jejak')}</b>{PRE}{html.escape(r.jejak)}</pre>")]))
        self.penjelasan.children = isi
        for j, r in enumerate(h.hasil):
            self.penjelasan.set_title(j, f"{r.label_aturan}: {r.label_predikat}")
        self.ringkasan.value = k.ringkasan_isi(h, a)


PRE = '<pre style="white-space: pre-wrap; overflow-wrap: break-word; line-height: 1.4">'
"""Preformatted text (trail, errors) that wraps long lines within the column."""


def _png(fig: Figure) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


__all__ = ["ATURAN_KALKULATOR", "Andai", "HasilAturan", "HasilKalkulator",
           "Indikator", "Kalkulator", "MasukanKalkulator", "TampilanKalkulator", "aspek_dari_berakhlak",
           "jawaban_ikm"]
