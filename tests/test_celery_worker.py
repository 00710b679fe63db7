"""A task queued by the web process is executed by a REAL `celery -A kinerja worker` process, not eagerly.

The broker is whatever the settings say: Redis when CELERY_BROKER_URL is set (CI), the embedded filesystem
transport under var/ otherwise. The worker listens on a queue of its own, so a `make run` worker or a parallel
test run sharing the broker never steals these messages.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery.result import AsyncResult, EagerResult
from django.conf import settings
from django.db import transaction

from kinerja.celery import app as celery_app
from kinerja.tasks import ping

pytestmark = pytest.mark.worker

RESULT_TIMEOUT = 90  # seconds: worker start-up on a busy 2-core CI machine included


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    queue = f"kinerja-test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kinerja",
                "worker",
                "--queues",
                queue,
                "--hostname",
                f"{queue}@%h",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the prefork children are stopped with it
        )
    try:
        yield {"queue": queue, "log": log_path, "process": process}
    finally:
        _stop(process)
        _purge_filesystem_queue(queue)
        assert process.poll() is not None, "the Celery worker is still running after the test"


def _purge_filesystem_queue(queue: str) -> None:
    """The private queue's exchange file, and after a failed run its messages, would lie in var/celery forever."""
    if not celery_app.conf.broker_url.startswith("filesystem://"):
        return
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    for message in Path(options["data_folder_in"]).glob(f"*.{queue}.msg"):
        message.unlink(missing_ok=True)
    (Path(options["control_folder"]) / f"{queue}.exchange").unlink(missing_ok=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # warm shutdown
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def not_eager():
    """Whatever a conftest may have set: this test is about the real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def _log(worker) -> str:
    return Path(worker["log"]).read_text(errors="replace")


def _logged(worker, text: str, timeout: float = 10) -> bool:
    """The result may reach the backend a moment before the worker writes its log line."""
    deadline = time.monotonic() + timeout
    while text not in _log(worker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_ping_is_executed_by_a_real_worker_process(worker, not_eager):
    result = ping.apply_async(queue=worker["queue"])

    assert not isinstance(result, EagerResult)
    try:
        assert result.get(timeout=RESULT_TIMEOUT) == "pong"
    except Exception:
        pytest.fail(f"the worker did not answer; its log:\n{_log(worker)}")
    assert worker["process"].poll() is None, "the worker died"
    assert _logged(worker, f"kinerja.ping[{result.id}] succeeded"), _log(worker)
    result.forget()


@pytest.mark.django_db
def test_task_queued_on_commit_runs_in_the_worker_only_after_commit(
    worker, not_eager, django_capture_on_commit_callbacks
):
    task_id = str(uuid.uuid4())

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        waiting = len(transaction.get_connection().run_on_commit)
        ping.apply_async_on_commit(queue=worker["queue"], task_id=task_id)
        # Registered, not sent: the transaction is still open.
        assert len(transaction.get_connection().run_on_commit) == waiting + 1

    assert len(callbacks) == 1
    result = AsyncResult(task_id, app=celery_app)
    assert result.get(timeout=RESULT_TIMEOUT) == "pong"
    assert _logged(worker, f"kinerja.ping[{task_id}] succeeded"), _log(worker)
    result.forget()


def test_broker_in_use_matches_the_environment():
    expected = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "filesystem://"
    assert celery_app.conf.broker_url == expected
    assert celery_app.conf.task_serializer == "json"
    assert celery_app.conf.accept_content == ["json"]
    assert celery_app.conf.task_acks_late is False
    assert celery_app.conf.task_time_limit > celery_app.conf.task_soft_time_limit > 0
