from csp.decorators import csp_replace
from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kinerja import api, api_tugas, health, views
from kinerja.forms import FormMasuk

api_v1: list[URLPattern | URLResolver] = [
    path("", include("kepegawaian.api_urls")),
    path("", include("indikator.api.urls")),
    path("", include("pelatihan.api_urls")),
    path("partisipasi/", include("partisipasi.api_urls")),
    path("tugas/", api_tugas.TugasView.as_view(), name="api-tugas"),
    path("", include("penilaian.api_urls")),
    path("publik/laporan/", include("laporan.api_urls")),
    path("laporan/", include("laporan.api_urls_kelola")),
]

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("healthz", health.healthz, name="healthz"),
    path("sehat/", health.sehat, name="sehat"),
    path("tugas/jumlah/", views.tugas_jumlah, name="tugas-jumlah"),
    path("akun/login/", LoginView.as_view(authentication_form=FormMasuk), name="login"),
    path("akun/", include("kepegawaian.masuk_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI: its start script is a separate file (the split view), so script-src stays 'self'; the UI's own
    # inline styles need style-src 'unsafe-inline' on this page only.
    path(
        "api/docs/",
        csp_replace({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    # After every API route: an unknown /api/ address gets the JSON error shape, not an HTML page.
    re_path(r"^api/", api.api_not_found),
    path("kepegawaian/", include("kepegawaian.urls")),
    path("indikator/", include("indikator.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("pelatihan/", include("pelatihan.urls")),
    path("partisipasi/", include("partisipasi.urls")),
    path("laporan/", include("laporan.urls")),
]

# Errors Django answers itself: under /api/ in the one JSON error shape (kinerja.api), elsewhere Django's pages.
handler400 = "kinerja.api.handler400"
handler500 = "kinerja.api.handler500"
