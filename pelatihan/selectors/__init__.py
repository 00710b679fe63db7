"""Reads of ``pelatihan`` that the pages and the API share, split by sub-domain: ``kegiatan`` (the catalogue,
registrations, the JP ledger, compliance, feedback), ``dampak`` (did training work?) and ``impor`` (the history
import's jobs). ``from pelatihan import
selectors`` keeps working."""

from pelatihan.selectors.dampak import (
    BarisDampak,
    KelompokDampak,
    LaporanDampak,
    dampak_pelatihan,
    dampak_pelatihan_unit,
)
from pelatihan.selectors.impor import impor_riwayat_terakhir
from pelatihan.selectors.kegiatan import (
    BarisKepatuhan,
    BukuJp,
    RingkasanUlasan,
    eksternal_menunggu,
    jp_buku,
    jp_ringkas,
    kegiatan_katalog,
    kegiatan_kelola,
    kepatuhan_jp_ringkas,
    kepatuhan_per_unit,
    pegawai_dengan_jp,
    pegawai_tertinggal,
    pegawai_tertinggal_jadwal,
    peserta_kegiatan,
    peserta_milik,
    program_kelola,
    tahun_berjalan,
    ulasan_ringkasan,
)

__all__ = [
    "impor_riwayat_terakhir",
    "BarisDampak",
    "BarisKepatuhan",
    "BukuJp",
    "KelompokDampak",
    "LaporanDampak",
    "RingkasanUlasan",
    "dampak_pelatihan",
    "dampak_pelatihan_unit",
    "eksternal_menunggu",
    "jp_buku",
    "jp_ringkas",
    "kegiatan_katalog",
    "kegiatan_kelola",
    "kepatuhan_jp_ringkas",
    "kepatuhan_per_unit",
    "pegawai_dengan_jp",
    "pegawai_tertinggal",
    "pegawai_tertinggal_jadwal",
    "peserta_kegiatan",
    "peserta_milik",
    "program_kelola",
    "tahun_berjalan",
    "ulasan_ringkasan",
]
