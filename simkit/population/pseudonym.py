"""Pseudonyms for imported personal data: NIP and nama never leave the importer.

A NIP becomes ``"PSN"`` + 15 hex digits of HMAC-SHA256(garam, NIP): 18 characters like a NIP,
but never mistaken for one (it has letters). A name becomes ``"ASN-"`` + 8 hex digits keyed on
the NIP, so two people with the same name stay apart. The same salt (garam) gives the same
pseudonyms; the salt is never written into any output.

The salt is, in order: the ``garam`` argument, the ``SIMKIT_GARAM`` environment variable, or a
random secret created once in ``$XDG_CONFIG_HOME/simkit/garam`` (default ``~/.config``; mode
0600).

>>> kunci = ambil_garam("rahasia")
>>> pseudonim_nip(["196608011988031001"], kunci)[0][:3], len(pseudonim_nip(["1"], kunci)[0])
('PSN', 18)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from simkit.errors import galat
from simkit.population.validate import POLA_PSEUDONIM_NIP

AWALAN_NIP = "PSN"
AWALAN_NAMA = "ASN-"
POLA_PSEUDONIM_NAMA = r"ASN-[0-9a-f]{8}"
_PANJANG_NIP = 15
_PANJANG_NAMA = 8


def _berkas_garam() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "simkit" / "garam"


def ambil_garam(garam: str | bytes | None = None) -> bytes:
    """The HMAC key: ``garam``, else ``$SIMKIT_GARAM``, else the stored (or new) local secret."""
    if garam is None:
        garam = os.environ.get("SIMKIT_GARAM") or None
    if garam is not None:
        return garam if isinstance(garam, bytes) else str(garam).encode("utf-8")
    path = _berkas_garam()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # created meanwhile by another process
                pass
            else:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    fh.write(secrets.token_hex(32) + "\n")
        kunci = path.read_text(encoding="ascii").strip()
    except OSError as e:
        raise galat("garam_tidak_terbaca", berkas=str(path), detail=type(e).__name__) from None
    if not kunci:
        raise galat("garam_tidak_terbaca", berkas=str(path), detail="kosong")
    return kunci.encode("ascii")


def _hmac_hex(nilai: Iterable[object], kunci: bytes, awalan: str, n: int) -> list[str]:
    # One HMAC per distinct value: a keyed hash has no vectorised form in numpy; this is an
    # import-boundary cost (about 1.5 us per value), like parsing the CSV itself.
    dasar = hmac.new(kunci, digestmod=hashlib.sha256)
    out = []
    for v in nilai:
        h = dasar.copy()
        h.update(f"{awalan}:{v}".encode())
        out.append(h.hexdigest()[:n])
    return out


def pseudonim_nip(nip: Iterable[object], kunci: bytes) -> np.ndarray:
    """``"PSN"`` + 15 hex digits of HMAC-SHA256(kunci, NIP); values already pseudonyms stay."""
    s = pd.Series(list(nip) if not isinstance(nip, pd.Series) else nip, dtype="str")
    codes, uniq = pd.factorize(s)
    uniq_s = pd.Series(uniq, dtype="str")
    sudah = uniq_s.str.fullmatch(POLA_PSEUDONIM_NIP).to_numpy()
    ps = np.array([AWALAN_NIP + h for h in _hmac_hex(uniq, kunci, "nip", _PANJANG_NIP)] + [None],
                  dtype=object)
    ps[:-1][sudah] = np.asarray(uniq, dtype=object)[sudah]
    return ps[codes]


def pseudonim_nama(kunci_baris: Iterable[object], kunci: bytes) -> np.ndarray:
    """``"ASN-"`` + 8 hex digits of HMAC-SHA256(kunci, key of the row) (the key: the NIP)."""
    s = pd.Series(list(kunci_baris) if not isinstance(kunci_baris, pd.Series) else kunci_baris,
                  dtype="str")
    codes, uniq = pd.factorize(s)
    ps = np.array([AWALAN_NAMA + h for h in _hmac_hex(uniq, kunci, "nama", _PANJANG_NAMA)] + [None],
                  dtype=object)
    return ps[codes]


def pseudonimkan(tables: Mapping[str, pd.DataFrame], garam: str | bytes | None = None,
                 ) -> dict[str, pd.DataFrame]:
    """Replace ``pegawai.nip`` and ``pegawai.nama`` by pseudonyms, and any NIP found elsewhere.

    Any text column of any table holding one of the original NIPs (an evaluator's NIP, a
    ``*_raw`` column) gets the same pseudonym. Names already pseudonyms stay.

    >>> import pandas as pd
    >>> t = pseudonimkan({"pegawai": pd.DataFrame({"nip": ["196608011988031001"],
    ...                                            "nama": ["Rina"]})}, garam="x")
    >>> t["pegawai"]["nama"].iloc[0].startswith("ASN-")
    True
    """
    kunci = ambil_garam(garam)
    out = dict(tables)
    peg = tables.get("pegawai")
    if peg is None or "nip" not in peg:
        return out
    nip_asli = peg["nip"].astype("str")
    nip_baru = pseudonim_nip(nip_asli, kunci)
    asli_unik = nip_asli.dropna().unique()
    if len(pd.unique(nip_baru[nip_asli.notna().to_numpy()])) != len(asli_unik):
        raise galat("pseudonim_bentrok")
    peg = peg.copy()
    peg["nip"] = pd.Series(nip_baru, index=peg.index, dtype="str")
    if "nama" in peg:
        nama = peg["nama"].astype("str")
        sudah = nama.fillna("").str.fullmatch(POLA_PSEUDONIM_NAMA).to_numpy()
        baru = pseudonim_nama(nip_asli.fillna(nama), kunci)
        peg["nama"] = pd.Series(np.where(sudah, nama.to_numpy(dtype=object), baru),
                                index=peg.index, dtype="str")
    out["pegawai"] = peg
    peta = pd.Series(nip_baru, index=nip_asli.to_numpy())
    peta = peta[peta.index.notna() & ~peta.index.duplicated()]
    for name, df in out.items():
        ganti = {}
        for c in df.columns:
            if (name, c) == ("pegawai", "nip") or not pd.api.types.is_string_dtype(df[c]) or \
                    isinstance(df[c].dtype, pd.CategoricalDtype):
                continue
            kena = df[c].isin(peta.index)
            if kena.any():
                ganti[c] = df[c].where(~kena, df[c].map(peta))
        if ganti:
            out[name] = df.assign(**ganti)
    return out
