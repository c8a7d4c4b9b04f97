"""The ``rumus`` formula language: whitelist, arithmetic, located errors, undefined rows."""

from __future__ import annotations

import ast
import builtins
from contextlib import contextmanager
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.errors import SimkitError
from simkit.i18n import set_lang, t
from simkit.rules.reformasi.formula import (
    BATAS_KEDALAMAN,
    BATAS_PANJANG,
    FUNGSI,
    VARIABEL_RUMUS,
    daftar_fungsi,
    daftar_variabel,
    kompilasi,
)

RNG = np.random.default_rng(7)
N = 200
DATA = {k: RNG.uniform(1, 5, N) for k in VARIABEL_RUMUS}
DATA["capaian_hasil_kerja"] = RNG.uniform(40, 130, N)
C, P, IKM = DATA["capaian_hasil_kerja"], DATA["perilaku_atasan"], DATA["ikm_unit"]


def kode(exc: pytest.ExceptionInfo) -> list[str]:
    return [m.kode for m in exc.value.masalah]


@pytest.fixture(autouse=True)
def _id():
    set_lang("id")
    yield
    set_lang(None)


# --------------------------------------------------------------------------- whitelist

SERANGAN = [
    ("__import__('os')", "rumus_nama_terlarang"),
    ("__import__('os').system('ls')", "rumus_konstruksi"),
    ("().__class__", "rumus_konstruksi"),
    ("().__class__.__bases__[0].__subclasses__()", "rumus_konstruksi"),
    ("open('x')", "rumus_fungsi_tidak_dikenal"),
    ("eval('1')", "rumus_fungsi_tidak_dikenal"),
    ("exec('1')", "rumus_fungsi_tidak_dikenal"),
    ("getattr(capaian_hasil_kerja, 'real')", "rumus_fungsi_tidak_dikenal"),
    ("lambda: 1", "rumus_konstruksi"),
    ("(lambda x: x)(1)", "rumus_konstruksi"),
    ("[x for x in y]", "rumus_konstruksi"),
    ("{x: 1 for x in y}", "rumus_konstruksi"),
    ("sum(x for x in y)", "rumus_fungsi_tidak_dikenal"),
    ("capaian_hasil_kerja.real", "rumus_konstruksi"),
    ("capaian_hasil_kerja[0]", "rumus_konstruksi"),
    ("'abc'", "rumus_konstruksi"),
    ("f'{capaian_hasil_kerja}'", "rumus_konstruksi"),
    ("(x := 1)", "rumus_konstruksi"),
    ("[1, 2]", "rumus_konstruksi"),
    ("(1, 2)", "rumus_konstruksi"),
    ("capaian_hasil_kerja // 2", "rumus_konstruksi"),
    ("capaian_hasil_kerja % 2", "rumus_konstruksi"),
    ("capaian_hasil_kerja & 1", "rumus_konstruksi"),
    ("1 in perilaku_atasan", "rumus_konstruksi"),
    ("capaian_hasil_kerja is None", "rumus_konstruksi"),
    ("None", "rumus_konstruksi"),
    ("True", "rumus_konstruksi"),
    ("min(*perilaku_atasan)", "rumus_konstruksi"),
    ("round(capaian_hasil_kerja, ndigits=1)", "rumus_argumen_nama"),
    ("__builtins__", "rumus_nama_terlarang"),
    ("_x + 1", "rumus_nama_terlarang"),
    ("import os", "rumus_sintaks"),
    ("capaian_hasil_kerja; 1", "rumus_sintaks"),
    ("capaian_hasil_kerja = 1", "rumus_sintaks"),
]


@pytest.mark.parametrize(("teks", "kd"), SERANGAN)
def test_serangan_ditolak_dengan_pesan(teks, kd):
    with pytest.raises(SimkitError) as exc:
        kompilasi(teks)
    assert kode(exc) == [kd]
    text = str(exc.value)
    assert "posisi" in text and len(text) > 30


def test_pesan_menyebut_posisi_berkas_dan_baris():
    with pytest.raises(SimkitError) as exc:
        kompilasi("capaian_hasil_kerja + foo", berkas="skenario.yaml", baris=12)
    m = exc.value.masalah[0]
    assert (m.berkas, m.baris, m.bidang, m.isi["posisi"]) == ("skenario.yaml", 12, "rumus", 23)
    assert str(exc.value).startswith("skenario.yaml, baris 12, bidang 'rumus'")


def test_posisi_menghitung_karakter_dan_spasi_awal():
    with pytest.raises(SimkitError) as exc:
        kompilasi("   perilaku_atasan + bogus")
    assert exc.value.masalah[0].isi["posisi"] == 22
    with pytest.raises(SimkitError) as exc:   # a non-ASCII char before the bad name
        kompilasi("perilaku_atasan + 'é' ")
    assert exc.value.masalah[0].isi["posisi"] == 19


def test_maksud_anda_untuk_variabel_dan_fungsi():
    with pytest.raises(SimkitError) as exc:
        kompilasi("capaian_hasil_kerjaa * 0.8")
    assert exc.value.masalah[0].saran == "capaian_hasil_kerja"
    assert "Maksud Anda 'capaian_hasil_kerja'?" in str(exc.value)
    with pytest.raises(SimkitError) as exc:
        kompilasi("mn(perilaku_atasan, 3)")
    assert exc.value.masalah[0].saran == "min"
    set_lang("en")
    with pytest.raises(SimkitError) as exc:
        kompilasi("perilaku_atsan + 1")
    assert "Did you mean 'perilaku_atasan'?" in str(exc.value)
    assert "unknown variable" in str(exc.value)


def test_variabel_sendiri_dan_fungsi_tanpa_kurung():
    r = kompilasi("a * 2 + b", variabel=["a", "b"])
    assert r.hitung({"a": [1.0], "b": [3.0]}).tolist() == [5.0]
    with pytest.raises(SimkitError) as exc:
        kompilasi("max + 1")
    assert kode(exc) == ["rumus_fungsi_tanpa_kurung"]
    with pytest.raises(SimkitError) as exc:
        kompilasi("perilaku_atasan(2)")
    assert kode(exc) == ["rumus_bukan_fungsi"]


@pytest.mark.parametrize(("teks", "kd"), [
    ("clip(capaian_hasil_kerja, 1)", "rumus_jumlah_argumen"),
    ("min(capaian_hasil_kerja)", "rumus_jumlah_argumen"),
    ("where(1, 2)", "rumus_jumlah_argumen"),
    ("capaian_hasil_kerja ** perilaku_atasan", "rumus_pangkat"),
    ("capaian_hasil_kerja ** 11", "rumus_pangkat"),
    ("9 ** 9 ** 9", "rumus_pangkat"),
    ("round(capaian_hasil_kerja, 1.5)", "rumus_desimal"),
    ("round(capaian_hasil_kerja, perilaku_atasan)", "rumus_desimal"),
    ("clip(capaian_hasil_kerja, 5, 1)", "rumus_clip"),
    ("1e999 * capaian_hasil_kerja", "rumus_angka"),
    ("capaian_hasil_kerja / (2 - 2)", "rumus_konstan_tak_terdefinisi"),
    ("log(0) + capaian_hasil_kerja", "rumus_konstan_tak_terdefinisi"),
    ("", "rumus_kosong"),
    ("  \n ", "rumus_kosong"),
    ("abs(" * 40 + "1" + ")" * 40, "rumus_terlalu_dalam"),
    ("-" * 40 + "1", "rumus_terlalu_dalam"),
    ("(" * 300 + "1" + ")" * 300, "rumus_terlalu_panjang"),
    ("1 + " * 130 + "1", "rumus_terlalu_panjang"),
    ("a\x00", "rumus_sintaks"),
])
def test_batas_dan_argumen(teks, kd):
    with pytest.raises(SimkitError) as exc:
        kompilasi(teks)
    assert kode(exc) == [kd]


def test_batas_panjang_dan_kedalaman_tepat():
    ok = "capaian_hasil_kerja" + " " * (BATAS_PANJANG - len("capaian_hasil_kerja"))
    assert kompilasi(ok).hitung(DATA).shape == (N,)
    with pytest.raises(SimkitError):
        kompilasi(ok + " ")
    dalam = "-" * (BATAS_KEDALAMAN - 2) + "perilaku_atasan"
    assert np.allclose(kompilasi(dalam).hitung(DATA), P)
    with pytest.raises(SimkitError):
        kompilasi("-" * (BATAS_KEDALAMAN + 1) + "perilaku_atasan")


def test_bukan_teks():
    with pytest.raises(SimkitError) as exc:
        kompilasi(12)  # type: ignore[arg-type]
    assert kode(exc) == ["rumus_bukan_teks"]


# --------------------------------------------------------------------------- no execution ever

TOKENS = [
    "capaian_hasil_kerja", "perilaku_atasan", "ikm_unit", "x", "__import__", "__class__",
    "open", "eval", "lambda", "for", "in", "if", "else", "and", "or", "not", "min", "max",
    "where", "clip", "log", "sqrt", "exp", "round", "rata", "abs", "(", ")", "[", "]", "{", "}",
    ",", ".", ":", "+", "-", "*", "/", "**", "//", "%", "<", ">=", "==", "!=", "'s'", "0",
    "1", "2.5", "1e308", "1e-308", "0.0", " ", "\n", ":=", "@", "~", "None", "True", "yield",
    "await", "*", "=", ";", "\\", "#", "f'", '"',
]


@contextmanager
def tanpa_eksekusi():
    """eval/exec/open forbidden; compile() only to an AST (what ast.parse does)."""
    real_compile = builtins.compile
    for lang in ("id", "en"):  # load the message catalogues (files) before open() is barred
        t("umum.baris", lang)

    def no(*a, **k):
        raise AssertionError("executed something")

    def only_ast(source, filename, mode, flags=0, *a, **k):
        assert flags & ast.PyCF_ONLY_AST, "compiled to bytecode"
        return real_compile(source, filename, mode, flags, *a, **k)

    with (mock.patch.object(builtins, "eval", no), mock.patch.object(builtins, "exec", no),
          mock.patch.object(builtins, "open", no),
          mock.patch.object(builtins, "compile", only_ast)):
        yield


def _coba(teks: str) -> None:
    with tanpa_eksekusi():
        try:
            r = kompilasi(teks)
        except SimkitError:
            return
        try:
            out = r.hitung(DATA, asn_id=np.arange(1, N + 1))
        except SimkitError:
            return
    assert out.shape == (N,) and np.isfinite(out).all()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map("".join))
def test_sampah_token_hanya_simkiterror(teks):
    _coba(teks)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_sampah_teks_hanya_simkiterror(teks):
    _coba(teks)


# --------------------------------------------------------------------------- arithmetic


@pytest.mark.parametrize(("teks", "harapan"), [
    ("0.6 * capaian_hasil_kerja + 0.4 * perilaku_atasan * 20", 0.6 * C + 0.4 * P * 20),
    ("(capaian_hasil_kerja - 100) / perilaku_atasan", (C - 100) / P),
    ("-capaian_hasil_kerja + +ikm_unit", -C + IKM),
    ("perilaku_atasan ** 2 - perilaku_atasan ** 0.5", P**2 - P**0.5),
    ("capaian_hasil_kerja ** -1", 1 / C),
    ("min(capaian_hasil_kerja, 100, ikm_unit * 30)", np.minimum.reduce([C, np.full(N, 100.0), IKM * 30])),
    ("max(capaian_hasil_kerja, 100)", np.maximum(C, 100)),
    ("abs(capaian_hasil_kerja - 100)", np.abs(C - 100)),
    ("clip(capaian_hasil_kerja, 60, 110)", np.clip(C, 60, 110)),
    ("where(capaian_hasil_kerja >= 100, 1, 0)", (C >= 100).astype(float)),
    ("100 if perilaku_atasan > 3 else capaian_hasil_kerja", np.where(P > 3, 100, C)),
    ("rata(perilaku_atasan, ikm_unit, 3)", (P + IKM + 3) / 3),
    ("log(capaian_hasil_kerja) + exp(perilaku_atasan / 5) + sqrt(ikm_unit)",
     np.log(C) + np.exp(P / 5) + np.sqrt(IKM)),
    ("2 < perilaku_atasan <= 4", ((2 < P) & (P <= 4)).astype(float)),
    ("perilaku_atasan > 3 and capaian_hasil_kerja > 100", ((P > 3) & (C > 100)).astype(float)),
    ("perilaku_atasan > 3 or not capaian_hasil_kerja > 100", ((P > 3) | ~(C > 100)).astype(float)),
    ("(perilaku_atasan == perilaku_atasan) + (ikm_unit != ikm_unit)", np.ones(N)),
    ("7", np.full(N, 7.0)),
])
def test_aritmetika_sama_dengan_numpy(teks, harapan):
    out = kompilasi(teks).hitung(DATA)
    assert out.dtype == np.float64 and out.shape == (N,)
    np.testing.assert_allclose(out, harapan, rtol=1e-12)


def test_round_setengah_menjauhi_nol():
    r = kompilasi("round(capaian_hasil_kerja) + 0 * perilaku_atasan")
    x = np.array([0.5, 1.5, 2.5, -2.5, 2.4999])
    assert r.hitung({"capaian_hasil_kerja": x, "perilaku_atasan": x}).tolist() == [
        1.0, 2.0, 3.0, -3.0, 2.0]
    r2 = kompilasi("round(capaian_hasil_kerja, 2)")
    assert r2.hitung({"capaian_hasil_kerja": [1.005001, 2.344]}).tolist() == [1.01, 2.34]


_OPS = [("+", np.add), ("-", np.subtract), ("*", np.multiply)]


@st.composite
def _pohon(draw, depth=0):
    """A random expression and the same computation in numpy."""
    if depth > 4 or draw(st.booleans()):
        if draw(st.booleans()):
            v = draw(st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 3)))
            return f"({v!r})", np.full(N, v)
        name = draw(st.sampled_from(["capaian_hasil_kerja", "perilaku_atasan", "ikm_unit"]))
        return name, DATA[name]
    kind = draw(st.sampled_from(["op", "min", "max", "where", "clip", "abs"]))
    a, va = draw(_pohon(depth + 1))
    b, vb = draw(_pohon(depth + 1))
    if kind == "op":
        sym, f = draw(st.sampled_from(_OPS))
        return f"({a} {sym} {b})", f(va, vb)
    if kind in ("min", "max"):
        return f"{kind}({a}, {b})", (np.minimum if kind == "min" else np.maximum)(va, vb)
    if kind == "abs":
        return f"abs({a})", np.abs(va)
    if kind == "clip":
        return f"clip({a}, -10, 10)", np.clip(va, -10, 10)
    return f"where({a} > {b}, {a}, {b})", np.where(va > vb, va, vb)


@settings(max_examples=150, deadline=None)
@given(_pohon())
def test_pohon_acak_sama_dengan_numpy(pair):
    teks, harapan = pair
    if len(teks) > BATAS_PANJANG:
        return
    try:
        out = kompilasi(teks).hitung(DATA)
    except SimkitError as exc:  # only the depth guard may refuse a generated tree
        assert {m.kode for m in exc.masalah} <= {"rumus_terlalu_dalam"}
        return
    np.testing.assert_allclose(out, harapan, rtol=1e-9, atol=1e-9)


def test_menerima_series_dan_baris_multi():
    import pandas as pd

    r = kompilasi("0.5 * capaian_hasil_kerja\n + 0.5 * (perilaku_atasan * 20)")
    out = r.hitung({"capaian_hasil_kerja": pd.Series([100, 80]),
                    "perilaku_atasan": pd.Series([4, 5], dtype="int8")})
    assert out.tolist() == [90.0, 90.0]
    assert r.variabel == {"capaian_hasil_kerja", "perilaku_atasan"}


# --------------------------------------------------------------------------- undefined rows


def test_pembagian_nol_dilaporkan_dengan_asn_id():
    x = np.array([0.0, 2, 0, 4, 0, 0, 0, 0])
    r = kompilasi("100 / capaian_hasil_kerja")
    with pytest.raises(SimkitError) as exc:
        r.hitung({"capaian_hasil_kerja": x}, asn_id=np.arange(101, 109))
    m = exc.value.masalah[0]
    assert m.kode == "rumus_tak_terdefinisi" and m.isi["jumlah"] == 6
    assert m.isi["contoh"] == "101, 103, 105, 106, 107"   # at most five ids
    assert "pembagian dengan nol" in str(exc.value)


def test_nol_kali_tak_hingga_tetap_dilaporkan():
    # 0 * (1/0) would be NaN; min(1/0, 5) would hide the inf: both are reported
    for teks in ("0 * (1 / capaian_hasil_kerja)", "min(1 / capaian_hasil_kerja, 5)",
                 "where(1 / capaian_hasil_kerja > 2, 1, 0)"):
        with pytest.raises(SimkitError):
            kompilasi(teks).hitung({"capaian_hasil_kerja": np.array([1.0, 0.0])}, asn_id=[7, 9])


def test_cabang_yang_tidak_dipilih_tidak_masalah():
    x = {"capaian_hasil_kerja": np.array([0.0, 50.0])}
    for teks in ("where(capaian_hasil_kerja > 0, 100 / capaian_hasil_kerja, 0)",
                 "100 / capaian_hasil_kerja if capaian_hasil_kerja != 0 else -1",
                 "capaian_hasil_kerja != 0 and 100 / capaian_hasil_kerja > 1",
                 "capaian_hasil_kerja == 0 or 100 / capaian_hasil_kerja > 1"):
        out = kompilasi(teks).hitung(x)
        assert np.isfinite(out).all(), teks


def test_log_akar_dan_luapan_dilaporkan():
    d = {"capaian_hasil_kerja": np.array([-1.0, 1.0, 1000.0])}
    for teks, alasan in (("log(capaian_hasil_kerja)", "log/akar"),
                         ("sqrt(capaian_hasil_kerja)", "log/akar"),
                         ("capaian_hasil_kerja ** 0.5", "log/akar"),
                         ("exp(capaian_hasil_kerja)", "tak hingga")):
        with pytest.raises(SimkitError) as exc:
            kompilasi(teks).hitung(d, asn_id=[1, 2, 3])
        assert alasan in str(exc.value), teks


def test_variabel_tidak_diberikan():
    with pytest.raises(SimkitError):
        kompilasi("perilaku_atasan").hitung({"ikm_unit": [1.0]})


# --------------------------------------------------------------------------- documentation


def test_tabel_variabel_dan_fungsi_bilingual():
    idn, en = daftar_variabel("id"), daftar_variabel("en")
    assert [v["nama"] for v in idn] == list(VARIABEL_RUMUS)
    assert all(v["deskripsi"] and not v["deskripsi"].startswith("rumus.") for v in idn + en)
    assert all(a["deskripsi"] != b["deskripsi"] for a, b in zip(idn, en, strict=True)
               if a["nama"] not in ("kelas_jabatan",))
    assert {f["nama"] for f in daftar_fungsi("en")} == set(FUNGSI)
    assert all(f["deskripsi"].startswith(f["nama"] + "(") for f in daftar_fungsi("id"))


def test_sejuta_baris_dalam_satu_panggilan():
    """A million rows in one vectorised call (its time is measured by benchmarks/bench_rules.py)."""
    n = 1_000_000
    d = {"capaian_hasil_kerja": RNG.uniform(40, 130, n), "perilaku_atasan": RNG.uniform(1, 5, n),
         "ikm_unit": RNG.uniform(25, 100, n), "melayani_publik": (RNG.random(n) < 0.4) * 1.0}
    r = kompilasi("where(melayani_publik == 1, 0.8 * capaian_hasil_kerja + 0.2 * ikm_unit,"
                  " capaian_hasil_kerja) * clip(perilaku_atasan / 3, 0.5, 1.5)")
    out = r.hitung(d, asn_id=np.arange(n))
    assert out.shape == (n,) and np.isfinite(out).all()
