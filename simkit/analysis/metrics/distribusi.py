"""Distribution of predikat per rule: overall, per OPD and per group (counts and shares).

Every rule gets all five classes (``peringkat`` 5..1, zero counts included) so charts line
up; ``predikat`` is the rule's own id for that class (e.g. ``cukup`` in PP 30/2019), and the
PermenPANRB 6/2022 id where a rule never used a class.

>>> distribusi(panel).columns.tolist()          # doctest: +SKIP
['aturan', 'peringkat', 'predikat', 'jumlah', 'proporsi']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.panel import (
    DIMENSI_KELOMPOK,
    KOLOM_DIMENSI,
    KOLOM_OPD,
    aturan_panel,
    kode_kelompok,
    periksa_dimensi,
    tambah_label,
)
from simkit.analysis.registri import Tabel, Ukuran
from simkit.kosakata import PERINGKAT, PERINGKAT_PREDIKAT, PREDIKAT_PERINGKAT


def kosakata(panel: pd.DataFrame) -> pd.DataFrame:
    """(aturan, peringkat) -> the rule's predikat id, for all five classes of every rule.

    The most frequent predikat a rule gave at that peringkat; for a class a rule never gave,
    the rule's own id when its ``hasil`` declared it (categorical ``predikat``, recorded by
    :func:`~simkit.analysis.panel.build_panel`), else the PermenPANRB 6/2022 id.
    """
    rules = aturan_panel(panel)
    hint = panel.attrs.get("kosakata") or {}
    if all(r in hint for r in rules):      # recorded by build_panel (incl. unobserved classes)
        rows = [(r, p, hint[r].get(p, PREDIKAT_PERINGKAT[p])) for r in rules for p in PERINGKAT]
        return pd.DataFrame(rows, columns=["aturan", "peringkat", "predikat"])
    seen = (panel.groupby(["aturan", "peringkat", "predikat"], observed=True).size()
            .rename("n").reset_index().sort_values("n", ascending=False, kind="stable")
            .drop_duplicates(["aturan", "peringkat"]))
    grid = pd.MultiIndex.from_product([rules, list(PERINGKAT)], names=["aturan", "peringkat"])
    seen["aturan"] = seen["aturan"].astype(str)
    vocab = seen.set_index(["aturan", "peringkat"])["predikat"].astype(str).reindex(grid)
    fallback = pd.Series(grid.get_level_values("peringkat")).map(PREDIKAT_PERINGKAT).to_numpy()
    return vocab.fillna(pd.Series(fallback, index=grid)).rename("predikat").reset_index()


def hitung_kelas(rc: np.ndarray, nr: int, gc: np.ndarray, ng: int,
                 peringkat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts and shares ``[rule, group, class]`` (class in display order, best first)."""
    k = len(PERINGKAT)
    key = (rc * ng + gc) * k + (PERINGKAT[0] - peringkat.astype("int64"))
    m = np.bincount(key, minlength=nr * ng * k).reshape(nr, ng, k)
    tot = m.sum(axis=2, keepdims=True)
    share = np.divide(m, tot, out=np.zeros(m.shape), where=tot > 0)
    return m, share


def distribusi(panel: pd.DataFrame, dimensi: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Predikat distribution per rule, overall (``dimensi=None``) or per group.

    Overall columns: ``aturan, peringkat, predikat, jumlah, proporsi``. Per group:
    ``aturan, dimensi, kelompok, label_kelompok, peringkat, predikat, jumlah, proporsi``
    (``proporsi`` within the rule and group; ``kelompok`` as text; OPD ids for ``opd``).

    >>> distribusi(panel, "jenis_kelamin").query("kelompok == 'P'")   # doctest: +SKIP
    """
    vocab = kosakata(panel)
    rules = aturan_panel(panel)
    nr, k = len(rules), len(PERINGKAT)
    rc = panel["aturan"].cat.codes.to_numpy().astype("int64")
    p = panel["peringkat"].to_numpy()
    if dimensi is None:
        m, share = hitung_kelas(rc, nr, np.zeros(len(rc), "int64"), 1, p)
        out = pd.DataFrame({"aturan": np.repeat(rules, k), "peringkat": np.tile(PERINGKAT, nr),
                            "jumlah": m.ravel().astype("int64"), "proporsi": share.ravel()})
        out = out.merge(vocab, on=["aturan", "peringkat"], how="left")
        return out[["aturan", "peringkat", "predikat", "jumlah", "proporsi"]]
    frames = []
    for d in periksa_dimensi(dimensi, DIMENSI_KELOMPOK):
        gc, values = kode_kelompok(panel, d)
        ng = len(values)
        m, share = hitung_kelas(rc, nr, gc, ng, p)
        frames.append(pd.DataFrame({
            "aturan": np.repeat(rules, ng * k), "dimensi": d,
            "kelompok": np.tile(np.repeat(values, k), nr), "peringkat": np.tile(PERINGKAT, nr * ng),
            "jumlah": m.ravel().astype("int64"), "proporsi": share.ravel()}))
    out = pd.concat(frames, ignore_index=True)
    out = out.merge(vocab, on=["aturan", "peringkat"], how="left")
    out = tambah_label(out, panel)
    return out[["aturan", "dimensi", "kelompok", "label_kelompok", "peringkat", "predikat",
                "jumlah", "proporsi"]]


def distribusi_per_opd(panel: pd.DataFrame) -> pd.DataFrame:
    """Distribution per OPD: ``aturan, opd_id, nama_opd, peringkat, predikat, jumlah, proporsi``."""
    out = distribusi(panel, "opd")
    return (out.assign(opd_id=out["kelompok"].astype("int64"), nama_opd=out["label_kelompok"])
            [["aturan", "opd_id", "nama_opd", "peringkat", "predikat", "jumlah", "proporsi"]])


# --------------------------------------------------------------------------- declaration

def _ringkas(konteks: Konteks, _tabel: pd.DataFrame, kolom: str) -> np.ndarray:
    g = konteks.panel.groupby("aturan", observed=True)
    if kolom == "n":
        return g.size().reindex(konteks.aturan).to_numpy().astype("int64")
    return g["peringkat"].mean().reindex(konteks.aturan).to_numpy()


def _proporsi(peringkat: int):
    def ambil(konteks: Konteks, tabel: pd.DataFrame) -> np.ndarray:
        dist = tabel.pivot(index="aturan", columns="peringkat", values="proporsi")
        return dist[peringkat].reindex(konteks.aturan).to_numpy()
    return ambil


_DIST = ("peringkat", "predikat", "jumlah", "proporsi")
URUTAN = 30
KELUARAN = (
    Tabel("distribusi", ("aturan", *_DIST), lambda k: distribusi(k.panel),
          ukuran=(Ukuran("n", lambda k, tb: _ringkas(k, tb, "n"), ringkasan=10),
                  Ukuran("rata_rata_peringkat", lambda k, tb: _ringkas(k, tb, "rata"),
                         ringkasan=11),
                  *(Ukuran(f"proporsi_{p}", _proporsi(r), ringkasan=12 + i)
                    for i, (p, r) in enumerate(PERINGKAT_PREDIKAT.items()))),
          sweep="distribusi", bagian="distribusi", grafik=("distribusi_predikat",)),
    Tabel("distribusi_per_opd", ("aturan", *KOLOM_OPD, *_DIST),
          lambda k: distribusi_per_opd(k.panel)),
    Tabel("distribusi_per_kelompok", ("aturan", *KOLOM_DIMENSI, *_DIST),
          lambda k: distribusi(k.panel, DIMENSI_KELOMPOK)),
)
