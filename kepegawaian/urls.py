from django.urls import path

from kepegawaian import views, views_akun, views_impor

app_name = "kepegawaian"

urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("organisasi/", views.organisasi, name="organisasi"),
    path("unit/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("pegawai/<int:pk>/", views.pegawai_detail, name="pegawai-detail"),
    path("audit/", views.audit, name="audit"),
    path("impor/", views_impor.impor_form, name="impor"),
    path("impor/<int:pk>/", views_impor.impor_job, name="impor-job"),
    path("impor/contoh/<str:nama>", views_impor.impor_contoh, name="impor-contoh"),
]

# Logins and granted admin roles (views_akun.py).
urlpatterns += [
    path("pegawai/<int:pk>/akun/", views_akun.akun, name="akun"),
    path("pegawai/<int:pk>/akun/buat/", views_akun.akun_buat, name="akun-buat"),
    path("pegawai/<int:pk>/akun/aktif/", views_akun.akun_aktif, name="akun-aktif"),
    path("pegawai/<int:pk>/akun/sandi/", views_akun.akun_sandi, name="akun-sandi"),
    path("peran/", views_akun.peran_daftar, name="peran"),
    path("peran/<int:pk>/cabut/", views_akun.peran_cabut, name="peran-cabut"),
]
