"""Reads of ``penilaian`` that the pages, the API and the services share.

``evaluasi_lembar`` is the evaluation sheet: per IKI the target, realisation, capaian, evidence and the continuous
feedback already given; per BerAKHLAK value the guides and the ekspektasi khusus; the feedback written in this
evaluation; the suggestion. It reads a constant number of queries whatever the size of the SKP.
"""

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from indikator.capaian import Capaian, capaian_iki
from indikator.models import PEDOMAN_BERAKHLAK, EkspektasiPerilaku, PeriodePenilaian
from indikator.selectors import skp_lembar
from kepegawaian.models import Pegawai
from penilaian import aturan, pengaturan
from penilaian.access import kepala_unit_id
from penilaian.models import Evaluasi, Keberatan, KebutuhanPengembangan, PredikatUnit, UmpanBalikEvaluasi


@dataclass
class BarisIki:
    iki: Any
    rhk: Any
    utama: bool
    realisasi: Decimal | None
    capaian: Capaian
    bukti: list = field(default_factory=list)
    umpan_balik_berkelanjutan: list = field(default_factory=list)
    umpan_balik: str = ""
    field: Any = None  # the page's feedback field, set by the view


@dataclass
class BarisPerilaku:
    nilai: str
    label: str
    pedoman: tuple
    ekspektasi_khusus: str
    umpan_balik: str = ""
    rating: str = ""  # the penilai's rating of this value
    field: Any = None  # the page's feedback field, set by the view
    rating_field: Any = None  # the page's rating field, set by the view

    @property
    def rating_label(self) -> str:
        return str(aturan.Rating(self.rating).label) if self.rating else ""


@dataclass
class LembarEvaluasi:
    evaluasi: Evaluasi
    iki: list[BarisIki]
    perilaku: list[BarisPerilaku]
    saran: aturan.Saran
    aturan_saran: str
    periodik: list[Evaluasi]
    # the unit's predikat when the pegawai heads the unit: the suggestion is then its mapping (domain.md)
    predikat_unit: PredikatUnit | None = None
    kebutuhan: list[KebutuhanPengembangan] = field(default_factory=list)
    # False for the pegawai's view of a draft (``access.can_see_rating``): ratings and feedback are left out
    tampil_rating: bool = True

    @property
    def iki_utama(self) -> list[BarisIki]:
        return [b for b in self.iki if b.utama]

    @property
    def iki_tambahan(self) -> list[BarisIki]:
        return [b for b in self.iki if not b.utama]

    @property
    def kuadran(self) -> list[list[aturan.SelKuadran]]:
        if not self.tampil_rating:
            return aturan.kuadran()
        return aturan.kuadran(self.evaluasi.rating_hasil_kerja or None, self.evaluasi.rating_perilaku or None)


def _realisasi_untuk(evaluasi: Evaluasi, realisasi_list: list) -> tuple[Decimal | None, list]:
    """The realisation the evaluation reads: that of its month/quarter, or for the annual one the latest entered."""
    if evaluasi.periode_ke is not None:
        cocok = [r for r in realisasi_list if r.periode_ke == evaluasi.periode_ke]
    else:
        cocok = sorted(realisasi_list, key=lambda r: r.periode_ke)[-1:]
    if not cocok:
        return None, []
    return cocok[0].nilai, list(cocok[0].bukti_list)


def evaluasi_lembar(*, evaluasi: Evaluasi, tampil_rating: bool = True) -> LembarEvaluasi:
    """The sheet; ``tampil_rating=False`` (the pegawai's view of a draft, ``access.can_see_rating``) leaves out the
    penilai's feedback and ratings per value (the page and the documents hide the ratings themselves)."""
    skp = skp_lembar(skp=evaluasi.skp)
    tulisan = list(UmpanBalikEvaluasi.objects.filter(evaluasi=evaluasi)) if tampil_rating else []
    per_iki = {u.iki_id: u.teks for u in tulisan if u.iki_id}
    per_nilai = {u.nilai_perilaku: u.teks for u in tulisan if not u.iki_id}
    baris: list[BarisIki] = []
    for rhk in skp.rhk_list:
        for iki in rhk.iki_list:
            nilai, bukti = _realisasi_untuk(evaluasi, iki.realisasi_list)
            berkelanjutan = [
                u for u in iki.umpan_balik_list if evaluasi.periode_ke is None or u.periode_ke == evaluasi.periode_ke
            ]
            baris.append(
                BarisIki(
                    iki=iki,
                    rhk=rhk,
                    utama=rhk.jenis == rhk.Jenis.UTAMA,
                    realisasi=nilai,
                    capaian=capaian_iki(iki, nilai),
                    bukti=bukti,
                    umpan_balik_berkelanjutan=berkelanjutan,
                    umpan_balik=per_iki.get(iki.pk, ""),
                )
            )
    khusus = {e.nilai: e.ekspektasi_khusus for e in skp.ekspektasi_list}
    perilaku = [
        BarisPerilaku(
            nilai=nilai.value,
            label=str(nilai.label),
            pedoman=tuple(str(p) for p in PEDOMAN_BERAKHLAK[nilai.value]),
            ekspektasi_khusus=khusus.get(nilai.value, ""),
            umpan_balik=per_nilai.get(nilai.value, ""),
            rating=(evaluasi.rating_nilai or {}).get(nilai.value, "") if tampil_rating else "",
        )
        for nilai in EkspektasiPerilaku.Nilai
    ]
    ambang = pengaturan.ambang_saran()
    saran = aturan.saran_rating_hasil_kerja([aturan.HasilIki(b.utama, b.capaian.nilai) for b in baris], ambang)
    predikat_unit = _predikat_unit_kepala(evaluasi)
    if predikat_unit is not None:
        rating = aturan.rating_dari_predikat_organisasi(predikat_unit.predikat, pengaturan.pemetaan_organisasi())
        saran = dataclasses.replace(saran, rating=rating)
    periodik: list[Evaluasi] = []
    if evaluasi.jenis == Evaluasi.Jenis.TAHUNAN:
        periodik = list(
            Evaluasi.objects.filter(
                pegawai_id=evaluasi.pegawai_id, periode_id=evaluasi.periode_id, jenis=Evaluasi.Jenis.PERIODIK
            )
            .select_related("periode")
            .order_by("periode_ke")
        )
    kebutuhan = list(KebutuhanPengembangan.objects.filter(evaluasi=evaluasi).order_by("sumber", "aspek", "pk"))
    return LembarEvaluasi(
        evaluasi,
        baris,
        perilaku,
        saran,
        aturan.aturan_saran_teks(ambang),
        periodik,
        predikat_unit,
        kebutuhan,
        tampil_rating,
    )


def _predikat_unit_kepala(evaluasi: Evaluasi) -> PredikatUnit | None:
    """The predikat of the pegawai's unit for the evaluation's month/quarter (or year) when he heads the unit."""
    unit = evaluasi.pegawai.unit
    if kepala_unit_id(unit) != evaluasi.pegawai_id:
        return None
    return PredikatUnit.objects.filter(
        unit_id=unit.pk, periode_id=evaluasi.periode_id, periode_ke=evaluasi.periode_ke
    ).first()


def saran_evaluasi(*, evaluasi: Evaluasi) -> aturan.Saran:
    return evaluasi_lembar(evaluasi=evaluasi).saran


# --- lists ------------------------------------------------------------------------------------------------------


@dataclass
class BarisTimEvaluasi:
    pegawai: Pegawai
    evaluasi: Evaluasi | None

    @property
    def status(self) -> str:
        return self.evaluasi.status if self.evaluasi else "belum"


def evaluasi_tim(*, penilai: Pegawai, periode: PeriodePenilaian, periode_ke: int | None) -> list[BarisTimEvaluasi]:
    """The penilai's direct subordinates with their evaluation of this month/quarter (or the year): two queries."""
    bawahan = list(
        Pegawai.objects.filter(atasan=penilai, aktif=True).select_related("jabatan", "unit").order_by("nama", "pk")
    )
    jenis = Evaluasi.Jenis.TAHUNAN if periode_ke is None else Evaluasi.Jenis.PERIODIK
    evaluasi = {
        e.pegawai_id: e
        for e in Evaluasi.objects.filter(
            pegawai__in=[p.pk for p in bawahan], periode=periode, jenis=jenis, periode_ke=periode_ke
        ).annotate(
            keberatan_menunggu=Exists(
                Keberatan.objects.filter(evaluasi=OuterRef("pk"), status=Keberatan.Status.DIAJUKAN)
            )
        )
    }
    return [BarisTimEvaluasi(p, evaluasi.get(p.pk)) for p in bawahan]


def evaluasi_milik(*, pegawai: Pegawai) -> QuerySet[Evaluasi]:
    """A pegawai's own evaluations, newest year first."""
    return (
        Evaluasi.objects.filter(pegawai=pegawai)
        .select_related("periode", "penilai")
        .annotate(
            keberatan_menunggu=Exists(
                Keberatan.objects.filter(evaluasi=OuterRef("pk"), status=Keberatan.Status.DIAJUKAN)
            )
        )
        .order_by("-periode__tahun", "jenis", "periode_ke")
    )


def keberatan_untuk_diputuskan(*, atasan: Pegawai) -> QuerySet[Keberatan]:
    """Objections waiting for this atasan pejabat penilai: those against evaluations whose penilai he leads."""
    return (
        Keberatan.objects.filter(status=Keberatan.Status.DIAJUKAN, evaluasi__penilai__atasan=atasan)
        .select_related("evaluasi", "evaluasi__pegawai", "evaluasi__periode", "evaluasi__penilai")
        .order_by("diajukan_pada", "pk")
    )


def distribusi_pelanggaran(
    *, predikat_organisasi: str, jumlah_per_predikat: dict[str, int]
) -> list[aturan.Pelanggaran]:
    """For the annual report: the distribution rules (SE MenPANRB 3/2023) that a unit's spread of annual predikat
    breaks against the curve of ``predikat_organisasi``, with the configured reading of "largest group"."""
    return aturan.periksa_distribusi(
        predikat_organisasi, jumlah_per_predikat, kelompok_terbesar=pengaturan.kelompok_terbesar()
    )
