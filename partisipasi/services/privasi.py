"""Anonymisation of complainants' personal data after the retention period (``PARTISIPASI_RETENSI_DATA_PELAPOR_HARI``
days after the complaint closed; the reasons for the default are in docs/partisipasi.md).

What is erased: the complainant's name and contact, the comment he wrote with his rating (free text, where people
sign with their name or give a phone number; the 1–5 rating itself stays, it is a service figure), and the location
a photo kept because the citizen chose so (the photo is re-encoded without its EXIF/GPS block, as every other photo
already is). What is kept: the complaint
itself, its kelurahan and RW (the place of the problem, not of the person: the figures and the ranking need it),
the public trail (``RiwayatStatus``) and the official responses — the citizen's tracking page is unchanged.

Which complaints: closed ones (Selesai or Ditolak, merged duplicates included) whose closing — ``selesai_pada``, or
the last step of their trail — is older than the retention period, with something left to erase. A complaint
reopened by its citizen is open again and waits for its next closing.

The job (``anonimisasi_run``, nightly by Celery beat) works in batches, each in its own transaction with its rows
locked and the conditions checked again, so that it is safe to run twice and to stop half-way. The rows are
updated in bulk (no audit entry per complaint, none carrying the erased values); the run writes **one** summary
entry in the audit trail (how many complaints and photos, the cut-off) when it changed something.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from partisipasi.foto import foto_clean
from partisipasi.models import FotoPengaduan, Pengaduan, RiwayatStatus, jendela_ulasan_hari

logger = logging.getLogger(__name__)

BATCH = 200
STATUS_TUTUP = (Pengaduan.Status.SELESAI, Pengaduan.Status.DITOLAK)


def retensi_hari() -> int:
    """The retention period in days, never shorter than the citizen's window to rate or reopen."""
    hari = int(getattr(settings, "PARTISIPASI_RETENSI_DATA_PELAPOR_HARI", 365))
    return max(hari, jendela_ulasan_hari())


@dataclass
class HasilAnonimisasi:
    pengaduan: int = 0
    foto: int = 0
    foto_gagal: int = 0


def _foto_berlokasi() -> QuerySet[FotoPengaduan]:
    return FotoPengaduan.objects.filter(pengaduan=OuterRef("pk"), lokasi_disimpan=True)


def pengaduan_kedaluwarsa(*, sekarang: dt.datetime | None = None) -> QuerySet[Pengaduan]:
    """Closed complaints past the retention period that still hold personal data (what the job will erase)."""
    sekarang = sekarang or timezone.now()
    batas = sekarang - dt.timedelta(days=retensi_hari())
    terakhir = RiwayatStatus.objects.filter(pengaduan=OuterRef("pk")).order_by("-pada", "-pk").values("pada")[:1]
    return (
        Pengaduan.objects.filter(status__in=STATUS_TUTUP)
        .annotate(ditutup=Coalesce(F("selesai_pada"), Subquery(terakhir)), berlokasi=Exists(_foto_berlokasi()))
        .filter(ditutup__lt=batas)
        .filter(~Q(nama_pelapor="") | ~Q(kontak_pelapor="") | ~Q(komentar_rating="") | Q(berlokasi=True))
    )


def _bersihkan_foto(foto: FotoPengaduan) -> tuple[str, str, int] | None:
    """Re-encode one photo without its metadata: (old name, new name, size), or None when it cannot be read (then
    the row keeps its flag, the next run tries again, and the failure is logged)."""
    try:
        with foto.berkas.open("rb") as fh:
            bersih = foto_clean(fh, simpan_lokasi=False)
        baru = default_storage.save(foto.berkas.name, bersih.berkas)
    except Exception:
        logger.warning("Foto pengaduan #%s tidak dapat dibersihkan", foto.pk, exc_info=True)
        return None
    return foto.berkas.name, baru, bersih.berkas.size


def _batch(ids: list[int], sekarang: dt.datetime, hasil: HasilAnonimisasi) -> None:
    # Slow I/O first, outside the transaction: the photos re-encoded to new files.
    foto = list(FotoPengaduan.objects.filter(pengaduan_id__in=ids, lokasi_disimpan=True))
    bersih = {f.pk: r for f in foto if (r := _bersihkan_foto(f)) is not None}
    hasil.foto_gagal += len(foto) - len(bersih)
    hapus: list[str] = []
    try:
        with transaction.atomic():
            # Checked again under the lock: a complaint reopened meanwhile is left for its next closing.
            kunci = list(
                Pengaduan.objects.select_for_update()
                .filter(pk__in=ids, status__in=STATUS_TUTUP)
                .values_list("pk", flat=True)
            )
            for f in foto:
                if f.pk in bersih and f.pengaduan_id in kunci:
                    lama, baru, ukuran = bersih.pop(f.pk)
                    FotoPengaduan.objects.filter(pk=f.pk).update(berkas=baru, ukuran=ukuran, lokasi_disimpan=False)
                    hapus.append(lama)
                    hasil.foto += 1
            hasil.pengaduan += Pengaduan.objects.filter(pk__in=kunci).update(
                nama_pelapor="", kontak_pelapor="", komentar_rating="", dianonimkan_pada=sekarang
            )
    finally:
        for _lama, baru, _ukuran in bersih.values():  # re-encoded but not used (the transaction failed, or reopened)
            default_storage.delete(baru)
    for nama in hapus:  # the files that carried the location, once the rows point at the clean ones
        default_storage.delete(nama)


def anonimisasi_run(*, sekarang: dt.datetime | None = None) -> HasilAnonimisasi:
    """Erase the personal data of complaints closed longer than the retention period (the system, no actor).
    Safe to run twice: a second run finds nothing left and writes nothing, not even an audit entry."""
    sekarang = sekarang or timezone.now()
    ids = list(pengaduan_kedaluwarsa(sekarang=sekarang).order_by("pk").values_list("pk", flat=True))
    hasil = HasilAnonimisasi()
    for i in range(0, len(ids), BATCH):
        _batch(ids[i : i + BATCH], sekarang, hasil)
    if hasil.pengaduan:
        batas = timezone.localtime(sekarang - dt.timedelta(days=retensi_hari())).date()
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(Pengaduan),
            object_pk="",
            object_repr="anonimisasi_run",
            action=LogEntry.Action.UPDATE,
            changes={
                "data_pelapor": [
                    "—",
                    f"dianonimkan: {hasil.pengaduan} pengaduan, {hasil.foto} foto; ditutup sebelum {batas:%Y-%m-%d} "
                    f"(retensi {retensi_hari()} hari)",
                ]
            },
            actor=None,
        )
    return hasil
