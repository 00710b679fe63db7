"""The complainant's name and contact never appear on a public page or a public endpoint, whatever the state of
the complaint; the tracking code appears only where its holder asked for it."""

import pytest
from django.urls import reverse

from partisipasi import services
from partisipasi.models import Pengaduan
from tests.partisipasi.factories import jpeg_dengan_gps, pengaduan_baru

NAMA, KONTAK = "Rahasia Pelaporwati", "rahasia.pelapor@example.org"
S = Pengaduan.Status


@pytest.fixture
def pengaduan_lengkap(kel_a, kategori, petugas_a):
    """A complaint with a photo, a response, a trail, a rating: everything a public page may show."""
    pengaduan = pengaduan_baru(kel_a, kategori, nama_pelapor=NAMA, kontak_pelapor=KONTAK, foto=[jpeg_dengan_gps()])
    services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan, teks="Kami tindak lanjuti.")
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.PROSES, versi=1)
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.SELESAI, versi=2)
    services.ulasan_create(actor=None, pengaduan=pengaduan, rating=4)
    return pengaduan


def _public_urls(p):
    return [
        reverse("partisipasi:pengaduan-baru"),
        reverse("partisipasi:publik"),
        f"{reverse('partisipasi:publik')}?kelurahan={p.kelurahan_id}",
        reverse("partisipasi:lacak"),
        reverse("partisipasi:lacak-detail", args=[p.kode_lacak]),
        "/api/v1/partisipasi/kategori/",
        "/api/v1/partisipasi/kelurahan/",
        "/api/v1/partisipasi/pengaduan/",
        f"/api/v1/partisipasi/pengaduan/?kelurahan={p.kelurahan_id}",
        f"/api/v1/partisipasi/pengaduan/{p.pk}/",
        f"/api/v1/partisipasi/lacak/{p.kode_lacak}/",
        *_figure_urls(p),
    ]


def _figure_urls(p):
    """The complaint figures (the list behind a computed realisation, the ranking): the current month holds ``p``."""
    return [
        reverse("partisipasi:angka-unit", args=[p.unit_penanganan_id]),
        reverse("partisipasi:peringkat"),
        "/api/v1/partisipasi/peringkat/",
        f"/api/v1/partisipasi/angka/{p.unit_penanganan_id}/",
    ]


def test_no_public_page_or_endpoint_shows_the_contact(client, pengaduan_lengkap):
    for url in _public_urls(pengaduan_lengkap):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert NAMA not in body, url
        assert KONTAK not in body, url


def test_public_post_answers_show_no_contact(client, pengaduan_lengkap, kel_a, kategori):
    p = pengaduan_lengkap
    answers = [
        client.post(f"/api/v1/partisipasi/pengaduan/{p.pk}/dukung/"),
        client.post(
            "/api/v1/partisipasi/pengaduan/",
            {"kategori": kategori.pk, "kelurahan": kel_a.pk, "rw": "1", "deskripsi": "x", "kontak_pelapor": KONTAK},
        ),
        client.post(f"/api/v1/partisipasi/lacak/{p.kode_lacak}/buka/", {"alasan": "Belum beres"}),
    ]
    for response in answers:
        assert response.status_code in (200, 201), response.content
        assert KONTAK not in response.content.decode()
        assert NAMA not in response.content.decode()


def test_public_lists_never_carry_the_tracking_code(client, pengaduan_lengkap):
    for url in (reverse("partisipasi:publik"), "/api/v1/partisipasi/pengaduan/", *_figure_urls(pengaduan_lengkap)):
        assert pengaduan_lengkap.kode_lacak not in client.get(url).content.decode()


def test_figures_list_the_complaint_without_its_description(client, pengaduan_lengkap):
    """Private complaints count too, so the figures' lists carry no description at all."""
    for url in _figure_urls(pengaduan_lengkap):
        assert pengaduan_lengkap.deskripsi[:30] not in client.get(url).content.decode(), url
    data = client.get(f"/api/v1/partisipasi/angka/{pengaduan_lengkap.unit_penanganan_id}/").json()
    assert [r["id"] for r in data["pengaduan"]] == [pengaduan_lengkap.pk]
    assert data["angka"]["jumlah"] == 1


def test_photos_served_publicly_carry_no_gps(client, pengaduan_lengkap):
    from io import BytesIO

    from PIL import Image

    foto = pengaduan_lengkap.foto.get()
    response = client.get(reverse("partisipasi:foto", args=[foto.pk]))
    with Image.open(BytesIO(b"".join(response.streaming_content))) as img:
        assert not img.getexif().get_ifd(0x8825)


def test_an_officer_of_another_kelurahan_never_sees_the_contact(as_user, pengaduan_lengkap, petugas_b):
    client = as_user(petugas_b)
    for url in (reverse("partisipasi:antrian"), "/api/v1/partisipasi/petugas/pengaduan/"):
        assert KONTAK not in client.get(url).content.decode()


def test_a_pegawai_whose_atasan_is_missing_is_not_taken_for_the_unit_head(kel_a, kategori):
    """A gap in the data (no atasan recorded) must not open complainants' contact to a staff member."""
    from kinerja.tugas import tugas_untuk
    from partisipasi import access
    from tests.kepegawaian.factories import PegawaiFactory, UserFactory
    from tests.partisipasi.factories import pengaduan_baru

    staf = PegawaiFactory(user=UserFactory(username="staf.tanpa.atasan"), unit=kel_a, atasan=None)
    pengaduan = pengaduan_baru(kel_a, kategori)
    assert not access.is_petugas(staf.user)
    assert not access.can_see_kontak(staf.user, pengaduan)
    assert not [t for t in tugas_untuk(staf.user) if t.kode.startswith("partisipasi.")]


def test_the_lurah_sees_the_contact_of_his_kelurahan(lurah_a, kel_a, kategori):
    from partisipasi import access
    from tests.partisipasi.factories import pengaduan_baru

    pengaduan = pengaduan_baru(kel_a, kategori)
    assert access.can_see_kontak(lurah_a.user, pengaduan)
