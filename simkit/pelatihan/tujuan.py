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

>>> tabel = muat_tabel()
>>> len(tabel.episode), len(tabel.tujuan), tabel.id_episode("03")
(9, 27, ['03.1', '03.2', '03.3'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError
from simkit.widgets.kuis import Tujuan
from simkit.widgets.kuis import muat_tujuan as muat_tujuan_kuis
from simkit.yamlloc import line_of, read_yaml_file

BERKAS_BAWAAN = Path(__file__).resolve().parents[2] / "training" / "tujuan.yaml"
"""The kit's table."""

POLA_NOMOR = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class EntriEpisode:
    """One episode of the table: number, slug, the notebooks and widgets it is tied to."""

    nomor: str
    slug: str
    notebook: tuple[str, ...]
    widget: tuple[str, ...]
    baris: int | None = None


@dataclass
class TabelTujuan:
    """The table: episodes by number, objectives (:class:`simkit.widgets.kuis.Tujuan`, read
    by the quiz bank's own :func:`~simkit.widgets.kuis.muat_tujuan`) in file order, and the
    line of each objective."""

    berkas: str
    episode: dict[str, EntriEpisode] = field(default_factory=dict)
    tujuan: list[Tujuan] = field(default_factory=list)
    baris: dict[str, int | None] = field(default_factory=dict)

    def id_episode(self, nomor: str) -> list[str]:
        """The objective ids of episode ``nomor``."""
        return [t.id for t in self.tujuan if t.episode == nomor]

    def cari(self, id_tujuan: str) -> Tujuan | None:
        """The objective ``id_tujuan``, if it is in the table."""
        return next((t for t in self.tujuan if t.id == id_tujuan), None)


def urai_tujuan(path: str | Path) -> tuple[TabelTujuan, list[Masalah]]:
    """Read the table; return it with every problem found (file, line, field). The objectives
    are checked by the quiz bank's loader; this adds the episode table and that every
    objective's episode is in it and every episode has objectives."""
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
    try:
        semua = muat_tujuan_kuis(path)
    except SimkitError as e:
        masalah += e.masalah
        semua = {}
    for i, t in enumerate(data.get("tujuan") if isinstance(data.get("tujuan"), list) else []):
        tid = str(t.get("id")) if isinstance(t, dict) else None
        if tid in semua and tid not in tabel.baris:
            tabel.tujuan.append(semua[tid])
            tabel.baris[tid] = line_of(lines, ("tujuan", i))
            if semua[tid].episode not in tabel.episode:
                tambah("periksa_tujuan_episode", ("tujuan", i, "episode"), id=tid,
                       diharapkan=", ".join(tabel.episode), ditemukan=semua[tid].episode)
    for nomor in tabel.episode if semua else ():  # objectives unreadable: already reported
        if not tabel.id_episode(nomor):
            tambah("periksa_episode_tanpa_tujuan", ("episode",), episode=nomor)
    return tabel, masalah


def muat_tabel(path: str | Path = BERKAS_BAWAAN) -> TabelTujuan:
    """The table; any problem in it is a located :class:`~simkit.errors.SimkitError`."""
    tabel, masalah = urai_tujuan(path)
    if masalah:
        raise SimkitError(masalah)
    return tabel
