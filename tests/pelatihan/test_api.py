"""The pelatihan API: catalogue, registration (4xx in the one error shape), ledger, public verification."""

import datetime as dt

import pytest

from pelatihan import services
from pelatihan.models import Peserta
from tests.api_helpers import api_error, post_json
from tests.pelatihan.factories import KegiatanFactory

API = "/api/v1/pelatihan"


def test_pegawai_registers_through_the_api(api, pegawai, kegiatan):
    response = post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/", {})
    assert response.status_code == 201
    assert response.json()["status"] == "terdaftar"
    again = post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/", {})
    assert again.status_code == 400
    assert "sudah terdaftar" in api_error(again)["message"]
    assert Peserta.objects.count() == 1


def test_full_event_without_waiting_list_is_400(api, pegawai, dinas):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=1, jumlah_terdaftar=1)
    response = post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/", {"daftar_tunggu": False})
    assert response.status_code == 400
    assert "Kuota kegiatan ini sudah penuh" in api_error(response)["message"]


def test_admin_without_pegawai_gets_403(api, admin_unit, kegiatan):
    response = post_json(api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/daftar/", {})
    assert response.status_code == 403


def test_someone_elses_registration_is_404_and_cancel_by_outsider_too(api, pegawai, outsider, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert api(outsider).get(f"{API}/peserta/{peserta.pk}/").status_code == 404
    assert post_json(api(outsider), f"{API}/peserta/{peserta.pk}/batal/").status_code == 404
    assert post_json(api(pegawai), f"{API}/peserta/{peserta.pk}/batal/").json()["status"] == "batal"


def test_ledger_endpoint(api, pegawai, admin_unit, kegiatan, hari):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[peserta.pk])
    body = api(pegawai).get(f"{API}/jp/?tahun=2026").json()
    assert (body["jp_diakui"], body["target"], body["kekurangan"], body["tercapai"]) == (12, 20, 8, False)
    assert api(pegawai).get(f"{API}/jp/?tahun=dua").status_code == 400


def test_public_verification_endpoint(client, pegawai, admin_unit, kegiatan, hari):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[peserta.pk])
    kode = Peserta.objects.get(pk=peserta.pk).kode_verifikasi
    body = client.get(f"{API}/verifikasi/{kode}/").json()
    assert set(body) == {"kode", "nama", "program", "tanggal_mulai", "tanggal_selesai", "jp"}
    assert body["nama"] == "Budi Pegawai" and body["jp"] == 12
    unknown = client.get(f"{API}/verifikasi/ZZZZ-ZZZZ-ZZZZ/")
    assert unknown.status_code == 404
    assert "Kode verifikasi tidak dikenal" in api_error(unknown)["message"]


@pytest.mark.parametrize("n", [1, 5])
def test_list_endpoints_have_constant_query_counts(api, pegawai, dinas, n, django_assert_max_num_queries):
    for _i in range(n):
        services.peserta_create(actor=pegawai.user, kegiatan=KegiatanFactory(unit_penyelenggara=dinas))
    client = api(pegawai)
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{API}/kegiatan/").json()["results"]) == n
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{API}/peserta/").json()["results"]) == n
