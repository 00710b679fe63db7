"""External training: submitted by the pegawai with a certificate checked by content, approved by his penilai."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pelatihan import services
from pelatihan.models import PelatihanEksternal
from tests.pelatihan.factories import pdf_bytes, png_bytes


def _data(**kw):
    data = {
        "judul": "Kursus Daring Statistik",
        "jenis": "e_learning",
        "bidang": "teknis",
        "penyelenggara": "Universitas Terbuka",
        "tanggal_mulai": dt.date(2026, 5, 1),
        "tanggal_selesai": dt.date(2026, 5, 20),
        "jp": 10,
        "berkas": SimpleUploadedFile("sertifikat.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    data.update(kw)
    return data


def test_pegawai_submits_with_a_pdf_or_png_certificate(pegawai):
    obj = services.eksternal_submit(actor=pegawai.user, **_data())
    assert obj.status == PelatihanEksternal.Status.DIAJUKAN
    assert obj.tipe == "application/pdf" and obj.tahun_jp == 2026 and len(obj.sha256) == 64
    png = services.eksternal_submit(
        actor=pegawai.user, **_data(berkas=SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"))
    )
    assert png.tipe == "image/png"


def test_a_renamed_non_pdf_is_refused_by_its_content(pegawai):
    palsu = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="bukan PDF, JPEG atau PNG"):
        services.eksternal_submit(actor=pegawai.user, **_data(berkas=palsu))
    assert not PelatihanEksternal.objects.exists()


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"jp": 0}, "JP harus lebih dari 0."),
        ({"jp": 500}, "tidak wajar"),
        ({"tanggal_selesai": dt.date(2026, 4, 1)}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ({"tanggal_selesai": dt.date(2026, 8, 1)}, "belum selesai"),
    ],
)
def test_bad_submission_is_refused(pegawai, ubah, pesan):
    with pytest.raises(ValidationError) as exc:
        services.eksternal_submit(actor=pegawai.user, **_data(**ubah))
    assert pesan in str(exc.value)
    assert not PelatihanEksternal.objects.exists()


def test_penilai_approves_and_nobody_else_may(pegawai, penilai, atasan, outsider):
    obj = services.eksternal_submit(actor=pegawai.user, **_data())
    for actor in (pegawai.user, atasan.user, outsider.user):
        with pytest.raises(PermissionDenied):
            services.eksternal_approve(actor=actor, eksternal=obj)
    obj = services.eksternal_approve(actor=penilai.user, eksternal=obj)
    assert obj.status == PelatihanEksternal.Status.DISETUJUI and obj.diputuskan_oleh == penilai.user
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.eksternal_return(actor=penilai.user, eksternal=obj, catatan="salah")


def test_returning_needs_a_reason(pegawai, penilai):
    obj = services.eksternal_submit(actor=pegawai.user, **_data())
    with pytest.raises(ValidationError, match="alasan"):
        services.eksternal_return(actor=penilai.user, eksternal=obj, catatan=" ")
    obj = services.eksternal_return(actor=penilai.user, eksternal=obj, catatan="Sertifikat tidak terbaca")
    assert obj.status == PelatihanEksternal.Status.DITOLAK
