"""The workshop agenda (``training/agenda.yaml``): versions, sessions, times that add up.

Format::

    agenda:
      satu_hari:                              # one version (satu_hari and dua_jam required)
        judul: {id: Lokakarya satu hari, en: One-day workshop}
        mulai: "08:00"
        sesi:
        - {kegiatan: pembukaan, menit: 20, judul: {id: Pembukaan, en: Opening}}
        - {episode: "01", menit: 50}          # full length: menit_mengajar + menit_latihan
        - {episode: "02", menit: 30,          # shortened: say what is skipped
           lewati: {id: "...", en: "..."}}
        selesai: "16:00"                      # = mulai + the sum of the minutes

A session is an ``episode`` (``"NN"``) or a ``kegiatan`` (:data:`KEGIATAN`, with a bilingual
``judul``). An episode slot is never longer than the episode; a shorter one names what it skips
(``lewati``, from the episode's ``dapat-dilewati`` block). The one-day version holds every
episode once, the pre-survey before the first episode and the post-survey after the last.

>>> teks = ('agenda:\\n  dua_jam:\\n    judul: {id: A, en: A}\\n    mulai: "08:00"\\n'
...         '    sesi:\\n    - {episode: "01", menit: 30}\\n    selesai: "08:45"\\n')
>>> versi, masalah = urai_agenda(teks, "agenda.yaml", {"01": 50})
>>> [m.kode for m in masalah]
['periksa_agenda_tanpa_lewati', 'periksa_agenda_selesai', 'periksa_agenda_versi_hilang']
>>> versi["dua_jam"].sesi[0].mulai
'08:00'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from simkit.errors import Masalah, SimkitError, mirip
from simkit.widgets.kuis import Pemeriksa
from simkit.yamlloc import Path_, line_of, load_yaml_with_lines

VERSI: tuple[str, ...] = ("satu_hari", "dua_jam")
"""Versions every agenda has: the one-day workshop and the two-hour short version."""

KEGIATAN: tuple[str, ...] = ("pembukaan", "survei_sebelum", "survei_sesudah", "kuis",
                             "istirahat", "ishoma", "diskusi", "penutup")
"""Activities besides episodes: opening, pre/post survey (the resistance instrument), quiz,
break, lunch and prayer break, discussion, closing."""

KEGIATAN_WAJIB_SATU_HARI: tuple[str, ...] = ("survei_sebelum", "survei_sesudah")
_KUNCI_VERSI = {"judul", "mulai", "sesi", "selesai"}
_KUNCI_SESI = {"episode", "kegiatan", "menit", "judul", "lewati"}
_POLA_JAM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass
class Sesi:
    """One slot: an episode or an activity, its minutes and (computed) start time."""

    menit: int
    episode: str | None = None
    kegiatan: str | None = None
    judul: dict[str, str] | None = None
    lewati: dict[str, str] | None = None
    mulai: str = ""
    baris: int | None = None


@dataclass
class Versi:
    """One version of the agenda."""

    kunci: str
    judul: dict[str, str] | None
    mulai: str
    selesai: str
    sesi: list[Sesi] = field(default_factory=list)

    @property
    def menit(self) -> int:
        """Total minutes of the sessions."""
        return sum(s.menit for s in self.sesi)


def jam_ke_menit(jam: str) -> int:
    """ ``"08:30"`` -> 510.

    >>> jam_ke_menit("08:30")
    510
    """
    j, m = jam.split(":")
    return int(j) * 60 + int(m)


def menit_ke_jam(menit: int) -> str:
    """510 -> ``"08:30"``.

    >>> menit_ke_jam(975)
    '16:15'
    """
    return f"{menit // 60:02d}:{menit % 60:02d}"


class _Cek(Pemeriksa):
    KODE_DWIBAHASA = "periksa_dwibahasa"
    KODE_BUKAN_PETA = "periksa_bukan_peta"
    KODE_KUNCI_ASING = "periksa_kunci_asing"

    def jam(self, nilai: Any, jalur: Path_) -> int | None:
        if not isinstance(nilai, str) or not _POLA_JAM.match(nilai):
            self.tambah("nilai_tidak_valid", jalur, diharapkan='"HH:MM"', ditemukan=repr(nilai))
            return None
        return jam_ke_menit(nilai)


def urai_agenda(teks: str, berkas: str, menit_episode: Mapping[str, int]
                ) -> tuple[dict[str, Versi], list[Masalah]]:
    """Parse and check an agenda against the episodes' full minutes (``{"01": 50, ...}``)."""
    try:
        data, lines = load_yaml_with_lines(teks, berkas)
    except SimkitError as e:
        return {}, e.masalah
    cek = _Cek(berkas, lines)
    semua = data.get("agenda") if isinstance(data, dict) else None
    if not isinstance(semua, dict):
        cek.tambah("periksa_agenda_tanpa_agenda", ("agenda",))
        return {}, cek.masalah
    out: dict[str, Versi] = {}
    for kunci, raw in semua.items():
        v = _versi(cek, str(kunci), raw, ("agenda", kunci), menit_episode)
        if v is not None:
            out[str(kunci)] = v
    for kunci in VERSI:
        if kunci not in semua:
            cek.tambah("periksa_agenda_versi_hilang", ("agenda",), versi=kunci)
    if "satu_hari" in out:
        _satu_hari(cek, out["satu_hari"], menit_episode)
    return out, cek.masalah


def _versi(cek: _Cek, kunci: str, raw: Any, jalur: Path_, menit_episode: Mapping[str, int]
           ) -> Versi | None:
    if not cek.peta(raw, jalur, _KUNCI_VERSI):
        return None
    judul = cek.dwibahasa(raw.get("judul"), (*jalur, "judul"))
    mulai = cek.jam(raw.get("mulai"), (*jalur, "mulai"))
    selesai = cek.jam(raw.get("selesai"), (*jalur, "selesai"))
    raw_sesi = raw.get("sesi")
    if not isinstance(raw_sesi, list) or not raw_sesi:
        cek.tambah("periksa_agenda_tanpa_sesi", (*jalur, "sesi"))
        raw_sesi = []
    v = Versi(kunci, judul, str(raw.get("mulai")), str(raw.get("selesai")))
    dipakai: dict[str, int] = {}
    jam = mulai or 0
    for i, s in enumerate(raw_sesi):
        sesi = _sesi(cek, s, (*jalur, "sesi", i), menit_episode, dipakai)
        if sesi is not None:
            sesi.mulai = menit_ke_jam(jam) if mulai is not None else ""
            jam += sesi.menit
            v.sesi.append(sesi)
    if mulai is not None and selesai is not None and len(v.sesi) == len(raw_sesi) \
            and mulai + v.menit != selesai:
        cek.tambah("periksa_agenda_selesai", (*jalur, "selesai"), menit=v.menit,
                   mulai=v.mulai, diharapkan=menit_ke_jam(mulai + v.menit),
                   ditemukan=v.selesai)
    return v


def _sesi(cek: _Cek, raw: Any, jalur: Path_, menit_episode: Mapping[str, int],
          dipakai: dict[str, int]) -> Sesi | None:
    if not cek.peta(raw, jalur, _KUNCI_SESI):
        return None
    menit = raw.get("menit")
    if not isinstance(menit, int) or isinstance(menit, bool) or menit <= 0:
        cek.tambah("nilai_tidak_valid", (*jalur, "menit"), diharapkan="> 0",
                   ditemukan=repr(menit))
        menit = None
    ep, keg = raw.get("episode"), raw.get("kegiatan")
    if (ep is None) == (keg is None):
        cek.tambah("periksa_agenda_episode_atau_kegiatan", jalur)
    elif ep is not None:
        ep = str(ep)
        if ep not in menit_episode:
            cek.tambah("periksa_agenda_episode_asing", (*jalur, "episode"), episode=ep,
                       saran=mirip(ep, list(menit_episode)))
        elif ep in dipakai:
            cek.tambah("periksa_agenda_episode_ganda", (*jalur, "episode"), episode=ep,
                       baris_pertama=dipakai[ep])
        else:
            dipakai[ep] = line_of(cek.lines, jalur) or 0
            penuh = menit_episode[ep]
            if menit is not None and menit > penuh:
                cek.tambah("periksa_agenda_lebih_lama", (*jalur, "menit"), episode=ep,
                           diharapkan=f"≤ {penuh}", ditemukan=str(menit))
            elif menit is not None and menit < penuh and "lewati" not in raw:
                cek.tambah("periksa_agenda_tanpa_lewati", (*jalur, "menit"), episode=ep,
                           penuh=penuh, menit=menit)
    elif keg not in KEGIATAN:
        cek.tambah("nilai_tidak_valid", (*jalur, "kegiatan"), diharapkan=" | ".join(KEGIATAN),
                   ditemukan=repr(keg), saran=mirip(str(keg), KEGIATAN))
    judul = cek.dwibahasa(raw["judul"], (*jalur, "judul")) if "judul" in raw else None
    if keg is not None and "judul" not in raw:
        cek.tambah("periksa_dwibahasa", (*jalur, "judul"), diharapkan="{id: ..., en: ...}",
                   ditemukan="-")
    lewati = cek.dwibahasa(raw["lewati"], (*jalur, "lewati")) if "lewati" in raw else None
    if menit is None:  # the sum cannot be checked; every other problem is already reported
        return None
    return Sesi(menit, None if ep is None else str(ep), None if keg is None else str(keg), judul,
                lewati, baris=line_of(cek.lines, jalur))


def _satu_hari(cek: _Cek, v: Versi, menit_episode: Mapping[str, int]) -> None:
    jalur = ("agenda", "satu_hari", "sesi")
    ada = {s.episode for s in v.sesi if s.episode}
    for ep in sorted(set(menit_episode) - ada):
        cek.tambah("periksa_agenda_episode_hilang", jalur, episode=ep)
    urutan = [s.kegiatan or "episode" for s in v.sesi]
    for keg in KEGIATAN_WAJIB_SATU_HARI:
        if keg not in urutan:
            cek.tambah("periksa_agenda_kegiatan_hilang", jalur, kegiatan=keg)
    if "episode" in urutan:
        pertama = urutan.index("episode")
        terakhir = len(urutan) - 1 - urutan[::-1].index("episode")
        if "survei_sebelum" in urutan and urutan.index("survei_sebelum") > pertama:
            cek.tambah("periksa_agenda_urutan_survei", jalur, kegiatan="survei_sebelum")
        if "survei_sesudah" in urutan and urutan.index("survei_sesudah") < terakhir:
            cek.tambah("periksa_agenda_urutan_survei", jalur, kegiatan="survei_sesudah")
