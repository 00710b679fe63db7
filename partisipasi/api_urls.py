from rest_framework.routers import SimpleRouter

from partisipasi import api

router = SimpleRouter(trailing_slash=True)
router.register("kategori", api.KategoriViewSet, basename="api-partisipasi-kategori")
router.register("kelurahan", api.KelurahanViewSet, basename="api-partisipasi-kelurahan")
router.register("pengaduan", api.PengaduanPublikViewSet, basename="api-pengaduan-publik")
router.register("lacak", api.LacakViewSet, basename="api-pengaduan-lacak")
router.register("petugas/pengaduan", api.PetugasPengaduanViewSet, basename="api-pengaduan-petugas")
router.register("peran-petugas", api.PeranPetugasViewSet, basename="api-peran-petugas")
router.register("peringkat", api.PeringkatViewSet, basename="api-partisipasi-peringkat")
router.register("angka", api.AngkaUnitViewSet, basename="api-partisipasi-angka")
router.register("iki-terhitung", api.IkiTerhitungViewSet, basename="api-iki-terhitung")
router.register("integrasi/pengaduan", api.IntegrasiPengaduanViewSet, basename="api-integrasi-pengaduan")
router.register("forum", api.ForumPublikViewSet, basename="api-forum-publik")
router.register("aspirasi", api.AspirasiPublikViewSet, basename="api-aspirasi-publik")
router.register("petugas/forum", api.PetugasForumViewSet, basename="api-forum-petugas")
router.register("petugas/aspirasi", api.PetugasAspirasiViewSet, basename="api-aspirasi-petugas")

urlpatterns = router.urls
