from rest_framework.routers import DefaultRouter

from penilaian.api import evaluasi, keberatan, organisasi

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False  # kepegawaian's router already serves the API root
router.register("evaluasi", evaluasi.EvaluasiViewSet, basename="api-evaluasi")
router.register("keberatan", keberatan.KeberatanViewSet, basename="api-keberatan")
router.register("unit-penilaian", organisasi.UnitPenilaianViewSet, basename="api-unit-penilaian")

urlpatterns = router.urls
