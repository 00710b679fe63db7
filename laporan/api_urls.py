from rest_framework.routers import SimpleRouter

from laporan import api

router = SimpleRouter(trailing_slash=True)
router.register("", api.LaporanPublikViewSet, basename="api-laporan-publik")

urlpatterns = router.urls
