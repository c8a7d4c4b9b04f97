"""Every notebook in notebooks/ runs top to bottom under papermill, in Indonesian and English."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill as pm
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.notebook


def _text(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.append(str(o.get("data", {}).get("text/plain", "")))
            parts.append(str(o.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


def test_notebooks_exist_with_parameters_cell():
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells), path.name
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
            f"{path.name}: commit notebooks without outputs")


@pytest.mark.parametrize("lang,phrase", [("id", "Penjelasan"), ("en", "Explanation")])
def test_start_notebook_runs(tmp_path, lang, phrase):
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "01_mulai_di_sini.ipynb"), str(out),
                        parameters={"lang": lang}, kernel_name="python3", progress_bar=False,
                        cwd=str(ROOT / "notebooks"))
    text = _text(nbformat.read(out, as_version=4))
    assert phrase in text
    assert "permenpanrb_6_2022" in text or "PermenPANRB 6/2022" in text
    # the comparison reports accuracy for the three rules
    for name in ("nasional", "reformasi_ikm", "kalibrasi"):
        assert name in text
