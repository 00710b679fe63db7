"""Feedback on an event: an attendee rates it (1–5 and a comment). One rating per participant; rating again
replaces his earlier rating. The organiser reads the summary (``pelatihan.selectors.ulasan_ringkasan``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian.access import pegawai_of_account
from kinerja.audit import audit_actor
from pelatihan import access
from pelatihan.models import (
    ULASAN_KOMENTAR_MAKS,
    ULASAN_NILAI_MAKS,
    ULASAN_NILAI_MIN,
    Kegiatan,
    Peserta,
    UlasanKegiatan,
)


def _nilai_periksa(nilai) -> int:
    teks = str(nilai if nilai is not None else "").strip()
    if not teks.isdigit() or not ULASAN_NILAI_MIN <= int(teks) <= ULASAN_NILAI_MAKS:
        raise ValidationError(
            {
                "nilai": _("Nilai ulasan harus bilangan bulat %(min)d sampai %(maks)d.")
                % {"min": ULASAN_NILAI_MIN, "maks": ULASAN_NILAI_MAKS}
            }
        )
    return int(teks)


def ulasan_rate(*, actor, kegiatan: Kegiatan, nilai, komentar: str = "") -> UlasanKegiatan:
    """The actor rates an event he attended. Refused (403) for anyone who is not a participant who attended;
    bad input (400) saves nothing."""
    pegawai = pegawai_of_account(actor)
    nilai = _nilai_periksa(nilai)
    komentar = (komentar or "").strip()
    if len(komentar) > ULASAN_KOMENTAR_MAKS:
        raise ValidationError({"komentar": _("Komentar paling banyak %(n)d karakter.") % {"n": ULASAN_KOMENTAR_MAKS}})
    peserta = (
        Peserta.objects.filter(kegiatan=kegiatan, pegawai=pegawai)
        .exclude(status=Peserta.Status.BATAL)
        .select_related("pegawai")
        .first()
    )
    if peserta is None:
        raise PermissionDenied(_("Ulasan hanya dapat diberikan oleh peserta yang hadir pada kegiatan ini."))
    access.require_rate(actor, peserta)
    with transaction.atomic(), audit_actor(actor):
        ulasan, _dibuat = UlasanKegiatan.objects.update_or_create(
            peserta=peserta, defaults={"nilai": nilai, "komentar": komentar}
        )
    return ulasan
