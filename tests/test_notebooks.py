"""Every notebook in notebooks/ runs top to bottom under papermill, in Indonesian and English,
opens with its language switch and introduction, and is committed without outputs."""

from __future__ import annotations

import json
import time
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
    pm.execute_notebook(str(ROOT / "notebooks" / "01_cara_kerja_penilaian.ipynb"), str(out),
                        parameters={"lang": lang, "n_asn": 300}, kernel_name="python3",
                        progress_bar=False, cwd=str(ROOT / "notebooks"))
    text = _text(nbformat.read(out, as_version=4))
    assert phrase in text
    assert "permenpanrb_6_2022" in text or "PermenPANRB 6/2022" in text
    # the comparison reports accuracy for the three rules
    for name in ("nasional", "reformasi_ikm", "kalibrasi"):
        assert name in text

    # the quadrant and the puskesmas waiting-time IKI (2 - 24/30 = 120 %)
    assert "capaian: 120.0 %" in text
    assert ("Sangat Baik" if lang == "id" else "Very good") in text


NAMA = ["00_mulai_di_sini", "01_cara_kerja_penilaian", "02_kalkulator_saya",
        "03_populasi_sintetis", "04_bandingkan_aturan", "05_survei_kepuasan", "06_bias_penilai",
        "07_kurva_distribusi", "08_data_bkpp_sendiri", "09_studi_parameter",
        "11_evaluasi_pelatihan", "app"]


def test_the_workshop_notebooks_are_all_here():
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(NAMA)


def test_each_opens_with_a_lang_parameter_and_the_language_switch():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        kode = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in kode[0].metadata.get("tags", []), path.name
        assert 'lang = "id"' in kode[0].source, path.name
        assert f'sakelar_bahasa("{path.stem}"' in kode[1].source, path.name


@pytest.mark.parametrize("lang,untuk", [("id", "Untuk siapa"), ("en", "Who it is for")])
@pytest.mark.parametrize("nama", NAMA)
def test_notebook_runs_in_both_languages_within_seconds(tmp_path, nama, lang, untuk):
    from simkit.i18n import t

    path = ROOT / "notebooks" / f"{nama}.ipynb"
    known = pm.inspect_notebook(str(path))
    parameters = {k: v for k, v in {"lang": lang, "n_asn": 300}.items() if k in known}
    out = tmp_path / "out.ipynb"
    t0 = time.perf_counter()
    pm.execute_notebook(str(path), str(out), parameters=parameters, kernel_name="python3",
                        progress_bar=False, cwd=str(ROOT / "notebooks"))
    assert time.perf_counter() - t0 < 60
    nb = nbformat.read(out, as_version=4)
    # the introduction lives in the language-switch widget's state, in the chosen language
    state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert untuk in state
    assert t(f"workshop.nb.{nama}.judul", lang) in state


def test_the_map_and_the_landing_page_link_every_notebook():
    import re

    for peta in ("00_mulai_di_sini", "app"):
        nb = nbformat.read(ROOT / "notebooks" / f"{peta}.ipynb", as_version=4)
        teks = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        links = {Path(x).stem for x in re.findall(r"\]\(([^)]+\.ipynb)\)", teks)}
        assert set(NAMA) - {"00_mulai_di_sini", "app"} <= links, peta
        assert "coming soon" not in teks, peta
