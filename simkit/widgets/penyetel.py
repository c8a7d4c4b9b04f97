"""Penyetel Aturan (the rule tuner, for a policymaker): every parameter of a rule is a control.

:class:`Penyetel` holds the state and produces tables and figure data, with no ipywidgets:
choose a base rule or a reform (:meth:`Penyetel.pilih`), change a parameter
(:meth:`Penyetel.setel`); each change re-evaluates the population with the tuned rule and
compares it with the cached baseline on the selected tables only (:data:`TABEL_PENYETEL`):
the predikat distribution, the transition matrix, winners and losers by OPD and by group
(jabatan, golongan, gender ...), accuracy and fairness against the truth, curve compliance,
TPP cost and the reform card. An invalid combination (thresholds out of order) keeps the last
valid tables and shows the located message (:attr:`Penyetel.pesan`). The tuned reform is
exported as a scenario YAML that ``simkit validate`` and ``simkit run`` accept
(:meth:`Penyetel.ekspor_skenario`), its tables as Excel (:meth:`Penyetel.ekspor_excel`).

:class:`PenyetelWidget` is the thin ipywidgets view (:func:`penyetel_aturan` opens it).

The layer ``widgets`` sits above ``report`` and below ``orchestration``: it takes a loaded
:class:`~simkit.scenario.Scenario` and a :class:`~simkit.population.model.Population` (a
notebook calls ``simkit.load_scenario`` and ``simkit.generate``), and uses rules, analysis,
presentation and tables; nothing below imports it.

>>> import simkit                                                       # doctest: +SKIP
>>> sc = simkit.load_scenario("scenarios/mamuju_baseline.yaml")         # doctest: +SKIP
>>> p = Penyetel(sc, simkit.generate(sc))                               # doctest: +SKIP
>>> p.setel(("ambang_hasil_sesuai",), 95)                               # doctest: +SKIP
True
>>> p.data_distribusi()                                                 # doctest: +SKIP
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from simkit.analysis.compare import HasilPerbandingan, compare
from simkit.errors import SimkitError
from simkit.i18n import get_lang, t
from simkit.kosakata import ATURAN_DASAR
from simkit.population.generate import generate
from simkit.population.model import Population
from simkit.presentation.format import persen
from simkit.presentation.label import label_nilai
from simkit.presentation.tabel_html import tabel_html
from simkit.report.excel import tulis_excel
from simkit.report.grafik_periode import GRAFIK_PERIODE, grafik_periode, label_ukuran
from simkit.report.grafik_periode import teks_alt as teks_alt_periode
from simkit.report.sajian_periode import jawaban, tabel_ukuran
from simkit.rules import evaluate, get_rule, list_rules
from simkit.rules.aturan import Rule
from simkit.rules.evaluation import Evaluation
from simkit.scenario import AturanSpec, Scenario
from simkit.widgets.kerja import Dibatalkan, KerjaPanjang, periksa_batal
from simkit.widgets.kontrol import GrupKontrol, Kontrol, kontrol_aturan

TABEL_PENYETEL: tuple[str, ...] = (
    "kartu_reformasi", "distribusi", "transisi", "menang_kalah", "menang_kalah_per_kelompok",
    "menang_kalah_per_opd", "akurasi", "keadilan", "kepatuhan_kurva_ringkas", "tpp")
"""The tables a change recomputes (and the Excel export writes), from the output registry."""

NAMA_DISETEL = "disetel"
"""The entry id of the tuned rule (in the tables and the exported scenario)."""

DIMENSI_MENANG_KALAH: tuple[str, ...] = ("jenis_jabatan", "golongan", "jenis_kelamin")
"""The group dimensions of winners and losers shown first (OPD has a table of its own)."""


LINTASAN_TAHUN = 3
LINTASAN_SEED = 3
"""Years and seeds the tuner's paths over years start with (kept short: a few seconds each)."""


def _entri_dasar(scenario: Scenario) -> AturanSpec:
    for e in scenario.aturan:
        if e.aturan == ATURAN_DASAR and not e.parameter:
            return e
    return AturanSpec(id=ATURAN_DASAR, aturan=ATURAN_DASAR)


def _setel_jalur(nilai: Any, jalur: Sequence[str], baru: Any) -> Any:
    if not jalur:
        return baru
    out = copy.deepcopy(nilai) if isinstance(nilai, dict) else {}
    kunci = next((k for k in out if str(k) == jalur[0]), jalur[0])
    out[kunci] = _setel_jalur(out.get(kunci), jalur[1:], baru)
    return out


def _dengan_distribusi(tabel: Sequence[str]) -> tuple[str, ...]:
    """``tabel`` with ``distribusi`` (the chart's data) first."""
    return ("distribusi", *(n for n in tabel if n != "distribusi"))


class Penyetel:
    """The rule tuner's state: the chosen rule, its changed parameters and the tables.

    ``scenario``/``population``: what is evaluated (the baseline is the scenario's
    PermenPANRB 6/2022 entry without changes, evaluated once). ``tabel``: the tables a change
    recomputes.
    """

    def __init__(self, scenario: Scenario, population: Population, aturan: str | None = None,
                 tabel: Sequence[str] = TABEL_PENYETEL, lang: str | None = None,
                 simulasi: Callable[..., Any] | None = None) -> None:
        self.skenario = scenario
        self.simulasi = simulasi
        """``simkit.simulate`` (the layer ``orchestration`` is above this one, so it is given):
        enables :meth:`lintasan`, the paths over years."""
        self.hasil_lintasan: Any = None
        self.populasi = population
        self.tabel_dipilih = _dengan_distribusi(tabel)
        self.lang = lang or get_lang()
        self.dasar = _entri_dasar(scenario)
        self.pilihan = self._pilihan_aturan()
        self._ev_dasar = self._evaluasi_dasar()
        self.galat: SimkitError | None = None
        self.hasil: HasilPerbandingan | None = None
        self.pilih(aturan or next(iter(self.pilihan)))

    # ---------------------------------------------------------------- choosing
    def _pilihan_aturan(self) -> dict[str, AturanSpec]:
        """Entry id -> entry: the scenario's employee-level entries, then every other
        employee-level rule (a base rule or a reform) under its own id."""
        out: dict[str, AturanSpec] = {}
        for e in self.skenario.aturan:
            if get_rule(e.aturan).tingkat == "pegawai":
                out[e.id] = e
        for r in list_rules():
            if r.tingkat == "pegawai" and r.id not in out:
                out[r.id] = AturanSpec(id=r.id, aturan=r.id)
        return out

    def _evaluasi_dasar(self) -> Evaluation:
        return evaluate(self.populasi, self.dasar.aturan, self.dasar.parameter)

    def label_pilihan(self, kunci: str, lang: str | None = None) -> str:
        """The display name of a choice (its scenario label, else the rule's name)."""
        lang = lang or self.lang
        e = self.pilihan[kunci]
        if e.label:
            return e.label.get(lang) or e.label["id"]
        return get_rule(e.aturan).label(lang)

    @property
    def aturan(self) -> Rule:
        """The rule being tuned."""
        return get_rule(self.entri.aturan)

    def pilih(self, kunci: str) -> None:
        """Start from choice ``kunci`` (a rule id or a scenario entry id) with its parameters."""
        if kunci not in self.pilihan:
            from simkit.errors import galat, mirip

            raise galat("aturan_tidak_ada", bidang="aturan", ditemukan=repr(kunci),
                        diharapkan=", ".join(self.pilihan), saran=mirip(kunci, self.pilihan))
        self.kunci = kunci
        self.entri = self.pilihan[kunci]
        self.ubahan: dict[str, Any] = copy.deepcopy(dict(self.entri.parameter))
        self.hitung()

    # ---------------------------------------------------------------- changing
    def nilai(self, nama: str) -> Any:
        """The value of parameter ``nama`` now (changed or as in the file)."""
        return self.ubahan.get(nama, self.aturan.parameters[nama])

    def kontrol(self, lang: str | None = None) -> list[Kontrol | GrupKontrol]:
        """The controls of every parameter of the rule, at their current values."""
        p = self.aturan.parameters
        try:  # the values as set, even in a combination the rule refuses
            p = p.with_overrides(self.ubahan)
        except SimkitError:
            pass
        return kontrol_aturan(p, lang or self.lang)

    def setel(self, jalur: str | Sequence[str], nilai: Any) -> bool:
        """Set the parameter (or mapping leaf) at ``jalur`` and recompute; False when the
        rule refuses the combination (see :attr:`pesan`)."""
        jalur = (jalur,) if isinstance(jalur, str) else tuple(jalur)
        nama = jalur[0]
        baru = _setel_jalur(self.nilai(nama), jalur[1:], nilai) if len(jalur) > 1 else nilai
        if baru == self.aturan.parameters[nama]:
            self.ubahan.pop(nama, None)
        else:
            self.ubahan[nama] = baru
        return self.hitung()

    def pilih_tabel(self, tabel: Sequence[str]) -> None:
        """Compute only ``tabel`` on each change (names of the output registry; the
        predikat distribution, the chart's data, always)."""
        self.tabel_dipilih = _dengan_distribusi(tabel)
        if self.galat is None:
            self.hasil = self._banding(self.tabel_dipilih)

    def kembalikan(self) -> None:
        """Back to the choice's own parameters."""
        self.pilih(self.kunci)

    def hitung(self) -> bool:
        """Evaluate the tuned rule and compare it with the baseline on the selected tables."""
        try:
            ev = evaluate(self.populasi, self.entri.aturan, self.ubahan)
        except SimkitError as e:
            self.galat = e
            return False
        self.galat = None
        self._ev = ev
        self._sah = copy.deepcopy(self.ubahan)
        self.hasil = self._banding(self.tabel_dipilih)
        return True

    def _banding(self, tabel: Sequence[str], **opsi: Any) -> HasilPerbandingan:
        """The tuned rule (last valid state) against the cached baseline, on ``tabel``."""
        return compare(self.populasi, {self.dasar.id: self._ev_dasar, NAMA_DISETEL: self._ev},
                       baseline=self.dasar.id, scenario=self.skenario, tabel=tabel, **opsi)

    @property
    def pesan(self) -> str:
        """The located message of the last refused change ('' when the state is valid)."""
        return self.galat.render(self.lang) if self.galat else ""

    # ---------------------------------------------------------------- outputs
    def label_aturan(self, lang: str | None = None) -> dict[str, str]:
        """Entry id -> display name, for the tables."""
        lang = lang or self.lang
        dasar = (self.dasar.label or {}).get(lang) or get_rule(self.dasar.aturan).label(lang)
        return {self.dasar.id: dasar,
                NAMA_DISETEL: t("penyetel.label_disetel", lang,
                                aturan=self.label_pilihan(self.kunci, lang))}

    def tabel(self, nama: str) -> pd.DataFrame:
        """One of the selected tables (of the last valid state)."""
        assert self.hasil is not None
        return self.hasil[nama]

    def tabel_html(self, nama: str, maks: int | None = 40) -> str:
        """A selected table as HTML, labelled in the tuner's language."""
        return tabel_html(self.tabel(nama), self.lang, labels=self.label_aturan(), maks=maks,
                          nama=nama, kosakata={self.dasar.id: (self.dasar.aturan,),
                                               NAMA_DISETEL: (self.entri.aturan,)})

    def data_distribusi(self) -> pd.DataFrame:
        """Figure data of the predikat chart: one row per predikat (best first), the share
        under the baseline and under the tuned rule (``dasar``, ``disetel``)."""
        d = self.tabel("distribusi")
        p = d.pivot_table(index=["peringkat", "predikat"], columns="aturan", values="proporsi",
                          aggfunc="sum", fill_value=0.0, sort=False)
        p = p.sort_index(level="peringkat", ascending=False).reset_index()
        p["label"] = [label_nilai("predikat", v, self.lang, (self.entri.aturan,))
                      for v in p["predikat"]]
        dasar = p.get(self.dasar.id, 0.0)
        return pd.DataFrame({"predikat": p["predikat"], "label": p["label"],
                             "dasar": dasar, "disetel": p.get(NAMA_DISETEL, dasar)})

    def matriks_transisi(self) -> pd.DataFrame:
        """Counts baseline predikat (rows) × tuned predikat (columns), best first."""
        d = self.tabel("transisi")
        d = d[d["aturan"] == NAMA_DISETEL]
        m = d.pivot_table(index="predikat_dasar", columns="predikat", values="jumlah",
                          aggfunc="sum", fill_value=0)
        urut = (d.drop_duplicates("predikat").sort_values("peringkat", ascending=False)
                ["predikat"].tolist())
        urut_dasar = (d.drop_duplicates("predikat_dasar")
                      .sort_values("peringkat_dasar", ascending=False)["predikat_dasar"].tolist())
        return m.reindex(index=urut_dasar, columns=urut, fill_value=0)

    def menang_kalah(self, dimensi: str | None = None) -> pd.DataFrame:
        """Winners and losers of the tuned rule (share per change bucket); by group
        ``dimensi`` (``jenis_jabatan``, ``golongan``, ``jenis_kelamin`` ...), ``"opd"``, or
        over everyone (None)."""
        if dimensi is None:
            d = self.tabel("menang_kalah")
        elif dimensi == "opd":
            d = self.tabel("menang_kalah_per_opd")
        else:
            d = self.tabel("menang_kalah_per_kelompok")
            d = d[d["dimensi"] == dimensi]
        return d[d["aturan"] == NAMA_DISETEL].reset_index(drop=True)

    def gambar_html(self) -> str:
        """The predikat chart as HTML bars (baseline and tuned side by side)."""
        d = self.data_distribusi()
        lab = self.label_aturan()
        maks = max(float(d[["dasar", "disetel"]].to_numpy().max()), 1e-9)
        baris = []
        for r in d.itertuples():
            sel = []
            for kolom, warna in (("dasar", "#9aa5b1"), ("disetel", "#1f6feb")):
                v = float(getattr(r, kolom))
                sel.append(
                    f'<div style="display:flex;align-items:center;gap:6px">'
                    f'<div style="background:{warna};height:12px;width:{240 * v / maks:.1f}px">'
                    f'</div><span>{persen(v, self.lang)}</span></div>')
            baris.append(f"<tr><td>{html.escape(str(r.label))}</td><td>{''.join(sel)}</td></tr>")
        kunci = (f'<span style="color:#9aa5b1">■</span> {html.escape(lab[self.dasar.id])} '
                 f'<span style="color:#1f6feb">■</span> {html.escape(lab[NAMA_DISETEL])}')
        return (f"<div><b>{html.escape(t('penyetel.judul_distribusi', self.lang))}</b>"
                f"<div>{kunci}</div><table>{''.join(baris)}</table></div>")

    # ---------------------------------------------------------------- export
    def skenario_dict(self) -> dict[str, Any]:
        """The scenario with two rule entries: the baseline and the tuned rule (the chosen
        rule + its changed parameters), so ``simkit run`` reproduces the comparison."""
        d = self.skenario.model_dump(mode="json")
        lab = {lang: self.label_aturan(lang)[NAMA_DISETEL] for lang in ("id", "en")}
        dasar = self.dasar.model_dump(mode="json", exclude_none=True)
        disetel = {"id": NAMA_DISETEL, "aturan": self.entri.aturan, "label": lab,
                   "parameter": copy.deepcopy(self.ubahan)}
        d["aturan"] = [dasar, disetel]
        return d

    def ekspor_skenario(self, path: str | Path) -> Path:
        """Write the tuned reform as a scenario YAML (:meth:`skenario_dict`); return ``path``.
        A combination the rule refuses is not written (its located SimkitError is raised)."""
        if self.galat is not None:
            raise self.galat
        path = Path(path)
        kepala = t("penyetel.kepala_yaml", self.lang, aturan=self.label_pilihan(self.kunci))
        teks = yaml.safe_dump(self.skenario_dict(), allow_unicode=True, sort_keys=False)
        path.write_text("".join(f"# {b}\n" for b in kepala.splitlines()) + teks, "utf-8")
        return path

    def ekspor_excel(self, path: str | Path) -> Path:
        """Write the selected tables (of the last valid state), with the rules and the parameters, as the labelled
        workbook of a run (:func:`simkit.report.excel.tulis_excel`); return ``path``."""
        h = self._banding([*self.tabel_dipilih, "aturan", "parameter"])
        return tulis_excel(h.tables(), path, lang=self.lang,
                           tentang={"skenario": self.skenario.nama, "seed": self.skenario.seed,
                                    "aturan_dasar": self.dasar.id})

    # ---------------------------------------------------------------- long work
    def populasi_baru(self, seed: int, kemajuan: Callable[[int, int], None] | None = None,
                      batal: Callable[[], bool] | None = None) -> None:
        """Draw a new population with ``seed`` and recompute everything; ``kemajuan(i, n)``
        reports the steps, ``batal()`` True stops (:class:`Dibatalkan`, nothing changed)."""
        kemajuan = kemajuan or (lambda i, n: None)
        kemajuan(0, 3)
        periksa_batal(batal)
        sc = self.skenario.with_seed(int(seed))
        pop = generate(sc)
        kemajuan(1, 3)
        periksa_batal(batal)
        ev = evaluate(pop, self.dasar.aturan, self.dasar.parameter)
        kemajuan(2, 3)
        periksa_batal(batal)
        disetel = evaluate(pop, self.entri.aturan, self._sah)  # the last valid state
        self.skenario, self.populasi, self._ev_dasar, self._ev = sc, pop, ev, disetel
        self.hasil = self._banding(self.tabel_dipilih)
        kemajuan(3, 3)

    def stabilitas(self, R: int, kemajuan: Callable[[int, int], None] | None = None,
                   batal: Callable[[], bool] | None = None) -> pd.DataFrame:
        """The stability table over ``R`` redraws of the measurement (costly; reports and
        stops like :meth:`populasi_baru`)."""
        def lapor(i: int, n: int) -> None:
            periksa_batal(batal)
            if kemajuan:
                kemajuan(i, n)

        return self._banding(["stabilitas"], stabilitas_R=int(R), progress=lapor)["stabilitas"]

    # ---------------------------------------------------------------- over years
    def skenario_lintasan(self, tahun: int) -> dict[str, Any]:
        """The exported scenario (baseline and tuned reform) over ``tahun`` years (the
        scenario's ``periode`` settings, else the defaults)."""
        d = self.skenario_dict()
        d["periode"] = {**(d.get("periode") or {}), "tahun": int(tahun)}
        return d

    def lintasan(self, tahun: int = LINTASAN_TAHUN, seeds: int = LINTASAN_SEED,
                 kemajuan: Callable[[int, int], None] | None = None,
                 batal: Callable[[], bool] | None = None) -> Any:
        """Run the tuned reform and the baseline over ``tahun`` years and ``seeds`` seeds
        (one :attr:`simulasi` call per seed: ``kemajuan(i, n)`` after each, ``batal()`` True
        stops before the next, :class:`Dibatalkan`, nothing changed); keep and return the
        :class:`~simkit.orchestration.periode.HasilPeriode` of all seeds."""
        if self.simulasi is None:
            raise RuntimeError("Penyetel(simulasi=simkit.simulate) is needed for the paths")
        if self.galat is not None:
            raise self.galat
        sc = self.skenario_lintasan(tahun)
        n = max(int(seeds), 1)
        kemajuan = kemajuan or (lambda i, n: None)
        kemajuan(0, n)
        bagian = []
        for i in range(n):
            periksa_batal(batal)
            bagian.append(self.simulasi(sc, seeds=[int(sc["seed"]) + i]))
            kemajuan(i + 1, n)
        h = bagian[0]
        tabel = pd.concat([b.tabel for b in bagian], ignore_index=True)
        self.hasil_lintasan = type(h)(tabel, {**h.meta, "seeds": [int(sc["seed"]) + i
                                                                   for i in range(n)]})
        return self.hasil_lintasan

    def data_lintasan(self, nama: str = "periode_waktu_tunggu") -> pd.DataFrame:
        """Figure data of path chart ``nama`` (:data:`~simkit.report.grafik_periode.GRAFIK_PERIODE`)
        of the last :meth:`lintasan`: the bands over seeds (``aturan``: the baseline's id or
        :data:`NAMA_DISETEL`; ``tahun, ukuran, rata_rata, q10, q90``)."""
        p = self.hasil_lintasan.pita()
        p = p[(p["dimensi"] == "semua") & p["ukuran"].isin(GRAFIK_PERIODE[nama].ukuran)]
        return p[["aturan", "tahun", "ukuran", "rata_rata", "q10", "q90", "jumlah_seed"]
                 ].reset_index(drop=True)

    def gambar_lintasan(self, nama: str = "periode_waktu_tunggu") -> Any:
        """Path chart ``nama`` of the last :meth:`lintasan` (a matplotlib Figure)."""
        return grafik_periode(self.hasil_lintasan.pita(), nama, self.lang, self.label_aturan())

    def tabel_lintasan(self, ukuran: str = "waktu_tunggu_benar") -> pd.DataFrame:
        """Measure ``ukuran`` of the last :meth:`lintasan`, rules × years, [q10 – q90]."""
        return tabel_ukuran(self.hasil_lintasan.pita(), ukuran, self.lang, self.label_aturan())

    def lintasan_html(self, nama: str = "periode_waktu_tunggu") -> str:
        """The chart (PNG inline) and the tables of its measures, labelled, as HTML."""
        import base64
        import io

        buf = io.BytesIO()
        self.gambar_lintasan(nama).savefig(buf, format="png", dpi=90, facecolor="white")
        png = base64.b64encode(buf.getvalue()).decode("ascii")
        h = self.hasil_lintasan
        teks = " ".join(jawaban(h.pita(), self.lang, self.label_aturan(), h.tabel))
        out = [f"<p>{html.escape(teks)}</p>",
               f'<img src="data:image/png;base64,{png}" style="max-width:100%">']
        for u in GRAFIK_PERIODE[nama].ukuran:
            tb = self.tabel_lintasan(u)
            if len(tb):
                out += [f"<b>{html.escape(label_ukuran(u, self.lang))}</b>",
                        tabel_html(tb, self.lang, labels=self.label_aturan(), maks=None)]
        return "".join(out)


# =========================================================================== ipywidgets view


class PenyetelWidget:
    """The ipywidgets view of a :class:`Penyetel`: a rule chooser, a language switch, one
    control per parameter, the message line, the chart and the tables in tabs, export and
    long-work buttons with a progress bar and a cancel button. ``.tampilan`` is the widget."""

    def __init__(self, logika: Penyetel, latar: bool = True) -> None:
        import ipywidgets as W

        self.W = W
        self.logika = logika
        self._diam = False
        self.widget_kontrol: dict[tuple[str, ...], Any] = {}
        self.pilih_aturan = W.Dropdown(layout=W.Layout(width="60%"))
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=logika.lang)
        self.pesan = W.HTML()
        self.panel = W.VBox(layout=W.Layout(width="45%", max_height="700px", overflow="auto"))
        self.gambar = W.HTML()
        self.tab = W.Tab()
        self.metrik = W.SelectMultiple(options=list(TABEL_PENYETEL),
                                       value=tuple(logika.tabel_dipilih), rows=5)
        self.metrik.observe(self._saat_metrik, names="value")
        self.tabel_html: dict[str, Any] = {}
        self.path_yaml = W.Text(value="reformasi_disetel.yaml")
        self.tombol_yaml = W.Button(icon="download")
        self.path_excel = W.Text(value="reformasi_disetel.xlsx")
        self.tombol_excel = W.Button(icon="table")
        self.seed = W.IntText(value=int(logika.skenario.seed))
        self.tombol_populasi = W.Button(icon="users")
        self.ulang_R = W.IntText(value=30)
        self.tombol_stabilitas = W.Button(icon="random")
        self.kerja = KerjaPanjang(latar, logika.lang)
        """The progress bar and Cancel button (``latar`` False: long work in the caller)."""
        self.tombol_kembali = W.Button(icon="undo")
        self.status = W.HTML()
        self.lintasan_tahun = W.IntText(value=LINTASAN_TAHUN, layout=W.Layout(width="150px"))
        self.lintasan_seed = W.IntText(value=LINTASAN_SEED, layout=W.Layout(width="150px"))
        self.lintasan_grafik = W.Dropdown(options=list(GRAFIK_PERIODE))
        self.tombol_lintasan = W.Button(icon="line-chart", disabled=logika.simulasi is None)
        self.keluaran_lintasan = W.HTML()
        self.tombol_lintasan.on_click(lambda _: self._kerja_panjang("lintasan"))
        self.lintasan_grafik.observe(lambda _: self._tampil_lintasan(), names="value")
        self.pilih_aturan.observe(self._saat_pilih, names="value")
        self.bahasa.observe(self._saat_bahasa, names="value")
        self.tombol_yaml.on_click(lambda _: self._ekspor("yaml"))
        self.tombol_excel.on_click(lambda _: self._ekspor("excel"))
        self.tombol_populasi.on_click(lambda _: self._kerja_panjang("populasi"))
        self.tombol_stabilitas.on_click(lambda _: self._kerja_panjang("stabilitas"))
        self.tombol_kembali.on_click(lambda _: self._kembali())
        self.tampilan = W.VBox([
            W.HBox([self.pilih_aturan, self.tombol_kembali, self.bahasa]), self.pesan,
            W.HBox([self.panel, W.VBox([self.gambar, self.metrik, self.tab],
                                       layout=W.Layout(width="55%"))]),
            W.HBox([self.path_yaml, self.tombol_yaml, self.path_excel, self.tombol_excel]),
            W.HBox([self.seed, self.tombol_populasi, self.ulang_R, self.tombol_stabilitas,
                    self.kerja.kotak]),
            W.HBox([self.tombol_lintasan, self.lintasan_tahun, self.lintasan_seed,
                    self.lintasan_grafik], layout=W.Layout(flex_flow="row wrap")),
            self.status, self.keluaran_lintasan])
        self._teks()
        self._bangun_kontrol()
        self._segarkan()

    # ---------------------------------------------------------------- building
    def _teks(self) -> None:
        lang = self.logika.lang
        p = self.logika
        self._diam = True
        self.pilih_aturan.options = [(p.label_pilihan(k, lang), k) for k in p.pilihan]
        self.pilih_aturan.value = p.kunci
        self._diam = False
        self.pilih_aturan.description = t("penyetel.aturan", lang)
        for w, kunci in ((self.tombol_yaml, "ekspor_yaml"), (self.tombol_excel, "ekspor_excel"),
                         (self.tombol_populasi, "populasi_baru"),
                         (self.tombol_stabilitas, "stabilitas"),
                         (self.tombol_kembali, "kembalikan")):
            w.description = t(f"penyetel.tombol.{kunci}", lang)
        self.kerja.teks(lang)
        self.seed.description = t("penyetel.seed", lang)
        self._diam = True
        dipilih = self.metrik.value
        self.metrik.options = [(t(f"penyetel.tab.{n}", lang), n) for n in TABEL_PENYETEL]
        self.metrik.value = dipilih
        self._diam = False
        self.metrik.description = t("penyetel.metrik", lang)
        self.ulang_R.description = t("penyetel.ulang_R", lang)
        self.tombol_lintasan.description = t("lintasan.tombol", lang)
        self.lintasan_tahun.description = t("lintasan.tahun", lang)
        self.lintasan_seed.description = t("lintasan.seed", lang)
        self.lintasan_grafik.description = t("lintasan.grafik", lang)
        self._diam = True
        nilai = self.lintasan_grafik.value
        self.lintasan_grafik.options = [(teks_alt_periode(n, lang), n)
                                        for n in GRAFIK_PERIODE]
        self.lintasan_grafik.value = nilai
        self._diam = False

    def _bangun_kontrol(self) -> None:
        from simkit.widgets.kontrol import buat_widget

        W = self.W
        anak = []
        self.widget_kontrol = {}
        for k in self.logika.kontrol():
            if isinstance(k, GrupKontrol):
                isi = []
                for a in k.anak:
                    isi.append(self._pasang(a, buat_widget(a)))
                anak.append(W.VBox([W.HTML(f"<b>{html.escape(k.label)}</b><br>"
                                           f"<small>{html.escape(k.keterangan)}</small>"),
                                    *isi], layout=W.Layout(border="1px solid #ddd",
                                                           padding="4px")))
            else:
                anak.append(self._pasang(k, buat_widget(k)))
        self.panel.children = anak

    def _pasang(self, k: Kontrol, w: Any) -> Any:
        from simkit.widgets.kontrol import nilai_kontrol

        self.widget_kontrol[k.jalur] = w

        def ubah(change: dict) -> None:
            try:
                nilai = nilai_kontrol(k, change["new"])
            except SimkitError as e:
                self.logika.galat = e
            else:
                self.logika.setel(k.jalur, nilai)
            self._segarkan()

        w.observe(ubah, names="value")
        return w

    # ---------------------------------------------------------------- refreshing
    def _segarkan(self) -> None:
        p = self.logika
        self.pesan.value = (f'<div style="color:#b42318"><b>{html.escape(t("penyetel.galat", p.lang))}'
                            f"</b> {html.escape(p.pesan)}</div>" if p.galat else "")
        if p.hasil is None:
            return
        self.gambar.value = p.gambar_html()
        judul, isi = [], []
        for nama in p.tabel_dipilih:
            h = self.tabel_html.get(nama)
            if h is None:
                h = self.tabel_html[nama] = self.W.HTML()
            h.value = p.tabel_html(nama)
            judul.append(t(f"penyetel.tab.{nama}", p.lang))
            isi.append(h)
        if list(self.tab.children) != isi:
            self.tab.selected_index = None
            self.tab.children = isi
        self.tab.titles = tuple(judul)

    def _saat_pilih(self, change: dict) -> None:
        if self._diam or change["new"] is None:
            return
        self.logika.pilih(change["new"])
        self._bangun_kontrol()
        self._segarkan()

    def _saat_metrik(self, change: dict) -> None:
        if self._diam:
            return
        self.logika.pilih_tabel(change["new"])
        self._segarkan()

    def _saat_bahasa(self, change: dict) -> None:
        self.logika.lang = change["new"]
        self._teks()
        self._bangun_kontrol()
        self._segarkan()
        self._tampil_lintasan()

    def _tampil_lintasan(self) -> None:
        """Show the chosen path chart and its tables (after a run of :meth:`Penyetel.lintasan`)."""
        if self._diam or self.logika.hasil_lintasan is None:
            return
        self.keluaran_lintasan.value = self.logika.lintasan_html(self.lintasan_grafik.value)

    def _kembali(self) -> None:
        self.logika.kembalikan()
        self._bangun_kontrol()
        self._segarkan()

    def _ekspor(self, jenis: str) -> None:
        lang = self.logika.lang
        try:
            if jenis == "yaml":
                path = self.logika.ekspor_skenario(self.path_yaml.value)
            else:
                path = self.logika.ekspor_excel(self.path_excel.value)
        except (SimkitError, OSError) as e:
            self.status.value = html.escape(str(e))
            return
        self.status.value = html.escape(t("penyetel.tertulis", lang, path=str(path)))

    # ---------------------------------------------------------------- long work
    def _kerja_panjang(self, jenis: str) -> None:
        k = self.kerja

        def kerja() -> None:
            p = self.logika
            try:
                if jenis == "lintasan":
                    p.lintasan(self.lintasan_tahun.value, self.lintasan_seed.value, k.lapor,
                               k.batal)
                    self.status.value = html.escape(t("lintasan.siap", p.lang,
                                                      tahun=self.lintasan_tahun.value,
                                                      n=self.lintasan_seed.value))
                    self._tampil_lintasan()
                elif jenis == "populasi":
                    p.populasi_baru(self.seed.value, k.lapor, k.batal)
                    self.status.value = html.escape(t("penyetel.populasi_siap", p.lang,
                                                      seed=self.seed.value))
                else:
                    df = p.stabilitas(self.ulang_R.value, k.lapor, k.batal)
                    self.status.value = tabel_html(df, p.lang, labels=p.label_aturan(),
                                                   nama="stabilitas")
            except Dibatalkan:
                self.status.value = html.escape(t("kerja.dibatalkan", p.lang))
            except SimkitError as e:
                self.status.value = html.escape(e.render(p.lang))
            self._segarkan()

        kunci = (self.tombol_populasi, self.tombol_stabilitas)
        if self.logika.simulasi is not None:
            kunci += (self.tombol_lintasan,)
        k.jalankan(kerja, kunci)


def penyetel_aturan(scenario: Scenario, population: Population | None = None,
                    aturan: str | None = None, lang: str | None = None,
                    simulasi: Callable[..., Any] | None = None) -> Any:
    """Open the rule tuner on ``scenario`` (its population generated when not given) and
    return the widget to display; ``simulasi=simkit.simulate`` enables the paths over years.

    >>> import simkit                                                   # doctest: +SKIP
    >>> sc = simkit.load_scenario("scenarios/mamuju_baseline.yaml")     # doctest: +SKIP
    >>> penyetel_aturan(sc)                                             # doctest: +SKIP
    """
    pop = population if population is not None else generate(scenario)
    return PenyetelWidget(Penyetel(scenario, pop, aturan, lang=lang, simulasi=simulasi)).tampilan


__all__ = ["DIMENSI_MENANG_KALAH", "NAMA_DISETEL", "TABEL_PENYETEL", "Penyetel",
           "PenyetelWidget", "penyetel_aturan"]

