from django.urls import path

from partisipasi import views

app_name = "partisipasi"

urlpatterns = [
    # Public, no login.
    path("pengaduan/baru/", views.pengaduan_baru, name="pengaduan-baru"),
    path("pengaduan/", views.publik, name="publik"),
    path("pengaduan/<int:pk>/dukung/", views.dukung, name="dukung"),
    path("foto/<int:pk>/", views.foto_publik, name="foto"),
    path("lacak/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/", views.lacak_detail, name="lacak-detail"),
    path("lacak/<str:kode>/foto/<int:pk>/", views.lacak_foto, name="lacak-foto"),
    path("angka/<int:pk>/", views.angka_unit, name="angka-unit"),
    path("peringkat/", views.peringkat, name="peringkat"),
    path("forum/", views.forum_publik, name="forum"),
    path("forum/kalender.ics", views.forum_ics, name="forum-ics"),
    path("forum/<int:pk>/", views.forum_detail, name="forum-detail"),
    path("aspirasi/<int:pk>/", views.aspirasi_detail, name="aspirasi-detail"),
    # Officers.
    path("petugas/", views.antrian, name="antrian"),
    path("petugas/<int:pk>/", views.detail, name="pengaduan-detail"),
    path("petugas/<int:pk>/status/", views.transisi, name="transisi"),
    path("petugas/<int:pk>/tanggapan/", views.tanggapan, name="tanggapan"),
    path("petugas/<int:pk>/gabung/", views.gabung, name="gabung"),
    path("petugas/<int:pk>/sembunyi/", views.sembunyi, name="sembunyi"),
    path("petugas/forum/", views.forum_kelola, name="forum-kelola"),
    path("petugas/forum/<int:pk>/", views.forum_kelola_detail, name="forum-kelola-detail"),
    path("petugas/aspirasi/<int:pk>/tindak-lanjut/", views.aspirasi_tindak_lanjut, name="aspirasi-tindak-lanjut"),
    # IKI bound to complaint figures (owner of the IKI, admins).
    path("terhitung/", views.terhitung, name="terhitung"),
    path("terhitung/<int:pk>/hitung/", views.terhitung_hitung, name="terhitung-hitung"),
    path("terhitung/<int:pk>/hapus/", views.terhitung_hapus, name="terhitung-hapus"),
    # Complaints from other channels (CSV/JSON), for the admin of the kelurahan or BKD; the job page is
    # kepegawaian's (kepegawaian:impor-job).
    path("impor/", views.impor, name="impor"),
    # The kelurahan head's dashboard (open complaints by age, overdue ones).
    path("petugas/dasbor/", views.dasbor, name="dasbor"),
]
