"""``calibrate``: fit a scenario's rater and target-setting settings to published national figures.

Microsimulation models calibrate their synthetic records to official totals; simkit does the
same for the rated predikat. The *true* performance (``kebenaran``) stays what the scenario
says; only the settings of the measurement are fitted, so that the predikat of today's
practice (``permenpanrb_6_2022`` with ``kurva_distribusi: abaikan``, i.e. before the curve)
matches the targets of :mod:`simkit.population.patokan` whose ``peran`` is ``sesuaikan``:

- ``penilai.leniensi_rata``: how generous raters are (behaviour scores);
- ``penilai.tendensi_sentral``: how much raters pull towards the middle;
- ``indikator.kemudahan_target``: how easy SKP targets are set (results).

Not fitted: the rule's thresholds (``ambang_*``, flagged ``asumsi``), since a scenario that
changed them would no longer compare against the unmodified national rule; and the reported
organisation results (``organisasi.inflasi_laporan``), since they set the curve's own limits
(inflating them to remove the heads' Butuh Perbaikan would make the curve vanish too). Heads of
units whose organisation is rated below Baik therefore keep a small Butuh Perbaikan share.

Method: a pattern (coordinate) search on one fixed-seed population, every trial value rounded
to 3 decimals, stepping from the scenario's own values; the loss is the sum of squared errors
in percentage points. Each trial redraws only the measurement tables
(:func:`~simkit.population.generate.redraw_measurement` with the streams of ``generate``), so
the fitted scenario generates exactly the population the fit saw. Same scenario, same result.

>>> h = calibrate({"nama": "x", "seed": 5, "populasi": {"jumlah_asn": 300}}, maks_evaluasi=30)
>>> h.setelan["setelan"].tolist()
['penilai.leniensi_rata', 'penilai.tendensi_sentral', 'indikator.kemudahan_target']
>>> fit = h.patokan[h.patokan["peran"] == "sesuaikan"]
>>> bool(fit["galat_pp"].abs().max() < fit["galat_sebelum_pp"].abs().max())
True
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from simkit.atomic import write_text_atomic
from simkit.errors import galat
from simkit.i18n import t
from simkit.kosakata import ATURAN_DASAR
from simkit.population.generate import generate, redraw_measurement
from simkit.population.model import Population
from simkit.population.patokan import Patokan, galat_pp, muat_patokan, porsi_ukuran
from simkit.scenario import Scenario, baca_skenario

PARAMETER_PRAKTIK = {"kurva_distribusi": "abaikan"}
"""Today's practice: the national rule before the curve."""


@dataclass(frozen=True)
class Setelan:
    """A fitted scenario setting ``bagian.kunci`` with its first search step."""

    bagian: str
    kunci: str
    langkah: float

    @property
    def nama(self) -> str:
        return f"{self.bagian}.{self.kunci}"

    def batas(self) -> tuple[float, float]:
        """The schema's bounds (``ge``/``le`` of the field)."""
        bagian = Scenario.model_fields[self.bagian].annotation
        lo, hi = -np.inf, np.inf
        for m in bagian.model_fields[self.kunci].metadata:  # type: ignore[union-attr]
            lo = float(getattr(m, "ge", lo))
            hi = float(getattr(m, "le", hi))
        return lo, hi


SETELAN = (
    Setelan("penilai", "leniensi_rata", 0.4),
    Setelan("penilai", "tendensi_sentral", 0.2),
    Setelan("indikator", "kemudahan_target", 0.1),
)
"""The settings ``calibrate`` fits, in search order."""
DESIMAL = 3
LANGKAH_MIN = 0.004


@dataclass(frozen=True)
class HasilKalibrasi:
    """What :func:`calibrate` found: the fitted scenario, its settings and every target."""

    skenario: Scenario
    awal: Scenario
    setelan: pd.DataFrame
    """``setelan, awal, hasil``: each fitted setting before and after."""
    patokan: pd.DataFrame
    """``id, ukuran, kelas, jenis, patokan, peran, tahun, sumber, sebelum, sesudah,
    galat_sebelum_pp, galat_pp, benar`` (percent; ``benar`` = true share, predikat only)."""
    jumlah_evaluasi: int
    berkas_patokan: str

    def galat_maks(self) -> float:
        """The largest absolute error (pp) among the fitted targets."""
        d = self.patokan[self.patokan["peran"] == "sesuaikan"]
        return float(d["galat_pp"].abs().max())

    def tabel(self) -> pd.DataFrame:
        """The target table (a copy)."""
        return self.patokan.copy()


def _ganti(sc: Scenario, nilai: Mapping[Setelan, float]) -> Scenario:
    data = sc.model_dump()
    for s, v in nilai.items():
        data[s.bagian][s.kunci] = float(v)
    baru = Scenario.model_validate(data)
    baru._sumber, baru._baris = sc._sumber, sc._baris
    return baru


def _predikat(pop: Population) -> np.ndarray:
    from simkit.rules import evaluate

    ev = evaluate(pop, ATURAN_DASAR, PARAMETER_PRAKTIK)
    return ev.hasil["predikat"].astype(str).to_numpy(dtype=object)


def _ukur(patokan: tuple[Patokan, ...], pop: Population, predikat: np.ndarray) -> np.ndarray:
    cache: dict[str, dict[str, float]] = {}
    for p in patokan:
        if p.ukuran not in cache:
            cache[p.ukuran] = porsi_ukuran(p.ukuran, pop.pegawai, predikat)
    return np.array([cache[p.ukuran][p.kelas] for p in patokan])


def calibrate(scenario: Scenario | str | Path | Mapping[str, Any],
              patokan: str | Path | None = None, *, maks_evaluasi: int = 400) -> HasilKalibrasi:
    """Fit :data:`SETELAN` of ``scenario`` so the rated predikat match the targets.

    ``patokan``: a targets file (default the package's national figures). Deterministic from
    the scenario's seed. The search stops when every step is below 0.004 or after
    ``maks_evaluasi`` evaluations.
    """
    from simkit.orchestration.skenario import load_scenario

    sc = load_scenario(scenario)
    daftar = muat_patokan(patokan)
    sesuai = np.array([p.peran == "sesuaikan" for p in daftar])
    if not sesuai.any():
        raise galat("kalibrasi_tanpa_patokan", berkas=str(patokan or "patokan_nasional.yaml"),
                    bidang="patokan")
    fit = tuple(p for p, s in zip(daftar, sesuai, strict=True) if s)
    base = generate(sc)
    batas = {s: s.batas() for s in SETELAN}
    cache: dict[tuple[float, ...], float] = {}

    def ukur(x: tuple[float, ...]) -> tuple[Population, np.ndarray]:
        pop = redraw_measurement(base, _ganti(sc, dict(zip(SETELAN, x, strict=True))), None)
        return pop, _predikat(pop)

    def rugi(x: tuple[float, ...]) -> float:
        if x not in cache:
            pop, pred = ukur(x)
            e = [galat_pp(p, v) for p, v in zip(fit, _ukur(fit, pop, pred), strict=True)]
            cache[x] = float(np.sum(np.square(e)))
        return cache[x]

    def tepi(s: Setelan, v: float) -> float:
        lo, hi = batas[s]
        return round(min(max(v, lo), hi), DESIMAL)

    x = tuple(tepi(s, getattr(getattr(sc, s.bagian), s.kunci)) for s in SETELAN)
    awal_x = x
    fx = rugi(x)
    langkah = [s.langkah for s in SETELAN]
    while max(langkah) >= LANGKAH_MIN and len(cache) < maks_evaluasi:
        maju = False
        for i, s in enumerate(SETELAN):
            if langkah[i] < LANGKAH_MIN:
                continue
            for arah in (1, -1):
                y = list(x)
                y[i] = tepi(s, x[i] + arah * langkah[i])
                yt = tuple(y)
                if yt == x:
                    continue
                fy = rugi(yt)
                if fy < fx - 1e-12:
                    x, fx, maju = yt, fy, True
                    break
            if len(cache) >= maks_evaluasi:
                break
        if not maju:
            langkah = [v / 2 for v in langkah]

    hasil_sc = _ganti(sc, dict(zip(SETELAN, x, strict=True)))
    pop0, pred0 = ukur(awal_x)
    pop1, pred1 = ukur(x)
    v0, v1 = _ukur(daftar, pop0, pred0), _ukur(daftar, pop1, pred1)
    benar = porsi_ukuran("predikat", predikat=base.kebenaran["predikat_benar"].astype(str))
    tabel = pd.DataFrame({
        "id": [p.id for p in daftar], "ukuran": [p.ukuran for p in daftar],
        "kelas": [p.kelas for p in daftar], "jenis": [p.jenis for p in daftar],
        "patokan": [p.persen for p in daftar], "peran": [p.peran for p in daftar],
        "tahun": [p.tahun for p in daftar], "sumber": [p.sumber for p in daftar],
        "sebelum": v0, "sesudah": v1,
        "galat_sebelum_pp": [galat_pp(p, v) for p, v in zip(daftar, v0, strict=True)],
        "galat_pp": [galat_pp(p, v) for p, v in zip(daftar, v1, strict=True)],
        "benar": [benar[p.kelas] if p.ukuran == "predikat" else np.nan for p in daftar],
    })
    setelan = pd.DataFrame({"setelan": [s.nama for s in SETELAN], "awal": awal_x, "hasil": x})
    return HasilKalibrasi(hasil_sc, sc, setelan, tabel, len(cache),
                          str(patokan) if patokan else "simkit/population/data/patokan_nasional.yaml")


# --------------------------------------------------------------------------- writing

_TANDA = "# [kalibrasi]"


def _teks_kepala(h: HasilKalibrasi, tanggal: _dt.date) -> list[str]:
    from simkit.presentation.format import angka

    isi = {"tanggal": tanggal.isoformat(), "patokan": h.berkas_patokan, "seed": h.skenario.seed}
    out = []
    for lang in ("id", "en"):
        teks = t("kalibrasi.kepala_yaml", lang, **isi, n=angka(h.skenario.populasi.jumlah_asn, 0, lang),
                 galat=angka(h.galat_maks(), 2, lang))
        for baris in teks.strip().splitlines():
            out.append(f"{_TANDA} {baris}".rstrip() + "\n")
    return out


def _nilai_yaml(v: float) -> str:
    return f"{v:.{DESIMAL}f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"


def ganti_setelan_yaml(teks: str, nilai: Mapping[tuple[str, str], float],
                       komentar: Mapping[tuple[str, str], str]) -> str | None:
    """``teks`` (a block-style scenario YAML) with ``bagian.kunci`` set to ``nilai`` and a
    trailing comment, keeping every other line; None when a section is written in flow
    style (the caller then dumps the whole scenario).

    >>> print(ganti_setelan_yaml("seed: 1\\npenilai:\\n  halo: 0.5\\n  leniensi_rata: 0.3  # x\\n",
    ...       {("penilai", "leniensi_rata"): 0.8}, {("penilai", "leniensi_rata"): "fit"}), end="")
    seed: 1
    penilai:
      halo: 0.5
      leniensi_rata: 0.8  # fit
    """
    baris = teks.splitlines(keepends=True)
    if baris and not baris[-1].endswith("\n"):
        baris[-1] += "\n"
    for (bagian, kunci), v in nilai.items():
        isi = f"{kunci}: {_nilai_yaml(v)}  # {komentar[(bagian, kunci)]}\n"
        kepala = next((i for i, b in enumerate(baris) if re.match(rf"{bagian}:\s*(#.*)?$", b)), None)
        if kepala is None:
            if any(re.match(rf"{bagian}:", b) for b in baris):
                return None  # flow style: `penilai: {...}`
            akhir = next((i for i, b in enumerate(baris) if re.match(r"(aturan|rules):", b)),
                         len(baris))
            baris[akhir:akhir] = [f"{bagian}:\n", f"  {isi}"]
            continue
        ujung = kepala + 1
        while ujung < len(baris) and (not baris[ujung].strip() or baris[ujung][0] in " #\t"):
            ujung += 1
        anak = [b for b in baris[kepala + 1:ujung] if b.strip() and not b.lstrip().startswith("#")]
        indent = re.match(r"\s*", anak[0]).group(0) if anak else "  "
        pola = re.compile(rf"{re.escape(indent)}{kunci}:(\s|$)")
        hit = next((i for i in range(kepala + 1, ujung) if pola.match(baris[i])), None)
        if hit is None:
            baris.insert(kepala + 1, indent + isi)
        else:
            baris[hit] = indent + isi
    return "".join(baris)


def tulis_skenario(h: HasilKalibrasi, keluar: str | Path, tanggal: _dt.date | None = None) -> Path:
    """Write the fitted scenario to ``keluar`` atomically: the source file with the fitted
    settings replaced (each with a comment of its old value) and a header saying how and when
    it was fitted; a scenario without a file is written whole. Returns ``keluar``."""
    tanggal = tanggal or _dt.date.today()
    nilai = {(s.split(".")[0], s.split(".")[1]): float(v)
             for s, v in zip(h.setelan["setelan"], h.setelan["hasil"], strict=True)}
    awal = dict(zip(h.setelan["setelan"], h.setelan["awal"], strict=True))
    komentar = {k: t("kalibrasi.komentar_yaml", "id", tanggal=tanggal.isoformat(),
                     awal=_nilai_yaml(float(awal[".".join(k)]))) for k in nilai}
    teks = None
    if h.awal.sumber and Path(h.awal.sumber).is_file():
        lama = [b for b in Path(h.awal.sumber).read_text("utf-8").splitlines(keepends=True)
                if not b.startswith(_TANDA)]
        teks = ganti_setelan_yaml("".join(lama), nilai, komentar)
    if teks is None:
        teks = yaml.safe_dump(h.skenario.model_dump(mode="json", exclude={"aturan"}) | {
            "aturan": [a.model_dump(mode="json", exclude_none=True) for a in h.skenario.aturan]},
            sort_keys=False, allow_unicode=True)
    teks = "".join(_teks_kepala(h, tanggal)) + teks
    cek = baca_skenario(yaml.safe_load(teks))
    for (bagian, kunci), v in nilai.items():
        if getattr(getattr(cek, bagian), kunci) != v:  # pragma: no cover - a bug, not a user error
            raise galat("kalibrasi_tulis", berkas=str(keluar), bidang=f"{bagian}.{kunci}")
    return write_text_atomic(keluar, teks)


# --------------------------------------------------------------------------- text


def _kolom_teks(baris: list[list[str]]) -> list[str]:
    lebar = [max(len(r[i]) for r in baris) for i in range(len(baris[0]))]
    return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                      enumerate(zip(r, lebar, strict=True))).rstrip() for r in baris]


def teks_hasil(h: HasilKalibrasi, lang: str | None = None) -> str:
    """The calibration as text tables in ``lang``: each fitted setting (before, fitted), then
    each target (its value, source number, before, after, error in pp, true share)."""
    from simkit.i18n import label
    from simkit.presentation.format import angka

    def k(kunci: str) -> str:
        return t(f"cli.kalibrasi.kolom.{kunci}", lang)

    def pp(v: float) -> str:
        return ("+" if v > 0.0005 else "") + angka(v, 2, lang)

    set_rows = [[k("setelan"), k("awal"), k("hasil")]] + [
        [f"{s} ({t(f'kalibrasi.setelan.{s}', lang)})", angka(a, DESIMAL, lang),
         angka(b, DESIMAL, lang)] for s, a, b in h.setelan.itertuples(index=False)]
    sumber = list(dict.fromkeys(f"{r.sumber} ({r.tahun})" for r in h.patokan.itertuples()))
    pat_rows = [[k("patokan"), k("target"), k("sebelum"), k("sesudah"), k("galat"), k("benar"),
                 k("sumber")]]
    for r in h.patokan.itertuples():
        kelas = (label("predikat", r.kelas, lang) if r.ukuran == "predikat" else r.kelas)
        pat_rows.append([
            f"{kelas} ({t(f'kalibrasi.ukuran.{r.ukuran}', lang)}, "
            f"{t(f'kalibrasi.peran.{r.peran}', lang)})",
            f"{t(f'kalibrasi.jenis.{r.jenis}', lang)} {angka(r.patokan, 2, lang)}",
            angka(r.sebelum, 2, lang), angka(r.sesudah, 2, lang), pp(r.galat_pp),
            angka(r.benar, 1, lang), f"[{sumber.index(f'{r.sumber} ({r.tahun})') + 1}]"])
    return "\n".join([
        t("cli.kalibrasi.judul_setelan", lang), *_kolom_teks(set_rows), "",
        t("cli.kalibrasi.judul_patokan", lang), *_kolom_teks(pat_rows), "",
        t("cli.kalibrasi.benar", lang), t("cli.kalibrasi.sumber", lang),
        *(f"  [{i}] {s}" for i, s in enumerate(sumber, 1))])
