"""The CLI a person expects: one language for flags (English spellings accepted), argparse's
own words translated, a did-you-mean for commands, evaluate's summary and default file."""

from __future__ import annotations

import pytest
import yaml

from simkit.cli import build_parser, main
from simkit.i18n import set_lang

SKENARIO = {"nama": "uji cli", "seed": 4, "populasi": {"jumlah_asn": 80}}


@pytest.fixture
def populasi(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(yaml.safe_dump(SKENARIO), encoding="utf-8")
    out = tmp_path / "pop"
    assert main(["generate", str(f), "--keluaran", str(out)]) == 0
    return out


def test_unknown_command_suggests_the_nearest(capsys):
    assert main(["rn", "x.yaml"]) == 2
    err = capsys.readouterr().err
    assert "perintah tidak dikenal" in err and "Maksud Anda 'run'?" in err
    assert main(["--lang", "en", "evalute", "x"]) == 2
    assert "Did you mean 'evaluate'?" in capsys.readouterr().err


def test_flags_are_indonesian_and_english_spellings_are_aliases():
    p = build_parser()
    a = p.parse_args(["run", "s.yaml", "--keluaran", "o", "--bahasa", "en", "--timpa"])
    b = p.parse_args(["run", "s.yaml", "--out", "o", "--lang", "en", "--overwrite"])
    assert (a.out, a.run_lang, a.timpa) == (b.out, b.run_lang, b.timpa) == ("o", "en", True)
    e = p.parse_args(["explain", "pop", "--aturan", "pp30_2019", "--pegawai", "7", "--jejak"])
    f = p.parse_args(["explain", "pop", "--rule", "pp30_2019", "--employee", "7", "--trace"])
    assert (e.rule, e.pegawai, e.jejak) == (f.rule, f.pegawai, f.jejak)
    s = p.parse_args(["sweep", "s.yaml", "--atur", "a=1,2", "--jumlah-seed", "3"])
    assert (s.set, s.seeds) == (["a=1,2"], 3)


def test_help_in_the_users_language(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: simkit run") and "SKENARIO" in out and "opsi" in out
    set_lang("en")
    with pytest.raises(SystemExit):
        main(["--lang", "en", "run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: simkit run") and "SCENARIO" in out and "SKENARIO" not in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "COMMAND" in capsys.readouterr().out
    set_lang("id")
    with pytest.raises(SystemExit):
        main(["evaluate", "pop"])
    assert "argumen berikut wajib diisi: --aturan/--rule" in capsys.readouterr().err


def test_evaluate_summary_default_file_and_no_silent_overwrite(populasi, tmp_path, capsys,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["evaluate", str(populasi), "--aturan", "pp30_2019"]) == 0
    out = capsys.readouterr().out
    berkas = tmp_path / "keluaran" / "pop-pp30_2019.csv"
    assert berkas.is_file() and "80 baris hasil aturan pp30_2019" in out
    assert "Sebaran hasil:" in out and "Baik" in out and "%" in out
    lama = berkas.read_bytes()
    assert main(["evaluate", str(populasi), "--aturan", "pp30_2019"]) == 2
    assert "--timpa" in capsys.readouterr().err and berkas.read_bytes() == lama
    assert main(["evaluate", str(populasi), "--aturan", "pp30_2019", "--timpa"]) == 0


def test_sweep_help_example_is_valid_on_the_default_scenario():
    import re

    from simkit.i18n import t
    from simkit.orchestration.sweep import siapkan_sapuan, urai_set

    for lang in ("id", "en"):
        contoh = re.search(r"(aturan\.\S+=\S+) (?:pada|on) (scenarios/\S+\.yaml)",
                           t("cli.sweep.set", lang))
        assert contoh, lang
        r = siapkan_sapuan(contoh.group(2), urai_set([contoh.group(1)]), 1, None)
        assert len(r.titik) == 4
