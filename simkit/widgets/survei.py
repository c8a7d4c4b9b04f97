"""Survei Kepuasan (IKM): sample size, response rate and biased sampling, and what they do to a
unit's IKM, its mutu and, under the Mamuju reform, to its frontline staff.

:class:`SurveiIKM` is the logic (no ipywidgets). The population (people, truth, IKI, ratings)
is cached; a change redraws only the ``skm`` table, with the generator's own survey stream
(:func:`simkit.population.survey.build_skm` on ``aliran_tahap(seed)["skm"]``, exactly what
:func:`simkit.population.generate.redraw_measurement` draws for it). Controls:

- ``populasi_dilayani`` of the chosen unit (N): the sample is the Krejcie & Morgan size s(N);
- ``tingkat_respons`` (everyone's ``survei.tingkat_respons``): responses = round(s(N) x rate);
- ``bias_sampel`` of the chosen unit's OPD (``survei.bias_sampel_per_opd.<kode OPD>``): the
  share of respondents handed the questionnaire because they are friendly;
- ``noise_sd`` (``survei.noise_sd``) and the reform's ``bobot_ikm``.

Rules: ``permenpanrb_14_2017`` (the unit's IKM konversi, mutu A-D, kinerja unit) and
``mamuju_ikm`` (frontline staff's capaian blended with the unit's IKM) against
``permenpanrb_6_2022`` (the same staff without the IKM). :meth:`SurveiIKM.sebaran` redraws the
survey over ``R`` noise seeds (``SeedSequence([seed, r])``) for the IKM's spread.

>>> import simkit                                                       # doctest: +SKIP
>>> sc = simkit.load_scenario("scenarios/mamuju_baseline.yaml")         # doctest: +SKIP
>>> s = SurveiIKM(sc, simkit.generate(sc))                              # doctest: +SKIP
>>> s.setel(bias_sampel=0.5); s.ringkasan()["ikm_konversi"]             # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from simkit.i18n import get_lang, t
from simkit.kosakata import ATURAN_DASAR
from simkit.population.generate import aliran_tahap
from simkit.population.model import Population
from simkit.population.pengukuran import kode_opd
from simkit.population.survey import build_skm, jumlah_responden, krejcie_morgan
from simkit.presentation.format import angka
from simkit.presentation.tabel_html import tabel_html
from simkit.rules import evaluate, get_rule
from simkit.scenario import Scenario
from simkit.widgets.kerja import KerjaPanjang

ATURAN_IKM, ATURAN_MAMUJU = "permenpanrb_14_2017", "mamuju_ikm"
KOLOM_UNIT: tuple[str, ...] = ("jumlah_responden", "ikm_konversi", "mutu", "kinerja_unit")
"""Columns of the unit's row of ``permenpanrb_14_2017`` shown."""


def _unit_bawaan(population: Population) -> int:
    """The public-service unit with the most frontline staff (ties: lowest unit_id)."""
    peg = population.pegawai
    publik = set(population.skm["unit_id"].unique()) if population.skm is not None else set()
    n = peg[peg["melayani_publik"].astype(bool) & peg["unit_id"].isin(publik)].groupby(
        "unit_id").size()
    return int(n.sort_index().idxmax())


class SurveiIKM:
    """State of the survey view: the chosen ``unit`` (unit_id) and the survey settings."""

    def __init__(self, scenario: Scenario, population: Population, unit: int | None = None,
                 lang: str | None = None) -> None:
        self.skenario = scenario
        self.populasi = population
        self.lang = lang or get_lang()
        self.unit = int(unit) if unit is not None else _unit_bawaan(population)
        s = scenario.survei
        self.tingkat_respons, self.noise_sd = float(s.tingkat_respons), float(s.noise_sd)
        self.bobot_ikm = float(get_rule(ATURAN_MAMUJU).parameters["bobot_ikm"])
        self._mulai_unit()
        self._ev_dasar = evaluate(population, ATURAN_DASAR, {})
        self.hitung()
        self.awal = self.ringkasan()
        """The unit's summary at the scenario's own settings (the reference)."""

    def _mulai_unit(self) -> None:
        uk = self.populasi.unit_kerja
        baris = uk.loc[uk["unit_id"] == self.unit].iloc[0]
        self.populasi_dilayani = int(baris["populasi_dilayani"])
        self.kode_opd = str(kode_opd(np.array([baris["opd_id"]]), uk)[0])
        s = self.skenario.survei
        self.bias_sampel = float(s.bias_sampel_per_opd.get(self.kode_opd, s.bias_sampel))
        self.nama_unit = str(baris["nama_unit"])

    # ---------------------------------------------------------------- changing
    def setel(self, **nilai: Any) -> None:
        """Change ``unit`` (its N and bias then start from the scenario's),
        ``populasi_dilayani``, ``tingkat_respons``, ``bias_sampel``, ``noise_sd`` or
        ``bobot_ikm``; recompute."""
        for k, v in nilai.items():
            if k not in ("unit", "populasi_dilayani", "tingkat_respons", "bias_sampel",
                         "noise_sd", "bobot_ikm"):
                raise KeyError(k)
            setattr(self, k, int(v) if k in ("unit", "populasi_dilayani") else float(v))
            if k == "unit":
                self._mulai_unit()
        self.hitung()

    def skenario_survei(self) -> Scenario:
        """The scenario with the set survey settings."""
        s = self.skenario.survei
        per_opd = {**s.bias_sampel_per_opd, self.kode_opd: self.bias_sampel}
        survei = s.model_copy(update={"tingkat_respons": self.tingkat_respons,
                                      "noise_sd": self.noise_sd,
                                      "bias_sampel_per_opd": per_opd})
        return self.skenario.model_copy(update={"survei": survei})

    def _unit_kerja(self) -> pd.DataFrame:
        uk = self.populasi.unit_kerja.copy()
        uk.loc[uk["unit_id"] == self.unit, "populasi_dilayani"] = self.populasi_dilayani
        return uk

    def _populasi_survei(self, noise_seed: int | None = None) -> Population:
        """The population with the survey redrawn under the settings (``noise_seed`` None:
        the generator's own stream)."""
        seed = int(self.populasi.meta.get("seed", self.skenario.seed))
        g = aliran_tahap(seed if noise_seed is None else [seed, int(noise_seed)])
        uk = self._unit_kerja()
        p = self.populasi
        skm = build_skm(self.skenario_survei(), p.pegawai, uk, p.kebenaran_unit, g["skm"])
        return dataclasses.replace(p, unit_kerja=uk, skm=skm)

    def _unit_ikm(self, pop: Population) -> pd.Series:
        h = evaluate(pop, ATURAN_IKM, {}).hasil
        r = h.loc[h["unit_id"] == self.unit]
        if r.empty:
            return pd.Series({k: np.nan for k in KOLOM_UNIT})
        return r.iloc[0]

    def hitung(self) -> None:
        """Redraw the survey, evaluate the unit's IKM and the frontline staff."""
        pop = self._populasi_survei()
        self._pop = pop
        self._ikm = self._unit_ikm(pop)
        self._ev_mamuju = evaluate(pop, ATURAN_MAMUJU, {"bobot_ikm": self.bobot_ikm})

    # ---------------------------------------------------------------- outputs
    def ringkasan(self) -> pd.Series:
        """The unit: N, sample s(N), responses, IKM konversi, mutu, kinerja unit, its true
        service quality, and the share of its frontline staff whose predikat the reform
        raises / lowers against PermenPANRB 6/2022."""
        N = self.populasi_dilayani
        r = {"unit_id": self.unit, "nama_unit": self.nama_unit, "populasi_dilayani": N,
             "sampel": int(krejcie_morgan([N])[0]),
             "jumlah_responden_diharapkan": int(jumlah_responden([N], self.tingkat_respons)[0])}
        for k in KOLOM_UNIT:
            r[k] = self._ikm.get(k, np.nan)
        ku = self.populasi.kebenaran_unit.set_index("unit_id")
        r["kinerja_layanan_benar"] = (float(ku.loc[self.unit, "kinerja_layanan_benar"])
                                      if self.unit in ku.index else np.nan)
        d = self.garis_depan()
        r["garis_depan"] = len(d)
        r["naik"] = float((d["peringkat"] > d["peringkat_dasar"]).mean()) if len(d) else 0.0
        r["turun"] = float((d["peringkat"] < d["peringkat_dasar"]).mean()) if len(d) else 0.0
        return pd.Series(r)

    def garis_depan(self) -> pd.DataFrame:
        """The unit's frontline staff under ``mamuju_ikm`` (IKI capaian, the IKM's capaian,
        the blend, predikat) beside their predikat under PermenPANRB 6/2022."""
        h = self._ev_mamuju.hasil
        d = h.loc[(h["asn_id"].isin(self.populasi.pegawai.loc[
            self.populasi.pegawai["unit_id"] == self.unit, "asn_id"])) & h["pakai_ikm"].astype(bool),
            ["asn_id", "capaian_hasil_kerja_iki", "ikm_unit", "capaian_ikm",
             "capaian_hasil_kerja", "predikat", "peringkat"]]
        b = self._ev_dasar.hasil.set_index("asn_id")
        d = d.assign(predikat_dasar=b["predikat"].reindex(d["asn_id"]).to_numpy(),
                     peringkat_dasar=b["peringkat"].reindex(d["asn_id"]).to_numpy())
        return d.reset_index(drop=True)

    def sebaran(self, R: int = 30, kemajuan: Callable[[int, int], None] | None = None,
                batal: Callable[[], bool] | None = None) -> pd.DataFrame:
        """The unit's IKM over ``R`` redraws of the survey (noise seeds 1..R): one row per
        draw (``noise_seed``, ``jumlah_responden``, ``ikm_konversi``, ``mutu``);
        ``kemajuan(i, R)`` reports progress; once ``batal()`` is True no further draw starts
        and the draws done so far are returned (fewer than ``R`` rows)."""
        baris = []
        for r in range(1, int(R) + 1):
            if batal is not None and batal():
                break
            x = self._unit_ikm(self._populasi_survei(noise_seed=r))
            baris.append({"noise_seed": r, **{k: x.get(k, np.nan) for k in KOLOM_UNIT}})
            if kemajuan:
                kemajuan(r, int(R))
        return pd.DataFrame(baris, columns=["noise_seed", *KOLOM_UNIT])

    def ringkasan_html(self) -> str:
        """The unit's summary as HTML lines (with the reference at the scenario's settings)."""
        r, a, lang = self.ringkasan(), self.awal, self.lang
        baris = [("sampel", f"{r['sampel']} / N = {angka(r['populasi_dilayani'], 0, lang)}"),
                 ("responden", angka(r["jumlah_responden"], 0, lang)),
                 ("ikm", f"{angka(r['ikm_konversi'], 2, lang)} ({r['mutu']})  ·  "
                         f"{t('survei.awal', lang)}: {angka(a['ikm_konversi'], 2, lang)} "
                         f"({a['mutu']})"),
                 ("garis_depan", t("survei.naik_turun", lang, n=int(r["garis_depan"]),
                                   naik=angka(100 * r["naik"], 1, lang),
                                   turun=angka(100 * r["turun"], 1, lang)))]
        isi = "".join(f"<tr><td>{html.escape(t(f'survei.baris.{k}', lang))}</td>"
                      f"<td>{html.escape(str(v))}</td></tr>" for k, v in baris)
        return f"<div><b>{html.escape(self.nama_unit)}</b><table>{isi}</table></div>"


class SurveiWidget:
    """The ipywidgets view of a :class:`SurveiIKM` (``.tampilan``)."""

    def __init__(self, logika: SurveiIKM, latar: bool = True) -> None:
        import ipywidgets as W

        self.logika = p = logika
        self._diam = False
        uk = p.populasi.unit_kerja
        unit = uk[uk["unit_id"].isin(p.populasi.skm["unit_id"].unique())]
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=p.lang)
        self.unit = W.Dropdown(options=[(r.nama_unit, int(r.unit_id))
                                        for r in unit.itertuples()], value=p.unit)
        self.N = W.IntSlider(value=p.populasi_dilayani, min=1, max=max(20_000,
                                                                        p.populasi_dilayani))
        self.respons = W.FloatSlider(value=p.tingkat_respons, min=0.05, max=1.0, step=0.05)
        self.bias = W.FloatSlider(value=p.bias_sampel, min=0.0, max=1.0, step=0.05)
        self.noise = W.FloatSlider(value=p.noise_sd, min=0.0, max=3.0, step=0.1)
        self.bobot = W.FloatSlider(value=p.bobot_ikm, min=0.0, max=1.0, step=0.05)
        self.R = W.IntText(value=30)
        self.tombol_sebaran = W.Button(icon="random")
        self.kerja = KerjaPanjang(latar, p.lang)
        """The progress bar and Cancel button of the redraws (``latar`` False: in the caller)."""
        self.ringkas, self.staf, self.hasil_sebaran = W.HTML(), W.HTML(), W.HTML()
        for w, nama in ((self.unit, "unit"), (self.N, "populasi_dilayani"),
                        (self.respons, "tingkat_respons"), (self.bias, "bias_sampel"),
                        (self.noise, "noise_sd"), (self.bobot, "bobot_ikm")):
            w.observe(lambda ch, nama=nama: self._ubah(nama, ch["new"]), names="value")
        self.bahasa.observe(lambda ch: self._bahasa(ch["new"]), names="value")
        self.tombol_sebaran.on_click(lambda _: self._sebaran())
        self.tampilan = W.VBox([self.bahasa, self.unit, W.HBox([self.N, self.respons]),
                                W.HBox([self.bias, self.noise, self.bobot]), self.ringkas,
                                self.staf, W.HBox([self.R, self.tombol_sebaran, self.kerja.kotak]),
                                self.hasil_sebaran])
        self._segarkan()

    def _ubah(self, nama: str, nilai: Any) -> None:
        if self._diam:
            return
        self.logika.setel(**{nama: nilai})
        if nama == "unit":
            self._diam = True
            self.N.max = max(self.N.max, self.logika.populasi_dilayani)
            self.N.value = self.logika.populasi_dilayani
            self.bias.value = self.logika.bias_sampel
            self._diam = False
        self._segarkan()

    def _bahasa(self, lang: str) -> None:
        self.logika.lang = lang
        self._segarkan()

    def _sebaran(self) -> None:
        R, k = int(self.R.value), self.kerja

        def kerja() -> None:
            self.hasil_sebaran.value = self.teks_sebaran(self.logika.sebaran(R, k.lapor, k.batal),
                                                         R)

        k.jalankan(kerja, (self.tombol_sebaran,))

    def teks_sebaran(self, d: pd.DataFrame, R: int) -> str:
        """What the view says of ``d`` (:meth:`SurveiIKM.sebaran` of ``R`` asked): the IKM's
        mean, spread and mutu, and how many draws were done when cancelled."""
        lang = self.logika.lang
        ikm = d["ikm_konversi"].astype(float)
        teks = t("survei.sebaran", lang, R=len(d), rata=angka(ikm.mean(), 2, lang),
                 sd=angka(ikm.std(ddof=1), 2, lang),
                 mutu=", ".join(f"{m} {n}" for m, n in d["mutu"].value_counts().sort_index()
                                .items())) if len(d) else ""
        if len(d) < R:
            teks = " ".join([t("survei.sebaran_batal", lang, n=len(d), R=R), teks]).strip()
        return html.escape(teks)

    def _segarkan(self) -> None:
        p, lang = self.logika, self.logika.lang
        for w, k in ((self.unit, "unit"), (self.N, "populasi_dilayani"),
                     (self.respons, "tingkat_respons"), (self.bias, "bias_sampel"),
                     (self.noise, "noise_sd"), (self.bobot, "bobot_ikm"), (self.R, "R")):
            w.description = t(f"survei.kontrol.{k}", lang)
        self.tombol_sebaran.description = t("survei.kontrol.tombol_sebaran", lang)
        self.kerja.teks(lang)
        self.ringkas.value = p.ringkasan_html()
        self.staf.value = tabel_html(p.garis_depan(), lang, nama="garis_depan")


def survei_ikm(scenario: Scenario, population: Population | None = None,
               unit: int | None = None, lang: str | None = None) -> Any:
    """Open the survey view (the population generated when not given); return the widget.

    >>> survei_ikm(simkit.load_scenario("scenarios/mamuju_baseline.yaml"))  # doctest: +SKIP
    """
    from simkit.population.generate import generate

    pop = population if population is not None else generate(scenario)
    return SurveiWidget(SurveiIKM(scenario, pop, unit, lang=lang)).tampilan


__all__ = ["ATURAN_IKM", "ATURAN_MAMUJU", "KOLOM_UNIT", "SurveiIKM", "SurveiWidget",
           "survei_ikm"]
