"""Signing in: with the NIP or the username, only while the login and its pegawai are active.

- ``NipAtauUsernameBackend``: Django's ``ModelBackend`` that also finds a login by its pegawai's NIP. Every door
  that signs a person in (the login page, the Django admin, ``POST /api/v1/token/``) goes through it, and so does
  every request of a signed-in session (``get_user``): a pegawai made inactive (by an edit or an import) is out at
  his next request. His data stays.
- ``axes_username``: django-axes counts failures per *login*, not per typed text: "198501012010011001" and
  "demo.pegawai" are the same person, so 5 failures across both lock him (``AXES_USERNAME_CALLABLE``).
- ``TokenAuthentication``: DRF's token, refused for a login that may not sign in (the same predicate).
- ``akun_boleh_masuk``: the one predicate for "may this login sign in".
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication as DrfTokenAuthentication

from kepegawaian.models import Pegawai, User
from kinerja.klien import hitung_jendela

logger = logging.getLogger(__name__)


def akun_boleh_masuk(user) -> bool:
    """An active login whose pegawai (if it has one) is active. A login without a pegawai (an admin, a service
    account) only needs to be active itself."""
    if user is None or not getattr(user, "is_active", False):
        return False
    try:
        pegawai = user.pegawai
    except Pegawai.DoesNotExist:
        return True
    return pegawai.aktif


def akun_by_pengenal(pengenal: str) -> User | None:
    """The login named by what the person typed: its username (exact), else the login of the pegawai with that NIP."""
    pengenal = (pengenal or "").strip()
    if not pengenal:
        return None
    candidates = list(
        User.objects.select_related("pegawai").filter(Q(username=pengenal) | Q(pegawai__nip=pengenal))[:2]
    )
    for user in candidates:
        if user.username == pengenal:
            return user
    return candidates[0] if candidates else None


class NipAtauUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = akun_by_pengenal(username)
        if user is None:
            User().set_password(password)  # the same work as for a real login: no timing difference
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user) -> bool:
        return akun_boleh_masuk(user)

    def get_user(self, user_id):
        user = User.objects.select_related("pegawai").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def axes_username(request, credentials: dict | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the login's username for whatever identifier was typed (NIP or username), so the
    lockout counts both together; an unknown identifier is counted as typed."""
    if credentials:
        typed = credentials.get("username")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        typed = data.get("username") if hasattr(data, "get") else None
    if not typed:
        return typed
    user = akun_by_pengenal(str(typed))
    return user.get_username() if user is not None else str(typed).strip()


class TokenAuthentication(DrfTokenAuthentication):
    """DRF's token, for a login that may still sign in (``akun_boleh_masuk``)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not akun_boleh_masuk(user):
            raise exceptions.AuthenticationFailed(_("Akun tidak aktif."))
        if user.wajib_ganti_sandi:
            raise exceptions.AuthenticationFailed(_("Ganti kata sandi Anda lebih dulu di situs Kinerja."))
        return user, token


# --- "Lupa kata sandi": rate limits --------------------------------------------------------------------------------


def lupa_sandi_klien_boleh(klien: str) -> bool:
    """Requests from one client address (``KINERJA_BATAS_LUPA_SANDI_KLIEN`` = (count, seconds)): past the limit the
    page answers 429, whatever the address typed."""
    jumlah, detik = settings.KINERJA_BATAS_LUPA_SANDI_KLIEN
    return (
        hitung_jendela(f"kepegawaian:lupa-sandi:klien:{salted_hmac('lupa-sandi', klien).hexdigest()[:32]}", detik)
        <= jumlah
    )


def lupa_sandi_akun_boleh(email: str) -> bool:
    """Mails to one address (``KINERJA_BATAS_LUPA_SANDI_AKUN``): past the limit nothing more is sent, and the page
    says the same as always, so that it never reveals whether an account exists."""
    jumlah, detik = settings.KINERJA_BATAS_LUPA_SANDI_AKUN
    kunci = salted_hmac("lupa-sandi", email.strip().casefold()).hexdigest()[:32]
    return hitung_jendela(f"kepegawaian:lupa-sandi:akun:{kunci}", detik) <= jumlah


# --- Two-factor sign-in (django-otp) ---------------------------------------------------------------------------------


def wajib_2fa(user) -> bool:
    """Admin unit and admin BKD accounts (and superusers) sign in with a second factor when ``KINERJA_2FA_ADMIN``
    is on (the default in production; off in the demo and in tests that do not turn it on)."""
    if not getattr(settings, "KINERJA_2FA_ADMIN", False) or not getattr(user, "is_authenticated", False):
        return False
    from kepegawaian.access import akses_for

    return akses_for(user).is_admin


def perangkat_otp(user) -> list:
    """The login's confirmed devices: its authenticator app (TOTP) and its recovery codes (static)."""
    from django_otp import devices_for_user

    return list(devices_for_user(user, confirmed=True))


def punya_totp(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def kode_otp_cocok(user, kode: str):
    """The device that accepts this code (TOTP, or an unused recovery code, which is then used up), or None."""
    from django_otp import match_token

    kode = (kode or "").replace(" ", "").replace("-", "").strip()
    if not kode:
        return None
    return match_token(user, kode)


# --- Single sign-on (OpenID Connect, mozilla-django-oidc) -----------------------------------------------------------


def oidc_aktif() -> bool:
    """SSO is offered only when the provider is configured (``OIDC_RP_CLIENT_ID`` and its endpoints, see settings)."""
    return bool(getattr(settings, "KINERJA_OIDC", False))


class NipOIDCBackend(OIDCAuthenticationBackend):
    """The provider's NIP claim (``OIDC_NIP_CLAIM``, default ``nip``) names the pegawai: his login, or a new one
    (username = NIP, no password: he signs in through the provider) when he has none. An unknown or inactive
    pegawai is refused."""

    def authenticate(self, request, **kwargs):
        """A token that fails a check is a refused sign-in (back to the login page), not a 400 page."""
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            logger.warning("SSO ditolak: %s", exc)
            return None

    def verify_token(self, token, **kwargs):
        """The library checks the signature, the expiry and the nonce; the id_token must also be meant for us (aud)
        and come from the configured issuer (``OIDC_OP_ISSUER``, when set)."""
        payload = super().verify_token(token, **kwargs)
        aud = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (aud if isinstance(aud, list) else [aud]):
            raise SuspiciousOperation("id_token aud does not name this client")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id_token iss is not the configured provider")
        return payload

    def _nip(self, claims: dict) -> str:
        return str(claims.get(getattr(settings, "OIDC_NIP_CLAIM", "nip")) or "").replace(" ", "")

    def verify_claims(self, claims) -> bool:
        return len(self._nip(claims)) == 18 and self._nip(claims).isdigit()

    def filter_users_by_claims(self, claims):
        return User.objects.filter(pegawai__nip=self._nip(claims), pegawai__aktif=True, is_active=True)

    def create_user(self, claims):
        from kepegawaian import services

        pegawai = Pegawai.objects.filter(nip=self._nip(claims), aktif=True, user__isnull=True).first()
        if pegawai is None:
            return None
        return services.akun_sso_create(pegawai=pegawai)

    def update_user(self, user, claims):
        return user

    def get_user(self, user_id):
        return NipAtauUsernameBackend().get_user(user_id)
