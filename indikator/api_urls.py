from django.urls import path
from rest_framework.routers import DefaultRouter

from indikator import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False  # kepegawaian's router already serves the API root
router.register("periode", api.PeriodeViewSet, basename="api-periode")
router.register("indikator-unit", api.IndikatorUnitViewSet, basename="api-indikator-unit")
router.register("skp", api.SkpViewSet, basename="api-skp")
router.register("rhk", api.RhkViewSet, basename="api-rhk")
router.register("iki", api.IkiViewSet, basename="api-iki")
router.register("realisasi", api.RealisasiViewSet, basename="api-realisasi")
router.register("bukti-dukung", api.BuktiDukungViewSet, basename="api-bukti-dukung")
router.register("umpan-balik", api.UmpanBalikViewSet, basename="api-umpan-balik")

urlpatterns = [
    path("kaskade/", api.KaskadeView.as_view(), name="api-kaskade"),
    *router.urls,
]
