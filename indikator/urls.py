from django.urls import path

from indikator import views, views_pemantauan

app_name = "indikator"

urlpatterns = [
    path("skp/", views.skp_saya, name="skp-saya"),
    path("skp/<int:pk>/", views.skp_detail, name="skp-detail"),
    path("skp/<int:pk>/lampiran/", views.skp_lampiran, name="skp-lampiran"),
    path("skp/<int:pk>/ajukan/", views.skp_ajukan, name="skp-ajukan"),
    path("skp/<int:pk>/kembalikan/", views.skp_kembalikan, name="skp-kembalikan"),
    path("skp/<int:pk>/setujui/", views.skp_setujui, name="skp-setujui"),
    path("skp/<int:pk>/revisi/", views.skp_revisi, name="skp-revisi"),
    path("skp/<int:pk>/ekspektasi/", views.skp_ekspektasi, name="skp-ekspektasi"),
    path("skp/<int:pk>/dialog/", views.skp_dialog, name="skp-dialog"),
    path("skp/<int:pk>/pdf/", views.skp_pdf, name="skp-pdf"),
    path("skp/<int:pk>/rhk/tambah/", views.rhk_tambah, name="rhk-tambah"),
    path("rhk/<int:pk>/ubah/", views.rhk_ubah, name="rhk-ubah"),
    path("rhk/<int:pk>/hapus/", views.rhk_hapus, name="rhk-hapus"),
    path("rhk/<int:pk>/iki/tambah/", views.iki_tambah, name="iki-tambah"),
    path("iki/<int:pk>/ubah/", views.iki_ubah, name="iki-ubah"),
    path("iki/<int:pk>/hapus/", views.iki_hapus, name="iki-hapus"),
    path("iki/<int:pk>/realisasi/", views.iki_realisasi, name="iki-realisasi"),
    path("iki/<int:pk>/realisasi/<int:ke>/", views.realisasi_simpan, name="realisasi-simpan"),
    path("iki/<int:pk>/umpan-balik/<int:ke>/", views.umpan_balik_tambah, name="umpan-balik-tambah"),
    path("umpan-balik/<int:pk>/balas/", views.umpan_balik_balas, name="umpan-balik-balas"),
    path("bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti-hapus"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti-unduh"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("tim/", views.tim, name="tim"),
    path("tim/realisasi.xlsx", views.tim_xlsx, name="tim-xlsx"),
    path("tim/kaskade/", views.kaskade, name="kaskade"),
    path("periode/", views.periode_admin, name="periode"),
    path("periode/<int:pk>/status/", views.periode_status, name="periode-status"),
    path("pembukaan-kembali/", views.pembukaan_kembali, name="pembukaan-kembali"),
    path("indikator-unit/", views.indikator_unit_admin, name="indikator-unit"),
    path("pemantauan/", views_pemantauan.pemantauan_skp, name="pemantauan"),
]
