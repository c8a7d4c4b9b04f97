"""Reform ``kurva_paksa``: forced distribution by rank (patch of permenpanrb_6_2022).

What it changes: the final ``predikat``. The base rule still computes capaian hasil kerja,
the BerAKHLAK scores, both ratings and the kuadran predikat (kept as ``predikat_kuadran``);
then, instead of the SE 3/2023 curve, every group is ranked and cut by fixed shares:

1. ``komposit`` = ``bobot_komposit.hasil`` x z(capaian_hasil_kerja) + ``bobot_komposit.perilaku``
   x z(perilaku_rerata) (weights normalised to sum 1; z = standardised over all employees
   evaluated; a missing component, e.g. a case given only a rating, counts as z = 0).
2. Rank within each group - ``lingkup: opd`` (each OPD) or ``lingkup: kabupaten`` (all
   employees of one pemda, ``unit_kerja.instansi``) - by ``komposit`` (higher first), ties
   broken by ``asn_id`` (lower first), so the result is deterministic.
3. Head counts per predikat = ``proporsi`` x group size, rounded by largest remainder (ties
   to the better predikat) so they sum exactly to the group size; the best-ranked get
   ``sangat_baik``, the next ``baik``, and so on.

``kurva_distribusi`` of the base rule then only *checks* the forced result against SE 3/2023
(``periksa``; ``paksakan`` is treated as ``periksa``; ``abaikan`` skips the check).
``nilai`` = ``komposit``. Parameters = the base rule's merged with ``params/kurva_paksa.yaml``
(overrides of both validated together; ``proporsi`` must sum to 1).

Example: an OPD of 10 with the default shares (10/60/20/7/3 %) gets exactly 1 sangat_baik,
6 baik, 2 butuh_perbaikan, 1 kurang and 0 sangat_kurang, whatever the kuadran said.

Small groups: the quotas are rounded, so in a group smaller than 1 / ``proporsi.sangat_baik``
(10 people at 10 %) rounding alone decides whether anybody is Sangat Baik. A unit of 5 has
quotas 0.5 / 3 / 1 / 0.35 / 0.15: the largest remainder (0.5) goes to Sangat Baik, so a fifth
of the unit (20 %, twice the target) is Sangat Baik whatever the truth, as a reproduction of a
published stack-ranking experiment shows. The report warns when such groups exist
(:func:`kelompok_kecil`).

>>> from simkit.rules import get_rule
>>> out = get_rule("kurva_paksa").evaluate_case({"pegawai": [
...     {"asn_id": i, "capaian_hasil_kerja": 80 + 4 * i, "skor_perilaku": 4} for i in range(1, 11)]})
>>> out["jumlah_predikat"]
{'sangat_baik': 1, 'baik': 6, 'butuh_perbaikan': 2, 'kurang': 1, 'sangat_kurang': 0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simkit.errors import Masalah
from simkit.i18n import label, t
from simkit.kosakata import PERINGKAT_PREDIKAT, PREDIKAT
from simkit.rules.deklarasi import Keluaran, dwibahasa
from simkit.rules.evaluation import Evaluation, Langkah, langkah_parameter
from simkit.rules.kasus_kelompok import DukungKelompok
from simkit.rules.kuadran_kinerja import KeadaanKinerja, Kurva
from simkit.rules.larik import kategori
from simkit.rules.params import ParameterSet
from simkit.rules.permenpanrb_6_2022 import Permenpanrb6
from simkit.rules.tahap import ganti_tahap

if TYPE_CHECKING:
    from simkit.population.model import Population

TOLERANSI_JUMLAH = 1e-6
"""How far the shares may add up from 1 (floating point only)."""


# --------------------------------------------------------------------------- vectorised core


def jumlah_sisa_terbesar(n: np.ndarray, proporsi: np.ndarray) -> np.ndarray:
    """Head counts per class by largest remainder: ``(G,)`` group sizes x ``(K,)`` shares.

    Each row sums exactly to its ``n``; ties of remainders go to the better class (earlier
    column). Vectorised over groups.

    >>> jumlah_sisa_terbesar(np.array([10, 7]), np.array([0.1, 0.6, 0.2, 0.07, 0.03])).tolist()
    [[1, 6, 2, 1, 0], [1, 4, 1, 1, 0]]
    """
    n = np.asarray(n, dtype=np.int64)
    p = np.asarray(proporsi, dtype=np.float64)
    kuota = np.round(n[:, None] * p[None, :], 9)  # 0.29 * 100 must be 29, not 28.999...
    dasar = np.floor(kuota).astype(np.int64)
    sisa = kuota - dasar
    kurang = n - dasar.sum(axis=1)
    urut = np.argsort(-sisa, axis=1, kind="stable")
    tempat = np.empty_like(urut)  # rank of each class's remainder within its row
    np.put_along_axis(tempat, urut, np.broadcast_to(np.arange(p.size), urut.shape), axis=1)
    return dasar + (tempat < kurang[:, None])


def peringkat_kelompok(kelompok: Any, skor: Any, asn_id: Any) -> tuple[np.ndarray, np.ndarray,
                                                                        np.ndarray]:
    """(group code per row, 0-based rank within the group, group sizes): higher ``skor``
    first, ties by lower ``asn_id``.

    >>> peringkat_kelompok([1, 1, 2], [3.0, 9.0, 1.0], [1, 2, 3])[1].tolist()
    [1, 0, 0]
    """
    codes, _ = pd.factorize(np.asarray(kelompok), sort=False)
    skor = np.asarray(skor, dtype=np.float64)
    urut = np.lexsort((np.asarray(asn_id), -skor, codes))
    n = np.bincount(codes)
    awal = np.cumsum(n) - n
    pos = np.empty(codes.size, dtype=np.int64)
    pos[urut] = np.arange(codes.size) - awal[codes[urut]]
    return codes, pos, n


def kelas_paksa(kelompok: Any, skor: Any, asn_id: Any, proporsi: Any) -> np.ndarray:
    """Forced class (0 = best) of every row: rank within each group, cut by the counts of
    :func:`jumlah_sisa_terbesar`.

    >>> kelas_paksa([1, 1, 1, 2], [3.0, 9.0, 5.0, 1.0], [1, 2, 3, 4], [0.34, 0.66]).tolist()
    [1, 0, 1, 1]
    """
    codes, pos, n = peringkat_kelompok(kelompok, skor, asn_id)
    batas = np.cumsum(jumlah_sisa_terbesar(n, np.asarray(proporsi, dtype=np.float64)), axis=1)
    b = batas[codes]
    kelas = np.zeros(codes.size, dtype=np.int8)
    for k in range(b.shape[1] - 1):
        kelas += pos >= b[:, k]
    return kelas


def kelompok_kecil(ukuran: Any, proporsi_sangat_baik: float) -> np.ndarray:
    """Whether each group is too small for its Sangat Baik quota: fewer people than
    ``1 / proporsi_sangat_baik``, so the quota is under one person and rounding alone decides.

    >>> kelompok_kecil([5, 9, 10, 40], 0.1).tolist()
    [True, True, False, False]
    """
    n = np.asarray(ukuran, dtype=np.float64)
    return (proporsi_sangat_baik > 0) & (np.round(n * proporsi_sangat_baik, 9) < 1)


def _z(x: np.ndarray) -> np.ndarray:
    ok = ~np.isnan(x)
    if not ok.any():
        return np.zeros_like(x)
    sd = x[ok].std()
    z = (x - x[ok].mean()) / sd if sd > 0 else np.zeros_like(x)
    return np.where(ok, z, 0.0)


def komposit(capaian: np.ndarray, perilaku: np.ndarray, bobot: dict[str, float]) -> np.ndarray:
    """Ranking composite: weighted sum of the z-scores of capaian and perilaku.

    >>> komposit(np.array([90.0, 110.0]), np.array([3.0, 3.0]), {"hasil": 0.7, "perilaku": 0.3})
    array([-0.7,  0.7])
    """
    wh, wp = float(bobot["hasil"]), float(bobot["perilaku"])
    s = wh + wp
    return (wh * _z(np.asarray(capaian, dtype=float)) + wp * _z(np.asarray(perilaku, dtype=float))) / s


# --------------------------------------------------------------------------- the step


def _k(key: str, lang: str, **kw: Any) -> str:
    return t(f"reformasi.komponen.{key}", lang, **kw)


class KurvaPaksaTahap(Kurva):
    """Step ``kurva``: rank every group by the composite and cut it by ``proporsi``; the
    SE 3/2023 curve only checks the result (``abaikan`` skips the check)."""

    def hitung(self, k: KeadaanKinerja) -> KeadaanKinerja:
        peg, params = k.pegawai, k.params
        skor = komposit(np.asarray(k.capaian_hasil_kerja, dtype=float),
                        np.asarray(k.perilaku_rerata, dtype=float), params["bobot_komposit"])
        kelompok = (peg["opd_id"] if params["lingkup"] == "opd" else peg["instansi"]).to_numpy()
        proporsi = np.array([float(params["proporsi"][p]) for p in PREDIKAT])
        codes, pos, n = peringkat_kelompok(kelompok, skor, k.ids)
        counts = jumlah_sisa_terbesar(n, proporsi)
        batas = np.cumsum(counts, axis=1)[codes]
        kelas = np.zeros(codes.size, dtype=np.int8)
        for j in range(len(PREDIKAT) - 1):
            kelas += pos >= batas[:, j]
        pred = np.asarray(PREDIKAT, dtype=object)[kelas]
        first = pd.Series(np.arange(codes.size)).groupby(codes).first().to_numpy()
        catatan = {"kurva_paksa_kelompok": pd.DataFrame({
            "kelompok_kurva": np.repeat(kelompok[first], len(PREDIKAT)),
            "predikat": pd.Categorical(np.tile(PREDIKAT, len(n)), categories=list(PREDIKAT)),
            "proporsi": np.tile(proporsi, len(n)),
            "jumlah": counts.ravel(), "ukuran_kelompok": np.repeat(n, len(PREDIKAT)),
        })}
        if params["kurva_distribusi"] != "abaikan" and "capaian_organisasi_opd" in peg:
            kode = pd.Series(pred).map(PERINGKAT_PREDIKAT).to_numpy(dtype=np.int8)
            catatan.update(self.catatan_kurva(k, kode))
        return k.dengan(predikat=kategori(pred, PREDIKAT), catatan=catatan, kolom={
            "komposit": skor, "urutan_kelompok": pos + 1, "ukuran_kelompok": n[codes],
            "kelompok_kurva": kelompok, "nilai": skor})

    def jelaskan(self, evaluation: Evaluation, baris: pd.Series, lang: str) -> list[Langkah]:
        p = evaluation.params
        return [
            langkah_parameter(p, "bobot_komposit", _k("komposit", lang),
                              nilai={"capaian": baris["capaian_hasil_kerja"],
                                     "perilaku": baris["perilaku_rerata"]},
                              hasil=float(baris["komposit"])),
            langkah_parameter(p, "lingkup", _k("urutan", lang, kelompok=baris["kelompok_kurva"]),
                              nilai=f"{int(baris['urutan_kelompok'])} / "
                                    f"{int(baris['ukuran_kelompok'])}"),
            langkah_parameter(p, "proporsi", _k("kurva_paksa", lang),
                              nilai=label("predikat", baris["predikat_kuadran"], lang),
                              hasil=label("predikat", baris["predikat"], lang)),
        ]


# --------------------------------------------------------------------------- the rule


class KurvaPaksa(DukungKelompok, Permenpanrb6):
    """PermenPANRB 6/2022 with a forced distribution by rank (see the module docstring)."""

    id = "kurva_paksa"
    base_rule = "permenpanrb_6_2022"
    tabel = (*Permenpanrb6.tabel, "unit_kerja")
    tahap = ganti_tahap(Permenpanrb6.tahap, KurvaPaksaTahap())
    outputs = (
        *Permenpanrb6.outputs,
        Keluaran("komposit", dwibahasa("skor gabungan untuk peringkat (skor z tertimbang)",
                                "ranking composite (weighted z-scores)")),
        Keluaran("urutan_kelompok", dwibahasa("urutan dalam kelompok (1 = terbaik)",
                                       "rank within the group (1 = best)")),
        Keluaran("ukuran_kelompok", dwibahasa("jumlah pegawai kelompok", "group size")),
    )
    kolom_kelompok = (*DukungKelompok.kolom_kelompok, "predikat_kuadran", "komposit",
                      "urutan_kelompok")

    def periksa_parameter(self, params: ParameterSet) -> list[Masalah]:
        """Cross-checks: the base rule's, the shares sum to 1, the composite weights sum to
        more than 0 (run once by the engine before anything is applied)."""
        out = super().periksa_parameter(params)
        jumlah = sum(float(v) for v in params["proporsi"].values())
        if abs(jumlah - 1.0) > TOLERANSI_JUMLAH:
            out.append(Masalah("reformasi_proporsi", bidang="proporsi",
                               isi={"jumlah": f"{jumlah:.4f}"}))
        bobot = sum(float(v) for v in params["bobot_komposit"].values())
        if bobot <= 0:
            out.append(Masalah("reformasi_bobot_jumlah", bidang="bobot_komposit",
                               isi={"jumlah": f"{bobot:g}"}))
        return out

    def siapkan(self, population: Population, params: ParameterSet) -> dict[str, pd.DataFrame]:
        tabel = super().siapkan(population, params)
        unit = population.unit_kerja
        inst = pd.Series(unit["instansi"].to_numpy(), index=unit["unit_id"].to_numpy())
        tabel["pegawai"] = tabel["pegawai"].assign(
            instansi=population.pegawai["unit_id"].map(inst).fillna(1).to_numpy(dtype=np.int64))
        return tabel

    def siapkan_kasus(self, inputs: Any, params: ParameterSet) -> dict[str, pd.DataFrame]:
        tabel = super().siapkan_kasus(inputs, params)
        peg = tabel["pegawai"]
        if "opd_id" not in peg:  # a single-employee case: a group of one
            tabel["pegawai"] = peg.assign(opd_id=1, instansi=1,
                                          capaian_organisasi_opd=peg["capaian_kinerja_organisasi"])
        return tabel
