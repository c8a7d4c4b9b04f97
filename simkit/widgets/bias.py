"""Penjelajah Bias Penilai: set leniency, central tendency (and halo) of one OPD's raters; see
whose predikat moves and how calibration (reform ``kalibrasi``: ``pemusatan``, ``skor_z``)
repairs it.

:class:`PenjelajahBias` is the logic (no ipywidgets). It keeps the population (units, people,
truth, results) and, on each change, redraws only the measurement under the changed rater
settings (:func:`simkit.population.generate.redraw_measurement` with ``noise_seed=None``: the
ratings ``generate`` would draw for those settings, on the same people and truth). Four
evaluations are compared:

- ``tanpa_bias`` - PermenPANRB 6/2022 with the chosen OPD's raters like everyone else's (the
  scenario's ``penilai.per_opd`` entry of that OPD removed): the unbiased baseline;
- ``bias`` - PermenPANRB 6/2022 with the chosen OPD's raters at the set leniency and central
  tendency (``penilai.per_opd.<kode>``);
- ``kalibrasi`` - the reform ``kalibrasi`` (``metode`` pemusatan | skor_z) on the same biased
  ratings;
- ``kalibrasi_tanpa_bias`` - the same calibration on the unbiased ratings: what calibration
  gives when nobody is biased, so ``sb_kalibrasi - sb_kalibrasi_tanpa_bias`` is the excess
  that survives calibration.

Calibration moves each rater's mean to the grand mean: it removes the excess of a small
lenient OPD (``pupr``, 52 ASN in Mamuju: Sangat Baik 42 % biased -> 6 % calibrated), but not
of an OPD that is half the workforce (``disdik``: its raters *are* the grand mean).

``halo`` is the chosen OPD's raters' too (``penilai.per_opd.<opd>.halo``): how much their
overall impression of a person colours each of the seven values; the baseline (everyone's raters
alike) keeps the scenario's. :meth:`PenjelajahBias.tabel_kelompok` gives per
OPD (or group) the share Sangat Baik under the truth and each evaluation, the share moving up
or down against the baseline, and the share matching the truth; :meth:`PenjelajahBias.akurasi`
the ``akurasi`` table of the output registry.

>>> import simkit                                                       # doctest: +SKIP
>>> sc = simkit.load_scenario("scenarios/bias_penilai.yaml")            # doctest: +SKIP
>>> b = PenjelajahBias(sc, simkit.generate(sc), opd="disdik")           # doctest: +SKIP
>>> b.setel(leniensi_rata=1.5)                                          # doctest: +SKIP
>>> b.ringkasan_opd()                                                   # doctest: +SKIP
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from simkit.analysis.compare import HasilPerbandingan, compare
from simkit.i18n import get_lang, t
from simkit.kosakata import ATURAN_DASAR, PERINGKAT_PREDIKAT
from simkit.population.generate import redraw_measurement
from simkit.population.model import Population
from simkit.presentation.format import persen
from simkit.presentation.tabel_html import tabel_html
from simkit.rules import evaluate
from simkit.rules.evaluation import Evaluation
from simkit.scenario import BiasOPD, Scenario

TANPA_BIAS, BIAS, KALIBRASI = "tanpa_bias", "bias", "kalibrasi"
KALIBRASI_TANPA_BIAS = "kalibrasi_tanpa_bias"
ENTRI: tuple[str, ...] = (TANPA_BIAS, BIAS, KALIBRASI, KALIBRASI_TANPA_BIAS)
"""Entry ids of the four evaluations compared (``tanpa_bias`` the baseline)."""
METODE_KALIBRASI: tuple[str, ...] = ("pemusatan", "skor_z")
"""Choices of the reform ``kalibrasi``'s parameter ``metode``."""


def _opd(population: Population) -> pd.DataFrame:
    u = population.unit_kerja
    return u.loc[u["adalah_opd"].astype(bool), ["opd_id", "kode_unit", "nama_unit"]]


def _peringkat(ev: Evaluation) -> pd.Series:
    h = ev.hasil
    return pd.Series(h["peringkat"].to_numpy(dtype=float), index=h["asn_id"].to_numpy())


class PenjelajahBias:
    """State of the rater-bias explorer: the chosen OPD (its ``kode_unit``), its raters'
    ``leniensi_rata``, ``tendensi_sentral`` and ``halo``, the calibration
    ``metode``; the four evaluations and their comparison."""

    def __init__(self, scenario: Scenario, population: Population, opd: str | None = None,
                 metode: str = "skor_z", lang: str | None = None) -> None:
        self.skenario = scenario
        self.populasi = population
        self.lang = lang or get_lang()
        self.daftar_opd = _opd(population)
        self.opd = opd or str(self.daftar_opd["kode_unit"].iloc[0])
        self.metode = metode
        self._mulai_opd()
        self._ref: tuple[tuple[str], Population, Evaluation, Evaluation] | None = None
        self.hitung()

    def _mulai_opd(self) -> None:
        p = self.skenario.penilai
        b = p.per_opd.get(self.opd, BiasOPD())
        self.leniensi_rata = float(p.leniensi_rata if b.leniensi_rata is None
                                   else b.leniensi_rata)
        self.tendensi_sentral = float(p.tendensi_sentral if b.tendensi_sentral is None
                                      else b.tendensi_sentral)
        self.halo = float(p.halo if b.halo is None else b.halo)

    # ---------------------------------------------------------------- changing
    def setel(self, **nilai: Any) -> None:
        """Change ``opd`` (its settings then start from the scenario's), ``leniensi_rata``,
        ``tendensi_sentral``, ``halo`` or ``metode``, and recompute."""
        for k, v in nilai.items():
            if k not in ("opd", "leniensi_rata", "tendensi_sentral", "halo", "metode"):
                raise KeyError(k)
            setattr(self, k, v if k in ("opd", "metode") else float(v))
            if k == "opd":
                self._mulai_opd()
        if "opd" in nilai:
            self._ref = None
        self.hitung()

    def skenario_dengan(self, bias: bool) -> Scenario:
        """The scenario with the chosen OPD's raters at the set values (``bias``) or like
        everyone else's (not ``bias``), and the set halo."""
        per_opd = {k: v for k, v in self.skenario.penilai.per_opd.items() if k != self.opd}
        if bias:
            per_opd[self.opd] = BiasOPD(leniensi_rata=self.leniensi_rata,
                                        tendensi_sentral=self.tendensi_sentral, halo=self.halo)
        penilai = self.skenario.penilai.model_copy(update={"per_opd": per_opd})
        return self.skenario.model_copy(update={"penilai": penilai})

    def _ukur(self, sc: Scenario) -> Population:
        return redraw_measurement(self.populasi, sc, noise_seed=None)

    def hitung(self) -> None:
        """Redraw the ratings under the settings, evaluate the four, compare them."""
        kunci = (self.metode,)  # the unbiased reference does not depend on the OPD's settings
        if self._ref is None or self._ref[0] != kunci:
            pop_ref = self._ukur(self.skenario_dengan(False))
            self._ref = (kunci, pop_ref, evaluate(pop_ref, ATURAN_DASAR, {}),
                         evaluate(pop_ref, "kalibrasi", {"metode": self.metode}))
        sc = self.skenario_dengan(True)
        pop = self._ukur(sc)
        self.evaluasi = {TANPA_BIAS: self._ref[2], BIAS: evaluate(pop, ATURAN_DASAR, {}),
                         KALIBRASI: evaluate(pop, "kalibrasi", {"metode": self.metode}),
                         KALIBRASI_TANPA_BIAS: self._ref[3]}
        self._pop = pop
        self.hasil: HasilPerbandingan = compare(pop, self.evaluasi, baseline=TANPA_BIAS,
                                                scenario=sc, tabel=["akurasi"])

    # ---------------------------------------------------------------- outputs
    def label_aturan(self, lang: str | None = None) -> dict[str, str]:
        """Entry id -> display name."""
        lang = lang or self.lang
        return {k: t(f"bias.entri.{k}", lang, metode=self.metode)
                for k in ENTRI}

    def akurasi(self) -> pd.DataFrame:
        """Accuracy against the truth of the four evaluations (table ``akurasi``)."""
        return self.hasil["akurasi"]

    def tabel_kelompok(self, dimensi: str = "opd_id") -> pd.DataFrame:
        """Per OPD (``opd_id``) or group (a ``pegawai`` column: ``jenis_jabatan``,
        ``golongan`` ...): ``n``; share Sangat Baik under the truth (``sb_benar``) and each
        evaluation (``sb_tanpa_bias``, ``sb_bias``, ``sb_kalibrasi``,
        ``sb_kalibrasi_tanpa_bias``); share moving up /
        down against ``tanpa_bias`` (``naik_bias``, ``turun_bias``, ``naik_kalibrasi``,
        ``turun_kalibrasi``); share matching the true predikat (``tepat_*``)."""
        peg = self.populasi.pegawai
        df = pd.DataFrame({"asn_id": peg["asn_id"].to_numpy(), "kelompok": peg[dimensi].to_numpy()})
        benar = self.populasi.kebenaran.set_index("asn_id")["predikat_benar"].map(
            PERINGKAT_PREDIKAT).astype(float)
        df["benar"] = benar.reindex(df["asn_id"]).to_numpy()
        for k, ev in self.evaluasi.items():
            df[k] = _peringkat(ev).reindex(df["asn_id"]).to_numpy()
        sb = PERINGKAT_PREDIKAT["sangat_baik"]
        kol = {"n": df["asn_id"].notna(), "sb_benar": df["benar"] == sb}
        for k in ENTRI:
            kol[f"sb_{k}"] = df[k] == sb
        for k in (BIAS, KALIBRASI):
            kol[f"naik_{k}"] = df[k] > df[TANPA_BIAS]
            kol[f"turun_{k}"] = df[k] < df[TANPA_BIAS]
        for k in ENTRI:
            kol[f"tepat_{k}"] = df[k] == df["benar"]
        x = pd.DataFrame({k: v.to_numpy(dtype=float) for k, v in kol.items()})
        x["kelompok"] = df["kelompok"].to_numpy()
        g = x.groupby("kelompok", sort=True)
        out = g.mean()
        out["n"] = g.size()
        out = out.reset_index().rename(columns={"kelompok": dimensi})
        out["n"] = out["n"].astype(int)
        if dimensi == "opd_id":
            nama = self.daftar_opd.rename(columns={"nama_unit": "nama_opd"})
            out = nama.merge(out, on="opd_id", how="right")
            out.insert(0, "dipilih", out["kode_unit"] == self.opd)
            out = out.sort_values(["dipilih", "opd_id"], ascending=[False, True],
                                  ignore_index=True)
        return out

    def ringkasan_opd(self) -> pd.Series:
        """The chosen OPD's row of :meth:`tabel_kelompok`, with the excess Sangat Baik the
        bias brings before calibration (``kelebihan_sb_bias`` = ``sb_bias - sb_tanpa_bias``)
        and after (``kelebihan_sb_kalibrasi`` = ``sb_kalibrasi - sb_kalibrasi_tanpa_bias``)."""
        r = self.tabel_kelompok().iloc[0].copy()
        r["kelebihan_sb_bias"] = r[f"sb_{BIAS}"] - r[f"sb_{TANPA_BIAS}"]
        r["kelebihan_sb_kalibrasi"] = r[f"sb_{KALIBRASI}"] - r[f"sb_{KALIBRASI_TANPA_BIAS}"]
        return r

    def gambar_html(self) -> str:
        """Share Sangat Baik of the chosen OPD: truth and the four evaluations, as bars."""
        r = self.ringkasan_opd()
        lab = self.label_aturan()
        isi = [("benar", t("bias.entri.benar", self.lang), "#2da44e")] + [
            (k, lab[k], w) for k, w in ((TANPA_BIAS, "#9aa5b1"), (BIAS, "#b42318"),
                                       (KALIBRASI_TANPA_BIAS, "#9ecbff"),
                                       (KALIBRASI, "#1f6feb"))]
        maks = max(max(float(r[f"sb_{k}"]) for k, _, _ in isi), 1e-9)
        baris = "".join(
            f'<tr><td>{html.escape(nama)}</td><td><div style="display:flex;gap:6px">'
            f'<div style="background:{w};height:12px;width:{240 * float(r[f"sb_{k}"]) / maks:.1f}px">'
            f"</div><span>{persen(float(r[f'sb_{k}']), self.lang)}</span></div></td></tr>"
            for k, nama, w in isi)
        judul = t("bias.judul_sb", self.lang, opd=str(r["nama_opd"]))
        return f"<div><b>{html.escape(judul)}</b><table>{baris}</table></div>"


class BiasWidget:
    """The ipywidgets view of a :class:`PenjelajahBias` (``.tampilan``)."""

    def __init__(self, logika: PenjelajahBias) -> None:
        import ipywidgets as W

        self.logika = p = logika
        self._diam = False
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=p.lang)
        self.opd = W.Dropdown(options=[(r.nama_unit, r.kode_unit)
                                       for r in p.daftar_opd.itertuples()], value=p.opd)
        self.leniensi = W.FloatSlider(value=p.leniensi_rata, min=-2, max=2, step=0.1)
        self.tendensi = W.FloatSlider(value=p.tendensi_sentral, min=0, max=1, step=0.05)
        self.halo = W.FloatSlider(value=p.halo, min=0, max=1, step=0.05)
        self.metode = W.Dropdown(options=list(METODE_KALIBRASI), value=p.metode)
        self.dimensi = W.Dropdown(options=["opd_id", "jenis_jabatan", "golongan",
                                           "jenis_kelamin"], value="opd_id")
        self.gambar, self.tabel, self.akurasi = W.HTML(), W.HTML(), W.HTML()
        for w, nama in ((self.opd, "opd"), (self.leniensi, "leniensi_rata"),
                        (self.tendensi, "tendensi_sentral"), (self.halo, "halo"),
                        (self.metode, "metode")):
            w.observe(lambda ch, nama=nama: self._ubah(nama, ch["new"]), names="value")
        self.dimensi.observe(lambda ch: self._segarkan(), names="value")
        self.bahasa.observe(lambda ch: self._bahasa(ch["new"]), names="value")
        self.tampilan = W.VBox([self.bahasa, W.HBox([self.opd, self.metode]),
                                W.HBox([self.leniensi, self.tendensi, self.halo]),
                                self.gambar, self.akurasi, self.dimensi, self.tabel])
        self._segarkan()

    def _ubah(self, nama: str, nilai: Any) -> None:
        if self._diam:
            return
        self.logika.setel(**{nama: nilai})
        if nama == "opd":  # the OPD's own settings from the scenario
            self._diam = True
            self.leniensi.value = self.logika.leniensi_rata
            self.tendensi.value = self.logika.tendensi_sentral
            self._diam = False
        self._segarkan()

    def _bahasa(self, lang: str) -> None:
        self.logika.lang = lang
        self._segarkan()

    def _segarkan(self) -> None:
        p, lang = self.logika, self.logika.lang
        for w, k in ((self.opd, "opd"), (self.leniensi, "leniensi"),
                     (self.tendensi, "tendensi"), (self.halo, "halo"),
                     (self.metode, "metode"), (self.dimensi, "dimensi")):
            w.description = t(f"bias.kontrol.{k}", lang)
        self.gambar.value = p.gambar_html()
        lab = p.label_aturan()
        self.akurasi.value = tabel_html(p.akurasi(), lang, labels=lab, nama="akurasi")
        self.tabel.value = tabel_html(p.tabel_kelompok(self.dimensi.value), lang,
                                      nama="bias_kelompok")


def penjelajah_bias(scenario: Scenario, population: Population | None = None,
                    opd: str | None = None, lang: str | None = None) -> Any:
    """Open the rater-bias explorer (the population generated when not given); return the
    widget to display.

    >>> penjelajah_bias(simkit.load_scenario("scenarios/bias_penilai.yaml"))  # doctest: +SKIP
    """
    from simkit.population.generate import generate

    pop = population if population is not None else generate(scenario)
    return BiasWidget(PenjelajahBias(scenario, pop, opd, lang=lang)).tampilan


__all__ = ["BIAS", "ENTRI", "KALIBRASI", "KALIBRASI_TANPA_BIAS", "METODE_KALIBRASI", "TANPA_BIAS", "BiasWidget",
           "PenjelajahBias", "penjelajah_bias"]
