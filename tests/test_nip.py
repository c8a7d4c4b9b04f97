"""NIP and NI PPPK (Peraturan Kepala BKN 22/2007 and 43/2007): making and checking."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit.errors import SimkitError
from simkit.i18n import t
from simkit.population.nip import ALASAN, make_nip, validate_nip


def d(*xs: str) -> np.ndarray:
    return np.array(xs, dtype="datetime64[D]")


def test_reference_example_parses():
    # Perka BKN 22/2007 example: 19660801 198803 1 001 = born 1 Aug 1966, TMT CPNS Mar 1988, male, first
    nip = "196608011988031001"
    ok, alasan = validate_nip([nip], tanggal_lahir=["1966-08-01"], tmt=["1988-03-01"],
                              jenis_kelamin=["L"], status=["PNS"])
    assert ok.tolist() == [True] and alasan.tolist() == [""]
    assert make_nip(d("1966-08-01"), d("1988-03-01"), ["L"], ["PNS"]).tolist() == [nip]


def test_sequence_makes_identical_prefixes_unique():
    n = 5
    nip = make_nip(d(*["1990-02-03"] * n), d(*["2015-04-01"] * n), ["P"] * n, ["PNS"] * n)
    assert nip.tolist() == [f"19900203201504200{i}" for i in range(1, 6)]
    shuffled = make_nip(d(*["1990-02-03"] * n), d(*["2015-04-01"] * n), ["P"] * n, ["PNS"] * n,
                        rng=np.random.default_rng(3))
    assert sorted(shuffled.tolist()) == nip.tolist()
    # a different gender or TMT month starts its own sequence at 001
    other = make_nip(d("1990-02-03", "1990-02-03"), d("2015-04-01", "2015-05-01"), ["L", "P"],
                     ["PNS", "PNS"])
    assert other.tolist() == ["199002032015041001", "199002032015052001"]


def test_ni_pppk_layout():
    # birth date + year of appointment + code "21" [U] + gender + sequence
    nip = make_nip(d("1985-12-31", "1985-12-31"), d("2022-03-01", "2022-09-01"), ["P", "P"],
                   ["PPPK", "PPPK"])
    assert nip.tolist() == ["198512312022212001", "198512312022212002"]
    ok, _ = validate_nip(nip, tmt=["2022-07-01", "2022-07-01"], status=["PPPK", "PPPK"])
    assert ok.all()  # PPPK: only the year of the TMT is in the number


def test_more_than_999_collisions_is_an_error():
    n = 1000
    with pytest.raises(SimkitError):
        make_nip(d(*["1990-01-01"] * n), d(*["2015-01-01"] * n), ["L"] * n, ["PNS"] * n)


@pytest.mark.parametrize("nip,kw,alasan", [
    (None, {}, "kosong"),
    ("", {}, "kosong"),
    ("19660801198803100A", {}, "bukan_angka"),
    ("19660801198803100", {}, "panjang"),
    ("1966080119880310011", {}, "panjang"),
    ("196613011988031001", {}, "tanggal_lahir"),
    ("196602301988031001", {}, "tanggal_lahir"),
    ("196608011988131001", {"status": ["PNS"]}, "tmt"),
    ("196608011975031001", {}, "tmt"),  # appointed at 8 years old
    ("196608011988033001", {}, "jenis_kelamin"),
    ("196608011988031001", {"tanggal_lahir": ["1966-08-02"]}, "beda_tanggal_lahir"),
    ("196608011988031001", {"tmt": ["1988-04-01"]}, "beda_tmt"),
    ("196608011988031001", {"jenis_kelamin": ["P"]}, "beda_jenis_kelamin"),
])
def test_invalid_nips_have_a_reason(nip, kw, alasan):
    ok, why = validate_nip([nip], **kw)
    assert ok.tolist() == [False] and why.tolist() == [alasan]
    assert alasan in ALASAN
    assert t(f"galat.nip_alasan.{alasan}") != f"galat.nip_alasan.{alasan}"  # has a label


def test_missing_reference_values_skip_the_comparison():
    ok, _ = validate_nip(["196608011988031001"], tanggal_lahir=[pd.NaT], tmt=[None],
                         jenis_kelamin=[np.nan], status=[None])
    assert ok.all()


def test_unknown_status_accepts_both_layouts():
    ok, _ = validate_nip(["196608011988031001", "198512312022212001"])
    assert ok.all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.dates(dt.date(1960, 1, 1), dt.date(2004, 12, 31)),
    st.integers(18, 40), st.integers(1, 12), st.sampled_from(["L", "P"]),
    st.sampled_from(["PNS", "PPPK"])), min_size=1, max_size=40))
def test_made_nips_validate_and_parse_back(rows):
    lahir = np.array([r[0] for r in rows], dtype="datetime64[D]")
    tmt = np.array([dt.date(r[0].year + r[1], r[2], 1) for r in rows], dtype="datetime64[D]")
    jk = [r[3] for r in rows]
    status = [r[4] for r in rows]
    nip = make_nip(lahir, tmt, jk, status)
    assert len(set(nip.tolist())) == len(rows)
    ok, alasan = validate_nip(nip, lahir, tmt, jk, status)
    assert ok.all(), alasan
    s = pd.Series(nip)
    assert (s.str[:8] == pd.Series(lahir).dt.strftime("%Y%m%d")).all()
    assert (s.str[14] == pd.Series(jk).map({"L": "1", "P": "2"})).all()
    assert (s.str[15:].astype(int) >= 1).all()
