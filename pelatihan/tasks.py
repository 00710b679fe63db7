"""Celery tasks of pelatihan: thin wrappers that take ids, load, send a message, return.

E-mails only when ``KINERJA_NOTIFIKASI_EMAIL`` is on and the recipient has an address: the app itself always
shows the status. Retried only for transient mail errors; not acks_late (a repeated message would be a duplicate).
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _


def _kirim(task, *, subject: str, message: str, to: str) -> bool:
    if not getattr(settings, "KINERJA_NOTIFIKASI_EMAIL", False) or not to:
        return False
    try:
        send_mail(subject=subject, message=message, from_email=None, recipient_list=[to])
    except OSError as exc:  # SMTP connection problems are transient
        raise task.retry(exc=exc) from exc
    return True


@shared_task(bind=True, max_retries=3, default_retry_delay=60, retry_backoff=True)
def peserta_kabari_naik(self, peserta_id: int) -> bool:
    """Tell a pegawai that a seat freed and he moved up from the waiting list."""
    from pelatihan.models import Peserta

    peserta = Peserta.objects.select_related("pegawai", "kegiatan__program").filter(pk=peserta_id).first()
    if peserta is None or peserta.status != Peserta.Status.TERDAFTAR:
        return False
    return _kirim(
        self,
        subject=_("Anda mendapat kursi pelatihan"),
        message=_("Kursi pada “%(judul)s” (mulai %(tgl)s) kini menjadi milik Anda: Anda naik dari daftar tunggu.")
        % {"judul": peserta.kegiatan.judul, "tgl": peserta.kegiatan.tanggal_mulai.strftime("%d-%m-%Y")},
        to=peserta.pegawai.email,
    )


@shared_task(bind=True, max_retries=3, default_retry_delay=60, retry_backoff=True)
def eksternal_kabari_penilai(self, eksternal_id: int) -> bool:
    """Tell the penilai that a subordinate submitted external training for approval."""
    from pelatihan.models import PelatihanEksternal

    obj = PelatihanEksternal.objects.select_related("pegawai__atasan").filter(pk=eksternal_id).first()
    if obj is None or obj.pegawai.atasan is None:
        return False
    return _kirim(
        self,
        subject=_("Pengajuan pelatihan eksternal menunggu persetujuan Anda"),
        message=_("%(nama)s mengajukan “%(judul)s” (%(jp)s JP) untuk disetujui.")
        % {"nama": obj.pegawai.nama, "judul": obj.judul, "jp": obj.jp},
        to=obj.pegawai.atasan.email,
    )


@shared_task(acks_late=True)
def pengingat_bulanan() -> int:
    """The monthly beat job: JP reminders (``services.pengingat_check``); safe to run twice in a month."""
    from pelatihan import services
    from pelatihan.models import hari_ini

    return services.pengingat_check(bulan=hari_ini())
