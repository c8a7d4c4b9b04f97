"""``simkit.run``: the main job — generate, evaluate every rule, compare, write the report.

One call (or ``simkit run SKENARIO``) produces a folder::

    laporan.html      self-contained offline report (opens with the kartu reformasi)
    laporan.ipynb     the executed report notebook (re-runnable in Jupyter)
    tabel/periode.*   with a ``periode`` section: the per-rule, per-year table of
                      :func:`simkit.orchestration.periode.simulate` (long) and its wide form
    laporan.xlsx      one sheet per table, a first sheet 'tentang'
    tabel/            every comparison table as CSV and Parquet
    grafik/           the charts (PNG)
    manifest.json     seed, scenario hash, versions, every parameter with its reference,
                      row counts, every output file with its SHA-256

The folder is built beside ``out_dir`` and renamed into place at the end: an interrupted run
(error or Ctrl-C at any stage) leaves no partial report and an earlier ``out_dir`` untouched.

>>> import simkit                                                     # doctest: +SKIP
>>> simkit.run("scenarios/mamuju_baseline.yaml", "keluaran/mamuju")   # doctest: +SKIP
PosixPath('keluaran/mamuju')
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from simkit.analysis.metrics.kartu_reformasi import aturan_skenario
from simkit.atomic import atomic_path
from simkit.i18n import get_lang, set_lang, t
from simkit.kosakata import ATURAN_DASAR
from simkit.manifest import periksa_folder_keluaran
from simkit.tables import sha256_berkas, tulis_csv, tulis_parquet

if TYPE_CHECKING:
    from simkit.report.html import KernelLaporan
    from simkit.rules.evaluation import Evaluation
    from simkit.scenario import AturanSpec, Scenario

# --------------------------------------------------------------------------- helpers


@contextmanager
def bahasa(lang: str | None) -> Iterator[str]:
    """Use ``lang`` for the duration of the block (labels computed inside follow it)."""
    from simkit.i18n import _state

    lama = _state["lang"]
    if lang:
        set_lang(lang)
    try:
        yield get_lang()
    finally:
        _state["lang"] = lama


def periksa_ada_aturan_pegawai(scenario: Scenario, specs: list[AturanSpec]) -> None:
    """A comparison needs at least one employee-level rule (the IKM rule rates units only)."""
    from simkit.errors import galat
    from simkit.rules.registry import get_rule

    if not any(get_rule(s.aturan).tingkat == "pegawai" for s in specs):
        raise galat("run_tanpa_aturan_pegawai", berkas=getattr(scenario, "sumber", None),
                    baris=scenario.line_of("aturan") if hasattr(scenario, "line_of") else None,
                    bidang="aturan", diharapkan="permenpanrb_6_2022, pp30_2019, pp46_2011, ...")


def pilih_dasar(specs: list[AturanSpec], tingkat: Mapping[str, str]) -> str:
    """Baseline entry: the unmodified national rule, else the first employee-level entry."""
    pegawai = [s for s in specs if tingkat.get(s.id) == "pegawai"]
    for s in pegawai:
        if s.aturan == ATURAN_DASAR and not s.parameter:
            return s.id
    return (pegawai or specs)[0].id


def daftar_berkas(folder: Path, kecuali: tuple[str, ...] = ("manifest.json",)) -> list[dict]:
    """Every file under ``folder`` (sorted, relative POSIX paths) with size and SHA-256."""
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and rel not in kecuali:
            out.append({"berkas": rel, "ukuran": p.stat().st_size, "sha256": sha256_berkas(p)})
    return out


def tulis_tabel(tables: Mapping[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Every table as ``folder/<name>.csv`` and ``.parquet`` (deterministic bytes, written by
    the one table writer of :mod:`simkit.tables`)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [f(df, folder / f"{name}{ext}") for name, df in tables.items()
            for f, ext in ((tulis_csv, ".csv"), (tulis_parquet, ".parquet"))]


class _Progres:
    """One tqdm bar over the stages, labelled in the user's language (off when not wanted)."""

    def __init__(self, total: int, aktif: bool) -> None:
        self.bar = None
        if aktif:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, unit=t("laporan.tahap.unit"), leave=True,
                            bar_format="{desc:<34}{bar:20}| {n_fmt}/{total_fmt} [{elapsed}]")

    def tahap(self, kunci: str, **kw: Any) -> None:
        if self.bar is not None:
            self.bar.set_description_str(t(f"laporan.tahap.{kunci}", **kw)[:34])

    def maju(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def tutup(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- run


def run(scenario: str | Path | Mapping | Scenario, out_dir: str | Path, lang: str | None = None,
        progress: bool = True,
        stabilitas_R: int | None = None, seed: int | None = None,
        laporan: bool = True, timpa: bool = False) -> Path:
    """Run the whole comparison of ``scenario`` and write the report folder ``out_dir``.

    ``scenario``: a path, a mapping or a Scenario. ``lang``: ``"id"`` (default: the active
    language) or ``"en"``. ``progress``: show a progress bar. ``stabilitas_R``: also measure
    stability over that many redraws of the measurement noise (0 = skip; ``None``: the
    scenario's ``perbandingan.stabilitas_R``). ``seed``
    replaces the scenario's seed. ``laporan=False`` skips the notebook and the HTML (tables,
    workbook, charts and manifest only). An existing ``out_dir`` is replaced only when it is
    empty or holds an earlier report, or with ``timpa``. Returns ``out_dir``.
    """
    from simkit.orchestration.skenario import load_scenario

    with bahasa(lang) as lang:
        t0 = time.perf_counter()
        s = load_scenario(scenario)
        periksa_folder_keluaran(out_dir, "laporan", timpa)
        specs = aturan_skenario(s)
        periksa_ada_aturan_pegawai(s, specs)
        if stabilitas_R is None:
            stabilitas_R = s.perbandingan.stabilitas_R
        bar = _Progres(len(specs) + 6 + (s.periode is not None), progress)
        try:
            with atomic_path(out_dir) as work:
                work.mkdir(parents=True)
                with ExitStack() as stack:
                    kernel = None
                    if laporan:
                        from simkit.report.html import KernelLaporan

                        kernel = stack.enter_context(KernelLaporan(work))
                    _run(s, specs, work, lang, bar, stabilitas_R, seed, kernel, t0)
        finally:
            bar.tutup()
    return Path(out_dir)


def _run(s: Scenario, specs: list[AturanSpec], work: Path, lang: str, bar: _Progres,
         stabilitas_R: int, seed: int | None, kernel: KernelLaporan | None, t0: float) -> None:
    from simkit.analysis.compare import compare
    from simkit.analysis.metrics.kartu_reformasi import parameter_terpakai
    from simkit.manifest import build_manifest, write_manifest
    from simkit.population.generate import generate
    from simkit.report import excel
    from simkit.rules import evaluate
    from simkit.rules.registry import get_rule

    durasi: dict[str, float] = {}
    jam = [time.perf_counter()]

    def catat(nama: str) -> None:
        now = time.perf_counter()
        durasi[nama] = round(now - jam[0], 3)
        jam[0] = now

    seed = s.seed if seed is None else int(seed)
    bar.tahap("populasi")
    pop = generate(s, seed=seed)
    bar.maju()
    catat("populasi")

    evs: dict[str, Evaluation] = {}
    for spec in specs:
        bar.tahap("aturan", aturan=spec.id)
        evs[spec.id] = evaluate(pop, spec.aturan, spec.parameter or None)
        bar.maju()
    catat("aturan")

    n_seed = int(s.perbandingan.seed_putusan)
    metrik_seed = None
    if n_seed:
        from simkit.orchestration.sweep import metrik_antar_seed

        bar.tahap("putusan", n=n_seed)
        metrik_seed = metrik_antar_seed(s, seed, n_seed)
    bar.maju()
    catat("putusan")

    bar.tahap("bandingkan")
    tingkat = {sid: ev.tingkat for sid, ev in evs.items()}
    dasar = pilih_dasar(specs, tingkat)
    perb = compare(pop, evs, baseline=dasar, scenario=s, stabilitas_R=stabilitas_R,
                   metrik_seed=metrik_seed)
    tables = perb.tables()
    bar.maju()
    catat("bandingkan")

    periode = None
    if s.periode is not None:  # several years: the table per rule and year (issue 13)
        from simkit.orchestration.periode import simulate

        bar.tahap("periode", tahun=s.periode.tahun)
        periode = simulate(s, seeds=[seed])
        bar.maju()
        catat("periode")

    fakta = {
        "jenis": "laporan",
        "skenario": {"nama": s.nama, "berkas": s.sumber, "hash": s.hash(),
                     "deskripsi": s.deskripsi,
                     "kriteria_penentu": list(s.perbandingan.kriteria_penentu)},
        "seed": seed,
        "bahasa": lang,
        "ringkas": {"jumlah_asn": int(len(pop.pegawai)),
                    "jumlah_opd": int(pop.unit_kerja["adalah_opd"].sum())},
        "aturan_dasar": dasar,
        "aturan": {sid: {**d, "rule_id": get_rule(d["aturan"]).id, "tingkat": tingkat[sid]}
                   for sid, d in parameter_terpakai(specs, evs).items()},
        "stabilitas_R": int(stabilitas_R),
        "seed_putusan": list(range(seed, seed + n_seed)),
        "catatan": dict(perb.catatan),
        **({"periode": {k: v for k, v in periode.meta.items() if k != "durasi_detik"}}
           if periode is not None else {}),
        "jumlah_baris": {"populasi": pop.row_counts(),
                         "tabel": {k: int(len(v)) for k, v in tables.items()}},
    }

    bar.tahap("tabel")
    tulis_tabel(tables, work / "tabel")
    if periode is not None:
        tulis_tabel({"periode": periode.tabel, "periode_lebar": periode.lebar()},
                    work / "tabel")
    if kernel is not None:  # the kernel draws the charts while we write the workbook
        kernel.kirim("from simkit.report.charts import simpan_grafik_folder\n"
                     f"simpan_grafik_folder('.', {lang!r})")
    tentang = {"skenario": s.nama, "berkas": s.sumber or "", "hash": fakta["skenario"]["hash"],
               "seed": seed, "aturan_dasar": dasar,
               t("laporan.ringkasan.jumlah_asn"): fakta["ringkas"]["jumlah_asn"]}
    excel.tulis_excel(tables, work / "laporan.xlsx", tentang, lang)
    bar.maju()
    catat("tabel")

    bar.tahap("grafik")
    if kernel is None:
        from simkit.report import charts

        charts.simpan_semua(tables, work / "grafik", lang)
    else:
        import nbconvert  # noqa: F401 - loaded while the kernel draws
        import papermill  # noqa: F401

        kernel.tunggu()
    bar.maju()
    catat("grafik")

    def manifest() -> None:
        m = build_manifest(**fakta, durasi_detik=dict(durasi), berkas=daftar_berkas(work))
        write_manifest(work / "manifest.json", m)

    manifest()  # the notebook shows it
    bar.tahap("laporan")
    if kernel is not None:
        from simkit.report.html import tulis_laporan

        tulis_laporan(work, lang, s.sumber or "", f"{t('laporan.judul')} — {s.nama}", kernel)
    bar.maju()
    catat("laporan")
    durasi["total"] = round(time.perf_counter() - t0, 3)
    manifest()
    bar.tahap("selesai")


def ringkas_keluaran(out_dir: str | Path) -> dict[str, Any]:
    """What a run wrote (for the CLI): counts of tables and charts, the main files."""
    out = Path(out_dir)
    m = json.loads((out / "manifest.json").read_text("utf-8"))
    return {"folder": out, "html": out / "laporan.html", "xlsx": out / "laporan.xlsx",
            "tabel": len(list((out / "tabel").glob("*.csv"))),
            "grafik": len(list((out / "grafik").glob("*.png"))),
            "detik": m.get("durasi_detik", {}).get("total")}
