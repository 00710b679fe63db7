"""Helpers shared by the service modules of ``partisipasi`` (private: each is called by a service that checks the
actor's right itself), the limits, and the per-client rate limit."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja
from kinerja.klien import TerlaluSering, batas_klien, klien_kunci  # noqa: F401  (re-exported by services)
from partisipasi.models import (
    KategoriPengaduan,
    Pengaduan,
    RiwayatStatus,
)

MAKS_DESKRIPSI = 5000
MAKS_TEKS = 3000
RW_POLA = re.compile(r"^\d{1,3}$")
ALFABET_KODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PANJANG_KODE = 10


# The per-client rate limit is the project's (``kinerja.klien``, shared with laporan's questions on reports).


def _batas_klien(*, aksi: str, klien: str) -> None:
    """``PARTISIPASI_BATAS_<AKSI>`` = (count, seconds), e.g. 5 complaints per hour per client."""
    batas_klien(ruang="partisipasi", aksi=aksi, klien=klien)


def _kode_lacak() -> str:
    return "".join(secrets.choice(ALFABET_KODE) for _i in range(PANJANG_KODE))


def _teks_wajib(teks: str, *, field: str, pesan: str, maks: int = MAKS_TEKS) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({field: [pesan]})
    if len(teks) > maks:
        raise ValidationError({field: [_("Paling banyak %(maks)d karakter.") % {"maks": maks}]})
    return teks


def _kelurahan(kelurahan_id) -> UnitKerja:
    pk = _as_int(kelurahan_id)
    unit = UnitKerja.objects.filter(pk=pk, jenis=UnitKerja.Jenis.KELURAHAN, aktif=True).first() if pk else None
    if unit is None:
        raise ValidationError({"kelurahan": [_("Kelurahan tidak dikenal. Pilih kelurahan dari daftar.")]})
    return unit


def _kategori(kategori_id) -> KategoriPengaduan:
    pk = _as_int(kategori_id)
    kategori = KategoriPengaduan.objects.filter(pk=pk, aktif=True).first() if pk else None
    if kategori is None:
        raise ValidationError({"kategori": [_("Kategori tidak dikenal. Pilih kategori dari daftar.")]})
    return kategori


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _terkunci(pengaduan: Pengaduan) -> Pengaduan:
    return (
        Pengaduan.objects.select_for_update(of=("self",))
        .select_related("kategori", "kelurahan", "unit_penanganan")
        .get(pk=pengaduan.pk)
    )


def _riwayat(*, pengaduan: Pengaduan, dari: str, ke: str, actor, pada, alasan: str = "", unit=None) -> None:
    RiwayatStatus.objects.create(
        pengaduan=pengaduan,
        dari_status=dari,
        ke_status=ke,
        alasan=alasan,
        unit_tujuan=unit,
        oleh=actor if getattr(actor, "is_authenticated", False) else None,
        pada=pada,
    )
