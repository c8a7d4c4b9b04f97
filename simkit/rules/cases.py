"""Rule cases: load YAML case files, run them, report PASS/FAIL.

A case file is a list of cases or a mapping ``{cases: [...]}``. Each case::

    - name: "Kuadran: hasil di atas, perilaku di bawah"
      rule: permenpanrb_6_2022
      tanggal: 2023-01-01             # optional: the parameter values in force that day
      params: {}                      # optional overrides (of the values of that day)
      input: {rating_hasil_kerja: di_atas_ekspektasi, rating_perilaku_kerja: di_bawah_ekspektasi}
      output: {predikat: kurang}
      absolute_error_margin: 0.01     # optional; default 0.005
      reference: "PermenPANRB 6/2022"  # optional

``tanggal`` pins the case to a date: every parameter takes the dated value in force on that
day (``berlaku`` dates of ``simkit/rules/params/*.yaml``; before a parameter's first date, its
earliest value), so a case can test a value a regulation has since replaced. Without it the
latest values apply. A date that is not ``YYYY-MM-DD`` makes the case malformed (``rusak``),
located at its line.

Outputs match when numbers are within the margin, strings and booleans are equal, lists
match element by element (a mapping element on the keys it gives) and mappings key by key.

>>> report = run_case_files(["simkit/rules/cases/pp46_2011.yaml"])   # doctest: +SKIP
>>> report.exit_code, report.lines[-1]                               # doctest: +SKIP
(0, '40 lulus, 0 gagal')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError, mirip
from simkit.i18n import get_lang, t
from simkit.rules.params import baca_tanggal
from simkit.rules.registry import get_rule
from simkit.yamlloc import line_of, read_yaml_file

MARGIN_BAWAAN = 0.005
"""Default absolute error margin for numbers."""

KUNCI_KASUS = ("name", "rule", "tanggal", "params", "input", "output", "absolute_error_margin",
               "reference")
"""The keys a case may have."""

_TOL = 1e-12  # float noise allowed on top of the margin


@dataclass
class KasusAturan:
    """One case as read from a file, with its location."""

    berkas: str
    indeks: int
    data: Any
    jalur: tuple
    baris_map: dict = field(repr=False, default_factory=dict)

    @property
    def nama(self) -> str:
        n = self.data.get("name") if isinstance(self.data, Mapping) else None
        return str(n) if n not in (None, "") else f"#{self.indeks + 1}"

    @property
    def baris(self) -> int | None:
        return line_of(self.baris_map, self.jalur)

    def baris_dari(self, *sub: object) -> int | None:
        return line_of(self.baris_map, (*self.jalur, *sub))

    @property
    def id(self) -> str:
        """``file::case name`` (pytest ids)."""
        return f"{Path(self.berkas).name}::{self.nama}"


@dataclass
class HasilKasus:
    """The outcome of one case: ``status`` is lulus, gagal or rusak (malformed)."""

    kasus: KasusAturan | None
    status: str
    selisih: list[tuple[str, Any, Any, str | None]] = field(default_factory=list)
    """(key path, expected, got, did-you-mean) for each differing key."""
    masalah: list[Masalah] = field(default_factory=list)
    berkas: str = ""
    keluaran: dict[str, Any] | None = None

    def baris_teks(self, lang: str) -> str:
        """The report line of this case."""
        word = t(f"aturan_umum.kasus.{self.status}", lang)
        name = self.kasus.id if self.kasus else self.berkas
        if self.kasus:
            name = f"{self.kasus.berkas}::{self.kasus.nama}"
        if self.status == "lulus":
            return f"{word}  {name}"
        if self.status == "rusak":
            own = self.kasus.berkas if self.kasus else self.berkas
            msgs = "; ".join((replace(m, berkas=None) if m.berkas == own else m).render(lang)
                             for m in self.masalah)
            return f"{word}  {name}: {msgs}"
        parts = []
        for key, exp, got, saran in self.selisih:
            s = (f"{key}: {t('aturan_umum.kasus.diharapkan', lang)} {_fmt(exp)}, "
                 f"{t('aturan_umum.kasus.didapat', lang)} "
                 f"{t('aturan_umum.kasus.tidak_ada', lang) if got is _HILANG else _fmt(got)}")
            if saran:
                s += " (" + t("umum.maksud_anda", lang, saran=f"'{saran}'") + ")"
            parts.append(s)
        return f"{word}  {name} — " + "; ".join(parts)


@dataclass
class RuleCaseReport:
    """All case outcomes; ``lines`` are the report, ``exit_code`` 0 / 1 / 2."""

    hasil: list[HasilKasus]
    lang: str = "id"

    @property
    def counts(self) -> dict[str, int]:
        """``{"lulus": n, "gagal": n, "rusak": n}``."""
        out = {"lulus": 0, "gagal": 0, "rusak": 0}
        for h in self.hasil:
            out[h.status] += 1
        return out

    @property
    def exit_code(self) -> int:
        """0 all pass, 1 any fails, 2 any file or case malformed."""
        c = self.counts
        return 2 if c["rusak"] else (1 if c["gagal"] else 0)

    @property
    def lines(self) -> list[str]:
        """One line per case, then the count line (e.g. '12 passed, 1 failed')."""
        c = self.counts
        key = "ringkasan_rusak" if c["rusak"] else "ringkasan"
        return [h.baris_teks(self.lang) for h in self.hasil] + [
            t(f"aturan_umum.kasus.{key}", self.lang, **c)]

    def to_text(self) -> str:
        return "\n".join(self.lines)

    def __str__(self) -> str:
        return self.to_text()


class _Hilang:
    def __repr__(self) -> str:
        return "<hilang>"


_HILANG = _Hilang()


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".") if math.isfinite(v) else str(v)
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    return str(v)


# --------------------------------------------------------------------------- loading


def _files(paths: Iterable[str | Path]) -> tuple[list[Path], list[HasilKasus]]:
    out: list[Path] = []
    bad: list[HasilKasus] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(p.rglob("*.yaml")) + sorted(p.rglob("*.yml"))
            if not found:
                bad.append(HasilKasus(None, "rusak", berkas=str(p),
                                      masalah=[Masalah("kasus_tanpa_berkas", berkas=str(p))]))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            bad.append(HasilKasus(None, "rusak", berkas=str(p),
                                  masalah=[Masalah("berkas_tidak_ada", berkas=str(p))]))
    return out, bad


def muat_berkas(path: str | Path) -> list[KasusAturan]:
    """The cases of one file (with line numbers). A file that is not a list of cases (or
    ``{cases: [...]}``) or not valid YAML raises a located SimkitError."""
    berkas = str(path)
    data, lines = read_yaml_file(path)
    prefix: tuple = ()
    if isinstance(data, Mapping) and "cases" in data:
        extra = [k for k in data if k != "cases"]
        if extra:
            raise SimkitError(Masalah("bidang_tidak_dikenal", berkas=berkas,
                                      baris=line_of(lines, (extra[0],)), bidang=str(extra[0]),
                                      diharapkan="cases"))
        data, prefix = data["cases"], ("cases",)
    if not isinstance(data, list):
        raise SimkitError(Masalah("kasus_bukan_daftar", berkas=berkas, baris=1))
    return [KasusAturan(berkas, i, c, (*prefix, i), lines) for i, c in enumerate(data)]


def muat_kasus(paths: Iterable[str | Path]) -> list[KasusAturan]:
    """Every case of the given files/folders (folders: every *.yaml inside, sorted)."""
    files, bad = _files(paths)
    if bad:
        raise SimkitError([m for b in bad for m in b.masalah])
    out: list[KasusAturan] = []
    for f in files:
        out.extend(muat_berkas(f))
    return out


# --------------------------------------------------------------------------- checking


def _periksa_struktur(k: KasusAturan) -> list[Masalah]:
    d = k.data
    loc = {"berkas": k.berkas}
    if not isinstance(d, Mapping):
        return [Masalah("kasus_bukan_mapping", baris=k.baris, **loc)]
    probs: list[Masalah] = []
    for key in d:
        if key not in KUNCI_KASUS:
            probs.append(Masalah("bidang_tidak_dikenal", baris=k.baris_dari(key), bidang=str(key),
                                 diharapkan=", ".join(KUNCI_KASUS),
                                 saran=mirip(str(key), KUNCI_KASUS), **loc))
    for key in ("name", "rule", "input", "output"):
        if key not in d:
            probs.append(Masalah("bidang_wajib", baris=k.baris, bidang=key, **loc))
    types = {"name": str, "rule": str, "reference": str, "params": Mapping, "input": Mapping,
             "output": Mapping}
    for key, typ in types.items():
        if key in d and d[key] is not None and not isinstance(d[key], typ):
            probs.append(Masalah("tipe_salah", baris=k.baris_dari(key), bidang=key,
                                 diharapkan=t("aturan_umum.tipe." + (
                                     "teks" if typ is str else "mapping")),
                                 ditemukan=repr(d[key]), **loc))
    if "output" in d and not d["output"]:
        probs.append(Masalah("nilai_kosong", baris=k.baris_dari("output"), bidang="output", **loc))
    if "tanggal" in d and baca_tanggal(d["tanggal"]) is None:
        probs.append(Masalah("nilai_tidak_valid", baris=k.baris_dari("tanggal"), bidang="tanggal",
                             diharapkan="YYYY-MM-DD", ditemukan=repr(d["tanggal"]), **loc))
    m = d.get("absolute_error_margin")
    if m is not None and (isinstance(m, bool) or not isinstance(m, int | float) or m < 0):
        probs.append(Masalah("nilai_tidak_valid", baris=k.baris_dari("absolute_error_margin"),
                             bidang="absolute_error_margin", diharapkan=">= 0",
                             ditemukan=repr(m), **loc))
    return probs


def _bandingkan(exp: Any, got: Any, margin: float, path: str,
                out: list[tuple[str, Any, Any, str | None]]) -> None:
    if isinstance(exp, bool) or exp is None or isinstance(exp, str):
        if type(got) is not type(exp) or got != exp:
            out.append((path, exp, got, None))
        return
    if isinstance(exp, int | float):
        ok = (isinstance(got, int | float) and not isinstance(got, bool)
              and math.isfinite(float(got)) and abs(float(got) - float(exp)) <= margin + _TOL)
        if not ok:
            out.append((path, exp, got, None))
        return
    if isinstance(exp, Mapping):
        if not isinstance(got, Mapping):
            out.append((path, exp, got, None))
            return
        for key, e in exp.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in got:
                out.append((sub, e, _HILANG, mirip(str(key), map(str, got))))
            else:
                _bandingkan(e, got[key], margin, sub, out)
        return
    if isinstance(exp, list):
        if not isinstance(got, list) or len(got) != len(exp):
            out.append((path, exp, got, None))
            return
        for i, (e, g) in enumerate(zip(exp, got, strict=True)):
            _bandingkan(e, g, margin, f"{path}[{i}]", out)
        return
    if exp != got:
        out.append((path, exp, got, None))


def _letak_masukan(m: Masalah, k: KasusAturan) -> None:
    """Locate a problem of the case input at its path ``m.isi["jalur"]`` (file, line, field)."""
    jalur = tuple(m.isi.pop("jalur", ()) or ())
    m.berkas = k.berkas
    m.baris = k.baris_dari("input", *jalur) if jalur else k.baris_dari("input")
    m.bidang = f"input.{m.bidang}" if m.bidang and m.bidang != "input" else "input"


def jalankan_kasus(k: KasusAturan) -> HasilKasus:
    """Validate and run one case; never raises for a bad case (status ``rusak``)."""
    probs = _periksa_struktur(k)
    if probs:
        return HasilKasus(k, "rusak", masalah=probs)
    d = k.data
    try:
        rule = get_rule(d["rule"])
    except SimkitError as exc:
        for m in exc.masalah:
            m.berkas, m.baris, m.bidang = k.berkas, k.baris_dari("rule"), "rule"
        return HasilKasus(k, "rusak", masalah=exc.masalah)
    inputs = d["input"] or {}
    probs = rule.periksa_kasus(inputs)
    for m in probs:
        _letak_masukan(m, k)
    if probs:
        return HasilKasus(k, "rusak", masalah=probs)
    try:
        overrides = d.get("params") or {}
        baris_map = {n: k.baris_dari("params", n) for n in overrides}
        # validated whole (each value, then across parameters), once, before the case runs
        if "tanggal" in d:
            overrides = rule.parameter_pada(baca_tanggal(d["tanggal"])).with_overrides(
                overrides, berkas=k.berkas, baris_map=baris_map)
        params = rule.siapkan_parameter(overrides, berkas=k.berkas, baris_map=baris_map)
    except SimkitError as exc:
        for m in exc.masalah:
            m.berkas = m.berkas or k.berkas
            m.baris = m.baris if m.baris is not None else k.baris_dari("params") or k.baris
            m.bidang = f"params.{m.bidang}" if m.bidang else "params"
        return HasilKasus(k, "rusak", masalah=exc.masalah)
    try:
        got = rule.evaluate_case(inputs, params)
    except SimkitError as exc:
        for m in exc.masalah:
            if "jalur" in m.isi:  # an input checked against the parameters names its line
                _letak_masukan(m, k)
            m.berkas = m.berkas or k.berkas
            m.baris = m.baris or k.baris
        return HasilKasus(k, "rusak", masalah=exc.masalah)
    except Exception as exc:  # a bug: report it, never a traceback
        return HasilKasus(k, "rusak", masalah=[Masalah(
            "internal", berkas=k.berkas, baris=k.baris, isi={"detail": repr(exc)})])
    margin = d.get("absolute_error_margin")
    margin = MARGIN_BAWAAN if margin is None else float(margin)
    diffs: list[tuple[str, Any, Any, str | None]] = []
    _bandingkan(dict(d["output"]), got, margin, "", diffs)
    return HasilKasus(k, "gagal" if diffs else "lulus", selisih=diffs, keluaran=got)


def run_case_files(paths: Sequence[str | Path] | str | Path, lang: str | None = None
                   ) -> RuleCaseReport:
    """Run every case of the given files/folders; the report never raises for bad input.

    >>> r = run_case_files("simkit/rules/cases")     # doctest: +SKIP
    >>> r.exit_code                                   # doctest: +SKIP
    0
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    lang = lang or get_lang()
    files, hasil = _files(paths)
    for f in files:
        try:
            cases = muat_berkas(f)
        except SimkitError as exc:
            hasil.append(HasilKasus(None, "rusak", berkas=str(f), masalah=exc.masalah))
            continue
        hasil.extend(jalankan_kasus(k) for k in cases)
    return RuleCaseReport(hasil, lang)
