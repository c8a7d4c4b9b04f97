"""Controls declared as data, built from a rule's parameter metadata (after Mesa's ``UserParam``).

Every parameter of a :class:`~simkit.rules.params.ParameterSet` becomes one :class:`Kontrol`
(a scalar) or one :class:`GrupKontrol` (a mapping: one described control per leaf). The
declaration holds everything a view needs (kind, label, unit, reference, value, range, step,
labelled choices) and nothing of ipywidgets; :func:`buat_widget` is the one place that turns a
declaration into a widget.

Kinds (``jenis``): ``desimal`` (tipe angka: a FloatSlider over the display range ``tampil``
with step ``langkah``), ``bulat`` (an IntSlider), ``ya_tidak`` (a Checkbox), ``pilihan`` (a
Dropdown with labelled options), ``teks`` (a Text) and ``yaml`` (a list or a leaf without a
fixed type, edited as YAML text in a Textarea). Validation bounds (``min``/``max``, e.g. 0-1000) are not
slider ranges: without ``tampil`` the range is ``min .. max`` when both are given, else one
around the value.

>>> from simkit.rules.params import load_params
>>> k = kontrol_parameter(load_params("permenpanrb_6_2022"), "ambang_hasil_sesuai", lang="en")
>>> k.jenis, k.nilai, k.rentang, k.langkah
('desimal', 90, (50, 150), 1)
>>> g = kontrol_parameter(load_params("permenpanrb_6_2022"), "bobot_360", lang="en")
>>> [a.jalur for a in g.anak][:2]
[('bobot_360', 'atasan'), ('bobot_360', 'rekan')]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from simkit.i18n import get_lang, t
from simkit.presentation.label import (
    PEMISAH_JALUR,
    label_jalur,
    label_parameter,
    label_satuan,
    teks_parameter,
)
from simkit.rules.params import ParameterSet, ParamMeta

JENIS = ("desimal", "bulat", "ya_tidak", "pilihan", "teks", "yaml")
"""The kinds of control."""


@dataclass(frozen=True)
class Kontrol:
    """One control: the value at ``jalur`` (parameter name, then mapping keys)."""

    jalur: tuple[str, ...]
    jenis: str
    label: str
    nilai: Any
    satuan: str = ""
    rentang: tuple[float, float] | None = None
    langkah: float | None = None
    pilihan: tuple[tuple[str, Any], ...] = ()
    """(label, value) of a Dropdown."""
    keterangan: str = ""
    """Description, reference and the assumption flag, for a tooltip or a line below."""

    @property
    def nama(self) -> str:
        """The parameter the control belongs to."""
        return self.jalur[0]


@dataclass(frozen=True)
class GrupKontrol:
    """The described controls of a mapping parameter, one per leaf."""

    nama: str
    label: str
    keterangan: str
    anak: tuple[Kontrol, ...]

    @property
    def jalur(self) -> tuple[str, ...]:
        return (self.nama,)

    @property
    def jenis(self) -> str:
        """``grup`` (its leaves have the kinds of :data:`JENIS`)."""
        return "grup"


def _keterangan(meta: ParamMeta, lang: str) -> str:
    bagian = [meta.teks(lang), f"{t('kontrol.referensi', lang)}: {meta.referensi}"]
    if meta.asumsi:
        bagian.append(t("kontrol.asumsi", lang))
    return " — ".join(bagian)


def _langkah_bawaan(lo: float, hi: float, bulat: bool) -> float:
    if bulat:
        return 1
    return 10.0 ** math.floor(math.log10((hi - lo) / 100)) if hi > lo else 0.01


def rentang_tampil(meta: ParamMeta, nilai: float) -> tuple[float, float]:
    """The slider range of a numeric value of ``meta``: ``tampil``, else ``min .. max`` when
    both are given, else a range around ``nilai`` inside the bounds; always holding ``nilai``.

    >>> from simkit.rules.params import load_params
    >>> rentang_tampil(load_params("pp30_2019").meta("bobot_skp"), 0.7)
    (0, 1)
    """
    if meta.tampil is not None:
        lo, hi = meta.tampil
    elif meta.min is not None and meta.max is not None:
        lo, hi = meta.min, meta.max
    else:
        besar = max(abs(float(nilai)) * 2, 1.0)
        lo = meta.min if meta.min is not None else (0 if nilai >= 0 else -besar)
        hi = meta.max if meta.max is not None else besar
    return (min(lo, nilai), max(hi, nilai))


def _daun(meta: ParamMeta, jalur: tuple[str, ...], nilai: Any, label: str, satuan: str,
          ket: str, aturan: Sequence[str], lang: str) -> Kontrol:
    """The control of one scalar (a parameter or a leaf of a mapping)."""
    nama = jalur[0]
    if isinstance(nilai, bool):
        return Kontrol(jalur, "ya_tidak", label, nilai, satuan, keterangan=ket)
    if isinstance(nilai, int | float) and meta.tipe != "teks":
        bulat = meta.tipe == "bulat" or (isinstance(nilai, int) and meta.langkah is not None
                                          and float(meta.langkah).is_integer()
                                          and meta.tipe != "angka")
        lo, hi = rentang_tampil(meta, nilai)
        langkah = meta.langkah or _langkah_bawaan(lo, hi, bulat)
        return Kontrol(jalur, "bulat" if bulat else "desimal", label, nilai, satuan, (lo, hi),
                       langkah, keterangan=ket)
    if isinstance(nilai, str) and meta.pilihan is not None:
        opsi = tuple((teks_parameter(nama, p, lang, aturan), p) for p in meta.pilihan)
        return Kontrol(jalur, "pilihan", label, nilai, satuan, pilihan=opsi, keterangan=ket)
    if isinstance(nilai, str):
        return Kontrol(jalur, "teks", label, nilai, satuan, keterangan=ket)
    return Kontrol(jalur, "yaml", label, teks_yaml(nilai), satuan, keterangan=ket)


def teks_yaml(nilai: Any) -> str:
    """A value as one YAML text (the ``yaml`` control's value).

    >>> teks_yaml([1, 2])
    '[1, 2]'
    """
    return yaml.safe_dump(nilai, allow_unicode=True, default_flow_style=True,
                          sort_keys=False).strip().removesuffix("...").strip()


def baca_yaml(teks: str, bidang: str = "") -> Any:
    """The value of a ``yaml`` control's text (``yaml.safe_load``); a syntax error raises a
    :class:`~simkit.errors.SimkitError` located at the parameter ``bidang``.

    >>> baca_yaml("[a, b]")
    ['a', 'b']
    """
    from simkit.errors import galat

    try:
        return yaml.safe_load(teks)
    except yaml.YAMLError:
        raise galat("nilai_tidak_valid", diharapkan="YAML", ditemukan=repr(teks),
                    bidang=bidang or None) from None


def _leaves(nilai: Mapping, jalur: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    out: list[tuple[tuple[str, ...], Any]] = []
    for k, v in nilai.items():
        if isinstance(v, Mapping):
            out.extend(_leaves(v, (*jalur, str(k))))
        else:
            out.append(((*jalur, str(k)), v))
    return out


def kontrol_parameter(params: ParameterSet, nama: str, lang: str | None = None
                      ) -> Kontrol | GrupKontrol:
    """The control (or the group of controls of a mapping) of parameter ``nama``."""
    lang = lang or get_lang()
    meta = params.meta(nama)
    nilai = params[nama]
    aturan = (params.rule_id,)
    satuan = label_satuan(meta.satuan, lang)
    ket = _keterangan(meta, lang)
    judul = label_parameter(nama, lang)
    if meta.tipe == "mapping" and isinstance(nilai, Mapping):
        anak = tuple(
            _daun(meta, jalur, v, label_jalur(PEMISAH_JALUR.join(jalur), lang, aturan)
                  .split(PEMISAH_JALUR, 1)[-1], satuan, ket, aturan, lang)
            for jalur, v in _leaves(nilai, (nama,)))
        return GrupKontrol(nama, judul, ket, anak)
    return _daun(meta, (nama,), nilai, judul, satuan, ket, aturan, lang)


def kontrol_aturan(params: ParameterSet, lang: str | None = None) -> list[Kontrol | GrupKontrol]:
    """One control (or group) per parameter of ``params``, in file order.

    >>> from simkit.rules.params import load_params
    >>> [k.jenis for k in kontrol_aturan(load_params("pp46_2011"))][6:9]
    ['pilihan', 'grup', 'yaml']
    """
    return [kontrol_parameter(params, n, lang) for n in params]


def daun(kontrol: Sequence[Kontrol | GrupKontrol]) -> list[Kontrol]:
    """Every scalar control of ``kontrol``, groups opened."""
    return [a for k in kontrol for a in (k.anak if isinstance(k, GrupKontrol) else (k,))]


def nilai_kontrol(k: Kontrol, nilai_widget: Any) -> Any:
    """The parameter value a widget's value stands for (a ``yaml`` text read, a number kept
    an int for ``bulat``)."""
    if k.jenis == "yaml":
        return baca_yaml(nilai_widget, ".".join(k.jalur))
    if k.jenis == "bulat":
        return int(nilai_widget)
    if k.jenis == "desimal":
        v = float(nilai_widget)
        return int(v) if isinstance(k.nilai, int) and v.is_integer() else v
    return nilai_widget


# --------------------------------------------------------------------------- ipywidgets


def buat_widget(k: Kontrol) -> Any:
    """The ipywidgets widget of one declared control (its ``description`` is the label)."""
    import ipywidgets as W

    gaya = {"description_width": "initial"}
    tata = W.Layout(width="95%")
    umum = {"description": k.label + (f" ({k.satuan})" if k.satuan else ""),
            "tooltip": k.keterangan, "style": gaya, "layout": tata}
    if k.jenis == "desimal":
        lo, hi = k.rentang or (0, 1)
        desimal = max(0, -math.floor(math.log10(k.langkah))) if k.langkah else 2
        return W.FloatSlider(value=k.nilai, min=lo, max=hi, step=k.langkah,
                             readout_format=f".{desimal}f", continuous_update=False, **umum)
    if k.jenis == "bulat":
        lo, hi = k.rentang or (0, 10)
        return W.IntSlider(value=k.nilai, min=int(lo), max=int(hi), step=int(k.langkah or 1),
                           continuous_update=False, **umum)
    if k.jenis == "ya_tidak":
        umum.pop("tooltip")
        return W.Checkbox(value=k.nilai, indent=False, **umum)
    if k.jenis == "pilihan":
        return W.Dropdown(options=list(k.pilihan), value=k.nilai, **umum)
    if k.jenis == "yaml":
        return W.Textarea(value=str(k.nilai), continuous_update=False, rows=2, **umum)
    return W.Text(value=str(k.nilai), continuous_update=False, **umum)
