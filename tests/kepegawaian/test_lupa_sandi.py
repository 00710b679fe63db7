""" "Lupa kata sandi": Indonesian pages and mail, the same answer for a known and an unknown address, rate limits per
client and per address, the new password through the service (audited, forced change cleared)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.cache_uji import kosongkan_cache

SANDI_BARU = "Jakarta-Kinerja-2024"


@pytest.fixture(autouse=True)
def _kosongkan_cache():
    kosongkan_cache()
    yield
    kosongkan_cache()


@pytest.fixture
def berpos(pegawai):
    pegawai.user.email = "budi@jakarta.go.id"
    pegawai.user.wajib_ganti_sandi = True
    pegawai.user.save()
    return pegawai


def _minta(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_reset_by_mail_in_indonesian_then_sign_in_with_the_new_password(client, berpos):
    page = client.get(reverse("password_reset")).content.decode()
    assert "<h1>Lupa kata sandi</h1>" in page
    response = _minta(client, "BUDI@jakarta.go.id")
    assert response["Location"] == reverse("password_reset_done")
    (surat,) = mail.outbox
    assert surat.subject == "Kata sandi baru untuk akun Kinerja Anda"
    assert "Nama pengguna Anda: pegawai (Anda juga dapat masuk dengan NIP)." in surat.body
    path = re.search(r"http://testserver(/akun/reset/\S+/)", surat.body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert response["Location"] == reverse("password_reset_complete")
    berpos.user.refresh_from_db()
    assert berpos.user.check_password(SANDI_BARU) and not berpos.user.wajib_ganti_sandi
    assert client.post(reverse("login"), {"username": berpos.nip, "password": SANDI_BARU}).status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(client, berpos):
    known = _minta(client, "budi@jakarta.go.id")
    unknown = _minta(client, "tidak.ada@jakarta.go.id")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_inactive_pegawai_gets_no_mail(client, berpos, admin_unit):
    from kepegawaian import services

    services.pegawai_update(actor=admin_unit, pegawai=berpos, aktif=False)
    assert _minta(client, "budi@jakarta.go.id")["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_mails_per_address_are_limited_without_revealing_it(client, berpos, settings):
    settings.KINERJA_BATAS_LUPA_SANDI_AKUN = (2, 3600)
    answers = {_minta(client, "budi@jakarta.go.id", REMOTE_ADDR=f"10.0.0.{i}")["Location"] for i in range(4)}
    assert answers == {reverse("password_reset_done")}
    assert len(mail.outbox) == 2


def test_requests_per_client_are_limited_with_429(client, berpos, settings):
    settings.KINERJA_BATAS_LUPA_SANDI_KLIEN = (3, 3600)
    for i in range(3):
        assert _minta(client, f"orang{i}@jakarta.go.id").status_code == 302
    response = _minta(client, "budi@jakarta.go.id")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan dari alamat Anda." in response.content.decode()
    assert mail.outbox == []
    # Another client is not affected.
    assert _minta(client, "budi@jakarta.go.id", REMOTE_ADDR="10.9.9.9").status_code == 302


def test_a_used_reset_link_no_longer_works(client, berpos):
    _minta(client, "budi@jakarta.go.id")
    path = re.search(r"http://testserver(/akun/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert "Tautan ini tidak berlaku lagi" in client.get(path, follow=True).content.decode()


def test_sandi_change_service_refuses_another_login(pegawai, outsider):
    from django.core.exceptions import PermissionDenied

    from kepegawaian import services

    with pytest.raises(PermissionDenied):
        services.sandi_change(actor=outsider.user, user=pegawai.user, password=SANDI_BARU)
