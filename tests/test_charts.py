"""Charts of a rule comparison: right number of bars/cells, Indonesian (or English) labels,
readable in greyscale, deterministic PNGs."""

from __future__ import annotations

import colorsys

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

from simkit.analysis.metrics.kartu_reformasi import tabel_aturan
from simkit.analysis.metrics.kuadran import tabel_kuadran
from simkit.report import charts
from simkit.scenario import AturanSpec

SPECS = [
    AturanSpec(id="nasional", aturan="permenpanrb_6_2022"),
    AturanSpec(id="ambang_105", aturan="permenpanrb_6_2022", label="Ambang hasil 105",
               parameter={"ambang_hasil_di_atas": 105}),
    AturanSpec(id="pp30", aturan="pp30_2019"),
    AturanSpec(id="ikm", aturan="permenpanrb_14_2017"),
]
N_ASN = 600


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    import simkit
    from simkit.analysis.compare import compare

    pop = simkit.generate({"nama": "uji grafik", "seed": 11, "populasi": {"jumlah_asn": N_ASN}})
    evs = {s.id: simkit.evaluate(pop, s.aturan, s.parameter or None) for s in SPECS}
    tb = dict(compare(pop, evs, baseline="nasional").tables())
    tb["aturan"] = tabel_aturan(SPECS, "nasional", "id")
    tb["kuadran"] = tabel_kuadran({k: v for k, v in evs.items() if v.tingkat == "pegawai"})
    return tb


@pytest.fixture(scope="module")
def labels(tables) -> dict[str, str]:
    return charts.label_aturan_tabel(tables)


PEGAWAI = ["nasional", "ambang_105", "pp30"]


def _luminance(color) -> float:
    r, g, b, _ = mcolors.to_rgba(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _satu_baris(teks: str) -> str:
    """A chart label as one line (charts wrap labels, also after a slash)."""
    return teks.replace("/\n", "/").replace("\n", " ")


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_distribusi_bars_labels_and_greyscale(tables, labels):
    fig = charts.distribusi_predikat(tables["distribusi"], "id", labels)
    ax = fig.axes[0]
    assert len(ax.patches) == len(PEGAWAI) * 5
    assert ax.get_title() == "Distribusi predikat per aturan"
    assert ax.get_ylabel() == "Persen ASN"
    ticks = [_satu_baris(t.get_text()) for t in ax.get_xticklabels()]
    assert ticks == ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    # one style per rule: distinct grey levels AND distinct hatches (not colour alone)
    firsts = [ax.patches[i * 5] for i in range(len(PEGAWAI))]
    lum = [_luminance(p.get_facecolor()) for p in firsts]
    assert len({round(v, 2) for v in lum}) == len(PEGAWAI)
    assert all(colorsys.rgb_to_hsv(*mcolors.to_rgb(p.get_facecolor()))[1] < 0.01 for p in firsts)
    assert len({p.get_hatch() for p in firsts}) == len(PEGAWAI)
    # bar heights are the shares (percent), direct labels present
    nasional = tables["distribusi"].query("aturan == 'nasional'").set_index("peringkat")
    assert [p.get_height() for p in ax.patches[:5]] == pytest.approx(
        list(100 * nasional.loc[[5, 4, 3, 2, 1], "proporsi"]))
    assert len(ax.texts) == len(PEGAWAI) * 5
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Ambang hasil 105" in legend


def test_distribusi_english(tables, labels):
    fig = charts.distribusi_predikat(tables["distribusi"], "en", labels)
    ax = fig.axes[0]
    assert ax.get_title() == "Predikat distribution per rule"
    assert "Very good" in [_satu_baris(t.get_text()) for t in ax.get_xticklabels()]


def test_transisi_one_annotated_matrix_per_reform(tables, labels):
    fig = charts.transisi_heatmap(tables["transisi"], "id", labels)
    reforms = [r for r in PEGAWAI if r != "nasional"]
    assert len(fig.axes) == len(reforms)
    for ax in fig.axes:
        assert len(ax.texts) == 25
        assert ax.images and ax.images[0].get_cmap().name == "Greys"
    # annotated counts add up to the employees rated by both rules
    total = sum(int(t.get_text().replace(".", "")) for t in fig.axes[0].texts)
    assert total == N_ASN
    assert fig.get_suptitle().startswith("Transisi kelas dari")


def test_kuadran_nine_cells_with_predikat_and_counts(tables, labels):
    fig = charts.kuadran(tables["kuadran"], "id", labels)
    assert len(fig.axes) == 2  # the two PermenPANRB 6/2022 entries; PP 30 has no quadrant
    ax = fig.axes[0]
    assert len(ax.texts) == 9
    counts = [int(t.get_text().split("\n")[-1].split(" ")[0].replace(".", "")) for t in ax.texts]
    assert sum(counts) == N_ASN
    # top-right cell: di atas × di atas = Sangat Baik (PermenPANRB 6/2022 kuadran)
    top_right = [t for t in ax.texts if t.get_position() == (2, 0)][0]
    assert top_right.get_text().startswith("Sangat Baik")
    assert ax.get_ylabel() == "Rating hasil kerja" and ax.get_xlabel() == "Rating perilaku kerja"


def test_menang_kalah_diverging_bars(tables, labels):
    df = tables["menang_kalah_per_kelompok"]
    fig = charts.menang_kalah_kelompok(df, "id", labels)
    reforms = [r for r in PEGAWAI if r != "nasional"]
    axes = [ax for ax in fig.axes if ax.patches]
    assert len(axes) == len(reforms)
    rows = df[["dimensi", "kelompok"]].drop_duplicates()
    rows = rows[rows["dimensi"].astype(str) != "opd"]
    assert len(axes[0].patches) == 4 * len(rows)
    ticks = [t.get_text() for t in axes[0].get_yticklabels()]
    assert "Jenis kelamin" in ticks and "   Perempuan" in ticks  # a header per dimension
    for ax in axes:  # winners to the right of 0, losers to the left
        naik, turun = ax.patches[:2 * len(rows)], ax.patches[2 * len(rows):]
        assert all(p.get_x() >= 0 for p in naik)
        assert all(p.get_x() + p.get_width() <= 1e-9 for p in turun)
    assert any(p.get_width() > 0 for p in axes[-1].patches[2 * len(rows):])  # PP 30 has losers
    hatches = {p.get_hatch() for p in axes[0].patches}
    assert len(hatches) >= 3


def test_mutu_small_multiples_with_ci(tables, labels):
    fig = charts.mutu_aturan(tables["akurasi"], tables["keadilan"], tables["stabilitas"], "id",
                             labels)
    ak, kd, st = fig.axes[:3]
    assert len(ak.patches) == len(PEGAWAI)
    assert ak.get_title() == "Akurasi (kelas tepat)"
    pairs = tables["keadilan"].query("pembanding != 'lainnya'")
    assert len(kd.containers) == len(pairs)  # one error bar (CI) per rule × comparison
    assert "tidak dihitung" in [t.get_text() for t in st.texts]  # stability was not requested
    assert fig.get_suptitle() == "Akurasi, keadilan dan stabilitas"


def test_mutu_with_stability(tables, labels):
    stab = pd.DataFrame({"aturan": PEGAWAI, "jumlah_undian": 5, "n": N_ASN,
                         "peluang_berubah": [0.2, 0.25, 0.1], "beda_modus": 0.1,
                         "pernah_berubah": 0.3})
    fig = charts.mutu_aturan(tables["akurasi"], None, stab, "en", labels)
    st = fig.axes[2]
    assert [p.get_width() for p in st.patches] == pytest.approx([20, 25, 10])
    assert "not computed" in [t.get_text() for t in fig.axes[1].texts]


def test_tpp_per_opd_rupiah_labels(tables, labels):
    df = tables["tpp_per_opd"]
    fig = charts.tpp_per_opd(df, "id", labels, teratas=10)
    base_ax, delta_ax = fig.axes[:2]
    n_opd = df["opd_id"].nunique()
    assert len(base_ax.patches) == min(10, n_opd)
    assert len(delta_ax.texts) == min(10, n_opd) * (len(PEGAWAI) - 1)  # one label per cell
    assert all(t.get_text().strip().lstrip("+−").startswith("Rp") for t in base_ax.texts)
    assert any(t.get_text().strip().endswith((" M", " jt")) for t in base_ax.texts)
    # the largest baseline cost is on top
    top = df.query("aturan == 'nasional'").sort_values("biaya_tahunan").iloc[-1]
    assert base_ax.get_yticklabels()[0].get_text().replace("\n", " ") == top["nama_opd"]


def test_ikm_bars_with_mutu(tables):
    d = tables["ikm"]
    fig = charts.ikm_per_unit(d, "id", maks=10)
    ax = fig.axes[0]
    assert len(ax.patches) == min(10, d["ikm_konversi"].notna().sum())
    assert all(" · " in t for t in _texts(fig) if "·" in t)
    if d["ikm_konversi"].notna().sum() > 10:
        assert any("tidak ditampilkan" in t for t in _texts(fig))
    assert ax.get_title() == "IKM per unit layanan"


def test_save_all_writes_every_chart_and_skips_notes(tables, tmp_path):
    assert [p.name for p in charts.simpan_semua(tables, tmp_path / "semua", "id")] == [
        f"{n}.png" for n in charts.nama_grafik()]
    assert set(charts.nama_grafik()) <= set(charts.GRAFIK)
    catatan = pd.DataFrame({"metrik": ["ikm"], "kode": ["butuh_survei"], "catatan": ["-"]})
    tb = {"aturan": tables["aturan"], "distribusi": tables["distribusi"], "ikm": catatan,
          "transisi": catatan.assign(metrik="transisi")}
    names = [p.stem for p in charts.simpan_semua(tb, tmp_path / "catatan", "id")]
    assert names == ["distribusi_predikat"]


def test_save_all_deterministic_pngs(tables, tmp_path):
    tb = {k: tables[k] for k in ("aturan", "distribusi", "kuadran")}
    a = charts.simpan_semua(tb, tmp_path / "a", "id")
    b = charts.simpan_semua(tb, tmp_path / "b", "id")
    assert [p.stem for p in a] == [n for n in charts.nama_grafik()
                                   if n in ("distribusi_predikat", "kuadran")]
    for x, y in zip(a, b, strict=True):
        data = x.read_bytes()
        assert data == y.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data and b"matplotlib" not in data
    from PIL import Image

    with Image.open(a[0]) as im:
        dpi = im.info.get("dpi", (0, 0))[0]
        assert 120 <= round(dpi) <= 150
        assert np.asarray(im).shape[0] > 300


# --------------------------------------------------------------------------- at the size shown

BANYAK = [*SPECS, AturanSpec(id="pp46", aturan="pp46_2011"),
          AturanSpec(id="ambang_100", aturan="permenpanrb_6_2022",
                     label="Reformasi ambang hasil kerja 100 dengan nama aturan yang panjang",
                     parameter={"ambang_hasil_di_atas": 100})]
"""Five rules rated per employee (four reforms against the baseline), one with a long label:
the crowded case of the Mamuju baseline report."""


@pytest.fixture(scope="module")
def tables_banyak() -> dict[str, pd.DataFrame]:
    import simkit
    from simkit.analysis.compare import compare

    pop = simkit.generate({"nama": "uji grafik", "seed": 11, "populasi": {"jumlah_asn": N_ASN}})
    evs = {s.id: simkit.evaluate(pop, s.aturan, s.parameter or None) for s in BANYAK}
    tb = dict(compare(pop, evs, baseline="nasional").tables())
    tb["aturan"] = tabel_aturan(BANYAK, "nasional", "id")
    tb["kuadran"] = tabel_kuadran({k: v for k, v in evs.items() if v.tingkat == "pegawai"})
    return tb


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("nama", charts.nama_grafik())
def test_chart_fits_the_page_with_readable_labels_apart(tables_banyak, nama, lang):
    """Each chart at the size the report shows it (the A4 text width): fonts of at least
    HURUF_MIN pt and no two texts (tick labels, value labels, titles, legend) overlapping,
    as measured by matplotlib's renderer."""
    fig = charts.GRAFIK[nama].buat(tables_banyak, lang, charts.label_aturan_tabel(tables_banyak))
    if fig is None:
        pytest.skip(f"{nama}: its table is not in this comparison")
    lebar, tinggi = fig.get_size_inches()
    assert lebar <= charts.LEBAR_HALAMAN + 1e-9
    assert tinggi <= 10.4  # one A4 page of text (297 mm less 2 × 14 mm margins is 10.6 in)
    teks = charts._teks_grafik(fig)
    assert teks and min(x.get_fontsize() for x in teks) >= charts.HURUF_MIN
    assert charts.tumpang_tindih(fig) == []
    assert charts.di_luar(fig) == []


def test_menang_kalah_one_shared_scale(tables_banyak):
    labels = charts.label_aturan_tabel(tables_banyak)
    fig = charts.menang_kalah_kelompok(tables_banyak["menang_kalah_per_kelompok"], "id", labels)
    axes = [ax for ax in fig.axes if ax.patches]
    assert len(axes) == 4
    assert len({ax.get_xlim() for ax in axes}) == 1
    assert len({tuple(ax.get_xticks()) for ax in axes}) == 1
    lebar = max(max(abs(p.get_x()), abs(p.get_x() + p.get_width())) for ax in axes
                for p in ax.patches)
    assert axes[0].get_xlim()[1] >= lebar  # the longest bar of any panel fits every panel


def test_transisi_labels_vertical_and_baseline_once_per_row(tables_banyak):
    labels = charts.label_aturan_tabel(tables_banyak)
    fig = charts.transisi_heatmap(tables_banyak["transisi"], "id", labels)
    assert len(fig.axes) == 4
    for i, ax in enumerate(fig.axes):
        assert all(x.get_rotation() == 90 for x in ax.get_xticklabels())
        kiri = [x for x in ax.get_yticklabels() if x.get_visible() and x.get_text()]
        assert bool(kiri) == (i % 3 == 0)
