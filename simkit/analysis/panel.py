"""The long panel every metric reads: one row per (rule, ASN) with group and truth columns.

:func:`build_panel` joins the per-employee results of several rule evaluations to the
employees' groups (OPD, jenis jabatan, golongan, gender, status, frontline/back office) and,
when the population has it, to the synthetic truth. Columns:

==================  =====================================================================
aturan              rule name (categorical, in the order the evaluations were given)
asn_id              employee
predikat            the rule's own predikat id (e.g. ``cukup`` for PP 30/2019)
peringkat           common ordinal 1..5 (5 = best) every rule provides
nilai               the rule's numeric score, NaN where the rule has none
opd_id, nama_opd    the employee's OPD and its name
unit_id             the unit where the employee works
jenis_jabatan       schema id
kelompok_golongan   I / II / III / IV for PNS, ``PPPK`` for PPPK
jenis_kelamin       L / P
status_kepegawaian  PNS / PPPK
layanan             ``garis_depan`` (serves the public directly) or ``pendukung`` (back office)
rumpun              guru / kesehatan / umum
kelas_jabatan       1..17 (TPP)
skor_benar          true overall score (only with the truth)
predikat_benar      true class (only with the truth)
peringkat_benar     true class as 1..5 (only with the truth)
==================  =====================================================================

Unit-level evaluations (``tingkat == "unit"``, the IKM rule) are not in the panel; see
:func:`pisah_evaluasi` and :mod:`simkit.analysis.metrics.ikm`.

>>> from simkit.analysis.panel import build_panel   # doctest: +SKIP
>>> panel = build_panel(pop, {"permenpanrb_6_2022": ev})   # doctest: +SKIP
>>> panel.groupby("aturan", observed=True).peringkat.mean()   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from simkit.errors import Masalah, SimkitError, galat, mirip
from simkit.i18n import has, label, t
from simkit.kosakata import PERINGKAT_UMUM, PREDIKAT
from simkit.population.model import Population
from simkit.population.schema import JENIS_JABATAN, JENIS_KELAMIN, RUMPUN, STATUS

if TYPE_CHECKING:
    from simkit.rules.evaluation import Evaluation

Evaluasi = "Mapping[str, Evaluation] | Iterable[Evaluation] | Evaluation"
"""What the comparison functions accept as evaluations: named, a list, or one."""

LAYANAN = ("garis_depan", "pendukung")
"""Frontline (``melayani_publik``) vs back office."""

KELOMPOK_GOLONGAN = ("I", "II", "III", "IV", "PPPK")
"""Golongan groups: PNS by golongan (the part before '/'), all PPPK together."""

DIMENSI: dict[str, str] = {
    "opd": "opd_id",
    "jenis_jabatan": "jenis_jabatan",
    "golongan": "kelompok_golongan",
    "jenis_kelamin": "jenis_kelamin",
    "status_kepegawaian": "status_kepegawaian",
    "layanan": "layanan",
    "rumpun": "rumpun",
}
"""Group dimensions (name -> panel column)."""

DIMENSI_KELOMPOK: tuple[str, ...] = (
    "jenis_jabatan", "golongan", "jenis_kelamin", "status_kepegawaian", "layanan", "rumpun",
)
"""Dimensions of the ``*_per_kelompok`` tables (OPD has its own ``*_per_opd`` tables)."""

KOLOM_KEBENARAN = ("skor_benar", "predikat_benar", "peringkat_benar")

KOLOM_DIMENSI = ("dimensi", "kelompok", "label_kelompok")
"""The key columns of every ``*_per_kelompok`` table: dimension, group id, group label."""

KOLOM_OPD = ("opd_id", "nama_opd")
"""The key columns of every ``*_per_opd`` table."""

_NAMA_ATTR = ("id", "nama", "rule_id")


# --------------------------------------------------------------------------- evaluations


def nama_evaluasi(ev: Evaluation) -> str:
    """The name of an evaluation: its scenario rule id when it carries one (attribute or
    ``meta`` key ``id``/``nama``), else its ``rule_id``."""
    meta = getattr(ev, "meta", None)
    meta = meta if isinstance(meta, Mapping) else {}
    for attr in _NAMA_ATTR:
        v = getattr(ev, attr, None)
        if not (isinstance(v, str) and v):
            v = meta.get(attr)
        if isinstance(v, str) and v:
            return v
    raise galat("evaluasi_tidak_valid", bidang="evaluations", diharapkan="Evaluation",
                ditemukan=type(ev).__name__)


def normalisasi_evaluasi(evaluations: Evaluasi) -> dict[str, Evaluation]:
    """``{name: Evaluation}`` from a dict, a list or a single evaluation (order kept).

    >>> class E:  # a stand-in with the attributes of an Evaluation
    ...     rule_id, tingkat, hasil = "pp30_2019", "pegawai", pd.DataFrame()
    >>> list(normalisasi_evaluasi([E()]))
    ['pp30_2019']
    """
    if evaluations is None:
        raise galat("evaluasi_kosong", bidang="evaluations")
    if isinstance(evaluations, Mapping):
        items = [(str(k), v) for k, v in evaluations.items()]
    elif hasattr(evaluations, "hasil"):
        items = [(nama_evaluasi(evaluations), evaluations)]
    elif isinstance(evaluations, Iterable) and not isinstance(evaluations, str | bytes):
        items = [(nama_evaluasi(ev), ev) for ev in evaluations]
    else:
        raise galat("evaluasi_tidak_valid", bidang="evaluations",
                    diharapkan="dict[str, Evaluation] | list[Evaluation]",
                    ditemukan=type(evaluations).__name__)
    if not items:
        raise galat("evaluasi_kosong", bidang="evaluations")
    out: dict[str, Any] = {}
    for name, ev in items:
        if name in out:
            raise galat("aturan_ganda", bidang="evaluations", ditemukan=repr(name))
        if not isinstance(getattr(ev, "hasil", None), pd.DataFrame):
            raise galat("evaluasi_tidak_valid", bidang=name, diharapkan="Evaluation.hasil: DataFrame",
                        ditemukan=type(getattr(ev, "hasil", None)).__name__)
        out[name] = ev
    return out


def tingkat_evaluasi(ev: Evaluation) -> str:
    """``"pegawai"`` or ``"unit"`` (an evaluation without ``tingkat`` counts as per employee)."""
    return str(getattr(ev, "tingkat", "pegawai") or "pegawai")


def pisah_evaluasi(evaluations: Evaluasi) -> tuple[dict[str, Evaluation], dict[str, Evaluation]]:
    """Split evaluations into (per employee, per unit), names kept."""
    evs = normalisasi_evaluasi(evaluations)
    peg = {k: v for k, v in evs.items() if tingkat_evaluasi(v) != "unit"}
    unit = {k: v for k, v in evs.items() if tingkat_evaluasi(v) == "unit"}
    return peg, unit


def hasil_dengan_kunci(ev: Evaluation, nama: str, kunci: str = "asn_id") -> pd.DataFrame:
    """``ev.hasil`` with ``kunci`` as a column (it may be the index), checked for duplicates."""
    h = ev.hasil
    if kunci not in h.columns:
        if h.index.name == kunci:
            h = h.reset_index()
        else:
            raise galat("kolom_hilang", berkas=nama, kolom=kunci,
                        diharapkan=f"{kunci} (kolom atau indeks)")
    dup = h[kunci].duplicated()
    if dup.any():
        raise galat("id_ganda_hasil", berkas=nama, kolom=kunci,
                    ditemukan=", ".join(map(str, h.loc[dup, kunci].head(5).tolist())))
    return h


def _peringkat_valid(h: pd.DataFrame, nama: str, kunci: str) -> np.ndarray:
    for col in ("predikat", "peringkat"):
        if col not in h.columns:
            raise galat("kolom_hilang", berkas=nama, kolom=col)
    p = pd.to_numeric(h["peringkat"], errors="coerce").to_numpy(dtype="float64", copy=True)
    bad = ~np.isin(p, np.arange(1, 6))
    if bad.any():
        ids = h.loc[bad, kunci].head(5).tolist()
        raise SimkitError(Masalah(
            "di_luar_rentang", berkas=nama, kolom="peringkat", diharapkan="1, 2, 3, 4, 5",
            ditemukan=f"{int(bad.sum())} baris ({kunci} {', '.join(map(str, ids))})"))
    return p.astype("int8")


# --------------------------------------------------------------------------- groups


def _nama_opd(population: Population) -> pd.Series:
    uk = population.unit_kerja
    opd = uk.loc[uk["adalah_opd"].astype(bool), ["unit_id", "nama_unit"]]
    return pd.Series(opd["nama_unit"].astype(str).to_numpy(), index=opd["unit_id"].to_numpy())


def _kategori(values: object, order: Sequence[str]) -> pd.Categorical:
    """Categorical in schema order; values outside the schema are kept, after it.

    Factorises first, so only the distinct values are turned into text (fast for 1e6 rows).
    """
    codes, uniq = pd.factorize(pd.Series(values), use_na_sentinel=True)
    if (codes < 0).any():
        uniq = pd.Index([*uniq, "nan"])
        codes = np.where(codes < 0, len(uniq) - 1, codes)
    names = [str(u) for u in uniq]
    cats = [*order, *sorted(set(names) - set(order))]
    where = {c: i for i, c in enumerate(cats)}
    remap = np.array([where[nm] for nm in names], dtype="int64")
    return pd.Categorical.from_codes(remap[codes] if len(names) else codes, categories=cats)


def _golongan(peg: pd.DataFrame) -> np.ndarray:
    """I/II/III/IV from 'III/a' for PNS, 'PPPK' for PPPK (text built for distinct values only)."""
    codes, uniq = pd.factorize(peg["golongan"], use_na_sentinel=True)
    ruang = np.array([str(u).split("/", 1)[0] for u in uniq] + [""], dtype=object)[codes]
    pppk = _kategori(peg["status_kepegawaian"], STATUS).codes == STATUS.index("PPPK")
    return np.where(pppk, "PPPK", ruang)


def kelompok_pegawai(population: Population) -> pd.DataFrame:
    """One row per ASN (order of ``population.pegawai``): ``asn_id`` and the group columns.

    With the truth (``population.kebenaran``) also ``skor_benar``, ``predikat_benar`` and
    ``peringkat_benar``. Vectorised.
    """
    peg = population.pegawai
    ids = peg["asn_id"].to_numpy()
    opd_id = peg["opd_id"].to_numpy()
    names = _nama_opd(population)
    opd_codes, opd_uniq = pd.factorize(opd_id)
    opd_names = [str(names.get(o, o)) for o in opd_uniq]
    nama_cats = sorted(set(opd_names))
    nama_pos = {c: i for i, c in enumerate(nama_cats)}
    nama_opd = pd.Categorical.from_codes(
        np.array([nama_pos[x] for x in opd_names], dtype="int64")[opd_codes]
        if len(opd_names) else opd_codes, categories=nama_cats)
    melayani = peg["melayani_publik"].to_numpy(dtype=bool)
    out = pd.DataFrame({
        "asn_id": ids,
        "opd_id": opd_id,
        "nama_opd": nama_opd,
        "unit_id": peg["unit_id"].to_numpy(),
        "jenis_jabatan": _kategori(peg["jenis_jabatan"], JENIS_JABATAN),
        "kelompok_golongan": _kategori(_golongan(peg), KELOMPOK_GOLONGAN),
        "jenis_kelamin": _kategori(peg["jenis_kelamin"], JENIS_KELAMIN),
        "status_kepegawaian": _kategori(peg["status_kepegawaian"], STATUS),
        "layanan": pd.Categorical.from_codes((~melayani).astype("int8"), categories=list(LAYANAN)),
        "rumpun": _kategori(peg["rumpun"], RUMPUN),
        "kelas_jabatan": peg["kelas_jabatan"].to_numpy().astype("int16"),
    })
    kb = population.kebenaran
    if kb is not None:
        pos = pd.Index(kb["asn_id"].to_numpy()).get_indexer(ids)
        if (pos < 0).any():
            missing = ids[pos < 0][:5]
            raise galat("kebenaran_tidak_lengkap", berkas="kebenaran", kolom="asn_id",
                        ditemukan=", ".join(map(str, missing)))
        pb = _kategori(kb["predikat_benar"], PREDIKAT)
        if len(pb.categories) > len(PREDIKAT):
            bad = [c for c in pb.categories if c not in PREDIKAT]
            raise galat("nilai_tidak_valid", berkas="kebenaran", kolom="predikat_benar",
                        diharapkan=", ".join(PREDIKAT), ditemukan=", ".join(bad[:5]))
        codes = pb.codes[pos]
        out["skor_benar"] = kb["skor_benar"].to_numpy(dtype="float64")[pos]
        out["predikat_benar"] = pd.Categorical.from_codes(codes, categories=list(PREDIKAT))
        out["peringkat_benar"] = (5 - codes).astype("int8")
    return out


# --------------------------------------------------------------------------- panel


def build_panel(population: Population, evaluations: Evaluasi) -> pd.DataFrame:
    """Long panel (one row per rule × ASN) with group and, if present, truth columns.

    ``evaluations``: ``{name: Evaluation}``, a list of evaluations (named by their scenario
    id or ``rule_id``) or one evaluation. Unit-level evaluations are left out. Rows of a
    rule's ``hasil`` must name known employees once each and carry ``predikat`` and a
    ``peringkat`` in 1..5; anything else is a located :class:`~simkit.errors.SimkitError`.

    >>> panel = build_panel(pop, [ev_baru, ev_lama])            # doctest: +SKIP
    >>> list(panel.columns[:5])                                  # doctest: +SKIP
    ['aturan', 'asn_id', 'predikat', 'peringkat', 'nilai']
    """
    peg_evs, _ = pisah_evaluasi(evaluations)
    if not peg_evs:
        raise galat("evaluasi_kosong", bidang="evaluations")
    groups = kelompok_pegawai(population)
    index = pd.Index(groups["asn_id"].to_numpy())
    pos_all, names, predikat, peringkat, nilai = [], [], [], [], []
    for name, ev in peg_evs.items():
        h = hasil_dengan_kunci(ev, name)
        pos = index.get_indexer(h["asn_id"].to_numpy())
        if (pos < 0).any():
            unknown = h["asn_id"].to_numpy()[pos < 0][:5]
            raise galat("pegawai_tidak_dikenal", berkas=name, kolom="asn_id",
                        ditemukan=", ".join(map(str, unknown)))
        peringkat.append(_peringkat_valid(h, name, "asn_id"))
        pos_all.append(pos)
        names.append(np.full(len(h), len(names), dtype="int16"))
        predikat.append(pd.Categorical(h["predikat"].astype("category").cat.rename_categories(
            str) if not isinstance(h["predikat"].dtype, pd.CategoricalDtype)
            else h["predikat"].cat.rename_categories(str)))
        nilai.append(pd.to_numeric(h["nilai"], errors="coerce").to_numpy(dtype="float64")
                     if "nilai" in h.columns else np.full(len(h), np.nan))
    rules = list(peg_evs)
    vocab = {name: _kosakata_hasil(cat, per) for name, cat, per in zip(
        rules, predikat, peringkat, strict=True)}
    pos = np.concatenate(pos_all)
    body = pd.DataFrame({
        "aturan": pd.Categorical.from_codes(np.concatenate(names), categories=rules),
        "asn_id": groups["asn_id"].to_numpy()[pos],
        "predikat": union_categoricals(predikat),
        "peringkat": np.concatenate(peringkat),
        "nilai": np.concatenate(nilai),
    })
    rest = groups.drop(columns="asn_id").iloc[pos].reset_index(drop=True)
    panel = pd.concat([body, rest], axis=1)
    panel.attrs["kosakata"] = vocab
    return panel


def _kosakata_hasil(predikat: pd.Categorical, peringkat: np.ndarray) -> dict[int, str]:
    """peringkat -> predikat id of one rule: observed pairs (most frequent), then the rule's
    unobserved categories placed by the rule engine's common ordinal."""
    codes = predikat.codes.astype("int64")
    k = len(predikat.categories)
    counts = np.bincount(peringkat.astype("int64") * k + codes, minlength=6 * k).reshape(6, k)
    out = {int(p): str(predikat.categories[int(np.argmax(counts[p]))])
           for p in range(1, 6) if counts[p].sum() > 0}
    for c in predikat.categories:
        p = PERINGKAT_UMUM.get(str(c))
        if p is not None and p not in out:
            out[int(p)] = str(c)
    return out


def aturan_panel(panel: pd.DataFrame) -> list[str]:
    """Rule names of a panel, in order."""
    return list(panel["aturan"].cat.categories)


def punya_kebenaran(panel: pd.DataFrame) -> bool:
    """Whether the panel carries the truth columns."""
    return all(c in panel.columns for c in KOLOM_KEBENARAN)


def periksa_aturan(panel: pd.DataFrame, nama: str, bidang: str = "baseline") -> str:
    """``nama`` if it is a rule of the panel, else a located error with "did you mean"."""
    rules = aturan_panel(panel)
    if nama not in rules:
        raise galat("aturan_tidak_ada", bidang=bidang, ditemukan=repr(nama),
                    diharapkan=", ".join(rules), saran=mirip(str(nama), rules))
    return nama


def periksa_dimensi(dimensi: str | Sequence[str] | None, default: Sequence[str]) -> list[str]:
    """Validated list of dimension names (``None`` -> ``default``)."""
    dims = list(default) if dimensi is None else ([dimensi] if isinstance(dimensi, str)
                                                   else list(dimensi))
    for d in dims:
        if d not in DIMENSI:
            raise galat("bidang_tidak_dikenal", bidang="dimensi", ditemukan=repr(d),
                        diharapkan=", ".join(DIMENSI), saran=mirip(str(d), DIMENSI))
    return dims


def indeks_asn(panel: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sorted distinct ``asn_id``, first panel row of each, position of every panel row)."""
    ids, first, inv = np.unique(panel["asn_id"].to_numpy(), return_index=True,
                                return_inverse=True)
    return ids, first, inv.ravel()


def matriks_peringkat(panel: pd.DataFrame) -> pd.DataFrame:
    """Wide ``asn_id`` × rule table of ``peringkat`` (NaN where a rule did not rate someone)."""
    ids, _, pos = indeks_asn(panel)
    rules = aturan_panel(panel)
    m = np.full((len(ids), len(rules)), np.nan)
    m[pos, panel["aturan"].cat.codes.to_numpy()] = panel["peringkat"].to_numpy()
    return pd.DataFrame(m, index=pd.Index(ids, name="asn_id"), columns=rules)


def kode_kelompok(df: pd.DataFrame, dimensi: str) -> tuple[np.ndarray, list[str]]:
    """(code 0..k-1 of every row, the k group values as text in display order).

    Works on codes, not strings (fast on large panels): schema order for categoricals,
    numeric order for OPD ids; only values present get a code.
    """
    col = df[DIMENSI[dimensi]]
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy().astype("int64")
        cats = col.cat.categories
        present = np.bincount(codes[codes >= 0], minlength=len(cats)) > 0
        order = np.flatnonzero(present)
        remap = np.full(len(cats) + 1, -1, dtype="int64")
        remap[order] = np.arange(len(order))
        return remap[codes], [str(cats[i]) for i in order]
    codes, uniq = pd.factorize(col.to_numpy(), sort=True)
    return codes.astype("int64"), [str(u) for u in uniq]


def label_kelompok(dimensi: str, kelompok: object, nama_opd: object = None) -> str:
    """Display label of a group value: OPD name, or the i18n label of the id."""
    if dimensi == "opd":
        return str(nama_opd) if nama_opd is not None else str(kelompok)
    key = f"analisis.kelompok.{dimensi}.{kelompok}"
    if has(key) or has(key, "id"):
        return t(key)
    kind = {"golongan": "kelompok_golongan"}.get(dimensi, dimensi)
    return label(kind, kelompok)


def tambah_label(df: pd.DataFrame, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``label_kelompok`` after ``kelompok`` (vectorised over the distinct values)."""
    if df.empty:
        return df.assign(label_kelompok=pd.Series(dtype="str"))
    opd_names: dict[str, str] = {}
    if panel is not None and (df["dimensi"] == "opd").any():
        pairs = panel[["opd_id", "nama_opd"]].drop_duplicates()
        opd_names = dict(zip(pairs["opd_id"].astype(str), pairs["nama_opd"].astype(str),
                             strict=True))
    keys = df[["dimensi", "kelompok"]].drop_duplicates()
    labels = {
        (d, k): label_kelompok(d, k, opd_names.get(k)) for d, k in keys.itertuples(index=False)
    }
    lab = [labels[(d, k)] for d, k in zip(df["dimensi"], df["kelompok"], strict=True)]
    out = df.copy()
    out.insert(out.columns.get_loc("kelompok") + 1, "label_kelompok", lab)
    return out
