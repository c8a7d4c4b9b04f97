"""The install lists agree, the README keeps its two commands, CI runs README's test command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    # dask[distributed] is one pip requirement but two conda packages
    wanted |= {"distributed"}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    have = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert have == wanted


def test_readme_opens_in_indonesian_and_has_two_commands():
    text = (ROOT / "README.md").read_text()
    assert text.index("**Ringkasan.**") < text.index("**Summary (English).**")
    for marker in ("main-command", "test-command"):
        block = re.search(rf"<!-- {marker} -->\n```\n(.+?)\n```\n<!-- /{marker} -->", text, re.S)
        assert block, marker
        cmd = block.group(1)
        assert cmd.startswith("python3 -m venv .venv && ")
        assert "\n" not in cmd


def test_ci_reads_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci and "rm -rf .venv" in ci


def test_cli_help_is_indonesian_and_english(capsys):
    import pytest

    from simkit.cli import main
    from simkit.i18n import set_lang

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "tampilkan bantuan ini" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "show this help" in capsys.readouterr().out
    set_lang(None)


def test_scenarios_cite_sources_a_user_can_open():
    """Scenario comments point to the regulation or to docs/ in the repository, never to files
    outside it (REFERENCE.md, REAL-EXPORTS.md, ../shared)."""
    root = Path(__file__).resolve().parents[1]
    for f in sorted((root / "scenarios").glob("*.yaml")):
        teks = f.read_text("utf-8")
        for luar in ("REFERENCE", "REAL-EXPORTS", "shared/", "rule-cases.md"):
            assert luar not in teks, (f.name, luar)


def test_notebook_checkpoints_are_ignored():
    root = Path(__file__).resolve().parents[1]
    assert ".ipynb_checkpoints/" in (root / ".gitignore").read_text("utf-8").split()
