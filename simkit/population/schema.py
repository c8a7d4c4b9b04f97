"""The tables of a Population: names, columns, types and allowed values.

This module is the contract between the generator, the importer (``load_population``), the
rules and the analyses. Every table is a tidy pandas DataFrame; ids are integers, enums are
lower-case snake_case Indonesian ids (display labels come from :mod:`simkit.i18n`).

>>> from simkit.population.schema import TABLES
>>> [c.name for c in TABLES["pegawai"].columns][:3]
['asn_id', 'nip', 'nama']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from simkit.kosakata import CAPAIAN_ORGANISASI, PREDIKAT

BERAKHLAK = (
    "berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif",
    "kolaboratif",
)
"""The seven core values (SE MenPANRB 20/2021), in the regulation's order."""

ASPEK_PERILAKU_PP46 = (
    "orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama", "kepemimpinan",
)
"""PP 46/2011 perilaku aspects; ``kepemimpinan`` only for pejabat struktural."""

ASPEK_PERILAKU_PP30 = (
    "orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama", "kepemimpinan",
)
"""PP 30/2019 / PermenPANRB 8/2021 perilaku aspects; ``kepemimpinan`` only for struktural."""

UNSUR_SKM = tuple(f"u{i}" for i in range(1, 10))
"""The nine SKM unsur of PermenPANRB 14/2017, U1..U9 in the regulation's order."""

JENIS_JABATAN = (
    "jpt_pratama", "administrator", "pengawas", "pelaksana",
    "fungsional_keahlian", "fungsional_keterampilan",
)
STRUKTURAL = ("jpt_pratama", "administrator", "pengawas")
RUMPUN = ("guru", "kesehatan", "umum")
JENJANG_FUNGSIONAL = (
    "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama",
    "pemula", "terampil", "mahir", "penyelia",
)
PERAN_PENILAI = ("atasan", "rekan", "bawahan", "diri")
ARAH = ("naik", "turun")
KREATIVITAS = ("tidak", "unit_kerja", "organisasi", "negara")
"""The level that benefits from an employee's creative work (PP 46/2011 with Perka BKN 1/2013
Penilaian Kreativitas; read as the innovation of PP 30/2019 Pasal 41(5)a), least first."""
ASPEK_IKI = ("kuantitas", "kualitas", "waktu", "biaya")
JENIS_UNIT = (
    "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "badan", "dinas", "satpol_pp",
    "kecamatan", "kelurahan", "puskesmas", "rsud", "sekolah", "uptd", "bidang",
)
STATUS = ("PNS", "PPPK")
JENIS_KELAMIN = ("L", "P")
PERILAKU_SKALA = (1, 5)
"""The kit's behaviour scale: every BerAKHLAK score is an integer from 1 to 5."""
SKALA_SKM = (1, 4)
"""Default scale of an SKM answer (PermenPANRB 14/2017 nilai persepsi 1-4), the same as the
default of the IKM rule's parameter ``skala_jawaban``; an import for a rule whose
``skala_jawaban`` differs checks the answers on that scale instead (:func:`tabel_skm`)."""


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is int, float, str, bool, date or enum (``values`` given)."""

    name: str
    kind: str
    doc: str
    values: tuple | None = None
    min: float | None = None
    max: float | None = None
    nullable: bool = False
    unique: bool = False
    rujukan: str | None = None
    """The id this column refers to: ``unit`` (a ``unit_kerja.unit_id``) or ``pegawai`` (a
    ``pegawai.asn_id``); the importer refuses a value that is not there."""


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    required: bool = True
    file_stem: str = field(default="")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


C = Column

SATU_PER_PEGAWAI = C("asn_id", "int", "employee", unique=True, rujukan="pegawai")
"""The key of a table with one row per employee (kebenaran, perilaku_aspek)."""
SATU_PER_UNIT = C("unit_id", "int", "unit", unique=True, rujukan="unit")
"""The key of a table with one row per unit (kebenaran_unit, kinerja_organisasi)."""

UNIT_KERJA = Table(
    "unit_kerja",
    "Organisational units: OPDs, kecamatan, puskesmas, RSUD, schools; one row each.",
    (
        C("unit_id", "int", "unit id", unique=True, min=1),
        C("kode_unit", "str", "stable code, e.g. 'dinkes' or 'pkm_kalukku'", unique=True),
        C("nama_unit", "str", "name, e.g. 'Puskesmas Kalukku'"),
        C("jenis_unit", "enum", "kind of unit", values=JENIS_UNIT),
        C("induk_unit_id", "int", "parent unit (null for an OPD)", nullable=True, rujukan="unit"),
        C("opd_id", "int", "the OPD this unit belongs to (an OPD's own id for an OPD)",
          rujukan="unit"),
        C("adalah_opd", "bool", "is a perangkat daerah (OPD)"),
        C("instansi", "int", "pemda copy number (1 for Mamuju; many in the national scenario)", min=1),
        C("kecamatan", "str", "kecamatan name where the unit sits", nullable=True),
        C("kode_bps", "str", "BPS code of that kecamatan, e.g. '7604030'", nullable=True),
        C("melayani_publik", "bool", "serves the public directly (runs an SKM)"),
        C("populasi_dilayani", "int", "people served per year (SKM population N)", min=0),
    ),
    key=("unit_id",),
)

PEGAWAI = Table(
    "pegawai",
    "One row per ASN.",
    (
        C("asn_id", "int", "employee id", unique=True, min=1),
        C("nip", "str", "NIP (18 digits) or NI PPPK (18 digits); pseudonym after import", unique=True),
        C("nama", "str", "name (pseudonym after import)"),
        C("jenis_kelamin", "enum", "L or P (NIP digit 15: 1 = L, 2 = P)", values=JENIS_KELAMIN),
        C("tanggal_lahir", "date", "birth date"),
        C("tmt_cpns", "date", "first appointment (TMT CPNS / calon PPPK)"),
        C("status_kepegawaian", "enum", "PNS or PPPK", values=STATUS),
        C("golongan", "str", "PNS 'III/a'..'IV/e'; PPPK 'I'..'XVII'"),
        C("pangkat", "str", "pangkat for PNS (e.g. 'Penata Muda'); empty for PPPK", nullable=True),
        C("jenis_jabatan", "enum", "kind of position", values=JENIS_JABATAN),
        C("jenjang", "enum", "jenjang of a fungsional (null otherwise)", values=JENJANG_FUNGSIONAL,
          nullable=True),
        C("rumpun", "enum", "guru, kesehatan (nakes) or umum", values=RUMPUN),
        C("nama_jabatan", "str", "position name, e.g. 'Perawat Ahli Pertama'"),
        C("kelas_jabatan", "int", "kelas jabatan 1..17", min=1, max=17),
        C("unit_id", "int", "unit where the ASN works", rujukan="unit"),
        C("opd_id", "int", "OPD of that unit", rujukan="unit"),
        C("atasan_id", "int", "asn_id of the direct superior; null only for the top (Sekda)",
          nullable=True, rujukan="pegawai"),
        C("kepala_unit", "bool", "heads unit_id (kepala OPD, camat, kepala puskesmas/sekolah)"),
        C("melayani_publik", "bool", "serves the public directly"),
    ),
    key=("asn_id",),
)

KEBENARAN = Table(
    "kebenaran",
    "The synthetic truth per ASN: known to metrics, never read by rules. Optional on import.",
    (
        SATU_PER_PEGAWAI,
        C("hasil_benar", "float", "true results performance (z-score)"),
        C("perilaku_benar", "float", "true behaviour (z-score)"),
        C("skor_benar", "float", "true overall = bobot_hasil*hasil + (1-bobot_hasil)*perilaku"),
        C("predikat_benar", "enum", "true class: skor_benar cut by the scenario's distribusi",
          values=PREDIKAT),
    ),
    key=("asn_id",),
    required=False,
)

KEBENARAN_UNIT = Table(
    "kebenaran_unit",
    "True organisational performance per unit with a head (OPD and sub-units). Optional.",
    (
        SATU_PER_UNIT,
        C("kinerja_organisasi_benar", "float", "true organisational performance (z-score)"),
        C("capaian_benar", "enum", "true class", values=CAPAIAN_ORGANISASI),
        C("kinerja_layanan_benar", "float", "true frontline service quality (z-score)"),
    ),
    key=("unit_id",),
    required=False,
)

IKI = Table(
    "iki",
    "Indikator kinerja individu (SKP), 3-6 per ASN, with PP 46/2011 aspect columns.",
    (
        C("iki_id", "int", "indicator id", unique=True, min=1),
        C("asn_id", "int", "employee", rujukan="pegawai"),
        C("nama_indikator", "str", "e.g. 'Rata-rata waktu tunggu pasien'"),
        C("satuan", "str", "unit of measure, e.g. 'menit', 'dokumen', '%'"),
        C("arah", "enum", "naik: higher is better; turun: lower is better", values=ARAH),
        C("target", "float", "target (> 0)", min=0),
        C("realisasi", "float", "realisation (>= 0)", min=0),
        C("bobot", "float", "weight; weights of one ASN sum to 1", min=0, max=1),
        C("aspek", "enum", "main aspect of the indicator", values=ASPEK_IKI),
        C("target_kualitas", "float", "PP 46 kualitas target (100)", min=0),
        C("realisasi_kualitas", "float", "PP 46 kualitas realised, 0-100", min=0, max=100),
        C("target_waktu", "float", "PP 46 waktu target (months)", min=0),
        C("realisasi_waktu", "float", "PP 46 waktu used (months)", min=0),
        C("target_biaya", "float", "PP 46 biaya target (Rp); null where biaya does not apply",
          min=0, nullable=True),
        C("realisasi_biaya", "float", "PP 46 biaya used (Rp); null where it does not apply",
          min=0, nullable=True),
    ),
    key=("iki_id",),
)

PENILAIAN_PERILAKU = Table(
    "penilaian_perilaku",
    "BerAKHLAK scores (1-5) from each rater of an ASN: atasan, peers, subordinates, self.",
    (
        C("asn_id", "int", "the rated ASN", rujukan="pegawai"),
        C("penilai_id", "int", "the rater's asn_id (= asn_id for self)", rujukan="pegawai"),
        C("peran", "enum", "role of the rater", values=PERAN_PENILAI),
        *(C(v, "int", f"score for {v}", min=1, max=5) for v in BERAKHLAK),
    ),
    key=("asn_id", "penilai_id"),
)

PERILAKU_ASPEK = Table(
    "perilaku_aspek",
    "Old-rule perilaku aspects (0-100) and SKP additions by the atasan, so PP 46/2011 and PP "
    "30/2019 can run.",
    (
        SATU_PER_PEGAWAI,
        *(
            C(a, "float", f"{a} (0-100)", min=0, max=100, nullable=(a == "kepemimpinan"))
            for a in dict.fromkeys(ASPEK_PERILAKU_PP46 + ASPEK_PERILAKU_PP30)
        ),
        C("tugas_tambahan", "int", "number of tugas tambahan (additional tasks) done in the year "
          "(null: not recorded)", min=0, nullable=True),
        C("kreativitas", "enum", "level that benefits from the employee's creative work in the "
          "year (null: not recorded)", values=KREATIVITAS, nullable=True),
    ),
    key=("asn_id",),
)

SKM = Table(
    "skm",
    "Citizen satisfaction answers (wide): one row per respondent, u1..u9 on the answer scale "
    "(default 1-4, SKALA_SKM), null = not answered.",
    (
        C("responden_id", "int", "respondent", unique=True, min=1),
        C("unit_id", "int", "the service unit surveyed", rujukan="unit"),
        *(C(u, "float", f"answer to {u.upper()} (on the answer scale, default 1-4)",
            min=SKALA_SKM[0], max=SKALA_SKM[1], nullable=True) for u in UNSUR_SKM),
    ),
    key=("responden_id",),
    required=False,
)

KINERJA_ORGANISASI = Table(
    "kinerja_organisasi",
    "Capaian kinerja organisasi of each unit with a head, as its head reports it.",
    (
        SATU_PER_UNIT,
        C("capaian_kinerja_organisasi", "enum", "reported organisation result",
          values=CAPAIAN_ORGANISASI),
    ),
    key=("unit_id",),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (UNIT_KERJA, PEGAWAI, KEBENARAN, KEBENARAN_UNIT, IKI, PENILAIAN_PERILAKU,
              PERILAKU_ASPEK, SKM, KINERJA_ORGANISASI)
}
"""All tables by name, in the order they are written."""


def tabel_skm(skala: tuple[float, float] | None = None) -> Table:
    """The ``skm`` table with its answers u1..u9 on ``skala`` (lowest, highest); ``None`` or
    the default :data:`SKALA_SKM` gives :data:`SKM` itself.

    >>> c = tabel_skm((1, 5)).column("u3")
    >>> (c.min, c.max), tabel_skm() is SKM
    ((1, 5), True)
    """
    if skala is None or tuple(skala) == SKALA_SKM:
        return SKM
    lo, hi = skala
    return replace(SKM, columns=tuple(replace(c, min=lo, max=hi) if c.name in UNSUR_SKM else c
                                      for c in SKM.columns))
