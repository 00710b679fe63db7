"""External training through the API: the pegawai submits a course taken elsewhere with its certificate (multipart,
checked by content) and lists his own; his penilai lists the pending ones and approves (the JP count) or refuses
(with a reason). Thin over ``pelatihan.services.eksternal``: one error shape, Indonesian messages, nothing half-saved.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pelatihan import services
from pelatihan.models import PelatihanEksternal
from tests.api_helpers import api_error, post_json
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.pelatihan.factories import pdf_bytes, png_bytes

API = "/api/v1/pelatihan/eksternal"
KUERI_DAFTAR = 7  # session, user, access (pegawai, scope), count, page: whatever the number of rows


def _body(**isian):
    body = {
        "judul": "Kursus Daring Statistik",
        "jenis": "e_learning",
        "bidang": "teknis",
        "penyelenggara": "Universitas Terbuka",
        "tanggal_mulai": "2026-05-01",
        "tanggal_selesai": "2026-05-20",
        "jp": 10,
        "berkas": SimpleUploadedFile("sertifikat.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    return {**body, **isian}


def _ajukan(client, **isian):
    return client.post(f"{API}/", _body(**isian))  # the test client sends a dict with a file as multipart


@pytest.fixture
def pengajuan(api, pegawai) -> PelatihanEksternal:
    response = _ajukan(api(pegawai.user))
    assert response.status_code == 201, response.json()
    return PelatihanEksternal.objects.get(pk=response.json()["id"])


def _jp_diakui(client) -> int:
    response = client.get("/api/v1/pelatihan/jp/", {"tahun": 2026})
    assert response.status_code == 200, response.json()
    return response.json()["jp_diakui"]


def test_pegawai_submits_and_lists_his_own(api, pegawai, penilai):
    client = api(pegawai.user)
    response = _ajukan(client)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["tipe"], body["jp"], body["tahun_jp"]) == ("diajukan", "application/pdf", 10, 2026)
    assert len(body["sha256"]) == 64 and body["pegawai"] == pegawai.pk
    png = _ajukan(client, berkas=SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"))
    assert png.status_code == 201 and png.json()["tipe"] == "image/png"

    daftar = client.get(f"{API}/")
    assert daftar.status_code == 200
    assert {r["id"] for r in daftar.json()["results"]} == {body["id"], png.json()["id"]}
    # the penilai's own list holds only his own submissions (none), not his subordinate's
    assert api(penilai.user).get(f"{API}/").json()["results"] == []


def test_a_renamed_non_pdf_is_refused_by_its_content(api, pegawai):
    palsu = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    response = _ajukan(api(pegawai.user), berkas=palsu)
    assert response.status_code == 400
    assert "bukan PDF, JPEG atau PNG" in str(api_error(response))
    assert not PelatihanEksternal.objects.exists()


def test_missing_file_and_bad_jp_are_refused_in_indonesian(api, pegawai):
    client = api(pegawai.user)
    tanpa = _body()
    del tanpa["berkas"]
    response = client.post(f"{API}/", tanpa)
    assert response.status_code == 400 and "berkas" in str(api_error(response))
    response = _ajukan(client, jp=500)
    assert response.status_code == 400 and "tidak wajar" in str(api_error(response))
    assert not PelatihanEksternal.objects.exists()


def test_penilai_lists_pending_and_approval_grants_the_jp(api, pegawai, penilai, pengajuan):
    assert _jp_diakui(api(pegawai.user)) == 0
    client = api(penilai.user)  # one test client: signing in as another user switches it
    menunggu = client.get(f"{API}/menunggu/")
    assert menunggu.status_code == 200
    assert [r["id"] for r in menunggu.json()["results"]] == [pengajuan.pk]

    response = post_json(client, f"{API}/{pengajuan.pk}/setujui/", {"catatan": "Sah."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "disetujui"
    pengajuan.refresh_from_db()
    assert pengajuan.status == "disetujui" and pengajuan.diputuskan_oleh == penilai.user
    assert client.get(f"{API}/menunggu/").json()["results"] == []
    # decided once: a second decision is refused
    again = post_json(client, f"{API}/{pengajuan.pk}/tolak/", {"catatan": "Salah."})
    assert again.status_code == 400 and "sudah diputuskan" in str(api_error(again))
    assert _jp_diakui(api(pegawai.user)) == 10


def test_pegawai_cannot_approve_his_own(api, pegawai, pengajuan):
    response = post_json(api(pegawai.user), f"{API}/{pengajuan.pk}/setujui/", {})
    assert response.status_code == 403
    assert "pejabat penilai" in api_error(response)["message"]
    pengajuan.refresh_from_db()
    assert pengajuan.status == "diajukan"


def test_another_penilai_gets_404(api, atasan, bidang, pengajuan):
    penilai_lain = PegawaiFactory(user=UserFactory(username="penilai.lain"), unit=bidang, atasan=atasan)
    PegawaiFactory(unit=bidang, atasan=penilai_lain)  # he is a penilai, of someone else
    client = api(penilai_lain.user)
    assert client.get(f"{API}/{pengajuan.pk}/").status_code == 404
    response = post_json(client, f"{API}/{pengajuan.pk}/setujui/", {})
    assert response.status_code == 404 and api_error(response)["message"] == "Pelatihan eksternal tidak ditemukan."
    assert client.get(f"{API}/menunggu/").json()["results"] == []
    pengajuan.refresh_from_db()
    assert pengajuan.status == "diajukan"


def test_refusal_needs_a_reason(api, penilai, pengajuan):
    client = api(penilai.user)
    response = post_json(client, f"{API}/{pengajuan.pk}/tolak/", {"catatan": "  "})
    assert response.status_code == 400
    assert "alasan penolakan" in str(api_error(response))
    pengajuan.refresh_from_db()
    assert pengajuan.status == "diajukan"
    response = post_json(client, f"{API}/{pengajuan.pk}/tolak/", {"catatan": "Sertifikat tidak terbaca."})
    assert response.status_code == 200 and response.json()["status"] == "ditolak"
    assert response.json()["catatan"] == "Sertifikat tidak terbaca."


def test_admin_without_pegawai_cannot_submit(api, admin_unit):
    response = _ajukan(api(admin_unit))
    assert response.status_code == 403
    assert not PelatihanEksternal.objects.exists()


@pytest.mark.parametrize("n", [1, 4])
def test_lists_have_constant_query_counts(api, pegawai, penilai, n, django_assert_num_queries):
    for _i in range(n):
        berkas = SimpleUploadedFile("s.pdf", pdf_bytes(), content_type="application/pdf")
        data = {**_body(berkas=berkas), "tanggal_mulai": dt.date(2026, 5, 1), "tanggal_selesai": dt.date(2026, 5, 2)}
        services.eksternal_submit(actor=pegawai.user, **data)
    client = api(pegawai.user)
    with django_assert_num_queries(KUERI_DAFTAR):
        assert len(client.get(f"{API}/").json()["results"]) == n
    client = api(penilai.user)
    with django_assert_num_queries(KUERI_DAFTAR):
        assert len(client.get(f"{API}/menunggu/").json()["results"]) == n
