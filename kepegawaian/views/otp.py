"""Two-factor sign-in (TOTP, django-otp) for admin accounts: enrolment with a QR code, the verification step after
the password, recovery codes. ``kepegawaian.middleware.AkunMiddleware`` sends an admin here until he is verified."""

from base64 import b32encode

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kepegawaian import masuk, services
from kinerja.forms import run_form


class KodeForm(forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("Kode QR autentikator"))


@login_required
@require_http_methods(["GET", "POST"])
def otp_daftar(request):
    """Enrol the authenticator app: scan the QR code, type the code it shows. A login that already has one and is
    not verified in this session is sent to the verification step (enrolling again needs the current factor)."""
    user = request.user
    if masuk.punya_totp(user) and not user.is_verified():
        return redirect(f"{_url('otp-verifikasi')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Aplikasi autentikator"), confirmed=False)
    form = KodeForm(request.POST or None)
    if request.method == "POST":
        codes: list[str] = []
        ok, status = run_form(
            form, lambda data: codes.extend(services.otp_enrol(actor=user, user=user, device=device, kode=data["kode"]))
        )
        if ok:
            device.refresh_from_db()
            otp_login(request, device)
            return render(request, "registration/otp_cadangan.html", {"codes": codes, "next": _next(request)})
        status_code = status
    else:
        status_code = 200
    context = {
        "form": form,
        "qr": _qr_svg(device),
        "rahasia": device.bin_key and _base32(device.bin_key),
        "sudah": masuk.punya_totp(user),
        "next": _next(request),
    }
    return render(request, "registration/otp_daftar.html", context, status=status_code)


def _base32(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _url(name: str) -> str:
    return reverse(name)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verifikasi(request):
    """The second step after the password: a code of the authenticator app, or one recovery code."""
    user = request.user
    if not masuk.perangkat_otp(user):
        return redirect(f"{_url('otp-daftar')}?next={_next(request)}")
    form = KodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = masuk.kode_otp_cocok(user, form.cleaned_data["kode"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("kode", _("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil di aplikasi."))
        status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "registration/otp_verifikasi.html", {"form": form, "next": _next(request)}, status=status)


@login_required
@require_POST
def otp_cadangan(request):
    """New recovery codes, shown once; only in a session verified with the second factor."""
    user = request.user
    if not user.is_verified():
        return redirect(f"{_url('otp-verifikasi')}?next={_url('otp-daftar')}")
    codes = services.otp_kode_cadangan_rotate(actor=user, user=user)
    return render(request, "registration/otp_cadangan.html", {"codes": codes, "next": _url("otp-daftar")})
