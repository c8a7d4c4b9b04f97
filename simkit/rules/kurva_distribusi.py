"""SE MenPANRB 3/2023 distribution curve: check it per OPD, or force it.

The capaian kinerja organisasi of an OPD fixes limits on the share of its employees in each
predikat (SE MenPANRB 3/2023; the numbers live in ``params/permenpanrb_6_2022.yaml`` as
``kurva_batas``). A limit is ``{kelas: [predikat, ...], jenis: maks|min, persen: p, orang: n}``:
the number of employees whose predikat is in ``kelas`` must be at most ``floor(p·N/100)``
(``maks``) or at least ``max(ceil(p·N/100), n)`` (``min``), N = employees of the OPD.

:func:`periksa` — one row per OPD and limit: the limit, the actual count and share, ok or
violated (``dilanggar``). Predikat are not changed.

:func:`paksakan` — re-rank within each OPD until every limit holds, moving as few people as
possible. Algorithm (deterministic; one pass over OPDs, numpy inside each):

1. Rank every employee of the OPD by ``capaian_hasil_kerja`` (higher first), then the mean
   BerAKHLAK score ``perilaku_rerata`` (higher first), then ``asn_id`` (lower first); a missing
   score ranks after every present one.
2. Repeat until nothing changes (at most :data:`MAKS_PUTARAN` rounds):
   a. every ``maks`` limit with an excess of k people: the k lowest-ranked members of the
      over-full classes move down to the nearest lower class outside the limit's classes;
   b. every ``min`` limit with a deficit of k people: take people from the classes next to the
      limit's classes, nearest first and below before above (class just below, class just
      above, two below, two above, ...): from a class below, the best-ranked are moved UP into
      the lowest class of the limit; from a class above, the lowest-ranked are moved DOWN into
      the highest class of the limit. A class is not drained below what another ``min`` limit
      needs, and nobody is moved into a class whose ``maks`` limit is already full.
3. A limit that cannot be met (e.g. two ``min`` limits needing more people than the OPD has)
   stays violated and is reported by :func:`periksa` on the result.

Both functions work on the peringkat codes of :data:`simkit.kosakata.PERINGKAT_PREDIKAT`
(5 = sangat_baik ... 1 = sangat_kurang).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.kosakata import PERINGKAT_PREDIKAT, PREDIKAT_PERINGKAT

MAKS_PUTARAN = 25
"""Upper bound on the rounds of :func:`paksakan` per OPD (it normally settles in 2-3)."""
_EPS = 1e-9  # tolerance of p·N/100 against whole numbers (floating point only)


def _batas_orang(jenis: str, persen: float, orang: int, n: int) -> int:
    x = persen * n / 100.0
    if jenis == "maks":
        return int(math.floor(x + _EPS))
    return max(int(math.ceil(x - _EPS)), int(orang))


def _batasan(kurva_batas: Mapping[str, Sequence[Mapping[str, Any]]], capaian: str
             ) -> list[dict[str, Any]]:
    out = []
    for c in kurva_batas.get(capaian, []) or []:
        out.append({"kelas": tuple(PERINGKAT_PREDIKAT[k] for k in c["kelas"]), "nama_kelas": tuple(c["kelas"]),
                    "jenis": c["jenis"], "persen": float(c.get("persen", 0)),
                    "orang": int(c.get("orang", 0))})
    return out


def periksa(opd_id: np.ndarray, capaian_opd: Any, kode: np.ndarray,
            kurva_batas: Mapping[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the curve. Returns (per-OPD summary, per-OPD-and-limit table).

    ``opd_id``, ``capaian_opd`` (the OPD's capaian kinerja organisasi, NaN if unknown; an
    array or a Categorical) and ``kode`` (peringkat 1..5) are aligned per employee.
    """
    opd_arr = np.asarray(opd_id)
    codes, uniq = pd.factorize(opd_arr, sort=True)
    k = np.asarray(kode, dtype=np.int64)
    table = np.bincount(codes * 6 + k, minlength=len(uniq) * 6).reshape(len(uniq), 6)
    first = np.full(len(uniq), -1)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    caps = _per_opd(capaian_opd, first) if len(codes) else np.array([])
    batasan: dict[str, list[dict[str, Any]]] = {}  # each class's limits, read once
    rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    for opd, cnt, c in zip(uniq.tolist(), table.tolist(), caps, strict=True):  # Python ints
        n = sum(cnt)
        c = None if c is None or (isinstance(c, float) and math.isnan(c)) else str(c)
        dilanggar = 0
        if c and c not in batasan:
            batasan[c] = _batasan(kurva_batas, c)
        for b in batasan[c] if c else []:
            aktual = int(sum(int(cnt[k]) for k in b["kelas"]))
            batas = _batas_orang(b["jenis"], b["persen"], b["orang"], n)
            ok = aktual <= batas if b["jenis"] == "maks" else aktual >= batas
            dilanggar += not ok
            rows.append({
                "opd_id": opd, "capaian_kinerja_organisasi": c, "jumlah_pegawai": n,
                "kelas": "+".join(b["nama_kelas"]), "jenis": b["jenis"],
                "persen": b["persen"], "orang": b["orang"], "batas_orang": batas,
                "aktual_orang": aktual, "aktual_persen": 100.0 * aktual / n if n else np.nan,
                "status": "ok" if ok else "dilanggar",
            })
        row = {"opd_id": opd, "capaian_kinerja_organisasi": c, "jumlah_pegawai": n}
        for k in range(5, 0, -1):
            row[f"porsi_{PREDIKAT_PERINGKAT[k]}"] = float(cnt[k]) / n if n else np.nan
        row["jumlah_dilanggar"] = dilanggar
        row["status"] = "tanpa_capaian" if c is None else ("ok" if dilanggar == 0 else "dilanggar")
        summary.append(row)
    cols = ["opd_id", "capaian_kinerja_organisasi", "jumlah_pegawai", "kelas", "jenis", "persen",
            "orang", "batas_orang", "aktual_orang", "aktual_persen", "status"]
    return pd.DataFrame(summary), pd.DataFrame(rows, columns=cols)


def _per_opd(capaian_opd: Any, first: np.ndarray) -> np.ndarray:
    """``capaian_opd[first]`` as an object array (a pandas array converts only those rows)."""
    if isinstance(capaian_opd, pd.api.extensions.ExtensionArray | pd.Series | pd.Index):
        return np.asarray(capaian_opd.take(first), dtype=object)
    return np.asarray(capaian_opd, dtype=object)[first]


def urutan(asn_id: np.ndarray, capaian: np.ndarray, perilaku: np.ndarray) -> np.ndarray:
    """Rank position of each employee (0 = best): capaian desc, perilaku desc, asn_id asc."""
    c = np.asarray(capaian, dtype=float)
    p = np.asarray(perilaku, dtype=float)
    kc = np.where(np.isnan(c), np.inf, -c)
    kp = np.where(np.isnan(p), np.inf, -p)
    order = np.lexsort((np.asarray(asn_id), kp, kc))
    pos = np.empty(order.size, dtype=np.int64)
    pos[order] = np.arange(order.size)
    return pos


def _paksa_satu(kode: np.ndarray, urut: np.ndarray, batasan: list[dict[str, Any]]) -> np.ndarray:
    kode = kode.copy()
    n = kode.size
    for b in batasan:
        b["batas"] = _batas_orang(b["jenis"], b["persen"], b["orang"], n)
    maks = [b for b in batasan if b["jenis"] == "maks"]
    mins = [b for b in batasan if b["jenis"] == "min"]

    def count(kelas: tuple[int, ...]) -> int:
        return int(np.isin(kode, kelas).sum())

    for _ in range(MAKS_PUTARAN):
        berubah = False
        for b in maks:
            excess = count(b["kelas"]) - b["batas"]
            if excess <= 0:
                continue
            members = np.flatnonzero(np.isin(kode, b["kelas"]))
            move = members[np.argsort(-urut[members], kind="stable")][:excess]
            for k in np.unique(kode[move]):
                lower = [x for x in range(int(k) - 1, 0, -1) if x not in b["kelas"]]
                if lower:
                    sel = move[kode[move] == k]
                    kode[sel] = lower[0]
                    berubah = True
        for b in mins:
            deficit = b["batas"] - count(b["kelas"])
            if deficit <= 0:
                continue
            lo, hi = min(b["kelas"]), max(b["kelas"])
            sources: list[tuple[int, int]] = []  # (class, destination)
            for d in range(1, 5):
                if 1 <= lo - d and (lo - d) not in b["kelas"]:
                    sources.append((lo - d, lo))
                if hi + d <= 5 and (hi + d) not in b["kelas"]:
                    sources.append((hi + d, hi))
            for src, dest in sources:
                if deficit <= 0:
                    break
                avail = np.flatnonzero(kode == src)
                cap = avail.size
                for other in mins:
                    if other is not b and src in other["kelas"] and dest not in other["kelas"]:
                        cap = min(cap, max(count(other["kelas"]) - other["batas"], 0))
                for m in maks:
                    if dest in m["kelas"] and src not in m["kelas"]:
                        cap = min(cap, max(m["batas"] - count(m["kelas"]), 0))
                take = min(deficit, cap)
                if take <= 0:
                    continue
                if src < dest:  # from below: best-ranked move up
                    pick = avail[np.argsort(urut[avail], kind="stable")][:take]
                else:  # from above: lowest-ranked move down
                    pick = avail[np.argsort(-urut[avail], kind="stable")][:take]
                kode[pick] = dest
                deficit -= take
                berubah = True
        if not berubah:
            break
    return kode


def paksakan(opd_id: np.ndarray, capaian_opd: np.ndarray, kode: np.ndarray, urut: np.ndarray,
             kurva_batas: Mapping[str, Any]) -> np.ndarray:
    """Force the curve in every OPD with a known capaian; returns the new peringkat codes.

    ``urut`` is the rank position from :func:`urutan`. See the module docstring.
    """
    opd = np.asarray(opd_id)
    out = np.asarray(kode, dtype="int8").copy()
    cap = np.asarray(capaian_opd, dtype=object)
    order = np.argsort(opd, kind="stable")
    bounds = np.flatnonzero(np.diff(opd[order])) + 1
    for grp in np.split(order, bounds):
        if grp.size == 0:
            continue
        c = cap[grp[0]]
        if c is None or (isinstance(c, float) and math.isnan(c)):
            continue
        batasan = _batasan(kurva_batas, str(c))
        if batasan:
            out[grp] = _paksa_satu(out[grp], np.asarray(urut)[grp], batasan)
    return out
