"""Celery tasks of the annual report, on the ``laporan`` queue (``CELERY_TASK_ROUTES``).

Thin: they take ids and call ``laporan.services``. Every task here is safe to run twice (conditional claims and
unique constraints in the services), so they opt in to ``acks_late`` with ``reject_on_worker_lost``: a worker
killed mid-task (SIGKILL, OOM) has its message redelivered, and the redelivery finishes the work without
duplicates. Retries with backoff only on transient database errors (lost connection, deadlock, serialization);
any other error marks the unit failed in plain words (the details go to the log) and the run goes on.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.antrian import enqueue_now

log = logging.getLogger(__name__)

_LUNAK, _KERAS = getattr(settings, "LAPORAN_BATAS_WAKTU_TUGAS", (5 * 60, 6 * 60))
#: errors worth a retry: the database went away or refused for a moment
TRANSIEN = (OperationalError, InterfaceError)
_ULANG = {"max_retries": 5, "retry_backoff": 10, "retry_backoff_max": 300, "retry_jitter": True}


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=_LUNAK, time_limit=_KERAS,
    autoretry_for=TRANSIEN, **_ULANG,
)  # fmt: skip
def run_jalankan(self, run_id: int) -> int:
    """Prepare the run (one item per unit) and queue one task per unit still to do. Returns how many."""
    from laporan import services

    item_ids = services.run_prepare(run_id=run_id)
    for item_id in item_ids:
        enqueue_now("laporan.tasks.item_jalankan", item_id)
    return len(item_ids)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=_LUNAK, time_limit=_KERAS, **_ULANG)
def item_jalankan(self, item_id: int) -> bool:
    """Generate one unit's report. A transient database error is retried with backoff; anything else marks the
    unit failed with a message in plain words, so that it can be retried alone."""
    from laporan import services

    try:
        return services.item_run(item_id=item_id) is not None
    except TRANSIEN as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc
        log.exception("laporan: unit item %s gave up after %s retries", item_id, self.request.retries)
        services.item_fail(
            item_id=item_id, pesan=_("Basis data tidak dapat dihubungi berulang kali. Coba ulangi unit ini nanti.")
        )
    except SoftTimeLimitExceeded:
        log.exception("laporan: unit item %s took too long", item_id)
        services.item_fail(
            item_id=item_id,
            pesan=_("Pengolahan unit ini melebihi batas waktu (%(n)s detik). Coba ulangi unit ini.") % {"n": _LUNAK},
        )
    except ValidationError as exc:
        services.item_fail(item_id=item_id, pesan=" ".join(exc.messages))
    except Exception:
        log.exception("laporan: unit item %s failed", item_id)
        services.item_fail(
            item_id=item_id,
            pesan=_("Terjadi kesalahan tak terduga saat mengolah data unit ini; rinciannya dicatat di log server."),
        )
    return False


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def run_provinsi_terjadwal() -> int:
    """The beat job (``LAPORAN_JADWAL_TANGGAL`` / ``_BULAN``): the province run for the year just closed.
    Idempotent: a second firing finds the run already there."""
    from laporan import services

    return len(services.run_create_terjadwal(tahun=timezone.localdate().year - 1))
