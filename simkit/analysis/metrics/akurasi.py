"""Accuracy against the synthetic truth: who each rule classifies right, and who it does not.

The truth class ``predikat_benar`` is the true score cut into the five classes by the
scenario's true distribution (done by the generator). A rule is compared on the common
ordinal ``peringkat`` (5 = best) with ``peringkat_benar``:

- ``akurasi``: share with exactly the true class; ``akurasi_toleransi_1``: within one class;
- ``kappa_kuadratik``: Cohen's kappa with quadratic weights over the five classes;
- ``spearman_peringkat``: Spearman correlation of ``peringkat`` (ties averaged) with
  ``skor_benar``; ``spearman_nilai``: the same for the rule's numeric ``nilai`` (NaN when the
  rule has no numeric score: documented, not an error);
- ``proporsi_terlalu_tinggi`` / ``proporsi_terlalu_rendah``: over- / under-rated shares;
  ``rata_rata_selisih``: mean of ``peringkat - peringkat_benar`` (+ = lenient).

Calling these functions on a population without truth raises a located
:class:`~simkit.errors.SimkitError`; :func:`simkit.compare` turns that into a note.

>>> akurasi(panel)[["aturan", "akurasi", "kappa_kuadratik"]]     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simkit.analysis.panel import (
    DIMENSI_KELOMPOK,
    KOLOM_DIMENSI,
    KOLOM_OPD,
    aturan_panel,
    kode_kelompok,
    periksa_dimensi,
    punya_kebenaran,
    tambah_label,
)
from simkit.analysis.registri import Tabel, Ukuran, per_aturan
from simkit.analysis.statistik import kappa_kuadratik, spearman
from simkit.analysis.syarat import BUTUH_KEBENARAN
from simkit.errors import galat

KELAS = (1, 2, 3, 4, 5)


def wajib_kebenaran(panel: pd.DataFrame, metrik: str) -> None:
    """Raise a located error when ``panel`` has no truth columns."""
    if not punya_kebenaran(panel):
        raise galat("metrik_butuh_kebenaran", berkas="kebenaran", bidang=metrik, metrik=metrik)


def akurasi(panel: pd.DataFrame) -> pd.DataFrame:
    """One row per rule: ``aturan, n, akurasi, akurasi_toleransi_1, kappa_kuadratik,
    spearman_peringkat, spearman_nilai, proporsi_terlalu_tinggi, proporsi_terlalu_rendah,
    rata_rata_selisih``."""
    wajib_kebenaran(panel, "akurasi")
    rows = []
    for r in aturan_panel(panel):
        sub = panel[panel["aturan"] == r]
        p = sub["peringkat"].to_numpy().astype("int64")
        t = sub["peringkat_benar"].to_numpy().astype("int64")
        s = sub["skor_benar"].to_numpy()
        d = p - t
        n = len(sub)
        nilai = sub["nilai"].to_numpy()
        rows.append({
            "aturan": r, "n": n,
            "akurasi": float((d == 0).mean()) if n else np.nan,
            "akurasi_toleransi_1": float((np.abs(d) <= 1).mean()) if n else np.nan,
            "kappa_kuadratik": kappa_kuadratik(p, t, KELAS),
            "spearman_peringkat": spearman(p, s),
            "spearman_nilai": spearman(nilai, s) if np.isfinite(nilai).any() else np.nan,
            "proporsi_terlalu_tinggi": float((d > 0).mean()) if n else np.nan,
            "proporsi_terlalu_rendah": float((d < 0).mean()) if n else np.nan,
            "rata_rata_selisih": float(d.mean()) if n else np.nan,
        })
    return pd.DataFrame(rows)


def salah_klasifikasi(panel: pd.DataFrame,
                      dimensi: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Who is misclassified, per rule and group.

    Columns: ``aturan, dimensi, kelompok, label_kelompok, n, tepat, terlalu_tinggi,
    terlalu_rendah, rata_rata_selisih`` (shares within the group; ``rata_rata_selisih`` =
    mean of ``peringkat - peringkat_benar``). ``dimensi`` defaults to the non-OPD dimensions.
    """
    wajib_kebenaran(panel, "salah_klasifikasi")
    rules = aturan_panel(panel)
    d = (panel["peringkat"].to_numpy().astype("int64")
         - panel["peringkat_benar"].to_numpy().astype("int64"))
    rule_code = panel["aturan"].cat.codes.to_numpy().astype("int64")
    frames = []
    for dim in periksa_dimensi(dimensi, DIMENSI_KELOMPOK):
        g, values = kode_kelompok(panel, dim)
        key = rule_code * len(values) + g
        size = len(rules) * len(values)
        n = np.bincount(key, minlength=size)

        def share(mask: np.ndarray, key=key, size=size, n=n) -> np.ndarray:
            c = np.bincount(key, weights=mask.astype("float64"), minlength=size)
            return np.divide(c, n, out=np.full(size, np.nan), where=n > 0)

        frames.append(pd.DataFrame({
            "aturan": np.repeat(rules, len(values)), "dimensi": dim,
            "kelompok": np.tile(values, len(rules)), "n": n.astype("int64"),
            "tepat": share(d == 0), "terlalu_tinggi": share(d > 0),
            "terlalu_rendah": share(d < 0),
            "rata_rata_selisih": np.divide(np.bincount(key, weights=d, minlength=size), n,
                                           out=np.full(size, np.nan), where=n > 0),
        }))
    out = pd.concat(frames, ignore_index=True)
    return tambah_label(out, panel)


def salah_klasifikasi_per_opd(panel: pd.DataFrame) -> pd.DataFrame:
    """:func:`salah_klasifikasi` per OPD: ``aturan, opd_id, nama_opd, n, tepat, terlalu_tinggi,
    terlalu_rendah, rata_rata_selisih``."""
    out = salah_klasifikasi(panel, "opd")
    out = out.assign(opd_id=out["kelompok"].astype("int64"), nama_opd=out["label_kelompok"])
    return out[["aturan", "opd_id", "nama_opd", "n", "tepat", "terlalu_tinggi", "terlalu_rendah",
                "rata_rata_selisih"]]


# --------------------------------------------------------------------------- declaration

def _kolom(kolom: str):
    return lambda konteks, tabel: per_aturan(konteks, tabel, kolom)


_SK = ("n", "tepat", "terlalu_tinggi", "terlalu_rendah", "rata_rata_selisih")
_UKURAN = {"akurasi": 30, "akurasi_toleransi_1": None, "kappa_kuadratik": 31,
           "spearman_peringkat": 32, "proporsi_terlalu_tinggi": None,
           "proporsi_terlalu_rendah": None, "rata_rata_selisih": None}
URUTAN = 60
KELUARAN = (
    Tabel("akurasi", ("aturan", "n", "akurasi", "akurasi_toleransi_1", "kappa_kuadratik",
                      "spearman_peringkat", "spearman_nilai", "proporsi_terlalu_tinggi",
                      "proporsi_terlalu_rendah", "rata_rata_selisih"),
          lambda k: akurasi(k.panel), syarat=(BUTUH_KEBENARAN,),
          ukuran=tuple(Ukuran(c, _kolom(c), ringkasan=r) for c, r in _UKURAN.items()),
          sweep="akurasi", bagian="akurasi", grafik=("akurasi_keadilan_stabilitas",)),
    Tabel("salah_klasifikasi", ("aturan", *KOLOM_DIMENSI, *_SK),
          lambda k: salah_klasifikasi(k.panel), syarat=(BUTUH_KEBENARAN,)),
    Tabel("salah_klasifikasi_per_opd", ("aturan", *KOLOM_OPD, *_SK),
          lambda k: salah_klasifikasi_per_opd(k.panel), syarat=(BUTUH_KEBENARAN,)),
)
