"""The shared vocabulary of simkit: one definition of every id that more than one layer uses.

Every other module imports these names from here; none defines its own copy. Ids are the
regulations' Indonesian names in snake case; their display labels (id, en) live in the i18n
catalogues (``predikat``, ``rating``, ``capaian_organisasi`` ...), never here.

>>> PERINGKAT_PREDIKAT["sangat_baik"], PREDIKAT_PERINGKAT[1]
(5, 'sangat_kurang')
>>> PERINGKAT_UMUM["cukup"] == PERINGKAT_PREDIKAT["butuh_perbaikan"]
True
"""

from __future__ import annotations

PREDIKAT: tuple[str, ...] = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
"""The five predikat kinerja of PermenPANRB 6/2022 (Pasal 42, Lampiran), best first."""

PERINGKAT: tuple[int, ...] = (5, 4, 3, 2, 1)
"""The common ordinal 1..5 (5 = best) in display order, best first (the order of PREDIKAT)."""

PERINGKAT_PREDIKAT: dict[str, int] = {p: 5 - i for i, p in enumerate(PREDIKAT)}
"""Predikat of PermenPANRB 6/2022 -> common ordinal: sangat_baik 5 .. sangat_kurang 1."""

PREDIKAT_PERINGKAT: dict[int, str] = {v: k for k, v in PERINGKAT_PREDIKAT.items()}
"""Common ordinal -> predikat of PermenPANRB 6/2022: 5 -> sangat_baik .. 1 -> sangat_kurang."""

PREDIKAT_PP30: tuple[str, ...] = ("sangat_baik", "baik", "cukup", "kurang", "sangat_kurang")
"""The five predikat kinerja of PP 30/2019 (Pasal 41 ayat 5), best first."""

SEBUTAN_PP46: tuple[str, ...] = ("sangat_baik", "baik", "cukup", "kurang", "buruk")
"""The five sebutan of a nilai of PP 46/2011 (with Perka BKN 1/2013), best first."""

PERINGKAT_UMUM: dict[str, int] = {
    **PERINGKAT_PREDIKAT,
    **{p: 5 - i for i, p in enumerate(PREDIKAT_PP30)},
    **{p: 5 - i for i, p in enumerate(SEBUTAN_PP46)},
    "kurang_baik": 2, "tidak_baik": 1,      # PermenPANRB 14/2017 kinerja unit (A, B, C, D)
}
"""Common ordinal of every rule's predikat vocabulary: 5 = best ... 1 = worst.

A kit convention (not a regulation) so rules with different vocabularies can be compared:
Butuh Perbaikan (PermenPANRB 6/2022) and Cukup (PP 30/2019, PP 46/2011) are both the middle
class 3; PermenPANRB 14/2017's four classes map to 5, 4, 2, 1 (C = 'kurang baik' sits with
'kurang')."""

RATING: tuple[str, ...] = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
"""The 3-level rating of PermenPANRB 6/2022 (hasil kerja and perilaku kerja), best first."""

CAPAIAN_ORGANISASI: tuple[str, ...] = (
    "istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
"""Capaian kinerja organisasi of PermenPANRB 6/2022 (Lampiran: kurva distribusi), best first."""

ATURAN_DASAR = "permenpanrb_6_2022"
"""The current national rule: the baseline a comparison prefers when it is present unmodified."""

ATURAN_NASIONAL: tuple[str, ...] = (
    "permenpanrb_6_2022", "pp30_2019", "pp46_2011", "permenpanrb_14_2017")
"""The national rules, compared when a scenario lists none: the current rule (baseline), the
two earlier ones, and the IKM rule for service units (PermenPANRB 14/2017)."""

DIMENSI_KEADILAN: tuple[str, ...] = ("jenis_kelamin", "opd", "layanan", "status_kepegawaian")
"""Group dimensions whose mean absolute fairness gap sweeps report (``selisih_abs_<dimensi>``)."""
