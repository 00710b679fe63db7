"""Queue a Celery task from a service without importing the app's ``tasks`` module, and survive a broker that
does not answer.

Tasks import services (a task loads rows by id and calls a service); services queue tasks. To keep the import
direction one way, a service names the task it queues:
``enqueue_on_commit("indikator.tasks.umpan_balik_kabari", obj.pk)``.
The task is looked up in the Celery app's registry at call time (every app's ``tasks`` module is registered by
``autodiscover_tasks``), so eager mode in tests and the real worker behave the same.

The outbox: the write has committed when the message is sent, so a broker that is down must not turn the answer
into an error (the user would retry and create a duplicate). A message that cannot be sent is stored as a
``TugasTertunda`` row and sent again by ``antrian_kuras``: every minute (celery beat, ``kinerja.antrian_kuras``),
when a worker starts (``worker_ready``) and from ``manage.py antrian_kuras``. Every task is safe to run twice
(shared/architecture.md), so "sent, but the row not yet deleted" is harmless; nothing is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Waiting time before attempt n+1 of a stored message: 1, 2, 4 … minutes, at most an hour.
JEDA_MAKS = timedelta(hours=1)
KUMPULAN = 100  # messages sent per round of antrian_kuras


def enqueue_on_commit(task_name: str, *args, bila_tertunda: Callable[[], None] | None = None) -> None:
    """Queue ``task_name`` with ``args`` (primary keys, never objects) once the current transaction commits.

    When the broker does not answer, the message goes to the outbox and ``bila_tertunda()`` (if given) is called,
    e.g. to mark an import job "belum diantrekan"; the caller's answer is a success either way.
    """
    transaction.on_commit(lambda: enqueue_or_store(task_name, *args, bila_tertunda=bila_tertunda))


def _tugas(task_name: str):
    """The registered task; the apps' ``tasks`` modules are imported (autodiscovered) on first need, as the worker
    does at start, so that a web process that never imported them finds them too."""
    from kinerja.celery import app

    if task_name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[task_name]


def enqueue_now(task_name: str, *args):
    """Send now, without retrying: raises when the broker does not answer (callers that need the outbox use
    ``enqueue_or_store``)."""
    from kinerja.celery import app

    task = _tugas(task_name)
    if app.conf.task_always_eager:
        return task.delay(*args)  # runs here (tests and CELERY_TASK_ALWAYS_EAGER)
    return task.apply_async(args, retry=False)


def _broker_error_types() -> tuple[type[BaseException], ...]:
    """What a publish to a broker that does not answer raises: kombu wraps most errors in its OperationalError;
    sockets raise OSError (ConnectionRefusedError, TimeoutError); redis-py its ConnectionError/TimeoutError."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, OSError, RedisConnectionError, RedisTimeoutError)


def _eager() -> bool:
    from kinerja.celery import app

    return bool(app.conf.task_always_eager)


def enqueue_or_store(task_name: str, *args, bila_tertunda: Callable[[], None] | None = None) -> bool:
    """Send the message; when that fails, store it in the outbox. True when it was sent."""
    if _eager():
        enqueue_now(task_name, *args)  # runs here (tests): a failing task must fail the test, not fill the outbox
        return True
    try:
        enqueue_now(task_name, *args)
    except _broker_error_types() as exc:
        logger.warning("Broker tidak menjawab; tugas %s%r disimpan untuk dikirim ulang: %s", task_name, args, exc)
        _simpan(task_name, list(args), exc)
        if bila_tertunda is not None:
            try:
                bila_tertunda()
            except DatabaseError:
                logger.exception("Penanda tugas tertunda %s%r gagal ditulis", task_name, args)
        return False
    return True


def _simpan(task_name: str, args: list, exc: BaseException) -> None:
    from kinerja.models import TugasTertunda

    try:
        TugasTertunda.objects.create(nama_tugas=task_name, argumen=args, kesalahan_terakhir=_pesan(exc))
    except DatabaseError:
        # Broker and database both down: nothing more can be done here; the write itself has committed.
        logger.exception("Tugas %s%r hilang: broker dan basis data tidak menjawab", task_name, args)


def _pesan(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def antrian_kuras(*, batas: int = KUMPULAN) -> tuple[int, int]:
    """Send the stored messages that are due; returns (sent, still waiting). Safe to run in parallel: each round
    locks its rows (``SKIP LOCKED``), so two drains never send the same row twice at the same time."""
    from kinerja.models import TugasTertunda

    terkirim = 0
    sekarang = timezone.now()
    with transaction.atomic():
        baris = list(
            TugasTertunda.objects.select_for_update(skip_locked=True)
            .filter(coba_lagi_pada__lte=sekarang)
            .order_by("coba_lagi_pada", "pk")[:batas]
        )
        for tugas in baris:
            try:
                _tugas(tugas.nama_tugas)
            except KeyError:  # celery's NotRegistered: a task renamed or removed since the message was stored
                logger.error("Tugas tertunda %s tidak dikenal; dihapus", tugas.nama_tugas)
                tugas.delete()
                continue
            try:
                enqueue_now(tugas.nama_tugas, *tugas.argumen)
            except _broker_error_types() as exc:
                # The broker is still down: the others would fail the same way; try again later.
                _tunda(baris[baris.index(tugas) :], exc, sekarang)
                break
            else:
                tugas.delete()
                terkirim += 1
    sisa = TugasTertunda.objects.count()
    if terkirim or sisa:
        logger.info("Antrean tertunda: %d terkirim, %d menunggu", terkirim, sisa)
    return terkirim, sisa


def _tunda(baris: list, exc: BaseException, sekarang) -> None:
    for tugas in baris:
        tugas.percobaan += 1
        jeda = min(timedelta(minutes=2 ** min(tugas.percobaan - 1, 10)), JEDA_MAKS)
        tugas.coba_lagi_pada = sekarang + jeda
        tugas.kesalahan_terakhir = _pesan(exc)
        tugas.save(update_fields=["percobaan", "coba_lagi_pada", "kesalahan_terakhir"])
