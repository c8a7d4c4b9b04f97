"""Bahasa Indonesia first, English on request.

Every text a user reads comes from the catalogues ``id.yaml`` and ``en.yaml`` beside this
module. The language is, in order: :func:`set_lang`, the ``SIMKIT_LANG`` environment
variable, then Indonesian.

>>> from simkit.i18n import t, set_lang
>>> set_lang("en"); t("predikat.sangat_baik")
'Very good'
>>> set_lang("id"); t("predikat.sangat_baik")
'Sangat Baik'

A feature keeps its texts beside it: every ``i18n/`` folder of the package (and its
subfolders) holds ``<name>.id.yaml`` / ``<name>.en.yaml`` files, all found by this module when
a text is first asked for; nothing registers itself. A key is defined in one file only
(``tests/test_i18n.py`` checks it), so the order the files are read in never matters.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

LANGS = ("id", "en")
_HERE = Path(__file__).parent
_PAKET = _HERE.parent
_state: dict[str, str | None] = {"lang": None}


def get_lang() -> str:
    """The active language code: ``"id"`` (default) or ``"en"``."""
    lang = _state["lang"] or os.environ.get("SIMKIT_LANG", "id")
    lang = (lang or "id").strip().lower()[:2]
    return lang if lang in LANGS else "id"


def set_lang(lang: str | None) -> None:
    """Choose the language for this process; ``None`` returns to ``SIMKIT_LANG``/Indonesian."""
    if lang is not None and lang[:2].lower() not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    _state["lang"] = None if lang is None else lang[:2].lower()


def berkas_katalog(lang: str) -> list[Path]:
    """Every catalogue file of ``lang``: this folder's ``<lang>.yaml``, then every
    ``*.<lang>.yaml`` under an ``i18n/`` folder of the package, in path order."""
    return [_HERE / f"{lang}.yaml", *sorted(_PAKET.glob(f"**/i18n/**/*.{lang}.yaml"))]


def _flatten(prefix: str, node: object, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out[prefix] = str(node)


@cache
def _catalogue(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in berkas_katalog(lang):
        with open(f, encoding="utf-8") as fh:
            _flatten("", yaml.safe_load(fh) or {}, out)
    return out


def has(key: str, lang: str | None = None) -> bool:
    """Whether ``key`` exists in the catalogue of ``lang`` (default: active language)."""
    return key in _catalogue(lang or get_lang())


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """Translate ``key`` and fill ``{placeholders}`` from ``kwargs``.

    A key missing in English falls back to Indonesian; missing in both, the key itself is
    returned so a gap is visible rather than fatal.
    """
    lang = lang or get_lang()
    text = _catalogue(lang).get(key)
    if text is None:
        text = _catalogue("id").get(key, key)
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def label(kind: str, value: object, lang: str | None = None) -> str:
    """Display label of a vocabulary id, e.g. ``label("predikat", "kurang")`` -> 'Kurang/Misconduct'."""
    key = f"{kind}.{value}"
    return t(key, lang) if has(key, lang) or has(key, "id") else str(value)
