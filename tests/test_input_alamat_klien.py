"""One setting, KINERJA_TRUSTED_PROXIES, decides how the client address is read: DRF's throttles, django-axes and
the audit log alike. Default: no proxy is trusted, a forged X-Forwarded-For changes nothing. Behind one proxy,
the address the proxy appended identifies the client, so locking one client does not lock everybody."""

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory

from kinerja.klien import alamat_klien
from tests.cache_uji import kosongkan_cache

PASSWORD = "rahasia-uji-123"
PROXY = "10.9.9.9"


@pytest.fixture(autouse=True)
def _cache_kosong(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "klien"}}
    kosongkan_cache()
    yield
    kosongkan_cache()


@pytest.fixture
def di_belakang_proxy(settings):
    settings.KINERJA_TRUSTED_PROXIES = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def _token(client, username, password, **headers):
    return client.post(
        "/api/v1/token/",
        {"username": username, "password": password},
        content_type="application/json",
        **headers,
    )


def test_the_address_is_remote_addr_when_no_proxy_is_trusted(settings):
    settings.KINERJA_TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert alamat_klien(request) == "203.0.113.5"


def test_behind_one_proxy_the_address_the_proxy_appended_is_the_client(settings):
    settings.KINERJA_TRUSTED_PROXIES = 1
    forged = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert alamat_klien(forged) == "203.0.113.5"
    no_header = RequestFactory().get("/", REMOTE_ADDR=PROXY)
    assert alamat_klien(no_header) == PROXY


def test_forged_forwarded_for_headers_do_not_escape_the_token_throttle(client, pegawai):
    # A new username each time, so that django-axes' lockout (username + address) does not answer first.
    responses = [_token(client, f"tebak-{i}", "salah", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}") for i in range(12)]
    assert [r.status_code for r in responses[:10]] == [400] * 10
    assert [r.json()["error"]["code"] for r in responses[10:]] == ["throttled", "throttled"]


def test_forged_forwarded_for_headers_do_not_escape_the_lockout(client, pegawai, settings):
    username = pegawai.user.username
    for i in range(settings.AXES_FAILURE_LIMIT):
        _token(client, username, "salah", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    # The right password from "another" forged address: still the same client (REMOTE_ADDR), still locked.
    response = _token(client, username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_behind_one_proxy_the_guessing_client_is_locked_and_the_others_are_not(
    client, pegawai, settings, di_belakang_proxy
):
    username = pegawai.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _token(client, username, "salah", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")

    locked = _token(client, username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "locked_out"

    other = _token(client, username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert other.status_code == 200, other.content
    # The audit log names the same client as the throttle and the lockout.
    entry = LogEntry.objects.filter(object_pk=str(pegawai.user.pk)).latest("timestamp")
    assert entry.remote_addr == "203.0.113.20"


def test_behind_one_proxy_the_throttle_counts_per_client_not_per_proxy(client, pegawai, di_belakang_proxy):
    for i in range(10):
        _token(client, f"tebak-{i}", "salah", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    guessing = _token(client, "tebak-x", "salah", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert guessing.json()["error"]["code"] == "throttled"
    other = _token(client, "tebak-x", "salah", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert other.status_code == 400
