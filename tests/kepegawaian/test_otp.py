"""Two-factor sign-in (TOTP) for admin accounts when KINERJA_2FA_ADMIN is on: enrolment with a QR code, the
verification step after the password, recovery codes, the API token endpoint and session API calls."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kepegawaian import services
from tests.api_helpers import post_json

PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _2fa_on(settings):
    settings.KINERJA_2FA_ADMIN = True


def _kode(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _masuk(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_admin_is_sent_to_enrol_then_enrols_and_gets_recovery_codes(client, admin_unit):
    _masuk(client, "admin.unit")
    response = client.get(reverse("kepegawaian:organisasi"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp-daftar"))
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Autentikasi dua faktor" in page
    device = TOTPDevice.objects.get(user=admin_unit, confirmed=False)
    wrong = client.post(reverse("otp-daftar"), {"kode": "000000" if _kode(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "Kode tidak cocok." in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows guessing down
    device.throttle_reset()
    response = client.post(reverse("otp-daftar"), {"kode": _kode(device), "next": "/kepegawaian/organisasi/"})
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("kepegawaian:organisasi")).status_code == 200


def test_enrolled_admin_must_type_a_code_after_his_password(client, admin_bkd):
    device = TOTPDevice.objects.create(user=admin_bkd, name="app", confirmed=True)
    _masuk(client, "admin.bkd")
    response = client.get(reverse("beranda"))
    assert response["Location"].startswith(reverse("otp-verifikasi"))
    assert client.get("/api/v1/saya/").json()["error"]["code"] == "otp_required"
    bad = client.post(reverse("otp-verifikasi"), {"kode": "12"})
    assert bad.status_code == 400
    assert "Kode salah atau sudah kedaluwarsa." in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(reverse("otp-verifikasi"), {"kode": _kode(device), "next": "/"})
    assert ok["Location"] == "/"
    assert client.get(reverse("beranda")).status_code == 200
    assert client.get("/api/v1/saya/").status_code == 200


def test_a_recovery_code_works_once(client, admin_bkd):
    TOTPDevice.objects.create(user=admin_bkd, name="app", confirmed=True)
    codes = services.otp_kode_cadangan_rotate(actor=admin_bkd, user=admin_bkd)
    _masuk(client, "admin.bkd")
    assert client.post(reverse("otp-verifikasi"), {"kode": codes[0]}).status_code == 302
    client.logout()
    _masuk(client, "admin.bkd")
    assert client.post(reverse("otp-verifikasi"), {"kode": codes[0]}).status_code == 400


def test_pegawai_without_admin_role_needs_no_second_factor(client, pegawai):
    _masuk(client, "pegawai")
    assert client.get(reverse("beranda")).status_code == 200


def test_token_endpoint_cannot_bypass_the_second_factor(client, admin_bkd):
    device = TOTPDevice.objects.create(user=admin_bkd, name="app", confirmed=True)
    response = post_json(client, "/api/v1/token/", {"username": "admin.bkd", "password": PASSWORD})
    assert response.status_code == 400
    assert "kode_otp" in response.json()["error"]["fields"]
    response = post_json(
        client, "/api/v1/token/", {"username": "admin.bkd", "password": PASSWORD, "kode_otp": _kode(device)}
    )
    assert response.status_code == 200


def test_token_endpoint_refuses_an_admin_with_no_second_factor_enrolled(client, admin_unit):
    response = post_json(client, "/api/v1/token/", {"username": "admin.unit", "password": PASSWORD, "kode_otp": "1"})
    assert response.status_code == 400


def test_demo_setting_off_lets_admins_in_with_the_password(client, admin_bkd, settings):
    settings.KINERJA_2FA_ADMIN = False
    _masuk(client, "admin.bkd")
    assert client.get(reverse("beranda")).status_code == 200


def test_outsider_cannot_enrol_or_rotate_someone_elses_second_factor(outsider, admin_bkd):
    from django.core.exceptions import PermissionDenied

    device = TOTPDevice.objects.create(user=admin_bkd, name="app", confirmed=False)
    with pytest.raises(PermissionDenied):
        services.otp_enrol(actor=outsider.user, user=admin_bkd, device=device, kode=_kode(device))
    with pytest.raises(PermissionDenied):
        services.otp_kode_cadangan_rotate(actor=outsider.user, user=admin_bkd)


def test_production_default_is_on():
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; print(settings.KINERJA_2FA_ADMIN)"
    env = {
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "kinerja.example",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip().endswith("True")
