"""Pages of ``partisipasi``, one module per sub-domain (``from partisipasi import views`` re-exports them)."""

from partisipasi.views.forum import (
    aspirasi_detail,
    aspirasi_tindak_lanjut,
    forum_detail,
    forum_ics,
    forum_kelola,
    forum_kelola_detail,
    forum_publik,
)
from partisipasi.views.impor import impor
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
    "aspirasi_detail",
    "aspirasi_tindak_lanjut",
    "forum_detail",
    "forum_ics",
    "forum_kelola",
    "forum_kelola_detail",
    "forum_publik",
    "antrian",
    "detail",
    "dukung",
    "foto_publik",
    "gabung",
    "impor",
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

from partisipasi.views.dasbor import dasbor  # noqa: E402 -- appended by sub-domain

__all__ += ["dasbor"]
