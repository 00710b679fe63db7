from django.urls import path

from indikator.views import indikator_unit, pemantauan, periode, realisasi, rhk_iki, skp, tim_dasbor, umpan_balik

app_name = "indikator"

urlpatterns = [
    path("skp/", skp.skp_saya, name="skp-saya"),
    path("skp/<int:pk>/", skp.skp_detail, name="skp-detail"),
    path("skp/<int:pk>/lampiran/", skp.skp_lampiran, name="skp-lampiran"),
    path("skp/<int:pk>/ajukan/", skp.skp_ajukan, name="skp-ajukan"),
    path("skp/<int:pk>/kembalikan/", skp.skp_kembalikan, name="skp-kembalikan"),
    path("skp/<int:pk>/setujui/", skp.skp_setujui, name="skp-setujui"),
    path("skp/<int:pk>/revisi/", skp.skp_revisi, name="skp-revisi"),
    path("skp/<int:pk>/ekspektasi/", skp.skp_ekspektasi, name="skp-ekspektasi"),
    path("skp/<int:pk>/dialog/", skp.skp_dialog, name="skp-dialog"),
    path("skp/<int:pk>/pdf/", skp.skp_pdf, name="skp-pdf"),
    path("skp/<int:pk>/rhk/tambah/", rhk_iki.rhk_tambah, name="rhk-tambah"),
    path("rhk/<int:pk>/ubah/", rhk_iki.rhk_ubah, name="rhk-ubah"),
    path("rhk/<int:pk>/hapus/", rhk_iki.rhk_hapus, name="rhk-hapus"),
    path("rhk/<int:pk>/iki/tambah/", rhk_iki.iki_tambah, name="iki-tambah"),
    path("iki/<int:pk>/ubah/", rhk_iki.iki_ubah, name="iki-ubah"),
    path("iki/<int:pk>/hapus/", rhk_iki.iki_hapus, name="iki-hapus"),
    path("iki/<int:pk>/realisasi/", realisasi.iki_realisasi, name="iki-realisasi"),
    path("iki/<int:pk>/realisasi/<int:ke>/", realisasi.realisasi_simpan, name="realisasi-simpan"),
    path("iki/<int:pk>/umpan-balik/<int:ke>/", umpan_balik.umpan_balik_tambah, name="umpan-balik-tambah"),
    path("umpan-balik/<int:pk>/balas/", umpan_balik.umpan_balik_balas, name="umpan-balik-balas"),
    path("bukti/<int:pk>/hapus/", realisasi.bukti_hapus, name="bukti-hapus"),
    path("bukti/<int:pk>/unduh/", realisasi.bukti_unduh, name="bukti-unduh"),
    path("dasbor/", tim_dasbor.dasbor, name="dasbor"),
    path("tim/", tim_dasbor.tim, name="tim"),
    path("tim/realisasi.xlsx", tim_dasbor.tim_xlsx, name="tim-xlsx"),
    path("tim/kaskade/", tim_dasbor.kaskade, name="kaskade"),
    path("periode/", periode.periode_admin, name="periode"),
    path("periode/<int:pk>/status/", periode.periode_status, name="periode-status"),
    path("pembukaan-kembali/", periode.pembukaan_kembali, name="pembukaan-kembali"),
    path("indikator-unit/", indikator_unit.indikator_unit_admin, name="indikator-unit"),
    path("pemantauan/", pemantauan.pemantauan_skp, name="pemantauan"),
]
