"""Celery tasks of indikator: thin wrappers that take ids, load, call a service or send a message, return."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _


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
