"""Queue a Celery task from a service without importing the app's ``tasks`` module.

Tasks import services (a task loads rows by id and calls a service); services queue tasks. To keep the import
direction one way, a service names the task it queues:
``enqueue_on_commit("indikator.tasks.umpan_balik_kabari", obj.pk)``.
The task is looked up in the Celery app's registry at call time (every app's ``tasks`` module is registered by
``autodiscover_tasks``), so eager mode in tests and the real worker behave the same.

This is also the one place a later change makes queuing survive a broker that does not answer.
"""

from django.db import transaction


def enqueue_on_commit(task_name: str, *args) -> None:
    """Queue ``task_name`` with ``args`` (primary keys, never objects) once the current transaction commits."""
    transaction.on_commit(lambda: enqueue_now(task_name, *args))


def enqueue_now(task_name: str, *args):
    from kinerja.celery import app

    return app.tasks[task_name].delay(*args)
