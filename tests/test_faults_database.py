"""A database error raised while a request is served (server restarting, connection cut) gives a 503 with
Retry-After: the one JSON error shape under /api/, a short page elsewhere; never Django's 500.
tests/test_faults_postgres.py proves the same against a real PostgreSQL that is restarted."""

from django.db import InterfaceError, OperationalError
from django.urls import reverse

from tests.api_helpers import api_error


def _gagal(exc):
    def tiruan(*args, **kwargs):
        raise exc

    return tiruan


def test_api_answers_503_in_the_error_shape_when_the_database_does_not_answer(client, pegawai, monkeypatch):
    from kepegawaian.api import akun

    monkeypatch.setattr(akun, "authenticate", _gagal(OperationalError("server closed the connection unexpectedly")))
    response = client.post("/api/v1/token/", {"username": "pegawai", "password": "x"}, content_type="application/json")

    assert response.status_code == 503
    error = api_error(response)
    assert error["code"] == "service_unavailable" and "basis data" in error["message"]
    assert response["Retry-After"] == "5"


def test_html_page_answers_503_when_the_connection_is_gone(client, admin_bkd, monkeypatch):
    from kepegawaian.views import impor

    client.force_login(admin_bkd)
    monkeypatch.setattr(impor.access, "akses_for", _gagal(InterfaceError("connection already closed")))
    response = client.get(reverse("kepegawaian:impor"))

    assert response.status_code == 503
    assert "Layanan sedang terganggu" in response.content.decode()
    assert response["Retry-After"] == "5"
