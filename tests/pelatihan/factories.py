"""Factories of the pelatihan tests. Rows that a service creates in real use are made through the service in the
tests that check behaviour; these factories build the fixtures around them."""

import datetime as dt

import factory

from pelatihan.models import Bentuk, BidangKompetensi, Jenis, Kegiatan, Penyelenggara, Program
from tests.kepegawaian.factories import UserFactory

HARI_UJI = dt.date(2026, 7, 15)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    judul = factory.Sequence(lambda n: f"Pelatihan Metode Mengajar {n}")
    bidang = BidangKompetensi.TEKNIS
    bentuk = Bentuk.KLASIKAL
    jenis = Jenis.KLASIKAL
    penyelenggara = Penyelenggara.BPSDM
    jp = 12
    dibuat_oleh = factory.SubFactory(UserFactory)


class KegiatanFactory(factory.django.DjangoModelFactory):
    """An event open for registration on HARI_UJI (10–20 July), held 3–5 August 2026."""

    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    tanggal_mulai = dt.date(2026, 8, 3)
    tanggal_selesai = dt.date(2026, 8, 5)
    pendaftaran_mulai = dt.date(2026, 7, 10)
    pendaftaran_selesai = dt.date(2026, 7, 20)
    kuota = 10
    tempat = "BPSDM DKI, Jl. Abdul Muis"
    dibuat_oleh = factory.SubFactory(UserFactory)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
