"""GET /healthz: 200 with every dependency up, 503 naming the one that is down."""

import time

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_cache_and_broker_are_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}


def test_healthz_needs_no_login_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_broker_down_with_503(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "error"}
    assert "broker" in body["message"]
    assert "127.0.0.1:1" not in response.content.decode()  # no connection details leak to the public
    assert elapsed < 5


def test_healthz_reports_missing_filesystem_broker_folder(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "tidak-ada"),
        "data_folder_out": str(tmp_path / "tidak-ada"),
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error"


def test_healthz_reports_cache_down(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis hilang")

    monkeypatch.setattr(cache, "set", broken_set)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error", "broker": "ok"}


def test_healthz_reports_database_down(client, monkeypatch):
    from kinerja import health

    def broken_database():
        raise health.connections["default"].Database.OperationalError("server closed the connection")

    monkeypatch.setitem(health.CHECKS, "database", broken_database)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"
    assert "database" in response.json()["message"]


def test_worker_check_is_ignored_for_anonymous_in_production(client, settings):
    settings.DEBUG = False

    response = client.get("/healthz?worker=1")

    assert response.status_code == 200
    assert "worker" not in response.json()["checks"]


def test_worker_check_is_error_without_waiting_when_broker_is_down(client, settings):
    settings.DEBUG = True
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz?worker=1")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "error"
