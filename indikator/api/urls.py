"""The indikator API under ``/api/v1/`` (included by ``kinerja.urls``): one router, the viewsets of each sub-domain."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from indikator.api import indikator_unit, periode, realisasi, rhk_iki, skp, tim_dasbor, umpan_balik

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False  # kepegawaian's router already serves the API root
router.register("periode", periode.PeriodeViewSet, basename="api-periode")
router.register("indikator-unit", indikator_unit.IndikatorUnitViewSet, basename="api-indikator-unit")
router.register("skp", skp.SkpViewSet, basename="api-skp")
router.register("rhk", rhk_iki.RhkViewSet, basename="api-rhk")
router.register("iki", rhk_iki.IkiViewSet, basename="api-iki")
router.register("realisasi", realisasi.RealisasiViewSet, basename="api-realisasi")
router.register("bukti-dukung", realisasi.BuktiDukungViewSet, basename="api-bukti-dukung")
router.register("umpan-balik", umpan_balik.UmpanBalikViewSet, basename="api-umpan-balik")
router.register("dialog-kinerja", umpan_balik.DialogKinerjaViewSet, basename="api-dialog-kinerja")
router.register("pembukaan-kembali", periode.PembukaanKembaliViewSet, basename="api-pembukaan-kembali")

urlpatterns = [
    path("kaskade/", tim_dasbor.KaskadeView.as_view(), name="api-kaskade"),
    path("tim/", tim_dasbor.TimView.as_view(), name="api-tim"),
    path("tim/xlsx/", tim_dasbor.TimXlsxView.as_view(), name="api-tim-xlsx"),
    path("dasbor/", tim_dasbor.DasborView.as_view(), name="api-dasbor"),
    *router.urls,
]
