from django.urls import path

from kepegawaian import views

app_name = "kepegawaian"

urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("organisasi/", views.organisasi, name="organisasi"),
    path("unit/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("pegawai/<int:pk>/", views.pegawai_detail, name="pegawai-detail"),
    path("audit/", views.audit, name="audit"),
]
