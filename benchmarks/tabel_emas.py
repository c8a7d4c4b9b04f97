"""Golden tables: prove that every table ``simkit run`` writes stays identical across a refactor.

For each scenario it runs ``simkit.run(..., laporan=False)`` (tables, workbook, charts and
manifest; the tables are the same with the report) and records, per table, the SHA-256 of the
CSV bytes, of the Parquet bytes and of the Parquet *content* (schema and values, independent of
the pyarrow version that wrote the file). ``--tulis`` stores them in ``tests/emas/tabel.json``;
without it the script compares and exits 1 on any difference, naming scenario and table.

    .venv/bin/python benchmarks/tabel_emas.py                 # compare the three Mamuju scenarios
    .venv/bin/python benchmarks/tabel_emas.py --nasional      # also the 4.76 M ASN scenario
    .venv/bin/python benchmarks/tabel_emas.py --tulis         # record (after a deliberate change)

``tests/test_tabel_emas.py`` runs the same comparison for the three Mamuju scenarios. A
fidelity fix that changes numbers re-records with ``--tulis`` and says which tables and why in
its commit message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMAS = ROOT / "tests" / "emas" / "tabel.json"
SKENARIO = ("mamuju_baseline", "puskesmas_waktu_tunggu", "bias_penilai")
"""Scenarios compared by default (and by the test); ``nasional`` only with ``--nasional``."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def isi_parquet(path: Path) -> str:
    """SHA-256 of a Parquet file's schema (without metadata) and values, row by row."""
    import pandas as pd
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    df = t.to_pandas()
    h = hashlib.sha256(t.schema.remove_metadata().to_string().encode("utf-8"))
    h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    return h.hexdigest()


def sidik_tabel(folder: Path) -> dict[str, dict[str, str]]:
    """``{table: {"csv", "parquet", "parquet_isi"}}`` of a run folder's ``tabel/``."""
    out: dict[str, dict[str, str]] = {}
    for csv in sorted((folder / "tabel").glob("*.csv")):
        pq = csv.with_suffix(".parquet")
        out[csv.stem] = {"csv": _sha(csv.read_bytes()), "parquet": _sha(pq.read_bytes()),
                         "parquet_isi": isi_parquet(pq)}
    return out


def jalankan(skenario: str, lang: str = "id") -> dict[str, dict[str, str]]:
    """Run ``scenarios/<skenario>.yaml`` without the report and fingerprint its tables."""
    import os

    import simkit

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "keluaran"
        os.chdir(ROOT)  # the scenario path is written into the tables as the user gave it
        try:
            simkit.run(f"scenarios/{skenario}.yaml", out, lang=lang, progress=False,
                       laporan=False)
        finally:
            os.chdir(cwd)
        return sidik_tabel(out)


def kunci(skenario: str, lang: str) -> str:
    return skenario if lang == "id" else f"{skenario}@{lang}"


def bandingkan(lama: dict[str, dict[str, str]], baru: dict[str, dict[str, str]],
               byte: bool = True) -> list[str]:
    """Differences as text lines (empty: identical). ``byte=False`` compares the CSV bytes and
    the Parquet content only (robust to another pyarrow writing the file)."""
    beda = [f"tabel hilang: {k}" for k in sorted(set(lama) - set(baru))]
    beda += [f"tabel baru: {k}" for k in sorted(set(baru) - set(lama))]
    kolom = ("csv", "parquet", "parquet_isi") if byte else ("csv", "parquet_isi")
    for k in sorted(set(lama) & set(baru)):
        beda += [f"{k}: {c} berbeda" for c in kolom if lama[k].get(c) != baru[k].get(c)]
    return beda


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tulis", action="store_true", help="record instead of compare")
    ap.add_argument("--nasional", action="store_true", help="also the national scenario")
    ap.add_argument("--skenario", nargs="*", default=None)
    ap.add_argument("--abaikan", nargs="*", default=[],
                    help="tables expected to be new or changed (e.g. a new metric)")
    ap.add_argument("--simpan-baru", metavar="BERKAS",
                    help="also write the new fingerprints to this JSON file (to review, then record)")
    a = ap.parse_args(argv)
    semua_baru: dict[str, dict] = {}
    names = list(a.skenario or SKENARIO) + (["nasional"] if a.nasional else [])
    emas = json.loads(EMAS.read_text("utf-8")) if EMAS.is_file() else {}
    gagal = 0
    for nama in names:
        for lang in (("id", "en") if nama == "mamuju_baseline" else ("id",)):
            k = kunci(nama, lang)
            baru = jalankan(nama, lang)
            semua_baru[k] = baru
            if a.tulis:
                emas[k] = baru
                print(f"{k}: {len(baru)} tabel dicatat")
                continue
            if k not in emas:
                print(f"{k}: belum ada catatan emas (jalankan dengan --tulis)")
                gagal += 1
                continue
            beda = [b for b in bandingkan(emas[k], baru)
                    if b.split(":")[-1].strip() not in a.abaikan
                    and b.split(":")[0] not in a.abaikan]
            print(f"{k}: {len(baru)} tabel, " + ("identik" if not beda else "BERBEDA"))
            for b in beda:
                print(f"  {b}")
            gagal += bool(beda)
    if a.simpan_baru:
        Path(a.simpan_baru).write_text(json.dumps(semua_baru, indent=1, sort_keys=True) + "\n",
                                       "utf-8")
    if a.tulis:
        EMAS.parent.mkdir(parents=True, exist_ok=True)
        EMAS.write_text(json.dumps(emas, indent=1, sort_keys=True) + "\n", "utf-8")
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
