"""The explanation an ASN reads: result and reason first, evidence, what would change it."""

from __future__ import annotations

import pandas as pd
import pytest

import simkit
from simkit.cli import main
from simkit.population.pseudonym import cari_pegawai

SKENARIO = {"nama": "narasi", "seed": 9, "populasi": {"jumlah_asn": 400}}


@pytest.fixture(scope="module")
def pop():
    return simkit.generate(simkit.load_scenario(SKENARIO))


def _orang(ev, **syarat) -> pd.Series:
    h = ev.hasil
    for k, v in syarat.items():
        h = h[h[k] == v]
    return h.iloc[0]


def test_sentence_states_the_result_and_its_reason(pop):
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    r = _orang(ev, kepala_unit=False, rating_hasil_kerja="sesuai_ekspektasi",
               rating_perilaku_kerja="sesuai_ekspektasi", dipaksa_kurva=False)
    teks = simkit.explain(ev, int(r.asn_id), "id", population=pop).untuk_asn()
    capaian = f"{r.capaian_hasil_kerja:.1f}".replace(".", ",").rstrip("0").rstrip(",")
    assert teks.splitlines()[0] == (
        f"Predikat Anda: Baik, karena hasil kerja Sesuai Ekspektasi (capaian {capaian} %) dan "
        f"perilaku kerja Sesuai Ekspektasi (rata-rata "
        f"{f'{r.perilaku_rerata:.2f}'.replace('.', ',').rstrip('0').rstrip(',')} dari 5).")
    # every indicator by its name, with target, realisasi and direction
    for nama in pop.iki.loc[pop.iki.asn_id == r.asn_id, "nama_indikator"]:
        assert f"  - {nama}: target " in teks
    assert "makin tinggi makin baik" in teks or "makin rendah makin baik" in teks
    # PermenPANRB 6/2022 kuadran: Sesuai x Sesuai = Baik; Di Atas x Sesuai = Baik;
    # Di Bawah x Sesuai = Butuh Perbaikan; Sesuai x Di Bawah = Kurang/Misconduct
    assert ("capaian hasil kerja ≥ 110 % memberi hasil kerja Di Atas Ekspektasi → predikat Baik"
            in teks)
    assert ("capaian hasil kerja < 90 % memberi hasil kerja Di Bawah Ekspektasi → predikat "
            "Butuh Perbaikan") in teks
    assert ("rata-rata BerAKHLAK < 3 memberi perilaku kerja Di Bawah Ekspektasi → predikat "
            "Kurang/Misconduct") in teks
    assert len(set(teks.splitlines()) - {""}) == len([x for x in teks.splitlines() if x])


def test_head_of_unit_rule_in_words(pop):
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    r = _orang(ev, kepala_unit=True)
    teks = simkit.explain(ev, int(r.asn_id), "id", population=pop).untuk_asn()
    assert "mengikuti capaian kinerja organisasi unit yang Anda pimpin" in teks.splitlines()[0]
    assert "Sebagai kepala unit, rating hasil kerja Anda" in teks
    assert "Indikator kinerja (IKI):" not in teks  # the IKI did not decide it


def test_the_top_without_atasan_is_told_where_the_score_comes_from(pop):
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    top = int(pop.pegawai.loc[pop.pegawai["atasan_id"].isna(), "asn_id"].iloc[0])
    teks = simkit.explain(ev, top, "id", population=pop).untuk_asn()
    assert "Anda tidak dinilai atasan langsung" in teks and "bobot 360 yang dibagi ulang" in teks


def test_pp30_sentence_and_band(pop):
    ev = simkit.evaluate(pop, "pp30_2019")
    r = _orang(ev, predikat="baik")
    teks = simkit.explain(ev, int(r.asn_id), "id", population=pop).untuk_asn()
    # PP 30/2019 Pasal 41(5): 90 <= x < 110 is Baik; 70 % SKP + 30 % perilaku
    assert teks.startswith("Predikat Anda: Baik, karena nilai kinerja Anda ")
    assert "= 70 % × nilai SKP " in teks and "30 % × nilai perilaku" in teks
    assert "yaitu ≥ 90 dan < 110." in teks
    assert "Nilai kinerja ≥ 110 dan inovasi memberi Sangat Baik." in teks


def test_english(pop):
    ev = simkit.evaluate(pop, "permenpanrb_6_2022")
    r = _orang(ev, kepala_unit=False)
    teks = simkit.explain(ev, int(r.asn_id), "en", population=pop).untuk_asn()
    assert teks.startswith("Your predikat: ") and "What would change the result:" in teks
    assert "," not in teks.splitlines()[0].split("capaian ")[1].split(" %")[0]  # 101.6, not 101,6


def test_cli_by_nip_with_trace_and_scenario_parameters(pop, tmp_path, capsys):
    folder = tmp_path / "pop"
    assert main(["generate", "--out", str(folder), _skenario(tmp_path)]) == 0
    capsys.readouterr()
    asli = pd.read_parquet(folder / "pegawai.parquet")
    nip, aid = str(asli["nip"].iloc[5]), int(asli["asn_id"].iloc[5])
    # imported (pseudonymised by default): the NIP is found through its pseudonym
    imp = simkit.load_population(folder)
    assert cari_pegawai(imp.pegawai, nip) == aid and cari_pegawai(imp.pegawai, aid) == aid
    assert main(["explain", str(folder), "--rule", "permenpanrb_6_2022", "--pegawai", nip]) == 0
    keluar = capsys.readouterr().out
    assert keluar.startswith("Predikat Anda: ") and nip not in keluar
    assert main(["explain", str(folder), "--rule", "permenpanrb_6_2022", "--pegawai", str(aid),
                 "--jejak"]) == 0
    assert capsys.readouterr().out.startswith("Penjelasan PermenPANRB 6/2022")
    # the scenario's entry 'tiga_enam_puluh' uses sumber_perilaku 360, as the report does
    assert main(["explain", str(folder), "--rule", "tiga_enam_puluh", "--pegawai", str(aid),
                 "--skenario", _skenario(tmp_path)]) == 0
    assert "Gabungan tertimbang penilaian 360" in capsys.readouterr().out
    assert main(["explain", str(folder), "--rule", "permenpanrb_6_2022", "--pegawai",
                 "199001012020011999"]) == 2
    err = capsys.readouterr().err
    assert "…1999" in err and "199001012020011999" not in err


def _skenario(tmp_path) -> str:
    import yaml

    f = tmp_path / "s.yaml"
    if not f.exists():
        f.write_text(yaml.safe_dump({**SKENARIO, "aturan": [
            {"id": "dasar", "aturan": "permenpanrb_6_2022"},
            {"id": "tiga_enam_puluh", "aturan": "permenpanrb_6_2022",
             "parameter": {"sumber_perilaku": "360"}}]}), encoding="utf-8")
    return str(f)
