"""Pages of ``partisipasi``, one module per sub-domain (``from partisipasi import views`` re-exports them)."""

from partisipasi.views.pengaduan import (
    antrian,
    detail,
    dukung,
    foto_publik,
    gabung,
    klien,
    lacak,
    lacak_detail,
    lacak_foto,
    pengaduan_baru,
    publik,
    sembunyi,
    tanggapan,
    transisi,
)
from partisipasi.views.terhitung import angka_unit, peringkat, terhitung, terhitung_hapus, terhitung_hitung

__all__ = [
    "angka_unit",
    "antrian",
    "detail",
    "dukung",
    "foto_publik",
    "gabung",
    "klien",
    "lacak",
    "lacak_detail",
    "lacak_foto",
    "pengaduan_baru",
    "peringkat",
    "publik",
    "sembunyi",
    "tanggapan",
    "terhitung",
    "terhitung_hapus",
    "terhitung_hitung",
    "transisi",
]
