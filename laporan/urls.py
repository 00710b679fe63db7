from django.urls import path

from laporan.views import kelola, pertanyaan, publik, target

app_name = "laporan"

urlpatterns = [
    # the public site (no login)
    path("", publik.daftar, name="daftar"),
    path("<int:pk>/", publik.detail, name="detail"),
    path("<int:pk>/versi/<int:nomor>/", publik.detail, name="detail-versi"),
    path("<int:pk>/tabel/<slug:kunci>.csv", publik.tabel_csv, name="tabel-csv"),
    path("<int:pk>/tabel/<slug:kunci>.json", publik.tabel_json, name="tabel-json"),
    path("<int:pk>/laporan.pdf", publik.pdf, name="pdf"),
    path("<int:pk>/grafik/<slug:nama>.svg", publik.grafik_svg, name="grafik"),
    path("<int:pk>/tanya/", publik.tanya, name="tanya"),
    path("data/", publik.katalog, name="katalog"),
    path("data/dcat.jsonld", publik.dcat, name="dcat"),
    # the admins' pages
    path("kelola/", kelola.kelola_daftar, name="kelola-daftar"),
    path("kelola/<int:pk>/", kelola.tinjau, name="tinjau"),
    path("kelola/<int:pk>/terbit/", kelola.terbit, name="terbit"),
    path("kelola/<int:pk>/tarik/", kelola.tarik, name="tarik"),
    path("kelola/proses/", kelola.run_daftar, name="run-daftar"),
    path("kelola/proses/<int:pk>/", kelola.run_detail, name="run-detail"),
    path("kelola/proses/<int:pk>/unit/<int:item_pk>/ulang/", kelola.item_ulang, name="item-ulang"),
    path("kelola/pertanyaan/", pertanyaan.pertanyaan_daftar, name="pertanyaan-daftar"),
    path("kelola/pertanyaan/<int:pk>/setujui/", pertanyaan.pertanyaan_setujui, name="pertanyaan-setujui"),
    path("kelola/pertanyaan/<int:pk>/sembunyikan/", pertanyaan.pertanyaan_sembunyikan, name="pertanyaan-sembunyikan"),
    path("kelola/pertanyaan/<int:pk>/jawab/", pertanyaan.pertanyaan_jawab, name="pertanyaan-jawab"),
    path("kelola/target-menengah/", target.target_daftar, name="target-daftar"),
    path("kelola/target-menengah/<int:pk>/hapus/", target.target_hapus, name="target-hapus"),
]
