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

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication as DrfTokenAuthentication

from kepegawaian.models import Pegawai, User


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
        return user, token
