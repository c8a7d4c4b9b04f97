"""``simkit pelatihan periksa``: the training kit's validator.

It reads a kit folder (default ``training/``) and checks, collecting every problem as a
located :class:`~simkit.errors.Masalah` (file, line, field) in the user's language:

- ``tujuan.yaml`` (:mod:`simkit.pelatihan.tujuan`): the table of episodes and objectives;
- every episode ``episodes/NN-slug.md`` and ``episodes/en/NN-slug.md``
  (:mod:`simkit.pelatihan.episode`): the front matter's fields and types; the required blocks;
  the objective ids exactly those of the table; every ``latihan`` followed by its ``solusi``
  with the same id; the notebooks (relative to the folder's parent, the repository) exist and
  the widgets exist in :mod:`simkit.widgets`, including those the table ties the episode to;
- the id/en pairs: both exist, with the same minutes, audience, notebooks, widgets,
  objectives and blocks (names and ids, in order);
- every objective has at least one quiz item in ``kuis/`` (field ``tujuan`` of an item; the
  bank itself is loaded with :func:`simkit.widgets.kuis.muat_semua`, whose problems count too);
- ``agenda.yaml`` (:mod:`simkit.pelatihan.agenda`): minutes that add up, episodes that exist,
  full-length slots equal to the episode's teaching + exercise minutes;
- ``faq-keberatan.yaml`` (:func:`simkit.pelatihan.keberatan.muat_keberatan`) and the
  before/after instrument ``instrumen/resistensi.yaml``
  (:func:`simkit.pelatihan.instrumen.muat_instrumen`, its knowledge items in ``kuis/``).

>>> lap = periksa(FOLDER_BAWAAN)                     # doctest: +SKIP
>>> print(lap.ringkasan("en"))                       # doctest: +SKIP
Training kit: 9 episodes (id + en), 27 objectives, 16 exercises, ... all good.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.errors import Masalah, SimkitError, mirip
from simkit.i18n import t
from simkit.pelatihan.agenda import Versi, urai_agenda
from simkit.pelatihan.episode import (
    BIDANG,
    BLOK,
    PESERTA,
    POLA_BUTIR,
    POLA_ID_LATIHAN,
    POLA_TUJUAN,
    WIDGET,
    Episode,
    berkas_episode,
    urai_episode,
)
from simkit.pelatihan.instrumen import muat_instrumen
from simkit.pelatihan.keberatan import muat_keberatan
from simkit.pelatihan.tujuan import TabelTujuan, urai_tujuan
from simkit.yamlloc import line_of, read_yaml_file

FOLDER_BAWAAN = Path(__file__).resolve().parents[2] / "training"
"""The kit folder of the repository."""

BAHASA_KIT: tuple[str, ...] = ("id", "en")


@dataclass
class Laporan:
    """What :func:`periksa` found: the problems and what was counted."""

    folder: str
    masalah: list[Masalah] = field(default_factory=list)
    episode: dict[str, list[Episode]] = field(default_factory=dict)
    jumlah_tujuan: int = 0
    jumlah_butir_kuis: int = 0
    jumlah_keberatan: int = 0
    jumlah_butir_instrumen: int = 0
    agenda: dict[str, Versi] = field(default_factory=dict)

    @property
    def baik(self) -> bool:
        return not self.masalah

    def ringkasan(self, lang: str | None = None) -> str:
        """The one-paragraph summary printed on success."""
        ep = self.episode.get("id", [])
        versi = ", ".join(t("pelatihan.periksa.versi", lang, versi=v.kunci, mulai=v.mulai,
                            selesai=v.selesai, menit=v.menit) for v in self.agenda.values())
        return t("pelatihan.periksa.ringkasan", lang, episode=len(ep),
                 tujuan=self.jumlah_tujuan, latihan=sum(len(e.latihan()) for e in ep),
                 kuis=self.jumlah_butir_kuis, keberatan=self.jumlah_keberatan,
                 instrumen=self.jumlah_butir_instrumen, agenda=versi)

    def galat(self) -> SimkitError:
        """The problems as one error (the CLI prints it and exits with code 2)."""
        return SimkitError(self.masalah)


def periksa(folder: str | Path = FOLDER_BAWAAN) -> Laporan:
    """Check the kit in ``folder`` (see the module docstring); never raises for its content."""
    root = _relatif(Path(folder))
    lap = Laporan(str(root))
    tabel, m = urai_tujuan(root / "tujuan.yaml")
    lap.masalah += m
    lap.jumlah_tujuan = len(tabel.tujuan)
    repo = root.resolve().parent
    for bahasa in BAHASA_KIT:
        lap.episode[bahasa] = []
        for p in berkas_episode(root / "episodes", bahasa):
            ep, m = urai_episode(p.read_text(encoding="utf-8"), str(p))
            lap.masalah += m + periksa_episode(ep, bahasa, tabel, repo)
            lap.episode[bahasa].append(ep)
    lap.masalah += periksa_lengkap(lap.episode, tabel, root / "episodes")
    lap.masalah += periksa_pasangan(lap.episode.get("id", []), lap.episode.get("en", []))
    n, m = periksa_kuis(root / "kuis", tabel)
    lap.jumlah_butir_kuis = n
    lap.masalah += m
    try:
        lap.jumlah_keberatan = len(muat_keberatan(root / "faq-keberatan.yaml", repo))
    except SimkitError as e:
        lap.masalah += e.masalah
    try:
        ins = muat_instrumen(root / "instrumen" / "resistensi.yaml", bank=root / "kuis")
        lap.jumlah_butir_instrumen = len(ins.butir_skala) + len(ins.pengetahuan)
    except SimkitError as e:
        lap.masalah += e.masalah
    agenda = root / "agenda.yaml"
    if agenda.is_file():
        menit = {e.nomor: e.menit for e in lap.episode.get("id", []) if e.nomor}
        lap.agenda, m = urai_agenda(agenda.read_text(encoding="utf-8"), str(agenda), menit)
        lap.masalah += m
    else:
        lap.masalah.append(Masalah("berkas_tidak_ada", berkas=str(agenda)))
    return lap


def _relatif(p: Path) -> Path:
    """``p`` relative to the working folder when it lies inside it (shorter messages)."""
    try:
        return p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p


# --------------------------------------------------------------------------- one episode
def _m(ep: Episode, kode: str, baris: int | None = None, bidang: str | None = None,
       **kw: Any) -> Masalah:
    loc = {k: kw.pop(k) for k in ("diharapkan", "ditemukan", "saran") if k in kw}
    return Masalah(kode, berkas=ep.berkas, baris=baris, bidang=bidang, isi=kw, **loc)


def _daftar_teks(nilai: Any) -> bool:
    return isinstance(nilai, list) and all(isinstance(x, str) and x.strip() for x in nilai)


def periksa_episode(ep: Episode, bahasa: str, tabel: TabelTujuan, repo: Path) -> list[Masalah]:
    """Every problem of one parsed episode (front matter, blocks, objectives, exercises)."""
    out = _periksa_meta(ep, bahasa, tabel, repo)
    out += _periksa_blok(ep)
    out += _periksa_tujuan(ep, tabel)
    out += _periksa_latihan(ep)
    return out


def _periksa_meta(ep: Episode, bahasa: str, tabel: TabelTujuan, repo: Path) -> list[Masalah]:
    out: list[Masalah] = []
    meta, baris = ep.meta, ep.baris_meta
    entri = tabel.episode.get(ep.nomor or "")
    if ep.nomor is not None and entri is None:
        out.append(_m(ep, "periksa_episode_asing", 1, episode=ep.nomor,
                      diharapkan=", ".join(tabel.episode)))
    elif entri is not None and ep.slug != entri.slug:
        out.append(_m(ep, "periksa_slug", 1, diharapkan=f"{entri.nomor}-{entri.slug}.md",
                      ditemukan=Path(ep.berkas).name))
    if not meta:
        return out
    for k in sorted(set(meta) - set(BIDANG), key=str):
        out.append(_m(ep, "periksa_kunci_asing", baris.get(str(k)), str(k), kunci=k,
                      diharapkan=", ".join(BIDANG), saran=mirip(str(k), BIDANG)))
    for k in BIDANG:
        if k not in meta:
            out.append(_m(ep, "bidang_wajib", 1, k))
    nilai = {k: meta.get(k) for k in BIDANG}

    def salah(k: str, diharapkan: str) -> None:
        out.append(_m(ep, "nilai_tidak_valid", baris.get(k), k, diharapkan=diharapkan,
                      ditemukan=repr(nilai[k])))

    if "judul" in meta and (not isinstance(nilai["judul"], str) or not nilai["judul"].strip()):
        salah("judul", t("pelatihan.periksa.teks_tidak_kosong"))
    for k in ("menit_mengajar", "menit_latihan"):
        v = nilai[k]
        if k in meta and (not isinstance(v, int) or isinstance(v, bool) or v <= 0):
            salah(k, t("pelatihan.periksa.bilangan_positif"))
    peserta = nilai["peserta"]
    if "peserta" in meta and (not _daftar_teks(peserta) or not peserta
                              or not set(peserta) <= set(PESERTA)):
        salah("peserta", "[" + " | ".join(PESERTA) + ", ...]")
    if "bahasa" in meta and nilai["bahasa"] != bahasa:
        salah("bahasa", bahasa)
    nb, wd = nilai["notebook"], nilai["widget"]
    if "notebook" in meta:
        if not _daftar_teks(nb):
            salah("notebook", "[notebooks/NN_nama.ipynb, ...]")
        else:
            for n in nb:
                if not (repo / n).is_file():
                    out.append(_m(ep, "periksa_notebook_tidak_ada", baris.get("notebook"),
                                  "notebook", notebook=n, saran=_mirip_berkas(repo, n)))
            for n in entri.notebook if entri else ():
                if n not in nb:
                    out.append(_m(ep, "periksa_ikatan_hilang", baris.get("notebook"),
                                  "notebook", nama=n))
    if "widget" in meta:
        if not _daftar_teks(wd):
            salah("widget", "[" + " | ".join(WIDGET) + ", ...]")
        else:
            for w in wd:
                if w not in WIDGET or importlib.util.find_spec(f"simkit.widgets.{w}") is None:
                    out.append(_m(ep, "periksa_widget_tidak_ada", baris.get("widget"), "widget",
                                  widget=w, diharapkan=" | ".join(WIDGET),
                                  saran=mirip(w, WIDGET)))
            for w in entri.widget if entri else ():
                if w not in wd:
                    out.append(_m(ep, "periksa_ikatan_hilang", baris.get("widget"), "widget",
                                  nama=w))
    return out


def _mirip_berkas(repo: Path, nama: str) -> str | None:
    folder = (repo / nama).parent
    if not folder.is_dir():
        return None
    hit = mirip(Path(nama).name, [p.name for p in folder.iterdir()])
    return str(Path(nama).parent / hit) if hit else None


def _periksa_blok(ep: Episode) -> list[Masalah]:
    out: list[Masalah] = []
    for b in ep.blok:
        if b.nama not in BLOK:
            out.append(_m(ep, "periksa_blok_asing", b.baris, blok=b.nama,
                          diharapkan=", ".join(BLOK), saran=mirip(b.nama, BLOK)))
        elif not b.isi.strip():
            out.append(_m(ep, "periksa_blok_kosong", b.baris, blok=b.nama))
    ada = {b.nama for b in ep.blok}
    for nama in BLOK:
        if nama not in ada:
            out.append(_m(ep, "periksa_blok_hilang", None, blok=nama))
    for nama in ("pertanyaan", "poin-kunci"):
        for b in ep.bernama(nama):
            if b.isi.strip() and not b.butir():
                out.append(_m(ep, "periksa_blok_tanpa_butir", b.baris, blok=nama))
    return out


def _periksa_tujuan(ep: Episode, tabel: TabelTujuan) -> list[Masalah]:
    out: list[Masalah] = []
    blok = ep.bernama("tujuan")
    if not blok or ep.nomor not in tabel.episode:
        return out
    for b in blok:
        for i, baris in enumerate(b.isi.splitlines(), start=b.baris + 1):
            if POLA_BUTIR.match(baris) and not POLA_TUJUAN.match(baris):
                out.append(_m(ep, "periksa_tujuan_format", i, ditemukan=baris.strip()))
    harus = tabel.id_episode(ep.nomor or "")
    dilihat: dict[str, int] = {}
    for tid, _, baris in ep.tujuan():
        if tid in dilihat:
            out.append(_m(ep, "periksa_id_ganda", baris, id=tid))
        elif tid not in harus:
            out.append(_m(ep, "periksa_tujuan_asing", baris, id=tid,
                          diharapkan=", ".join(harus), saran=mirip(tid, harus)))
        dilihat.setdefault(tid, baris)
    for tid in harus:
        if tid not in dilihat:
            out.append(_m(ep, "periksa_tujuan_hilang", blok[0].baris, id=tid))
    return out


def _periksa_latihan(ep: Episode) -> list[Masalah]:
    out: list[Masalah] = []
    dilihat: dict[str, int] = {}
    for i, b in enumerate(ep.blok):
        if b.nama == "latihan":
            m = POLA_ID_LATIHAN.match(b.id or "")
            if m is None or m.group(1) != ep.nomor:
                out.append(_m(ep, "periksa_id_latihan", b.baris,
                              diharapkan=f"{{#latihan-{ep.nomor or 'NN'}-k}}",
                              ditemukan=repr(b.id)))
                continue
            if b.id in dilihat:
                out.append(_m(ep, "periksa_id_ganda", b.baris, id=b.id))
                continue
            dilihat[b.id] = b.baris
            nxt = ep.blok[i + 1] if i + 1 < len(ep.blok) else None
            if nxt is None or nxt.nama != "solusi" or nxt.id != b.id:
                out.append(_m(ep, "periksa_tanpa_solusi", b.baris, id=b.id))
        elif b.nama == "solusi":
            sebelum = ep.blok[i - 1] if i > 0 else None
            if sebelum is None or sebelum.nama != "latihan" or sebelum.id != b.id:
                out.append(_m(ep, "periksa_solusi_yatim", b.baris, id=repr(b.id)))
    return out


# --------------------------------------------------------------------------- the set
def periksa_lengkap(episode: dict[str, list[Episode]], tabel: TabelTujuan, folder: Path
                    ) -> list[Masalah]:
    """Every episode of the table has its Indonesian file (the en side: :func:`periksa_pasangan`)."""
    ada = {e.nomor for e in episode.get("id", [])}
    return [Masalah("periksa_episode_hilang", berkas=str(folder / f"{n}-{e.slug}.md"),
                    isi={"episode": n}) for n, e in tabel.episode.items() if n not in ada]


def _sidik(ep: Episode) -> dict[str, Any]:
    return {"menit_mengajar": ep.meta.get("menit_mengajar"),
            "menit_latihan": ep.meta.get("menit_latihan"),
            "peserta": sorted(map(str, ep.meta.get("peserta") or [])),
            "notebook": list(map(str, ep.meta.get("notebook") or [])),
            "widget": list(map(str, ep.meta.get("widget") or [])),
            "tujuan": [x[0] for x in ep.tujuan()]}


def periksa_pasangan(ind: Sequence[Episode], eng: Sequence[Episode]) -> list[Masalah]:
    """The id and en files of an episode agree (see the module docstring)."""
    out: list[Masalah] = []
    en = {Path(e.berkas).name: e for e in eng}
    nama_id = {Path(e.berkas).name for e in ind}
    for e in ind:
        pasangan = en.get(Path(e.berkas).name)
        if pasangan is None:
            out.append(Masalah("periksa_pasangan_hilang", berkas=e.berkas,
                               isi={"pasangan": str(Path(e.berkas).parent / "en" /
                                                    Path(e.berkas).name)}))
            continue
        a, b = _sidik(e), _sidik(pasangan)
        for k in a:
            if a[k] != b[k]:
                baris = pasangan.bernama("tujuan")[0].baris if k == "tujuan" and \
                    pasangan.bernama("tujuan") else pasangan.baris_meta.get(k)
                out.append(_m(pasangan, "periksa_pasangan_beda", baris, k, pasangan=e.berkas,
                              diharapkan=repr(a[k]), ditemukan=repr(b[k])))
        ba = [(x.nama, x.id) for x in e.blok]
        bb = [(x.nama, x.id) for x in pasangan.blok]
        if ba != bb:
            i = next((j for j, (x, y) in enumerate(zip(ba, bb, strict=False)) if x != y),
                     min(len(ba), len(bb)))
            baris = pasangan.blok[i].baris if i < len(pasangan.blok) else None
            out.append(_m(pasangan, "periksa_pasangan_blok", baris, pasangan=e.berkas,
                          diharapkan=_teks_blok(ba[i] if i < len(ba) else None),
                          ditemukan=_teks_blok(bb[i] if i < len(bb) else None)))
    for nama, e in en.items():
        if nama not in nama_id:
            out.append(Masalah("periksa_pasangan_hilang", berkas=e.berkas,
                               isi={"pasangan": str(Path(e.berkas).parent.parent / nama)}))
    return out


def _teks_blok(b: tuple[str, str | None] | None) -> str:
    if b is None:
        return "-"
    return f"::: {b[0]}" + (f" {{#{b[1]}}}" if b[1] else "")


# --------------------------------------------------------------------------- the quiz bank
def periksa_kuis(folder: Path, tabel: TabelTujuan) -> tuple[int, list[Masalah]]:
    """(items, problems): the bank loads, its items name objectives of the table, and every
    objective has at least one item. The ``tujuan`` of an item is read from the raw YAML, so
    the coverage is known even where the loader reports other problems."""
    from simkit.widgets.kuis import berkas_bank, muat_semua

    if not folder.is_dir():
        return 0, [Masalah("berkas_tidak_ada", berkas=str(folder))]
    out: list[Masalah] = []
    try:
        muat_semua(folder)
    except SimkitError as e:
        out += e.masalah
    n = 0
    tercakup: set[str] = set()
    for f in berkas_bank(folder):
        try:
            data, lines = read_yaml_file(f)
        except SimkitError:
            continue  # already reported by the loader
        butir = data.get("butir") if isinstance(data, dict) else None
        for i, b in enumerate(butir if isinstance(butir, list) else []):
            if not isinstance(b, dict):
                continue
            n += 1
            tid = b.get("tujuan")
            if tid is None:
                continue
            tid = str(tid)
            jalur = ("butir", i, "tujuan")
            if tabel.cari(tid) is None:
                out.append(Masalah("periksa_kuis_tujuan_asing", berkas=str(f),
                                   baris=line_of(lines, jalur), bidang=f"butir.{i}.tujuan",
                                   isi={"id": tid},
                                   saran=mirip(tid, [x.id for x in tabel.tujuan])))
                continue
            ep = b.get("episode")
            if ep is not None and str(ep) != tid[:2]:
                out.append(Masalah("periksa_tujuan_episode", berkas=str(f),
                                   baris=line_of(lines, ("butir", i, "episode")),
                                   bidang=f"butir.{i}.episode", isi={"id": tid},
                                   diharapkan=tid[:2], ditemukan=str(ep)))
            tercakup.add(tid)
    for x in tabel.tujuan:
        if x.id not in tercakup:
            out.append(Masalah("periksa_tujuan_tanpa_kuis", berkas=tabel.berkas, baris=tabel.baris.get(x.id),
                               bidang="tujuan", isi={"id": x.id, "folder": str(folder)}))
    return n, out
