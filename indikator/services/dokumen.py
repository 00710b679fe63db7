"""The SKP as a PDF, rendered by a Celery job (``indikator.tasks.skp_pdf_bangun``) into storage, never in the
request: a large SKP takes seconds to render, and a request must not hold a web worker for that.

- ``skp_pdf_minta``: the document of the SKP as it is now. Its fingerprint (``skp_pdf_sidik``: the SKP's version
  and status, the header people, the date printed on a draft) names one ``DokumenSkp`` row; an unchanged SKP gets
  the ready document from storage, a changed one a new job, queued once (a unique constraint) after commit.
- ``skp_pdf_build``: the job. It claims the row with a conditional UPDATE (a redelivered message does nothing),
  renders outside any transaction and refuses a result over ``KINERJA_SKP_PDF_UKURAN_MAKS`` bytes. The task's
  soft time limit (``KINERJA_SKP_PDF_BATAS_WAKTU``) ends a render that takes too long (``skp_pdf_fail``).
- A failed job, or one whose worker died past the hard time limit, is tried again by the next request after
  ``JEDA_ULANG``; earlier documents of the SKP are deleted (row and file) when a newer one is ready.

The rows are a cache of what the SKP already holds, not domain data: they are not audited.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access, exports
from indikator.models import DokumenSkp, Skp
from kinerja.antrian import enqueue_on_commit

logger = logging.getLogger(__name__)

#: (soft, hard) time limit of the rendering task, in seconds
BATAS_WAKTU: tuple[int, int] = getattr(settings, "KINERJA_SKP_PDF_BATAS_WAKTU", (60, 90))
#: the largest PDF kept (the text limits make a maximal SKP a few hundred KB)
UKURAN_MAKS: int = getattr(settings, "KINERJA_SKP_PDF_UKURAN_MAKS", 20 * 1024 * 1024)
#: a failed or abandoned job is tried again by a request after this long
JEDA_ULANG = timedelta(minutes=10)


def skp_pdf_sidik(skp: Skp) -> str:
    """What the document prints that may change without a new ``versi``: the status, the people of the header
    (live data until approval), and the date (today's for a draft)."""
    tanggal = skp.disetujui_pada or timezone.localdate()
    isi = [skp.pk, skp.versi, skp.status, skp.revisi, str(tanggal), exports.kepala_skp(skp)]
    return hashlib.sha256(json.dumps(isi, sort_keys=True, default=str).encode()).hexdigest()


def _basi(dok: DokumenSkp) -> bool:
    """Failed a while ago, or started and abandoned (the worker died past the hard time limit)."""
    sekarang = timezone.now()
    if dok.status == DokumenSkp.Status.GAGAL:
        return dok.selesai_pada is None or dok.selesai_pada < sekarang - JEDA_ULANG
    if dok.status == DokumenSkp.Status.BERJALAN:
        return dok.mulai_pada is None or dok.mulai_pada < sekarang - timedelta(seconds=BATAS_WAKTU[1]) - JEDA_ULANG
    return False


def skp_pdf_minta(*, actor, skp: Skp) -> DokumenSkp:
    """The PDF of the SKP as it is now, for whoever may see the SKP (404 otherwise): the ready document, or the
    job that makes it (queued after commit, once per fingerprint)."""
    skp = access.skp_get_for_user(actor, skp.pk)
    sidik = skp_pdf_sidik(skp)
    dok = DokumenSkp.objects.filter(skp=skp, sidik=sidik).first()
    if dok is not None and not _basi(dok):
        return dok
    with transaction.atomic():
        if dok is None:
            dok, dibuat = DokumenSkp.objects.get_or_create(skp=skp, sidik=sidik, defaults={"versi": skp.versi})
            antre = dibuat
        else:  # the same conditional claim as the job's: two requests requeue it once
            antre = bool(
                DokumenSkp.objects.filter(pk=dok.pk, status=dok.status).update(
                    status=DokumenSkp.Status.MENUNGGU, pesan="", mulai_pada=None, selesai_pada=None
                )
            )
        if antre:
            enqueue_on_commit("indikator.tasks.skp_pdf_bangun", dok.pk)
    dok.refresh_from_db()  # an eager worker (tests, development) has already built it
    return dok


def skp_pdf_build(*, dokumen_id: int) -> bool:
    """Render the document. Called by the task; the reader's right was checked when it was asked for."""
    diambil = DokumenSkp.objects.filter(pk=dokumen_id, status=DokumenSkp.Status.MENUNGGU).update(
        status=DokumenSkp.Status.BERJALAN, mulai_pada=timezone.now()
    )
    if not diambil:
        return False
    dok = DokumenSkp.objects.select_related("skp__pegawai", "skp__periode").get(pk=dokumen_id)
    isi = exports.skp_pdf(skp=dok.skp)
    if len(isi) > UKURAN_MAKS:
        skp_pdf_fail(
            dokumen_id=dokumen_id,
            pesan=_("Dokumen SKP ini terlalu besar untuk dibuat (%(mb)s MB); persingkat isian SKP.")
            % {"mb": len(isi) // (1024 * 1024)},
        )
        return False
    dok.berkas.save(exports.nama_berkas_skp(dok.skp), ContentFile(isi), save=False)
    DokumenSkp.objects.filter(pk=dokumen_id).update(
        berkas=dok.berkas.name, ukuran=len(isi), status=DokumenSkp.Status.SELESAI, selesai_pada=timezone.now()
    )
    for lama in (
        DokumenSkp.objects.filter(skp_id=dok.skp_id)
        .exclude(pk=dokumen_id)
        .filter(Q(status__in=[DokumenSkp.Status.SELESAI, DokumenSkp.Status.GAGAL]))
    ):
        if lama.berkas:
            lama.berkas.delete(save=False)
        lama.delete()
    return True


def skp_pdf_fail(*, dokumen_id: int, pesan: str) -> None:
    """Mark the job failed with a message in plain words (the task logs the details)."""
    DokumenSkp.objects.filter(pk=dokumen_id).exclude(status=DokumenSkp.Status.SELESAI).update(
        status=DokumenSkp.Status.GAGAL, pesan=pesan[:500], selesai_pada=timezone.now()
    )
