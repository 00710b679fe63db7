"""The complaint API: public submission, support and tracking without a login; officer endpoints behind it;
bad input is a 400 in the one error shape with nothing saved; lists pin their query counts."""

import pytest

from partisipasi.models import FotoPengaduan, Pengaduan
from tests.api_helpers import api_error, post_json
from tests.partisipasi.factories import jpeg_dengan_gps, pengaduan_baru

BASE = "/api/v1/partisipasi"
S = Pengaduan.Status


def _data(kel_a, kategori, **changes):
    data = {"kategori": kategori.pk, "kelurahan": kel_a.pk, "rw": "7", "deskripsi": "Pohon tumbang menutup jalan."}
    data.update(changes)
    return data


def test_public_submission_in_json_and_tracking(client, kel_a, kategori):
    response = post_json(client, f"{BASE}/pengaduan/", _data(kel_a, kategori, kontak_pelapor="0811"))
    assert response.status_code == 201, response.content
    kode = response.json()["kode_lacak"]
    pengaduan = Pengaduan.objects.get()
    assert pengaduan.kanal == Pengaduan.Kanal.API

    body = client.get(f"{BASE}/lacak/{kode.lower()}/").json()
    assert body["kode_lacak"] == kode
    assert [r["ke_status"] for r in body["riwayat"]] == ["menunggu"]
    assert "kontak_pelapor" not in body and "0811" not in str(body)
    assert body["dibuat"].endswith("+07:00")  # Asia/Jakarta


def test_public_submission_with_a_photo_multipart(client, kel_a, kategori):
    response = client.post(f"{BASE}/pengaduan/", {**_data(kel_a, kategori), "foto": [jpeg_dengan_gps()]})
    assert response.status_code == 201, response.content
    assert FotoPengaduan.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kelurahan": 424242}, "Kelurahan tidak dikenal. Pilih kelurahan dari daftar."),
        ({"deskripsi": ""}, "Uraian pengaduan wajib diisi."),
        ({"situs": "x"}, "Pengaduan tidak dapat diterima. Muat ulang halaman lalu kirim lagi."),
    ],
)
def test_bad_submission_is_a_400_with_the_message(client, kel_a, kategori, changes, message):
    response = post_json(client, f"{BASE}/pengaduan/", _data(kel_a, kategori, **changes))
    assert response.status_code == 400
    assert api_error(response)["message"] == message
    assert not Pengaduan.objects.exists()


def test_a_fake_image_is_a_400(client, kel_a, kategori):
    from django.core.files.uploadedfile import SimpleUploadedFile

    palsu = SimpleUploadedFile("foto.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post(f"{BASE}/pengaduan/", {**_data(kel_a, kategori), "foto": [palsu]})
    assert response.status_code == 400
    assert "bukan gambar" in api_error(response)["message"]
    assert not Pengaduan.objects.exists()


def test_submission_is_rate_limited_with_429(client, kel_a, kategori, settings):
    settings.PARTISIPASI_BATAS_PENGADUAN = (1, 3600)
    assert post_json(client, f"{BASE}/pengaduan/", _data(kel_a, kategori)).status_code == 201
    response = post_json(client, f"{BASE}/pengaduan/", _data(kel_a, kategori))
    assert response.status_code == 429
    assert api_error(response)["code"] == "throttled"


def test_unknown_tracking_code_is_a_404(client, db):
    response = client.get(f"{BASE}/lacak/TIDAKADA00/")
    assert response.status_code == 404
    assert "Kode lacak tidak dikenal" in api_error(response)["message"]


def test_public_list_support_and_query_count(client, kel_a, kel_b, kategori, django_assert_max_num_queries):
    for _i in range(4):
        pengaduan_baru(kel_a, kategori)
    pengaduan_baru(kel_b, kategori)
    with django_assert_max_num_queries(3):
        body = client.get(f"{BASE}/pengaduan/", {"kelurahan": kel_a.pk}).json()
    assert body["count"] == 4
    assert client.get(f"{BASE}/pengaduan/", {"kelurahan": "abc"}).status_code == 400
    pk = body["results"][0]["id"]
    assert post_json(client, f"{BASE}/pengaduan/{pk}/dukung/").json()["jumlah_dukungan"] == 1
    again = post_json(client, f"{BASE}/pengaduan/{pk}/dukung/")
    assert again.status_code == 400
    assert api_error(again)["message"] == "Anda sudah mendukung pengaduan ini."


def test_categories_and_kelurahan_are_public(client, kel_a, kel_b, kategori, kecamatan):
    assert [k["kode"] for k in client.get(f"{BASE}/kategori/").json()] == ["kebersihan"]
    assert {k["nama"] for k in client.get(f"{BASE}/kelurahan/").json()} == {kel_a.nama, kel_b.nama}


def test_officer_list_is_scoped_and_query_count_is_pinned(
    as_user, kel_a, kel_b, kategori, petugas_a, django_assert_max_num_queries
):
    for _i in range(5):
        pengaduan_baru(kel_a, kategori)
    pengaduan_baru(kel_b, kategori)
    client = as_user(petugas_a)
    with django_assert_max_num_queries(8):
        body = client.get(f"{BASE}/petugas/pengaduan/").json()
    assert body["count"] == 5
    assert all(r["kontak_pelapor"] == "0812-5555-1234" for r in body["results"])
    assert client.get(f"{BASE}/petugas/pengaduan/terlambat/").json()["count"] == 0


def test_officer_flow_through_the_api(as_user, kel_a, kategori, petugas_a, anonymous):
    pengaduan = pengaduan_baru(kel_a, kategori)
    client = as_user(petugas_a)
    url = f"{BASE}/petugas/pengaduan/{pengaduan.pk}"
    bad = post_json(client, f"{url}/status/", {"ke": "selesai", "versi": 1})
    assert bad.status_code == 400
    assert api_error(bad)["message"] == "Status tidak dapat diubah dari Menunggu ke Selesai."
    assert post_json(client, f"{url}/status/", {"ke": "proses", "versi": 1}).status_code == 200
    assert post_json(client, f"{url}/status/", {"ke": "selesai", "versi": 1}).status_code == 409
    assert post_json(client, f"{url}/tanggapan/", {"teks": "Sudah ditangani."}).status_code == 200
    body = post_json(client, f"{url}/status/", {"ke": "selesai", "versi": 2}).json()
    assert body["status"] == "selesai"
    assert [t["teks"] for t in body["tanggapan"]] == ["Sudah ditangani."]

    client.logout()
    kode = pengaduan.kode_lacak
    rated = post_json(client, f"{BASE}/lacak/{kode}/ulasan/", {"rating": 5, "komentar": "Mantap"})
    assert rated.status_code == 200 and rated.json()["rating"] == 5
    assert post_json(client, f"{BASE}/lacak/{kode}/buka/", {"alasan": ""}).status_code == 400


def test_officer_of_b_gets_404_and_admin_gets_403(as_user, kel_a, kategori, petugas_b, admin_kota):
    pengaduan = pengaduan_baru(kel_a, kategori)
    url = f"{BASE}/petugas/pengaduan/{pengaduan.pk}"
    client = as_user(petugas_b)
    assert client.get(f"{url}/").status_code == 404
    assert post_json(client, f"{url}/status/", {"ke": "proses", "versi": 1}).status_code == 404
    client = as_user(admin_kota)
    body = client.get(f"{url}/").json()
    assert body["kontak_pelapor"] is None and body["nama_pelapor"] is None
    assert post_json(client, f"{url}/status/", {"ke": "proses", "versi": 1}).status_code == 403


def test_officer_endpoints_need_a_login(client, db):
    assert client.get(f"{BASE}/petugas/pengaduan/").status_code == 401


def test_unit_admin_grants_and_revokes_complaint_roles(as_user, kel_a, admin_kota, admin_unit, pegawai):
    url = f"{BASE}/peran-petugas/"
    data = {"username": pegawai.user.username, "unit": kel_a.pk, "peran": "petugas"}
    assert post_json(as_user(admin_unit), url, data).status_code == 404  # kel_a is outside his units
    client = as_user(admin_kota)
    response = post_json(client, url, data)
    assert response.status_code == 201, response.content
    assert post_json(client, url, {**data, "peran": "raja"}).status_code == 400
    assert post_json(client, url, {**data, "username": "siapa"}).status_code == 400
    assert [g["username"] for g in client.get(url).json()["results"]] == [pegawai.user.username]
    assert as_user(admin_unit).get(url).json()["count"] == 0
    client = as_user(admin_kota)  # the same test client, signed in again
    assert client.delete(f"{url}{response.json()['id']}/").status_code == 204
    assert client.get(url).json()["count"] == 0
