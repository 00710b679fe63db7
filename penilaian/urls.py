from django.urls import path

from penilaian.views import evaluasi, keberatan, organisasi

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
    path("evaluasi/<int:pk>/dokumen/<slug:jenis>/", evaluasi.dokumen, name="dokumen"),
    path("evaluasi/<int:pk>/dokumen/<slug:jenis>/pdf/", evaluasi.dokumen_pdf, name="dokumen-pdf"),
    path("keberatan/", keberatan.keberatan_masuk, name="keberatan-masuk"),
    path("keberatan/<int:pk>/tanggapi/", keberatan.keberatan_tanggapi, name="keberatan-tanggapi"),
    path("keberatan/<int:pk>/putuskan/", keberatan.keberatan_putuskan, name="keberatan-putuskan"),
    path("riwayat/", evaluasi.riwayat_saya, name="riwayat-saya"),
    path("pegawai/<int:pk>/riwayat/", evaluasi.riwayat, name="riwayat"),
    path("unit/<int:pk>/distribusi/", organisasi.distribusi, name="distribusi"),
    path("unit/<int:pk>/predikat/", organisasi.predikat_unit_simpan, name="predikat-unit"),
    path("unit/<int:pk>/tetapkan/", organisasi.distribusi_tetapkan, name="distribusi-tetapkan"),
    path("unit/<int:pk>/penetapan/", organisasi.penetapan, name="penetapan"),
    path("unit/<int:pk>/penetapan/pdf/", organisasi.penetapan_pdf, name="penetapan-pdf"),
    path("unit/<int:pk>/kalibrasi/", organisasi.kalibrasi, name="kalibrasi"),
    path("unit/<int:pk>/kalibrasi/buka/", organisasi.kalibrasi_buka, name="kalibrasi-buka"),
    path("kalibrasi/<int:pk>/ubah/", organisasi.kalibrasi_ubah, name="kalibrasi-ubah"),
    path("kalibrasi/<int:pk>/kunci/", organisasi.kalibrasi_kunci, name="kalibrasi-kunci"),
    path("sebaran/", organisasi.sebaran, name="sebaran"),
    path("unit/<int:pk>/arsip/", organisasi.arsip_buat, name="arsip-buat"),
    path("arsip/<int:pk>/", organisasi.arsip, name="arsip"),
    path("arsip/<int:pk>/unduh/", organisasi.arsip_unduh, name="arsip-unduh"),
]
