"""Factories and helpers for indikator tests.

Plain factories build rows directly (for volume, e.g. query-count tests). Workflow states (submitted,
approved, revised) are reached through the services, as the house style asks, with ``skp_disetujui``.
"""

import datetime as dt
from decimal import Decimal

import factory

from indikator import services
from indikator.demo import pdf_kecil, png_kecil
from indikator.models import Iki, IndikatorUnit, PeriodePenilaian, Realisasi, Rhk, Skp

#: the day every indikator test runs on (see tests/indikator/conftest.py): inside triwulan III of 2026
HARI_UJI = dt.date(2026, 7, 15)


class PeriodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodePenilaian
        django_get_or_create = ("tahun",)

    tahun = 2026
    periodisitas = PeriodePenilaian.Periodisitas.TRIWULAN
    batas_penyusunan_skp = factory.LazyAttribute(lambda o: dt.date(o.tahun, 12, 31))
    hari_batas_realisasi = 5
    batas_evaluasi_tahunan = factory.LazyAttribute(lambda o: dt.date(o.tahun + 1, 1, 31))


class IndikatorUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorUnit

    periode = factory.SubFactory(PeriodeFactory)
    jenis = IndikatorUnit.Jenis.IKU
    sasaran_strategis = "Meningkatnya kualitas pelayanan publik"
    indikator = factory.Sequence(lambda n: f"Indikator unit {n}")
    satuan = "%"
    target = Decimal("90")


class SkpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skp

    periode = factory.SubFactory(PeriodeFactory)


class RhkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rhk

    skp = factory.SubFactory(SkpFactory)
    uraian = factory.Sequence(lambda n: f"Rencana hasil kerja {n}")


class IkiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Iki

    rhk = factory.SubFactory(RhkFactory)
    uraian = factory.Sequence(lambda n: f"Indikator {n}")
    satuan = "dokumen"
    target = Decimal("12")


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisasi

    iki = factory.SubFactory(IkiFactory)
    periode_ke = 1
    nilai = Decimal("3")


def skp_draft(pegawai, periode, *, rhk=1, iki_per_rhk=1, target="12", rhk_atasan=None):
    """A draft SKP with RHK and IKI, written through the services as the pegawai."""
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    for n in range(rhk):
        r = services.rhk_create(
            actor=pegawai.user,
            skp=skp,
            versi=Skp.objects.get(pk=skp.pk).versi,
            uraian=f"RHK {n + 1} {pegawai.nama}",
            rhk_atasan=rhk_atasan,
        )
        for m in range(iki_per_rhk):
            services.iki_create(
                actor=pegawai.user,
                rhk=r,
                versi=Skp.objects.get(pk=skp.pk).versi,
                uraian=f"IKI {n + 1}.{m + 1}",
                satuan="dokumen",
                target=target,
            )
    skp.refresh_from_db()
    return skp


def skp_disetujui(pegawai, periode, **kwargs):
    """An approved SKP: drafted and submitted by the pegawai, approved by his atasan (who must have a login)."""
    skp = skp_draft(pegawai, periode, **kwargs)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    return services.skp_approve(actor=pegawai.atasan.user, skp=skp, versi=skp.versi)


# --- tiny real files for evidence tests -----------------------------------------------------------------------


def pdf_bytes(teks: str = "Bukti dukung") -> bytes:
    """A minimal valid one-page PDF (the same generator the demo data uses)."""
    return pdf_kecil(teks)


def png_bytes(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A minimal valid PNG of one colour."""
    return png_kecil(rgb)
