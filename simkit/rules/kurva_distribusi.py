"""SE MenPANRB 3/2023 distribution curve: check it per group (OPD or unit), or force it.

The capaian kinerja organisasi of an OPD fixes limits on the share of its employees in each
predikat (SE MenPANRB 3/2023; the numbers live in ``params/permenpanrb_6_2022.yaml`` as
``kurva_batas``). A limit is ``{kelas: [predikat, ...], jenis, persen: p, orang: n}``, N =
employees of the group, and the number of employees whose predikat is in ``kelas`` must be:

- ``maks``: at most ``floor(p·N/100)``;
- ``min``: at least ``max(ceil(p·N/100), n)``;
- ``sebagian_besar``: the SE's "sebagian besar (maksimal p %)". It always gives the ``maks``
  limit above and, by the reading ``sebagian_besar`` (parameter ``kurva_sebagian_besar``,
  an interpretation), one more: ``terbanyak`` = no other single predikat has more people
  (a tie is accepted); ``lebih_dari_separuh`` = more than half (at least ``floor(N/2) + 1``);
  ``maks_saja`` = nothing more (the cap alone).

:func:`periksa` — one row per group and limit: the limit, the actual count and share, ok or
violated (``dilanggar``). Predikat are not changed.

:func:`paksakan` — re-rank within each group until every limit holds, moving as few people as
possible. Algorithm (deterministic; one pass over groups, numpy inside each):

1. Rank every employee of the group by :func:`urutan`: ``capaian_hasil_kerja`` (higher
   first), then the mean BerAKHLAK score ``perilaku_rerata`` (higher first), then ``asn_id``
   (lower first); a missing score ranks after every present one. (Optionally the rating
   hasil kerja first: a head of unit is then ranked by the rating his organisation gives him.)
2. Repeat until nothing changes (at most :data:`MAKS_PUTARAN` rounds):
   a. every ``maks`` limit with an excess of k people: by ``arah`` (parameter
      ``kurva_arah_kelebihan``) ``turun`` = the k lowest-ranked members of the over-full
      classes move down to the nearest lower class outside the limit's classes; ``naik`` =
      the k best-ranked move up to the nearest higher class outside them (as far as that
      class has room; the rest move down); ``berimbang`` = half of k (rounded down) up, the
      rest down;
   b. every ``min`` (and ``lebih_dari_separuh``) limit with a deficit of k people: take
      people from the classes next to the limit's classes, nearest first and below before
      above (class just below, class just above, two below, two above, ...): from a class
      below, the best-ranked are moved UP into the lowest class of the limit; from a class
      above, the lowest-ranked are moved DOWN into the highest class of the limit. A class is
      not drained below what another ``min`` limit needs, nobody is moved into a class whose
      ``maks`` limit is already full, and no move takes away the lead of a ``terbanyak`` class;
   c. every ``terbanyak`` limit not met: the fewest people are moved into its class from the
      classes that outnumber it (level the largest classes down to a common level L, the
      highest L at which the class is at least as large as all of them): the lowest-ranked
      of a class above move down, the best-ranked of a class below move up.
3. A limit that cannot be met (e.g. two ``min`` limits needing more people than the group
   has) stays violated and is reported by :func:`periksa` on the result.

Both functions work on the peringkat codes of :data:`simkit.kosakata.PERINGKAT_PREDIKAT`
(5 = sangat_baik ... 1 = sangat_kurang).

>>> kurva = {"istimewa": [{"kelas": ["sangat_baik"], "jenis": "sebagian_besar", "persen": 70}]}
>>> opd, cap = np.ones(10, int), np.array(["istimewa"] * 10, dtype=object)
>>> kode = np.array([4] * 10)                 # an Istimewa OPD with no Sangat Baik at all
>>> periksa(opd, cap, kode, kurva, "maks_saja")[0]["status"].tolist()
['ok']
>>> periksa(opd, cap, kode, kurva, "terbanyak")[0]["status"].tolist()
['dilanggar']
>>> paksakan(opd, cap, kode, np.arange(10), kurva, "terbanyak").tolist()   # the 5 best move up
[5, 5, 5, 5, 5, 4, 4, 4, 4, 4]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from simkit.kosakata import PERINGKAT_PREDIKAT, PREDIKAT_PERINGKAT

MAKS_PUTARAN = 25
"""Upper bound on the rounds of :func:`paksakan` per group (it normally settles in 2-3)."""
TAFSIRAN_SEBAGIAN_BESAR = ("maks_saja", "terbanyak", "lebih_dari_separuh")
"""Readings of "sebagian besar (maksimal p %)" (parameter ``kurva_sebagian_besar``)."""
ARAH_KELEBIHAN = ("turun", "naik", "berimbang")
"""Where the excess of a ``maks`` limit goes (parameter ``kurva_arah_kelebihan``)."""
_EPS = 1e-9  # tolerance of p·N/100 against whole numbers (floating point only)
_KELAS = (1, 2, 3, 4, 5)


def _batas_tetap(jenis: str, persen: float, orang: int, n: int) -> int:
    """The head-count limit of a ``maks`` / ``min`` / ``lebih_dari_separuh`` limit."""
    x = persen * n / 100.0
    if jenis == "maks":
        return int(math.floor(x + _EPS))
    if jenis == "lebih_dari_separuh":
        return int(math.floor(x + _EPS)) + 1
    return max(int(math.ceil(x - _EPS)), int(orang))


def _batas(b: Mapping[str, Any], cnt: np.ndarray, n: int) -> int:
    """The head-count limit of ``b`` for class counts ``cnt`` (index = peringkat)."""
    if b["jenis"] == "terbanyak":
        return max((int(cnt[j]) for j in _KELAS if j not in b["kelas"]), default=0)
    return _batas_tetap(b["jenis"], b["persen"], b["orang"], n)


def _batasan(kurva_batas: Mapping[str, Sequence[Mapping[str, Any]]], capaian: str,
             sebagian_besar: str) -> list[dict[str, Any]]:
    """The limits of one capaian, a ``sebagian_besar`` entry expanded by the reading."""
    out = []
    for c in kurva_batas.get(capaian, []) or []:
        base = {"kelas": tuple(PERINGKAT_PREDIKAT[k] for k in c["kelas"]),
                "nama_kelas": tuple(c["kelas"]), "persen": float(c.get("persen", 0)),
                "orang": int(c.get("orang", 0))}
        if c["jenis"] != "sebagian_besar":
            out.append({**base, "jenis": c["jenis"]})
            continue
        out.append({**base, "jenis": "maks"})
        if sebagian_besar == "terbanyak":
            out.append({**base, "jenis": "terbanyak", "persen": np.nan, "orang": 0})
        elif sebagian_besar == "lebih_dari_separuh":
            out.append({**base, "jenis": "lebih_dari_separuh", "persen": 50.0, "orang": 0})
    return out


def _cek(b: Mapping[str, Any], cnt: np.ndarray, n: int) -> tuple[int, int, bool]:
    """(actual count, limit, ok) of limit ``b``."""
    aktual = int(sum(int(cnt[k]) for k in b["kelas"]))
    batas = _batas(b, cnt, n)
    return aktual, batas, (aktual <= batas if b["jenis"] == "maks" else aktual >= batas)


def periksa(kelompok: np.ndarray, capaian: Any, kode: np.ndarray,
            kurva_batas: Mapping[str, Any], sebagian_besar: str = "terbanyak",
            kunci: str = "opd_id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the curve. Returns (per-group summary, per-group-and-limit table).

    ``kelompok`` (the curve group: the OPD, or a unit), ``capaian`` (the group's capaian
    kinerja organisasi, NaN if unknown; an array or a Categorical) and ``kode`` (peringkat
    1..5) are aligned per employee; ``kunci`` names the group column of the tables.
    """
    arr = np.asarray(kelompok)
    codes, uniq = pd.factorize(arr, sort=True)
    k = np.asarray(kode, dtype=np.int64)
    table = np.bincount(codes * 6 + k, minlength=len(uniq) * 6).reshape(len(uniq), 6)
    first = np.full(len(uniq), -1)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    caps = _per_kelompok(capaian, first) if len(codes) else np.array([])
    batasan: dict[str, list[dict[str, Any]]] = {}  # each class's limits, read once
    rows: list[dict[str, Any]] = []
    summary: list[dict[str, Any]] = []
    for g, cnt_l, c in zip(uniq.tolist(), table.tolist(), caps, strict=True):  # Python ints
        cnt = np.asarray(cnt_l)
        n = int(cnt.sum())
        c = None if c is None or (isinstance(c, float) and math.isnan(c)) else str(c)
        dilanggar = 0
        if c and c not in batasan:
            batasan[c] = _batasan(kurva_batas, c, sebagian_besar)
        for b in batasan[c] if c else []:
            aktual, batas, ok = _cek(b, cnt, n)
            dilanggar += not ok
            rows.append({
                kunci: g, "capaian_kinerja_organisasi": c, "jumlah_pegawai": n,
                "kelas": "+".join(b["nama_kelas"]), "jenis": b["jenis"],
                "persen": b["persen"], "orang": b["orang"], "batas_orang": batas,
                "aktual_orang": aktual, "aktual_persen": 100.0 * aktual / n if n else np.nan,
                "status": "ok" if ok else "dilanggar",
            })
        row = {kunci: g, "capaian_kinerja_organisasi": c, "jumlah_pegawai": n}
        for j in range(5, 0, -1):
            row[f"porsi_{PREDIKAT_PERINGKAT[j]}"] = float(cnt[j]) / n if n else np.nan
        row["jumlah_dilanggar"] = dilanggar
        row["status"] = "tanpa_capaian" if c is None else ("ok" if dilanggar == 0 else "dilanggar")
        summary.append(row)
    cols = [kunci, "capaian_kinerja_organisasi", "jumlah_pegawai", "kelas", "jenis", "persen",
            "orang", "batas_orang", "aktual_orang", "aktual_persen", "status"]
    return pd.DataFrame(summary), pd.DataFrame(rows, columns=cols)


def _per_kelompok(capaian: Any, first: np.ndarray) -> np.ndarray:
    """``capaian[first]`` as an object array (a pandas array converts only those rows)."""
    if isinstance(capaian, pd.api.extensions.ExtensionArray | pd.Series | pd.Index):
        return np.asarray(capaian.take(first), dtype=object)
    return np.asarray(capaian, dtype=object)[first]


def urutan(asn_id: np.ndarray, capaian: np.ndarray, perilaku: np.ndarray,
           rating: np.ndarray | None = None) -> np.ndarray:
    """Rank position of each employee (0 = best): capaian desc, perilaku desc, asn_id asc;
    with ``rating`` (codes, 0 = best, -1 = missing) that first.

    >>> urutan(np.array([1, 2, 3]), np.array([90.0, 120.0, np.nan]), np.full(3, 4.0)).tolist()
    [1, 0, 2]
    >>> urutan(np.array([1, 2, 3]), np.array([90.0, 120.0, np.nan]), np.full(3, 4.0),
    ...        rating=np.array([1, 1, 0])).tolist()
    [2, 1, 0]
    """
    c = np.asarray(capaian, dtype=float)
    p = np.asarray(perilaku, dtype=float)
    kc = np.where(np.isnan(c), np.inf, -c)
    kp = np.where(np.isnan(p), np.inf, -p)
    keys = [np.asarray(asn_id), kp, kc]
    if rating is not None:
        r = np.asarray(rating, dtype=np.int64)
        keys.append(np.where(r < 0, np.iinfo(np.int64).max, r))
    order = np.lexsort(tuple(keys))
    pos = np.empty(order.size, dtype=np.int64)
    pos[order] = np.arange(order.size)
    return pos


def _ruang_terbanyak(cnt: np.ndarray, b: Mapping[str, Any], src: int, dest: int) -> int:
    """How many may move from ``src`` to ``dest`` without the class of the ``terbanyak``
    limit ``b`` losing its lead (a large number when the move cannot hurt it)."""
    kelas = b["kelas"]
    c_t = int(sum(int(cnt[k]) for k in kelas))
    if dest in kelas:
        return 1 << 30
    if src in kelas:
        lain = max((int(cnt[j]) for j in _KELAS if j not in kelas and j != dest), default=0)
        return max(min((c_t - int(cnt[dest])) // 2, c_t - lain), 0)
    return max(c_t - int(cnt[dest]), 0)


def _pindah(kode: np.ndarray, urut: np.ndarray, src: int, dest: int, jumlah: int) -> bool:
    """Move ``jumlah`` people of class ``src`` to ``dest``: up = the best-ranked, down = the
    lowest-ranked. Whether anybody moved."""
    if jumlah <= 0:
        return False
    avail = np.flatnonzero(kode == src)
    key = urut[avail] if src < dest else -urut[avail]
    kode[avail[np.argsort(key, kind="stable")][:jumlah]] = dest
    return avail.size > 0


def _paksa_satu(kode: np.ndarray, urut: np.ndarray, batasan: list[dict[str, Any]],
                arah: str) -> np.ndarray:
    kode = kode.copy()
    n = kode.size
    for b in batasan:
        if b["jenis"] != "terbanyak":
            b["batas"] = _batas_tetap(b["jenis"], b["persen"], b["orang"], n)
    maks = [b for b in batasan if b["jenis"] == "maks"]
    mins = [b for b in batasan if b["jenis"] in ("min", "lebih_dari_separuh")]
    modal = [b for b in batasan if b["jenis"] == "terbanyak"]

    def cnt() -> np.ndarray:
        return np.bincount(kode, minlength=6)

    def count(kelas: tuple[int, ...]) -> int:
        c = cnt()
        return int(sum(int(c[k]) for k in kelas))

    def ruang(src: int, dest: int) -> int:
        """How many may move src -> dest without breaking another limit."""
        c = cnt()
        cap = int(c[src])
        for other in mins:
            if src in other["kelas"] and dest not in other["kelas"]:
                cap = min(cap, max(count(other["kelas"]) - other["batas"], 0))
        for m in maks:
            if dest in m["kelas"] and src not in m["kelas"]:
                cap = min(cap, max(m["batas"] - count(m["kelas"]), 0))
        for t in modal:
            cap = min(cap, _ruang_terbanyak(c, t, src, dest))
        return cap

    for _ in range(MAKS_PUTARAN):
        berubah = False
        for b in maks:
            excess = count(b["kelas"]) - b["batas"]
            if excess <= 0:
                continue
            naik = {"turun": 0, "naik": excess, "berimbang": excess // 2}[arah]
            members = np.flatnonzero(np.isin(kode, b["kelas"]))
            atas = [x for x in range(max(b["kelas"]) + 1, 6) if x not in b["kelas"]]
            if naik and atas:
                best = members[np.argsort(urut[members], kind="stable")]
                naik = min(naik, ruang(int(kode[best[0]]), atas[0]) if best.size else 0)
                if naik > 0:
                    kode[best[:naik]] = atas[0]
                    excess -= naik
                    berubah = True
                    members = np.flatnonzero(np.isin(kode, b["kelas"]))
            if excess <= 0:
                continue
            move = members[np.argsort(-urut[members], kind="stable")][:excess]
            for k in np.unique(kode[move]):
                lower = [x for x in range(int(k) - 1, 0, -1) if x not in b["kelas"]]
                if lower:
                    kode[move[kode[move] == k]] = lower[0]
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
                take = min(deficit, ruang(src, dest))
                if _pindah(kode, urut, src, dest, take):
                    deficit -= take
                    berubah = True
        for b in modal:
            c = cnt()
            kelas = b["kelas"]
            c_t = int(sum(int(c[k]) for k in kelas))
            lain = np.array([j for j in _KELAS if j not in kelas])
            if lain.size == 0 or c_t >= int(c[lain].max()):
                continue
            level = np.arange(n + 1)
            perlu = np.maximum(c[lain][None, :] - level[:, None], 0).sum(axis=1)
            tingkat = int(level[c_t + perlu >= level].max())
            for j in lain[np.argsort(-c[lain], kind="stable")]:  # largest class first
                dest = min(kelas) if j < min(kelas) else max(kelas)
                take = min(int(cnt()[j]) - tingkat, ruang(int(j), dest))
                if _pindah(kode, urut, int(j), dest, take):
                    berubah = True
        if not berubah:
            break
    return kode


def paksakan(kelompok: np.ndarray, capaian: np.ndarray, kode: np.ndarray, urut: np.ndarray,
             kurva_batas: Mapping[str, Any], sebagian_besar: str = "terbanyak",
             arah: str = "turun") -> np.ndarray:
    """Force the curve in every group with a known capaian; returns the new peringkat codes.

    ``urut`` is the rank position from :func:`urutan`. See the module docstring.
    """
    grp_id = np.asarray(kelompok)
    out = np.asarray(kode, dtype="int8").copy()
    cap = np.asarray(capaian, dtype=object)
    order = np.argsort(grp_id, kind="stable")
    bounds = np.flatnonzero(np.diff(grp_id[order])) + 1
    batasan: dict[str, list[dict[str, Any]]] = {}
    for grp in np.split(order, bounds):
        if grp.size == 0:
            continue
        c = cap[grp[0]]
        if c is None or (isinstance(c, float) and math.isnan(c)):
            continue
        c = str(c)
        if c not in batasan:
            batasan[c] = _batasan(kurva_batas, c, sebagian_besar)
        if batasan[c]:
            out[grp] = _paksa_satu(out[grp], np.asarray(urut)[grp],
                                   [dict(b) for b in batasan[c]], arah)
    return out
