"""The integration API of an external complaint system (a CRM): token auth, the integrasi role (granted by BKD
only), idempotent by (kanal, id_eksternal) — the same id is the same complaint, 200 and no duplicate — one bad
item rejects the request in the one error shape, and the complaint lands in the handling unit's queue."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token

from partisipasi import services
from partisipasi.models import Pengaduan, PetugasPengaduan
from tests.api_helpers import api_error
from tests.kepegawaian.factories import UserFactory

URL = "/api/v1/partisipasi/integrasi/pengaduan/"


@pytest.fixture
def crm(kota, admin_bkd):
    user = UserFactory(username="crm.jakarta")
    services.petugas_grant(actor=admin_bkd, user=user, unit=kota, peran=PetugasPengaduan.Peran.INTEGRASI)
    return user


def _kirim(client, user, *items):
    token, _created = Token.objects.get_or_create(user=user)
    return client.post(
        URL, {"pengaduan": list(items)}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}"
    )


def _item(**ubah):
    item = {
        "id_eksternal": "CRM-100",
        "dibuat": "2026-07-14T08:00:00+07:00",
        "kategori": "kebersihan",
        "kelurahan": "KEL-MENTENG",
        "rw": "05",
        "deskripsi": "Sampah di bantaran kali.",
        "kontak_pelapor": "0813",
    }
    item.update(ubah)
    return item


def test_the_crm_files_complaints_and_the_same_id_again_is_the_same_complaint(client, crm, kel_a, kategori):
    pertama = _kirim(client, crm, _item(), _item(id_eksternal="CRM-101", kanal="jaki"))
    assert pertama.status_code == 201, pertama.content
    body = pertama.json()
    assert body["baru"] == 2 and body["sudah_ada"] == 0
    kode = {p["id_eksternal"]: p["kode_lacak"] for p in body["pengaduan"]}
    a = Pengaduan.objects.get(id_eksternal="CRM-100")
    assert a.kanal == "crm" and a.kode_lacak == kode["CRM-100"] and a.unit_penanganan == kel_a
    assert Pengaduan.objects.get(id_eksternal="CRM-101").kanal == "jaki"

    lagi = _kirim(client, crm, _item(deskripsi="Teks lain, diabaikan."))
    assert lagi.status_code == 200
    assert lagi.json()["pengaduan"] == [
        {
            "id": a.pk,
            "kanal": "crm",
            "id_eksternal": "CRM-100",
            "kode_lacak": a.kode_lacak,
            "status": "menunggu",
            "baru": False,
        }
    ]
    assert Pengaduan.objects.count() == 2
    a.refresh_from_db()
    assert a.deskripsi == "Sampah di bantaran kali."


def test_one_bad_item_rejects_the_request_in_the_error_shape(client, crm, kel_a, kategori):
    response = _kirim(client, crm, _item(), _item(id_eksternal="CRM-2", kelurahan="KEL-ENTAH"))
    assert response.status_code == 400
    error = api_error(response)
    assert error["fields"] == {"pengaduan.1.kelurahan": ["Kelurahan tidak dikenal (isi dengan kode unit kelurahan)."]}
    assert not Pengaduan.objects.exists()


def test_the_crm_files_only_under_the_unit_of_its_role(client, admin_bkd, kel_a, kel_b, kategori):
    user = UserFactory(username="crm.kelurahan")
    services.petugas_grant(actor=admin_bkd, user=user, unit=kel_b, peran=PetugasPengaduan.Peran.INTEGRASI)
    response = _kirim(client, user, _item())
    assert response.status_code == 400
    assert api_error(response)["fields"]["pengaduan.0.kelurahan"] == [
        "Kelurahan ini di luar unit yang boleh Anda impor."
    ]


def test_other_accounts_are_refused_and_the_anonymous_gets_401(client, petugas_a, admin_bkd, kel_a, kategori):
    for user in (petugas_a, admin_bkd):
        response = _kirim(client, user, _item())
        assert response.status_code == 403
        assert api_error(response)["code"] == "permission_denied"
    assert client.post(URL, {}, content_type="application/json").status_code == 401
    assert not Pengaduan.objects.exists()


def test_the_integration_account_sees_no_queue_and_no_complainant(client, crm, kel_a, kategori):
    _kirim(client, crm, _item())
    token = Token.objects.get(user=crm)
    antrean = client.get("/api/v1/partisipasi/petugas/pengaduan/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert antrean.status_code == 200 and antrean.json()["results"] == []


def test_only_admin_bkd_grants_the_integration_role(admin_kota, kota):
    with pytest.raises(PermissionDenied):
        services.petugas_grant(
            actor=admin_kota, user=UserFactory(username="crm.x"), unit=kota, peran=PetugasPengaduan.Peran.INTEGRASI
        )


def test_the_service_refuses_a_non_integration_actor(petugas_a):
    with pytest.raises(PermissionDenied):
        services.pengaduan_import_api(actor=petugas_a, baris=[_item()])


def test_a_complaint_written_meanwhile_by_another_request_is_answered_not_duplicated(
    client, crm, kel_a, kategori, monkeypatch
):
    """The race of two senders: the row appears between the check and the insert (here: the check misses it); the
    unique constraint refuses the second insert, in a savepoint, and the existing complaint is the answer."""
    assert _kirim(client, crm, _item()).status_code == 201
    asli = Pengaduan.objects.filter

    def tidak_melihat(*args, **kwargs):
        return Pengaduan.objects.none() if "id_eksternal__in" in kwargs else asli(*args, **kwargs)

    monkeypatch.setattr(Pengaduan.objects, "filter", tidak_melihat)
    response = _kirim(client, crm, _item(), _item(id_eksternal="CRM-200"))
    assert response.status_code == 201, response.content
    assert (response.json()["baru"], response.json()["sudah_ada"]) == (1, 1)
    monkeypatch.undo()
    assert Pengaduan.objects.count() == 2
