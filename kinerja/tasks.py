"""Project-level Celery tasks.

Domain tasks live in each app's ``tasks.py``: they take primary keys, call a service and are queued with
``task.delay_on_commit(...)`` so that the worker never sees uncommitted rows. ``ping`` is the plumbing check:
``GET /healthz?worker=1`` and the real-worker test queue it and wait for the worker's answer.
"""

from celery import shared_task


@shared_task(name="kinerja.ping", ignore_result=False, soft_time_limit=10, time_limit=15)
def ping() -> str:
    """Answer "pong": proves that a message went through the broker and a worker ran it."""
    return "pong"
