from django.urls import path

from kepegawaian import views, views_impor

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
