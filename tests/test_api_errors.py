"""One JSON error shape for every 4xx of the API::

{"error": {"status": <int>, "code": <str>, "message": <str, Indonesian>, "fields": {...} (400 only)}}
"""

import pytest
from django.core.cache import cache
from django.test import Client

from kepegawaian.models import Pegawai

PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) <= {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].strip()
    assert ("fields" in error) is (code == "invalid")
    return error


# --- 400 --------------------------------------------------------------------------------------------------------


def test_400_missing_fields_are_listed_per_field_in_indonesian(client, admin_unit):
    client.force_login(admin_unit)
    error = assert_error(client.post("/api/v1/pegawai/", {}, content_type="application/json"), 400, "invalid")
    assert {"nip", "nama", "golongan", "jabatan", "unit"} <= set(error["fields"])
    assert error["fields"]["nip"] == ["Bidang ini harus diisi."]
    assert "nip" in error["message"]


def test_400_service_validation_error_keeps_its_message(client, admin_unit, atasan, pegawai):
    client.force_login(admin_unit)
    response = client.patch(f"/api/v1/pegawai/{atasan.pk}/", {"atasan": pegawai.pk}, content_type="application/json")
    error = assert_error(response, 400, "invalid")
    assert "lingkaran" in error["fields"]["atasan"][0]


def test_400_malformed_json(client, admin_unit):
    client.force_login(admin_unit)
    response = client.post("/api/v1/pegawai/", "{nip: ", content_type="application/json")
    error = assert_error(response, 400, "parse_error")
    assert "JSON" in error["message"]


def test_400_bad_filter_value(client, admin_unit):
    client.force_login(admin_unit)
    error = assert_error(client.get("/api/v1/pegawai/", {"status": "honorer"}), 400, "invalid")
    assert "status" in error["fields"]


# --- 401 --------------------------------------------------------------------------------------------------------


def test_401_without_credentials_with_a_token_challenge(client):
    response = client.get("/api/v1/pegawai/")
    error = assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Token")
    assert "Authorization: Token" in error["message"]


def test_401_with_an_unknown_token(client, db):
    response = client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION="Token bukan-token-yang-sah")
    assert_error(response, 401, "authentication_failed")


# --- 403 --------------------------------------------------------------------------------------------------------


def test_403_when_the_role_may_not_act(client, pegawai, bidang):
    client.force_login(pegawai.user)
    error = assert_error(
        client.post("/api/v1/unit-kerja/", {}, content_type="application/json"), 403, "permission_denied"
    )
    assert "admin" in error["message"].lower()


def test_403_pegawai_changing_himself(client, pegawai):
    client.force_login(pegawai.user)
    response = client.patch(f"/api/v1/pegawai/{pegawai.pk}/", {"nama": "X"}, content_type="application/json")
    assert_error(response, 403, "permission_denied")
    assert Pegawai.objects.get(pk=pegawai.pk).nama == "Budi Pegawai"


def test_403_browser_session_without_csrf_token(admin_unit, bidang):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_unit)
    response = browser.post("/api/v1/unit-kerja/", {}, content_type="application/json")
    error = assert_error(response, 403, "csrf_failed")
    assert "CSRF" in error["message"]


# --- 404 --------------------------------------------------------------------------------------------------------


def test_404_for_a_person_out_of_sight_reveals_nothing(client, pegawai, outsider):
    client.force_login(pegawai.user)
    response = client.get(f"/api/v1/pegawai/{outsider.pk}/")
    assert_error(response, 404, "not_found")
    assert outsider.nama not in response.content.decode()


def test_404_same_body_for_missing_and_hidden_rows(client, pegawai, outsider):
    client.force_login(pegawai.user)
    hidden = client.get(f"/api/v1/pegawai/{outsider.pk}/").json()
    missing = client.get("/api/v1/pegawai/999999/").json()
    assert hidden == missing


@pytest.mark.parametrize("url", ["/api/v1/tidak-ada/", "/api/lain", "/api/v1/pegawai/abc/"])
def test_404_for_an_unknown_api_address_is_json(client, pegawai, url):
    client.force_login(pegawai.user)
    assert_error(client.get(url), 404, "not_found")


def test_404_for_an_unknown_api_address_is_json_also_for_anonymous(client):
    assert_error(client.post("/api/v1/tidak-ada/"), 404, "not_found")


def test_404_for_a_missing_trailing_slash_hints_at_the_right_address(client, pegawai):
    client.force_login(pegawai.user)
    error = assert_error(client.get("/api/v1/saya"), 404, "not_found")
    assert "/api/v1/saya/" in error["message"]


def test_404_for_a_page_past_the_end(client, pegawai):
    client.force_login(pegawai.user)
    error = assert_error(client.get("/api/v1/pegawai/", {"page": 99}), 404, "not_found")
    assert error["message"] == "Halaman tidak ditemukan."


# --- 405, 406, 415 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "delete"])
def test_405_for_a_method_the_endpoint_does_not_offer(client, admin_bkd, pegawai, method):
    client.force_login(admin_bkd)
    response = getattr(client, method)(f"/api/v1/pegawai/{pegawai.pk}/", {}, content_type="application/json")
    error = assert_error(response, 405, "method_not_allowed")
    assert method.upper() in error["message"]
    assert Pegawai.objects.filter(pk=pegawai.pk).exists()


def test_406_for_an_unavailable_response_format(client, pegawai):
    client.force_login(pegawai.user)
    assert_error(client.get("/api/v1/saya/", HTTP_ACCEPT="application/xml"), 406, "not_acceptable")


def test_415_for_a_body_that_is_not_json(client, admin_unit):
    client.force_login(admin_unit)
    response = client.post("/api/v1/unit-kerja/", "<unit/>", content_type="application/xml")
    error = assert_error(response, 415, "unsupported_media_type")
    assert "JSON" in error["message"]


# --- 429 --------------------------------------------------------------------------------------------------------


def _login(client, password):
    return client.post("/api/v1/token/", {"username": "pegawai", "password": password}, content_type="application/json")


def test_429_when_the_token_endpoint_is_called_too_often(client, pegawai):
    statuses = [_login(client, PASSWORD).status_code for _ in range(10)]
    assert statuses == [200] * 10
    response = _login(client, PASSWORD)
    error = assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert "detik" in error["message"]


def test_429_after_repeated_wrong_passwords_even_with_the_right_one(client, pegawai, settings):
    statuses = [_login(client, "salah").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    error = assert_error(_login(client, PASSWORD), 429, "locked_out")
    assert "dikunci" in error["message"]
