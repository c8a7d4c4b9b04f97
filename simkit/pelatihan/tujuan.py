"""The kit's table of episodes and learning objectives (``training/tujuan.yaml``).

The training spec fixes nine episodes (number, file slug, the notebooks and widgets each is
tied to) and their objectives ``NN.k``. Episodes (block ``tujuan``) and the quiz bank (field
``tujuan`` of an item) use exactly these ids; :mod:`simkit.pelatihan.periksa` checks both.
Format::

    episode:
    - {nomor: "03", slug: menulis-indikator, notebook: [notebooks/02_kalkulator_saya.ipynb],
       widget: [kalkulator]}
    tujuan:
    - id: "03.2"
      episode: "03"
      teks: {id: "Menghitung capaian ...", en: "Compute the capaian ..."}

>>> tabel = muat_tujuan()
>>> len(tabel.episode), len(tabel.tujuan), tabel.id_episode("03")
(9, 27, ['03.1', '03.2', '03.3'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError
from simkit.i18n import LANGS
from simkit.yamlloc import line_of, read_yaml_file

BERKAS_BAWAAN = Path(__file__).resolve().parents[2] / "training" / "tujuan.yaml"
"""The kit's table."""

POLA_NOMOR = re.compile(r"^\d{2}$")
POLA_ID = re.compile(r"^(\d{2})\.(\d+)$")


@dataclass(frozen=True)
class EntriEpisode:
    """One episode of the table: number, slug, the notebooks and widgets it is tied to."""

    nomor: str
    slug: str
    notebook: tuple[str, ...]
    widget: tuple[str, ...]
    baris: int | None = None


@dataclass(frozen=True)
class Tujuan:
    """One learning objective."""

    id: str
    episode: str
    teks: dict[str, str]
    baris: int | None = None


@dataclass
class TabelTujuan:
    """The table: episodes by number, objectives in file order."""

    berkas: str
    episode: dict[str, EntriEpisode] = field(default_factory=dict)
    tujuan: list[Tujuan] = field(default_factory=list)

    def id_episode(self, nomor: str) -> list[str]:
        """The objective ids of episode ``nomor``."""
        return [t.id for t in self.tujuan if t.episode == nomor]

    def cari(self, id_tujuan: str) -> Tujuan | None:
        """The objective ``id_tujuan``, if it is in the table."""
        return next((t for t in self.tujuan if t.id == id_tujuan), None)


def urai_tujuan(path: str | Path) -> tuple[TabelTujuan, list[Masalah]]:
    """Read the table; return it with every problem found (file, line, field)."""
    berkas = str(path)
    tabel = TabelTujuan(berkas)
    try:
        data, lines = read_yaml_file(path)
    except SimkitError as e:
        return tabel, e.masalah
    masalah: list[Masalah] = []

    def tambah(kode: str, jalur: tuple[Any, ...], **kw: Any) -> None:
        loc = {k: kw.pop(k) for k in ("diharapkan", "ditemukan") if k in kw}
        masalah.append(Masalah(kode, berkas=berkas, baris=line_of(lines, jalur),
                               bidang=".".join(str(x) for x in jalur), isi=kw, **loc))

    if not isinstance(data, dict):
        tambah("periksa_bukan_peta", (), ditemukan=type(data).__name__)
        return tabel, masalah
    for i, e in enumerate(data.get("episode") or []):
        jalur = ("episode", i)
        if not isinstance(e, dict) or not POLA_NOMOR.match(str(e.get("nomor", ""))) \
                or not isinstance(e.get("slug"), str):
            tambah("nilai_tidak_valid", jalur, diharapkan='{nomor: "NN", slug: ..., notebook: '
                   '[...], widget: [...]}', ditemukan=repr(e))
            continue
        nomor = str(e["nomor"])
        if nomor in tabel.episode:
            tambah("periksa_id_ganda", (*jalur, "nomor"), id=nomor)
            continue
        tabel.episode[nomor] = EntriEpisode(nomor, e["slug"], tuple(e.get("notebook") or ()),
                                            tuple(e.get("widget") or ()),
                                            line_of(lines, jalur))
    if not tabel.episode:
        tambah("bidang_wajib", ("episode",))
    dilihat: set[str] = set()
    for i, t in enumerate(data.get("tujuan") or []):
        jalur = ("tujuan", i)
        m = POLA_ID.match(str(t.get("id", ""))) if isinstance(t, dict) else None
        if m is None:
            tambah("nilai_tidak_valid", (*jalur, "id"), diharapkan='"NN.k"',
                   ditemukan=repr(t.get("id") if isinstance(t, dict) else t))
            continue
        tid, ep = str(t["id"]), str(t.get("episode"))
        if tid in dilihat:
            tambah("periksa_id_ganda", (*jalur, "id"), id=tid)
            continue
        dilihat.add(tid)
        if ep != m.group(1) or ep not in tabel.episode:
            tambah("periksa_tujuan_episode", (*jalur, "episode"), id=tid,
                   diharapkan=m.group(1), ditemukan=ep)
        teks = t.get("teks")
        if not isinstance(teks, dict) or any(not isinstance(teks.get(b), str)
                                             or not teks[b].strip() for b in LANGS):
            tambah("periksa_dwibahasa", (*jalur, "teks"), diharapkan="{id: ..., en: ...}",
                   ditemukan=repr(teks))
            continue
        tabel.tujuan.append(Tujuan(tid, ep, {b: teks[b] for b in LANGS}, line_of(lines, jalur)))
    if not tabel.tujuan:
        tambah("bidang_wajib", ("tujuan",))
    for nomor in tabel.episode:
        if not tabel.id_episode(nomor):
            tambah("periksa_episode_tanpa_tujuan", ("episode",), episode=nomor)
    return tabel, masalah


def muat_tujuan(path: str | Path = BERKAS_BAWAAN) -> TabelTujuan:
    """The table; any problem in it is a located :class:`~simkit.errors.SimkitError`."""
    tabel, masalah = urai_tujuan(path)
    if masalah:
        raise SimkitError(masalah)
    return tabel
