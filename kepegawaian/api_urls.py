from django.urls import path
from rest_framework.routers import DefaultRouter, SimpleRouter

from kepegawaian import api

router = DefaultRouter(trailing_slash=True)
router.register("unit-kerja", api.UnitKerjaViewSet, basename="api-unit-kerja")
router.register("jabatan", api.JabatanViewSet, basename="api-jabatan")
router.register("pegawai", api.PegawaiViewSet, basename="api-pegawai")

urlpatterns = [
    path("saya/", api.SayaView.as_view(), name="api-saya"),
    path("token/", api.TokenView.as_view(), name="api-token"),
    path("token/ganti/", api.TokenGantiView.as_view(), name="api-token-ganti"),
    *router.urls,
]

# Logins and granted admin roles.
peran_router = SimpleRouter(trailing_slash=True)
peran_router.register("peran-admin", api.PeranAdminViewSet, basename="api-peran-admin")
urlpatterns += [
    path("pegawai/<int:id>/akun/", api.PegawaiAkunView.as_view(), name="api-pegawai-akun"),
    *peran_router.urls,
]
