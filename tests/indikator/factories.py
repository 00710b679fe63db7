"""Factories and helpers for indikator tests.

Plain factories build rows directly (for volume, e.g. query-count tests). Workflow states (submitted,
approved, revised) are reached through the services, as the house style asks, with ``skp_disetujui``.
"""

import datetime as dt
import io
import struct
import zlib
from decimal import Decimal

import factory

from indikator import services
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
        r = services.rhk_add(
            actor=pegawai.user,
            skp=skp,
            versi=Skp.objects.get(pk=skp.pk).versi,
            uraian=f"RHK {n + 1} {pegawai.nama}",
            rhk_atasan=rhk_atasan,
        )
        for m in range(iki_per_rhk):
            services.iki_add(
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
    """A minimal valid one-page PDF."""
    isi = f"BT /F1 12 Tf 20 100 Td ({teks}) Tj ET".encode()
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(isi)).encode() + b" >>\nstream\n" + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objek, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def png_bytes(lebar: int = 4, tinggi: int = 4, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A minimal valid PNG of one colour."""

    def chunk(jenis: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + jenis + data + struct.pack(">I", zlib.crc32(jenis + data) & 0xFFFFFFFF)

    baris = b"".join(b"\x00" + bytes(rgb) * lebar for _ in range(tinggi))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(baris))
        + chunk(b"IEND", b"")
    )
