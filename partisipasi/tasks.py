"""Celery jobs of ``partisipasi``: take ids, load, call a service, return (safe to run twice)."""

from celery import shared_task

from partisipasi import services
from partisipasi.models import IkiTerhitung


@shared_task(acks_late=True)
def realisasi_terhitung_satu(ikatan_id: int) -> None:
    """On demand (after a binding is saved, or the button): one bound IKI, as the system."""
    ikatan = IkiTerhitung.objects.filter(pk=ikatan_id).first()
    if ikatan is not None:
        services.realisasi_terhitung_run(actor=None, ikatan=ikatan)


@shared_task(acks_late=True)
def realisasi_terhitung_semua() -> int:
    """Nightly (``CELERY_BEAT_SCHEDULE``): one job per bound IKI, so that one failure does not stop the others.
    Returns how many were queued."""
    n = 0
    for pk in IkiTerhitung.objects.order_by("pk").values_list("pk", flat=True):
        realisasi_terhitung_satu.delay(pk)
        n += 1
    return n


@shared_task
def pelapor_anonimkan() -> int:
    """Nightly (``CELERY_BEAT_SCHEDULE``): erase complainants' personal data past the retention period. Safe to run
    twice (each batch re-checks its rows under a lock; a second run finds nothing). Returns how many complaints."""
    return services.anonimisasi_run().pengaduan


@shared_task
def ringkasan_terlambat_harian() -> int:
    """Daily: each handling unit's overdue complaints by e-mail, once a day per unit (a conditional claim); not
    acks_late: a redelivered message finds every claim taken anyway. Returns how many units were mailed."""
    return services.ringkasan_terlambat_run()
