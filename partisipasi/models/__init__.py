"""The models of ``partisipasi``, one module per sub-domain (``from partisipasi.models import X`` keeps working)."""

from partisipasi.models.pengaduan import (
    TRANSISI,
    Dukungan,
    FotoPengaduan,
    HariLibur,
    HitunganHari,
    KanalPengaduan,
    KategoriPengaduan,
    Pengaduan,
    PeranPetugas,
    PetugasPengaduan,
    RiwayatStatus,
    StatusPengaduan,
    Tanggapan,
    jendela_ulasan_hari,
    normalisasi_kode,
)
from partisipasi.models.terhitung import IkiTerhitung, UkuranTerhitung

__all__ = [
    "TRANSISI",
    "Dukungan",
    "FotoPengaduan",
    "HariLibur",
    "HitunganHari",
    "IkiTerhitung",
    "KanalPengaduan",
    "KategoriPengaduan",
    "Pengaduan",
    "PeranPetugas",
    "PetugasPengaduan",
    "RiwayatStatus",
    "StatusPengaduan",
    "Tanggapan",
    "UkuranTerhitung",
    "jendela_ulasan_hari",
    "normalisasi_kode",
]
