"""The account pages under ``akun/`` (Django's names, without a namespace, so Django's own templates and views find
them): sign-out, change password, "Lupa kata sandi", activation of a login created in bulk, two-factor sign-in and
single sign-on. ``akun/login/`` itself is in ``kinerja/urls.py``."""

from django.contrib.auth import views as auth_views
from django.urls import path

from kepegawaian.views import masuk, otp, sso

urlpatterns = [
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", masuk.GantiSandiView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password_reset/", masuk.LupaSandiView.as_view(), name="password_reset"),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", masuk.SandiBaruView.as_view(), name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("aktivasi/<uidb64>/<token>/", masuk.AktivasiView.as_view(), name="aktivasi"),
    path("aktivasi/selesai/", masuk.AktivasiSelesaiView.as_view(), name="aktivasi-selesai"),
    # Two-factor sign-in (TOTP) of admin accounts.
    path("2fa/", otp.otp_daftar, name="otp-daftar"),
    path("2fa/verifikasi/", otp.otp_verifikasi, name="otp-verifikasi"),
    path("2fa/kode-cadangan/", otp.otp_cadangan, name="otp-cadangan"),
    # OpenID Connect single sign-on (404 unless configured).
    path("sso/", sso.SsoMulaiView.as_view(), name="oidc_authentication_init"),
    path("sso/callback/", sso.SsoCallbackView.as_view(), name="oidc_authentication_callback"),
]
