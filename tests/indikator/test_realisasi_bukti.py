"""A month's value with its evidence is one step (``services.realisasi_save(..., berkas=/url=)``), on the page and in
the API alike: both are saved or neither, and a refused step leaves no file in storage."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from indikator import services
from indikator.models import BuktiDukung, Iki, Realisasi
from kinerja.db import KonflikVersi
from tests.api_helpers import api_error, post_json
from tests.indikator.factories import pdf_bytes, skp_disetujui

API = "/api/v1"


@pytest.fixture
def iki(pegawai, periode):
    return Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))


def _files(media):
    return [f for f in media.rglob("*") if f.is_file()]


def _pdf():
    return SimpleUploadedFile("laporan.pdf", pdf_bytes("Laporan"), content_type="application/pdf")


def test_value_and_file_are_saved_together(pegawai, iki, media_sementara):
    realisasi = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="7,5", berkas=_pdf())

    bukti = BuktiDukung.objects.get(realisasi=realisasi)
    assert realisasi.nilai == Decimal("7.5") and bukti.jenis == BuktiDukung.Jenis.BERKAS
    assert len(_files(media_sementara)) == 1


def test_evidence_refused_saves_no_realisation(pegawai, iki, media_sementara):
    palsu = SimpleUploadedFile("bukan.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    with pytest.raises(ValidationError, match="tidak diizinkan"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5", berkas=palsu)
    with pytest.raises(ValidationError):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5", url="bukan tautan")

    assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()
    assert not _files(media_sementara)


def test_realisation_refused_under_the_lock_removes_the_stored_file(pegawai, iki, media_sementara):
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="4")

    with pytest.raises(KonflikVersi):  # the file is stored first, then the stale version is found under the lock
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="6", versi=None, berkas=_pdf())

    assert Realisasi.objects.get().nilai == Decimal("4")
    assert not BuktiDukung.objects.exists()
    assert not _files(media_sementara)


def test_realisation_of_a_closed_quarter_stores_no_file(pegawai, iki, media_sementara):
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=1, nilai="6", berkas=_pdf())
    assert not Realisasi.objects.exists() and not _files(media_sementara)


def test_api_takes_the_value_with_a_file_in_one_multipart_request(api, pegawai, iki):
    response = api(pegawai).post(
        f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": "1.250,5", "berkas": _pdf()}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert Decimal(body["nilai"]) == Decimal("1250.5")
    assert [b["jenis"] for b in body["bukti"]] == ["berkas"]


def test_api_multipart_with_a_bad_file_saves_nothing(api, pegawai, iki, media_sementara):
    palsu = SimpleUploadedFile("bukan.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = api(pegawai).post(f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": "5", "berkas": palsu})

    assert response.status_code == 400
    assert "tidak diizinkan" in api_error(response)["fields"]["berkas"][0]
    assert not Realisasi.objects.exists() and not _files(media_sementara)


def test_api_json_still_works_and_reads_numbers_as_the_forms_do(api, pegawai, iki):
    response = post_json(api(pegawai), f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": "7,5"})
    assert response.status_code == 201 and Decimal(response.json()["nilai"]) == Decimal("7.5")

    salah = post_json(api(pegawai), f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": "tujuh"})
    assert salah.status_code == 400
    assert api_error(salah)["fields"]["nilai"] == ["Masukkan angka yang sah, misalnya 12 atau 7,5."]


def test_api_json_url_evidence_in_the_same_step(api, pegawai, iki):
    response = post_json(
        api(pegawai),
        f"{API}/realisasi/",
        {"iki": iki.pk, "periode_ke": 3, "nilai": 3, "url": "https://contoh.jakarta.go.id/laporan"},
    )
    assert response.status_code == 201
    assert BuktiDukung.objects.get().url == "https://contoh.jakarta.go.id/laporan"
