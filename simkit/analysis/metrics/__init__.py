"""One small module per comparison metric; each function returns a tidy DataFrame.

================  ==================================================================
distribusi        predikat distribution per rule, overall / per OPD / per group
transisi          5 × 5 transition matrix from the baseline to each reform
menang_kalah      winners and losers in five buckets, overall / per group / per OPD
akurasi           accuracy, weighted kappa, Spearman against the truth; misclassified
keadilan          stratified gap between groups of equal true performance, with CI
stabilitas        probability the predikat changes when measurement noise is redrawn
kepatuhan_kurva   SE MenPANRB 3/2023 curve compliance per OPD (the rule engine's check)
tpp               TPP cost per rule and OPD, change against the baseline
ikm               IKM per service unit
================  ==================================================================
"""

from simkit.analysis.metrics.akurasi import akurasi, salah_klasifikasi, salah_klasifikasi_per_opd
from simkit.analysis.metrics.distribusi import distribusi, distribusi_per_opd
from simkit.analysis.metrics.ikm import ikm
from simkit.analysis.metrics.keadilan import keadilan
from simkit.analysis.metrics.kepatuhan_kurva import (
    kepatuhan_kurva,
    kepatuhan_kurva_batasan,
    ringkas_kepatuhan,
)
from simkit.analysis.metrics.menang_kalah import (
    menang_kalah,
    menang_kalah_per_kelompok,
    menang_kalah_per_opd,
)
from simkit.analysis.metrics.stabilitas import ringkas_stabilitas, stabilitas, stabilitas_pegawai
from simkit.analysis.metrics.tpp import muat_parameter_tpp, tpp, tpp_pegawai, tpp_per_opd
from simkit.analysis.metrics.transisi import transisi

__all__ = [
    "akurasi", "distribusi", "distribusi_per_opd", "ikm", "keadilan", "kepatuhan_kurva",
    "kepatuhan_kurva_batasan", "menang_kalah", "menang_kalah_per_kelompok",
    "menang_kalah_per_opd", "muat_parameter_tpp", "ringkas_kepatuhan", "ringkas_stabilitas",
    "salah_klasifikasi", "salah_klasifikasi_per_opd", "stabilitas", "stabilitas_pegawai", "tpp",
    "tpp_pegawai", "tpp_per_opd", "transisi",
]
