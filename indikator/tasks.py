"""Celery tasks of indikator: thin wrappers that take ids, load, call a service or send a message, return."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from indikator.services.dokumen import BATAS_WAKTU as _SKP_PDF_WAKTU

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=60, retry_backoff=True)
def umpan_balik_kabari(self, umpan_balik_id: int) -> bool:
    """Tell the other side of a feedback thread by e-mail (the pegawai when his penilai wrote, else the
    penilai). Only when ``KINERJA_NOTIFIKASI_EMAIL`` is on and the recipient has an address; the feedback
    itself is always visible in the app. Retried only for transient mail errors. Not acks_late: a lost
    message means one missing e-mail, a repeated one would mean a duplicate."""
    from indikator.models import UmpanBalik

    if not getattr(settings, "KINERJA_NOTIFIKASI_EMAIL", False):
        return False
    obj = UmpanBalik.objects.select_related("iki__rhk__skp__pegawai__atasan").filter(pk=umpan_balik_id).first()
    if obj is None:
        return False
    pegawai = obj.iki.rhk.skp.pegawai
    penerima = pegawai.atasan if obj.penulis_id == pegawai.user_id else pegawai
    if penerima is None or not penerima.email:
        return False
    try:
        send_mail(
            subject=_("Umpan balik baru pada SKP Anda"),
            message=_("%(penulis)s menulis tentang indikator “%(iki)s”:\n\n%(teks)s")
            % {"penulis": obj.penulis_nama, "iki": obj.iki.uraian, "teks": obj.teks},
            from_email=None,
            recipient_list=[penerima.email],
        )
    except OSError as exc:  # SMTP connection problems are transient
        raise self.retry(exc=exc) from exc
    return True


@shared_task(soft_time_limit=_SKP_PDF_WAKTU[0], time_limit=_SKP_PDF_WAKTU[1])
def skp_pdf_bangun(dokumen_id: int) -> bool:
    """Render an SKP's PDF into storage. Safe to run twice (the service claims the job with a conditional UPDATE).
    Bounded: past the soft time limit the job is marked failed in plain words; past the hard one the worker kills
    the task and the next request queues it again. Not acks_late: a lost message is queued again the same way."""
    from indikator import services

    try:
        return services.skp_pdf_build(dokumen_id=dokumen_id)
    except SoftTimeLimitExceeded:
        logger.exception("PDF SKP: dokumen %s melewati batas waktu", dokumen_id)
        services.skp_pdf_fail(
            dokumen_id=dokumen_id, pesan=_("Dokumen SKP terlalu lama dibuat dan dihentikan; persingkat isian SKP.")
        )
    except Exception:
        logger.exception("PDF SKP: dokumen %s gagal", dokumen_id)
        services.skp_pdf_fail(
            dokumen_id=dokumen_id, pesan=_("Dokumen SKP gagal dibuat karena kesalahan sistem; coba lagi nanti.")
        )
    return False
