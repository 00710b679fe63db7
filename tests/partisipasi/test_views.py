"""The complaint pages: public ones without a login, officer ones behind it; bad input re-renders with the
Indonesian message and saves nothing; list pages pin their query counts."""

import pytest
from django.urls import reverse

from partisipasi.models import Dukungan, FotoPengaduan, Pengaduan
from tests.partisipasi.factories import jpeg_dengan_gps, pengaduan_baru

S = Pengaduan.Status


def _form(kel_a, kategori, **changes):
    data = {
        "kategori": kategori.pk,
        "kelurahan": kel_a.pk,
        "rw": "05",
        "deskripsi": "Lampu jalan mati di Jalan Kenari.",
        "nama_pelapor": "Andi",
        "kontak_pelapor": "andi@example.org",
        "publik": "on",
        "situs": "",
    }
    data.update(changes)
    return data


def test_citizen_files_with_a_photo_and_is_sent_to_the_tracking_page(client, kel_a, kategori):
    response = client.post(reverse("partisipasi:pengaduan-baru"), {**_form(kel_a, kategori), "foto": jpeg_dengan_gps()})
    pengaduan = Pengaduan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partisipasi:lacak-detail", args=[pengaduan.kode_lacak])
    assert FotoPengaduan.objects.filter(pengaduan=pengaduan).count() == 1

    html = client.get(response["Location"]).content.decode()
    assert pengaduan.kode_lacak in html
    assert "Menunggu" in html
    assert "andi@example.org" not in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kelurahan": 999999}, "Kelurahan tidak dikenal. Pilih kelurahan dari daftar."),
        ({"deskripsi": ""}, "Uraian pengaduan wajib diisi."),
        ({"situs": "http://spam"}, "Pengaduan tidak dapat diterima."),
    ],
)
def test_bad_input_on_the_page_is_explained_and_nothing_saved(client, kel_a, kategori, changes, message):
    response = client.post(reverse("partisipasi:pengaduan-baru"), _form(kel_a, kategori, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Pengaduan.objects.exists()


def test_a_fake_image_on_the_page_is_refused(client, kel_a, kategori):
    from django.core.files.uploadedfile import SimpleUploadedFile

    palsu = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(reverse("partisipasi:pengaduan-baru"), {**_form(kel_a, kategori), "foto": palsu})
    assert response.status_code == 400
    assert "bukan gambar JPEG, PNG atau WebP" in response.content.decode()
    assert not Pengaduan.objects.exists()


def test_the_page_is_rate_limited_with_429(client, kel_a, kategori, settings):
    settings.PARTISIPASI_BATAS_PENGADUAN = (1, 3600)
    client.post(reverse("partisipasi:pengaduan-baru"), _form(kel_a, kategori))
    response = client.post(reverse("partisipasi:pengaduan-baru"), _form(kel_a, kategori))
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert Pengaduan.objects.count() == 1


def test_unknown_tracking_code_is_a_404_page(client, db):
    response = client.get(reverse("partisipasi:lacak-detail", args=["TIDAKADA99"]))
    assert response.status_code == 404


def test_track_form_redirects_to_the_code(client, kel_a, kategori):
    pengaduan = pengaduan_baru(kel_a, kategori)
    response = client.get(reverse("partisipasi:lacak"), {"kode": pengaduan.kode_lacak.lower()})
    assert response["Location"] == reverse("partisipasi:lacak-detail", args=[pengaduan.kode_lacak])


def test_citizen_rates_on_the_tracking_page(client, kel_a, kategori, petugas_a):
    from partisipasi import services

    pengaduan = pengaduan_baru(kel_a, kategori)
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.PROSES, versi=1)
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.SELESAI, versi=2)
    url = reverse("partisipasi:lacak-detail", args=[pengaduan.kode_lacak])
    assert "Nilai hasil penanganan" in client.get(url).content.decode()
    response = client.post(url, {"aksi": "ulasan", "rating": "5", "komentar": "Bagus"})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.rating == 5
    response = client.post(url, {"aksi": "buka", "alasan": ""})
    assert response.status_code == 400


def test_public_list_per_kelurahan_and_support(client, kel_a, kel_b, kategori, django_assert_max_num_queries):
    for _i in range(3):
        pengaduan_baru(kel_a, kategori, foto=[jpeg_dengan_gps()])
    pengaduan_baru(kel_b, kategori, deskripsi="Jalan berlubang di Gondangdia.")
    rahasia = pengaduan_baru(kel_a, kategori, publik=False, deskripsi="Rahasia sekali.")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("partisipasi:publik"), {"kelurahan": kel_a.pk})
    html = response.content.decode()
    assert "Jalan berlubang" not in html
    assert rahasia.deskripsi not in html
    assert html.count(">Dukung<") == 3

    target = Pengaduan.objects.filter(kelurahan=kel_a, publik=True).first()
    response = client.post(reverse("partisipasi:dukung", args=[target.pk]))
    assert response.status_code == 302
    assert Dukungan.objects.filter(pengaduan=target).count() == 1
    client.post(reverse("partisipasi:dukung", args=[target.pk]))
    assert Dukungan.objects.filter(pengaduan=target).count() == 1
    assert client.post(reverse("partisipasi:dukung", args=[rahasia.pk])).status_code == 404
    assert client.get(reverse("partisipasi:publik"), {"kelurahan": "abc"}).status_code == 404


def test_public_photo_served_only_for_public_complaints(client, kel_a, kategori):
    publik = pengaduan_baru(kel_a, kategori, foto=[jpeg_dengan_gps()])
    rahasia = pengaduan_baru(kel_a, kategori, foto=[jpeg_dengan_gps()], publik=False)
    assert client.get(reverse("partisipasi:foto", args=[publik.foto.get().pk])).status_code == 200
    assert client.get(reverse("partisipasi:foto", args=[rahasia.foto.get().pk])).status_code == 404
    url = reverse("partisipasi:lacak-foto", args=[rahasia.kode_lacak, rahasia.foto.get().pk])
    assert client.get(url)["Content-Type"] == "image/jpeg"


def test_officer_queue_detail_and_transition(as_user, kel_a, kel_b, kategori, petugas_a, django_assert_max_num_queries):
    for _i in range(5):
        pengaduan_baru(kel_a, kategori)
    pengaduan_baru(kel_b, kategori)
    client = as_user(petugas_a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("partisipasi:antrian"))
    assert response.status_code == 200
    assert response.content.decode().count("Kelurahan Gondangdia") == 0

    pengaduan = Pengaduan.objects.filter(kelurahan=kel_a).first()
    html = client.get(reverse("partisipasi:pengaduan-detail", args=[pengaduan.pk])).content.decode()
    assert "0812-5555-1234" in html  # the handling unit sees the contact
    response = client.post(
        reverse("partisipasi:transisi", args=[pengaduan.pk]), {"ke": "selesai", "versi": pengaduan.versi}
    )
    assert response.status_code == 400
    assert "Status tidak dapat diubah dari Menunggu ke Selesai." in response.content.decode()
    response = client.post(reverse("partisipasi:transisi", args=[pengaduan.pk]), {"ke": "proses", "versi": 1})
    assert response.status_code == 302
    response = client.post(reverse("partisipasi:transisi", args=[pengaduan.pk]), {"ke": "selesai", "versi": 1})
    assert response.status_code == 409
    response = client.post(reverse("partisipasi:tanggapan", args=[pengaduan.pk]), {"teks": "Sudah diperbaiki."})
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.status == S.PROSES
    assert pengaduan.tanggapan.get().teks == "Sudah diperbaiki."


def test_officer_of_b_gets_404_on_a(as_user, kel_a, kategori, petugas_b):
    pengaduan = pengaduan_baru(kel_a, kategori)
    client = as_user(petugas_b)
    assert client.get(reverse("partisipasi:pengaduan-detail", args=[pengaduan.pk])).status_code == 404
    assert (
        client.post(reverse("partisipasi:transisi", args=[pengaduan.pk]), {"ke": "proses", "versi": 1}).status_code
        == 404
    )


def test_admin_sees_detail_without_contact_and_cannot_move(as_user, kel_a, kategori, admin_kota):
    pengaduan = pengaduan_baru(kel_a, kategori)
    client = as_user(admin_kota)
    html = client.get(reverse("partisipasi:pengaduan-detail", args=[pengaduan.pk])).content.decode()
    assert "0812-5555-1234" not in html
    assert "Ubah status" not in html
    response = client.post(reverse("partisipasi:transisi", args=[pengaduan.pk]), {"ke": "proses", "versi": 1})
    assert response.status_code == 403


def test_queue_is_not_for_a_plain_pegawai(as_user, pegawai):
    assert as_user(pegawai).get(reverse("partisipasi:antrian")).status_code == 404


def test_moderator_hides_on_the_page(as_user, kel_a, kategori, moderator_a):
    pengaduan = pengaduan_baru(kel_a, kategori)
    client = as_user(moderator_a)
    response = client.post(
        reverse("partisipasi:sembunyi", args=[pengaduan.pk]), {"tersembunyi": "1", "alasan": "Iklan"}
    )
    assert response.status_code == 302
    pengaduan.refresh_from_db()
    assert pengaduan.disembunyikan and pengaduan.disembunyikan_oleh == moderator_a


def test_merge_on_the_page(as_user, kel_a, kategori, petugas_a):
    utama, duplikat = pengaduan_baru(kel_a, kategori), pengaduan_baru(kel_a, kategori)
    response = as_user(petugas_a).post(reverse("partisipasi:gabung", args=[duplikat.pk]), {"utama": utama.pk})
    assert response.status_code == 302
    duplikat.refresh_from_db()
    assert duplikat.digabung_ke == utama


def test_public_complaint_page_renders_in_english(client, kel_a, kategori, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("partisipasi:pengaduan-baru")).content.decode()
    assert "File a complaint" in html
    assert "Location data (GPS) is removed from the photos." in html
    response = client.post(reverse("partisipasi:pengaduan-baru"), _form(kel_a, kategori, deskripsi=""))
    assert "The complaint description is required." in response.content.decode()
