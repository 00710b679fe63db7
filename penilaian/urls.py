from django.urls import path

from penilaian.views import evaluasi, keberatan

app_name = "penilaian"

urlpatterns = [
    path("tim/", evaluasi.tim, name="tim"),
    path("tim/<int:pegawai_pk>/buka/", evaluasi.evaluasi_buka, name="evaluasi-buka"),
    path("saya/", evaluasi.evaluasi_saya, name="evaluasi-saya"),
    path("evaluasi/<int:pk>/", evaluasi.evaluasi_detail, name="evaluasi-detail"),
    path("evaluasi/<int:pk>/simpan/", evaluasi.evaluasi_simpan, name="evaluasi-simpan"),
    path("evaluasi/<int:pk>/mandiri/", evaluasi.evaluasi_mandiri, name="evaluasi-mandiri"),
    path("evaluasi/<int:pk>/baca/", evaluasi.evaluasi_baca, name="evaluasi-baca"),
    path("evaluasi/<int:pk>/keberatan/", keberatan.keberatan_ajukan, name="keberatan-ajukan"),
    path("keberatan/", keberatan.keberatan_masuk, name="keberatan-masuk"),
    path("keberatan/<int:pk>/tanggapi/", keberatan.keberatan_tanggapi, name="keberatan-tanggapi"),
    path("keberatan/<int:pk>/putuskan/", keberatan.keberatan_putuskan, name="keberatan-putuskan"),
]
