"""The *kartu reformasi*: what each rule of a scenario changes, old → new, with its legal basis;
and the ``aturan`` table (the rules of a comparison, their labels and the baseline).

A rule "changes parameters" when its values differ from those of its base rule: a scenario
entry with ``parameter:`` overrides, or a built-in reform (``base_rule`` set) whose own
parameter file redefines values. Mapping parameters (e.g. the 3×3 ``kuadran``) are compared
leaf by leaf, so the card shows exactly the cells that changed.

>>> from simkit.scenario import AturanSpec
>>> spec = AturanSpec(id="ambang_105", aturan="permenpanrb_6_2022",
...                   parameter={"ambang_hasil_di_atas": 105})
>>> k = kartu_reformasi([spec], lang="id")
>>> k[["aturan", "parameter", "nilai_lama", "nilai_baru"]].values.tolist()
[['ambang_105', 'ambang_hasil_di_atas', '110', '105']]
>>> k["referensi"].iloc[0].startswith("PermenPANRB 6/2022")
True
>>> k["label_aturan"].iloc[0]
'PermenPANRB 6/2022 (kuadran kinerja) · Ambang capaian hasil kerja untuk Di Atas Ekspektasi: 105'

"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.analysis.konteks import Konteks
from simkit.analysis.registri import Syarat, Tabel
from simkit.i18n import get_lang, t
from simkit.kosakata import ATURAN_NASIONAL
from simkit.presentation.format import nilai_teks
from simkit.presentation.label import label_parameter, teks_parameter

if TYPE_CHECKING:
    from simkit.rules.aturan import Rule
    from simkit.rules.evaluation import Evaluation
    from simkit.rules.params import ParameterSet
    from simkit.scenario import AturanSpec, Scenario

KOLOM_KARTU = ["aturan", "label_aturan", "aturan_dasar", "parameter", "deskripsi", "satuan",
               "nilai_lama", "nilai_baru", "referensi", "sumber_nilai_baru", "asumsi"]
"""Columns of :func:`kartu_reformasi` (values as display text)."""

KOLOM_PARAMETER = ["aturan", "parameter", "nilai", "satuan", "asumsi", "diubah", "referensi"]
"""Columns of :func:`tabel_parameter` (``nilai`` as JSON text)."""

KOLOM_ATURAN = ["aturan", "id_aturan", "label", "tingkat", "dasar", "jumlah_perubahan"]
"""Columns of :func:`tabel_aturan`."""

_TIDAK_ADA = object()


def _rule(spec: AturanSpec) -> Rule:
    from simkit.rules.registry import get_rule

    return get_rule(spec.aturan)


def params_spec(spec: AturanSpec, evaluation: Evaluation | None = None) -> ParameterSet:
    """The ParameterSet a scenario entry runs with (the evaluation's, when given)."""
    if evaluation is not None and getattr(evaluation, "params", None) is not None:
        return evaluation.params
    return _rule(spec).parameters.with_overrides(spec.parameter or {})


def params_dasar(spec: AturanSpec) -> tuple[ParameterSet, str]:
    """The parameters the entry is compared with: its base rule's (or its own file's)."""
    rule = _rule(spec)
    base = getattr(rule, "base_rule", None)
    if base and base != rule.id:
        from simkit.rules.registry import get_rule

        return get_rule(base).parameters, base
    return rule.parameters, rule.id


def label_aturan(spec: AturanSpec, lang: str | None = None,
                 semua: Sequence[AturanSpec] = ()) -> str:
    """Display name of a scenario entry: its ``label``; else the rule's label, followed by
    what it changes (its parameters, labelled) or, when another entry of ``semua`` uses the
    same rule, by its id written as words."""
    lbl = getattr(spec, "label", None)
    if isinstance(lbl, dict) and lbl:
        from simkit.i18n import get_lang

        return str(lbl.get(lang or get_lang()) or lbl.get("id") or next(iter(lbl.values())))
    if lbl:
        return str(lbl)
    nama = _rule(spec).label(lang)
    kembar = sum(1 for s in semua if s.aturan == spec.aturan) > 1
    if spec.id != spec.aturan and spec.parameter:
        ubah = "; ".join(f"{label_parameter(k, lang)}: {teks_parameter(k, v, lang)}"
                         for k, v in spec.parameter.items())
        return f"{nama} · {ubah}"
    if spec.id != spec.aturan and kembar:
        return f"{nama} · {spec.id.replace('_', ' ')}"
    return nama


def _daun(v: Any, jalur: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Leaves of a nested mapping as (path, value); a non-mapping is one leaf."""
    if isinstance(v, Mapping):
        for k, x in v.items():
            yield from _daun(x, (*jalur, str(k)))
    else:
        yield jalur, v


def _ambil(v: Any, jalur: tuple[str, ...]) -> Any:
    for k in jalur:
        if not isinstance(v, Mapping) or k not in v:
            return _TIDAK_ADA
        v = v[k]
    return v


def _sama(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return float(a) == float(b)
    return a == b


def _pinjaman_utuh(nama: str, nilai: Any) -> bool:
    """True when a reform borrows parameter ``nama`` unchanged from another national rule
    (e.g. ``mamuju_ikm`` takes the IKM parameters of ``permenpanrb_14_2017``): not a change."""
    from simkit.rules.registry import list_rules

    for r in list_rules():
        if getattr(r, "base_rule", None) in (None, r.id) and nama in r.parameters:
            if _sama(r.parameters[nama], nilai):
                return True
    return False


def perubahan(spec: AturanSpec, evaluation: Evaluation | None = None) -> list[dict[str, Any]]:
    """Changed parameter leaves of one scenario entry (raw values, not yet formatted).

    Each item: ``parameter`` (``name`` or ``name › key › key``), ``nama`` (parameter name),
    ``lama`` (base value, or a marker for a new parameter), ``baru``, ``dari_skenario``.
    """
    baru = params_spec(spec, evaluation)
    dasar, _ = params_dasar(spec)
    overrides = set((spec.parameter or {}).keys())
    out: list[dict[str, Any]] = []
    for nama in baru:
        nv = baru[nama]
        ov = dasar[nama] if nama in dasar else _TIDAK_ADA
        if ov is not _TIDAK_ADA and _sama(ov, nv):
            continue
        if ov is _TIDAK_ADA and nama not in overrides and _pinjaman_utuh(nama, nv):
            continue
        if isinstance(nv, Mapping) and isinstance(ov, Mapping):
            daun_lama = dict(_daun(ov))
            for jalur, x in _daun(nv):
                y = daun_lama.get(jalur, _TIDAK_ADA)
                if y is _TIDAK_ADA or not _sama(x, y):
                    out.append({"parameter": " › ".join((nama, *jalur)), "nama": nama,
                                "lama": y, "baru": x, "dari_skenario": nama in overrides})
            for jalur, y in daun_lama.items():  # keys removed by the reform
                if _ambil(nv, jalur) is _TIDAK_ADA:
                    out.append({"parameter": " › ".join((nama, *jalur)), "nama": nama,
                                "lama": y, "baru": _TIDAK_ADA, "dari_skenario": nama in overrides})
            continue
        out.append({"parameter": nama, "nama": nama, "lama": ov, "baru": nv,
                    "dari_skenario": nama in overrides})
    return out


def _teks(v: Any, lang: str) -> str:
    return t("analisis.kartu.baru", lang) if v is _TIDAK_ADA else nilai_teks(v, lang)


def kartu_reformasi(specs: Sequence[AturanSpec],
                    evaluations: Mapping[str, Evaluation] | None = None,
                    lang: str | None = None, berkas_skenario: str | None = None) -> pd.DataFrame:
    """One row per changed parameter (leaf) of every scenario entry; see :data:`KOLOM_KARTU`.

    ``referensi`` is the legal reference of the parameter in the base rule (for a new
    parameter: the reform's own); ``sumber_nilai_baru`` says where the new value comes from
    (the scenario file, or the reform's parameter file with its reference).
    """
    lang = lang or get_lang()
    evaluations = evaluations or {}
    rows = []
    for spec in specs:
        baru = params_spec(spec, evaluations.get(spec.id))
        dasar, dasar_id = params_dasar(spec)
        for c in perubahan(spec, evaluations.get(spec.id)):
            nama = c["nama"]
            meta = dasar.meta(nama) if nama in dasar else baru.meta(nama)
            if c["dari_skenario"]:
                sumber = (t("analisis.kartu.sumber_skenario", lang, berkas=berkas_skenario)
                          if berkas_skenario else t("analisis.kartu.skenario", lang))
            else:
                sumber = f"{t('analisis.kartu.sumber_aturan', lang, aturan=spec.aturan)}: " \
                         f"{baru.referensi(nama)}"
            rows.append({
                "aturan": spec.id, "label_aturan": label_aturan(spec, lang, specs),
                "aturan_dasar": dasar_id, "parameter": c["parameter"],
                "deskripsi": meta.teks(lang), "satuan": meta.satuan or "",
                "nilai_lama": _teks(c["lama"], lang), "nilai_baru": _teks(c["baru"], lang),
                "referensi": dasar.referensi(nama) if nama in dasar else baru.referensi(nama),
                "sumber_nilai_baru": sumber,
                "asumsi": t("sajian.umum.ya" if meta.asumsi else "sajian.umum.tidak", lang),
            })
    return pd.DataFrame(rows, columns=KOLOM_KARTU).astype("str")


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def parameter_terpakai(specs: Sequence[AturanSpec],
                       evaluations: Mapping[str, Evaluation] | None = None,
                       ) -> dict[str, dict[str, Any]]:
    """For the manifest: ``{entry id: {aturan, label, overrides, parameter: {name: {nilai,
    referensi, satuan, asumsi}}}}`` with every parameter value used."""
    evaluations = evaluations or {}
    out: dict[str, dict[str, Any]] = {}
    for spec in specs:
        p = params_spec(spec, evaluations.get(spec.id))
        out[spec.id] = {
            "aturan": spec.aturan, "label": spec.label,
            "overrides": dict(spec.parameter or {}),
            "tanggal_parameter": p.tanggal,
            "parameter": {n: {"nilai": p[n], "referensi": p.referensi(n),
                              "satuan": p.meta(n).satuan, "asumsi": p.meta(n).asumsi}
                          for n in p},
        }
    return out


def tabel_parameter(specs: Sequence[AturanSpec],
                    evaluations: Mapping[str, Evaluation] | None = None,
                    ) -> pd.DataFrame:
    """Every parameter of every entry: :data:`KOLOM_PARAMETER` (``nilai`` as JSON text)."""
    rows = []
    for sid, d in parameter_terpakai(specs, evaluations).items():
        spec = next(s for s in specs if s.id == sid)
        changed = {c["nama"] for c in perubahan(spec, evaluations.get(sid) if evaluations else None)}
        for n, m in d["parameter"].items():
            rows.append({"aturan": sid, "parameter": n, "nilai": _json(m["nilai"]),
                         "satuan": m["satuan"] or "", "asumsi": bool(m["asumsi"]),
                         "diubah": n in changed, "referensi": m["referensi"]})
    return pd.DataFrame(rows, columns=KOLOM_PARAMETER)


def tabel_aturan(specs: Sequence[AturanSpec], baseline: str | None, lang: str | None = None,
                 ) -> pd.DataFrame:
    """The rules of the run in order: :data:`KOLOM_ATURAN` (``aturan`` = the entry id)."""
    lang = lang or get_lang()
    rows = []
    for spec in specs:
        rows.append({"aturan": spec.id, "id_aturan": spec.aturan,
                     "label": label_aturan(spec, lang, specs), "tingkat": _rule(spec).tingkat,
                     "dasar": spec.id == baseline,
                     "jumlah_perubahan": len(perubahan(spec))})
    return pd.DataFrame(rows, columns=KOLOM_ATURAN)


# --------------------------------------------------------------------------- the entries


def aturan_skenario(scenario: Scenario | None) -> list[AturanSpec]:
    """The scenario's rule entries, or the national rules (:data:`~simkit.kosakata.ATURAN_NASIONAL`)
    when it lists none."""
    from simkit.scenario import AturanSpec

    if scenario is not None and getattr(scenario, "aturan", None):
        return list(scenario.aturan)
    return [AturanSpec(id=r, aturan=r) for r in ATURAN_NASIONAL]


def spesifikasi_evaluasi(evaluations: Mapping[str, Evaluation],
                         scenario: Scenario | None = None) -> list[AturanSpec]:
    """The scenario entries behind ``evaluations`` (same names): the scenario's own, in
    scenario order, when every evaluation is one of them, else one entry per evaluation built from its
    ``rule_id`` and parameter overrides."""
    from simkit.scenario import AturanSpec

    specs = aturan_skenario(scenario) if scenario is not None else []
    if specs and all(n in {s.id for s in specs} for n in evaluations):
        return [s for s in specs if s.id in evaluations]
    return [AturanSpec(id=n, aturan=str(ev.rule_id),
                       parameter=dict((getattr(ev, "meta", None) or {}).get("overrides") or {}))
            for n, ev in evaluations.items()]


def _semua(k: Konteks) -> dict[str, Evaluation]:
    return {**k.evaluasi, **k.evaluasi_unit}


def _aturan_terdaftar(k: Konteks) -> bool:
    from simkit.rules.registry import list_rules

    ids = {r.id for r in list_rules()}
    return all(s.aturan in ids for s in k.spesifikasi)


BUTUH_ATURAN_TERDAFTAR = Syarat("aturan_tidak_terdaftar", _aturan_terdaftar)
"""Every evaluation comes from a rule of simkit's registry (its parameters are known)."""


URUTAN = 10
KELUARAN = (
    Tabel("aturan", tuple(KOLOM_ATURAN),
          lambda k: tabel_aturan(k.spesifikasi, k.aturan_dasar),
          syarat=(BUTUH_ATURAN_TERDAFTAR,)),
    Tabel("kartu_reformasi", tuple(KOLOM_KARTU),
          lambda k: kartu_reformasi(k.spesifikasi, _semua(k), None,
                                    getattr(k.skenario, "sumber", None)),
          syarat=(BUTUH_ATURAN_TERDAFTAR,), bagian="kartu"),
)
