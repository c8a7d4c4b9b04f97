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
from simkit.i18n import set_lang, t

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
    _out(t("cli.validate.ok", nama=s.nama, n=f"{s.populasi.jumlah_asn:,}".replace(",", "."),
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
           n=f"{len(pop.pegawai):,}".replace(",", "."), folder=out))
    for name, n in pop.row_counts().items():
        _out(t("cli.generate.baris", tabel=name, n=f"{n:,}".replace(",", ".")))
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


def _evaluate_from_args(a: argparse.Namespace):
    from simkit import get_rule, load_population

    rule = get_rule(a.rule)  # an unknown rule fails before the folder is read
    params, berkas, lines = _load_params_file(getattr(a, "params", None))
    ps = rule.parameters.with_overrides(
        params, berkas=berkas, baris_map={k: lines.get((k,)) for k in params})
    sk = ps.get("skala_jawaban")  # SKM answers checked on the rule's scale
    pop = load_population(a.population, pseudonimkan=not a.tanpa_pseudonim,
                          konversi_skala_5=a.konversi_skala_5,
                          skala_skm=(sk["min"], sk["max"]) if sk else None)
    return rule.evaluate(pop, ps)


def cmd_evaluate(a: argparse.Namespace) -> int:
    from simkit.tables import tulis_tabel

    ev = _evaluate_from_args(a)
    tulis_tabel(ev.hasil, a.out)
    _out(t("cli.evaluate.selesai", n=len(ev.hasil), rule=a.rule, out=a.out))
    return 0


def cmd_explain(a: argparse.Namespace) -> int:
    from simkit import explain

    ev = _evaluate_from_args(a)
    _out(str(explain(ev, a.employee)))
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
    from simkit.orchestration.sweep import jalankan, siapkan_sapuan, teks_ringkas, urai_set
    from simkit.tables import AKHIRAN_FORMAT, tulis_tabel

    out = Path(a.out) if a.out else Path("keluaran") / f"{Path(a.scenario).stem}-sweep.csv"
    if out.suffix.lower() not in AKHIRAN_FORMAT:  # fail before the run, with tulis_tabel's message
        import pandas as pd

        tulis_tabel(pd.DataFrame(), out)
    r = siapkan_sapuan(a.scenario, urai_set(a.set or []), a.seeds, a.metrik, sumber="--set")
    jenis = "dask" if a.dask else "proses" if a.proses is not None else "inproses"
    _out(t("cli.sweep.mulai", berkas=a.scenario, titik=len(r.titik), seed=len(r.seeds),
           tugas=r.jumlah_jalan, eksekutor=t(f"cli.sweep.eksekutor.{jenis}",
                                             n=a.proses or os.cpu_count(), alamat=a.dask)))
    t0 = time.perf_counter()
    df = jalankan(r, jenis, dask_address=a.dask, workers=a.proses or None,
                  progress=sys.stderr.isatty(), out=out)
    _out(t("cli.sweep.judul"))
    _out(teks_ringkas(df))
    _out(t("cli.sweep.selesai", detik=f"{time.perf_counter() - t0:.1f}", baris=len(df), out=out))
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
           n=f"{s.populasi.jumlah_asn:,}".replace(",", ".")))
    t0 = time.perf_counter()
    h = calibrate(s, a.patokan)
    _out(teks_hasil(h))
    tulis_skenario(h, out)
    _out(t("cli.kalibrasi.selesai", evaluasi=h.jumlah_evaluasi,
           detik=f"{time.perf_counter() - t0:.1f}", galat=angka(h.galat_maks(), 2)))
    _out(t("cli.kalibrasi.ditulis", out=out))
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    _localise_argparse()
    p = argparse.ArgumentParser(prog="simkit", description=t("cli.deskripsi"),
                                epilog=t("cli.epilog"))
    p.add_argument("--lang", choices=["id", "en"], help=t("cli.lang"))
    p.add_argument("--version", action="version", version=f"simkit {_version()}",
                   help=t("cli.versi"))
    sub = p.add_subparsers(dest="perintah", title=t("cli.perintah"), metavar="PERINTAH")

    v = sub.add_parser("validate", help=t("cli.validate.help"), description=t("cli.validate.help"))
    v.add_argument("file", help=t("cli.validate.file"))
    v.set_defaults(func=cmd_validate)

    g = sub.add_parser("generate", help=t("cli.generate.help"), description=t("cli.generate.help"))
    g.add_argument("scenario", help=t("cli.generate.scenario"))
    g.add_argument("--out", help=t("cli.generate.out"))
    g.add_argument("--seed", type=int, help=t("cli.generate.seed"))
    g.add_argument("--format", default="parquet,csv", help=t("cli.generate.format"))
    g.add_argument("--timpa", "--overwrite", action="store_true", help=t("cli.timpa"))
    g.set_defaults(func=cmd_generate)

    r = sub.add_parser("rules", help=t("cli.rules.help"), description=t("cli.rules.help"))
    r.add_argument("rule", nargs="?", help=t("cli.rules.rule"))
    r.set_defaults(func=cmd_rules)

    for name, func in (("evaluate", cmd_evaluate), ("explain", cmd_explain)):
        e = sub.add_parser(name, help=t(f"cli.{name}.help"), description=t(f"cli.{name}.help"))
        e.add_argument("population", help=t("cli.evaluate.population"))
        e.add_argument("--rule", required=True, help=t("cli.evaluate.rule"))
        e.add_argument("--params", help=t("cli.evaluate.params"))
        e.add_argument("--tanpa-pseudonim", action="store_true",
                       help=t("cli.evaluate.tanpa_pseudonim"))
        e.add_argument("--konversi-skala-5", action="store_true",
                       help=t("cli.evaluate.konversi_skala_5"))
        if name == "evaluate":
            e.add_argument("--out", required=True, help=t("cli.evaluate.out"))
        else:
            e.add_argument("--employee", required=True, type=int, help=t("cli.explain.employee"))
        e.set_defaults(func=func)

    tr = sub.add_parser("test-rules", help=t("cli.test_rules.help"),
                        description=t("cli.test_rules.help"))
    tr.add_argument("paths", nargs="+", help=t("cli.test_rules.paths"))
    tr.set_defaults(func=cmd_test_rules)

    ru = sub.add_parser("run", help=t("cli.run.help"), description=t("cli.run.help"))
    ru.add_argument("scenario", help=t("cli.run.scenario"))
    ru.add_argument("--out", help=t("cli.run.out"))
    ru.add_argument("--lang", dest="run_lang", choices=["id", "en"], help=t("cli.run.lang"))
    ru.add_argument("--stabilitas", type=int, default=None, metavar="R",
                    help=t("cli.run.stabilitas"))
    ru.add_argument("--seed", type=int, help=t("cli.run.seed"))
    ru.add_argument("--tanpa-progres", action="store_true", help=t("cli.run.tanpa_progres"))
    ru.add_argument("--timpa", "--overwrite", action="store_true", help=t("cli.timpa"))
    ru.set_defaults(func=cmd_run)

    sw = sub.add_parser("sweep", help=t("cli.sweep.help"), description=t("cli.sweep.help"))
    sw.add_argument("scenario", help=t("cli.sweep.scenario"))
    sw.add_argument("--set", action="append", metavar="PARAM=V1,V2", help=t("cli.sweep.set"))
    sw.add_argument("--seeds", type=int, default=1, metavar="N", help=t("cli.sweep.seeds"))
    where = sw.add_mutually_exclusive_group()
    where.add_argument("--proses", type=int, nargs="?", const=0, metavar="N",
                       help=t("cli.sweep.proses"))
    where.add_argument("--dask", metavar="tcp://HOST:PORT|local", help=t("cli.sweep.dask"))
    sw.add_argument("--metrik", help=t("cli.sweep.metrik", grup=", ".join(_grup_sweep())))
    sw.add_argument("--out", help=t("cli.sweep.out"))
    sw.set_defaults(func=cmd_sweep)

    ka = sub.add_parser("kalibrasi", help=t("cli.kalibrasi.help"),
                        description=t("cli.kalibrasi.help"))
    ka.add_argument("scenario", help=t("cli.kalibrasi.scenario"))
    ka.add_argument("--out", help=t("cli.kalibrasi.out"))
    ka.add_argument("--patokan", help=t("cli.kalibrasi.patokan"))
    ka.set_defaults(func=cmd_kalibrasi)
    return p


def _version() -> str:
    from simkit import __version__

    return __version__


def _pre_scan_lang(argv: Sequence[str]) -> None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_lang(argv[i + 1] if argv[i + 1] in ("id", "en") else None)
        elif arg.startswith("--lang="):
            val = arg.split("=", 1)[1]
            set_lang(val if val in ("id", "en") else None)


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
