"""What a signed-in person must do before anything else, in this order:

1. an admin account (``masuk.wajib_2fa``) not yet verified with its second factor in this session: enrol the
   authenticator app or type its code (``otp-daftar`` / ``otp-verifikasi``);
2. a login whose password was set by someone else (``User.wajib_ganti_sandi``: a one-time code, an admin's reset):
   choose his own (``password_change``).

Pages go there by redirect (with ``?next=``); the API answers 403 in its error shape. Sign-out, the language switch
and the pages of the step itself stay open. After ``django_otp.middleware.OTPMiddleware``.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kepegawaian import masuk

_SELALU_BOLEH = {"logout", "set_language", "admin:logout"}
_LANGKAH_OTP = {"otp-daftar", "otp-verifikasi"}
_LANGKAH_SANDI = {"password_change", "password_change_done"}


def _nama_rute(request) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _api(request) -> bool:
    return request.path_info.startswith("/api/")


def _tolak_api(code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"status": 403, "code": code, "message": message}}, status=403)


class AkunMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            answer = self._langkah(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _langkah(self, request, user):
        perlu_otp = masuk.wajib_2fa(user) and not user.is_verified()
        perlu_sandi = getattr(user, "wajib_ganti_sandi", False)
        if not perlu_otp and not perlu_sandi:
            return None
        nama = _nama_rute(request)
        if nama in _SELALU_BOLEH:
            return None
        nxt = {"next": request.get_full_path()} if request.method == "GET" else {}
        if perlu_otp:
            if nama in _LANGKAH_OTP or nama == "otp-cadangan":
                return None
            if _api(request):
                return _tolak_api(
                    "otp_required", _("Akun admin harus diverifikasi dengan kode autentikator lebih dulu.")
                )
            langkah = "otp-verifikasi" if masuk.perangkat_otp(user) else "otp-daftar"
            return redirect(f"{reverse(langkah)}?{urlencode(nxt)}" if nxt else reverse(langkah))
        if nama in _LANGKAH_SANDI or nama in _LANGKAH_OTP or nama == "otp-cadangan":
            return None
        if _api(request):
            return _tolak_api("password_change_required", _("Ganti kata sandi Anda lebih dulu di situs Kinerja."))
        return redirect(reverse("password_change"))
