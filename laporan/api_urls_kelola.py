"""The officers' report API (``/api/v1/laporan/``): moderation of citizens' questions."""

from rest_framework.routers import SimpleRouter

from laporan import api

router = SimpleRouter(trailing_slash=True)
router.register("pertanyaan", api.PertanyaanKelolaViewSet, basename="api-laporan-pertanyaan")

urlpatterns = router.urls
