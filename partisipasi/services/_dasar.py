"""Helpers shared by the service modules of ``partisipasi`` (private: each is called by a service that checks the
actor's right itself), the limits, and the per-client rate limit."""

import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja
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


class TerlaluSering(Exception):
    """A client asked too often (rate limit). The API answers 429, the page 429 with the message."""

    def __init__(self, detik: int):
        self.detik = detik
        super().__init__(_("Terlalu banyak permintaan. Coba lagi dalam %(detik)d detik.") % {"detik": detik})


# --- helpers ------------------------------------------------------------------------------------------------------


def klien_kunci(ident: str) -> str:
    """A keyed hash of the client's address: what rate limits and supports remember (never the address)."""
    return salted_hmac("partisipasi.klien", ident or "-").hexdigest()[:32]


def _batas_klien(*, aksi: str, klien: str) -> None:
    """Fixed-window rate limit per client in the project's cache (Redis in production, shared by all workers).

    ``PARTISIPASI_BATAS_<AKSI>`` = (count, seconds), e.g. 5 complaints per hour per client."""
    jumlah, detik = getattr(settings, f"PARTISIPASI_BATAS_{aksi.upper()}", (5, 3600))
    kunci = f"partisipasi:batas:{aksi}:{klien}"
    cache.add(kunci, 0, timeout=detik)
    try:
        hitung = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, timeout=detik)
        hitung = 1
    if hitung > jumlah:
        raise TerlaluSering(detik)


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
