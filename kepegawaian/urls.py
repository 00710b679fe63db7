from django.urls import path

from kepegawaian.views import akun, akun_massal, impor, unit_pegawai

app_name = "kepegawaian"

urlpatterns = [
    path("profil/", unit_pegawai.profil, name="profil"),
    path("profil/ringkasan-tugas/", unit_pegawai.ringkasan_tugas, name="ringkasan-tugas"),
    path("organisasi/", unit_pegawai.organisasi, name="organisasi"),
    path("unit/<int:pk>/", unit_pegawai.unit_detail, name="unit-detail"),
    path("pegawai/<int:pk>/", unit_pegawai.pegawai_detail, name="pegawai-detail"),
    path("audit/", unit_pegawai.audit, name="audit"),
    path("impor/", impor.impor_form, name="impor"),
    path("impor/<int:pk>/", impor.impor_job, name="impor-job"),
    path("impor/contoh/<str:nama>", impor.impor_contoh, name="impor-contoh"),
    # Logins and granted admin roles.
    path("pegawai/<int:pk>/akun/", akun.akun, name="akun"),
    path("pegawai/<int:pk>/akun/buat/", akun.akun_buat, name="akun-buat"),
    path("pegawai/<int:pk>/akun/aktif/", akun.akun_aktif, name="akun-aktif"),
    path("pegawai/<int:pk>/akun/sandi/", akun.akun_sandi, name="akun-sandi"),
    path("akun-massal/", akun_massal.akun_massal, name="akun-massal"),
    path("impor/<int:pk>/kode/", akun_massal.akun_kode, name="akun-kode"),
    path("peran/", akun.peran_daftar, name="peran"),
    path("peran/<int:pk>/cabut/", akun.peran_cabut, name="peran-cabut"),
]
