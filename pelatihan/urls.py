from django.urls import path

from pelatihan import views

app_name = "pelatihan"

urlpatterns = [
    path("", views.katalog, name="katalog"),
    path("kegiatan/<int:pk>/", views.kegiatan_detail, name="kegiatan-detail"),
    path("peserta/<int:pk>/batal/", views.peserta_batal, name="peserta-batal"),
    path("peserta/<int:pk>/sertifikat.pdf", views.sertifikat_unduh, name="sertifikat"),
    path("saya/", views.saya, name="saya"),
    path("tim/", views.tim, name="tim"),
    path("eksternal/<int:pk>/putuskan/", views.eksternal_putuskan, name="eksternal-putuskan"),
    path("kelola/", views.kelola, name="kelola"),
    path("program/baru/", views.program_baru, name="program-baru"),
    path("program/<int:pk>/", views.program_ubah, name="program-ubah"),
    path("program/<int:pk>/jadwalkan/", views.kegiatan_baru, name="kegiatan-baru"),
    path("kegiatan/<int:pk>/ubah/", views.kegiatan_ubah, name="kegiatan-ubah"),
    path("kepatuhan/", views.kepatuhan, name="kepatuhan"),
    path("kepatuhan.xlsx", views.kepatuhan_xlsx, name="kepatuhan-xlsx"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("verifikasi/<str:kode>/", views.verifikasi, name="verifikasi-kode"),
    path("impor/", views.impor_riwayat, name="impor"),
    path("impor/contoh/<str:nama>", views.impor_contoh, name="impor-contoh"),
    path("dampak/", views.dampak, name="dampak"),
]
