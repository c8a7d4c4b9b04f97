"""Kurva Distribusi: the SE MenPANRB 3/2023 curve per capaian organisasi, and unit size against
misclassification under forced ranking (the stack-ranking lesson).

:class:`KurvaDistribusi` is the logic (no ipywidgets):

- :meth:`KurvaDistribusi.tabel_batas` - the curve limits of one capaian kinerja organisasi
  (or all), exactly the parameter ``kurva_batas`` of ``permenpanrb_6_2022``, with the head
  counts they allow in a unit of a chosen size, the ``sebagian_besar`` limit expanded by the
  reading ``kurva_sebagian_besar`` (:func:`simkit.rules.kurva_distribusi._batasan`).
- :meth:`KurvaDistribusi.kurva_salah` - share of ASN whose forced predikat differs from their
  true class, by unit size (:func:`salah_klasifikasi`).

The misclassification simulation (:func:`salah_klasifikasi`), seeded and vectorised:

1. ``n_pegawai`` people get a true performance ``z ~ N(0, 1)`` from
   ``numpy.random.default_rng(seed)`` (the only randomness; same seed, same curve).
2. Their *true class* is the forced cut of the whole pool (one group) by ``proporsi`` - the
   shares of the reform ``kurva_paksa`` - so the pool has exactly the target shares.
3. The pool is split into units of ``n`` people (consecutive rows; the people are exchangeable)
   and each unit is cut by the same shares on ``z + noise_sd * e`` (``noise_sd = 0``: the rater
   sees the truth perfectly), with :func:`simkit.rules.reformasi.kurva_paksa.kelas_paksa`.
4. Misclassified = forced class != true class; ``naik`` / ``turun`` = forced better / worse.

Even with a perfect rater, a unit of 5 must give 1 Sangat Baik (the largest remainder of its
0.5 quota) whatever the truth, and can give no Kurang: quotas in small units misrate many.

>>> d = salah_klasifikasi([5, 40], seed=1, n_pegawai=4000)
>>> bool(d.loc[0, "salah"] > d.loc[1, "salah"])
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.i18n import get_lang, t
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT
from simkit.presentation.format import persen
from simkit.presentation.tabel_html import tabel_html
from simkit.rules import get_rule
from simkit.rules.kurva_distribusi import _batas_tetap, _batasan
from simkit.rules.reformasi.kurva_paksa import kelas_paksa, kelompok_kecil

UKURAN_BAWAAN: tuple[int, ...] = (3, 5, 8, 10, 15, 20, 30, 40, 60, 100)
"""Unit sizes of the misclassification curve by default."""


def _proporsi(proporsi: Mapping[str, float] | None) -> np.ndarray:
    if proporsi is None:
        proporsi = get_rule("kurva_paksa").parameters["proporsi"]
    p = np.array([float(proporsi.get(k, 0.0)) for k in PREDIKAT])
    return p / p.sum()


def salah_klasifikasi(ukuran: Sequence[int] = UKURAN_BAWAAN, seed: int = 0,
                      proporsi: Mapping[str, float] | None = None, n_pegawai: int = 20_000,
                      noise_sd: float = 0.0) -> pd.DataFrame:
    """One row per unit size: ``ukuran``, ``n`` (people simulated), ``salah`` (share whose
    forced class differs from the true class), ``naik``, ``turun``, ``sangat_baik`` (share
    forced Sangat Baik) and ``kelompok_kecil`` (the Sangat Baik quota is under one person).
    See the module for the method; ``proporsi`` defaults to ``kurva_paksa``'s.

    >>> salah_klasifikasi([10], seed=3, n_pegawai=1000)["n"].tolist()
    [1000]
    """
    p = _proporsi(proporsi)
    rng = np.random.default_rng(int(seed))
    z = rng.standard_normal(int(n_pegawai))
    e = rng.standard_normal(int(n_pegawai))
    ids = np.arange(z.size)
    benar = kelas_paksa(np.zeros(z.size, dtype=np.int64), z, ids, p)
    teramati = z + float(noise_sd) * e
    baris = []
    for n in ukuran:
        n = int(n)
        m = (z.size // n) * n  # whole units only
        paksa = kelas_paksa(ids[:m] // n, teramati[:m], ids[:m], p)
        b = benar[:m]
        baris.append({"ukuran": n, "n": m, "salah": float(np.mean(paksa != b)),
                      "naik": float(np.mean(paksa < b)), "turun": float(np.mean(paksa > b)),
                      "sangat_baik": float(np.mean(paksa == 0)),
                      "kelompok_kecil": bool(kelompok_kecil([n], p[0])[0])})
    return pd.DataFrame(baris)


def tabel_batas(capaian: str | None = None, params: Mapping[str, Any] | None = None,
                ukuran: int | None = None) -> pd.DataFrame:
    """The curve limits (``kurva_batas`` of ``permenpanrb_6_2022``, or of ``params``) of one
    ``capaian`` kinerja organisasi (None: all, best first): one row per limit as written
    (``capaian``, ``kelas``, ``jenis``, ``persen``, ``orang``) and, for a unit of ``ukuran``
    people, the head-count bound ``batas_orang`` of a ``maks``/``min`` limit.

    >>> tabel_batas("istimewa")[["kelas", "jenis", "persen"]].values.tolist()
    [['sangat_baik', 'sebagian_besar', 70]]
    """
    params = params or get_rule("permenpanrb_6_2022").parameters
    kb = params["kurva_batas"]
    daftar = [capaian] if capaian is not None else [c for c in CAPAIAN_ORGANISASI if c in kb]
    baris = []
    for c in daftar:
        for b in kb.get(c, []) or []:
            r = {"capaian": c, "kelas": ", ".join(b["kelas"]), "jenis": b["jenis"],
                 "persen": b.get("persen", 0), "orang": b.get("orang", 0)}
            if ukuran is not None:
                jenis = "maks" if b["jenis"] == "sebagian_besar" else b["jenis"]
                r["batas_orang"] = _batas_tetap(jenis, float(r["persen"]), int(r["orang"]),
                                                int(ukuran))
            baris.append(r)
    return pd.DataFrame(baris)


class KurvaDistribusi:
    """State of the Kurva Distribusi view: the chosen capaian and unit size, the reading of
    ``sebagian besar``, the simulation's seed, noise and sizes.

    >>> k = KurvaDistribusi(n_pegawai=2000)
    >>> k.setel(capaian="baik", ukuran=10)
    >>> k.tabel_batas()["batas_orang"].tolist()
    [7, 1]
    """

    def __init__(self, capaian: str = "baik", ukuran: int = 10, seed: int = 0,
                 noise_sd: float = 0.0, ukuran_unit: Sequence[int] = UKURAN_BAWAAN,
                 n_pegawai: int = 20_000, lang: str | None = None) -> None:
        self.params = get_rule("permenpanrb_6_2022").parameters
        self.capaian, self.ukuran, self.seed, self.noise_sd = capaian, int(ukuran), seed, noise_sd
        self.ukuran_unit = tuple(int(n) for n in ukuran_unit)
        self.n_pegawai = int(n_pegawai)
        self.sebagian_besar = str(self.params["kurva_sebagian_besar"])
        self.lang = lang or get_lang()
        self._salah: pd.DataFrame | None = None
        self._kunci_salah: tuple | None = None

    def setel(self, **nilai: Any) -> None:
        """Change any of ``capaian``, ``ukuran``, ``seed``, ``noise_sd``, ``sebagian_besar``,
        ``ukuran_unit``; the simulation is redone only when its inputs change."""
        for k, v in nilai.items():
            if k not in ("capaian", "ukuran", "seed", "noise_sd", "sebagian_besar",
                         "ukuran_unit"):
                raise KeyError(k)
            setattr(self, k, v)

    def tabel_batas(self) -> pd.DataFrame:
        """The limits of the chosen capaian for a unit of the chosen size (:func:`tabel_batas`)."""
        return tabel_batas(self.capaian, self.params, self.ukuran)

    def batasan_dibaca(self) -> pd.DataFrame:
        """The limits as checked under the chosen reading of 'sebagian besar' (a
        ``sebagian_besar`` limit becomes ``maks`` plus ``terbanyak``/``lebih_dari_separuh``)."""
        rows = []
        for b in _batasan(self.params["kurva_batas"], self.capaian, self.sebagian_besar):
            rows.append({"kelas": ", ".join(b["nama_kelas"]), "jenis": b["jenis"],
                         "persen": b["persen"], "orang": b["orang"]})
        return pd.DataFrame(rows)

    def kurva_salah(self) -> pd.DataFrame:
        """Misclassification by unit size (:func:`salah_klasifikasi`), cached per inputs."""
        kunci = (self.ukuran_unit, int(self.seed), float(self.noise_sd), self.n_pegawai)
        if self._salah is None or kunci != self._kunci_salah:
            self._salah = salah_klasifikasi(self.ukuran_unit, int(self.seed), None,
                                            self.n_pegawai, float(self.noise_sd))
            self._kunci_salah = kunci
        return self._salah

    def gambar_html(self) -> str:
        """The misclassification curve as HTML bars (one per unit size)."""
        d = self.kurva_salah()
        baris = []
        for r in d.itertuples():
            warna = "#b42318" if r.kelompok_kecil else "#1f6feb"
            baris.append(f'<tr><td>{r.ukuran}</td><td><div style="display:flex;gap:6px">'
                         f'<div style="background:{warna};height:12px;width:{300 * r.salah:.1f}px">'
                         f"</div><span>{persen(r.salah, self.lang)}</span></div></td></tr>")
        return (f"<div><b>{html.escape(t('kurva.judul_salah', self.lang))}</b>"
                f"<div><small>{html.escape(t('kurva.keterangan_salah', self.lang))}</small></div>"
                f"<table><tr><th>{html.escape(t('kurva.ukuran_unit', self.lang))}</th><th></th>"
                f"</tr>{''.join(baris)}</table></div>")

    def tabel_html(self) -> str:
        """The limits table as HTML, in the view's language."""
        return tabel_html(self.tabel_batas(), self.lang, nama="kurva_batas")


class KurvaWidget:
    """The ipywidgets view of a :class:`KurvaDistribusi` (``.tampilan``)."""

    def __init__(self, logika: KurvaDistribusi) -> None:
        import ipywidgets as W

        self.logika = logika
        self.bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")],
                                      value=logika.lang)
        self.capaian = W.Dropdown(options=list(CAPAIAN_ORGANISASI), value=logika.capaian)
        self.ukuran = W.IntSlider(value=logika.ukuran, min=1, max=200)
        self.bacaan = W.Dropdown(options=["terbanyak", "lebih_dari_separuh", "maks_saja"],
                                 value=logika.sebagian_besar)
        self.noise = W.FloatSlider(value=float(logika.noise_sd), min=0.0, max=2.0, step=0.1)
        self.seed = W.IntText(value=int(logika.seed))
        self.batas = W.HTML()
        self.dibaca = W.HTML()
        self.gambar = W.HTML()
        for w, nama in ((self.capaian, "capaian"), (self.ukuran, "ukuran"),
                        (self.bacaan, "sebagian_besar"), (self.noise, "noise_sd"),
                        (self.seed, "seed")):
            w.observe(lambda ch, nama=nama: self._ubah(nama, ch["new"]), names="value")
        self.bahasa.observe(lambda ch: self._ubah("lang", ch["new"]), names="value")
        self.tampilan = W.VBox([self.bahasa, W.HBox([self.capaian, self.ukuran, self.bacaan]),
                                self.batas, self.dibaca,
                                W.HBox([self.noise, self.seed]), self.gambar])
        self._segarkan()

    def _ubah(self, nama: str, nilai: Any) -> None:
        if nama == "lang":
            self.logika.lang = nilai
        else:
            self.logika.setel(**{nama: nilai})
        self._segarkan()

    def _segarkan(self) -> None:
        p, lang = self.logika, self.logika.lang
        self.capaian.description = t("kurva.capaian", lang)
        self.ukuran.description = t("kurva.ukuran_unit", lang)
        self.bacaan.description = t("kurva.sebagian_besar", lang)
        self.noise.description = t("kurva.noise", lang)
        self.seed.description = t("kurva.seed", lang)
        self.batas.value = (f"<b>{html.escape(t('kurva.judul_batas', lang))}</b>"
                            + p.tabel_html())
        self.dibaca.value = tabel_html(p.batasan_dibaca(), lang, nama="kurva_batas_dibaca")
        self.gambar.value = p.gambar_html()


def kurva_distribusi(lang: str | None = None, **opsi: Any) -> Any:
    """Open the Kurva Distribusi view; return the widget to display.

    >>> kurva_distribusi()                                       # doctest: +SKIP
    """
    return KurvaWidget(KurvaDistribusi(lang=lang, **opsi)).tampilan


__all__ = ["UKURAN_BAWAAN", "KurvaDistribusi", "KurvaWidget", "kurva_distribusi",
           "salah_klasifikasi", "tabel_batas"]
