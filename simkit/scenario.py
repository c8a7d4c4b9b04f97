"""Scenario files: what population to draw and which rules to compare.

A scenario is a YAML file validated by the pydantic models below. Every mistake is reported
with the file, the line, the field path, what was expected and, for a misspelt key, a
"did you mean", in the user's language.

>>> from simkit.scenario import baca_skenario
>>> s = baca_skenario({"nama": "contoh", "seed": 1, "populasi": {"jumlah_asn": 500}})
>>> s.populasi.jumlah_asn, s.kebenaran.korelasi_hasil_perilaku
(500, 0.5)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simkit.errors import Masalah, SimkitError, mirip
from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT
from simkit.yamlloc import line_of, read_yaml_file

Porsi = float  # a proportion in [0, 1]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, populate_by_name=True)


def _check_sum(values: dict[str, float]) -> None:
    """Shares must sum to 1 (error type ``jumlah_bagian``, ``ctx``: the sum)."""
    total = sum(values.values())
    if abs(total - 1.0) > 1e-6:
        raise PydanticCustomError("jumlah_bagian", "shares sum to {jumlah}, not 1",
                                  {"jumlah": f"{total:.4f}"})


def _check_keys(d: dict[str, float], allowed: tuple[str, ...], field: str) -> None:
    """Keys of ``d`` are exactly ``allowed`` (error types ``kunci_tidak_dikenal``/``kunci_hilang``).

    ``ctx``: ``kunci`` (the key's path below the model, ``field.key``) and ``diizinkan``.
    """
    for k in d:
        if k not in allowed:
            raise PydanticCustomError("kunci_tidak_dikenal", "unknown key {kunci}",
                                      {"kunci": f"{field}.{k}", "diizinkan": allowed})
    for k in allowed:
        if k not in d:
            raise PydanticCustomError("kunci_hilang", "missing key {kunci}",
                                      {"kunci": f"{field}.{k}", "diizinkan": allowed})


def _check_kelas(d: dict[str, float], allowed: tuple[str, ...], field: str) -> None:
    """``d`` gives a share to each class of ``allowed`` and the shares sum to 1."""
    _check_keys(d, allowed, field)
    _check_sum(d)


def _syarat(kunci: str) -> PydanticCustomError:
    """A broken cross-field condition; ``kunci`` names its text ``skenario.<kunci>``."""
    return PydanticCustomError("syarat", "condition {syarat} not met", {"syarat": kunci})


class _Porsi(_Model):
    """Shares that add up to 1 (one field a share)."""

    @model_validator(mode="after")
    def _sum(self) -> _Porsi:
        _check_sum(self.model_dump())
        return self


class PorsiJenisJabatan(_Porsi):
    """Shares of all ASN by jenis jabatan (BKN, 1 Jul 2024: 7 % / 70 % / 23 %)."""

    struktural: Porsi = Field(0.07, ge=0, le=1)
    fungsional: Porsi = Field(0.70, ge=0, le=1)
    pelaksana: Porsi = Field(0.23, ge=0, le=1)


class PorsiGolongan(_Porsi):
    """Shares of PNS by golongan (BKN 2021/2022: I 1 %, II 16 %, III > 50 %; IV the rest [U])."""

    I: Porsi = Field(0.01, ge=0, le=1)  # noqa: E741
    II: Porsi = Field(0.16, ge=0, le=1)
    III: Porsi = Field(0.55, ge=0, le=1)
    IV: Porsi = Field(0.28, ge=0, le=1)


class Komposisi(_Model):
    """Composition of the population; defaults are the national figures of BKN's Statistik ASN (Jun 2024)."""

    pppk: Porsi = Field(0.23, ge=0, le=1, description="share of PPPK among ASN (BKN 2024: 23 %)")
    perempuan: Porsi = Field(0.57, ge=0, le=1, description="share of women (BKN 2024: 57 %)")
    jenis_jabatan: PorsiJenisJabatan = PorsiJenisJabatan()
    guru: Porsi = Field(0.426, ge=0, le=1, description="share of guru among all ASN (BKN 2024)")
    nakes: Porsi = Field(0.136, ge=0, le=1, description="share of tenaga kesehatan (BKN 2024)")
    keahlian: Porsi = Field(
        0.70, ge=0, le=1,
        description="ASSUMPTION: share of fungsional keahlian among fungsional (rest keterampilan)",
    )
    golongan_pns: PorsiGolongan = PorsiGolongan()

    @model_validator(mode="after")
    def _guru_nakes_within_fungsional(self) -> Komposisi:
        if self.guru + self.nakes > self.jenis_jabatan.fungsional + 1e-9:
            raise _syarat("guru_nakes_lebih_dari_fungsional")
        return self


class Populasi(_Model):
    jumlah_asn: int = Field(4500, ge=20, le=10_000_000)
    wilayah: Literal["mamuju", "nasional"] = "mamuju"
    jumlah_instansi: int = Field(1, ge=1, le=5000, description="pemda copies (national scale)")
    komposisi: Komposisi = Komposisi()


class Kebenaran(_Model):
    """The truth model: each ASN's true performance, known to metrics, never to rules."""

    korelasi_hasil_perilaku: float = Field(0.5, ge=-0.99, le=0.99)
    sd_efek_opd: float = Field(0.3, ge=0, le=3, description="sd of the OPD effect on true results")
    bobot_hasil: float = Field(
        0.7, ge=0, le=1,
        description="ASSUMPTION: weight of results in the true overall score (mirrors PP 30 70/30)",
    )
    distribusi: dict[str, Porsi] = Field(
        default_factory=lambda: {
            "sangat_baik": 0.10, "baik": 0.60, "butuh_perbaikan": 0.20,
            "kurang": 0.07, "sangat_kurang": 0.03,
        },
        description="ASSUMPTION: true shares of the five classes, used to cut the true score",
    )

    @model_validator(mode="after")
    def _dist(self) -> Kebenaran:
        _check_kelas(self.distribusi, PREDIKAT, "distribusi")
        return self


class Indikator(_Model):
    jumlah_min: int = Field(3, ge=1, le=10)
    jumlah_maks: int = Field(6, ge=1, le=10)
    sensitivitas: float = Field(0.15, ge=0, le=1, description="how far true performance moves capaian")
    noise_sd: float = Field(0.08, ge=0, le=1, description="relative measurement noise of realisasi")
    kemudahan_target: float = Field(
        0.0, ge=-0.5, le=0.5, description="target easing: +0.1 = targets 10 % easier to reach"
    )
    kemudahan_per_opd: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _range(self) -> Indikator:
        if self.jumlah_min > self.jumlah_maks:
            raise _syarat("min_lebih_dari_maks")
        for v in self.kemudahan_per_opd.values():
            if not -0.5 <= v <= 0.5:
                raise PydanticCustomError("rentang", "outside {rentang}", {"rentang": "-0.5..0.5"})
        return self


class BiasOPD(_Model):
    """One OPD's raters, where they differ from the scenario's (None: as everyone's)."""

    leniensi_rata: float | None = Field(None, ge=-2, le=2)
    tendensi_sentral: float | None = Field(None, ge=0, le=1)
    halo: float | None = Field(None, ge=0, le=1)


class Penilai(_Model):
    """Rater model on the kit's 1-5 behaviour scale."""

    leniensi_rata: float = Field(0.3, ge=-2, le=2, description="mean leniency (+ generous)")
    leniensi_sd: float = Field(0.3, ge=0, le=2, description="spread of leniency between raters")
    tendensi_sentral: float = Field(0.3, ge=0, le=1, description="pull toward the scale midpoint")
    halo: float = Field(0.5, ge=0, le=1, description="share of a rater's overall impression")
    noise_sd: float = Field(0.4, ge=0, le=3)
    inflasi_diri: float = Field(0.6, ge=0, le=3, description="points added to self-ratings")
    jumlah_rekan: int = Field(2, ge=0, le=10)
    jumlah_bawahan_maks: int = Field(3, ge=0, le=10)
    per_opd: dict[str, BiasOPD] = Field(default_factory=dict)


class Tambahan(_Model):
    """The old rules' SKP additions in ``perilaku_aspek``: tugas tambahan and kreativitas (PP
    46/2011), the latter also the innovation of PP 30/2019; drawn from the true results."""

    rerata_tugas_tambahan: float = Field(
        1.0, ge=0, le=20,
        description="ASSUMPTION: mean number of tugas tambahan per ASN in a year",
    )
    porsi_kreativitas: Porsi = Field(
        0.10, ge=0, le=1,
        description="ASSUMPTION: share of ASN with a creative work in the year, those with the "
                    "best true results most likely (PP 30 counts organisasi/negara as innovation)",
    )


class Survei(_Model):
    """Citizen satisfaction survey (SKM, PermenPANRB 14/2017)."""

    aktif: bool = True
    tingkat_respons: Porsi = Field(0.85, gt=0, le=1)
    tidak_menjawab_unsur: Porsi = Field(0.03, ge=0, le=0.9)
    noise_sd: float = Field(0.6, ge=0, le=3)
    bias_sampel: Porsi = Field(0.0, ge=0, le=1, description="share handed to friendly respondents")
    bias_sampel_per_opd: dict[str, Porsi] = Field(default_factory=dict)


class Organisasi(_Model):
    """Organisation results (capaian kinerja organisasi) as heads report them."""

    distribusi_benar: dict[str, Porsi] = Field(
        default_factory=lambda: {
            "istimewa": 0.10, "baik": 0.60, "butuh_perbaikan": 0.20,
            "kurang": 0.07, "sangat_kurang": 0.03,
        },
        description="ASSUMPTION: true shares of organisation results",
    )
    inflasi_laporan: float = Field(
        0.3, ge=0, le=2, description="how many classes (on average) heads round their result up"
    )

    @model_validator(mode="after")
    def _dist(self) -> Organisasi:
        _check_kelas(self.distribusi_benar, CAPAIAN_ORGANISASI, "distribusi_benar")
        return self


class PengaturanPerbandingan(_Model):
    """How ``simkit run`` compares the rules (the analysis, not the population)."""

    stabilitas_R: int = Field(0, ge=0, le=5000, description=(
        "redraws of measurement and rater noise for the stability metric (0 = skip)"))
    seed_putusan: int = Field(8, ge=0, le=500, description=(
        "population seeds the verdict repeats the comparison on, for its uncertainty "
        "intervals (0 = no verdict)"))
    kriteria_penentu: list[str] = Field(default_factory=list, description=(
        "the verdict criteria that answer the scenario's question (default: all)"))


class TargetPeriode(_Model):
    """How next year's IKI targets are set from this year's (reported) realisation."""

    bobot_ratchet: Porsi = Field(0.3, ge=0, le=1, description=(
        "ASSUMPTION: ratchet weight w: next target = target x (realisasi / target)^w "
        "(0 = targets never move; Weitzman 1980, Bell J. Econ. 11:302; the SKP practice of "
        "setting a target from last year's realisation is not quantified in any regulation)"))


class MutasiPeriode(_Model):
    """Who leaves, joins and moves each year (every leaver's position is filled again)."""

    pensiun: bool = Field(True, description=(
        "retire at the batas usia pensiun of the position (PP 11/2017 Pasal 239-240; ages in "
        "simkit/population/data/periode.yaml)"))
    keluar_lain: Porsi = Field(0.005, ge=0, le=0.5, description=(
        "ASSUMPTION: yearly share leaving for other reasons (death, resignation, dismissal)"))
    pindah: Porsi = Field(0.05, ge=0, le=1, description=(
        "ASSUMPTION: yearly share moved (mutasi) to another unit in the same kind of position"))


class Periode(_Model):
    """Several years, each with its periodic evaluations (PermenPANRB 6/2022 Pasal 5: evaluasi
    kinerja periodik dan tahunan), state carried from year to year."""

    tahun: int = Field(5, ge=1, le=30, description="years simulated (year 1 = today's model)")
    evaluasi_per_tahun: Literal[1, 2, 4, 12] = Field(4, description=(
        "periodic evaluations a year: 1 (tahunan), 2 (semester), 4 (triwulan), 12 (bulanan); "
        "PermenPANRB 6/2022 forms 'TRIWULAN I/II/III/IV-AKHIR' (REFERENCE.md 1.4)"))
    predikat_tahunan: Literal["akhir", "rata_rata", "modus", "terakhir"] = Field(
        "akhir", description=(
            "ASSUMPTION: how the annual predikat follows from the periodic ones: 'akhir' (the "
            "annual evaluation on the year's whole evidence, as the form 'IV-AKHIR'), "
            "'rata_rata' (mean rank, half up), 'modus' (most frequent, the better on a tie), "
            "'terakhir' (the last period); the regulation gives no formula [U]"))
    respons: bool = Field(True, description=(
        "behaviour responds to the rule (effort, multi-tasking, sandbagging, gaming, rater "
        "leniency); false = everyone behaves as in year 1"))
    persistensi_kemampuan: float = Field(1.0, ge=0, le=1, description=(
        "ASSUMPTION: year-to-year persistence of true ability (1 = ability fixed)"))
    target: TargetPeriode = TargetPeriode()
    mutasi: MutasiPeriode = MutasiPeriode()
    parameter_respons: dict[str, Any] = Field(default_factory=dict, description=(
        "overrides of the behaviour parameters (simkit/analysis/params/respons.yaml)"))


class AturanSpec(_Model):
    """One rule to apply: a built-in rule id, or a reform = base rule + changed parameters."""

    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    aturan: str = Field(min_length=1, description="rule id as listed by `simkit rules`")
    label: dict[Literal["id", "en"], str] | None = Field(
        None, description="display name: one text, or {id: ..., en: ...}"
    )

    @field_validator("label", mode="before")
    @classmethod
    def _label_teks(cls, v: Any) -> Any:
        """A plain text label serves both languages."""
        return {"id": v, "en": v} if isinstance(v, str) else v
    parameter: dict[str, Any] = Field(default_factory=dict)


class Scenario(_Model):
    """A whole scenario. ``aturan`` may also be written ``rules``."""

    nama: str = Field(min_length=1)
    deskripsi: str = ""
    seed: int = Field(ge=0, le=2**32 - 1)
    populasi: Populasi = Populasi()
    kebenaran: Kebenaran = Kebenaran()
    indikator: Indikator = Indikator()
    penilai: Penilai = Penilai()
    survei: Survei = Survei()
    organisasi: Organisasi = Organisasi()
    tambahan: Tambahan = Tambahan()
    aturan: list[AturanSpec] = Field(
        default_factory=list, validation_alias=AliasChoices("aturan", "rules")
    )
    perbandingan: PengaturanPerbandingan = PengaturanPerbandingan()
    periode: Periode | None = None
    """Several years with behaviour (``None``: the single-year comparison)."""

    _sumber: str | None = PrivateAttr(default=None)
    _baris: dict = PrivateAttr(default_factory=dict)

    @property
    def sumber(self) -> str | None:
        """The file the scenario was read from, if any."""
        return self._sumber

    def line_of(self, *path: object) -> int | None:
        """Line of a field path in the source file (for later, located messages)."""
        return line_of(self._baris, path)

    def hash(self) -> str:
        """SHA-256 of the validated content (canonical JSON): same content, same hash."""
        data = self.model_dump(mode="json", exclude={"periode"} if self.periode is None else None)
        payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def with_seed(self, seed: int) -> Scenario:
        """A copy with another seed (sweeps)."""
        s = self.model_copy(update={"seed": int(seed)})
        s._sumber, s._baris = self._sumber, self._baris
        return s


# --------------------------------------------------------------------------- errors

_TYPE_EXPECT = {
    "int_parsing": "tipe.bulat", "int_type": "tipe.bulat", "int_from_float": "tipe.bulat",
    "float_parsing": "tipe.angka", "float_type": "tipe.angka",
    "bool_parsing": "tipe.boolean", "bool_type": "tipe.boolean",
    "string_type": "tipe.teks", "dict_type": "tipe.mapping", "model_type": "tipe.mapping",
    "list_type": "tipe.daftar",
}


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at the parent of ``loc`` (for 'did you mean')."""
    m: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(m, "model_fields", None)
        if not fields or part not in fields:
            return []
        ann = fields[part].annotation
        inner = getattr(ann, "__args__", None)
        if inner:
            ann = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), ann)
        m = ann
    fields = getattr(m, "model_fields", None) or {}
    return list(fields)


def _problems(exc: ValidationError, berkas: str | None, lines: dict) -> list[Masalah]:
    from simkit.i18n import t

    out: list[Masalah] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = ".".join(str(p) for p in loc)
        typ = err["type"]
        line = line_of(lines, loc)
        found = repr(err.get("input")) if typ not in ("missing",) else None
        if found is not None and len(found) > 60:
            found = found[:57] + "..."
        if typ == "extra_forbidden":
            out.append(Masalah("bidang_tidak_dikenal", berkas=berkas, baris=line, bidang=path,
                               saran=mirip(str(loc[-1]), _allowed_keys(Scenario, loc)),
                               diharapkan=", ".join(_allowed_keys(Scenario, loc)) or None))
            continue
        if typ == "missing":
            out.append(Masalah("bidang_wajib", berkas=berkas, baris=line, bidang=path))
            continue
        ctx = err.get("ctx") or {}
        expected: str | None
        saran = None
        if typ == "jumlah_bagian":
            out.append(Masalah("jumlah_bagian", berkas=berkas, baris=line, bidang=path or None,
                               isi={"jumlah": ctx["jumlah"]}))
            continue
        if typ == "kunci_tidak_dikenal":
            key, allowed = str(ctx["kunci"]), [str(a) for a in ctx["diizinkan"]]
            out.append(Masalah("bidang_tidak_dikenal", berkas=berkas,
                               baris=line_of(lines, (*loc, *key.split("."))),
                               bidang=f"{path}.{key}" if path else key,
                               diharapkan=", ".join(allowed),
                               saran=mirip(key.split(".")[-1], allowed)))
            continue
        if typ == "kunci_hilang":
            key = str(ctx["kunci"])
            out.append(Masalah("bidang_wajib", berkas=berkas, baris=line,
                               bidang=f"{path}.{key}" if path else key))
            continue
        if typ == "rentang":
            expected = str(ctx["rentang"])
        elif typ == "syarat":
            expected = t(f"skenario.{ctx['syarat']}")
        elif typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            sym = {"greater_than_equal": ">=", "less_than_equal": "<=",
                   "greater_than": ">", "less_than": "<"}[typ]
            lim = next(iter(ctx.values())) if ctx else ""
            expected = f"{sym} {lim}"
        elif typ == "literal_error":
            allowed = [a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
            expected = ", ".join(allowed)
            saran = mirip(str(err.get("input")), allowed)
        elif typ in _TYPE_EXPECT:
            expected = t(f"skenario.{_TYPE_EXPECT[typ]}")
        elif typ == "string_pattern_mismatch":
            expected = t("skenario.tipe.id")
        elif typ == "string_too_short":
            expected = t("skenario.tipe.tidak_kosong")
        else:
            expected = err.get("msg")
        out.append(Masalah("nilai_tidak_valid", berkas=berkas, baris=line, bidang=path or None,
                           diharapkan=expected, ditemukan=found, saran=saran))
    return out


def baca_skenario(source: str | Path | Mapping[str, Any] | Scenario) -> Scenario:
    """Read a scenario from a YAML path, a mapping or a Scenario and check its schema only.

    Raises :class:`~simkit.errors.SimkitError` listing every problem with its location. The
    checks that need the OPD catalogue or the rules are composed on top of this by
    :func:`simkit.orchestration.skenario.load_scenario` (the public ``simkit.load_scenario``).

    >>> baca_skenario({"nama": "x", "seed": 3}).populasi.wilayah
    'mamuju'
    """
    if isinstance(source, Scenario):
        return source
    berkas: str | None = None
    lines: dict = {}
    if isinstance(source, Mapping):
        data: object = dict(source)
    else:
        berkas = str(source)
        data, lines = read_yaml_file(source)
    if not isinstance(data, dict):
        raise SimkitError(Masalah("bukan_mapping", berkas=berkas, baris=1))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        probs = sorted(_problems(exc, berkas, lines), key=lambda m: m.baris or 0)
        raise SimkitError(probs) from None
    scenario._sumber, scenario._baris = berkas, lines
    return scenario

