"""Signing in with the NIP or the username; an inactive pegawai is out; django-axes counts both identifiers as one."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kepegawaian import services
from tests.api_helpers import post_json

PASSWORD = "rahasia-uji-123"


def _login(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize("which", ["nip", "username"])
def test_pegawai_signs_in_with_his_nip_or_his_username(client, pegawai, which):
    ident = pegawai.nip if which == "nip" else "pegawai"
    response = _login(client, ident)
    assert response.status_code == 302
    assert client.get(reverse("beranda")).context["user"].pk == pegawai.user_id


def test_login_page_names_both_identifiers(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Atau NIP Anda (18 angka)." in html
    assert "Lupa kata sandi?" in html


def test_wrong_password_with_the_nip_is_refused(client, pegawai):
    response = _login(client, pegawai.nip, "salah-sekali-123")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_failures_with_nip_and_username_lock_the_same_login(client, pegawai, settings):
    settings.AXES_FAILURE_LIMIT = 4
    for ident in (pegawai.nip, "pegawai", pegawai.nip, "pegawai"):
        _login(client, ident, "salah-sekali-123")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"pegawai"}
    # Locked now, whichever identifier is typed, even with the right password.
    for ident in (pegawai.nip, "pegawai"):
        response = _login(client, ident)
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session


def test_inactive_pegawai_can_no_longer_sign_in_and_his_session_ends(client, pegawai, admin_unit):
    assert _login(client, pegawai.nip).status_code == 302
    services.pegawai_update(actor=admin_unit, pegawai=pegawai, aktif=False)
    # The open session is no longer accepted.
    assert client.get(reverse("beranda")).status_code == 302
    client.logout()
    assert _login(client, pegawai.nip).status_code == 200
    assert _login(client, "pegawai").status_code == 200
    pegawai.refresh_from_db()
    assert pegawai.user is not None and pegawai.user.is_active  # the data (and the login) stay


def test_inactive_pegawai_gets_no_token_and_his_token_stops_working(client, pegawai, admin_unit):
    token = Token.objects.create(user=pegawai.user)
    assert client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    services.pegawai_update(actor=admin_unit, pegawai=pegawai, aktif=False)
    assert client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401
    response = post_json(client, "/api/v1/token/", {"username": pegawai.nip, "password": PASSWORD})
    assert response.status_code == 400


def test_token_endpoint_accepts_the_nip(client, pegawai):
    response = post_json(client, "/api/v1/token/", {"username": pegawai.nip, "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["username"] == "pegawai"


def test_pegawai_made_inactive_by_an_import_cannot_sign_in(client, pegawai, admin_bkd):
    from kepegawaian import impor

    row = {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "status": pegawai.status,
        "golongan": pegawai.golongan,
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": pegawai.jabatan.jenis,
        "kode_unit": pegawai.unit.kode,
        "nip_atasan": pegawai.atasan.nip if pegawai.atasan else "",
        "email": pegawai.email,
        "aktif": "0",
    }
    impor.data_import(actor=admin_bkd, data=impor.DataImpor(unit=[], pegawai=[impor.Baris("p.csv", 2, row)]))
    pegawai.refresh_from_db()
    assert not pegawai.aktif
    assert _login(client, pegawai.nip).status_code == 200
