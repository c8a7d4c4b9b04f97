"""Handouts of the training kit (issue 12 §5): ``simkit pelatihan bangun`` and
:mod:`simkit.pelatihan.lembar`.

The shipped cards (``training/lembar/*.yaml``) are built together with a fixture objection
bank and fixture episodes written here in ``tmp_path`` (the real ones belong to other parts of
the kit), in both languages. The browser tests at the end print the HTML cards with Debian's
Chromium and count the pages.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_browser import peramban  # noqa: F401 - the report tests' Chromium fixture

from simkit.cli import main
from simkit.errors import SimkitError
from simkit.i18n import label, set_lang
from simkit.kosakata import RATING
from simkit.pelatihan.lembar import (
    HURUF_FAQ,
    LEMBAR,
    Blok,
    Dokumen,
    Konteks,
    Lembar,
    aturan_ringkas,
    bangun,
    interval_mutu,
    jumlah_halaman,
    latihan_episode,
    lembar_faq,
    pas_halaman,
    tulis_html,
)
from simkit.rules import get_rule
from simkit.rules.params import load_params

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("id", "en")
KARTU = ("kuadran", "berakhlak", "predikat", "ikm", "faq")
SEMUA = (*KARTU, "latihan", "formulir")
JAWABAN = ("Karena kurva distribusi SE MenPANRB 3/2023 adalah pertimbangan pimpinan, bukan "
           "kuota yang dipaksakan: simkit hanya memeriksa batasnya menurut capaian kinerja "
           "organisasi. Bila semua pegawai dinilai Baik, pegawai yang benar-benar unggul tidak "
           "terlihat dan masyarakat tidak tahu unit mana yang perlu dibantu.")
ANSWER = ("Because the SE MenPANRB 3/2023 distribution curve is a consideration for the leader, "
          "not an enforced quota: simkit only checks its limits by the organisation's result. "
          "When everyone is rated Good, the truly excellent are invisible and the public cannot "
          "tell which unit needs help.")
RINGKAS = ("Kurva SE MenPANRB 3/2023 adalah pertimbangan pimpinan, bukan kuota yang dipaksakan; "
           "bila semua dinilai Baik, yang unggul tidak terlihat dan unit yang perlu dibantu tidak "
           "diketahui.")
SHORT = ("The SE MenPANRB 3/2023 curve is a consideration for the leader, not an enforced quota; "
         "when everyone is rated Good, the excellent are invisible and units in need unknown.")
ATURAN = "SE MenPANRB 3/2023 (pola distribusi) [S]; PermenPANRB 6/2022 Pasal 24-25"
BANK_BAWAAN = ROOT / "training" / "faq-keberatan.yaml"


def _bank(n: int = 16) -> str:
    """An objection bank in the format of :mod:`simkit.pelatihan.keberatan`, answers as long
    as a real one's (the short ones near the limit)."""
    out = ["keberatan:"]
    for i in range(n):
        out += [
            f"- id: keberatan_{i:02d}",
            f'  keberatan: {{id: "Keberatan nomor {i}: mengapa predikat baik dibatasi?", '
            f'en: "Objection number {i}: why cap good ratings?"}}',
            f'  jawaban: {{id: "{JAWABAN}", en: "{ANSWER}"}}',
            f'  ringkas: {{id: "{RINGKAS}", en: "{SHORT}"}}',
            f'  aturan: "{ATURAN}"',
            "  tunjukkan:",
            "    widget: kurva",
            '    langkah: {id: "Pilih OPD kecil dan lihat pelanggaran batas.", '
            'en: "Pick a small OPD and look at the violated limits."}',
            '  episode: "06"',
        ]
    return "\n".join(out) + "\n"


def _episode(nn: str, lang: str) -> str:
    judul = f"Episode uji {nn}" if lang == "id" else f"Test episode {nn}"
    return f"""---
judul: "{judul}"
menit_mengajar: 20
menit_latihan: 30
peserta: [asn]
notebook: []
widget: []
bahasa: {lang}
---
Pengantar.

::: tujuan
- [{nn}.1] tujuan
:::

::: latihan {{#latihan-{nn}-1}}
Soal pertama {nn} ({lang}): hitung **capaian** waktu tunggu 24 menit dari target 30.

- bagian a
- bagian b
:::

::: solusi {{#latihan-{nn}-1}}
RAHASIA-{nn}-1: 120 %.
:::

::: latihan {{#latihan-{nn}-2}}
Soal kedua {nn} ({lang}).

| Hasil | Perilaku |
|---|---|
| Di Atas | Sesuai |

```
simkit explain populasi --aturan permenpanrb_6_2022 --jejak
```
:::

::: solusi {{#latihan-{nn}-2}}
RAHASIA-{nn}-2.
:::

::: poin-kunci
- poin
:::
"""


def buat_folder(root: Path, bank: str | None = None) -> Path:
    """A training folder: the shipped cards, a fixture bank, two fixture episodes per language."""
    f = root / "training"
    for sub in ("lembar", "instrumen", "kuis"):
        shutil.copytree(ROOT / "training" / sub, f / sub)
    shutil.copy(ROOT / "training" / "tujuan.yaml", f / "tujuan.yaml")
    (f / "faq-keberatan.yaml").write_text(bank if bank is not None else _bank(),
                                          encoding="utf-8")
    for lang, d in (("id", f / "episodes"), ("en", f / "episodes" / "en")):
        d.mkdir(parents=True, exist_ok=True)
        for nn in ("01", "03"):
            (d / f"{nn}-uji.md").write_text(_episode(nn, lang), encoding="utf-8")
    return f


@pytest.fixture(scope="module")
def hasil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lembar")
    folder = buat_folder(root)
    set_lang("id")
    h = bangun(root / "keluaran", "semua", folder)
    assert h.dilewati == []
    return h.folder


def _html(hasil: Path, lang: str, nama: str) -> str:
    return (hasil / lang / f"{nama}.html").read_text(encoding="utf-8")


def _sel(html_teks: str) -> list[list[str]]:
    """The cells of every table row of a page, as plain text."""
    rows = re.findall(r"<tr>(.*?)</tr>", html_teks, re.S)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


# --------------------------------------------------------------------------- outputs


@pytest.mark.parametrize("lang", LANGS)
def test_every_handout_is_written_as_html_and_pdf(hasil: Path, lang: str) -> None:
    for nama in SEMUA:
        for ext in ("html", "pdf"):
            p = hasil / lang / f"{nama}.{ext}"
            assert p.is_file() and p.stat().st_size > 500, p
        assert (hasil / lang / f"{nama}.pdf").read_bytes().startswith(b"%PDF-")
    m = json.loads((hasil / "manifest.json").read_text(encoding="utf-8"))
    assert m["jenis"] == "lembar" and m["bahasa"] == list(LANGS)
    assert set(m["berkas"]) == {f"{lang}/{n}.{e}" for lang in LANGS for n in SEMUA
                                for e in ("html", "pdf")}
    assert "fpdf2" in m["versi"] and any(k.endswith("faq-keberatan.yaml") for k in m["sumber"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_is_one_a4_page_in_pdf(hasil: Path, lang: str) -> None:
    for nama in KARTU:
        assert jumlah_halaman((hasil / lang / f"{nama}.pdf").read_bytes()) == 1, nama
    assert jumlah_halaman((hasil / lang / "latihan.pdf").read_bytes()) >= 1
    m = json.loads((hasil / "manifest.json").read_text(encoding="utf-8"))
    assert all(m["berkas"][f"{lang}/{n}.pdf"]["halaman"] == 1 for n in KARTU)


def test_page_count_parser_counts_pages_not_the_page_tree() -> None:
    d = Dokumen("x", "id", "Judul", tuple(Blok("p", "Baris panjang. " * 60) for _ in range(30)))
    pdf, _ = pas_halaman(d, 0)
    paling_atas = re.search(rb"/Count (\d+)", pdf)  # the page tree's own count
    assert paling_atas and jumlah_halaman(pdf) == int(paling_atas.group(1)) > 1


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_offline_and_script_free(hasil: Path, lang: str) -> None:
    for nama in SEMUA:
        h = _html(hasil, lang, nama)
        assert not re.search(r"https?://|<script|@import|url\(|@font-face", h, re.I), nama
        assert not re.search(r"""\b(?:src|href)\s*=""", h, re.I), nama
        assert re.search(rf"""<html lang=["']{lang}["']>""", h), nama
        assert "@page { size: A4" in h, nama
        # shading, where a handout has it, must print (the paper form has none)
        assert nama == "formulir" or "print-color-adjust: exact" in h, nama


def test_shading_never_carries_meaning_alone(hasil: Path) -> None:
    """Every shaded cell also names what it means in words (B/W printing, colour blindness)."""
    for lang in LANGS:
        for nama in KARTU:
            for isi in re.findall(r'<t[dh] class="a\d"[^>]*>(.*?)</t[dh]>',
                                  _html(hasil, lang, nama), re.S):
                assert re.sub(r"<[^>]+>", "", isi).strip()


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("lang", LANGS)
def test_kuadran_card_table_equals_the_engine(hasil: Path, lang: str) -> None:
    rows = _sel(_html(hasil, lang, "kuadran"))
    kepala, isi = rows[0], rows[1:4]
    perilaku = [next(r for r in RATING if label("rating", r, lang) == c) for c in kepala[1:]]
    rule = get_rule("permenpanrb_6_2022")
    for baris in isi:
        hasil_kerja = next(r for r in RATING if label("rating", r, lang) == baris[0])
        for rp, sel in zip(perilaku, baris[1:], strict=True):
            out = rule.evaluate_case({"rating_hasil_kerja": hasil_kerja,
                                      "rating_perilaku_kerja": rp})
            assert sel == label("predikat", out["predikat"], lang), (hasil_kerja, rp)
    assert sorted(r[0] for r in isi) == sorted(label("rating", r, lang) for r in RATING)
    ak = load_params("permenpanrb_6_2022")["persentase_angka_kredit"]
    assert rows[5] == [f"{v} %" for v in ak.values()]


@pytest.mark.parametrize("lang", LANGS)
def test_ikm_card_intervals_equal_the_parameter_file(hasil: Path, lang: str) -> None:
    p = load_params("permenpanrb_14_2017")
    b, f = p["batas_mutu"], p["faktor_konversi"]
    sep = "," if lang == "id" else "."
    fmt = lambda x: f"{x:.2f}".replace(".", sep)  # noqa: E731
    rows = _sel(_html(hasil, lang, "ikm"))[1:5]
    assert [r[2] for r in rows] == ["A", "B", "C", "D"]
    assert [r[0] for r in rows] == [
        f"{fmt(b['A'])} – {fmt(p['skala_jawaban']['max'] * f)}",
        f"{fmt(b['B'])} – {fmt(b['A'] - 0.01)}",
        f"{fmt(b['C'])} – {fmt(b['B'] - 0.01)}",
        f"{fmt(p['skala_jawaban']['min'] * f)} – {fmt(b['C'] - 0.01)}"]
    assert [r[3] for r in rows] == [label("kinerja_unit", p["kinerja_unit"][m], lang)
                                    for m in "ABCD"]
    assert [r[0] for r in rows] == [f"{lo} – {hi}" for _, lo, hi, _ in interval_mutu(lang)]
    # the worked example is the rule's own result: 28,90 × 0,111 × 25 = 80,1975 → 80,20 (B)
    contoh = _sel(_html(hasil, lang, "ikm"))[7][0]
    assert fmt(80.20) in contoh and " B " in contoh


@pytest.mark.parametrize("lang", LANGS)
def test_predikat_card_example_is_computed_by_the_engine(hasil: Path, lang: str) -> None:
    teks = " ".join(" ".join(r) for r in _sel(_html(hasil, lang, "predikat")))
    # target 30 minutes, realisasi 24, lower is better: (2 - 24/30) x 100 = 120 %
    assert "(2 − 24/30) × 100 = 120" in teks
    assert label("predikat", "baik", lang) in teks
    assert label("rating", "di_atas_ekspektasi", lang) in teks
    assert label("rating", "sesuai_ekspektasi", lang) in teks


@pytest.mark.parametrize("lang", LANGS)
def test_berakhlak_card_has_the_seven_values_with_three_guides(hasil: Path, lang: str) -> None:
    rows = _sel(_html(hasil, lang, "berakhlak"))[1:8]
    from simkit.population.schema import BERAKHLAK

    assert [r[0] for r in rows] == [label("berakhlak", v, lang) for v in BERAKHLAK]
    assert all("(3)" in r[1] and "(4)" not in r[1] for r in rows)


@pytest.mark.parametrize("lang", LANGS)
def test_exercise_sheet_has_every_exercise_and_no_solution(hasil: Path, lang: str) -> None:
    h = _html(hasil, lang, "latihan")
    for nn in ("01", "03"):
        for k in ("1", "2"):
            assert f"latihan-{nn}-{k}" in h
        assert f"Soal pertama {nn} ({lang})" in h and f"Soal kedua {nn} ({lang})" in h
    assert "RAHASIA" not in h and "tujuan" not in h and "poin" not in h
    assert h.count('class="garis"') == 4 * 4  # room to answer under each exercise
    assert "<table>" in h and "<strong>capaian</strong>" in h
    assert "<pre><code>simkit explain populasi --aturan permenpanrb_6_2022 --jejak" in h


@pytest.mark.parametrize("lang", LANGS)
def test_faq_card_has_every_objection(hasil: Path, lang: str) -> None:
    """Per objection the question, the short answer and the compact rule; the full answer and
    the live steps stay in the guide, which the foot names."""
    h = html.unescape(_html(hasil, lang, "faq"))
    for i in range(16):
        assert (f"Keberatan nomor {i}:" if lang == "id" else f"Objection number {i}:") in h
    assert h.count(RINGKAS if lang == "id" else SHORT) == 16
    assert h.count("SE MenPANRB 3/2023 [S]; PermenPANRB 6/2022 Pasal 24-25") == 16
    assert (JAWABAN if lang == "id" else ANSWER) not in h and "Pilih OPD kecil" not in h
    panduan = ("training/panduan-fasilitator.md" if lang == "id"
               else "training/en/facilitator-guide.md")
    assert re.search(rf"<footer>[^<]*{re.escape(panduan)}", h)
    assert 'class="kolom2"' in h


def test_compact_rule_keeps_assumptions_and_status_tags() -> None:
    assert aturan_ringkas(ATURAN) == "SE MenPANRB 3/2023 [S]; PermenPANRB 6/2022 Pasal 24-25"
    assert aturan_ringkas("ambang: p.ambang = 90 (asumsi); TPP: tpp.pengali (asumsi, "
                          "docs/sumber.md §11)") == "ambang: p.ambang = 90 (asumsi); TPP: "\
                                                  "tpp.pengali (asumsi)"


@pytest.fixture(scope="module")
def faq_bawaan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FAQ card of the shipped objection bank, in both languages."""
    root = tmp_path_factory.mktemp("faq_bawaan")
    folder = buat_folder(root, BANK_BAWAAN.read_text(encoding="utf-8"))
    faq = [x for x in LEMBAR if x.nama == "faq"]
    return bangun(root / "keluaran", "semua", folder, lembar=faq).folder


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_bank_faq_card_is_one_readable_page(faq_bawaan: Path, lang: str) -> None:
    from simkit.pelatihan.keberatan import muat_keberatan

    assert jumlah_halaman((faq_bawaan / lang / "faq.pdf").read_bytes()) == 1
    m = json.loads((faq_bawaan / "manifest.json").read_text(encoding="utf-8"))
    assert m["berkas"][f"{lang}/faq.pdf"]["halaman"] == 1
    assert m["berkas"][f"{lang}/faq.pdf"]["ukuran_huruf_pt"] >= HURUF_FAQ == 7.5
    h = html.unescape(_html(faq_bawaan, lang, "faq"))
    bank = muat_keberatan(BANK_BAWAAN)
    assert all(k.keberatan[lang] in h and k.ringkas[lang] in h for k in bank)


def test_a_bank_too_long_for_one_page_stops_the_build(tmp_path: Path) -> None:
    """No silent spill onto a second page, and no font below the readable size."""
    faq = next(x for x in LEMBAR if x.nama == "faq")
    assert faq.halaman == 1 and faq.huruf_min == HURUF_FAQ
    folder = buat_folder(tmp_path, _bank(30))  # fits one page only at 7 pt
    with pytest.raises(SimkitError) as e:
        bangun(tmp_path / "k", "semua", folder)
    [m] = e.value.masalah
    assert (m.kode, m.berkas) == ("lembar_terlalu_panjang", str(folder / "faq-keberatan.yaml"))
    assert "1 halaman A4" in m.render("id") and "7,5 pt" in m.render("id")
    assert "kartu FAQ" in m.render("id") and "FAQ card" in m.render("en")
    assert not (tmp_path / "k").exists()
    d = lembar_faq("id", Konteks(folder))
    assert jumlah_halaman(pas_halaman(d, 1)[0]) == 1  # it would fit only in a smaller font


def test_cards_show_no_unfilled_directive(hasil: Path) -> None:
    for lang in LANGS:
        for nama in SEMUA:
            assert "{{" not in _html(hasil, lang, nama), nama


def test_a_handout_given_as_html_joins_with_one_registry_line(tmp_path: Path) -> None:
    """How the paper survey form joins at merge: one ``Lembar`` whose builder returns HTML."""
    folder = buat_folder(tmp_path)
    halaman = ("<!DOCTYPE html><html><body><h1>Formulir</h1><p>Kode pasangan: ____</p>"
               "<table><tr><td>1</td><td>Setuju</td></tr></table></body></html>")
    lembar = (*LEMBAR[:1], Lembar("formulir", lambda lang, k: halaman, halaman=0))
    h = bangun(tmp_path / "k", "id", folder, lembar=lembar)
    assert h.berkas == ["id/kuadran.html", "id/kuadran.pdf", "id/formulir.html", "id/formulir.pdf"]
    assert (tmp_path / "k" / "id" / "formulir.html").read_text() == halaman
    assert jumlah_halaman((tmp_path / "k" / "id" / "formulir.pdf").read_bytes()) == 1


def test_missing_bank_and_episodes_are_skipped_and_named(tmp_path: Path) -> None:
    f = tmp_path / "training"
    shutil.copytree(ROOT / "training" / "lembar", f / "lembar")
    h = bangun(tmp_path / "k", "id", f)
    assert [(n, lang) for n, lang, _ in h.dilewati] == [("faq", "id"), ("latihan", "id"),
                                                        ("formulir", "id")]
    assert "faq-keberatan.yaml" in h.dilewati[0][2]
    assert "resistensi.yaml" in h.dilewati[2][2]
    m = json.loads((tmp_path / "k" / "manifest.json").read_text())
    assert [d["lembar"] for d in m["dilewati"]] == ["faq", "latihan", "formulir"]


def test_the_output_folder_of_something_else_is_not_replaced(tmp_path: Path) -> None:
    folder = buat_folder(tmp_path)
    lain = tmp_path / "k"
    lain.mkdir()
    (lain / "catatan.txt").write_text("punya saya")
    with pytest.raises(SimkitError) as e:
        bangun(lain, "id", folder)
    assert e.value.masalah[0].kode == "keluaran_berisi_lain"
    assert (lain / "catatan.txt").read_text() == "punya saya"


def test_an_overlong_card_is_a_located_error(tmp_path: Path) -> None:
    d = Dokumen("x", "id", "Judul", tuple(Blok("p", "Kata " * 400) for _ in range(20)),
                berkas=(tmp_path / "x.yaml",))
    with pytest.raises(SimkitError) as e:
        pas_halaman(d, 1)
    assert e.value.masalah[0].kode == "lembar_terlalu_panjang"
    assert e.value.masalah[0].berkas.endswith("x.yaml")


def test_tulis_html_escapes_text() -> None:
    h = tulis_html(Dokumen("x", "en", "A <b> title", (Blok("p", "1 < 2 & **bold**"),)))
    assert "A &lt;b&gt; title" in h and "1 &lt; 2 &amp; <strong>bold</strong>" in h


# --------------------------------------------------------------------------- bad sources


def test_bad_objection_bank_is_located_field_by_field(tmp_path: Path) -> None:
    """The card reads the bank with :func:`simkit.pelatihan.keberatan.muat_keberatan`: its
    located checks (misspelt keys, a missing short answer and rule, a duplicate id) stop it."""
    folder = buat_folder(tmp_path, _bank(2).replace("  aturan: ", "  atoeran: ", 1)
                         .replace("id: keberatan_01", "id: keberatan_00")
                         .replace("  ringkas: ", "  ringkes: ", 1))
    with pytest.raises(SimkitError) as e:
        lembar_faq("id", Konteks(folder))
    got = [(m.kode, m.baris, m.bidang) for m in e.value.masalah]
    assert got == [("kuis_kunci_asing", 6, "keberatan.0.atoeran"),
                   ("kuis_kunci_asing", 5, "keberatan.0.ringkes"),
                   ("kuis_dwibahasa", 2, "keberatan.0.ringkas"),
                   ("keberatan_aturan", 2, "keberatan.0.aturan")]
    folder = buat_folder(tmp_path / "b", _bank(2).replace("id: keberatan_01", "id: keberatan_00"))
    with pytest.raises(SimkitError) as e:
        lembar_faq("en", Konteks(folder))
    [m] = e.value.masalah
    assert (m.kode, m.baris, m.bidang) == ("keberatan_id_ganda", 11, "keberatan.1.id")


def _baris(teks: str, awal: str) -> int:
    return next(i for i, b in enumerate(teks.splitlines(), 1) if b.startswith(awal))


def test_bad_episode_is_located(tmp_path: Path) -> None:
    f = tmp_path / "02-x.md"
    teks = _episode("02", "id").replace("{#latihan-02-2}", "{#latihan2}")
    f.write_text(teks)
    with pytest.raises(SimkitError) as e:
        latihan_episode(f)
    m = e.value.masalah[0]
    assert (m.berkas, m.baris, m.bidang) == (str(f), _baris(teks, "::: latihan {#latihan2}"),
                                             "latihan {#id}")
    teks = _episode("02", "id").rsplit(":::", 1)[0]
    f.write_text(teks)
    with pytest.raises(SimkitError) as e:
        latihan_episode(f)
    assert [(m.kode, m.baris) for m in e.value.masalah] == [
        ("periksa_blok_terbuka", _baris(teks, "::: poin-kunci"))]
    f.write_text("judul: tanpa front matter\n")
    with pytest.raises(SimkitError) as e:
        latihan_episode(f)
    assert e.value.masalah[0].kode == "periksa_tanpa_front_matter"


def test_unknown_directive_in_a_card_is_located(tmp_path: Path) -> None:
    folder = buat_folder(tmp_path)
    kartu = folder / "lembar" / "kuadran.yaml"
    teks = kartu.read_text().replace("{{tabel angka_kredit}}", "{{tabel angka_kredi}}", 1)
    kartu.write_text(teks)
    baris = teks.splitlines().index("    {{tabel angka_kredi}}") + 1
    with pytest.raises(SimkitError) as e:
        bangun(tmp_path / "k", "id", folder)
    m = e.value.masalah[0]
    assert (m.kode, m.baris, m.bidang) == ("lembar_arahan_tidak_dikenal", baris, "isi.id")
    assert not (tmp_path / "k").exists()  # nothing half-written


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def folder_uji(tmp_path: Path) -> Iterator[Path]:
    yield buat_folder(tmp_path)
    set_lang(None)


@pytest.mark.parametrize(("lang", "pesan"), [("id", "berkas lembar ditulis ke"),
                                              ("en", "handout files written to")])
def test_cli_bangun_in_both_languages(folder_uji: Path, tmp_path: Path, capsys, lang: str,
                                      pesan: str) -> None:
    out = tmp_path / f"keluaran_{lang}"
    rc = main(["--lang", lang, "pelatihan", "bangun", "--keluaran", str(out), "--bahasa", lang,
               "--folder", str(folder_uji)])
    assert rc == 0
    assert f"{2 * len(SEMUA)} {pesan} {out}" in capsys.readouterr().out
    assert sorted(p.name for p in (out / lang).iterdir()) == sorted(
        f"{n}.{e}" for n in SEMUA for e in ("html", "pdf"))
    assert not (out / ("en" if lang == "id" else "id")).exists()


@pytest.mark.parametrize(("lang", "kata"), [("id", "baris"), ("en", "line")])
def test_cli_bad_faq_or_episode_exits_2_with_a_located_message(folder_uji: Path, tmp_path: Path,
                                                               capsys, lang: str,
                                                               kata: str) -> None:
    faq = folder_uji / "faq-keberatan.yaml"
    faq.write_text(_bank(2).replace('  episode: "06"', "  episode: 6", 1))
    argv = ["--lang", lang, "pelatihan", "bangun", "--keluaran", str(tmp_path / "k"),
            "--folder", str(folder_uji)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{faq}, {kata} 10, " in err and "'keberatan.0.episode'" in err
    faq.write_text(_bank())
    ep = folder_uji / "episodes" / "03-uji.md"
    teks = _episode("03", "id").replace("::: poin-kunci\n- poin\n:::\n", "::: poin-kunci\n")
    ep.write_text(teks)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{ep}, {kata} {_baris(teks, '::: poin-kunci')}: " in err and "'poin-kunci'" in err
    assert not (tmp_path / "k").exists()


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_printed_cards_are_one_page_and_load_nothing_from_outside(
        hasil: Path, faq_bawaan: Path, peramban: Browser, lang: str) -> None:  # noqa: F811
    """Every card, and the FAQ card of the shipped bank, prints on one page in Chromium."""
    permintaan: list[str] = []
    context = peramban.new_context(service_workers="block")
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "data:")) else route.abort())
    page.on("request", lambda req: permintaan.append(req.url))
    try:
        for nama in SEMUA:
            page.goto((hasil / lang / f"{nama}.html").as_uri(), wait_until="load")
            pdf = page.pdf(prefer_css_page_size=True)
            if nama in KARTU:
                assert jumlah_halaman(pdf) == 1, nama
            assert page.evaluate("document.scripts.length") == 0
        page.goto((faq_bawaan / lang / "faq.html").as_uri(), wait_until="load")
        assert jumlah_halaman(page.pdf(prefer_css_page_size=True)) == 1, "faq (bank bawaan)"
    finally:
        context.close()
    assert permintaan and all(u.startswith("file:") for u in permintaan), permintaan



def test_cli_handout_language_semua_keeps_the_interface_language(folder_uji: Path,
                                                                 tmp_path: Path,
                                                                 capsys) -> None:
    rc = main(["--lang", "en", "pelatihan", "bangun", "--bahasa", "semua", "--keluaran",
               str(tmp_path / "k"), "--folder", str(folder_uji)])
    assert rc == 0
    assert "handout files written to" in capsys.readouterr().out
    assert (tmp_path / "k" / "id").is_dir() and (tmp_path / "k" / "en").is_dir()


def test_a_solution_nested_in_an_exercise_is_a_located_error(tmp_path: Path) -> None:
    """The episode format has no nested blocks (one parser, simkit.pelatihan.episode): a
    solution opened inside an exercise is reported, never printed on the sheet."""
    f = tmp_path / "05-x.md"
    f.write_text("---\njudul: X\n---\n::: latihan {#latihan-05-1}\nSoal.\n\n"
                 "::: solusi {#latihan-05-1}\nRAHASIA.\n:::\nLanjutan soal.\n:::\n")
    with pytest.raises(SimkitError) as e:
        latihan_episode(f)
    assert [(m.kode, m.berkas, m.baris) for m in e.value.masalah][0] == (
        "periksa_blok_bersarang", str(f), 7)


def test_handout_texts_exist_in_both_languages() -> None:
    import yaml

    def kunci(node: object, awal: str = "") -> set[str]:
        if not isinstance(node, dict):
            return {awal}
        return set().union(*(kunci(v, f"{awal}.{k}") for k, v in node.items()))

    d = ROOT / "simkit" / "pelatihan" / "i18n"
    teks = {lang: yaml.safe_load((d / f"lembar.{lang}.yaml").read_text()) for lang in LANGS}
    assert kunci(teks["id"]) == kunci(teks["en"])
    for f in sorted((ROOT / "training" / "lembar").glob("*.yaml")):
        data = yaml.safe_load(f.read_text())
        for bidang in ("judul", "isi", "sumber"):
            assert set(data[bidang]) == set(LANGS), (f.name, bidang)
