"""``simkit.run`` / ``simkit run`` end to end on a small scenario: the real generator, rules,
comparison, notebook (papermill) and offline HTML (nbconvert)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from analisis_data import skenario_laporan

from simkit.analysis.registri import nama_tabel
from simkit.cli import main
from simkit.orchestration.run import run
from simkit.orchestration.skenario import load_scenario
from simkit.rules.params import load_params

SKENARIO = skenario_laporan("Uji run", 42, 600)
TABEL = nama_tabel()
GRAFIK = ("distribusi_predikat", "kuadran", "transisi", "menang_kalah", "kesepakatan_penilai",
          "akurasi_keadilan_stabilitas", "tpp_per_opd", "ikm_per_unit")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|<script[^>]*\bsrc\s*=|//cdn""",
                      re.I)
JUDUL_ID = ["Putusan dan ketidakpastiannya", "Kartu reformasi", "Ringkasan", "Distribusi predikat per aturan",
            "Transisi dan menang/kalah", "Akurasi terhadap kebenaran", "Keadilan",
            "Kesepakatan penilai (penilaian 360)", "Stabilitas",
            "Kepatuhan kurva distribusi SE MenPANRB 3/2023", "Biaya TPP", "IKM per unit layanan",
            "Manifest", "Lampiran"]
JUDUL_EN = ["Verdict and its uncertainty", "Reform card", "Summary",
            "Predikat distribution per rule",
            "Transitions, winners and losers", "Accuracy against the truth", "Fairness",
            "Rater agreement (360 ratings)", "Stability", "TPP cost", "IKM per service unit",
            "Appendix"]


def _anak() -> set[int]:
    """Live child processes of this test process (kernels must not outlive a run)."""
    me, out = os.getpid(), set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == me and fields[0] != "Z":
                out.add(int(d.name))
    return out


def _h2(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


@pytest.fixture(scope="module")
def hasil_id(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("id") / "laporan_uji"
    assert run(SKENARIO, out, progress=False) == out
    return out


@pytest.fixture(scope="module")
def hasil_en(tmp_path_factory) -> tuple[Path, int, str]:
    d = tmp_path_factory.mktemp("en")
    f = d / "uji.yaml"
    f.write_text(yaml.safe_dump(SKENARIO, allow_unicode=True), encoding="utf-8")
    out = d / "keluaran"
    import contextlib
    import io

    buf = io.StringIO()
    from simkit.i18n import set_lang

    try:
        with contextlib.redirect_stdout(buf):
            code = main(["--lang", "en", "run", str(f), "--out", str(out), "--tanpa-progres"])
    finally:
        set_lang(None)  # the CLI sets the process language; do not leak it to other tests
    return out, code, buf.getvalue()


def test_expected_files(hasil_id):
    for name in ("laporan.html", "laporan.ipynb", "laporan.xlsx", "manifest.json"):
        assert (hasil_id / name).is_file(), name
    for name in TABEL:
        assert (hasil_id / "tabel" / f"{name}.csv").is_file(), name
        assert (hasil_id / "tabel" / f"{name}.parquet").is_file(), name
    assert sorted(p.stem for p in (hasil_id / "grafik").glob("*.png")) == sorted(GRAFIK)
    assert not list(hasil_id.parent.glob(".*"))  # no temporary folder left beside it


def test_html_offline_indonesian_opens_with_the_verdict(hasil_id):
    html = (hasil_id / "laporan.html").read_text(encoding="utf-8")
    assert not EXTERNAL.search(html)
    assert "http://" not in html and "https://" not in html
    assert 'lang="id"' in html
    assert "laporan.tampilkan" not in html and "import" not in _teks(html)[:200]
    assert _h2(html) == JUDUL_ID
    assert html.count("data:image/png;base64,") >= len(GRAFIK)
    # the verdict: the baseline, the seeds, one sentence per rule, the findings
    vonis = html[html.index('id="bagian-putusan"'):html.index('id="bagian-kartu"')]
    assert "pada 3 populasi sintetis" in vonis and "seed 42–44" in vonis
    assert "Reformasi ambang 105: " in vonis and "ASN berubah predikat" in vonis
    assert "Perbedaan nyata:" in vonis and "Seri (dalam batas derau)" in vonis
    assert "Temuan yang tidak boleh terlewat" in vonis
    # the kartu reformasi: changed parameter, old -> new, its legal reference
    kartu = html[html.index('id="bagian-kartu"'):html.index('id="bagian-ringkasan"')]
    ref = load_params("permenpanrb_6_2022").meta("ambang_hasil_di_atas").referensi
    assert "Reformasi ambang 105" in kartu and "ambang_hasil_di_atas" not in kartu
    assert "Ambang capaian hasil kerja untuk Di Atas Ekspektasi" in kartu
    assert ">110<" in kartu and ">105<" in kartu and ref in kartu
    assert "<h1>Laporan Perbandingan Aturan Penilaian Kinerja ASN</h1>" in html
    assert "<title>Laporan Perbandingan Aturan Penilaian Kinerja ASN — Uji run</title>" in html


def _teks(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html[html.index("<main"):])


def test_english_report_via_cli(hasil_en):
    out, code, stdout = hasil_en
    assert code == 0
    assert "Report written to" in stdout and "laporan.html" in stdout
    html = (out / "laporan.html").read_text(encoding="utf-8")
    titles = _h2(html)
    for j in JUDUL_EN:
        assert j in titles
    assert 'lang="en"' in html and not EXTERNAL.search(html)
    assert "Comparison of ASN Performance-Evaluation Rules" in html
    wb = openpyxl.load_workbook(out / "laporan.xlsx", read_only=True)
    assert [c.value for c in next(wb["distribusi"].iter_rows(max_row=1))][0] == "Rule"


def test_excel_workbook_sheets(hasil_id):
    wb = openpyxl.load_workbook(hasil_id / "laporan.xlsx", read_only=True)
    names = wb.sheetnames
    assert names[0] == "tentang"
    assert set(names[1:]) == {n[:31] for n in TABEL}
    assert all(len(n) <= 31 for n in names)
    kartu = list(wb["kartu_reformasi"].iter_rows(values_only=True))
    assert len(kartu) == 2 and "ambang_hasil_di_atas" in kartu[1]


def test_manifest(hasil_id):
    m = json.loads((hasil_id / "manifest.json").read_text(encoding="utf-8"))
    assert m["seed"] == 42
    assert m["skenario"] == {"nama": "Uji run", "berkas": None,
                             "hash": load_scenario(SKENARIO).hash(), "deskripsi": "",
                             "kriteria_penentu": []}
    assert m["jenis"] == "laporan" and m["seed_putusan"] == [42, 43, 44]
    assert {"python", "simkit", "numpy", "pandas", "matplotlib"} <= set(m["versi"])
    p = m["aturan"]["ambang_105"]["parameter"]["ambang_hasil_di_atas"]
    assert p["nilai"] == 105 and p["referensi"].startswith("PermenPANRB 6/2022")
    assert m["aturan"]["nasional"]["parameter"]["ambang_hasil_di_atas"]["nilai"] == 110
    assert m["aturan"]["ikm"]["tingkat"] == "unit" and m["aturan_dasar"] == "nasional"
    assert m["jumlah_baris"]["populasi"]["pegawai"] == 600
    assert m["jumlah_baris"]["tabel"]["kartu_reformasi"] == 1
    files = {f["berkas"]: f for f in m["berkas"]}
    assert {"laporan.html", "laporan.ipynb", "laporan.xlsx", "tabel/distribusi.csv",
            "grafik/kuadran.png"} <= set(files)
    for rel in ("laporan.html", "tabel/distribusi.csv"):
        data = (hasil_id / rel).read_bytes()
        assert files[rel]["sha256"] == hashlib.sha256(data).hexdigest()
        assert files[rel]["ukuran"] == len(data)
    assert "manifest.json" not in files


def test_tables_deterministic(hasil_id, tmp_path):
    kedua = run(SKENARIO, tmp_path / "kedua", lang="id", progress=False, laporan=False)
    csv = sorted(p.name for p in (hasil_id / "tabel").glob("*.csv"))
    assert csv == sorted(p.name for p in (kedua / "tabel").glob("*.csv"))
    for name in csv:
        assert (hasil_id / "tabel" / name).read_bytes() == (kedua / "tabel" / name).read_bytes(), name
    # charts drawn in the report kernel and in-process are the same bytes
    for png in (hasil_id / "grafik").glob("*.png"):
        assert png.read_bytes() == (kedua / "grafik" / png.name).read_bytes(), png.name


def test_interrupt_leaves_nothing(tmp_path, monkeypatch, capsys):
    import simkit.analysis.compare as cmp

    def stop(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cmp, "compare", stop)
    sebelum = _anak()
    out = tmp_path / "hasil"
    with pytest.raises(KeyboardInterrupt):
        run(SKENARIO, out, progress=True)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary folder either
    assert _anak() <= sebelum  # the report kernel was shut down
    err = capsys.readouterr().err
    assert "bangkitkan populasi" in err and "nilai aturan ambang_105" in err


def test_failed_rerun_keeps_previous_report(tmp_path, monkeypatch):
    import simkit.report.html as laporan_html

    out = tmp_path / "hasil"
    out.mkdir()
    (out / "laporan.html").write_text("laporan lama", encoding="utf-8")
    (out / "manifest.json").write_text('{"jenis": "laporan"}', encoding="utf-8")

    def gagal(*a, **k):
        raise RuntimeError("gagal di tengah laporan")

    monkeypatch.setattr(laporan_html, "tulis_laporan", gagal)
    with pytest.raises(RuntimeError):
        run(SKENARIO, out, progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["laporan.html", "manifest.json"]
    assert (out / "laporan.html").read_text(encoding="utf-8") == "laporan lama"
    assert [p.name for p in tmp_path.iterdir()] == ["hasil"]


def test_cli_located_errors(tmp_path, capsys):
    bad = tmp_path / "salah.yaml"
    bad.write_text("nama: x\nseed: 1\naturan:\n  - id: a\n    aturan: pp30_2091\n",
                   encoding="utf-8")
    assert main(["run", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "salah.yaml" in err and "baris 5" in err and "pp30_2019" in err
    assert not (tmp_path / "o").exists()
    assert main(["run", str(tmp_path / "tidak_ada.yaml")]) == 2


def test_scenario_with_only_unit_rule_is_a_located_error(tmp_path):
    from simkit.errors import SimkitError

    sc = {"nama": "x", "seed": 1, "populasi": {"jumlah_asn": 50},
          "aturan": [{"id": "ikm", "aturan": "permenpanrb_14_2017"}]}
    with pytest.raises(SimkitError) as e:
        run(sc, tmp_path / "o", progress=False)
    assert e.value.masalah[0].bidang == "aturan" and "pegawai" in str(e.value)
    assert not (tmp_path / "o").exists()
