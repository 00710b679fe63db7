"""Project-level Celery tasks.

Domain tasks live in each app's ``tasks.py``: they take primary keys, call a service and are queued with
``task.delay_on_commit(...)`` so that the worker never sees uncommitted rows. ``ping`` is the plumbing check:
``GET /healthz?worker=1`` and the real-worker test queue it and wait for the worker's answer.
"""

import logging

from celery import shared_task
from celery.signals import worker_ready


@shared_task(name="kinerja.ping", ignore_result=False, soft_time_limit=10, time_limit=15)
def ping() -> str:
    """Answer "pong": proves that a message went through the broker and a worker ran it."""
    return "pong"


@shared_task(name="kinerja.antrian_kuras", soft_time_limit=60, time_limit=90)
def antrian_kuras() -> int:
    """Send the messages stored while the broker was down (celery beat, every minute); returns how many."""
    from kinerja import antrian

    return antrian.antrian_kuras()[0]


@worker_ready.connect
def _kuras_saat_worker_mulai(**_kwargs) -> None:
    """A worker that starts (often: the broker is back after an outage) drains the outbox at once."""
    from kinerja import antrian

    try:
        antrian.antrian_kuras()
    except Exception:  # never keep the worker from starting
        logging.getLogger(__name__).exception("Antrean tertunda gagal dikuras saat worker mulai")
