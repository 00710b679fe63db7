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


#: the progress bar of a run moves at least this many times (when it has as many units)
LANGKAH_PROGRES = 20


def ukuran_kelompok(jumlah_unit: int) -> int:
    """Units per task: ``LAPORAN_UNIT_PER_TUGAS`` (the fixed cost of a task — the claim, the storing transaction,
    the run's recount, the broker's round trip — is paid once per chunk instead of once per unit; a unit that fails
    is still marked alone), but small enough that the run has ``LANGKAH_PROGRES`` chunks: an admin unit's run of
    seven units goes unit by unit, the province's 1,218 in chunks of 50."""
    return max(1, min(settings.LAPORAN_UNIT_PER_TUGAS, -(-jumlah_unit // LANGKAH_PROGRES)))


def _kelompok(ids: list[int], n: int) -> list[list[int]]:
    return [ids[i : i + n] for i in range(0, len(ids), n)]


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=_LUNAK, time_limit=_KERAS,
    autoretry_for=TRANSIEN, **_ULANG,
)  # fmt: skip
def run_jalankan(self, run_id: int) -> int:
    """Prepare the run (one item per unit, the grouped figures read once) and queue the units still to do in
    chunks of ``LAPORAN_UNIT_PER_TUGAS``. Returns how many units."""
    from laporan import services

    item_ids = services.run_prepare(run_id=run_id)
    for kelompok in _kelompok(item_ids, ukuran_kelompok(len(item_ids))):
        enqueue_now("laporan.tasks.kelompok_jalankan", kelompok)
    return len(item_ids)


def _pesan_galat(exc: BaseException) -> str:
    """A unit's error in plain words (the details go to the log)."""
    if isinstance(exc, TRANSIEN):
        return _("Basis data tidak dapat dihubungi berulang kali. Coba ulangi unit ini nanti.")
    if isinstance(exc, SoftTimeLimitExceeded):
        return _("Pengolahan unit ini melebihi batas waktu (%(n)s detik). Coba ulangi unit ini.") % {"n": _LUNAK}
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return _("Terjadi kesalahan tak terduga saat mengolah data unit ini; rinciannya dicatat di log server.")


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=_LUNAK, time_limit=_KERAS, **_ULANG)
def kelompok_jalankan(self, item_ids: list[int]) -> int:
    """Generate the reports of a chunk of units of one run: claim them at once, build each snapshot from its slice
    (a unit whose snapshot fails is marked failed alone, in plain words, and the others go on), then store them
    together in one short transaction. A transient database error retries the whole chunk with backoff (its
    units stay claimable); a storing that fails otherwise is redone unit by unit, so that only the unit at fault
    is marked failed. Out of time, the unit at hand is marked failed and the rest of the chunk queued again.
    Returns how many units were stored."""
    from laporan import services

    try:
        items = services.kelompok_claim(item_ids=item_ids)
        data: dict[int, dict] = {}
        for n, item in enumerate(items):
            try:
                data[item.pk] = services.item_susun(item=item)
            except TRANSIEN:
                raise
            except SoftTimeLimitExceeded as exc:
                log.exception("laporan: unit item %s took too long", item.pk)
                services.item_fail(item_id=item.pk, pesan=_pesan_galat(exc))
                sisa = [i.pk for i in items[n + 1 :]]
                if sisa:
                    enqueue_now("laporan.tasks.kelompok_jalankan", sisa)
                items = items[:n]
                break
            except Exception as exc:
                if not isinstance(exc, ValidationError):
                    log.exception("laporan: unit item %s failed", item.pk)
                services.item_fail(item_id=item.pk, pesan=_pesan_galat(exc))
        try:
            return len(services.kelompok_simpan(items=items, data=data))
        except TRANSIEN:
            raise
        except Exception:
            log.exception("laporan: storing the chunk %s failed; storing its units one by one", item_ids)
    except TRANSIEN as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc
        log.exception("laporan: unit items %s gave up after %s retries", item_ids, self.request.retries)
        for item_id in item_ids:
            services.item_fail(item_id=item_id, pesan=_pesan_galat(exc))
        return 0
    simpan = 0
    for item in items:
        if item.pk not in data:
            continue
        try:
            services.kelompok_simpan(items=[item], data={item.pk: data[item.pk]})
            simpan += 1
        except Exception as exc:
            log.exception("laporan: storing unit item %s failed", item.pk)
            services.item_fail(item_id=item.pk, pesan=_pesan_galat(exc))
    return simpan


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=_LUNAK, time_limit=_KERAS, **_ULANG)
def item_jalankan(self, item_id: int) -> bool:
    """Generate one unit's report (a unit retried alone: ``services.item_retry``). A transient database error is
    retried with backoff; anything else marks the unit failed with a message in plain words."""
    from laporan import services

    try:
        return services.item_run(item_id=item_id) is not None
    except TRANSIEN as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(300, 10 * 2**self.request.retries)) from exc
        log.exception("laporan: unit item %s gave up after %s retries", item_id, self.request.retries)
        services.item_fail(item_id=item_id, pesan=_pesan_galat(exc))
    except Exception as exc:
        if not isinstance(exc, ValidationError):
            log.exception("laporan: unit item %s failed", item_id)
        services.item_fail(item_id=item_id, pesan=_pesan_galat(exc))
    return False


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=60, time_limit=90)
def run_provinsi_terjadwal() -> int:
    """The beat job (``LAPORAN_JADWAL_TANGGAL`` / ``_BULAN``): the province run for the year just closed.
    Idempotent: a second firing finds the run already there."""
    from laporan import services

    return len(services.run_create_terjadwal(tahun=timezone.localdate().year - 1))
