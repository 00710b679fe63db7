from django.urls import path
from rest_framework.routers import DefaultRouter

from pelatihan import api, api_dampak

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False  # kepegawaian's router already serves the API root
router.register("pelatihan/program", api.ProgramViewSet, basename="api-pelatihan-program")
router.register("pelatihan/kegiatan", api.KegiatanViewSet, basename="api-pelatihan-kegiatan")
router.register("pelatihan/peserta", api.PesertaViewSet, basename="api-pelatihan-peserta")
router.register("pelatihan/eksternal", api.EksternalViewSet, basename="api-pelatihan-eksternal")

urlpatterns = [
    path("pelatihan/jp/", api.JpSayaView.as_view(), name="api-pelatihan-jp"),
    path("pelatihan/verifikasi/<str:kode>/", api.VerifikasiView.as_view(), name="api-pelatihan-verifikasi"),
    *router.urls,
    path("pelatihan/dampak/", api_dampak.DampakView.as_view(), name="api-pelatihan-dampak"),
]
