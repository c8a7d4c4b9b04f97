"""The multi-year model (issue 13): year 1 is today's model, responses off change nothing the
single-year model would not, behaviour responds only to what a rule measures, determinism,
located messages for ``periode``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import simkit
from simkit.analysis.respons import angka_dinilai, jenuh, parameter_respons, sesuaikan
from simkit.errors import SimkitError
from simkit.orchestration.periode import KOLOM, UKURAN, simulate
from simkit.population.generate import generate
from simkit.population.periode import (
    KeadaanUkur,
    aliran_ukur,
    dasar_periode,
    tanggal_tahun,
    ukur_tahun,
    usia,
)
from simkit.rules import evaluate, get_rule

ATURAN = [{"id": "nasional", "aturan": "permenpanrb_6_2022"},
          {"id": "pp30", "aturan": "pp30_2019"},
          {"id": "ikm", "aturan": "mamuju_ikm", "parameter": {"bobot_ikm": 0.4}},
          {"id": "kurva", "aturan": "kurva_paksa"}]


def skenario(**periode: object) -> dict:
    return {"nama": "uji periode", "seed": 11, "populasi": {"jumlah_asn": 900},
            "survei": {"tingkat_respons": 0.9},
            "periode": {"tahun": 3, "evaluasi_per_tahun": 2, **periode}, "aturan": ATURAN}


@pytest.fixture(scope="module")
def mati() -> simkit.orchestration.periode.HasilPeriode:
    return simulate(skenario(), respons=False, simpan=True)


@pytest.fixture(scope="module")
def hidup() -> simkit.orchestration.periode.HasilPeriode:
    return simulate(skenario(), simpan=True)


def _tabel_sama(a: simkit.Population, b: simkit.Population) -> None:
    for nama, df in a.tables().items():
        assert_frame_equal(df.reset_index(drop=True), getattr(b, nama).reset_index(drop=True),
                           check_dtype=False, obj=nama)


def test_tahun_1_adalah_model_satu_tahun(mati, hidup) -> None:
    sc = simkit.load_scenario(skenario())
    pop = generate(sc)
    for h in (mati, hidup):
        for a in ATURAN:
            _tabel_sama(pop, h.populasi[(a["id"], 1)])
            ev = evaluate(pop, a["aturan"], a.get("parameter"))
            assert_frame_equal(h.evaluasi[(a["id"], 1)].hasil, ev.hasil)
    # compare, table for table, on year 1 of the engine and on the single-year population
    evs = {a["id"]: mati.evaluasi[(a["id"], 1)] for a in ATURAN}
    satu = simkit.compare(pop, {a["id"]: evaluate(pop, a["aturan"], a.get("parameter"))
                                for a in ATURAN}, tabel=["akurasi", "distribusi", "tpp"])
    mesin = simkit.compare(mati.populasi[("nasional", 1)], evs,
                           tabel=["akurasi", "distribusi", "tpp"])
    for nama, df in satu.tables().items():
        assert_frame_equal(df, mesin.tables()[nama], obj=nama)
    ak = satu["akurasi"].set_index("aturan")["akurasi"]
    t = mati.ukuran("akurasi")
    for a in ATURAN:
        assert t.loc[(t.aturan == a["id"]) & (t.tahun == 1), "nilai"].item() == ak[a["id"]]


def test_respons_mati_tiap_tahun_model_satu_tahun(mati) -> None:
    """Responses off: every year every rule sees the same population, and the engine's
    result is the single-year evaluation of that year's population; no behaviour moves."""
    for t in (2, 3):
        pops = [mati.populasi[(a["id"], t)] for a in ATURAN]
        for p in pops[1:]:
            _tabel_sama(pops[0], p)
        for a in ATURAN:
            ev = evaluate(pops[0], a["aturan"], a.get("parameter"))
            assert_frame_equal(mati.evaluasi[(a["id"], t)].hasil, ev.hasil)
    lb = mati.lebar()
    for u in ("usaha_rata", "alih_rata", "sandbag_rata", "gaming_waktu_rata",
              "bias_survei_rata"):
        assert (lb[u] == 0).all(), u
    assert lb.groupby("tahun")["leniensi_rata"].nunique().eq(1).all()


def test_tanpa_perubahan_keadaan_tahun_baru_hanya_undian_baru() -> None:
    """No turnover, no ratchet, no responses: the people and the truth stay, and the year's
    tables are the generator's own functions on the year's fresh streams."""
    d = skenario(target={"bobot_ratchet": 0}, evaluasi_per_tahun=1,
                 mutasi={"pensiun": False, "keluar_lain": 0, "pindah": 0})
    h = simulate(d, respons=False, simpan=True)
    sc = simkit.load_scenario(d)
    p1, p3 = h.populasi[("nasional", 1)], h.populasi[("nasional", 3)]
    assert_frame_equal(p1.pegawai, p3.pegawai, check_dtype=False)
    assert_frame_equal(p1.kebenaran, p3.kebenaran, check_dtype=False)
    assert_frame_equal(p1.iki[["asn_id", "nama_indikator", "target", "bobot"]],
                       p3.iki[["asn_id", "nama_indikator", "target", "bobot"]])
    assert not p1.iki["realisasi"].equals(p3.iki["realisasi"])
    dasar = dasar_periode(sc, generate(sc), sc.seed)
    keb = p1.kebenaran
    k = KeadaanUkur(keb.hasil_benar.to_numpy(), keb.hasil_benar.to_numpy(),
                    keb.perilaku_benar.to_numpy(), dasar.struktur, dasar.penilai.leniensi,
                    np.zeros(len(keb)))
    ulang = ukur_tahun(dasar, p1.pegawai, k, aliran_ukur(dasar, 3), 3).populasi
    _tabel_sama(p3, ulang)


def test_tahun_1_diukur_ulang_identik() -> None:
    """The engine measures year 1 again (for the responses) on generate's own draws."""
    sc = simkit.load_scenario(skenario())
    pop = generate(sc)
    dasar = dasar_periode(sc, pop, sc.seed)
    keb = pop.kebenaran
    k = KeadaanUkur(keb.hasil_benar.to_numpy(), keb.hasil_benar.to_numpy(),
                    keb.perilaku_benar.to_numpy(), dasar.struktur, dasar.penilai.leniensi,
                    np.zeros(len(keb)))
    _tabel_sama(pop, ukur_tahun(dasar, pop.pegawai, k, aliran_ukur(dasar, 1), 1).populasi)


def test_tabel_panjang_rapi(hidup) -> None:
    t = hidup.tabel
    assert t.columns.tolist() == list(KOLOM)
    assert set(t["dimensi"]) == {"semua", "opd", "jenis_jabatan"}
    semua = t[t.dimensi == "semua"]
    assert semua.groupby(["aturan", "tahun"]).size().eq(len(UKURAN)).all()
    assert not t.duplicated(["seed", "aturan", "tahun", "dimensi", "kelompok", "ukuran"]).any()
    lb = hidup.lebar()
    assert len(lb) == len(ATURAN) * 3 and list(lb.columns[:4]) == ["seed", "aturan", "rule_id",
                                                                   "tahun"]


def test_deterministik_menurut_seed() -> None:
    d = skenario(tahun=2)
    a, b = simulate(d).tabel, simulate(d).tabel
    assert_frame_equal(a, b)
    c = simulate({**d, "seed": 12}).tabel
    assert not a["nilai"].equals(c["nilai"])


def test_gaming_hanya_di_angka_yang_dinilai(hidup) -> None:
    """Survey gaming only under a rule that counts the IKM; waiting-time gaming only under
    rules that read the IKI and only by holders of lower-is-better indicators."""
    lb = hidup.lebar().set_index(["aturan", "tahun"])
    for a in ("nasional", "pp30", "kurva"):
        assert (lb.loc[a, "bias_survei_rata"] == 0).all()
    assert lb.loc[("ikm", 3), "bias_survei_rata"] > 0
    assert angka_dinilai(get_rule("permenpanrb_6_2022")) == {"iki": True, "skm": False}
    assert angka_dinilai(get_rule("permenpanrb_14_2017")) == {"iki": False, "skm": True}
    assert lb.loc[("nasional", 3), "gaming_waktu_rata"] > 0
    # per jenis jabatan: gaming is measured over holders of lower-is-better IKI only
    kel = hidup.ukuran("gaming_waktu_rata", "jenis_jabatan")
    assert kel["nilai"].isna().any() or (kel["nilai"] >= 0).all()


def test_respons_menggerakkan_perilaku(hidup) -> None:
    lb = hidup.lebar().set_index(["aturan", "tahun"])
    assert lb.loc[("nasional", 1), "usaha_rata"] == 0
    assert lb.loc[("nasional", 3), "usaha_rata"] > lb.loc[("nasional", 2), "usaha_rata"] > 0
    assert lb.loc[("nasional", 3), "waktu_tunggu_lapor"] <= lb.loc[("nasional", 3),
                                                                   "waktu_tunggu_benar"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-5, 50, allow_nan=False), min_size=2, max_size=20),
       st.floats(0, 5), st.floats(0.01, 2))
def test_usaha_monoton_dalam_imbalan(imb: list[float], elastisitas: float, maks: float) -> None:
    x = np.sort(np.asarray(imb))
    y = jenuh(x, elastisitas, maks)
    assert (np.diff(y) >= -1e-12).all()
    assert (y >= 0).all() and (y <= maks + 1e-12).all()
    lama = np.zeros_like(y)
    assert (np.diff(sesuaikan(lama, y, 0.5)) >= -1e-12).all()


def test_usaha_naik_dengan_elastisitas() -> None:
    d = skenario(tahun=2, evaluasi_per_tahun=1)
    lo = simulate({**d, "periode": {**d["periode"],
                                    "parameter_respons": {"elastisitas_usaha": 0.2}}})
    hi = simulate({**d, "periode": {**d["periode"],
                                    "parameter_respons": {"elastisitas_usaha": 2.0}}})
    a = lo.lebar().set_index(["aturan", "tahun"])["usaha_rata"]
    b = hi.lebar().set_index(["aturan", "tahun"])["usaha_rata"]
    assert (b.xs(2, level="tahun") >= a.xs(2, level="tahun")).all()
    assert (b.xs(2, level="tahun") > a.xs(2, level="tahun")).any()


def test_pensiun_menurut_bup(hidup) -> None:
    from simkit.population.periode import _bup

    for t in (2, 3):
        pop = hidup.populasi[("nasional", t)]
        umur = usia(pop.pegawai["tanggal_lahir"], tanggal_tahun(t))
        assert (umur < _bup(pop.pegawai)).all()
        assert pop.pegawai["asn_id"].is_unique
        ids = set(pop.pegawai["asn_id"])
        assert set(pop.pegawai["atasan_id"].dropna()) <= ids
    lb = hidup.lebar().set_index(["aturan", "tahun"])
    assert lb.loc[("nasional", 3), "masuk"] == (lb.loc[("nasional", 3), "pensiun"]
                                                + lb.loc[("nasional", 3), "keluar"])


def _pesan(f, lang: str) -> str:
    simkit.set_lang(lang)
    try:
        with pytest.raises(SimkitError) as e:
            simkit.load_scenario(f)
        return str(e.value)
    finally:
        simkit.set_lang("id")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pesan_periode_berlokasi(tmp_path, lang: str) -> None:
    f = tmp_path / "salah.yaml"
    f.write_text("nama: x\nseed: 1\nperiode:\n  tahun: 0\n  evaluasi_per_tahun: 3\n", "utf-8")
    teks = _pesan(f, lang)
    assert "periode.tahun" in teks and ("baris 4" if lang == "id" else "line 4") in teks
    assert "1, 2, 4, 12" in teks and ("baris 5" if lang == "id" else "line 5") in teks
    f.write_text("nama: x\nseed: 1\nperiode:\n  parameter_respons:\n"
                 "    elastisitas_usahaa: 0.4\n", "utf-8")
    teks = _pesan(f, lang)
    assert "periode.parameter_respons.elastisitas_usahaa" in teks and "elastisitas_usaha'" in teks
    assert ("baris 5" if lang == "id" else "line 5") in teks
    assert ("Maksud Anda" if lang == "id" else "Did you mean") in teks


def test_skenario_tanpa_periode_tidak_berubah() -> None:
    import hashlib
    import json

    sc = simkit.load_scenario("scenarios/mamuju_baseline.yaml")
    assert sc.periode is None
    data = sc.model_dump(mode="json")
    data.pop("periode")
    assert sc.hash() == hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False)
                                       .encode("utf-8")).hexdigest()


def test_parameter_respons_semua_asumsi_bersumber() -> None:
    p = parameter_respons()
    for nama in p:
        m = p.meta(nama)
        assert m.asumsi and m.teks("id").startswith("ASUMSI:") and m.teks("en").startswith(
            "ASSUMPTION:")
        assert m.referensi and m.tampil is not None


def test_pita_kuantil_antar_seed() -> None:
    h = simulate(skenario(tahun=2, evaluasi_per_tahun=1), seeds=2)
    pt = h.pita()
    assert {"rata_rata", "q10", "q50", "q90", "jumlah_seed"} <= set(pt.columns)
    assert (pt.loc[pt.dimensi == "semua", "jumlah_seed"] == 2).all()
    assert isinstance(pt, pd.DataFrame)


def test_run_menulis_tabel_periode(tmp_path) -> None:
    import json

    out = simkit.run(skenario(tahun=2, evaluasi_per_tahun=1), tmp_path / "lap", progress=False,
                     laporan=False)
    t = pd.read_csv(out / "tabel" / "periode.csv")
    assert t.columns.tolist() == list(KOLOM) and set(t["tahun"]) == {1, 2}
    m = json.loads((out / "manifest.json").read_text("utf-8"))
    assert m["periode"]["periode"]["tahun"] == 2
    assert "tabel/periode.csv" in {b["berkas"] for b in m["berkas"]}


def test_skenario_lima_tahun_valid() -> None:
    s = simkit.load_scenario("scenarios/mamuju_5_tahun.yaml")
    assert s.periode.tahun == 5 and s.periode.evaluasi_per_tahun == 4
    assert {a.aturan for a in s.aturan} >= {r.id for r in simkit.list_rules()
                                            if r.tingkat == "pegawai"}


class _TanpaIki(simkit.rules.Rule):
    """A test rule that reads only the behaviour ratings (no IKI, no survey)."""

    id = "uji_tanpa_iki"
    tabel = ("pegawai", "penilaian_perilaku")
    parameter_tambahan = ("permenpanrb_14_2017",)  # a rule needs a parameter file; unused

    def siapkan(self, population, params):
        pp = population.penilaian_perilaku
        skor = pp.loc[pp["peran"] == "atasan"].set_index("asn_id").iloc[:, 2:].mean(axis=1)
        skor = skor.groupby(level=0).mean().reindex(population.pegawai["asn_id"]).fillna(3.0)
        return {"pegawai": pd.DataFrame({"asn_id": population.pegawai["asn_id"].to_numpy(),
                                         "skor": skor.to_numpy()})}

    def hitung(self, tabel, params):
        from simkit.rules import Hasil

        s = tabel["pegawai"]["skor"].to_numpy()
        pred = np.select([s >= 4.2, s >= 3.4], ["sangat_baik", "baik"], "butuh_perbaikan")
        return Hasil(tabel["pegawai"].assign(predikat=pred))


def test_tanpa_iki_tanpa_gaming_waktu(monkeypatch) -> None:
    from simkit.rules import registry

    monkeypatch.setitem(registry._RULES, _TanpaIki.id, _TanpaIki())
    d = skenario(tahun=3, evaluasi_per_tahun=1)
    d["aturan"] = [{"id": "nasional", "aturan": "permenpanrb_6_2022"},
                   {"id": "tanpa_iki", "aturan": _TanpaIki.id}]
    lb = simulate(d).lebar().set_index(["aturan", "tahun"])
    assert angka_dinilai(_TanpaIki()) == {"iki": False, "skm": False}
    assert (lb.loc["tanpa_iki", "gaming_waktu_rata"] == 0).all()
    assert (lb.loc["tanpa_iki", "usaha_rata"] == 0).all()  # effort is not what it rewards
    assert lb.loc[("nasional", 3), "gaming_waktu_rata"] > 0
    assert lb.loc[("tanpa_iki", 3), "leniensi_rata"] > lb.loc[("tanpa_iki", 1), "leniensi_rata"]


def test_predikat_tahunan_dari_periodik() -> None:
    import dataclasses

    from simkit.orchestration.periode import _evaluasi_tahunan

    @dataclasses.dataclass
    class E:
        hasil: pd.DataFrame

    nama = {5: "sangat_baik", 4: "baik", 3: "butuh_perbaikan", 2: "kurang", 1: "sangat_kurang"}

    def ev(pr: list[int]) -> E:
        return E(pd.DataFrame({"asn_id": [1, 2, 3], "peringkat": pr,
                               "predikat": [nama[p] for p in pr]}))

    periodik = [ev([4, 3, 5]), ev([4, 4, 3]), ev([5, 2, 3]), ev([5, 4, 3])]
    akhir = ev([4, 4, 4])
    assert _evaluasi_tahunan(periodik, akhir, "akhir") is akhir
    assert _evaluasi_tahunan(periodik, akhir, "terakhir").hasil["peringkat"].tolist() == [5, 4, 3]
    # means 4.5, 3.25, 3.5 rounded half up
    assert _evaluasi_tahunan(periodik, akhir, "rata_rata").hasil["peringkat"].tolist() == [5, 3, 4]
    # 4 and 5 twice each: the better; 4 twice; 3 three times
    out = _evaluasi_tahunan(periodik, akhir, "modus").hasil
    assert out["peringkat"].tolist() == [5, 4, 3]
    assert out["predikat"].tolist() == ["sangat_baik", "baik", "butuh_perbaikan"]


def test_periodik_berbeda_dari_tahunan(hidup) -> None:
    sesuai = hidup.ukuran("kesesuaian_periodik")["nilai"]
    assert ((sesuai > 0.3) & (sesuai < 1)).all()
