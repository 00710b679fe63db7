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
router.register("dialog-kinerja", api.DialogKinerjaViewSet, basename="api-dialog-kinerja")
router.register("pembukaan-kembali", api.PembukaanKembaliViewSet, basename="api-pembukaan-kembali")

urlpatterns = [
    path("kaskade/", api.KaskadeView.as_view(), name="api-kaskade"),
    path("tim/", api.TimView.as_view(), name="api-tim"),
    path("tim/xlsx/", api.TimXlsxView.as_view(), name="api-tim-xlsx"),
    path("dasbor/", api.DasborView.as_view(), name="api-dasbor"),
    *router.urls,
]
