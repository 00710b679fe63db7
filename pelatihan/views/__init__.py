"""Pages of pelatihan, by sub-domain: ``kegiatan`` (catalogue, an event, registration, JP, compliance,
certificates), ``kelola`` (the admins' catalogue and scheduling) and ``impor`` (the training history import)."""

from pelatihan.views.dampak import dampak
from pelatihan.views.impor import impor_contoh, impor_riwayat
from pelatihan.views.kegiatan import (
    eksternal_putuskan,
    katalog,
    kegiatan_detail,
    kepatuhan,
    kepatuhan_xlsx,
    peserta_batal,
    saya,
    sertifikat_unduh,
    tim,
    verifikasi,
)
from pelatihan.views.kelola import kegiatan_baru, kegiatan_ubah, kelola, program_baru, program_ubah

__all__ = [
    "dampak",
    "eksternal_putuskan",
    "impor_contoh",
    "impor_riwayat",
    "katalog",
    "kegiatan_baru",
    "kegiatan_detail",
    "kegiatan_ubah",
    "kelola",
    "kepatuhan",
    "kepatuhan_xlsx",
    "peserta_batal",
    "program_baru",
    "program_ubah",
    "saya",
    "sertifikat_unduh",
    "tim",
    "verifikasi",
]
