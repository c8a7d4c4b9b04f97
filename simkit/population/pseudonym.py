"""Pseudonyms for imported personal data: NIP and nama never leave the importer.

A NIP becomes ``"PSN"`` + 15 hex digits of HMAC-SHA256(garam, NIP): 18 characters like a NIP,
but never mistaken for one (it has letters). A name becomes ``"ASN-"`` + the next 8 hex digits
of that HMAC (keyed on the NIP, so two people with the same name stay apart). The same salt
gives the same pseudonyms; the salt is never written into any output.

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


def _hmac_hex(nilai: list[str], kunci: bytes) -> list[str]:
    # One HMAC per distinct NIP: a keyed hash has no vectorised form in numpy; this is an
    # import-boundary cost (about 2.5 us per NIP), like parsing the CSV itself.
    dasar = hmac.new(kunci, digestmod=hashlib.sha256)
    out = []
    for v in nilai:
        h = dasar.copy()
        h.update(f"nip:{v}".encode())
        out.append(h.hexdigest())
    return out


def pseudonim(nip: Iterable[object], kunci: bytes) -> tuple[np.ndarray, np.ndarray]:
    """NIP and name pseudonyms for each NIP, from one HMAC-SHA256(kunci, NIP).

    NIP: ``"PSN"`` + hex digits 1-15; name: ``"ASN-"`` + hex digits 16-23. A NIP that is
    already a pseudonym keeps it. Missing NIPs give ``None``.
    """
    s = nip if isinstance(nip, pd.Series) else pd.Series(list(nip), dtype="str")
    codes, uniq = pd.factorize(s.astype("str"))
    u = np.asarray(uniq, dtype=object)
    hx = _hmac_hex(u.tolist(), kunci)
    ps_nip = np.array([AWALAN_NIP + h[:_PANJANG_NIP] for h in hx] + [None], dtype=object)
    ps_nama = np.array([AWALAN_NAMA + h[_PANJANG_NIP:_PANJANG_NIP + _PANJANG_NAMA] for h in hx]
                       + [None], dtype=object)
    sudah = pd.Series(u, dtype="str").str.fullmatch(POLA_PSEUDONIM_NIP).to_numpy(dtype=bool)
    ps_nip[:-1][sudah] = u[sudah]
    return ps_nip[codes], ps_nama[codes]


def pseudonim_nip(nip: Iterable[object], kunci: bytes) -> np.ndarray:
    """``"PSN"`` + 15 hex digits of HMAC-SHA256(kunci, NIP); values already pseudonyms stay."""
    return pseudonim(nip, kunci)[0]


def pseudonimkan(tables: Mapping[str, pd.DataFrame], garam: str | bytes | None = None,
                 ) -> dict[str, pd.DataFrame]:
    """Replace ``pegawai.nip`` and ``pegawai.nama`` by pseudonyms, and any NIP found elsewhere.

    Any text column of any table holding one of the original NIPs (e.g. an evaluator's NIP)
    gets the same pseudonym. Names already pseudonyms stay.

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
    nip_baru, nama_baru = pseudonim(nip_asli, kunci)
    ada = nip_asli.notna().to_numpy()
    if len(pd.unique(nip_baru[ada])) != len(pd.unique(nip_asli[ada])):
        raise galat("pseudonim_bentrok")
    peg = peg.copy()
    peg["nip"] = pd.Series(nip_baru, index=peg.index, dtype="str")
    if "nama" in peg:
        nama = peg["nama"].astype("str")
        sudah = nama.fillna("").str.fullmatch(POLA_PSEUDONIM_NAMA).to_numpy(dtype=bool)
        # a row without a NIP (refused by validation anyway) still loses its name
        nama_baru = np.where(ada, nama_baru, AWALAN_NAMA + "0" * _PANJANG_NAMA)
        peg["nama"] = pd.Series(np.where(sudah, nama.to_numpy(dtype=object), nama_baru),
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
            codes, uniq = pd.factorize(df[c])  # few distinct values: look those up only
            baru = pd.Index(np.asarray(uniq, dtype=object)).map(peta)
            kena_u = np.asarray(baru.notna(), dtype=bool)
            if kena_u.any():
                kena = (codes >= 0) & kena_u[np.maximum(codes, 0)]
                nilai = np.asarray(baru, dtype=object)[np.maximum(codes, 0)]
                ganti[c] = df[c].where(~kena, pd.Series(nilai, index=df.index, dtype="str"))
        if ganti:
            out[name] = df.assign(**ganti)
    return out


def cari_pegawai(pegawai: pd.DataFrame, teks: object, garam: str | bytes | None = None) -> int:
    """The ``asn_id`` of the employee ``teks`` names: an ``asn_id``, a NIP (18 digits; after
    import, found through its pseudonym with the same salt) or a NIP pseudonym. An unknown
    one is a located error that never repeats a NIP in full.

    >>> peg = pd.DataFrame({"asn_id": [7], "nip": pseudonim_nip(["196608011988031001"],
    ...                                                       ambil_garam("x"))})
    >>> cari_pegawai(peg, "196608011988031001", "x"), cari_pegawai(peg, 7)
    (7, 7)
    """
    s = str(teks).strip()
    ids = pegawai["asn_id"]
    if s.isdigit() and len(s) < 18 and (ids == int(s)).any():
        return int(s)
    nip = pegawai["nip"].astype("str") if "nip" in pegawai else pd.Series([], dtype="str")
    calon = [s]
    if s.isdigit() and len(s) == 18:
        calon.append(str(pseudonim_nip([s], ambil_garam(garam))[0]))
    hit = ids[nip.isin(calon).to_numpy()]
    if len(hit):
        return int(hit.iloc[0])
    tersamar = f"…{s[-4:]}" if len(s) >= 8 else s
    raise galat("pegawai_tidak_ditemukan", bidang="--pegawai", ditemukan=tersamar)
