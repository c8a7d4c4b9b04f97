"""The ``simkit`` command: a thin layer over the public API, Bahasa Indonesia first.

Every user-facing error is printed as a located message (exit code 2); an unexpected
failure prints a short message (set ``SIMKIT_DEBUG=1`` for the traceback).

    simkit validate scenarios/mamuju_baseline.yaml
    simkit generate scenarios/mamuju_baseline.yaml --out keluaran/mamuju
    simkit --lang en rules
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from simkit.errors import SimkitError
from simkit.i18n import get_lang, set_lang, t
from simkit.presentation.format import angka, bulat

Handler = Callable[[argparse.Namespace], int]


def _out(text: str = "") -> None:
    print(text, flush=True)


def _localise_argparse() -> None:
    """Route argparse's own texts (usage, errors) through the i18n catalogue."""
    import argparse as ap
    import gettext

    def _(msg: str) -> str:
        key = f"cli.argparse.{msg}"
        from simkit.i18n import has

        return t(key) if has(key) else gettext.gettext(msg)

    ap._ = _  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- commands


def cmd_validate(a: argparse.Namespace) -> int:
    from simkit.orchestration.skenario import load_scenario

    s = load_scenario(a.file)
    _out(t("cli.validate.ok", nama=s.nama, n=bulat(s.populasi.jumlah_asn),
           seed=s.seed, hash=s.hash()[:12]))
    return 0


def cmd_generate(a: argparse.Namespace) -> int:
    from simkit.orchestration.skenario import load_scenario
    from simkit.population.generate import generate
    from simkit.population.io import write_population

    s = load_scenario(a.scenario)
    seed = s.seed if a.seed is None else a.seed
    out = Path(a.out) if a.out else Path("keluaran") / f"{Path(a.scenario).stem}-populasi"
    formats = tuple(f.strip() for f in a.format.split(",") if f.strip())
    _out(t("cli.generate.mulai", berkas=a.scenario, seed=seed))
    t0 = time.perf_counter()
    pop = generate(s, seed=seed)
    write_population(pop, out, formats=formats, timpa=a.timpa)
    _out(t("cli.generate.selesai", detik=f"{time.perf_counter() - t0:.2f}",
           n=bulat(len(pop.pegawai)), folder=out))
    for name, n in pop.row_counts().items():
        _out(t("cli.generate.baris", tabel=name, n=bulat(n)))
    return 0


def cmd_rules(a: argparse.Namespace) -> int:
    from simkit.rules.describe import describe_rule, list_rules_text  # noqa: I001

    _out(describe_rule(a.rule) if a.rule else list_rules_text())
    return 0


def _load_params_file(path: str | None) -> tuple[dict, str | None, dict]:
    if not path:
        return {}, None, {}
    from simkit.errors import galat
    from simkit.yamlloc import read_yaml_file

    data, lines = read_yaml_file(path)
    if data is None:
        return {}, path, lines
    if not isinstance(data, dict):
        raise galat("bukan_mapping", berkas=path, baris=1)
    return data, path, lines


def _aturan_skenario(a: argparse.Namespace) -> tuple[str, dict]:
    """The rule and the parameter changes to use: with ``--skenario``, those of the scenario
    entry that ``--rule`` names (an entry id, or the first entry of that rule) so an
    explanation agrees with the report; else the rule as given."""
    path = getattr(a, "skenario", None)
    if not path:
        return a.rule, {}
    from simkit.errors import galat, mirip
    from simkit.orchestration.skenario import load_scenario

    s = load_scenario(path)
    entri = next((e for e in s.aturan if e.id == a.rule), None) or next(
        (e for e in s.aturan if e.aturan == a.rule), None)
    if entri is None:
        pilihan = [e.id for e in s.aturan]
        raise galat("bidang_tidak_dikenal", berkas=path, bidang="--rule", ditemukan=repr(a.rule),
                    diharapkan=", ".join(pilihan), saran=mirip(a.rule, pilihan))
    return entri.aturan, dict(entri.parameter or {})


def _evaluate_from_args(a: argparse.Namespace):
    """(evaluation, population) of the command's rule on its population folder."""
    from simkit import get_rule, load_population

    rule_id, dari_skenario = _aturan_skenario(a)
    rule = get_rule(rule_id)  # an unknown rule fails before the folder is read
    params, berkas, lines = _load_params_file(getattr(a, "params", None))
    ps = rule.parameters.with_overrides(dari_skenario or None, berkas=getattr(a, "skenario", None))
    ps = ps.with_overrides(params, berkas=berkas, baris_map={k: lines.get((k,)) for k in params})
    sk = ps.get("skala_jawaban")  # SKM answers checked on the rule's scale
    pop = load_population(a.population, pseudonimkan=not a.tanpa_pseudonim,
                          konversi_skala_5=a.konversi_skala_5,
                          skala_skm=(sk["min"], sk["max"]) if sk else None)
    return rule.evaluate(pop, ps), pop


def cmd_evaluate(a: argparse.Namespace) -> int:
    from simkit.errors import galat
    from simkit.presentation.format import persen
    from simkit.rules.narasi import label_aturan
    from simkit.tables import tulis_tabel

    out = Path(a.out) if a.out else (
        Path("keluaran") / f"{Path(a.population).resolve().name}-{a.rule}.csv")
    if out.exists() and not a.timpa:  # never replace a file silently
        raise galat("keluaran_ada", berkas=str(out))
    ev, _ = _evaluate_from_args(a)
    out.parent.mkdir(parents=True, exist_ok=True)
    tulis_tabel(ev.hasil, out)
    _out(t("cli.evaluate.selesai", n=bulat(len(ev.hasil)), rule=a.rule, out=out))
    kolom = next((k for k in ("predikat", "sebutan", "mutu") if k in ev.hasil), None)
    if kolom is not None:
        hitung = ev.hasil[kolom].value_counts(sort=False)
        total = max(int(hitung.sum()), 1)
        _out(t("cli.evaluate.ringkasan"))
        for kelas, n in hitung.items():
            if n:
                nama = label_aturan("predikat" if kolom != "mutu" else "mutu", kelas,
                                    ev.rule_id, None)
                _out(f"  {nama:<28} {bulat(n):>8}  {persen(n / total):>7}")
    return 0


def cmd_explain(a: argparse.Namespace) -> int:
    from simkit import explain
    from simkit.population.pseudonym import cari_pegawai

    ev, pop = _evaluate_from_args(a)
    ident = cari_pegawai(pop.pegawai, a.pegawai) if ev.id_kolom == "asn_id" else int(a.pegawai)
    pj = explain(ev, ident, population=pop)
    _out(pj.to_text() if a.jejak else pj.untuk_asn())
    return 0


def cmd_test_rules(a: argparse.Namespace) -> int:
    from simkit.rules.cases import run_case_files

    report = run_case_files(a.paths)
    for line in report.lines:
        _out(line)
    return report.exit_code


def _grup_sweep() -> list[str]:
    from simkit.analysis.registri import grup_sweep

    return list(grup_sweep())


def cmd_sweep(a: argparse.Namespace) -> int:
    from simkit.i18n import get_lang
    from simkit.orchestration.sweep import (
        adalah_berkas_tabel,
        jalankan,
        siapkan_sapuan,
        teks_ringkas,
        urai_set,
    )

    out = Path(a.out) if a.out else Path("keluaran") / f"{Path(a.scenario).stem}-sweep"
    lang = a.run_lang or get_lang()
    set_lang(lang)
    r = siapkan_sapuan(a.scenario, urai_set(a.set or []), a.seeds, a.metrik, sumber="--set")
    jenis = "dask" if a.dask else "proses" if a.proses is not None else "inproses"
    _out(t("cli.sweep.mulai", berkas=a.scenario, titik=bulat(len(r.titik)),
           seed=bulat(len(r.seeds)), tugas=bulat(r.jumlah_jalan),
           eksekutor=t(f"cli.sweep.eksekutor.{jenis}", n=a.proses or os.cpu_count(),
                       alamat=a.dask)))
    t0 = time.perf_counter()
    df = jalankan(r, jenis, dask_address=a.dask, workers=a.proses or None,
                  progress=not a.tanpa_progres, out=out, lang=lang, timpa=a.timpa)
    _out(t("cli.sweep.judul"))
    _out(teks_ringkas(df, lang))
    detik = angka(time.perf_counter() - t0, 1)
    if adalah_berkas_tabel(out):
        _out(t("cli.sweep.selesai", detik=detik, baris=bulat(len(df)), out=out))
        return 0
    _out(t("cli.sweep.selesai_folder", detik=detik, baris=bulat(len(df)), folder=out))
    for key in ("html", "xlsx", "tabel", "grafik", "manifest"):
        n = len(list((out / "grafik").glob("*.png"))) if key == "grafik" else None
        _out(t(f"cli.sweep.berkas.{key}", n=bulat(n) if n is not None else ""))
    return 0


def cmd_run(a: argparse.Namespace) -> int:
    from simkit.i18n import get_lang
    from simkit.orchestration.run import ringkas_keluaran, run
    from simkit.orchestration.skenario import load_scenario

    s = load_scenario(a.scenario)  # located errors before anything starts
    out = Path(a.out) if a.out else Path("keluaran") / Path(a.scenario).stem
    lang = a.run_lang or get_lang()
    set_lang(lang)
    _out(t("cli.run.mulai", berkas=a.scenario, seed=s.seed if a.seed is None else a.seed))
    t0 = time.perf_counter()
    run(s, out, lang=lang, progress=not a.tanpa_progres, stabilitas_R=a.stabilitas,
        seed=a.seed, timpa=a.timpa)
    r = ringkas_keluaran(out)
    _out(t("cli.run.selesai", detik=f"{time.perf_counter() - t0:.1f}", folder=out))
    for key, n in (("html", None), ("xlsx", None), ("tabel", r["tabel"]), ("grafik", r["grafik"]),
                   ("manifest", None)):
        _out(t(f"cli.run.{key}", n=n))
    return 0


def cmd_kalibrasi(a: argparse.Namespace) -> int:
    from simkit.orchestration.kalibrasi_skenario import calibrate, teks_hasil, tulis_skenario
    from simkit.orchestration.skenario import load_scenario
    from simkit.presentation.format import angka

    s = load_scenario(a.scenario)
    src = Path(a.scenario)
    out = Path(a.out) if a.out else src.with_name(f"{src.stem}_kalibrasi{src.suffix or '.yaml'}")
    _out(t("cli.kalibrasi.mulai", berkas=a.scenario, seed=s.seed,
           n=bulat(s.populasi.jumlah_asn)))
    t0 = time.perf_counter()
    h = calibrate(s, a.patokan)
    _out(teks_hasil(h))
    tulis_skenario(h, out)
    _out(t("cli.kalibrasi.selesai", evaluasi=h.jumlah_evaluasi,
           detik=f"{time.perf_counter() - t0:.1f}", galat=angka(h.galat_maks(), 2)))
    _out(t("cli.kalibrasi.ditulis", out=out))
    return 0


def cmd_workshop(a: argparse.Namespace) -> int:
    from simkit.orchestration.workshop import folder_notebook, jalankan, rencana_server

    root = Path(a.folder) if a.folder else folder_notebook()
    r = rencana_server(root.resolve(), app=a.app, port=a.port, lan=a.lan,
                       buka_peramban=a.buka_peramban, token=a.token)
    return jalankan(r, _out)


def cmd_pelatihan_periksa(a: argparse.Namespace) -> int:
    from simkit.pelatihan.periksa import FOLDER_BAWAAN, periksa

    lap = periksa(Path(a.folder) if a.folder else FOLDER_BAWAAN)
    if not lap.baik:
        raise lap.galat()
    _out(lap.ringkasan())
    return 0


def cmd_pelatihan_bangun(a: argparse.Namespace) -> int:
    from simkit.pelatihan.lembar import FOLDER_BAWAAN, KELUARAN_BAWAAN, bangun

    h = bangun(a.out or KELUARAN_BAWAAN, a.bahasa_lembar, a.folder or FOLDER_BAWAAN,
               timpa=a.timpa)
    for nama, lang, alasan in h.dilewati:
        _out(t("cli.pelatihan.bangun.dilewati", lembar=nama, bahasa=lang, alasan=alasan))
    _out(t("cli.pelatihan.bangun.ditulis", n=len(h.berkas), folder=h.folder))
    return 0


def cmd_pelatihan_analisis(a: argparse.Namespace) -> int:
    from simkit.pelatihan.analisis import analisis_berkas, ringkasan

    lang = a.analisis_lang or get_lang()
    h, out = analisis_berkas(a.file, a.out, lang=lang, timpa=a.timpa)
    _out(t("cli.pelatihan.analisis.selesai", lang, n=h.n_pasangan, folder=out))
    for p in ringkasan(h, lang)["peringatan"]:
        _out(f"! {p}")
    return 0


# --------------------------------------------------------------------------- parser


PERINTAH = ("validate", "generate", "rules", "evaluate", "explain", "test-rules", "run",
            "sweep", "kalibrasi", "workshop", "pelatihan")
"""The commands, in the order of ``simkit --help``."""


def _opsi(parser: argparse.ArgumentParser | argparse._ArgumentGroup, nama: str, inggris: str,
          **kw: object) -> None:
    """An option spelt in Indonesian (``--nama``) that also accepts its English spelling."""
    dest = kw.pop("dest", inggris.lstrip("-").replace("-", "_"))
    parser.add_argument(nama, inggris, dest=dest, **kw)  # type: ignore[arg-type]


def _posisi(parser: argparse.ArgumentParser, dest: str, kunci: str, **kw: object) -> None:
    """A positional argument shown by its name in the user's language (``SKENARIO``)."""
    parser.add_argument(dest, metavar=t(f"cli.metavar.{kunci}"), **kw)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    """The ``simkit`` parser: Indonesian flags with their English spellings as aliases, every
    text (argparse's own included) in the user's language."""
    _localise_argparse()
    p = argparse.ArgumentParser(prog="simkit", description=t("cli.deskripsi"),
                                epilog=t("cli.epilog"))
    _opsi(p, "--bahasa", "--lang", choices=["id", "en"], help=t("cli.lang"))
    p.add_argument("--version", "--versi", action="version", version=f"simkit {_version()}",
                   help=t("cli.versi"))
    sub = p.add_subparsers(dest="perintah", title=t("cli.perintah"),
                           metavar=t("cli.metavar.perintah"))

    def perintah(nama: str, kunci: str, func: Handler) -> argparse.ArgumentParser:
        x = sub.add_parser(nama, help=t(f"cli.{kunci}.help"), description=t(f"cli.{kunci}.help"))
        x.set_defaults(func=func)
        return x

    v = perintah("validate", "validate", cmd_validate)
    _posisi(v, "file", "skenario", help=t("cli.validate.file"))

    g = perintah("generate", "generate", cmd_generate)
    _posisi(g, "scenario", "skenario", help=t("cli.generate.scenario"))
    _opsi(g, "--keluaran", "--out", metavar=t("cli.metavar.folder"), help=t("cli.generate.out"))
    g.add_argument("--seed", type=int, help=t("cli.generate.seed"))
    g.add_argument("--format", default="parquet,csv", help=t("cli.generate.format"))
    _opsi(g, "--timpa", "--overwrite", dest="timpa", action="store_true", help=t("cli.timpa"))

    r = perintah("rules", "rules", cmd_rules)
    _posisi(r, "rule", "aturan", nargs="?", help=t("cli.rules.rule"))

    for name, func in (("evaluate", cmd_evaluate), ("explain", cmd_explain)):
        e = perintah(name, name, func)
        _posisi(e, "population", "populasi", help=t("cli.evaluate.population"))
        _opsi(e, "--aturan", "--rule", required=True, help=t("cli.evaluate.rule"))
        _opsi(e, "--parameter", "--params", help=t("cli.evaluate.params"))
        _opsi(e, "--skenario", "--scenario", dest="skenario", help=t("cli.evaluate.skenario"))
        _opsi(e, "--tanpa-pseudonim", "--no-pseudonym", dest="tanpa_pseudonim",
              action="store_true", help=t("cli.evaluate.tanpa_pseudonim"))
        _opsi(e, "--konversi-skala-5", "--convert-scale-5", dest="konversi_skala_5",
              action="store_true", help=t("cli.evaluate.konversi_skala_5"))
        if name == "evaluate":
            _opsi(e, "--keluaran", "--out", metavar=t("cli.metavar.berkas"),
                  help=t("cli.evaluate.out"))
            _opsi(e, "--timpa", "--overwrite", dest="timpa", action="store_true",
                  help=t("cli.timpa"))
        else:
            _opsi(e, "--pegawai", "--employee", dest="pegawai", required=True,
                  help=t("cli.explain.pegawai"))
            _opsi(e, "--jejak", "--trace", dest="jejak", action="store_true",
                  help=t("cli.explain.jejak"))

    tr = perintah("test-rules", "test_rules", cmd_test_rules)
    _posisi(tr, "paths", "berkas", nargs="+", help=t("cli.test_rules.paths"))

    ru = perintah("run", "run", cmd_run)
    _posisi(ru, "scenario", "skenario", help=t("cli.run.scenario"))
    _opsi(ru, "--keluaran", "--out", metavar=t("cli.metavar.folder"), help=t("cli.run.out"))
    _opsi(ru, "--bahasa", "--lang", dest="run_lang", choices=["id", "en"], help=t("cli.run.lang"))
    _opsi(ru, "--stabilitas", "--stability", dest="stabilitas", type=int, default=None,
          metavar="R", help=t("cli.run.stabilitas"))
    ru.add_argument("--seed", type=int, help=t("cli.run.seed"))
    _opsi(ru, "--tanpa-progres", "--no-progress", dest="tanpa_progres", action="store_true",
          help=t("cli.run.tanpa_progres"))
    _opsi(ru, "--timpa", "--overwrite", dest="timpa", action="store_true", help=t("cli.timpa"))

    sw = perintah("sweep", "sweep", cmd_sweep)
    _posisi(sw, "scenario", "skenario", help=t("cli.sweep.scenario"))
    _opsi(sw, "--atur", "--set", action="append", metavar="PARAM=V1,V2", help=t("cli.sweep.set"))
    _opsi(sw, "--jumlah-seed", "--seeds", type=int, default=1, metavar="N",
          help=t("cli.sweep.seeds"))
    where = sw.add_mutually_exclusive_group()
    _opsi(where, "--proses", "--processes", dest="proses", type=int, nargs="?", const=0,
          metavar="N", help=t("cli.sweep.proses"))
    where.add_argument("--dask", metavar="tcp://HOST:PORT|local", help=t("cli.sweep.dask"))
    _opsi(sw, "--metrik", "--metrics", dest="metrik",
          help=t("cli.sweep.metrik", grup=", ".join(_grup_sweep())))
    _opsi(sw, "--keluaran", "--out", metavar=t("cli.sweep.metavar_out"), help=t("cli.sweep.out"))
    _opsi(sw, "--bahasa", "--lang", dest="run_lang", choices=["id", "en"], help=t("cli.run.lang"))
    _opsi(sw, "--tanpa-progres", "--no-progress", dest="tanpa_progres", action="store_true",
          help=t("cli.sweep.tanpa_progres"))
    _opsi(sw, "--timpa", "--overwrite", dest="timpa", action="store_true", help=t("cli.timpa"))

    ka = perintah("kalibrasi", "kalibrasi", cmd_kalibrasi)
    _posisi(ka, "scenario", "skenario", help=t("cli.kalibrasi.scenario"))
    _opsi(ka, "--keluaran", "--out", metavar=t("cli.metavar.berkas"), help=t("cli.kalibrasi.out"))
    _opsi(ka, "--patokan", "--targets", dest="patokan", help=t("cli.kalibrasi.patokan"))

    ws = perintah("workshop", "workshop", cmd_workshop)
    _opsi(ws, "--aplikasi", "--app", dest="app", action="store_true", help=t("cli.workshop.app"))
    ws.add_argument("--port", type=int, metavar="N", help=t("cli.workshop.port"))
    ws.add_argument("--lan", action="store_true", help=t("cli.workshop.lan"))
    ws.add_argument("--token", help=t("cli.workshop.token"))
    _opsi(ws, "--buka-peramban", "--open-browser", dest="buka_peramban", action="store_true",
          help=t("cli.workshop.buka_peramban"))
    _opsi(ws, "--folder", "--dir", dest="folder", metavar=t("cli.metavar.folder"),
          help=t("cli.workshop.folder"))

    pl = perintah("pelatihan", "pelatihan", lambda a: pl.print_help() or 0)
    pelatihan = pl.add_subparsers(dest="pelatihan_perintah", title=t("cli.pelatihan.perintah"),
                                  metavar=t("cli.metavar.perintah"))

    def subperintah(nama: str, func: Handler) -> argparse.ArgumentParser:
        kunci = f"cli.pelatihan.{nama}.help"
        x = pelatihan.add_parser(nama, help=t(kunci), description=t(kunci))
        x.set_defaults(func=func)
        return x

    # The training kit's subcommands (issue 12) are declared here, one block each.
    pp = subperintah("periksa", cmd_pelatihan_periksa)
    _opsi(pp, "--folder", "--dir", dest="folder", metavar=t("cli.metavar.folder"),
          help=t("cli.pelatihan.periksa.folder"))

    bg = subperintah("bangun", cmd_pelatihan_bangun)
    _opsi(bg, "--keluaran", "--out", metavar=t("cli.metavar.folder"),
          help=t("cli.pelatihan.bangun.keluaran"))
    _opsi(bg, "--bahasa", "--lang", dest="bahasa_lembar", choices=["id", "en", "semua"],
          default="semua", help=t("cli.pelatihan.bangun.bahasa"))
    _opsi(bg, "--folder", "--dir", dest="folder", metavar=t("cli.metavar.folder"),
          help=t("cli.pelatihan.bangun.folder"))
    _opsi(bg, "--timpa", "--overwrite", dest="timpa", action="store_true", help=t("cli.timpa"))

    an = subperintah("analisis", cmd_pelatihan_analisis)
    _posisi(an, "file", "berkas", nargs="+", help=t("cli.pelatihan.analisis.file"))
    _opsi(an, "--keluaran", "--out", metavar=t("cli.metavar.folder"),
          help=t("cli.pelatihan.analisis.out"))
    _opsi(an, "--bahasa", "--lang", dest="analisis_lang", choices=["id", "en"],
          help=t("cli.run.lang"))
    _opsi(an, "--timpa", "--overwrite", dest="timpa", action="store_true", help=t("cli.timpa"))
    return p


def _perintah_tidak_dikenal(argv: Sequence[str]) -> str | None:
    """The first command-line word that should be a command and is not one."""
    lewati = False
    for arg in argv:
        if lewati:
            lewati = False
            continue
        if arg in ("--bahasa", "--lang"):
            lewati = True
            continue
        if arg.startswith("-"):
            return None  # --help, --version, or an option argparse will judge
        return None if arg in PERINTAH else arg
    return None


def _version() -> str:
    from simkit import __version__

    return __version__


def _pre_scan_lang(argv: Sequence[str]) -> None:
    """Set the language from ``--lang``/``--bahasa`` before the parser is built; a value that
    is no language (``pelatihan bangun --bahasa semua``) leaves it as it is."""
    for i, arg in enumerate(argv):
        val = (argv[i + 1] if arg in ("--lang", "--bahasa") and i + 1 < len(argv)
               else arg.split("=", 1)[1] if arg.startswith(("--lang=", "--bahasa=")) else None)
        if val in ("id", "en"):
            set_lang(val)


PIPA_TERTUTUP = 141
"""Exit code when the reader of stdout went away (128 + SIGPIPE, as other command-line tools)."""


def _pipa_tertutup() -> int:
    """``simkit explain ... | head``: the reader closed the pipe, which is not an error. stdout
    is pointed at the null device so the interpreter's last flush stays quiet; no message."""
    try:
        nul = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nul, sys.stdout.fileno())
        os.close(nul)
    except (OSError, ValueError, AttributeError):  # stdout replaced (tests) or already gone
        pass
    return PIPA_TERTUTUP


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``simkit`` command; returns the exit code (141, silently, when
    stdout is a pipe its reader closed)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        return _pipa_tertutup()


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _pre_scan_lang(argv)
    parser = build_parser()
    salah = _perintah_tidak_dikenal(argv)
    if salah is not None:
        from simkit.errors import galat, mirip

        exc = galat("perintah_tidak_dikenal", ditemukan=repr(salah),
                    diharapkan=", ".join(PERINTAH), saran=mirip(salah, PERINTAH))
        print(f"{t('umum.galat')}:\n{exc.render()}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except SimkitError as exc:
        print(f"{t('umum.galat')}:\n{exc.render()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # the closed pipe of main(), not an internal error
    except Exception as exc:  # never a raw traceback for users
        if os.environ.get("SIMKIT_DEBUG"):
            raise
        print(f"{t('umum.galat')}: {t('galat.internal', detail=type(exc).__name__ + ': ' + str(exc)[:200])}",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
