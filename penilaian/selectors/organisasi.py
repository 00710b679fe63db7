"""Reads of the organisation's side: a unit's spread of annual predikat against its curve, the penilai side by side
for calibration, the subtree / province overview, a pegawai's history, development needs. Every count is aggregated
in the database (GROUP BY) and each read runs a constant number of queries whatever the number of people."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from indikator.models import PeriodePenilaian
from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from penilaian import aturan, pengaturan
from penilaian.access import kepala_induk_id
from penilaian.models import (
    ArsipDokumenUnit,
    Evaluasi,
    Keberatan,
    KebutuhanPengembangan,
    PenetapanDistribusi,
    PerubahanKalibrasi,
    PredikatUnit,
    SesiKalibrasi,
)


def _tahunan_final_subtree(path: str, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    return Evaluasi.objects.filter(
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        status=Evaluasi.Status.FINAL,
        pegawai__unit__path__startswith=path,
    )


def jumlah_predikat(qs: QuerySet[Evaluasi]) -> dict[str, int]:
    """predikat → people, in one GROUP BY query."""
    jumlah = dict.fromkeys(aturan.Predikat.values, 0)
    for baris in qs.values("predikat").annotate(n=Count("pk")).order_by():
        jumlah[baris["predikat"]] = baris["n"]
    return jumlah


@dataclass
class BatangKurva:
    """One bar of the chart and one row of the table: a predikat, its people, its share, what the curve asks."""

    predikat: aturan.Predikat
    jumlah: int
    persen: int
    kurva: str
    melanggar: bool = False
    y: int = 0  # the bar's row in the SVG chart

    @property
    def lebar(self) -> int:
        """The bar's length in the chart's units (390 = 100 %)."""
        return self.persen * 390 // 100


@dataclass
class DistribusiUnit:
    unit: UnitKerja
    periode: PeriodePenilaian
    predikat_unit: PredikatUnit | None
    jumlah: dict[str, int]
    pelanggaran: list[aturan.Pelanggaran]
    penetapan: PenetapanDistribusi | None
    draf: int
    batang: list[BatangKurva] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sesuai_kurva(self) -> bool:
        return not self.pelanggaran


def batang_sebaran(jumlah: dict[str, int], kurva: dict | None = None, dilanggar=frozenset()) -> list[BatangKurva]:
    """The bars of the chart for a spread (predikat → people), best predikat first."""
    total = sum(jumlah.values())
    return [
        BatangKurva(
            p,
            jumlah.get(p.value, 0),
            aturan.persen_bulat(jumlah.get(p.value, 0), total),
            str((kurva or {}).get(p, "")),
            p in dilanggar,
            i * 30,
        )
        for i, p in enumerate(aturan.Predikat)
    ]


def predikat_unit_get(*, unit: UnitKerja, periode: PeriodePenilaian, periode_ke: int | None) -> PredikatUnit | None:
    return PredikatUnit.objects.filter(unit=unit, periode=periode, periode_ke=periode_ke).first()


def predikat_unit_list(*, unit: UnitKerja, periode: PeriodePenilaian) -> list[PredikatUnit]:
    """The unit's predikat for each month/quarter and the year, in order (the year last)."""
    rows = list(PredikatUnit.objects.filter(unit=unit, periode=periode))
    return sorted(rows, key=lambda p: (p.periode_ke is None, p.periode_ke or 0))


def distribusi_unit(*, unit: UnitKerja, periode: PeriodePenilaian) -> DistribusiUnit:
    """The spread of the final annual predikat of the unit's subtree against the curve of its annual predikat:
    four queries."""
    jumlah = jumlah_predikat(_tahunan_final_subtree(unit.path, periode))
    draf = Evaluasi.objects.filter(
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        status=Evaluasi.Status.DRAFT,
        pegawai__unit__path__startswith=unit.path,
    ).count()
    predikat = predikat_unit_get(unit=unit, periode=periode, periode_ke=None)
    pelanggaran: list[aturan.Pelanggaran] = []
    kurva: dict = {}
    if predikat is not None:
        pelanggaran = aturan.periksa_distribusi(
            predikat.predikat, jumlah, kelompok_terbesar=pengaturan.kelompok_terbesar()
        )
        kurva = aturan.kurva_per_predikat(predikat.predikat)
    penetapan = PenetapanDistribusi.objects.filter(unit=unit, periode=periode).first()
    batang = batang_sebaran(jumlah, kurva, {p for pel in pelanggaran for p in pel.predikat})
    return DistribusiUnit(unit, periode, predikat, jumlah, pelanggaran, penetapan, draf, batang)


def unit_ditetapkan(*, unit: UnitKerja, periode: PeriodePenilaian) -> bool:
    """The annual results of this unit, or of a unit above it, have been finalised (penetapan)."""
    paths = [unit.path[:i] for i in range(UnitKerja.steplen, len(unit.path) + 1, UnitKerja.steplen)]
    return PenetapanDistribusi.objects.filter(periode=periode, unit__path__in=paths).exists()


def penandatangan_penetapan(*, unit: UnitKerja, cadangan_id: int | None = None) -> dict[str, str]:
    """Who signs the unit's Penetapan Predikat Kinerja: the leader one level up (also when an admin records it for
    him); else the pegawai ``cadangan_id`` (e.g. the actor). Empty values when nobody is found. Two queries."""
    pk = kepala_induk_id(unit) or cadangan_id
    orang = Pegawai.objects.select_related("jabatan").filter(pk=pk).first() if pk else None
    if orang is None:
        return {"nama": "", "nip": "", "jabatan": ""}
    return {"nama": orang.nama, "nip": orang.nip, "jabatan": orang.jabatan.nama}


def arsip_terbaru(*, job: ArsipDokumenUnit) -> ArsipDokumenUnit | None:
    """A newer ZIP job of the same unit and year (e.g. queued again after a decision changed a result): one query."""
    return ArsipDokumenUnit.objects.filter(unit_id=job.unit_id, periode_id=job.periode_id, pk__gt=job.pk).last()


@dataclass
class BarisLampiran:
    """One pegawai of the Penetapan Predikat Kinerja's list: his final annual evaluation, and whether an objection
    decision changed it."""

    evaluasi: Evaluasi
    diubah_keberatan: bool


def penetapan_lampiran(*, unit: UnitKerja, periode: PeriodePenilaian) -> list[BarisLampiran]:
    """The final annual predikat of every pegawai of the unit's subtree, by unit then name: one query."""
    diubah = Keberatan.objects.filter(evaluasi=OuterRef("pk"), keputusan=Keberatan.Keputusan.DIUBAH)
    rows = (
        _tahunan_final_subtree(unit.path, periode)
        .select_related("pegawai", "pegawai__jabatan", "pegawai__unit")
        .annotate(diubah_keberatan=Exists(diubah))
        .order_by("pegawai__unit__path", "pegawai__nama", "pk")
    )
    return [BarisLampiran(e, e.diubah_keberatan) for e in rows]


# --- calibration ------------------------------------------------------------------------------------------------


@dataclass
class BarisPenilai:
    penilai_id: int
    nama: str
    jumlah: dict[str, int]
    penyimpangan: list[aturan.Penyimpangan]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sel(self) -> list[int]:
        """The counts in the order of ``Predikat`` (best first), for the table."""
        return [self.jumlah[p] for p in aturan.Predikat.values]


@dataclass
class Kalibrasi:
    unit: UnitKerja
    periode: PeriodePenilaian
    jumlah_unit: dict[str, int]
    penilai: list[BarisPenilai]
    sesi: SesiKalibrasi | None  # the open session, else the latest
    evaluasi: list[Evaluasi]
    perubahan: list[PerubahanKalibrasi]
    ditetapkan: bool

    @property
    def unit_sel(self) -> list[int]:
        return [self.jumlah_unit[p] for p in aturan.Predikat.values]

    @property
    def unit_total(self) -> int:
        return sum(self.jumlah_unit.values())


def kalibrasi_unit(*, unit: UnitKerja, periode: PeriodePenilaian) -> Kalibrasi:
    """Each penilai's spread of annual predikat side by side with the unit's, flagged where it differs markedly,
    the unit's annual evaluations and the latest session's changes: six queries."""
    qs = _tahunan_final_subtree(unit.path, periode)
    per_penilai: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(aturan.Predikat.values, 0))
    nama: dict[int, str] = {}
    for baris in qs.values("penilai_id", "penilai_nama", "predikat").annotate(n=Count("pk")).order_by():
        per_penilai[baris["penilai_id"]][baris["predikat"]] = baris["n"]
        nama[baris["penilai_id"]] = baris["penilai_nama"]
    jumlah_unit = dict.fromkeys(aturan.Predikat.values, 0)
    for jumlah in per_penilai.values():
        for p, n in jumlah.items():
            jumlah_unit[p] += n
    ambang = pengaturan.ambang_kalibrasi()
    penilai = sorted(
        (
            BarisPenilai(pk, nama[pk], j, aturan.sebaran_menyimpang(j, jumlah_unit, ambang=ambang))
            for pk, j in per_penilai.items()
        ),
        key=lambda b: (b.nama, b.penilai_id),
    )
    sesi = (
        SesiKalibrasi.objects.filter(unit=unit, periode=periode)
        .order_by("status", "-dibuka_pada", "-pk")  # "terbuka" sorts before "terkunci"
        .first()
    )
    evaluasi = list(qs.select_related("pegawai", "pegawai__jabatan").order_by("penilai_nama", "pegawai__nama", "pk"))
    perubahan = (
        list(PerubahanKalibrasi.objects.filter(sesi=sesi).select_related("evaluasi__pegawai", "diubah_oleh"))
        if sesi
        else []
    )
    return Kalibrasi(
        unit, periode, jumlah_unit, penilai, sesi, evaluasi, perubahan, unit_ditetapkan(unit=unit, periode=periode)
    )


# --- the subtree and the province -------------------------------------------------------------------------------


@dataclass
class BarisSebaran:
    unit: UnitKerja
    jumlah: dict[str, int]
    predikat_unit: str
    pelanggaran: list[aturan.Pelanggaran]
    ditetapkan: bool

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sel(self) -> list[int]:
        return [self.jumlah[p] for p in aturan.Predikat.values]

    @property
    def predikat_label(self) -> str:
        return str(aturan.PredikatOrganisasi(self.predikat_unit).label) if self.predikat_unit else ""


def sebaran_units(*, units: QuerySet[UnitKerja], periode: PeriodePenilaian) -> list[BarisSebaran]:
    """For each unit of ``units`` (e.g. an admin's subtree, or the province's perangkat daerah), the spread of the
    final annual predikat of its whole subtree with the distribution check: four queries whatever the number of units
    and people (the counts are grouped per unit in the database and rolled up along the unit paths)."""
    daftar = list(units.order_by("path"))
    if not daftar:
        return []
    q = Q()
    for u in daftar:
        q |= Q(pegawai__unit__path__startswith=u.path)
    per_path: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        Evaluasi.objects.filter(q, periode=periode, jenis=Evaluasi.Jenis.TAHUNAN, status=Evaluasi.Status.FINAL)
        .values("pegawai__unit__path", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for baris in rows:
        per_path[baris["pegawai__unit__path"]][baris["predikat"]] = baris["n"]
    predikat = {
        p.unit_id: p.predikat
        for p in PredikatUnit.objects.filter(unit__in=[u.pk for u in daftar], periode=periode, periode_ke=None)
    }
    ditetapkan = set(
        PenetapanDistribusi.objects.filter(unit__in=[u.pk for u in daftar], periode=periode).values_list(
            "unit_id", flat=True
        )
    )
    cara = pengaturan.kelompok_terbesar()
    hasil = []
    for u in daftar:
        jumlah = dict.fromkeys(aturan.Predikat.values, 0)
        for path, per in per_path.items():
            if path.startswith(u.path):
                for p, n in per.items():
                    jumlah[p] += n
        org = predikat.get(u.pk, "")
        pelanggaran = aturan.periksa_distribusi(org, jumlah, kelompok_terbesar=cara) if org else []
        hasil.append(BarisSebaran(u, jumlah, org, pelanggaran, u.pk in ditetapkan))
    return hasil


# --- a pegawai's history, credit points, development needs ------------------------------------------------------


@dataclass
class BarisRiwayat:
    evaluasi: Evaluasi
    angka_kredit: Decimal | None


def riwayat_kinerja(*, pegawai: Pegawai) -> list[BarisRiwayat]:
    """The pegawai's final evaluations, newest year first, the year's annual one after its periods, with the credit
    points of a functional position (periodic: × months/12): one query."""
    jenjang = (
        aturan.jenjang_fungsional(pegawai.jabatan.nama) if pegawai.jabatan.jenis == Jabatan.Jenis.FUNGSIONAL else None
    )
    koefisien = pengaturan.koefisien_angka_kredit(jenjang) if jenjang else None
    rows = (
        Evaluasi.objects.filter(pegawai=pegawai, status=Evaluasi.Status.FINAL)
        .select_related("periode")
        .order_by("-periode__tahun", "jenis", "periode_ke")
    )
    hasil = []
    for e in rows:
        angka = None
        if koefisien is not None:
            bulan = 12 if e.periode_ke is None else aturan.bulan_periode(e.periode.jumlah_periode)
            angka = aturan.angka_kredit(e.predikat, koefisien, bulan=bulan)
        hasil.append(BarisRiwayat(e, angka))
    return hasil


def kebutuhan_terbuka(*, pegawai_ids) -> QuerySet[KebutuhanPengembangan]:
    """The open development needs of these pegawai (what the training app turns into recommendations)."""
    return (
        KebutuhanPengembangan.objects.filter(
            pegawai_id__in=list(pegawai_ids), status=KebutuhanPengembangan.Status.TERBUKA
        )
        .select_related("evaluasi", "evaluasi__periode")
        .order_by("pegawai_id", "dibuat", "pk")
    )
