from django.urls import path
from rest_framework.routers import DefaultRouter

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
